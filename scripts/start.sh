#!/usr/bin/env bash
# Installs what lotse needs, builds it, fetches the models, ingests the sample corpus and
# serves the chat API on localhost. Idempotent: a second run rebuilds, refetches and
# re-ingests nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bash scripts/setup.sh
echo "==> building lotse (release; the first build takes several minutes)"
cargo build --release --locked --bin lotse
echo "==> fetching the models into $LOTSE_MODELS_DIR"
"$LOTSE_BIN" models fetch --dir "$LOTSE_MODELS_DIR"
echo "==> ingesting corpus/dokumente/ into ${LOTSE_DATA_DIR:-./data}"
set +e
"$LOTSE_BIN" ingest corpus/dokumente/
code=$?
set -e
if [ "$code" -ne 0 ] && [ "$code" -ne 3 ]; then exit "$code"; fi
echo "==> serving on http://${LOTSE_ADDR:-127.0.0.1:8080} (Ctrl+C stops)"
echo "    try: curl -s http://${LOTSE_ADDR:-127.0.0.1:8080}/api/ask -H 'content-type: application/json' \\"
echo "           -d '{\"question\":\"Wie lange werden Protokolle der KI-Nutzung gespeichert?\"}'"
exec "$LOTSE_BIN" serve --auth none
