/*
 * corpus/index.c — finding a quotation's passages, and articles about the
 * same story, through the word-pair index.
 *
 * The index (built in corpus.c, laid out in image.c) maps each adjacent
 * word pair, hashed into one of nbuckets buckets, to the articles that
 * contain it. Every pair is indexed — no winnowing — so a 2-word partial
 * quote ("severe revenge") is found by its one pair; a changed, dropped
 * or added word breaks only the one or two pairs around it, and the
 * others still point at the article.
 *
 * qc_corpus_search:
 *   1. the quote's distinct buckets, rarest first (list length = document
 *      frequency); common pairs are skipped once 3 rare ones are in
 *   2. candidates scored by summed idf of the buckets they appear in
 *   3. the best 16+ candidates verified on their text (loaded lazily): the
 *      positions where an exact quote pair occurs are hits, the densest
 *      window of hits is aligned to the quote word by word (LCS), and the
 *      passage is trimmed to the aligned words. Bucket collisions die here.
 * qc_corpus_related: the draft's distinct pairs, those in at most a few
 * percent of articles weighted by idf, summed per article.
 * Scores are summed in dense per-article cells (a scratch buffer per
 * concurrent search, pooled in the corpus), postings decoded a chunk at a
 * time with the cells prefetched: the same sums, in the same order, as a
 * hash table, without its probing and cache misses.
 */
#include "corpus/corpus_internal.h"
#include "util/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define QC_MAX_QUOTE_WORDS 200

typedef struct qc_qbucket {
    uint32_t bucket, df;
} qc_qbucket;

static int qc_cmp_df(const void *a, const void *b)
{
    const qc_qbucket *x = a, *y = b;
    return x->df < y->df ? -1 : x->df > y->df;
}

/* doc -> accumulated score: dense per-article arrays (a scratch buffer
 * borrowed from the corpus's pool, so threads never share one), with the
 * list of articles touched, which is all qc_acc_take_top scans and resets.
 * Each article's score is the sum of its weights in the order they were
 * added, as with any table. */
typedef struct qc_cell {
    float score;
    uint32_t count;
} qc_cell;

struct qc_scratch {
    qc_cell *cell;     /* n, one per article (score and count side by side:
                          one cache line per posting); zero between uses */
    uint32_t *touched; /* articles with count > 0, in order of first touch
                          (n + 1 slots) */
    size_t ntouched;
};

typedef struct qc_acc {
    qc_corpus *corpus;
    qc_scratch *s;
} qc_acc;

void qc_scratch_free(qc_scratch *s)
{
    if (!s)
        return;
    free(s->cell);
    free(s->touched);
    free(s);
}

static void qc_acc_init(qc_acc *a, qc_corpus *self)
{
    a->corpus = self;
    a->s = NULL;
    pthread_mutex_lock(&self->scratch_lock);
    if (self->scratch.len)
        a->s = self->scratch.items[--self->scratch.len];
    pthread_mutex_unlock(&self->scratch_lock);
    if (!a->s) {
        a->s = qc_calloc(1, sizeof *a->s);
        a->s->cell = qc_calloc(self->n ? self->n : 1, sizeof *a->s->cell);
        /* one spare slot: qc_acc_add always writes one past the end */
        a->s->touched = qc_malloc((self->n + 1) * sizeof *a->s->touched);
    }
}

/* Return the (reset) scratch buffer to the corpus's pool. */
static void qc_acc_release(qc_acc *a)
{
    pthread_mutex_lock(&a->corpus->scratch_lock);
    array_push(&a->corpus->scratch, a->s);
    pthread_mutex_unlock(&a->corpus->scratch_lock);
    a->s = NULL;
}

/* Branch-free: the article is always written at the end of the touched
 * list, which only grows when this is its first posting (a first touch is
 * too common, and too random, to predict). */
