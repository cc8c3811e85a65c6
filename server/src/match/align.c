/*
 * match/align.c — words and their word-level alignment (issue 3, owned by
 * the matching engineer; see match_internal.h).
 *
 * Words. A word is a run of letters, digits and combining marks, with
 * apostrophes between letters and , . : between digits kept inside it
 * ("Hydro's", "4.2", "5:30", "1,000"), and a dot between letters ("U.S.")
 * dropped. Hyphens and dashes split words ("self-defense" = "self
 * defense"), so hyphen and dash variants never matter. "&", "%", "€", "$"
 * and "£" are words of their own ("%" = "percent"; "&" is not "and").
 * Comparison is on a 64-bit hash of the folded word: case and accents
 * folded (qc_cp_fold), curly and straight apostrophes equal, "1,000" =
 * "1000", a leading zero dropped ("05:25" = "5:25"), number words zero to
 * twenty and the tens equal to their numerals. Punctuation between words
 * never takes part, so case, quote style, whitespace and the punctuation
 * at a quote's end are never differences.
 *
 * A word whose first letters were changed in brackets ("[w]e") is the
 * word without them, in drafts and sources alike.
 *
 * In a draft quote an ellipsis ("…", "...", ". . .", "[…]", "[...]") is a
 * GAP word and every word inside [square brackets] belongs to a bracket
 * group: an editorial insertion.
 *
 * Alignment. A Levenshtein alignment over words, semi-global (source words
 * before and after the quoted part cost nothing), with equal costs for a
 * changed and an added word, and a run of dropped words costing one such
 * edit plus a twentieth per further word (affine, Gotoh); a GAP stands for any run of source
 * words and a bracket group for up to 4 source words (or as many as it
 * holds), both free. Ties
 * prefer equal words, then gaps, substitutions, additions, drops. The edit
 * script gives the diff, the exact source wording (the fix) and, when
 * words were only dropped, the draft with "…" where they were.
 */
#include "match/match_internal.h"
#include "util/alloc.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* ---- words ------------------------------------------------------------------ */

static bool qc_is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    if (cp >= 0x300 && cp < 0x370)
        return true;   /* combining diacritics */
    return qc_cp_is_alpha(cp) || qc_cp_is_digit(cp);
}

static bool qc_is_apos(int32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }
static bool qc_is_digit(int32_t cp) { return cp >= '0' && cp <= '9'; }

static int32_t qc_cp(const char *s, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    return qc_utf8_decode(s + i, len - i, n);
}

static uint64_t qc_fnv(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h ? h : 1;
}

static const char *const qc_number_words[][2] = {
    { "zero", "0" }, { "one", "1" }, { "two", "2" }, { "three", "3" }, { "four", "4" },
    { "five", "5" }, { "six", "6" }, { "seven", "7" }, { "eight", "8" }, { "nine", "9" },
    { "ten", "10" }, { "eleven", "11" }, { "twelve", "12" }, { "thirteen", "13" },
    { "fourteen", "14" }, { "fifteen", "15" }, { "sixteen", "16" }, { "seventeen", "17" },
    { "eighteen", "18" }, { "nineteen", "19" }, { "twenty", "20" }, { "thirty", "30" },
    { "forty", "40" }, { "fifty", "50" }, { "sixty", "60" }, { "seventy", "70" },
    { "eighty", "80" }, { "ninety", "90" }, { "hundred", "100" }, { "dozen", "12" },
};

/* Fold one word s[0..n) (already known to be a word) into buf; returns the
 * key and whether it is a number. */
