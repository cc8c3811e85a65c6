'use strict';
/*
 * tests/editors/vscode-protocol.js — drives `quotecheck lsp` ($QC_BIN) the
 * way the VS Code extension does, with the protocol library the extension
 * ships: vscode-jsonrpc and vscode-languageserver-protocol resolved from
 * editors/vscode/node_modules (the versions vscode-languageclient pins),
 * VS Code's client capabilities (pull diagnostics, UTF-16, configuration
 * pull, work-done progress), initializationOptions and workspace/
 * configuration answers built by the extension's own serverSettings().
 * Each contributed server setting is shown to take effect. Prints
 * PASS/FAIL/SKIP lines; cases that need findings print
 * "SKIP name: waiting for qc_check" when the server reports none.
 */
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, EXT, Skip, test, assert, eq, extRequire, loadSettings, failures } = require('./vscode-lib');

const rpc = extRequire('vscode-jsonrpc/node');
const P = extRequire('vscode-languageserver-protocol');
const S = loadSettings();
const BIN = process.env.QC_BIN;
const FIX = path.join(ROOT, 'fixtures');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-vscode-lsp-'));
const SLOW = process.env.QC_SANITIZE ? 4 : 1;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const uriOf = (p) => 'file://' + p.split('/').map(encodeURIComponent).join('/');
const CODES = new Set(S.CODES);
process.env.QC_CACHE_DIR = path.join(TMP, 'cache');

/* The client capabilities vscode-languageclient 9 announces, the parts the server looks at. */
const VSCODE_CAPS = {
    general: { positionEncodings: ['utf-16'], staleRequestSupport: { cancel: true, retryOnContentModified: [] } },
    window: { workDoneProgress: true, showDocument: { support: true } },
    workspace: {
        applyEdit: true, workspaceFolders: true, configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
        executeCommand: { dynamicRegistration: true },
        diagnostics: { refreshSupport: true }, inlayHint: { refreshSupport: true },
    },
    textDocument: {
        synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: false, tagSupport: { valueSet: [1, 2] },
                              codeDescriptionSupport: true, dataSupport: true },
        diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
        hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
        definition: { dynamicRegistration: true, linkSupport: true },
        codeAction: { dynamicRegistration: true, isPreferredSupport: true, disabledSupport: true, dataSupport: true,
                      resolveSupport: { properties: ['edit'] },
                      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } } },
        inlayHint: { dynamicRegistration: true, resolveSupport: { properties: ['tooltip', 'label.location'] } },
    },
};

/* A workspace: a copy of the corpus, a drafts/ folder, optionally a config. */
function workspace(name, { config } = {}) {
    const ws = path.join(TMP, name);
    fs.mkdirSync(path.join(ws, 'drafts'), { recursive: true });
    fs.cpSync(path.join(FIX, 'corpus'), path.join(ws, 'sources'), { recursive: true });
    fs.copyFileSync(path.join(FIX, 'drafts/mistakes.md'), path.join(ws, 'drafts/mistakes.md'));
    fs.copyFileSync(path.join(FIX, 'drafts/plain.txt'), path.join(ws, 'drafts/plain.txt'));
    if (config)
        fs.writeFileSync(path.join(ws, '.quotecheck.json'), JSON.stringify(config));
    return ws;
}

