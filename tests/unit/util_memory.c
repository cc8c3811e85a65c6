/*
 * tests/unit/util_memory.c — util/alloc.h, util/arena.h, util/strbuf.h and
 * util/array.h: the allocation wrappers, the bump arena (alignment, zeroing,
 * blocks larger than the default, strings, printf, freeing an empty arena
 * twice), the growable string (NUL termination, embedded bytes, printf
 * growth, detach, clear) and the array macros (growth, reserve, last, clear,
 * free).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/arena.h"
#include "util/array.h"
#include "util/strbuf.h"

static void test_alloc_wrappers(void **st)
{
    (void)st;
    char *s = qc_strdup("Grisham");
    assert_string_equal(s, "Grisham");
    free(s);
    s = qc_strndup("Grisham said", 7);
    assert_string_equal(s, "Grisham");
    free(s);
    s = qc_strndup("ab", 10);   /* n past the end stops at the NUL */
    assert_string_equal(s, "ab");
    free(s);
    int *z = qc_calloc(16, sizeof *z);
    for (int i = 0; i < 16; i++)
        assert_int_equal(z[i], 0);
    z = qc_realloc(z, 1024 * sizeof *z);
    z[1023] = 7;
    assert_int_equal(z[0], 0);
    assert_int_equal(z[1023], 7);
    free(z);
    void *m = qc_malloc(1);
    assert_non_null(m);
    free(m);
}

static void test_arena_alloc(void **st)
{
    (void)st;
    qc_arena a = QC_ARENA_INIT;
    assert_null(a.head);
    unsigned char *p = qc_arena_alloc(&a, 13);
    for (int i = 0; i < 13; i++)
        assert_int_equal(p[i], 0);
    memset(p, 0xAB, 13);
    /* every allocation is aligned for any type and does not overlap */
    unsigned char *q = qc_arena_alloc(&a, 8);
    assert_int_equal((uintptr_t)q % _Alignof(max_align_t), 0);
    assert_true(q >= p + 13);
    for (int i = 0; i < 8; i++)
        assert_int_equal(q[i], 0);
    assert_int_equal(p[12], 0xAB);
    /* many small and one huge allocation (bigger than a block) */
    for (int i = 0; i < 10000; i++) {
        int *v = qc_arena_alloc(&a, sizeof *v * 3);
        assert_int_equal(v[0] | v[1] | v[2], 0);
        v[0] = i;
    }
    size_t big = 1u << 20;
    unsigned char *h = qc_arena_alloc(&a, big);
    assert_int_equal(h[0], 0);
    assert_int_equal(h[big - 1], 0);
    h[big - 1] = 1;
    qc_arena_free(&a);
    assert_null(a.head);
    qc_arena_free(&a);   /* freeing an empty arena is fine */
}

static void test_arena_strings(void **st)
{
    (void)st;
    qc_arena a = QC_ARENA_INIT;
    const char *src = "Stephanie Grisham said";
    char *s = qc_arena_strndup(&a, src, 17);
    assert_string_equal(s, "Stephanie Grisham");
    char *t = qc_arena_strdup(&a, "“the statement”");
    assert_string_equal(t, "“the statement”");
    char *e = qc_arena_strdup(&a, "");
    assert_string_equal(e, "");
    char *f = qc_arena_printf(&a, "%s:%d:%zu", "draft.md", 12, (size_t)7);
    assert_string_equal(f, "draft.md:12:7");
    /* a long printf result */
    char *longs = qc_arena_printf(&a, "%0100000d", 5);
    assert_int_equal(strlen(longs), 100000);
    assert_int_equal(longs[99999], '5');
    assert_string_equal(s, "Stephanie Grisham");   /* earlier strings untouched */
    qc_arena_free(&a);
}

