'use strict';
/*
 * tests/lsp/session.js — drives the real `quotecheck lsp` binary ($QC_BIN)
 * with vscode-jsonrpc and the LSP 3.17 protocol types, through scripted
 * sessions, and with raw bytes for the transport's robustness. Prints one
 * line per case: "PASS name", "FAIL name: why" or "SKIP name: why".
 * Owned by the lsp module.
 *
 * Cases that need real findings from match/'s qc_check are written and
 * run against the real checker; QC_LSP_CHECKER=0 skips them ("SKIP name:
 * waiting for qc_check") for a build with a stub checker.
 */
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const rpc = require('vscode-jsonrpc/node');
const P = require('vscode-languageserver-protocol');

const CHECKER_READY = process.env.QC_LSP_CHECKER !== '0';
const BIN = process.env.QC_BIN;
const ROOT = path.resolve(__dirname, '../..');
const FIX = path.join(ROOT, 'fixtures');
const SANITIZED = !!process.env.QC_SANITIZE;
const SLOW = SANITIZED ? 4 : 1;   // ASan builds are slower
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-lsp-'));
const CACHE = path.join(TMP, 'cache');

let failures = 0;
class Skip extends Error {}

async function test(name, fn) {
    let timer;
    try {
        await Promise.race([
            fn(),
            new Promise((_, rej) => { timer = setTimeout(() => rej(new Error('timed out')), 30000 * SLOW); }),
        ]);
        console.log(`PASS ${name}`);
    } catch (e) {
        if (e instanceof Skip) {
            console.log(`SKIP ${name}: ${e.message}`);
        } else {
            failures++;
            console.log(`FAIL ${name}: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e}`);
        }
    } finally {
        clearTimeout(timer);
    }
}

