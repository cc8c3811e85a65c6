#!/usr/bin/env bash
# tests/editors/run-suite.sh — Neovim headless end-to-end test of
# `quotecheck lsp` (tests/editors/nvim-e2e.lua). Prints PASS/FAIL/SKIP
# lines. Owned by the lsp module. Binary: $QC_BIN.
set -u
cd "$(dirname "$0")/../.."
QC_BIN="${QC_BIN:-bin/quotecheck}"
case "$QC_BIN" in /*) ;; *) QC_BIN="$PWD/$QC_BIN" ;; esac
export QC_BIN
if ! command -v nvim >/dev/null 2>&1; then echo "SKIP nvim-e2e: nvim is not installed (.ci/deps editors)"; exit 0; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/ws"
cp -r fixtures/corpus "$tmp/ws/corpus"
draft=fixtures/drafts/mistakes.md
[ -f "$draft" ] || draft=fixtures/drafts/clean.md
cp "$draft" "$tmp/ws/draft.md"
export QC_NVIM_OUT="$tmp/out.txt" QC_NVIM_ROOT="$tmp/ws" QC_NVIM_DRAFT="$tmp/ws/draft.md"
export QC_CACHE_DIR="$tmp/cache" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/xcache"
timeout 120 nvim --headless --clean -u tests/editors/minimal_init.lua -S tests/editors/nvim-e2e.lua >"$tmp/nvim.log" 2>&1
rc=$?
if [ -s "$QC_NVIM_OUT" ]; then cat "$QC_NVIM_OUT"; fi
if [ "$rc" -ne 0 ] && ! grep -q '^FAIL ' "$QC_NVIM_OUT" 2>/dev/null; then
  echo "FAIL nvim-e2e: nvim exited $rc"; tail -20 "$tmp/nvim.log"
  exit 1
fi
[ "$rc" -eq 0 ]
