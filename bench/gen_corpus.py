#!/usr/bin/env python3
"""bench/gen_corpus.py — generate a large, varied news corpus for `make bench`.

Usage: python3 bench/gen_corpus.py OUT [N] [--seed S] [--jobs J] [--wikinews DIR]

Writes N articles (default 100,000, ~500 words each on average) under OUT
(one folder of 1,000 files per shard: OUT/s000/, OUT/s001/, ...) built from
the 295 Wikinews articles in ../shared/corpora/wikinews/*.csv (CC BY 2.5,
Wikinews contributors). Nothing is written into the repository: OUT is
meant to be under bench/out/ (git-ignored).

How the articles are varied, so that near-duplicate clustering and the
index behave as on real news rather than on copies:
  * topics: every article starts from a base Wikinews article (its lede)
    and mixes in paragraphs of its topical neighbours (nearest articles by
    shared rare words), in a random order and to a random length
    (log-normal, mean ~500 words);
  * names, places and numbers are replaced consistently within an article
    from pools harvested from the Wikinews text itself (people found next
    to reporting verbs, places after "in"/"from", numbers rescaled);
  * about 2% of ordinary words are swapped for other corpus words, and
    ~15% of quotations are varied slightly (a word dropped, swapped or
    changed) so the same quote exists in several wordings;
  * metadata: ~40 outlets (wire, newspapers, state media, official, blogs),
    dates spread over 2019-2021, bylines; .md files with YAML front matter
    and .txt files with a byline, a dateline or a copyright line; curly or
    straight quotation marks by outlet;
  * ~4% syndicated near-copies: an earlier article re-run by another outlet
    with a new header, sometimes trimmed or with a changed word.

Deterministic: article i depends only on (seed, i), whatever --jobs is.
A stamp OUT/.bench-gen.json records the parameters and totals.
"""
import csv
import json
import math
import multiprocessing
import os
import random
import re
import sys
import time
import zlib

GEN_VERSION = 4
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_WIKINEWS = os.path.normpath(os.path.join(HERE, '..', '..', 'shared', 'corpora', 'wikinews'))
SHARD = 1000

MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
          'September', 'October', 'November', 'December']
STOP_CAPS = set(MONTHS) | set('Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An In On At '
                              'He She It They We I This That These Those His Her Their Its Our Mr Mrs Ms Dr '
                              'But And Or If When While After Before As For With From By To Of Also However '
                              'According President Prime Minister General Police Court Government Wikinews '
                              'Saint St North South East West New Last First United States Republic'.split())

# name, kind (documentation only: the server detects kinds itself), style
OUTLETS = [
    ('Reuters', 'wire', 'curly'), ('Associated Press', 'wire', 'straight'), ('AFP', 'wire', 'curly'),
    ('Agence France-Presse', 'wire', 'curly'), ('TASS', 'state', 'straight'), ('Xinhua', 'state', 'straight'),
    ('RIA Novosti', 'state', 'straight'), ('Anadolu Agency', 'state', 'curly'),
    ('BBC News', 'newspaper', 'curly'), ('The Guardian', 'newspaper', 'curly'),
    ('The New York Times', 'newspaper', 'curly'), ('The Washington Post', 'newspaper', 'curly'),
    ('Al Jazeera', 'newspaper', 'curly'), ('Deutsche Welle', 'newspaper', 'straight'),
    ('The Times of India', 'newspaper', 'straight'), ('The Sydney Morning Herald', 'newspaper', 'curly'),
    ('Le Monde', 'newspaper', 'curly'), ('The Globe and Mail', 'newspaper', 'curly'),
    ('Jerusalem Post', 'newspaper', 'straight'), ('CNN', 'newspaper', 'straight'),
    ('NPR', 'newspaper', 'straight'), ('Northern Post', 'newspaper', 'curly'),
    ('Ostrel Courier', 'newspaper', 'curly'), ('Sarn Herald', 'newspaper', 'straight'),
    ('The Daily Ledger', 'newspaper', 'straight'), ('Harbour Gazette', 'newspaper', 'curly'),
    ('Midland Tribune', 'newspaper', 'straight'), ('Coastal Times', 'newspaper', 'curly'),
    ('Wikinews', 'newspaper', 'straight'),
    ('Ministry of Foreign Affairs', 'official', 'straight'), ('Office of the Governor', 'official', 'straight'),
    ('City Council Press Office', 'official', 'curly'),
    ('Valley Watch', 'blog', 'straight'), ('The Policy Blog', 'blog', 'straight'),
    ('Riverside Notes', 'blog', 'curly'), ('Open Newsroom', 'blog', 'straight'),
    ('World Desk Daily', 'blog', 'straight'), ('Civic Pulse', 'blog', 'curly'),
]
WIRES = [o for o in OUTLETS if o[1] == 'wire']
ORG_WORDS = set('''Magazine Foundation University Area Agency Association Party Council Court Ministry Department
Office Company Corporation Group Bank Committee Commission Institute Service Services News Times Post Press
Network Organization Organisation Union Center Centre Club League Army Force Forces Police Government House
Society Times Media Limited Inc Airlines Airport Hospital School College Project Team Board Authority Fund
Museum Church Station Street Park Island Islands River Mountain County City State States Republic Kingdom
Health World National International Federal Royal Department Embassy Council Parliament Senate Congress'''.split())


