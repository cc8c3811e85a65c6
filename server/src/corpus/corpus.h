/*
 * corpus/corpus.h — the source corpus: loading, metadata, credibility,
 * near-duplicates, the word index and its cache.
 *
 * A corpus is one or more folders of source articles (.txt, .md,
 * .markdown), walked recursively. qc_corpus_open loads it — from the cache
 * when one is valid, re-reading only files that are new or changed — and
 * returns a qc_corpus that is read-only afterwards: every accessor and
 * search below may be called from several threads at once (article texts
 * and extractions are computed lazily and installed atomically).
 *
 * Ownership: the qc_corpus owns everything reachable from it — article
 * records and their strings, lazily loaded texts and extractions, warnings.
 * Pointers it hands out stay valid until qc_corpus_close. Search results
 * are plain structs written into the caller's array.
 *
 * Metadata, per field, comes from (first wins): the file's YAML front
 * matter; the folder's sources.json sidecar
 *   {"articles": {"file.txt": {"outlet", "date", "kind", "url", "byline",
 *                              "credibility"}}}
 * detection from the text (byline "By NAME, OUTLET", dateline
 * "WASHINGTON, January 8. /TASS/." or "BAGHDAD — ", copyright line
 * "©2019 New York Times News Service", blog boilerplate); else unknown.
 *
 * Credibility defaults by kind of outlet (overridable per kind and per
 * outlet through qc_corpus_options). How they were chosen: the rating is
 * the prior that a quotation or figure in a text of this kind is rendered
 * faithfully, not a judgement of editorial line.
 *   wire      0.90  wire copy is edited for verbatim quotes and is what
 *                   every other outlet repeats; corrections are issued
 *   newspaper 0.80  edited, with corrections policies, but quotes are
 *                   trimmed and rewritten more often than on the wire
 *   official  0.80  authoritative for what the office itself said (its own
 *                   statement), not for claims about others
 *   state     0.50  state-affiliated media: faithful on their own
 *                   government's words, unreliable on contested facts
 *   blog      0.30  no editing, reposts that alter text (a wire story
 *                   reposted on a blog is rated as the blog: the copy is
 *                   only as good as the page that carries it)
 *   unknown   0.40  nothing known: below an edited outlet, above a blog
 * Labels: "high" >= 0.75, "medium" >= 0.5, "low" below, "unknown" for an
 * outlet of unknown kind with no override.
 * An article's rating, first that applies: its own "credibility" (front
 * matter or sidecar); the per-outlet table; the per-kind table; the
 * default above. An outlet's story reposted on a blog (via_blog) is then
 * capped at the blog rating.
 */
#ifndef QC_CORPUS_CORPUS_H
#define QC_CORPUS_CORPUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "extract/extract.h"
#include "text/text.h"

typedef enum qc_outlet_kind {
    QC_KIND_UNKNOWN = 0,
    QC_KIND_WIRE,
    QC_KIND_NEWSPAPER,
    QC_KIND_STATE,       /* state-affiliated media */
    QC_KIND_OFFICIAL,    /* official statement, press release, *.gov */
    QC_KIND_BLOG,
    QC_KIND_COUNT
} qc_outlet_kind;

/* "wire", "newspaper", "state", "official", "blog", "unknown"; and back
 * (accepts a few synonyms: "state-media", "press-release", "agency", …;
 * -1 if unknown). */
const char *qc_outlet_kind_name(qc_outlet_kind kind);
int qc_outlet_kind_parse(const char *name);
/* Default credibility of a kind (the table above). */
double qc_outlet_kind_credibility(qc_outlet_kind kind);
/* "high", "medium", "low" from a rating. */
const char *qc_credibility_label(double credibility);

/* One row of a configurable table: an outlet or kind name and a value. */
typedef struct qc_corpus_rating {
    const char *name;          /* outlet ("Reuters") or kind ("blog"); case-insensitive */
    double credibility;        /* 0..1 */
} qc_corpus_rating;

/* An extra known outlet for detection: name (as it appears) -> kind. */
typedef struct qc_corpus_outlet {
    const char *name;
    qc_outlet_kind kind;
} qc_corpus_outlet;

