#!/usr/bin/env python3
"""Check the law evaluation questions (corpus/eval/laws-dev.jsonl).

Usage (from the repository root):
    python3 corpus/tools/check_laws_questions.py [LAWS_DIR] [QUESTIONS]

LAWS_DIR   folder with the laws as Markdown (<stem>.md, YAML front matter);
           default: ../shared/eval-data/laws-dev relative to the repo root.
QUESTIONS  JSONL file; default: corpus/eval/laws-dev.jsonl in the repo root.
Relative paths given on the command line are taken relative to the current
directory.

Errors (exit status 1):
  * a line does not parse, a key is missing or unknown, ids are not l01, l02, ...
  * kind not one of direct/paraphrase/similar/number/unanswerable
  * question not 6-25 words
  * answerable: document is not a law stem; answer_phrase not 4-12 words;
    phrase contains markup (* # | [ ] ` \\ < >), an Absatz number "(2)" or a
    newline; phrase (whitespace-normalised, lowercased) does not occur within
    ONE line of the law file (front matter stripped); 1-2 answer_facts, each
    1-4 words and a case-insensitive substring of the phrase
  * unanswerable: document/answer_phrase not null or answer_facts not []
  * totals: 60 questions, 50 answerable + 10 unanswerable, >= 15 paraphrase,
    >= 12 similar, >= 10 number, >= 10 laws covered
Warnings (no failure):
  * the phrase occurs more than once in its law, or also in another law
  * a paraphrase/similar question shares 4+ consecutive words with its law
  * an unanswerable question shares 5+ consecutive words with some law
Prints counts per kind and per law.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from question_checks import KEYS, norm, question_rows

REPO = Path(__file__).resolve().parents[2]
DEFAULT_LAWS = REPO.parent / "shared" / "eval-data" / "laws-dev"
DEFAULT_QUESTIONS = REPO / "corpus" / "eval" / "laws-dev.jsonl"

KINDS = ["direct", "paraphrase", "similar", "number", "unanswerable"]
MIN_KIND = {"paraphrase": 15, "similar": 12, "number": 10}
N_ANSWERABLE, N_UNANSWERABLE, MIN_LAWS = 50, 10, 10
MARKUP = re.compile(r"[*#|\[\]`\\<>]")
ABSATZ = re.compile(r"\(\d+[a-z]?\)")



def strip_front_matter(text: str) -> str:
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            nl = text.find("\n", end + 4)
            return text[nl + 1 :] if nl != -1 else ""
    return text


def words(s: str) -> list[str]:
    return re.findall(r"[\wäöüß]+", s.lower())


def shared_run(q: str, doc_words: str, n: int) -> str | None:
    qw = words(q)
    for i in range(len(qw) - n + 1):
        gram = " ".join(qw[i : i + n])
        if f" {gram} " in doc_words:
            return gram
    return None


def main(argv: list[str]) -> int:
    laws_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_LAWS
    qfile = Path(argv[2]) if len(argv) > 2 else DEFAULT_QUESTIONS
    laws: dict[str, list[str]] = {}
    for p in sorted(laws_dir.glob("*.md")):
        body = strip_front_matter(p.read_text(encoding="utf-8"))
        laws[p.stem] = [norm(l) for l in body.splitlines() if l.strip()]
    if not laws:
        print(f"ERROR: no *.md laws in {laws_dir}")
        return 1
    full = {s: " ".join(ls) for s, ls in laws.items()}
    doc_words = {s: " " + " ".join(words(t)) + " " for s, t in full.items()}

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
    per_law: Counter[str] = Counter()
    per_law_kind: dict[str, Counter[str]] = {}
    n = 0
    for qid, q in question_rows(qfile, "l", KINDS, err):
        n += 1
        kind = q["kind"]
        kinds[kind] += 1

        if kind == "unanswerable":
            for s in laws:
                run = shared_run(q["question"], doc_words[s], 5)
                if run:
                    warn(qid, f"unanswerable question shares {run!r} with {s}")
            continue

        doc, phrase, facts = q["document"], q["answer_phrase"], q["answer_facts"]
        if doc not in laws:
            err(qid, f"unknown document {doc!r} (expected one of {sorted(laws)})")
            continue
        per_law[doc] += 1
        per_law_kind.setdefault(doc, Counter())[kind] += 1
        if not isinstance(phrase, str) or not phrase.strip():
            err(qid, "answer_phrase missing")
            continue
        if "\n" in phrase:
            err(qid, "answer_phrase contains a newline")
        if MARKUP.search(phrase):
            err(qid, f"answer_phrase contains markup: {phrase!r}")
        if ABSATZ.search(phrase):
            err(qid, f"answer_phrase contains an Absatz number: {phrase!r}")
        p = norm(phrase)
        nw = len(p.split())
        if not 4 <= nw <= 12:
            err(qid, f"answer_phrase has {nw} words")
        hits = sum(line.count(p) for line in laws[doc])
        if hits == 0:
            if p in full[doc]:
                err(qid, f"phrase spans a line break in {doc}: {phrase!r}")
            else:
                err(qid, f"phrase not found in {doc}: {phrase!r}")
        elif full[doc].count(p) > 1:
            warn(qid, f"phrase occurs {full[doc].count(p)} times in {doc}")
        others = [s for s in laws if s != doc and p in full[s]]
        if others:
            warn(qid, f"phrase also in {others}")
        if not isinstance(facts, list) or not 1 <= len(facts) <= 2:
            err(qid, "needs 1-2 answer_facts")
            facts = facts if isinstance(facts, list) else []
        for f in facts:
            if not isinstance(f, str) or not 1 <= len(f.split()) <= 4:
                err(qid, f"fact {f!r} must be 1-4 words")
                continue
            if norm(f) not in p:
                err(qid, f"fact {f!r} not in answer_phrase")
        if kind in ("paraphrase", "similar"):
            run = shared_run(q["question"], doc_words[doc], 4)
            if run:
                warn(qid, f"{kind} question shares wording with {doc}: {run!r}")

    n_ans = sum(c for k, c in kinds.items() if k != "unanswerable")
    if n_ans != N_ANSWERABLE or kinds["unanswerable"] != N_UNANSWERABLE:
        err("total", f"{n_ans} answerable / {kinds['unanswerable']} unanswerable, "
            f"expected {N_ANSWERABLE} / {N_UNANSWERABLE}")
    for k, m in MIN_KIND.items():
        if kinds[k] < m:
            err("total", f"only {kinds[k]} {k} questions, need >= {m}")
    if len(per_law) < MIN_LAWS:
        err("total", f"only {len(per_law)} laws covered, need >= {MIN_LAWS}")

    print()
    print("per kind:")
    for k in KINDS:
        print(f"  {kinds[k]:3d}  {k}")
    print("per law:")
    for s in sorted(laws):
        detail = ", ".join(f"{k} {c}" for k, c in sorted(per_law_kind.get(s, {}).items()))
        print(f"  {per_law[s]:3d}  {s:10s} {detail}")
    print(f"{n} questions, {n_ans} answerable, {kinds['unanswerable']} unanswerable, "
          f"{len(per_law)} laws covered, {errors} errors, {warnings} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
