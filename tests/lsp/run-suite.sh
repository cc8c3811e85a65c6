#!/usr/bin/env bash
# tests/lsp/run-suite.sh — protocol tests of `quotecheck lsp` through a
# real client library (vscode-jsonrpc + vscode-languageserver-protocol,
# pinned in package-lock.json, installed here with npm ci). Prints
# PASS/FAIL/SKIP lines. Owned by the lsp module. Binary: $QC_BIN.
set -u
cd "$(dirname "$0")"
export QC_BIN="${QC_BIN:-bin/quotecheck}"
case "$QC_BIN" in /*) ;; *) QC_BIN="$(cd ../.. && pwd)/$QC_BIN" ;; esac
if [ ! -x "$QC_BIN" ]; then echo "FAIL lsp-binary: $QC_BIN not built"; exit 1; fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null 2>&1 || {
    echo "FAIL lsp-npm-ci: npm ci failed in tests/lsp"; exit 1; }
fi
exec node session.js
