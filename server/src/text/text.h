/*
 * text/text.h — one document's text and every position conversion.
 *
 * A qc_text owns a copy of a document's bytes and an index of line starts.
 * Everything else in quotecheck speaks byte offsets; this module alone
 * converts them to and from (line, column) pairs, with columns counted in
 * Unicode code points (CLI, JSON), UTF-16 code units (LSP default) or
 * UTF-8 bytes (LSP when negotiated). Lines and columns here are 0-based;
 * the CLI adds 1 at the edge. A line ends at "\n"; a "\r" before it is
 * part of the line's terminator, not of its columns.
 */
#ifndef QC_TEXT_TEXT_H
#define QC_TEXT_TEXT_H

#include <stddef.h>
#include <stdbool.h>

typedef enum qc_encoding {
    QC_ENC_UTF8,    /* columns in bytes */
    QC_ENC_UTF16,   /* columns in UTF-16 code units */
    QC_ENC_UTF32,   /* columns in code points */
} qc_encoding;

typedef struct qc_pos {
    size_t line, column;
} qc_pos;

typedef struct qc_text_mark qc_text_mark;

typedef struct qc_text {
    char *data;          /* owned, NUL-terminated */
    size_t len;
    size_t *line_starts; /* owned; line_starts[0] == 0 */
    size_t nlines;
    qc_text_mark *marks; /* owned; column checkpoints inside long lines, so a
                            conversion on a 10-million-character line does not
                            rescan it from its start (NULL when none) */
    size_t nmarks;
} qc_text;

/* Take a copy of data[0..len). */
qc_text *qc_text_new(const char *data, size_t len);
void qc_text_delete(qc_text *self);   /* accepts NULL */

/* Byte offset -> position; offsets past the end clamp to the end; an
 * offset inside a multi-byte character counts as that character's start. */
qc_pos qc_text_pos(const qc_text *self, size_t offset, qc_encoding enc);
/* Position -> byte offset. Returns false (and clamps *offset) when the
 * position lies beyond the document or its line. */
bool qc_text_offset(const qc_text *self, qc_pos pos, qc_encoding enc, size_t *offset);

/* Replace bytes [start, end) with repl[0..n); rebuilds the line index. */
void qc_text_replace(qc_text *self, size_t start, size_t end, const char *repl, size_t n);

/* Convenience for callers without a qc_text: 0-based line and code-point
 * column of `offset` in data, scanning from the start. */
qc_pos qc_text_pos_scan(const char *data, size_t len, size_t offset);

#endif
