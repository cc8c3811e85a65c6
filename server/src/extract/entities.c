/*
 * extract/entities.c — noun phrases that can speak, and the registry of
 * the people and organisations of one document (see entities.h).
 *
 * A name is a run of capitalised words (with "of", "for", "al-", "bin" …
 * inside); titles are the role and modifier words before it ("Iranian
 * Foreign Minister"). A run whose last word is an organisation word
 * ("Corps", "Ministry") or an acronym names an organisation. Persons are
 * the same entity when their folded full names agree, when one is the
 * surname of the other, or when they differ only by doubled letters
 * (Qassem / Qasem).
 */
#include "extract/entities.h"
#include "extract/lexicon.h"
#include "util/alloc.h"
#include "util/utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static unsigned qc_cls(const qc_token *t) { return t->type == QC_TK_WORD ? t->cls : 0; }

static bool qc_word(const qc_token *t) { return t->type == QC_TK_WORD; }

static bool qc_punct_is(const qc_token *t, int32_t cp) { return t->type == QC_TK_PUNCT && t->cp == cp; }

/* A capitalised word that can be part of a name. */
static bool qc_capword(const qc_token *t)
{
    if (!qc_word(t) || !(t->flags & (QC_TKF_CAP | QC_TKF_ALLCAPS)))
        return false;
    if ((t->flags & QC_TKF_DIGIT) && !(t->flags & QC_TKF_ALLCAPS))
        return false;
    return !(qc_cls(t) & QC_LX_TIME);
}

/* "Sheriff's" in "the Alachua Sheriff's Office", "Children's" in "Boston
 * Children's Hospital": a possessive inside an organisation's name, the
 * next word being a capitalised organisation word. */
static bool qc_poss_in_name(const qc_token *t, const qc_token *next)
{
    /* never an organisation's own possessive: "the Metropolitan Police's
     * Counter Terrorism Command" is a unit of the police */
    return (t->flags & QC_TKF_POSS) && !(t->cls & QC_LX_ORG) && next->type == QC_TK_WORD && (next->flags & QC_TKF_CAP) &&
           (next->cls & QC_LX_ORG) && !(next->flags & QC_TKF_POSS);
}

/* An acronym: "IRGC", or a short mixed-case one ("TfL"). */
static bool qc_acr(const qc_token *t) { return t->type == QC_TK_WORD && (t->flags & (QC_TKF_ALLCAPS | QC_TKF_MIXACR)); }

static bool qc_lower(const qc_token *t) { return qc_word(t) && !(t->flags & (QC_TKF_CAP | QC_TKF_ALLCAPS)); }

static bool qc_titleish(const qc_token *t)
{
    return (qc_cls(t) & (QC_LX_TITLE | QC_LX_MOD | QC_LX_NATION)) != 0;
}

static bool qc_orgword(const qc_token *t)
{
    return (qc_cls(t) & QC_LX_ORG) || ((t->flags & (QC_TKF_ALLCAPS | QC_TKF_MIXACR)) && !(qc_cls(t) & (QC_LX_NATION | QC_LX_TITLE)) &&
                                       strlen(t->key) >= 2 && !(t->flags & QC_TKF_ABBR));
}

static bool qc_suffix(const qc_token *t)
{
    static const char *const sfx[] = { "qc", "kc", "mp", "mep", "obe", "cbe", "mbe", "phd", "md", "esq", "esq." };
    if (t->type != QC_TK_WORD)
        return false;
    for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++)
        if (!strcmp(t->key, sfx[i]))
            return true;
    return false;
}

static bool qc_name_suffix(const qc_token *t)
{
    return t->type == QC_TK_WORD && (!strcmp(t->key, "jr.") || !strcmp(t->key, "sr.") || !strcmp(t->key, "jr") ||
                                     !strcmp(t->key, "ii") || !strcmp(t->key, "iii") || !strcmp(t->key, "iv"));
}

/* A nickname in quotation marks at toks[i]: a mark, one capitalised word,
 * the same kind of mark ("Aquilino “Koko” Pimentel"). */
static bool qc_nickname_at(const qc_token *toks, size_t i)
{
    const qc_token *m = &toks[i];
    return (m->type == QC_TK_DQ || m->type == QC_TK_SQ) && qc_capword(&toks[i + 1]) && toks[i + 2].type == m->type;
}

static bool qc_plain_name_tok(const qc_token *t)
{
    if (qc_capword(t))
        return !qc_titleish(t) && !(qc_cls(t) & (QC_LX_ORG | QC_LX_FUNC | QC_LX_PLACE)) &&
               !((t->flags & QC_TKF_ALLCAPS) && strlen(t->key) > 1 && !(t->flags & QC_TKF_ABBR));
    return qc_lower(t) && (qc_cls(t) & QC_LX_PARTICLE);
}

static bool qc_connector(const qc_token *t)
{
    return qc_lower(t) && (qc_cls(t) & (QC_LX_CONNECT | QC_LX_PARTICLE)) && strcmp(t->key, "and");
}

/* Does the "and" at toks[i] join two parts of one organisation's name:
 * an organisation word, then "of" or "for", before it, and a capitalised
 * word that starts no second organisation after it ("High Court of England
 * and Wales", "Department of Health and Social Care")? */
static bool qc_and_joins(const qc_token *toks, size_t lo, size_t i)
{
    /* "Internal Affairs and Communications Minister Seiichiro Murakami":
     * two portfolios of one title; "Ontario Premier and Council Chair Doug
     * Ford": two titles of one person */
    if (i > lo && qc_lower(&toks[i]) && !strcmp(toks[i].key, "and") && qc_capword(&toks[i - 1]) &&
        (qc_cls(&toks[i - 1]) & (QC_LX_MOD | QC_LX_TITLE))) {
        for (size_t q = i + 1; q - i <= 3 && qc_capword(&toks[q]); q++)
            if ((qc_cls(&toks[q]) & QC_LX_TITLE) && q > i + 1)
                return true;
    }
    if (!qc_lower(&toks[i]) || strcmp(toks[i].key, "and") || !qc_capword(&toks[i + 1]) ||
        (qc_cls(&toks[i + 1]) & (QC_LX_ORG | QC_LX_FUNC | QC_LX_DET | QC_LX_MALE | QC_LX_FEMALE)))
        return false;
    /* "… at the University of Miami and Chris Fallows of Apex Shark
     * Expeditions": a person with an affiliation of their own */
    {
        size_t q = i + 1;
        while (qc_plain_name_tok(&toks[q]) && qc_capword(&toks[q]) && q - i <= 4)
            q++;
        if (q - i - 1 >= 2 && qc_lower(&toks[q]) && (!strcmp(toks[q].key, "of") || !strcmp(toks[q].key, "from")))
            return false;
    }
    /* "The Bernie and Sid Show": names on both sides, an organisation
     * word closing the run after "and" */
    if (i > lo && qc_capword(&toks[i - 1]) && !(qc_cls(&toks[i - 1]) & QC_LX_ORG)) {
        size_t q = i + 1;
        while (q - i <= 3 && qc_capword(&toks[q]) && !(qc_cls(&toks[q]) & QC_LX_ORG))
            q++;
        if (q - i <= 3 && q > i + 1 && qc_capword(&toks[q]) && (qc_cls(&toks[q]) & QC_LX_ORG))
            return true;
    }
    bool org = false, joined = false;
    for (size_t k = lo; k < i && i - k <= 8; k++) {
        if (qc_capword(&toks[k]) && (qc_cls(&toks[k]) & QC_LX_ORG))
            org = true;
        else if (org && qc_lower(&toks[k]) && (!strcmp(toks[k].key, "of") || !strcmp(toks[k].key, "for")))
            joined = true;
        else if (!qc_capword(&toks[k]) && !qc_lower(&toks[k]))
            org = joined = false;   /* punctuation ends the name */
        else if (joined && (qc_cls(&toks[k]) & QC_LX_TITLE) && !(qc_cls(&toks[k]) & QC_LX_ORG))
            return false;   /* "Bank of America CEO Ken Lewis and …": a person came in between */
    }
    return joined;
}

/* Is toks[i] a lowercase particle inside a person's name ("de", "van",
 * "von der"), after a plain name word? */
static bool qc_name_particle(const qc_token *toks, size_t lo, size_t i)
{
    if (!qc_lower(&toks[i]) || !(qc_cls(&toks[i]) & QC_LX_PARTICLE) || i <= lo)
        return false;
    size_t p = i;
    while (p > lo && qc_lower(&toks[p - 1]) && (qc_cls(&toks[p - 1]) & QC_LX_PARTICLE))
        p--;
    return p > lo && qc_plain_name_tok(&toks[p - 1]) && !(qc_cls(&toks[p - 1]) & QC_LX_ORG);
}

/* "to" joins a name only after a title ("Assistant to the Secretary"). */
static bool qc_connector_at(const qc_token *toks, size_t lo, size_t i)
{
    if (qc_and_joins(toks, lo, i))
        return true;
    /* "on" joins only an organisation's name: "Commission on International
     * Religious Freedom" (not "Trump on Twitter") */
    if (qc_lower(&toks[i]) && !strcmp(toks[i].key, "on"))
        return i > lo && (qc_cls(&toks[i - 1]) & QC_LX_ORG) && qc_capword(&toks[i - 1]);
    if (!qc_connector(&toks[i]))
        return false;
    if (!strcmp(toks[i].key, "to"))
        return i > lo && qc_titleish(&toks[i - 1]);
    return true;
}

/* "Americans", "Iranians": a people, never a person's name. */
static bool qc_demonym_plural(const qc_token *t)
{
    size_t n = strlen(t->key);
    if (!qc_word(t) || n < 4 || n >= sizeof t->key || t->key[n - 1] != 's')
        return false;
    char k[sizeof t->key];
    memcpy(k, t->key, n - 1);
    k[n - 1] = '\0';
    return (qc_lexicon_get(k) & QC_LX_NATION) != 0;
}

/* Are toks[a..b) capitalised modifiers and nothing else ("National",
 * "Federal")? Before a name they make it an organisation's ("National
 * Geographic"), since no title of a person is made of modifiers alone. */
static bool qc_mod_only(const qc_token *toks, size_t a, size_t b)
{
    if (b <= a)
        return false;
    for (size_t i = a; i < b; i++) {
        unsigned c = qc_cls(&toks[i]);
        if (!qc_capword(&toks[i]) || !(c & QC_LX_MOD) || (c & (QC_LX_TITLE | QC_LX_NATION)))
            return false;
    }
    return true;
}

/* An auxiliary that opens a question and is never a name ("Should",
 * "Does"; not "Will" or "May", which are). */
static bool qc_question_aux(const qc_token *t)
{
    static const char *const aux[] = { "should", "could", "would", "might", "must", "shall", "does", "did",
                                       "is", "are", "was", "were", "has", "have", "had" };
    if (!qc_word(t) || (t->flags & QC_TKF_ALLCAPS))
        return false;
    for (size_t i = 0; i < sizeof aux / sizeof *aux; i++)
        if (!strcmp(t->key, aux[i]))
            return true;
    return false;
}

