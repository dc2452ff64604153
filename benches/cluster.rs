//! lotse at scale on a Qdrant cluster, beside the embedded store at the same size.
//!
//! `cargo bench --bench cluster` (the Qdrant binary from `../shared/qdrant`, see
//! `lotse_qdrant::testing`; no embedding model needed). Prints figures; it runs each step
//! once, since each takes minutes.
//!
//! * **Data**: `LOTSE_BENCH_PASSAGES` (default 1,000,000) synthetic passages in documents
//!   of 50, spread over 20 collections; 60–180 words each from a Zipf-like vocabulary of
//!   ~50,000 German-looking words (so that keyword posting lists are shaped like real
//!   ones); one 384-dimensional unit vector per passage, scattered around 2,000 random
//!   centres. Search cost depends on count, dimension and spread, not on the vectors'
//!   origin, and embedding a million passages for real would take days on 2 cores.
//! * **Cluster**: 3 Qdrant nodes on this machine, passage collection with 3 shards ×
//!   replication 2. Ingest through `ClusterIndex::write_document` from 2 client threads
//!   (passage text, keyword vector, dense vector, document record: what a replica writes),
//!   then the time until Qdrant has indexed everything (HNSW built, status green).
//! * **Queries**: 300 hybrid queries through `Engine::search_explained` (keyword and vector
//!   search in Qdrant, visibility check, fusion in lotse), as an admin (all 20 collections)
//!   and as a reader of 3: p50 / p99. Query vectors come from the hash embedder, so the
//!   model's ~10–20 ms are not part of the figure (see `benches/hybrid.rs` for those).
//! * **Memory** per node (RSS) after indexing, then again with scalar int8 quantisation
//!   switched on, with query latency and recall@10 of the quantised search against exact
//!   search.
//! * **Embedded** (`LOTSE_BENCH_EMBEDDED=0` skips it, `LOTSE_BENCH_CLUSTER=0` runs it
//!   alone): the same passages in tantivy and the embedded Qdrant shard, the same queries,
//!   the time to list the documents with their versions, the process's peak RSS.

mod common;

use common::{Rng, WORDS, peak_rss_mib, percentile};
use lotse_core::{Chunk, DocumentMeta, Format, HashEmbedder, Scope, VectorPoint, VectorStore};
use lotse_engine::{Backend, Engine, EngineConfig, QdrantSettings, SearchMode};
use lotse_qdrant::testing::{self, Cluster};
use lotse_qdrant::{ClusterIndex, Connection, StoredModel};
use lotse_retrieve::{AnalyzerOptions, EdgeVectorStore, KeywordIndex};
use std::sync::Arc;
use std::time::{Duration, Instant};

const DIM: usize = 384;
const PER_DOC: usize = 50;
const COLLECTIONS: usize = 20;
const CENTRES: usize = 2_000;
const VOCABULARY: f64 = 50_000.0;
const QUERIES: usize = 300;
const WRITERS: usize = 2;

fn passages() -> usize {
    std::env::var("LOTSE_BENCH_PASSAGES")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(1_000_000)
}

fn collection_of(d: usize) -> String {
    format!("fb{:02}", d % COLLECTIONS)
}

/// A word of rank ~ Zipf(1): a stem of the shared word list with a letter suffix coding
/// the rank, so words look German to the analyzer and the vocabulary is large.
fn word(rng: &mut Rng) -> String {
    let u = (rng.next() % 1_000_000) as f64 / 1_000_000.0;
    let rank = (VOCABULARY.powf(u)) as usize;
    let stem = WORDS[rank % WORDS.len()];
    let mut suffix = String::new();
    let mut r = rank / WORDS.len();
    while r > 0 {
        suffix.push((b'a' + (r % 26) as u8) as char);
        r /= 26;
    }
    format!("{stem}{suffix}")
}

fn text(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| word(rng)).collect::<Vec<_>>().join(" ")
}

fn unit(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    v.iter_mut().for_each(|x| *x /= norm);
    v
}

fn gaussianish(rng: &mut Rng) -> f32 {
    // sum of uniforms, centred: close enough to normal for scattering points
    (0..4)
        .map(|_| (rng.next() % 10_000) as f32 / 10_000.0)
        .sum::<f32>()
        - 2.0
}

struct Centres(Vec<Vec<f32>>);

