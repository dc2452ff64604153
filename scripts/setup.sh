#!/usr/bin/env bash
# Installs the tools lotse's build and tests need. Safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

if ! command -v cargo >/dev/null; then
  echo "error: cargo not found; install the Rust toolchain (rustup) first" >&2
  exit 1
fi
mkdir -p "$LOTSE_CACHE"
if ! cargo nextest --version >/dev/null 2>&1; then
  echo "note: cargo-nextest not found; the tests run with cargo test" >&2
fi
if ! python3 -m pip --version >/dev/null 2>&1; then
  echo "error: python3 -m pip not found; \`lotse models fetch\` downloads the models with pip (Debian: apt-get install python3-pip)" >&2
  exit 1
fi
# the tests drive /v1/chat/completions with the official openai client
if ! python3 -c "import openai" >/dev/null 2>&1; then
  python3 -m pip install --quiet openai
fi
# the browser tests drive Debian's headless Chromium with playwright-core (npm), kept in the
# cache outside the clone
if [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver \
      || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver; }
  else
    echo "note: /usr/bin/chromium not found; the browser tests need Debian's chromium (apt-get install chromium chromium-driver)" >&2
  fi
fi
# the development sets (benches/eval_sets.py) render laws to PDF/DOCX with LibreOffice, as
# an office would, and read Markdown with python-markdown
if ! command -v soffice >/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-writer-nogui \
      || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-writer-nogui; }
  else
    echo "note: soffice not found; benches/eval_sets.py needs LibreOffice (apt-get install libreoffice-writer-nogui)" >&2
  fi
fi
# OCR of scans: Tesseract with its German model, and pdftoppm to render PDF pages
if ! command -v tesseract >/dev/null || ! command -v pdftoppm >/dev/null \
  || ! tesseract --list-langs 2>/dev/null | grep -qx deu; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-deu poppler-utils \
      || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-deu poppler-utils; }
  else
    echo "note: Tesseract not found; scans are not read (apt-get install tesseract-ocr tesseract-ocr-deu poppler-utils)" >&2
  fi
fi
# benches/ocr_quality.py rotates and speckles page images with Pillow
if ! python3 -c "import PIL" >/dev/null 2>&1; then
  python3 -m pip install --quiet pillow
fi
if ! python3 -c "import markdown" >/dev/null 2>&1; then
  python3 -m pip install --quiet markdown
fi
PLAYWRIGHT_VERSION="1.65.1"
LOTSE_NODE_DIR="$LOTSE_CACHE/node"
if command -v npm >/dev/null; then
  if [ ! -f "$LOTSE_NODE_DIR/node_modules/playwright-core/package.json" ] \
    || ! grep -q "\"version\": \"$PLAYWRIGHT_VERSION\"" "$LOTSE_NODE_DIR/node_modules/playwright-core/package.json"; then
    mkdir -p "$LOTSE_NODE_DIR"
    npm install --silent --no-audit --no-fund --prefix "$LOTSE_NODE_DIR" "playwright-core@$PLAYWRIGHT_VERSION"
  fi
else
  echo "note: npm not found; the browser tests need Node.js and npm (apt-get install nodejs npm)" >&2
fi
# the tests of the Qdrant backend (a single server and a 3-node cluster on loopback) run
# the Qdrant server from ../shared/qdrant, unpacked (or built) into the cache
QDRANT_SHARED="$(cd .. && pwd)/shared/qdrant"
if [ ! -x "$LOTSE_CACHE/qdrant/qdrant" ]; then
  if [ -x "$QDRANT_SHARED/build.sh" ] || [ -f "$QDRANT_SHARED/build.sh" ]; then
    QDRANT_OUT="$LOTSE_CACHE/qdrant" bash "$QDRANT_SHARED/build.sh" >/dev/null
  else
    echo "note: $QDRANT_SHARED/build.sh not found; the Qdrant backend tests need a Qdrant server binary at $LOTSE_CACHE/qdrant/qdrant (or LOTSE_QDRANT_BIN)" >&2
  fi
fi
