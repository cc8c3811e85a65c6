/*
 * match/match_internal.h — the parts of the matcher, shared between its
 * files and its unit tests (tests/unit/match_*.c). Owned by the matching
 * engineer (issue 3), like everything under server/src/match/ except the
 * public declarations of match.h, which the CLI/report and LSP engineers
 * share.
 *
 *   align.c     words of a quotation and of a source passage, and their
 *               word-level alignment (ellipsis gaps, [editorial] brackets,
 *               attribution gaps of split source quotes), the edit script,
 *               the word-by-word diff and the fixes built from it
 *   speakers.c  whether two speaker names name the same speaker (aliases,
 *               titles, surnames, acronyms, spelling variants,
 *               spokesperson <-> organisation)
 *   figures.c   whether two figures are about the same thing, and whether
 *               their claims are compatible (intervals from qualifiers)
 *   check.c     qc_check: quotes and figures of a draft against the corpus
 */
#ifndef QC_MATCH_MATCH_INTERNAL_H
#define QC_MATCH_MATCH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "extract/extract.h"
#include "match/match.h"

/* ---- words (align.c) ------------------------------------------------------ */

enum {
    QC_MW_GAP = 1,        /* an ellipsis in a draft quote: matches any run of words */
    QC_MW_BRACKET = 2,    /* a word inside [square brackets]: an editorial insertion */
    QC_MW_NUMBER = 4,     /* a numeral or a number word */
    QC_MW_SENT_END = 8,   /* followed by . ! ? (the end of a sentence) */
    QC_MW_SPEECH = 16,    /* source word inside one of the source's quotations */
    QC_MW_JOIN = 32,      /* source word that starts after a removed attribution gap */
    QC_MW_OMIT = 64,      /* source word followed by the source's own omission mark ("[...]") */
};

typedef struct qc_mword {
    uint64_t key;         /* hash of the folded word (numbers words -> digits) */
    size_t start, end;    /* bytes in the text given */
    unsigned flags;
    int group;            /* bracket group (QC_MW_BRACKET), else -1 */
} qc_mword;

typedef struct qc_mwords {
    qc_mword *items;
    size_t len, cap;
} qc_mwords;

/* Split s[0..len) into words; offsets are base + index. With `draft`,
 * ellipses become QC_MW_GAP words and bracketed words are marked. */
void qc_match_words(const char *s, size_t len, size_t base, bool draft, qc_mwords *out);
void qc_mwords_free(qc_mwords *w);
/* The folded key of one word, for tests. */
uint64_t qc_match_word_key(const char *s, size_t len);

/* ---- alignment (align.c) -------------------------------------------------- */

typedef enum qc_edit_op {
    QC_OP_EQUAL,      /* d and s */
    QC_OP_SUB,        /* d replaces s */
    QC_OP_INS,        /* d added (no s) */
    QC_OP_DEL,        /* s dropped (no d) */
    QC_OP_GAP,        /* d is an ellipsis standing for s_from..s_to (may be empty) */
    QC_OP_BRACKET,    /* d..d_to is a bracket group standing for s_from..s_to */
} qc_edit_op;

typedef struct qc_edit {
    qc_edit_op op;
    size_t d, d_to;   /* draft word index (d_to: last of a bracket group) */
    size_t s, s_to;   /* source word index range [s, s_to) for GAP/BRACKET; s for the others */
} qc_edit;

typedef struct qc_alignment {
    qc_edit *ops;
    size_t nops;
    size_t draft_words;   /* words of the draft (not gaps, not bracketed) */
    size_t matched;       /* of those, equal to a source word */
    size_t subs, ins, dels;
    size_t number_subs;   /* substitutions where both words are numbers */
    size_t s_first, s_last;  /* source words spanned (inclusive) */
    bool spliced;         /* a dropped run that is a whole sentence or more */
    size_t longest_del;
    size_t omits;         /* source omission marks the draft runs across without one */
    size_t omit_s;        /* the source word before the first of them */
} qc_alignment;

/* Align draft words d[0..n) inside source words s[0..m) (semi-global: source
 * words before and after the aligned part are free). Returns false when
 * nothing aligns. */
bool qc_match_align(const qc_mword *d, size_t n, const qc_mword *s, size_t m, qc_alignment *out);
void qc_alignment_free(qc_alignment *a);
static inline size_t qc_alignment_edits(const qc_alignment *a)
{
    return a->subs + a->ins + a->dels + a->omits;
}

/* The word-by-word difference: equal words as the draft has them, "[-src-]"
 * for source words dropped or replaced, "{+draft+}" for draft words added
 * or replacing. Ellipses print as "…", bracket groups as written. Caller
 * frees. */
char *qc_match_diff(const qc_alignment *a, const char *draft, const qc_mword *d, const char *src,
                    const qc_mword *s);
/* The source wording for the aligned span (attribution gaps of split quotes
 * joined with one space). Caller frees. */
char *qc_match_source_wording(const qc_alignment *a, const char *src, const qc_mword *s);
/* The draft's span with " …" inserted where source words were dropped (only
 * meaningful when the alignment has deletions and nothing else). Caller
 * frees. */
