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
#include "match/match.h"
#include "text/text.h"

typedef enum qc_out_format {
    QC_OUT_TEXT,
    QC_OUT_JSON,
    QC_OUT_SARIF,
    QC_OUT_HTML,
    QC_OUT_GITHUB,      /* GitHub Actions workflow commands (check/audit only) */
} qc_out_format;

/* Parse "text", "json", …; returns -1 if unknown. */
int qc_out_format_parse(const char *s);

/* `quotes` output. The JSON writer is called once per file between begin/end. */
typedef struct qc_quotes_report qc_quotes_report;
qc_quotes_report *qc_quotes_report_begin(FILE *out, qc_out_format fmt);
void qc_quotes_report_file(qc_quotes_report *self, const char *path, const qc_text *text,
                           const qc_extraction *ex);
void qc_quotes_report_end(qc_quotes_report *self);   /* writes and frees */

/* `check` and `audit` output (report/findings.c, sarif.c, html.c; owned by
 * the check/audit work). The caller keeps files, texts and findings alive
 * during the call; files are written in the order given. Lines and
 * columns are 1-based, columns count code points (end exclusive).
 *   text    path:line:col: severity: message [code]
 *             ↳ outlet (credibility)[, speaker]: "passage" — path:line:col
 *             diff: …      fix: …
 *           then "3 errors, 1 warning, 2 info in 2 files (17 quotes, 9
 *           figures checked)"; audit adds files, findings by code and the
 *           worst files above that line.
 *   json    {"version": 1, "files": [{"path", "diagnostics": [{"code",
 *           "severity", "message", "range", "quote", "speaker", "evidence":
 *           [{"path", "range", "outlet", "speaker", "credibility", "text",
 *           "credibility_label", "revision"}], "fix": {"title", "range",
 *           "replacement"} | null, "diff", "url"}], "quotes_checked",
 *           "figures_checked"}], "summary": {"files", "quotes_checked",
 *           "figures_checked", "findings", "by_severity", "by_code",
 *           "unreadable", "ignored"[, "worst_files" (audit)]}}
 *           Keys keep this order; new keys are only ever appended.
 *   sarif   SARIF 2.1.0 (report/sarif.c says how).
 *   html    one self-contained page (report/html.c).
 *   github  ::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message */
typedef struct qc_report_file {
    const char *path;              /* as shown (relative to cwd when under it) */
    const qc_text *text;           /* the draft */
    const qc_finding *findings;    /* in document order */
    size_t nfindings;
    size_t quotes_checked, figures_checked;
} qc_report_file;

typedef struct qc_report_options {
    qc_out_format format;          /* text, json, sarif, html or github */
    bool color;                    /* text: ANSI colours */
    bool quiet;                    /* text: findings only, no summary */
    bool audit;                    /* text/json/html: findings by code, worst files */
    const char *title;             /* html: what was checked ("drafts/") */
    const char *cwd;               /* absolute; evidence paths under it are shown
                                      relative, SARIF uris are relative to it */
    size_t unreadable;             /* drafts that could not be read (summary) */
    size_t ignored;                /* drafts skipped by ignore globs (summary) */
    size_t worst;                  /* worst files listed in an audit summary (0: 10) */
} qc_report_options;

void qc_report_findings(FILE *out, const qc_report_file *files, size_t nfiles,
                        const qc_report_options *opt);

#endif
