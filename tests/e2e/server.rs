//! `lotse serve` as a running process with the real embedding model: JSON and streamed
//! answers over plain HTTP, and the official `openai` Python package against
//! `/v1/chat/completions` (installed by scripts/setup.sh).

use crate::hybrid::{lotse_model, models_dir};
use crate::{describe, lotse_command, repo};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};

/// The server process, killed when dropped.
pub struct Server {
    child: Child,
    pub addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(models: &Path, data: &Path) -> Server {
    start_with(models, data, &[])
}

/// `lotse serve` on a free port with the embedding model and extra environment.
pub fn start_with(models: &Path, data: &Path, env: &[(&str, &str)]) -> Server {
    let mut command = lotse_command(data, &["serve", "--addr", "127.0.0.1:0", "--auth", "none"]);
    command
        .env("LOTSE_MODELS_DIR", models)
        .env_remove("LOTSE_NO_EMBEDDINGS");
    for (k, v) in env {
        command.env(k, v);
    }
    spawn(command)
}

/// Starts a `lotse serve` command and waits until it says where it listens.
pub fn spawn(mut command: std::process::Command) -> Server {
    let mut child = command
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("starting lotse serve");
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("lotse serve exited before listening")
            .unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    // keep draining stderr so the server never blocks on a full pipe
    std::thread::spawn(move || for _ in lines {});
    Server { child, addr }
}

/// One HTTP/1.1 request; returns status and body (chunked bodies decoded).
pub fn http(addr: &str, method: &str, path: &str, body: &str, accept: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nAccept: {accept}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status: u16 = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    (status, body)
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        body = rest[n..].trim_start_matches("\r\n");
    }
    out
}

#[test]
fn served_answers_stream_and_speak_openai() {
    let Some(models) = models_dir() else { return };
    let data = tempfile::tempdir().unwrap();
    let out = lotse_model(&models, data.path(), &["ingest", "corpus/dokumente"]);
    assert!(out.status.success(), "{}", describe(&out));
    let server = start(&models, data.path());
    let addr = &server.addr;

    let (status, body) = http(addr, "GET", "/healthz", "", "application/json");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"documents\":6"), "{body}");

    let question = r#"{"question":"Wie viele Tage pro Woche darf ich mobil arbeiten?"}"#;
    let (status, body) = http(addr, "POST", "/api/ask", question, "application/json");
    assert_eq!(status, 200, "{body}");
    let a: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(a["abstained"], false, "{a}");
    assert!(!a["citations"].as_array().unwrap().is_empty(), "{a}");

    // the same over server-sent events: retrieval, tokens, citations, done
    let (status, body) = http(addr, "POST", "/api/ask", question, "text/event-stream");
    assert_eq!(status, 200, "{body}");
    let events: Vec<&str> = body
        .lines()
        .filter_map(|l| l.strip_prefix("event: "))
        .collect();
    assert_eq!(events.first(), Some(&"retrieval"), "{body}");
    assert!(events.contains(&"token"), "{body}");
    assert_eq!(events.last(), Some(&"done"), "{body}");

    // a wrong request gets a JSON error
    let (status, body) = http(
        addr,
        "POST",
        "/api/ask",
        "{\"frage\":1}",
        "application/json",
    );
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("\"code\""), "{body}");

    // the official openai client, streaming and not
    let script = repo().join("tests/e2e/openai_client.py");
    let python = std::env::var("LOTSE_PYTHON").unwrap_or_else(|_| "python3".into());
    let has_openai = std::process::Command::new(&python)
        .args(["-c", "import openai"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_openai {
        assert!(
            std::env::var_os("LOTSE_REQUIRE_MODELS").is_none(),
            "the openai Python package is missing (scripts/setup.sh installs it)"
        );
        eprintln!("skipped the openai client check: `pip install openai`");
        return;
    }
    let out = std::process::Command::new(&python)
        .arg(&script)
        .arg(format!("http://{addr}"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("drei"), "{text}");
    assert!(text.contains("**Quellen**"), "{text}");
}
