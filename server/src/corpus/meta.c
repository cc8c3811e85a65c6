/*
 * corpus/meta.c — an article's metadata: YAML front matter, detection
 * from the text (byline, dateline, copyright line, blog boilerplate), the
 * table of known outlets and their kinds, dates, and the credibility
 * defaults documented in corpus.h.
 *
 * Every string put into a qc_corpus_meta is qc_malloc'd and belongs to the
 * meta; qc_corpus_meta_free releases them.
 */
#include "corpus/corpus_internal.h"
#include "util/alloc.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- kinds and credibility ------------------------------------------------ */

static const char *const qc_kind_names[QC_KIND_COUNT] = {
    "unknown", "wire", "newspaper", "state", "official", "blog",
};
static const double qc_kind_cred[QC_KIND_COUNT] = { 0.4, 0.9, 0.8, 0.5, 0.8, 0.3 };

const char *qc_outlet_kind_name(qc_outlet_kind kind)
{
    return (unsigned)kind < QC_KIND_COUNT ? qc_kind_names[kind] : "unknown";
}

int qc_outlet_kind_parse(const char *name)
{
    static const struct { const char *s; qc_outlet_kind k; } syn[] = {
        { "unknown", QC_KIND_UNKNOWN }, { "wire", QC_KIND_WIRE }, { "wire-service", QC_KIND_WIRE },
        { "agency", QC_KIND_WIRE }, { "news-agency", QC_KIND_WIRE },
        { "newspaper", QC_KIND_NEWSPAPER }, { "news", QC_KIND_NEWSPAPER },
        { "broadcaster", QC_KIND_NEWSPAPER }, { "magazine", QC_KIND_NEWSPAPER },
        { "state", QC_KIND_STATE }, { "state-media", QC_KIND_STATE },
        { "state-affiliated", QC_KIND_STATE }, { "state_media", QC_KIND_STATE },
        { "official", QC_KIND_OFFICIAL }, { "statement", QC_KIND_OFFICIAL },
        { "press-release", QC_KIND_OFFICIAL }, { "press_release", QC_KIND_OFFICIAL },
        { "government", QC_KIND_OFFICIAL }, { "blog", QC_KIND_BLOG },
    };
    if (!name)
        return -1;
    for (size_t i = 0; i < sizeof syn / sizeof *syn; i++)
        if (!strcasecmp(name, syn[i].s))
            return (int)syn[i].k;
    return -1;
}

double qc_outlet_kind_credibility(qc_outlet_kind kind)
{
    return (unsigned)kind < QC_KIND_COUNT ? qc_kind_cred[kind] : qc_kind_cred[0];
}

const char *qc_credibility_label(double c)
{
    return c >= 0.75 ? "high" : c >= 0.5 ? "medium" : "low";
}

/* ---- known outlets ----------------------------------------------------------- */

typedef struct qc_known_outlet {
    const char *alias;      /* lower case, no leading "the" */
    const char *canonical;
    qc_outlet_kind kind;
} qc_known_outlet;

