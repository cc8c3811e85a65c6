#!/usr/bin/env python3
"""tests/valgrind/vgcheck.py LOG OUTPUT — judge a cmocka unit binary's run
under valgrind. Memory errors (invalid reads/writes/frees, uninitialised
values, overlaps) always fail. Definite leaks fail, except those whose
stack lies inside a test that cmocka reports as failed on a timing assert
(e.g. `dt < 60.0`: a time limit made for native speed, not valgrind's):
such a test is aborted by cmocka's longjmp before it frees its buffers.
Prints a note for those and exits 0; otherwise exits 1 with the reason.
Owned by the hostile tests.
"""
import re
import sys

log = open(sys.argv[1], errors="replace").read()
out = open(sys.argv[2], errors="replace").read()
bad = re.findall(r"(Invalid (?:read|write|free)|uninitialised|Conditional jump|Mismatched free|Source and destination overlap|Syscall param)", log)
if bad:
    print("memory errors: %s" % ", ".join(sorted(set(bad))))
    sys.exit(1)
records = [r for r in re.split(r"==\d+== \n", log) if "definitely lost" in r]
# cmocka: "[  ERROR   ] --- <message>" ... "[  FAILED  ] test_name"
failed, timing = set(), set()
msg = []
for line in out.splitlines():
    m = re.match(r"\[  (?:ERROR|FAILED)\s*\] (.*)", line)
    if line.startswith("[  ERROR   ] --- "):
        msg.append(line)
    elif line.startswith("[ RUN      ] "):
        msg = []
    m = re.match(r"\[  FAILED  \] (test_\w+)$", line)
    if m:
        failed.add(m.group(1))
        if msg and all(re.search(r"\b(dt|now\(\) - t0|seconds|elapsed)\b.*<", x) for x in msg):
            timing.add(m.group(1))
if not records and not failed:
    sys.exit(0)
unexplained = [r for r in records if not any(t in r for t in timing)]
if unexplained or failed - timing:
    print("definite leaks%s" % ((" (failed tests: %s)" % ", ".join(sorted(failed))) if failed else ""))
    sys.exit(1)
print("note: %s failed a timing assert under valgrind%s" % (", ".join(sorted(timing)),
      "; the only leaks are their aborted buffers" if records else ""))
sys.exit(0)
