#!/usr/bin/env bash
# tests/demo.sh — what `make demo` shows after building: the quotations and
# speakers quotecheck finds in the bundled example draft.
set -u
bin=${1:-bin/quotecheck}
cd "$(dirname "$0")/.."
echo "== quotecheck quotes fixtures/drafts/mistakes.md"
"$bin" quotes fixtures/drafts/mistakes.md
exit 0