static const qc_known_outlet qc_known[] = {
    { "reuters", "Reuters", QC_KIND_WIRE },
    { "thomson reuters", "Reuters", QC_KIND_WIRE },
    { "associated press", "Associated Press", QC_KIND_WIRE },
    { "ap", "Associated Press", QC_KIND_WIRE },
    { "agence france-presse", "AFP", QC_KIND_WIRE },
    { "agence france presse", "AFP", QC_KIND_WIRE },
    { "afp", "AFP", QC_KIND_WIRE },
    { "bloomberg", "Bloomberg", QC_KIND_WIRE },
    { "bloomberg news", "Bloomberg", QC_KIND_WIRE },
    { "dpa", "dpa", QC_KIND_WIRE },
    { "upi", "UPI", QC_KIND_WIRE },
    { "united press international", "UPI", QC_KIND_WIRE },
    { "efe", "EFE", QC_KIND_WIRE },
    { "ansa", "ANSA", QC_KIND_WIRE },
    { "kyodo", "Kyodo News", QC_KIND_WIRE },
    { "kyodo news", "Kyodo News", QC_KIND_WIRE },
    { "pa media", "PA Media", QC_KIND_WIRE },
    { "press association", "PA Media", QC_KIND_WIRE },
    { "new york times", "The New York Times", QC_KIND_NEWSPAPER },
    { "nyt", "The New York Times", QC_KIND_NEWSPAPER },
    { "new york times news service", "New York Times News Service", QC_KIND_NEWSPAPER },
    { "washington post", "The Washington Post", QC_KIND_NEWSPAPER },
    { "wall street journal", "The Wall Street Journal", QC_KIND_NEWSPAPER },
    { "guardian", "The Guardian", QC_KIND_NEWSPAPER },
    { "observer", "The Observer", QC_KIND_NEWSPAPER },
    { "jerusalem post", "The Jerusalem Post", QC_KIND_NEWSPAPER },
    { "times of israel", "The Times of Israel", QC_KIND_NEWSPAPER },
    { "haaretz", "Haaretz", QC_KIND_NEWSPAPER },
    { "los angeles times", "Los Angeles Times", QC_KIND_NEWSPAPER },
    { "financial times", "Financial Times", QC_KIND_NEWSPAPER },
    { "times", "The Times", QC_KIND_NEWSPAPER },
    { "telegraph", "The Telegraph", QC_KIND_NEWSPAPER },
    { "independent", "The Independent", QC_KIND_NEWSPAPER },
    { "le monde", "Le Monde", QC_KIND_NEWSPAPER },
    { "der spiegel", "Der Spiegel", QC_KIND_NEWSPAPER },
    { "usa today", "USA Today", QC_KIND_NEWSPAPER },
    { "politico", "Politico", QC_KIND_NEWSPAPER },
    { "bbc", "BBC", QC_KIND_NEWSPAPER },
    { "bbc news", "BBC", QC_KIND_NEWSPAPER },
    { "cnn", "CNN", QC_KIND_NEWSPAPER },
    { "npr", "NPR", QC_KIND_NEWSPAPER },
    { "fox news", "Fox News", QC_KIND_NEWSPAPER },
    { "nbc news", "NBC News", QC_KIND_NEWSPAPER },
    { "cbs news", "CBS News", QC_KIND_NEWSPAPER },
    { "abc news", "ABC News", QC_KIND_NEWSPAPER },
    { "wikinews", "Wikinews", QC_KIND_NEWSPAPER },
    { "tass", "TASS", QC_KIND_STATE },
    { "itar-tass", "TASS", QC_KIND_STATE },
    { "ria novosti", "RIA Novosti", QC_KIND_STATE },
    { "rt", "RT", QC_KIND_STATE },
    { "russia today", "RT", QC_KIND_STATE },
    { "sputnik", "Sputnik", QC_KIND_STATE },
    { "xinhua", "Xinhua", QC_KIND_STATE },
    { "xinhua news agency", "Xinhua", QC_KIND_STATE },
    { "cgtn", "CGTN", QC_KIND_STATE },
    { "china daily", "China Daily", QC_KIND_STATE },
    { "global times", "Global Times", QC_KIND_STATE },
    { "people's daily", "People's Daily", QC_KIND_STATE },
    { "irna", "IRNA", QC_KIND_STATE },
    { "islamic republic news agency", "IRNA", QC_KIND_STATE },
    { "press tv", "Press TV", QC_KIND_STATE },
    { "presstv", "Press TV", QC_KIND_STATE },
    { "fars", "Fars News Agency", QC_KIND_STATE },
    { "fars news agency", "Fars News Agency", QC_KIND_STATE },
    { "tasnim", "Tasnim News Agency", QC_KIND_STATE },
    { "tasnim news agency", "Tasnim News Agency", QC_KIND_STATE },
    { "mehr news agency", "Mehr News Agency", QC_KIND_STATE },
    { "kcna", "KCNA", QC_KIND_STATE },
    { "korean central news agency", "KCNA", QC_KIND_STATE },
    { "sana", "SANA", QC_KIND_STATE },
    { "anadolu agency", "Anadolu Agency", QC_KIND_STATE },
    { "white house", "The White House", QC_KIND_OFFICIAL },
    { "pentagon", "U.S. Department of Defense", QC_KIND_OFFICIAL },
    { "department of defense", "U.S. Department of Defense", QC_KIND_OFFICIAL },
    { "state department", "U.S. Department of State", QC_KIND_OFFICIAL },
    { "department of state", "U.S. Department of State", QC_KIND_OFFICIAL },
};

