/*
 * extract/lexicon.h — the word lists extraction reasons with.
 *
 * One table maps a lowercase ASCII key ("said", "spokeswoman", "gen.") to a
 * set of classes. The table is built once, thread-safely, and is read-only
 * afterwards; callers own nothing.
 */
#ifndef QC_EXTRACT_LEXICON_H
#define QC_EXTRACT_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

enum {
    QC_LX_VERB = 1u << 0,     /* reporting verb form: said, tweeted, reads */
    QC_LX_PARTICIPLE = 1u << 1, /* saying, adding: subject is the clause's */
    QC_LX_TITLE = 1u << 2,    /* role or title: president, spokeswoman, gen. */
    QC_LX_MOD = 1u << 3,      /* modifier inside a title: foreign, former, deputy */
    QC_LX_ORG = 1u << 4,      /* word that makes a name an organisation: corps, ministry */
    QC_LX_FUNC = 1u << 5,     /* capitalised only at sentence start: the, after, however */
    QC_LX_TIME = 1u << 6,     /* months and days: never part of a name */
    QC_LX_PRONOUN = 1u << 7,  /* he, she, they, it, we, i */
    QC_LX_DET = 1u << 8,      /* the, a, an, his, her, their, its */
    QC_LX_PLACEPREP = 1u << 9,/* in, at, from, near, to: a name after it is a place */
    QC_LX_NAMING = 1u << 10,  /* code-named, dubbed, so-called: what follows is a name */
    QC_LX_PARTICLE = 1u << 11,/* al, bin, de, van: lowercase parts of names */
    QC_LX_AUX = 1u << 12,     /* has, had, was, also, later: between subject and verb */
    QC_LX_MALE = 1u << 13,
    QC_LX_FEMALE = 1u << 14,
    QC_LX_NATION = 1u << 15,  /* us, iranian, british: modifies a title */
    QC_LX_GENERIC = 1u << 16, /* officials, police, witnesses: a speaker without a name */
    QC_LX_DOC = 1u << 17,     /* statement, release, report, post: a document as speaker */
    QC_LX_ABBR = 1u << 18,    /* abbreviation that keeps its period: jan., gen., mr. */
    QC_LX_CONNECT = 1u << 19, /* of, for, to, the, and: joins parts of a title or org */
    QC_LX_PLACE = 1u << 20,   /* base, airport, city, street: a facility or place word */
};

/* Classes of a lowercase key; 0 if unknown. */
unsigned qc_lexicon_get(const char *key);
static inline bool qc_lexicon_is(const char *key, unsigned cls) { return (qc_lexicon_get(key) & cls) != 0; }

#endif
