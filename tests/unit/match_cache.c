/*
 * tests/unit/match_cache.c — qc_check_cached (match/check.c), the
 * per-document cache the language server checks with: after any edit, the
 * findings must equal a fresh qc_check of the edited draft, field by field
 * (positions, messages, evidence, fixes, diffs, counters). Drafts: the
 * fixture drafts against fixtures/corpus, and the seed drafts against
 * ../shared/seeds when present. Edits: a word changed inside each
 * quotation in turn, text inserted before everything (every position
 * moves), a speaker renamed, a figure changed, a paragraph deleted, and
 * going back to the original (entries from two checks ago). Also asserts
 * that unchanged quotations are answered from the cache.
 * Runs from the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "corpus/corpus.h"
#include "match/match.h"
#include "parse/parse.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *d = malloc((size_t)n + 1);
    size_t got = fread(d, 1, (size_t)n, f);
    fclose(f);
    d[got] = 0;
    *len = got;
    return d;
}

static qc_corpus *open_corpus(const char *dir)
{
    qc_corpus *c = NULL;
    qc_corpus_options o;
    memset(&o, 0, sizeof o);
    o.no_cache = true;
    const char *dirs[1] = { dir };
    if (qc_corpus_open(&c, dirs, 1, &o) != 0)
        return NULL;
    return c;
}

static bool str_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return !strcmp(a, b);
}

static int findings_equal(const qc_findings *x, const qc_findings *y, const char *what)
{
    if (x->len != y->len || x->quotes_checked != y->quotes_checked ||
        x->figures_checked != y->figures_checked) {
        print_error("%s: %zu/%zu findings, %zu/%zu quotes, %zu/%zu figures\n", what, x->len, y->len,
                    x->quotes_checked, y->quotes_checked, x->figures_checked, y->figures_checked);
        return 1;
    }
    for (size_t i = 0; i < x->len; i++) {
        const qc_finding *a = &x->items[i], *b = &y->items[i];
        bool same = a->code == b->code && a->severity == b->severity && a->start == b->start &&
                    a->end == b->end && str_eq(a->message, b->message) &&
                    str_eq(a->quote, b->quote) && str_eq(a->speaker, b->speaker) &&
                    str_eq(a->diff, b->diff) && a->nevidence == b->nevidence &&
                    a->nfixes == b->nfixes;
        for (size_t e = 0; same && e < a->nevidence; e++) {
            const qc_evidence *p = &a->evidence[e], *q = &b->evidence[e];
            same = str_eq(p->path, q->path) && p->source == q->source && p->start == q->start &&
                   p->end == q->end && str_eq(p->outlet, q->outlet) &&
                   str_eq(p->speaker, q->speaker) && p->credibility == q->credibility &&
                   str_eq(p->credibility_label, q->credibility_label) &&
                   str_eq(p->text, q->text) && str_eq(p->revision, q->revision);
        }
        for (size_t k = 0; same && k < a->nfixes; k++) {
            const qc_fix *p = &a->fixes[k], *q = &b->fixes[k];
            same = str_eq(p->title, q->title) && p->start == q->start && p->end == q->end &&
                   str_eq(p->replacement, q->replacement);
        }
        if (!same) {
            print_error("%s: finding %zu differs: %s at %zu-%zu \"%s\" / %s at %zu-%zu \"%s\"\n",
                        what, i, qc_code_name(a->code), a->start, a->end,
                        a->message ? a->message : "", qc_code_name(b->code), b->start, b->end,
                        b->message ? b->message : "");
            return 1;
        }
    }
    return 0;
}

/* check `data` fresh and with the cache; 0 when they agree */
static int check_both(qc_corpus *c, qc_check_cache *cache, const char *data, size_t len,
                      qc_format fmt, const char *what)
{
    qc_text *t = qc_text_new(data, len);
    qc_prose *p = qc_prose_parse(t->data, t->len, fmt);
    qc_extraction *ex = qc_extract(t->data, t->len, p);
    qc_findings *fresh = qc_check(c, NULL, t, p, ex);
    qc_findings *cached = qc_check_cached(cache, c, NULL, t, p, ex, NULL);
    int bad = findings_equal(fresh, cached, what);
    qc_findings_delete(fresh);
    qc_findings_delete(cached);
    qc_extraction_delete(ex);
    qc_prose_delete(p);
    qc_text_delete(t);
    return bad;
}

/* data with [at, at+del) replaced by ins */
static char *edit(const char *data, size_t len, size_t at, size_t del, const char *ins, size_t *out_len)
{
    size_t il = strlen(ins);
    char *o = malloc(len - del + il + 1);
    memcpy(o, data, at);
    memcpy(o + at, ins, il);
    memcpy(o + at + il, data + at + del, len - at - del);
    *out_len = len - del + il;
    o[*out_len] = 0;
    return o;
}

