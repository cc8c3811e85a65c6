/*
 * git/log.c — the revisions of one file (a first-parent walk of HEAD that
 * follows renames) and blame against a buffer. Owned by the git work
 * (issue 5); see git.h.
 *
 * Walk: for each commit from HEAD back (first parents only, so a merge is
 * the commit that brought a branch's change in), the file's blob in the
 * commit is compared with its blob in the parent; a difference is a
 * revision. When the parent lacks the path, a rename is looked for in the
 * commit's diff (git's similarity rules) and the walk goes on under the
 * old name. A shallow clone's history ends at its graft; an object that
 * cannot be read ends the walk with a warning naming it.
 */
#include "git/git_internal.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/file.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- file log --------------------------------------------------------------------- */

/* The blob id of path in tree: 1 found, 0 not there. */
static int qc_git_entry(git_tree *tree, const char *path, git_oid *out)
{
    git_tree_entry *e = NULL;
    if (!tree || git_tree_entry_bypath(&e, tree, path) != 0) {
        git_error_clear();
        return 0;
    }
    int found = git_tree_entry_type(e) == GIT_OBJECT_BLOB;
    if (found)
        git_oid_cpy(out, git_tree_entry_id(e));
    git_tree_entry_free(e);
    return found;
}

/* The old name of `path` if the diff parent -> tree renames it; NULL. */
static char *qc_git_renamed_from(git_repository *repo, git_tree *parent, git_tree *tree,
                                 const char *path)
{
    git_diff *diff = NULL;
    char *from = NULL;
    git_diff_find_options fo;
    git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
    fo.flags = GIT_DIFF_FIND_RENAMES;
    if (git_diff_tree_to_tree(&diff, repo, parent, tree, NULL) != 0 ||
        git_diff_find_similar(diff, &fo) != 0)
        goto cleanup;
    for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        if (d->status == GIT_DELTA_RENAMED && !strcmp(d->new_file.path, path)) {
            from = qc_strdup(d->old_file.path);
            break;
        }
    }
cleanup:
    git_error_clear();
    git_diff_free(diff);
    return from;
}

int qc_git_file_log(qc_git *self, const char *rel, qc_git_revision **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    int rc = 0, g;
    git_commit *c = NULL, *p = NULL;
    git_tree *t = NULL, *pt = NULL;
    char *path = qc_strdup(rel);
    Array(qc_git_revision) revs = ARRAY_INIT;
    if (!qc_git_has_commits(self))
        goto done;
    git_object *head = NULL;
    if ((g = git_revparse_single(&head, self->repo, "HEAD^{commit}")) != 0) {
        rc = qc_git_fail(g, "%s: cannot read HEAD", self->workdir);
        goto done;
    }
    c = (git_commit *)head;
    /* first parents, by hand: a shallow clone's graft simply ends the line */
    while (c) {
        char hex[GIT_OID_HEXSZ + 1];
        git_oid_tostr(hex, sizeof hex, git_commit_id(c));
        if (git_commit_tree(&t, c) != 0) {
            qc_git_warn(self, "cannot read object %s (tree of commit %.7s): %s; history of %s "
                        "stops there", hex, hex, git_error_last() ? git_error_last()->message : "?",
                        path);
            break;
        }
        if (qc_git_first_parent(self, c, &p) == 0 && git_commit_tree(&pt, p) != 0) {
            char phex[GIT_OID_HEXSZ + 1];
            git_oid_tostr(phex, sizeof phex, git_commit_id(p));
            qc_git_warn(self, "cannot read object %s (tree of commit %.7s): %s", phex, phex,
                        git_error_last() ? git_error_last()->message : "?");
            git_commit_free(p);
            p = NULL;
        }
        git_oid blob, pblob;
        int here = qc_git_entry(t, path, &blob);
        int before = pt ? qc_git_entry(pt, path, &pblob) : 0;
        if (here && (!before || !git_oid_equal(&blob, &pblob))) {
            qc_git_revision r;
            memset(&r, 0, sizeof r);
            git_oid_tostr(r.blob, sizeof r.blob, &blob);
            r.path = qc_strdup(path);
            qc_git_commit_info(self, c, &r.commit);
            array_push(&revs, r);
            if (pt && !before) {
                char *from = qc_git_renamed_from(self->repo, pt, t, path);
                if (from) {
                    free(path);
                    path = from;
                }
            }
        }
        git_tree_free(pt);
        pt = NULL;
        git_tree_free(t);
        t = NULL;
        git_commit_free(c);
        c = p;
        p = NULL;
    }
    git_error_clear();
done:
    if (rc == 0) {
        *out = revs.items;
        *n = revs.len;
    } else {
        qc_git_revisions_free(revs.items, revs.len);
    }
    git_tree_free(pt);
    git_commit_free(p);
    git_tree_free(t);
    git_commit_free(c);
    free(path);
    return rc;
}

void qc_git_revisions_free(qc_git_revision *items, size_t n)
{
    if (!items)
        return;
    for (size_t i = 0; i < n; i++)
        free(items[i].path);
    free(items);
}

/* ---- blame ------------------------------------------------------------------------- */

