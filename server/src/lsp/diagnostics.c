/*
 * lsp/diagnostics.c — checking open documents and reporting the findings
 * as diagnostics, pushed (publishDiagnostics with the version) or pulled
 * (textDocument/diagnostic), whichever the client supports.
 *
 * Owned by the lsp module. An analysis (prose, extraction, findings and
 * the filtered copies) belongs to its document and is replaced whole. A
 * result computed for a generation that changed while it was computed
 * (the loop reads waiting input before publishing) is dropped, and a log
 * line says so. Pull requests for a document with a check still due wait
 * for it; $/cancelRequest answers them -32800.
 */
#include "lsp/lsp_internal.h"
#include "config/suppress.h"
#include "corpus/corpus.h"
#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void qc_lsp_analysis_delete(qc_lsp_analysis *self)
{
    if (!self)
        return;
    free(self->kept);
    qc_findings_delete(self->findings);
    qc_extraction_delete(self->ex);
    qc_prose_delete(self->prose);
    free(self);
}

qc_finding *qc_lsp_filter_findings(const qc_findings *all, const qc_text *draft, qc_format fmt,
                                   const char *draft_path, const qc_lsp_workspace *ws,
                                   size_t *nkept)
{
    qc_finding *kept = qc_calloc(all && all->len ? all->len : 1, sizeof *kept);
    size_t n = 0;
    qc_suppress *sup = NULL;
    if (all && all->len)
        qc_suppress_scan(draft->data, draft->len, fmt, &sup);
    for (size_t i = 0; all && i < all->len; i++) {
        const qc_finding *f = &all->items[i];
        qc_severity sev = qc_lsp_workspace_severity(ws, draft_path, f->code, f->severity);
        if (sev == QC_SEV_OFF || qc_suppress_covers(sup, f->code, f->start, f->end))
            continue;
        kept[n] = *f;
        kept[n].severity = sev;
        n++;
    }
    qc_suppress_free(sup);
    *nkept = n;
    return kept;
}

size_t qc_lsp_findings_at(const qc_lsp_analysis *a, size_t start, size_t end,
                          const qc_finding **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; a && i < a->nkept && n < max; i++)
        if (a->kept[i].start <= end && a->kept[i].end >= start)
            out[n++] = &a->kept[i];
    return n;
}

qc_lsp_analysis *qc_lsp_analyze(qc_lsp_server *s, qc_lsp_doc *doc)
{
    qc_lsp_analysis *a = qc_calloc(1, sizeof *a);
    a->version = doc->version;
    a->generation = doc->generation;
    if (doc->checked && !(doc->path && qc_lsp_workspace_ignored(s->ws, doc->path))) {
        const qc_text *t = doc->text;
#if QC_LSP_INCREMENTAL_PARSE
        a->prose = doc->parser ? qc_parser_parse(doc->parser, t->data, t->len)
                               : qc_prose_parse(t->data, t->len, doc->format);
#else
        a->prose = qc_prose_parse(t->data, t->len, doc->format);
#endif
        a->ex = qc_extract(t->data, t->len, a->prose);
        qc_corpus *corpus = qc_lsp_workspace_corpus(s->ws);
        /* only the quotations and figures the edit changed are rechecked */
        if (!doc->check_cache)
            doc->check_cache = qc_check_cache_new();
        a->findings = qc_check_cached(doc->check_cache, corpus, qc_lsp_workspace_config(s->ws), t,
                                      a->prose, a->ex, qc_lsp_workspace_history(s->ws));
        a->kept = qc_lsp_filter_findings(a->findings, t, doc->format, doc->path, s->ws, &a->nkept);
        /* a long session touches more and more of the corpus: keep what is
         * cached of it under the memory budget (the server is one thread,
         * and findings hold no pointer into what is freed) */
        qc_corpus_trim(corpus, qc_corpus_memory_budget());
        a->has_corpus = corpus != NULL;
    }
    if (s->debug_delay_ms > 0)
        usleep((useconds_t)s->debug_delay_ms * 1000);
    s->checks_run++;
    return a;
}

static bool qc_lsp_fresh(const qc_lsp_doc *doc)
{
    return doc->analysis && doc->analysis->generation == doc->generation;
}

qc_lsp_analysis *qc_lsp_doc_analysis(qc_lsp_server *s, qc_lsp_doc *doc)
{
    if (qc_lsp_fresh(doc))
        return doc->analysis;
    if (s->reload_due && !s->reload_token)
        qc_lsp_reload(s);
    qc_lsp_analysis_delete(doc->analysis);
    doc->analysis = qc_lsp_analyze(s, doc);
    return doc->analysis;
}

/* ---- JSON ------------------------------------------------------------------ */

