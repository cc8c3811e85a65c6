/*
 * util/error.c — thread-local last error message (see error.h).
 */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char qc_error_msg[1024];

void qc_error_set(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(qc_error_msg, sizeof qc_error_msg, fmt, ap);
    va_end(ap);
}

const char *qc_error_last(void) { return qc_error_msg[0] ? qc_error_msg : "unknown error"; }
void qc_error_clear(void) { qc_error_msg[0] = '\0'; }
