/*
 * tests/unit/config_load.c — config/config.h: loading, validation messages
 * (exact text with file and line:column), warnings, severities, credibility,
 * aliases, merge. Owned by the config module. Discovery, sources on disk and
 * ignore globs: config_find.c; suppression comments: config_suppress.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "util/error.h"

/* Load `json` as "cfg.json" (base /base) and return the error message;
 * asserts that loading failed with QC_EINVAL and left *out NULL. */
static const char *load_error(const char *json)
{
    qc_config *c = (qc_config *)1;
    qc_error_clear();
    int rc = qc_config_load_json("cfg.json", json, strlen(json), "/base", &c);
    assert_int_equal(rc, QC_EINVAL);
    assert_null(c);
    return qc_error_last();
}

static qc_config *load_ok(const char *json, const char *base)
{
    qc_config *c = NULL;
    int rc = qc_config_load_json("cfg.json", json, strlen(json), base, &c);
    if (rc != QC_OK)
        fail_msg("load failed: %s", qc_error_last());
    assert_non_null(c);
    return c;
}

static void test_full_fixture(void **state)
{
    (void)state;
    const char *root = getenv("QC_ROOT");
    char path[PATH_MAX], dir[PATH_MAX], want[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/tests/config/full.quotecheck.json", root ? root : ".");
    snprintf(want, sizeof want, "%s/tests/config", root ? root : ".");
    assert_non_null(realpath(want, dir));

    qc_config *c = NULL;
    int rc = qc_config_load_file(path, &c);
    if (rc != QC_OK)
        fail_msg("%s", qc_error_last());
    assert_string_equal(c->path, path);
    assert_string_equal(c->dir, dir);
    assert_int_equal(c->nwarnings, 0);

    assert_true(c->has_sources);
    assert_int_equal(c->nsources, 2);
    snprintf(want, sizeof want, "%s/corpus", dir);
    assert_string_equal(c->sources[0].path, want);
    assert_string_equal(c->sources[0].spec, "corpus");
    assert_int_equal(c->sources[0].loc.line, 2);
    assert_int_equal(c->sources[0].loc.column, 15);
    *strrchr(dir, '/') = '\0';   /* ../wire */
    snprintf(want, sizeof want, "%s/wire", dir);
    assert_string_equal(c->sources[1].path, want);
    assert_int_equal(c->sources[1].index, 1);

    double v = -1;
    assert_true(qc_config_outlet_credibility(c, "Reuters", &v));
    assert_true(v == 0.95);
    assert_true(qc_config_outlet_credibility(c, "daily  BLOG", &v));
    assert_true(v == 0.2);
    assert_false(qc_config_outlet_credibility(c, "AP", &v));
    assert_true(qc_config_kind_credibility(c, "Blog", &v));
    assert_true(v == 0.25);
    assert_false(qc_config_kind_credibility(c, "wire", &v));

    assert_int_equal(c->naliases, 2);
    assert_string_equal(c->aliases[1].canonical, "Islamic Revolutionary Guard Corps");
    assert_int_equal(c->aliases[1].nnames, 2);
    assert_string_equal(c->aliases[1].names[1], "the Guards");

    assert_int_equal(qc_config_severity(c, QC_CODE_WEAK_SOURCE), QC_SEV_OFF);
    assert_int_equal(qc_config_severity(c, QC_CODE_SOURCES_DISAGREE), QC_SEV_HINT);
    assert_int_equal(qc_config_severity(c, QC_CODE_UNSOURCED_QUOTE), QC_SEV_ERROR);
    assert_int_equal(qc_config_severity(c, QC_CODE_ALTERED_QUOTE), QC_SEV_ERROR);
    assert_int_equal(qc_config_severity(c, QC_CODE_CORRECTED_SOURCE), QC_SEV_WARNING);
    assert_true(c->severity_set[QC_CODE_WEAK_SOURCE]);
    assert_false(c->severity_set[QC_CODE_ALTERED_QUOTE]);

    assert_int_equal(c->nignore, 2);
    assert_string_equal(c->ignore[0].pattern, "drafts/archive/**");
    snprintf(want, sizeof want, "%s/config/.quotecheck-cache", dir);
    assert_string_equal(c->cache, want);
    qc_config_free(c);
}

static void test_malformed_json(void **state)
{
    (void)state;
    assert_string_equal(load_error("{\n  \"sources\": [\"a\"]\n  \"cache\": \"x\"\n}"),
                        "cfg.json:3:3: expected ',' or '}' near '\"cache\": \"x\"'");
    assert_string_equal(load_error("{\"a\": 1,}"), "cfg.json:1:9: trailing comma before '}'");
    assert_string_equal(load_error("{\"sources\": [\"a\" \"b\"]}"),
                        "cfg.json:1:18: expected ',' or ']' near '\"b\"]}'");
    assert_string_equal(load_error("{\n  // comment\n}"),
                        "cfg.json:2:3: comments are not allowed in JSON");
    assert_string_equal(load_error("{\"cache\": \"x}"), "cfg.json:1:11: unterminated string");
    assert_string_equal(load_error(""), "cfg.json:1:1: empty config, expected a JSON object");
    assert_string_equal(load_error("  \n "), "cfg.json:2:2: empty config, expected a JSON object");
    assert_string_equal(load_error("{\"cache\": tru}"), "cfg.json:1:11: expected a value near 'tru}'");
    assert_string_equal(load_error("{\"a\": 1} x"),
                        "cfg.json:1:10: unexpected text after the end of the JSON value near 'x'");
    assert_string_equal(load_error("{\"a\": "), "cfg.json:1:7: unexpected end of input, expected a value");
    assert_string_equal(load_error("{'a': 1}"), "cfg.json:1:2: strings must use double quotes");
    assert_string_equal(load_error("{\"a\": 01}"), "cfg.json:1:7: invalid number (leading zero)");
    assert_string_equal(load_error("{\"a\" 1}"), "cfg.json:1:6: expected ':' after the key near '1}'");
    assert_string_equal(load_error("{\"cache\":\"\xff\"}"),
                        "cfg.json:1:11: invalid UTF-8 (byte 0xff at offset 10); skipped");
    /* columns count code points */
    assert_string_equal(load_error("{\"é\": 1 2}"), "cfg.json:1:9: expected ',' or '}' near '2}'");
}

static void test_wrong_types(void **state)
{
    (void)state;
    assert_string_equal(load_error("[1]"),
                        "cfg.json:1:1: expected the config to be a JSON object, found an array");
    assert_string_equal(load_error("{\"sources\": \"corpus\"}"),
                        "cfg.json:1:13: sources: expected an array of folders, found a string");
    assert_string_equal(load_error("{\"sources\": [\"a\", 3]}"),
                        "cfg.json:1:19: sources[1]: expected a folder (a non-empty string), found a number");
    assert_string_equal(load_error("{\"sources\": [\"\"]}"),
                        "cfg.json:1:14: sources[0]: expected a folder (a non-empty string), found an empty string");
    assert_string_equal(load_error("{\"ignore\": [true]}"),
                        "cfg.json:1:13: ignore[0]: expected a glob pattern (a non-empty string), found a boolean");
    assert_string_equal(load_error("{\"cache\": 5}"),
                        "cfg.json:1:11: cache: expected a folder (a non-empty string), found a number");
    assert_string_equal(load_error("{\"credibility\": []}"),
                        "cfg.json:1:17: credibility: expected an object with \"outlets\" and \"kinds\", found an array");
    assert_string_equal(load_error("{\"credibility\": {\"kinds\": {\"blog\": \"low\"}}}"),
                        "cfg.json:1:36: credibility.kinds[\"blog\"]: expected a number between 0 and 1, found a string");
    assert_string_equal(load_error("{\"aliases\": {\"Donald Trump\": \"the president\"}}"),
                        "cfg.json:1:30: aliases[\"Donald Trump\"]: expected an array of names, found a string");
    assert_string_equal(load_error("{\"aliases\": {\"Müller\": [1]}}"),
                        "cfg.json:1:25: aliases[\"Müller\"][0]: expected a name (a non-empty string), found a number");
    assert_string_equal(load_error("{\"severity\": null}"),
                        "cfg.json:1:14: severity: expected an object of codes and severities, found null");
}

static void test_bad_severity_and_code(void **state)
{
    (void)state;
    assert_string_equal(load_error("{\n  \"severity\": {\n    \"weak-source\": \"loud\"\n  }\n}"),
                        "cfg.json:3:20: severity.weak-source: unknown severity 'loud' "
                        "(valid: error, warning, info, hint, off)");
    assert_string_equal(load_error("{\"severity\": {\"weak-sources\": \"off\"}}"),
                        "cfg.json:1:15: severity: unknown code 'weak-sources' (valid: misattributed-quote, "
                        "altered-quote, unsourced-quote, figure-mismatch, weak-source, sources-disagree, "
                        "corrected-source)");
    assert_string_equal(load_error("{\"severity\": {\"weak-source\": 2}}"),
                        "cfg.json:1:30: severity.weak-source: expected a string (error, warning, info, hint, "
                        "off), found a number");

    const char *root = getenv("QC_ROOT");
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/tests/config/bad-severity.quotecheck.json", root ? root : ".");
    qc_config *c = (qc_config *)1;
    assert_int_equal(qc_config_load_file(path, &c), QC_EINVAL);
    assert_null(c);
    char want[PATH_MAX + 128];
    snprintf(want, sizeof want,
             "%s:4:20: severity.weak-source: unknown severity 'loud' (valid: error, warning, info, hint, off)",
             path);
    assert_string_equal(qc_error_last(), want);
}

static void test_credibility_range(void **state)
{
    (void)state;
    assert_string_equal(load_error("{\"credibility\": {\"outlets\": {\"Reuters\": 1.5}}}"),
                        "cfg.json:1:41: credibility.outlets[\"Reuters\"]: 1.5 is out of range (expected 0 to 1)");
    assert_string_equal(load_error("{\"credibility\": {\"outlets\": {\"Reuters\": -0.1}}}"),
                        "cfg.json:1:41: credibility.outlets[\"Reuters\"]: -0.1 is out of range (expected 0 to 1)");
    qc_config *c = load_ok("{\"credibility\": {\"outlets\": {\"A\": 0, \"B\": 1}}}", "/base");
    double v = -1;
    assert_true(qc_config_outlet_credibility(c, "a", &v));
    assert_true(v == 0.0);
    assert_true(qc_config_outlet_credibility(c, "b", &v));
    assert_true(v == 1.0);
    qc_config_free(c);
}

static void test_warnings(void **state)
{
    (void)state;
    qc_config *c = load_ok("{\n"
                           "  \"colour\": \"red\",\n"
                           "  \"credibility\": {\"outlet\": {\"Reuters\": 0.9}},\n"
                           "  \"sources\": [\"a\"],\n"
                           "  \"sources\": [\"b\"],\n"
                           "  \"$schema\": \"https://example.org/quotecheck.json\"\n"
                           "}",
                           "/base");
    assert_int_equal(c->nwarnings, 3);
    assert_string_equal(c->warnings[0].text,
                        "cfg.json:2:3: unknown key 'colour' (ignored; known: sources, credibility, aliases, "
                        "severity, ignore, cache)");
    assert_string_equal(c->warnings[0].loc.file, "cfg.json");
    assert_int_equal(c->warnings[0].loc.line, 2);
    assert_int_equal(c->warnings[0].loc.column, 3);
    assert_string_equal(c->warnings[1].text,
                        "cfg.json:3:19: credibility: unknown key 'outlet' (ignored; known: outlets, kinds)");
    assert_string_equal(c->warnings[2].message, "'sources' is given twice; the last one wins");
    assert_int_equal(c->warnings[2].loc.line, 5);
    assert_int_equal(c->nsources, 1);
    assert_string_equal(c->sources[0].path, "/base/b");
    assert_int_equal(c->noutlets, 0);
    qc_config_free(c);
}

static void test_severity_lookup(void **state)
{
    (void)state;
    assert_int_equal(qc_config_severity(NULL, QC_CODE_WEAK_SOURCE), QC_SEV_INFO);
    assert_int_equal(qc_config_severity(NULL, QC_CODE_MISATTRIBUTED_QUOTE), QC_SEV_ERROR);
    qc_config *d = NULL;
    qc_config_default(&d);
    for (int k = 0; k < QC_CODE_COUNT; k++)
        assert_int_equal(qc_config_severity(d, (qc_code)k), qc_code_default_severity((qc_code)k));
    assert_null(d->path);
    assert_int_equal(d->nsources, 0);
    assert_false(d->has_sources);
    qc_config_free(d);
    qc_config_free(NULL);

    qc_config *c = load_ok("{\"severity\": {\"figure-mismatch\": \"off\", \"altered-quote\": \"information\","
                           " \"corrected-source\": \"hint\"}}",
                           NULL);
    assert_int_equal(qc_config_severity(c, QC_CODE_FIGURE_MISMATCH), QC_SEV_OFF);
    assert_int_equal(qc_config_severity(c, QC_CODE_ALTERED_QUOTE), QC_SEV_INFO);
    assert_int_equal(qc_config_severity(c, QC_CODE_CORRECTED_SOURCE), QC_SEV_HINT);
    assert_int_equal(qc_config_severity(c, QC_CODE_UNSOURCED_QUOTE), QC_SEV_WARNING);
    qc_config_free(c);
}

static void test_aliases(void **state)
{
    (void)state;
    qc_config *c = load_ok("{\"aliases\": {\"Donald Trump\": [\"the president\", \"President Trump\"],"
                           " \"Islamic Revolutionary Guard Corps\": [\"IRGC\", \"the Guards\"],"
                           " \"Qassem Soleimani\": [\"Qasem Soleimani\", \"Soleimani\"],"
                           " \"Angela Merkel\": [\"Frau Müller\"]}}",
                           "/base");
    assert_string_equal(qc_config_alias_canonical(c, "the president"), "Donald Trump");
    assert_string_equal(qc_config_alias_canonical(c, "THE  President"), "Donald Trump");
    assert_string_equal(qc_config_alias_canonical(c, "Donald Trump"), "Donald Trump");
    assert_string_equal(qc_config_alias_canonical(c, "irgc"), "Islamic Revolutionary Guard Corps");
    assert_string_equal(qc_config_alias_canonical(c, "frau muller"), "Angela Merkel");
    assert_null(qc_config_alias_canonical(c, "Joe Biden"));
    assert_null(qc_config_alias_canonical(NULL, "IRGC"));
    assert_true(qc_config_same_speaker(c, "IRGC", "the Guards"));
    assert_true(qc_config_same_speaker(c, "Qasem Soleimani", "Soleimani"));
    assert_true(qc_config_same_speaker(c, "Joe Biden", "joe biden"));
    assert_true(qc_config_same_speaker(NULL, "Joe Biden", "JOE BIDEN"));
    assert_false(qc_config_same_speaker(c, "IRGC", "the president"));
    assert_false(qc_config_same_speaker(c, "Joe Biden", "Donald Trump"));
    assert_int_equal(c->nwarnings, 0);
    qc_config_free(c);

    /* one name under two entities: a warning, the later entry wins */
    c = load_ok("{\"aliases\": {\"A\": [\"x\"], \"B\": [\"X\"]}}", "/base");
    assert_int_equal(c->nwarnings, 1);
    assert_string_equal(c->warnings[0].text,
                        "cfg.json:1:32: aliases[\"B\"][0]: 'X' is also a name of 'A'; this later entry wins");
    assert_string_equal(qc_config_alias_canonical(c, "x"), "B");
    qc_config_free(c);
}

static void test_merge(void **state)
{
    (void)state;
    qc_config *file = load_ok("{\"sources\": [\"corpus\"],"
                              " \"credibility\": {\"outlets\": {\"Reuters\": 0.95, \"AP\": 0.9}},"
                              " \"aliases\": {\"Donald Trump\": [\"the president\"], \"IRGC\": [\"the Guards\"]},"
                              " \"severity\": {\"weak-source\": \"off\"},"
                              " \"ignore\": [\"a/**\"], \"cache\": \"cache\"}",
                              "/proj");
    qc_config *lsp = NULL;
    const char *js = "{\"sources\": [\"/data/wire\"], \"credibility\": {\"outlets\": {\"reuters\": 0.5}},"
                     " \"aliases\": {\"Donald Trump\": [\"Trump\"]},"
                     " \"severity\": {\"altered-quote\": \"warning\"}, \"colour\": 1}";
    assert_int_equal(qc_config_load_json("workspace settings", js, strlen(js), "/ws", &lsp), QC_OK);
    qc_config_merge(file, lsp);
    qc_config_free(lsp);   /* the merge copied what it needs */

    assert_int_equal(file->nsources, 1);
    assert_string_equal(file->sources[0].path, "/data/wire");
    assert_string_equal(file->sources[0].loc.file, "workspace settings");
    assert_int_equal(file->noutlets, 2);
    double v = 0;
    assert_true(qc_config_outlet_credibility(file, "Reuters", &v));
    assert_true(v == 0.5);
    assert_true(qc_config_outlet_credibility(file, "AP", &v));
    assert_true(v == 0.9);
    assert_null(qc_config_alias_canonical(file, "the president"));
    assert_string_equal(qc_config_alias_canonical(file, "Trump"), "Donald Trump");
    assert_string_equal(qc_config_alias_canonical(file, "the guards"), "IRGC");
    assert_int_equal(qc_config_severity(file, QC_CODE_WEAK_SOURCE), QC_SEV_OFF);
    assert_int_equal(qc_config_severity(file, QC_CODE_ALTERED_QUOTE), QC_SEV_WARNING);
    assert_int_equal(qc_config_severity(file, QC_CODE_FIGURE_MISMATCH), QC_SEV_ERROR);
    assert_int_equal(file->nignore, 1);
    assert_string_equal(file->ignore[0].base, "/proj");
    assert_true(qc_config_ignored(file, "/proj/a/b.md"));
    assert_string_equal(file->cache, "/proj/cache");
    assert_int_equal(file->nwarnings, 1);
    assert_string_equal(file->warnings[0].text,
                        "workspace settings:1:157: unknown key 'colour' (ignored; known: sources, credibility, "
                        "aliases, severity, ignore, cache)");

    /* ignore lists replace, and keep their own base folder */
    qc_config *ign = load_ok("{\"ignore\": [\"b/**\"], \"cache\": \"c2\"}", "/ws");
    qc_config_merge(file, ign);
    qc_config_free(ign);
    assert_int_equal(file->nignore, 1);
    assert_false(qc_config_ignored(file, "/proj/a/b.md"));
    assert_true(qc_config_ignored(file, "/ws/b/c.md"));
    assert_false(qc_config_ignored(file, "/proj/b/c.md"));
    assert_string_equal(file->cache, "/ws/c2");
    qc_config_free(file);
}

static void test_memory_json_not_terminated(void **state)
{
    (void)state;
    /* the LSP hands a buffer that is not NUL-terminated */
    char buf[64];
    memset(buf, 'X', sizeof buf);
    const char *js = "{\"cache\": \"c\"}";
    memcpy(buf, js, strlen(js));
    qc_config *c = NULL;
    assert_int_equal(qc_config_load_json(NULL, buf, strlen(js), "/ws/", &c), QC_OK);
    assert_string_equal(c->path, "settings");
    assert_string_equal(c->dir, "/ws");
    assert_string_equal(c->cache, "/ws/c");
    qc_config_free(c);
    /* a byte-order mark is accepted */
    const char *bom = "\xEF\xBB\xBF{\"cache\": \"d\"}";
    assert_int_equal(qc_config_load_json("x", bom, strlen(bom), "/", &c), QC_OK);
    assert_string_equal(c->cache, "/d");
    qc_config_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_fixture),
        cmocka_unit_test(test_malformed_json),
        cmocka_unit_test(test_wrong_types),
        cmocka_unit_test(test_bad_severity_and_code),
        cmocka_unit_test(test_credibility_range),
        cmocka_unit_test(test_warnings),
        cmocka_unit_test(test_severity_lookup),
        cmocka_unit_test(test_aliases),
        cmocka_unit_test(test_merge),
        cmocka_unit_test(test_memory_json_not_terminated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
