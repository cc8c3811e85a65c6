/*
 * config/config.c — finding, loading, validating and merging
 * `.quotecheck.json` (see config.h). Owned by the config module.
 *
 * cJSON builds the tree but reports no positions, so this file also holds a
 * small strict JSON scanner: it runs before cJSON to turn a syntax error
 * into "file:line:col: expected ',' or '}'", and afterwards locates the key
 * and value of each member (members are located by index, which matches
 * cJSON's child order even with duplicate keys) so validation errors name
 * the exact line and column.
 */
#include "config/config.h"
#include "text/text.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/error.h"
#include "util/file.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define QC_CONFIG_MAX_SIZE (1024u * 1024u)
#define QC_JSON_MAX_DEPTH 64

/* ------------------------------------------------------------------------
 * Paths
 * ---------------------------------------------------------------------- */

/* Collapse "//", "/./" and "/x/.." in an absolute path, in place. */
static void path_normalize(char *p)
{
    char *out = p;
    const char *in = p;
    while (*in) {
        while (*in == '/')
            in++;
        if (!*in)
            break;
        const char *seg = in;
        while (*in && *in != '/')
            in++;
        size_t n = (size_t)(in - seg);
        if (n == 1 && seg[0] == '.')
            continue;
        if (n == 2 && seg[0] == '.' && seg[1] == '.') {
            while (out > p && *(out - 1) != '/')
                out--;
            if (out > p)
                out--;
            continue;
        }
        *out++ = '/';
        memmove(out, seg, n);
        out += n;
    }
    if (out == p)
        *out++ = '/';
    *out = '\0';
}

static char *path_cwd(void)
{
    char buf[PATH_MAX];
    if (getcwd(buf, sizeof buf))
        return qc_strdup(buf);
    return qc_strdup("/");
}

/* base + "/" + rel (rel absolute: rel alone), normalized; caller frees. */
static char *path_join(const char *base, const char *rel)
{
    qc_strbuf b = QC_STRBUF_INIT;
    if (rel[0] != '/') {
        qc_strbuf_adds(&b, base);
        qc_strbuf_addc(&b, '/');
    }
    qc_strbuf_adds(&b, rel);
    char *p = qc_strbuf_detach(&b);
    path_normalize(p);
    return p;
}

/* Absolute, lexically normalized form of p (which need not exist). */
static char *path_abs(const char *p)
{
    char *cwd = path_cwd();
    char *r = path_join(cwd, p);
    free(cwd);
    return r;
}

/* The folder part of an absolute normalized path, in place ("/a" -> "/"). */
static void path_dirname(char *p)
{
    char *slash = strrchr(p, '/');
    if (!slash || slash == p)
        strcpy(p, "/");
    else
        *slash = '\0';
}

static bool path_is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int qc_config_find(const char *start_path, char **out_path)
{
    *out_path = NULL;
    char real[PATH_MAX];
    char *dir = realpath(start_path, real) ? qc_strdup(real) : path_abs(start_path);
    if (!path_is_dir(dir))
        path_dirname(dir);
    char *from = qc_strdup(dir);
    for (;;) {
        char *cand = path_join(dir, QC_CONFIG_FILENAME);
        struct stat st;
        if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
            *out_path = cand;
            free(dir);
            free(from);
            return QC_OK;
        }
        free(cand);
        if (!strcmp(dir, "/"))
            break;
        path_dirname(dir);
    }
    qc_error_set("%s: no %s here or in any folder above", from, QC_CONFIG_FILENAME);
    free(dir);
    free(from);
    return QC_ENOTFOUND;
}

/* ------------------------------------------------------------------------
 * Strict JSON scanner: syntax errors with positions, member locations
 * ---------------------------------------------------------------------- */

typedef struct jscan {
    const char *s;
    size_t len, i;
    int depth;
    size_t err_at;
    const char *err;
    bool err_near;      /* append " near '…'" to the message */
} jscan;

static bool jfail(jscan *j, size_t at, const char *msg, bool near)
{
    j->err_at = at;
    j->err = msg;
    j->err_near = near;
    return false;
}

static bool jis_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static bool jis_digit(char c) { return c >= '0' && c <= '9'; }

static size_t jskip_ws(const char *s, size_t len, size_t i)
{
    while (i < len && jis_ws(s[i]))
        i++;
    return i;
}

static bool jvalue(jscan *j);

