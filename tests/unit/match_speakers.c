/*
 * tests/unit/match_speakers.c — speaker comparison (match/speakers.c,
 * owned by the matching engineer): surname and full name, titles, spelling
 * variants and accents, acronyms, aliases from a document's entities,
 * configured aliases, spokesperson <-> organisation through the person's
 * context, pronouns and common nouns never compared, different persons and
 * different organisations told apart.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "config/config.h"
#include "match/match_internal.h"
#include "parse/parse.h"

static qc_speaker_cmp cmp(const char *a, const char *b) { return qc_match_speaker_names(NULL, a, b); }

static void test_names(void **state)
{
    (void)state;
    assert_int_equal(cmp("Trump", "Donald Trump"), QC_SPEAKER_SAME);
    assert_int_equal(cmp("President Donald Trump", "Donald Trump"), QC_SPEAKER_SAME);
    assert_int_equal(cmp("US President Donald Trump", "Trump"), QC_SPEAKER_SAME);
    assert_int_equal(cmp("Qassem Soleimani", "Qasem Soleimani"), QC_SPEAKER_SAME);
    assert_int_equal(cmp("Tomáš Orlik", "Tomas Orlik"), QC_SPEAKER_SAME);
    assert_int_equal(cmp("Ilse Brandwold", "Ilse Brandvold"), QC_SPEAKER_SAME);
    assert_int_equal(cmp("Mara Velinová", "Water Resources Minister Mara Velinova"), QC_SPEAKER_SAME);
}

static void test_different(void **state)
{
    (void)state;
    assert_int_equal(cmp("Donald Trump", "Stephanie Grisham"), QC_SPEAKER_DIFFERENT);
    assert_int_equal(cmp("Iranian President Hassan Rouhani",
                         "Iranian Foreign Minister Mohammad Javad Zarif"), QC_SPEAKER_DIFFERENT);
    assert_int_equal(cmp("Petar Danek", "Anton Vel"), QC_SPEAKER_DIFFERENT);
    assert_int_equal(cmp("Jan Morvek", "Mara Velinova"), QC_SPEAKER_DIFFERENT);
    /* short surnames are not fuzzy-matched */
    assert_int_equal(cmp("Vel", "Vell"), QC_SPEAKER_DIFFERENT);
    assert_int_equal(cmp("Pentagon", "Islamic Revolutionary Guards Corps"), QC_SPEAKER_DIFFERENT);
}

static void test_acronym(void **state)
{
    (void)state;
    assert_int_equal(cmp("IRGC", "Islamic Revolutionary Guard Corps"), QC_SPEAKER_SAME);
    assert_int_equal(cmp("Islamic Revolutionary Guards Corps", "IRGC"), QC_SPEAKER_SAME);
    assert_int_equal(cmp("KCPA", "Kestrian Civil Protection Agency"), QC_SPEAKER_SAME);
    assert_int_equal(cmp("Revolutionary Guards", "Islamic Revolutionary Guards Corps"), QC_SPEAKER_SAME);
}

static void test_unknown(void **state)
{
    (void)state;
    assert_int_equal(cmp("he", "Donald Trump"), QC_SPEAKER_UNKNOWN);
    assert_int_equal(cmp("Donald Trump", "she"), QC_SPEAKER_UNKNOWN);
    assert_int_equal(cmp("the company", "Varnek Hydro"), QC_SPEAKER_UNKNOWN);
    assert_int_equal(cmp("officials", "Mark Esper"), QC_SPEAKER_UNKNOWN);
    assert_int_equal(cmp(NULL, "Mark Esper"), QC_SPEAKER_UNKNOWN);
    assert_true(qc_match_is_document("the statement"));
    assert_false(qc_match_is_document("Jonathan Hoffman"));
}

static void test_spokesperson_org(void **state)
{
    (void)state;
    const char *ctx = "WASHINGTON, January 8. Iran has delivered missile strikes, a statement from "
                      "Assistant to the US Secretary of Defense for Public Affairs Jonathan Hoffman stated.";
    qc_speaker_side org = { "Pentagon", "the Pentagon", NULL, NULL, 0 };
    qc_speaker_side person = { "Jonathan Hoffman", "the statement", NULL, ctx, strlen(ctx) };
    assert_int_equal(qc_match_speakers(NULL, &org, &person), QC_SPEAKER_SAME);
    assert_int_equal(qc_match_speakers(NULL, &person, &org), QC_SPEAKER_SAME);

    const char *ctx2 = "KCPA spokesman Captain Petar Danek told reporters.";
    qc_speaker_side kcpa = { "KCPA", "the KCPA spokesman", NULL, NULL, 0 };
    qc_speaker_side danek = { "Petar Danek", "he", NULL, ctx2, strlen(ctx2) };
    assert_int_equal(qc_match_speakers(NULL, &kcpa, &danek), QC_SPEAKER_SAME);

    /* an organisation the person has nothing to do with */
    qc_speaker_side irgc = { "IRGC", "the IRGC", NULL, NULL, 0 };
    const char *ctx3 = "White House spokeswoman Stephanie Grisham said in a statement.";
    qc_speaker_side grisham = { "Stephanie Grisham", "Grisham", NULL, ctx3, strlen(ctx3) };
    assert_int_equal(qc_match_speakers(NULL, &irgc, &grisham), QC_SPEAKER_DIFFERENT);
    qc_speaker_side wh = { "White House", "the White House", NULL, NULL, 0 };
    assert_int_equal(qc_match_speakers(NULL, &wh, &grisham), QC_SPEAKER_SAME);
}

static void test_entity_aliases(void **state)
{
    (void)state;
    /* pronoun resolved by extraction on the source side, alias from entities */
    const char *src = "Kestrian Civil Protection Agency (KCPA) spokesman Captain Petar Danek said: "
                      "\"We are searching.\" \"We will not stop,\" he said.\n";
    qc_prose *p = qc_prose_parse(src, strlen(src), QC_FORMAT_PLAIN);
    qc_extraction *ex = qc_extract(src, strlen(src), p);
    qc_speaker_side a = { "Danek", "Danek", NULL, NULL, 0 };
    qc_speaker_side b = { "Petar Danek", "he", ex, NULL, 0 };
    assert_int_equal(qc_match_speakers(NULL, &a, &b), QC_SPEAKER_SAME);
    qc_extraction_delete(ex);
    qc_prose_delete(p);
}

static void test_config_aliases(void **state)
{
    (void)state;
    const char *json = "{\"aliases\": {\"Donald Trump\": [\"POTUS\", \"the Donald\"]}}";
    qc_config *cfg = NULL;
    assert_int_equal(qc_config_load_json("test", json, strlen(json), NULL, &cfg), 0);
    assert_int_equal(qc_match_speaker_names(cfg, "POTUS", "Donald Trump"), QC_SPEAKER_SAME);
    assert_int_equal(qc_match_speaker_names(cfg, "POTUS", "Trump"), QC_SPEAKER_SAME);
    assert_int_equal(qc_match_speaker_names(cfg, "POTUS", "Mike Pompeo"), QC_SPEAKER_DIFFERENT);
    qc_config_free(cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_different),
        cmocka_unit_test(test_acronym),
        cmocka_unit_test(test_unknown),
        cmocka_unit_test(test_spokesperson_org),
        cmocka_unit_test(test_entity_aliases),
        cmocka_unit_test(test_config_aliases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
