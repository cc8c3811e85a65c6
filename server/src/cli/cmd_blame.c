/*
 * cli/cmd_blame.c — `quotecheck blame FILE`: for each quotation of a draft,
 * the commit that introduced its current wording. Owned by the git work
 * (issue 5); blame is git/log.c, extraction extract/.
 *
 * The file's content (or an editor's buffer read from standard input with
 * --stdin-filename, unsaved edits included) is blamed against HEAD: a
 * quotation's commit is the newest commit among its lines; a quotation
 * with any line not in HEAD is "not committed yet".
 */
#include "cli/cli.h"
#include "cli/session.h"
#include "extract/extract.h"
#include "git/git.h"
#include "parse/parse.h"
#include "text/text.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/file.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

const char qc_cmd_blame_usage[] =
    "Usage: quotecheck blame [--format text|json] FILE\n"
    "       quotecheck blame [--format text|json] --stdin-filename FILE -\n\n"
    "For each quotation in the draft FILE: its line, words and speaker, and the\n"
    "commit that introduced its current wording (short id, author, date,\n"
    "subject) — the newest commit among the quotation's lines, or \"not\n"
    "committed yet\" when a line of it is not in HEAD. The working copy is\n"
    "what is blamed, so uncommitted edits show as not committed; with '-' the\n"
    "buffer is read from standard input (an editor's unsaved text) and\n"
    "--stdin-filename names the file in the repository.\n\n"
    "Options:\n"
    "  --format FMT           text (default) or json:\n"
    "                         {\"version\": 1, \"path\", \"shallow\", \"quotes\":\n"
    "                         [{\"line\", \"column\", \"text\", \"speaker\",\n"
    "                         \"committed\", \"commit\": {\"id\", \"short_id\",\n"
    "                         \"author\", \"date\", \"subject\"} | null}]}\n"
    "  --stdin-filename FILE  the file the buffer on standard input belongs to\n"
    "  -h, --help             show this help\n\n"
    "In a shallow clone, lines older than its history are given to its oldest\n"
    "commit (a note says so). Exit codes: 0 done; 2 usage error, not in a git\n"
    "repository, a bare repository, or a file that cannot be read.\n";

