#!/usr/bin/env bash
# tests/git/run-suite.sh — history in checking (issue 5): `check --staged`
# and `--new-only`, `hook install|uninstall` and a real `git commit` through
# the hook, `.pre-commit-hooks.yaml`, corrected-source, evidence.revision,
# `blame` (also on a buffer with unsaved edits), `history`, the blob-keyed
# index cache, and the messages for not-a-repository, bare, shallow and
# corrupt repositories. Owned by the git work.
#
# Every repository is built on the fly under a temporary folder with the
# git CLI (tests may use it; the program does not). Prints one line per
# case: PASS name / FAIL name: why / SKIP name: why. Binary: $QC_BIN.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
export QC_BIN="${QC_BIN:-bin/quotecheck}"
case "$QC_BIN" in /*) ;; *) QC_BIN="$ROOT/$QC_BIN" ;; esac
if [ ! -x "$QC_BIN" ]; then echo "FAIL git-binary: $QC_BIN not built"; exit 1; fi
if ! command -v git >/dev/null 2>&1; then echo "SKIP git: git CLI not installed"; exit 0; fi

T=$(mktemp -d "${TMPDIR:-/tmp}/qc-git.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" GIT_CONFIG_NOSYSTEM=1 QC_CACHE_DIR="$T/cache"
mkdir -p "$HOME" "$T/bin"
ln -s "$QC_BIN" "$T/bin/quotecheck"
export GIT_AUTHOR_NAME="Ana Ribar" GIT_AUTHOR_EMAIL=ana@example.org
export GIT_COMMITTER_NAME="Ana Ribar" GIT_COMMITTER_EMAIL=ana@example.org
git config --global init.defaultBranch main
git config --global advice.detachedHead false
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
Q="$QC_BIN"
F="$ROOT/fixtures"

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
check() { # name, condition-status, why
    if [ "$2" -eq 0 ]; then pass "$1"; else fail "$1" "$3"; fi
}
has() { grep -qF -- "$2" "$1"; }

# A repository with the corpus (KTA at v1) and a config; $1 = folder.
make_repo() {
    mkdir -p "$1" && cd "$1" || return 1
    git init -q .
    cp -r "$F/corpus" corpus
    cp "$F/corpus-history/v1/kta-varnek-dam.md" corpus/kta-varnek-dam.md
    echo '{"sources": ["corpus"]}' > .quotecheck.json
    mkdir -p drafts
    git add -A
    GIT_AUTHOR_DATE=2026-03-03T09:00:00Z GIT_COMMITTER_DATE=2026-03-03T09:00:00Z git commit -qm "Add the corpus"
}
commit_v2() {
    cp "$F/corpus-history/v2/kta-varnek-dam.md" corpus/kta-varnek-dam.md
    GIT_AUTHOR_DATE=2026-03-04T08:30:00Z GIT_COMMITTER_DATE=2026-03-04T08:30:00Z \
        git commit -qam "Correct Orlik quote and flooded homes"
}

GOOD='"The dam was inspected in October and no fault was found," said Water Resources Minister Mara Velinova.'
BAD='"The dam was inspected in October and no fault was found," said Prime Minister Jan Morvek.'

# ---- corrected source -------------------------------------------------------
R="$T/corr"
make_repo "$R"
cp "$F/drafts/mistakes.md" drafts/mistakes.md
git add drafts && git commit -qm "Draft quoting the wire story"
"$Q" check --format json drafts/mistakes.md > "$T/before.json" 2>"$T/err"
python3 - "$T/before.json" <<'EOF' >/dev/null 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
fs = d["files"][0]["diagnostics"] if "diagnostics" in d["files"][0] else d["files"][0]["findings"]
assert not [f for f in fs if f["range"]["start"]["line"] == 27], fs
EOF
check corrected-source-before-correction $? "line 27 flagged before the source was corrected"
commit_v2
V2=$(git rev-parse --short HEAD)
"$Q" check drafts/mistakes.md > "$T/out" 2>"$T/err"; rc=$?
grep -F 'mistakes.md:27:1: warning: quote matches an earlier version of kta-varnek-dam.md' "$T/out" > "$T/line27"
check corrected-source-after-correction $([ $rc -eq 1 ] && [ -s "$T/line27" ] && has "$T/line27" "corrected in $V2 on 2026-03-04 \"Correct Orlik quote and flooded homes\"" && has "$T/line27" 'today it reads "We had almost no warning, maybe ten minutes"' && has "$T/line27" '[corrected-source]'; echo $?) "rc=$rc; $(head -c 400 "$T/line27")"
grep -q 'fix: Use today' "$T/out"
check corrected-source-fix $? "no fix with today's wording"
"$Q" check --format json drafts/mistakes.md > "$T/after.json" 2>/dev/null
python3 - "$T/after.json" "$V2" <<'EOF' > "$T/py" 2>&1
import json, sys
d = json.load(open(sys.argv[1])); v2 = sys.argv[2]
f = d["files"][0]
fs = f.get("findings") or f.get("diagnostics")
c = [x for x in fs if x["code"] == "corrected-source"]
assert len(c) == 1, c
assert c[0]["range"]["start"]["line"] == 27
revs = [e.get("revision") for e in c[0]["evidence"]]
assert revs[0] == v2, revs          # today's passage, checked at v2
assert revs[1] and revs[1] != v2, revs   # the earlier wording, at v1
# every piece of evidence says which revision it was checked against
assert all(e.get("revision") for x in fs for e in x.get("evidence", [])), "revision missing"
EOF
check evidence-revision-json $? "$(tail -3 "$T/py")"
# the same draft against the same corpus without history: altered-quote
mkdir -p "$T/nogit" && cp -r "$R/corpus" "$T/nogit/corpus" && cp "$F/drafts/mistakes.md" "$T/nogit/"
(cd "$T/nogit" && GIT_CEILING_DIRECTORIES="$T" "$Q" check --no-config --sources corpus mistakes.md) > "$T/out" 2>&1
check corrected-source-needs-history $(grep -q 'mistakes.md:27:1: error: .*\[altered-quote\]' "$T/out" && ! grep -q corrected-source "$T/out"; echo $?) "$(grep ':27:' "$T/out")"

# ---- pre-commit: staged content, not the working tree ----------------------------
R="$T/pc"
make_repo "$R" && commit_v2
printf '# Dam\n\n%s\n' "$GOOD" > drafts/dam.md
git add drafts && git commit -qm "Dam draft"
printf '# Dam\n\n%s\n' "$BAD" > drafts/dam.md
git add drafts/dam.md
printf '# Dam\n\n%s\n' "$GOOD" > drafts/dam.md        # fixed in the working copy, not staged
"$Q" check --staged > "$T/out" 2>&1; rc=$?
check staged-blocks-misattribution $([ $rc -eq 1 ] && has "$T/out" 'drafts/dam.md:3:1: error: quote attributed to Jan Morvek' && has "$T/out" 'misattributed-quote'; echo $?) "rc=$rc $(head -c 300 "$T/out")"
"$Q" check drafts/dam.md > "$T/out2" 2>&1
check working-copy-already-fixed $?  "$(head -c 300 "$T/out2")"
git add drafts/dam.md
"$Q" check --staged > "$T/out" 2>&1
check staged-fixed-passes $? "$(head -c 300 "$T/out")"
# from a subfolder
mkdir -p drafts/deep/er && printf '# Dam\n\n%s\n' "$BAD" > drafts/deep/er/x.md && git add drafts/deep
(cd drafts/deep/er && "$Q" check --staged) > "$T/out" 2>&1; rc=$?
check staged-from-subfolder $([ $rc -eq 1 ] && has "$T/out" 'x.md:3:1: error' ; echo $?) "rc=$rc $(head -c 300 "$T/out")"
(cd drafts/deep && "$Q" check --staged ../../dam.md) > "$T/out" 2>&1
check staged-narrowed-to-files $? "$(head -c 300 "$T/out")"
git reset -q drafts/deep && rm -rf drafts/deep
# source articles under the corpus are not drafts
cp "$F/corpus-history/v1/kta-varnek-dam.md" corpus/kta-varnek-dam.md && git add corpus
"$Q" check --staged > "$T/out" 2>&1; rc=$?
check staged-corpus-not-drafts $([ $rc -eq 0 ] && ! has "$T/out" 'kta-varnek-dam.md:'; echo $?) "rc=$rc $(head -c 300 "$T/out")"
git checkout -q HEAD -- corpus

# --new-only: an old finding on an untouched line does not block
printf '# Dam\n\n%s\n' "$BAD" > drafts/dam.md && git commit -qam "Old mistake" --no-verify
printf '# Dam\n\n%s\n\n%s\n' "$BAD" 'The river rose overnight.' > drafts/dam.md && git add drafts/dam.md
"$Q" check --staged --new-only > "$T/out" 2>&1; rc=$?
"$Q" check --staged > "$T/out2" 2>&1; rc2=$?
check new-only-ignores-old-finding $([ $rc -eq 0 ] && [ $rc2 -eq 1 ] && ! has "$T/out" 'misattributed'; echo $?) "rc=$rc rc2=$rc2 $(head -c 300 "$T/out")"
printf '# Dam\n\n%s\n\n%s\n' "$BAD" "$BAD" > drafts/dam.md && git add drafts/dam.md
"$Q" check --staged --new-only > "$T/out" 2>&1; rc=$?
check new-only-reports-new-line $([ $rc -eq 1 ] && has "$T/out" 'dam.md:5:1: error' && ! has "$T/out" 'dam.md:3:1'; echo $?) "rc=$rc $(head -c 300 "$T/out")"
# --new-only without --staged: the working file against HEAD
printf '# Dam\n\n%s\n\n%s\n' "$BAD" 'Nothing quoted here.' > drafts/dam.md
"$Q" check --new-only drafts/dam.md > "$T/out" 2>&1
check new-only-working-file $? "$(head -c 300 "$T/out")"
git checkout -q HEAD -- drafts/dam.md; git reset -q

# renamed and deleted drafts in the index
git mv drafts/dam.md drafts/renamed.md
"$Q" check --staged --new-only > "$T/out" 2>&1; rc=$?
"$Q" check --staged > "$T/out2" 2>&1; rc2=$?
check staged-rename-followed $([ $rc -eq 0 ] && [ $rc2 -eq 1 ] && has "$T/out2" 'drafts/renamed.md:3:1: error'; echo $?) "rc=$rc rc2=$rc2 $(head -c 300 "$T/out2")"
git rm -q --cached drafts/renamed.md
"$Q" check --staged > "$T/out" 2>&1; rc=$?
check staged-deleted-skipped $([ $rc -eq 0 ] && ! has "$T/out" 'renamed.md:'; echo $?) "rc=$rc $(head -c 300 "$T/out")"
git reset -q --hard

# ---- hook install / refuse / --force / uninstall, and a real commit ------------------
H=.git/hooks/pre-commit
rm -f "$H"
"$Q" hook install > "$T/out" 2>&1; rc=$?
check hook-install $([ $rc -eq 0 ] && [ -x "$H" ] && grep -q '^# installed by quotecheck$' "$H" && grep -q 'check --staged --new-only' "$H"; echo $?) "rc=$rc $(cat "$T/out")"
printf '# Dam\n\n%s\n\n%s\n' "$BAD" "$BAD" > drafts/dam.md && git add drafts/dam.md
PATH="$T/bin:$PATH" git commit -qm "Blocked?" > "$T/out" 2>&1; rc=$?
check hook-blocks-commit $([ $rc -ne 0 ] && has "$T/out" 'misattributed-quote' && [ "$(git log -1 --format=%s)" = "Old mistake" ]; echo $?) "rc=$rc $(head -c 300 "$T/out")"
printf '# Dam\n\n%s\n\n%s\n' "$BAD" "$GOOD" > drafts/dam.md && git add drafts/dam.md
PATH="$T/bin:$PATH" git commit -qm "Fixed" > "$T/out" 2>&1; rc=$?
check hook-lets-fixed-commit $([ $rc -eq 0 ] && [ "$(git log -1 --format=%s)" = "Fixed" ]; echo $?) "rc=$rc $(head -c 300 "$T/out")"
# the fallback: no quotecheck on PATH, the installing binary's absolute path
printf '# Dam\n\n%s\n\n%s\n\n%s\n' "$BAD" "$GOOD" "$BAD" > drafts/dam.md && git add drafts/dam.md
PATH="/usr/bin:/bin" git commit -qm "Blocked by path" > "$T/out" 2>&1; rc=$?
check hook-absolute-fallback $([ $rc -ne 0 ] && [ "$(git log -1 --format=%s)" = "Fixed" ]; echo $?) "rc=$rc $(head -c 300 "$T/out")"
git reset -q --hard
printf '#!/bin/sh\necho mine\n' > "$H"
"$Q" hook install > "$T/out" 2>&1; rc=$?
check hook-refuses-foreign $([ $rc -eq 2 ] && grep -q 'echo mine' "$H" && has "$T/out" 'not installed by quotecheck' && has "$T/out" '--force'; echo $?) "rc=$rc $(cat "$T/out")"
"$Q" hook uninstall > "$T/out" 2>&1; rc=$?
check hook-uninstall-keeps-foreign $([ $rc -eq 2 ] && grep -q 'echo mine' "$H"; echo $?) "rc=$rc"
"$Q" hook install --force > "$T/out" 2>&1; rc=$?
check hook-force $([ $rc -eq 0 ] && grep -q 'installed by quotecheck' "$H"; echo $?) "rc=$rc $(cat "$T/out")"
"$Q" hook uninstall > "$T/out" 2>&1; rc=$?
check hook-uninstall $([ $rc -eq 0 ] && [ ! -e "$H" ]; echo $?) "rc=$rc $(cat "$T/out")"
git config core.hooksPath githooks
"$Q" hook install > "$T/out" 2>&1; rc=$?
check hook-core-hookspath $([ $rc -eq 0 ] && [ -x githooks/pre-commit ] && [ ! -e "$H" ]; echo $?) "rc=$rc $(cat "$T/out")"
"$Q" hook uninstall >/dev/null 2>&1; git config --unset core.hooksPath; rm -rf githooks

# ---- linked worktree ------------------------------------------------------------
git worktree add -q "$T/wt" -b side 2>/dev/null
(cd "$T/wt" && printf '# Dam\n\n%s\n' "$BAD" > drafts/wt.md && git add drafts/wt.md &&
 "$Q" check --staged) > "$T/out" 2>&1; rc=$?
check staged-linked-worktree $([ $rc -eq 1 ] && has "$T/out" 'drafts/wt.md:3:1: error'; echo $?) "rc=$rc $(head -c 300 "$T/out")"
(cd "$T/wt" && "$Q" hook install) > "$T/out" 2>&1; rc=$?
check hook-linked-worktree $([ $rc -eq 0 ] && [ -x "$R/.git/hooks/pre-commit" ]; echo $?) "rc=$rc $(cat "$T/out")"
(cd "$T/wt" && PATH="$T/bin:$PATH" git commit -qm "wt blocked") > "$T/out" 2>&1; rc=$?
check hook-blocks-in-worktree $([ $rc -ne 0 ] && has "$T/out" 'misattributed'; echo $?) "rc=$rc $(head -c 300 "$T/out")"
"$Q" hook uninstall >/dev/null 2>&1

# ---- a repository with no commits yet ---------------------------------------------------
N="$T/fresh"; mkdir -p "$N" && cd "$N" && git init -q .
cp -r "$F/corpus" corpus && echo '{"sources": ["corpus"]}' > .quotecheck.json
mkdir drafts && printf '# Dam\n\n%s\n' "$BAD" > drafts/a.md && git add -A
"$Q" check --staged > "$T/out" 2>&1; rc=$?
check staged-no-commits $([ $rc -eq 1 ] && has "$T/out" 'drafts/a.md:3:1: error' && has "$T/out" 'in 1 file'; echo $?) "rc=$rc $(tail -3 "$T/out")"
"$Q" check --staged --new-only > "$T/out" 2>&1; rc=$?
check new-only-no-commits $([ $rc -eq 1 ]; echo $?) "rc=$rc"
"$Q" blame drafts/a.md > "$T/out" 2>&1; rc=$?
check blame-no-commits $([ $rc -eq 0 ] && has "$T/out" 'not committed yet'; echo $?) "rc=$rc $(cat "$T/out")"
"$Q" history drafts/a.md > "$T/out" 2>&1; rc=$?
check history-no-commits $([ $rc -eq 0 ] && has "$T/out" 'no commits'; echo $?) "rc=$rc $(cat "$T/out")"

# ---- .pre-commit-hooks.yaml -------------------------------------------------------
Y="$ROOT/.pre-commit-hooks.yaml"
check pre-commit-hooks-yaml $([ -f "$Y" ] && grep -q '^- id: quotecheck$' "$Y" &&
    grep -q '^  entry: quotecheck check --new-only$' "$Y" && grep -q '^  language: system$' "$Y" &&
    grep -q '^  types_or: \[markdown, text\]$' "$Y" && grep -q '^  pass_filenames: true$' "$Y" &&
    ! grep -qP '\t' "$Y"; echo $?) "missing or malformed keys"

# ---- blame ------------------------------------------------------------------------
B="$T/blame"; make_repo "$B" && commit_v2
printf '# Dam\n\n%s\n\n"We had almost no warning, maybe ten minutes," Orlik said.\n' "$GOOD" > drafts/b.md
git add drafts && GIT_AUTHOR_NAME="Lidia Krass" git commit -qm "Velinova and Orlik"
C1=$(git rev-parse --short HEAD)
printf '# Dam\n\n%s\n\n"We had almost no warning, maybe ten minutes," said Mayor Tomas Orlik.\n' "$GOOD" > drafts/b.md
git commit -qam "Orlik attribution"
C2=$(git rev-parse --short HEAD)
"$Q" blame drafts/b.md > "$T/out" 2>&1; rc=$?
check blame-file $([ $rc -eq 0 ] && grep -A1 'b.md:3:1' "$T/out" | grep -q "$C1 Lidia Krass, .*: Velinova and Orlik" && grep -A1 'b.md:5:1' "$T/out" | grep -q "$C2 Ana Ribar"; echo $?) "rc=$rc $(cat "$T/out")"
sed 's/Mara Velinova\./Mara Velinova, on Tuesday./' drafts/b.md | "$Q" blame --format json --stdin-filename drafts/b.md - > "$T/out.json" 2>&1; rc=$?
python3 - "$T/out.json" "$C2" <<'EOF' > "$T/py" 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
q = {x["line"]: x for x in d["quotes"]}
assert q[3]["committed"] is False and q[3]["commit"] is None, q[3]
assert q[5]["commit"]["short_id"] == sys.argv[2] and q[5]["commit"]["subject"] == "Orlik attribution", q[5]
EOF
check blame-unsaved-buffer $([ $rc -eq 0 ]; echo $?)$? "rc=$rc $(tail -3 "$T/py")"

# ---- history across three commits ---------------------------------------------------
printf '# Dam\n\n%s\n\n"We had almost no warning, maybe ten minutes," said Mayor Tomas Orlik.\n\n"The water came down the valley like a wall," Orlik said.\n' "$BAD" > drafts/b.md
git commit -qam "Wrong minister"
C3=$(git rev-parse --short HEAD)
printf '# Dam\n\n%s\n\n"The water came down the valley like a wall," Orlik said.\n' "$BAD" > drafts/b.md
git commit -qam "Drop the warning quote"
"$Q" history drafts/b.md > "$T/out" 2>&1; rc=$?
python3 - "$T/out" "$C3" <<'EOF' > "$T/py" 2>&1
import sys
t = open(sys.argv[1]).read()
assert "4 revisions, oldest first" in t, t
blocks = t.split("\n\n")
c3 = [b for b in blocks if b.startswith(sys.argv[2])][0]
assert '+ line 7: "The water came down the valley like a wall"' in c3, c3
assert "misattributed-quote" in c3, c3
last = blocks[-1]
assert '- "We had almost no warning, maybe ten minutes"' in last, last
EOF
check history-three-commits $([ $rc -eq 0 ]; echo $?)$? "rc=$rc $(tail -4 "$T/py")"
"$Q" history --format json drafts/b.md > "$T/out.json" 2>&1
python3 - "$T/out.json" <<'EOF' > "$T/py" 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
ch = [c["change"] for r in d["revisions"] for c in r["changes"]]
assert "added" in ch and "removed" in ch, ch
r3 = d["revisions"][2]["changes"]
mis = [c for c in r3 if c["change"] == "changed" and c.get("speaker") == "Jan Morvek"]
assert mis and mis[0]["old_speaker"] == "Mara Velinova", r3
assert any(f["code"] == "misattributed-quote" for f in mis[0]["findings"]), mis
EOF
check history-json $? "$(tail -3 "$T/py")"
git mv drafts/b.md drafts/c.md && git commit -qm "Rename"
"$Q" history drafts/c.md > "$T/out" 2>&1
check history-follows-rename $(has "$T/out" '5 revisions' && has "$T/out" '(as drafts/b.md)'; echo $?) "$(head -3 "$T/out")"

# ---- the index cache keyed by blob ids ------------------------------------------------
cd "$B"
"$Q" index --sources corpus --json > "$T/i1" 2>&1
touch corpus/*
"$Q" index --sources corpus --json > "$T/i2" 2>&1
echo "An added line." >> corpus/northern-post-varnek.txt
"$Q" index --sources corpus --json > "$T/i3" 2>&1
python3 - "$T/i1" "$T/i2" "$T/i3" <<'EOF' > "$T/py" 2>&1
import json, sys
a, b, c = (json.load(open(p)) for p in sys.argv[1:4])
assert b["files_blob_keyed"] == 7 and b["files_read"] == 0, b   # touched, same blobs: nothing read
assert c["files_read"] == 1, c                                      # one new blob
EOF
check cache-keyed-by-blob $? "$(tail -3 "$T/py")"
git checkout -q -- corpus

# ---- not a repository, bare, shallow, corrupt -------------------------------------------
O="$T/outside"; mkdir -p "$O" && cp -r "$F/corpus" "$O/corpus" && printf '# Dam\n\n%s\n' "$BAD" > "$O/a.md"
cd "$O"
ok=0; msgs=""
for cmd in "check --staged" "hook install" "blame a.md" "history a.md"; do
    GIT_CEILING_DIRECTORIES="$T" "$Q" $cmd > "$T/out" 2>&1; rc=$?
    if [ $rc -ne 2 ] || ! has "$T/out" "not in a git repository (searched from $O)"; then ok=1; msgs="$msgs [$cmd: rc=$rc $(head -c 120 "$T/out")]"; fi
done
check not-a-repository $ok "$msgs"
GIT_CEILING_DIRECTORIES="$T" "$Q" check --no-config --sources corpus a.md > "$T/out" 2>&1; rc=$?
check plain-check-outside-git $([ $rc -eq 1 ] && has "$T/out" 'misattributed-quote'; echo $?) "rc=$rc"
git init -q --bare "$T/bare.git"
(cd "$T/bare.git" && "$Q" check --staged) > "$T/out" 2>&1; rc=$?
check bare-repository $([ $rc -eq 2 ] && has "$T/out" 'is a bare repository'; echo $?) "rc=$rc $(cat "$T/out")"
git clone -q --depth 1 "file://$B" "$T/shallow" 2>/dev/null
cd "$T/shallow"
"$Q" history drafts/c.md > "$T/out" 2>&1; rc=$?
check shallow-history $([ $rc -eq 0 ] && has "$T/out" 'shallow' && has "$T/out" '1 revision'; echo $?) "rc=$rc $(head -3 "$T/out")"
"$Q" blame drafts/c.md > "$T/out" 2>&1; rc=$?
check shallow-blame $([ $rc -eq 0 ] && has "$T/out" 'shallow clone' && has "$T/out" 'Rename'; echo $?) "rc=$rc $(cat "$T/out")"
# a corrupt object: the KTA story's v1 blob is gone
X="$T/corrupt"; make_repo "$X"; cp "$F/drafts/mistakes.md" drafts/ && git add drafts && git commit -qm draft && commit_v2
OLD=$(git rev-parse HEAD~1:corpus/kta-varnek-dam.md)
rm -f ".git/objects/${OLD:0:2}/${OLD:2}"
"$Q" check drafts/mistakes.md > "$T/out" 2> "$T/err"; rc=$?
check corrupt-object $([ $rc -eq 1 ] && has "$T/err" "$OLD" && has "$T/out" 'misattributed-quote' && grep -q ':27:1: error: .*altered-quote' "$T/out"; echo $?) "rc=$rc $(cat "$T/err")"

# ---- time of check --staged on the fixtures (informational) ---------------------------------
cd "$T/pc"
for f in "$F"/drafts/*.md "$F"/drafts/*.txt; do cp "$f" drafts/; done
git add drafts
s=$(date +%s%N); "$Q" check --staged -q > /dev/null 2>&1; e=$(date +%s%N)
echo "  check --staged on the fixture drafts: $(( (e - s) / 1000000 )) ms"
pass timing-check-staged