static inline void qc_acc_add(qc_acc *a, uint32_t doc, float w)
{
    qc_scratch *s = a->s;
    qc_cell *c = &s->cell[doc];
    s->touched[s->ntouched] = doc;
    s->ntouched += c->count == 0;
    c->score += w;
    c->count++;
}

/* Top k slots of the accumulator by score (min-heap), best first. */
typedef struct qc_cand {
    uint32_t doc, count;
    float score;
} qc_cand;

static int qc_cmp_cand(const void *a, const void *b)
{
    const qc_cand *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* The top k articles by score among those with at least min_count
 * postings, best first; the accumulator is reset on the way (one pass over
 * the touched articles) and returned to the pool. */
static size_t qc_acc_take_top(qc_acc *a, qc_cand *out, size_t k, uint32_t min_count)
{
    size_t n = 0;
    qc_scratch *sc = a->s;
    for (size_t ti = 0; ti < sc->ntouched; ti++) {
        uint32_t d = sc->touched[ti];
        qc_cell cell = sc->cell[d];
        sc->cell[d] = (qc_cell){ 0, 0 };
        if (cell.count < min_count || k == 0)
            continue;
        qc_cand c = { d, cell.count, cell.score };
        if (n < k) {
            /* sift up */
            size_t i = n++;
            out[i] = c;
            while (i > 0) {
                size_t p = (i - 1) / 2;
                if (qc_cmp_cand(&out[p], &out[i]) >= 0)
                    break;
                qc_cand t = out[p];
                out[p] = out[i];
                out[i] = t;
                i = p;
            }
        } else if (qc_cmp_cand(&c, &out[0]) < 0) {
            /* heap root is the worst kept; replace and sift down */
            out[0] = c;
            size_t i = 0;
            for (;;) {
                size_t l = 2 * i + 1, r = l + 1, w = i;
                if (l < n && qc_cmp_cand(&out[l], &out[w]) > 0)
                    w = l;
                if (r < n && qc_cmp_cand(&out[r], &out[w]) > 0)
                    w = r;
                if (w == i)
                    break;
                qc_cand t = out[w];
                out[w] = out[i];
                out[i] = t;
                i = w;
            }
        }
    }
    sc->ntouched = 0;
    qc_acc_release(a);
    qsort(out, n, sizeof *out, qc_cmp_cand);
    return n;
}

static uint32_t qc_shift(const qc_corpus *self)
{
    uint32_t shift = 32;
    for (uint32_t nb = self->img.h->nbuckets; nb > 1; nb >>= 1)
        shift--;
    return shift;
}

/* Distinct buckets of a token run, with their document frequencies. */
static size_t qc_buckets_of(const qc_corpus *self, const qc_ctoken *t, size_t n, qc_qbucket *out)
{
    uint32_t shift = qc_shift(self);
    size_t k = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        uint32_t b = qc_corpus_pair_hash(t[i].hash, t[i + 1].hash) >> shift;
        int dup = 0;
        for (size_t j = 0; j < k && !dup; j++)
            dup = out[j].bucket == b;
        if (dup)
            continue;
        uint32_t c;
        const uint8_t *end;
        qc_image_list(&self->img, b, &c, &end);
        out[k++] = (qc_qbucket){ b, c };
    }
    return k;
}

/* Postings are decoded a chunk at a time and each article's cell is
 * prefetched a few postings before it is added to: the adds are bound by
 * cache misses on the cells, not by decoding. Same adds in the same
 * order as one posting at a time. */
#define QC_ACC_CHUNK 256
#define QC_ACC_AHEAD 12

static void qc_acc_add_chunk(qc_acc *acc, const uint32_t *buf, size_t n, float w)
{
    qc_cell *cell = acc->s->cell;
    for (size_t i = 0; i < n && i < QC_ACC_AHEAD; i++)
        __builtin_prefetch(&cell[buf[i]], 1);
    for (size_t i = 0; i < n; i++) {
        if (i + QC_ACC_AHEAD < n)
            __builtin_prefetch(&cell[buf[i + QC_ACC_AHEAD]], 1);
        qc_acc_add(acc, buf[i], w);
    }
}

