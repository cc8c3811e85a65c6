/*
 * text/text.c — line index and position conversion (see text.h), with
 * column checkpoints inside lines longer than 1 KiB (linear, not quadratic,
 * on a draft that is one 10-million-character line).
 */
#include "text/text.h"
#include "util/alloc.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* A checkpoint every QC_TEXT_MARK_STRIDE bytes of a line longer than that:
 * a character start and its columns from the line's start in each encoding.
 * Conversions start from the nearest checkpoint, so each costs at most one
 * stride of decoding, however long the line (a linear pass at indexing). */
#define QC_TEXT_MARK_STRIDE 1024

struct qc_text_mark {
    size_t offset;       /* a character start, inside a line */
    size_t line;
    size_t u16, u32;     /* columns at offset (the UTF-8 column is offset - line start) */
};

static void qc_text_marks(qc_text *self)
{
    free(self->marks);
    self->marks = NULL;
    self->nmarks = 0;
    size_t cap = 0;
    for (size_t line = 0; line < self->nlines; line++) {
        size_t start = self->line_starts[line];
        size_t end = line + 1 < self->nlines ? self->line_starts[line + 1] - 1 : self->len;
        if (end - start <= QC_TEXT_MARK_STRIDE)
            continue;
        size_t i = start, u16 = 0, u32 = 0, next = start + QC_TEXT_MARK_STRIDE;
        while (i < end) {
            if (i >= next) {
                if (self->nmarks == cap) {
                    cap = cap ? cap * 2 : 64;
                    self->marks = qc_realloc(self->marks, cap * sizeof *self->marks);
                }
                self->marks[self->nmarks++] = (qc_text_mark){ i, line, u16, u32 };
                next = i + QC_TEXT_MARK_STRIDE;
            }
            size_t n;
            int32_t cp = qc_utf8_decode(self->data + i, self->len - i, &n);
            u16 += qc_utf16_units(cp);
            u32++;
            i += n;
        }
    }
}

/* The last checkpoint on `line` at or before byte `offset` (by offset), or
 * at or before column `col` in `enc` (when offset is (size_t)-1); NULL. */
static const qc_text_mark *qc_text_mark_find(const qc_text *self, size_t line, size_t offset,
                                             size_t col, qc_encoding enc)
{
    const qc_text_mark *m = self->marks;
    size_t lo = 0, hi = self->nmarks;   /* first mark after the key: hi */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        bool after;
        if (m[mid].line != line)
            after = m[mid].line > line;
        else if (offset != (size_t)-1)
            after = m[mid].offset > offset;
        else
            after = (enc == QC_ENC_UTF8 ? m[mid].offset - self->line_starts[line]
                     : enc == QC_ENC_UTF16 ? m[mid].u16 : m[mid].u32) > col;
        if (after)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo > 0 && m[lo - 1].line == line ? &m[lo - 1] : NULL;
}

static void qc_text_index(qc_text *self)
{
    size_t n = 1;
    for (size_t i = 0; i < self->len; i++)
        if (self->data[i] == '\n')
            n++;
    free(self->line_starts);
    self->line_starts = qc_malloc(n * sizeof *self->line_starts);
    self->line_starts[0] = 0;
    size_t k = 1;
    for (size_t i = 0; i < self->len; i++)
        if (self->data[i] == '\n')
            self->line_starts[k++] = i + 1;
    self->nlines = n;
    qc_text_marks(self);
}

qc_text *qc_text_new(const char *data, size_t len)
{
    qc_text *self = qc_calloc(1, sizeof *self);
    self->data = qc_malloc(len + 1);   /* not strndup: data may hold NUL bytes */
    if (len)
        memcpy(self->data, data, len);
    self->data[len] = '\0';
    self->len = len;
    qc_text_index(self);
    return self;
}

void qc_text_delete(qc_text *self)
{
    if (!self)
        return;
    free(self->data);
    free(self->line_starts);
    free(self->marks);
    free(self);
}

