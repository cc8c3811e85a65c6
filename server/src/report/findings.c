/*
 * report/findings.c — output of `quotecheck check` and `audit`: the text
 * format (path:line:col: severity: message [code], evidence and fix
 * beneath, a summary), GitHub workflow commands and the stable JSON
 * interface; SARIF and HTML are in sarif.c and html.c. Owned by the
 * check/audit work. Lines are 1-based and columns count code points,
 * converted through text/text.h (qc_report_range_json for JSON).
 */
#include "report/report.h"
#include "report/report_internal.h"
#include "corpus/corpus.h"
#include "util/alloc.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Shared helpers                                                           */

void qc_report_totals_get(const qc_report_file *files, size_t nfiles, qc_report_totals *out)
{
    memset(out, 0, sizeof *out);
    out->files = nfiles;
    for (size_t i = 0; i < nfiles; i++) {
        out->quotes += files[i].quotes_checked;
        out->figures += files[i].figures_checked;
        for (size_t j = 0; j < files[i].nfindings; j++) {
            const qc_finding *f = &files[i].findings[j];
            out->findings++;
            if (f->severity <= QC_SEV_HINT)
                out->by_severity[f->severity]++;
            if (f->code < QC_CODE_COUNT)
                out->by_code[f->code]++;
        }
    }
}

typedef struct qc_worst_row {
    size_t index, sev[QC_SEV_HINT + 1], total;
    const char *path;
} qc_worst_row;

static int qc_worst_cmp(const void *pa, const void *pb)
{
    const qc_worst_row *a = pa, *b = pb;
    for (int s = QC_SEV_ERROR; s <= QC_SEV_HINT; s++)
        if (a->sev[s] != b->sev[s])
            return a->sev[s] > b->sev[s] ? -1 : 1;
    if (a->total != b->total)
        return a->total > b->total ? -1 : 1;
    return strcmp(a->path, b->path);
}

size_t qc_report_worst(const qc_report_file *files, size_t nfiles, size_t *out, size_t max)
{
    qc_worst_row *rows = qc_calloc(nfiles + 1, sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i < nfiles; i++) {
        if (!files[i].nfindings)
            continue;
        qc_worst_row *r = &rows[n++];
        r->index = i;
        r->path = files[i].path;
        r->total = files[i].nfindings;
        for (size_t j = 0; j < files[i].nfindings; j++)
            if (files[i].findings[j].severity <= QC_SEV_HINT)
                r->sev[files[i].findings[j].severity]++;
    }
    qsort(rows, n, sizeof *rows, qc_worst_cmp);
    if (n > max)
        n = max;
    for (size_t i = 0; i < n; i++)
        out[i] = rows[i].index;
    free(rows);
    return n;
}

char *qc_report_display_path(const char *path, const char *cwd)
{
    if (!path)
        return qc_strdup("");
    if (cwd && path[0] == '/') {
        size_t n = strlen(cwd);
        if (n > 1 && !strncmp(path, cwd, n) && path[n] == '/')
            return qc_strdup(path + n + 1);
    }
    if (path[0] == '.' && path[1] == '/' && path[2])
        return qc_strdup(path + 2);
    return qc_strdup(path);
}

char *qc_report_oneline(const char *s, size_t max_cp)
{
    qc_strbuf sb = QC_STRBUF_INIT;
    size_t n = s ? strlen(s) : 0, cps = 0;
    bool space = false;
    for (size_t i = 0; i < n;) {
        size_t l;
        int32_t cp = qc_utf8_decode(s + i, n - i, &l);
        if (qc_cp_is_space(cp)) {
            space = sb.len > 0;
            i += l;
            continue;
        }
        if (cps + (space ? 1 : 0) >= max_cp) {
            qc_strbuf_adds(&sb, "…");
            break;
        }
        if (space) {
            qc_strbuf_addc(&sb, ' ');
            cps++;
            space = false;
        }
        qc_strbuf_add(&sb, s + i, l);
        cps++;
        i += l;
    }
    if (!sb.data)
        return qc_strdup("");
    return qc_strbuf_detach(&sb);
}

