/*
 * report/report_internal.h — helpers shared by the writers of report/.
 */
#ifndef QC_REPORT_INTERNAL_H
#define QC_REPORT_INTERNAL_H

#include <cjson/cJSON.h>
#include "report/report.h"

/* {"start": {"line", "column"}, "end": {…}}: 1-based, code points, end exclusive. */
cJSON *qc_report_range_json(const qc_text *text, size_t start, size_t end);
/* A NUL-terminated copy of text[start..end) valid until the next call of
 * qc_report_slice_reset (owned by this module). */
const char *qc_report_slice(const qc_text *text, size_t start, size_t end);
void qc_report_slice_reset(void);
const char *qc_figure_kind_name(qc_figure_kind k);

#endif
