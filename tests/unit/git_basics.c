/*
 * tests/unit/git_basics.c — git/git.h (owned by the git work, issue 5):
 * changed lines of a buffer against another (added, changed, none, all
 * new), blob ids as git computes them, not-a-repository and relative
 * paths, and on a small repository built with the git CLI: staged list
 * with a rename, index and HEAD blobs, blame of a buffer with unsaved
 * edits, a file's revisions, and the sources history that match/ uses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "git/git.h"
#include "util/error.h"

static char dir[64];

static int run(const char *cmd)
{
    char buf[1024];
    snprintf(buf, sizeof buf,
             "cd '%s' && export GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@e GIT_COMMITTER_NAME=T "
             "GIT_COMMITTER_EMAIL=t@e GIT_CONFIG_NOSYSTEM=1 HOME='%s' && (%s) >/dev/null 2>&1",
             dir, dir, cmd);
    return system(buf);
}

static int setup(void **st)
{
    (void)st;
    strcpy(dir, "/tmp/qc-git-unit.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    unsetenv("GIT_DIR");
    unsetenv("GIT_INDEX_FILE");
    unsetenv("GIT_WORK_TREE");
    return 0;
}

static int teardown(void **st)
{
    (void)st;
    char buf[128];
    snprintf(buf, sizeof buf, "rm -rf '%s'", dir);
    return system(buf) == 0 ? 0 : -1;
}

static void test_changed_lines(void **st)
{
    (void)st;
    qc_git_lines l;
    const char *a = "one\ntwo\nthree\nfour\n", *b = "one\nTWO\nthree\nfour\nfive\n";
    assert_int_equal(qc_git_changed_lines(a, strlen(a), b, strlen(b), &l), 0);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.lines[0], 2);
    assert_int_equal(l.lines[1], 5);
    assert_true(qc_git_lines_has(&l, 5));
    assert_false(qc_git_lines_has(&l, 1));
    qc_git_lines_free(&l);
    assert_int_equal(qc_git_changed_lines(a, strlen(a), a, strlen(a), &l), 0);
    assert_int_equal(l.n, 0);
    qc_git_lines_free(&l);
    assert_int_equal(qc_git_changed_lines(NULL, 0, b, strlen(b), &l), 0);
    assert_int_equal(l.n, 5);
    qc_git_lines_free(&l);
    qc_git_lines_free(NULL);
}

static void test_blob_id(void **st)
{
    (void)st;
    char id[41];
    qc_git_hash_blob("hello\n", 6, id);   /* git hash-object of "hello\n" */
    assert_string_equal(id, "ce013625030ba8dba906f756967f9e9ca394464a");
}

static void test_not_a_repository(void **st)
{
    (void)st;
    qc_git *g = NULL;
    setenv("GIT_CEILING_DIRECTORIES", "/tmp", 1);
    assert_int_equal(qc_git_open(&g, dir), QC_ENOTFOUND);
    assert_null(g);
    assert_non_null(strstr(qc_error_last(), "not in a git repository (searched from"));
    unsetenv("GIT_CEILING_DIRECTORIES");
    qc_git_close(NULL);
}

