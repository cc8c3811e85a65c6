/*
 * extract/tokens.c — the tokenizer of extraction (see tokens.h).
 */
#include "extract/tokens.h"
#include "extract/lexicon.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <ctype.h>
#include <string.h>

static bool qc_is_dq(int32_t cp)
{
    return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x00AB || cp == 0x00BB ||
           cp == 0x201E || cp == 0x201F || cp == 0x2033 || cp == 0xFF02;
}

static bool qc_is_sq(int32_t cp)
{
    return cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x2039 || cp == 0x203A ||
           cp == 0x201A || cp == 0x201B;
}

static bool qc_is_apos(int32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }

/* Does key end in a contraction ("i'm", "we’ve", "they'll", "don't")? */
static bool qc_contraction(const char *key)
{
    static const char *const ends[] = { "m", "re", "ve", "ll", "d", "t" };
    const char *ap = strrchr(key, '\'');
    size_t al = 1;
    const char *cu = strstr(key, "\xE2\x80\x99");
    if (cu && (!ap || cu > ap)) {
        ap = cu;
        al = 3;
    }
    if (!ap || ap == key)
        return false;
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
        if (!strcmp(ap + al, ends[i]))
            return strcmp(ends[i], "t") || (ap > key && ap[-1] == 'n');   /* "-n't" only */
    return false;
}

static bool qc_is_wordch(int32_t cp)
{
    return qc_cp_is_alpha(cp) || qc_cp_is_digit(cp) || (cp >= 0x300 && cp < 0x370);
}

static int32_t qc_peek(const char *s, size_t i, size_t to, size_t *n)
{
    if (i >= to) {
        *n = 0;
        return -1;
    }
    return qc_utf8_decode(s + i, to - i, n);
}

static int32_t qc_prev(const char *s, size_t from, size_t i)
{
    if (i <= from)
        return -1;
    size_t st;
    return qc_utf8_decode_before(s, i, &st);
}

static bool qc_is_opening_context(int32_t cp)
{
    return cp < 0 || qc_cp_is_space(cp) || cp == '(' || cp == '[' || cp == '{' || cp == 0x2014 ||
           cp == 0x2013 || cp == '-' || cp == '/' || cp == ':' || qc_is_dq(cp) || qc_is_sq(cp);
}

static bool qc_is_closing_context(int32_t cp)
{
    return cp < 0 || qc_cp_is_space(cp) || cp == ')' || cp == ']' || cp == '}' || cp == ',' ||
           cp == '.' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == 0x2014 ||
           cp == 0x2013 || cp == '-' || cp == 0x2026 || qc_is_dq(cp) || qc_is_sq(cp);
}

/* Does the word s[a..b) start with a lowercase letter? */
static bool any_lower_before_upper(const char *s, size_t a, size_t b)
{
    size_t n;
    int32_t cp = qc_utf8_decode(s + a, b - a, &n);
    return !qc_cp_is_upper(cp);
}

static void qc_make_key(const char *s, size_t a, size_t b, char *key)
{
    size_t k = 0;
    for (size_t i = a; i < b && k < 27;) {
        size_t n;
        int32_t cp = qc_utf8_decode(s + i, b - i, &n);
        i += n;
        if (qc_is_apos(cp))
            cp = '\'';
        else if (cp == 0x2010 || cp == 0x2011)
            cp = '-';
        else
            cp = qc_cp_fold(cp);
        if (cp < 0x80)
            key[k++] = (char)cp;
    }
    key[k] = '\0';
}

/* Number of ASCII capital letters in s[i..j). */
static size_t qc_ascii_uppers(const char *s, size_t i, size_t j)
{
    size_t n = 0;
    for (size_t q = i; q < j; q++)
        if (s[q] >= 'A' && s[q] <= 'Z')
            n++;
    return n;
}

