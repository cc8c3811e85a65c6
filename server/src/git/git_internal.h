/*
 * git/git_internal.h — what the git module's files share (git.c, log.c,
 * sources.c). Not for use outside git/: this is where libgit2's types
 * live.
 */
#ifndef QC_GIT_INTERNAL_H
#define QC_GIT_INTERNAL_H

#include <git2.h>

#include "git/git.h"
#include "util/array.h"

struct qc_git {
    git_repository *repo;
    char *workdir;             /* absolute, ends with '/' */
    char *commondir;
    int shallow;               /* -1 unknown */
    Array(char *) warnings;
    git_index *index;          /* loaded once for blob ids; NULL */
    int64_t index_mtime;       /* its file's mtime then */
    char *rp_dir, *rp_real;    /* last folder resolved by qc_git_relpath */
};

/* git_libgit2_init once per process. */
void qc_git_init_once(void);
/* Set the qc error from libgit2's last error: "what: message". Returns
 * the QC_E* code for a libgit2 error code. */
int qc_git_fail(int gerr, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Record a warning on self (also kept for qc_git_warning). */
void qc_git_warn(qc_git *self, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Fill a qc_git_commit from a commit. */
void qc_git_commit_info(qc_git *self, const git_commit *c, qc_git_commit *out);
/* The first parent of c into *out: 0; 1 when c has none or it lies
 * beyond a shallow clone's graft (*out NULL, no warning); -1 when it
 * cannot be read (warning naming it). */
int qc_git_first_parent(qc_git *self, const git_commit *c, git_commit **out);
/* A shallow clone's first graft commit (.git/shallow): 0, or -1. */
int qc_git_shallow_root(qc_git *self, git_oid *out);
/* Lines added to new_ and deleted from old (1-based, ascending); deleted
 * may be NULL. */
int qc_git_diff_lines(const char *old, size_t old_len, const char *new_, size_t new_len,
                      qc_git_lines *added, qc_git_lines *deleted);
/* Copy a blob's content (NUL-terminated) into *data. */
void qc_git_blob_copy(const git_blob *b, char **data, size_t *len);

#endif
