/*
 * cli/cmd_check.c — `quotecheck check`: check the quotations and figures
 * of drafts against the source corpus and report findings as text, JSON,
 * SARIF or GitHub workflow commands. Owned by the check/audit work; the
 * pipeline is cli/session.c, the writers report/findings.c and friends.
 */
#include "cli/cli.h"
#include "cli/session.h"
#include "git/git.h"
#include "report/report.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/file.h"
#include "util/strbuf.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char qc_cmd_check_usage[] =
    "Usage: quotecheck check [OPTIONS] FILE...\n\n"
    "Check every quotation and figure in each draft FILE against the source\n"
    "corpus: words given to the wrong person, changed, cut or spliced wording,\n"
    "quotes no source carries, figures that differ from the sources, weak and\n"
    "corrected sources. Markdown (.md, .markdown) is parsed as Markdown; anything\n"
    "else is read as plain text. '-' reads standard input.\n\n"
    "Each draft's configuration is the nearest .quotecheck.json found walking up\n"
    "from the draft's own folder (not the working directory). Its \"sources\"\n"
    "folders make the corpus; drafts matching its \"ignore\" globs are skipped.\n"
    "Comments in a draft turn findings off:\n"
    "  <!-- quotecheck-disable-next-line CODE -->\n"
    "  <!-- quotecheck-disable CODE --> ... <!-- quotecheck-enable -->\n\n"
    "Output (text): one line per finding, as editors' quickfix lists read it,\n"
    "  path:line:column: severity: message [code]\n"
    "then the source passages and the fix, indented, and a summary line.\n"
    "Lines are 1-based; columns are 1-based and count characters (code points).\n\n"
    "Options:\n"
    "  --sources DIR          a folder of source articles (repeatable; replaces\n"
    "                         the config's \"sources\")\n"
    "  --config FILE          use this config for every draft (no discovery)\n"
    "  --no-config            use no config file (built-in defaults)\n"
    "  --format FMT           text (default), json (the stable interface; see\n"
    "                         README), sarif (SARIF 2.1.0) or github (GitHub\n"
    "                         Actions workflow commands)\n"
    "  --color WHEN           auto (default: on a terminal, unless NO_COLOR is\n"
    "                         set), always or never\n"
    "  --severity LEVEL       show findings of LEVEL and above: error, warning,\n"
    "                         info or hint (default: all)\n"
    "  -q, --quiet            print the findings only, no summary\n"
    "  -o, --output FILE      write the report to FILE instead of standard output\n"
    "  --stdin-filename NAME  the name of the draft read from '-': sets its format\n"
    "                         (.md = Markdown) and where config discovery starts\n"
    "  -j, --jobs N           check N drafts at a time (default: one per CPU)\n"
    "  --staged               check what is staged for the next commit: the index\n"
    "                         content (not the working tree) of every staged draft\n"
    "                         (.md, .markdown, .txt; not under the corpus folders,\n"
    "                         not ignored by the config; deleted ones skipped,\n"
    "                         renames followed). FILEs, if given, narrow it down.\n"
    "                         Found from the current folder (subfolders, linked\n"
    "                         worktrees and repositories without commits work)\n"
    "  --new-only             report only findings that start on lines added or\n"
    "                         changed against HEAD (with --staged: the staged\n"
    "                         content; else the working file)\n"
    "  --cache-dir DIR        keep the corpus index cache under DIR\n"
    "  --no-cache             neither read nor write the corpus index cache\n"
    "  -h, --help             show this help\n\n"
    "Exit codes: 0 no error-level finding; 1 at least one error-level finding;\n"
    "2 usage error, broken config, missing corpus, not in a git repository (with\n"
    "--staged or --new-only), or a draft that could not be read (named on\n"
    "standard error with the position; the other drafts are still checked, and\n"
    "an error-level finding in them makes the exit code 1).\n";

/* ---- --staged and --new-only (issue 5, the git work) ---------------------- */

static bool qc_check_is_draft_name(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return false;
    return !strcmp(dot, ".md") || !strcmp(dot, ".markdown") || !strcmp(dot, ".txt");
}

/* `abs` as shown: relative to cwd ("../x" when it lies beside it), or
 * absolute when they share only the root. Caller frees. */
