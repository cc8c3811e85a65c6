#!/usr/bin/env bash
# tests/demo.sh — what `make demo` shows after building: `quotecheck quotes`
# and `quotecheck check` on the bundled fixtures (an invented dam failure,
# fixtures/README.md): first the quotations and figures found in a draft,
# then a correct draft checked clean, then the draft with mistakes checked
# against fixtures/corpus/. Colour on a terminal. Always exits 0 when the
# commands ran (check exits 1 on the mistakes: that is the point), 2 if the
# binary is missing or a command failed to run. Owned by the check/audit work.
#   usage: bash tests/demo.sh [BIN]
set -u
cd "$(dirname "$0")/.."
BIN="${1:-bin/quotecheck}"
if [ ! -x "$BIN" ]; then echo "demo: $BIN is not built (run make)" >&2; exit 2; fi
if [ -t 1 ]; then B=$'\033[1m'; D=$'\033[2m'; R=$'\033[0m'; COLOR=always; else B=; D=; R=; COLOR=never; fi
# keep the demo's corpus index out of the user's cache
export QC_CACHE_DIR="${QC_CACHE_DIR:-$(mktemp -d)/cache}"

step() { printf '\n%s== %s ==%s\n%s$ %s%s\n' "$B" "$1" "$R" "$D" "$2" "$R"; }
fail=0
run() {   # run CMD...; exit codes 0 and 1 are fine, anything else is a failure
  "$@"; local rc=$?
  [ "$rc" -le 1 ] || { echo "demo: '$*' exited $rc" >&2; fail=1; }
  printf '%s(exit %d)%s\n' "$D" "$rc" "$R"
}

step "Quotations and figures in a draft" "quotecheck quotes fixtures/drafts/mistakes.md"
run "$BIN" quotes fixtures/drafts/mistakes.md

step "A correct draft: no errors" "quotecheck check --sources fixtures/corpus fixtures/drafts/clean.md"
run "$BIN" check --color "$COLOR" --sources fixtures/corpus fixtures/drafts/clean.md

step "A draft with mistakes (fixtures/drafts/EXPECTED.md lists them)" \
     "quotecheck check --sources fixtures/corpus fixtures/drafts/mistakes.md"
run "$BIN" check --color "$COLOR" --sources fixtures/corpus fixtures/drafts/mistakes.md

step "Inline suppression comments" "quotecheck check --sources fixtures/corpus fixtures/drafts/suppressed.md"
run "$BIN" check --color "$COLOR" --sources fixtures/corpus fixtures/drafts/suppressed.md

printf '\n%sMore:%s quotecheck check --format json|sarif FILE, quotecheck audit --format html DIR > report.html\n' "$B" "$R"
exit $((fail * 2))
