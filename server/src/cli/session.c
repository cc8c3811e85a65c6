/*
 * cli/session.c — config discovery, shared corpora and the per-draft
 * pipeline for `check` and `audit` (see session.h). Owned by the
 * check/audit work.
 */
#include "cli/session.h"
#include "cli/cli.h"
#include "report/report.h"

#include "config/suppress.h"
#include "extract/extract.h"
#include "git/git.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/error.h"
#include "util/file.h"
#include "util/strbuf.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct qc_session_corpus {
    char *key;                    /* folders, cache and ratings, joined */
    qc_corpus *corpus;
    qc_git_sources *history;      /* NULL outside git */
} qc_session_corpus;

struct qc_session {
    qc_session_options opt;
    char *cwd;
    Array(qc_session_ctx *) ctxs;
    Array(qc_session_corpus) corpora;
};

/* ---------------------------------------------------------------------- */

/* Absolute form of p (relative paths are taken from base), symlinks
 * resolved when it exists. Caller frees. */
static char *qc_session_abs(const char *p, const char *base)
{
    char real[PATH_MAX];
    qc_strbuf sb = QC_STRBUF_INIT;
    if (p[0] == '/')
        qc_strbuf_adds(&sb, p);
    else
        qc_strbuf_printf(&sb, "%s/%s", base, p[0] == '.' && p[1] == '/' ? p + 2 : p);
    char *s = qc_strbuf_detach(&sb);
    if (realpath(s, real)) {
        free(s);
        return qc_strdup(real);
    }
    return s;
}

void qc_draft_init(qc_draft *d, const char *path, const char *lookup, char *data, size_t len)
{
    memset(d, 0, sizeof *d);
    d->path = qc_strdup(path);
    d->lookup = qc_strdup(lookup ? lookup : path);
    d->data = data;
    d->len = len;
    d->format = qc_format_from_path(path);
}

void qc_draft_clear(qc_draft *d)
{
    if (!d)
        return;
    free(d->path);
    free(d->lookup);
    free(d->data);
    free(d->error);
    qc_text_delete(d->text);
    qc_findings_delete(d->findings);
    for (size_t i = 0; i < d->nnotes; i++)
        free(d->notes[i]);
    free(d->notes);
    memset(d, 0, sizeof *d);
}

qc_session *qc_session_new(const qc_session_options *opt)
{
    qc_session *self = qc_calloc(1, sizeof *self);
    self->opt = *opt;
    char buf[PATH_MAX];
    self->cwd = qc_strdup(getcwd(buf, sizeof buf) ? buf : ".");
    return self;
}

static void qc_session_ctx_free(qc_session_ctx *c)
{
    free(c->config_path);
    qc_config_free(c->config);
    for (size_t i = 0; i < c->ndirs; i++)
        free(c->dirs[i]);
    free(c->dirs);
    free(c);
}

void qc_session_delete(qc_session *self)
{
    if (!self)
        return;
    for (size_t i = 0; i < self->ctxs.len; i++)
        qc_session_ctx_free(self->ctxs.items[i]);
    array_free(&self->ctxs);
    for (size_t i = 0; i < self->corpora.len; i++) {
        free(self->corpora.items[i].key);
        qc_corpus_close(self->corpora.items[i].corpus);
        qc_git_sources_free(self->corpora.items[i].history);
    }
    array_free(&self->corpora);
    free(self->cwd);
    free(self);
}

const char *qc_session_cwd(const qc_session *self) { return self->cwd; }

/* ---------------------------------------------------------------------- */
/* Opening corpora                                                          */

typedef struct qc_session_bar {
    double last;
    bool drawn;
} qc_session_bar;

static double qc_session_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void qc_session_progress(size_t done, size_t total, void *user)
{
    qc_session_bar *bar = user;
    double now = qc_session_now();
    if (done < total && now - bar->last < 0.05)
        return;
    bar->last = now;
    int width = 30, fill = total ? (int)((double)done / (double)total * width) : width;
    fprintf(stderr, "\rindexing [%.*s%*s] %zu/%zu files", fill,
            "==============================", width - fill, "", done, total);
    bar->drawn = true;
    fflush(stderr);
}

static void qc_session_warning(const char *msg, void *user)
{
    qc_session_bar *bar = user;
    if (bar && bar->drawn) {
        fputs("\r\033[K", stderr);
        bar->drawn = false;
    }
    fprintf(stderr, "quotecheck: warning: %s\n", msg);
}