static uint64_t qc_key_of(const char *s, size_t n, bool *is_number)
{
    char buf[128];
    size_t k = 0;
    bool digits_only = true, any_digit = false;
    for (size_t i = 0; i < n;) {
        size_t cl;
        int32_t cp = qc_cp(s, n, i, &cl);
        i += cl;
        char enc[4];
        size_t el;
        if (cp < 0x80) {
            if (cp >= 'A' && cp <= 'Z')
                cp += 32;
            if (cp == '.' && k && !qc_is_digit((unsigned char)buf[k - 1]))
                continue;   /* U.S. -> us */
            if (cp == ',' && k && qc_is_digit((unsigned char)buf[k - 1]))
                continue;   /* 1,000 -> 1000 */
            if (cp == '0' && k == 0 && i < n && qc_is_digit((unsigned char)s[i]))
                continue;   /* 05:25 -> 5:25 */
            enc[0] = (char)cp;
            el = 1;
        } else if (qc_is_apos(cp)) {
            enc[0] = '\'';
            el = 1;
        } else if (cp >= 0x300 && cp < 0x370) {
            continue;
        } else {
            el = qc_utf8_encode(qc_cp_fold(cp), enc);
        }
        for (size_t j = 0; j < el; j++) {
            if (qc_is_digit((unsigned char)enc[j]))
                any_digit = true;
            else if (enc[j] != '.' && enc[j] != ':' && enc[j] != ',')
                digits_only = false;
            if (k < sizeof buf)
                buf[k++] = enc[j];
        }
    }
    *is_number = any_digit && digits_only;
    /* number words are 3 ("one") to 9 ("seventeen") bytes */
    if (!any_digit && k >= 3 && k <= 9)
        for (size_t w = 0; w < sizeof qc_number_words / sizeof *qc_number_words; w++)
            if (qc_number_words[w][0][0] == buf[0] && strlen(qc_number_words[w][0]) == k &&
                !memcmp(buf, qc_number_words[w][0], k)) {
                *is_number = true;
                return qc_fnv(qc_number_words[w][1], strlen(qc_number_words[w][1]));
            }
    return qc_fnv(buf, k);
}

uint64_t qc_match_word_key(const char *s, size_t len)
{
    bool num;
    return qc_key_of(s, len, &num);
}

static void qc_push(qc_mwords *out, qc_mword w)
{
    if (out->len == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 64;
        out->items = qc_realloc(out->items, out->cap * sizeof *out->items);
    }
    out->items[out->len++] = w;
}

/* A word of the text; inside [square brackets] (depth > 0) it belongs to
 * bracket group `group`. */
static void qc_push_word(qc_mwords *out, qc_mword w, int depth, int group)
{
    if (depth > 0) {
        w.flags |= QC_MW_BRACKET;
        w.group = group;
    }
    qc_push(out, w);
}

void qc_mwords_free(qc_mwords *w)
{
    free(w->items);
    w->items = NULL;
    w->len = w->cap = 0;
}

/* An ellipsis at s[i]: its byte length, else 0. */
static size_t qc_ellipsis_at(const char *s, size_t len, size_t i)
{
    if (i + 3 <= len && !memcmp(s + i, "\xE2\x80\xA6", 3))
        return 3;
    if (i + 3 <= len && !memcmp(s + i, "...", 3)) {
        size_t k = i + 3;
        while (k < len && s[k] == '.')
            k++;
        return k - i;
    }
    if (i + 5 <= len && !memcmp(s + i, ". . .", 5))
        return 5;
    return 0;
}

/* A word whose first letters were changed in brackets, "[w]e", "[T]he",
 * at s[i] (the '['): the byte length of the whole word, else 0. Such a
 * word is the word with the brackets removed, in drafts and sources alike:
 * changing the case of a quote's first letter is an editor's right, not an
 * insertion. */
static size_t qc_bracket_word_at(const char *s, size_t len, size_t i)
{
    if (i > 0) {
        size_t k = i;
        while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
            k--;
        size_t n;
        if (k > 0 && qc_is_word_cp(qc_cp(s, len, k - 1, &n)))
            return 0;
    }
    size_t j = i + 1, n, letters = 0;
    while (j < len && letters < 4) {
        int32_t cp = qc_cp(s, len, j, &n);
        if (!qc_cp_is_alpha(cp))
            break;
        letters++;
        j += n;
    }
    if (!letters || letters > 3 || j >= len || s[j] != ']')
        return 0;
    j++;
    if (j >= len || !qc_cp_is_alpha(qc_cp(s, len, j, &n)))
        return 0;
    while (j < len) {
        int32_t cp = qc_cp(s, len, j, &n);
        if (qc_is_word_cp(cp)) {
            j += n;
            continue;
        }
        size_t n2;
        if (qc_is_apos(cp) && j + n < len && qc_cp_is_alpha(qc_cp(s, len, j + n, &n2))) {
            j += n;
            continue;
        }
        break;
    }
    return j - i;
}

