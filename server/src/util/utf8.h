/*
 * util/utf8.h — small UTF-8 helpers on byte strings.
 *
 * Decoding never fails: an invalid byte decodes as U+FFFD with length 1,
 * so scanning always advances. qc_utf8_validate finds the first invalid
 * sequence for error messages. Case folding and normalisation use
 * utf8proc; the results are malloc'd and belong to the caller.
 */
#ifndef QC_UTIL_UTF8_H
#define QC_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Decode the code point at s[0..n). Stores its byte length in *len (>= 1). */
int32_t qc_utf8_decode(const char *s, size_t n, size_t *len);
/* Decode the code point that ends just before s[pos]; *start gets its offset. */
int32_t qc_utf8_decode_before(const char *s, size_t pos, size_t *start);
/* Encode cp into out (at least 4 bytes); returns the byte count. */
size_t qc_utf8_encode(int32_t cp, char *out);
/* Offset of the first invalid sequence, or (size_t)-1 if s is valid. */
size_t qc_utf8_validate(const char *s, size_t n);
/* Number of code points in s[0..n). */
size_t qc_utf8_count(const char *s, size_t n);
/* UTF-16 code units of one code point. */
static inline size_t qc_utf16_units(int32_t cp) { return cp >= 0x10000 ? 2 : 1; }

/* Unicode classes used by extraction. */
bool qc_cp_is_alpha(int32_t cp);
bool qc_cp_is_upper(int32_t cp);
bool qc_cp_is_digit(int32_t cp);
bool qc_cp_is_space(int32_t cp);
int32_t qc_cp_fold(int32_t cp);   /* simple case fold + strip accents on Latin */

/* NFKC-casefolded copy with accents stripped; caller frees. */
char *qc_utf8_fold(const char *s, size_t n);

#endif
