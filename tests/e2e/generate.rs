//! Generated answers end to end: the real local language model behind `lotse serve`
//! (JSON and server-sent events) and an OpenAI-compatible upstream server behind
//! `lotse ask` (a small fake server in the test that checks what lotse sends it).
//!
//! Generations are kept short (`LOTSE_LLM_MAX_TOKENS`): on two CPU cores each answer
//! still takes several seconds, mostly reading the prompt.

use crate::hybrid::{lotse_model, models_dir};
use crate::server::{http, start_with};
use crate::{describe, lotse_command};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

pub fn llm_file(models: &Path) -> Option<PathBuf> {
    let file = models.join("qwen2.5-coder-1.5b-instruct/model.gguf");
    if file.is_file() {
        return Some(file);
    }
    assert!(
        std::env::var_os("LOTSE_REQUIRE_MODELS").is_none(),
        "no language model at {}: run `lotse models fetch`",
        file.display()
    );
    eprintln!("skipped: no language model at {}", file.display());
    None
}

/// Every citation's quote occurs in the retrieved passage it names.
fn assert_quotes_verbatim(answer: &serde_json::Value) {
    let hits = answer["retrieval"].as_array().unwrap();
    for c in answer["citations"].as_array().unwrap() {
        let hit = hits
            .iter()
            .find(|h| h["chunk_id"] == c["chunk_id"])
            .unwrap_or_else(|| panic!("citation of a passage not retrieved: {c}"));
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let quote = flat(c["quote"].as_str().unwrap());
        assert!(!quote.is_empty(), "{c}");
        assert!(
            flat(hit["text"].as_str().unwrap()).contains(&quote),
            "quote not in its passage: {c}"
        );
    }
}

#[test]
fn the_local_model_answers_with_citations_over_json_and_sse() {
    let Some(models) = models_dir() else { return };
    if llm_file(&models).is_none() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let out = lotse_model(&models, data.path(), &["ingest", "corpus/dokumente"]);
    assert!(out.status.success(), "{}", describe(&out));
    let server = start_with(
        &models,
        data.path(),
        &[("LOTSE_LLM", "local"), ("LOTSE_LLM_MAX_TOKENS", "80")],
    );
    let addr = &server.addr;

    let (status, body) = http(addr, "GET", "/v1/models", "", "application/json");
    assert_eq!(status, 200, "{body}");

    let question =
        r#"{"question":"Wie viele Tage pro Woche darf ich mobil arbeiten?","mode":"generative"}"#;
    let (status, body) = http(addr, "POST", "/api/ask", question, "application/json");
    assert_eq!(status, 200, "{body}");
    let a: serde_json::Value = serde_json::from_str(&body).unwrap();
    // written by the model and accepted: its sentences are backed by the cited passages
    assert_eq!(a["mode"], "generative", "{a}");
    assert!(a["context"]["fallback"].is_null(), "{a}");
    assert!(a["context"]["model_output"].is_string(), "{a}");
    assert_eq!(a["abstained"], false, "{a}");
    assert!(!a["citations"].as_array().unwrap().is_empty(), "{a}");
    assert_quotes_verbatim(&a);
    let context = &a["context"];
    assert!(
        context["prompt_tokens"].as_u64().unwrap() > 100,
        "{context}"
    );
    let messages = context["messages"].as_array().unwrap();
    assert_eq!(messages[0]["role"], "system", "{context}");
    assert!(
        messages.last().unwrap()["content"]
            .as_str()
            .unwrap()
            .contains("Quellen:"),
        "{context}"
    );
    assert!(
        a["timings_ms"]["first_token"].as_f64().unwrap() > 0.0,
        "{a}"
    );

    // streamed: retrieval, several tokens, citations, done
    let (status, body) = http(addr, "POST", "/api/ask", question, "text/event-stream");
    assert_eq!(status, 200, "{body}");
    let events: Vec<&str> = body
        .lines()
        .filter_map(|l| l.strip_prefix("event: "))
        .collect();
    assert_eq!(events.first(), Some(&"retrieval"), "{body}");
    // the quoted answer comes before the judge and the model have read the passages
    assert_eq!(events.get(1), Some(&"draft"), "{body}");
    let draft: serde_json::Value = body
        .lines()
        .skip_while(|l| *l != "event: draft")
        .find_map(|l| l.strip_prefix("data: "))
        .map(|d| serde_json::from_str(d).unwrap())
        .unwrap();
    assert!(
        draft["answer"].as_str().is_some_and(|t| !t.is_empty())
            && !draft["citations"].as_array().unwrap().is_empty(),
        "{draft}"
    );
    assert!(
        events.iter().filter(|e| **e == "token").count() > 3,
        "tokens streamed one by one: {body}"
    );
    assert_eq!(events.last(), Some(&"done"), "{body}");

    // nothing in the sources: abstains instead of letting the model guess
    let off_topic = r#"{"question":"Wie backe ich einen Marmorkuchen mit Schokoladenglasur?","mode":"generative"}"#;
    let (status, body) = http(addr, "POST", "/api/ask", off_topic, "application/json");
    assert_eq!(status, 200, "{body}");
    let a: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(a["abstained"], true, "{a}");
    assert!(a["citations"].as_array().unwrap().is_empty(), "{a}");
}

