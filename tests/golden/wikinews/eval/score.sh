#!/usr/bin/env bash
# tests/golden/wikinews/eval/score.sh — measurement on drafts written from
# real Wikinews articles, with injected mistakes, checked against ALL 295
# articles of ../shared/corpora/wikinews (so each draft's source has to be
# found among distractors). The drafts were written blind, before the checker
# was run on them. NAME.expected lists "LINE CODE[|CODE] note" per injected
# mistake. A mistake is caught when an error or warning is reported on its
# line (exact when its code is one of those listed); every other error or
# warning is a false alarm. Scoring is the same as ../../seeds/eval/score.sh.
# Usage: score.sh [QC_BIN [DRAFT.md...]]
set -u
cd "$(dirname "$0")"
BIN="${1:-${QC_BIN:-../../../../bin/quotecheck}}"
[ $# -gt 0 ] && shift
# the drafts to score (default: all)
DRAFTS=("$@")
[ ${#DRAFTS[@]} -gt 0 ] || DRAFTS=(w*.md)
SHARED="${QC_SHARED:-$(cd ../../../.. && pwd)/../shared}"
CORPUS="$SHARED/corpora/wikinews"
if [ ! -f "$CORPUS/wikinews_2019.csv" ] || [ ! -f "$CORPUS/wikinews_2020.csv" ]; then
  echo "SKIP wikinews eval (no $CORPUS)"; exit 0
fi
TMP="$(mktemp -d "${TMPDIR:-/tmp}/qc-wikinews-eval.XXXXXX")" || exit 2
trap 'rm -rf "$TMP"' EXIT
# Every article as NNN.md with YAML front matter; the text is written unchanged.
python3 - "$CORPUS" "$TMP" <<'PY' || exit 2
import csv, json, os, sys
csv.field_size_limit(1 << 30)
corpus, out = sys.argv[1], sys.argv[2]
n = 0
for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
    with open(os.path.join(corpus, name), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            one = lambda s: " ".join(s.split())
            head = ("---\noutlet: Wikinews\n"
                    f"url: {one(row['url'])}\n"
                    f"date: {one(row['date'])}\n"
                    # a JSON string is a valid YAML double-quoted scalar
                    f"title: {json.dumps(one(row['title']), ensure_ascii=False)}\n"
                    "---\n\n")
            with open(os.path.join(out, f"{n:03d}.md"), "w", encoding="utf-8", newline="") as g:
                g.write(head + row["text"])
            n += 1
if n != 295:
    print(f"note: {n} articles written (expected 295)", file=sys.stderr)
PY
python3 ../../score_drafts.py "$BIN" "$TMP" "${DRAFTS[@]}"