static void test_repository(void **st)
{
    (void)st;
    assert_int_equal(run("git init -q . && printf 'a\\n\"Hello there, friends,\" she said.\\n' > d.md "
                         "&& git add d.md && git commit -qm first && printf 'a\\n\"Hello there, "
                         "friends,\" she said.\\nb\\n' > d.md && GIT_AUTHOR_DATE=2030-01-01T00:00:00Z git commit -qam 'second one' && "
                         "git mv d.md e.md && printf 'x\\n' > f.txt && git add f.txt"), 0);
    char path[128];
    snprintf(path, sizeof path, "%s/e.md", dir);
    qc_git *g = NULL;
    assert_int_equal(qc_git_open(&g, path), 0);
    assert_true(qc_git_has_commits(g));
    assert_false(qc_git_is_shallow(g));
    char *rel = NULL;
    assert_int_equal(qc_git_relpath(g, path, &rel), 0);
    assert_string_equal(rel, "e.md");

    qc_git_staged *s = NULL;
    size_t n = 0;
    assert_int_equal(qc_git_staged_list(g, &s, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(s[0].path, "e.md");
    assert_int_equal(s[0].change, QC_GIT_RENAMED);
    assert_string_equal(s[0].old_path, "d.md");
    assert_int_equal(s[1].change, QC_GIT_ADDED);
    assert_null(s[1].old_path);
    qc_git_staged_free(s, n);
    qc_git_staged_free(NULL, 0);

    char *data = NULL;
    size_t len = 0;
    assert_int_equal(qc_git_read_index(g, "e.md", &data, &len), 0);
    assert_int_equal(len, strlen("a\n\"Hello there, friends,\" she said.\nb\n"));
    free(data);
    assert_int_equal(qc_git_read_head(g, "e.md", &data, &len), QC_ENOTFOUND);
    assert_int_equal(qc_git_read_head(g, "d.md", &data, &len), 0);
    free(data);

    qc_git_revision *r = NULL;
    assert_int_equal(qc_git_file_log(g, "d.md", &r, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(r[0].commit.subject, "second one");
    assert_string_equal(r[1].commit.subject, "first");
    assert_string_equal(r[0].commit.author, "T");
    assert_int_equal(strlen(r[0].commit.date), 10);
    qc_git_revisions_free(r, n);

    /* a buffer with an unsaved edit on line 1 */
    const char *buf = "A\n\"Hello there, friends,\" she said.\nb\n";
    qc_git_blame *b = NULL;
    assert_int_equal(qc_git_blame_buffer(g, "d.md", buf, strlen(buf), &b), 0);
    assert_null(qc_git_blame_line(b, 1));
    assert_non_null(qc_git_blame_line(b, 2));
    assert_string_equal(qc_git_blame_line(b, 2)->subject, "first");
    assert_string_equal(qc_git_blame_line(b, 3)->subject, "second one");
    bool unc = false;
    assert_null(qc_git_blame_range(b, 1, 2, &unc));
    assert_true(unc);
    assert_string_equal(qc_git_blame_range(b, 2, 3, &unc)->subject, "second one");
    qc_git_blame_free(b);
    qc_git_blame_free(NULL);

    char *hooks = NULL;
    assert_int_equal(qc_git_hooks_dir(g, &hooks), 0);
    assert_non_null(strstr(hooks, ".git/hooks"));
    free(hooks);
    free(rel);
    qc_git_close(g);

    /* the sources history: the earlier revision of d.md */
    const char *dirs[1] = { dir };
    qc_git_sources *src = NULL;
    assert_int_equal(qc_git_sources_new(&src, dirs, 1, NULL, NULL), 0);
    assert_non_null(src);
    const qc_source_history *h = qc_git_sources_history(src);
    const char *today = "a\n\"Hello there, friends,\" she said.\nb\n";
    qc_text *t = qc_text_new(today, strlen(today));
    char dpath[128];
    snprintf(dpath, sizeof dpath, "%s/d.md", dir);
    assert_non_null(h->current(h->self, dpath, t));
    qc_source_revision rv[4];
    assert_int_equal(h->earlier(h->self, dpath, t, rv, 4), 1);
    assert_int_equal(rv[0].text->len, strlen("a\n\"Hello there, friends,\" she said.\n"));
    assert_string_equal(rv[0].corrected_subject, "second one");
    size_t commits, files;
    double secs;
    qc_git_sources_walk_stats(src, &commits, &files, &secs);
    assert_int_equal(commits, 2);
    qc_text_delete(t);
    qc_git_sources_free(src);
    qc_git_sources_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_changed_lines),
        cmocka_unit_test(test_blob_id),
        cmocka_unit_test(test_not_a_repository),
        cmocka_unit_test(test_repository),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
