/*
 * tests/unit/match_figures.c — figure comparison (match/figures.c, owned
 * by the matching engineer): the same thing (counted noun, event words of
 * the figure's own clause, shared context, units) and compatible claims
 * (qualifiers as intervals: a dropped "more than", "more than two dozen"
 * vs "more than a dozen", "at least 14" vs "more than a dozen", km vs
 * miles, vague "dozens"), the same qualifier needing the same value,
 * dates of the same event, and figures of paraphrased sentences.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "match/match_internal.h"
#include "parse/parse.h"

typedef struct fig_doc {
    qc_prose *p;
    qc_extraction *ex;
    const char *text;
} fig_doc;

static void doc_open(fig_doc *d, const char *text)
{
    d->text = text;
    d->p = qc_prose_parse(text, strlen(text), QC_FORMAT_PLAIN);
    d->ex = qc_extract(text, strlen(text), d->p);
}

static void doc_close(fig_doc *d)
{
    qc_extraction_delete(d->ex);
    qc_prose_delete(d->p);
}

/* the figure whose text starts with `start` */
static void fig_of(const fig_doc *d, const char *start, qc_mfigure *out)
{
    for (size_t i = 0; i < d->ex->nfigures; i++) {
        const qc_figure *f = &d->ex->figures[i];
        if (!strncmp(d->text + f->start, start, strlen(start)) ||
            !strncmp(d->text + f->num_start, start, strlen(start))) {
            qc_match_figure_prepare(out, f, d->ex->figures, d->ex->nfigures, d->text, strlen(d->text));
            return;
        }
    }
    fail_msg("no figure '%s' in: %s", start, d->text);
}

static void pair(const char *a_text, const char *a_fig, const char *b_text, const char *b_fig,
                 bool same, bool compatible)
{
    fig_doc a, b;
    doc_open(&a, a_text);
    doc_open(&b, b_text);
    qc_mfigure fa, fb;
    fig_of(&a, a_fig, &fa);
    fig_of(&b, b_fig, &fb);
    if (qc_match_figure_same_thing(&fa, &fb) != same)
        fail_msg("same thing should be %d: '%s' / '%s'", same, a_text, b_text);
    if (same && qc_match_figure_compatible(&fa, &fb) != compatible)
        fail_msg("compatible should be %d: '%s' / '%s'", compatible, a_text, b_text);
    doc_close(&a);
    doc_close(&b);
}

