/*
 * cli/session.h — what `check` and `audit` share: for each draft, find its
 * configuration, open (once) the corpus that configuration names, read the
 * draft, parse, extract, check and apply inline suppression. Owned by the
 * check/audit work (cli/session.c); the steps themselves live in config/,
 * corpus/, parse/, extract/ and match/.
 *
 * Two phases, so that `audit` can check in parallel:
 *   1. qc_session_prepare (one thread): finds the draft's config (walking up
 *      from the draft's own folder, or --config / --no-config), loads it and
 *      opens its corpus. Configs are cached by path and corpora by their set
 *      of folders and credibility tables, so drafts that share a config share
 *      one opened corpus. Fails (exit 2) on a broken config, a missing corpus
 *      folder or no corpus at all.
 *   2. qc_session_check (any thread, many at once): reads and checks one
 *      prepared draft. The corpus is only read. A draft that cannot be read
 *      gets d->error set instead of findings.
 *
 * History (issue 5, the git work): when a corpus folder is in a git
 * repository, the session keeps the history of its sources
 * (git/sources.c) and checks with qc_check_with, so evidence names the
 * revision of each source and corrected-source can be found; the corpus
 * cache is then keyed by blob ids. Outside git nothing changes.
 *
 * Ownership: the session owns configs and corpora (valid until
 * qc_session_delete); a qc_draft owns its path, text, findings and
 * messages (qc_draft_clear releases them); d->ctx is borrowed from the
 * session.
 */
#ifndef QC_CLI_SESSION_H
#define QC_CLI_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "config/config.h"
#include "corpus/corpus.h"
#include "match/match.h"
#include "parse/parse.h"
#include "text/text.h"

typedef struct qc_session_options {
    const char *const *sources;   /* --sources DIR...: replace the config's */
    size_t nsources;
    const char *config_path;      /* --config FILE: for every draft */
    bool no_config;               /* --no-config: defaults only */
    const char *cache_dir;        /* --cache-dir; else the config's "cache" */
    bool no_cache;                /* --no-cache */
    bool progress;                /* draw the indexing progress on stderr */
    qc_severity min_severity;     /* drop findings below (QC_SEV_HINT keeps all) */
} qc_session_options;

/* A config and the corpus it names. */
typedef struct qc_session_ctx {
    char *config_path;            /* NULL: defaults (--no-config, none found) */
    qc_config *config;
    char **dirs;                  /* absolute corpus folders */
    size_t ndirs;
    qc_corpus *corpus;            /* shared with other contexts of the same folders */
    const qc_source_history *history;   /* the sources' git history; NULL outside git */
} qc_session_ctx;

typedef struct qc_session qc_session;

/* One draft through the pipeline. Fill path (and data/len for stdin) with
 * qc_draft_init; the rest is set by prepare and check. */
typedef struct qc_draft {
    char *path;                   /* as shown in reports */
    char *lookup;                 /* where config discovery starts (a file or folder) */
    char *data;                   /* preloaded contents (stdin); NULL: read path */
    size_t len;
    qc_format format;
    qc_session_ctx *ctx;          /* borrowed from the session */
    bool ignored;                 /* matched the config's ignore globs */
    char *error;                  /* could not be read: message naming it and the position */
    qc_text *text;
    qc_findings *findings;        /* after suppression and the severity floor */
    char **notes;                 /* warnings about the draft ("path:line:col: warning: …") */
    size_t nnotes;
} qc_draft;

/* path is shown in reports; lookup (NULL = path) starts config discovery;
 * data (NULL = read path) is taken over by the draft. */
void qc_draft_init(qc_draft *d, const char *path, const char *lookup, char *data, size_t len);
void qc_draft_clear(qc_draft *d);

qc_session *qc_session_new(const qc_session_options *opt);
void qc_session_delete(qc_session *self);   /* accepts NULL */

/* Phase 1 (not thread-safe). 0, or QC_E* with a message (qc_error_last)
 * naming the config file and position or the folder. */
int qc_session_prepare(qc_session *self, qc_draft *d);
/* Phase 2 (thread-safe for distinct drafts). */
void qc_session_check(const qc_session *self, qc_draft *d);

/* Whether `path` (a file or folder) is one of the corpus folders of any
 * prepared context, or lies inside one. */
bool qc_session_in_corpus(const qc_session *self, const char *path);

/* Read standard input as a draft (size limit, UTF-8 check): 0 or QC_E*. */
int qc_session_read_stdin(const char *name, char **out, size_t *len);

/* The working directory (absolute), for relative display paths. */
const char *qc_session_cwd(const qc_session *self);

/* Check drafts[0..n) on `jobs` threads (<= 0: one per CPU). progress (may
 * be NULL) is called after each draft, from the worker that finished it,
 * one call at a time. The order of the drafts is unchanged. */
void qc_session_check_all(const qc_session *self, qc_draft *drafts, size_t n, int jobs,
                          void (*progress)(size_t done, size_t total, void *user), void *user);

/* The checked drafts as the report writers take them (report/report.h),
 * in order; a draft that could not be read is named on stderr and counted
 * in *unreadable, its notes are printed to stderr. The array is malloc'd
 * and belongs to the caller; it points into the drafts. */
struct qc_report_file *qc_session_report_files(const qc_draft *drafts, size_t n, size_t *nrf,
                                               size_t *unreadable);

/* Keep only the findings whose first line (1-based) is one of lines[0..n)
 * (ascending): `--new-only`. Call after qc_session_check. */
void qc_draft_keep_lines(qc_draft *d, const uint32_t *lines, size_t n);

/* Exit status of a run: 1 if any shown finding is an error, else 2 if
 * any draft could not be read, else 0. */
int qc_session_status(const qc_draft *drafts, size_t n);

/* ---- options shared by check and audit -------------------------------- */

typedef struct qc_cli_common {
    qc_session_options session;
    const char **sources;         /* --sources (argv strings), room for argc */
    int format;                   /* qc_out_format */
    int color;                    /* 0 auto, 1 always, 2 never */
    bool quiet;
    const char *output;           /* --output FILE; NULL: stdout */
} qc_cli_common;

void qc_cli_common_init(qc_cli_common *c, int argc);
void qc_cli_common_free(qc_cli_common *c);
/* Try to take argv[*i] (and its value) as a shared option. Returns 1 when
 * taken (*i advanced past a separate value), 0 when not an option of
 * ours, or QC_EXIT_ERROR after printing a usage error. `formats` lists the
 * formats the command accepts (bit 1 << qc_out_format). */
int qc_cli_common_option(qc_cli_common *c, const char *cmd, unsigned formats, int argc,
                         char **argv, int *i);
/* The corpus options of `index` and `sources`: --sources DIR (appended to
 * dirs), --cache-dir DIR, --no-cache. Same return values as above. */
int qc_cli_corpus_option(const char *cmd, int argc, char **argv, int *i, const char **dirs,
                         size_t *ndirs, qc_corpus_options *opt);
/* Open --output (or stdout) and decide colour. NULL after printing an
 * error naming the file. */
FILE *qc_cli_common_open_output(qc_cli_common *c, const char *cmd, bool *color);
/* Number of online CPUs (at least 1). */
int qc_cli_cpus(void);

#endif
