/*
 * match/figures.c — comparing figures (issue 3, owned by the matching
 * engineer; see match_internal.h).
 *
 * Same thing. Two figures are about the same thing when
 *   - their kinds agree (a count with a count, a distance with a distance
 *     in any length unit, money in the same currency, a time in the same
 *     zone; dates are never compared: a date names which day, and texts
 *     name many days near the same words);
 *   - for counts and percentages, the counted nouns agree (head noun of
 *     `counts`, plural folded: "ballistic missiles" = "missiles"), or one
 *     side has none;
 *   - and the context agrees: the event words of the figure's own clause
 *     (died/killed/dead, missing, injured, rescued, flooded, fired/launched,
 *     aboard, arrested…) share a class; or, when neither clause has an
 *     event word, at least two content words of the sentence within 8
 *     words of the figure are shared (one when the counted nouns agree).
 * The figure's clause stops at the next or previous figure, at , ; : ( )
 * and at "and", "but", "while", "when", so in "14 people were killed and
 * 17 are still missing" the 17 is about the missing only.
 *
 * Compatible. Each figure is read as an interval of values: exact n is
 * [n, n]; "more than n" (n, max(1.5n, n+3)] (a "more than a dozen" is not
 * two dozen); "at least n" [n, max(1.5n, n+3)]; "about n" [0.85n, 1.15n];
 * "nearly n" [0.85n, n]; "up to n", "as many as n" [0.6n, n]; clock times
 * with a qualifier ±15 minutes; "less than
 * n" [0, n); a range [n, max]; a vague figure ("dozens", "hundreds",
 * "several") [n, 4n]. Lengths are compared in km. Two figures are
 * compatible when their intervals overlap (1% tolerance for unit
 * conversions).
 */
#include "match/match_internal.h"
#include "util/utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum {
    QC_EV_DEAD = 1u << 0,
    QC_EV_MISSING = 1u << 1,
    QC_EV_INJURED = 1u << 2,
    QC_EV_RESCUED = 1u << 3,
    QC_EV_DAMAGED = 1u << 4,
    QC_EV_FIRED = 1u << 5,
    QC_EV_ABOARD = 1u << 6,
    QC_EV_ARRESTED = 1u << 7,
    QC_EV_EVACUATED = 1u << 8,
};

static const struct {
    const char *word;
    unsigned cls;
} qc_events[] = {
    { "killed", QC_EV_DEAD }, { "dead", QC_EV_DEAD }, { "died", QC_EV_DEAD },
    { "die", QC_EV_DEAD }, { "death", QC_EV_DEAD }, { "deaths", QC_EV_DEAD },
    { "fatalities", QC_EV_DEAD }, { "lives", QC_EV_DEAD }, { "perished", QC_EV_DEAD },
    { "killing", QC_EV_DEAD }, { "kill", QC_EV_DEAD }, { "bodies", QC_EV_DEAD },
    { "toll", QC_EV_DEAD }, { "drowned", QC_EV_DEAD },
    { "missing", QC_EV_MISSING }, { "unaccounted", QC_EV_MISSING },
    { "injured", QC_EV_INJURED }, { "wounded", QC_EV_INJURED }, { "hurt", QC_EV_INJURED },
    { "injuries", QC_EV_INJURED }, { "injuring", QC_EV_INJURED }, { "wounding", QC_EV_INJURED },
    { "rescued", QC_EV_RESCUED }, { "safety", QC_EV_RESCUED }, { "saved", QC_EV_RESCUED },
    { "flooded", QC_EV_DAMAGED }, { "destroyed", QC_EV_DAMAGED }, { "damaged", QC_EV_DAMAGED },
    { "fired", QC_EV_FIRED }, { "launched", QC_EV_FIRED }, { "launch", QC_EV_FIRED },
    { "fire", QC_EV_FIRED }, { "firing", QC_EV_FIRED }, { "barrage", QC_EV_FIRED },
    { "aboard", QC_EV_ABOARD }, { "passengers", QC_EV_ABOARD }, { "onboard", QC_EV_ABOARD },
    { "arrested", QC_EV_ARRESTED }, { "detained", QC_EV_ARRESTED },
    { "evacuated", QC_EV_EVACUATED }, { "displaced", QC_EV_EVACUATED },
};

static const char *const qc_stop[] = {
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by",
    "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its",
    "their", "his", "her", "that", "this", "these", "those", "which", "who", "than", "more",
    "least", "about", "some", "nearly", "almost", "up", "still", "said", "says", "say", "told",
    "after", "before", "when", "while", "not", "no", "all", "they", "he", "she", "we", "i",
    "there", "so", "far", "also", "into", "over", "under", "around", "approximately", "only",
    "local", "time", "gmt", "utc", "est", "today", "yesterday", "tomorrow", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "morning", "night", "afternoon", "evening", "according", "per", "cent", "percent",
    "people", "would", "will", "can", "could", "new", "one", "other", "being", "did", "do",
    "them", "him", "us", "our", "you", "your", "me", "my",
};

static const char *const qc_clause_words[] = { "and", "but", "while", "when", "whereas",
                                               "although", "because", "which", "who" };

static bool qc_in_list(const char *w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(w, list[i]))
            return true;
    return false;
}

/* qc_stop as a sorted copy, searched by halves (it is asked about every
 * word around every figure of every candidate article) */
static const char *qc_stop_sorted[sizeof qc_stop / sizeof *qc_stop];
static pthread_once_t qc_stop_once = PTHREAD_ONCE_INIT;

static int qc_cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void qc_stop_init(void)
{
    memcpy(qc_stop_sorted, qc_stop, sizeof qc_stop);
    qsort(qc_stop_sorted, sizeof qc_stop / sizeof *qc_stop, sizeof *qc_stop_sorted, qc_cmp_str);
}

static bool qc_is_stop(const char *w)
{
    pthread_once(&qc_stop_once, qc_stop_init);
    return bsearch(&w, qc_stop_sorted, sizeof qc_stop / sizeof *qc_stop, sizeof *qc_stop_sorted, qc_cmp_str) != NULL;
}

