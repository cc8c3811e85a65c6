#!/usr/bin/env bash
# tests/run.sh — runs every test suite and prints one closing line
# "tests: N passed, N failed". Called by `make test` and `make test-asan`
# with QC_BIN (the binary) and QC_BUILD (where unit tests were built).
#
# Suites, each counted as passed/failed per case:
#   unit    every cmocka binary in $QC_BUILD/tests/unit (one case per test function)
#   golden  tests/golden/run.sh (extraction and checking against expected JSON)
#   cli     tests/cli/*.sh (each script one case; exit 0 = pass, 77 = skip)
#   other   tests/*/run-suite.sh found later (lsp, editors, seeds, eval)
set -u
cd "$(dirname "$0")/.."
export QC_BIN="${QC_BIN:-bin/quotecheck}"
export QC_BUILD="${QC_BUILD:-build}"
export QC_ROOT="$PWD"
export QC_SHARED="${QC_SHARED:-$PWD/../shared}"
pass=0; fail=0; skip=0
failed=()

note() { printf '%s\n' "$*"; }

# unit tests: cmocka prints "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s)..."
for t in "$QC_BUILD"/tests/unit/*; do
  [ -x "$t" ] && [ -f "$t" ] || continue
  case "$t" in *.d) continue ;; esac
  out=$("$t" 2>&1); rc=$?
  p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
  f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
  p=${p:-0}; f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  pass=$((pass + p)); fail=$((fail + f))
  if [ "$f" -ne 0 ]; then failed+=("unit:$(basename "$t")"); printf '%s\n' "$out" | grep -v '^\[ \(RUN\|       OK\) ' ; fi
  note "unit $(basename "$t"): $p passed, $f failed"
done

# script suites: each prints lines "PASS name" / "FAIL name" / "SKIP name"
run_suite() {
  local name=$1; shift
  local out rc
  out=$("$@" 2>&1); rc=$?
  local p f s
  p=$(printf '%s\n' "$out" | grep -c '^PASS ')
  f=$(printf '%s\n' "$out" | grep -c '^FAIL ')
  s=$(printf '%s\n' "$out" | grep -c '^SKIP ')
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; printf '%s\n' "$out" | tail -20; fi
  pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
  printf '%s\n' "$out" | grep -E '^(FAIL|SKIP) |^  ' | head -60
  [ "$f" -ne 0 ] && failed+=("$name")
  note "$name: $p passed, $f failed, $s skipped"
}

for suite in tests/*/run-suite.sh; do
  [ -f "$suite" ] || continue
  run_suite "$(basename "$(dirname "$suite")")" bash "$suite"
done

if [ ${#failed[@]} -gt 0 ]; then note "failing: ${failed[*]}"; fi
echo "tests: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
