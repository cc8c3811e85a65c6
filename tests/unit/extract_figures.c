/*
 * tests/unit/extract_figures.c — extract/figures.c: numerals and number
 * words, qualifiers, what is counted, ranges, dates, times, money,
 * percentages, distances and other measures, what is not a figure,
 * offsets around multi-byte text, Markdown masking, block ends, a large
 * input, and the seed articles (skipped when ../shared/seeds is absent).
 * All sentences are written for these tests.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "parse/parse.h"
#include "util/alloc.h"
#include "util/file.h"

typedef struct run {
    const char *text;
    size_t len;
    qc_prose *prose;
    qc_arena arena;
    qc_figure_list figs;
} run;

static void run_open(run *r, const char *text, qc_format fmt)
{
    memset(r, 0, sizeof *r);
    r->text = text;
    r->len = strlen(text);
    r->prose = qc_prose_parse(text, r->len, fmt);
    qc_figures_find(&r->arena, r->prose, &r->figs);
}

static void run_close(run *r)
{
    free(r->figs.items);
    qc_arena_free(&r->arena);
    qc_prose_delete(r->prose);
}

static const char *kind_name(qc_figure_kind k)
{
    static const char *const names[] = { "count", "date", "time", "money", "percent",
                                         "distance", "other" };
    return names[k];
}

static void dump(const run *r)
{
    for (size_t i = 0; i < r->figs.len; i++) {
        const qc_figure *f = &r->figs.items[i];
        print_message("  figure %zu [%zu,%zu) \"%.*s\" %s norm=%s qual=%s counts=%s unit=%s\n",
                      i, f->start, f->end, (int)(f->end - f->start), r->text + f->start,
                      kind_name(f->kind), f->normalized ? f->normalized : "-",
                      f->qualifier ? f->qualifier : "-", f->counts ? f->counts : "-",
                      f->unit ? f->unit : "-");
    }
}

/* The figure whose whole phrase is exactly the first occurrence of `phrase`. */
static const qc_figure *fig_at(const run *r, const char *phrase)
{
    const char *p = strstr(r->text, phrase);
    if (!p)
        fail_msg("test bug: \"%s\" not in the text", phrase);
    size_t s = (size_t)(p - r->text), e = s + strlen(phrase);
    for (size_t i = 0; i < r->figs.len; i++)
        if (r->figs.items[i].start == s && r->figs.items[i].end == e)
            return &r->figs.items[i];
    dump(r);
    fail_msg("no figure spanning \"%s\" in \"%s\"", phrase, r->text);
    return NULL;
}

/* No figure overlaps the first occurrence of `phrase`. */
static void no_fig(const run *r, const char *phrase)
{
    const char *p = strstr(r->text, phrase);
    if (!p)
        fail_msg("test bug: \"%s\" not in the text", phrase);
    size_t s = (size_t)(p - r->text), e = s + strlen(phrase);
    for (size_t i = 0; i < r->figs.len; i++) {
        const qc_figure *f = &r->figs.items[i];
        if (f->start < e && f->end > s) {
            dump(r);
            fail_msg("unexpected figure \"%.*s\" overlapping \"%s\"", (int)(f->end - f->start),
                     r->text + f->start, phrase);
        }
    }
}

static void str_eq(const char *got, const char *want, const char *what, const char *phrase)
{
    if (!want && !got)
        return;
    if (!want || !got || strcmp(got, want) != 0)
        fail_msg("%s of \"%s\": got %s%s%s, want %s%s%s", what, phrase, got ? "\"" : "",
                 got ? got : "NULL", got ? "\"" : "", want ? "\"" : "", want ? want : "NULL",
                 want ? "\"" : "");
}

typedef struct want {
    const char *text;     /* the sentence */
    const char *phrase;   /* the whole figure, exactly */
    const char *num;      /* the number inside the phrase (num_start..num_end) */
    qc_figure_kind kind;
    double v, vmax;       /* vmax 0: same as v */
    const char *qual, *counts, *unit, *norm;
    bool vague;
} want;

static void check(const want *w, size_t n, qc_format fmt)
{
    for (size_t i = 0; i < n; i++) {
        run r;
        run_open(&r, w[i].text, fmt);
        const qc_figure *f = fig_at(&r, w[i].phrase);
        const char *ps = strstr(r.text, w[i].phrase);
        const char *ns = strstr(ps, w[i].num);
        if (!ns)
            fail_msg("test bug: \"%s\" not in \"%s\"", w[i].num, w[i].phrase);
        size_t n0 = (size_t)(ns - r.text), n1 = n0 + strlen(w[i].num);
        if (f->num_start != n0 || f->num_end != n1)
            fail_msg("number of \"%s\": got \"%.*s\", want \"%s\"", w[i].phrase,
                     (int)(f->num_end - f->num_start), r.text + f->num_start, w[i].num);
        if (f->kind != w[i].kind)
            fail_msg("kind of \"%s\": got %s, want %s", w[i].phrase, kind_name(f->kind),
                     kind_name(w[i].kind));
        double vmax = w[i].vmax != 0 ? w[i].vmax : w[i].v;
        if (fabs(f->value - w[i].v) > 1e-9 * (fabs(w[i].v) + 1) ||
            fabs(f->value_max - vmax) > 1e-9 * (fabs(vmax) + 1))
            fail_msg("value of \"%s\": got %.17g..%.17g, want %.17g..%.17g", w[i].phrase,
                     f->value, f->value_max, w[i].v, vmax);
        str_eq(f->qualifier, w[i].qual, "qualifier", w[i].phrase);
        str_eq(f->counts, w[i].counts, "counts", w[i].phrase);
        str_eq(f->unit, w[i].unit, "unit", w[i].phrase);
        str_eq(f->normalized, w[i].norm, "normalized", w[i].phrase);
        if (f->vague != w[i].vague)
            fail_msg("vague of \"%s\": got %d", w[i].phrase, f->vague);
        if (f->in_quote)
            fail_msg("in_quote is set by qc_extract, not by the figure finder");
        run_close(&r);
    }
}

