/*
 * lsp/workspace.c — the workspace: roots, settings, the config and the
 * corpus, watched files, commands and indexing progress.
 *
 * Owned by the lsp module; the qc_config and qc_corpus it holds are owned
 * here and replaced whole on reload (the old ones stay if loading fails).
 * Where things come from, first wins:
 *   config   the config path override (--config, settings "configPath"),
 *            else the nearest .quotecheck.json walking up from the first
 *            workspace folder that has one, else defaults; then the
 *            config-shaped settings (initializationOptions, then
 *            workspace/configuration section "quotecheck") merged over it
 *   corpus   --corpus folders, else the config's "sources", else
 *            <root>/corpus when that folder exists; then the "extraSources"
 *            folders (settings) are added
 * A change to .quotecheck.json, sources.json or a file under a corpus
 * folder (didChangeWatchedFiles, registered dynamically when the client
 * allows it, or a didSave of such a file) reloads both and rechecks every
 * open document, reporting progress through $/progress when the client
 * supports window.workDoneProgress.
 */
#include "lsp/lsp_internal.h"
#include "git/git.h"
#include "config/config.h"
#include "corpus/corpus.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/strbuf.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef Array(char *) qc_lsp_strings;

struct qc_lsp_workspace {
    qc_lsp_strings roots;          /* absolute folders */
    qc_lsp_strings corpus_override;
    qc_lsp_strings extra_sources;  /* "extraSources": added to whatever the sources are */
    char *config_override;
    char *settings;                /* config-shaped JSON text; NULL */
    qc_config *config;             /* effective; NULL until loaded */
    qc_lsp_strings corpus_dirs;    /* effective, absolute */
    qc_corpus *corpus;
    qc_git_sources *history;       /* revisions of the sources when in git; NULL */
};

static void qc_lsp_strings_clear(qc_lsp_strings *a)
{
    for (size_t i = 0; i < a->len; i++)
        free(a->items[i]);
    array_clear(a);
}

static void qc_lsp_strings_free(qc_lsp_strings *a)
{
    qc_lsp_strings_clear(a);
    array_free(a);
}

qc_lsp_workspace *qc_lsp_workspace_new(void)
{
    return qc_calloc(1, sizeof(qc_lsp_workspace));
}

void qc_lsp_workspace_delete(qc_lsp_workspace *self)
{
    if (!self)
        return;
    qc_lsp_strings_free(&self->roots);
    qc_lsp_strings_free(&self->corpus_override);
    qc_lsp_strings_free(&self->extra_sources);
    qc_lsp_strings_free(&self->corpus_dirs);
    free(self->config_override);
    free(self->settings);
    qc_config_free(self->config);
    qc_corpus_close(self->corpus);
    qc_git_sources_free(self->history);
    free(self);
}

static bool qc_lsp_is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* An absolute copy of p, relative paths taken from `base` (or the cwd). */
static char *qc_lsp_abs(const char *p, const char *base)
{
    if (p[0] == '/')
        return qc_strdup(p);
    char cwd[PATH_MAX];
    if (!base)
        base = getcwd(cwd, sizeof cwd) ? cwd : ".";
    qc_strbuf sb = QC_STRBUF_INIT;
    qc_strbuf_printf(&sb, "%s/%s", base, p[0] == '.' && p[1] == '/' ? p + 2 : p);
    return qc_strbuf_detach(&sb);
}

void qc_lsp_workspace_add_root(qc_lsp_workspace *self, const char *path)
{
    for (size_t i = 0; i < self->roots.len; i++)
        if (!strcmp(self->roots.items[i], path))
            return;
    array_push(&self->roots, qc_lsp_abs(path, NULL));
}

void qc_lsp_workspace_remove_root(qc_lsp_workspace *self, const char *path)
{
    for (size_t i = 0; i < self->roots.len; i++)
        if (!strcmp(self->roots.items[i], path)) {
            free(self->roots.items[i]);
            memmove(self->roots.items + i, self->roots.items + i + 1,
                    (self->roots.len - i - 1) * sizeof *self->roots.items);
            self->roots.len--;
            return;
        }
}