/* Lower-case, drop a leading "the ", trailing punctuation and spaces. */
static void qc_outlet_key(const char *name, char *out, size_t cap)
{
    while (*name == ' ' || *name == '\t')
        name++;
    if (!strncasecmp(name, "the ", 4))
        name += 4;
    size_t n = 0;
    for (; *name && n + 1 < cap; name++)
        out[n++] = (char)tolower((unsigned char)*name);
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '.' || out[n - 1] == ',' ||
                     out[n - 1] == ':' || out[n - 1] == '/'))
        n--;
    out[n] = '\0';
}

static int qc_contains_word(const char *hay, const char *needle)
{
    size_t nl = strlen(needle);
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++) {
        int left = p == hay || !isalnum((unsigned char)p[-1]);
        int right = !isalnum((unsigned char)p[nl]);
        if (left && right)
            return 1;
    }
    return 0;
}

qc_outlet_kind qc_corpus_outlet_lookup(const char *name, const qc_corpus_outlet *extra,
                                       size_t nextra, const char **canonical)
{
    char key[160];
    if (canonical)
        *canonical = NULL;
    if (!name || !*name)
        return QC_KIND_UNKNOWN;
    qc_outlet_key(name, key, sizeof key);
    for (size_t i = 0; i < nextra; i++) {
        char k2[160];
        qc_outlet_key(extra[i].name, k2, sizeof k2);
        if (!strcmp(key, k2)) {
            if (canonical)
                *canonical = extra[i].name;
            return extra[i].kind;
        }
    }
    for (size_t i = 0; i < sizeof qc_known / sizeof *qc_known; i++)
        if (!strcmp(key, qc_known[i].alias)) {
            if (canonical)
                *canonical = qc_known[i].canonical;
            return qc_known[i].kind;
        }
    /* official bodies by shape */
    size_t kl = strlen(key);
    if ((kl > 4 && !strcmp(key + kl - 4, ".gov")) || strstr(key, ".gov/") || strstr(key, ".gov.") ||
        qc_contains_word(key, "department of") || qc_contains_word(key, "ministry") ||
        qc_contains_word(key, "office of") || qc_contains_word(key, "embassy") ||
        qc_contains_word(key, "government of") || qc_contains_word(key, "press release") ||
        qc_contains_word(key, "white house") || qc_contains_word(key, "pentagon"))
        return QC_KIND_OFFICIAL;
    /* a known outlet named inside a longer name ("Reuters staff") */
    static const char *const paper_words[] = {
        "post", "times", "herald", "courier", "tribune", "gazette", "journal", "daily",
        "chronicle", "observer", "telegraph", "standard", "mail", "mirror", "examiner",
        "dispatch", "inquirer", "globe", "register", "bulletin", "express", "gazeta",
        "zeitung", "newspaper", NULL,
    };
    for (size_t i = 0; i < sizeof qc_known / sizeof *qc_known; i++)
        if (strlen(qc_known[i].alias) >= 4 && qc_contains_word(key, qc_known[i].alias)) {
            if (canonical)
                *canonical = qc_known[i].canonical;
            return qc_known[i].kind;
        }
    /* a newspaper by the shape of its name ("Northern Post"); a blog */
    if (qc_contains_word(key, "blog"))
        return QC_KIND_BLOG;
    if (!qc_contains_word(key, "agency"))
        for (size_t i = 0; paper_words[i]; i++)
            if (qc_contains_word(key, paper_words[i]))
                return QC_KIND_NEWSPAPER;
    return QC_KIND_UNKNOWN;
}

/* ---- dates --------------------------------------------------------------------- */

static const char *const qc_months[12] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

static int qc_month_of(const char *w, size_t n)
{
    if (n < 3)
        return 0;
    for (int m = 0; m < 12; m++)
        if (!strncasecmp(w, qc_months[m], 3)) {
            static const char *const full[12] = {
                "january", "february", "march", "april", "may", "june", "july",
                "august", "september", "october", "november", "december",
            };
            if (n == 3 || (n == 4 && m == 8 && !strncasecmp(w, "sept", 4)) ||
                (n == strlen(full[m]) && !strncasecmp(w, full[m], n)))
                return m + 1;
        }
    return 0;
}

