//! Router tests with a deterministic fake embedder and temporary indexes.
#![allow(clippy::unwrap_used)]

use super::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use lotse_answer::{AnswerConfig, Answerer};
use lotse_engine::{Engine, EngineConfig, Quiet};
use tower::ServiceExt;

/// Fields drop in order: the server before its temporary directory.
struct Fixture {
    app: Router,
    state: Arc<AppState>,
    _tmp: tempfile::TempDir,
}

fn fixture(max_concurrent: usize) -> Fixture {
    fixture_with(max_concurrent, |_| {})
}

fn fixture_with(max_concurrent: usize, configure: impl FnOnce(&mut ServerConfig)) -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(
        docs.join("reisekosten.md"),
        "# Merkblatt Reisekosten\n\n## Wegstreckenentschädigung\n\nFür Fahrten mit dem privaten \
         Kraftfahrzeug werden 20 Cent je Kilometer erstattet. Für Fahrten mit dem Fahrrad \
         werden 5 Cent je Kilometer erstattet.\n\n## Abrechnung\n\nDie Reisekostenabrechnung ist \
         innerhalb von sechs Monaten nach Ende der Dienstreise einzureichen.\n",
    )
    .unwrap();
    let mut config = EngineConfig::new(tmp.path().join("data"));
    config.embedder = Some(Arc::new(lotse_core::HashEmbedder::new(64)));
    let engine = Engine::open(config).unwrap();
    engine.ingest(&[docs], "allgemein", &mut Quiet).unwrap();
    let answer_config = AnswerConfig {
        // the fake embedder's cosines mean nothing
        min_vector_score: 0.0,
        min_vector_score_known_words: 0.0,
        ..AnswerConfig::default()
    };
    let answerer = Arc::new(Answerer::new(Arc::new(engine), None, answer_config));
    let mut server_config = ServerConfig::new(tmp.path().join("uploads"));
    server_config.max_concurrent = max_concurrent;
    server_config.max_body_bytes = 4096;
    configure(&mut server_config);
    let auth = crate::Auth::open(
        &tmp.path().join("data"),
        crate::AuthMode::None,
        lotse_auth::Policy::default(),
    )
    .unwrap();
    let state = AppState::new(answerer, server_config, auth);
    Fixture {
        app: router(state.clone()),
        state,
        _tmp: tmp,
    }
}

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, String) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 10 << 20)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn post_json(uri: &str, body: &str) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[tokio::test]
async fn ask_answers_with_citations_quoted_from_the_passage() {
    let f = fixture(4);
    let (status, body) = send(
        &f.app,
        post_json(
            "/api/ask",
            r#"{"question":"Wie viel Cent je Kilometer gibt es für das Fahrrad?"}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let a = json(&body);
    assert_eq!(a["abstained"], false);
    assert!(a["answer"].as_str().unwrap().contains("5 Cent"), "{a}");
    let c = &a["citations"][0];
    assert_eq!(c["n"], 1);
    assert!(c["source"].as_str().unwrap().ends_with("reisekosten.md"));
    let passage = a["retrieval"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["chunk_id"] == c["chunk_id"])
        .unwrap();
    assert!(
        passage["text"]
            .as_str()
            .unwrap()
            .contains(c["quote"].as_str().unwrap())
    );
    assert!(a["timings_ms"]["total"].as_f64().unwrap() >= 0.0);
}

#[tokio::test]
async fn ask_streams_server_sent_events_in_order() {
    let f = fixture(4);
    let (status, body) = send(
        &f.app,
        post_json(
            "/api/ask",
            r#"{"question":"Frist Reisekostenabrechnung","stream":true}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let events: Vec<&str> = body
        .lines()
        .filter_map(|l| l.strip_prefix("event: "))
        .collect();
    assert_eq!(events.first(), Some(&"retrieval"), "{body}");
    assert!(events.contains(&"token"));
    assert_eq!(&events[events.len() - 2..], ["citations", "done"], "{body}");
    // the slot taken by the stream is given back
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert_eq!(f.state.permits.available_permits(), 4);
}

#[tokio::test]
async fn bad_requests_get_json_errors_with_stable_codes() {
    let f = fixture(4);
    for (request, status, code) in [
        (
            post_json("/api/ask", "{"),
            StatusCode::BAD_REQUEST,
            "invalid_request",
        ),
        (
            post_json("/api/ask", r#"{"question":"  "}"#),
            StatusCode::BAD_REQUEST,
            "empty_question",
        ),
        (
            post_json("/api/ask", r#"{"question":"x","collection":"Bad Name!"}"#),
            StatusCode::BAD_REQUEST,
            "invalid_collection",
        ),
        (
            post_json("/api/ask", r#"{"question":"x","mode":"generative"}"#),
            StatusCode::BAD_REQUEST,
            "no_generator",
        ),
        (
            post_json(
                "/api/ask",
                &format!(r#"{{"question":"{}"}}"#, "a".repeat(5000)),
            ),
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
        (
            Request::post("/api/ask").body(Body::from("{}")).unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            Request::get("/api/nothing").body(Body::empty()).unwrap(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            Request::delete("/api/documents/nope")
                .body(Body::empty())
                .unwrap(),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
    ] {
        let (got, body) = send(&f.app, request).await;
        assert_eq!(got, status, "{body}");
        assert_eq!(json(&body)["error"]["code"], code, "{body}");
    }
}

#[tokio::test]
async fn a_full_server_queues_requests_and_answers_429_only_after_the_wait() {
    let f = fixture_with(1, |c| {
        c.queue_timeout = std::time::Duration::from_millis(300)
    });
    let ask = || post_json("/api/ask", r#"{"question":"Reisekosten"}"#);

    // the only slot is taken: the request waits in the queue and is answered once it frees
    let busy = f.state.permits.clone().try_acquire_owned().unwrap();
    let app = f.app.clone();
    let waiting = tokio::spawn(async move { send(&app, ask()).await });
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(f.state.queue.len(), 1);
    drop(busy);
    let (status, body) = waiting.await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(f.state.queue.len(), 0);

    // the slot stays taken past the wait: 429, with a hint when to try again
    let _busy = f.state.permits.clone().try_acquire_owned().unwrap();
    let started = std::time::Instant::now();
    let response = f.app.clone().oneshot(ask()).await.unwrap();
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()[header::RETRY_AFTER], "2");
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    assert_eq!(
        json(&String::from_utf8_lossy(&bytes))["error"]["code"],
        "overloaded"
    );

    let (_, metrics) = send(
        &f.app,
        Request::get("/metrics").body(Body::empty()).unwrap(),
    )
    .await;
    for line in [
        "lotse_answer_queue_length 0",
        "lotse_answer_queue_waits_total 1",
        "lotse_answer_queue_refused_total 1",
    ] {
        assert!(metrics.contains(line), "{line} missing in\n{metrics}");
    }
}

#[tokio::test]
async fn a_full_queue_is_refused_at_once() {
    let f = fixture_with(1, |c| c.max_queued = 0);
    let _busy = f.state.permits.clone().try_acquire_owned().unwrap();
    let started = std::time::Instant::now();
    let (status, body) = send(
        &f.app,
        post_json("/api/ask", r#"{"question":"Reisekosten"}"#),
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(json(&body)["error"]["code"], "overloaded");
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
}

#[tokio::test]
async fn search_documents_health_and_metrics() {
    let f = fixture(4);
    let (status, body) = send(
        &f.app,
        post_json(
            "/api/search",
            r#"{"query":"Kilometer Fahrrad","mode":"bm25","top_k":2}"#,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!json(&body)["hits"].as_array().unwrap().is_empty());

    let (status, body) = send(
        &f.app,
        post_json("/api/search", r#"{"query":"Kilometer","explain":true}"#),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let v = json(&body);
    assert!(v["keyword"].is_array() && v["timings_ms"].is_object());
    assert_eq!(v["fusion"]["method"], "dbsf");
    assert_eq!(v["fusion"]["keyword_weight"], 0.5);
    // vector candidates come as passages with their cosine, so a demo can name them
    let vector = v["vector"].as_array().unwrap();
    assert!(!vector.is_empty());
    for c in vector {
        assert!(c["chunk_id"].is_string() && c["title"].is_string(), "{c}");
        assert_eq!(c["score"], c["vector_score"], "{c}");
    }

    let (_, body) = send(
        &f.app,
        Request::get("/api/documents").body(Body::empty()).unwrap(),
    )
    .await;
    let docs = json(&body)["documents"].as_array().unwrap().clone();
    assert_eq!(docs.len(), 1);
    let (_, body) = send(
        &f.app,
        Request::get("/healthz").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(json(&body)["documents"], 1);

    let id = docs[0]["id"].as_str().unwrap();
    let (status, body) = send(
        &f.app,
        Request::delete(format!("/api/documents/{id}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, body) = send(
        &f.app,
        Request::get("/api/documents").body(Body::empty()).unwrap(),
    )
    .await;
    assert!(json(&body)["documents"].as_array().unwrap().is_empty());

    let (status, text) = send(
        &f.app,
        Request::get("/metrics").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        text.contains("lotse_http_requests_total{route=\"/api/search\",status=\"200\"} 2"),
        "{text}"
    );
    assert!(text.contains("route=\"/api/documents/{id}\""), "{text}");
}

fn multipart(collection: &str, files: &[(&str, &[u8])]) -> Request<Body> {
    multipart_with(collection, &[], files)
}

/// A multipart upload with text fields beside the collection.
fn multipart_with(
    collection: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> Request<Body> {
    let boundary = "lotse-test-boundary";
    let mut body = Vec::new();
    for (name, value) in [("collection", collection)].iter().chain(fields) {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Request::post("/api/documents")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn uploads_are_ingested_or_rejected_with_reasons() {
    let f = fixture(4);
    let (status, body) = send(
        &f.app,
        multipart(
            "personal",
            &[
                (
                    "urlaub.md",
                    b"# Urlaub\n\nDer Urlaubsantrag wird im Portal gestellt.\n",
                ),
                ("kaputt.pdf", b"%PDF-1.7 this is not really a pdf"),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v = json(&body);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2, "{v}");
    assert!(files.iter().any(|f| f["status"] == "added"));
    let failed = files.iter().find(|f| f["status"] == "failed").unwrap();
    assert!(!failed["reason"].as_str().unwrap().is_empty());
    let (_, body) = send(
        &f.app,
        Request::get("/api/documents?collection=personal")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(json(&body)["documents"].as_array().unwrap().len(), 1);

    // only broken files: 422; no file: 400
    let (status, _) = send(&f.app, multipart("personal", &[("x.pdf", b"nope")])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = send(&f.app, multipart("personal", &[])).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(json(&body)["error"]["code"], "no_files");
}

#[tokio::test]
async fn openai_compatible_completions_and_models() {
    let f = fixture(4);
    let body = r#"{"model":"lotse","messages":[
        {"role":"system","content":"Sei nett."},
        {"role":"user","content":"Wie viel Cent je Kilometer gibt es für das Auto?"}]}"#;
    let (status, text) = send(&f.app, post_json("/v1/chat/completions", body)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let v = json(&text);
    assert_eq!(v["object"], "chat.completion");
    let content = v["choices"][0]["message"]["content"].as_str().unwrap();
    assert!(content.contains("**Quellen**"), "{content}");
    assert!(!v["lotse"]["citations"].as_array().unwrap().is_empty());

    let stream = body.replace("\"model\"", "\"stream\":true,\"model\"");
    let (status, text) = send(&f.app, post_json("/v1/chat/completions", &stream)).await;
    assert_eq!(status, StatusCode::OK);
    let data: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("data: "))
        .collect();
    assert_eq!(data.last(), Some(&"[DONE]"));
    let streamed: String = data[..data.len() - 1]
        .iter()
        .map(|d| {
            json(d)["choices"][0]["delta"]["content"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(streamed, content);

    let (_, text) = send(
        &f.app,
        Request::get("/v1/models").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(json(&text)["data"][0]["id"], "lotse");
}

#[tokio::test]
async fn uploads_take_validity_fields_and_refuse_wrong_ones_with_codes() {
    let f = fixture_with(4, |c| c.max_body_bytes = 1 << 20);
    let file: &[(&str, &[u8])] = &[("kantine.md", b"# Kantine\n\nDas Essen kostet 4 Euro.\n")];
    for (fields, status, code) in [
        (
            vec![("valid_from", "morgen")],
            StatusCode::BAD_REQUEST,
            "invalid_valid_from",
        ),
        (
            vec![("kind", "roman")],
            StatusCode::BAD_REQUEST,
            "invalid_kind",
        ),
        (
            vec![("supersedes", "feedfeedfeedfeed")],
            StatusCode::NOT_FOUND,
            "not_found",
        ),
    ] {
        let (got, body) = send(&f.app, multipart_with("personal", &fields, file)).await;
        assert_eq!(got, status, "{fields:?}: {body}");
        assert_eq!(json(&body)["error"]["code"], code, "{body}");
    }
    // a document of another collection is not one this upload can supersede
    let (_, body) = send(
        &f.app,
        Request::get("/api/documents").body(Body::empty()).unwrap(),
    )
    .await;
    let other = json(&body)["documents"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (got, body) = send(
        &f.app,
        multipart_with("personal", &[("supersedes", &other)], file),
    )
    .await;
    assert_eq!(got, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(json(&body)["error"]["code"], "supersedes_other_collection");

    let (got, body) = send(
        &f.app,
        multipart_with(
            "personal",
            &[("valid_from", "2025-03-01"), ("kind", "dienstanweisung")],
            file,
        ),
    )
    .await;
    assert_eq!(got, StatusCode::OK, "{body}");
    let (_, body) = send(
        &f.app,
        Request::get("/api/documents?collection=personal")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    let doc = &json(&body)["documents"][0];
    assert_eq!(doc["validity"]["valid_from"], "2025-03-01", "{doc}");
    assert_eq!(doc["kind"], "dienstanweisung", "{doc}");
}