/* A session as VS Code runs it; `section` is the user's "quotecheck" settings. */
async function session(ws, section) {
    const child = cp.spawn(BIN, ['lsp'], { cwd: ws, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout),
                                             new rpc.StreamMessageWriter(child.stdin));
    const s = { child, conn, ws, section: { ...section }, logs: [], progress: [], configRequests: 0,
                published: new Map(), stderr: () => stderr };
    conn.onNotification(P.LogMessageNotification.type, (p) => s.logs.push(p.message));
    conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => s.published.set(p.uri, p));
    conn.onUnhandledProgress((p) => s.progress.push(p));
    conn.onRequest(P.WorkDoneProgressCreateRequest.type, () => null);
    conn.onRequest(P.RegistrationRequest.type, () => null);
    conn.onRequest(P.DiagnosticRefreshRequest.type, () => null);
    conn.onRequest(P.InlayHintRefreshRequest.type, () => null);
    // what the extension's middleware answers
    conn.onRequest(P.ConfigurationRequest.type, (params) => {
        s.configRequests++;
        return params.items.map((it) => (it.section === 'quotecheck' ? S.serverSettings(s.section) : null));
    });
    conn.listen();
    const init = await conn.sendRequest(P.InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: 'Visual Studio Code', version: '1.95.0' },
        rootUri: uriOf(ws),
        workspaceFolders: [{ uri: uriOf(ws), name: path.basename(ws) }],
        capabilities: VSCODE_CAPS,
        initializationOptions: S.serverSettings(s.section),
    });
    s.init = init;
    await conn.sendNotification(P.InitializedNotification.type, {});
    s.open = async (file, languageId) => {
        const uri = uriOf(file);
        await conn.sendNotification(P.DidOpenTextDocumentNotification.type, {
            textDocument: { uri, languageId, version: 1, text: fs.readFileSync(file, 'utf8') },
        });
        return uri;
    };
    s.loaded = async (min = 1) => {   // the workspace reload after `initialized`
        const t0 = Date.now();
        while (Date.now() - t0 < 10000 * SLOW) {
            const n = s.logs.filter((l) => l.startsWith('workspace loaded')).length;
            if (n >= min)
                return s.logs.filter((l) => l.startsWith('workspace loaded')).pop();
            await sleep(20);
        }
        throw new Error(`no "workspace loaded" log; logs: ${JSON.stringify(s.logs)}; stderr: ${stderr}`);
    };
    s.diagnostics = (uri) => conn.sendRequest(P.DocumentDiagnosticRequest.type, { textDocument: { uri } });
    s.configure = async (section) => {
        s.section = { ...section };
        const before = s.configRequests;
        await conn.sendNotification(P.DidChangeConfigurationNotification.type, { settings: { quotecheck: section } });
        const t0 = Date.now();
        while (s.configRequests === before && Date.now() - t0 < 5000 * SLOW)
            await sleep(10);
        assert(s.configRequests > before, 'the server did not pull workspace/configuration after the change');
        await sleep(100);
    };
    s.close = async () => {
        try {
            await conn.sendRequest(P.ShutdownRequest.type);
            await conn.sendNotification(P.ExitNotification.type);
        } catch { /* gone */ }
        const done = new Promise((r) => child.on('exit', r));
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
        await done;
        conn.dispose();
    };
    return s;
}

/* the "quotecheck" section as VS Code would return it with the manifest's defaults */
const pkg = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));
const DEFAULTS = {};
for (const [k, v] of Object.entries(pkg.contributes.configuration.properties))
    DEFAULTS[k.slice('quotecheck.'.length)] = v.default;

function findingsOrSkip(report) {
    const items = report.items || [];
    if (!items.some((d) => CODES.has(d.code)))
        throw new Skip('waiting for qc_check');
    return items;
}

