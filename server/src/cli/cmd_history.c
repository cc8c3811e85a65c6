/*
 * cli/cmd_history.c — `quotecheck history FILE`: revision by revision, the
 * quotations a draft gained, changed or lost, and what the checker says of
 * each against today's corpus. Owned by the git work (issue 5); the
 * revisions come from git/log.c, the checking from cli/session.c.
 *
 * Revisions are listed oldest first (the story in the order it was
 * written). Quotations of one revision are paired with the previous one's
 * by their words: the same words and speaker are unchanged (not listed);
 * the same words given to someone else are "changed"; a quotation
 * sharing at least half its words with one that went is "changed"; the
 * rest are "added"; unpaired old ones are "removed".
 */
#include "cli/cli.h"
#include "cli/session.h"
#include "extract/extract.h"
#include "git/git.h"
#include "parse/parse.h"
#include "report/report.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/utf8.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

const char qc_cmd_history_usage[] =
    "Usage: quotecheck history [OPTIONS] FILE\n\n"
    "List, commit by commit (oldest first), the quotations the draft FILE\n"
    "gained (+), changed (~, old -> new) or lost (-), and what the checker says\n"
    "of each added or changed one against today's corpus: so a desk can see\n"
    "when a quote went wrong and in which commit. The commits are those that\n"
    "changed FILE on HEAD's first-parent line, renames followed.\n\n"
    "Options:\n"
    "  --format FMT    text (default) or json: {\"version\": 1, \"path\", \"shallow\",\n"
    "                  \"revisions\": [{\"commit\": {\"id\", \"short_id\", \"author\",\n"
    "                  \"date\", \"subject\"}, \"path\", \"changes\": [{\"change\":\n"
    "                  \"added\"|\"changed\"|\"removed\", \"line\", \"text\", \"speaker\",\n"
    "                  \"old_text\", \"old_speaker\",\n"
    "                  \"findings\": [{\"code\", \"severity\", \"message\"}]}]}]}\n"
    "  --sources DIR   the corpus (repeatable; else the config's \"sources\")\n"
    "  --config FILE   use this config\n"
    "  --no-config     built-in defaults\n"
    "  --cache-dir DIR, --no-cache   the corpus index cache\n"
    "  -h, --help      show this help\n\n"
    "Exit codes: 0 done (also with no commits); 2 usage error, not in a git\n"
    "repository, a bare repository, or no corpus.\n";

typedef struct qc_hq {
    char *text;
    char *speaker;                /* resolved, else as written; NULL */
    size_t line;
    size_t start, end;
    bool paired;
} qc_hq;

typedef Array(qc_hq) qc_hqs;

static void qc_hqs_free(qc_hqs *a)
{
    for (size_t i = 0; i < a->len; i++) {
        free(a->items[i].text);
        free(a->items[i].speaker);
    }
    array_free(a);
}

/* Share of a's words found in b (folded), 0..1. */
static double qc_hist_similar(const char *a, const char *b)
{
    char *fa = qc_utf8_fold(a, strlen(a)), *fb = qc_utf8_fold(b, strlen(b));
    size_t na = 0, hit = 0;
    char *save = NULL;
    for (char *w = strtok_r(fa, " ,.;:!?\"'", &save); w; w = strtok_r(NULL, " ,.;:!?\"'", &save)) {
        na++;
        size_t wl = strlen(w);
        for (const char *p = strstr(fb, w); p; p = strstr(p + 1, w))
            if ((p == fb || strchr(" ,.;:!?\"'", p[-1])) && (!p[wl] || strchr(" ,.;:!?\"'", p[wl]))) {
                hit++;
                break;
            }
    }
    free(fa);
    free(fb);
    return na ? (double)hit / (double)na : 0;
}

static void qc_hist_finding_json(cJSON *arr, const qc_finding *f)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "code", qc_code_name(f->code));
    cJSON_AddStringToObject(o, "severity", qc_severity_name(f->severity));
    cJSON_AddStringToObject(o, "message", f->message ? f->message : "");
    cJSON_AddItemToArray(arr, o);
}

