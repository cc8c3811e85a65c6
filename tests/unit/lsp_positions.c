/*
 * tests/unit/lsp_positions.c — LSP positions through text/text.h as the
 * lsp module uses them (documents.c): Position JSON for curly quotes,
 * accents and emoji in UTF-16 and UTF-8, clamping a character past the
 * line end, rejecting a line past the document, rounding inside a
 * surrogate pair, incremental edits with non-ASCII text, and file: URIs.
 * Owned by the lsp module.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lsp/lsp_internal.h"

/* “Hé 😀” said.\nline two */
static const char DOC[] = "\xe2\x80\x9cH\xc3\xa9 \xf0\x9f\x98\x80\xe2\x80\x9d said.\nline two";

static cJSON *pos(int line, int ch)
{
    cJSON *p = cJSON_CreateObject();
    cJSON_AddNumberToObject(p, "line", line);
    cJSON_AddNumberToObject(p, "character", ch);
    return p;
}

static void expect_pos(const qc_text *t, size_t off, qc_encoding enc, int line, int ch)
{
    cJSON *p = qc_lsp_position_json(t, off, enc);
    assert_int_equal(cJSON_GetObjectItem(p, "line")->valueint, line);
    assert_int_equal(cJSON_GetObjectItem(p, "character")->valueint, ch);
    cJSON_Delete(p);
}

static size_t offset_of(const qc_text *t, int line, int ch, qc_encoding enc, int *rc)
{
    cJSON *p = pos(line, ch);
    size_t off = 0;
    const char *why;
    *rc = qc_lsp_offset_from_json(t, p, enc, &off, &why);
    cJSON_Delete(p);
    return off;
}

static void test_position_json(void **st)
{
    qc_text *t = qc_text_new(DOC, strlen(DOC));
    size_t closing = strlen("\xe2\x80\x9cH\xc3\xa9 \xf0\x9f\x98\x80");   /* 11: before ” */
    assert_int_equal(closing, 11);
    expect_pos(t, closing, QC_ENC_UTF16, 0, 6);   /* “ H é space 😀(2) */
    expect_pos(t, closing, QC_ENC_UTF8, 0, 11);
    expect_pos(t, closing + 3, QC_ENC_UTF16, 0, 7);
    expect_pos(t, strlen(DOC), QC_ENC_UTF16, 1, 8);
    qc_text_delete(t);
}

static void test_offset_from_json(void **st)
{
    qc_text *t = qc_text_new(DOC, strlen(DOC));
    int rc;
    assert_int_equal(offset_of(t, 0, 6, QC_ENC_UTF16, &rc), 11);
    assert_int_equal(rc, 0);
    assert_int_equal(offset_of(t, 0, 11, QC_ENC_UTF8, &rc), 11);
    /* inside the surrogate pair of 😀: rounds down to its start */
    assert_int_equal(offset_of(t, 0, 5, QC_ENC_UTF16, &rc), 7);
    assert_int_equal(rc, 0);
    /* past the line's end: clamps to it (before "\n") */
    assert_int_equal(offset_of(t, 0, 99, QC_ENC_UTF16, &rc), strlen(DOC) - 9);
    assert_int_equal(rc, 0);
    /* past the document: -2 */
    offset_of(t, 5, 0, QC_ENC_UTF16, &rc);
    assert_int_equal(rc, -2);
    /* malformed */
    cJSON *bad = cJSON_Parse("{\"line\":-1,\"character\":0}");
    size_t off;
    const char *why;
    assert_int_equal(qc_lsp_offset_from_json(t, bad, QC_ENC_UTF16, &off, &why), -1);
    cJSON_Delete(bad);
    bad = cJSON_Parse("{\"line\":\"0\",\"character\":0}");
    assert_int_equal(qc_lsp_offset_from_json(t, bad, QC_ENC_UTF16, &off, &why), -1);
    cJSON_Delete(bad);
    bad = cJSON_Parse("{\"line\":0.5,\"character\":0}");
    assert_int_equal(qc_lsp_offset_from_json(t, bad, QC_ENC_UTF16, &off, &why), -1);
    cJSON_Delete(bad);
    bad = cJSON_Parse("{\"start\":{\"line\":0,\"character\":4},\"end\":{\"line\":0,\"character\":1}}");
    size_t a, b;
    assert_int_equal(qc_lsp_range_from_json(t, bad, QC_ENC_UTF16, &a, &b, &why), -1);
    cJSON_Delete(bad);
    qc_text_delete(t);
}

