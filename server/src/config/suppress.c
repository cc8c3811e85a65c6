/*
 * config/suppress.c — finding `<!-- quotecheck-… -->` directives in a
 * draft and answering "is this finding suppressed?" (rules in suppress.h).
 * Owned by the config module.
 *
 * One pass over the draft, line by line: in Markdown, fence lines toggle a
 * code-block state and code spans are stepped over; every other "<!--" up
 * to its "-->" is a comment, and comments starting with "quotecheck-" are
 * parsed into suppressed lines and disabled regions.
 */
#include "config/suppress.h"
#include "text/text.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef enum directive {
    DIR_UNKNOWN,
    DIR_NEXT_LINE,
    DIR_LINE,
    DIR_DISABLE,
    DIR_ENABLE,
} directive;

typedef struct scanner {
    qc_suppress *sup;
    const char *s;
    size_t len;
    bool markdown;
    unsigned cur;            /* codes disabled by the open region */
    size_t region_start;
    size_t lines_cap, regions_cap, warnings_cap;
} scanner;

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static size_t line_end(const char *s, size_t len, size_t i)
{
    const char *nl = memchr(s + i, '\n', len - i);
    return nl ? (size_t)(nl - s) : len;
}

static size_t line_start(const char *s, size_t i)
{
    while (i > 0 && s[i - 1] != '\n')
        i--;
    return i;
}

#define PUSH(arr, n, cap, v)                                                  \
    do {                                                                      \
        if ((n) == (cap)) {                                                   \
            (cap) = (cap) ? (cap) * 2 : 8;                                    \
            (arr) = qc_realloc((arr), (cap) * sizeof *(arr));                 \
        }                                                                     \
        (arr)[(n)++] = (v);                                                   \
    } while (0)

static void warn(scanner *sc, size_t start, size_t end, const char *message)
{
    qc_pos p = qc_text_pos_scan(sc->s, sc->len, start);
    qc_suppress_warning w = { start, end, p.line + 1, p.column + 1,
                              qc_arena_strdup(&sc->sup->arena, message) };
    PUSH(sc->sup->warnings, sc->sup->nwarnings, sc->warnings_cap, w);
}

static void add_line(scanner *sc, size_t at, unsigned codes)
{
    if (!codes)
        return;
    size_t ls = line_start(sc->s, at), le = line_end(sc->s, sc->len, at);
    qc_suppress_range r = { ls, le < sc->len ? le + 1 : le, codes };
    PUSH(sc->sup->lines, sc->sup->nlines, sc->lines_cap, r);
}

/* Change the set of region-disabled codes at offset `at`. */
static void set_region(scanner *sc, size_t at, unsigned codes)
{
    if (codes == sc->cur)
        return;
    if (sc->cur && at > sc->region_start) {
        qc_suppress_range r = { sc->region_start, at, sc->cur };
        PUSH(sc->sup->regions, sc->sup->nregions, sc->regions_cap, r);
    }
    sc->cur = codes;
    sc->region_start = at;
}

/* Offset of the first "-->" at or after `from`, or SIZE_MAX. */
static size_t find_close(const char *s, size_t len, size_t from)
{
    for (size_t i = from; i + 3 <= len;) {
        const char *d = memchr(s + i, '-', len - i);
        if (!d)
            break;
        i = (size_t)(d - s);
        if (i + 3 <= len && d[1] == '-' && d[2] == '>')
            return i;
        i++;
    }
    return SIZE_MAX;
}

/* Whether s[a..b) is only whitespace and quotecheck comments. */
static bool only_directives(const char *s, size_t a, size_t b)
{
    size_t i = a;
    bool any = false;
    for (;;) {
        while (i < b && is_blank(s[i]))
            i++;
        if (i >= b)
            return any;
        if (b - i < 4 || memcmp(s + i, "<!--", 4) != 0)
            return false;
        size_t j = i + 4;
        while (j < b && is_blank(s[j]))
            j++;
        if (b - j < 11 || memcmp(s + j, "quotecheck-", 11) != 0)
            return false;
        const char *close = NULL;
        for (size_t k = j; k + 3 <= b; k++)
            if (!memcmp(s + k, "-->", 3)) {
                close = s + k;
                break;
            }
        if (!close)
            return false;
        i = (size_t)(close - s) + 3;
        any = true;
    }
}

