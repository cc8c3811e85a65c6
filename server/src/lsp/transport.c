/*
 * lsp/transport.c — JSON-RPC framing over byte streams.
 *
 * Owned by the lsp module. The reader is a state machine fed whatever
 * read() returned (one byte at a time works); it yields complete bodies,
 * skips bodies over the size limit, and resyncs after a bad header block
 * by searching for the next "Content-Length:". The writer frames a body and
 * writes it in one buffered write. Rules:
 *   - header names are case-insensitive; headers other than Content-Length
 *     are ignored; lines end in "\r\n" (a bare "\n" is tolerated); blank
 *     lines between messages are skipped
 *   - Content-Length must be decimal digits (no sign) below 2^53 and given
 *     once; otherwise the block is rejected (EV_BAD_HEADER) and the reader
 *     resyncs; so is a block without it or longer than QC_LSP_MAX_HEADER
 *   - a body over max_message is read and discarded (EV_TOO_BIG) with its
 *     id recovered from its first bytes when possible
 */
#include "lsp/lsp_internal.h"
#include "util/alloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

enum { ST_HEADERS, ST_BODY, ST_SKIP, ST_RESYNC, ST_BLOCK_END };

void qc_lsp_reader_init(qc_lsp_reader *self, size_t max_message)
{
    memset(self, 0, sizeof *self);
    self->max_message = max_message ? max_message : QC_LSP_MAX_MESSAGE_DEFAULT;
}

void qc_lsp_reader_free(qc_lsp_reader *self)
{
    free(self->buf);
    self->buf = NULL;
    self->len = self->cap = self->pos = 0;
}

static void qc_lsp_reader_compact(qc_lsp_reader *self)
{
    if (self->pos == 0)
        return;
    memmove(self->buf, self->buf + self->pos, self->len - self->pos);
    self->len -= self->pos;
    self->pos = 0;
}

void qc_lsp_reader_feed(qc_lsp_reader *self, const char *data, size_t n)
{
    if (self->pos > 0 && (self->pos >= self->len / 2 || self->len + n > self->cap))
        qc_lsp_reader_compact(self);
    if (self->len + n + 1 > self->cap) {
        size_t cap = self->cap ? self->cap : 4096;
        while (cap < self->len + n + 1)
            cap *= 2;
        self->buf = qc_realloc(self->buf, cap);
        self->cap = cap;
    }
    memcpy(self->buf + self->len, data, n);
    self->len += n;
    self->buf[self->len] = '\0';
}

bool qc_lsp_reader_mid_message(const qc_lsp_reader *self)
{
    if (self->state == ST_BODY || self->state == ST_SKIP)
        return true;
    for (size_t i = self->pos; i < self->len; i++)
        if (self->buf[i] != '\r' && self->buf[i] != '\n')
            return true;
    return false;
}

/* Case-insensitive search for "content-length:" in buf[from..len). */
static size_t qc_lsp_find_header(const char *buf, size_t from, size_t len)
{
    static const char key[] = "content-length:";
    const size_t k = sizeof key - 1;
    for (size_t i = from; i + k <= len; i++)
        if ((buf[i] == 'c' || buf[i] == 'C') && !strncasecmp(buf + i, key, k))
            return i;
    return (size_t)-1;
}

/* The index after the blank line ending a header block, or -1. */
static size_t qc_lsp_block_end(const char *buf, size_t from, size_t len)
{
    for (size_t i = from; i < len; i++)
        if (buf[i] == '\n') {
            size_t j = i + 1;
            if (j < len && buf[j] == '\r')
                j++;
            if (j < len && buf[j] == '\n')
                return j + 1;
        }
    return (size_t)-1;
}

/* Reject the header block at block_start: skip to its end (so that a
 * second Content-Length line inside it is not taken for a new message),
 * then search for the next "Content-Length:". */
static qc_lsp_event qc_lsp_reject(qc_lsp_reader *self, size_t block_start, const char *fmt,
                                  const char *arg, size_t arglen)
{
    char shown[48];
    size_t n = arglen < sizeof shown - 1 ? arglen : sizeof shown - 1;
    memcpy(shown, arg ? arg : "", arg ? n : 0);
    shown[arg ? n : 0] = '\0';
    for (size_t i = 0; shown[i]; i++)
        if ((unsigned char)shown[i] < 0x20)
            shown[i] = '?';
    snprintf(self->detail, sizeof self->detail, fmt, shown);
    self->pos = block_start + 1 <= self->len ? block_start + 1 : self->len;
    self->state = strncmp(fmt, "header block longer", 19) ? ST_BLOCK_END : ST_RESYNC;
    self->resync_skipped = 0;
    return QC_LSP_EV_BAD_HEADER;
}

