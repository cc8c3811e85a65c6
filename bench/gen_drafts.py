#!/usr/bin/env python3
"""bench/gen_drafts.py — news drafts for `make bench`, quoting the generated corpus.

Usage: python3 bench/gen_drafts.py CORPUS OUT [--drafts N] [--quotes Q] [--words W] [--seed S]

Writes N drafts (default 200) of about W words (default 1,500) into OUT/drafts/
(.md and .txt), each with Q quotations (default 25) taken from articles of
CORPUS (a folder made by gen_corpus.py) together with narrative paragraphs
from the same articles. Of the quotations, about
  60% are copied exactly (with their speaker),
  15% are altered (a word dropped, changed or two words swapped),
  10% are given to another speaker of the draft (misattributed),
  10% are invented (no source has them: unsourced),
   5% are partial quotes (a fragment in running text).
Also writes, for the ripgrep baseline, OUT/rg-pats/<draft>.txt (the quoted
words of each draft as written, one per line; fixed strings for `rg -F -f`)
and OUT/manifest.json (per draft: its quotes, their kind and source file).
Deterministic (seeded). A stamp OUT/.bench-drafts.json records the
parameters.
"""
import json
import os
import random
import re
import sys

DRAFTS_VERSION = 2
VERBS = ['said', 'told reporters', 'added', 'said in a statement', 'wrote', 'told the newspaper']
OPEN, CLOSE = '\u201c', '\u201d'
QUOTE_RE = re.compile(r'["\u201c]([^"\u201c\u201d\n]{25,400}?)["\u201d]')
NAME = r"([A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+){0,2})"
AFTER_RE = re.compile(r'^\s*,?\s*(?:said|says|added|stated|told reporters)\s+' + NAME)
BEFORE_RE = re.compile(NAME + r'\s+(?:said|says|added|stated|told reporters)[,:]?\s*$')


STOP_SPEAKERS = set('He She It They We I The This That Police Officials Reports Authorities'.split())


def list_files(corpus):
    out = []
    for root, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
        for f in sorted(files):
            if f.endswith(('.md', '.txt')) and not f.startswith('.'):
                out.append(os.path.join(root, f))
    return out


