/*
 * extract/quotes.c — quotations and who said them.
 *
 * The pass over one document:
 *   1. tokenize every prose block (extract/tokens.c);
 *   2. pair quotation marks: double marks per block, carrying an unclosed
 *      quotation into the next block when that block opens with a mark
 *      again (multi-paragraph quotes); single marks outside double ones;
 *   3. collect people and organisations outside quotations
 *      (extract/entities.c), in two passes so a surname seen before the
 *      full name still resolves;
 *   4. attribute each quotation: the clause after it (“…,” X said / said X),
 *      the clause before it (X said: “…”, X said that “…”, X vowed to
 *      exact “…”, according to X), else the quotation it continues (a
 *      quote split around its attribution, a paragraph that goes on
 *      quoting, a paragraph introduced by "X said:");
 *   5. resolve the speaker as written to a canonical name: pronouns to the
 *      most recent person (or organisation for "it"), "the president" to
 *      the person with that title, "the statement" to its owner, surnames
 *      and acronyms to full names;
 *   6. drop what is not speech: names and titles in quotation marks
 *      (code-named ‘Martyr Soleimani’) and short unattributed scare quotes.
 * Everything returned lives in the extraction's arena.
 */
#include "extract/extract_internal.h"
#include "extract/entities.h"
#include "extract/lexicon.h"
#include "extract/tokens.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QC_NONE ((size_t)-1)

typedef struct qc_seg {
    size_t start, end;   /* inner bytes of one paragraph of the quotation */
} qc_seg;

typedef struct qc_q {
    size_t block, last_block;
    size_t open, close;      /* token indices; close == QC_NONE: runs to block end */
    bool single;
    Array(qc_seg) segs;
    /* attribution */
    bool attributed;
    qc_np np;
    size_t verb;             /* token index, QC_NONE if none */
    const char *verb_text;
    int from;                /* quote index it inherits from, -1 */
    int group;
    const char *speaker;
    const char *speaker_text;
    size_t sp_start, sp_end;
    bool drop;
    bool own_clause;         /* followed by an attribution we could not read */
} qc_q;

typedef struct qc_qx {
    const char *text;        /* mask */
    size_t len;
    const qc_prose *prose;
    qc_tokens toks;
    size_t *bfirst, *blast;  /* token range of each block */
    int *qidx;               /* quote owning each token (-1 outside) */
    bool *outside;
    Array(qc_q) qs;
    qc_ents ents;
    qc_arena *arena;
} qc_qx;

static unsigned qc_tcls(const qc_token *t) { return t->type == QC_TK_WORD ? t->cls : 0; }

static bool qc_tis(const qc_token *t, const char *key) { return t->type == QC_TK_WORD && !strcmp(t->key, key); }
static bool qc_punct(const qc_token *t, int32_t cp) { return t->type == QC_TK_PUNCT && t->cp == cp; }
static bool qc_lowerw(const qc_token *t)
{
    return t->type == QC_TK_WORD && !(t->flags & (QC_TKF_CAP | QC_TKF_ALLCAPS));
}
static bool qc_verb(const qc_token *t) { return qc_lowerw(t) && (qc_tcls(t) & QC_LX_VERB); }
/* a lower-case "-ly" adverb the lexicon does not know otherwise ("audibly") */
static bool qc_adverb_ly(const qc_token *t)
{
    size_t n = strlen(t->key);
    return qc_lowerw(t) && !qc_tcls(t) && n > 4 && !strcmp(t->key + n - 2, "ly");
}

/* ---- 2. pairing -------------------------------------------------------- */

/* an em, en or horizontal dash, or a hyphen standing alone */
static bool qc_dash(const qc_token *t)
{
    return t->type == QC_TK_PUNCT && (t->cp == 0x2014 || t->cp == 0x2013 || t->cp == 0x2015 || t->cp == '-');
}
static bool qc_dq_opening(int32_t cp) { return cp == 0x201C || cp == 0x00AB || cp == 0x201E || cp == 0x201F; }
static bool qc_dq_closing(int32_t cp) { return cp == 0x201D || cp == 0x00BB; }

static size_t qc_q_new(qc_qx *x, size_t block, size_t open, bool single)
{
    qc_q q;
    memset(&q, 0, sizeof q);
    q.block = q.last_block = block;
    q.open = open;
    q.close = QC_NONE;
    q.single = single;
    q.verb = QC_NONE;
    q.from = -1;
    q.group = -1;
    array_push(&x->qs, q);
    return x->qs.len - 1;
}

static void qc_q_seg(qc_q *q, size_t start, size_t end)
{
    qc_seg s = { start, end };
    array_push(&q->segs, s);
}

