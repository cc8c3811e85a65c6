/*
 * config/config.h — the `.quotecheck.json` configuration: discovery,
 * loading, validation, merging and the lookups the checker needs.
 * Owned by the config module (config.c); inline suppression comments in
 * drafts live next door in config/suppress.h.
 *
 * Discovery. qc_config_find walks up from a draft's own folder (not the
 * working directory) to the filesystem root and returns the nearest
 * `.quotecheck.json`. The same loader takes a JSON text from memory, so the
 * language server can read initializationOptions / workspace settings of
 * the same shape and qc_config_merge them over the file's settings.
 *
 * The shape of the file follows (as // lines: its globs would end a
 * block comment).
 */
// Shape (every key optional; tests/config/full.quotecheck.json):
//
//     {
//       "sources": ["corpus", "../wire"],
//       "credibility": {"outlets": {"Reuters": 0.95, "Daily Blog": 0.2},
//                       "kinds": {"blog": 0.25}},
//       "aliases": {"Donald Trump": ["the president", "President Trump"],
//                   "Islamic Revolutionary Guard Corps": ["IRGC", "the Guards"]},
//       "severity": {"weak-source": "off", "sources-disagree": "hint",
//                    "unsourced-quote": "error"},
//       "ignore": ["drafts/archive/**", "*.tmp.md"],
//       "cache": ".quotecheck-cache"
//     }
//
//   sources      folders of source articles, relative to the config file's
//                folder (absolute paths allowed). Stored resolved; whether
//                they exist is checked by qc_config_check_sources.
//   credibility  outlets: outlet name -> 0..1; kinds: source kind (wire,
//                blog, transcript, …) -> 0..1. Names compare case- and
//                accent-insensitively.
//   aliases      canonical name -> other names of the same speaker. Names
//                compare case- and accent-insensitively.
//   severity     code -> "error" | "warning" | "info" | "information" |
//                "hint" | "off" (codes and defaults: match/match.h).
//   ignore       glob patterns for drafts to skip, relative to the config
//                file's folder (see qc_config_ignored for the rules).
//   cache        folder for the corpus index, relative to the config folder.

/*
 * Validation is strict about what the checker relies on and lenient about
 * what it does not know: malformed JSON, a wrong type, an unknown code or
 * severity, a credibility outside 0..1 are errors (QC_EINVAL, message
 * "<file>:<line>:<col>: <key path>: <what is wrong>", 1-based line and
 * code-point column); unknown keys and duplicate keys are warnings kept in
 * qc_config.warnings, so a newer config still loads in an older binary.
 *
 * Ownership: a qc_config owns everything it points to (strings in its
 * arena, arrays on the heap); qc_config_free releases it all and accepts
 * NULL. Strings returned through `char **out` belong to the caller (free()).
 * Lookups return pointers into the config, valid while it lives.
 */
#ifndef QC_CONFIG_CONFIG_H
#define QC_CONFIG_CONFIG_H

#include <stddef.h>
#include <stdbool.h>

#include "match/match.h"
#include "util/arena.h"

#define QC_CONFIG_FILENAME ".quotecheck.json"

/* A place in a config text, for messages and LSP diagnostics on the config
 * itself. line and column are 1-based; column counts code points. */
typedef struct qc_config_loc {
    const char *file;        /* the config's name (path or settings label) */
    size_t line, column;
} qc_config_loc;

typedef struct qc_config_warning {
    qc_config_loc loc;
    const char *message;     /* "unknown key 'colour' (ignored)" */
    const char *text;        /* "<file>:<line>:<col>: <message>" */
} qc_config_warning;

typedef struct qc_config_source {
    const char *path;        /* resolved against the config's folder */
    const char *spec;        /* as written in the config */
    size_t index;            /* position in its "sources" array */
    qc_config_loc loc;       /* where it was written */
} qc_config_source;

typedef struct qc_config_credibility {
    const char *name;        /* as written */
    const char *key;         /* folded (case and accents) for lookup */
    double value;            /* 0..1 */
} qc_config_credibility;

typedef struct qc_config_alias {
    const char *canonical;       /* the entity's preferred name */
    const char **names;          /* its other names, as written */
    size_t nnames;
    const char *canonical_key;   /* folded forms, for lookup */
    const char **keys;
} qc_config_alias;

