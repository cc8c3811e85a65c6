/*
 * match/check.c — qc_check: every quotation and figure of a draft against
 * the corpus (issue 3, owned by the matching engineer; the rules of words,
 * alignment, speakers and figures are in align.c, speakers.c, figures.c).
 *
 * Quotations. For each quotation of the draft (outside code and other
 * masked markup) with at least 2 words, candidate passages come from
 * qc_corpus_search; each is aligned word by word (align.c) inside a window
 * of the article around the hit, widened by the quote's length plus 10
 * words (plus 80 when the quote has an ellipsis). The words of a source
 * quotation split around its attribution ("…,” Orlik said. “…") are
 * aligned without the attribution. The best passage has the fewest draft
 * words unexplained (changed or added), then the fewest dropped, then the
 * highest credibility.
 *   - found: at least 60% of the draft's words (not bracketed, not
 *     ellipses; all of them for a quote of 2 words) equal source words in
 *     order. Else unsourced-quote (warning), for direct quotes and for
 *     partial quotes of 2+ words.
 *   - exact: no changed, added or dropped word (ellipsis, brackets, case,
 *     quote style, punctuation do not count). Else, when the only changes
 *     are numbers replaced by numbers: figure-mismatch (error) — not also
 *     altered-quote, one error for one mistake; otherwise altered-quote
 *     (error) with the diff, the exact source wording as a fix and, when
 *     words were only dropped, the draft with "…" as a second fix. A
 *     dropped run of 5+ words holding a sentence end is "spliced"; two
 *     draft words in a row either side of the source's own omission mark
 *     ("[...]", or " ... " between spaces) are "passages joined".
 *   - speaker: for every found passage that lies inside one of the
 *     source's own quotations (half its matched words or more), that
 *     quotation's speaker is compared with the draft's (speakers.c). Any
 *     SAME: fine (plus sources-disagree, info, when another source gives
 *     the words to someone else). None SAME and one DIFFERENT:
 *     misattributed-quote (error), fix = the sources' speaker. A passage
 *     outside source quotations (a statement's own text, a paraphrase) or
 *     a draft quote without a speaker never gives a misattribution — except
 *     a passage inside an interview answer ("((Rich Bowen)) …", the
 *     extraction's answers), which is the answerer's. A
 *     draft speaker called only by a title it never resolves ("the Supreme
 *     Leader wrote") stands for the one person the source gives that
 *     title, if only one (qc_role_holder).
 *   - weak-source (info) for a quote found without error when every
 *     article carrying it exactly is rated "low", or when one independent
 *     story (cluster) carries it and its best rating is below 0.75 (a
 *     single wire story rated high is not weak: that would flag most quotes
 *     of a small corpus).
 * Figures. Each figure of the draft's narrative (figures inside quotes are
 * checked by the quote's alignment) except dates is compared with the
 * figures of related articles (qc_corpus_related, plus the articles its
 * quotes were found in) that are about the same thing (figures.c).
 *   - the draft agrees with none of them: figure-mismatch (error), fix =
 *     the claim most independent sources give. A precise draft figure must
 *     agree with a precise source figure ("more than two dozen" is not
 *     supported by a vague "dozens" when others say "more than a dozen").
 *   - the draft agrees with some and others say otherwise:
 *     sources-disagree (info) listing the claims.
 *   - its only support is rated "low": weak-source (info).
 * corrected-source (QC_HOOK_CORRECTED_SOURCE below; the hook and
 * qc_check_with are the git work's, issue 5): when a qc_source_history is
 * given, every evidence names the revision of its source (the short id of
 * the commit whose content the corpus read), and a quote that is altered
 * or unsourced against today's text is aligned with the earlier revisions
 * of its candidate articles (the 4 best, newest revision first); an exact
 * match there gives corrected-source (warning) naming the commit that
 * changed the wording and today's wording (the fix), instead of
 * altered-quote / unsourced-quote.
 * Severities come from the config (off drops the finding); inline
 * suppressions are the caller's.
 * qc_check_cached (the language server's entry point) keeps, per
 * document, each quotation's and figure's findings keyed by what they
 * depend on (see the cache section below) and replays them, moved to the
 * new positions, when an edit left them alone: the result is the same as
 * qc_check_with's (tests/unit/match_cache.c).
 */
#include "match/match.h"
#include "match/match_internal.h"
#include "config/config.h"
#include "corpus/corpus.h"
#include "extract/lexicon.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <ctype.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define QC_MAX_HITS 12
#define QC_MAX_RELATED 32
#define QC_MAX_EVIDENCE 3
#define QC_FOUND_SHARE 0.6

/* ---- source articles, prepared once per check -------------------------------- */

typedef struct qc_src {
    size_t article;
    const qc_article *meta;
    const qc_text *text;
    const qc_extraction *ex;
    const qc_mword *w; /* words, attribution gaps of split quotes removed */
    size_t nw;
    bool words_ready;
    const qc_mfigure *figs;
    size_t nfigs;
    bool figs_ready;
} qc_src;

/* What qc_src_words and qc_src_figures derive from an article depends on
 * its text and extraction only, so it is kept with the article in the
 * corpus (qc_corpus_article_aux): a second check touching the article
 * pays nothing. Immutable once installed. */
enum { QC_AUX_WORDS = 0, QC_AUX_FIGS = 1, QC_AUX_SPEAKERS = 2 };

/* Per article: the speaker name set of each of its quotations, built on
 * first use (qc_speaker_set_new) and installed with a compare-and-swap,
 * so it is built once whichever thread gets there first. */
typedef struct qc_src_speakers_data {
    size_t n;
    qc_sset *sets[];
} qc_src_speakers_data;

static void qc_src_speakers_data_free(void *p)
{
    qc_src_speakers_data *d = p;
    for (size_t i = 0; i < d->n; i++)
        qc_speaker_set_free(d->sets[i]);
    free(d);
}

typedef struct qc_src_words_data {
    qc_mword *w;
    size_t nw;
} qc_src_words_data;

typedef struct qc_src_figs_data {
    qc_mfigure *figs;
    size_t nfigs;
} qc_src_figs_data;

static void qc_src_words_data_free(void *p)
{
    qc_src_words_data *d = p;
    free(d->w);
    free(d);
}

static void qc_src_figs_data_free(void *p)
{
    qc_src_figs_data *d = p;
    free(d->figs);
    free(d);
}

typedef struct qc_ctx {
    qc_corpus *corpus;
    const qc_config *cfg;
    const qc_text *draft;
    const char *dtext;          /* the prose mask, or the draft's bytes */
    size_t dlen;
    const qc_extraction *ex;
    qc_findings *f;
    const qc_source_history *hist;   /* NULL: no history */
    Array(qc_finding) out;
    Array(qc_src *) srcs;
    Array(size_t) quote_articles;
    Array(size_t) event_articles;   /* related at least half as strongly as the best: the same story */
    qc_check_cache *cache;      /* NULL: no cache (qc_check_with) */
    Array(size_t) cur_arts;     /* articles the current quote remembered (cache capture) */
} qc_ctx;

static qc_src *qc_src_get(qc_ctx *c, size_t article)
{
    for (size_t i = 0; i < c->srcs.len; i++)
        if (c->srcs.items[i]->article == article)
            return c->srcs.items[i];
    qc_src *s = qc_calloc(1, sizeof *s);
    s->article = article;
    s->meta = qc_corpus_article(c->corpus, article);
    s->text = qc_corpus_article_text(c->corpus, article);
    s->ex = qc_corpus_article_extraction(c->corpus, article);
    array_push(&c->srcs, s);
    return s;
}

static int qc_cmp_quote_start(const void *a, const void *b)
{
    const qc_quote *x = *(const qc_quote *const *)a, *y = *(const qc_quote *const *)b;
    return x->inner_start < y->inner_start ? -1 : x->inner_start > y->inner_start;
}

static bool qc_same_utterer(const qc_quote *a, const qc_quote *b)
{
    if (a->group == b->group)
        return true;
    return a->speaker && b->speaker && !strcmp(a->speaker, b->speaker);
}

static void qc_src_words_build(const qc_src *s, qc_src_words_data *out);

static void qc_src_words(qc_ctx *c, qc_src *s)
{
    if (s->words_ready)
        return;
    s->words_ready = true;
    if (!s->text)
        return;
    qc_src_words_data *d = qc_corpus_article_aux(c->corpus, s->article, QC_AUX_WORDS);
    if (!d) {
        d = qc_calloc(1, sizeof *d);
        qc_src_words_build(s, d);
        d = qc_corpus_article_aux_install(c->corpus, s->article, QC_AUX_WORDS, d,
                                          qc_src_words_data_free);
    }
    if (d) {
        s->w = d->w;
        s->nw = d->nw;
    }
}

static void qc_src_words_build(const qc_src *s, qc_src_words_data *out)
{
    qc_mwords all = { 0 };
    qc_match_words(s->text->data, s->text->len, 0, false, &all);
    bool *drop = qc_calloc(all.len ? all.len : 1, sizeof *drop);
    if (s->ex && s->ex->nquotes) {
        const qc_quote **qs = qc_malloc(s->ex->nquotes * sizeof *qs);
        for (size_t i = 0; i < s->ex->nquotes; i++)
            qs[i] = &s->ex->quotes[i];
        qsort(qs, s->ex->nquotes, sizeof *qs, qc_cmp_quote_start);
        size_t k = 0;
        for (size_t i = 0; i < all.len; i++) {
            while (k < s->ex->nquotes && qs[k]->inner_end <= all.items[i].start)
                k++;
            if (k < s->ex->nquotes && qs[k]->inner_start <= all.items[i].start)
                all.items[i].flags |= QC_MW_SPEECH;
        }
        /* attribution gaps between two parts of one utterance, same paragraph */
        for (size_t q = 0; q + 1 < s->ex->nquotes; q++) {
            const qc_quote *a = qs[q], *b = qs[q + 1];
            if (!qc_same_utterer(a, b) || b->inner_start <= a->inner_end)
                continue;
            if (memchr(s->text->data + a->inner_end, '\n', b->inner_start - a->inner_end))
                continue;
            size_t first = all.len, count = 0;
            for (size_t i = 0; i < all.len; i++)
                if (all.items[i].start >= a->inner_end && all.items[i].end <= b->inner_start) {
                    if (first == all.len)
                        first = i;
                    count++;
                }
            if (!count || count > 25)
                continue;
            for (size_t i = first; i < first + count; i++)
                drop[i] = true;
            if (first + count < all.len)
                all.items[first + count].flags |= QC_MW_JOIN;
        }
        free(qs);
    }
    out->w = qc_malloc((all.len ? all.len : 1) * sizeof *out->w);
    for (size_t i = 0; i < all.len; i++)
        if (!drop[i])
            out->w[out->nw++] = all.items[i];
    free(drop);
    qc_mwords_free(&all);
}

static void qc_src_figures(qc_ctx *c, qc_src *s)
{
    if (s->figs_ready)
        return;
    s->figs_ready = true;
    if (!s->ex || !s->text || !s->ex->nfigures)
        return;
    qc_src_figs_data *d = qc_corpus_article_aux(c->corpus, s->article, QC_AUX_FIGS);
    if (!d) {
        d = qc_calloc(1, sizeof *d);
        d->figs = qc_malloc(s->ex->nfigures * sizeof *d->figs);
        for (size_t i = 0; i < s->ex->nfigures; i++) {
            const qc_figure *fg = &s->ex->figures[i];
            qc_match_figure_prepare(&d->figs[d->nfigs++], fg, s->ex->figures, s->ex->nfigures,
                                    s->text->data, s->text->len);
        }
        d = qc_corpus_article_aux_install(c->corpus, s->article, QC_AUX_FIGS, d,
                                          qc_src_figs_data_free);
    }
    if (d) {
        s->figs = d->figs;
        s->nfigs = d->nfigs;
    }
}

/* the name set of the source quotation sq of s, compared as `side` */
static const qc_sset *qc_src_speaker_set(qc_ctx *c, const qc_src *s, const qc_quote *sq,
                                         const qc_speaker_side *side)
{
    size_t nq = s->ex ? s->ex->nquotes + s->ex->nanswers : 0;   /* answers follow the quotations */
    if (!s->ex || !sq || sq < s->ex->quotes || sq >= s->ex->quotes + nq)
        return NULL;
    size_t qi = (size_t)(sq - s->ex->quotes);
    qc_src_speakers_data *d = qc_corpus_article_aux(c->corpus, s->article, QC_AUX_SPEAKERS);
    if (!d) {
        d = qc_calloc(1, sizeof *d + nq * sizeof *d->sets);
        d->n = nq;
        d = qc_corpus_article_aux_install(c->corpus, s->article, QC_AUX_SPEAKERS, d,
                                          qc_src_speakers_data_free);
    }
    if (!d || qi >= d->n)
        return NULL;
    qc_sset *cur = __atomic_load_n(&d->sets[qi], __ATOMIC_ACQUIRE);
    if (!cur) {
        qc_sset *nw = qc_speaker_set_new(side);
        qc_sset *expected = NULL;
        if (__atomic_compare_exchange_n(&d->sets[qi], &expected, nw, false, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE)) {
            cur = nw;
        } else {
            qc_speaker_set_free(nw);
            cur = expected;
        }
    }
    return cur;
}

static void qc_src_free(qc_src *s)
{
    free(s);
}

/* ---- findings ----------------------------------------------------------------- */

