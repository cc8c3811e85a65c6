/*
 * editors/vscode/src/extension.ts — the VS Code client of `quotecheck lsp`.
 *
 * Thin: vscode-languageclient starts the binary for Markdown and plain-text
 * documents and does the protocol; this file finds the binary (setting or
 * PATH, never a workspace path in an untrusted workspace), shapes the
 * settings the server reads (settings.ts), and adds four commands:
 *   quotecheck.reindexCorpus   workspace/executeCommand quotecheck.reindex
 *   quotecheck.showSources     the source passages of the quotation under
 *                              the cursor (diagnostics' related information
 *                              and textDocument/definition) in a QuickPick
 *   quotecheck.auditWorkspace  `quotecheck audit --format json` on each
 *                              workspace folder into the Problems panel
 *   quotecheck.restartServer   stop and start the server
 */
import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
    DefinitionRequest,
    ExecuteCommandRequest,
    LanguageClient,
    LanguageClientOptions,
    Location,
    LocationLink,
    ServerOptions,
} from 'vscode-languageclient/node';
import {
    BinaryChoice,
    DOCUMENT_SELECTOR,
    INSTALL_URL,
    chooseBinary,
    parseAudit,
    serverSettings,
    severityNumber,
    utf16Column,
} from './settings';

const SECTION = 'quotecheck';
let client: LanguageClient | undefined;
let binary: BinaryChoice = { from: 'none' };
let output: vscode.OutputChannel;
let audit: vscode.DiagnosticCollection;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    output = vscode.window.createOutputChannel('quotecheck');
    audit = vscode.languages.createDiagnosticCollection('quotecheck-audit');
    context.subscriptions.push(
        output,
        audit,
        vscode.commands.registerCommand('quotecheck.reindexCorpus', reindexCorpus),
        vscode.commands.registerCommand('quotecheck.showSources', showSources),
        vscode.commands.registerCommand('quotecheck.auditWorkspace', auditWorkspace),
        vscode.commands.registerCommand('quotecheck.restartServer', restart),
        vscode.workspace.onDidChangeConfiguration((e) => {
            if (e.affectsConfiguration(`${SECTION}.path`))
                void restart();
        }),
        vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
        { dispose: () => void client?.stop() },
    );
    await start();
}

export async function deactivate(): Promise<void> {
    if (client) {
        const c = client;
        client = undefined;
        await c.stop();
    }
}

/* ---- the binary ------------------------------------------------------------- */

function findBinary(): BinaryChoice {
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect<string>('path');
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return chooseBinary(inspected, vscode.workspace.isTrusted, { workspaceRoot: root });
}

