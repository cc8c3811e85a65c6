#!/usr/bin/env bash
# tests/golden/seeds/eval/score.sh — measurement on drafts with injected
# mistakes against the seed articles (owned by the matching engineer). These
# drafts were written after the checker's rules were fixed and were not used
# to tune them. NAME.expected lists "LINE CODE[|CODE] note" per injected
# mistake. A mistake is caught when an error or warning is reported on its
# line (exact when its code is one of those listed); every other error or
# warning is a false alarm. Usage: score.sh [QC_BIN]
set -u
cd "$(dirname "$0")"
BIN="${1:-${QC_BIN:-../../../../bin/quotecheck}}"
[ $# -gt 0 ] && shift
# the drafts to score (default: all)
DRAFTS=("$@")
[ ${#DRAFTS[@]} -gt 0 ] || DRAFTS=(e*.md)
SEEDS="${QC_SHARED:-$(cd ../../../.. && pwd)/../shared}/seeds"
[ -d "$SEEDS" ] || { echo "SKIP eval (no $SEEDS)"; exit 0; }
python3 ../../score_drafts.py "$BIN" "$SEEDS" "${DRAFTS[@]}"
