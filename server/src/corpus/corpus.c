/*
 * corpus/corpus.c — opening a corpus: the walk, the cache (load, diff,
 * lock, incremental rebuild, atomic write), reading changed files in
 * parallel, and the accessors (articles, lazy texts, tokens and
 * extractions, stats, warnings).
 *
 * Opening, step by step:
 *   1. walk the folders (walk.c); a folder given that cannot be opened fails
 *   2. load the cache image (mmap, checksum and bounds checked; image.c);
 *      a corrupt, truncated or wrong-version cache is a warning, rebuilt
 *   3. diff: an article is unchanged when its size, mtime and its folder's
 *      sidecar hash all match; otherwise it is read again. In git
 *      (options.blob_id), the git blob id replaces size and mtime as the
 *      key: a touched but unchanged file is not read again
 *   4. nothing changed: use the mapped image as it is (no copy, no lock)
 *   5. otherwise take the cache's lock file (flock, blocking; one lock, so
 *      no deadlock), reload and diff again (another process may just have
 *      updated it), read what changed on up to 4 threads, serialise the
 *      kept and new articles into a new image, write it atomically, unlock
 * The bucket count follows the corpus size; when the corpus has grown or
 * shrunk 4x since the image was made, every article is read again.
 */
#include "corpus/corpus_internal.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/file.h"
#include "util/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const qc_meta_sources[] = {
    "none", "front-matter", "sidecar", "byline", "dateline", "copyright", "boilerplate",
    "web-artefacts",
};

static uint8_t qc_meta_source_code(const char *s)
{
    for (uint8_t i = 0; i < sizeof qc_meta_sources / sizeof *qc_meta_sources; i++)
        if (s && !strcmp(s, qc_meta_sources[i]))
            return i;
    return 0;
}

static double qc_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void qc_corpus_warn(qc_corpus *self, const char *fmt, ...)
{
    qc_strbuf sb = QC_STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    qc_strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    char *msg = qc_strbuf_detach(&sb);
    pthread_mutex_lock(&self->warn_lock);
    array_push(&self->warnings, msg);
    if (self->opt.warning)
        self->opt.warning(msg, self->opt.user);
    pthread_mutex_unlock(&self->warn_lock);
}

/* ---- cache location and lock ------------------------------------------------------ */

static int qc_mkdirs(const char *path)
{
    char *p = qc_strdup(path);
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0755);
            *s = '/';
        }
    int rc = mkdir(p, 0755) == 0 || errno == EEXIST ? 0 : -1;
    free(p);
    return rc;
}

static char *qc_cache_file(const qc_corpus *self)
{
    const char *base = self->opt.cache_dir;
    qc_strbuf sb = QC_STRBUF_INIT;
    if (!base || !*base)
        base = getenv("QC_CACHE_DIR");
    if (base && *base) {
        qc_strbuf_adds(&sb, base);
    } else if (getenv("XDG_CACHE_HOME") && getenv("XDG_CACHE_HOME")[0] == '/') {
        qc_strbuf_printf(&sb, "%s/quotecheck", getenv("XDG_CACHE_HOME"));
    } else if (getenv("HOME") && *getenv("HOME")) {
        qc_strbuf_printf(&sb, "%s/.cache/quotecheck", getenv("HOME"));
    } else {
        qc_strbuf_free(&sb);
        return NULL;
    }
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < self->ndirs; i++) {
        char abs[PATH_MAX];
        const char *p = realpath(self->dirs[i], abs) ? abs : self->dirs[i];
        h = qc_corpus_mix64(h ^ qc_corpus_hash64(p, strlen(p) + 1));
    }
    qc_strbuf_printf(&sb, "/%016llx/index.qcx", (unsigned long long)h);
    return qc_strbuf_detach(&sb);
}

/* Lock <cache>.lock; returns the fd or -1 (warning given). */
static int qc_cache_lock(qc_corpus *self)
{
    char *dir = qc_strdup(self->cache_path);
    *strrchr(dir, '/') = '\0';
    if (qc_mkdirs(dir) != 0) {
        qc_corpus_warn(self, "%s: cannot create cache folder: %s; index kept in memory", dir,
                       strerror(errno));
        free(dir);
        return -1;
    }
    free(dir);
    char *lock = qc_malloc(strlen(self->cache_path) + 8);
    sprintf(lock, "%s.lock", self->cache_path);
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        qc_corpus_warn(self, "%s: cannot open lock file: %s; index kept in memory", lock,
                       strerror(errno));
        free(lock);
        return -1;
    }
    while (flock(fd, LOCK_EX) != 0) {
        if (errno == EINTR)
            continue;
        qc_corpus_warn(self, "%s: cannot lock: %s; index kept in memory", lock, strerror(errno));
        close(fd);
        free(lock);
        return -1;
    }
    free(lock);
    return fd;
}

