#!/usr/bin/env bash
# tests/editors/vscode-extension.sh — the VS Code extension: packages it
# with editors/vscode/build.sh (npm ci, tsc, esbuild, vsce) into a
# temporary .vsix, then runs vscode-manifest.js (the .vsix contents and
# package.json against the server and the extension source) and
# vscode-protocol.js (the server driven with the extension's protocol
# library and settings). Prints PASS/FAIL/SKIP lines. Binary: $QC_BIN.
set -u
cd "$(dirname "$0")/../.."
QC_BIN="${QC_BIN:-bin/quotecheck}"
case "$QC_BIN" in /*) ;; *) QC_BIN="$PWD/$QC_BIN" ;; esac
export QC_BIN
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "SKIP vscode-extension: node and npm are needed"; exit 0
fi
if [ ! -x "$QC_BIN" ]; then echo "FAIL vscode-extension: $QC_BIN not built"; exit 1; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export QC_VSIX="$tmp/quotecheck.vsix"
if QC_VSIX_OUT="$QC_VSIX" bash editors/vscode/build.sh >"$tmp/build.log" 2>&1 && [ -s "$QC_VSIX" ]; then
  echo "PASS vscode-build-vsix"
else
  echo "FAIL vscode-build-vsix: editors/vscode/build.sh failed"; tail -20 "$tmp/build.log" | sed 's/^/  /'
  exit 1
fi
rc=0
node tests/editors/vscode-manifest.js || rc=1
QC_CACHE_DIR="$tmp/cache" timeout 300 node tests/editors/vscode-protocol.js || rc=1
exit $rc
