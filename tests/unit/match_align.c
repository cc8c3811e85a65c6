/*
 * tests/unit/match_align.c — word-level alignment of a draft quote with a
 * source passage (match/align.c, owned by the matching engineer): words
 * and their folding (case, accents, curly/straight apostrophes, hyphens,
 * "U.S." = "US", "%" = "percent", number words), the ellipsis gap, square
 * bracket insertions and substitutions, and that changed, added and dropped
 * words are found, with the diff text, the exact source wording and the
 * ellipsis variant checked character for character. Sentences spliced
 * (a long dropped run across a sentence end) are flagged.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "match/match_internal.h"

typedef struct al_case {
    qc_mwords d, s;
    qc_alignment al;
    bool ok;
    const char *draft, *src;
} al_case;

static void run(al_case *c, const char *draft, const char *src)
{
    memset(c, 0, sizeof *c);
    c->draft = draft;
    c->src = src;
    qc_match_words(draft, strlen(draft), 0, true, &c->d);
    qc_match_words(src, strlen(src), 0, false, &c->s);
    c->ok = qc_match_align(c->d.items, c->d.len, c->s.items, c->s.len, &c->al);
}

static void done(al_case *c)
{
    qc_alignment_free(&c->al);
    qc_mwords_free(&c->d);
    qc_mwords_free(&c->s);
}

static char *diff_of(al_case *c)
{
    return qc_match_diff(&c->al, c->draft, c->d.items, c->src, c->s.items);
}

static void assert_exact(const char *draft, const char *src)
{
    al_case c;
    run(&c, draft, src);
    assert_true(c.ok);
    if (qc_alignment_edits(&c.al) != 0) {
        char *d = diff_of(&c);
        print_error("not exact: %s\n  draft: %s\n  source: %s\n", d, draft, src);
        free(d);
    }
    assert_int_equal(qc_alignment_edits(&c.al), 0);
    assert_int_equal(c.al.matched, c.al.draft_words);
    done(&c);
}

static void test_words_fold(void **state)
{
    (void)state;
    assert_true(qc_match_word_key("Wall", 4) == qc_match_word_key("wall", 4));
    assert_true(qc_match_word_key("Velinová", strlen("Velinová")) ==
                qc_match_word_key("Velinova", 8));
    assert_true(qc_match_word_key("Hydro\xE2\x80\x99s", 9) == qc_match_word_key("Hydro's", 7));
    assert_true(qc_match_word_key("U.S.", 4) == qc_match_word_key("US", 2));
    assert_true(qc_match_word_key("05:25", 5) == qc_match_word_key("5:25", 4));
    assert_true(qc_match_word_key("1,000", 5) == qc_match_word_key("1000", 4));
    assert_true(qc_match_word_key("twelve", 6) == qc_match_word_key("12", 2));
    assert_false(qc_match_word_key("wall", 4) == qc_match_word_key("flood", 5));
    qc_mwords w = { 0 };
    const char *s = "self-defense & 97% \xE2\x80\x94 \"quoted,\" end.";
    qc_match_words(s, strlen(s), 0, false, &w);
    /* self defense & 97 % quoted end */
    assert_int_equal(w.len, 7);
    assert_true(w.items[4].key == qc_match_word_key("percent", 7));
    assert_true(w.items[6].flags & QC_MW_SENT_END);
    assert_true(w.items[3].flags & QC_MW_NUMBER);
    qc_mwords_free(&w);
}

static void test_tolerated(void **state)
{
    (void)state;
    /* case, curly vs straight quotes and apostrophes, whitespace, final punctuation */
    assert_exact("the water came down the valley like a wall.",
                 "\xE2\x80\x9CThe water came down the valley like a wall,\xE2\x80\x9D said Orlik.");
    assert_exact("Varnek Hydro's  engineers\n saw", "Varnek Hydro\xE2\x80\x99s engineers saw nothing");
    assert_exact("Iran took & concluded proportionate measures in self defense",
                 "\"Iran took & concluded proportionate measures in self-defense,\" tweeted Zarif.");
    assert_exact("All is well", "\xE2\x80\x9C" "All is well!\xE2\x80\x9D he wrote.");
}

