/*
 * extract/figures.c — figures (stub until the figure extractor lands).
 */
#include "extract/extract.h"

void qc_figures_find(qc_arena *arena, const qc_prose *prose, qc_figure_list *out)
{
    (void)arena;
    (void)prose;
    (void)out;
}
