/*
 * tests/unit/parse_markdown.c — qc_prose_parse on Markdown news drafts:
 * exact masks (written as specs, see parse_test.h) and exact blocks, plus
 * robustness on hostile input (huge lines, backtick and bracket floods,
 * deep nesting, invalid UTF-8, NUL bytes).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <time.h>

#include "parse/parse.h"
#include "parse_test.h"

static qc_prose *md(const char *s)
{
    return qc_prose_parse(s, strlen(s), QC_FORMAT_MARKDOWN);
}

/* Parse spec's input and check the mask is exactly spec's mask. */
static qc_prose *check_spec(const char *spec, char **input_out)
{
    char *in = spec_input(spec), *want = spec_mask(spec);
    qc_prose *p = md(in);
    assert_int_equal(p->len, strlen(in));
    assert_string_equal(p->mask, want);
    free(want);
    if (input_out)
        *input_out = in;
    else
        free(in);
    return p;
}

static void check_block(const qc_prose *p, size_t i, size_t start, size_t end, qc_block_kind kind)
{
    assert_true(i < p->nblocks);
    assert_int_equal(p->blocks[i].start, start);
    assert_int_equal(p->blocks[i].end, end);
    assert_int_equal(p->blocks[i].kind, kind);
}

/* Block i spans from the first `first` to the end of the next `last`. */
static void check_block_text(const qc_prose *p, const char *in, size_t i, const char *first,
                             const char *last, qc_block_kind kind)
{
    size_t s = off_of(in, first, 0);
    size_t e = off_of(in, last, s) + strlen(last);
    assert_true(s != (size_t)-1);
    check_block(p, i, s, e, kind);
}

