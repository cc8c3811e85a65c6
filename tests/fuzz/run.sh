#!/usr/bin/env bash
# tests/fuzz/run.sh SECONDS [HARNESS...] — builds the libFuzzer harnesses and
# runs each for SECONDS (-max_total_time), seeded from tests/fuzz/seeds/<name>/
# and the regressions in tests/fuzz/regressions/<name>/, printing one line per
# harness: "fuzz <name>: <executions> executions in <s>s, <n> crash(es)".
#
#   make fuzz                      (FUZZ_SECONDS, default 60 per harness)
#   bash tests/fuzz/run.sh 300 cache extract
#
# The library is built with clang into build/fuzz (ASan + UBSan + coverage,
# no libFuzzer main: the Makefile's $(BUILD)/libquotecheck.a leaves out
# cli/main.c); each harness tests/fuzz/fuzz_<name>.c is linked with
# -fsanitize=fuzzer,address,undefined into build/fuzz/fuzzers/. The
# working corpus grows in build/fuzz/corpus/<name> (not in the repo); a crash
# is saved as build/fuzz/crashes/<name>/crash-* — copy it into
# tests/fuzz/regressions/<name>/ once fixed. Exit status 1 if any crashed.
# Environment: FUZZ_JOBS (parallel harnesses, default 1), FUZZ_MAX_LEN
# (default 16384), FUZZ_NO_BUILD=1 to reuse the built binaries.
# Owned by the fuzz tests.
set -u
cd "$(dirname "$0")/../.."
secs=${1:-60}
shift || true
all=(jsonrpc extract source config cache)
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=("${all[@]}")
B=build/fuzz
SAN_LIB="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer"
CFLAGS_H="-O1 -g -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -D_POSIX_C_SOURCE=200809L -pthread -Iserver/src -Itests/fuzz"
LIBS="-ltree-sitter -lgit2 -lcjson -lutf8proc -lstemmer -lpthread -lm"

command -v clang >/dev/null || { echo "fuzz: clang is missing (apt-get install clang)"; exit 2; }
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  make --no-print-directory -j"$(nproc)" BUILD=$B BIN=$B/quotecheck CC=clang OPT="-O1 -g" \
       SAN="$SAN_LIB" $B/libquotecheck.a >"$B.build.log" 2>&1 \
    || { tail -30 "$B.build.log"; echo "fuzz: library build failed"; exit 2; }
  mkdir -p $B/fuzzers
  for h in "${harnesses[@]}"; do
    clang $CFLAGS_H tests/fuzz/fuzz_$h.c $B/libquotecheck.a $LIBS -o $B/fuzzers/fuzz_$h \
      || { echo "fuzz: cannot build fuzz_$h"; exit 2; }
  done
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
run_one() {
  local h=$1 work=$B/corpus/$1 crashes=$B/crashes/$1 log=$B/fuzz-$1.log
  mkdir -p "$work" "$crashes"
  local dirs=("$work")
  [ -d tests/fuzz/seeds/$h ] && dirs+=(tests/fuzz/seeds/$h)
  [ -d tests/fuzz/regressions/$h ] && dirs+=(tests/fuzz/regressions/$h)
  local extra=()
  [ -f tests/fuzz/dict/$h.dict ] && extra+=(-dict=tests/fuzz/dict/$h.dict)
  local t0=$SECONDS
  # FUZZ_SEED and FUZZ_RUNS make a run repeatable (CI: a fixed seed and a
  # fixed number of inputs, so it fails only on a real regression)
  [ -n "${FUZZ_SEED:-}" ] && extra+=(-seed="$FUZZ_SEED")
  [ -n "${FUZZ_RUNS:-}" ] && extra+=(-runs="$FUZZ_RUNS")
  $B/fuzzers/fuzz_$h "${dirs[@]}" "${extra[@]}" -max_total_time="$secs" -timeout=25 \
      -rss_limit_mb=2048 -entropic=0 -max_len="${FUZZ_MAX_LEN:-16384}" -close_fd_mask=3 -print_final_stats=1 \
      -artifact_prefix="$crashes/" >"$log" 2>&1
  local rc=$?
  local execs
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  local ncrash
  ncrash=$(grep -c '^==[0-9]*==ERROR\|^SUMMARY: \|deadly signal\|ERROR: libFuzzer' "$log")
  echo "fuzz $h: ${execs:-0} executions in $((SECONDS - t0))s, exit $rc, $( [ $rc -eq 0 ] && echo 0 || echo 1 ) crash(es), corpus $(ls "$work" | wc -l) inputs"
  if [ $rc -ne 0 ]; then
    grep -m1 -A12 'ERROR\|invariant failed' "$log" | sed 's/^/    /'
    ls -t "$crashes" | head -3 | sed "s|^|    saved: $crashes/|"
    return 1
  fi
  return 0
}
jobs_max=${FUZZ_JOBS:-1}
if [ "$jobs_max" -le 1 ]; then
  for h in "${harnesses[@]}"; do run_one "$h" || status=1; done
else
  pids=()
  for h in "${harnesses[@]}"; do
    run_one "$h" > "$B/fuzz-$h.summary" &
    pids+=($!)
    while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do sleep 1; done
  done
  for p in "${pids[@]}"; do wait "$p" || status=1; done
  for h in "${harnesses[@]}"; do cat "$B/fuzz-$h.summary"; done
fi
exit $status
