/*
 * tests/unit/corpus_meta.c — article metadata: detection from the text
 * (byline, dateline, copyright line, blog boilerplate), front matter,
 * dates, known outlets and credibility defaults; and the seed articles'
 * outlets when ../shared/seeds is present. Every text here is written for
 * the test, imitating the seeds' patterns (the seeds' text is not copied).
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

static void detect(const char *text, qc_corpus_meta *m)
{
    qc_corpus_meta_detect(text, strlen(text), NULL, 0, m);
}

static void test_byline_with_outlet(void **state)
{
    (void)state;
    qc_corpus_meta m;
    detect("By MARTA KOVAC, REUTERS\nThe harbour bridge in Velmora closed on Monday, officials said.\n", &m);
    assert_string_equal(m.outlet, "Reuters");
    assert_int_equal(m.kind, QC_KIND_WIRE);
    assert_string_equal(m.byline, "Marta Kovac");
    assert_string_equal(m.source, "byline");
    qc_corpus_meta_free(&m);

    detect("By Olga Petrenko\nA quiet day in the capital.\n", &m);
    assert_null(m.outlet);
    assert_string_equal(m.byline, "Olga Petrenko");
    qc_corpus_meta_free(&m);

    /* a job title is not an outlet */
    detect("By Olga Petrenko, Staff Writer\nA quiet day.\n", &m);
    assert_null(m.outlet);
    qc_corpus_meta_free(&m);

    /* "By the way" in running text is not a byline */
    detect("by the way, nobody came.\n", &m);
    assert_null(m.byline);
    qc_corpus_meta_free(&m);
}

static void test_tass_dateline(void **state)
{
    (void)state;
    qc_corpus_meta m;
    detect("MOSCOW, March 2. /TASS/. The ministry said on Monday that talks would resume.\n", &m);
    assert_string_equal(m.outlet, "TASS");
    assert_int_equal(m.kind, QC_KIND_STATE);
    assert_string_equal(m.date, "--03-02");
    assert_string_equal(m.dateline, "MOSCOW");
    assert_string_equal(m.source, "dateline");
    qc_corpus_meta_free(&m);

    detect("LONDON (Reuters) - Shares fell on Tuesday.\n", &m);
    assert_string_equal(m.outlet, "Reuters");
    assert_string_equal(m.dateline, "LONDON");
    qc_corpus_meta_free(&m);

    /* run into a caption, no outlet */
    detect("Headline here\nCrowds gathered in the square at duskVELMORA — The bridge closed.\n", &m);
    assert_string_equal(m.dateline, "VELMORA");
    assert_null(m.outlet);
    qc_corpus_meta_free(&m);

    /* an acronym in parentheses mid-sentence is not a dateline */
    detect("The agency said the IRGC (a military force) had fired.\nU.S. officials said so.\n", &m);
    assert_null(m.dateline);
    assert_null(m.outlet);
    qc_corpus_meta_free(&m);
}

static void test_copyright_line(void **state)
{
    (void)state;
    qc_corpus_meta m;
    detect("The bridge closed.\n\xC2\xA9" "2019 New York Times News Service\n", &m);
    assert_string_equal(m.outlet, "New York Times News Service");
    assert_int_equal(m.kind, QC_KIND_NEWSPAPER);
    assert_string_equal(m.source, "copyright");
    qc_corpus_meta_free(&m);

    detect("The bridge closed.\n\xC2\xA9 2020 Reuters\n", &m);
    assert_string_equal(m.outlet, "Reuters");
    qc_corpus_meta_free(&m);

    detect("Text.\nCopyright 2021 The Associated Press. All rights reserved.\n", &m);
    assert_string_equal(m.outlet, "Associated Press");
    assert_int_equal(m.kind, QC_KIND_WIRE);
    qc_corpus_meta_free(&m);
}

