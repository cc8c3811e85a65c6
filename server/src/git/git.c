/*
 * git/git.c — opening a repository, the index (staged files and blobs,
 * blob ids of working files), changed lines, the hooks folder. Owned by
 * the git work (issue 5); revisions and blame are in log.c, the corpus
 * history for the matcher in sources.c. See git.h for the conventions.
 */
#include "git/git_internal.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- basics --------------------------------------------------------------- */

static pthread_once_t qc_git_once = PTHREAD_ONCE_INIT;

static void qc_git_init_now(void) { git_libgit2_init(); }

void qc_git_init_once(void) { pthread_once(&qc_git_once, qc_git_init_now); }

int qc_git_fail(int gerr, const char *fmt, ...)
{
    qc_strbuf sb = QC_STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    qc_strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    const git_error *e = git_error_last();
    if (e && e->message)
        qc_strbuf_printf(&sb, ": %s", e->message);
    qc_error_set("%s", qc_strbuf_cstr(&sb));
    qc_strbuf_free(&sb);
    return gerr == GIT_ENOTFOUND ? QC_ENOTFOUND : gerr == GIT_EINVALID ? QC_EINVAL : QC_EIO;
}

void qc_git_warn(qc_git *self, const char *fmt, ...)
{
    qc_strbuf sb = QC_STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    qc_strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    char *msg = qc_strbuf_detach(&sb);
    for (size_t i = 0; i < self->warnings.len; i++)
        if (!strcmp(self->warnings.items[i], msg)) {
            free(msg);
            return;
        }
    array_push(&self->warnings, msg);
}

size_t qc_git_warning_count(const qc_git *self) { return self ? self->warnings.len : 0; }

const char *qc_git_warning(const qc_git *self, size_t i)
{
    return self && i < self->warnings.len ? self->warnings.items[i] : NULL;
}

void qc_git_commit_info(qc_git *self, const git_commit *c, qc_git_commit *out)
{
    memset(out, 0, sizeof *out);
    git_oid_tostr(out->id, sizeof out->id, git_commit_id(c));
    git_buf sb = { 0 };
    if (git_object_short_id(&sb, (const git_object *)c) == 0 && sb.ptr)
        snprintf(out->short_id, sizeof out->short_id, "%s", sb.ptr);
    else
        snprintf(out->short_id, sizeof out->short_id, "%.7s", out->id);
    git_buf_dispose(&sb);
    const git_signature *a = git_commit_author(c);
    if (a) {
        snprintf(out->author, sizeof out->author, "%s", a->name ? a->name : "");
        out->time = (int64_t)a->when.time;
        time_t t = (time_t)(a->when.time + (git_time_t)a->when.offset * 60);
        struct tm tm;
        if (gmtime_r(&t, &tm))
            strftime(out->date, sizeof out->date, "%Y-%m-%d", &tm);
    }
    const char *msg = git_commit_summary((git_commit *)c);
    snprintf(out->subject, sizeof out->subject, "%s", msg ? msg : "");
    (void)self;
}

int qc_git_shallow_root(qc_git *self, git_oid *out)
{
    qc_strbuf sb = QC_STRBUF_INIT;
    const char *c = self->commondir;
    qc_strbuf_printf(&sb, "%s%sshallow", c, c[0] && c[strlen(c) - 1] == '/' ? "" : "/");
    FILE *f = fopen(qc_strbuf_cstr(&sb), "r");
    qc_strbuf_free(&sb);
    char line[128];
    int rc = -1;
    if (f && fgets(line, sizeof line, f) && git_oid_fromstrn(out, line, GIT_OID_HEXSZ) == 0)
        rc = 0;
    if (f)
        fclose(f);
    return rc;
}