static void test_ellipsis(void **state)
{
    (void)state;
    const char *src = "Rescue teams reached the lower town at 05:25 and have so far brought 212 "
                      "people to safety, he said.";
    assert_exact("Rescue teams reached the lower town at 05:25 and \xE2\x80\xA6 brought 212 people to safety",
                 src);
    assert_exact("Rescue teams reached the lower town ... brought 212 people to safety", src);
    assert_exact("Rescue teams reached the lower town [...] brought 212 people to safety", src);
    assert_exact("Rescue teams reached the lower town [\xE2\x80\xA6] 212 people to safety", src);
    al_case c;
    run(&c, "Rescue teams reached the lower town \xE2\x80\xA6 brought 212 people to safety", src);
    char *d = diff_of(&c);
    assert_string_equal(d, "Rescue teams reached the lower town \xE2\x80\xA6 brought 212 people to safety");
    free(d);
    done(&c);
}

static void test_brackets(void **state)
{
    (void)state;
    assert_exact("[Varnek Hydro's] engineers saw no warning signs",
                 "\"Our engineers saw no warning signs in the sensor data,\" she said.");
    assert_exact("[The president] has been briefed", "He has been briefed and is monitoring");
    assert_exact("The president [Trump] has been briefed", "The president has been briefed.");
    /* a first letter changed in brackets, in the source or the draft */
    assert_exact("We have never seen water like this",
                 "\"[w]e have never seen water like this,\" she said.");
    assert_exact("[w]e have never seen water like this", "We have never seen water like this.");
    assert_exact("and [t]he dam held", "[A]nd the dam held, he said.");
    /* a source's own bracketed insertion copied whole, however long */
    assert_exact("I think [working with the Eastern Ridge]'s definitely a possibility",
                 "\"I think [working with the Eastern Ridge]'s definitely a possibility[,]\" said Oldman.");
    /* a bracketed insertion between words is still one */
    assert_exact("the [dam] held", "the held");
    /* and a changed word in brackets is still a difference from the source */
    al_case c;
    run(&c, "[w]e have always seen water like this", "[w]e have never seen water like this");
    assert_true(c.ok);
    assert_int_equal(c.al.subs, 1);
    done(&c);
}

static void test_substitution(void **state)
{
    (void)state;
    al_case c;
    run(&c, "We will take all necessary measures to shield and defend U.S. personnel",
        "\"we will take all necessary measures to protect and defend U.S. personnel, partners\"");
    assert_true(c.ok);
    assert_int_equal(c.al.subs, 1);
    assert_int_equal(c.al.ins, 0);
    assert_int_equal(c.al.dels, 0);
    char *d = diff_of(&c);
    assert_string_equal(d, "We will take all necessary measures to [-protect-] {+shield+} and defend U.S. personnel");
    free(d);
    char *w = qc_match_source_wording(&c.al, c.src, c.s.items);
    assert_string_equal(w, "we will take all necessary measures to protect and defend U.S. personnel");
    free(w);
    done(&c);

    /* the last word changed: a substitution, not an added word */
    run(&c, "The water came down the valley like a flood",
        "The water came down the valley like a wall. We had almost no warning.");
    d = diff_of(&c);
    assert_string_equal(d, "The water came down the valley like a [-wall-] {+flood+}");
    free(d);
    done(&c);

    /* a number changed: counted apart */
    run(&c, "brought 221 people to safety", "have so far brought 212 people to safety");
    assert_int_equal(c.al.subs, 1);
    assert_int_equal(c.al.number_subs, 1);
    done(&c);
}

static void test_insertion(void **state)
{
    (void)state;
    al_case c;
    run(&c, "The president has been fully briefed and is monitoring the situation",
        "\"The president has been briefed and is monitoring the situation closely\"");
    assert_int_equal(c.al.ins, 1);
    assert_int_equal(c.al.subs + c.al.dels, 0);
    char *d = diff_of(&c);
    assert_string_equal(d, "The president has been {+fully+} briefed and is monitoring the situation");
    free(d);
    done(&c);
}

