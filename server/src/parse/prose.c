/*
 * parse/prose.c — qc_prose construction (temporary: plain text only; the
 * Markdown path lands with the tree-sitter parser).
 */
#include "parse/parse_internal.h"
#include "util/alloc.h"

#include <string.h>
#include <strings.h>

qc_format qc_format_from_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot && (!strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown") ||
                !strcasecmp(dot, ".mdown") || !strcasecmp(dot, ".mkd")))
        return QC_FORMAT_MARKDOWN;
    return QC_FORMAT_PLAIN;
}

qc_prose *qc_prose_parse(const char *data, size_t len, qc_format fmt)
{
    (void)fmt;
    qc_prose *p = qc_calloc(1, sizeof *p);
    p->mask = qc_strndup(data, len);
    p->len = len;
    qc_block_array blocks = ARRAY_INIT;
    qc_plain_blocks(data, len, 0, len, &blocks);
    p->blocks = blocks.items;
    p->nblocks = blocks.len;
    return p;
}

void qc_prose_delete(qc_prose *self)
{
    if (!self)
        return;
    free(self->mask);
    free(self->blocks);
    free(self);
}
