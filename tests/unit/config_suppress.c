/*
 * tests/unit/config_suppress.c — config/suppress.h: next-line, stacked
 * next-line, disable-line, regions (all codes, some codes, partial enable,
 * unclosed), unknown codes and directives as warnings with line:column,
 * reasons after "--", comments spanning lines, CRLF, and comments inside
 * Markdown code (ignored) versus plain text (counted). Owned by the config
 * module.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "config/suppress.h"

static qc_suppress *scan(const char *doc, qc_format fmt)
{
    qc_suppress *s = NULL;
    assert_int_equal(qc_suppress_scan(doc, strlen(doc), fmt, &s), 0);
    assert_non_null(s);
    return s;
}

/* Byte offset of the first occurrence of `needle` in doc. */
static size_t off(const char *doc, const char *needle)
{
    const char *p = strstr(doc, needle);
    assert_non_null(p);
    return (size_t)(p - doc);
}

static bool covers(const qc_suppress *s, qc_code code, const char *doc, const char *needle)
{
    size_t o = off(doc, needle);
    return qc_suppress_covers(s, code, o, o + strlen(needle));
}

static void test_next_line(void **state)
{
    (void)state;
    const char *doc = "Intro paragraph.\n"
                      "<!-- quotecheck-disable-next-line altered-quote -->\n"
                      "\n"
                      "“We will respond,” she said.\n"
                      "Another “line”.\n";
    qc_suppress *s = scan(doc, QC_FORMAT_MARKDOWN);
    assert_int_equal(s->nwarnings, 0);
    assert_int_equal(s->nlines, 1);
    assert_int_equal(s->lines[0].start, off(doc, "“We"));
    assert_int_equal(s->lines[0].end, off(doc, "Another"));
    assert_true(covers(s, QC_CODE_ALTERED_QUOTE, doc, "“We will"));
    assert_true(covers(s, QC_CODE_ALTERED_QUOTE, doc, "she said"));
    assert_false(covers(s, QC_CODE_MISATTRIBUTED_QUOTE, doc, "“We will"));
    assert_false(covers(s, QC_CODE_ALTERED_QUOTE, doc, "“line”"));
    assert_false(covers(s, QC_CODE_ALTERED_QUOTE, doc, "Intro"));
    qc_suppress_free(s);

    /* no codes = every code; stacked directives apply to the same line */
    doc = "<!-- quotecheck-disable-next-line weak-source -->\n"
          "<!-- quotecheck-disable-next-line -->\n"
          "   \n"
          "Target “x”.\n"
          "Next “y”.";
    s = scan(doc, QC_FORMAT_PLAIN);
    assert_int_equal(s->nlines, 2);
    for (int k = 0; k < QC_CODE_COUNT; k++)
        assert_true(covers(s, (qc_code)k, doc, "“x”"));
    assert_false(covers(s, QC_CODE_WEAK_SOURCE, doc, "“y”"));
    qc_suppress_free(s);

    /* a comment spanning lines, a reason after "--", CRLF line ends */
    doc = "<!--\r\n  quotecheck-disable-next-line\r\n  weak-source -- one source is enough here\r\n-->\r\n"
          "\r\n"
          "Target.\r\n"
          "Other.\r\n";
    s = scan(doc, QC_FORMAT_MARKDOWN);
    assert_int_equal(s->nwarnings, 0);
    assert_true(covers(s, QC_CODE_WEAK_SOURCE, doc, "Target"));
    assert_false(covers(s, QC_CODE_ALTERED_QUOTE, doc, "Target"));
    assert_false(covers(s, QC_CODE_WEAK_SOURCE, doc, "Other"));
    qc_suppress_free(s);

    /* at the very end: nothing follows, nothing suppressed */
    doc = "Text.\n<!-- quotecheck-disable-next-line -->\n\n";
    s = scan(doc, QC_FORMAT_MARKDOWN);
    assert_int_equal(s->nlines, 0);
    qc_suppress_free(s);
}

static void test_disable_line(void **state)
{
    (void)state;
    const char *doc = "He said “12 dead”. <!-- quotecheck-disable-line figure-mismatch -->\n"
                      "Next “y”.";
    qc_suppress *s = scan(doc, QC_FORMAT_MARKDOWN);
    assert_true(covers(s, QC_CODE_FIGURE_MISMATCH, doc, "12 dead"));
    assert_true(covers(s, QC_CODE_FIGURE_MISMATCH, doc, "He said"));
    assert_false(covers(s, QC_CODE_ALTERED_QUOTE, doc, "12 dead"));
    assert_false(covers(s, QC_CODE_FIGURE_MISMATCH, doc, "“y”"));
    qc_suppress_free(s);
}

