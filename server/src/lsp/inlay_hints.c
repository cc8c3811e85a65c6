/*
 * lsp/inlay_hints.c — after each quotation, the outlets that carry it
 * ("[NYT, TASS]") or "[no source]".
 *
 * Owned by the lsp module. On by default; the client setting
 * quotecheck.inlayHints (initializationOptions or workspace/configuration)
 * turns it off. Outlets come from the evidence of the findings on the
 * quotation and from a corpus search for its words (workspace.c); when
 * neither is available (corpus search missing) no hint is shown rather
 * than a wrong "[no source]".
 */
#include "lsp/lsp_internal.h"
#include "util/strbuf.h"

#include <string.h>

const char *qc_lsp_outlets_label(qc_arena *arena, const qc_evidence *const *ev, size_t nev,
                                 bool known)
{
    const char *seen[16];
    size_t nseen = 0;
    for (size_t k = 0; k < nev && nseen < 16; k++) {
        const char *o = ev[k]->outlet;
        if (!o || !*o)
            continue;
        bool dup = false;
        for (size_t j = 0; j < nseen; j++)
            dup = dup || !strcmp(seen[j], o);
        if (!dup)
            seen[nseen++] = o;
    }
    if (nseen == 0)
        return nev || known ? (nev ? "[unknown outlet]" : "[no source]") : NULL;
    qc_strbuf sb = QC_STRBUF_INIT;
    qc_strbuf_addc(&sb, '[');
    for (size_t j = 0; j < nseen; j++)
        qc_strbuf_printf(&sb, "%s%s", j ? ", " : "", seen[j]);
    qc_strbuf_addc(&sb, ']');
    const char *out = qc_arena_strdup(arena, sb.data);
    qc_strbuf_free(&sb);
    return out;
}

cJSON *qc_lsp_inlay_hint(qc_lsp_server *s, const cJSON *params, const cJSON *id, qc_lsp_err *err)
{
    qc_lsp_doc *doc = qc_lsp_param_doc(s, params, err);
    size_t start, end;
    if (!doc || !qc_lsp_param_range(s, doc, params, &start, &end, err))
        return NULL;
    cJSON *hints = cJSON_CreateArray();
    if (!s->inlay_hints || !doc->checked)
        return hints;
    qc_lsp_analysis *a = qc_lsp_doc_analysis(s, doc);
    for (size_t i = 0; a->ex && i < a->ex->nquotes; i++) {
        const qc_quote *q = &a->ex->quotes[i];
        if (q->end < start || q->end > end)
            continue;
        /* parts of one utterance: one hint, after the last part */
        if (i + 1 < a->ex->nquotes && q->group && a->ex->quotes[i + 1].group == q->group)
            continue;
        const qc_evidence *ev[16];
        bool known;
        size_t n = qc_lsp_gather_evidence(s, a, q->start, q->end, q->text, ev, 16, &known);
        const char *label = qc_lsp_outlets_label(&s->arena, ev, n, known);
        if (!label)
            continue;
        cJSON *h = cJSON_CreateObject();
        cJSON_AddItemToObject(h, "position", qc_lsp_position_json(doc->text, q->end, s->enc));
        cJSON_AddStringToObject(h, "label", label);
        cJSON_AddTrueToObject(h, "paddingLeft");
        cJSON_AddItemToArray(hints, h);
    }
    return hints;
}
