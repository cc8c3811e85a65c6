/*
 * cli/cmd_hook.c — `quotecheck hook install|uninstall`: the git pre-commit
 * hook that runs `quotecheck check --staged --new-only`. Owned by the git
 * work (issue 5); the repository and its hooks folder come from git/.
 *
 * The hook is a small sh script marked with a line "# installed by
 * quotecheck". It is the one place the program writes a user's file on
 * its own: it never replaces a hook without that marker unless --force,
 * and uninstall removes only a hook with the marker. The hooks folder is
 * core.hooksPath when set, else the common .git/hooks (shared by linked
 * worktrees).
 */
#include "cli/cli.h"
#include "git/git.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/file.h"
#include "util/strbuf.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define QC_HOOK_MARKER "# installed by quotecheck"

const char qc_cmd_hook_usage[] =
    "Usage: quotecheck hook install [--force]\n"
    "       quotecheck hook uninstall\n\n"
    "Install (or remove) the git pre-commit hook of the repository that holds\n"
    "the current folder. Before each commit the hook runs\n"
    "  quotecheck check --staged --new-only\n"
    "which checks the staged content of the staged drafts and reports only\n"
    "findings on lines added or changed by the commit; an error-level finding\n"
    "stops the commit ('git commit --no-verify' skips the hook). The hook runs\n"
    "'quotecheck' from PATH, else the binary that installed it.\n\n"
    "The hook goes to core.hooksPath when set, else .git/hooks (shared by the\n"
    "linked worktrees). It carries the line '" QC_HOOK_MARKER "'.\n\n"
    "Options:\n"
    "  --force     replace a pre-commit hook that quotecheck did not write\n"
    "  -h, --help  show this help\n\n"
    "With the pre-commit framework, use the hook in this repository's\n"
    ".pre-commit-hooks.yaml (id: quotecheck) instead.\n\n"
    "Exit codes: 0 done (or nothing to remove); 2 not in a git repository, a\n"
    "bare repository, a foreign hook in the way, or a file that cannot be\n"
    "written.\n";

/* Single-quote s for sh. */
static void qc_hook_sh_quote(qc_strbuf *sb, const char *s)
{
    qc_strbuf_addc(sb, '\'');
    for (; *s; s++) {
        if (*s == '\'')
            qc_strbuf_adds(sb, "'\\''");
        else
            qc_strbuf_addc(sb, *s);
    }
    qc_strbuf_addc(sb, '\'');
}

static char *qc_hook_script(void)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    self[n > 0 ? n : 0] = '\0';
    qc_strbuf sb = QC_STRBUF_INIT;
    qc_strbuf_adds(&sb,
        "#!/bin/sh\n"
        QC_HOOK_MARKER "\n"
        "# Checks the staged drafts before each commit; remove with 'quotecheck hook uninstall'.\n"
        "# Skip once with 'git commit --no-verify'.\n"
        "if command -v quotecheck >/dev/null 2>&1; then\n"
        "    exec quotecheck check --staged --new-only\n"
        "fi\n");
    if (self[0]) {
        qc_strbuf_adds(&sb, "exec ");
        qc_hook_sh_quote(&sb, self);
        qc_strbuf_adds(&sb, " check --staged --new-only\n");
    } else {
        qc_strbuf_adds(&sb, "echo 'quotecheck: not found on PATH' >&2\nexit 2\n");
    }
    return qc_strbuf_detach(&sb);
}

/* 1 ours, 0 someone else's, -1 absent. */
static int qc_hook_owner(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    if (qc_file_read(path, 1 << 20, &data, &len) != 0) {
        qc_error_clear();
        struct stat st;
        return lstat(path, &st) == 0 ? 0 : -1;
    }
    int ours = strstr(data, QC_HOOK_MARKER) != NULL;
    free(data);
    return ours;
}

static int qc_hook_mkdirs(const char *dir)
{
    char *p = qc_strdup(dir);
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0755);
            *s = '/';
        }
    int rc = mkdir(p, 0755) == 0 || errno == EEXIST ? 0 : -1;
    free(p);
    return rc;
}

int qc_cmd_hook(int argc, char **argv)
{
    const char *action = NULL;
    bool force = false;
    int status = QC_EXIT_OK;
    qc_git *git = NULL;
    char *dir = NULL, *path = NULL, *script = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--force"))
            force = true;
        else if (argv[i][0] == '-')
            return qc_cli_usage_error("hook", "unknown option '%s'", argv[i]);
        else if (!action)
            action = argv[i];
        else
            return qc_cli_usage_error("hook", "unexpected argument '%s'", argv[i]);
    }
    if (!action || (strcmp(action, "install") && strcmp(action, "uninstall")))
        return qc_cli_usage_error("hook", "say 'install' or 'uninstall'");
    if (qc_git_open(&git, ".") != 0) {
        fprintf(stderr, "quotecheck hook: %s\n", qc_error_last());
        status = QC_EXIT_ERROR;
        goto cleanup;
    }
    qc_git_hooks_dir(git, &dir);
    qc_strbuf sb = QC_STRBUF_INIT;
    qc_strbuf_printf(&sb, "%s/pre-commit", dir);
    path = qc_strbuf_detach(&sb);
    int owner = qc_hook_owner(path);
    if (!strcmp(action, "uninstall")) {
        if (owner < 0) {
            printf("no pre-commit hook at %s: nothing to remove\n", path);
        } else if (owner == 0) {
            fprintf(stderr, "quotecheck hook: %s was not installed by quotecheck (no '%s' line); "
                    "left as it is\n", path, QC_HOOK_MARKER);
            status = QC_EXIT_ERROR;
        } else if (unlink(path) != 0) {
            fprintf(stderr, "quotecheck hook: cannot remove %s: %s\n", path, strerror(errno));
            status = QC_EXIT_ERROR;
        } else {
            printf("removed the quotecheck pre-commit hook %s\n", path);
        }
        goto cleanup;
    }
    if (owner == 0 && !force) {
        fprintf(stderr, "quotecheck hook: %s exists and was not installed by quotecheck; "
                "not replacing it (use --force to replace it, or call 'quotecheck check "
                "--staged --new-only' from it)\n", path);
        status = QC_EXIT_ERROR;
        goto cleanup;
    }
    script = qc_hook_script();
    if (qc_hook_mkdirs(dir) != 0 || qc_file_write_atomic(path, script, strlen(script)) != 0 ||
        chmod(path, 0755) != 0) {
        fprintf(stderr, "quotecheck hook: cannot write %s: %s\n", path,
                errno ? strerror(errno) : qc_error_last());
        status = QC_EXIT_ERROR;
        goto cleanup;
    }
    printf("%s the quotecheck pre-commit hook %s\n", owner == 1 ? "updated" : owner == 0 ? "replaced" : "installed", path);
cleanup:
    free(script);
    free(path);
    free(dir);
    qc_git_close(git);
    return status;
}
