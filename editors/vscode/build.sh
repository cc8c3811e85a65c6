#!/usr/bin/env bash
# editors/vscode/build.sh — builds the VS Code extension: installs the
# pinned dependencies (package-lock.json, npm ci, no install scripts),
# type-checks, bundles src/ with esbuild into dist/extension.js and packages
# it with @vscode/vsce. Called by `make vsix`. Output: $QC_VSIX_OUT, by
# default build/quotecheck.vsix at the top of the repository.
# Needs node >= 20 and npm; the network only for the npm registry.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
out="${QC_VSIX_OUT:-$top/build/quotecheck.vsix}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
cd "$here"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
npx --no-install tsc --noEmit -p .
mkdir -p "$(dirname "$out")"
# vsce runs the vscode:prepublish script (the same bundle) before packaging
npx --no-install vsce package --no-dependencies -o "$out"
echo "vsix: $out"
