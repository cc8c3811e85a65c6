#!/usr/bin/env bash
# tests/editors/nvim-plugin.sh — runs tests/editors/nvim-plugin.lua: Debian's
# Neovim (0.7+) headless with the editors/nvim plugin set up as a user
# would, on a copy of fixtures/drafts/mistakes.md under a folder whose
# .quotecheck.json names a copy of fixtures/corpus. Prints PASS/FAIL/SKIP
# lines. Binary: $QC_BIN.
set -u
cd "$(dirname "$0")/../.."
QC_BIN="${QC_BIN:-bin/quotecheck}"
case "$QC_BIN" in /*) ;; *) QC_BIN="$PWD/$QC_BIN" ;; esac
export QC_BIN QC_ROOT="$PWD"
if ! command -v nvim >/dev/null 2>&1; then echo "SKIP nvim-plugin: nvim is not installed (.ci/deps editors)"; exit 0; fi
if [ ! -x "$QC_BIN" ]; then echo "FAIL nvim-plugin: $QC_BIN not built"; exit 1; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ws="$tmp/ws"
mkdir -p "$ws/drafts"
cp -r fixtures/corpus "$ws/corpus"
printf '{ "sources": ["corpus"] }\n' > "$ws/.quotecheck.json"
cp fixtures/drafts/mistakes.md "$ws/drafts/mistakes.md"
printf '# Second\n\n"We had no warning at all," Orlik said.\n' > "$ws/drafts/second.md"
export QC_NVIM_OUT="$tmp/out.txt" QC_NVIM_ROOT="$ws" QC_NVIM_DRAFT="$ws/drafts/mistakes.md"
export QC_CACHE_DIR="$tmp/cache" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/xcache" XDG_CONFIG_HOME="$tmp/config"
( cd "$ws/drafts" && timeout 180 nvim --headless --clean -u "$QC_ROOT/tests/editors/nvim-plugin-init.lua" \
    -S "$QC_ROOT/tests/editors/nvim-plugin.lua" ) >"$tmp/nvim.log" 2>&1
rc=$?
[ -s "$QC_NVIM_OUT" ] && cat "$QC_NVIM_OUT"
if [ "$rc" -ne 0 ] && ! grep -q '^FAIL ' "$QC_NVIM_OUT" 2>/dev/null; then
  echo "FAIL nvim-plugin: nvim exited $rc"; tail -20 "$tmp/nvim.log"
  exit 1
fi
[ "$rc" -eq 0 ]