static void test_regions(void **state)
{
    (void)state;
    const char *doc = "A “one”.\n"
                      "<!-- quotecheck-disable -->\n"
                      "B “two”.\n"
                      "<!-- quotecheck-enable -->\n"
                      "C “three”.\n";
    qc_suppress *s = scan(doc, QC_FORMAT_MARKDOWN);
    assert_int_equal(s->nregions, 1);
    assert_int_equal(s->regions[0].start, off(doc, "<!-- quotecheck-disable"));
    assert_int_equal(s->regions[0].end, off(doc, "<!-- quotecheck-enable"));
    assert_int_equal(s->regions[0].codes, QC_SUPPRESS_ALL);
    for (int k = 0; k < QC_CODE_COUNT; k++) {
        assert_true(covers(s, (qc_code)k, doc, "“two”"));
        assert_false(covers(s, (qc_code)k, doc, "“one”"));
        assert_false(covers(s, (qc_code)k, doc, "“three”"));
    }
    qc_suppress_free(s);

    /* specific codes, re-enabled one at a time */
    doc = "<!-- quotecheck-disable unsourced-quote, weak-source -->\n"
          "X\n"
          "<!-- quotecheck-enable weak-source -->\n"
          "Y\n"
          "<!-- quotecheck-enable -->\n"
          "Z\n";
    s = scan(doc, QC_FORMAT_MARKDOWN);
    assert_true(covers(s, QC_CODE_UNSOURCED_QUOTE, doc, "X"));
    assert_true(covers(s, QC_CODE_WEAK_SOURCE, doc, "X"));
    assert_false(covers(s, QC_CODE_ALTERED_QUOTE, doc, "X"));
    assert_true(covers(s, QC_CODE_UNSOURCED_QUOTE, doc, "Y"));
    assert_false(covers(s, QC_CODE_WEAK_SOURCE, doc, "Y"));
    assert_false(covers(s, QC_CODE_UNSOURCED_QUOTE, doc, "Z"));
    assert_int_equal(s->nregions, 2);
    assert_int_equal(s->regions[1].codes, 1u << QC_CODE_UNSOURCED_QUOTE);
    qc_suppress_free(s);

    /* everything disabled, one code re-enabled, region left open to the end */
    doc = "<!-- quotecheck-disable -->\nX\n<!-- quotecheck-enable weak-source -->\nY";
    s = scan(doc, QC_FORMAT_PLAIN);
    assert_true(covers(s, QC_CODE_WEAK_SOURCE, doc, "X"));
    assert_true(covers(s, QC_CODE_ALTERED_QUOTE, doc, "Y"));
    assert_false(covers(s, QC_CODE_WEAK_SOURCE, doc, "Y"));
    assert_int_equal(s->regions[s->nregions - 1].end, strlen(doc));
    qc_suppress_free(s);

    /* enable without disable, and ordinary comments, do nothing */
    doc = "<!-- TODO: check this -->\n<!-- quotecheck-enable -->\nX";
    s = scan(doc, QC_FORMAT_MARKDOWN);
    assert_int_equal(s->nregions, 0);
    assert_int_equal(s->nlines, 0);
    assert_int_equal(s->nwarnings, 0);
    assert_false(covers(s, QC_CODE_ALTERED_QUOTE, doc, "X"));
    qc_suppress_free(s);
    assert_false(qc_suppress_covers(NULL, QC_CODE_ALTERED_QUOTE, 0, 1));

    /* an unterminated comment is not a directive */
    doc = "<!-- quotecheck-disable\nX <!-- <!--\nY";
    s = scan(doc, QC_FORMAT_PLAIN);
    assert_int_equal(s->nregions, 0);
    assert_false(covers(s, QC_CODE_ALTERED_QUOTE, doc, "Y"));
    qc_suppress_free(s);
    qc_suppress_free(NULL);
}

