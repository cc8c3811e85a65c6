/*
 * util/utf8.c — UTF-8 decoding, validation and folding (see utf8.h).
 */
#include "util/utf8.h"
#include "util/alloc.h"

#include <string.h>
#include <pthread.h>
#include <utf8proc.h>

int32_t qc_utf8_decode(const char *s, size_t n, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) {
        *len = 0;
        return -1;
    }
    if (u[0] < 0x80) {
        *len = 1;
        return u[0];
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t r = utf8proc_iterate(u, (utf8proc_ssize_t)(n > 4 ? 4 : n), &cp);
    if (r <= 0) {
        *len = 1;
        return 0xFFFD;
    }
    *len = (size_t)r;
    return cp;
}

int32_t qc_utf8_decode_before(const char *s, size_t pos, size_t *start)
{
    if (pos == 0) {
        *start = 0;
        return -1;
    }
    size_t i = pos - 1;
    size_t lim = pos >= 4 ? pos - 4 : 0;
    while (i > lim && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    size_t len;
    int32_t cp = qc_utf8_decode(s + i, pos - i, &len);
    if (i + len != pos) {   /* invalid: step back one byte */
        *start = pos - 1;
        return 0xFFFD;
    }
    *start = i;
    return cp;
}

size_t qc_utf8_encode(int32_t cp, char *out)
{
    utf8proc_ssize_t n = utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
    return n > 0 ? (size_t)n : 0;
}

size_t qc_utf8_validate(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t r = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i > 4 ? 4 : n - i), &cp);
        if (r <= 0)
            return i;
        i += (size_t)r;
    }
    return (size_t)-1;
}

size_t qc_utf8_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

bool qc_cp_is_alpha(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

bool qc_cp_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU || utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

bool qc_cp_is_digit(int32_t cp) { return cp >= '0' && cp <= '9'; }

bool qc_cp_is_space(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
    return cp == 0xA0 || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200A);
}

static int32_t qc_cp_fold_slow(int32_t cp)
{
    utf8proc_int32_t buf[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, buf, 8,
        UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_COMPAT, &last);
    if (n >= 1)
        return buf[0];
    return cp;
}

/* qc_cp_fold of the code points below QC_FOLD_TABLE (Latin, Greek,
 * Cyrillic, …, and the punctuation block: curly quotes, dashes), computed
 * once: utf8proc's decomposition per character was a hot spot of matching. */
#define QC_FOLD_TABLE 0x2100
static int32_t qc_fold_table[QC_FOLD_TABLE];
static pthread_once_t qc_fold_once = PTHREAD_ONCE_INIT;

static void qc_fold_table_init(void)
{
    for (int32_t cp = 0; cp < QC_FOLD_TABLE; cp++)
        qc_fold_table[cp] = cp < 0x80 ? ((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp) : qc_cp_fold_slow(cp);
}

int32_t qc_cp_fold(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (cp < QC_FOLD_TABLE) {
        pthread_once(&qc_fold_once, qc_fold_table_init);
        return qc_fold_table[cp];
    }
    return qc_cp_fold_slow(cp);
}

char *qc_utf8_fold(const char *s, size_t n)
{
    /* ASCII without NUL: case folding is all utf8proc_map would do */
    size_t k = 0;
    while (k < n && (unsigned char)s[k] < 0x80 && s[k])
        k++;
    if (k == n) {
        char *res = qc_malloc(n + 1);
        for (size_t i = 0; i < n; i++)
            res[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
        res[n] = 0;
        return res;
    }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
        UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    if (r < 0 || !out) {
        free(out);
        return qc_strndup(s, n);
    }
    char *res = qc_strdup((char *)out);
    free(out);
    return res;
}
