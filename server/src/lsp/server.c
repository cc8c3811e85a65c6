/*
 * lsp/server.c — the language server's lifecycle, dispatch table and loop.
 *
 * Owned by the lsp module. One thread: poll() on the input with a timeout
 * that is the earliest debounced check, so a burst of edits produces one
 * check. Messages are dispatched in arrival order through two tables
 * (requests, notifications). Rules enforced here:
 *   - a body that is not JSON: -32700 with id null; not an object, or an id
 *     that is not a number, string or null: -32600 with id null
 *   - ids are echoed exactly: numbers by their raw text, strings as strings
 *   - before `initialize`: requests -32002, notifications dropped (logged);
 *     after `shutdown`: requests -32600, notifications dropped; `exit` ends
 *     the loop (exit code 0 after shutdown, 1 otherwise); so does EOF
 *   - unknown requests -32601; unknown notifications are logged ("$/" ones
 *     silently ignored); a handler that finds bad params replies -32602
 *   - logs go to stderr, and warnings and errors also to window/logMessage
 *     once initialized; stdout carries only protocol messages
 * Each request's scratch memory is server->arena, freed after the reply.
 */
#include "lsp/lsp_internal.h"
#include "util/alloc.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef QC_VERSION
#define QC_VERSION "0.0.0"
#endif

long long qc_lsp_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- sending ------------------------------------------------------------- */

void qc_lsp_send(qc_lsp_server *s, cJSON *msg)
{
    cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
    char *text = cJSON_PrintUnformatted(msg);
    cJSON_Delete(msg);
    if (!text)
        return;
    if (s->opts.verbose)
        fprintf(stderr, "quotecheck lsp: --> %.200s\n", text);
    if (!s->out_broken && qc_lsp_write_message(s->out_fd, text, strlen(text)) != 0) {
        fprintf(stderr, "quotecheck lsp: cannot write to the client; stopping\n");
        s->out_broken = true;
    }
    cJSON_free(text);
}

static cJSON *qc_lsp_id_copy(const cJSON *id)
{
    return id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull();
}

void qc_lsp_reply(qc_lsp_server *s, const cJSON *id, cJSON *result)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddItemToObject(m, "id", qc_lsp_id_copy(id));
    cJSON_AddItemToObject(m, "result", result ? result : cJSON_CreateNull());
    qc_lsp_send(s, m);
}

void qc_lsp_reply_error(qc_lsp_server *s, const cJSON *id, int code, const char *message)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddItemToObject(m, "id", qc_lsp_id_copy(id));
    cJSON *e = cJSON_AddObjectToObject(m, "error");
    cJSON_AddNumberToObject(e, "code", code);
    cJSON_AddStringToObject(e, "message", message);
    qc_lsp_send(s, m);
}

void qc_lsp_notify(qc_lsp_server *s, const char *method, cJSON *params)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "method", method);
    if (params)
        cJSON_AddItemToObject(m, "params", params);
    qc_lsp_send(s, m);
}

int qc_lsp_request(qc_lsp_server *s, const char *method, cJSON *params, int kind)
{
    int id = ++s->next_out_id;
    cJSON *m = cJSON_CreateObject();
    cJSON_AddNumberToObject(m, "id", id);
    cJSON_AddStringToObject(m, "method", method);
    if (params)
        cJSON_AddItemToObject(m, "params", params);
    array_push(&s->outgoing, ((qc_lsp_outgoing){ id, kind }));
    qc_lsp_send(s, m);
    return id;
}

void qc_lsp_log(qc_lsp_server *s, int type, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    static const char *const names[] = { "", "error", "warning", "info", "debug" };
    if (type != QC_LSP_LOG_DEBUG || s->opts.verbose)
        fprintf(stderr, "quotecheck lsp: %s: %s\n", names[type], msg);
    if (s->state == 1 && type <= QC_LSP_LOG_INFO) {
        cJSON *p = cJSON_CreateObject();
        cJSON_AddNumberToObject(p, "type", type);
        cJSON_AddStringToObject(p, "message", msg);
        qc_lsp_notify(s, "window/logMessage", p);
    }
}

