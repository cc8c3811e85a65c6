/*
 * match/speakers.c — whether two speaker names name the same speaker
 * (issue 3, owned by the matching engineer; see match_internal.h).
 *
 * Each side is a name (as resolved by extraction, else as written), the
 * aliases its own document's entities give it, and some text near where
 * the speaker is introduced. Names are folded (case, accents) and split
 * into words; titles, modifiers, determiners and nationality words
 * (lexicon classes) are not name words. Two names are the same speaker
 * when, for some alias x of one side and y of the other:
 *   - x = y after folding, or the configured aliases say so;
 *   - every name word of the shorter is in the longer (surname, first +
 *     last, "President Donald Trump"), words of 5+ letters one edit apart
 *     counting as equal (Qassem/Qasem, Orlik/Orlick);
 *   - one is an acronym of the other's capitalised words (IRGC = Islamic
 *     Revolutionary Guard Corps).
 * An organisation and a person are the same speaker when one of the
 * organisation's names (or a built-in synonym: the Pentagon = Department
 * of Defense) appears in the person's context: "KCPA spokesman Captain
 * Petar Danek", "a statement from Assistant to the US Secretary of
 * Defense … Jonathan Hoffman".
 * A side with no name word (a pronoun left unresolved, "officials", "the
 * minister", a document as speaker without a link) is UNKNOWN: never a
 * misattribution.
 */
#include "match/match_internal.h"
#include "config/config.h"
#include "extract/lexicon.h"
#include "util/alloc.h"
#include "util/utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define QC_MAX_NAMES 24
#define QC_MAX_TOKS 12

typedef struct qc_sname {
    const char *orig;          /* as given */
    char *fold;                /* folded, owned */
    const char *tok[QC_MAX_TOKS];
    size_t tlen[QC_MAX_TOKS];
    size_t ntok;
    size_t nname;              /* name words (not titles, not determiners) */
    bool is_name[QC_MAX_TOKS];
} qc_sname;

struct qc_sset {
    qc_sname names[QC_MAX_NAMES];
    size_t n;
    bool is_org;
    bool any_name;             /* some alias has a name word */
};

static bool qc_word_cls(const char *w, size_t n, unsigned cls)
{
    char key[48];
    if (n >= sizeof key)
        return false;
    memcpy(key, w, n);
    key[n] = 0;
    return qc_lexicon_is(key, cls);
}

static void qc_sname_init(qc_sname *nm, const char *s)
{
    memset(nm, 0, sizeof *nm);
    nm->orig = s;
    nm->fold = qc_utf8_fold(s, strlen(s));
    char *p = nm->fold;
    while (*p && nm->ntok < QC_MAX_TOKS) {
        while (*p && !(isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
            p++;
        if (!*p)
            break;
        const char *st = p;
        while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80 || *p == '\'' ||
                      (*p == '.' && isalpha((unsigned char)p[1]) && p - st == 1)))
            p++;
        size_t n = (size_t)(p - st);
        /* possessive 's and trailing dot of an abbreviation */
        if (n > 2 && st[n - 2] == '\'' && st[n - 1] == 's')
            n -= 2;
        nm->tok[nm->ntok] = st;
        nm->tlen[nm->ntok] = n;
        bool name = !qc_word_cls(st, n, QC_LX_TITLE | QC_LX_MOD | QC_LX_DET | QC_LX_NATION |
                                            QC_LX_GENERIC | QC_LX_DOC | QC_LX_PRONOUN |
                                            QC_LX_CONNECT | QC_LX_FUNC);
        nm->is_name[nm->ntok] = name;
        if (name)
            nm->nname++;
        nm->ntok++;
    }
    /* no capitalised word (beyond a leading "The"): a common noun such as
     * "the company", "officials" — not a name */
    bool cap = false, lower = false;
    const char *o = s;
    bool first = true;
    while (*o) {
        while (*o && (*o == ' ' || *o == '-' || *o == '\''))
            o++;
        if (!*o)
            break;
        const char *ws = o;
        while (*o && *o != ' ')
            o++;
        size_t wl = (size_t)(o - ws);
        bool det = first && ((wl == 3 && !strncmp(ws, "The", 3)) || (wl == 1 && *ws == 'A') ||
                             (wl == 2 && !strncmp(ws, "An", 2)));
        first = false;
        if (det)
            continue;
        size_t cl;
        int32_t cp = qc_utf8_decode(ws, wl, &cl);
        if (qc_cp_is_upper(cp) || qc_cp_is_digit(cp))
            cap = true;
        for (const char *x = ws; x < o; x++)
            if (*x >= 'a' && *x <= 'z')
                lower = true;
    }
    if (!cap && lower) {
        for (size_t t = 0; t < nm->ntok; t++)
            nm->is_name[t] = false;
        nm->nname = 0;
    } else if (!nm->nname && cap) {
        /* "White House", "the Pentagon": an organisation's name made of
         * words the lexicon files as modifiers or organisation words */
        bool org = false;
        for (size_t t = 0; t < nm->ntok; t++)
            if (qc_word_cls(nm->tok[t], nm->tlen[t], QC_LX_ORG))
                org = true;
        for (size_t t = 0; org && t < nm->ntok; t++)
            if (!qc_word_cls(nm->tok[t], nm->tlen[t], QC_LX_DET | QC_LX_CONNECT | QC_LX_PRONOUN |
                                                          QC_LX_DOC | QC_LX_TITLE)) {
                nm->is_name[t] = true;
                nm->nname++;
            }
    }
}