#define CHECK(arr) check(arr, sizeof(arr) / sizeof *(arr), QC_FORMAT_PLAIN)
#define C QC_FIGURE_COUNT
#define D QC_FIGURE_DATE
#define TM QC_FIGURE_TIME
#define M QC_FIGURE_MONEY
#define P QC_FIGURE_PERCENT
#define DI QC_FIGURE_DISTANCE
#define O QC_FIGURE_OTHER

/* ------------------------------------------------------------ counts */

static void test_counts_numerals(void **state)
{
    (void)state;
    static const want w[] = {
        { "The ferry had 212 passengers aboard when it sank.", "212 passengers", "212", C, 212, 0,
          NULL, "passengers", NULL, "212", false },
        { "Officials counted 1,250 ballots before the deadline.", "1,250 ballots", "1,250", C,
          1250, 0, NULL, "ballots", NULL, "1250", false },
        { "The outage cut off 3.5 million homes in the valley.", "3.5 million homes",
          "3.5 million", C, 3500000, 0, NULL, "homes", NULL, "3500000", false },
        { "Crews laid six rubber mats and left.", "six rubber mats", "six", C, 6, 0, NULL,
          "rubber mats", NULL, "6", false },
        { "Doctors said nine protesters injured in the clash went home.", "nine protesters",
          "nine", C, 9, 0, NULL, "protesters", NULL, "9", false },
        { "A court heard that 48 are confirmed dead.", "48", "48", C, 48, 0, NULL, NULL, NULL,
          "48", false },
        { "The charity fed 4,000 families in the district.", "4,000 families", "4,000", C, 4000,
          0, NULL, "families", NULL, "4000", false },
        { "Inspectors found 0.5 tonnes of waste.", "0.5 tonnes", "0.5", O, 0.5, 0, NULL, NULL,
          "t", "0.5 t", false },
    };
    CHECK(w);
}

static void test_counts_words(void **state)
{
    (void)state;
    static const want w[] = {
        { "Twenty-one miners were brought up alive.", "Twenty-one miners", "Twenty-one", C, 21,
          0, NULL, "miners", NULL, "21", false },
        { "Half a dozen ministers resigned overnight.", "Half a dozen ministers",
          "Half a dozen", C, 6, 0, NULL, "ministers", NULL, "6", false },
        { "The guards fired a dozen warning shots.", "a dozen warning shots", "a dozen", C, 12,
          0, NULL, "warning shots", NULL, "12", false },
        { "A couple of reporters waited at the gate.", "A couple of reporters", "A couple", C,
          2, 0, NULL, "reporters", NULL, "2", false },
        { "The fund raised two hundred and fifty thousand pledges.",
          "two hundred and fifty thousand pledges", "two hundred and fifty thousand", C,
          250000, 0, NULL, "pledges", NULL, "250000", false },
        { "Police arrested one masked suspect on Friday.", "one masked suspect", "one", C, 1, 0,
          NULL, "masked suspect", NULL, "1", false },
        { "At least one border guard officer was killed.", "At least one border guard officer",
          "one", C, 1, 0, "at least", "border guard officer", NULL, "1", false },
        { "The army sent a hundred engineers.", "a hundred engineers", "a hundred", C, 100, 0,
          NULL, "engineers", NULL, "100", false },
        { "Seven were rescued from the roof.", "Seven", "Seven", C, 7, 0, NULL, NULL, NULL, "7",
          false },
    };
    CHECK(w);
}

static void test_counts_vague(void **state)
{
    (void)state;
    static const want w[] = {
        { "Dozens of villagers fled the fighting.", "Dozens of villagers", "Dozens", C, 24, 0,
          NULL, "villagers", NULL, "24+", true },
        { "Hundreds of volunteers cleared the beach.", "Hundreds of volunteers", "Hundreds", C,
          200, 0, NULL, "volunteers", NULL, "200+", true },
        { "Tens of thousands of fans marched.", "Tens of thousands of fans",
          "Tens of thousands", C, 20000, 0, NULL, "fans", NULL, "20000+", true },
        { "Only a few shops opened on the square.", "a few shops", "a few", C, 2, 0, NULL,
          "shops", NULL, "2+", true },
        { "Several firefighters were treated for smoke.", "Several firefighters", "Several", C,
          3, 0, NULL, "firefighters", NULL, "3+", true },
        { "Several hundred cars queued at the border.", "Several hundred cars",
          "Several hundred", C, 300, 0, NULL, "cars", NULL, "300+", true },
        { "Thousands gathered in the rain.", "Thousands", "Thousands", C, 2000, 0, NULL, NULL,
          NULL, "2000+", true },
    };
    CHECK(w);
}

static void test_counted_noun_phrase(void **state)
{
    (void)state;
    static const want w[] = {
        { "The navy fired more than a dozen cruise missiles at three coastal radar sites.",
          "more than a dozen cruise missiles", "a dozen", C, 12, 0, "more than",
          "cruise missiles", NULL, "12", false },
        { "The navy fired more than a dozen cruise missiles at three coastal radar sites.",
          "three coastal radar sites", "three", C, 3, 0, NULL, "coastal radar sites", NULL, "3",
          false },
        { "Four of the hostages were freed at dawn.", "Four of the hostages", "Four", C, 4, 0,
          NULL, "hostages", NULL, "4", false },
        { "Two of its reactors were shut.", "Two of its reactors", "Two", C, 2, 0, NULL,
          "reactors", NULL, "2", false },
        { "The ward admitted 14 police officers overnight.", "14 police officers", "14", C, 14,
          0, NULL, "police officers", NULL, "14", false },
        { "Medics treated 30 people at the scene.", "30 people", "30", C, 30, 0, NULL, "people",
          NULL, "30", false },
        { "It said 12 heavily armed men attacked the post.", "12", "12", C, 12, 0, NULL, NULL,
          NULL, "12", false },
        { "Rescuers reached 17 injured climbers.", "17 injured climbers", "17", C, 17, 0, NULL,
          "injured climbers", NULL, "17", false },
        { "They held talks with 5 U.S. diplomats.", "5 U.S. diplomats", "5", C, 5, 0, NULL,
          "u.s. diplomats", NULL, "5", false },
        { "The blast damaged 40 state-owned shops.", "40 state-owned shops", "40", C, 40, 0,
          NULL, "state-owned shops", NULL, "40", false },
        { "Officials said two Iraqis died.", "two Iraqis", "two", C, 2, 0, NULL, "iraqis", NULL,
          "2", false },
        { "One lorry driver says he saw it.", "One lorry driver", "One", C, 1, 0, NULL,
          "lorry driver", NULL, "1", false },
        { "Keepers used two other goats as bait.", "two other goats", "two", C, 2, 0, NULL,
          "goats", NULL, "2", false },
        { "She won 39 of the county's 54 seats.", "39", "39", C, 39, 0, NULL, "seats", NULL,
          "39", false },
        { "She won 39 of the county's 54 seats.", "54 seats", "54", C, 54, 0, NULL, "seats",
          NULL, "54", false },
    };
    CHECK(w);
}