async function main() {
    await test('vscode-protocol-library-versions', async () => {
        const lc = JSON.parse(fs.readFileSync(path.join(EXT, 'node_modules/vscode-languageclient/package.json'), 'utf8'));
        const proto = require(require.resolve('vscode-languageserver-protocol/package.json', { paths: [EXT] }));
        eq(proto.version, lc.dependencies['vscode-languageserver-protocol'], 'vscode-languageserver-protocol');
        const jrpc = require(require.resolve('vscode-jsonrpc/package.json', { paths: [EXT] }));
        eq(jrpc.version, proto.dependencies['vscode-jsonrpc'], 'vscode-jsonrpc');
        console.log(`  vscode-languageclient ${lc.version}, protocol ${proto.version}, jsonrpc ${jrpc.version}`);
    });

    // a workspace whose .quotecheck.json names no sources: only the setting can
    const ws = workspace('main', { config: { severity: {} } });
    const settings = { ...DEFAULTS, sources: ['sources'], debounceMs: 50 };
    const s = await session(ws, settings);
    const mistakes = path.join(ws, 'drafts/mistakes.md');
    let uri;
    try {
        await test('vscode-initialize', async () => {
            const c = s.init.capabilities;
            eq(c.positionEncoding, 'utf-16', 'position encoding');
            eq(c.textDocumentSync.change, P.TextDocumentSyncKind.Incremental, 'incremental sync');
            assert(c.hoverProvider && c.definitionProvider && c.inlayHintProvider, 'hover, definition, inlay hints');
            assert(c.codeActionProvider.codeActionKinds.includes('quickfix'), 'quick fixes');
            assert(c.diagnosticProvider, 'pull diagnostics for VS Code');
            assert(c.executeCommandProvider.commands.includes('quotecheck.reindex'), 'quotecheck.reindex');
            eq(s.init.serverInfo.name, 'quotecheck', 'serverInfo');
        });

        await test('vscode-setting-sources', async () => {
            const msg = await s.loaded();
            const m = msg.match(/(\d+) sources in (\d+) folder/);
            assert(m && Number(m[1]) >= 7 && m[2] === '1', `loaded: ${msg}`);
            assert(s.configRequests >= 1, 'the server pulls the "quotecheck" section');
            // and without the setting: nothing to check against
            const ws2 = workspace('nosources', { config: { severity: {} } });
            const s2 = await session(ws2, { ...DEFAULTS });
            try {
                const msg2 = await s2.loaded();
                assert(/^workspace loaded: 0 sources/.test(msg2), `without sources: ${msg2}`);
            } finally {
                await s2.close();
            }
        });

        await test('vscode-setting-configPath', async () => {
            const ws3 = workspace('configpath');
            const cfgDir = path.join(TMP, 'elsewhere');
            fs.mkdirSync(cfgDir, { recursive: true });
            fs.writeFileSync(path.join(cfgDir, 'qc.json'), JSON.stringify({ sources: [path.join(ws3, 'sources')] }));
            const s3 = await session(ws3, { ...DEFAULTS, configPath: path.join(cfgDir, 'qc.json') });
            try {
                const msg = await s3.loaded();
                assert(/ [1-9]\d* sources in 1 folder/.test(msg), `configPath: ${msg}`);
            } finally {
                await s3.close();
            }
        });

        await test('vscode-setting-extraSources', async () => {
            // the config names one folder; extraSources adds a second, not replaces
            const ws4 = workspace('extrasources', { config: { sources: ['sources'] } });
            fs.mkdirSync(path.join(ws4, 'archive'), { recursive: true });
            fs.writeFileSync(path.join(ws4, 'archive', 'note.md'),
                             '---\noutlet: Archive Desk\n---\n\n"An archived remark," the archivist said.\n');
            const s4 = await session(ws4, { ...DEFAULTS, extraSources: ['archive'] });
            try {
                const msg = await s4.loaded();
                const m = msg.match(/(\d+) sources in (\d+) folder/);
                assert(m && m[2] === '2' && Number(m[1]) >= 8, `extraSources: ${msg}`);
            } finally {
                await s4.close();
            }
        });

        await test('vscode-diagnostics-markdown', async () => {
            uri = await s.open(mistakes, 'markdown');
            let report;
            for (let i = 0; i < 50; i++) {   // the corpus may still be loading
                report = await s.diagnostics(uri);
                if ((report.items || []).length)
                    break;
                await sleep(100);
            }
            eq(report.kind, 'full', 'a full report');
            const items = findingsOrSkip(report);
            const at = new Map(items.map((d) => [`${d.code}@${d.range.start.line + 1}`, d]));
            for (const d of items) {
                assert(CODES.has(d.code), `undocumented code ${d.code}`);
                eq(d.source, 'quotecheck', 'source');
                assert(d.codeDescription && d.codeDescription.href.endsWith(`#${d.code}`), `codeDescription of ${d.code}`);
            }
            for (const want of ['misattributed-quote@9', 'altered-quote@11', 'unsourced-quote@17', 'figure-mismatch@19'])
                assert(at.has(want), `missing ${want} in ${[...at.keys()]}`);
            eq(at.get('misattributed-quote@9').severity, P.DiagnosticSeverity.Error, 'misattributed-quote');
            eq(at.get('unsourced-quote@17').severity, P.DiagnosticSeverity.Warning, 'unsourced-quote');
            const rel = at.get('misattributed-quote@9').relatedInformation || [];
            assert(rel.length && rel.every((r) => r.location.uri.startsWith(uriOf(path.join(ws, 'sources')))),
                   'related information points into the sources');
        });

        await test('vscode-diagnostics-plaintext', async () => {
            const u = await s.open(path.join(ws, 'drafts/plain.txt'), 'plaintext');
            const report = await s.diagnostics(u);
            eq(report.kind, 'full', 'a report for a plain-text draft');
            for (const d of report.items)
                assert(CODES.has(d.code), `undocumented code ${d.code}`);
        });

        await test('vscode-show-sources', async () => {
            // what quotecheck.showSources asks: definition at the cursor (line 9, in the quotation)
            const res = await s.conn.sendRequest(P.DefinitionRequest.type,
                { textDocument: { uri }, position: { line: 8, character: 5 } });
            if (!res)
                throw new Skip('waiting for qc_check');
            const locs = Array.isArray(res) ? res : [res];
            assert(locs.length > 0, 'a location');
            const l = locs[0];
            const target = l.targetUri || l.uri;
            assert(target.startsWith(uriOf(path.join(ws, 'sources'))), `definition in the sources: ${target}`);
            const file = decodeURIComponent(target.replace('file://', ''));
            const range = l.targetSelectionRange || l.range;
            const text = fs.readFileSync(file, 'utf8').split('\n')[range.start.line]
                .slice(range.start.character, range.end.line === range.start.line ? range.end.character : undefined);
            assert(text.includes('inspected in October'), `the passage: ${text}`);
        });

        await test('vscode-hover', async () => {
            const h = await s.conn.sendRequest(P.HoverRequest.type, { textDocument: { uri }, position: { line: 8, character: 5 } });
            assert(h && h.contents && h.contents.kind === 'markdown', `markdown hover: ${JSON.stringify(h)}`);
            assert(h.contents.value.includes('Quotation'), 'hover names the quotation');
        });

        await test('vscode-code-action', async () => {
            const report = await s.diagnostics(uri);
            const items = findingsOrSkip(report);
            const onLine = items.filter((d) => d.range.start.line === 8);
            const actions = await s.conn.sendRequest(P.CodeActionRequest.type, {
                textDocument: { uri }, range: { start: { line: 8, character: 0 }, end: { line: 8, character: 1 } },
                context: { diagnostics: onLine, only: ['quickfix'] },
            });
            const fix = actions.find((a) => a.title.includes('Velinova'));
            assert(fix && fix.kind === 'quickfix' && fix.edit, `a quick fix: ${JSON.stringify(actions.map((a) => a.title))}`);
            const edits = (fix.edit.changes && fix.edit.changes[uri]) ||
                          fix.edit.documentChanges.find((c) => c.textDocument.uri === uri).edits;
            assert(edits.some((e) => e.newText === 'Mara Velinova'), 'the edit puts the right speaker');
        });

        await test('vscode-setting-severity', async () => {
            findingsOrSkip(await s.diagnostics(uri));
            await s.configure({ ...settings, severity: { 'unsourced-quote': 'error', 'weak-source': 'off' } });
            let items = [];
            for (let i = 0; i < 50; i++) {
                items = (await s.diagnostics(uri)).items;
                const u = items.find((d) => d.code === 'unsourced-quote');
                if (u && u.severity === P.DiagnosticSeverity.Error)
                    break;
                await sleep(100);
            }
            const u = items.find((d) => d.code === 'unsourced-quote');
            eq(u && u.severity, P.DiagnosticSeverity.Error, 'unsourced-quote raised to error');
            assert(!items.some((d) => d.code === 'weak-source'), 'weak-source turned off');
            await s.configure(settings);
        });

        await test('vscode-setting-inlayHints', async () => {
            const range = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
            const on = await s.conn.sendRequest(P.InlayHintRequest.type, { textDocument: { uri }, range });
            if (!on || on.length === 0)
                throw new Skip('waiting for qc_check (no inlay hints to turn off)');
            await s.configure({ ...settings, inlayHints: false });
            const off = await s.conn.sendRequest(P.InlayHintRequest.type, { textDocument: { uri }, range });
            eq(off || [], [], 'no inlay hints with quotecheck.inlayHints = false');
            await s.configure(settings);
            const again = await s.conn.sendRequest(P.InlayHintRequest.type, { textDocument: { uri }, range });
            assert(again && again.length === on.length, 'inlay hints back on');
        });

        await test('vscode-setting-debounceMs', async () => {
            // a pull after an edit is answered once the debounced check has
            // run: a long debounce holds it back, none does not
            const u = uriOf(path.join(ws, 'drafts/plain.txt'));
            let version = 10;
            const timedPull = async () => {
                await s.conn.sendNotification(P.DidChangeTextDocumentNotification.type, {
                    textDocument: { uri: u, version: ++version },
                    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
                });
                const t0 = Date.now();
                await s.diagnostics(u);
                return Date.now() - t0;
            };
            await s.configure({ ...settings, debounceMs: 1500 });
            const slow = await timedPull();
            await s.configure({ ...settings, debounceMs: 0 });
            const fast = await timedPull();
            assert(slow >= 1200 && fast + 500 < slow, `a pull after an edit took ${slow} ms with debounceMs 1500, ${fast} ms with 0`);
            await s.configure(settings);
        });

        await test('vscode-reindex', async () => {
            const before = s.logs.filter((l) => l.startsWith('workspace loaded')).length;
            s.progress = [];
            const r = await s.conn.sendRequest(P.ExecuteCommandRequest.type, { command: 'quotecheck.reindex', arguments: [] });
            eq(r, null, 'executeCommand result');
            await s.loaded(before + 1);
            const kinds = s.progress.map((p) => p.value && p.value.kind);
            assert(kinds.includes('begin') && kinds.includes('end'), `progress: ${JSON.stringify(kinds)}`);
        });

        await test('vscode-audit', async () => {
            // what quotecheck.auditWorkspace runs, parsed by the extension's own code
            const out = cp.spawnSync(BIN, ['audit', '--format', 'json', '--color', 'never', '--sources', 'sources', '.'],
                                     { cwd: ws, encoding: 'utf8' });
            assert(out.stdout.trim().startsWith('{'), `audit output (exit ${out.status}): ${out.stderr}`);
            const items = S.parseAudit(out.stdout, ws);
            if (!items.length)
                throw new Skip('waiting for qc_check');
            for (const it of items) {
                assert(it.file.startsWith(path.join(ws, 'drafts') + '/'), `audit file ${it.file}`);
                assert(CODES.has(it.diagnostic.code), `undocumented code ${it.diagnostic.code}`);
            }
            const lines = items.filter((i) => i.file === mistakes).map((i) => `${i.diagnostic.code}@${i.diagnostic.range.start.line}`);
            for (const want of ['misattributed-quote@9', 'altered-quote@11', 'unsourced-quote@17', 'figure-mismatch@19'])
                assert(lines.includes(want), `audit misses ${want}: ${lines}`);
            // exit code: 1 = error-level findings
            eq(out.status, 1, 'audit exit code');
        });
    } finally {
        await test('vscode-shutdown', async () => {
            await s.close();
            eq(s.child.exitCode, 0, 'exit code after shutdown + exit');
        });
    }
    fs.rmSync(TMP, { recursive: true, force: true });
}

main().then(() => process.exit(failures() ? 1 : 0), (e) => { console.log(`FAIL vscode-protocol: ${e.stack}`); process.exit(1); });
