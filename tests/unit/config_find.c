/*
 * tests/unit/config_find.c — config/config.h on disk: discovery walking up
 * from a draft's folder (nearest wins, none found, relative paths), sources
 * resolved relative to the config file and checked for existence, and
 * ignore globs. Owned by the config module. Works in mkdtemp folders.
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
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "util/error.h"

static char root[PATH_MAX];   /* realpath of this run's temp folder */

static void put(const char *rel, const char *text)
{
    char p[PATH_MAX * 2];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void dir(const char *rel)
{
    char p[PATH_MAX * 2];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    assert_int_equal(mkdir(p, 0755), 0);
}

static const char *at(const char *rel)
{
    static char p[4][PATH_MAX * 2];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", root, rel);
    return p[k];
}

static int setup(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/qc-config-XXXXXX";
    if (!mkdtemp(tmpl) || !realpath(tmpl, root))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[PATH_MAX + 32];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_find_walks_up(void **state)
{
    (void)state;
    dir("desk");
    dir("desk/drafts");
    dir("desk/drafts/2024");
    dir("other");
    put(".quotecheck.json", "{}");
    put("desk/.quotecheck.json", "{}");
    put("desk/drafts/2024/story.md", "text");

    char *found = NULL;
    /* nearest wins, from a draft two folders down */
    assert_int_equal(qc_config_find(at("desk/drafts/2024/story.md"), &found), QC_OK);
    assert_string_equal(found, at("desk/.quotecheck.json"));
    free(found);
    /* a folder is searched from itself */
    assert_int_equal(qc_config_find(at("desk"), &found), QC_OK);
    assert_string_equal(found, at("desk/.quotecheck.json"));
    free(found);
    /* a sibling folder finds the outer config */
    assert_int_equal(qc_config_find(at("other/new.md"), &found), QC_OK);
    assert_string_equal(found, at(".quotecheck.json"));
    free(found);
    /* drafts and folders that do not exist yet (unsaved LSP documents) */
    assert_int_equal(qc_config_find(at("desk/nope/deeper/x.md"), &found), QC_OK);
    assert_string_equal(found, at("desk/.quotecheck.json"));
    free(found);
    /* a folder named like the config is not a config */
    dir("other/sub");
    dir("other/sub/.quotecheck.json");
    assert_int_equal(qc_config_find(at("other/sub/x.md"), &found), QC_OK);
    assert_string_equal(found, at(".quotecheck.json"));
    free(found);
}

static void test_find_relative(void **state)
{
    (void)state;
    char cwd[PATH_MAX];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(at("desk")), 0);
    char *found = NULL;
    int rc = qc_config_find("drafts/2024/story.md", &found);
    int rc2 = rc;
    char *found2 = NULL;
    if (rc == QC_OK)
        rc2 = qc_config_find("../other/../desk/drafts/./2024/nope.md", &found2);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rc, QC_OK);
    assert_string_equal(found, at("desk/.quotecheck.json"));
    assert_int_equal(rc2, QC_OK);
    assert_string_equal(found2, at("desk/.quotecheck.json"));
    free(found);
    free(found2);
}

static void test_find_none(void **state)
{
    (void)state;
    struct stat st;
    if (stat("/tmp/.quotecheck.json", &st) == 0 || stat("/.quotecheck.json", &st) == 0)
        skip();
    char tmpl[] = "/tmp/qc-config-none-XXXXXX", real[PATH_MAX];
    assert_non_null(mkdtemp(tmpl));
    assert_non_null(realpath(tmpl, real));
    char draft[PATH_MAX + 16];
    snprintf(draft, sizeof draft, "%s/a.md", real);
    char *found = (char *)1;
    int rc = qc_config_find(draft, &found);
    rmdir(real);
    assert_int_equal(rc, QC_ENOTFOUND);
    assert_null(found);
    char want[PATH_MAX + 64];
    snprintf(want, sizeof want, "%s: no .quotecheck.json here or in any folder above", real);
    assert_string_equal(qc_error_last(), want);
}

