/*
 * tests/unit/parse_plain.c — plain-text prose: nothing masked (but NUL),
 * one paragraph per line or per blank-line block, CRLF, format by path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "parse/parse.h"

static qc_prose *plain(const char *s)
{
    qc_prose *p = qc_prose_parse(s, strlen(s), QC_FORMAT_PLAIN);
    assert_int_equal(p->len, strlen(s));
    assert_string_equal(p->mask, s);   /* plain text masks nothing */
    return p;
}

static void check_block(const qc_prose *p, size_t i, size_t start, size_t end)
{
    assert_true(i < p->nblocks);
    assert_int_equal(p->blocks[i].start, start);
    assert_int_equal(p->blocks[i].end, end);
    assert_int_equal(p->blocks[i].kind, QC_BLOCK_PARAGRAPH);
}

static void test_line_per_paragraph(void **state)
{
    (void)state;
    const char *s = "TEHRAN (Reuters) – Iran fired “more than a dozen” missiles.\n\n"
                    "  “We will respond,” said José Núñez.  \n";
    qc_prose *p = plain(s);
    assert_int_equal(p->nblocks, 2);
    check_block(p, 0, 0, strlen("TEHRAN (Reuters) – Iran fired “more than a dozen” missiles."));
    size_t b = strstr(s, "“We") - s;
    check_block(p, 1, b, b + strlen("“We will respond,” said José Núñez."));
    qc_prose_delete(p);
}

static void test_wrapped_paragraphs(void **state)
{
    (void)state;
    const char *s = "First paragraph “is\nwrapped” over lines.\n\n\nSecond one.\nAlso wrapped.\n";
    qc_prose *p = plain(s);
    assert_int_equal(p->nblocks, 2);
    check_block(p, 0, 0, strlen("First paragraph “is\nwrapped” over lines."));
    size_t b = strstr(s, "Second") - s;
    check_block(p, 1, b, b + strlen("Second one.\nAlso wrapped."));
    qc_prose_delete(p);
}

static void test_crlf(void **state)
{
    (void)state;
    const char *s = "One “x”.\r\n\r\nTwo\r\nwrapped.\r\n";
    qc_prose *p = plain(s);
    assert_int_equal(p->nblocks, 2);
    check_block(p, 0, 0, strlen("One “x”."));
    size_t b = strstr(s, "Two") - s;
    check_block(p, 1, b, b + strlen("Two\r\nwrapped."));
    qc_prose_delete(p);
}

static void test_markdown_syntax_is_text(void **state)
{
    (void)state;
    qc_prose *p = plain("# Not a heading *x* `y` <!-- z -->\n");
    assert_int_equal(p->nblocks, 1);
    check_block(p, 0, 0, 34);
    qc_prose_delete(p);
}

static void test_empty_and_blank(void **state)
{
    (void)state;
    qc_prose *p = qc_prose_parse("", 0, QC_FORMAT_PLAIN);
    assert_int_equal(p->len, 0);
    assert_string_equal(p->mask, "");
    assert_int_equal(p->nblocks, 0);
    qc_prose_delete(p);
    p = plain(" \n\t\r\n\n");
    assert_int_equal(p->nblocks, 0);
    qc_prose_delete(p);
    p = plain("no newline at end");
    check_block(p, 0, 0, 17);
    qc_prose_delete(p);
}

static void test_nul_and_invalid(void **state)
{
    (void)state;
    const char s[] = "a\0b\xff\xfe\n";
    qc_prose *p = qc_prose_parse(s, sizeof s - 1, QC_FORMAT_PLAIN);
    assert_int_equal(p->len, 6);
    assert_memory_equal(p->mask, "a b\xff\xfe\n", 7);
    check_block(p, 0, 0, 5);
    qc_prose_delete(p);
}

static void test_format_from_path(void **state)
{
    (void)state;
    assert_int_equal(qc_format_from_path("a/draft.md"), QC_FORMAT_MARKDOWN);
    assert_int_equal(qc_format_from_path("DRAFT.MARKDOWN"), QC_FORMAT_MARKDOWN);
    assert_int_equal(qc_format_from_path("x.mkd"), QC_FORMAT_MARKDOWN);
    assert_int_equal(qc_format_from_path("x.txt"), QC_FORMAT_PLAIN);
    assert_int_equal(qc_format_from_path("md"), QC_FORMAT_PLAIN);
}

static void test_plain_parser(void **state)
{
    (void)state;
    qc_parser *ps = qc_parser_new(QC_FORMAT_PLAIN);
    const char *s = "Line “one”.\n";
    qc_prose *p = qc_parser_parse(ps, s, strlen(s));
    assert_string_equal(p->mask, s);
    check_block(p, 0, 0, strlen("Line “one”."));
    qc_prose_delete(p);
    qc_parser_edit(ps, 0, 0, 2, 0, 0, 0, 0, 0, 2);
    s = "A Line “one”.\n";
    p = qc_parser_parse(ps, s, strlen(s));
    check_block(p, 0, 0, strlen("A Line “one”."));
    qc_prose_delete(p);
    qc_parser_delete(ps);
    qc_parser_delete(NULL);
    qc_prose_delete(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_per_paragraph),
        cmocka_unit_test(test_wrapped_paragraphs),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_markdown_syntax_is_text),
        cmocka_unit_test(test_empty_and_blank),
        cmocka_unit_test(test_nul_and_invalid),
        cmocka_unit_test(test_format_from_path),
        cmocka_unit_test(test_plain_parser),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
