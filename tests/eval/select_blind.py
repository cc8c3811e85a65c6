#!/usr/bin/env python3
"""Select the Wikinews articles of the blind evaluation set.

Reads the Wikinews corpus (``corpora/wikinews/*.csv`` in the shared folder),
drops every URL already annotated in ``wikinews_gold.tsv`` or
``wikinews_heldout.tsv``, keeps the articles whose text holds at least four
quotation marks of any kind (" \u201c \u201d \u00ab \u00bb), and draws 30 of
them with ``random.Random(20261121).sample(sorted(urls), 30)``. Prints the
chosen URLs, one a line, in draw order.

With ``--final`` it selects the final blind set instead: it also drops the
URLs of ``wikinews_blind.tsv`` and draws with
``random.Random(20261122).sample(sorted(urls), 30)`` (all remaining
candidates, sorted, if fewer than 30 are left).

With ``--final2`` it selects the second final set: it drops every URL of
``wikinews_gold.tsv``, ``wikinews_heldout.tsv``, ``wikinews_blind.tsv`` and
``wikinews_final.tsv`` and of their not-quotes files (an article may hold
only not-quotes), keeps the same filter, and draws with
``random.Random(20261123).sample(sorted(urls), 30)`` (all remaining
candidates, sorted, if fewer than 30 are left).

With ``--final3`` it selects the third final set: it drops every URL of
``wikinews_gold.tsv``, ``wikinews_heldout.tsv``, ``wikinews_blind.tsv``,
``wikinews_final.tsv`` and ``wikinews_final2.tsv`` and of their not-quotes
files, keeps the same filter, and draws with
``random.Random(20261124).sample(sorted(urls), 30)`` (all remaining
candidates, sorted, if fewer than 30 are left).

With ``--final4`` it selects the fourth final set: it also drops the URLs
of ``wikinews_final3.tsv`` and its not-quotes file, keeps the same filter,
and draws with ``random.Random(20261125).sample(sorted(urls), 30)`` (all
remaining candidates, sorted, if fewer than 30 are left).

With ``--final5`` it selects the fifth final set: every article left after
dropping the URLs of all the gold and not-quotes files above (final4's
included) that holds at least two quotation marks of those kinds (by then
every article with four or more has been taken: these hold one pair), all
of them, sorted.

    python3 tests/eval/select_blind.py [--shared DIR] [--files]
                                       [--final | --final2 | --final3 | --final4 | --final5]

Standard library only. ``--shared`` defaults to ``../shared`` relative to the
repository. With ``--files`` each line is ``NN<TAB>url`` (NN = 01..30 in
draw order), the numbering used for scratch copies of the texts.
"""
import argparse
import csv
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

SEED = 20261121
FINAL_SEED = 20261122
FINAL2_SEED = 20261123
FINAL3_SEED = 20261124
FINAL4_SEED = 20261125
COUNT = 30
MIN_MARKS = 4
MARKS = ('"', "\u201c", "\u201d", "\u00ab", "\u00bb")
CORPUS_FILES = ("wikinews_2019.csv", "wikinews_2020.csv")
ANNOTATED = ("wikinews_gold.tsv", "wikinews_heldout.tsv")
FINAL_ANNOTATED = ANNOTATED + ("wikinews_blind.tsv",)
FINAL2_ANNOTATED = FINAL_ANNOTATED + (
    "wikinews_final.tsv",
    "wikinews_not_quotes.tsv", "wikinews_heldout_not_quotes.tsv",
    "wikinews_blind_not_quotes.tsv", "wikinews_final_not_quotes.tsv")
FINAL3_ANNOTATED = FINAL2_ANNOTATED + (
    "wikinews_final2.tsv", "wikinews_final2_not_quotes.tsv")
FINAL4_ANNOTATED = FINAL3_ANNOTATED + (
    "wikinews_final3.tsv", "wikinews_final3_not_quotes.tsv")
