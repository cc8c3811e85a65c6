/*
 * parse/parse.h — from a document's bytes to its prose.
 *
 * This module alone includes tree-sitter. It turns a Markdown or plain-text
 * document into a qc_prose: the document's bytes with everything that is
 * not prose masked out, plus the list of prose blocks in document order.
 *
 * Masking keeps every byte offset identical to the source: a masked byte
 * becomes ' ' (line endings, "\n" and "\r\n", stay; NUL is always
 * masked), and whole characters are masked, so the mask is valid UTF-8
 * wherever the source is. Masked in Markdown: front matter, code blocks
 * and code spans, HTML blocks, inline HTML and comments, images,
 * autolinks, link destinations, titles and brackets (the link text stays;
 * for reference links only when the label is defined, so "[sic]" stays),
 * link reference definitions, block-quote and list markers, heading
 * markers and setext underlines, emphasis delimiters, escape backslashes,
 * hard line breaks, thematic breaks, table pipes and delimiter rows.
 * Plain text masks nothing (but NUL).
 *
 * Blocks, in document order: paragraphs, headings, paragraphs in block
 * quotes and list items (the innermost container decides), and each table
 * cell (a block of its container's kind). A block's range is its prose
 * trimmed of masked and blank bytes; a paragraph with no prose has none.
 *
 * A qc_prose owns its mask and block array; qc_prose_delete frees both.
 * A qc_parser keeps the previous tree for incremental reparsing (LSP).
 */
#ifndef QC_PARSE_PARSE_H
#define QC_PARSE_PARSE_H

#include <stddef.h>
#include <stdbool.h>

typedef enum qc_format {
    QC_FORMAT_PLAIN,
    QC_FORMAT_MARKDOWN,
} qc_format;

typedef enum qc_block_kind {
    QC_BLOCK_PARAGRAPH,
    QC_BLOCK_HEADING,
    QC_BLOCK_QUOTE,      /* a paragraph inside a Markdown block quote */
    QC_BLOCK_LIST_ITEM,  /* a paragraph inside a list item */
} qc_block_kind;

typedef struct qc_block {
    size_t start, end;   /* byte range in the document, end exclusive */
    qc_block_kind kind;
} qc_block;

typedef struct qc_prose {
    char *mask;          /* len bytes + NUL; non-prose bytes blanked */
    size_t len;
    qc_block *blocks;
    size_t nblocks;
} qc_prose;

/* By file name: .md/.markdown/.mdown/.mkd -> Markdown, else plain text. */
qc_format qc_format_from_path(const char *path);

/* One-shot parse. Never fails: unparseable Markdown degrades to text. */
qc_prose *qc_prose_parse(const char *data, size_t len, qc_format fmt);
void qc_prose_delete(qc_prose *self);   /* accepts NULL */

/* Incremental parsing for open documents. */
typedef struct qc_parser qc_parser;
qc_parser *qc_parser_new(qc_format fmt);
void qc_parser_delete(qc_parser *self);  /* accepts NULL */
/* Record an edit made to the text since the last parse (byte offsets and
 * 0-based row/byte-column points, as tree-sitter wants them). */
void qc_parser_edit(qc_parser *self, size_t start_byte, size_t old_end_byte, size_t new_end_byte,
                    size_t start_row, size_t start_col, size_t old_end_row, size_t old_end_col,
                    size_t new_end_row, size_t new_end_col);
/* Parse the current text, reusing the previous tree after edits. */
qc_prose *qc_parser_parse(qc_parser *self, const char *data, size_t len);

#endif
