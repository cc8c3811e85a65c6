/*
 * lsp/definition.c — go to definition on a quotation or figure: the best
 * source passage (highest credibility among the findings' evidence, else
 * among the corpus passages that carry the quotation's words).
 *
 * Owned by the lsp module. The passage's range is computed through the
 * source's own qc_text (owned by the corpus), in the negotiated encoding.
 * Nothing under the cursor, or no evidence: a null result.
 */
#include "lsp/lsp_internal.h"

#include <stdlib.h>

const qc_evidence *qc_lsp_best_evidence(const qc_finding *const *found, size_t nfound)
{
    const qc_evidence *best = NULL;
    for (size_t i = 0; i < nfound; i++)
        for (size_t k = 0; k < found[i]->nevidence; k++) {
            const qc_evidence *ev = &found[i]->evidence[k];
            if (ev->path && (!best || ev->credibility > best->credibility))
                best = ev;
        }
    return best;
}

cJSON *qc_lsp_evidence_location(qc_lsp_server *s, const qc_evidence *ev)
{
    if (!ev || !ev->path)
        return NULL;
    cJSON *loc = cJSON_CreateObject();
    char *uri = qc_lsp_path_to_uri(ev->path);
    cJSON_AddStringToObject(loc, "uri", uri);
    free(uri);
    if (ev->source)
        cJSON_AddItemToObject(loc, "range", qc_lsp_range_json(ev->source, ev->start, ev->end, s->enc));
    else {
        qc_text empty = { (char *)"", 0, (size_t[]){ 0 }, 1, NULL, 0 };
        cJSON_AddItemToObject(loc, "range", qc_lsp_range_json(&empty, 0, 0, s->enc));
    }
    return loc;
}

cJSON *qc_lsp_definition(qc_lsp_server *s, const cJSON *params, const cJSON *id, qc_lsp_err *err)
{
    qc_lsp_doc *doc = qc_lsp_param_doc(s, params, err);
    size_t offset;
    if (!doc || !qc_lsp_param_position(s, doc, params, &offset, err))
        return NULL;
    qc_lsp_analysis *a = qc_lsp_doc_analysis(s, doc);
    qc_lsp_target t;
    if (!qc_lsp_target_at(a, offset, &t))
        return cJSON_CreateNull();
    const qc_finding *found[32];
    size_t n = qc_lsp_findings_at(a, t.start, t.end, found, 32);
    const qc_evidence *best = qc_lsp_best_evidence(found, n);
    if (!best && t.quote) {
        /* no finding: the passages that carry the quotation's words */
        const qc_evidence *ev[16];
        bool known;
        size_t ne = qc_lsp_gather_evidence(s, a, t.start, t.end, t.quote->text, ev, 16, &known);
        for (size_t i = 0; i < ne; i++)
            if (ev[i]->path && (!best || ev[i]->credibility > best->credibility))
                best = ev[i];
    }
    cJSON *loc = qc_lsp_evidence_location(s, best);
    return loc ? loc : cJSON_CreateNull();
}
