/*
 * lsp/hover.c — hover on a quotation or figure: its provenance as Markdown.
 *
 * Owned by the lsp module. For a quotation: the speaker the draft gives,
 * then each finding with each source passage behind it (outlet,
 * credibility, the source's speaker, a link to the passage) and the source
 * wording beside the draft's with the differences marked (~~removed~~
 * **added**, word by word). For a figure: the sources' figures. Strings
 * are built in the request arena.
 * Provenance (issue 5, the git work's lines): for a quotation in a file in
 * git, one line "introduced in <short id> by <author>, <date>: <subject>"
 * — blame of the document's current text, unsaved edits included, against
 * HEAD (git/log.c); "not committed yet" for edited lines.
 */
#include "lsp/lsp_internal.h"
#include "git/git.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QC_LSP_DIFF_MAX_WORDS 400

bool qc_lsp_target_at(const qc_lsp_analysis *a, size_t offset, qc_lsp_target *out)
{
    memset(out, 0, sizeof *out);
    if (!a)
        return false;
    const qc_extraction *ex = a->ex;
    for (size_t i = 0; ex && i < ex->nquotes; i++) {
        const qc_quote *q = &ex->quotes[i];
        if (q->start <= offset && offset <= q->end &&
            (!out->quote || q->end - q->start < out->end - out->start)) {
            out->quote = q;
            out->start = q->start;
            out->end = q->end;
        }
    }
    if (out->quote)
        return true;
    for (size_t i = 0; ex && i < ex->nfigures; i++) {
        const qc_figure *f = &ex->figures[i];
        if (f->start <= offset && offset <= f->end) {
            out->figure = f;
            out->start = f->start;
            out->end = f->end;
            return true;
        }
    }
    for (size_t i = 0; i < a->nkept; i++)
        if (a->kept[i].start <= offset && offset <= a->kept[i].end) {
            out->finding = &a->kept[i];
            out->start = a->kept[i].start;
            out->end = a->kept[i].end;
            return true;
        }
    return false;
}

/* ---- word diff ----------------------------------------------------------- */

typedef struct qc_lsp_words {
    const char **w;
    size_t *n;
    size_t len;
} qc_lsp_words;

static qc_lsp_words qc_lsp_split(qc_arena *arena, const char *s)
{
    qc_lsp_words out = { 0 };
    size_t cap = 0;
    for (const char *p = s; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        const char *b = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            p++;
        if (out.len == cap) {
            size_t nc = cap ? cap * 2 : 16;
            const char **w = qc_arena_alloc(arena, nc * sizeof *w);
            size_t *n = qc_arena_alloc(arena, nc * sizeof *n);
            if (cap) {
                memcpy(w, out.w, cap * sizeof *w);
                memcpy(n, out.n, cap * sizeof *n);
            }
            out.w = w;
            out.n = n;
            cap = nc;
        }
        out.w[out.len] = b;
        out.n[out.len] = (size_t)(p - b);
        out.len++;
    }
    return out;
}

/* Markdown-escape one word into sb. */
static void qc_lsp_md_word(qc_strbuf *sb, const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strchr("\\`*_~[]<>#|", w[i]))
            qc_strbuf_addc(sb, '\\');
        qc_strbuf_addc(sb, w[i]);
    }
}

static void qc_lsp_md_text(qc_strbuf *sb, const char *s)
{
    if (s)
        qc_lsp_md_word(sb, s, strlen(s));
}

static bool qc_lsp_word_eq(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && !memcmp(a, b, an);
}

/* Emit a run of words of one kind: 0 same, 1 removed, 2 added. */
static void qc_lsp_diff_run(qc_strbuf *sb, int kind, const qc_lsp_words *ws, size_t from, size_t to)
{
    if (from >= to)
        return;
    if (sb->len)
        qc_strbuf_addc(sb, ' ');
    qc_strbuf_adds(sb, kind == 1 ? "~~" : kind == 2 ? "**" : "");
    for (size_t i = from; i < to; i++) {
        if (i > from)
            qc_strbuf_addc(sb, ' ');
        qc_lsp_md_word(sb, ws->w[i], ws->n[i]);
    }
    qc_strbuf_adds(sb, kind == 1 ? "~~" : kind == 2 ? "**" : "");
}

