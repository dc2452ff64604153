"""What the question checkers (check_laws_questions.py, check_seed_questions.py) share: the
checks every line of a questions file gets, whatever its documents."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

KEYS = {"id", "question", "document", "answer_phrase", "answer_facts", "kind"}


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def question_rows(
    qfile: Path, prefix: str, kinds: tuple[str, ...] | list[str], err: Callable[[str, str], None]
) -> Iterator[tuple[str, dict]]:
    """(id, question) of each line that parses, has exactly KEYS, a known kind; reports via
    `err` a wrong id (not PREFIX01, PREFIX02, … in order), a question outside 6-25 words
    and an unanswerable question that names a document, phrase or facts."""
    n = 0
    for ln, raw in enumerate(qfile.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        n += 1
        try:
            q = json.loads(raw)
        except json.JSONDecodeError as e:
            err(f"line {ln}", f"does not parse: {e}")
            continue
        qid = str(q.get("id", f"line {ln}"))
        if set(q) != KEYS:
            err(qid, f"keys {sorted(q)} != {sorted(KEYS)}")
            continue
        if qid != f"{prefix}{n:02d}":
            err(qid, f"expected id {prefix}{n:02d}")
        if q["kind"] not in kinds:
            err(qid, f"unknown kind {q['kind']!r}")
            continue
        nq = len(q["question"].split())
        if not 6 <= nq <= 25:
            err(qid, f"question has {nq} words")
        if q["kind"] == "unanswerable" and (
            q["document"] is not None or q["answer_phrase"] is not None or q["answer_facts"] != []
        ):
            err(qid, "unanswerable needs document=null, answer_phrase=null, answer_facts=[]")
        yield qid, q