static void qc_lsp_add_related(qc_lsp_server *s, cJSON *arr, const qc_evidence *ev)
{
    cJSON *loc = qc_lsp_evidence_location(s, ev);
    if (!loc)
        return;
    char msg[512];
    const char *who = ev->speaker ? ev->speaker : "no speaker named";
    snprintf(msg, sizeof msg, "%s (credibility %s): %s%s%.300s%s", ev->outlet ? ev->outlet : "source",
             ev->credibility_label ? ev->credibility_label : "unknown", who,
             ev->text ? " — “" : "", ev->text ? ev->text : "", ev->text ? "”" : "");
    cJSON *ri = cJSON_CreateObject();
    cJSON_AddItemToObject(ri, "location", loc);
    cJSON_AddStringToObject(ri, "message", msg);
    cJSON_AddItemToArray(arr, ri);
}

cJSON *qc_lsp_diagnostic_json(qc_lsp_server *s, const qc_lsp_doc *doc, const qc_finding *f)
{
    cJSON *d = cJSON_CreateObject();
    cJSON_AddItemToObject(d, "range", qc_lsp_range_json(doc->text, f->start, f->end, s->enc));
    cJSON_AddNumberToObject(d, "severity", f->severity >= QC_SEV_ERROR && f->severity <= QC_SEV_HINT
                                               ? f->severity : QC_SEV_WARNING);
    cJSON_AddStringToObject(d, "code", qc_code_name(f->code));
    cJSON *cd = cJSON_AddObjectToObject(d, "codeDescription");
    cJSON_AddStringToObject(cd, "href", qc_code_doc_url(f->code));
    cJSON_AddStringToObject(d, "source", "quotecheck");
    cJSON_AddStringToObject(d, "message", f->message && *f->message ? f->message : qc_code_name(f->code));
    if (f->nevidence) {
        cJSON *rel = cJSON_AddArrayToObject(d, "relatedInformation");
        for (size_t i = 0; i < f->nevidence && i < 8; i++)
            qc_lsp_add_related(s, rel, &f->evidence[i]);
    }
    /* what code actions need if the client hands the diagnostic back */
    cJSON *data = cJSON_AddObjectToObject(d, "data");
    cJSON_AddNumberToObject(data, "version", doc->version);
    if (f->speaker)
        cJSON_AddStringToObject(data, "speaker", f->speaker);
    cJSON *fixes = cJSON_AddArrayToObject(data, "fixes");
    for (size_t i = 0; i < f->nfixes; i++) {
        cJSON *fx = cJSON_CreateObject();
        cJSON_AddStringToObject(fx, "title", f->fixes[i].title ? f->fixes[i].title : "Apply fix");
        cJSON_AddItemToObject(fx, "range",
                              qc_lsp_range_json(doc->text, f->fixes[i].start, f->fixes[i].end, s->enc));
        cJSON_AddStringToObject(fx, "newText", f->fixes[i].replacement ? f->fixes[i].replacement : "");
        cJSON_AddItemToArray(fixes, fx);
    }
    return d;
}

cJSON *qc_lsp_diagnostics_json(qc_lsp_server *s, const qc_lsp_doc *doc, const qc_lsp_analysis *a)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; a && i < a->nkept; i++)
        cJSON_AddItemToArray(arr, qc_lsp_diagnostic_json(s, doc, &a->kept[i]));
    return arr;
}

/* ---- push -------------------------------------------------------------------- */

void qc_lsp_publish(qc_lsp_server *s, qc_lsp_doc *doc)
{
    const qc_lsp_analysis *a = doc->analysis;
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "uri", doc->uri);
    cJSON_AddNumberToObject(p, "version", a->version);
    cJSON_AddItemToObject(p, "diagnostics", qc_lsp_diagnostics_json(s, doc, a));
    qc_lsp_notify(s, "textDocument/publishDiagnostics", p);
    doc->published = a->generation;
}

void qc_lsp_publish_empty(qc_lsp_server *s, const char *uri)
{
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "uri", uri);
    cJSON_AddItemToObject(p, "diagnostics", cJSON_CreateArray());
    qc_lsp_notify(s, "textDocument/publishDiagnostics", p);
}

void qc_lsp_recheck_all(qc_lsp_server *s)
{
    long long now = qc_lsp_now_ms();
    for (size_t i = 0; i < s->docs.items.len; i++) {
        /* the corpus or config may have been reloaded (even at the same address) */
        qc_check_cache_clear(s->docs.items.items[i]->check_cache);
        s->docs.items.items[i]->generation = ++s->generation;
        s->docs.items.items[i]->due_ms = now;
    }
}

void qc_lsp_run_due_checks(qc_lsp_server *s)
{
    if (s->reload_token) {
        if (qc_lsp_now_ms() < s->reload_wait_until)
            return;   /* waiting for the client to create the progress token */
        qc_lsp_reload_timeout(s);
    }
    if (s->reload_due && s->state == 1)
        qc_lsp_reload(s);
    if (s->reload_token)
        return;
    for (size_t i = 0; i < s->docs.items.len && !s->exit_now && !s->eof; i++) {
        qc_lsp_doc *doc = s->docs.items.items[i];
        if (!doc->due_ms || doc->due_ms > qc_lsp_now_ms())
            continue;
        doc->due_ms = 0;
        if (!qc_lsp_fresh(doc)) {
            qc_lsp_analysis *a = qc_lsp_analyze(s, doc);
            char *uri = qc_strdup(doc->uri);
            /* whatever arrived while checking goes first: a newer version
             * makes this result stale */
            qc_lsp_pump(s);
            doc = qc_lsp_docs_find(&s->docs, uri);
            if (!doc || doc->generation != a->generation) {
                s->results_dropped++;
                qc_lsp_log(s, QC_LSP_LOG_INFO,
                           "dropped stale diagnostics for version %d of %s (%s)", a->version, uri,
                           doc ? "changed while checking" : "closed while checking");
                qc_lsp_analysis_delete(a);
                free(uri);
                i = (size_t)-1;   /* the store may have changed: start over */
                continue;
            }
            free(uri);
            qc_lsp_analysis_delete(doc->analysis);
            doc->analysis = a;
            i = (size_t)-1;
        }
        if (!s->client.pull && doc->published != doc->analysis->generation)
            qc_lsp_publish(s, doc);
        qc_lsp_answer_pulls(s, doc->uri);
    }
}

