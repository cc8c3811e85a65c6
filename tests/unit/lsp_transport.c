/*
 * tests/unit/lsp_transport.c — lsp/transport.c: Content-Length framing fed
 * whole and one byte at a time, case-insensitive headers, bad lengths
 * (negative, garbage, 2^63, missing) and resync, oversized bodies skipped
 * with their id recovered, id scanning, and the single-write writer.
 * Owned by the lsp module.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lsp/lsp_internal.h"

/* Collect the events of feeding `in` (in chunks of `chunk` bytes) as a
 * string: "M:<body>" per message, "B" per bad header, "T:<id>" per skipped one. */
static char *run(const char *in, size_t len, size_t chunk, size_t max)
{
    qc_lsp_reader r;
    qc_lsp_reader_init(&r, max);
    static char out[8192];
    out[0] = '\0';
    for (size_t i = 0; i < len; i += chunk) {
        size_t n = len - i < chunk ? len - i : chunk;
        qc_lsp_reader_feed(&r, in + i, n);
        const char *body;
        size_t blen;
        qc_lsp_event ev;
        while ((ev = qc_lsp_reader_next(&r, &body, &blen)) != QC_LSP_EV_NONE) {
            size_t o = strlen(out);
            if (ev == QC_LSP_EV_MESSAGE)
                snprintf(out + o, sizeof out - o, "M:%.*s|", (int)blen, body);
            else if (ev == QC_LSP_EV_BAD_HEADER)
                snprintf(out + o, sizeof out - o, "B|");
            else
                snprintf(out + o, sizeof out - o, "T:%s|", r.id_raw);
        }
    }
    qc_lsp_reader_free(&r);
    return out;
}

static void check_both(const char *in, const char *want, size_t max)
{
    assert_string_equal(run(in, strlen(in), 1 << 20, max), want);
    assert_string_equal(run(in, strlen(in), 1, max), want);
    assert_string_equal(run(in, strlen(in), 7, max), want);
}

static void test_plain_messages(void **st)
{
    check_both("Content-Length: 2\r\n\r\n{}Content-Length: 7\r\n\r\n{\"a\":1}", "M:{}|M:{\"a\":1}|", 0);
}

static void test_headers_case_and_others(void **st)
{
    check_both("content-length:2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
               "CONTENT-LENGTH:   3  \r\n\r\n[1]",
               "M:{}|M:[1]|", 0);
}

static void test_bad_lengths_resync(void **st)
{
    check_both("Content-Length: -5\r\n\r\n{}Content-Length: 2\r\n\r\n{}", "B|M:{}|", 0);
    check_both("Content-Length: abc\r\n\r\nxx\r\nContent-Length: 2\r\n\r\n{}", "B|M:{}|", 0);
    check_both("Content-Length: 9223372036854775808\r\n\r\nContent-Length: 2\r\n\r\n{}", "B|M:{}|", 0);
    check_both("Content-Length: \r\n\r\nContent-Length: 2\r\n\r\n{}", "B|M:{}|", 0);
    check_both("Content-Type: x\r\n\r\n{\"no\":1}Content-Length: 2\r\n\r\n{}", "B|M:{}|", 0);
    check_both("garbage line\r\n\r\nContent-Length: 2\r\n\r\n{}", "B|M:{}|", 0);
    check_both("Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}Content-Length: 2\r\n\r\n{}", "B|M:{}|", 0);
}

static void test_too_big_skipped(void **st)
{
    check_both("Content-Length: 19\r\n\r\n{\"id\":7,\"x\":\"aaaa\"}Content-Length: 2\r\n\r\n{}",
               "T:7|M:{}|", 10);
    check_both("Content-Length: 21\r\n\r\n{\"id\":\"s\",\"x\":\"aaaa\"}Content-Length: 2\r\n\r\n{}",
               "T:\"s\"|M:{}|", 10);
    check_both("Content-Length: 12\r\n\r\n{\"x\":\"aaaa\"}Content-Length: 2\r\n\r\n{}", "T:|M:{}|", 10);
}

static void test_header_too_long(void **st)
{
    size_t n = QC_LSP_MAX_HEADER + 100;
    char *in = malloc(n + 64);
    memset(in, 'x', n);
    strcpy(in + n, "\r\n\r\nContent-Length: 2\r\n\r\n{}");
    assert_string_equal(run(in, strlen(in), 4096, 0), "B|M:{}|");
    free(in);
}

static void test_mid_message(void **st)
{
    qc_lsp_reader r;
    qc_lsp_reader_init(&r, 0);
    assert_false(qc_lsp_reader_mid_message(&r));
    qc_lsp_reader_feed(&r, "Content-Length: 10\r\n\r\n{\"a\"", 26);
    const char *b;
    size_t l;
    assert_int_equal(qc_lsp_reader_next(&r, &b, &l), QC_LSP_EV_NONE);
    assert_true(qc_lsp_reader_mid_message(&r));
    qc_lsp_reader_free(&r);
}

static void test_scan_id(void **st)
{
    char out[64];
    const char *j = "{\"jsonrpc\":\"2.0\",\"params\":{\"id\":5},\"id\": 12345678901234567890 ,\"m\":1}";
    assert_true(qc_lsp_scan_id(j, strlen(j), out, sizeof out));
    assert_string_equal(out, "12345678901234567890");
    j = "{\"id\":\"a\\\"b\",\"x\":1}";
    assert_true(qc_lsp_scan_id(j, strlen(j), out, sizeof out));
    assert_string_equal(out, "\"a\\\"b\"");
    j = "{\"id\":{\"x\":1}}";
    assert_false(qc_lsp_scan_id(j, strlen(j), out, sizeof out));
    j = "{\"x\":\"\\\"id\\\":3\"}";
    assert_false(qc_lsp_scan_id(j, strlen(j), out, sizeof out));
    j = "{\"id\":12";   /* cut: the number may go on */
    assert_false(qc_lsp_scan_id(j, strlen(j), out, sizeof out));
    j = "[1]";
    assert_false(qc_lsp_scan_id(j, strlen(j), out, sizeof out));
}

static void test_write_message(void **st)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(qc_lsp_write_message(fds[1], "{\"é\":1}", 9), 0);
    close(fds[1]);
    char buf[128] = { 0 };
    ssize_t n = read(fds[0], buf, sizeof buf - 1);
    close(fds[0]);
    assert_true(n > 0);
    assert_string_equal(buf, "Content-Length: 9\r\n\r\n{\"é\":1}");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_messages),
        cmocka_unit_test(test_headers_case_and_others),
        cmocka_unit_test(test_bad_lengths_resync),
        cmocka_unit_test(test_too_big_skipped),
        cmocka_unit_test(test_header_too_long),
        cmocka_unit_test(test_mid_message),
        cmocka_unit_test(test_scan_id),
        cmocka_unit_test(test_write_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