/* Parse the header block at pos. */
static qc_lsp_event qc_lsp_reader_headers(qc_lsp_reader *self)
{
    /* skip blank lines between messages */
    while (self->pos < self->len && (self->buf[self->pos] == '\r' || self->buf[self->pos] == '\n'))
        self->pos++;
    size_t start = self->pos, cur = start;
    bool have = false;
    size_t length = 0;
    for (;;) {
        char *nl = memchr(self->buf + cur, '\n', self->len - cur);
        if (!nl) {
            if (self->len - start > QC_LSP_MAX_HEADER)
                return qc_lsp_reject(self, start, "header block longer than 8192 bytes%s", "", 0);
            return QC_LSP_EV_NONE;
        }
        size_t eol = (size_t)(nl - self->buf);
        size_t end = eol;
        if (end > cur && self->buf[end - 1] == '\r')
            end--;
        if (eol + 1 - start > QC_LSP_MAX_HEADER)
            return qc_lsp_reject(self, start, "header block longer than 8192 bytes%s", "", 0);
        if (end == cur) {   /* blank line: end of the block */
            cur = eol + 1;
            break;
        }
        const char *line = self->buf + cur;
        size_t llen = end - cur;
        const char *colon = memchr(line, ':', llen);
        if (!colon)
            return qc_lsp_reject(self, start, "malformed header line '%s'", line, llen);
        size_t nlen = (size_t)(colon - line);
        if (nlen == 14 && !strncasecmp(line, "content-length", 14)) {
            const char *v = colon + 1, *ve = line + llen;
            while (v < ve && (*v == ' ' || *v == '\t'))
                v++;
            while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
                ve--;
            if (v == ve)
                return qc_lsp_reject(self, start, "empty Content-Length%s", "", 0);
            size_t val = 0;
            for (const char *p = v; p < ve; p++) {
                if (*p < '0' || *p > '9')
                    return qc_lsp_reject(self, start, "Content-Length '%s' is not a length", v,
                                         (size_t)(ve - v));
                if (val >= QC_LSP_LENGTH_IMPLAUSIBLE / 10)
                    return qc_lsp_reject(self, start, "Content-Length '%s' is not a plausible length",
                                         v, (size_t)(ve - v));
                val = val * 10 + (size_t)(*p - '0');
            }
            if (have && val != length)
                return qc_lsp_reject(self, start, "two different Content-Length headers%s", "", 0);
            have = true;
            length = val;
        }
        cur = eol + 1;
    }
    if (!have)
        return qc_lsp_reject(self, start, "header block without Content-Length%s", "", 0);
    self->pos = cur;
    if (length > self->max_message) {
        self->state = ST_SKIP;
        self->skip_left = length;
        self->skip_head_len = 0;
        snprintf(self->detail, sizeof self->detail,
                 "message of %zu bytes is over the limit of %zu bytes; skipped", length,
                 self->max_message);
    } else {
        self->state = ST_BODY;
        self->body_len = length;
    }
    return QC_LSP_EV_NONE;
}