char *qc_report_counts_phrase(const size_t by_severity[QC_SEV_HINT + 1])
{
    qc_strbuf sb = QC_STRBUF_INIT;
    size_t e = by_severity[QC_SEV_ERROR], w = by_severity[QC_SEV_WARNING];
    size_t i = by_severity[QC_SEV_INFO], h = by_severity[QC_SEV_HINT];
    if (e + w + i + h == 0)
        return qc_strdup("no findings");
    qc_strbuf_printf(&sb, "%zu error%s, %zu warning%s, %zu info", e, e == 1 ? "" : "s", w,
                     w == 1 ? "" : "s", i);
    if (h)
        qc_strbuf_printf(&sb, ", %zu hint%s", h, h == 1 ? "" : "s");
    return qc_strbuf_detach(&sb);
}

static const char *qc_plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* ---------------------------------------------------------------------- */
/* Text                                                                     */

typedef struct qc_style {
    const char *bold, *dim, *reset, *sev[QC_SEV_HINT + 1];
} qc_style;

static const qc_style qc_style_plain = { "", "", "", { "", "", "", "", "" } };
static const qc_style qc_style_ansi = {
    "\033[1m", "\033[2m", "\033[0m",
    { "", "\033[1;31m", "\033[1;33m", "\033[1;34m", "\033[1;36m" },
};

static void qc_text_pos_print(FILE *out, const qc_text *t, size_t byte)
{
    qc_pos p = qc_text_pos(t, byte, QC_ENC_UTF32);
    fprintf(out, "%zu:%zu", p.line + 1, p.column + 1);
}

/* "kept [-dropped-] {+added+}" with the markers kept and coloured. */
static void qc_text_diff_colored(FILE *out, const char *d)
{
    for (; *d; d++) {
        if (d[0] == '[' && d[1] == '-') {
            fputs("\033[31m[-", out);
            d++;
        } else if (d[0] == '{' && d[1] == '+') {
            fputs("\033[32m{+", out);
            d++;
        } else if ((d[0] == '-' && d[1] == ']') || (d[0] == '+' && d[1] == '}')) {
            fputc(d[0], out);
            fputc(d[1], out);
            fputs("\033[0m", out);
            d++;
        } else {
            fputc(*d, out);
        }
    }
}

static void qc_text_finding(FILE *out, const qc_style *st, const qc_report_file *file,
                            const qc_finding *f, const char *cwd)
{
    qc_severity sev = f->severity <= QC_SEV_HINT ? f->severity : QC_SEV_HINT;
    char *msg = qc_report_oneline(f->message, 1000);
    fprintf(out, "%s%s:", st->bold, file->path);
    qc_text_pos_print(out, file->text, f->start);
    fprintf(out, ":%s %s%s%s: %s %s[%s]%s\n", st->reset, st->sev[sev], qc_severity_name(sev),
            st->reset, msg, st->dim, qc_code_name(f->code), st->reset);
    free(msg);
    size_t shown = f->nevidence < 3 ? f->nevidence : 3;
    for (size_t i = 0; i < shown; i++) {
        const qc_evidence *ev = &f->evidence[i];
        char *words = qc_report_oneline(ev->text, 160);
        char *path = qc_report_display_path(ev->path, cwd);
        fprintf(out, "  ↳ %s (%s)", ev->outlet ? ev->outlet : "unknown outlet",
                ev->credibility_label ? ev->credibility_label : qc_credibility_label(ev->credibility));
        if (ev->speaker)
            fprintf(out, ", %s", ev->speaker);
        fprintf(out, ": \"%s\" %s— %s", words, st->dim, path);
        if (ev->source) {
            fputc(':', out);
            qc_text_pos_print(out, ev->source, ev->start);
        }
        if (ev->revision)
            fprintf(out, " (revision %.12s)", ev->revision);
        fprintf(out, "%s\n", st->reset);
        free(words);
        free(path);
    }
    if (f->nevidence > shown)
        fprintf(out, "  %s… and %zu more source%s%s\n", st->dim, f->nevidence - shown,
                qc_plural(f->nevidence - shown, "", "s"), st->reset);
    if (f->diff) {
        char *d = qc_report_oneline(f->diff, 300);
        fputs("  diff: ", out);
        if (st == &qc_style_ansi)
            qc_text_diff_colored(out, d);
        else
            fputs(d, out);
        fputc('\n', out);
        free(d);
    }
    for (size_t i = 0; i < f->nfixes; i++) {
        const qc_fix *x = &f->fixes[i];
        if (x->title && *x->title) {
            fprintf(out, "  fix: %s\n", x->title);
        } else {
            char *r = qc_report_oneline(x->replacement, 160);
            fprintf(out, "  fix: replace with \"%s\"\n", r);
            free(r);
        }
    }
}

