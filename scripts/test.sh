#!/usr/bin/env bash
# The whole test suite: unit tests of every crate and the end-to-end tests of the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bash scripts/setup.sh
# Tests run on the release profile: the same build as `scripts/start.sh`, and later the
# real-model tests need optimised code.
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --release --locked --test-threads 2 --no-fail-fast "$@"
else
  cargo test --workspace --release --locked --no-fail-fast "$@" -- --test-threads 2
fi