typedef struct qc_corpus_options {
    /* Cache folder base: NULL means $QC_CACHE_DIR, else
     * $XDG_CACHE_HOME/quotecheck, else ~/.cache/quotecheck. The cache file
     * is <base>/<hash of the absolute corpus paths>/index.qcx. */
    const char *cache_dir;
    bool no_cache;             /* neither read nor write a cache */
    const qc_corpus_rating *outlet_ratings;  /* per-outlet overrides */
    size_t noutlet_ratings;
    const qc_corpus_rating *kind_ratings;    /* per-kind overrides */
    size_t nkind_ratings;
    const qc_corpus_outlet *outlets;         /* extra known outlets */
    size_t noutlets;
    /* Called while files are read: done of total files. May be NULL. */
    void (*progress)(size_t done, size_t total, void *user);
    /* Called for each warning (skipped file, rebuilt cache, …) as it
     * happens, in addition to qc_corpus_warning. May be NULL. */
    void (*warning)(const char *message, void *user);
    void *user;
    size_t max_file_size;      /* 0: QC_FILE_MAX_DEFAULT */
    /* When the corpus is in a git repository (issue 5): the blob id a
     * file's content has (0, or nonzero when unknown). Articles are then
     * kept from the cache by blob id, whatever their mtime, so re-indexing
     * reads only content the cache has not seen. May be NULL. */
    int (*blob_id)(const char *path, uint8_t out[20], void *user);
    void *blob_user;
    int threads;               /* 0: up to 4, by the number of CPUs */
} qc_corpus_options;

typedef struct qc_article {
    const char *path;          /* as found under the folder given */
    const char *outlet;        /* canonical name; NULL when unknown */
    const char *date;          /* ISO "2020-01-08", "--01-08" without a year; NULL */
    const char *byline;        /* "Tzvi Joffre"; NULL */
    const char *url;           /* NULL */
    const char *dateline;      /* place of the dateline: "WASHINGTON"; NULL */
    qc_outlet_kind kind;       /* kind of the outlet */
    bool via_blog;             /* an outlet's story reposted on a blog */
    double credibility;        /* 0..1, after overrides */
    const char *label;         /* "high", "medium", "low", "unknown" */
    const char *meta_source;   /* where the outlet came from: "front-matter",
                                  "sidecar", "byline", "dateline", "copyright",
                                  "boilerplate", "none" */
    uint32_t cluster;          /* near-duplicate cluster id (0-based, dense) */
    uint32_t words;            /* indexed words */
    uint64_t size;             /* bytes */
} qc_article;

typedef struct qc_corpus_stats {
    size_t articles;
    size_t words;
    uint64_t text_bytes;       /* total size of the articles */
    size_t postings;           /* (bigram bucket, article) entries */
    uint64_t index_bytes;      /* size of the index (cache file payload) */
    size_t clusters;           /* independent stories after near-duplicates */
    size_t outlets;            /* distinct outlet names (unknown counted once) */
    size_t by_kind[QC_KIND_COUNT];   /* articles per kind */
    size_t files_read;         /* files read (re-)indexing in this open */
    size_t files_skipped;      /* skipped with a warning */
    size_t files_blob_keyed;   /* files whose cache key is a git blob id */
    bool from_cache;           /* the cache was loaded (possibly then updated) */
    bool cache_rebuilt;        /* the cache was missing, stale or corrupt */
    double seconds;            /* wall time of qc_corpus_open */
    const char *cache_path;    /* NULL with no_cache */
} qc_corpus_stats;

/* A candidate passage for a quotation. */
typedef struct qc_corpus_hit {
    size_t article;            /* index for qc_corpus_article */
    size_t start, end;         /* byte range in the article's text */
    double score;              /* 0..1: 2*matched / (quote words + passage words) */
    size_t matched;            /* quote words found in the passage, in order */
    size_t quote_words;        /* words of the quotation */
    size_t passage_words;      /* words of the passage */
} qc_corpus_hit;

/* An article about the same story. */
typedef struct qc_corpus_related_hit {
    size_t article;
    double score;              /* 0..1: share of the draft's rare terms found */
    size_t shared;             /* rare word pairs shared */
} qc_corpus_related_hit;

typedef struct qc_corpus qc_corpus;

/* Open the corpus made of the folders dirs[0..ndirs) (options may be NULL).
 * Unreadable, binary or invalid-UTF-8 files, symlink loops and folders
 * that vanish are skipped with a warning. Fails (QC_ENOTFOUND / QC_EIO,
 * message naming the folder) only when a folder given cannot be opened.
 * *out belongs to the caller: release it with qc_corpus_close. */
int qc_corpus_open(qc_corpus **out, const char *const *dirs, size_t ndirs,
                   const qc_corpus_options *options);
