/*
 * tests/fuzz/fuzz_config.c — libFuzzer harness for the config loader
 * (qc_config_load_json: JSON, validation, positions in messages, merging,
 * lookups, ignore globs) and the inline suppression scanner
 * (qc_suppress_scan on the same bytes as a draft, Markdown or plain text).
 *
 * Input: the whole input is the config text and the draft. Invariants: a
 * failed load leaves *out NULL and a message; a loaded config has
 * severities in range, credibilities in [0, 1], warnings with 1-based
 * positions; merging it over the defaults and the lookups do not crash;
 * suppression ranges are ordered and inside the draft, warnings inside it.
 * Owned by the fuzz tests.
 */
#include "fuzz_common.h"

#include "config/config.h"
#include "config/suppress.h"
#include "util/error.h"

static void lookups(const qc_config *cfg)
{
    for (int c = 0; c < QC_CODE_COUNT; c++) {
        qc_severity s = qc_config_severity(cfg, (qc_code)c);
        QC_FUZZ_CHECK((int)s >= QC_SEV_OFF && (int)s <= QC_SEV_HINT);
    }
    static const char *const paths[] = { "/tmp/qcfuzz/drafts/a.md", "drafts/archive/x/y.md",
                                         "notes.tmp.md", "/", "", "a/b/c/d/e/f/g/h/i/j/k.txt" };
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
        (void)qc_config_ignored(cfg, paths[i]);
    double v;
    if (qc_config_outlet_credibility(cfg, "Example Wire", &v))
        QC_FUZZ_CHECK(v >= 0 && v <= 1);
    if (qc_config_kind_credibility(cfg, "blog", &v))
        QC_FUZZ_CHECK(v >= 0 && v <= 1);
    (void)qc_config_alias_canonical(cfg, "the mayor");
    (void)qc_config_same_speaker(cfg, "Lena Holt", "the mayor");
    for (size_t i = 0; i < cfg->noutlets; i++)
        QC_FUZZ_CHECK(cfg->outlets[i].value >= 0 && cfg->outlets[i].value <= 1 && cfg->outlets[i].key);
    for (size_t i = 0; i < cfg->nkinds; i++)
        QC_FUZZ_CHECK(cfg->kinds[i].value >= 0 && cfg->kinds[i].value <= 1 && cfg->kinds[i].key);
    for (size_t i = 0; i < cfg->naliases; i++)
        for (size_t k = 0; k < cfg->aliases[i].nnames; k++)
            QC_FUZZ_CHECK(cfg->aliases[i].names[k] && cfg->aliases[i].keys[k]);
    for (size_t i = 0; i < cfg->nwarnings; i++)
        QC_FUZZ_CHECK(cfg->warnings[i].loc.line >= 1 && cfg->warnings[i].loc.column >= 1 &&
                      cfg->warnings[i].text);
    for (size_t i = 0; i < cfg->nsources; i++)
        QC_FUZZ_CHECK(cfg->sources[i].path && cfg->sources[i].path[0] == '/');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    qc_config *cfg = (qc_config *)1;
    int rc = qc_config_load_json("fuzz.json", (const char *)data, size, "/tmp/qcfuzz", &cfg);
    if (rc == 0) {
        QC_FUZZ_CHECK(cfg);
        lookups(cfg);
        qc_config *base = NULL;
        qc_config_default(&base);
        qc_config_merge(base, cfg);
        lookups(base);
        qc_config_merge(base, cfg);   /* twice: replacing what the first merge set */
        qc_config_free(base);
        qc_config_free(cfg);
    } else {
        QC_FUZZ_CHECK(cfg == NULL);
        QC_FUZZ_CHECK(qc_error_last() && qc_error_last()[0]);
    }

    for (int f = 0; f < 2; f++) {
        qc_suppress *sup = NULL;
        QC_FUZZ_CHECK(qc_suppress_scan((const char *)data, size,
                                       f ? QC_FORMAT_MARKDOWN : QC_FORMAT_PLAIN, &sup) == 0);
        QC_FUZZ_CHECK(sup);
        for (size_t i = 0; i < sup->nlines; i++)
            QC_FUZZ_CHECK(sup->lines[i].start <= sup->lines[i].end && sup->lines[i].end <= size);
        for (size_t i = 0; i < sup->nregions; i++) {
            QC_FUZZ_CHECK(sup->regions[i].start <= sup->regions[i].end && sup->regions[i].end <= size);
            if (i)
                QC_FUZZ_CHECK(sup->regions[i - 1].start <= sup->regions[i].start);
        }
        for (size_t i = 0; i < sup->nwarnings; i++)
            QC_FUZZ_CHECK(sup->warnings[i].start <= sup->warnings[i].end &&
                          sup->warnings[i].end <= size && sup->warnings[i].message &&
                          sup->warnings[i].line >= 1);
        for (int c = 0; c < QC_CODE_COUNT; c++)
            (void)qc_suppress_covers(sup, (qc_code)c, size / 3, size / 2);
        qc_suppress_free(sup);
    }
    return 0;
}
