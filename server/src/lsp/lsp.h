/*
 * lsp/lsp.h — the language server's public face: one call that serves the
 * Language Server Protocol 3.17 over a pair of file descriptors (stdio).
 *
 * Owned by the lsp module. Everything the server allocates is released
 * before qc_lsp_serve returns; the options are only read.
 */
#ifndef QC_LSP_LSP_H
#define QC_LSP_LSP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct qc_lsp_options {
    int debounce_ms;          /* delay after the last change before checking; < 0: default 150 */
    size_t max_message;       /* bodies over this are skipped; 0: default 64 MiB */
    const char **corpus_dirs; /* --corpus overrides (may be NULL) */
    size_t ncorpus_dirs;
    const char *config_path;  /* --config override (may be NULL) */
    bool verbose;             /* log every message to stderr */
} qc_lsp_options;

/* Serve until `exit` or EOF. Returns the process exit code: 0 when
 * `shutdown` came before `exit` (or before EOF), 1 otherwise. */
int qc_lsp_serve(int in_fd, int out_fd, const qc_lsp_options *opts);

#endif