static char *qc_a(qc_ctx *c, const char *s) { return s ? qc_arena_strdup(&c->f->arena, s) : NULL; }
static char *qc_an(qc_ctx *c, const char *s, size_t n) { return qc_arena_strndup(&c->f->arena, s, n); }

static qc_finding *qc_emit(qc_ctx *c, qc_code code, size_t start, size_t end)
{
    qc_severity sev = qc_config_severity(c->cfg, code);
    if (sev == QC_SEV_OFF)
        return NULL;
    qc_finding fd;
    memset(&fd, 0, sizeof fd);
    fd.code = code;
    fd.severity = sev;
    fd.start = start;
    fd.end = end;
    array_push(&c->out, fd);
    return array_last(&c->out);
}

static void qc_add_fix(qc_ctx *c, qc_finding *fd, const char *title, size_t start, size_t end,
                       const char *repl)
{
    qc_fix *fx = qc_arena_alloc(&c->f->arena, (fd->nfixes + 1) * sizeof *fx);
    if (fd->nfixes)
        memcpy(fx, fd->fixes, fd->nfixes * sizeof *fx);
    fx[fd->nfixes].title = qc_a(c, title);
    fx[fd->nfixes].start = start;
    fx[fd->nfixes].end = end;
    fx[fd->nfixes].replacement = qc_a(c, repl);
    fd->fixes = fx;
    fd->nfixes++;
}

static const char *qc_outlet_name(const qc_src *s)
{
    if (s->meta && s->meta->outlet)
        return s->meta->outlet;
    if (s->meta && s->meta->path) {
        const char *p = strrchr(s->meta->path, '/');
        return p ? p + 1 : s->meta->path;
    }
    return "unknown source";
}

static void qc_add_evidence(qc_ctx *c, qc_finding *fd, const qc_src *s, size_t start, size_t end,
                            const char *speaker)
{
    if (fd->nevidence >= QC_MAX_EVIDENCE || !s->text)
        return;
    for (size_t i = 0; i < fd->nevidence; i++)
        if (fd->evidence[i].source == s->text && fd->evidence[i].start == start)
            return;
    qc_evidence *ev = qc_arena_alloc(&c->f->arena, (fd->nevidence + 1) * sizeof *ev);
    if (fd->nevidence)
        memcpy(ev, fd->evidence, fd->nevidence * sizeof *ev);
    qc_evidence *e = &ev[fd->nevidence];
    e->path = s->meta ? s->meta->path : NULL;
    e->source = s->text;
    e->start = start;
    e->end = end;
    e->outlet = s->meta ? s->meta->outlet : NULL;
    e->speaker = speaker ? qc_a(c, speaker) : NULL;   /* the source's extraction may be trimmed */
    e->credibility = s->meta ? s->meta->credibility : 0;
    e->credibility_label = s->meta ? s->meta->label : "unknown";
    e->text = qc_an(c, s->text->data + start, end - start);
    /* QC_HOOK_CORRECTED_SOURCE: the revision of the source checked against */
    e->revision = c->hist && e->path ? qc_a(c, c->hist->current(c->hist->self, e->path, s->text))
                                     : NULL;
    fd->evidence = ev;
    fd->nevidence++;
}

/* ---- quotes ------------------------------------------------------------------- */

typedef struct qc_cand {
    qc_src *src;
    const qc_mword *sw;       /* the window's words */
    size_t nsw;
    qc_alignment al;
    size_t start, end;        /* source bytes of the aligned span */
    bool found;
    const qc_quote *sq;       /* the source quotation holding it; NULL */
    const char *speaker;      /* its speaker; NULL */
} qc_cand;

static size_t qc_unexplained(const qc_cand *k) { return k->al.subs + k->al.ins; }

static int qc_cand_better(const qc_cand *a, const qc_cand *b)
{
    if (a->found != b->found)
        return a->found;
    if (qc_unexplained(a) != qc_unexplained(b))
        return qc_unexplained(a) < qc_unexplained(b);
    if (a->al.dels != b->al.dels)
        return a->al.dels < b->al.dels;
    double ca = a->src->meta ? a->src->meta->credibility : 0;
    double cb = b->src->meta ? b->src->meta->credibility : 0;
    if (ca != cb)
        return ca > cb;
    return a->src->article < b->src->article;
}

/* Of qs[0..n), the one whose words overlap [start, end) the most, by at
 * least `min` bytes; NULL if none. */
static const qc_quote *qc_most_overlap(const qc_quote *qs, size_t n, size_t start, size_t end, size_t min)
{
    const qc_quote *best = NULL;
    size_t most = 0;
    for (size_t q = 0; q < n; q++) {
        size_t lo = qs[q].inner_start > start ? qs[q].inner_start : start;
        size_t hi = qs[q].inner_end < end ? qs[q].inner_end : end;
        if (hi > lo && hi - lo > most && hi - lo >= min) {
            most = hi - lo;
            best = &qs[q];
        }
    }
    return best;
}

/* the source quotation that holds most of the matched words */
static void qc_cand_speaker(qc_cand *k)
{
    const qc_extraction *ex = k->src->ex;
    if (!ex)
        return;
    size_t speech = 0, eq = 0;
    for (size_t i = 0; i < k->al.nops; i++) {
        const qc_edit *o = &k->al.ops[i];
        if (o->op != QC_OP_EQUAL)
            continue;
        eq++;
        if (k->sw[o->s].flags & QC_MW_SPEECH)
            speech++;
    }
    if (!eq)
        return;
    if (speech * 2 < eq) {
        /* outside the source's quotations: an interview answer holding
         * most of the passage is its answerer's */
        k->sq = qc_most_overlap(ex->quotes + ex->nquotes, ex->nanswers, k->start, k->end,
                                (k->end - k->start + 1) / 2);
        if (k->sq)
            k->speaker = k->sq->speaker;
        return;
    }
    k->sq = qc_most_overlap(ex->quotes, ex->nquotes, k->start, k->end, 1);
    if (k->sq) {
        k->speaker = k->sq->speaker;
        if (!k->speaker && k->sq->speaker_text && !qc_match_is_pronoun(k->sq->speaker_text))
            k->speaker = k->sq->speaker_text;
    }
}

/* A paragraph of text around pos, and the paragraph where `name`'s last
 * word first occurs: the context for spokesperson <-> organisation. */
static char *qc_context(const char *t, size_t len, size_t pos, const char *name, size_t *out_len)
{
    qc_strbuf b = QC_STRBUF_INIT;
    size_t ps = pos, pe = pos;
    while (ps > 0 && t[ps - 1] != '\n')
        ps--;
    while (pe < len && t[pe] != '\n')
        pe++;
    qc_strbuf_add(&b, t + ps, pe - ps);
    if (name) {
        const char *last = strrchr(name, ' ');
        last = last ? last + 1 : name;
        size_t ln = strlen(last);
        const char *hit = ln >= 3 ? strstr(t, last) : NULL;
        if (hit && (size_t)(hit - t) < len) {
            size_t h = (size_t)(hit - t), s2 = h, e2 = h;
            while (s2 > 0 && t[s2 - 1] != '\n')
                s2--;
            while (e2 < len && t[e2] != '\n')
                e2++;
            if (s2 != ps) {
                qc_strbuf_addc(&b, '\n');
                qc_strbuf_add(&b, t + s2, e2 - s2);
            }
        }
    }
    *out_len = b.len;
    return qc_strbuf_detach(&b);
}

/* The draft's speaker: as resolved, else the written form extended over
 * the capitalised words that follow it ("said Prime Minister Jan Morvek"
 * resolved to nothing) and matched to a draft entity. */
static const char *qc_draft_speaker(qc_ctx *c, const qc_quote *q, size_t *sp_end)
{
    *sp_end = q->speaker_end;
    if (q->speaker)
        return q->speaker;
    if (!q->speaker_text || qc_match_is_pronoun(q->speaker_text) || q->speaker_end <= q->speaker_start)
        return NULL;
    const char *t = c->draft->data;
    size_t e = q->speaker_end, words = 0;
    while (words < 4) {
        size_t i = e;
        while (i < c->dlen && t[i] == ' ')
            i++;
        if (i >= c->dlen || !isupper((unsigned char)t[i]))
            break;
        size_t j = i;
        while (j < c->dlen && (isalpha((unsigned char)t[j]) || (unsigned char)t[j] >= 0x80 ||
                               t[j] == '-' || t[j] == '\''))
            j++;
        e = j;
        words++;
    }
    if (!words)
        return q->speaker_text;
    const char *ext = qc_an(c, t + q->speaker_start, e - q->speaker_start);
    *sp_end = e;
    char *fe = qc_utf8_fold(ext, strlen(ext));
    const char *res = ext;
    for (size_t i = 0; i < c->ex->nentities; i++) {
        char *fn = qc_utf8_fold(c->ex->entities[i].name, strlen(c->ex->entities[i].name));
        if (strlen(fn) >= 4 && strstr(fe, fn))
            res = c->ex->entities[i].name;
        free(fn);
    }
    free(fe);
    return res;
}

/* Is `name` (or, for a name of several words, its last word) written in
 * the draft in the stretch before `pos` (about two paragraphs)? A pronoun
 * there may then mean that person, whoever the extractor resolved it to. */
/* The last place, in the stretch of t before pos (about two paragraphs),
 * where `form` stands as a word of its own (ASCII case folded when nocase);
 * (size_t)-1 when it does not. */
static size_t qc_last_form(const char *t, size_t tlen, size_t pos, const char *form, bool nocase)
{
    size_t from = pos > 1500 ? pos - 1500 : 0, n = strlen(form), last = (size_t)-1;
    for (size_t i = from; i + n <= pos; i++) {
        if (nocase ? strncasecmp(t + i, form, n) : memcmp(t + i, form, n))
            continue;
        bool l = i == 0 || !(isalnum((unsigned char)t[i - 1]) || (unsigned char)t[i - 1] >= 0x80);
        bool r = i + n >= tlen || !(isalnum((unsigned char)t[i + n]) || (unsigned char)t[i + n] >= 0x80);
        if (l && r)
            last = i;
    }
    return last;
}

/* The forms a name is written in: itself, and its last word when that is
 * capitalised (at least three letters each). */
static size_t qc_name_forms(const char *name, const char **forms)
{
    size_t nf = 0;
    const char *last = strrchr(name, ' ');
    last = last ? last + 1 : name;
    if (strlen(name) >= 3)
        forms[nf++] = name;
    if (last != name && isupper((unsigned char)last[0]) && strlen(last) >= 3)
        forms[nf++] = last;
    return nf;
}

/* The last place before pos (within about two paragraphs) where t writes
 * `name` or its last word; (size_t)-1 when it does not. */
static size_t qc_last_name_in(const char *t, size_t tlen, size_t pos, const char *name)
{
    const char *forms[2];
    size_t nf = qc_name_forms(name, forms), last = (size_t)-1;
    for (size_t f = 0; f < nf; f++) {
        size_t k = qc_last_form(t, tlen, pos, forms[f], false);
        if (k != (size_t)-1 && (last == (size_t)-1 || k > last))
            last = k;
    }
    return last;
}

static bool qc_named_before_in(const char *t, size_t tlen, size_t pos, const char *name)
{
    return qc_last_name_in(t, tlen, pos, name) != (size_t)-1;
}

/* Are the two words before offset a in text x (case folded) the two words
 * before offset b in text y? */
static bool qc_same_words_before(const char *x, size_t a, const char *y, size_t b)
{
    char wx[2][32], wy[2][32];
    const char *t[2] = { x, y };
    size_t p[2] = { a, b };
    char (*w[2])[32] = { wx, wy };
    for (int s = 0; s < 2; s++)
        for (int k = 0; k < 2; k++) {
            size_t e = p[s];
            while (e > 0 && !isalnum((unsigned char)t[s][e - 1]))
                e--;
            size_t st = e;
            while (st > 0 && isalnum((unsigned char)t[s][st - 1]))
                st--;
            if (e == st || e - st >= 32)
                return false;
            for (size_t i = st; i < e; i++)
                w[s][k][i - st] = (char)tolower((unsigned char)t[s][i]);
            w[s][k][e - st] = '\0';
            p[s] = st;
        }
    return !strcmp(wx[0], wy[0]) && !strcmp(wx[1], wy[1]);
}

/* "“…,” Hook said. He added that Interpol “…”": the pronoun continues the
 * quotation just before it, which the text (ex, t) gave to `name` by name,
 * and `other` is not written between that quotation and the pronoun. The
 * pronoun then means `name`, however recently `other` was named. */
static bool qc_pronoun_continues(const qc_extraction *ex, const char *t, const qc_quote *q, const char *name,
                                 const char *other)
{
    if (!q->speaker_text || !qc_match_is_pronoun(q->speaker_text) || q->speaker_end <= q->speaker_start)
        return false;
    size_t pron = q->speaker_start < q->start ? q->speaker_start : q->start;
    const qc_quote *prev = NULL;
    for (size_t i = 0; i < ex->nquotes; i++) {
        const qc_quote *p = &ex->quotes[i];
        if (p->end <= pron && (!prev || p->end > prev->end))
            prev = p;
    }
    if (!prev || !prev->speaker || strcmp(prev->speaker, name) || !prev->speaker_text ||
        qc_match_is_pronoun(prev->speaker_text) || pron - prev->end > 400)
        return false;
    size_t lo = prev->end > prev->speaker_end ? prev->end : prev->speaker_end;
    if (lo > pron)
        return false;
    /* nothing but the attribution between them: no other name */
    return !qc_named_before_in(t + lo, pron - lo, pron - lo, other);
}

