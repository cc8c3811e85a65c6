/*
 * cli/cmd_quotes.c — `quotecheck quotes`: list quotations and figures.
 */
#include "cli/cli.h"
#include "extract/extract.h"
#include "parse/parse.h"
#include "report/report.h"
#include "text/text.h"
#include "util/error.h"
#include "util/file.h"

#include <stdlib.h>
#include <string.h>

const char qc_cmd_quotes_usage[] =
    "Usage: quotecheck quotes [--format text|json] FILE...\n\n"
    "List every quotation (with its speaker, as written and as resolved, and the\n"
    "reporting verb) and every figure (with its qualifier, what it counts and its\n"
    "normalised value) in each FILE. Markdown (.md, .markdown) is parsed as\n"
    "Markdown; anything else is read as plain text. '-' reads standard input.\n\n"
    "Options:\n"
    "  --format FMT   text (default) or json (the stable interface; see README)\n"
    "  -h, --help     show this help\n\n"
    "Exit codes: 0 ok, 2 usage error or a file that could not be read\n"
    "(the other files are still listed).\n";

static int qc_read_stdin(char **out, size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return -1;
    size_t r;
    while ((r = fread(buf + n, 1, cap - n - 1, stdin)) > 0) {
        n += r;
        if (n + 1 >= cap) {
            if (cap >= QC_FILE_MAX_DEFAULT) {
                free(buf);
                qc_error_set("<stdin>: over the limit of %u bytes", QC_FILE_MAX_DEFAULT);
                return QC_ETOOBIG;
            }
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                return -1;
            }
            buf = nb;
        }
    }
    buf[n] = '\0';
    int rc = qc_text_check("<stdin>", buf, n);
    if (rc) {
        free(buf);
        return rc;
    }
    *out = buf;
    *len = n;
    return 0;
}

int qc_cmd_quotes(int argc, char **argv)
{
    qc_out_format fmt = QC_OUT_TEXT;
    int first = 0, nfiles = 0;
    char **files = calloc((size_t)argc, sizeof *files);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--format") || !strncmp(argv[i], "--format=", 9)) {
            const char *v = argv[i][8] == '=' ? argv[i] + 9 : (i + 1 < argc ? argv[++i] : NULL);
            int f = v ? qc_out_format_parse(v) : -1;
            if (f != QC_OUT_TEXT && f != QC_OUT_JSON) {
                free(files);
                return qc_cli_usage_error("quotes", "--format takes text or json");
            }
            fmt = (qc_out_format)f;
        } else if (!strcmp(argv[i], "--")) {
            for (i++; i < argc; i++)
                files[nfiles++] = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            free(files);
            return qc_cli_usage_error("quotes", "unknown option '%s'", argv[i]);
        } else {
            files[nfiles++] = argv[i];
        }
    }
    (void)first;
    if (nfiles == 0) {
        free(files);
        return qc_cli_usage_error("quotes", "no FILE given");
    }
    int status = QC_EXIT_OK;
    qc_quotes_report *rep = qc_quotes_report_begin(stdout, fmt);
    for (int i = 0; i < nfiles; i++) {
        const char *path = files[i];
        char *data = NULL;
        size_t len = 0;
        int rc = !strcmp(path, "-") ? qc_read_stdin(&data, &len)
                                    : qc_file_read(path, QC_FILE_MAX_DEFAULT, &data, &len);
        if (rc != 0) {
            fprintf(stderr, "quotecheck: %s\n", qc_error_last());
            status = QC_EXIT_ERROR;
            continue;
        }
        qc_text *text = qc_text_new(data, len);
        free(data);
        qc_prose *prose = qc_prose_parse(text->data, text->len, qc_format_from_path(path));
        qc_extraction *ex = qc_extract(text->data, text->len, prose);
        qc_quotes_report_file(rep, path, text, ex);
        qc_extraction_delete(ex);
        qc_prose_delete(prose);
        qc_text_delete(text);
    }
    qc_quotes_report_end(rep);
    free(files);
    return status;
}
