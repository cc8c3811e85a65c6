/*
 * tests/fuzz/fuzz_extract.c — libFuzzer harness for the draft extractor:
 * qc_prose_parse (Markdown or plain text), qc_extract (quotations,
 * speakers, figures) and the incremental parser the language server uses.
 *
 * Input: byte 0 picks the format (odd: Markdown, even: plain text) and a
 * split point; the rest is the draft. Invariants: the mask is as long as
 * the draft; blocks, quotations (outer, inner, speaker) and figures (whole
 * phrase and number) are ordered ranges inside the draft; on valid UTF-8,
 * every range starts and ends on a character boundary; every string a
 * quotation or figure carries is NUL-terminated and valid UTF-8 when the
 * draft is. The incremental parser, given the draft as an edit of a shorter
 * version, must give the same blocks and mask as the fresh parse (as
 * parse/parser.c promises).
 * Owned by the fuzz tests.
 */
#include "fuzz_common.h"

#include "extract/extract.h"
#include "parse/parse.h"
#include "text/text.h"
#include "util/utf8.h"

/* text/text.c's conversion without its checkpoints: scan from the line start */
static qc_pos naive_pos(const qc_text *t, size_t offset, qc_encoding enc)
{
    size_t line = 0, start = 0;
    if (offset > t->len)
        offset = t->len;
    for (size_t i = 0; i < offset; i++)
        if (t->data[i] == '\n') {
            line++;
            start = i + 1;
        }
    size_t end = start;
    while (end < t->len && t->data[end] != '\n')
        end++;
    if (end > start && t->data[end - 1] == '\r')
        end--;
    if (offset > end)
        offset = end;
    size_t col = 0, i = start;
    while (i < offset) {
        size_t n;
        int32_t cp = qc_utf8_decode(t->data + i, t->len - i, &n);
        if (i + n > offset)
            break;
        col += enc == QC_ENC_UTF8 ? n : enc == QC_ENC_UTF16 ? qc_utf16_units(cp) : 1;
        i += n;
    }
    return (qc_pos){ line, col };
}

/* positions through the checkpoints agree with a plain scan, and convert back */
static void check_text_pos(const qc_text *t, size_t offset)
{
    for (int e = 0; e < 3; e++) {
        qc_pos a = qc_text_pos(t, offset, (qc_encoding)e), b = naive_pos(t, offset, (qc_encoding)e);
        QC_FUZZ_CHECK(a.line == b.line && a.column == b.column);
        size_t back;
        (void)qc_text_offset(t, a, (qc_encoding)e, &back);
        qc_pos c = qc_text_pos(t, back, (qc_encoding)e);
        QC_FUZZ_CHECK(c.line == a.line && c.column == a.column);
    }
}

static void check_str(const char *s, int utf8)
{
    if (!s)
        return;
    size_t n = strlen(s);
    if (utf8)
        QC_FUZZ_CHECK(qc_utf8_validate(s, n) == (size_t)-1);
}

static void check_prose(const qc_prose *p, const uint8_t *d, size_t len, int utf8)
{
    QC_FUZZ_CHECK(p);
    QC_FUZZ_CHECK(p->len == len);
    QC_FUZZ_CHECK(p->mask[len] == '\0');
    for (size_t i = 0; i < p->nblocks; i++) {
        QC_FUZZ_CHECK(p->blocks[i].start <= p->blocks[i].end && p->blocks[i].end <= len);
        if (utf8)
            QC_FUZZ_CHECK(qc_fuzz_boundary(d, len, p->blocks[i].start) &&
                          qc_fuzz_boundary(d, len, p->blocks[i].end));
    }
}