qc_lsp_event qc_lsp_reader_next(qc_lsp_reader *self, const char **body, size_t *len)
{
    for (;;) {
        switch (self->state) {
        case ST_BLOCK_END: {
            size_t at = qc_lsp_block_end(self->buf, self->pos, self->len);
            if (at == (size_t)-1) {
                if (self->len - self->pos > 3) {   /* keep a possible "\n\r" */
                    self->resync_skipped += self->len - 3 - self->pos;
                    self->pos = self->len - 3;
                }
                if (self->resync_skipped > QC_LSP_MAX_HEADER)
                    self->state = ST_RESYNC;   /* no blank line: search from here */
                return QC_LSP_EV_NONE;
            }
            self->pos = at;
            self->state = ST_RESYNC;
            break;
        }
        case ST_RESYNC: {
            size_t at = qc_lsp_find_header(self->buf, self->pos, self->len);
            if (at == (size_t)-1) {
                /* keep a tail that may be the start of a split "Content-Length:" */
                if (self->len - self->pos > 14)
                    self->pos = self->len - 14;
                return QC_LSP_EV_NONE;
            }
            self->pos = at;
            self->state = ST_HEADERS;
            break;
        }
        case ST_HEADERS: {
            qc_lsp_event ev = qc_lsp_reader_headers(self);
            if (ev != QC_LSP_EV_NONE || self->state == ST_HEADERS)
                return ev;
            break;
        }
        case ST_BODY:
            if (self->len - self->pos < self->body_len)
                return QC_LSP_EV_NONE;
            *body = self->buf + self->pos;
            *len = self->body_len;
            self->pos += self->body_len;
            self->state = ST_HEADERS;
            return QC_LSP_EV_MESSAGE;
        case ST_SKIP: {
            size_t avail = self->len - self->pos;
            size_t take = avail < self->skip_left ? avail : self->skip_left;
            size_t room = sizeof self->skip_head - 1 - self->skip_head_len;
            size_t keep = take < room ? take : room;
            memcpy(self->skip_head + self->skip_head_len, self->buf + self->pos, keep);
            self->skip_head_len += keep;
            self->pos += take;
            self->skip_left -= take;
            if (self->pos == self->len)
                self->pos = self->len = 0;
            if (self->skip_left > 0)
                return QC_LSP_EV_NONE;
            if (!qc_lsp_scan_id(self->skip_head, self->skip_head_len, self->id_raw,
                                sizeof self->id_raw))
                self->id_raw[0] = '\0';
            self->state = ST_HEADERS;
            return QC_LSP_EV_TOO_BIG;
        }
        }
    }
}

/* ---- recovering an id from raw JSON ------------------------------------ */

static size_t qc_lsp_skip_ws(const char *s, size_t i, size_t n)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    return i;
}

/* End of the string starting at s[i] == '"' (index after the closing
 * quote), or n when cut. */
static size_t qc_lsp_skip_string(const char *s, size_t i, size_t n)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return n;
}

bool qc_lsp_scan_id(const char *s, size_t n, char *out, size_t outsz)
{
    size_t i = qc_lsp_skip_ws(s, 0, n);
    if (i >= n || s[i] != '{')
        return false;
    int depth = 0;
    bool expect_key = false;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '"') {
            size_t e = qc_lsp_skip_string(s, i, n);
            if (depth == 1 && expect_key && e - i == 4 && !memcmp(s + i, "\"id\"", 4)) {
                size_t j = qc_lsp_skip_ws(s, e, n);
                if (j >= n || s[j] != ':')
                    return false;
                j = qc_lsp_skip_ws(s, j + 1, n);
                if (j >= n)
                    return false;
                size_t k;
                if (s[j] == '"') {
                    k = qc_lsp_skip_string(s, j, n);
                    if (k == n && (k == j + 1 || s[k - 1] != '"'))
                        return false;
                } else if (s[j] == '-' || (s[j] >= '0' && s[j] <= '9')) {
                    k = j;
                    while (k < n && strchr("+-.eE0123456789", s[k]))
                        k++;
                    if (k == n)
                        return false;   /* may be cut */
                } else if (n - j >= 4 && !memcmp(s + j, "null", 4)) {
                    k = j + 4;
                } else {
                    return false;       /* object, array, bool: not an id */
                }
                if (k - j + 1 > outsz)
                    return false;
                memcpy(out, s + j, k - j);
                out[k - j] = '\0';
                return true;
            }
            expect_key = false;
            i = e - 1;
        } else if (c == '{' || c == '[') {
            depth++;
            expect_key = c == '{' && depth == 1;
        } else if (c == '}' || c == ']') {
            depth--;
        } else if (c == ',') {
            expect_key = depth == 1;
        }
    }
    return false;
}

/* ---- writing -------------------------------------------------------------- */

int qc_lsp_write_message(int fd, const char *body, size_t len)
{
    char head[64];
    int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", len);
    size_t total = (size_t)h + len;
    char *msg = qc_malloc(total);
    memcpy(msg, head, (size_t)h);
    memcpy(msg + h, body, len);
    size_t done = 0;
    int rc = 0;
    while (done < total) {
        ssize_t w = write(fd, msg + done, total - done);
        if (w < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            rc = -1;
            break;
        }
        done += (size_t)w;
    }
    free(msg);
    return rc;
}
