/*
 * extract/entities.h — the people and organisations one document names.
 *
 * While extracting a document, a qc_ents registry collects every person
 * and organisation mention outside quotations, in document order, with
 * the titles the text gives them ("White House spokeswoman"), acronyms it
 * defines ("Islamic Revolutionary Guard Corps (IRGC)") and the owners of
 * statements ("a statement from … Jonathan Hoffman"). Attribution then
 * resolves a speaker as written ("he", "the president", "Grisham", "the
 * statement") to a canonical name. The registry owns its strings (from the
 * extraction's arena) and its arrays (heap; qc_ents_free).
 */
#ifndef QC_EXTRACT_ENTITIES_H
#define QC_EXTRACT_ENTITIES_H

#include <stdbool.h>
#include <stddef.h>

#include "extract/tokens.h"
#include "util/arena.h"
#include "util/array.h"

typedef enum qc_np_kind {
    QC_NP_NONE,
    QC_NP_PRONOUN,   /* he, she, they, it */
    QC_NP_PERSON,    /* a named person */
    QC_NP_ORG,       /* a named organisation */
    QC_NP_ROLE,      /* "the president", "the foreign minister" */
    QC_NP_DOC,       /* "the statement" */
    QC_NP_GENERIC,   /* "U.S. officials", "police" */
} qc_np_kind;

typedef struct qc_np {
    qc_np_kind kind;
    size_t a, b;          /* token range of the whole phrase */
    size_t na, nb;        /* token range of the name (PERSON/ORG) */
    size_t ta, tb;        /* token range of the titles before the name */
    char head[28];        /* ROLE/DOC/GENERIC/PRONOUN head word key */
    char gender;          /* 'm', 'f' or 0 from titles */
} qc_np;

typedef struct qc_ent {
    char *name;           /* canonical: the longest form seen */
    char *key;            /* folded comparison key of the name */
    char *surname;        /* folded last name token (persons) */
    char *acronym;        /* upper-case acronym (orgs), or NULL */
    char *acronym2;       /* initials counting "of"/"for"/"and" ("TFL"), or NULL */
    bool is_org;
    char gender;
    Array(char *) titles; /* folded title words */
    Array(char *) forms;  /* every form of the name seen, as written */
} qc_ent;

typedef struct qc_mention {
    size_t pos;           /* byte offset */
    int ent;
    bool subject;         /* subject of a reporting verb */
    bool prep;            /* after a preposition: "speaking to X" */
} qc_mention;

typedef struct qc_owner {
    size_t pos;
    int ent;
    char head[16];        /* the document's word: "statement", "memo", "warning" */
} qc_owner;

typedef struct qc_ents {
    qc_arena *arena;
    const char *text;     /* the mask */
    const qc_token *toks;
    Array(qc_ent) ents;
    Array(qc_mention) mentions;
    Array(qc_owner) owners;  /* statement owners, by position */
} qc_ents;

/* Classify the phrase toks[a..b). */
qc_np qc_np_analyze(const qc_token *toks, size_t a, size_t b);
/* Phrase ending just before toks[j] (backwards) / starting at toks[i]
 * (forwards), within [lo, hi). Returns b == a when there is none. */
qc_np qc_np_backward(const qc_token *toks, size_t lo, size_t j);
qc_np qc_np_forward(const qc_token *toks, size_t i, size_t hi);

/* The tag word when the block toks[a..b) opens with an interviewer's tag
 * ("WN:", "Q:", "((WN))"), else (size_t)-1. */
size_t qc_interviewer_tag(const qc_token *toks, size_t a, size_t b);
/* Collect the mentions of toks[a..b) (one block, outside quotes: `outside`
 * says per token whether it is outside every quotation). */
void qc_ents_scan(qc_ents *self, size_t a, size_t b, const bool *outside, int pass);
/* The entity a named phrase refers to, adding it if new; -1 if none. */
int qc_ents_lookup(qc_ents *self, const qc_np *np, bool add);
/* Most recent entity before `pos`: a person of compatible gender
 * (gender 'm'/'f'/0), or an organisation when want_org. -1 if none. */