/* CPU seconds: the machine may be busy, wall time would make tests flaky. */
static double now(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

/* --- masks and blocks ------------------------------------------------ */

static void test_front_matter(void **state)
{
    (void)state;
    char *in;
    qc_prose *p = check_spec("{---\ntitle: “Iran strikes back”\nauthor: José Núñez\n---\n}"
                             "Tehran said “no one was hurt.”\n", &in);
    assert_int_equal(p->nblocks, 1);
    check_block(p, 0, 61, 61 + strlen("Tehran said “no one was hurt.”"), QC_BLOCK_PARAGRAPH);
    assert_int_equal(off_of(in, "Tehran", 0), 61);
    free(in);
    qc_prose_delete(p);

    p = check_spec("{+++\ntitle = “TOML”\n+++\n}Body “text”.\n", &in);
    assert_int_equal(p->nblocks, 1);
    check_block_text(p, in, 0, "Body", "”.", QC_BLOCK_PARAGRAPH);
    free(in);
    qc_prose_delete(p);
}

static void test_code_blocks(void **state)
{
    (void)state;
    char *in;
    qc_prose *p = check_spec("Before “a”.\n\n{```text\n“not a quote,” he said\n```\n}\n"
                             "{    indented “code”\n}\nAfter “b”.\n", &in);
    assert_int_equal(p->nblocks, 2);
    check_block(p, 0, 0, strlen("Before “a”."), QC_BLOCK_PARAGRAPH);
    check_block_text(p, in, 1, "After", "”.", QC_BLOCK_PARAGRAPH);
    free(in);
    qc_prose_delete(p);
}

static void test_code_spans(void **state)
{
    (void)state;
    char *in;
    qc_prose *p = check_spec("He typed {`rm “-rf”`} and {``a ` b``} then said “done”.\n", &in);
    assert_int_equal(p->nblocks, 1);
    check_block_text(p, in, 0, "He typed", "”.", QC_BLOCK_PARAGRAPH);
    free(in);
    qc_prose_delete(p);
    /* a block that starts with a code span starts after it */
    p = check_spec("{`x`} “Quoted”\n", NULL);
    check_block(p, 0, 4, 4 + strlen("“Quoted”"), QC_BLOCK_PARAGRAPH);
    qc_prose_delete(p);
}

static void test_html(void **state)
{
    (void)state;
    char *in;
    qc_prose *p = check_spec("{<!-- quotecheck-disable-next-line altered-quote -->\n}"
                             "“We will respond,” she said.\n\n"
                             "She said{<!-- inline -->} “yes” {<b>}loudly{</b>}.\n\n"
                             "{<div class=\"box\">\n“Boxed”\n</div>\n}", &in);
    assert_int_equal(p->nblocks, 2);
    check_block_text(p, in, 0, "“We will", "said.", QC_BLOCK_PARAGRAPH);
    check_block_text(p, in, 1, "She said", "loudly</b>.", QC_BLOCK_PARAGRAPH);
    free(in);
    qc_prose_delete(p);
}

static void test_links(void **state)
{
    (void)state;
    char *in;
    qc_prose *p = check_spec("According to {[}the statement{](https://x.example/a \"t\")}, "
                             "“all is well.”\n\n"
                             "{![“alt” text](photo.png)} Caption “c” {<https://x.example>}.\n", &in);
    assert_int_equal(p->nblocks, 2);
    check_block_text(p, in, 0, "According", "well.”", QC_BLOCK_PARAGRAPH);
    check_block_text(p, in, 1, "Caption", "example>.", QC_BLOCK_PARAGRAPH);
    free(in);
    qc_prose_delete(p);
}

static void test_reference_links(void **state)
{
    (void)state;
    char *in;
    /* defined labels are links; editorial brackets stay text */
    qc_prose *p = check_spec("He said “[sic] it was {[}the report{][R1]}” and [Trump] agreed; "
                             "see {[}r1{][]} and {[}R1{]}.\n\n"
                             "{[r1]: https://x.example/r \"Report\"\n}", &in);
    assert_int_equal(p->nblocks, 1);
    check_block_text(p, in, 0, "He said", "[R1].", QC_BLOCK_PARAGRAPH);
    free(in);
    qc_prose_delete(p);
    /* without a definition nothing is a reference link */
    p = check_spec("“He [the president] said [so][x].”\n", NULL);
    qc_prose_delete(p);
}

static void test_block_quotes(void **state)
{
    (void)state;
    char *in;
    qc_prose *p = check_spec("{> }“We will respond,” he said\n{> }in a statement.\n{>}\n"
                             "{> > }Nested “quote”.\n\nAfter.\n", &in);
    assert_int_equal(p->nblocks, 3);
    check_block_text(p, in, 0, "“We", "statement.", QC_BLOCK_QUOTE);
    check_block_text(p, in, 1, "Nested", "”.", QC_BLOCK_QUOTE);
    check_block_text(p, in, 2, "After", ".", QC_BLOCK_PARAGRAPH);
    /* the newline inside the quoted paragraph stays, its '>' does not */
    assert_memory_equal(p->mask + off_of(in, "said\n", 0), "said\n  in", 9);
    free(in);
    qc_prose_delete(p);
}

static void test_lists(void **state)
{
    (void)state;
    char *in;
    qc_prose *p = check_spec("{- }First “item”\n  continued here\n{- [x] }Done {**}task{**}\n\n"
                             "{1. }Numbered “one”\n{2. }Numbered two\n\n"
                             "{> - }Quoted item\n", &in);
    assert_int_equal(p->nblocks, 5);
    check_block_text(p, in, 0, "First", "here", QC_BLOCK_LIST_ITEM);
    check_block_text(p, in, 1, "Done", "task", QC_BLOCK_LIST_ITEM);
    check_block_text(p, in, 2, "Numbered “one”", "”", QC_BLOCK_LIST_ITEM);
    check_block_text(p, in, 3, "Numbered two", "two", QC_BLOCK_LIST_ITEM);
    check_block_text(p, in, 4, "Quoted item", "item", QC_BLOCK_LIST_ITEM);
    free(in);
    qc_prose_delete(p);
}

static void test_headings(void **state)
{
    (void)state;
    char *in;
    qc_prose *p = check_spec("{# }Iran fires missiles{ ##}\n\n{## }“Severe revenge”\n\n"
                             "Setext {*}title{*}\n{=======}\n\nSub\n{---}\n\n{#} C{\\}# sharp\n", &in);
    assert_int_equal(p->nblocks, 5);
    check_block(p, 0, 2, 2 + strlen("Iran fires missiles"), QC_BLOCK_HEADING);
    check_block_text(p, in, 1, "“Severe", "revenge”", QC_BLOCK_HEADING);
    check_block_text(p, in, 2, "Setext", "title", QC_BLOCK_HEADING);
    check_block_text(p, in, 3, "Sub", "Sub", QC_BLOCK_HEADING);
    check_block_text(p, in, 4, "C\\# sharp", "sharp", QC_BLOCK_HEADING);
    free(in);
    qc_prose_delete(p);
}

static void test_emphasis(void **state)
{
    (void)state;
    char *in;
    qc_prose *p = check_spec("{*}“All is well!”{*}\n\nHe wrote {_}“calm”{_} and {**}“Done”{**} and "
                             "{~~}gone{~~} and {***}both{***}.\n", &in);
    assert_int_equal(p->nblocks, 2);
    /* the block starts at the opening quote mark, after the '*' */
    check_block(p, 0, 1, 1 + strlen("“All is well!”"), QC_BLOCK_PARAGRAPH);
    check_block_text(p, in, 1, "He wrote", "both***.", QC_BLOCK_PARAGRAPH);
    free(in);
    qc_prose_delete(p);
}

static void test_multibyte_next_to_syntax(void **state)
{
    (void)state;
    qc_prose *p = check_spec("{**}«Non»{**}, dit-il{`é`}é {[}«lien»{](ü)} {<é>}ñ{\\}*\n", NULL);
    /* every kept byte is whole UTF-8: no masked byte inside a character */
    for (size_t i = 0; i < p->len; i++)
        if (((unsigned char)p->mask[i] & 0xC0) == 0x80)
            assert_true((unsigned char)p->mask[i - 1] >= 0x80);
    qc_prose_delete(p);
}

static void test_escapes_and_breaks(void **state)
{
    (void)state;
    char *in;
    qc_prose *p = check_spec("Price {\\}*not* emphasis{\\}\nnext line  \nthird &ldquo;kept&rdquo; $5 and $6\n",
                             &in);
    assert_int_equal(p->nblocks, 1);
    check_block_text(p, in, 0, "Price", "$6", QC_BLOCK_PARAGRAPH);
    free(in);
    qc_prose_delete(p);
}

static void test_tables(void **state)
{
    (void)state;
    char *in;
    qc_prose *p = check_spec("{| }Name{ | }Said{ |}\n{|---|:-:|}\n{| }Soleimani{ | }“Martyr” {*}x{*}{ |}\n"
                             "\nAfter.\n", &in);
    assert_int_equal(p->nblocks, 5);
    check_block_text(p, in, 0, "Name", "Name", QC_BLOCK_PARAGRAPH);
    check_block_text(p, in, 1, "Said", "Said", QC_BLOCK_PARAGRAPH);
    check_block_text(p, in, 2, "Soleimani", "Soleimani", QC_BLOCK_PARAGRAPH);
    check_block_text(p, in, 3, "“Martyr”", "*x", QC_BLOCK_PARAGRAPH);
    check_block_text(p, in, 4, "After", ".", QC_BLOCK_PARAGRAPH);
    free(in);
    qc_prose_delete(p);
}

static void test_thematic_break(void **state)
{
    (void)state;
    qc_prose *p = check_spec("One.\n\n{***}\n\nTwo.\n\n{- - -}\n", NULL);
    assert_int_equal(p->nblocks, 2);
    check_block(p, 0, 0, 4, QC_BLOCK_PARAGRAPH);
    check_block(p, 1, 11, 15, QC_BLOCK_PARAGRAPH);
    qc_prose_delete(p);
}

static void test_crlf(void **state)
{
    (void)state;
    char *in;
    qc_prose *p = check_spec("{# }Title\r\n\r\n“Quote,” he said\r\nover two lines.\r\n"
                             "{> }quoted\r\n{> }more\r\n\r\n{- }item\r\n", &in);
    assert_int_equal(p->nblocks, 4);
    check_block(p, 0, 2, 7, QC_BLOCK_HEADING);
    check_block_text(p, in, 1, "“Quote", "lines.", QC_BLOCK_PARAGRAPH);
    check_block_text(p, in, 2, "quoted", "more", QC_BLOCK_QUOTE);
    check_block_text(p, in, 3, "item", "item", QC_BLOCK_LIST_ITEM);
    free(in);
    qc_prose_delete(p);
}

static void test_empty(void **state)
{
    (void)state;
    qc_prose *p = qc_prose_parse("", 0, QC_FORMAT_MARKDOWN);
    assert_int_equal(p->len, 0);
    assert_string_equal(p->mask, "");
    assert_int_equal(p->nblocks, 0);
    qc_prose_delete(p);
    p = check_spec("\n  \n\n", NULL);
    assert_int_equal(p->nblocks, 0);
    qc_prose_delete(p);
    /* a paragraph with no prose makes no block */
    p = check_spec("{![photo](a.png)}\n", NULL);
    assert_int_equal(p->nblocks, 0);
    qc_prose_delete(p);
}

/* --- robustness ------------------------------------------------------ */

static void test_invalid_utf8_and_nul(void **state)
{
    (void)state;
    const char bad[] = "a\xff\xfe *b\xe2\x80* `x\xe2` \xc3\n\n> \xe2\x80\x9c\xff\n";
    size_t n = sizeof bad - 1;
    qc_prose *p = qc_prose_parse(bad, n, QC_FORMAT_MARKDOWN);
    assert_int_equal(p->len, n);
    assert_int_equal(p->mask[n], '\0');
    assert_memory_equal(p->mask, "a\xff\xfe  b\xe2\x80       \xc3\n\n  \xe2\x80\x9c\xff\n", n);
    qc_prose_delete(p);

    const char nul[] = "a\0b *c\0* `\0`\n\0\n> \0x\n";
    n = sizeof nul - 1;
    p = qc_prose_parse(nul, n, QC_FORMAT_MARKDOWN);
    assert_int_equal(p->len, n);
    assert_memory_equal(p->mask, "a b  c      \n \n   x\n", n);
    assert_int_equal(p->nblocks, 2);
    check_block(p, 0, 0, 6, QC_BLOCK_PARAGRAPH);
    check_block(p, 1, 18, 19, QC_BLOCK_QUOTE);
    qc_prose_delete(p);
}

static char *repeat(const char *unit, size_t times, const char *tail)
{
    size_t u = strlen(unit), t = strlen(tail);
    char *s = malloc(u * times + t + 1);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * u, unit, u);
    memcpy(s + u * times, tail, t + 1);
    return s;
}

