/*
 * corpus/walk.c — finding the articles: a recursive walk of the corpus
 * folders, and each folder's sources.json sidecar.
 *
 * Skipped, each with a warning naming it (except hidden entries and
 * node_modules, skipped silently): symlink loops and folders reached twice
 * (tracked by device and inode), folders that cannot be opened or vanish
 * mid-walk, dangling symlinks, a sidecar that is not valid JSON. The same
 * file reached by two paths (a symlink, nested folders given twice) is
 * listed once. README.* files describe a folder and are not articles. The walk owns every string and JSON tree it returns;
 * qc_corpus_walk_free releases them.
 */
#include "corpus/corpus_internal.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/file.h"
#include "util/strbuf.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

typedef struct qc_devino {
    uint64_t dev, ino;
} qc_devino;

typedef struct qc_walker {
    qc_corpus *corpus;
    qc_walk *out;
    Array(qc_devino) visited;
} qc_walker;

static int qc_is_article_name(const char *name)
{
    /* a folder's README describes the corpus; it is not an article */
    if (!strncasecmp(name, "readme.", 7))
        return 0;
    const char *dot = strrchr(name, '.');
    return dot && (!strcasecmp(dot, ".txt") || !strcasecmp(dot, ".md") ||
                   !strcasecmp(dot, ".markdown"));
}

static char *qc_join(const char *a, const char *b)
{
    qc_strbuf sb = QC_STRBUF_INIT;
    qc_strbuf_adds(&sb, a);
    if (sb.len && sb.data[sb.len - 1] != '/' && *b)
        qc_strbuf_addc(&sb, '/');
    qc_strbuf_adds(&sb, b);
    return qc_strbuf_detach(&sb);
}

static int qc_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static uint32_t qc_load_sidecar(qc_walker *w, const char *path)
{
    qc_walk_sidecar sc = { qc_strdup(path), 0, NULL, NULL };
    char *data = NULL;
    size_t len = 0;
    if (qc_file_read(path, 16u << 20, &data, &len) != 0) {
        qc_corpus_warn(w->corpus, "%s", qc_error_last());
    } else {
        sc.hash = qc_corpus_hash64(data, len) | 1;
        sc.root = cJSON_ParseWithLength(data, len);
        if (!sc.root) {
            qc_corpus_warn(w->corpus, "%s: not valid JSON; sidecar ignored", path);
        } else {
            sc.articles = cJSON_GetObjectItemCaseSensitive(sc.root, "articles");
            if (!cJSON_IsObject(sc.articles)) {
                qc_corpus_warn(w->corpus, "%s: no \"articles\" object; sidecar ignored", path);
                sc.articles = NULL;
            }
        }
        free(data);
    }
    array_push(&w->out->sidecars, sc);
    return (uint32_t)(w->out->sidecars.len - 1);
}

