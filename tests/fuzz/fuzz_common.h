/*
 * tests/fuzz/fuzz_common.h — helpers shared by the libFuzzer harnesses
 * (fuzz_<name>.c) and the plain replay driver (replay.c).
 *
 * Owned by the fuzz tests. A harness defines LLVMFuzzerTestOneInput and
 * never writes outside the temporary folder it makes with qc_fuzz_tmpdir()
 * (removed at exit). Invariant failures call QC_FUZZ_CHECK, which prints the
 * condition and aborts, so libFuzzer (and replay) report them as crashes.
 */
#ifndef QC_FUZZ_COMMON_H
#define QC_FUZZ_COMMON_H

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#define QC_FUZZ_CHECK(cond)                                                                   \
    do {                                                                                      \
        if (!(cond)) {                                                                        \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);      \
            abort();                                                                          \
        }                                                                                     \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char qc_fuzz_tmp[256];

static void qc_fuzz_rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d))) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                char sub[4096];
                snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
                qc_fuzz_rm_rf(sub);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static void qc_fuzz_cleanup(void)
{
    if (qc_fuzz_tmp[0] && getpid() == (pid_t)atol(strrchr(qc_fuzz_tmp, '.') + 1))
        qc_fuzz_rm_rf(qc_fuzz_tmp);
}

/* A private temporary folder, made once per process, removed at exit. */
static const char *qc_fuzz_tmpdir(const char *tag)
{
    if (!qc_fuzz_tmp[0]) {
        const char *base = getenv("TMPDIR");
        snprintf(qc_fuzz_tmp, sizeof qc_fuzz_tmp, "%s/qcfuzz-%s.%ld", base && *base ? base : "/tmp",
                 tag, (long)getpid());
        qc_fuzz_rm_rf(qc_fuzz_tmp);
        if (mkdir(qc_fuzz_tmp, 0700) != 0) {
            perror(qc_fuzz_tmp);
            abort();
        }
        atexit(qc_fuzz_cleanup);
    }
    return qc_fuzz_tmp;
}

/* Write a file (whole), with a fixed mtime when mtime_s > 0. */
static void qc_fuzz_write(const char *path, const void *data, size_t len, long mtime_s)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        abort();
    }
    if (len)
        fwrite(data, 1, len, f);
    fclose(f);
    if (mtime_s > 0) {
        struct timeval tv[2] = { { mtime_s, 0 }, { mtime_s, 0 } };
        utimes(path, tv);
    }
}

/* Is offset o on a UTF-8 character boundary of data[0..len)? */
static inline int qc_fuzz_boundary(const uint8_t *data, size_t len, size_t o)
{
    return o == 0 || o >= len || (data[o] & 0xC0) != 0x80;
}

#endif