/* Is id one of the shallow clone's grafts? */
static bool qc_git_is_graft(qc_git *self, const git_oid *id)
{
    if (!qc_git_is_shallow(self))
        return false;
    qc_strbuf sb = QC_STRBUF_INIT;
    const char *c = self->commondir;
    qc_strbuf_printf(&sb, "%s%sshallow", c, c[0] && c[strlen(c) - 1] == '/' ? "" : "/");
    FILE *f = fopen(qc_strbuf_cstr(&sb), "r");
    qc_strbuf_free(&sb);
    char line[128];
    bool found = false;
    git_oid g;
    while (f && !found && fgets(line, sizeof line, f))
        found = git_oid_fromstrn(&g, line, GIT_OID_HEXSZ) == 0 && git_oid_equal(&g, id);
    if (f)
        fclose(f);
    return found;
}

int qc_git_first_parent(qc_git *self, const git_commit *c, git_commit **out)
{
    *out = NULL;
    if (git_commit_parentcount(c) == 0 || qc_git_is_graft(self, git_commit_id(c)))
        return 1;
    if (git_commit_parent(out, c, 0) != 0) {
        char hex[GIT_OID_HEXSZ + 1], chex[GIT_OID_HEXSZ + 1];
        git_oid_tostr(hex, sizeof hex, git_commit_parent_id(c, 0));
        git_oid_tostr(chex, sizeof chex, git_commit_id(c));
        qc_git_warn(self, "cannot read object %s (parent of commit %.7s): %s; history stops there",
                    hex, chex, git_error_last() ? git_error_last()->message : "?");
        git_error_clear();
        *out = NULL;
        return -1;
    }
    return 0;
}

void qc_git_blob_copy(const git_blob *b, char **data, size_t *len)
{
    size_t n = (size_t)git_blob_rawsize(b);
    char *p = qc_malloc(n + 1);
    if (n)
        memcpy(p, git_blob_rawcontent(b), n);
    p[n] = '\0';
    *data = p;
    *len = n;
}

/* ---- open / close --------------------------------------------------------------- */

/* The folder where discovery starts for `path`: itself if a folder, else
 * its parent (which may not exist either: walk up to one that does). */
static char *qc_git_start_dir(const char *path)
{
    char cwd[PATH_MAX];
    qc_strbuf sb = QC_STRBUF_INIT;
    if (path[0] != '/' && getcwd(cwd, sizeof cwd))
        qc_strbuf_printf(&sb, "%s/", cwd);
    qc_strbuf_adds(&sb, path);
    char *p = qc_strbuf_detach(&sb);
    struct stat st;
    while (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
        char *slash = strrchr(p, '/');
        if (!slash || slash == p) {
            free(p);
            return qc_strdup("/");
        }
        *slash = '\0';
    }
    char real[PATH_MAX];
    if (realpath(p, real)) {
        free(p);
        return qc_strdup(real);
    }
    return p;
}

int qc_git_open(qc_git **out, const char *path)
{
    qc_git_init_once();
    *out = NULL;
    int rc = 0, g;
    git_repository *repo = NULL;
    char *start = qc_git_start_dir(path && *path ? path : ".");
    qc_git *self = NULL;
    if ((g = git_repository_open_ext(&repo, start, GIT_REPOSITORY_OPEN_FROM_ENV, NULL)) != 0) {
        if (g == GIT_ENOTFOUND) {
            qc_error_set("not in a git repository (searched from %s)", start);
            rc = QC_ENOTFOUND;
        } else {
            rc = qc_git_fail(g, "cannot open the git repository at %s", start);
            if (rc == QC_ENOTFOUND)
                rc = QC_EIO;
        }
        goto cleanup;
    }
    if (git_repository_is_bare(repo) || !git_repository_workdir(repo)) {
        qc_error_set("%s is a bare repository: no working tree, no index to check "
                     "(run quotecheck in a clone with a working tree)", git_repository_path(repo));
        rc = QC_EINVAL;
        goto cleanup;
    }
    self = qc_calloc(1, sizeof *self);
    self->repo = repo;
    repo = NULL;
    char real[PATH_MAX];
    const char *wd = git_repository_workdir(self->repo);
    const char *w = realpath(wd, real) ? real : wd;
    size_t wl = strlen(w);
    self->workdir = qc_malloc(wl + 2);
    memcpy(self->workdir, w, wl + 1);
    if (wl == 0 || self->workdir[wl - 1] != '/')
        strcpy(self->workdir + wl, "/");
    self->commondir = qc_strdup(git_repository_commondir(self->repo));
    self->shallow = -1;
    *out = self;
    self = NULL;
cleanup:
    git_repository_free(repo);
    qc_git_close(self);
    free(start);
    return rc;
}

