#!/usr/bin/env python3
"""tests/golden/score_drafts.py — scores `quotecheck check` on drafts with
injected mistakes (owned by the matching engineer; used by
seeds/eval/score.sh and wikinews/eval/score.sh).

  score_drafts.py BIN SOURCES DRAFT.md...

Each DRAFT.md has a DRAFT.expected beside it: one line per injected mistake,
`LINE CODE[|CODE] note` (lines starting with # are comments). A mistake is
caught when an error or warning is reported on its line (right code when the
code is one of those listed); every other error or warning is a false alarm.
Prints one line per draft, the misses and false alarms, and a TOTAL line:
injected, caught, right code, false alarms, and the share of reported errors
and warnings that are right (precision). Exit 0, or 2 when the binary fails.
Gates (for the test suite): QC_GATE_CAUGHT=X (share caught at least X) and
QC_GATE_FALSE=N (at most N false alarms); exit 1 when one fails.

The .expected files are frozen (sha256) before the first run. A mistake in
one found afterwards is corrected in an ERRATA file beside the drafts, never
in the frozen file: `DRAFT.md LINE NEWLINE reason` moves an expectation
from LINE to NEWLINE (the writer counted lines wrongly). Each correction is
printed when it is applied.
"""
import json
import os
import subprocess
import sys


def expected(path):
    exp = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split(None, 2)
            if len(p) >= 2 and p[0].isdigit():
                exp[int(p[0])] = p[1].split("|")
    return exp


def errata(folder):
    fixes = {}
    path = os.path.join(folder, "ERRATA")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                p = line.split(None, 3)
                if len(p) >= 3 and not line.startswith("#") and p[1].isdigit() and p[2].isdigit():
                    fixes.setdefault(p[0], []).append((int(p[1]), int(p[2]), p[3].strip() if len(p) > 3 else ""))
    return fixes


def main():
    if len(sys.argv) < 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    qc_bin, sources, drafts = sys.argv[1], sys.argv[2], sys.argv[3:]
    tot = {"injected": 0, "caught": 0, "exact": 0, "false": 0, "reported": 0, "right": 0}
    for d in drafts:
        exp = expected(d[:-3] + ".expected")
        for frm, to, why in errata(os.path.dirname(os.path.abspath(d))).get(os.path.basename(d), []):
            if frm in exp:
                exp[to] = exp.pop(frm)
                print(f"{d}: erratum: expectation of line {frm} moved to line {to} ({why})")
        run = subprocess.run([qc_bin, "check", "--no-config", "--no-cache", "--format", "json",
                              "--sources", sources, d], capture_output=True, text=True)
        if run.returncode not in (0, 1):
            print(f"{d}: quotecheck exited {run.returncode}: {run.stderr.strip()}")
            return 2
        found = {}
        for f in json.loads(run.stdout)["files"]:
            for x in f["diagnostics"]:
                if x["severity"] in ("error", "warning"):
                    found.setdefault(x["range"]["start"]["line"], []).append(x["code"])
        caught = sum(1 for l in exp if l in found)
        exact = sum(1 for l, c in exp.items() if any(x in c for x in found.get(l, [])))
        false = [(l, c) for l, cs in found.items() for c in cs if l not in exp]
        reported = sum(len(cs) for cs in found.values())
        print(f"{d}: injected {len(exp)} caught {caught} (right code {exact}) false alarms {len(false)}"
              + "".join(f"\n  missed line {l} {exp[l]}" for l in exp if l not in found)
              + "".join(f"\n  false alarm line {l} {c}" for l, c in false))
        for k, v in (("injected", len(exp)), ("caught", caught), ("exact", exact),
                     ("false", len(false)), ("reported", reported), ("right", reported - len(false))):
            tot[k] += v
    prec = tot["right"] / tot["reported"] if tot["reported"] else 1.0
    rec = tot["caught"] / tot["injected"] if tot["injected"] else 1.0
    print(f"TOTAL injected {tot['injected']} caught {tot['caught']} (right code {tot['exact']}) "
          f"false alarms {tot['false']} — caught {rec:.1%}, reported errors and warnings right "
          f"{prec:.1%} ({tot['right']}/{tot['reported']})")
    gc, gf = os.environ.get("QC_GATE_CAUGHT"), os.environ.get("QC_GATE_FALSE")
    if (gc and rec + 1e-9 < float(gc)) or (gf and tot["false"] > int(gf)):
        print(f"GATE FAILED: caught {rec:.1%} (gate {gc}), false alarms {tot['false']} (gate {gf})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
