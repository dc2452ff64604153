#!/usr/bin/env python3
"""Builds the development sets that `lotse eval --set` measures, from ../shared/eval-data.

Nothing here is copied into the repository: the documents are written to OUT (by default
$LOTSE_CACHE/eval-sets), and the questions of the laws and the seed set live in corpus/eval/.

  laws-dev/docs/   13 federal laws, rendered as an office would hold them: some to PDF and
                   DOCX by LibreOffice (from HTML made of the Markdown), some as HTML, the
                   rest as the Markdown itself.
  xquad-de/docs/   XQuAD-de, one Markdown document per article, its paragraphs as blocks;
  xquad-de/questions.jsonl
                   every question with its article as the document, a window of the
                   paragraph around the gold span as the passage phrase and the gold span as
                   the fact.
  seeds/docs/      the five seed documents (plain text).

Idempotent: a rendered file newer than its source is kept.

  python3 benches/eval_sets.py [OUT] [--shared PATH]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# How each law is held: a fixed assignment, so figures stay comparable between runs.
LAW_FORMATS = {
    "bbg_2009": "pdf",
    "sgb_10": "pdf",
    "vwzg_2005": "pdf",
    "jarbschg": "pdf",
    "beamtstg": "docx",
    "tzbfg": "docx",
    "bmg": "docx",
    "uig_2005": "docx",
    "vwgo": "html",
    "ozg": "html",
    "egovg": "html",
    "bgg": "md",
    "pstg": "md",
}


def fresh(target: Path, source: Path) -> bool:
    return target.exists() and target.stat().st_mtime >= source.stat().st_mtime


def split_front_matter(text: str):
    """(title, body) of a law's Markdown; the title from the front matter's `Title:`."""
    title = None
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end > 0:
            for line in text[3:end].splitlines():
                if line.lower().startswith("title:"):
                    title = line.split(":", 1)[1].strip()
            text = text[end + 4 :]
    return title, text


def law_html(md_path: Path) -> str:
    import markdown  # installed by scripts/setup.sh

    title, body = split_front_matter(md_path.read_text(encoding="utf-8"))
    html = markdown.markdown(body, extensions=["def_list", "tables"])
    title = title or md_path.stem
    return (
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>\n{html}\n</body></html>\n"
    )


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit(
        "error: LibreOffice not found (Debian: apt-get install libreoffice-writer-nogui); "
        "scripts/setup.sh installs it"
    )


def convert(html_path: Path, fmt: str, out_dir: Path) -> None:
    """HTML to DOCX/PDF with LibreOffice Writer (not Writer/Web, whose PDFs lose headings)."""
    filters = {"docx": "docx:MS Word 2007 XML", "pdf": "pdf:writer_pdf_Export"}
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--infilter=HTML (StarWriter)",
                "--convert-to",
                filters[fmt],
                "--outdir",
                str(out_dir),
                str(html_path),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=600,
        )


def build_laws(shared: Path, out: Path) -> None:
    src = shared / "eval-data" / "laws-dev"
    docs = out / "laws-dev" / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for stem, fmt in LAW_FORMATS.items():
            md = src / f"{stem}.md"
            target = docs / f"{stem}.{fmt}"
            if fresh(target, md):
                continue
            if fmt == "md":
                shutil.copyfile(md, target)
            elif fmt == "html":
                target.write_text(law_html(md), encoding="utf-8")
            else:
                html = Path(tmp) / f"{stem}.html"
                html.write_text(law_html(md), encoding="utf-8")
                convert(html, fmt, docs)
            print(f"laws-dev: {target.name}", file=sys.stderr)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def phrase_around(context: str, start: int, answer: str, reach: int = 40) -> str:
    """The gold span with up to `reach` characters either side, cut at whitespace and
    within its sentence, so that it names the paragraph, not only the span."""
    end = start + len(answer)
    left = context[max(0, start - reach) : start]
    right = context[end : end + reach]
    # stay within the sentence: cut at the last sentence end on the left, first on the right
    m = list(re.finditer(r"[.!?]\s", left))
    if m:
        left = left[m[-1].end() :]
    elif start - reach > 0 and " " in left:
        left = left[left.index(" ") + 1 :]
    m = re.search(r"[.!?](\s|$)", right)
    if m:
        right = right[: m.start()]
    elif end + reach < len(context) and " " in right:
        right = right[: right.rindex(" ")]
    return (left + answer + right).strip()


def build_xquad(shared: Path, out: Path) -> None:
    src = shared / "eval-data" / "xquad-de" / "xquad.de.json"
    base = out / "xquad-de"
    docs = base / "docs"
    questions = base / "questions.jsonl"
    if fresh(questions, src):
        return
    docs.mkdir(parents=True, exist_ok=True)
    data = json.loads(src.read_text(encoding="utf-8"))["data"]
    rows = []
    for article in data:
        title = article["title"].replace("_", " ")
        name = f"{slug(title)}.md"
        paragraphs = [p["context"].strip() for p in article["paragraphs"]]
        (docs / name).write_text(f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        for p in article["paragraphs"]:
            for qa in p["qas"]:
                gold = qa["answers"][0]
                rows.append(
                    {
                        "id": f"x{len(rows) + 1:04d}",
                        "question": qa["question"].strip(),
                        "document": name,
                        "answer_phrase": phrase_around(p["context"], gold["answer_start"], gold["text"]),
                        "answer_facts": [gold["text"].strip()],
                    }
                )
    questions.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"xquad-de: {len(data)} documents, {len(rows)} questions", file=sys.stderr)


def build_seeds(shared: Path, out: Path) -> None:
    docs = out / "seeds" / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for f in sorted((shared / "seeds").glob("*.txt")):
        target = docs / f.name
        if not fresh(target, f):
            shutil.copyfile(f, target)


def main() -> None:
    repo = Path(__file__).resolve().parent.parent
    cache = Path(os.environ.get("LOTSE_CACHE", Path.home() / ".cache" / "lotse"))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", default=str(cache / "eval-sets"))
    ap.add_argument("--shared", default=str(repo.parent / "shared"))
    args = ap.parse_args()
    shared, out = Path(args.shared), Path(args.out)
    if not (shared / "eval-data").is_dir():
        sys.exit(f"error: {shared / 'eval-data'} not found (the shared evaluation material)")
    build_laws(shared, out)
    build_xquad(shared, out)
    build_seeds(shared, out)
    print(out)


if __name__ == "__main__":
    main()
