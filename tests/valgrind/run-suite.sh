#!/usr/bin/env bash
# tests/valgrind/run-suite.sh — the cmocka unit binaries, a set of CLI runs
# (quotes, check in every format, audit, index, sources on the fixtures) and
# a short language-server session, each under valgrind memcheck
#   --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite
# one PASS/FAIL line each. Runs only with QC_VALGRIND=1 (CI sets it; it
# takes minutes); otherwise one SKIP line. Needs a build without
# sanitizers: $QC_BIN and $QC_BUILD as tests/run.sh sets them.
# Owned by the hostile tests.
set -u
cd "$(dirname "$0")/../.."
QC_BIN="${QC_BIN:-bin/quotecheck}"
QC_BUILD="${QC_BUILD:-build}"
if [ "${QC_VALGRIND:-0}" != 1 ]; then echo "SKIP valgrind: set QC_VALGRIND=1 to run (CI does)"; exit 0; fi
if [ "${QC_SANITIZE:-0}" = 1 ]; then echo "SKIP valgrind: not with a sanitizer build"; exit 0; fi
command -v valgrind >/dev/null || { echo "FAIL valgrind: valgrind is not installed (apt-get install valgrind)"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qc-valgrind-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export QC_CACHE_DIR="$tmp/cache" NO_COLOR=1
VG=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
    --show-leak-kinds=definite --num-callers=30 --track-fds=no)
status=0
vg() {   # vg NAME EXPECTED-EXITS CMD...   (EXPECTED-EXITS: e.g. "0 1")
  local name=$1 want=$2; shift 2
  local log="$tmp/$name.vg"
  "${VG[@]}" --log-file="$log" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null
  local rc=$?
  if [ $rc -eq 99 ] || [ -s "$log" ] || ! [[ " $want " == *" $rc "* ]]; then
    echo "FAIL valgrind-$name: exit $rc (expected $want)"
    { cat "$log"; tail -5 "$tmp/$name.err"; } | head -40 | sed 's/^/  /'
    status=1
  else
    echo "PASS valgrind-$name"
  fi
}
for t in "$QC_BUILD"/tests/unit/*; do
  [ -x "$t" ] && [ -f "$t" ] || continue
  case "$t" in *.d) continue ;; esac
  name="unit-$(basename "$t")"
  "${VG[@]}" --log-file="$tmp/$name.vg" "$t" >"$tmp/$name.out" 2>&1 </dev/null
  rc=$?
  if [ ! -s "$tmp/$name.vg" ] && [ $rc -eq 0 ]; then
    echo "PASS valgrind-$name"
  elif note=$(python3 tests/valgrind/vgcheck.py "$tmp/$name.vg" "$tmp/$name.out"); then
    echo "PASS valgrind-$name ($note)"
  else
    echo "FAIL valgrind-$name: exit $rc: $note"
    { cat "$tmp/$name.vg"; grep -E '^\[  (FAILED|ERROR)' "$tmp/$name.out"; } | head -40 | sed 's/^/  /'
    status=1
  fi
done
F=fixtures
D=("$F/drafts/mistakes.md" "$F/drafts/clean.md" "$F/drafts/plain.txt" "$F/drafts/suppressed.md")
vg quotes-text "0" "$QC_BIN" quotes "${D[@]}"
vg quotes-json "0" "$QC_BIN" quotes --format json "${D[@]}"
vg check-text "0 1" "$QC_BIN" check --sources "$F/corpus" -j 2 "${D[@]}"
vg check-json "0 1" "$QC_BIN" check --sources "$F/corpus" --format json "${D[@]}"
vg check-sarif "0 1" "$QC_BIN" check --sources "$F/corpus" --format sarif "${D[@]}"
vg check-github "0 1" "$QC_BIN" check --sources "$F/corpus" --format github "${D[@]}"
vg audit-json "0 1" "$QC_BIN" audit --sources "$F/corpus" --format json "$F/drafts"
vg audit-html "0 1" "$QC_BIN" audit --sources "$F/corpus" --format html -o "$tmp/audit.html" "$F/drafts"
vg index-build "0" "$QC_BIN" index --sources "$F/corpus"
vg index-cached "0" "$QC_BIN" index --sources "$F/corpus" --json
vg sources "0" "$QC_BIN" sources --sources "$F/corpus"
printf '"caf\xc3 x," he said\n' >"$tmp/bad.txt"
vg quotes-bad-utf8 "2" "$QC_BIN" quotes "$tmp/bad.txt" "$F/drafts/plain.txt"
# a short LSP session (tests/soak/soak.py with a few hundred edits) under valgrind
if python3 tests/soak/soak.py --bin "$QC_BIN" --edits 300 --every 100 --wrap "${VG[*]} --log-file=$tmp/lsp.vg" \
      --timeout 600 >"$tmp/lsp.out" 2>&1 && [ ! -s "$tmp/lsp.vg" ]; then
  echo "PASS valgrind-lsp-session ($(grep -o 'edits [0-9]*' "$tmp/lsp.out" | head -1))"
else
  echo "FAIL valgrind-lsp-session"; { cat "$tmp/lsp.vg"; tail -5 "$tmp/lsp.out"; } | head -40 | sed 's/^/  /'; status=1
fi
exit $status