static uint64_t qc_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h ? h : 1;
}

/* simple plural folding, and British spellings as American ones
 * ("offences" = "offenses", "centre" = "center", "labour" = "labor") */
static void qc_stem(char *w)
{
    size_t n = strlen(w);
    if (!strcmp(w, "people") || !strcmp(w, "persons"))
        strcpy(w, "person");
    else if (n > 4 && !strcmp(w + n - 3, "ies"))
        strcpy(w + n - 3, "y");
    else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i')
        w[n - 1] = 0;
    static const char *const uk[][2] = { { "offence", "offense" }, { "defence", "defense" },
                                         { "licence", "license" }, { "centre", "center" },
                                         { "metre", "meter" }, { "litre", "liter" },
                                         { "theatre", "theater" }, { "labour", "labor" },
                                         { "harbour", "harbor" }, { "neighbour", "neighbor" },
                                         { "colour", "color" }, { "honour", "honor" },
                                         { "programme", "program" }, { "tonne", "ton" } };
    for (size_t i = 0; i < sizeof uk / sizeof *uk; i++)
        if (!strcmp(w, uk[i][0])) {
            strcpy(w, uk[i][1]);
            break;
        }
}

/* a numeral or a number word ("12", "one", "dozens", "million") */
static bool qc_is_number_word(const char *w)
{
    static const char *const nums[] = { "one", "two", "three", "four", "five", "six", "seven", "eight",
                                        "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty",
                                        "fifty", "hundred", "hundreds", "thousand", "thousands",
                                        "million", "millions", "billion", "dozen", "dozens", "several" };
    if (isdigit((unsigned char)w[0]))
        return true;
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
        if (!strcmp(w, nums[i]))
            return true;
    return false;
}

static unsigned qc_event_of(const char *w)
{
    for (size_t i = 0; i < sizeof qc_events / sizeof *qc_events; i++)
        if (!strcmp(w, qc_events[i].word))
            return qc_events[i].cls;
    return 0;
}

typedef struct qc_fword {
    size_t start, end;
    char w[40];
} qc_fword;

/* lower-cased, accent-folded word at text[start..end) into w */
static void qc_fold_word(const char *text, size_t start, size_t end, char *w, size_t cap)
{
    size_t k = 0;
    for (size_t i = start; i < end && k + 4 < cap;) {
        size_t n;
        int32_t cp = qc_utf8_decode(text + i, end - i, &n);
        i += n;
        if (cp == 0x2019)
            cp = '\'';
        char enc[4];
        size_t el = qc_utf8_encode(qc_cp_fold(cp), enc);
        for (size_t j = 0; j < el; j++)
            w[k++] = enc[j];
    }
    w[k] = 0;
    /* possessive */
    if (k > 2 && w[k - 2] == '\'' && w[k - 1] == 's')
        w[k - 2] = 0;
}

static bool qc_is_wchar(unsigned char c) { return isalnum(c) || c >= 0x80; }

/* words of text[from..to) */
static size_t qc_words_in(const char *text, size_t from, size_t to, qc_fword *out, size_t max,
                          unsigned char *boundary_before)
{
    size_t n = 0;
    size_t i = from;
    bool pending_boundary = false;
    while (i < to && n < max) {
        unsigned char c = (unsigned char)text[i];
        if (!qc_is_wchar(c)) {
            if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '"' ||
                c == 0xE2 /* dashes, curly quotes */)
                pending_boundary = true;
            i++;
            continue;
        }
        size_t st = i;
        while (i < to && (qc_is_wchar((unsigned char)text[i]) ||
                          ((text[i] == '\'' || text[i] == '.' || text[i] == ',') && i + 1 < to &&
                           qc_is_wchar((unsigned char)text[i + 1]) && i > st &&
                           (text[i] == '\'' || isdigit((unsigned char)text[i - 1])))))
            i++;
        out[n].start = st;
        out[n].end = i;
        qc_fold_word(text, st, i, out[n].w, sizeof out[n].w);
        if (boundary_before)
            boundary_before[n] = pending_boundary ||
                                 qc_in_list(out[n].w, qc_clause_words,
                                            sizeof qc_clause_words / sizeof *qc_clause_words);
        pending_boundary = false;
        n++;
    }
    return n;
}

/* Does the '.' at t[dot] end an abbreviation that rarely ends a sentence
 * (a title or a month: "Gen. Qasem Soleimani", "Jan. 12")? */
static bool qc_abbrev_dot(const char *t, size_t dot)
{
    static const char *const ab[] = { "gen", "lt", "col", "sgt", "capt", "cpl", "maj", "adm",
                                      "gov", "sen", "rep", "rev", "dr", "mr", "mrs", "ms", "prof",
                                      "st", "jan", "feb", "apr", "jun", "jul", "aug", "sep",
                                      "sept", "oct", "nov", "dec", "no", "vs", "jr", "sr" };
    size_t b = dot;
    while (b > 0 && dot - b < 5 && isalpha((unsigned char)t[b - 1]))
        b--;
    if (b == dot || dot - b > 4 || (b > 0 && isalnum((unsigned char)t[b - 1])))
        return false;
    char w[8];
    size_t n = dot - b;
    for (size_t i = 0; i < n; i++)
        w[i] = (char)tolower((unsigned char)t[b + i]);
    w[n] = 0;
    for (size_t i = 0; i < sizeof ab / sizeof *ab; i++)
        if (!strcmp(w, ab[i]))
            return true;
    return false;
}

/* Does a lower-case word follow the spaces at t[i..lim)? ("3:00 p.m. local
 * time": news sentences open with a capital, so that dot ends none) */
static bool qc_lower_next(const char *t, size_t i, size_t lim)
{
    while (i < lim && t[i] == ' ')
        i++;
    return i < lim && islower((unsigned char)t[i]);
}