static void test_qualifiers(void **state)
{
    (void)state;
    static const want w[] = {
        { "Some 300 workers joined the strike.", "Some 300 workers", "300", C, 300, 0, "about",
          "workers", NULL, "300", false },
        { "Nearly 40 houses burned.", "Nearly 40 houses", "40", C, 40, 0, "nearly", "houses",
          NULL, "40", false },
        { "Almost 40 houses burned.", "Almost 40 houses", "40", C, 40, 0, "nearly", "houses",
          NULL, "40", false },
        { "Up to 70 trucks crossed.", "Up to 70 trucks", "70", C, 70, 0, "up to", "trucks",
          NULL, "70", false },
        { "Fewer than 20 students came.", "Fewer than 20 students", "20", C, 20, 0, "less than",
          "students", NULL, "20", false },
        { "It cost less than 20 lives.", "less than 20 lives", "20", C, 20, 0, "less than",
          "lives", NULL, "20", false },
        { "As many as 90 sailors drowned.", "As many as 90 sailors", "90", C, 90, 0,
          "as many as", "sailors", NULL, "90", false },
        { "Approximately 120 guests left.", "Approximately 120 guests", "120", C, 120, 0,
          "about", "guests", NULL, "120", false },
        { "They expect around 80 guests.", "around 80 guests", "80", C, 80, 0, "about",
          "guests", NULL, "80", false },
        { "Airlines cancelled over 500 flights.", "over 500 flights", "500", C, 500, 0,
          "more than", "flights", NULL, "500", false },
        { "Roughly 15 boats sank.", "Roughly 15 boats", "15", C, 15, 0, "about", "boats", NULL,
          "15", false },
        { "No fewer than 8 judges signed.", "No fewer than 8 judges", "8", C, 8, 0, "at least",
          "judges", NULL, "8", false },
        { "The plan affects 450 or more families.", "450 or more families", "450", C, 450, 0,
          "at least", "families", NULL, "450", false },
        { "It will take 50 or so years.", "50 or so years", "50", O, 50, 0, "about", NULL,
          "years", "50 years", false },
        { "An estimated 5,000 people marched.", "An estimated 5,000 people", "5,000", C, 5000,
          0, "about", "people", NULL, "5000", false },
        { "They have 100+ stores.", "100+ stores", "100", C, 100, 0, "more than", "stores",
          NULL, "100", false },
        { "Some estimated tolls exceeded 100.", "exceeded 100", "100", C, 100, 0, "more than", NULL,
          NULL, "100", false },
        /* a conversion in brackets carries the qualifier */
        { "The field is about 160 km (100 miles) east of the capital.", "100 miles", "100", DI, 100, 0,
          "about", NULL, "mi", "100 mi", false },
    };
    CHECK(w);
}

static void test_ranges(void **state)
{
    (void)state;
    static const want w[] = {
        { "Between 36 and 40 climbers were trapped.", "Between 36 and 40 climbers",
          "36 and 40", C, 36, 40, NULL, "climbers", NULL, "36-40", false },
        { "Guides said 36 to 40 climbers were trapped.", "36 to 40 climbers", "36 to 40", C, 36,
          40, NULL, "climbers", NULL, "36-40", false },
        { "Guides said 36-40 climbers were trapped.", "36-40 climbers", "36-40", C, 36, 40, NULL,
          "climbers", NULL, "36-40", false },
        { "Guides said 36\xE2\x80\x93" "40 climbers were trapped.",
          "36\xE2\x80\x93" "40 climbers", "36\xE2\x80\x93" "40", C, 36, 40, NULL, "climbers",
          NULL, "36-40", false },
        { "One or two witnesses spoke.", "One or two witnesses", "One or two", C, 1, 2, NULL,
          "witnesses", NULL, "1-2", false },
        { "The quake displaced 10 to 20 million people.", "10 to 20 million people",
          "10 to 20 million", C, 1e7, 2e7, NULL, "people", NULL, "10000000-20000000", false },
        { "Two to three hundred vehicles waited.", "Two to three hundred vehicles",
          "Two to three hundred", C, 200, 300, NULL, "vehicles", NULL, "200-300", false },
        { "Repairs will cost $5-10 million.", "$5-10 million", "5-10 million", M, 5e6, 1e7, NULL,
          NULL, "USD", "USD 5000000-10000000", false },
        { "Tickets cost between $5 and $7 billion.", "between $5 and $7 billion",
          "5 and $7 billion", M, 5e9, 7e9, NULL, NULL, "USD", "USD 5000000000-7000000000",
          false },
        { "Support was 20-30% in the north.", "20-30%", "20-30", P, 20, 30, NULL, NULL, "%",
          "20-30%", false },
        { "The walk is 5 to 10 km long.", "5 to 10 km", "5 to 10", DI, 5, 10, NULL, NULL, "km",
          "5-10 km", false },
    };
    CHECK(w);
}

