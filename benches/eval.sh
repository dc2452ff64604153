#!/usr/bin/env bash
# Measures retrieval and answers on every development set at once, in one table:
#   corpus   corpus/eval/questions.jsonl over corpus/dokumente (written with the corpus)
#   laws     corpus/eval/laws-dev.jsonl over 13 federal laws rendered to PDF/DOCX/HTML/MD
#   seeds    corpus/eval/seeds-heldout.jsonl over the five seed documents
#   xquad    XQuAD-de (CC BY-SA 4.0, google-deepmind/xquad), every question
# The documents come from ../shared (benches/eval_sets.py renders them into the cache);
# each set is ingested under $LOTSE_EVAL_WORK_DIR (default $LOTSE_CACHE/eval), e.g. one per model.
#   bash benches/eval.sh [lotse eval flags, e.g. --answers --answer-mode extractive,generative --sample 10 --json]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
sets_dir="$LOTSE_CACHE/eval-sets"
python3 benches/eval_sets.py "$sets_dir" >/dev/null
exec "$LOTSE_BIN" eval --work-dir "${LOTSE_EVAL_WORK_DIR:-$LOTSE_CACHE/eval}" \
  --set "corpus=corpus/eval/questions.jsonl:corpus/dokumente" \
  --set "laws=corpus/eval/laws-dev.jsonl:$sets_dir/laws-dev/docs" \
  --set "seeds=corpus/eval/seeds-heldout.jsonl:$sets_dir/seeds/docs" \
  --set "xquad=$sets_dir/xquad-de/questions.jsonl:$sets_dir/xquad-de/docs" \
  "$@"
