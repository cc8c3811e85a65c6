/*
 * cli/main.c — entry point: global options and the command table.
 */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#ifndef QC_VERSION
#define QC_VERSION "0.0.0"
#endif

const qc_command qc_commands[] = {
    { "quotes", qc_cmd_quotes, "list the quotations (with speakers) and figures in files", qc_cmd_quotes_usage },
    { "check", qc_cmd_check, "check the quotations and figures of drafts against the sources", qc_cmd_check_usage },
    { "audit", qc_cmd_audit, "check every draft under a folder and report (text, JSON, SARIF, HTML)", qc_cmd_audit_usage },
    { "lsp", qc_cmd_lsp, "run the language server on stdio (for editors)", qc_cmd_lsp_usage },
    { "index", qc_cmd_index, "build or update the corpus index and print corpus statistics", qc_cmd_index_usage },
    { "sources", qc_cmd_sources, "list the corpus articles with outlet, date and credibility", qc_cmd_sources_usage },
    { "hook", qc_cmd_hook, "install or remove the git pre-commit hook (check --staged)", qc_cmd_hook_usage },
    { "blame", qc_cmd_blame, "show the commit that introduced each quotation of a draft", qc_cmd_blame_usage },
    { "history", qc_cmd_history, "quotations added, changed or removed, commit by commit", qc_cmd_history_usage },
    { NULL, NULL, NULL, NULL },
};

bool qc_cli_is_help(const char *arg)
{
    return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

int qc_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "quotecheck %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'quotecheck %s --help'.\n", cmd);
    return QC_EXIT_ERROR;
}

static void qc_main_help(FILE *out)
{
    fprintf(out,
        "quotecheck %s — check the quotations and figures in news drafts against source articles\n\n"
        "Usage: quotecheck COMMAND [OPTIONS] [ARGS]\n\nCommands:\n", QC_VERSION);
    for (const qc_command *c = qc_commands; c->name; c++)
        fprintf(out, "  %-10s %s\n", c->name, c->summary);
    fprintf(out,
        "\nOptions:\n  -h, --help     show this help (or 'quotecheck COMMAND --help')\n"
        "  -V, --version  print the version\n\n"
        "Exit codes: 0 ok, 1 findings at error level, 2 usage or runtime error.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        qc_main_help(stderr);
        return QC_EXIT_ERROR;
    }
    const char *cmd = argv[1];
    if (qc_cli_is_help(cmd) || !strcmp(cmd, "help")) {
        if (argc > 2 && strcmp(cmd, "help") == 0) {
            for (const qc_command *c = qc_commands; c->name; c++)
                if (!strcmp(c->name, argv[2])) {
                    fputs(c->usage, stdout);
                    return QC_EXIT_OK;
                }
        }
        qc_main_help(stdout);
        return QC_EXIT_OK;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("quotecheck %s\n", QC_VERSION);
        return QC_EXIT_OK;
    }
    for (const qc_command *c = qc_commands; c->name; c++) {
        if (!strcmp(c->name, cmd)) {
            for (int i = 2; i < argc; i++) {
                if (!strcmp(argv[i], "--"))
                    break;
                if (qc_cli_is_help(argv[i])) {
                    fputs(c->usage, stdout);
                    return QC_EXIT_OK;
                }
            }
            return c->run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "quotecheck: unknown command '%s'\nTry 'quotecheck --help'.\n", cmd);
    return QC_EXIT_ERROR;
}