static void test_not_ranges(void **state)
{
    (void)state;
    run r;
    run_open(&r, "Prices rose from 5 to 10 in a week.", QC_FORMAT_PLAIN);
    const qc_figure *a = fig_at(&r, "5");
    assert_true(a->value == 5 && a->value_max == 5);
    const qc_figure *b = fig_at(&r, "10");
    assert_true(b->value == 10 && b->value_max == 10);
    run_close(&r);

    run_open(&r, "The motion passed 52 to 48 in the chamber.", QC_FORMAT_PLAIN);
    a = fig_at(&r, "52");
    assert_true(a->value == 52 && a->value_max == 52);
    b = fig_at(&r, "48");
    assert_true(b->value == 48);
    run_close(&r);

    run_open(&r, "The home side won 3-1 on Sunday.", QC_FORMAT_PLAIN);
    no_fig(&r, "3-1");
    run_close(&r);

    /* a vote tally: one figure, its two counts as the ends */
    const char *tallies[][2] = { { "The vote passed 230-to-198, along party lines.", "230-to-198" },
                                 { "The House voted 230-198 on Monday.", "230-198" },
                                 { "The bill passed by a vote of 230 to 198.", "230 to 198" },
                                 { "Senators voted 230\xE2\x80\x93" "198.", "230\xE2\x80\x93" "198" } };
    for (size_t i = 0; i < sizeof tallies / sizeof *tallies; i++) {
        run_open(&r, tallies[i][0], QC_FORMAT_PLAIN);
        a = fig_at(&r, tallies[i][1]);
        assert_true(a->kind == QC_FIGURE_COUNT && a->value == 198 && a->value_max == 230);
        run_close(&r);
    }
}

/* fractions: OTHER, unit "fraction" */
static void test_fractions(void **state)
{
    (void)state;
    const char *yes[][3] = { { "ISIS took over about a third of the country.", "about a third", "1/3" },
                             { "Removal needs a two-thirds majority.", "two-thirds", "2/3" },
                             { "Three quarters of voters agreed.", "Three quarters", "3/4" },
                             { "It got a quarter as much money.", "a quarter", "1/4" },
                             { "Only one-fifth of the homes had power.", "one-fifth", "1/5" } };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        run r;
        run_open(&r, yes[i][0], QC_FORMAT_PLAIN);
        const qc_figure *f = fig_at(&r, yes[i][1]);
        assert_int_equal(f->kind, QC_FIGURE_OTHER);
        assert_string_equal(f->unit, "fraction");
        assert_string_equal(f->normalized, yes[i][2]);
        run_close(&r);
    }
    run r;
    run_open(&r, "It was a quarter past ten when a third party won the quarter-final.", QC_FORMAT_PLAIN);
    no_fig(&r, "a quarter");
    no_fig(&r, "a third");
    no_fig(&r, "quarter");
    run_close(&r);
}

/* ordinals of what a story counts: OTHER, unit "ordinal", counts the noun */
static void test_ordinals(void **state)
{
    (void)state;
    const char *yes[][4] = { { "The march came in the eleventh week of protests.", "eleventh week", "#11", "week" },
                             { "Iran fired a second wave of missiles.", "second wave", "#2", "wave" },
                             { "He won his third term.", "third term", "#3", "term" },
                             { "It was the 7th consecutive day of rain.", "7th consecutive day", "#7", "day" } };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        run r;
        run_open(&r, yes[i][0], QC_FORMAT_PLAIN);
        const qc_figure *f = fig_at(&r, yes[i][1]);
        assert_int_equal(f->kind, QC_FIGURE_OTHER);
        assert_string_equal(f->unit, "ordinal");
        assert_string_equal(f->normalized, yes[i][2]);
        assert_string_equal(f->counts, yes[i][3]);
        run_close(&r);
    }
    run r;
    run_open(&r, "The first time, the Second World War, a fifth-year student in her fifth year and the second case.",
             QC_FORMAT_PLAIN);
    assert_int_equal(r.figs.len, 0);
    run_close(&r);
}

/* ------------------------------------------------------------- dates */

static void test_dates(void **state)
{
    (void)state;
    static const want w[] = {
        { "Mourners gathered in the capital, Jan. 7, 2020. The vigil ended.", "Jan. 7, 2020",
          "Jan. 7, 2020", D, 2020, 0, NULL, NULL, NULL, "2020-01-07", false },
        { "The talks resumed on January 7 after a pause.", "January 7", "January 7", D, 0, 0,
          NULL, NULL, NULL, "--01-07", false },
        { "Ballots were counted on 7 January 2020 in the hall.", "7 January 2020",
          "7 January 2020", D, 2020, 0, NULL, NULL, NULL, "2020-01-07", false },
        { "It happened on the 7th of January.", "7th of January", "7th of January", D, 0, 0,
          NULL, NULL, NULL, "--01-07", false },
        { "She posted again on Jan. 13.", "Jan. 13", "Jan. 13", D, 0, 0, NULL, NULL, NULL,
          "--01-13", false },
        { "OSLO, March 8. /Agency/. The minister spoke.", "March 8", "March 8", D, 0, 0, NULL,
          NULL, NULL, "--03-08", false },
        { "The file is dated 2019-01-04 in the log.", "2019-01-04", "2019-01-04", D, 2019, 0,
          NULL, NULL, NULL, "2019-01-04", false },
        { "The ban has applied since April 2016 in all regions.", "April 2016", "April 2016", D,
          2016, 0, NULL, NULL, NULL, "2016-04", false },
        { "The bridge was finished in 2019 after delays.", "2019", "2019", D, 2019, 0, NULL,
          NULL, NULL, "2019", false },
        { "They moved into the 1973 building last year.", "1973", "1973", D, 1973, 0, NULL,
          NULL, NULL, "1973", false },
        { "Voting ran on January 7\xE2\x80\x93" "8, 2020 nationwide.",
          "January 7\xE2\x80\x93" "8, 2020", "January 7\xE2\x80\x93" "8, 2020", D, 2020, 0,
          NULL, NULL, NULL, "2020-01-07/2020-01-08", false },
        { "Sales fell between 2015 and 2017 in the region.", "between 2015 and 2017",
          "2015 and 2017", D, 2015, 2017, NULL, NULL, NULL, "2015/2017", false },
        { "He was the party\xE2\x80\x99s 1996 nominee.", "1996", "1996", D, 1996, 0, NULL, NULL,
          NULL, "1996", false },
        { "A statue was erected around 1970 by the lake.", "around 1970", "1970", D, 1970, 0,
          "about", NULL, NULL, "1970", false },
        { "The festival ran from May 24 to 26 this year.", "May 24 to 26", "May 24 to 26", D, 0,
          0, NULL, NULL, NULL, "--05-24/--05-26", false },
    };
    CHECK(w);
}