/* Is fg in a heading, with the same number in the body of the draft
 * ("# Death toll reaches 39" over "A total of 39 people are confirmed
 * dead")? The body's figure is the one checked: a headline's few words say
 * too little about what is counted to compare it on its own. */
static bool qc_in_heading(const qc_prose *prose, const qc_figure *f)
{
    for (size_t b = 0; b < prose->nblocks; b++)
        if (prose->blocks[b].kind == QC_BLOCK_HEADING && prose->blocks[b].start <= f->start &&
            f->end <= prose->blocks[b].end)
            return true;
    return false;
}

static bool qc_headline_repeats(const qc_prose *prose, const qc_extraction *ex,
                                const qc_figure *fg)
{
    if (!prose || !qc_in_heading(prose, fg))
        return false;
    for (size_t i = 0; i < ex->nfigures; i++) {
        const qc_figure *o = &ex->figures[i];
        if (o != fg && o->kind == fg->kind && o->value == fg->value && o->value_max == fg->value_max &&
            !qc_in_heading(prose, o))
            return true;
    }
    return false;
}

/* case-insensitive search for w[0..n) in s (ASCII case) */
static const char *qc_find_nocase(const char *s, const char *w, size_t n)
{
    for (; *s; s++)
        if (!strncasecmp(s, w, n))
            return s;
    return NULL;
}

/* "the company", "The commissioner": a role the extractor resolved by
 * what came before, as uncertain as a pronoun. */
static bool qc_definite_role(const char *t)
{
    if (strncasecmp(t, "the ", 4))
        return false;
    for (const char *p = t + 4; *p; p++)
        if (isupper((unsigned char)*p) || *p == ' ')
            return false;   /* one lower-case word: not a name ("the Pentagon") */
    return t[4] != 0;
}

/* Did the draft give `name` the role it is now called by ("Interior
 * Minister Joachim Brudziński" … "the minister said")? Then the role
 * names them, and the extractor's reading is no guess. */
static bool qc_role_fits(const qc_extraction *ex, const char *name, const char *role)
{
    const char *head = strrchr(role, ' ');
    head = head ? head + 1 : role;
    size_t hl = strlen(head);
    for (size_t i = 0; name && i < ex->nentities; i++) {
        if (strcmp(ex->entities[i].name, name))
            continue;
        for (size_t a = 0; a < ex->entities[i].naliases; a++) {
            const char *al = ex->entities[i].aliases[a];
            for (const char *p = al; (p = qc_find_nocase(p, head, hl)); p += hl) {
                bool l = p == al || p[-1] == ' ';
                bool r = !p[hl] || p[hl] == ' ';
                if (l && r)
                    return true;
            }
        }
    }
    return false;
}

/* Does the source passage k, whose speaker its text leaves unnamed but
 * describes ("One resident", "a witness" — not a pronoun, a document, a
 * definite role, one's own ("its source") or a spokesperson, who speaks
 * for someone), name `name`
 * in the same paragraph before the words' end — the one spoken to, or
 * spoken of? */
static bool qc_unnamed_beside(const qc_cand *k, const char *name)
{
    const char *st = k->sq ? k->sq->speaker_text : NULL;
    if (!st || !*st || qc_match_is_pronoun(st) || qc_match_is_document(st) || !strncasecmp(st, "the ", 4) ||
        !strncasecmp(st, "its ", 4) || !strncasecmp(st, "his ", 4) || !strncasecmp(st, "her ", 4) ||
        !strncasecmp(st, "their ", 6) || !strncasecmp(st, "our ", 4) ||
        strstr(st, "spokes") || strstr(st, "representative") || strstr(st, "aide") || isupper((unsigned char)st[strlen(st) - 1]))
        return false;
    for (const char *p = st; *p; p++)
        if (p > st && isupper((unsigned char)*p) && p[-1] == ' ')
            return false;   /* a name in it: not merely described */
    const char *t = k->src->text->data;
    size_t end = k->sq->end, start = k->sq->start;
    while (start > 0 && t[start - 1] != '\n')
        start--;
    if (end - start > 1500)
        return false;
    size_t at = qc_last_name_in(t, k->src->text->len, end, name);
    return at != (size_t)-1 && at >= start;
}

/* The one person of a source to whom it gives the title a draft's
 * unresolved speaker is called by ("the Supreme Leader" for "Supreme
 * Leader Ali Khamenei"), or NULL: the title of two words or more, or of
 * one word with a capital ("the Speaker"), found word for word among the
 * person's names and titles; no other entity holding it. */
static const char *qc_role_holder(const qc_extraction *ex, const char *role)
{
    if (!ex || !role || strncasecmp(role, "the ", 4))
        return NULL;
    const char *r = role + 4;
    size_t rl = strlen(r);
    if (rl < 4 || (!strchr(r, ' ') && !isupper((unsigned char)r[0])))
        return NULL;
    const char *found = NULL;
    for (size_t i = 0; i < ex->nentities; i++) {
        const qc_entity *e = &ex->entities[i];
        if (e->is_org)
            continue;
        /* every word of the title is one the extractor gave the person
         * ("the supreme", "the leader") */
        bool has = true;
        for (const char *w = r; *w && has;) {
            size_t wl = strcspn(w, " ");
            bool word = false;
            for (size_t a = 0; a < e->naliases && !word; a++)
                word = !strncasecmp(e->aliases[a], "the ", 4) && strlen(e->aliases[a] + 4) == wl &&
                       !strncasecmp(e->aliases[a] + 4, w, wl);
            has = word || (wl <= 3 && islower((unsigned char)w[0]));   /* "of", "for" */
            w += wl;
            while (*w == ' ')
                w++;
        }
        if (!has)
            continue;
        if (found && strcmp(found, e->name))
            return NULL;
        found = e->name;
    }
    return found;
}

/* Where, in the stretch before `pos` (about two paragraphs), the draft
 * last names `name` — by the name, its last word or a title the draft gave
 * it ("the princess" for Princess Ubolratana Mahidol); (size_t)-1 when it
 * does not. */
static size_t qc_last_named(const qc_ctx *c, size_t pos, const char *name)
{
    const char *forms[64];
    size_t nf = qc_name_forms(name, forms), named = nf, last = (size_t)-1;
    for (size_t i = 0; i < c->ex->nentities; i++) {
        const qc_entity *e = &c->ex->entities[i];
        if (strcmp(e->name, name))
            continue;
        for (size_t a = 0; a < e->naliases && nf < 64; a++)
            if (!strncasecmp(e->aliases[a], "the ", 4) && strlen(e->aliases[a]) >= 7)
                forms[nf++] = e->aliases[a];
    }
    for (size_t f = 0; f < nf; f++) {
        size_t k = qc_last_form(c->draft->data, c->dlen, pos, forms[f], f >= named);
        if (k != (size_t)-1 && (last == (size_t)-1 || k > last))
            last = k;
    }
    return last;
}

static bool qc_named_before(const qc_ctx *c, size_t pos, const char *name)
{
    return qc_last_named(c, pos, name) != (size_t)-1;
}

/* "John Hutchinson … suggested …. “…,” he said": the draft named its own
 * reading of the pronoun just before it (within a few sentences), after
 * the last mention of `other`. The pronoun then means that person. */
static bool qc_pronoun_nearest(const qc_ctx *c, const qc_quote *q, const char *name, const char *other)
{
    if (!q->speaker_text || !qc_match_is_pronoun(q->speaker_text) || q->speaker_end <= q->speaker_start)
        return false;
    size_t pron = q->speaker_start < q->start ? q->speaker_start : q->start;
    /* the full name, of two words or more */
    size_t nl = strlen(name), mine = (size_t)-1, theirs = qc_last_named(c, pron, other);
    const char *sur = strrchr(name, ' ');
    if (!sur)
        return false;
    sur++;
    size_t sl = strlen(sur);
    bool by_surname = false;
    for (size_t k = pron > 400 ? pron - 400 : 0; k + sl <= pron; k++) {
        if (k + nl <= pron && !memcmp(c->draft->data + k, name, nl)) {
            mine = k;
            by_surname = false;
        } else if (sl >= 3 && !memcmp(c->draft->data + k, sur, sl) &&
                   (k == 0 || !isalnum((unsigned char)c->draft->data[k - 1])) &&
                   (k + sl >= c->dlen || !isalnum((unsigned char)c->draft->data[k + sl])) &&
                   (mine == (size_t)-1 || k > mine + nl)) {
            mine = k;   /* "Lipo noted …" after "Carl Lipo" further up */
            by_surname = true;
        }
    }
    if (by_surname && !qc_named_before_in(c->draft->data, c->dlen, mine, name))
        return false;   /* the surname only counts for a name given in full before */
    if (mine == (size_t)-1 || (theirs != (size_t)-1 && mine <= theirs))
        return false;
    /* a person the draft names, opening its sentence ("Not everyone is
     * persuaded. John Hutchinson, …, suggested …"): only capitalised words
     * (a title, the first names) before the name in that sentence */
    for (size_t i = 0; i < c->ex->nentities; i++)
        if (!strcmp(c->ex->entities[i].name, name) && c->ex->entities[i].is_org)
            return false;
    const char *t = c->draft->data;
    /* … and acting there: a comma (an appositive) or a verb in the past or
     * present after the name, not "Discussing Amazon issues" */
    size_t e = mine;
    while (e < pron) {
        size_t w = e;
        while (w < pron && t[w] != ' ' && t[w] != ',' && t[w] != '\n')
            w++;
        if (!isupper((unsigned char)t[e]))
            break;
        e = w;
        if (e < pron && t[e] == ' ')
            e++;
        else
            break;
    }
    if (e >= pron)
        return false;
    if (t[e] != ',') {
        size_t w = e;
        while (w < pron && isalpha((unsigned char)t[w]))
            w++;
        size_t n = w - e;
        bool verb = n >= 3 && islower((unsigned char)t[e]) &&
                    ((t[w - 2] == 'e' && t[w - 1] == 'd') || (n == 4 && !strncmp(t + e, "said", 4)) ||
                     (n == 4 && !strncmp(t + e, "says", 4)) || (n == 4 && !strncmp(t + e, "told", 4)) ||
                     (n == 5 && !strncmp(t + e, "wrote", 5)));
        if (!verb)
            return false;
    }
    size_t k = mine;
    for (;;) {
        while (k > 0 && t[k - 1] == ' ')
            k--;
        if (k > 0 && t[k - 1] == '.') {
            /* "Gen. Mark Milley": an abbreviation's period ends no sentence */
            size_t w = k - 1;
            while (w > 0 && isalpha((unsigned char)t[w - 1]))
                w--;
            if (k - 1 - w >= 1 && k - 1 - w <= 4 && isupper((unsigned char)t[w]) &&
                (w == 0 || t[w - 1] == ' '))
                return false;
        }
        if (k == 0 || t[k - 1] == '\n' || t[k - 1] == '.' || t[k - 1] == '!' || t[k - 1] == '?')
            return true;
        size_t w = k;
        while (w > 0 && t[w - 1] != ' ' && t[w - 1] != '\n')
            w--;
        if (!isupper((unsigned char)t[w]) || k - w > 20)
            return false;
        k = w;
    }
}

/* Could the pronoun mean this person? Not "she" for a Jonathan, nor "he"
 * for a Laura (first names of known gender). */
static bool qc_pronoun_fits(const char *pronoun, const char *name)
{
    char first[32];
    size_t n = 0;
    while (name[n] && name[n] != ' ' && n + 1 < sizeof first) {
        first[n] = (char)tolower((unsigned char)name[n]);
        n++;
    }
    first[n] = 0;
    unsigned cls = name[n] == ' ' ? qc_lexicon_get(first) : 0;
    if (!strcasecmp(pronoun, "she"))
        return !(cls & QC_LX_MALE) || (cls & QC_LX_FEMALE);
    if (!strcasecmp(pronoun, "he"))
        return !(cls & QC_LX_FEMALE) || (cls & QC_LX_MALE);
    return true;
}

static bool qc_masked(const qc_ctx *c, size_t pos)
{
    if (c->dtext == c->draft->data || pos >= c->dlen)
        return false;
    return c->dtext[pos] == ' ' && c->draft->data[pos] != ' ';
}

static void qc_remember_article(qc_ctx *c, size_t article)
{
    if (c->cache)
        array_push(&c->cur_arts, article);
    for (size_t i = 0; i < c->quote_articles.len; i++)
        if (c->quote_articles.items[i] == article)
            return;
    array_push(&c->quote_articles, article);
}

/* QC_HOOK_CORRECTED_SOURCE: the draft's words against the earlier revisions
 * of the candidates' articles. Emits corrected-source and returns true when
 * one revision carries them exactly. */
#define QC_MAX_REVISIONS 16
#define QC_TODAY_CONTEXT 5

/* Today's wording of what replaced the old revision's words ow[first..last]:
 * the old words with QC_TODAY_CONTEXT words of context on each side are
 * aligned with today's text, and today's words between the two contexts
 * are the answer. NULL when either context cannot be placed exactly. */
