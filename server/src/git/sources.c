/*
 * git/sources.c — every revision of every source article, for the
 * matcher's corrected-source check and evidence.revision (match.h's
 * qc_source_history). Owned by the git work (issue 5).
 *
 * On first use, one first-parent walk of HEAD diffs each commit's tree
 * with its parent's, limited to the corpus folders (pathspec): each added
 * or modified file there is a revision (blob id + the commit that
 * introduced it). Revisions are grouped by path, newest first, and kept
 * for the life of the object; blob contents are read when first asked for.
 * Source files are followed by path (a renamed source starts a new
 * history). The walk is only made when the matcher asks, i.e. when a
 * draft has a quote or a figure with evidence.
 *
 * Thread-safety: one mutex around everything (the matcher checks drafts
 * on several threads; libgit2 objects are not shared between threads).
 * Everything handed out (texts, ids, subjects) lives as long as self.
 */
#include "git/git_internal.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct qc_src_rev {
    git_oid blob;
    qc_git_commit commit;
    qc_text *text;                 /* lazy */
    bool unreadable;
} qc_src_rev;

typedef struct qc_src_file {
    char *path;                    /* relative to the working tree */
    qc_src_rev *revs;              /* newest first */
    size_t nrevs;
} qc_src_file;

/* An article as the matcher names it: its path as given and the text the
 * corpus read, mapped once to a file and the revision that text is. */
typedef struct qc_src_seen {
    char *path;
    const qc_text *text;
    const qc_src_file *file;       /* NULL: no history */
    long current;                  /* index into file->revs; -1 uncommitted / unknown */
} qc_src_seen;

struct qc_git_sources {
    pthread_mutex_t lock;
    qc_git *git;
    char **prefixes;               /* corpus folders relative to the working tree */
    size_t nprefixes;
    bool walked;
    qc_src_file *files;            /* sorted by path */
    size_t nfiles;
    Array(qc_src_seen) seen;
    size_t commits;
    double seconds;
    size_t warned;                 /* git warnings already passed on */
    void (*warn)(const char *message, void *user);
    void *user;
    qc_source_history iface;
};

static const char *qc_src_current(void *self, const char *path, const qc_text *text);
static size_t qc_src_earlier(void *self, const char *path, const qc_text *text,
                             qc_source_revision *out, size_t max);

int qc_git_sources_new(qc_git_sources **out, const char *const *dirs, size_t ndirs,
                       void (*warn)(const char *message, void *user), void *user)
{
    *out = NULL;
    if (!ndirs)
        return 0;
    qc_git *git = NULL;
    if (qc_git_open(&git, dirs[0]) != 0) {
        qc_error_clear();
        return 0;   /* not in git: nothing to say */
    }
    qc_git_sources *self = qc_calloc(1, sizeof *self);
    pthread_mutex_init(&self->lock, NULL);
    self->git = git;
    self->prefixes = qc_calloc(ndirs, sizeof *self->prefixes);
    for (size_t i = 0; i < ndirs; i++) {
        char *rel = NULL;
        if (qc_git_relpath(git, dirs[i], &rel) != 0) {
            qc_error_clear();
            continue;
        }
        self->prefixes[self->nprefixes++] = rel;
    }
    self->warn = warn;
    self->user = user;
    self->iface.self = self;
    self->iface.current = qc_src_current;
    self->iface.earlier = qc_src_earlier;
    *out = self;
    return 0;
}

void qc_git_sources_free(qc_git_sources *self)
{
    if (!self)
        return;
    for (size_t i = 0; i < self->nfiles; i++) {
        for (size_t k = 0; k < self->files[i].nrevs; k++)
            qc_text_delete(self->files[i].revs[k].text);
        free(self->files[i].revs);
        free(self->files[i].path);
    }
    free(self->files);
    for (size_t i = 0; i < self->seen.len; i++)
        free(self->seen.items[i].path);
    array_free(&self->seen);
    for (size_t i = 0; i < self->nprefixes; i++)
        free(self->prefixes[i]);
    free(self->prefixes);
    qc_git_close(self->git);
    pthread_mutex_destroy(&self->lock);
    free(self);
}

const qc_source_history *qc_git_sources_history(qc_git_sources *self)
{
    return self ? &self->iface : NULL;
}

void qc_git_sources_walk_stats(const qc_git_sources *self, size_t *commits, size_t *files,
                               double *seconds)
{
    *commits = self ? self->commits : 0;
    *files = self ? self->nfiles : 0;
    *seconds = self ? self->seconds : 0;
}

/* ---- the walk -------------------------------------------------------------------- */

