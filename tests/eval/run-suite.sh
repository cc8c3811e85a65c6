#!/usr/bin/env bash
# tests/eval/run-suite.sh — extraction accuracy gates, run by tests/run.sh.
# Prints "PASS name" / "FAIL name" / "SKIP name" lines and, indented, the
# figures. The full report (every miss and wrong speaker) goes to a file in
# $TMPDIR whose path is printed; run tests/eval/score.py --verbose for more.
#
# Gates:
#   eval-seeds          every seed quote found, every speaker right
#   eval-seeds-notquotes  no name in quotation marks ("Martyr Soleimani")
#                       reported as a quote
#   eval-wikinews       recall >= 0.95, named speaker >= 0.80 (raise them as the
#                       extractor improves; set QC_EVAL_WN_RECALL /
#                       QC_EVAL_WN_SPEAKER to try higher ones)
set -u
cd "$(dirname "$0")/../.."
QC_BIN="${QC_BIN:-bin/quotecheck}"
QC_SHARED="${QC_SHARED:-$PWD/../shared}"
WN_RECALL="${QC_EVAL_WN_RECALL:-0.95}"
WN_SPEAKER="${QC_EVAL_WN_SPEAKER:-0.92}"
PY=$(command -v python3 || true)

if [ -z "$PY" ]; then
  echo "SKIP eval-seeds (python3 not found)"; echo "SKIP eval-wikinews (python3 not found)"; exit 0
fi
if [ ! -d "$QC_SHARED" ]; then
  echo "SKIP eval-seeds (../shared absent)"
  echo "SKIP eval-seeds-notquotes (../shared absent)"
  echo "SKIP eval-wikinews (../shared absent)"
  exit 0
fi
if [ ! -x "$QC_BIN" ]; then
  echo "FAIL eval-seeds (binary $QC_BIN not built)"; exit 0
fi

log_dir="${TMPDIR:-/tmp}"
run() { # name logfile args...
  local name=$1 log=$2; shift 2
  "$PY" tests/eval/score.py --bin "$QC_BIN" --shared "$QC_SHARED" "$@" >"$log" 2>&1
  local rc=$?
  grep -E '^(== |  (recall|precision|speaker|kind|not-quotes|ERROR) )' "$log" | sed 's/^/  /'
  grep -E '^SKIP ' "$log" && { echo "SKIP $name"; return; }
  case $rc in
    0) echo "PASS $name" ;;
    1) grep '^GATE FAILED' "$log" | sed 's/^/  /'; echo "FAIL $name (full report: $log)" ;;
    *) tail -3 "$log" | sed 's/^/  /'; echo "FAIL $name (error $rc; full report: $log)" ;;
  esac
}

seeds_log="$log_dir/qc-eval-seeds.$$.log"
run eval-seeds "$seeds_log" --set seeds --min-recall 1.0 --min-speaker 1.0
if [ -f "$seeds_log" ] && grep -q '^  not-quotes' "$seeds_log"; then
  if grep -q '^    NOT-A-QUOTE' "$seeds_log"; then
    grep '^    NOT-A-QUOTE' "$seeds_log" | sed 's/^  //'
    echo "FAIL eval-seeds-notquotes"
  else
    echo "PASS eval-seeds-notquotes"
  fi
else
  echo "SKIP eval-seeds-notquotes"
fi
run eval-wikinews "$log_dir/qc-eval-wikinews.$$.log" --set wikinews \
  --min-recall "$WN_RECALL" --min-speaker "$WN_SPEAKER"
exit 0