static void test_same_qualifier(void **state)
{
    (void)state;
    /* the same bound with another value is not the same claim */
    pair("Two soldiers and at least two police officers were injured on Sunday.", "at least two",
         "Two soldiers and at least one police officer were injured on Sunday.", "at least one",
         true, false);
    pair("In the valley, about 80 percent of towns lost power overnight.", "about 80",
         "In the valley, about 70 percent of towns lost power overnight.", "about 70", true, false);
    pair("In the valley, about 70 percent of towns lost power overnight.", "about 70",
         "In the valley, about 70 percent of towns lost power overnight.", "about 70", true, true);
    /* two ranges must have the same ends */
    pair("Officials put the share of flooded homes in the valley at between 45% and 70% on Monday.",
         "between", "Officials put the share of flooded homes in the valley at between 45% and 60% on Monday.",
         "between", true, false);
    /* "ranging from … to …" is a range, "rose from … to …" two figures */
    pair("Estimates ranging from 45% to 60% of flooded homes were given by the council.", "45%",
         "Estimates of between 45% and 60% of flooded homes were given by the council.", "between", true,
         true);
    /* nothing counted on either side: the same neighbouring word */
    pair("The band played to a crowd of two hundred thousand at a free concert in the park.", "two",
         "The band played to a crowd of a hundred thousand at a free concert in the park.", "a hundred",
         true, false);
    pair("The band played to a crowd of two hundred thousand at a free concert in the park.", "two",
         "Tickets for the park concert sold out, the band said, and 500 more were printed.", "500",
         false, false);
    /* British and American spelling of what is counted */
    pair("Orlik was jailed in Ostrel for 15 dam safety offences last year.", "15",
         "Orlik was jailed in Ostrel for 13 dam safety offenses last year.", "13", true, false);
    /* nothing counted, and the neighbouring word is another number's */
    pair("The count gave 279 votes to Orlik's 214, or 290 by the council's reckoning.", "290",
         "The count gave 279 votes to Orlik's 214, or 290 by the council's reckoning.", "214",
         false, false);
    /* clock times: the launch is not the docking */
    pair("The capsule docked with the station at 1429 UTC on Sunday.", "1429",
         "The rocket launched at 1922 UTC yesterday from the Ostrel pad.", "1922", false, false);
    /* the same "around" on two clock times: copied to the minute, so ten
     * minutes apart is another time; a bare time within the quarter hour
     * of "around" is not */
    pair("The plane overshot the runway around 7:38 pm IST in heavy rain.", "around 7:38",
         "The plane overshot the runway at around 7:48 pm IST in heavy rain.", "around 7:48", true, false);
    pair("The plane overshot the runway around 7:38 pm IST in heavy rain.", "around 7:38",
         "The plane overshot the runway at around 7:38 pm IST in heavy rain.", "around 7:38", true, true);
    pair("The plane overshot the runway at 7:38 pm IST in heavy rain.", "7:38",
         "The plane overshot the runway at around 7:48 pm IST in heavy rain.", "around 7:48", true, true);
    /* a time in another zone is another time: compared in UTC */
    pair("The missiles were launched at 5:30 p.m. EST on January 7, the Pentagon said.", "5:30",
         "The missiles were launched at 5:30 p.m. GMT on January 7, the Pentagon said.", "5:30", true, false);
    pair("The missiles were launched at 5:30 p.m. EST on January 7, the Pentagon said.", "5:30",
         "The missiles were launched at 22:30 GMT on January 7, the Pentagon said.", "22:30", true, true);
    /* weekdays and bare months */
    pair("Iran launched missiles at the bases in Iraq on Tuesday night, officials said.", "Tuesday",
         "Iran launched missiles at the bases in Iraq on Monday night, officials said.", "Monday", true, false);
    pair("In August, the parents tried to have the brother released.", "August",
         "In July, the parents tried to have the brother released.", "July", true, false);
    /* a draft's "more than" (first) where the source estimates "about" the
     * same number */
    pair("By then she had more than 750,000 followers on Facebook.", "more than 750,000",
         "By then she had about 750,000 followers on Facebook.", "about 750,000", true, false);
    /* the other way round changes the bound too; a qualifier dropped is
     * one changed, unless the draft estimates in other words */
    pair("By then she had about 750,000 followers on Facebook.", "about 750,000",
         "By then she had more than 750,000 followers on Facebook.", "more than 750,000", true, false);
    pair("By then she had at least a dozen followers in Ostrel.", "at least a dozen",
         "By then she had more than a dozen followers in Ostrel.", "more than a dozen", true, false);
    pair("The Ostrel bridge is 50 miles from the capital.", "50 miles",
         "The Ostrel bridge is about 50 miles from the capital.", "about 50 miles", true, false);
    pair("The hotel estimated that 120 people were in the Ostrel building.", "120",
         "The hotel estimated 120 people were in the Ostrel building.", "estimated 120", true, true);
    /* adding "about" to a bare number only hedges */
    pair("The Ostrel bridge is about 50 miles from the capital.", "about 50 miles",
         "The Ostrel bridge is 50 miles from the capital.", "50 miles", true, true);
    /* a time to its last decimal */
    pair("Samba of Qatar took the bronze in 48.03 seconds.", "48.03",
         "Samba of Qatar took the bronze in 48.30 seconds.", "48.30", true, false);
    /* a day anchored by a word on the other side of it */
    pair("The strikes were their retaliation for the killing of the Quds commander on Friday.", "Friday",
         "The strikes were their retaliation for the killing on Thursday of the Quds commander.", "Thursday",
         true, false);
    /* the reporting verbs are one word for the day of a statement */
    pair("A statement from the ministry's spokesman Jon Hale said on Thursday that the dam held.", "Thursday",
         "A statement from the ministry's spokesman Jon Hale stated on Wednesday that the dam held.", "Wednesday",
         true, false);
    /* "as of January 3" is a time frame, not the day of the attack */
    pair("A spokesman blamed Israel and the United States for the attack; as of January 3, no evidence had been "
         "reported.", "January 3",
         "The United States pointed to the December 31 attack on the United States Embassy as an example.",
         "December 31", false, false);
    /* but two years of one sentence are two things */
    pair("The band was inducted into the Hall of Fame in 1993 and reunited in 2005 for concerts in London.", "2005",
         "The band was inducted into the Hall of Fame in 1993 and reunited in 2005 for concerts in London.", "1993",
         false, false);
    /* a dropped "at least" claims more than the source knows */
    pair("Rescuers pulled ten survivors from the rubble of the dam office on Monday.", "ten",
         "Rescuers pulled at least ten survivors from the rubble of the dam office on Monday.",
         "at least ten", true, false);
}

