#!/usr/bin/env bash
# bench/run.sh BIN — what `make bench` runs (see bench/README.md).
#
# Generates (once) a corpus of QC_BENCH_ARTICLES articles (default 100000)
# and QC_BENCH_DRAFTS drafts (default 200) under bench/out/, then measures:
# index build (no cache), cached cold start, per-draft check latency
# (in-process and one process per draft), audit throughput, the ripgrep
# baseline, and the language server's didChange -> diagnostics latency and
# memory (tests/lsp/bench.js). Prints a table and writes
# bench/out/results.{json,md}. Everything generated stays in bench/out/
# (git-ignored).
#
# Environment:
#   QC_BENCH_ARTICLES   corpus size (100000)
#   QC_BENCH_DRAFTS     drafts (200)
#   QC_BENCH_CHECK_PROCS  drafts checked one `check` process each (50)
#   QC_BENCH_RG_DRAFTS  drafts for the ripgrep baseline (50; each reads the whole corpus)
#   QC_BENCH_EDITS      LSP session length (10000)
#   QC_BENCH_LSP_SECONDS  time budget of the LSP session (300): fewer edits
#                       are run when 10,000 would take longer (reported)
#   QC_BENCH_JOBS       audit -j (2)
#   QC_BENCH_LAT_DRAFTS drafts timed in-process (60)
#   QC_BENCH_STEP_SECONDS  budget of the per-process check and audit steps (120):
#                       fewer samples when exceeded
#   QC_BENCH_TIMEOUT    a single command taking longer is killed and its step
#                       reported as HUNG (180)
#   QC_BENCH_SKIP       space-separated steps to skip: index check procs audit rg lsp
set -euo pipefail

BIN=${1:-bin/quotecheck}
cd "$(dirname "$0")/.."
ROOT=$PWD
N=${QC_BENCH_ARTICLES:-100000}
NDRAFTS=${QC_BENCH_DRAFTS:-200}
NPROCS=${QC_BENCH_CHECK_PROCS:-50}
NRG=${QC_BENCH_RG_DRAFTS:-50}
EDITS=${QC_BENCH_EDITS:-10000}
LSP_BUDGET=${QC_BENCH_LSP_SECONDS:-300}
JOBS=${QC_BENCH_JOBS:-2}
SKIP=" ${QC_BENCH_SKIP:-} "
OUT=$ROOT/bench/out
CORPUS=$OUT/corpus-$N
WORK=$OUT/work-$N
CACHE=$OUT/cache
RAW=$OUT/raw
export QC_CACHE_DIR=$CACHE
skip() { [[ "$SKIP" == *" $1 "* ]]; }
say() { printf 'bench: %s\n' "$*" >&2; }
T0=$(date +%s)

