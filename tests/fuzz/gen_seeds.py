#!/usr/bin/env python3
"""tests/fuzz/gen_seeds.py — writes the seed inputs in tests/fuzz/seeds/<harness>/.

Every seed is invented text (no seed-article or Wikinews text). The cache
seeds need a valid index image: pass the path of a fuzz_cache or replay
binary with --cache-binary to regenerate them (it dumps the cache it makes
through QC_FUZZ_DUMP_CACHE). Owned by the fuzz tests.
Usage: python3 tests/fuzz/gen_seeds.py [--cache-binary BIN]
"""
import json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(ROOT, "seeds")


def put(harness, name, data):
    d = os.path.join(SEEDS, harness)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


DRAFT_MD = """# Bridge to close

The harbour bridge will close for more than a dozen days, the city said.

"We will reopen it before the festival," Mayor Lena Holt said on Monday.
She added: "Nobody will be stranded."

> “Repairs cost $4.5 million,” said the Example Wire.

- About 3,000 people cross it every day, according to the port authority (PA).
- The PA said it was “a necessary step”.

```
"code is not a quote," nobody said
```

<!-- quotecheck-disable-next-line weak-source -->
Holt, who spoke at 5:30 p.m. EST on January 6, 2020, vowed “swift work”.
"""

DRAFT_TXT = """The harbour bridge will close for 12 days, the city said on Monday.
"We will reopen it before the festival," Mayor Lena Holt told reporters. "Nobody will be stranded.
"The ferries will run every 20 minutes," she said.
According to the port authority, nearly 40% of commuters use it; dozens of boats wait.
«Nous rouvrirons», a dit le maire. ‘Martyr Bridge’ was its old name.
"""


def lsp(*msgs, lf="\r\n"):
    out = b""
    for m in msgs:
        body = m if isinstance(m, (bytes, str)) and not isinstance(m, dict) else json.dumps(m)
        if isinstance(body, str):
            body = body.encode("utf-8")
        out += b"Content-Length: %d%s%s" % (len(body), lf.encode(), lf.encode()) + body
    return out