qc_np qc_np_analyze(const qc_token *toks, size_t a, size_t b)
{
    qc_np np;
    memset(&np, 0, sizeof np);
    np.a = a;
    np.b = b;
    if (b <= a)
        return np;
    for (size_t i = a; i < b; i++) {
        unsigned c = qc_cls(&toks[i]);
        if (c & QC_LX_FEMALE)
            np.gender = 'f';
        else if ((c & QC_LX_MALE) && !np.gender)
            np.gender = 'm';
    }
    size_t s = a;
    while (s < b && qc_word(&toks[s]) && (qc_cls(&toks[s]) & QC_LX_DET) && !(toks[s].flags & QC_TKF_POSS))
        s++;
    bool det = s > a;
    if (b - s == 1 && toks[s].type == QC_TK_WORD && (qc_cls(&toks[s]) & QC_LX_PRONOUN) &&
        !(toks[s].flags & QC_TKF_ALLCAPS)) {
        np.kind = QC_NP_PRONOUN;
        strcpy(np.head, toks[s].key);
        return np;
    }
    /* trailing qualifications: "QC", "MP" */
    size_t e = b;
    while (e > s + 1 && qc_suffix(&toks[e - 1]))
        e--;
    /* trailing run of capitalised words */
    size_t c0 = e;
    while (c0 > s) {
        const qc_token *t = &toks[c0 - 1];
        if ((qc_capword(t) || (qc_name_suffix(t) && c0 == e)) &&
            !((t->flags & QC_TKF_POSS) && c0 != e && !qc_poss_in_name(t, &toks[c0]))) {
            c0--;
            continue;
        }
        if (c0 < e && c0 >= s + 4 && qc_nickname_at(toks, c0 - 3) && qc_capword(&toks[c0 - 4])) {
            c0 -= 3;   /* "Aquilino “Koko” Pimentel": a nickname inside the name */
            continue;
        }
        if (c0 < e && c0 - 1 > s + 1 && qc_lower(&toks[c0 - 1]) && (qc_cls(&toks[c0 - 1]) & QC_LX_PARTICLE) &&
            qc_lower(&toks[c0 - 2]) && (qc_cls(&toks[c0 - 2]) & QC_LX_PARTICLE) && c0 - 2 > s &&
            qc_capword(&toks[c0 - 3])) {
            c0 -= 2;   /* "Remco van der Burg", "Ursula von der Leyen" */
            continue;
        }
        if (c0 < e && qc_connector_at(toks, s, c0 - 1) && c0 - 1 > s &&
            (qc_capword(&toks[c0 - 2]) || (qc_word(&toks[c0 - 2]) && (qc_cls(&toks[c0 - 2]) & QC_LX_DET) &&
                                           c0 - 2 > s && qc_capword(&toks[c0 - 3])))) {
            c0--;
            continue;
        }
        if (c0 < e && qc_word(t) && (qc_cls(t) & QC_LX_DET) && c0 - 1 > s && qc_connector(&toks[c0 - 2]))
        {
            c0--;   /* "of the United States" */
            continue;
        }
        break;
    }
    /* drop sentence-initial function words ("The", "After") and the
     * auxiliaries opening a question ("Should I make a move?") */
    while (c0 < e && (((qc_cls(&toks[c0]) & QC_LX_FUNC) && !(toks[c0].flags & QC_TKF_ALLCAPS)) || qc_lower(&toks[c0]) ||
                      qc_question_aux(&toks[c0])))
        c0++;
    /* "Said Paul Azinger: …": the verb before a full name ("Edward Said"
     * ends a name) */
    if (e - c0 >= 3 && (!strcmp(toks[c0].key, "said") || !strcmp(toks[c0].key, "says")) && qc_capword(&toks[c0 + 1]))
        c0++;
    /* "Fourteen-year-old Zoe": an age describes the person, it is not part
     * of the name */
    while (c0 + 1 < e && qc_word(&toks[c0]) && strlen(toks[c0].key) > 9 &&
           !strcmp(toks[c0].key + strlen(toks[c0].key) - 9, "-year-old"))
        c0++;
    const qc_token *last = &toks[e - 1];
    /* "victim group Ending Clergy Abuse", "the company Hasbro": a kind of
     * organisation before the name makes it one */
    if (c0 < e && c0 > s && qc_lower(&toks[c0 - 1])) {
        static const char *const kinds[] = { "group", "company", "firm", "organisation", "organization", "charity",
                                             "party", "network", "agency", "union", "association", "coalition",
                                             "movement", "band", "club", "brand", "startup", "start-up", "outlet",
                                             "website", "newspaper", "magazine", "publisher", "studio", "nonprofit",
                                             "non-profit", "broadcaster", "retailer", "manufacturer", "airline",
                                             "organisations", "groups", "companies" };
        for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
            if (!strcmp(toks[c0 - 1].key, kinds[k])) {
                np.kind = QC_NP_ORG;
                np.na = c0;
                np.nb = e;
                np.ta = a;
                np.tb = c0;
                return np;
            }
    }
    /* "the prosecutor general of Tehran", "the mayor of London" */
    if (c0 < e && c0 >= s + 2 && qc_connector(&toks[c0 - 1]) && qc_lower(&toks[c0 - 2]) && qc_titleish(&toks[c0 - 2]) &&
        e - c0 <= 2) {
        np.kind = QC_NP_ROLE;
        np.ta = s;
        np.tb = c0 - 1;
        strcpy(np.head, toks[c0 - 2].key);
        /* "an official from TfL", "a spokesman for the Home Office": the
         * organisation, should the text not name the person */
        const char *cn = toks[c0 - 1].key;
        bool org_name = qc_orgword(last);
        for (size_t i = c0; i < e; i++)
            org_name = org_name || ((qc_cls(&toks[i]) & QC_LX_ORG) && qc_capword(&toks[i]));
        /* "a spokesman for Air France", "a publicist for Jagger": whoever
         * they speak for */
        if (!strcmp(cn, "for") && (!strncmp(toks[c0 - 2].key, "spokes", 6) || !strcmp(toks[c0 - 2].key, "publicist")))
            org_name = true;
        if (org_name && (!strcmp(cn, "from") || !strcmp(cn, "for") || !strcmp(cn, "at"))) {
            np.na = c0;
            np.nb = e;
        }
        return np;
    }
    {
        /* "Doug Miller of Milltech Marine", "Suman Haripriya of the Hajo
         * assembly": a plain name, then its affiliation */
        size_t p = s;
        while (p < e && (qc_titleish(&toks[p]) || (qc_lower(&toks[p]) && !(qc_cls(&toks[p]) & (QC_LX_CONNECT | QC_LX_PARTICLE)))))
            p++;
        size_t q = p;
        while (q < e && ((qc_plain_name_tok(&toks[q]) && !qc_connector(&toks[q])) ||
                         qc_name_particle(toks, p, q)))
            q++;   /* "Mohammad bin Salman of Saudi Arabia" */
        if (q - p >= 2 && q < e && qc_connector(&toks[q]) &&
            (!strcmp(toks[q].key, "of") || !strcmp(toks[q].key, "from") || !strcmp(toks[q].key, "at"))) {
            np.kind = QC_NP_PERSON;
            np.na = p;
            np.nb = q;
            np.ta = a;
            np.tb = p;
            return np;
        }
    }
    if (c0 < e) {
        size_t p = c0;
        while (p < e && qc_titleish(&toks[p]))
            p++;
        size_t q = p;
        while (q < e && ((qc_plain_name_tok(&toks[q]) && !qc_connector(&toks[q])) ||
                         qc_name_particle(toks, p, q)))
            q++;   /* "Mohammad bin Salman of Saudi Arabia" */
        if (q - p >= 2 && q < e && qc_connector(&toks[q]) &&
            (!strcmp(toks[q].key, "of") || !strcmp(toks[q].key, "from") || !strcmp(toks[q].key, "at"))) {
            np.kind = QC_NP_PERSON;
            np.na = p;
            np.nb = q;
            np.ta = a;
            np.tb = p;
            return np;
        }
        /* the last organisation word of the run */
        size_t o = (size_t)-1;
        for (size_t i = c0; i < e; i++)
            if ((qc_cls(&toks[i]) & QC_LX_ORG) && !qc_titleish(&toks[i]))
                o = i;
            else if ((qc_cls(&toks[i]) & QC_LX_ORG) && i + 1 == e)
                o = i;
        bool acronym_last = qc_orgword(last) && !(last->flags & QC_TKF_DIGIT) && !qc_name_suffix(last);   /* not "III" */
        /* last title-like word with something after it */
        size_t n0 = c0;
        bool via_connector = false;
        for (size_t i = c0; i + 1 < e; i++) {
            if (qc_titleish(&toks[i])) {
                n0 = i + 1;
            } else if (qc_name_particle(toks, c0, i)) {
                continue;   /* "Jan de Vries", "Ursula von der Leyen" */
            } else if (qc_connector(&toks[i]) || (qc_cls(&toks[i]) & QC_LX_DET)) {
                n0 = i + 1;
                via_connector = true;
            }
        }
        /* "Mayor de Blasio": a name particle after a title opens the name */
        if (via_connector && n0 > c0 + 1 && n0 < e && qc_lower(&toks[n0 - 1]) &&
            (qc_cls(&toks[n0 - 1]) & QC_LX_PARTICLE) && qc_titleish(&toks[n0 - 2]) && qc_capword(&toks[n0 - 2])) {
            n0--;
            via_connector = false;
        }
        while (n0 < e && !(qc_lower(&toks[n0]) && (qc_cls(&toks[n0]) & QC_LX_PARTICLE) && n0 + 1 < e &&
                           qc_capword(&toks[n0 + 1]) && n0 > c0 && qc_titleish(&toks[n0 - 1])) &&
               (qc_lower(&toks[n0]) || (qc_cls(&toks[n0]) & QC_LX_DET)))
            n0++;
        bool all_title = true;
        for (size_t i = c0; i < e; i++)
            if (!qc_titleish(&toks[i]) && !qc_lower(&toks[i]) && !(qc_cls(&toks[i]) & (QC_LX_ORG | QC_LX_DET)))
                all_title = false;
        bool org = acronym_last || (o != (size_t)-1 && o + 1 == e);
        if (!org && o != (size_t)-1 && o + 1 < e && e - c0 <= 4) {
            /* "Daily Post Nigeria": two words of organisations and no
             * first name in a short run name an organisation (a place
             * after its name) */
            size_t orgw = 0;
            bool first_name = false;
            for (size_t i = c0; i < e; i++) {
                if ((qc_cls(&toks[i]) & QC_LX_ORG) && qc_capword(&toks[i]))
                    orgw++;
                if (qc_cls(&toks[i]) & (QC_LX_MALE | QC_LX_FEMALE))
                    first_name = true;
            }
            org = orgw >= 2 && !first_name;
        }
        if (!org && o != (size_t)-1 && o + 1 < e &&
            (qc_connector(&toks[o + 1]) || (qc_lower(&toks[o + 1]) && !strcmp(toks[o + 1].key, "on")))) {
            /* "University of California", "Ministry of Foreign Affairs" —
             * unless a person's name follows the qualifier */
            size_t caps = 0;
            bool joined = false;   /* "Centers for Disease Control and Prevention" */
            for (size_t i = o + 2; i < e; i++) {
                if (qc_plain_name_tok(&toks[i]))
                    caps++;
                joined = joined || qc_and_joins(toks, c0, i);
            }
            if (caps <= 2 || joined)
                org = true;
        }
        if (org && !(det && qc_lower(&toks[s]) && false)) {
            /* "Kurdish-led Syrian Democratic Forces": the modifier is not
             * part of the name */
            while (c0 + 1 < e && strchr(toks[c0].key, '-') &&
                   (qc_cls(&toks[c0]) & QC_LX_MOD) && !(qc_cls(&toks[c0]) & QC_LX_ORG))
                c0++;
            np.kind = QC_NP_ORG;
            np.na = c0;
            np.nb = e;
            np.ta = a;
            np.tb = c0;
            return np;
        }
        if (all_title || (qc_cls(last) & QC_LX_TITLE && det && !qc_name_suffix(last))) {
            np.kind = QC_NP_ROLE;
            np.ta = s;
            np.tb = e;
            strcpy(np.head, last->key);
            return np;
        }
        /* "the Supreme Leader of Iran": a title of a place, no name */
        if (via_connector && e - n0 == 1 && n0 > c0) {
            np.kind = QC_NP_ROLE;
            np.ta = s;
            np.tb = n0;
            strcpy(np.head, toks[n0 - 1].key);
            return np;
        }
        /* "Mayor of London Sadiq Khan": the place before the name */
        /* "Secretary of Justice Wanda Vázquez Garced", "Minister of Foreign
         * Affairs …": a department made of modifier words, then the name */
        size_t md = n0;
        while (via_connector && md < e && qc_capword(&toks[md]) && (qc_cls(&toks[md]) & QC_LX_MOD) &&
               !(qc_cls(&toks[md]) & QC_LX_NATION))
            md++;
        bool dept = md > n0 && e - md >= 2 && e - md <= 3;
        if (dept)
            n0 = md;
        else if (via_connector && n0 > c0 + 1 && (qc_cls(&toks[n0 - 1]) & (QC_LX_TITLE | QC_LX_MOD)) &&
                 !(qc_cls(&toks[n0 - 1]) & QC_LX_NATION) && qc_capword(&toks[n0 - 1]) &&
                 qc_connector(&toks[n0 - 2]) && e - n0 <= 3)
            dept = true;   /* the department already passed as a title word */
        if (!dept && via_connector && e - n0 >= 3) {
            size_t keep = 2;
            if (qc_cls(&toks[e - 2]) & QC_LX_PARTICLE || (toks[e - 2].flags & QC_TKF_ABBR) || qc_name_suffix(&toks[e - 1]))
                keep = 3;
            if (e - n0 > keep)
                n0 = e - keep;
            while (n0 < e && qc_lower(&toks[n0]))
                n0++;   /* never open a name with "and" */
        }
        /* a direction word opening a run of two or more names a place
         * ("West Bank"); alone it may be a surname ("West claimed") */
        if ((n0 == c0 && n0 + 1 < e) || (n0 == c0 + 1 && e - n0 == 1)) {   /* "South Africa", "North Korea" */
            static const char *const dirs[] = { "eastern", "western", "northern", "southern", "central",
                                                "east", "west", "north", "south", "upper", "lower", "greater" };
            for (size_t d = 0; d < sizeof dirs / sizeof *dirs; d++)
                if (!strcmp(toks[c0].key, dirs[d]))
                    return np;   /* QC_NP_NONE */
        }
        /* a model or product ("Volvo XC90"), not a person */
        for (size_t i = n0; i < e; i++)
            if (toks[i].flags & QC_TKF_DIGIT)
                return np;   /* QC_NP_NONE */
        /* "Florida Governor", "Texas Senator": a place and an office, no
         * name (a headline's way) */
        if (e - c0 == 2 && n0 == c0 && qc_capword(&toks[c0]) && qc_capword(&toks[c0 + 1]) &&
            !(qc_cls(&toks[c0]) & (QC_LX_MALE | QC_LX_FEMALE | QC_LX_ORG | QC_LX_TITLE | QC_LX_MOD)) &&
            !(toks[c0].flags & (QC_TKF_ALLCAPS | QC_TKF_POSS))) {
            static const char *const offices[] = { "governor", "senator", "mayor", "premier", "president",
                                                   "minister", "chancellor", "congressman", "congresswoman" };
            for (size_t i = 0; i < sizeof offices / sizeof *offices; i++)
                if (!strcmp(toks[c0 + 1].key, offices[i])) {
                    np.kind = QC_NP_ROLE;
                    np.ta = s;
                    np.tb = e;
                    strcpy(np.head, toks[c0 + 1].key);
                    return np;
                }
        }
        /* "Melbourne Lord Mayor": titles all the way, no name after them */
        if (e - n0 == 1 && n0 > c0 && qc_titleish(&toks[n0 - 1]) && (qc_cls(&toks[n0]) & QC_LX_TITLE)) {
            np.kind = QC_NP_ROLE;
            np.ta = s;
            np.tb = e;
            strcpy(np.head, toks[n0].key);
            return np;
        }
        /* "Republican", "Democrats": a party member or a group, not a name */
        if (e - n0 == 1 && (((qc_cls(&toks[n0]) & QC_LX_GENERIC) && !(qc_cls(&toks[n0]) & QC_LX_ORG)) ||
                            qc_demonym_plural(&toks[n0]))) {
            np.kind = QC_NP_GENERIC;
            np.ta = s;
            np.tb = e;
            strcpy(np.head, toks[n0].key);
            return np;
        }
        /* "Defence Force Ross Russell", "the House Intelligence Committee
         * Represenative Adam Schiff": an organisation's name (or a word
         * the lexicon does not know after it) before a full name is who
         * the person belongs to, not part of the name */
        for (size_t w = e >= n0 + 3 ? e - 2 : n0; w-- > n0;) {
            if (!(qc_cls(&toks[w]) & QC_LX_ORG) || !qc_capword(&toks[w]) || (toks[w].flags & QC_TKF_ALLCAPS))
                continue;
            size_t f = w + 1;
            bool plain = true;
            for (size_t i = f; i < e && plain; i++)
                plain = qc_plain_name_tok(&toks[i]) && !qc_connector(&toks[i]) && !(qc_cls(&toks[i]) & QC_LX_ORG);
            if (plain && e - f >= 3 && !(qc_cls(&toks[f]) & (QC_LX_MALE | QC_LX_FEMALE)) &&
                (qc_cls(&toks[f + 1]) & (QC_LX_MALE | QC_LX_FEMALE)))
                f++;   /* an unknown title word before a first name */
            if (plain)
                n0 = f;
            break;
        }
        /* "Dean Skelos": opening the run before a single name, "Dean" is
         * far more often a first name than a university's title */
        if (n0 == c0 + 1 && e - n0 == 1 && !strcmp(toks[c0].key, "dean") && qc_capword(&toks[c0]) &&
            !(toks[c0].flags & QC_TKF_ALLCAPS))
            n0 = c0;
        /* "Democrat Chuck Schumer": a party label before a full name */
        if (e - n0 >= 3 && (!strcmp(toks[n0].key, "democrat") || !strcmp(toks[n0].key, "republican") ||
                            !strcmp(toks[n0].key, "tory") || !strcmp(toks[n0].key, "libertarian")))
            n0++;
        np.kind = e - n0 == 1 && qc_mod_only(toks, c0, n0) ? QC_NP_ORG : QC_NP_PERSON;
        np.na = np.kind == QC_NP_ORG ? c0 : n0;
        np.nb = e;
        np.ta = a;
        np.tb = np.na;
        return np;
    }
    unsigned lc = qc_cls(last);
    strcpy(np.head, last->key);
    np.ta = s;
    np.tb = e;
    if (lc & QC_LX_DOC)
        np.kind = QC_NP_DOC;
    else if (lc & QC_LX_GENERIC && !(lc & QC_LX_TITLE && !(lc & QC_LX_GENERIC)))
        np.kind = (lc & QC_LX_TITLE) && strcmp(last->key, "official") ? QC_NP_ROLE : QC_NP_GENERIC;
    else if (lc & QC_LX_TITLE)
        np.kind = QC_NP_ROLE;
    else if (lc & QC_LX_ORG)
        np.kind = QC_NP_GENERIC;   /* "the ministry", "the company" */
    /* "an Interpol spokesperson", "a Pentagon spokesman": the organisation */
    if (np.kind == QC_NP_ROLE || np.kind == QC_NP_GENERIC) {
        size_t oa = (size_t)-1, ob = 0;
        for (size_t i = s; i < e; i++)
            if (qc_capword(&toks[i]) && !(qc_cls(&toks[i]) & (QC_LX_NATION | QC_LX_FUNC))) {
                if (oa == (size_t)-1)
                    oa = i;
                ob = i + 1;
            } else if (oa != (size_t)-1) {
                break;
            }
        if (oa != (size_t)-1) {
            np.na = oa;
            np.nb = ob;
        }
    }
    return np;
}

