/*
 * extract/figures.c — figures: the numbers of a news text, each with what a
 * fact-checker needs to compare it with another text (qualifier, what is
 * counted, unit, a canonical form).
 *
 * How it works. Each prose block of the mask is cut into tokens (words,
 * numerals, single punctuation characters, each knowing whether white space
 * precedes it); every word is looked up once in a sorted lexicon. A small
 * recogniser then walks the tokens left to right and at each position tries:
 * qualifier? then a date, a time, a currency prefix, a numeral or number
 * words, then a unit, a range, a trailing qualifier and the counted noun
 * phrase. Matched tokens are skipped, so the scan is linear in the text;
 * the only allocations are the reused token arrays and the strings of the
 * figures found (from the caller's arena). Nothing reads past a block's end.
 *
 * Kinds and `normalized` formats (what a matcher compares):
 *   COUNT     "12", range "36-40", vague "24+" (lower bound, then "+")
 *   PERCENT   "40%", "20-30%"                         unit "%"
 *   MONEY     "USD 5000000000", "EUR 20000000-30000000", "USD 2000000+"
 *             unit is the ISO 4217 code; `$` is taken as USD, `£` GBP,
 *             `€` EUR, `¥` JPY; "cents"/"pence" are 0.01 of USD/GBP
 *   DISTANCE  "50 mi", "5-10 km"                      unit km mi m cm mm ft in yd nmi
 *   OTHER     "2/3" for "two-thirds" (fraction_at)    unit "fraction"
 *   OTHER     "#11" for "the eleventh week" (ordinal_at) unit "ordinal",
 *             counts the noun
 *   OTHER     "30 hours", "40 years old", "3 pp"      unit kg g t lb oz hours minutes
 *             seconds days weeks months years decades centuries "years old"
 *             mph km/h knots °C °F degrees ha acres km2 mi2 m2 ft2 l gal bbl
 *             MW GW kW kWh MWh GWh TWh magnitude pp (percentage points)
 *   DATE      ISO 8601: "2020-01-07"; no year: "--01-07"; month and year:
 *             "2020-01"; a year: "2019"; ranges "A/B" ("--01-07/--01-08",
 *             "2015/2017"). value = the year (0 when none), value_max = the
 *             end year of a year range. A weekday: "Wednesday", with the
 *             part of the day when one follows ("Wednesday morning").
 *   TIME      "17:30" 24-hour, " ZONE" appended when given ("17:30 EST"),
 *             seconds as ":SS"; unit = the zone or NULL; value = hours as a
 *             decimal (17.5). noon/midnight after at/by/until/… = 12:00/00:00.
 * Numbers are printed with %.15g (1.2 million = "1200000"). The qualifier
 * is not part of `normalized`.
 *
 * Qualifiers (before the number unless noted) map onto seven strings:
 *   "more than"  more than, greater than, over, above, in excess of,
 *                upwards of, well over, just over, exceeded (exceed,
 *                exceeds, exceeding), trailing "+" (100+)
 *   "at least"   at least, no fewer than, no less than, not less than,
 *                a minimum of, trailing "or more"
 *   "about"      about, around, approximately, approx., roughly, some,
 *                an estimated, estimated, an approximate, circa,
 *                trailing "or so"
 *   "nearly"     nearly, almost, close to, just under, just shy of
 *   "up to"      up to, at most, no more than, not more than, a maximum of
 *   "less than"  less than, fewer than, under, below
 *   "as many as" as many as, as much as, as high as
 *
 * What is counted (`counts`, COUNT and PERCENT only): the noun phrase right
 * after the number, lower-cased, at most four words, up to its head noun.
 * Adjectives are kept ("ballistic missiles", "military bases"); the phrase
 * stops at punctuation, prepositions, conjunctions, determiners, pronouns,
 * auxiliaries and common verbs, adverbs in -ly. For a plural count it ends
 * at the first plural noun (a run of plural nouns is one compound: "police
 * officers"), so "five soldiers wounded" counts "soldiers"; without a
 * plural noun, trailing -ed/-ing words are dropped. "X of the Y" (or "X of
 * its/their/Iran's Y", "dozens of Y", "a couple of Y") counts Y. A
 * predicate after a verb is not counted: "39 are confirmed dead" has counts
 * NULL. For percentages: "95% immunization rate" → "immunization rate",
 * "40% of voters" → "voters".
 *
 * Number words: zero … ninety-nine, hundred, thousand, million, billion,
 * trillion, combined ("two hundred and fifty thousand"), "a dozen" = 12,
 * "half a dozen" = 6, "a couple of" / "a pair of" = 2, "a hundred",
 * "half a million". Vague (vague = true, value = lower bound): "a few"
 * and "a handful" 2, "several" 3, "dozens" 24, "scores of" 40, "hundreds"
 * 200, "thousands" 2000, "millions" 2e6, "billions" 2e9, "several hundred"
 * 300, "a few thousand" 2000, "tens of thousands" 20000, "hundreds of
 * thousands" 200000. "one" is a figure only when a counted noun follows
 * ("one Iraqi officer") or a qualifier precedes ("at least one"); "the
 * one", "one of them", "no one" are not. "a"/"an" alone is never a figure.
 *
 * Ranges: "between 36 and 40", "36 to 40", "36-40", "36–40", "one or two",
 * "$5-10 million" (the scale and unit of the second number apply to the
 * first) → value 36, value_max 40. "from 5 to 10" is a change, not a
 * range: two figures. "52 to 48" (descending) is no range — unless the
 * sentence is about a vote (vote, voted, ballot, tally …): "230-to-198",
 * "230-198", "230–198", "230 to 198" is one tally, value 198, value_max
 * 230, compared end for end like a range.
 *
 * Years: a four-digit integer 1800–2100 is a DATE when it follows a month,
 * a preposition of time (in, since, until, during, before, after, mid-,
 * early, late …), a determiner or a possessive ("the 1973 building", "the
 * party's 1996 nominee"), or when no plural noun follows it; "2000 people"
 * is a COUNT, and a qualifier ("more than 2000") always makes it a COUNT.
 *
 * Not figures: ordinals ("fifth", "21st", except in dates and before the
 * nouns of ordinal_at: "the eleventh week"); numbers joined
 * to letters or by a hyphen to a word (F-16, COVID-19, A300, H1N1, 737MAX,
 * 5G, 2019-nCoV, "19-member"); decades ("1990s"); numbers after a label
 * word (Flight 610, section 5, No. 10, Round 4, chapter 11) or after a
 * capitalised word inside a sentence (Boeing 737, Euro 2020; not in
 * headings); numbers joined by "/" or ":" that are not times (24/7, 3:16);
 * section numbers (3.2.1); phone-like numbers (555-1234, +1 …, 0207,
 * two bare numerals of three or more digits in a row); list numbering
 * ("1." or "2)" opening a block, "(3)"); a year after © or "Copyright";
 * numbers followed by BC/AD/BCE/CE.
 *
 * Ranges of the figure: start/end cover the whole phrase (opening
 * "between", qualifier, currency sign, number, unit, counted noun);
 * num_start/num_end cover the number itself (for money, without the
 * currency sign; for a range, both numbers; for dates and times, the whole
 * date or time). Byte offsets into the document.
 *
 * Strings: `counts` and `normalized` are allocated from the arena;
 * `qualifier` and `unit` point to static strings.
 */
#include "extract/extract.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/utf8.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------------ lexicon */

enum {
    LX_NUMW = 1u << 0,       /* zero … ninety: num */
    LX_SCALE = 1u << 1,      /* hundred thousand million …: scale */
    LX_VAGUE = 1u << 2,      /* several dozens hundreds …: num = lower bound */
    LX_MONTH = 1u << 3,      /* month: month */
    LX_MONABBR = 1u << 4,    /* Jan Feb …: may take a period */
    LX_WEEKDAY = 1u << 5,
    LX_STOP = 1u << 6,       /* ends a counted noun phrase */
    LX_DET = 1u << 7,        /* the, its, their … */
    LX_YEARPREP = 1u << 8,   /* in, since … : a following 4-digit number is a year */
    LX_IDWORD = 1u << 9,     /* flight, section … : a following number is a label */
    LX_ZONE = 1u << 10,      /* time zone: canon */
    LX_CURCODE = 1u << 11,   /* USD EUR …: cur (only in capitals) */
    LX_CURWORD = 1u << 12,   /* dollars euros …: cur */
    LX_UNIT = 1u << 13,      /* unit */
    LX_IRRPL = 1u << 14,     /* people, police: plural without -s */
    LX_NOTPL = 1u << 15,     /* news, gas: -s but singular */
    LX_LYOK = 1u << 16,      /* family, deadly: -ly but not an adverb */
    LX_SCALEABBR = 1u << 17, /* m bn k …: scale */
    LX_ORDSUF = 1u << 18,    /* st nd rd th */
    LX_ERA = 1u << 19,       /* bc bce ad ce */
    LX_QUAL = 1u << 20,      /* may open a qualifier */
    LX_PREFIX = 1u << 21,    /* mid pre post: "mid-2019" is still a number */
    LX_EVENT = 1u << 22,     /* election, campaign: "2020 elections" is a year */
    LX_CENT = 1u << 23,      /* cents, pence: 0.01 of cur */
    LX_FRACTION = 1u << 24,  /* thirds, quarters: "two thirds" is no count */
    LX_COMPAR = 1u << 25,    /* higher, lighter: "25% higher" counts nothing */
    LX_ONEIDIOM = 1u << 26,  /* way, thing: "one way" is no count */
    LX_START = 1u << 27,     /* a, an, half, noon, midnight, magnitude, rs */
};

enum {
    U_NONE, U_KM, U_MI, U_M, U_CM, U_MM, U_FT, U_IN, U_YD, U_NMI,
    U_KG, U_G, U_T, U_LB, U_OZ,
    U_HOURS, U_MINUTES, U_SECONDS, U_DAYS, U_WEEKS, U_MONTHS, U_YEARS, U_DECADES, U_CENTURIES,
    U_YEARSOLD, U_MPH, U_KMH, U_KN, U_DEGC, U_DEGF, U_DEG,
    U_HA, U_ACRE, U_KM2, U_MI2, U_M2, U_FT2, U_L, U_GAL, U_BBL,
    U_MW, U_GW, U_KW, U_KWH, U_MWH, U_GWH, U_TWH, U_MAG, U_PP, U_MG, U_ML, U_MPS, U_KMPS,
    U_COUNT
};

static const struct { const char *name; qc_figure_kind kind; } UNITS[U_COUNT] = {
    [U_NONE] = { NULL, QC_FIGURE_COUNT },
    [U_KM] = { "km", QC_FIGURE_DISTANCE }, [U_MI] = { "mi", QC_FIGURE_DISTANCE },
    [U_M] = { "m", QC_FIGURE_DISTANCE }, [U_CM] = { "cm", QC_FIGURE_DISTANCE },
    [U_MM] = { "mm", QC_FIGURE_DISTANCE }, [U_FT] = { "ft", QC_FIGURE_DISTANCE },
    [U_IN] = { "in", QC_FIGURE_DISTANCE }, [U_YD] = { "yd", QC_FIGURE_DISTANCE },
    [U_NMI] = { "nmi", QC_FIGURE_DISTANCE },
    [U_KG] = { "kg", QC_FIGURE_OTHER }, [U_G] = { "g", QC_FIGURE_OTHER },
    [U_T] = { "t", QC_FIGURE_OTHER }, [U_LB] = { "lb", QC_FIGURE_OTHER },
    [U_OZ] = { "oz", QC_FIGURE_OTHER },
    [U_HOURS] = { "hours", QC_FIGURE_OTHER }, [U_MINUTES] = { "minutes", QC_FIGURE_OTHER },
    [U_SECONDS] = { "seconds", QC_FIGURE_OTHER }, [U_DAYS] = { "days", QC_FIGURE_OTHER },
    [U_WEEKS] = { "weeks", QC_FIGURE_OTHER }, [U_MONTHS] = { "months", QC_FIGURE_OTHER },
    [U_YEARS] = { "years", QC_FIGURE_OTHER }, [U_DECADES] = { "decades", QC_FIGURE_OTHER },
    [U_CENTURIES] = { "centuries", QC_FIGURE_OTHER },
    [U_YEARSOLD] = { "years old", QC_FIGURE_OTHER },
    [U_MPH] = { "mph", QC_FIGURE_OTHER }, [U_KMH] = { "km/h", QC_FIGURE_OTHER },
    [U_KN] = { "knots", QC_FIGURE_OTHER },
    [U_DEGC] = { "\xC2\xB0" "C", QC_FIGURE_OTHER }, [U_DEGF] = { "\xC2\xB0" "F", QC_FIGURE_OTHER },
    [U_DEG] = { "degrees", QC_FIGURE_OTHER },
    [U_HA] = { "ha", QC_FIGURE_OTHER }, [U_ACRE] = { "acres", QC_FIGURE_OTHER },
    [U_KM2] = { "km2", QC_FIGURE_OTHER }, [U_MI2] = { "mi2", QC_FIGURE_OTHER },
    [U_M2] = { "m2", QC_FIGURE_OTHER }, [U_FT2] = { "ft2", QC_FIGURE_OTHER },
    [U_L] = { "l", QC_FIGURE_OTHER }, [U_GAL] = { "gal", QC_FIGURE_OTHER },
    [U_BBL] = { "bbl", QC_FIGURE_OTHER },
    [U_MW] = { "MW", QC_FIGURE_OTHER }, [U_GW] = { "GW", QC_FIGURE_OTHER },
    [U_KW] = { "kW", QC_FIGURE_OTHER }, [U_KWH] = { "kWh", QC_FIGURE_OTHER },
    [U_MWH] = { "MWh", QC_FIGURE_OTHER }, [U_GWH] = { "GWh", QC_FIGURE_OTHER },
    [U_TWH] = { "TWh", QC_FIGURE_OTHER }, [U_MAG] = { "magnitude", QC_FIGURE_OTHER },
    [U_PP] = { "pp", QC_FIGURE_OTHER }, [U_MG] = { "mg", QC_FIGURE_OTHER },
    [U_ML] = { "ml", QC_FIGURE_OTHER }, [U_MPS] = { "m/s", QC_FIGURE_OTHER },
    [U_KMPS] = { "km/s", QC_FIGURE_OTHER },
};

enum {
    C_NONE, C_USD, C_EUR, C_GBP, C_JPY, C_CNY, C_INR, C_AUD, C_CAD, C_CHF, C_RUB, C_KRW,
    C_BRL, C_ZAR, C_NGN, C_KES, C_MXN, C_TRY, C_ILS, C_SEK, C_NOK, C_DKK, C_PLN, C_HKD,
    C_SGD, C_NZD, C_IRR, C_IQD, C_PKR, C_EGP, C_SAR, C_AED, C_UAH, C_TWD, C_PHP, C_IDR,
    C_THB, C_MYR, C_VND, C_COUNT
};

