/*
 * tests/unit/lsp_features.c — the lsp features on hand-built findings
 * (match/ is still being written): diagnostic JSON (ranges in UTF-16 and
 * UTF-8, code, codeDescription, relatedInformation into the source, data
 * with fixes), suppression comments and severities filtering findings,
 * the word diff and hover Markdown, "ignore this finding here", inlay
 * labels, and the dispatcher's error codes through qc_lsp_serve.
 * Owned by the lsp module.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lsp/lsp_internal.h"
#include "util/alloc.h"

/* draft: “Nous résisterons 😀,” Orlik said. */
static const char DRAFT[] = "Intro.\n\xe2\x80\x9cNous r\xc3\xa9sisterons \xf0\x9f\x98\x80,\xe2\x80\x9d Orlik said.\n";
static const char SOURCE[] = "Header\nMayor Tomas Orlik said: \xe2\x80\x9cNous r\xc3\xa9sisterons.\xe2\x80\x9d\n";

static qc_text *src_text;
static qc_evidence ev;
static qc_fix fix;
static qc_finding finding;

static void make_finding(void)
{
    if (!src_text)
        src_text = qc_text_new(SOURCE, strlen(SOURCE));
    const char *s = strstr(SOURCE, "Nous");
    ev = (qc_evidence){ .path = "/corpus/kta.md", .source = src_text, .start = (size_t)(s - SOURCE),
                        .end = (size_t)(s - SOURCE) + strlen("Nous r\xc3\xa9sisterons"),
                        .outlet = "KTA", .speaker = "Tomas Orlik", .credibility = 0.9,
                        .credibility_label = "high", .text = "Nous r\xc3\xa9sisterons" };
    const char *q = strstr(DRAFT, "\xe2\x80\x9c");
    const char *who = strstr(DRAFT, "Orlik");
    fix = (qc_fix){ "Restore the exact wording", (size_t)(q - DRAFT) + 3,
                    (size_t)(q - DRAFT) + 3 + strlen("Nous r\xc3\xa9sisterons \xf0\x9f\x98\x80"),
                    "Nous r\xc3\xa9sisterons" };
    finding = (qc_finding){ .code = QC_CODE_ALTERED_QUOTE, .severity = QC_SEV_ERROR,
                            .start = (size_t)(q - DRAFT), .end = (size_t)(who - DRAFT) - 1,
                            .message = "the sources do not have the emoji",
                            .quote = "Nous r\xc3\xa9sisterons \xf0\x9f\x98\x80", .speaker = "Tomas Orlik",
                            .evidence = &ev, .nevidence = 1, .fixes = &fix, .nfixes = 1 };
}

static qc_lsp_server *server(qc_encoding enc)
{
    qc_lsp_server *s = qc_calloc(1, sizeof *s);
    s->enc = enc;
    s->ws = qc_lsp_workspace_new();
    return s;
}

static void server_free(qc_lsp_server *s)
{
    qc_lsp_docs_free(&s->docs);
    qc_lsp_workspace_delete(s->ws);
    qc_arena_free(&s->arena);
    free(s);
}

static int num(const cJSON *o, const char *a, const char *b, const char *c)
{
    const cJSON *x = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(o, a), b), c);
    assert_non_null(x);
    return x->valueint;
}

static void test_diagnostic_json(void **st)
{
    make_finding();
    for (int k = 0; k < 2; k++) {
        qc_lsp_server *s = server(k ? QC_ENC_UTF8 : QC_ENC_UTF16);
        qc_lsp_doc *d = qc_lsp_docs_open(&s->docs, "file:///d.md", "markdown", 3, DRAFT, strlen(DRAFT), 1);
        cJSON *j = qc_lsp_diagnostic_json(s, d, &finding);
        assert_int_equal(num(j, "range", "start", "line"), 1);
        assert_int_equal(num(j, "range", "start", "character"), 0);
        /* “Nous résisterons 😀,” : UTF-16 1+16+1+2+1+1 = 22, UTF-8 3+17+1+4+1+3 = 29 */
        assert_int_equal(num(j, "range", "end", "character"), k ? 29 : 22);
        assert_int_equal(cJSON_GetObjectItem(j, "severity")->valueint, 1);
        assert_string_equal(cJSON_GetObjectItem(j, "code")->valuestring, "altered-quote");
        assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "codeDescription"), "href")->valuestring,
                            qc_code_doc_url(QC_CODE_ALTERED_QUOTE));
        assert_string_equal(cJSON_GetObjectItem(j, "source")->valuestring, "quotecheck");
        cJSON *rel = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "relatedInformation"), 0);
        assert_non_null(rel);
        cJSON *loc = cJSON_GetObjectItem(rel, "location");
        assert_string_equal(cJSON_GetObjectItem(loc, "uri")->valuestring, "file:///corpus/kta.md");
        /* in the source: line 1, after 'Mayor Tomas Orlik said: “' = 24 + 1 (UTF-16) or 24 + 3 (UTF-8) */
        assert_int_equal(num(loc, "range", "start", "line"), 1);
        assert_int_equal(num(loc, "range", "start", "character"), k ? 27 : 25);
        assert_int_equal(num(loc, "range", "end", "character"), k ? 27 + 17 : 25 + 16);
        assert_non_null(strstr(cJSON_GetObjectItem(rel, "message")->valuestring, "KTA"));
        cJSON *fx = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "data"), "fixes"), 0);
        assert_string_equal(cJSON_GetObjectItem(fx, "newText")->valuestring, "Nous r\xc3\xa9sisterons");
        assert_int_equal(num(fx, "range", "start", "character"), k ? 3 : 1);
        cJSON_Delete(j);
        server_free(s);
    }
}

