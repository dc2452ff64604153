//! The running server: `/api/ask` latency in extractive mode, requests/s held with 20
//! concurrent clients on loopback, and the server's memory with the models loaded.
//!
//! `cargo bench --bench serve` (needs `lotse models fetch`): ingests `corpus/dokumente`
//! into a temporary data directory, starts `lotse serve` on a free port, then
//! 1. asks the 77 questions of `corpus/eval/questions.jsonl` one after another, three
//!    rounds: p50 / p99 of the whole HTTP round trip;
//! 2. 20 client threads ask those questions in a loop for 20 s (each with its own
//!    connection per request): requests/s, errors (any status but 200);
//! 3. a burst: 50 clients start at once and ask 6 questions each, one after another —
//!    answered / 429 / other, p50 / p99 / max, and the server's queue figures from
//!    /metrics (`LOTSE_BENCH_BURST_ONLY=1` runs only this);
//! 4. the server's resident memory (VmRSS) and peak (VmHWM) from /proc;
//! 5. with the language model loaded (the default when fetched), one generated answer and
//!    the memory after it.
//!
//! The server runs with its default limits (8 answers at once, 5 s in the queue) unless
//! `LOTSE_MAX_CONCURRENT` / `LOTSE_QUEUE_TIMEOUT` say otherwise.

mod common;

use common::{percentile, proc_status_mib};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

const CLIENTS: usize = 20;
const LOAD_SECONDS: u64 = 20;
const BURST_CLIENTS: usize = 50;
const BURST_ASKS: usize = 6;

fn ask(addr: &str, question: &str) -> u16 {
    ask_in(addr, question, "extractive")
}

fn get(addr: &str, path: &str) -> String {
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return String::new();
    };
    let _ = write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    );
    let mut raw = String::new();
    let _ = stream.read_to_string(&mut raw);
    raw
}

