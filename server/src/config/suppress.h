/*
 * config/suppress.h — inline suppression comments in drafts. Owned by the
 * config module (suppress.c).
 *
 *     <!-- quotecheck-disable-next-line altered-quote, weak-source -->
 *     <!-- quotecheck-disable-line figure-mismatch -->   (at a line's end)
 *     <!-- quotecheck-disable unsourced-quote -->  …  <!-- quotecheck-enable -->
 *
 * Rules, as implemented by qc_suppress_scan / qc_suppress_covers:
 *   - A directive is an HTML comment whose text, after optional
 *     whitespace, starts with "quotecheck-". Codes follow, separated by
 *     commas and/or whitespace (the comment may span lines); a "--" token
 *     ends the codes and starts a free-text reason. No codes = every code.
 *     The same comments work in plain-text drafts (they are just text).
 *   - disable-next-line: the next non-blank line after the line the comment
 *     ends on; lines holding only other quotecheck comments are skipped too,
 *     so stacked directives all apply to the same line.
 *   - disable-line: the line on which the comment starts.
 *   - disable … enable: a region from the disable comment to the next
 *     enable comment that re-enables those codes, or to the end of the
 *     draft. "enable" with no codes re-enables everything; with codes, only
 *     those (a region disabling every code and then "enable weak-source"
 *     keeps the rest disabled). An enable without a disable does nothing.
 *   - A finding is suppressed when its start byte lies on a suppressed line
 *     or inside a disabled region, for its code.
 *   - Unknown codes and unknown directives are not fatal: each gives a
 *     warning (with its position) and is ignored. A directive whose codes
 *     are all unknown suppresses nothing (it never widens to "all").
 *   - Markdown only (QC_FORMAT_MARKDOWN): comments inside fenced code
 *     blocks (``` or ~~~, up to 3 spaces of indent, CommonMark closing
 *     rules, unclosed = to the end) and inside code spans on one line
 *     (`<!-- … -->`) are examples, not directives, and are ignored. Fences
 *     inside block quotes or list items and indented code blocks are not
 *     recognised (comments there still count). Plain text ignores nothing.
 *
 * A qc_suppress owns all it holds; qc_suppress_free releases it (accepts
 * NULL). Rebuild it after every edit (scanning is one linear pass).
 */
#ifndef QC_CONFIG_SUPPRESS_H
#define QC_CONFIG_SUPPRESS_H

#include <stddef.h>
#include <stdbool.h>

#include "match/match.h"
#include "parse/parse.h"
#include "util/arena.h"

/* Bit (1u << code) set for each code the range suppresses. */
typedef struct qc_suppress_range {
    size_t start, end;       /* draft bytes, end exclusive */
    unsigned codes;
} qc_suppress_range;

typedef struct qc_suppress_warning {
    size_t start, end;       /* the offending word in the draft */
    size_t line, column;     /* 1-based; column in code points */
    const char *message;     /* "unknown code 'altered-quotes' in quotecheck comment (valid: …)" */
} qc_suppress_warning;

typedef struct qc_suppress {
    qc_suppress_range *lines;     /* suppressed lines (line bytes incl. "\n") */
    size_t nlines;
    qc_suppress_range *regions;   /* disabled regions, in document order */
    size_t nregions;
    qc_suppress_warning *warnings;
    size_t nwarnings;
    qc_arena arena;               /* warning messages */
} qc_suppress;

#define QC_SUPPRESS_ALL ((1u << QC_CODE_COUNT) - 1u)

/* Find the suppression comments of a draft. Never fails (returns 0); *out
 * is a new qc_suppress, empty when the draft has no directives. */
int qc_suppress_scan(const char *data, size_t len, qc_format fmt, qc_suppress **out);

/* Whether a finding of `code` at draft bytes [start, end) is suppressed
 * (self may be NULL: nothing is). Only start decides; end is for callers'
 * symmetry and future rules. */
bool qc_suppress_covers(const qc_suppress *self, qc_code code, size_t start, size_t end);

void qc_suppress_free(qc_suppress *self);   /* accepts NULL */

#endif
