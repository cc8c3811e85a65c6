/*
 * extract/lexicon.c — the word lists of extraction, in one table.
 *
 * The lists are English news usage: reporting verbs in every form, titles
 * and roles, organisation words, function words that are capitalised at a
 * sentence start, and so on. A word may belong to several classes. The
 * hash table is filled once (pthread_once) and only read afterwards.
 */
#include "extract/lexicon.h"

#include <pthread.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>

typedef struct {
    const char *words;   /* space-separated */
    unsigned cls;
} qc_lx_list;

static const qc_lx_list qc_lx_lists[] = {
    { "said says say saying told tells tell telling added adds adding stated states stating "
      "wrote writes writing tweeted tweets tweeting posted claimed claims claiming warned warns "
      "warning vowed vows vowing explained explains explaining noted notes noting asked asks "
      "asking replied replies replying responded responds responding argued argues arguing "
      "insisted insists insisting declared declares declaring announced announces announcing "
      "stressed stresses stressing emphasised emphasized emphasises emphasizes continued continues "
      "concluded concludes commented comments commenting remarked remarks recalled recalls "
      "recalling acknowledged acknowledges admitted admits confirmed confirms reported reports "
      "promised promises pledged pledges urged urges urging described describes describing "
      "suggested suggests testified testifies shouted yelled screamed joked jokes cautioned "
      "cautions predicted predicts conceded concedes boasted boasts complained complains "
      "complaining lamented laments alleged alleges denied denies demanded demands threatened "
      "threatens reiterated reiterates agreed agrees observed observes maintained maintains reads "
      "read mused wondered texted emailed proclaimed assured assures blasted slammed criticised "
      "criticized praised hailed countered interjected whispered quipped pleaded added tweeted "
      "announced informed explained opined retorted exclaimed sighed begged thundered "
      "acknowledging conceding insisting predicting promising vowing warning writes "
      "claiming questioned responded continued recounted recounts reflected called calls "
      "proposed proposes spoke speaks talked talks revealed reveals calling characterising "
      "characterizing characterised characterized labelled labeled described hoped hopes believes believed told "
      "assailed accused accuses denounced denounces condemned condemns mocked derided dismissed ridiculed "
      "lambasted decried ruled rules "
      /* base forms after "went on to", "led him to", "would": "went on to
       * add", and verbs that frame a quotation as the subject's view */
      "add explain note describe remark continue express expressed expresses opine opines opined "
      "underlined underlines underscored underscores referred refers professed professes "
      "shared elaborated elaborates cried cries sobbed wept confirming",
      QC_LX_VERB },
    { "saying adding stating telling writing tweeting claiming warning vowing explaining noting "
      "asking replying responding arguing insisting declaring announcing stressing commenting "
      "recalling urging describing complaining acknowledging conceding predicting promising "
      "calling characterising characterizing revealing proposing",
      QC_LX_PARTICIPLE },
    { "president vice-president minister secretary spokeswoman spokesman spokesperson spokespeople "
      "gen. general dr. mr. mrs. ms. miss sen. senator rep. representative gov. governor mayor "
      "chancellor ambassador king queen prince princess pope sheikh ayatollah commander chief "
      "director chairman chairwoman chairperson chair ceo cop founder co-founder head leader officer official "
      "judge justice attorney lawyer prosecutor professor prof. coach captain capt. lt. col. "
      "maj. sgt. adm. cpl. colonel major lieutenant sergeant admiral adviser advisor aide envoy "
      "diplomat analyst expert researcher scientist doctor nurse inspector detective "
      "superintendent constable sheriff editor reporter correspondent journalist executive "
      "manager coordinator lawmaker legislator mp mep mca mla msp asp dsp acp councillor councilor speaker premier emir "
      "president-elect candidate nominee presenter host author economist historian activist "
      "campaigner organiser organizer owner partner principal dean rector bishop archbishop "
      "cardinal rabbi imam priest pastor reverend rev. minister-president counsel solicitor "
      "barrister magistrate commissioner administrator supervisor physician surgeon engineer "
      "pilot driver player striker goalkeeper midfielder defender boss referee manager skipper opener "
      "batsman batter bowler winger "
      "entrepreneur businessman businesswoman economist strategist pollster consultant "
      "spokesperson representative delegate negotiator mediator monarch sultan tsar "
      "vice deputy assistant under-secretary undersecretary fellow lecturer taoiseach tanaiste amb amb. "
      "councilmember member dutchman dutchwoman spaniard frenchman frenchwoman englishman englishwoman "
      "scotsman scotswoman welshman irishman marshal mps selectman selectwoman selectmen "
      "alderman alderwoman batt. battalion",
      QC_LX_TITLE },
    { "foreign defense defence interior health finance state affairs public national security "
      "acting former then top senior junior interim incoming outgoing supreme deputy vice prime "
      "chief general executive managing assistant associate principal federal regional local "
      "military civil press communications foreign-affairs home justice labour labor trade "
      "economy economic energy environment transport education culture agriculture treasury "
      "intelligence police army naval navy air white house joint staff global international "
      "commerce homeland affairs development science technology sports sport tourism water "
      "emergencies emergency internal external crown resources works affairs",
      QC_LX_MOD },
    { "corps council ministry department agency party army forces force guard guards committee "
      "commission office service news times post journal bank university company inc inc. ltd "
      "ltd. corp corp. group union organization organisation association court police government "
      "administration pentagon parliament congress senate assembly institute foundation network "
      "bureau board authority command coalition federation league club church hospital school "
      "college airlines airways media press radio television tv channel nations brigade brigades "
      "front movement alliance embassy consulate kremlin navy marines fund trust society centre "
      "center laboratory observatory monitor watch secretariat cabinet presidency house agency "
      "reuters afp ap bbc cnn tass isna irna nasa fbi cia nato opec imf uefa fifa unicef rights "
      "unesco herald tribune telegraph guardian gazette daily weekly magazine broadcasting "
      "broadcaster studios records museum systems industries holdings technologies airline "
      "centers centres railways railway council's ministries foundation federation's parliament's irgc "
      "revolutionary republic programme program international entertainment comics games pictures "
      "productions publishing labs motors foods pharmaceuticals software electronics toys brands "
      "partners capital ventures studio airways show podcast band orchestra manufacturer carmaker automaker "
      "retailer",
      QC_LX_ORG },
    { "the a an in on at after before during since for from with without by as but and or so "
      "yet if when while although though because this that these those there here it he she "
      "they we i you his her their our its my your some many most all both each every no not "
      "one two three four five six seven eight nine ten meanwhile however also then later "
      "earlier today yesterday tomorrow according under over about against between among into "
      "through despite following amid last next several other another such what which who why "
      "how where whether only even just still again more less once now instead until unless "
      "upon within like unlike around across toward towards nearly almost about speaking asked "
      "in-between thus therefore hence indeed moreover furthermore overall separately "
      "additionally elsewhere currently previously recently eventually finally first second "
      "third new old many few any none nor neither either",
      QC_LX_FUNC },
    { "january february march april may june july august september october november december "
      "jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. monday tuesday wednesday "
      "thursday friday saturday sunday",
      QC_LX_TIME },
    { "he she they it we i him her them us", QC_LX_PRONOUN },
    { "the a an his her their its our my your this that", QC_LX_DET },
    { "in at near into across outside inside around toward towards", QC_LX_PLACEPREP },
    { "code-named codenamed code named dubbed nicknamed titled entitled so-called known "
      "hashtag slogan motto headlined branded labelled labeled termed",
      QC_LX_NAMING },
    { "al al- el bin ibn bint de del della der di da van von la le du dos das ben abu st. st ten ter den",
      QC_LX_PARTICLE },
    { "has had have was were is are be been also later then earlier once again previously "
      "reportedly further recently repeatedly publicly privately quickly simply subsequently "
      "initially finally separately additionally however would will could did does do "
      "has since had already just jointly flatly angrily",
      QC_LX_AUX },
    { "he him his mr. mr king prince spokesman chairman businessman sir father son brother "
      "husband man boy grandfather uncle nephew congressman councilman assemblyman",
      QC_LX_MALE },
    { "james john robert michael william david richard joseph thomas charles christopher daniel "
      "matthew anthony mark donald steven steve paul andrew joshua kenneth kevin brian george "
      "timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry "
      "justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis "
      "jerry tyler aaron jose adam nathan henry douglas doug zachary peter kyle noah ethan jeremy "
      "walter christian keith roger terry austin sean gerald carl harold dylan arthur lawrence "
      "jordan jesse bryan billy bruce gabriel joe logan albert willie alan eugene russell vincent "
      "philip bobby johnny bradley mike boris emmanuel vladimir xi recep mohammad mohammed "
      "muhammad ali hassan hossein javad ahmed omar abdul ibrahim mahmoud bernie chuck dick "
      "mitch nigel jeremy tony gordon justin narendra imran benjamin volodymyr "
      "sergei sergey dmitry alexei andrzej mateusz jacek piotr tomasz pedro carlos juan luis "
      "jorge miguel alberto jair andres francisco manuel antonio giuseppe matteo luigi "
      "jean pierre francois jacques hans klaus jurgen olaf friedrich wolfgang ken jens rishi "
      "keir sadiq denzel brendan piers tristan ahmad jamal mike harry harold liam oliver "
      "jack charlie george alfie leo archie lucas henry theo oscar freddie",
      QC_LX_MALE },
    { "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa "
      "betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa "
      "deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna "
      "brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn "
      "janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina "
      "lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria "
      "ann teresa kathryn sara janice jean alice madison doris abigail julia judy grace "
      "denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie "
      "isabella charlotte rose kayla theresa hillary kamala ursula theresa jacinda "
      "nicola liz priti yvette agnes hatice mariela louise jenn leisha lauren lisa "
      "greta malala aung tsai carrie nikki kellyanne sarah ilhan alexandria elizabeth "
      "margrethe christine kristalina marine ségolène segolene anne",
      QC_LX_FEMALE },
    { "she her hers mrs. mrs ms. ms miss queen princess spokeswoman chairwoman businesswoman "
      "madam dame mother daughter sister wife lady actress woman girl grandmother aunt niece "
      "congresswoman councilwoman assemblywoman",
      QC_LX_FEMALE },
    { "us u.s. american iranian iraqi british russian chinese french german israeli ukrainian "
      "european canadian australian indian pakistani syrian turkish saudi japanese korean "
      "north south un u.n. eu uk u.k. afghan egyptian lebanese palestinian italian spanish "
      "dutch belgian swiss swedish norwegian danish finnish polish greek irish scottish welsh "
      "english mexican brazilian argentine chilean colombian venezuelan cuban nigerian kenyan "
      "ethiopian african asian new-zealand philippine indonesian malaysian thai vietnamese "
      "taiwanese hong qatari emirati jordanian kuwaiti yemeni libyan tunisian moroccan "
      "algerian sudanese somali ugandan ghanaian zimbabwean belarusian georgian armenian "
      "azerbaijani kazakh romanian hungarian czech slovak serbian croatian bosnian albanian "
      "bulgarian portuguese austrian",
      QC_LX_NATION },
    { "officials official police witnesses witness residents resident sources source experts "
      "analysts observers activists protesters protestors authorities investigators "
      "researchers scientists doctors officers spokespeople organisers organizers students "
      "teachers workers employees fans critics supporters lawmakers legislators ministers "
      "diplomats aides leaders representatives members staff survivors victims relatives "
      "family neighbours neighbors locals passengers soldiers troops republican republicans "
      "democrat democrats conservatives liberals tories",
      QC_LX_GENERIC },
    { "broadcaster actor actress singer musician artist writer novelist comedian filmmaker "
      "producer designer architect photographer poet playwright composer dancer model "
      "astronaut athlete cyclist swimmer runner boxer golfer tennis chef surgeon spokesman "
      "criminologist psychologist sociologist epidemiologist virologist rapporteur "
      "president-elect governor-general councilwoman councilman congressman congresswoman "
      "assemblyman assemblywoman mla mpp whip lead star co-star master harbourmaster whistleblower "
      "lady",
      QC_LX_TITLE },
    /* honorifics without their period, and the occupational or circumstantial
     * descriptions news writing puts before a name ("voter Kitty Mak",
     * "firefighter Paul Brennan", "IM Dorsa Derakhshani"): never part of it */
    { "mr mrs ms mx dr prof cllr cllr. sir dame lord baroness "
      "voter resident student firefighter fireman farmer worker teacher pensioner volunteer "
      "protester protestor demonstrator eyewitness witness shopkeeper commuter passenger "
      "survivor neighbour neighbor shopper retiree veteran paramedic miner fisherman homeowner "
      "landlord tenant trader vendor motorist pedestrian parishioner grandmaster "
      "im gm wgm wim fm cm "
      "ranger developer researcher scientist engineer nurse lawyer coach pilot driver "
      "curator historian economist analyst astronomer biologist chemist physicist geologist "
      "ecologist zoologist archaeologist archeologist oceanographer meteorologist forecaster "
      "glaciologist neuroscientist climatologist entomologist paleontologist palaeontologist "
      "co-developer co-founder co-author co-chair co-director co-creator co-host co-owner "
      "co-leader co-investigator ex-minister ex-president",
      QC_LX_TITLE },
    /* auxiliaries that open questions: capitalised only at a sentence's
     * start, never part of a name ("Did Red Hat consult …?") */
    { "did does do didn't doesn't don't", QC_LX_FUNC },
    { "statement release report post tweet letter message communique communiqué memo notice "
      "announcement filing document ruling verdict transcript order decree decision judgment "
      "judgement advisory opinion summary description invitation bulletin warning account "
      "proclamation",
      QC_LX_DOC },
    { "jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. gen. mr. mrs. ms. dr. "
      "prof. sen. rep. gov. lt. col. maj. sgt. adm. cpl. capt. st. jr. sr. rev. no. vs. "
      "inc. ltd. corp. co. dept. est. approx. mt. ft. fig. gen. brig. cmdr. hon. pres. "
      "supt. insp. det. batt. sgt. lt. u.s. u.n. u.k. e.u. a.m. p.m. etc. i.e. e.g. prop.",
      QC_LX_ABBR },
    { "of for to the and de from", QC_LX_CONNECT },
    { "base airbase air-base airport city town village street road square bridge province "
      "region district county state island river mountain valley bay sea ocean lake park "
      "station port harbour harbor camp field stadium arena hall tower building palace "
      "capital",
      QC_LX_PLACE },
};

