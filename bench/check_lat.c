/*
 * bench/check_lat.c — in-process latency of checking one draft, for
 * `make bench`. Links the library the CLI is built from (libquotecheck.a)
 * and runs the same pipeline as `quotecheck check` (cli/session.h: config
 * defaults, corpus from the cache, read + parse + extract + check +
 * suppression), timing each draft on its own, one thread, no report
 * writing.
 *
 *   check_lat --sources DIR [--cache-dir DIR] [--passes N] FILE...
 *
 * Prints JSON: {"open_ms": time to open the corpus (cache load),
 *               "passes": [[ms per draft, in order], ...],
 *               "findings": findings per draft (last pass),
 *               "quotes": quotations checked per draft (last pass)}.
 * Pass 1 sees the corpus cold (article texts and extractions are loaded
 * lazily on first touch); later passes are the steady state of a
 * long-running process such as the language server.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/session.h"
#include "util/error.h"

/* The CLI's main.c defines this; session.c refers to it for option errors
 * this driver never produces. */
int qc_cli_usage_error(const char *cmd, const char *fmt, ...);
int qc_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    fprintf(stderr, "check_lat: usage error in %s\n", cmd);
    (void)fmt;
    return 2;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    const char *sources[64];
    size_t nsources = 0;
    const char *cache_dir = NULL;
    int passes = 2;
    char **files = calloc((size_t)argc, sizeof *files);
    size_t nfiles = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--sources") && i + 1 < argc && nsources < 64)
            sources[nsources++] = argv[++i];
        else if (!strcmp(argv[i], "--cache-dir") && i + 1 < argc)
            cache_dir = argv[++i];
        else if (!strcmp(argv[i], "--passes") && i + 1 < argc)
            passes = atoi(argv[++i]);
        else
            files[nfiles++] = argv[i];
    }
    if (!nsources || !nfiles || passes < 1) {
        fprintf(stderr, "usage: check_lat --sources DIR [--cache-dir DIR] [--passes N] FILE...\n");
        return 2;
    }
    qc_session_options opt;
    memset(&opt, 0, sizeof opt);
    opt.sources = sources;
    opt.nsources = nsources;
    opt.no_config = true;
    opt.cache_dir = cache_dir;
    opt.min_severity = QC_SEV_HINT;
    qc_session *s = qc_session_new(&opt);

    /* open the corpus through the first draft's preparation */
    qc_draft d0;
    qc_draft_init(&d0, files[0], NULL, NULL, 0);
    double t0 = now_ms();
    if (qc_session_prepare(s, &d0) != 0) {
        fprintf(stderr, "check_lat: %s\n", qc_error_last());
        return 2;
    }
    double open_ms = now_ms() - t0;
    qc_draft_clear(&d0);

    double *ms = calloc(nfiles * (size_t)passes, sizeof *ms);
    size_t *nf = calloc(nfiles, sizeof *nf), *nq = calloc(nfiles, sizeof *nq);
    for (int p = 0; p < passes; p++) {
        for (size_t i = 0; i < nfiles; i++) {
            qc_draft d;
            qc_draft_init(&d, files[i], NULL, NULL, 0);
            double a = now_ms();
            if (qc_session_prepare(s, &d) == 0)
                qc_session_check(s, &d);
            ms[(size_t)p * nfiles + i] = now_ms() - a;
            if (d.error)
                fprintf(stderr, "check_lat: %s\n", d.error);
            nf[i] = d.findings ? d.findings->len : 0;
            nq[i] = d.findings ? d.findings->quotes_checked : 0;
            qc_draft_clear(&d);
        }
    }
    printf("{\"open_ms\": %.3f, \"passes\": [", open_ms);
    for (int p = 0; p < passes; p++) {
        printf("%s[", p ? ", " : "");
        for (size_t i = 0; i < nfiles; i++)
            printf("%s%.3f", i ? ", " : "", ms[(size_t)p * nfiles + i]);
        printf("]");
    }
    printf("], \"findings\": [");
    for (size_t i = 0; i < nfiles; i++)
        printf("%s%zu", i ? ", " : "", nf[i]);
    printf("], \"quotes\": [");
    for (size_t i = 0; i < nfiles; i++)
        printf("%s%zu", i ? ", " : "", nq[i]);
    printf("]}\n");
    qc_session_delete(s);
    free(ms);
    free(nf);
    free(nq);
    free(files);
    return 0;
}