void qc_match_words(const char *s, size_t len, size_t base, bool draft, qc_mwords *out)
{
    int depth = 0, group = -1, ngroups = 0;
    size_t i = 0;
    while (i < len) {
        size_t n;
        int32_t cp = qc_cp(s, len, i, &n);
        size_t el = qc_ellipsis_at(s, len, i);
        if (el) {
            if (draft) {
                qc_mword w = { qc_fnv("...", 3), base + i, base + i + el, QC_MW_GAP, -1 };
                /* "[…]" : the brackets only hold the ellipsis */
                qc_push(out, w);
            } else if (out->len) {
                out->items[out->len - 1].flags |= QC_MW_SENT_END;
                /* "[...]", or " … " between spaces: the writer left words
                 * out here (not a speaker trailing off: "like… wow") */
                if (i > 0 && (s[i - 1] == '[' || (s[i - 1] == ' ' && i + el < len && s[i + el] == ' ')))
                    out->items[out->len - 1].flags |= QC_MW_OMIT;
            }
            i += el;
            continue;
        }
        size_t bw = cp == '[' ? qc_bracket_word_at(s, len, i) : 0;
        if (bw) {
            char buf[128];
            size_t k = 0;
            for (size_t j = i; j < i + bw && k < sizeof buf; j++)
                if (s[j] != '[' && s[j] != ']')
                    buf[k++] = s[j];
            bool num;
            qc_mword w = { qc_key_of(buf, k, &num), base + i, base + i + bw, 0, -1 };
            qc_push_word(out, w, depth, group);
            i += bw;
            continue;
        }
        if (draft && cp == '[') {
            depth++;
            if (depth == 1)
                group = ngroups++;
            i += n;
            continue;
        }
        if (draft && cp == ']') {
            if (depth > 0)
                depth--;
            i += n;
            continue;
        }
        if (cp == '.' || cp == '!' || cp == '?') {
            if (out->len && !(out->items[out->len - 1].flags & QC_MW_GAP))
                out->items[out->len - 1].flags |= QC_MW_SENT_END;
            i += n;
            continue;
        }
        if (cp == '&' || cp == '%' || cp == 0x20AC || cp == '$' || cp == 0xA3) {
            const char *k = cp == '%' ? "percent" : NULL;
            char enc[4];
            size_t kl = k ? strlen(k) : qc_utf8_encode(cp, enc);
            qc_mword w = { qc_fnv(k ? k : enc, kl), base + i, base + i + n, 0, -1 };
            qc_push_word(out, w, depth, group);
            i += n;
            continue;
        }
        if (!qc_is_word_cp(cp) || (cp >= 0x300 && cp < 0x370)) {
            i += n;
            continue;
        }
        size_t start = i;
        int32_t prev = cp;
        size_t seg = 1;   /* letters since the start or the last joined dot */
        bool abbr = false;
        i += n;
        while (i < len) {
            cp = qc_cp(s, len, i, &n);
            if (qc_is_word_cp(cp)) {
                prev = cp;
                seg++;
                i += n;
                continue;
            }
            size_t n2 = 0;
            int32_t next = i + n < len ? qc_cp(s, len, i + n, &n2) : 0;
            bool join = false;
            if (qc_is_apos(cp))
                join = qc_is_word_cp(prev) && !qc_is_digit(prev) && qc_is_word_cp(next) &&
                       !qc_is_digit(next);
            else if (cp == ',' || cp == ':')
                join = qc_is_digit(prev) && qc_is_digit(next);
            else if (cp == '.')
                join = (qc_is_digit(prev) && qc_is_digit(next)) ||
                       (seg == 1 && qc_cp_is_alpha(prev) && qc_cp_is_alpha(next));
            if (!join)
                break;
            if (cp == '.' && !qc_is_digit(prev))
                abbr = true;
            i += n;
            seg = 0;
        }
        if (abbr && seg == 1 && i < len && s[i] == '.')
            i++;   /* "U.S." keeps its last dot */
        bool num;
        qc_mword w = { qc_key_of(s + start, i - start, &num), base + start, base + i, 0, -1 };
        if (num)
            w.flags |= QC_MW_NUMBER;
        qc_push_word(out, w, depth, group);
    }
}