static const char *qc_lsp_first_root(const qc_lsp_workspace *self)
{
    return self->roots.len ? self->roots.items[0] : NULL;
}

void qc_lsp_workspace_set_corpus(qc_lsp_workspace *self, const char *const *dirs, size_t n)
{
    qc_lsp_strings_clear(&self->corpus_override);
    for (size_t i = 0; i < n; i++)
        array_push(&self->corpus_override, qc_strdup(dirs[i]));
}

bool qc_lsp_workspace_set_extra_sources(qc_lsp_workspace *self, const char *const *dirs, size_t n)
{
    bool same = n == self->extra_sources.len;
    for (size_t i = 0; same && i < n; i++)
        same = !strcmp(dirs[i], self->extra_sources.items[i]);
    if (same)
        return false;
    qc_lsp_strings_clear(&self->extra_sources);
    for (size_t i = 0; i < n; i++)
        array_push(&self->extra_sources, qc_strdup(dirs[i]));
    return true;
}

void qc_lsp_workspace_set_config_path(qc_lsp_workspace *self, const char *path)
{
    free(self->config_override);
    self->config_override = path ? qc_strdup(path) : NULL;
}

bool qc_lsp_workspace_set_settings(qc_lsp_workspace *self, const char *json)
{
    bool same = (!json && !self->settings) || (json && self->settings && !strcmp(json, self->settings));
    if (same)
        return false;
    free(self->settings);
    self->settings = json ? qc_strdup(json) : NULL;
    return true;
}

qc_corpus *qc_lsp_workspace_corpus(const qc_lsp_workspace *self)
{
    return self->corpus;
}

const qc_source_history *qc_lsp_workspace_history(const qc_lsp_workspace *self)
{
    return self->history ? qc_git_sources_history(self->history) : NULL;
}

const qc_config *qc_lsp_workspace_config(const qc_lsp_workspace *self)
{
    return self->config;
}

size_t qc_lsp_workspace_nsources(const qc_lsp_workspace *self)
{
    return self->corpus ? qc_corpus_count(self->corpus) : 0;
}

qc_severity qc_lsp_workspace_severity(const qc_lsp_workspace *self, const char *draft_path,
                                      qc_code code, qc_severity found)
{
    if (self && self->config && self->config->severity_set[code])
        return self->config->severity[code];
    return found;
}

bool qc_lsp_workspace_ignored(const qc_lsp_workspace *self, const char *draft_path)
{
    return self && self->config && qc_config_ignored(self->config, draft_path);
}

static bool qc_lsp_under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

bool qc_lsp_workspace_watches(const qc_lsp_workspace *self, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (!strcmp(base, QC_CONFIG_FILENAME))
        return true;
    for (size_t i = 0; i < self->corpus_dirs.len; i++)
        if (qc_lsp_under(path, self->corpus_dirs.items[i]))
            return true;
    return false;
}

size_t qc_lsp_workspace_watch_dirs(const qc_lsp_workspace *self, const char ***dirs)
{
    *dirs = (const char **)self->corpus_dirs.items;
    return self->corpus_dirs.len;
}

typedef struct qc_lsp_progress_ctx {
    qc_lsp_progress_fn fn;
    void *ctx;
    int last;
} qc_lsp_progress_ctx;

static void qc_lsp_corpus_progress(size_t done, size_t total, void *user)
{
    qc_lsp_progress_ctx *p = user;
    int pct = total ? (int)(done * 100 / total) : 100;
    if (pct == p->last)
        return;
    p->last = pct;
    char msg[64];
    snprintf(msg, sizeof msg, "%zu of %zu sources", done, total);
    p->fn(p->ctx, pct, msg);
}