int qc_cmd_blame(int argc, char **argv)
{
    const char *file = NULL, *stdin_name = NULL;
    bool json = false;
    int status = QC_EXIT_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--format") || !strncmp(a, "--format=", 9)) {
            const char *v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || (strcmp(v, "text") && strcmp(v, "json")))
                return qc_cli_usage_error("blame", "--format takes text or json");
            json = !strcmp(v, "json");
        } else if (!strcmp(a, "--stdin-filename") || !strncmp(a, "--stdin-filename=", 17)) {
            stdin_name = a[16] == '=' ? a + 17 : (i + 1 < argc ? argv[++i] : NULL);
            if (!stdin_name || !*stdin_name)
                return qc_cli_usage_error("blame", "--stdin-filename takes a file name");
        } else if (a[0] == '-' && a[1]) {
            return qc_cli_usage_error("blame", "unknown option '%s'", a);
        } else if (!file) {
            file = a;
        } else {
            return qc_cli_usage_error("blame", "one FILE at a time");
        }
    }
    if (!file)
        return qc_cli_usage_error("blame", "no FILE given");
    bool from_stdin = !strcmp(file, "-");
    if (from_stdin && !stdin_name)
        return qc_cli_usage_error("blame", "'-' needs --stdin-filename (the file in the repository)");
    const char *name = from_stdin ? stdin_name : file;

    qc_git *git = NULL;
    char *rel = NULL, *data = NULL;
    size_t len = 0;
    qc_text *text = NULL;
    qc_prose *prose = NULL;
    qc_extraction *ex = NULL;
    qc_git_blame *blame = NULL;
    cJSON *root = NULL;
    int rc = from_stdin ? qc_session_read_stdin(name, &data, &len)
                        : qc_file_read(name, QC_FILE_MAX_DEFAULT, &data, &len);
    if (rc != 0 || qc_git_open(&git, name) != 0 || qc_git_relpath(git, name, &rel) != 0 ||
        qc_git_blame_buffer(git, rel, data, len, &blame) != 0) {
        fprintf(stderr, "quotecheck blame: %s\n", qc_error_last());
        status = QC_EXIT_ERROR;
        goto cleanup;
    }
    for (size_t i = 0; i < qc_git_warning_count(git); i++)
        fprintf(stderr, "quotecheck blame: warning: %s\n", qc_git_warning(git, i));
    bool shallow = qc_git_is_shallow(git);
    if (shallow && !json)
        fprintf(stderr, "quotecheck blame: note: %s is a shallow clone: lines older than its "
                "history are given to its oldest commit\n", qc_git_workdir(git));
    text = qc_text_new(data, len);
    prose = qc_prose_parse(text->data, text->len, qc_format_from_path(name));
    ex = qc_extract(text->data, text->len, prose);
    if (json) {
        root = cJSON_CreateObject();
        cJSON_AddNumberToObject(root, "version", 1);
        cJSON_AddStringToObject(root, "path", name);
        cJSON_AddBoolToObject(root, "shallow", shallow);
        cJSON_AddBoolToObject(root, "has_commits", qc_git_has_commits(git));
    }
    cJSON *arr = json ? cJSON_AddArrayToObject(root, "quotes") : NULL;
    for (size_t i = 0; i < ex->nquotes; i++) {
        const qc_quote *q = &ex->quotes[i];
        qc_pos a = qc_text_pos(text, q->start, QC_ENC_UTF32);
        qc_pos b = qc_text_pos(text, q->end > q->start ? q->end - 1 : q->start, QC_ENC_UTF32);
        bool uncommitted = false;
        const qc_git_commit *c = qc_git_blame_range(blame, a.line + 1, b.line + 1, &uncommitted);
        const char *speaker = q->speaker ? q->speaker : q->speaker_text;
        if (json) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddNumberToObject(o, "line", (double)(a.line + 1));
            cJSON_AddNumberToObject(o, "column", (double)(a.column + 1));
            cJSON_AddStringToObject(o, "text", q->text ? q->text : "");
            if (speaker)
                cJSON_AddStringToObject(o, "speaker", speaker);
            else
                cJSON_AddNullToObject(o, "speaker");
            cJSON_AddBoolToObject(o, "committed", c != NULL);
            if (c) {
                cJSON *co = cJSON_AddObjectToObject(o, "commit");
                cJSON_AddStringToObject(co, "id", c->id);
                cJSON_AddStringToObject(co, "short_id", c->short_id);
                cJSON_AddStringToObject(co, "author", c->author);
                cJSON_AddStringToObject(co, "date", c->date);
                cJSON_AddStringToObject(co, "subject", c->subject);
            } else {
                cJSON_AddNullToObject(o, "commit");
            }
            cJSON_AddItemToArray(arr, o);
        } else {
            printf("%s:%zu:%zu: \"%s\"%s%s\n", name, a.line + 1, a.column + 1, q->text ? q->text : "",
                   speaker ? " — " : "", speaker ? speaker : "");
            if (c)
                printf("    %s %s, %s: %s\n", c->short_id, c->author, c->date, c->subject);
            else
                printf("    not committed yet\n");
        }
    }
    if (json) {
        char *s = cJSON_Print(root);
        printf("%s\n", s);
        free(s);
    } else if (!ex->nquotes) {
        printf("%s: no quotations\n", name);
    }
cleanup:
    cJSON_Delete(root);
    qc_extraction_delete(ex);
    qc_prose_delete(prose);
    qc_text_delete(text);
    qc_git_blame_free(blame);
    free(rel);
    free(data);
    qc_git_close(git);
    return status;
}