[ -x "$BIN" ] || { echo "bench: $BIN not found; run make first" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

# --- what is missing ---------------------------------------------------------
need_pkgs=()
[ -x /usr/bin/time ] || need_pkgs+=(time)
command -v rg >/dev/null 2>&1 || need_pkgs+=(ripgrep)
command -v python3 >/dev/null 2>&1 || need_pkgs+=(python3)
if [ ${#need_pkgs[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        say "installing ${need_pkgs[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null ||
            { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null; }
    else
        echo "bench: missing ${need_pkgs[*]}; as root: apt-get install ${need_pkgs[*]}" >&2
        exit 2
    fi
fi
if ! skip lsp && [ ! -d tests/lsp/node_modules/vscode-jsonrpc ]; then
    say "installing the LSP test driver's modules (npm ci in tests/lsp)"
    (cd tests/lsp && npm ci --no-audit --no-fund --loglevel=error) || SKIP="$SKIP lsp "
fi

mkdir -p "$OUT" "$RAW"
rm -f "$RAW"/*.json

# --- corpus and drafts (generated once per set of parameters) ------------------
gen_ok() {   # stamp file, key=value pairs that must match
    local f=$1; shift
    [ -f "$f" ] || return 1
    python3 - "$f" "$@" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
for kv in sys.argv[2:]:
    k, v = kv.split('=', 1)
    if str(s.get(k)) != v:
        sys.exit(1)
EOF
}
GEN_VERSION=$(sed -n 's/^GEN_VERSION = //p' bench/gen_corpus.py)
DRAFTS_VERSION=$(sed -n 's/^DRAFTS_VERSION = //p' bench/gen_drafts.py)
if gen_ok "$CORPUS/.bench-gen.json" articles="$N" seed=1 generator="$GEN_VERSION"; then
    say "corpus: reusing $CORPUS"
else
    say "corpus: generating $N articles into $CORPUS"
    rm -rf "$CORPUS" "$WORK"
    t=$(date +%s.%N)
    python3 bench/gen_corpus.py "$CORPUS" "$N" --seed 1 --jobs "$(nproc)" >/dev/null
    say "corpus: generated in $(python3 -c "print(round($(date +%s.%N)-$t,1))") s"
fi
if gen_ok "$WORK/.bench-drafts.json" drafts="$NDRAFTS" generator="$DRAFTS_VERSION" corpus="$CORPUS"; then
    say "drafts: reusing $WORK/drafts"
else
    rm -rf "$WORK"
    python3 bench/gen_drafts.py "$CORPUS" "$WORK" --drafts "$NDRAFTS" --quotes 25 --words 1500 --seed 1 >/dev/null
    say "drafts: $NDRAFTS drafts in $WORK/drafts"
fi
mapfile -t DRAFTS < <(find "$WORK/drafts" -type f \( -name '*.md' -o -name '*.txt' \) | sort)

python3 - "$RAW/meta.json" "$N" "$NDRAFTS" "$BIN" "$CORPUS" <<'EOF'
import json, os, subprocess, sys, time
raw, n, nd, bin_, corpus = sys.argv[1:]
gen = json.load(open(os.path.join(corpus, '.bench-gen.json')))
ver = subprocess.run([bin_, '--version'], stdout=subprocess.PIPE).stdout.decode().strip()
try:
    rev = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL).stdout.decode().strip()
except OSError:
    rev = ''
cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')
title = '%s (%s), %d articles / %.1fM words, %s drafts, %d CPUs (%s), %s' % (
    ver, rev or '?', int(n), gen['words'] / 1e6, nd, os.cpu_count(), cpu, time.strftime('%Y-%m-%d'))
json.dump({'title': title, 'articles': int(n), 'drafts': int(nd), 'version': ver, 'rev': rev,
           'generator': gen}, open(raw, 'w'), indent=1)
EOF

# --- index -------------------------------------------------------------------
if ! skip index; then
    say "index: building with no cache"
    rm -rf "$CACHE"
    python3 bench/drive.py index-cold "$BIN" "$CORPUS" "$CACHE" "$RAW"
    say "index: cached cold start (5 runs)"
    python3 bench/drive.py index-warm "$BIN" "$CORPUS" "$CACHE" "$RAW" 5
else
    "$BIN" index --sources "$CORPUS" --cache-dir "$CACHE" >/dev/null
fi

# --- per-draft check latency ---------------------------------------------------
if ! skip check; then
    LIBDIR=$(dirname "$BIN")
    LIB=$LIBDIR/libquotecheck.a
    [ -f "$LIB" ] || LIB=build/libquotecheck.a
    LAT=$OUT/check_lat
    if [ -f "$LIB" ] && cc -O2 -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -pthread -Iserver/src \
            bench/check_lat.c "$LIB" -ltree-sitter -lgit2 -lcjson -lutf8proc -lstemmer -lpthread -lm -o "$LAT"; then
        say "check: in-process latency, ${QC_BENCH_LAT_DRAFTS:-60} drafts x 2 passes"
        python3 bench/drive.py check-lat "$LAT" "$CORPUS" "$CACHE" "$RAW" "${DRAFTS[@]}" || true
    else
        say "check: could not build bench/check_lat.c against $LIB; in-process latency skipped"
    fi
fi
if ! skip procs; then
    say "check: one process per draft ($NPROCS drafts)"
    python3 bench/drive.py check-procs "$BIN" "$CORPUS" "$CACHE" "$RAW" "$NPROCS" "${DRAFTS[@]}"
fi

# --- audit and the ripgrep baseline --------------------------------------------
if ! skip audit; then
    say "audit: -j $JOBS over ${#DRAFTS[@]} drafts (3 runs)"
    python3 bench/drive.py audit "$BIN" "$CORPUS" "$CACHE" "$RAW" "$WORK/drafts" "$JOBS" 3
fi
if ! skip rg; then
    say "rg: rg -F -c -f (each draft's quotes) over the corpus, $NRG drafts"
    python3 bench/drive.py rg "$CORPUS" "$RAW" "$WORK/rg-pats" "$NRG"
fi

# --- language server -------------------------------------------------------------
if ! skip lsp; then
    # tests/lsp/bench.js starts "$QC_BIN lsp --corpus fixtures/corpus"; the wrapper
    # adds the big corpus (so its draft's quotes are found among N articles)
    WRAP=$OUT/qc-lsp-wrap.sh
    printf '#!/bin/sh\nexec "%s" "$@" --corpus "%s"\n' "$BIN" "$CORPUS" >"$WRAP"
    chmod +x "$WRAP"
    say "lsp: warming the cache for fixtures/corpus + the bench corpus"
    "$BIN" index --sources "$ROOT/fixtures/corpus" --sources "$CORPUS" >/dev/null
    say "lsp: probe (100 edits)"
    if QC_BIN=$WRAP timeout -s KILL "${QC_BENCH_TIMEOUT:-180}" node tests/lsp/bench.js 100 >"$RAW/lsp-probe.log" 2>&1; then
        med=$(sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' "$RAW/lsp-probe.log")
        n=$(python3 -c "print(max(100, min($EDITS, int($LSP_BUDGET * 1000 / max($med, 0.01)))))")
        [ "$n" -lt "$EDITS" ] && say "lsp: $EDITS edits at ~$med ms would exceed ${LSP_BUDGET}s; running $n"
        say "lsp: session of $n edits"
        if QC_BIN=$WRAP timeout -s KILL $((LSP_BUDGET * 3 + 60)) node tests/lsp/bench.js "$n" >"$RAW/lsp.log" 2>&1; then
            python3 bench/drive.py lsp "$RAW" "$RAW/lsp.log" "$n"
        else
            say "lsp: tests/lsp/bench.js failed:"; tail -20 "$RAW/lsp.log" >&2
        fi
    else
        say "lsp: tests/lsp/bench.js failed:"; tail -20 "$RAW/lsp-probe.log" >&2
    fi
fi

python3 bench/drive.py report "$RAW" "$OUT"
say "total $(($(date +%s) - T0)) s"