static void qc_sset_free(qc_sset *set)
{
    for (size_t i = 0; i < set->n; i++)
        free(set->names[i].fold);
    set->n = 0;
}

static void qc_sset_add(qc_sset *set, const char *s)
{
    if (!s || !*s || set->n >= QC_MAX_NAMES)
        return;
    qc_sname *nm = &set->names[set->n];
    qc_sname_init(nm, s);
    for (size_t i = 0; i < set->n; i++)
        if (!strcmp(set->names[i].fold, nm->fold)) {
            free(nm->fold);
            return;
        }
    if (nm->nname)
        set->any_name = true;
    set->n++;
}

static const char *const qc_org_words[] = {
    "ministry", "department", "agency", "corps", "council", "pentagon", "white house", "kremlin",
    "office", "committee", "company", "government", "police", "army", "navy", "guards", "guard",
    "hydro", "cross", "commission", "authority", "service", "court", "parliament", "bank",
    "university", "party", "union", "organization", "organisation", "forces", "command",
    "administration", "embassy", "group", "inc", "ltd", "corporation", "association",
};

static bool qc_looks_org(const qc_sname *nm)
{
    /* an acronym */
    size_t n = strlen(nm->orig), caps = 0;
    bool lower = false;
    for (size_t i = 0; i < n; i++) {
        if (isupper((unsigned char)nm->orig[i]))
            caps++;
        else if (islower((unsigned char)nm->orig[i]))
            lower = true;
    }
    if (!lower && caps >= 2 && caps <= 8 && !strchr(nm->orig, ' '))
        return true;
    for (size_t t = 0; t < nm->ntok; t++)
        if (qc_word_cls(nm->tok[t], nm->tlen[t], QC_LX_ORG))
            return true;
    for (size_t k = 0; k < sizeof qc_org_words / sizeof *qc_org_words; k++) {
        const char *w = qc_org_words[k];
        const char *hit = strstr(nm->fold, w);
        size_t wl = strlen(w);
        if (hit && (hit == nm->fold || !isalnum((unsigned char)hit[-1])) &&
            !isalnum((unsigned char)hit[wl]))
            return true;
    }
    return false;
}

static void qc_sset_build(qc_sset *set, const qc_speaker_side *side)
{
    memset(set, 0, sizeof *set);
    const char *base = side->name ? side->name : side->as_written;
    if (!base)
        return;
    qc_sset_add(set, base);
    if (side->as_written && side->name)
        qc_sset_add(set, side->as_written);
    if (side->ex) {
        qc_sname probe;
        qc_sname_init(&probe, base);
        for (size_t e = 0; e < side->ex->nentities; e++) {
            const qc_entity *ent = &side->ex->entities[e];
            bool hit = false;
            char *f = qc_utf8_fold(ent->name, strlen(ent->name));
            if (!strcmp(f, probe.fold))
                hit = true;
            free(f);
            for (size_t a = 0; !hit && a < ent->naliases; a++) {
                f = qc_utf8_fold(ent->aliases[a], strlen(ent->aliases[a]));
                /* only aliases that are names, not bare titles */
                if (!strcmp(f, probe.fold))
                    hit = true;
                free(f);
            }
            if (!hit)
                continue;
            if (ent->is_org)
                set->is_org = true;
            qc_sset_add(set, ent->name);
            /* "the minister", "the water": role forms, shared by several
             * people of one story; a name is compared by its name words */
            for (size_t a = 0; a < ent->naliases; a++)
                if (strncmp(ent->aliases[a], "the ", 4) && strncmp(ent->aliases[a], "The ", 4))
                    qc_sset_add(set, ent->aliases[a]);
        }
        free(probe.fold);
    }
    if (!set->is_org && set->n && qc_looks_org(&set->names[0]))
        set->is_org = true;
}

/* ---- comparisons ------------------------------------------------------------ */