static char *qc_check_display(const char *abs, const char *cwd)
{
    size_t cl = strlen(cwd);
    if (!strncmp(abs, cwd, cl) && abs[cl] == '/')
        return qc_strdup(abs + cl + 1);
    size_t common = 0;   /* length of the shared folder prefix, with its '/' */
    for (size_t i = 0; abs[i] && abs[i] == cwd[i]; i++)
        if (abs[i] == '/')
            common = i + 1;
    if (common <= 1)
        return qc_strdup(abs);
    qc_strbuf sb = QC_STRBUF_INIT;
    qc_strbuf_adds(&sb, "../");
    for (const char *p = cwd + common; *p; p++)
        if (*p == '/' && p[1])
            qc_strbuf_adds(&sb, "../");
    qc_strbuf_adds(&sb, abs + common);
    return qc_strbuf_detach(&sb);
}

/* Is FILE (as given) among the names the user narrowed --staged to? */
static bool qc_check_wanted(qc_git *git, const char *rel, const char **files, size_t nfiles)
{
    if (!nfiles)
        return true;
    for (size_t i = 0; i < nfiles; i++) {
        char *r = NULL;
        if (qc_git_relpath(git, files[i], &r) != 0)
            continue;
        size_t n = strlen(r);
        bool hit = !strcmp(r, rel) || n == 0 ||
                   (!strncmp(r, rel, n) && (r[n - 1] == '/' || rel[n] == '/'));
        free(r);
        if (hit)
            return true;
    }
    return false;
}

/* The 1-based lines of `now` that differ from HEAD's `rel` (all lines
 * when HEAD lacks it). 0 or QC_E*. */
static int qc_check_new_lines(qc_git *git, const char *head_rel, const char *now, size_t len,
                              qc_git_lines *out)
{
    char *old = NULL;
    size_t olen = 0;
    int rc = qc_git_read_head(git, head_rel, &old, &olen);
    if (rc == QC_ENOTFOUND) {
        old = NULL;
        olen = 0;
    } else if (rc != 0) {
        return rc;
    }
    rc = qc_git_changed_lines(old, olen, now, len, out);
    free(old);
    return rc;
}