/* Count words in [a, b) of the mask. */
static size_t qc_words(const char *s, size_t a, size_t b)
{
    size_t n = 0;
    bool in = false;
    for (size_t i = a; i < b; i++) {
        bool sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

static void qc_pair_doubles(qc_qx *x)
{
    const qc_prose *p = x->prose;
    size_t carry = QC_NONE;   /* quote left open by the previous block */
    for (size_t b = 0; b < p->nblocks; b++) {
        size_t f = x->bfirst[b], l = x->blast[b];
        size_t open = QC_NONE;
        if (carry != QC_NONE) {
            qc_q *cq = &x->qs.items[carry];
            const qc_token *t0 = f < l ? &x->toks.items[f] : NULL;
            if (t0 && t0->type == QC_TK_DQ && (qc_dq_opening(t0->cp) || (t0->flags & QC_TKF_OPEN)) && b == cq->last_block + 1) {
                open = carry;
                cq->last_block = b;
                x->qidx[f] = (int)carry;
                f++;
            } else {
                /* no continuation: the quote ran to the end of its paragraph */
                qc_seg *last = &cq->segs.items[cq->segs.len - 1];
                if (qc_words(x->text, last->start, last->end) < 4 && cq->segs.len == 1)
                    cq->drop = true;
            }
            carry = QC_NONE;
        }
        for (size_t i = f; i < l; i++) {
            const qc_token *t = &x->toks.items[i];
            if (t->type != QC_TK_DQ)
                continue;
            bool can_open = qc_dq_opening(t->cp) || (t->cp == '"' && (t->flags & QC_TKF_OPEN)) ||
                            (qc_dq_closing(t->cp) && (t->flags & QC_TKF_OPEN) && !(t->flags & QC_TKF_CLOSE));
            bool can_close = qc_dq_closing(t->cp) || (t->cp == '"' && (t->flags & QC_TKF_CLOSE)) ||
                             (qc_dq_opening(t->cp) && (t->flags & QC_TKF_CLOSE) && !(t->flags & QC_TKF_OPEN));
            if (t->cp == '"' && !(t->flags & (QC_TKF_OPEN | QC_TKF_CLOSE))) {
                /* " between spaces or letters: decide by state */
                can_open = open == QC_NONE;
                can_close = open != QC_NONE;
            }
            if (open == QC_NONE) {
                if (can_open) {
                    open = qc_q_new(x, b, i, false);
                    x->qidx[i] = (int)open;
                }
                continue;
            }
            qc_q *q = &x->qs.items[open];
            if (can_close) {
                q->close = i;
                size_t seg_start = q->last_block == q->block && q->segs.len == 0
                                       ? x->toks.items[q->open].end
                                       : (q->segs.len == 0 ? x->toks.items[q->open].end : x->toks.items[f - 1].end);
                if (q->segs.len == 0)
                    seg_start = x->toks.items[q->open].end;
                qc_q_seg(q, seg_start, t->start);
                x->qidx[i] = (int)open;
                open = QC_NONE;
            } else if (can_open) {
                /* a second opener: the first one was stray */
                q->drop = true;
                open = qc_q_new(x, b, i, false);
                x->qidx[i] = (int)open;
            }
        }
        if (open != QC_NONE) {
            qc_q *q = &x->qs.items[open];
            size_t seg_start = q->segs.len == 0 && q->block == b ? x->toks.items[q->open].end
                                                                 : x->toks.items[x->bfirst[b]].end;
            qc_q_seg(q, seg_start, p->blocks[b].end);
            carry = open;
        }
    }
    if (carry != QC_NONE) {
        qc_q *cq = &x->qs.items[carry];
        qc_seg *last = &cq->segs.items[cq->segs.len - 1];
        if (qc_words(x->text, last->start, last->end) < 4 && cq->segs.len == 1)
            cq->drop = true;
    }
}

static void qc_mark_inside(qc_qx *x)
{
    /* unclosed quotations run to their block's end; when an earlier one
     * already covered [open, end], only the open and end marks change (this
     * keeps thousands of stray openers in one paragraph linear) */
    size_t covered_from = QC_NONE, covered_end = QC_NONE;
    for (size_t k = 0; k < x->qs.len; k++) {
        qc_q *q = &x->qs.items[k];
        if (q->single)
            continue;
        size_t end = q->close != QC_NONE ? q->close : x->blast[q->last_block] - 1;
        if (q->close == QC_NONE && end == covered_end && covered_from <= q->open &&
            end < x->toks.len) {
            x->qidx[q->open] = (int)k;
            x->qidx[end] = (int)k;
            continue;
        }
        if (q->close == QC_NONE) {
            covered_from = q->open;
            covered_end = end;
        }
        for (size_t i = q->open; i <= end && i < x->toks.len; i++)
            if (x->qidx[i] < 0 || i == q->open || i == end)
                x->qidx[i] = (int)k;
    }
}

static void qc_pair_singles(qc_qx *x)
{
    for (size_t b = 0; b < x->prose->nblocks; b++) {
        size_t open = QC_NONE;
        for (size_t i = x->bfirst[b]; i < x->blast[b]; i++) {
            const qc_token *t = &x->toks.items[i];
            if (t->type != QC_TK_SQ || x->qidx[i] >= 0)
                continue;
            bool opener = (t->cp == 0x2018 || t->cp == '\'' || t->cp == 0x2039 || t->cp == 0x201A) &&
                          (t->flags & QC_TKF_OPEN);
            bool closer = (t->cp == 0x2019 || t->cp == '\'' || t->cp == 0x203A) && (t->flags & QC_TKF_CLOSE);
            if (open != QC_NONE && closer) {
                size_t qi = qc_q_new(x, b, open, true);
                qc_q *q = &x->qs.items[qi];
                q->close = i;
                qc_q_seg(q, x->toks.items[open].end, t->start);
                for (size_t k = open; k <= i; k++)
                    if (x->qidx[k] < 0)
                        x->qidx[k] = (int)qi;
                open = QC_NONE;
            } else if (opener) {
                open = i;
            }
        }
    }
}

static int qc_q_cmp(const void *a, const void *b)
{
    const qc_q *x = a, *y = b;
    return x->open < y->open ? -1 : x->open > y->open;
}

/* ---- 4. attribution ---------------------------------------------------- */

/* A "sentence" is at most this many tokens either way from where its
 * search starts: text with no sentence ends (a 10-million-character line)
 * would otherwise make every quotation rescan the whole paragraph. */
#define QC_SENTENCE_MAX_TOKENS 400

/* First token of the sentence containing token i (outside quotations). */
static size_t qc_sentence_start(const qc_qx *x, size_t b, size_t i)
{
    size_t f = x->bfirst[b];
    if (i > f + QC_SENTENCE_MAX_TOKENS)
        f = i - QC_SENTENCE_MAX_TOKENS;
    while (i > f) {
        const qc_token *t = &x->toks.items[i - 1];
        if (x->outside[i - 1] && t->type == QC_TK_PUNCT && (t->flags & QC_TKF_SENT_END))
            return i;
        if (t->type == QC_TK_PUNCT && t->cp == ';' && x->outside[i - 1])
            return i;
        i--;
    }
    return f;
}

/* One past the last token of the sentence that starts at or after i. */
static size_t qc_sentence_end(const qc_qx *x, size_t b, size_t i)
{
    size_t l = x->blast[b];
    if (i < l && l - i > QC_SENTENCE_MAX_TOKENS)
        l = i + QC_SENTENCE_MAX_TOKENS;
    for (; i < l; i++) {
        const qc_token *t = &x->toks.items[i];
        if (x->outside[i] && t->type == QC_TK_PUNCT && ((t->flags & QC_TKF_SENT_END) || t->cp == ';'))
            return i;
    }
    return l;
}

static qc_np qc_np_forward_lenient(qc_qx *x, size_t i, size_t hi);
static qc_np qc_pick_appositive(qc_qx *x, qc_np first, qc_np app);

/* The subject of the clause [s, v): the first phrase naming a person, an
 * organisation or a pronoun within its first dozen tokens. */
static qc_np qc_subject(qc_qx *x, size_t s, size_t v)
{
    const qc_token *T = x->toks.items;
    qc_np none;
    memset(&none, 0, sizeof none);
    for (size_t i = s; i < v && i - s < 14; i++) {
        const qc_token *t = &T[i];
        if (t->type != QC_TK_WORD || !x->outside[i])
            continue;
        unsigned c = qc_tcls(t);
        bool cap = (t->flags & (QC_TKF_CAP | QC_TKF_ALLCAPS)) && !(c & (QC_LX_TIME | QC_LX_FUNC));
        bool pron = (c & QC_LX_PRONOUN) && !(c & QC_LX_DET) && strlen(t->key) <= 4;
        bool det = (c & QC_LX_DET) && i + 1 < v;
        if (!cap && !pron && !det)
            continue;
        qc_np n = qc_np_forward_lenient(x, i, v);
        /* a lone capitalised word opening the sentence ("Underwhelmed with
         * her role, …") is a name only if the text names someone so */
        if (n.kind == QC_NP_PERSON && n.nb - n.na == 1 && i == s && qc_ents_lookup(&x->ents, &n, false) < 0)
            continue;
        /* the object of a preposition is not the subject: "on Twitter" */
        if (i > s && qc_lowerw(&T[i - 1]) && (qc_tis(&T[i - 1], "on") || qc_tis(&T[i - 1], "in") ||
                                              qc_tis(&T[i - 1], "at") || qc_tis(&T[i - 1], "to") ||
                                              qc_tis(&T[i - 1], "with") || qc_tis(&T[i - 1], "from") ||
                                              qc_tis(&T[i - 1], "by") || qc_tis(&T[i - 1], "of") ||
                                              qc_tis(&T[i - 1], "for") || qc_tis(&T[i - 1], "about"))) {
            if (n.b > n.a)
                i = n.b - 1;
            continue;
        }
        if (n.b > n.a && (n.kind == QC_NP_PERSON || n.kind == QC_NP_ORG || n.kind == QC_NP_PRONOUN ||
                          n.kind == QC_NP_ROLE || n.kind == QC_NP_DOC || n.kind == QC_NP_GENERIC)) {
            /* "a Republican, Mark Amodei, has …" */
            if (n.kind != QC_NP_PERSON && n.b + 2 < v && qc_punct(&T[n.b], ',')) {
                qc_np m = qc_np_forward_lenient(x, n.b + 1, v);
                if (m.b > m.a && m.kind == QC_NP_PERSON && m.b < v && qc_punct(&T[m.b], ','))
                    return qc_pick_appositive(x, n, m);
            }
            if (n.kind == QC_NP_GENERIC)
                continue;
            return n;
        }
        if (n.b > n.a)
            i = n.b - 1;
    }
    return none;
}

/* Skip an introductory phrase ("After the attack, ", "On Twitter, "). */
static size_t qc_skip_intro(const qc_qx *x, size_t s, size_t hi)
{
    for (int rounds = 0; rounds < 2; rounds++) {
        if (s >= hi)
            return s;
        const qc_token *t = &x->toks.items[s];
        unsigned c = qc_tcls(t);
        static const char *const openers[] = {
            "after", "before", "during", "since", "in", "on", "at", "when", "while", "although", "though",
            "because", "however", "meanwhile", "earlier", "later", "yesterday", "today", "speaking", "according",
            "following", "despite", "amid", "as", "if", "for", "from", "with", "without", "by", "under", "over",
            "then", "now", "still", "instead", "nevertheless", "moreover", "separately", "elsewhere",
            "overall", "finally", "also", "thus", "there", "here", "once", "until", "upon", "within", "into",
            "to",
        };
        bool intro = (c & QC_LX_TIME) != 0;
        for (size_t o = 0; o < sizeof openers / sizeof *openers && !intro; o++)
            if (!strcmp(t->key, openers[o]))
                intro = true;
        if (!intro)
            return s;
        /* a subordinate clause ("After the minister failed to procure …,")
         * runs longer than a phrase ("On Twitter,") */
        static const char *const subord[] = { "after", "before", "when", "while", "although", "though", "because",
                                              "since", "if", "once", "until", "despite", "following" };
        size_t limit = 12;
        for (size_t o = 0; o < sizeof subord / sizeof *subord; o++)
            if (!strcmp(t->key, subord[o]))
                limit = 30;
        size_t k = s;
        while (k < hi && k - s < limit && !qc_punct(&x->toks.items[k], ','))
            k++;
        if (k < hi && qc_punct(&x->toks.items[k], ','))
            s = k + 1;
        else
            return s;
    }
    return s;
}

static bool qc_np_ok(const qc_np *np) { return np->b > np->a && np->kind != QC_NP_NONE; }

/* A speaker phrase at i, allowing a few descriptive lowercase words before
 * a name ("student protester Joshua Wong"). */
static qc_np qc_np_forward_lenient(qc_qx *x, size_t i, size_t hi)
{
    const qc_token *T = x->toks.items;
    qc_np n = qc_np_forward(T, i, hi);
    /* "Huber's longtime tag team partner Erick Rowan": the possessor is
     * not the one who speaks */
    if (qc_np_ok(&n) && n.kind == QC_NP_PERSON && !((T[n.b - 1].flags & QC_TKF_POSS) && n.b < hi && qc_lowerw(&T[n.b])))
        return n;
    size_t j = i;
    if (j < hi && (qc_tcls(&T[j]) & QC_LX_DET))
        j++;
    size_t k = j;
    while (k < hi && k - j < 6 && qc_lowerw(&T[k]) &&
           (!(qc_tcls(&T[k]) & (QC_LX_VERB | QC_LX_FUNC | QC_LX_PRONOUN | QC_LX_CONNECT | QC_LX_AUX)) ||
            /* "civil and environmental engineering professor Julian Marshall" */
            (qc_tis(&T[k], "and") && k > j && k + 1 < hi && qc_lowerw(&T[k + 1]) &&
             !(qc_tcls(&T[k - 1]) & (QC_LX_GENERIC | QC_LX_ORG)) &&
             !(qc_tcls(&T[k + 1]) & (QC_LX_VERB | QC_LX_FUNC | QC_LX_PRONOUN | QC_LX_CONNECT | QC_LX_AUX)))))
        k++;
    if (k > j && k < hi && (T[k].flags & QC_TKF_CAP)) {
        qc_np m = qc_np_forward(T, k, hi);
        if (qc_np_ok(&m) && m.kind == QC_NP_PERSON) {
            m.a = i;
            m.ta = i;
            return m;
        }
    }
    /* "study co-author and Royal Society University Research Fellow Martin
     * How": two roles joined, then the name */
    if (k > j && k + 1 < hi && qc_tis(&T[k], "and") && (T[k + 1].flags & QC_TKF_CAP) &&
        (qc_tcls(&T[k - 1]) & QC_LX_TITLE)) {
        qc_np m = qc_np_forward(T, k + 1, hi);
        if (qc_np_ok(&m) && m.kind == QC_NP_PERSON && m.tb > m.ta) {
            m.a = i;
            m.ta = i;
            return m;
        }
    }
    /* "Birmingham City University criminology professor David Wilson",
     * "Harbour master Olav Lind" */
    if (qc_np_ok(&n) && (n.kind == QC_NP_ORG || n.kind == QC_NP_PERSON) &&
        (n.nb - n.na == 1 || n.kind == QC_NP_ORG || (T[n.b - 1].flags & QC_TKF_POSS)) && n.b < hi) {
        k = n.b;
        size_t d = k;
        while (k < hi && k - d < 4 && qc_lowerw(&T[k]) &&
               !(qc_tcls(&T[k]) & (QC_LX_VERB | QC_LX_FUNC | QC_LX_PRONOUN | QC_LX_CONNECT | QC_LX_AUX)))
            k++;
        if (k > d && k < hi && (T[k].flags & QC_TKF_CAP)) {
            qc_np m = qc_np_forward(T, k, hi);
            if (qc_np_ok(&m) && m.kind == QC_NP_PERSON) {
                m.a = i;
                m.ta = i;
                return m;
            }
        }
    }
    return n;
}

/* Between "NP1, NP2, said" pick the person: NP1 if it names one, else NP2. */
static qc_np qc_pick_appositive(qc_qx *x, qc_np first, qc_np app)
{
    /* "Norfolk's County Policing Commander, Chief Superintendent Mike
     * Fawcett, said": a "name" ending in a title is the role, the
     * appositive the person */
    if (first.kind == QC_NP_PERSON && qc_np_ok(&app) && app.kind == QC_NP_PERSON && first.nb > first.na &&
        (qc_tcls(&x->toks.items[first.nb - 1]) & QC_LX_TITLE) && app.nb - app.na >= 2)
        first.kind = QC_NP_ROLE;
    if (first.kind == QC_NP_PERSON || !qc_np_ok(&app))
        return first;
    if (app.kind == QC_NP_PERSON) {
        int e = qc_ents_lookup(&x->ents, &app, true);
        if (e >= 0 && qc_np_ok(&first))
            qc_ent_add_title_words(&x->ents, e, first.a, first.b);
        return app;
    }
    return qc_np_ok(&first) ? first : app;
}

/* Is token v inside an aside that closes before hi: "— which the BBC
 * noted —" or "(as Reuters reported)"? */
static bool qc_in_aside(qc_qx *x, size_t lo, size_t v, size_t hi)
{
    const qc_token *T = x->toks.items;
    size_t dashes = 0, open_paren = 0;
    for (size_t i = lo; i < v; i++) {
        if (T[i].type != QC_TK_PUNCT)
            continue;
        if (T[i].cp == 0x2014 || T[i].cp == 0x2013)
            dashes++;
        else if (T[i].cp == '(')
            open_paren++;
        else if (T[i].cp == ')' && open_paren > 0)
            open_paren--;
    }
    if (open_paren > 0)
        return true;
    if (dashes % 2 == 1)
        for (size_t i = v + 1; i < hi; i++)
            if (T[i].type == QC_TK_PUNCT && (T[i].cp == 0x2014 || T[i].cp == 0x2013))
                return true;
    return false;
}

static bool qc_indefinite(const qc_token *t) { return qc_tis(t, "a") || qc_tis(t, "an"); }

/* "a farmer using the pseudonym Katya" at k: the person it names, else the
 * generic phrase ("a farmer"). False when k does not open such a phrase. */
static bool qc_pseudonym(qc_qx *x, size_t k, size_t hi, qc_np *np)
{
    const qc_token *T = x->toks.items;
    if (!(k < hi && (qc_tcls(&T[k]) & QC_LX_DET) && k + 1 < hi && T[k + 1].type == QC_TK_WORD &&
          qc_lowerw(&T[k + 1]) && !(qc_tcls(&T[k + 1]) & (QC_LX_VERB | QC_LX_FUNC))))
        return false;
    for (size_t m = k + 2; m + 1 < hi && m - k < 10; m++) {
        if (!(qc_tis(&T[m], "pseudonym") || qc_tis(&T[m], "name") ||
              (qc_tis(&T[m], "as") && m > k + 2 &&
               (qc_tis(&T[m - 1], "only") || qc_tis(&T[m - 1], "identified") || qc_tis(&T[m - 1], "known")))))
            continue;
        if (!(T[m + 1].flags & QC_TKF_CAP))
            continue;
        qc_np nm = qc_np_forward(T, m + 1, hi);
        if (qc_np_ok(&nm) && nm.kind == QC_NP_PERSON) {
            nm.a = k;
            nm.ta = k;
            nm.tb = nm.na;
            *np = nm;
            return true;
        }
    }
    qc_np g;
    memset(&g, 0, sizeof g);
    g.kind = QC_NP_GENERIC;
    g.a = k;
    g.b = k + 2;
    strcpy(g.head, T[k + 1].key);
    *np = g;
    return true;
}

/* The one quoted in "quoted X as saying" at k (before `hi`): a phrase
 * naming someone, or an object pronoun read as its subject form ("quoted
 * her as saying" is what she said). False when there is none. */
static bool qc_quoted_one(qc_qx *x, size_t k, size_t hi, qc_np *out)
{
    const qc_token *T = x->toks.items;
    qc_np m;
    if (k < hi && qc_lowerw(&T[k]) && (qc_tis(&T[k], "him") || qc_tis(&T[k], "her") || qc_tis(&T[k], "them"))) {
        memset(&m, 0, sizeof m);
        m.kind = QC_NP_PRONOUN;
        m.a = k;
        m.b = k + 1;
        strcpy(m.head, qc_tis(&T[k], "him") ? "he" : qc_tis(&T[k], "her") ? "she" : "they");
    } else {
        m = qc_np_forward_lenient(x, k, hi);
    }
    if (!qc_np_ok(&m) || !(m.kind == QC_NP_PERSON || m.kind == QC_NP_ROLE || m.kind == QC_NP_ORG ||
                           m.kind == QC_NP_PRONOUN))
        return false;
    *out = m;
    return true;
}

/* "…," X said / said X — in toks (from, hi). */
static bool qc_attr_after(qc_qx *x, size_t from, size_t hi, qc_np *np, size_t *verb)
{
    const qc_token *T = x->toks.items;
    size_t p = from;
    while (p < hi && T[p].type == QC_TK_PUNCT && (T[p].cp == ',' || T[p].cp == ')' || T[p].cp == 0x2014 || T[p].cp == 0x2013))
        p++;
    if (p >= hi)
        return false;
    /* "“…” in Indonesia, said Chairul Saleh": the quotation's own short
     * phrase, then the attribution */
    if (qc_lowerw(&T[p]) && (qc_tis(&T[p], "in") || qc_tis(&T[p], "at") || qc_tis(&T[p], "on") ||
                             qc_tis(&T[p], "about") || qc_tis(&T[p], "for") || qc_tis(&T[p], "from"))) {
        size_t k = p + 1;
        while (k < hi && k - p <= 6 && T[k].type == QC_TK_WORD && !qc_verb(&T[k]))
            k++;
        if (k + 1 < hi && k > p + 1 && qc_punct(&T[k], ',') && qc_verb(&T[k + 1]))
            return qc_attr_after(x, k, hi, np, verb);
    }
    if (p + 1 < hi && qc_tis(&T[p], "according") && qc_tis(&T[p + 1], "to")) {
        qc_np n = qc_np_forward_lenient(x, p + 2, hi);
        if (qc_np_ok(&n)) {
            *np = n;
            *verb = p;
            return true;
        }
        return false;
    }
    if (qc_verb(&T[p])) {
        size_t v = p;
        if (qc_tcls(&T[p]) & QC_LX_PARTICIPLE)
            return false;   /* ", calling it …" */
        qc_np n = qc_np_forward_lenient(x, p + 1, hi);
        if (!qc_np_ok(&n)) {
            /* "said the whistleblower, Carla Mendes" */
            size_t k = p + 1;
            while (k < hi && k - p <= 5 && T[k].type == QC_TK_WORD && !(T[k].flags & QC_TKF_CAP))
                k++;
            if (k + 1 < hi && k > p + 1 && qc_punct(&T[k], ',')) {
                qc_np m = qc_np_forward_lenient(x, k + 1, hi);
                if (qc_np_ok(&m) && m.kind == QC_NP_PERSON) {
                    m.a = p + 1;
                    *np = m;
                    *verb = v;
                    return true;
                }
            }
            /* "said a farmer using the pseudonym Katya" */
            if (qc_pseudonym(x, p + 1, hi, np)) {
                *verb = v;
                return true;
            }
            return false;
        }
        /* "said a protester using the pseudonym Katya": an indefinite role
         * names nobody the text knows, but it may give a name */
        if ((n.kind == QC_NP_ROLE || n.kind == QC_NP_GENERIC) && qc_indefinite(&T[n.a])) {
            qc_np nm;
            if (qc_pseudonym(x, p + 1, hi, &nm) && nm.kind == QC_NP_PERSON) {
                *np = nm;
                *verb = v;
                return true;
            }
        }
        if (n.kind == QC_NP_PRONOUN && strcmp(n.head, "he") && strcmp(n.head, "she") && strcmp(n.head, "they") &&
            strcmp(n.head, "we") && strcmp(n.head, "i"))
            return false;   /* "said it", "told him": an object */
        /* "said University of California, San Diego's chancellor, Pradeep
         * Khosla": prefer a person named in an appositive */
        qc_np best = n;
        size_t k = n.b;
        for (int round = 0; round < 2 && best.kind != QC_NP_PERSON; round++) {
            if (k >= hi || !qc_punct(&T[k], ','))
                break;
            qc_np m = qc_np_forward_lenient(x, k + 1, hi);
            if (!qc_np_ok(&m))
                break;
            if (m.kind == QC_NP_PERSON) {
                qc_ents_lookup(&x->ents, &m, true);
                best = m;
            }
            k = m.b;
        }
        *np = best;
        *verb = v;
        return true;
    }
    qc_np n = qc_np_forward_lenient(x, p, hi);
    if (!qc_np_ok(&n) && p + 2 < hi && (qc_tcls(&T[p]) & QC_LX_DET) && qc_lowerw(&T[p + 1]) &&
        !(qc_tcls(&T[p + 1]) & (QC_LX_VERB | QC_LX_FUNC)) && qc_verb(&T[p + 2])) {
        memset(&n, 0, sizeof n);
        n.kind = QC_NP_GENERIC;   /* "the father said" */
        n.a = p;
        n.b = p + 2;
        strcpy(n.head, T[p + 1].key);
    }
    /* "the information minister said": a portfolio the lexicon does not
     * know, then the title */
    if (!qc_np_ok(&n) && p + 3 < hi && qc_tis(&T[p], "the") && qc_lowerw(&T[p + 1]) && qc_lowerw(&T[p + 2]) &&
        !(qc_tcls(&T[p + 1]) & (QC_LX_VERB | QC_LX_FUNC)) && (qc_tcls(&T[p + 2]) & QC_LX_TITLE) &&
        qc_verb(&T[p + 3])) {
        memset(&n, 0, sizeof n);
        n.kind = QC_NP_ROLE;
        n.a = n.na = n.nb = p;
        n.ta = p + 1;
        n.b = n.tb = p + 3;
        snprintf(n.head, sizeof n.head, "%s", T[p + 2].key);
    }
    if (!qc_np_ok(&n))
        return false;
    size_t v = n.b;
    /* "Roy Cooper (D) said", "Ted Cruz (R-Texas) said": a party in brackets */
    if (v + 2 < hi && qc_punct(&T[v], '(')) {
        size_t k = v + 1;
        while (k < hi && k - v < 7 && !qc_punct(&T[k], ')') && T[k].type != QC_TK_DQ)
            k++;
        if (k + 1 < hi && qc_punct(&T[k], ')') && (T[v + 1].flags & (QC_TKF_CAP | QC_TKF_ALLCAPS)))
            v = k + 1;
    }
    /* appositive: "Smith, the mayor, said" / "the mayor, Sadiq Khan, said" */
    if (v < hi && qc_punct(&T[v], ',')) {
        size_t k = v + 1;
        while (k < hi && k - v < 14 && !qc_punct(&T[k], ',') && T[k].type != QC_TK_DQ)
            k++;
        if (k < hi && qc_punct(&T[k], ',')) {
            qc_np app = qc_np_forward_lenient(x, v + 1, k);
            if (app.b == k)
                n = qc_pick_appositive(x, n, app);
            v = k + 1;
        }
    } else if (v < hi && n.kind == QC_NP_PERSON && qc_dash(&T[v]) && T[v].cp != '-') {
        /* "“…,” Esaw Garner — the widow of Eric Garner, killed by an
         * officer — told the group": an aside between dashes, the person
         * before it speaks */
        size_t k = v + 1;
        while (k < hi && k - v < 30 && !qc_dash(&T[k]) && T[k].type != QC_TK_DQ &&
               !(T[k].flags & QC_TKF_SENT_END))
            k++;
        if (k + 1 < hi && k > v + 1 && qc_dash(&T[k]) && T[k].cp == T[v].cp && qc_verb(&T[k + 1]))
            v = k + 1;
    }
    /* "“…,” Politico quoted her as saying": the one quoted speaks */
    if (v + 2 < hi && (qc_tis(&T[v], "quoted") || qc_tis(&T[v], "cited"))) {
        qc_np m;
        if (qc_quoted_one(x, v + 1, hi, &m) && m.b + 1 < hi && qc_tis(&T[m.b], "as") &&
            (qc_tcls(&T[m.b + 1]) & QC_LX_PARTICIPLE)) {
            *np = m;
            *verb = m.b + 1;
            return true;
        }
    }
    /* "Crystal Bearing of the Northern Arapaho tribal historic preservation
     * office told": the affiliation goes on in lower case */
    if (n.kind == QC_NP_PERSON && n.b > n.nb && v == n.b) {
        size_t k = v;
        while (k < hi && k - v < 6 && qc_lowerw(&T[k]) && !qc_verb(&T[k]) &&
               !(qc_tcls(&T[k]) & (QC_LX_FUNC | QC_LX_PRONOUN | QC_LX_AUX | QC_LX_CONNECT | QC_LX_DET)))
            k++;
        if (k > v && k < hi && qc_verb(&T[k]))
            v = k;
    }
    for (int aux = 0; aux < 3 && v < hi && qc_lowerw(&T[v]) && (qc_tcls(&T[v]) & QC_LX_AUX) && !qc_verb(&T[v]); aux++)
        v++;
    if (v < hi && qc_verb(&T[v])) {
        *np = n;
        *verb = v;
        return true;
    }
    /* "“…,” Mr Oguna is quoted as saying by the Daily Nation" */
    if (v > 0 && v + 2 < x->toks.len && (qc_tis(&T[v - 1], "is") || qc_tis(&T[v - 1], "was")) &&
        qc_tis(&T[v], "quoted") && qc_tis(&T[v + 1], "as") && (qc_tcls(&T[v + 2]) & QC_LX_PARTICIPLE) &&
        (n.kind == QC_NP_PERSON || n.kind == QC_NP_ORG)) {
        *np = n;
        *verb = v + 2;
        return true;
    }
    return false;
}

/* Is the verb-like word at v a noun here: "the legal team's claims",
 * "their reports", "the remarks"? */
static bool qc_noun_use(qc_qx *x, size_t lo, size_t v)
{
    const qc_token *T = x->toks.items;
    if (v <= lo || T[v].key[0] == '\0' || T[v].key[strlen(T[v].key) - 1] != 's')
        return false;
    const qc_token *p = &T[v - 1];
    return p->type == QC_TK_WORD && ((p->flags & QC_TKF_POSS) || qc_tis(p, "the") || qc_tis(p, "their") ||
                                     qc_tis(p, "his") || qc_tis(p, "her") || qc_tis(p, "its") || qc_tis(p, "our"));
}

/* X said: “…” / X said that “…” / X vowed to exact “…” / according to X. */
static bool qc_attr_before(qc_qx *x, size_t sent_lo, size_t lo, size_t hi, qc_np *np, size_t *verb)
{
    const qc_token *T = x->toks.items;
    for (size_t i = lo; i + 1 < hi; i++)
        if (x->outside[i] && qc_tis(&T[i], "according") && qc_tis(&T[i + 1], "to")) {
            qc_np n = qc_np_forward_lenient(x, i + 2, hi);
            /* "According to Forbes, West claimed “…”": a reporting verb after
             * the phrase has its own subject, which speaks */
            bool later_verb = false;
            for (size_t k = qc_np_ok(&n) ? n.b : i + 2; k < hi; k++)
                if (qc_verb(&T[k]) && x->outside[k])
                    later_verb = true;
            if (qc_np_ok(&n) && !later_verb) {
                *np = n;
                *verb = i;
                return true;
            }
            break;
        }
    /* "Said Paul Azinger: “…”": the verb first */
    if (hi > lo + 2 && qc_punct(&T[hi - 1], ':')) {
        size_t s = qc_skip_intro(x, sent_lo, hi - 1);
        for (size_t k = hi - 1; k > s + 1; k--)
            if (qc_punct(&T[k - 1], ':')) {
                s = k;   /* "WHICH MEANS…: Said Paul Azinger:" */
                break;
            }
        if (s + 1 < hi - 1 && (qc_tis(&T[s], "said") || qc_tis(&T[s], "says") || qc_tis(&T[s], "added")) &&
            (T[s].flags & QC_TKF_CAP)) {
            qc_np n = qc_np_forward_lenient(x, s + 1, hi - 1);
            if (qc_np_ok(&n) && n.b == hi - 1 && (n.kind == QC_NP_PERSON || n.kind == QC_NP_ORG || n.kind == QC_NP_ROLE)) {
                *np = n;
                *verb = s;
                return true;
            }
        }
    }
    /* "Chakrapani proposed: “…”" */
    if (hi > lo + 1 && qc_punct(&T[hi - 1], ':')) {
        size_t k = hi - 1;
        while (k > lo && hi - 1 - k < 3 && qc_lowerw(&T[k - 1]) && !(qc_tcls(&T[k - 1]) & (QC_LX_DET | QC_LX_PRONOUN)))
            k--;
        if (k < hi - 1) {
            qc_np n = qc_np_backward(T, lo, k);
            size_t clause = qc_skip_intro(x, sent_lo, k);
            bool opens = qc_np_ok(&n) && (n.a <= clause || qc_punct(&T[n.a - 1], ',') || n.a == lo);
            if (opens && !(T[n.b - 1].flags & QC_TKF_POSS) &&
                (n.kind == QC_NP_PERSON || n.kind == QC_NP_PRONOUN || n.kind == QC_NP_ORG ||
                 (n.kind == QC_NP_ROLE && n.a == 0))) {   /* "Florida Governor to evacuees: …" */
                size_t v = QC_NONE;   /* "Keller gave a short update:" has no reporting verb */
                for (size_t i = k; i < hi - 1; i++)
                    if (qc_verb(&T[i])) {
                        v = i;
                        break;
                    }
                *np = n;
                *verb = v;
                return true;
            }
        }
    }
    /* "In his message, he appreciated Soleimani's lifepath: “…”" */
    if (hi > lo && qc_punct(&T[hi - 1], ':')) {
        size_t s = qc_skip_intro(x, lo, hi);
        qc_np n = qc_subject(x, s, hi - 1);
        if (qc_np_ok(&n) && n.b < hi && (qc_lowerw(&T[n.b]) || qc_punct(&T[n.b], ','))) {
            size_t v = n.b;
            while (v < hi - 1 && !qc_lowerw(&T[v]))
                v++;
            bool has_verb = false;
            for (size_t i = n.b; i < hi; i++)
                if (qc_verb(&T[i]))
                    has_verb = true;
            if (!has_verb && (n.kind == QC_NP_PERSON || n.kind == QC_NP_PRONOUN || n.kind == QC_NP_ORG ||
                              n.kind == QC_NP_DOC)) {
                (void)v;
                *np = n;
                *verb = QC_NONE;   /* no reporting verb: "he appreciated …:" */
                return true;
            }
        }
    }
    /* a direct quotation introduced by a comma after a clause whose subject
     * is a person and which has no reporting verb of its own */
    if (hi > lo + 2 && qc_punct(&T[hi - 1], ',') && hi < x->toks.len && hi + 1 < x->toks.len &&
        (T[hi + 1].flags & QC_TKF_CAP)) {
        bool has_verb = false;
        for (size_t i = lo; i < hi; i++)
            if (qc_verb(&T[i]))
                has_verb = true;
        if (!has_verb) {
            qc_np n = qc_subject(x, qc_skip_intro(x, sent_lo, hi - 1), hi - 1);
            if (qc_np_ok(&n) && (n.kind == QC_NP_PERSON ||
                                 (n.kind == QC_NP_PRONOUN && (!strcmp(n.head, "he") || !strcmp(n.head, "she"))))) {
                *np = n;
                *verb = QC_NONE;
                return true;
            }
        }
    }
    size_t v = QC_NONE;
    for (size_t i = hi; i > lo && hi - i < 30; i--) {
        if (!x->outside[i - 1])
            break;
        if (qc_verb(&T[i - 1]) && !qc_in_aside(x, sent_lo, i - 1, hi) && !qc_noun_use(x, lo, i - 1)) {
            v = i - 1;
            break;
        }
    }
    if (v == QC_NONE)
        return false;
    /* passive with the agent before the quote: "he was told by Minister
     * Yevgeny Zinichev of “…”" */
    if (v > lo && v + 2 < hi && qc_tis(&T[v + 1], "by") && qc_lowerw(&T[v - 1]) &&
        (qc_tis(&T[v - 1], "was") || qc_tis(&T[v - 1], "were") || qc_tis(&T[v - 1], "been") ||
         qc_tis(&T[v - 1], "is") || qc_tis(&T[v - 1], "are"))) {
        qc_np ag = qc_np_forward_lenient(x, v + 2, hi);
        if (qc_np_ok(&ag) && (ag.kind == QC_NP_PERSON || ag.kind == QC_NP_ORG)) {
            *np = ag;
            *verb = v;
            return true;
        }
    }
    /* passive: "Amman, who was described as “…” by the police" */
    if (v > lo && qc_lowerw(&T[v - 1]) && (qc_tis(&T[v - 1], "was") || qc_tis(&T[v - 1], "were") ||
                                            qc_tis(&T[v - 1], "been") || qc_tis(&T[v - 1], "is") ||
                                            qc_tis(&T[v - 1], "are"))) {
        size_t qend = hi;
        while (qend < x->toks.len && !x->outside[qend])
            qend++;
        if (qend + 1 < x->toks.len && qc_tis(&T[qend], "by") && x->outside[qend + 1]) {
            qc_np ag = qc_np_forward_lenient(x, qend + 1, x->toks.len);
            if (qc_np_ok(&ag) && ag.kind != QC_NP_PRONOUN) {
                *np = ag;
                *verb = v;
                return true;
            }
        }
    }
    /* "quoted X as saying" */
    size_t j = v;
    while (j > lo && qc_lowerw(&T[j - 1]) && (qc_tcls(&T[j - 1]) & QC_LX_AUX) && v - j < 3)
        j--;
    if (j > lo + 1 && qc_adverb_ly(&T[j - 1]))
        j--;   /* "someone, seemingly Honcharuk, audibly says" */
    qc_np n;
    memset(&n, 0, sizeof n);
    /* "Politico quoted Tim Manning, a former deputy, as saying “…”": the
     * one quoted speaks, never the publication that quotes */
    if ((qc_tcls(&T[v]) & QC_LX_PARTICIPLE) && v > lo + 2 && qc_tis(&T[v - 1], "as")) {
        for (size_t k = v - 1; k > lo && v - k < 24; k--) {
            const qc_token *w = &T[k - 1];
            if (!x->outside[k - 1] || (w->type == QC_TK_PUNCT && (w->flags & QC_TKF_SENT_END)))
                break;
            if (qc_tis(w, "quoted") || qc_tis(w, "quotes") || qc_tis(w, "quoting") || qc_tis(w, "cited") ||
                qc_tis(w, "cites") || qc_tis(w, "citing")) {
                qc_np qn;
                if (qc_quoted_one(x, k, v - 1, &qn)) {
                    *np = qn;
                    *verb = v;
                    return true;
                }
                break;
            }
        }
    }
    if ((qc_tcls(&T[v]) & QC_LX_PARTICIPLE) && j > lo && (T[j - 1].flags & (QC_TKF_CAP | QC_TKF_ALLCAPS)) &&
        T[j - 1].type == QC_TK_WORD) {
        /* "with Zinichev describing “…”": the name before the participle */
        qc_np pn = qc_np_backward(T, lo, j);
        /* "a statement at his golf club outside Washington, D.C. saying":
         * a place after a preposition is not who speaks */
        bool place = qc_np_ok(&pn) && pn.a > lo && qc_lowerw(&T[pn.a - 1]) && !qc_tis(&T[pn.a - 1], "with") &&
                     (qc_tcls(&T[pn.a - 1]) & (QC_LX_PLACEPREP | QC_LX_CONNECT));
        if (qc_np_ok(&pn) && pn.a > lo + 1 && qc_punct(&T[pn.a - 1], ',') && qc_lowerw(&T[pn.a - 3 < lo ? lo : pn.a - 3]))
            place = place || (pn.a >= lo + 3 && (qc_tcls(&T[pn.a - 3]) & (QC_LX_PLACEPREP | QC_LX_CONNECT)) &&
                              (T[pn.a - 2].flags & QC_TKF_CAP));   /* "outside Washington, D.C." */
        if (qc_np_ok(&pn) && (pn.kind == QC_NP_PERSON || pn.kind == QC_NP_ORG) && !place &&
            !(pn.nb - pn.na == 1 && pn.a == lo && qc_ents_lookup(&x->ents, &pn, false) < 0))
            n = pn;
    } else if (!(qc_tcls(&T[v]) & QC_LX_PARTICIPLE)) {
        if (j > lo && qc_punct(&T[j - 1], ',')) {
            size_t c = j - 1;
            while (c > lo && j - c < 28 && !qc_punct(&T[c - 1], ','))
                c--;
            /* an appositive of up to 15 words; a relative clause ("Chad
             * Griffin, who also founded the …, said") may be longer */
            if (j - c >= 16 && !qc_tis(&T[c], "who"))
                c = lo;
            if (c > lo && qc_punct(&T[c - 1], ',')) {
                qc_np first = qc_np_backward(T, lo, c - 1);
                qc_np app = qc_np_forward_lenient(x, c, j - 1);
                if (app.b != j - 1)
                    memset(&app, 0, sizeof app);
                n = qc_pick_appositive(x, first, app);
            }
        } else if (j > lo + 1 && (qc_tis(&T[j - 1], "who") || (qc_tis(&T[j - 1], "which") && qc_punct(&T[j - 2], ',')))) {
            /* "drafted by Alex Greenwich who said", "Smith, who …, said",
             * "a new system, Rocky Linux, which describes itself as" */
            size_t w = j - 1;
            if (w > lo && qc_punct(&T[w - 1], ','))
                w--;
            n = qc_np_backward(T, lo, w);
            /* "Mark Hay, a marine ecologist and Regents Professor at GT,
             * who said": the person before the appositive */
            for (size_t c = w; c > lo + 1 && w - c < 16; c--) {
                if (!qc_punct(&T[c - 1], ','))
                    continue;
                if (c < w && (qc_indefinite(&T[c]) || qc_tis(&T[c], "the"))) {
                    qc_np pn = qc_np_backward(T, lo, c - 1);
                    if (qc_np_ok(&pn) && pn.kind == QC_NP_PERSON && pn.b == c - 1)
                        n = pn;
                }
                break;
            }
        } else {
            n = qc_np_backward(T, lo, j);
        }
    }
    /* "…, with the latter yesterday confirming on Twitter …": the latter
     * acts (qc_resolve finds whom it means) */
    if (!qc_np_ok(&n))
        for (size_t k = j; k > lo + 1 && j - k < 2; k--)
            if ((qc_tis(&T[k - 1], "latter") || qc_tis(&T[k - 1], "former")) && qc_tis(&T[k - 2], "the")) {
                memset(&n, 0, sizeof n);
                n.kind = QC_NP_GENERIC;
                n.a = n.na = k - 2;
                n.b = n.nb = k;
                strcpy(n.head, T[k - 1].key);   /* "latter", "former" */
            }
    bool object = qc_np_ok(&n) && n.kind == QC_NP_PERSON && n.nb - n.na == 1 && n.a > lo &&
                  qc_lowerw(&T[n.a - 1]) && (qc_tis(&T[n.a - 1], "to") || qc_tis(&T[n.a - 1], "for") ||
                                             qc_tis(&T[n.a - 1], "of") || qc_tis(&T[n.a - 1], "at") ||
                                             qc_tis(&T[n.a - 1], "in") || qc_tis(&T[n.a - 1], "from"));
    /* "…, which the BBC describes as “…”": the relative clause has its own
     * subject */
    bool relative = qc_np_ok(&n) && n.a > lo && qc_lowerw(&T[n.a - 1]) &&
                    (qc_tis(&T[n.a - 1], "which") || qc_tis(&T[n.a - 1], "whom") || qc_tis(&T[n.a - 1], "that"));
    if (qc_np_ok(&n) && (n.kind == QC_NP_ORG || n.kind == QC_NP_GENERIC || object) && n.a > lo && !relative) {
        /* "Jennifer Daskal of American University and contributor to Slate
         * wrote", "To this, Peter Iseley of victim group Ending Clergy Abuse
         * said", "Suman Haripriya of the Hajo assembly in Assam said" */
        size_t s = qc_skip_intro(x, lo, n.a);
        qc_np subj = qc_np_forward_lenient(x, s, n.a);
        if (qc_np_ok(&subj) && subj.kind == QC_NP_PERSON && subj.nb - subj.na == 1 && subj.na == s &&
            qc_ents_lookup(&x->ents, &subj, false) < 0)
            memset(&subj, 0, sizeof subj);   /* "To this, …": no name */
        if (!qc_np_ok(&subj))
            subj = qc_subject(x, s, n.a);
        bool verb_between = false;
        for (size_t i = s; i < n.a; i++)
            if (qc_verb(&T[i]))
                verb_between = true;
        if (qc_np_ok(&subj) && subj.kind == QC_NP_PERSON && !verb_between && !(T[subj.b - 1].flags & QC_TKF_POSS))
            n = subj;
    }
    if (!qc_np_ok(&n)) {
        size_t s = qc_skip_intro(x, lo, v);
        n = qc_subject(x, s, v);
        if (!qc_np_ok(&n) && sent_lo < lo)   /* the subject before an earlier quotation */
            n = qc_subject(x, qc_skip_intro(x, sent_lo, v), v);
        /* "In the filing itself Ford also made this point, writing “…”":
         * what looked like an opening phrase held the subject */
        if (!qc_np_ok(&n) && s > lo && (qc_tcls(&T[v]) & QC_LX_PARTICIPLE) && qc_punct(&T[v - 1], ',')) {
            qc_np m = qc_subject(x, lo, v);
            if (qc_np_ok(&m) && (m.kind == QC_NP_PERSON || m.kind == QC_NP_ORG)) {
                if (m.nb > m.na && m.na > m.a && qc_lowerw(&T[m.a]) && !qc_tis(&T[m.na - 1], "the"))
                    m.a = m.ta = m.tb = m.na;   /* "the filing itself Varnek": Varnek */
                n = m;
            }
        }
        if (qc_np_ok(&n)) {
            *np = n;
            *verb = v;
            return true;
        }
        if (!qc_np_ok(&n) && v >= lo + 2 && (qc_tcls(&T[v - 2]) & QC_LX_DET) && qc_lowerw(&T[v - 1]) &&
            !(qc_tcls(&T[v - 1]) & (QC_LX_VERB | QC_LX_FUNC))) {
            memset(&n, 0, sizeof n);
            n.kind = QC_NP_GENERIC;   /* "The father said: …" */
            n.a = v - 2;
            n.b = v;
            strcpy(n.head, T[v - 1].key);
            *np = n;
            *verb = v;
            return true;
        }
        n = qc_np_forward(T, s, v);
        if (qc_np_ok(&n) && n.kind == QC_NP_PERSON && n.nb - n.na == 1 && n.a == s &&
            qc_ents_lookup(&x->ents, &n, false) < 0)
            memset(&n, 0, sizeof n);   /* "Search and rescue was …": not a name */
        if (qc_np_ok(&n) && n.b != v) {
            /* the subject must be followed by its verb phrase, not be an object */
            const qc_token *after = &T[n.b];
            if (qc_punct(after, ',') || qc_lowerw(after) || qc_verb(after)) {
                /* fine */
            } else {
                memset(&n, 0, sizeof n);
            }
        }
    }
    if (!qc_np_ok(&n))
        return false;
    *np = n;
    *verb = v;
    return true;
}

/* "Erdogan's office", "The WHO's website", "Trump's spokesman": the
 * possessor speaks (the matcher treats a spokesperson as the one they
 * speak for). Rewrites np to the possessor when it is a named person or
 * organisation followed by such a head word. */
static void qc_possessor(qc_qx *x, qc_np *np)
{
    const qc_token *T = x->toks.items;
    static const char *const heads[] = { "office", "website", "account", "spokesman", "spokeswoman",
                                         "spokesperson", "statement", "campaign", "team", "press", "aide",
                                         "aides", "lawyer", "lawyers", "government", "ministry", "twitter",
                                         "notice", "letter", "ruling", "decision", "report", "filing",
                                         "complaint", "order", "judgment", "judgement", "opinion", "memo",
                                         "release", "announcement", "post", "tweet", "message" };
    if (np->kind == QC_NP_DOC && np->a >= 2) {
        /* "RIAA's take-down notice": a compound word between owner and
         * document */
        size_t k = np->a;
        while (k > 0 && np->a - k < 2 && qc_lowerw(&T[k - 1]) && strchr(T[k - 1].key, '-') &&
               !(qc_tcls(&T[k - 1]) & (QC_LX_VERB | QC_LX_FUNC)))
            k--;
        if (k < np->a && k > 0 && (T[k - 1].flags & QC_TKF_POSS) && (T[k - 1].flags & (QC_TKF_CAP | QC_TKF_ALLCAPS)))
            np->a = k - 1;
    }
    if (np->b < np->a + 2 || np->kind == QC_NP_PERSON || np->kind == QC_NP_ORG)
        return;
    const qc_token *last = &T[np->b - 1];
    bool head = np->kind == QC_NP_DOC;
    for (size_t i = 0; i < sizeof heads / sizeof *heads; i++)
        if (!strcmp(last->key, heads[i]))
            head = true;
    if (!head)
        return;
    for (size_t i = np->a; i + 1 < np->b; i++) {
        if ((T[i].flags & QC_TKF_POSS) && qc_lowerw(&T[i]) && (qc_tcls(&T[i]) & QC_LX_ORG) && (np->kind == QC_NP_DOC)) {
            /* "the court's summary": the court named before */
            np->kind = QC_NP_GENERIC;
            np->b = i + 1;
            strcpy(np->head, T[i].key);
            return;
        }
        if ((T[i].flags & QC_TKF_POSS) && (T[i].flags & (QC_TKF_CAP | QC_TKF_ALLCAPS))) {
            qc_np p = qc_np_analyze(T, np->a, i + 1);
            if (p.kind == QC_NP_PERSON || p.kind == QC_NP_ORG) {
                p.a = np->a;
                p.b = np->b;
                *np = p;
            }
            return;
        }
    }
}

/* Byte offset where the sentence before the one holding token i starts
 * (in the previous block when i's sentence opens its block). */
static size_t qc_prev_sentence_pos(const qc_qx *x, size_t b, size_t i)
{
    size_t s = qc_sentence_start(x, b, i);
    if (s > x->bfirst[b])
        return x->toks.items[qc_sentence_start(x, b, s - 1)].start;
    while (b > 0 && x->blast[b - 1] == x->bfirst[b - 1])
        b--;
    if (b == 0)
        return x->toks.items[s].start;
    b--;
    return x->toks.items[qc_sentence_start(x, b, x->blast[b] - 1)].start;
}

/* Is np one organisation word after "the" ("the Court", "The Ministry")?
 * It then names the organisation of that kind named before. */
static bool qc_generic_org(qc_qx *x, const qc_np *np)
{
    const qc_token *T = x->toks.items;
    if (np->nb != np->na + 1 || np->na <= np->a || !qc_tis(&T[np->na - 1], "the"))
        return false;
    const qc_token *w = &T[np->na];
    return (qc_tcls(w) & QC_LX_ORG) && !(w->flags & (QC_TKF_ALLCAPS | QC_TKF_MIXACR | QC_TKF_POSS));
}

/* A court's document: "the ruling", "the judgment", "the decision". */
static bool qc_court_doc(const qc_token *t)
{
    return qc_tis(t, "ruling") || qc_tis(t, "judgment") || qc_tis(t, "judgement") || qc_tis(t, "decision") ||
           qc_tis(t, "verdict");
}

/* "The father said", "the actress recalled", "The campaign called …", "the
 * Lord Mayor candidate told": a definite role that no title in the text
 * gave to anyone names the person the text is talking about — a person
 * of the role's gender who is the subject of this sentence or the one
 * before, else (for a gendered role) the last person known to be of that
 * gender. Plural and indefinite roles name nobody. */
static int qc_role_coref(qc_qx *x, const qc_q *q, const qc_np *np, size_t npos)
{
    const qc_token *T = x->toks.items;
    if (!qc_tis(&T[np->a], "the") || np->b < np->a + 2)
        return -1;
    const qc_token *h = &T[np->b - 1];
    unsigned hc = qc_tcls(h);
    /* "the Dutchman", "the Spaniard": a nationality names the person the
     * text is about, capitalised as it is */
    static const char *const demonyms[] = { "dutchman", "dutchwoman", "spaniard", "frenchman", "frenchwoman",
                                            "englishman", "englishwoman", "scotsman", "scotswoman", "welshman",
                                            "irishman" };
    bool demonym = false;
    for (size_t i = 0; i < sizeof demonyms / sizeof *demonyms; i++)
        if (qc_tis(h, demonyms[i]))
            demonym = true;
    if (h->type != QC_TK_WORD || (hc & (QC_LX_GENERIC | QC_LX_ORG | QC_LX_DOC | QC_LX_PRONOUN)) ||
        (h->flags & QC_TKF_POSS) || ((h->flags & (QC_TKF_CAP | QC_TKF_ALLCAPS)) && !demonym))
        return -1;
    size_t hl = strlen(h->key);
    if (hl > 3 && h->key[hl - 1] == 's' && h->key[hl - 2] != 's' && !(hc & (QC_LX_TITLE | QC_LX_MALE | QC_LX_FEMALE)))
        return -1;   /* "the organisers": plural */
    static const char *const rank[] = { "vice", "deputy", "assistant", "former", "acting", "under", "ex", "co" };
    for (size_t i = np->a; i < np->b; i++)
        for (size_t r = 0; r < sizeof rank / sizeof *rank; r++)
            if (qc_tis(&T[i], rank[r]))
                return -1;   /* "the deputy mayor" is not the mayor */
    int e = -1;
    size_t ra = np->b - 1;
    if (np->kind == QC_NP_ROLE && (hc & QC_LX_TITLE) && np->b - np->a > 2) {
        /* "the Lord Mayor candidate": the candidate; "the local health
         * minister": a minister for health */
        if (ra > np->a + 1 && qc_lowerw(&T[ra - 1]) && !(qc_tcls(&T[ra - 1]) & ~(unsigned)(QC_LX_ORG | QC_LX_MOD)) &&
            !qc_tis(&T[ra - 1], "local") && !qc_tis(&T[ra - 1], "top") && !qc_tis(&T[ra - 1], "senior") &&
            !qc_tis(&T[ra - 1], "junior") && !qc_tis(&T[ra - 1], "then") && !qc_tis(&T[ra - 1], "interim") &&
            !qc_tis(&T[ra - 1], "incoming") && !qc_tis(&T[ra - 1], "outgoing"))
            ra--;
        e = qc_ents_with_title(&x->ents, npos, ra, np->b);
    }
    if (e >= 0)
        return e;
    char g = (hc & QC_LX_FEMALE) ? 'f' : (hc & QC_LX_MALE) ? 'm' : 0;
    if (g)   /* "the mother": a woman the text named */
        return qc_ents_recent_gendered(&x->ents, npos, g);
    e = qc_ents_subject_in(&x->ents, npos, qc_prev_sentence_pos(x, q->block, np->a), 0);
    /* the person just talked about, unless the text gave them another
     * office ("Civil Aviation Minister Puri …" is not "the health minister") */
    if (e >= 0 && ra + 1 < np->b && qc_ents_has_titles(&x->ents, e, true) &&
        !qc_ents_fits_role(&x->ents, e, ra, np->b))
        return -1;
    return e;
}

/* A social network, which carries posts but does not speak in them. */
static bool qc_platform(const qc_token *t)
{
    static const char *const p[] = { "twitter", "facebook", "instagram", "youtube", "weibo", "tiktok", "linkedin",
                                     "reddit", "telegram", "whatsapp", "snapchat", "wechat", "vk", "parler" };
    for (size_t i = 0; i < sizeof p / sizeof *p; i++)
        if (qc_tis(t, p[i]))
            return true;
    return false;
}

/* "an AEW press release", "a White House statement", "an official
 * government Twitter account": the owner a new document's phrase names
 * (a social network is only where it was posted); -1 if none. */
static int qc_doc_named_owner(qc_qx *x, const qc_np *np, size_t npos)
{
    const qc_token *T = x->toks.items;
    for (size_t i = np->a; i + 1 < np->b; i++) {
        const qc_token *t = &T[i];
        if (t->type != QC_TK_WORD || qc_platform(t) || (t->flags & QC_TKF_POSS))
            continue;
        if ((t->flags & (QC_TKF_CAP | QC_TKF_ALLCAPS)) &&
            ((t->flags & QC_TKF_ALLCAPS) || !(qc_tcls(t) & (QC_LX_FUNC | QC_LX_DET | QC_LX_TIME)))) {
            size_t k = i;
            while (k + 1 < np->b && T[k].type == QC_TK_WORD && (T[k].flags & (QC_TKF_CAP | QC_TKF_ALLCAPS)) &&
                   !qc_platform(&T[k]) && !(T[k].flags & QC_TKF_POSS))
                k++;
            qc_np o = qc_np_analyze(T, i, k);
            if (o.kind == QC_NP_ROLE && o.nb <= o.na && (qc_tcls(&T[i]) & QC_LX_NATION))
                return -1;   /* "a US government statement": no one in particular */
            if (o.kind == QC_NP_PERSON || o.kind == QC_NP_ORG) {
                if (o.kind == QC_NP_PERSON && o.nb - o.na == 1 && qc_ents_lookup(&x->ents, &o, false) < 0)
                    o.kind = QC_NP_ORG;   /* "an AEW press release": a brand, not a person */
                return qc_ents_lookup(&x->ents, &o, true);
            }
            return -1;
        }
        if (qc_lowerw(t) && (qc_tcls(t) & QC_LX_ORG) && !(qc_tcls(t) & QC_LX_DOC)) {
            int e = qc_ents_recent_org_with(&x->ents, npos, t->key);
            if (e >= 0)
                return e;
        }
    }
    return -1;
}

/* Is pos in the story's first sentence (no sentence ended before it)? */
static bool qc_in_lead(const qc_qx *x, size_t pos)
{
    const qc_token *T = x->toks.items;
    for (size_t i = 0; i < x->toks.len && T[i].start < pos; i++)
        if (T[i].type == QC_TK_PUNCT && (T[i].flags & QC_TKF_SENT_END) && x->outside[i])
            return false;
    return true;
}

/* Does np open with a lower-case possessive after "the" ("the musician's
 * family", "the union's general secretary")? */
static bool qc_the_possessor(const qc_qx *x, const qc_np *np)
{
    const qc_token *T = x->toks.items;
    return np->a > 0 && qc_tis(&T[np->a - 1], "the") && (T[np->a].flags & QC_TKF_POSS) && qc_lowerw(&T[np->a]);
}

/* The person or organisation named by the words (outside quotations) from
 * token k, at most n of them: its entity (learnt if new), else -1. */
static int qc_named_at(qc_qx *x, size_t k, size_t n)
{
    const qc_token *T = x->toks.items;
    size_t hi = k;
    while (hi < x->toks.len && hi - k < n && x->outside[hi] && T[hi].type == QC_TK_WORD)
        hi++;
    qc_np m = qc_np_forward_lenient(x, k, hi);
    if (qc_np_ok(&m) && (m.kind == QC_NP_PERSON || m.kind == QC_NP_ORG))
        return qc_ents_lookup(&x->ents, &m, true);
    return -1;
}

static void qc_resolve(qc_qx *x, qc_q *q)
{
    qc_possessor(x, &q->np);
    const qc_np *np = &q->np;
    const qc_token *T = x->toks.items;
    size_t pos = T[q->open].start;
    int e = -1;
    const char *fallback = NULL;
    q->speaker_text = qc_ents_span_text(&x->ents, np->a, np->b);
    q->sp_start = T[np->a].start;
    q->sp_end = T[np->b - 1].end;
    size_t npos = T[np->a].start < pos ? T[np->a].start : pos;
    /* "the Dutchman said": the one the story follows (named most so far),
     * whose nationality the text did not give as a title */
    if (np->b == np->a + 2 && qc_tis(&T[np->a], "the")) {
        static const char *const demonyms[] = { "dutchman", "spaniard", "frenchman", "englishman", "scotsman",
                                                "welshman", "irishman", "dutchwoman", "frenchwoman",
                                                "englishwoman", "scotswoman" };
        for (size_t i = 0; i < sizeof demonyms / sizeof *demonyms && e < 0; i++)
            if (qc_tis(&T[np->a + 1], demonyms[i]) &&
                qc_ents_with_title(&x->ents, npos, np->a + 1, np->a + 2) < 0)
                e = qc_ents_protagonist(&x->ents, npos, strstr(demonyms[i], "woman") ? 'f' : 'm');
        if (e >= 0) {
            q->speaker = x->ents.ents.items[e].name;
            return;
        }
    }
    /* "with the latter yesterday confirming on Twitter …" */
    if (np->b == np->a + 2 && qc_tis(&T[np->a], "the") &&
        (qc_tis(&T[np->a + 1], "latter") || qc_tis(&T[np->a + 1], "former"))) {
        e = qc_ents_latter(&x->ents, T[np->a].start, qc_tis(&T[np->a + 1], "latter"));
        if (e >= 0) {
            q->speaker = x->ents.ents.items[e].name;
            return;
        }
    }
    /* "The Varnian government said", "the government of American Samoa":
     * the government of that place, whatever entity its name matches */
    {
        size_t a = np->a, b = np->b;
        if (a < b && qc_tis(&T[a], "the"))
            a++;
        bool gov_after = b < x->toks.len && x->outside[b] && qc_tis(&T[b], "government") && b > a &&
                         (T[b - 1].flags & QC_TKF_CAP) && !(T[b - 1].flags & QC_TKF_POSS);
        bool gov_of = b > a + 2 && qc_tis(&T[a], "government") && qc_tis(&T[a + 1], "of") &&
                      (T[a + 2].flags & QC_TKF_CAP);
        if (gov_after || gov_of) {
            if (gov_after) {
                b++;
                q->speaker_text = qc_ents_span_text(&x->ents, np->a, b);
                q->sp_end = T[b - 1].end;
            }
            char *name = qc_ents_span_text(&x->ents, a, b);
            if (gov_of)
                name[0] = 'G';
            q->speaker = name;
            return;
        }
    }
    /* "the family said": the family of the people the story is about —
     * "the family of Eve Smith" is Eve Smith's family, a bare "the family"
     * the family of the last person named ("Dyan Gay" → "Gay family") */
    bool fam_of = np->b > np->a + 3 && qc_tis(&T[np->a], "the") && qc_tis(&T[np->a + 1], "family") &&
                  qc_tis(&T[np->a + 2], "of");
    /* "the Graves family": that family, named */
    if (np->b == np->a + 3 && qc_tis(&T[np->a], "the") && qc_tis(&T[np->b - 1], "family") &&
        (T[np->a + 1].flags & QC_TKF_CAP) && !(T[np->a + 1].flags & QC_TKF_POSS)) {
        q->speaker = qc_ents_span_text(&x->ents, np->a + 1, np->b);
        return;
    }
    /* "the musician's family": the family of the last person named */
    bool fam_role = np->b == np->a + 2 && qc_the_possessor(x, np) && qc_tis(&T[np->b - 1], "family");
    if ((np->b == np->a + 2 && qc_tis(&T[np->a], "the") && qc_tis(&T[np->b - 1], "family")) || fam_of || fam_role) {
        const char *who = NULL;
        size_t k = np->a + 2;
        if (k + 1 < x->toks.len && qc_tis(&T[k], "of") && x->outside[k + 1]) {
            qc_np of = qc_np_forward(T, k + 1, x->toks.len);
            int oe = qc_np_ok(&of) && of.kind == QC_NP_PERSON ? qc_ents_lookup(&x->ents, &of, false) : -1;
            if (oe >= 0)
                who = qc_arena_printf(x->ents.arena, "%s's family", x->ents.ents.items[oe].name);
        }
        if (!who) {
            int pe = qc_ents_recent(&x->ents, npos, false, 0);
            const char *name = pe >= 0 ? x->ents.ents.items[pe].name : NULL;
            const char *last = name ? strrchr(name, ' ') : NULL;
            if (last && last[1])
                who = qc_arena_printf(x->ents.arena, "%s family", last + 1);
        }
        if (who) {
            q->speaker = who;
            return;
        }
    }
    /* "the study", "the team", "the researchers": the study's named
     * authors */
    if ((np->kind == QC_NP_GENERIC || np->kind == QC_NP_ROLE || np->kind == QC_NP_DOC) && np->b > np->a &&
        (qc_tis(&T[np->a], "the") || qc_tis(&T[np->a], "their") || qc_tis(&T[np->a], "its"))) {
        static const char *const study[] = { "study", "paper", "team", "researchers", "authors", "scientists",
                                             "research" };
        const qc_token *h = &T[np->b - 1];
        for (size_t i = 0; i < sizeof study / sizeof *study; i++)
            if (qc_tis(h, study[i]) && !(h->flags & QC_TKF_CAP && np->b - 1 > np->a)) {
                e = qc_ents_author(&x->ents, npos);
                break;
            }
        if (e >= 0) {
            q->speaker = x->ents.ents.items[e].name;
            return;
        }
    }
    switch (np->kind) {
    case QC_NP_PRONOUN: {
        /* "according to him": the object form names the speaker only
         * there; "told him" never does */
        const char *h = np->head;
        bool acc = np->a >= 2 && qc_tis(&T[np->a - 1], "to") && qc_tis(&T[np->a - 2], "according");
        if (acc && !strcmp(h, "him"))
            h = "he";
        else if (acc && !strcmp(h, "her"))
            h = "she";
        else if (acc && !strcmp(h, "them"))
            h = "they";
        if (!strcmp(h, "he") || !strcmp(h, "she"))
            e = qc_ents_recent_subject(&x->ents, npos, qc_prev_sentence_pos(x, q->block, np->a),
                                       h[0] == 'h' ? 'm' : 'f');
        else if (!strcmp(h, "it") || !strcmp(h, "they"))
            e = qc_ents_recent(&x->ents, npos, true, 0);
        break;
    }
    case QC_NP_PERSON:
    case QC_NP_ORG:
        /* "the Court", "The Ministry": the court named before */
        if (np->kind == QC_NP_ORG && qc_generic_org(x, np))
            e = qc_ents_recent_org_with(&x->ents, npos, T[np->na].key);
        if (e < 0)
            e = qc_ents_lookup(&x->ents, np, true);
        if (e < 0)
            fallback = qc_ents_span_text(&x->ents, np->na, np->nb);
        break;
    case QC_NP_ROLE:
        /* "a protester" is someone new, not the protester named before */
        if (!qc_indefinite(&T[np->a]))
            e = qc_ents_with_title(&x->ents, npos, np->ta, np->tb);
        bool titles_only = np->nb > np->na;   /* "the Lord Mayor candidate": no organisation */
        for (size_t i = np->na; i < np->nb; i++)
            if (!(qc_tcls(&T[i]) & (QC_LX_TITLE | QC_LX_MOD)))
                titles_only = false;
        /* "The Wooster professor added": a definite role with its
         * institution is the person the text is talking about; only one
         * who speaks for it ("the Pentagon spokesman") is the institution */
        if (e < 0 && np->nb > np->na && !titles_only && qc_tis(&T[np->a], "the") &&
            !(qc_tcls(&T[np->b - 1]) & QC_LX_GENERIC) && strncmp(T[np->b - 1].key, "spokes", 6) &&
            !qc_tis(&T[np->b - 1], "official") && !qc_tis(&T[np->b - 1], "representative"))
            e = qc_role_coref(x, q, np, npos);
        /* "The education secretary has criticised …, telling Sky News: “…”"
         * opening a story that names her next ("Gillian Keegan told …"):
         * a definite title in the first sentence, nobody named before it */
        if (e < 0 && (qc_tis(&T[np->a], "the") || np->a == 0) && np->tb > np->ta && x->ents.mentions.len &&
            x->ents.mentions.items[0].pos > npos && qc_in_lead(x, npos))
            e = qc_ents_named_next(&x->ents, npos, 600);
        /* "the Prime Minister said" where the text so far names one person
         * and gives nobody that title: that person ("This is Justin
         * Trudeau's fourth meeting …") */
        bool the_role = qc_tis(&T[np->a], "the") || qc_the_possessor(x, np);   /* ("the union's general secretary") */
        if (e < 0 && the_role && np->nb == np->na && np->tb > np->ta &&
            (qc_tcls(&T[np->b - 1]) & QC_LX_TITLE) && !qc_tis(&T[np->b - 1], "official") &&
            strncmp(T[np->b - 1].key, "spokes", 6)) {
            int only = -1;
            if (qc_ents_sole_person(&x->ents, 0, npos, &only) != (size_t)-1 &&
                !qc_ents_has_titles(&x->ents, only, true))
                e = only;
        }
        if (e < 0 && np->nb > np->na && !titles_only) {
            /* "an Interpol spokesperson": the organisation speaks */
            qc_np org = *np;
            org.kind = QC_NP_PERSON;   /* "a publicist for Jagger": a person the text named */
            if (np->nb - np->na == 1 && np->na >= np->tb) {
                e = qc_ents_lookup(&x->ents, &org, false);
                if (e >= 0 && x->ents.ents.items[e].is_org)
                    e = -1;
            }
            org.kind = QC_NP_ORG;
            if (e < 0) {
                e = qc_ents_lookup(&x->ents, &org, true);
                if (e >= 0)
                    qc_ent_add_title_words(&x->ents, e, np->ta, np->tb);
            }
        }
        break;
    case QC_NP_DOC:
        /* "According to its press release, the NBA was “…”": the owner is
         * the subject the opening phrase leads to */
        if ((qc_tis(&T[np->a], "its") || qc_tis(&T[np->a], "their") || qc_tis(&T[np->a], "his") ||
             qc_tis(&T[np->a], "her")) && np->b + 1 < x->toks.len && qc_punct(&T[np->b], ',') &&
            x->outside[np->b + 1]) {
            e = qc_named_at(x, np->b + 1, 11);
        }
        /* "a statement from the parents released Sunday by the Special
         * Investigations Unit": who it is from wrote it, not who released
         * it */
        bool from = np->b + 1 < x->toks.len && x->outside[np->b] && qc_tis(&T[np->b], "from");
        if (from && e < 0)
            e = qc_named_at(x, np->b + 1, 11);
        /* "according to a tweet on Monday by US Secretary of State Mike
         * Pompeo": the author named after "by" a few words on */
        for (size_t k = np->b; e < 0 && !from && k + 1 < x->toks.len && k < np->b + 6 && x->outside[k] &&
                               T[k].type == QC_TK_WORD; k++)
            if (qc_tis(&T[k], "by")) {
                e = qc_named_at(x, k + 1, 13);
                break;
            }
        /* a new document ("an AEW press release") is the one its phrase
         * names; "the statement" refers back to one already introduced */
        if (e < 0 && qc_indefinite(&T[np->a]))
            e = qc_doc_named_owner(x, np, npos);
        /* "the ruling", "the judgment": the court that gave it */
        if (e < 0 && qc_court_doc(&T[np->b - 1]))
            e = qc_ents_recent_org_with(&x->ents, npos, "court");
        if (e < 0) {
            /* "According to a statement released by X, “…”": the owner is
             * named inside the phrase itself */
            size_t dpos = npos;
            const qc_token *nx = &T[np->b];
            if (np->b < x->toks.len && qc_lowerw(nx) &&
                (qc_tis(nx, "released") || qc_tis(nx, "issued") || qc_tis(nx, "posted") || qc_tis(nx, "published") ||
                 qc_tis(nx, "sent") || qc_tis(nx, "signed") || qc_tis(nx, "filed") || qc_tis(nx, "written") ||
                 qc_tis(nx, "by") || qc_tis(nx, "from")) &&
                T[np->b - 1].end > dpos)
                dpos = T[np->b - 1].end;
            e = qc_ents_owner(&x->ents, dpos, T[np->b - 1].key);
        }
        break;
    case QC_NP_GENERIC:
        /* "the company" names the organisation last named; "officials",
         * "the father" name nobody: speaker stays null */
        if (qc_tcls(&T[np->b - 1]) & QC_LX_ORG) {
            char w[sizeof T->key];
            strcpy(w, T[np->b - 1].key);
            if (T[np->b - 1].flags & QC_TKF_POSS)
                w[strcspn(w, "'")] = '\0';   /* "the court's" */
            e = qc_ents_recent_org_with(&x->ents, npos, w);
            if (e < 0) {
                /* an unnamed organisation: "the regional council" */
                size_t a = np->a;
                while (a < np->b && (qc_tcls(&T[a]) & QC_LX_DET) && !(T[a].flags & QC_TKF_POSS))
                    a++;
                char *f = qc_ents_span_text(&x->ents, a, np->b);
                size_t fl = strlen(f);
                if (T[np->b - 1].flags & QC_TKF_POSS) {   /* "the court's" */
                    if (fl >= 2 && f[fl - 2] == '\'')
                        f[fl - 2] = '\0';
                    else if (fl >= 4 && !memcmp(f + fl - 4, "\xE2\x80\x99", 3))
                        f[fl - 4] = '\0';
                }
                fallback = f;
            }
        }
        break;
    default:
        break;
    }
    if (e < 0 && !fallback && (np->kind == QC_NP_ROLE || np->kind == QC_NP_GENERIC))
        e = qc_role_coref(x, q, np, npos);
    if (e >= 0) {
        q->speaker = x->ents.ents.items[e].name;
        qc_ents_add_mention(&x->ents, T[np->a].start, e, true);
    } else {
        q->speaker = fallback;
    }
}

/* q is attributed to np with the reporting verb at token `verb` (or
 * QC_NONE): record it, start a new group, resolve the speaker. */
static void qc_attribute_to(qc_qx *x, qc_q *q, const qc_np *np, size_t verb, int *group)
{
    q->attributed = true;
    q->np = *np;
    q->verb = verb;
    q->verb_text = verb == QC_NONE ? NULL : qc_ents_span_text(&x->ents, verb, verb + 1);
    q->group = (*group)++;
    qc_resolve(x, q);
}

/* A definite title ("the Prime Minister", "The captain") names the one the
 * text gives it to: attribute q to that person, or leave q as it was when
 * nobody in the text holds the title. */
static bool qc_attribute_title(qc_qx *x, qc_q *q, const qc_np *np, size_t verb, int *group)
{
    const qc_token *T = x->toks.items;
    if (!qc_np_ok(np) || np->kind != QC_NP_ROLE || !qc_tis(&T[np->a], "the") ||
        !(qc_tcls(&T[np->b - 1]) & QC_LX_TITLE))
        return false;
    qc_attribute_to(x, q, np, verb, group);
    if (q->speaker)
        return true;
    q->attributed = false;
    q->speaker_text = NULL;
    q->verb_text = NULL;
    return false;
}


/* May q continue p's utterance? Only what p's own attribution clause says
 * (and "and", "but") may stand between them: "“…,” he said. “…”". */
static bool qc_continues(qc_qx *x, const qc_q *p, const qc_q *q)
{
    /* Nobody else may be named between them: a capitalised name that is
     * not part of p's speaker phrase, and not the object of a preposition
     * ("on Twitter", "to CNN"), means the next quotation may be someone
     * else's. */
    const qc_token *T = x->toks.items;
    if (p->close == QC_NONE)
        return false;
    size_t clause_end = p->verb != QC_NONE && p->verb + 1 > p->np.b ? p->verb + 1 : p->np.b;
    size_t app_end = clause_end;
    if (clause_end < q->open && qc_punct(&T[clause_end], ',')) {
        /* "said Tedros Adhanom Ghebreyesus, the Director-General of the WHO." */
        app_end = clause_end + 1;
        while (app_end < q->open && !qc_punct(&T[app_end], ',') && !(T[app_end].flags & QC_TKF_SENT_END))
            app_end++;
    }
    size_t last_skip = QC_NONE;   /* the last capitalised word passed over */
    for (size_t i = p->close + 1; i < q->open; i++) {
        const qc_token *t = &T[i];
        if (t->type != QC_TK_WORD || !(t->flags & (QC_TKF_CAP | QC_TKF_ALLCAPS)))
            continue;
        if ((i >= p->np.a && i < p->np.b) || (p->verb != QC_NONE && p->verb > p->np.b && i > p->np.b && i < p->verb)) {
            last_skip = i;   /* (and "…,” Mary Stein, Assistant Library Director, said") */
            continue;
        }
        if (i >= clause_end && i < app_end) {
            last_skip = i;
            continue;
        }
        unsigned c = qc_tcls(t);
        if (c & (QC_LX_FUNC | QC_LX_TIME | QC_LX_PRONOUN | QC_LX_DET))
            continue;
        if (last_skip != QC_NONE && last_skip + 1 <= i) {
            /* the rest of a name passed over: "of CU Boulder's Cooperative
             * Institute for Research in Environmental Sciences (CIRES)" */
            bool joined = true;
            for (size_t k = last_skip + 1; k < i && joined; k++)
                joined = (qc_lowerw(&T[k]) && (qc_tcls(&T[k]) & (QC_LX_CONNECT | QC_LX_PLACEPREP))) ||
                         qc_punct(&T[k], '(');
            if (joined) {
                last_skip = i;
                continue;
            }
        }
        if (i > p->close + 1) {
            const qc_token *pr = &T[i - 1];
            if (qc_lowerw(pr) && (!strcmp(pr->key, "on") || !strcmp(pr->key, "to") || !strcmp(pr->key, "in") ||
                                  !strcmp(pr->key, "at") || !strcmp(pr->key, "via") || !strcmp(pr->key, "with") ||
                                  !strcmp(pr->key, "from"))) {
                last_skip = i;
                continue;
            }
            if ((pr->flags & (QC_TKF_CAP | QC_TKF_ALLCAPS)) && i - 1 > p->close && pr->type == QC_TK_WORD &&
                qc_lowerw(&T[i - 2]) && (!strcmp(T[i - 2].key, "on") || !strcmp(T[i - 2].key, "to"))) {
                last_skip = i;
                continue;   /* "on Fox News" */
            }
        }
        if (p->verb != QC_NONE && i > p->verb && i - p->verb <= 4 &&
            (qc_tis(&T[p->verb], "told") || qc_tis(&T[p->verb], "tells") || qc_tis(&T[p->verb], "telling"))) {
            /* "“…,” Sanjay Agarwal told The Hindu. “…”": whom he told */
            bool addressee = true;
            for (size_t k = p->verb + 1; k < i && addressee; k++)
                addressee = T[k].type == QC_TK_WORD && ((T[k].flags & (QC_TKF_CAP | QC_TKF_ALLCAPS)) || qc_tis(&T[k], "the"));
            if (addressee) {
                last_skip = i;
                continue;
            }
        }
        return false;
    }
    return true;
}

/* Does the clause after q look like an attribution we could not read
 * ("“…,” Harbour master Olav Lind said")? Then q must not inherit. */
static bool qc_own_clause(qc_qx *x, const qc_q *q, size_t hi)
{
    const qc_token *T = x->toks.items;
    if (q->close == QC_NONE)
        return false;
    size_t p = q->close + 1;
    if (p < hi && qc_punct(&T[p], ','))
        p++;
    else if (!(p > 0 && (qc_punct(&T[q->close - 1], ',') || qc_punct(&T[q->close - 1], '!') || qc_punct(&T[q->close - 1], '?'))))
        return false;
    for (size_t i = p; i < hi && i - p < 10; i++)
        if (qc_verb(&T[i]))
            return true;
    return false;
}

static void qc_inherit(qc_q *q, const qc_q *from, int from_idx)
{
    q->attributed = true;
    q->np = from->np;
    q->verb = from->verb;
    q->verb_text = from->verb_text;
    q->speaker = from->speaker;
    q->speaker_text = from->speaker_text;
    q->sp_start = from->sp_start;
    q->sp_end = from->sp_end;
    q->from = from_idx;
    q->group = from->group;
}

/* Does the quote's text end like a sentence that an attribution follows? */
static int32_t qc_last_cp(const char *s, size_t a, size_t b)
{
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n' || s[b - 1] == '\r' || s[b - 1] == '\t'))
        b--;
    if (b == a)
        return -1;
    size_t st;
    return qc_utf8_decode_before(s, b, &st);
}

/* A pull quote: a paragraph that is one quotation and nothing else, the
 * next one "— Name, role". The name is its speaker (np). */
/* The name after a pull quote's dash, from f to e: a person or an
 * organisation making up the rest of the line, or going on with ", role"
 * or "(…)". */
static bool qc_dash_name(qc_qx *x, size_t f, size_t e, qc_np *np)
{
    const qc_token *T = x->toks.items;
    qc_np n = qc_np_forward_lenient(x, f, e);
    if (!qc_np_ok(&n) || (n.kind != QC_NP_PERSON && n.kind != QC_NP_ORG))
        return false;
    if (n.b < e && !qc_punct(&T[n.b], ',') && !qc_punct(&T[n.b], '(') && !(T[n.b].flags & QC_TKF_SENT_END))
        return false;
    *np = n;
    return true;
}

static bool qc_pull_quote_attr(qc_qx *x, const qc_q *q, qc_np *np)
{
    const qc_token *T = x->toks.items;
    size_t b = q->last_block;
    if (q->open != x->bfirst[q->block] || q->close == QC_NONE)
        return false;
    size_t i = q->close + 1;
    while (i < x->blast[b] && T[i].type == QC_TK_PUNCT && (T[i].flags & QC_TKF_SENT_END))
        i++;
    if (i + 1 < x->blast[b] && qc_dash(&T[i]))
        return qc_dash_name(x, i + 1, x->blast[b], np);   /* "“…” — Name, role" on the same line */
    if (i < x->blast[b])
        return false;
    size_t nb = b + 1;
    while (nb < x->prose->nblocks && x->bfirst[nb] == x->blast[nb])
        nb++;
    if (nb >= x->prose->nblocks || x->blast[nb] - x->bfirst[nb] < 2 || !qc_dash(&T[x->bfirst[nb]]))
        return false;
    return qc_dash_name(x, x->bfirst[nb] + 1, x->blast[nb], np);   /* the next line: "— Name, role" */
}

/* Does block b open with an interviewer's tag ("WN:", "Wikinews:", "Q:",
 * "((WN))")? */
static bool qc_question_block(const qc_qx *x, size_t b)
{
    return qc_interviewer_tag(x->toks.items, x->bfirst[b], x->blast[b]) != QC_NONE;
}

/* The person an interview is with: the first person the text names before
 * the first question; -1 when the text is not an interview (fewer than
 * two questions). */
static int qc_interviewee(qc_qx *x)
{
    size_t questions = 0, first = QC_NONE;
    for (size_t b = 0; b < x->prose->nblocks; b++)
        if (qc_question_block(x, b)) {
            questions++;
            if (first == QC_NONE)
                first = b;
        }
    if (questions < 2)
        return -1;
    size_t end = x->toks.items[x->bfirst[first]].start;
    for (size_t i = 0; i < x->ents.mentions.len && x->ents.mentions.items[i].pos < end; i++) {
        int e = x->ents.mentions.items[i].ent;
        const char *k = x->ents.ents.items[e].key;
        if (!x->ents.ents.items[e].is_org && strcmp(k, "wikinews") && strcmp(k, "wn") && strcmp(k, "interviewer"))
            return e;   /* "Wikinews spoke with …": the one asking is not the interviewee */
    }
    return -1;
}

/* In an interview, what is quoted inside an answer is the interviewee's,
 * unless the answer names its speaker ("Smith said …"). */
static void qc_interview_answers(qc_qx *x)
{
    int who = qc_interviewee(x);
    if (who < 0)
        return;
    bool answers = false;   /* past the first question */
    size_t cur = QC_NONE;
    for (size_t k = 0; k < x->qs.len; k++) {
        qc_q *q = &x->qs.items[k];
        for (size_t b = cur == QC_NONE ? 0 : cur + 1; b <= q->block; b++)
            answers = answers || qc_question_block(x, b);
        cur = q->block;
        if (q->drop || !answers)
            continue;
        if (qc_question_block(x, q->block)) {
            /* "On your website, you wrote “…”", "Why do you think “…”?": the
             * question quotes the interviewee back to them */
            size_t tag = qc_interviewer_tag(x->toks.items, x->bfirst[q->block], x->blast[q->block]);
            if (q->attributed && (q->np.kind == QC_NP_PERSON || q->np.kind == QC_NP_ORG) && q->speaker &&
                q->np.a > tag)
                continue;
            const qc_token *T = x->toks.items;
            size_t s0 = qc_sentence_start(x, q->block, q->open);
            bool you = false;
            for (size_t i = s0; i < q->open; i++)
                if (x->outside[i] && (qc_tis(&T[i], "you") || qc_tis(&T[i], "your")))
                    you = true;
            size_t words = 0;
            for (size_t sg = 0; sg < q->segs.len; sg++)
                words += qc_words(x->text, q->segs.items[sg].start, q->segs.items[sg].end);
            if (you && (q->attributed || words >= 4)) {
                q->attributed = true;
                q->speaker = x->ents.ents.items[who].name;
                q->speaker_text = "you";
            }
            continue;
        }
        if (q->attributed && (q->np.kind == QC_NP_PERSON || q->np.kind == QC_NP_ORG) && q->speaker)
            continue;
        /* "attributed" stays as it was: a short unattributed term in an
         * answer is still a scare quote */
        q->speaker = x->ents.ents.items[who].name;
    }
}

typedef Array(qc_quote) qc_answer_list;

/* "((Rich Bowen))" opening block b: the name's tokens [*na, *nb) and the
 * first token after the tag; QC_NONE when the block opens otherwise. An
 * interviewer's tag ("((WN))") or a short all-capitals one ("((WSS))",
 * initials) gives *na == *nb: it closes an answer, opens none. */
static size_t qc_answer_tag(const qc_qx *x, size_t b, size_t *na, size_t *nb)
{
    const qc_token *T = x->toks.items;
    size_t a = x->bfirst[b], e = x->blast[b];
    if (e < a + 5 || !qc_punct(&T[a], '(') || !qc_punct(&T[a + 1], '('))
        return QC_NONE;
    size_t k = a + 2;
    while (k < e && k - a < 10 && T[k].type == QC_TK_WORD)
        k++;
    if (k == a + 2 || k + 1 >= e || !qc_punct(&T[k], ')') || !qc_punct(&T[k + 1], ')'))
        return QC_NONE;
    *na = a + 2;
    *nb = k;
    if (qc_interviewer_tag(T, a, e) != QC_NONE ||
        (k == a + 3 && (T[a + 2].flags & QC_TKF_ALLCAPS) && strlen(T[a + 2].key) <= 4))
        *nb = *na;
    return k + 2;
}

/* The interview answers of the text, in order (see qc_extraction). */
static void qc_interview_answer_spans(qc_qx *x, qc_answer_list *out)
{
    const qc_token *T = x->toks.items;
    qc_quote cur;
    bool open = false;
    for (size_t b = 0; b <= x->prose->nblocks; b++) {
        size_t na = 0, nb = 0, first = QC_NONE;
        bool ends = b == x->prose->nblocks || x->prose->blocks[b].kind == QC_BLOCK_HEADING;
        if (!ends && x->bfirst[b] < x->blast[b]) {
            first = qc_answer_tag(x, b, &na, &nb);
            ends = first != QC_NONE || qc_question_block(x, b);
        }
        if (ends && open) {
            array_push(out, cur);
            open = false;
        }
        if (b == x->prose->nblocks || x->bfirst[b] == x->blast[b])
            continue;
        if (first != QC_NONE && nb > na && first < x->blast[b]) {
            memset(&cur, 0, sizeof cur);
            qc_np np = qc_np_analyze(T, na, nb);
            int e = np.kind == QC_NP_PERSON ? qc_ents_lookup(&x->ents, &np, false) : -1;
            char *tag = qc_ents_span_text(&x->ents, na, nb);
            cur.speaker = e >= 0 ? x->ents.ents.items[e].name : tag;
            cur.speaker_text = tag;
            cur.speaker_start = T[na].start;
            cur.speaker_end = T[nb - 1].end;
            cur.start = cur.inner_start = T[first].start;
            cur.end = cur.inner_end = T[x->blast[b] - 1].end;
            cur.kind = QC_QUOTE_DIRECT;
            cur.block = b;
            cur.text = "";
            open = true;
        } else if (open && !ends) {
            cur.end = cur.inner_end = T[x->blast[b] - 1].end;   /* the answer goes on */
        }
    }
}

static void qc_attribute(qc_qx *x)
{
    const qc_token *T = x->toks.items;
    int group = 0;
    for (size_t k = 0; k < x->qs.len; k++) {
        qc_q *q = &x->qs.items[k];
        if (q->drop)
            continue;
        size_t b = q->block, lb = q->last_block;
        /* previous and next quotation in the same block */
        size_t prev_close = QC_NONE, next_open = QC_NONE;
        for (size_t j = k; j > 0; j--) {
            qc_q *p = &x->qs.items[j - 1];
            if (p->drop || p->last_block != b || p->close == QC_NONE)
                continue;
            if (p->close < q->open) {
                prev_close = p->close;
                break;
            }
        }
        for (size_t j = k + 1; j < x->qs.len; j++) {
            qc_q *n = &x->qs.items[j];
            if (n->drop || n->block != lb)
                continue;
            if (q->close != QC_NONE && n->open > q->close) {
                next_open = n->open;
                break;
            }
        }
        qc_np np;
        size_t verb = QC_NONE;
        bool found = false;
        int32_t lastc = qc_last_cp(x->text, q->segs.items[q->segs.len - 1].start, q->segs.items[q->segs.len - 1].end);
        /* a quotation woven into running text ("Pelosi called it a “…”")
         * belongs to the clause before it, even when "according to X"
         * follows */
        const qc_token *before = q->open > x->bfirst[b] ? &T[q->open - 1] : NULL;
        bool running = before && before->type == QC_TK_WORD && x->outside[q->open - 1];
        if (running) {
            size_t lo = qc_sentence_start(x, b, q->open);
            if (prev_close != QC_NONE && prev_close + 1 > lo)
                lo = prev_close + 1;
            size_t sent_lo = qc_sentence_start(x, b, q->open);
            if (lo < q->open && qc_attr_before(x, sent_lo, lo, q->open, &np, &verb) &&
                (np.kind == QC_NP_PERSON || np.kind == QC_NP_ORG))
                found = true;
        }
        if (!found && q->close != QC_NONE) {
            size_t hi = qc_sentence_end(x, lb, q->close + 1);
            if (next_open != QC_NONE && next_open < hi)
                hi = next_open;
            bool ends_sentence = lastc == '.';
            q->own_clause = qc_own_clause(x, q, hi);
            if (qc_attr_after(x, q->close + 1, hi, &np, &verb)) {
                /* after a full stop only a bare "he said." counts */
                size_t clause_end = (np.a > verb ? np.b : verb + 1);
                if (!ends_sentence || (clause_end < x->blast[lb] && clause_end == hi &&
                                       (T[clause_end].flags & QC_TKF_SENT_END)))
                    found = true;
                /* "“… exempt?” Vatican archbishop Charles Scicluna said, “…”":
                 * after a question the clause may introduce the next
                 * quotation; the one before this quotation wins then */
                size_t ce = clause_end;
                if (found && (lastc == '?' || lastc == '!') && ce + 1 == next_open &&
                    (qc_punct(&T[ce], ',') || qc_punct(&T[ce], ':'))) {
                    size_t lo = qc_sentence_start(x, b, q->open);
                    if (prev_close != QC_NONE && prev_close + 1 > lo)
                        lo = prev_close + 1;
                    qc_np bnp;
                    size_t bverb = QC_NONE;
                    if (lo < q->open && (qc_punct(&T[q->open - 1], ',') || qc_punct(&T[q->open - 1], ':')) &&
                        qc_attr_before(x, qc_sentence_start(x, b, q->open), lo, q->open, &bnp, &bverb) &&
                        (bnp.kind == QC_NP_PERSON || bnp.kind == QC_NP_ORG || bnp.kind == QC_NP_PRONOUN)) {
                        np = bnp;
                        verb = bverb;
                    }
                }
            }
        }
        if (!found) {
            size_t lo = qc_sentence_start(x, b, q->open);
            if (prev_close != QC_NONE && prev_close + 1 > lo)
                lo = prev_close + 1;
            size_t sent_lo = qc_sentence_start(x, b, q->open);
            if (lo < q->open && qc_attr_before(x, sent_lo, lo, q->open, &np, &verb))
                found = true;
        }
        if (!found && qc_pull_quote_attr(x, q, &np)) {
            found = true;   /* a pull quote, its author on the next line */
            verb = QC_NONE;
        }
        if (found) {
            q->attributed = true;
            q->np = np;
            q->verb = verb;
            if (verb == QC_NONE)
                q->verb_text = NULL;
            else if (qc_tis(&T[verb], "according"))
                q->verb_text = "according to";
            else
                q->verb_text = qc_ents_span_text(&x->ents, verb, verb + 1);
            q->group = group++;
            qc_resolve(x, q);
            continue;
        }
        /* continuation: the previous quotation in this block, or a
         * paragraph that opens with a quotation after an attributed one */
        for (size_t j = k; j > 0 && !q->own_clause; j--) {
            qc_q *p = &x->qs.items[j - 1];
            if (p->drop || p->single != q->single)
                continue;
            if (p->last_block == b && p->attributed) {
                if (qc_continues(x, p, q))
                    qc_inherit(q, p, (int)(j - 1));
                break;
            }
            if (p->last_block + 1 == b && p->attributed && q->open == x->bfirst[b]) {
                /* the previous paragraph must end in that quotation's sentence */
                size_t pe = p->close != QC_NONE ? qc_sentence_end(x, p->last_block, p->close + 1) : x->blast[p->last_block];
                size_t tail = pe < x->blast[p->last_block] ? pe + 1 : pe;
                if (tail >= x->blast[p->last_block])
                    qc_inherit(q, p, (int)(j - 1));
                break;
            }
            if (p->last_block < b)
                break;
        }
        if (q->attributed || q->own_clause)
            continue;
        /* a quotation that opens a sentence right after one whose subject
         * spoke: "Smith explained the plan. “…”" */
        if (true) {
            size_t s0 = qc_sentence_start(x, b, q->open);
            size_t pb = b;
            size_t pe = QC_NONE;
            if (s0 == q->open && s0 > x->bfirst[b])
                pe = s0 - 1;                              /* the full stop */
            else if (s0 == q->open && q->open == x->bfirst[b] && b > 0 && x->blast[b - 1] > x->bfirst[b - 1] &&
                     (x->toks.items[x->blast[b - 1] - 1].flags & QC_TKF_SENT_END)) {
                pb = b - 1;                               /* end of the previous paragraph */
                pe = x->blast[b - 1] - 1;
            }
            if (pe != QC_NONE) {
                size_t ps = qc_sentence_start(x, pb, pe);
                /* a sentence with a whole quotation of its own belongs to
                 * that quotation's speaker; a fragment woven into it
                 * ("she looked at the role as a “chance …”") does not */
                bool quote_inside = false;
                for (size_t i = ps; i < pe; i++)
                    if (!x->outside[i] && x->qidx[i] >= 0 && x->qidx[i] != (int)k &&
                        x->qs.items[x->qidx[i]].open == i &&
                        !(i > ps && T[i - 1].type == QC_TK_WORD && x->outside[i - 1]))
                        quote_inside = true;
                size_t v = QC_NONE;
                for (size_t i = ps; i < pe; i++)
                    if (qc_verb(&T[i])) {
                        v = i;
                        break;
                    }
                bool long_direct = q->segs.len > 1 ||
                                   qc_words(x->text, q->segs.items[0].start, q->segs.items[q->segs.len - 1].end) >= 5;
                if (!quote_inside && v == QC_NONE && long_direct && pb == b) {
                    /* "She left the series. “This is not what I wanted …”":
                     * a person (not an organisation) who is the subject of
                     * the sentence just before, in the same paragraph */
                    qc_np sn = qc_subject(x, qc_skip_intro(x, ps, pe), pe);
                    if (qc_np_ok(&sn) && (sn.kind == QC_NP_PERSON ||
                                          (sn.kind == QC_NP_PRONOUN && (!strcmp(sn.head, "he") || !strcmp(sn.head, "she"))))) {
                        qc_attribute_to(x, q, &sn, QC_NONE, &group);
                        continue;
                    }
                    /* "The Indian skipper said that …. “…”" */
                    if (qc_attribute_title(x, q, &sn, QC_NONE, &group))
                        continue;
                    /* "…, leaving Ingram unimpressed. “One of them was
                     * questionable.”": the only person the sentence names */
                    size_t at = qc_ents_sole_person(&x->ents, T[ps].start, T[pe].start, NULL);
                    for (size_t i = ps; at != (size_t)-1 && i < pe; i++)
                        if (T[i].start == at) {
                            qc_np pn = qc_np_forward_lenient(x, i, pe);
                            if (qc_np_ok(&pn) && pn.kind == QC_NP_PERSON && !(T[pn.b - 1].flags & QC_TKF_POSS)) {
                                qc_attribute_to(x, q, &pn, QC_NONE, &group);
                            }
                            break;
                        }
                    if (q->attributed)
                        continue;
                }
                if (!quote_inside && v != QC_NONE) {
                    qc_np sn = qc_np_backward(T, ps, v);
                    if (!qc_np_ok(&sn) || (sn.kind != QC_NP_PERSON && sn.kind != QC_NP_PRONOUN && sn.kind != QC_NP_ORG &&
                                           sn.kind != QC_NP_ROLE))
                        sn = qc_subject(x, qc_skip_intro(x, ps, v), v);
                    if (qc_np_ok(&sn) && (sn.kind == QC_NP_PERSON || sn.kind == QC_NP_PRONOUN || sn.kind == QC_NP_ORG)) {
                        qc_attribute_to(x, q, &sn, v, &group);
                        continue;
                    }
                    if (qc_attribute_title(x, q, &sn, v, &group))
                        continue;
                }
            }
        }
        /* "… X said:" (or "he said,") closing the previous paragraph */
        if (b > 0 && q->open == x->bfirst[b] && x->blast[b - 1] > x->bfirst[b - 1]) {
            size_t pl = x->blast[b - 1] - 1;
            if ((qc_punct(&T[pl], ':') || (qc_punct(&T[pl], ',') && pl > 0 && qc_verb(&T[pl - 1]))) &&
                x->outside[pl]) {
                size_t lo = qc_sentence_start(x, b - 1, pl);
                if (qc_attr_before(x, lo, lo, pl + 1, &np, &verb)) {
                    qc_attribute_to(x, q, &np, verb, &group);
                }
            }
        }
        if (q->attributed)
            continue;
        /* A quotation woven into a sentence without a reporting verb, long
         * enough not to be a term or in the first person: the sentence's
         * subject, a person, speaks ("Lisa Mancini has been cosplaying for
         * two years, her passion “stemmed through my love for Halloween.”",
         * "she looked at the role as a “chance to face my demons”") */
        bool first_person = false;
        for (size_t i = q->open + 1; i < (q->close != QC_NONE ? q->close : x->blast[q->last_block]); i++)
            if (qc_tis(&T[i], "i") || qc_tis(&T[i], "my") || qc_tis(&T[i], "me") || qc_tis(&T[i], "i'm") ||
                qc_tis(&T[i], "i've") || qc_tis(&T[i], "myself") || qc_tis(&T[i], "i'd") || qc_tis(&T[i], "i'll"))
                first_person = true;
        size_t qwords = 0;
        for (size_t sg = 0; sg < q->segs.len; sg++)
            qwords += qc_words(x->text, q->segs.items[sg].start, q->segs.items[sg].end);
        if (running && (first_person || qwords >= 4)) {
            size_t s0 = qc_sentence_start(x, b, q->open);
            qc_np sn = qc_subject(x, qc_skip_intro(x, s0, q->open), q->open);
            if (qc_np_ok(&sn) && (T[sn.b - 1].flags & QC_TKF_POSS))
                memset(&sn, 0, sizeof sn);   /* "the court found Johnson's advice “…”": not a subject */
            if (qc_np_ok(&sn) && (sn.kind == QC_NP_PERSON ||
                                  (sn.kind == QC_NP_PRONOUN && (!strcmp(sn.head, "he") || !strcmp(sn.head, "she"))))) {
                qc_attribute_to(x, q, &sn, QC_NONE, &group);
                continue;
            }
            /* "the Prime Minister apologised … for “having an idiot …”" */
            if (qc_np_ok(&sn) && (T[sn.b - 1].flags & QC_TKF_CAP) && qc_attribute_title(x, q, &sn, QC_NONE, &group))
                continue;
        }
        /* a first-person fragment in a paragraph whose quotations a person
         * speaks: “The costume “is very warm […] so I have to stay
         * hydrated”” after “…,” Chapman told Wikinews */
        if (first_person) {
            for (size_t j = k; j > 0; j--) {
                qc_q *p = &x->qs.items[j - 1];
                if (p->drop || p->last_block != b)
                    continue;
                if (p->attributed && p->speaker && (p->np.kind == QC_NP_PERSON || p->np.kind == QC_NP_PRONOUN))
                    qc_inherit(q, p, (int)(j - 1));
                break;
            }
        }
    }
}

/* ---- 6. speech or not -------------------------------------------------- */

static bool qc_title_case(const qc_qx *x, const qc_q *q)
{
    size_t end = q->close != QC_NONE ? q->close : x->blast[q->last_block];
    size_t words = 0, caps = 0;
    for (size_t i = q->open + 1; i < end; i++) {
        const qc_token *t = &x->toks.items[i];
        if (t->type == QC_TK_PUNCT && (t->cp == '!' || t->cp == '?'))
            return false;
        if (t->type != QC_TK_WORD)
            continue;
        words++;
        if (t->flags & (QC_TKF_CAP | QC_TKF_ALLCAPS))
            caps++;
        else if (strlen(t->key) >= 4 && !(t->flags & QC_TKF_DIGIT))
            return false;
    }
    /* every long word capitalised, and most words */
    return words > 0 && words <= 10 && caps * 2 > words;
}

static bool qc_named_before(const qc_qx *x, const qc_q *q)
{
    const qc_token *T = x->toks.items;
    size_t i = q->open, f = x->bfirst[q->block];
    /* "named the virus that causes it “…”", "a banner saying “…”",
     * "the temporary designation “…”": a name or a slogan, not speech */
    {
        static const char *const namers[] = { "named", "renamed", "dubbed", "nicknamed", "designated",
                                              "titled", "entitled", "christened", "termed", "designation",
                                              "codename", "nickname" };
        static const char *const signs[] = { "banner", "banners", "sign", "signs", "placard", "placards",
                                             "poster", "posters", "slogan", "slogans", "t-shirt", "t-shirts",
                                             "shirt", "shirts", "graffiti", "inscription", "caption", "hashtag",
                                             "headline", "flag", "flags", "billboard", "chant", "chants" };
        for (size_t k = i, n = 0; k > f && n < 8; k--, n++) {
            const qc_token *t = &T[k - 1];
            if (t->type == QC_TK_PUNCT && (t->flags & QC_TKF_SENT_END))
                break;
            if (t->type != QC_TK_WORD)
                continue;
            if (qc_tcls(t) & QC_LX_VERB && strcmp(t->key, "saying") && strcmp(t->key, "reading") &&
                strcmp(t->key, "read") && strcmp(t->key, "reads"))
                break;   /* a reporting verb nearer the quote governs it */
            for (size_t m = 0; m < sizeof namers / sizeof *namers; m++)
                if (!strcmp(t->key, namers[m]))
                    return true;
            for (size_t m = 0; m < sizeof signs / sizeof *signs; m++)
                if (!strcmp(t->key, signs[m]))
                    return true;
        }
    }
    while (i > f && T[i - 1].type == QC_TK_PUNCT && (T[i - 1].cp == ',' || T[i - 1].cp == ':'))
        i--;
    if (i == f)
        return false;
    const qc_token *t = &T[i - 1];
    unsigned c = qc_tcls(t);
    if (c & QC_LX_NAMING)
        return true;
    if (qc_tis(t, "as") && i - 1 > f && (qc_tis(&T[i - 2], "known") || qc_tis(&T[i - 2], "referred")))
        return true;
    if ((qc_tis(t, "named") || qc_tis(t, "called") || qc_tis(t, "word") || qc_tis(t, "words") ||
         qc_tis(t, "term") || qc_tis(t, "phrase") || qc_tis(t, "label")) && i - 1 > f) {
        const qc_token *p = &T[i - 2];
        unsigned pc = qc_tcls(p);
        /* "what he called", "Trump called" are speech */
        if ((pc & QC_LX_PRONOUN) || qc_tis(p, "what") || (p->flags & QC_TKF_CAP))
            return false;
        return true;
    }
    return false;
}

static void qc_classify(qc_qx *x)
{
    for (size_t k = 0; k < x->qs.len; k++) {
        qc_q *q = &x->qs.items[k];
        if (q->drop)
            continue;
        size_t words = 0;
        for (size_t s = 0; s < q->segs.len; s++)
            words += qc_words(x->text, q->segs.items[s].start, q->segs.items[s].end);
        if (words == 0) {
            q->drop = true;
            continue;
        }
        if (qc_named_before(x, q)) {
            q->drop = true;
            continue;
        }
        /* a piece of a split quotation ("“Overall,” he continued") is speech */
        bool title = qc_title_case(x, q) &&
                     !(q->attributed && qc_last_cp(x->text, q->segs.items[q->segs.len - 1].start,
                                                   q->segs.items[q->segs.len - 1].end) == ',');
        if (q->single) {
            if (!q->attributed || words < 2 || title)
                q->drop = true;
            continue;
        }
        if (title) {
            q->drop = true;
            continue;
        }
        if (!q->attributed && words <= 3)
            q->drop = true;   /* scare quotes */
    }
}

/* ---- output ------------------------------------------------------------ */

static char *qc_q_text(qc_qx *x, const qc_q *q)
{
    qc_strbuf sb = QC_STRBUF_INIT;
    for (size_t s = 0; s < q->segs.len; s++) {
        const char *t = x->text + q->segs.items[s].start;
        size_t n = q->segs.items[s].end - q->segs.items[s].start;
        bool space = sb.len > 0;
        for (size_t i = 0; i < n; i++) {
            char c = t[i];
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                space = sb.len > 0;
                continue;
            }
            if (space)
                qc_strbuf_addc(&sb, ' ');
            space = false;
            qc_strbuf_addc(&sb, c);
        }
    }
    while (sb.len > 0 && (sb.data[sb.len - 1] == ',' || sb.data[sb.len - 1] == ';' || sb.data[sb.len - 1] == ':'))
        sb.data[--sb.len] = '\0';
    char *r = qc_arena_strdup(x->arena, qc_strbuf_cstr(&sb));
    qc_strbuf_free(&sb);
    return r;
}

static qc_quote_kind qc_kind(qc_qx *x, const qc_q *q)
{
    const qc_token *T = x->toks.items;
    size_t f = x->bfirst[q->block];
    size_t s = qc_sentence_start(x, q->block, q->open);
    if (s == q->open)
        return QC_QUOTE_DIRECT;
    const qc_token *before = &T[q->open - 1];
    if (before->type == QC_TK_PUNCT && (before->cp == ':' || before->cp == ','))
        return QC_QUOTE_DIRECT;
    if (before->type == QC_TK_DQ || before->type == QC_TK_SQ)
        return QC_QUOTE_DIRECT;
    (void)f;
    /* starts with a capital and ends a sentence: a whole sentence quoted */
    size_t i = q->open + 1;
    if (i < x->toks.len && T[i].type == QC_TK_WORD && (T[i].flags & (QC_TKF_CAP | QC_TKF_ALLCAPS)) &&
        !(qc_tcls(&T[i]) & QC_LX_PRONOUN && strcmp(T[i].key, "i"))) {
        const qc_seg *ls = &q->segs.items[q->segs.len - 1];
        int32_t c = qc_last_cp(x->text, ls->start, ls->end);
        if (c == '.' || c == '!' || c == '?' || c == ',' || q->segs.len > 1)
            return QC_QUOTE_DIRECT;
        if (qc_words(x->text, q->segs.items[0].start, ls->end) >= 8)
            return QC_QUOTE_DIRECT;
    }
    return QC_QUOTE_PARTIAL;
}

void qc_quotes_find(qc_extraction *ex, const char *data, size_t len, const qc_prose *prose)
{
    (void)data;
    qc_qx x;
    memset(&x, 0, sizeof x);
    x.text = prose->mask;
    x.len = len;
    x.prose = prose;
    x.arena = &ex->arena;
    x.bfirst = qc_calloc(prose->nblocks + 1, sizeof *x.bfirst);
    x.blast = qc_calloc(prose->nblocks + 1, sizeof *x.blast);
    for (size_t b = 0; b < prose->nblocks; b++) {
        x.bfirst[b] = x.toks.len;
        size_t s = prose->blocks[b].start, e = prose->blocks[b].end;
        if (e > len)
            e = len;
        if (s < e)
            qc_tokenize(prose->mask, s, e, &x.toks);
        x.blast[b] = x.toks.len;
    }
    /* a zeroed token after the last one: lookahead by one never reads past
     * the array (it sees an empty, uncapitalised word) */
    array_reserve(&x.toks, x.toks.len + 1);
    memset(&x.toks.items[x.toks.len], 0, sizeof *x.toks.items);
    x.qidx = qc_malloc((x.toks.len + 1) * sizeof *x.qidx);
    x.outside = qc_malloc((x.toks.len + 1) * sizeof *x.outside);
    for (size_t i = 0; i < x.toks.len; i++)
        x.qidx[i] = -1;
    qc_pair_doubles(&x);
    qc_mark_inside(&x);
    qc_pair_singles(&x);
    if (x.qs.len > 1)
        qsort(x.qs.items, x.qs.len, sizeof *x.qs.items, qc_q_cmp);
    /* indices changed with the sort: mark again */
    for (size_t i = 0; i < x.toks.len; i++)
        x.qidx[i] = -1;
    for (size_t k = 0; k < x.qs.len; k++) {
        qc_q *q = &x.qs.items[k];
        if (q->drop)
            continue;
        size_t end = q->close != QC_NONE ? q->close : x.blast[q->last_block] - 1;
        for (size_t i = q->open; i <= end && i < x.toks.len; i++)
            if (x.qidx[i] < 0)
                x.qidx[i] = (int)k;
    }
    for (size_t i = 0; i < x.toks.len; i++)
        x.outside[i] = x.qidx[i] < 0;
    x.ents.arena = &ex->arena;
    x.ents.text = prose->mask;
    x.ents.toks = x.toks.items;
    for (int pass = 1; pass <= 2; pass++)
        for (size_t b = 0; b < prose->nblocks; b++)
            qc_ents_scan(&x.ents, x.bfirst[b], x.blast[b], x.outside, pass);
    qc_attribute(&x);
    qc_interview_answers(&x);
    qc_classify(&x);

    size_t n = 0;
    for (size_t k = 0; k < x.qs.len; k++)
        if (!x.qs.items[k].drop)
            n++;
    qc_answer_list answers = { 0 };
    qc_interview_answer_spans(&x, &answers);
    ex->quotes = qc_arena_alloc(&ex->arena, (n + answers.len ? n + answers.len : 1) * sizeof *ex->quotes);
    size_t o = 0;
    for (size_t k = 0; k < x.qs.len; k++) {
        qc_q *q = &x.qs.items[k];
        if (q->drop)
            continue;
        qc_quote *r = &ex->quotes[o++];
        const qc_token *op = &x.toks.items[q->open];
        r->start = op->start;
        r->end = q->close != QC_NONE ? x.toks.items[q->close].end : prose->blocks[q->last_block].end;
        r->inner_start = q->segs.items[0].start;
        r->inner_end = q->segs.items[q->segs.len - 1].end;
        r->text = qc_q_text(&x, q);
        r->kind = qc_kind(&x, q);
        r->speaker = q->speaker;
        r->speaker_text = q->speaker_text;
        r->speaker_start = q->sp_start;
        r->speaker_end = q->sp_end;
        r->verb = q->verb_text;
        r->block = q->block;
        r->group = q->group;
    }
    ex->nquotes = o;
    for (size_t k = 0; k < answers.len; k++)
        ex->quotes[o + k] = answers.items[k];
    ex->nanswers = answers.len;
    array_free(&answers);
    /* entities */
    ex->entities = qc_arena_alloc(&ex->arena, (x.ents.ents.len ? x.ents.ents.len : 1) * sizeof *ex->entities);
    for (size_t i = 0; i < x.ents.ents.len; i++) {
        qc_ent *e = &x.ents.ents.items[i];
        qc_entity *d = &ex->entities[i];
        d->name = e->name;
        d->is_org = e->is_org;
        size_t na = e->forms.len + e->titles.len + (e->acronym ? 1 : 0) + 1;
        d->aliases = qc_arena_alloc(&ex->arena, na * sizeof *d->aliases);
        size_t m = 0;
        for (size_t f = 0; f < e->forms.len; f++)
            if (strcmp(e->forms.items[f], e->name))
                d->aliases[m++] = e->forms.items[f];
        if (e->acronym && strcmp(e->acronym, e->name))
            d->aliases[m++] = e->acronym;
        for (size_t t = 0; t < e->titles.len; t++)
            if (e->titles.items[t][0] != '~')   /* a portfolio, no title of its own */
                d->aliases[m++] = qc_arena_printf(&ex->arena, "the %s", e->titles.items[t]);
        d->naliases = m;
    }
    ex->nentities = x.ents.ents.len;

    for (size_t k = 0; k < x.qs.len; k++)
        array_free(&x.qs.items[k].segs);
    array_free(&x.qs);
    qc_ents_free(&x.ents);
    qc_tokens_free(&x.toks);
    free(x.qidx);
    free(x.outside);
    free(x.bfirst);
    free(x.blast);
}