const char *qc_lsp_word_diff(qc_arena *arena, const char *from, const char *to)
{
    qc_lsp_words a = qc_lsp_split(arena, from ? from : "");
    qc_lsp_words b = qc_lsp_split(arena, to ? to : "");
    qc_strbuf sb = QC_STRBUF_INIT;
    if (a.len > QC_LSP_DIFF_MAX_WORDS || b.len > QC_LSP_DIFF_MAX_WORDS) {
        qc_lsp_diff_run(&sb, 1, &a, 0, a.len);
        qc_lsp_diff_run(&sb, 2, &b, 0, b.len);
    } else {
        /* LCS table, suffix form: L[i][j] = LCS of a[i..], b[j..] */
        size_t W = b.len + 1;
        unsigned short *L = qc_arena_alloc(arena, (a.len + 1) * W * sizeof *L);
        for (size_t i = a.len; i-- > 0;)
            for (size_t j = b.len; j-- > 0;)
                L[i * W + j] = qc_lsp_word_eq(a.w[i], a.n[i], b.w[j], b.n[j])
                                   ? (unsigned short)(L[(i + 1) * W + j + 1] + 1)
                                   : (L[(i + 1) * W + j] >= L[i * W + j + 1] ? L[(i + 1) * W + j]
                                                                              : L[i * W + j + 1]);
        size_t i = 0, j = 0;
#define QC_EQ(i, j) ((i) < a.len && (j) < b.len && qc_lsp_word_eq(a.w[i], a.n[i], b.w[j], b.n[j]))
        while (i < a.len || j < b.len) {
            size_t i0 = i, j0 = j;
            if (QC_EQ(i, j)) {
                while (QC_EQ(i, j))
                    i++, j++;
                qc_lsp_diff_run(&sb, 0, &a, i0, i);
                continue;
            }
            while ((i < a.len || j < b.len) && !QC_EQ(i, j)) {
                if (j == b.len || (i < a.len && L[(i + 1) * W + j] >= L[i * W + j + 1]))
                    i++;
                else
                    j++;
            }
            qc_lsp_diff_run(&sb, 1, &a, i0, i);
            qc_lsp_diff_run(&sb, 2, &b, j0, j);
        }
#undef QC_EQ
    }
    const char *out = qc_arena_strdup(arena, qc_strbuf_cstr(&sb));
    qc_strbuf_free(&sb);
    return out;
}

/* ---- the Markdown -------------------------------------------------------------- */

static void qc_lsp_md_evidence(qc_arena *arena, qc_strbuf *sb, const qc_evidence *ev,
                               const char *draft_words, bool is_quote)
{
    qc_strbuf_adds(sb, "- **");
    qc_lsp_md_text(sb, ev->outlet ? ev->outlet : "unknown outlet");
    qc_strbuf_printf(sb, "** · credibility %s (%.2f)",
                     ev->credibility_label ? ev->credibility_label : "unknown", ev->credibility);
    if (is_quote) {
        qc_strbuf_adds(sb, " · said by ");
        if (ev->speaker) {
            qc_strbuf_adds(sb, "*");
            qc_lsp_md_text(sb, ev->speaker);
            qc_strbuf_adds(sb, "*");
        } else {
            qc_strbuf_adds(sb, "no one named");
        }
    }
    if (ev->path) {
        const char *base = strrchr(ev->path, '/');
        base = base ? base + 1 : ev->path;
        size_t line = ev->source ? qc_text_pos(ev->source, ev->start, QC_ENC_UTF32).line + 1 : 1;
        char *uri = qc_lsp_path_to_uri(ev->path);
        qc_strbuf_adds(sb, " · [");
        qc_lsp_md_text(sb, base);
        qc_strbuf_printf(sb, ":%zu](%s#L%zu)", line, uri, line);
        free(uri);
    }
    if (ev->revision)
        qc_strbuf_printf(sb, " · revision `%.12s`", ev->revision);
    qc_strbuf_addc(sb, '\n');
    if (ev->text) {
        qc_strbuf_adds(sb, "  - source: ");
        qc_lsp_md_text(sb, ev->text);
        qc_strbuf_addc(sb, '\n');
        if (is_quote && draft_words && strcmp(ev->text, draft_words) != 0) {
            qc_strbuf_adds(sb, "  - draft vs source: ");
            qc_strbuf_adds(sb, qc_lsp_word_diff(arena, ev->text, draft_words));
            qc_strbuf_addc(sb, '\n');
        }
    }
}