static void test_blog_boilerplate(void **state)
{
    (void)state;
    qc_corpus_meta m;
    detect("Something happened today and I have thoughts.\nNo comments:\nPost a Comment\n", &m);
    assert_null(m.outlet);
    assert_int_equal(m.kind, QC_KIND_BLOG);
    assert_string_equal(m.source, "boilerplate");
    qc_corpus_meta_free(&m);

    /* a wire story reposted on a blog keeps its outlet, flagged */
    detect("By JANE ROE, REUTERS\nThe bridge closed.\nNo comments:\nPost a Comment\n", &m);
    assert_string_equal(m.outlet, "Reuters");
    assert_true(m.via_blog);
    qc_corpus_meta_free(&m);

    /* nothing at all: unknown */
    detect("A text with no signature.\nAnother line.\n", &m);
    assert_null(m.outlet);
    assert_int_equal(m.kind, QC_KIND_COUNT);
    assert_string_equal(m.source, "none");
    qc_corpus_meta_free(&m);
}

static void test_front_matter_detect(void **state)
{
    (void)state;
    qc_corpus_meta m;
    const char *t = "---\noutlet: \"Daily Planet\"\ndate: March 3, 2026\nkind: newspaper\n"
                    "credibility: 0.7\nurl: https://planet.example/a\n---\n\n# Title\n\nBody.\n";
    /* detection alone ignores front matter (the caller merges it) */
    qc_corpus_meta_detect(t, strlen(t), NULL, 0, &m);
    assert_null(m.outlet);
    qc_corpus_meta_free(&m);
}

static void test_outlet_lookup(void **state)
{
    (void)state;
    const char *canon;
    assert_int_equal(qc_corpus_outlet_lookup("the Jerusalem Post", NULL, 0, &canon), QC_KIND_NEWSPAPER);
    assert_string_equal(canon, "The Jerusalem Post");
    assert_int_equal(qc_corpus_outlet_lookup("Xinhua", NULL, 0, NULL), QC_KIND_STATE);
    assert_int_equal(qc_corpus_outlet_lookup("Press TV", NULL, 0, NULL), QC_KIND_STATE);
    assert_int_equal(qc_corpus_outlet_lookup("AFP", NULL, 0, NULL), QC_KIND_WIRE);
    assert_int_equal(qc_corpus_outlet_lookup("Ministry of Foreign Affairs", NULL, 0, NULL), QC_KIND_OFFICIAL);
    assert_int_equal(qc_corpus_outlet_lookup("U.S. Department of Defense", NULL, 0, NULL), QC_KIND_OFFICIAL);
    assert_int_equal(qc_corpus_outlet_lookup("www.state.gov", NULL, 0, NULL), QC_KIND_OFFICIAL);
    assert_int_equal(qc_corpus_outlet_lookup("Reuters staff", NULL, 0, NULL), QC_KIND_WIRE);
    assert_int_equal(qc_corpus_outlet_lookup("Northern Post", NULL, 0, NULL), QC_KIND_NEWSPAPER);
    assert_int_equal(qc_corpus_outlet_lookup("Zorblat", NULL, 0, NULL), QC_KIND_UNKNOWN);
    qc_corpus_outlet extra[] = { { "Zorblat", QC_KIND_WIRE } };
    assert_int_equal(qc_corpus_outlet_lookup("zorblat", extra, 1, &canon), QC_KIND_WIRE);
    assert_string_equal(canon, "Zorblat");
}