static void test_years_or_counts(void **state)
{
    (void)state;
    static const want w[] = {
        { "Organisers said 2000 people attended.", "2000 people", "2000", C, 2000, 0, NULL,
          "people", NULL, "2000", false },
        { "Organisers said more than 2000 attended.", "more than 2000", "2000", C, 2000, 0,
          "more than", NULL, NULL, "2000", false },
        { "She ran in the 2020 elections.", "2020", "2020", D, 2020, 0, NULL, NULL, NULL, "2020",
          false },
    };
    CHECK(w);
    run r;
    /* weekdays and bare months say when: dates of their own form */
    run_open(&r, "They met on Sunday and again on Tuesday night. In August the talks failed.", QC_FORMAT_PLAIN);
    assert_int_equal(r.figs.len, 3);
    assert_int_equal(r.figs.items[0].kind, QC_FIGURE_DATE);
    assert_string_equal(r.figs.items[0].normalized, "Sunday");
    assert_string_equal(r.figs.items[1].normalized, "Tuesday night");   /* with the part of the day */
    assert_string_equal(r.figs.items[2].normalized, "--08");
    run_close(&r);
    /* but not days that are names, papers, people or verbs */
    run_open(&r, "Good Friday and Super Tuesday passed. The Sunday Times said Theresa May may resign. "
                 "The March rally was calm.", QC_FORMAT_PLAIN);
    assert_int_equal(r.figs.len, 0);
    run_close(&r);
    run_open(&r, "Crime fell in the 1990s across the state.", QC_FORMAT_PLAIN);
    assert_int_equal(r.figs.len, 0);
    run_close(&r);
    run_open(&r, "\xC2\xA9" "2019 Example Media Group", QC_FORMAT_PLAIN);
    assert_int_equal(r.figs.len, 0);
    run_close(&r);
    run_open(&r, "Copyright 2021 Example Media Group. All rights reserved.", QC_FORMAT_PLAIN);
    assert_int_equal(r.figs.len, 0);
    run_close(&r);
}

/* ------------------------------------------------------------- times */

static void test_times(void **state)
{
    (void)state;
    static const want w[] = {
        { "At approximately 5:30 p.m. (EST) on January 7, the alarm sounded.",
          "approximately 5:30 p.m. (EST)", "5:30 p.m. (EST)", TM, 17.5, 0, "about", NULL, "EST",
          "17:30 EST", false },
        { "The ferry leaves at 6am daily.", "6am", "6am", TM, 6, 0, NULL, NULL, NULL, "06:00",
          false },
        { "The polls closed at 10:15 GMT on Thursday.", "10:15 GMT", "10:15 GMT", TM, 10.25, 0,
          NULL, NULL, "GMT", "10:15 GMT", false },
        { "The deadline is at noon on Friday.", "noon", "noon", TM, 12, 0, NULL, NULL, NULL,
          "12:00", false },
        { "Trading stops around midnight (GMT).", "around midnight (GMT)", "midnight (GMT)", TM,
          0, 0, "about", NULL, "GMT", "00:00 GMT", false },
        { "A shot rang out at 12:30 a.m. near the bar.", "12:30 a.m.", "12:30 a.m.", TM, 0.5, 0,
          NULL, NULL, NULL, "00:30", false },
        { "Launch was at 14:05 local time (1205 UTC).", "1205 UTC", "1205 UTC", TM, 12 + 5 / 60.0,
          0, NULL, NULL, "UTC", "12:05 UTC", false },
        { "He went to bed at 1 o'clock that night.", "1 o'clock", "1 o'clock", TM, 1, 0, NULL,
          NULL, NULL, "01:00", false },
    };
    CHECK(w);
    run r;
    run_open(&r, "The noon prayers began.", QC_FORMAT_PLAIN);
    assert_int_equal(r.figs.len, 0);
    run_close(&r);
}

/* ------------------------------------------------------ money, percent */

static void test_money(void **state)
{
    (void)state;
    static const want w[] = {
        { "The bank lent $5 billion to the state.", "$5 billion", "5 billion", M, 5e9, 0, NULL,
          NULL, "USD", "USD 5000000000", false },
        { "The club paid \xE2\x82\xAC" "20m for the striker.", "\xE2\x82\xAC" "20m", "20m", M,
          2e7, 0, NULL, NULL, "EUR", "EUR 20000000", false },
        { "The deal is worth \xC2\xA3" "3.2bn in total.", "\xC2\xA3" "3.2bn", "3.2bn", M, 3.2e9,
          0, NULL, NULL, "GBP", "GBP 3200000000", false },
        { "They sought 500 million dollars in aid.", "500 million dollars", "500 million", M,
          5e8, 0, NULL, NULL, "USD", "USD 500000000", false },
        { "A fine of US$86,000 was imposed.", "US$86,000", "86,000", M, 86000, 0, NULL, NULL,
          "USD", "USD 86000", false },
        { "A test strip cost 75 cents.", "75 cents", "75", M, 0.75, 0, NULL, NULL, "USD",
          "USD 0.75", false },
        { "The firm lost more than $2 million last year.", "more than $2 million", "2 million",
          M, 2e6, 0, "more than", NULL, "USD", "USD 2000000", false },
        { "The sale raised 300 million pounds for the trust.", "300 million pounds",
          "300 million", M, 3e8, 0, NULL, NULL, "GBP", "GBP 300000000", false },
        { "She carried 10 pounds of flour.", "10 pounds", "10", O, 10, 0, NULL, NULL, "lb",
          "10 lb", false },
        { "Imports of 4 billion euros were blocked.", "4 billion euros", "4 billion", M, 4e9, 0,
          NULL, NULL, "EUR", "EUR 4000000000", false },
    };
    CHECK(w);
}