/* Words a speaker phrase may contain besides capitalised ones. */
/* Does a subordinating word ("as", "when", "because", …) open the clause
 * holding toks[k], within six words before it and after the sentence's
 * own start (not at it: "As the coroner spoke, …" leads to the main
 * clause's subject, later)? */
static bool qc_subordinate(const qc_token *toks, size_t a, size_t k)
{
    /* (not "while", "whereas": "Duda said … while Brudziński wrote he had
     * ordered checks. He tweeted …" sets a second main clause beside) */
    static const char *const subs[] = { "as", "when", "because", "although", "though", "after", "before",
                                        "until", "since" };
    for (size_t c = k, n = 0; c > a && n < 6; c--, n++) {
        const qc_token *t = &toks[c - 1];
        if (t->type == QC_TK_PUNCT && (t->flags & QC_TKF_SENT_END))
            return false;
        if (t->type != QC_TK_WORD || !qc_lower(t))
            continue;
        for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
            if (!strcmp(t->key, subs[i])) {
                if (c - 1 == a || (toks[c - 2].type == QC_TK_PUNCT && (toks[c - 2].flags & QC_TKF_SENT_END)))
                    return false;   /* opens the sentence */
                if (!strcmp(t->key, "as") && toks[c - 2].type == QC_TK_WORD &&
                    (!strcmp(toks[c - 2].key, "such") || !strcmp(toks[c - 2].key, "well")))
                    return false;
                return true;
            }
    }
    return false;
}

static bool qc_np_inner(const qc_token *t)
{
    if (!qc_word(t))
        return false;
    /* "First Lady", "First Minister": a title despite the function word */
    if ((t->flags & QC_TKF_CAP) && !strcmp(t->key, "first") && qc_word(t + 1) && (t[1].flags & QC_TKF_CAP) &&
        (qc_cls(t + 1) & QC_LX_TITLE))
        return true;
    /* "New Zealand", "New York": a place despite the function word */
    if ((t->flags & QC_TKF_CAP) && !strcmp(t->key, "new") && qc_word(t + 1) && (t[1].flags & QC_TKF_CAP) &&
        !(qc_cls(t + 1) & (QC_LX_FUNC | QC_LX_TITLE)))
        return true;
    if (qc_capword(t)) {
        unsigned c = qc_cls(t);
        return !(c & QC_LX_FUNC) || (t->flags & QC_TKF_ALLCAPS) || (c & QC_LX_DET);
    }
    if (!qc_lower(t))
        return false;
    return (qc_cls(t) & (QC_LX_TITLE | QC_LX_MOD | QC_LX_NATION | QC_LX_GENERIC | QC_LX_DOC | QC_LX_ORG |
                         QC_LX_CONNECT | QC_LX_PARTICLE)) != 0;
}

qc_np qc_np_backward(const qc_token *toks, size_t lo, size_t j)
{
    qc_np none;
    memset(&none, 0, sizeof none);
    none.a = none.b = j;
    /* "The World Food Programme (WFP) said": skip the acronym */
    if (j >= lo + 4 && toks[j - 1].cp == ')' && toks[j - 1].type == QC_TK_PUNCT && toks[j - 3].cp == '(' &&
        toks[j - 3].type == QC_TK_PUNCT && (toks[j - 2].flags & QC_TKF_ALLCAPS))
        j -= 3;
    if (j <= lo)
        return none;
    const qc_token *t = &toks[j - 1];
    if (qc_word(t) && (qc_cls(t) & QC_LX_PRONOUN) && !(qc_cls(t) & QC_LX_DET) && qc_lower(t))
        return qc_np_analyze(toks, j - 1, j);
    if (qc_word(t) && (qc_cls(t) & QC_LX_PRONOUN) && (t->flags & QC_TKF_CAP) && strlen(t->key) <= 4 &&
        !(qc_cls(t) & QC_LX_DET))
        return qc_np_analyze(toks, j - 1, j);   /* "He said" at sentence start */
    size_t i = j;
    while (i > lo && j - i < 16) {
        t = &toks[i - 1];
        unsigned c = qc_cls(t);
        if (qc_word(t) && (c & QC_LX_DET) && !(t->flags & QC_TKF_POSS)) {
            i--;
            /* "Steve Peers of the University of Essex": go on past "of the" */
            if (i >= lo + 2 && qc_lower(&toks[i - 1]) && (qc_cls(&toks[i - 1]) & QC_LX_CONNECT) &&
                strcmp(toks[i - 1].key, "and") && qc_capword(&toks[i - 2]) && !(qc_cls(&toks[i - 2]) & QC_LX_FUNC)) {
                i--;
                continue;
            }
            break;
        }
        /* "the aviation minister": a portfolio word between the article
         * and the title */
        if (!qc_np_inner(t) && !(qc_lower(t) && !qc_cls(t) && i < j && qc_word(&toks[i]) &&
                                 (qc_cls(&toks[i]) & QC_LX_TITLE) && i >= lo + 2 && qc_word(&toks[i - 2]) &&
                                 (qc_cls(&toks[i - 2]) & QC_LX_DET) && !(toks[i - 2].flags & QC_TKF_POSS)))
            break;
        i--;
        if ((t->flags & QC_TKF_POSS) && !(i + 1 < j && qc_poss_in_name(t, &toks[i + 1])))
            break;
    }
    /* trim leading connectors that are not determiners */
    while (i < j && qc_lower(&toks[i]) && (qc_cls(&toks[i]) & (QC_LX_CONNECT | QC_LX_PARTICLE)) &&
           !(qc_cls(&toks[i]) & QC_LX_DET))
        i++;
    /* "on Twitter West accused": the network is where, not who */
    if (i > lo && i + 1 < j && qc_lower(&toks[i - 1]) &&
        (!strcmp(toks[i - 1].key, "on") || !strcmp(toks[i - 1].key, "via"))) {
        static const char *const nets[] = { "twitter", "facebook", "instagram", "youtube", "weibo", "tiktok",
                                            "linkedin", "reddit", "telegram", "truth" };
        for (size_t k = 0; k < sizeof nets / sizeof *nets; k++)
            if (!strcmp(toks[i].key, nets[k]) && qc_capword(&toks[i + 1])) {
                i++;
                break;
            }
    }
    if (i == j)
        return none;
    return qc_np_analyze(toks, i, j);
}

qc_np qc_np_forward(const qc_token *toks, size_t i, size_t hi)
{
    qc_np none;
    memset(&none, 0, sizeof none);
    none.a = none.b = i;
    if (i >= hi)
        return none;
    const qc_token *t = &toks[i];
    /* "US Secretary of State …" is no "us" */
    if (qc_word(t) && (qc_cls(t) & QC_LX_PRONOUN) && !(qc_cls(t) & QC_LX_DET) && !(t->flags & QC_TKF_ALLCAPS))
        return qc_np_analyze(toks, i, i + 1);
    size_t j = i;
    if (qc_word(t) && (qc_cls(t) & QC_LX_DET))
        j++;
    while (j < hi && j - i < 16) {
        t = &toks[j];
        if (!qc_np_inner(t))
            break;
        if (qc_lower(t) && (qc_cls(t) & (QC_LX_CONNECT | QC_LX_PARTICLE)) &&
            !(qc_cls(t) & (QC_LX_TITLE | QC_LX_MOD))) {
            if (!qc_connector_at(toks, i, j) && strcmp(t->key, "the"))
                break;
            /* a connector must lead on to more of the phrase */
            size_t k = j;
            while (k < hi && k - j < 2 && qc_lower(&toks[k]) && (qc_cls(&toks[k]) & (QC_LX_CONNECT | QC_LX_PARTICLE)))
                k++;
            if (k >= hi || !(qc_capword(&toks[k]) || (qc_lower(&toks[k]) && qc_titleish(&toks[k]))))
                break;
            if (!strcmp(t->key, "and") && !qc_and_joins(toks, i, j))
                break;
            j = k;
            continue;
        }
        j++;
        if ((t->flags & QC_TKF_POSS) && !(j < hi && qc_np_inner(&toks[j])))
            break;
    }
    if (j == i || (j == i + 1 && (qc_cls(&toks[i]) & QC_LX_DET)))
        return none;
    return qc_np_analyze(toks, i, j);
}

/* ---- registry --------------------------------------------------------- */

char *qc_ents_span_text(qc_ents *self, size_t a, size_t b)
{
    if (b <= a)
        return qc_arena_strdup(self->arena, "");
    size_t len = 0;
    for (size_t i = a; i < b; i++)
        len += self->toks[i].end - self->toks[i].start + 1;
    char *out = qc_arena_alloc(self->arena, len + 1);
    size_t k = 0;
    for (size_t i = a; i < b; i++) {
        const qc_token *t = &self->toks[i];
        if (i > a && (t->flags & QC_TKF_SPACE_BEFORE))
            out[k++] = ' ';
        memcpy(out + k, self->text + t->start, t->end - t->start);
        k += t->end - t->start;
    }
    out[k] = '\0';
    return out;
}

