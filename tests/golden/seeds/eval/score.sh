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
SEEDS="${QC_SHARED:-$(cd ../../../.. && pwd)/../shared}/seeds"
[ -d "$SEEDS" ] || { echo "SKIP eval (no $SEEDS)"; exit 0; }
for d in e*.md; do
  "$BIN" check --no-config --no-cache --format json --sources "$SEEDS" "$d" 2>/dev/null |
    python3 -c '
import json, sys
exp = {}
for l in open(sys.argv[1]):
    p = l.split(None, 2)
    if len(p) >= 2 and p[0].isdigit():
        exp[int(p[0])] = p[1].split("|")
rep = json.load(sys.stdin)
found = {}
for f in rep["files"]:
    for d in f["diagnostics"]:
        if d["severity"] in ("error", "warning"):
            found.setdefault(d["range"]["start"]["line"], []).append(d["code"])
caught = sum(1 for l in exp if l in found)
exact = sum(1 for l, c in exp.items() if any(x in c for x in found.get(l, [])))
false = [(l, c) for l, cs in found.items() for c in cs if l not in exp]
print(f"{sys.argv[1]}: injected {len(exp)} caught {caught} (right code {exact}) false alarms {len(false)}"
      + "".join(f"\n  missed line {l} {exp[l]}" for l in exp if l not in found)
      + "".join(f"\n  false alarm line {l} {c}" for l, c in false))
' "${d%.md}.expected"
done
