/*
 * report/sarif.c — SARIF 2.1.0 output of `check` and `audit`, for code
 * scanning (GitHub, GitLab, Azure DevOps). Owned by the check/audit work.
 *
 * One run; tool.driver lists one rule per diagnostic code (id, name,
 * shortDescription, helpUri, defaultConfiguration.level). Each finding is
 * a result with ruleId/ruleIndex, level (error, warning, note), message,
 * one location in the draft, relatedLocations for the source passages and
 * fixes for the suggested replacements.
 *
 * Regions: lines are 1-based; columns are 1-based and count Unicode code
 * points, the same as our text and JSON formats. SARIF's default unit is
 * UTF-16 code units, so the run declares "columnKind": "unicodeCodePoints".
 * endColumn is exclusive (one past the last character), as SARIF says.
 * Draft uris are relative to the working directory, declared as the
 * SRCROOT base in originalUriBaseIds; paths outside it become file:// uris.
 */
#include "report/report.h"
#include "report/report_internal.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#ifndef QC_VERSION
#define QC_VERSION "0.0.0"
#endif

#define QC_SARIF_INFO_URI "https://github.com/quotecheck/quotecheck"

static const char *const qc_sarif_short[QC_CODE_COUNT] = {
    [QC_CODE_MISATTRIBUTED_QUOTE] = "The sources give these words to someone else.",
    [QC_CODE_ALTERED_QUOTE] = "The wording differs from every source (words changed, added, dropped without an ellipsis, sentences spliced).",
    [QC_CODE_UNSOURCED_QUOTE] = "No source contains these words or anything close.",
    [QC_CODE_FIGURE_MISMATCH] = "The sources give another number for the same thing.",
    [QC_CODE_WEAK_SOURCE] = "The quote or figure rests only on low-credibility sources or a single source.",
    [QC_CODE_SOURCES_DISAGREE] = "The sources differ among themselves (speaker or figure).",
    [QC_CODE_CORRECTED_SOURCE] = "The quote matches only an earlier revision of a source that was later corrected.",
};

static const char *qc_sarif_level(qc_severity sev)
{
    switch (sev) {
    case QC_SEV_ERROR: return "error";
    case QC_SEV_WARNING: return "warning";
    case QC_SEV_OFF: return "none";
    default: return "note";
    }
}

/* "misattributed-quote" -> "MisattributedQuote" (SARIF rule names). */
static char *qc_sarif_rule_name(const char *code)
{
    qc_strbuf sb = QC_STRBUF_INIT;
    bool up = true;
    for (const char *p = code; *p; p++) {
        if (*p == '-') {
            up = true;
            continue;
        }
        qc_strbuf_addc(&sb, up && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
        up = false;
    }
    return qc_strbuf_detach(&sb);
}

/* Percent-encode a path for a uri (RFC 3986: unreserved and '/' kept). */
static void qc_sarif_uri_encode(qc_strbuf *sb, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
            qc_strbuf_addc(sb, (char)c);
        else {
            qc_strbuf_addc(sb, '%');
            qc_strbuf_addc(sb, hex[c >> 4]);
            qc_strbuf_addc(sb, hex[c & 15]);
        }
    }
}

/* {"uri", "uriBaseId"?} for a path as shown (relative to cwd) or absolute. */
static cJSON *qc_sarif_artifact(const char *path, const char *cwd)
{
    cJSON *o = cJSON_CreateObject();
    char *shown = qc_report_display_path(path, cwd);
    qc_strbuf sb = QC_STRBUF_INIT;
    bool abs = shown[0] == '/';
    if (abs)
        qc_strbuf_adds(&sb, "file://");
    qc_sarif_uri_encode(&sb, shown);
    cJSON_AddStringToObject(o, "uri", qc_strbuf_cstr(&sb));
    if (!abs)
        cJSON_AddStringToObject(o, "uriBaseId", "SRCROOT");
    qc_strbuf_free(&sb);
    free(shown);
    return o;
}

static cJSON *qc_sarif_region(const qc_text *t, size_t start, size_t end, const char *snippet)
{
    qc_pos a = qc_text_pos(t, start, QC_ENC_UTF32);
    qc_pos b = qc_text_pos(t, end, QC_ENC_UTF32);
    cJSON *r = cJSON_CreateObject();
    cJSON_AddNumberToObject(r, "startLine", (double)a.line + 1);
    cJSON_AddNumberToObject(r, "startColumn", (double)a.column + 1);
    cJSON_AddNumberToObject(r, "endLine", (double)b.line + 1);
    cJSON_AddNumberToObject(r, "endColumn", (double)b.column + 1);
    if (snippet) {
        cJSON *s = cJSON_AddObjectToObject(r, "snippet");
        cJSON_AddStringToObject(s, "text", snippet);
    }
    return r;
}

static cJSON *qc_sarif_message(const char *text)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "text", text ? text : "");
    return m;
}