/* The name of toks[a..b) without a trailing possessive. */
static char *qc_ents_name_text(qc_ents *self, size_t a, size_t b)
{
    /* a nickname in marks inside the name is not part of it ("Aquilino
     * “Koko” Pimentel") */
    for (size_t i = a + 1; i + 3 < b; i++)
        if (qc_nickname_at(self->toks, i)) {
            char *l = qc_ents_name_text(self, a, i), *r = qc_ents_name_text(self, i + 3, b);
            return qc_arena_printf(self->arena, "%s %s", l, r);
        }
    char *s = qc_ents_span_text(self, a, b);
    size_t n = strlen(s);
    if (b > a && (self->toks[b - 1].flags & QC_TKF_POSS)) {
        if (n >= 2 && s[n - 1] == 's' && s[n - 2] == '\'')
            s[n - 2] = '\0';
        else if (n >= 4 && s[n - 1] == 's' && !memcmp(s + n - 4, "\xE2\x80\x99", 3))
            s[n - 4] = '\0';
    }
    return s;
}

/* Folded key: lowercase letters and digits only, doubled letters collapsed
 * (so "Qassem" and "Qasem" compare equal). */
static char *qc_ents_key(qc_ents *self, const char *name)
{
    char *f = qc_utf8_fold(name, strlen(name));
    size_t n = strlen(f), k = 0;
    char *out = qc_arena_alloc(self->arena, n + 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)f[i];
        if (c == '\'' && i + 1 < n && f[i + 1] == 's' && i + 2 == n)
            break;   /* possessive ("Sheriff's Office" keeps its inner one) */
        if (!isalnum(c) && c < 0x80) {
            if (c == ' ' && k > 0 && out[k - 1] != ' ')
                out[k++] = ' ';
            continue;
        }
        if (k > 0 && out[k - 1] == (char)c && isalpha(c))
            continue;
        out[k++] = (char)c;
    }
    while (k > 0 && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    free(f);
    return out;
}

static const char *qc_last_word(const char *key)
{
    const char *sp = strrchr(key, ' ');
    const char *w = sp ? sp + 1 : key;
    if (sp && (!strcmp(w, "jr") || !strcmp(w, "sr") || !strcmp(w, "ii") || !strcmp(w, "iii") || !strcmp(w, "iv"))) {
        const char *p = sp;
        while (p > key && p[-1] != ' ')
            p--;
        static _Thread_local char buf[64];
        size_t n = (size_t)(sp - p) < sizeof buf - 1 ? (size_t)(sp - p) : sizeof buf - 1;
        memcpy(buf, p, n);
        buf[n] = '\0';
        return buf;
    }
    return w;
}

/* Is s (any case) one of the acronyms of e? */
static bool qc_ent_acronym_is(const qc_ent *e, const char *s)
{
    return (e->acronym && !strcasecmp(e->acronym, s)) || (e->acronym2 && !strcasecmp(e->acronym2, s));
}

/* Upper-case initials of the capitalised words of toks[a..b) (acronyms
 * whole); with conn, of "of", "for" and "and" too ("TfL", "BoE"). */
static void qc_initials(const qc_token *toks, size_t a, size_t b, char *out, size_t cap, bool conn)
{
    size_t k = 0;
    for (size_t i = a; i < b && k + 1 < cap; i++) {
        const qc_token *t = &toks[i];
        if (conn && qc_lower(t) && (!strcmp(t->key, "of") || !strcmp(t->key, "for") || !strcmp(t->key, "and"))) {
            out[k++] = (char)toupper((unsigned char)t->key[0]);
            continue;
        }
        if (!qc_capword(t))
            continue;
        if (t->flags & QC_TKF_ALLCAPS) {
            for (const char *p = t->key; *p && k + 1 < cap; p++)
                if (isalpha((unsigned char)*p))
                    out[k++] = (char)toupper((unsigned char)*p);
        } else {
            out[k++] = (char)toupper((unsigned char)t->key[0]);
        }
    }
    out[k] = '\0';
}

/* A plain word right before a title word names its portfolio: "health" in
 * "the local health minister", "Aviation" in "Civil Aviation Minister". */
static bool qc_portfolio_at(const qc_token *toks, size_t i, size_t b)
{
    const qc_token *t = &toks[i];
    return qc_word(t) && i + 1 < b && qc_word(&toks[i + 1]) && (qc_cls(&toks[i + 1]) & QC_LX_TITLE) &&
           !(qc_cls(t) & ~(unsigned)QC_LX_ORG) && !(t->flags & (QC_TKF_ALLCAPS | QC_TKF_POSS | QC_TKF_DIGIT)) &&
           strlen(t->key) >= 3 && strlen(t->key) < 60;
}

/* A title as written out ("gov." is "governor"), so that "Florida Gov.
 * Rick Scott" is "the Florida Governor". */
static const char *qc_title_full(const char *key)
{
    static const char *const abbr[][2] = { { "gov.", "governor" }, { "sen.", "senator" },
                                           { "rep.", "representative" }, { "gen.", "general" },
                                           { "lt.", "lieutenant" }, { "col.", "colonel" },
                                           { "capt.", "captain" }, { "sgt.", "sergeant" },
                                           { "prof.", "professor" }, { "supt.", "superintendent" },
                                           { "insp.", "inspector" }, { "det.", "detective" },
                                           { "maj.", "major" }, { "adm.", "admiral" }, { "pres.", "president" } };
    for (size_t i = 0; i < sizeof abbr / sizeof *abbr; i++)
        if (!strcmp(key, abbr[i][0]))
            return abbr[i][1];
    return key;
}

static void qc_ent_add_title(qc_ents *self, qc_ent *e, const qc_token *toks, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if (qc_portfolio_at(toks, i, b)) {
            char pk[64];
            snprintf(pk, sizeof pk, "~%s", toks[i].key);
            bool have = false;
            for (size_t k = 0; k < e->titles.len; k++)
                if (!strcmp(e->titles.items[k], pk))
                    have = true;
            if (!have)
                array_push(&e->titles, qc_arena_strdup(self->arena, pk));
            continue;
        }
        if (!(qc_cls(&toks[i]) & (QC_LX_TITLE | QC_LX_MOD)) || (toks[i].flags & QC_TKF_ALLCAPS))
            continue;
        const char *w = qc_title_full(toks[i].key);
        bool have = false;
        for (size_t k = 0; k < e->titles.len; k++)
            if (!strcmp(e->titles.items[k], w))
                have = true;
        if (!have)
            array_push(&e->titles, qc_arena_strdup(self->arena, w));
    }
}

void qc_ent_add_title_words(qc_ents *self, int ent, size_t a, size_t b)
{
    if (ent >= 0)
        qc_ent_add_title(self, &self->ents.items[ent], self->toks, a, b);
}

static void qc_ent_add_form(qc_ents *self, qc_ent *e, const char *form)
{
    for (size_t k = 0; k < e->forms.len; k++)
        if (!strcmp(e->forms.items[k], form))
            return;
    array_push(&e->forms, qc_arena_strdup(self->arena, form));
}

static size_t qc_word_count(const char *s)
{
    size_t n = 0;
    bool in = false;
    for (; *s; s++) {
        if (*s == ' ')
            in = false;
        else if (!in) {
            in = true;
            n++;
        }
    }
    return n;
}

/* Position of `w` among the words of `key` other than its last one
 * (0 = first), or -1. */
static int qc_key_inner_word(const char *key, const char *w)
{
    size_t n = strlen(w);
    int k = 0;
    for (const char *p = key; *p; k++) {
        const char *e = strchr(p, ' ');
        if (!e)
            return -1;   /* the last word */
        if ((size_t)(e - p) == n && !memcmp(p, w, n))
            return k;
        p = e + 1;
    }
    return -1;
}

/* Is the last word of a name hyphenated, as the given names of Korean and
 * Taiwanese names written surname first are ("Tong Yung-soo")? */
static bool qc_name_hyphen_last(const char *name)
{
    const char *sp = strrchr(name, ' ');
    return sp && strchr(sp + 1, '-') != NULL;
}

/* Do the titles of np include an honorific ("Mr", "Ms", "Dr")? Those go
 * with a surname, whichever end of the name it is written at. */
