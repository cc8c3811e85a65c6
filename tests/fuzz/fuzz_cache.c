/*
 * tests/fuzz/fuzz_cache.c — libFuzzer harness for the index cache reader
 * (corpus/image.c: qc_image_open, and qc_corpus_open loading, diffing and
 * incrementally rebuilding from a cache file).
 *
 * Input: byte 0 is a flag; the rest is a cache file. With bit 0 set and an
 * input at least a header long, the harness first repairs the header's
 * file_len and checksum, so the fuzzer gets past the checksum and tries the
 * bounds checks behind it ("a tampered file that passes the checksum
 * cannot make the reader step outside it"). Then:
 *   1. qc_image_open on the bytes (8-aligned copy); when it accepts them,
 *      every posting list is walked within its bucket;
 *   2. the bytes are written as the cache of a two-article corpus (files
 *      with fixed contents and mtimes, so a seed made from a real cache
 *      matches them and the "keep old articles" path runs) and the corpus
 *      is opened: it must open (a bad cache is a warning and is rebuilt),
 *      hold both articles, and answer a search and the accessors.
 * Owned by the fuzz tests.
 */
#include "fuzz_common.h"

#include "corpus/corpus.h"
#include "corpus/corpus_internal.h"

#define QC_FUZZ_MTIME 1577836800L   /* 2020-01-01 */

static char corpus_dir[512], cache_dir[512], cache_path[1024];

static const char art_a[] =
    "---\noutlet: Example Wire\ndate: 2020-01-06\n---\n"
    "The harbour bridge will close for 12 days, the city said on Monday.\n\n"
    "\"We will reopen it before the festival,\" Mayor Lena Holt told reporters.\n";
static const char art_b[] =
    "By Sam Ode, The Harbour Post\n\n"
    "Mayor Lena Holt said the bridge would reopen \"before the festival\" after "
    "about 12 days of repairs costing $4.5 million.\n";

static void setup(void)
{
    if (cache_path[0])
        return;
    const char *tmp = qc_fuzz_tmpdir("cache");
    snprintf(corpus_dir, sizeof corpus_dir, "%s/corpus", tmp);
    snprintf(cache_dir, sizeof cache_dir, "%s/cache", tmp);
    mkdir(corpus_dir, 0700);
    char p[600];
    snprintf(p, sizeof p, "%s/a.md", corpus_dir);
    qc_fuzz_write(p, art_a, sizeof art_a - 1, QC_FUZZ_MTIME);
    snprintf(p, sizeof p, "%s/b.txt", corpus_dir);
    qc_fuzz_write(p, art_b, sizeof art_b - 1, QC_FUZZ_MTIME);
    /* a first open makes a valid cache and tells where it lives */
    qc_corpus *c = NULL;
    qc_corpus_options o = { 0 };
    o.cache_dir = cache_dir;
    o.threads = 1;
    const char *dirs[] = { corpus_dir };
    if (qc_corpus_open(&c, dirs, 1, &o) != 0)
        abort();
    qc_corpus_stats st;
    qc_corpus_stats_get(c, &st);
    snprintf(cache_path, sizeof cache_path, "%s", st.cache_path);
    /* QC_FUZZ_DUMP_CACHE=path: save the valid cache (to make a seed) */
    const char *dump = getenv("QC_FUZZ_DUMP_CACHE");
    if (dump && *dump) {
        FILE *in = fopen(cache_path, "rb"), *out = fopen(dump, "wb");
        char buf[4096];
        size_t n;
        while (in && out && (n = fread(buf, 1, sizeof buf, in)) > 0)
            fwrite(buf, 1, n, out);
        if (in)
            fclose(in);
        if (out)
            fclose(out);
    }
    qc_corpus_close(c);
}

/* corpus/image.c's checksum (static there), recomputed over a tampered image */
static uint64_t image_sum(const uint8_t *base, size_t len)
{
    qc_image_header h;
    memcpy(&h, base, sizeof h);
    h.checksum = 0;
    uint64_t a = qc_corpus_checksum(&h, sizeof h);
    uint64_t b = qc_corpus_checksum(base + sizeof h, len - sizeof h);
    return qc_corpus_mix64(a ^ (b * 0x9e3779b97f4a7c15ULL));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    if (size < 1)
        return 0;
    size_t len = size - 1;
    uint64_t *words = calloc(len / 8 + 2, 8);   /* 8-aligned, as mmap and malloc give */
    uint8_t *img_bytes = (uint8_t *)words;
    memcpy(img_bytes, data + 1, len);
    if ((data[0] & 1) && len >= sizeof(qc_image_header)) {
        qc_image_header *h = (qc_image_header *)img_bytes;
        h->file_len = len;
        h->checksum = image_sum(img_bytes, len);
    }

    qc_image img;
    if (qc_image_open(&img, img_bytes, len) == 0) {
        uint64_t touched = 0;
        for (uint32_t b = 0; b < img.h->nbuckets; b++) {
            uint32_t c, v;
            const uint8_t *end, *p = qc_image_list(&img, b, &c, &end);
            QC_FUZZ_CHECK(p >= img.postings && end <= img.postings + img.h->len_postings);
            for (uint32_t k = 0; k < c && qc_varint_get(&p, end, &v); k++)
                touched += v;
        }
        for (uint32_t i = 0; i < img.h->narticles; i++) {
            const char *path = qc_image_str(&img, img.articles[i].path);
            QC_FUZZ_CHECK(path && path + strlen(path) < (const char *)img.base + img.len);
        }
        (void)touched;
    }

    qc_fuzz_write(cache_path, img_bytes, len, 0);
    qc_corpus *c = NULL;
    qc_corpus_options o = { 0 };
    o.cache_dir = cache_dir;
    o.threads = 1;
    const char *dirs[] = { corpus_dir };
    QC_FUZZ_CHECK(qc_corpus_open(&c, dirs, 1, &o) == 0);
    QC_FUZZ_CHECK(qc_corpus_count(c) == 2);
    for (size_t i = 0; i < qc_corpus_count(c); i++) {
        const qc_article *a = qc_corpus_article(c, i);
        QC_FUZZ_CHECK(a && a->path && a->label && a->kind < QC_KIND_COUNT);
        const qc_text *t = qc_corpus_article_text(c, i);
        QC_FUZZ_CHECK(t);
        (void)qc_corpus_article_extraction(c, i);
    }
    qc_corpus_hit hits[8];
    size_t nh = qc_corpus_search(c, "We will reopen it before the festival", 37, hits, 8);
    for (size_t i = 0; i < nh; i++) {
        QC_FUZZ_CHECK(hits[i].article < 2);
        const qc_text *t = qc_corpus_article_text(c, hits[i].article);
        QC_FUZZ_CHECK(hits[i].start <= hits[i].end && hits[i].end <= t->len);
    }
    qc_corpus_related_hit rel[4];
    size_t nr = qc_corpus_related(c, art_b, sizeof art_b - 1, rel, 4);
    for (size_t i = 0; i < nr; i++)
        QC_FUZZ_CHECK(rel[i].article < 2);
    qc_corpus_stats st;
    qc_corpus_stats_get(c, &st);
    QC_FUZZ_CHECK(st.articles == 2);
    qc_corpus_close(c);
    free(words);
    return 0;
}
