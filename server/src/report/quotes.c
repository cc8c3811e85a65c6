/*
 * report/quotes.c — output of `quotecheck quotes`: the quotations and
 * figures of each file, as text or as the stable JSON interface
 * (README, "quotes JSON").
 */
#include "report/report.h"
#include "report/report_internal.h"
#include "util/alloc.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct qc_quotes_report {
    FILE *out;
    qc_out_format fmt;
    cJSON *root, *files;
};

int qc_out_format_parse(const char *s)
{
    if (!strcmp(s, "text")) return QC_OUT_TEXT;
    if (!strcmp(s, "json")) return QC_OUT_JSON;
    if (!strcmp(s, "sarif")) return QC_OUT_SARIF;
    if (!strcmp(s, "html")) return QC_OUT_HTML;
    return -1;
}

cJSON *qc_report_range_json(const qc_text *text, size_t start, size_t end)
{
    qc_pos a = qc_text_pos(text, start, QC_ENC_UTF32);
    qc_pos b = qc_text_pos(text, end, QC_ENC_UTF32);
    cJSON *r = cJSON_CreateObject();
    cJSON *s = cJSON_AddObjectToObject(r, "start");
    cJSON_AddNumberToObject(s, "line", (double)a.line + 1);
    cJSON_AddNumberToObject(s, "column", (double)a.column + 1);
    cJSON *e = cJSON_AddObjectToObject(r, "end");
    cJSON_AddNumberToObject(e, "line", (double)b.line + 1);
    cJSON_AddNumberToObject(e, "column", (double)b.column + 1);
    return r;
}

static void qc_add_str_or_null(cJSON *o, const char *key, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

static const char *const qc_figure_kind_names[] = {
    "count", "date", "time", "money", "percent", "distance", "other",
};

const char *qc_figure_kind_name(qc_figure_kind k) { return qc_figure_kind_names[k]; }

qc_quotes_report *qc_quotes_report_begin(FILE *out, qc_out_format fmt)
{
    qc_quotes_report *self = qc_calloc(1, sizeof *self);
    self->out = out;
    self->fmt = fmt;
    if (fmt == QC_OUT_JSON) {
        self->root = cJSON_CreateObject();
        cJSON_AddNumberToObject(self->root, "version", 1);
        self->files = cJSON_AddArrayToObject(self->root, "files");
    }
    return self;
}

static cJSON *qc_figure_json(const qc_text *text, const qc_figure *f)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "text", cJSON_CreateString(qc_report_slice(text, f->start, f->end)));
    cJSON_AddItemToObject(o, "range", qc_report_range_json(text, f->start, f->end));
    cJSON_AddStringToObject(o, "kind", qc_figure_kind_name(f->kind));
    if (f->kind == QC_FIGURE_DATE || f->kind == QC_FIGURE_TIME)
        cJSON_AddStringToObject(o, "value", f->normalized ? f->normalized : "");
    else
        cJSON_AddNumberToObject(o, "value", f->value);
    if (f->value_max != f->value && f->kind != QC_FIGURE_DATE && f->kind != QC_FIGURE_TIME)
        cJSON_AddNumberToObject(o, "value_max", f->value_max);
    qc_add_str_or_null(o, "qualifier", f->qualifier);
    qc_add_str_or_null(o, "counts", f->counts);
    qc_add_str_or_null(o, "unit", f->unit);
    if (f->normalized)
        cJSON_AddStringToObject(o, "normalized", f->normalized);
    cJSON_AddBoolToObject(o, "vague", f->vague);
    cJSON_AddBoolToObject(o, "in_quote", f->in_quote);
    return o;
}

void qc_quotes_report_file(qc_quotes_report *self, const char *path, const qc_text *text,
                           const qc_extraction *ex)
{
    if (self->fmt == QC_OUT_JSON) {
        cJSON *f = cJSON_CreateObject();
        cJSON_AddStringToObject(f, "path", path);
        cJSON *qs = cJSON_AddArrayToObject(f, "quotes");
        for (size_t i = 0; i < ex->nquotes; i++) {
            const qc_quote *q = &ex->quotes[i];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "text", q->text);
            cJSON_AddItemToObject(o, "range", qc_report_range_json(text, q->start, q->end));
            qc_add_str_or_null(o, "speaker", q->speaker);
            qc_add_str_or_null(o, "speaker_text", q->speaker_text);
            qc_add_str_or_null(o, "verb", q->verb);
            cJSON_AddStringToObject(o, "kind", q->kind == QC_QUOTE_DIRECT ? "direct" : "partial");
            cJSON_AddItemToArray(qs, o);
        }
        cJSON *fs = cJSON_AddArrayToObject(f, "figures");
        for (size_t i = 0; i < ex->nfigures; i++)
            cJSON_AddItemToArray(fs, qc_figure_json(text, &ex->figures[i]));
        cJSON_AddItemToArray(self->files, f);
        return;
    }
    for (size_t i = 0; i < ex->nquotes; i++) {
        const qc_quote *q = &ex->quotes[i];
        qc_pos a = qc_text_pos(text, q->start, QC_ENC_UTF32);
        fprintf(self->out, "%s:%zu:%zu: %s quote \"%s\"\n    speaker: %s", path, a.line + 1,
                a.column + 1, q->kind == QC_QUOTE_DIRECT ? "direct" : "partial", q->text,
                q->speaker ? q->speaker : "(none)");
        if (q->speaker_text && (!q->speaker || strcmp(q->speaker_text, q->speaker)))
            fprintf(self->out, " (as \"%s\")", q->speaker_text);
        if (q->verb)
            fprintf(self->out, ", verb: %s", q->verb);
        fputc('\n', self->out);
    }
    for (size_t i = 0; i < ex->nfigures; i++) {
        const qc_figure *fg = &ex->figures[i];
        qc_pos a = qc_text_pos(text, fg->start, QC_ENC_UTF32);
        fprintf(self->out, "%s:%zu:%zu: figure \"%s\" = %s", path, a.line + 1, a.column + 1,
                qc_report_slice(text, fg->start, fg->end),
                fg->normalized ? fg->normalized : "?");
        if (fg->qualifier)
            fprintf(self->out, " (%s)", fg->qualifier);
        if (fg->counts)
            fprintf(self->out, " counts: %s", fg->counts);
        fputc('\n', self->out);
    }
}

void qc_quotes_report_end(qc_quotes_report *self)
{
    if (self->fmt == QC_OUT_JSON) {
        char *s = cJSON_Print(self->root);
        fputs(s, self->out);
        fputc('\n', self->out);
        free(s);
        cJSON_Delete(self->root);
    }
    qc_report_slice_reset();
    free(self);
}