def session(text, uri="file:///tmp/qcfuzz-draft.md", lang="markdown", caps=None):
    caps = caps if caps is not None else {
        "general": {"positionEncodings": ["utf-8", "utf-16"]},
        "textDocument": {"diagnostic": {}, "publishDiagnostics": {"relatedInformation": True},
                         "codeAction": {"codeActionLiteralSupport": {}},
                         "hover": {"contentFormat": ["markdown"]}},
        "workspace": {"configuration": True, "didChangeWatchedFiles": {"dynamicRegistration": True},
                      "diagnostics": {"refreshSupport": True}},
        "window": {"workDoneProgress": True}}
    td = {"textDocument": {"uri": uri}}
    pos = {"line": 4, "character": 3}
    return [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": None, "capabilities": caps,
                    "initializationOptions": {"debounceMs": 0, "inlayHints": True}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "result": [{}]},
        {"jsonrpc": "2.0", "id": 3, "result": None},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": text}}},
        {"jsonrpc": "2.0", "method": "textDocument/didChange",
         "params": {"textDocument": {"uri": uri, "version": 2},
                    "contentChanges": [{"range": {"start": {"line": 2, "character": 4},
                                                  "end": {"line": 2, "character": 9}}, "text": "ferry “x”"},
                                       {"text": text + "\nMore: “one more quote,” Holt said.\n"}]}},
        {"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": dict(td, position=pos)},
        {"jsonrpc": "2.0", "id": "five", "method": "textDocument/definition", "params": dict(td, position=pos)},
        {"jsonrpc": "2.0", "id": 6, "method": "textDocument/codeAction",
         "params": dict(td, range={"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}},
                        context={"diagnostics": []})},
        {"jsonrpc": "2.0", "id": 7, "method": "textDocument/inlayHint",
         "params": dict(td, range={"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}})},
        {"jsonrpc": "2.0", "id": 8, "method": "textDocument/diagnostic", "params": td},
        {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 8}},
        {"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles",
         "params": {"changes": [{"uri": "file:///tmp/qcfuzz/corpus/wire.txt", "type": 2}]}},
        {"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration",
         "params": {"settings": {"quotecheck": {"severity": {"weak-source": "off"}}}}},
        {"jsonrpc": "2.0", "id": 9, "method": "workspace/executeCommand",
         "params": {"command": "quotecheck.reindex"}},
        {"jsonrpc": "2.0", "method": "textDocument/didSave", "params": td},
        {"jsonrpc": "2.0", "method": "textDocument/didClose", "params": td},
        {"jsonrpc": "2.0", "id": 10, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]


def main():
    # ---- jsonrpc: byte 0 seeds the chunking, the rest is the stream
    put("jsonrpc", "session-md", b"\x07" + lsp(*session(DRAFT_MD)))
    put("jsonrpc", "session-txt-utf16", b"\x2a" + lsp(*session(DRAFT_TXT, "file:///tmp/d.txt", "plaintext", caps={})))
    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
    put("jsonrpc", "bad-headers", b"\x01" + b"Content-Length: -5\r\n\r\n{}" + lsp(init) +
        b"Content-Length: 9223372036854775808\r\n\r\n" + b"Content-Length: abc\r\n\r\nxx\r\n" +
        b"Content-Type: x\r\n\r\n{\"no\":1}" + lsp({"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"}) +
        lsp("[1,2]", "not json", '{"jsonrpc":"2.0","id":[1],"method":"x"}',
            '{"jsonrpc":"2.0","id":12345678901234567890,"method":"shutdown"}'))
    big = json.dumps({"jsonrpc": "2.0", "id": 77, "method": "textDocument/hover", "params": {"pad": "x" * 3000}})
    put("jsonrpc", "too-big", b"\x03" + lsp(init, big, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
    put("jsonrpc", "bare-lf", b"\x05" + lsp(init, {"jsonrpc": "2.0", "method": "exit"}, lf="\n"))
    put("jsonrpc", "cut-mid-message", b"\x09" + lsp(init)[:-7])

    # ---- extract: byte 0 odd = Markdown, even = plain text
    put("extract", "draft-md", b"\x01" + DRAFT_MD.encode())
    put("extract", "draft-txt", b"\x80" + DRAFT_TXT.encode())
    put("extract", "nested-quotes", b"\x02" + ("“He said ‘she said “yes” to me’ twice,” Ana said. " * 4).encode())
    put("extract", "unbalanced", b"\x03" + ("\"«„“‘" * 40 + "\n").encode() + b"\"\"\n\"")
    put("extract", "figures", b"\x00" + "At least 1,200 people, up to $3 billion, 45.5 km, 7% and 17:30 GMT on 8 Jan 2020; dozens; a dozen missiles.".encode())
    put("extract", "md-structure", b"\x05" + b"---\ntitle: x\n---\n<!-- c -->\n| a | \"b\" |\n|---|---|\n\n1. \"x,\" y said\n   > \"z\"\n\n    code \"q\"\n[\"link\"](http://e.com/\"a\")\n")
    put("extract", "invalid-utf8", b"\x01\"caf\xc3\" \xff\xfe said \x00 \"\xe2\x80\" Bob.\n")

    # ---- source: front matter, bylines, datelines, sidecar
    put("source", "front-matter", "---\noutlet: \"Example Wire\"\ndate: 2020-01-08\nkind: wire\nurl: https://example.com/a\nbyline: Ana Ruiz\ncredibility: 0.9\n---\nBody \"quote,\" she said.\n")
    put("source", "byline-dateline", "By Ana Ruiz, Example Wire\nHARBOURTOWN, January 8. /EXW/. The bridge closed.\n\n©2020 The Harbour Post News Service\n")
    put("source", "dateline-dash", "HARBOURTOWN — The mayor said \"we will reopen\" on Wednesday, January 8.\nPosted by admin | Leave a comment\n")
    put("source", "bad-front-matter", "---\noutlet: [unclosed\ndate: 99-99-99\ncredibility: 7\n---\n---\n")
    put("source", "sidecar", "Text of an article.\n--sidecar--\n" + json.dumps({"articles": {"article.md": {"outlet": "The Harbour Post", "kind": "newspaper", "credibility": 0.7, "date": "January 8, 2020"}}}))
    put("source", "date-line", "Wednesday, January 8th\nBody.\n")

    # ---- config: JSON config and suppression comments
    put("config", "full", open(os.path.join(ROOT, "..", "config", "full.quotecheck.json"), "rb").read())
    put("config", "bad-severity", '{"severity": {"weak-source": "loud"}, "colour": 1, "colour": 2}')
    put("config", "types", '\ufeff{"sources": "x", "credibility": {"outlets": {"A": 1.5}}, "aliases": {"A": [1]}, "ignore": [null]}')
    put("config", "suppress-md", "<!-- quotecheck-disable unsourced-quote -->\ntext \"q\"\n<!-- quotecheck-enable -->\n"
        "x <!-- quotecheck-disable-line figure-mismatch, weak-source -->\n<!-- quotecheck-disable-next-line altered-quotes -->\n"
        "```\n<!-- quotecheck-disable -->\n```\n`<!-- quotecheck-disable -->` <!-- quotecheck-frobnicate -->\n<!-- unclosed")
    put("config", "ignore-globs", '{"ignore": ["**", "/a/**/b/", "[!x]*.md", "a/**/**/c", "\\\\"], "cache": "c"}')

    # ---- cache: a valid image (flag 0: as is; flag 1: checksum repaired after mutation)
    if "--cache-binary" in sys.argv:
        binary = sys.argv[sys.argv.index("--cache-binary") + 1]
        with tempfile.TemporaryDirectory() as t:
            dump = os.path.join(t, "valid.qcx")
            empty = os.path.join(t, "empty")
            open(empty, "wb").close()
            subprocess.run([binary, empty], env=dict(os.environ, QC_FUZZ_DUMP_CACHE=dump), check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            img = open(dump, "rb").read()
        put("cache", "valid", b"\x00" + img)
        put("cache", "valid-fixsum", b"\x01" + img)
        put("cache", "truncated", b"\x00" + img[: len(img) // 2])
        put("cache", "header-only-fixsum", b"\x01" + img[:192])
    put("cache", "garbage", b"\x00QCCORPUS\x02\x00\x00\x00garbage")


if __name__ == "__main__":
    main()