static void test_percent(void **state)
{
    (void)state;
    static const want w[] = {
        { "Turnout reached 40% on Sunday.", "40%", "40", P, 40, 0, NULL, NULL, "%", "40%",
          false },
        { "Turnout reached 40 percent on Sunday.", "40 percent", "40", P, 40, 0, NULL, NULL, "%",
          "40%", false },
        { "Turnout reached 40 per cent on Sunday.", "40 per cent", "40", P, 40, 0, NULL, NULL,
          "%", "40%", false },
        { "The clinic reported a 95% vaccination rate.", "95% vaccination rate", "95", P, 95, 0,
          NULL, "vaccination rate", "%", "95%", false },
        { "Only 12.5% of voters agreed.", "12.5% of voters", "12.5", P, 12.5, 0, NULL, "voters",
          "%", "12.5%", false },
        { "Females are about 17% lighter than males.", "about 17%", "17", P, 17, 0, "about",
          NULL, "%", "17%", false },
        { "The lead grew by 3 percentage points.", "3 percentage points", "3", O, 3, 0, NULL,
          NULL, "pp", "3 pp", false },
        { "Support fell to less than one percent.", "less than one percent", "one", P, 1, 0,
          "less than", NULL, "%", "1%", false },
    };
    CHECK(w);
}

/* ------------------------------------------------- distance, measures */

static void test_distance_other(void **state)
{
    (void)state;
    static const want w[] = {
        { "The camp is about 50 miles away from the city.", "about 50 miles", "50", DI, 50, 0,
          "about", NULL, "mi", "50 mi", false },
        { "The road runs 10 km along the shore.", "10 km", "10", DI, 10, 0, NULL, NULL, "km",
          "10 km", false },
        { "The road runs 10km along the shore.", "10km", "10", DI, 10, 0, NULL, NULL, "km",
          "10 km", false },
        { "She won the 5-kilometre race.", "5-kilometre", "5", DI, 5, 0, NULL, NULL, "km",
          "5 km", false },
        { "The 75 m (250 ft) hull was towed.", "75 m", "75", DI, 75, 0, NULL, NULL, "m", "75 m",
          false },
        { "The 75 m (250 ft) hull was towed.", "250 ft", "250", DI, 250, 0, NULL, NULL, "ft",
          "250 ft", false },
        { "Gusts reached 30 miles per hour.", "30 miles per hour", "30", O, 30, 0, NULL, NULL,
          "mph", "30 mph", false },
        { "The parcel weighed 12 kg at the depot.", "12 kg", "12", O, 12, 0, NULL, NULL, "kg",
          "12 kg", false },
        { "Rescuers dug for 48 hours.", "48 hours", "48", O, 48, 0, NULL, NULL, "hours",
          "48 hours", false },
        { "A 40-year-old man was charged.", "40-year-old", "40", O, 40, 0, NULL, NULL,
          "years old", "40 years old", false },
        { "The driver, 63 years old, was unhurt.", "63 years old", "63", O, 63, 0, NULL, NULL,
          "years old", "63 years old", false },
        { "Talks lasted two weeks.", "two weeks", "two", O, 2, 0, NULL, NULL, "weeks",
          "2 weeks", false },
        { "A 5.0 magnitude tremor shook the town.", "5.0 magnitude", "5.0", O, 5, 0, NULL, NULL,
          "magnitude", "5 magnitude", false },
        { "A magnitude 6.1 tremor shook the town.", "magnitude 6.1", "6.1", O, 6.1, 0, NULL,
          NULL, "magnitude", "6.1 magnitude", false },
        { "Ice covered 21 hectares of the lake.", "21 hectares", "21", O, 21, 0, NULL, NULL,
          "ha", "21 ha", false },
        { "A few hours later the wind dropped.", "A few hours", "A few", O, 2, 0, NULL, NULL,
          "hours", "2+ hours", true },
        { "Veterans with 18+ years of service", "18+ years", "18", O, 18, 0, "more than", NULL,
          "years", "18 years", false },
    };
    CHECK(w);
}

/* ------------------------------------------------------- not figures */

static void test_not_figures(void **state)
{
    (void)state;
    static const struct { const char *text, *phrase; } nf[] = {
        { "Two F-16 jets flew over.", "F-16" },
        { "New COVID-19 cases rose.", "COVID-19" },
        { "The grounded Boeing 737 MAX fleet waits.", "737" },
        { "Passengers on Flight 752 were named.", "752" },
        { "Under section 5 of the act, it is illegal.", "5" },
        { "He lives at No. 10 with his aide.", "10" },
        { "For tickets call 555-1234 today.", "555-1234" },
        { "The H1N1 strain spread.", "H1N1" },
        { "The hotline works 24/7 for callers.", "24/7" },
        { "1. First bring water.", "1." },
        { "See clause 3.2.1 of the deal.", "3.2.1" },
        { "She was the one who called.", "one" },
        { "One of them was arrested.", "One" },
        { "No one was hurt in the fire.", "one" },
        { "A man was detained.", "A man" },
        { "The fifth round starts soon.", "fifth" },
        { "He finished 21st in the race.", "21st" },
        { "The team has a 19-member board.", "19-member" },
        { "One way or another, it ends.", "One way" },
        { "The 5G network launched.", "5G" },
        { "The 2019-nCoV virus spread.", "2019-nCoV" },
        { "Bronze tools from 664 BC were found.", "664" },
        { "One day you realise it is over.", "One day" },
        { "Leaders of the Group of Seven met.", "Seven" },
        { "Dial +44 20 7946 0000 for the desk.", "+44 20 7946 0000" },
    };
    for (size_t i = 0; i < sizeof nf / sizeof *nf; i++) {
        run r;
        run_open(&r, nf[i].text, QC_FORMAT_PLAIN);
        no_fig(&r, nf[i].phrase);
        run_close(&r);
    }
    /* list numbering in a plain list and "2)" items */
    run r;
    run_open(&r, "Two goals:\n\n1) estimating ratios\n\n2) finding causes\n", QC_FORMAT_PLAIN);
    no_fig(&r, "1)");
    no_fig(&r, "2)");
    fig_at(&r, "Two goals");
    run_close(&r);
}