const char *qc_lsp_hover_markdown(qc_arena *arena, const char *what, const char *draft_words,
                                  const char *draft_speaker, const qc_finding *const *found,
                                  size_t nfound, const qc_evidence *const *carriers,
                                  size_t ncarriers, bool has_corpus)
{
    bool is_quote = !strcmp(what, "Quotation");
    qc_strbuf sb = QC_STRBUF_INIT;
    qc_strbuf_printf(&sb, "**%s**", what);
    if (draft_words) {
        qc_strbuf_adds(&sb, is_quote ? " “" : " ");
        qc_lsp_md_text(&sb, draft_words);
        qc_strbuf_adds(&sb, is_quote ? "”" : "");
    }
    qc_strbuf_addc(&sb, '\n');
    if (is_quote) {
        qc_strbuf_adds(&sb, "\nThe draft attributes it to ");
        if (draft_speaker) {
            qc_strbuf_adds(&sb, "**");
            qc_lsp_md_text(&sb, draft_speaker);
            qc_strbuf_adds(&sb, "**.\n");
        } else {
            qc_strbuf_adds(&sb, "no one it could identify.\n");
        }
    }
    if (nfound == 0 && !has_corpus)
        qc_strbuf_adds(&sb, "\nNo source corpus is loaded (see `.quotecheck.json`).\n");
    else if (nfound == 0)
        qc_strbuf_adds(&sb, "\nNo problem found against the sources.\n");
    for (size_t i = 0; i < nfound; i++) {
        const qc_finding *f = found[i];
        qc_strbuf_printf(&sb, "\n**%s** (%s): ", qc_code_name(f->code), qc_severity_name(f->severity));
        qc_lsp_md_text(&sb, f->message ? f->message : "");
        qc_strbuf_addc(&sb, '\n');
        if (f->nevidence)
            qc_strbuf_adds(&sb, is_quote ? "\nSources carrying it:\n\n" : "\nThe sources' figures:\n\n");
        else if (f->code == QC_CODE_UNSOURCED_QUOTE)
            qc_strbuf_adds(&sb, "\nNo source carries these words.\n");
        for (size_t k = 0; k < f->nevidence; k++)
            qc_lsp_md_evidence(arena, &sb, &f->evidence[k], draft_words, is_quote);
    }
    if (ncarriers) {
        qc_strbuf_adds(&sb, is_quote ? "\nSources carrying these words:\n\n" : "\nSources:\n\n");
        for (size_t k = 0; k < ncarriers; k++)
            qc_lsp_md_evidence(arena, &sb, carriers[k], draft_words, is_quote);
    }
    const char *out = qc_arena_strdup(arena, qc_strbuf_cstr(&sb));
    qc_strbuf_free(&sb);
    return out;
}

size_t qc_lsp_gather_evidence(qc_lsp_server *s, const qc_lsp_analysis *a, size_t start, size_t end,
                              const char *words, const qc_evidence **out, size_t max, bool *known)
{
    const qc_finding *found[32];
    size_t nf = qc_lsp_findings_at(a, start, end, found, 32), n = 0;
    bool unsourced = false;
    for (size_t i = 0; i < nf; i++) {
        unsourced = unsourced || found[i]->code == QC_CODE_UNSOURCED_QUOTE;
        for (size_t k = 0; k < found[i]->nevidence && n < max; k++)
            out[n++] = &found[i]->evidence[k];
    }
    bool available = false;
    if (words && n < max && !unsourced) {
        qc_evidence *c = qc_arena_alloc(&s->arena, (max - n) * sizeof *c);
        size_t nc = qc_lsp_workspace_carriers(s->ws, &s->arena, words, c, max - n, &available);
        for (size_t k = 0; k < nc; k++) {
            bool dup = false;
            for (size_t j = 0; j < n && !dup; j++)
                dup = out[j]->path && !strcmp(out[j]->path, c[k].path) && out[j]->start == c[k].start;
            if (!dup)
                out[n++] = &c[k];
        }
    }
    *known = unsourced || !a->has_corpus || available;
    return n;
}