char *qc_match_ellipsis_variant(const qc_alignment *a, const char *draft, const qc_mword *d,
                                size_t nd);

/* ---- speakers (speakers.c) ------------------------------------------------ */

typedef enum qc_speaker_cmp {
    QC_SPEAKER_UNKNOWN = 0,   /* cannot tell (one side unknown, generic, document) */
    QC_SPEAKER_SAME,
    QC_SPEAKER_DIFFERENT,
} qc_speaker_cmp;

/* One side of a comparison: a speaker name, its document's entities, and
 * text around where the speaker is introduced (for spokesperson <-> org). */
typedef struct qc_speaker_side {
    const char *name;             /* resolved canonical name; NULL */
    const char *as_written;       /* speaker_text; NULL */
    const qc_extraction *ex;      /* the document's extraction; NULL */
    const char *context;          /* text near the speaker's mentions; NULL */
    size_t context_len;
} qc_speaker_side;

qc_speaker_cmp qc_match_speakers(const qc_config *cfg, const qc_speaker_side *a,
                                 const qc_speaker_side *b);
/* The same with one side's (or both sides') name set prepared ahead:
 * qc_speaker_set_new builds what qc_match_speakers derives from a side's
 * name, as-written form and entities (not its context), so a caller that
 * compares one side many times builds it once. A NULL set is built on
 * the fly. Sets are immutable: any thread may read one. */
typedef struct qc_sset qc_sset;
qc_sset *qc_speaker_set_new(const qc_speaker_side *side);
void qc_speaker_set_free(qc_sset *set);   /* accepts NULL */
qc_speaker_cmp qc_match_speakers_sets(const qc_config *cfg, const qc_speaker_side *a,
                                      const qc_sset *sa, const qc_speaker_side *b,
                                      const qc_sset *sb);
/* Convenience for tests: names only. */
qc_speaker_cmp qc_match_speaker_names(const qc_config *cfg, const char *a, const char *b);
/* True for "he", "she", "they", "it", "we", "i" … (unresolved pronouns). */
bool qc_match_is_pronoun(const char *s);
/* True for a document speaker: "the statement", "a statement", "the report". */
bool qc_match_is_document(const char *s);

/* ---- figures (figures.c) -------------------------------------------------- */

typedef struct qc_mfigure {
    const qc_figure *fig;
    const char *text;             /* the document (for context and display) */
    size_t len;
    unsigned classes;             /* event classes of the context (died, missing, …) */
    uint64_t ctx[24];             /* content-word keys around the figure */
    size_t nctx;
    uint32_t ctx_counted;         /* bit i: ctx[i] is what another number counts
                                     ("12 points", "one pack") */
    bool partitive;
    uint64_t day;                 /* clock times: the day named with it ("january 7"); 0 */               /* "two of them": counts a set named elsewhere */
    uint64_t head;                /* stemmed head noun of `counts`; 0 */
    double lo, hi;                /* the claim as an interval (in base units); for a
                                     date: month*32+day, year*12+month, or years */
    bool lo_open, hi_open;
    bool utc;                     /* clock times: lo/hi are in UTC (a known zone) */
    int date_form;                /* dates: QC_DATE_* below, what the date names */
    int date_year;                /* dates with a day: the year, 0 when not given */
    uint64_t near[6];             /* content words within three words either side */
    bool date_alone;              /* a day or weekday, the only one its sentence names */
    int date_part;                /* a weekday's part of the day: 1 morning, 2 afternoon, 3 evening, 4 night */
    size_t nnear;
    uint64_t near_l, near_r;      /* the nearest content word either side
                                     (within 3 words, same sentence); 0 */
    uint32_t sent[24];            /* the content words of its whole sentence
                                     (other numbers as "#N"), distinct, sorted
                                     (32-bit keys: kept small, one per figure of
                                     every article touched) */
    uint8_t sent_side[24];        /* bit 0: sent[i] occurs before it, bit 1: after */
    uint8_t nsent;
    uint32_t self;                /* its own number as a sentence word ("#42"); 0 */
    uint8_t kin;                 /* figures of its sentence that could be the
                                     same claim: same kind (and counted noun,
                                     date precision), itself included */
} qc_mfigure;

enum { QC_DATE_NONE, QC_DATE_DAY, QC_DATE_MONTH, QC_DATE_YEAR, QC_DATE_YEARS, QC_DATE_WEEKDAY, QC_DATE_MONTHONLY };

/* `all` (n): the document's figures, to tell whether fig is the only one
 * of its kind in its sentence (NULL: assume it is). */
void qc_match_figure_prepare(qc_mfigure *out, const qc_figure *fig, const qc_figure *all, size_t n,
                             const char *text, size_t len);
/* Same thing? (kind, unit dimension, counted noun, context). */
bool qc_match_figure_same_thing(const qc_mfigure *a, const qc_mfigure *b);
/* Does b restate a's number: the same number (and claim) in a sentence
 * that says much the same, whatever stands next to it? */
bool qc_match_figure_restates(const qc_mfigure *a, const qc_mfigure *b);
/* Do the two claims overlap? */
bool qc_match_figure_compatible(const qc_mfigure *a, const qc_mfigure *b);

#endif