int qc_lsp_workspace_load(qc_lsp_workspace *self, qc_lsp_progress_fn progress, void *ctx, char **err)
{
    *err = NULL;
    const char *root = qc_lsp_first_root(self);
    /* 1. the config */
    qc_config *cfg = NULL;
    char *file = NULL;
    if (self->config_override)
        file = qc_lsp_abs(self->config_override, root);
    else
        for (size_t i = 0; i < self->roots.len && !file; i++)
            if (qc_config_find(self->roots.items[i], &file) != 0)
                file = NULL;
    if (file) {
        if (qc_config_load_file(file, &cfg) != 0) {
            *err = qc_strdup(qc_error_last());
            free(file);
            return QC_EINVAL;
        }
        free(file);
    } else {
        qc_config_default(&cfg);
    }
    if (self->settings) {
        qc_config *over = NULL;
        if (qc_config_load_json("settings (quotecheck)", self->settings, strlen(self->settings), root,
                                &over) != 0) {
            *err = qc_strdup(qc_error_last());
            qc_config_free(cfg);
            return QC_EINVAL;
        }
        qc_config_merge(cfg, over);
        qc_config_free(over);
    }
    /* 2. the corpus folders */
    qc_lsp_strings dirs = ARRAY_INIT;
    if (self->corpus_override.len) {
        for (size_t i = 0; i < self->corpus_override.len; i++)
            array_push(&dirs, qc_lsp_abs(self->corpus_override.items[i], root));
    } else if (cfg->has_sources) {
        for (size_t i = 0; i < cfg->nsources; i++)
            array_push(&dirs, qc_lsp_abs(cfg->sources[i].path, cfg->dir));
    } else {
        for (size_t i = 0; i < self->roots.len; i++) {
            char *d = qc_lsp_abs("corpus", self->roots.items[i]);
            if (qc_lsp_is_dir(d))
                array_push(&dirs, d);
            else
                free(d);
        }
    }
    /* extra folders are added to the sources, whichever way they were found */
    for (size_t i = 0; i < self->extra_sources.len; i++) {
        char *d = qc_lsp_abs(self->extra_sources.items[i], root);
        bool dup = false;
        for (size_t k = 0; k < dirs.len && !dup; k++)
            dup = !strcmp(dirs.items[k], d);
        if (dup)
            free(d);
        else
            array_push(&dirs, d);
    }
    /* 3. the corpus */
    qc_corpus *corpus = NULL;
    if (dirs.len) {
        qc_corpus_rating *outl = qc_calloc(cfg->noutlets + 1, sizeof *outl);
        qc_corpus_rating *kinds = qc_calloc(cfg->nkinds + 1, sizeof *kinds);
        for (size_t i = 0; i < cfg->noutlets; i++)
            outl[i] = (qc_corpus_rating){ cfg->outlets[i].name, cfg->outlets[i].value };
        for (size_t i = 0; i < cfg->nkinds; i++)
            kinds[i] = (qc_corpus_rating){ cfg->kinds[i].name, cfg->kinds[i].value };
        qc_lsp_progress_ctx pc = { progress, ctx, -1 };
        qc_corpus_options o = { 0 };
        o.cache_dir = cfg->cache;
        o.outlet_ratings = outl;
        o.noutlet_ratings = cfg->noutlets;
        o.kind_ratings = kinds;
        o.nkind_ratings = cfg->nkinds;
        o.progress = progress ? qc_lsp_corpus_progress : NULL;
        o.user = &pc;
        int rc = qc_corpus_open(&corpus, (const char *const *)dirs.items, dirs.len, &o);
        free(outl);
        free(kinds);
        if (rc != 0) {
            *err = qc_strdup(qc_error_last());
            qc_lsp_strings_free(&dirs);
            qc_config_free(cfg);
            return rc;
        }
    }
    /* a corpus in git: its sources' history, walked on first use, so
     * corrected-source and evidence revisions reach the editor too */
    qc_git_sources *history = NULL;
    if (dirs.len)
        qc_git_sources_new(&history, (const char *const *)dirs.items, dirs.len, NULL, NULL);
    qc_git_sources_free(self->history);
    self->history = history;
    qc_corpus_close(self->corpus);
    self->corpus = corpus;
    qc_config_free(self->config);
    self->config = cfg;
    qc_lsp_strings_free(&self->corpus_dirs);
    self->corpus_dirs = dirs;
    return 0;
}