function assert(cond, msg) { if (!cond) throw new Error(msg); }
function eq(a, b, msg) {
    const x = JSON.stringify(a), y = JSON.stringify(b);
    if (x !== y) throw new Error(`${msg}: got ${x}, want ${y}`);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const uriOf = (p) => 'file://' + p.split('/').map(encodeURIComponent).join('/');

/* ---- positions on the client side (JS strings are UTF-16) ---------------- */

function posOf(text, index, enc) {
    const before = text.slice(0, index);
    const line = before.split('\n').length - 1;
    const ls = before.lastIndexOf('\n') + 1;
    const col = enc === 'utf-8' ? Buffer.byteLength(before.slice(ls)) : index - ls;
    return { line, character: col };
}

function indexOf(text, pos, enc) {
    let ls = 0;
    for (let l = 0; l < pos.line; l++) ls = text.indexOf('\n', ls) + 1;
    if (enc !== 'utf-8') return ls + pos.character;
    let i = ls, bytes = 0;
    while (bytes < pos.character && i < text.length && text[i] !== '\n') {
        const cp = text.codePointAt(i);
        bytes += Buffer.byteLength(String.fromCodePoint(cp));
        i += cp > 0xffff ? 2 : 1;
    }
    return i;
}

function applyEdits(text, edits, enc) {
    const sorted = edits.map((e) => ({ s: indexOf(text, e.range.start, enc), e: indexOf(text, e.range.end, enc), t: e.newText }))
        .sort((a, b) => b.s - a.s);
    for (const e of sorted) text = text.slice(0, e.s) + e.t + text.slice(e.e);
    return text;
}

function rangeOf(text, sub, enc, from = 0) {
    const i = text.indexOf(sub, from);
    assert(i >= 0, `'${sub}' not in the text`);
    return { start: posOf(text, i, enc), end: posOf(text, i + sub.length, enc) };
}

/* ---- a workspace on disk -------------------------------------------------- */

function makeWorkspace(name, draftName, draftText) {
    const ws = path.join(TMP, name);
    fs.mkdirSync(path.join(ws, 'corpus'), { recursive: true });
    for (const f of fs.readdirSync(path.join(FIX, 'corpus')))
        fs.copyFileSync(path.join(FIX, 'corpus', f), path.join(ws, 'corpus', f));
    const draft = path.join(ws, draftName);
    fs.writeFileSync(draft, draftText);
    return { ws, draft, uri: uriOf(draft) };
}

/* ---- a client -------------------------------------------------------------- */

async function start(o) {
    const child = cp.spawn(BIN, ['lsp', ...(o.args || [])], {
        stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, QC_CACHE_DIR: CACHE },
    });
    const c = { child, diags: [], logs: [], progress: [], registrations: [], refreshes: 0, stderr: '' };
    child.stderr.on('data', (d) => { c.stderr += d; });
    c.exited = new Promise((res) => child.on('exit', (code) => res(code)));
    const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout),
                                             new rpc.StreamMessageWriter(child.stdin));
    c.conn = conn;
    const waiters = [];
    const kick = () => { for (const w of waiters.slice()) w(); };
    conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => { c.diags.push(p); kick(); });
    conn.onNotification(P.LogMessageNotification.type, (p) => { c.logs.push(p); kick(); });
    conn.onNotification('$/progress', (p) => { c.progress.push(p); kick(); });
    conn.onRequest(P.RegistrationRequest.type, (p) => { c.registrations.push(p); kick(); return null; });
    conn.onRequest(P.WorkDoneProgressCreateRequest.type, () => null);
    conn.onRequest(P.ConfigurationRequest.type, (p) => p.items.map(() => o.configuration || null));
    conn.onRequest(P.DiagnosticRefreshRequest.type, () => { c.refreshes++; kick(); return null; });
    conn.onRequest(P.InlayHintRefreshRequest.type, () => null);
    conn.listen();
    c.until = (pred, what, ms = 8000) => new Promise((res, rej) => {
        const check = () => {
            const v = pred();
            if (v) { waiters.splice(waiters.indexOf(check), 1); clearTimeout(t); res(v); }
        };
        const t = setTimeout(() => {
            waiters.splice(waiters.indexOf(check), 1);
            rej(new Error(`timed out waiting for ${what}; stderr: ${c.stderr.slice(-300)}`));
        }, ms * SLOW);
        waiters.push(check);
        check();
    });
    c.diagsFor = (uri, version) => c.until(() => c.diags.find((d) => d.uri === uri && (version === undefined || d.version === version)),
                                           `publishDiagnostics for ${uri} v${version}`);
    const caps = {
        general: { positionEncodings: o.encodings || ['utf-16'] },
        textDocument: {
            synchronization: { didSave: true },
            publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
            inlayHint: {},
            definition: {},
        },
        workspace: {
            configuration: !!o.configuration,
            workspaceFolders: true,
            didChangeWatchedFiles: { dynamicRegistration: !!o.watch },
            diagnostics: { refreshSupport: true },
        },
        window: { workDoneProgress: !!o.progress },
    };
    if (o.pull) caps.textDocument.diagnostic = { dynamicRegistration: false };
    c.init = await conn.sendRequest(P.InitializeRequest.type, {
        processId: process.pid, rootUri: uriOf(o.root), capabilities: caps,
        workspaceFolders: [{ uri: uriOf(o.root), name: path.basename(o.root) }],
        initializationOptions: { debounceMs: 30, ...(o.initOptions || {}) },
    });
    conn.sendNotification(P.InitializedNotification.type, {});
    c.open = (uri, text, languageId = 'markdown', version = 1) =>
        conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    c.change = (uri, version, contentChanges) =>
        conn.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
    c.stop = async () => {
        eq(await conn.sendRequest(P.ShutdownRequest.type), null, 'shutdown result');
        conn.sendNotification(P.ExitNotification.type);
        const code = await c.exited;
        conn.dispose();
        return code;
    };
    return c;
}

/* ---- the draft used for positions ----------------------------------------- */

const DRAFT = [
    '# Ostrel ✨ café',
    '',
    'Émile wrote 😀 first. "The water came down the valley like a wall," said Ostrel\'s mayor, Tomas Orlik.',
    '',
    'Orlik said there had been “almost no warning, maybe ten minutes” before the water reached the town.',
    '',
].join('\n');
const Q1 = '"The water came down the valley like a wall,"';
const Q2 = '“almost no warning, maybe ten minutes”';

/* Incremental edits with non-ASCII text, the same on both sides. */
async function editAndCheck(c, uri, enc, pull = false) {
    let text = DRAFT;
    const edits = [
        { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'Ünïcödé 🎉 ' },
        { range: rangeOf(text, 'Émile', enc), text: 'Zoë' },   // computed before the first edit: same line, later
        { range: { start: posOf(DRAFT, DRAFT.length, enc), end: posOf(DRAFT, DRAFT.length, enc) }, text: '\n« Très bien », dit-il. 👍\n' },
    ];
    // send them one notification each, recomputing the ranges on the current text
    let version = 1;
    for (const [i, e] of edits.entries()) {
        let range = e.range;
        if (i === 1) range = rangeOf(text, 'Émile', enc);
        if (i === 2) range = { start: posOf(text, text.length, enc), end: posOf(text, text.length, enc) };
        text = applyEdits(text, [{ range, newText: e.text }], enc);
        c.change(uri, ++version, [{ range, text: e.text }]);
    }
    if (pull) {
        const d = await c.conn.sendRequest(P.DocumentDiagnosticRequest.type, { textDocument: { uri } });
        assert(d.kind === 'full' && Array.isArray(d.items), 'pulled diagnostics');
    } else {
        const d = await c.diagsFor(uri, version);
        assert(Array.isArray(d.diagnostics), 'diagnostics array');
    }
    // the server's text must be ours: hover on each quotation gives its exact range
    for (const q of [Q1, Q2]) {
        const r = rangeOf(text, q, enc);
        const mid = { line: r.start.line, character: r.start.character + 3 };
        const h = await c.conn.sendRequest(P.HoverRequest.type, { textDocument: { uri }, position: mid });
        assert(h && h.contents && h.contents.kind === 'markdown', `hover on ${q}`);
        eq(h.range, r, `hover range of ${q} in ${enc}`);
        assert(h.contents.value.includes('Quotation'), 'hover says Quotation');
    }
    return { text, version };
}

