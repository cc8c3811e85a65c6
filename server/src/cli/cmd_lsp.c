/*
 * cli/cmd_lsp.c — `quotecheck lsp`: run the language server on stdio.
 *
 * Owned by the lsp work (cmd_lsp.c only; the command table is main.c's).
 * Parses the options and hands over to lsp/lsp.h; stdout carries only
 * protocol messages from here on, logs go to stderr.
 */
#include "cli/cli.h"
#include "lsp/lsp.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char qc_cmd_lsp_usage[] =
    "Usage: quotecheck lsp [--stdio] [OPTIONS]\n\n"
    "Run the language server (LSP 3.17) on standard input and output, for\n"
    "editors: diagnostics while typing (pushed, or pulled where the editor\n"
    "supports it), hover with the sources of a quotation or figure, go to the\n"
    "source passage, quick fixes, inlay hints with the outlets.\n\n"
    "The corpus and .quotecheck.json are found from the workspace folders;\n"
    "initializationOptions and the 'quotecheck' settings section can override\n"
    "them (keys: sources, severity, credibility, aliases, ignore, cache,\n"
    "configPath, inlayHints, debounceMs).\n\n"
    "Options:\n"
    "  --stdio            use standard input and output (the default, and the only transport)\n"
    "  --corpus DIR       a folder of source articles (repeatable; overrides the config)\n"
    "  --config FILE      use this .quotecheck.json instead of searching for one\n"
    "  --debounce MS      wait this long after the last edit before checking (default 150)\n"
    "  --max-message N    skip messages larger than N bytes (default 67108864)\n"
    "  --verbose          log every message to standard error\n"
    "  -h, --help         show this help\n\n"
    "Exit codes: 0 after shutdown then exit, 1 when the input ended or exit came\n"
    "without shutdown, 2 usage error.\n";

int qc_cmd_lsp(int argc, char **argv)
{
    qc_lsp_options o = { 0 };
    o.debounce_ms = -1;
    const char **dirs = calloc((size_t)argc + 1, sizeof *dirs);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--stdio")) {
            continue;
        } else if (!strcmp(a, "--verbose")) {
            o.verbose = true;
        } else if (!strcmp(a, "--corpus") && next) {
            dirs[o.ncorpus_dirs++] = next;
            i++;
        } else if (!strcmp(a, "--config") && next) {
            o.config_path = next;
            i++;
        } else if ((!strcmp(a, "--debounce") || !strcmp(a, "--max-message")) && next) {
            char *end;
            long long v = strtoll(next, &end, 10);
            if (*end || v < 0 || (a[2] == 'd' && v > 60000)) {
                free(dirs);
                return qc_cli_usage_error("lsp", "%s takes a number, not '%s'", a, next);
            }
            if (a[2] == 'd')
                o.debounce_ms = (int)v;
            else
                o.max_message = (size_t)v;
            i++;
        } else {
            free(dirs);
            return qc_cli_usage_error("lsp", "unknown or incomplete option '%s'", a);
        }
    }
    o.corpus_dirs = dirs;
    int rc = qc_lsp_serve(STDIN_FILENO, STDOUT_FILENO, &o);
    free(dirs);
    return rc;
}