static int exercise(qc_corpus *c, const char *path)
{
    size_t len;
    char *data = slurp(path, &len);
    if (!data)
        return 0;
    qc_format fmt = qc_format_from_path(path);
    qc_check_cache *cache = qc_check_cache_new();
    int bad = check_both(c, cache, data, len, fmt, path);
    char what[512];
    /* unchanged: everything from the cache */
    size_t h0, m0, h1, m1;
    qc_check_cache_stats(cache, &h0, &m0);
    bad += check_both(c, cache, data, len, fmt, path);
    qc_check_cache_stats(cache, &h1, &m1);
    if (m1 != m0) {
        print_error("%s: %zu lookups missed the cache on an unchanged draft\n", path, m1 - m0);
        bad++;
    }
    /* every position moves */
    size_t nl;
    char *e = edit(data, len, 0, 0, "An added first paragraph, with “a quote of four words,” he said.\n\n", &nl);
    snprintf(what, sizeof what, "%s (insert at the top)", path);
    bad += check_both(c, cache, e, nl, fmt, what);
    free(e);
    /* a word changed inside each quotation in turn (and back) */
    qc_text *t = qc_text_new(data, len);
    qc_prose *p = qc_prose_parse(t->data, t->len, fmt);
    qc_extraction *ex = qc_extract(t->data, t->len, p);
    size_t hits_before;
    qc_check_cache_stats(cache, &hits_before, &m0);
    for (size_t i = 0; i < ex->nquotes; i++) {
        const qc_quote *q = &ex->quotes[i];
        if (q->inner_end <= q->inner_start)
            continue;
        e = edit(data, len, q->inner_start, 0, "truly ", &nl);
        snprintf(what, sizeof what, "%s (quote %zu edited)", path, i);
        bad += check_both(c, cache, e, nl, fmt, what);
        free(e);
        /* the speaker renamed */
        if (q->speaker_end > q->speaker_start) {
            e = edit(data, len, q->speaker_start, q->speaker_end - q->speaker_start, "Jan Kowalczyk", &nl);
            snprintf(what, sizeof what, "%s (speaker of quote %zu renamed)", path, i);
            bad += check_both(c, cache, e, nl, fmt, what);
            free(e);
        }
        /* a paragraph before it deleted */
        const char *para = q->start > 2 ? strstr(data, "\n\n") : NULL;
        if (para && (size_t)(para - data) + 2 < q->start) {
            size_t ps = (size_t)(para - data) + 2;
            const char *pe = strstr(data + ps, "\n\n");
            if (pe && (size_t)(pe - data) + 2 <= q->start) {
                e = edit(data, len, ps, (size_t)(pe - data) + 2 - ps, "", &nl);
                snprintf(what, sizeof what, "%s (paragraph before quote %zu deleted)", path, i);
                bad += check_both(c, cache, e, nl, fmt, what);
                free(e);
            }
        }
    }
    /* a figure changed */
    for (size_t i = 0; i < ex->nfigures; i++) {
        const qc_figure *fg = &ex->figures[i];
        if (fg->num_end <= fg->num_start)
            continue;
        e = edit(data, len, fg->num_start, fg->num_end - fg->num_start, "977", &nl);
        snprintf(what, sizeof what, "%s (figure %zu changed)", path, i);
        bad += check_both(c, cache, e, nl, fmt, what);
        free(e);
    }
    qc_check_cache_stats(cache, &h1, &m1);
    if (ex->nquotes > 1 && h1 == hits_before) {
        print_error("%s: edits of one quote never reused the others\n", path);
        bad++;
    }
    qc_extraction_delete(ex);
    qc_prose_delete(p);
    qc_text_delete(t);
    /* back to the original */
    bad += check_both(c, cache, data, len, fmt, path);
    qc_check_cache_delete(cache);
    free(data);
    return bad;
}

static void test_fixture_drafts(void **state)
{
    (void)state;
    qc_corpus *c = open_corpus("fixtures/corpus");
    assert_non_null(c);
    static const char *const drafts[] = { "fixtures/drafts/mistakes.md", "fixtures/drafts/clean.md",
                                          "fixtures/drafts/suppressed.md", "fixtures/drafts/plain.txt",
                                          "fixtures/drafts/EXPECTED.md" };
    int bad = 0;
    for (size_t i = 0; i < sizeof drafts / sizeof *drafts; i++)
        bad += exercise(c, drafts[i]);
    qc_corpus_close(c);
    assert_int_equal(bad, 0);
}

static void test_seed_drafts(void **state)
{
    (void)state;
    struct stat st;
    if (stat("../shared/seeds", &st) != 0)
        skip();
    qc_corpus *c = open_corpus("../shared/seeds");
    if (!c)
        skip();
    int bad = exercise(c, "tests/golden/seeds/mistakes.md") + exercise(c, "tests/golden/seeds/correct.md");
    qc_corpus_close(c);
    assert_int_equal(bad, 0);
}

/* a cache used with another corpus forgets what it had */
static void test_corpus_change(void **state)
{
    (void)state;
    qc_corpus *a = open_corpus("fixtures/corpus");
    assert_non_null(a);
    size_t len;
    char *data = slurp("fixtures/drafts/mistakes.md", &len);
    assert_non_null(data);
    qc_check_cache *cache = qc_check_cache_new();
    assert_int_equal(check_both(a, cache, data, len, QC_FORMAT_MARKDOWN, "first corpus"), 0);
    qc_corpus_close(a);
    qc_check_cache_clear(cache);
    qc_corpus *b = open_corpus("fixtures/corpus");
    assert_non_null(b);
    size_t h0, m0, h1, m1;
    qc_check_cache_stats(cache, &h0, &m0);
    assert_int_equal(check_both(b, cache, data, len, QC_FORMAT_MARKDOWN, "second corpus"), 0);
    qc_check_cache_stats(cache, &h1, &m1);
    assert_int_equal(h1, h0);
    qc_check_cache_delete(cache);
    qc_corpus_close(b);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_drafts),
        cmocka_unit_test(test_seed_drafts),
        cmocka_unit_test(test_corpus_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