static char *qc_today_wording(const qc_mwords *ow, size_t first, size_t last, const qc_text *today)
{
    if (first < QC_TODAY_CONTEXT || last + QC_TODAY_CONTEXT >= ow->len)
        return NULL;
    size_t lo = first - QC_TODAY_CONTEXT, hi = last + QC_TODAY_CONTEXT;
    size_t nb = first - lo, after = nb + (last - first + 1);
    qc_mwords tw = { 0 };
    qc_match_words(today->data, today->len, 0, false, &tw);
    qc_alignment al;
    memset(&al, 0, sizeof al);
    char *out = NULL;
    if (tw.len && qc_match_align(ow->items + lo, hi - lo + 1, tw.items, tw.len, &al)) {
        size_t sa = SIZE_MAX, sb = SIZE_MAX;
        for (size_t i = 0; i < al.nops; i++) {
            const qc_edit *o = &al.ops[i];
            if (o->op == QC_OP_EQUAL && o->d == nb - 1)
                sa = o->s;
            if (o->op == QC_OP_EQUAL && o->d == after)
                sb = o->s;
        }
        if (sa != SIZE_MAX && sb != SIZE_MAX && sb > sa + 1)
            out = qc_strndup(today->data + tw.items[sa + 1].start,
                             tw.items[sb - 1].end - tw.items[sa + 1].start);
    }
    qc_alignment_free(&al);
    qc_mwords_free(&tw);
    return out;
}
static bool qc_check_corrected(qc_ctx *c, const qc_quote *q, const qc_mwords *dw, size_t nwords,
                               const qc_cand *cands, size_t nc, const char *dspeaker)
{
    if (!c->hist || !dw->len)
        return false;
    const qc_src *tried[4];
    size_t ntried = 0;
    for (size_t i = 0; i < nc && ntried < 4; i++) {
        const qc_cand *k = &cands[i];
        bool dup = false;
        for (size_t j = 0; j < ntried && !dup; j++)
            dup = tried[j] == k->src;
        if (dup || !k->src->meta || !k->src->meta->path || !k->src->text)
            continue;
        tried[ntried++] = k->src;
        qc_source_revision revs[QC_MAX_REVISIONS];
        size_t nr = c->hist->earlier(c->hist->self, k->src->meta->path, k->src->text, revs,
                                     QC_MAX_REVISIONS);
        for (size_t r = 0; r < nr; r++) {
            const qc_text *old = revs[r].text;
            qc_mwords sw = { 0 };
            qc_match_words(old->data, old->len, 0, false, &sw);
            qc_alignment al;
            memset(&al, 0, sizeof al);
            bool exact = sw.len && qc_match_align(dw->items, dw->len, sw.items, sw.len, &al) &&
                         al.matched >= nwords && qc_alignment_edits(&al) == 0;
            if (!exact) {
                qc_alignment_free(&al);
                qc_mwords_free(&sw);
                continue;
            }
            qc_finding *fd = qc_emit(c, QC_CODE_CORRECTED_SOURCE, q->start, q->end);
            if (fd) {
                const char *base = strrchr(k->src->meta->path, '/');
                base = base ? base + 1 : k->src->meta->path;
                const char *src_text = k->src->text->data;
                char *today = qc_today_wording(&sw, al.s_first, al.s_last, k->src->text);
                if (!today)
                    today = k->found ? qc_match_source_wording(&k->al, src_text, k->sw)
                                     : qc_strndup(src_text + k->start, k->end - k->start);
                qc_strbuf m = QC_STRBUF_INIT;
                qc_strbuf_printf(&m, "quote matches an earlier version of %s (%s) corrected in %s",
                                 base, qc_outlet_name(k->src), revs[r].corrected_id);
                if (revs[r].corrected_date && *revs[r].corrected_date)
                    qc_strbuf_printf(&m, " on %s", revs[r].corrected_date);
                if (revs[r].corrected_subject && *revs[r].corrected_subject)
                    qc_strbuf_printf(&m, " \"%s\"", revs[r].corrected_subject);
                qc_strbuf_printf(&m, ": today it reads \"%s\"", today);
                fd->message = qc_a(c, qc_strbuf_cstr(&m));
                qc_strbuf_free(&m);
                fd->quote = qc_a(c, q->text);
                fd->speaker = qc_a(c, dspeaker);
                size_t fs = dw->items[0].start, fe = dw->items[dw->len - 1].end;
                char *title = qc_arena_printf(&c->f->arena, "Use today's wording of %s",
                                              qc_outlet_name(k->src));
                qc_add_fix(c, fd, title, fs, fe, today);
                free(today);
                if (k->found) {
                    char *diff = qc_match_diff(&k->al, c->draft->data, dw->items, src_text, k->sw);
                    fd->diff = qc_a(c, diff);
                    free(diff);
                }
                /* today's passage, then the earlier one the draft matches */
                qc_add_evidence(c, fd, k->src, k->start, k->end, k->speaker);
                size_t os = sw.items[al.s_first].start, oe = sw.items[al.s_last].end;
                qc_evidence *ev = qc_arena_alloc(&c->f->arena, (fd->nevidence + 1) * sizeof *ev);
                if (fd->nevidence)
                    memcpy(ev, fd->evidence, fd->nevidence * sizeof *ev);
                qc_evidence *e = &ev[fd->nevidence];
                *e = fd->nevidence ? ev[0] : (qc_evidence){ 0 };
                e->path = k->src->meta->path;
                e->source = old;
                e->start = os;
                e->end = oe;
                e->outlet = k->src->meta->outlet;
                e->credibility = k->src->meta->credibility;
                e->credibility_label = k->src->meta->label;
                e->speaker = k->speaker ? qc_a(c, k->speaker) : NULL;
                e->text = qc_an(c, old->data + os, oe - os);
                e->revision = qc_a(c, revs[r].revision);
                fd->evidence = ev;
                fd->nevidence++;
            }
            qc_alignment_free(&al);
            qc_mwords_free(&sw);
            return true;
        }
    }
    return false;
}

