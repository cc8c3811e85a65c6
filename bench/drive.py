#!/usr/bin/env python3
"""bench/drive.py — the timed steps of `make bench` and the final report.

Called by bench/run.sh; each step writes one JSON file under RAW (bench/out/raw):
  index-cold   BIN CORPUS CACHE RAW          index with no cache (time, peak RSS, sizes)
  index-warm   BIN CORPUS CACHE RAW [REPS]   index again: cached cold start (median of REPS)
  check-procs  BIN CORPUS CACHE RAW K DRAFT...   one `check` process per draft (process time)
  check-lat    LAT_BIN CORPUS CACHE RAW DRAFT... in-process per-draft latency (bench/check_lat.c)
  audit        BIN CORPUS CACHE RAW DRAFTDIR JOBS [REPS]   `audit -j JOBS` throughput
  rg           CORPUS RAW PATSDIR K          `rg -F -c -f` per draft over the corpus
  lsp          RAW LOGFILE EDITS             parse tests/lsp/bench.js output
  report       RAW OUTDIR                    table on stdout, results.json, results.md
Times are wall-clock (time.perf_counter); peak RSS from /usr/bin/time -f %M.
Medians and percentiles only; p99 of K samples is the ceil(0.99 K)-th smallest.
"""
import json
import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return None
    return xs[min(len(xs) - 1, max(0, math.ceil(p * len(xs)) - 1))]


TIMEOUT = float(os.environ.get('QC_BENCH_TIMEOUT', '180'))


class Hung(Exception):
    pass


def timed(cmd, stdout=subprocess.DEVNULL, env=None):
    """Run cmd under /usr/bin/time; (wall seconds, peak RSS kB, returncode, stdout)."""
    with tempfile.NamedTemporaryFile('r', suffix='.time') as tf:
        full = ['/usr/bin/time', '-f', '%M', '-o', tf.name] + cmd
        t0 = time.perf_counter()
        p = subprocess.Popen(full, stdout=stdout, stderr=subprocess.PIPE, env=env, start_new_session=True)
        try:
            out, err = p.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            sys.stderr.write('bench: TIMEOUT after %.0f s: %s\n' % (TIMEOUT, ' '.join(cmd)))
            raise Hung(' '.join(cmd))
        p.stdout, p.stderr = out, err
        wall = time.perf_counter() - t0
        lines = [l for l in open(tf.name).read().split('\n') if l.strip()]
        rss = int(lines[-1]) if lines and lines[-1].strip().isdigit() else None
    if p.returncode not in (0, 1):
        sys.stderr.write('bench: %s exited %d\n%s\n' % (' '.join(cmd), p.returncode,
                                                        p.stderr.decode(errors='replace')[-2000:]))
    return wall, rss, p.returncode, (p.stdout if stdout == subprocess.PIPE else None)


def save(raw, name, obj):
    with open(os.path.join(raw, name + '.json'), 'w') as f:
        json.dump(obj, f, indent=1)
    print('bench: %s: %s' % (name, json.dumps({k: v for k, v in obj.items() if not isinstance(v, list)})))


def index_cmd(bin_, corpus, cache):
    cmd = [bin_, 'index']
    for c in corpus.split(':'):
        cmd += ['--sources', c]
    return cmd + ['--cache-dir', cache, '--json']


def step_index_cold(bin_, corpus, cache, raw):
    wall, rss, rc, out = timed(index_cmd(bin_, corpus, cache), stdout=subprocess.PIPE)
    st = json.loads(out)
    save(raw, 'index-cold', {'wall_s': wall, 'peak_rss_kb': rss, 'rc': rc, 'stats': st})


def step_index_warm(bin_, corpus, cache, raw, reps=5):
    walls, rsss, inner = [], [], []
    for _ in range(int(reps)):
        wall, rss, rc, out = timed(index_cmd(bin_, corpus, cache), stdout=subprocess.PIPE)
        st = json.loads(out)
        walls.append(wall)
        rsss.append(rss)
        inner.append(st.get('seconds'))
        assert st.get('from_cache'), 'second index run did not load the cache'
    save(raw, 'index-warm', {'median_wall_s': statistics.median(walls), 'walls': walls,
                             'median_open_s': statistics.median(inner), 'opens': inner,
                             'peak_rss_kb': max(rsss)})