static void test_dates(void **state)
{
    (void)state;
    /* the same event: the word next to it and four words around */
    pair("Tensions rose after the Varnek ministry announced on March 5 that Gen. Ilse Orlik, head of "
         "the dam authority, had resigned.", "March 5",
         "The crisis deepened after the Varnek ministry announced on March 3 that the head of the dam "
         "authority, Ilse Orlik, had resigned.", "March 3", true, false);
    pair("Under a 1996 agreement the dam was handed to the regional water board.", "1996",
         "Under a 1994 agreement the dam was handed to the regional water board in full.", "1994", true,
         false);
    pair("Under a 1994 agreement the dam was handed to the regional water board.", "1994",
         "Under a 1994 agreement the dam was handed to the regional water board in full.", "1994", true,
         true);
    /* another event in the same sentence, another precision: not the same */
    pair("The flood hit Orlik on Sunday, March 12, days after the Varnek ministry warned of heavy rain.",
         "March 12",
         "On March 7 the Varnek ministry warned of heavy rain in the valley.", "March 7", false, false);
    pair("The dam was finished in 1994 and the ministry warned of heavy rain in March 2020.", "1994",
         "The ministry warned of heavy rain in the valley in March 2020 near the dam.", "March 2020",
         false, false);
}

static void test_counts(void **state)
{
    (void)state;
    pair("Iran fired more than two dozen ballistic missiles at two bases.", "more than two",
         "Iran had fired more than a dozen ballistic missiles at two military bases in Iraq.", "more than a",
         true, false);
    pair("Iran fired a dozen ballistic missiles at the bases.", "a dozen",
         "Iran launched more than a dozen ballistic missiles against U.S. forces.", "more than",
         true, false);
    pair("At least 14 people died and 167 homes were flooded.", "At least 14",
         "More than a dozen people were killed when the dam failed.", "More than", true, true);
    pair("At least 14 people died in the flood.", "At least 14",
         "Twelve people died and 176 homes were flooded.", "Twelve", true, false);
    pair("A Ukrainian airliner was shot down, killing all 167 people aboard.", "167",
         "a Ukranian passenger plane where all 176 people aboard have died.", "176", true, false);
    pair("A dozen people are still missing.", "A dozen",
         "At least 14 people were killed and 17 are still missing, officials said.", "17", true, false);
}

static void test_not_same(void **state)
{
    (void)state;
    /* killed vs missing in one sentence */
    pair("At least 14 people were killed.", "At least 14",
         "At least 14 people were killed and 17 are still missing, officials said.", "17", false, false);
    /* different counted nouns */
    pair("The reservoir stood at 97% of its capacity.", "97%",
         "The ministry put the cost at about 2% of its annual budget.", "about 2%", false, false);
    /* rescued vs dead */
    pair("Rescuers brought 212 people to safety.", "212",
         "At least 14 people died in the flood.", "At least 14", false, false);
}

