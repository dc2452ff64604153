#!/usr/bin/env python3
"""OCR quality: known German text (a § with Absätze and a table) printed by LibreOffice,
rendered at 150/200/300 dpi, clean, slightly rotated and with scanner noise, then read as a
user would: `lotse ingest` of the image and `lotse search` for a fact in it.

Prints per variant the character accuracy of the recognised text against the original
(1 − edit distance / length, whitespace collapsed; the text is what lotse's OCR step
returns: Tesseract `-l deu` plus lotse's repair of misread "§") and whether the search's
first hit is the image with the fact in it.

    python3 benches/ocr_quality.py [path/to/lotse]

Needs LibreOffice, poppler-utils, tesseract-ocr(-deu) and Pillow (`pip install pillow`).
"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
LOTSE = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(
    os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "lotse"

HTML = """<html><body>
<h2>§ 7 Reisekostenvergütung</h2>
<p>(1) Beschäftigte erhalten für Dienstreisen eine Wegstreckenentschädigung von 30 Cent je
gefahrenem Kilometer, höchstens jedoch 130 Euro je Dienstreise.</p>
<p>(2) Die Abrechnung ist innerhalb von sechs Monaten nach Beendigung der Dienstreise beim
Personalamt einzureichen; später eingehende Anträge werden nicht berücksichtigt.</p>
<p>(3) Übernachtungskosten werden bis zu einem Betrag von 80 Euro je Nacht erstattet.</p>
<table border="1">
<tr><th>Dauer der Abwesenheit</th><th>Tagegeld</th></tr>
<tr><td>mehr als 8 Stunden</td><td>14 Euro</td></tr>
<tr><td>24 Stunden</td><td>28 Euro</td></tr>
</table>
</body></html>
"""
TRUTH = ("§ 7 Reisekostenvergütung (1) Beschäftigte erhalten für Dienstreisen eine "
         "Wegstreckenentschädigung von 30 Cent je gefahrenem Kilometer, höchstens jedoch 130 "
         "Euro je Dienstreise. (2) Die Abrechnung ist innerhalb von sechs Monaten nach "
         "Beendigung der Dienstreise beim Personalamt einzureichen; später eingehende Anträge "
         "werden nicht berücksichtigt. (3) Übernachtungskosten werden bis zu einem Betrag von "
         "80 Euro je Nacht erstattet. Dauer der Abwesenheit Tagegeld mehr als 8 Stunden 14 "
         "Euro 24 Stunden 28 Euro")
QUERY = "Bis wann muss die Reisekostenabrechnung eingereicht werden?"
FACT = "sechs Monaten"


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def collapse(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("|", " ")).strip()


def ocr_text(png: Path) -> str:
    """What lotse's OCR step returns for the image (same Tesseract call, same § repair)."""
    out = subprocess.run(["tesseract", str(png), "stdout", "-l", "deu", "--psm", "3"],
                         capture_output=True, text=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                         check=True).stdout
    return "\n".join(re.sub(r"^(&\$|\$\$|&§|\$|&) (?=\d)", "§ ", l) for l in out.split("\n"))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "text.html").write_text(HTML, encoding="utf-8")
        subprocess.run(["soffice", "--headless", "--infilter=HTML (StarWriter)",
                        "--convert-to", "pdf:writer_pdf_Export",
                        "--outdir", str(tmp), str(tmp / "text.html")], check=True, capture_output=True)
        pdf = (tmp / "text.pdf").read_bytes()
        print(f"{'variant':<22} {'char acc':>8}  found  confidence")
        for dpi in (150, 200, 300):
            png = subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-"],
                                 input=pdf, capture_output=True, check=True).stdout
            (tmp / "page.png").write_bytes(png)
            base = Image.open(tmp / "page.png").convert("L")
            for kind in ("clean", "rotated 1.5°", "noise+blur"):
                img = base
                if kind.startswith("rotated"):
                    img = img.rotate(1.5, resample=Image.BICUBIC, fillcolor=255)
                elif kind.startswith("noise"):
                    rng = random.Random(dpi)
                    img = img.copy()
                    px = img.load()
                    for _ in range(img.width * img.height // 200):
                        px[rng.randrange(img.width), rng.randrange(img.height)] = rng.choice((0, 128, 255))
                    img = img.filter(ImageFilter.GaussianBlur(0.7))
                name = f"scan-{dpi}-{kind.split()[0].replace('+', '')}.png"
                path = tmp / name
                img.save(path)
                text = collapse(ocr_text(path))
                acc = 1 - edit_distance(text, TRUTH) / len(TRUTH)
                data = tmp / f"data-{name}"
                env = {**os.environ, "LOTSE_DATA_DIR": str(data), "LOTSE_NO_EMBEDDINGS": "1",
                       "LOTSE_LLM": "none"}
                ingest = subprocess.run([str(LOTSE), "ingest", str(path), "--json"], env=env,
                                        capture_output=True, text=True)
                search = subprocess.run([str(LOTSE), "search", QUERY, "--json", "-k", "1"], env=env,
                                        capture_output=True, text=True)
                hits = json.loads(search.stdout or "{}").get("hits", []) if search.returncode == 0 else []
                found = bool(hits) and hits[0]["source"].endswith(name) and FACT in hits[0]["text"]
                conf = hits[0].get("scan_confidence") if hits else None
                conf = f"{conf:.0f}" if conf is not None else ("–" if ingest.returncode == 0 else "not ingested")
                print(f"{dpi} dpi {kind:<14} {acc:8.3f}  {'yes' if found else 'no ':<5}  {conf}")


if __name__ == "__main__":
    main()
