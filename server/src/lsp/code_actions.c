/*
 * lsp/code_actions.c — quick fixes for the findings in a range, and
 * "ignore this finding here".
 *
 * Owned by the lsp module. Each fix a finding carries (use the source's
 * speaker, restore the exact wording, use the sources' figure, add an
 * ellipsis) becomes a quickfix CodeAction with a WorkspaceEdit on the
 * draft; every finding also gets "Ignore CODE here", which inserts
 * `<!-- quotecheck-disable-next-line CODE -->` on its own line above the
 * finding's line (same indentation and block-quote markers). Fixes come
 * from the document's current analysis, not from the diagnostic's data,
 * so they are always computed for the text the edit applies to.
 */
#include "lsp/lsp_internal.h"
#include "util/strbuf.h"

#include <string.h>

size_t qc_lsp_suppress_insert(qc_arena *arena, const qc_text *t, size_t offset, qc_code code,
                              const char **text)
{
    qc_pos p = qc_text_pos(t, offset, QC_ENC_UTF8);
    size_t line_start = t->line_starts[p.line];
    size_t i = line_start;
    while (i < t->len && (t->data[i] == ' ' || t->data[i] == '\t' || t->data[i] == '>'))
        i++;
    /* "> > text": keep the markers and the spaces between them, not the
     * space before the text if no marker follows it */
    size_t prefix_end = i;
    bool crlf = false;
    const char *nl = memchr(t->data + line_start, '\n', t->len - line_start);
    if (nl && nl > t->data + line_start && nl[-1] == '\r')
        crlf = true;
    *text = qc_arena_printf(arena, "%.*s<!-- quotecheck-disable-next-line %s -->%s",
                            (int)(prefix_end - line_start), t->data + line_start,
                            qc_code_name(code), crlf ? "\r\n" : "\n");
    return line_start;
}

static cJSON *qc_lsp_edit(qc_lsp_server *s, const qc_lsp_doc *doc, size_t start, size_t end,
                          const char *new_text)
{
    cJSON *we = cJSON_CreateObject();
    cJSON *changes = cJSON_AddObjectToObject(we, "changes");
    cJSON *edits = cJSON_AddArrayToObject(changes, doc->uri);
    cJSON *te = cJSON_CreateObject();
    cJSON_AddItemToObject(te, "range", qc_lsp_range_json(doc->text, start, end, s->enc));
    cJSON_AddStringToObject(te, "newText", new_text);
    cJSON_AddItemToArray(edits, te);
    return we;
}

static cJSON *qc_lsp_action(const char *title, cJSON *diag, cJSON *edit, bool preferred)
{
    cJSON *a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "title", title);
    cJSON_AddStringToObject(a, "kind", "quickfix");
    cJSON *ds = cJSON_AddArrayToObject(a, "diagnostics");
    cJSON_AddItemToArray(ds, diag);
    if (preferred)
        cJSON_AddTrueToObject(a, "isPreferred");
    cJSON_AddItemToObject(a, "edit", edit);
    return a;
}

cJSON *qc_lsp_code_action(qc_lsp_server *s, const cJSON *params, const cJSON *id, qc_lsp_err *err)
{
    qc_lsp_doc *doc = qc_lsp_param_doc(s, params, err);
    size_t start, end;
    if (!doc || !qc_lsp_param_range(s, doc, params, &start, &end, err))
        return NULL;
    const cJSON *ctx = cJSON_GetObjectItemCaseSensitive(params, "context");
    const cJSON *only = cJSON_GetObjectItemCaseSensitive(ctx, "only");
    if (ctx && !cJSON_IsObject(ctx)) {
        qc_lsp_err_set(err, QC_LSP_INVALID_PARAMS, "context must be an object");
        return NULL;
    }
    cJSON *actions = cJSON_CreateArray();
    if (cJSON_IsArray(only)) {
        bool wanted = false;
        const cJSON *k;
        cJSON_ArrayForEach(k, only)
            if (cJSON_IsString(k) && (!strcmp(k->valuestring, "quickfix") || !strcmp(k->valuestring, "")))
                wanted = true;
        if (!wanted)
            return actions;
    }
    qc_lsp_analysis *a = qc_lsp_doc_analysis(s, doc);
    const qc_finding *found[64];
    size_t n = qc_lsp_findings_at(a, start, end, found, 64);
    for (size_t i = 0; i < n; i++) {
        const qc_finding *f = found[i];
        for (size_t k = 0; k < f->nfixes; k++) {
            const qc_fix *fx = &f->fixes[k];
            cJSON_AddItemToArray(actions,
                qc_lsp_action(fx->title ? fx->title : "Apply the sources' version",
                              qc_lsp_diagnostic_json(s, doc, f),
                              qc_lsp_edit(s, doc, fx->start, fx->end, fx->replacement ? fx->replacement : ""),
                              k == 0));
        }
        const char *ins;
        size_t at = qc_lsp_suppress_insert(&s->arena, doc->text, f->start, f->code, &ins);
        const char *title = qc_arena_printf(&s->arena, "Ignore %s here", qc_code_name(f->code));
        cJSON_AddItemToArray(actions, qc_lsp_action(title, qc_lsp_diagnostic_json(s, doc, f),
                                                    qc_lsp_edit(s, doc, at, at, ins), false));
    }
    return actions;
}
