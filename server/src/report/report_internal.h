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

/* --- check/audit writers (report/findings.c, owned by the check/audit work) --- */

/* Totals over the files of one report. */
typedef struct qc_report_totals {
    size_t files, quotes, figures, findings;
    size_t by_severity[QC_SEV_HINT + 1];   /* indexed by qc_severity */
    size_t by_code[QC_CODE_COUNT];
} qc_report_totals;

void qc_report_totals_get(const qc_report_file *files, size_t nfiles, qc_report_totals *out);
/* Indices of the files with findings, worst first (errors, then warnings,
 * then all findings, then path); returns how many (at most max). */
size_t qc_report_worst(const qc_report_file *files, size_t nfiles, size_t *out, size_t max);
/* A path for display: relative to cwd when it lies under it. Caller frees. */
char *qc_report_display_path(const char *path, const char *cwd);
/* One line: runs of whitespace become one space, trimmed, cut after
 * max_cp code points with "…". Caller frees. */
char *qc_report_oneline(const char *s, size_t max_cp);
/* "3 errors, 1 warning, 2 info" (no findings: "no findings"). Caller frees. */
char *qc_report_counts_phrase(const size_t by_severity[QC_SEV_HINT + 1]);

void qc_report_sarif(FILE *out, const qc_report_file *files, size_t nfiles,
                     const qc_report_options *opt);
void qc_report_html(FILE *out, const qc_report_file *files, size_t nfiles,
                    const qc_report_options *opt);

#endif