int qc_cmd_history(int argc, char **argv)
{
    qc_cli_common c;
    qc_cli_common_init(&c, argc);
    const char *file = NULL;
    int status = QC_EXIT_OK;
    qc_git *git = NULL;
    char *rel = NULL, *abs = NULL;
    qc_git_revision *revs = NULL;
    size_t nrevs = 0;
    qc_session *session = NULL;
    qc_hqs prev = ARRAY_INIT;
    cJSON *root = NULL;
    const unsigned formats = 1u << QC_OUT_TEXT | 1u << QC_OUT_JSON;
    for (int i = 1; i < argc; i++) {
        int r = qc_cli_common_option(&c, "history", formats, argc, argv, &i);
        if (r == QC_EXIT_ERROR) {
            status = QC_EXIT_ERROR;
            goto cleanup;
        }
        if (r == 1)
            continue;
        if (argv[i][0] == '-' && argv[i][1]) {
            status = qc_cli_usage_error("history", "unknown option '%s'", argv[i]);
            goto cleanup;
        }
        if (file) {
            status = qc_cli_usage_error("history", "one FILE at a time");
            goto cleanup;
        }
        file = argv[i];
    }
    if (!file) {
        status = qc_cli_usage_error("history", "no FILE given");
        goto cleanup;
    }
    bool json = c.format == QC_OUT_JSON;
    if (qc_git_open(&git, file) != 0 || qc_git_relpath(git, file, &rel) != 0 ||
        qc_git_file_log(git, rel, &revs, &nrevs) != 0) {
        fprintf(stderr, "quotecheck history: %s\n", qc_error_last());
        status = QC_EXIT_ERROR;
        goto cleanup;
    }
    for (size_t i = 0; i < qc_git_warning_count(git); i++)
        fprintf(stderr, "quotecheck history: warning: %s\n", qc_git_warning(git, i));
    bool shallow = qc_git_is_shallow(git);
    abs = qc_malloc(strlen(qc_git_workdir(git)) + strlen(rel) + 1);
    sprintf(abs, "%s%s", qc_git_workdir(git), rel);
    if (json) {
        root = cJSON_CreateObject();
        cJSON_AddNumberToObject(root, "version", 1);
        cJSON_AddStringToObject(root, "path", file);
        cJSON_AddBoolToObject(root, "shallow", shallow);
        cJSON_AddBoolToObject(root, "has_commits", qc_git_has_commits(git));
    } else if (!qc_git_has_commits(git)) {
        printf("%s: no commits yet\n", file);
        goto cleanup;
    } else if (!nrevs) {
        printf("%s: no commit on HEAD changes it\n", file);
        goto cleanup;
    } else {
        printf("%s: %zu revision%s, oldest first%s\n", file, nrevs, nrevs == 1 ? "" : "s",
               shallow ? " (a shallow clone: older history is not here)" : "");
    }
    cJSON *jrevs = json ? cJSON_AddArrayToObject(root, "revisions") : NULL;
    session = qc_session_new(&c.session);
    for (size_t r = nrevs; r-- > 0;) {
        const qc_git_revision *rv = &revs[r];
        char *data = NULL;
        size_t len = 0;
        if (qc_git_read_blob(git, rv->blob, &data, &len) != 0) {
            fprintf(stderr, "quotecheck history: warning: %s (%s at %s); skipped\n",
                    qc_error_last(), rv->path, rv->commit.short_id);
            continue;
        }
        qc_draft d;
        qc_draft_init(&d, rv->path, abs, data, len);
        d.format = qc_format_from_path(rv->path);
        if (qc_session_prepare(session, &d) != 0) {
            fprintf(stderr, "quotecheck history: %s\n", qc_error_last());
            qc_draft_clear(&d);
            status = QC_EXIT_ERROR;
            goto cleanup;
        }
        qc_session_check(session, &d);
        qc_prose *prose = d.text ? qc_prose_parse(d.text->data, d.text->len, d.format) : NULL;
        qc_extraction *ex = d.text ? qc_extract(d.text->data, d.text->len, prose) : NULL;
        qc_hqs cur = ARRAY_INIT;
        for (size_t i = 0; ex && i < ex->nquotes; i++) {
            const qc_quote *q = &ex->quotes[i];
            const char *sp = q->speaker ? q->speaker : q->speaker_text;
            qc_hq h = { qc_strdup(q->text ? q->text : ""), sp ? qc_strdup(sp) : NULL,
                        qc_text_pos(d.text, q->start, QC_ENC_UTF32).line + 1, q->start, q->end,
                        false };
            array_push(&cur, h);
        }
        cJSON *jrev = NULL, *jchanges = NULL;
        if (json) {
            jrev = cJSON_CreateObject();
            cJSON *co = cJSON_AddObjectToObject(jrev, "commit");
            cJSON_AddStringToObject(co, "id", rv->commit.id);
            cJSON_AddStringToObject(co, "short_id", rv->commit.short_id);
            cJSON_AddStringToObject(co, "author", rv->commit.author);
            cJSON_AddStringToObject(co, "date", rv->commit.date);
            cJSON_AddStringToObject(co, "subject", rv->commit.subject);
            cJSON_AddStringToObject(jrev, "path", rv->path);
            jchanges = cJSON_AddArrayToObject(jrev, "changes");
            cJSON_AddItemToArray(jrevs, jrev);
        } else {
            printf("\n%s %s %s: %s%s%s%s\n", rv->commit.short_id, rv->commit.date,
                   rv->commit.author, rv->commit.subject, strcmp(rv->path, rel) ? " (as " : "",
                   strcmp(rv->path, rel) ? rv->path : "", strcmp(rv->path, rel) ? ")" : "");
        }
        /* unchanged: the same words */
        for (size_t i = 0; i < cur.len; i++)
            for (size_t k = 0; k < prev.len && !cur.items[i].paired; k++)
                if (!prev.items[k].paired && !strcmp(cur.items[i].text, prev.items[k].text) &&
                    !strcmp(cur.items[i].speaker ? cur.items[i].speaker : "",
                            prev.items[k].speaker ? prev.items[k].speaker : ""))
                    cur.items[i].paired = prev.items[k].paired = true;
        size_t listed = 0;
        for (size_t i = 0; i < cur.len; i++) {
            qc_hq *h = &cur.items[i];
            if (h->paired)
                continue;
            const qc_hq *old = NULL;
            double best = 0.5;
            for (size_t k = 0; k < prev.len; k++) {
                if (prev.items[k].paired)
                    continue;
                double s = qc_hist_similar(h->text, prev.items[k].text);
                double s2 = qc_hist_similar(prev.items[k].text, h->text);
                if (s2 > s)
                    s = s2;
                if (s >= best) {
                    best = s;
                    old = &prev.items[k];
                }
            }
            if (old)
                ((qc_hq *)old)->paired = true;
            h->paired = true;
            listed++;
            cJSON *jc = NULL, *jf = NULL;
            if (json) {
                jc = cJSON_CreateObject();
                cJSON_AddStringToObject(jc, "change", old ? "changed" : "added");
                cJSON_AddNumberToObject(jc, "line", (double)h->line);
                cJSON_AddStringToObject(jc, "text", h->text);
                if (h->speaker)
                    cJSON_AddStringToObject(jc, "speaker", h->speaker);
                if (old) {
                    cJSON_AddStringToObject(jc, "old_text", old->text);
                    if (old->speaker)
                        cJSON_AddStringToObject(jc, "old_speaker", old->speaker);
                }
                jf = cJSON_AddArrayToObject(jc, "findings");
                cJSON_AddItemToArray(jchanges, jc);
            } else if (old && !strcmp(old->text, h->text)) {
                printf("  ~ line %zu: \"%s\": speaker %s -> %s\n", h->line, h->text,
                       old->speaker ? old->speaker : "none", h->speaker ? h->speaker : "none");
            } else if (old) {
                printf("  ~ line %zu: \"%s\" -> \"%s\"%s%s\n", h->line, old->text, h->text,
                       h->speaker ? " — " : "", h->speaker ? h->speaker : "");
            } else {
                printf("  + line %zu: \"%s\"%s%s\n", h->line, h->text, h->speaker ? " — " : "",
                       h->speaker ? h->speaker : "");
            }
            size_t nf = 0;
            for (size_t k = 0; d.findings && k < d.findings->len; k++) {
                const qc_finding *f = &d.findings->items[k];
                if (f->start < h->start || f->start >= h->end)
                    continue;
                nf++;
                if (json)
                    qc_hist_finding_json(jf, f);
                else
                    printf("      %s: %s [%s]\n", qc_severity_name(f->severity),
                           f->message ? f->message : "", qc_code_name(f->code));
            }
            if (!nf && !json)
                printf("      ok: no finding\n");
        }
        for (size_t k = 0; k < prev.len; k++) {
            if (prev.items[k].paired)
                continue;
            listed++;
            if (json) {
                cJSON *jc = cJSON_CreateObject();
                cJSON_AddStringToObject(jc, "change", "removed");
                cJSON_AddNumberToObject(jc, "line", (double)prev.items[k].line);
                cJSON_AddStringToObject(jc, "text", prev.items[k].text);
                cJSON_AddItemToArray(jchanges, jc);
            } else {
                printf("  - \"%s\" (was line %zu)\n", prev.items[k].text, prev.items[k].line);
            }
        }
        if (!listed && !json)
            printf("  (no quotation changed)\n");
        for (size_t i = 0; i < cur.len; i++)
            cur.items[i].paired = false;
        qc_hqs_free(&prev);
        prev = cur;
        qc_extraction_delete(ex);
        qc_prose_delete(prose);
        qc_draft_clear(&d);
    }
    if (json) {
        char *s = cJSON_Print(root);
        printf("%s\n", s);
        free(s);
    }
cleanup:
    cJSON_Delete(root);
    qc_hqs_free(&prev);
    qc_session_delete(session);
    qc_git_revisions_free(revs, nrevs);
    free(abs);
    free(rel);
    qc_git_close(git);
    qc_cli_common_free(&c);
    return status;
}