static size_t qc_text_line_of(const qc_text *self, size_t offset)
{
    size_t lo = 0, hi = self->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (self->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* End of a line's content: before "\n" and before a "\r" preceding it. */
static size_t qc_text_line_end(const qc_text *self, size_t line)
{
    size_t end = line + 1 < self->nlines ? self->line_starts[line + 1] - 1 : self->len;
    if (end > self->line_starts[line] && self->data[end - 1] == '\r')
        end--;
    return end;
}

qc_pos qc_text_pos(const qc_text *self, size_t offset, qc_encoding enc)
{
    if (offset > self->len)
        offset = self->len;
    size_t line = qc_text_line_of(self, offset);
    size_t start = self->line_starts[line];
    size_t end = qc_text_line_end(self, line);
    if (offset > end)
        offset = end;
    size_t col = 0, i = start;
    const qc_text_mark *m = self->nmarks ? qc_text_mark_find(self, line, offset, 0, enc) : NULL;
    if (m) {
        i = m->offset;
        col = enc == QC_ENC_UTF8 ? m->offset - start : enc == QC_ENC_UTF16 ? m->u16 : m->u32;
    }
    while (i < offset) {
        size_t n;
        int32_t cp = qc_utf8_decode(self->data + i, self->len - i, &n);
        if (i + n > offset)
            break;   /* inside a character: count its start */
        col += enc == QC_ENC_UTF8 ? n : enc == QC_ENC_UTF16 ? qc_utf16_units(cp) : 1;
        i += n;
    }
    return (qc_pos){ line, col };
}

bool qc_text_offset(const qc_text *self, qc_pos pos, qc_encoding enc, size_t *offset)
{
    if (pos.line >= self->nlines) {
        *offset = self->len;
        return false;
    }
    size_t i = self->line_starts[pos.line];
    size_t end = qc_text_line_end(self, pos.line);
    size_t col = 0;
    const qc_text_mark *m =
        self->nmarks ? qc_text_mark_find(self, pos.line, (size_t)-1, pos.column, enc) : NULL;
    if (m && m->offset <= end) {
        col = enc == QC_ENC_UTF8 ? m->offset - i : enc == QC_ENC_UTF16 ? m->u16 : m->u32;
        i = m->offset;
    }
    while (col < pos.column && i < end) {
        size_t n;
        int32_t cp = qc_utf8_decode(self->data + i, end - i, &n);
        size_t units = enc == QC_ENC_UTF8 ? n : enc == QC_ENC_UTF16 ? qc_utf16_units(cp) : 1;
        if (col + units > pos.column)
            break;   /* inside a character (e.g. half a surrogate pair) */
        col += units;
        i += n;
    }
    *offset = i;
    return col == pos.column;
}

void qc_text_replace(qc_text *self, size_t start, size_t end, const char *repl, size_t n)
{
    if (start > self->len)
        start = self->len;
    if (end > self->len)
        end = self->len;
    if (end < start)
        end = start;
    size_t newlen = self->len - (end - start) + n;
    char *d = qc_malloc(newlen + 1);
    memcpy(d, self->data, start);
    memcpy(d + start, repl, n);
    memcpy(d + start + n, self->data + end, self->len - end);
    d[newlen] = '\0';
    free(self->data);
    self->data = d;
    self->len = newlen;
    qc_text_index(self);
}

qc_pos qc_text_pos_scan(const char *data, size_t len, size_t offset)
{
    if (offset > len)
        offset = len;
    size_t line = 0, start = 0;
    for (size_t i = 0; i < offset; i++)
        if (data[i] == '\n') {
            line++;
            start = i + 1;
        }
    size_t end = offset;
    if (end > start && data[end - 1] == '\r' && (end == len || data[end] == '\n'))
        end--;
    return (qc_pos){ line, qc_utf8_count(data + start, end - start) };
}
