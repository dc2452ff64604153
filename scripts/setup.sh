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
