//! lotse on a real 3-node Qdrant cluster on loopback (the server binary from
//! `../shared/qdrant`, see `lotse_qdrant::testing`): ingest through one data directory and
//! search from an empty one; two `lotse serve` replicas, uploads through one, answers
//! through the other; a node killed with SIGKILL, and nothing lost; the node rejoins.

use crate::hybrid::{lotse_model, models_dir};
use crate::server::{Server, http, spawn};
use crate::{describe, lotse_command};
use lotse_qdrant::testing::{self, Cluster};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The Qdrant binary, or `None` after saying why (a failure under LOTSE_REQUIRE_QDRANT=1).
fn qdrant_binary() -> Option<PathBuf> {
    if let Some(binary) = testing::binary() {
        return Some(binary);
    }
    let why = format!(
        "no Qdrant server binary at {} (run ../shared/qdrant/build.sh or scripts/setup.sh)",
        testing::binary_path().display()
    );
    assert!(
        std::env::var("LOTSE_REQUIRE_QDRANT").as_deref() != Ok("1"),
        "LOTSE_REQUIRE_QDRANT=1, but {why}"
    );
    eprintln!("SKIPPED: {why}");
    None
}

fn cluster_args<'a>(urls: &'a str, prefix: &'a str) -> Vec<&'a str> {
    vec![
        "--vector-store",
        "qdrant",
        "--qdrant-url",
        urls,
        "--qdrant-prefix",
        prefix,
        "--qdrant-shards",
        "2",
        "--qdrant-replication",
        "2",
    ]
}

fn run(models: &Path, data: &Path, args: &[&str]) -> serde_json::Value {
    let out = lotse_model(models, data, args);
    assert!(out.status.success(), "{args:?}\n{}", describe(&out));
    serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null)
}

fn replica(models: &Path, data: &Path, uploads: &Path, cluster: &[&str]) -> Server {
    let mut args = vec![
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--auth",
        "none",
        "--upload-dir",
    ];
    let uploads = uploads.to_string_lossy().into_owned();
    args.push(&uploads);
    args.extend_from_slice(cluster);
    let mut command = lotse_command(data, &args);
    command
        .env("LOTSE_MODELS_DIR", models)
        .env_remove("LOTSE_NO_EMBEDDINGS");
    spawn(command)
}

fn multipart_upload(addr: &str, files: &[PathBuf]) -> (u16, String) {
    use std::io::{Read, Write};
    let boundary = "lotse-e2e-boundary";
    let mut body: Vec<u8> = Vec::new();
    write!(
        body,
        "--{boundary}\r\nContent-Disposition: form-data; name=\"collection\"\r\n\r\nallgemein\r\n"
    )
    .unwrap();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy();
        write!(
            body,
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .unwrap();
        body.extend(std::fs::read(f).unwrap());
        body.extend(b"\r\n");
    }
    write!(body, "--{boundary}--\r\n").unwrap();
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "POST /api/documents HTTP/1.1\r\nHost: {addr}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    stream.write_all(&body).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    (
        head.split_whitespace().nth(1).unwrap().parse().unwrap(),
        body.to_string(),
    )
}

fn json(addr: &str, method: &str, path: &str, body: &str) -> serde_json::Value {
    let (status, text) = http(addr, method, path, body, "application/json");
    assert_eq!(status, 200, "{method} {path}: {text}");
    serde_json::from_str(&text).unwrap()
}

fn documents(addr: &str) -> Vec<serde_json::Value> {
    json(addr, "GET", "/api/documents", "")["documents"]
        .as_array()
        .unwrap()
        .clone()
}

fn passages_in(docs: &[serde_json::Value]) -> u64 {
    docs.iter().map(|d| d["chunks"].as_u64().unwrap()).sum()
}

/// Whole passages (part 0) Qdrant counts in the passage collection, asked of `node`.
fn qdrant_passages(node: &testing::Node, prefix: &str) -> Option<u64> {
    let (status, body) = node.post(
        &format!("/collections/{prefix}_passages/points/count"),
        r#"{"exact":true,"filter":{"must":[{"key":"part","match":{"value":0}}]}}"#,
    )?;
    (status == 200).then_some(())?;
    serde_json::from_str::<serde_json::Value>(&body).ok()?["result"]["count"].as_u64()
}

fn ask(addr: &str, question: &str) -> serde_json::Value {
    let body = serde_json::json!({ "question": question }).to_string();
    json(addr, "POST", "/api/ask", &body)
}