async function main() {
    /* 1. UTF-16 only, push diagnostics */
    await test('utf16-push-session', async () => {
        const w = makeWorkspace('ws16', 'draft.md', DRAFT);
        const c = await start({ root: w.ws, encodings: ['utf-16'] });
        const caps = c.init.capabilities;
        eq(caps.positionEncoding, 'utf-16', 'negotiated encoding');
        eq(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } }, 'sync');
        assert(!caps.diagnosticProvider, 'no diagnosticProvider without client pull support');
        assert(caps.hoverProvider && caps.definitionProvider && caps.inlayHintProvider, 'providers');
        eq(caps.codeActionProvider, { codeActionKinds: ['quickfix'] }, 'code actions');
        eq(caps.executeCommandProvider, { commands: ['quotecheck.reindex'] }, 'commands');
        c.open(w.uri, DRAFT);
        const d1 = await c.diagsFor(w.uri, 1);
        eq(d1.version, 1, 'publishDiagnostics carries the version');
        await editAndCheck(c, w.uri, 'utf-16');
        eq(await c.stop(), 0, 'exit code');
    });

    /* 2. UTF-8 offered, pull diagnostics */
    await test('utf8-pull-session', async () => {
        const w = makeWorkspace('ws8', 'draft.md', DRAFT);
        const c = await start({ root: w.ws, encodings: ['utf-8', 'utf-16'], pull: true });
        eq(c.init.capabilities.positionEncoding, 'utf-8', 'negotiated encoding');
        eq(c.init.capabilities.diagnosticProvider,
           { identifier: 'quotecheck', interFileDependencies: true, workspaceDiagnostics: false }, 'diagnosticProvider');
        c.open(w.uri, DRAFT);
        const r1 = await c.conn.sendRequest(P.DocumentDiagnosticRequest.type, { textDocument: { uri: w.uri } });
        eq(r1.kind, 'full', 'first pull is full');
        assert(typeof r1.resultId === 'string', 'resultId');
        const r2 = await c.conn.sendRequest(P.DocumentDiagnosticRequest.type, { textDocument: { uri: w.uri }, previousResultId: r1.resultId });
        eq(r2, { kind: 'unchanged', resultId: r1.resultId }, 'unchanged report');
        const { version } = await editAndCheck(c, w.uri, 'utf-8', true);
        const r3 = await c.conn.sendRequest(P.DocumentDiagnosticRequest.type, { textDocument: { uri: w.uri }, previousResultId: r1.resultId });
        eq(r3.kind, 'full', 'after edits: full');
        assert(r3.resultId !== r1.resultId, 'new resultId');
        assert(c.diags.length === 0, 'no pushed diagnostics in pull mode');
        assert(version === 4, 'versions');
        eq(await c.stop(), 0, 'exit code');
    });

    /* 3. $/cancelRequest on a pull waiting for its check */
    await test('cancel-pending-pull', async () => {
        const w = makeWorkspace('wscancel', 'draft.md', DRAFT);
        const c = await start({ root: w.ws, pull: true, initOptions: { debounceMs: 1500 } });
        c.open(w.uri, DRAFT);
        await c.conn.sendRequest(P.DocumentDiagnosticRequest.type, { textDocument: { uri: w.uri } });
        c.change(w.uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'é' }]);
        const src = new rpc.CancellationTokenSource();
        const p = c.conn.sendRequest(P.DocumentDiagnosticRequest.type, { textDocument: { uri: w.uri } }, src.token);
        await sleep(100);
        src.cancel();
        let code = null;
        try { await p; } catch (e) { code = e.code; }
        eq(code, -32800, 'cancelled pull answered with RequestCancelled');
        eq(await c.stop(), 0, 'exit code');
    });

    /* 4. a result for a version that changed while checking is dropped */
    await test('stale-version-dropped', async () => {
        const w = makeWorkspace('wsstale', 'draft.md', DRAFT);
        const c = await start({ root: w.ws, initOptions: { debounceMs: 0, debugCheckDelayMs: 400 } });
        c.open(w.uri, DRAFT);
        await sleep(150);
        c.change(w.uri, 2, [{ text: DRAFT + 'More “text”.\n' }]);
        await c.until(() => c.logs.find((l) => /dropped stale diagnostics for version 1/.test(l.message)), 'the drop log line');
        const d = await c.diagsFor(w.uri);
        eq(d.version, 2, 'the first diagnostics published are for version 2');
        eq(await c.stop(), 0, 'exit code');
    });

    /* 5. go to definition: the source passage carrying the quotation */
    for (const enc of ['utf-16', 'utf-8']) {
        await test(`definition-${enc}`, async () => {
            const w = makeWorkspace(`wsdef${enc}`, 'draft.md', DRAFT);
            const c = await start({ root: w.ws, encodings: [enc] });
            c.open(w.uri, DRAFT);
            await c.diagsFor(w.uri, 1);
            const r = rangeOf(DRAFT, Q1, enc);
            const loc = await c.conn.sendRequest(P.DefinitionRequest.type,
                { textDocument: { uri: w.uri }, position: { line: r.start.line, character: r.start.character + 5 } });
            assert(loc && loc.uri && loc.uri.startsWith(uriOf(path.join(w.ws, 'corpus'))), `definition in the corpus: ${JSON.stringify(loc)}`);
            const src = fs.readFileSync(decodeURIComponent(loc.uri.slice(7)), 'utf8');
            const passage = src.slice(indexOf(src, loc.range.start, enc), indexOf(src, loc.range.end, enc));
            assert(passage.includes('like a wall'), `the passage carries the words: '${passage}'`);
            eq(await c.stop(), 0, 'exit code');
        });
    }

    /* 6. a watched source file changes: reindex with progress, hints update */
    await test('watched-source-changed', async () => {
        const quote = '“Nobody in this valley will forget this night,” said the teacher, Ivo Karel.';
        const text = `# Night\n\n${quote}\n`;
        const w = makeWorkspace('wswatch', 'draft.md', text);
        const c = await start({ root: w.ws, watch: true, progress: true });
        await c.until(() => c.registrations.find((r) => r.registrations.some((x) => x.method === 'workspace/didChangeWatchedFiles')),
                      'client/registerCapability for didChangeWatchedFiles');
        c.open(w.uri, text);
        await c.diagsFor(w.uri, 1);
        const whole = { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } };
        const h1 = await c.conn.sendRequest(P.InlayHintRequest.type, { textDocument: { uri: w.uri }, range: whole });
        eq(h1.map((h) => h.label), ['[no source]'], 'hint before the source exists');
        eq(h1[0].position, posOf(text, text.indexOf('”') + 1, 'utf-16'), 'hint after the closing mark');
        const nsrc = path.join(w.ws, 'corpus', 'test-wire.md');
        fs.writeFileSync(nsrc, '---\noutlet: Test Wire\nkind: wire\ndate: 2026-03-04\n---\n\n' +
            'OSTREL — "Nobody in this valley will forget this night," said Ivo Karel, a teacher.\n');
        const before = c.diags.length;
        c.conn.sendNotification(P.DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(nsrc), type: 1 }] });
        await c.until(() => c.progress.find((p) => p.value.kind === 'end' && c.progress.length > 1), '$/progress end', 10000);
        assert(c.progress.some((p) => p.value.kind === 'begin'), '$/progress begin');
        await c.until(() => c.diags.length > before, 'diagnostics re-published after the reload');
        const h2 = await c.conn.sendRequest(P.InlayHintRequest.type, { textDocument: { uri: w.uri }, range: whole });
        eq(h2.map((h) => h.label), ['[Test Wire]'], 'hint after the source was added');
        eq(await c.stop(), 0, 'exit code');
    });

    /* 7. bad params, unknown documents, invalid positions over a session */
    await test('params-errors', async () => {
        const w = makeWorkspace('wsparams', 'draft.md', DRAFT);
        const c = await start({ root: w.ws });
        c.open(w.uri, DRAFT);
        const err = async (method, params) => {
            try { await c.conn.sendRequest(method, params); } catch (e) { return e.code; }
            return 'no error';
        };
        eq(await err('textDocument/hover', { textDocument: { uri: w.uri } }), -32602, 'hover without position');
        eq(await err('textDocument/hover', { textDocument: { uri: 'file:///nowhere.md' }, position: { line: 0, character: 0 } }), -32602, 'unknown document');
        eq(await err('textDocument/hover', { textDocument: { uri: w.uri }, position: { line: 999, character: 0 } }), -32602, 'line past the end');
        eq(await err('textDocument/codeAction', { textDocument: { uri: w.uri }, range: { start: { line: 2, character: 9 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } }), -32602, 'reversed range');
        eq(await err('textDocument/inlayHint', { textDocument: { uri: w.uri }, range: 'x' }), -32602, 'range not an object');
        eq(await err('workspace/executeCommand', { command: 'nope' }), -32602, 'unknown command');
        eq(await err('textDocument/references', {}), -32601, 'unimplemented method');
        // a character past the line end is clamped, not an error
        const h = await c.conn.sendRequest(P.HoverRequest.type, { textDocument: { uri: w.uri }, position: { line: 0, character: 500 } });
        assert(h === null, 'hover past the line end: null');
        // notifications about unknown documents are logged, and the server goes on
        c.change('file:///nowhere.md', 2, [{ text: 'x' }]);
        await c.until(() => c.logs.find((l) => /never opened/.test(l.message)), 'log line for an unknown document');
        eq(await c.conn.sendRequest('workspace/executeCommand', { command: 'quotecheck.reindex' }), null, 'reindex');
        eq(await c.stop(), 0, 'exit code');
    });

    /* 8. memory stays flat over many edits */
    await test('memory-flat-3000-edits', async () => {
        if (SANITIZED) throw new Skip('RSS is not meaningful under ASan');
        const w = makeWorkspace('wsmem', 'draft.md', DRAFT);
        const c = await start({ root: w.ws, initOptions: { debounceMs: 0 } });
        c.open(w.uri, DRAFT);
        await c.diagsFor(w.uri, 1);
        const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${c.child.pid}/status`, 'utf8'))[1]);
        let text = DRAFT, v = 1;
        const round = async (n) => {
            for (let i = 0; i < n; i++) {
                const at = posOf(text, text.length, 'utf-16');
                const ins = i % 2 ? 'é' : '😀';
                if (text.length > DRAFT.length + 40) {
                    c.change(w.uri, ++v, [{ text: DRAFT }]);
                    text = DRAFT;
                } else {
                    c.change(w.uri, ++v, [{ range: { start: at, end: at }, text: ins }]);
                    text += ins;
                }
                if (i % 50 === 0) await c.conn.sendRequest(P.HoverRequest.type, { textDocument: { uri: w.uri }, position: { line: 2, character: 40 } });
            }
            await c.diagsFor(w.uri, v);
        };
        await round(1000);
        const r0 = rss();
        await round(2000);
        const r1 = rss();
        assert(r1 - r0 < 4096, `RSS grew by ${r1 - r0} kB over 2000 edits`);
        eq(await c.stop(), 0, 'exit code');
    });

    /* 9. findings on the fixture drafts (needs match/'s qc_check) */
    const expected = JSON.parse(fs.readFileSync(path.join(FIX, 'drafts', 'expected.json'), 'utf8')).drafts;
    for (const [name, want] of Object.entries(expected)) {
        await test(`findings-${name}`, async () => {
            if (!CHECKER_READY) throw new Skip('waiting for qc_check');
            const file = path.join(FIX, 'drafts', name);
            const text = fs.readFileSync(file, 'utf8');
            const c = await start({ root: FIX, pull: false });
            const uri = uriOf(file);
            c.open(uri, text, name.endsWith('.md') ? 'markdown' : 'plaintext');
            const d = (await c.diagsFor(uri, 1)).diagnostics;
            // corrected-source needs the git history the golden harness builds
            // (expected.json's "setup"); the CLI tests cover it
            for (const f of want.filter((x) => !x.optional && x.code !== 'corrected-source')) {
                const hit = d.find((x) => x.code === f.code && x.range.start.line === f.line - 1);
                assert(hit, `${f.code} on line ${f.line}`);
                assert(hit.codeDescription && hit.codeDescription.href.includes(f.code), 'codeDescription');
                eq(hit.source, 'quotecheck', 'source');
            }
            const allowed = (x) => want.some((f) => f.code === x.code && x.range.start.line === f.line - 1) ||
                want.some((f) => f.code === 'corrected-source' && x.range.start.line === f.line - 1);
            const extra = d.filter((x) => x.severity <= 2 && !allowed(x));
            eq(extra.map((x) => `${x.code}@${x.range.start.line + 1}`), [], 'no other error or warning');
            eq(await c.stop(), 0, 'exit code');
        });
    }

    /* 10. quick fixes applied and re-checked (needs qc_check) */
    await test('code-actions-applied', async () => {
        if (!CHECKER_READY) throw new Skip('waiting for qc_check');
        const file = path.join(FIX, 'drafts', 'mistakes.md');
        let text = fs.readFileSync(file, 'utf8');
        for (const enc of ['utf-16', 'utf-8']) {
            const c = await start({ root: FIX, encodings: [enc] });
            const uri = uriOf(file);
            c.open(uri, text);
            let d = (await c.diagsFor(uri, 1)).diagnostics;
            let version = 1;
            for (const code of ['misattributed-quote', 'figure-mismatch']) {
                const diag = d.find((x) => x.code === code);
                assert(diag, `a ${code} diagnostic`);
                assert(diag.relatedInformation && diag.relatedInformation.length, 'relatedInformation');
                const acts = await c.conn.sendRequest(P.CodeActionRequest.type,
                    { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
                const fix = acts.find((a) => !a.title.startsWith('Ignore'));
                assert(fix && fix.kind === 'quickfix', `a quick fix for ${code}`);
                const edits = fix.edit.changes[uri];
                const changes = edits.map((e) => ({ range: e.range, text: e.newText }));
                text = applyEdits(text, edits, enc);
                c.change(uri, ++version, changes);
                d = (await c.diagsFor(uri, version)).diagnostics;
                assert(!d.some((x) => x.code === code && x.range.start.line === diag.range.start.line), `${code} fixed`);
            }
            // "ignore this finding here"
            const diag = d.find((x) => x.severity <= 2);
            const acts = await c.conn.sendRequest(P.CodeActionRequest.type,
                { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
            const ign = acts.find((a) => a.title === `Ignore ${diag.code} here`);
            assert(ign, 'an ignore action');
            const edits = ign.edit.changes[uri];
            assert(edits[0].newText.includes(`<!-- quotecheck-disable-next-line ${diag.code} -->`), 'suppression comment');
            c.change(uri, ++version, edits.map((e) => ({ range: e.range, text: e.newText })));
            d = (await c.diagsFor(uri, version)).diagnostics;
            assert(!d.some((x) => x.code === diag.code && x.message === diag.message), 'finding suppressed');
            eq(await c.stop(), 0, 'exit code');
            text = fs.readFileSync(file, 'utf8');
        }
    });

    /* 11. hover provenance on a finding (needs qc_check) */
    await test('hover-provenance-on-finding', async () => {
        if (!CHECKER_READY) throw new Skip('waiting for qc_check');
        const file = path.join(FIX, 'drafts', 'mistakes.md');
        const text = fs.readFileSync(file, 'utf8');
        const c = await start({ root: FIX });
        const uri = uriOf(file);
        c.open(uri, text);
        const d = (await c.diagsFor(uri, 1)).diagnostics;
        const diag = d.find((x) => x.code === 'altered-quote');
        const h = await c.conn.sendRequest(P.HoverRequest.type,
            { textDocument: { uri }, position: { line: diag.range.start.line, character: diag.range.start.character + 2 } });
        assert(/credibility/.test(h.contents.value) && /~~|\*\*/.test(h.contents.value), 'provenance with the differences marked');
        eq(await c.stop(), 0, 'exit code');
    });

    await test('corrected-source-in-editor', async () => {
        if (!CHECKER_READY) throw new Skip('waiting for qc_check');
        // a corpus in git whose wire story was corrected after the draft quoted it
        const text = fs.readFileSync(path.join(FIX, 'drafts', 'mistakes.md'), 'utf8');
        const { ws, uri } = makeWorkspace('gitcorpus', 'draft.md', text);
        const story = path.join(ws, 'corpus', 'kta-varnek-dam.md');
        const git = (...a) => cp.execFileSync('git', ['-C', ws, '-c', 'user.name=Desk', '-c', 'user.email=desk@example.org', ...a]);
        git('init', '-q');
        fs.copyFileSync(path.join(FIX, 'corpus-history', 'v1', 'kta-varnek-dam.md'), story);
        git('add', 'corpus');
        git('commit', '-q', '-m', 'KTA story as first published');
        fs.copyFileSync(path.join(FIX, 'corpus-history', 'v2', 'kta-varnek-dam.md'), story);
        git('commit', '-q', '-am', 'Correct the Orlik quote');
        const c = await start({ root: ws });
        c.open(uri, text);
        const d = (await c.diagsFor(uri, 1)).diagnostics;
        const cs = d.find((x) => x.code === 'corrected-source');
        assert(cs, `corrected-source among ${d.map((x) => x.code).join(', ')}`);
        assert(/Correct the Orlik quote/.test(cs.message), `names the correcting commit: ${cs.message}`);
        eq(await c.stop(), 0, 'exit code');
    });

    /* ---- raw bytes ------------------------------------------------------------ */
    await rawTests();

    fs.rmSync(TMP, { recursive: true, force: true });
    console.log(`lsp: ${failures ? 'some cases failed' : 'all cases passed or skipped'}`);
    process.exit(failures ? 1 : 0);
}

/* A raw session: write bytes, read framed replies. */
function raw(args = []) {
    const child = cp.spawn(BIN, ['lsp', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, QC_CACHE_DIR: CACHE } });
    const r = { child, msgs: [], buf: Buffer.alloc(0), stderr: '' };
    child.stderr.on('data', (d) => { r.stderr += d; });
    r.exited = new Promise((res) => child.on('exit', (code) => res(code)));
    const waiters = [];
    child.stdout.on('data', (d) => {
        r.buf = Buffer.concat([r.buf, d]);
        for (;;) {
            const he = r.buf.indexOf('\r\n\r\n');
            if (he < 0) break;
            const m = /Content-Length: (\d+)/i.exec(r.buf.slice(0, he).toString());
            if (!m) throw new Error('server wrote a bad header');
            const n = Number(m[1]);
            if (r.buf.length < he + 4 + n) break;
            r.msgs.push(JSON.parse(r.buf.slice(he + 4, he + 4 + n).toString('utf8')));
            r.buf = r.buf.slice(he + 4 + n);
        }
        for (const w of waiters.slice()) w();
    });
    r.frame = (obj) => {
        const b = Buffer.from(typeof obj === 'string' ? obj : JSON.stringify(obj), 'utf8');
        return Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`), b]);
    };
    r.send = (bytes) => child.stdin.write(bytes);
    r.reply = (pred, what) => new Promise((res, rej) => {
        const check = () => {
            const m = r.msgs.find(pred);
            if (m) { waiters.splice(waiters.indexOf(check), 1); clearTimeout(t); res(m); }
        };
        const t = setTimeout(() => { waiters.splice(waiters.indexOf(check), 1); rej(new Error(`no ${what}; got ${JSON.stringify(r.msgs).slice(0, 400)}`)); }, 5000 * SLOW);
        waiters.push(check);
        check();
    });
    r.byId = (id) => r.reply((m) => JSON.stringify(m.id) === JSON.stringify(id) && ('result' in m || 'error' in m), `reply to ${JSON.stringify(id)}`);
    r.init = async () => {
        r.send(r.frame({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { capabilities: {}, rootUri: null } }));
        await r.byId(0);
        r.send(r.frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
    };
    r.finish = async () => {
        r.send(r.frame({ jsonrpc: '2.0', id: 'bye', method: 'shutdown' }));
        await r.byId('bye');
        r.send(r.frame({ jsonrpc: '2.0', method: 'exit' }));
        return r.exited;
    };
    return r;
}