static bool qc_np_honorific(const qc_token *toks, const qc_np *np)
{
    static const char *const hon[] = { "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "dr", "dr.", "miss" };
    for (size_t i = np->ta; i < np->tb; i++)
        for (size_t h = 0; h < sizeof hon / sizeof *hon; h++)
            if (!strcmp(toks[i].key, hon[h]))
                return true;
    return false;
}

static bool qc_ent_fits_role(const qc_ent *e, const qc_token *toks, size_t a, size_t b);

/* May the single name `key` (of phrase np) be a non-last word of person e:
 * a middle word of three or more (double surnames: "Vázquez" of Wanda
 * Vázquez Garced), or the first one when it is the surname of a name
 * written surname first ("Mr Tong", or a hyphenated given name)? */
static bool qc_inner_surname(const qc_ent *e, const char *key, const qc_token *toks, const qc_np *np)
{
    int k = qc_key_inner_word(e->key, key);
    if (k < 0)
        return false;
    if (k > 0)
        return true;
    /* "Sergey" for "Sergey M.": a name whose surname is only an initial */
    const char *sp = strrchr(e->name, ' ');
    if (sp && (toks[np->na].flags & QC_TKF_CAP) && qc_word_count(e->key) == 2 &&
        ((sp[1] && sp[2] == '.' && !sp[3]) || (sp[1] && !strcmp(sp + 2, "\xE2\x80\xA4"))))
        return true;
    /* "Prime Minister Tuilaepa" for Prime Minister Tuilaepa Sailele
     * Malielegaoi: the first word with the same title */
    return qc_name_hyphen_last(e->name) || qc_np_honorific(toks, np) ||
           (np->tb > np->ta && qc_ent_fits_role(e, toks, np->ta, np->tb));
}

/* Does the longer key end with the words of the shorter one ("gloria la
 * riva" / "la riva", "wanda vazquez garced" / "vazquez garced")? */
/* Put the shorter string (and its length) first. */
static void qc_shorter_first(const char **a, size_t *na, const char **b, size_t *nb)
{
    *na = strlen(*a);
    *nb = strlen(*b);
    if (*na > *nb) {
        const char *t = *a;
        *a = *b;
        *b = t;
        size_t tn = *na;
        *na = *nb;
        *nb = tn;
    }
}

static bool qc_key_word_suffix(const char *b, const char *a)
{
    size_t na, nb;
    qc_shorter_first(&b, &nb, &a, &na);   /* a: the longer */
    return na > nb && a[na - nb - 1] == ' ' && !strcmp(a + na - nb, b);
}

/* Are two folded surnames one spelling apart: one letter changed, added
 * or dropped, the shorter of four letters or more (keys collapse doubled
 * letters: "saree" is "sare"), the first letter the same ("sarea" /
 * "saree", "wasef" / "wasif")? Transliterated names vary so within one
 * article. */
static bool qc_surname_variant(const char *a, const char *b)
{
    size_t na, nb;
    qc_shorter_first(&a, &na, &b, &nb);
    if (na < 4 || nb - na > 1 || a[0] != b[0] || !strcmp(a, b))
        return false;
    for (size_t i = 0; i < nb; i++)
        if ((unsigned char)b[i] >= 0x80 || !isalpha((unsigned char)b[i]) ||
            (i < na && ((unsigned char)a[i] >= 0x80 || !isalpha((unsigned char)a[i]))))
            return false;
    size_t p = 0;
    while (p < na && a[p] == b[p])
        p++;
    if (na == nb)
        return !strcmp(a + p + 1, b + p + 1);   /* one letter changed */
    return !strcmp(a + p, b + p + 1);           /* one letter added */
}

/* Do two folded person keys name the same person? */
static bool qc_person_same(const char *a, const char *b)
{
    if (!strcmp(a, b))
        return true;
    if (qc_key_word_suffix(a, b))
        return true;   /* particle and double surnames */
    const char *la = qc_last_word(a), *lb = qc_last_word(b);
    if (strcmp(la, lb)) {
        /* "Yahya Sarea" / "Yahya Saree": same given name, a spelling
         * variant of the surname */
        size_t fa = strcspn(a, " "), fb = strcspn(b, " ");
        return la != a && lb != b && fa == fb && !strncmp(a, b, fa) && qc_word_count(a) == qc_word_count(b) &&
               qc_surname_variant(la, lb);
    }
    /* same surname: one side a bare surname, or first names compatible */
    if (la == a || lb == b)
        return true;
    size_t fa = strcspn(a, " "), fb = strcspn(b, " ");
    if (fa == fb && !strncmp(a, b, fa))
        return true;
    if ((fa == 1 || fb == 1) && a[0] == b[0])
        return true;   /* initial */
    return false;
}

int qc_ents_lookup(qc_ents *self, const qc_np *np, bool add)
{
    if (np->kind != QC_NP_PERSON && np->kind != QC_NP_ORG)
        return -1;
    if (np->nb <= np->na)
        return -1;
    const qc_token *toks = self->toks;
    char *name = qc_ents_name_text(self, np->na, np->nb);
    /* strip a leading "the" from organisation names */
    if (np->kind == QC_NP_ORG && !strncasecmp(name, "the ", 4))
        name += 4;
    char *key = qc_ents_key(self, name);
    if (!key[0])
        return -1;
    bool single = np->nb - np->na == 1;
    int found = -1;
    if (np->kind == QC_NP_ORG) {
        char ini[32];
        qc_initials(toks, np->na, np->nb, ini, sizeof ini, false);
        char ini2[32];
        qc_initials(toks, np->na, np->nb, ini2, sizeof ini2, true);
        bool acr = single && qc_acr(&toks[np->na]);
        for (size_t i = 0; i < self->ents.len && found < 0; i++) {
            qc_ent *e = &self->ents.items[i];
            if (!strcmp(e->key, key))
                found = (int)i;
            else if (acr && qc_ent_acronym_is(e, name))
                found = (int)i;
            else if (!acr && e->is_org && (qc_ent_acronym_is(e, ini) || qc_ent_acronym_is(e, ini2)) && strlen(ini) >= 2 &&
                     qc_word_count(e->name) == 1)
                found = (int)i;   /* "IRGC" seen first, full name now */
        }
        /* "the Supreme Court" after "the Supreme Court of Puerto Rico" (or
         * before it): one court, its full name the longer */
        for (size_t i = 0; i < self->ents.len && found < 0 && !acr && qc_word_count(key) >= 2; i++) {
            qc_ent *e = &self->ents.items[i];
            if (!e->is_org || qc_word_count(e->key) < 2)
                continue;
            const char *lo = strlen(e->key) < strlen(key) ? e->key : key;
            const char *hi = lo == key ? e->key : key;
            size_t n = strlen(lo);
            if (!strncmp(hi, lo, n) && !strncmp(hi + n, " of ", 4))
                found = (int)i;
        }
        if (found < 0 && acr) {
            /* an acronym of a known organisation's initials */
            for (size_t i = 0; i < self->ents.len && found < 0; i++) {
                qc_ent *e = &self->ents.items[i];
                if (e->is_org && qc_ent_acronym_is(e, name) && strcmp(e->key, key))
                    found = (int)i;
            }
        }
        if (found < 0 && !add)
            return -1;
        if (found < 0) {
            qc_ent e;
            memset(&e, 0, sizeof e);
            e.name = name;
            e.key = key;
            e.is_org = true;
            if (acr) {
                e.acronym = qc_arena_strdup(self->arena, name);
            } else if (strlen(ini) >= 3) {
                e.acronym = qc_arena_strdup(self->arena, ini);
            }
            if (!acr && strlen(ini2) >= 3 && strcmp(ini2, ini))
                e.acronym2 = qc_arena_strdup(self->arena, ini2);
            array_push(&self->ents, e);
            found = (int)self->ents.len - 1;
        } else {
            qc_ent *e = &self->ents.items[found];
            if (!acr && qc_word_count(e->name) < qc_word_count(name)) {
                e->name = name;   /* prefer the expansion */
                e->key = key;
            }
        }
        qc_ent_add_form(self, &self->ents.items[found], name);
        return found;
    }
    /* persons */
    for (size_t i = 0; i < self->ents.len && found < 0; i++) {
        qc_ent *e = &self->ents.items[i];
        if (e->is_org) {
            if (single && !strcmp(e->key, key))
                found = (int)i;
            continue;
        }
        if (single) {
            if (!strcmp(e->surname, key) || !strcmp(e->key, key))
                found = (int)i;
        } else if (qc_person_same(e->key, key)) {
            found = (int)i;
        }
    }
    /* "Kanze" after "Kanze Dena": a person called by the first name, when
     * exactly one person the text names has it and nobody has it as a
     * surname */
    if (single && found < 0 && !(toks[np->na].flags & QC_TKF_ALLCAPS)) {
        size_t kl = strlen(key);
        int cand = -1;
        for (size_t i = 0; i < self->ents.len && cand != -2; i++) {
            qc_ent *e = &self->ents.items[i];
            if (e->is_org || qc_word_count(e->key) < 2)
                continue;
            if (!strcmp(e->surname, key)) {
                cand = -2;
                break;
            }
            if (!strncmp(e->key, key, kl) && e->key[kl] == ' ')
                cand = cand == -1 ? (int)i : -2;
        }
        if (cand >= 0)
            return cand;
    }
    /* "Ford" after "Ford Motor Company": a company by the first word of
     * its name (one such company only) */
    if (single && found < 0) {
        static const char *const kinds[] = { "company", "corporation", "corp", "inc", "ltd", "llc", "plc",
                                             "group", "holdings", "co" };
        size_t kl = strlen(key);
        int cand = -1;
        for (size_t i = 0; i < self->ents.len && cand != -2; i++) {
            qc_ent *e = &self->ents.items[i];
            if (!e->is_org || strncmp(e->key, key, kl) || e->key[kl] != ' ')
                continue;
            const char *lw = qc_last_word(e->key);
            for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
                if (!strcmp(lw, kinds[k])) {
                    cand = cand == -1 ? (int)i : -2;
                    break;
                }
        }
        if (cand >= 0)
            return cand;
    }
    /* a single name that is not anyone's last word: the surname of a name
     * written surname first ("Tong" for Tong Yung-soo), the first of a
     * double surname ("Vázquez" for Wanda Vázquez Garced) */
    for (size_t i = 0; single && found < 0 && i < self->ents.len; i++) {
        qc_ent *e = &self->ents.items[i];
        if (!e->is_org && qc_inner_surname(e, key, toks, np))
            found = (int)i;
    }
    /* "Saree" after "Yahya Sarea": a spelling variant of exactly one
     * known person's surname (two candidates: neither) */
    if (single && found < 0) {
        int cand = -1;
        for (size_t i = 0; i < self->ents.len && cand != -2; i++) {
            qc_ent *e = &self->ents.items[i];
            if (!e->is_org && qc_word_count(e->key) >= 2 && qc_surname_variant(e->surname, key))
                cand = cand == -1 ? (int)i : -2;
        }
        if (cand >= 0)
            found = cand;
    }
    if (found < 0 && !add)
        return -1;
    if (found < 0) {
        qc_ent e;
        memset(&e, 0, sizeof e);
        e.name = name;
        e.key = key;
        e.surname = qc_arena_strdup(self->arena, qc_last_word(key));
        e.gender = np->gender;
        if (!e.gender && np->nb - np->na >= 2) {
            unsigned fc = qc_lexicon_get(toks[np->na].key);
            e.gender = (fc & QC_LX_FEMALE) ? 'f' : (fc & QC_LX_MALE) ? 'm' : 0;
        }
        array_push(&self->ents, e);
        found = (int)self->ents.len - 1;
    } else {
        qc_ent *e = &self->ents.items[found];
        if (!e->is_org && qc_word_count(e->name) < qc_word_count(name)) {
            e->name = name;
            e->key = key;
            e->surname = qc_arena_strdup(self->arena, qc_last_word(key));
        }
        if (!e->gender)
            e->gender = np->gender;
    }
    qc_ent *e = &self->ents.items[found];
    qc_ent_add_title(self, e, toks, np->ta, np->tb);
    qc_ent_add_form(self, e, name);
    return found;
}

void qc_ents_add_mention(qc_ents *self, size_t pos, int ent, bool subject)
{
    qc_ents_add_mention_prep(self, pos, ent, subject, false);
}

void qc_ents_add_mention_prep(qc_ents *self, size_t pos, int ent, bool subject, bool prep)
{
    if (ent < 0)
        return;
    qc_mention m = { pos, ent, subject, prep };
    /* keep mentions sorted by position (they mostly arrive in order) */
    array_push(&self->mentions, m);
    size_t i = self->mentions.len - 1;
    while (i > 0 && self->mentions.items[i - 1].pos > pos) {
        self->mentions.items[i] = self->mentions.items[i - 1];
        i--;
    }
    self->mentions.items[i] = m;
}

/* "statements" and "statement's" are a "statement". */
static void qc_doc_head(char *out, size_t cap, const char *key)
{
    size_t n = strcspn(key, "'");
    if (n > 3 && key[n - 1] == 's' && key[n - 2] != 's')
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, key, n);
    out[n] = '\0';
}

void qc_ents_add_owner(qc_ents *self, size_t pos, int ent, const char *head)
{
    if (ent < 0)
        return;
    qc_owner o = { pos, ent, "" };
    qc_doc_head(o.head, sizeof o.head, head);
    array_push(&self->owners, o);
    size_t i = self->owners.len - 1;
    while (i > 0 && self->owners.items[i - 1].pos > pos) {
        self->owners.items[i] = self->owners.items[i - 1];
        i--;
    }
    self->owners.items[i] = o;
}

int qc_ents_recent(const qc_ents *self, size_t pos, bool want_org, char gender)
{
    int fallback = -1;
    for (size_t i = self->mentions.len; i > 0; i--) {
        const qc_mention *m = &self->mentions.items[i - 1];
        if (m->pos >= pos)
            continue;
        if (m->prep) {
            const qc_ent *pe = &self->ents.items[m->ent];
            if (fallback < 0 && pe->is_org == want_org && (want_org || !gender || !pe->gender || pe->gender == gender))
                fallback = m->ent;
            continue;
        }
        const qc_ent *e = &self->ents.items[m->ent];
        if (e->is_org != want_org)
            continue;
        if (!want_org && gender && e->gender && e->gender != gender)
            continue;
        return m->ent;
    }
    return fallback;
}

/* The interviewer ("Wikinews", "WN") asks; it holds no role and is never
 * "the company". */
static bool qc_ent_interviewer(const qc_ent *e)
{
    return !strcmp(e->key, "wikinews") || !strcmp(e->key, "wn");
}

/* The latest person (no organisation, no preposition's object, of a
 * fitting gender) mentioned in bytes [lo, pos) as a subject, or -1; *any
 * gets the latest such person whether subject or not. */
static int qc_ents_person_in(const qc_ents *self, size_t pos, size_t lo, char gender, bool skip_interviewer,
                             int *any)
{
    *any = -1;
    for (size_t i = self->mentions.len; i > 0; i--) {
        const qc_mention *m = &self->mentions.items[i - 1];
        if (m->pos >= pos)
            continue;
        if (m->pos < lo)
            break;
        const qc_ent *e = &self->ents.items[m->ent];
        if (m->prep || e->is_org || (gender && e->gender && e->gender != gender) ||
            (skip_interviewer && qc_ent_interviewer(e)))
            continue;
        if (m->subject)
            return m->ent;
        if (*any < 0)
            *any = m->ent;
    }
    return -1;
}

int qc_ents_latter(const qc_ents *self, size_t pos, bool latter)
{
    const qc_mention *m2 = NULL, *m1 = NULL;
    for (size_t i = self->mentions.len; i > 0; i--) {
        const qc_mention *m = &self->mentions.items[i - 1];
        if (m->pos >= pos)
            continue;
        if (!m2) {
            m2 = m;
        } else if (m->ent != m2->ent) {
            m1 = m;
            break;
        }
    }
    if (!m1 || pos - m1->pos > 400)
        return -1;
    /* an "and" between them, no sentence end between them and pos but one */
    const char *t = self->text;
    bool joined = false;
    for (size_t i = m1->pos; i + 5 <= m2->pos && !joined; i++)
        joined = !memcmp(t + i, " and ", 5);
    size_t ends = 0;
    for (size_t i = m1->pos; i < pos; i++)
        if ((t[i] == '.' || t[i] == '!' || t[i] == '?') && (t[i + 1] == ' ' || t[i + 1] == '\n'))
            ends++;
    if (!joined || ends > 1)
        return -1;
    return latter ? m2->ent : m1->ent;
}

int qc_ents_named_next(const qc_ents *self, size_t pos, size_t within)
{
    for (size_t i = 0; i < self->mentions.len; i++) {
        const qc_mention *m = &self->mentions.items[i];
        if (m->pos <= pos)
            continue;
        if (m->pos > pos + within)
            return -1;
        const qc_ent *e = &self->ents.items[m->ent];
        if (e->is_org)
            continue;
        if (!m->subject || m->prep)
            return -1;   /* someone else first */
        /* in the next sentence: one sentence end between */
        size_t ends = 0;
        for (size_t k = pos; k < m->pos; k++)
            if ((self->text[k] == '.' || self->text[k] == '!' || self->text[k] == '?') &&
                k + 1 < m->pos && !isalnum((unsigned char)self->text[k + 1]))
                ends++;
        if (ends > 1)
            return -1;
        /* first named here: not a person the text had named before */
        for (size_t k = 0; k < i; k++)
            if (self->mentions.items[k].ent == m->ent)
                return -1;
        return m->ent;
    }
    return -1;
}

int qc_ents_protagonist(const qc_ents *self, size_t pos, char gender)
{
    int best = -1;
    size_t best_n = 0;
    size_t *count = qc_calloc(self->ents.len ? self->ents.len : 1, sizeof *count);
    for (size_t i = 0; i < self->mentions.len && self->mentions.items[i].pos < pos; i++) {
        const qc_mention *m = &self->mentions.items[i];
        const qc_ent *e = &self->ents.items[m->ent];
        if (e->is_org || !strchr(e->name, ' ') || (gender && e->gender && e->gender != gender))
            continue;
        count[m->ent] += m->subject ? 2 : 1;
        if (count[m->ent] > best_n) {
            best_n = count[m->ent];
            best = m->ent;
        }
    }
    free(count);
    return best;
}

int qc_ents_recent_subject(const qc_ents *self, size_t pos, size_t lo, char gender)
{
    int any, e = qc_ents_person_in(self, pos, lo, gender, false, &any);
    return e >= 0 ? e : qc_ents_recent(self, pos, false, gender);
}

int qc_ents_subject_in(const qc_ents *self, size_t pos, size_t lo, char gender)
{
    int any, e = qc_ents_person_in(self, pos, lo, gender, true, &any);
    return e >= 0 ? e : any;
}

