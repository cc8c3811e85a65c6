/*
 * tests/unit/parse_incremental.c — qc_parser: after every edit of a series
 * of random edits to a Markdown draft, the incremental result must equal a
 * fresh qc_prose_parse of the same text (mask and blocks, exactly).
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

static const char *draft =
    "---\n"
    "title: “Iran strikes back”\n"
    "outlet: Reuters\n"
    "---\n"
    "# Iran fires missiles at U.S. bases ##\n"
    "\n"
    "TEHRAN (Reuters) – Iran fired *more than a dozen* ballistic missiles, the\n"
    "Pentagon said. “We will respond,” said [José Núñez](https://x.example/a \"t\").\n"
    "\n"
    "> “All is well!” President Trump wrote on Twitter,\n"
    "> adding that an assessment was under way.\n"
    ">\n"
    "> > Nested “quote” with `code`.\n"
    "\n"
    "- The IRGC said it was “severe revenge”.\n"
    "  Continued item text.\n"
    "- [x] Second item with **strong** words\n"
    "\n"
    "1. Numbered «guillemets»\n"
    "\n"
    "<!-- quotecheck-disable-next-line altered-quote -->\n"
    "Officials said [sic] that [the report][r1] was *“accurate”*.\n"
    "\n"
    "```text\n"
    "“not prose”\n"
    "```\n"
    "\n"
    "| Name | Said |\n"
    "|---|---|\n"
    "| Soleimani | “Martyr” |\n"
    "\n"
    "***\n"
    "[r1]: https://x.example/r\n"
    "Setext heading\n"
    "==============\n";

static const char *snippets[] = {
    "a", " ", "\n", "\n\n", "> ", "- ", "1. ", "# ", "```\n", "`", "``", "*", "**", "_", "~~",
    "[", "]", "](u)", "![", "<!-- ", " -->", "<b>", "|", "---\n", "“", "”", "é", "«", "\r\n",
    "[r1]", "[r1]: https://y.example\n", "\\", "  \n", "    ", "+++\n", "word ", "said “yes”",
};

typedef struct doc {
    char *s;
    size_t len;
} doc;

static void point_at(const char *s, size_t off, size_t *row, size_t *col)
{
    size_t r = 0, line = 0;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n') {
            r++;
            line = i + 1;
        }
    *row = r;
    *col = off - line;
}

/* Replace d[start, start+del) by ins and tell the parser. */
static void edit(doc *d, qc_parser *ps, size_t start, size_t del, const char *ins, size_t ilen)
{
    size_t sr, sc, er, ec, nr, nc;
    point_at(d->s, start, &sr, &sc);
    point_at(d->s, start + del, &er, &ec);
    char *n = malloc(d->len - del + ilen + 1);
    memcpy(n, d->s, start);
    memcpy(n + start, ins, ilen);
    memcpy(n + start + ilen, d->s + start + del, d->len - start - del);
    n[d->len - del + ilen] = '\0';
    free(d->s);
    d->s = n;
    d->len = d->len - del + ilen;
    point_at(d->s, start + ilen, &nr, &nc);
    qc_parser_edit(ps, start, start + del, start + ilen, sr, sc, er, ec, nr, nc);
}

static void assert_same(const qc_prose *a, const qc_prose *b, int step)
{
    if (a->len != b->len || memcmp(a->mask, b->mask, a->len + 1) || a->nblocks != b->nblocks)
        fprintf(stderr, "step %d differs\n", step);
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->mask, b->mask, a->len + 1);
    assert_int_equal(a->nblocks, b->nblocks);
    for (size_t i = 0; i < a->nblocks; i++) {
        assert_int_equal(a->blocks[i].start, b->blocks[i].start);
        assert_int_equal(a->blocks[i].end, b->blocks[i].end);
        assert_int_equal(a->blocks[i].kind, b->blocks[i].kind);
    }
}

static void check_step(qc_parser *ps, const doc *d, int step)
{
    qc_prose *inc = qc_parser_parse(ps, d->s, d->len);
    qc_prose *fresh = qc_prose_parse(d->s, d->len, QC_FORMAT_MARKDOWN);
    assert_same(inc, fresh, step);
    qc_prose_delete(inc);
    qc_prose_delete(fresh);
}

