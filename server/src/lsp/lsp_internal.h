/*
 * lsp/lsp_internal.h — what the files of the lsp module share.
 *
 * Owned by the lsp module; nothing outside server/src/lsp includes it
 * (the cmocka tests in tests/unit/lsp_*.c do, to test the parts).
 *
 *   transport.c     JSON-RPC framing: Content-Length headers in, one write per message out
 *   server.c        lifecycle, the dispatch table, the poll loop with the debounce timer
 *   documents.c     open documents by URI, incremental edits, URI <-> path, and the JSON
 *                   shape of positions (the conversion itself is text/text.h's)
 *   diagnostics.c   check a document, filter findings, push and pull diagnostics
 *   hover.c         provenance of a quotation or figure as Markdown, word diff
 *   definition.c    the best source passage
 *   code_actions.c  quick fixes and "ignore this finding here"
 *   inlay_hints.c   "[NYT, TASS]" / "[no source]" after each quotation
 *   workspace.c     roots, settings, corpus and config, watched files, commands, progress
 *
 * Ownership: every cJSON tree built for a reply is handed to qc_lsp_send /
 * qc_lsp_reply, which frees it. Request params are owned by the dispatcher
 * and valid only during the handler. Each request's scratch memory comes
 * from server->arena, freed after the reply.
 */
#ifndef QC_LSP_INTERNAL_H
#define QC_LSP_INTERNAL_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "extract/extract.h"
#include "lsp/lsp.h"
#include "match/match.h"
#include "parse/parse.h"
#include "text/text.h"
#include "util/arena.h"
#include "util/array.h"

/* Incremental reparsing through parse/'s qc_parser (documents.c feeds it
 * every edit, diagnostics.c parses with it). Build with
 * -DQC_LSP_INCREMENTAL_PARSE=0 to parse each version from scratch. */
#ifndef QC_LSP_INCREMENTAL_PARSE
#define QC_LSP_INCREMENTAL_PARSE 1
#endif

/* JSON-RPC and LSP error codes. */
enum {
    QC_LSP_PARSE_ERROR = -32700,
    QC_LSP_INVALID_REQUEST = -32600,
    QC_LSP_METHOD_NOT_FOUND = -32601,
    QC_LSP_INVALID_PARAMS = -32602,
    QC_LSP_INTERNAL_ERROR = -32603,
    QC_LSP_SERVER_NOT_INITIALIZED = -32002,
    QC_LSP_REQUEST_CANCELLED = -32800,
};

/* window/logMessage types */
enum { QC_LSP_LOG_ERROR = 1, QC_LSP_LOG_WARNING = 2, QC_LSP_LOG_INFO = 3, QC_LSP_LOG_DEBUG = 4 };

/* ---- transport.c ------------------------------------------------------ */

#define QC_LSP_MAX_MESSAGE_DEFAULT ((size_t)64 << 20)
#define QC_LSP_MAX_HEADER 8192           /* a longer header block is rejected */
#define QC_LSP_LENGTH_IMPLAUSIBLE ((size_t)1 << 53)  /* at or above: not a length */

typedef enum qc_lsp_event {
    QC_LSP_EV_NONE,        /* need more bytes */
    QC_LSP_EV_MESSAGE,     /* a complete body (valid until the next call) */
    QC_LSP_EV_BAD_HEADER,  /* a header block was rejected and the reader resynced; see detail */
    QC_LSP_EV_TOO_BIG,     /* a body over the limit was skipped; id_raw holds its id if found */
} qc_lsp_event;

typedef struct qc_lsp_reader {
    char *buf;               /* unconsumed bytes are buf[pos..len) */
    size_t len, cap, pos;
    size_t max_message;
    int state;               /* 0 headers, 1 body, 2 skipping a body, 3 resyncing,
                                4 skipping to the end of a rejected header block */
    size_t resync_skipped;   /* bytes skipped in state 4 */
    size_t body_len;         /* state 1 */
    size_t skip_left;        /* state 2 */
    char skip_head[2048];    /* the start of a skipped body, to recover its id */
    size_t skip_head_len;
    char detail[192];        /* why the last header block was rejected */
    char id_raw[128];        /* the recovered id token of a skipped body; "" if none */
} qc_lsp_reader;

