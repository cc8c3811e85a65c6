/*
 * parse/plain.c — prose blocks of plain text.
 *
 * A plain-text file is one paragraph per line or one per blank-line block,
 * whichever the file uses: if the file has blank lines and some run of two
 * or more consecutive non-blank lines (hard-wrapped paragraphs), blank
 * lines separate paragraphs; otherwise every non-blank line is a paragraph
 * (as in the seed articles, which have no blank lines). Nothing is masked.
 */
#include "parse/parse_internal.h"
#include "util/alloc.h"

#include <string.h>

static bool qc_line_blank(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

void qc_plain_blocks(const char *data, size_t len, size_t from, size_t to, qc_block_array *out)
{
    /* pass 1: does the text wrap paragraphs over several lines? */
    bool wrapped = false, any_blank = false;
    size_t run = 0;
    for (size_t i = from; i < to;) {
        size_t e = i;
        while (e < to && data[e] != '\n')
            e++;
        if (qc_line_blank(data, i, e)) {
            run = 0;
            if (e < to)
                any_blank = true;
        } else if (++run >= 2) {
            wrapped = true;
        }
        if (wrapped && any_blank)
            break;
        i = e + 1;
    }
    bool multi = wrapped && any_blank;
    /* pass 2: emit blocks */
    size_t bstart = (size_t)-1, bend = 0;
    for (size_t i = from; i < to;) {
        size_t e = i;
        while (e < to && data[e] != '\n')
            e++;
        size_t le = e;
        while (le > i && (data[le - 1] == '\r' || data[le - 1] == ' ' || data[le - 1] == '\t'))
            le--;
        bool blank = qc_line_blank(data, i, e);
        if (!blank) {
            size_t ls = i;
            while (ls < le && (data[ls] == ' ' || data[ls] == '\t'))
                ls++;
            if (!multi) {
                qc_block b = { ls, le, QC_BLOCK_PARAGRAPH };
                array_push(out, b);
            } else {
                if (bstart == (size_t)-1)
                    bstart = ls;
                bend = le;
            }
        } else if (multi && bstart != (size_t)-1) {
            qc_block b = { bstart, bend, QC_BLOCK_PARAGRAPH };
            array_push(out, b);
            bstart = (size_t)-1;
        }
        i = e + 1;
    }
    if (multi && bstart != (size_t)-1) {
        qc_block b = { bstart, bend, QC_BLOCK_PARAGRAPH };
        array_push(out, b);
    }
}
