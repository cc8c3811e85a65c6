/*
 * tests/unit/corpus_index.c — a corpus on disk: front matter and sidecar
 * precedence, credibility overrides, near-duplicate clusters, quote
 * search (exact, changed word, dropped word, 2-word partial, nothing for
 * unrelated text), related articles, the cache (round trip, incremental
 * update, corrupt/truncated/wrong-version cache rebuilt), skipped files
 * (binary, invalid UTF-8, symlink loop), concurrent readers, and the
 * fixtures/corpus folder when present. The articles are invented for
 * these tests and written into a temporary folder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "corpus/corpus.h"

/* ---- the invented articles ------------------------------------------------ */

static const char *const STORY_A =
    "By HANNA LUND, REUTERS\n"
    "VELMORA, May 4 (Reuters) - The Velmora harbour bridge was closed to traffic on Sunday after "
    "inspectors found cracks in two of its main cables, the city transport office said.\n"
    "\"We will not reopen the bridge until every cable has been scanned and every doubt is gone,\" "
    "transport commissioner Ilan Brask told reporters at the harbour.\n"
    "About 48,000 vehicles cross the bridge each day. Ferries will run every fifteen minutes "
    "until the repairs are finished, the office said.\n"
    "Brask said the inspection had been planned for months and was not prompted by any accident. "
    "\"Nobody was hurt, and nobody will be,\" he said.\n"
    "The bridge opened in 1974 and was last repaired in 2009.\n"
    "\xC2\xA9 2024 Reuters\n";

/* a syndicated copy: new headline and byline, a paragraph dropped, a word changed */
static const char *const STORY_A_COPY =
    "Cracked cables shut Velmora bridge\n"
    "By Hanna Lund, Reuters\n"
    "VELMORA, May 4 (Reuters) - The Velmora harbour bridge was closed to traffic on Sunday after "
    "inspectors found cracks in two of its main cables, the city transport office said.\n"
    "\"We will not reopen the bridge until every cable has been scanned and every doubt is gone,\" "
    "transport commissioner Ilan Brask told reporters at the harbour.\n"
    "About 48,000 vehicles cross the bridge every day. Ferries will run every fifteen minutes "
    "until the repairs are finished, the office said.\n"
    "The bridge opened in 1974 and was last repaired in 2009.\n"
    "No comments:\nPost a Comment\n";

static const char *const STORY_B =
    "---\n"
    "outlet: Daily Planet\n"
    "date: 2024-05-06\n"
    "kind: newspaper\n"
    "---\n\n"
    "# Orchard growers fear late frost\n\n"
    "Apple growers in the Tarsk valley lit smudge pots through the night on Monday as temperatures "
    "fell below freezing for the third time this month.\n\n"
    "\"A single cold night in bloom can take half the harvest,\" said Petra Wendt, who runs the "
    "growers' cooperative. \"We are watching the thermometer every hour.\"\n\n"
    "The regional weather service expects milder air by Thursday.\n";

static const char *const STORY_C =
    "The Kestrel Football Club named a new coach on Friday, ending a search that lasted the whole "
    "winter. Marco Ilves, who led the youth team for six seasons, signed a three-year contract.\n"
    "\"I know these players and I know this city,\" Ilves said at a news conference.\n";

static const char *const SIDECAR =
    "{\"articles\": {\n"
    "  \"wire-copy.txt\": {\"outlet\": \"Harbour Gazette\", \"date\": \"2024-05-05\","
    " \"kind\": \"newspaper\", \"url\": \"https://gazette.example/bridge\"},\n"
    "  \"planet.md\": {\"outlet\": \"Sidecar Outlet\", \"date\": \"2024-01-01\","
    " \"byline\": \"Side Car\"}\n"
    "}}\n";

typedef struct fixture {
    char root[256];
    char corpus[300];
    char cache[300];
} fixture;

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(text, 1, strlen(text), f);
    fclose(f);
}

static void rm_rf(const char *path)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", path);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    snprintf(fx->root, sizeof fx->root, "/tmp/qc-corpus-test-XXXXXX");
    if (!mkdtemp(fx->root))
        return -1;
    snprintf(fx->corpus, sizeof fx->corpus, "%s/corpus", fx->root);
    snprintf(fx->cache, sizeof fx->cache, "%s/cache", fx->root);
    mkdir(fx->corpus, 0755);
    write_file(fx->corpus, "wire.txt", STORY_A);
    write_file(fx->corpus, "wire-copy.txt", STORY_A_COPY);
    write_file(fx->corpus, "planet.md", STORY_B);
    write_file(fx->corpus, "sources.json", SIDECAR);
    char sub[400];
    snprintf(sub, sizeof sub, "%s/sport", fx->corpus);
    mkdir(sub, 0755);
    write_file(sub, "coach.txt", STORY_C);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    rm_rf(fx->root);
    free(fx);
    return 0;
}