def harvest(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if text.startswith('---'):
        end = text.find('\n---', 3)
        text = text[end + 4:] if end > 0 else text
    quotes, narrative = [], []
    for para in re.split(r'\n+', text):
        para = para.strip()
        if not para or para.startswith('#') or para.startswith('\u00a9'):
            continue
        nq = 0
        for m in QUOTE_RE.finditer(para):
            q = m.group(1).strip()
            words = q.split()
            if not (6 <= len(words) <= 60) or '[' in q or '"' in q:
                continue
            speaker = None
            a = AFTER_RE.match(para[m.end():m.end() + 80])
            if a:
                speaker = a.group(1)
            else:
                b = BEFORE_RE.search(para[max(0, m.start() - 80):m.start()])
                if b:
                    speaker = b.group(1)
            if speaker:
                quotes.append({'text': q.rstrip(',.;:'), 'speaker': speaker, 'source': path})
                nq += 1
        if nq == 0 and not re.search(r'["\u201c\u201d]', para) and len(para.split()) >= 25:
            narrative.append(para)
    return quotes, narrative


def alter(q, rnd, vocab):
    ws = q.split()
    k = rnd.randrange(1, len(ws) - 1)
    r = rnd.random()
    if r < 0.4:
        del ws[k]
    elif r < 0.7:
        ws[k], ws[k + 1] = ws[k + 1], ws[k]
    else:
        ws[k] = rnd.choice(vocab)
    return ' '.join(ws)


def invent(q, rnd, vocab):
    ws = q.split()
    rnd.shuffle(ws)
    ws = [rnd.choice(vocab) if rnd.random() < 0.5 else w for w in ws]
    s = ' '.join(ws)
    return s[:1].upper() + s[1:]


def main(argv):
    opts = {'--drafts': '200', '--quotes': '25', '--words': '1500', '--seed': '1'}
    args = []
    it = iter(argv)
    for a in it:
        if a in opts:
            opts[a] = next(it)
        elif a in ('-h', '--help'):
            print(__doc__)
            return 0
        else:
            args.append(a)
    if len(args) != 2:
        print('usage: gen_drafts.py CORPUS OUT [--drafts N] [--quotes Q] [--words W] [--seed S]', file=sys.stderr)
        return 2
    corpus, out = args
    ndrafts, nquotes, target, seed = (int(opts[k]) for k in ('--drafts', '--quotes', '--words', '--seed'))
    rnd = random.Random(seed)
    files = list_files(corpus)
    if not files:
        print('gen_drafts: no articles under %s' % corpus, file=sys.stderr)
        return 2
    # harvest quotes and narrative from a sample of the corpus
    need = ndrafts * nquotes
    order = rnd.sample(files, min(len(files), 40000))
    pool, narrative, seen = [], [], set()
    for p in order:
        q, n = harvest(p)
        for x in q:
            if x['text'] not in seen and x['speaker'] not in STOP_SPEAKERS:
                seen.add(x['text'])
                pool.append(x)
        narrative += n[:3]
        if len(pool) >= need and len(narrative) >= 2000:
            break
    if len(pool) < nquotes or len(narrative) < 10:
        print('gen_drafts: too few quotations found (%d)' % len(pool), file=sys.stderr)
        return 2
    vocab = sorted(set(w for n in narrative[:2000] for w in re.findall(r'\b[a-z]{4,}\b', n)))
    ddir = os.path.join(out, 'drafts')
    pdir = os.path.join(out, 'rg-pats')
    os.makedirs(ddir, exist_ok=True)
    os.makedirs(pdir, exist_ok=True)
    manifest = []
    total_words = 0
    for d in range(ndrafts):
        quotes = rnd.sample(pool, nquotes)
        speakers = sorted(set(q['speaker'] for q in quotes))
        paras, pats, qinfo = [], [], []
        for q in quotes:
            kind = rnd.random()
            text, speaker = q['text'], q['speaker']
            if kind < 0.60:
                k = 'exact'
            elif kind < 0.75:
                k, text = 'altered', alter(text, rnd, vocab)
            elif kind < 0.85:
                others = [s for s in speakers if s != speaker] or ['Jane Doe']
                k, speaker = 'misattributed', rnd.choice(others)
            elif kind < 0.95:
                k, text = 'unsourced', invent(text, rnd, vocab)
            else:
                k = 'partial'
            if k == 'partial':
                ws = text.split()
                n = rnd.randint(4, min(8, len(ws)))
                s = rnd.randrange(0, len(ws) - n + 1)
                text = ' '.join(ws[s:s + n]).strip(',.;:')
                para = '%s described it as %s%s%s, adding that more details would follow.' % (speaker, OPEN, text, CLOSE)
            else:
                form = rnd.random()
                verb = rnd.choice(VERBS)
                if form < 0.45:
                    para = '%s%s,%s %s %s.' % (OPEN, text, CLOSE, speaker, verb)
                elif form < 0.75:
                    para = '%s %s: %s%s.%s' % (speaker, verb.replace(' in a statement', ''), OPEN, text, CLOSE)
                else:
                    para = '%s%s,%s said %s.' % (OPEN, text, CLOSE, speaker)
            # a narrative sentence or two after some of the quotes
            paras.append(para)
            pats.append(text)
            qinfo.append({'text': text, 'kind': k, 'speaker': speaker, 'source': os.path.relpath(q['source'], corpus)})
        words = sum(len(p.split()) for p in paras)
        # interleave narrative paragraphs until the draft reaches its length
        body = []
        qi = 0
        while words < target or qi < len(paras):
            if qi < len(paras) and (words >= target or rnd.random() < 0.55):
                body.append(paras[qi])
                qi += 1
            else:
                n = rnd.choice(narrative)
                body.append(n)
                words += len(n.split())
        title = 'Draft %03d: %s' % (d, ' '.join(rnd.choice(narrative).split()[:8]))
        if d % 10 < 7:
            name = 'draft-%03d.md' % d
            text = '# %s\n\n%s\n' % (title, '\n\n'.join(body))
        else:
            name = 'draft-%03d.txt' % d
            text = '%s\n\n%s\n' % (title, '\n\n'.join(body))
        with open(os.path.join(ddir, name), 'w', encoding='utf-8') as f:
            f.write(text)
        with open(os.path.join(pdir, name + '.pats'), 'w', encoding='utf-8') as f:
            f.write('\n'.join(pats) + '\n')
        total_words += len(text.split())
        manifest.append({'draft': name, 'words': len(text.split()), 'quotes': qinfo})
    with open(os.path.join(out, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=0)
    stamp = {'generator': DRAFTS_VERSION, 'corpus': os.path.abspath(corpus), 'drafts': ndrafts,
             'quotes': nquotes, 'words': target, 'seed': seed,
             'mean_words': round(total_words / ndrafts), 'quote_pool': len(pool)}
    with open(os.path.join(out, '.bench-drafts.json'), 'w') as f:
        json.dump(stamp, f)
    print(json.dumps(stamp))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
