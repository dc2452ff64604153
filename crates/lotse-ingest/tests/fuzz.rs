//! Fuzzing every loader on the stable toolchain: seeds from the project's own documents and
//! fixtures, mutated (bit flips, cuts, splices, repeated spans, nesting; DOCX also inside its
//! zip, so the XML parser is reached), each input read on a worker thread under a time
//! limit. A panic (outside the PDF reader, which runs isolated in production), a hang or a
//! peak memory above 1 GiB fails the test and leaves the input in `target/fuzz-findings/`.
//!
//! `LOTSE_FUZZ_SECONDS` (per loader, default 8) and `LOTSE_FUZZ_SEED` set the budget and the
//! start; CI runs the default, a longer run is `LOTSE_FUZZ_SECONDS=600 cargo test --release
//! -p lotse-ingest --test fuzz -- --nocapture`. The figures (executions, errors by code)
//! are printed.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use lotse_core::Format;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Longer than any input may take; the production limit per file is 60 s, the loaders' own
/// bounds keep every input far below it.
const PER_INPUT_LIMIT: Duration = Duration::from_secs(10);
const MAX_PEAK_MIB: f64 = 1024.0;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// xorshift64*: deterministic from the seed, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn seeds(format: Format) -> Vec<Vec<u8>> {
    let ext: &[&str] = match format {
        Format::Pdf => &["pdf"],
        Format::Docx => &["docx"],
        Format::Html => &["html", "htm"],
        Format::Markdown => &["md"],
        Format::Text => &["txt"],
        // images are read by Tesseract in a child process with a time limit, not by
        // lotse's code: nothing of ours to fuzz there
        Format::Image => &[],
    };
    let mut seeds = Vec::new();
    for dir in [
        "corpus/dokumente",
        "tests/fixtures/good",
        "tests/fixtures/bad",
    ] {
        let Ok(entries) = std::fs::read_dir(repo().join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| ext.contains(&x))
            {
                seeds.push(std::fs::read(&p).unwrap());
            }
        }
    }
    // shapes the documents lack: deep nesting, long lines, markup soup
    seeds.push(
        b"<html><body>"
            .repeat(3)
            .into_iter()
            .chain(b"<div><b><table><tr><td>x".repeat(200))
            .collect(),
    );
    seeds.push(
        b"# \xc3\x9cberschrift\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> > > zitat\n```\ncode\n"
            .to_vec(),
    );
    seeds.push(
        "§ 1 Zweck\n(1) Satz eins. (2) Satz zwei.\n"
            .repeat(50)
            .into_bytes(),
    );
    seeds
}

/// The entries of a zip, or `None` if it is none.
fn unzip(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).ok()?;
        let mut data = Vec::new();
        f.read_to_end(&mut data).ok()?;
        out.push((f.name().ok()?.to_string(), data));
    }
    Some(out)
}

fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, data) in entries {
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

const TOKENS: &[&[u8]] = &[
    b"<div>",
    b"</div>",
    b"<table>",
    b"<td>",
    b"<!--",
    b"-->",
    b"<script>",
    b"<w:p>",
    b"</w:p>",
    b"<w:r>",
    b"<w:t>",
    b"</w:t>",
    b"<w:tbl>",
    b"<w:tc>",
    b"&amp;",
    b"&#x10FFFF;",
    b"&#0;",
    b"obj",
    b"endobj",
    b"stream\n",
    b"endstream",
    b"<<",
    b">>",
    b"xref",
    b"/Type /Page",
    b"\n",
    b"# ",
    b"| ",
    b"```",
    b"\xc3\xa4",
    b"\xff\xfe",
    b"\0",
    b"\r\n",
    b"\xe2\x80\x8b",
];

fn mutate_bytes(rng: &mut Rng, data: &mut Vec<u8>, others: &[Vec<u8>]) {
    for _ in 0..=rng.below(4) {
        let len = data.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => data.truncate(rng.below(len)),
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let at = rng.below(len + 1);
                data.splice(at..at, t.iter().copied());
            }
            3 if len > 1 => {
                // repeat a span: long lines, deep nesting
                let start = rng.below(len);
                let end = (start + 1 + rng.below(64)).min(len);
                let span = data[start..end].to_vec();
                let times = 1 + rng.below(2000);
                let at = rng.below(len + 1);
                let repeated: Vec<u8> = span
                    .iter()
                    .copied()
                    .cycle()
                    .take(span.len() * times)
                    .collect();
                data.splice(at..at, repeated);
            }
            4 if len > 1 => {
                let start = rng.below(len);
                let end = (start + rng.below(256)).min(len);
                data.drain(start..end);
            }
            5 if !others.is_empty() => {
                // splice in part of another seed
                let other = &others[rng.below(others.len())];
                if !other.is_empty() {
                    let start = rng.below(other.len());
                    let end = (start + rng.below(4096)).min(other.len());
                    let at = rng.below(len + 1);
                    data.splice(at..at, other[start..end].iter().copied());
                }
            }
            6 if len > 0 => {
                let i = rng.below(len);
                data[i] = [0u8, 0xff, b'<', b'>', b'/', b'"', b'\n'][rng.below(7)];
            }
            _ => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let times = 1 + rng.below(5000);
                let at = rng.below(len + 1);
                data.splice(at..at, t.iter().copied().cycle().take(t.len() * times));
            }
        }
    }
    data.truncate(8 * 1024 * 1024);
}

