/*
 * tests/unit/util_utf8.c — util/utf8.h: decoding 1- to 4-byte characters,
 * invalid sequences (lone continuation bytes, truncated sequences, overlong
 * forms, surrogates, code points past U+10FFFF) decoding as U+FFFD with
 * length 1; decoding backwards; encoding; validation offsets; counting;
 * UTF-16 units; character classes; folding of case and accents.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

#define NONE ((size_t)-1)

static void expect_decode(const char *s, size_t n, int32_t cp, size_t len)
{
    size_t l = 99;
    assert_int_equal(qc_utf8_decode(s, n, &l), cp);
    assert_int_equal(l, len);
}

static void test_decode_valid(void **st)
{
    (void)st;
    expect_decode("A", 1, 'A', 1);
    expect_decode("\xc3\xa9", 2, 0xE9, 2);               /* é */
    expect_decode("\xe2\x80\x9c", 3, 0x201C, 3);         /* “ */
    expect_decode("\xe2\x80\x99", 3, 0x2019, 3);         /* ’ */
    expect_decode("\xc2\xab", 2, 0xAB, 2);               /* « */
    expect_decode("\xf0\x9f\x98\x80", 4, 0x1F600, 4);    /* 😀 */
    expect_decode("\xf4\x8f\xbf\xbf", 4, 0x10FFFF, 4);   /* last code point */
    /* decoding looks only at the first character */
    expect_decode("\xe2\x80\x9cWe", 5, 0x201C, 3);
    /* n == 0 */
    size_t l = 99;
    assert_int_equal(qc_utf8_decode("", 0, &l), -1);
    assert_int_equal(l, 0);
}

static void test_decode_invalid(void **st)
{
    (void)st;
    expect_decode("\x80", 1, 0xFFFD, 1);                 /* lone continuation */
    expect_decode("\xbf" "A", 2, 0xFFFD, 1);
    expect_decode("\xc3", 1, 0xFFFD, 1);                 /* truncated 2-byte */
    expect_decode("\xc3" "A", 2, 0xFFFD, 1);             /* bad continuation */
    expect_decode("\xe2\x80", 2, 0xFFFD, 1);             /* truncated 3-byte */
    expect_decode("\xf0\x9f\x98", 3, 0xFFFD, 1);         /* truncated 4-byte */
    expect_decode("\xc0\x80", 2, 0xFFFD, 1);             /* overlong NUL */
    expect_decode("\xe0\x80\xaf", 3, 0xFFFD, 1);         /* overlong '/' */
    expect_decode("\xed\xa0\x80", 3, 0xFFFD, 1);         /* UTF-16 surrogate */
    expect_decode("\xf4\x90\x80\x80", 4, 0xFFFD, 1);     /* past U+10FFFF */
    expect_decode("\xff", 1, 0xFFFD, 1);
    expect_decode("\xfe", 1, 0xFFFD, 1);
    /* a valid sequence cut short by n */
    expect_decode("\xf0\x9f\x98\x80", 2, 0xFFFD, 1);
}

static void test_decode_before(void **st)
{
    (void)st;
    const char *s = "a\xc3\xa9\xf0\x9f\x98\x80\xe2\x80\x9d";   /* a é 😀 ” */
    size_t start = 99;
    assert_int_equal(qc_utf8_decode_before(s, 10, &start), 0x201D);
    assert_int_equal(start, 7);
    assert_int_equal(qc_utf8_decode_before(s, 7, &start), 0x1F600);
    assert_int_equal(start, 3);
    assert_int_equal(qc_utf8_decode_before(s, 3, &start), 0xE9);
    assert_int_equal(start, 1);
    assert_int_equal(qc_utf8_decode_before(s, 1, &start), 'a');
    assert_int_equal(start, 0);
    assert_int_equal(qc_utf8_decode_before(s, 0, &start), -1);
    assert_int_equal(start, 0);
    /* invalid bytes step back one byte at a time */
    const char *bad = "x\x80\x80";
    assert_int_equal(qc_utf8_decode_before(bad, 3, &start), 0xFFFD);
    assert_int_equal(start, 2);
    /* a truncated sequence before pos */
    const char *cut = "x\xe2\x80";
    assert_int_equal(qc_utf8_decode_before(cut, 3, &start), 0xFFFD);
    assert_int_equal(start, 2);
}

static void test_encode(void **st)
{
    (void)st;
    char out[8];
    int32_t cps[] = { 'Z', 0xE9, 0x201C, 0x20AC, 0x1F600, 0x10FFFF };
    const char *want[] = { "Z", "\xc3\xa9", "\xe2\x80\x9c", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
                           "\xf4\x8f\xbf\xbf" };
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        memset(out, 0, sizeof out);
        size_t n = qc_utf8_encode(cps[i], out);
        assert_int_equal(n, strlen(want[i]));
        assert_memory_equal(out, want[i], n);
        /* round trip */
        size_t l;
        assert_int_equal(qc_utf8_decode(out, n, &l), cps[i]);
        assert_int_equal(l, n);
    }
}