static void test_sources_relative_and_checked(void **state)
{
    (void)state;
    dir("proj");
    dir("proj/desk");
    dir("proj/desk/corpus");
    put("proj/desk/.quotecheck.json", "{\"sources\": [\"corpus\", \"../wire\"],\n \"cache\": \"../c\"}");
    qc_config *c = NULL;
    const char *cfg_path = at("proj/desk/.quotecheck.json");
    char cfg_copy[PATH_MAX * 2];
    strcpy(cfg_copy, cfg_path);
    if (qc_config_load_file(cfg_copy, &c) != QC_OK)
        fail_msg("%s", qc_error_last());
    assert_string_equal(c->dir, at("proj/desk"));
    assert_int_equal(c->nsources, 2);
    assert_string_equal(c->sources[0].path, at("proj/desk/corpus"));
    assert_string_equal(c->sources[1].path, at("proj/wire"));
    assert_string_equal(c->sources[1].spec, "../wire");
    assert_string_equal(c->cache, at("proj/c"));

    assert_int_equal(qc_config_check_sources(c), QC_ENOTFOUND);
    char want[PATH_MAX * 5];
    snprintf(want, sizeof want, "%s:1:24: sources[1]: folder '%s' does not exist", cfg_copy, at("proj/wire"));
    assert_string_equal(qc_error_last(), want);

    put("proj/wire", "not a folder");
    assert_int_equal(qc_config_check_sources(c), QC_ENOTFOUND);
    snprintf(want, sizeof want, "%s:1:24: sources[1]: folder '%s' is not a folder", cfg_copy, at("proj/wire"));
    assert_string_equal(qc_error_last(), want);

    assert_int_equal(unlink(at("proj/wire")), 0);
    dir("proj/wire");
    assert_int_equal(qc_config_check_sources(c), QC_OK);
    qc_config_free(c);

    /* a relative config path: sources still resolve against its folder */
    char cwd[PATH_MAX];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(at("proj")), 0);
    int rc = qc_config_load_file("desk/.quotecheck.json", &c);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rc, QC_OK);
    assert_string_equal(c->path, "desk/.quotecheck.json");
    assert_string_equal(c->sources[0].path, at("proj/desk/corpus"));
    assert_int_equal(qc_config_check_sources(c), QC_OK);
    qc_config_free(c);

    /* an unreadable config names the file */
    assert_int_equal(qc_config_load_file(at("proj/missing.json"), &c), QC_EIO);
    assert_null(c);
    assert_non_null(strstr(qc_error_last(), "proj/missing.json: cannot open"));
}

static void test_ignore_globs(void **state)
{
    (void)state;
    const char *js = "{\"ignore\": [\"drafts/archive/**\", \"*.tmp.md\", \"notes/\", \"/top.md\","
                     " \"drafts/*/old-?.md\", \"**/secret/*.md\", \"scratch\"]}";
    qc_config *c = NULL;
    assert_int_equal(qc_config_load_json("cfg", js, strlen(js), "/proj", &c), QC_OK);
    assert_true(qc_config_ignored(c, "/proj/drafts/archive/2019/a.md"));
    assert_true(qc_config_ignored(c, "/proj/drafts/archive/a.md"));
    assert_false(qc_config_ignored(c, "/proj/drafts/archived/a.md"));
    assert_false(qc_config_ignored(c, "/proj/drafts/a.md"));
    assert_true(qc_config_ignored(c, "/proj/x/y/z.tmp.md"));
    assert_true(qc_config_ignored(c, "/proj/z.tmp.md"));
    assert_false(qc_config_ignored(c, "/proj/z.tmp.md.bak"));
    assert_true(qc_config_ignored(c, "/proj/notes/a.md"));
    assert_true(qc_config_ignored(c, "/proj/a/notes/b.md"));
    assert_true(qc_config_ignored(c, "/proj/top.md"));
    assert_false(qc_config_ignored(c, "/proj/sub/top.md"));
    assert_true(qc_config_ignored(c, "/proj/drafts/x/old-1.md"));
    assert_false(qc_config_ignored(c, "/proj/drafts/x/y/old-1.md"));
    assert_false(qc_config_ignored(c, "/proj/drafts/x/old-12.md"));
    assert_true(qc_config_ignored(c, "/proj/secret/x.md"));
    assert_true(qc_config_ignored(c, "/proj/a/b/secret/x.md"));
    assert_false(qc_config_ignored(c, "/proj/a/b/secret/x.txt"));
    assert_true(qc_config_ignored(c, "/proj/scratch/deep/x.md"));   /* a folder ignores its contents */
    assert_false(qc_config_ignored(c, "/proj/scratchpad.md"));
    /* outside the config folder nothing matches, even a look-alike prefix */
    assert_false(qc_config_ignored(c, "/other/drafts/archive/a.md"));
    assert_false(qc_config_ignored(c, "/proj2/z.tmp.md"));
    /* paths are normalized first */
    assert_true(qc_config_ignored(c, "/proj/../proj/drafts/./archive/a.md"));
    assert_false(qc_config_ignored(c, "/proj/drafts/archive/../a.md"));
    assert_false(qc_config_ignored(NULL, "/proj/top.md"));
    qc_config_free(c);

    /* relative draft paths are taken from the working directory */
    dir("ign");
    assert_int_equal(qc_config_load_json("cfg", js, strlen(js), at("ign"), &c), QC_OK);
    char cwd[PATH_MAX];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(at("ign")), 0);
    bool a = qc_config_ignored(c, "drafts/archive/a.md");
    bool b = qc_config_ignored(c, "drafts/a.md");
    assert_int_equal(chdir(cwd), 0);
    assert_true(a);
    assert_false(b);
    qc_config_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find_walks_up),
        cmocka_unit_test(test_find_relative),
        cmocka_unit_test(test_find_none),
        cmocka_unit_test(test_sources_relative_and_checked),
        cmocka_unit_test(test_ignore_globs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
