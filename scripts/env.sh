# Shared settings of the project's scripts; sourced, not run.
# cargo's build output and fetched models live outside the clone so that later runs on the
# same machine are fast; everything works with this cache empty.
export LOTSE_CACHE="${LOTSE_CACHE:-$HOME/.cache/lotse}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$LOTSE_CACHE/target}"
# the embedding model (~0.5 GB) and the language model (~1.1 GB), fetched once per machine
export LOTSE_MODELS_DIR="${LOTSE_MODELS_DIR:-$LOTSE_CACHE/models}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
LOTSE_BIN="$CARGO_TARGET_DIR/release/lotse"
