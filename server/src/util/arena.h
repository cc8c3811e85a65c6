/*
 * util/arena.h — a bump allocator for results that live and die together.
 *
 * An extraction, a check or one LSP request allocates its strings and
 * structs from one arena and frees them all at once with qc_arena_free.
 * Nothing allocated from an arena may be passed to free().
 */
#ifndef QC_UTIL_ARENA_H
#define QC_UTIL_ARENA_H

#include <stddef.h>

typedef struct qc_arena_block qc_arena_block;

typedef struct qc_arena {
    qc_arena_block *head;
} qc_arena;

#define QC_ARENA_INIT { NULL }

void *qc_arena_alloc(qc_arena *self, size_t size);          /* zeroed */
char *qc_arena_strndup(qc_arena *self, const char *s, size_t n);
char *qc_arena_strdup(qc_arena *self, const char *s);
char *qc_arena_printf(qc_arena *self, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void qc_arena_free(qc_arena *self);                          /* accepts empty */

#endif