/* ---------------------------------------------- offsets, text, safety */

static void test_unicode_offsets(void **state)
{
    (void)state;
    static const want w[] = {
        /* curly apostrophe inside the counted phrase's neighbourhood */
        { "The nation\xE2\x80\x99s 12 provinces voted.", "12 provinces", "12", C, 12, 0, NULL,
          "provinces", NULL, "12", false },
        /* non-breaking space between number and unit */
        { "Turnout was 40\xC2\xA0percent at noon.", "40\xC2\xA0percent", "40", P, 40, 0, NULL,
          NULL, "%", "40%", false },
        /* multi-byte letters and dashes before the figure */
        { "Caf\xC3\xA9 owners \xE2\x80\x94 \xC3\xBC" "ber 30 St\xC3\xA4" "dte \xE2\x80\x94 "
          "hired 15 cooks.", "15 cooks", "15", C, 15, 0, NULL, "cooks", NULL, "15", false },
        { "Stra\xC3\x9F" "e closed for 3\xC2\xA0" "days.", "3\xC2\xA0" "days", "3", O, 3, 0,
          NULL, NULL, "days", "3 days", false },
        { "\xE2\x80\x9C" "We lost 40 sheep,\xE2\x80\x9D the farmer said.", "40 sheep", "40", C,
          40, 0, NULL, "sheep", NULL, "40", false },
        { "Les 12 \xC3\xA9lecteurs", "12 \xC3\xA9lecteurs", "12", C, 12, 0, NULL,
          "\xC3\xA9lecteurs", NULL, "12", false },
    };
    CHECK(w);
}

static void test_block_ends(void **state)
{
    (void)state;
    /* a number, a unit, a month or a qualifier as the last bytes: nothing read past the end */
    static const char *const texts[] = {
        "5", "The total was 5", "It rose 5%", "Jan.", "Jan. 7", "more than", "at 5:", "5:3",
        "$", "$5", "between 3 and", "a dozen", "twenty-", "1,000,", "3.", "2019-01-", "US$",
        "5 per", "6 a.m", "(", "1)", "\xE2\x82\xAC", "12 \xC3", "one", "half a",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        size_t n = strlen(texts[i]);
        /* exactly n bytes, no NUL: AddressSanitizer catches any read past the block */
        char *mask = qc_malloc(n);
        memcpy(mask, texts[i], n);
        qc_prose prose = { 0 };
        qc_block b = { 0, n, QC_BLOCK_PARAGRAPH };
        prose.mask = mask;
        prose.len = n;
        prose.blocks = &b;
        prose.nblocks = 1;
        qc_arena a = QC_ARENA_INIT;
        qc_figure_list l = { 0 };
        qc_figures_find(&a, &prose, &l);
        for (size_t k = 0; k < l.len; k++)
            assert_true(l.items[k].end <= n && l.items[k].start < l.items[k].end);
        free(l.items);
        qc_arena_free(&a);
        free(mask);
    }
    /* a block that ends mid-sentence: figures stay inside the block */
    const char *text = "There were 40 boats and 12 crews.";
    size_t n = strlen(text);
    char *mask = qc_strdup(text);
    qc_block b = { 0, 13, QC_BLOCK_PARAGRAPH };   /* "There were 40" */
    qc_prose prose = { mask, n, &b, 1 };
    qc_arena a = QC_ARENA_INIT;
    qc_figure_list l = { 0 };
    qc_figures_find(&a, &prose, &l);
    assert_int_equal(l.len, 1);
    assert_int_equal(l.items[0].start, 11);
    assert_int_equal(l.items[0].end, 13);
    assert_null(l.items[0].counts);
    free(l.items);
    qc_arena_free(&a);
    free(mask);
}

static void test_mask_blocks_and_order(void **state)
{
    (void)state;
    /* A prose as the Markdown parser makes it: heading, paragraph with a
     * code span blanked in the mask, list item with its marker blanked. */
    const char *doc = "# Iran Fires 15 Missiles\n\nThe storm killed 12 people and left "
                      "`42 items` behind.\n\n- 3 bridges fell\n";
    char *mask = qc_strdup(doc);
    char *code = strstr(mask, "`42 items`");
    memset(code, ' ', strlen("`42 items`"));
    mask[0] = ' ';
    char *dash = strstr(mask, "- 3");
    dash[0] = ' ';
    size_t h0 = 0, h1 = strlen("# Iran Fires 15 Missiles");
    size_t p0 = (size_t)(strstr(doc, "The storm") - doc), p1 = (size_t)(strstr(doc, "behind.") - doc) + 7;
    size_t l0 = (size_t)(strstr(doc, "- 3") - doc), l1 = strlen(doc) - 1;
    qc_block blocks[] = { { h0, h1, QC_BLOCK_HEADING }, { p0, p1, QC_BLOCK_PARAGRAPH },
                          { l0, l1, QC_BLOCK_LIST_ITEM } };
    qc_prose prose = { mask, strlen(doc), blocks, 3 };
    run r;
    memset(&r, 0, sizeof r);
    r.text = doc;
    qc_figures_find(&r.arena, &prose, &r.figs);
    const qc_figure *h = fig_at(&r, "15 Missiles");   /* title case allowed in headings */
    assert_string_equal(h->counts, "missiles");
    fig_at(&r, "12 people");
    no_fig(&r, "42 items");
    const qc_figure *b = fig_at(&r, "3 bridges");
    assert_string_equal(b->counts, "bridges");
    assert_int_equal(r.figs.len, 3);
    for (size_t i = 1; i < r.figs.len; i++)
        assert_true(r.figs.items[i - 1].start < r.figs.items[i].start);
    free(r.figs.items);
    qc_arena_free(&r.arena);
    free(mask);

    /* the same title-case words inside a sentence make a model name */
    run_open(&r, "They bought the Falcon 900 jet.", QC_FORMAT_PLAIN);
    no_fig(&r, "900");
    run_close(&r);

    /* appends: existing items stay */
    run_open(&r, "Five cats and 6 dogs.", QC_FORMAT_PLAIN);
    size_t before = r.figs.len;
    assert_int_equal(before, 2);
    qc_figures_find(&r.arena, r.prose, &r.figs);
    assert_int_equal(r.figs.len, 4);
    assert_int_equal(r.figs.items[2].start, r.figs.items[0].start);
    run_close(&r);

    /* NULL and empty prose */
    qc_arena a = QC_ARENA_INIT;
    qc_figure_list l = { 0 };
    qc_figures_find(&a, NULL, &l);
    assert_int_equal(l.len, 0);
    qc_prose *p = qc_prose_parse("", 0, QC_FORMAT_PLAIN);
    qc_figures_find(&a, p, &l);
    assert_int_equal(l.len, 0);
    qc_prose_delete(p);
    qc_arena_free(&a);
}

