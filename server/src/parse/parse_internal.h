/*
 * parse/parse_internal.h — shared between the files of parse/ only.
 *
 *   prose.c     qc_prose: format dispatch, plain-text prose, mask finishing
 *   plain.c     paragraph blocks of plain text
 *   markdown.c  Markdown via tree-sitter: input guard, block-tree walk,
 *               inline parses, inline-result cache
 *   parser.c    qc_parser: incremental reparsing for open documents
 *
 * Only parse/ includes tree-sitter; these declarations never leave it.
 */
#ifndef QC_PARSE_INTERNAL_H
#define QC_PARSE_INTERNAL_H

#include "parse/parse.h"
#include "util/array.h"

#include <stdint.h>
#include <tree_sitter/api.h>

typedef Array(qc_block) qc_block_array;

/* Append the paragraphs of plain text data[from..to) to out. */
void qc_plain_blocks(const char *data, size_t len, size_t from, size_t to, qc_block_array *out);

/* prose.c: the plain-text qc_prose of data (used as the Markdown fallback). */
qc_prose *qc_prose_plain(const char *data, size_t len);
/* prose.c: widen the masked bytes of keep (0 = masked) to whole UTF-8
 * characters, and mask NUL bytes. */
void qc_keep_widen(const char *data, size_t len, unsigned char *keep);
/* prose.c: turn a keep map (1 = prose byte) into a qc_prose. Widens every
 * masked byte to its whole UTF-8 character, always masks NUL, copies the
 * kept bytes, blanks the rest (except "\n" and "\r\n"). Takes ownership of blocks'
 * storage; keep is modified in place but stays the caller's. */
qc_prose *qc_prose_from_keep(const char *data, size_t len, unsigned char *keep,
                             qc_block_array *blocks);

/* markdown.c ----------------------------------------------------------- */

const TSLanguage *tree_sitter_markdown(void);
const TSLanguage *tree_sitter_markdown_inline(void);

/* Longest input handed to tree-sitter (its offsets are 32-bit). */
#define QC_MD_MAX_LEN ((size_t)UINT32_MAX - 1)

/* Results of inline parses, keyed by the inline node's text, so that an
 * incremental reparse only re-runs the inline grammar on changed blocks.
 * Owned by a qc_parser; one-shot parses pass NULL. */
typedef struct qc_md_cache qc_md_cache;
qc_md_cache *qc_md_cache_new(void);
void qc_md_cache_delete(qc_md_cache *self);   /* accepts NULL */

/* Parse Markdown. block_parser and inline_parser have their languages set.
 * *tree is the previous tree already edited with ts_tree_edit, or NULL;
 * it is consumed. On return *tree is the new block tree to keep for the
 * next incremental parse (the caller owns it), or NULL when the next parse
 * must start afresh (the text needed guarding, or tree-sitter gave up and
 * the result fell back to plain text). Never fails. */
/* The same as qc_md_parse for documents of only front matter, ATX
 * headings and paragraphs without inline syntax; NULL for any other. */
qc_prose *qc_md_parse_simple(const char *data, size_t len);
qc_prose *qc_md_parse(const char *data, size_t len, TSParser *block_parser,
                      TSParser *inline_parser, TSTree **tree, qc_md_cache *cache);

#endif