static cJSON *qc_sarif_result(const qc_report_file *file, const qc_finding *f, const char *cwd)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "ruleId", qc_code_name(f->code));
    cJSON_AddNumberToObject(r, "ruleIndex", (double)f->code);
    cJSON_AddStringToObject(r, "level", qc_sarif_level(f->severity));
    cJSON_AddItemToObject(r, "message", qc_sarif_message(f->message));

    cJSON *locs = cJSON_AddArrayToObject(r, "locations");
    cJSON *loc = cJSON_CreateObject();
    cJSON *pl = cJSON_AddObjectToObject(loc, "physicalLocation");
    cJSON_AddItemToObject(pl, "artifactLocation", qc_sarif_artifact(file->path, cwd));
    cJSON_AddItemToObject(pl, "region",
                          qc_sarif_region(file->text, f->start, f->end,
                                          qc_report_slice(file->text, f->start, f->end)));
    cJSON_AddItemToArray(locs, loc);

    if (f->nevidence) {
        cJSON *rel = cJSON_AddArrayToObject(r, "relatedLocations");
        for (size_t i = 0; i < f->nevidence; i++) {
            const qc_evidence *ev = &f->evidence[i];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddNumberToObject(o, "id", (double)i + 1);
            qc_strbuf sb = QC_STRBUF_INIT;
            qc_strbuf_printf(&sb, "%s (%s credibility %.2f)", ev->outlet ? ev->outlet : "unknown outlet",
                             ev->credibility_label ? ev->credibility_label : "unknown",
                             ev->credibility);
            if (ev->speaker)
                qc_strbuf_printf(&sb, ": %s", ev->speaker);
            if (ev->revision)
                qc_strbuf_printf(&sb, " (revision %.12s)", ev->revision);
            cJSON_AddItemToObject(o, "message", qc_sarif_message(qc_strbuf_cstr(&sb)));
            qc_strbuf_free(&sb);
            cJSON *epl = cJSON_AddObjectToObject(o, "physicalLocation");
            cJSON_AddItemToObject(epl, "artifactLocation", qc_sarif_artifact(ev->path, cwd));
            if (ev->source)
                cJSON_AddItemToObject(epl, "region",
                                      qc_sarif_region(ev->source, ev->start, ev->end, ev->text));
            cJSON_AddItemToArray(rel, o);
        }
    }
    if (f->nfixes) {
        cJSON *fixes = cJSON_AddArrayToObject(r, "fixes");
        for (size_t i = 0; i < f->nfixes; i++) {
            const qc_fix *x = &f->fixes[i];
            cJSON *fx = cJSON_CreateObject();
            cJSON_AddItemToObject(fx, "description", qc_sarif_message(x->title));
            cJSON *changes = cJSON_AddArrayToObject(fx, "artifactChanges");
            cJSON *ch = cJSON_CreateObject();
            cJSON_AddItemToObject(ch, "artifactLocation", qc_sarif_artifact(file->path, cwd));
            cJSON *reps = cJSON_AddArrayToObject(ch, "replacements");
            cJSON *rep = cJSON_CreateObject();
            cJSON_AddItemToObject(rep, "deletedRegion", qc_sarif_region(file->text, x->start, x->end, NULL));
            cJSON *ins = cJSON_AddObjectToObject(rep, "insertedContent");
            cJSON_AddStringToObject(ins, "text", x->replacement ? x->replacement : "");
            cJSON_AddItemToArray(reps, rep);
            cJSON_AddItemToArray(changes, ch);
            cJSON_AddItemToArray(fixes, fx);
        }
    }
    return r;
}

void qc_report_sarif(FILE *out, const qc_report_file *files, size_t nfiles,
                     const qc_report_options *opt)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    cJSON_AddStringToObject(root, "version", "2.1.0");
    cJSON *runs = cJSON_AddArrayToObject(root, "runs");
    cJSON *run = cJSON_CreateObject();
    cJSON_AddItemToArray(runs, run);

    cJSON *driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
    cJSON_AddStringToObject(driver, "name", "quotecheck");
    cJSON_AddStringToObject(driver, "version", QC_VERSION);
    cJSON_AddStringToObject(driver, "semanticVersion", QC_VERSION);
    cJSON_AddStringToObject(driver, "informationUri", QC_SARIF_INFO_URI);
    cJSON *rules = cJSON_AddArrayToObject(driver, "rules");
    for (int c = 0; c < QC_CODE_COUNT; c++) {
        cJSON *rule = cJSON_CreateObject();
        cJSON_AddStringToObject(rule, "id", qc_code_name((qc_code)c));
        char *name = qc_sarif_rule_name(qc_code_name((qc_code)c));
        cJSON_AddStringToObject(rule, "name", name);
        free(name);
        cJSON_AddItemToObject(rule, "shortDescription", qc_sarif_message(qc_sarif_short[c]));
        cJSON_AddStringToObject(rule, "helpUri", qc_code_doc_url((qc_code)c));
        cJSON *dc = cJSON_AddObjectToObject(rule, "defaultConfiguration");
        cJSON_AddStringToObject(dc, "level", qc_sarif_level(qc_code_default_severity((qc_code)c)));
        cJSON_AddItemToArray(rules, rule);
    }

    if (opt->cwd) {
        qc_strbuf sb = QC_STRBUF_INIT;
        qc_strbuf_adds(&sb, "file://");
        qc_sarif_uri_encode(&sb, opt->cwd);
        if (sb.len && sb.data[sb.len - 1] != '/')
            qc_strbuf_addc(&sb, '/');
        cJSON *base = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "originalUriBaseIds"), "SRCROOT");
        cJSON_AddStringToObject(base, "uri", qc_strbuf_cstr(&sb));
        qc_strbuf_free(&sb);
    }
    cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");

    cJSON *results = cJSON_AddArrayToObject(run, "results");
    for (size_t i = 0; i < nfiles; i++)
        for (size_t j = 0; j < files[i].nfindings; j++)
            cJSON_AddItemToArray(results, qc_sarif_result(&files[i], &files[i].findings[j], opt->cwd));

    char *s = cJSON_Print(root);
    fputs(s, out);
    fputc('\n', out);
    free(s);
    cJSON_Delete(root);
}