void qc_corpus_close(qc_corpus *self);   /* accepts NULL */

size_t qc_corpus_count(const qc_corpus *self);
const qc_article *qc_corpus_article(const qc_corpus *self, size_t i);
void qc_corpus_stats_get(const qc_corpus *self, qc_corpus_stats *out);
size_t qc_corpus_warning_count(const qc_corpus *self);
const char *qc_corpus_warning(const qc_corpus *self, size_t i);

/* The article's text, read from its file on first use (NULL, with a
 * warning recorded, if it can no longer be read). Thread-safe. */
const qc_text *qc_corpus_article_text(qc_corpus *self, size_t i);
/* Its quotations and figures (qc_prose_parse + qc_extract), computed on
 * first use. NULL if the text cannot be read. Thread-safe. */
const qc_extraction *qc_corpus_article_extraction(qc_corpus *self, size_t i);

/* Per-article data a client derives from an article's text and extraction
 * (the matcher's folded words and prepared figures), kept with the article
 * so a second check touching it pays nothing. `slot` < QC_CORPUS_AUX_SLOTS
 * names the kind. _aux returns what was installed, NULL when nothing yet.
 * _aux_install installs `data` (freed with `free_fn` when the corpus
 * closes; every install of a slot must pass the same free_fn) unless
 * another thread was first, in which case `data` is freed and the winner
 * returned. The data must be immutable once installed. Thread-safe. */
#define QC_CORPUS_AUX_SLOTS 4
void *qc_corpus_article_aux(qc_corpus *self, size_t i, unsigned slot);
void *qc_corpus_article_aux_install(qc_corpus *self, size_t i, unsigned slot, void *data,
                                    void (*free_fn)(void *));

/* Find passages that carry the words of a quotation (text[0..len), 2 to
 * 200 words), tolerating changed, dropped and added words. Writes up to
 * max hits, best first; returns how many. A hit has at least 2 words and
 * at least half the quotation's words, in order. Thread-safe. */
/* Memory bound. Articles' words, extractions and what clients derive
 * from them (aux) are cached once touched; texts are kept (findings'
 * evidence points into them). qc_corpus_cached_bytes is what the cache
 * holds (estimated for extractions and aux); qc_corpus_trim frees the
 * least recently used articles' data until it is under three quarters of
 * `budget` and returns how many were freed; "recently" counts calls to
 * qc_corpus_trim (each starts a new epoch). Trim only when no other
 * thread uses the corpus: pointers to what it frees must not be held. */
size_t qc_corpus_cached_bytes(const qc_corpus *self);
/* The budget callers trim to: $QUOTECHECK_MEMORY_MB megabytes, else 512. */
size_t qc_corpus_memory_budget(void);
size_t qc_corpus_trim(qc_corpus *self, size_t budget);

size_t qc_corpus_search(qc_corpus *self, const char *text, size_t len,
                        qc_corpus_hit *hits, size_t max);
/* Articles about the same story as a draft (shared rare word pairs),
 * best first; returns how many were written (at most max). Thread-safe. */
size_t qc_corpus_related(qc_corpus *self, const char *text, size_t len,
                         qc_corpus_related_hit *out, size_t max);

/* Metadata detection alone, for tests and for drafts: fills what the text
 * shows (strings allocated with qc_malloc, freed by
 * qc_corpus_meta_free). */
typedef struct qc_corpus_meta {
    char *outlet, *date, *byline, *url, *dateline;
    qc_outlet_kind kind;
    bool via_blog;
    bool has_credibility;
    double credibility;
    const char *source;        /* static string, as qc_article.meta_source */
} qc_corpus_meta;
void qc_corpus_meta_detect(const char *data, size_t len, const qc_corpus_outlet *extra,
                           size_t nextra, qc_corpus_meta *out);
void qc_corpus_meta_free(qc_corpus_meta *self);
/* A date as ISO: "2020-01-08", or "--01-08" without a year, from
 * "2020-01-08…", "January 8, 2020", "8 Jan 2020", "Wednesday, January 8";
 * NULL if unparseable. The caller frees the result. */
char *qc_corpus_date_normalize(const char *s);
/* Kind of a named outlet from the built-in table and `extra`
 * (QC_KIND_UNKNOWN if not known); *canonical gets the table's spelling. */
qc_outlet_kind qc_corpus_outlet_lookup(const char *name, const qc_corpus_outlet *extra,
                                       size_t nextra, const char **canonical);

#endif
