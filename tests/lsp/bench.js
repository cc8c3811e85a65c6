'use strict';
/*
 * tests/lsp/bench.js — latency from a didChange to its publishDiagnostics
 * (median, p99) and resident memory at the start and end of a 10,000-edit
 * session, on a ~1,500-word Markdown draft with non-ASCII text, against the
 * fixture corpus. Usage: QC_BIN=... node tests/lsp/bench.js [edits]
 * Prints "lsp-bench: ..." lines. Owned by the lsp module; bench/run.sh may
 * call it. Debounce is set to 0 so the figure is the check itself plus the
 * protocol round trip (add the debounce, 150 ms by default, for what a
 * typist sees).
 */
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const rpc = require('vscode-jsonrpc/node');
const P = require('vscode-languageserver-protocol');

const BIN = path.resolve(process.env.QC_BIN || 'bin/quotecheck');
const EDITS = Number(process.argv[2] || 10000);
const ROOT = path.resolve(__dirname, '../..');
const uriOf = (p) => 'file://' + p.split('/').map(encodeURIComponent).join('/');

function draft() {
    const paras = [
        '"The water came down the valley like a wall," said Ostrel\'s mayor, Tomas Orlik, who spoke to reporters in the café near the bridge.',
        'Water Resources Minister Mara Velinova said the dam “was inspected in October and no fault was found.” Émile Dvořák, a hydrologist, disagreed 😀.',
        'At least 14 people died and 167 homes were flooded when some 4.2 million cubic metres of water reached the town in under 40 minutes.',
    ];
    const out = ['# Varnek ✨ the night the dam failed', ''];
    let words = 0;
    for (let i = 0; words < 1500; i++) {
        const p = paras[i % paras.length];
        out.push(p, '');
        words += p.split(/\s+/).length;
    }
    return out.join('\n');
}

async function main() {
    const child = cp.spawn(BIN, ['lsp', '--corpus', path.join(ROOT, 'fixtures', 'corpus')], { stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    let waiting = null;
    conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => { if (waiting && p.version === waiting.v) waiting.res(); });
    conn.onNotification(P.LogMessageNotification.type, () => {});
    conn.listen();
    await conn.sendRequest(P.InitializeRequest.type, { processId: process.pid, rootUri: uriOf(ROOT), capabilities: {},
                                                        initializationOptions: { debounceMs: 0 } });
    conn.sendNotification(P.InitializedNotification.type, {});
    const uri = uriOf(path.join(ROOT, 'bench-draft.md'));
    const text = draft();
    const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]);
    const wait = (v) => new Promise((res) => { waiting = { v, res }; });
    let w = wait(1);
    conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await w;
    const rss0 = rss();
    const lat = [];
    let line = 2, added = 0;
    for (let v = 2; v <= EDITS + 1; v++) {
        // type a character (sometimes non-ASCII) at the end of line 2, deleting again every 20
        const ins = added >= 20 ? null : ['a', 'é', ' ', '😀'][v % 4];
        const lineLen = text.split('\n')[line].length;
        const change = ins
            ? { range: { start: { line, character: lineLen }, end: { line, character: lineLen } }, text: ins }
            : { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '' };
        if (!ins) added = 0; else added++;
        w = wait(v);
        const t0 = process.hrtime.bigint();
        conn.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [change] });
        await w;
        lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const rss1 = rss();
    lat.sort((a, b) => a - b);
    const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
    console.log(`lsp-bench: draft ${text.split(/\s+/).length} words, ${EDITS} edits, debounce 0`);
    console.log(`lsp-bench: didChange -> publishDiagnostics median ${q(0.5).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms, max ${lat[lat.length - 1].toFixed(2)} ms`);
    console.log(`lsp-bench: RSS start ${rss0} kB, end ${rss1} kB`);
    await conn.sendRequest(P.ShutdownRequest.type);
    conn.sendNotification(P.ExitNotification.type);
    await new Promise((r) => child.on('exit', r));
    process.exit(0);
}
main().catch((e) => { console.error(e); process.exit(1); });
