/*
 * git/git.h — history: staged blobs, revisions of files, blame, hooks
 * folder. Owned by the git work (issue 5). This module is the only one
 * that includes <git2.h>; everything here is plain C, no libgit2 type
 * leaks out.
 *
 * Conventions (as the rest of the program, after libgit2's own): functions
 * return 0 or a negative QC_E* code with a message set once (qc_error_last)
 * that names the repository, file or object id; output parameters first;
 * what comes back through **out belongs to the caller and is released with
 * the matching _free (every _free accepts NULL). libgit2 is initialised
 * once per process (pthread_once) on first use.
 *
 * A qc_git is one open repository with a working tree. It is not safe to
 * share between threads: qc_git_sources (below) wraps one in a mutex for
 * the matcher, which checks drafts on several threads.
 *
 * Paths given to functions named *_rel are relative to the working tree
 * ("drafts/a.md"); qc_git_relpath turns a path given on the command line
 * (relative to the current directory, or absolute) into one.
 */
#ifndef QC_GIT_GIT_H
#define QC_GIT_GIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "match/match.h"

typedef struct qc_git qc_git;

/* One commit, as shown to people. Plain fixed-size fields: copy freely. */
typedef struct qc_git_commit {
    char id[41];               /* full hex id */
    char short_id[16];         /* abbreviated, unique in the repository (7+) */
    char author[128];          /* author name */
    char date[11];             /* YYYY-MM-DD in the author's own time zone */
    int64_t time;              /* author time, seconds since the epoch */
    char subject[256];         /* first line of the message */
} qc_git_commit;

/* Open the repository that holds `path` (a file or folder; it need not
 * exist yet), searching upward as git does and honouring GIT_DIR,
 * GIT_WORK_TREE, GIT_INDEX_FILE and GIT_CEILING_DIRECTORIES (so it works
 * inside git's own hooks, from subfolders and in linked worktrees).
 * Errors: QC_ENOTFOUND "not in a git repository (searched from DIR)";
 * QC_EINVAL for a bare repository ("… is a bare repository: no working
 * tree"); QC_EIO for a broken one. */
int qc_git_open(qc_git **out, const char *path);
void qc_git_close(qc_git *self);                   /* accepts NULL */

const char *qc_git_workdir(const qc_git *self);    /* absolute, ends with '/' */
const char *qc_git_commondir(const qc_git *self);  /* the shared .git folder */
bool qc_git_is_shallow(qc_git *self);
bool qc_git_has_commits(qc_git *self);             /* false: HEAD is unborn */

/* `path` (relative to the current directory, or absolute) relative to the
 * working tree. QC_ENOTFOUND when it lies outside. */
int qc_git_relpath(const qc_git *self, const char *path, char **out);

/* Warnings gathered while reading history (an object that cannot be read,
 * a history cut short by a shallow clone): message i of n. */
size_t qc_git_warning_count(const qc_git *self);
const char *qc_git_warning(const qc_git *self, size_t i);

/* ---- the index ----------------------------------------------------------- */

typedef enum qc_git_change {
    QC_GIT_ADDED,
    QC_GIT_MODIFIED,
    QC_GIT_RENAMED,
    QC_GIT_COPIED,
    QC_GIT_DELETED,
    QC_GIT_TYPECHANGE,
} qc_git_change;

typedef struct qc_git_staged {
    qc_git_change change;
    char *path;                /* in the index (the new name) */
    char *old_path;            /* in HEAD (the old name of a rename); NULL when added */
} qc_git_staged;

/* What `git commit` would record: the index against HEAD's tree (the whole
 * index when there is no commit yet), renames detected. Sorted by path. */
int qc_git_staged_list(qc_git *self, qc_git_staged **out, size_t *n);
void qc_git_staged_free(qc_git_staged *items, size_t n);

/* The staged content of a file (its index blob). QC_ENOTFOUND if not in
 * the index. *data is NUL-terminated; the caller frees it. */
int qc_git_read_index(qc_git *self, const char *rel, char **data, size_t *len);
/* Its content in HEAD. QC_ENOTFOUND when HEAD lacks it or there is no
 * commit. */
int qc_git_read_head(qc_git *self, const char *rel, char **data, size_t *len);
/* A blob by hex id. */
int qc_git_read_blob(qc_git *self, const char *blob_hex, char **data, size_t *len);

