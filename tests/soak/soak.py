#!/usr/bin/env python3
"""tests/soak/soak.py — a scripted language-server session for the soak test
(`make soak`): N edits (default 100,000) to an open draft, each waited for
(didChange -> publishDiagnostics of that version), with a source file of the
corpus changed and announced (workspace/didChangeWatchedFiles) every K
edits (default 10,000). Reports resident memory (VmRSS) after the first
check and at the end, the peak (VmHWM), and latency percentiles.

  python3 tests/soak/soak.py --bin bin/quotecheck [--edits N] [--every K]
          [--json FILE] [--wrap "valgrind ..."] [--timeout S]

The draft and corpus are copies of fixtures/ in a temporary folder; the
index cache goes there too. Exit status 1 if the server died, a
publication did not come within --timeout seconds, or the session did not
end with shutdown/exit code 0. Standard library only (tests/hostile/lspclient.py).
Owned by the soak test.
"""
import argparse
import json
import os
import random
import shlex
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "hostile"))
import lspclient  # noqa: E402


def status_kib(pid, key):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def utf16_pos(text, offset):
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return {"line": line, "character": len(text[start:offset].encode("utf-16-le")) // 2}


def pct(values, p):
    if not values:
        return 0.0
    v = sorted(values)
    k = min(len(v) - 1, max(0, int(round(p / 100.0 * (len(v) - 1)))))
    return v[k]


INSERTS = [" ", "x", "é", "“", "”", " the mayor said", ", 12", " “We will reopen it,” Holt said. ",
           " more than 3,000 people ", "😀", "\n\n", " according to the ministry "]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "bin", "quotecheck"))
    ap.add_argument("--edits", type=int, default=100000)
    ap.add_argument("--every", type=int, default=10000)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--json")
    ap.add_argument("--wrap", default="")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    tmp = tempfile.mkdtemp(prefix="qc-soak-")
    try:
        corpus = os.path.join(tmp, "corpus")
        shutil.copytree(os.path.join(ROOT, "fixtures", "corpus"), corpus)
        draft_path = os.path.join(tmp, "draft.md")
        base = open(os.path.join(ROOT, "fixtures", "drafts", "mistakes.md"), encoding="utf-8").read()
        shutil.copy(os.path.join(ROOT, "fixtures", "drafts", "mistakes.md"), draft_path)
        env = dict(os.environ, QC_CACHE_DIR=os.path.join(tmp, "cache"))
        binary = os.path.abspath(a.bin)
        s = lspclient.Server(binary, ["--corpus", corpus, "--debounce", "0"], cwd=tmp, env=env,
                             stderr_path=os.path.join(tmp, "server.err"))
        if a.wrap:   # e.g. valgrind: prepend to the command
            s.proc.kill()
            s.proc.wait()
            s = None
            import subprocess
            wrapped = lspclient.Server.__new__(lspclient.Server)
            wrapped.time_file = None
            wrapped.stderr_path = os.path.join(tmp, "server.err")
            wrapped._stderr = open(wrapped.stderr_path, "wb")
            wrapped.proc = subprocess.Popen(shlex.split(a.wrap) + [binary, "lsp", "--corpus", corpus, "--debounce", "0"],
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=wrapped._stderr,
                                            cwd=tmp, env=env, bufsize=0)
            import queue
            import threading
            wrapped.inbox = queue.Queue()
            wrapped.pending = []
            wrapped.next_id = 1000
            wrapped.reader = threading.Thread(target=wrapped._read, daemon=True)
            wrapped.reader.start()
            s = wrapped
        pid = s.proc.pid
        t_start = time.monotonic()
        init = s.initialize(root_uri="file://" + tmp)
        if not init or "result" not in init:
            print("soak: no initialize result")
            return 1
        uri = "file://" + draft_path
        text = base
        s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})

        def published(version):
            return lambda m: (m.get("method") == "textDocument/publishDiagnostics" and
                              m["params"].get("uri") == uri and m["params"].get("version") == version)
        first = s.wait(published(1), timeout=a.timeout)
        if first is None:
            print("soak: no diagnostics for the opened draft")
            return 1
        rss_start = status_kib(pid, "VmRSS")
        lat, reload_lat, reloads, ndiag = [], [], 0, len(first["params"]["diagnostics"])
        source = os.path.join(corpus, sorted(f for f in os.listdir(corpus) if f.endswith((".txt", ".md")))[0])
        t_edits = time.monotonic()
        version = 1
        for i in range(1, a.edits + 1):
            version += 1
            if len(text) > 3 * len(base) or (i % 5000 == 0):
                change = {"text": base}        # whole-document replacement keeps it bounded
                text = base
            else:
                k = rnd.randrange(len(text) + 1)
                while 0 < k < len(text) and 0xDC00 <= ord(text[k]) <= 0xDFFF:
                    k -= 1
                op = rnd.random()
                if op < 0.55:
                    ins = rnd.choice(INSERTS)
                    change = {"range": {"start": utf16_pos(text, k), "end": utf16_pos(text, k)}, "text": ins}
                    text = text[:k] + ins + text[k:]
                else:
                    e = min(len(text), k + rnd.randrange(1, 12))
                    rep = rnd.choice(INSERTS) if op > 0.85 else ""
                    change = {"range": {"start": utf16_pos(text, k), "end": utf16_pos(text, e)}, "text": rep}
                    text = text[:k] + rep + text[e:]
            t0 = time.monotonic()
            s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
            m = s.wait(published(version), timeout=a.timeout)
            if m is None:
                print("soak: no diagnostics for version %d (edit %d); server exit %s" % (version, i, s.proc.poll()))
                print(s.stderr_text()[-2000:])
                return 1
            lat.append((time.monotonic() - t0) * 1000.0)
            ndiag = len(m["params"]["diagnostics"])
            s.pending.clear()
            if a.every and i % a.every == 0:
                with open(source, "a", encoding="utf-8") as f:
                    f.write("\n“Revision %d of this statement is final,” the ministry said.\n" % i)
                t0 = time.monotonic()
                s.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": "file://" + source, "type": 2}]})
                # the reload rechecks the open draft: a new publication of the same version
                m = s.wait(published(version), timeout=a.timeout)
                if m is None:
                    print("soak: no re-publication after source change at edit %d" % i)
                    return 1
                reload_lat.append((time.monotonic() - t0) * 1000.0)
                reloads += 1
                s.pending.clear()
        t_end = time.monotonic()
        rss_end = status_kib(pid, "VmRSS")
        hwm = status_kib(pid, "VmHWM")
        code = s.finish(timeout=a.timeout)
        res = {
            "edits": a.edits, "source_changes": reloads, "seconds_total": round(t_end - t_start, 1),
            "seconds_edits": round(t_end - t_edits, 1),
            "rss_kib_start": rss_start, "rss_kib_end": rss_end, "rss_kib_peak": hwm,
            "latency_ms": {"p50": round(pct(lat, 50), 2), "p90": round(pct(lat, 90), 2), "p99": round(pct(lat, 99), 2),
                           "p999": round(pct(lat, 99.9), 2), "max": round(max(lat) if lat else 0, 2)},
            "reload_latency_ms": {"p50": round(pct(reload_lat, 50), 1), "max": round(max(reload_lat) if reload_lat else 0, 1)},
            "last_diagnostics": ndiag, "exit_code": code,
        }
        print("soak: edits %d (+%d source changes) in %.1fs; RSS start %s KiB, end %s KiB, peak %s KiB"
              % (a.edits, reloads, res["seconds_edits"], rss_start, rss_end, hwm))
        print("soak: didChange -> publishDiagnostics latency ms: p50 %(p50)s p90 %(p90)s p99 %(p99)s p99.9 %(p999)s max %(max)s"
              % res["latency_ms"])
        print("soak: source change -> re-publication ms: p50 %s max %s; server exit %s"
              % (res["reload_latency_ms"]["p50"], res["reload_latency_ms"]["max"], code))
        if a.json:
            with open(a.json, "w") as f:
                json.dump(res, f, indent=1)
        return 0 if code == 0 else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