static void run_random_edits(const char *start_text, unsigned seed, int steps)
{
    srand(seed);
    doc d = { strdup(start_text), strlen(start_text) };
    qc_parser *ps = qc_parser_new(QC_FORMAT_MARKDOWN);
    check_step(ps, &d, -1);
    for (int step = 0; step < steps; step++) {
        int op = rand() % 10;
        size_t pos = d.len ? (size_t)rand() % (d.len + 1) : 0;
        if (op < 5) {          /* insert */
            const char *sn = snippets[(size_t)rand() % (sizeof snippets / sizeof snippets[0])];
            edit(&d, ps, pos, 0, sn, strlen(sn));
        } else if (op < 8) {   /* delete */
            size_t del = 1 + (size_t)rand() % 12;
            if (pos + del > d.len)
                del = d.len - pos;
            edit(&d, ps, pos, del, "", 0);
        } else if (op < 9) {   /* replace */
            size_t del = (size_t)rand() % 6;
            if (pos + del > d.len)
                del = d.len - pos;
            const char *sn = snippets[(size_t)rand() % (sizeof snippets / sizeof snippets[0])];
            edit(&d, ps, pos, del, sn, strlen(sn));
        } else if (step % 50 == 49) {   /* occasionally restore the whole draft */
            edit(&d, ps, 0, d.len, start_text, strlen(start_text));
        } else {               /* typing a word */
            edit(&d, ps, pos, 0, "x", 1);
            check_step(ps, &d, step);
            edit(&d, ps, pos + 1, 0, "y", 1);
        }
        check_step(ps, &d, step);
    }
    qc_parser_delete(ps);
    free(d.s);
}

static void test_random_edits(void **state)
{
    (void)state;
    run_random_edits(draft, 12345u, 400);
    run_random_edits(draft, 777u, 400);
}

static void test_typing_a_paragraph(void **state)
{
    (void)state;
    /* type a paragraph character by character at the end of the draft */
    const char *typed = "\nShe said: “We *never* agreed,” and [left](u). `x`\n";
    doc d = { strdup(draft), strlen(draft) };
    qc_parser *ps = qc_parser_new(QC_FORMAT_MARKDOWN);
    check_step(ps, &d, -1);
    for (size_t i = 0; typed[i]; i++) {
        edit(&d, ps, d.len, 0, typed + i, 1);
        check_step(ps, &d, (int)i);
    }
    /* the final text: the typed paragraph is a block with its syntax masked */
    qc_prose *p = qc_parser_parse(ps, d.s, d.len);
    const qc_block *last = &p->blocks[p->nblocks - 1];
    assert_int_equal(last->kind, QC_BLOCK_PARAGRAPH);
    assert_int_equal(last->end - last->start, strlen("She said: “We *never* agreed,” and [left](u)."));
    assert_memory_equal(p->mask + last->start, "She said: “We  never  agreed,” and  left    .    \n",
                        strlen("She said: “We  never  agreed,” and  left    .    \n"));
    qc_prose_delete(p);
    qc_parser_delete(ps);
    free(d.s);
}

static void test_guarded_document(void **state)
{
    (void)state;
    /* deep nesting forces the guarded (non-incremental) path; edits still work */
    size_t n = 400;
    char *deep = malloc(n + 64);
    memset(deep, '>', n);
    strcpy(deep + n, " “deep”\n\nPlain *text*.\n");
    run_random_edits(deep, 99u, 60);
    free(deep);
}

static void test_reparse_without_edit(void **state)
{
    (void)state;
    qc_parser *ps = qc_parser_new(QC_FORMAT_MARKDOWN);
    doc d = { strdup(draft), strlen(draft) };
    check_step(ps, &d, 0);
    check_step(ps, &d, 1);
    /* a new text without any edit recorded is parsed from scratch-equivalent */
    qc_parser_delete(ps);
    free(d.s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_edits),
        cmocka_unit_test(test_typing_a_paragraph),
        cmocka_unit_test(test_guarded_document),
        cmocka_unit_test(test_reparse_without_edit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