#define QC_LX_SLOTS 8192
typedef struct {
    char key[32];
    unsigned cls;
} qc_lx_slot;

static qc_lx_slot qc_lx_table[QC_LX_SLOTS];
static pthread_once_t qc_lx_once = PTHREAD_ONCE_INIT;

static uint32_t qc_lx_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void qc_lx_add(const char *w, size_t n, unsigned cls)
{
    if (n == 0 || n >= 32)
        return;
    uint32_t h = qc_lx_hash(w, n) & (QC_LX_SLOTS - 1);
    for (;;) {
        qc_lx_slot *s = &qc_lx_table[h];
        if (!s->key[0]) {
            memcpy(s->key, w, n);
            s->key[n] = '\0';
            s->cls = cls;
            return;
        }
        if (strlen(s->key) == n && !memcmp(s->key, w, n)) {
            s->cls |= cls;
            return;
        }
        h = (h + 1) & (QC_LX_SLOTS - 1);
    }
}

static void qc_lx_init(void)
{
    for (size_t i = 0; i < sizeof qc_lx_lists / sizeof *qc_lx_lists; i++) {
        const char *p = qc_lx_lists[i].words;
        while (*p) {
            while (*p == ' ')
                p++;
            const char *e = p;
            while (*e && *e != ' ')
                e++;
            qc_lx_add(p, (size_t)(e - p), qc_lx_lists[i].cls);
            p = e;
        }
    }
}