static size_t qc_sentence_start(const char *t, size_t pos)
{
    size_t lim = pos > 600 ? pos - 600 : 0;
    for (size_t i = pos; i > lim; i--) {
        char c = t[i - 1];
        if (c == '\n')
            return i;
        if ((c == '.' || c == '!' || c == '?') && (t[i] == ' ' || t[i] == '\n') && i >= 3 &&
            !qc_lower_next(t, i, pos) &&
            !(isupper((unsigned char)t[i - 2]) && (i < 3 || !isalpha((unsigned char)t[i - 3]) ||
                                                   t[i - 3] == '.')) &&
            !(c == '.' && qc_abbrev_dot(t, i - 1)))
            return i;
    }
    return lim;
}

static size_t qc_sentence_end(const char *t, size_t len, size_t pos)
{
    size_t lim = pos + 600 < len ? pos + 600 : len;
    for (size_t i = pos; i < lim; i++) {
        char c = t[i];
        if (c == '\n')
            return i;
        if ((c == '.' || c == '!' || c == '?') && (i + 1 >= len || t[i + 1] == ' ' ||
                                                  t[i + 1] == '\n') &&
            !qc_lower_next(t, i + 1, len) &&
            !(i >= 1 && isupper((unsigned char)t[i - 1]) &&
              (i < 2 || !isalpha((unsigned char)t[i - 2]) || t[i - 2] == '.')) &&
            !(c == '.' && qc_abbrev_dot(t, i)))
            return i;
    }
    return lim;
}

/* Hours east of UTC of the zones a figure may name; the ambiguous ones
 * (IST, CST, AST, BST, ET, PT) are not here and compare only with the same
 * zone. */
static bool qc_zone_offset(const char *zone, double *out)
{
    static const struct { const char *z; double h; } zones[] = {
        { "UTC", 0 }, { "GMT", 0 }, { "EST", -5 }, { "EDT", -4 }, { "CDT", -5 }, { "MST", -7 },
        { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 }, { "AKST", -9 }, { "AKDT", -8 }, { "HST", -10 },
        { "CET", 1 }, { "CEST", 2 }, { "EET", 2 }, { "EEST", 3 }, { "WET", 0 }, { "WEST", 1 },
        { "MSK", 3 }, { "JST", 9 }, { "KST", 9 }, { "AEST", 10 }, { "AEDT", 11 }, { "ACST", 9.5 },
        { "ACDT", 10.5 }, { "AWST", 8 }, { "NZST", 12 }, { "NZDT", 13 }, { "SGT", 8 }, { "HKT", 8 },
        { "PHT", 8 }, { "ICT", 7 }, { "WIB", 7 }, { "IRST", 3.5 },
    };
    for (size_t i = 0; zone && i < sizeof zones / sizeof *zones; i++)
        if (!strcmp(zone, zones[i].z)) {
            *out = zones[i].h;
            return true;
        }
    return false;
}

static double qc_unit_scale(const char *unit)
{
    if (!unit)
        return 1;
    if (!strcmp(unit, "mi"))
        return 1.609344;
    if (!strcmp(unit, "m"))
        return 0.001;
    if (!strcmp(unit, "ft"))
        return 0.0003048;
    if (!strcmp(unit, "yd"))
        return 0.0009144;
    if (!strcmp(unit, "nmi"))
        return 1.852;
    return 1;
}

static bool qc_q(const char *q, const char *w) { return q && !strcmp(q, w); }

/* A date's normalised form ("2020-01-03", "--01-03", "2020-01", "2020",
 * "2015/2017") as a number at its own precision. */
static void qc_date_prepare(qc_mfigure *out, const char *n)
{
    int y = 0, m = 0, d = 0, y2 = 0;
    if (!n)
        return;
    static const char *const wd[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                      "Sunday" };
    static const char *const parts[] = { " morning", " afternoon", " evening", " night" };
    for (int i = 0; i < 7; i++) {
        size_t l = strlen(wd[i]);
        if (strncmp(n, wd[i], l))
            continue;
        for (int p = 0; p < 4 && n[l]; p++)
            if (!strcmp(n + l, parts[p]))
                out->date_part = p + 1;   /* "Wednesday morning" */
        if (n[l] && !out->date_part)
            continue;
        out->date_form = QC_DATE_WEEKDAY;   /* "on Monday" */
        out->lo = out->hi = i + 1;
        return;
    }
    if (n[0] == '-' && n[1] == '-' && strlen(n) == 4 && sscanf(n + 2, "%2d", &m) == 1) {
        out->date_form = QC_DATE_MONTHONLY;   /* "in August" */
        out->lo = out->hi = m;
        return;
    }
    if (sscanf(n, "%4d-%2d-%2d", &y, &m, &d) == 3 || sscanf(n, "--%2d-%2d", &m, &d) == 2) {
        out->date_form = QC_DATE_DAY;
        out->date_year = y;
        out->lo = out->hi = m * 32 + d;
    } else if (sscanf(n, "%4d/%4d", &y, &y2) == 2) {
        out->date_form = QC_DATE_YEARS;
        out->lo = y;
        out->hi = y2;
    } else if (sscanf(n, "%4d-%2d", &y, &m) == 2) {
        out->date_form = QC_DATE_MONTH;
        out->lo = out->hi = y * 12 + m;
    } else if (sscanf(n, "%4d", &y) == 1) {
        out->date_form = QC_DATE_YEAR;
        out->lo = out->hi = y;
    }
}

/* One word within three of a figure into its near set; false at a number
 * (the words beyond belong to it). The reporting verbs are one word here:
 * "said on Thursday" / "stated on Wednesday" date the same statement. */
static bool qc_near_add(qc_mfigure *out, const char *w)
{
    static const char *const says[] = { "said", "says", "say", "told", "stated", "states", "announced",
                                        "reported", "declared", "added", "wrote", "tweeted", "stat",
                                        "announc", "report", "declar", "ad", "tweet" };
    if (qc_is_number_word(w) || isdigit((unsigned char)w[0]))
        return false;
    if (out->nnear >= 6)
        return true;
    if (qc_in_list(w, says, sizeof says / sizeof *says)) {
        out->near[out->nnear++] = qc_hash("\x01report");
    } else if (strlen(w) >= 3 && !qc_is_stop(w)) {
        char t[64];
        snprintf(t, sizeof t, "%s", w);
        qc_stem(t);
        out->near[out->nnear++] = qc_hash(t);
    }
    return true;
}

