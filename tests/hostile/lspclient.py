"""tests/hostile/lspclient.py — a raw JSON-RPC (LSP base protocol) client for
the hostile-input tests and the soak driver: frames and sends messages (or
raw bytes, possibly one byte at a time), reads the server's messages on a
thread, waits for responses and notifications. Standard library only.
Owned by the hostile tests.
"""
import json
import os
import queue
import subprocess
import threading
import time


def frame(obj):
    body = obj if isinstance(obj, bytes) else json.dumps(obj).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Server:
    """`quotecheck lsp` as a child. `time_file`: run under /usr/bin/time -f %M
    (peak RSS in KiB, read with peak_rss_kib() after exit)."""

    def __init__(self, binary, args=(), cwd=None, time_file=None, env=None, stderr_path=None):
        cmd = [binary, "lsp"] + list(args)
        self.time_file = time_file
        if time_file:
            cmd = ["/usr/bin/time", "-f", "%M", "-o", time_file] + cmd
        self.stderr_path = stderr_path or os.devnull
        self._stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self._stderr, cwd=cwd, env=env, bufsize=0)
        self.inbox = queue.Queue()
        self.pending = []          # messages read but not yet matched
        self.next_id = 1000
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        f = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = f.readline()
                    if not line:
                        self.inbox.put(None)
                        return
                    line = line.strip()
                    if not line:
                        break
                    k, _, v = line.partition(b":")
                    if k.strip().lower() == b"content-length":
                        length = int(v.strip())
                body = b""
                while len(body) < length:
                    chunk = f.read(length - len(body))
                    if not chunk:
                        self.inbox.put(None)
                        return
                    body += chunk
                self.inbox.put(json.loads(body))
        except Exception as e:  # noqa: BLE001
            self.inbox.put({"__reader_error__": repr(e)})
            self.inbox.put(None)

    # ---- sending
    def raw(self, data, one_byte_at_a_time=False):
        try:
            if one_byte_at_a_time:
                for i in range(len(data)):
                    self.proc.stdin.write(data[i:i + 1])
            else:
                self.proc.stdin.write(data)
            self.proc.stdin.flush()
            return True
        except (BrokenPipeError, OSError):
            return False

    def send(self, obj, **kw):
        return self.raw(frame(obj), **kw)

    def notify(self, method, params=None):
        m = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            m["params"] = params
        return self.send(m)

    def request_async(self, method, params=None, **kw):
        self.next_id += 1
        m = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            m["params"] = params
        self.send(m, **kw)
        return self.next_id

    def request(self, method, params=None, timeout=30, **kw):
        rid = self.request_async(method, params, **kw)
        return self.wait(lambda m: m.get("id") == rid and "method" not in m, timeout)

    # ---- receiving
    def wait(self, pred, timeout=30):
        """The first message (read or still to come) matching pred; None on
        timeout or when the server's output ended. Server requests seen on
        the way are answered with null."""
        for i, m in enumerate(self.pending):
            if pred(m):
                return self.pending.pop(i)
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            try:
                m = self.inbox.get(timeout=left)
            except queue.Empty:
                return None
            if m is None:
                self.inbox.put(None)
                return None
            if "method" in m and "id" in m:       # a request from the server
                self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
            if pred(m):
                return m
            self.pending.append(m)
            if len(self.pending) > 10000:
                del self.pending[:5000]

    def initialize(self, root_uri=None, caps=None, options=None):
        r = self.request("initialize", {"processId": os.getpid(), "rootUri": root_uri,
                                        "capabilities": caps or {},
                                        "initializationOptions": options or {}})
        self.notify("initialized", {})
        return r

    def close_stdin(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass

    def finish(self, timeout=30):
        """Shut down politely (if still alive); the exit code, or None on a hang."""
        if self.proc.poll() is None:
            try:
                self.request("shutdown", timeout=timeout)
                self.notify("exit")
            except Exception:  # noqa: BLE001
                pass
            self.close_stdin()
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            code = None
        self._stderr.close()
        return code

    def peak_rss_kib(self):
        try:
            with open(self.time_file) as f:
                lines = [l for l in f.read().split() if l.isdigit()]
            return int(lines[-1]) if lines else None
        except (OSError, TypeError):
            return None

    def stderr_text(self):
        try:
            with open(self.stderr_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""


def rss_kib(pid):
    """Current resident set of a process (KiB), from /proc."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None
