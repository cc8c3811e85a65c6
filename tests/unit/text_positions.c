/*
 * tests/unit/text_positions.c — text/text.h: byte offset <-> (line, column)
 * in UTF-8 bytes, UTF-16 code units and code points, for ASCII, curly
 * quotes, accents, emoji (surrogate pairs in UTF-16), CRLF line endings,
 * empty lines and a document without a final newline; offsets inside a
 * multi-byte character; positions past a line's end or the document's end
 * returning false and clamping; qc_text_replace keeping the line index
 * right; qc_text_pos_scan agreeing with qc_text_pos.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* line 0: “Hé 😀” said.   (CRLF)
 * line 1: plain ascii      (LF)
 * line 2: (empty)          (LF)
 * line 3: «oui» — fin      (no final newline, 11 code points) */
static const char DOC[] = "\xe2\x80\x9cH\xc3\xa9 \xf0\x9f\x98\x80\xe2\x80\x9d said.\r\n"
                          "plain ascii\n"
                          "\n"
                          "\xc2\xaboui\xc2\xbb \xe2\x80\x94 fin";

/* byte offsets in DOC */
enum {
    L0_H = 3, L0_E = 4, L0_SP = 6, L0_EMOJI = 7, L0_CLOSE = 11, L0_SAID = 15, L0_CR = 20, L0_LF = 21,
    L1 = 22, L1_END = 33, L2 = 34, L3 = 35, L3_DASH = 43, END = 50,
};

static void expect_pos(const qc_text *t, size_t off, qc_encoding enc, size_t line, size_t col)
{
    qc_pos p = qc_text_pos(t, off, enc);
    if (p.line != line || p.column != col)
        print_message("  offset %zu enc %d: got %zu:%zu want %zu:%zu\n", off, (int)enc, p.line, p.column,
                      line, col);
    assert_int_equal(p.line, line);
    assert_int_equal(p.column, col);
}

static void expect_offset(const qc_text *t, size_t line, size_t col, qc_encoding enc, bool ok, size_t off)
{
    size_t o = 12345;
    bool r = qc_text_offset(t, (qc_pos){ line, col }, enc, &o);
    if (r != ok || o != off)
        print_message("  %zu:%zu enc %d: got %d/%zu want %d/%zu\n", line, col, (int)enc, r, o, ok, off);
    assert_int_equal(r, ok);
    assert_int_equal(o, off);
}

static void test_layout(void **st)
{
    (void)st;
    assert_int_equal(sizeof DOC - 1, END);
    assert_int_equal(DOC[L0_CR], '\r');
    assert_int_equal(DOC[L0_LF], '\n');
    assert_int_equal(DOC[L1], 'p');
    assert_int_equal(DOC[L2], '\n');
    assert_memory_equal(DOC + L3_DASH, "\xe2\x80\x94", 3);
    qc_text *t = qc_text_new(DOC, END);
    assert_int_equal(t->len, END);
    assert_int_equal(t->nlines, 4);
    assert_int_equal(t->line_starts[0], 0);
    assert_int_equal(t->line_starts[1], L1);
    assert_int_equal(t->line_starts[2], L2);
    assert_int_equal(t->line_starts[3], L3);
    assert_int_equal(t->data[END], '\0');
    qc_text_delete(t);
    qc_text_delete(NULL);
}

static void test_pos_three_encodings(void **st)
{
    (void)st;
    qc_text *t = qc_text_new(DOC, END);
    expect_pos(t, 0, QC_ENC_UTF32, 0, 0);
    expect_pos(t, L0_H, QC_ENC_UTF32, 0, 1);
    expect_pos(t, L0_H, QC_ENC_UTF16, 0, 1);
    expect_pos(t, L0_H, QC_ENC_UTF8, 0, 3);
    expect_pos(t, L0_SP, QC_ENC_UTF32, 0, 3);
    expect_pos(t, L0_EMOJI, QC_ENC_UTF32, 0, 4);
    expect_pos(t, L0_CLOSE, QC_ENC_UTF32, 0, 5);   /* emoji = 1 code point */
    expect_pos(t, L0_CLOSE, QC_ENC_UTF16, 0, 6);   /* emoji = 2 UTF-16 units */
    expect_pos(t, L0_CLOSE, QC_ENC_UTF8, 0, 11);
    expect_pos(t, L0_SAID, QC_ENC_UTF32, 0, 7);
    expect_pos(t, L0_SAID, QC_ENC_UTF16, 0, 8);
    expect_pos(t, L0_CR, QC_ENC_UTF32, 0, 12);     /* end of line 0 content */
    expect_pos(t, L1, QC_ENC_UTF32, 1, 0);
    expect_pos(t, L1 + 6, QC_ENC_UTF16, 1, 6);
    expect_pos(t, L1_END, QC_ENC_UTF32, 1, 11);
    expect_pos(t, L2, QC_ENC_UTF32, 2, 0);
    expect_pos(t, L3, QC_ENC_UTF32, 3, 0);
    expect_pos(t, L3_DASH, QC_ENC_UTF32, 3, 6);
    expect_pos(t, L3_DASH, QC_ENC_UTF16, 3, 6);
    expect_pos(t, L3_DASH, QC_ENC_UTF8, 3, 8);
    expect_pos(t, END, QC_ENC_UTF32, 3, 11);
    expect_pos(t, END, QC_ENC_UTF8, 3, 15);
    qc_text_delete(t);
}

