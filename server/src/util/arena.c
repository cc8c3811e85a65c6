/*
 * util/arena.c — bump allocator (see arena.h).
 */
#include "util/arena.h"
#include "util/alloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

struct qc_arena_block {
    qc_arena_block *next;
    size_t used, cap;
    max_align_t data[];
};

#define QC_ARENA_BLOCK 65536

void *qc_arena_alloc(qc_arena *self, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    qc_arena_block *b = self->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > QC_ARENA_BLOCK ? size : QC_ARENA_BLOCK;
        b = qc_malloc(sizeof *b + cap);
        b->used = 0;
        b->cap = cap;
        b->next = self->head;
        self->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *qc_arena_strndup(qc_arena *self, const char *s, size_t n)
{
    char *p = qc_arena_alloc(self, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *qc_arena_strdup(qc_arena *self, const char *s)
{
    return qc_arena_strndup(self, s, strlen(s));
}

char *qc_arena_printf(qc_arena *self, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = qc_arena_alloc(self, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void qc_arena_free(qc_arena *self)
{
    qc_arena_block *b = self->head;
    while (b) {
        qc_arena_block *next = b->next;
        free(b);
        b = next;
    }
    self->head = NULL;
}
