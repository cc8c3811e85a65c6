/*
 * util/alloc.h — the one allocation policy of quotecheck.
 *
 * Every heap allocation goes through these wrappers. Running out of memory
 * prints a message and aborts in one place (alloc.c), so call sites carry
 * no NULL checks for memory. What a wrapper returns belongs to the caller,
 * who releases it with free().
 */
#ifndef QC_UTIL_ALLOC_H
#define QC_UTIL_ALLOC_H

#include <stddef.h>

void *qc_malloc(size_t size);
void *qc_calloc(size_t count, size_t size);
void *qc_realloc(void *ptr, size_t size);
char *qc_strdup(const char *s);
char *qc_strndup(const char *s, size_t n);   /* at most n bytes, stops at NUL */

#endif