def step_check_procs(bin_, corpus, cache, raw, k, *drafts):
    drafts = drafts[:int(k)]
    walls, rsss = [], []
    budget = float(os.environ.get('QC_BENCH_STEP_SECONDS', '120'))
    t0 = time.perf_counter()
    for d in drafts:
        if len(walls) >= 10 and time.perf_counter() - t0 > budget:
            break  # time budget of the step (QC_BENCH_STEP_SECONDS)
        cmd = [bin_, 'check']
        for c in corpus.split(':'):
            cmd += ['--sources', c]
        cmd += ['--cache-dir', cache, '--no-config', '--format', 'json', '-o', '/dev/null', d]
        wall, rss, rc, _ = timed(cmd)
        walls.append(wall * 1e3)
        rsss.append(rss)
    save(raw, 'check-procs', {'drafts': len(walls), 'median_ms': statistics.median(walls),
                              'p99_ms': pct(walls, 0.99), 'max_ms': max(walls), 'ms': walls,
                              'peak_rss_kb': max(rsss)})


def step_check_lat(lat_bin, corpus, cache, raw, *drafts):
    drafts = drafts[:int(os.environ.get('QC_BENCH_LAT_DRAFTS', '60'))]
    cmd = [lat_bin]
    for c in corpus.split(':'):
        cmd += ['--sources', c]
    cmd += ['--cache-dir', cache, '--passes', '2'] + list(drafts)
    wall, rss, rc, out = timed(cmd, stdout=subprocess.PIPE)
    d = json.loads(out)
    first, steady = d['passes'][0], d['passes'][-1]
    save(raw, 'check-lat', {'drafts': len(first), 'open_ms': d['open_ms'],
                            'first_touch_median_ms': statistics.median(first), 'first_touch_p99_ms': pct(first, 0.99),
                            'steady_median_ms': statistics.median(steady), 'steady_p99_ms': pct(steady, 0.99),
                            'steady_max_ms': max(steady), 'peak_rss_kb': rss,
                            'quotes_per_draft': statistics.median(d['quotes']) if d['quotes'] else 0,
                            'findings_per_draft': statistics.median(d['findings']) if d['findings'] else 0,
                            'first': first, 'steady': steady})


def step_audit(bin_, corpus, cache, raw, draftdir, jobs, reps=3):
    n = sum(1 for r, _, fs in os.walk(draftdir) for f in fs if f.endswith(('.md', '.txt')))
    walls, rsss = [], []
    budget = float(os.environ.get('QC_BENCH_STEP_SECONDS', '120'))
    for _ in range(int(reps)):
        if walls and sum(walls) > budget:
            break  # time budget of the step (QC_BENCH_STEP_SECONDS): fewer runs
        cmd = [bin_, 'audit']
        for c in corpus.split(':'):
            cmd += ['--sources', c]
        cmd += ['--cache-dir', cache, '--no-config', '-j', str(jobs), '--format', 'json',
                '-o', os.path.join(raw, 'audit-report.json'), draftdir]
        wall, rss, rc, _ = timed(cmd)
        walls.append(wall)
        rsss.append(rss)
    med = statistics.median(walls)
    save(raw, 'audit', {'drafts': n, 'jobs': int(jobs), 'median_wall_s': med, 'walls': walls,
                        'drafts_per_s': n / med, 'peak_rss_kb': max(rsss)})


def step_rg(corpus, raw, patsdir, k):
    pats = sorted(os.path.join(patsdir, f) for f in os.listdir(patsdir))[:int(k)]
    walls, files, found = [], [], []
    for p in pats:
        cmd = ['rg', '-F', '-c', '-f', p] + corpus.split(':')
        t0 = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t0)
        files.append(len([l for l in r.stdout.split(b'\n') if l]))
    total = sum(walls)
    # which quotes occur anywhere (exactly), on a few drafts: one rg per quote
    for p in pats[:3]:
        for q in open(p, encoding='utf-8').read().split('\n'):
            if q:
                r = subprocess.run(['rg', '-F', '-q', '-e', q] + corpus.split(':'))
                found.append(r.returncode == 0)
    save(raw, 'rg', {'drafts': len(walls), 'total_s': total, 'median_ms': statistics.median(walls) * 1e3,
                     'p99_ms': pct(walls, 0.99) * 1e3, 'drafts_per_s': len(walls) / total,
                     'median_files_matched': statistics.median(files),
                     'exact_quote_share': (sum(found) / len(found)) if found else None,
                     'version': subprocess.run(['rg', '--version'], stdout=subprocess.PIPE).stdout.decode().split('\n')[0],
                     'ms': [w * 1e3 for w in walls]})