fn cited_sources(answer: &serde_json::Value) -> Vec<String> {
    answer["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["source"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Polls `check` until it holds or `limit` passes; returns whether it held.
fn eventually(limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    false
}

/// Whether every replica of the passage collection's shards is active, as `node` sees it.
fn all_replicas_active(node: &testing::Node, prefix: &str) -> bool {
    let Some((200, body)) = node.get(&format!("/collections/{prefix}_passages/cluster")) else {
        return false;
    };
    let Ok(v) = serde_json::from_str::<serde_json::Value>(&body) else {
        return false;
    };
    let r = &v["result"];
    let states: Vec<&str> = r["local_shards"]
        .as_array()
        .into_iter()
        .chain(r["remote_shards"].as_array())
        .flatten()
        .filter_map(|s| s["state"].as_str())
        .collect();
    states.len() == 4 && states.iter().all(|s| *s == "Active")
}

#[test]
fn replicas_on_a_qdrant_cluster_survive_a_node_kill() {
    let Some(models) = models_dir() else { return };
    let Some(binary) = qdrant_binary() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let mut cluster = Cluster::start(&binary, &tmp.path().join("qdrant"), 3).unwrap();
    let urls = cluster.grpc_urls();
    let prefix = format!("e2e_{}", std::process::id());
    let args = cluster_args(&urls, &prefix);

    // the CLI: ingest with one data directory, search from another, empty one
    let cli_a = tmp.path().join("cli-a");
    let cli_b = tmp.path().join("cli-b");
    let mut ingest = vec!["ingest", "corpus/dokumente", "--json"];
    ingest.extend_from_slice(&args);
    let report = run(&models, &cli_a, &ingest);
    let added = report["files"].as_array().unwrap();
    assert_eq!(added.len(), 6, "{report}");
    assert!(added.iter().all(|f| f["status"] == "added"), "{report}");
    for mode in ["keyword", "vector", "hybrid"] {
        let mut search = vec![
            "search",
            "Wie viele Tage pro Woche darf ich mobil arbeiten?",
            "--json",
            "--mode",
            mode,
        ];
        search.extend_from_slice(&args);
        let hits = run(&models, &cli_b, &search)["hits"]
            .as_array()
            .unwrap()
            .clone();
        assert!(
            hits[0]["source"]
                .as_str()
                .unwrap()
                .ends_with("dienstvereinbarung-mobiles-arbeiten.md"),
            "{mode}: {hits:?}"
        );
    }
    assert!(
        !cli_b.join("keyword").exists() && !cli_b.join("vectors").exists(),
        "a cluster replica keeps no index of its own"
    );
    // re-ingest of unchanged files writes nothing
    let again = run(&models, &cli_a, &ingest);
    assert!(
        again["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["status"] == "unchanged"),
        "{again}"
    );
    // removed again through the CLI, so that the servers start from an empty cluster
    for f in added {
        let mut remove = vec!["remove", f["document_id"].as_str().unwrap()];
        remove.extend_from_slice(&args);
        let out = lotse_model(&models, &cli_b, &remove);
        assert!(out.status.success(), "{}", describe(&out));
    }

    // two replicas with their own, empty data directories and one shared upload folder
    let uploads = tmp.path().join("uploads");
    let a = replica(&models, &tmp.path().join("replica-a"), &uploads, &args);
    let b = replica(&models, &tmp.path().join("replica-b"), &uploads, &args);
    assert!(documents(&b.addr).is_empty());
    let files: Vec<PathBuf> = std::fs::read_dir("corpus/dokumente")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let (status, body) = multipart_upload(&a.addr, &files);
    assert_eq!(status, 200, "{body}");
    assert!(
        eventually(Duration::from_secs(5), || documents(&b.addr).len() == 6),
        "the upload through A is visible through B within seconds"
    );
    let docs = documents(&b.addr);
    let passages = passages_in(&docs);
    let question = "Wie viele Tage pro Woche darf ich mobil arbeiten?";
    let answer = ask(&b.addr, question);
    assert_eq!(answer["abstained"], false, "{answer}");
    assert!(
        cited_sources(&answer)
            .iter()
            .any(|s| s.ends_with("dienstvereinbarung-mobiles-arbeiten.md")),
        "{answer}"
    );

    // the same file uploaded through both replicas at once: one document, no duplicates
    let one = vec![PathBuf::from(
        "corpus/dokumente/hinweise-telefon-und-email.txt",
    )];
    let (addr_a, addr_b) = (a.addr.clone(), b.addr.clone());
    let (files_a, files_b) = (one.clone(), one.clone());
    let ta = std::thread::spawn(move || multipart_upload(&addr_a, &files_a));
    let tb = std::thread::spawn(move || multipart_upload(&addr_b, &files_b));
    let (ra, rb) = (ta.join().unwrap(), tb.join().unwrap());
    assert_eq!(ra.0, 200, "{}", ra.1);
    assert_eq!(rb.0, 200, "{}", rb.1);
    let after = documents(&a.addr);
    assert_eq!(after.len(), 6, "{after:?}");
    assert_eq!(passages_in(&after), passages);
    assert_eq!(qdrant_passages(&cluster.nodes[1], &prefix), Some(passages));

    // SIGKILL of the node both replicas talk to first
    cluster.nodes[0].kill();
    let answer = ask(&b.addr, question);
    assert_eq!(answer["abstained"], false, "after the node loss: {answer}");
    assert!(
        cited_sources(&answer)
            .iter()
            .any(|s| s.ends_with("dienstvereinbarung-mobiles-arbeiten.md")),
        "{answer}"
    );
    let answer = ask(
        &a.addr,
        "Wie lange werden die Protokolle der KI-Nutzung gespeichert?",
    );
    assert_eq!(answer["abstained"], false, "{answer}");
    let survivors = documents(&a.addr);
    assert_eq!(survivors.len(), 6);
    assert_eq!(passages_in(&survivors), passages);
    assert_eq!(
        qdrant_passages(&cluster.nodes[2], &prefix),
        Some(passages),
        "no passage lost with one node down"
    );
    let search = json(
        &b.addr,
        "POST",
        "/api/search",
        r#"{"query":"Reisekosten Antrag Frist","mode":"hybrid"}"#,
    );
    assert!(!search["hits"].as_array().unwrap().is_empty(), "{search}");

    // the node comes back, rejoins, and its shard replicas become active again
    cluster.nodes[0].restart().unwrap();
    cluster.nodes[0]
        .wait_ready(Duration::from_secs(60))
        .unwrap();
    cluster.wait_peers(3, Duration::from_secs(60)).unwrap();
    assert!(
        eventually(Duration::from_secs(90), || all_replicas_active(
            &cluster.nodes[0],
            &prefix
        )),
        "the restarted node's replicas are active again"
    );
    assert_eq!(qdrant_passages(&cluster.nodes[0], &prefix), Some(passages));
    let answer = ask(&a.addr, question);
    assert_eq!(answer["abstained"], false, "{answer}");
}