char *qc_corpus_date_normalize(const char *s)
{
    if (!s)
        return NULL;
    while (*s == ' ' || *s == '"' || *s == '\'')
        s++;
    int y = 0, m = 0, d = 0;
    if (isdigit((unsigned char)s[0]) && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 && y > 999 &&
        m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        char buf[32];
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        return qc_strdup(buf);
    }
    /* words: "January 8, 2020", "8 January 2020", "Jan. 8", "Wednesday, January 8" */
    const char *p = s;
    y = m = d = 0;
    for (int words = 0; *p && words < 8; words++) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        const char *w = p;
        while (isalnum((unsigned char)*p))
            p++;
        size_t n = (size_t)(p - w);
        if (!n)
            break;
        if (isdigit((unsigned char)w[0])) {
            int v = atoi(w);
            if (n == 4 && v > 999)
                y = v;
            else if (n <= 2 && v >= 1 && v <= 31 && !d)
                d = v;
            else if (n <= 4 && v >= 1 && v <= 31 && !d && !isdigit((unsigned char)w[n - 1]))
                d = v;   /* "8th" */
            else
                break;
        } else if (!m && qc_month_of(w, n)) {
            m = qc_month_of(w, n);
        }
    }
    if (m && d) {
        char buf[32];
        if (y)
            snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        else
            snprintf(buf, sizeof buf, "--%02d-%02d", m, d);
        return qc_strdup(buf);
    }
    return NULL;
}

/* ---- helpers ------------------------------------------------------------------- */

void qc_corpus_meta_free(qc_corpus_meta *self)
{
    if (!self)
        return;
    free(self->outlet);
    free(self->date);
    free(self->byline);
    free(self->url);
    free(self->dateline);
    memset(self, 0, sizeof *self);
}

void qc_corpus_meta_merge(qc_corpus_meta *dst, const qc_corpus_meta *src)
{
    if (!dst->outlet && src->outlet) {
        dst->outlet = qc_strdup(src->outlet);
        dst->source = src->source;
    }
    if (!dst->date && src->date)
        dst->date = qc_strdup(src->date);
    if (!dst->byline && src->byline)
        dst->byline = qc_strdup(src->byline);
    if (!dst->url && src->url)
        dst->url = qc_strdup(src->url);
    if (!dst->dateline && src->dateline)
        dst->dateline = qc_strdup(src->dateline);
    if (dst->kind == QC_KIND_COUNT && src->kind != QC_KIND_COUNT)
        dst->kind = src->kind;
    if (!dst->has_credibility && src->has_credibility) {
        dst->has_credibility = true;
        dst->credibility = src->credibility;
    }
    dst->via_blog = dst->via_blog || src->via_blog;
}

static char *qc_trim_dup(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '\r'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    if (n >= 2 && ((s[0] == '"' && s[n - 1] == '"') || (s[0] == '\'' && s[n - 1] == '\'')))
        s++, n -= 2;
    return n ? qc_strndup(s, n) : NULL;
}

/* "TZVI JOFFRE" -> "Tzvi Joffre"; mixed case is kept. */
static char *qc_title_case(char *s)
{
    int lower = 0;
    for (char *p = s; *p; p++)
        if (islower((unsigned char)*p))
            lower = 1;
    if (lower)
        return s;
    int start = 1;
    for (char *p = s; *p; p++) {
        if (isalpha((unsigned char)*p)) {
            *p = start ? *p : (char)tolower((unsigned char)*p);
            start = 0;
        } else {
            start = *p != '\'';
        }
    }
    return s;
}

/* ---- front matter --------------------------------------------------------------- */