static const char *const CURS[C_COUNT] = {
    NULL, "USD", "EUR", "GBP", "JPY", "CNY", "INR", "AUD", "CAD", "CHF", "RUB", "KRW",
    "BRL", "ZAR", "NGN", "KES", "MXN", "TRY", "ILS", "SEK", "NOK", "DKK", "PLN", "HKD",
    "SGD", "NZD", "IRR", "IQD", "PKR", "EGP", "SAR", "AED", "UAH", "TWD", "PHP", "IDR",
    "THB", "MYR", "VND",
};

typedef struct lexent {
    const char *w;        /* lower case */
    const char *canon;    /* zones: the upper-case name */
    uint32_t f;
    double num;
    int8_t scale, month, unit, cur;
} lexent;

#define LEX_MAX 1400
static lexent lex_tab[LEX_MAX];
static size_t lex_n;
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static const double P10[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static void lex_put(const char *w, uint32_t f, double num, int scale, int month, int unit, int cur)
{
    if (lex_n == LEX_MAX)
        abort();   /* a programming error: raise LEX_MAX */
    lex_tab[lex_n++] = (lexent){ w, NULL, f, num, (int8_t)scale, (int8_t)month, (int8_t)unit,
                                 (int8_t)cur };
}

#define LEN(a) (sizeof(a) / sizeof *(a))

static void lex_list(const char *const *ws, size_t n, uint32_t f)
{
    for (size_t i = 0; i < n; i++)
        lex_put(ws[i], f, 0, 0, 0, 0, 0);
}

static int lex_cmp(const void *a, const void *b)
{
    return strcmp(((const lexent *)a)->w, ((const lexent *)b)->w);
}

static const char *const W_STOP[] = {
    "a", "aboard", "about", "above", "abroad", "according", "across", "after", "again",
    "against", "ago", "all", "alone", "along", "already", "also", "although", "altogether",
    "am", "amid", "amidst", "among", "amongst", "an", "and", "another", "any", "apart", "are",
    "around", "as", "at", "away", "back", "be", "because", "been", "before", "behind", "being",
    "below", "beneath", "beside", "besides", "between", "beyond", "both", "but", "by", "can",
    "could", "despite", "did", "do", "does", "down", "during", "each", "earlier", "either",
    "else", "even", "ever", "every", "except", "few", "first", "following", "for", "from",
    "had", "has", "have", "he", "her", "here", "hers", "him", "his", "how", "however", "i",
    "if", "in", "including", "inside", "instead", "into", "is", "it", "its", "just", "last",
    "later", "least", "less", "like", "many", "may", "me", "might", "mine", "more", "most",
    "much", "must", "my", "near", "neither", "never", "next", "no", "nor", "not", "now", "of",
    "off", "on", "once", "one", "only", "onto", "or", "other", "others", "our", "ours", "out",
    "outside", "over", "overall", "own", "past", "per", "plus", "rather", "respectively",
    "same", "shall", "she", "should", "since", "so", "some", "still", "such", "than", "that",
    "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this",
    "those", "though", "through", "throughout", "thus", "till", "times", "to", "today",
    "together", "tomorrow", "tonight", "too", "total", "toward", "towards", "under",
    "underneath", "unlike", "until", "up", "upon", "us", "versus", "very", "via", "vs", "was",
    "we", "were", "what", "whatever", "when", "where", "whereas", "whether", "which", "while",
    "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yesterday",
    "yet", "you", "your",
    /* verbs that follow a count */
    "appear", "appeared", "arrive", "ate", "attend", "became", "become", "began", "begin",
    "bought", "brought", "built", "came", "caught", "chose", "come", "comes", "die", "died",
    "dies", "drew", "drove", "face", "fell", "felt", "flee", "fled", "flew", "fought", "found",
    "gave", "get", "gets", "give", "go", "goes", "got", "heard", "held", "hit", "hold", "hurt",
    "include", "included", "includes", "kept", "knew", "lay", "led", "left", "live", "lost",
    "made", "make", "makes", "meant", "met", "need", "paid", "put", "ran", "remain",
    "remained", "remains", "rose", "said", "sank", "saw", "say", "says", "see", "seem", "sent",
    "set", "shot", "sit", "sold", "sought", "spoke", "stand", "stood", "struck", "take",
    "takes", "tell", "thought", "threw", "told", "took", "understood", "want", "went", "won",
    "work", "wrote", "reportedly", "allegedly",
};
static const char *const W_DET[] = {
    "the", "these", "those", "this", "that", "its", "their", "his", "her", "our", "your", "my",
};
static const char *const W_YEARPREP[] = {
    "in", "since", "until", "till", "during", "before", "after", "mid", "early", "late",
    "circa", "through", "throughout", "year", "spring", "summer", "autumn", "winter",
};
static const char *const W_IDWORD[] = {
    "no", "nos", "number", "section", "sec", "chapter", "article", "art", "page", "pages", "pp",
    "paragraph", "para", "clause", "rule", "room", "route", "highway", "interstate", "flight",
    "level", "category", "phase", "stage", "grade", "round", "episode", "season", "volume",
    "vol", "amendment", "item", "model", "version", "channel", "gate", "platform", "terminal",
    "row", "seat", "unit", "apartment", "apt", "suite", "district", "ward", "precinct",
    "figure", "fig", "table", "step", "part", "track", "tier", "exhibit", "annex", "appendix",
    "verse", "psalm", "resolution", "ch", "box", "lane", "pier", "floor", "squad", "jersey",
    "bus", "train", "line", "door", "building", "hangar", "runway", "block", "lot", "camp",
};
static const char *const W_IRRPL[] = {
    "people", "men", "women", "children", "police", "personnel", "staff", "aircraft",
    "spacecraft", "cattle", "sheep", "deer", "fish", "livestock", "clergy", "infantry", "kin",
    "offspring", "mice", "geese", "teeth", "data", "media", "criteria", "bacteria", "phenomena",
    "alumni", "poultry", "wildlife", "cavalry", "folk", "militia", "youth",
};
static const char *const W_NOTPL[] = {
    "news", "gas", "lens", "chaos", "bias", "atlas", "canvas", "yes", "physics", "economics",
    "politics", "mathematics", "athletics", "ethics", "always", "perhaps", "sometimes",
    "whereas", "aids", "mass", "arms",
};
static const char *const W_LYOK[] = {
    "family", "assembly", "rally", "ally", "supply", "anomaly", "daily", "weekly", "monthly",
    "yearly", "quarterly", "elderly", "italy", "fly", "lily", "belly", "bully", "jelly",
    "monopoly", "reply", "deadly", "costly", "friendly", "lonely", "lovely", "orderly",
    "holy", "ugly", "burly", "hourly", "nightly", "homily", "butterfly", "firefly",
};
static const char *const W_WEEKDAY[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};
static const char *const W_ORDSUF[] = { "st", "nd", "rd", "th" };
static const char *const W_ERA[] = { "bc", "bce", "ad", "ce", "bp" };
static const char *const W_QUAL[] = {
    "no", "not", "more", "greater", "in", "upwards", "well", "just", "over", "above", "at",
    "a", "approximately", "approx", "about", "around", "roughly", "some", "an", "estimated",
    "circa", "nearly", "almost", "close", "up", "fewer", "less", "under", "below", "as",
    "exceeded", "exceeding", "exceeds", "exceed",
};
static const char *const W_FRACTION[] = {
    "half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "sixth",
    "sixths", "seventh", "sevenths", "eighth", "eighths", "ninth", "ninths", "tenth", "tenths",
    "hundredth", "hundredths", "thousandth", "thousandths",
};
static const char *const W_COMPAR[] = {
    "higher", "lower", "larger", "smaller", "greater", "lighter", "heavier", "bigger",
    "faster", "slower", "longer", "shorter", "cheaper", "dearer", "better", "worse", "fewer",
    "older", "younger", "stronger", "weaker", "richer", "poorer", "wider", "narrower",
    "taller", "hotter", "colder", "warmer", "cooler", "brighter", "denser", "more", "less",
};
static const char *const W_ONEIDIOM[] = {
    "way", "thing", "hand", "side", "point", "reason", "example", "instance", "aspect",
    "another", "question", "problem", "factor", "kind", "sort", "type", "form", "part", "piece",
    "moment", "time", "place", "idea", "option", "possibility", "thought",
};
static const char *const W_START[] = {
    "a", "an", "half", "noon", "midnight", "magnitude", "rs",
};
static const char *const W_PREFIX[] = { "mid", "pre", "post", "late", "early", "circa", "c" };
static const char *const W_EVENT[] = {
    "election", "elections", "primaries", "primary", "midterms", "campaign", "olympics",
    "games", "season", "census", "budget", "summit", "tournament", "championship",
    "championships", "awards", "protests", "attacks", "bombings", "floods", "wildfires",
    "riots", "edition", "model", "report", "survey", "cup", "war", "crisis", "law", "act",
    "nominee", "nomination", "race", "vote", "referendum", "uprising", "revolution",
};

static const struct { const char *w; int v; } NUMWORDS[] = {
    { "zero", 0 }, { "one", 1 }, { "two", 2 }, { "three", 3 }, { "four", 4 }, { "five", 5 },
    { "six", 6 }, { "seven", 7 }, { "eight", 8 }, { "nine", 9 }, { "ten", 10 },
    { "eleven", 11 }, { "twelve", 12 }, { "thirteen", 13 }, { "fourteen", 14 },
    { "fifteen", 15 }, { "sixteen", 16 }, { "seventeen", 17 }, { "eighteen", 18 },
    { "nineteen", 19 }, { "twenty", 20 }, { "thirty", 30 }, { "forty", 40 }, { "fifty", 50 },
    { "sixty", 60 }, { "seventy", 70 }, { "eighty", 80 }, { "ninety", 90 },
};
static const struct { const char *w; int e; } SCALES[] = {
    { "hundred", 2 }, { "thousand", 3 }, { "million", 6 }, { "billion", 9 }, { "trillion", 12 },
};
static const struct { const char *w; double lo; int e; } VAGUES[] = {
    { "several", 3, 0 }, { "dozens", 24, 0 }, { "scores", 40, 0 }, { "tens", 20, 1 },
    { "hundreds", 200, 2 }, { "thousands", 2000, 3 }, { "millions", 2e6, 6 },
    { "billions", 2e9, 9 },
};
static const struct { const char *w; int e; } SCALEABBRS[] = {
    { "m", 6 }, { "mn", 6 }, { "mln", 6 }, { "bn", 9 }, { "b", 9 }, { "bln", 9 }, { "k", 3 },
    { "tn", 12 }, { "trn", 12 },
};
static const struct { const char *w; int m; bool abbr; } MONTHS[] = {
    { "january", 1, false }, { "february", 2, false }, { "march", 3, false },
    { "april", 4, false }, { "may", 5, false }, { "june", 6, false }, { "july", 7, false },
    { "august", 8, false }, { "september", 9, false }, { "october", 10, false },
    { "november", 11, false }, { "december", 12, false }, { "jan", 1, true },
    { "feb", 2, true }, { "mar", 3, true }, { "apr", 4, true }, { "jun", 6, true },
    { "jul", 7, true }, { "aug", 8, true }, { "sep", 9, true }, { "sept", 9, true },
    { "oct", 10, true }, { "nov", 11, true }, { "dec", 12, true },
};
static const struct { const char *w; int u; } UNITWORDS[] = {
    { "km", U_KM }, { "kms", U_KM }, { "kilometre", U_KM }, { "kilometres", U_KM },
    { "kilometer", U_KM }, { "kilometers", U_KM }, { "mi", U_MI }, { "mile", U_MI },
    { "miles", U_MI }, { "m", U_M }, { "metre", U_M }, { "metres", U_M }, { "meter", U_M },
    { "meters", U_M }, { "cm", U_CM }, { "centimetre", U_CM }, { "centimetres", U_CM },
    { "centimeter", U_CM }, { "centimeters", U_CM }, { "mm", U_MM }, { "millimetre", U_MM },
    { "millimetres", U_MM }, { "millimeter", U_MM }, { "millimeters", U_MM }, { "ft", U_FT },
    { "feet", U_FT }, { "foot", U_FT }, { "inch", U_IN }, { "inches", U_IN }, { "yard", U_YD },
    { "yards", U_YD }, { "yd", U_YD }, { "yds", U_YD }, { "kg", U_KG }, { "kgs", U_KG },
    { "kilogram", U_KG }, { "kilograms", U_KG }, { "kilogramme", U_KG },
    { "kilogrammes", U_KG }, { "kilo", U_KG }, { "kilos", U_KG }, { "gram", U_G },
    { "grams", U_G }, { "gramme", U_G }, { "grammes", U_G }, { "tonne", U_T }, { "tonnes", U_T },
    { "ton", U_T }, { "tons", U_T }, { "lb", U_LB }, { "lbs", U_LB }, { "pound", U_LB },
    { "pounds", U_LB }, { "ounce", U_OZ }, { "ounces", U_OZ }, { "oz", U_OZ },
    { "hour", U_HOURS }, { "hours", U_HOURS }, { "hr", U_HOURS }, { "hrs", U_HOURS },
    { "minute", U_MINUTES }, { "minutes", U_MINUTES }, { "min", U_MINUTES },
    { "mins", U_MINUTES }, { "second", U_SECONDS }, { "seconds", U_SECONDS },
    { "sec", U_SECONDS }, { "secs", U_SECONDS }, { "day", U_DAYS }, { "days", U_DAYS },
    { "week", U_WEEKS }, { "weeks", U_WEEKS }, { "month", U_MONTHS }, { "months", U_MONTHS },
    { "year", U_YEARS }, { "years", U_YEARS }, { "yr", U_YEARS }, { "yrs", U_YEARS },
    { "decade", U_DECADES }, { "decades", U_DECADES }, { "century", U_CENTURIES },
    { "centuries", U_CENTURIES }, { "mph", U_MPH }, { "kph", U_KMH }, { "kmh", U_KMH },
    { "knot", U_KN }, { "knots", U_KN }, { "degree", U_DEG }, { "degrees", U_DEG },
    { "hectare", U_HA }, { "hectares", U_HA }, { "ha", U_HA }, { "acre", U_ACRE },
    { "acres", U_ACRE }, { "litre", U_L }, { "litres", U_L }, { "liter", U_L },
    { "liters", U_L }, { "gallon", U_GAL }, { "gallons", U_GAL }, { "barrel", U_BBL },
    { "barrels", U_BBL }, { "mw", U_MW }, { "megawatt", U_MW }, { "megawatts", U_MW },
    { "gw", U_GW }, { "gigawatt", U_GW }, { "gigawatts", U_GW }, { "kw", U_KW },
    { "kilowatt", U_KW }, { "kilowatts", U_KW }, { "kwh", U_KWH }, { "mwh", U_MWH },
    { "gwh", U_GWH }, { "twh", U_TWH }, { "magnitude", U_MAG }, { "mg", U_MG },
    { "milligram", U_MG }, { "milligrams", U_MG }, { "ml", U_ML }, { "millilitre", U_ML },
    { "millilitres", U_ML }, { "milliliter", U_ML }, { "milliliters", U_ML },
};
static const struct { const char *w; int c; bool cent; } CURWORDS[] = {
    { "dollar", C_USD, false }, { "dollars", C_USD, false }, { "euro", C_EUR, false },
    { "euros", C_EUR, false }, { "sterling", C_GBP, false }, { "yen", C_JPY, false },
    { "yuan", C_CNY, false }, { "renminbi", C_CNY, false }, { "rupee", C_INR, false },
    { "rupees", C_INR, false }, { "ruble", C_RUB, false }, { "rubles", C_RUB, false },
    { "rouble", C_RUB, false }, { "roubles", C_RUB, false }, { "naira", C_NGN, false },
    { "rial", C_IRR, false }, { "rials", C_IRR, false }, { "franc", C_CHF, false },
    { "francs", C_CHF, false }, { "hryvnia", C_UAH, false }, { "hryvnias", C_UAH, false },
    { "lira", C_TRY, false }, { "shekel", C_ILS, false }, { "shekels", C_ILS, false },
    { "cent", C_USD, true }, { "cents", C_USD, true }, { "pence", C_GBP, true },
};
static const struct { const char *w, *canon; } ZONES[] = {
    { "utc", "UTC" }, { "gmt", "GMT" }, { "est", "EST" }, { "edt", "EDT" }, { "cst", "CST" },
    { "cdt", "CDT" }, { "mst", "MST" }, { "mdt", "MDT" }, { "pst", "PST" }, { "pdt", "PDT" },
    { "akst", "AKST" }, { "akdt", "AKDT" }, { "hst", "HST" }, { "bst", "BST" },
    { "cet", "CET" }, { "cest", "CEST" }, { "eet", "EET" }, { "eest", "EEST" },
    { "wet", "WET" }, { "west", "WEST" }, { "msk", "MSK" }, { "ist", "IST" }, { "jst", "JST" },
    { "kst", "KST" }, { "aest", "AEST" }, { "aedt", "AEDT" }, { "acst", "ACST" },
    { "acdt", "ACDT" }, { "awst", "AWST" }, { "nzst", "NZST" }, { "nzdt", "NZDT" },
    { "sgt", "SGT" }, { "hkt", "HKT" }, { "pht", "PHT" }, { "ict", "ICT" }, { "wib", "WIB" },
    { "irst", "IRST" }, { "ast", "AST" }, { "adt", "ADT" }, { "et", "ET" }, { "pt", "PT" },
    { "ct", "CT" }, { "mt", "MT" }, { "gst", "GST" }, { "sast", "SAST" }, { "wat", "WAT" },
    { "eat", "EAT" }, { "cat", "CAT" },
};

static char curcode_low[C_COUNT][4];
static void lex_hash_build(void);

static void lex_init(void)
{
    lex_list(W_STOP, LEN(W_STOP), LX_STOP);
    lex_list(W_DET, LEN(W_DET), LX_DET);
    lex_list(W_YEARPREP, LEN(W_YEARPREP), LX_YEARPREP);
    lex_list(W_IDWORD, LEN(W_IDWORD), LX_IDWORD);
    lex_list(W_IRRPL, LEN(W_IRRPL), LX_IRRPL);
    lex_list(W_NOTPL, LEN(W_NOTPL), LX_NOTPL);
    lex_list(W_LYOK, LEN(W_LYOK), LX_LYOK);
    lex_list(W_WEEKDAY, LEN(W_WEEKDAY), LX_WEEKDAY);
    lex_list(W_ORDSUF, LEN(W_ORDSUF), LX_ORDSUF);
    lex_list(W_ERA, LEN(W_ERA), LX_ERA);
    lex_list(W_QUAL, LEN(W_QUAL), LX_QUAL);
    lex_list(W_PREFIX, LEN(W_PREFIX), LX_PREFIX);
    lex_list(W_EVENT, LEN(W_EVENT), LX_EVENT);
    lex_list(W_FRACTION, LEN(W_FRACTION), LX_FRACTION);
    lex_list(W_COMPAR, LEN(W_COMPAR), LX_COMPAR);
    lex_list(W_ONEIDIOM, LEN(W_ONEIDIOM), LX_ONEIDIOM);
    lex_list(W_START, LEN(W_START), LX_START);
    for (size_t i = 0; i < LEN(NUMWORDS); i++)
        lex_put(NUMWORDS[i].w, LX_NUMW, NUMWORDS[i].v, 0, 0, 0, 0);
    for (size_t i = 0; i < LEN(SCALES); i++)
        lex_put(SCALES[i].w, LX_SCALE, 0, SCALES[i].e, 0, 0, 0);
    for (size_t i = 0; i < LEN(VAGUES); i++)
        lex_put(VAGUES[i].w, LX_VAGUE, VAGUES[i].lo, VAGUES[i].e, 0, 0, 0);
    for (size_t i = 0; i < LEN(SCALEABBRS); i++)
        lex_put(SCALEABBRS[i].w, LX_SCALEABBR, 0, SCALEABBRS[i].e, 0, 0, 0);
    for (size_t i = 0; i < LEN(MONTHS); i++)
        lex_put(MONTHS[i].w, LX_MONTH | (MONTHS[i].abbr ? LX_MONABBR : 0), 0, 0, MONTHS[i].m, 0, 0);
    for (size_t i = 0; i < LEN(UNITWORDS); i++)
        lex_put(UNITWORDS[i].w, LX_UNIT, 0, 0, 0, UNITWORDS[i].u, 0);
    for (size_t i = 0; i < LEN(CURWORDS); i++)
        lex_put(CURWORDS[i].w, LX_CURWORD | (CURWORDS[i].cent ? LX_CENT : 0), 0, 0, 0, 0,
                CURWORDS[i].c);
    for (size_t i = 0; i < LEN(ZONES); i++) {
        lex_put(ZONES[i].w, LX_ZONE, 0, 0, 0, 0, 0);
        lex_tab[lex_n - 1].canon = ZONES[i].canon;
    }
    for (int i = 1; i < C_COUNT; i++) {
        for (int k = 0; k < 3; k++)
            curcode_low[i][k] = (char)(CURS[i][k] - 'A' + 'a');
        curcode_low[i][3] = '\0';
        lex_put(curcode_low[i], LX_CURCODE, 0, 0, 0, 0, i);
    }
    qsort(lex_tab, lex_n, sizeof *lex_tab, lex_cmp);
    /* Merge entries of one word: flags or'ed, the first non-zero value kept. */
    size_t o = 0;
    for (size_t i = 0; i < lex_n; i++) {
        if (o && strcmp(lex_tab[o - 1].w, lex_tab[i].w) == 0) {
            lexent *d = &lex_tab[o - 1];
            const lexent *s = &lex_tab[i];
            d->f |= s->f;
            if (!d->num) d->num = s->num;
            if (!d->scale) d->scale = s->scale;
            if (!d->month) d->month = s->month;
            if (!d->unit) d->unit = s->unit;
            if (!d->cur) d->cur = s->cur;
            if (!d->canon) d->canon = s->canon;
        } else {
            lex_tab[o++] = lex_tab[i];
        }
    }
    lex_n = o;
    lex_hash_build();
}

/* Open-addressing hash over the merged lexicon: one probe or two per word. */
#define LEX_HASH 4096
static uint16_t lex_hash[LEX_HASH];   /* index + 1; 0 = empty */

static uint32_t fnv(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

static void lex_hash_build(void)
{
    for (size_t i = 0; i < lex_n; i++) {
        uint32_t h = fnv(lex_tab[i].w, strlen(lex_tab[i].w)) & (LEX_HASH - 1);
        while (lex_hash[h])
            h = (h + 1) & (LEX_HASH - 1);
        lex_hash[h] = (uint16_t)(i + 1);
    }
}

static const lexent *lex_find(const char *w, size_t n)
{
    uint32_t h = fnv(w, n) & (LEX_HASH - 1);
    while (lex_hash[h]) {
        const lexent *e = &lex_tab[lex_hash[h] - 1];
        if (strncmp(e->w, w, n) == 0 && e->w[n] == '\0')
            return e;
        h = (h + 1) & (LEX_HASH - 1);
    }
    return NULL;
}

/* ------------------------------------------------------------- tokens */

enum { TK_END, TK_WORD, TK_NUM, TK_PUNCT };

typedef struct tok {
    size_t start, end;    /* bytes in the document */
    size_t low;           /* WORD: offset of its lower-case text in scan.low */
    const lexent *lx;     /* WORD: lexicon entry or NULL */
    uint64_t mant;        /* NUM: the digits, separators dropped */
    int32_t cp;           /* PUNCT: the character */
    uint8_t kind;
    uint8_t idig;         /* NUM: digits before the point */
    uint8_t frac;         /* NUM: digits after the point */
    bool sp;              /* white space (or the block start) before it */
    bool cap;             /* WORD: starts with a capital */
    bool allcaps;         /* WORD: two or more letters, all capitals */
    bool comma;           /* NUM: thousands separators */
    bool bad;             /* NUM: 3.2.1, or too many digits */
    bool lead0;           /* NUM: 07, 0207 */
} tok;

typedef struct scan {
    const char *s;
    Array(tok) toks;
    Array(char) low;
    Array(char) buf;      /* scratch for counts */
    const tok *t;
    size_t n;
    bool heading;
    qc_arena *arena;
    qc_figure_list *out;
} scan;

static const tok END_TOK = { .kind = TK_END, .sp = true };

static inline const tok *T(const scan *c, size_t i) { return i < c->n ? &c->t[i] : &END_TOK; }
static inline const char *W(const scan *c, size_t i)
{
    return i < c->n && c->t[i].kind == TK_WORD ? c->low.items + c->t[i].low : "";
}
static inline uint32_t F(const scan *c, size_t i)
{
    return i < c->n && c->t[i].lx ? c->t[i].lx->f : 0;
}
static inline bool isw(const scan *c, size_t i, const char *w)
{
    return i < c->n && c->t[i].kind == TK_WORD && strcmp(W(c, i), w) == 0;
}
static inline bool isp(const scan *c, size_t i, int32_t cp)
{
    return i < c->n && c->t[i].kind == TK_PUNCT && c->t[i].cp == cp;
}
static inline bool isnum(const scan *c, size_t i) { return i < c->n && c->t[i].kind == TK_NUM; }
/* Token i touches the token before it. */
static inline bool adj(const scan *c, size_t i) { return i < c->n && !c->t[i].sp; }

static bool cp_hyphen(int32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }
static bool cp_dash(int32_t cp) { return cp_hyphen(cp) || cp == 0x2012 || cp == 0x2013; }
static bool ishyphen(const scan *c, size_t i) { return i < c->n && c->t[i].kind == TK_PUNCT && cp_hyphen(c->t[i].cp); }
static bool isdash(const scan *c, size_t i) { return i < c->n && c->t[i].kind == TK_PUNCT && cp_dash(c->t[i].cp); }

static bool cp_letter(int32_t cp) { return qc_cp_is_alpha(cp); }
static bool cp_mark(int32_t cp)
{
    if (cp < 0x300)
        return false;
    utf8proc_category_t k = utf8proc_category(cp);
    return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC || k == UTF8PROC_CATEGORY_ME;
}
static bool cp_space(int32_t cp) { return qc_cp_is_space(cp) || cp == 0xFEFF || cp == 0x200B; }

static void low_add(scan *c, int32_t cp)
{
    if (cp < 0x80) {
        array_push(&c->low, (char)cp);
        return;
    }
    char b[4];
    size_t n = qc_utf8_encode(cp, b);
    array_reserve(&c->low, c->low.len + n);
    memcpy(c->low.items + c->low.len, b, n);
    c->low.len += n;
}

static size_t lex_number(const char *s, size_t p, size_t be, tok *t)
{
    uint64_t m = 0;
    int digits = 0, idig = 0, frac = 0;
    t->lead0 = s[p] == '0';
    while (p < be && s[p] >= '0' && s[p] <= '9') {
        if (digits < 18) m = m * 10 + (uint64_t)(s[p] - '0');
        else t->bad = true;
        digits++, idig++, p++;
    }
    /* thousands separators: a first group of 1-3 digits, then ",ddd" groups */
    if (idig <= 3) {
        while (p + 3 < be && s[p] == ',' && s[p + 1] >= '0' && s[p + 1] <= '9' &&
               s[p + 2] >= '0' && s[p + 2] <= '9' && s[p + 3] >= '0' && s[p + 3] <= '9' &&
               (p + 4 >= be || s[p + 4] < '0' || s[p + 4] > '9')) {
            for (int k = 1; k <= 3; k++) {
                if (digits < 18) m = m * 10 + (uint64_t)(s[p + k] - '0');
                else t->bad = true;
                digits++, idig++;
            }
            t->comma = true;
            p += 4;
        }
    }
    if (p + 1 < be && s[p] == '.' && s[p + 1] >= '0' && s[p + 1] <= '9') {
        p++;
        while (p < be && s[p] >= '0' && s[p] <= '9') {
            if (digits < 18) m = m * 10 + (uint64_t)(s[p] - '0'), frac++;
            else t->bad = true;
            digits++, p++;
        }
        while (p + 1 < be && s[p] == '.' && s[p + 1] >= '0' && s[p + 1] <= '9') {
            t->bad = true;   /* 3.2.1 */
            p++;
            while (p < be && s[p] >= '0' && s[p] <= '9')
                p++;
        }
    }
    if (idig < 2 || t->comma)
        t->lead0 = false;
    t->kind = TK_NUM;
    t->mant = m;
    t->idig = (uint8_t)(idig > 255 ? 255 : idig);
    t->frac = (uint8_t)frac;
    return p;
}

static size_t lex_word(scan *c, size_t p, size_t be, tok *t)
{
    const char *s = c->s;
    size_t lo = c->low.len;
    int letters = 0;
    bool allcaps = true;
    while (p < be) {
        unsigned char ch = (unsigned char)s[p];
        if (ch < 0x80 && ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')) {   /* ASCII letter */
            bool up = ch <= 'Z';
            if (letters == 0)
                t->cap = up;
            if (!up)
                allcaps = false;
            letters++;
            array_push(&c->low, (char)(ch | 0x20));
            p++;
            continue;
        }
        size_t l;
        int32_t cp = qc_utf8_decode(s + p, be - p, &l);
        if (cp_letter(cp)) {
            bool up = qc_cp_is_upper(cp);
            if (letters == 0)
                t->cap = up;
            if (!up)
                allcaps = false;
            letters++;
            low_add(c, cp < 0x80 ? (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp) : utf8proc_tolower(cp));
            p += l;
            continue;
        }
        if (letters && cp_mark(cp)) {
            low_add(c, cp);
            p += l;
            continue;
        }
        if (letters && (cp == '\'' || cp == 0x2019) && p + l < be) {
            size_t l2;
            int32_t nx = qc_utf8_decode(s + p + l, be - p - l, &l2);
            if (cp_letter(nx)) {
                low_add(c, '\'');
                p += l;
                continue;
            }
        }
        break;
    }
    size_t wl = c->low.len - lo;
    low_add(c, 0);
    t->kind = TK_WORD;
    t->low = lo;
    t->allcaps = allcaps && letters >= 2;
    t->lx = wl <= 16 ? lex_find(c->low.items + lo, wl) : NULL;
    return p;
}

static void tokenize(scan *c, size_t bs, size_t be)
{
    c->toks.len = 0;
    c->low.len = 0;
    size_t pos = bs;
    bool sp = true;
    while (pos < be) {
        size_t l;
        int32_t cp = qc_utf8_decode(c->s + pos, be - pos, &l);
        if (cp_space(cp)) {
            sp = true;
            pos += l;
            continue;
        }
        tok t;
        memset(&t, 0, sizeof t);
        t.start = pos;
        t.sp = sp;
        sp = false;
        if (cp >= '0' && cp <= '9') {
            pos = lex_number(c->s, pos, be, &t);
        } else if (cp_letter(cp)) {
            pos = lex_word(c, pos, be, &t);
        } else {
            t.kind = TK_PUNCT;
            t.cp = cp;
            pos += l;
        }
        t.end = pos;
        array_push(&c->toks, t);
    }
    c->t = c->toks.items;
    c->n = c->toks.len;
}

/* ------------------------------------------------------------ helpers */

static bool ends_with(const char *w, const char *suf)
{
    size_t n = strlen(w), m = strlen(suf);
    return n >= m && memcmp(w + n - m, suf, m) == 0;
}

static bool possessive(const scan *c, size_t i)
{
    return T(c, i)->kind == TK_WORD && (ends_with(W(c, i), "'s") || ends_with(W(c, i), "s'"));
}

static bool sentence_start(const scan *c, size_t i)
{
    if (i == 0)
        return true;
    const tok *p = &c->t[i - 1];
    if (p->kind != TK_PUNCT)
        return false;
    switch (p->cp) {
    case '.': case '!': case '?': case ':': case ';': case '"': case '(': case '[':
    case 0x201C: case 0x201D: case 0x2018: case 0x2014: case 0x2013: case 0x2022: case '*':
    case 0x2026: case '|': case '-': case 0xAB: case 0xBB:
        return true;
    default:
        return false;
    }
}

static double scaled(uint64_t mant, int frac, int e)
{
    int d = e - frac;
    if (d >= 0)
        return (double)mant * P10[d > 22 ? 22 : d];
    return (double)mant / P10[-d > 22 ? 22 : -d];
}

/* Match lower-case words separated by single spaces; the token after, or 0. */
static size_t match_words(const scan *c, size_t i, const char *phrase)
{
    const char *p = phrase;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t len = sp ? (size_t)(sp - p) : strlen(p);
        if (T(c, i)->kind != TK_WORD)
            return 0;
        const char *w = W(c, i);
        if (strlen(w) != len || memcmp(w, p, len) != 0)
            return 0;
        i++;
        p += len;
        if (*p == ' ')
            p++;
    }
    return i;
}

/* ------------------------------------------------------------- figures */

typedef struct fig {
    size_t t0, t1;        /* tokens of the whole phrase */
    size_t n0, n1;        /* tokens of the number */
    size_t c0, c1;        /* tokens of what is counted (c0 == c1: none) */
    qc_figure_kind kind;
    double v, vmax;
    bool vague;
    const char *qual;
    const char *unit;
    const char *ext_counts;   /* counts found outside the phrase (X of the N Y) */
    char norm[96];
} fig;

typedef struct num {
    size_t t0, t1;
    double v;
    int scale;            /* power of ten of a scale word, 0 if none */
    bool vague;
    bool word;            /* spelled out */
    bool one;             /* the word "one" alone */
    bool takes_of;        /* dozens, a couple, millions: "X of Y" counts Y */
    bool plain;           /* numeral without separators, decimals or scale */
    int ndig;
} num;

static const struct { const char *phrase, *canon; } QUALS[] = {
    { "no more than", "up to" }, { "not more than", "up to" },
    { "no fewer than", "at least" }, { "no less than", "at least" },
    { "not less than", "at least" }, { "more than", "more than" },
    { "greater than", "more than" }, { "in excess of", "more than" },
    { "upwards of", "more than" }, { "well over", "more than" }, { "just over", "more than" },
    { "over", "more than" }, { "above", "more than" }, { "at least", "at least" },
    { "a minimum of", "at least" }, { "approximately", "about" }, { "approx", "about" },
    { "about", "about" }, { "around", "about" }, { "roughly", "about" }, { "some", "about" },
    { "an estimated", "about" }, { "an approximate", "about" }, { "estimated", "about" },
    { "circa", "about" }, { "nearly", "nearly" }, { "almost", "nearly" },
    { "close to", "nearly" }, { "just under", "nearly" }, { "just shy of", "nearly" },
    { "up to", "up to" }, { "at most", "up to" }, { "a maximum of", "up to" },
    { "fewer than", "less than" }, { "less than", "less than" }, { "under", "less than" },
    { "below", "less than" }, { "as many as", "as many as" }, { "as much as", "as many as" },
    { "as high as", "as many as" }, { "exceeded", "more than" }, { "exceeding", "more than" },
    { "exceeds", "more than" }, { "exceed", "more than" },
};

static const char *qualifier(const scan *c, size_t i, size_t *next)
{
    if (!(F(c, i) & LX_QUAL))
        return NULL;
    const char *w = W(c, i);
    size_t wl = strlen(w);
    for (size_t q = 0; q < LEN(QUALS); q++) {
        const char *ph = QUALS[q].phrase;
        if (ph[0] != w[0] || strncmp(ph, w, wl) != 0 || (ph[wl] != ' ' && ph[wl] != '\0'))
            continue;                            /* first word differs */
        size_t e = match_words(c, i, ph);
        if (!e)
            continue;
        if (strcmp(QUALS[q].phrase, "approx") == 0 && isp(c, e, '.') && adj(c, e))
            e++;
        *next = e;
        return QUALS[q].canon;
    }
    return NULL;
}

/* -------------------------------------------------------- not figures */

/* Context before numeral j that makes it a label, identifier or list
 * number. second: j is the second number of a range ("36-40"). */
static bool blocked_left(const scan *c, size_t j, bool second)
{
    const tok *t = &c->t[j];
    bool small = t->idig <= 2 && !t->frac && !t->comma;
    /* list numbering: "1." or "2)" opening the block, "(3)" */
    if (j == 0 && small && (isp(c, 1, '.') || isp(c, 1, ')')) && adj(c, 1) &&
        (T(c, 2)->sp || T(c, 2)->kind == TK_END))
        return true;
    if (small && isp(c, j + 1, ')') && adj(c, j + 1)) {
        if (j > 0 && isp(c, j - 1, '(') && !t->sp && t->idig == 1)
            return true;
        if (!(j > 0 && isp(c, j - 1, '(')) && t->sp)
            return true;
    }
    if (j == 0)
        return false;
    const tok *p = &c->t[j - 1];
    if (!t->sp) {
        if (p->kind == TK_WORD)
            return true;                         /* A300, H1N1 */
        if (p->kind == TK_PUNCT) {
            int32_t cp = p->cp;
            if (cp == '/' || cp == ':' || cp == '#' || cp == '+' || cp == '.' || cp == ',' ||
                cp == '@' || cp == '_' || cp == '&' || cp == '=' || cp == '\\' || cp == '^' ||
                cp == '~' || cp == 0x2116 /* № */)
                return true;
            if (cp_dash(cp) && j >= 2 && !p->sp) {
                const tok *pp = &c->t[j - 2];
                if (pp->kind == TK_NUM && !second)
                    return true;                 /* tail of 3-1, 555-1234 */
                if (pp->kind == TK_WORD && !(pp->lx && (pp->lx->f & LX_PREFIX)))
                    return true;                 /* F-16, COVID-19 */
            }
        }
    }
    if (p->kind == TK_PUNCT && (p->cp == 0xA9 || p->cp == 0xA7))
        return true;                             /* © 2019, § 5 */
    if (p->kind == TK_PUNCT && p->cp == '.' && j >= 2 && !p->sp &&
        (isw(c, j - 2, "no") || isw(c, j - 2, "nos")))
        return true;                             /* No. 10 */
    if (p->kind == TK_WORD) {
        uint32_t f = p->lx ? p->lx->f : 0;
        if (f & LX_IDWORD)
            return true;                         /* Flight 610, section 5 */
        if (strcmp(W(c, j - 1), "copyright") == 0)
            return true;
        if (!c->heading && p->cap &&
            !(f & (LX_MONTH | LX_WEEKDAY | LX_CURCODE | LX_ZONE | LX_QUAL | LX_YEARPREP |
                   LX_DET | LX_STOP)) &&
            !possessive(c, j - 1) && !sentence_start(c, j - 1))
            return true;                         /* Boeing 737, Euro 2020 */
    }
    return false;
}

/* Context after numeral j that makes it part of an identifier. */
static bool blocked_right(const scan *c, size_t j)
{
    const tok *t = &c->t[j];
    if (t->lead0 && !t->frac)
        return true;                             /* 007, 0207 */
    const tok *r = T(c, j + 1);
    if (r->kind == TK_END)
        return false;
    if (r->sp) {
        /* phone-like: two bare numerals of three or more digits in a row */
        return r->kind == TK_NUM && t->idig >= 3 && r->idig >= 3 && !t->comma && !r->comma &&
               !t->frac && !r->frac;
    }
    if (r->kind == TK_WORD) {
        uint32_t f = r->lx ? r->lx->f : 0;
        if (f & (LX_SCALEABBR | LX_UNIT))
            return false;
        if ((f & LX_CURCODE) && r->allcaps)
            return false;
        return true;                             /* 737MAX, 5G, 1990s, 21st, 6am (not a time) */
    }
    if (r->kind != TK_PUNCT)
        return true;
    int32_t cp = r->cp;
    if ((cp == '/' || cp == ':' || cp == '.' || cp == ',') && isnum(c, j + 2) && adj(c, j + 2))
        return true;                             /* 24/7, 3:16, 2:1 */
    if (cp_dash(cp) && isnum(c, j + 2) && adj(c, j + 2)) {
        const tok *b = T(c, j + 2);
        if (t->idig == 3 && b->idig == 4 && !t->frac && !b->frac)
            return true;                         /* 555-1234 */
        if (isdash(c, j + 3) && adj(c, j + 3) && isnum(c, j + 4) && adj(c, j + 4))
            return true;                         /* 1-800-555 */
    }
    return false;
}

/* ------------------------------------------------------ dates, times */

static int mdays(int m)
{
    static const int d[] = { 0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return d[m];
}

static int month_at(const scan *c, size_t i, size_t *next)
{
    const tok *t = T(c, i);
    if (t->kind != TK_WORD || !t->lx || !(t->lx->f & LX_MONTH) || !t->cap)
        return 0;
    size_t e = i + 1;
    if ((t->lx->f & LX_MONABBR) && isp(c, e, '.') && adj(c, e))
        e++;
    *next = e;
    return t->lx->month;
}

static bool day_at(const scan *c, size_t i, int *day, size_t *next)
{
    const tok *t = T(c, i);
    if (t->kind != TK_NUM || t->frac || t->comma || t->bad || t->idig > 2 || t->mant < 1 ||
        t->mant > 31)
        return false;
    size_t e = i + 1;
    if (adj(c, e)) {
        const tok *s = T(c, e);
        if (s->kind == TK_WORD) {
            if (!(F(c, e) & LX_ORDSUF))
                return false;
            e++;
        } else if (s->kind == TK_PUNCT && (s->cp == ':' || s->cp == '/' || s->cp == '.') &&
                   isnum(c, e + 1) && adj(c, e + 1)) {
            return false;                        /* 7:30, 7/1, 7.5 */
        } else if (s->kind == TK_PUNCT && s->cp == '%') {
            return false;
        }
    }
    *day = (int)t->mant;
    *next = e;
    return true;
}

static bool year_at(const scan *c, size_t i, int *y, size_t *next)
{
    const tok *t = T(c, i);
    if (t->kind != TK_NUM || t->frac || t->comma || t->bad || t->idig != 4 || t->mant < 1000 ||
        t->mant > 2999)
        return false;
    if (adj(c, i + 1) && T(c, i + 1)->kind == TK_WORD)
        return false;                            /* 1990s */
    *y = (int)t->mant;
    *next = i + 1;
    return true;
}

static void date_norm(char *b, size_t n, int y, int m, int d)
{
    if (y && m && d) snprintf(b, n, "%04d-%02d-%02d", y, m, d);
    else if (m && d) snprintf(b, n, "--%02d-%02d", m, d);
    else if (y && m) snprintf(b, n, "%04d-%02d", y, m);
    else snprintf(b, n, "%04d", y);
}

static void date_fill(fig *f, size_t j, size_t e, int y, int m, int d, int d2)
{
    f->kind = QC_FIGURE_DATE;
    f->n0 = j;
    f->n1 = e;
    f->t1 = e;
    f->v = f->vmax = y;
    char a[24], b[24];
    date_norm(a, sizeof a, y, m, d);
    if (d2) {
        date_norm(b, sizeof b, y, m, d2);
        snprintf(f->norm, sizeof f->norm, "%s/%s", a, b);
    } else {
        snprintf(f->norm, sizeof f->norm, "%s", a);
    }
}

/* January 7, Jan. 7, 2020, January 7–8, January 2020 */
static bool date_month_first(const scan *c, size_t j, fig *f)
{
    size_t k, e;
    int m = month_at(c, j, &k);
    if (!m)
        return false;
    int d = 0, d2 = 0, y = 0;
    if (day_at(c, k, &d, &e)) {
        size_t e2;
        if ((isdash(c, e) || isw(c, e, "to")) && day_at(c, e + 1, &d2, &e2) && d2 > d)
            e = e2;
        else
            d2 = 0;
        size_t yk = e, e3;
        if (isp(c, yk, ','))
            yk++;
        if (year_at(c, yk, &y, &e3))
            e = e3;
        if (d > mdays(m) || d2 > mdays(m))
            return false;
    } else {
        size_t yk = k;
        if (isp(c, yk, ','))
            yk++;
        if (!year_at(c, yk, &y, &e) || y < 1500 || y > 2100)
            return false;
    }
    date_fill(f, j, e, y, m, d, d2);
    return true;
}

/* 7 January 2020, 7th of January, 7-8 January */
static bool date_day_first(const scan *c, size_t j, fig *f)
{
    int d, d2 = 0, y = 0;
    size_t k, e;
    if (!day_at(c, j, &d, &k))
        return false;
    size_t k2;
    if (isdash(c, k) && adj(c, k) && day_at(c, k + 1, &d2, &k2) && d2 > d && month_at(c, k2, &e))
        k = k2;
    else
        d2 = 0;
    if (isw(c, k, "of"))
        k++;
    int m = month_at(c, k, &e);
    if (!m || d > mdays(m) || d2 > mdays(m))
        return false;
    size_t yk = e, e3;
    if (isp(c, yk, ','))
        yk++;
    if (year_at(c, yk, &y, &e3))
        e = e3;
    date_fill(f, j, e, y, m, d, d2);
    return true;
}

/* 2019-01-04 */
static bool date_iso(const scan *c, size_t j, fig *f)
{
    const tok *t = T(c, j), *m = T(c, j + 2), *d = T(c, j + 4);
    if (t->idig != 4 || t->frac || t->comma || t->mant < 1800 || t->mant > 2100)
        return false;
    if (!(isp(c, j + 1, '-') && adj(c, j + 1) && isnum(c, j + 2) && adj(c, j + 2) &&
          isp(c, j + 3, '-') && adj(c, j + 3) && isnum(c, j + 4) && adj(c, j + 4)))
        return false;
    if (m->idig != 2 || m->frac || m->mant < 1 || m->mant > 12 || d->idig != 2 || d->frac ||
        d->mant < 1 || d->mant > (uint64_t)mdays((int)m->mant))
        return false;
    if (adj(c, j + 5) && (isnum(c, j + 6) || T(c, j + 5)->kind != TK_PUNCT))
        return false;
    date_fill(f, j, j + 5, (int)t->mant, (int)m->mant, (int)d->mant, 0);
    return true;
}

static bool ampm_at(const scan *c, size_t k, int *pm, size_t *next)
{
    if (T(c, k)->kind != TK_WORD)
        return false;
    const char *w = W(c, k);
    if (strcmp(w, "am") == 0 || strcmp(w, "pm") == 0) {
        *pm = w[0] == 'p';
        *next = k + 1;
        return true;
    }
    if ((strcmp(w, "a") == 0 || strcmp(w, "p") == 0) && isp(c, k + 1, '.') && adj(c, k + 1) &&
        isw(c, k + 2, "m") && adj(c, k + 2)) {
        *pm = w[0] == 'p';
        size_t e = k + 3;
        if (isp(c, e, '.') && adj(c, e))
            e++;
        *next = e;
        return true;
    }
    return false;
}

static const char *zone_at(const scan *c, size_t k, size_t *next)
{
    size_t e = k;
    bool paren = isp(c, e, '(');
    if (paren)
        e++;
    const tok *z = T(c, e);
    if (z->kind != TK_WORD || !z->allcaps || !z->lx || !(z->lx->f & LX_ZONE))
        return NULL;
    e++;
    if (paren) {
        if (!isp(c, e, ')'))
            return NULL;
        e++;
    }
    *next = e;
    return z->lx->canon;
}

static void time_fill(const scan *c, fig *f, size_t j, size_t e, int h, int mi, int sec,
                      bool allow_zone)
{
    const char *zone = NULL;
    size_t e2;
    if (allow_zone && (zone = zone_at(c, e, &e2)) != NULL)
        e = e2;
    else if (isw(c, e, "local") && isw(c, e + 1, "time"))
        e += 2;
    f->kind = QC_FIGURE_TIME;
    f->n0 = j;
    f->n1 = e;
    f->t1 = e;
    f->v = f->vmax = h + mi / 60.0 + (sec > 0 ? sec / 3600.0 : 0);
    f->unit = zone;
    char b[40];
    if (sec >= 0) snprintf(b, sizeof b, "%02d:%02d:%02d", h, mi, sec);
    else snprintf(b, sizeof b, "%02d:%02d", h, mi);
    snprintf(f->norm, sizeof f->norm, "%s%s%s", b, zone ? " " : "", zone ? zone : "");
}

/* 5:30 p.m. (EST), 6am, 10:15 GMT, 2100 UTC */
static bool time_at(const scan *c, size_t j, fig *f)
{
    const tok *t = T(c, j);
    if (t->kind != TK_NUM || t->frac || t->comma || t->bad)
        return false;
    int h, mi = 0, sec = -1, pm = -1;
    size_t e;
    const tok *mt = T(c, j + 2);
    if (t->idig <= 2 && isp(c, j + 1, ':') && adj(c, j + 1) && isnum(c, j + 2) && adj(c, j + 2) &&
        mt->idig == 2 && !mt->frac && !mt->comma && mt->mant < 60) {
        h = (int)t->mant;
        mi = (int)mt->mant;
        e = j + 3;
        const tok *st = T(c, e + 1);
        if (isp(c, e, ':') && adj(c, e) && isnum(c, e + 1) && adj(c, e + 1) && st->idig == 2 &&
            !st->frac && st->mant < 60) {
            sec = (int)st->mant;
            e += 2;
        }
        if (h > 24 || (h == 24 && (mi || sec > 0)))
            return false;
        size_t e2;
        if (h >= 1 && h <= 12 && ampm_at(c, e, &pm, &e2))
            e = e2;
    } else if (t->idig <= 2 && t->mant >= 1 && t->mant <= 12 && ampm_at(c, j + 1, &pm, &e)) {
        h = (int)t->mant;
    } else if (t->idig <= 2 && t->mant >= 1 && t->mant <= 12 && isw(c, j + 1, "o'clock")) {
        h = (int)t->mant;
        e = j + 2;
        size_t e2;
        if (ampm_at(c, e, &pm, &e2))
            e = e2;
    } else if (t->idig == 4 && t->mant <= 2359 && t->mant % 100 < 60 && T(c, j + 1)->sp &&
               zone_at(c, j + 1, &e)) {
        h = (int)(t->mant / 100);
        mi = (int)(t->mant % 100);
        e = j + 1;
    } else {
        return false;
    }
    if (pm == 1 && h < 12) h += 12;
    if (pm == 0 && h == 12) h = 0;
    time_fill(c, f, j, e, h, mi, sec, true);
    return true;
}

/* A month without day or year after a preposition of time: "In August,
 * the parents …", "since March". Not "Theresa May", "may", "March's
 * vote". Normalised to "--MM". */
static bool month_only_at(const scan *c, size_t j, fig *f)
{
    const tok *t = T(c, j);
    if (j == 0 || t->kind != TK_WORD || !t->lx || !(t->lx->f & LX_MONTH) || !t->cap ||
        (t->lx->f & LX_MONABBR) || possessive(c, j))
        return false;
    static const char *const preps[] = { "in", "since", "by", "until", "till", "from", "during", "through",
                                         "throughout", "early", "late", "mid", "last", "next", "this",
                                         "before", "after" };
    bool ok = false;
    for (size_t i = 0; i < LEN(preps) && !ok; i++)
        ok = isw(c, j - 1, preps[i]);
    if (!ok || T(c, j + 1)->kind == TK_NUM)
        return false;
    f->kind = QC_FIGURE_DATE;
    f->n0 = j;
    f->n1 = j + 1;
    f->t1 = j + 1;
    f->v = f->vmax = 0;
    snprintf(f->norm, sizeof f->norm, "--%02d", t->lx->month);
    return true;
}

/* A weekday naming when something happened: "on Monday", "Tuesday
 * night", "late Friday". Not a name that holds one ("Good Friday", "Super
 * Tuesday", "The Sunday Times"). Normalised to its English name. */
static bool weekday_at(const scan *c, size_t j, fig *f)
{
    const tok *t = T(c, j);
    if (t->kind != TK_WORD || !t->cap || !(F(c, j) & LX_WEEKDAY))
        return false;
    if (j > 0 && T(c, j - 1)->kind == TK_WORD && T(c, j - 1)->cap && !sentence_start(c, j - 1) &&
        !(F(c, j - 1) & (LX_STOP | LX_DET | LX_QUAL)))
        return false;
    static const char *const days[] = { "good", "black", "cyber", "super", "ash", "bloody", "easter", "palm",
                                        "holy", "maundy", "shrove", "fat", "giving", "manic", "casual" };
    for (size_t i = 0; j > 0 && i < LEN(days); i++)
        if (isw(c, j - 1, days[i]) && T(c, j - 1)->cap)
            return false;
    static const char *const papers[] = { "times", "telegraph", "mirror", "express", "post", "herald",
                                          "independent", "mail", "star", "tribune", "sport", "people" };
    if (T(c, j + 1)->kind == TK_WORD && T(c, j + 1)->cap)
        for (size_t i = 0; i < LEN(papers); i++)
            if (isw(c, j + 1, papers[i]))
                return false;
    const char *w = W(c, j);
    for (size_t i = 0; i < LEN(W_WEEKDAY); i++) {
        if (strcmp(w, W_WEEKDAY[i]))
            continue;
        f->kind = QC_FIGURE_DATE;
        f->n0 = j;
        f->n1 = j + 1;
        f->t1 = j + 1;
        f->v = f->vmax = (double)(i + 1);
        snprintf(f->norm, sizeof f->norm, "%c%s", (char)(w[0] - 'a' + 'A'), w + 1);
        /* "Wednesday morning": the part of the day too */
        static const char *const parts[] = { "morning", "afternoon", "evening", "night" };
        for (size_t k = 0; k < LEN(parts); k++)
            if (isw(c, j + 1, parts[k]) && !T(c, j + 1)->cap) {
                f->n1 = f->t1 = j + 2;
                size_t l = strlen(f->norm);
                snprintf(f->norm + l, sizeof f->norm - l, " %s", parts[k]);
                break;
            }
        return true;
    }
    return false;
}

static bool noon_at(const scan *c, size_t j, bool qual, fig *f)
{
    bool noon = isw(c, j, "noon"), midnight = isw(c, j, "midnight");
    if (!noon && !midnight)
        return false;
    if (!qual) {
        static const char *const preps[] = { "at", "by", "until", "till", "before", "after",
                                             "from", "since", "past", "around", "about" };
        bool ok = false;
        for (size_t i = 0; j > 0 && i < LEN(preps); i++)
            if (isw(c, j - 1, preps[i]))
                ok = true;
        if (!ok)
            return false;
    }
    time_fill(c, f, j, j + 1, noon ? 12 : 0, 0, -1, true);
    return true;
}

/* ------------------------------------------------------------ numbers */

static bool parse_numeral(const scan *c, size_t j, bool money, num *n)
{
    const tok *t = T(c, j);
    if (t->kind != TK_NUM || t->bad)
        return false;
    memset(n, 0, sizeof *n);
    n->t0 = j;
    size_t k = j + 1;
    int e = 0;
    const tok *s = T(c, k);
    if (s->kind == TK_WORD && s->lx) {
        uint32_t f = s->lx->f;
        size_t wl = strlen(W(c, k));
        if ((f & LX_SCALE) && s->lx->scale >= 3 && s->sp) {
            e = s->lx->scale;                    /* 1.2 million */
            k++;
        } else if ((f & LX_SCALEABBR) && ((wl == 1 && !s->sp && money) ||
                                          (wl > 1 && (money || !s->sp)))) {
            e = s->lx->scale;                    /* €20m, 3.2bn, $5 bn */
            k++;
        }
    }
    n->v = scaled(t->mant, t->frac, e);
    n->scale = e;
    n->t1 = k;
    n->plain = !t->comma && !t->frac && !e;
    n->ndig = t->idig;
    return true;
}

static bool parse_words(const scan *c, size_t j, num *n)
{
    memset(n, 0, sizeof *n);
    n->t0 = j;
    n->word = true;
    const tok *t = T(c, j);
    if (t->kind != TK_WORD)
        return false;
    const char *w = W(c, j);
    uint32_t f = F(c, j);
    bool a = strcmp(w, "a") == 0 || strcmp(w, "an") == 0;

    if (strcmp(w, "half") == 0) {                /* half a dozen, half a million */
        if (!isw(c, j + 1, "a"))
            return false;
        if (isw(c, j + 2, "dozen")) {
            n->v = 6;
        } else if ((F(c, j + 2) & LX_SCALE) && T(c, j + 2)->lx->scale >= 2) {
            n->v = 0.5 * P10[T(c, j + 2)->lx->scale];
            n->scale = T(c, j + 2)->lx->scale;
        } else {
            return false;
        }
        n->t1 = j + 3;
        return true;
    }
    if (a) {
        size_t k1 = j + 1;
        const char *w1 = W(c, k1);
        if (strcmp(w1, "few") == 0 || strcmp(w1, "handful") == 0) {
            size_t k = k1 + 1;
            n->v = 2;
            if (isw(c, k, "dozen")) {
                n->v = 24;
                k++;
            } else if ((F(c, k) & LX_SCALE)) {
                n->v = 2 * P10[T(c, k)->lx->scale];
                k++;
            }
            n->vague = true;
            n->takes_of = true;
            n->t1 = k;
            return true;
        }
        if (strcmp(w1, "couple") == 0 || strcmp(w1, "pair") == 0) {
            if (!isw(c, k1 + 1, "of"))
                return false;
            n->v = 2;
            n->t1 = k1 + 1;
            n->takes_of = true;
            return true;
        }
        if (!(F(c, k1) & LX_SCALE) && strcmp(w1, "dozen") != 0)
            return false;
    } else if (f & LX_VAGUE) {
        double lo = t->lx->num;
        size_t k = j + 1;
        if (strcmp(w, "several") == 0) {
            if (isw(c, k, "dozen")) {
                lo = 36;
                k++;
            } else if (F(c, k) & LX_SCALE) {
                lo = 3 * P10[T(c, k)->lx->scale];
                k++;
            }
        } else if (isw(c, k, "of") && (F(c, k + 1) & LX_VAGUE) && T(c, k + 1)->lx->scale >= 3 &&
                   t->lx->scale >= 1) {
            lo = lo * P10[T(c, k + 1)->lx->scale];   /* tens of thousands */
            k += 2;
        } else if (strcmp(w, "tens") == 0) {
            return false;
        } else if (strcmp(w, "scores") == 0 && !isw(c, k, "of")) {
            return false;
        }
        n->v = lo;
        n->vague = true;
        n->takes_of = true;
        n->t1 = k;
        return true;
    } else if (!(f & LX_NUMW)) {
        return false;
    }
    if (t->cap && !c->heading && !sentence_start(c, j) && !t->allcaps)
        return false;                            /* the Group of Seven, the Big Four */

    /* composition: two hundred and fifty thousand, twenty-one, a dozen */
    double total = 0, cur = a ? 1 : 0;
    int last = a ? 6 : 0;   /* 1 unit, 2 teen, 3 tens, 4 hundred, 5 big, 6 "a" */
    bool any = false;
    size_t k = a ? j + 1 : j;
    for (;;) {
        const tok *x = T(c, k);
        if (x->kind != TK_WORD)
            break;
        const char *xw = W(c, k);
        uint32_t fx = x->lx ? x->lx->f : 0;
        if (fx & LX_NUMW) {
            if (last == 6)
                break;
            double v = x->lx->num;
            if (v < 20) {
                if (last == 1 || last == 2 || (last == 3 && (v >= 10 || v == 0)))
                    break;
                cur += v;
                last = v < 10 ? 1 : 2;
            } else {
                if (last == 1 || last == 2 || last == 3)
                    break;
                cur += v;
                last = 3;
                if (ishyphen(c, k + 1) && adj(c, k + 1) && adj(c, k + 2) &&
                    (F(c, k + 2) & LX_NUMW) && T(c, k + 2)->lx->num >= 1 &&
                    T(c, k + 2)->lx->num < 10) {
                    cur += T(c, k + 2)->lx->num;
                    k += 2;
                    last = 1;
                }
            }
            any = true;
            k++;
            continue;
        }
        if (fx & LX_SCALE) {
            if (!any && last != 6)
                break;
            int e = x->lx->scale;
            if (e == 2) {
                if (last == 4)
                    break;
                cur = (cur ? cur : 1) * 100;
                last = 4;
                if (n->scale < 2)
                    n->scale = 2;
            } else {
                total += (cur ? cur : 1) * P10[e];
                cur = 0;
                last = 5;
                if (e > n->scale)
                    n->scale = e;
            }
            any = true;
            k++;
            continue;
        }
        if (strcmp(xw, "dozen") == 0 && (any || last == 6)) {
            cur = (cur ? cur : 1) * 12;
            any = true;
            last = 5;
            k++;
            continue;
        }
        if (strcmp(xw, "and") == 0 && (last == 4 || last == 5) && (F(c, k + 1) & LX_NUMW)) {
            k++;
            last = 0;
            continue;
        }
        break;
    }
    if (!any)
        return false;
    if (last == 0 && isw(c, k - 1, "and"))
        k--;
    n->v = total + cur;
    n->t1 = k;
    n->one = k == j + 1 && strcmp(w, "one") == 0;
    return true;
}

/* ------------------------------------------------------------- units */

typedef struct unitres {
    int unit, cur;
    double mult;
    bool percent, blocked;
    size_t end;
} unitres;

static int unit_word(const scan *c, size_t k, size_t *next)
{
    const tok *t = T(c, k);
    size_t e = k + 1;
    if (isw(c, k, "square") || isw(c, k, "sq")) {
        size_t u = k + 1;
        if (isp(c, u, '.') && adj(c, u))
            u++;
        if (!(F(c, u) & LX_UNIT))
            return 0;
        int base = T(c, u)->lx->unit;
        *next = u + 1;
        return base == U_KM ? U_KM2 : base == U_MI ? U_MI2 : base == U_M ? U_M2 :
               base == U_FT ? U_FT2 : 0;
    }
    if (isw(c, k, "nautical") && (isw(c, k + 1, "miles") || isw(c, k + 1, "mile"))) {
        *next = k + 2;
        return U_NMI;
    }
    if (t->kind != TK_WORD || !t->lx || !(t->lx->f & LX_UNIT))
        return 0;
    int u = t->lx->unit;
    const char *w = W(c, k);
    /* one-letter units only where a measure is plain: "75 m (250 ft)" */
    if (strlen(w) == 1 && t->sp && T(c, e)->kind == TK_WORD)
        return 0;
    if (u == U_YEARS) {
        if (isw(c, e, "old")) {
            *next = e + 1;
            return U_YEARSOLD;
        }
        if (ishyphen(c, e) && adj(c, e) && isw(c, e + 1, "old") && adj(c, e + 1)) {
            *next = e + 2;
            return U_YEARSOLD;
        }
        if (isw(c, e, "of") && isw(c, e + 1, "age")) {
            *next = e + 2;
            return U_YEARSOLD;
        }
    }
    if (u == U_KM || u == U_MI || u == U_M) {
        if ((isw(c, e, "per") || isw(c, e, "an")) && isw(c, e + 1, "hour")) {
            *next = e + 2;
            return u == U_MI ? U_MPH : u == U_KM ? U_KMH : u;
        }
        if (u == U_KM && isp(c, e, '/') && adj(c, e) && isw(c, e + 1, "h") && adj(c, e + 1)) {
            *next = e + 2;
            return U_KMH;
        }
        if (u != U_MI && isp(c, e, '/') && adj(c, e) && isw(c, e + 1, "s") && adj(c, e + 1)) {
            *next = e + 2;
            return u == U_KM ? U_KMPS : U_MPS;
        }
        if ((isp(c, e, 0xB2) && adj(c, e)) ||
            (isnum(c, e) && adj(c, e) && T(c, e)->mant == 2 && T(c, e)->idig == 1)) {
            *next = e + 1;
            return u == U_KM ? U_KM2 : u == U_MI ? U_MI2 : U_M2;
        }
    }
    if (u == U_DEG) {
        if (isw(c, e, "celsius") || isw(c, e, "centigrade") || isw(c, e, "c")) {
            *next = e + 1;
            return U_DEGC;
        }
        if (isw(c, e, "fahrenheit") || isw(c, e, "f")) {
            *next = e + 1;
            return U_DEGF;
        }
    }
    *next = e;
    return u;
}

static int dollar_adjective(const scan *c, size_t k, size_t *next)
{
    static const struct { const char *p; int cur; } adjs[] = {
        { "us", C_USD }, { "american", C_USD }, { "australian", C_AUD },
        { "canadian", C_CAD }, { "singapore", C_SGD }, { "hong kong", C_HKD },
        { "new zealand", C_NZD }, { "taiwan", C_TWD }, { "taiwanese", C_TWD },
    };
    for (size_t i = 0; i < LEN(adjs); i++) {
        size_t e = match_words(c, k, adjs[i].p);
        if (e && (isw(c, e, "dollars") || isw(c, e, "dollar"))) {
            *next = e + 1;
            return adjs[i].cur;
        }
    }
    /* U.S. dollars */
    if (isw(c, k, "u") && isp(c, k + 1, '.') && isw(c, k + 2, "s") && isp(c, k + 3, '.') &&
        (isw(c, k + 4, "dollars") || isw(c, k + 4, "dollar"))) {
        *next = k + 5;
        return C_USD;
    }
    return 0;
}

static void parse_unit(const scan *c, size_t k, bool scaled_num, unitres *u)
{
    memset(u, 0, sizeof *u);
    u->end = k;
    u->mult = 1;
    const tok *t = T(c, k);
    if (t->kind == TK_PUNCT) {
        if (t->cp == '%' || t->cp == 0xFF05) {
            u->percent = true;
            u->end = k + 1;
        } else if (t->cp == 0xB0) {              /* ° */
            if (adj(c, k + 1) && isw(c, k + 1, "c")) u->unit = U_DEGC, u->end = k + 2;
            else if (adj(c, k + 1) && isw(c, k + 1, "f")) u->unit = U_DEGF, u->end = k + 2;
            else u->unit = U_DEG, u->end = k + 1;
        } else if (cp_hyphen(t->cp) && adj(c, k) && adj(c, k + 1) &&
                   T(c, k + 1)->kind == TK_WORD) {
            /* 5-kilometre, 40-year-old, 10-day; a 19-member team is no figure */
            size_t e;
            int un = unit_word(c, k + 1, &e);
            if (un) {
                u->unit = un;
                u->end = e;
            } else if (!(F(c, k + 1) & (LX_SCALE | LX_NUMW)) &&
                       !(isw(c, k + 1, "to") && isdash(c, k + 2) && isnum(c, k + 3))) {
                u->blocked = true;   /* (not "230-to-198", a tally) */
            }
        }
        return;
    }
    if (t->kind != TK_WORD)
        return;
    const char *w = W(c, k);
    if (strcmp(w, "percent") == 0 || strcmp(w, "pct") == 0) {
        u->percent = true;
        u->end = k + 1;
        return;
    }
    if (strcmp(w, "per") == 0 && isw(c, k + 1, "cent")) {
        u->percent = true;
        u->end = k + 2;
        return;
    }
    if (strcmp(w, "percentage") == 0 && (isw(c, k + 1, "points") || isw(c, k + 1, "point"))) {
        u->unit = U_PP;
        u->end = k + 2;
        return;
    }
    size_t e;
    int cur = dollar_adjective(c, k, &e);
    if (cur) {
        u->cur = cur;
        u->end = e;
        return;
    }
    uint32_t f = F(c, k);
    if ((f & LX_CURCODE) && t->allcaps) {
        u->cur = t->lx->cur;
        u->end = k + 1;
        return;
    }
    if (f & LX_CURWORD) {
        u->cur = t->lx->cur;
        if (f & LX_CENT)
            u->mult = 0.01;
        u->end = k + 1;
        return;
    }
    if ((strcmp(w, "pounds") == 0 || strcmp(w, "pound") == 0) &&
        (scaled_num || isw(c, k + 1, "sterling"))) {
        u->cur = C_GBP;
        u->end = isw(c, k + 1, "sterling") ? k + 2 : k + 1;
        return;
    }
    int un = unit_word(c, k, &e);
    if (un) {
        u->unit = un;
        u->end = e;
    }
}

static int currency_prefix(const scan *c, size_t j, size_t *next)
{
    const tok *t = T(c, j);
    if (t->kind == TK_PUNCT) {
        int cur;
        switch (t->cp) {
        case '$': cur = C_USD; break;
        case 0x20AC: cur = C_EUR; break;
        case 0xA3: cur = C_GBP; break;
        case 0xA5: cur = C_JPY; break;
        case 0x20B9: cur = C_INR; break;
        case 0x20BD: cur = C_RUB; break;
        case 0x20A9: cur = C_KRW; break;
        case 0x20BA: cur = C_TRY; break;
        case 0x20AA: cur = C_ILS; break;
        case 0x20A6: cur = C_NGN; break;
        case 0x20B4: cur = C_UAH; break;
        default: return 0;
        }
        if (!isnum(c, j + 1))
            return 0;
        *next = j + 1;
        return cur;
    }
    if (t->kind != TK_WORD)
        return 0;
    const char *w = W(c, j);
    if (isp(c, j + 1, '$') && adj(c, j + 1) && isnum(c, j + 2)) {
        static const struct { const char *p; int cur; } pre[] = {
            { "us", C_USD }, { "a", C_AUD }, { "au", C_AUD }, { "c", C_CAD }, { "ca", C_CAD },
            { "can", C_CAD }, { "cdn", C_CAD }, { "nz", C_NZD }, { "hk", C_HKD }, { "s", C_SGD },
            { "sg", C_SGD }, { "r", C_BRL }, { "nt", C_TWD }, { "mx", C_MXN },
        };
        for (size_t i = 0; i < LEN(pre); i++)
            if (strcmp(w, pre[i].p) == 0) {
                *next = j + 2;
                return pre[i].cur;
            }
        return 0;
    }
    if ((F(c, j) & LX_CURCODE) && t->allcaps && isnum(c, j + 1)) {
        *next = j + 1;
        return t->lx->cur;
    }
    if (strcmp(w, "rs") == 0 && t->cap) {
        size_t k = j + 1;
        if (isp(c, k, '.') && adj(c, k))
            k++;
        if (isnum(c, k)) {
            *next = k;
            return C_INR;
        }
    }
    return 0;
}

/* ------------------------------------------------------- noun phrase */

static bool is_plural(const scan *c, size_t i)
{
    if (T(c, i)->kind != TK_WORD)
        return false;
    uint32_t f = F(c, i);
    if (f & LX_IRRPL)
        return true;
    if (f & LX_NOTPL)
        return false;
    const char *w = W(c, i);
    size_t n = strlen(w);
    if (n < 3 || w[n - 1] != 's' || w[n - 2] == '\'')
        return false;
    char p = w[n - 2];
    if (p == 's' || p == 'u')
        return false;
    if (p == 'i' && !T(c, i)->cap)
        return false;                            /* crisis; but Iraqis */
    return true;
}

/* One word of a noun phrase (a hyphenated compound counts as one): its
 * end token, or 0. *last gets its last word token. */
static size_t np_word(const scan *c, size_t i, size_t *last)
{
    const tok *t = T(c, i);
    if (t->kind != TK_WORD)
        return 0;
    uint32_t f = F(c, i);
    const char *w = W(c, i);
    if (f & (LX_STOP | LX_NUMW | LX_SCALE | LX_VAGUE | LX_WEEKDAY | LX_ERA)) {
        if (!(strcmp(w, "us") == 0 && t->allcaps))
            return 0;
    }
    if ((f & LX_MONTH) && t->cap)
        return 0;
    if ((unsigned char)c->s[t->start] >= 0xE0)
        return 0;                                /* scripts past U+0800: no English noun phrase */
    if (ends_with(w, "ly") && !(f & LX_LYOK))
        return 0;
    size_t k = i + 1;
    *last = i;
    if (strlen(w) == 1 && t->cap) {              /* U.S., U.N. */
        size_t m = k;
        while (isp(c, m, '.') && adj(c, m) && T(c, m + 1)->kind == TK_WORD && adj(c, m + 1) &&
               strlen(W(c, m + 1)) == 1)
            m += 2;
        if (m == k || !isp(c, m, '.') || !adj(c, m))
            return 0;
        *last = m - 1;
        return m + 1;
    }
    while (ishyphen(c, k) && adj(c, k) && adj(c, k + 1) &&
           (T(c, k + 1)->kind == TK_WORD || T(c, k + 1)->kind == TK_NUM)) {
        if (T(c, k + 1)->kind == TK_WORD)
            *last = k + 1;
        k += 2;
    }
    return k;
}

static bool participle(const scan *c, size_t i)
{
    const char *w = W(c, i);
    return strlen(w) > 4 && (ends_with(w, "ed") || ends_with(w, "ing"));
}

enum { NP_SING, NP_PLUR, NP_ANY };

/* The counted noun phrase at token k: tokens [*a, *b). *head: a plural
 * head noun was found. NP_PLUR ends at the first plural noun, NP_SING
 * before a second word in -s (a verb: "one officer says"), NP_ANY neither. */
static bool noun_phrase(const scan *c, size_t k, int mode, size_t *a, size_t *b, bool *head)
{
    bool plural = mode == NP_PLUR;
    size_t starts[5], lasts[5];
    int nw = 0;
    size_t i = k, end = k;
    *head = false;
    while (nw < 4) {
        size_t last;
        size_t e = np_word(c, i, &last);
        if (!e)
            break;
        if (mode == NP_SING && nw > 0 && is_plural(c, last) && !T(c, last)->cap)
            break;                               /* "one officer says" */
        if (possessive(c, last))
            return false;                        /* the island nation's residents */
        if (nw > 0 && participle(c, last)) {
            size_t l3;                           /* "one case involved", not "two armed groups" */
            if (!plural || !np_word(c, e, &l3))
                break;
        }
        starts[nw] = i;
        lasts[nw] = last;
        nw++;
        i = e;
        end = e;
        if (plural && is_plural(c, last)) {
            /* a run of plural nouns is one compound: police officers, Texas towns */
            size_t l2;
            size_t e2 = np_word(c, i, &l2);
            if (nw < 4 && e2 &&
                (is_plural(c, l2) || (T(c, last)->cap && !T(c, l2)->cap && !participle(c, l2))))
                continue;
            *head = true;
            break;
        }
    }
    if (!*head) {
        while (nw > 0 && participle(c, lasts[nw - 1]))
            nw--;
        if (nw == 0)
            return false;
        size_t l;
        end = np_word(c, starts[nw - 1], &l);   /* after the last kept word */
    }
    *a = k;
    *b = end;
    return nw > 0;
}

/* --------------------------------------------------------- emit */

static void fmt_num(char *b, size_t n, double v) { snprintf(b, n, "%.15g", v); }

static void value_norm(fig *f)
{
    char a[40], b[40], core[90];
    fmt_num(a, sizeof a, f->v);
    if (f->vmax != f->v) {
        fmt_num(b, sizeof b, f->vmax);
        snprintf(core, sizeof core, "%s-%s", a, b);
    } else {
        snprintf(core, sizeof core, "%s%s", a, f->vague ? "+" : "");
    }
    switch (f->kind) {
    case QC_FIGURE_PERCENT: snprintf(f->norm, sizeof f->norm, "%s%%", core); break;
    case QC_FIGURE_MONEY: snprintf(f->norm, sizeof f->norm, "%s %s", f->unit, core); break;
    case QC_FIGURE_DISTANCE:
    case QC_FIGURE_OTHER: snprintf(f->norm, sizeof f->norm, "%s %s", core, f->unit); break;
    default: snprintf(f->norm, sizeof f->norm, "%s", core); break;
    }
}

static const char *counts_text(scan *c, size_t a, size_t b)
{
    c->buf.len = 0;
    for (size_t i = a; i < b; i++) {
        const tok *t = &c->t[i];
        const char *src;
        size_t n;
        if (t->kind == TK_WORD) {
            src = c->low.items + t->low;
            n = strlen(src);
        } else {
            src = c->s + t->start;
            n = t->end - t->start;
        }
        array_reserve(&c->buf, c->buf.len + n + 1);
        if (i > a && t->sp)
            c->buf.items[c->buf.len++] = ' ';
        memcpy(c->buf.items + c->buf.len, src, n);
        c->buf.len += n;
    }
    return qc_arena_strndup(c->arena, c->buf.items, c->buf.len);
}

static void emit(scan *c, const fig *f)
{
    qc_figure g;
    memset(&g, 0, sizeof g);
    g.start = c->t[f->t0].start;
    g.end = c->t[f->t1 - 1].end;
    g.num_start = c->t[f->n0].start;
    g.num_end = c->t[f->n1 - 1].end;
    g.kind = f->kind;
    g.value = f->v;
    g.value_max = f->vmax;
    g.vague = f->vague;
    g.qualifier = f->qual;
    g.unit = f->unit;
    g.counts = f->c1 > f->c0 ? counts_text(c, f->c0, f->c1) : f->ext_counts;
    g.normalized = qc_arena_strdup(c->arena, f->norm);
    qc_figure_list *o = c->out;
    if (o->len == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 16;
        o->items = qc_realloc(o->items, o->cap * sizeof *o->items);
    }
    o->items[o->len++] = g;
}

/* ------------------------------------------------------- recogniser */

static bool is_year_num(const num *n, const tok *t)
{
    return !n->word && n->plain && t->idig == 4 && !t->lead0 && n->v >= 1800 && n->v <= 2100;
}

/* Parse number b after a range separator; its unit result in *u2. */
static bool second_number(const scan *c, size_t bj, bool money, int cur, num *b, unitres *u2)
{
    size_t bk;
    if (money) {
        int cur2 = currency_prefix(c, bj, &bk);
        if (cur2) {
            if (cur2 != cur)
                return false;
            bj = bk;
        }
    }
    if (isnum(c, bj)) {
        if (!money && blocked_left(c, bj, true))
            return false;
        if (blocked_right(c, bj) || !parse_numeral(c, bj, money, b))
            return false;
    } else if (!parse_words(c, bj, b) || b->vague) {
        return false;
    }
    parse_unit(c, b->t1, b->scale > 0, u2);
    return !u2->blocked;
}

static bool vote_context(const scan *c, size_t a, size_t b);

/* A fraction: "a third of", "one-quarter", "two-thirds", "three fifths",
 * "a two-thirds majority" — OTHER, unit "fraction", value num/den,
 * normalized "2/3". The numerator is a/an/one … nine (spelled out, as news
 * writes fractions); "a quarter past ten", "quarter-final", "a third
 * party" and the ordinals ("the third") are not fractions: a lone
 * "a <fraction>" must be followed by "of". */
static bool fraction_at(const scan *c, size_t j, fig *f)
{
    static const char *const nums[] = { "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                        "nine" };
    static const struct { const char *one, *many; int den; } dens[] = {
        { "third", "thirds", 3 }, { "quarter", "quarters", 4 }, { "fifth", "fifths", 5 },
        { "sixth", "sixths", 6 }, { "eighth", "eighths", 8 }, { "tenth", "tenths", 10 } };
    /* (most words: no fraction word after them, nothing to compare) */
    if (!(F(c, j + 1) & LX_FRACTION) && !(F(c, j + 2) & LX_FRACTION))
        return false;
    int nu = 0;
    for (size_t i = 0; i < LEN(nums) && !nu; i++)
        if (isw(c, j, nums[i]))
            nu = i < 2 ? 1 : (int)i - 1;
    if (!nu || (T(c, j)->cap && !c->heading && !sentence_start(c, j)))
        return false;
    size_t k = j + 1;
    bool hyph = ishyphen(c, k) && adj(c, k) && adj(c, k + 1);
    if (hyph)
        k++;
    int den = 0;
    for (size_t i = 0; i < LEN(dens) && !den; i++)
        if (isw(c, k, nu == 1 ? dens[i].one : dens[i].many))
            den = dens[i].den;
    if (!den || (ishyphen(c, k + 1) && adj(c, k + 1)))
        return false;   /* "quarter-final" */
    bool a = isw(c, j, "a") || isw(c, j, "an");
    if (a && hyph)
        return false;
    if ((a || nu == 1) && !isw(c, k + 1, "of") && !(isw(c, k + 1, "as") && (isw(c, k + 2, "much") || isw(c, k + 2, "many"))))
        return false;   /* "a quarter past ten", "a third party", "one third time" */
    f->kind = QC_FIGURE_OTHER;
    f->unit = "fraction";
    f->v = f->vmax = (double)nu / den;
    f->n0 = j;
    f->n1 = k + 1;
    f->t1 = k + 1;
    snprintf(f->norm, sizeof f->norm, "%d/%d", nu, den);
    return true;
}

/* An ordinal of something a story counts: "the eleventh week", "a second
 * wave", "his third term", "the 7th consecutive day" — OTHER, unit
 * "ordinal", value n, counts the noun, normalized "#11". Only second to
 * twentieth (words, or numerals with st/nd/rd/th), after a determiner or
 * a possessive, before one of the nouns below (an adjective such as
 * "consecutive" may come between): "the first time", "the Second World
 * War", "the fifth round" of a named event are left alone. */
static bool ordinal_at(const scan *c, size_t j, fig *f)
{
    static const char *const words[] = { "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                                         "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
                                         "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
                                         "twentieth" };
    /* (not "year", "case", "death": "a fourth-year student", "in her
     * fifth year", "the second case" count different people's) */
    static const char *const nouns[] = { "week", "day", "night", "wave", "term", "anniversary", "attempt",
                                         "election", "debate" };
    static const char *const adjs[] = { "consecutive", "straight", "successive" };
    /* (every ordinal word ends in "nd", "rd" or "th": most tokens need no
     * comparison with the list) */
    const tok *t = T(c, j);
    if (t->kind == TK_WORD) {
        const char *w = W(c, j);
        size_t l = strlen(w);
        if (l < 5 || !(!strcmp(w + l - 2, "nd") || !strcmp(w + l - 2, "rd") || !strcmp(w + l - 2, "th")))
            return false;
    } else if (t->kind != TK_NUM) {
        return false;
    }
    int n = 0;
    size_t k = j + 1;
    for (size_t i = 0; t->kind == TK_WORD && i < LEN(words) && !n; i++)
        if (isw(c, j, words[i]))
            n = (int)i + 2;
    if (!n && isnum(c, j) && !T(c, j)->frac && !T(c, j)->comma && T(c, j)->mant >= 2 && T(c, j)->mant <= 20 &&
        adj(c, j + 1) && (isw(c, j + 1, "nd") || isw(c, j + 1, "rd") || isw(c, j + 1, "th"))) {
        n = (int)T(c, j)->mant;
        k = j + 2;
    }
    if (!n || T(c, j)->cap || j == 0)
        return false;
    const tok *p = T(c, j - 1);
    bool det = isw(c, j - 1, "the") || isw(c, j - 1, "a") || isw(c, j - 1, "its") || isw(c, j - 1, "his") ||
               isw(c, j - 1, "her") || isw(c, j - 1, "their") || isw(c, j - 1, "our") ||
               (p->kind == TK_PUNCT && (p->cp == '\'' || p->cp == 0x2019) && j >= 2);   /* "Iran's" */
    if (!det)
        return false;
    size_t h = k;
    for (size_t i = 0; i < LEN(adjs); i++)
        if (isw(c, h, adjs[i])) {
            h++;
            break;
        }
    bool noun = false;
    for (size_t i = 0; i < LEN(nouns) && !noun; i++)
        noun = isw(c, h, nouns[i]) && h < c->n && !T(c, h)->cap;
    if (!noun || (ishyphen(c, h + 1) && adj(c, h + 1)))
        return false;
    f->kind = QC_FIGURE_OTHER;
    f->unit = "ordinal";
    f->v = f->vmax = n;
    f->n0 = j;
    f->n1 = k;
    f->t1 = h + 1;
    f->c0 = h;
    f->c1 = h + 1;
    snprintf(f->norm, sizeof f->norm, "#%d", n);
    return true;
}

static bool figure_at(scan *c, size_t s0, size_t j, const char *qual, bool between, size_t *next)
{
    fig f;
    memset(&f, 0, sizeof f);
    f.t0 = s0;
    f.qual = qual;
    const tok *t = T(c, j);
    if (t->kind == TK_END)
        return false;
    if (!qual && !between && ordinal_at(c, j, &f))
        goto done;
    /* fast exit: most words cannot open a figure */
    if (t->kind == TK_WORD &&
        !(F(c, j) & (LX_MONTH | LX_NUMW | LX_VAGUE | LX_SCALE | LX_CURCODE | LX_START | LX_WEEKDAY)) &&
        !(isp(c, j + 1, '$') && adj(c, j + 1)))
        return false;

    if (t->kind == TK_WORD && !between && fraction_at(c, j, &f))
        goto done;
    /* dates and times */
    if (t->kind == TK_WORD && !between &&
        (date_month_first(c, j, &f) || noon_at(c, j, qual != NULL, &f) ||
         (!qual && (weekday_at(c, j, &f) || month_only_at(c, j, &f)))))
        goto done;
    if (t->kind == TK_WORD && !between && isw(c, j + 1, "o'clock")) {   /* nine o'clock */
        static const char *const hours[] = { "one", "two", "three", "four", "five", "six", "seven",
                                             "eight", "nine", "ten", "eleven", "twelve" };
        for (size_t i = 0; i < LEN(hours); i++) {
            if (!isw(c, j, hours[i]))
                continue;
            int h = (int)i + 1, pm = -1;
            size_t e = j + 2, e2;
            if (ampm_at(c, e, &pm, &e2))
                e = e2;
            if (pm == 1 && h < 12) h += 12;
            if (pm == 0 && h == 12) h = 0;
            time_fill(c, &f, j, e, h, 0, -1, true);
            goto done;
        }
    }
    if (t->kind == TK_NUM) {
        if (blocked_left(c, j, false))
            return false;
        if (!between && (date_iso(c, j, &f) || time_at(c, j, &f) || date_day_first(c, j, &f)))
            goto done;
    }

    int pre_unit = 0;
    if (isw(c, j, "magnitude") && isnum(c, j + 1)) {   /* magnitude 7.1 */
        pre_unit = U_MAG;
        j++;
        t = T(c, j);
    }
    size_t k;
    int cur = currency_prefix(c, j, &k);
    num a;
    if (cur) {
        if (blocked_right(c, k) || !parse_numeral(c, k, true, &a))
            return false;
    } else if (t->kind == TK_NUM) {
        if (blocked_right(c, j) || !parse_numeral(c, j, false, &a))
            return false;
    } else if (!parse_words(c, j, &a)) {
        return false;
    }
    const tok *at = T(c, a.t0);

    /* unit */
    f.kind = QC_FIGURE_COUNT;
    size_t e = a.t1;
    unitres u;
    memset(&u, 0, sizeof u);
    u.mult = 1;
    if (pre_unit) {
        f.kind = QC_FIGURE_OTHER;
        f.unit = UNITS[pre_unit].name;
    } else if (cur) {
        f.kind = QC_FIGURE_MONEY;
    } else {
        if (isp(c, e, '+') && adj(c, e) && !isnum(c, e + 1) && !qual) {
            f.qual = "more than";                /* 18+ years */
            e++;
        }
        parse_unit(c, e, a.scale > 0, &u);
        if (u.blocked)
            return false;
        if (u.percent) {
            f.kind = QC_FIGURE_PERCENT;
            f.unit = "%";
        } else if (u.cur) {
            f.kind = QC_FIGURE_MONEY;
            cur = u.cur;
        } else if (u.unit) {
            f.kind = UNITS[u.unit].kind;
            f.unit = UNITS[u.unit].name;
        }
        e = u.end;
        if (f.kind == QC_FIGURE_COUNT && a.takes_of && isw(c, e, "of")) {
            unitres uo;                          /* millions of dollars */
            parse_unit(c, e + 1, true, &uo);
            if (uo.cur) {
                f.kind = QC_FIGURE_MONEY;
                cur = uo.cur;
                u.mult = uo.mult;
                e = uo.end;
            }
        }
    }
    /* "One day you realise": a day that is no duration */
    if (a.one && !qual && u.unit == U_DAYS && T(c, e)->kind == TK_WORD &&
        !(isw(c, e, "later") || isw(c, e, "earlier") || isw(c, e, "ago") || isw(c, e, "after") ||
          isw(c, e, "before") || isw(c, e, "of") || isw(c, e, "in") || isw(c, e, "to") ||
          isw(c, e, "and") || isw(c, e, "or") || isw(c, e, "per")))
        return false;
    /* 664 BC: not a figure worth checking */
    if (F(c, e) & LX_ERA || (isw(c, e, "b") && isp(c, e + 1, '.') && isw(c, e + 2, "c")))
        return false;
    if (f.kind == QC_FIGURE_MONEY)
        f.unit = CURS[cur];
    f.v = a.v * u.mult;
    f.vmax = f.v;
    f.vague = a.vague;
    f.n0 = a.t0;
    f.n1 = a.t1;

    /* range */
    bool range = false;
    size_t sep = 0;
    bool hy = false;
    /* a vote tally: "230-to-198", "230-198", "230–198", "voted 230 to
     * 198" — the second number smaller, in a sentence about a vote: one
     * figure whose ends are the two counts (value 198, value_max 230),
     * compared end for end like a range */
    if (!between && f.kind == QC_FIGURE_COUNT && !a.vague && !qual && !cur && a.scale == 0 && !at->frac) {
        size_t bj = 0;
        if (isdash(c, e) && adj(c, e) && isw(c, e + 1, "to") && adj(c, e + 1) && isdash(c, e + 2) &&
            adj(c, e + 2) && adj(c, e + 3))
            bj = e + 3;
        else if (isdash(c, e) && ((adj(c, e) && adj(c, e + 1)) || T(c, e)->cp == 0x2013))
            bj = e + 1;
        else if (isw(c, e, "to"))
            bj = e + 1;
        const tok *bt = T(c, bj);
        if (bj && bt->kind == TK_NUM && !bt->frac && !bt->bad && (double)bt->mant < a.v &&
            (T(c, bj + 1)->sp || T(c, bj + 1)->kind != TK_NUM) && vote_context(c, s0, bj + 1)) {
            f.v = (double)bt->mant;
            f.vmax = a.v;
            f.n1 = bj + 1;
            e = bj + 1;
            range = true;
        }
    }
    if (range) {
        /* (a tally) */
    } else if (between) {
        if (isw(c, e, "and"))
            sep = e + 1;
    } else if (isdash(c, e) && ((adj(c, e) && adj(c, e + 1)) || T(c, e)->cp == 0x2013) &&
               !a.vague) {
        sep = e + 1;
        hy = adj(c, e) && adj(c, e + 1);
    } else if (isw(c, e, "to") && !a.vague &&
               (!(s0 > 0 && isw(c, s0 - 1, "from")) ||
                (s0 > 1 && (isw(c, s0 - 2, "ranging") || isw(c, s0 - 2, "range") ||
                            isw(c, s0 - 2, "ranged") || isw(c, s0 - 2, "ranges") ||
                            isw(c, s0 - 2, "varying") || isw(c, s0 - 2, "vary"))))) {
        /* "36 to 40", "ranging from 45% to 60%"; not "rose from 14 to 31"
         * (a change, two figures) */
        sep = e + 1;
    } else if (isw(c, e, "or") && f.kind == QC_FIGURE_COUNT && !a.vague && !cur) {
        sep = e + 1;
    }
    if (sep) {
        num b;
        unitres u2;
        bool ok = second_number(c, sep, f.kind == QC_FIGURE_MONEY, cur, &b, &u2);
        if (ok && isw(c, e, "or") && b.word != a.word)
            ok = false;
        if (ok) {
            qc_figure_kind k2 = QC_FIGURE_COUNT;
            const char *unit2 = NULL;
            int cur2 = 0;
            if (u2.percent) k2 = QC_FIGURE_PERCENT, unit2 = "%";
            else if (u2.cur) k2 = QC_FIGURE_MONEY, cur2 = u2.cur, unit2 = CURS[u2.cur];
            else if (u2.unit) k2 = UNITS[u2.unit].kind, unit2 = UNITS[u2.unit].name;
            double v1 = f.v, v2 = b.v * u2.mult;
            if (f.kind == QC_FIGURE_MONEY && k2 == QC_FIGURE_COUNT) {
                k2 = f.kind;                     /* $5 to $10 */
                unit2 = f.unit;
            }
            if (k2 != QC_FIGURE_COUNT && f.kind == QC_FIGURE_COUNT) {
                f.kind = k2;                     /* 20-30%, 5 to 10 km */
                f.unit = unit2;
                if (cur2) cur = cur2;
                v1 *= u2.mult;
            } else if (k2 != f.kind || (unit2 && f.unit && strcmp(unit2, f.unit) != 0)) {
                ok = false;
            }
            if (ok && a.scale == 0 && b.scale > 0 && v1 < b.v / P10[b.scale])
                v1 *= P10[b.scale];              /* 10 or 20 million, two to three hundred */
            if (ok && v2 > v1) {
                f.v = v1;
                f.vmax = v2;
                f.n1 = b.t1;
                e = u2.end > b.t1 ? u2.end : b.t1;
                if (f.kind == QC_FIGURE_COUNT && u2.end > b.t1)
                    e = u2.end;
                range = true;
                /* year ranges: 2015-2017, between 2015 and 2017, 2015-16 */
                const tok *bt = T(c, b.t0);
                if (f.kind == QC_FIGURE_COUNT && is_year_num(&a, at) &&
                    !qual && ((is_year_num(&b, bt) && b.v - a.v < 100) ||
                              (hy && bt->idig == 2 && !bt->frac))) {
                    int y1 = (int)a.v;
                    int y2 = bt->idig == 2 ? y1 / 100 * 100 + (int)bt->mant : (int)b.v;
                    size_t hh, hb;
                    bool hd;
                    if (y2 > y1 && !(noun_phrase(c, e, NP_PLUR, &hh, &hb, &hd) && hd &&
                                     !(F(c, hb - 1) & LX_EVENT))) {
                        f.kind = QC_FIGURE_DATE;
                        f.v = y1;
                        f.vmax = y2;
                        f.t1 = e;
                        snprintf(f.norm, sizeof f.norm, "%04d/%04d", y1, y2);
                        goto done;
                    }
                }
            }
        }
        if (!range && hy && isnum(c, sep))
            return false;                        /* 3-1, 80%-20% */
    }
    if (between && !range)
        return false;

    /* a year? */
    if (f.kind == QC_FIGURE_COUNT && !range && !cur && is_year_num(&a, at) &&
        (!qual || (strcmp(qual, "about") == 0 && (int)a.v % 100 != 0))) {
        bool year = false;
        if (s0 > 0) {
            uint32_t fp = F(c, s0 - 1);
            if ((fp & (LX_YEARPREP | LX_DET)) || possessive(c, s0 - 1))
                year = true;
            if (ishyphen(c, s0 - 1) && adj(c, s0) && s0 > 1 && (F(c, s0 - 2) & LX_PREFIX))
                year = true;                     /* mid-2019 */
        }
        if (!year) {
            size_t pa, pb;
            bool hd;
            year = !(noun_phrase(c, e, NP_PLUR, &pa, &pb, &hd) && hd) || (F(c, pb - 1) & LX_EVENT);
        }
        if (year) {
            date_fill(&f, a.t0, e, (int)a.v, 0, 0, 0);
            goto done;
        }
    }

    /* trailing qualifiers: 100 or more, 50 or so, 100+ */
    if (!f.qual) {
        if (isw(c, e, "or") && isw(c, e + 1, "more")) {
            f.qual = "at least";
            e += 2;
        } else if (isw(c, e, "or") && isw(c, e + 1, "so")) {
            f.qual = "about";
            e += 2;
        } else if (isp(c, e, '+') && adj(c, e) && !isnum(c, e + 1)) {
            f.qual = "more than";
            e += 1;
        }
        if (f.qual && f.kind == QC_FIGURE_COUNT && !range) {
            unitres ut;                          /* 50 or so years */
            parse_unit(c, e, a.scale > 0, &ut);
            if (ut.unit && !ut.blocked) {
                f.kind = UNITS[ut.unit].kind;
                f.unit = UNITS[ut.unit].name;
                e = ut.end;
            }
        }
    }

    /* what is counted */
    if (f.kind == QC_FIGURE_COUNT || f.kind == QC_FIGURE_PERCENT) {
        bool plural = f.kind == QC_FIGURE_COUNT && (f.v != 1 || range || a.vague || a.takes_of);
        int mode = f.kind == QC_FIGURE_PERCENT ? NP_ANY : plural ? NP_PLUR : NP_SING;
        size_t pa, pb;
        bool hd;
        bool direct = false;
        if (F(c, e) & LX_FRACTION)
            return false;                        /* two thirds, one quarter */
        size_t e0 = e;
        if (f.kind == QC_FIGURE_COUNT && (isw(c, e, "other") || isw(c, e, "more") ||
                                          isw(c, e, "additional") || isw(c, e, "further") ||
                                          isw(c, e, "extra")))
            e++;                                 /* two other elephants: "elephants" */
        if (f.kind == QC_FIGURE_PERCENT && (F(c, e) & LX_COMPAR)) {
            /* 25% higher: nothing counted */
        } else if (!(a.takes_of && isw(c, e, "of")) && noun_phrase(c, e, mode, &pa, &pb, &hd)) {
            f.c0 = pa;
            f.c1 = pb;
            direct = true;
        } else if ((e = e0, isw(c, e, "of"))) {
            size_t o = e + 1;
            bool ok = true;
            if ((F(c, o) & LX_DET) || possessive(c, o)) {
                o++;
                if (possessive(c, o))
                    o++;                         /* of the area's districts */
            } else if (!a.takes_of && f.kind == QC_FIGURE_COUNT) {
                ok = false;
            }
            num n2;
            if (ok && (isnum(c, o) ? parse_numeral(c, o, false, &n2) : parse_words(c, o, &n2)) &&
                !n2.vague) {
                /* 39 of the state's 54 delegates: counts "delegates", and the
                 * phrase stops at 39 so that "54 delegates" is a figure too */
                if (noun_phrase(c, n2.t1, NP_PLUR, &pa, &pb, &hd))
                    f.ext_counts = counts_text(c, pa, pb);
            } else if (ok && !isnum(c, o) &&
                noun_phrase(c, o, f.kind == QC_FIGURE_COUNT ? NP_PLUR : NP_ANY, &pa, &pb, &hd)) {
                f.c0 = pa;
                f.c1 = pb;
            }
        }
        if (a.one && !f.qual && !range) {
            /* "one" is a count only before what it counts: not "the one who", "one of them" */
            if (!direct || (F(c, pa) & LX_ONEIDIOM))
                return false;
            if (s0 > 0 && ((F(c, s0 - 1) & LX_DET) || isw(c, s0 - 1, "no") ||
                           isw(c, s0 - 1, "any") || isw(c, s0 - 1, "every") ||
                           isw(c, s0 - 1, "each") || isw(c, s0 - 1, "which") ||
                           isw(c, s0 - 1, "another") || isw(c, s0 - 1, "such")))
                return false;
        }
        if (f.c1 > f.c0)
            e = f.c1;
    }
    f.t1 = e;
    value_norm(&f);

done:
    if (f.t1 <= f.t0)
        return false;
    emit(c, &f);
    *next = f.t1;
    return true;
}

/* Is a vote the subject of the sentence around tokens [a, b)? */
static bool vote_context(const scan *c, size_t a, size_t b)
{
    static const char *const words[] = { "vote", "votes", "voted", "voting", "ballot", "ballots", "tally" };
    size_t lo = a, hi = b;
    while (lo > 0 && a - lo < 40 && !(isp(c, lo - 1, '.') && T(c, lo)->sp))
        lo--;
    while (hi < c->n && hi - b < 40 && !(isp(c, hi, '.') && (hi + 1 >= c->n || T(c, hi + 1)->sp)))
        hi++;
    for (size_t i = lo; i < hi; i++)
        for (size_t k = 0; k < sizeof words / sizeof *words; k++)
            if (isw(c, i, words[k]))
                return true;
    return false;
}

static bool try_figure(scan *c, size_t i, size_t *next)
{
    const tok *t = &c->t[i];
    size_t tmp;
    if (t->kind == TK_PUNCT && !currency_prefix(c, i, &tmp))
        return false;
    if (t->kind == TK_WORD) {
        if (isw(c, i, "between") && figure_at(c, i, i + 1, NULL, true, next))
            return true;
        size_t j;
        const char *q = qualifier(c, i, &j);
        if (q && figure_at(c, i, j, q, false, next))
            return true;
    }
    return figure_at(c, i, i, NULL, false, next);
}

static void scan_block(scan *c, const qc_block *b)
{
    tokenize(c, b->start, b->end);
    c->heading = b->kind == QC_BLOCK_HEADING;
    size_t i = 0;
    while (i < c->n) {
        size_t next;
        if (try_figure(c, i, &next) && next > i) {
            i = next;
            continue;
        }
        if (c->t[i].kind == TK_NUM) {
            /* skip the rest of an identifier (F-16, 737MAX, 3:16) and the
             * bare numerals that follow it (+44 20 7946 0000) */
            i++;
            while (i < c->n && (!c->t[i].sp || c->t[i].kind == TK_NUM))
                i++;
            continue;
        }
        i++;
    }
}

void qc_figures_find(qc_arena *arena, const qc_prose *prose, qc_figure_list *out)
{
    if (!prose || !prose->mask)
        return;
    pthread_once(&lex_once, lex_init);
    scan c;
    memset(&c, 0, sizeof c);
    c.s = prose->mask;
    c.arena = arena;
    c.out = out;
    for (size_t bi = 0; bi < prose->nblocks; bi++) {
        const qc_block *b = &prose->blocks[bi];
        if (b->end > prose->len || b->start >= b->end)
            continue;
        scan_block(&c, b);
    }
    /* "about 160 km (100 miles)": the conversion in brackets carries the
     * qualifier of the distance it converts */
    for (size_t i = 1; i < out->len; i++) {
        qc_figure *f = &out->items[i], *p = &out->items[i - 1];
        if (f->kind != QC_FIGURE_DISTANCE || p->kind != QC_FIGURE_DISTANCE || f->qualifier || !p->qualifier ||
            f->start < p->end || f->start - p->end > 3 || !memchr(c.s + p->end, '(', f->start - p->end))
            continue;
        f->qualifier = p->qualifier;
    }
    array_free(&c.toks);
    array_free(&c.low);
    array_free(&c.buf);
}
