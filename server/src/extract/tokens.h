/*
 * extract/tokens.h — words, punctuation and quotation marks of one block.
 *
 * qc_tokenize splits a prose block of the mask into tokens with byte
 * ranges into the document. Words keep internal apostrophes, hyphens and
 * the periods of abbreviations ("U.S.", "Gen.", "J."); each word has a
 * lowercase ASCII-folded key for lexicon lookups. Quotation-mark
 * characters become QC_TK_DQ / QC_TK_SQ tokens with flanking flags; which
 * of them really open or close a quotation is decided by extract/quotes.c.
 * The token array belongs to the caller (free it with qc_tokens_free).
 */
#ifndef QC_EXTRACT_TOKENS_H
#define QC_EXTRACT_TOKENS_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef enum qc_tk_type {
    QC_TK_WORD,
    QC_TK_PUNCT,
    QC_TK_DQ,      /* “ ” " « » „ */
    QC_TK_SQ,      /* ‘ ’ ' ‹ › (not an apostrophe inside a word) */
} qc_tk_type;

enum {
    QC_TKF_CAP = 1u << 0,       /* first letter uppercase */
    QC_TKF_ALLCAPS = 1u << 1,   /* two or more letters, all uppercase */
    QC_TKF_DIGIT = 1u << 2,     /* contains a digit */
    QC_TKF_ABBR = 1u << 3,      /* ends with an abbreviation period */
    QC_TKF_POSS = 1u << 4,      /* ends with 's or ’s */
    QC_TKF_OPEN = 1u << 5,      /* quote mark that can open (left-flanking) */
    QC_TKF_CLOSE = 1u << 6,     /* quote mark that can close (right-flanking) */
    QC_TKF_SENT_END = 1u << 7,  /* punctuation ending a sentence */
    QC_TKF_SPACE_BEFORE = 1u << 8,
    QC_TKF_MIXACR = 1u << 9,    /* short mixed-case acronym: TfL, DfE, BoE */
};

typedef struct qc_token {
    uint32_t start, end;   /* bytes in the document */
    uint16_t flags;
    uint8_t type;
    int32_t cp;            /* punctuation / quote mark code point */
    uint32_t cls;          /* words: lexicon classes (extract/lexicon.h), also of the
                              base of a possessive */
    char key[28];          /* words: lowercase ASCII fold, truncated; "" otherwise */
} qc_token;

typedef struct qc_tokens {
    qc_token *items;
    size_t len, cap;
} qc_tokens;

/* Append the tokens of mask[from..to) to out. */
void qc_tokenize(const char *mask, size_t from, size_t to, qc_tokens *out);
void qc_tokens_free(qc_tokens *self);

#endif