size_t qc_lsp_workspace_carriers(qc_lsp_workspace *self, qc_arena *arena, const char *words,
                                 qc_evidence *out, size_t max, bool *available)
{
    *available = false;
    if (!self->corpus || !words)
        return 0;
    *available = true;
    qc_corpus_hit hits[16];
    size_t nh = qc_corpus_search(self->corpus, words, strlen(words), hits, max < 16 ? max : 16);
    size_t n = 0;
    for (size_t i = 0; i < nh; i++) {
        if (hits[i].score < 0.85)
            continue;
        const qc_article *art = qc_corpus_article(self->corpus, hits[i].article);
        const qc_text *t = qc_corpus_article_text(self->corpus, hits[i].article);
        if (!art || !t)
            continue;
        qc_evidence *ev = &out[n++];
        memset(ev, 0, sizeof *ev);
        ev->path = art->path;
        ev->source = t;
        ev->start = hits[i].start;
        ev->end = hits[i].end;
        ev->outlet = art->outlet;
        ev->credibility = art->credibility;
        ev->credibility_label = art->label;
        ev->text = qc_arena_strndup(arena, t->data + hits[i].start, hits[i].end - hits[i].start);
        const qc_extraction *ex = qc_corpus_article_extraction(self->corpus, hits[i].article);
        for (size_t q = 0; ex && q < ex->nquotes; q++)
            if (ex->quotes[q].inner_start <= hits[i].end && ex->quotes[q].inner_end >= hits[i].start) {
                ev->speaker = ex->quotes[q].speaker;
                break;
            }
    }
    return n;
}

/* ---- the protocol side ------------------------------------------------------ */

const char *const qc_lsp_commands[] = { "quotecheck.reindex", NULL };

void qc_lsp_workspace_initialize(qc_lsp_server *s, const cJSON *params)
{
    const cJSON *folders = cJSON_GetObjectItemCaseSensitive(params, "workspaceFolders");
    const cJSON *f, *list = cJSON_IsArray(folders) ? folders : NULL;
    cJSON_ArrayForEach(f, list) {
        const cJSON *uri = cJSON_GetObjectItemCaseSensitive(f, "uri");
        char *p = cJSON_IsString(uri) ? qc_lsp_uri_to_path(uri->valuestring) : NULL;
        if (p)
            qc_lsp_workspace_add_root(s->ws, p);
        free(p);
    }
    if (!qc_lsp_first_root(s->ws)) {
        const cJSON *ru = cJSON_GetObjectItemCaseSensitive(params, "rootUri");
        const cJSON *rp = cJSON_GetObjectItemCaseSensitive(params, "rootPath");
        char *p = cJSON_IsString(ru) ? qc_lsp_uri_to_path(ru->valuestring)
                : cJSON_IsString(rp) ? qc_strdup(rp->valuestring) : NULL;
        if (p)
            qc_lsp_workspace_add_root(s->ws, p);
        free(p);
    }
    if (!qc_lsp_first_root(s->ws)) {
        char cwd[PATH_MAX];
        if (getcwd(cwd, sizeof cwd))
            qc_lsp_workspace_add_root(s->ws, cwd);
    }
}