static bool jstring(jscan *j)
{
    const char *s = j->s;
    size_t start = j->i++;
    while (j->i < j->len) {
        unsigned char c = (unsigned char)s[j->i];
        if (c == '"') {
            j->i++;
            return true;
        }
        if (c == '\n' || c == '\r')
            return jfail(j, start, "unterminated string", false);
        if (c < 0x20)
            return jfail(j, j->i, "control character in string (escape it)", false);
        if (c == '\\') {
            char e = j->i + 1 < j->len ? s[j->i + 1] : '\0';
            if (e && strchr("\"\\/bfnrt", e)) {
                j->i += 2;
                continue;
            }
            if (e == 'u') {
                for (size_t k = 2; k < 6; k++) {
                    char h = j->i + k < j->len ? s[j->i + k] : '\0';
                    if (!(jis_digit(h) || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F')))
                        return jfail(j, j->i, "invalid \\u escape (expected 4 hex digits)", false);
                }
                j->i += 6;
                continue;
            }
            return jfail(j, j->i, "invalid escape in string", true);
        }
        j->i++;
    }
    return jfail(j, start, "unterminated string", false);
}

static bool jnumber(jscan *j)
{
    const char *s = j->s;
    size_t start = j->i, n = j->len;
    if (s[j->i] == '-')
        j->i++;
    if (j->i < n && s[j->i] == '0') {
        j->i++;
        if (j->i < n && jis_digit(s[j->i]))
            return jfail(j, start, "invalid number (leading zero)", false);
    } else if (j->i < n && jis_digit(s[j->i])) {
        while (j->i < n && jis_digit(s[j->i]))
            j->i++;
    } else {
        return jfail(j, start, "invalid number", true);
    }
    if (j->i < n && s[j->i] == '.') {
        j->i++;
        if (j->i >= n || !jis_digit(s[j->i]))
            return jfail(j, start, "invalid number", true);
        while (j->i < n && jis_digit(s[j->i]))
            j->i++;
    }
    if (j->i < n && (s[j->i] == 'e' || s[j->i] == 'E')) {
        j->i++;
        if (j->i < n && (s[j->i] == '+' || s[j->i] == '-'))
            j->i++;
        if (j->i >= n || !jis_digit(s[j->i]))
            return jfail(j, start, "invalid number", true);
        while (j->i < n && jis_digit(s[j->i]))
            j->i++;
    }
    return true;
}

/* Messages for a byte that cannot start what was expected. */
static bool junexpected(jscan *j, const char *expected)
{
    static _Thread_local char buf[96];   /* j->err points here */
    if (j->i >= j->len) {
        snprintf(buf, sizeof buf, "unexpected end of input, expected %s", expected);
        return jfail(j, j->i, buf, false);
    }
    char c = j->s[j->i];
    if (c == '/')
        return jfail(j, j->i, "comments are not allowed in JSON", false);
    if (c == '\'')
        return jfail(j, j->i, "strings must use double quotes", false);
    snprintf(buf, sizeof buf, "expected %s", expected);
    return jfail(j, j->i, buf, true);
}

static bool jcontainer(jscan *j, bool object)
{
    char close = object ? '}' : ']';
    if (++j->depth > QC_JSON_MAX_DEPTH)
        return jfail(j, j->i, "nesting too deep", false);
    j->i++;
    j->i = jskip_ws(j->s, j->len, j->i);
    if (j->i < j->len && j->s[j->i] == close) {
        j->i++;
        j->depth--;
        return true;
    }
    for (bool first = true;; first = false) {
        j->i = jskip_ws(j->s, j->len, j->i);
        if (!first && j->i < j->len && j->s[j->i] == close)
            return jfail(j, j->i, object ? "trailing comma before '}'" : "trailing comma before ']'",
                         false);
        if (object) {
            if (j->i >= j->len || j->s[j->i] != '"')
                return junexpected(j, first ? "a string key or '}'" : "a string key");
            if (!jstring(j))
                return false;
            j->i = jskip_ws(j->s, j->len, j->i);
            if (j->i >= j->len || j->s[j->i] != ':')
                return junexpected(j, "':' after the key");
            j->i++;
        }
        if (!jvalue(j))
            return false;
        j->i = jskip_ws(j->s, j->len, j->i);
        if (j->i < j->len && j->s[j->i] == ',') {
            j->i++;
            continue;
        }
        if (j->i < j->len && j->s[j->i] == close) {
            j->i++;
            j->depth--;
            return true;
        }
        return junexpected(j, object ? "',' or '}'" : "',' or ']'");
    }
}

static bool jvalue(jscan *j)
{
    j->i = jskip_ws(j->s, j->len, j->i);
    if (j->i >= j->len)
        return junexpected(j, "a value");
    char c = j->s[j->i];
    if (c == '{' || c == '[')
        return jcontainer(j, c == '{');
    if (c == '"')
        return jstring(j);
    if (c == '-' || jis_digit(c))
        return jnumber(j);
    static const char *const lits[] = { "true", "false", "null" };
    for (size_t k = 0; k < 3; k++) {
        size_t n = strlen(lits[k]);
        if (j->len - j->i >= n && !memcmp(j->s + j->i, lits[k], n)) {
            j->i += n;
            return true;
        }
    }
    return junexpected(j, "a value");
}

/* Skip one value of already-valid JSON starting at (or after whitespace
 * before) i; returns the offset just past it. */
static size_t jskip_value(const char *s, size_t len, size_t i)
{
    jscan j = { s, len, i, 0, 0, NULL, false };
    jvalue(&j);
    return j.i;
}

typedef struct jmember {
    size_t key;     /* offset of the key's opening quote (objects) */
    size_t value;   /* offset of the value's first byte */
} jmember;
typedef Array(jmember) jmembers;

/* The members of the valid object or array at s[off]. */
static void jmembers_of(const char *s, size_t len, size_t off, jmembers *out)
{
    array_clear(out);
    bool object = s[off] == '{';
    size_t i = jskip_ws(s, len, off + 1);
    if (i < len && (s[i] == '}' || s[i] == ']'))
        return;
    for (;;) {
        jmember m = { off, 0 };
        i = jskip_ws(s, len, i);
        if (object) {
            m.key = i;
            i = jskip_value(s, len, i);             /* the key string */
            i = jskip_ws(s, len, i) + 1;            /* ':' */
        }
        m.value = jskip_ws(s, len, i);
        array_push(out, m);
        i = jskip_ws(s, len, jskip_value(s, len, m.value));
        if (i >= len || s[i] != ',')
            return;
        i++;
    }
}

/* ------------------------------------------------------------------------
 * Config construction
 * ---------------------------------------------------------------------- */

static qc_config *config_new(const char *name, const char *dir)
{
    qc_config *c = qc_calloc(1, sizeof *c);
    c->path = name ? qc_arena_strdup(&c->arena, name) : NULL;
    c->dir = qc_arena_strdup(&c->arena, dir);
    for (int k = 0; k < QC_CODE_COUNT; k++)
        c->severity[k] = qc_code_default_severity((qc_code)k);
    return c;
}

void qc_config_default(qc_config **out)
{
    char *cwd = path_cwd();
    *out = config_new(NULL, cwd);
    free(cwd);
}

void qc_config_free(qc_config *self)
{
    if (!self)
        return;
    for (size_t i = 0; i < self->naliases; i++) {
        free(self->aliases[i].names);
        free(self->aliases[i].keys);
    }
    free(self->sources);
    free(self->outlets);
    free(self->kinds);
    free(self->aliases);
    free(self->ignore);
    free(self->warnings);
    qc_arena_free(&self->arena);
    free(self);
}

/* Folded lookup key: case and accents folded, whitespace runs collapsed to
 * one space, trimmed. malloc'd; caller frees. */
static char *fold_dup(const char *s)
{
    char *f = qc_utf8_fold(s, strlen(s));
    char *o = f;
    bool space = false;
    for (const char *p = f; *p; p++) {
        if (jis_ws(*p)) {
            space = o != f;
            continue;
        }
        if (space)
            *o++ = ' ';
        space = false;
        *o++ = *p;
    }
    *o = '\0';
    return f;
}

static const char *fold_key(qc_arena *a, const char *s)
{
    char *f = fold_dup(s);
    const char *r = qc_arena_strdup(a, f);
    free(f);
    return r;
}

/* Append to a (pointer, count) pair; capacity is implicit: the storage is
 * doubled whenever the count reaches a power of two. */
#define PUSH(arr, n, v)                                                          \
    do {                                                                         \
        if ((n) == 0 || ((n) & ((n) - 1)) == 0)                                  \
            (arr) = qc_realloc((arr), ((n) ? (n) * 2 : 1) * sizeof *(arr));      \
        (arr)[(n)++] = (v);                                                      \
    } while (0)

static void add_warning(qc_config *c, const qc_config_loc *loc, const char *msg)
{
    qc_config_warning w;
    w.loc.file = qc_arena_strdup(&c->arena, loc->file ? loc->file : "");
    w.loc.line = loc->line;
    w.loc.column = loc->column;
    w.message = qc_arena_strdup(&c->arena, msg);
    w.text = qc_arena_printf(&c->arena, "%s:%zu:%zu: %s", w.loc.file, loc->line, loc->column, msg);
    PUSH(c->warnings, c->nwarnings, w);
}

static void set_credibility(qc_config *c, qc_config_credibility **tab, size_t *n, const char *name,
                            double value)
{
    const char *key = fold_key(&c->arena, name);
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*tab)[i].key, key)) {
            (*tab)[i].name = qc_arena_strdup(&c->arena, name);
            (*tab)[i].value = value;
            return;
        }
    qc_config_credibility e = { qc_arena_strdup(&c->arena, name), key, value };
    PUSH(*tab, *n, e);
}

