/*
 * editors/vscode/src/settings.ts — the parts of the extension that do not
 * need the VS Code API: which settings go to the server and in what shape,
 * where the binary comes from, and how an `audit --format json` report
 * becomes diagnostics. Kept free of `vscode` so tests/editors/ can bundle
 * and run it under plain Node.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Diagnostic codes, as documented in the README and named by the server. */
export const CODES = [
    'misattributed-quote',
    'altered-quote',
    'unsourced-quote',
    'figure-mismatch',
    'weak-source',
    'sources-disagree',
    'corrected-source',
] as const;

/** Severities the server's config accepts for a code. */
export const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'] as const;

/** Settings read by the server (server/src/lsp/workspace.c, qc_lsp_apply_settings). */
export const SERVER_KEYS = ['sources', 'extraSources', 'severity', 'inlayHints', 'debounceMs', 'configPath'] as const;

/** Settings only the extension reads. */
export const CLIENT_KEYS = ['path', 'trace.server'] as const;

/** The documents the server checks: Markdown and plain text, saved or not. */
export const DOCUMENT_SELECTOR = [
    { scheme: 'file', language: 'markdown' },
    { scheme: 'file', language: 'plaintext' },
    { scheme: 'untitled', language: 'markdown' },
    { scheme: 'untitled', language: 'plaintext' },
];

/** Where the README says how to install the binary. */
export const INSTALL_URL = 'https://github.com/quotecheck/quotecheck/blob/main/editors/README.md#install-the-quotecheck-binary';

type Json = unknown;

/**
 * The settings object the server receives (as initializationOptions and as
 * the answer to workspace/configuration for the section "quotecheck"),
 * built from the VS Code section. Empty `sources` and `severity` are left
 * out, so that the server keeps what .quotecheck.json says: an empty
 * `sources` would replace the config's folders with none.
 */
export function serverSettings(section: Record<string, Json> | undefined | null): Record<string, Json> {
    const out: Record<string, Json> = {};
    if (!section)
        return out;
    const sources = section['sources'];
    if (Array.isArray(sources)) {
        const list = sources.filter((s): s is string => typeof s === 'string' && s.trim() !== '');
        if (list.length)
            out.sources = list;
    }
    // extra folders are always sent (even empty), so removing them takes effect
    const extra = section['extraSources'];
    out.extraSources = Array.isArray(extra)
        ? extra.filter((s): s is string => typeof s === 'string' && s.trim() !== '')
        : [];
    const severity = section['severity'];
    if (severity && typeof severity === 'object' && !Array.isArray(severity)) {
        const sev: Record<string, string> = {};
        for (const [code, level] of Object.entries(severity as Record<string, Json>))
            if ((CODES as readonly string[]).includes(code) && (SEVERITIES as readonly string[]).includes(level as string))
                sev[code] = level as string;
        if (Object.keys(sev).length)
            out.severity = sev;
    }
    if (typeof section['inlayHints'] === 'boolean')
        out.inlayHints = section['inlayHints'];
    const debounce = section['debounceMs'];
    if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 && debounce <= 60000)
        out.debounceMs = Math.round(debounce);
    // sent even when empty: the server keeps a configPath it was given
    // until told otherwise ("" = find .quotecheck.json again)
    const configPath = section['configPath'];
    if (typeof configPath === 'string')
        out.configPath = configPath.trim();
    return out;
}

/** What `WorkspaceConfiguration.inspect('path')` reports (the parts used). */
export interface PathInspection {
    globalValue?: string;
    workspaceValue?: string;
    workspaceFolderValue?: string;
}

export interface BinaryChoice {
    /** The binary to run; undefined when none was found. */
    command?: string;
    /** Where it came from. */
    from: 'workspace' | 'user' | 'PATH' | 'none';
    /** A workspace-level path that was not used because the workspace is not trusted. */
    ignored?: string;
}