typedef struct qc_src_pair {
    char *path;
    size_t seq;                    /* walk order: newest first */
    git_oid blob;
    size_t commit;                 /* index into the commits array */
} qc_src_pair;

static int qc_src_pair_cmp(const void *a, const void *b)
{
    const qc_src_pair *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    return c ? c : (x->seq < y->seq ? -1 : x->seq > y->seq);
}

static void qc_src_pass_warnings(qc_git_sources *self)
{
    for (; self->warned < qc_git_warning_count(self->git); self->warned++)
        if (self->warn)
            self->warn(qc_git_warning(self->git, self->warned), self->user);
}

static double qc_src_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Called with the lock held. */
static void qc_src_walk(qc_git_sources *self)
{
    if (self->walked)
        return;
    self->walked = true;
    double t0 = qc_src_now();
    git_repository *repo = self->git->repo;
    git_commit *c = NULL, *p = NULL;
    git_tree *t = NULL, *pt = NULL;
    git_diff *diff = NULL;
    Array(qc_src_pair) pairs = ARRAY_INIT;
    Array(qc_git_commit) commits = ARRAY_INIT;
    if (!qc_git_has_commits(self->git) || !self->nprefixes)
        goto cleanup;
    git_object *head = NULL;
    if (git_revparse_single(&head, repo, "HEAD^{commit}") != 0) {
        qc_git_warn(self->git, "%s: cannot read HEAD: %s", self->git->workdir,
                    git_error_last() ? git_error_last()->message : "?");
        goto cleanup;
    }
    c = (git_commit *)head;
    git_diff_options opts;
    git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
    opts.pathspec.strings = self->prefixes;
    opts.pathspec.count = self->nprefixes;
    bool whole = false;
    for (size_t i = 0; i < self->nprefixes; i++)
        whole = whole || !self->prefixes[i][0];
    if (whole)
        opts.pathspec.count = 0;
    while (c) {
        char hex[GIT_OID_HEXSZ + 1];
        git_oid_tostr(hex, sizeof hex, git_commit_id(c));
        self->commits++;
        if (git_commit_tree(&t, c) != 0) {
            qc_git_warn(self->git, "cannot read object %s (tree of commit %.7s): %s; source "
                        "history stops there", hex, hex, git_error_last() ? git_error_last()->message : "?");
            break;
        }
        if (qc_git_first_parent(self->git, c, &p) == 0 && git_commit_tree(&pt, p) != 0) {
            char phex[GIT_OID_HEXSZ + 1];
            git_oid_tostr(phex, sizeof phex, git_commit_id(p));
            qc_git_warn(self->git, "cannot read object %s (tree of commit %.7s): %s", phex, phex,
                        git_error_last() ? git_error_last()->message : "?");
            git_error_clear();
        }
        bool broken = p && !pt;
        if (git_diff_tree_to_tree(&diff, repo, pt, t, &opts) != 0) {
            qc_git_warn(self->git, "cannot compare commit %s with its parent: %s", hex,
                        git_error_last() ? git_error_last()->message : "?");
            break;
        }
        size_t nd = git_diff_num_deltas(diff);
        bool any = false;
        for (size_t i = 0; i < nd; i++) {
            const git_diff_delta *d = git_diff_get_delta(diff, i);
            if (d->status == GIT_DELTA_DELETED || !(d->new_file.flags & GIT_DIFF_FLAG_EXISTS))
                continue;
            if (!any) {
                qc_git_commit info;
                qc_git_commit_info(self->git, c, &info);
                array_push(&commits, info);
                any = true;
            }
            qc_src_pair pr = { qc_strdup(d->new_file.path), pairs.len, d->new_file.id,
                               commits.len - 1 };
            array_push(&pairs, pr);
        }
        git_diff_free(diff);
        diff = NULL;
        git_tree_free(pt);
        pt = NULL;
        git_tree_free(t);
        t = NULL;
        git_commit_free(c);
        c = p;
        p = NULL;
        if (broken)
            break;
    }
    if (qc_git_is_shallow(self->git))
        qc_git_warn(self->git, "%s is a shallow clone: source revisions older than its "
                    "history are not known", self->git->workdir);
    git_error_clear();
    /* group by path, newest first */
    if (pairs.len)
        qsort(pairs.items, pairs.len, sizeof *pairs.items, qc_src_pair_cmp);
    self->files = qc_calloc(pairs.len ? pairs.len : 1, sizeof *self->files);
    for (size_t i = 0; i < pairs.len;) {
        size_t j = i;
        while (j < pairs.len && !strcmp(pairs.items[j].path, pairs.items[i].path))
            j++;
        qc_src_file *f = &self->files[self->nfiles++];
        f->path = qc_strdup(pairs.items[i].path);
        f->revs = qc_calloc(j - i, sizeof *f->revs);
        for (size_t k = i; k < j; k++) {
            qc_src_rev *r = &f->revs[f->nrevs++];
            r->blob = pairs.items[k].blob;
            r->commit = commits.items[pairs.items[k].commit];
        }
        i = j;
    }
cleanup:
    for (size_t i = 0; i < pairs.len; i++)
        free(pairs.items[i].path);
    array_free(&pairs);
    array_free(&commits);
    git_diff_free(diff);
    git_tree_free(pt);
    git_commit_free(p);
    git_tree_free(t);
    git_commit_free(c);
    self->seconds = qc_src_now() - t0;
    qc_src_pass_warnings(self);
}

