#!/usr/bin/env python3
"""tests/cli/test_cli.py — end-to-end tests of `quotecheck check` and
`quotecheck audit`, run by tests/cli/run-suite.sh. Owned by the check/audit
work.

Each case prints one line: PASS name / FAIL name: why / SKIP name: why.
Cases that need real findings from match/check.c print
"SKIP name: waiting for qc_check" while `check` finds nothing in
fixtures/drafts/mistakes.md (the fixture has ten known mistakes), and
assert the findings once it does.

Environment: QC_BIN (absolute path of the binary), run from the repository
root. Every temporary file lives under one mkdtemp folder, removed at the
end; the corpus index cache goes there too (QC_CACHE_DIR).
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.getcwd()
BIN = os.environ.get("QC_BIN", os.path.join(ROOT, "bin/quotecheck"))
FIX = os.path.join(ROOT, "fixtures")
CORPUS = os.path.join(FIX, "corpus")
DRAFTS = os.path.join(FIX, "drafts")
TMP = tempfile.mkdtemp(prefix="qc-cli-")
ENV = dict(os.environ, QC_CACHE_DIR=os.path.join(TMP, "cache"))
ENV.pop("NO_COLOR", None)

results = {"pass": 0, "fail": 0, "skip": 0}


def run(args, cwd=ROOT, stdin=None, timeout=120):
    p = subprocess.run([BIN] + args, cwd=cwd, input=stdin, capture_output=True, env=ENV,
                       timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


class Skip(Exception):
    pass


def case(fn):
    name = fn.__name__.removeprefix("test_").replace("_", "-")
    try:
        fn()
    except Skip as e:
        print(f"SKIP {name}: {e}")
        results["skip"] += 1
    except AssertionError as e:
        print(f"FAIL {name}: {e}")
        results["fail"] += 1
    except Exception as e:  # a crash of the test itself is a failure too
        print(f"FAIL {name}: {type(e).__name__}: {e}")
        results["fail"] += 1
    else:
        print(f"PASS {name}")
        results["pass"] += 1
    return fn


def check(cond, msg):
    if not cond:
        raise AssertionError(msg)


def tmpdir(name):
    d = os.path.join(TMP, name)
    os.makedirs(d, exist_ok=True)
    return d


def write(path, text, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(text)
    return path


def config(folder, **kw):
    return write(os.path.join(folder, ".quotecheck.json"), json.dumps(kw))


def check_json(args, cwd=ROOT, stdin=None):
    rc, out, err = run(["check", "--format", "json"] + args, cwd=cwd, stdin=stdin)
    try:
        doc = json.loads(out)
    except ValueError as e:
        raise AssertionError(f"not JSON (rc {rc}): {e}: {out[:300]!r} {err[:300]!r}")
    return rc, doc, err


# Does qc_check report anything yet? mistakes.md has ten known mistakes.
try:
    _rc, MISTAKES, _err = check_json(["--sources", CORPUS, os.path.join(DRAFTS, "mistakes.md")])
    LIVE = sum(len(f["diagnostics"]) for f in MISTAKES["files"]) > 0
except Exception as e:
    print(f"FAIL check-json-on-mistakes: {e}")
    results["fail"] += 1
    MISTAKES, LIVE = {"files": []}, False


def need_findings():
    if not LIVE:
        raise Skip("waiting for qc_check")


def diags(doc):
    return [d for f in doc["files"] for d in f["diagnostics"]]


# ---------------------------------------------------------------- help

@case
def test_help_main_lists_commands():
    rc, out, _ = run(["--help"])
    check(rc == 0, f"rc {rc}")
    check(re.search(r"^  check\s+\S", out, re.M) and re.search(r"^  audit\s+\S", out, re.M),
          "check/audit rows missing from the command table")


@case
def test_help_check():
    for args in (["check", "--help"], ["check", "-h"], ["help", "check"]):
        rc, out, _ = run(args)
        check(rc == 0, f"{args}: rc {rc}")
        check(out.startswith("Usage: quotecheck check "), f"{args}: {out[:60]!r}")
        for opt in ("--sources DIR", "--config FILE", "--no-config", "--format", "--color",
                    "--quiet", "--severity", "--stdin-filename", "Exit codes:"):
            check(opt in out, f"{args}: help lacks {opt}")
        check(max(len(l) for l in out.splitlines()) <= 80, "help lines over 80 columns")


@case
def test_help_audit():
    rc, out, _ = run(["audit", "--help"])
    check(rc == 0, f"rc {rc}")
    check(out.startswith("Usage: quotecheck audit "), out[:60])
    for opt in ("-j, --jobs N", "--format", "html", "--output", "Exit codes:"):
        check(opt in out, f"help lacks {opt}")
    check(max(len(l) for l in out.splitlines()) <= 80, "help lines over 80 columns")


# ---------------------------------------------------------------- usage errors

@case
def test_usage_errors_exit_2():
    d = os.path.join(DRAFTS, "clean.md")
    bad = [
        ["check"],
        ["check", "--bogus", d],
        ["check", "--format", "html", "--sources", CORPUS, d],
        ["check", "--format", "yaml", "--sources", CORPUS, d],
        ["check", "--severity", "loud", "--sources", CORPUS, d],
        ["check", "--color", "sometimes", "--sources", CORPUS, d],
        ["check", "--sources"],
        ["check", "-j", "many", "--sources", CORPUS, d],
        ["check", "--stdin-filename", "x.md", "--sources", CORPUS, d],
        ["audit"],
        ["audit", "--bogus", DRAFTS],
        ["audit", "-j", "x", DRAFTS],
        ["audit", DRAFTS, DRAFTS],
    ]
    for args in bad:
        rc, out, err = run(args)
        check(rc == 2, f"{args}: rc {rc}")
        check("Try 'quotecheck" in err, f"{args}: no hint on stderr: {err!r}")


# ---------------------------------------------------------------- exit codes

@case
def test_exit_0_clean_draft():
    rc, out, err = run(["check", "--sources", CORPUS, os.path.join(DRAFTS, "clean.md")])
    check(rc == 0, f"rc {rc}: {out}{err}")


@case
def test_exit_1_mistakes():
    need_findings()
    rc, out, err = run(["check", "--sources", CORPUS, os.path.join(DRAFTS, "mistakes.md")])
    check(rc == 1, f"rc {rc}")


@case
def test_exit_2_no_corpus():
    d = tmpdir("nocorpus")
    draft = shutil.copy(os.path.join(DRAFTS, "clean.md"), d)
    rc, out, err = run(["check", draft], cwd=d)
    check(rc == 2, f"rc {rc}")
    check("no corpus: pass --sources DIR or add \"sources\" to" in err, err)
    rc, out, err = run(["check", "--no-config", draft], cwd=ROOT)
    check(rc == 2 and "no corpus" in err, f"--no-config: rc {rc} {err!r}")


@case
def test_exit_2_missing_corpus_folder():
    rc, out, err = run(["check", "--sources", os.path.join(TMP, "no-such-corpus"),
                        os.path.join(DRAFTS, "clean.md")])
    check(rc == 2, f"rc {rc}")
    check("no-such-corpus" in err, f"message does not name the folder: {err!r}")
    d = tmpdir("missing-src")
    cfg = config(d, sources=["gone"])
    draft = shutil.copy(os.path.join(DRAFTS, "clean.md"), d)
    rc, out, err = run(["check", draft])
    check(rc == 2, f"config: rc {rc}")
    check(re.search(re.escape(cfg) + r":\d+:\d+: .*gone", err), f"config message: {err!r}")


@case
def test_exit_2_bad_config():
    d = tmpdir("badcfg")
    cfg = write(os.path.join(d, ".quotecheck.json"),
                '{\n  "sources": ["%s"],\n  "severity": {"altered-quote": "loud"}\n}\n' % CORPUS)
    draft = shutil.copy(os.path.join(DRAFTS, "clean.md"), d)
    rc, out, err = run(["check", draft])
    check(rc == 2, f"rc {rc}")
    check(re.search(re.escape(cfg) + r":3:\d+:", err), f"no file:line:col: {err!r}")
    write(os.path.join(d, ".quotecheck.json"), '{"sources": [\n')
    rc, out, err = run(["check", draft])
    check(rc == 2 and re.search(r"\.quotecheck\.json:\d+:\d+:", err), f"malformed: {rc} {err!r}")
    rc, out, err = run(["audit", d])
    check(rc == 2 and re.search(r"\.quotecheck\.json:\d+:\d+:", err), f"audit: {rc} {err!r}")


@case
def test_exit_2_unreadable_file_others_checked():
    missing = os.path.join(TMP, "does-not-exist.md")
    rc, out, err = run(["check", "--sources", CORPUS, missing, os.path.join(DRAFTS, "clean.md")])
    check(rc == 2 or (rc == 1 and LIVE), f"rc {rc}")
    check("does-not-exist.md" in err, f"stderr does not name the file: {err!r}")
    check(re.search(r"in 1 file\b", out), f"the readable file was not checked: {out!r}")
    rc, out, err = run(["check", "--sources", CORPUS, DRAFTS])  # a folder
    check(rc == 2 and DRAFTS in err, f"folder: rc {rc} {err!r}")


@case
def test_exit_2_binary_file():
    f = write(os.path.join(TMP, "bin", "binary.md"), b"\"Hello,\" she said.\n\x00\x01\x02", "wb")
    rc, out, err = run(["check", "--sources", CORPUS, f])
    check(rc == 2, f"rc {rc}")
    check(f in err, f"stderr does not name the file: {err!r}")
    check(re.search(r"(binary|NUL)", err, re.I), f"no reason: {err!r}")


@case
def test_exit_2_invalid_utf8():
    f = write(os.path.join(TMP, "utf8", "latin1.md"), "Line one.\n\"Caf\xe9,\" he said.\n".encode("latin-1"), "wb")
    rc, out, err = run(["check", "--sources", CORPUS, f])
    check(rc == 2, f"rc {rc}")
    check(re.search(re.escape(f) + r":2:\d+", err), f"no file:line:col: {err!r}")


@case
def test_exit_1_wins_over_unreadable():
    need_findings()
    rc, out, err = run(["check", "--sources", CORPUS, os.path.join(TMP, "nope.md"),
                        os.path.join(DRAFTS, "mistakes.md")])
    check(rc == 1, f"rc {rc}")


# ---------------------------------------------------------------- text format

LINE_RE = re.compile(r"^(?P<path>[^\s].*?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info|hint): "
                     r"(?P<msg>.+) \[(?P<code>[a-z]+(-[a-z]+)*)\]$")
EVID_RE = re.compile(r"^  ↳ .+ \((high|medium|low|unknown)\)(, [^:]+)?: \".*\" — .+(:\d+:\d+)?( \(revision \w+\))?$")
SUMMARY_RE = re.compile(r"^(no findings|\d+ errors?, \d+ warnings?, \d+ info(, \d+ hints?)?) in \d+ files? "
                        r"\(\d+ quotes?, \d+ figures? checked\)(; \d+ unreadable)?(; \d+ ignored)?$")


@case
def test_text_summary_line():
    rc, out, err = run(["check", "--sources", CORPUS, os.path.join(DRAFTS, "clean.md"),
                        os.path.join(DRAFTS, "plain.txt")])
    last = out.rstrip("\n").splitlines()[-1]
    check(SUMMARY_RE.match(last), f"summary line: {last!r}")
    check(" in 2 files " in last, last)
    check("\x1b[" not in out, "colour codes when not on a terminal")
    rc, out, err = run(["check", "--color", "always", "--sources", CORPUS, os.path.join(DRAFTS, "clean.md")])
    check("\x1b[" in out, "--color always gave no colour")
    rc, out, err = run(["check", "--quiet", "--sources", CORPUS, os.path.join(DRAFTS, "clean.md")])
    check(not any(SUMMARY_RE.match(l) for l in out.splitlines()), f"--quiet printed a summary: {out!r}")


@case
def test_text_finding_lines():
    need_findings()
    rc, out, err = run(["check", "--sources", CORPUS, os.path.join(DRAFTS, "mistakes.md")])
    lines = out.rstrip("\n").splitlines()
    findings = 0
    for l in lines[:-1]:
        if not l:
            continue
        if l.startswith("  ↳ "):
            check(EVID_RE.match(l), f"evidence line: {l!r}")
        elif l.startswith("  "):
            check(re.match(r"^  (fix|diff): \S", l) or l.startswith("  … and "), f"indented line: {l!r}")
        else:
            m = LINE_RE.match(l)
            check(m, f"finding line: {l!r}")
            check(m["path"].endswith("fixtures/drafts/mistakes.md"), l)
            findings += 1
    check(findings == len(diags(MISTAKES)), f"{findings} lines, JSON has {len(diags(MISTAKES))}")
    check(SUMMARY_RE.match(lines[-1]), lines[-1])


@case
def test_github_format():
    rc, out, err = run(["check", "--format", "github", "--sources", CORPUS, os.path.join(DRAFTS, "clean.md")])
    check(rc in (0, 1), f"rc {rc}")
    for l in out.splitlines():
        check(re.match(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]+::", l), l)
    need_findings()
    rc, out, err = run(["check", "--format", "github", "--sources", CORPUS, os.path.join(DRAFTS, "mistakes.md")])
    check(len(out.splitlines()) == len(diags(MISTAKES)), "one line per finding")
    for l in out.splitlines():
        check(re.match(r"^::(error|warning|notice) file=fixtures/drafts/mistakes.md,line=\d+,", l)
              or re.match(r"^::(error|warning|notice) file=/", l), l)


# ---------------------------------------------------------------- JSON

SEVERITIES = {"error", "warning", "info", "hint"}
CODES = ["misattributed-quote", "altered-quote", "unsourced-quote", "figure-mismatch",
         "weak-source", "sources-disagree", "corrected-source"]


def check_range(r, what):
    check(isinstance(r, dict) and list(r) == ["start", "end"], f"{what}: range keys {r!r}")
    for k in ("start", "end"):
        check(list(r[k]) == ["line", "column"], f"{what}: {k} keys")
        check(all(isinstance(r[k][x], int) and r[k][x] >= 1 for x in ("line", "column")), f"{what}: {r!r}")
    check((r["start"]["line"], r["start"]["column"]) <= (r["end"]["line"], r["end"]["column"]), f"{what}: reversed")


def check_doc(doc, audit=False):
    check(list(doc)[:3] == ["version", "files", "summary"], f"top-level keys {list(doc)}")
    check(doc["version"] == 1, "version")
    for f in doc["files"]:
        check(list(f)[:2] == ["path", "diagnostics"], f"file keys {list(f)}")
        for d in f["diagnostics"]:
            check(list(d)[:8] == ["code", "severity", "message", "range", "quote", "speaker", "evidence", "fix"],
                  f"diagnostic keys {list(d)}")
            check(d["code"] in CODES, d["code"])
            check(d["severity"] in SEVERITIES, d["severity"])
            check(isinstance(d["message"], str) and d["message"], "message")
            check_range(d["range"], "diagnostic")
            check(d["quote"] is None or isinstance(d["quote"], str), "quote")
            check(d["speaker"] is None or isinstance(d["speaker"], str), "speaker")
            for e in d["evidence"]:
                check(list(e)[:6] == ["path", "range", "outlet", "speaker", "credibility", "text"],
                      f"evidence keys {list(e)}")
                check(isinstance(e["path"], str), "evidence path")
                if e["range"] is not None:
                    check_range(e["range"], "evidence")
                check(isinstance(e["credibility"], (int, float)) and 0 <= e["credibility"] <= 1, "credibility")
            if d["fix"] is not None:
                check(list(d["fix"]) == ["title", "range", "replacement"], f"fix keys {list(d['fix'])}")
                check_range(d["fix"]["range"], "fix")
    s = doc["summary"]
    keys = ["files", "quotes_checked", "figures_checked", "findings", "by_severity", "by_code"]
    check(list(s)[:6] == keys, f"summary keys {list(s)}")
    check(list(s["by_severity"]) == ["error", "warning", "info", "hint"], "by_severity keys")
    check(list(s["by_code"]) == CODES, "by_code keys")
    check(s["files"] == len(doc["files"]), "summary files")
    n = sum(len(f["diagnostics"]) for f in doc["files"])
    check(s["findings"] == n == sum(s["by_severity"].values()) == sum(s["by_code"].values()),
          "summary counts disagree with the diagnostics")
    if audit:
        check("worst_files" in s, "audit summary lacks worst_files")


@case
def test_json_schema_and_stable_keys():
    rc, doc, err = check_json(["--sources", CORPUS, os.path.join(DRAFTS, "clean.md"),
                               os.path.join(DRAFTS, "plain.txt")])
    check(rc in (0, 1), f"rc {rc}")
    check_doc(doc)
    check([f["path"] for f in doc["files"]] == [os.path.join(DRAFTS, "clean.md"), os.path.join(DRAFTS, "plain.txt")],
          "files not in argument order")
    check(doc["summary"]["quotes_checked"] > 0, "no quotes counted")
    rc2, doc2, _ = check_json(["--sources", CORPUS, os.path.join(DRAFTS, "clean.md"),
                               os.path.join(DRAFTS, "plain.txt")])
    check(doc == doc2, "two runs differ")


def slice_range(path, r):
    """The text a range covers (1-based lines, code-point columns, end exclusive)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    (l1, c1), (l2, c2) = (r["start"]["line"], r["start"]["column"]), (r["end"]["line"], r["end"]["column"])
    if l1 == l2:
        return lines[l1 - 1][c1 - 1:c2 - 1]
    return "\n".join([lines[l1 - 1][c1 - 1:]] + lines[l1:l2 - 1] + [lines[l2 - 1][:c2 - 1]])