int qc_ents_recent_gendered(const qc_ents *self, size_t pos, char gender)
{
    for (size_t i = self->mentions.len; i > 0; i--) {
        const qc_mention *m = &self->mentions.items[i - 1];
        if (m->pos >= pos)
            continue;
        const qc_ent *e = &self->ents.items[m->ent];
        if (!e->is_org && e->gender == gender)
            return m->ent;
    }
    return -1;
}

size_t qc_ents_sole_person(const qc_ents *self, size_t lo, size_t hi, int *ent)
{
    int who = -1;
    size_t at = (size_t)-1;
    for (size_t i = 0; i < self->mentions.len; i++) {
        const qc_mention *m = &self->mentions.items[i];
        if (m->pos < lo || m->pos >= hi || m->ent < 0)
            continue;
        if (self->ents.items[m->ent].is_org)
            continue;
        if (who >= 0 && who != m->ent)
            return (size_t)-1;
        if (who < 0)
            at = m->pos;
        who = m->ent;
    }
    if (ent)
        *ent = who;
    return at;
}

static bool qc_ent_has_title(const qc_ent *e, const char *t)
{
    for (size_t k = 0; k < e->titles.len; k++)
        if (!strcmp(e->titles.items[k], t))
            return true;
    return false;
}

/* Does entity e carry every title word of toks[a..b), and no rank-changing
 * word ("vice", "deputy", "former") that the phrase lacks? */
static bool qc_ent_fits_role(const qc_ent *e, const qc_token *toks, size_t a, size_t b)
{
    static const char *const rank[] = { "vice", "deputy", "assistant", "former", "acting", "under", "ex", "co" };
    size_t need = 0;
    for (size_t i = a; i < b; i++) {
        unsigned c = qc_cls(&toks[i]);
        if (!(c & (QC_LX_TITLE | QC_LX_MOD)) || (toks[i].flags & QC_TKF_ALLCAPS))
            continue;
        need++;
        if (!qc_ent_has_title(e, toks[i].key))
            return false;
    }
    if (need == 0)
        return false;
    /* "the health minister" is not the Civil Aviation Minister: a portfolio
     * the phrase names must be one the person holds, when any is known */
    bool portfolios = false;
    for (size_t k = 0; k < e->titles.len && !portfolios; k++)
        portfolios = e->titles.items[k][0] == '~';
    for (size_t i = a; portfolios && i < b; i++)
        if (qc_portfolio_at(toks, i, b)) {
            char pk[64];
            snprintf(pk, sizeof pk, "~%s", toks[i].key);
            if (!qc_ent_has_title(e, pk))
                return false;
        }
    for (size_t r = 0; r < sizeof rank / sizeof *rank; r++) {
        if (!qc_ent_has_title(e, rank[r]))
            continue;
        bool in_phrase = false;
        for (size_t i = a; i < b; i++)
            if (!strcmp(toks[i].key, rank[r]))
                in_phrase = true;
        if (!in_phrase)
            return false;
    }
    return true;
}

bool qc_ents_fits_role(const qc_ents *self, int ent, size_t a, size_t b)
{
    return ent >= 0 && (size_t)ent < self->ents.len && qc_ent_fits_role(&self->ents.items[ent], self->toks, a, b);
}

bool qc_ents_has_titles(const qc_ents *self, int ent, bool with_portfolio)
{
    if (ent < 0 || (size_t)ent >= self->ents.len)
        return false;
    const qc_ent *e = &self->ents.items[ent];
    for (size_t k = 0; k < e->titles.len; k++)
        if (with_portfolio || e->titles.items[k][0] != '~')
            return true;
    return false;
}

int qc_ents_author(const qc_ents *self, size_t pos)
{
    static const char *const t[] = { "author", "co-author", "researcher", "co-investigator" };
    int any = -1;
    for (size_t i = self->mentions.len; i > 0; i--) {
        const qc_mention *m = &self->mentions.items[i - 1];
        const qc_ent *e = &self->ents.items[m->ent];
        bool fits = false;
        for (size_t k = 0; k < sizeof t / sizeof *t && !e->is_org; k++)
            fits = fits || qc_ent_has_title(e, t[k]);
        if (!fits)
            continue;
        if (m->pos < pos)
            return m->ent;
        any = m->ent;
    }
    return any;
}

int qc_ents_with_title(const qc_ents *self, size_t pos, size_t a, size_t b)
{
    /* which entities fit, decided once per entity rather than per mention
     * (a long draft has many mentions and many "the mayor"s) */
    bool *fits = qc_calloc(self->ents.len ? self->ents.len : 1, sizeof *fits);
    size_t nfit = 0;
    for (size_t k = 0; k < self->ents.len; k++)
        if ((fits[k] = qc_ent_fits_role(&self->ents.items[k], self->toks, a, b)))
            nfit++;
    int any = -1;
    for (size_t i = self->mentions.len; nfit && i > 0; i--) {
        const qc_mention *m = &self->mentions.items[i - 1];
        if (!fits[m->ent])
            continue;
        if (m->pos < pos) {
            free(fits);
            return m->ent;
        }
        if (any < 0)
            any = m->ent;
    }
    free(fits);
    return any;
}

static int qc_ents_recent_org_with_word(const qc_ents *self, size_t pos, const char *word);

/* A lower-case word as entity keys write it: doubled letters once
 * ("commission" -> "comision"). */
static void qc_key_word(const char *w, char *out, size_t cap)
{
    size_t k = 0;
    for (; *w && k + 1 < cap; w++) {
        if (k > 0 && out[k - 1] == *w && isalpha((unsigned char)*w))
            continue;
        out[k++] = *w;
    }
    out[k] = '\0';
}

int qc_ents_recent_org_with(const qc_ents *self, size_t pos, const char *word_in)
{
    char word[64];
    qc_key_word(word_in, word, sizeof word);
    static const char *const any_org[] = { "company", "firm", "group", "organisation", "organization",
                                           "business", "retailer", "manufacturer", "airline", "network" };
    bool any = false;
    for (size_t i = 0; i < sizeof any_org / sizeof *any_org; i++)
        if (!strcmp(word_in, any_org[i]))
            any = true;
    if (any) {
        /* the organisation last named, not one merely told or asked
         * something ("told Wikinews that the company …") */
        int fallback = -1;
        for (size_t i = self->mentions.len; i > 0; i--) {
            const qc_mention *m = &self->mentions.items[i - 1];
            if (m->pos >= pos)
                continue;
            const qc_ent *e = &self->ents.items[m->ent];
            if (!e->is_org || !strcmp(e->key, word) || qc_ent_interviewer(e))
                continue;
            if (!m->prep)
                return m->ent;
            if (fallback < 0)
                fallback = m->ent;
        }
        return fallback;
    }
    int r = qc_ents_recent_org_with_word(self, pos, word);
    /* "the army" for "the Iranian military" */
    static const char *const syn[][2] = { { "army", "military" }, { "military", "army" } };
    for (size_t i = 0; r < 0 && i < sizeof syn / sizeof *syn; i++)
        if (!strcmp(word, syn[i][0]))
            r = qc_ents_recent_org_with_word(self, pos, syn[i][1]);
    /* "the government" before "the Samoan government" is first named: the
     * one organisation the text names with that head word */
    if (r < 0) {
        int only = -1;
        for (size_t i = 0; i < self->ents.len && only != -2; i++) {
            const qc_ent *e = &self->ents.items[i];
            size_t wl = strlen(word);
            bool head_first = !strncmp(e->key, word, wl) && e->key[wl] == ' ' &&
                              (!strncmp(e->key + wl + 1, "of ", 3) || !strncmp(e->key + wl + 1, "on ", 3) ||
                               !strncmp(e->key + wl + 1, "for ", 4));
            if (e->is_org && strcmp(e->key, word) && (!strcmp(qc_last_word(e->key), word) || head_first))
                only = only == -1 ? (int)i : -2;   /* "the Commission" for the Commission on … */
        }
        if (only >= 0)
            r = only;
    }
    return r;
}

static int qc_ents_recent_org_with_word(const qc_ents *self, size_t pos, const char *word)
{
    /* "the court": the court last named as the subject of a sentence ("The
     * only court with higher authority is the Supreme Court" names one in
     * passing), else the court last named */
    int recent = -1;
    for (size_t i = self->mentions.len; i > 0; i--) {
        const qc_mention *m = &self->mentions.items[i - 1];
        if (m->pos >= pos)
            continue;
        const qc_ent *e = &self->ents.items[m->ent];
        if (!e->is_org || !strcmp(e->key, word) || !strstr(e->key, word))
            continue;   /* a bare "Court" names no particular court */
        if (m->subject && !m->prep)
            return m->ent;
        if (recent < 0)
            recent = m->ent;
    }
    return recent;
}

int qc_ents_owner(const qc_ents *self, size_t pos, const char *head)
{
    char h[16];
    qc_doc_head(h, sizeof h, head);
    for (size_t i = self->owners.len; i > 0; i--)
        if (self->owners.items[i - 1].pos < pos && !strcmp(self->owners.items[i - 1].head, h))
            return self->owners.items[i - 1].ent;
    return -1;
}

/* ---- scanning a block -------------------------------------------------- */

static bool qc_is_verb(const qc_token *t) { return qc_lower(t) && (qc_cls(t) & QC_LX_VERB); }

/* a past-tense main verb of any kind ("endorsed", "announced"): a name
 * right before it is what the clause is about */
static bool qc_past_verb(const qc_token *t)
{
    if (!qc_lower(t) || (qc_cls(t) & ~(unsigned)QC_LX_VERB) || strchr(t->key, '-'))
        return false;
    size_t n = strlen(t->key);
    if (n >= 5 && !strcmp(t->key + n - 2, "ed"))
        return true;
    /* the common irregular ones: "President Donald Trump met his advisers" */
    static const char *const irregular[] = { "met", "said", "told", "took", "made", "gave", "went", "came", "saw",
                                             "spoke", "wrote", "held", "led", "left", "won", "lost", "sent",
                                             "began", "became", "brought", "thought", "found", "kept", "struck",
                                             "paid", "put", "set", "hit", "heard", "knew", "flew", "rose", "fell",
                                             "chose", "broke", "got", "shot", "ran", "sat", "stood", "drew",
                                             "sought", "fought", "taught", "built", "spent", "meant", "felt" };
    for (size_t i = 0; i < sizeof irregular / sizeof *irregular; i++)
        if (!strcmp(t->key, irregular[i]))
            return true;
    return false;
}

/* "She was given a chance to audition …": a he/she opening a sentence, a
 * verb after it, carries on its person — the latest subject
 * of its gender in this sentence or the one before — as a subject
 * mention, so that the next "she said" finds the same person through it
 * rather than a name met since as an object. */
static void qc_ents_pronoun_subject(qc_ents *self, size_t i, size_t b, const bool *outside)
{
    const qc_token *toks = self->toks;
    const qc_token *t = &toks[i];
    if (i + 1 >= b || !outside[i + 1])
        return;
    /* (only at a sentence's start: "… who claimed Biden commented … when
     * she was 14" is a clause of someone else's sentence) */
    bool opens = i == 0 || (toks[i - 1].type == QC_TK_PUNCT && (toks[i - 1].flags & QC_TKF_SENT_END)) ||
                 (t->flags & QC_TKF_CAP);
    const qc_token *n = &toks[i + 1];
    if (!opens || !qc_lower(n) || !(qc_is_verb(n) || qc_past_verb(n) || (qc_cls(n) & QC_LX_AUX)))
        return;
    /* the start of the sentence before */
    size_t lo = i, ends = 0;
    while (lo > 0 && ends < 2) {
        if (toks[lo - 1].type == QC_TK_PUNCT && (toks[lo - 1].flags & QC_TKF_SENT_END) && ++ends == 2)
            break;
        lo--;
    }
    int e = qc_ents_recent_subject(self, t->start, toks[lo].start, t->key[0] == 'h' ? 'm' : 'f');
    if (e >= 0)
        qc_ents_add_mention(self, t->start, e, true);
}