impl Centres {
    fn new(rng: &mut Rng) -> Centres {
        Centres(
            (0..CENTRES)
                .map(|_| unit((0..DIM).map(|_| gaussianish(rng)).collect()))
                .collect(),
        )
    }

    fn near(&self, rng: &mut Rng) -> Vec<f32> {
        let c = &self.0[rng.next() % CENTRES];
        unit(c.iter().map(|x| x + gaussianish(rng) * 0.04).collect())
    }
}

/// Document `d`: record, passages, one vector per passage.
fn document(
    d: usize,
    rng: &mut Rng,
    centres: &Centres,
) -> (DocumentMeta, Vec<Chunk>, Vec<VectorPoint>) {
    let id = format!("doc{d:07}");
    let collection = collection_of(d);
    let chunks: Vec<Chunk> = (0..PER_DOC)
        .map(|c| {
            let n = 60 + rng.next() % 120;
            Chunk {
                id: format!("{id}-{c}"),
                document_id: id.clone(),
                ordinal: c as u32,
                section: format!("Dokument {d} › Abschnitt {c}"),
                text: text(rng, n),
                page: Some(c as u32 / 3 + 1),
                page_end: None,
                scan_confidence: None,
            }
        })
        .collect();
    let points = chunks
        .iter()
        .map(|c| VectorPoint {
            chunk_id: c.id.clone(),
            part: 0,
            document_id: id.clone(),
            collection: collection.clone(),
            vector: centres.near(rng),
        })
        .collect();
    let meta = DocumentMeta {
        id: id.clone(),
        source: format!("generiert/{id}.pdf"),
        title: format!("Dokument {d}"),
        collection,
        format: Format::Pdf,
        content_sha256: id.clone(),
        ingested_at: "2026-01-01T00:00:00Z".into(),
        stand: None,
        pages: Some(17),
        chunks: PER_DOC as u32,
        bytes: 0,
        embedding_model: Some("hash-trigram".into()),
        flagged_passages: 0,
        scanned_pages: 0,
        validity: Default::default(),
        kind: None,
        superseded_by: None,
    };
    (meta, chunks, points)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// p50 / p99 of hybrid queries over `engine`, as admin and as a reader of 3 collections.
fn query_figures(label: &str, engine: &Engine, queries: &[String]) {
    let reader = Scope::only([collection_of(0), collection_of(7), collection_of(13)]);
    for (scope, who) in [(Scope::All, "all 20"), (reader, "3 of 20")] {
        for q in queries.iter().take(10) {
            engine
                .search_explained(q, &scope, 10, SearchMode::Hybrid)
                .expect("search");
        }
        let mut total = Vec::new();
        let mut keyword = Vec::new();
        let mut vector = Vec::new();
        for q in queries {
            let t = Instant::now();
            let outcome = engine
                .search_explained(q, &scope, 10, SearchMode::Hybrid)
                .expect("search");
            total.push(t.elapsed());
            keyword.push(Duration::from_secs_f64(outcome.timings_ms.keyword / 1e3));
            vector.push(Duration::from_secs_f64(outcome.timings_ms.vector / 1e3));
            assert!(outcome.hits.iter().all(|h| scope.allows(&h.collection)));
        }
        for v in [&mut total, &mut keyword, &mut vector] {
            v.sort();
        }
        println!(
            "{label}: hybrid query, collections {who}, top 10: total p50 {:.1} / p99 {:.1} ms; keyword p50 {:.1} / p99 {:.1} ms; vector p50 {:.1} / p99 {:.1} ms",
            ms(percentile(&total, 0.5)),
            ms(percentile(&total, 0.99)),
            ms(percentile(&keyword, 0.5)),
            ms(percentile(&keyword, 0.99)),
            ms(percentile(&vector, 0.5)),
            ms(percentile(&vector, 0.99)),
        );
    }
}

fn collection_status(node: &testing::Node, name: &str) -> serde_json::Value {
    node.get(&format!("/collections/{name}"))
        .and_then(|(_, body)| serde_json::from_str(&body).ok())
        .unwrap_or(serde_json::Value::Null)
}

/// Waits until the collection is green with no indexing left; returns the time it took.
fn wait_green(node: &testing::Node, name: &str) -> Duration {
    let started = Instant::now();
    loop {
        let v = collection_status(node, name);
        let status = v["result"]["status"].as_str().unwrap_or("");
        let optimizer = v["result"]["optimizer_status"].as_str().unwrap_or("");
        if status == "green" && optimizer == "ok" {
            return started.elapsed();
        }
        std::thread::sleep(Duration::from_secs(2));
    }
}

fn node_memory(cluster: &Cluster) -> String {
    cluster
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            format!(
                "node{} {:.0} MiB",
                i + 1,
                n.rss_kib().unwrap_or(0) as f64 / 1024.0
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn dir_mib(path: &std::path::Path) -> f64 {
    walkdir(path) as f64 / (1024.0 * 1024.0)
}

fn walkdir(path: &std::path::Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => walkdir(&e.path()),
            Ok(_) => e.metadata().map_or(0, |m| m.len()),
            Err(_) => 0,
        })
        .sum()
}

/// recall@10 of the vector search against exact search, over `n` query vectors.
fn vector_recall(connection: &Connection, collection: &str, queries: &[Vec<f32>]) -> f64 {
    use qdrant_client::Qdrant;
    use qdrant_client::qdrant::{QueryPointsBuilder, SearchParamsBuilder};
    let top = |q: &Vec<f32>, exact: bool| -> Vec<String> {
        let name = collection.to_string();
        let q = q.clone();
        connection
            .call("recall", |c: Qdrant| {
                let request = QueryPointsBuilder::new(name.clone())
                    .query(q.clone())
                    .using(lotse_qdrant::vectors::DENSE)
                    .limit(10)
                    .params(SearchParamsBuilder::default().exact(exact));
                async move { c.query(request).await }
            })
            .expect("query")
            .result
            .into_iter()
            .map(|p| format!("{:?}", p.id))
            .collect()
    };
    let mut found = 0;
    let mut wanted = 0;
    for q in queries {
        let exact = top(q, true);
        let approx = top(q, false);
        wanted += exact.len();
        found += approx.iter().filter(|id| exact.contains(id)).count();
    }
    found as f64 / wanted.max(1) as f64
}

fn main() {
    let n = passages();
    let docs = n / PER_DOC;
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut rng = Rng(11);
    let centres = Centres::new(&mut rng);
    let queries: Vec<String> = (0..QUERIES).map(|i| text(&mut rng, 3 + i % 6)).collect();
    let query_vectors: Vec<Vec<f32>> = (0..50).map(|_| centres.near(&mut rng)).collect();
    println!(
        "{n} passages of 60–180 words in {docs} documents, {DIM} dims, {COLLECTIONS} collections"
    );

    if std::env::var("LOTSE_BENCH_CLUSTER").as_deref() != Ok("0") {
        let Some(binary) = testing::binary() else {
            eprintln!(
                "cluster bench: no Qdrant binary at {} (run ../shared/qdrant/build.sh)",
                testing::binary_path().display()
            );
            std::process::exit(1);
        };
        // the cluster
        let cluster = Cluster::start(&binary, &tmp.path().join("qdrant"), 3).expect("cluster");
        let mut settings = QdrantSettings::new(&cluster.grpc_urls());
        settings.prefix = "bench".into();
        settings.shards = Some(3);
        settings.replication = 2;
        let model = StoredModel {
            model_id: "hash-trigram".into(),
            dimension: DIM,
        };
        let index = ClusterIndex::open(
            Arc::new(Connection::open(settings.clone()).expect("connect")),
            AnalyzerOptions::default(),
            Some(model.clone()),
        )
        .expect("cluster index");
        let started = Instant::now();
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for w in 0..WRITERS {
                let (index, next, centres) = (&index, &next, &centres);
                s.spawn(move || {
                    let mut rng = Rng(1000 + w as u64);
                    loop {
                        let d = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if d >= docs {
                            break;
                        }
                        let (meta, chunks, points) = document(d, &mut rng, centres);
                        index
                            .write_document(&meta, &chunks, &points)
                            .expect("write");
                        if d % 2000 == 0 {
                            eprintln!(
                                "  {d}/{docs} documents, {:.0} s",
                                started.elapsed().as_secs_f64()
                            );
                        }
                    }
                });
            }
        });
        index.save_vocabulary().expect("vocabulary");
        let ingest = started.elapsed();
        println!(
            "cluster ingest: {n} passages in {:.0} s = {:.0} passages/s ({WRITERS} client threads; passage text, keyword and dense vectors, records; replication 2)",
            ingest.as_secs_f64(),
            n as f64 / ingest.as_secs_f64()
        );
        let (passages_collection, _) = index.collections();
        let indexing = wait_green(&cluster.nodes[0], passages_collection);
        println!(
            "cluster indexing after the last write: {:.0} s until green (HNSW on all shards)",
            indexing.as_secs_f64()
        );
        println!("cluster memory after indexing: {}", node_memory(&cluster));
        let disks: Vec<String> = cluster
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                format!(
                    "node{} {:.0} MiB",
                    i + 1,
                    dir_mib(&node.storage.join("storage"))
                )
            })
            .collect();
        println!("cluster disk: {}", disks.join(", "));
        let connection = Connection::open(settings.clone()).expect("connect");
        println!(
            "cluster vector recall@10 vs exact (50 queries): {:.3}",
            vector_recall(&connection, passages_collection, &query_vectors)
        );
        let mut config = EngineConfig::new(tmp.path().join("replica"));
        config.embedder = Some(Arc::new(HashEmbedder::new(DIM)));
        config.backend = Backend::Qdrant(settings.clone());
        let engine = Engine::open(config).expect("engine");
        query_figures("cluster f32", &engine, &queries);

        // scalar int8 quantisation, the originals kept on disk
        let (status, body) = testing::http_request(
            cluster.nodes[0].http_port,
            "PATCH",
            &format!("/collections/{passages_collection}"),
            r#"{"quantization_config":{"scalar":{"type":"int8","quantile":0.99,"always_ram":true}},"vectors":{"passage":{"on_disk":true}}}"#,
        )
        .expect("PATCH");
        assert_eq!(status, 200, "{body}");
        std::thread::sleep(Duration::from_secs(3));
        let quantising = wait_green(&cluster.nodes[0], passages_collection);
        println!(
            "cluster int8 quantisation built in {:.0} s; memory: {}",
            quantising.as_secs_f64(),
            node_memory(&cluster)
        );
        println!(
            "cluster int8 vector recall@10 vs exact (50 queries): {:.3}",
            vector_recall(&connection, passages_collection, &query_vectors)
        );
        query_figures("cluster int8", &engine, &queries);
        drop(engine);
        drop(cluster);
    }

    if std::env::var("LOTSE_BENCH_EMBEDDED").as_deref() == Ok("0") {
        return;
    }
    // the embedded store at the same size
    let data = tmp.path().join("embedded");
    let mut config = EngineConfig::new(&data);
    config.embedder = Some(Arc::new(HashEmbedder::new(DIM)));
    drop(Engine::open(config.clone()).expect("engine")); // records the model
    let started = Instant::now();
    {
        let keyword =
            KeywordIndex::open(&data.join("keyword"), AnalyzerOptions::default()).expect("keyword");
        let store =
            EdgeVectorStore::open(&data.join("vectors").join("qdrant"), DIM).expect("vectors");
        let mut writer = keyword.writer().expect("writer");
        let mut rng = Rng(1000);
        for d in 0..docs {
            let (meta, chunks, points) = document(d, &mut rng, &centres);
            store.upsert(&points).expect("upsert");
            writer.add_document(&meta, &chunks).expect("add");
            if d % 2000 == 1999 {
                writer.commit().expect("commit");
            }
        }
        writer.commit().expect("commit");
        store.flush().expect("flush");
        let written = started.elapsed();
        store.optimize().expect("optimize");
        println!(
            "embedded ingest: {n} passages written in {:.0} s = {:.0} passages/s (1 thread), HNSW built after {:.0} s more",
            written.as_secs_f64(),
            n as f64 / written.as_secs_f64(),
            (started.elapsed() - written).as_secs_f64()
        );
    }
    println!("embedded disk: {:.0} MiB", dir_mib(&data));
    let engine = Engine::open(config).expect("engine");
    // what a search pays when it reads the document records again (versions, kinds)
    let started = Instant::now();
    let listed = engine.documents(&Scope::All).expect("documents").len();
    println!(
        "embedded document list with versions resolved: {listed} documents in {:.0} ms",
        ms(started.elapsed())
    );
    query_figures("embedded", &engine, &queries);
    println!("embedded process peak RSS {:.0} MiB", peak_rss_mib());
}