static void qc_walk_dir(qc_walker *w, uint32_t dir, const char *path, const char *rel, int depth)
{
    if (depth > 64) {
        qc_corpus_warn(w->corpus, "%s: folders nested too deep; skipped", path);
        return;
    }
    DIR *d = opendir(path);
    if (!d) {
        qc_corpus_warn(w->corpus, "%s: cannot open folder: %s; skipped", path, strerror(errno));
        return;
    }
    Array(char *) names = ARRAY_INIT;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "node_modules"))
            continue;
        array_push(&names, qc_strdup(e->d_name));
    }
    closedir(d);
    if (names.len)
        qsort(names.items, names.len, sizeof *names.items, qc_cmp_str);
    uint32_t sidecar = UINT32_MAX;
    for (size_t i = 0; i < names.len; i++)
        if (!strcmp(names.items[i], "sources.json")) {
            char *p = qc_join(path, names.items[i]);
            sidecar = qc_load_sidecar(w, p);
            free(p);
        }
    for (size_t i = 0; i < names.len; i++) {
        const char *name = names.items[i];
        char *p = qc_join(path, name);
        char *r = qc_join(rel, name);
        struct stat st;
        if (stat(p, &st) != 0) {
            struct stat lst;
            if (lstat(p, &lst) == 0 && S_ISLNK(lst.st_mode))
                qc_corpus_warn(w->corpus, "%s: %s; skipped",
                               p, errno == ELOOP ? "symlink loop" : "dangling symlink");
            else
                qc_corpus_warn(w->corpus, "%s: %s (vanished during the walk?); skipped", p,
                               strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            qc_devino di = { (uint64_t)st.st_dev, (uint64_t)st.st_ino };
            int seen = 0;
            for (size_t k = 0; k < w->visited.len; k++)
                if (w->visited.items[k].dev == di.dev && w->visited.items[k].ino == di.ino)
                    seen = 1;
            if (seen) {
                qc_corpus_warn(w->corpus, "%s: symlink loop or folder already walked; skipped", p);
            } else {
                array_push(&w->visited, di);
                qc_walk_dir(w, dir, p, r, depth + 1);
            }
        } else if (S_ISREG(st.st_mode) && qc_is_article_name(name)) {
            qc_walk_file f = {
                dir, r, p, (uint64_t)st.st_size,
                (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec,
                (uint64_t)st.st_dev, (uint64_t)st.st_ino, sidecar, { 0 }, false,
            };
            array_push(&w->out->files, f);
            free(names.items[i]);
            continue;
        }
        free(p);
        free(r);
        free(names.items[i]);
    }
    array_free(&names);
}

static int qc_cmp_devino(const void *a, const void *b)
{
    const qc_walk_file *x = *(qc_walk_file *const *)a, *y = *(qc_walk_file *const *)b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    return x < y ? -1 : x > y;   /* keep walk order among equals */
}

void qc_corpus_walk(qc_corpus *self, qc_walk *out)
{
    memset(out, 0, sizeof *out);
    qc_walker w = { self, out, ARRAY_INIT };
    for (size_t i = 0; i < self->ndirs; i++) {
        struct stat st;
        if (stat(self->dirs[i], &st) != 0)
            continue;
        qc_devino di = { (uint64_t)st.st_dev, (uint64_t)st.st_ino };
        int seen = 0;
        for (size_t k = 0; k < w.visited.len; k++)
            if (w.visited.items[k].dev == di.dev && w.visited.items[k].ino == di.ino)
                seen = 1;
        if (seen)
            continue;
        array_push(&w.visited, di);
        qc_walk_dir(&w, (uint32_t)i, self->dirs[i], "", 0);
    }
    /* one entry per file (dev, ino), the first reached */
    size_t n = out->files.len;
    if (n > 1) {
        qc_walk_file **byid = qc_malloc(n * sizeof *byid);
        for (size_t i = 0; i < n; i++)
            byid[i] = &out->files.items[i];
        qsort(byid, n, sizeof *byid, qc_cmp_devino);
        for (size_t i = 1; i < n; i++)
            if (byid[i]->dev == byid[i - 1]->dev && byid[i]->ino == byid[i - 1]->ino)
                byid[i]->size = UINT64_MAX;   /* mark duplicate */
        free(byid);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (out->files.items[i].size == UINT64_MAX) {
                free(out->files.items[i].rel);
                free(out->files.items[i].path);
                continue;
            }
            out->files.items[k++] = out->files.items[i];
        }
        out->files.len = k;
    }
    array_free(&w.visited);
}

void qc_corpus_walk_free(qc_walk *w)
{
    for (size_t i = 0; i < w->files.len; i++) {
        free(w->files.items[i].rel);
        free(w->files.items[i].path);
    }
    array_free(&w->files);
    for (size_t i = 0; i < w->sidecars.len; i++) {
        free(w->sidecars.items[i].path);
        cJSON_Delete(w->sidecars.items[i].root);
    }
    array_free(&w->sidecars);
}

static char *qc_json_str(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) && v->valuestring[0] ? qc_strdup(v->valuestring) : NULL;
}

void qc_corpus_sidecar_meta(const qc_walk *w, const qc_walk_file *f, qc_corpus_meta *out)
{
    memset(out, 0, sizeof *out);
    out->kind = QC_KIND_COUNT;
    if (f->sidecar == UINT32_MAX || !w->sidecars.items[f->sidecar].articles)
        return;
    const char *name = strrchr(f->rel, '/');
    name = name ? name + 1 : f->rel;
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(w->sidecars.items[f->sidecar].articles, name);
    if (!cJSON_IsObject(e))
        return;
    out->outlet = qc_json_str(e, "outlet");
    char *date = qc_json_str(e, "date");
    if (date) {
        char *iso = qc_corpus_date_normalize(date);
        if (iso) {
            free(date);
            date = iso;
        }
    }
    out->date = date;
    out->byline = qc_json_str(e, "byline");
    if (!out->byline)
        out->byline = qc_json_str(e, "author");
    out->url = qc_json_str(e, "url");
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(e, "kind");
    if (!cJSON_IsString(k))
        k = cJSON_GetObjectItemCaseSensitive(e, "type");
    if (cJSON_IsString(k)) {
        int kind = qc_outlet_kind_parse(k->valuestring);
        if (kind >= 0)
            out->kind = (qc_outlet_kind)kind;
    }
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(e, "credibility");
    if (cJSON_IsNumber(c) && c->valuedouble >= 0 && c->valuedouble <= 1) {
        out->has_credibility = true;
        out->credibility = c->valuedouble;
    }
    if (out->outlet)
        out->source = "sidecar";
}
