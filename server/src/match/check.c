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
 *     dropped run of 5+ words holding a sentence end is "spliced".
 *   - speaker: for every found passage that lies inside one of the
 *     source's own quotations (half its matched words or more), that
 *     quotation's speaker is compared with the draft's (speakers.c). Any
 *     SAME: fine (plus sources-disagree, info, when another source gives
 *     the words to someone else). None SAME and one DIFFERENT:
 *     misattributed-quote (error), fix = the sources' speaker. A passage
 *     outside source quotations (a statement's own text, a paraphrase) or
 *     a draft quote without a speaker never gives a misattribution.
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
 */
#include "match/match.h"
#include "match/match_internal.h"
#include "config/config.h"
#include "corpus/corpus.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <ctype.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
enum { QC_AUX_WORDS = 0, QC_AUX_FIGS = 1 };

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
            if (fg->kind == QC_FIGURE_DATE)
                continue;
            qc_match_figure_prepare(&d->figs[d->nfigs++], fg, s->text->data, s->text->len);
        }
        d = qc_corpus_article_aux_install(c->corpus, s->article, QC_AUX_FIGS, d,
                                          qc_src_figs_data_free);
    }
    if (d) {
        s->figs = d->figs;
        s->nfigs = d->nfigs;
    }
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
    e->speaker = speaker;
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
    if (!eq || speech * 2 < eq)
        return;
    size_t best = 0;
    for (size_t q = 0; q < ex->nquotes; q++) {
        const qc_quote *sq = &ex->quotes[q];
        size_t lo = sq->inner_start > k->start ? sq->inner_start : k->start;
        size_t hi = sq->inner_end < k->end ? sq->inner_end : k->end;
        if (hi > lo && hi - lo > best) {
            best = hi - lo;
            k->sq = sq;
        }
    }
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

static bool qc_masked(const qc_ctx *c, size_t pos)
{
    if (c->dtext == c->draft->data || pos >= c->dlen)
        return false;
    return c->dtext[pos] == ' ' && c->draft->data[pos] != ' ';
}

static void qc_remember_article(qc_ctx *c, size_t article)
{
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
                e->speaker = k->speaker;
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

static void qc_check_quote(qc_ctx *c, const qc_quote *q)
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
                if (al->spliced && !al->subs && !al->ins) {
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
        int same = 0, diff = 0;
        const qc_cand *diff_c[QC_MAX_HITS];
        const qc_cand *same_c[QC_MAX_HITS];
        size_t ndiff = 0, nsame = 0;
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
            qc_speaker_cmp r = qc_match_speakers(c->cfg, &ds, &ss);
            free(sctx);
            if (r == QC_SPEAKER_SAME) {
                same++;
                same_c[nsame++] = k;
            } else if (r == QC_SPEAKER_DIFFERENT) {
                diff++;
                diff_c[ndiff++] = k;
            }
        }
        free(dctx);
        if (!same && diff) {
            speaker_error = true;
            qc_finding *fd = qc_emit(c, QC_CODE_MISATTRIBUTED_QUOTE, q->start, q->end);
            if (fd) {
                /* the sources' speaker: the first (best) one; outlets naming the same */
                const char *who = diff_c[0]->speaker;
                qc_strbuf outlets = QC_STRBUF_INIT;
                for (size_t i = 0; i < ndiff; i++) {
                    const char *o = qc_outlet_name(diff_c[i]->src);
                    if (strstr(qc_strbuf_cstr(&outlets), o))
                        continue;
                    qc_strbuf_printf(&outlets, "%s%s", outlets.len ? ", " : "", o);
                }
                fd->message = qc_arena_printf(&c->f->arena,
                    "quote attributed to %s, but the sources give it to %s (%s)", dspeaker, who,
                    qc_strbuf_cstr(&outlets));
                qc_strbuf_free(&outlets);
                fd->quote = qc_a(c, quote_text);
                fd->speaker = qc_a(c, dspeaker);
                if (sp_end > q->speaker_start) {
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
                if (qc_match_speakers(c->cfg, &rs, &ks) == QC_SPEAKER_DIFFERENT)
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

static bool qc_same_claim(const qc_figure *a, const qc_figure *b)
{
    if (a->value != b->value || a->value_max != b->value_max || a->vague != b->vague)
        return false;
    if (!a->qualifier || !b->qualifier)
        return !a->qualifier && !b->qualifier;
    return !strcmp(a->qualifier, b->qualifier) && (a->unit == b->unit || (a->unit && b->unit && !strcmp(a->unit, b->unit)));
}

static void qc_check_figure(qc_ctx *c, const qc_figure *fg, const size_t *arts, size_t narts)
{
    qc_mfigure d;
    qc_match_figure_prepare(&d, fg, c->dtext, c->dlen);
    c->f->figures_checked++;
    Array(qc_fmatch) ms = ARRAY_INIT;
    for (size_t a = 0; a < narts; a++) {
        qc_src *s = qc_src_get(c, arts[a]);
        qc_src_figures(c, s);
        for (size_t i = 0; i < s->nfigs; i++) {
            if (!qc_match_figure_same_thing(&d, &s->figs[i]))
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
    if (!supported && any_incompat) {
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
    } else if (supported && any_incompat) {
        qc_finding *fd = qc_emit(c, QC_CODE_SOURCES_DISAGREE, fg->start, fg->end);
        if (fd) {
            fd->message = qc_arena_printf(&c->f->arena, "the sources disagree about \"%s\": %s",
                                          dtext, qc_strbuf_cstr(&list));
            fd->quote = dtext;
            for (size_t k = 0; k < ncl; k++)
                qc_add_evidence(c, fd, claims[k].first->src, claims[k].first->mf->fig->start,
                                claims[k].first->mf->fig->end, NULL);
        }
    } else if (supported) {
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

qc_findings *qc_check_with(qc_corpus *corpus, const qc_config *config, const qc_text *draft,
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
    for (size_t i = 0; i < nrel; i++)
        arts[narts++] = rel[i].article;
    for (size_t i = 0; i < c.quote_articles.len && narts < sizeof arts / sizeof *arts; i++) {
        bool dup = false;
        for (size_t k = 0; k < narts && !dup; k++)
            if (arts[k] == c.quote_articles.items[i])
                dup = true;
        if (!dup)
            arts[narts++] = c.quote_articles.items[i];
    }
    for (size_t i = 0; i < ex->nfigures; i++) {
        const qc_figure *fg = &ex->figures[i];
        if (fg->in_quote || fg->kind == QC_FIGURE_DATE || qc_masked(&c, fg->start) ||
            fg->end > c.dlen)
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
    return f;
}