void qc_lsp_reader_init(qc_lsp_reader *self, size_t max_message);
void qc_lsp_reader_free(qc_lsp_reader *self);
/* Append bytes just read. */
void qc_lsp_reader_feed(qc_lsp_reader *self, const char *data, size_t n);
/* The next event from the bytes fed so far. */
qc_lsp_event qc_lsp_reader_next(qc_lsp_reader *self, const char **body, size_t *len);
/* True when the reader holds part of a message (for the EOF log line). */
bool qc_lsp_reader_mid_message(const qc_lsp_reader *self);
/* The raw token of the top-level "id" member of a (possibly cut) JSON
 * object text: a number as written, a string with its quotes, "null".
 * False if none is found or the id is an object or array. */
bool qc_lsp_scan_id(const char *json, size_t len, char *out, size_t outsz);
/* Frame and write one message with a single buffered write (retried on
 * partial writes and EINTR). 0, or -1 when the peer is gone. */
int qc_lsp_write_message(int fd, const char *body, size_t len);

/* ---- documents.c ------------------------------------------------------ */

typedef struct qc_lsp_analysis qc_lsp_analysis;

typedef struct qc_lsp_doc {
    char *uri;               /* as the client sent it */
    char *path;              /* file path for file: URIs; NULL otherwise */
    char *language_id;
    qc_format format;
    bool checked;            /* Markdown or plain text: we check it */
    int version;
    qc_text *text;
    qc_parser *parser;       /* incremental tree-sitter state; NULL when not in use */
    unsigned long generation;    /* bumped (server-wide counter) on every change or recheck */
    long long due_ms;        /* when the debounced check runs (monotonic ms); 0 = none */
    qc_lsp_analysis *analysis;   /* fresh when analysis->generation == generation; NULL */
    unsigned long published; /* generation whose diagnostics were last pushed; 0 = none */
    qc_check_cache *check_cache; /* per-quote/figure results of the last checks (match.h); NULL */
} qc_lsp_doc;

typedef struct qc_lsp_docs {
    Array(qc_lsp_doc *) items;
} qc_lsp_docs;

qc_lsp_doc *qc_lsp_docs_find(qc_lsp_docs *self, const char *uri);
/* Open (or reopen, replacing) a document; the store owns it. */
qc_lsp_doc *qc_lsp_docs_open(qc_lsp_docs *self, const char *uri, const char *language_id,
                             int version, const char *data, size_t len, unsigned long generation);
bool qc_lsp_docs_close(qc_lsp_docs *self, const char *uri);
void qc_lsp_docs_free(qc_lsp_docs *self);

/* Apply one TextDocumentContentChangeEvent (the caller bumps the generation) (full, or with a range) in the
 * given encoding. A character past the end of its line clamps to the line
 * end (as the spec says); a line past the end clamps to the document end
 * and is reported in *warn. Returns 0, or -1 with *why when the change is
 * malformed (it is then not applied). */
int qc_lsp_doc_apply_change(qc_lsp_doc *self, const cJSON *change, qc_encoding enc,
                            const char **why, const char **warn);

/* LSP Position / Range JSON for byte offsets, through text/text.h. */
cJSON *qc_lsp_position_json(const qc_text *t, size_t offset, qc_encoding enc);
cJSON *qc_lsp_range_json(const qc_text *t, size_t start, size_t end, qc_encoding enc);
/* A Position object -> byte offset. 0 ok (character past the line end
 * clamps to it; inside a surrogate pair rounds down); -1 malformed;
 * -2 line past the document. *why says what was wrong. */
int qc_lsp_offset_from_json(const qc_text *t, const cJSON *pos, qc_encoding enc, size_t *offset,
                            const char **why);
/* A Range object -> [start, end) byte offsets; same codes, -1 also when start > end. */
int qc_lsp_range_from_json(const qc_text *t, const cJSON *range, qc_encoding enc, size_t *start,
                           size_t *end, const char **why);

/* file: URIs <-> paths (percent-decoding and -encoding). Both malloc'd;
 * uri_to_path returns NULL for other schemes and malformed escapes. A
 * relative path is made absolute against the working directory. */
char *qc_lsp_uri_to_path(const char *uri);
char *qc_lsp_path_to_uri(const char *path);

/* ---- workspace.c (internal interface to corpus/ and config/) ---------- */

typedef struct qc_lsp_workspace qc_lsp_workspace;

qc_lsp_workspace *qc_lsp_workspace_new(void);
void qc_lsp_workspace_delete(qc_lsp_workspace *self);          /* accepts NULL */
void qc_lsp_workspace_add_root(qc_lsp_workspace *self, const char *path);
void qc_lsp_workspace_remove_root(qc_lsp_workspace *self, const char *path);
/* Overrides (command line, initializationOptions, workspace/configuration);
 * n == 0 / NULL clears. Relative paths are taken from the first root. */