void qc_tokenize(const char *s, size_t from, size_t to, qc_tokens *out)
{
    size_t i = from;
    bool space_before = true;
    while (i < to) {
        size_t n;
        int32_t cp = qc_peek(s, i, to, &n);
        if (qc_cp_is_space(cp) || cp == 0xFEFF || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060) {
            i += n;
            space_before = true;
            continue;
        }
        qc_token t;
        memset(&t, 0, sizeof t);
        t.start = (uint32_t)i;
        if (space_before)
            t.flags |= QC_TKF_SPACE_BEFORE;
        space_before = false;
        if (qc_is_wordch(cp)) {
            size_t j = i + n;
            bool any_upper = qc_cp_is_upper(cp), any_lower = !any_upper && qc_cp_is_alpha(cp);
            int letters = qc_cp_is_alpha(cp) ? 1 : 0;
            bool digit = qc_cp_is_digit(cp);
            bool inner_dot = false;
            for (;;) {
                size_t m;
                int32_t c = qc_peek(s, j, to, &m);
                if (c < 0)
                    break;
                if (qc_is_wordch(c)) {
                    if (qc_cp_is_upper(c))
                        any_upper = true;
                    else if (qc_cp_is_alpha(c))
                        any_lower = true;
                    if (qc_cp_is_alpha(c))
                        letters++;
                    if (qc_cp_is_digit(c))
                        digit = true;
                    j += m;
                    continue;
                }
                size_t m2;
                int32_t c2 = qc_peek(s, j + m, to, &m2);
                bool next_word = c2 >= 0 && qc_is_wordch(c2);
                if (qc_is_apos(c) && next_word && qc_cp_is_alpha(c2)) {
                    j += m;   /* don't, Iran’s, O'Brien */
                    continue;
                }
                if ((c == '-' || c == 0x2010 || c == 0x2011 || c == '&') && next_word) {
                    j += m;
                    continue;
                }
                if (c == 0x2013 && next_word && qc_cp_is_upper(c2) && any_upper && !any_lower_before_upper(s, i, j)) {
                    j += m;   /* "Export–Import Bank": an en dash inside a name */
                    continue;
                }
                if ((c == ',' || c == '.') && digit && c2 >= 0 && qc_cp_is_digit(c2)) {
                    int32_t pc = qc_prev(s, from, j);
                    if (pc >= 0 && qc_cp_is_digit(pc)) {
                        j += m;   /* 1,000 and 3.5 */
                        continue;
                    }
                }
                if (c == '.' && next_word && qc_cp_is_alpha(c2) && letters <= 2) {
                    /* U.S. / a.m. / e.g.: single letters between dots */
                    size_t m3;
                    int32_t c3 = qc_peek(s, j + m + m2, to, &m3);
                    if (c3 == '.' || c3 < 0 || !qc_is_wordch(c3)) {
                        j += m;
                        inner_dot = true;
                        continue;
                    }
                }
                if (c == '@' || c == '_')   /* handles and identifiers stay one word */
                    if (next_word) {
                        j += m;
                        continue;
                    }
                break;
            }
            t.type = QC_TK_WORD;
            t.end = (uint32_t)j;
            qc_make_key(s, i, j, t.key);
            /* possessive */
            size_t kl = strlen(t.key);
            if (kl > 2 && t.key[kl - 2] == '\'' && t.key[kl - 1] == 's')
                t.flags |= QC_TKF_POSS;
            /* trailing abbreviation period */
            size_t m;
            int32_t c = qc_peek(s, j, to, &m);
            if (c == 0x2024 && letters == 1 && any_upper && !digit)
                c = '.';   /* "Sergey M․": an initial written with a one-dot leader */
            if (c == '.') {
                char k2[32];
                memcpy(k2, t.key, kl);
                k2[kl] = '.';
                k2[kl + 1] = '\0';
                bool initial = letters == 1 && any_upper && !digit && (j - i) <= 2;
                if (initial || inner_dot || (kl < 26 && qc_lexicon_is(k2, QC_LX_ABBR))) {
                    t.end = (uint32_t)(j + m);
                    t.flags |= QC_TKF_ABBR;
                    if (kl < 26) {
                        t.key[kl] = '.';
                        t.key[kl + 1] = '\0';
                    }
                }
            }
            if (any_upper && qc_cp_is_upper(cp))
                t.flags |= QC_TKF_CAP;
            if (any_upper && !any_lower && letters >= 2)
                t.flags |= QC_TKF_ALLCAPS;
            if ((t.flags & QC_TKF_POSS) && !(t.flags & QC_TKF_ALLCAPS)) {
                /* "WHO's", "IRGC's": an acronym with a possessive */
                size_t up = 0, low = 0;
                for (size_t q = i; q < t.end; q++) {
                    unsigned char ch = (unsigned char)s[q];
                    if (ch == '\'' || ch == 0xE2)
                        break;   /* the apostrophe (straight or curly) */
                    if (ch >= 'A' && ch <= 'Z')
                        up++;
                    else if (ch >= 'a' && ch <= 'z')
                        low++;
                }
                if (up >= 2 && low == 0)
                    t.flags |= QC_TKF_ALLCAPS;
            }
            if (digit)
                t.flags |= QC_TKF_DIGIT;
            if ((t.flags & QC_TKF_CAP) && !(t.flags & QC_TKF_ALLCAPS) && !digit && j - i <= 4 &&
                qc_ascii_uppers(s, i, j) >= 2)
                t.flags |= QC_TKF_MIXACR;
            t.cls = qc_lexicon_get(t.key);
            if (!(t.flags & QC_TKF_POSS) && qc_contraction(t.key)) {
                /* "I'm", "we've": never a name; "wasn't", "didn't": an
                 * auxiliary, as a verb after its subject */
                size_t cl = strlen(t.key);
                t.cls |= cl > 3 && t.key[cl - 1] == 't' ? QC_LX_AUX : QC_LX_FUNC;
            }
            {
                const char *hy = strrchr(t.key, '-');
                if (hy && hy[1]) {
                    unsigned last = qc_lexicon_get(hy + 1);
                    /* "Secretary-General": a title; "Kurdish-led": a modifier */
                    t.cls |= last & (QC_LX_TITLE | QC_LX_MOD);
                    if (!strcmp(hy + 1, "led") || !strcmp(hy + 1, "backed") || !strcmp(hy + 1, "based") ||
                        !strcmp(hy + 1, "owned") || !strcmp(hy + 1, "run") || !strcmp(hy + 1, "born"))
                        t.cls |= QC_LX_MOD;
                }
                /* "el-Sisi", "al-Assad", "bin-Salman": part of a name */
                if ((!strncmp(t.key, "al-", 3) || !strncmp(t.key, "el-", 3) || !strncmp(t.key, "ad-", 3) ||
                     !strncmp(t.key, "as-", 3) || !strncmp(t.key, "bin-", 4)) && !(t.flags & QC_TKF_CAP)) {
                    const char *after = strchr(s + i, '-');
                    if (after && after + 1 < s + t.end && after[1] >= 'A' && after[1] <= 'Z')
                        t.flags |= QC_TKF_CAP;
                }
            }
            if (t.flags & QC_TKF_POSS) {
                char base[28];
                size_t bl = strlen(t.key) - 2;
                memcpy(base, t.key, bl);
                base[bl] = '\0';
                t.cls |= qc_lexicon_get(base);
            }
            i = t.end;
            array_push(out, t);
            continue;
        }
        if (qc_is_dq(cp) || qc_is_sq(cp)) {
            int32_t before = qc_prev(s, from, i);
            size_t m;
            int32_t after = qc_peek(s, i + n, to, &m);
            t.type = qc_is_dq(cp) ? QC_TK_DQ : QC_TK_SQ;
            t.cp = cp;
            t.end = (uint32_t)(i + n);
            bool after_space = after < 0 || qc_cp_is_space(after);
            bool before_space = before < 0 || qc_cp_is_space(before);
            if (qc_is_opening_context(before) && !after_space)
                t.flags |= QC_TKF_OPEN;
            if (!before_space && qc_is_closing_context(after))
                t.flags |= QC_TKF_CLOSE;
            /* an apostrophe at the end of a word: soldiers’ (possible close) */
            i += n;
            array_push(out, t);
            continue;
        }
        /* punctuation: "..." is one token */
        t.type = QC_TK_PUNCT;
        t.cp = cp;
        size_t j = i + n;
        if (cp == '.') {
            while (j < to && s[j] == '.')
                j++;
            if (j - i >= 3)
                t.cp = 0x2026;
        }
        t.end = (uint32_t)j;
        /* "UOL.com.br", "example.org": a dot inside a word ends nothing */
        bool inner_dot = t.cp == '.' && j < to && i > from && isalpha((unsigned char)s[j]) &&
                         isalnum((unsigned char)s[i - 1]);
        if ((t.cp == '.' && !inner_dot) || cp == '!' || cp == '?')
            t.flags |= QC_TKF_SENT_END;
        i = j;
        array_push(out, t);
    }
}

void qc_tokens_free(qc_tokens *self)
{
    free(self->items);
    self->items = NULL;
    self->len = self->cap = 0;
}
