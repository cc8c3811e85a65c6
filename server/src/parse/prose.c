/*
 * parse/prose.c — qc_prose: format dispatch, plain-text prose, and turning
 * a keep map into the final mask.
 *
 * qc_prose_parse picks the path by format: plain text keeps every byte and
 * takes its blocks from plain.c; Markdown goes through markdown.c with two
 * throw-away tree-sitter parsers. A qc_prose owns its mask and blocks.
 */
#include "parse/parse_internal.h"
#include "util/alloc.h"
#include "util/utf8.h"

#include <string.h>
#include <strings.h>

qc_format qc_format_from_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot && (!strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown") ||
                !strcasecmp(dot, ".mdown") || !strcasecmp(dot, ".mkd")))
        return QC_FORMAT_MARKDOWN;
    return QC_FORMAT_PLAIN;
}

void qc_keep_widen(const char *data, size_t len, unsigned char *keep)
{
    /* A character with any masked byte is masked entirely (markup is
     * ASCII, so this only matters for odd input; it keeps the mask valid
     * UTF-8 wherever data is). Invalid bytes are characters of their own. */
    for (size_t i = 0; i < len;) {
        size_t n;
        if ((unsigned char)data[i] < 0x80)
            n = 1;
        else
            qc_utf8_decode(data + i, len - i, &n);
        bool any_masked = false;
        for (size_t k = i; k < i + n; k++)
            if (!keep[k] || data[k] == '\0')
                any_masked = true;
        if (any_masked)
            memset(keep + i, 0, n);
        i += n;
    }
}

qc_prose *qc_prose_from_keep(const char *data, size_t len, unsigned char *keep,
                             qc_block_array *blocks)
{
    qc_keep_widen(data, len, keep);
    qc_prose *p = qc_calloc(1, sizeof *p);
    p->mask = qc_malloc(len + 1);
    for (size_t i = 0; i < len; i++) {   /* line endings survive masking */
        bool eol = data[i] == '\n' || (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n');
        p->mask[i] = keep[i] || eol ? data[i] : ' ';
    }
    p->mask[len] = '\0';
    p->len = len;
    p->blocks = blocks->items;
    p->nblocks = blocks->len;
    blocks->items = NULL;
    blocks->len = blocks->cap = 0;
    return p;
}

qc_prose *qc_prose_plain(const char *data, size_t len)
{
    qc_prose *p = qc_calloc(1, sizeof *p);
    p->mask = qc_malloc(len + 1);
    for (size_t i = 0; i < len; i++)   /* NUL is never prose */
        p->mask[i] = data[i] ? data[i] : ' ';
    p->mask[len] = '\0';
    p->len = len;
    qc_block_array blocks = ARRAY_INIT;
    qc_plain_blocks(data, len, 0, len, &blocks);
    p->blocks = blocks.items;
    p->nblocks = blocks.len;
    return p;
}

qc_prose *qc_prose_parse(const char *data, size_t len, qc_format fmt)
{
    if (fmt != QC_FORMAT_MARKDOWN)
        return qc_prose_plain(data, len);
    qc_prose *simple = qc_md_parse_simple(data, len);
    if (simple)
        return simple;
    TSParser *block = ts_parser_new();
    TSParser *inl = ts_parser_new();
    ts_parser_set_language(block, tree_sitter_markdown());
    ts_parser_set_language(inl, tree_sitter_markdown_inline());
    TSTree *tree = NULL;
    qc_prose *p = qc_md_parse(data, len, block, inl, &tree, NULL);
    if (tree)
        ts_tree_delete(tree);
    ts_parser_delete(inl);
    ts_parser_delete(block);
    return p;
}

void qc_prose_delete(qc_prose *self)
{
    if (!self)
        return;
    free(self->mask);
    free(self->blocks);
    free(self);
}