static void apply(qc_lsp_doc *d, const char *json, qc_encoding enc, int want)
{
    cJSON *c = cJSON_Parse(json);
    assert_non_null(c);
    const char *why, *warn;
    assert_int_equal(qc_lsp_doc_apply_change(d, c, enc, &why, &warn), want);
    cJSON_Delete(c);
}

static void test_incremental_edits(void **st)
{
    qc_lsp_docs docs = { ARRAY_INIT };
    qc_lsp_doc *d = qc_lsp_docs_open(&docs, "file:///tmp/x.md", "markdown", 1, DOC, strlen(DOC), 1);
    assert_true(d->checked);
    assert_int_equal(d->format, QC_FORMAT_MARKDOWN);
    /* UTF-16: replace 😀 (chars 4..6) with "ü" */
    apply(d, "{\"range\":{\"start\":{\"line\":0,\"character\":4},\"end\":{\"line\":0,\"character\":6}},\"text\":\"\xc3\xbc\"}",
          QC_ENC_UTF16, 0);
    assert_string_equal(d->text->data, "\xe2\x80\x9cH\xc3\xa9 \xc3\xbc\xe2\x80\x9d said.\nline two");
    /* UTF-8: insert an emoji after "é" (bytes 0..6 are “Hé) */
    apply(d, "{\"range\":{\"start\":{\"line\":0,\"character\":6},\"end\":{\"line\":0,\"character\":6}},\"text\":\"\xf0\x9f\x8e\x89\"}",
          QC_ENC_UTF8, 0);
    assert_string_equal(d->text->data, "\xe2\x80\x9cH\xc3\xa9\xf0\x9f\x8e\x89 \xc3\xbc\xe2\x80\x9d said.\nline two");
    /* a new line, then an edit on it */
    apply(d, "{\"range\":{\"start\":{\"line\":1,\"character\":8},\"end\":{\"line\":1,\"character\":8}},\"text\":\"\\n\xe2\x80\x98ok\xe2\x80\x99\"}",
          QC_ENC_UTF16, 0);
    apply(d, "{\"range\":{\"start\":{\"line\":2,\"character\":1},\"end\":{\"line\":2,\"character\":3}},\"text\":\"fine\"}",
          QC_ENC_UTF16, 0);
    assert_string_equal(d->text->data + strlen(d->text->data) - 19, "line two\n\xe2\x80\x98""fine\xe2\x80\x99");
    /* full replacement, malformed change, range past the end (clamped) */
    apply(d, "{\"text\":\"abc\"}", QC_ENC_UTF16, 0);
    assert_string_equal(d->text->data, "abc");
    apply(d, "{\"range\":{}}", QC_ENC_UTF16, -1);
    apply(d, "{\"range\":{\"start\":{\"line\":9,\"character\":0},\"end\":{\"line\":9,\"character\":0}},\"text\":\"!\"}",
          QC_ENC_UTF16, 0);
    assert_string_equal(d->text->data, "abc!");
    assert_true(qc_lsp_docs_close(&docs, "file:///tmp/x.md"));
    assert_false(qc_lsp_docs_close(&docs, "file:///tmp/x.md"));
    qc_lsp_docs_free(&docs);
}

static void test_uris(void **st)
{
    char *p = qc_lsp_uri_to_path("file:///tmp/a%20b/%C3%A9.md");
    assert_string_equal(p, "/tmp/a b/\xc3\xa9.md");
    char *u = qc_lsp_path_to_uri(p);
    assert_string_equal(u, "file:///tmp/a%20b/%C3%A9.md");
    free(p);
    free(u);
    assert_null(qc_lsp_uri_to_path("untitled:Untitled-1"));
    assert_null(qc_lsp_uri_to_path("file:///bad%2"));
    p = qc_lsp_uri_to_path("file://localhost/x.txt");
    assert_string_equal(p, "/x.txt");
    free(p);
}

static void test_languages(void **st)
{
    qc_lsp_docs docs = { ARRAY_INIT };
    qc_lsp_doc *d = qc_lsp_docs_open(&docs, "file:///tmp/a.txt", "plaintext", 1, "x", 1, 1);
    assert_true(d->checked);
    assert_int_equal(d->format, QC_FORMAT_PLAIN);
    d = qc_lsp_docs_open(&docs, "file:///tmp/a.c", "c", 1, "x", 1, 2);
    assert_false(d->checked);
    d = qc_lsp_docs_open(&docs, "untitled:1", "markdown", 1, "x", 1, 3);
    assert_true(d->checked);
    assert_null(d->path);
    qc_lsp_docs_free(&docs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_position_json),
        cmocka_unit_test(test_offset_from_json),
        cmocka_unit_test(test_incremental_edits),
        cmocka_unit_test(test_uris),
        cmocka_unit_test(test_languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
