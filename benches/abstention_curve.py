#!/usr/bin/env python3
"""The abstention trade-off on every development set at once, from `lotse eval --answers --json`.

For each cosine threshold t: the share of unanswerable questions that would abstain (best
cosine below t) against the share of answerable ones that would be wrongly refused, per set
and pooled over all sets, once for cosine alone and once with the unknown-word rule (a
question naming a word no passage contains needs `--unknown-margin` more cosine).

  bash benches/eval.sh --answers --json > eval.json
  python3 benches/abstention_curve.py eval.json [--mode extractive]
"""

import argparse
import json
from collections import defaultdict


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("eval_json")
    ap.add_argument("--mode", default="extractive")
    ap.add_argument("--unknown-margin", type=float, default=0.019)
    ap.add_argument("--from", dest="lo", type=float, default=0.80)
    ap.add_argument("--to", dest="hi", type=float, default=0.90)
    ap.add_argument("--step", type=float, default=0.005)
    args = ap.parse_args()
    data = json.load(open(args.eval_json, encoding="utf-8"))
    sets = defaultdict(list)
    for key, rows in data["questions"].items():
        name, mode = key.split("/")
        if mode == args.mode:
            sets[name] = rows
    sets["all"] = [r for rows in list(sets.values()) for r in rows]

    def point(rows, t, margin):
        unans = [r for r in rows if r["cited_document_ok"] is None]
        ans = [r for r in rows if r["cited_document_ok"] is not None]

        def refused(r):
            need = t + (margin if r["unknown_words"] else 0.0)
            return (r["best_vector_score"] or 0.0) < need

        a = sum(map(refused, unans)) / len(unans) if unans else float("nan")
        w = sum(map(refused, ans)) / len(ans) if ans else float("nan")
        return a, w

    names = list(sets)
    print(f"{'threshold':>9}  " + "  ".join(f"{n:>19}" for n in names))
    print(f"{'':>9}  " + "  ".join(f"{'abstain / refused':>19}" for _ in names))
    for margin, label in ((0.0, "cosine alone"), (args.unknown_margin, f"unknown words +{args.unknown_margin}")):
        print(label)
        t = args.lo
        while t <= args.hi + 1e-9:
            cells = []
            for n in names:
                a, w = point(sets[n], t, margin)
                cells.append(f"{a:>9.2f} / {w:>7.2f}")
            print(f"{t:>9.3f}  " + "  ".join(cells))
            t += args.step


if __name__ == "__main__":
    main()
