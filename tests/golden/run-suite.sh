#!/usr/bin/env bash
# tests/golden/run-suite.sh — golden tests of `quotecheck check` (owned by
# the matching engineer). For each case in tests/golden/cases.tsv runs
#   $QC_BIN check --no-config --no-cache --format json --sources DIR DRAFT
# normalises the report (normalize.py: line, code, severity, speaker, first
# fix, evidence files) and compares it with tests/golden/expected/NAME.json.
# Prints PASS name / FAIL name (with the differences) / SKIP name.
#   --update   rewrite the expected files from the current output
set -u
cd "$(dirname "$0")/../.."
QC_BIN="${QC_BIN:-bin/quotecheck}"
SEEDS="${QC_SHARED:-$PWD/../shared}/seeds"
update=0
[ "${1:-}" = "--update" ] && update=1
here=tests/golden
if [ ! -x "$QC_BIN" ]; then
  echo "SKIP golden (no binary $QC_BIN)"; exit 0
fi
if ! "$QC_BIN" check --help >/dev/null 2>&1; then
  echo "SKIP golden (no check command yet)"; exit 0
fi
if ! command -v python3 >/dev/null; then
  echo "SKIP golden (no python3)"; exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
status=0
while IFS=$'\t' read -r name sources draft; do
  case "$name" in ''|'#'*) continue ;; esac
  sources=${sources//\$SEEDS/$SEEDS}
  if [ ! -d "$sources" ]; then echo "SKIP golden:$name (no $sources)"; continue; fi
  "$QC_BIN" check --no-config --no-cache --format json --sources "$sources" "$draft" \
      >"$tmp/out.json" 2>"$tmp/err"
  rc=$?
  if [ "$rc" -gt 1 ] || ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/out.json" 2>/dev/null; then
    echo "FAIL golden:$name (exit $rc)"; sed 's/^/  /' "$tmp/err" | head -5; status=1; continue
  fi
  exp="$here/expected/$name.json"
  if [ "$update" = 1 ]; then
    python3 "$here/normalize.py" <"$tmp/out.json" >"$exp"
    echo "PASS golden:$name (updated)"
    continue
  fi
  if [ ! -f "$exp" ]; then echo "FAIL golden:$name (no $exp; run with --update)"; status=1; continue; fi
  if python3 "$here/normalize.py" --compare "$exp" <"$tmp/out.json" >"$tmp/diff"; then
    echo "PASS golden:$name"
  else
    echo "FAIL golden:$name"; cat "$tmp/diff"; status=1
  fi
done <"$here/cases.tsv"

# drafts with injected mistakes (tests/golden/*/eval): no false alarm, and
# at least the share of mistakes caught that was last measured, less a
# margin (see the README there)
BIN_ABS=$(cd "$(dirname "$QC_BIN")" && pwd)/$(basename "$QC_BIN")
for set in seeds:0.88 wikinews:0.86; do
  name=${set%%:*}
  if QC_GATE_CAUGHT=${set#*:} QC_GATE_FALSE=0 bash "$here/$name/eval/score.sh" "$BIN_ABS" >"$tmp/eval" 2>&1; then
    if grep -q '^SKIP' "$tmp/eval"; then echo "SKIP golden:eval-$name ($(head -1 "$tmp/eval"))"
    else echo "PASS golden:eval-$name ($(grep '^TOTAL' "$tmp/eval" | cut -c1-90))"; fi
  else
    echo "FAIL golden:eval-$name"; sed 's/^/  /' "$tmp/eval" | grep -v ' false alarms 0$' | head -30
  fi
done
exit 0