static void qc_cache_unlock(int fd)
{
    if (fd >= 0) {
        flock(fd, LOCK_UN);
        close(fd);
    }
}

/* ---- diff against an image -------------------------------------------------------- */

typedef struct qc_plan {
    int32_t *old_of;      /* per walked file: old article index or -1 (read it) */
    size_t to_read, kept, deleted;
} qc_plan;

static uint64_t qc_path_key(uint32_t dir, const char *rel)
{
    return qc_corpus_mix64(qc_corpus_hash64(rel, strlen(rel)) ^ dir);
}

static uint32_t qc_buckets_for(uint64_t bytes)
{
    uint64_t want = bytes / 128;
    uint32_t nb = 1024;
    while (nb < want && nb < (1u << 23))
        nb <<= 1;
    return nb;
}

static void qc_plan_make(const qc_image *img, const qc_walk *w, uint32_t *nbuckets, qc_plan *plan)
{
    size_t nf = w->files.len;
    plan->old_of = qc_malloc((nf ? nf : 1) * sizeof *plan->old_of);
    plan->to_read = plan->kept = plan->deleted = 0;
    uint64_t bytes = 0;
    for (size_t i = 0; i < nf; i++) {
        plan->old_of[i] = -1;
        bytes += w->files.items[i].size;
    }
    uint32_t want = qc_buckets_for(bytes);
    size_t oldn = img->h ? img->h->narticles : 0;
    int usable = img->h && img->h->nbuckets * 4 >= want &&
                 img->h->nbuckets <= (uint64_t)want * 4;
    *nbuckets = usable ? img->h->nbuckets : want;
    if (usable && oldn) {
        size_t cap = 1024;
        while (cap < 2 * oldn)
            cap *= 2;
        uint64_t *keys = qc_calloc(cap, sizeof *keys);
        uint32_t *vals = qc_malloc(cap * sizeof *vals);
        for (size_t i = 0; i < oldn; i++) {
            const qc_image_article *a = &img->articles[i];
            uint64_t k = qc_path_key(a->dir, qc_image_str(img, a->path)) | 1;
            size_t s = k & (cap - 1);
            while (keys[s])
                s = (s + 1) & (cap - 1);
            keys[s] = k;
            vals[s] = (uint32_t)i;
        }
        uint8_t *used = qc_calloc(oldn, 1);
        for (size_t i = 0; i < nf; i++) {
            const qc_walk_file *f = &w->files.items[i];
            uint64_t k = qc_path_key(f->dir, f->rel) | 1;
            uint64_t sidecar = f->sidecar == UINT32_MAX ? 0 : w->sidecars.items[f->sidecar].hash;
            for (size_t s = k & (cap - 1); keys[s]; s = (s + 1) & (cap - 1)) {
                if (keys[s] != k)
                    continue;
                const qc_image_article *a = &img->articles[vals[s]];
                if (a->dir == f->dir && !strcmp(qc_image_str(img, a->path), f->rel) && !used[vals[s]]) {
                    bool same = a->has_blob && f->has_blob
                                    ? !memcmp(a->blob, f->blob, sizeof a->blob)
                                    : a->size == f->size && a->mtime_ns == f->mtime_ns;
                    if (same && a->sidecar_hash == sidecar) {
                        plan->old_of[i] = (int32_t)vals[s];
                        used[vals[s]] = 1;
                    }
                    break;
                }
            }
        }
        for (size_t i = 0; i < nf; i++)
            plan->kept += plan->old_of[i] >= 0;
        plan->deleted = oldn - plan->kept;
        free(used);
        free(keys);
        free(vals);
    } else {
        plan->deleted = oldn;
    }
    plan->to_read = nf - plan->kept;
}

/* ---- reading files (parallel) ------------------------------------------------------ */

typedef struct qc_reader {
    qc_corpus *corpus;
    const qc_walk *walk;
    qc_build_article *arts;       /* per walked file */
    const size_t *todo;           /* walked-file indices to read */
    size_t ntodo;
    uint32_t shift;
    size_t next, done;            /* atomics */
} qc_reader;

