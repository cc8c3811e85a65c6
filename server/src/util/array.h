/*
 * util/array.h — a generic growable array, by macro.
 *
 *     Array(int) xs = ARRAY_INIT;
 *     array_push(&xs, 42);
 *     for (size_t i = 0; i < xs.len; i++) use(xs.items[i]);
 *     array_free(&xs);
 *
 * The array owns its item storage (not what items point to). Growth goes
 * through qc_realloc, so it never fails.
 */
#ifndef QC_UTIL_ARRAY_H
#define QC_UTIL_ARRAY_H

#include <stdlib.h>
#include "util/alloc.h"

#define Array(T) struct { T *items; size_t len, cap; }
#define ARRAY_INIT { NULL, 0, 0 }

#define array_reserve(a, n)                                                   \
    do {                                                                      \
        if ((n) > (a)->cap) {                                                 \
            size_t qc_cap_ = (a)->cap ? (a)->cap : 8;                         \
            while (qc_cap_ < (n)) qc_cap_ *= 2;                               \
            (a)->items = qc_realloc((a)->items, qc_cap_ * sizeof *(a)->items);\
            (a)->cap = qc_cap_;                                               \
        }                                                                     \
    } while (0)

#define array_push(a, v)                                                      \
    do {                                                                      \
        array_reserve((a), (a)->len + 1);                                     \
        (a)->items[(a)->len++] = (v);                                         \
    } while (0)

#define array_last(a) (&(a)->items[(a)->len - 1])
#define array_clear(a) ((a)->len = 0)
#define array_free(a)                                                         \
    do {                                                                      \
        free((a)->items);                                                     \
        (a)->items = NULL;                                                    \
        (a)->len = (a)->cap = 0;                                              \
    } while (0)

#endif