static bool qc_tok_eq(const char *a, size_t na, const char *b, size_t nb)
{
    if (na == nb && !memcmp(a, b, na))
        return true;
    if (na < 5 || nb < 5)
        return false;
    /* one edit apart (substitution, insertion, deletion) */
    size_t i = 0, j = 0, edits = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) {
            i++, j++;
            continue;
        }
        if (++edits > 1)
            return false;
        if (na > nb)
            i++;
        else if (nb > na)
            j++;
        else
            i++, j++;
    }
    edits += (na - i) + (nb - j);
    return edits <= 1;
}

/* every name word of the shorter is in the longer */
static bool qc_subset(const qc_sname *a, const qc_sname *b)
{
    const qc_sname *s = a->nname <= b->nname ? a : b, *l = s == a ? b : a;
    if (!s->nname)
        return false;
    for (size_t i = 0; i < s->ntok; i++) {
        if (!s->is_name[i])
            continue;
        bool found = false;
        for (size_t j = 0; j < l->ntok && !found; j++)
            if (l->is_name[j] && qc_tok_eq(s->tok[i], s->tlen[i], l->tok[j], l->tlen[j]))
                found = true;
        if (!found)
            return false;
    }
    return true;
}

static bool qc_acronym_of(const char *acr, const char *full)
{
    size_t n = strlen(acr);
    if (n < 2 || n > 8 || strchr(acr, ' '))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isupper((unsigned char)acr[i]))
            return false;
    char ini[16];
    size_t k = 0;
    const char *p = full;
    while (*p && k < sizeof ini - 1) {
        while (*p && !isalpha((unsigned char)*p) && (unsigned char)*p < 0x80)
            p++;
        if (!*p)
            break;
        if (isupper((unsigned char)*p))
            ini[k++] = *p;
        while (*p && (isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80 || *p == '-'))
            p++;
    }
    ini[k] = 0;
    return k == n && !memcmp(ini, acr, n);
}

static bool qc_names_same(const qc_config *cfg, const qc_sname *a, const qc_sname *b);

/* a configured canonical name compared with the other side by the name rules */
static bool qc_canonical_same(const char *canonical, const qc_sname *other)
{
    qc_sname c;
    qc_sname_init(&c, canonical);
    bool same = qc_names_same(NULL, &c, other);
    free(c.fold);
    return same;
}

static bool qc_names_same(const qc_config *cfg, const qc_sname *a, const qc_sname *b)
{
    if (!strcmp(a->fold, b->fold) && (a->nname || b->nname))
        return true;
    if (cfg && (a->nname || b->nname)) {
        const char *ca = qc_config_alias_canonical(cfg, a->orig);
        const char *cb = qc_config_alias_canonical(cfg, b->orig);
        if ((ca && cb && qc_config_same_speaker(cfg, ca, cb)) ||
            (ca && qc_canonical_same(ca, b)) || (cb && qc_canonical_same(cb, a)))
            return true;
    }
    if (qc_subset(a, b))
        return true;
    if (qc_acronym_of(a->orig, b->orig) || qc_acronym_of(b->orig, a->orig))
        return true;
    return false;
}

/* built-in synonyms of a few organisations that speak through others */
static const char *const qc_org_syn[][6] = {
    { "pentagon", "department of defense", "defense department", "secretary of defense",
      "defense secretary", "dod" },
    { "white house", "press secretary", "the president's", NULL, NULL, NULL },
    { "state department", "department of state", "secretary of state", NULL, NULL, NULL },
    { "kremlin", "presidential press secretary", "dmitry peskov", NULL, NULL, NULL },
};

static bool qc_contains_word(const char *hay, const char *needle)
{
    size_t nl = strlen(needle);
    if (nl < 2)
        return false;
    for (const char *h = strstr(hay, needle); h; h = strstr(h + 1, needle)) {
        bool left = h == hay || !isalnum((unsigned char)h[-1]);
        bool right = !isalnum((unsigned char)h[nl]);
        if (left && right)
            return true;
    }
    return false;
}