typedef struct warnings {
    int count;
    char last[1024];
} warnings;

static void on_warning(const char *msg, void *user)
{
    warnings *w = user;
    w->count++;
    snprintf(w->last, sizeof w->last, "%s", msg);
}

static qc_corpus *open_corpus(fixture *fx, warnings *w)
{
    qc_corpus_options opt;
    memset(&opt, 0, sizeof opt);
    opt.cache_dir = fx->cache;
    opt.warning = on_warning;
    opt.user = w;
    const char *dirs[] = { fx->corpus };
    qc_corpus *c = NULL;
    assert_int_equal(qc_corpus_open(&c, dirs, 1, &opt), 0);
    return c;
}

static const qc_article *find(qc_corpus *c, const char *name, size_t *index)
{
    for (size_t i = 0; i < qc_corpus_count(c); i++) {
        const qc_article *a = qc_corpus_article(c, i);
        size_t n = strlen(a->path), k = strlen(name);
        if (n >= k && !strcmp(a->path + n - k, name)) {
            if (index)
                *index = i;
            return a;
        }
    }
    return NULL;
}

/* ---- tests ---------------------------------------------------------------------- */

static void test_metadata_precedence(void **state)
{
    fixture *fx = *state;
    warnings w = { 0, "" };
    qc_corpus *c = open_corpus(fx, &w);
    assert_int_equal(qc_corpus_count(c), 4);
    /* text only */
    const qc_article *a = find(c, "/wire.txt", NULL);
    assert_non_null(a);
    assert_string_equal(a->outlet, "Reuters");
    assert_string_equal(a->byline, "Hanna Lund");
    assert_string_equal(a->date, "--05-04");
    assert_string_equal(a->meta_source, "byline");
    assert_string_equal(a->label, "high");
    /* the sidecar over the text's byline; via_blog from the text */
    a = find(c, "wire-copy.txt", NULL);
    assert_string_equal(a->outlet, "Harbour Gazette");
    assert_int_equal(a->kind, QC_KIND_NEWSPAPER);
    assert_string_equal(a->date, "2024-05-05");
    assert_string_equal(a->url, "https://gazette.example/bridge");
    assert_string_equal(a->meta_source, "sidecar");
    assert_string_equal(a->byline, "Hanna Lund");   /* sidecar has none: from the text */
    /* front matter over the sidecar, field by field */
    a = find(c, "planet.md", NULL);
    assert_string_equal(a->outlet, "Daily Planet");
    assert_string_equal(a->date, "2024-05-06");
    assert_string_equal(a->byline, "Side Car");     /* front matter has none */
    assert_string_equal(a->meta_source, "front-matter");
    /* nothing known */
    a = find(c, "sport/coach.txt", NULL);
    assert_null(a->outlet);
    assert_int_equal(a->kind, QC_KIND_UNKNOWN);
    assert_string_equal(a->label, "unknown");
    assert_int_equal(w.count, 0);
    qc_corpus_close(c);
}

static void test_credibility_overrides(void **state)
{
    fixture *fx = *state;
    qc_corpus_rating outlets[] = { { "reuters", 0.95 } };
    qc_corpus_rating kinds[] = { { "newspaper", 0.6 }, { "unknown", 0.2 } };
    qc_corpus_options opt;
    memset(&opt, 0, sizeof opt);
    opt.cache_dir = fx->cache;
    opt.outlet_ratings = outlets;
    opt.noutlet_ratings = 1;
    opt.kind_ratings = kinds;
    opt.nkind_ratings = 2;
    const char *dirs[] = { fx->corpus };
    qc_corpus *c = NULL;
    assert_int_equal(qc_corpus_open(&c, dirs, 1, &opt), 0);
    assert_true(find(c, "/wire.txt", NULL)->credibility == 0.95);
    const qc_article *a = find(c, "planet.md", NULL);
    assert_true(a->credibility == 0.6);
    assert_string_equal(a->label, "medium");
    /* a newspaper copy on a blog is capped at the blog rating */
    a = find(c, "wire-copy.txt", NULL);
    assert_true(a->via_blog);
    assert_true(a->credibility == qc_outlet_kind_credibility(QC_KIND_BLOG));
    a = find(c, "coach.txt", NULL);
    assert_true(a->credibility == 0.2);
    qc_corpus_close(c);
}

