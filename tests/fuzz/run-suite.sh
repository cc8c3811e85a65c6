#!/usr/bin/env bash
# tests/fuzz/run-suite.sh — the fuzz harnesses as regression tests.
#  (a) each harness tests/fuzz/fuzz_<name>.c is linked with the plain driver
#      tests/fuzz/replay.c against the library of this build ($QC_BUILD;
#      with QC_SANITIZE=1, as `make test-asan` sets, under ASan + UBSan like
#      that library) and replays every seed (tests/fuzz/seeds/<name>/) and
#      every regression input (tests/fuzz/regressions/<name>/): one PASS/FAIL
#      line per harness and input set;
#  (b) with QC_FUZZ_SECONDS=N (CI), also runs each libFuzzer harness for N
#      seconds through tests/fuzz/run.sh (clang): one PASS/FAIL per harness.
# Owned by the fuzz tests.
set -u
cd "$(dirname "$0")/../.."
QC_BUILD="${QC_BUILD:-build}"
LIB="$QC_BUILD/libquotecheck.a"
OUT="$QC_BUILD/tests/fuzz"
LIBS="-ltree-sitter -lgit2 -lcjson -lutf8proc -lstemmer -lpthread -lm"
harnesses=(jsonrpc extract source config cache)
if [ ! -f "$LIB" ]; then echo "FAIL fuzz-replay-build: $LIB not built"; exit 1; fi
mkdir -p "$OUT"
if [ "${QC_SANITIZE:-0}" = 1 ]; then
  CC_R=clang; FL="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
else
  CC_R=${CC:-cc}; FL="-O2 -g"
fi
status=0
for h in "${harnesses[@]}"; do
  bin="$OUT/replay_$h"
  if [ ! -x "$bin" ] || [ "$LIB" -nt "$bin" ] || [ tests/fuzz/fuzz_$h.c -nt "$bin" ] ||
     [ tests/fuzz/replay.c -nt "$bin" ] || [ tests/fuzz/fuzz_common.h -nt "$bin" ]; then
    if ! $CC_R $FL -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -D_POSIX_C_SOURCE=200809L -pthread \
         -Iserver/src -Itests/fuzz tests/fuzz/replay.c tests/fuzz/fuzz_$h.c "$LIB" $LIBS -o "$bin" \
         >"$OUT/build_$h.log" 2>&1; then
      echo "FAIL fuzz-replay-build-$h"; sed 's/^/  /' "$OUT/build_$h.log" | head -20; status=1; continue
    fi
  fi
  for set in seeds regressions; do
    dir=tests/fuzz/$set/$h
    n=$(find "$dir" -type f 2>/dev/null | wc -l)
    if [ "$n" -eq 0 ]; then
      [ "$set" = seeds ] && { echo "FAIL fuzz-$set-$h: no inputs in $dir"; status=1; }
      continue
    fi
    log="$OUT/replay_${h}_$set.log"
    env QC_FUZZ_SOURCE_OPEN=1 ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}:abort_on_error=1" \
        timeout 300 "$bin" "$dir" >"$log.out" 2>"$log"
    rc=$?
    ok=$(grep -c '^ok ' "$log.out")
    if [ $rc -eq 0 ] && [ "$ok" -eq "$n" ]; then
      echo "PASS fuzz-$set-$h ($n inputs)"
    else
      echo "FAIL fuzz-$set-$h: exit $rc after $ok of $n inputs"
      grep -v '^replay: \|^quotecheck lsp: ' "$log" | head -15 | sed 's/^/  /'
      tail -1 "$log" | sed 's/^/  last: /'
      status=1
    fi
  done
done

if [ -n "${QC_FUZZ_SECONDS:-}" ]; then
  if ! command -v clang >/dev/null; then
    echo "SKIP fuzz-libfuzzer: clang not installed"
  else
    out=$(bash tests/fuzz/run.sh "$QC_FUZZ_SECONDS" 2>&1)
    for h in "${harnesses[@]}"; do
      line=$(printf '%s\n' "$out" | grep "^fuzz $h:")
      if printf '%s' "$line" | grep -q ', exit 0,'; then echo "PASS fuzz-libfuzzer-$h: ${line#fuzz $h: }"
      else echo "FAIL fuzz-libfuzzer-$h: ${line:-no result}"; printf '%s\n' "$out" | grep -A12 "^fuzz $h:" | tail -n +2 | sed 's/^/  /'; status=1; fi
    done
  fi
fi
exit $status