void qc_lsp_err_set(qc_lsp_err *err, int code, const char *fmt, ...)
{
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

/* ---- parameter helpers ------------------------------------------------------ */

qc_lsp_doc *qc_lsp_param_doc(qc_lsp_server *s, const cJSON *params, qc_lsp_err *err)
{
    const cJSON *td = cJSON_GetObjectItemCaseSensitive(params, "textDocument");
    const cJSON *uri = cJSON_GetObjectItemCaseSensitive(td, "uri");
    if (!cJSON_IsObject(params) || !cJSON_IsObject(td) || !cJSON_IsString(uri)) {
        qc_lsp_err_set(err, QC_LSP_INVALID_PARAMS, "params need textDocument.uri (a string)");
        return NULL;
    }
    qc_lsp_doc *d = qc_lsp_docs_find(&s->docs, uri->valuestring);
    if (!d)
        qc_lsp_err_set(err, QC_LSP_INVALID_PARAMS, "document not open: %.200s", uri->valuestring);
    return d;
}

bool qc_lsp_param_position(qc_lsp_server *s, const qc_lsp_doc *doc, const cJSON *params,
                           size_t *offset, qc_lsp_err *err)
{
    const char *why = NULL;
    int rc = qc_lsp_offset_from_json(doc->text, cJSON_GetObjectItemCaseSensitive(params, "position"),
                                     s->enc, offset, &why);
    if (rc != 0) {
        qc_lsp_err_set(err, QC_LSP_INVALID_PARAMS, "position: %s", why);
        return false;
    }
    return true;
}

bool qc_lsp_param_range(qc_lsp_server *s, const qc_lsp_doc *doc, const cJSON *params,
                        size_t *start, size_t *end, qc_lsp_err *err)
{
    const char *why = NULL;
    int rc = qc_lsp_range_from_json(doc->text, cJSON_GetObjectItemCaseSensitive(params, "range"),
                                    s->enc, start, end, &why);
    /* a range reaching past the document (a visible range, "to the end")
     * is clamped; a malformed or reversed one is an error */
    if (rc == -2 && *start <= *end)
        rc = 0;
    if (rc != 0) {
        qc_lsp_err_set(err, QC_LSP_INVALID_PARAMS, "range: %s", why);
        return false;
    }
    return true;
}

/* ---- lifecycle ----------------------------------------------------------------- */

static bool qc_lsp_bool_at(const cJSON *root, const char *const *path)
{
    const cJSON *o = root;
    for (; *path; path++)
        o = cJSON_GetObjectItemCaseSensitive(o, *path);
    return cJSON_IsTrue(o);
}

static const cJSON *qc_lsp_at(const cJSON *root, const char *const *path)
{
    const cJSON *o = root;
    for (; *path && o; path++)
        o = cJSON_GetObjectItemCaseSensitive(o, *path);
    return o;
}

static bool qc_lsp_array_has(const cJSON *arr, const char *value)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, arr)
        if (cJSON_IsString(it) && !strcmp(it->valuestring, value))
            return true;
    return false;
}