def norm(s):
    return " ".join(re.sub(r"[\"“”‘’'.,…]", " ", s).split()).lower()


@case
def test_json_diagnostics_on_mistakes():
    # The checker's accuracy is the golden tests' business; here: the JSON
    # is well formed and its ranges point at the right text, in the draft
    # and in the sources (code-point columns through qc_text).
    need_findings()
    check_doc(MISTAKES)
    draft = os.path.join(DRAFTS, "mistakes.md")
    check(any(d["severity"] == "error" for d in diags(MISTAKES)), "no error-level finding")
    nev = 0
    for d in diags(MISTAKES):
        got = slice_range(draft, d["range"])
        check(got.strip(), f"empty range {d['range']}")
        if d["quote"]:
            check(norm(d["quote"]) in norm(got) or norm(got) in norm(d["quote"]),
                  f"range {d['range']} covers {got!r}, quote is {d['quote']!r}")
        for e in d["evidence"]:
            if e["range"] is None or not e["text"]:
                continue
            path = e["path"] if os.path.isabs(e["path"]) else os.path.join(ROOT, e["path"])
            src = slice_range(path, e["range"])
            check(norm(e["text"]) in norm(src) or norm(src) in norm(e["text"]),
                  f"evidence range {e['path']} {e['range']} covers {src!r}, text is {e['text']!r}")
            nev += 1
        if d["fix"]:
            check(isinstance(d["fix"]["replacement"], str), "fix replacement")
    check(nev > 0, "no evidence with a range")
    rc, out, err = run(["check", "--sources", CORPUS, draft])
    text_pos = [(int(m[2]), int(m[3]), m[5]) for m in
                (LINE_RE.match(l) and re.match(r"^(.*?):(\d+):(\d+): (\w+): .* \[([a-z-]+)\]$", l)
                 for l in out.splitlines()) if m]
    json_pos = [(d["range"]["start"]["line"], d["range"]["start"]["column"], d["code"]) for d in diags(MISTAKES)]
    check(text_pos == json_pos, f"text and JSON disagree: {text_pos} vs {json_pos}")