static void qc_accumulate(const qc_corpus *self, const qc_qbucket *b, qc_acc *acc, float w)
{
    uint32_t c, v, prev = 0, k = 0;
    const uint8_t *end, *p = qc_image_list(&self->img, b->bucket, &c, &end);
    uint32_t buf[QC_ACC_CHUNK];
    size_t nbuf = 0;
    bool bad = false;
    while (k < c && !bad) {
        /* fast path while a whole varint (at most 5 bytes) surely fits:
         * one- and two-byte gaps without bounds checks; the same values
         * as qc_varint_get */
        if (end - p >= 5 && !(p[0] & p[1] & 0x80)) {
            /* one or two bytes, without a branch on which (gaps either
             * side of 128 are equally common in mid-length lists) */
            uint32_t x = p[0], two = x >> 7;
            v = (x & 0x7f) | (((uint32_t)p[1] << 7) & (0u - two));
            p += 1 + two;
        } else if (!qc_varint_get(&p, end, &v)) {
            break;
        }
        uint32_t d = k ? prev + v : v;
        prev = d;
        if (d >= self->n) {
            bad = true;   /* corrupt list: stop (the checksum makes this unreachable) */
            break;
        }
        buf[nbuf++] = d;
        k++;
        if (nbuf == QC_ACC_CHUNK) {
            qc_acc_add_chunk(acc, buf, nbuf, w);
            nbuf = 0;
        }
    }
    qc_acc_add_chunk(acc, buf, nbuf, w);
}

/* ---- verification on an article's words ------------------------------------------- */

typedef struct qc_hitpos {
    uint32_t j, i;   /* article token index, quote token index */
} qc_hitpos;

