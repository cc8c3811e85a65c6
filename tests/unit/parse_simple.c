/*
 * tests/unit/parse_simple.c — the tree-sitter-free fast path for simple
 * Markdown (qc_md_parse_simple, parse/markdown.c) gives exactly what the
 * tree-sitter parse gives (mask and blocks), and declines what it cannot
 * handle.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/parse.h"
#include "parse/parse_internal.h"

static qc_prose *ts_parse(const char *s, size_t len)
{
    TSParser *block = ts_parser_new();
    TSParser *inl = ts_parser_new();
    ts_parser_set_language(block, tree_sitter_markdown());
    ts_parser_set_language(inl, tree_sitter_markdown_inline());
    TSTree *tree = NULL;
    qc_prose *p = qc_md_parse(s, len, block, inl, &tree, NULL);
    if (tree)
        ts_tree_delete(tree);
    ts_parser_delete(inl);
    ts_parser_delete(block);
    return p;
}

/* simple: expect the fast path to take it (1) or decline it (0) */
static void same(const char *s, int simple)
{
    size_t len = strlen(s);
    qc_prose *a = qc_md_parse_simple(s, len);
    if (!simple) {
        if (a)
            fail_msg("fast path took: %s", s);
        return;
    }
    if (!a)
        fail_msg("fast path declined: %s", s);
    qc_prose *b = ts_parse(s, len);
    assert_int_equal(a->len, b->len);
    if (memcmp(a->mask, b->mask, a->len))
        fail_msg("mask differs for: %s\nfast: %s\nts:   %s", s, a->mask, b->mask);
    assert_int_equal(a->nblocks, b->nblocks);
    for (size_t i = 0; i < a->nblocks; i++) {
        assert_int_equal(a->blocks[i].start, b->blocks[i].start);
        assert_int_equal(a->blocks[i].end, b->blocks[i].end);
        assert_int_equal(a->blocks[i].kind, b->blocks[i].kind);
    }
    /* and qc_prose_parse (which takes the fast path) agrees */
    qc_prose *c = qc_prose_parse(s, len, QC_FORMAT_MARKDOWN);
    assert_memory_equal(c->mask, b->mask, len);
    assert_int_equal(c->nblocks, b->nblocks);
    qc_prose_delete(a);
    qc_prose_delete(b);
    qc_prose_delete(c);
}

static void test_simple_documents(void **state)
{
    (void)state;
    same("", 1);
    same("One paragraph.\n", 1);
    same("Line one\nline two\n\nSecond paragraph.\n", 1);
    same("# Title\n\nText \"quoted\", said Jan.\n", 1);
    same("# Title ##\n\nText.\n", 1);
    same("## \n\nText.\n", 1);
    same("#\n\nText.\n", 1);
    same("###### Six\nText right after.\n# Heading after text\nMore.\n", 1);
    same("---\ntitle: \"A: b\"\noutlet: X_Y\nurl: https://x.example/a_b\n---\n\n# T\n\nBody [sic] text [Trump] said.\n", 1);
    same("---\ntitle: x\n---\nBody.\n", 1);
    same("Text with [brackets] and [a][b] refs.\n", 1);
    same("Trailing spaces  \nnext line.\n\n   \n\nAfter a blank line of spaces.\n", 1);
    same("1,000 people came.\n2020 was a year.\n", 1);
    same("Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x94 dash.\n", 1);
    same("Text &amp; entity, $5 and $6.\n\n\n\nEnd\n", 1);
}

static void test_declined(void **state)
{
    (void)state;
    same("Text with *emphasis*.\n", 0);
    same("A [link](http://x).\n", 0);
    same("An ![image] here.\n", 0);
    same("[label]: http://x\n", 0);
    same("    indented code\n", 0);
    same("> quote\n", 0);
    same("- item\n", 0);
    same("1. item\n", 0);
    same("Text\n===\n", 0);
    same("#hashtag\n", 0);
    same("a | b\n--|--\n", 0);
    same("Tab\there.\n", 0);
    same("CRLF\r\n", 0);
    same("---\nunterminated front matter\n", 0);
    same("```\ncode\n```\n", 0);
    /* no final newline: a last heading line is left to tree-sitter */
    same("One paragraph.", 0);
    same("# abcdef", 0);
    same("Text.\n\n# Heading at the end", 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_documents),
        cmocka_unit_test(test_declined),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
