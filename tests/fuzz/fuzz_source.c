/*
 * tests/fuzz/fuzz_source.c — libFuzzer harness for the source loader:
 * YAML front matter (qc_corpus_front_matter), metadata detection from the
 * text (qc_corpus_meta_detect: byline, dateline, copyright, boilerplate),
 * date normalisation and outlet lookup; optionally (QC_FUZZ_SOURCE_OPEN=1,
 * slower) the whole path through qc_corpus_open on a folder holding the
 * input as one article, with the part after a line "--sidecar--" (if any)
 * as the folder's sources.json.
 *
 * Invariants: the body offset is inside the text; every string found is
 * NUL-terminated (and valid UTF-8 when the text is); the kind is in range;
 * a given credibility lies in [0, 1]; an opened corpus has at most one
 * article whose ranges and text stay inside the file.
 * Owned by the fuzz tests.
 */
#include "fuzz_common.h"

#include "corpus/corpus.h"
#include "corpus/corpus_internal.h"
#include "util/utf8.h"

static void check_meta(const qc_corpus_meta *m, int utf8)
{
    const char *strs[] = { m->outlet, m->date, m->byline, m->url, m->dateline };
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        if (strs[i] && utf8)
            QC_FUZZ_CHECK(qc_utf8_validate(strs[i], strlen(strs[i])) == (size_t)-1);
    QC_FUZZ_CHECK((unsigned)m->kind <= QC_KIND_COUNT);   /* COUNT: not given */
    if (m->has_credibility)
        QC_FUZZ_CHECK(m->credibility >= 0 && m->credibility <= 1);
}

static void open_part(const char *text, size_t len)
{
    static char dir[512];
    const char *tmp = qc_fuzz_tmpdir("source");
    snprintf(dir, sizeof dir, "%s/corpus", tmp);
    mkdir(dir, 0700);
    char path[600], side[600], cache[600];
    snprintf(path, sizeof path, "%s/article.md", dir);
    snprintf(side, sizeof side, "%s/sources.json", dir);
    snprintf(cache, sizeof cache, "%s/cache", tmp);
    const char *mark = memmem(text, len, "\n--sidecar--\n", 13);
    size_t alen = mark ? (size_t)(mark - text) : len;
    qc_fuzz_write(path, text, alen, 0);
    if (mark)
        qc_fuzz_write(side, mark + 13, len - alen - 13, 0);
    else
        unlink(side);
    qc_corpus *c = NULL;
    qc_corpus_options o = { 0 };
    o.no_cache = true;
    o.threads = 1;
    (void)cache;
    const char *dirs[] = { dir };
    if (qc_corpus_open(&c, dirs, 1, &o) == 0) {
        QC_FUZZ_CHECK(qc_corpus_count(c) <= 1);
        for (size_t i = 0; i < qc_corpus_count(c); i++) {
            const qc_article *a = qc_corpus_article(c, i);
            QC_FUZZ_CHECK(a && a->path && a->label);
            QC_FUZZ_CHECK(a->credibility >= 0 && a->credibility <= 1);
            const qc_text *t = qc_corpus_article_text(c, i);
            const qc_extraction *ex = qc_corpus_article_extraction(c, i);
            if (t && ex)
                for (size_t k = 0; k < ex->nquotes; k++)
                    QC_FUZZ_CHECK(ex->quotes[k].end <= t->len);
        }
        qc_corpus_hit hits[4];
        size_t nh = qc_corpus_search(c, "will reopen it before the festival", 34, hits, 4);
        for (size_t i = 0; i < nh; i++)
            QC_FUZZ_CHECK(hits[i].article < qc_corpus_count(c) && hits[i].start <= hits[i].end &&
                          hits[i].end <= alen);
        qc_corpus_related_hit rel[4];
        qc_corpus_related(c, text, alen, rel, 4);
        qc_corpus_close(c);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    int utf8 = qc_utf8_validate(text, size) == (size_t)-1;

    qc_corpus_meta fm;
    memset(&fm, 0, sizeof fm);
    size_t body = qc_corpus_front_matter(text, size, &fm);
    QC_FUZZ_CHECK(body <= size);
    check_meta(&fm, utf8);
    qc_corpus_meta det;
    memset(&det, 0, sizeof det);
    static const qc_corpus_outlet extra[] = { { "Example Wire", QC_KIND_WIRE },
                                              { "The Harbour Post", QC_KIND_NEWSPAPER } };
    qc_corpus_meta_detect(text, size, extra, 2, &det);
    check_meta(&det, utf8);
    QC_FUZZ_CHECK(det.source);
    qc_corpus_meta_merge(&fm, &det);
    if (fm.outlet) {
        const char *canon = NULL;
        qc_outlet_kind k = qc_corpus_outlet_lookup(fm.outlet, extra, 2, &canon);
        QC_FUZZ_CHECK((unsigned)k < QC_KIND_COUNT);
    }
    qc_corpus_meta_free(&fm);
    qc_corpus_meta_free(&det);

    /* the first line as a date */
    const char *nl = memchr(text, '\n', size);
    size_t l0 = nl ? (size_t)(nl - text) : size;
    if (l0 < 256) {
        char line[256];
        memcpy(line, text, l0);
        line[l0] = '\0';
        char *iso = qc_corpus_date_normalize(line);
        if (iso)
            QC_FUZZ_CHECK((strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-') ||
                          (strlen(iso) == 7 && !strncmp(iso, "--", 2) && iso[4] == '-'));
        free(iso);
    }
    static int do_open = -1;
    if (do_open < 0)
        do_open = getenv("QC_FUZZ_SOURCE_OPEN") && atoi(getenv("QC_FUZZ_SOURCE_OPEN")) > 0;
    if (do_open)
        open_part(text, size);
    free(text);
    return 0;
}