static cJSON *qc_lsp_capabilities(qc_lsp_server *s, bool code_action_literals)
{
    cJSON *c = cJSON_CreateObject();
    cJSON_AddStringToObject(c, "positionEncoding", s->enc == QC_ENC_UTF8 ? "utf-8" : "utf-16");
    cJSON *sync = cJSON_AddObjectToObject(c, "textDocumentSync");
    cJSON_AddTrueToObject(sync, "openClose");
    cJSON_AddNumberToObject(sync, "change", 2);
    cJSON *save = cJSON_AddObjectToObject(sync, "save");
    cJSON_AddFalseToObject(save, "includeText");
    if (s->client.pull) {
        cJSON *d = cJSON_AddObjectToObject(c, "diagnosticProvider");
        cJSON_AddStringToObject(d, "identifier", "quotecheck");
        cJSON_AddTrueToObject(d, "interFileDependencies");
        cJSON_AddFalseToObject(d, "workspaceDiagnostics");
    }
    cJSON_AddTrueToObject(c, "hoverProvider");
    cJSON_AddTrueToObject(c, "definitionProvider");
    if (code_action_literals) {
        cJSON *ca = cJSON_AddObjectToObject(c, "codeActionProvider");
        const char *kinds[] = { "quickfix" };
        cJSON_AddItemToObject(ca, "codeActionKinds", cJSON_CreateStringArray(kinds, 1));
    } else {
        cJSON_AddTrueToObject(c, "codeActionProvider");
    }
    cJSON_AddTrueToObject(c, "inlayHintProvider");
    cJSON *ec = cJSON_AddObjectToObject(c, "executeCommandProvider");
    cJSON *cmds = cJSON_AddArrayToObject(ec, "commands");
    for (const char *const *n = qc_lsp_commands; *n; n++)
        cJSON_AddItemToArray(cmds, cJSON_CreateString(*n));
    cJSON *ws = cJSON_AddObjectToObject(c, "workspace");
    cJSON *wf = cJSON_AddObjectToObject(ws, "workspaceFolders");
    cJSON_AddTrueToObject(wf, "supported");
    cJSON_AddTrueToObject(wf, "changeNotifications");
    return c;
}

static cJSON *qc_lsp_initialize(qc_lsp_server *s, const cJSON *params, const cJSON *id,
                                qc_lsp_err *err)
{
    if (s->state != 0) {
        qc_lsp_err_set(err, QC_LSP_INVALID_REQUEST, "initialize may be sent only once");
        return NULL;
    }
    if (!cJSON_IsObject(params)) {
        qc_lsp_err_set(err, QC_LSP_INVALID_PARAMS, "initialize needs params (an object)");
        return NULL;
    }
    const cJSON *caps = cJSON_GetObjectItemCaseSensitive(params, "capabilities");
    if (caps && !cJSON_IsObject(caps)) {
        qc_lsp_err_set(err, QC_LSP_INVALID_PARAMS, "capabilities must be an object");
        return NULL;
    }
    /* position encoding: utf-8 when offered, else utf-16 (always supported) */
    const cJSON *encs = qc_lsp_at(caps, (const char *const[]){ "general", "positionEncodings", NULL });
    const cJSON *offenc = cJSON_GetObjectItemCaseSensitive(caps, "offsetEncoding"); /* clangd's, Neovim < 0.9 */
    bool via_offset = false;
    s->enc = QC_ENC_UTF16;
    if (cJSON_IsArray(encs)) {
        if (qc_lsp_array_has(encs, "utf-8"))
            s->enc = QC_ENC_UTF8;
    } else if (cJSON_IsArray(offenc) && qc_lsp_array_has(offenc, "utf-8")) {
        s->enc = QC_ENC_UTF8;
        via_offset = true;
    }
    qc_lsp_client_caps *cc = &s->client;
    cc->pull = cJSON_IsObject(qc_lsp_at(caps, (const char *const[]){ "textDocument", "diagnostic", NULL }));
    cc->related_info = qc_lsp_bool_at(caps, (const char *const[]){ "textDocument", "publishDiagnostics", "relatedInformation", NULL }) || cc->pull;
    cc->code_description = qc_lsp_bool_at(caps, (const char *const[]){ "textDocument", "publishDiagnostics", "codeDescriptionSupport", NULL }) || cc->pull;
    cc->work_done_progress = qc_lsp_bool_at(caps, (const char *const[]){ "window", "workDoneProgress", NULL });
    cc->watch_dynamic = qc_lsp_bool_at(caps, (const char *const[]){ "workspace", "didChangeWatchedFiles", "dynamicRegistration", NULL });
    cc->watch_relative = qc_lsp_bool_at(caps, (const char *const[]){ "workspace", "didChangeWatchedFiles", "relativePatternSupport", NULL });
    cc->configuration = qc_lsp_bool_at(caps, (const char *const[]){ "workspace", "configuration", NULL });
    cc->diagnostic_refresh = qc_lsp_bool_at(caps, (const char *const[]){ "workspace", "diagnostics", "refreshSupport", NULL });
    cc->inlay_refresh = qc_lsp_bool_at(caps, (const char *const[]){ "workspace", "inlayHint", "refreshSupport", NULL });
    const cJSON *hf = qc_lsp_at(caps, (const char *const[]){ "textDocument", "hover", "contentFormat", NULL });
    cc->hover_markdown = !cJSON_IsArray(hf) || qc_lsp_array_has(hf, "markdown");
    bool literals = cJSON_IsObject(qc_lsp_at(caps, (const char *const[]){ "textDocument", "codeAction", "codeActionLiteralSupport", NULL }));

    const cJSON *opts = cJSON_GetObjectItemCaseSensitive(params, "initializationOptions");
    if (cJSON_IsObject(opts))
        qc_lsp_apply_settings(s, opts);
    qc_lsp_workspace_initialize(s, params);

    s->state = 1;
    cJSON *r = cJSON_CreateObject();
    cJSON_AddItemToObject(r, "capabilities", qc_lsp_capabilities(s, literals));
    if (via_offset)
        cJSON_AddStringToObject(r, "offsetEncoding", "utf-8");
    cJSON *info = cJSON_AddObjectToObject(r, "serverInfo");
    cJSON_AddStringToObject(info, "name", "quotecheck");
    cJSON_AddStringToObject(info, "version", QC_VERSION);
    return r;
}