static void check_range(const uint8_t *d, size_t len, size_t s, size_t e, int utf8)
{
    QC_FUZZ_CHECK(s <= e && e <= len);
    if (utf8)
        QC_FUZZ_CHECK(qc_fuzz_boundary(d, len, s) && qc_fuzz_boundary(d, len, e));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    qc_format fmt = (data[0] & 1) ? QC_FORMAT_MARKDOWN : QC_FORMAT_PLAIN;
    const uint8_t *d = data + 1;
    size_t len = size - 1;
    /* a NUL-terminated copy, as every caller hands the extractor */
    char *text = malloc(len + 1);
    memcpy(text, d, len);
    text[len] = '\0';
    int utf8 = qc_utf8_validate(text, len) == (size_t)-1;

    qc_prose *p = qc_prose_parse(text, len, fmt);
    check_prose(p, d, len, utf8);
    qc_extraction *ex = qc_extract(text, len, p);
    QC_FUZZ_CHECK(ex);
    qc_text *tx = qc_text_new(text, len);
    for (size_t i = 0; i < ex->nquotes && i < 8; i++) {   /* a few: the naive scan is slow */
        check_text_pos(tx, ex->quotes[ex->nquotes - 1 - i].start);
        check_text_pos(tx, ex->quotes[ex->nquotes - 1 - i].end);
    }
    for (size_t i = 0; i < ex->nfigures && i < 8; i++)
        check_text_pos(tx, ex->figures[ex->nfigures - 1 - i].num_start);
    check_text_pos(tx, len / 2);
    check_text_pos(tx, len);
    qc_text_delete(tx);
    for (size_t i = 0; i < ex->nquotes; i++) {
        const qc_quote *q = &ex->quotes[i];
        check_range(d, len, q->start, q->end, utf8);
        check_range(d, len, q->inner_start, q->inner_end, utf8);
        QC_FUZZ_CHECK(q->start <= q->inner_start && q->inner_end <= q->end);
        if (q->speaker_text)
            check_range(d, len, q->speaker_start, q->speaker_end, utf8);
        QC_FUZZ_CHECK(q->block < p->nblocks || p->nblocks == 0);
        QC_FUZZ_CHECK(q->text);
        check_str(q->text, utf8);
        check_str(q->speaker, utf8);
        check_str(q->speaker_text, utf8);
        check_str(q->verb, utf8);
    }
    for (size_t i = 0; i < ex->nfigures; i++) {
        const qc_figure *f = &ex->figures[i];
        check_range(d, len, f->start, f->end, utf8);
        check_range(d, len, f->num_start, f->num_end, utf8);
        QC_FUZZ_CHECK(f->start <= f->num_start && f->num_end <= f->end);
        check_str(f->qualifier, utf8);
        check_str(f->unit, utf8);
        check_str(f->counts, utf8);
        check_str(f->normalized, utf8);
    }
    for (size_t i = 0; i < ex->nentities; i++) {
        QC_FUZZ_CHECK(ex->entities[i].name);
        for (size_t k = 0; k < ex->entities[i].naliases; k++)
            check_str(ex->entities[i].aliases[k], utf8);
    }
    qc_extraction_delete(ex);

    /* incremental: parse a shorter version, then insert the rest in the middle */
    size_t cut = len ? (size_t)(data[0] >> 1) * len / 128 : 0;
    if (cut > len)
        cut = len;
    size_t ins = len - cut;          /* bytes [cut/2, cut/2 + ins) are the insertion */
    size_t at = cut / 2;
    char *before = malloc(cut + 1);
    memcpy(before, text, at);
    memcpy(before + at, text + at + ins, cut - at);
    before[cut] = '\0';
    qc_parser *ps = qc_parser_new(fmt);
    if (ps) {
        qc_prose *p1 = qc_parser_parse(ps, before, cut);
        if (p1)
            check_prose(p1, (const uint8_t *)before, cut, 0);
        qc_prose_delete(p1);
        size_t row = 0, col = 0;
        for (size_t i = 0; i < at; i++) {
            if (text[i] == '\n') {
                row++;
                col = 0;
            } else {
                col++;
            }
        }
        size_t erow = row, ecol = col;
        for (size_t i = at; i < at + ins; i++) {
            if (text[i] == '\n') {
                erow++;
                ecol = 0;
            } else {
                ecol++;
            }
        }
        qc_parser_edit(ps, at, at, at + ins, row, col, row, col, erow, ecol);
        qc_prose *p2 = qc_parser_parse(ps, text, len);
        QC_FUZZ_CHECK(p2);
        check_prose(p2, d, len, utf8);
        /* parser.c promises the same prose as a fresh parse */
        QC_FUZZ_CHECK(p2->nblocks == p->nblocks);
        for (size_t i = 0; i < p->nblocks; i++)
            QC_FUZZ_CHECK(p2->blocks[i].start == p->blocks[i].start &&
                          p2->blocks[i].end == p->blocks[i].end && p2->blocks[i].kind == p->blocks[i].kind);
        QC_FUZZ_CHECK(!len || !memcmp(p2->mask, p->mask, len));
        qc_prose_delete(p2);
        qc_parser_delete(ps);
    }
    free(before);
    qc_prose_delete(p);
    free(text);
    return 0;
}
