/*
 * corpus/corpus_internal.h — what the corpus module's files share
 * (words.c, meta.c, dedup.c, image.c, index.c, walk.c, corpus.c). Not
 * for use outside corpus/.
 *
 * The corpus always works from one "image": the byte layout of the cache
 * file (see image.c). A fresh build serialises into a heap buffer and then
 * reads it back exactly as a cached file is read (mmap), so there is one
 * reader and the cache cannot drift from what was tested.
 */
#ifndef QC_CORPUS_INTERNAL_H
#define QC_CORPUS_INTERNAL_H

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include "corpus/corpus.h"
#include "util/array.h"

/* ---- words (words.c) ---------------------------------------------------- */

/* One word of a text: hash of its folded form and its byte range. */
typedef struct qc_ctoken {
    uint32_t hash;
    uint32_t start, end;
} qc_ctoken;
typedef Array(qc_ctoken) qc_ctoken_array;

/* Split text[0..len) into words: runs of letters and digits, with
 * apostrophes (' ’) inside a word dropped ("Iran's" = "irans") and "," or
 * "." between digits dropped ("5,000" = "5000"); case-folded and accents
 * stripped (qc_cp_fold, the per-character form of qc_utf8_fold). Appends
 * to *out; offsets are relative to text plus `base`. */
void qc_corpus_tokenize(const char *text, size_t len, size_t base, qc_ctoken_array *out);

uint64_t qc_corpus_hash64(const void *data, size_t len);          /* FNV-1a 64 */
/* Fast checksum of a large buffer (4 lanes of 64-bit words). */
uint64_t qc_corpus_checksum(const void *data, size_t len);
static inline uint64_t qc_corpus_mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}
/* The hash of an adjacent word pair; the index bucket is its top bits. */
static inline uint32_t qc_corpus_pair_hash(uint32_t a, uint32_t b)
{
    return (uint32_t)(qc_corpus_mix64(((uint64_t)a << 32) | b) >> 32);
}

