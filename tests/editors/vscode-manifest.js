'use strict';
/*
 * tests/editors/vscode-manifest.js — the VS Code extension without VS Code:
 * the packaged .vsix ($QC_VSIX) holds the bundle and the manifest and
 * nothing else; package.json's contributions match what the server offers
 * (every setting is client-only or a key the server reads, with the
 * server's codes, severities and defaults; every command is implemented
 * in the extension; the server command it sends exists) and what the
 * extension does (activation and document selector cover Markdown and
 * plain text; untrusted workspaces restrict quotecheck.path); the binary
 * choice and the audit helpers of src/settings.ts behave. Prints
 * PASS/FAIL/SKIP lines.
 */
const fs = require('fs');
const path = require('path');
const { ROOT, EXT, test, assert, eq, loadSettings, readZip, failures } = require('./vscode-lib');

const pkg = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));
const src = fs.readFileSync(path.join(EXT, 'src/extension.ts'), 'utf8');
const serverSrc = (f) => fs.readFileSync(path.join(ROOT, 'server/src', f), 'utf8');
const S = loadSettings();
const props = pkg.contributes.configuration.properties;

/* what the server reads, from its source */
const applySettings = (() => {
    const ws = serverSrc('lsp/workspace.c');
    const start = ws.indexOf('void qc_lsp_apply_settings');
    return ws.slice(start, ws.indexOf('\n}\n', start));
})();
const serverCodes = [...serverSrc('match/codes.c').matchAll(/\{\s*"([a-z-]+)",\s*QC_SEV_(\w+)\s*\}/g)]
    .map((m) => ({ code: m[1], severity: m[2].toLowerCase() }));
const serverCommands = (() => {
    const m = serverSrc('lsp/workspace.c').match(/qc_lsp_commands\[\]\s*=\s*\{([^}]*)\}/);
    return m ? [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]) : [];
})();

/* The parts of the vscode API that activation touches, recording what it does. */
function fakeVscode(calls, trusted, inspect) {
    const disposable = { dispose() {} };
    const stub = (name) => new Proxy(function () { return stub(`${name}()`); }, {
        get: (t, k) => (k === 'then' ? undefined : stub(`${name}.${String(k)}`)),
        construct: () => stub(`new ${name}`),
    });
    const api = {
        window: {
            createOutputChannel: () => ({ appendLine: (l) => calls.lines.push(l), append() {}, show() {}, dispose() {} }),
            showErrorMessage: async (m, ...items) => { calls.errors.push([m, items]); return items[0]; },
        },
        languages: { createDiagnosticCollection: () => ({ dispose() {}, clear() {}, set() {} }) },
        commands: {
            registerCommand: (n) => { calls.commands.push(n); return disposable; },
            executeCommand: async (...a) => { calls.settingsOpened.push(a); },
        },
        workspace: {
            isTrusted: trusted, workspaceFolders: undefined,
            onDidChangeConfiguration: () => disposable, onDidGrantWorkspaceTrust: () => disposable,
            getConfiguration: () => ({ inspect: (k) => (k === 'path' ? inspect : undefined), get: () => undefined }),
        },
        env: { openExternal: async (u) => { calls.external.push(String(u)); return true; } },
        Uri: { parse: (s) => ({ toString: () => s, fsPath: s }) },
        DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    };
    return new Proxy(api, { get: (t, k) => (k in t ? t[k] : stub(`vscode.${String(k)}`)) });
}

