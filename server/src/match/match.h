/*
 * match/match.h — findings, and checking one draft against the corpus.
 *
 * qc_check compares every quotation and figure of a draft's extraction
 * with the corpus and returns a qc_findings. Everything a qc_findings
 * holds (findings, messages, evidence, fixes) lives in its own arena and
 * is freed by qc_findings_delete. Evidence points into the corpus (its
 * `source` text is owned by the corpus and lives as long as it does).
 * Ranges are byte offsets, end exclusive; the report and lsp modules turn
 * them into lines and columns through text/text.h.
 */
#ifndef QC_MATCH_MATCH_H
#define QC_MATCH_MATCH_H

#include <stddef.h>
#include <stdbool.h>

#include "extract/extract.h"
#include "text/text.h"
#include "util/arena.h"

typedef enum qc_code {
    QC_CODE_MISATTRIBUTED_QUOTE,
    QC_CODE_ALTERED_QUOTE,
    QC_CODE_UNSOURCED_QUOTE,
    QC_CODE_FIGURE_MISMATCH,
    QC_CODE_WEAK_SOURCE,
    QC_CODE_SOURCES_DISAGREE,
    QC_CODE_CORRECTED_SOURCE,
    QC_CODE_COUNT
} qc_code;

typedef enum qc_severity {
    QC_SEV_OFF = 0,
    QC_SEV_ERROR = 1,     /* values match LSP DiagnosticSeverity */
    QC_SEV_WARNING = 2,
    QC_SEV_INFO = 3,
    QC_SEV_HINT = 4,
} qc_severity;

/* "misattributed-quote", …; and back (-1 if unknown). */
const char *qc_code_name(qc_code code);
int qc_code_parse(const char *name);
qc_severity qc_code_default_severity(qc_code code);
const char *qc_severity_name(qc_severity sev);        /* "error", … */
int qc_severity_parse(const char *name);               /* incl. "off"; -1 if unknown */
/* Documentation link for a code (README anchor). */
const char *qc_code_doc_url(qc_code code);

typedef struct qc_evidence {
    const char *path;          /* the source article's path */
    const qc_text *source;     /* its text (owned by the corpus) */
    size_t start, end;         /* the passage in the source */
    const char *outlet;
    const char *speaker;       /* who the source says said it; NULL */
    double credibility;        /* 0..1 */
    const char *credibility_label;  /* "high", "medium", "low", "unknown" */
    const char *text;          /* the source passage's words */
    const char *revision;      /* git revision checked against; NULL */
} qc_evidence;

typedef struct qc_fix {
    const char *title;         /* "Attribute to Stephanie Grisham" */
    size_t start, end;         /* draft bytes to replace */
    const char *replacement;
} qc_fix;

typedef struct qc_finding {
    qc_code code;
    qc_severity severity;
    size_t start, end;         /* in the draft */
    const char *message;
    const char *quote;         /* the draft's quoted words or figure text */
    const char *speaker;       /* the draft's speaker (resolved); NULL */
    qc_evidence *evidence;
    size_t nevidence;
    qc_fix *fixes;
    size_t nfixes;
    const char *diff;          /* word-by-word difference, for altered-quote; NULL */
} qc_finding;

typedef struct qc_findings {
    qc_arena arena;
    qc_finding *items;
    size_t len;
    size_t quotes_checked, figures_checked;
} qc_findings;

void qc_findings_delete(qc_findings *self);   /* accepts NULL */

typedef struct qc_corpus qc_corpus;   /* corpus/corpus.h */
typedef struct qc_config qc_config;   /* config/config.h */

/* ---- earlier revisions of sources (corrected-source) -------------------- */

/* An earlier revision of a source article. Everything points into the
 * provider and lives as long as it does. */
typedef struct qc_source_revision {
    const qc_text *text;          /* the article's content at that revision */
    const char *revision;         /* short id of the commit that introduced it */
    const char *corrected_id;     /* short id of the commit that replaced it */
    const char *corrected_date;   /* its date, YYYY-MM-DD */
    const char *corrected_subject;/* its subject line */
} qc_source_revision;

/* What the matcher may ask of a source's history (implemented by git/,
 * reached through this table so that match/ never sees libgit2). Every
 * call may come from several threads at once. */
typedef struct qc_source_history {
    void *self;
    /* The revision the article's text (as the corpus read it) is: the short
     * id of the commit that introduced exactly this content; NULL when not
     * known (not in git, uncommitted edits). */
    const char *(*current)(void *self, const char *path, const qc_text *text);
    /* Revisions of the article older than `text`, newest first: writes up
     * to max, returns how many. */
    size_t (*earlier)(void *self, const char *path, const qc_text *text,
                      qc_source_revision *out, size_t max);
} qc_source_history;

/* Check one draft. `draft` is its text, `prose` and `ex` its parse and
 * extraction; `config` may be NULL (defaults). The corpus is only read, so
 * several threads may check drafts against one corpus at once. Severities
 * come from the config; inline suppressions are applied by the caller. */
qc_findings *qc_check(qc_corpus *corpus, const qc_config *config, const qc_text *draft,
                      const qc_prose *prose, const qc_extraction *ex);
/* The same, consulting `history` (may be NULL): every piece of evidence
 * names the revision of its source, and a quote that fails against
 * today's text but matches an earlier revision of a source exactly gets
 * corrected-source instead of altered-quote / unsourced-quote. */
qc_findings *qc_check_with(qc_corpus *corpus, const qc_config *config, const qc_text *draft,
                           const qc_prose *prose, const qc_extraction *ex,
                           const qc_source_history *history);

/* ---- incremental checking (the language server) ---------------------------
 * A qc_check_cache remembers, for one document, the findings of each
 * quotation and figure keyed by everything they depend on: the bytes of
 * the lines that hold them (draft and prose mask), the quotation's or
 * figure's own fields, the speaker's context, the draft's entities, and
 * (figures) the articles they were compared with. qc_check_cached gives
 * exactly what qc_check_with gives, rechecking only what changed and
 * moving cached findings to their new positions. The cache is cleared
 * when the corpus, config or history pointer changes; a caller that
 * reloads one of them in place must call qc_check_cache_clear. Entries
 * not used by the last two checks are dropped. One cache per document,
 * not shared between threads. */
typedef struct qc_check_cache qc_check_cache;
qc_check_cache *qc_check_cache_new(void);
void qc_check_cache_clear(qc_check_cache *self);   /* accepts NULL */
void qc_check_cache_delete(qc_check_cache *self);  /* accepts NULL */
/* Lookups that were answered from the cache / computed, since creation. */
void qc_check_cache_stats(const qc_check_cache *self, size_t *hits, size_t *misses);
qc_findings *qc_check_cached(qc_check_cache *cache, qc_corpus *corpus, const qc_config *config,
                             const qc_text *draft, const qc_prose *prose,
                             const qc_extraction *ex, const qc_source_history *history);

#endif