size_t qc_corpus_front_matter(const char *data, size_t len, qc_corpus_meta *out)
{
    memset(out, 0, sizeof *out);
    out->kind = QC_KIND_COUNT;
    size_t i = 0;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        i = 3;
    if (len - i < 4 || memcmp(data + i, "---", 3) || (data[i + 3] != '\n' && data[i + 3] != '\r'))
        return 0;
    i += 3;
    while (i < len && data[i] != '\n')
        i++;
    i++;
    while (i < len) {
        const char *line = data + i;
        const char *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i;
        size_t next = i + n + (nl ? 1 : 0);
        size_t tn = n;
        while (tn && (line[tn - 1] == '\r' || line[tn - 1] == ' '))
            tn--;
        if ((tn == 3 && !memcmp(line, "---", 3)) || (tn == 3 && !memcmp(line, "...", 3))) {
            out->source = out->outlet ? "front-matter" : NULL;
            return next;
        }
        const char *colon = memchr(line, ':', tn);
        if (colon && line[0] != ' ' && line[0] != '#') {
            char key[32];
            size_t kl = (size_t)(colon - line);
            while (kl && line[kl - 1] == ' ')
                kl--;
            if (kl < sizeof key) {
                for (size_t k = 0; k < kl; k++)
                    key[k] = (char)tolower((unsigned char)line[k]);
                key[kl] = '\0';
                char *val = qc_trim_dup(colon + 1, tn - (size_t)(colon + 1 - line));
                char **slot = NULL;
                if (!strcmp(key, "outlet") || !strcmp(key, "source") || !strcmp(key, "publisher") ||
                    !strcmp(key, "publication"))
                    slot = &out->outlet;
                else if (!strcmp(key, "date") || !strcmp(key, "published") ||
                         !strcmp(key, "pubdate") || !strcmp(key, "published_at"))
                    slot = &out->date;
                else if (!strcmp(key, "byline") || !strcmp(key, "author") || !strcmp(key, "authors"))
                    slot = &out->byline;
                else if (!strcmp(key, "url") || !strcmp(key, "link") || !strcmp(key, "canonical_url"))
                    slot = &out->url;
                if (slot && val && !*slot) {
                    if (slot == &out->date) {
                        char *iso = qc_corpus_date_normalize(val);
                        if (iso) {
                            free(val);
                            val = iso;
                        }
                    }
                    *slot = val;
                    val = NULL;
                } else if ((!strcmp(key, "kind") || !strcmp(key, "type")) && val) {
                    int k = qc_outlet_kind_parse(val);
                    if (k >= 0)
                        out->kind = (qc_outlet_kind)k;
                } else if (!strcmp(key, "credibility") && val) {
                    char *end;
                    double c = strtod(val, &end);
                    if (end != val && c >= 0 && c <= 1) {
                        out->has_credibility = true;
                        out->credibility = c;
                    }
                }
                free(val);
            }
        }
        i = next;
    }
    /* no closing line: not front matter */
    qc_corpus_meta_free(out);
    out->kind = QC_KIND_COUNT;
    return 0;
}

/* ---- detection from the text --------------------------------------------------- */

typedef struct qc_line {
    const char *s;
    size_t n;
} qc_line;

static qc_line qc_trim_line(const char *s, size_t n)
{
    for (;;) {
        if (n && (*s == ' ' || *s == '\t' || *s == '\r')) {
            s++, n--;
        } else if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
            s += 2, n -= 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) {
            n--;
        } else if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0) {
            n -= 2;
        } else {
            break;
        }
    }
    return (qc_line){ s, n };
}

static int qc_line_is(qc_line l, const char *what)
{
    size_t wn = strlen(what);
    return l.n == wn && !strncasecmp(l.s, what, wn);
}

static int qc_line_starts(qc_line l, const char *what)
{
    size_t wn = strlen(what);
    return l.n >= wn && !strncasecmp(l.s, what, wn);
}

/* Set the outlet (canonical spelling when known) and kind from a name. */
static void qc_set_outlet(qc_corpus_meta *m, const char *s, size_t n, const char *source,
                          const qc_corpus_outlet *extra, size_t nextra)
{
    char *name = qc_trim_dup(s, n);
    if (!name)
        return;
    size_t k = strlen(name);
    while (k && (name[k - 1] == '.' || name[k - 1] == ',' || name[k - 1] == ' '))
        name[--k] = '\0';
    if (!k || k > 80) {
        free(name);
        return;
    }
    const char *canon = NULL;
    qc_outlet_kind kind = qc_corpus_outlet_lookup(name, extra, nextra, &canon);
    m->outlet = canon ? qc_strdup(canon) : qc_title_case(name);
    if (canon)
        free(name);
    m->kind = kind;
    m->source = source;
}

static int qc_is_title_word(const char *w)
{
    static const char *const words[] = {
        "staff", "writer", "writers", "correspondent", "reporter", "editor", "contributor",
        "columnist", "bureau", "chief", "senior", "news", "desk", NULL,
    };
    for (size_t i = 0; words[i]; i++)
        if (!strcasecmp(w, words[i]))
            return 1;
    return 0;
}