async function reportMissing(choice: BinaryChoice): Promise<void> {
    // from = 'user' or 'workspace': that setting names a binary that is not there
    const configured = vscode.workspace.getConfiguration(SECTION).inspect<string>('path');
    const named = choice.from === 'user' ? configured?.globalValue
        : choice.from === 'workspace' ? (configured?.workspaceFolderValue ?? configured?.workspaceValue)
        : undefined;
    const msg = named
        ? `quotecheck: the binary "${named}" (setting quotecheck.path) was not found or is not executable.`
        : 'quotecheck: the `quotecheck` binary was not found on PATH. Install it, or set quotecheck.path to its location.';
    const pick = await vscode.window.showErrorMessage(msg, 'Installation steps', 'Open Settings');
    if (pick === 'Installation steps')
        await vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
    else if (pick === 'Open Settings')
        await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.path`);
}

/* ---- the client ------------------------------------------------------------- */

function currentSettings(): Record<string, unknown> {
    const cfg = vscode.workspace.getConfiguration(SECTION);
    return serverSettings({
        sources: cfg.get('sources'),
        severity: cfg.get('severity'),
        inlayHints: cfg.get('inlayHints'),
        debounceMs: cfg.get('debounceMs'),
        configPath: cfg.get('configPath'),
    });
}

async function start(): Promise<void> {
    binary = findBinary();
    if (binary.ignored)
        output.appendLine(`quotecheck.path "${binary.ignored}" from the workspace settings is ignored: ` +
                          'the workspace is not trusted.');
    if (!binary.command) {
        void reportMissing(binary);
        return;
    }
    output.appendLine(`starting ${binary.command} lsp (from ${binary.from})`);
    const serverOptions: ServerOptions = {
        command: binary.command,
        args: ['lsp'],
        options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: DOCUMENT_SELECTOR,
        outputChannel: output,
        initializationOptions: currentSettings(),
        synchronize: { configurationSection: SECTION },
        middleware: {
            workspace: {
                // answer workspace/configuration with the server's shape,
                // not the raw VS Code section (which holds client-only keys
                // and empty defaults)
                configuration: async (params, token, next) => {
                    const result = await next(params, token);
                    if (!Array.isArray(result))
                        return result;
                    return params.items.map((item, i) =>
                        item.section === SECTION ? currentSettings() : result[i]);
                },
            },
        },
    };
    client = new LanguageClient(SECTION, 'quotecheck', serverOptions, clientOptions);
    try {
        await client.start();
    } catch (e) {
        void vscode.window.showErrorMessage(`quotecheck: the language server did not start: ${e}`);
    }
}

async function restart(): Promise<void> {
    if (client) {
        const c = client;
        client = undefined;
        try {
            await c.stop();
        } catch {
            /* already stopped */
        }
    }
    await start();
}

function requireClient(): LanguageClient | undefined {
    if (client?.isRunning())
        return client;
    void vscode.window.showWarningMessage('quotecheck: the language server is not running.', 'Restart')
        .then((p) => p === 'Restart' ? restart() : undefined);
    return undefined;
}

/* ---- commands --------------------------------------------------------------- */

async function reindexCorpus(): Promise<void> {
    const c = requireClient();
    if (!c)
        return;
    // the server reports the indexing itself through $/progress
    await c.sendRequest(ExecuteCommandRequest.type, { command: 'quotecheck.reindex', arguments: [] });
}

interface SourcePick extends vscode.QuickPickItem { uri: vscode.Uri; range: vscode.Range }

async function showSources(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const c = requireClient();
    if (!editor || !c)
        return;
    const pos = editor.selection.active;
    const picks: SourcePick[] = [];
    const seen = new Set<string>();
    const add = (uri: vscode.Uri, range: vscode.Range, label: string) => {
        const key = `${uri.toString()}#${range.start.line}:${range.start.character}`;
        if (seen.has(key))
            return;
        seen.add(key);
        picks.push({ label, description: `${vscode.workspace.asRelativePath(uri)}:${range.start.line + 1}`, uri, range });
    };
    // every passage behind the findings here (related information)
    for (const d of vscode.languages.getDiagnostics(editor.document.uri))
        if (d.source === 'quotecheck' && d.range.contains(pos))
            for (const r of d.relatedInformation || [])
                add(r.location.uri, r.location.range, r.message);
    // and the best passage the server finds for the quotation's words
    const params = c.code2ProtocolConverter.asTextDocumentPositionParams(editor.document, pos);
    const res = await c.sendRequest(DefinitionRequest.type, params);
    const list = res ? (Array.isArray(res) ? res : [res]) : [];
    for (const l of list as (Location | LocationLink)[]) {
        const uri = 'targetUri' in l ? l.targetUri : l.uri;
        const range = 'targetUri' in l ? (l.targetSelectionRange || l.targetRange) : l.range;
        const vr = c.protocol2CodeConverter.asRange(range);
        add(vscode.Uri.parse(uri), vr, await passageText(vscode.Uri.parse(uri), vr));
    }
    if (!picks.length) {
        void vscode.window.showInformationMessage('quotecheck: no source passage for the quotation under the cursor.');
        return;
    }
    const pick = await vscode.window.showQuickPick(picks, {
        title: 'Sources of this quotation',
        matchOnDescription: true,
    });
    if (pick)
        await vscode.window.showTextDocument(pick.uri, { selection: pick.range, preview: true });
}

async function passageText(uri: vscode.Uri, range: vscode.Range): Promise<string> {
    try {
        const doc = await vscode.workspace.openTextDocument(uri);
        const text = doc.getText(range).replace(/\s+/g, ' ').trim();
        return text.length > 120 ? text.slice(0, 117) + '…' : text || path.basename(uri.fsPath);
    } catch {
        return path.basename(uri.fsPath);
    }
}

