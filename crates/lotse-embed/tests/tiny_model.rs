//! Tests that need no downloaded model: a tiny BERT / XLM-R with deterministic random
//! weights and a word-level tokenizer is written to a temporary folder. The lean CPU encoder
//! must agree with candle's own `BertModel` / `XLMRobertaModel` on it, and the threading,
//! batching and truncation machinery must behave.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use candle_core::{Device, Tensor};
use lotse_core::Embedder;
use lotse_embed::{CpuParallelism, E5Embedder, EmbedOptions, Engine, TextKind, default_options};
use std::collections::HashMap;
use std::path::Path;

const WORDS: &[&str] = &[
    "die",
    "der",
    "das",
    "und",
    "ist",
    "für",
    "nutzung",
    "antrag",
    "reisekosten",
    "frist",
    "monate",
    "dienst",
    "vereinbarung",
    "arbeit",
    "mobil",
    "tage",
    "woche",
    "query:",
    "passage:",
    "wer",
    "wie",
    "lange",
    "darf",
    "ich",
    "privat",
    "ki",
    "konto",
    "zuständig",
];
const HIDDEN: usize = 32;
const HEADS: usize = 4;
const FF: usize = 64;
const LAYERS: usize = 2;
const MAX_POS: usize = 40;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f32 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    }
    fn tensor(&mut self, shape: &[usize], scale: f32, offset: f32) -> Tensor {
        let n: usize = shape.iter().product();
        let v: Vec<f32> = (0..n).map(|_| self.next() * scale + offset).collect();
        Tensor::from_vec(v, shape, &Device::Cpu).unwrap()
    }
}