static cJSON *qc_lsp_shutdown(qc_lsp_server *s, const cJSON *params, const cJSON *id,
                              qc_lsp_err *err)
{
    s->state = 2;
    /* answer what is still waiting: the client will not see them otherwise */
    for (size_t i = 0; i < s->pulls.len; i++) {
        qc_lsp_reply_error(s, s->pulls.items[i].id, QC_LSP_REQUEST_CANCELLED, "server shut down");
        cJSON_Delete(s->pulls.items[i].id);
        free(s->pulls.items[i].uri);
        free(s->pulls.items[i].previous_result_id);
    }
    array_clear(&s->pulls);
    return cJSON_CreateNull();
}

/* ---- notifications ---------------------------------------------------------------- */

static void qc_lsp_initialized(qc_lsp_server *s, const cJSON *params)
{
    qc_lsp_workspace_initialized(s);
}

static void qc_lsp_exit(qc_lsp_server *s, const cJSON *params)
{
    s->exit_now = true;
}

static const char *qc_lsp_uri_param(qc_lsp_server *s, const cJSON *params, const char *method)
{
    const cJSON *uri = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(params, "textDocument"), "uri");
    if (!cJSON_IsString(uri)) {
        qc_lsp_log(s, QC_LSP_LOG_WARNING, "%s: params need textDocument.uri; ignored", method);
        return NULL;
    }
    return uri->valuestring;
}

static void qc_lsp_did_open(qc_lsp_server *s, const cJSON *params)
{
    const char *uri = qc_lsp_uri_param(s, params, "didOpen");
    const cJSON *td = cJSON_GetObjectItemCaseSensitive(params, "textDocument");
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(td, "text");
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(td, "version");
    const cJSON *lang = cJSON_GetObjectItemCaseSensitive(td, "languageId");
    if (!uri)
        return;
    if (!cJSON_IsString(text) || !cJSON_IsNumber(ver)) {
        qc_lsp_log(s, QC_LSP_LOG_WARNING, "didOpen %s: needs text (string) and version (number); ignored", uri);
        return;
    }
    qc_lsp_doc *d = qc_lsp_docs_open(&s->docs, uri, cJSON_IsString(lang) ? lang->valuestring : "",
                                     ver->valueint, text->valuestring, strlen(text->valuestring),
                                     ++s->generation);
    d->due_ms = qc_lsp_now_ms();   /* check a freshly opened document at once */
}