@case
def test_code_point_columns():
    # Non-ASCII before the quote on its line: columns count code points
    # (é = 2 bytes, 🌊 = 4 bytes and 2 UTF-16 units, each one column).
    need_findings()
    line = 'Ostrel — « après » 🌊 "The water came down the valley like a flood," Orlik said.'
    f = write(os.path.join(TMP, "cp", "wave.md"), "# Night\n\n" + line + "\n")
    rc, doc, err = check_json(["--sources", CORPUS, f])
    ds = [d for d in diags(doc) if d["code"] == "altered-quote"]
    if not ds:
        raise Skip("qc_check reports no altered-quote here")
    want = line.index('"') + 1
    check(ds[0]["range"]["start"] == {"line": 3, "column": want}, f"start {ds[0]['range']['start']}, want column {want}")
    check(slice_range(f, ds[0]["range"]).startswith('"The water'), slice_range(f, ds[0]["range"]))
    rc, out, err = run(["check", "--sources", CORPUS, f])
    check(f"{f}:3:{want}: error: " in out, f"text column: {out[:200]!r}")
    rc, out, err = run(["check", "--format", "sarif", "--sources", CORPUS, f])
    res = [r for r in json.loads(out)["runs"][0]["results"] if r["ruleId"] == "altered-quote"]
    check(res[0]["locations"][0]["physicalLocation"]["region"]["startColumn"] == want, "SARIF column")