static void qc_check_quote_run(qc_ctx *c, const qc_quote *q)
{
    if (q->inner_end <= q->inner_start)
        return;
    qc_mwords dw = { 0 };
    qc_match_words(c->dtext + q->inner_start, q->inner_end - q->inner_start, q->inner_start, true,
                   &dw);
    size_t nwords = 0;
    bool has_gap = false;
    qc_strbuf search = QC_STRBUF_INIT;
    for (size_t i = 0; i < dw.len; i++) {
        if (dw.items[i].flags & QC_MW_GAP)
            has_gap = true;
        if (dw.items[i].flags & (QC_MW_GAP | QC_MW_BRACKET))
            continue;
        nwords++;
        if (search.len)
            qc_strbuf_addc(&search, ' ');
        qc_strbuf_add(&search, c->draft->data + dw.items[i].start,
                      dw.items[i].end - dw.items[i].start);
    }
    if (nwords < 2) {
        qc_strbuf_free(&search);
        qc_mwords_free(&dw);
        return;
    }
    c->f->quotes_checked++;
    size_t need = (size_t)ceil(QC_FOUND_SHARE * (double)nwords);
    if (nwords <= 3)
        need = nwords;
    if (need < 2)
        need = 2;

    qc_corpus_hit hits[QC_MAX_HITS];
    size_t nh = qc_corpus_search(c->corpus, search.data, search.len, hits, QC_MAX_HITS);
    qc_strbuf_free(&search);

    qc_cand cands[QC_MAX_HITS];
    size_t nc = 0;
    for (size_t h = 0; h < nh; h++) {
        qc_src *s = qc_src_get(c, hits[h].article);
        qc_src_words(c, s);
        if (!s->nw)
            continue;
        /* window around the hit */
        size_t lo = 0, hi = s->nw;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (s->w[mid].end <= hits[h].start)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t first = lo, last = lo;
        while (last + 1 < s->nw && s->w[last + 1].start < hits[h].end)
            last++;
        size_t pad = dw.len + 10 + (has_gap ? 80 : 0);
        size_t wlo = first > pad ? first - pad : 0;
        size_t whi = last + pad + 1 < s->nw ? last + pad + 1 : s->nw;
        qc_cand k;
        memset(&k, 0, sizeof k);
        k.src = s;
        k.sw = s->w + wlo;
        k.nsw = whi - wlo;
        if (!qc_match_align(dw.items, dw.len, k.sw, k.nsw, &k.al)) {
            qc_alignment_free(&k.al);
            continue;
        }
        k.start = k.sw[k.al.s_first].start;
        k.end = k.sw[k.al.s_last].end;
        k.found = k.al.matched >= need;
        /* the same passage found twice */
        bool dup = false;
        for (size_t i = 0; i < nc && !dup; i++) {
            qc_cand *o = &cands[i];
            if (o->src != s || k.end <= o->start || o->end <= k.start)
                continue;
            dup = true;
            if (qc_cand_better(&k, o)) {
                qc_alignment_free(&o->al);
                *o = k;
            } else {
                qc_alignment_free(&k.al);
            }
        }
        if (!dup)
            cands[nc++] = k;
    }
    /* best first */
    for (size_t i = 1; i < nc; i++)
        for (size_t j = i; j > 0 && qc_cand_better(&cands[j], &cands[j - 1]); j--) {
            qc_cand t = cands[j];
            cands[j] = cands[j - 1];
            cands[j - 1] = t;
        }
    size_t nfound = 0;
    for (size_t i = 0; i < nc; i++)
        if (cands[i].found) {
            nfound++;
            qc_cand_speaker(&cands[i]);
            qc_remember_article(c, cands[i].src->article);
        }
    const char *quote_text = q->text;

    size_t sp_end;
    const char *dspeaker = qc_draft_speaker(c, q, &sp_end);

    if (!nfound) {
        if (qc_check_corrected(c, q, &dw, nwords, cands, nc, dspeaker))
            goto done;
        qc_finding *fd = qc_emit(c, QC_CODE_UNSOURCED_QUOTE, q->start, q->end);
        if (fd) {
            fd->quote = qc_a(c, quote_text);
            fd->speaker = qc_a(c, dspeaker);
            if (nc && cands[0].al.matched * 10 >= nwords * 4) {
                fd->message = qc_arena_printf(&c->f->arena,
                    "no source has these words: the closest passage (%s) shares only %zu of %zu words",
                    qc_outlet_name(cands[0].src), cands[0].al.matched, nwords);
                qc_add_evidence(c, fd, cands[0].src, cands[0].start, cands[0].end, cands[0].speaker);
            } else {
                fd->message = qc_a(c, "no source has these words or anything close");
            }
        }
        goto done;
    }

    const qc_cand *best = &cands[0];
    bool exact = qc_alignment_edits(&best->al) == 0;
    bool wording_error = false;
    if (!exact) {
        const qc_alignment *al = &best->al;
        wording_error = true;
        if (al->subs && al->subs == al->number_subs && !al->ins && !al->dels) {
            qc_finding *fd = qc_emit(c, QC_CODE_FIGURE_MISMATCH, q->start, q->end);
            if (fd) {
                qc_strbuf m = QC_STRBUF_INIT;
                qc_strbuf_adds(&m, "figure changed inside the quote: ");
                bool first = true;
                for (size_t i = 0; i < al->nops; i++) {
                    const qc_edit *o = &al->ops[i];
                    if (o->op != QC_OP_SUB)
                        continue;
                    const qc_mword *dwd = &dw.items[o->d], *swd = &best->sw[o->s];
                    qc_strbuf_printf(&m, "%s%s has %.*s, the draft %.*s", first ? "" : "; ",
                                     qc_outlet_name(best->src), (int)(swd->end - swd->start),
                                     best->src->text->data + swd->start,
                                     (int)(dwd->end - dwd->start), c->draft->data + dwd->start);
                    char *title = qc_arena_printf(&c->f->arena, "Use the source's figure %.*s",
                                                  (int)(swd->end - swd->start),
                                                  best->src->text->data + swd->start);
                    char *repl = qc_an(c, best->src->text->data + swd->start, swd->end - swd->start);
                    qc_add_fix(c, fd, title, dwd->start, dwd->end, repl);
                    first = false;
                }
                fd->message = qc_a(c, qc_strbuf_cstr(&m));
                qc_strbuf_free(&m);
                fd->quote = qc_a(c, quote_text);
                fd->speaker = qc_a(c, dspeaker);
                char *diff = qc_match_diff(al, c->draft->data, dw.items, best->src->text->data, best->sw);
                fd->diff = qc_a(c, diff);
                free(diff);
                for (size_t i = 0; i < nc && fd->nevidence < QC_MAX_EVIDENCE; i++)
                    if (cands[i].found)
                        qc_add_evidence(c, fd, cands[i].src, cands[i].start, cands[i].end,
                                        cands[i].speaker);
            }
        } else {
            /* QC_HOOK_CORRECTED_SOURCE: the draft's wording in an earlier
             * revision of a candidate's article gives corrected-source */
            qc_finding *fd = qc_check_corrected(c, q, &dw, nwords, cands, nc, dspeaker)
                                 ? NULL
                                 : qc_emit(c, QC_CODE_ALTERED_QUOTE, q->start, q->end);
            if (fd) {
                const char *src_text = best->src->text->data;
                char *diff = qc_match_diff(al, c->draft->data, dw.items, src_text, best->sw);
                fd->diff = qc_a(c, diff);
                free(diff);
                const char *outlet = qc_outlet_name(best->src);
                /* what changed, in words */
                qc_strbuf ch = QC_STRBUF_INIT, dr = QC_STRBUF_INIT, ad = QC_STRBUF_INIT;
                for (size_t i = 0; i < al->nops; i++) {
                    const qc_edit *o = &al->ops[i];
                    if (o->op == QC_OP_SUB) {
                        const qc_mword *dwd = &dw.items[o->d], *swd = &best->sw[o->s];
                        qc_strbuf_printf(&ch, "%s\"%.*s\" to \"%.*s\"", ch.len ? ", " : "",
                                         (int)(swd->end - swd->start), src_text + swd->start,
                                         (int)(dwd->end - dwd->start), c->draft->data + dwd->start);
                    } else if (o->op == QC_OP_DEL) {
                        const qc_mword *swd = &best->sw[o->s];
                        bool cont = i > 0 && al->ops[i - 1].op == QC_OP_DEL;
                        qc_strbuf_printf(&dr, "%s%.*s", cont ? " " : (dr.len ? "\", \"" : "\""),
                                         (int)(swd->end - swd->start), src_text + swd->start);
                    } else if (o->op == QC_OP_INS) {
                        const qc_mword *dwd = &dw.items[o->d];
                        bool cont = i > 0 && al->ops[i - 1].op == QC_OP_INS;
                        qc_strbuf_printf(&ad, "%s%.*s", cont ? " " : (ad.len ? "\", \"" : "\""),
                                         (int)(dwd->end - dwd->start), c->draft->data + dwd->start);
                    }
                }
                if (dr.len)
                    qc_strbuf_addc(&dr, '"');
                if (ad.len)
                    qc_strbuf_addc(&ad, '"');
                qc_strbuf m = QC_STRBUF_INIT;
                if (al->omits && !al->subs && !al->ins && !al->dels) {
                    const qc_mword *ow = &best->sw[al->omit_s];
                    qc_strbuf_printf(&m, "passages joined: %s marks words left out after \"%.*s\" and the quote "
                                     "runs on without an ellipsis",
                                     outlet, (int)(ow->end - ow->start), src_text + ow->start);
                } else if (al->spliced && !al->subs && !al->ins) {
                    qc_strbuf_printf(&m, "sentences spliced: two separate passages of %s joined as "
                                     "one quote, %zu words between them dropped without an ellipsis",
                                     outlet, al->longest_del);
                } else {
                    qc_strbuf_printf(&m, "quote differs from the source (%s):", outlet);
                    const char *sep = " ";
                    if (ch.len) {
                        qc_strbuf_printf(&m, "%schanged %s", sep, ch.data);
                        sep = "; ";
                    }
                    if (ad.len) {
                        qc_strbuf_printf(&m, "%sadded %s", sep, ad.data);
                        sep = "; ";
                    }
                    if (dr.len)
                        qc_strbuf_printf(&m, "%sdropped %s without an ellipsis", sep, dr.data);
                }
                fd->message = qc_a(c, qc_strbuf_cstr(&m));
                qc_strbuf_free(&m);
                qc_strbuf_free(&ch);
                qc_strbuf_free(&dr);
                qc_strbuf_free(&ad);
                fd->quote = qc_a(c, quote_text);
                fd->speaker = qc_a(c, dspeaker);
                /* fixes over the draft's words (first to last word) */
                size_t fs = dw.items[0].start, fe = dw.items[dw.len - 1].end;
                char *wording = qc_match_source_wording(al, src_text, best->sw);
                char *title = qc_arena_printf(&c->f->arena, "Use the exact wording of %s", outlet);
                qc_add_fix(c, fd, title, fs, fe, wording);
                free(wording);
                if (al->dels && !al->subs && !al->ins) {
                    char *ell = qc_match_ellipsis_variant(al, c->draft->data, dw.items, dw.len);
                    qc_add_fix(c, fd, "Mark the omission with an ellipsis", fs, fe, ell);
                    free(ell);
                }
                for (size_t i = 0; i < nc && fd->nevidence < QC_MAX_EVIDENCE; i++)
                    if (cands[i].found)
                        qc_add_evidence(c, fd, cands[i].src, cands[i].start, cands[i].end,
                                        cands[i].speaker);
            }
        }
    }

    /* speaker */
    bool speaker_error = false;
    if (dspeaker) {
        size_t dctx_len;
        char *dctx = qc_context(c->draft->data, c->draft->len, q->start, dspeaker, &dctx_len);
        qc_speaker_side ds = { dspeaker, q->speaker_text, c->ex, dctx, dctx_len };
        qc_sset *dset = NULL;   /* the draft side's names, built on first comparison */
        int same = 0, diff = 0, diff_sure = 0;
        const qc_cand *diff_c[QC_MAX_HITS];
        const qc_cand *same_c[QC_MAX_HITS];
        size_t ndiff = 0, nsame = 0;
        const char *dholder = NULL;   /* whom the sources give the draft's title */
        for (size_t i = 0; i < nc; i++) {
            qc_cand *k = &cands[i];
            if (!k->found || !k->speaker)
                continue;
            /* only passages about as close as the best one */
            if (i > 0 && (qc_unexplained(k) > qc_unexplained(&cands[0]) + 1 ||
                          k->al.dels > cands[0].al.dels + 2))
                continue;
            size_t sctx_len;
            char *sctx = qc_context(k->src->text->data, k->src->text->len, k->sq->start,
                                    k->speaker, &sctx_len);
            qc_speaker_side ss = { k->speaker, k->sq->speaker_text, k->src->ex, sctx, sctx_len };
            if (!dset)
                dset = qc_speaker_set_new(&ds);
            qc_speaker_cmp r = qc_match_speakers_sets(c->cfg, &ds, dset, &ss,
                                                      qc_src_speaker_set(c, k->src, k->sq, &ss));
            /* "the Supreme Leader wrote" that the draft leaves unresolved:
             * the one the source gives that title, if only one */
            const char *holder = r == QC_SPEAKER_UNKNOWN && !q->speaker ? qc_role_holder(k->src->ex, dspeaker) : NULL;
            if (holder) {
                qc_speaker_side hs = { holder, dspeaker, k->src->ex, NULL, 0 };
                r = qc_match_speakers(c->cfg, &hs, &ss);
                if (r == QC_SPEAKER_DIFFERENT && !dholder)
                    dholder = holder;
            }
            /* "One resident told Paul Rivera of WESH 2 news, “…”" given to
             * Paul Rivera: the source's speaker is someone unnamed, and the
             * draft's is named beside the words as another */
            bool unnamed = r == QC_SPEAKER_UNKNOWN && q->speaker && !k->sq->speaker &&
                           !(q->speaker_text && strcasecmp(q->speaker_text, k->sq->speaker_text) == 0) &&
                           qc_unnamed_beside(k, q->speaker);
            if (unnamed) {
                diff++;
                diff_sure++;
                diff_c[ndiff++] = k;
                free(sctx);
                continue;
            }
            free(sctx);
            if (r == QC_SPEAKER_SAME) {
                same++;
                same_c[nsame++] = k;
            } else if (r == QC_SPEAKER_DIFFERENT) {
                diff++;
                diff_c[ndiff++] = k;
                /* a source's "he said" where the draft's speaker is named
                 * just before it is as ambiguous: evidence, not proof */
                if (!(k->sq->speaker_text && qc_match_is_pronoun(k->sq->speaker_text) &&
                      qc_pronoun_fits(k->sq->speaker_text, dspeaker) &&
                      qc_named_before_in(k->src->text->data, k->src->text->len, k->sq->start,
                                         dspeaker) &&
                      !qc_pronoun_continues(k->src->ex, k->src->text->data, k->sq, k->speaker, dspeaker)))
                    diff_sure++;
            }
        }
        free(dctx);
        qc_speaker_set_free(dset);
        /* "he said" where the sources' speaker was named just before: the
         * pronoun may well mean them — not a misattribution to report */
        bool ambiguous = false;
        if (!same && diff && q->speaker_text &&
            (qc_match_is_pronoun(q->speaker_text) ||
             (qc_definite_role(q->speaker_text) && !qc_role_fits(c->ex, dspeaker, q->speaker_text))))
            for (size_t i = 0; i < ndiff && !ambiguous; i++)
                ambiguous = qc_pronoun_fits(q->speaker_text, diff_c[i]->speaker) &&
                            qc_named_before(c, q->start, diff_c[i]->speaker) &&
                            !qc_pronoun_continues(c->ex, c->draft->data, q, dspeaker, diff_c[i]->speaker) &&
                            !qc_pronoun_nearest(c, q, dspeaker, diff_c[i]->speaker);
        if (!same && diff_sure && !ambiguous) {
            speaker_error = true;
            qc_finding *fd = qc_emit(c, QC_CODE_MISATTRIBUTED_QUOTE, q->start, q->end);
            if (fd) {
                /* the sources' speaker: the first (best) one; outlets naming the same */
                bool named = diff_c[0]->sq->speaker != NULL || dholder;
                const char *who = named ? diff_c[0]->speaker
                                        : qc_arena_printf(&c->f->arena, "someone unnamed (\"%s\")",
                                                          diff_c[0]->sq->speaker_text);
                qc_strbuf outlets = QC_STRBUF_INIT;
                for (size_t i = 0; i < ndiff; i++) {
                    const char *o = qc_outlet_name(diff_c[i]->src);
                    if (strstr(qc_strbuf_cstr(&outlets), o))
                        continue;
                    qc_strbuf_printf(&outlets, "%s%s", outlets.len ? ", " : "", o);
                }
                fd->message = qc_arena_printf(&c->f->arena,
                    "quote attributed to %s%s%s%s, but the sources give it to %s (%s)", dspeaker,
                    dholder ? " (" : "", dholder ? dholder : "", dholder ? " in the sources)" : "",
                    who, qc_strbuf_cstr(&outlets));
                qc_strbuf_free(&outlets);
                fd->quote = qc_a(c, quote_text);
                fd->speaker = qc_a(c, dspeaker);
                if (named && sp_end > q->speaker_start) {
                    char *title = qc_arena_printf(&c->f->arena, "Attribute to %s", who);
                    qc_add_fix(c, fd, title, q->speaker_start, sp_end, who);
                }
                for (size_t i = 0; i < ndiff; i++)
                    qc_add_evidence(c, fd, diff_c[i]->src, diff_c[i]->start, diff_c[i]->end,
                                    diff_c[i]->speaker);
            }
        } else if (same && diff) {
            /* only when the other source's speaker is someone else than the
             * agreeing source's too (a spokeswoman and her company agree) */
            size_t nreal = 0;
            const qc_cand *real[QC_MAX_HITS];
            const qc_cand *ref = same_c[0];
            size_t rctx_len;
            char *rctx = qc_context(ref->src->text->data, ref->src->text->len, ref->sq->start,
                                    ref->speaker, &rctx_len);
            qc_speaker_side rs = { ref->speaker, ref->sq->speaker_text, ref->src->ex, rctx, rctx_len };
            for (size_t i = 0; i < ndiff; i++) {
                const qc_cand *k = diff_c[i];
                size_t kctx_len;
                char *kctx = qc_context(k->src->text->data, k->src->text->len, k->sq->start,
                                        k->speaker, &kctx_len);
                qc_speaker_side ks = { k->speaker, k->sq->speaker_text, k->src->ex, kctx, kctx_len };
                if (qc_match_speakers_sets(c->cfg, &rs, qc_src_speaker_set(c, ref->src, ref->sq, &rs),
                                           &ks, qc_src_speaker_set(c, k->src, k->sq, &ks)) ==
                    QC_SPEAKER_DIFFERENT)
                    real[nreal++] = k;
                free(kctx);
            }
            free(rctx);
            qc_finding *fd = nreal ? qc_emit(c, QC_CODE_SOURCES_DISAGREE, q->start, q->end) : NULL;
            if (fd) {
                fd->message = qc_arena_printf(&c->f->arena,
                    "the sources disagree about the speaker: %s (%s) but %s (%s)",
                    ref->speaker, qc_outlet_name(ref->src), real[0]->speaker,
                    qc_outlet_name(real[0]->src));
                fd->quote = qc_a(c, quote_text);
                fd->speaker = qc_a(c, dspeaker);
                qc_add_evidence(c, fd, ref->src, ref->start, ref->end, ref->speaker);
                for (size_t i = 0; i < nreal; i++)
                    qc_add_evidence(c, fd, real[i]->src, real[i]->start, real[i]->end,
                                    real[i]->speaker);
            }
        }
    }

    /* weak support */
    if (!wording_error && !speaker_error) {
        size_t nsup = 0, nlow = 0, clusters = 0;
        uint32_t seen[QC_MAX_HITS];
        double bestcred = 0;
        const qc_cand *sup[QC_MAX_HITS];
        for (size_t i = 0; i < nc; i++) {
            const qc_cand *k = &cands[i];
            if (!k->found || qc_alignment_edits(&k->al))
                continue;
            sup[nsup++] = k;
            const qc_article *m = k->src->meta;
            if (m && m->label && !strcmp(m->label, "low"))
                nlow++;
            if (m && m->credibility > bestcred)
                bestcred = m->credibility;
            uint32_t cl = m ? m->cluster : (uint32_t)k->src->article;
            bool dup = false;
            for (size_t j = 0; j < clusters; j++)
                if (seen[j] == cl)
                    dup = true;
            if (!dup)
                seen[clusters++] = cl;
        }
        bool all_low = nsup && nlow == nsup;
        bool single = nsup && clusters == 1 && bestcred < 0.75;
        if (all_low || single) {
            qc_finding *fd = qc_emit(c, QC_CODE_WEAK_SOURCE, q->start, q->end);
            if (fd) {
                const qc_article *m = sup[0]->src->meta;
                fd->message = qc_arena_printf(&c->f->arena,
                    "only %s carries this quote (%s%s, %s credibility)%s",
                    qc_outlet_name(sup[0]->src), m ? qc_outlet_kind_name(m->kind) : "unknown",
                    m && m->via_blog ? " reposted on a blog" : "",
                    m && m->label ? m->label : "unknown",
                    all_low ? "" : ": no independent source confirms it");
                fd->quote = qc_a(c, quote_text);
                fd->speaker = qc_a(c, dspeaker);
                for (size_t i = 0; i < nsup; i++)
                    qc_add_evidence(c, fd, sup[i]->src, sup[i]->start, sup[i]->end, sup[i]->speaker);
            }
        }
    }

done:
    for (size_t i = 0; i < nc; i++)
        qc_alignment_free(&cands[i].al);
    qc_mwords_free(&dw);
}

