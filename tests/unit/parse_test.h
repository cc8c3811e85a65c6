/*
 * tests/unit/parse_test.h — helpers shared by the parse_* unit tests.
 *
 * A "spec" string is a document in which the parts the mask must blank are
 * wrapped in { }: spec_input() drops the braces, spec_mask() blanks what
 * they enclose (every byte but '\n' becomes ' '). So one literal gives
 * both the input and the exact expected mask. Results are malloc'd.
 */
#ifndef QC_TESTS_PARSE_TEST_H
#define QC_TESTS_PARSE_TEST_H

#include <stdlib.h>
#include <string.h>

static inline char *spec_input(const char *spec)
{
    size_t n = strlen(spec), k = 0;
    char *out = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        if (spec[i] != '{' && spec[i] != '}')
            out[k++] = spec[i];
    out[k] = '\0';
    return out;
}

static inline char *spec_mask(const char *spec)
{
    size_t n = strlen(spec), k = 0;
    char *out = malloc(n + 1);
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (spec[i] == '{') {
            depth++;
        } else if (spec[i] == '}') {
            depth--;
        } else {
            out[k++] = (depth > 0 && spec[i] != '\n') ? ' ' : spec[i];
        }
    }
    out[k] = '\0';
    return out;
}

/* Offset of the first occurrence of needle in hay at or after from. */
static inline size_t off_of(const char *hay, const char *needle, size_t from)
{
    const char *p = strstr(hay + from, needle);
    return p ? (size_t)(p - hay) : (size_t)-1;
}

#endif
