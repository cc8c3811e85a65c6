/*
 * parse/parse_internal.h — shared between the files of parse/ only.
 */
#ifndef QC_PARSE_INTERNAL_H
#define QC_PARSE_INTERNAL_H

#include "parse/parse.h"
#include "util/array.h"

typedef Array(qc_block) qc_block_array;

/* Append the paragraphs of plain text data[from..to) to out. */
void qc_plain_blocks(const char *data, size_t len, size_t from, size_t to, qc_block_array *out);

#endif