/* "By NAME", "By NAME, OUTLET", "By NAME | OUTLET", "By NAME for OUTLET". */
static int qc_detect_byline(qc_line l, qc_corpus_meta *m, const qc_corpus_outlet *extra,
                            size_t nextra)
{
    if (l.n < 5 || l.n > 120 || strncasecmp(l.s, "by ", 3) || !isupper((unsigned char)l.s[3]))
        return 0;
    char buf[128];
    memcpy(buf, l.s + 3, l.n - 3);
    buf[l.n - 3] = '\0';
    char *sep = NULL;
    const char *seps[] = { " | ", ", ", " for ", " - ", " — ", NULL };
    for (size_t i = 0; seps[i] && !sep; i++)
        sep = strstr(buf, seps[i]);
    char *outlet = NULL;
    if (sep) {
        *sep = '\0';
        outlet = sep + 1;
        while (*outlet == ' ' || *outlet == '|' || *outlet == ',' || *outlet == '-' ||
               !strncmp(outlet, "for ", 4) || (unsigned char)*outlet == 0xE2) {
            if (!strncmp(outlet, "for ", 4))
                outlet += 4;
            else if ((unsigned char)*outlet == 0xE2)
                outlet += 3;
            else
                outlet++;
        }
    }
    /* the name: 1-6 capitalised words (and "and", "de", "van"…) */
    int words = 0;
    for (char *p = buf; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        char *w = p;
        while (*p && *p != ' ')
            p++;
        size_t wl = (size_t)(p - w);
        int cap = isupper((unsigned char)w[0]) || ((unsigned char)w[0] >= 0xC3);
        int joiner = (wl == 3 && !strncmp(w, "and", 3)) || (wl <= 3 && islower((unsigned char)w[0]));
        if (!cap && !joiner)
            return 0;
        words++;
    }
    if (words < 1 || words > 7)
        return 0;
    m->byline = qc_title_case(qc_trim_dup(buf, strlen(buf)));
    if (outlet && *outlet) {
        /* a job title ("Staff Writer") is not an outlet */
        char tmp[128];
        snprintf(tmp, sizeof tmp, "%s", outlet);
        int titles = 0, total = 0;
        for (char *tok = strtok(tmp, " "); tok; tok = strtok(NULL, " "), total++)
            titles += qc_is_title_word(tok);
        const char *canon = NULL;
        qc_outlet_kind k = qc_corpus_outlet_lookup(outlet, extra, nextra, &canon);
        if (canon || k != QC_KIND_UNKNOWN || (titles == 0 && total <= 5))
            qc_set_outlet(m, outlet, strlen(outlet), "byline", extra, nextra);
    }
    return 1;
}

static int qc_is_upper_run_char(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || c == ' ' || c == '.' || c == '-' || c == '\'';
}

/* Datelines: "WASHINGTON, January 8. /TASS/. …", "BAGHDAD — …",
 * "LONDON (Reuters) - …", "PARIS, Jan 8 (AFP) — …". The place may follow
 * other text run into it ("…threatsBAGHDAD — "). */
