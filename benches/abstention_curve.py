#!/usr/bin/env python3
"""The abstention trade-off on every development set at once, from `lotse eval --answers --json`.

For each threshold t: the share of unanswerable questions that would abstain against the
share of answerable ones that would be wrongly refused, per set and pooled over all sets.

  --signal cosine (default): best cosine below t, once alone and once with the unknown-word
      rule (a question naming a word no passage contains needs `--unknown-margin` more);
  --signal judge: the judge's best log-odds of "Ja" below t, on top of the cosine rule that
      abstained in the run (run the eval with `--judge --judge-threshold -1000`, so that the
      judge itself refuses nothing and every score is recorded).

  bash benches/eval.sh --answers --json > eval.json
  python3 benches/abstention_curve.py eval.json [--mode extractive] [--signal judge]
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
    ap.add_argument("--signal", choices=["cosine", "judge"], default="cosine")
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
            if args.signal == "judge":
                judged = r.get("judge_best")
                return r["abstained"] if judged is None else judged < t
            need = t + (margin if r["unknown_words"] else 0.0)
            return (r["best_vector_score"] or 0.0) < need

        a = sum(map(refused, unans)) / len(unans) if unans else float("nan")
        w = sum(map(refused, ans)) / len(ans) if ans else float("nan")
        return a, w

    names = list(sets)
    print(f"{'threshold':>9}  " + "  ".join(f"{n:>19}" for n in names))
    print(f"{'':>9}  " + "  ".join(f"{'abstain / refused':>19}" for _ in names))
    variants = ((0.0, "cosine alone"), (args.unknown_margin, f"unknown words +{args.unknown_margin}"))
    if args.signal == "judge":
        variants = ((0.0, "judge log-odds of 'Ja'"),)
    for margin, label in variants:
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