def slug(s):
    return re.sub(r'[^a-z0-9]+', '-', s.lower()).strip('-')


# ---------------------------------------------------------------------------
# Seed material (computed once, in the parent, then shared with workers)

WORD_RE = re.compile(r"[A-Za-z][a-z]+")
PERSON_AFTER = re.compile(r"\b(?:said|says|told|added|stated|according to|wrote|tweeted)\s+"
                          r"((?:[A-Z][a-z]+|[A-Z]\.)(?:\s(?:[A-Z][a-z]+|[A-Z]\.)){1,2})\b")
PERSON_BEFORE = re.compile(r"\b((?:[A-Z][a-z]+)(?:\s[A-Z][a-z]+){1,2})\s+(?:said|says|told|added|stated|wrote|tweeted)\b")
PLACE_RE = re.compile(r"\b(?:in|from|near|to)\s+([A-Z][a-z]{3,}(?:\s[A-Z][a-z]{3,})?)\b")
NUM_RE = re.compile(r"(?<![\w.,/:-])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w/:-]|[.,]\d)")
DATE_LINE = re.compile(r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? [A-Z][a-z]+ \d+, \d{4}$")
QUOTE_RE = re.compile(r'"([^"\n]{20,600})"')


def load_seed(wikinews_dir):
    csv.field_size_limit(10 ** 9)
    rows = []
    for f in sorted(os.listdir(wikinews_dir)):
        if f.endswith('.csv'):
            with open(os.path.join(wikinews_dir, f), encoding='utf-8', newline='') as fh:
                rows += list(csv.DictReader(fh))
    arts = []
    for r in rows:
        paras = [re.sub(r'\s+', ' ', p).strip() for p in re.split(r'\n\s*\n', r['text'])]
        paras = [p for p in paras if len(p.split()) >= 6 and not DATE_LINE.match(p)]
        if not paras:
            continue
        # very long articles (interviews, transcripts) are cut into pieces of ~60 paragraphs
        for k in range(0, len(paras), 60):
            arts.append({'title': r['title'].strip(), 'date': r['date'][:10], 'url': r['url'],
                         'paras': paras[k:k + 60]})
    # pools
    persons, places, vocab = {}, {}, {}
    for a in arts:
        for p in a['paras']:
            for m in PERSON_AFTER.finditer(p):
                n = m.group(1)
                if n.split()[0] not in STOP_CAPS and n.split()[-1] not in STOP_CAPS:
                    persons[n] = persons.get(n, 0) + 1
            for m in PERSON_BEFORE.finditer(p):
                n = m.group(1)
                if n.split()[0] not in STOP_CAPS and n.split()[-1] not in STOP_CAPS:
                    persons[n] = persons.get(n, 0) + 1
            for m in PLACE_RE.finditer(p):
                n = m.group(1)
                if n.split()[0] not in STOP_CAPS:
                    places[n] = places.get(n, 0) + 1
            for w in WORD_RE.findall(p):
                if w.islower() and len(w) > 3:
                    vocab[w] = vocab.get(w, 0) + 1
    found = sorted(n for n in persons if len(n.split()) >= 2 and not (set(n.split()) & ORG_WORDS))
    firsts = sorted(set(n.split()[0] for n in found if len(n.split()[0]) > 2))
    lasts = sorted(set(n.split()[-1] for n in found if len(n.split()[-1]) > 2))
    prng = random.Random(12345)
    combos = set(found)
    while len(combos) < min(20000, len(firsts) * len(lasts) // 2):
        combos.add('%s %s' % (prng.choice(firsts), prng.choice(lasts)))
    person_pool = sorted(combos)
    person_set = set(found)
    place_pool = sorted(n for n, c in places.items() if n not in person_set and c >= 1)
    vocab_pool = sorted(vocab)
    # topical neighbours: shared rare words (tf-idf top terms, Jaccard)
    df = {}
    terms = []
    for a in arts:
        ws = set(w.lower() for p in a['paras'] for w in WORD_RE.findall(p) if len(w) > 3)
        terms.append(ws)
        for w in ws:
            df[w] = df.get(w, 0) + 1
    n = len(arts)
    tops = []
    for a, ws in zip(arts, terms):
        tf = {}
        for p in a['paras']:
            for w in WORD_RE.findall(p):
                w = w.lower()
                if len(w) > 3:
                    tf[w] = tf.get(w, 0) + 1
        scored = sorted(tf, key=lambda w: (-tf[w] * math.log(n / df[w]), w))
        tops.append(set(scored[:30]))
    neigh = []
    for i in range(n):
        sims = []
        for j in range(n):
            if i != j:
                inter = len(tops[i] & tops[j])
                if inter:
                    sims.append((-inter / len(tops[i] | tops[j]), j))
        sims.sort()
        neigh.append([j for _, j in sims[:6]] or [(i + 1) % n])
    # per paragraph: which pooled person names and places it mentions
    name_re = re.compile(r"\b(?:%s)\b" % '|'.join(re.escape(x) for x in sorted(found, key=len, reverse=True)))
    place_re = re.compile(r"\b(?:%s)\b" % '|'.join(re.escape(x) for x in sorted(place_pool, key=len, reverse=True)))
    for a in arts:
        a['names'] = [sorted(set(name_re.findall(p))) for p in a['paras']]
        a['places'] = [sorted(set(place_re.findall(p))) for p in a['paras']]
    buckets = {}
    for w in vocab_pool:
        if w not in STOPWORDS:
            buckets.setdefault(w[-2:], []).append(w)
    return {'arts': arts, 'persons': person_pool, 'places': place_pool, 'vocab': vocab_pool, 'neigh': neigh,
            'buckets': buckets}


SEED = None  # set in workers

STOPWORDS = set('''that with have from they said says were been will would which their there about after also more
than when this what into over other some could only them then these those such while where very just most
many much made make being because before should since under between during against among each both even
told added stated according people year years last first week month time percent says saying were here
your ours yours mine what whom whose does done doing have having like well back down still again ever
every once same than that thus upon within without across along around'''.split())
WORD4 = re.compile(r"\b[a-z]{4,}\b")


def remap(text, key, per_mille):
    """Consistently replace a share of the word types of `text` (per_mille of
    them, chosen by a keyed hash) by corpus words with the same ending."""
    buckets = SEED['buckets']

    def f(m):
        w = m.group(0)
        if w in STOPWORDS:
            return w
        h = zlib.crc32(w.encode(), key)
        if h % 1000 >= per_mille:
            return w
        b = buckets.get(w[-2:])
        return b[(h >> 10) % len(b)] if b else w
    return WORD4.sub(f, text)


def remap_para(t, art_key, fam_key):
    """Narrative words vary per article (25% of word types); words inside
    quotation marks vary per family of ~8 articles (8%), so one wording of a
    quote is shared by a few articles, as when outlets quote the same
    statement."""
    out, pos = [], 0
    for m in QUOTE_RE.finditer(t):
        out.append(remap(t[pos:m.start()], art_key, 250))
        out.append('"%s"' % remap(m.group(1), fam_key, 80))
        pos = m.end()
    out.append(remap(t[pos:], art_key, 250))
    return ''.join(out)


def _init_worker(seed_data):
    global SEED
    SEED = seed_data


# ---------------------------------------------------------------------------
# One article

def vary_number(m, rnd):
    s = m.group(0)
    if rnd.random() > 0.35:
        return s
    plain = s.replace(',', '')
    try:
        v = float(plain)
    except ValueError:
        return s
    if '.' not in plain and 1900 <= v <= 2030:
        return s  # a year
    f = rnd.choice([0.5, 0.75, 0.9, 1.1, 1.25, 1.5, 2, 3])
    if '.' in plain:
        nv = '%.*f' % (len(plain.split('.')[1]), v * f)
    else:
        nv = str(max(1, int(round(v * f))))
        if ',' in s:
            nv = '{:,}'.format(int(nv))
    return nv


def vary_quote_text(q, rnd, vocab):
    ws = q.split(' ')
    if len(ws) < 6:
        return q
    k = rnd.randrange(1, len(ws) - 1)
    r = rnd.random()
    if r < 0.35:
        del ws[k]
    elif r < 0.65:
        ws[k], ws[k + 1] = ws[k + 1], ws[k]
    else:
        if ws[k].isalpha() and ws[k].islower():
            ws[k] = rnd.choice(vocab)
        else:
            del ws[k]
    return ' '.join(ws)


def compose(i, seed):
    """Article i: (meta dict, list of paragraphs), deterministic in (seed, i)."""
    arts, neigh = SEED['arts'], SEED['neigh']
    persons, places, vocab = SEED['persons'], SEED['places'], SEED['vocab']
    rnd = random.Random(seed * 1000003 + i)
    b = rnd.randrange(len(arts))
    base = arts[b]
    target = min(2500, max(100, int(rnd.lognormvariate(math.log(470) - 0.18, 0.6))))
    picked = []  # (article index, paragraph index)
    start = 0 if rnd.random() < 0.8 else min(1, len(base['paras']) - 1)
    picked.append((b, start))
    words = len(base['paras'][start].split())
    cursor = start + 1
    used = {(b, start)}
    guard = 0
    while words < target and guard < 200:
        guard += 1
        if cursor < len(base['paras']) and rnd.random() < 0.7:
            key = (b, cursor)
            cursor += 1 + (1 if rnd.random() < 0.2 else 0)
        else:
            j = rnd.choice(neigh[b]) if rnd.random() < 0.85 else rnd.randrange(len(arts))
            key = (j, rnd.randrange(len(arts[j]['paras'])))
        if key in used:
            continue
        used.add(key)
        picked.append(key)
        words += len(arts[key[0]]['paras'][key[1]].split())
    # consistent substitutions for this article
    mapping = {}
    for a, p in picked:
        for n in arts[a]['names'][p]:
            if n not in mapping:
                if rnd.random() < 0.7:
                    new = rnd.choice(persons)
                    mapping[n] = new
                    on, nn = n.split(), new.split()
                    if on[-1] not in mapping and len(on[-1]) > 2:
                        mapping[on[-1]] = nn[-1]
                else:
                    mapping[n] = n
        for n in arts[a]['places'][p]:
            if n not in mapping:
                mapping[n] = rnd.choice(places) if rnd.random() < 0.5 else n
    mapping = {k: v for k, v in mapping.items() if k != v}
    sub_re = None
    if mapping:
        sub_re = re.compile(r"\b(?:%s)\b" % '|'.join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
    paras = []
    art_key = zlib.crc32(b'a%d/%d' % (seed, i))
    fam_key = zlib.crc32(b'f%d/%d/%d' % (seed, b, rnd.randrange(max(1, len(arts) and 40))))
    for a, p in picked:
        t = remap_para(arts[a]['paras'][p], art_key, fam_key)
        if sub_re:
            t = sub_re.sub(lambda m: mapping[m.group(0)], t)
        t = NUM_RE.sub(lambda m: vary_number(m, rnd), t)
        if rnd.random() < 0.5:
            ws = t.split(' ')
            for _ in range(max(1, len(ws) // 50)):
                k = rnd.randrange(len(ws))
                if ws[k].isalpha() and ws[k].islower() and len(ws[k]) > 3:
                    ws[k] = rnd.choice(vocab)
            t = ' '.join(ws)
        if '"' in t:
            t = QUOTE_RE.sub(lambda m: '"%s"' % (vary_quote_text(m.group(1), rnd, vocab)
                                               if rnd.random() < 0.15 else m.group(1)), t)
        paras.append(t)
    title = remap(base['title'], art_key, 250)
    if sub_re:
        title = sub_re.sub(lambda m: mapping[m.group(0)], title)
    y, mo, d = (int(x) for x in base['date'].split('-'))
    day = (y - 2019) * 365 + (mo - 1) * 30 + d + rnd.randint(-20, 300)
    day = max(1, min(3 * 365 - 1, day))
    yy, rest = 2019 + day // 365, day % 365
    mm, dd = min(12, rest // 30 + 1), rest % 30 + 1
    if mm == 2 and dd > 28:
        dd = 28
    meta = {
        'title': title, 'date': '%04d-%02d-%02d' % (yy, mm, dd),
        'outlet': rnd.choice(OUTLETS), 'byline': rnd.choice(persons),
        'dateline': (rnd.choice(places) if rnd.random() < 0.7 else None),
        'form': rnd.random(), 'sep': rnd.random(),
    }
    return meta, paras


def render(i, meta, paras, rnd):
    outlet, kind, style = meta['outlet']
    paras = list(paras)
    if style == 'curly':
        paras = [re.sub(r'"([^"\n]*)"', lambda m: '\u201c%s\u201d' % m.group(1), p) for p in paras]
        paras = [p.replace("'", '\u2019') if rnd.random() < 0.5 else p for p in paras]
    y, m, d = meta['date'].split('-')
    human = '%s %d, %s' % (MONTHS[int(m) - 1], int(d), y)
    url = 'https://%s.example/%s/%s/%s-%d' % (slug(outlet), y, m, slug(meta['title'])[:60], i)
    form = meta['form']
    if form < 0.4:  # Markdown with front matter
        fm = ['---', 'title: %s' % json.dumps(meta['title'], ensure_ascii=False), 'outlet: %s' % outlet,
              'date: %s' % meta['date'], 'byline: %s' % meta['byline'], 'url: %s' % url]
        if kind == 'official':
            fm.append('kind: official')
        fm.append('---')
        body = '\n'.join(fm) + '\n\n# %s\n\n' % meta['title']
        if meta['dateline'] and rnd.random() < 0.5:
            paras[0] = '%s \u2014 %s' % (meta['dateline'].upper(), paras[0])
        body += '\n\n'.join(paras) + '\n'
        return 'md', body
    sep = '\n\n' if meta['sep'] < 0.6 else '\n'
    if outlet in ('TASS', 'RIA Novosti') or form < 0.55:
        place = (meta['dateline'] or 'MOSCOW').upper()
        head = '%s\n\n' % meta['title'] if rnd.random() < 0.5 else ''
        tag = '/%s/' % outlet if outlet in ('TASS', 'RIA Novosti', 'Xinhua') else '(%s)' % outlet
        paras[0] = '%s, %s %d. %s. %s' % (place, MONTHS[int(m) - 1], int(d), tag, paras[0])
        body = head + sep.join(paras) + '\n'
        if rnd.random() < 0.5:
            body += '\n\u00a9%s %s\n' % (y, outlet)
        return 'txt', body
    if form < 0.85:  # byline + dateline
        head = '%s\n\nBy %s, %s\n%s\n\n' % (meta['title'], meta['byline'], outlet, human)
        if meta['dateline']:
            paras[0] = '%s \u2014 %s' % (meta['dateline'].upper(), paras[0])
        return 'txt', head + sep.join(paras) + '\n'
    # plain text with a copyright line at the end
    body = '%s\n%s\n\n' % (meta['title'], human) + sep.join(paras) + '\n\n\u00a9 %s %s. All rights reserved.\n' % (y, outlet)
    return 'txt', body


def article(i, seed):
    rnd = random.Random(seed * 7919 + i * 31 + 1)
    if i >= 50 and rnd.random() < 0.04:
        # a syndicated near-copy of an earlier wire story
        j = i - 1 - rnd.randrange(min(i - 1, 5000))
        meta, paras = compose(j, seed)
        meta = dict(meta)
        orig = meta['outlet']
        if orig[1] != 'wire':
            meta['outlet'] = rnd.choice(WIRES)
        carrier = rnd.choice([o for o in OUTLETS if o[1] in ('newspaper', 'blog')])
        paras = list(paras)
        if len(paras) > 4 and rnd.random() < 0.5:
            paras = paras[:len(paras) - rnd.randint(1, 2)]
        if rnd.random() < 0.3:
            k = rnd.randrange(len(paras))
            ws = paras[k].split(' ')
            ws[rnd.randrange(len(ws))] = rnd.choice(SEED['vocab'])
            paras[k] = ' '.join(ws)
        paras[-1] = paras[-1] + ' (%s)' % meta['outlet'][0]
        meta['byline'] = meta['byline']
        meta['form'] = rnd.random()
        meta['outlet'] = (carrier[0], carrier[1], meta['outlet'][2])
        ext, body = render(i, meta, paras, rnd)
        return slug(carrier[0]), ext, body, True
    meta, paras = compose(i, seed)
    ext, body = render(i, meta, paras, rnd)
    return slug(meta['outlet'][0]), ext, body, False


def write_shard(args):
    out, shard, lo, hi, seed = args
    d = os.path.join(out, 's%03d' % shard)
    os.makedirs(d, exist_ok=True)
    words = nbytes = copies = 0
    for i in range(lo, hi):
        sl, ext, body, copy = article(i, seed)
        data = body.encode('utf-8')
        with open(os.path.join(d, '%s-%06d.%s' % (sl, i, ext)), 'wb') as f:
            f.write(data)
        words += len(body.split())
        nbytes += len(data)
        copies += copy
    return words, nbytes, copies


def main(argv):
    args, opts = [], {'--seed': '1', '--jobs': str(os.cpu_count() or 1), '--wikinews': DEFAULT_WIKINEWS}
    it = iter(argv)
    for a in it:
        if a in opts:
            opts[a] = next(it)
        elif a in ('-h', '--help'):
            print(__doc__)
            return 0
        else:
            args.append(a)
    if not args:
        print('usage: gen_corpus.py OUT [N] [--seed S] [--jobs J]', file=sys.stderr)
        return 2
    out = args[0]
    n = int(args[1]) if len(args) > 1 else 100000
    seed, jobs = int(opts['--seed']), max(1, int(opts['--jobs']))
    t0 = time.time()
    seed_data = load_seed(opts['--wikinews'])
    os.makedirs(out, exist_ok=True)
    tasks = [(out, s, s * SHARD, min(n, (s + 1) * SHARD), seed) for s in range((n + SHARD - 1) // SHARD)]
    words = nbytes = copies = 0
    done = 0
    if jobs == 1:
        _init_worker(seed_data)
        results = map(write_shard, tasks)
    else:
        pool = multiprocessing.Pool(jobs, _init_worker, (seed_data,))
        results = pool.imap(write_shard, tasks)
    for w, b, c in results:
        words += w
        nbytes += b
        copies += c
        done += 1
        if sys.stderr.isatty():
            print('\rgen_corpus: %d/%d shards' % (done, len(tasks)), end='', file=sys.stderr)
    if jobs != 1:
        pool.close()
        pool.join()
    stamp = {'generator': GEN_VERSION, 'articles': n, 'seed': seed, 'words': words, 'bytes': nbytes,
             'syndicated': copies, 'seed_articles': len(seed_data['arts']),
             'pools': {'persons': len(seed_data['persons']), 'places': len(seed_data['places']),
                       'vocab': len(seed_data['vocab'])},
             'seconds': round(time.time() - t0, 1)}
    with open(os.path.join(out, '.bench-gen.json'), 'w') as f:
        json.dump(stamp, f, indent=1)
    print(json.dumps(stamp))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