fn mutate(rng: &mut Rng, format: Format, seed: &[u8], others: &[Vec<u8>]) -> Vec<u8> {
    if format == Format::Docx
        && rng.below(3) > 0
        && let Some(mut entries) = unzip(seed)
        && !entries.is_empty()
    {
        // reach the XML parser: mutate an entry (document.xml most often) and zip again
        let pick = entries
            .iter()
            .position(|(n, _)| n == "word/document.xml" && rng.below(3) > 0)
            .unwrap_or_else(|| rng.below(entries.len()));
        mutate_bytes(rng, &mut entries[pick].1, others);
        return rezip(&entries);
    }
    let mut data = seed.to_vec();
    mutate_bytes(rng, &mut data, others);
    data
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn keep_finding(format: Format, input: &[u8], what: &str) -> PathBuf {
    let dir = repo().join("target/fuzz-findings");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!(
        "{}-{}-{}.{}",
        format.as_str(),
        what,
        std::process::id(),
        format.as_str()
    ));
    std::fs::write(&path, input).unwrap();
    path
}

fn fuzz(format: Format) {
    let seconds: u64 = std::env::var("LOTSE_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let seed: u64 = std::env::var("LOTSE_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_0000 + format as u64);
    let seeds = seeds(format);
    assert!(!seeds.is_empty(), "no seeds for {format}");
    let mut rng = Rng(seed | 1);
    let budget = Duration::from_secs(seconds);
    let started = Instant::now();
    let mut executions = 0u64;
    let mut outcomes: BTreeMap<String, u64> = BTreeMap::new();
    let mut slowest = Duration::ZERO;
    while started.elapsed() < budget {
        let pick = rng.below(seeds.len());
        let input = mutate(&mut rng, format, &seeds[pick], &seeds);
        let (tx, rx) = std::sync::mpsc::channel();
        let job = input.clone();
        let t = Instant::now();
        std::thread::spawn(move || {
            let result = std::panic::catch_unwind(|| lotse_ingest::load_bytes(format, &job));
            let _ = tx.send(result.map(|r| r.map_err(|e| e.code())));
        });
        let outcome = match rx.recv_timeout(PER_INPUT_LIMIT) {
            Ok(outcome) => outcome,
            // pdf-extract can loop; in production the child process is ended at the time
            // limit. The finding is kept; the abandoned thread would slow the rest.
            Err(_) if format == Format::Pdf => {
                let path = keep_finding(format, &input, "hang");
                println!(
                    "fuzz pdf: a hang, isolated in production: {}",
                    path.display()
                );
                *outcomes
                    .entry("hang (isolated in production)".into())
                    .or_default() += 1;
                break;
            }
            Err(_) => {
                let path = keep_finding(format, &input, "hang");
                panic!(
                    "{format} loader took longer than {PER_INPUT_LIMIT:?}: {}",
                    path.display()
                );
            }
        };
        slowest = slowest.max(t.elapsed());
        executions += 1;
        let key = match outcome {
            Ok(Ok(_)) => "read".to_string(),
            Ok(Err(code)) => code.to_string(),
            // pdf-extract may panic; lotse runs it in a child process, where a panic is a
            // failed file ("crashed")
            Err(_) if format == Format::Pdf => "crashed (isolated in production)".to_string(),
            Err(_) => {
                let path = keep_finding(format, &input, "panic");
                panic!("{format} loader panicked: {}", path.display());
            }
        };
        *outcomes.entry(key).or_default() += 1;
        let peak = peak_rss_mib();
        if peak > MAX_PEAK_MIB {
            let path = keep_finding(format, &input, "memory");
            panic!(
                "{format} loader peaked at {peak:.0} MiB: {}",
                path.display()
            );
        }
    }
    println!(
        "fuzz {format}: {executions} executions in {:.0} s ({:.0}/s), slowest {:.0} ms, peak RSS {:.0} MiB, outcomes {outcomes:?}",
        started.elapsed().as_secs_f64(),
        executions as f64 / started.elapsed().as_secs_f64(),
        slowest.as_secs_f64() * 1e3,
        peak_rss_mib()
    );
    assert!(executions > 0);
}

#[test]
fn fuzz_text() {
    fuzz(Format::Text);
}

#[test]
fn fuzz_markdown() {
    fuzz(Format::Markdown);
}

#[test]
fn fuzz_html() {
    fuzz(Format::Html);
}

#[test]
fn fuzz_docx() {
    fuzz(Format::Docx);
}

#[test]
fn fuzz_pdf() {
    fuzz(Format::Pdf);
}
