/*
 * tests/fuzz/fuzz_jsonrpc.c — libFuzzer harness for the JSON-RPC message
 * reader (lsp/transport.c) and the server's dispatch (lsp/server.c).
 *
 * Input: byte 0 seeds the chunk sizes; the rest is the byte stream a client
 * sends. Two parts per input:
 *   1. the reader alone, fed the stream whole and in pseudo-random chunks
 *      (1..64 bytes) with a small message limit (2048 bytes, so oversized
 *      bodies are skipped too). Invariants: every body lies inside the
 *      reader's buffer; when the whole-stream run rejects no header block,
 *      both runs yield the same events and bodies; fed in chunks, the
 *      reader's buffer stays bounded (memory does not grow with the stream).
 *   2. qc_lsp_serve on the stream (a pipe; stdout to /dev/null) with a
 *      one-article corpus and an empty config given as overrides, so no
 *      message can make it read or index anything else. Keys that would
 *      reach the file system or sleep ("configPath", "cache",
 *      "debugCheckDelayMs") are defused in the copy served.
 * Owned by the fuzz tests.
 */
#include "fuzz_common.h"

#include "lsp/lsp.h"
#include "lsp/lsp_internal.h"

#include <signal.h>

#define QC_FUZZ_MAX_MESSAGE 2048

typedef struct ev_log {
    char *buf;
    size_t len, cap;
    int bad;
} ev_log;

static void ev_add(ev_log *l, const void *p, size_t n)
{
    if (l->len + n > l->cap) {
        l->cap = (l->len + n) * 2 + 64;
        l->buf = realloc(l->buf, l->cap);
    }
    memcpy(l->buf + l->len, p, n);
    l->len += n;
}

static void drain(qc_lsp_reader *r, ev_log *l)
{
    const char *body;
    size_t blen;
    qc_lsp_event ev;
    while ((ev = qc_lsp_reader_next(r, &body, &blen)) != QC_LSP_EV_NONE) {
        char tag = (char)('0' + ev);
        ev_add(l, &tag, 1);
        if (ev == QC_LSP_EV_MESSAGE) {
            QC_FUZZ_CHECK(body >= r->buf && body + blen <= r->buf + r->len);
            QC_FUZZ_CHECK(blen <= QC_FUZZ_MAX_MESSAGE);
            ev_add(l, &blen, sizeof blen);
            ev_add(l, body, blen);
        } else if (ev == QC_LSP_EV_TOO_BIG) {
            ev_add(l, r->id_raw, strlen(r->id_raw) + 1);
        } else if (ev == QC_LSP_EV_BAD_HEADER) {
            l->bad = 1;
        }
    }
}

static void reader_part(const uint8_t *data, size_t size, unsigned seed)
{
    ev_log whole = { 0 }, chunked = { 0 };
    qc_lsp_reader r;
    qc_lsp_reader_init(&r, QC_FUZZ_MAX_MESSAGE);
    qc_lsp_reader_feed(&r, (const char *)data, size);
    drain(&r, &whole);
    qc_lsp_reader_free(&r);

    qc_lsp_reader_init(&r, QC_FUZZ_MAX_MESSAGE);
    unsigned x = seed * 2654435761u + 1;
    for (size_t i = 0; i < size;) {
        x = x * 1103515245u + 12345u;
        size_t n = 1 + (x >> 16) % 64;
        if (n > size - i)
            n = size - i;
        qc_lsp_reader_feed(&r, (const char *)data + i, n);
        i += n;
        drain(&r, &chunked);
        /* bounded: a header block, a body under the limit, a chunk, slack */
        QC_FUZZ_CHECK(r.cap <= 4 * (QC_FUZZ_MAX_MESSAGE + QC_LSP_MAX_HEADER + 64) + 4096);
    }
    (void)qc_lsp_reader_mid_message(&r);
    qc_lsp_reader_free(&r);
    if (!whole.bad)
        QC_FUZZ_CHECK(whole.len == chunked.len && (!whole.len || !memcmp(whole.buf, chunked.buf, whole.len)));
    free(whole.buf);
    free(chunked.buf);
}

static char corpus_dir[512], config_path[512];
static int devnull = -1;

static void setup(void)
{
    if (devnull >= 0)
        return;
    const char *tmp = qc_fuzz_tmpdir("jsonrpc");
    snprintf(corpus_dir, sizeof corpus_dir, "%s/corpus", tmp);
    mkdir(corpus_dir, 0700);
    char path[600];
    snprintf(path, sizeof path, "%s/wire.txt", corpus_dir);
    const char *art = "By Ana Ruiz, Example Wire\n\nThe harbour bridge will close for 12 days, "
                      "the mayor said. \"We will reopen it before the festival,\" Mayor Lena "
                      "Holt told reporters on Monday.\n";
    qc_fuzz_write(path, art, strlen(art), 1577836800);
    snprintf(config_path, sizeof config_path, "%s/quotecheck.json", tmp);
    qc_fuzz_write(config_path, "{}", 2, 0);
    char cache[600];
    snprintf(cache, sizeof cache, "%s/cache", tmp);
    setenv("QC_CACHE_DIR", cache, 1);
    devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    signal(SIGPIPE, SIG_IGN);
}

static void defuse(char *s, size_t n, const char *key)
{
    size_t k = strlen(key);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(s + i, key, k))
            s[i + 1] ^= 0x20;   /* "cache" -> "cAche": no longer the key */
}

static void server_part(const uint8_t *data, size_t size)
{
    setup();
    if (size > 60000)   /* must fit in the pipe: written before serving */
        size = 60000;
    char *copy = malloc(size ? size : 1);
    memcpy(copy, data, size);
    defuse(copy, size, "configPath");
    defuse(copy, size, "cache");
    defuse(copy, size, "debugCheckDelayMs");
    int p[2];
    if (pipe(p) != 0)
        abort();
    fcntl(p[1], F_SETPIPE_SZ, 65536);
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(p[1], copy + done, size - done);
        if (w <= 0)
            abort();
        done += (size_t)w;
    }
    close(p[1]);
    const char *dirs[] = { corpus_dir };
    qc_lsp_options o = { 0 };
    o.debounce_ms = 0;
    o.max_message = QC_FUZZ_MAX_MESSAGE * 8;
    o.corpus_dirs = dirs;
    o.ncorpus_dirs = 1;
    o.config_path = config_path;
    int code = qc_lsp_serve(p[0], devnull, &o);
    QC_FUZZ_CHECK(code == 0 || code == 1);
    close(p[0]);
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    reader_part(data + 1, size - 1, data[0]);
    server_part(data + 1, size - 1);
    return 0;
}
