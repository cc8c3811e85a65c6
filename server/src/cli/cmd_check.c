/*
 * cli/cmd_check.c — `quotecheck check`: check the quotations and figures
 * of drafts against the source corpus and report findings as text, JSON,
 * SARIF or GitHub workflow commands. Owned by the check/audit work; the
 * pipeline is cli/session.c, the writers report/findings.c and friends.
 */
#include "cli/cli.h"
#include "cli/session.h"
#include "report/report.h"
#include "util/alloc.h"
#include "util/error.h"

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
    "  --cache-dir DIR        keep the corpus index cache under DIR\n"
    "  --no-cache             neither read nor write the corpus index cache\n"
    "  -h, --help             show this help\n\n"
    "Exit codes: 0 no error-level finding; 1 at least one error-level finding;\n"
    "2 usage error, broken config, missing corpus, or a draft that could not be\n"
    "read (named on standard error with the position; the other drafts are still\n"
    "checked, and an error-level finding in them makes the exit code 1).\n";

int qc_cmd_check(int argc, char **argv)
{
    qc_cli_common c;
    qc_cli_common_init(&c, argc);
    const char **files = qc_calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0, nstdin = 0;
    const char *stdin_name = NULL;
    int jobs = 0, status = QC_EXIT_OK;
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
    if (nfiles == 0) {
        status = qc_cli_usage_error("check", "no FILE given (use '-' for standard input)");
        goto done;
    }
    if (nstdin > 1) {
        status = qc_cli_usage_error("check", "'-' (standard input) given more than once");
        goto done;
    }
    if (stdin_name && !nstdin) {
        status = qc_cli_usage_error("check", "--stdin-filename needs '-' among the files");
        goto done;
    }

    c.session.progress = isatty(STDERR_FILENO) && !c.quiet;
    session = qc_session_new(&c.session);
    drafts = qc_calloc(nfiles, sizeof *drafts);
    size_t ignored = 0;
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

    bool color = false;
    out = qc_cli_common_open_output(&c, "check", &color);
    if (!out) {
        status = QC_EXIT_ERROR;
        goto done;
    }
    qc_report_file *rf = qc_calloc(ndrafts + 1, sizeof *rf);
    size_t nrf = 0, unreadable = 0;
    for (size_t i = 0; i < ndrafts; i++) {
        const qc_draft *d = &drafts[i];
        if (d->error) {
            fprintf(stderr, "quotecheck: %s\n", d->error);
            unreadable++;
            continue;
        }
        for (size_t k = 0; k < d->nnotes; k++)
            fprintf(stderr, "quotecheck: %s\n", d->notes[k]);
        rf[nrf++] = (qc_report_file){ d->path, d->text, d->findings->items, d->findings->len,
                                      d->findings->quotes_checked, d->findings->figures_checked };
    }
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
    for (size_t i = 0; i < ndrafts; i++)
        qc_draft_clear(&drafts[i]);
    free(drafts);
    qc_session_delete(session);
    free(files);
    qc_cli_common_free(&c);
    return status;
}
