#!/usr/bin/env bash
# Type-checks lotse with the `cuda` feature (GPU embeddings and generation through candle).
#
# With the CUDA toolkit (nvcc on PATH) the check must pass. Without it (this project's CI
# machines have no GPU and no toolkit) candle's CUDA kernels cannot be compiled, so the check
# can only get as far as their build script; this script then passes if that is the one
# failure — a missing toolkit — and fails for anything else (a dependency that does not
# resolve with the feature, or a compile error in a crate that is checked).
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
export CARGO_TARGET_DIR="${LOTSE_CUDA_TARGET_DIR:-$LOTSE_CACHE/target-cuda}"
log="$CARGO_TARGET_DIR/check-cuda.log"
mkdir -p "$CARGO_TARGET_DIR"
if command -v nvcc >/dev/null; then
  exec cargo check --locked --workspace --all-targets --features lotse/cuda
fi
# cudarc asks nvcc for the CUDA version unless it is given; 12.8 is what candle targets
export CUDARC_CUDA_VERSION="${CUDARC_CUDA_VERSION:-12080}"
if cargo check --locked --workspace --features lotse/cuda >"$log" 2>&1; then
  echo "check-cuda: passed without a toolkit"
  exit 0
fi
failed=$(grep -E '^error: (failed to run custom build command for|could not compile) `' "$log" \
  | sed -E 's/.*`([^ `]+).*/\1/' | sort -u)
if [ "$failed" = "candle-kernels" ] && grep -q 'nvcc' "$log"; then
  echo "check-cuda: no CUDA toolkit here; every crate up to candle's CUDA kernels checks with --features cuda (log: $log)"
  exit 0
fi
echo "check-cuda: failed for another reason than the missing toolkit (log: $log):" >&2
grep -E '^(error|warning: unused)' -A12 "$log" | head -60 >&2
exit 1
