'use strict';
/*
 * tests/editors/vscode-lib.js — shared by the VS Code extension tests:
 * PASS/FAIL/SKIP reporting, the extension's own settings module
 * (editors/vscode/src/settings.ts bundled with the extension's esbuild, so
 * the tests run the code the extension runs), modules resolved from
 * editors/vscode/node_modules, and a small .vsix (zip) reader.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');

const ROOT = path.resolve(__dirname, '../..');
const EXT = path.join(ROOT, 'editors/vscode');

let failures = 0;
class Skip extends Error {}

async function test(name, fn, timeoutMs = 30000) {
    let timer;
    try {
        await Promise.race([
            fn(),
            new Promise((_, rej) => { timer = setTimeout(() => rej(new Error('timed out')), timeoutMs); }),
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

/* A module as the extension resolves it (editors/vscode/node_modules). */
function extRequire(name) {
    return require(require.resolve(name, { paths: [EXT] }));
}

/* editors/vscode/src/settings.ts, bundled to CommonJS by the extension's esbuild. */
function loadSettings() {
    const esbuild = extRequire('esbuild');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-vscode-'));
    const out = path.join(dir, 'settings.js');
    esbuild.buildSync({
        entryPoints: [path.join(EXT, 'src/settings.ts')],
        bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error',
    });
    return require(out);
}

/* The names (and, on request, the contents) of the entries of a zip file. */
function readZip(file) {
    const buf = fs.readFileSync(file);
    let eocd = -1;
    for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--)
        if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
    if (eocd < 0)
        throw new Error(`${file}: not a zip file`);
    const count = buf.readUInt16LE(eocd + 10);
    let p = buf.readUInt32LE(eocd + 16);
    const entries = new Map();
    for (let k = 0; k < count; k++) {
        if (buf.readUInt32LE(p) !== 0x02014b50)
            throw new Error(`${file}: broken central directory`);
        const method = buf.readUInt16LE(p + 10);
        const csize = buf.readUInt32LE(p + 20);
        const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
        const local = buf.readUInt32LE(p + 42);
        const name = buf.toString('utf8', p + 46, p + 46 + nlen);
        entries.set(name, () => {
            const ln = buf.readUInt16LE(local + 26), lx = buf.readUInt16LE(local + 28);
            const data = buf.subarray(local + 30 + ln + lx, local + 30 + ln + lx + csize);
            return method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
        });
        p += 46 + nlen + xlen + clen;
    }
    return entries;
}

module.exports = {
    ROOT, EXT, Skip, test, assert, eq, extRequire, loadSettings, readZip,
    failures: () => failures,
};