/* Add (or replace, by canonical name) an alias entry; copies the strings. */
static qc_config_alias *set_alias(qc_config *c, const char *canonical, const char *const *names,
                                  size_t nnames)
{
    const char *ckey = fold_key(&c->arena, canonical);
    qc_config_alias *a = NULL;
    for (size_t i = 0; i < c->naliases; i++)
        if (!strcmp(c->aliases[i].canonical_key, ckey)) {
            a = &c->aliases[i];
            free(a->names);
            free(a->keys);
            break;
        }
    if (!a) {
        qc_config_alias blank = { 0 };
        PUSH(c->aliases, c->naliases, blank);
        a = &c->aliases[c->naliases - 1];
    }
    a->canonical = qc_arena_strdup(&c->arena, canonical);
    a->canonical_key = ckey;
    a->nnames = nnames;
    a->names = qc_calloc(nnames ? nnames : 1, sizeof *a->names);
    a->keys = qc_calloc(nnames ? nnames : 1, sizeof *a->keys);
    for (size_t i = 0; i < nnames; i++) {
        a->names[i] = qc_arena_strdup(&c->arena, names[i]);
        a->keys[i] = fold_key(&c->arena, names[i]);
    }
    return a;
}

/* ------------------------------------------------------------------------
 * Loading and validation
 * ---------------------------------------------------------------------- */