async function main() {
    await test('vscode-vsix-contents', async () => {
        const vsix = process.env.QC_VSIX;
        assert(vsix && fs.existsSync(vsix), `no .vsix at ${vsix}`);
        const zip = readZip(vsix);
        const names = [...zip.keys()].sort();
        console.log(`  vsix: ${names.join(', ')}`);
        const lower = new Set(names.map((n) => n.toLowerCase()));   // vsce writes readme.md
        for (const want of ['extension.vsixmanifest', '[Content_Types].xml', 'extension/package.json',
                            'extension/dist/extension.js', 'extension/readme.md', 'extension/license.txt'])
            assert(lower.has(want.toLowerCase()), `${want} missing from the .vsix`);
        assert(names.length === 6, `only those six entries: ${names.length}`);
        for (const n of names)
            assert(!/node_modules\/|\/src\/|\.map$|\.ts$|tsconfig|build\.sh/.test(n), `${n} should not be packaged`);
        const packaged = JSON.parse(zip.get('extension/package.json')().toString('utf8'));
        eq(packaged.contributes, pkg.contributes, 'packaged contributions');
        eq(packaged.main, './dist/extension.js', 'main');
        const bundle = zip.get('extension/dist/extension.js')().toString('utf8');
        assert(/require\("vscode"\)/.test(bundle), 'the bundle requires vscode at run time');
        assert(!/require\("vscode-languageclient/.test(bundle), 'vscode-languageclient is not bundled');
        assert(bundle.includes('quotecheck.reindex'), 'the bundle sends quotecheck.reindex');
        const manifest = zip.get('extension.vsixmanifest')().toString('utf8');
        assert(manifest.includes(`Version="${pkg.version}"`) && manifest.includes(`Publisher="${pkg.publisher}"`),
               'vsixmanifest identity');
    });

    await test('vscode-manifest-pinned', async () => {
        for (const group of ['dependencies', 'devDependencies'])
            for (const [name, v] of Object.entries(pkg[group] || {}))
                assert(/^\d+\.\d+\.\d+$/.test(v), `${name}@${v} is not an exact version`);
        const lock = JSON.parse(fs.readFileSync(path.join(EXT, 'package-lock.json'), 'utf8'));
        for (const [name, v] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }))
            eq(lock.packages[`node_modules/${name}`].version, v, `${name} in package-lock.json`);
        // the engine the client library needs
        const lc = JSON.parse(fs.readFileSync(path.join(EXT, 'node_modules/vscode-languageclient/package.json'), 'utf8'));
        eq(pkg.engines.vscode, lc.engines.vscode, 'engines.vscode (as vscode-languageclient requires)');
        eq('^' + pkg.devDependencies['@types/vscode'], pkg.engines.vscode, '@types/vscode matches engines.vscode');
    });

    await test('vscode-manifest-activation', async () => {
        for (const lang of ['markdown', 'plaintext']) {
            assert(pkg.activationEvents.includes(`onLanguage:${lang}`), `activationEvents: onLanguage:${lang}`);
            assert(S.DOCUMENT_SELECTOR.some((d) => d.language === lang && d.scheme === 'file'),
                   `document selector: ${lang} files`);
        }
        assert(/documentSelector:\s*DOCUMENT_SELECTOR/.test(src), 'the client uses DOCUMENT_SELECTOR');
        assert(/args:\s*\['lsp'\]/.test(src), 'the client starts `quotecheck lsp`');
        // the server checks what the selector sends (documents.c)
        const docs = serverSrc('lsp/documents.c');
        assert(docs.includes('"markdown"') && docs.includes('"plaintext"'), 'the server knows both language ids');
    });

    await test('vscode-manifest-settings-map-to-server', async () => {
        const names = Object.keys(props);
        for (const key of names) {
            assert(key.startsWith('quotecheck.'), `${key}: not under quotecheck.`);
            const name = key.slice('quotecheck.'.length);
            if (S.CLIENT_KEYS.includes(name))
                continue;
            assert(S.SERVER_KEYS.includes(name), `${key} is neither client-only nor a server setting`);
            assert(applySettings.includes(`"${name}"`), `the server does not read "${name}" (qc_lsp_apply_settings)`);
        }
        for (const name of S.SERVER_KEYS)
            assert(props[`quotecheck.${name}`], `server setting ${name} is not contributed`);
        for (const name of S.CLIENT_KEYS)
            assert(props[`quotecheck.${name}`], `client setting ${name} is not contributed`);
        // client-only settings are read by the client
        assert(/inspect<string>\('path'\)/.test(src), 'quotecheck.path is read with inspect()');
        assert(/new LanguageClient\(SECTION,/.test(src) && /const SECTION = 'quotecheck'/.test(src),
               'the client id is "quotecheck", so vscode-languageclient reads quotecheck.trace.server');
        eq(props['quotecheck.trace.server'].enum, ['off', 'messages', 'verbose'], 'trace levels');
        // the defaults send the server nothing it would not assume anyway
        const defaults = {};
        for (const [k, v] of Object.entries(props))
            defaults[k.slice('quotecheck.'.length)] = v.default;
        const sent = S.serverSettings(defaults);
        assert(!('sources' in sent) && !('severity' in sent), `defaults send ${JSON.stringify(sent)}`);
        assert(!('path' in sent) && !('trace.server' in sent), 'client-only settings are not sent');
    });

    await test('vscode-manifest-severity-codes', async () => {
        const sev = props['quotecheck.severity'];
        const codes = serverCodes.map((c) => c.code);
        assert(codes.length === 7, `server codes: ${codes}`);
        eq(Object.keys(sev.properties).sort(), [...codes].sort(), 'severity codes = the server\'s codes');
        eq([...S.CODES].sort(), [...codes].sort(), 'settings.ts CODES');
        const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
        for (const { code, severity } of serverCodes) {
            assert(readme.includes(`\`${code}\``), `${code} is not documented in README.md`);
            assert(sev.properties[code].markdownDescription.includes(`default: ${severity}`), `${code} default ${severity}`);
        }
        const valid = serverSrc('config/config.c').match(/valid: (error, warning, info, hint, off)/);
        assert(valid, 'the config\'s list of severities');
        for (const p of Object.values(sev.properties))
            eq(p.enum, valid[1].split(', '), 'severity values');
        assert(sev.additionalProperties === false, 'unknown codes are flagged by VS Code');
    });

    await test('vscode-manifest-server-defaults', async () => {
        const server = serverSrc('lsp/server.c');
        const deb = server.match(/debounce_ms\s*:\s*(\d+);/);
        assert(deb, 'server debounce default');
        eq(props['quotecheck.debounceMs'].default, Number(deb[1]), 'debounceMs default');
        assert(/s->inlay_hints = true;/.test(server), 'server: inlay hints on by default');
        eq(props['quotecheck.inlayHints'].default, true, 'inlayHints default');
    });

    await test('vscode-manifest-commands', async () => {
        const contributed = pkg.contributes.commands.map((c) => c.command);
        const registered = [...src.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]);
        for (const c of contributed)
            assert(registered.includes(c), `${c} is contributed but not registered in src/extension.ts`);
        for (const c of registered)
            assert(contributed.includes(c), `${c} is registered but not contributed`);
        for (const want of ['quotecheck.reindexCorpus', 'quotecheck.showSources', 'quotecheck.auditWorkspace'])
            assert(contributed.includes(want), `${want} is contributed`);
        for (const items of Object.values(pkg.contributes.menus || {}))
            for (const it of items)
                assert(contributed.includes(it.command), `menu entry ${it.command} is not a contributed command`);
        // the server commands the extension sends are ones the server offers;
        // its own names differ, since vscode-languageclient registers those
        const sent = [...src.matchAll(/command:\s*'([^']+)'/g)].map((m) => m[1]);
        assert(sent.length > 0, 'the extension sends a server command');
        for (const c of sent) {
            assert(serverCommands.includes(c), `${c} is not an executeCommandProvider command (${serverCommands})`);
            assert(!contributed.includes(c), `${c} would clash with the command vscode-languageclient registers`);
        }
        // "show sources" and "audit" go through protocol features the server has
        assert(/DefinitionRequest\.type/.test(src) && /relatedInformation/.test(src), 'showSources uses definition + related info');
        assert(/'audit', '--format', 'json'/.test(src) && /createDiagnosticCollection/.test(src), 'audit fills a DiagnosticCollection');
    });

    await test('vscode-manifest-untrusted-workspace', async () => {
        const u = pkg.capabilities.untrustedWorkspaces;
        eq(u.supported, 'limited', 'untrustedWorkspaces.supported');
        eq(u.restrictedConfigurations, ['quotecheck.path'], 'restrictedConfigurations');
        assert(/vscode\.workspace\.isTrusted/.test(src), 'the extension checks isTrusted');
        const exists = (p) => ['/ws/bin/qc', '/home/u/qc', '/usr/bin/quotecheck'].includes(p);
        const opts = { envPath: '/usr/bin', exists, workspaceRoot: '/ws', home: '/home/u' };
        let c = S.chooseBinary({ workspaceValue: './bin/qc', globalValue: '~/qc' }, false, opts);
        eq(c, { command: '/home/u/qc', from: 'user', ignored: './bin/qc' }, 'untrusted: the user setting');
        c = S.chooseBinary({ workspaceValue: './bin/qc' }, false, opts);
        eq(c, { command: '/usr/bin/quotecheck', from: 'PATH', ignored: './bin/qc' }, 'untrusted: PATH');
        c = S.chooseBinary({ workspaceValue: './bin/qc', globalValue: '~/qc' }, true, opts);
        eq(c, { command: '/ws/bin/qc', from: 'workspace' }, 'trusted: the workspace setting');
        c = S.chooseBinary({ workspaceFolderValue: '/nope/qc' }, true, opts);
        eq(c, { command: undefined, from: 'workspace' }, 'a missing configured binary');
        c = S.chooseBinary({}, true, { ...opts, envPath: '/opt:/nowhere' });
        eq(c, { command: undefined, from: 'none', ignored: undefined }, 'nothing on PATH');
    });

    await test('vscode-missing-binary-message', async () => {
        assert(/showErrorMessage\(msg, 'Installation steps'/.test(src), 'an error message with a button');
        assert(/openExternal\(vscode\.Uri\.parse\(INSTALL_URL\)\)/.test(src), 'the button opens the install steps');
        const m = S.INSTALL_URL.match(/blob\/main\/(.+)#(.+)$/);
        assert(m, `INSTALL_URL ${S.INSTALL_URL}`);
        const doc = fs.readFileSync(path.join(ROOT, m[1]), 'utf8');
        const anchors = [...doc.matchAll(/^#+\s+(.+)$/gm)].map((h) => h[1].toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-'));
        assert(anchors.includes(m[2]), `${m[1]} has no heading for #${m[2]} (${anchors})`);
    });

    await test('vscode-activate-without-binary', async () => {
        // the packaged bundle, activated against a stand-in for the vscode API
        const vsix = process.env.QC_VSIX;
        assert(vsix && fs.existsSync(vsix), `no .vsix at ${vsix}`);
        const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'qc-vsix-'));
        const bundle = path.join(dir, 'extension.js');
        fs.writeFileSync(bundle, readZip(vsix).get('extension/dist/extension.js')());
        const run = async ({ trusted, inspect }) => {
            const calls = { commands: [], errors: [], external: [], lines: [], settingsOpened: [] };
            const vscode = fakeVscode(calls, trusted, inspect);
            const Module = require('module');
            const load = Module._load;
            const envPath = process.env.PATH;
            Module._load = function (req, ...rest) { return req === 'vscode' ? vscode : load.call(this, req, ...rest); };
            process.env.PATH = dir;   // no quotecheck there
            try {
                delete require.cache[bundle];
                const ext = require(bundle);
                await ext.activate({ subscriptions: [] });
                await new Promise((r) => setTimeout(r, 20));
                await ext.deactivate();
            } finally {
                Module._load = load;
                process.env.PATH = envPath;
            }
            return calls;
        };
        // untrusted: an existing binary named by the workspace settings is not run
        let c = await run({ trusted: false, inspect: { workspaceValue: process.env.QC_BIN } });
        eq(c.commands.sort(), pkg.contributes.commands.map((x) => x.command).sort(), 'activate registers the commands');
        assert(c.lines.some((l) => l.includes('is ignored: the workspace is not trusted')), `output: ${c.lines}`);
        assert(!c.lines.some((l) => l.startsWith('starting')), 'no server started');
        eq(c.errors.length, 1, 'one error message');
        assert(/not found on PATH/.test(c.errors[0][0]), c.errors[0][0]);
        eq(c.errors[0][1], ['Installation steps', 'Open Settings'], 'buttons');
        eq(c.external, [S.INSTALL_URL], 'the first button opens the install steps');
        // a user setting naming a missing binary is named in the message
        c = await run({ trusted: true, inspect: { globalValue: '/nonexistent/quotecheck' } });
        assert(c.errors.length === 1 && c.errors[0][0].includes('"/nonexistent/quotecheck"'), `message: ${c.errors}`);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    await test('vscode-audit-helpers', async () => {
        eq(S.utf16Column('abc', 1), 0, 'column 1');
        eq(S.utf16Column('« Très 🎉 x', 9), 9, 'after an astral character (2 UTF-16 units)');
        eq(S.utf16Column('ab', 5), 4, 'past the end');
        eq([1, 2, 3, 4].map((n) => n), ['error', 'warning', 'info', 'hint'].map(S.severityNumber), 'severities');
        const items = S.parseAudit(JSON.stringify({ version: 1, files: [{ path: 'd/a.md', diagnostics: [
            { code: 'unsourced-quote', severity: 'warning', message: 'm',
              range: { start: { line: 1, column: 1 }, end: { line: 1, column: 5 } } }] }] }), '/ws');
        eq(items.map((i) => [i.file, i.diagnostic.code]), [['/ws/d/a.md', 'unsourced-quote']], 'parseAudit');
    });
}

main().then(() => process.exit(failures() ? 1 : 0));