function runAudit(bin: string, folder: string, token: vscode.CancellationToken): Promise<string> {
    return new Promise((resolve, reject) => {
        const child = cp.execFile(bin, ['audit', '--format', 'json', '--color', 'never', '.'],
            { cwd: folder, maxBuffer: 256 * 1024 * 1024 },
            (err, stdout, stderr) => {
                // exit 1 = error-level findings; 2 = a runtime problem, with a report when one was possible
                if (stdout.trim().startsWith('{'))
                    resolve(stdout);
                else
                    reject(new Error((stderr || (err && err.message) || 'no output').trim()));
            });
        token.onCancellationRequested(() => child.kill());
    });
}

const SEVERITY: Record<number, vscode.DiagnosticSeverity> = {
    1: vscode.DiagnosticSeverity.Error,
    2: vscode.DiagnosticSeverity.Warning,
    3: vscode.DiagnosticSeverity.Information,
    4: vscode.DiagnosticSeverity.Hint,
};

async function auditWorkspace(): Promise<void> {
    if (!binary.command) {
        binary = findBinary();
        if (!binary.command)
            return reportMissing(binary);
    }
    const folders = vscode.workspace.workspaceFolders || [];
    if (!folders.length) {
        void vscode.window.showInformationMessage('quotecheck: open a folder to audit it.');
        return;
    }
    const bin = binary.command;
    await vscode.window.withProgress({
        location: vscode.ProgressLocation.Notification,
        title: 'quotecheck: auditing the workspace',
        cancellable: true,
    }, async (_progress, token) => {
        audit.clear();
        const byFile = new Map<string, vscode.Diagnostic[]>();
        let total = 0;
        for (const folder of folders) {
            let items;
            try {
                items = parseAudit(await runAudit(bin, folder.uri.fsPath, token), folder.uri.fsPath);
            } catch (e) {
                if (!token.isCancellationRequested)
                    void vscode.window.showErrorMessage(`quotecheck audit of ${folder.name} failed: ${e instanceof Error ? e.message : e}`);
                continue;
            }
            const lines = new Map<string, string[]>();
            const lineOf = (file: string, n: number): string => {
                if (!lines.has(file)) {
                    try {
                        lines.set(file, fs.readFileSync(file, 'utf8').split(/\r?\n/));
                    } catch {
                        lines.set(file, []);
                    }
                }
                return lines.get(file)![n] || '';
            };
            const toRange = (file: string, r: { start: { line: number; column: number }; end: { line: number; column: number } }) =>
                new vscode.Range(r.start.line - 1, utf16Column(lineOf(file, r.start.line - 1), r.start.column),
                                 r.end.line - 1, utf16Column(lineOf(file, r.end.line - 1), r.end.column));
            for (const { file, diagnostic: f } of items) {
                const d = new vscode.Diagnostic(toRange(file, f.range), f.message, SEVERITY[severityNumber(f.severity)]);
                d.source = 'quotecheck audit';
                d.code = f.url ? { value: f.code, target: vscode.Uri.parse(f.url) } : f.code;
                d.relatedInformation = (f.evidence || []).filter((e) => e.range).map((e) => {
                    const p = path.resolve(folder.uri.fsPath, e.path);
                    return new vscode.DiagnosticRelatedInformation(
                        new vscode.Location(vscode.Uri.file(p), toRange(p, e.range!)),
                        `${e.outlet || 'source'}${e.speaker ? `, ${e.speaker}` : ''}: ${e.text || ''}`);
                });
                if (!byFile.has(file))
                    byFile.set(file, []);
                byFile.get(file)!.push(d);
                total++;
            }
        }
        for (const [file, ds] of byFile)
            audit.set(vscode.Uri.file(file), ds);
        if (!token.isCancellationRequested) {
            void vscode.commands.executeCommand('workbench.actions.view.problems');
            void vscode.window.showInformationMessage(
                `quotecheck: ${total} finding(s) in ${byFile.size} draft(s); see the Problems panel.`);
        }
    });
}