@case
def test_severity_floor():
    need_findings()
    rc, doc, err = check_json(["--severity", "error", "--sources", CORPUS, os.path.join(DRAFTS, "mistakes.md")])
    check(diags(doc) and all(d["severity"] == "error" for d in diags(doc)), "non-errors shown")
    check(len(diags(doc)) < len(diags(MISTAKES)), "nothing filtered")


# ---------------------------------------------------------------- SARIF

def check_sarif_region(r, what):
    for k in ("startLine", "startColumn", "endLine", "endColumn"):
        check(isinstance(r.get(k), int) and r[k] >= 1, f"{what}: region.{k} = {r.get(k)!r}")


def check_sarif_artifact(a, what):
    check(isinstance(a.get("uri"), str) and a["uri"], f"{what}: uri")
    check(" " not in a["uri"], f"{what}: uri not encoded: {a['uri']}")
    if "uriBaseId" in a:
        check(not a["uri"].startswith("/") and "://" not in a["uri"], f"{what}: relative uri expected")
    else:
        check(a["uri"].startswith("file://"), f"{what}: absolute uri without file://: {a['uri']}")


def check_sarif(doc):
    check(doc.get("version") == "2.1.0", "version")
    check(isinstance(doc.get("$schema"), str) and "sarif" in doc["$schema"], "$schema")
    check(isinstance(doc.get("runs"), list) and len(doc["runs"]) == 1, "runs")
    run_ = doc["runs"][0]
    drv = run_["tool"]["driver"]
    for k in ("name", "version", "informationUri"):
        check(isinstance(drv.get(k), str) and drv[k], f"driver.{k}")
    rules = drv.get("rules")
    check(isinstance(rules, list) and [r["id"] for r in rules] == CODES, "one rule per code, in code order")
    for r in rules:
        check(isinstance(r["shortDescription"]["text"], str) and r["shortDescription"]["text"], "shortDescription")
        check(r["helpUri"].startswith("https://") and r["id"] in r["helpUri"], f"helpUri {r['helpUri']}")
        check(r["defaultConfiguration"]["level"] in ("error", "warning", "note", "none"), "level")
    check(run_.get("columnKind") in ("unicodeCodePoints", "utf16CodeUnits"), "columnKind")
    base = run_.get("originalUriBaseIds", {}).get("SRCROOT", {}).get("uri", "")
    check(base.startswith("file:///") and base.endswith("/"), f"SRCROOT {base!r}")
    check(isinstance(run_.get("results"), list), "results")
    ids = [r["id"] for r in rules]
    for res in run_["results"]:
        check(res["ruleId"] in ids and ids[res["ruleIndex"]] == res["ruleId"], "ruleId/ruleIndex")
        check(res["level"] in ("error", "warning", "note", "none"), "result level")
        check(isinstance(res["message"]["text"], str) and res["message"]["text"], "message.text")
        check(len(res["locations"]) == 1, "locations")
        pl = res["locations"][0]["physicalLocation"]
        check_sarif_artifact(pl["artifactLocation"], "location")
        check_sarif_region(pl["region"], "location")
        for rel in res.get("relatedLocations", []):
            check(isinstance(rel["id"], int), "relatedLocation id")
            check(isinstance(rel["message"]["text"], str), "relatedLocation message")
            check_sarif_artifact(rel["physicalLocation"]["artifactLocation"], "relatedLocation")
            if "region" in rel["physicalLocation"]:
                check_sarif_region(rel["physicalLocation"]["region"], "relatedLocation")
        for fx in res.get("fixes", []):
            check(isinstance(fx["description"]["text"], str), "fix description")
            check(len(fx["artifactChanges"]) >= 1, "artifactChanges")
            for ch in fx["artifactChanges"]:
                check_sarif_artifact(ch["artifactLocation"], "fix")
                check(len(ch["replacements"]) >= 1, "replacements")
                for rep in ch["replacements"]:
                    check_sarif_region(rep["deletedRegion"], "deletedRegion")
                    check(isinstance(rep["insertedContent"]["text"], str), "insertedContent")
    return run_["results"]