static void qc_read_one(qc_reader *r, size_t fi)
{
    qc_corpus *self = r->corpus;
    const qc_walk_file *f = &r->walk->files.items[fi];
    qc_build_article *a = &r->arts[fi];
    char *data = NULL;
    size_t len = 0;
    if (qc_file_read(f->path, self->max_file_size, &data, &len) != 0) {
        qc_corpus_warn(self, "%s", qc_error_last());
        a->size = UINT64_MAX;   /* skipped */
        return;
    }
    a->content_hash = qc_corpus_hash64(data, len);
    qc_corpus_meta fm, side, det;
    size_t body = qc_corpus_front_matter(data, len, &fm);
    qc_corpus_sidecar_meta(r->walk, f, &side);
    qc_corpus_meta_detect(data, len, self->opt.outlets, self->opt.noutlets, &det);
    qc_corpus_meta m = fm;
    const char *source = fm.outlet ? "front-matter" : side.outlet ? "sidecar" : NULL;
    qc_corpus_meta_merge(&m, &side);
    if (m.outlet && m.kind == QC_KIND_COUNT)
        m.kind = qc_corpus_outlet_lookup(m.outlet, self->opt.outlets, self->opt.noutlets, NULL);
    qc_corpus_meta_merge(&m, &det);
    if (!source)
        source = det.source;
    a->meta = m;
    a->meta_source = qc_meta_source_code(source);
    qc_corpus_meta_free(&side);
    qc_corpus_meta_free(&det);

    qc_ctoken_array toks = ARRAY_INIT;
    qc_corpus_tokenize(data + body, len - body, body, &toks);
    a->words = (uint32_t)toks.len;
    a->shingles = qc_corpus_signature(toks.items, toks.len, a->sig);
    /* distinct buckets of adjacent word pairs */
    size_t cap = 64;
    while (cap < 2 * toks.len)
        cap *= 2;
    uint32_t *set = qc_calloc(cap, sizeof *set);
    a->buckets = qc_malloc((toks.len ? toks.len : 1) * sizeof *a->buckets);
    a->nbuckets_used = 0;
    for (size_t i = 0; i + 1 < toks.len; i++) {
        uint32_t b = qc_corpus_pair_hash(toks.items[i].hash, toks.items[i + 1].hash) >> r->shift;
        size_t s = (b * 0x9e3779b1u) & (cap - 1);
        while (set[s] && set[s] != b + 1)
            s = (s + 1) & (cap - 1);
        if (set[s])
            continue;
        set[s] = b + 1;
        a->buckets[a->nbuckets_used++] = b;
    }
    free(set);
    array_free(&toks);
    free(data);
}

static void *qc_reader_main(void *arg)
{
    qc_reader *r = arg;
    for (;;) {
        size_t k = __atomic_fetch_add(&r->next, 1, __ATOMIC_RELAXED);
        if (k >= r->ntodo)
            break;
        qc_read_one(r, r->todo[k]);
        __atomic_fetch_add(&r->done, 1, __ATOMIC_RELEASE);
    }
    return NULL;
}