static void test_near_duplicates(void **state)
{
    fixture *fx = *state;
    warnings w = { 0, "" };
    qc_corpus *c = open_corpus(fx, &w);
    const qc_article *a = find(c, "/wire.txt", NULL), *b = find(c, "wire-copy.txt", NULL);
    const qc_article *p = find(c, "planet.md", NULL), *s = find(c, "coach.txt", NULL);
    assert_int_equal(a->cluster, b->cluster);
    assert_int_not_equal(a->cluster, p->cluster);
    assert_int_not_equal(a->cluster, s->cluster);
    assert_int_not_equal(p->cluster, s->cluster);
    qc_corpus_stats st;
    qc_corpus_stats_get(c, &st);
    assert_int_equal(st.clusters, 3);
    qc_corpus_close(c);
}

static size_t search(qc_corpus *c, const char *q, qc_corpus_hit *hits, size_t max)
{
    return qc_corpus_search(c, q, strlen(q), hits, max);
}

static void assert_passage(qc_corpus *c, const qc_corpus_hit *h, const char *expect)
{
    const qc_text *t = qc_corpus_article_text(c, h->article);
    assert_non_null(t);
    char got[512];
    size_t n = h->end - h->start < sizeof got - 1 ? h->end - h->start : sizeof got - 1;
    memcpy(got, t->data + h->start, n);
    got[n] = '\0';
    assert_string_equal(got, expect);
}

static void test_search(void **state)
{
    fixture *fx = *state;
    warnings w = { 0, "" };
    qc_corpus *c = open_corpus(fx, &w);
    qc_corpus_hit hits[8];
    size_t wire, copy, planet;
    find(c, "/wire.txt", &wire);
    find(c, "wire-copy.txt", &copy);
    find(c, "planet.md", &planet);

    /* exact, with curly quotes and different case: both copies */
    size_t n = search(c, "\xE2\x80\x9CWe will NOT reopen the bridge until every cable has been "
                         "scanned and every doubt is gone,\xE2\x80\x9D", hits, 8);
    assert_int_equal(n, 2);
    assert_true(hits[0].score == 1.0 && hits[1].score == 1.0);
    assert_true((hits[0].article == wire && hits[1].article == copy) ||
                (hits[0].article == copy && hits[1].article == wire));
    assert_int_equal(hits[0].matched, 17);
    assert_passage(c, &hits[0], "We will not reopen the bridge until every cable has been scanned "
                                "and every doubt is gone");

    /* one word changed */
    n = search(c, "We will not reopen the bridge until every cable has been checked and every "
                  "doubt is gone", hits, 8);
    assert_true(n >= 1);
    assert_int_equal(hits[0].matched, 16);
    assert_true(hits[0].score < 1.0 && hits[0].score > 0.9);
    assert_passage(c, &hits[0], "We will not reopen the bridge until every cable has been scanned "
                                "and every doubt is gone");

    /* dropped words ("in bloom") */
    n = search(c, "A single cold night can take half the harvest", hits, 8);
    assert_int_equal(n, 1);
    assert_int_equal(hits[0].article, planet);
    assert_int_equal(hits[0].matched, 9);
    assert_int_equal(hits[0].passage_words, 11);
    assert_passage(c, &hits[0], "A single cold night in bloom can take half the harvest");

    /* a 2-word partial quote */
    n = search(c, "smudge pots", hits, 8);
    assert_int_equal(n, 1);
    assert_int_equal(hits[0].article, planet);
    assert_passage(c, &hits[0], "smudge pots");

    /* apostrophes: straight and curly are the same word */
    n = search(c, "the growers\xE2\x80\x99 cooperative", hits, 8);
    assert_int_equal(n, 1);

    /* unrelated text: nothing */
    n = search(c, "The central bank raised interest rates by half a point", hits, 8);
    assert_int_equal(n, 0);
    n = search(c, "quantum chromodynamics", hits, 8);
    assert_int_equal(n, 0);
    /* one word: not a quote */
    assert_int_equal(search(c, "bridge", hits, 8), 0);
    qc_corpus_close(c);
}

