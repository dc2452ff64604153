#!/usr/bin/env bash
# The whole test suite: unit tests of every crate, the end-to-end tests of the binary, and
# the tests with the real embedding model (fetched here first).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bash scripts/setup.sh
# Tests run on the release profile: the same build as `scripts/start.sh`, and the
# real-model tests need optimised code.
cargo build --release --locked --bin lotse
"$LOTSE_BIN" models fetch --dir "$LOTSE_MODELS_DIR"
export LOTSE_REQUIRE_MODELS=1 # a missing model fails the model tests instead of skipping them
# likewise a missing Qdrant server binary fails the Qdrant backend tests (LOTSE_REQUIRE_QDRANT=0 skips them)
export LOTSE_REQUIRE_QDRANT="${LOTSE_REQUIRE_QDRANT:-1}"
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --release --locked --test-threads 2 --no-fail-fast "$@"
else
  cargo test --workspace --release --locked --no-fail-fast "$@" -- --test-threads 2
fi