/// A one-connection OpenAI-compatible server: returns the request it got (head and body)
/// after streaming `reply` as chat-completion chunks.
fn fake_upstream(reply: &'static str) -> (String, std::thread::JoinHandle<(String, String)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let handle = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            head.push_str(&line);
        }
        let length: usize = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse().ok())?
            })
            .unwrap_or(0);
        let mut body = vec![0u8; length];
        reader.read_exact(&mut body).unwrap();
        let mut events = String::new();
        for word in reply.split_inclusive(' ') {
            let chunk = serde_json::json!({"choices":[{"index":0,"delta":{"content":word}}]});
            events.push_str(&format!("data: {chunk}\n\n"));
        }
        events.push_str("data: [DONE]\n\n");
        write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{events}",
            events.len()
        )
        .unwrap();
        (head, String::from_utf8(body).unwrap())
    });
    (addr, handle)
}

#[test]
fn an_openai_compatible_upstream_writes_the_answer() {
    let Some(models) = models_dir() else { return };
    let data = tempfile::tempdir().unwrap();
    let out = lotse_model(&models, data.path(), &["ingest", "corpus/dokumente"]);
    assert!(out.status.success(), "{}", describe(&out));
    let (addr, upstream) =
        fake_upstream("Mobiles Arbeiten ist an bis zu drei Tagen pro Woche möglich [1]. [7]");
    let url = format!("http://{addr}/v1");
    let out = lotse_command(
        data.path(),
        &[
            "ask",
            "Wie viele Tage pro Woche darf ich mobil arbeiten?",
            "--mode",
            "generative",
            "--json",
        ],
    )
    .env("LOTSE_MODELS_DIR", &models)
    .env_remove("LOTSE_NO_EMBEDDINGS")
    .env("LOTSE_LLM", "upstream")
    .env("LOTSE_LLM_URL", &url)
    .env("LOTSE_LLM_MODEL", "verwaltungs-llm")
    .env("LOTSE_LLM_API_KEY", "geheim-123")
    .output()
    .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    let (head, body) = upstream.join().unwrap();
    assert!(head.starts_with("POST /v1/chat/completions "), "{head}");
    assert!(head.contains("Bearer geheim-123"), "{head}");
    let request: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(request["model"], "verwaltungs-llm");
    assert_eq!(request["stream"], true);
    assert_eq!(request["messages"][0]["role"], "system");
    assert!(
        request["messages"][1]["content"]
            .as_str()
            .unwrap()
            .contains("[1] "),
        "{request}"
    );

    let a: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["mode"], "generative", "{a}");
    assert_eq!(a["abstained"], false, "{a}");
    // [1] resolves to the first passage of the prompt; [7] named no passage and is removed
    assert_eq!(a["unresolved_markers"], 1, "{a}");
    assert!(!a["answer"].as_str().unwrap().contains("[7]"), "{a}");
    let citations = a["citations"].as_array().unwrap();
    assert_eq!(citations.len(), 1, "{a}");
    assert_eq!(citations[0]["n"], 1);
    assert_eq!(citations[0]["chunk_id"], a["context"]["passages"][0], "{a}");
    assert_quotes_verbatim(&a);
}

#[test]
fn an_unreachable_upstream_is_a_clear_error() {
    let Some(models) = models_dir() else { return };
    let data = tempfile::tempdir().unwrap();
    let out = lotse_model(&models, data.path(), &["ingest", "corpus/dokumente"]);
    assert!(out.status.success(), "{}", describe(&out));
    // a port nobody listens on
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = lotse_command(
        data.path(),
        &[
            "ask",
            "Wie viele Tage pro Woche darf ich mobil arbeiten?",
            "--mode",
            "generative",
        ],
    )
    .env("LOTSE_MODELS_DIR", &models)
    .env_remove("LOTSE_NO_EMBEDDINGS")
    .env("LOTSE_LLM_URL", format!("http://127.0.0.1:{port}/v1"))
    .env("LOTSE_LLM_MODEL", "m")
    .env("LOTSE_LLM", "auto")
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("upstream language model server"), "{err}");
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
}
