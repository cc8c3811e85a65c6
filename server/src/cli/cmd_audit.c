/*
 * cli/cmd_audit.c — `quotecheck audit DIR`: check every draft under a
 * folder in parallel and write one report (text, JSON, SARIF, HTML or
 * GitHub workflow commands) with a summary: files, quotes and figures
 * checked, findings by code, the worst files. Owned by the check/audit
 * work; the pipeline is cli/session.c, the writers are in report/.
 *
 * Output order does not depend on -j: drafts are sorted by path before
 * checking and reported in that order.
 */
#include "cli/cli.h"
#include "cli/session.h"
#include "report/report.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char qc_cmd_audit_usage[] =
    "Usage: quotecheck audit [OPTIONS] DIR\n\n"
    "Check every draft under DIR (.md, .markdown and .txt files, in all\n"
    "subfolders) against the source corpus, several at a time, and write one\n"
    "report: the findings of each draft, as `check` prints them, then a summary\n"
    "(drafts, quotations and figures checked, findings by code, the worst\n"
    "drafts). Hidden folders, node_modules, the corpus folders themselves and\n"
    "drafts matching the config's \"ignore\" globs are skipped. Each draft's\n"
    "configuration is the nearest .quotecheck.json above it, as for `check`.\n"
    "A progress bar is drawn on standard error when it is a terminal. The\n"
    "report lists drafts sorted by path, whatever -j is.\n\n"
    "Options:\n"
    "  --sources DIR       a folder of source articles (repeatable; replaces the\n"
    "                      config's \"sources\")\n"
    "  --config FILE       use this config for every draft (no discovery)\n"
    "  --no-config         use no config file (built-in defaults)\n"
    "  --format FMT        text (default), json (as `check`, with worst_files in\n"
    "                      the summary), sarif (SARIF 2.1.0), html (one\n"
    "                      self-contained page for a browser) or github\n"
    "  -o, --output FILE   write the report to FILE instead of standard output\n"
    "  -j, --jobs N        check N drafts at a time (default: one per CPU)\n"
    "  --color WHEN        auto (default: on a terminal, unless NO_COLOR is set),\n"
    "                      always or never\n"
    "  --severity LEVEL    show findings of LEVEL and above: error, warning, info\n"
    "                      or hint (default: all)\n"
    "  --worst N           how many of the worst drafts the summary lists (10)\n"
    "  -q, --quiet         text: print the findings only, no summary\n"
    "  --cache-dir DIR     keep the corpus index cache under DIR\n"
    "  --no-cache          neither read nor write the corpus index cache\n"
    "  -h, --help          show this help\n\n"
    "Exit codes: 0 no error-level finding; 1 at least one error-level finding;\n"
    "2 usage error, broken config, missing corpus, or a draft that could not be\n"
    "read (named on standard error; the others are still checked, and an\n"
    "error-level finding in them makes the exit code 1).\n";

typedef Array(char *) qc_paths;

static bool qc_audit_is_draft(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (!strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown") ||
                   !strcasecmp(dot, ".txt"));
}

static int qc_audit_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect draft paths under dir (display form: dir joined with the
 * relative path). Folders that are corpus folders of contexts already
 * known are not entered; files are filtered later. */
static void qc_audit_walk(qc_session *session, const char *dir, qc_paths *out, int depth)
{
    if (depth > 64)
        return;
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "quotecheck: warning: %s: cannot open folder: %s\n", dir, strerror(errno));
        return;
    }
    qc_paths names = ARRAY_INIT;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "node_modules"))
            continue;
        array_push(&names, qc_strdup(e->d_name));
    }
    closedir(d);
    qsort(names.items, names.len, sizeof *names.items, qc_audit_cmp);
    for (size_t i = 0; i < names.len; i++) {
        qc_strbuf sb = QC_STRBUF_INIT;
        const char *base = dir;
        while (base[0] == '.' && base[1] == '/')   /* "./drafts" -> "drafts/…" */
            base += 2;
        if (!strcmp(base, ".") || !*base)
            qc_strbuf_adds(&sb, names.items[i]);
        else
            qc_strbuf_printf(&sb, "%s%s%s", base, base[strlen(base) - 1] == '/' ? "" : "/",
                             names.items[i]);
        char *path = qc_strbuf_detach(&sb);
        struct stat st, lst;
        if (lstat(path, &lst) != 0 || stat(path, &st) != 0) {
            free(path);
        } else if (S_ISDIR(st.st_mode)) {
            /* symlinked folders are not followed (no loops) */
            if (!S_ISLNK(lst.st_mode) && !qc_session_in_corpus(session, path))
                qc_audit_walk(session, path, out, depth + 1);
            free(path);
        } else if (S_ISREG(st.st_mode) && qc_audit_is_draft(names.items[i])) {
            array_push(out, path);
        } else {
            free(path);
        }
        free(names.items[i]);
    }
    array_free(&names);
}

typedef struct qc_audit_bar {
    bool on, drawn;
    double last;
} qc_audit_bar;

static double qc_audit_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void qc_audit_progress(size_t done, size_t total, void *user)
{
    qc_audit_bar *bar = user;
    double now = qc_audit_now();
    if (done < total && now - bar->last < 0.05)
        return;
    bar->last = now;
    int width = 30, fill = total ? (int)((double)done / (double)total * width) : width;
    if (fill > width)
        fill = width;
    char cells[64];
    for (int k = 0; k < width; k++)
        cells[k] = k < fill ? '=' : ' ';
    if (fill < width && fill > 0)
        cells[fill - 1] = '>';
    cells[width] = '\0';
    fprintf(stderr, "\r[%s] %zu/%zu drafts", cells, done, total);
    fflush(stderr);
    bar->drawn = true;
}