typedef struct loader {
    qc_config *cfg;
    const char *name;
    const char *s;
    size_t len;
} loader;

static qc_config_loc loc_at(const loader *l, size_t off)
{
    qc_pos p = qc_text_pos_scan(l->s, l->len, off);
    return (qc_config_loc){ l->name, p.line + 1, p.column + 1 };
}

static int lerror(const loader *l, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int lerror(const loader *l, size_t off, const char *fmt, ...)
{
    qc_config_loc loc = loc_at(l, off);
    qc_strbuf b = QC_STRBUF_INIT;
    qc_strbuf_printf(&b, "%s:%zu:%zu: ", l->name, loc.line, loc.column);
    va_list ap;
    va_start(ap, fmt);
    qc_strbuf_vprintf(&b, fmt, ap);
    va_end(ap);
    qc_error_set("%s", qc_strbuf_cstr(&b));
    qc_strbuf_free(&b);
    return QC_EINVAL;
}

static void lwarn(const loader *l, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void lwarn(const loader *l, size_t off, const char *fmt, ...)
{
    qc_config_loc loc = loc_at(l, off);
    qc_strbuf b = QC_STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    qc_strbuf_vprintf(&b, fmt, ap);
    va_end(ap);
    add_warning(l->cfg, &loc, qc_strbuf_cstr(&b));
    qc_strbuf_free(&b);
}

static const char *type_name(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "an unknown value";
}

/* Warn about a key that repeats an earlier key of the same object. */
static void check_duplicate(const loader *l, const cJSON *obj, const cJSON *item, size_t key_off,
                            const char *path)
{
    for (const cJSON *p = obj->child; p && p != item; p = p->next)
        if (!strcmp(p->string, item->string)) {
            lwarn(l, key_off, "%s%s'%s' is given twice; the last one wins", path,
                  path[0] ? ": " : "", item->string);
            return;
        }
}

/* An array of non-empty strings; `what` names an item for messages. */
static int check_string_array(const loader *l, const cJSON *v, size_t off, const char *path,
                              const char *what, jmembers *ms)
{
    if (!cJSON_IsArray(v))
        return lerror(l, off, "%s: expected an array of %ss, found %s", path, what, type_name(v));
    jmembers_of(l->s, l->len, off, ms);
    size_t i = 0;
    for (const cJSON *it = v->child; it; it = it->next, i++) {
        if (!cJSON_IsString(it) || !it->valuestring[0])
            return lerror(l, ms->items[i].value, "%s[%zu]: expected a %s (a non-empty string), found %s",
                          path, i, what, cJSON_IsString(it) ? "an empty string" : type_name(it));
    }
    return QC_OK;
}

static int load_sources(loader *l, const cJSON *v, size_t off)
{
    jmembers ms = ARRAY_INIT;
    int rc = check_string_array(l, v, off, "sources", "folder", &ms);
    if (rc == QC_OK) {
        qc_config *c = l->cfg;
        c->nsources = 0;
        c->has_sources = true;
        size_t i = 0;
        for (const cJSON *it = v->child; it; it = it->next, i++) {
            char *p = path_join(c->dir, it->valuestring);
            qc_config_source s = { qc_arena_strdup(&c->arena, p),
                                   qc_arena_strdup(&c->arena, it->valuestring), i,
                                   loc_at(l, ms.items[i].value) };
            s.loc.file = c->path;
            free(p);
            PUSH(c->sources, c->nsources, s);
        }
    }
    array_free(&ms);
    return rc;
}

static int load_ignore(loader *l, const cJSON *v, size_t off)
{
    jmembers ms = ARRAY_INIT;
    int rc = check_string_array(l, v, off, "ignore", "glob pattern", &ms);
    if (rc == QC_OK) {
        qc_config *c = l->cfg;
        c->nignore = 0;
        c->has_ignore = true;
        for (const cJSON *it = v->child; it; it = it->next) {
            qc_config_ignore g = { qc_arena_strdup(&c->arena, it->valuestring), c->dir };
            PUSH(c->ignore, c->nignore, g);
        }
    }
    array_free(&ms);
    return rc;
}

static int load_cred_table(loader *l, const cJSON *v, size_t off, const char *path,
                           qc_config_credibility **tab, size_t *n)
{
    if (!cJSON_IsObject(v))
        return lerror(l, off, "%s: expected an object of names and numbers between 0 and 1, found %s",
                      path, type_name(v));
    jmembers ms = ARRAY_INIT;
    jmembers_of(l->s, l->len, off, &ms);
    int rc = QC_OK;
    size_t i = 0;
    for (const cJSON *it = v->child; it; it = it->next, i++) {
        size_t voff = ms.items[i].value;
        check_duplicate(l, v, it, ms.items[i].key, path);
        if (!cJSON_IsNumber(it)) {
            rc = lerror(l, voff, "%s[\"%s\"]: expected a number between 0 and 1, found %s", path,
                        it->string, type_name(it));
            break;
        }
        if (!(it->valuedouble >= 0.0 && it->valuedouble <= 1.0)) {
            rc = lerror(l, voff, "%s[\"%s\"]: %.*s is out of range (expected 0 to 1)", path,
                        it->string, (int)(jskip_value(l->s, l->len, voff) - voff), l->s + voff);
            break;
        }
        set_credibility(l->cfg, tab, n, it->string, it->valuedouble);
    }
    array_free(&ms);
    return rc;
}

static int load_credibility(loader *l, const cJSON *v, size_t off)
{
    if (!cJSON_IsObject(v))
        return lerror(l, off, "credibility: expected an object with \"outlets\" and \"kinds\", found %s",
                      type_name(v));
    jmembers ms = ARRAY_INIT;
    jmembers_of(l->s, l->len, off, &ms);
    int rc = QC_OK;
    size_t i = 0;
    for (const cJSON *it = v->child; it && rc == QC_OK; it = it->next, i++) {
        check_duplicate(l, v, it, ms.items[i].key, "credibility");
        if (!strcmp(it->string, "outlets"))
            rc = load_cred_table(l, it, ms.items[i].value, "credibility.outlets", &l->cfg->outlets,
                                 &l->cfg->noutlets);
        else if (!strcmp(it->string, "kinds"))
            rc = load_cred_table(l, it, ms.items[i].value, "credibility.kinds", &l->cfg->kinds,
                                 &l->cfg->nkinds);
        else
            lwarn(l, ms.items[i].key, "credibility: unknown key '%s' (ignored; known: outlets, kinds)",
                  it->string);
    }
    array_free(&ms);
    return rc;
}

static int load_aliases(loader *l, const cJSON *v, size_t off)
{
    if (!cJSON_IsObject(v))
        return lerror(l, off, "aliases: expected an object of names and arrays of other names, found %s",
                      type_name(v));
    qc_config *c = l->cfg;
    jmembers ms = ARRAY_INIT, names = ARRAY_INIT;
    Array(const char *) list = ARRAY_INIT;
    jmembers_of(l->s, l->len, off, &ms);
    int rc = QC_OK;
    size_t i = 0;
    for (const cJSON *it = v->child; it; it = it->next, i++) {
        check_duplicate(l, v, it, ms.items[i].key, "aliases");
        if (!it->string[0]) {
            rc = lerror(l, ms.items[i].key, "aliases: a name must not be empty");
            break;
        }
        char path[256];
        snprintf(path, sizeof path, "aliases[\"%s\"]", it->string);
        rc = check_string_array(l, it, ms.items[i].value, path, "name", &names);
        if (rc != QC_OK)
            break;
        array_clear(&list);
        const char *ckey = fold_key(&c->arena, it->string);
        size_t k = 0;
        for (const cJSON *n = it->child; n; n = n->next, k++) {
            /* A name already claimed by another entity: warn; lookups take
             * the later entry. */
            const char *key = fold_key(&c->arena, n->valuestring);
            for (size_t e = 0; e < c->naliases; e++) {
                const qc_config_alias *a = &c->aliases[e];
                if (!strcmp(a->canonical_key, ckey))
                    continue;
                bool clash = !strcmp(a->canonical_key, key);
                for (size_t m = 0; m < a->nnames && !clash; m++)
                    clash = !strcmp(a->keys[m], key);
                if (clash) {
                    lwarn(l, names.items[k].value,
                          "%s[%zu]: '%s' is also a name of '%s'; this later entry wins", path, k,
                          n->valuestring, a->canonical);
                    break;
                }
            }
            array_push(&list, n->valuestring);
        }
        set_alias(c, it->string, list.items, list.len);
    }
    array_free(&list);
    array_free(&names);
    array_free(&ms);
    return rc;
}

static void list_codes(qc_strbuf *b)
{
    for (int k = 0; k < QC_CODE_COUNT; k++)
        qc_strbuf_printf(b, "%s%s", k ? ", " : "", qc_code_name((qc_code)k));
}

static int load_severity(loader *l, const cJSON *v, size_t off)
{
    if (!cJSON_IsObject(v))
        return lerror(l, off, "severity: expected an object of codes and severities, found %s",
                      type_name(v));
    jmembers ms = ARRAY_INIT;
    jmembers_of(l->s, l->len, off, &ms);
    int rc = QC_OK;
    size_t i = 0;
    for (const cJSON *it = v->child; it; it = it->next, i++) {
        check_duplicate(l, v, it, ms.items[i].key, "severity");
        int code = qc_code_parse(it->string);
        if (code < 0) {
            qc_strbuf b = QC_STRBUF_INIT;
            list_codes(&b);
            rc = lerror(l, ms.items[i].key, "severity: unknown code '%s' (valid: %s)", it->string,
                        qc_strbuf_cstr(&b));
            qc_strbuf_free(&b);
            break;
        }
        int sev = cJSON_IsString(it) ? qc_severity_parse(it->valuestring) : -1;
        if (sev < 0) {
            if (cJSON_IsString(it))
                rc = lerror(l, ms.items[i].value,
                            "severity.%s: unknown severity '%s' (valid: error, warning, info, hint, off)",
                            it->string, it->valuestring);
            else
                rc = lerror(l, ms.items[i].value,
                            "severity.%s: expected a string (error, warning, info, hint, off), found %s",
                            it->string, type_name(it));
            break;
        }
        l->cfg->severity[code] = (qc_severity)sev;
        l->cfg->severity_set[code] = true;
    }
    array_free(&ms);
    return rc;
}

static int load_root(loader *l, const cJSON *root, size_t off)
{
    if (!cJSON_IsObject(root))
        return lerror(l, off, "expected the config to be a JSON object, found %s", type_name(root));
    jmembers ms = ARRAY_INIT;
    jmembers_of(l->s, l->len, off, &ms);
    int rc = QC_OK;
    size_t i = 0;
    for (const cJSON *it = root->child; it && rc == QC_OK; it = it->next, i++) {
        size_t koff = ms.items[i].key, voff = ms.items[i].value;
        check_duplicate(l, root, it, koff, "");
        const char *k = it->string;
        if (!strcmp(k, "sources"))
            rc = load_sources(l, it, voff);
        else if (!strcmp(k, "credibility"))
            rc = load_credibility(l, it, voff);
        else if (!strcmp(k, "aliases"))
            rc = load_aliases(l, it, voff);
        else if (!strcmp(k, "severity"))
            rc = load_severity(l, it, voff);
        else if (!strcmp(k, "ignore"))
            rc = load_ignore(l, it, voff);
        else if (!strcmp(k, "cache")) {
            if (!cJSON_IsString(it) || !it->valuestring[0]) {
                rc = lerror(l, voff, "cache: expected a folder (a non-empty string), found %s",
                            cJSON_IsString(it) ? "an empty string" : type_name(it));
            } else {
                char *p = path_join(l->cfg->dir, it->valuestring);
                l->cfg->cache = qc_arena_strdup(&l->cfg->arena, p);
                free(p);
            }
        } else if (strcmp(k, "$schema") != 0)
            lwarn(l, koff,
                  "unknown key '%s' (ignored; known: sources, credibility, aliases, severity, ignore, cache)",
                  k);
    }
    array_free(&ms);
    return rc;
}

int qc_config_load_json(const char *name, const char *json, size_t len, const char *base_dir,
                        qc_config **out)
{
    *out = NULL;
    if (!name)
        name = "settings";
    int rc = qc_text_check(name, json, len);
    if (rc != QC_OK)
        return rc;
    loader l = { NULL, name, json, len };
    size_t start = 0;
    if (len >= 3 && !memcmp(json, "\xEF\xBB\xBF", 3))   /* byte-order mark */
        start = 3;

    jscan j = { json, len, start, 0, 0, NULL, false };
    if (jskip_ws(json, len, start) >= len)
        return lerror(&l, len, "empty config, expected a JSON object");
    if (jvalue(&j)) {
        j.i = jskip_ws(json, len, j.i);
        if (j.i < len)
            jfail(&j, j.i, "unexpected text after the end of the JSON value", true);
    }
    if (j.err) {
        if (!j.err_near)
            return lerror(&l, j.err_at, "%s", j.err);
        size_t n = 0, end = j.err_at;
        while (end < len && n < 16 && json[end] != '\n' && json[end] != '\r') {
            size_t cl;
            qc_utf8_decode(json + end, len - end, &cl);
            end += cl;
            n++;
        }
        return lerror(&l, j.err_at, "%s near '%.*s'", j.err, (int)(end - j.err_at), json + j.err_at);
    }

    char *copy = qc_strndup(json + start, len - start);
    const char *endp = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(copy, len - start + 1, &endp, 1);
    if (!root) {   /* the scanner accepted it; should not happen */
        size_t at = start + (endp && endp >= copy ? (size_t)(endp - copy) : 0);
        free(copy);
        return lerror(&l, at, "invalid JSON near '%.*s'", (int)(len - at < 16 ? len - at : 16), json + at);
    }
    free(copy);

    char *dir = base_dir ? path_abs(base_dir) : path_cwd();
    l.cfg = config_new(name, dir);
    free(dir);
    l.name = l.cfg->path;
    rc = load_root(&l, root, jskip_ws(json, len, start));
    cJSON_Delete(root);
    if (rc != QC_OK) {
        qc_config_free(l.cfg);
        return rc;
    }
    *out = l.cfg;
    return QC_OK;
}

int qc_config_load_file(const char *path, qc_config **out)
{
    *out = NULL;
    char *data;
    size_t len;
    int rc = qc_file_read(path, QC_CONFIG_MAX_SIZE, &data, &len);
    if (rc != QC_OK)
        return rc;
    char real[PATH_MAX];
    char *dir = realpath(path, real) ? qc_strdup(real) : path_abs(path);
    path_dirname(dir);
    rc = qc_config_load_json(path, data, len, dir, out);
    free(dir);
    free(data);
    return rc;
}

/* ------------------------------------------------------------------------
 * Merge and checks
 * ---------------------------------------------------------------------- */

void qc_config_merge(qc_config *dst, const qc_config *src)
{
    qc_arena *a = &dst->arena;
    if (src->has_sources) {
        dst->nsources = 0;
        dst->has_sources = true;
        for (size_t i = 0; i < src->nsources; i++) {
            qc_config_source s = src->sources[i];
            s.path = qc_arena_strdup(a, s.path);
            s.spec = qc_arena_strdup(a, s.spec);
            s.loc.file = s.loc.file ? qc_arena_strdup(a, s.loc.file) : NULL;
            PUSH(dst->sources, dst->nsources, s);
        }
    }
    for (size_t i = 0; i < src->noutlets; i++)
        set_credibility(dst, &dst->outlets, &dst->noutlets, src->outlets[i].name, src->outlets[i].value);
    for (size_t i = 0; i < src->nkinds; i++)
        set_credibility(dst, &dst->kinds, &dst->nkinds, src->kinds[i].name, src->kinds[i].value);
    for (size_t i = 0; i < src->naliases; i++)
        set_alias(dst, src->aliases[i].canonical, src->aliases[i].names, src->aliases[i].nnames);
    for (int k = 0; k < QC_CODE_COUNT; k++)
        if (src->severity_set[k]) {
            dst->severity[k] = src->severity[k];
            dst->severity_set[k] = true;
        }
    if (src->has_ignore) {
        dst->nignore = 0;
        dst->has_ignore = true;
        for (size_t i = 0; i < src->nignore; i++) {
            qc_config_ignore g = { qc_arena_strdup(a, src->ignore[i].pattern),
                                   qc_arena_strdup(a, src->ignore[i].base) };
            PUSH(dst->ignore, dst->nignore, g);
        }
    }
    if (src->cache)
        dst->cache = qc_arena_strdup(a, src->cache);
    for (size_t i = 0; i < src->nwarnings; i++)
        add_warning(dst, &src->warnings[i].loc, src->warnings[i].message);
}

int qc_config_check_sources(const qc_config *self)
{
    for (size_t i = 0; i < self->nsources; i++) {
        const qc_config_source *s = &self->sources[i];
        struct stat st;
        const char *problem = NULL;
        if (stat(s->path, &st) != 0)
            problem = errno == ENOENT || errno == ENOTDIR ? "does not exist" : strerror(errno);
        else if (!S_ISDIR(st.st_mode))
            problem = "is not a folder";
        if (problem) {
            qc_error_set("%s:%zu:%zu: sources[%zu]: folder '%s' %s", s->loc.file ? s->loc.file : "settings",
                         s->loc.line, s->loc.column, s->index, s->path, problem);
            return QC_ENOTFOUND;
        }
    }
    return QC_OK;
}

qc_severity qc_config_severity(const qc_config *self, qc_code code)
{
    if ((int)code < 0 || (int)code >= QC_CODE_COUNT)
        return QC_SEV_OFF;
    return self ? self->severity[code] : qc_code_default_severity(code);
}

/* ------------------------------------------------------------------------
 * Ignore globs
 * ---------------------------------------------------------------------- */

typedef Array(char *) segs;

/* Split s (modified in place) at '/' into non-empty segments. */
static void split_segs(char *s, segs *out)
{
    array_clear(out);
    char *save = NULL;
    for (char *p = strtok_r(s, "/", &save); p; p = strtok_r(NULL, "/", &save))
        array_push(out, p);
}

static bool glob_segs(char **pat, size_t np, char **path, size_t ns)
{
    if (np == 0)
        return ns == 0;
    if (!strcmp(pat[0], "**")) {
        for (size_t k = 0; k <= ns; k++)
            if (glob_segs(pat + 1, np - 1, path + k, ns - k))
                return true;
        return false;
    }
    if (ns == 0 || fnmatch(pat[0], path[0], 0) != 0)
        return false;
    return glob_segs(pat + 1, np - 1, path + 1, ns - 1);
}

static bool ignore_match(const qc_config_ignore *g, const char *abs)
{
    size_t bl = strlen(g->base);
    const char *rel;
    if (!strcmp(g->base, "/"))
        rel = abs + 1;
    else if (!strncmp(abs, g->base, bl) && abs[bl] == '/')
        rel = abs + bl + 1;
    else
        return false;
    if (!*rel)
        return false;

    const char *pattern = g->pattern;
    bool anchored = pattern[0] == '/';
    size_t plen = strlen(pattern);
    while (plen > 0 && pattern[plen - 1] == '/')
        plen--;
    if (memchr(pattern, '/', plen))
        anchored = true;

    char *pbuf = qc_strndup(pattern, plen), *rbuf = qc_strdup(rel);
    segs ps = ARRAY_INIT, rs = ARRAY_INIT;
    split_segs(pbuf, &ps);
    split_segs(rbuf, &rs);
    bool hit = false;
    if (ps.len == 0) {
        hit = false;
    } else if (!anchored) {
        for (size_t i = 0; i < rs.len && !hit; i++)
            hit = fnmatch(ps.items[0], rs.items[i], 0) == 0;
    } else {
        /* The path itself or any folder above it (within the base). */
        for (size_t k = 1; k <= rs.len && !hit; k++)
            hit = glob_segs(ps.items, ps.len, rs.items, k);
    }
    array_free(&ps);
    array_free(&rs);
    free(pbuf);
    free(rbuf);
    return hit;
}

bool qc_config_ignored(const qc_config *self, const char *path)
{
    if (!self || self->nignore == 0)
        return false;
    char *abs = path_abs(path);
    bool hit = false;
    for (size_t i = 0; i < self->nignore && !hit; i++)
        hit = ignore_match(&self->ignore[i], abs);
    free(abs);
    return hit;
}

/* ------------------------------------------------------------------------
 * Lookups
 * ---------------------------------------------------------------------- */

static bool cred_lookup(const qc_config_credibility *tab, size_t n, const char *name, double *out)
{
    if (!n || !name)
        return false;
    char *key = fold_dup(name);
    bool found = false;
    for (size_t i = 0; i < n && !found; i++)
        if (!strcmp(tab[i].key, key)) {
            *out = tab[i].value;
            found = true;
        }
    free(key);
    return found;
}

bool qc_config_outlet_credibility(const qc_config *self, const char *outlet, double *out)
{
    return self && cred_lookup(self->outlets, self->noutlets, outlet, out);
}

bool qc_config_kind_credibility(const qc_config *self, const char *kind, double *out)
{
    return self && cred_lookup(self->kinds, self->nkinds, kind, out);
}

/* The alias entry for a folded key; later entries win. */
static const qc_config_alias *alias_find(const qc_config *self, const char *key)
{
    for (size_t i = self->naliases; i-- > 0;) {
        const qc_config_alias *a = &self->aliases[i];
        if (!strcmp(a->canonical_key, key))
            return a;
        for (size_t k = 0; k < a->nnames; k++)
            if (!strcmp(a->keys[k], key))
                return a;
    }
    return NULL;
}

const char *qc_config_alias_canonical(const qc_config *self, const char *name)
{
    if (!self || !name || !self->naliases)
        return NULL;
    char *key = fold_dup(name);
    const qc_config_alias *a = alias_find(self, key);
    free(key);
    return a ? a->canonical : NULL;
}

bool qc_config_same_speaker(const qc_config *self, const char *a, const char *b)
{
    if (!a || !b)
        return false;
    char *ka = fold_dup(a), *kb = fold_dup(b);
    bool same = !strcmp(ka, kb);
    if (!same && self && self->naliases) {
        const qc_config_alias *ea = alias_find(self, ka);
        same = ea && ea == alias_find(self, kb);
    }
    free(ka);
    free(kb);
    return same;
}
