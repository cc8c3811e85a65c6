/*
 * util/strbuf.c — growable string (see strbuf.h).
 */
#include "util/strbuf.h"
#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void qc_strbuf_grow(qc_strbuf *self, size_t extra)
{
    size_t need = self->len + extra + 1;
    if (need <= self->cap)
        return;
    size_t cap = self->cap ? self->cap : 64;
    while (cap < need)
        cap *= 2;
    self->data = qc_realloc(self->data, cap);
    self->cap = cap;
}

void qc_strbuf_add(qc_strbuf *self, const char *s, size_t n)
{
    qc_strbuf_grow(self, n);
    memcpy(self->data + self->len, s, n);
    self->len += n;
    self->data[self->len] = '\0';
}

void qc_strbuf_adds(qc_strbuf *self, const char *s) { qc_strbuf_add(self, s, strlen(s)); }
void qc_strbuf_addc(qc_strbuf *self, char c) { qc_strbuf_add(self, &c, 1); }

void qc_strbuf_vprintf(qc_strbuf *self, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n <= 0)
        return;
    qc_strbuf_grow(self, (size_t)n);
    vsnprintf(self->data + self->len, (size_t)n + 1, fmt, ap);
    self->len += (size_t)n;
}

void qc_strbuf_printf(qc_strbuf *self, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    qc_strbuf_vprintf(self, fmt, ap);
    va_end(ap);
}

const char *qc_strbuf_cstr(qc_strbuf *self) { return self->data ? self->data : ""; }
void qc_strbuf_clear(qc_strbuf *self)
{
    self->len = 0;
    if (self->data)
        self->data[0] = '\0';
}

char *qc_strbuf_detach(qc_strbuf *self)
{
    char *p = self->data ? self->data : qc_strdup("");
    self->data = NULL;
    self->len = self->cap = 0;
    return p;
}

void qc_strbuf_free(qc_strbuf *self)
{
    free(self->data);
    self->data = NULL;
    self->len = self->cap = 0;
}
