//! Hybrid retrieval with the real embedding model: ingest throughput including embeddings,
//! and query latency (query embedding + keyword + vector + fusion) on 100,000 passages.
//!
//! `cargo bench --bench hybrid` (needs `lotse models fetch` first; `LOTSE_MODELS_DIR` or
//! `./models`; `LOTSE_BENCH_INT8_QUERIES=1` embeds the queries through the int8 weights,
//! `LOTSE_BENCH_INT8_PASSAGES=1` the passages through the int8 × int8 products).
//! Prints figures; it is not a criterion bench because every step takes
//! seconds to minutes and runs once.
//!
//! 1. **Ingest** of 20 generated PDFs × 6 pages through the whole pipeline (PDF text,
//!    chunking, keyword index, embedding of passages and their sentence groups, vector
//!    store): pages/s, passages/s, embedded texts/s, peak RSS.
//! 2. **100,000 passages**: the keyword index gets 100,000 generated passages; the vector
//!    store 100,000 vectors made by perturbing 400 real embeddings of generated passages
//!    (embedding 100,000 passages for real would take ~1.5 h on 2 cores; the search cost
//!    depends on the count and dimension of the vectors, not on where they come from), then
//!    HNSW is built. 300 queries of 3–8 words, top 10, in each mode: p50 / p99 of the total
//!    and of each stage. The passages are spread over 20 collections (Fachbereiche); each
//!    mode runs without a permission filter (an admin) and as a reader of 3 of them, the
//!    filter inside the keyword query and the vector search.

mod common;

use common::{Rng, make_corpus, peak_rss_mib, percentile};
use lotse_core::{Chunk, DocumentMeta, Embedder, Format, VectorPoint, VectorStore};
use lotse_engine::{Engine, EngineConfig, Quiet, SearchMode};
use lotse_retrieve::{AnalyzerOptions, EdgeVectorStore, KeywordIndex};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

const PASSAGES: usize = 100_000;
const PASSAGES_PER_DOC: usize = 50;
const REAL_VECTORS: usize = 400;
const COLLECTIONS: usize = 20;

/// The collection of generated document `d`.
fn collection_of(d: usize) -> String {
    format!("fb{:02}", d % COLLECTIONS)
}