/* ---- alignment ---------------------------------------------------------------- */

typedef enum { QC_EL_WORD, QC_EL_GAP, QC_EL_BRACKET } qc_el_kind;

typedef struct qc_el {
    qc_el_kind kind;
    size_t d, d_to;
} qc_el;

enum { BP_NONE, BP_DIAG, BP_INS, BP_SPAN, BP_START };

#define QC_BRACKET_SPAN 4
/* costs: a changed or added word 20; a run of dropped words 20 to open
 * and 1 for each further word, so two passages joined as one
 * (many words dropped at one place) align as such rather than as a pile
 * of changed or added words */
#define QC_COST_SUB 20
#define QC_COST_INS 20
#define QC_COST_DEL_OPEN 20
#define QC_COST_DEL_EXT 1
/* an edit on the quote's first or last word costs this much more: the
 * source words before and after the quoted part are free, so without it a
 * changed last word plus free trailing words would undercut a dropped run
 * in the middle ("responsible [-for … people-] accountable") */
#define QC_COST_EDGE 10
#define QC_INF (INT_MAX / 4)

bool qc_match_align(const qc_mword *d, size_t n, const qc_mword *s, size_t m, qc_alignment *out)
{
    memset(out, 0, sizeof *out);
    if (!n || !m)
        return false;
    qc_el *el = qc_malloc(n * sizeof *el);
    size_t ne = 0;
    for (size_t i = 0; i < n; i++) {
        if (d[i].flags & QC_MW_GAP) {
            if (ne && el[ne - 1].kind == QC_EL_GAP)
                continue;
            el[ne++] = (qc_el){ QC_EL_GAP, i, i };
        } else if (d[i].flags & QC_MW_BRACKET) {
            if (ne && el[ne - 1].kind == QC_EL_BRACKET && d[el[ne - 1].d].group == d[i].group)
                el[ne - 1].d_to = i;
            else
                el[ne++] = (qc_el){ QC_EL_BRACKET, i, i };
        } else {
            el[ne++] = (qc_el){ QC_EL_WORD, i, i };
            out->draft_words++;
        }
    }
    /* M: best cost with the last step not a drop; D: ending in a run of
     * drops; B: the better of the two (what the next row reads). One
     * allocation for all of them; `from` is only kept for gap and bracket
     * rows, the only ones the trace back reads it in. */
    size_t W = m + 1, cells = (ne + 1) * W;
    char *mem = qc_malloc(cells * (3 * sizeof(int) + sizeof(uint32_t) + 2));
    int *M = (int *)mem;
    int *D = M + cells;
    int *B = D + cells;
    uint32_t *from = (uint32_t *)(B + cells);
    unsigned char *bp = (unsigned char *)(from + cells);
    unsigned char *dfrom = bp + cells;   /* D came from: 0 = M, 1 = D */
    for (size_t j = 0; j <= m; j++) {
        M[j] = 0;
        D[j] = QC_INF;
        B[j] = 0;
        bp[j] = BP_START;
        from[j] = (uint32_t)j;
        dfrom[j] = 0;
    }
    for (size_t i = 1; i <= ne; i++) {
        const qc_el *e = &el[i - 1];
        const int *Bp = B + (i - 1) * W;   /* the row before */
        int *Mr = M + i * W, *Dr = D + i * W, *Br = B + i * W;
        unsigned char *bpr = bp + i * W, *dfr = dfrom + i * W;
        int edge = i == 1 ? QC_COST_EDGE : 0;
        /* a gap: the best of the row before over [0, j], the latest on a
         * tie (a running minimum) */
        int gmin = QC_INF;
        size_t garg = 0;
        for (size_t j = 0; j <= m; j++) {
            int best = QC_INF;
            unsigned char b = BP_NONE;
            if (e->kind == QC_EL_WORD) {
                if (j >= 1) {
                    bool eq = d[e->d].key == s[j - 1].key;
                    int c = Bp[j - 1] + (eq ? 0 : QC_COST_SUB + edge);
                    if (c < best) {
                        best = c;
                        b = BP_DIAG;
                    }
                }
                int c = Bp[j] + QC_COST_INS + edge;
                if (c < best) {
                    best = c;
                    b = BP_INS;
                }
            } else if (e->kind == QC_EL_GAP) {
                if (Bp[j] <= gmin) {
                    gmin = Bp[j];
                    garg = j;
                }
                if (gmin < best) {
                    best = gmin;
                    b = BP_SPAN;
                }
                from[i * W + j] = (uint32_t)garg;
            } else {
                /* as many source words as the group has, at least
                 * QC_BRACKET_SPAN: a source's own bracketed insertion
                 * copied whole ("[working with the Eastern Shoshone]'s") */
                size_t span = e->d_to - e->d + 1 > QC_BRACKET_SPAN ? e->d_to - e->d + 1 : QC_BRACKET_SPAN;
                size_t f = j;
                size_t lo = j > span ? j - span : 0;
                for (size_t k = j + 1; k-- > lo;) {
                    int c = Bp[k];
                    if (c < best) {
                        best = c;
                        b = BP_SPAN;
                        f = k;
                    }
                }
                from[i * W + j] = (uint32_t)f;
            }
            Mr[j] = best;
            bpr[j] = b;
            int dc = QC_INF;
            unsigned char df = 0;
            if (j >= 1) {
                int o = Mr[j - 1] + QC_COST_DEL_OPEN;
                int x = Dr[j - 1] + QC_COST_DEL_EXT;
                if (x < o) {
                    dc = x;
                    df = 1;
                } else {
                    dc = o;
                }
            }
            Dr[j] = dc;
            dfr[j] = df;
            Br[j] = best <= dc ? best : dc;
        }
    }
    /* best end: lowest cost; on a tie, one whose last word was compared
     * (a changed last word, not an added one), else the earliest */
    size_t bj = 0;
    int bc = QC_INF;
    for (size_t j = 0; j <= m; j++) {
        int c = M[ne * W + j];
        const qc_el *last = &el[ne - 1];
        if (c < QC_INF && last->kind == QC_EL_WORD &&
            (bp[ne * W + j] == BP_INS || (bp[ne * W + j] == BP_DIAG && d[last->d].key != s[j - 1].key)))
            c += QC_COST_EDGE;
        if (c < bc || (c == bc && bp[ne * W + j] == BP_DIAG && bp[ne * W + bj] != BP_DIAG)) {
            bc = c;
            bj = j;
        }
    }
    /* trace back */
    size_t cap = ne + m + 2, len = 0;
    qc_edit *ops = qc_malloc(cap * sizeof *ops);
    size_t i = ne, j = bj;
    int state = 0;   /* 0: the better of M and D, 1: M, 2: D */
    while (i > 0) {
        const qc_el *e = &el[i - 1];
        qc_edit op = { QC_OP_EQUAL, e->d, e->d_to, j ? j - 1 : 0, j };
        if (state == 0)
            state = M[i * W + j] <= D[i * W + j] ? 1 : 2;
        if (state == 2) {
            op.op = QC_OP_DEL;
            op.d = op.d_to = e->d_to + 1;   /* before the next draft element */
            op.s = j - 1;
            op.s_to = j;
            state = dfrom[i * W + j] == 1 ? 2 : 1;
            j--;
            ops[len++] = op;
            continue;
        }
        state = 0;
        unsigned char b = bp[i * W + j];
        if (b == BP_DIAG) {
            op.op = d[e->d].key == s[j - 1].key ? QC_OP_EQUAL : QC_OP_SUB;
            op.s = j - 1;
            op.s_to = j;
            i--, j--;
        } else if (b == BP_INS) {
            op.op = QC_OP_INS;
            op.s = op.s_to = j;
            i--;
        } else {   /* BP_SPAN */
            size_t f = from[i * W + j];
            op.op = e->kind == QC_EL_GAP ? QC_OP_GAP : QC_OP_BRACKET;
            op.s = f;
            op.s_to = j;
            i--;
            j = f;
        }
        ops[len++] = op;
    }
    /* reverse */
    for (size_t a = 0, z = len ? len - 1 : 0; a < z; a++, z--) {
        qc_edit t = ops[a];
        ops[a] = ops[z];
        ops[z] = t;
    }
    out->ops = ops;
    out->nops = len;
    bool have = false;
    size_t run = 0;
    bool run_sent = false;
    for (size_t k = 0; k < len; k++) {
        const qc_edit *o = &ops[k];
        switch (o->op) {
        case QC_OP_EQUAL: out->matched++; break;
        case QC_OP_SUB:
            out->subs++;
            if ((d[o->d].flags & QC_MW_NUMBER) && (s[o->s].flags & QC_MW_NUMBER))
                out->number_subs++;
            break;
        case QC_OP_INS: out->ins++; break;
        case QC_OP_DEL: out->dels++; break;
        default: break;
        }
        /* two draft words in a row equal to the words either side of the
         * source's own omission mark: the draft joins what it separates */
        if (o->op == QC_OP_EQUAL && k + 1 < len && ops[k + 1].op == QC_OP_EQUAL && (s[o->s].flags & QC_MW_OMIT) &&
            ops[k + 1].s == o->s + 1 && ops[k + 1].d == o->d + 1) {
            if (!out->omits)
                out->omit_s = o->s;
            out->omits++;
        }
        if (o->op == QC_OP_DEL) {
            if (!run)
                run_sent = o->s > 0 && (s[o->s - 1].flags & QC_MW_SENT_END);
            run++;
            if (s[o->s].flags & QC_MW_SENT_END)
                run_sent = true;
            if (run > out->longest_del)
                out->longest_del = run;
            if (run >= 5 && run_sent)
                out->spliced = true;
        } else {
            run = 0;
        }
        if (o->op != QC_OP_INS && o->s_to > o->s) {
            if (!have) {
                out->s_first = o->s;
                have = true;
            }
            out->s_last = o->s_to - 1;
        }
    }
    free(el);
    free(mem);
    return have;
}

