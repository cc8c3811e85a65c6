/*
 * cli/cli.h — the command table and what the commands share.
 *
 * Each subcommand lives in its own cli/cmd_<name>.c and is one row of the
 * table in main.c. Exit codes (documented in the README):
 *   0  ran, nothing at error level found
 *   1  findings at error level (check, audit, hook)
 *   2  usage error or runtime error (bad option, unreadable config, …)
 * A file that cannot be read is reported on stderr, naming it, and the
 * others are still processed; the run then exits 2 unless findings make it 1.
 */
#ifndef QC_CLI_CLI_H
#define QC_CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

enum { QC_EXIT_OK = 0, QC_EXIT_FINDINGS = 1, QC_EXIT_ERROR = 2 };

typedef struct qc_command {
    const char *name;
    int (*run)(int argc, char **argv);   /* argv[0] is the command name */
    const char *summary;
    const char *usage;                   /* full --help text */
} qc_command;

extern const qc_command qc_commands[];

/* True when argv[i] is -h or --help. */
bool qc_cli_is_help(const char *arg);
/* Print "quotecheck CMD: msg" and "try --help" to stderr; returns QC_EXIT_ERROR. */
int qc_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

int qc_cmd_quotes(int argc, char **argv);
extern const char qc_cmd_quotes_usage[];
int qc_cmd_check(int argc, char **argv);
extern const char qc_cmd_check_usage[];
int qc_cmd_audit(int argc, char **argv);
extern const char qc_cmd_audit_usage[];
int qc_cmd_lsp(int argc, char **argv);
extern const char qc_cmd_lsp_usage[];
int qc_cmd_index(int argc, char **argv);
extern const char qc_cmd_index_usage[];
int qc_cmd_sources(int argc, char **argv);
extern const char qc_cmd_sources_usage[];
int qc_cmd_hook(int argc, char **argv);       /* git work (issue 5) */
extern const char qc_cmd_hook_usage[];
int qc_cmd_blame(int argc, char **argv);
extern const char qc_cmd_blame_usage[];
int qc_cmd_history(int argc, char **argv);
extern const char qc_cmd_history_usage[];

#endif