@case
def test_sarif_structure():
    rc, out, err = run(["check", "--format", "sarif", "--sources", CORPUS, os.path.join(DRAFTS, "clean.md")])
    check(rc in (0, 1), f"rc {rc}")
    check_sarif(json.loads(out))
    # a path with a space, relative to the working directory
    d = tmpdir("sarif dir")
    shutil.copy(os.path.join(DRAFTS, "plain.txt"), d)
    rc, out, err = run(["check", "--format", "sarif", "--sources", CORPUS, "sarif dir/plain.txt"], cwd=TMP)
    doc = json.loads(out)
    check_sarif(doc)
    check(doc["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"].rstrip("/").endswith(
        TMP.replace(" ", "%20")), "SRCROOT is not the working directory")


@case
def test_sarif_results():
    need_findings()
    rc, out, err = run(["check", "--format", "sarif", "--sources", CORPUS, os.path.join(DRAFTS, "mistakes.md")],
                       cwd=ROOT)
    results_ = check_sarif(json.loads(out))
    check(len(results_) == len(diags(MISTAKES)), "one result per finding")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results_}
    check(uris == {"fixtures/drafts/mistakes.md"}, f"uris {uris}")
    check(any(r.get("relatedLocations") for r in results_), "no relatedLocations")


# ---------------------------------------------------------------- config discovery, stdin