static void test_strbuf(void **st)
{
    (void)st;
    qc_strbuf b = QC_STRBUF_INIT;
    assert_string_equal(qc_strbuf_cstr(&b), "");
    qc_strbuf_adds(&b, "“We will");
    qc_strbuf_addc(&b, ' ');
    qc_strbuf_add(&b, "respond now", 7);
    qc_strbuf_adds(&b, "”");
    assert_string_equal(qc_strbuf_cstr(&b), "“We will respond”");
    assert_int_equal(b.len, strlen("“We will respond”"));
    qc_strbuf_printf(&b, " %d/%s", 42, "x");
    assert_string_equal(qc_strbuf_cstr(&b), "“We will respond” 42/x");
    /* growth through printf */
    qc_strbuf_clear(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(qc_strbuf_cstr(&b), "");
    for (int i = 0; i < 5000; i++)
        qc_strbuf_printf(&b, "%04d", i);
    assert_int_equal(b.len, 20000);
    assert_memory_equal(b.data + 19996, "4999", 4);
    assert_int_equal(b.data[b.len], '\0');
    /* embedded NUL bytes are kept by length */
    qc_strbuf_clear(&b);
    qc_strbuf_add(&b, "a\0b", 3);
    assert_int_equal(b.len, 3);
    assert_memory_equal(b.data, "a\0b", 3);
    /* detach hands the bytes over and leaves the buffer empty */
    qc_strbuf_clear(&b);
    qc_strbuf_adds(&b, "kept");
    char *d = qc_strbuf_detach(&b);
    assert_string_equal(d, "kept");
    free(d);
    assert_int_equal(b.len, 0);
    assert_string_equal(qc_strbuf_cstr(&b), "");
    qc_strbuf_adds(&b, "again");
    assert_string_equal(qc_strbuf_cstr(&b), "again");
    qc_strbuf_free(&b);
    assert_int_equal(b.len, 0);
    qc_strbuf_free(&b);   /* twice is fine */
}

static void test_strbuf_detach_empty(void **st)
{
    (void)st;
    qc_strbuf b = QC_STRBUF_INIT;
    char *d = qc_strbuf_detach(&b);
    /* an empty buffer detaches to an empty string or NULL; either is freeable */
    if (d)
        assert_string_equal(d, "");
    free(d);
}

typedef struct pair {
    int a;
    double b;
} pair;

static void test_array(void **st)
{
    (void)st;
    Array(int) xs = ARRAY_INIT;
    assert_int_equal(xs.len, 0);
    for (int i = 0; i < 1000; i++)
        array_push(&xs, i * 2);
    assert_int_equal(xs.len, 1000);
    assert_true(xs.cap >= 1000);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(xs.items[i], i * 2);
    assert_int_equal(*array_last(&xs), 1998);
    array_clear(&xs);
    assert_int_equal(xs.len, 0);
    assert_true(xs.cap >= 1000);   /* storage kept */
    array_push(&xs, 5);
    assert_int_equal(xs.items[0], 5);
    array_free(&xs);
    assert_null(xs.items);
    assert_int_equal(xs.len, 0);
    assert_int_equal(xs.cap, 0);

    Array(pair) ps = ARRAY_INIT;
    array_reserve(&ps, 100);
    assert_true(ps.cap >= 100);
    assert_int_equal(ps.len, 0);
    pair *before = ps.items;
    for (int i = 0; i < 100; i++) {
        pair p = { i, i / 2.0 };
        array_push(&ps, p);
    }
    assert_ptr_equal(ps.items, before);   /* no reallocation within the reserve */
    assert_int_equal(array_last(&ps)->a, 99);
    assert_true(array_last(&ps)->b == 49.5);
    array_reserve(&ps, 10);   /* smaller reserve is a no-op */
    assert_ptr_equal(ps.items, before);
    array_free(&ps);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_wrappers),
        cmocka_unit_test(test_arena_alloc),
        cmocka_unit_test(test_arena_strings),
        cmocka_unit_test(test_strbuf),
        cmocka_unit_test(test_strbuf_detach_empty),
        cmocka_unit_test(test_array),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