int qc_cmd_check(int argc, char **argv)
{
    qc_cli_common c;
    qc_cli_common_init(&c, argc);
    const char **files = qc_calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0, nstdin = 0;
    const char *stdin_name = NULL;
    int jobs = 0, status = QC_EXIT_OK;
    bool staged = false, new_only = false;
    qc_git *git = NULL;
    qc_git_staged *st = NULL;
    size_t nst = 0;
    char **heads = NULL;          /* per draft: its path in HEAD (--new-only); NULL: none */
    qc_draft *drafts = NULL;
    size_t ndrafts = 0;
    qc_session *session = NULL;
    FILE *out = NULL;
    const unsigned formats = 1u << QC_OUT_TEXT | 1u << QC_OUT_JSON | 1u << QC_OUT_SARIF |
                             1u << QC_OUT_GITHUB;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = qc_cli_common_option(&c, "check", formats, argc, argv, &i);
        if (r == QC_EXIT_ERROR) {
            status = QC_EXIT_ERROR;
            goto done;
        }
        if (r == 1)
            continue;
        if (!strcmp(a, "--staged")) {
            staged = true;
            continue;
        }
        if (!strcmp(a, "--new-only")) {
            new_only = true;
            continue;
        }
        if (!strcmp(a, "--stdin-filename") || !strncmp(a, "--stdin-filename=", 17)) {
            stdin_name = a[16] == '=' ? a + 17 : (i + 1 < argc ? argv[++i] : NULL);
            if (!stdin_name || !*stdin_name) {
                status = qc_cli_usage_error("check", "--stdin-filename takes a file name");
                goto done;
            }
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs") || !strncmp(a, "--jobs=", 7) ||
                   (!strncmp(a, "-j", 2) && a[2])) {
            const char *v = !strncmp(a, "--jobs=", 7) ? a + 7
                            : (a[1] == 'j' && a[2]) ? a + 2
                            : (i + 1 < argc ? argv[++i] : NULL);
            char *end = NULL;
            long n = v ? strtol(v, &end, 10) : -1;
            if (!v || !*v || *end || n < 0 || n > 1024) {
                status = qc_cli_usage_error("check", "--jobs takes a number from 0 (one per CPU) to 1024");
                goto done;
            }
            jobs = (int)n;
        } else if (!strcmp(a, "--")) {
            for (i++; i < argc; i++)
                files[nfiles++] = argv[i];
        } else if (a[0] == '-' && a[1]) {
            status = qc_cli_usage_error("check", "unknown option '%s'", a);
            goto done;
        } else {
            files[nfiles++] = a;
            nstdin += !strcmp(a, "-");
        }
    }
    if (nfiles == 0 && !staged) {
        status = qc_cli_usage_error("check", "no FILE given (use '-' for standard input)");
        goto done;
    }
    if (nstdin > 1) {
        status = qc_cli_usage_error("check", "'-' (standard input) given more than once");
        goto done;
    }
    if (staged && nstdin) {
        status = qc_cli_usage_error("check", "--staged reads the index: '-' cannot be checked with it");
        goto done;
    }
    if (stdin_name && !nstdin) {
        status = qc_cli_usage_error("check", "--stdin-filename needs '-' among the files");
        goto done;
    }

    c.session.progress = isatty(STDERR_FILENO) && !c.quiet;
    session = qc_session_new(&c.session);
    size_t ignored = 0;
    if (staged) {
        if (qc_git_open(&git, ".") != 0 || qc_git_staged_list(git, &st, &nst) != 0) {
            fprintf(stderr, "quotecheck check: %s\n", qc_error_last());
            status = QC_EXIT_ERROR;
            goto done;
        }
        drafts = qc_calloc(nst + 1, sizeof *drafts);
        heads = qc_calloc(nst + 1, sizeof *heads);
        for (size_t i = 0; i < nst; i++) {
            const qc_git_staged *e = &st[i];
            if (e->change == QC_GIT_DELETED || !qc_check_is_draft_name(e->path) ||
                !qc_check_wanted(git, e->path, files, nfiles))
                continue;
            char *abs = qc_malloc(strlen(qc_git_workdir(git)) + strlen(e->path) + 1);
            sprintf(abs, "%s%s", qc_git_workdir(git), e->path);
            char *data = NULL;
            size_t len = 0;
            qc_draft *d = &drafts[ndrafts];
            char *shown = qc_check_display(abs, qc_session_cwd(session));
            if (qc_git_read_index(git, e->path, &data, &len) != 0 ||
                qc_text_check(shown, data, len) != 0) {
                free(data);
                qc_draft_init(d, shown, abs, NULL, 0);
                d->error = qc_strdup(qc_error_last());
            } else {
                qc_draft_init(d, shown, abs, data, len);
            }
            heads[ndrafts] = e->old_path && e->change != QC_GIT_COPIED ? qc_strdup(e->old_path)
                                                                      : NULL;
            free(shown);
            ndrafts++;
            if (qc_session_prepare(session, d) != 0) {
                fprintf(stderr, "quotecheck check: %s\n", qc_error_last());
                free(abs);
                status = QC_EXIT_ERROR;
                goto done;
            }
            /* source articles are not drafts; the config's ignore globs apply */
            bool source = qc_session_in_corpus(session, abs);
            bool skip = source || qc_config_ignored(d->ctx->config, abs);
            free(abs);
            if (skip) {
                qc_draft_clear(d);
                free(heads[ndrafts - 1]);
                heads[ndrafts - 1] = NULL;
                ndrafts--;
                ignored += !source;
            }
        }
        nfiles = 0;
    } else {
        drafts = qc_calloc(nfiles, sizeof *drafts);
    }
    for (size_t i = 0; i < nfiles; i++) {
        qc_draft *d = &drafts[ndrafts];
        if (!strcmp(files[i], "-")) {
            const char *name = stdin_name ? stdin_name : "<stdin>";
            char *data = NULL;
            size_t len = 0;
            if (qc_session_read_stdin(name, &data, &len) != 0) {
                qc_draft_init(d, name, stdin_name ? stdin_name : ".", NULL, 0);
                d->error = qc_strdup(qc_error_last());
                ndrafts++;
                continue;
            }
            qc_draft_init(d, name, stdin_name ? stdin_name : ".", data, len);
        } else {
            qc_draft_init(d, files[i], NULL, NULL, 0);
        }
        ndrafts++;
        if (qc_session_prepare(session, d) != 0) {
            fprintf(stderr, "quotecheck check: %s\n", qc_error_last());
            status = QC_EXIT_ERROR;
            goto done;
        }
        if (d->ignored) {
            qc_draft_clear(d);
            ndrafts--;
            ignored++;
        }
    }

    /* drafts that failed to read stdin have no context: check only the rest */
    qc_draft *todo = qc_calloc(ndrafts + 1, sizeof *todo);
    size_t ntodo = 0;
    for (size_t i = 0; i < ndrafts; i++)
        if (!drafts[i].error)
            todo[ntodo++] = drafts[i];
    qc_session_check_all(session, todo, ntodo, jobs, NULL, NULL);
    for (size_t i = 0, k = 0; i < ndrafts; i++)
        if (!drafts[i].error)
            drafts[i] = todo[k++];
    free(todo);

    /* --new-only: findings on lines added or changed against HEAD */
    for (size_t i = 0; new_only && i < ndrafts; i++) {
        qc_draft *d = &drafts[i];
        if (d->error || !d->text)
            continue;
        qc_git *g = git;
        qc_git *own = NULL;
        char *rel = NULL;
        int rc = 0;
        if (!staged) {
            if (!strcmp(d->path, "<stdin>") || (rc = qc_git_open(&own, d->lookup)) != 0 ||
                (rc = qc_git_relpath(own, d->lookup, &rel)) != 0) {
                fprintf(stderr, "quotecheck check: --new-only: %s: %s\n", d->path,
                        rc ? qc_error_last() : "standard input has no history");
                qc_git_close(own);
                status = QC_EXIT_ERROR;
                goto done;
            }
            g = own;
        }
        const char *head_rel = rel ? rel : heads[i];
        qc_git_lines lines;
        memset(&lines, 0, sizeof lines);
        if (!head_rel) {   /* staged as added: every line is new */
            rc = qc_git_changed_lines(NULL, 0, d->text->data, d->text->len, &lines);
        } else {
            rc = qc_check_new_lines(g, head_rel, d->text->data, d->text->len, &lines);
        }
        if (rc != 0) {
            fprintf(stderr, "quotecheck check: --new-only: %s\n", qc_error_last());
            status = QC_EXIT_ERROR;
        } else {
            qc_draft_keep_lines(d, lines.lines, lines.n);
        }
        qc_git_lines_free(&lines);
        free(rel);
        qc_git_close(own);
        if (rc != 0)
            goto done;
    }

    bool color = false;
    out = qc_cli_common_open_output(&c, "check", &color);
    if (!out) {
        status = QC_EXIT_ERROR;
        goto done;
    }
    size_t nrf = 0, unreadable = 0;
    qc_report_file *rf = qc_session_report_files(drafts, ndrafts, &nrf, &unreadable);
    qc_report_options ro;
    memset(&ro, 0, sizeof ro);
    ro.format = (qc_out_format)c.format;
    ro.color = color;
    ro.quiet = c.quiet;
    ro.cwd = qc_session_cwd(session);
    ro.unreadable = unreadable;
    ro.ignored = ignored;
    qc_report_findings(out, rf, nrf, &ro);
    free(rf);
    if (out != stdout && fclose(out) != 0) {
        fprintf(stderr, "quotecheck check: cannot write %s\n", c.output);
        status = QC_EXIT_ERROR;
    } else {
        fflush(stdout);
        status = qc_session_status(drafts, ndrafts);
    }
    out = NULL;

done:
    for (size_t i = 0; i < ndrafts; i++) {
        qc_draft_clear(&drafts[i]);
        if (heads)
            free(heads[i]);
    }
    free(heads);
    qc_git_staged_free(st, nst);
    qc_git_close(git);
    free(drafts);
    qc_session_delete(session);
    free(files);
    qc_cli_common_free(&c);
    return status;
}