static void qc_lsp_register_watchers(qc_lsp_server *s)
{
    cJSON *p = cJSON_CreateObject();
    cJSON *regs = cJSON_AddArrayToObject(p, "registrations");
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "id", "quotecheck-watch");
    cJSON_AddStringToObject(r, "method", "workspace/didChangeWatchedFiles");
    cJSON *opts = cJSON_AddObjectToObject(r, "registerOptions");
    cJSON *w = cJSON_AddArrayToObject(opts, "watchers");
    /* broad globs, filtered here: the corpus folders are known only after
     * loading, and may change with the config */
    const char *globs[] = { ("**/" QC_CONFIG_FILENAME), "**/sources.json", "**/*.{txt,md,markdown}" };
    for (size_t i = 0; i < sizeof globs / sizeof *globs; i++) {
        cJSON *one = cJSON_CreateObject();
        cJSON_AddStringToObject(one, "globPattern", globs[i]);
        cJSON_AddItemToArray(w, one);
    }
    cJSON_AddItemToArray(regs, r);
    qc_lsp_request(s, "client/registerCapability", p, QC_LSP_OUT_REGISTER);
}

static void qc_lsp_request_configuration(qc_lsp_server *s)
{
    cJSON *p = cJSON_CreateObject();
    cJSON *items = cJSON_AddArrayToObject(p, "items");
    cJSON *it = cJSON_CreateObject();
    cJSON_AddStringToObject(it, "section", "quotecheck");
    cJSON_AddItemToArray(items, it);
    qc_lsp_request(s, "workspace/configuration", p, QC_LSP_OUT_CONFIGURATION);
}

void qc_lsp_workspace_initialized(qc_lsp_server *s)
{
    if (s->client.watch_dynamic)
        qc_lsp_register_watchers(s);
    if (s->client.configuration)
        qc_lsp_request_configuration(s);
    s->reload_due = true;
}

void qc_lsp_apply_settings(qc_lsp_server *s, const cJSON *settings)
{
    if (!cJSON_IsObject(settings))
        return;
    const cJSON *v;
    if (cJSON_IsNumber(v = cJSON_GetObjectItemCaseSensitive(settings, "debounceMs")) && v->valuedouble >= 0 &&
        v->valuedouble <= 60000)
        s->debounce_ms = (int)v->valuedouble;
    if (cJSON_IsBool(v = cJSON_GetObjectItemCaseSensitive(settings, "inlayHints")))
        s->inlay_hints = cJSON_IsTrue(v);
    if (cJSON_IsNumber(v = cJSON_GetObjectItemCaseSensitive(settings, "debugCheckDelayMs")) &&
        v->valuedouble >= 0 && v->valuedouble <= 10000)
        s->debug_delay_ms = (int)v->valuedouble;
    bool changed = false;
    if ((v = cJSON_GetObjectItemCaseSensitive(settings, "configPath"))) {
        const char *p = cJSON_IsString(v) && *v->valuestring ? v->valuestring : NULL;
        qc_lsp_workspace_set_config_path(s->ws, p);
        changed = true;
    }
    if ((v = cJSON_GetObjectItemCaseSensitive(settings, "extraSources"))) {
        /* source folders added to the config's (relative to the first
         * workspace folder); a non-array clears them */
        const char **dirs = NULL;
        size_t n = 0;
        if (cJSON_IsArray(v)) {
            dirs = qc_calloc((size_t)cJSON_GetArraySize(v) + 1, sizeof *dirs);
            const cJSON *it;
            cJSON_ArrayForEach(it, v)
                if (cJSON_IsString(it) && *it->valuestring)
                    dirs[n++] = it->valuestring;
        }
        changed |= qc_lsp_workspace_set_extra_sources(s->ws, dirs, n);
        free(dirs);
    }
    /* the .quotecheck.json-shaped part, handed to the config module */
    static const char *const keys[] = { "sources", "credibility", "aliases", "severity", "ignore", "cache" };
    cJSON *cfg = cJSON_CreateObject();
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if ((v = cJSON_GetObjectItemCaseSensitive(settings, keys[i])) && !cJSON_IsNull(v))
            cJSON_AddItemToObject(cfg, keys[i], cJSON_Duplicate(v, 1));
    char *json = cfg->child ? cJSON_PrintUnformatted(cfg) : NULL;
    cJSON_Delete(cfg);
    changed |= qc_lsp_workspace_set_settings(s->ws, json);
    cJSON_free(json);
    if (changed && s->state == 1)
        s->reload_due = true;
}

