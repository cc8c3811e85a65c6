/*
 * lsp/documents.c — the document store: open documents by URI, their text
 * (a qc_text, which owns the bytes), incremental edits fed to the
 * tree-sitter parser, file: URIs, and the JSON shape of LSP positions.
 *
 * Owned by the lsp module. The store owns every qc_lsp_doc and what it
 * points to. Every position conversion goes through text/text.h
 * (qc_text_pos / qc_text_offset); this file only reads and writes the
 * JSON {line, character} objects around them.
 */
#include "lsp/lsp_internal.h"
#include "util/alloc.h"
#include "util/strbuf.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* ---- URIs ----------------------------------------------------------------- */

static int qc_lsp_hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *qc_lsp_uri_to_path(const char *uri)
{
    if (strncasecmp(uri, "file://", 7) != 0)
        return NULL;
    const char *p = uri + 7;
    /* file://host/path: only an empty host or localhost */
    if (*p != '/') {
        if (strncasecmp(p, "localhost/", 10) == 0)
            p += 9;
        else
            return NULL;
    }
    size_t n = strlen(p);
    char *out = qc_malloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '?' || p[i] == '#')
            break;
        if (p[i] == '%') {
            int hi = i + 2 < n ? qc_lsp_hexval(p[i + 1]) : -1;
            int lo = hi >= 0 ? qc_lsp_hexval(p[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                free(out);
                return NULL;
            }
            out[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[k++] = p[i];
        }
    }
    out[k] = '\0';
    /* Windows drive letters: /c:/x -> c:/x (kept for completeness) */
    if (k >= 3 && out[0] == '/' && out[2] == ':' &&
        ((out[1] >= 'a' && out[1] <= 'z') || (out[1] >= 'A' && out[1] <= 'Z')))
        memmove(out, out + 1, k);
    return out;
}

char *qc_lsp_path_to_uri(const char *path)
{
    qc_strbuf sb = QC_STRBUF_INIT;
    qc_strbuf_adds(&sb, "file://");
    if (path[0] != '/') {
        char cwd[PATH_MAX];
        if (getcwd(cwd, sizeof cwd)) {
            path = path[0] == '.' && path[1] == '/' ? path + 2 : path;
            for (const char *c = cwd; *c; c++) {
                unsigned char u = (unsigned char)*c;
                if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                    strchr("-._~/", u))
                    qc_strbuf_addc(&sb, (char)u);
                else
                    qc_strbuf_printf(&sb, "%%%02X", u);
            }
            qc_strbuf_addc(&sb, '/');
        }
    }
    for (const char *c = path; *c; c++) {
        unsigned char u = (unsigned char)*c;
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
            strchr("-._~/", u))
            qc_strbuf_addc(&sb, (char)u);
        else
            qc_strbuf_printf(&sb, "%%%02X", u);
    }
    return qc_strbuf_detach(&sb);
}

/* ---- the store ------------------------------------------------------------- */

static void qc_lsp_doc_free(qc_lsp_doc *d)
{
    if (!d)
        return;
    free(d->uri);
    free(d->path);
    free(d->language_id);
    qc_text_delete(d->text);
#if QC_LSP_INCREMENTAL_PARSE
    qc_parser_delete(d->parser);
#endif
    qc_lsp_analysis_delete(d->analysis);
    qc_check_cache_delete(d->check_cache);
    free(d);
}

qc_lsp_doc *qc_lsp_docs_find(qc_lsp_docs *self, const char *uri)
{
    for (size_t i = 0; i < self->items.len; i++)
        if (!strcmp(self->items.items[i]->uri, uri))
            return self->items.items[i];
    return NULL;
}

static bool qc_lsp_lang_is(const char *lang, const char *const *names)
{
    for (; *names; names++)
        if (!strcasecmp(lang, *names))
            return true;
    return false;
}

qc_lsp_doc *qc_lsp_docs_open(qc_lsp_docs *self, const char *uri, const char *language_id,
                             int version, const char *data, size_t len, unsigned long generation)
{
    qc_lsp_docs_close(self, uri);
    qc_lsp_doc *d = qc_calloc(1, sizeof *d);
    d->uri = qc_strdup(uri);
    d->path = qc_lsp_uri_to_path(uri);
    d->language_id = qc_strdup(language_id ? language_id : "");
    static const char *const md[] = { "markdown", "md", "mdx", NULL };
    static const char *const txt[] = { "plaintext", "text", "txt", "", NULL };
    qc_format by_path = d->path ? qc_format_from_path(d->path) : QC_FORMAT_PLAIN;
    if (qc_lsp_lang_is(d->language_id, md)) {
        d->format = QC_FORMAT_MARKDOWN;
        d->checked = true;
    } else if (qc_lsp_lang_is(d->language_id, txt)) {
        d->format = by_path;
        d->checked = true;
    } else {
        /* another language: checked only when the file name says prose */
        const char *dot = d->path ? strrchr(d->path, '.') : NULL;
        d->format = by_path;
        d->checked = by_path == QC_FORMAT_MARKDOWN || (dot && !strcasecmp(dot, ".txt"));
    }
    d->version = version;
    d->text = qc_text_new(data, len);
#if QC_LSP_INCREMENTAL_PARSE
    d->parser = qc_parser_new(d->format);
#endif
    d->generation = generation;
    array_push(&self->items, d);
    return d;
}