/* The line a disable-next-line comment ending at `end` applies to. */
static void add_next_line(scanner *sc, size_t end, unsigned codes)
{
    size_t i = line_end(sc->s, sc->len, end);
    while (i < sc->len) {
        size_t ls = i + 1;
        if (ls >= sc->len)
            return;
        size_t le = line_end(sc->s, sc->len, ls);
        bool blank = true;
        for (size_t k = ls; k < le && blank; k++)
            blank = is_blank(sc->s[k]);
        if (!blank && !only_directives(sc->s, ls, le)) {
            add_line(sc, ls, codes);
            return;
        }
        i = le;
    }
}

static void list_codes(qc_strbuf *b)
{
    for (int k = 0; k < QC_CODE_COUNT; k++)
        qc_strbuf_printf(b, "%s%s", k ? ", " : "", qc_code_name((qc_code)k));
}

/* A comment whose text is s[a..b) (between "<!--" and "-->"), starting at
 * byte `open` and ending just before byte `close_end`. */
static void comment(scanner *sc, size_t open, size_t a, size_t b, size_t close_end)
{
    const char *s = sc->s;
    while (a < b && is_blank(s[a]))
        a++;
    if (b - a < 11 || memcmp(s + a, "quotecheck-", 11) != 0)
        return;
    size_t w = a;
    while (w < b && !is_blank(s[w]) && s[w] != ',')
        w++;
    static const struct {
        const char *name;
        directive dir;
    } dirs[] = {
        { "quotecheck-disable-next-line", DIR_NEXT_LINE },
        { "quotecheck-disable-line", DIR_LINE },
        { "quotecheck-disable", DIR_DISABLE },
        { "quotecheck-enable", DIR_ENABLE },
    };
    directive dir = DIR_UNKNOWN;
    for (size_t k = 0; k < sizeof dirs / sizeof dirs[0]; k++)
        if (strlen(dirs[k].name) == w - a && !memcmp(dirs[k].name, s + a, w - a))
            dir = dirs[k].dir;
    if (dir == DIR_UNKNOWN) {
        qc_strbuf m = QC_STRBUF_INIT;
        qc_strbuf_printf(&m,
                         "unknown quotecheck directive '%.*s' (valid: quotecheck-disable-next-line, "
                         "quotecheck-disable-line, quotecheck-disable, quotecheck-enable)",
                         (int)(w - a), s + a);
        warn(sc, a, w, qc_strbuf_cstr(&m));
        qc_strbuf_free(&m);
        return;
    }

    unsigned codes = 0;
    bool any = false;
    for (size_t i = w; i < b;) {
        while (i < b && (is_blank(s[i]) || s[i] == ','))
            i++;
        if (i >= b)
            break;
        size_t t = i;
        while (i < b && !is_blank(s[i]) && s[i] != ',')
            i++;
        if (i - t == 2 && s[t] == '-' && s[t + 1] == '-')
            break;   /* the rest is a reason */
        any = true;
        char *name = qc_strndup(s + t, i - t);
        int code = qc_code_parse(name);
        if (code >= 0) {
            codes |= 1u << code;
        } else {
            qc_strbuf m = QC_STRBUF_INIT;
            qc_strbuf_printf(&m, "unknown code '%s' in quotecheck comment (valid: ", name);
            list_codes(&m);
            qc_strbuf_adds(&m, ")");
            warn(sc, t, i, qc_strbuf_cstr(&m));
            qc_strbuf_free(&m);
        }
        free(name);
    }
    if (!any)
        codes = QC_SUPPRESS_ALL;

    switch (dir) {
    case DIR_NEXT_LINE: add_next_line(sc, close_end, codes); break;
    case DIR_LINE: add_line(sc, open, codes); break;
    case DIR_DISABLE: set_region(sc, open, sc->cur | codes); break;
    case DIR_ENABLE: set_region(sc, open, sc->cur & ~codes); break;
    case DIR_UNKNOWN: break;
    }
}

