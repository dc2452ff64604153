#!/usr/bin/env python3
"""Check the held-out question set over the seed documents.

Usage:
    python3 corpus/tools/check_seed_questions.py [SEEDS_DIR] [QUESTIONS]

SEEDS_DIR defaults to ../shared/seeds (relative to the repository root),
QUESTIONS to corpus/eval/seeds-heldout.jsonl (relative to the repository root).
Paths given on the command line are taken relative to the current directory.

Each line of QUESTIONS is a JSON object
    {"id", "question", "document", "answer_phrase", "answer_facts", "kind"}.

Errors (exit status 1):
  * a line does not parse, keys missing/extra, ids not s01..sNN in order,
  * kind not one of direct / paraphrase / number / unanswerable,
  * answerable: document is not a seed file name; answer_phrase not 3-7 words;
    answer_phrase does not occur (case-insensitive, whitespace-normalised)
    inside one single line of the document; answer_facts not 1-2 strings of
    1-3 words each, or a fact not a substring of answer_phrase
    (case-insensitive),
  * unanswerable: document / answer_phrase not null or answer_facts not [],
  * question not 6-25 words,
  * counts: 50 questions, 40 answerable (>= 12 paraphrase, >= 8 number),
    10 unanswerable, every seed document used at least once.
Warnings (no failure):
  * the question shares a run of 4+ consecutive words with its document
    (for unanswerable questions: with any seed document),
  * answer_phrase occurs on more than one line of its document, or in another
    seed document,
  * a phrase contains markdown markup (* or #).
Info for unanswerable questions: the question words (4+ letters) that occur in
no seed document (an empty list means the question uses only document words).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from question_checks import KEYS, norm, question_rows

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"
DEFAULT_QUESTIONS = REPO / "corpus" / "eval" / "seeds-heldout.jsonl"

KINDS = ("direct", "paraphrase", "number", "unanswerable")
N_TOTAL, N_ANSWERABLE, N_UNANSWERABLE = 50, 40, 10
MIN_PARAPHRASE, MIN_NUMBER = 12, 8



def words(s: str) -> list[str]:
    return re.findall(r"[\wäöüß:-]+", s.lower())


def shared_run(q: str, doc_words: str, n: int = 4) -> str | None:
    qw = words(q)
    for i in range(len(qw) - n + 1):
        gram = " ".join(qw[i : i + n])
        if f" {gram} " in doc_words:
            return gram
    return None


def main(argv: list[str]) -> int:
    seeds = Path(argv[1]) if len(argv) > 1 else DEFAULT_SEEDS
    qfile = Path(argv[2]) if len(argv) > 2 else DEFAULT_QUESTIONS
    docs = {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))}
    if not docs:
        print(f"ERROR: no *.txt seed documents in {seeds}")
        return 1
    lines = {n: [norm(l) for l in t.splitlines()] for n, t in docs.items()}
    doc_words = {n: " " + " ".join(words(t)) + " " for n, t in docs.items()}
    vocab = set(w for t in docs.values() for w in words(t))

    errors = warnings = 0

    def err(qid: str, msg: str) -> None:
        nonlocal errors
        errors += 1
        print(f"ERROR {qid}: {msg}")

    def warn(qid: str, msg: str) -> None:
        nonlocal warnings
        warnings += 1
        print(f"warn  {qid}: {msg}")

    kinds: Counter[str] = Counter()
    per_doc: Counter[str] = Counter({n: 0 for n in docs})
    per_doc_kind: Counter[tuple[str, str]] = Counter()
    n = 0
    for qid, q in question_rows(qfile, "s", KINDS, err):
        n += 1
        kind = q["kind"]
        kinds[kind] += 1

        if kind == "unanswerable":
            for name in docs:
                run = shared_run(q["question"], doc_words[name])
                if run:
                    warn(qid, f"question shares wording with {name}: {run!r}")
            unknown = [w for w in words(q["question"]) if len(w) >= 4 and w not in vocab]
            print(f"info  {qid}: words not in any seed: {unknown}")
            continue

        doc = q["document"]
        if doc not in docs:
            err(qid, f"unknown document {doc!r}")
            continue
        per_doc[doc] += 1
        per_doc_kind[(doc, kind)] += 1
        phrase = q["answer_phrase"]
        if not isinstance(phrase, str):
            err(qid, "answer_phrase must be a string")
            continue
        pn = norm(phrase)
        nw = len(pn.split())
        if not 3 <= nw <= 7:
            err(qid, f"answer_phrase has {nw} words")
        hits = [i for i, l in enumerate(lines[doc], 1) if pn in l]
        if not hits:
            err(qid, f"phrase not on a single line of {doc}: {phrase!r}")
        elif len(hits) > 1:
            warn(qid, f"phrase on several lines of {doc}: {hits}")
        elif lines[doc][hits[0] - 1].count(pn) > 1:
            warn(qid, f"phrase occurs twice on line {hits[0]} of {doc}")
        if re.search(r"[*#]", phrase):
            warn(qid, f"phrase contains markdown markup: {phrase!r}")
        others = [o for o in docs if o != doc and any(pn in l for l in lines[o])]
        if others:
            warn(qid, f"phrase also in {others}")
        facts = q["answer_facts"]
        if not isinstance(facts, list) or not 1 <= len(facts) <= 2:
            err(qid, "answer_facts must be a list of 1-2 strings")
            facts = facts if isinstance(facts, list) else []
        for f in facts:
            if not isinstance(f, str) or not 1 <= len(f.split()) <= 3:
                err(qid, f"fact {f!r} must be 1-3 words")
                continue
            if norm(f) not in pn:
                err(qid, f"fact {f!r} not in answer_phrase")
        run = shared_run(q["question"], doc_words[doc])
        if run:
            warn(qid, f"question shares wording with document: {run!r}")

    answerable = n - kinds["unanswerable"]
    if n != N_TOTAL:
        err("set", f"{n} questions, expected {N_TOTAL}")
    if answerable != N_ANSWERABLE or kinds["unanswerable"] != N_UNANSWERABLE:
        err("set", f"{answerable} answerable / {kinds['unanswerable']} unanswerable, "
                   f"expected {N_ANSWERABLE} / {N_UNANSWERABLE}")
    if kinds["paraphrase"] < MIN_PARAPHRASE:
        err("set", f"only {kinds['paraphrase']} paraphrase questions")
    if kinds["number"] < MIN_NUMBER:
        err("set", f"only {kinds['number']} number questions")
    for name, c in per_doc.items():
        if c == 0:
            err("set", f"no question for {name}")

    print()
    print("per kind:     " + ", ".join(f"{k} {kinds[k]}" for k in KINDS))
    print("per document:")
    for name in docs:
        detail = ", ".join(f"{k} {per_doc_kind[(name, k)]}" for k in KINDS[:3])
        print(f"  {per_doc[name]:3d}  {name}  ({detail})")
    print(f"{n} questions, {errors} errors, {warnings} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