void qc_git_close(qc_git *self)
{
    if (!self)
        return;
    git_index_free(self->index);
    git_repository_free(self->repo);
    free(self->workdir);
    free(self->commondir);
    free(self->rp_dir);
    free(self->rp_real);
    for (size_t i = 0; i < self->warnings.len; i++)
        free(self->warnings.items[i]);
    array_free(&self->warnings);
    free(self);
}

const char *qc_git_workdir(const qc_git *self) { return self->workdir; }
const char *qc_git_commondir(const qc_git *self) { return self->commondir; }

bool qc_git_is_shallow(qc_git *self)
{
    if (self->shallow < 0)
        self->shallow = git_repository_is_shallow(self->repo) == 1;
    return self->shallow == 1;
}

bool qc_git_has_commits(qc_git *self)
{
    return git_repository_head_unborn(self->repo) == 0;
}

int qc_git_relpath(const qc_git *self, const char *path, char **out)
{
    *out = NULL;
    char cwd[PATH_MAX], real[PATH_MAX];
    qc_strbuf sb = QC_STRBUF_INIT;
    if (path[0] != '/' && getcwd(cwd, sizeof cwd))
        qc_strbuf_printf(&sb, "%s/", cwd);
    qc_strbuf_adds(&sb, path);
    char *abs = qc_strbuf_detach(&sb);
    /* resolve the longest existing prefix (the file may be deleted); the
     * folder of the last path is remembered, so the files of one corpus
     * folder cost one realpath between them, not one each */
    char *resolved = NULL;
    qc_git *me = (qc_git *)self;   /* the cache is not part of its value */
    char *slash0 = strrchr(abs, '/');
    if (slash0 && slash0 != abs && slash0[1]) {
        *slash0 = '\0';
        if (me->rp_dir && !strcmp(me->rp_dir, abs)) {
            qc_strbuf r = QC_STRBUF_INIT;
            qc_strbuf_printf(&r, "%s/%s", me->rp_real, slash0 + 1);
            resolved = qc_strbuf_detach(&r);
        } else if (realpath(abs, real)) {
            free(me->rp_dir);
            free(me->rp_real);
            me->rp_dir = qc_strdup(abs);
            me->rp_real = qc_strdup(real);
            qc_strbuf r = QC_STRBUF_INIT;
            qc_strbuf_printf(&r, "%s/%s", real, slash0 + 1);
            resolved = qc_strbuf_detach(&r);
        }
        *slash0 = '/';
        if (resolved) {
            /* the file itself may be a symlink: resolve it only then */
            struct stat lst;
            if (lstat(resolved, &lst) == 0 && S_ISLNK(lst.st_mode) && realpath(resolved, real)) {
                free(resolved);
                resolved = qc_strdup(real);
            }
        }
    }
    if (resolved) {
        /* done */
    } else if (realpath(abs, real)) {
        resolved = qc_strdup(real);
    } else {
        char *slash = strrchr(abs, '/');
        if (slash && slash != abs) {
            *slash = '\0';
            if (realpath(abs, real)) {
                qc_strbuf r = QC_STRBUF_INIT;
                qc_strbuf_printf(&r, "%s/%s", real, slash + 1);
                resolved = qc_strbuf_detach(&r);
            }
            *slash = '/';
        }
        if (!resolved)
            resolved = qc_strdup(abs);
    }
    free(abs);
    size_t wl = strlen(self->workdir);
    if (strncmp(resolved, self->workdir, wl) != 0) {
        if (strlen(resolved) + 1 == wl && !strncmp(resolved, self->workdir, wl - 1)) {
            free(resolved);
            *out = qc_strdup("");
            return 0;
        }
        qc_error_set("%s: outside the repository's working tree %s", path, self->workdir);
        free(resolved);
        return QC_ENOTFOUND;
    }
    *out = qc_strdup(resolved + wl);
    free(resolved);
    return 0;
}