static void qc_text_summary_line(FILE *out, const qc_style *st, const qc_report_totals *t,
                                 const qc_report_options *opt)
{
    char *counts = qc_report_counts_phrase(t->by_severity);
    fprintf(out, "%s%s in %zu %s (%zu %s, %zu %s checked)", st->bold, counts, t->files,
            qc_plural(t->files, "file", "files"), t->quotes, qc_plural(t->quotes, "quote", "quotes"),
            t->figures, qc_plural(t->figures, "figure", "figures"));
    if (opt->unreadable)
        fprintf(out, "; %zu unreadable", opt->unreadable);
    if (opt->ignored)
        fprintf(out, "; %zu ignored", opt->ignored);
    fprintf(out, "%s\n", st->reset);
    free(counts);
}

static void qc_report_text(FILE *out, const qc_report_file *files, size_t nfiles,
                           const qc_report_options *opt)
{
    const qc_style *st = opt->color ? &qc_style_ansi : &qc_style_plain;
    bool any = false;
    for (size_t i = 0; i < nfiles; i++)
        for (size_t j = 0; j < files[i].nfindings; j++) {
            qc_text_finding(out, st, &files[i], &files[i].findings[j], opt->cwd);
            any = true;
        }
    if (opt->quiet)
        return;
    qc_report_totals t;
    qc_report_totals_get(files, nfiles, &t);
    if (any)
        fputc('\n', out);
    if (!opt->audit) {
        qc_text_summary_line(out, st, &t, opt);
        return;
    }
    size_t with = 0;
    for (size_t i = 0; i < nfiles; i++)
        with += files[i].nfindings > 0;
    fprintf(out, "%sSummary%s\n", st->bold, st->reset);
    fprintf(out, "  files            %zu checked, %zu with findings", t.files, with);
    if (opt->unreadable)
        fprintf(out, ", %zu unreadable", opt->unreadable);
    if (opt->ignored)
        fprintf(out, ", %zu ignored", opt->ignored);
    fprintf(out, "\n  quotes checked   %zu\n  figures checked  %zu\n", t.quotes, t.figures);
    char *counts = qc_report_counts_phrase(t.by_severity);
    fprintf(out, "  findings         %s\n", counts);
    free(counts);
    if (t.findings) {
        fprintf(out, "  by code\n");
        for (int c = 0; c < QC_CODE_COUNT; c++)
            if (t.by_code[c])
                fprintf(out, "    %-22s %zu\n", qc_code_name((qc_code)c), t.by_code[c]);
        size_t max = opt->worst ? opt->worst : 10;
        size_t *idx = qc_calloc(max, sizeof *idx);
        size_t n = qc_report_worst(files, nfiles, idx, max);
        fprintf(out, "  worst files\n");
        int width = 0;
        for (size_t i = 0; i < n; i++) {
            int w = (int)qc_utf8_count(files[idx[i]].path, strlen(files[idx[i]].path));
            width = w > width ? w : width;
        }
        for (size_t i = 0; i < n; i++) {
            const qc_report_file *f = &files[idx[i]];
            size_t sev[QC_SEV_HINT + 1] = { 0 };
            for (size_t j = 0; j < f->nfindings; j++)
                if (f->findings[j].severity <= QC_SEV_HINT)
                    sev[f->findings[j].severity]++;
            char *c = qc_report_counts_phrase(sev);
            int pad = width - (int)qc_utf8_count(f->path, strlen(f->path));
            fprintf(out, "    %s%*s  %s\n", f->path, pad, "", c);
            free(c);
        }
        free(idx);
    }
    qc_text_summary_line(out, st, &t, opt);
}

/* ---------------------------------------------------------------------- */
/* GitHub Actions workflow commands                                         */

static void qc_gh_escape(FILE *out, const char *s, bool property)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':': property ? fputs("%3A", out) : fputc(':', out); break;
        case ',': property ? fputs("%2C", out) : fputc(',', out); break;
        default: fputc(*s, out);
        }
    }
}

