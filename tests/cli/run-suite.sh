#!/usr/bin/env bash
# tests/cli/run-suite.sh — end-to-end tests of `quotecheck check` and
# `quotecheck audit` (help, exit codes, formats, config discovery,
# suppression, parallel audit, HTML report). Prints PASS/FAIL/SKIP lines.
# Owned by the check/audit work. Binary: $QC_BIN (default bin/quotecheck).
# Cases that need real findings print "SKIP name: waiting for qc_check"
# while match/check.c is a stub.
set -u
cd "$(dirname "$0")/../.."
export QC_BIN="${QC_BIN:-bin/quotecheck}"
case "$QC_BIN" in /*) ;; *) QC_BIN="$PWD/$QC_BIN" ;; esac
if [ ! -x "$QC_BIN" ]; then echo "FAIL cli-binary: $QC_BIN not built"; exit 1; fi
if ! command -v python3 >/dev/null 2>&1; then echo "SKIP cli: python3 not installed"; exit 0; fi
exec python3 tests/cli/test_cli.py
