#!/usr/bin/env bash
# tests/hostile/run-suite.sh — hostile input (issue 7): invalid UTF-8, NUL
# bytes, a 200 MB draft, a 10-million-character line, tens of thousands of
# unbalanced and nested quotation marks, a binary / unreadable file and
# symlink loops in the corpus, a corpus folder vanishing mid-index, a
# truncated / tampered cache, concurrent indexing, and the language server
# fed bad Content-Length headers, a message one byte at a time, a client
# that disconnects mid-message, an object id, a 200 MB message and a
# 10-million-character line. One PASS/FAIL line per case (hostile.py).
# Binary: $QC_BIN. Temporary files under $TMPDIR only. Owned by the hostile tests.
set -u
cd "$(dirname "$0")/../.."
export QC_BIN="${QC_BIN:-bin/quotecheck}"
if [ ! -x "$QC_BIN" ]; then echo "FAIL hostile-binary: $QC_BIN not built"; exit 1; fi
if [ ! -x /usr/bin/time ]; then
  echo "SKIP hostile: /usr/bin/time is missing (apt-get install time)"; exit 0
fi
exec python3 tests/hostile/hostile.py "$@"