/* Does key end with suffix, with at least `stem` letters before it? */
static bool qc_lx_suffix(const char *key, size_t n, const char *suffix, size_t stem)
{
    size_t sl = strlen(suffix);
    return n >= sl + stem && !strcmp(key + n - sl, suffix);
}

unsigned qc_lexicon_get(const char *key)
{
    pthread_once(&qc_lx_once, qc_lx_init);
    size_t n = strlen(key);
    if (n == 0 || n >= 32)
        return 0;
    uint32_t h = qc_lx_hash(key, n) & (QC_LX_SLOTS - 1);
    for (;;) {
        const qc_lx_slot *s = &qc_lx_table[h];
        if (!s->key[0]) {
            /* occupations by their endings: "immunologist", "statistician",
             * "photographer", "agronomist", "geneticist" */
            if (qc_lx_suffix(key, n, "ologist", 2) || qc_lx_suffix(key, n, "ician", 3) ||
                qc_lx_suffix(key, n, "ographer", 2) || qc_lx_suffix(key, n, "onomist", 2) ||
                qc_lx_suffix(key, n, "icist", 3))
                return QC_LX_TITLE;
            return 0;
        }
        if (!strcmp(s->key, key))
            return s->cls;
        h = (h + 1) & (QC_LX_SLOTS - 1);
    }
}