/* The blob id the file at `abs_path` would have: from the index when its
 * entry's size and mtime match the file (git's own stat cache, no read),
 * else by hashing the file. 0, or QC_ENOTFOUND (not in this working tree /
 * unreadable). *hashed says whether the file was read. */
int qc_git_file_blob_id(qc_git *self, const char *abs_path, uint8_t out[20], bool *hashed);
/* The blob id of some content. */
void qc_git_hash_blob(const char *data, size_t len, char out[41]);

/* ---- changed lines ------------------------------------------------------- */

typedef struct qc_git_lines {
    uint32_t *lines;           /* 1-based line numbers of `new`, ascending */
    size_t n;
} qc_git_lines;

/* The lines of new_ that are added or changed against old (a line diff as
 * `git diff` makes it; old NULL = empty: every line is new). */
int qc_git_changed_lines(const char *old, size_t old_len, const char *new_, size_t new_len,
                         qc_git_lines *out);
bool qc_git_lines_has(const qc_git_lines *self, size_t line);
void qc_git_lines_free(qc_git_lines *self);   /* accepts NULL; leaves it empty */

/* ---- hooks ---------------------------------------------------------------- */

/* Where git looks for hooks: core.hooksPath when set (relative to the
 * working tree), else <common dir>/hooks (shared by linked worktrees). */
int qc_git_hooks_dir(qc_git *self, char **out);

/* ---- revisions of one file ------------------------------------------------ */

typedef struct qc_git_revision {
    char blob[41];             /* the file's content at this revision */
    char *path;                /* its path then (renames followed) */
    qc_git_commit commit;      /* the commit that introduced this content */
} qc_git_revision;

/* The commits reachable from HEAD (first parents) that changed `rel`,
 * newest first, following renames. *n == 0 with no commit. Objects that
 * cannot be read end the walk with a warning (qc_git_warning). */
int qc_git_file_log(qc_git *self, const char *rel, qc_git_revision **out, size_t *n);
void qc_git_revisions_free(qc_git_revision *items, size_t n);

/* ---- blame ----------------------------------------------------------------- */

typedef struct qc_git_blame qc_git_blame;

/* Who last changed each line of `buf` (the working copy of `rel`, or an
 * editor's buffer with unsaved edits; NULL reads the working file): blame
 * of HEAD's version, then the buffer's own changes on top. Lines that are
 * not in HEAD are "not committed yet". With no commit every line is. */
int qc_git_blame_buffer(qc_git *self, const char *rel, const char *buf, size_t len,
                        qc_git_blame **out);
/* The commit of a 1-based line; NULL when not committed yet. */
const qc_git_commit *qc_git_blame_line(const qc_git_blame *self, size_t line);
/* The newest commit among lines [first, last]; NULL when any of them is
 * not committed yet (*uncommitted set) or none is known. */
const qc_git_commit *qc_git_blame_range(const qc_git_blame *self, size_t first, size_t last,
                                        bool *uncommitted);
void qc_git_blame_free(qc_git_blame *self);

/* ---- earlier revisions of the corpus, for the matcher ------------------------ */

/* All revisions of the files under some folders of a repository, made by
 * one walk of HEAD's history on first use and kept in memory; blob
 * contents read when first asked for. Thread-safe (one mutex). Serves
 * match.h's qc_source_history (corrected-source, evidence.revision). */
typedef struct qc_git_sources qc_git_sources;

/* dirs: the corpus folders (absolute). NULL *out and 0 when the first
 * folder is not in a usable repository (plain corpus, nothing to say).
 * warn (may be NULL) is called once per warning (unreadable object,
 * shallow history). */
int qc_git_sources_new(qc_git_sources **out, const char *const *dirs, size_t ndirs,
                       void (*warn)(const char *message, void *user), void *user);
void qc_git_sources_free(qc_git_sources *self);
/* The interface for qc_check_with; valid while self lives. */
const qc_source_history *qc_git_sources_history(qc_git_sources *self);
/* Commits walked and seconds spent on the walk (0 before first use). */
void qc_git_sources_walk_stats(const qc_git_sources *self, size_t *commits, size_t *files,
                               double *seconds);

/* The corpus index keys articles by blob id through this (see
 * corpus.h qc_corpus_options.blob_id): user is a qc_git *. */
int qc_git_corpus_blob_id(const char *path, uint8_t out[20], void *user);

#endif