/* The stemmed head noun of what a figure counts into *head, or its event
 * class into *classes ("14 dead": what is counted is an event). */
static void qc_head_of(const char *counts, uint64_t *head, unsigned *classes)
{
    if (!counts || !*counts)
        return;
    const char *last = counts;
    for (const char *p = counts; *p; p++)
        if (*p == ' ' || *p == '-')
            last = p + 1;
    char w[40];
    qc_fold_word(last, 0, strlen(last), w, sizeof w);
    unsigned ev = qc_event_of(w);
    if (ev) {
        *classes |= ev;
    } else {
        qc_stem(w);
        *head = qc_hash(w);
    }
}

static bool qc_unit_eq(const char *a, const char *b);

/* A sentence word's 32-bit key (never 0), from its hash or its text. */
static uint32_t qc_key_of(uint64_t h)
{
    uint32_t k = (uint32_t)(h ^ (h >> 32));
    return k ? k : 1;
}

static uint32_t qc_key32(const char *s) { return qc_key_of(qc_hash(s)); }

static void qc_sent_add(qc_mfigure *out, uint32_t h, bool after)
{
    size_t i = 0;
    while (i < out->nsent && out->sent[i] < h)
        i++;
    if (i == out->nsent || out->sent[i] != h) {
        if (out->nsent == sizeof out->sent / sizeof *out->sent)
            return;
        /* kept sorted: two sentences are compared by one merge */
        memmove(out->sent + i + 1, out->sent + i, (out->nsent - i) * sizeof *out->sent);
        memmove(out->sent_side + i + 1, out->sent_side + i, (out->nsent - i) * sizeof *out->sent_side);
        out->sent[i] = h;
        out->sent_side[i] = 0;
        out->nsent++;
    }
    out->sent_side[i] |= after ? 2 : 1;
}

/* Could g be the same claim as out's figure, in its sentence [ss, se)? */
static bool qc_kin(const qc_mfigure *out, const qc_figure *g, size_t ss, size_t se)
{
    const qc_figure *f = out->fig;
    if (g->kind != f->kind || g->start < ss || g->start >= se)
        return false;
    if (g == f)
        return true;
    switch (f->kind) {
    case QC_FIGURE_DATE:
        return true;   /* "on Sunday, March 12": one day named twice, or two */
    case QC_FIGURE_COUNT:
    case QC_FIGURE_PERCENT: {
        uint64_t h = 0;
        unsigned cl = 0;
        qc_head_of(g->counts, &h, &cl);
        return h == out->head;
    }
    case QC_FIGURE_MONEY:
    case QC_FIGURE_OTHER:
    case QC_FIGURE_TIME:
        return qc_unit_eq(g->unit, f->unit);
    case QC_FIGURE_DISTANCE: {
        /* "160 km (100 miles)": the same distance converted, no rival */
        double x = f->value * qc_unit_scale(f->unit), y = g->value * qc_unit_scale(g->unit);
        return qc_unit_eq(g->unit, f->unit) || fabs(x - y) > 0.03 * fmax(fabs(x), fabs(y));
    }
    default:
        return true;
    }
}