void qc_lsp_configuration_response(qc_lsp_server *s, const cJSON *result)
{
    const cJSON *first = cJSON_IsArray(result) ? cJSON_GetArrayItem(result, 0) : NULL;
    if (cJSON_IsObject(first))
        qc_lsp_apply_settings(s, first);
}

void qc_lsp_did_change_configuration(qc_lsp_server *s, const cJSON *params)
{
    const cJSON *settings = cJSON_GetObjectItemCaseSensitive(params, "settings");
    const cJSON *ours = cJSON_GetObjectItemCaseSensitive(settings, "quotecheck");
    if (s->client.configuration)
        qc_lsp_request_configuration(s);   /* pull model: ask for the section */
    else if (cJSON_IsObject(ours))
        qc_lsp_apply_settings(s, ours);
    qc_lsp_recheck_all(s);   /* inlayHints or severities may have changed */
}

void qc_lsp_did_change_watched_files(qc_lsp_server *s, const cJSON *params)
{
    const cJSON *changes = cJSON_GetObjectItemCaseSensitive(params, "changes");
    if (!cJSON_IsArray(changes)) {
        qc_lsp_log(s, QC_LSP_LOG_WARNING, "didChangeWatchedFiles: changes must be an array; ignored");
        return;
    }
    const cJSON *c;
    size_t relevant = 0;
    cJSON_ArrayForEach(c, changes) {
        const cJSON *uri = cJSON_GetObjectItemCaseSensitive(c, "uri");
        char *p = cJSON_IsString(uri) ? qc_lsp_uri_to_path(uri->valuestring) : NULL;
        if (p && qc_lsp_workspace_watches(s->ws, p))
            relevant++;
        free(p);
    }
    if (relevant) {
        qc_lsp_log(s, QC_LSP_LOG_INFO, "%zu watched file(s) changed; reloading the sources", relevant);
        s->reload_due = true;
    }
}

void qc_lsp_did_change_workspace_folders(qc_lsp_server *s, const cJSON *params)
{
    const cJSON *ev = cJSON_GetObjectItemCaseSensitive(params, "event");
    const char *const lists[] = { "removed", "added" };
    for (int k = 0; k < 2; k++) {
        const cJSON *arr = cJSON_GetObjectItemCaseSensitive(ev, lists[k]), *f;
        if (!cJSON_IsArray(arr))
            continue;
        cJSON_ArrayForEach(f, arr) {
            const cJSON *uri = cJSON_GetObjectItemCaseSensitive(f, "uri");
            char *p = cJSON_IsString(uri) ? qc_lsp_uri_to_path(uri->valuestring) : NULL;
            if (p && k == 0)
                qc_lsp_workspace_remove_root(s->ws, p);
            else if (p)
                qc_lsp_workspace_add_root(s->ws, p);
            free(p);
        }
    }
    s->reload_due = true;
}

/* ---- reloading, with progress ------------------------------------------------- */

typedef struct qc_lsp_reload_ctx {
    qc_lsp_server *s;
    int token;
} qc_lsp_reload_ctx;

static void qc_lsp_progress_send(qc_lsp_server *s, int token, const char *kind, int pct,
                                 const char *message)
{
    cJSON *p = cJSON_CreateObject();
    char tok[48];
    snprintf(tok, sizeof tok, "quotecheck/index/%d", token);
    cJSON_AddStringToObject(p, "token", tok);
    cJSON *v = cJSON_AddObjectToObject(p, "value");
    cJSON_AddStringToObject(v, "kind", kind);
    if (!strcmp(kind, "begin")) {
        cJSON_AddStringToObject(v, "title", "quotecheck: indexing sources");
        cJSON_AddFalseToObject(v, "cancellable");
    }
    if (message)
        cJSON_AddStringToObject(v, "message", message);
    if (pct >= 0 && strcmp(kind, "end") != 0)
        cJSON_AddNumberToObject(v, "percentage", pct);
    qc_lsp_notify(s, "$/progress", p);
}