typedef struct qc_config_ignore {
    const char *pattern;     /* as written */
    const char *base;        /* absolute folder it is relative to */
} qc_config_ignore;

typedef struct qc_config {
    const char *path;        /* the config's name; NULL for defaults */
    const char *dir;         /* absolute folder relative paths resolve against */

    qc_config_source *sources;
    size_t nsources;
    bool has_sources;        /* "sources" was given (even if empty) */

    qc_config_credibility *outlets;
    size_t noutlets;
    qc_config_credibility *kinds;
    size_t nkinds;

    qc_config_alias *aliases;
    size_t naliases;

    qc_severity severity[QC_CODE_COUNT];   /* configured or default */
    bool severity_set[QC_CODE_COUNT];      /* configured explicitly */

    qc_config_ignore *ignore;
    size_t nignore;
    bool has_ignore;

    const char *cache;       /* resolved folder; NULL = not configured */

    qc_config_warning *warnings;
    size_t nwarnings;

    qc_arena arena;          /* every string above */
} qc_config;

/* Find the nearest QC_CONFIG_FILENAME, walking up from start_path (a draft
 * or a folder; relative paths are taken from the working directory) to the
 * root. *out_path gets the absolute path (caller frees). Returns 0, or
 * QC_ENOTFOUND with a message naming the folder searched from. */
int qc_config_find(const char *start_path, char **out_path);

/* Load and validate a config file. On success *out is a new config (caller
 * frees with qc_config_free); on failure *out is NULL and the message names
 * the file and line:column. QC_EIO if unreadable, QC_EINVAL if invalid. */
int qc_config_load_file(const char *path, qc_config **out);

/* The same from memory (LSP settings). `name` labels messages; json[0..len)
 * need not be NUL-terminated; base_dir is the folder relative paths resolve
 * against (NULL = the working directory). */
int qc_config_load_json(const char *name, const char *json, size_t len, const char *base_dir,
                        qc_config **out);

/* Defaults: no sources, no tables, default severities, nothing ignored,
 * dir = the working directory. Never fails. */
void qc_config_default(qc_config **out);

void qc_config_free(qc_config *self);   /* accepts NULL */

/* Lay src over dst: what src sets wins. Lists (sources, ignore) are replaced
 * when src gives them; tables (credibility, aliases, severity) are merged
 * entry by entry, src's entry replacing dst's entry of the same name; cache
 * replaced when src sets it; src's warnings are appended. src is unchanged. */
void qc_config_merge(qc_config *dst, const qc_config *src);

/* 0 if every source folder exists and is a folder; else QC_ENOTFOUND with
 * "<file>:<line>:<col>: sources[<i>]: folder '<path>' does not exist" for
 * the first missing one (or "… is not a folder"). */
int qc_config_check_sources(const qc_config *self);

/* Configured or default severity of a code (self may be NULL). QC_SEV_OFF
 * means: do not report. */
qc_severity qc_config_severity(const qc_config *self, qc_code code);

// Whether a draft at `path` (absolute, or relative to the working
// directory; it need not exist) is ignored. Rules, per pattern, against the
// path relative to the pattern's config folder (paths outside it never
// match):
//   - a pattern with no '/' (other than a trailing one) matches any single
//     path component at any depth ("*.tmp.md", "archive");
//   - otherwise it is anchored at the config folder ("drafts/archive/**",
//     "/notes.md"); a leading '/' is dropped;
//   - "**" as a whole component matches zero or more components; other
//     components use fnmatch(3) ('*', '?', '[...]'; '*' never crosses '/');
//   - a pattern that matches a folder ignores everything under it; a
//     trailing '/' ("archive/") is accepted and means the same.
bool qc_config_ignored(const qc_config *self, const char *path);

/* Credibility from the tables (case/accent-insensitive); false if absent. */
bool qc_config_outlet_credibility(const qc_config *self, const char *outlet, double *out);
bool qc_config_kind_credibility(const qc_config *self, const char *kind, double *out);

/* The canonical name of the entity `name` belongs to (the name itself when
 * it is a canonical name), or NULL when the alias table does not know it. */
const char *qc_config_alias_canonical(const qc_config *self, const char *name);
/* True when a and b are equal (folded) or name the same aliased entity. */
bool qc_config_same_speaker(const qc_config *self, const char *a, const char *b);

#endif