static void test_pos_clamps(void **st)
{
    (void)st;
    qc_text *t = qc_text_new(DOC, END);
    /* inside a multi-byte character: that character's start */
    expect_pos(t, 1, QC_ENC_UTF32, 0, 0);
    expect_pos(t, 2, QC_ENC_UTF16, 0, 0);
    expect_pos(t, L0_E + 1, QC_ENC_UTF32, 0, 2);
    expect_pos(t, L0_EMOJI + 1, QC_ENC_UTF16, 0, 4);
    expect_pos(t, L0_EMOJI + 3, QC_ENC_UTF8, 0, 7);
    /* the \r\n terminator is not part of the line's columns */
    expect_pos(t, L0_LF, QC_ENC_UTF32, 0, 12);
    expect_pos(t, L0_LF, QC_ENC_UTF8, 0, 20);
    /* past the end of the document: clamps to the end */
    expect_pos(t, END + 1, QC_ENC_UTF32, 3, 11);
    expect_pos(t, (size_t)-1, QC_ENC_UTF16, 3, 11);
    qc_text_delete(t);
}

static void test_offset(void **st)
{
    (void)st;
    qc_text *t = qc_text_new(DOC, END);
    expect_offset(t, 0, 0, QC_ENC_UTF32, true, 0);
    expect_offset(t, 0, 1, QC_ENC_UTF32, true, L0_H);
    expect_offset(t, 0, 4, QC_ENC_UTF32, true, L0_EMOJI);
    expect_offset(t, 0, 5, QC_ENC_UTF32, true, L0_CLOSE);
    expect_offset(t, 0, 6, QC_ENC_UTF16, true, L0_CLOSE);
    expect_offset(t, 0, 11, QC_ENC_UTF8, true, L0_CLOSE);
    expect_offset(t, 0, 12, QC_ENC_UTF32, true, L0_CR);   /* end of the line is a valid position */
    expect_offset(t, 1, 0, QC_ENC_UTF16, true, L1);
    expect_offset(t, 2, 0, QC_ENC_UTF16, true, L2);
    expect_offset(t, 3, 6, QC_ENC_UTF32, true, L3_DASH);
    expect_offset(t, 3, 11, QC_ENC_UTF32, true, END);
    /* half of a surrogate pair: false, the emoji's start */
    expect_offset(t, 0, 5, QC_ENC_UTF16, false, L0_EMOJI);
    /* inside a multi-byte character in UTF-8 columns: false, its start */
    expect_offset(t, 0, 1, QC_ENC_UTF8, false, 0);
    expect_offset(t, 0, 9, QC_ENC_UTF8, false, L0_EMOJI);
    /* past the end of a line: false, clamped to the line's end (before \r\n) */
    expect_offset(t, 0, 13, QC_ENC_UTF32, false, L0_CR);
    expect_offset(t, 0, 500, QC_ENC_UTF16, false, L0_CR);
    expect_offset(t, 1, 12, QC_ENC_UTF32, false, L1_END);
    expect_offset(t, 2, 1, QC_ENC_UTF32, false, L2);
    expect_offset(t, 3, 12, QC_ENC_UTF32, false, END);
    /* past the last line: false, the document's end */
    expect_offset(t, 4, 0, QC_ENC_UTF32, false, END);
    expect_offset(t, 99, 3, QC_ENC_UTF16, false, END);
    qc_text_delete(t);
}

static void test_round_trip(void **st)
{
    (void)st;
    qc_text *t = qc_text_new(DOC, END);
    qc_encoding encs[] = { QC_ENC_UTF8, QC_ENC_UTF16, QC_ENC_UTF32 };
    for (size_t e = 0; e < 3; e++) {
        for (size_t off = 0; off <= END; off++) {
            /* skip offsets that are not character starts or are in a terminator */
            if (off < END && ((unsigned char)DOC[off] & 0xC0) == 0x80)
                continue;
            if (off == L0_LF)
                continue;
            qc_pos p = qc_text_pos(t, off, encs[e]);
            size_t back = 0;
            assert_true(qc_text_offset(t, p, encs[e], &back));
            assert_int_equal(back, off);
        }
    }
    qc_text_delete(t);
}