static void test_filter(void **st)
{
    make_finding();
    qc_finding items[3] = { finding, finding, finding };
    items[1].code = QC_CODE_WEAK_SOURCE;
    items[1].severity = QC_SEV_INFO;
    items[2].code = QC_CODE_UNSOURCED_QUOTE;
    qc_findings all = { QC_ARENA_INIT, items, 3, 0, 0 };
    /* a suppression comment on the line above the quote, for altered-quote */
    const char *text = "Intro.\n<!-- quotecheck-disable-next-line altered-quote -->\n\xe2\x80\x9cNous\xe2\x80\x9d Orlik said.\n";
    qc_text *t = qc_text_new(text, strlen(text));
    size_t q = (size_t)(strstr(text, "\xe2\x80\x9cNous") - text);
    for (int i = 0; i < 3; i++)
        items[i].start = q, items[i].end = q + 7;
    qc_lsp_workspace *ws = qc_lsp_workspace_new();
    assert_true(qc_lsp_workspace_set_settings(ws, "{\"severity\":{\"weak-source\":\"off\",\"unsourced-quote\":\"hint\"}}"));
    assert_false(qc_lsp_workspace_set_settings(ws, "{\"severity\":{\"weak-source\":\"off\",\"unsourced-quote\":\"hint\"}}"));
    char *err = NULL;
    assert_int_equal(qc_lsp_workspace_load(ws, NULL, NULL, &err), 0);
    size_t n;
    qc_finding *kept = qc_lsp_filter_findings(&all, t, QC_FORMAT_MARKDOWN, "/d.md", ws, &n);
    assert_int_equal(n, 1);
    assert_int_equal(kept[0].code, QC_CODE_UNSOURCED_QUOTE);
    assert_int_equal(kept[0].severity, QC_SEV_HINT);
    free(kept);
    /* without config: all three (the suppression still applies) */
    kept = qc_lsp_filter_findings(&all, t, QC_FORMAT_MARKDOWN, "/d.md", NULL, &n);
    assert_int_equal(n, 2);
    free(kept);
    qc_lsp_workspace_delete(ws);
    qc_text_delete(t);
}

static void test_word_diff(void **st)
{
    qc_arena a = QC_ARENA_INIT;
    assert_string_equal(qc_lsp_word_diff(&a, "the water came like a wall", "the water came like a flood"),
                        "the water came like a ~~wall~~ **flood**");
    assert_string_equal(qc_lsp_word_diff(&a, "we saw it at 05:25 from the bridge", "we saw it from the bridge"),
                        "we saw it ~~at 05:25~~ from the bridge");
    assert_string_equal(qc_lsp_word_diff(&a, "a b", "a b c"), "a b **c**");
    assert_string_equal(qc_lsp_word_diff(&a, "x *y*", "x *y*"), "x \\*y\\*");
    assert_string_equal(qc_lsp_word_diff(&a, "", "new"), "**new**");
    qc_arena_free(&a);
}

static void test_hover_markdown(void **st)
{
    make_finding();
    qc_arena a = QC_ARENA_INIT;
    const qc_finding *found[1] = { &finding };
    const char *md = qc_lsp_hover_markdown(&a, "Quotation", "Nous r\xc3\xa9sisterons \xf0\x9f\x98\x80", "Tomas Orlik",
                                           found, 1, NULL, 0, true);
    assert_non_null(strstr(md, "**altered-quote** (error)"));
    assert_non_null(strstr(md, "**KTA** · credibility high (0.90) · said by *Tomas Orlik*"));
    assert_non_null(strstr(md, "[kta.md:2](file:///corpus/kta.md#L2)"));
    assert_non_null(strstr(md, "Nous r\xc3\xa9sisterons **\xf0\x9f\x98\x80**"));
    md = qc_lsp_hover_markdown(&a, "Quotation", "x", NULL, NULL, 0, NULL, 0, false);
    assert_non_null(strstr(md, "No source corpus is loaded"));
    qc_arena_free(&a);
}

static void test_suppress_insert(void **st)
{
    qc_arena a = QC_ARENA_INIT;
    const char *doc = "Intro.\n> > \xe2\x80\x9cQuote\xe2\x80\x9d he said.\r\nEnd\n";
    qc_text *t = qc_text_new(doc, strlen(doc));
    const char *ins;
    size_t at = qc_lsp_suppress_insert(&a, t, (size_t)(strstr(doc, "\xe2\x80\x9c") - doc),
                                       QC_CODE_MISATTRIBUTED_QUOTE, &ins);
    assert_int_equal(at, 7);
    assert_string_equal(ins, "> > <!-- quotecheck-disable-next-line misattributed-quote -->\r\n");
    qc_text_delete(t);
    qc_arena_free(&a);
}

