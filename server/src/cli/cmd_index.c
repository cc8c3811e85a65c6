/*
 * cli/cmd_index.c — `quotecheck index`: build or update the corpus index
 * cache and print corpus statistics. Owned by the corpus work (with
 * cli/cmd_sources.c); the index itself lives in corpus/.
 */
#include "cli/cli.h"
#include "cli/session.h"
#include "corpus/corpus.h"
#include "git/git.h"
#include "util/error.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char qc_cmd_index_usage[] =
    "Usage: quotecheck index [--sources DIR]... [--cache-dir DIR] [--no-cache] [--json]\n\n"
    "Build or update the index of the source corpus and print its statistics:\n"
    "articles, words, outlets by kind, independent stories (syndicated copies of\n"
    "one story count once), index size against text size, and time taken.\n\n"
    "The corpus is every .txt, .md and .markdown file under each DIR (hidden\n"
    "folders and node_modules skipped). The index is cached under\n"
    "$QC_CACHE_DIR, else $XDG_CACHE_HOME/quotecheck, else ~/.cache/quotecheck,\n"
    "one file per set of folders; only new and changed files are read again,\n"
    "and a corrupt or outdated cache is rebuilt. A progress bar is drawn on\n"
    "standard error when it is a terminal.\n\n"
    "Options:\n"
    "  --sources DIR    a folder of source articles (repeatable; required for now)\n"
    "  --cache-dir DIR  keep the cache under DIR instead\n"
    "  --no-cache       neither read nor write the cache\n"
    "  --json           print the statistics as JSON\n"
    "  -h, --help       show this help\n\n"
    "Exit codes: 0 ok, 2 usage error, a folder that cannot be opened, or files\n"
    "that were skipped (each named on standard error).\n";

typedef struct qc_bar {
    double last;
    int drawn;
} qc_bar;

static double qc_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void qc_index_progress(size_t done, size_t total, void *user)
{
    qc_bar *bar = user;
    double now = qc_mono();
    if (done < total && now - bar->last < 0.05)
        return;
    bar->last = now;
    int width = 30, fill = total ? (int)((double)done / (double)total * width) : width;
    fprintf(stderr, "\rindexing [%.*s%*s] %zu/%zu files", fill,
            "##############################", width - fill, "", done, total);
    bar->drawn = 1;
    fflush(stderr);
}

static void qc_index_warning(const char *msg, void *user)
{
    qc_bar *bar = user;
    if (bar && bar->drawn) {
        fputs("\r\033[K", stderr);
        bar->drawn = 0;
    }
    fprintf(stderr, "quotecheck: warning: %s\n", msg);
}

static void qc_human(uint64_t bytes, char *out, size_t cap)
{
    if (bytes >= 10ull << 20)
        snprintf(out, cap, "%.1f MB", bytes / 1048576.0);
    else if (bytes >= 10ull << 10)
        snprintf(out, cap, "%.1f KB", bytes / 1024.0);
    else
        snprintf(out, cap, "%llu bytes", (unsigned long long)bytes);
}