void qc_lsp_workspace_set_corpus(qc_lsp_workspace *self, const char *const *dirs, size_t n);
void qc_lsp_workspace_set_config_path(qc_lsp_workspace *self, const char *path);
/* Folders added to the corpus, whatever the sources are; true if changed. */
/* The sources' git history for qc_check_with; NULL outside git. */
const qc_source_history *qc_lsp_workspace_history(const qc_lsp_workspace *self);
bool qc_lsp_workspace_set_extra_sources(qc_lsp_workspace *self, const char *const *dirs, size_t n);
/* (Re)load the config and the corpus. progress(ctx, percent, message) is
 * called while indexing. Returns 0, or a negative QC_E* with the message
 * in *err (malloc'd) — the previous corpus and config then stay. */
typedef void (*qc_lsp_progress_fn)(void *ctx, int percent, const char *message);
int qc_lsp_workspace_load(qc_lsp_workspace *self, qc_lsp_progress_fn progress, void *ctx,
                          char **err);
qc_corpus *qc_lsp_workspace_corpus(const qc_lsp_workspace *self);   /* NULL: none */
const qc_config *qc_lsp_workspace_config(const qc_lsp_workspace *self);   /* NULL: defaults */
size_t qc_lsp_workspace_nsources(const qc_lsp_workspace *self);
/* Effective severity of a code for a draft (QC_SEV_OFF drops it). */
qc_severity qc_lsp_workspace_severity(const qc_lsp_workspace *self, const char *draft_path,
                                      qc_code code, qc_severity found);
/* Settings of the .quotecheck.json shape (sources, severity, credibility,
 * aliases, ignore, cache) laid over the file's; NULL clears. True when they
 * differ from the previous ones (a reload is then due). */
bool qc_lsp_workspace_set_settings(qc_lsp_workspace *self, const char *json);
/* Is this draft excluded by the config's "ignore" patterns? */
bool qc_lsp_workspace_ignored(const qc_lsp_workspace *self, const char *draft_path);
/* Passages of the corpus that carry a quotation's words (search score >=
 * 0.85), best first: path, text, range, outlet, credibility, the source's
 * speaker where its extraction names one. Strings in `arena`. Returns how
 * many were written; *available says whether the corpus search exists. */
size_t qc_lsp_workspace_carriers(qc_lsp_workspace *self, qc_arena *arena, const char *words,
                                 qc_evidence *out, size_t max, bool *available);
/* Does a change to this file call for a reload (a source or a config)? */
bool qc_lsp_workspace_watches(const qc_lsp_workspace *self, const char *path);
/* The folders to watch (corpus dirs and roots), for registration. */
size_t qc_lsp_workspace_watch_dirs(const qc_lsp_workspace *self, const char ***dirs);

/* ---- diagnostics.c ---------------------------------------------------- */

struct qc_lsp_analysis {
    int version;             /* the document version it was computed for */
    unsigned long generation;
    qc_prose *prose;
    qc_extraction *ex;
    qc_findings *findings;
    qc_finding *kept;        /* heap array of copies that survive suppression and
                                severity "off", severity overridden; strings point
                                into findings->arena */
    size_t nkept;
    bool has_corpus;         /* a corpus was loaded when it was checked */
};

void qc_lsp_analysis_delete(qc_lsp_analysis *self);   /* accepts NULL */
/* Keep the findings not suppressed and not "off"; a fresh heap array. */
qc_finding *qc_lsp_filter_findings(const qc_findings *all, const qc_text *draft, qc_format fmt,
                                   const char *draft_path, const qc_lsp_workspace *ws,
                                   size_t *nkept);
/* Findings whose range intersects [start, end] (touching counts), in order. */
size_t qc_lsp_findings_at(const qc_lsp_analysis *a, size_t start, size_t end,
                          const qc_finding **out, size_t max);

/* ---- server.c: the server and what handlers use ----------------------- */

typedef struct qc_lsp_pending_pull {
    cJSON *id;               /* owned copy */
    char *uri;
    char *previous_result_id;
} qc_lsp_pending_pull;

typedef struct qc_lsp_outgoing {
    int id;
    int kind;                /* QC_LSP_OUT_* */
} qc_lsp_outgoing;

enum { QC_LSP_OUT_CONFIGURATION = 1, QC_LSP_OUT_REGISTER, QC_LSP_OUT_PROGRESS_CREATE,
       QC_LSP_OUT_REFRESH };