FINAL5_ANNOTATED = FINAL4_ANNOTATED + (
    "wikinews_final4.tsv", "wikinews_final4_not_quotes.tsv")
FINAL5_MIN_MARKS = 2

csv.field_size_limit(1 << 30)


def annotated_urls(names=ANNOTATED):
    urls = set()
    for name in names:
        with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                urls.add(row["url"])
    return urls


def load_texts(shared):
    """url -> text, first occurrence wins (files in sorted order, as score.py)."""
    texts = {}
    for name in CORPUS_FILES:
        path = os.path.join(shared, "corpora", "wikinews", name)
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                texts.setdefault(row["url"], row["text"])
    return texts


def select(shared, final=False, final2=False, final3=False, final4=False, final5=False):
    texts = load_texts(shared)
    if final5:
        done = annotated_urls(FINAL5_ANNOTATED)
        urls = sorted(u for u, t in texts.items()
                      if u not in done and sum(t.count(m) for m in MARKS) >= FINAL5_MIN_MARKS)
        return urls, len(urls)
    # each draw: the files whose URLs it drops, and its seed (the first
    # flag set wins; none: the blind set)
    draws = ((final4, FINAL4_ANNOTATED, FINAL4_SEED), (final3, FINAL3_ANNOTATED, FINAL3_SEED),
             (final2, FINAL2_ANNOTATED, FINAL2_SEED), (final, FINAL_ANNOTATED, FINAL_SEED),
             (True, ANNOTATED, SEED))
    names, seed = next((n, sd) for flag, n, sd in draws if flag)
    done = annotated_urls(names)
    urls = set(url for url, text in texts.items()
               if url not in done and sum(text.count(m) for m in MARKS) >= MIN_MARKS)
    if seed != SEED and len(urls) <= COUNT:
        return sorted(urls), len(urls)
    return random.Random(seed).sample(sorted(urls), COUNT), len(urls)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=None,
                    help="the shared folder (default: ../shared relative to the repo)")
    ap.add_argument("--files", action="store_true",
                    help="print NN<TAB>url (NN = 01..30 in draw order)")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--final", action="store_true",
                       help="the final blind set: also exclude wikinews_blind.tsv, "
                            "draw with random.Random(%d)" % FINAL_SEED)
    group.add_argument("--final2", action="store_true",
                       help="the second final set: also exclude wikinews_final.tsv "
                            "and all not-quotes files, draw with random.Random(%d)"
                            % FINAL2_SEED)
    group.add_argument("--final3", action="store_true",
                       help="the third final set: also exclude wikinews_final2.tsv "
                            "and its not-quotes file, draw with random.Random(%d)"
                            % FINAL3_SEED)
    group.add_argument("--final4", action="store_true",
                       help="the fourth final set: also exclude wikinews_final3.tsv "
                            "and its not-quotes file, draw with random.Random(%d)"
                            % FINAL4_SEED)
    group.add_argument("--final5", action="store_true",
                       help="the fifth final set: every article left with at least two "
                            "quotation marks, sorted")
    a = ap.parse_args()
    shared = os.path.abspath(a.shared or os.path.join(ROOT, "..", "shared"))
    if not os.path.isdir(os.path.join(shared, "corpora", "wikinews")):
        sys.exit("select_blind: %s/corpora/wikinews absent" % shared)
    chosen, pool = select(shared, final=a.final, final2=a.final2,
                          final3=a.final3, final4=a.final4, final5=a.final5)
    seed = (FINAL4_SEED if a.final4 else FINAL3_SEED if a.final3 else FINAL2_SEED if a.final2
            else FINAL_SEED if a.final else SEED)
    if a.final5:
        print("# %d candidate articles, all taken" % pool, file=sys.stderr)
    else:
        print("# %d candidate articles, %d drawn with random.Random(%d)"
              % (pool, len(chosen), seed),
              file=sys.stderr)
    for i, url in enumerate(chosen, 1):
        print("%02d\t%s" % (i, url) if a.files else url)


if __name__ == "__main__":
    main()