int qc_cmd_audit(int argc, char **argv)
{
    qc_cli_common c;
    qc_cli_common_init(&c, argc);
    const char *dir = NULL;
    int jobs = 0, status = QC_EXIT_OK;
    size_t worst = 10;
    qc_paths paths = ARRAY_INIT;
    qc_draft *drafts = NULL;
    size_t ndrafts = 0, ignored = 0;
    qc_session *session = NULL;
    const unsigned formats = 1u << QC_OUT_TEXT | 1u << QC_OUT_JSON | 1u << QC_OUT_SARIF |
                             1u << QC_OUT_HTML | 1u << QC_OUT_GITHUB;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = qc_cli_common_option(&c, "audit", formats, argc, argv, &i);
        if (r == QC_EXIT_ERROR) {
            status = QC_EXIT_ERROR;
            goto done;
        }
        if (r == 1)
            continue;
        if (!strcmp(a, "-j") || !strcmp(a, "--jobs") || !strncmp(a, "--jobs=", 7) ||
            (!strncmp(a, "-j", 2) && a[2]) || !strcmp(a, "--worst") || !strncmp(a, "--worst=", 8)) {
            bool is_worst = !strncmp(a, "--worst", 7);
            const char *v = !strncmp(a, "--jobs=", 7)    ? a + 7
                            : !strncmp(a, "--worst=", 8) ? a + 8
                            : (a[1] == 'j' && a[2])      ? a + 2
                                                         : (i + 1 < argc ? argv[++i] : NULL);
            char *end = NULL;
            long n = v ? strtol(v, &end, 10) : -1;
            if (!v || !*v || *end || n < (is_worst ? 1 : 0) || n > 1024) {
                status = qc_cli_usage_error("audit", "%s takes a number from %d to 1024",
                                            is_worst ? "--worst" : "--jobs", is_worst ? 1 : 0);
                goto done;
            }
            if (is_worst)
                worst = (size_t)n;
            else
                jobs = (int)n;
        } else if (a[0] == '-' && a[1] && strcmp(a, "--")) {
            status = qc_cli_usage_error("audit", "unknown option '%s'", a);
            goto done;
        } else {
            if (!strcmp(a, "--")) {
                if (++i >= argc)
                    break;
                a = argv[i];
            }
            if (dir) {
                status = qc_cli_usage_error("audit", "one DIR only (got '%s' and '%s')", dir, a);
                goto done;
            }
            dir = a;
        }
    }
    if (!dir) {
        status = qc_cli_usage_error("audit", "no DIR given");
        goto done;
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "quotecheck audit: %s: %s\n", dir,
                stat(dir, &st) != 0 ? "no such folder" : "not a folder");
        status = QC_EXIT_ERROR;
        goto done;
    }

    bool tty = isatty(STDERR_FILENO) != 0;
    c.session.progress = tty;
    session = qc_session_new(&c.session);
    /* With --sources or --config every draft shares one context: prepare
     * it first so the walk can skip the corpus folders. */
    if (c.session.nsources || c.session.config_path || c.session.no_config) {
        qc_draft probe;
        qc_draft_init(&probe, dir, NULL, NULL, 0);
        int rc = qc_session_prepare(session, &probe);
        qc_draft_clear(&probe);
        if (rc != 0) {
            fprintf(stderr, "quotecheck audit: %s\n", qc_error_last());
            status = QC_EXIT_ERROR;
            goto done;
        }
    }
    qc_audit_walk(session, dir, &paths, 0);
    qsort(paths.items, paths.len, sizeof *paths.items, qc_audit_cmp);

    drafts = qc_calloc(paths.len + 1, sizeof *drafts);
    for (size_t i = 0; i < paths.len; i++) {
        qc_draft *d = &drafts[ndrafts];
        qc_draft_init(d, paths.items[i], NULL, NULL, 0);
        if (qc_session_prepare(session, d) != 0) {
            fprintf(stderr, "quotecheck audit: %s\n", qc_error_last());
            qc_draft_clear(d);
            status = QC_EXIT_ERROR;
            goto done;
        }
        if (qc_session_in_corpus(session, d->path)) {
            qc_draft_clear(d);
        } else if (d->ignored) {
            qc_draft_clear(d);
            ignored++;
        } else {
            ndrafts++;
        }
    }

    qc_audit_bar bar = { tty, false, 0 };
    qc_session_check_all(session, drafts, ndrafts, jobs, tty ? qc_audit_progress : NULL, &bar);
    if (bar.drawn)
        fputs("\r\033[K", stderr);

    bool color = false;
    FILE *out = qc_cli_common_open_output(&c, "audit", &color);
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
    ro.audit = true;
    char *title = realpath(dir, NULL);
    ro.title = title ? title : dir;
    ro.cwd = qc_session_cwd(session);
    ro.unreadable = unreadable;
    ro.ignored = ignored;
    ro.worst = worst;
    qc_report_findings(out, rf, nrf, &ro);
    free(rf);
    free(title);
    if (out != stdout) {
        if (fclose(out) != 0) {
            fprintf(stderr, "quotecheck audit: cannot write %s\n", c.output);
            status = QC_EXIT_ERROR;
            goto done;
        }
        if (!c.quiet)
            fprintf(stderr, "quotecheck: report written to %s\n", c.output);
    }
    fflush(stdout);
    status = qc_session_status(drafts, ndrafts);

done:
    for (size_t i = 0; i < ndrafts; i++)
        qc_draft_clear(&drafts[i]);
    free(drafts);
    for (size_t i = 0; i < paths.len; i++)
        free(paths.items[i]);
    array_free(&paths);
    qc_session_delete(session);
    qc_cli_common_free(&c);
    return status;
}
