/*
 * match/codes.c — the stable diagnostic codes, their default severities
 * and documentation links.
 */
#include "match/match.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    qc_severity sev;
} qc_codes[QC_CODE_COUNT] = {
    [QC_CODE_MISATTRIBUTED_QUOTE] = { "misattributed-quote", QC_SEV_ERROR },
    [QC_CODE_ALTERED_QUOTE] = { "altered-quote", QC_SEV_ERROR },
    [QC_CODE_UNSOURCED_QUOTE] = { "unsourced-quote", QC_SEV_WARNING },
    [QC_CODE_FIGURE_MISMATCH] = { "figure-mismatch", QC_SEV_ERROR },
    [QC_CODE_WEAK_SOURCE] = { "weak-source", QC_SEV_INFO },
    [QC_CODE_SOURCES_DISAGREE] = { "sources-disagree", QC_SEV_INFO },
    [QC_CODE_CORRECTED_SOURCE] = { "corrected-source", QC_SEV_WARNING },
};

static const char *const qc_sev_names[] = { "off", "error", "warning", "info", "hint" };

const char *qc_code_name(qc_code code) { return qc_codes[code].name; }
qc_severity qc_code_default_severity(qc_code code) { return qc_codes[code].sev; }

int qc_code_parse(const char *name)
{
    for (int i = 0; i < QC_CODE_COUNT; i++)
        if (!strcmp(qc_codes[i].name, name))
            return i;
    return -1;
}

const char *qc_severity_name(qc_severity sev) { return qc_sev_names[sev]; }

int qc_severity_parse(const char *name)
{
    for (int i = 0; i <= QC_SEV_HINT; i++)
        if (!strcmp(qc_sev_names[i], name))
            return i;
    if (!strcmp(name, "information"))
        return QC_SEV_INFO;
    return -1;
}

const char *qc_code_doc_url(qc_code code)
{
    static const char *const urls[QC_CODE_COUNT] = {
        [QC_CODE_MISATTRIBUTED_QUOTE] = "https://github.com/quotecheck/quotecheck/blob/main/README.md#misattributed-quote",
        [QC_CODE_ALTERED_QUOTE] = "https://github.com/quotecheck/quotecheck/blob/main/README.md#altered-quote",
        [QC_CODE_UNSOURCED_QUOTE] = "https://github.com/quotecheck/quotecheck/blob/main/README.md#unsourced-quote",
        [QC_CODE_FIGURE_MISMATCH] = "https://github.com/quotecheck/quotecheck/blob/main/README.md#figure-mismatch",
        [QC_CODE_WEAK_SOURCE] = "https://github.com/quotecheck/quotecheck/blob/main/README.md#weak-source",
        [QC_CODE_SOURCES_DISAGREE] = "https://github.com/quotecheck/quotecheck/blob/main/README.md#sources-disagree",
        [QC_CODE_CORRECTED_SOURCE] = "https://github.com/quotecheck/quotecheck/blob/main/README.md#corrected-source",
    };
    return urls[code];
}

void qc_findings_delete(qc_findings *self)
{
    if (!self)
        return;
    qc_arena_free(&self->arena);
    free(self);
}
