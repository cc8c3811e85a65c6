/*
 * util/alloc.c — allocation wrappers that abort on exhaustion (see alloc.h).
 */
#include "util/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void qc_alloc_die(size_t size)
{
    fprintf(stderr, "quotecheck: out of memory (requested %zu bytes)\n", size);
    abort();
}

void *qc_malloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        qc_alloc_die(size);
    return p;
}

void *qc_calloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        qc_alloc_die(count * size);
    return p;
}

void *qc_realloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        qc_alloc_die(size);
    return p;
}

char *qc_strndup(const char *s, size_t n)
{
    n = strnlen(s, n);   /* like strndup: stop at the first NUL */
    char *p = qc_malloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *qc_strdup(const char *s)
{
    return qc_strndup(s, strlen(s));
}
