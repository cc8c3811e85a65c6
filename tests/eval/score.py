#!/usr/bin/env python3
"""tests/eval/score.py — extraction accuracy of `quotecheck quotes` against
the gold annotations in this folder (standard library only).

Sets:
  seeds     the four seed articles in SHARED/seeds (seeds_gold.tsv), plus a
            check that nothing in seeds_not_quotes.tsv is reported as a quote
  wikinews  the annotated Wikinews articles (wikinews_gold.tsv); each article's
            `text` is written to a temporary folder (never into the repo)
  heldout   20 further Wikinews articles (wikinews_heldout.tsv,
            wikinews_heldout_not_quotes.tsv), annotated before the tool was
            run on them; scored exactly like `wikinews` (not in run-suite.sh)
  blind     30 more Wikinews articles drawn at random (select_blind.py;
            wikinews_blind.tsv, wikinews_blind_not_quotes.tsv), annotated
            from the text alone by someone who never ran the tool
  final     30 further random Wikinews articles (select_blind.py --final;
            wikinews_final.tsv), annotated the same way and kept for the
            closing independent measurement (not part of `all`)
  final3    30 more (select_blind.py --final3; wikinews_final3.tsv), the third
            closing measurement (not in `all`)
  final2    30 more random articles (select_blind.py --final2;
            wikinews_final2.tsv), a second closing measurement (not in `all`)
  final4    the last 21 candidate articles (select_blind.py --final4;
            wikinews_final4.tsv), the fourth closing measurement (not in `all`)
  final5    the 49 articles left with one pair of marks (select_blind.py
            --final5; wikinews_final5.tsv), the fifth (not in `all`)

With --gold TSV --texts DIR [--not-quotes TSV] it scores a set kept outside
the repository instead (texts that may not be redistributed): the gold's
`url` column names a file in DIR.

For each set it prints quote recall (gold quotes the system found), quote
precision (system quotes that are gold quotes), speaker accuracy (over found
quotes whose gold speaker is named) and lists every missed quote and every
wrong speaker. See tests/eval/README.md for the annotation guidelines and
the matching rules.

Exit codes: 0 ok (or SKIP), 1 a gate (--min-recall, --min-precision,
--min-speaker, --forbid-not-quotes) failed, 2 usage or runtime error
(binary missing, unreadable gold, output that is not JSON).
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

csv.field_size_limit(1 << 30)

# ---------------------------------------------------------------- normalising

_QUOTE_MAP = {
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u2039": "'",
    "\u203a": "'", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200d": "", "\u200b": "",
}
_QUOTE_TR = str.maketrans(_QUOTE_MAP)
_LEAD = "\"' \t\n"


def norm_text(s):
    """Case-folded, curly->straight quotes, whitespace collapsed, leading
    quotation marks and spaces removed."""
    s = unicodedata.normalize("NFKC", s or "").translate(_QUOTE_TR)
    s = re.sub(r"\s+", " ", s).casefold()
    # punctuation at a quotation's end is not part of the words ("Overall," = "Overall")
    return s.lstrip(_LEAD).strip().rstrip(",.;:!? ")


def words(s):
    return s.split(" ") if s else []


# Titles and honorifics stripped from the front of a speaker name (repeatedly).
_TITLES = {
    "president", "vice-president", "gen", "general", "dr", "doctor", "mr", "mrs", "ms", "miss",
    "mx", "prof", "professor", "sir", "dame", "lord", "lady", "senator", "sen", "rep",
    "representative", "judge", "justice", "captain", "capt", "sheriff", "lt", "col", "colonel",
    "sgt", "sergeant", "adm", "admiral", "maj", "major", "pope", "king", "queen", "prince",
    "princess", "gov", "governor", "mayor", "rev", "reverend", "fr", "father", "sister",
    "brother", "swami", "monsenor", "monsignor", "archbishop", "bishop", "cardinal", "sheikh",
    "ayatollah", "chancellor", "premier", "commander", "secretary", "minister", "mp", "qc",
    "the", "us", "u.s.",
}
_TITLE_PHRASES = [
    "crown prince ", "prime minister ", "foreign minister ", "defense secretary ",
    "defence secretary ", "secretary of state ", "first minister ", "white house spokeswoman ",
    "white house spokesman ", "vice president ", "supreme leader ",
]


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def norm_speaker(s):
    """Speaker names compared case-folded, without accents, curly quotes,
    dots, leading titles (President, Gen., Dr., Mr., Ms., ...), a leading
    "the" or middle initials; trailing post-nominals (QC, Jr. kept as "jr")
    normalised."""
    if s is None:
        return ""
    s = strip_accents(unicodedata.normalize("NFKC", s)).translate(_QUOTE_TR).casefold()
    s = re.sub(r"\s+", " ", s).strip().strip(",;:")
    changed = True
    while changed and s:
        changed = False
        for p in _TITLE_PHRASES:
            if s.startswith(p):
                s = s[len(p):]
                changed = True
        first, _, rest = s.partition(" ")
        if rest and first.rstrip(".") in _TITLES:
            s = rest
            changed = True
    s = s.replace(".", " ")
    s = re.sub(r"\s+qc$", "", s)
    s = re.sub(r"\s+", " ", s).strip()
    # a middle initial is no part of the comparison ("Donald J. Trump" is
    # "Donald Trump")
    w = s.split(" ")
    if len(w) >= 3:
        s = " ".join([w[0]] + [x for x in w[1:-1] if len(x) > 1] + [w[-1]])
    return s


def speaker_ok(sys_speaker, gold_speaker):
    if not sys_speaker:
        return False
    ns = norm_speaker(sys_speaker)
    return any(ns == norm_speaker(g) for g in gold_speaker.split("|") if g.strip())


# ---------------------------------------------------------------- gold files

def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows


class Gold:
    def __init__(self, key, line, snippet, kind, speaker, speaker_text, verb=""):
        self.key = key
        self.line = int(line) if str(line).strip() not in ("", "-") else None
        self.snippet = snippet
        self.nsnip = norm_text(snippet)
        self.kind = kind
        self.speaker = speaker
        self.speaker_text = speaker_text
        self.verb = verb
        self.match = None


# ---------------------------------------------------------------- the binary

def last_line(b):
    lines = [l for l in b.decode("utf-8", "replace").splitlines() if l.strip()]
    return lines[-1][:200] if lines else "(no message)"


def run_bin(qc_bin, files, timeout):
    """Returns ({path: [quote, ...]}, [error, ...])."""
    out, errors = {}, []

    def call(paths):
        try:
            p = subprocess.run([qc_bin, "quotes", "--format", "json"] + paths,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, "timeout after %ss" % timeout
        except OSError as e:
            return None, str(e)
        try:
            doc = json.loads(p.stdout.decode("utf-8", "replace"))
        except ValueError:
            return None, "exit %d, output is not JSON: %s" % (p.returncode, last_line(p.stderr))
        if p.returncode not in (0, 1):
            return doc, "exit %d: %s" % (p.returncode, last_line(p.stderr))
        return doc, None

    doc, err = call(files)
    if err is not None and len(files) > 1:
        # find the file(s) at fault: run one by one
        doc = {"files": []}
        for f in files:
            d, e = call([f])
            if e is not None:
                errors.append("%s: %s" % (f, e))
            if d:
                doc["files"].extend(d.get("files", []))
    elif err is not None:
        errors.append("%s: %s" % (files[0] if files else "-", err))
    for f in (doc or {}).get("files", []):
        out[os.path.abspath(f.get("path", ""))] = f.get("quotes", []) or []
    return out, errors


# ---------------------------------------------------------------- matching

def sys_line(q):
    try:
        return int(q["range"]["start"]["line"])
    except (KeyError, TypeError, ValueError):
        return None


def match_tier(gold_nsnip, sys_ntext):
    """1 = system text starts with the gold snippet; 2 = partial overlap
    (the gold snippet's first three words occur in the system text, or the
    system text, if shorter, is the start of the snippet); 0 = no match."""
    if not gold_nsnip or not sys_ntext:
        return 0
    if sys_ntext.startswith(gold_nsnip):
        return 1
    gw = words(gold_nsnip)
    head = " ".join(gw[:3])
    if re.search(r"(?:^|[^\w])" + re.escape(head) + r"(?:$|[^\w])", sys_ntext) or \
            (sys_ntext.startswith(head) and len(head) >= 3):
        return 2
    sw = words(sys_ntext)
    if len(sw) >= 2 and gold_nsnip.startswith(" ".join(sw[:3])):
        return 2
    return 0


LINE_SLACK = 3


def match_file(golds, ignores, quotes):
    """Greedy one-to-one matching; gold entries in order, each taking the best
    unused system quote (exact-start before partial overlap, then nearest
    line). Returns the list of unmatched system quotes (false positives)."""
    sysq = [(norm_text(q.get("text", "")), sys_line(q), q) for q in quotes]
    used = [False] * len(sysq)

    def best(g):
        cand = []
        for i, (nt, ln, q) in enumerate(sysq):
            if used[i]:
                continue
            t = match_tier(g.nsnip, nt)
            if not t:
                continue
            d = abs(ln - g.line) if (g.line is not None and ln is not None) else 0
            if d > LINE_SLACK:
                continue
            cand.append((t, d, i))
        if not cand:
            return None
        cand.sort()
        return cand[0][2]

    # exact-start matches first over all gold, then overlaps
    for g in golds + ignores:
        i = best(g)
        if i is not None:
            used[i] = True
            g.match = sysq[i][2]
    # a multi-paragraph quotation (opening mark repeated at each paragraph,
    # closing mark omitted) is one system quote and one gold row per
    # paragraph: the system quote also answers the rows of its later
    # paragraphs, when it holds their words
    for g in golds + ignores:
        if g.match is not None or g.line is None:
            continue
        for nt, ln, q in sysq:
            try:
                end = int(q["range"]["end"]["line"])
            except (KeyError, TypeError, ValueError):
                continue
            if ln is not None and ln < g.line <= end and g.nsnip and g.nsnip in nt:
                g.match = q
                break
    return [sysq[i][2] for i in range(len(sysq)) if not used[i]]


# ---------------------------------------------------------------- reporting

def pct(a, b):
    return (100.0 * a / b) if b else 100.0


def ratio(a, b):
    return (a / b) if b else 1.0


def show_q(q):
    t = q.get("text", "") or ""
    t = re.sub(r"\s+", " ", t)
    if len(t) > 60:
        t = t[:57] + "..."
    return t


def score_set(name, items, label_of, results, errors, verbose, out):
    """items: {file_key: (path, [Gold], [Gold ignore])}. Returns metrics."""
    n_gold = n_found = n_named = n_spk = 0
    n_sys = n_fp = 0
    by_kind = {}
    kind_ok = 0
    misses, wrong, fps = [], [], []
    for key in sorted(items):
        path, golds, ignores = items[key]
        quotes = results.get(os.path.abspath(path), [])
        for g in golds + ignores:
            g.match = None
        fp = match_file(golds, ignores, quotes)
        n_sys += len(quotes) - sum(1 for g in ignores if g.match is not None)
        n_fp += len(fp)
        for q in fp:
            fps.append("%s:%s: \"%s\" (speaker %s)" % (label_of(key), sys_line(q), show_q(q),
                                                      q.get("speaker")))
        for g in golds:
            n_gold += 1
            k = by_kind.setdefault(g.kind, [0, 0])
            k[0] += 1
            if g.match is None:
                misses.append("%s:%s: %s \"%s\" (%s)" % (label_of(key), g.line, g.kind, g.snippet,
                                                         g.speaker))
                continue
            n_found += 1
            k[1] += 1
            if (g.match.get("kind") or "") == g.kind:
                kind_ok += 1
            if g.speaker and g.speaker != "-":
                n_named += 1
                if speaker_ok(g.match.get("speaker"), g.speaker):
                    n_spk += 1
                else:
                    wrong.append("%s:%s: \"%s\" gold %s, system %s (as \"%s\")" % (
                        label_of(key), g.line, g.snippet, g.speaker,
                        g.match.get("speaker"), g.match.get("speaker_text")))
    m = {
        "files": len(items), "gold": n_gold, "found": n_found,
        "recall": ratio(n_found, n_gold),
        "system": n_sys, "fp": n_fp, "precision": ratio(n_sys - n_fp, n_sys),
        "named": n_named, "speaker_ok": n_spk, "speaker": ratio(n_spk, n_named),
        "kind_ok": kind_ok,
    }
    w = out.write
    w("== %s: %d files, %d gold quotes (%s)\n" % (
        name, len(items), n_gold,
        ", ".join("%s %d" % (k, v[0]) for k, v in sorted(by_kind.items()))))
    for e in errors:
        w("  ERROR %s\n" % e)
    w("  recall     %5.1f%%  (%d/%d found; %s)\n" % (
        pct(n_found, n_gold), n_found, n_gold,
        ", ".join("%s %d/%d" % (k, v[1], v[0]) for k, v in sorted(by_kind.items()))))
    w("  precision  %5.1f%%  (%d system quotes, %d not in gold)\n" % (
        pct(n_sys - n_fp, n_sys), n_sys, n_fp))
    w("  speaker    %5.1f%%  (%d/%d found quotes with a named gold speaker)\n" % (
        pct(n_spk, n_named), n_spk, n_named))
    w("  kind       %5.1f%%  (%d/%d found quotes with the gold direct/partial kind)\n" % (
        pct(kind_ok, n_found), kind_ok, n_found))
    if misses:
        w("  -- missed (%d)\n" % len(misses))
        for s in misses:
            w("    MISS %s\n" % s)
    if wrong:
        w("  -- wrong speaker (%d)\n" % len(wrong))
        for s in wrong:
            w("    SPEAKER %s\n" % s)
    if fps and verbose:
        w("  -- not in gold (%d)\n" % len(fps))
        for s in fps:
            w("    EXTRA %s\n" % s)
    elif fps:
        w("  (%d system quotes not in gold: --verbose lists them)\n" % len(fps))
    return m


def check_not_quotes(nots, items, label_of, results, m, out, listall=True):
    """Titles, names, terms and signs in quotation marks that are not
    speech: none should be reported as a quote. Returns how many were."""
    reported = []
    for n in nots:
        path = items[n.key][0]
        want = n.nsnip.rstrip(".,;:!? '\"")
        for q in results.get(os.path.abspath(path), []):
            nt = norm_text(q.get("text", "")).rstrip(".,;:!? '\"")
            ln = sys_line(q)
            if (nt == want or (nt.startswith(want) and len(words(nt)) <= len(words(want)) + 1)) \
                    and (ln is None or n.line is None or abs(ln - n.line) <= LINE_SLACK):
                reported.append("%s:%s: \"%s\"" % (label_of(n.key), n.line, n.snippet))
                break
    m["not_quotes"] = len(nots)
    m["not_quotes_reported"] = len(reported)
    out.write("  not-quotes %d/%d reported as quotes (titles, names, terms in quotation marks)\n"
              % (len(reported), len(nots)))
    for r in (reported if listall else []):
        out.write("    NOT-A-QUOTE %s\n" % r)
    return len(reported)


# ---------------------------------------------------------------- the sets

def load_seeds(shared):
    seeds_dir = os.path.join(shared, "seeds")
    items = {}
    for r in read_tsv(os.path.join(HERE, "seeds_gold.tsv")):
        path = os.path.join(seeds_dir, r["file"])
        it = items.setdefault(r["file"], (path, [], []))
        g = Gold(r["file"], r["line"], r["snippet"], r["kind"], r["speaker"], r["speaker_text"],
                 r.get("verb", ""))
        (it[2] if r["kind"] == "ignore" else it[1]).append(g)
    nots = [Gold(r["file"], r["line"], r["snippet"], "not-quote", "-", "-")
            for r in read_tsv(os.path.join(HERE, "seeds_not_quotes.tsv"))]
    for n in nots:
        if n.key not in items:
            items[n.key] = (os.path.join(seeds_dir, n.key), [], [])
    return items, nots


# the Wikinews sets besides the development one: gold, not-quotes, file prefix
WIKINEWS_SETS = {
    "heldout": ("wikinews_heldout.tsv", "wikinews_heldout_not_quotes.tsv", "ho"),
    "blind": ("wikinews_blind.tsv", "wikinews_blind_not_quotes.tsv", "bl"),
    "final": ("wikinews_final.tsv", "wikinews_final_not_quotes.tsv", "fi"),
    "final2": ("wikinews_final2.tsv", "wikinews_final2_not_quotes.tsv", "f2"),
    "final3": ("wikinews_final3.tsv", "wikinews_final3_not_quotes.tsv", "f3"),
    "final4": ("wikinews_final4.tsv", "wikinews_final4_not_quotes.tsv", "f4"),
    "final5": ("wikinews_final5.tsv", "wikinews_final5_not_quotes.tsv", "f5"),
}


def load_wikinews(shared, tmp, gold_name="wikinews_gold.tsv",
                  not_quotes_name="wikinews_not_quotes.tsv", prefix="wn"):
    wdir = os.path.join(shared, "corpora", "wikinews")
    texts = {}
    for fn in sorted(os.listdir(wdir)):
        if not fn.endswith(".csv"):
            continue
        with open(os.path.join(wdir, fn), encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                texts.setdefault(row["url"], row["text"])
    items, names = {}, {}
    missing = []
    for r in read_tsv(os.path.join(HERE, gold_name)):
        url = r["url"]
        if url not in texts:
            missing.append(url)
            continue
        if url not in items:
            name = "%s%03d.txt" % (prefix, len(items) + 1)
            path = os.path.join(tmp, name)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(texts[url])
            items[url] = (path, [], [])
            names[url] = name
        g = Gold(url, r.get("line", ""), r["snippet"], r["kind"], r["speaker"], r["speaker_text"])
        (items[url][2] if r["kind"] == "ignore" else items[url][1]).append(g)
    nots = []
    nq_path = os.path.join(HERE, not_quotes_name)
    if os.path.exists(nq_path):
        nots = [Gold(r["url"], r["line"], r["snippet"], "not-quote", "-", "-")
                for r in read_tsv(nq_path) if r["url"] in items]
    return items, names, sorted(set(missing)), nots


def load_external(gold_path, texts_dir, not_quotes_path=None):
    """A set kept outside the repository: gold rows whose `url` column names
    a file in texts_dir (e.g. `07.txt`); the texts are read from there."""
    items, names = {}, {}
    missing = []
    for r in read_tsv(gold_path):
        fn = r["url"]
        path = os.path.join(texts_dir, fn)
        if not os.path.exists(path):
            missing.append(fn)
            continue
        if fn not in items:
            items[fn] = (path, [], [])
            names[fn] = fn
        g = Gold(fn, r.get("line", ""), r["snippet"], r["kind"], r["speaker"], r["speaker_text"])
        (items[fn][2] if r["kind"] == "ignore" else items[fn][1]).append(g)
    nots = []
    if not_quotes_path and os.path.exists(not_quotes_path):
        nots = [Gold(r["url"], r["line"], r["snippet"], "not-quote", "-", "-")
                for r in read_tsv(not_quotes_path) if r["url"] in items]
    return items, names, sorted(set(missing)), nots


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=["seeds", "wikinews"] + list(WIKINEWS_SETS) + ["all"], default="all")
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="also list system quotes that are not in the gold")
    ap.add_argument("--min-recall", type=float, default=None)
    ap.add_argument("--min-precision", type=float, default=None)
    ap.add_argument("--min-speaker", type=float, default=None)
    ap.add_argument("--forbid-not-quotes", action="store_true",
                    help="fail if anything in seeds_not_quotes.tsv is reported (seeds set)")
    ap.add_argument("--shared", default=None,
                    help="the shared folder (default: ../shared relative to the repo)")
    ap.add_argument("--bin", default=None, help="the binary (default $QC_BIN or bin/quotecheck)")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    ap.add_argument("--gold", metavar="TSV",
                    help="score an external set instead: gold rows whose url column names a file in --texts")
    ap.add_argument("--texts", metavar="DIR", help="the folder of the external set's texts (with --gold)")
    ap.add_argument("--not-quotes", metavar="TSV", help="the external set's not-quotes (with --gold)")
    a = ap.parse_args()

    shared = a.shared or os.path.join(ROOT, "..", "shared")
    shared = os.path.abspath(shared)
    if not os.path.isdir(shared):
        print("SKIP eval: ../shared absent")
        return 0
    qc_bin = a.bin or os.environ.get("QC_BIN") or "bin/quotecheck"
    if not os.path.isabs(qc_bin) and os.sep in qc_bin:
        qc_bin = os.path.join(ROOT, qc_bin) if not os.path.exists(qc_bin) else os.path.abspath(qc_bin)
    if not (os.path.isfile(qc_bin) and os.access(qc_bin, os.X_OK)):
        print("score.py: binary %s not found (build it, or set QC_BIN / --bin)" % qc_bin,
              file=sys.stderr)
        return 2

    out = sys.stdout
    failed = []
    allm = {}
    if a.gold:
        if not a.texts:
            print("score.py: --gold needs --texts DIR", file=sys.stderr)
            return 2
        items, names, missing, nots = load_external(a.gold, a.texts, a.not_quotes)
        files = [items[k][0] for k in sorted(items)]
        results, errors = run_bin(qc_bin, files, a.timeout)
        errors += ["gold file not in %s: %s" % (a.texts, u) for u in missing]
        m = score_set("external", items, lambda k: k, results, errors, a.verbose, out)
        check_not_quotes(nots, items, lambda k: k, results, m, out, a.verbose)
        out.write("SUMMARY external recall=%.3f precision=%.3f speaker=%.3f (gold %d, found %d, system %d)\n"
                  % (m["recall"], m["precision"], m["speaker"], m["gold"], m["found"], m["system"]))
        return 2 if errors else 0
    sets = ["seeds", "wikinews", "heldout", "blind"] if a.set == "all" else [a.set]
    with tempfile.TemporaryDirectory(prefix="qc-eval-") as tmp:
        for s in sets:
            if s == "seeds":
                if not os.path.isdir(os.path.join(shared, "seeds")):
                    print("SKIP eval seeds: %s/seeds absent" % shared)
                    continue
                items, nots = load_seeds(shared)
                files = [items[k][0] for k in sorted(items)]
                results, errors = run_bin(qc_bin, files, a.timeout)
                m = score_set("seeds", items, lambda k: k, results, errors, a.verbose, out)
                nq = check_not_quotes(nots, items, lambda k: k, results, m, out)
                if a.forbid_not_quotes and nq:
                    failed.append("seeds: %d name(s) in quotation marks reported as quotes" % nq)
            else:
                wdir = os.path.join(shared, "corpora", "wikinews")
                if not os.path.isdir(wdir):
                    print("SKIP eval %s: %s absent" % (s, wdir))
                    continue
                if s in WIKINEWS_SETS:
                    gold_name, nq_name, prefix = WIKINEWS_SETS[s]
                    items, names, missing, nots = load_wikinews(shared, tmp, gold_name, nq_name, prefix)
                else:
                    items, names, missing, nots = load_wikinews(shared, tmp)
                files = [items[k][0] for k in sorted(items)]
                results, errors = run_bin(qc_bin, files, a.timeout)
                errors += ["gold url not in the CSVs: %s" % u for u in missing]
                short = {u: "%s[%s]" % (names[u], u.rsplit("/", 1)[-1][:50]) for u in names}
                m = score_set(s, items, lambda k: short[k], results, errors, a.verbose, out)
                check_not_quotes(nots, items, lambda k: short[k], results, m, out, a.verbose)
            allm[s] = m
            if errors:
                failed.append("%s: %d error(s) running the binary" % (s, len(errors)))
            for flag, key, label in ((a.min_recall, "recall", "recall"),
                                     (a.min_precision, "precision", "precision"),
                                     (a.min_speaker, "speaker", "speaker accuracy")):
                if flag is not None and m[key] + 1e-9 < flag:
                    failed.append("%s: %s %.3f below %.3f" % (s, label, m[key], flag))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(allm, f, indent=1)
    for s, m in allm.items():
        out.write("SUMMARY %s recall=%.3f precision=%.3f speaker=%.3f (gold %d, found %d, "
                  "system %d)\n" % (s, m["recall"], m["precision"], m["speaker"], m["gold"],
                                    m["found"], m["system"]))
    if failed:
        for f in failed:
            out.write("GATE FAILED %s\n" % f)
        return 1 if not any("error(s) running" in f for f in failed) else 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