void qc_alignment_free(qc_alignment *a)
{
    free(a->ops);
    a->ops = NULL;
    a->nops = 0;
}

/* ---- diff and fixes --------------------------------------------------------- */

static void qc_add_word(qc_strbuf *b, const char *text, const qc_mword *w)
{
    if (b->len && b->data[b->len - 1] != ' ')
        qc_strbuf_addc(b, ' ');
    qc_strbuf_add(b, text + w->start, w->end - w->start);
}

char *qc_match_diff(const qc_alignment *a, const char *draft, const qc_mword *d, const char *src,
                    const qc_mword *s)
{
    qc_strbuf b = QC_STRBUF_INIT;
    for (size_t k = 0; k < a->nops;) {
        const qc_edit *o = &a->ops[k];
        if (o->op == QC_OP_EQUAL) {
            qc_add_word(&b, draft, &d[o->d]);
            /* the source's own omission mark, run across */
            if ((s[o->s].flags & QC_MW_OMIT) && k + 1 < a->nops && a->ops[k + 1].op == QC_OP_EQUAL)
                qc_strbuf_adds(&b, " [-[\xE2\x80\xA6]-]");
            k++;
            continue;
        }
        if (o->op == QC_OP_GAP) {
            if (b.len)
                qc_strbuf_addc(&b, ' ');
            qc_strbuf_adds(&b, "\xE2\x80\xA6");
            k++;
            continue;
        }
        if (o->op == QC_OP_BRACKET) {
            if (b.len)
                qc_strbuf_addc(&b, ' ');
            qc_strbuf_addc(&b, '[');
            for (size_t x = o->d; x <= o->d_to; x++) {
                if (x > o->d)
                    qc_strbuf_addc(&b, ' ');
                qc_strbuf_add(&b, draft + d[x].start, d[x].end - d[x].start);
            }
            qc_strbuf_addc(&b, ']');
            k++;
            continue;
        }
        /* a run of changes */
        size_t e = k;
        while (e < a->nops && (a->ops[e].op == QC_OP_SUB || a->ops[e].op == QC_OP_INS ||
                               a->ops[e].op == QC_OP_DEL))
            e++;
        bool any_del = false, any_ins = false;
        for (size_t x = k; x < e; x++) {
            if (a->ops[x].op != QC_OP_INS)
                any_del = true;
            if (a->ops[x].op != QC_OP_DEL)
                any_ins = true;
        }
        if (any_del) {
            if (b.len)
                qc_strbuf_addc(&b, ' ');
            qc_strbuf_adds(&b, "[-");
            bool first = true;
            for (size_t x = k; x < e; x++)
                if (a->ops[x].op != QC_OP_INS) {
                    if (!first)
                        qc_strbuf_addc(&b, ' ');
                    first = false;
                    const qc_mword *w = &s[a->ops[x].s];
                    qc_strbuf_add(&b, src + w->start, w->end - w->start);
                }
            qc_strbuf_adds(&b, "-]");
        }
        if (any_ins) {
            if (b.len)
                qc_strbuf_addc(&b, ' ');
            qc_strbuf_adds(&b, "{+");
            bool first = true;
            for (size_t x = k; x < e; x++)
                if (a->ops[x].op != QC_OP_DEL) {
                    if (!first)
                        qc_strbuf_addc(&b, ' ');
                    first = false;
                    const qc_mword *w = &d[a->ops[x].d];
                    qc_strbuf_add(&b, draft + w->start, w->end - w->start);
                }
            qc_strbuf_adds(&b, "+}");
        }
        k = e;
    }
    if (!b.data)
        return qc_strdup("");
    return qc_strbuf_detach(&b);
}