static void test_outlets_label(void **st)
{
    qc_arena a = QC_ARENA_INIT;
    qc_evidence e1 = { .outlet = "NYT" }, e2 = { .outlet = "TASS" }, e3 = { .outlet = "NYT" };
    const qc_evidence *ev3[3] = { &e1, &e2, &e3 };
    assert_string_equal(qc_lsp_outlets_label(&a, ev3, 3, false), "[NYT, TASS]");
    assert_string_equal(qc_lsp_outlets_label(&a, NULL, 0, true), "[no source]");
    assert_null(qc_lsp_outlets_label(&a, NULL, 0, false));
    qc_arena_free(&a);
}

/* ---- dispatch through qc_lsp_serve on files -------------------------------- */

static char *serve(const char *input, int *code)
{
    char in[] = "/tmp/qc-lsp-in-XXXXXX", out[] = "/tmp/qc-lsp-out-XXXXXX";
    int fi = mkstemp(in), fo = mkstemp(out);
    assert_true(fi >= 0 && fo >= 0);
    assert_int_equal(write(fi, input, strlen(input)), (ssize_t)strlen(input));
    lseek(fi, 0, SEEK_SET);
    qc_lsp_options o = { .debounce_ms = 0 };
    *code = qc_lsp_serve(fi, fo, &o);
    close(fi);
    size_t n = (size_t)lseek(fo, 0, SEEK_END);
    lseek(fo, 0, SEEK_SET);
    char *buf = calloc(1, n + 1);
    assert_int_equal(read(fo, buf, n), (ssize_t)n);
    close(fo);
    unlink(in);
    unlink(out);
    return buf;
}

static void add(char *buf, const char *json)
{
    sprintf(buf + strlen(buf), "Content-Length: %zu\r\n\r\n%s", strlen(json), json);
}

static void test_dispatch_errors(void **st)
{
    static char in[8192];
    in[0] = '\0';
    add(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\",\"params\":{}}");
    add(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
    add(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
    add(in, "{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"no/such\"}");
    add(in, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{}}}");
    add(in, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"file:///never\"},\"position\":{\"line\":0,\"character\":0}}}");
    add(in, "{not json");
    add(in, "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"shutdown\"}");
    add(in, "[1,2]");
    add(in, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///a.md\",\"languageId\":\"markdown\",\"version\":1,\"text\":\"hi\"}}}");
    add(in, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"file:///a.md\"},\"position\":{\"line\":7,\"character\":0}}}");
    add(in, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"shutdown\"}");
    add(in, "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"textDocument/hover\",\"params\":{}}");
    add(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    int code;
    char *out = serve(in, &code);
    assert_int_equal(code, 0);
    assert_non_null(strstr(out, "{\"id\":1,\"error\":{\"code\":-32002"));
    assert_non_null(strstr(out, "{\"id\":2,\"result\":{\"capabilities\""));
    assert_non_null(strstr(out, "{\"id\":3,\"error\":{\"code\":-32600"));
    assert_non_null(strstr(out, "{\"id\":\"abc\",\"error\":{\"code\":-32601"));
    assert_non_null(strstr(out, "{\"id\":5,\"error\":{\"code\":-32602"));
    assert_non_null(strstr(out, "{\"id\":6,\"error\":{\"code\":-32602,\"message\":\"document not open"));
    assert_non_null(strstr(out, "{\"id\":null,\"error\":{\"code\":-32700"));
    assert_non_null(strstr(out, "{\"id\":null,\"error\":{\"code\":-32600,\"message\":\"invalid request: id"));
    assert_non_null(strstr(out, "{\"id\":null,\"error\":{\"code\":-32600,\"message\":\"invalid request: a message"));
    assert_non_null(strstr(out, "{\"id\":9,\"error\":{\"code\":-32602,\"message\":\"position: position is past"));
    assert_non_null(strstr(out, "{\"id\":10,\"result\":null"));
    assert_non_null(strstr(out, "{\"id\":11,\"error\":{\"code\":-32600,\"message\":\"server is shutting down"));
    free(out);

    /* exit without shutdown: 1; EOF in the middle of a message: 1 */
    in[0] = '\0';
    add(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    out = serve(in, &code);
    assert_int_equal(code, 1);
    free(out);
    strcpy(in, "Content-Length: 100\r\n\r\n{\"jsonrpc\"");
    out = serve(in, &code);
    assert_int_equal(code, 1);
    assert_string_equal(out, "");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diagnostic_json),
        cmocka_unit_test(test_filter),
        cmocka_unit_test(test_word_diff),
        cmocka_unit_test(test_hover_markdown),
        cmocka_unit_test(test_suppress_insert),
        cmocka_unit_test(test_outlets_label),
        cmocka_unit_test(test_dispatch_errors),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    qc_text_delete(src_text);
    return rc;
}