/* ---- figures ------------------------------------------------------------------ */

typedef struct qc_fmatch {
    qc_src *src;
    const qc_mfigure *mf;
    bool compatible;
} qc_fmatch;

static const char *qc_fig_text(qc_ctx *c, const qc_fmatch *m)
{
    const qc_figure *fg = m->mf->fig;
    return qc_an(c, m->src->text->data + fg->start, fg->end - fg->start);
}

/* A claim: the source figures that say the same (compatible with each
 * other and the same value and qualifier). */
typedef struct qc_claim {
    const qc_fmatch *first;
    size_t clusters;
    uint32_t cl[16];
    double cred;
    bool compatible;
    bool vague;
} qc_claim;

/* Do two figures carry the same qualifier ("at least"), or none? */
static bool qc_same_qualifier(const qc_figure *a, const qc_figure *b)
{
    if (!a->qualifier || !b->qualifier)
        return !a->qualifier && !b->qualifier;
    return !strcmp(a->qualifier, b->qualifier);
}

static bool qc_same_claim(const qc_figure *a, const qc_figure *b)
{
    if (a->value != b->value || a->value_max != b->value_max || a->vague != b->vague || a->kind != b->kind)
        return false;
    /* dates by what they name ("October 15" is not "October 22") */
    if (a->kind == QC_FIGURE_DATE &&
        (!a->normalized || !b->normalized || strcmp(a->normalized, b->normalized)))
        return false;
    return qc_same_qualifier(a, b) &&
           (!a->qualifier || a->unit == b->unit || (a->unit && b->unit && !strcmp(a->unit, b->unit)));
}

/* Are offsets a and b of text t in one sentence (no full stop, question
 * or exclamation mark before a space or line break, no line break, between
 * them)? */
static bool qc_same_sentence(const char *t, size_t a, size_t b)
{
    size_t lo = a < b ? a : b, hi = a < b ? b : a;
    for (size_t x = lo; x + 1 < hi; x++)
        if ((t[x] == '.' || t[x] == '!' || t[x] == '?' || t[x] == '\n') && (t[x + 1] == ' ' || t[x + 1] == '\n'))
            return false;
    return true;
}

static bool qc_same_paragraph(const char *t, size_t a, size_t b)
{
    size_t lo = a < b ? a : b, hi = a < b ? b : a;
    return !memchr(t + lo, '\n', hi - lo);
}

/* Does the draft's sentence holding fg give another figure equal to sf
 * (the same kind, value, unit and qualifier)? */
static bool qc_draft_sentence_has(qc_ctx *c, const qc_figure *fg, const qc_figure *sf)
{
    for (size_t i = 0; i < c->ex->nfigures; i++) {
        const qc_figure *o = &c->ex->figures[i];
        if (o == fg || o->kind != sf->kind || o->value != sf->value || o->value_max != sf->value_max ||
            o->vague != sf->vague || !qc_same_qualifier(o, sf) ||
            (o->unit ? !sf->unit || strcmp(o->unit, sf->unit) : sf->unit != NULL))
            continue;
        if (qc_same_sentence(c->dtext, o->start, fg->start))
            return true;
    }
    return false;
}

/* Does a source give another figure, other than a part listed in the
 * sentence that gives the draft's ("five pumps: two diesel pumps, …")? */
static bool qc_other_article_disagrees(const qc_fmatch *ms, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (ms[i].compatible)
            continue;
        bool part = false;
        for (size_t k = 0; k < n && !part; k++) {
            if (!ms[k].compatible || ms[k].src != ms[i].src)
                continue;
            /* the same sentence of the same article: a whole and its parts */
            part = qc_same_sentence(ms[i].src->text->data, ms[k].mf->fig->start, ms[i].mf->fig->start);
        }
        if (!part)
            return true;
    }
    return false;
}

/* Is s one of the draft's own sources — an article its quotations were
 * found in, or (with_related) one about the same story — or a copy of
 * one (the same near-duplicate cluster)? */
static bool qc_in_cluster_of(qc_ctx *c, const qc_src *s, const size_t *arts, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const qc_article *qm = qc_corpus_article(c->corpus, arts[k]);
        if (arts[k] == s->article || (s->meta && qm && s->meta->cluster == qm->cluster))
            return true;
    }
    return false;
}

static bool qc_own_article(qc_ctx *c, const qc_src *s, bool with_related)
{
    return qc_in_cluster_of(c, s, c->quote_articles.items, c->quote_articles.len) ||
           (with_related && qc_in_cluster_of(c, s, c->event_articles.items, c->event_articles.len));
}

/* Was article `art` published on the day of one of the articles the
 * draft's quotations were found in (true when the dates are not known)? */
static bool qc_same_day_as_sources(qc_ctx *c, size_t art)
{
    const qc_article *m = qc_corpus_article(c->corpus, art);
    /* (no quotation found: the story the draft is most like) */
    const size_t *own = c->quote_articles.len ? c->quote_articles.items : c->event_articles.items;
    size_t nown = c->quote_articles.len ? c->quote_articles.len : c->event_articles.len ? 1 : 0;
    if (!m || !m->date || !nown)
        return true;
    bool any = false;
    for (size_t i = 0; i < nown; i++) {
        const qc_article *q = qc_corpus_article(c->corpus, own[i]);
        if (!q || !q->date)
            return true;
        any = true;
        if (!strcmp(q->date, m->date))
            return true;
    }
    return !any;
}

static void qc_check_figure_run(qc_ctx *c, const qc_figure *fg, const size_t *arts, size_t narts)
{
    qc_mfigure d;
    qc_match_figure_prepare(&d, fg, c->ex->figures, c->ex->nfigures, c->dtext, c->dlen);
    c->f->figures_checked++;
    Array(qc_fmatch) ms = ARRAY_INIT;
    for (size_t a = 0; a < narts; a++) {
        qc_src *s = qc_src_get(c, arts[a]);
        /* a weekday names a day relative to its story's date: one of a
         * story published on another day than the draft's own sources is
         * another day ("Sunday night" in Monday's story, "Wednesday" in
         * Thursday's) */
        if (d.date_form == QC_DATE_WEEKDAY && !qc_same_day_as_sources(c, arts[a]))
            continue;
        qc_src_figures(c, s);
        for (size_t i = 0; i < s->nfigs; i++) {
            if (!qc_match_figure_same_thing(&d, &s->figs[i]) && !qc_match_figure_restates(&d, &s->figs[i]))
                continue;
            qc_fmatch m = { s, &s->figs[i], qc_match_figure_compatible(&d, &s->figs[i]) };
            array_push(&ms, m);
        }
    }
    if (!ms.len) {
        array_free(&ms);
        return;
    }
    /* claims */
    qc_claim claims[16];
    size_t ncl = 0;
    for (size_t i = 0; i < ms.len; i++) {
        const qc_fmatch *m = &ms.items[i];
        qc_claim *cl = NULL;
        for (size_t k = 0; k < ncl && !cl; k++)
            if (qc_same_claim(claims[k].first->mf->fig, m->mf->fig))
                cl = &claims[k];
        if (!cl) {
            if (ncl == 16)
                continue;
            cl = &claims[ncl++];
            memset(cl, 0, sizeof *cl);
            cl->first = m;
            cl->compatible = m->compatible;
            cl->vague = m->mf->fig->vague;
        }
        const qc_article *am = m->src->meta;
        uint32_t id = am ? am->cluster : (uint32_t)m->src->article;
        bool dup = false;
        for (size_t k = 0; k < cl->clusters; k++)
            if (cl->cl[k] == id)
                dup = true;
        if (!dup && cl->clusters < 16)
            cl->cl[cl->clusters++] = id;
        if (am && am->credibility > cl->cred)
            cl->cred = am->credibility;
    }
    bool any_compat = false, precise_compat = false, any_precise = false, any_incompat = false;
    for (size_t k = 0; k < ncl; k++) {
        if (!claims[k].vague)
            any_precise = true;
        if (claims[k].compatible) {
            any_compat = true;
            if (!claims[k].vague)
                precise_compat = true;
        } else {
            any_incompat = true;
        }
    }
    bool supported = fg->vague ? any_compat : (precise_compat || (!any_precise && any_compat));
    /* An exact draft number that only fits an open bound ("three" against
     * "at least two") while another source states a different exact number
     * ("two") is not supported: no source says it. */
    if (supported && !fg->vague && !fg->qualifier && any_incompat) {
        bool exact_compat = false;
        for (size_t k = 0; k < ncl; k++) {
            const qc_figure *sf = claims[k].first->mf->fig;
            if (claims[k].compatible && !claims[k].vague && (!sf->qualifier || !strcmp(sf->qualifier, "about")))
                exact_compat = true;
        }
        if (!exact_compat)
            supported = false;
    }
    /* "… two shotguns and one lever-action firearm" where the source lists
     * "the five firearms …: two shotguns, and one lever-action": the
     * draft's number with the same word beside it is in a source too — a
     * part of the whole, not another count of it */
    bool by_part = false;   /* supported by a part of a list or the same claim elsewhere */
    if (!supported && any_incompat && !fg->vague && (fg->kind == QC_FIGURE_COUNT || fg->kind == QC_FIGURE_OTHER)) {
        /* the source says exactly the draft's claim about the same counted
         * thing elsewhere ("broke into at least two pieces" / "breaking into
         * at least two pieces", while another line has "two pieces") */
        for (size_t k = 0; k < ms.len && !supported && d.head; k++) {
            const qc_src *src = ms.items[k].src;
            if (k > 0 && ms.items[k - 1].src == src)
                continue;   /* (scanned already) */
            for (size_t i = 0; i < src->nfigs && !supported; i++) {
                const qc_figure *o = src->figs[i].fig;
                supported = src->figs[i].head == d.head && o->kind == fg->kind && o->value == fg->value &&
                            o->value_max == fg->value_max && !o->vague && qc_same_qualifier(fg, o);
            }
        }
        for (size_t k = 0; k < ms.len && !supported; k++) {
            const qc_fmatch *m = &ms.items[k];
            if (m->compatible)
                continue;
            const char *st = m->src->text->data;
            for (size_t i = 0; i < m->src->nfigs && !supported; i++) {
                const qc_mfigure *sf = &m->src->figs[i];
                if (sf == m->mf || sf->fig->value != fg->value || sf->fig->value_max != fg->value_max ||
                    sf->fig->vague)
                    continue;
                /* the same word beside it, or the same two words before it
                 * ("up from 2.48 hectares" / "up from 2.48 (6.12 acres)") */
                bool near = (d.near_r && d.near_r == sf->near_r) || (d.near_l && d.near_l == sf->near_l);
                if (!near && !qc_same_words_before(c->dtext, fg->start, st, sf->fig->start))
                    continue;
                /* and saying the same: no qualifier dropped or changed */
                bool same_q = qc_same_qualifier(fg, sf->fig);
                if (sf->fig->kind == fg->kind ? !qc_match_figure_compatible(&d, sf) : !same_q)
                    continue;
                if (!near && !same_q)
                    continue;
                /* in the same sentence as the count it is part of, or in
                 * the same paragraph when the draft's sentence gives both
                 * numbers too ("About three years ago. However we started
                 * in earnest about 2 years ago." / "about three years ago,
                 * … in earnest about 2 years ago") */
                supported = qc_same_sentence(st, sf->fig->start, m->mf->fig->start) ||
                            (qc_same_paragraph(st, sf->fig->start, m->mf->fig->start) &&
                             qc_draft_sentence_has(c, fg, m->mf->fig));
            }
        }
        by_part = supported;
    }
    /* the claims, most independent sources first, then credibility */
    for (size_t i = 1; i < ncl; i++)
        for (size_t j = i; j > 0; j--) {
            qc_claim *x = &claims[j], *y = &claims[j - 1];
            bool better = x->vague != y->vague ? !x->vague
                        : x->clusters != y->clusters ? x->clusters > y->clusters
                        : x->cred > y->cred;
            if (!better)
                break;
            qc_claim t = *x;
            *x = *y;
            *y = t;
        }
    const char *dtext = qc_an(c, c->draft->data + fg->start, fg->end - fg->start);
    qc_strbuf list = QC_STRBUF_INIT;
    for (size_t k = 0; k < ncl; k++) {
        qc_strbuf_printf(&list, "%s\"%s\" (", k ? "; " : "", qc_fig_text(c, claims[k].first));
        bool first = true;
        for (size_t i = 0; i < ms.len; i++) {
            if (!qc_same_claim(ms.items[i].mf->fig, claims[k].first->mf->fig))
                continue;
            const char *o = qc_outlet_name(ms.items[i].src);
            /* outlets once */
            bool seen = false;
            for (size_t j = 0; j < i && !seen; j++)
                if (qc_same_claim(ms.items[j].mf->fig, claims[k].first->mf->fig) &&
                    !strcmp(qc_outlet_name(ms.items[j].src), o))
                    seen = true;
            if (seen)
                continue;
            qc_strbuf_printf(&list, "%s%s", first ? "" : ", ", o);
            first = false;
        }
        qc_strbuf_addc(&list, ')');
    }
    /* the draft's quotations were found in some articles (its own
     * sources): a figure none of those, nor any article about the draft's
     * story (related at least half as strongly as the best), gives
     * otherwise is not contradicted by another story that only shares some
     * words with the sentence ("The study began in 2017" / an interview's
     * "since March last year [2018]") */
    /* (a date only where the quotations were found, when they were: a
     * long interview shares words with many stories, and years) */
    bool with_related = fg->kind != QC_FIGURE_DATE || !c->quote_articles.len;
    bool anchored = !c->quote_articles.len;
    for (size_t i = 0; i < ms.len && !anchored; i++)
        anchored = !ms.items[i].compatible && qc_own_article(c, ms.items[i].src, with_related);
    if (!supported && any_incompat && anchored) {
        qc_finding *fd = qc_emit(c, QC_CODE_FIGURE_MISMATCH, fg->start, fg->end);
        if (fd) {
            const qc_claim *best = NULL;
            for (size_t k = 0; k < ncl && !best; k++)
                if (!claims[k].compatible)
                    best = &claims[k];
            fd->message = qc_arena_printf(&c->f->arena, "the draft says \"%s\"; the sources say %s",
                                          dtext, qc_strbuf_cstr(&list));
            fd->quote = dtext;
            const qc_figure *sf = best->first->mf->fig;
            const char *st = best->first->src->text->data;
            /* replace the qualifier and number: draft [start, num_end) */
            size_t rs = fg->start, re = fg->num_end > fg->start ? fg->num_end : fg->end;
            char *repl = qc_an(c, st + sf->start, (sf->num_end > sf->start ? sf->num_end : sf->end) - sf->start);
            if (isupper((unsigned char)c->draft->data[rs]) && islower((unsigned char)repl[0]))
                repl[0] = (char)toupper((unsigned char)repl[0]);
            else if (islower((unsigned char)c->draft->data[rs]) && isupper((unsigned char)repl[0]) &&
                     isalpha((unsigned char)repl[1]) && islower((unsigned char)repl[1]))
                repl[0] = (char)tolower((unsigned char)repl[0]);
            char *title = qc_arena_printf(&c->f->arena, "Use the sources' figure: %s", repl);
            qc_add_fix(c, fd, title, rs, re, repl);
            for (size_t k = 0; k < ncl; k++)
                if (!claims[k].compatible)
                    qc_add_evidence(c, fd, claims[k].first->src, claims[k].first->mf->fig->start,
                                    claims[k].first->mf->fig->end, NULL);
        }
    } else if (supported && any_incompat && !by_part && qc_other_article_disagrees(ms.items, ms.len)) {
        qc_finding *fd = qc_emit(c, QC_CODE_SOURCES_DISAGREE, fg->start, fg->end);
        if (fd) {
            fd->message = qc_arena_printf(&c->f->arena, "the sources disagree about \"%s\": %s",
                                          dtext, qc_strbuf_cstr(&list));
            fd->quote = dtext;
            for (size_t k = 0; k < ncl; k++)
                qc_add_evidence(c, fd, claims[k].first->src, claims[k].first->mf->fig->start,
                                claims[k].first->mf->fig->end, NULL);
        }
    } else if (supported && !by_part && fg->kind != QC_FIGURE_DATE) {
        /* (a date is not a claim that needs a credible source) */
        bool all_low = true;
        for (size_t i = 0; i < ms.len; i++)
            if (ms.items[i].compatible && !(ms.items[i].src->meta && ms.items[i].src->meta->label &&
                                           !strcmp(ms.items[i].src->meta->label, "low")))
                all_low = false;
        if (all_low) {
            qc_finding *fd = qc_emit(c, QC_CODE_WEAK_SOURCE, fg->start, fg->end);
            if (fd) {
                fd->message = qc_arena_printf(&c->f->arena,
                    "only low-credibility sources give \"%s\": %s", dtext, qc_strbuf_cstr(&list));
                fd->quote = dtext;
                for (size_t i = 0; i < ms.len; i++)
                    qc_add_evidence(c, fd, ms.items[i].src, ms.items[i].mf->fig->start,
                                    ms.items[i].mf->fig->end, NULL);
            }
        }
    }
    qc_strbuf_free(&list);
    array_free(&ms);
}


