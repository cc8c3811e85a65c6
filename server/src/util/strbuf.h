/*
 * util/strbuf.h — a growable, always NUL-terminated byte string.
 *
 * The buffer owns its bytes; qc_strbuf_free releases them,
 * qc_strbuf_detach hands them to the caller (who then frees them).
 */
#ifndef QC_UTIL_STRBUF_H
#define QC_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct qc_strbuf {
    char *data;
    size_t len, cap;
} qc_strbuf;

#define QC_STRBUF_INIT { NULL, 0, 0 }

void qc_strbuf_add(qc_strbuf *self, const char *s, size_t n);
void qc_strbuf_adds(qc_strbuf *self, const char *s);
void qc_strbuf_addc(qc_strbuf *self, char c);
void qc_strbuf_printf(qc_strbuf *self, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void qc_strbuf_vprintf(qc_strbuf *self, const char *fmt, va_list ap);
const char *qc_strbuf_cstr(qc_strbuf *self);   /* "" when empty */
void qc_strbuf_clear(qc_strbuf *self);
char *qc_strbuf_detach(qc_strbuf *self);
void qc_strbuf_free(qc_strbuf *self);

#endif
