//! EmbeddingGemma-300M against vectors computed once with its reference pipeline
//! (sentence-transformers on CPU, float32, the model's own query/document prompts), stored
//! in `tests/fixtures/embeddings/embeddinggemma-reference.json`: the same token ids, and
//! cosine ≥ 0.999 for every text.
//!
//! The model comes from `LOTSE_GEMMA_MODEL_DIR`, else `$LOTSE_MODELS_DIR/embeddinggemma-300m`,
//! else `<repo>/models/embeddinggemma-300m` (`lotse models fetch --model embeddinggemma-300m`);
//! without it the test says SKIPPED and passes, also under `LOTSE_REQUIRE_MODELS`: the model
//! is optional and the test suite does not fetch it.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use lotse_embed::{E5Embedder, TextKind, default_options};
use std::path::PathBuf;

const MODEL: &str = "embeddinggemma-300m";

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn model_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("LOTSE_GEMMA_MODEL_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("LOTSE_MODELS_DIR").map(|d| PathBuf::from(d).join(MODEL)))
        .unwrap_or_else(|| repo_root().join("models").join(MODEL));
    if dir.join("model.safetensors").is_file() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: no EmbeddingGemma at {}", dir.display());
        None
    }
}

#[test]
fn embeddinggemma_matches_its_reference_pipeline() {
    let Some(dir) = model_dir() else { return };
    let path = repo_root().join("tests/fixtures/embeddings/embeddinggemma-reference.json");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let embedder = E5Embedder::load(&dir, default_options()).unwrap();
    for item in doc["items"].as_array().unwrap() {
        let kind = if item["kind"] == "query" {
            TextKind::Query
        } else {
            TextKind::Passage
        };
        let text = item["text"].as_str().unwrap();
        let want: Vec<f32> = item["vector"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap() as f32)
            .collect();
        let ids: Vec<u64> = item["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        let tokens = embedder.count_tokens(&[text], kind).unwrap()[0];
        assert_eq!(tokens, ids.len(), "token count of {text:?}");
        let got = embedder.embed(&[text], kind).unwrap().pop().unwrap();
        let cosine: f32 = got.iter().zip(&want).map(|(a, b)| a * b).sum();
        assert!(
            cosine >= 0.999,
            "{text:?}: cosine {cosine} against the reference"
        );
    }
    // a batch of texts of different lengths gives the vectors of each alone (padding masked)
    let texts: Vec<&str> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "passage")
        .map(|i| i["text"].as_str().unwrap())
        .collect();
    let batch = embedder.embed(&texts, TextKind::Passage).unwrap();
    for (text, v) in texts.iter().zip(&batch) {
        let alone = embedder
            .embed(&[text], TextKind::Passage)
            .unwrap()
            .pop()
            .unwrap();
        let cosine: f32 = alone.iter().zip(v).map(|(a, b)| a * b).sum();
        assert!(cosine >= 0.9999, "{text:?} in a batch: cosine {cosine}");
    }
}