def step_lsp(raw, log, edits):
    out = {'edits': int(edits)}
    import re
    for line in open(log, encoding='utf-8', errors='replace'):
        m = re.search(r'median ([\d.]+) ms, p99 ([\d.]+) ms, max ([\d.]+) ms', line)
        if m:
            out['median_ms'], out['p99_ms'], out['max_ms'] = map(float, m.groups())
        m = re.search(r'RSS start (\d+) kB, end (\d+) kB', line)
        if m:
            out['rss_start_kb'], out['rss_end_kb'] = map(int, m.groups())
        m = re.search(r'draft (\d+) words', line)
        if m:
            out['draft_words'] = int(m.group(1))
    save(raw, 'lsp', out)


# ---------------------------------------------------------------------------
# report

def load(raw, name):
    p = os.path.join(raw, name + '.json')
    return json.load(open(p)) if os.path.exists(p) else None


def fmt_ms(x):
    return '—' if x is None else ('%.1f ms' % x if x < 100 else '%.0f ms' % x)


def fmt_mb(kb):
    return '—' if kb is None else '%.0f MB' % (kb / 1024)


def step_report(raw, outdir):
    meta = load(raw, 'meta') or {}
    ic, iw, cp, cl, au, rg, lsp = (load(raw, n) for n in
                                   ('index-cold', 'index-warm', 'check-procs', 'check-lat', 'audit', 'rg', 'lsp'))
    rows = []  # (figure, value, target, ok or None)

    def row(name, value, target='', ok=None):
        rows.append((name, value, target, ok))

    for name, x in (('index-cold', ic), ('index-warm', iw), ('check-procs', cp), ('check-lat', cl), ('audit', au)):
        if x and 'hung' in x:
            row('%s: HUNG' % name, 'no result within %.0f s: %s' % (x['timeout_s'], x['hung'][-160:]), '', False)
    ic, iw, cp, cl, au = (None if (x and 'hung' in x) else x for x in (ic, iw, cp, cl, au))
    st = (ic or {}).get('stats', {})
    if st:
        row('corpus', '%d articles, %.1fM words, %.0f MB text, %d stories (clusters)' % (
            st['articles'], st['words'] / 1e6, st['text_bytes'] / 2 ** 20, st.get('clusters', 0)))
        row('index build (no cache)', '%.1f s wall, peak RSS %s' % (ic['wall_s'], fmt_mb(ic['peak_rss_kb'])))
        ratio = st['index_bytes'] / st['text_bytes']
        row('index size', '%.0f MB = %.2f× the text' % (st['index_bytes'] / 2 ** 20, ratio), '< 0.5×', ratio < 0.5)
    if iw:
        row('cold start with cached index (`index`, median of %d)' % len(iw['walls']),
            '%s wall (corpus open %s), peak RSS %s' % (fmt_ms(iw['median_wall_s'] * 1e3), fmt_ms(iw['median_open_s'] * 1e3),
                                                      fmt_mb(iw['peak_rss_kb'])),
            '< 1 s', iw['median_wall_s'] < 1.0)
    if cl:
        row('check latency, steady state (in-process, %d drafts, 2nd pass)' % cl['drafts'],
            'median %s, p99 %s' % (fmt_ms(cl['steady_median_ms']), fmt_ms(cl['steady_p99_ms'])),
            'p99 < 20 ms', cl['steady_p99_ms'] < 20)
        row('check latency, first touch (in-process, 1st pass)',
            'median %s, p99 %s' % (fmt_ms(cl['first_touch_median_ms']), fmt_ms(cl['first_touch_p99_ms'])))
        row('  per draft', '%g quotations checked, %g findings (median)' % (cl['quotes_per_draft'], cl['findings_per_draft']))
    if cp:
        row('`check` one process per draft (%d drafts; incl. cold start)' % cp['drafts'],
            'median %s, p99 %s, peak RSS %s' % (fmt_ms(cp['median_ms']), fmt_ms(cp['p99_ms']), fmt_mb(cp['peak_rss_kb'])))
    if au:
        row('audit -j %d (%d drafts, median of %d runs)' % (au['jobs'], au['drafts'], len(au['walls'])),
            '%.2f drafts/s (%.1f s), peak RSS %s' % (au['drafts_per_s'], au['median_wall_s'], fmt_mb(au['peak_rss_kb'])))
    if rg:
        row('ripgrep baseline (`rg -F -c -f` 25 quotes, %d drafts)' % rg['drafts'],
            '%.2f drafts/s (median %s per draft)' % (rg['drafts_per_s'], fmt_ms(rg['median_ms'])))
    if au and rg:
        r = au['drafts_per_s'] / rg['drafts_per_s']
        row('audit ÷ ripgrep throughput', '%.2f×' % r, '≥ 10×', r >= 10)
    if lsp and 'median_ms' in lsp:
        row('LSP didChange → diagnostics (%d edits, %s words)' % (lsp['edits'], lsp.get('draft_words', '?')),
            'median %s, p99 %s' % (fmt_ms(lsp['median_ms']), fmt_ms(lsp['p99_ms'])), 'p99 < 20 ms', lsp['p99_ms'] < 20)
        row('LSP resident memory, start → end of session',
            '%s → %s' % (fmt_mb(lsp['rss_start_kb']), fmt_mb(lsp['rss_end_kb'])))
        if lsp['edits'] < 10000:
            row('  (session shortened)', '%d edits instead of 10,000; at the median, 10,000 edits ≈ %.0f s' % (
                lsp['edits'], lsp['median_ms'] * 10000 / 1e3))
    elif os.path.exists(os.path.join(raw, 'lsp-probe.log')):
        row('LSP didChange → diagnostics', 'no result: tests/lsp/bench.js failed or timed out (raw/lsp*.log)',
            'p99 < 20 ms', False)
    peaks = [x for x in ((ic or {}).get('peak_rss_kb'), (iw or {}).get('peak_rss_kb'), (cl or {}).get('peak_rss_kb'),
                         (au or {}).get('peak_rss_kb'), (cp or {}).get('peak_rss_kb')) if x]
    if peaks:
        row('peak memory (largest of the runs above)', fmt_mb(max(peaks)))

    mark = {True: '✓', False: '✗', None: ''}
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    print()
    print('quotecheck bench — %s' % meta.get('title', ''))
    print('-' * (w0 + w1 + 20))
    for name, value, target, ok in rows:
        print('%-*s  %-*s  %-12s %s' % (w0, name, w1, value, target, mark[ok]))
    print('-' * (w0 + w1 + 20))
    md = ['| figure | measured | target | |', '| --- | --- | --- | --- |']
    for name, value, target, ok in rows:
        md.append('| %s | %s | %s | %s |' % (name.strip(), value, target, mark[ok]))
    header = '%s\n\n' % meta.get('title', '') if meta.get('title') else ''
    with open(os.path.join(outdir, 'results.md'), 'w') as f:
        f.write(header + '\n'.join(md) + '\n')
    with open(os.path.join(outdir, 'results.json'), 'w') as f:
        json.dump({'meta': meta, 'index_cold': ic, 'index_warm': iw, 'check_procs': cp, 'check_lat': cl,
                   'audit': au, 'rg': rg, 'lsp': lsp,
                   'table': [{'figure': a.strip(), 'measured': b, 'target': c, 'ok': d} for a, b, c, d in rows]},
                  f, indent=1)
    print('bench: wrote %s and %s' % (os.path.join(outdir, 'results.md'), os.path.join(outdir, 'results.json')))


STEPS = {'index-cold': step_index_cold, 'index-warm': step_index_warm, 'check-procs': step_check_procs,
         'check-lat': step_check_lat, 'audit': step_audit, 'rg': step_rg, 'lsp': step_lsp,
         'report': step_report}

if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1] not in STEPS:
        print(__doc__)
        sys.exit(2)
    try:
        STEPS[sys.argv[1]](*sys.argv[2:])
    except Hung as e:
        save(sys.argv[4] if sys.argv[1] != 'rg' else sys.argv[3], sys.argv[1],
             {'hung': str(e), 'timeout_s': TIMEOUT})