static void qc_lsp_did_change(qc_lsp_server *s, const cJSON *params)
{
    const char *uri = qc_lsp_uri_param(s, params, "didChange");
    if (!uri)
        return;
    qc_lsp_doc *d = qc_lsp_docs_find(&s->docs, uri);
    if (!d) {
        qc_lsp_log(s, QC_LSP_LOG_WARNING, "didChange for a document never opened: %s; ignored", uri);
        return;
    }
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(params, "textDocument"), "version");
    const cJSON *changes = cJSON_GetObjectItemCaseSensitive(params, "contentChanges");
    if (!cJSON_IsArray(changes)) {
        qc_lsp_log(s, QC_LSP_LOG_WARNING, "didChange %s: contentChanges must be an array; ignored", uri);
        return;
    }
    const cJSON *ch;
    cJSON_ArrayForEach(ch, changes) {
        const char *why = NULL, *warn = NULL;
        if (qc_lsp_doc_apply_change(d, ch, s->enc, &why, &warn) != 0)
            qc_lsp_log(s, QC_LSP_LOG_WARNING, "didChange %s: %s; that change ignored", uri, why);
        else if (warn)
            qc_lsp_log(s, QC_LSP_LOG_WARNING, "didChange %s: %s", uri, warn);
    }
    if (cJSON_IsNumber(ver))
        d->version = ver->valueint;
    d->generation = ++s->generation;
    d->due_ms = qc_lsp_now_ms() + s->debounce_ms;
}

static void qc_lsp_did_save(qc_lsp_server *s, const cJSON *params)
{
    const char *uri = qc_lsp_uri_param(s, params, "didSave");
    if (!uri)
        return;
    qc_lsp_doc *d = qc_lsp_docs_find(&s->docs, uri);
    if (!d) {
        qc_lsp_log(s, QC_LSP_LOG_WARNING, "didSave for a document never opened: %s; ignored", uri);
        return;
    }
    if (d->path && qc_lsp_workspace_watches(s->ws, d->path)) {
        s->reload_due = true;   /* a source or the config was edited in the editor */
        qc_lsp_recheck_all(s);
    } else if (d->due_ms) {
        d->due_ms = qc_lsp_now_ms();   /* saving: no need to wait for the debounce */
    }
}

static void qc_lsp_did_close(qc_lsp_server *s, const cJSON *params)
{
    const char *uri = qc_lsp_uri_param(s, params, "didClose");
    if (!uri)
        return;
    if (!qc_lsp_docs_close(&s->docs, uri)) {
        qc_lsp_log(s, QC_LSP_LOG_WARNING, "didClose for a document never opened: %s; ignored", uri);
        return;
    }
    if (!s->client.pull)
        qc_lsp_publish_empty(s, uri);   /* clear its squiggles */
    qc_lsp_answer_pulls(s, uri);
}

static void qc_lsp_cancel(qc_lsp_server *s, const cJSON *params)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(params, "id");
    if (!cJSON_IsNumber(id) && !cJSON_IsString(id)) {
        qc_lsp_log(s, QC_LSP_LOG_WARNING, "$/cancelRequest needs an id (number or string)");
        return;
    }
    /* only pull requests wait; every other request was already answered */
    qc_lsp_cancel_pull(s, id);
}

/* ---- dispatch tables ---------------------------------------------------------------- */

static const struct {
    const char *method;
    qc_lsp_request_fn fn;
} qc_lsp_requests[] = {
    { "initialize", qc_lsp_initialize },
    { "shutdown", qc_lsp_shutdown },
    { "textDocument/diagnostic", qc_lsp_diagnostic_pull },
    { "textDocument/hover", qc_lsp_hover },
    { "textDocument/definition", qc_lsp_definition },
    { "textDocument/codeAction", qc_lsp_code_action },
    { "textDocument/inlayHint", qc_lsp_inlay_hint },
    { "workspace/executeCommand", qc_lsp_execute_command },
};