static void test_related(void **state)
{
    fixture *fx = *state;
    warnings w = { 0, "" };
    qc_corpus *c = open_corpus(fx, &w);
    const char *draft =
        "Velmora's harbour bridge is shut. Inspectors found cracks in two of its main cables, and "
        "transport commissioner Ilan Brask says it stays closed until every cable has been scanned. "
        "Ferries will run every fifteen minutes.";
    qc_corpus_related_hit rel[8];
    size_t n = qc_corpus_related(c, draft, strlen(draft), rel, 8);
    assert_int_equal(n, 2);
    size_t wire, copy;
    find(c, "/wire.txt", &wire);
    find(c, "wire-copy.txt", &copy);
    assert_true((rel[0].article == wire || rel[0].article == copy));
    assert_true((rel[1].article == wire || rel[1].article == copy));
    assert_true(rel[0].score > 0 && rel[0].score <= 1.0);
    qc_corpus_close(c);
}

/* More articles share the draft's rare word pairs than the score table
 * first holds: it must grow (it once filled up and looped for ever). */
static void test_related_many_articles(void **state)
{
    (void)state;
    char root[] = "/tmp/qc-corpus-many-XXXXXX";
    assert_non_null(mkdtemp(root));
    char corpus[300];
    snprintf(corpus, sizeof corpus, "%s/corpus", root);
    mkdir(corpus, 0755);
    for (int i = 0; i < 300; i++) {
        char name[32], text[256];
        snprintf(name, sizeof name, "a%03d.txt", i);
        snprintf(text, sizeof text, "Report %d. The word%dx pair%dy came up in story number %d today.\n",
                 i, i % 10, i % 10, i);
        write_file(corpus, name, text);
    }
    qc_corpus_options opt;
    memset(&opt, 0, sizeof opt);
    opt.no_cache = true;
    const char *dirs[] = { corpus };
    qc_corpus *c = NULL;
    assert_int_equal(qc_corpus_open(&c, dirs, 1, &opt), 0);
    char draft[512] = "";
    for (int g = 0; g < 10; g++) {
        char part[40];
        snprintf(part, sizeof part, "word%dx pair%dy ", g, g);
        strcat(draft, part);
    }
    alarm(60);   /* a hang fails the test instead of stalling the suite */
    qc_corpus_related_hit rel[8];
    size_t n = qc_corpus_related(c, draft, strlen(draft), rel, 8);
    alarm(0);
    assert_true(n <= 8);
    qc_corpus_close(c);
    rm_rf(root);
}

static void test_cache_round_trip(void **state)
{
    fixture *fx = *state;
    warnings w = { 0, "" };
    qc_corpus *c = open_corpus(fx, &w);
    qc_corpus_stats s1, s2;
    qc_corpus_stats_get(c, &s1);
    assert_true(s1.cache_rebuilt);
    assert_int_equal(s1.files_read, 4);
    assert_non_null(s1.cache_path);
    struct stat st;
    assert_int_equal(stat(s1.cache_path, &st), 0);
    qc_corpus_close(c);

    c = open_corpus(fx, &w);
    qc_corpus_stats_get(c, &s2);
    assert_true(s2.from_cache);
    assert_false(s2.cache_rebuilt);
    assert_int_equal(s2.files_read, 0);
    assert_int_equal(s2.articles, s1.articles);
    assert_int_equal(s2.words, s1.words);
    assert_int_equal(s2.postings, s1.postings);
    assert_int_equal(s2.clusters, s1.clusters);
    assert_string_equal(find(c, "planet.md", NULL)->outlet, "Daily Planet");
    qc_corpus_hit hits[4];
    assert_int_equal(search(c, "smudge pots", hits, 4), 1);
    /* extraction is available through the corpus */
    assert_non_null(qc_corpus_article_extraction(c, hits[0].article));
    assert_int_equal(w.count, 0);
    qc_corpus_close(c);
}

static void touch_later(const char *path)
{
    /* make sure the mtime differs even on coarse clocks */
    struct timespec ts[2];
    clock_gettime(CLOCK_REALTIME, &ts[0]);
    ts[0].tv_sec += 5;
    ts[1] = ts[0];
    utimensat(AT_FDCWD, path, ts, 0);
}

