/*
 * report/report.h — turning results into output (text, JSON, SARIF, HTML).
 *
 * Positions become 1-based lines and code-point columns here, through
 * text/text.h. Writers print to the FILE given; they own nothing they are
 * passed.
 */
#ifndef QC_REPORT_REPORT_H
#define QC_REPORT_REPORT_H

#include <stdio.h>
#include "extract/extract.h"
#include "text/text.h"

typedef enum qc_out_format {
    QC_OUT_TEXT,
    QC_OUT_JSON,
    QC_OUT_SARIF,
    QC_OUT_HTML,
} qc_out_format;

/* Parse "text", "json", …; returns -1 if unknown. */
int qc_out_format_parse(const char *s);

/* `quotes` output. The JSON writer is called once per file between begin/end. */
typedef struct qc_quotes_report qc_quotes_report;
qc_quotes_report *qc_quotes_report_begin(FILE *out, qc_out_format fmt);
void qc_quotes_report_file(qc_quotes_report *self, const char *path, const qc_text *text,
                           const qc_extraction *ex);
void qc_quotes_report_end(qc_quotes_report *self);   /* writes and frees */

#endif