static const struct {
    const char *method;
    qc_lsp_notify_fn fn;
} qc_lsp_notifications[] = {
    { "initialized", qc_lsp_initialized },
    { "exit", qc_lsp_exit },
    { "textDocument/didOpen", qc_lsp_did_open },
    { "textDocument/didChange", qc_lsp_did_change },
    { "textDocument/didSave", qc_lsp_did_save },
    { "textDocument/didClose", qc_lsp_did_close },
    { "$/cancelRequest", qc_lsp_cancel },
    { "workspace/didChangeWatchedFiles", qc_lsp_did_change_watched_files },
    { "workspace/didChangeConfiguration", qc_lsp_did_change_configuration },
    { "workspace/didChangeWorkspaceFolders", qc_lsp_did_change_workspace_folders },
};

#define QC_LSP_COUNT(a) (sizeof(a) / sizeof *(a))

static void qc_lsp_handle_response(qc_lsp_server *s, const cJSON *msg, const cJSON *id)
{
    if (!cJSON_IsNumber(id))
        return;
    for (size_t i = 0; i < s->outgoing.len; i++) {
        if (s->outgoing.items[i].id != id->valueint)
            continue;
        int kind = s->outgoing.items[i].kind;
        s->outgoing.items[i] = s->outgoing.items[--s->outgoing.len];
        const cJSON *error = cJSON_GetObjectItemCaseSensitive(msg, "error");
        if (error) {
            const cJSON *m = cJSON_GetObjectItemCaseSensitive(error, "message");
            qc_lsp_log(s, QC_LSP_LOG_INFO, "the client answered our request %d with an error: %s",
                       id->valueint, cJSON_IsString(m) ? m->valuestring : "?");
            if (kind == QC_LSP_OUT_PROGRESS_CREATE)
                qc_lsp_progress_created(s, false);
            return;
        }
        if (kind == QC_LSP_OUT_CONFIGURATION)
            qc_lsp_configuration_response(s, cJSON_GetObjectItemCaseSensitive(msg, "result"));
        else if (kind == QC_LSP_OUT_PROGRESS_CREATE)
            qc_lsp_progress_created(s, true);
        return;
    }
}