static int qc_src_file_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const qc_src_file *)elem)->path);
}

/* Called with the lock held. */
static qc_src_seen *qc_src_lookup(qc_git_sources *self, const char *path, const qc_text *text)
{
    for (size_t i = 0; i < self->seen.len; i++)
        if (self->seen.items[i].text == text && !strcmp(self->seen.items[i].path, path))
            return &self->seen.items[i];
    qc_src_walk(self);
    qc_src_seen s = { qc_strdup(path), text, NULL, -1 };
    char *rel = NULL;
    if (self->nfiles && qc_git_relpath(self->git, path, &rel) == 0)
        s.file = bsearch(rel, self->files, self->nfiles, sizeof *self->files, qc_src_file_cmp);
    qc_error_clear();
    free(rel);
    if (s.file && text) {
        git_oid id;
        if (git_odb_hash(&id, text->data, text->len, GIT_OBJECT_BLOB) == 0)
            for (size_t k = 0; k < s.file->nrevs && s.current < 0; k++)
                if (git_oid_equal(&id, &s.file->revs[k].blob))
                    s.current = (long)k;
    }
    array_push(&self->seen, s);
    return array_last(&self->seen);
}

static const char *qc_src_current(void *vself, const char *path, const qc_text *text)
{
    qc_git_sources *self = vself;
    pthread_mutex_lock(&self->lock);
    const qc_src_seen *s = qc_src_lookup(self, path, text);
    const char *id = s->file && s->current >= 0 ? s->file->revs[s->current].commit.short_id : NULL;
    pthread_mutex_unlock(&self->lock);
    return id;
}

static size_t qc_src_earlier(void *vself, const char *path, const qc_text *text,
                             qc_source_revision *out, size_t max)
{
    qc_git_sources *self = vself;
    size_t n = 0;
    pthread_mutex_lock(&self->lock);
    const qc_src_seen *s = qc_src_lookup(self, path, text);
    if (!s->file)
        goto done;
    qc_src_file *f = (qc_src_file *)s->file;
    git_oid today;
    bool have_today = text && git_odb_hash(&today, text->data, text->len, GIT_OBJECT_BLOB) == 0;
    for (size_t k = (size_t)(s->current + 1); k < f->nrevs && n < max; k++) {
        qc_src_rev *r = &f->revs[k];
        if (have_today && git_oid_equal(&today, &r->blob))
            continue;   /* reverted to today's wording */
        if (!r->text && !r->unreadable) {
            git_blob *b = NULL;
            if (git_blob_lookup(&b, self->git->repo, &r->blob) != 0) {
                char hex[GIT_OID_HEXSZ + 1];
                git_oid_tostr(hex, sizeof hex, &r->blob);
                qc_git_warn(self->git, "cannot read object %s (%s at %s): %s", hex, f->path,
                            r->commit.short_id, git_error_last() ? git_error_last()->message : "?");
                git_error_clear();
                r->unreadable = true;
                qc_src_pass_warnings(self);
                continue;
            }
            r->text = qc_text_new(git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
            git_blob_free(b);
        }
        if (!r->text)
            continue;
        qc_source_revision *o = &out[n++];
        o->text = r->text;
        o->revision = r->commit.short_id;
        if (k == 0) {   /* newest committed, but the working copy differs */
            o->corrected_id = "working copy";
            o->corrected_date = "";
            o->corrected_subject = "not committed yet";
        } else {
            o->corrected_id = f->revs[k - 1].commit.short_id;
            o->corrected_date = f->revs[k - 1].commit.date;
            o->corrected_subject = f->revs[k - 1].commit.subject;
        }
    }
done:
    pthread_mutex_unlock(&self->lock);
    return n;
}