int qc_cmd_index(int argc, char **argv)
{
    const char **dirs = calloc((size_t)argc + 1, sizeof *dirs);
    size_t ndirs = 0;
    bool json = false;
    qc_corpus_options opt;
    memset(&opt, 0, sizeof opt);
    int status = QC_EXIT_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = qc_cli_corpus_option("index", argc, argv, &i, dirs, &ndirs, &opt);
        if (r == 1)
            continue;
        if (r != 0) {
            free(dirs);
            return r;
        }
        if (!strcmp(a, "--json")) {
            json = true;
        } else {
            free(dirs);
            return qc_cli_usage_error("index", "unknown argument '%s'", a);
        }
    }
    if (ndirs == 0) {
        free(dirs);
        return qc_cli_usage_error("index", "no corpus given (use --sources DIR)");
    }
    qc_bar bar = { 0, 0 };
    if (isatty(STDERR_FILENO))
        opt.progress = qc_index_progress;
    opt.warning = qc_index_warning;
    opt.user = &bar;
    /* a corpus in git: the cache is keyed by blob ids (git/, issue 5) */
    qc_git *git = NULL;
    if (qc_git_open(&git, dirs[0]) == 0) {
        opt.blob_id = qc_git_corpus_blob_id;
        opt.blob_user = git;
    }
    qc_error_clear();
    qc_corpus *corpus = NULL;
    int rc = qc_corpus_open(&corpus, dirs, ndirs, &opt);
    qc_git_close(git);
    if (bar.drawn)
        fputs("\r\033[K", stderr);
    if (rc) {
        fprintf(stderr, "quotecheck index: %s\n", qc_error_last());
        free(dirs);
        return QC_EXIT_ERROR;
    }
    qc_corpus_stats st;
    qc_corpus_stats_get(corpus, &st);
    double ratio = st.text_bytes ? (double)st.index_bytes / (double)st.text_bytes : 0;
    if (json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "articles", (double)st.articles);
        cJSON_AddNumberToObject(o, "words", (double)st.words);
        cJSON_AddNumberToObject(o, "text_bytes", (double)st.text_bytes);
        cJSON_AddNumberToObject(o, "outlets", (double)st.outlets);
        cJSON *kinds = cJSON_AddObjectToObject(o, "by_kind");
        for (int k = 0; k < QC_KIND_COUNT; k++)
            cJSON_AddNumberToObject(kinds, qc_outlet_kind_name((qc_outlet_kind)k), (double)st.by_kind[k]);
        cJSON_AddNumberToObject(o, "clusters", (double)st.clusters);
        cJSON_AddNumberToObject(o, "postings", (double)st.postings);
        cJSON_AddNumberToObject(o, "index_bytes", (double)st.index_bytes);
        cJSON_AddNumberToObject(o, "index_to_text", ratio);
        cJSON_AddNumberToObject(o, "files_read", (double)st.files_read);
        cJSON_AddNumberToObject(o, "files_blob_keyed", (double)st.files_blob_keyed);
        cJSON_AddNumberToObject(o, "files_skipped", (double)st.files_skipped);
        cJSON_AddBoolToObject(o, "from_cache", st.from_cache);
        cJSON_AddBoolToObject(o, "cache_rebuilt", st.cache_rebuilt);
        if (st.cache_path)
            cJSON_AddStringToObject(o, "cache", st.cache_path);
        else
            cJSON_AddNullToObject(o, "cache");
        cJSON_AddNumberToObject(o, "seconds", st.seconds);
        cJSON_AddNumberToObject(o, "warnings", (double)qc_corpus_warning_count(corpus));
        char *s = cJSON_Print(o);
        puts(s);
        free(s);
        cJSON_Delete(o);
    } else {
        char tb[32], ib[32];
        qc_human(st.text_bytes, tb, sizeof tb);
        qc_human(st.index_bytes, ib, sizeof ib);
        printf("articles  %zu in %zu folder%s\n", st.articles, ndirs, ndirs == 1 ? "" : "s");
        printf("words     %zu (%s of text)\n", st.words, tb);
        printf("outlets   %zu:", st.outlets);
        for (int k = 1; k <= QC_KIND_COUNT; k++) {
            int kk = k % QC_KIND_COUNT;   /* unknown last */
            printf(" %s %zu%s", qc_outlet_kind_name((qc_outlet_kind)kk), st.by_kind[kk],
                   k < QC_KIND_COUNT ? "," : " articles\n");
        }
        printf("stories   %zu independent (%zu syndicated copies folded)\n", st.clusters,
               st.articles - st.clusters);
        printf("index     %s, %.2fx the text, %zu postings\n", ib, ratio, st.postings);
        if (st.cache_path)
            printf("cache     %s (%s; %zu file%s read)\n", st.cache_path,
                   st.cache_rebuilt ? "built" : st.files_read ? "updated" : "up to date",
                   st.files_read, st.files_read == 1 ? "" : "s");
        else
            printf("cache     none\n");
        printf("time      %.3f s\n", st.seconds);
    }
    if (st.files_skipped)
        status = QC_EXIT_ERROR;
    qc_corpus_close(corpus);
    free(dirs);
    return status;
}
