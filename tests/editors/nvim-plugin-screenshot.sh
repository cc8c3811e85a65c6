#!/usr/bin/env bash
# tests/editors/nvim-plugin-screenshot.sh — retakes
# docs/screenshots/nvim-diagnostics.png: Neovim with the editors/nvim plugin
# in a tmux pane, its diagnostics shown as signs and virtual text, on a copy of fixtures/drafts/mistakes.md (corpus named by a
# .quotecheck.json), the pane captured with its colours (capture-pane -e),
# turned into HTML and photographed with headless Chromium. Not part of the
# test suite. Needs nvim, tmux, python3 and chromium; binary: $QC_BIN.
#   usage: QC_BIN=bin/quotecheck bash tests/editors/nvim-plugin-screenshot.sh [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
QC_BIN="${QC_BIN:-bin/quotecheck}"
case "$QC_BIN" in /*) ;; *) QC_BIN="$root/$QC_BIN" ;; esac
out="${1:-docs/screenshots/nvim-diagnostics.png}"
case "$out" in /*) ;; *) out="$root/$out" ;; esac
cols=172 rows=35
for c in nvim tmux python3 chromium; do
  command -v "$c" >/dev/null || { echo "needs $c" >&2; exit 2; }
done
tmp=$(mktemp -d)
sock="$tmp/tmux.sock"
cleanup() { tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
ws="$tmp/newsroom"
mkdir -p "$ws/drafts"
cp -r fixtures/corpus "$ws/corpus"
printf '{ "sources": ["corpus"] }\n' > "$ws/.quotecheck.json"
cp fixtures/drafts/mistakes.md "$ws/drafts/varnek-dam.md"
cat > "$tmp/init.lua" <<EOF
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
vim.opt.number = true
vim.opt.signcolumn = 'yes'
vim.opt.wrap = false
vim.opt.laststatus = 2
vim.opt.rtp:prepend('$root/editors/nvim')
vim.diagnostic.config({ severity_sort = true, virtual_text = { spacing = 2 } })
vim.cmd('highlight SignColumn ctermbg=NONE')
require('quotecheck').setup({ cmd = { '$QC_BIN', 'lsp' } })
EOF
export QC_CACHE_DIR="$tmp/cache" XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/config"
tmux -S "$sock" -f /dev/null new-session -d -x "$cols" -y "$rows" -c "$ws/drafts" \
  "TERM=tmux-256color nvim --clean -u $tmp/init.lua varnek-dam.md"
tmux -S "$sock" set-option -g status off >/dev/null
sleep 3
# the cursor on the misattributed quotation
tmux -S "$sock" send-keys 9G
sleep 1
tmux -S "$sock" capture-pane -e -p > "$tmp/pane.ansi"
python3 - "$tmp/pane.ansi" "$tmp/pane.html" "$cols" <<'PY'
import html, re, sys
src, dst, cols = sys.argv[1], sys.argv[2], int(sys.argv[3])
BASE = ['#1d1f21', '#cc6666', '#8abe6e', '#e6c36a', '#81a2be', '#b294bb', '#8abeb7', '#c5c8c6',
        '#666666', '#ff7b7b', '#b5e48c', '#f0d98c', '#9ec3e6', '#d7b6e0', '#a3e0da', '#ffffff']
def xterm(n):
    if n < 16: return BASE[n]
    if n < 232:
        n -= 16; v = [0, 95, 135, 175, 215, 255]
        return '#%02x%02x%02x' % (v[n // 36], v[n // 6 % 6], v[n % 6])
    g = 8 + (n - 232) * 10
    return '#%02x%02x%02x' % (g, g, g)
FG, BG = '#c5c8c6', '#1d1f21'
def render(line):
    st = {'fg': None, 'bg': None, 'b': False, 'i': False, 'u': False, 'r': False}
    out, pos = [], 0
    for m in re.finditer(r'\x1b\[([0-9;:]*)m|([^\x1b]+)', line):
        if m.group(2) is not None:
            fg, bg = st['fg'] or FG, st['bg'] or BG
            if st['r']: fg, bg = bg, fg
            css = 'color:%s;background:%s' % (fg, bg)
            if st['b']: css += ';font-weight:bold'
            if st['i']: css += ';font-style:italic'
            if st['u']: css += ';text-decoration:underline'
            out.append('<span style="%s">%s</span>' % (css, html.escape(m.group(2))))
            continue
        p = [int(x) if x else 0 for x in re.split('[;:]', m.group(1) or '0')]
        i = 0
        while i < len(p):
            c = p[i]
            if c == 0: st.update(fg=None, bg=None, b=False, i=False, u=False, r=False)
            elif c == 1: st['b'] = True
            elif c == 3: st['i'] = True
            elif c == 4: st['u'] = True
            elif c == 7: st['r'] = True
            elif c == 22: st['b'] = False
            elif c == 23: st['i'] = False
            elif c == 24: st['u'] = False
            elif c == 27: st['r'] = False
            elif 30 <= c <= 37: st['fg'] = BASE[c - 30]
            elif 90 <= c <= 97: st['fg'] = BASE[c - 90 + 8]
            elif 40 <= c <= 47: st['bg'] = BASE[c - 40]
            elif 100 <= c <= 107: st['bg'] = BASE[c - 100 + 8]
            elif c == 39: st['fg'] = None
            elif c == 49: st['bg'] = None
            elif c in (38, 48) and i + 1 < len(p):
                key = 'fg' if c == 38 else 'bg'
                if p[i + 1] == 5 and i + 2 < len(p):
                    st[key] = xterm(p[i + 2]); i += 2
                elif p[i + 1] == 2 and i + 4 < len(p):
                    st[key] = '#%02x%02x%02x' % tuple(p[i + 2:i + 5]); i += 4
            i += 1
    return ''.join(out)
lines = open(src, encoding='utf-8', errors='replace').read().split('\n')
if lines and lines[-1] == '': lines.pop()
body = '\n'.join(render(l) for l in lines)
open(dst, 'w', encoding='utf-8').write(
    '<!doctype html><meta charset="utf-8"><style>html,body{margin:0;background:%s}'
    'pre{margin:0;padding:10px 12px;font:13px/1.3 "DejaVu Sans Mono",monospace;color:%s;'
    'white-space:pre}</style><pre>%s</pre>' % (BG, FG, body))
PY
# 13px DejaVu Sans Mono: 7.83 px a column, 16.9 px a row
width=$(( cols * 783 / 100 + 26 )) height=$(( rows * 169 / 10 + 22 ))
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$tmp/chrome" \
  --screenshot="$tmp/shot.png" --window-size="$width,$height" "file://$tmp/pane.html" >/dev/null 2>&1
mkdir -p "$(dirname "$out")"
cp "$tmp/shot.png" "$out"
echo "screenshot: $out ($(wc -c < "$out") bytes)"