static void qc_report_github(FILE *out, const qc_report_file *files, size_t nfiles,
                             const qc_report_options *opt)
{
    for (size_t i = 0; i < nfiles; i++) {
        const qc_report_file *file = &files[i];
        for (size_t j = 0; j < file->nfindings; j++) {
            const qc_finding *f = &file->findings[j];
            qc_pos a = qc_text_pos(file->text, f->start, QC_ENC_UTF32);
            qc_pos b = qc_text_pos(file->text, f->end, QC_ENC_UTF32);
            const char *level = f->severity == QC_SEV_ERROR     ? "error"
                                : f->severity == QC_SEV_WARNING ? "warning"
                                                                : "notice";
            fprintf(out, "::%s file=", level);
            qc_gh_escape(out, file->path, true);
            fprintf(out, ",line=%zu,col=%zu,endLine=%zu,endColumn=%zu,title=", a.line + 1,
                    a.column + 1, b.line + 1, b.column + 1);
            qc_gh_escape(out, "quotecheck ", true);
            qc_gh_escape(out, qc_code_name(f->code), true);
            fputs("::", out);
            qc_strbuf sb = QC_STRBUF_INIT;
            qc_strbuf_adds(&sb, f->message ? f->message : "");
            if (f->nevidence) {
                const qc_evidence *ev = &f->evidence[0];
                char *w = qc_report_oneline(ev->text, 160);
                char *p = qc_report_display_path(ev->path, opt->cwd);
                qc_strbuf_printf(&sb, "\n↳ %s: \"%s\" — %s", ev->outlet ? ev->outlet : "unknown outlet", w, p);
                free(w);
                free(p);
            }
            if (f->nfixes && f->fixes[0].title)
                qc_strbuf_printf(&sb, "\nfix: %s", f->fixes[0].title);
            qc_gh_escape(out, qc_strbuf_cstr(&sb), false);
            qc_strbuf_free(&sb);
            fputc('\n', out);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* JSON                                                                     */

static void qc_json_str_or_null(cJSON *o, const char *key, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

static cJSON *qc_json_evidence(const qc_evidence *ev, const char *cwd)
{
    cJSON *o = cJSON_CreateObject();
    char *p = qc_report_display_path(ev->path, cwd);
    cJSON_AddStringToObject(o, "path", p);
    free(p);
    if (ev->source)
        cJSON_AddItemToObject(o, "range", qc_report_range_json(ev->source, ev->start, ev->end));
    else
        cJSON_AddNullToObject(o, "range");
    qc_json_str_or_null(o, "outlet", ev->outlet);
    qc_json_str_or_null(o, "speaker", ev->speaker);
    cJSON_AddNumberToObject(o, "credibility", ev->credibility);
    qc_json_str_or_null(o, "text", ev->text);
    qc_json_str_or_null(o, "credibility_label", ev->credibility_label);
    qc_json_str_or_null(o, "revision", ev->revision);
    return o;
}

static cJSON *qc_json_finding(const qc_report_file *file, const qc_finding *f, const char *cwd)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "code", qc_code_name(f->code));
    cJSON_AddStringToObject(o, "severity", qc_severity_name(f->severity));
    cJSON_AddStringToObject(o, "message", f->message ? f->message : "");
    cJSON_AddItemToObject(o, "range", qc_report_range_json(file->text, f->start, f->end));
    qc_json_str_or_null(o, "quote", f->quote);
    qc_json_str_or_null(o, "speaker", f->speaker);
    cJSON *ev = cJSON_AddArrayToObject(o, "evidence");
    for (size_t i = 0; i < f->nevidence; i++)
        cJSON_AddItemToArray(ev, qc_json_evidence(&f->evidence[i], cwd));
    if (f->nfixes) {
        const qc_fix *x = &f->fixes[0];
        cJSON *fix = cJSON_AddObjectToObject(o, "fix");
        cJSON_AddStringToObject(fix, "title", x->title ? x->title : "");
        cJSON_AddItemToObject(fix, "range", qc_report_range_json(file->text, x->start, x->end));
        cJSON_AddStringToObject(fix, "replacement", x->replacement ? x->replacement : "");
    } else {
        cJSON_AddNullToObject(o, "fix");
    }
    qc_json_str_or_null(o, "diff", f->diff);
    cJSON_AddStringToObject(o, "url", qc_code_doc_url(f->code));
    return o;
}

static cJSON *qc_json_sev_counts(const size_t by_severity[QC_SEV_HINT + 1])
{
    cJSON *o = cJSON_CreateObject();
    for (int s = QC_SEV_ERROR; s <= QC_SEV_HINT; s++)
        cJSON_AddNumberToObject(o, qc_severity_name((qc_severity)s), (double)by_severity[s]);
    return o;
}

static void qc_report_json(FILE *out, const qc_report_file *files, size_t nfiles,
                           const qc_report_options *opt)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "version", 1);
    cJSON *fs = cJSON_AddArrayToObject(root, "files");
    for (size_t i = 0; i < nfiles; i++) {
        cJSON *fo = cJSON_CreateObject();
        cJSON_AddStringToObject(fo, "path", files[i].path);
        cJSON *ds = cJSON_AddArrayToObject(fo, "diagnostics");
        for (size_t j = 0; j < files[i].nfindings; j++)
            cJSON_AddItemToArray(ds, qc_json_finding(&files[i], &files[i].findings[j], opt->cwd));
        cJSON_AddNumberToObject(fo, "quotes_checked", (double)files[i].quotes_checked);
        cJSON_AddNumberToObject(fo, "figures_checked", (double)files[i].figures_checked);
        cJSON_AddItemToArray(fs, fo);
    }
    qc_report_totals t;
    qc_report_totals_get(files, nfiles, &t);
    cJSON *s = cJSON_AddObjectToObject(root, "summary");
    cJSON_AddNumberToObject(s, "files", (double)t.files);
    cJSON_AddNumberToObject(s, "quotes_checked", (double)t.quotes);
    cJSON_AddNumberToObject(s, "figures_checked", (double)t.figures);
    cJSON_AddNumberToObject(s, "findings", (double)t.findings);
    cJSON_AddItemToObject(s, "by_severity", qc_json_sev_counts(t.by_severity));
    cJSON *bc = cJSON_AddObjectToObject(s, "by_code");
    for (int c = 0; c < QC_CODE_COUNT; c++)
        cJSON_AddNumberToObject(bc, qc_code_name((qc_code)c), (double)t.by_code[c]);
    cJSON_AddNumberToObject(s, "unreadable", (double)opt->unreadable);
    cJSON_AddNumberToObject(s, "ignored", (double)opt->ignored);
    if (opt->audit) {
        size_t max = opt->worst ? opt->worst : 10;
        size_t *idx = qc_calloc(max, sizeof *idx);
        size_t n = qc_report_worst(files, nfiles, idx, max);
        cJSON *w = cJSON_AddArrayToObject(s, "worst_files");
        for (size_t i = 0; i < n; i++) {
            const qc_report_file *f = &files[idx[i]];
            size_t sev[QC_SEV_HINT + 1] = { 0 };
            for (size_t j = 0; j < f->nfindings; j++)
                if (f->findings[j].severity <= QC_SEV_HINT)
                    sev[f->findings[j].severity]++;
            cJSON *row = cJSON_CreateObject();
            cJSON_AddStringToObject(row, "path", f->path);
            cJSON_AddItemToObject(row, "by_severity", qc_json_sev_counts(sev));
            cJSON_AddItemToArray(w, row);
        }
        free(idx);
    }
    char *str = cJSON_Print(root);
    fputs(str, out);
    fputc('\n', out);
    free(str);
    cJSON_Delete(root);
}

/* ---------------------------------------------------------------------- */

void qc_report_findings(FILE *out, const qc_report_file *files, size_t nfiles,
                        const qc_report_options *opt)
{
    switch (opt->format) {
    case QC_OUT_JSON: qc_report_json(out, files, nfiles, opt); break;
    case QC_OUT_SARIF: qc_report_sarif(out, files, nfiles, opt); break;
    case QC_OUT_HTML: qc_report_html(out, files, nfiles, opt); break;
    case QC_OUT_GITHUB: qc_report_github(out, files, nfiles, opt); break;
    case QC_OUT_TEXT:
    default: qc_report_text(out, files, nfiles, opt); break;
    }
    qc_report_slice_reset();
}
