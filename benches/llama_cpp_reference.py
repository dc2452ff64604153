#!/usr/bin/env python3
"""Reference for lotse's local language model: llama.cpp (through the llama-cpp-python
package, which builds llama.cpp natively for this machine) on the same GGUF file, the same
prompt text and the same thread count as `benches/generate.rs`, in the same run.

Reads one JSON line on stdin: {"model", "prompt", "threads", "new_tokens"}, loads the model
and prints {"ready": true}; then runs one round per line "round" it reads (the Rust side
alternates its own rounds with these, so that both see the same state of the machine).
The prompt is the chat-template-rendered text lotse sends; it is tokenized with the GGUF's
own vocabulary, special tokens parsed. Prefill: one `eval` of the whole prompt. Decode:
greedy, one token per `eval`, exactly `new_tokens` steps (no early stop), like the Rust side.
Prints one JSON line per round: prompt_tokens, prefill_ms, decode_steps, decode_ms.

Install once: python3 -m pip install llama-cpp-python   (compiles llama.cpp, ~6 minutes)
"""
import json
import sys
import time

import numpy as np
from llama_cpp import Llama


def main():
    job = json.loads(sys.stdin.readline())
    llm = Llama(
        model_path=job["model"],
        n_threads=job["threads"],
        n_threads_batch=job["threads"],
        n_ctx=4096,
        n_batch=2048,
        n_ubatch=512,
        logits_all=False,
        verbose=False,
    )
    tokens = llm.tokenize(job["prompt"].encode("utf-8"), add_bos=False, special=True)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if line.strip() != "round":
            break
        llm.reset()
        t0 = time.perf_counter()
        llm.eval(tokens)
        prefill = time.perf_counter() - t0
        nxt = int(np.argmax(llm.scores[llm.n_tokens - 1]))
        t1 = time.perf_counter()
        for _ in range(job["new_tokens"]):
            llm.eval([nxt])
            nxt = int(np.argmax(llm.scores[llm.n_tokens - 1]))
        decode = time.perf_counter() - t1
        print(json.dumps({
            "prompt_tokens": len(tokens),
            "prefill_ms": prefill * 1e3,
            "decode_steps": job["new_tokens"],
            "decode_ms": decode * 1e3,
        }), flush=True)


if __name__ == "__main__":
    main()
