/*
 * cli/cmd_sources.c — `quotecheck sources`: list the corpus articles with
 * outlet, kind, date, credibility and near-duplicate cluster. Owned by
 * the corpus work (with cli/cmd_index.c).
 */
#include "cli/cli.h"
#include "cli/session.h"
#include "corpus/corpus.h"
#include "report/report.h"
#include "util/error.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

const char qc_cmd_sources_usage[] =
    "Usage: quotecheck sources [--sources DIR]... [--cache-dir DIR] [--no-cache]\n"
    "                          [--format text|json]\n\n"
    "List the articles of the source corpus, sorted by path, with the outlet,\n"
    "its kind (wire, newspaper, state, official, blog, unknown), the date,\n"
    "the credibility (0..1 and high/medium/low/unknown), the near-duplicate\n"
    "cluster (syndicated copies of one story share one) and where the outlet\n"
    "was found (front-matter, sidecar, byline, dateline, copyright, …).\n"
    "Uses and updates the same cache as 'quotecheck index'.\n\n"
    "Options:\n"
    "  --sources DIR    a folder of source articles (repeatable; required for now)\n"
    "  --cache-dir DIR  keep the cache under DIR instead\n"
    "  --no-cache       neither read nor write the cache\n"
    "  --format FMT     text (default) or json\n"
    "  -h, --help       show this help\n\n"
    "Exit codes: 0 ok, 2 usage error, a folder that cannot be opened, or files\n"
    "that were skipped (each named on standard error).\n";

static const qc_corpus *qc_sort_corpus;

static int qc_cmp_path(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return strcmp(qc_corpus_article(qc_sort_corpus, x)->path, qc_corpus_article(qc_sort_corpus, y)->path);
}

static void qc_sources_warning(const char *msg, void *user)
{
    (void)user;
    fprintf(stderr, "quotecheck: warning: %s\n", msg);
}

int qc_cmd_sources(int argc, char **argv)
{
    const char **dirs = calloc((size_t)argc + 1, sizeof *dirs);
    size_t ndirs = 0;
    qc_out_format fmt = QC_OUT_TEXT;
    qc_corpus_options opt;
    memset(&opt, 0, sizeof opt);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = qc_cli_corpus_option("sources", argc, argv, &i, dirs, &ndirs, &opt);
        if (r == 1)
            continue;
        if (r != 0) {
            free(dirs);
            return r;
        }
        if (!strcmp(a, "--format") || !strncmp(a, "--format=", 9)) {
            const char *v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
            int f = v ? qc_out_format_parse(v) : -1;
            if (f != QC_OUT_TEXT && f != QC_OUT_JSON) {
                free(dirs);
                return qc_cli_usage_error("sources", "--format takes text or json");
            }
            fmt = (qc_out_format)f;
        } else {
            free(dirs);
            return qc_cli_usage_error("sources", "unknown argument '%s'", a);
        }
    }
    if (ndirs == 0) {
        free(dirs);
        return qc_cli_usage_error("sources", "no corpus given (use --sources DIR)");
    }
    opt.warning = qc_sources_warning;
    qc_corpus *corpus = NULL;
    if (qc_corpus_open(&corpus, dirs, ndirs, &opt) != 0) {
        fprintf(stderr, "quotecheck sources: %s\n", qc_error_last());
        free(dirs);
        return QC_EXIT_ERROR;
    }
    size_t n = qc_corpus_count(corpus);
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    qc_sort_corpus = corpus;
    qsort(order, n, sizeof *order, qc_cmp_path);
    if (fmt == QC_OUT_JSON) {
        cJSON *root = cJSON_CreateObject();
        cJSON *arr = cJSON_AddArrayToObject(root, "articles");
        for (size_t k = 0; k < n; k++) {
            const qc_article *a = qc_corpus_article(corpus, order[k]);
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "path", a->path);
#define QC_STR_OR_NULL(key, v) ((v) ? (void)cJSON_AddStringToObject(o, key, v) : (void)cJSON_AddNullToObject(o, key))
            QC_STR_OR_NULL("outlet", a->outlet);
            cJSON_AddStringToObject(o, "kind", qc_outlet_kind_name(a->kind));
            QC_STR_OR_NULL("date", a->date);
            QC_STR_OR_NULL("byline", a->byline);
            QC_STR_OR_NULL("url", a->url);
            QC_STR_OR_NULL("dateline", a->dateline);
#undef QC_STR_OR_NULL
            cJSON_AddBoolToObject(o, "via_blog", a->via_blog);
            cJSON_AddNumberToObject(o, "credibility", a->credibility);
            cJSON_AddStringToObject(o, "credibility_label", a->label);
            cJSON_AddNumberToObject(o, "cluster", a->cluster);
            cJSON_AddStringToObject(o, "metadata_from", a->meta_source);
            cJSON_AddNumberToObject(o, "words", a->words);
            cJSON_AddItemToArray(arr, o);
        }
        char *s = cJSON_Print(root);
        puts(s);
        free(s);
        cJSON_Delete(root);
    } else {
        for (size_t k = 0; k < n; k++) {
            const qc_article *a = qc_corpus_article(corpus, order[k]);
            printf("%s\n  outlet %s%s (%s, from %s), date %s, credibility %.2f %s, story %u\n",
                   a->path, a->outlet ? a->outlet : "unknown", a->via_blog ? " via a blog" : "",
                   qc_outlet_kind_name(a->kind), a->meta_source, a->date ? a->date : "unknown",
                   a->credibility, a->label, (unsigned)a->cluster);
        }
        qc_corpus_stats st;
        qc_corpus_stats_get(corpus, &st);
        printf("%zu article%s, %zu outlet%s, %zu independent stor%s\n", n, n == 1 ? "" : "s",
               st.outlets, st.outlets == 1 ? "" : "s", st.clusters, st.clusters == 1 ? "y" : "ies");
    }
    qc_corpus_stats st;
    qc_corpus_stats_get(corpus, &st);
    int status = st.files_skipped ? QC_EXIT_ERROR : QC_EXIT_OK;
    free(order);
    qc_corpus_close(corpus);
    free(dirs);
    return status;
}