/* The provenance line of doc[start, end), or NULL outside git. */
static const char *qc_lsp_provenance(qc_arena *arena, const qc_lsp_doc *doc, size_t start, size_t end)
{
    qc_git *git = NULL;
    qc_git_blame *b = NULL;
    char *rel = NULL;
    const char *out = NULL;
    if (!doc->path || qc_git_open(&git, doc->path) != 0 || qc_git_relpath(git, doc->path, &rel) != 0 ||
        qc_git_blame_buffer(git, rel, doc->text->data, doc->text->len, &b) != 0) {
        qc_error_clear();
        goto cleanup;
    }
    size_t first = qc_text_pos(doc->text, start, QC_ENC_UTF8).line + 1;
    size_t last = qc_text_pos(doc->text, end > start ? end - 1 : start, QC_ENC_UTF8).line + 1;
    bool uncommitted = false;
    const qc_git_commit *c = qc_git_blame_range(b, first, last, &uncommitted);
    qc_strbuf sb = QC_STRBUF_INIT;
    if (c) {
        qc_strbuf_printf(&sb, "introduced in `%s` by ", c->short_id);
        qc_lsp_md_text(&sb, c->author);
        qc_strbuf_printf(&sb, ", %s: ", c->date);
        qc_lsp_md_text(&sb, c->subject);
    } else if (uncommitted) {
        qc_strbuf_adds(&sb, "not committed yet");
    }
    if (sb.len)
        out = qc_arena_strdup(arena, qc_strbuf_cstr(&sb));
    qc_strbuf_free(&sb);
cleanup:
    qc_git_blame_free(b);
    free(rel);
    qc_git_close(git);
    return out;
}

cJSON *qc_lsp_hover(qc_lsp_server *s, const cJSON *params, const cJSON *id, qc_lsp_err *err)
{
    qc_lsp_doc *doc = qc_lsp_param_doc(s, params, err);
    size_t offset;
    if (!doc || !qc_lsp_param_position(s, doc, params, &offset, err))
        return NULL;
    qc_lsp_analysis *a = qc_lsp_doc_analysis(s, doc);
    qc_lsp_target t;
    if (!qc_lsp_target_at(a, offset, &t))
        return cJSON_CreateNull();
    const qc_finding *found[32];
    size_t n = qc_lsp_findings_at(a, t.start, t.end, found, 32);
    /* sources that carry the words, beyond the findings' own evidence */
    const qc_evidence *carriers[16] = { NULL };
    size_t ncar = 0;
    bool known;
    if (t.quote && n == 0)
        ncar = qc_lsp_gather_evidence(s, a, t.start, t.end, t.quote->text, carriers, 16, &known);
    const char *what = t.quote ? "Quotation" : t.figure ? "Figure" : "Finding";
    const char *words = t.quote ? t.quote->text
                      : t.figure ? qc_arena_strndup(&s->arena, doc->text->data + t.start, t.end - t.start)
                                 : t.finding->quote;
    const char *speaker = t.quote ? t.quote->speaker : t.finding ? t.finding->speaker : NULL;
    if (t.finding && !t.quote && !t.figure && t.finding->code != QC_CODE_FIGURE_MISMATCH)
        what = "Quotation";
    const char *md = qc_lsp_hover_markdown(&s->arena, what, words, speaker, found, n, carriers, ncar,
                                           a->has_corpus);
    const char *prov = t.quote ? qc_lsp_provenance(&s->arena, doc, t.start, t.end) : NULL;
    if (prov)
        md = qc_arena_printf(&s->arena, "%s\n%s\n", md, prov);
    cJSON *r = cJSON_CreateObject();
    cJSON *c = cJSON_AddObjectToObject(r, "contents");
    cJSON_AddStringToObject(c, "kind", s->client.hover_markdown ? "markdown" : "plaintext");
    cJSON_AddStringToObject(c, "value", md);
    cJSON_AddItemToObject(r, "range", qc_lsp_range_json(doc->text, t.start, t.end, s->enc));
    return r;
}