/* ---- pull --------------------------------------------------------------------- */

static cJSON *qc_lsp_pull_report(qc_lsp_server *s, const qc_lsp_doc *doc, const char *previous)
{
    char rid[32];
    snprintf(rid, sizeof rid, "%lu", doc->analysis->generation);
    cJSON *r = cJSON_CreateObject();
    if (previous && !strcmp(previous, rid)) {
        cJSON_AddStringToObject(r, "kind", "unchanged");
        cJSON_AddStringToObject(r, "resultId", rid);
        return r;
    }
    cJSON_AddStringToObject(r, "kind", "full");
    cJSON_AddStringToObject(r, "resultId", rid);
    cJSON_AddItemToObject(r, "items", qc_lsp_diagnostics_json(s, doc, doc->analysis));
    return r;
}

static void qc_lsp_pull_free(qc_lsp_pending_pull *p)
{
    cJSON_Delete(p->id);
    free(p->uri);
    free(p->previous_result_id);
}

void qc_lsp_answer_pulls(qc_lsp_server *s, const char *uri)
{
    for (size_t i = 0; i < s->pulls.len;) {
        qc_lsp_pending_pull *p = &s->pulls.items[i];
        if (uri && strcmp(p->uri, uri) != 0) {
            i++;
            continue;
        }
        qc_lsp_doc *doc = qc_lsp_docs_find(&s->docs, p->uri);
        if (doc && !qc_lsp_fresh(doc)) {
            i++;
            continue;
        }
        if (doc)
            qc_lsp_reply(s, p->id, qc_lsp_pull_report(s, doc, p->previous_result_id));
        else
            qc_lsp_reply_error(s, p->id, QC_LSP_INVALID_PARAMS, "document closed before its diagnostics were ready");
        qc_lsp_pull_free(p);
        s->pulls.items[i] = s->pulls.items[--s->pulls.len];
    }
}

cJSON *qc_lsp_diagnostic_pull(qc_lsp_server *s, const cJSON *params, const cJSON *id, qc_lsp_err *err)
{
    qc_lsp_doc *doc = qc_lsp_param_doc(s, params, err);
    if (!doc)
        return NULL;
    const cJSON *prev = cJSON_GetObjectItemCaseSensitive(params, "previousResultId");
    if (prev && !cJSON_IsString(prev) && !cJSON_IsNull(prev)) {
        qc_lsp_err_set(err, QC_LSP_INVALID_PARAMS, "previousResultId must be a string");
        return NULL;
    }
    const char *previous = cJSON_IsString(prev) ? prev->valuestring : NULL;
    if (qc_lsp_fresh(doc))
        return qc_lsp_pull_report(s, doc, previous);
    /* a check is due: answer when it is done */
    qc_lsp_pending_pull p = { cJSON_Duplicate(id, 1), qc_strdup(doc->uri),
                              previous ? qc_strdup(previous) : NULL };
    array_push(&s->pulls, p);
    if (!doc->due_ms)
        doc->due_ms = qc_lsp_now_ms();
    err->deferred = true;
    return NULL;
}

static bool qc_lsp_same_id(const cJSON *a, const cJSON *b)
{
    if (cJSON_IsString(a) && cJSON_IsString(b))
        return !strcmp(a->valuestring, b->valuestring);
    double x, y;
    if (cJSON_IsRaw(a))
        x = strtod(a->valuestring, NULL);
    else if (cJSON_IsNumber(a))
        x = a->valuedouble;
    else
        return false;
    if (cJSON_IsRaw(b))
        y = strtod(b->valuestring, NULL);
    else if (cJSON_IsNumber(b))
        y = b->valuedouble;
    else
        return false;
    return x == y;
}

bool qc_lsp_cancel_pull(qc_lsp_server *s, const cJSON *id)
{
    for (size_t i = 0; i < s->pulls.len; i++)
        if (qc_lsp_same_id(s->pulls.items[i].id, id)) {
            qc_lsp_reply_error(s, s->pulls.items[i].id, QC_LSP_REQUEST_CANCELLED, "request cancelled");
            qc_lsp_pull_free(&s->pulls.items[i]);
            s->pulls.items[i] = s->pulls.items[--s->pulls.len];
            return true;
        }
    return false;
}
