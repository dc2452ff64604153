#!/usr/bin/env bash
# Installs what lotse needs, builds it, fetches the models, ingests the sample corpus and
# shows a search. Idempotent: a second run rebuilds, refetches and re-ingests nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bash scripts/setup.sh
echo "==> building lotse (release; the first build takes several minutes)"
cargo build --release --locked --bin lotse
echo "==> fetching the models into ./models"
"$LOTSE_BIN" models fetch --dir models
echo "==> ingesting corpus/dokumente/ into ${LOTSE_DATA_DIR:-./data}"
set +e
"$LOTSE_BIN" ingest corpus/dokumente/
code=$?
set -e
if [ "$code" -ne 0 ] && [ "$code" -ne 3 ]; then exit "$code"; fi
echo "==> example search (hybrid: keywords and meaning)"
"$LOTSE_BIN" search "Wie lange hebt die Stadt Protokolle der KI-Nutzung auf?" --top-k 3
echo
echo "lotse is ready: $LOTSE_BIN search \"...\" | ingest PATH | list | eval  (see README.md)"