/* A fence line at s[i..eol): its character and length; has_info when text
 * follows the fence. */
static bool fence(const char *s, size_t i, size_t eol, char *ch, size_t *n, bool *has_info)
{
    size_t k = i;
    while (k < eol && k - i < 3 && s[k] == ' ')
        k++;
    if (k >= eol || (s[k] != '`' && s[k] != '~'))
        return false;
    char c = s[k];
    size_t r = k;
    while (r < eol && s[r] == c)
        r++;
    if (r - k < 3)
        return false;
    *has_info = false;
    for (size_t q = r; q < eol; q++) {
        if (c == '`' && s[q] == '`')
            return false;   /* not a fence: backticks in the info string */
        if (!is_blank(s[q]))
            *has_info = true;
    }
    *ch = c;
    *n = r - k;
    return true;
}

int qc_suppress_scan(const char *data, size_t len, qc_format fmt, qc_suppress **out)
{
    qc_suppress *sup = qc_calloc(1, sizeof *sup);
    scanner sc = { sup, data, len, fmt == QC_FORMAT_MARKDOWN, 0, 0, 0, 0, 0 };
    bool in_fence = false;
    char fch = 0;
    size_t fn = 0;
    size_t i = 0, next_close = 0;
    while (i < len) {
        /* i is at a line start */
        size_t eol = line_end(data, len, i);
        if (sc.markdown) {
            char c;
            size_t n;
            bool info;
            if (fence(data, i, eol, &c, &n, &info)) {
                if (!in_fence) {
                    in_fence = true;
                    fch = c;
                    fn = n;
                } else if (c == fch && n >= fn && !info) {
                    in_fence = false;
                }
                i = eol + 1;
                continue;
            }
            if (in_fence) {
                i = eol + 1;
                continue;
            }
        }
        size_t next = eol + 1;   /* where the next line starts */
        for (size_t k = i; k < eol;) {
            if (sc.markdown && data[k] == '`') {
                size_t r = k;
                while (r < eol && data[r] == '`')
                    r++;
                size_t run = r - k, q = r;
                bool closed = false;
                while (q < eol && !closed) {
                    if (data[q] != '`') {
                        q++;
                        continue;
                    }
                    size_t e = q;
                    while (e < eol && data[e] == '`')
                        e++;
                    closed = e - q == run;
                    q = e;
                }
                k = closed ? q : r;
                continue;
            }
            if (eol - k >= 4 && !memcmp(data + k, "<!--", 4)) {
                /* The next "-->" at or after k + 4, searched once per
                 * position so unterminated comments stay linear. */
                if (next_close != SIZE_MAX && next_close < k + 4)
                    next_close = find_close(data, len, k + 4);
                const char *close = next_close == SIZE_MAX ? NULL : data + next_close;
                if (!close) {   /* unterminated: not a comment we can read */
                    k = eol;
                    break;
                }
                size_t cend = (size_t)(close - data) + 3;
                comment(&sc, k, k + 4, (size_t)(close - data), cend);
                if (cend > eol) {   /* the comment spanned lines */
                    eol = line_end(data, len, cend);
                    next = eol + 1;
                }
                k = cend;
                continue;
            }
            k++;
        }
        i = next;
    }
    set_region(&sc, len, 0);
    *out = sup;
    return 0;
}

bool qc_suppress_covers(const qc_suppress *self, qc_code code, size_t start, size_t end)
{
    (void)end;
    if (!self || (int)code < 0 || (int)code >= QC_CODE_COUNT)
        return false;
    unsigned bit = 1u << code;
    for (size_t i = 0; i < self->nlines; i++)
        if ((self->lines[i].codes & bit) && start >= self->lines[i].start && start < self->lines[i].end)
            return true;
    for (size_t i = 0; i < self->nregions; i++)
        if ((self->regions[i].codes & bit) && start >= self->regions[i].start && start < self->regions[i].end)
            return true;
    return false;
}

void qc_suppress_free(qc_suppress *self)
{
    if (!self)
        return;
    free(self->lines);
    free(self->regions);
    free(self->warnings);
    qc_arena_free(&self->arena);
    free(self);
}
