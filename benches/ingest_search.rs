//! Ingest throughput, peak memory and keyword query latency on a generated corpus.
//!
//! `cargo bench --bench ingest_search` prints, before criterion's own figures:
//! * a one-shot ingest of ~6,800 generated PDF pages (≥ 10,000 passages) in process:
//!   pages/s (load + chunk + index) and the process's peak RSS (VmHWM);
//! * keyword query latency p50/p99 over 2,000 generated queries on that index.
//!
//! Criterion then measures a 100-page ingest with PDFs read in child processes, as the
//! `lotse` binary does, and single queries on the large index.

use criterion::{Criterion, Throughput};
use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, StringFormat, dictionary};
use lotse_engine::pdf_isolation::PdfIsolation;
use lotse_engine::{Engine, EngineConfig, Quiet, SearchMode};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const WORDS: &[&str] = &[
    "Verwaltung",
    "Antrag",
    "Beschäftigte",
    "Dienststelle",
    "Genehmigung",
    "Frist",
    "Abrechnung",
    "Reisekosten",
    "Datenschutz",
    "Informationssicherheit",
    "Homeoffice",
    "Arbeitszeit",
    "Vorgesetzte",
    "Personalrat",
    "Zuständigkeit",
    "Bürgerservice",
    "Fachbereich",
    "Rechnung",
    "Haushalt",
    "Beschaffung",
    "Vergabe",
    "Schulung",
    "Qualifizierung",
    "Dokumentation",
    "Protokoll",
    "Löschung",
    "Aufbewahrung",
    "Passwort",
    "Bildschirmsperre",
    "Störung",
    "Meldung",
    "wird",
    "werden",
    "ist",
    "sind",
    "die",
    "der",
    "das",
    "und",
    "oder",
    "nach",
    "innerhalb",
    "spätestens",
    "jährlich",
    "schriftlich",
    "elektronisch",
    "zuständig",
    "erforderlich",
    "zulässig",
    "unverzüglich",
    "Tagen",
    "Wochen",
    "Monaten",
    "gemäß",
    "Absatz",
    "Satz",
    "Kommune",
    "Stadtverwaltung",
    "Gebühren",
    "Bescheid",
    "Widerspruch",
    "Akteneinsicht",
    "Telearbeit",
    "Dienstreise",
    "Wegstreckenentschädigung",
    "Übernachtung",
    "Tagegeld",
];

/// Deterministic pseudo-random numbers (xorshift), so every run indexes the same corpus.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.next() % WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Windows-1252 bytes for the standard PDF fonts' WinAnsiEncoding.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'ä' => 0xE4,
            'ö' => 0xF6,
            'ü' => 0xFC,
            'Ä' => 0xC4,
            'Ö' => 0xD6,
            'Ü' => 0xDC,
            'ß' => 0xDF,
            '§' => 0xA7,
            c if c.is_ascii() => c as u8,
            _ => b'?',
        })
        .collect()
}

/// A PDF of `pages` pages of German-like administrative text with § headings, 46 lines a page.
fn make_pdf(path: &Path, pages: usize, rng: &mut Rng, first_paragraph: &mut usize) {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids = Vec::new();
    for _ in 0..pages {
        let mut ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 10.into()]),
            Operation::new("Td", vec![50.into(), 800.into()]),
        ];
        let mut line = 0;
        while line < 46 {
            if rng.next().is_multiple_of(9) {
                *first_paragraph += 1;
                let heading = format!("§ {} {}", *first_paragraph, rng.words(2));
                ops.push(Operation::new("Td", vec![0.into(), (-24).into()]));
                ops.push(Operation::new(
                    "Tj",
                    vec![Object::String(win_ansi(&heading), StringFormat::Literal)],
                ));
                line += 2;
            }
            ops.push(Operation::new("Td", vec![0.into(), (-16).into()]));
            for _ in 0..4 {
                let text = format!("{}.", rng.words(11));
                ops.push(Operation::new("Td", vec![0.into(), (-12).into()]));
                ops.push(Operation::new(
                    "Tj",
                    vec![Object::String(win_ansi(&text), StringFormat::Literal)],
                ));
                line += 1;
            }
        }
        ops.push(Operation::new("ET", vec![]));
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(
            dictionary! {},
            content.encode().expect("encode"),
        ));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count,
            "Resources" => resources_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc.compress();
    doc.save(path).expect("write PDF");
}

fn make_corpus(dir: &Path, files: usize, pages: usize, seed: u64) -> PathBuf {
    std::fs::create_dir_all(dir).expect("corpus dir");
    let mut rng = Rng(seed);
    for i in 0..files {
        let mut paragraph = 0;
        make_pdf(
            &dir.join(format!("dokument-{i:04}.pdf")),
            pages,
            &mut rng,
            &mut paragraph,
        );
    }
    dir.to_path_buf()
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

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
    let chunks = engine.keyword_index().chunk_count().expect("count");
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
            .search(q, &[], 10, SearchMode::Keyword)
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
                .search(&queries[i], &[], 10, SearchMode::Keyword)
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
                config.pdf = PdfIsolation::Subprocess {
                    program: env!("CARGO_BIN_EXE_lotse").into(),
                    args: vec!["extract-pdf".into()],
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