static void test_incremental_update(void **state)
{
    fixture *fx = *state;
    warnings w = { 0, "" };
    qc_corpus_close(open_corpus(fx, &w));

    /* change one, add one, delete one */
    char path[512];
    write_file(fx->corpus, "planet.md",
               "---\noutlet: Daily Planet\n---\n\nCherry growers in the Tarsk valley counted their "
               "losses after the frost. \"We lost a third of the blossom,\" said Petra Wendt.\n");
    snprintf(path, sizeof path, "%s/planet.md", fx->corpus);
    touch_later(path);
    write_file(fx->corpus, "new.txt",
               "The Tarsk valley railway reopened on Wednesday after a landslide had blocked the "
               "line for nine days. \"Trains run on time again,\" a railway spokesman said.\n");
    snprintf(path, sizeof path, "%s/sport/coach.txt", fx->corpus);
    unlink(path);

    qc_corpus *c = open_corpus(fx, &w);
    qc_corpus_stats st;
    qc_corpus_stats_get(c, &st);
    assert_int_equal(st.files_read, 2);       /* only the changed and the new file */
    assert_true(st.from_cache);
    assert_int_equal(st.articles, 4);
    assert_null(find(c, "coach.txt", NULL));
    assert_non_null(find(c, "new.txt", NULL));
    qc_corpus_hit hits[4];
    assert_int_equal(search(c, "Trains run on time again", hits, 4), 1);
    assert_int_equal(search(c, "a third of the blossom", hits, 4), 1);
    assert_int_equal(search(c, "smudge pots", hits, 4), 0);
    assert_int_equal(search(c, "I know these players and I know this city", hits, 4), 0);
    /* the untouched articles are still found through the merged index */
    assert_int_equal(search(c, "every cable has been scanned", hits, 4), 2);
    qc_corpus_close(c);

    /* and the update was saved: nothing to read now */
    c = open_corpus(fx, &w);
    qc_corpus_stats_get(c, &st);
    assert_int_equal(st.files_read, 0);
    assert_int_equal(search(c, "Trains run on time again", hits, 4), 1);
    qc_corpus_close(c);

    /* a changed sidecar re-reads the files of its folder */
    write_file(fx->corpus, "sources.json", "{\"articles\": {}}\n");
    c = open_corpus(fx, &w);
    qc_corpus_stats_get(c, &st);
    assert_int_equal(st.files_read, 4);   /* every file of that folder, not sport/ */
    assert_string_equal(find(c, "wire-copy.txt", NULL)->meta_source, "byline");
    qc_corpus_close(c);
}

static void corrupt_and_check(fixture *fx, void (*damage)(const char *path), const char *expect)
{
    warnings w = { 0, "" };
    qc_corpus *c = open_corpus(fx, &w);
    qc_corpus_stats st;
    qc_corpus_stats_get(c, &st);
    char cache[600];
    snprintf(cache, sizeof cache, "%s", st.cache_path);
    qc_corpus_close(c);
    damage(cache);
    w.count = 0;
    c = open_corpus(fx, &w);
    qc_corpus_stats_get(c, &st);
    assert_true(st.cache_rebuilt);
    assert_int_equal(st.files_read, 4);
    assert_int_equal(w.count, 1);
    assert_non_null(strstr(w.last, expect));
    assert_non_null(strstr(w.last, "rebuilding"));
    qc_corpus_hit hits[4];
    assert_int_equal(search(c, "smudge pots", hits, 4), 1);
    qc_corpus_close(c);
    /* rebuilt and saved */
    c = open_corpus(fx, &w);
    qc_corpus_stats_get(c, &st);
    assert_int_equal(st.files_read, 0);
    qc_corpus_close(c);
}

static void flip_byte(const char *path)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, len / 2, SEEK_SET);
    int ch = fgetc(f);
    fseek(f, len / 2, SEEK_SET);
    fputc(ch ^ 0x20, f);
    fclose(f);
}

static void truncate_half(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(truncate(path, st.st_size / 2), 0);
}

static void bad_version(const char *path)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, 8, SEEK_SET);
    fputc(99, f);
    fclose(f);
}

static void garbage(const char *path)
{
    FILE *f = fopen(path, "wb");
    fputs("not an index", f);
    fclose(f);
}

static void test_corrupt_cache(void **state)
{
    fixture *fx = *state;
    corrupt_and_check(fx, flip_byte, "checksum");
    corrupt_and_check(fx, truncate_half, "truncated");
    corrupt_and_check(fx, bad_version, "version");
    corrupt_and_check(fx, garbage, "truncated");
}

