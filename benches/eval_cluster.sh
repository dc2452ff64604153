#!/usr/bin/env bash
# The development sets on the Qdrant backend, beside the embedded one: each set's embedded
# index (as benches/eval.sh leaves it under $LOTSE_EVAL_WORK_DIR) is moved into a Qdrant
# server with `lotse migrate` (vectors carried over, nothing embedded again), then
# benches/eval.sh runs with --vector-store qdrant: same questions, same vectors, keyword
# side as Qdrant sparse vectors. Run benches/eval.sh first.
#   bash benches/eval_cluster.sh [lotse eval flags, e.g. --json]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
work="${LOTSE_EVAL_WORK_DIR:-$LOTSE_CACHE/eval}"
qdrant="$(bash ../shared/qdrant/build.sh)"
storage="$(mktemp -d)"
port_http=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
port_grpc=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$storage" && QDRANT__SERVICE__HOST=127.0.0.1 QDRANT__SERVICE__HTTP_PORT=$port_http \
  QDRANT__SERVICE__GRPC_PORT=$port_grpc QDRANT__STORAGE__STORAGE_PATH="$storage/storage" \
  QDRANT__STORAGE__SNAPSHOTS_PATH="$storage/snapshots" QDRANT__TELEMETRY_DISABLED=true \
  QDRANT__LOG_LEVEL=WARN exec "$qdrant" >"$storage/qdrant.log" 2>&1) &
qdrant_pid=$!
trap 'kill $qdrant_pid 2>/dev/null; rm -rf "$storage"' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port_http/readyz" >/dev/null 2>&1 && break
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port_http/readyz')" 2>/dev/null && break
  sleep 0.2
done
url="http://127.0.0.1:$port_grpc"
for set in corpus laws seeds xquad; do
  [ -d "$work/$set" ] || { echo "no embedded index of $set in $work; run benches/eval.sh first" >&2; exit 1; }
  "$LOTSE_BIN" migrate --to-qdrant "$url" --qdrant-prefix "lotse_eval_$set" --data-dir "$work/$set" >&2
done
LOTSE_VECTOR_STORE=qdrant LOTSE_QDRANT_URL="$url" bash benches/eval.sh "$@"