/* ---- the index ------------------------------------------------------------------ */

static int qc_git_head_tree(qc_git *self, git_tree **out)
{
    *out = NULL;
    if (git_repository_head_unborn(self->repo) == 1)
        return 0;
    git_object *o = NULL;
    int g = git_revparse_single(&o, self->repo, "HEAD^{tree}");
    if (g != 0)
        return qc_git_fail(g, "%s: cannot read HEAD's tree", self->workdir);
    *out = (git_tree *)o;
    return 0;
}

static int qc_git_staged_cmp(const void *a, const void *b)
{
    return strcmp(((const qc_git_staged *)a)->path, ((const qc_git_staged *)b)->path);
}

int qc_git_staged_list(qc_git *self, qc_git_staged **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    int rc = 0, g;
    git_tree *tree = NULL;
    git_index *index = NULL;
    git_diff *diff = NULL;
    Array(qc_git_staged) items = ARRAY_INIT;
    if ((rc = qc_git_head_tree(self, &tree)) != 0)
        goto cleanup;
    if ((g = git_repository_index(&index, self->repo)) != 0) {
        rc = qc_git_fail(g, "%s: cannot read the index", self->workdir);
        goto cleanup;
    }
    git_diff_options opts;
    git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
    opts.flags |= GIT_DIFF_INCLUDE_TYPECHANGE;
    if ((g = git_diff_tree_to_index(&diff, self->repo, tree, index, &opts)) != 0) {
        rc = qc_git_fail(g, "%s: cannot compare the index with HEAD", self->workdir);
        goto cleanup;
    }
    git_diff_find_options fo;
    git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
    fo.flags = GIT_DIFF_FIND_RENAMES;
    if ((g = git_diff_find_similar(diff, &fo)) != 0) {
        rc = qc_git_fail(g, "%s: cannot detect renames", self->workdir);
        goto cleanup;
    }
    size_t nd = git_diff_num_deltas(diff);
    for (size_t i = 0; i < nd; i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        qc_git_staged s;
        memset(&s, 0, sizeof s);
        switch (d->status) {
        case GIT_DELTA_ADDED: s.change = QC_GIT_ADDED; break;
        case GIT_DELTA_DELETED: s.change = QC_GIT_DELETED; break;
        case GIT_DELTA_RENAMED: s.change = QC_GIT_RENAMED; break;
        case GIT_DELTA_COPIED: s.change = QC_GIT_COPIED; break;
        case GIT_DELTA_TYPECHANGE: s.change = QC_GIT_TYPECHANGE; break;
        case GIT_DELTA_MODIFIED: s.change = QC_GIT_MODIFIED; break;
        default: continue;
        }
        s.path = qc_strdup(d->status == GIT_DELTA_DELETED ? d->old_file.path : d->new_file.path);
        if (d->status != GIT_DELTA_ADDED && d->old_file.path)
            s.old_path = qc_strdup(d->old_file.path);
        array_push(&items, s);
    }
    if (items.len > 1)
        qsort(items.items, items.len, sizeof *items.items, qc_git_staged_cmp);
    *out = items.items;
    *n = items.len;
    items.items = NULL;
    items.len = 0;
cleanup:
    qc_git_staged_free(items.items, items.len);
    git_diff_free(diff);
    git_index_free(index);
    git_tree_free(tree);
    return rc;
}

void qc_git_staged_free(qc_git_staged *items, size_t n)
{
    if (!items)
        return;
    for (size_t i = 0; i < n; i++) {
        free(items[i].path);
        free(items[i].old_path);
    }
    free(items);
}

static int qc_git_blob_out(qc_git *self, const git_oid *id, const char *what, char **data,
                           size_t *len)
{
    git_blob *b = NULL;
    int g = git_blob_lookup(&b, self->repo, id);
    if (g != 0) {
        char hex[GIT_OID_HEXSZ + 1];
        git_oid_tostr(hex, sizeof hex, id);
        int rc = qc_git_fail(g, "%s: cannot read object %s", what, hex);
        return rc == QC_ENOTFOUND ? QC_EIO : rc;
    }
    qc_git_blob_copy(b, data, len);
    git_blob_free(b);
    return 0;
}