static void test_skipped_files(void **state)
{
    fixture *fx = *state;
    FILE *f;
    char path[512];
    snprintf(path, sizeof path, "%s/binary.txt", fx->corpus);
    f = fopen(path, "wb");
    fwrite("abc\0def", 1, 7, f);
    fclose(f);
    snprintf(path, sizeof path, "%s/latin1.txt", fx->corpus);
    f = fopen(path, "wb");
    fputs("caf\xe9 au lait\n", f);
    fclose(f);
    char link[512];
    snprintf(link, sizeof link, "%s/sport/loop", fx->corpus);
    assert_int_equal(symlink("..", link), 0);
    snprintf(link, sizeof link, "%s/dangling.txt", fx->corpus);
    assert_int_equal(symlink("nowhere.txt", link), 0);
    char hidden[512];
    snprintf(hidden, sizeof hidden, "%s/.git", fx->corpus);
    mkdir(hidden, 0755);
    write_file(hidden, "ignored.txt", STORY_C);

    warnings w = { 0, "" };
    qc_corpus_options opt;
    memset(&opt, 0, sizeof opt);
    opt.cache_dir = fx->cache;
    qc_corpus *c = NULL;
    const char *dirs[] = { fx->corpus };
    assert_int_equal(qc_corpus_open(&c, dirs, 1, &opt), 0);
    (void)w;
    assert_int_equal(qc_corpus_count(c), 4);
    qc_corpus_stats st;
    qc_corpus_stats_get(c, &st);
    assert_int_equal(st.files_skipped, 2);
    int bin = 0, utf = 0, loop = 0, dangling = 0;
    for (size_t i = 0; i < qc_corpus_warning_count(c); i++) {
        const char *m = qc_corpus_warning(c, i);
        bin |= strstr(m, "binary.txt") && strstr(m, "binary");
        utf |= strstr(m, "latin1.txt") && strstr(m, "UTF-8");
        loop |= strstr(m, "sport/loop") && strstr(m, "loop");
        dangling |= strstr(m, "dangling.txt") != NULL;
    }
    assert_true(bin && utf && loop && dangling);
    qc_corpus_close(c);
}

static void test_missing_folder(void **state)
{
    (void)state;
    const char *dirs[] = { "/nonexistent/qc-corpus-folder" };
    qc_corpus *c = (qc_corpus *)1;
    qc_corpus_options opt;
    memset(&opt, 0, sizeof opt);
    opt.no_cache = true;
    assert_int_equal(qc_corpus_open(&c, dirs, 1, &opt), -5 /* QC_ENOTFOUND */);
    assert_null(c);
}

typedef struct reader_arg {
    qc_corpus *c;
    int ok;
} reader_arg;

static void *reader(void *p)
{
    reader_arg *a = p;
    a->ok = 1;
    for (int k = 0; k < 50; k++) {
        qc_corpus_hit hits[4];
        const char *q = k % 2 ? "smudge pots" : "every cable has been scanned";
        size_t n = qc_corpus_search(a->c, q, strlen(q), hits, 4);
        if (n != (size_t)(k % 2 ? 1 : 2))
            a->ok = 0;
        for (size_t i = 0; i < qc_corpus_count(a->c); i++)
            if (!qc_corpus_article_text(a->c, i))
                a->ok = 0;
    }
    return NULL;
}