struct qc_git_blame {
    size_t nlines;
    int32_t *line;                 /* per line (0-based): index into commits, -1 uncommitted */
    Array(qc_git_commit) commits;
};

static int32_t qc_git_blame_commit(qc_git *self, qc_git_blame *b, const git_oid *id)
{
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, id);
    for (size_t i = 0; i < b->commits.len; i++)
        if (!strcmp(b->commits.items[i].id, hex))
            return (int32_t)i;
    git_commit *c = NULL;
    qc_git_commit info;
    if (git_commit_lookup(&c, self->repo, id) != 0) {
        qc_git_warn(self, "cannot read object %s (commit): %s", hex,
                    git_error_last() ? git_error_last()->message : "?");
        git_error_clear();
        memset(&info, 0, sizeof info);
        snprintf(info.id, sizeof info.id, "%s", hex);
        snprintf(info.short_id, sizeof info.short_id, "%.7s", hex);
        snprintf(info.subject, sizeof info.subject, "(commit unreadable)");
    } else {
        qc_git_commit_info(self, c, &info);
        git_commit_free(c);
    }
    array_push(&b->commits, info);
    return (int32_t)(b->commits.len - 1);
}

int qc_git_blame_buffer(qc_git *self, const char *rel, const char *buf, size_t len,
                        qc_git_blame **out)
{
    *out = NULL;
    int rc = 0, g;
    char *owned = NULL;
    git_blame *ref = NULL;
    qc_git_blame *b = qc_calloc(1, sizeof *b);
    if (!buf) {
        qc_strbuf sb = QC_STRBUF_INIT;
        qc_strbuf_printf(&sb, "%s%s", self->workdir, rel);
        rc = qc_file_read(qc_strbuf_cstr(&sb), QC_FILE_MAX_DEFAULT, &owned, &len);
        qc_strbuf_free(&sb);
        if (rc != 0)
            goto cleanup;
        buf = owned;
    }
    for (size_t i = 0; i < len; i++)
        b->nlines += buf[i] == '\n';
    if (len && buf[len - 1] != '\n')
        b->nlines++;
    b->line = qc_malloc((b->nlines ? b->nlines : 1) * sizeof *b->line);
    for (size_t i = 0; i < b->nlines; i++)
        b->line[i] = -1;
    if (!qc_git_has_commits(self))
        goto done;
    git_blame_options opts;
    git_blame_options_init(&opts, GIT_BLAME_OPTIONS_VERSION);
    if (qc_git_is_shallow(self))
        qc_git_shallow_root(self, &opts.oldest_commit);
    if ((g = git_blame_file(&ref, self->repo, rel, &opts)) != 0) {
        if (g == GIT_ENOTFOUND) {   /* not in HEAD: every line is new */
            git_error_clear();
            goto done;
        }
        rc = qc_git_fail(g, "%s: cannot blame", rel);
        goto cleanup;
    }
    /* The buffer's lines mapped to HEAD's through a line diff (libgit2
     * 1.5's git_blame_buffer misplaces hunks after an edited line, so the
     * mapping is made here): unchanged lines keep HEAD's blame. */
    char *head = NULL;
    size_t hlen = 0;
    if ((rc = qc_git_read_head(self, rel, &head, &hlen)) != 0)
        goto cleanup;
    qc_git_lines added, deleted;
    rc = qc_git_diff_lines(head, hlen, buf, len, &added, &deleted);
    free(head);
    if (rc != 0)
        goto cleanup;
    size_t old = 1;
    for (size_t ln = 1; ln <= b->nlines; ln++) {
        while (qc_git_lines_has(&deleted, old))
            old++;
        if (qc_git_lines_has(&added, ln))
            continue;
        const git_blame_hunk *hk = git_blame_get_hunk_byline(ref, old++);
        if (hk && !git_oid_is_zero(&hk->final_commit_id))
            b->line[ln - 1] = qc_git_blame_commit(self, b, &hk->final_commit_id);
    }
    qc_git_lines_free(&added);
    qc_git_lines_free(&deleted);
done:
    *out = b;
    b = NULL;
cleanup:
    git_blame_free(ref);
    free(owned);
    qc_git_blame_free(b);
    return rc;
}

const qc_git_commit *qc_git_blame_line(const qc_git_blame *self, size_t line)
{
    if (!self || line < 1 || line > self->nlines || self->line[line - 1] < 0)
        return NULL;
    return &self->commits.items[self->line[line - 1]];
}

const qc_git_commit *qc_git_blame_range(const qc_git_blame *self, size_t first, size_t last,
                                        bool *uncommitted)
{
    *uncommitted = false;
    const qc_git_commit *best = NULL;
    for (size_t l = first; self && l <= last; l++) {
        const qc_git_commit *c = qc_git_blame_line(self, l);
        if (!c) {
            if (l >= 1 && l <= self->nlines) {
                *uncommitted = true;
                return NULL;
            }
            continue;
        }
        if (!best || c->time > best->time)
            best = c;
    }
    return best;
}

void qc_git_blame_free(qc_git_blame *self)
{
    if (!self)
        return;
    free(self->line);
    array_free(&self->commits);
    free(self);
}