typedef struct qc_lsp_client_caps {
    bool pull;               /* textDocument.diagnostic */
    bool related_info;
    bool code_description;
    bool work_done_progress; /* window.workDoneProgress */
    bool watch_dynamic;      /* workspace.didChangeWatchedFiles.dynamicRegistration */
    bool watch_relative;     /* ... relativePatternSupport */
    bool configuration;      /* workspace.configuration */
    bool diagnostic_refresh; /* workspace.diagnostics.refreshSupport */
    bool inlay_refresh;      /* workspace.inlayHint.refreshSupport */
    bool hover_markdown;
} qc_lsp_client_caps;

typedef struct qc_lsp_server {
    int in_fd, out_fd;
    qc_lsp_reader reader;
    qc_lsp_options opts;
    int state;               /* 0 before initialize, 1 running, 2 after shutdown */
    bool exit_now, eof, out_broken;
    qc_encoding enc;
    qc_lsp_client_caps client;
    int debounce_ms;
    bool inlay_hints;
    int debug_delay_ms;      /* initializationOptions.debugCheckDelayMs (tests only) */
    qc_lsp_docs docs;
    qc_lsp_workspace *ws;
    bool reload_due;         /* reload corpus/config before the next check */
    int reload_token;        /* waiting for window/workDoneProgress/create of this token; 0 */
    long long reload_wait_until;  /* give up waiting for the client then */
    Array(qc_lsp_pending_pull) pulls;
    Array(qc_lsp_outgoing) outgoing;
    int next_out_id;
    qc_arena arena;          /* per request */
    unsigned long generation;    /* counter behind qc_lsp_doc.generation and resultIds */
    size_t checks_run, results_dropped;
} qc_lsp_server;

/* The per-request error a handler fills in when it returns NULL. */
typedef struct qc_lsp_err {
    int code;
    char message[256];
    bool deferred;           /* the handler will reply later (pull diagnostics) */
} qc_lsp_err;

typedef cJSON *(*qc_lsp_request_fn)(qc_lsp_server *s, const cJSON *params, const cJSON *id,
                                    qc_lsp_err *err);
typedef void (*qc_lsp_notify_fn)(qc_lsp_server *s, const cJSON *params);