char *qc_match_source_wording(const qc_alignment *a, const char *src, const qc_mword *s)
{
    qc_strbuf b = QC_STRBUF_INIT;
    size_t seg = a->s_first;
    for (size_t k = a->s_first + 1; k <= a->s_last + 1; k++) {
        if (k == a->s_last + 1 || (s[k].flags & QC_MW_JOIN)) {
            if (b.len)
                qc_strbuf_addc(&b, ' ');
            qc_strbuf_add(&b, src + s[seg].start, s[k - 1].end - s[seg].start);
            seg = k;
        }
    }
    if (!b.data)
        return qc_strdup("");
    return qc_strbuf_detach(&b);
}

char *qc_match_ellipsis_variant(const qc_alignment *a, const char *draft, const qc_mword *d,
                                size_t nd)
{
    qc_strbuf b = QC_STRBUF_INIT;
    if (!nd)
        return qc_strdup("");
    size_t pos = d[0].start;
    for (size_t k = 0; k < a->nops; k++) {
        const qc_edit *o = &a->ops[k];
        if (o->op != QC_OP_DEL || (k && a->ops[k - 1].op == QC_OP_DEL))
            continue;
        if (o->d == 0 || o->d > nd)
            continue;
        size_t at = d[o->d - 1].end;
        qc_strbuf_add(&b, draft + pos, at - pos);
        qc_strbuf_adds(&b, " \xE2\x80\xA6");
        pos = at;
    }
    qc_strbuf_add(&b, draft + pos, d[nd - 1].end - pos);
    return qc_strbuf_detach(&b);
}