/* Does an organisation (set) appear in the person's context? */
static bool qc_org_in_context(const qc_sset *org, const qc_speaker_side *person)
{
    char *ctx = NULL;
    size_t n = 0;
    if (person->context && person->context_len) {
        n = person->context_len;
        ctx = qc_utf8_fold(person->context, n);
    }
    char *sp = person->as_written ? qc_utf8_fold(person->as_written, strlen(person->as_written))
                                  : NULL;
    bool found = false;
    for (size_t i = 0; i < org->n && !found; i++) {
        const qc_sname *nm = &org->names[i];
        if (!nm->nname)
            continue;
        /* the name without titles/determiners: "the Pentagon" -> "pentagon" */
        const char *f = nm->fold;
        if (!strncmp(f, "the ", 4))
            f += 4;
        if ((ctx && qc_contains_word(ctx, f)) || (sp && qc_contains_word(sp, f)))
            found = true;
        for (size_t s = 0; !found && s < sizeof qc_org_syn / sizeof *qc_org_syn; s++) {
            bool is = false;
            for (size_t k = 0; k < 6 && qc_org_syn[s][k]; k++)
                if (!strcmp(f, qc_org_syn[s][k]))
                    is = true;
            if (!is)
                continue;
            for (size_t k = 0; k < 6 && qc_org_syn[s][k] && !found; k++)
                if ((ctx && qc_contains_word(ctx, qc_org_syn[s][k])) ||
                    (sp && qc_contains_word(sp, qc_org_syn[s][k])))
                    found = true;
        }
    }
    free(ctx);
    free(sp);
    return found;
}

qc_sset *qc_speaker_set_new(const qc_speaker_side *side)
{
    qc_sset *set = qc_malloc(sizeof *set);
    qc_sset_build(set, side);
    return set;
}

void qc_speaker_set_free(qc_sset *set)
{
    if (!set)
        return;
    qc_sset_free(set);
    free(set);
}

qc_speaker_cmp qc_match_speakers(const qc_config *cfg, const qc_speaker_side *a,
                                 const qc_speaker_side *b)
{
    return qc_match_speakers_sets(cfg, a, NULL, b, NULL);
}

qc_speaker_cmp qc_match_speakers_sets(const qc_config *cfg, const qc_speaker_side *a,
                                      const qc_sset *psa, const qc_speaker_side *b,
                                      const qc_sset *psb)
{
    const char *an = a->name ? a->name : a->as_written;
    const char *bn = b->name ? b->name : b->as_written;
    if (!an || !bn || !*an || !*bn)
        return QC_SPEAKER_UNKNOWN;
    if (qc_match_is_pronoun(an) || qc_match_is_pronoun(bn))
        return QC_SPEAKER_UNKNOWN;
    qc_sset *own_a = psa ? NULL : qc_speaker_set_new(a);
    qc_sset *own_b = psb ? NULL : qc_speaker_set_new(b);
    const qc_sset *sa_p = psa ? psa : own_a, *sb_p = psb ? psb : own_b;
    qc_speaker_cmp res = QC_SPEAKER_UNKNOWN;
    for (size_t i = 0; i < sa_p->n && res != QC_SPEAKER_SAME; i++)
        for (size_t j = 0; j < sb_p->n && res != QC_SPEAKER_SAME; j++)
            if (qc_names_same(cfg, &sa_p->names[i], &sb_p->names[j]))
                res = QC_SPEAKER_SAME;
    if (res != QC_SPEAKER_SAME) {
        if (!sa_p->any_name || !sb_p->any_name) {
            res = QC_SPEAKER_UNKNOWN;
        } else if (sa_p->is_org != sb_p->is_org) {
            const qc_sset *org = sa_p->is_org ? sa_p : sb_p;
            const qc_speaker_side *person = sa_p->is_org ? b : a;
            if (qc_org_in_context(org, person))
                res = QC_SPEAKER_SAME;
            else if ((a->as_written && qc_match_is_document(a->as_written)) ||
                     (b->as_written && qc_match_is_document(b->as_written)))
                res = QC_SPEAKER_UNKNOWN;   /* "the statement": whose, we cannot tell */
            else
                res = QC_SPEAKER_DIFFERENT;
        } else {
            res = QC_SPEAKER_DIFFERENT;
        }
    }
    qc_speaker_set_free(own_a);
    qc_speaker_set_free(own_b);
    return res;
}

qc_speaker_cmp qc_match_speaker_names(const qc_config *cfg, const char *a, const char *b)
{
    qc_speaker_side sa = { a, NULL, NULL, NULL, 0 }, sb = { b, NULL, NULL, NULL, 0 };
    return qc_match_speakers(cfg, &sa, &sb);
}

bool qc_match_is_pronoun(const char *s)
{
    char key[16];
    size_t n = strlen(s);
    if (n >= sizeof key)
        return false;
    for (size_t i = 0; i <= n; i++)
        key[i] = (char)tolower((unsigned char)s[i]);
    return qc_lexicon_is(key, QC_LX_PRONOUN);
}

bool qc_match_is_document(const char *s)
{
    qc_sname nm;
    qc_sname_init(&nm, s);
    bool doc = false;
    for (size_t t = 0; t < nm.ntok; t++)
        if (qc_word_cls(nm.tok[t], nm.tlen[t], QC_LX_DOC))
            doc = true;
    free(nm.fold);
    return doc;
}