static void test_large_input(void **state)
{
    (void)state;
    /* 20,000 sentences, 4 figures each: linear work, every figure found */
    const char *s = "On March 3, about 40 people saw 2 cranes lift 5 tonnes. ";
    size_t sl = strlen(s), reps = 20000;
    char *big = qc_malloc(sl * reps + 1);
    for (size_t i = 0; i < reps; i++)
        memcpy(big + i * sl, s, sl);
    big[sl * reps] = '\0';
    run r;
    run_open(&r, big, QC_FORMAT_PLAIN);
    assert_int_equal(r.figs.len, 4 * reps);
    assert_string_equal(r.figs.items[4 * reps - 3].normalized, "40");
    assert_string_equal(r.figs.items[4 * reps - 3].counts, "people");
    run_close(&r);
    free(big);
}

/* ------------------------------------------------------------- seeds */

static const qc_figure *seed_fig(const char *data, const qc_figure_list *l, const char *phrase)
{
    const char *p = strstr(data, phrase);
    if (!p)
        return NULL;
    size_t s = (size_t)(p - data);
    for (size_t i = 0; i < l->len; i++)
        if (l->items[i].start == s && l->items[i].end == s + strlen(phrase))
            return &l->items[i];
    return NULL;
}

static void test_seeds(void **state)
{
    (void)state;
    static const struct { const char *file, *phrase, *norm, *counts; } s[] = {
        { "000_43052e98d6d7ab2d.txt", "more than a dozen ballistic missiles", "12",
          "ballistic missiles" },
        { "000_43052e98d6d7ab2d.txt", "Jan. 7, 2020", "2020-01-07", NULL },
        { "001_c70b0689a6309909.txt", "five soldiers", "5", "soldiers" },
        { "001_c70b0689a6309909.txt", "dozens of missiles", "24+", "missiles" },
        { "002_e8770538015dd795.txt", "approximately 5:30 p.m. (EST)", "17:30 EST", NULL },
        { "002_e8770538015dd795.txt", "January 3", "--01-03", NULL },
        { "003_c35dff6b5b887d3f.txt", "about 50 miles", "50 mi", NULL },
        { "003_c35dff6b5b887d3f.txt", "176 people", "176", "people" },
        { "003_c35dff6b5b887d3f.txt", "six mortar shells", "6", "mortar shells" },
    };
    const char *dir = getenv("QC_SHARED");
    char path[1024];
    size_t found = 0;
    for (size_t i = 0; i < sizeof s / sizeof *s; i++) {
        snprintf(path, sizeof path, "%s/seeds/%s", dir ? dir : "../shared", s[i].file);
        char *data;
        size_t n;
        if (qc_file_read(path, QC_FILE_MAX_DEFAULT, &data, &n) != 0)
            continue;
        found++;
        qc_prose *p = qc_prose_parse(data, n, QC_FORMAT_PLAIN);
        qc_arena a = QC_ARENA_INIT;
        qc_figure_list l = { 0 };
        qc_figures_find(&a, p, &l);
        const qc_figure *f = seed_fig(data, &l, s[i].phrase);
        if (!f)
            fail_msg("seed %s: no figure \"%s\"", s[i].file, s[i].phrase);
        assert_string_equal(f->normalized, s[i].norm);
        if (s[i].counts)
            assert_string_equal(f->counts, s[i].counts);
        /* the copyright year and the fighter jet are not figures */
        for (size_t k = 0; k < l.len; k++) {
            const char *t = data + l.items[k].start;
            assert_false(l.items[k].start > 0 && (unsigned char)t[-1] == 0xA9);
            assert_false(strncmp(t, "16 aircraft", 11) == 0);
        }
        free(l.items);
        qc_arena_free(&a);
        qc_prose_delete(p);
        free(data);
    }
    if (!found)
        skip();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_numerals),
        cmocka_unit_test(test_counts_words),
        cmocka_unit_test(test_counts_vague),
        cmocka_unit_test(test_counted_noun_phrase),
        cmocka_unit_test(test_qualifiers),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_not_ranges),
        cmocka_unit_test(test_fractions),
        cmocka_unit_test(test_ordinals),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_years_or_counts),
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_money),
        cmocka_unit_test(test_percent),
        cmocka_unit_test(test_distance_other),
        cmocka_unit_test(test_not_figures),
        cmocka_unit_test(test_unicode_offsets),
        cmocka_unit_test(test_block_ends),
        cmocka_unit_test(test_mask_blocks_and_order),
        cmocka_unit_test(test_large_input),
        cmocka_unit_test(test_seeds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