bool qc_lsp_docs_close(qc_lsp_docs *self, const char *uri)
{
    for (size_t i = 0; i < self->items.len; i++)
        if (!strcmp(self->items.items[i]->uri, uri)) {
            qc_lsp_doc_free(self->items.items[i]);
            self->items.items[i] = self->items.items[--self->items.len];
            return true;
        }
    return false;
}

void qc_lsp_docs_free(qc_lsp_docs *self)
{
    for (size_t i = 0; i < self->items.len; i++)
        qc_lsp_doc_free(self->items.items[i]);
    array_free(&self->items);
}

/* ---- positions -------------------------------------------------------------- */

cJSON *qc_lsp_position_json(const qc_text *t, size_t offset, qc_encoding enc)
{
    qc_pos p = qc_text_pos(t, offset, enc);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "line", (double)p.line);
    cJSON_AddNumberToObject(o, "character", (double)p.column);
    return o;
}

cJSON *qc_lsp_range_json(const qc_text *t, size_t start, size_t end, qc_encoding enc)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddItemToObject(r, "start", qc_lsp_position_json(t, start, enc));
    cJSON_AddItemToObject(r, "end", qc_lsp_position_json(t, end, enc));
    return r;
}

/* A uinteger field: a JSON number, integral, 0 <= v < 2^31. */
static bool qc_lsp_uint_field(const cJSON *o, const char *name, size_t *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (!cJSON_IsNumber(v))
        return false;
    double d = v->valuedouble;
    if (!(d >= 0) || d > 2147483647.0 || d != (double)(long long)d)
        return false;
    *out = (size_t)d;
    return true;
}

int qc_lsp_offset_from_json(const qc_text *t, const cJSON *pos, qc_encoding enc, size_t *offset,
                            const char **why)
{
    size_t line, ch;
    if (!cJSON_IsObject(pos) || !qc_lsp_uint_field(pos, "line", &line) ||
        !qc_lsp_uint_field(pos, "character", &ch)) {
        *why = "a position needs integer 'line' and 'character' >= 0";
        return -1;
    }
    if (line >= t->nlines) {
        *why = "position is past the end of the document";
        *offset = t->len;
        return -2;
    }
    /* false here means past the line's end (clamped, per the spec) or inside
     * a character (rounded down to its start): both are accepted */
    (void)qc_text_offset(t, (qc_pos){ line, ch }, enc, offset);
    return 0;
}

int qc_lsp_range_from_json(const qc_text *t, const cJSON *range, qc_encoding enc, size_t *start,
                           size_t *end, const char **why)
{
    if (!cJSON_IsObject(range)) {
        *why = "a range needs 'start' and 'end' positions";
        return -1;
    }
    int a = qc_lsp_offset_from_json(t, cJSON_GetObjectItemCaseSensitive(range, "start"), enc,
                                    start, why);
    if (a == -1)
        return -1;
    int b = qc_lsp_offset_from_json(t, cJSON_GetObjectItemCaseSensitive(range, "end"), enc, end,
                                    why);
    if (b == -1)
        return -1;
    if (*start > *end) {
        *why = "range start is after its end";
        return -1;
    }
    return a < 0 ? a : b;
}

/* ---- edits ------------------------------------------------------------------- */

int qc_lsp_doc_apply_change(qc_lsp_doc *self, const cJSON *change, qc_encoding enc,
                            const char **why, const char **warn)
{
    *warn = NULL;
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(change, "text");
    if (!cJSON_IsObject(change) || !cJSON_IsString(text)) {
        *why = "a content change needs a string 'text'";
        return -1;
    }
    const char *repl = text->valuestring;
    size_t n = strlen(repl);
    const cJSON *range = cJSON_GetObjectItemCaseSensitive(change, "range");
    size_t start = 0, end = self->text->len;
    if (range && !cJSON_IsNull(range)) {
        int rc = qc_lsp_range_from_json(self->text, range, enc, &start, &end, why);
        if (rc == -1)
            return -1;
        if (rc == -2)
            *warn = "change range past the end of the document; clamped to the end";
    }
#if QC_LSP_INCREMENTAL_PARSE
    qc_pos sp = qc_text_pos(self->text, start, QC_ENC_UTF8);
    qc_pos op = qc_text_pos(self->text, end, QC_ENC_UTF8);
#endif
    qc_text_replace(self->text, start, end, repl, n);
#if QC_LSP_INCREMENTAL_PARSE
    if (self->parser) {
        qc_pos np = qc_text_pos(self->text, start + n, QC_ENC_UTF8);
        qc_parser_edit(self->parser, start, end, start + n, sp.line, sp.column, op.line, op.column,
                       np.line, np.column);
    }
#endif
    return 0;
}
