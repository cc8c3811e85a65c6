#!/usr/bin/env bash
# tests/extract/run-suite.sh — golden tests for `quotecheck quotes`.
#
# Each cases/NAME.md or cases/NAME.txt is run through
#   $QC_BIN quotes --format json cases/NAME.ext
# and compared with cases/NAME.expected.json: the "quotes" and "figures" of
# every file must be equal field by field ("path" is ignored). The expected
# files hold what a careful reader would mark, reviewed by hand — not merely
# what the tool printed once. `--update` rewrites them from the tool's
# current output (review the diff before keeping it!). `--pending` runs
# pending/ instead: cases the extractor gets wrong today, whose expected
# files hold the correct answer (hand-corrected); move a case to cases/ once
# it passes. Never use --update together with --pending.
#
# The badinput section runs `quotes` on bad files (invalid UTF-8, a NUL byte,
# a directory, an unreadable file, a missing file) together with a good one
# and checks exit code 2, one stderr message naming each bad file (with
# line:column where the fault has one) and the good file still in the JSON.
#
# Prints "PASS name" / "FAIL name" / "SKIP name" per case (see tests/run.sh).
set -u
cd "$(dirname "$0")"
HERE=$PWD
QC_BIN=${QC_BIN:-bin/quotecheck}
case "$QC_BIN" in /*) ;; *) QC_BIN="$HERE/../../$QC_BIN" ;; esac
update=0
dirs=cases
for a in "$@"; do
  case "$a" in
    --update) update=1 ;;
    --pending) dirs=pending ;;   # known extractor gaps: expected = correct answer, fail today
  esac
done

if [ ! -x "$QC_BIN" ]; then
  echo "FAIL extract (no binary at $QC_BIN)"
  exit 1
fi

compare() {   # compare.py-style check, inline: expected actual -> prints differences
  python3 - "$1" "$2" <<'PY'
import json, sys
exp = json.load(open(sys.argv[1]))
act = json.load(open(sys.argv[2]))
def files(d):
    return [{"quotes": f.get("quotes"), "figures": f.get("figures")} for f in d.get("files", [])]
e, a = files(exp), files(act)
if e == a:
    sys.exit(0)
if len(e) != len(a):
    print(f"  files: expected {len(e)}, got {len(a)}")
    sys.exit(1)
shown = 0
for fi, (fe, fa) in enumerate(zip(e, a)):
    for key in ("quotes", "figures"):
        le, la = fe[key] or [], fa[key] or []
        if len(le) != len(la):
            print(f"  {key}: expected {len(le)}, got {len(la)}")
        n = max(len(le), len(la))
        for i in range(n):
            x = le[i] if i < len(le) else None
            y = la[i] if i < len(la) else None
            if x != y and shown < 8:
                shown += 1
                print(f"  {key}[{i}] expected: {json.dumps(x, ensure_ascii=False)}")
                print(f"  {key}[{i}]      got: {json.dumps(y, ensure_ascii=False)}")
sys.exit(1)
PY
}

tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

# ---- golden cases ----------------------------------------------------------
for input in "$dirs"/*.md "$dirs"/*.txt; do
  case "$(basename "$input")" in README*) continue ;; esac
  [ -f "$input" ] || continue
  name=$(basename "$input"); name=${name%.*}
  expected="$dirs/$name.expected.json"
  out="$tmp/$name.json"
  if ! "$QC_BIN" quotes --format json "$input" >"$out" 2>"$tmp/$name.err"; then
    echo "FAIL $name (exit $?)"; sed 's/^/  /' "$tmp/$name.err" | head -5
    continue
  fi
  if [ "$update" = 1 ]; then
    cp "$out" "$expected"
    echo "PASS $name (updated)"
    continue
  fi
  if [ ! -f "$expected" ]; then
    echo "FAIL $name (no $expected; run with --update, then review it)"
    continue
  fi
  if diffs=$(compare "$expected" "$out"); then
    echo "PASS $name"
  else
    echo "FAIL $name"
    printf '%s\n' "$diffs"
  fi
done

[ "$dirs" = pending ] && exit 0

# ---- bad input ---------------------------------------------------------------
bad=$tmp/bad
mkdir -p "$bad"
printf 'A good line. \xe2\x80\x9cWe are fine,\xe2\x80\x9d Mayor Rosa Delgado said.\n' >"$bad/good.txt"
printf 'first line\nsecond \xe2\x80\x9cline \xff here\n' >"$bad/latin.txt"     # line 2, column 14
printf 'one\ntwo\nab\000cd\n' >"$bad/nul.txt"                                   # line 3, column 3
mkdir -p "$bad/folder.md"
printf 'secret\n' >"$bad/locked.txt"
chmod 000 "$bad/locked.txt"

# run quotes on all of them; good.txt last so it must survive every earlier failure
badcase() {   # name, expected stderr regex, files...
  local name=$1 want=$2; shift 2
  local rc=0
  "$QC_BIN" quotes --format json "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
  local why=""
  [ "$rc" -eq 2 ] || why="exit $rc, expected 2"
  if [ -z "$why" ] && ! grep -Eq -- "$want" "$tmp/$name.err"; then
    why="stderr does not match /$want/: $(head -3 "$tmp/$name.err")"
  fi
  if [ -z "$why" ]; then
    python3 - "$tmp/$name.out" "$bad/good.txt" <<'PY' || why="good file missing from the JSON or without its quote"
import json, sys
d = json.load(open(sys.argv[1]))
paths = [f["path"] for f in d["files"]]
good = [f for f in d["files"] if f["path"] == sys.argv[2]]
sys.exit(0 if len(good) == 1 and len(good[0]["quotes"]) == 1 and len(paths) == 1 else 1)
PY
  fi
  if [ -z "$why" ]; then echo "PASS badinput-$name"; else echo "FAIL badinput-$name"; echo "  $why"; fi
}

q=$(printf '%s' "$bad" | sed 's/[.[\*^$()+?{|]/\\&/g')
badcase invalid-utf8 "^quotecheck: $q/latin\\.txt:2:14: invalid UTF-8" "$bad/latin.txt" "$bad/good.txt"
badcase nul-byte "^quotecheck: $q/nul\\.txt:3:3: binary file" "$bad/nul.txt" "$bad/good.txt"
badcase directory "^quotecheck: $q/folder\\.md: " "$bad/folder.md" "$bad/good.txt"
badcase missing "^quotecheck: $q/missing\\.txt: .*(No such file|not found|cannot open)" "$bad/missing.txt" "$bad/good.txt"
if [ "$(id -u)" = 0 ]; then
  echo "SKIP badinput-unreadable (running as root, which can read a chmod 000 file)"
else
  badcase unreadable "^quotecheck: $q/locked\\.txt: .*(Permission denied|cannot open)" "$bad/locked.txt" "$bad/good.txt"
fi
# all bad files at once: one message for each, in order, and the good file listed
rc=0
"$QC_BIN" quotes --format json "$bad/latin.txt" "$bad/nul.txt" "$bad/folder.md" "$bad/missing.txt" \
  "$bad/good.txt" >"$tmp/all.out" 2>"$tmp/all.err" || rc=$?
n=$(grep -c '^quotecheck: ' "$tmp/all.err")
if [ "$rc" -eq 2 ] && [ "$n" -eq 4 ] &&
   grep -q "latin.txt:2:14" "$tmp/all.err" && grep -q "nul.txt:3:3" "$tmp/all.err" &&
   grep -q "folder.md" "$tmp/all.err" && grep -q "missing.txt" "$tmp/all.err" &&
   python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if [f["path"] for f in d["files"]]==[sys.argv[2]] else 1)' \
     "$tmp/all.out" "$bad/good.txt"; then
  echo "PASS badinput-all-at-once"
else
  echo "FAIL badinput-all-at-once"
  echo "  exit $rc, $n messages:"; sed 's/^/  /' "$tmp/all.err" | head -8
fi
exit 0