static void qc_read_all(qc_corpus *self, qc_reader *r)
{
    int nthreads = self->opt.threads;
    if (nthreads <= 0) {
        long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
        nthreads = ncpu > 4 ? 4 : ncpu < 1 ? 1 : (int)ncpu;
    }
    if ((size_t)nthreads > r->ntodo / 16 + 1)
        nthreads = (int)(r->ntodo / 16 + 1);
    pthread_t *tids = qc_malloc(sizeof *tids * (size_t)nthreads);
    int started = 0;
    for (int t = 1; t < nthreads; t++)
        if (pthread_create(&tids[started], NULL, qc_reader_main, r) == 0)
            started++;
    /* the calling thread works too, and reports progress */
    size_t last = (size_t)-1;
    for (;;) {
        size_t k = __atomic_fetch_add(&r->next, 1, __ATOMIC_RELAXED);
        if (k >= r->ntodo)
            break;
        qc_read_one(r, r->todo[k]);
        size_t done = __atomic_add_fetch(&r->done, 1, __ATOMIC_ACQ_REL);
        if (self->opt.progress && (done - last >= 64 || last == (size_t)-1)) {
            self->opt.progress(done, r->ntodo, self->opt.user);
            last = done;
        }
    }
    for (int t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    if (self->opt.progress)
        self->opt.progress(r->ntodo, r->ntodo, self->opt.user);
    free(tids);
}

/* ---- building ------------------------------------------------------------------------ */

static char *qc_dup_or_null(const char *s) { return s ? qc_strdup(s) : NULL; }

/* Make a new image from the old one (may be empty) and the walk. */
static uint8_t *qc_rebuild(qc_corpus *self, const qc_image *old, const qc_walk *w,
                           const qc_plan *plan, uint32_t nbuckets, size_t *out_len)
{
    size_t nf = w->files.len;
    qc_build_article *per = qc_calloc(nf ? nf : 1, sizeof *per);
    size_t *todo = qc_malloc((nf ? nf : 1) * sizeof *todo);
    size_t ntodo = 0;
    for (size_t i = 0; i < nf; i++) {
        const qc_walk_file *f = &w->files.items[i];
        qc_build_article *a = &per[i];
        a->dir = f->dir;
        a->relpath = f->rel;   /* borrowed from the walk */
        a->size = f->size;
        a->mtime_ns = f->mtime_ns;
        a->sidecar_hash = f->sidecar == UINT32_MAX ? 0 : w->sidecars.items[f->sidecar].hash;
        memcpy(a->blob, f->blob, sizeof a->blob);
        a->has_blob = f->has_blob;
        a->old = plan->old_of[i];
        if (a->old >= 0) {
            const qc_image_article *o = &old->articles[a->old];
            a->meta.outlet = qc_dup_or_null(qc_image_str(old, o->outlet));
            a->meta.date = qc_dup_or_null(qc_image_str(old, o->date));
            a->meta.byline = qc_dup_or_null(qc_image_str(old, o->byline));
            a->meta.url = qc_dup_or_null(qc_image_str(old, o->url));
            a->meta.dateline = qc_dup_or_null(qc_image_str(old, o->dateline));
            a->meta.kind = (qc_outlet_kind)o->kind;
            a->meta.via_blog = o->via_blog;
            a->meta.has_credibility = o->has_cred;
            a->meta.credibility = o->credibility;
            a->meta_source = o->meta_source;
            a->words = o->words;
            a->shingles = old->shingles[a->old];
            memcpy(a->sig, old->sigs + (size_t)a->old * QC_SIG_BINS, sizeof a->sig);
            a->content_hash = o->content_hash;
        } else {
            todo[ntodo++] = i;
        }
    }
    uint32_t shift = 32;
    for (uint32_t nb = nbuckets; nb > 1; nb >>= 1)
        shift--;
    qc_reader r = { self, w, per, todo, ntodo, shift, 0, 0 };
    qc_read_all(self, &r);
    self->stats.files_read = ntodo;

    /* order: kept articles in their old order, then the new ones */
    qc_build_article *arts = qc_malloc((nf ? nf : 1) * sizeof *arts);
    size_t n = 0;
    int32_t *byold = NULL;
    size_t oldn = old->h ? old->h->narticles : 0;
    if (oldn) {
        byold = qc_malloc(oldn * sizeof *byold);
        for (size_t i = 0; i < oldn; i++)
            byold[i] = -1;
        for (size_t i = 0; i < nf; i++)
            if (per[i].old >= 0)
                byold[per[i].old] = (int32_t)i;
        for (size_t i = 0; i < oldn; i++)
            if (byold[i] >= 0)
                arts[n++] = per[byold[i]];
    }
    for (size_t i = 0; i < nf; i++) {
        if (per[i].old >= 0)
            continue;
        if (per[i].size == UINT64_MAX) {
            self->stats.files_skipped++;
            qc_corpus_meta_free(&per[i].meta);
            free(per[i].buckets);
            continue;
        }
        arts[n++] = per[i];
    }
    const char **dirs = (const char **)self->dirs;
    uint8_t *buf = qc_image_build(old, arts, n, nbuckets, dirs, self->ndirs, out_len);
    for (size_t i = 0; i < n; i++) {
        qc_corpus_meta_free(&arts[i].meta);
        free(arts[i].buckets);
    }
    free(byold);
    free(arts);
    free(per);
    free(todo);
    return buf;
}

/* ---- the public records --------------------------------------------------------------- */

static double qc_rating_find(const qc_corpus_rating *t, size_t n, const char *name, int *found)
{
    for (size_t i = 0; name && i < n; i++)
        if (t[i].name && !strcasecmp(t[i].name, name)) {
            *found = 1;
            return t[i].credibility;
        }
    return 0;
}

static double qc_kind_rating(const qc_corpus *self, qc_outlet_kind kind)
{
    int found = 0;
    double c = qc_rating_find(self->opt.kind_ratings, self->opt.nkind_ratings,
                              qc_outlet_kind_name(kind), &found);
    if (!found && kind == QC_KIND_STATE)
        c = qc_rating_find(self->opt.kind_ratings, self->opt.nkind_ratings, "state-media", &found);
    return found ? c : qc_outlet_kind_credibility(kind);
}

static void qc_publish(qc_corpus *self)
{
    const qc_image *img = &self->img;
    size_t n = img->h->narticles;
    self->n = n;
    self->articles = qc_calloc(n ? n : 1, sizeof *self->articles);
    self->paths = qc_calloc(n ? n : 1, sizeof *self->paths);
    self->texts = qc_calloc(n ? n : 1, sizeof *self->texts);
    self->tokens = qc_calloc(n ? n : 1, sizeof *self->tokens);
    self->extractions = qc_calloc(n ? n : 1, sizeof *self->extractions);
    self->proses = qc_calloc(n ? n : 1, sizeof *self->proses);
    self->used = qc_calloc(n ? n : 1, sizeof *self->used);
    self->cost = qc_calloc(n ? n : 1, sizeof *self->cost);
    for (unsigned k = 0; k < QC_CORPUS_AUX_SLOTS; k++)
        self->aux[k] = qc_calloc(n ? n : 1, sizeof *self->aux[k]);
    /* distinct outlets (case-insensitive), unknown counted once */
    size_t cap = 64;
    while (cap < 2 * n)
        cap *= 2;
    uint64_t *seen = qc_calloc(cap, sizeof *seen);
    size_t outlets = 0;
    int unknown = 0;
    memset(self->stats.by_kind, 0, sizeof self->stats.by_kind);
    for (size_t i = 0; i < n; i++) {
        const qc_image_article *r = &img->articles[i];
        qc_article *a = &self->articles[i];
        const char *dir = self->dirs[r->dir];
        self->paths[i] = (char *)qc_malloc(strlen(dir) + strlen(qc_image_str(img, r->path)) + 2);
        size_t dl = strlen(dir);
        while (dl > 1 && dir[dl - 1] == '/')
            dl--;
        sprintf(self->paths[i], "%.*s/%s", (int)dl, dir, qc_image_str(img, r->path));
        a->path = self->paths[i];
        a->outlet = qc_image_str(img, r->outlet);
        a->date = qc_image_str(img, r->date);
        a->byline = qc_image_str(img, r->byline);
        a->url = qc_image_str(img, r->url);
        a->dateline = qc_image_str(img, r->dateline);
        a->kind = (qc_outlet_kind)r->kind;
        a->via_blog = r->via_blog;
        a->meta_source = qc_meta_sources[r->meta_source < sizeof qc_meta_sources / sizeof *qc_meta_sources
                                             ? r->meta_source : 0];
        a->cluster = r->cluster;
        a->words = r->words;
        a->size = r->size;
        int known = a->kind != QC_KIND_UNKNOWN;
        double c = qc_kind_rating(self, a->kind);
        int found = 0;
        double oc = qc_rating_find(self->opt.outlet_ratings, self->opt.noutlet_ratings, a->outlet, &found);
        if (found) {
            c = oc;
            known = 1;
        }
        if (r->has_cred) {
            c = r->credibility;
            known = 1;
        }
        if (a->via_blog) {
            double b = qc_kind_rating(self, QC_KIND_BLOG);
            if (b < c)
                c = b;
            known = 1;
        }
        a->credibility = c;
        a->label = known ? qc_credibility_label(c) : "unknown";
        self->stats.by_kind[a->kind]++;
        if (!a->outlet) {
            unknown = 1;
            continue;
        }
        char low[128];
        size_t k = 0;
        for (const char *p = a->outlet; *p && k + 1 < sizeof low; p++)
            low[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        uint64_t h = qc_corpus_hash64(low, k) | 1;
        size_t s = h & (cap - 1);
        while (seen[s] && seen[s] != h)
            s = (s + 1) & (cap - 1);
        if (!seen[s]) {
            seen[s] = h;
            outlets++;
        }
    }
    free(seen);
    self->stats.articles = n;
    self->stats.words = img->h->total_words;
    self->stats.text_bytes = img->h->text_bytes;
    self->stats.postings = img->h->npostings;
    self->stats.index_bytes = img->len;
    self->stats.clusters = img->h->nclusters;
    self->stats.outlets = outlets + (size_t)unknown;
}

/* ---- open / close ------------------------------------------------------------------------ */

static int qc_try_load(qc_corpus *self, qc_image *img, int quiet)
{
    if (!self->cache_path)
        return -1;
    int rc = qc_image_load_file(img, self->cache_path);
    if (rc == QC_ENOTFOUND)
        return -1;
    if (rc) {
        if (!quiet)
            qc_corpus_warn(self, "cache %s: %s; rebuilding", self->cache_path, qc_error_last());
        return -1;
    }
    if (img->h->ndirs != self->ndirs) {
        if (!quiet)
            qc_corpus_warn(self, "cache %s: made for other folders; rebuilding", self->cache_path);
        qc_image_release(img);
        return -1;
    }
    return 0;
}

int qc_corpus_open(qc_corpus **out, const char *const *dirs, size_t ndirs,
                   const qc_corpus_options *options)
{
    double t0 = qc_now();
    int rc = 0, lockfd = -1;
    qc_walk walk;
    memset(&walk, 0, sizeof walk);
    qc_plan plan = { NULL, 0, 0, 0 };
    qc_image old;
    memset(&old, 0, sizeof old);
    *out = NULL;
    qc_corpus *self = qc_calloc(1, sizeof *self);
    pthread_mutex_init(&self->warn_lock, NULL);
    pthread_mutex_init(&self->scratch_lock, NULL);
    if (options)
        self->opt = *options;
    self->opt.cache_dir = NULL;
    self->max_file_size = self->opt.max_file_size ? self->opt.max_file_size : QC_FILE_MAX_DEFAULT;
    self->ndirs = ndirs;
    self->dirs = qc_calloc(ndirs ? ndirs : 1, sizeof *self->dirs);
    for (size_t i = 0; i < ndirs; i++)
        self->dirs[i] = qc_strdup(dirs[i]);
    for (size_t i = 0; i < ndirs; i++) {
        struct stat st;
        if (stat(dirs[i], &st) != 0) {
            qc_error_set("%s: %s", dirs[i], errno == ENOENT ? "no such folder" : strerror(errno));
            rc = errno == ENOENT ? QC_ENOTFOUND : QC_EIO;
            goto cleanup;
        }
        if (!S_ISDIR(st.st_mode)) {
            qc_error_set("%s: not a folder", dirs[i]);
            rc = QC_EINVAL;
            goto cleanup;
        }
    }
    if (options && options->cache_dir)
        self->opt.cache_dir = options->cache_dir;
    if (!self->opt.no_cache)
        self->cache_path = qc_cache_file(self);
    self->opt.cache_dir = NULL;   /* not kept: the caller owns it */

    qc_corpus_walk(self, &walk);
    if (self->opt.blob_id)
        for (size_t i = 0; i < walk.files.len; i++) {
            qc_walk_file *f = &walk.files.items[i];
            f->has_blob = self->opt.blob_id(f->path, f->blob, self->opt.blob_user) == 0;
            self->stats.files_blob_keyed += f->has_blob;
        }
    int have_old = qc_try_load(self, &old, 0) == 0;
    uint32_t nbuckets;
    qc_plan_make(&old, &walk, &nbuckets, &plan);
    if (have_old && plan.to_read == 0 && plan.deleted == 0) {
        self->img = old;
        memset(&old, 0, sizeof old);
        self->stats.from_cache = true;
    } else {
        if (self->cache_path)
            lockfd = qc_cache_lock(self);
        if (lockfd >= 0) {
            /* someone may have updated the cache while we waited */
            qc_image_release(&old);
            have_old = qc_try_load(self, &old, 1) == 0;
            free(plan.old_of);
            qc_plan_make(&old, &walk, &nbuckets, &plan);
        }
        if (have_old && plan.to_read == 0 && plan.deleted == 0) {
            self->img = old;
            memset(&old, 0, sizeof old);
            self->stats.from_cache = true;
        } else {
            self->stats.from_cache = have_old;
            self->stats.cache_rebuilt = !have_old;
            size_t len = 0;
            uint8_t *buf = qc_rebuild(self, &old, &walk, &plan, nbuckets, &len);
            if (lockfd >= 0 && qc_file_write_atomic(self->cache_path, buf, len) != 0)
                qc_corpus_warn(self, "%s; index kept in memory", qc_error_last());
            rc = qc_image_open(&self->img, buf, len);
            if (rc) {
                free(buf);
                qc_error_set("internal error: the index just built does not validate");
                goto cleanup;
            }
            self->img.heap = buf;
        }
        qc_cache_unlock(lockfd);
        lockfd = -1;
    }
    qc_publish(self);
    self->stats.cache_path = self->cache_path;
    self->stats.seconds = qc_now() - t0;
    *out = self;
    self = NULL;
cleanup:
    qc_cache_unlock(lockfd);
    qc_image_release(&old);
    free(plan.old_of);
    qc_corpus_walk_free(&walk);
    qc_corpus_close(self);
    return rc;
}

void qc_corpus_close(qc_corpus *self)
{
    if (!self)
        return;
    for (size_t i = 0; i < self->n; i++) {
        free(self->paths[i]);
        qc_text_delete(self->texts[i]);
        if (self->tokens[i]) {
            free(self->tokens[i]->items);
            free(self->tokens[i]->pairs);
            free(self->tokens[i]);
        }
        qc_extraction_delete(self->extractions[i]);
        qc_prose_delete(self->proses[i]);
        for (unsigned k = 0; k < QC_CORPUS_AUX_SLOTS; k++)
            if (self->aux[k] && self->aux[k][i] && self->aux_free[k])
                self->aux_free[k](self->aux[k][i]);
    }
    for (unsigned k = 0; k < QC_CORPUS_AUX_SLOTS; k++)
        free(self->aux[k]);
    free(self->paths);
    free(self->texts);
    free(self->tokens);
    free(self->extractions);
    free(self->proses);
    free(self->used);
    free(self->cost);
    free(self->articles);
    qc_image_release(&self->img);
    for (size_t i = 0; i < self->ndirs; i++)
        free(self->dirs[i]);
    free(self->dirs);
    for (size_t i = 0; i < self->warnings.len; i++)
        free(self->warnings.items[i]);
    array_free(&self->warnings);
    free(self->cache_path);
    pthread_mutex_destroy(&self->warn_lock);
    for (size_t i = 0; i < self->scratch.len; i++)
        qc_scratch_free(self->scratch.items[i]);
    array_free(&self->scratch);
    pthread_mutex_destroy(&self->scratch_lock);
    free(self);
}

/* ---- accessors ------------------------------------------------------------------------- */

size_t qc_corpus_count(const qc_corpus *self) { return self->n; }

const qc_article *qc_corpus_article(const qc_corpus *self, size_t i)
{
    return i < self->n ? &self->articles[i] : NULL;
}

void qc_corpus_stats_get(const qc_corpus *self, qc_corpus_stats *out) { *out = self->stats; }

size_t qc_corpus_warning_count(const qc_corpus *self) { return self->warnings.len; }

const char *qc_corpus_warning(const qc_corpus *self, size_t i)
{
    return i < self->warnings.len ? self->warnings.items[i] : NULL;
}

const qc_text *qc_corpus_article_text(qc_corpus *self, size_t i)
{
    if (i >= self->n)
        return NULL;
    qc_text *t = __atomic_load_n(&self->texts[i], __ATOMIC_ACQUIRE);
    if (t)
        return t;
    char *data = NULL;
    size_t len = 0;
    if (qc_file_read(self->articles[i].path, self->max_file_size, &data, &len) != 0) {
        qc_corpus_warn(self, "%s", qc_error_last());
        return NULL;
    }
    if (qc_corpus_hash64(data, len) != self->img.articles[i].content_hash)
        qc_corpus_warn(self, "%s: changed since it was indexed; run 'quotecheck index'",
                       self->articles[i].path);
    t = qc_text_new(data, len);
    free(data);
    qc_text *expected = NULL;
    if (!__atomic_compare_exchange_n(&self->texts[i], &expected, t, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        qc_text_delete(t);
        return expected;
    }
    return t;
}

static int qc_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Mark article i as used in this trim epoch. */
static inline void qc_corpus_touch(qc_corpus *self, size_t i)
{
    __atomic_store_n(&self->used[i], __atomic_load_n(&self->epoch, __ATOMIC_RELAXED), __ATOMIC_RELAXED);
}

/* Count bytes cached for article i (after a successful install). */
static void qc_corpus_account(qc_corpus *self, size_t i, size_t bytes)
{
    uint32_t b = bytes > UINT32_MAX / 4 ? UINT32_MAX / 4 : (uint32_t)bytes;
    __atomic_add_fetch(&self->cost[i], b, __ATOMIC_RELAXED);
    __atomic_add_fetch(&self->cached, (size_t)b, __ATOMIC_RELAXED);
}

const qc_lazy_tokens *qc_corpus_article_tokens(qc_corpus *self, size_t i)
{
    qc_corpus_touch(self, i);
    qc_lazy_tokens *lt = __atomic_load_n(&self->tokens[i], __ATOMIC_ACQUIRE);
    if (lt)
        return lt;
    const qc_text *t = qc_corpus_article_text(self, i);
    if (!t)
        return NULL;
    qc_corpus_meta fm;
    size_t body = qc_corpus_front_matter(t->data, t->len, &fm);
    qc_corpus_meta_free(&fm);
    qc_ctoken_array toks = ARRAY_INIT;
    qc_corpus_tokenize(t->data + body, t->len - body, body, &toks);
    lt = qc_malloc(sizeof *lt);
    lt->items = toks.items;
    lt->len = toks.len;
    /* word pairs sorted by hash: a quote's pairs are found by binary search */
    lt->pairs = qc_malloc((toks.len ? toks.len : 1) * sizeof *lt->pairs);
    for (size_t k = 0; k + 1 < toks.len; k++)
        lt->pairs[k] = (uint64_t)qc_corpus_pair_hash(toks.items[k].hash, toks.items[k + 1].hash) << 32 | k;
    if (toks.len > 1)
        qsort(lt->pairs, toks.len - 1, sizeof *lt->pairs, qc_cmp_u64);
    qc_lazy_tokens *expected = NULL;
    if (!__atomic_compare_exchange_n(&self->tokens[i], &expected, lt, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        free(lt->items);
        free(lt->pairs);
        free(lt);
        return expected;
    }
    qc_corpus_account(self, i, sizeof *lt + lt->len * (sizeof *lt->items + sizeof *lt->pairs));
    return lt;
}

const qc_extraction *qc_corpus_article_extraction(qc_corpus *self, size_t i)
{
    if (i >= self->n)
        return NULL;
    qc_corpus_touch(self, i);
    qc_extraction *ex = __atomic_load_n(&self->extractions[i], __ATOMIC_ACQUIRE);
    if (ex)
        return ex;
    const qc_text *t = qc_corpus_article_text(self, i);
    if (!t)
        return NULL;
    qc_prose *prose = qc_prose_parse(t->data, t->len, qc_format_from_path(self->articles[i].path));
    ex = qc_extract(t->data, t->len, prose);
    qc_extraction *expected = NULL;
    if (!__atomic_compare_exchange_n(&self->extractions[i], &expected, ex, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        qc_extraction_delete(ex);
        qc_prose_delete(prose);
        return expected;
    }
    /* the prose is kept beside it: the extraction may point into its mask */
    __atomic_store_n(&self->proses[i], prose, __ATOMIC_RELEASE);
    /* an estimate: the mask, the extraction's tokens, quotes and figures */
    qc_corpus_account(self, i, t->len * 4 + 4096);
    return ex;
}

void *qc_corpus_article_aux(qc_corpus *self, size_t i, unsigned slot)
{
    if (i >= self->n || slot >= QC_CORPUS_AUX_SLOTS || !self->aux[slot])
        return NULL;
    qc_corpus_touch(self, i);
    return __atomic_load_n(&self->aux[slot][i], __ATOMIC_ACQUIRE);
}

void *qc_corpus_article_aux_install(qc_corpus *self, size_t i, unsigned slot, void *data,
                                    void (*free_fn)(void *))
{
    if (i >= self->n || slot >= QC_CORPUS_AUX_SLOTS || !self->aux[slot]) {
        if (data && free_fn)
            free_fn(data);
        return NULL;
    }
    __atomic_store_n(&self->aux_free[slot], free_fn, __ATOMIC_RELEASE);
    void *expected = NULL;
    if (!__atomic_compare_exchange_n(&self->aux[slot][i], &expected, data, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        if (data && free_fn)
            free_fn(data);
        return expected;
    }
    const qc_text *t = __atomic_load_n(&self->texts[i], __ATOMIC_ACQUIRE);
    qc_corpus_account(self, i, (t ? t->len : 0) + 1024);   /* an estimate */
    return data;
}

size_t qc_corpus_memory_budget(void)
{
    const char *e = getenv("QUOTECHECK_MEMORY_MB");
    char *end;
    unsigned long long mb = e && *e ? strtoull(e, &end, 10) : 0;
    if (!e || !*e || *end || mb == 0 || mb > (1ull << 40))
        mb = 512;
    return (size_t)mb << 20;
}

size_t qc_corpus_cached_bytes(const qc_corpus *self)
{
    return self ? __atomic_load_n(&self->cached, __ATOMIC_RELAXED) : 0;
}

/* Free what article i has cached besides its text. */
static void qc_corpus_drop(qc_corpus *self, size_t i)
{
    qc_lazy_tokens *lt = self->tokens[i];
    if (lt) {
        free(lt->items);
        free(lt->pairs);
        free(lt);
        self->tokens[i] = NULL;
    }
    qc_extraction_delete(self->extractions[i]);
    self->extractions[i] = NULL;
    qc_prose_delete(self->proses[i]);
    self->proses[i] = NULL;
    for (unsigned k = 0; k < QC_CORPUS_AUX_SLOTS; k++)
        if (self->aux[k] && self->aux[k][i]) {
            if (self->aux_free[k])
                self->aux_free[k](self->aux[k][i]);
            self->aux[k][i] = NULL;
        }
    self->cached -= self->cost[i];
    self->cost[i] = 0;
}

size_t qc_corpus_trim(qc_corpus *self, size_t budget)
{
    if (!self)
        return 0;
    /* every call starts a new epoch: callers trim after each check, so
     * recency is counted in checks */
    self->epoch++;
    if (self->cached <= budget)
        return 0;
    /* least recently used first, down to three quarters of the budget so
     * that trimming is not needed again at once */
    uint64_t *order = qc_malloc((self->n ? self->n : 1) * sizeof *order);   /* epoch << 32 | article */
    size_t k = 0;
    for (size_t i = 0; i < self->n; i++)
        if (self->cost[i])
            order[k++] = (uint64_t)self->used[i] << 32 | i;
    qsort(order, k, sizeof *order, qc_cmp_u64);
    size_t target = budget / 4 * 3, dropped = 0;
    for (size_t j = 0; j < k && self->cached > target; j++) {
        qc_corpus_drop(self, (size_t)(order[j] & 0xffffffffu));
        dropped++;
    }
    free(order);
    return dropped;
}