void qc_match_figure_prepare(qc_mfigure *out, const qc_figure *fig, const qc_figure *all, size_t nall,
                             const char *text, size_t len)
{
    memset(out, 0, sizeof *out);
    out->fig = fig;
    out->text = text;
    out->len = len;
    if (fig->kind == QC_FIGURE_DATE)
        qc_date_prepare(out, fig->normalized);
    /* interval */
    double v = fig->value, vmax = fig->value_max > fig->value ? fig->value_max : fig->value;
    double scale = fig->kind == QC_FIGURE_DISTANCE ? qc_unit_scale(fig->unit) : 1;
    double lo = v, hi = vmax;
    bool lo_open = false, hi_open = false;
    const char *q = fig->qualifier;
    double up = fmax(1.5 * v, v + 3);
    if (fig->kind == QC_FIGURE_DATE) {
        lo = out->lo;
        hi = vmax = out->hi;
        scale = 1;
    } else if (fig->kind == QC_FIGURE_TIME) {
        /* clock times are compared in minutes: "about" allows a quarter of
         * an hour either side, other qualifiers are read as "about"; a time
         * in a known zone is compared in UTC ("5:30 p.m. EST" is not "5:30
         * p.m. GMT") */
        double off;
        if (qc_zone_offset(fig->unit, &off)) {
            double u = fmod(v - off + 48, 24);
            vmax = u + (vmax - v);
            v = u;
            lo = hi = v;
            hi = vmax;
            out->utc = true;
        }
        if (q) {
            lo = v - 0.25;
            hi = vmax + 0.25;
        }
    } else if (fig->vague) {
        hi = 4 * vmax;
    } else if (qc_q(q, "more than")) {
        lo_open = true;
        hi = up;
    } else if (qc_q(q, "at least")) {
        hi = up;
    } else if (qc_q(q, "about")) {
        lo = 0.85 * v;
        hi = 1.15 * vmax;
    } else if (qc_q(q, "nearly")) {
        lo = 0.85 * v;
    } else if (qc_q(q, "up to") || qc_q(q, "as many as")) {
        lo = 0.6 * v;
    } else if (qc_q(q, "less than")) {
        lo = 0;
        hi_open = true;
    }
    out->lo = lo * scale;
    out->hi = hi * scale;
    out->lo_open = lo_open;
    out->hi_open = hi_open;

    /* head noun of what is counted */
    qc_head_of(fig->counts, &out->head, &out->classes);

    /* the sentence and the figure's own clause */
    size_t ss = qc_sentence_start(text, fig->start);
    size_t se = qc_sentence_end(text, len, fig->end);
    if (se < fig->end)
        se = fig->end;
    qc_fword before[48], after[48];
    unsigned char bb[48], ab[48];
    size_t nb = qc_words_in(text, ss, fig->start, before, 48, bb);
    size_t na = qc_words_in(text, fig->end, se, after, 48, ab);
    /* the whole sentence's words (before the context loops stem them in
     * place), and its figures that could be this claim */
    for (int side = 0; side < 2; side++) {
        const qc_fword *ws = side ? after : before;
        for (size_t k = 0, n = side ? na : nb; k < n; k++) {
            char t[48];
            if (isdigit((unsigned char)ws[k].w[0])) {
                snprintf(t, sizeof t, "#%s", ws[k].w);
            } else {
                if (strlen(ws[k].w) < 3 || qc_is_stop(ws[k].w))
                    continue;
                snprintf(t, sizeof t, "%s", ws[k].w);
                qc_stem(t);
            }
            qc_sent_add(out, qc_key32(t), side == 1);
        }
    }
    {
        char t[48], w[40];
        qc_fold_word(text, fig->num_start, fig->num_end > fig->num_start ? fig->num_end : fig->end, w,
                     sizeof w);
        snprintf(t, sizeof t, "#%s", w);
        out->self = isdigit((unsigned char)w[0]) ? qc_key32(t) : 0;
    }
    out->kin = 1;
    if (all) {
        out->kin = 0;
        for (size_t i = 0; i < nall && out->kin < 9; i++)
            out->kin += qc_kin(out, &all[i], ss, se);
    }
    /* a day alone in its sentence: no other weekday or month named there
     * ("ruled on Wednesday … filed on Sunday" holds two) */
    if (out->date_form == QC_DATE_DAY || out->date_form == QC_DATE_WEEKDAY) {
        static const char *const dayw[] = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                            "sunday", "january", "february", "march", "april", "june", "july",
                                            "august", "september", "october", "november", "december",
                                            "yesterday", "today", "tomorrow" };
        out->date_alone = true;
        /* "as of January 3", "since Monday", "until Friday": a time frame,
         * not the day of an event */
        if (nb >= 1 && (!strcmp(before[nb - 1].w, "since") || !strcmp(before[nb - 1].w, "until") ||
                        !strcmp(before[nb - 1].w, "till") || !strcmp(before[nb - 1].w, "by") ||
                        (nb >= 2 && !strcmp(before[nb - 1].w, "of") && !strcmp(before[nb - 2].w, "as"))))
            out->date_alone = false;
        for (size_t k = 0; k < nb && out->date_alone; k++)
            out->date_alone = !qc_in_list(before[k].w, dayw, sizeof dayw / sizeof *dayw);
        for (size_t k = 0; k < na && out->date_alone; k++)
            out->date_alone = !qc_in_list(after[k].w, dayw, sizeof dayw / sizeof *dayw);
    }
    /* the clause: back to a boundary (at most 5 words), forward to one (at most 8) */
    for (size_t k = nb, taken = 0; k-- > 0 && taken < 5; taken++) {
        out->classes |= qc_event_of(before[k].w);
        if (bb[k])
            break;
    }
    for (size_t k = 0; k < na && k < 8; k++) {
        if (k > 0 && ab[k])
            break;
        if (k == 0 && ab[k] && strcmp(after[k].w, "and"))
            break;
        if (k == 0 && !strcmp(after[k].w, "and"))
            break;
        if (isdigit((unsigned char)after[k].w[0]))
            break;   /* the next figure */
        out->classes |= qc_event_of(after[k].w);
    }
    out->partitive = na > 0 && !strcmp(after[0].w, "of");
    /* content words within 8 words either side (noting those another
     * number counts: a number one or two words before them) */
    size_t from = nb > 8 ? nb - 8 : 0;
    for (size_t k = from; k < nb && out->nctx < 24; k++) {
        char *w = before[k].w;
        if (isdigit((unsigned char)w[0]) || strlen(w) < 3 ||
            qc_is_stop(w))
            continue;
        if ((k >= 1 && qc_is_number_word(before[k - 1].w)) ||
            (k >= 2 && qc_is_number_word(before[k - 2].w)) ||
            (k >= 3 && qc_is_number_word(before[k - 3].w)))
            out->ctx_counted |= 1u << out->nctx;
        qc_stem(w);
        out->ctx[out->nctx++] = qc_hash(w);
    }
    for (size_t k = 0; k < na && k < 8 && out->nctx < 24; k++) {
        char *w = after[k].w;
        if (isdigit((unsigned char)w[0]) || strlen(w) < 3 ||
            qc_is_stop(w))
            continue;
        if ((k >= 1 && qc_is_number_word(after[k - 1].w)) ||
            (k >= 2 && qc_is_number_word(after[k - 2].w)) ||
            (k >= 3 && qc_is_number_word(after[k - 3].w)))
            out->ctx_counted |= 1u << out->nctx;
        qc_stem(w);
        out->ctx[out->nctx++] = qc_hash(w);
    }
    /* the nearest content words either side anchor a date ("a 1996
     * agreement", "announced on January 3") or a count with nothing
     * counted ("a crowd of a hundred thousand at a free concert") */
    {
        /* and, for a day alone in its sentence (the only use of it), every
         * content word within three words either side (a date's
         * event may sit on either side: "the killing on Thursday of the
         * Quds Force commander" / "the killing of the Quds Force commander
         * on Friday") */
        for (size_t k = nb, seen = 0; out->date_alone && k-- > 0 && seen < 3; seen++)
            if (!qc_near_add(out, before[k].w))
                break;
        for (size_t k = 0; out->date_alone && k < na && k < 3; k++)
            if (!qc_near_add(out, after[k].w))
                break;
        for (size_t k = nb, seen = 0; k-- > 0 && seen < 3 && !out->near_l; seen++) {
            char *w = before[k].w;
            if (qc_is_number_word(w))
                break;   /* "Trump's 214, or 290": that word is the other number's */
            if (!isdigit((unsigned char)w[0]) && strlen(w) >= 3 &&
                !qc_is_stop(w)) {
                qc_stem(w);
                out->near_l = qc_hash(w);
            }
        }
        for (size_t k = 0; k < na && k < 3 && !out->near_r; k++) {
            char *w = after[k].w;
            if (qc_is_number_word(w))
                break;
            if (!isdigit((unsigned char)w[0]) && strlen(w) >= 3 &&
                !qc_is_stop(w)) {
                qc_stem(w);
                out->near_r = qc_hash(w);
            }
        }
    }
    /* a clock time is anchored by the day it names: "5:30 p.m. on January 7"
     * shares "january 7" with another report of the same moment */
    if (fig->kind == QC_FIGURE_TIME) {
        static const char *const months[] = { "january", "february", "march", "april", "may", "june", "july",
                                              "august", "september", "october", "november", "december" };
        qc_fword *lists[2] = { before, after };
        size_t counts[2] = { nb, na };
        for (int l = 0; l < 2; l++)
            for (size_t k = 0; k + 1 < counts[l] && out->nctx < 24; k++) {
                if (!qc_in_list(lists[l][k].w, months, sizeof months / sizeof *months) ||
                    !isdigit((unsigned char)lists[l][k + 1].w[0]))
                    continue;
                char day[96];
                snprintf(day, sizeof day, "%s %s", lists[l][k].w, lists[l][k + 1].w);
                out->ctx[out->nctx++] = qc_hash(day);
                if (!out->day)
                    out->day = qc_hash(day);
            }
    }
}