static int qc_session_open_corpus(qc_session *self, qc_session_ctx *c)
{
    const qc_config *cfg = c->config;
    const char *cache = self->opt.cache_dir ? self->opt.cache_dir : cfg->cache;
    qc_strbuf key = QC_STRBUF_INIT;
    for (size_t i = 0; i < c->ndirs; i++)
        qc_strbuf_printf(&key, "%s\x1f", c->dirs[i]);
    qc_strbuf_printf(&key, "\x1e%s\x1e", cache ? cache : "");
    for (size_t i = 0; i < cfg->noutlets; i++)
        qc_strbuf_printf(&key, "%s=%.17g\x1f", cfg->outlets[i].key, cfg->outlets[i].value);
    qc_strbuf_adds(&key, "\x1e");
    for (size_t i = 0; i < cfg->nkinds; i++)
        qc_strbuf_printf(&key, "%s=%.17g\x1f", cfg->kinds[i].key, cfg->kinds[i].value);
    const char *k = qc_strbuf_cstr(&key);
    for (size_t i = 0; i < self->corpora.len; i++)
        if (!strcmp(self->corpora.items[i].key, k)) {
            c->corpus = self->corpora.items[i].corpus;
            c->history = qc_git_sources_history(self->corpora.items[i].history);
            qc_strbuf_free(&key);
            return 0;
        }

    qc_corpus_rating *outl = qc_calloc(cfg->noutlets + 1, sizeof *outl);
    qc_corpus_rating *kinds = qc_calloc(cfg->nkinds + 1, sizeof *kinds);
    for (size_t i = 0; i < cfg->noutlets; i++)
        outl[i] = (qc_corpus_rating){ cfg->outlets[i].name, cfg->outlets[i].value };
    for (size_t i = 0; i < cfg->nkinds; i++)
        kinds[i] = (qc_corpus_rating){ cfg->kinds[i].name, cfg->kinds[i].value };
    qc_session_bar bar = { 0, false };
    qc_corpus_options o;
    memset(&o, 0, sizeof o);
    o.cache_dir = cache;
    o.no_cache = self->opt.no_cache;
    o.outlet_ratings = outl;
    o.noutlet_ratings = cfg->noutlets;
    o.kind_ratings = kinds;
    o.nkind_ratings = cfg->nkinds;
    o.progress = self->opt.progress ? qc_session_progress : NULL;
    o.warning = qc_session_warning;
    o.user = &bar;
    /* a corpus in git: its cache keyed by blob ids, its history known */
    qc_git *git = NULL;
    if (c->ndirs && qc_git_open(&git, c->dirs[0]) == 0) {
        o.blob_id = qc_git_corpus_blob_id;
        o.blob_user = git;
    }
    qc_error_clear();
    qc_corpus *corpus = NULL;
    int rc = qc_corpus_open(&corpus, (const char *const *)c->dirs, c->ndirs, &o);
    qc_git_close(git);
    if (bar.drawn)
        fputs("\r\033[K", stderr);
    free(outl);
    free(kinds);
    if (rc != 0) {
        qc_strbuf_free(&key);
        return rc;
    }
    qc_session_corpus sc = { qc_strbuf_detach(&key), corpus, NULL };
    qc_git_sources_new(&sc.history, (const char *const *)c->dirs, c->ndirs, qc_session_warning, NULL);
    array_push(&self->corpora, sc);
    c->corpus = corpus;
    c->history = qc_git_sources_history(sc.history);
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Phase 1: the draft's config and corpus                                   */

static void qc_session_config_warnings(const qc_config *cfg)
{
    for (size_t i = 0; i < cfg->nwarnings; i++)
        fprintf(stderr, "quotecheck: warning: %s\n", cfg->warnings[i].text);
}

static int qc_session_ctx_for(qc_session *self, const char *config_path, qc_session_ctx **out)
{
    for (size_t i = 0; i < self->ctxs.len; i++) {
        qc_session_ctx *c = self->ctxs.items[i];
        if ((!c->config_path && !config_path) ||
            (c->config_path && config_path && !strcmp(c->config_path, config_path))) {
            *out = c;
            return 0;
        }
    }
    qc_session_ctx *c = qc_calloc(1, sizeof *c);
    int rc;
    if (config_path) {
        if ((rc = qc_config_load_file(config_path, &c->config)) != 0) {
            free(c);
            return rc;
        }
        c->config_path = qc_strdup(config_path);
        qc_session_config_warnings(c->config);
    } else {
        qc_config_default(&c->config);
    }
    if (self->opt.nsources) {
        c->dirs = qc_calloc(self->opt.nsources, sizeof *c->dirs);
        for (size_t i = 0; i < self->opt.nsources; i++) {
            c->dirs[i] = qc_session_abs(self->opt.sources[i], self->cwd);
            struct stat st;
            if (stat(c->dirs[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
                qc_error_set("--sources %s: %s", self->opt.sources[i],
                             stat(c->dirs[i], &st) != 0 ? "no such folder" : "not a folder");
                c->ndirs = i + 1;
                qc_session_ctx_free(c);
                return QC_ENOTFOUND;
            }
        }
        c->ndirs = self->opt.nsources;
    } else if (c->config->nsources) {
        if ((rc = qc_config_check_sources(c->config)) != 0) {
            qc_session_ctx_free(c);
            return rc;
        }
        c->dirs = qc_calloc(c->config->nsources, sizeof *c->dirs);
        for (size_t i = 0; i < c->config->nsources; i++)
            c->dirs[i] = qc_session_abs(c->config->sources[i].path, c->config->dir);
        c->ndirs = c->config->nsources;
    } else {
        if (c->config_path)
            qc_error_set("no corpus: pass --sources DIR or add \"sources\" to %s", c->config_path);
        else if (self->opt.no_config)
            qc_error_set("no corpus: pass --sources DIR (--no-config reads no %s)", QC_CONFIG_FILENAME);
        else
            qc_error_set("no corpus: pass --sources DIR or add \"sources\" to %s", QC_CONFIG_FILENAME);
        qc_session_ctx_free(c);
        return QC_ENOTFOUND;
    }
    if ((rc = qc_session_open_corpus(self, c)) != 0) {
        qc_session_ctx_free(c);
        return rc;
    }
    array_push(&self->ctxs, c);
    *out = c;
    return 0;
}

int qc_session_prepare(qc_session *self, qc_draft *d)
{
    char *config_path = NULL;
    if (self->opt.no_config) {
        /* defaults */
    } else if (self->opt.config_path) {
        config_path = qc_session_abs(self->opt.config_path, self->cwd);
    } else if (qc_config_find(d->lookup, &config_path) != 0) {
        config_path = NULL;   /* none found: defaults */
        qc_error_clear();
    }
    int rc = qc_session_ctx_for(self, config_path, &d->ctx);
    free(config_path);
    if (rc != 0)
        return rc;
    if (!d->data && qc_config_ignored(d->ctx->config, d->lookup))
        d->ignored = true;
    return 0;
}

static bool qc_session_under(const char *dir, const char *path)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return true;
    return !strncmp(dir, path, n) && (path[n] == '\0' || path[n] == '/');
}

bool qc_session_in_corpus(const qc_session *self, const char *path)
{
    char *abs = qc_session_abs(path, self->cwd);
    bool in = false;
    for (size_t i = 0; i < self->ctxs.len && !in; i++) {
        const qc_session_ctx *c = self->ctxs.items[i];
        for (size_t j = 0; j < c->ndirs && !in; j++)
            in = qc_session_under(c->dirs[j], abs);
    }
    free(abs);
    return in;
}

/* ---------------------------------------------------------------------- */
/* Phase 2: one draft                                                       */

static int qc_session_finding_cmp(const void *pa, const void *pb)
{
    const qc_finding *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    if (a->code != b->code)
        return a->code < b->code ? -1 : 1;
    return strcmp(a->message ? a->message : "", b->message ? b->message : "");
}

void qc_session_check(const qc_session *self, qc_draft *d)
{
    char *data = d->data;
    size_t len = d->len;
    if (!data) {
        int rc = qc_file_read(d->path, QC_FILE_MAX_DEFAULT, &data, &len);
        if (rc != 0) {
            d->error = qc_strdup(qc_error_last());
            return;
        }
    } else {
        d->data = NULL;
    }
    d->text = qc_text_new(data, len);
    free(data);
    const qc_text *t = d->text;
    qc_prose *prose = qc_prose_parse(t->data, t->len, d->format);
    qc_extraction *ex = qc_extract(t->data, t->len, prose);
    qc_findings *f = qc_check_with(d->ctx->corpus, d->ctx->config, t, prose, ex, d->ctx->history);
    qc_suppress *sup = NULL;
    qc_suppress_scan(t->data, t->len, d->format, &sup);

    size_t kept = 0;
    for (size_t i = 0; i < f->len; i++) {
        const qc_finding *x = &f->items[i];
        if (x->severity == QC_SEV_OFF || x->severity > self->opt.min_severity)
            continue;
        if (qc_suppress_covers(sup, x->code, x->start, x->end))
            continue;
        if (kept != i)
            f->items[kept] = *x;
        kept++;
    }
    f->len = kept;
    if (f->len > 1)
        qsort(f->items, f->len, sizeof *f->items, qc_session_finding_cmp);
    d->findings = f;

    if (sup && sup->nwarnings) {
        d->notes = qc_calloc(sup->nwarnings, sizeof *d->notes);
        for (size_t i = 0; i < sup->nwarnings; i++) {
            qc_strbuf sb = QC_STRBUF_INIT;
            qc_strbuf_printf(&sb, "%s:%zu:%zu: warning: %s", d->path, sup->warnings[i].line,
                             sup->warnings[i].column, sup->warnings[i].message);
            d->notes[d->nnotes++] = qc_strbuf_detach(&sb);
        }
    }
    qc_suppress_free(sup);
    qc_extraction_delete(ex);
    qc_prose_delete(prose);
}

void qc_draft_keep_lines(qc_draft *d, const uint32_t *lines, size_t n)
{
    if (!d->findings || !d->text)
        return;
    qc_findings *f = d->findings;
    size_t kept = 0;
    for (size_t i = 0; i < f->len; i++) {
        size_t line = qc_text_pos(d->text, f->items[i].start, QC_ENC_UTF8).line + 1;
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (lines[mid] < line)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n && lines[lo] == line)
            f->items[kept++] = f->items[i];
    }
    f->len = kept;
}

int qc_session_read_stdin(const char *name, char **out, size_t *len)
{
    size_t cap = 65536, n = 0, r;
    char *buf = qc_malloc(cap);
    while ((r = fread(buf + n, 1, cap - n - 1, stdin)) > 0) {
        n += r;
        if (n + 1 >= cap) {
            if (cap >= QC_FILE_MAX_DEFAULT) {
                free(buf);
                qc_error_set("%s: over the limit of %u bytes", name, QC_FILE_MAX_DEFAULT);
                return QC_ETOOBIG;
            }
            cap *= 2;
            buf = qc_realloc(buf, cap);
        }
    }
    buf[n] = '\0';
    int rc = qc_text_check(name, buf, n);
    if (rc) {
        free(buf);
        return rc;
    }
    *out = buf;
    *len = n;
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Checking many drafts on several threads                                  */

typedef struct qc_session_pool {
    const qc_session *session;
    qc_draft *drafts;
    size_t n, next, done;
    pthread_mutex_t lock;
    void (*progress)(size_t done, size_t total, void *user);
    void *user;
    pthread_rwlock_t use;   /* read: checking a draft; write: trimming the corpora */
    size_t budget;
} qc_session_pool;

/* Are the session's corpora over the memory budget together? */
static bool qc_session_over_budget(const qc_session *self, size_t budget)
{
    size_t total = 0;
    for (size_t i = 0; i < self->corpora.len; i++)
        total += qc_corpus_cached_bytes(self->corpora.items[i].corpus);
    return total > budget;
}

/* Trim each corpus to its share of the budget (no check may be running). */
static void qc_session_trim(const qc_session *self, size_t budget)
{
    size_t each = self->corpora.len ? budget / self->corpora.len : budget;
    for (size_t i = 0; i < self->corpora.len; i++)
        qc_corpus_trim(self->corpora.items[i].corpus, each);
}

static void *qc_session_worker(void *arg)
{
    qc_session_pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t i = p->next < p->n ? p->next++ : p->n;
        pthread_mutex_unlock(&p->lock);
        if (i >= p->n)
            return NULL;
        pthread_rwlock_rdlock(&p->use);
        qc_session_check(p->session, &p->drafts[i]);
        pthread_rwlock_unlock(&p->use);
        if (qc_session_over_budget(p->session, p->budget)) {
            /* every worker comes here after each draft, so the write
             * lock is not starved by the others' read locks */
            pthread_rwlock_wrlock(&p->use);
            if (qc_session_over_budget(p->session, p->budget))
                qc_session_trim(p->session, p->budget);
            pthread_rwlock_unlock(&p->use);
        }
        pthread_mutex_lock(&p->lock);
        p->done++;
        if (p->progress)
            p->progress(p->done, p->n, p->user);
        pthread_mutex_unlock(&p->lock);
    }
}

qc_report_file *qc_session_report_files(const qc_draft *drafts, size_t n, size_t *nrf, size_t *unreadable)
{
    qc_report_file *rf = qc_calloc(n + 1, sizeof *rf);
    *nrf = 0;
    *unreadable = 0;
    for (size_t i = 0; i < n; i++) {
        const qc_draft *d = &drafts[i];
        if (d->error) {
            fprintf(stderr, "quotecheck: %s\n", d->error);
            (*unreadable)++;
            continue;
        }
        for (size_t k = 0; k < d->nnotes; k++)
            fprintf(stderr, "quotecheck: %s\n", d->notes[k]);
        rf[(*nrf)++] = (qc_report_file){ d->path, d->text, d->findings->items, d->findings->len,
                                         d->findings->quotes_checked, d->findings->figures_checked };
    }
    return rf;
}

void qc_session_check_all(const qc_session *self, qc_draft *drafts, size_t n, int jobs,
                          void (*progress)(size_t done, size_t total, void *user), void *user)
{
    if (jobs <= 0)
        jobs = qc_cli_cpus();
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    qc_session_pool p = { self, drafts, n, 0, 0, PTHREAD_MUTEX_INITIALIZER, progress, user,
                          PTHREAD_RWLOCK_INITIALIZER, qc_corpus_memory_budget() };
    pthread_t *th = qc_calloc((size_t)jobs, sizeof *th);
    int started = 0;
    for (int t = 1; t < jobs; t++) {
        if (pthread_create(&th[t], NULL, qc_session_worker, &p) != 0)
            break;   /* fewer threads; this one still does the work */
        started = t;
    }
    qc_session_worker(&p);
    for (int t = 1; t <= started; t++)
        pthread_join(th[t], NULL);
    free(th);
    pthread_mutex_destroy(&p.lock);
    pthread_rwlock_destroy(&p.use);
}

int qc_session_status(const qc_draft *drafts, size_t n)
{
    bool unreadable = false;
    for (size_t i = 0; i < n; i++) {
        if (drafts[i].error)
            unreadable = true;
        if (!drafts[i].findings)
            continue;
        for (size_t j = 0; j < drafts[i].findings->len; j++)
            if (drafts[i].findings->items[j].severity == QC_SEV_ERROR)
                return QC_EXIT_FINDINGS;
    }
    return unreadable ? QC_EXIT_ERROR : QC_EXIT_OK;
}

/* ---------------------------------------------------------------------- */
/* Options shared by check and audit                                        */

int qc_cli_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)(n > 256 ? 256 : n) : 1;
}