/* Varints (LEB128). */
static inline size_t qc_varint_put(uint8_t *p, uint32_t v)
{
    size_t n = 0;
    while (v >= 0x80) {
        p[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (uint8_t)v;
    return n;
}
static inline size_t qc_varint_len(uint32_t v)
{
    return v < (1u << 7) ? 1 : v < (1u << 14) ? 2 : v < (1u << 21) ? 3 : v < (1u << 28) ? 4 : 5;
}
/* Reads one varint from [*p, end); false on overrun or overlong. */
static inline int qc_varint_get(const uint8_t **p, const uint8_t *end, uint32_t *v)
{
    uint32_t r = 0;
    for (int shift = 0; shift < 35 && *p < end; shift += 7) {
        uint8_t b = *(*p)++;
        r |= (uint32_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *v = r;
            return 1;
        }
    }
    return 0;
}

/* ---- metadata (meta.c) --------------------------------------------------- */

/* Parse YAML front matter at the start of data (fields it names; strings
 * malloc'd into *out, kind QC_KIND_COUNT when not given). Returns the byte
 * offset where the body starts (0 without front matter). */
size_t qc_corpus_front_matter(const char *data, size_t len, qc_corpus_meta *out);
/* Fill fields of dst that are unset from src (strings copied). */
void qc_corpus_meta_merge(qc_corpus_meta *dst, const qc_corpus_meta *src);

/* ---- near-duplicates (dedup.c) ------------------------------------------ */

#define QC_SIG_BINS 64
/* One-permutation MinHash of word 5-gram shingles; empty bins are
 * UINT16_MAX. Returns the number of shingles. */
uint32_t qc_corpus_signature(const qc_ctoken *toks, size_t n, uint16_t sig[QC_SIG_BINS]);
/* Cluster ids (dense, by first member) from signatures; returns the count. */
uint32_t qc_corpus_cluster(const uint16_t *sigs, const uint32_t *shingles, size_t n,
                           uint32_t *cluster_out);

/* ---- the image (image.c) -------------------------------------------------- */

#define QC_IMAGE_MAGIC "QCCORPUS"
#define QC_IMAGE_VERSION 3u   /* 3: git blob id per article (issue 5) */
#define QC_NO_STR UINT32_MAX

typedef struct qc_image_header {
    char magic[8];
    uint32_t version, endian;      /* endian: 0x01020304 as written */
    uint64_t checksum;             /* of header (this field zero) + payload */
    uint64_t file_len;
    uint32_t narticles, nbuckets, ndirs, nclusters;
    uint64_t total_words, npostings, text_bytes;
    uint64_t off_articles, off_strings, len_strings, off_sigs, off_shingles;
    uint64_t off_buckets, off_postings, len_postings;
    uint64_t reserved[4];
} qc_image_header;

typedef struct qc_image_article {
    uint32_t dir, path;            /* folder index; path relative to it */
    uint32_t outlet, date, byline, url, dateline;
    uint8_t kind, via_blog, has_cred, meta_source;
    float credibility;             /* from front matter / sidecar when has_cred */
    uint32_t cluster, words;
    uint64_t size;
    int64_t mtime_ns;
    uint64_t content_hash, sidecar_hash;
    uint8_t blob[20];              /* git blob id when has_blob (the cache key in git) */
    uint8_t has_blob, pad[3];
} qc_image_article;

/* A read-only view of an image in memory (mmap'd or heap). */
typedef struct qc_image {
    const uint8_t *base;
    size_t len;
    const qc_image_header *h;
    const qc_image_article *articles;
    const char *strings;
    const uint16_t *sigs;          /* narticles * QC_SIG_BINS */
    const uint32_t *shingles;      /* narticles */
    const uint32_t *buckets;       /* nbuckets + 1 offsets into postings */
    const uint8_t *postings;
    void *map;                     /* munmap on close when set */
    uint8_t *heap;                 /* free on close when set */
} qc_image;

/* Validate an image held in base[0..len) (every offset checked, checksum
 * verified). 0, or QC_EINVAL with a message saying what is wrong. */
int qc_image_open(qc_image *img, const uint8_t *base, size_t len);
int qc_image_load_file(qc_image *img, const char *path);
void qc_image_release(qc_image *img);
static inline const char *qc_image_str(const qc_image *img, uint32_t off)
{
    return off == QC_NO_STR ? NULL : img->strings + off;
}
/* A bucket's posting list: count and the bytes of its doc-id deltas. */
static inline const uint8_t *qc_image_list(const qc_image *img, uint32_t b, uint32_t *count,
                                           const uint8_t **end)
{
    const uint8_t *p = img->postings + img->buckets[b];
    *end = img->postings + img->buckets[b + 1];
    if (p == *end || !qc_varint_get(&p, *end, count))
        *count = 0;
    return p;
}

/* An article as (re)built, before serialisation. */
typedef struct qc_build_article {
    uint32_t dir;
    char *relpath;
    qc_corpus_meta meta;
    uint8_t meta_source;
    uint32_t words, shingles;
    uint64_t size;
    int64_t mtime_ns;
    uint64_t content_hash, sidecar_hash;
    uint8_t blob[20];              /* git blob id when has_blob */
    uint8_t has_blob;
    uint16_t sig[QC_SIG_BINS];
    uint32_t *buckets;             /* sorted distinct buckets; owned */
    uint32_t nbuckets_used;
    int32_t old;                   /* index in the old image, -1 when read anew */
} qc_build_article;

/* Serialise: kept articles (old != -1, in order, their postings taken from
 * `old`) then new ones. Returns a heap buffer (caller frees). */
uint8_t *qc_image_build(const qc_image *old, qc_build_article *arts, size_t n, uint32_t nbuckets,
                        const char *const *dirs, size_t ndirs, size_t *out_len);

/* ---- walking the folders (walk.c) ----------------------------------------- */

typedef struct cJSON cJSON;
typedef struct qc_walk_file {
    uint32_t dir;                  /* index of the folder given */
    char *rel;                     /* path relative to it */
    char *path;                    /* display path: folder as given + "/" + rel */
    uint64_t size;
    int64_t mtime_ns;
    uint64_t dev, ino;
    uint32_t sidecar;              /* index into sidecars, or UINT32_MAX */
    uint8_t blob[20];              /* git blob id (qc_corpus_options.blob_id) */
    bool has_blob;
} qc_walk_file;

typedef struct qc_walk_sidecar {
    char *path;
    uint64_t hash;                 /* of its bytes; 0 when unreadable */
    cJSON *articles;               /* the "articles" object (owned by root) */
    cJSON *root;
} qc_walk_sidecar;

typedef struct qc_walk {
    Array(qc_walk_file) files;     /* sorted by (dir, rel) */
    Array(qc_walk_sidecar) sidecars;
} qc_walk;

/* Walk the folders; skipped entries become warnings on self. */
void qc_corpus_walk(qc_corpus *self, qc_walk *out);
void qc_corpus_walk_free(qc_walk *w);
/* The sidecar's metadata for a file (fields set, kind QC_KIND_COUNT if
 * not given). */
void qc_corpus_sidecar_meta(const qc_walk *w, const qc_walk_file *f, qc_corpus_meta *out);

/* ---- the corpus object (corpus.c) ---------------------------------------- */

typedef struct qc_lazy_tokens {
    qc_ctoken *items;
    size_t len;
    uint64_t *pairs;               /* (pair hash << 32 | position), sorted */
} qc_lazy_tokens;

typedef struct qc_scratch qc_scratch;
void qc_scratch_free(qc_scratch *s);

struct qc_corpus {
    qc_image img;
    size_t n;
    qc_article *articles;          /* n public records; strings point into img */
    char **paths;                  /* n display paths (dir as given + rel) */
    char **dirs;                   /* folders as given */
    size_t ndirs;
    qc_text **texts;               /* lazy, installed atomically */
    qc_extraction **extractions;   /* lazy */
    qc_prose **proses;             /* kept beside their extractions */
    qc_lazy_tokens **tokens;       /* lazy */
    void **aux[QC_CORPUS_AUX_SLOTS];   /* lazy, per slot: what a client derives (qc_corpus_article_aux) */
    void (*aux_free[QC_CORPUS_AUX_SLOTS])(void *);
    /* memory bound (qc_corpus_trim): per article, the trim epoch it was
     * last used in and the bytes its words, extraction and clients' data
     * are counted for; the sum of those */
    uint32_t *used;
    uint32_t *cost;
    uint32_t epoch;
    size_t cached;
    pthread_mutex_t warn_lock;
    Array(char *) warnings;
    pthread_mutex_t scratch_lock;
    Array(qc_scratch *) scratch;   /* free search accumulators (index.c) */
    qc_corpus_stats stats;
    char *cache_path;
    qc_corpus_options opt;
    size_t max_file_size;
};

void qc_corpus_warn(qc_corpus *self, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The article's words (lazy, thread-safe); NULL if its text is gone. */
const qc_lazy_tokens *qc_corpus_article_tokens(qc_corpus *self, size_t i);

#endif