/* ---- the per-document cache (qc_check_cached) ---------------------------------- */

typedef struct qc_centry {
    uint64_t hash;
    char *key;
    size_t klen;
    qc_arena arena;
    qc_finding *items;          /* positions relative to the entry's anchor */
    size_t n;
    size_t *arts;               /* articles remembered, in order (quotes) */
    size_t narts;
    size_t quotes, figures;     /* what it adds to the counters */
    unsigned long used;         /* the last check that used it */
} qc_centry;

struct qc_check_cache {
    const qc_corpus *corpus;
    const qc_config *cfg;
    const qc_source_history *hist;
    char *ents;                 /* the draft's entities, serialised */
    size_t nents;
    unsigned long ents_gen;
    char *arts;                 /* the articles figures were compared with */
    size_t narts;
    unsigned long arts_gen;
    Array(qc_centry *) entries;
    uint32_t *index;            /* entry position + 1; 0 empty */
    size_t icap;
    unsigned long gen;
    size_t hits, misses;
};

static uint64_t qc_fnv(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ull;
    }
    return h;
}

static void qc_centry_free(qc_centry *e)
{
    free(e->key);
    free(e->arts);
    qc_arena_free(&e->arena);
    free(e);
}

static void qc_cache_reindex(qc_check_cache *k)
{
    size_t cap = 16;
    while (cap < 2 * (k->entries.len + 1))
        cap *= 2;
    free(k->index);
    k->icap = cap;
    k->index = qc_calloc(cap, sizeof *k->index);
    for (size_t i = 0; i < k->entries.len; i++) {
        size_t sl = k->entries.items[i]->hash & (cap - 1);
        while (k->index[sl])
            sl = (sl + 1) & (cap - 1);
        k->index[sl] = (uint32_t)(i + 1);
    }
}

static qc_centry *qc_cache_find(const qc_check_cache *k, uint64_t h, const char *key, size_t klen)
{
    if (!k->icap)
        return NULL;
    for (size_t sl = h & (k->icap - 1); k->index[sl]; sl = (sl + 1) & (k->icap - 1)) {
        qc_centry *e = k->entries.items[k->index[sl] - 1];
        if (e->hash == h && e->klen == klen && !memcmp(e->key, key, klen))
            return e;
    }
    return NULL;
}

static void qc_cache_insert(qc_check_cache *k, qc_centry *e)
{
    array_push(&k->entries, e);
    if (2 * (k->entries.len + 1) > k->icap) {
        qc_cache_reindex(k);
        return;
    }
    size_t sl = e->hash & (k->icap - 1);
    while (k->index[sl])
        sl = (sl + 1) & (k->icap - 1);
    k->index[sl] = (uint32_t)k->entries.len;
}

qc_check_cache *qc_check_cache_new(void)
{
    return qc_calloc(1, sizeof(qc_check_cache));
}

void qc_check_cache_clear(qc_check_cache *self)
{
    if (!self)
        return;
    for (size_t i = 0; i < self->entries.len; i++)
        qc_centry_free(self->entries.items[i]);
    self->entries.len = 0;
    free(self->index);
    self->index = NULL;
    self->icap = 0;
    free(self->ents);
    self->ents = NULL;
    self->nents = 0;
    free(self->arts);
    self->arts = NULL;
    self->narts = 0;
    self->ents_gen++;
    self->arts_gen++;
    self->corpus = NULL;
    self->cfg = NULL;
    self->hist = NULL;
}

void qc_check_cache_delete(qc_check_cache *self)
{
    if (!self)
        return;
    qc_check_cache_clear(self);
    array_free(&self->entries);
    free(self);
}

void qc_check_cache_stats(const qc_check_cache *self, size_t *hits, size_t *misses)
{
    *hits = self ? self->hits : 0;
    *misses = self ? self->misses : 0;
}

/* A blob compared with the cache's copy: a new generation when it differs. */
static void qc_cache_blob(char **have, size_t *nhave, unsigned long *gen, const char *blob, size_t n)
{
    if (*have && *nhave == n && !memcmp(*have, blob, n))
        return;
    free(*have);
    *have = qc_malloc(n ? n : 1);
    if (n)
        memcpy(*have, blob, n);
    *nhave = n;
    (*gen)++;
}

static void qc_key_u64(qc_strbuf *b, uint64_t v) { qc_strbuf_add(b, (const char *)&v, sizeof v); }

static void qc_key_str(qc_strbuf *b, const char *s)
{
    if (!s) {
        qc_key_u64(b, UINT64_MAX);
        return;
    }
    size_t n = strlen(s);
    qc_key_u64(b, n);
    qc_strbuf_add(b, s, n);
}

/* the draft's bytes (and the prose mask's) in [lo, hi), and whether the
 * range touches either end of the draft */
static void qc_key_region(const qc_ctx *c, qc_strbuf *b, size_t lo, size_t hi)
{
    qc_key_u64(b, lo == 0);
    qc_key_u64(b, hi == c->dlen);
    qc_key_u64(b, hi - lo);
    qc_strbuf_add(b, c->draft->data + lo, hi - lo);
    bool mask = c->dtext != c->draft->data;
    qc_key_u64(b, mask);
    if (mask)
        qc_strbuf_add(b, c->dtext + lo, hi - lo);
}

/* the start of pos's line, or SIZE_MAX when it is more than max bytes back */
static size_t qc_line_start(const char *t, size_t pos, size_t max)
{
    size_t lim = pos > max ? pos - max : 0;
    while (pos > lim && t[pos - 1] != '\n')
        pos--;
    return pos > 0 && t[pos - 1] != '\n' ? SIZE_MAX : pos;
}

/* the end of pos's line, or SIZE_MAX when it is more than max bytes on */
static size_t qc_line_end(const char *t, size_t len, size_t pos, size_t max)
{
    size_t lim = len - pos > max ? pos + max : len;
    while (pos < lim && t[pos] != '\n')
        pos++;
    return pos < len && t[pos] != '\n' ? SIZE_MAX : pos;
}

/* Everything a quote's findings depend on besides the corpus, config and
 * history: the lines that hold the quote and its speaker, the quote's
 * fields relative to them, the speaker's context (qc_context: its line and
 * the line naming the speaker first) and the draft's entities. Returns
 * the anchor (start of the lines). */
#define QC_KEY_MAX_REGION 16384   /* longer lines are checked without the cache */

static size_t qc_quote_key(qc_ctx *c, const qc_quote *q, qc_strbuf *b)
{
    size_t sp_end;
    const char *dsp = qc_draft_speaker(c, q, &sp_end);
    bool has_sp = q->speaker_end > q->speaker_start;
    size_t a = q->start < q->inner_start ? q->start : q->inner_start;
    size_t z = q->end > q->inner_end ? q->end : q->inner_end;
    if (has_sp) {
        if (q->speaker_start < a)
            a = q->speaker_start;
        if (q->speaker_end > z)
            z = q->speaker_end;
        if (sp_end > z)
            z = sp_end;
    }
    if (z > c->dlen)
        z = c->dlen;
    if (a > z)
        a = z;
    size_t lo = qc_line_start(c->draft->data, a, QC_KEY_MAX_REGION);
    size_t hi = qc_line_end(c->draft->data, c->dlen, z, QC_KEY_MAX_REGION);
    if (lo == SIZE_MAX || hi == SIZE_MAX || z - a > QC_KEY_MAX_REGION)
        return SIZE_MAX;
    if (lo > 0)
        lo--;
    if (hi < c->dlen)
        hi++;
    if (hi - lo > QC_KEY_MAX_REGION)
        return SIZE_MAX;
    qc_strbuf_addc(b, 'Q');
    qc_key_u64(b, c->cache->ents_gen);
    qc_key_region(c, b, lo, hi);
    qc_key_u64(b, q->start - lo);
    qc_key_u64(b, q->end - lo);
    qc_key_u64(b, q->inner_start - lo);
    qc_key_u64(b, q->inner_end - lo);
    qc_key_u64(b, has_sp);
    qc_key_u64(b, has_sp ? q->speaker_start - lo : 0);
    qc_key_u64(b, has_sp ? q->speaker_end - lo : 0);
    qc_key_str(b, q->text);
    qc_key_str(b, q->speaker);
    qc_key_str(b, q->speaker_text);
    qc_key_str(b, dsp);
    if (dsp) {
        size_t n;
        char *ctx = qc_context(c->draft->data, c->draft->len, q->start, dsp, &n);
        qc_key_u64(b, n);
        qc_strbuf_add(b, ctx, n);
        free(ctx);
        if (n > 2 * QC_KEY_MAX_REGION)
            return SIZE_MAX;
    }
    return lo;
}

/* A figure: its sentence (qc_match_figure_prepare reads at most 600 bytes
 * either side, within its line), its fields, and the articles compared. */