void qc_cli_common_init(qc_cli_common *c, int argc)
{
    memset(c, 0, sizeof *c);
    c->sources = qc_calloc((size_t)argc + 1, sizeof *c->sources);
    c->session.min_severity = QC_SEV_HINT;
    c->format = QC_OUT_TEXT;
}

void qc_cli_common_free(qc_cli_common *c)
{
    free(c->sources);
    c->sources = NULL;
}

/* "--name VALUE" or "--name=VALUE": 1 with the value in *v, 0 when
 * argv[*i] is not this option, -1 (usage error printed) when the value is
 * missing. */
static int qc_cli_take(const char *cmd, const char *name, int argc, char **argv, int *i,
                       const char **v)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) || (a[n] != '=' && a[n] != '\0'))
        return 0;
    if (a[n] == '=') {
        *v = a + n + 1;
        return 1;
    }
    if (*i + 1 >= argc) {
        qc_cli_usage_error(cmd, "%s needs a value", name);
        return -1;
    }
    *v = argv[++*i];
    return 1;
}

int qc_cli_corpus_option(const char *cmd, int argc, char **argv, int *i, const char **dirs,
                         size_t *ndirs, qc_corpus_options *opt)
{
    const char *a = argv[*i];
    if (!strcmp(a, "--sources") || !strncmp(a, "--sources=", 10)) {
        const char *v = a[9] == '=' ? a + 10 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!v || !*v)
            return qc_cli_usage_error(cmd, "--sources takes a folder");
        dirs[(*ndirs)++] = v;
        return 1;
    }
    if (!strcmp(a, "--cache-dir") || !strncmp(a, "--cache-dir=", 12)) {
        const char *v = a[11] == '=' ? a + 12 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!v || !*v)
            return qc_cli_usage_error(cmd, "--cache-dir takes a folder");
        opt->cache_dir = v;
        return 1;
    }
    if (!strcmp(a, "--no-cache")) {
        opt->no_cache = true;
        return 1;
    }
    return 0;
}