static int qc_detect_dateline(qc_line l, qc_corpus_meta *m, const qc_corpus_outlet *extra,
                              size_t nextra)
{
    size_t lim = l.n < 400 ? l.n : 400;
    for (size_t i = 0; i < lim; i++) {
        unsigned char c = (unsigned char)l.s[i];
        if (!(c >= 'A' && c <= 'Z'))
            continue;
        if (i > 0 && l.s[i - 1] >= 'A' && l.s[i - 1] <= 'Z')
            continue;
        /* at the line's start, or run into a caption ("…threatsBAGHDAD —") */
        if (i > 0 && !(l.s[i - 1] >= 'a' && l.s[i - 1] <= 'z'))
            continue;
        size_t j = i;
        size_t letters = 0;
        while (j < lim && qc_is_upper_run_char((unsigned char)l.s[j])) {
            if (l.s[j] >= 'A' && l.s[j] <= 'Z')
                letters++;
            j++;
        }
        /* the run must end on a letter (not on "U.S. " followed by words) */
        size_t pe = j;
        while (pe > i && (l.s[pe - 1] == ' ' || l.s[pe - 1] == '-'))
            pe--;
        if (letters < 3 || pe - i < 3)
            continue;
        /* no lower-case word inside the run's words */
        const char *rest = l.s + pe;
        size_t rn = l.n - pe;
        size_t k = 0;
        char date[64] = "";
        /* optional ", Month Day" or ", Month Day." */
        if (k < rn && rest[k] == ',') {
            size_t ds = k + 1;
            size_t de = ds;
            while (de < rn && de - ds < 40 && rest[de] != '.' && rest[de] != '(' &&
                   rest[de] != '/' && (unsigned char)rest[de] != 0xE2 && rest[de] != '-')
                de++;
            size_t dl = de - ds < sizeof date - 1 ? de - ds : sizeof date - 1;
            memcpy(date, rest + ds, dl);
            date[dl] = '\0';
            k = de;
            if (k < rn && rest[k] == '.')
                k++;
        }
        while (k < rn && rest[k] == ' ')
            k++;
        char outlet[64] = "";
        char close = 0;
        if (k < rn && (rest[k] == '/' || rest[k] == '(')) {
            close = rest[k] == '/' ? '/' : ')';
            size_t os = k + 1, oe = os;
            while (oe < rn && oe - os < 60 && rest[oe] != close)
                oe++;
            /* no closing mark within 60 bytes: not "/OUTLET/" (and taking
             * the 60 bytes could cut a character in two) */
            if (oe >= rn || oe == os || rest[oe] != close)
                continue;
            memcpy(outlet, rest + os, oe - os);
            outlet[oe - os] = '\0';
            k = oe + 1;
            if (k < rn && rest[k] == '.')
                k++;
            while (k < rn && rest[k] == ' ')
                k++;
        }
        int dash = 0;
        if (k < rn && rest[k] == '-' && (k + 1 >= rn || rest[k + 1] == ' ' || rest[k + 1] == '-'))
            dash = 1;
        else if (k + 2 < rn && (unsigned char)rest[k] == 0xE2 && (unsigned char)rest[k + 1] == 0x80 &&
                 ((unsigned char)rest[k + 2] == 0x94 || (unsigned char)rest[k + 2] == 0x93))
            dash = 1;
        /* accepted: a dash after the place (and outlet), or "/OUTLET/." */
        if (!dash && !(close == '/' && outlet[0]))
            continue;
        char *iso = date[0] ? qc_corpus_date_normalize(date) : NULL;
        if (date[0] && !iso && !outlet[0])
            continue;   /* "PLACE, something —" that is no date */
        m->dateline = qc_trim_dup(l.s + i, pe - i);
        if (iso)
            m->date = iso;
        if (outlet[0])
            qc_set_outlet(m, outlet, strlen(outlet), "dateline", extra, nextra);
        return 1;
    }
    return 0;
}

/* "©2019 New York Times News Service", "© 2020 Reuters", "Copyright 2020
 * The Associated Press. All rights reserved." */
static int qc_detect_copyright(qc_line l, qc_corpus_meta *m, const qc_corpus_outlet *extra,
                               size_t nextra, int *year)
{
    if (l.n > 160)
        return 0;
    size_t k;
    if (l.n >= 2 && (unsigned char)l.s[0] == 0xC2 && (unsigned char)l.s[1] == 0xA9)
        k = 2;
    else if (qc_line_starts(l, "(c)"))
        k = 3;
    else if (qc_line_starts(l, "copyright"))
        k = 9;
    else
        return 0;
    const char *s = l.s;
    size_t n = l.n;
    while (k < n && (s[k] == ' ' || s[k] == ':' ))
        k++;
    if (k + 1 < n && (unsigned char)s[k] == 0xC2 && (unsigned char)s[k + 1] == 0xA9) {
        k += 2;
        while (k < n && s[k] == ' ')
            k++;
    }
    if (k + 4 <= n && isdigit((unsigned char)s[k]) && isdigit((unsigned char)s[k + 3])) {
        *year = atoi(s + k);
        k += 4;
        while (k < n && (s[k] == '-' || isdigit((unsigned char)s[k])))
            k++;
    }
    while (k < n && (s[k] == ' ' || s[k] == ','))
        k++;
    if (k + 3 <= n && !strncasecmp(s + k, "by ", 3))
        k += 3;
    size_t e = k;
    while (e < n && s[e] != '.' && s[e] != '|' && s[e] != ';')
        e++;
    /* keep "News Service" etc.; stop at "All rights reserved" */
    if (e == k)
        return 0;
    qc_set_outlet(m, s + k, e - k, "copyright", extra, nextra);
    return m->outlet != NULL;
}

