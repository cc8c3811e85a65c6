/*
 * corpus/dedup.c — near-duplicate detection: syndicated copies of one
 * story share a cluster id, so corroboration counts independent stories.
 *
 * Each article gets a one-permutation MinHash signature (64 bins) of its
 * word 5-gram shingles: one hash per shingle, its top 6 bits pick a bin,
 * the bin keeps the minimum. Two texts are near-duplicates when the
 * estimated Jaccard similarity is >= 0.5, or when the estimated share of
 * the shorter text found in the longer one (containment) is >= 0.65 — a
 * cut-down copy of a wire story with a new headline and byline and a
 * trimmed quote measures about 0.7; two outlets' own reports of one event
 * that share a statement measure 0.1-0.3. Candidates come from LSH: 32 bands of 2
 * bins; articles whose band values agree meet in a hash table (one band
 * at a time, so memory stays O(articles)); each article is compared with
 * the first and the latest article seen in that band bucket, never all
 * pairs. Union-find joins the pairs; cluster ids are dense, numbered by
 * each cluster's first article.
 */
#include "corpus/corpus_internal.h"
#include "util/alloc.h"

#include <stdlib.h>
#include <string.h>

#define QC_BANDS 32
#define QC_BAND_ROWS 2

uint32_t qc_corpus_signature(const qc_ctoken *toks, size_t n, uint16_t sig[QC_SIG_BINS])
{
    for (size_t b = 0; b < QC_SIG_BINS; b++)
        sig[b] = UINT16_MAX;
    if (n < 5)
        return 0;
    const uint64_t P = 0x100000001b3ULL;
    for (size_t i = 0; i + 5 <= n; i++) {
        uint64_t h = toks[i].hash;
        for (size_t k = 1; k < 5; k++)
            h = h * P + toks[i + k].hash;
        h = qc_corpus_mix64(h);
        uint32_t bin = (uint32_t)(h >> 58);
        uint16_t v = (uint16_t)h;
        if (v == UINT16_MAX)
            v--;
        if (v < sig[bin])
            sig[bin] = v;
    }
    return (uint32_t)(n - 4);
}

static size_t qc_uf_find(uint32_t *parent, size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

static int qc_similar(const uint16_t *a, const uint16_t *b, uint32_t sa, uint32_t sb)
{
    uint32_t small = sa < sb ? sa : sb;
    if (small < 8)
        return 0;
    int eq = 0, nonempty = 0;
    for (int i = 0; i < QC_SIG_BINS; i++) {
        if (a[i] == UINT16_MAX && b[i] == UINT16_MAX)
            continue;
        nonempty++;
        eq += a[i] == b[i];
    }
    if (!nonempty)
        return 0;
    double j = (double)eq / nonempty;
    if (j >= 0.5)
        return 1;
    double inter = j * ((double)sa + sb) / (1.0 + j);
    return inter / small >= 0.65;
}

uint32_t qc_corpus_cluster(const uint16_t *sigs, const uint32_t *shingles, size_t n,
                           uint32_t *cluster_out)
{
    uint32_t *parent = qc_malloc((n ? n : 1) * sizeof *parent);
    for (size_t i = 0; i < n; i++)
        parent[i] = (uint32_t)i;
    size_t cap = 1024;
    while (cap < 2 * n)
        cap *= 2;
    uint64_t *keys = qc_malloc(cap * sizeof *keys);
    uint32_t *first = qc_malloc(cap * sizeof *first);
    uint32_t *last = qc_malloc(cap * sizeof *last);
    for (int band = 0; band < QC_BANDS; band++) {
        memset(keys, 0, cap * sizeof *keys);
        for (size_t d = 0; d < n; d++) {
            const uint16_t *s = sigs + d * QC_SIG_BINS + band * QC_BAND_ROWS;
            if (s[0] == UINT16_MAX || s[1] == UINT16_MAX || shingles[d] < 8)
                continue;
            uint64_t key = qc_corpus_mix64(((uint64_t)s[0] << 16 | s[1]) ^ (uint64_t)band * 0x9e3779b97f4a7c15ULL);
            if (!key)
                key = 1;
            size_t slot = key & (cap - 1);
            while (keys[slot] && keys[slot] != key)
                slot = (slot + 1) & (cap - 1);
            if (!keys[slot]) {
                keys[slot] = key;
                first[slot] = last[slot] = (uint32_t)d;
                continue;
            }
            uint32_t cand[2] = { first[slot], last[slot] };
            for (int c = 0; c < 2; c++) {
                size_t ra = qc_uf_find(parent, d), rb = qc_uf_find(parent, cand[c]);
                if (ra == rb)
                    continue;
                if (qc_similar(sigs + d * QC_SIG_BINS, sigs + (size_t)cand[c] * QC_SIG_BINS,
                               shingles[d], shingles[cand[c]]))
                    parent[ra > rb ? ra : rb] = (uint32_t)(ra < rb ? ra : rb);
            }
            last[slot] = (uint32_t)d;
        }
    }
    /* dense ids by first member */
    uint32_t nclusters = 0;
    for (size_t d = 0; d < n; d++) {
        size_t r = qc_uf_find(parent, d);
        if (r == d)
            cluster_out[d] = nclusters++;
        else
            cluster_out[d] = cluster_out[r];
    }
    free(keys);
    free(first);
    free(last);
    free(parent);
    return nclusters;
}
