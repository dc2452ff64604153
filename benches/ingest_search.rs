//! Ingest throughput, peak memory and keyword query latency on a generated corpus.
//!
//! `cargo bench --bench ingest_search` prints, before criterion's own figures:
//! * a one-shot ingest of ~6,800 generated PDF pages (≥ 10,000 passages) in process:
//!   pages/s (load + chunk + index) and the process's peak RSS (VmHWM);
//! * keyword query latency p50/p99 over 2,000 generated queries on that index.
//!
//! Criterion then measures a 100-page ingest with PDFs read in child processes, as the
//! `lotse` binary does, and single queries on the large index.

mod common;

use common::{Rng, make_corpus, peak_rss_mib, percentile};
use criterion::{Criterion, Throughput};
use lotse_engine::isolation::LoaderIsolation;
use lotse_engine::{Engine, EngineConfig, Quiet, SearchMode};
use std::time::{Duration, Instant};

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut criterion = Criterion::default().configure_from_args().sample_size(10);

    // 1. Large one-shot ingest, in process.
    let rss_before = peak_rss_mib();
    let big = make_corpus(&tmp.path().join("big"), 200, 34, 42);
    let engine = Engine::open(EngineConfig::new(tmp.path().join("data-big"))).expect("engine");
    let started = Instant::now();
    let report = engine.ingest(&[big], "bench", &mut Quiet).expect("ingest");
    let elapsed = started.elapsed();
    let chunks = engine.chunk_count().expect("count");
    assert!(
        report.failures().next().is_none(),
        "generated PDFs must ingest"
    );
    println!(
        "ingest (in process): {} pages, {} passages in {:.1} s = {:.0} pages/s; peak RSS {:.0} MiB (before generating: {:.0} MiB)",
        report.pages,
        chunks,
        elapsed.as_secs_f64(),
        report.pages as f64 / elapsed.as_secs_f64(),
        peak_rss_mib(),
        rss_before
    );

    // 2. Query latency percentiles on that index.
    let mut rng = Rng(7);
    let queries: Vec<String> = (0..2000).map(|i| rng.words(2 + i % 5)).collect();
    let mut latencies = Vec::with_capacity(queries.len());
    for q in &queries {
        let t = Instant::now();
        let hits = engine
            .search(q, &lotse_core::Scope::All, 10, SearchMode::Keyword)
            .expect("search");
        latencies.push(t.elapsed());
        std::hint::black_box(hits);
    }
    latencies.sort();
    println!(
        "keyword query on {} passages, top 10: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        chunks,
        percentile(&latencies, 0.50).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1e3),
    );

    criterion.bench_function("keyword_query_top10_10k_passages", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % queries.len();
            engine
                .search(
                    &queries[i],
                    &lotse_core::Scope::All,
                    10,
                    SearchMode::Keyword,
                )
                .expect("search")
        })
    });

    // 3. Ingest of 100 pages with PDFs read in child processes, as `lotse ingest` does.
    let small = make_corpus(&tmp.path().join("small"), 10, 10, 99);
    let mut group = criterion.benchmark_group("ingest");
    group.throughput(Throughput::Elements(100));
    group.bench_function("100_pdf_pages_subprocess", |b| {
        b.iter_with_setup(
            || tempfile::tempdir().expect("temp dir"),
            |data| {
                let mut config = EngineConfig::new(data.path());
                config.loader = LoaderIsolation::Subprocess {
                    program: env!("CARGO_BIN_EXE_lotse").into(),
                    args: vec!["extract".into()],
                    timeout: Duration::from_secs(60),
                };
                let engine = Engine::open(config).expect("engine");
                let report = engine
                    .ingest(std::slice::from_ref(&small), "bench", &mut Quiet)
                    .expect("ingest");
                assert_eq!(report.pages, 100);
            },
        )
    });
    group.finish();
    criterion.final_summary();
}