static size_t qc_figure_key(qc_ctx *c, const qc_figure *fg, qc_strbuf *b)
{
    size_t ls = qc_line_start(c->draft->data, fg->start, 610);
    size_t le = qc_line_end(c->draft->data, c->dlen, fg->end, 610);
    size_t lo = ls == SIZE_MAX ? fg->start - 610 : ls >= 3 ? ls - 3 : 0;
    if (fg->start > 610 && fg->start - 610 > lo)
        lo = fg->start - 610;
    size_t hi = le == SIZE_MAX ? fg->end + 610 : le + 2 < c->dlen ? le + 2 : c->dlen;
    if (fg->end + 610 < hi)
        hi = fg->end + 610;
    if (fg->end < fg->start || fg->end - fg->start > QC_KEY_MAX_REGION)
        return SIZE_MAX;
    qc_strbuf_addc(b, 'F');
    qc_key_u64(b, c->cache->arts_gen);
    qc_key_region(c, b, lo, hi);
    qc_key_u64(b, fg->start - lo);
    qc_key_u64(b, fg->end - lo);
    qc_key_u64(b, fg->num_start - lo);
    qc_key_u64(b, fg->num_end - lo);
    qc_key_u64(b, (uint64_t)fg->kind);
    qc_strbuf_add(b, (const char *)&fg->value, sizeof fg->value);
    qc_strbuf_add(b, (const char *)&fg->value_max, sizeof fg->value_max);
    qc_key_u64(b, fg->vague);
    qc_key_u64(b, fg->in_quote);
    qc_key_str(b, fg->qualifier);
    qc_key_str(b, fg->unit);
    qc_key_str(b, fg->counts);
    qc_key_str(b, fg->normalized);
    return lo;
}

static const char *qc_dup(qc_arena *ar, const char *s) { return s ? qc_arena_strdup(ar, s) : NULL; }

/* a deep copy of a finding, its draft positions moved by (to - from) */
static void qc_finding_copy(qc_arena *ar, qc_finding *d, const qc_finding *s, size_t from, size_t to)
{
    *d = *s;
    d->start = s->start - from + to;
    d->end = s->end - from + to;
    d->message = qc_dup(ar, s->message);
    d->quote = qc_dup(ar, s->quote);
    d->speaker = qc_dup(ar, s->speaker);
    d->diff = qc_dup(ar, s->diff);
    d->evidence = NULL;
    if (s->nevidence) {
        d->evidence = qc_arena_alloc(ar, s->nevidence * sizeof *d->evidence);
        for (size_t i = 0; i < s->nevidence; i++) {
            d->evidence[i] = s->evidence[i];
            d->evidence[i].speaker = qc_dup(ar, s->evidence[i].speaker);
            d->evidence[i].text = qc_dup(ar, s->evidence[i].text);
            d->evidence[i].revision = qc_dup(ar, s->evidence[i].revision);
        }
    }
    d->fixes = NULL;
    if (s->nfixes) {
        d->fixes = qc_arena_alloc(ar, s->nfixes * sizeof *d->fixes);
        for (size_t i = 0; i < s->nfixes; i++) {
            d->fixes[i].title = qc_dup(ar, s->fixes[i].title);
            d->fixes[i].replacement = qc_dup(ar, s->fixes[i].replacement);
            d->fixes[i].start = s->fixes[i].start - from + to;
            d->fixes[i].end = s->fixes[i].end - from + to;
        }
    }
}

/* Replays a cached result at `anchor`; false when there is none. */
static bool qc_cache_replay(qc_ctx *c, const qc_strbuf *key, uint64_t h, size_t anchor)
{
    qc_centry *e = qc_cache_find(c->cache, h, key->data, key->len);
    if (!e)
        return false;
    e->used = c->cache->gen;
    c->cache->hits++;
    for (size_t i = 0; i < e->n; i++) {
        qc_finding fd;
        qc_finding_copy(&c->f->arena, &fd, &e->items[i], 0, anchor);
        array_push(&c->out, fd);
    }
    for (size_t i = 0; i < e->narts; i++)
        qc_remember_article(c, e->arts[i]);
    c->f->quotes_checked += e->quotes;
    c->f->figures_checked += e->figures;
    return true;
}

static void qc_cache_store(qc_ctx *c, qc_strbuf *key, uint64_t h, size_t anchor, size_t out0,
                           size_t quotes0, size_t figures0)
{
    qc_centry *e = qc_calloc(1, sizeof *e);
    e->hash = h;
    e->klen = key->len;
    e->key = qc_strbuf_detach(key);
    e->n = c->out.len - out0;
    if (e->n) {
        e->items = qc_arena_alloc(&e->arena, e->n * sizeof *e->items);
        for (size_t i = 0; i < e->n; i++)
            qc_finding_copy(&e->arena, &e->items[i], &c->out.items[out0 + i], anchor, 0);
    }
    e->narts = c->cur_arts.len;
    if (e->narts) {
        e->arts = qc_malloc(e->narts * sizeof *e->arts);
        memcpy(e->arts, c->cur_arts.items, e->narts * sizeof *e->arts);
    }
    e->quotes = c->f->quotes_checked - quotes0;
    e->figures = c->f->figures_checked - figures0;
    e->used = c->cache->gen;
    c->cache->misses++;
    qc_cache_insert(c->cache, e);
}

static void qc_check_quote(qc_ctx *c, const qc_quote *q)
{
    if (!c->cache) {
        qc_check_quote_run(c, q);
        return;
    }
    qc_strbuf key = QC_STRBUF_INIT;
    size_t anchor = qc_quote_key(c, q, &key);
    if (anchor == SIZE_MAX) {
        qc_strbuf_free(&key);
        qc_check_quote_run(c, q);
        return;
    }
    uint64_t h = qc_fnv(key.data, key.len);
    if (qc_cache_replay(c, &key, h, anchor)) {
        qc_strbuf_free(&key);
        return;
    }
    size_t out0 = c->out.len, q0 = c->f->quotes_checked, f0 = c->f->figures_checked;
    c->cur_arts.len = 0;
    qc_check_quote_run(c, q);
    qc_cache_store(c, &key, h, anchor, out0, q0, f0);
    qc_strbuf_free(&key);
}

static void qc_check_figure(qc_ctx *c, const qc_figure *fg, const size_t *arts, size_t narts)
{
    if (!c->cache) {
        qc_check_figure_run(c, fg, arts, narts);
        return;
    }
    qc_strbuf key = QC_STRBUF_INIT;
    size_t anchor = qc_figure_key(c, fg, &key);
    if (anchor == SIZE_MAX) {
        qc_strbuf_free(&key);
        qc_check_figure_run(c, fg, arts, narts);
        return;
    }
    uint64_t h = qc_fnv(key.data, key.len);
    if (qc_cache_replay(c, &key, h, anchor)) {
        qc_strbuf_free(&key);
        return;
    }
    size_t out0 = c->out.len, q0 = c->f->quotes_checked, f0 = c->f->figures_checked;
    c->cur_arts.len = 0;
    qc_check_figure_run(c, fg, arts, narts);
    qc_cache_store(c, &key, h, anchor, out0, q0, f0);
    qc_strbuf_free(&key);
}

/* before a check: a new generation; forget everything when the corpus,
 * config or history changed; note the draft's entities */
static void qc_cache_begin(qc_ctx *c)
{
    qc_check_cache *k = c->cache;
    if (k->corpus != c->corpus || k->cfg != c->cfg || k->hist != c->hist) {
        qc_check_cache_clear(k);
        k->corpus = c->corpus;
        k->cfg = c->cfg;
        k->hist = c->hist;
    }
    k->gen++;
    qc_strbuf b = QC_STRBUF_INIT;
    for (size_t i = 0; i < c->ex->nentities; i++) {
        const qc_entity *e = &c->ex->entities[i];
        qc_key_str(&b, e->name);
        qc_key_u64(&b, e->is_org);
        qc_key_u64(&b, e->naliases);
        for (size_t a = 0; a < e->naliases; a++)
            qc_key_str(&b, e->aliases[a]);
    }
    qc_cache_blob(&k->ents, &k->nents, &k->ents_gen, b.data, b.len);
    qc_strbuf_free(&b);
}

/* after a check: drop entries the last two checks did not use */
static void qc_cache_end(qc_ctx *c)
{
    qc_check_cache *k = c->cache;
    size_t w = 0;
    for (size_t i = 0; i < k->entries.len; i++) {
        qc_centry *e = k->entries.items[i];
        if (e->used + 1 >= k->gen)
            k->entries.items[w++] = e;
        else
            qc_centry_free(e);
    }
    if (w != k->entries.len) {
        k->entries.len = w;
        qc_cache_reindex(k);
    }
}

/* ---- qc_check ----------------------------------------------------------------- */

static int qc_cmp_finding(const void *a, const void *b)
{
    const qc_finding *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (int)x->code - (int)y->code;
}

qc_findings *qc_check(qc_corpus *corpus, const qc_config *config, const qc_text *draft,
                      const qc_prose *prose, const qc_extraction *ex)
{
    return qc_check_with(corpus, config, draft, prose, ex, NULL);
}

static qc_findings *qc_check_run(qc_check_cache *cache, qc_corpus *corpus,
                                 const qc_config *config, const qc_text *draft,
                                 const qc_prose *prose, const qc_extraction *ex,
                                 const qc_source_history *history);

qc_findings *qc_check_with(qc_corpus *corpus, const qc_config *config, const qc_text *draft,
                           const qc_prose *prose, const qc_extraction *ex,
                           const qc_source_history *history)
{
    return qc_check_run(NULL, corpus, config, draft, prose, ex, history);
}

qc_findings *qc_check_cached(qc_check_cache *cache, qc_corpus *corpus, const qc_config *config,
                             const qc_text *draft, const qc_prose *prose,
                             const qc_extraction *ex, const qc_source_history *history)
{
    return qc_check_run(cache, corpus, config, draft, prose, ex, history);
}

static qc_findings *qc_check_run(qc_check_cache *cache, qc_corpus *corpus,
                                 const qc_config *config, const qc_text *draft,
                                 const qc_prose *prose, const qc_extraction *ex,
                                 const qc_source_history *history)
{
    qc_findings *f = qc_calloc(1, sizeof *f);
    if (!ex || !draft || !corpus || !qc_corpus_count(corpus))
        return f;
    qc_ctx c;
    memset(&c, 0, sizeof c);
    c.corpus = corpus;
    c.cfg = config;
    c.draft = draft;
    c.dtext = prose && prose->mask && prose->len == draft->len ? prose->mask : draft->data;
    c.dlen = draft->len;
    c.ex = ex;
    c.f = f;
    c.hist = history;
    c.cache = cache;
    if (cache)
        qc_cache_begin(&c);

    for (size_t i = 0; i < ex->nquotes; i++) {
        const qc_quote *q = &ex->quotes[i];
        if (qc_masked(&c, q->inner_start) || q->inner_end > c.dlen)
            continue;
        qc_check_quote(&c, q);
    }

    size_t arts[QC_MAX_RELATED + 32];
    size_t narts = 0;
    qc_corpus_related_hit rel[QC_MAX_RELATED];
    size_t nrel = qc_corpus_related(corpus, c.dtext, c.dlen, rel, QC_MAX_RELATED);
    /* related: sharing at least a quarter as much of the draft's rare
     * wording as the best match (long compilations share a little with
     * everything) */
    for (size_t i = 0; i < nrel; i++)
        if (rel[i].score >= 0.25 * rel[0].score) {
            arts[narts++] = rel[i].article;
            if (rel[i].score >= 0.5 * rel[0].score)
                array_push(&c.event_articles, rel[i].article);
        }
    for (size_t i = 0; i < c.quote_articles.len && narts < sizeof arts / sizeof *arts; i++) {
        bool dup = false;
        for (size_t k = 0; k < narts && !dup; k++)
            if (arts[k] == c.quote_articles.items[i])
                dup = true;
        if (!dup)
            arts[narts++] = c.quote_articles.items[i];
    }
    if (cache) {
        /* the figures' results depend on the related articles and on where
         * the quotations were found (figure checks are anchored there) */
        size_t key[2 * (QC_MAX_RELATED + 32) + 1];
        size_t nkey = narts;
        memcpy(key, arts, narts * sizeof *arts);
        key[nkey++] = SIZE_MAX;
        for (size_t i = 0; i < c.quote_articles.len && nkey < sizeof key / sizeof *key; i++)
            key[nkey++] = c.quote_articles.items[i];
        if (nkey < sizeof key / sizeof *key)
            key[nkey++] = SIZE_MAX;
        for (size_t i = 0; i < c.event_articles.len && nkey < sizeof key / sizeof *key; i++)
            key[nkey++] = c.event_articles.items[i];
        qc_cache_blob(&cache->arts, &cache->narts, &cache->arts_gen, (const char *)key, nkey * sizeof *key);
    }
    for (size_t i = 0; i < ex->nfigures; i++) {
        const qc_figure *fg = &ex->figures[i];
        if (fg->in_quote || qc_masked(&c, fg->start) ||
            fg->end > c.dlen || qc_headline_repeats(prose, ex, fg))
            continue;
        qc_check_figure(&c, fg, arts, narts);
    }

    if (c.out.len) {
        qsort(c.out.items, c.out.len, sizeof *c.out.items, qc_cmp_finding);
        f->items = qc_arena_alloc(&f->arena, c.out.len * sizeof *f->items);
        memcpy(f->items, c.out.items, c.out.len * sizeof *f->items);
        f->len = c.out.len;
    }
    array_free(&c.out);
    for (size_t i = 0; i < c.srcs.len; i++)
        qc_src_free(c.srcs.items[i]);
    array_free(&c.srcs);
    array_free(&c.quote_articles);
    array_free(&c.event_articles);
    array_free(&c.cur_arts);
    if (cache)
        qc_cache_end(&c);
    return f;
}