@case
def test_config_discovery_from_draft_folder():
    proj = tmpdir("proj")
    config(proj, sources=[CORPUS])
    draft = shutil.copy(os.path.join(DRAFTS, "clean.md"), tmpdir("proj/desk/today"))
    other = tmpdir("elsewhere")
    rc, out, err = run(["check", draft], cwd=other)
    check(rc in (0, 1), f"config above the draft not found from another cwd: rc {rc} {err!r}")
    # a config in the working directory must not be used for a draft elsewhere
    lone = shutil.copy(os.path.join(DRAFTS, "clean.md"), tmpdir("lonely"))
    rc, out, err = run(["check", lone], cwd=proj)
    check(rc == 2 and "no corpus" in err, f"cwd's config used: rc {rc} {err!r}")
    # a relative source in the config is relative to the config's folder
    rel = tmpdir("proj2")
    shutil.copytree(CORPUS, os.path.join(rel, "sources"), dirs_exist_ok=True)
    config(rel, sources=["sources"])
    d2 = shutil.copy(os.path.join(DRAFTS, "clean.md"), tmpdir("proj2/drafts"))
    rc, out, err = run(["check", d2], cwd=other)
    check(rc in (0, 1), f"relative sources: rc {rc} {err!r}")


@case
def test_config_flag_and_sources_override():
    proj = tmpdir("override")
    cfg = config(proj, sources=["missing-folder"])
    draft = shutil.copy(os.path.join(DRAFTS, "clean.md"), proj)
    rc, out, err = run(["check", "--sources", CORPUS, draft])
    check(rc in (0, 1), f"--sources does not replace the config's: rc {rc} {err!r}")
    good = write(os.path.join(TMP, "cfgs", "good.json"), json.dumps({"sources": [CORPUS]}))
    rc, out, err = run(["check", "--config", good, draft])
    check(rc in (0, 1), f"--config not used: rc {rc} {err!r}")
    rc, out, err = run(["check", "--config", os.path.join(TMP, "cfgs", "none.json"), draft])
    check(rc == 2 and "none.json" in err, f"missing --config: rc {rc} {err!r}")


@case
def test_stdin():
    with open(os.path.join(DRAFTS, "clean.md"), "rb") as f:
        data = f.read()
    rc, doc, err = check_json(["--sources", CORPUS, "-"], stdin=data)
    check(rc in (0, 1), f"rc {rc} {err!r}")
    check(doc["files"][0]["path"] == "<stdin>", doc["files"][0]["path"])
    check(doc["summary"]["quotes_checked"] > 0, "nothing extracted from stdin")
    proj = tmpdir("stdinproj")
    config(proj, sources=[CORPUS])
    name = os.path.join(proj, "desk", "story.md")
    rc, doc, err = check_json(["--stdin-filename", name, "-"], cwd=tmpdir("stdin-cwd"), stdin=data)
    check(rc in (0, 1), f"--stdin-filename config discovery: rc {rc} {err!r}")
    check(doc["files"][0]["path"] == name, doc["files"][0]["path"])
    rc, out, err = run(["check", "--sources", CORPUS, "-"], stdin=b"abc\x00def")
    check(rc == 2 and "<stdin>" in err, f"binary stdin: rc {rc} {err!r}")


# ---------------------------------------------------------------- ignore, suppression

@case
def test_ignore_globs():
    proj = tmpdir("ign")
    config(proj, sources=[CORPUS], ignore=["archive/**", "*.txt"])
    shutil.copy(os.path.join(DRAFTS, "clean.md"), tmpdir("ign/desk"))
    shutil.copy(os.path.join(DRAFTS, "plain.txt"), tmpdir("ign/desk"))
    shutil.copy(os.path.join(DRAFTS, "clean.md"), tmpdir("ign/archive/2025"))
    rc, out, err = run(["audit", "--format", "json", proj], cwd=TMP)
    check(rc in (0, 1), f"rc {rc} {err!r}")
    doc = json.loads(out)
    paths = [f["path"] for f in doc["files"]]
    check(paths == [os.path.join(proj, "desk", "clean.md")], f"paths {paths}")
    check(doc["summary"]["ignored"] == 2, f"ignored {doc['summary']['ignored']}")
    rc, doc, err = check_json([os.path.join(proj, "desk", "plain.txt")])
    check(rc == 0 and doc["files"] == [] and doc["summary"]["ignored"] == 1, f"check: {rc} {doc['summary']}")