static void qc_ents_statement(qc_ents *self, size_t a, size_t b, size_t s, const bool *outside)
{
    const qc_token *toks = self->toks;
    size_t pos = toks[s].start;
    /* "a statement from/by X", "a memo posted online by X", "the warning
     * issued by X" */
    size_t by = s + 1;
    if (by < b && outside[by] && qc_lower(&toks[by]) &&
        (!strcmp(toks[by].key, "issued") || !strcmp(toks[by].key, "released") || !strcmp(toks[by].key, "posted") ||
         !strcmp(toks[by].key, "published") || !strcmp(toks[by].key, "sent") || !strcmp(toks[by].key, "signed") ||
         !strcmp(toks[by].key, "filed") || !strcmp(toks[by].key, "written") || !strcmp(toks[by].key, "put"))) {
        by++;
        while (by < b && by - s <= 4 && outside[by] && qc_lower(&toks[by]) && strcmp(toks[by].key, "by") &&
               !(qc_cls(&toks[by]) & QC_LX_VERB) && strcmp(toks[by].key, "from"))
            by++;   /* "posted online by", "issued earlier today by" */
        if (by >= b || (strcmp(toks[by].key, "by") && strcmp(toks[by].key, "from")))
            by = s + 1;   /* "a tweet sent from Biden's account" */
    }
    if (by + 1 < b && outside[by] && (!strcmp(toks[by].key, "from") || !strcmp(toks[by].key, "by"))) {
        qc_np np = qc_np_forward(toks, by + 1, b);
        if (np.b > np.a && (toks[np.a].flags & QC_TKF_POSS) && qc_capword(&toks[np.a]) &&
            (np.b > np.a + 1 || (np.kind != QC_NP_PERSON && np.kind != QC_NP_ORG)))
            np = qc_np_analyze(toks, np.a, np.a + 1);   /* "by Erdogan's office", "from Biden's Twitter account" */
        else if (np.kind != QC_NP_PERSON && np.kind != QC_NP_ORG && np.b > np.a + 1 &&
                 (qc_cls(&toks[np.a]) & QC_LX_DET) && (toks[np.a + 1].flags & QC_TKF_POSS) && qc_capword(&toks[np.a + 1]))
            np = qc_np_analyze(toks, np.a + 1, np.a + 2);
        int e = qc_ents_lookup(self, &np, true);
        if (e >= 0) {
            qc_ents_add_owner(self, pos, e, toks[s].key);
            return;
        }
    }
    /* "The IRGC statement", "Trump's statement" */
    if (s > a && (qc_capword(&toks[s - 1]) || (toks[s - 1].flags & QC_TKF_POSS))) {
        qc_np np = qc_np_backward(toks, a, s);
        if (np.b > np.a + 1 && (toks[np.a].flags & QC_TKF_POSS) && qc_capword(&toks[np.a]))
            np = qc_np_analyze(toks, np.a, np.a + 1);   /* "RIAA's DMCA notice": RIAA's */
        int e = qc_ents_lookup(self, &np, true);
        if (e >= 0) {
            qc_ents_add_owner(self, pos, e, toks[s].key);
            return;
        }
    }
    /* "Varnek Hydro issued a statement", "The ministry put out a statement",
     * "Mitchell Stoltz, a senior attorney of the EFF, sent a letter" */
    if (s > a && (!strcmp(toks[s - 1].key, "a") || (s > a + 1 && !strcmp(toks[s - 2].key, "a")))) {
        size_t st = s;
        while (st > a && !(toks[st - 1].type == QC_TK_PUNCT && (toks[st - 1].flags & QC_TKF_SENT_END)))
            st--;
        bool verb_before = false;
        for (size_t i = st; i < s; i++) {
            const char *k = toks[i].key;
            if (!strcmp(k, "issued") || !strcmp(k, "released") || !strcmp(k, "published") || !strcmp(k, "put") ||
                !strcmp(k, "posted") || !strcmp(k, "sent") || !strcmp(k, "gave") || !strcmp(k, "made") ||
                !strcmp(k, "distributed") || !strcmp(k, "circulated") || !strcmp(k, "shared"))
                verb_before = true;
        }
        if (verb_before && !(s >= a + 2 && !strcmp(toks[s - 2].key, "in"))) {
            for (size_t i = st; i < s && i - st < 10; i++) {
                if (!outside[i] || !qc_capword(&toks[i]) || ((qc_cls(&toks[i]) & QC_LX_FUNC) && !(qc_cls(&toks[i]) & QC_LX_DET)))
                    continue;
                qc_np np = qc_np_forward(toks, (qc_cls(&toks[i]) & QC_LX_DET) ? i : i, s);
                int e = qc_ents_lookup(self, &np, true);
                if (e >= 0) {
                    qc_ents_add_owner(self, pos, e, toks[s].key);
                    return;
                }
                break;
            }
        }
    }
    /* "X said in a statement" */
    if (s >= a + 3 && !strcmp(toks[s - 1].key, "a") && !strcmp(toks[s - 2].key, "in")) {
        size_t v = s - 3;
        while (v > a && !qc_is_verb(&toks[v]) && s - v < 8)
            v--;
        if (qc_is_verb(&toks[v])) {
            qc_np np = qc_np_backward(toks, a, v);
            int e = qc_ents_lookup(self, &np, true);
            if (e >= 0)
                qc_ents_add_owner(self, pos, e, toks[s].key);
        }
    }
}

size_t qc_interviewer_tag(const qc_token *toks, size_t a, size_t b)
{
    static const char *const tags[] = { "wn", "wikinews", "q", "interviewer" };
    size_t w = (size_t)-1;
    if (b >= a + 2 && toks[a].type == QC_TK_WORD && toks[a + 1].type == QC_TK_PUNCT && toks[a + 1].cp == ':')
        w = a;   /* "WN:" */
    else if (b >= a + 5 && toks[a].type == QC_TK_PUNCT && toks[a].cp == '(' && toks[a + 1].type == QC_TK_PUNCT &&
             toks[a + 1].cp == '(' && toks[a + 2].type == QC_TK_WORD && toks[a + 3].type == QC_TK_PUNCT &&
             toks[a + 3].cp == ')' && toks[a + 4].type == QC_TK_PUNCT && toks[a + 4].cp == ')')
        w = a + 2;   /* "((WN))" */
    if (w == (size_t)-1)
        return w;
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
        if (!strcmp(toks[w].key, tags[i]))
            return w;
    return (size_t)-1;
}

/* Does toks[k] open a sentence of the block starting at toks[a], perhaps
 * after a determiner ("The mayor …")? */
static bool qc_opens_sentence(const qc_token *toks, size_t a, size_t k)
{
    while (k > a && qc_word(&toks[k - 1]) && (qc_cls(&toks[k - 1]) & QC_LX_DET))
        k--;
    return k == a || (toks[k - 1].type == QC_TK_PUNCT && (toks[k - 1].flags & QC_TKF_SENT_END));
}