/// 50 clients at once, 6 questions each: how many are answered, refused (429) or fail.
fn burst(addr: &str, questions: &Arc<Vec<String>>) {
    let gate = Arc::new(std::sync::Barrier::new(BURST_CLIENTS));
    let started = Instant::now();
    let clients: Vec<_> = (0..BURST_CLIENTS)
        .map(|c| {
            let (gate, questions, addr) = (gate.clone(), questions.clone(), addr.to_string());
            std::thread::spawn(move || {
                gate.wait();
                (0..BURST_ASKS)
                    .map(|k| {
                        let q = &questions[(c * BURST_ASKS + k) % questions.len()];
                        let t = Instant::now();
                        (ask(&addr, q), t.elapsed())
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let results: Vec<(u16, Duration)> = clients
        .into_iter()
        .flat_map(|c| c.join().expect("client"))
        .collect();
    let elapsed = started.elapsed();
    let answered = results.iter().filter(|r| r.0 == 200).count();
    let refused = results.iter().filter(|r| r.0 == 429).count();
    let other = results.len() - answered - refused;
    let mut latencies: Vec<Duration> = results.iter().map(|r| r.1).collect();
    latencies.sort();
    println!(
        "burst: {BURST_CLIENTS} clients × {BURST_ASKS} extractive asks in {:.1} s: {answered} answered, {refused} × 429 ({:.1} %), {other} other; latency p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        elapsed.as_secs_f64(),
        100.0 * refused as f64 / results.len() as f64,
        percentile(&latencies, 0.5).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3,
        latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1e3)
    );
    let metrics = get(addr, "/metrics");
    let queue: Vec<&str> = metrics
        .lines()
        .filter(|l| l.starts_with("lotse_answer_queue") || l.starts_with("lotse_answer_slots"))
        .collect();
    println!("burst: server queue after it: {}", queue.join("; "));
}

fn ask_in(addr: &str, question: &str, mode: &str) -> u16 {
    let body = serde_json::json!({ "question": question, "mode": mode }).to_string();
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return 0;
    };
    let request = format!(
        "POST /api/ask HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return 0;
    }
    let mut raw = Vec::new();
    if stream.read_to_end(&mut raw).is_err() {
        return 0;
    }
    String::from_utf8_lossy(&raw)
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin = env!("CARGO_BIN_EXE_lotse");
    let models = std::env::var_os("LOTSE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("models"));
    let data = tempfile::tempdir().expect("temp dir");
    let status = Command::new(bin)
        .args(["ingest", "corpus/dokumente"])
        .env("LOTSE_DATA_DIR", data.path())
        .env("LOTSE_MODELS_DIR", &models)
        .current_dir(&repo)
        .stdout(Stdio::null())
        .status()
        .expect("ingest");
    assert!(status.success(), "ingest failed (models fetched?)");

    let mut server = Command::new(bin)
        .args(["serve", "--addr", "127.0.0.1:0", "--auth", "none"])
        // the questions repeat across rounds; each ask must embed its query
        .env("LOTSE_QUERY_CACHE", "0")
        .env("LOTSE_DATA_DIR", data.path())
        .env("LOTSE_MODELS_DIR", &models)
        .current_dir(&repo)
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let pid = server.id();
    let mut lines = BufReader::new(server.stderr.take().expect("stderr")).lines();
    let addr = loop {
        let line = lines.next().expect("server exited").expect("read");
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split_whitespace().next().expect("addr").to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    println!(
        "server up, models loaded: RSS {:.0} MiB",
        proc_status_mib(pid, "VmRSS:")
    );

    let questions: Vec<String> = std::fs::read_to_string(repo.join("corpus/eval/questions.jsonl"))
        .expect("questions")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["question"].as_str().map(str::to_string))
        .collect();

    let questions = Arc::new(questions);
    if std::env::var("LOTSE_BENCH_BURST_ONLY").as_deref() == Ok("1") {
        for q in questions.iter().take(5) {
            ask(&addr, q);
        }
        burst(&addr, &questions);
        let _ = server.kill();
        let _ = server.wait();
        return;
    }

    // 1. sequential latency
    for q in questions.iter().take(5) {
        ask(&addr, q);
    }
    let mut latencies = Vec::new();
    for _ in 0..3 {
        for q in questions.iter() {
            let t = Instant::now();
            assert_eq!(ask(&addr, q), 200);
            latencies.push(t.elapsed());
        }
    }
    latencies.sort();
    println!(
        "/api/ask extractive, one client: {} requests, p50 {:.1} ms, p99 {:.1} ms",
        latencies.len(),
        percentile(&latencies, 0.5).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3
    );

    // 2. 20 concurrent clients
    let stop = Arc::new(AtomicBool::new(false));
    let ok = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (stop, ok, errors, questions, addr) = (
                stop.clone(),
                ok.clone(),
                errors.clone(),
                questions.clone(),
                addr.clone(),
            );
            std::thread::spawn(move || {
                let mut i = c;
                while !stop.load(Ordering::Relaxed) {
                    match ask(&addr, &questions[i % questions.len()]) {
                        200 => ok.fetch_add(1, Ordering::Relaxed),
                        _ => errors.fetch_add(1, Ordering::Relaxed),
                    };
                    i += CLIENTS;
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(LOAD_SECONDS));
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().expect("client");
    }
    let elapsed = started.elapsed().as_secs_f64();
    let ok = ok.load(Ordering::Relaxed);
    println!(
        "/api/ask extractive, {CLIENTS} clients for {elapsed:.1} s: {ok} answers = {:.1} requests/s, {} errors",
        ok as f64 / elapsed,
        errors.load(Ordering::Relaxed)
    );
    // 3. a burst of users
    burst(&addr, &questions);
    println!(
        "server memory: RSS {:.0} MiB, peak {:.0} MiB",
        proc_status_mib(pid, "VmRSS:"),
        proc_status_mib(pid, "VmHWM:")
    );

    // 3. generated answers, when a language model is loaded: the model's packed weights
    //    for the CPU kernels are made on first use, so memory is read again afterwards.
    let t = Instant::now();
    let status = ask_in(
        &addr,
        "Wie viele Tage pro Woche darf ich mobil arbeiten?",
        "generative",
    );
    if status == 200 {
        println!(
            "/api/ask generative (local model), one answer: {:.1} s; server memory after it: RSS {:.0} MiB, peak {:.0} MiB",
            t.elapsed().as_secs_f64(),
            proc_status_mib(pid, "VmRSS:"),
            proc_status_mib(pid, "VmHWM:")
        );
    } else {
        println!("/api/ask generative: status {status} (no language model loaded?)");
    }
    let _ = server.kill();
    let _ = server.wait();
}