@case
def test_suppression_warning_for_unknown_code():
    d = tmpdir("supwarn")
    f = write(os.path.join(d, "s.md"), "Intro.\n\n<!-- quotecheck-disable-next-line altered-quotes -->\n"
                                        "\"The water came down the valley like a flood,\" Orlik said.\n")
    rc, out, err = run(["check", "--sources", CORPUS, f])
    check(re.search(re.escape(f) + r":3:\d+: warning: .*altered-quotes", err), f"no warning: {err!r}")


@case
def test_suppression_comments():
    need_findings()
    # The same draft with its quotecheck comments blanked (lines kept, so
    # positions match): what the comments remove must be exactly the
    # findings the directives name, whatever qc_check finds.
    src = os.path.join(DRAFTS, "suppressed.md")
    with open(src, encoding="utf-8") as f:
        text = f.read()
    bare = re.sub(r"<!--\s*quotecheck-[^>]*-->", "", text)
    plain = write(os.path.join(TMP, "unsuppressed", "suppressed.md"), bare)
    rc, doc, err = check_json(["--sources", CORPUS, src])
    rc2, doc2, err2 = check_json(["--sources", CORPUS, plain])
    got = {(d["range"]["start"]["line"], d["code"]) for d in diags(doc)}
    every = {(d["range"]["start"]["line"], d["code"]) for d in diags(doc2)}
    suppressed = {(8, "altered-quote"), (11, "unsourced-quote"), (13, "unsourced-quote"), (22, "figure-mismatch")}
    check(got <= every, f"comments added findings: {sorted(got - every)}")
    check(not (got & suppressed), f"suppressed findings reported: {sorted(got & suppressed)}")
    check(every - got <= suppressed, f"wrongly suppressed: {sorted((every - got) - suppressed)}")
    check(every - got, f"nothing was suppressed (without comments: {sorted(every)})")
    check((17, "misattributed-quote") in got or (17, "misattributed-quote") not in every,
          "disable-next-line naming another code suppressed line 17")


# ---------------------------------------------------------------- audit

def audit_tree():
    root = tmpdir("audit")
    if os.path.exists(os.path.join(root, ".quotecheck.json")):
        return root
    shutil.copytree(CORPUS, os.path.join(root, "corpus"))
    config(root, sources=["corpus"])
    for i in range(4):
        for name in ("clean.md", "mistakes.md", "plain.txt", "suppressed.md"):
            sub = tmpdir(f"audit/desk{i % 2}/batch{i}")
            shutil.copy(os.path.join(DRAFTS, name), sub)
    shutil.copy(os.path.join(DRAFTS, "mistakes.md"), tmpdir("audit/.hidden"))
    shutil.copy(os.path.join(DRAFTS, "mistakes.md"), tmpdir("audit/node_modules/x"))
    write(os.path.join(root, "desk0", "notes.json"), "{}")
    return root


@case
def test_audit_deterministic_across_jobs():
    root = audit_tree()
    outs = {}
    for fmt in ("text", "json", "sarif"):
        for j in ("1", "4"):
            rc, out, err = run(["audit", "-j", j, "--format", fmt, "."], cwd=root)
            check(rc in (0, 1), f"{fmt} -j {j}: rc {rc} {err!r}")
            outs[(fmt, j)] = out
        check(outs[(fmt, "1")] == outs[(fmt, "4")], f"{fmt}: -j 1 and -j 4 differ")
    doc = json.loads(outs[("json", "1")])
    check_doc(doc, audit=True)
    paths = [f["path"] for f in doc["files"]]
    check(paths == sorted(paths), "files not sorted by path")
    check(len(paths) == 16, f"expected 16 drafts, got {len(paths)}: {paths}")
    check(not any(p.startswith(("corpus/", ".hidden/", "node_modules/")) for p in paths), f"skipped folders walked: {paths}")
    check_sarif(json.loads(outs[("sarif", "1")]))
    text = outs[("text", "1")]
    for label in ("Summary", "files ", "quotes checked", "figures checked", "findings "):
        check(label in text, f"text summary lacks {label!r}")
    check(SUMMARY_RE.match(text.rstrip("\n").splitlines()[-1]), "last line")


@case
def test_audit_memory_budget():
    """QUOTECHECK_MEMORY_MB=1: the corpus's caches are trimmed after every
    draft (workers pause for it); the report is the same as without."""
    root = audit_tree()
    rc, full, err = run(["audit", "-j", "2", "--format", "json", "."], cwd=root)
    check(rc in (0, 1), f"rc {rc} {err!r}")
    p = subprocess.run([BIN, "audit", "-j", "2", "--format", "json", "."], cwd=root,
                       capture_output=True, env=dict(ENV, QUOTECHECK_MEMORY_MB="1"), timeout=300)
    check(p.returncode == rc, f"rc {p.returncode} with a 1 MB budget, {rc} without")
    check(p.stdout.decode() == full, "a 1 MB budget changed the report")


