/*
 * parse/parser.c — qc_parser: incremental parsing for open documents.
 *
 * A Markdown qc_parser owns two tree-sitter parsers (block and inline
 * grammar), the block tree of the last parse and a cache of inline results
 * (see markdown.c). qc_parser_edit forwards each edit to ts_tree_edit on
 * the kept tree; qc_parser_parse reparses the block grammar from that tree
 * and re-runs the inline grammar only on paragraphs whose text is not in
 * the cache. The qc_prose it returns is the same as qc_prose_parse of the
 * same text (tests/unit/parse_incremental.c checks this after random
 * edits). Plain text has nothing to reuse and is rebuilt each time.
 *
 * The returned qc_prose belongs to the caller; the parser keeps only its
 * tree and cache.
 */
#include "parse/parse_internal.h"
#include "util/alloc.h"

struct qc_parser {
    qc_format fmt;
    TSParser *block, *inl;
    TSTree *tree;          /* last block tree, edited in place; may be NULL */
    qc_md_cache *cache;
};

qc_parser *qc_parser_new(qc_format fmt)
{
    qc_parser *self = qc_calloc(1, sizeof *self);
    self->fmt = fmt;
    if (fmt == QC_FORMAT_MARKDOWN) {
        self->block = ts_parser_new();
        self->inl = ts_parser_new();
        ts_parser_set_language(self->block, tree_sitter_markdown());
        ts_parser_set_language(self->inl, tree_sitter_markdown_inline());
        self->cache = qc_md_cache_new();
    }
    return self;
}

void qc_parser_delete(qc_parser *self)
{
    if (!self)
        return;
    if (self->tree)
        ts_tree_delete(self->tree);
    if (self->block)
        ts_parser_delete(self->block);
    if (self->inl)
        ts_parser_delete(self->inl);
    qc_md_cache_delete(self->cache);
    free(self);
}

void qc_parser_edit(qc_parser *self, size_t start_byte, size_t old_end_byte, size_t new_end_byte,
                    size_t start_row, size_t start_col, size_t old_end_row, size_t old_end_col,
                    size_t new_end_row, size_t new_end_col)
{
    if (!self->tree)
        return;
    if (new_end_byte > QC_MD_MAX_LEN || old_end_byte > QC_MD_MAX_LEN || start_byte > old_end_byte ||
        start_byte > new_end_byte) {   /* out of tree-sitter's range: start afresh */
        ts_tree_delete(self->tree);
        self->tree = NULL;
        return;
    }
    TSInputEdit e = {
        .start_byte = (uint32_t)start_byte,
        .old_end_byte = (uint32_t)old_end_byte,
        .new_end_byte = (uint32_t)new_end_byte,
        .start_point = { (uint32_t)start_row, (uint32_t)start_col },
        .old_end_point = { (uint32_t)old_end_row, (uint32_t)old_end_col },
        .new_end_point = { (uint32_t)new_end_row, (uint32_t)new_end_col },
    };
    ts_tree_edit(self->tree, &e);
}

qc_prose *qc_parser_parse(qc_parser *self, const char *data, size_t len)
{
    if (self->fmt != QC_FORMAT_MARKDOWN)
        return qc_prose_plain(data, len);
    return qc_md_parse(data, len, self->block, self->inl, &self->tree, self->cache);
}