int qc_cli_common_option(qc_cli_common *c, const char *cmd, unsigned formats, int argc,
                         char **argv, int *i)
{
    const char *v = NULL, *a = argv[*i];
    int r;
    if ((r = qc_cli_take(cmd, "--sources", argc, argv, i, &v)) != 0) {
        if (r < 0)
            return QC_EXIT_ERROR;
        if (!*v)
            return qc_cli_usage_error(cmd, "--sources takes a folder");
        c->sources[c->session.nsources++] = v;
        c->session.sources = c->sources;
        return 1;
    }
    if ((r = qc_cli_take(cmd, "--config", argc, argv, i, &v)) != 0) {
        if (r < 0)
            return QC_EXIT_ERROR;
        if (!*v)
            return qc_cli_usage_error(cmd, "--config takes a file");
        c->session.config_path = v;
        return 1;
    }
    if (!strcmp(a, "--no-config")) {
        c->session.no_config = true;
        return 1;
    }
    if ((r = qc_cli_take(cmd, "--format", argc, argv, i, &v)) != 0) {
        if (r < 0)
            return QC_EXIT_ERROR;
        int f = !strcmp(v, "github") ? QC_OUT_GITHUB : qc_out_format_parse(v);
        if (f < 0 || !(formats & (1u << f))) {
            static const char *const names[] = { "text", "json", "sarif", "html", "github" };
            qc_strbuf sb = QC_STRBUF_INIT;
            for (int k = 0; k <= QC_OUT_GITHUB; k++)
                if (formats & (1u << k))
                    qc_strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", names[k]);
            int rc = qc_cli_usage_error(cmd, "--format takes %s (not '%s')", qc_strbuf_cstr(&sb), v);
            qc_strbuf_free(&sb);
            return rc;
        }
        c->format = f;
        return 1;
    }
    if ((r = qc_cli_take(cmd, "--color", argc, argv, i, &v)) != 0 ||
        (r = qc_cli_take(cmd, "--colour", argc, argv, i, &v)) != 0) {
        if (r < 0)
            return QC_EXIT_ERROR;
        if (!strcmp(v, "auto"))
            c->color = 0;
        else if (!strcmp(v, "always"))
            c->color = 1;
        else if (!strcmp(v, "never"))
            c->color = 2;
        else
            return qc_cli_usage_error(cmd, "--color takes auto, always or never (not '%s')", v);
        return 1;
    }
    if ((r = qc_cli_take(cmd, "--severity", argc, argv, i, &v)) != 0) {
        if (r < 0)
            return QC_EXIT_ERROR;
        int s = qc_severity_parse(v);
        if (s <= 0)
            return qc_cli_usage_error(cmd, "--severity takes error, warning, info or hint (not '%s')", v);
        c->session.min_severity = (qc_severity)s;
        return 1;
    }
    if ((r = qc_cli_take(cmd, "--output", argc, argv, i, &v)) != 0 ||
        (r = qc_cli_take(cmd, "-o", argc, argv, i, &v)) != 0) {
        if (r < 0)
            return QC_EXIT_ERROR;
        c->output = v;
        return 1;
    }
    if ((r = qc_cli_take(cmd, "--cache-dir", argc, argv, i, &v)) != 0) {
        if (r < 0)
            return QC_EXIT_ERROR;
        c->session.cache_dir = v;
        return 1;
    }
    if (!strcmp(a, "--no-cache")) {
        c->session.no_cache = true;
        return 1;
    }
    if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
        c->quiet = true;
        return 1;
    }
    return 0;
}

FILE *qc_cli_common_open_output(qc_cli_common *c, const char *cmd, bool *color)
{
    FILE *out = stdout;
    if (c->output && strcmp(c->output, "-")) {
        out = fopen(c->output, "w");
        if (!out) {
            fprintf(stderr, "quotecheck %s: cannot write %s: %s\n", cmd, c->output, strerror(errno));
            return NULL;
        }
    }
    const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
    *color = c->color == 1 ||
             (c->color == 0 && out == stdout && isatty(STDOUT_FILENO) && !(nc && *nc) &&
              !(term && !strcmp(term, "dumb")));
    return out;
}
