/*
 * extract/extract.h — what a news text says: quotations with their
 * speakers, and figures.
 *
 * The same extraction reads drafts and source articles. qc_extract takes a
 * document and its prose (parse/parse.h) and returns a qc_extraction whose
 * every string and array lives in the extraction's own arena: one
 * qc_extraction_delete frees it all. Ranges are byte offsets into the
 * document, end exclusive.
 */
#ifndef QC_EXTRACT_EXTRACT_H
#define QC_EXTRACT_EXTRACT_H

#include <stddef.h>
#include <stdbool.h>

#include "parse/parse.h"
#include "util/arena.h"

typedef enum qc_quote_kind {
    QC_QUOTE_DIRECT,    /* a whole sentence or more of speech */
    QC_QUOTE_PARTIAL,   /* a fragment inside running text: vowed "severe revenge" */
} qc_quote_kind;

typedef struct qc_quote {
    size_t start, end;              /* from the opening mark to after the closing one */
    size_t inner_start, inner_end;  /* the quoted words */
    const char *text;               /* the words; paragraphs of a multi-paragraph
                                       quote joined with one space */
    qc_quote_kind kind;
    const char *speaker;            /* resolved: "Donald Trump"; NULL if unknown */
    const char *speaker_text;       /* as written: "he", "the president"; NULL */
    size_t speaker_start, speaker_end;
    const char *verb;               /* reporting verb as written ("tweeted"); NULL */
    size_t block;                   /* prose block where it starts */
    int group;                      /* parts of one utterance share a group id */
} qc_quote;

typedef enum qc_figure_kind {
    QC_FIGURE_COUNT,
    QC_FIGURE_DATE,
    QC_FIGURE_TIME,
    QC_FIGURE_MONEY,
    QC_FIGURE_PERCENT,
    QC_FIGURE_DISTANCE,
    QC_FIGURE_OTHER,    /* a measure with another unit (kg, hours, …) */
} qc_figure_kind;

typedef struct qc_figure {
    size_t start, end;        /* the whole phrase: qualifier, number, what is counted */
    size_t num_start, num_end;/* the number itself */
    qc_figure_kind kind;
    double value;             /* count, amount, percent, distance in `unit` */
    double value_max;         /* upper end of a range; == value otherwise */
    bool vague;               /* "dozens", "hundreds", "several" */
    const char *qualifier;    /* "more than", "at least", "about", "nearly", "up to"; NULL */
    const char *unit;         /* "km", "mi", "USD", "%", "EST"; NULL */
    const char *counts;       /* what is counted: "ballistic missiles"; NULL */
    const char *normalized;   /* canonical text: "12", "2020-01-07", "17:30 EST", "USD 5000000" */
    bool in_quote;            /* inside a quotation */
} qc_figure;

/* A person or organisation the text names, with the aliases it uses. */
typedef struct qc_entity {
    const char *name;         /* canonical: the longest full form, "Donald Trump" */
    const char **aliases;     /* "Trump", "the president", "IRGC", … */
    size_t naliases;
    bool is_org;
} qc_entity;

typedef struct qc_extraction {
    qc_arena arena;
    qc_quote *quotes;
    size_t nquotes;
    /* Interview answers ("((Rich Bowen))  The biggest change …", going on
     * through the paragraphs after it until the next tag or heading): the
     * answerer's words without quotation marks. They follow the quotations
     * in the same array (quotes[nquotes .. nquotes + nanswers)), kind
     * direct, with no verb; only the checker reads them, as the speaker of
     * a source passage outside any quotation. */
    size_t nanswers;
    qc_figure *figures;
    size_t nfigures;
    qc_entity *entities;
    size_t nentities;
} qc_extraction;

qc_extraction *qc_extract(const char *data, size_t len, const qc_prose *prose);
void qc_extraction_delete(qc_extraction *self);   /* accepts NULL */

/* The parts, for tests and for callers that want one of them. */

/* Find figures in every prose block, in document order. Appends to *out,
 * whose items array is heap memory owned by the caller (free it); the
 * strings inside the figures live in `arena`. */
typedef struct qc_figure_list {
    qc_figure *items;
    size_t len, cap;
} qc_figure_list;
void qc_figures_find(qc_arena *arena, const qc_prose *prose, qc_figure_list *out);

#endif