static void test_dates(void **state)
{
    (void)state;
    const char *cases[][2] = {
        { "2020-01-08", "2020-01-08" }, { "2020-01-08T10:00:00Z", "2020-01-08" },
        { "January 8, 2020", "2020-01-08" }, { "8 January 2020", "2020-01-08" },
        { "Jan. 8, 2020", "2020-01-08" }, { "Wednesday, January 8", "--01-08" },
        { "Sept 3 2021", "2021-09-03" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *d = qc_corpus_date_normalize(cases[i][0]);
        assert_non_null(d);
        assert_string_equal(d, cases[i][1]);
        free(d);
    }
    assert_null(qc_corpus_date_normalize("sometime soon"));
}

static void test_credibility_defaults(void **state)
{
    (void)state;
    assert_true(qc_outlet_kind_credibility(QC_KIND_WIRE) > qc_outlet_kind_credibility(QC_KIND_NEWSPAPER));
    assert_true(qc_outlet_kind_credibility(QC_KIND_NEWSPAPER) > qc_outlet_kind_credibility(QC_KIND_STATE));
    assert_true(qc_outlet_kind_credibility(QC_KIND_UNKNOWN) > qc_outlet_kind_credibility(QC_KIND_BLOG));
    assert_string_equal(qc_credibility_label(0.9), "high");
    assert_string_equal(qc_credibility_label(0.5), "medium");
    assert_string_equal(qc_credibility_label(0.3), "low");
    assert_int_equal(qc_outlet_kind_parse("state-media"), QC_KIND_STATE);
    assert_int_equal(qc_outlet_kind_parse("press-release"), QC_KIND_OFFICIAL);
    assert_int_equal(qc_outlet_kind_parse("nonsense"), -1);
    assert_string_equal(qc_outlet_kind_name(QC_KIND_BLOG), "blog");
}

/* The seed articles, when the shared folder is there. */
static const char *seeds_dir(void)
{
    static const char *const tries[] = { "../shared/seeds", "../../shared/seeds", "/work/shared/seeds" };
    const char *env = getenv("QC_SHARED");
    static char buf[4096];
    if (env) {
        snprintf(buf, sizeof buf, "%s/seeds", env);
        struct stat st;
        if (stat(buf, &st) == 0)
            return buf;
    }
    for (size_t i = 0; i < sizeof tries / sizeof *tries; i++) {
        struct stat st;
        if (stat(tries[i], &st) == 0 && S_ISDIR(st.st_mode))
            return tries[i];
    }
    return NULL;
}

static void test_seed_outlets(void **state)
{
    (void)state;
    const char *dir = seeds_dir();
    if (!dir)
        skip();
    qc_corpus_options opt;
    memset(&opt, 0, sizeof opt);
    opt.no_cache = true;
    qc_corpus *c = NULL;
    assert_int_equal(qc_corpus_open(&c, &dir, 1, &opt), 0);
    assert_int_equal(qc_corpus_count(c), 4);   /* README.md is not an article */
    int seen = 0;
    for (size_t i = 0; i < qc_corpus_count(c); i++) {
        const qc_article *a = qc_corpus_article(c, i);
        if (strstr(a->path, "000_")) {
            assert_string_equal(a->outlet, "New York Times News Service");
            assert_int_equal(a->kind, QC_KIND_NEWSPAPER);
            assert_string_equal(a->dateline, "BAGHDAD");
            seen |= 1;
        } else if (strstr(a->path, "001_")) {
            assert_string_equal(a->outlet, "Reuters");
            assert_true(a->via_blog);
            assert_string_equal(a->label, "low");
            seen |= 2;
        } else if (strstr(a->path, "002_")) {
            assert_string_equal(a->outlet, "TASS");
            assert_int_equal(a->kind, QC_KIND_STATE);
            assert_string_equal(a->date, "--01-08");
            assert_string_equal(a->dateline, "WASHINGTON");
            seen |= 4;
        } else if (strstr(a->path, "003_")) {
            assert_int_equal(a->kind, QC_KIND_BLOG);
            seen |= 8;
        }
    }
    assert_int_equal(seen, 15);
    /* four reports of one event, none a copy of another */
    qc_corpus_stats st;
    qc_corpus_stats_get(c, &st);
    assert_int_equal(st.clusters, 4);
    /* the partial quote is found, in the TASS report */
    qc_corpus_hit hits[4];
    size_t n = qc_corpus_search(c, "severe revenge", 14, hits, 4);
    assert_true(n >= 1);
    assert_non_null(strstr(qc_corpus_article(c, hits[0].article)->path, "002_"));
    qc_corpus_close(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_byline_with_outlet),
        cmocka_unit_test(test_tass_dateline),
        cmocka_unit_test(test_copyright_line),
        cmocka_unit_test(test_blog_boilerplate),
        cmocka_unit_test(test_front_matter_detect),
        cmocka_unit_test(test_outlet_lookup),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_credibility_defaults),
        cmocka_unit_test(test_seed_outlets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
