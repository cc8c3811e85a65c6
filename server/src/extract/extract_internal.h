/*
 * extract/extract_internal.h — shared between the files of extract/ only.
 */
#ifndef QC_EXTRACT_INTERNAL_H
#define QC_EXTRACT_INTERNAL_H

#include "extract/extract.h"

/* Find quotations and their speakers; fills ex->quotes and ex->entities
 * (arena-owned). */
void qc_quotes_find(qc_extraction *ex, const char *data, size_t len, const qc_prose *prose);

#endif
