/*
 * report/slice.c — short-lived copies of document slices for writers.
 */
#include "report/report_internal.h"
#include "util/arena.h"

static qc_arena qc_slice_arena = QC_ARENA_INIT;

const char *qc_report_slice(const qc_text *text, size_t start, size_t end)
{
    if (end > text->len)
        end = text->len;
    if (start > end)
        start = end;
    return qc_arena_strndup(&qc_slice_arena, text->data + start, end - start);
}

void qc_report_slice_reset(void) { qc_arena_free(&qc_slice_arena); }
