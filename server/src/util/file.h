/*
 * util/file.h — reading user files safely.
 *
 * qc_file_read reads a whole file, refusing directories, files over the
 * size limit, binary files (NUL bytes) and invalid UTF-8, each with a
 * message naming the file and the byte position (via util/error.h). The
 * buffer returned in *out is malloc'd, NUL-terminated, and belongs to the
 * caller.
 */
#ifndef QC_UTIL_FILE_H
#define QC_UTIL_FILE_H

#include <stddef.h>

#define QC_FILE_MAX_DEFAULT (64u * 1024u * 1024u)

int qc_file_read(const char *path, size_t max_size, char **out, size_t *out_len);
/* Check an in-memory text: 0, or QC_EBINARY / QC_EINVAL with a message
 * naming `name` and the line:column of the first bad byte. */
int qc_text_check(const char *name, const char *data, size_t len);
/* Write atomically: temp file in the same folder, fsync, rename. */
int qc_file_write_atomic(const char *path, const void *data, size_t len);

#endif
