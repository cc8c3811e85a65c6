/*
 * util/file.c — safe whole-file reads and atomic writes (see file.h).
 */
#include "util/file.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void qc_line_col(const char *data, size_t pos, size_t *line, size_t *col)
{
    size_t l = 1, line_start = 0;
    for (size_t i = 0; i < pos; i++)
        if (data[i] == '\n') {
            l++;
            line_start = i + 1;
        }
    *line = l;
    *col = qc_utf8_count(data + line_start, pos - line_start) + 1;
}

int qc_text_check(const char *name, const char *data, size_t len)
{
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        size_t line, col;
        qc_line_col(data, (size_t)(nul - data), &line, &col);
        qc_error_set("%s:%zu:%zu: binary file (NUL byte at offset %zu); skipped",
                     name, line, col, (size_t)(nul - data));
        return QC_EBINARY;
    }
    size_t bad = qc_utf8_validate(data, len);
    if (bad != (size_t)-1) {
        size_t line, col;
        qc_line_col(data, bad, &line, &col);
        qc_error_set("%s:%zu:%zu: invalid UTF-8 (byte 0x%02x at offset %zu); skipped",
                     name, line, col, (unsigned char)data[bad], bad);
        return QC_EINVAL;
    }
    return QC_OK;
}

int qc_file_read(const char *path, size_t max_size, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        qc_error_set("%s: cannot open: %s", path, strerror(errno));
        return QC_EIO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        qc_error_set("%s: not a regular file", path);
        close(fd);
        return QC_EIO;
    }
    if ((size_t)st.st_size > max_size) {
        qc_error_set("%s: file is %lld bytes, over the limit of %zu bytes; skipped",
                     path, (long long)st.st_size, max_size);
        close(fd);
        return QC_ETOOBIG;
    }
    size_t cap = (size_t)st.st_size + 1, len = 0;
    char *buf = qc_malloc(cap);
    for (;;) {
        if (len + 1 >= cap) {
            if (len > max_size) {
                qc_error_set("%s: over the limit of %zu bytes; skipped", path, max_size);
                free(buf);
                close(fd);
                return QC_ETOOBIG;
            }
            cap *= 2;
            buf = qc_realloc(buf, cap);
        }
        ssize_t r = read(fd, buf + len, cap - len - 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            qc_error_set("%s: read error: %s", path, strerror(errno));
            free(buf);
            close(fd);
            return QC_EIO;
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    close(fd);
    if (len > max_size) {
        qc_error_set("%s: over the limit of %zu bytes; skipped", path, max_size);
        free(buf);
        return QC_ETOOBIG;
    }
    buf[len] = '\0';
    int rc = qc_text_check(path, buf, len);
    if (rc != QC_OK) {
        free(buf);
        return rc;
    }
    *out = buf;
    *out_len = len;
    return QC_OK;
}

int qc_file_write_atomic(const char *path, const void *data, size_t len)
{
    size_t n = strlen(path);
    char *tmp = qc_malloc(n + 32);
    snprintf(tmp, n + 32, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        qc_error_set("%s: cannot write: %s", tmp, strerror(errno));
        free(tmp);
        return QC_EIO;
    }
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            qc_error_set("%s: write error: %s", tmp, strerror(errno));
            close(fd);
            unlink(tmp);
            free(tmp);
            return QC_EIO;
        }
        p += w;
        left -= (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
        qc_error_set("%s: cannot save: %s", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return QC_EIO;
    }
    free(tmp);
    return QC_OK;
}
