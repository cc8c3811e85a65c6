/*
 * util/error.h — the one error convention.
 *
 * Functions that can fail return 0 on success or a negative QC_E* code.
 * The failing function sets a message once with qc_error_set (prefixed with
 * the file and position where known); the caller reads it with
 * qc_error_last. The message is thread-local, owned by this module, and
 * valid until the next qc_error_set on the same thread.
 */
#ifndef QC_UTIL_ERROR_H
#define QC_UTIL_ERROR_H

enum {
    QC_OK = 0,
    QC_EIO = -1,       /* cannot read or write a file */
    QC_EINVAL = -2,    /* malformed input (bad UTF-8, bad JSON, bad option) */
    QC_ETOOBIG = -3,   /* over a size limit */
    QC_EBINARY = -4,   /* binary content (NUL bytes) */
    QC_ENOTFOUND = -5, /* no such thing */
};

void qc_error_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *qc_error_last(void);
void qc_error_clear(void);

#endif