static int qc_is_blog_boilerplate(qc_line l)
{
    static const char *const exact[] = {
        "no comments:", "post a comment", "newer post", "older post", "leave a reply",
        "leave a comment", "subscribe to: post comments (atom)", "powered by blogger.",
        "powered by blogger", "powered by wordpress", "proudly powered by wordpress",
        "share this:", "like this:", NULL,
    };
    for (size_t i = 0; exact[i]; i++)
        if (qc_line_is(l, exact[i]))
            return 1;
    return (qc_line_starts(l, "posted by ") && l.n < 80) ||
           (qc_line_starts(l, "labels: ") && l.n < 120);
}

void qc_corpus_meta_detect(const char *data, size_t len, const qc_corpus_outlet *extra,
                           size_t nextra, qc_corpus_meta *out)
{
    memset(out, 0, sizeof *out);
    out->kind = QC_KIND_COUNT;
    qc_corpus_meta fm;
    size_t body = qc_corpus_front_matter(data, len, &fm);
    qc_corpus_meta_free(&fm);
    Array(qc_line) lines = ARRAY_INIT;
    for (size_t i = body; i < len;) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (data + i)) : len - i;
        qc_line l = qc_trim_line(data + i, n);
        if (l.n)
            array_push(&lines, l);
        i += n + 1;
    }
    qc_corpus_meta byline = { 0 }, dateline = { 0 }, copy = { 0 };
    byline.kind = dateline.kind = copy.kind = QC_KIND_COUNT;
    int year = 0, blog = 0;
    size_t head = lines.len < 6 ? lines.len : 6;
    for (size_t i = 0; i < head; i++)
        if (qc_detect_byline(lines.items[i], &byline, extra, nextra))
            break;
    for (size_t i = 0; i < (lines.len < 4 ? lines.len : 4); i++)
        if (qc_detect_dateline(lines.items[i], &dateline, extra, nextra))
            break;
    for (size_t i = lines.len; i-- > 0;) {
        if (lines.len - i <= 12 && qc_is_blog_boilerplate(lines.items[i]))
            blog = 1;
        if (!copy.outlet && (lines.len - i <= 12 || lines.items[i].n < 100))
            qc_detect_copyright(lines.items[i], &copy, extra, nextra, &year);
    }
    /* precedence: byline, dateline, copyright */
    qc_corpus_meta_merge(out, &byline);
    qc_corpus_meta_merge(out, &dateline);
    qc_corpus_meta_merge(out, &copy);
    if (!out->source)
        out->source = byline.source ? byline.source : dateline.source ? dateline.source : copy.source;
    if (out->date && out->date[0] == '-' && year) {
        /* a dateline's day with the copyright year is not reliable: keep --MM-DD */
    }
    if (!out->outlet) {
        /* An unsigned text with no outlet anywhere: a blog when it shows
         * blog boilerplate, or the non-breaking-space artefacts that web
         * editors leave at paragraph ends (2+ lines). */
        int artefacts = 0;
        for (size_t i = body; i + 1 < len; i++)
            if ((unsigned char)data[i] == 0xC2 && (unsigned char)data[i + 1] == 0xA0) {
                size_t j = i + 2;
                while (j < len && (data[j] == ' ' || data[j] == '\r'))
                    j++;
                if (j >= len || data[j] == '\n')
                    artefacts++;
            }
        if (blog) {
            out->kind = QC_KIND_BLOG;
            out->source = "boilerplate";
        } else if (artefacts >= 2) {
            out->kind = QC_KIND_BLOG;
            out->source = "web-artefacts";
        }
    } else if (blog && out->kind != QC_KIND_BLOG) {
        out->via_blog = true;
    }
    if (!out->source)
        out->source = "none";
    qc_corpus_meta_free(&byline);
    qc_corpus_meta_free(&dateline);
    qc_corpus_meta_free(&copy);
    array_free(&lines);
}
