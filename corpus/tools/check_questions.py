#!/usr/bin/env python3
"""Check corpus/eval/questions.jsonl against the documents in corpus/.

Usage:
    pip install pypdf python-docx
    python3 corpus/tools/check_questions.py

For every answerable question it checks that
  * `document` exists in corpus/,
  * `answer_phrase` (5-12 words) occurs in the document text after
    whitespace normalisation (PDF text via pypdf, DOCX paragraphs and table
    cells via python-docx, HTML visible <main> text without nav/header/footer/
    script/style, TXT decoded as cp1252, MD as UTF-8),
  * every `answer_facts` entry occurs in the document text,
and it warns (does not fail) when
  * a PDF phrase does not lie on a single extracted text line,
  * the question shares a run of 4+ words with the document (copied wording),
  * the phrase also occurs in another corpus document.
Unanswerable questions must have document = null, answer_phrase = null and
answer_facts = [].  Exit status 1 if any check fails.
"""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "dokumente"
QUESTIONS = CORPUS.parent / "eval" / "questions.jsonl"
DOCS = [
    "dienstanweisung-ki.docx",
    "it-sicherheitsrichtlinie.pdf",
    "merkblatt-reisekosten.pdf",
    "dienstvereinbarung-mobiles-arbeiten.md",
    "faq-intranet.html",
    "hinweise-telefon-und-email.txt",
]


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


class _Visible(HTMLParser):
    SKIP = {"script", "style", "nav", "header", "footer", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1
        elif tag in ("p", "h1", "h2", "h3", "li", "pre", "section", "br"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth == 0:
            self.parts.append(data)


def extract(name: str) -> tuple[str, list[str]]:
    """Return (full text, lines) of a corpus document."""
    path = CORPUS / name
    if name.endswith(".pdf"):
        from pypdf import PdfReader

        text = "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)
    elif name.endswith(".docx"):
        import docx

        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                parts.extend(c.text for c in row.cells)
        text = "\n".join(parts)
    elif name.endswith(".html"):
        v = _Visible()
        v.feed(path.read_text(encoding="utf-8"))
        text = "".join(v.parts)
    elif name.endswith(".txt"):
        text = path.read_bytes().decode("cp1252")
    else:
        text = path.read_text(encoding="utf-8")
    return text, text.splitlines()


def words(s: str) -> list[str]:
    return re.findall(r"[\wäöüÄÖÜß@./:-]+", s.lower())


def shared_run(q: str, doc: str, n: int = 4) -> str | None:
    qw, dw = words(q), " " + " ".join(words(doc)) + " "
    for i in range(len(qw) - n + 1):
        gram = " ".join(qw[i : i + n])
        if f" {gram} " in dw:
            return gram
    return None


def main() -> int:
    texts = {n: extract(n) for n in DOCS}
    normed = {n: norm(t) for n, (t, _) in texts.items()}
    errors = warnings = 0
    per_doc: dict[str, int] = {n: 0 for n in DOCS}
    n_answerable = n_unanswerable = 0
    ids = set()
    for ln, raw in enumerate(QUESTIONS.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        q = json.loads(raw)
        qid = q["id"]
        if qid in ids:
            print(f"ERROR {qid}: duplicate id")
            errors += 1
        ids.add(qid)
        if q["document"] is None:
            n_unanswerable += 1
            if q["answer_phrase"] is not None or q["answer_facts"]:
                print(f"ERROR {qid}: unanswerable question with phrase/facts")
                errors += 1
            continue
        n_answerable += 1
        doc = q["document"]
        if doc not in texts:
            print(f"ERROR {qid}: unknown document {doc}")
            errors += 1
            continue
        per_doc[doc] += 1
        phrase = norm(q["answer_phrase"])
        nw = len(phrase.split())
        if not 5 <= nw <= 12:
            print(f"ERROR {qid}: answer_phrase has {nw} words")
            errors += 1
        if phrase not in normed[doc]:
            print(f"ERROR {qid}: phrase not found in {doc}: {phrase!r}")
            errors += 1
        for fact in q["answer_facts"]:
            if norm(fact) not in normed[doc]:
                print(f"ERROR {qid}: fact {fact!r} not in {doc}")
                errors += 1
        if not 1 <= len(q["answer_facts"]) <= 3:
            print(f"ERROR {qid}: needs 1-3 answer_facts")
            errors += 1
        if doc.endswith(".pdf") and not any(phrase in norm(l) for l in texts[doc][1]):
            print(f"warn  {qid}: PDF phrase spans a line break: {phrase!r}")
            warnings += 1
        run = shared_run(q["question"], texts[doc][0])
        if run:
            print(f"warn  {qid}: question shares wording with document: {run!r}")
            warnings += 1
        others = [n for n in DOCS if n != doc and phrase in normed[n]]
        if others:
            print(f"warn  {qid}: phrase also in {others}")
            warnings += 1
    print()
    for n, c in per_doc.items():
        print(f"{c:3d} questions  {n}")
    print(f"{n_answerable} answerable, {n_unanswerable} unanswerable, "
          f"{errors} errors, {warnings} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
