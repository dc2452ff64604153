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