static int qc_cmp_hitpos(const void *a, const void *b)
{
    const qc_hitpos *x = a, *y = b;
    if (x->j != y->j)
        return x->j < y->j ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* LCS of q[0..n) and t[0..m); fills the first/last aligned t index.
 * Returns the length. */
static size_t qc_lcs(const qc_ctoken *q, size_t n, const qc_ctoken *t, size_t m, size_t *first,
                     size_t *last)
{
    uint16_t *dp = qc_calloc((n + 1) * (m + 1), sizeof *dp);
#define DP(a, b) dp[(a) * (m + 1) + (b)]
    for (size_t a = 1; a <= n; a++)
        for (size_t b = 1; b <= m; b++)
            DP(a, b) = q[a - 1].hash == t[b - 1].hash ? (uint16_t)(DP(a - 1, b - 1) + 1)
                     : DP(a - 1, b) > DP(a, b - 1) ? DP(a - 1, b) : DP(a, b - 1);
    size_t len = DP(n, m);
    size_t a = n, b = m, lo = 0, hi = 0;
    int have = 0;
    while (a > 0 && b > 0) {
        if (q[a - 1].hash == t[b - 1].hash && DP(a, b) == DP(a - 1, b - 1) + 1) {
            if (!have)
                hi = b - 1;
            have = 1;
            lo = b - 1;
            a--, b--;
        } else if (DP(a - 1, b) >= DP(a, b - 1)) {
            a--;
        } else {
            b--;
        }
    }
#undef DP
    free(dp);
    *first = lo;
    *last = hi;
    return len;
}

static size_t qc_verify(qc_corpus *self, uint32_t doc, const qc_ctoken *q, size_t n,
                        const uint32_t *qpairs, qc_corpus_hit *out, size_t max)
{
    const qc_lazy_tokens *lt = qc_corpus_article_tokens(self, doc);
    if (!lt || lt->len < 2 || max == 0)
        return 0;
    const qc_ctoken *t = lt->items;
    size_t m = lt->len;
    /* where each quote pair occurs: binary search in the sorted pairs */
    Array(qc_hitpos) hits = ARRAY_INIT;
    size_t np = m - 1;
    for (size_t i = 0; i + 1 < n; i++) {
        uint64_t key = (uint64_t)qpairs[i] << 32;
        size_t lo = 0, hi = np;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (lt->pairs[mid] < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < np && (uint32_t)(lt->pairs[k] >> 32) == qpairs[i]; k++) {
            qc_hitpos h = { (uint32_t)lt->pairs[k], (uint32_t)i };
            array_push(&hits, h);
        }
    }
    if (hits.len > 1)
        qsort(hits.items, hits.len, sizeof *hits.items, qc_cmp_hitpos);
    size_t found = 0;
    size_t span = n + 8 + n / 4;
    uint8_t *used = qc_calloc(hits.len ? hits.len : 1, 1);
    /* at most 3 passages per article, and a bounded number of tries:
     * windows are taken densest first, so later ones only get weaker */
    size_t min_hits = n >= 12 ? (n - 1) / 6 : 1;
    for (int tries = 0; found < max && found < 3 && tries < 4; tries++) {
        /* densest window of unused hits */
        size_t best = 0, bl = 0, br = 0, cnt = 0, l = 0;
        for (size_t r = 0; r < hits.len; r++) {
            if (used[r])
                continue;
            cnt++;
            while (hits.items[r].j - hits.items[l].j >= span || used[l]) {
                if (!used[l])
                    cnt--;
                l++;
            }
            if (cnt > best) {
                best = cnt;
                bl = l;
                br = r;
            }
        }
        if (!best || best < min_hits)
            break;
        /* region to align: the window widened by the quote parts it misses */
        const qc_hitpos *hl = &hits.items[bl], *hr = &hits.items[br];
        size_t from = hl->j > hl->i + 3 ? hl->j - hl->i - 3 : 0;
        size_t to = hr->j + 2 + (n - 2 - hr->i) + 3;
        if (to > m)
            to = m;
        if (to - from > n + span)
            to = from + n + span;
        for (size_t k = bl; k <= br; k++)
            used[k] = 1;
        size_t first, last;
        size_t matched = qc_lcs(q, n, t + from, to - from, &first, &last);
        if (matched < 2 || matched * 2 < n)
            continue;
        qc_corpus_hit *h = &out[found++];
        h->article = doc;
        h->start = t[from + first].start;
        h->end = t[from + last].end;
        h->matched = matched;
        h->quote_words = n;
        h->passage_words = last - first + 1;
        h->score = 2.0 * (double)matched / (double)(n + h->passage_words);
    }
    free(used);
    array_free(&hits);
    return found;
}

static int qc_cmp_hit(const void *a, const void *b)
{
    const qc_corpus_hit *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->matched != y->matched)
        return x->matched > y->matched ? -1 : 1;
    if (x->article != y->article)
        return x->article < y->article ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

size_t qc_corpus_search(qc_corpus *self, const char *text, size_t len, qc_corpus_hit *hits,
                        size_t max)
{
    if (!self->n || max == 0)
        return 0;
    qc_ctoken_array q = ARRAY_INIT;
    qc_corpus_tokenize(text, len, 0, &q);
    size_t n = q.len > QC_MAX_QUOTE_WORDS ? QC_MAX_QUOTE_WORDS : q.len;
    if (n < 2) {
        array_free(&q);
        return 0;
    }
    qc_qbucket *qb = qc_malloc(n * sizeof *qb);
    uint32_t *qpairs = qc_malloc(n * sizeof *qpairs);
    for (size_t i = 0; i + 1 < n; i++)
        qpairs[i] = qc_corpus_pair_hash(q.items[i].hash, q.items[i + 1].hash);
    size_t nb = qc_buckets_of(self, q.items, n, qb);
    qsort(qb, nb, sizeof *qb, qc_cmp_df);
    double N = (double)self->n;
    uint32_t common = (uint32_t)(self->n / 10 > 1000 ? self->n / 10 : 1000);
    qc_acc acc;
    qc_acc_init(&acc, self);
    uint32_t processed = 0;
    for (size_t k = 0; k < nb; k++) {
        if (k >= 3 && qb[k].df > common)
            break;
        if (!qb[k].df)
            continue;
        float w = (float)log(1.0 + N / qb[k].df);
        qc_accumulate(self, &qb[k], &acc, w);
        processed++;
    }
    size_t ncand = max * 2 > 16 ? max * 2 : 16;
    if (ncand > 64)
        ncand = 64;
    qc_cand *cand = qc_malloc(ncand * sizeof *cand);
    /* an article that holds half the quote's words in order shares, in
     * practice, a good share of its pairs: ask for a fifth of them */
    ncand = qc_acc_take_top(&acc, cand, ncand, processed >= 10 ? processed / 5 : 1);
    Array(qc_corpus_hit) all = ARRAY_INIT;
    qc_corpus_hit buf[3];
    for (size_t c = 0; c < ncand; c++) {
        /* enough passages, and the rest share clearly fewer pairs: stop */
        if (all.len >= max && cand[c].score < 0.9f * cand[0].score)
            break;
        size_t got = qc_verify(self, cand[c].doc, q.items, n, qpairs, buf, 3);
        for (size_t k = 0; k < got; k++)
            array_push(&all, buf[k]);
    }
    if (all.len)
        qsort(all.items, all.len, sizeof *all.items, qc_cmp_hit);
    size_t out = all.len < max ? all.len : max;
    if (out)
        memcpy(hits, all.items, out * sizeof *hits);
    array_free(&all);
    free(cand);
    free(qb);
    free(qpairs);
    array_free(&q);
    return out;
}

static int qc_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

size_t qc_corpus_related(qc_corpus *self, const char *text, size_t len,
                         qc_corpus_related_hit *out, size_t max)
{
    if (!self->n || max == 0)
        return 0;
    qc_ctoken_array q = ARRAY_INIT;
    qc_corpus_tokenize(text, len, 0, &q);
    if (q.len < 2) {
        array_free(&q);
        return 0;
    }
    /* distinct buckets: sort the bucket numbers, keep one of each */
    uint32_t shift = qc_shift(self);
    uint32_t *bs = qc_malloc(q.len * sizeof *bs);
    size_t nbk = 0;
    for (size_t i = 0; i + 1 < q.len; i++)
        bs[nbk++] = qc_corpus_pair_hash(q.items[i].hash, q.items[i + 1].hash) >> shift;
    array_free(&q);
    size_t k = 0;
    if (nbk) {
        qsort(bs, nbk, sizeof *bs, qc_cmp_u32);
        for (size_t i = 0; i < nbk; i++)
            if (!k || bs[i] != bs[k - 1])
                bs[k++] = bs[i];
    }
    double N = (double)self->n;
    uint32_t rare = self->n < 100 ? (uint32_t)(self->n / 2 > 1 ? self->n / 2 : 1)
                                  : (uint32_t)(self->n / 50 > 50 ? self->n / 50 : 50);
    qc_acc acc;
    qc_acc_init(&acc, self);
    double total = 0;
    for (size_t i = 0; i < k; i++) {
        qc_qbucket b = { bs[i], 0 };
        const uint8_t *end;
        qc_image_list(&self->img, b.bucket, &b.df, &end);
        if (!b.df || b.df > rare)
            continue;
        float w = (float)log(1.0 + N / b.df);
        total += w;
        qc_accumulate(self, &b, &acc, w);
    }
    free(bs);
    size_t want = max;
    qc_cand *cand = qc_malloc(want * sizeof *cand);
    size_t nc = qc_acc_take_top(&acc, cand, want, 3);
    for (size_t i = 0; i < nc; i++) {
        out[i].article = cand[i].doc;
        out[i].shared = cand[i].count;
        out[i].score = total > 0 ? cand[i].score / total : 0;
    }
    free(cand);
    return nc;
}