static void test_empty_and_trailing_newline(void **st)
{
    (void)st;
    qc_text *t = qc_text_new("", 0);
    assert_int_equal(t->nlines, 1);
    expect_pos(t, 0, QC_ENC_UTF16, 0, 0);
    expect_pos(t, 5, QC_ENC_UTF16, 0, 0);
    expect_offset(t, 0, 0, QC_ENC_UTF16, true, 0);
    expect_offset(t, 0, 1, QC_ENC_UTF16, false, 0);
    expect_offset(t, 1, 0, QC_ENC_UTF16, false, 0);
    qc_text_delete(t);

    /* a final newline opens an empty last line */
    t = qc_text_new("ab\n", 3);
    assert_int_equal(t->nlines, 2);
    expect_pos(t, 3, QC_ENC_UTF32, 1, 0);
    expect_offset(t, 1, 0, QC_ENC_UTF32, true, 3);
    qc_text_delete(t);

    /* a lone \r inside a line is an ordinary character; only \r before \n ends a line */
    t = qc_text_new("a\rb\r\nc", 6);
    assert_int_equal(t->nlines, 2);
    expect_pos(t, 2, QC_ENC_UTF32, 0, 2);
    expect_pos(t, 3, QC_ENC_UTF32, 0, 3);
    expect_pos(t, 4, QC_ENC_UTF32, 0, 3);
    expect_pos(t, 5, QC_ENC_UTF32, 1, 0);
    qc_text_delete(t);
}

static void test_replace(void **st)
{
    (void)st;
    qc_text *t = qc_text_new(DOC, END);
    /* replace the emoji by two lines of text */
    qc_text_replace(t, L0_EMOJI, L0_EMOJI + 4, "x\ny\nz", 5);
    assert_int_equal(t->len, END - 4 + 5);
    assert_int_equal(t->nlines, 6);
    assert_int_equal(t->line_starts[1], L0_EMOJI + 2);
    assert_int_equal(t->line_starts[2], L0_EMOJI + 4);
    expect_pos(t, L0_EMOJI + 4, QC_ENC_UTF32, 2, 0);
    /* "z” said." : the closing mark is column 1 of line 2 */
    expect_pos(t, L0_EMOJI + 5, QC_ENC_UTF16, 2, 1);
    size_t off;
    assert_true(qc_text_offset(t, (qc_pos){ 3, 0 }, QC_ENC_UTF16, &off));
    assert_memory_equal(t->data + off, "plain", 5);
    assert_int_equal(t->data[t->len], '\0');

    /* delete the line breaks again: back to one line */
    qc_text_replace(t, L0_EMOJI, L0_EMOJI + 5, "\xf0\x9f\x98\x80", 4);
    assert_int_equal(t->len, END);
    assert_memory_equal(t->data, DOC, END);
    assert_int_equal(t->nlines, 4);
    assert_int_equal(t->line_starts[3], L3);

    /* insert at the end, and with out-of-range bounds (clamped) */
    qc_text_replace(t, END, END, "\nnew", 4);
    assert_int_equal(t->nlines, 5);
    expect_pos(t, t->len, QC_ENC_UTF32, 4, 3);
    qc_text_replace(t, 1000, 2000, "!", 1);
    assert_int_equal(t->data[t->len - 1], '!');
    assert_int_equal(t->nlines, 5);
    /* an inverted range inserts without deleting */
    size_t before = t->len;
    qc_text_replace(t, 5, 2, "", 0);
    assert_int_equal(t->len, before);
    /* delete everything */
    qc_text_replace(t, 0, t->len, "", 0);
    assert_int_equal(t->len, 0);
    assert_int_equal(t->nlines, 1);
    assert_string_equal(t->data, "");
    qc_text_delete(t);
}

static void test_pos_scan(void **st)
{
    (void)st;
    qc_text *t = qc_text_new(DOC, END);
    size_t offs[] = { 0, L0_H, L0_EMOJI, L0_CLOSE, L0_SAID, L0_CR, L1, L1_END, L2, L3, L3_DASH, END };
    for (size_t i = 0; i < sizeof offs / sizeof offs[0]; i++) {
        qc_pos a = qc_text_pos(t, offs[i], QC_ENC_UTF32);
        qc_pos b = qc_text_pos_scan(DOC, END, offs[i]);
        if (a.line != b.line || a.column != b.column)
            print_message("  offset %zu: pos %zu:%zu scan %zu:%zu\n", offs[i], a.line, a.column, b.line,
                          b.column);
        assert_int_equal(a.line, b.line);
        assert_int_equal(a.column, b.column);
    }
    /* past the end clamps */
    qc_pos p = qc_text_pos_scan(DOC, END, END + 10);
    assert_int_equal(p.line, 3);
    assert_int_equal(p.column, 11);
    qc_text_delete(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_pos_three_encodings),
        cmocka_unit_test(test_pos_clamps),
        cmocka_unit_test(test_offset),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_empty_and_trailing_newline),
        cmocka_unit_test(test_replace),
        cmocka_unit_test(test_pos_scan),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
