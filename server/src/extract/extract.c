/*
 * extract/extract.c — runs the extraction passes over one document.
 */
#include "extract/extract.h"
#include "extract/extract_internal.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

qc_extraction *qc_extract(const char *data, size_t len, const qc_prose *prose)
{
    qc_extraction *ex = qc_calloc(1, sizeof *ex);
    qc_quotes_find(ex, data, len, prose);
    qc_figure_list figs = { 0 };
    qc_figures_find(&ex->arena, prose, &figs);
    for (size_t i = 0; i < figs.len; i++)
        for (size_t j = 0; j < ex->nquotes; j++)
            if (figs.items[i].start >= ex->quotes[j].inner_start &&
                figs.items[i].end <= ex->quotes[j].inner_end)
                figs.items[i].in_quote = true;
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
