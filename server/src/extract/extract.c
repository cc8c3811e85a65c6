/*
 * extract/extract.c — runs the extraction passes over one document.
 */
#include "extract/extract.h"
#include "extract/extract_internal.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct qc_span {
    size_t start, end;
} qc_span;

static int qc_span_cmp(const void *a, const void *b)
{
    const qc_span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* A figure is in a quotation when some quotation's inner range contains
 * it: quotations sorted by start with the running maximum of their ends,
 * so each figure costs a binary search (not a pass over every quotation). */
static void qc_mark_in_quote(const qc_extraction *ex, qc_figure_list *figs)
{
    size_t n = ex->nquotes;
    if (!n || !figs->len)
        return;
    qc_span *q = qc_malloc(n * sizeof *q);
    for (size_t j = 0; j < n; j++)
        q[j] = (qc_span){ ex->quotes[j].inner_start, ex->quotes[j].inner_end };
    qsort(q, n, sizeof *q, qc_span_cmp);
    for (size_t j = 1; j < n; j++)   /* end becomes the maximum end so far */
        if (q[j].end < q[j - 1].end)
            q[j].end = q[j - 1].end;
    for (size_t i = 0; i < figs->len; i++) {
        size_t lo = 0, hi = n;   /* quotations starting at or before the figure: [0, lo) */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (q[mid].start <= figs->items[i].start)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo > 0 && q[lo - 1].end >= figs->items[i].end)
            figs->items[i].in_quote = true;
    }
    free(q);
}

qc_extraction *qc_extract(const char *data, size_t len, const qc_prose *prose)
{
    qc_extraction *ex = qc_calloc(1, sizeof *ex);
    qc_quotes_find(ex, data, len, prose);
    qc_figure_list figs = { 0 };
    qc_figures_find(&ex->arena, prose, &figs);
    qc_mark_in_quote(ex, &figs);
    ex->figures = qc_arena_alloc(&ex->arena, figs.len * sizeof *figs.items);
    if (figs.len)
        memcpy(ex->figures, figs.items, figs.len * sizeof *figs.items);
    ex->nfigures = figs.len;
    free(figs.items);
    return ex;
}

void qc_extraction_delete(qc_extraction *self)
{
    if (!self)
        return;
    qc_arena_free(&self->arena);
    free(self);
}
