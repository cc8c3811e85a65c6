/*
 * extract/quotes.c — quotations (stub).
 */
#include "extract/extract_internal.h"

void qc_quotes_find(qc_extraction *ex, const char *data, size_t len, const qc_prose *prose)
{
    (void)ex; (void)data; (void)len; (void)prose;
}
