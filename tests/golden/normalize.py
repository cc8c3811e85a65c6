#!/usr/bin/env python3
"""tests/golden/normalize.py — reduce `quotecheck check --format json` output
to what the golden tests compare (owned by the matching engineer): per
diagnostic its line, code, severity, the draft's speaker, the first fix's
replacement and the evidence files (base names, sorted). Messages, columns
and evidence order are left out so wording can improve without churn.

  normalize.py < report.json            print the normalised JSON
  normalize.py --compare EXPECTED < report.json
                                        exit 0 if equal, else print the
                                        differences and exit 1
"""
import json
import os
import sys


def normalise(report):
    out = []
    for f in report.get("files", []):
        for d in f.get("diagnostics", []):
            fixes = d.get("fix") or d.get("fixes") or []
            if isinstance(fixes, dict):
                fixes = [fixes]
            fix = None
            if fixes:
                first = fixes[0]
                fix = first.get("replacement", first.get("newText")) if isinstance(first, dict) else None
            ev = sorted({os.path.basename(e.get("path") or "") for e in d.get("evidence") or []})
            out.append({
                "line": d["range"]["start"]["line"],
                "code": d["code"],
                "severity": d["severity"],
                "speaker": d.get("speaker"),
                "fix": fix,
                "evidence": ev,
            })
    out.sort(key=lambda x: (x["line"], x["code"]))
    return out


def main():
    report = json.load(sys.stdin)
    got = normalise(report)
    if len(sys.argv) >= 3 and sys.argv[1] == "--compare":
        with open(sys.argv[2]) as fh:
            want = json.load(fh)
        if got == want:
            return 0
        key = lambda x: (x["line"], x["code"])
        gk = {key(x): x for x in got}
        wk = {key(x): x for x in want}
        for k in sorted(set(gk) | set(wk)):
            if k not in gk:
                print(f"  missing  line {k[0]} {k[1]}")
            elif k not in wk:
                print(f"  extra    line {k[0]} {k[1]}: {json.dumps(gk[k])}")
            elif gk[k] != wk[k]:
                print(f"  changed  line {k[0]} {k[1]}: want {json.dumps(wk[k])}, got {json.dumps(gk[k])}")
        return 1
    json.dump(got, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