fn main() {
    let models: PathBuf = std::env::var_os("LOTSE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models"));
    let model_dir = lotse_models::default_embedding_model_dir(&models);
    if !model_dir.join("model.safetensors").is_file() {
        eprintln!(
            "hybrid bench: no embedding model in {}; run `lotse models fetch` first",
            model_dir.display()
        );
        std::process::exit(1);
    }
    let started = Instant::now();
    let embedder = Arc::new(
        lotse_embed::E5Embedder::load(
            &model_dir,
            lotse_embed::EmbedOptions {
                // the same 300 queries run in every mode: each must be embedded anew
                query_cache: 0,
                // LOTSE_BENCH_INT8_QUERIES=1: queries through the int8 weights
                int8_queries: std::env::var_os("LOTSE_BENCH_INT8_QUERIES").is_some(),
                int8_passages: std::env::var_os("LOTSE_BENCH_INT8_PASSAGES").is_some(),
                ..lotse_embed::default_options()
            },
        )
        .expect("load embedding model"),
    );
    println!(
        "model {} loaded in {:.2} s ({} workers; int8 queries {}, int8 passages {}); peak RSS so far {:.0} MiB",
        embedder.model_id(),
        started.elapsed().as_secs_f64(),
        embedder.info().workers,
        embedder.info().int8_queries,
        embedder.info().int8_passages,
        peak_rss_mib()
    );
    let tmp = tempfile::tempdir().expect("temp dir");

    // 1. Ingest through the whole pipeline.
    let corpus = make_corpus(&tmp.path().join("pdfs"), 20, 6, 42);
    let mut config = EngineConfig::new(tmp.path().join("data-ingest"));
    config.embedder = Some(embedder.clone());
    let engine = Engine::open(config).expect("engine");
    let started = Instant::now();
    let report = engine
        .ingest(&[corpus], "bench", &mut Quiet)
        .expect("ingest");
    let elapsed = started.elapsed().as_secs_f64();
    assert!(report.failures().next().is_none(), "generated PDFs ingest");
    let passages = engine.chunk_count().expect("count");
    println!(
        "ingest with embeddings: {} pages, {} passages in {:.1} s = {:.2} pages/s, {:.1} passages/s; peak RSS {:.0} MiB",
        report.pages,
        passages,
        elapsed,
        report.pages as f64 / elapsed,
        passages as f64 / elapsed,
        peak_rss_mib()
    );
    drop(engine);

    // 2. 100,000 passages.
    let data = tmp.path().join("data-100k");
    let mut config = EngineConfig::new(&data);
    config.embedder = Some(embedder.clone());
    drop(Engine::open(config.clone()).expect("engine")); // records the model in data/vectors
    let mut rng = Rng(7);
    let started = Instant::now();
    let texts = build_keyword_index(&data, &mut rng);
    println!(
        "keyword index: {PASSAGES} passages written in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let sample: Vec<&str> = texts
        .iter()
        .take(REAL_VECTORS)
        .map(String::as_str)
        .collect();
    let real = embedder.embed_passages(&sample).expect("embed");
    println!(
        "{REAL_VECTORS} real passage embeddings in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    build_vectors(&data, &real, &mut rng);
    println!(
        "vector store: {PASSAGES} vectors upserted and HNSW built in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let engine = Engine::open(config).expect("engine");
    let queries: Vec<String> = (0..300).map(|i| rng.words(3 + i % 6)).collect();
    let reader = lotse_core::Scope::only([collection_of(0), collection_of(7), collection_of(13)]);
    for (mode, scope, who) in [SearchMode::Keyword, SearchMode::Vector, SearchMode::Hybrid]
        .into_iter()
        .flat_map(|m| {
            [
                (m, lotse_core::Scope::All, "all 20"),
                (m, reader.clone(), "3 of 20"),
            ]
        })
    {
        // warm-up
        for q in queries.iter().take(10) {
            engine
                .search_explained(q, &scope, 10, mode)
                .expect("search");
        }
        let mut total = Vec::new();
        let mut embedding = Vec::new();
        let mut vector = Vec::new();
        let mut keyword = Vec::new();
        for q in &queries {
            let t = Instant::now();
            let outcome = engine
                .search_explained(q, &scope, 10, mode)
                .expect("search");
            assert!(outcome.hits.iter().all(|h| scope.allows(&h.collection)));
            total.push(t.elapsed());
            let ms = |x: f64| Duration::from_secs_f64(x / 1e3);
            embedding.push(ms(outcome.timings_ms.embedding));
            vector.push(ms(outcome.timings_ms.vector));
            keyword.push(ms(outcome.timings_ms.keyword));
            assert!(!outcome.hits.is_empty());
        }
        let show = |name: &str, v: &mut Vec<Duration>| {
            v.sort();
            format!(
                "{name} p50 {:.1} / p99 {:.1} ms",
                percentile(v, 0.5).as_secs_f64() * 1e3,
                percentile(v, 0.99).as_secs_f64() * 1e3
            )
        };
        println!(
            "{:7} query, {PASSAGES} passages, collections {who}, top 10: {}; {}; {}; {}",
            mode.as_str(),
            show("total", &mut total),
            show("embedding", &mut embedding),
            show("keyword", &mut keyword),
            show("vector", &mut vector),
        );
    }
    println!("peak RSS {:.0} MiB", peak_rss_mib());
}

/// Writes [`PASSAGES`] generated passages into the keyword index of `data`; returns the
/// first texts (for real embeddings).
fn build_keyword_index(data: &std::path::Path, rng: &mut Rng) -> Vec<String> {
    let index = KeywordIndex::open(&data.join("keyword"), AnalyzerOptions::default())
        .expect("keyword index");
    let mut writer = index.writer().expect("writer");
    let mut sample = Vec::new();
    for d in 0..PASSAGES / PASSAGES_PER_DOC {
        let id = format!("doc{d:05}");
        let chunks: Vec<Chunk> = (0..PASSAGES_PER_DOC)
            .map(|c| {
                let n = 60 + rng.next() % 120;
                let text = rng.words(n);
                if sample.len() < REAL_VECTORS {
                    sample.push(text.clone());
                }
                Chunk {
                    id: format!("{id}-{c}"),
                    document_id: id.clone(),
                    ordinal: c as u32,
                    section: format!("Dokument {d} › Abschnitt {c}"),
                    text,
                    page: Some(c as u32 / 3 + 1),
                    page_end: None,
                    scan_confidence: None,
                }
            })
            .collect();
        let meta = DocumentMeta {
            id: id.clone(),
            source: format!("generiert/{id}.pdf"),
            title: format!("Dokument {d}"),
            collection: collection_of(d),
            format: Format::Pdf,
            content_sha256: id.clone(),
            ingested_at: "2026-01-01T00:00:00Z".into(),
            stand: None,
            pages: Some(17),
            chunks: PASSAGES_PER_DOC as u32,
            bytes: 0,
            embedding_model: None,
            flagged_passages: 0,
            scanned_pages: 0,
            validity: Default::default(),
            kind: None,
            superseded_by: None,
        };
        writer.add_document(&meta, &chunks).expect("add");
    }
    writer.commit().expect("commit");
    sample
}

/// Fills the vector store of `data` with [`PASSAGES`] vectors: each a real embedding plus
/// noise, normalised, so that the vectors are spread like real ones around many centres.
fn build_vectors(data: &std::path::Path, real: &[Vec<f32>], rng: &mut Rng) {
    let dim = real[0].len();
    let store =
        EdgeVectorStore::open(&data.join("vectors").join("qdrant"), dim).expect("vector store");
    let mut batch = Vec::with_capacity(1000);
    for i in 0..PASSAGES {
        let base = &real[i % real.len()];
        let mut v: Vec<f32> = base
            .iter()
            .map(|x| x + ((rng.next() % 2001) as f32 / 1000.0 - 1.0) * 0.03)
            .collect();
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter_mut().for_each(|x| *x /= norm);
        let (d, c) = (i / PASSAGES_PER_DOC, i % PASSAGES_PER_DOC);
        batch.push(VectorPoint {
            chunk_id: format!("doc{d:05}-{c}"),
            part: 0,
            document_id: format!("doc{d:05}"),
            collection: collection_of(d),
            vector: v,
        });
        if batch.len() == 1000 {
            store.upsert(&batch).expect("upsert");
            batch.clear();
        }
    }
    store.upsert(&batch).expect("upsert");
    store.flush().expect("flush");
    store.optimize().expect("optimize");
}
