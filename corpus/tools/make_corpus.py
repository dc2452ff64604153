#!/usr/bin/env python3
"""Generate the lotse sample corpus (fictional town "Stadt Auenstett").

Usage:
    pip install fpdf2 python-docx
    python3 corpus/tools/make_corpus.py            # writes into corpus/

The texts live in corpus/tools/src/*.src in a tiny line-based markup:

    = Title                 document title
    # Heading               level-1 heading (§, section "1", "Abschnitt", FAQ group)
    ## Heading              level-2 heading (section "1.1", FAQ question)
    | a | b | c |           table row (first row of a block is the header)
    > line                  preformatted line (kept as its own line)
    anything else           one paragraph per line

Blank lines are ignored (they only make the sources readable).
The output is deterministic: fixed creation dates, fixed ZIP timestamps.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
OUT = HERE.parent / "dokumente"  # corpus/dokumente/

TOWN = "Stadt Auenstett"
FONT_DIR_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
]


# --------------------------------------------------------------------------
# markup
# --------------------------------------------------------------------------

def parse(name: str) -> list[tuple[str, object]]:
    blocks: list[tuple[str, object]] = []
    for raw in (SRC / name).read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("= "):
            blocks.append(("title", line[2:].strip()))
        elif line.startswith("## "):
            blocks.append(("h2", line[3:].strip()))
        elif line.startswith("# "):
            blocks.append(("h1", line[2:].strip()))
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(cells)  # type: ignore[union-attr]
            else:
                blocks.append(("table", [cells]))
        elif line.startswith("> "):
            if blocks and blocks[-1][0] == "pre":
                blocks[-1][1].append(line[2:])  # type: ignore[union-attr]
            else:
                blocks.append(("pre", [line[2:]]))
        else:
            blocks.append(("p", line.strip()))
    return blocks


def title_of(blocks) -> str:
    return next(b[1] for b in blocks if b[0] == "title")


# --------------------------------------------------------------------------
# DOCX (python-docx)
# --------------------------------------------------------------------------

FIXED_ZIP_TIME = (2025, 3, 12, 9, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a ZIP with fixed timestamps so the output is reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return buf.getvalue()


def make_docx(src_name: str, out_name: str, date: dt.datetime) -> None:
    from docx import Document
    from docx.shared import Pt

    blocks = parse(src_name)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)

    for kind, data in blocks:
        if kind == "title":
            doc.add_heading(data, level=0)  # style "Title"
        elif kind == "h1":
            doc.add_heading(data, level=1)  # style "Heading 1"
        elif kind == "h2":
            doc.add_heading(data, level=2)
        elif kind == "p":
            doc.add_paragraph(data)
        elif kind == "pre":
            for line in data:
                doc.add_paragraph(line)
        elif kind == "table":
            rows = data
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = text
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True

    cp = doc.core_properties
    cp.title = title_of(blocks)
    cp.author = f"{TOWN} – Stabsstelle Digitalisierung"
    cp.last_modified_by = f"{TOWN}"
    cp.subject = "Dienstanweisung"
    cp.language = "de-DE"
    cp.keywords = "KI, Dienstanweisung, Positivliste"
    cp.created = date
    cp.modified = date
    cp.revision = 1

    buf = io.BytesIO()
    doc.save(buf)
    (OUT / out_name).write_bytes(normalise_zip(buf.getvalue()))


# --------------------------------------------------------------------------
# PDF (fpdf2)
# --------------------------------------------------------------------------

def find_font_dir() -> str | None:
    for d in FONT_DIR_CANDIDATES:
        if os.path.exists(os.path.join(d, "DejaVuSans.ttf")) and os.path.exists(
            os.path.join(d, "DejaVuSans-Bold.ttf")
        ):
            return d
    return None


def make_pdf(src_name: str, out_name: str, running_title: str, date: dt.datetime) -> None:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    blocks = parse(src_name)
    font_dir = find_font_dir()
    if font_dir is None:
        sys.exit("DejaVuSans.ttf not found; install fonts-dejavu-core")

    class Doc(FPDF):
        def header(self):
            self.set_font("DejaVu", "", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, running_title, new_x="LMARGIN", new_y="NEXT", align="L")
            y = self.get_y() + 1
            self.set_draw_color(150, 150, 150)
            self.line(self.l_margin, y, self.w - self.r_margin, y)
            self.set_text_color(0, 0, 0)
            self.ln(7)

        def footer(self):
            self.set_y(-15)
            self.set_font("DejaVu", "", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 8, f"Seite {self.page_no()} von {{nb}}", align="C")
            self.set_text_color(0, 0, 0)

    pdf = Doc(format="A4")
    pdf.set_creation_date(date)
    pdf.set_title(title_of(blocks))
    pdf.set_author(TOWN)
    pdf.set_subject(running_title)
    pdf.set_lang("de-DE")
    pdf.set_creator("lotse corpus/tools/make_corpus.py")
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_font("DejaVu", "", os.path.join(font_dir, "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", os.path.join(font_dir, "DejaVuSans-Bold.ttf"))
    pdf.add_page()

    body_size, body_lh = 10, 5.2

    def keep_with_next(space: float) -> None:
        if pdf.get_y() + space > pdf.page_break_trigger:
            pdf.add_page()

    for kind, data in blocks:
        if kind == "title":
            pdf.set_font("DejaVu", "B", 16)
            pdf.multi_cell(0, 8, data, new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(3)
        elif kind == "h1":
            keep_with_next(25)
            pdf.ln(3)
            pdf.set_font("DejaVu", "B", 12.5)
            pdf.multi_cell(0, 7, data, new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(1)
        elif kind == "h2":
            keep_with_next(20)
            pdf.ln(1)
            pdf.set_font("DejaVu", "B", 10.5)
            pdf.multi_cell(0, 6, data, new_x="LMARGIN", new_y="NEXT", align="L")
        elif kind == "p":
            pdf.set_font("DejaVu", "", body_size)
            pdf.multi_cell(0, body_lh, data, new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(1.8)
        elif kind == "pre":
            pdf.set_font("DejaVu", "", body_size)
            for line in data:
                pdf.set_x(pdf.l_margin + 8)
                pdf.multi_cell(0, body_lh, line, new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(1.8)
        elif kind == "table":
            keep_with_next(8 * len(data))
            pdf.set_font("DejaVu", "", body_size)
            pdf.set_draw_color(120, 120, 120)
            with pdf.table(
                col_widths=(70, 30),
                text_align="LEFT",
                line_height=6,
                headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)),
            ) as table:
                for row in data:
                    tr = table.row()
                    for cell in row:
                        tr.cell(cell)
            pdf.ln(3)

    pdf.output(str(OUT / out_name))


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------

def make_md(src_name: str, out_name: str) -> None:
    out: list[str] = []
    for kind, data in parse(src_name):
        if kind == "title":
            out.append(f"# {data}")
        elif kind == "h1":
            out.append(f"## {data}")
        elif kind == "h2":
            out.append(f"### {data}")
        elif kind == "p":
            out.append(data)
        elif kind == "pre":
            out.append("\n".join(data))
        elif kind == "table":
            rows = data
            lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
            lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
            out.append("\n".join(lines))
    (OUT / out_name).write_text("\n\n".join(out) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------
# HTML (intranet page with boilerplate that must not be indexed)
# --------------------------------------------------------------------------

HTML_HEAD = """<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – Intranet {town}</title>
<style>
  body {{ font-family: Arial, sans-serif; margin: 0; color: #222; }}
  header, footer {{ background: #0b4f6c; color: #fff; padding: 0.6em 1.5em; }}
  nav ul {{ list-style: none; display: flex; gap: 1.2em; padding: 0 1.5em; }}
  main {{ max-width: 52em; margin: 1em auto; padding: 0 1.5em; }}
  h3 {{ cursor: pointer; }}
</style>
</head>
<body>
<header>
  <div class="logo">Intranet der Stadtverwaltung Auenstett</div>
  <form class="suche" action="/suche" method="get">
    <label for="q">Intranet durchsuchen</label>
    <input id="q" name="q" type="search" placeholder="Suchbegriff eingeben">
    <button type="submit">Suchen</button>
  </form>
</header>
<nav aria-label="Hauptnavigation">
  <ul>
    <li><a href="/">Startseite</a></li>
    <li><a href="/personal">Personal &amp; Fortbildung</a></li>
    <li><a href="/digitales-arbeiten">Digitales Arbeiten</a></li>
    <li><a href="/digitales-arbeiten/ki-lotsen" aria-current="page">KI-Lotsen</a></li>
    <li><a href="/it-service">IT-Servicedesk</a></li>
    <li><a href="/kantine">Speiseplan der Woche</a></li>
  </ul>
</nav>
<main>
"""

HTML_FOOT = """</main>
<footer>
  <p>Stadtverwaltung Auenstett &middot; Stabsstelle Digitalisierung &middot; Letzte Änderung: 28. April 2025</p>
  <p><a href="/impressum">Impressum</a> | <a href="/datenschutz">Datenschutzhinweise Intranet</a> | <a href="/barrierefreiheit">Erklärung zur Barrierefreiheit</a></p>
</footer>
<script>
  // Aufklappen der Antworten; dieser Text gehört nicht zum Inhalt der Seite.
  const HINWEIS = "Sitzung läuft in 5 Minuten ab – bitte erneut anmelden";
  document.querySelectorAll("main h3").forEach(function (frage) {
    frage.addEventListener("click", function () {
      const antwort = frage.nextElementSibling;
      if (antwort) { antwort.hidden = !antwort.hidden; }
    });
  });
  window.setTimeout(function () { console.log(HINWEIS); }, 1500000);
</script>
</body>
</html>
"""


def make_html(src_name: str, out_name: str) -> None:
    blocks = parse(src_name)
    esc = lambda s: html.escape(s, quote=False)  # noqa: E731
    parts = [HTML_HEAD.format(title=esc(title_of(blocks)), town=esc(TOWN))]
    qn = 0
    in_section = False
    for kind, data in blocks:
        if kind == "title":
            parts.append(f"<h1>{esc(data)}</h1>\n")
        elif kind == "h1":
            if in_section:
                parts.append("</section>\n")
            parts.append(f'<section>\n<h2>{esc(data)}</h2>\n')
            in_section = True
        elif kind == "h2":
            qn += 1
            parts.append(f'<h3 id="frage-{qn}">{esc(data)}</h3>\n')
        elif kind == "p":
            parts.append(f"<p>{esc(data)}</p>\n")
        elif kind == "pre":
            parts.append("<pre>" + esc("\n".join(data)) + "</pre>\n")
        elif kind == "table":
            raise ValueError("tables not used in the FAQ")
    if in_section:
        parts.append("</section>\n")
    parts.append(HTML_FOOT)
    (OUT / out_name).write_text("".join(parts), encoding="utf-8")


# --------------------------------------------------------------------------
# Plain text, Windows-1252, CRLF line endings
# --------------------------------------------------------------------------

def make_txt_cp1252(src_name: str, out_name: str) -> None:
    out: list[str] = []
    for kind, data in parse(src_name):
        if kind == "title":
            out.append(data + "\n" + "=" * len(data))
        elif kind in ("h1", "h2"):
            out.append(data)
        elif kind == "p":
            out.append(data)
        elif kind == "pre":
            out.append("\n".join("    " + line for line in data))
        elif kind == "table":
            out.append("\n".join("  ".join(r) for r in data))
    text = "\n\n".join(out) + "\n"
    text = text.replace("\n", "\r\n")
    (OUT / out_name).write_bytes(text.encode("cp1252"))


# --------------------------------------------------------------------------

def main() -> None:
    make_docx(
        "dienstanweisung-ki.src",
        "dienstanweisung-ki.docx",
        dt.datetime(2025, 3, 12, 9, 0, 0, tzinfo=dt.timezone.utc),
    )
    make_pdf(
        "it-sicherheitsrichtlinie.src",
        "it-sicherheitsrichtlinie.pdf",
        f"{TOWN} – IT-Sicherheitsrichtlinie (Version 3.2)",
        dt.datetime(2025, 1, 15, 9, 0, 0, tzinfo=dt.timezone.utc),
    )
    make_pdf(
        "merkblatt-reisekosten.src",
        "merkblatt-reisekosten.pdf",
        f"{TOWN} – Merkblatt Dienstreisen und Reisekosten",
        dt.datetime(2025, 2, 1, 9, 0, 0, tzinfo=dt.timezone.utc),
    )
    make_md("dienstvereinbarung-mobiles-arbeiten.src", "dienstvereinbarung-mobiles-arbeiten.md")
    make_html("faq-intranet.src", "faq-intranet.html")
    make_txt_cp1252("hinweise-telefon-und-email.src", "hinweise-telefon-und-email.txt")
    for name in sorted(os.listdir(OUT)):
        p = OUT / name
        if p.is_file() and name != "README.md":
            print(f"{name:45s} {p.stat().st_size:8d} bytes")


if __name__ == "__main__":
    main()