fn write_model(dir: &Path, model_type: &str, hidden_act: &str) {
    // vocab: specials first, XLM-R style (<s>=0, <pad>=1, </s>=2, <unk>=3)
    let mut vocab = serde_json::Map::new();
    for (i, w) in ["<s>", "<pad>", "</s>", "<unk>"]
        .iter()
        .chain(WORDS)
        .enumerate()
    {
        vocab.insert(w.to_string(), serde_json::json!(i));
    }
    let vocab_size = vocab.len();
    let tokenizer = serde_json::json!({
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": [
            {"id":0,"content":"<s>","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true},
            {"id":1,"content":"<pad>","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true},
            {"id":2,"content":"</s>","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true},
            {"id":3,"content":"<unk>","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true}
        ],
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "WhitespaceSplit"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "special_tokens": {
                "<s>": {"id": "<s>", "ids": [0], "tokens": ["<s>"]},
                "</s>": {"id": "</s>", "ids": [2], "tokens": ["</s>"]}
            }
        },
        "decoder": null,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "<unk>"}
    });
    std::fs::write(dir.join("tokenizer.json"), tokenizer.to_string()).unwrap();
    let config = serde_json::json!({
        "model_type": model_type, "hidden_act": hidden_act, "hidden_size": HIDDEN,
        "intermediate_size": FF, "num_attention_heads": HEADS, "num_hidden_layers": LAYERS,
        "max_position_embeddings": MAX_POS, "type_vocab_size": 2, "vocab_size": vocab_size,
        "layer_norm_eps": 1e-12, "pad_token_id": 1, "position_embedding_type": "absolute",
        "attention_probs_dropout_prob": 0.1, "hidden_dropout_prob": 0.1, "initializer_range": 0.02
    });
    std::fs::write(dir.join("config.json"), config.to_string()).unwrap();

    let mut rng = Lcg(if model_type == "bert" { 7 } else { 11 });
    let mut t: HashMap<String, Tensor> = HashMap::new();
    let mut put = |name: &str, shape: &[usize], scale: f32, offset: f32, rng: &mut Lcg| {
        t.insert(name.to_string(), rng.tensor(shape, scale, offset));
    };
    put(
        "embeddings.word_embeddings.weight",
        &[vocab_size, HIDDEN],
        1.0,
        0.0,
        &mut rng,
    );
    put(
        "embeddings.position_embeddings.weight",
        &[MAX_POS, HIDDEN],
        0.5,
        0.0,
        &mut rng,
    );
    put(
        "embeddings.token_type_embeddings.weight",
        &[2, HIDDEN],
        0.5,
        0.0,
        &mut rng,
    );
    put("embeddings.LayerNorm.weight", &[HIDDEN], 0.2, 1.0, &mut rng);
    put("embeddings.LayerNorm.bias", &[HIDDEN], 0.1, 0.0, &mut rng);
    for l in 0..LAYERS {
        let p = format!("encoder.layer.{l}.");
        for (name, rows, cols) in [
            ("attention.self.query", HIDDEN, HIDDEN),
            ("attention.self.key", HIDDEN, HIDDEN),
            ("attention.self.value", HIDDEN, HIDDEN),
            ("attention.output.dense", HIDDEN, HIDDEN),
            ("intermediate.dense", FF, HIDDEN),
            ("output.dense", HIDDEN, FF),
        ] {
            put(
                &format!("{p}{name}.weight"),
                &[rows, cols],
                0.4,
                0.0,
                &mut rng,
            );
            put(&format!("{p}{name}.bias"), &[rows], 0.1, 0.0, &mut rng);
        }
        for name in ["attention.output.LayerNorm", "output.LayerNorm"] {
            put(&format!("{p}{name}.weight"), &[HIDDEN], 0.2, 1.0, &mut rng);
            put(&format!("{p}{name}.bias"), &[HIDDEN], 0.1, 0.0, &mut rng);
        }
    }
    candle_core::safetensors::save(&t, dir.join("model.safetensors")).unwrap();
}

fn texts() -> Vec<String> {
    let mut out = vec![
        "die nutzung privater ki konto für dienst ist nicht".to_string(),
        "wie lange frist reisekosten".to_string(),
        "mobil arbeit tage woche".to_string(),
        "wer".to_string(),
        String::new(),
    ];
    // longer than the position table: must be truncated, not rejected
    out.push(
        WORDS
            .iter()
            .cycle()
            .take(60)
            .copied()
            .collect::<Vec<_>>()
            .join(" "),
    );
    for i in 0..14 {
        out.push(
            WORDS
                .iter()
                .skip(i)
                .step_by(3)
                .take(3 + i)
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    out
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn options(engine: Engine, threads: usize, max_batch: usize) -> EmbedOptions {
    EmbedOptions {
        engine,
        threads: Some(threads),
        max_batch,
        e5_prefixes: Some(true),
        ..default_options()
    }
}

fn check_lean_matches_candle(model_type: &str, act: &str) {
    let dir = tempfile::tempdir().unwrap();
    write_model(dir.path(), model_type, act);
    let texts = texts();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let candle = E5Embedder::load(dir.path(), options(Engine::Candle, 1, 1)).unwrap();
    let want = candle.embed_passages(&refs).unwrap();
    // candle on padded batches (masked pooling) agrees with itself unpadded
    let padded = E5Embedder::load(dir.path(), options(Engine::Candle, 2, 4)).unwrap();
    for (i, (g, w)) in padded
        .embed_passages(&refs)
        .unwrap()
        .iter()
        .zip(&want)
        .enumerate()
    {
        assert!(
            cosine(g, w) > 0.99999,
            "candle padded batch: text {i} cosine {}",
            cosine(g, w)
        );
    }
    for (threads, max_batch) in [(1, 1), (1, 4), (2, 3), (3, 16)] {
        let lean = E5Embedder::load(dir.path(), options(Engine::Lean, threads, max_batch)).unwrap();
        assert_eq!(lean.info().engine, "lean");
        let got = lean.embed_passages(&refs).unwrap();
        assert_eq!(got.len(), texts.len());
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(g.len(), HIDDEN);
            let norm: f32 = g.iter().map(|x| x * x).sum::<f32>().sqrt();
            assert!((norm - 1.0).abs() < 1e-4, "text {i} has norm {norm}");
            let c = cosine(g, w);
            assert!(
                c > 0.99999,
                "{model_type}/{act} threads {threads} batch {max_batch}: text {i} cosine {c}"
            );
        }
    }
}

#[test]
fn lean_encoder_matches_candle_bert() {
    check_lean_matches_candle("bert", "gelu");
}

#[test]
fn lean_encoder_matches_candle_xlm_roberta_positions() {
    check_lean_matches_candle("xlm-roberta", "gelu");
}

#[test]
fn lean_encoder_matches_candle_with_tanh_gelu() {
    check_lean_matches_candle("bert", "gelu_new");
}

#[test]
fn batches_and_threads_do_not_change_the_vectors_or_their_order() {
    let dir = tempfile::tempdir().unwrap();
    write_model(dir.path(), "bert", "gelu");
    let texts = texts();
    let one = E5Embedder::load(dir.path(), options(Engine::Lean, 1, 1)).unwrap();
    let singles: Vec<Vec<f32>> = texts
        .iter()
        .map(|t| one.embed_passages(&[t]).unwrap().remove(0))
        .collect();
    let many = E5Embedder::load(
        dir.path(),
        EmbedOptions {
            max_batch_tokens: 64,
            ..options(Engine::Lean, 2, 5)
        },
    )
    .unwrap();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let batched = many.embed_passages(&refs).unwrap();
    for (i, (a, b)) in singles.iter().zip(&batched).enumerate() {
        assert!(cosine(a, b) > 0.99999, "text {i}: {}", cosine(a, b));
    }
    // distinct texts give distinct vectors (the order really is restored, not just the set)
    assert!(cosine(&batched[0], &batched[1]) < 0.999);
    assert!(many.embed_passages(&[]).unwrap().is_empty());
}

#[test]
fn prefixes_and_truncation() {
    let dir = tempfile::tempdir().unwrap();
    write_model(dir.path(), "xlm-roberta", "gelu");
    let e = E5Embedder::load(dir.path(), options(Engine::Lean, 1, 8)).unwrap();
    // XLM-R: 40 positions - (pad 1 + 1) = 38 tokens at most
    assert_eq!(e.info().max_length, MAX_POS - 2);
    let texts = texts();
    let long = texts[5].as_str();
    assert_eq!(
        e.count_tokens(&[long], TextKind::Passage).unwrap(),
        vec![MAX_POS - 2]
    );
    // "passage:" + 2 words + <s> </s>
    assert_eq!(
        e.count_tokens(&["mobil arbeit"], TextKind::Passage)
            .unwrap(),
        vec![5]
    );
    // queries and passages differ only by the prefix
    let q = e.embed_query("wie lange frist").unwrap();
    let p = e.embed_passages(&["wie lange frist"]).unwrap().remove(0);
    assert!(cosine(&q, &p) < 0.9999);
    let off = E5Embedder::load(
        dir.path(),
        EmbedOptions {
            e5_prefixes: Some(false),
            max_length: Some(10),
            ..options(Engine::Lean, 1, 8)
        },
    )
    .unwrap();
    assert_eq!(
        off.count_tokens(&["mobil arbeit"], TextKind::Query)
            .unwrap(),
        vec![4]
    );
    assert_eq!(
        off.count_tokens(&[long], TextKind::Query).unwrap(),
        vec![10]
    );
    let q = off.embed_query("wie lange frist").unwrap();
    let p = off.embed_passages(&["wie lange frist"]).unwrap().remove(0);
    assert!(cosine(&q, &p) > 0.99999);
    assert!(off.model_id().contains("max_len=10"));
    assert_ne!(off.model_id(), e.model_id());
}

#[test]
fn dropping_the_embedder_stops_its_threads() {
    let dir = tempfile::tempdir().unwrap();
    write_model(dir.path(), "bert", "gelu");
    let e = E5Embedder::load(
        dir.path(),
        EmbedOptions {
            parallelism: CpuParallelism::Batches,
            ..options(Engine::Lean, 3, 2)
        },
    )
    .unwrap();
    assert_eq!(e.info().workers, 3);
    let shared = std::sync::Arc::new(e);
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let e = std::sync::Arc::clone(&shared);
            std::thread::spawn(move || {
                let t = format!("antrag reisekosten frist {}", WORDS[i]);
                e.embed_passages(&[t.as_str(), "wer", "die arbeit"])
                    .unwrap()
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap().len(), 3);
    }
    let e = std::sync::Arc::into_inner(shared).unwrap();
    let started = std::time::Instant::now();
    drop(e); // joins the coordinator and the workers; would hang if they did not stop
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn missing_files_and_gpu_without_feature_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let err = E5Embedder::load(dir.path(), default_options()).unwrap_err();
    assert!(err.to_string().contains("config.json"), "{err}");
    write_model(dir.path(), "bert", "gelu");
    #[cfg(not(feature = "cuda"))]
    {
        let err = E5Embedder::load(
            dir.path(),
            EmbedOptions {
                device: lotse_embed::Device::Cuda(0),
                ..default_options()
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("cuda"), "{err}");
    }
    let err = E5Embedder::load(
        dir.path(),
        EmbedOptions {
            engine: Engine::Lean,
            device: lotse_embed::Device::Metal,
            ..default_options()
        },
    )
    .unwrap_err();
    assert!(!err.to_string().is_empty());
}

#[test]
fn repeated_queries_come_from_the_cache_with_the_same_vector() {
    let dir = tempfile::tempdir().unwrap();
    write_model(dir.path(), "bert", "gelu");
    let e = E5Embedder::load(dir.path(), options(Engine::Lean, 1, 8)).unwrap();
    assert_eq!(e.cached_queries(), 0);
    let first = e.embed_query("wie lange frist").unwrap();
    assert_eq!(e.cached_queries(), 1);
    let again = e.embed_query("wie lange frist").unwrap();
    assert_eq!(e.cached_queries(), 1);
    assert_eq!(first, again);
    // the cached vector is the one a fresh forward pass gives
    let fresh = e
        .embed(&["wie lange frist"], TextKind::Query)
        .unwrap()
        .remove(0);
    assert_eq!(first, fresh);
    // passages never enter the query cache
    e.embed_passages(&["wie lange frist"]).unwrap();
    assert_eq!(e.cached_queries(), 1);

    let off = E5Embedder::load(
        dir.path(),
        EmbedOptions {
            query_cache: 0,
            ..options(Engine::Lean, 1, 8)
        },
    )
    .unwrap();
    assert_eq!(off.embed_query("wie lange frist").unwrap(), first);
    assert_eq!(off.cached_queries(), 0);
}