function isExecutable(p: string): boolean {
    try {
        const st = fs.statSync(p);
        if (!st.isFile())
            return false;
        if (process.platform !== 'win32')
            fs.accessSync(p, fs.constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

/** The first `name` on the search path (PATHEXT extensions on Windows). */
export function findOnPath(name: string, envPath: string | undefined = process.env.PATH,
                           exists: (p: string) => boolean = isExecutable): string | undefined {
    const exts = process.platform === 'win32'
        ? (process.env.PATHEXT || '.EXE;.CMD;.BAT').split(';').concat([''])
        : [''];
    for (const dir of (envPath || '').split(path.delimiter)) {
        if (!dir)
            continue;
        for (const ext of exts) {
            const cand = path.join(dir, name + ext);
            if (exists(cand))
                return cand;
        }
    }
    return undefined;
}

function nonEmpty(s: string | undefined): s is string {
    return typeof s === 'string' && s.trim() !== '';
}

/**
 * The binary to start. A path from workspace or folder settings is used
 * only in a trusted workspace (the manifest also lists quotecheck.path in
 * restrictedConfigurations, so VS Code itself hides it when untrusted);
 * then the user setting; then `quotecheck` on PATH. Relative paths in
 * workspace settings are taken from `workspaceRoot`; `~/` is expanded.
 */
export function chooseBinary(inspected: PathInspection | undefined, trusted: boolean,
                             opts: { workspaceRoot?: string; home?: string; envPath?: string;
                                     exists?: (p: string) => boolean } = {}): BinaryChoice {
    const exists = opts.exists || isExecutable;
    const expand = (p: string, base?: string): string => {
        p = p.trim();
        if (p === '~' || p.startsWith('~/'))
            p = path.join(opts.home || process.env.HOME || '', p.slice(1));
        if (!path.isAbsolute(p) && base && p.includes('/'))
            p = path.join(base, p);
        return p;
    };
    const ws = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
    let ignored: string | undefined;
    if (nonEmpty(ws)) {
        if (trusted)
            return { command: resolveCommand(expand(ws, opts.workspaceRoot), opts.envPath, exists), from: 'workspace' };
        ignored = ws;
    }
    if (nonEmpty(inspected?.globalValue))
        return { command: resolveCommand(expand(inspected!.globalValue!), opts.envPath, exists), from: 'user', ignored };
    const onPath = findOnPath('quotecheck', opts.envPath, exists);
    return { command: onPath, from: onPath ? 'PATH' : 'none', ignored };
}

/* A bare name is looked up on PATH; a path must exist. */
function resolveCommand(p: string, envPath: string | undefined, exists: (p: string) => boolean): string | undefined {
    if (!p.includes('/') && !p.includes('\\'))
        return findOnPath(p, envPath, exists);
    return exists(p) ? p : undefined;
}

/* ---- audit reports ---------------------------------------------------------- */

export interface AuditPosition { line: number; column: number }     // 1-based, code points
export interface AuditRange { start: AuditPosition; end: AuditPosition }
export interface AuditEvidence {
    path: string; range: AuditRange | null; outlet: string | null; speaker: string | null; text: string | null;
}
export interface AuditDiagnostic {
    code: string; severity: string; message: string; range: AuditRange;
    evidence?: AuditEvidence[]; url?: string;
}
export interface AuditReport {
    version: number;
    files: { path: string; diagnostics: AuditDiagnostic[] }[];
    summary?: Record<string, Json>;
}

/** A finding of the audit, with its file made absolute (paths in the report are relative to `cwd`). */
export interface AuditItem { file: string; diagnostic: AuditDiagnostic }

export function parseAudit(stdout: string, cwd: string): AuditItem[] {
    const report = JSON.parse(stdout) as AuditReport;
    if (!report || !Array.isArray(report.files))
        throw new Error('not a quotecheck audit report (no "files")');
    const out: AuditItem[] = [];
    for (const f of report.files)
        for (const d of f.diagnostics || [])
            out.push({ file: path.resolve(cwd, f.path), diagnostic: d });
    return out;
}

/**
 * A 1-based code-point column of `lineText` as a 0-based UTF-16 character
 * offset (what VS Code positions count).
 */
export function utf16Column(lineText: string, column: number): number {
    let units = 0, cps = 0;
    for (const ch of lineText) {
        if (cps >= column - 1)
            break;
        units += ch.length;
        cps++;
    }
    return units + Math.max(0, column - 1 - cps);
}

/** The LSP DiagnosticSeverity (1 error … 4 hint) of a report severity. */
export function severityNumber(s: string): number {
    switch (s) {
    case 'error': return 1;
    case 'warning': return 2;
    case 'info': case 'information': return 3;
    default: return 4;
    }
}
