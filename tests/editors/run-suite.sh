#!/usr/bin/env bash
# tests/editors/run-suite.sh — Neovim headless end-to-end test of
# `quotecheck lsp` (tests/editors/nvim-e2e.lua), then the editor clients of
# editors/: the Neovim plugin (nvim-plugin.sh) and the VS Code extension
# (vscode-extension.sh: packaging, manifest, protocol). Prints
# PASS/FAIL/SKIP lines. Owned by the lsp module (nvim-e2e) and the editors
# work (the rest). Binary: $QC_BIN.
set -u
cd "$(dirname "$0")/../.."
QC_BIN="${QC_BIN:-bin/quotecheck}"
case "$QC_BIN" in /*) ;; *) QC_BIN="$PWD/$QC_BIN" ;; esac
export QC_BIN
status=0
# the editor clients, after the e2e test below (whatever its outcome)
run_clients() {
  bash tests/editors/nvim-plugin.sh || status=1
  bash tests/editors/vscode-extension.sh || status=1
  exit $status
}
if ! command -v nvim >/dev/null 2>&1; then echo "SKIP nvim-e2e: nvim is not installed (.ci/deps editors)"; run_clients; fi
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
fi
[ "$rc" -eq 0 ] || status=1
run_clients