int qc_ents_recent(const qc_ents *self, size_t pos, bool want_org, char gender);
/* A person for "he"/"she" at pos: the most recent subject of a sentence
 * (a speaker, or a name opening its sentence) of compatible gender at or
 * after byte lo, else as qc_ents_recent. -1 if none. */
int qc_ents_recent_subject(const qc_ents *self, size_t pos, size_t lo, char gender);
/* A person mentioned in [lo, pos), not after a preposition, of compatible
 * gender: the most recent subject, else the most recent; -1 if none. */
int qc_ents_subject_in(const qc_ents *self, size_t pos, size_t lo, char gender);
/* Most recent person before pos whose gender is known to be `gender`. */
int qc_ents_recent_gendered(const qc_ents *self, size_t pos, char gender);
/* The one person (no organisation) mentioned in bytes [lo, hi), as the
 * byte offset of that mention's first word, or (size_t)-1 when nobody or
 * more than one person is mentioned there. */
/* Does entity ent carry the title words of toks[a..b) (see
 * qc_ents_with_title)? Has it any title of its own (with_portfolio: or a
 * portfolio such as "aviation" in "Civil Aviation Minister")? */
bool qc_ents_fits_role(const qc_ents *self, int ent, size_t a, size_t b);
bool qc_ents_has_titles(const qc_ents *self, int ent, bool with_portfolio);
/* The first place in [lo, hi) naming a person, when every person named
 * there is one and the same (*ent, when ent is not NULL); else -1. */
size_t qc_ents_sole_person(const qc_ents *self, size_t lo, size_t hi, int *ent);
/* Most recent person before pos who carries the title words of
 * toks[a..b) ("the vice president"); then any such person. -1 if none. */
int qc_ents_with_title(const qc_ents *self, size_t pos, size_t a, size_t b);
/* The author of a study the text reports ("the study", "the team", "the
 * researchers"): the most recent person before pos titled author,
 * co-author or researcher, else the first after it; -1 if none. */
int qc_ents_author(const qc_ents *self, size_t pos);
/* "the latter" (latter) / "the former": the second / first of the last
 * two names joined by "and" before pos in its sentence or the one before
 * ("the Federal Aviation Administration and the National Transportation
 * Safety Board, with the latter …"), or -1. */
int qc_ents_latter(const qc_ents *self, size_t pos, bool latter);
/* A person first named after pos, within `within` bytes and the next
 * sentence, as a subject, with nobody else named in between: whom "The education secretary has
 * criticised …" opening a story turns out to be ("Gillian Keegan told …"),
 * or -1. */
int qc_ents_named_next(const qc_ents *self, size_t pos, size_t within);
/* The person (named with two words or more) mentioned most before pos, of
 * a fitting gender ('m', 'f', 0): whom a story follows; -1 when none. */
int qc_ents_protagonist(const qc_ents *self, size_t pos, char gender);
/* Most recent organisation before pos whose name contains `word` ("the
 * foundation"), or any organisation for "the company"/"the firm". */
int qc_ents_recent_org_with(const qc_ents *self, size_t pos, const char *word);
/* Owner of the most recent document called `head` ("statement", "memo")
 * before pos; -1 if none. */
int qc_ents_owner(const qc_ents *self, size_t pos, const char *head);
void qc_ents_add_mention(qc_ents *self, size_t pos, int ent, bool subject);
void qc_ents_add_mention_prep(qc_ents *self, size_t pos, int ent, bool subject, bool prep);
void qc_ents_add_owner(qc_ents *self, size_t pos, int ent, const char *head);
/* Give entity `ent` the title words of toks[a..b). */
void qc_ent_add_title_words(qc_ents *self, int ent, size_t a, size_t b);
/* The text of toks[a..b) with whitespace collapsed (arena). */
char *qc_ents_span_text(qc_ents *self, size_t a, size_t b);
void qc_ents_free(qc_ents *self);

#endif