static void test_ten_megabyte_line(void **state)
{
    (void)state;
    char *s = repeat("word “quote” ", 10u * 1000 * 1000 / 15, "end\n");
    size_t n = strlen(s);
    double t0 = now();
    qc_prose *p = qc_prose_parse(s, n, QC_FORMAT_MARKDOWN);
    double dt = now() - t0;
    fprintf(stderr, "10 MB line: %.2f s CPU\n", dt);
    assert_true(dt < 60.0);   /* ~4 s optimised; sanitizers are slower */
    assert_int_equal(p->len, n);
    assert_memory_equal(p->mask, s, n);
    assert_int_equal(p->nblocks, 1);
    check_block(p, 0, 0, n - 1, QC_BLOCK_PARAGRAPH);
    qc_prose_delete(p);
    free(s);
}

static void test_backtick_flood(void **state)
{
    (void)state;
    /* 50,000 backticks open a fence: everything after is code */
    char *s = repeat("`", 50000, "\n“Quote,” he said.\n");
    double t0 = now();
    qc_prose *p = md(s);
    assert_true(now() - t0 < 10.0);
    assert_int_equal(p->nblocks, 0);
    for (size_t i = 0; i < p->len; i++)
        assert_true(p->mask[i] == ' ' || p->mask[i] == '\n');
    qc_prose_delete(p);
    free(s);
    /* unbalanced backticks inside a paragraph */
    s = repeat("a`", 50000, " “end”\n");
    t0 = now();
    p = md(s);
    assert_true(now() - t0 < 10.0);
    assert_int_equal(p->len, strlen(s));
    assert_int_equal(p->nblocks, 1);
    assert_int_equal(p->blocks[0].start, 0);
    assert_int_equal(p->blocks[0].end, strlen(s) - 1);
    qc_prose_delete(p);
    free(s);
}