static void test_deletion_and_ellipsis_fix(void **state)
{
    (void)state;
    al_case c;
    const char *draft = "Rescue teams reached the lower town and have so far brought 212 people to safety";
    run(&c, draft, "Rescue teams reached the lower town at 05:25 and have so far brought 212 people to safety");
    assert_int_equal(c.al.dels, 2);
    assert_int_equal(c.al.subs + c.al.ins, 0);
    assert_false(c.al.spliced);
    char *d = diff_of(&c);
    assert_string_equal(d, "Rescue teams reached the lower town [-at 05:25-] and have so far brought 212 people to safety");
    free(d);
    char *e = qc_match_ellipsis_variant(&c.al, draft, c.d.items, c.d.len);
    assert_string_equal(e, "Rescue teams reached the lower town \xE2\x80\xA6 and have so far brought 212 people to safety");
    free(e);
    done(&c);
}

static void test_splice(void **state)
{
    (void)state;
    al_case c;
    run(&c, "The water came down the valley like a wall. Every family on the river road lost something tonight",
        "The water came down the valley like a wall. We had almost no warning, maybe ten minutes, and in "
        "ten minutes you cannot move a town. Every family on the river road lost something tonight.");
    assert_true(c.al.spliced);
    assert_int_equal(c.al.matched, c.al.draft_words);
    assert_int_equal(c.al.subs + c.al.ins, 0);
    assert_int_equal(c.al.dels, 17);
    done(&c);
}

static void test_attribution_join(void **state)
{
    (void)state;
    /* a source split around its attribution: check.c drops the attribution
     * words and marks the next word JOIN; the wording fix joins the parts */
    const char *src = "All is well! Missiles launched from Iran.";
    qc_mwords s = { 0 }, d = { 0 };
    qc_match_words(src, strlen(src), 0, false, &s);
    s.items[3].flags |= QC_MW_JOIN;
    const char *draft = "All is well! Missiles launched";
    qc_match_words(draft, strlen(draft), 0, true, &d);
    qc_alignment al;
    assert_true(qc_match_align(d.items, d.len, s.items, s.len, &al));
    char *w = qc_match_source_wording(&al, src, s.items);
    assert_string_equal(w, "All is well Missiles launched");
    free(w);
    qc_alignment_free(&al);
    qc_mwords_free(&s);
    qc_mwords_free(&d);
}

static void test_unrelated(void **state)
{
    (void)state;
    al_case c;
    run(&c, "We will find whoever is responsible and they will answer for it",
        "The minister has ordered an inspection of all 23 large dams in the country.");
    assert_true(c.al.matched * 10 < c.al.draft_words * 6);
    done(&c);
}

/* the source's own omission mark ("[...]", or " ... " between spaces) run
 * across without one in the draft joins what the writer separated; a
 * speaker trailing off ("like... wow") is no omission */
static void test_source_omission(void **state)
{
    (void)state;
    const char *src = "Wong said: \"People never back down. [...] For as long as the city is silent, we march.\"";
    al_case c;
    run(&c, "People never back down. For as long as the city is silent, we march", src);
    assert_int_equal(c.al.omits, 1);
    assert_int_equal(qc_alignment_edits(&c.al), 1);
    char *d = diff_of(&c);
    assert_string_equal(d, "People never back down [-[\xE2\x80\xA6]-] For as long as the city is silent we march");
    free(d);
    done(&c);
    run(&c, "People never back down \xE2\x80\xA6 For as long as the city is silent, we march", src);
    assert_int_equal(qc_alignment_edits(&c.al), 0);
    done(&c);
    run(&c, "People never back down. For as long as the city is silent, we march",
        "Wong said: \"People never back down ... For as long as the city is silent, we march.\"");
    assert_int_equal(c.al.omits, 1);
    done(&c);
    run(&c, "I was like wow, we march", "She said: \"I was like... wow, we march.\"");
    assert_int_equal(qc_alignment_edits(&c.al), 0);
    done(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_fold),
        cmocka_unit_test(test_tolerated),
        cmocka_unit_test(test_ellipsis),
        cmocka_unit_test(test_brackets),
        cmocka_unit_test(test_substitution),
        cmocka_unit_test(test_insertion),
        cmocka_unit_test(test_deletion_and_ellipsis_fix),
        cmocka_unit_test(test_splice),
        cmocka_unit_test(test_source_omission),
        cmocka_unit_test(test_attribution_join),
        cmocka_unit_test(test_unrelated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
