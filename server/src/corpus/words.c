/*
 * corpus/words.c — splitting texts into normalised words, and the hashes
 * the index, the near-duplicate detector and the cache use.
 *
 * A word is hashed as it is scanned (FNV-1a 32 over its folded UTF-8), so
 * tokenising allocates nothing but the output array: the index is built
 * at close to I/O speed. Folding is qc_cp_fold per code point (case fold,
 * compatibility decomposition, accents stripped), the same normalisation
 * qc_utf8_fold applies to whole strings.
 */
#include "corpus/corpus_internal.h"
#include "util/utf8.h"

#include <string.h>
#include <utf8proc.h>

uint64_t qc_corpus_hash64(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

uint64_t qc_corpus_checksum(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t a = 0x9e3779b97f4a7c15ULL, b = 0xc2b2ae3d27d4eb4fULL,
             c = 0x165667b19e3779f9ULL, d = 0x85ebca77c2b2ae63ULL;
    const uint64_t m = 0x100000001b3ULL;
    size_t i = 0;
    for (; i + 32 <= len; i += 32) {
        uint64_t w[4];
        memcpy(w, p + i, 32);
        a = (a ^ w[0]) * m;
        b = (b ^ w[1]) * m;
        c = (c ^ w[2]) * m;
        d = (d ^ w[3]) * m;
        a ^= a >> 29;
        b ^= b >> 29;
        c ^= c >> 29;
        d ^= d >> 29;
    }
    uint64_t h = qc_corpus_mix64(a) ^ qc_corpus_mix64(b + 1) ^ qc_corpus_mix64(c + 2) ^
                 qc_corpus_mix64(d + 3);
    for (; i < len; i++) {
        h ^= p[i];
        h *= m;
    }
    return qc_corpus_mix64(h ^ (uint64_t)len);
}

static inline int qc_is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    if (qc_cp_is_alpha(cp))
        return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC;
}

static inline int qc_is_mark(int32_t cp)
{
    if (cp < 0x300)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

static inline int32_t qc_cp_at(const char *s, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    return qc_utf8_decode(s + i, len - i, n);
}

void qc_corpus_tokenize(const char *s, size_t len, size_t base, qc_ctoken_array *out)
{
    size_t i = 0;
    while (i < len) {
        size_t n;
        int32_t cp = qc_cp_at(s, len, i, &n);
        if (!qc_is_word_cp(cp) || qc_is_mark(cp)) {
            i += n;
            continue;
        }
        size_t start = i;
        uint32_t h = 2166136261u;
        int32_t prev = 0;
        for (;;) {
            if (cp < 0x80) {
                unsigned char c = (unsigned char)cp;
                if (c >= 'A' && c <= 'Z')
                    c = (unsigned char)(c + 32);
                h = (h ^ c) * 16777619u;
            } else if (!qc_is_mark(cp)) {
                char buf[4];
                size_t k = qc_utf8_encode(qc_cp_fold(cp), buf);
                for (size_t j = 0; j < k; j++)
                    h = (h ^ (unsigned char)buf[j]) * 16777619u;
            }
            prev = cp;
            i += n;
            if (i >= len)
                break;
            cp = qc_cp_at(s, len, i, &n);
            if (qc_is_word_cp(cp))
                continue;
            /* joiners inside a word: apostrophes, digit separators */
            int is_apos = cp == '\'' || cp == 0x2019;
            int is_sep = (cp == ',' || cp == '.') && prev >= '0' && prev <= '9';
            if (is_apos || is_sep) {
                size_t n2;
                if (i + n >= len)
                    break;
                int32_t next = qc_cp_at(s, len, i + n, &n2);
                int ok = is_apos ? qc_is_word_cp(next) && !(next >= '0' && next <= '9')
                                 : (next >= '0' && next <= '9');
                if (ok) {
                    i += n;
                    cp = next;
                    n = n2;
                    continue;
                }
            }
            break;
        }
        qc_ctoken t = { h, (uint32_t)(start + base), (uint32_t)(i + base) };
        array_push(out, t);
    }
}