static void qc_lsp_reload_progress(void *ctx, int percent, const char *message)
{
    qc_lsp_reload_ctx *rc = ctx;
    if (rc->token)
        qc_lsp_progress_send(rc->s, rc->token, "report", percent, message);
}

static void qc_lsp_reload_now(qc_lsp_server *s, int token)
{
    s->reload_due = false;
    s->reload_token = 0;
    if (token)
        qc_lsp_progress_send(s, token, "begin", 0, "reading the sources");
    qc_lsp_reload_ctx ctx = { s, token };
    char *err = NULL;
    long long t0 = qc_lsp_now_ms();
    int rc = qc_lsp_workspace_load(s->ws, qc_lsp_reload_progress, &ctx, &err);
    char msg[256];
    if (rc != 0) {
        qc_lsp_log(s, QC_LSP_LOG_ERROR, "cannot load the workspace: %s", err ? err : "unknown error");
        snprintf(msg, sizeof msg, "failed: %.200s", err ? err : "unknown error");
    } else {
        const char **dirs;
        size_t nd = qc_lsp_workspace_watch_dirs(s->ws, &dirs);
        snprintf(msg, sizeof msg, "%zu sources in %zu folder(s), %lld ms",
                 qc_lsp_workspace_nsources(s->ws), nd, qc_lsp_now_ms() - t0);
        qc_lsp_log(s, QC_LSP_LOG_INFO, "workspace loaded: %s", msg);
    }
    free(err);
    if (token)
        qc_lsp_progress_send(s, token, "end", -1, msg);
    qc_lsp_recheck_all(s);
    if (s->client.pull && s->client.diagnostic_refresh)
        qc_lsp_request(s, "workspace/diagnostic/refresh", NULL, QC_LSP_OUT_REFRESH);
    if (s->client.inlay_refresh)
        qc_lsp_request(s, "workspace/inlayHint/refresh", NULL, QC_LSP_OUT_REFRESH);
}

void qc_lsp_reload(qc_lsp_server *s)
{
    if (s->reload_token)
        return;   /* already waiting for the client to create a token */
    if (!s->client.work_done_progress || s->state != 1) {
        qc_lsp_reload_now(s, 0);
        return;
    }
    static int counter;
    int token = ++counter;
    cJSON *p = cJSON_CreateObject();
    char tok[48];
    snprintf(tok, sizeof tok, "quotecheck/index/%d", token);
    cJSON_AddStringToObject(p, "token", tok);
    qc_lsp_request(s, "window/workDoneProgress/create", p, QC_LSP_OUT_PROGRESS_CREATE);
    s->reload_token = token;
    s->reload_wait_until = qc_lsp_now_ms() + 2000;
}

void qc_lsp_progress_created(qc_lsp_server *s, bool ok)
{
    if (!s->reload_token)
        return;
    qc_lsp_reload_now(s, ok ? s->reload_token : 0);
}

void qc_lsp_reload_timeout(qc_lsp_server *s)
{
    qc_lsp_log(s, QC_LSP_LOG_INFO, "no answer to window/workDoneProgress/create; loading without progress");
    qc_lsp_reload_now(s, 0);
}

cJSON *qc_lsp_execute_command(qc_lsp_server *s, const cJSON *params, const cJSON *id, qc_lsp_err *err)
{
    const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(params, "command");
    if (!cJSON_IsString(cmd)) {
        qc_lsp_err_set(err, QC_LSP_INVALID_PARAMS, "executeCommand needs a string 'command'");
        return NULL;
    }
    if (!strcmp(cmd->valuestring, "quotecheck.reindex")) {
        s->reload_due = true;
        qc_lsp_reload(s);
        return cJSON_CreateNull();
    }
    qc_lsp_err_set(err, QC_LSP_INVALID_PARAMS, "unknown command '%.100s'", cmd->valuestring);
    return NULL;
}