void qc_lsp_err_set(qc_lsp_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sending: each takes ownership of the cJSON it is given. */
void qc_lsp_send(qc_lsp_server *s, cJSON *msg);
void qc_lsp_reply(qc_lsp_server *s, const cJSON *id, cJSON *result);
void qc_lsp_reply_error(qc_lsp_server *s, const cJSON *id, int code, const char *message);
void qc_lsp_notify(qc_lsp_server *s, const char *method, cJSON *params);
int qc_lsp_request(qc_lsp_server *s, const char *method, cJSON *params, int kind);
void qc_lsp_log(qc_lsp_server *s, int type, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
long long qc_lsp_now_ms(void);
/* Read and dispatch whatever input is already waiting, without blocking. */
void qc_lsp_pump(qc_lsp_server *s);

/* Parameter helpers: fill err with -32602 and return NULL/false on failure. */
qc_lsp_doc *qc_lsp_param_doc(qc_lsp_server *s, const cJSON *params, qc_lsp_err *err);
bool qc_lsp_param_position(qc_lsp_server *s, const qc_lsp_doc *doc, const cJSON *params,
                           size_t *offset, qc_lsp_err *err);
bool qc_lsp_param_range(qc_lsp_server *s, const qc_lsp_doc *doc, const cJSON *params,
                        size_t *start, size_t *end, qc_lsp_err *err);
/* The document's analysis for its current version, computed now if needed. */
qc_lsp_analysis *qc_lsp_doc_analysis(qc_lsp_server *s, qc_lsp_doc *doc);

/* ---- feature entry points (one file each) ----------------------------- */

/* diagnostics.c */
qc_lsp_analysis *qc_lsp_analyze(qc_lsp_server *s, qc_lsp_doc *doc);
cJSON *qc_lsp_diagnostic_json(qc_lsp_server *s, const qc_lsp_doc *doc, const qc_finding *f);
cJSON *qc_lsp_diagnostics_json(qc_lsp_server *s, const qc_lsp_doc *doc, const qc_lsp_analysis *a);
void qc_lsp_run_due_checks(qc_lsp_server *s);
void qc_lsp_publish(qc_lsp_server *s, qc_lsp_doc *doc);
void qc_lsp_publish_empty(qc_lsp_server *s, const char *uri);
void qc_lsp_answer_pulls(qc_lsp_server *s, const char *uri);   /* NULL: all answerable */
void qc_lsp_recheck_all(qc_lsp_server *s);
cJSON *qc_lsp_diagnostic_pull(qc_lsp_server *s, const cJSON *params, const cJSON *id, qc_lsp_err *err);
bool qc_lsp_cancel_pull(qc_lsp_server *s, const cJSON *id);

/* hover.c */
/* What the cursor is on: the innermost quotation, else a figure, else a
 * finding's range. */
typedef struct qc_lsp_target {
    size_t start, end;
    const qc_quote *quote;
    const qc_figure *figure;
    const qc_finding *finding;
} qc_lsp_target;
bool qc_lsp_target_at(const qc_lsp_analysis *a, size_t offset, qc_lsp_target *out);
cJSON *qc_lsp_hover(qc_lsp_server *s, const cJSON *params, const cJSON *id, qc_lsp_err *err);
/* Word diff of `from` (source) to `to` (draft): "~~removed~~ **added**". Arena string. */
const char *qc_lsp_word_diff(qc_arena *arena, const char *from, const char *to);
/* The hover Markdown for the quotation or figure at [start, end). Arena string. */
const char *qc_lsp_hover_markdown(qc_arena *arena, const char *what, const char *draft_words,
                                  const char *draft_speaker, const qc_finding *const *found,
                                  size_t nfound, const qc_evidence *const *carriers,
                                  size_t ncarriers, bool has_corpus);

/* definition.c */
cJSON *qc_lsp_definition(qc_lsp_server *s, const cJSON *params, const cJSON *id, qc_lsp_err *err);
/* The best evidence among findings (highest credibility, first on ties); NULL. */
const qc_evidence *qc_lsp_best_evidence(const qc_finding *const *found, size_t nfound);
/* A Location JSON for a passage in a source; NULL if it has no text. */
cJSON *qc_lsp_evidence_location(qc_lsp_server *s, const qc_evidence *ev);

/* code_actions.c */
cJSON *qc_lsp_code_action(qc_lsp_server *s, const cJSON *params, const cJSON *id, qc_lsp_err *err);
/* Where to insert "ignore this finding here" and what: the start of the
 * line holding `offset`, the line's indentation and block-quote prefix
 * repeated. *text is an arena string. */
size_t qc_lsp_suppress_insert(qc_arena *arena, const qc_text *t, size_t offset, qc_code code,
                              const char **text);

/* inlay_hints.c */
cJSON *qc_lsp_inlay_hint(qc_lsp_server *s, const cJSON *params, const cJSON *id, qc_lsp_err *err);
/* "[NYT, TASS]" from the outlets of the evidence; with none, "[no source]"
 * when `known` (the absence means no source carries it), else NULL. */
const char *qc_lsp_outlets_label(qc_arena *arena, const qc_evidence *const *ev, size_t nev,
                                 bool known);
/* The evidence for [start, end): the findings' evidence, then the corpus
 * carriers of `words` (deduplicated by path and start). *known as above. */
size_t qc_lsp_gather_evidence(qc_lsp_server *s, const qc_lsp_analysis *a, size_t start, size_t end,
                              const char *words, const qc_evidence **out, size_t max, bool *known);

/* workspace.c: protocol side */
void qc_lsp_workspace_initialize(qc_lsp_server *s, const cJSON *params);
void qc_lsp_workspace_initialized(qc_lsp_server *s);
void qc_lsp_apply_settings(qc_lsp_server *s, const cJSON *settings);
/* Reload now, or first ask the client for a progress token (then the
 * reply, or the timeout, carries on). */
void qc_lsp_reload(qc_lsp_server *s);
void qc_lsp_progress_created(qc_lsp_server *s, bool ok);
void qc_lsp_reload_timeout(qc_lsp_server *s);
void qc_lsp_configuration_response(qc_lsp_server *s, const cJSON *result);
void qc_lsp_did_change_watched_files(qc_lsp_server *s, const cJSON *params);
void qc_lsp_did_change_configuration(qc_lsp_server *s, const cJSON *params);
void qc_lsp_did_change_workspace_folders(qc_lsp_server *s, const cJSON *params);
cJSON *qc_lsp_execute_command(qc_lsp_server *s, const cJSON *params, const cJSON *id, qc_lsp_err *err);
extern const char *const qc_lsp_commands[];   /* NULL-terminated */

#endif