int qc_git_read_index(qc_git *self, const char *rel, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    git_index *index = NULL;
    int rc = 0, g;
    if ((g = git_repository_index(&index, self->repo)) != 0) {
        rc = qc_git_fail(g, "%s: cannot read the index", self->workdir);
        goto cleanup;
    }
    const git_index_entry *e = git_index_get_bypath(index, rel, 0);
    if (!e) {
        qc_error_set("%s: not in the index", rel);
        rc = QC_ENOTFOUND;
        goto cleanup;
    }
    rc = qc_git_blob_out(self, &e->id, rel, data, len);
cleanup:
    git_index_free(index);
    return rc;
}

int qc_git_read_head(qc_git *self, const char *rel, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    git_tree *tree = NULL;
    git_tree_entry *e = NULL;
    int rc = qc_git_head_tree(self, &tree);
    if (rc != 0)
        goto cleanup;
    if (!tree || git_tree_entry_bypath(&e, tree, rel) != 0 ||
        git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
        qc_error_set("%s: not in HEAD", rel);
        rc = QC_ENOTFOUND;
        goto cleanup;
    }
    rc = qc_git_blob_out(self, git_tree_entry_id(e), rel, data, len);
cleanup:
    git_tree_entry_free(e);
    git_tree_free(tree);
    return rc;
}

int qc_git_read_blob(qc_git *self, const char *blob_hex, char **data, size_t *len)
{
    git_oid id;
    *data = NULL;
    *len = 0;
    if (git_oid_fromstr(&id, blob_hex) != 0) {
        qc_error_set("%s: not an object id", blob_hex);
        return QC_EINVAL;
    }
    return qc_git_blob_out(self, &id, "blob", data, len);
}

void qc_git_hash_blob(const char *data, size_t len, char out[41])
{
    qc_git_init_once();
    git_oid id;
    if (git_odb_hash(&id, data, len, GIT_OBJECT_BLOB) != 0)
        memset(&id, 0, sizeof id);
    git_oid_tostr(out, 41, &id);
}

int qc_git_file_blob_id(qc_git *self, const char *abs_path, uint8_t out[20], bool *hashed)
{
    *hashed = false;
    char *rel = NULL;
    int rc = qc_git_relpath(self, abs_path, &rel);
    if (rc != 0)
        goto cleanup;
    struct stat st;
    if (stat(abs_path, &st) != 0 || !S_ISREG(st.st_mode)) {
        qc_error_set("%s: %s", abs_path, strerror(errno));
        rc = QC_ENOTFOUND;
        goto cleanup;
    }
    /* the index is loaded once per qc_git (its file's mtime with it) */
    if (!self->index && git_repository_index(&self->index, self->repo) == 0) {
        struct stat ist;
        const char *ipath = git_index_path(self->index);
        self->index_mtime = ipath && stat(ipath, &ist) == 0 ? (int64_t)ist.st_mtim.tv_sec : 0;
    }
    if (self->index) {
        const git_index_entry *e = git_index_get_bypath(self->index, rel, 0);
        if (!e) {
            /* not tracked: no blob id (the caller keys it by size and
             * mtime; hashing every untracked file would read them all) */
            qc_error_set("%s: not tracked by git", abs_path);
            rc = QC_ENOTFOUND;
            goto cleanup;
        }
        /* trust the entry when the file looks as it did when staged, and
         * the index was written after that (not "racy", as git says) */
        if ((uint64_t)e->file_size == (uint64_t)st.st_size &&
            (int64_t)e->mtime.seconds == (int64_t)st.st_mtim.tv_sec &&
            (e->mtime.nanoseconds == 0 || e->mtime.nanoseconds == (uint32_t)st.st_mtim.tv_nsec) &&
            (int64_t)e->mtime.seconds < self->index_mtime) {
            memcpy(out, e->id.id, 20);
            goto cleanup;
        }
    }
    git_oid id;
    int g = git_odb_hashfile(&id, abs_path, GIT_OBJECT_BLOB);
    if (g != 0) {
        rc = qc_git_fail(g, "%s: cannot hash", abs_path);
        goto cleanup;
    }
    *hashed = true;
    memcpy(out, id.id, 20);
cleanup:
    free(rel);
    return rc;
}