void qc_ents_scan(qc_ents *self, size_t a, size_t b, const bool *outside, int pass)
{
    const qc_token *toks = self->toks;
    size_t last_end = (size_t)-1;   /* one past the last name, and whether it was a preposition's object */
    bool last_prep = false;
    /* a headline in title case ("‘I’m Disappointed As A Manager’, Says Ten
     * Hag After Man Utd’s Europe Exit") names nobody new: its capitals are
     * not names */
    size_t nw = 0, ncap = 0;
    for (size_t i = a; i < b; i++)
        if (qc_word(&toks[i]) && isalpha((unsigned char)toks[i].key[0])) {
            nw++;
            ncap += (toks[i].flags & QC_TKF_CAP) != 0;
        }
    bool titlecase = nw >= 5 && ncap * 10 >= nw * 8;
    for (size_t i = a; i < b; i++) {
        if (!outside[i])
            continue;
        const qc_token *t = &toks[i];
        if (pass == 2 && qc_word(t) && (qc_cls(t) & QC_LX_DOC) && qc_lower(t))
            qc_ents_statement(self, a, b, i, outside);
        if (pass == 2 && qc_word(t) && (!strcmp(t->key, "he") || !strcmp(t->key, "she")))
            qc_ents_pronoun_subject(self, i, b, outside);
        if (!qc_capword(t))
            continue;
        if ((qc_cls(t) & (QC_LX_FUNC | QC_LX_PRONOUN)) && !(t->flags & QC_TKF_ALLCAPS))
            continue;
        if (i <= a + 2 && qc_interviewer_tag(toks, a, b) == i)
            continue;   /* "WN:" asks; it never speaks */
        if (i <= a + 1 && (t->flags & QC_TKF_ALLCAPS) && (i == a || qc_punct_is(&toks[a], '('))) {
            /* "A MOTHER has paid tribute …" (a capitalised lead),
             * "(NEW YORK) -- …", "NEW YORK (Reuters) —" (a dateline): no names */
            size_t e = i;
            while (e < b && outside[e] && qc_word(&toks[e]) && (toks[e].flags & QC_TKF_ALLCAPS))
                e++;
            bool lead = i == a && (!strcmp(t->key, "a") || !strcmp(t->key, "an") || !strcmp(t->key, "the")) &&
                        e > i + 1;
            bool dateline = e < b && (qc_punct_is(&toks[e], ')') || qc_punct_is(&toks[e], '(') ||
                                      qc_punct_is(&toks[e], '-') || qc_punct_is(&toks[e], 0x2014) ||
                                      qc_punct_is(&toks[e], 0x2013));
            if (lead || dateline) {
                i = e - 1;
                continue;
            }
        }
        size_t j = i;
        while (j < b) {
            const qc_token *u = &toks[j];
            if (j > i && j + 3 < b && qc_nickname_at(toks, j) && outside[j + 3] && qc_capword(&toks[j + 3]) &&
                qc_capword(&toks[j - 1]) && !(toks[j + 1].flags & QC_TKF_POSS)) {
                j += 3;   /* a nickname inside a name: "Aquilino “Koko” Pimentel" */
                continue;
            }
            if (!outside[j])
                break;
            if (qc_capword(u)) {
                j++;
                if ((u->flags & QC_TKF_POSS) && !(j < b && outside[j] && qc_poss_in_name(u, &toks[j])))
                    break;
                continue;
            }
            if (j > i && qc_lower(u) && ((qc_cls(u) & (QC_LX_CONNECT | QC_LX_PARTICLE)) || !strcmp(u->key, "on")) &&
                (strcmp(u->key, "and") || qc_and_joins(toks, i, j)) && qc_connector_at(toks, i, j) && j + 1 < b && outside[j + 1] &&
                qc_capword(&toks[j + 1])) {
                j++;
                continue;
            }
            if (j > i && qc_lower(u) && (qc_cls(u) & QC_LX_CONNECT) && strcmp(u->key, "and") && j + 2 < b &&
                outside[j + 1] && outside[j + 2] && qc_lower(&toks[j + 1]) && (qc_cls(&toks[j + 1]) & QC_LX_DET) &&
                qc_capword(&toks[j + 2])) {
                j += 2;   /* "of the United States" */
                continue;
            }
            if (j > i && j + 2 < b && qc_lower(u) && (qc_cls(u) & QC_LX_PARTICLE) && qc_lower(&toks[j + 1]) &&
                (qc_cls(&toks[j + 1]) & QC_LX_PARTICLE) && outside[j + 1] && outside[j + 2] &&
                qc_capword(&toks[j + 2])) {
                j += 2;   /* "Remco van der Burg", "Ursula von der Leyen" */
                continue;
            }
            break;
        }
        size_t k = i;
        while (k > a && outside[k - 1] && qc_lower(&toks[k - 1]) &&
               (qc_cls(&toks[k - 1]) & (QC_LX_TITLE | QC_LX_MOD | QC_LX_NATION)))
            k--;
        qc_np np = qc_np_analyze(toks, k, j);
        size_t next = j;
        if (np.kind != QC_NP_ORG && j + 2 < b && toks[j].cp == '(' && toks[j].type == QC_TK_PUNCT &&
            qc_acr(&toks[j + 1]) && toks[j + 2].cp == ')') {
            /* "Transport for London (TfL)": a name its acronym follows is an
             * organisation's, whatever its words looked like */
            size_t ia = np.kind == QC_NP_PERSON ? np.na : i;
            char ini[32], ini2[32];
            qc_initials(toks, ia, j, ini, sizeof ini, false);
            qc_initials(toks, ia, j, ini2, sizeof ini2, true);
            char acr[32];
            size_t al = 0;
            for (const char *p = toks[j + 1].key; *p && al + 1 < sizeof acr; p++)
                if (isalpha((unsigned char)*p))
                    acr[al++] = (char)toupper((unsigned char)*p);
            acr[al] = '\0';
            if (al >= 2 && (!strcmp(ini, acr) || !strcmp(ini2, acr))) {
                np.kind = QC_NP_ORG;
                np.na = ia;
                np.nb = j;
            }
        }
        /* "the Samoan government", "the Iranian military": one capitalised
         * word and an organisation word in lower case name an organisation */
        if (j == i + 1 && k == i && j < b && outside[j] && qc_lower(&toks[j]) && !(t->flags & QC_TKF_POSS) &&
            !(j + 1 < b && (qc_capword(&toks[j + 1]) || (qc_cls(&toks[j + 1]) & QC_LX_TITLE)))) {
            static const char *const lorg[] = { "government", "military", "army", "navy", "police", "ministry",
                                                "parliament", "administration", "authorities", "cabinet" };
            for (size_t o = 0; o < sizeof lorg / sizeof *lorg; o++)
                if (!strcmp(toks[j].key, lorg[o])) {
                    np.kind = QC_NP_ORG;
                    np.a = np.na = i;
                    np.b = np.nb = j + 1;
                    np.ta = np.tb = i;
                    next = j + 1;
                    j++;
                    break;
                }
        }
        /* "Michael Makuei, the Information Minister": capitalised words
         * ending in a title after "the" are a role, never a person's name */
        if (np.kind == QC_NP_PERSON && j > i && (qc_cls(&toks[j - 1]) & QC_LX_TITLE) && k > a &&
            qc_lower(&toks[k - 1]) && !strcmp(toks[k - 1].key, "the")) {
            i = next > i ? next - 1 : i;
            continue;
        }
        /* place: "in Baghdad", "at Al-Assad air base" */
        bool place = false;
        if (k > a && qc_lower(&toks[k - 1]) && (qc_cls(&toks[k - 1]) & QC_LX_PLACEPREP) && np.tb <= np.ta)
            place = true;
        /* a place word in the name itself ("Balad Air Base"), not in a
         * title before it ("District Judge Gray Miller") */
        for (size_t x = np.nb > np.na ? np.na : k; x < (np.nb > np.na ? np.nb : j); x++)
            if (qc_cls(&toks[x]) & QC_LX_PLACE)
                place = true;
        if (j < b && qc_lower(&toks[j]) && (qc_cls(&toks[j]) & QC_LX_PLACE))
            place = true;
        bool prep = false;
        {
            size_t pk = k;
            /* back over determiners and lower-case roles: "the murder of
             * journalist Jamal Khashoggi" is still the object of "of" */
            while (pk > a && qc_lower(&toks[pk - 1]) &&
                   (qc_cls(&toks[pk - 1]) & (QC_LX_DET | QC_LX_TITLE)))
                pk--;
            static const char *const preps[] = { "to", "with", "by", "for", "from", "of", "at", "about", "against",
                                                 "on", "in", "into", "toward", "towards", "among", "between",
                                                 "under", "over", "after", "before", "behind", "near", "like",
                                                 "than", "via", "including", "killing", "killed", "told", "asked",
                                                 "thanked", "urged", "informed" };
            if (pk > a)
                for (size_t pi = 0; pi < sizeof preps / sizeof *preps; pi++)
                    if (!strcmp(toks[pk - 1].key, preps[pi]))
                        prep = true;
            if (prep && pk > a + 1 && !strcmp(toks[pk - 2].key, "according"))
                prep = false;   /* "according to X" names a speaker */
        }
        /* "raped by Quirin, Redouane, and a third officer": a list goes on
         * being the preposition's object */
        if (!prep && last_prep && last_end != (size_t)-1 && k > a && k - 1 >= last_end && k - 1 - last_end <= 1) {
            bool joined = true;
            for (size_t c = last_end; c < k; c++)
                if (!qc_punct_is(&toks[c], ',') && !(qc_lower(&toks[c]) && (!strcmp(toks[c].key, "and") || !strcmp(toks[c].key, "or"))))
                    joined = false;
            /* a list, not an opening phrase: "by Quirin, Redouane, and …",
             * "with Smith and Jones" — never "In Dunav, Anton Vel was …" */
            bool listed = false;
            for (size_t c = last_end; c < k; c++)
                if (qc_word(&toks[c]))
                    listed = true;
            if (j < b && (qc_punct_is(&toks[j], ',') ||
                          (qc_lower(&toks[j]) && (!strcmp(toks[j].key, "and") || !strcmp(toks[j].key, "or")))))
                listed = true;
            prep = joined && listed;
        }
        if (j > i && (toks[j - 1].flags & QC_TKF_POSS))
            prep = true;   /* "Khashoggi's murder": a weak antecedent */
        /* "the Grand Slam hoodoo", "the Murray camp": a name used as a
         * modifier is no one a later "he" means */
        if (k > a && qc_lower(&toks[k - 1]) && !strcmp(toks[k - 1].key, "the") && j < b && outside[j] &&
            qc_lower(&toks[j]) && !(qc_cls(&toks[j]) & (QC_LX_FUNC | QC_LX_CONNECT | QC_LX_AUX | QC_LX_PLACEPREP |
                                                         QC_LX_DET | QC_LX_PRONOUN | QC_LX_TITLE)) &&
            !qc_is_verb(&toks[j]) && !qc_past_verb(&toks[j]))
            prep = true;
        /* (a time between: "Khawaja Asif on Friday invited", "Smith
         * yesterday said") */
        size_t jv = j;
        if (jv + 2 < b && qc_lower(&toks[jv]) && !strcmp(toks[jv].key, "on") && (qc_cls(&toks[jv + 1]) & QC_LX_TIME))
            jv += 2;
        else if (jv + 1 < b && qc_lower(&toks[jv]) && (qc_cls(&toks[jv]) & QC_LX_TIME))
            jv += 1;
        bool subject = j < b && (qc_is_verb(&toks[j]) || (j + 1 < b && (qc_cls(&toks[j]) & QC_LX_AUX) &&
                                                          qc_is_verb(&toks[j + 1])) ||
                                 (jv > j && qc_past_verb(&toks[jv])));
        /* "…, Bloomberg endorsed his former rival, Joe Biden": the one who
         * acts, not the object, is whom a later "he" means */
        bool acts = false;
        if (!subject && !prep && j < b && outside[j] && qc_past_verb(&toks[j]) && !(t->flags & QC_TKF_POSS) &&
            !(j > i && (toks[j - 1].flags & QC_TKF_POSS)) &&
            (k == a || (toks[k - 1].type == QC_TK_PUNCT && toks[k - 1].cp != '(')))
            acts = true;   /* not "…, which Biden opposed": that clause is not the sentence's */
        /* "a State Department spokesperson, Morgan Ortagus, indicated …": a
         * name set off by commas before a past-tense verb acts too */
        if (!subject && !prep && np.kind == QC_NP_PERSON && k > a && qc_punct_is(&toks[k - 1], ',') && j + 1 < b &&
            qc_punct_is(&toks[j], ',') && outside[j + 1] && qc_past_verb(&toks[j + 1]))
            acts = true;
        /* "… admitted it was a day of closure as the coroner, Sonia Hayes,
         * delivered her verdict": the subject of a clause that hangs on
         * the sentence's own is not whom a later "she" means */
        if ((subject || acts) && k > a && qc_subordinate(toks, a, k))
            subject = acts = false;
        /* the name opening its sentence, a verb after it: the subject a
         * later "he"/"she" most likely means ("Maria Lopez met Tom Reyes.") */
        bool appos_role = false;   /* "the president of the union, Etinosa, distanced" */
        bool lead = !prep && qc_opens_sentence(toks, a, k) && j < b && qc_lower(&toks[j]) &&
                    !(qc_cls(&toks[j]) & (QC_LX_CONNECT | QC_LX_PLACEPREP | QC_LX_FUNC));
        /* "Jackson, his badge draped in black tape, described Herrera …":
         * an aside between commas, then the verb */
        if (!lead && !prep && np.kind == QC_NP_PERSON && qc_opens_sentence(toks, a, k) && j + 2 < b &&
            qc_punct_is(&toks[j], ',') && outside[j + 1]) {
            size_t x = j + 1;
            while (x < b && x - j < 14 && !qc_punct_is(&toks[x], ',') &&
                   !(toks[x].type == QC_TK_PUNCT && (toks[x].flags & QC_TKF_SENT_END)))
                x++;
            if (x + 1 < b && x > j + 2 && qc_punct_is(&toks[x], ',') && qc_past_verb(&toks[x + 1]) &&
                qc_lower(&toks[j + 1]))
                lead = true;
        }
        /* "Another voice actor, Lauren Landa, would list …": the name in
         * apposition to a sentence-opening role is the subject too */
        if (!prep && !lead && np.kind == QC_NP_PERSON && k > a + 1 && qc_punct_is(&toks[k - 1], ',') && j + 1 < b &&
            qc_punct_is(&toks[j], ',') && qc_lower(&toks[j + 1]) &&
            !(qc_cls(&toks[j + 1]) & (QC_LX_CONNECT | QC_LX_PLACEPREP))) {
            size_t st = k - 1;
            while (st > a && !(toks[st - 1].type == QC_TK_PUNCT && (toks[st - 1].flags & QC_TKF_SENT_END)) &&
                   !qc_punct_is(&toks[st - 1], ',') && k - st < 14)
                st--;
            /* (or after an opening phrase: "Speaking to Daily Post in a
             * telephone interview, the president of the union, Etinosa,
             * distanced …") */
            bool after_intro = st > a && qc_punct_is(&toks[st - 1], ',') && qc_word(&toks[st]) &&
                               (qc_cls(&toks[st]) & QC_LX_DET) && qc_lower(&toks[st]);
            bool role = st < k - 1 &&
                        (st == a || (toks[st - 1].type == QC_TK_PUNCT && (toks[st - 1].flags & QC_TKF_SENT_END)) ||
                         after_intro);
            /* (a capitalised title may name its organisation: "the
             * President of the Student Union Government (SUG), Etinosa,") */
            bool titled = st + 1 < k - 1 && qc_word(&toks[st]) && (qc_cls(&toks[st]) & QC_LX_DET) &&
                          (qc_cls(&toks[st + 1]) & QC_LX_TITLE) && k - st <= 14;
            for (size_t c = st + 1; role && c < k - 1; c++)
                if (!qc_lower(&toks[c]) && !(titled && (qc_capword(&toks[c]) || qc_punct_is(&toks[c], '(') ||
                                                       qc_punct_is(&toks[c], ')'))))
                    role = false;
            lead = role;
            appos_role = role;
        }
        /* appositive title: "Mike Pompeo, US Secretary of State," */
        size_t app_a = 0, app_b = 0;
        if (np.kind == QC_NP_PERSON && j + 2 < b && toks[j].type == QC_TK_PUNCT && toks[j].cp == ',') {
            size_t x = j + 1;
            bool has_title = false;
            if (x + 1 < b && qc_lower(&toks[x]) && !strcmp(toks[x].key, "the") && (qc_cls(&toks[x + 1]) & QC_LX_TITLE))
                x++;   /* "Adam Glapiński, the governor of the National Bank" */
            while (x < b && outside[x] && x - j < 12 && (qc_np_inner(&toks[x]))) {
                if (qc_cls(&toks[x]) & QC_LX_TITLE)
                    has_title = true;
                x++;
            }
            if (has_title && x < b && x > j + 2 && qc_lower(&toks[x]) && (qc_cls(&toks[x]) & QC_LX_DET) &&
                qc_lower(&toks[x - 1]) && !strcmp(toks[x - 1].key, "of")) {
                app_a = j + 1;   /* "Michael Siegel, co-author of a new study" */
                app_b = x - 1;
            } else if (has_title && x < b && toks[x].type == QC_TK_PUNCT && (toks[x].cp == ',' || toks[x].cp == '.')) {
                app_a = j + 1;
                app_b = x;
                if (toks[x].cp == ',' && x + 1 < b && qc_is_verb(&toks[x + 1]))
                    subject = true;
                if (toks[x].cp == ',' && x + 2 < b && (qc_cls(&toks[x + 1]) & QC_LX_AUX))
                    subject = true;
            }
        }
        /* the title before the name: "announced by the current bishop,
         * Allan Casicas" */
        if (np.kind == QC_NP_PERSON && app_b == app_a && k >= a + 3 && qc_punct_is(&toks[k - 1], ',') &&
            qc_lower(&toks[k - 2]) && (qc_cls(&toks[k - 2]) & QC_LX_TITLE)) {
            size_t st = k - 2;
            while (st > a && k - st < 6 && qc_lower(&toks[st - 1]) && strcmp(toks[st - 1].key, "the") &&
                   !(qc_cls(&toks[st - 1]) & (QC_LX_FUNC | QC_LX_CONNECT | QC_LX_DET | QC_LX_PRONOUN)) &&
                   !qc_is_verb(&toks[st - 1]))
                st--;   /* "the current bishop", "the new health minister" */
            if (st > a && qc_lower(&toks[st - 1]) && !strcmp(toks[st - 1].key, "the")) {
                app_a = st;
                app_b = k - 1;
            }
        }
        if (np.kind == QC_NP_ORG) {
            int e = qc_ents_lookup(self, &np, !titlecase && (pass == 1 || np.nb - np.na > 1 || subject));
            /* "Full Name (ABBR)" */
            if (e >= 0 && j + 2 < b && toks[j].cp == '(' && toks[j + 1].type == QC_TK_WORD &&
                qc_acr(&toks[j + 1]) && toks[j + 2].cp == ')') {
                qc_ent *en = &self->ents.items[e];
                en->acronym = qc_ents_span_text(self, j + 1, j + 2);
                next = j + 3;
            }
            if (pass == 2)
                qc_ents_add_mention_prep(self, t->start, e, subject || lead || acts, prep);
        } else if (np.kind == QC_NP_PERSON && !place) {
            bool strong = np.nb - np.na >= 2 || np.tb > np.ta || subject || app_b > app_a || appos_role;
            int e = -1;
            if (pass == 1 && strong && np.nb - np.na >= 2)
                e = qc_ents_lookup(self, &np, !titlecase);
            else if (pass == 2)
                e = qc_ents_lookup(self, &np, strong && !titlecase);
            if (e >= 0 && app_b > app_a) {
                qc_ent_add_title(self, &self->ents.items[e], toks, app_a, app_b);
                qc_np an = qc_np_analyze(toks, app_a, app_b);
                if (an.gender && !self->ents.items[e].gender)
                    self->ents.items[e].gender = an.gender;
            }
            if (pass == 2)
                qc_ents_add_mention_prep(self, t->start, e, subject || lead || acts, prep);
            /* "Judge Ana Ruiz of the Supreme Court of Freedonia": the
             * affiliation is an organisation the text names too */
            if (np.nb > np.na && np.nb + 1 < j && qc_connector(&toks[np.nb])) {
                size_t oa = np.nb + 1;
                while (oa < j && qc_lower(&toks[oa]) && (qc_cls(&toks[oa]) & QC_LX_DET))
                    oa++;
                qc_np on = qc_np_analyze(toks, oa, j);
                if (on.kind == QC_NP_ORG) {
                    int oe = qc_ents_lookup(self, &on, true);
                    if (pass == 2)
                        qc_ents_add_mention_prep(self, toks[oa].start, oe, false, true);
                }
            }
        }
        if (np.kind == QC_NP_PERSON || np.kind == QC_NP_ORG) {
            last_end = j;
            last_prep = prep;
        }
        i = next > i ? next - 1 : i;
    }
}

void qc_ents_free(qc_ents *self)
{
    for (size_t i = 0; i < self->ents.len; i++) {
        array_free(&self->ents.items[i].titles);
        array_free(&self->ents.items[i].forms);
    }
    array_free(&self->ents);
    array_free(&self->mentions);
    array_free(&self->owners);
}