@case
def test_audit_findings_by_code_and_worst_files():
    need_findings()
    root = audit_tree()
    rc, out, err = run(["audit", "--format", "json", "."], cwd=root)
    doc = json.loads(out)
    s = doc["summary"]
    check(rc == 1, f"rc {rc}")
    counted = {c: 0 for c in CODES}
    per_file = {}
    for f in doc["files"]:
        sev = {k: 0 for k in ("error", "warning", "info", "hint")}
        for d in f["diagnostics"]:
            counted[d["code"]] += 1
            sev[d["severity"]] += 1
        if f["diagnostics"]:
            per_file[f["path"]] = sev
    check(s["by_code"] == counted, f"by_code {s['by_code']} vs {counted}")
    key = lambda p: (-per_file[p]["error"], -per_file[p]["warning"], -per_file[p]["info"], -per_file[p]["hint"], p)
    want = sorted(per_file, key=key)[:10]
    got = [w["path"] for w in s["worst_files"]]
    check(got == want, f"worst files {got[:3]}, want {want[:3]}")
    check(all(w["by_severity"] == per_file[w["path"]] for w in s["worst_files"]), "worst_files counts")
    rc, out, err = run(["audit", "."], cwd=root)
    check("worst files" in out and "by code" in out, "text summary sections")


@case
def test_audit_errors():
    rc, out, err = run(["audit", "--sources", CORPUS, os.path.join(TMP, "no-such-dir")])
    check(rc == 2 and "no-such-dir" in err, f"rc {rc} {err!r}")
    d = tmpdir("audit-nocorpus")
    shutil.copy(os.path.join(DRAFTS, "clean.md"), d)
    rc, out, err = run(["audit", d], cwd=d)
    check(rc == 2 and "no corpus" in err, f"rc {rc} {err!r}")
    d = tmpdir("audit-bad")
    config(d, sources=[CORPUS])
    shutil.copy(os.path.join(DRAFTS, "clean.md"), d)
    write(os.path.join(d, "bad.md"), b"ok\n\xff\xfe\n", "wb")
    rc, out, err = run(["audit", "--format", "json", d])
    check((rc == 2 or (rc == 1 and LIVE)) and "bad.md" in err, f"unreadable draft: rc {rc} {err!r}")
    doc = json.loads(out)
    check(doc["summary"]["unreadable"] == 1 and len(doc["files"]) == 1, f"summary {doc['summary']}")


# ---------------------------------------------------------------- HTML

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags, self.doctype, self.text = [], [], [], False, []

    def handle_decl(self, decl):
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def check_html(path):
    with open(path, encoding="utf-8") as f:
        page = f.read()
    p = Checker()
    p.feed(page)
    p.close()
    check(p.doctype, "no <!DOCTYPE html>")
    check(not p.errors, f"unbalanced tags: {p.errors[:5]}")
    check(not p.stack, f"unclosed tags: {p.stack}")
    names = [t for t, _ in p.tags]
    check("style" in names and "title" in names, "no inline <style> or <title>")
    check("script" not in names and "link" not in names and "img" not in names and "iframe" not in names,
          "external or active content")
    for tag, attrs in p.tags:
        check("src" not in attrs, f"<{tag} src=…>")
        check("style" not in attrs or "url(" not in attrs["style"], "url() in a style attribute")
    check(not re.search(r"url\(|@import", page), "CSS loads something")
    check(not re.search(r"""(src|href)\s*=\s*["']?//""", page), "protocol-relative asset")
    return p, page


@case
def test_html_report_self_contained():
    root = audit_tree()
    weird = tmpdir("audit/desk1/odd")
    shutil.copy(os.path.join(DRAFTS, "clean.md"), os.path.join(weird, "a<u>&c.md"))
    try:
        out_path = os.path.join(TMP, "report.html")
        rc, out, err = run(["audit", "--format", "html", "--output", out_path, "."], cwd=root)
        check(rc in (0, 1), f"rc {rc} {err!r}")
        check(out == "", "report also written to stdout")
        p, page = check_html(out_path)
        check(not any(t == "u" for t, _ in p.tags), "a file name was not escaped")
        check("a&lt;u&gt;&amp;c.md" in page, "escaped file name missing")
        check("desk0/batch0/clean.md" in page, "drafts missing from the report")
        rc, out, err = run(["audit", "--format", "html", "."], cwd=root)
        check(out.startswith("<!DOCTYPE html>"), "html on stdout")
    finally:
        shutil.rmtree(weird)


@case
def test_html_findings_side_by_side():
    need_findings()
    root = audit_tree()
    out_path = os.path.join(TMP, "report2.html")
    run(["audit", "--format", "html", "-o", out_path, "."], cwd=root)
    p, page = check_html(out_path)
    check("<mark>" in page and 'class="pane"' in page, "no draft/source panes")
    check(re.search(r'class="finding (error|warning|info|hint)"', page), "findings not coloured by severity")


# ---------------------------------------------------------------- demo

@case
def test_demo_script():
    demo = os.path.join(ROOT, "tests", "demo.sh")
    check(os.path.exists(demo), "tests/demo.sh missing")
    p = subprocess.run(["bash", demo, BIN], cwd=ROOT, capture_output=True, env=ENV, timeout=120)
    out = p.stdout.decode("utf-8", "replace")
    check(p.returncode == 0, f"demo exit {p.returncode}: {p.stderr[-300:]!r}")
    check("quotecheck check" in out and "mistakes.md" in out, "demo does not show check on mistakes.md")


shutil.rmtree(TMP, ignore_errors=True)
sys.exit(1 if results["fail"] else 0)