int qc_git_corpus_blob_id(const char *path, uint8_t out[20], void *user)
{
    bool hashed;
    return qc_git_file_blob_id(user, path, out, &hashed);
}

/* ---- changed lines ----------------------------------------------------------------- */

typedef struct qc_git_diffout {
    qc_git_lines *added, *deleted;
} qc_git_diffout;

static void qc_git_lines_push(qc_git_lines *out, uint32_t line)
{
    if (out->n && out->lines[out->n - 1] == line)
        return;
    if ((out->n & (out->n - 1)) == 0)   /* grow at powers of two */
        out->lines = qc_realloc(out->lines, (out->n ? out->n * 2 : 16) * sizeof *out->lines);
    out->lines[out->n++] = line;
}

static int qc_git_line_cb(const git_diff_delta *d, const git_diff_hunk *h, const git_diff_line *l,
                          void *payload)
{
    qc_git_diffout *out = payload;
    (void)d;
    (void)h;
    if (l->origin == GIT_DIFF_LINE_ADDITION && l->new_lineno > 0)
        qc_git_lines_push(out->added, (uint32_t)l->new_lineno);
    else if (l->origin == GIT_DIFF_LINE_DELETION && l->old_lineno > 0 && out->deleted)
        qc_git_lines_push(out->deleted, (uint32_t)l->old_lineno);
    return 0;
}

int qc_git_diff_lines(const char *old, size_t old_len, const char *new_, size_t new_len,
                      qc_git_lines *added, qc_git_lines *deleted)
{
    qc_git_init_once();
    memset(added, 0, sizeof *added);
    if (deleted)
        memset(deleted, 0, sizeof *deleted);
    git_diff_options opts;
    git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
    opts.context_lines = 0;
    opts.interhunk_lines = 0;
    opts.flags |= GIT_DIFF_FORCE_TEXT;
    qc_git_diffout out = { added, deleted };
    int g = git_diff_buffers(old, old ? old_len : 0, NULL, new_, new_len, NULL, &opts, NULL,
                             NULL, NULL, qc_git_line_cb, &out);
    if (g != 0) {
        qc_git_lines_free(added);
        qc_git_lines_free(deleted);
        return qc_git_fail(g, "cannot compare the two versions");
    }
    return 0;
}

int qc_git_changed_lines(const char *old, size_t old_len, const char *new_, size_t new_len,
                         qc_git_lines *out)
{
    return qc_git_diff_lines(old, old_len, new_, new_len, out, NULL);
}

bool qc_git_lines_has(const qc_git_lines *self, size_t line)
{
    size_t lo = 0, hi = self->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (self->lines[mid] < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < self->n && self->lines[lo] == line;
}

void qc_git_lines_free(qc_git_lines *self)
{
    if (!self)
        return;
    free(self->lines);
    self->lines = NULL;
    self->n = 0;
}

/* ---- hooks ------------------------------------------------------------------------- */

int qc_git_hooks_dir(qc_git *self, char **out)
{
    *out = NULL;
    git_config *cfg = NULL;
    git_buf buf = { 0 };
    qc_strbuf sb = QC_STRBUF_INIT;
    int g;
    if ((g = git_repository_config_snapshot(&cfg, self->repo)) == 0 &&
        git_config_get_path(&buf, cfg, "core.hooksPath") == 0 && buf.ptr && *buf.ptr) {
        if (buf.ptr[0] == '/')
            qc_strbuf_adds(&sb, buf.ptr);
        else
            qc_strbuf_printf(&sb, "%s%s", self->workdir, buf.ptr);
    } else {
        const char *c = self->commondir;
        qc_strbuf_printf(&sb, "%s%shooks", c, c[0] && c[strlen(c) - 1] == '/' ? "" : "/");
    }
    git_error_clear();
    git_buf_dispose(&buf);
    git_config_free(cfg);
    *out = qc_strbuf_detach(&sb);
    return 0;
}