static void qc_lsp_dispatch(qc_lsp_server *s, const char *body, size_t len)
{
    if (s->opts.verbose)
        fprintf(stderr, "quotecheck lsp: <-- %.*s\n", (int)(len < 200 ? len : 200), body);
    cJSON *msg = cJSON_ParseWithLength(body, len);
    if (!msg) {
        qc_lsp_log(s, QC_LSP_LOG_ERROR, "malformed JSON in a %zu-byte message", len);
        qc_lsp_reply_error(s, NULL, QC_LSP_PARSE_ERROR, "parse error: the message is not valid JSON");
        return;
    }
    if (!cJSON_IsObject(msg)) {
        qc_lsp_reply_error(s, NULL, QC_LSP_INVALID_REQUEST,
                           "invalid request: a message must be a JSON object (batches are not supported)");
        cJSON_Delete(msg);
        return;
    }
    const cJSON *rawid = cJSON_GetObjectItemCaseSensitive(msg, "id");
    const cJSON *method = cJSON_GetObjectItemCaseSensitive(msg, "method");
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(msg, "params");
    const cJSON *jsonrpc = cJSON_GetObjectItemCaseSensitive(msg, "jsonrpc");
    cJSON *id = NULL;
    if (rawid) {
        if (cJSON_IsNumber(rawid)) {
            char tok[128];
            id = qc_lsp_scan_id(body, len, tok, sizeof tok) ? cJSON_CreateRaw(tok)
                                                             : cJSON_Duplicate(rawid, 1);
        } else if (cJSON_IsString(rawid) || cJSON_IsNull(rawid)) {
            id = cJSON_Duplicate(rawid, 1);
        } else {
            qc_lsp_reply_error(s, NULL, QC_LSP_INVALID_REQUEST,
                               "invalid request: id must be a number or a string");
            cJSON_Delete(msg);
            return;
        }
    }
    if (!method && rawid && (cJSON_GetObjectItemCaseSensitive(msg, "result") ||
                             cJSON_GetObjectItemCaseSensitive(msg, "error"))) {
        qc_lsp_handle_response(s, msg, rawid);
        goto done;
    }
    if (!cJSON_IsString(method) || (jsonrpc && !(cJSON_IsString(jsonrpc) && !strcmp(jsonrpc->valuestring, "2.0"))) ||
        (params && !cJSON_IsObject(params) && !cJSON_IsArray(params))) {
        if (rawid || !method)
            qc_lsp_reply_error(s, id, QC_LSP_INVALID_REQUEST,
                               "invalid request: needs jsonrpc \"2.0\", a string method and object params");
        else
            qc_lsp_log(s, QC_LSP_LOG_WARNING, "invalid notification ignored");
        goto done;
    }
    const char *m = method->valuestring;
    if (rawid) {   /* a request */
        size_t i;
        for (i = 0; i < QC_LSP_COUNT(qc_lsp_requests); i++)
            if (!strcmp(qc_lsp_requests[i].method, m))
                break;
        if (i == QC_LSP_COUNT(qc_lsp_requests)) {
            char text[256];
            snprintf(text, sizeof text, "method not found: %.200s", m);
            qc_lsp_reply_error(s, id, QC_LSP_METHOD_NOT_FOUND, text);
            goto done;
        }
        if (s->state == 0 && strcmp(m, "initialize") != 0) {
            qc_lsp_reply_error(s, id, QC_LSP_SERVER_NOT_INITIALIZED, "server not initialized");
            goto done;
        }
        if (s->state == 2) {
            qc_lsp_reply_error(s, id, QC_LSP_INVALID_REQUEST, "server is shutting down");
            goto done;
        }
        qc_lsp_err err = { 0 };
        cJSON *result = qc_lsp_requests[i].fn(s, params, id, &err);
        if (result)
            qc_lsp_reply(s, id, result);
        else if (!err.deferred)
            qc_lsp_reply_error(s, id, err.code ? err.code : QC_LSP_INTERNAL_ERROR,
                               err.message[0] ? err.message : "internal error");
        qc_arena_free(&s->arena);
        goto done;
    }
    /* a notification */
    if (!strcmp(m, "exit")) {
        s->exit_now = true;
        goto done;
    }
    if (s->state != 1) {
        qc_lsp_log(s, QC_LSP_LOG_WARNING, "notification %.100s %s; dropped", m,
                   s->state == 0 ? "before initialize" : "after shutdown");
        goto done;
    }
    for (size_t i = 0; i < QC_LSP_COUNT(qc_lsp_notifications); i++)
        if (!strcmp(qc_lsp_notifications[i].method, m)) {
            qc_lsp_notifications[i].fn(s, params);
            qc_arena_free(&s->arena);
            goto done;
        }
    if (strncmp(m, "$/", 2) != 0)
        qc_lsp_log(s, QC_LSP_LOG_INFO, "unknown notification %.100s ignored", m);
done:
    cJSON_Delete(id);
    cJSON_Delete(msg);
}

/* ---- the loop ------------------------------------------------------------------------ */

static void qc_lsp_handle_event(qc_lsp_server *s, qc_lsp_event ev, const char *body, size_t len)
{
    switch (ev) {
    case QC_LSP_EV_MESSAGE:
        qc_lsp_dispatch(s, body, len);
        break;
    case QC_LSP_EV_BAD_HEADER:
        qc_lsp_log(s, QC_LSP_LOG_ERROR, "bad message header: %s; skipping to the next header",
                   s->reader.detail);
        break;
    case QC_LSP_EV_TOO_BIG:
        qc_lsp_log(s, QC_LSP_LOG_ERROR, "%s", s->reader.detail);
        if (s->reader.id_raw[0]) {
            cJSON *id = s->reader.id_raw[0] == '"' ? cJSON_Parse(s->reader.id_raw)
                                                    : cJSON_CreateRaw(s->reader.id_raw);
            qc_lsp_reply_error(s, id, QC_LSP_INVALID_REQUEST, "message too large");
            cJSON_Delete(id);
        }
        break;
    case QC_LSP_EV_NONE:
        break;
    }
}