static void test_validate(void **st)
{
    (void)st;
    const char *ok = "“Iran’s move,” he said. 😀 «oui» é";
    assert_int_equal(qc_utf8_validate(ok, strlen(ok)), NONE);
    assert_int_equal(qc_utf8_validate("", 0), NONE);
    assert_int_equal(qc_utf8_validate("abc\x80", 4), 3);
    assert_int_equal(qc_utf8_validate("ab\xc3", 3), 2);                   /* truncated at end */
    assert_int_equal(qc_utf8_validate("\xe2\x80\x9c" "ab\xed\xa0\x80", 8), 5);   /* surrogate */
    assert_int_equal(qc_utf8_validate("a\xc0\x80", 3), 1);                /* overlong */
    assert_int_equal(qc_utf8_validate("\xf0\x9f\x98\x80\xf4\x90\x80\x80", 8), 4);
    assert_int_equal(qc_utf8_validate("\xf0\x9f\x98" "A", 4), 0);         /* cut 4-byte */
    /* validation stops at n: a bad byte past n is not seen */
    assert_int_equal(qc_utf8_validate("ab\xff", 2), NONE);
}

static void test_count_and_units(void **st)
{
    (void)st;
    const char *s = "“Hé 😀”";
    assert_int_equal(qc_utf8_count(s, strlen(s)), 6);
    assert_int_equal(qc_utf8_count("", 0), 0);
    assert_int_equal(qc_utf8_count("abc", 3), 3);
    assert_int_equal(qc_utf16_units('a'), 1);
    assert_int_equal(qc_utf16_units(0x201C), 1);
    assert_int_equal(qc_utf16_units(0xFFFF), 1);
    assert_int_equal(qc_utf16_units(0x10000), 2);
    assert_int_equal(qc_utf16_units(0x1F600), 2);
}

static void test_classes(void **st)
{
    (void)st;
    assert_true(qc_cp_is_alpha('a'));
    assert_true(qc_cp_is_alpha('Z'));
    assert_true(qc_cp_is_alpha(0xE9));     /* é */
    assert_true(qc_cp_is_alpha(0x0416));   /* Ж */
    assert_false(qc_cp_is_alpha('1'));
    assert_false(qc_cp_is_alpha(0x201C));
    assert_false(qc_cp_is_alpha(0x2019));
    assert_true(qc_cp_is_upper('Q'));
    assert_true(qc_cp_is_upper(0xC9));     /* É */
    assert_false(qc_cp_is_upper('q'));
    assert_false(qc_cp_is_upper(0xE9));
    assert_true(qc_cp_is_digit('0'));
    assert_true(qc_cp_is_digit('9'));
    assert_false(qc_cp_is_digit('a'));
    assert_true(qc_cp_is_space(' '));
    assert_true(qc_cp_is_space('\t'));
    assert_true(qc_cp_is_space('\n'));
    assert_true(qc_cp_is_space(0xA0));     /* no-break space */
    assert_true(qc_cp_is_space(0x202F));   /* narrow no-break space */
    assert_true(qc_cp_is_space(0x2009));   /* thin space */
    assert_false(qc_cp_is_space('x'));
    assert_false(qc_cp_is_space(0x201C));
}

static void test_fold(void **st)
{
    (void)st;
    assert_int_equal(qc_cp_fold('A'), 'a');
    assert_int_equal(qc_cp_fold('a'), 'a');
    assert_int_equal(qc_cp_fold('7'), '7');
    assert_int_equal(qc_cp_fold(0xC9), 'e');   /* É */
    assert_int_equal(qc_cp_fold(0xE9), 'e');   /* é */
    assert_int_equal(qc_cp_fold(0xFC), 'u');   /* ü */

    char *f = qc_utf8_fold("Qassem SÜLEYMANI", strlen("Qassem SÜLEYMANI"));
    assert_string_equal(f, "qassem suleymani");
    free(f);
    f = qc_utf8_fold("Café Zürich", strlen("Café Zürich"));
    assert_string_equal(f, "cafe zurich");
    free(f);
    f = qc_utf8_fold("\xef\xac\x81nal", strlen("\xef\xac\x81nal"));   /* ﬁ ligature (NFKC) */
    assert_string_equal(f, "final");
    free(f);
    /* decomposed input folds like precomposed */
    f = qc_utf8_fold("Cafe\xcc\x81", strlen("Cafe\xcc\x81"));
    assert_string_equal(f, "cafe");
    free(f);
    /* only n bytes are read */
    f = qc_utf8_fold("ABCDEF", 3);
    assert_string_equal(f, "abc");
    free(f);
    f = qc_utf8_fold("", 0);
    assert_string_equal(f, "");
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_valid),
        cmocka_unit_test(test_decode_invalid),
        cmocka_unit_test(test_decode_before),
        cmocka_unit_test(test_encode),
        cmocka_unit_test(test_validate),
        cmocka_unit_test(test_count_and_units),
        cmocka_unit_test(test_classes),
        cmocka_unit_test(test_fold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