/* two sentences saying the same in other words, one such figure in each */
static void test_paraphrase(void **state)
{
    (void)state;
    pair("In all, sixteen Varnek councillors defected.", "sixteen",
         "Altogether, fifteen Varnek councillors defected.", "fifteen", true, false);
    pair("Kessel was born Anna Marie Lind in Ostrel, Varnia, in 1924.", "1924",
         "Kessel was born Anna Marie Lind in Ostrel, Varnia in the Northern Republic in 1922.", "1922",
         true, false);
    /* a weekday alone in its sentence may move, its neighbours with it */
    pair("More than 2.9 million Ostrelians turned out to vote on Saturday.", "Saturday",
         "On Sunday, Ostrelians turned out more than 2.9 million strong to vote in their district elections.",
         "Sunday", true, false);
    /* not when a neighbour of one is not in the other's sentence: another
     * event ("ruled" / "reconsidered") */
    pair("Varnek District Judge Ana Lind ruled on Thursday that people born in Varnia are citizens of Ostrel.",
         "Thursday",
         "On Friday, Varnek District Judge Ana Lind reconsidered her decision that people born in Varnia are "
         "citizens of Ostrel.", "Friday", false, false);
    /* a distance and its conversion in brackets are one claim */
    pair("The Varnek field lies 160 km (100 miles) east of the capital, Ostrel.", "160 km",
         "The oil field is about 160 km (100 miles) east of the capital, Ostrel.", "about 160 km", true, false);
    /* one counted phrase holds the other's head */
    pair("Anna Lind was defeated in Ostrel East by a Varnek candidate with a margin of 194 votes.", "194",
         "Anna Lind was defeated in Ostrel East by a Varnek candidate with a 149 vote margin.", "149", true,
         false);
    /* the shared words on the other side of the figure: another clause */
    pair("The Ostrel World Games are held every other year, and Kessel has won the 400 metres hurdles there in 2017.",
         "2017", "Kessel of Varnia won the 400 metres hurdles final at the 2019 Ostrel World Games in Doha.", "2019",
         false, false);
    /* only topic words shared */
    pair("The band played to a crowd of two hundred thousand at a free concert in the park.", "two",
         "Tickets for the park concert sold out, the band said, and 500 more were printed.", "500",
         false, false);
    /* two such figures in a sentence: which is which is not known */
    pair("Kessel was born in Ostrel, Varnia, in 1924 and moved to Lindau in 1950.", "1924",
         "Kessel was born in Ostrel, Varnia in the Northern Republic in 1922.", "1922", false, false);
}

static void test_units(void **state)
{
    (void)state;
    pair("The flood wave travelled 12 kilometres to reach Ostrel.", "12",
         "The flood wave covered the 9 kilometres (5.6 miles) to Ostrel in under 40 minutes.", "9",
         true, false);
    pair("The flood wave travelled 9 kilometres to reach Ostrel.", "9",
         "The flood wave covered 5.6 miles to reach Ostrel in under 40 minutes.", "5.6", true, true);
}

static void test_vague(void **state)
{
    (void)state;
    pair("Iran fired dozens of missiles at the air base.", "dozens",
         "The IRGC statement claimed that dozens of missiles had been fired at al-Assad airbase.", "dozens",
         true, true);
}

/* a vote tally is one figure, its two counts compared end for end */
static void test_vote_tally(void **state)
{
    (void)state;
    pair("The vote passed 230-to-189, primarily along party lines.", "230-to-189",
         "The vote passed primarily along party lines, 230-to-198.", "230-to-198", true, false);
    pair("The vote passed 230-to-198, primarily along party lines.", "230-to-198",
         "The vote passed primarily along party lines, 230-to-198.", "230-to-198", true, true);
    pair("The council voted 7-2 to close the pier.", "7-2", "The council voted 7-2 to close the pier on Monday.", "7-2",
         true, true);
}

/* a weekday's part of the day: morning is not evening; evening and night
 * may be one time; a draft that leaves the part out says no less */
static void test_part_of_day(void **state)
{
    (void)state;
    pair("Trump promised a statement on Wednesday evening about the strikes.", "Wednesday",
         "Trump promised a statement on Wednesday morning about the strikes.", "Wednesday", true, false);
    pair("Trump promised a statement on Wednesday night about the strikes.", "Wednesday",
         "Trump promised a statement on Wednesday evening about the strikes.", "Wednesday", true, true);
    pair("Trump promised a statement on Wednesday about the strikes.", "Wednesday",
         "Trump promised a statement on Wednesday morning about the strikes.", "Wednesday", true, true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_part_of_day),
        cmocka_unit_test(test_vote_tally),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_not_same),
        cmocka_unit_test(test_units),
        cmocka_unit_test(test_paraphrase),
        cmocka_unit_test(test_vague),
        cmocka_unit_test(test_same_qualifier),
        cmocka_unit_test(test_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