/* Read once and dispatch every complete message. */
static void qc_lsp_read_input(qc_lsp_server *s)
{
    char buf[65536];
    ssize_t n = read(s->in_fd, buf, sizeof buf);
    if (n < 0) {
        if (errno == EINTR || errno == EAGAIN)
            return;
        qc_lsp_log(s, QC_LSP_LOG_ERROR, "cannot read the input: %s", strerror(errno));
        s->eof = true;
        return;
    }
    if (n == 0) {
        if (qc_lsp_reader_mid_message(&s->reader))
            fprintf(stderr, "quotecheck lsp: input ended in the middle of a message\n");
        s->eof = true;
        return;
    }
    qc_lsp_reader_feed(&s->reader, buf, (size_t)n);
    const char *body;
    size_t len;
    qc_lsp_event ev;
    while (!s->exit_now && (ev = qc_lsp_reader_next(&s->reader, &body, &len)) != QC_LSP_EV_NONE)
        qc_lsp_handle_event(s, ev, body, len);
}

void qc_lsp_pump(qc_lsp_server *s)
{
    for (int rounds = 0; rounds < 64 && !s->exit_now && !s->eof; rounds++) {
        struct pollfd p = { s->in_fd, POLLIN, 0 };
        if (poll(&p, 1, 0) <= 0 || !(p.revents & (POLLIN | POLLHUP | POLLERR)))
            return;
        qc_lsp_read_input(s);
    }
}

static int qc_lsp_timeout(qc_lsp_server *s)
{
    long long now = qc_lsp_now_ms(), best = -1;
    for (size_t i = 0; i < s->docs.items.len; i++) {
        long long due = s->docs.items.items[i]->due_ms;
        if (due && (best < 0 || due < best))
            best = due;
    }
    if (s->reload_token && (best < 0 || s->reload_wait_until < best))
        best = s->reload_wait_until;
    if (s->reload_due && s->state == 1 && !s->reload_token)
        best = now;
    if (best < 0)
        return -1;
    return best <= now ? 0 : (int)(best - now);
}

int qc_lsp_serve(int in_fd, int out_fd, const qc_lsp_options *opts)
{
    signal(SIGPIPE, SIG_IGN);
    qc_lsp_server *s = qc_calloc(1, sizeof *s);
    s->in_fd = in_fd;
    s->out_fd = out_fd;
    s->opts = *opts;
    s->enc = QC_ENC_UTF16;
    s->debounce_ms = opts->debounce_ms >= 0 ? opts->debounce_ms : 150;
    s->inlay_hints = true;
    s->ws = qc_lsp_workspace_new();
    if (opts->ncorpus_dirs)
        qc_lsp_workspace_set_corpus(s->ws, opts->corpus_dirs, opts->ncorpus_dirs);
    if (opts->config_path)
        qc_lsp_workspace_set_config_path(s->ws, opts->config_path);
    qc_lsp_reader_init(&s->reader, opts->max_message);

    while (!s->exit_now && !s->eof && !s->out_broken) {
        struct pollfd p = { in_fd, POLLIN, 0 };
        int r = poll(&p, 1, qc_lsp_timeout(s));
        if (r < 0 && errno != EINTR) {
            fprintf(stderr, "quotecheck lsp: poll: %s\n", strerror(errno));
            break;
        }
        if (r > 0)
            qc_lsp_read_input(s);
        if (!s->exit_now && !s->eof)
            qc_lsp_run_due_checks(s);
    }

    int code = s->state == 2 ? 0 : 1;
    for (size_t i = 0; i < s->pulls.len; i++) {
        cJSON_Delete(s->pulls.items[i].id);
        free(s->pulls.items[i].uri);
        free(s->pulls.items[i].previous_result_id);
    }
    array_free(&s->pulls);
    array_free(&s->outgoing);
    qc_lsp_docs_free(&s->docs);
    qc_lsp_workspace_delete(s->ws);
    qc_lsp_reader_free(&s->reader);
    qc_arena_free(&s->arena);
    free(s);
    return code;
}