static void test_bracket_flood(void **state)
{
    (void)state;
    const char *units[] = { "[", "]", "[a](", "![", "<a ", "*_", "[a][" };
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
        char *s = repeat(units[k], 30000, " “end”\n");
        double t0 = now();
        qc_prose *p = md(s);
        double dt = now() - t0;
        if (dt > 2.0)
            fprintf(stderr, "flood \"%s\": %.2f s\n", units[k], dt);
        assert_true(dt < 20.0);
        assert_int_equal(p->len, strlen(s));
        /* the closing quote is prose whatever became of the rest */
        assert_memory_equal(p->mask + p->len - 7, "end”\n", 7);
        qc_prose_delete(p);
        free(s);
    }
}

static void test_deep_nesting(void **state)
{
    (void)state;
    char *s = repeat(">", 10000, " “deep”\n");
    qc_prose *p = md(s);
    assert_int_equal(p->nblocks, 1);
    check_block(p, 0, 10001, 10001 + strlen("“deep”"), QC_BLOCK_QUOTE);
    qc_prose_delete(p);
    free(s);

    s = repeat("> - ", 3000, "x\n");
    p = md(s);
    assert_int_equal(p->nblocks, 1);
    assert_int_equal(p->blocks[0].start, 12000);
    assert_int_equal(p->blocks[0].end, 12001);
    assert_true(p->blocks[0].kind == QC_BLOCK_QUOTE || p->blocks[0].kind == QC_BLOCK_LIST_ITEM);
    qc_prose_delete(p);
    free(s);

    /* 3000 nested list levels, one per line */
    size_t cap = 3000 * 3004, n = 0;
    s = malloc(cap);
    for (int i = 0; i < 3000; i++) {
        memset(s + n, ' ', (size_t)i * 2);
        n += (size_t)i * 2;
        memcpy(s + n, "- x\n", 4);
        n += 4;
    }
    p = qc_prose_parse(s, n, QC_FORMAT_MARKDOWN);
    assert_int_equal(p->len, n);
    assert_true(p->nblocks >= 50);
    for (size_t i = 0; i < p->nblocks; i++)
        assert_memory_equal(p->mask + p->blocks[i].start, "x", 1);
    qc_prose_delete(p);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_front_matter),
        cmocka_unit_test(test_code_blocks),
        cmocka_unit_test(test_code_spans),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_reference_links),
        cmocka_unit_test(test_block_quotes),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_headings),
        cmocka_unit_test(test_emphasis),
        cmocka_unit_test(test_multibyte_next_to_syntax),
        cmocka_unit_test(test_escapes_and_breaks),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_thematic_break),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_invalid_utf8_and_nul),
        cmocka_unit_test(test_ten_megabyte_line),
        cmocka_unit_test(test_backtick_flood),
        cmocka_unit_test(test_bracket_flood),
        cmocka_unit_test(test_deep_nesting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