const ping = (id) => ({ jsonrpc: '2.0', id, method: 'workspace/executeCommand', params: { command: 'no.such' } });

async function rawTests() {
    await test('raw-malformed-header-then-next', async () => {
        const r = raw();
        await r.init();
        r.send(Buffer.from('Content-Lenght 12\r\nfoo\r\n\r\n{"jsonrpc"}'));
        r.send(r.frame(ping(1)));
        eq((await r.byId(1)).error.code, -32602, 'the next request is answered');
        eq(await r.finish(), 0, 'exit code');
    });
    await test('raw-bad-json-32700', async () => {
        const r = raw();
        await r.init();
        r.send(r.frame('{"jsonrpc":"2.0","id":5,"method":'));
        const e = await r.reply((m) => m.error && m.error.code === -32700, '-32700');
        eq(e.id, null, 'parse error id');
        r.send(r.frame(ping(6)));
        eq((await r.byId(6)).error.code, -32602, 'the next request is answered');
        eq(await r.finish(), 0, 'exit code');
    });
    await test('raw-unknown-method-32601-and-string-id', async () => {
        const r = raw();
        await r.init();
        r.send(r.frame({ jsonrpc: '2.0', id: 'req-é-1', method: 'textDocument/unknownThing', params: {} }));
        const e = await r.byId('req-é-1');
        eq(e.error.code, -32601, 'method not found');
        r.send(r.frame('{"jsonrpc":"2.0","id":12345678901234567890,"method":"x/y"}'));
        await r.reply((m) => m.error && m.error.code === -32601 && m.id !== 'req-é-1', 'big numeric id');
        assert(r.child.stdout && true, 'ok');
        eq(await r.finish(), 0, 'exit code');
    });
    await test('raw-big-number-id-echoed-exactly', async () => {
        const r = raw();
        await r.init();
        const got = [];
        r.child.stdout.on('data', (d) => got.push(d.toString()));
        r.send(r.frame('{"jsonrpc":"2.0","id":12345678901234567890,"method":"x/y"}'));
        await r.reply((m) => m.error && m.error.code === -32601, 'reply');
        await sleep(50);
        assert(got.join('').includes('"id":12345678901234567890'), `id as written: ${got.join('').slice(0, 200)}`);
        eq(await r.finish(), 0, 'exit code');
    });
    await test('raw-object-id-32600', async () => {
        const r = raw();
        await r.init();
        r.send(r.frame({ jsonrpc: '2.0', id: { a: 1 }, method: 'shutdown' }));
        const e = await r.reply((m) => m.error && m.error.code === -32600, '-32600');
        eq(e.id, null, 'id null');
        eq(await r.finish(), 0, 'exit code');
    });
    await test('raw-content-length-negative-garbage-huge', async () => {
        const r = raw(['--max-message', '1000']);
        await r.init();
        r.send(Buffer.from('Content-Length: -12\r\n\r\n{"jsonrpc":"2.0"}'));
        r.send(Buffer.from('Content-Length: twelve\r\n\r\n{"jsonrpc":"2.0"}'));
        r.send(Buffer.from('Content-Length: 9223372036854775808\r\n\r\n'));
        r.send(r.frame(ping(21)));
        eq((await r.byId(21)).error.code, -32602, 'answered after bad lengths');
        // over the limit: skipped, answered by id, and the next one still works
        const big = JSON.stringify({ jsonrpc: '2.0', id: 22, method: 'workspace/executeCommand', params: { command: 'x', pad: 'é'.repeat(1500) } });
        r.send(r.frame(big));
        eq((await r.byId(22)).error.code, -32600, 'oversized message answered by id');
        r.send(r.frame(ping(23)));
        eq((await r.byId(23)).error.code, -32602, 'answered after the oversized one');
        eq(await r.finish(), 0, 'exit code');
    });
    await test('raw-one-byte-at-a-time', async () => {
        const r = raw();
        const bytes = Buffer.concat([
            r.frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { capabilities: { general: { positionEncodings: ['utf-8'] } } } }),
            r.frame({ jsonrpc: '2.0', method: 'initialized', params: {} }),
            r.frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///tmp/é.md', languageId: 'markdown', version: 7, text: '“Ça va 😀,” she said.\n' } } }),
            r.frame({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///tmp/é.md' }, position: { line: 0, character: 4 } } }),
        ]);
        for (let i = 0; i < bytes.length; i++) {
            r.send(bytes.subarray(i, i + 1));
            if (i % 64 === 0) await sleep(1);
        }
        eq((await r.byId(1)).result.capabilities.positionEncoding, 'utf-8', 'initialize answered');
        const h = await r.byId(2);
        eq(h.result.range, { start: { line: 0, character: 0 }, end: { line: 0, character: Buffer.byteLength('“Ça va 😀,”') } }, 'hover range in bytes');
        eq(await r.finish(), 0, 'exit code');
    });
    await test('raw-eof-mid-message-exits', async () => {
        const r = raw();
        await r.init();
        r.send(Buffer.from('Content-Length: 200\r\n\r\n{"jsonrpc":"2.0",'));
        r.child.stdin.end();
        eq(await r.exited, 1, 'exit code 1 without shutdown');
        assert(/input ended in the middle of a message/.test(r.stderr), 'logged on stderr');
    });
    await test('raw-exit-without-shutdown', async () => {
        const r = raw();
        await r.init();
        r.send(r.frame({ jsonrpc: '2.0', method: 'exit' }));
        eq(await r.exited, 1, 'exit code 1');
    });
    await test('raw-request-before-initialize', async () => {
        const r = raw();
        r.send(r.frame({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: {} }));
        eq((await r.byId(1)).error.code, -32002, 'server not initialized');
        await r.init();
        eq(await r.finish(), 0, 'exit code');
    });
    await test('raw-stdout-protocol-only', async () => {
        const r = raw(['--verbose']);
        await r.init();
        r.send(Buffer.from('garbage\r\n\r\n'));
        r.send(r.frame(ping(3)));
        await r.byId(3);
        eq(await r.finish(), 0, 'exit code');
        eq(r.buf.length, 0, 'nothing but framed messages on stdout');
        assert(r.stderr.length > 0, 'logs on stderr');
    });
}

main().catch((e) => { console.log(`FAIL lsp-harness: ${e.stack}`); process.exit(1); });
