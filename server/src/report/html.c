/*
 * report/html.c — the HTML report of `check`/`audit --format html`: one
 * self-contained page for a desk editor (inline CSS, no scripts, no
 * external assets; every text escaped). A summary (counts by severity,
 * files, quotes and figures checked, findings by code, worst files), then
 * findings grouped by file, each with the draft line (the quotation
 * marked) beside the source passage(s), coloured by severity. Owned by the
 * check/audit work.
 */
#include "report/report.h"
#include "report/report_internal.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

#ifndef QC_VERSION
#define QC_VERSION "0.0.0"
#endif

static void qc_html_esc_n(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++) {
        switch (s[i]) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        case '\r': break;
        default: fputc(s[i], out);
        }
    }
}

static void qc_html_esc(FILE *out, const char *s)
{
    if (s)
        qc_html_esc_n(out, s, strlen(s));
}

static const char qc_html_css[] =
    ":root{--err:#c62828;--err-bg:#fdecea;--warn:#b26a00;--warn-bg:#fff4e0;--info:#1565c0;"
    "--info-bg:#e8f0fc;--hint:#00796b;--hint-bg:#e0f2f1;--line:#d9dce1;--muted:#5f6670;}\n"
    "*{box-sizing:border-box}\n"
    "body{font:15px/1.5 -apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1d2127;"
    "background:#f6f7f9;margin:0;padding:24px 32px 48px}\n"
    "main{max-width:1200px;margin:0 auto}\n"
    "h1{font-size:24px;margin:0 0 2px}h2{font-size:18px;margin:28px 0 10px}\n"
    ".sub{color:var(--muted);margin:0 0 18px}\n"
    ".cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:16px}\n"
    ".card{background:#fff;border:1px solid var(--line);border-left:6px solid var(--muted);"
    "border-radius:6px;padding:10px 16px;min-width:130px}\n"
    ".card b{display:block;font-size:26px;line-height:1.1}.card span{color:var(--muted);font-size:13px}\n"
    ".card.error{border-left-color:var(--err)}.card.error b{color:var(--err)}\n"
    ".card.warning{border-left-color:var(--warn)}.card.warning b{color:var(--warn)}\n"
    ".card.info{border-left-color:var(--info)}.card.info b{color:var(--info)}\n"
    ".card.hint{border-left-color:var(--hint)}.card.hint b{color:var(--hint)}\n"
    ".tables{display:flex;gap:20px;flex-wrap:wrap;align-items:flex-start}\n"
    "table{border-collapse:collapse;background:#fff;border:1px solid var(--line);border-radius:6px}\n"
    "th,td{padding:6px 12px;text-align:left;border-bottom:1px solid var(--line);font-size:14px}\n"
    "th{background:#eef0f3;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "a{color:#1a56b0}\n"
    ".file{background:#fff;border:1px solid var(--line);border-radius:8px;margin:16px 0;overflow:hidden}\n"
    ".file>summary{cursor:pointer;padding:10px 16px;background:#eef0f3;font-weight:600;"
    "display:flex;gap:12px;align-items:center}\n"
    ".file>summary .path{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:14px;flex:1}\n"
    ".pill{font-size:12px;font-weight:600;border-radius:10px;padding:1px 8px;color:#fff;white-space:nowrap}\n.pill+.pill{margin-left:4px}\n"
    ".pill.error{background:var(--err)}.pill.warning{background:var(--warn)}"
    ".pill.info{background:var(--info)}.pill.hint{background:var(--hint)}\n"
    ".finding{border-top:1px solid var(--line);border-left:6px solid var(--muted);padding:12px 16px}\n"
    ".finding.error{border-left-color:var(--err)}.finding.warning{border-left-color:var(--warn)}\n"
    ".finding.info{border-left-color:var(--info)}.finding.hint{border-left-color:var(--hint)}\n"
    ".head{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}\n"
    ".code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}\n"
    ".pos{color:var(--muted);font-size:13px}\n"
    ".msg{margin:6px 0 10px;font-weight:500}\n"
    ".cols{display:grid;grid-template-columns:1fr 1fr;gap:14px;align-items:start}\n"
    ".pane{border:1px solid var(--line);border-radius:6px;padding:8px 12px;background:#fbfbfc;min-width:0}\n"
    ".pane h3{margin:0 0 4px;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}\n"
    ".pane p{margin:0 0 6px;overflow-wrap:anywhere}\n"
    ".error mark{background:var(--err-bg);color:inherit;box-shadow:0 2px 0 var(--err)}\n"
    ".warning mark{background:var(--warn-bg);color:inherit;box-shadow:0 2px 0 var(--warn)}\n"
    ".info mark{background:var(--info-bg);color:inherit;box-shadow:0 2px 0 var(--info)}\n"
    ".hint mark{background:var(--hint-bg);color:inherit;box-shadow:0 2px 0 var(--hint)}\n"
    ".src+.src{border-top:1px dashed var(--line);padding-top:6px}\n"
    ".where{color:var(--muted);font-size:12px;font-family:ui-monospace,Menlo,Consolas,monospace}\n"
    ".none{color:var(--muted);font-style:italic}\n"
    ".fix,.diff{margin:8px 0 0;font-size:14px}.fix b,.diff b{color:var(--muted)}\n"
    ".clean{color:var(--muted);font-size:14px}\n"
    "del{background:#fdecea;color:#8e1b1b}ins{background:#e3f4e6;color:#1b5e20;text-decoration:none}\n"
    "footer{margin-top:32px;color:var(--muted);font-size:12px}\n"
    "@media (max-width:800px){.cols{grid-template-columns:1fr}}\n";

static const char *qc_html_sev(qc_severity s)
{
    return s >= QC_SEV_ERROR && s <= QC_SEV_HINT ? qc_severity_name(s) : "hint";
}

static void qc_html_counts_pills(FILE *out, const qc_report_file *f)
{
    size_t sev[QC_SEV_HINT + 1] = { 0 };
    for (size_t j = 0; j < f->nfindings; j++)
        if (f->findings[j].severity <= QC_SEV_HINT)
            sev[f->findings[j].severity]++;
    for (int s = QC_SEV_ERROR; s <= QC_SEV_HINT; s++)
        if (sev[s])
            fprintf(out, "<span class=\"pill %s\">%zu %s%s</span>", qc_severity_name((qc_severity)s),
                    sev[s], qc_severity_name((qc_severity)s),
                    sev[s] != 1 && s != QC_SEV_INFO ? "s" : "");
}

/* The draft lines holding [start, end), with the range marked. */
static void qc_html_draft_lines(FILE *out, const qc_text *t, size_t start, size_t end)
{
    if (end > t->len)
        end = t->len;
    if (start > end)
        start = end;
    size_t a = start, b = end;
    while (a > 0 && t->data[a - 1] != '\n')
        a--;
    while (b < t->len && t->data[b] != '\n')
        b++;
    /* very long paragraphs: keep some context around the range */
    if (start - a > 400) {
        a = start - 300;
        while (a < start && ((unsigned char)t->data[a] & 0xC0) == 0x80)
            a++;
        fputs("… ", out);
    }
    bool cut = false;
    if (b - end > 400) {
        b = end + 300;
        while (b > end && ((unsigned char)t->data[b] & 0xC0) == 0x80)
            b--;
        cut = true;
    }
    qc_html_esc_n(out, t->data + a, start - a);
    fputs("<mark>", out);
    qc_html_esc_n(out, t->data + start, end - start);
    fputs("</mark>", out);
    qc_html_esc_n(out, t->data + end, b - end);
    if (cut)
        fputs(" …", out);
}

/* A word diff "kept [-dropped-] {+added+}" with <del> and <ins>. */
static void qc_html_diff(FILE *out, const char *d)
{
    while (*d) {
        const char *del = strstr(d, "[-"), *ins = strstr(d, "{+");
        const char *next = del && (!ins || del < ins) ? del : ins;
        const char *close = next ? strstr(next + 2, next == del ? "-]" : "+}") : NULL;
        if (!next || !close) {
            qc_html_esc(out, d);
            return;
        }
        qc_html_esc_n(out, d, (size_t)(next - d));
        fputs(next == del ? "<del>" : "<ins>", out);
        qc_html_esc_n(out, next + 2, (size_t)(close - next - 2));
        fputs(next == del ? "</del>" : "</ins>", out);
        d = close + 2;
    }
}

static void qc_html_finding(FILE *out, const qc_report_file *file, const qc_finding *f,
                            const char *cwd)
{
    const char *sev = qc_html_sev(f->severity);
    qc_pos a = qc_text_pos(file->text, f->start, QC_ENC_UTF32);
    fprintf(out, "<article class=\"finding %s\">\n<div class=\"head\"><span class=\"pill %s\">%s</span> ",
            sev, sev, sev);
    fprintf(out, "<a class=\"code\" href=\"");
    qc_html_esc(out, qc_code_doc_url(f->code));
    fprintf(out, "\">%s</a> <span class=\"pos\">line %zu, column %zu</span></div>\n",
            qc_code_name(f->code), a.line + 1, a.column + 1);
    fputs("<p class=\"msg\">", out);
    qc_html_esc(out, f->message);
    fputs("</p>\n<div class=\"cols\">\n<div class=\"pane\"><h3>Draft", out);
    if (f->speaker) {
        fputs(" · ", out);
        qc_html_esc(out, f->speaker);
    }
    fprintf(out, "</h3><p>");
    qc_html_draft_lines(out, file->text, f->start, f->end);
    fprintf(out, "</p><p class=\"where\">");
    qc_html_esc(out, file->path);
    fprintf(out, ":%zu:%zu</p></div>\n", a.line + 1, a.column + 1);
    fputs("<div class=\"pane\"><h3>Source", out);
    if (f->nevidence > 1)
        fprintf(out, "s (%zu)", f->nevidence);
    fputs("</h3>", out);
    if (!f->nevidence)
        fputs("<p class=\"none\">No source passage carries these words.</p>", out);
    for (size_t i = 0; i < f->nevidence && i < 5; i++) {
        const qc_evidence *ev = &f->evidence[i];
        fputs("<div class=\"src\"><p><b>", out);
        qc_html_esc(out, ev->outlet ? ev->outlet : "unknown outlet");
        fprintf(out, "</b> <span class=\"pos\">(%s, %.2f)", ev->credibility_label ? ev->credibility_label : "unknown",
                ev->credibility);
        if (ev->speaker) {
            fputs(" — ", out);
            qc_html_esc(out, ev->speaker);
        }
        fputs("</span></p><p>“", out);
        char *words = qc_report_oneline(ev->text, 600);
        qc_html_esc(out, words);
        free(words);
        fputs("”</p><p class=\"where\">", out);
        char *p = qc_report_display_path(ev->path, cwd);
        qc_html_esc(out, p);
        free(p);
        if (ev->source) {
            qc_pos e = qc_text_pos(ev->source, ev->start, QC_ENC_UTF32);
            fprintf(out, ":%zu:%zu", e.line + 1, e.column + 1);
        }
        if (ev->revision) {
            fputs(" @ ", out);
            qc_html_esc(out, ev->revision);
        }
        fputs("</p></div>", out);
    }
    if (f->nevidence > 5)
        fprintf(out, "<p class=\"none\">… and %zu more</p>", f->nevidence - 5);
    fputs("</div>\n</div>\n", out);
    if (f->diff) {
        fputs("<p class=\"diff\"><b>Difference:</b> ", out);
        qc_html_diff(out, f->diff);
        fputs("</p>\n", out);
    }
    for (size_t i = 0; i < f->nfixes; i++) {
        fputs("<p class=\"fix\"><b>Fix:</b> ", out);
        qc_html_esc(out, f->fixes[i].title);
        if (f->fixes[i].replacement) {
            fputs(" → “", out);
            qc_html_esc(out, f->fixes[i].replacement);
            fputs("”", out);
        }
        fputs("</p>\n", out);
    }
    fputs("</article>\n", out);
}

void qc_report_html(FILE *out, const qc_report_file *files, size_t nfiles,
                    const qc_report_options *opt)
{
    qc_report_totals t;
    qc_report_totals_get(files, nfiles, &t);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>quotecheck report", out);
    if (opt->title) {
        fputs(" — ", out);
        qc_html_esc(out, opt->title);
    }
    fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", qc_html_css);
    fputs("<h1>Quotation and figure check</h1>\n<p class=\"sub\">", out);
    qc_html_esc(out, opt->title ? opt->title : "drafts");
    fprintf(out, " · %zu draft%s · %zu quotation%s and %zu figure%s checked</p>\n", t.files,
            t.files == 1 ? "" : "s", t.quotes, t.quotes == 1 ? "" : "s", t.figures,
            t.figures == 1 ? "" : "s");

    /* summary */
    fputs("<section class=\"cards\">\n", out);
    for (int s = QC_SEV_ERROR; s <= QC_SEV_HINT; s++)
        fprintf(out, "<div class=\"card %s\"><b>%zu</b><span>%s</span></div>\n",
                qc_severity_name((qc_severity)s), t.by_severity[s],
                s == QC_SEV_ERROR ? "errors" : s == QC_SEV_WARNING ? "warnings" : s == QC_SEV_INFO ? "info" : "hints");
    fputs("</section>\n<div class=\"tables\">\n<table>\n<tr><th colspan=\"2\">Run</th></tr>\n", out);
    size_t with = 0;
    for (size_t i = 0; i < nfiles; i++)
        with += files[i].nfindings > 0;
    fprintf(out, "<tr><td>Drafts checked</td><td class=\"n\">%zu</td></tr>\n"
                 "<tr><td>Drafts with findings</td><td class=\"n\">%zu</td></tr>\n"
                 "<tr><td>Quotations checked</td><td class=\"n\">%zu</td></tr>\n"
                 "<tr><td>Figures checked</td><td class=\"n\">%zu</td></tr>\n"
                 "<tr><td>Unreadable drafts</td><td class=\"n\">%zu</td></tr>\n"
                 "<tr><td>Ignored drafts</td><td class=\"n\">%zu</td></tr>\n</table>\n",
            t.files, with, t.quotes, t.figures, opt->unreadable, opt->ignored);
    fputs("<table>\n<tr><th>Finding</th><th>Default</th><th>Count</th></tr>\n", out);
    for (int c = 0; c < QC_CODE_COUNT; c++) {
        fputs("<tr><td><a class=\"code\" href=\"", out);
        qc_html_esc(out, qc_code_doc_url((qc_code)c));
        fprintf(out, "\">%s</a></td><td>%s</td><td class=\"n\">%zu</td></tr>\n", qc_code_name((qc_code)c),
                qc_severity_name(qc_code_default_severity((qc_code)c)), t.by_code[c]);
    }
    fputs("</table>\n", out);
    size_t max = opt->worst ? opt->worst : 10;
    size_t *idx = qc_calloc(max, sizeof *idx);
    size_t nw = qc_report_worst(files, nfiles, idx, max);
    if (nw) {
        fputs("<table>\n<tr><th>Worst drafts</th><th>Findings</th></tr>\n", out);
        for (size_t i = 0; i < nw; i++) {
            fprintf(out, "<tr><td><a href=\"#f%zu\" class=\"code\">", idx[i]);
            qc_html_esc(out, files[idx[i]].path);
            fputs("</a></td><td>", out);
            qc_html_counts_pills(out, &files[idx[i]]);
            fputs("</td></tr>\n", out);
        }
        fputs("</table>\n", out);
    }
    free(idx);
    fputs("</div>\n", out);

    /* findings by file */
    fputs("<h2>Findings by draft</h2>\n", out);
    if (!t.findings)
        fputs("<p class=\"clean\">No findings: every quotation and figure matches the sources.</p>\n", out);
    for (size_t i = 0; i < nfiles; i++) {
        const qc_report_file *f = &files[i];
        if (!f->nfindings)
            continue;
        fprintf(out, "<details class=\"file\" id=\"f%zu\" open>\n<summary><span class=\"path\">", i);
        qc_html_esc(out, f->path);
        fputs("</span>", out);
        qc_html_counts_pills(out, f);
        fputs("</summary>\n", out);
        for (size_t j = 0; j < f->nfindings; j++)
            qc_html_finding(out, f, &f->findings[j], opt->cwd);
        fputs("</details>\n", out);
    }
    if (with < nfiles) {
        fprintf(out, "<h2>Drafts without findings (%zu)</h2>\n<p class=\"clean\">", nfiles - with);
        bool first = true;
        for (size_t i = 0; i < nfiles; i++) {
            if (files[i].nfindings)
                continue;
            if (!first)
                fputs(" · ", out);
            first = false;
            fputs("<span class=\"code\">", out);
            qc_html_esc(out, files[i].path);
            fputs("</span>", out);
        }
        fputs("</p>\n", out);
    }
    fprintf(out, "<footer>quotecheck %s · lines and columns are 1-based, columns count characters</footer>\n"
                 "</main>\n</body>\n</html>\n", QC_VERSION);
}