static void test_unknown_codes_warn(void **state)
{
    (void)state;
    const char *doc = "ok\n"
                      "<!-- quotecheck-disable-next-line altered-quotes, weak-source -->\n"
                      "T\n"
                      "<!-- quotecheck-disable-next-line nope -->\n"
                      "U\n"
                      "<!-- quotecheck-disabel altered-quote -->\n"
                      "Café <!-- quotecheck-disable-line bogus -->\n";
    qc_suppress *s = scan(doc, QC_FORMAT_MARKDOWN);
    assert_int_equal(s->nwarnings, 4);
    assert_int_equal(s->warnings[0].line, 2);
    assert_int_equal(s->warnings[0].column, 35);
    assert_int_equal(s->warnings[0].start, off(doc, "altered-quotes"));
    assert_int_equal(s->warnings[0].end, off(doc, "altered-quotes") + strlen("altered-quotes"));
    assert_string_equal(s->warnings[0].message,
                        "unknown code 'altered-quotes' in quotecheck comment (valid: misattributed-quote, "
                        "altered-quote, unsourced-quote, figure-mismatch, weak-source, sources-disagree, "
                        "corrected-source)");
    assert_int_equal(s->warnings[1].line, 4);
    assert_int_equal(s->warnings[1].column, 35);
    assert_int_equal(s->warnings[2].line, 6);
    assert_int_equal(s->warnings[2].column, 6);
    assert_string_equal(s->warnings[2].message,
                        "unknown quotecheck directive 'quotecheck-disabel' (valid: "
                        "quotecheck-disable-next-line, quotecheck-disable-line, quotecheck-disable, "
                        "quotecheck-enable)");
    assert_int_equal(s->warnings[3].line, 7);
    assert_int_equal(s->warnings[3].column, 35);   /* columns count code points */
    /* the known code still applies; unknown-only never widens to "all" */
    assert_true(covers(s, QC_CODE_WEAK_SOURCE, doc, "T"));
    assert_false(covers(s, QC_CODE_ALTERED_QUOTE, doc, "T"));
    for (int k = 0; k < QC_CODE_COUNT; k++) {
        assert_false(covers(s, (qc_code)k, doc, "U"));
        assert_false(covers(s, (qc_code)k, doc, "Café"));
    }
    assert_int_equal(s->nregions, 0);
    qc_suppress_free(s);
}

static void test_code_blocks(void **state)
{
    (void)state;
    const char *doc = "Text.\n"
                      "```markdown\n"
                      "<!-- quotecheck-disable -->\n"
                      "```\n"
                      "After “quote”.\n"
                      "Use `<!-- quotecheck-disable-line -->` like “this”.\n"
                      "~~~~\n"
                      "<!-- quotecheck-disable-next-line -->\n"
                      "~~~\n"
                      "still code\n"
                      "~~~~\n"
                      "out “there”.\n";
    /* Markdown: examples in code are not directives */
    qc_suppress *s = scan(doc, QC_FORMAT_MARKDOWN);
    assert_int_equal(s->nregions, 0);
    assert_int_equal(s->nlines, 0);
    assert_false(covers(s, QC_CODE_ALTERED_QUOTE, doc, "“quote”"));
    assert_false(covers(s, QC_CODE_ALTERED_QUOTE, doc, "“this”"));
    assert_false(covers(s, QC_CODE_ALTERED_QUOTE, doc, "“there”"));
    qc_suppress_free(s);

    /* plain text: they are just text, so they count */
    s = scan(doc, QC_FORMAT_PLAIN);
    assert_true(covers(s, QC_CODE_ALTERED_QUOTE, doc, "“quote”"));
    assert_true(covers(s, QC_CODE_ALTERED_QUOTE, doc, "“there”"));
    qc_suppress_free(s);

    /* a directive after a closed fence counts again; an unclosed fence runs
     * to the end */
    doc = "```\ncode\n```\n<!-- quotecheck-disable-next-line -->\nA\n```\n<!-- quotecheck-disable -->\nB";
    s = scan(doc, QC_FORMAT_MARKDOWN);
    assert_true(covers(s, QC_CODE_ALTERED_QUOTE, doc, "A"));
    assert_false(covers(s, QC_CODE_ALTERED_QUOTE, doc, "B"));
    qc_suppress_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_next_line),
        cmocka_unit_test(test_disable_line),
        cmocka_unit_test(test_regions),
        cmocka_unit_test(test_unknown_codes_warn),
        cmocka_unit_test(test_code_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