static size_t qc_shared(const qc_mfigure *a, const qc_mfigure *b)
{
    size_t n = 0;
    for (size_t i = 0; i < a->nctx; i++) {
        bool dup = false;
        for (size_t k = 0; k < i && !dup; k++)
            if (a->ctx[k] == a->ctx[i])
                dup = true;
        if (dup)
            continue;
        for (size_t j = 0; j < b->nctx; j++)
            if (a->ctx[i] == b->ctx[j]) {
                n++;
                break;
            }
    }
    return n;
}

static bool qc_unit_eq(const char *a, const char *b)
{
    if (!a || !b)
        return !a && !b;
    return !strcmp(a, b);
}

/* Is the key among m's sentence words (kept sorted)? */
static bool qc_sent_has(const qc_mfigure *m, uint32_t key)
{
    size_t lo = 0, hi = m->nsent;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->sent[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->nsent && m->sent[lo] == key;
}

/* Are a's nearest words either side (those it has) among b's sentence
 * words? */
static bool qc_near_in_sent(const qc_mfigure *a, const qc_mfigure *b)
{
    if (a->near_l && !qc_sent_has(b, qc_key_of(a->near_l)))
        return false;
    if (a->near_r && !qc_sent_has(b, qc_key_of(a->near_r)))
        return false;
    return a->near_l || a->near_r;
}

/* Does the figure close its sentence (no word of it after the figure)? */
static bool qc_sent_final(const qc_mfigure *m)
{
    for (size_t i = 0; i < m->nsent; i++)
        if (m->sent_side[i] & 2)
            return false;
    return m->nsent > 0;
}

/* Does the counted phrase hold the (stemmed) head word `head`? */
static bool qc_counts_hold(const char *counts, uint64_t head)
{
    if (!counts || !head)
        return false;
    for (const char *p = counts; *p;) {
        size_t n = strcspn(p, " -");
        char w[40];
        qc_fold_word(p, 0, n, w, sizeof w);
        qc_stem(w);
        if (qc_hash(w) == head)
            return true;
        p += n;
        while (*p == ' ' || *p == '-')
            p++;
    }
    return false;
}

/* Clock times in one zone (or both in UTC), money and other figures in
 * one unit. */
static bool qc_units_fit(const qc_mfigure *a, const qc_mfigure *b)
{
    if (a->fig->kind == QC_FIGURE_TIME)
        return qc_unit_eq(a->fig->unit, b->fig->unit) || (a->utc && b->utc);
    return qc_unit_eq(a->fig->unit, b->fig->unit);
}

/* The content words two figures' sentences share; *agree: how many of
 * them stand on the same side of both figures. */
static size_t qc_sent_shared(const qc_mfigure *a, const qc_mfigure *b, size_t *agree)
{
    size_t shared = 0, i = 0, j = 0;
    *agree = 0;
    while (i < a->nsent && j < b->nsent) {
        if (a->sent[i] < b->sent[j]) {
            i++;
        } else if (a->sent[i] > b->sent[j]) {
            j++;
        } else {
            shared++;
            *agree += (a->sent_side[i] & b->sent_side[j]) != 0;
            i++;
            j++;
        }
    }
    return shared;
}

static bool qc_same_thing_near(const qc_mfigure *a, const qc_mfigure *b)
{
    const qc_figure *fa = a->fig, *fb = b->fig;
    if (fa->kind != fb->kind)
        return false;
    switch (fa->kind) {
    case QC_FIGURE_DATE:
        /* the same precision (a day with a day, a year with a year), the
         * same word next to it on one side and the same words around it,
         * at least two ("the Pentagon announced on January 3 that …
         * Quds Force commander … killed"): a sentence with several dates
         * shares its words among all of them */
        /* (not merely many shared words: "ruled on Thursday … On Friday
         * he reconsidered" shares them all between two days) */
        if (!a->date_form || a->date_form != b->date_form)
            return false;
        if ((a->near_l && a->near_l == b->near_l) || (a->near_r && a->near_r == b->near_r))
            return qc_shared(a, b) >= 2;
        /* a day or weekday: a shared word within three either side (not
         * years: "inducted in 1993 and reunited in 2005" share theirs) */
        if ((a->date_form != QC_DATE_DAY && a->date_form != QC_DATE_WEEKDAY) || !a->date_alone || !b->date_alone)
            return false;
        for (size_t i = 0; i < a->nnear; i++)
            for (size_t j = 0; j < b->nnear; j++)
                if (a->near[i] == b->near[j])
                    return qc_shared(a, b) >= 3;
        return false;
    case QC_FIGURE_TIME:
    case QC_FIGURE_MONEY:
    case QC_FIGURE_OTHER:
        if (!qc_units_fit(a, b))
            return false;
        break;
    default:
        break;
    }
    size_t shared = qc_shared(a, b);
    bool cls = (a->classes & b->classes) != 0;
    if (a->classes && b->classes && !cls)
        return false;
    if (fa->kind == QC_FIGURE_COUNT || fa->kind == QC_FIGURE_PERCENT) {
        if (a->head && b->head) {
            if (a->head != b->head)
                return false;
            if (cls)
                return true;
            /* the same number of the same thing ("750,000 followers") needs
             * one shared word: only a qualifier can tell them apart */
            if (a->classes || b->classes || fa->value == fb->value)
                return shared >= 1;
            return shared >= 2;
        }
        /* what is counted named on one side only, and near the other
         * figure ("the number of illegal abortions … at about 450
         * thousand" / "about 350 thousand illegal abortions") */
        if (!a->head != !b->head && !a->partitive && !b->partitive) {
            const qc_mfigure *x = a->head ? b : a, *y = a->head ? a : b;
            bool near = false;
            for (size_t i = 0; i < x->nctx && !near; i++)
                near = x->ctx[i] == y->head && !(x->ctx_counted >> i & 1);
            if (near && shared >= 3 && (!a->classes || !b->classes || cls))
                return true;
        }
        if (fa->kind == QC_FIGURE_PERCENT && (a->head || b->head))
            return false;
        /* nothing counted on either side: the same word next to both and
         * three shared words around */
        if (!a->head && !b->head && !a->classes && !b->classes)
            return ((a->near_l && a->near_l == b->near_l) || (a->near_r && a->near_r == b->near_r)) &&
                   shared >= 3;
        return cls && shared >= 1;
    }
    if (cls)
        return shared >= 1;
    /* a clock time with the same explicit zone: the same day ("5:30 p.m.
     * (EST) on January 7"), the same neighbouring word and one more, or
     * two shared words (not the launch time for the docking time) */
    if (fa->kind == QC_FIGURE_TIME && fa->unit && fb->unit)
        return shared >= 2 || (a->day && a->day == b->day) ||
               (shared >= 1 && ((a->near_l && a->near_l == b->near_l) ||
                                (a->near_r && a->near_r == b->near_r)));
    return shared >= 2;
}

/* Do two qualifiers state the same bound? (NULL: none) */
static bool qc_same_bound(const char *x, const char *y)
{
    if (!x || !y)
        return !x && !y;
    if (qc_q(x, "as many as"))
        x = "up to";
    if (qc_q(y, "as many as"))
        y = "up to";
    return !strcmp(x, y);
}

/* "estimated that 120 people": an estimate in other words (a word
 * starting "estimat" or "approximat" among the three before the number) */
static bool qc_hedged(const qc_mfigure *a)
{
    size_t from = a->fig->num_start > 40 ? a->fig->num_start - 40 : 0;
    qc_fword w[16];
    size_t n = qc_words_in(a->text, from, a->fig->num_start, w, 16, NULL);
    for (size_t k = n > 3 ? n - 3 : 0; k < n; k++)
        if (!strncmp(w[k].w, "estimat", 7) || !strncmp(w[k].w, "approximat", 10))
            return true;
    return false;
}

bool qc_match_figure_compatible(const qc_mfigure *a, const qc_mfigure *b)
{
    /* the same qualifier on both ("at least one" / "at least two", "about
     * 70" / "about 80"): a reporter copies the bound, so the values must
     * be the same, not merely overlap */
    const qc_figure *fa = a->fig, *fb = b->fig;
    /* 1% for a conversion between units (km and miles); in the same unit
     * the number is copied, to its last decimal ("48.30" is not "48.03") */
    const double tol = qc_unit_eq(fa->unit, fb->unit) ? 1e-6 : 0.01;
    if (fa->kind == QC_FIGURE_DATE)
        return a->lo == b->lo && a->hi == b->hi &&
               (!a->date_year || !b->date_year || a->date_year == b->date_year) &&
               /* "Wednesday evening" is not "Wednesday morning" (evening and
                * night may be one time) */
               (!a->date_part || !b->date_part || a->date_part == b->date_part ||
                (a->date_part >= 3 && b->date_part >= 3));
    /* two ranges ("between 45% and 70%" / "from 45% to 60%"): the same
     * ends, as a reporter copies them */
    if (!fa->vague && !fb->vague && fa->kind != QC_FIGURE_TIME && fa->value_max != fa->value &&
        fb->value_max != fb->value && !fa->qualifier && !fb->qualifier)
        return fabs(a->lo - b->lo) <= tol * fmax(1, fabs(a->lo)) &&
               fabs(a->hi - b->hi) <= tol * fmax(1, fabs(a->hi));
    /* the same number with its qualifier dropped or changed: "ten
     * survivors" or "about ten" where the source says "at least ten",
     * "50 miles" for "about 50 miles", "at least a dozen" for "more than a
     * dozen" — a reporter copies the qualifier with the number ("as many
     * as" and "up to" say the same; "estimated" is read as "about"). A
     * qualifier the draft adds to a bare number only hedges, unless it
     * claims more ("more than", below). */
    if (!fa->vague && !fb->vague && fa->kind != QC_FIGURE_TIME && fb->qualifier &&
        fabs(fa->value - fb->value) <= tol * fmax(1, fabs(fa->value)) &&
        fabs(fa->value_max - fb->value_max) <= tol * fmax(1, fabs(fa->value_max)) &&
        !qc_same_bound(fa->qualifier, fb->qualifier) &&
        !(!fa->qualifier && qc_q(fb->qualifier, "about") && qc_hedged(a)))
        return false;
    /* a bound where the source estimates: "more than 750,000" for the
     * source's "about 750,000" claims what the source does not know (a
     * the draft's a; the other way round only hedges) */
    if (!fa->vague && !fb->vague && fa->qualifier && fb->qualifier && fa->kind != QC_FIGURE_TIME &&
        (qc_q(fa->qualifier, "more than") || qc_q(fa->qualifier, "at least")) &&
        (qc_q(fb->qualifier, "about") || qc_q(fb->qualifier, "nearly") || qc_q(fb->qualifier, "up to")) &&
        fabs(fa->value - fb->value) <= tol * fmax(1, fabs(fa->value)))
        return false;
    /* (clock times too, to the minute: "around 7:38 pm" / "around 7:48 pm") */
    if (fa->qualifier && fb->qualifier && !strcmp(fa->qualifier, fb->qualifier) && !fa->vague &&
        !fb->vague) {
        if (fa->kind == QC_FIGURE_TIME)
            return fabs(a->lo - b->lo) < 0.5 / 60 && fabs(a->hi - b->hi) < 0.5 / 60;
        return fabs(a->lo - b->lo) <= tol * fmax(1, fabs(a->lo)) &&
               fabs(a->hi - b->hi) <= tol * fmax(1, fabs(a->hi));
    }
    double lo, hi;
    bool lo_open, hi_open;
    if (a->lo > b->lo) {
        lo = a->lo;
        lo_open = a->lo_open;
    } else if (b->lo > a->lo) {
        lo = b->lo;
        lo_open = b->lo_open;
    } else {
        lo = a->lo;
        lo_open = a->lo_open || b->lo_open;
    }
    if (a->hi < b->hi) {
        hi = a->hi;
        hi_open = a->hi_open;
    } else if (b->hi < a->hi) {
        hi = b->hi;
        hi_open = b->hi_open;
    } else {
        hi = a->hi;
        hi_open = a->hi_open || b->hi_open;
    }
    if (lo > hi * (1 + tol) + 1e-9)
        return false;
    if (fabs(lo - hi) <= 1e-9 * fmax(1, fabs(lo)))
        return !lo_open && !hi_open;
    return true;
}

/* Two sentences that say the same thing in other words, each holding one
 * figure that could be the claim: those figures are the same thing, even
 * when the words next to them differ ("Day was born … in Cincinnati,
 * Ohio, in 1924" / "… in Cincinnati, Ohio in the United States in 1922";
 * "In all, sixteen Democrats defected" / "Altogether, fifteen Democrats
 * defected"). Paraphrase: three shared content words (numbers included),
 * more than half the shorter sentence's, and two of them within eight
 * words of the figures; or all of a short sentence's (two at least). */
static bool qc_same_thing_paraphrase(const qc_mfigure *a, const qc_mfigure *b)
{
    const qc_figure *fa = a->fig, *fb = b->fig;
    if (fa->kind != fb->kind || a->kin != 1 || b->kin != 1)
        return false;
    switch (fa->kind) {
    case QC_FIGURE_DATE:
        /* a year, or a day or weekday alone in its sentence (a story of
         * several days often has a sentence much like another day's) */
        if (a->date_form != b->date_form ||
            (a->date_form != QC_DATE_YEAR &&
             !((a->date_form == QC_DATE_DAY || a->date_form == QC_DATE_WEEKDAY) && a->date_alone && b->date_alone)))
            return false;
        break;
    case QC_FIGURE_TIME:
    case QC_FIGURE_MONEY:
    case QC_FIGURE_OTHER:
        /* (an ordinal's noun too: "the eleventh week" / "the second day") */
        if (!qc_units_fit(a, b) || (a->head && b->head && a->head != b->head))
            return false;
        break;
    case QC_FIGURE_COUNT:
    case QC_FIGURE_PERCENT:
        /* (or one counted phrase holds the other's head: "a margin of 194
         * votes" / "a 149 vote margin") */
        if (a->head != b->head && !qc_counts_hold(fa->counts, b->head) && !qc_counts_hold(fb->counts, a->head))
            return false;
        break;
    default:
        break;
    }
    if (a->classes && b->classes && !(a->classes & b->classes))
        return false;
    /* neither sentence holds the other's number elsewhere ("lost 42 seats
     * and finished with 203" / "Labour, lost 42") */
    if ((b->self && qc_sent_has(a, b->self)) || (a->self && qc_sent_has(b, a->self)))
        return false;
    size_t agree, shared = qc_sent_shared(a, b, &agree);
    /* (a tally or range closing one of the sentences, "The vote passed
     * along party lines, 230-to-198", may stand anywhere in the other) */
    if (fa->kind == QC_FIGURE_COUNT && fa->value_max != fa->value && fb->value_max != fb->value &&
        (qc_sent_final(a) || qc_sent_final(b)))
        agree = shared;
    /* and on the same side of the figure, mostly; a day or weekday may
     * move ("On Sunday, Hong Kongers turned out …" / "… turned out to vote
     * on Saturday"), but the nearest words beside each must be in the
     * other sentence ("ruled on Thursday that people born in …" is not "On
     * Friday, Judge … reconsidered his decision … that people born in …") */
    if (a->nnear && b->nnear) {
        if (!qc_near_in_sent(a, b) || !qc_near_in_sent(b, a))
            return false;
    } else if (agree < 2 * (shared - agree)) {
        return false;
    }
    size_t m = a->nsent < b->nsent ? a->nsent : b->nsent;
    if (a->head) {   /* what both count is a shared word too */
        shared++;
        m++;
    }
    return (shared >= 3 && 2 * shared > m && qc_shared(a, b) >= 2) || (shared >= 2 && shared == m);
}

bool qc_match_figure_same_thing(const qc_mfigure *a, const qc_mfigure *b)
{
    return qc_same_thing_near(a, b) || qc_same_thing_paraphrase(a, b);
}

bool qc_match_figure_restates(const qc_mfigure *a, const qc_mfigure *b)
{
    const qc_figure *fa = a->fig, *fb = b->fig;
    if (fa->kind != fb->kind || fa->vague || fb->vague || fa->value != fb->value || fa->value_max != fb->value_max ||
        (a->head && b->head && a->head != b->head) || !qc_match_figure_compatible(a, b))
        return false;
    size_t agree, shared = qc_sent_shared(a, b, &agree);
    size_t m = a->nsent < b->nsent ? a->nsent : b->nsent;
    return shared >= 3 && 2 * shared > m;
}