static void test_concurrent_readers(void **state)
{
    fixture *fx = *state;
    warnings w = { 0, "" };
    qc_corpus *c = open_corpus(fx, &w);
    pthread_t t[4];
    reader_arg args[4];
    for (int i = 0; i < 4; i++) {
        args[i].c = c;
        pthread_create(&t[i], NULL, reader, &args[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_true(args[i].ok);
    }
    qc_corpus_close(c);
}

static void test_fixture_corpus(void **state)
{
    (void)state;
    struct stat st;
    const char *dir = "fixtures/corpus";
    if (stat(dir, &st) != 0)
        dir = "../../fixtures/corpus";
    if (stat(dir, &st) != 0)
        skip();
    qc_corpus_options opt;
    memset(&opt, 0, sizeof opt);
    opt.no_cache = true;
    qc_corpus *c = NULL;
    assert_int_equal(qc_corpus_open(&c, &dir, 1, &opt), 0);
    const qc_article *kta = find(c, "kta-varnek-dam.md", NULL);
    const qc_article *herald = find(c, "sarn-herald-varnek.txt", NULL);
    const qc_article *kna = find(c, "kna-varnek.txt", NULL);
    const qc_article *np = find(c, "northern-post-varnek.txt", NULL);
    if (!kta || !herald || !kna || !np) {
        qc_corpus_close(c);
        skip();
    }
    assert_int_equal(kta->kind, QC_KIND_WIRE);
    assert_string_equal(herald->outlet, "The Sarn Herald");
    assert_int_equal(herald->cluster, kta->cluster);   /* the syndicated copy */
    assert_int_equal(kna->kind, QC_KIND_STATE);
    assert_int_not_equal(kna->cluster, kta->cluster);
    assert_string_equal(np->outlet, "Northern Post");
    assert_string_equal(np->byline, "Lidia Krass");
    qc_corpus_close(c);
}

/* The memory bound: trimming frees words, extractions and clients' data of
 * the least recently used articles, and what is used again is rebuilt the
 * same. */
static void aux_free_counted(void *p)
{
    (*(int *)p)++;
}

static void test_trim(void **state)
{
    fixture *fx = *state;
    warnings w = { 0, "" };
    qc_corpus *c = open_corpus(fx, &w);
    qc_corpus_hit before[8], after[8];
    const char *q = "We will not reopen the bridge until every cable has been scanned";
    size_t nb = search(c, q, before, 8);
    assert_true(nb >= 1);
    size_t nq[64] = { 0 };
    size_t n = qc_corpus_count(c) < 64 ? qc_corpus_count(c) : 64;
    for (size_t i = 0; i < n; i++) {
        const qc_extraction *ex = qc_corpus_article_extraction(c, i);
        nq[i] = ex ? ex->nquotes : 0;
    }
    static int freed;
    freed = 0;
    assert_non_null(qc_corpus_article_aux_install(c, 0, 0, &freed, aux_free_counted));
    size_t cached = qc_corpus_cached_bytes(c);
    assert_true(cached > 0);
    /* under budget: nothing happens */
    assert_int_equal(qc_corpus_trim(c, cached + 1), 0);
    assert_int_equal(qc_corpus_cached_bytes(c), cached);
    /* over: everything goes, aux data through its free function */
    assert_true(qc_corpus_trim(c, 0) >= 1);
    assert_int_equal(qc_corpus_cached_bytes(c), 0);
    assert_int_equal(freed, 1);
    assert_null(qc_corpus_article_aux(c, 0, 0));
    /* rebuilt the same on use */
    size_t na = search(c, q, after, 8);
    assert_int_equal(na, nb);
    for (size_t i = 0; i < na; i++) {
        assert_int_equal(after[i].article, before[i].article);
        assert_int_equal(after[i].start, before[i].start);
        assert_int_equal(after[i].end, before[i].end);
    }
    for (size_t i = 0; i < n; i++) {
        const qc_extraction *ex = qc_corpus_article_extraction(c, i);
        assert_int_equal(ex ? ex->nquotes : 0, nq[i]);
    }
    /* least recently used first: article 0 used after the last trim is
     * kept when the others are enough to get under the budget */
    qc_corpus_trim(c, 0);
    qc_corpus_article_extraction(c, 0);
    size_t cost0 = qc_corpus_cached_bytes(c);
    assert_true(cost0 > 0);
    for (size_t i = 1; i < n; i++)
        qc_corpus_article_extraction(c, i);
    assert_true(qc_corpus_cached_bytes(c) > cost0);
    assert_int_equal(qc_corpus_trim(c, qc_corpus_cached_bytes(c)), 0);   /* a new epoch */
    qc_corpus_article_extraction(c, 0);                                 /* the most recent */
    assert_true(qc_corpus_trim(c, cost0 / 3 * 4 + 8) >= 1);
    assert_int_equal(qc_corpus_cached_bytes(c), cost0);
    qc_corpus_close(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_trim, setup, teardown),
        cmocka_unit_test_setup_teardown(test_metadata_precedence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_credibility_overrides, setup, teardown),
        cmocka_unit_test_setup_teardown(test_near_duplicates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search, setup, teardown),
        cmocka_unit_test_setup_teardown(test_related, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cache_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_incremental_update, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_cache, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skipped_files, setup, teardown),
        cmocka_unit_test(test_missing_folder),
        cmocka_unit_test(test_related_many_articles),
        cmocka_unit_test_setup_teardown(test_concurrent_readers, setup, teardown),
        cmocka_unit_test(test_fixture_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
