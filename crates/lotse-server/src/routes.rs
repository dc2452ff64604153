//! `/api/ask`, `/api/search`, `/healthz` and the fallback.

use crate::AppState;
use crate::auth::Caller;
use crate::error::{ApiError, rejection};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use lotse_answer::{Answer, AnswerEvent, AnswerMode, AskRequest, Turn};
use serde::Deserialize;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

/// One collection name or a list of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) if s.trim().is_empty() => Vec::new(),
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskBody {
    question: String,
    #[serde(default, alias = "collections")]
    collection: Option<OneOrMany>,
    #[serde(default)]
    history: Vec<Turn>,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    stream: bool,
}

pub(crate) fn json_body<T>(body: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    body.map(|Json(b)| b)
        .map_err(|e| rejection(e.body_text(), e.status()))
}

pub(crate) fn ask_request(body: AskBody, caller: &Caller) -> Result<(AskRequest, bool), ApiError> {
    let mode = match body.mode.as_deref() {
        None => AnswerMode::Auto,
        Some(m) => m
            .parse()
            .map_err(|e: String| ApiError::bad_request("invalid_mode", e))?,
    };
    Ok((
        AskRequest {
            question: body.question,
            collections: body.collection.map(OneOrMany::into_vec).unwrap_or_default(),
            history: body.history,
            mode,
            scope: caller.principal.read_scope(),
        },
        body.stream,
    ))
}

fn wants_events(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/event-stream"))
}

pub async fn ask(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    headers: HeaderMap,
    body: Result<Json<AskBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let (request, stream) = ask_request(json_body(body)?, &caller)?;
    if stream || wants_events(&headers) {
        return ask_streaming(state, request).await;
    }
    let answer = answer_blocking(&state, request).await?;
    state.metrics.answered(&answer);
    Ok(Json(answer).into_response())
}

/// Runs the answerer on the blocking pool within the concurrency limit and the timeout.
pub(crate) async fn answer_blocking(
    state: &Arc<AppState>,
    request: AskRequest,
) -> Result<Answer, ApiError> {
    let _slot = crate::admission::slot(state).await?;
    let answerer = state.answerer.clone();
    let job = tokio::task::spawn_blocking(move || answerer.ask(&request, &mut |_| {}));
    match tokio::time::timeout(state.config.request_timeout, job).await {
        Err(_) => Err(ApiError::new(
            StatusCode::GATEWAY_TIMEOUT,
            "timeout",
            "answering took too long",
        )),
        Ok(Err(join)) => Err(ApiError::internal(format!("answer task failed: {join}"))),
        Ok(Ok(result)) => Ok(result?),
    }
}

/// Server-sent events: `retrieval`, `token`…, `citations`, `done` (the whole answer), or
/// `error`.
async fn ask_streaming(state: Arc<AppState>, request: AskRequest) -> Result<Response, ApiError> {
    // held by the blocking task until the answer is complete
    let slot = crate::admission::slot(&state).await?;
    let (tx, rx) = mpsc::channel::<Result<Event, Infallible>>(64);
    let answerer = state.answerer.clone();
    let task_state = state.clone();
    tokio::task::spawn_blocking(move || {
        let send = |event: Event| {
            // a client that went away just stops receiving
            let _ = tx.blocking_send(Ok(event));
        };
        let result = answerer.ask(&request, &mut |e| match e {
            AnswerEvent::Retrieval { query, hits } => send(json_event(
                "retrieval",
                &serde_json::json!({ "query": query, "hits": hits }),
            )),
            AnswerEvent::Draft { answer, citations } => send(json_event(
                "draft",
                &serde_json::json!({ "answer": answer, "citations": citations }),
            )),
            AnswerEvent::Token(t) => send(json_event("token", &serde_json::json!({ "text": t }))),
        });
        match result {
            Ok(answer) => {
                task_state.metrics.answered(&answer);
                send(json_event(
                    "citations",
                    &serde_json::json!({ "citations": answer.citations }),
                ));
                send(json_event("done", &answer));
            }
            Err(e) => {
                let e = ApiError::from(e);
                send(json_event(
                    "error",
                    &serde_json::json!({ "error": { "code": e.code, "message": e.message } }),
                ));
            }
        }
        drop(slot);
    });
    Ok(Sse::new(ReceiverStream::new(rx))
        .keep_alive(KeepAlive::default())
        .into_response())
}

fn json_event(name: &str, data: &impl serde::Serialize) -> Event {
    Event::default()
        .event(name)
        .data(serde_json::to_string(data).unwrap_or_else(|_| "{}".into()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchBody {
    query: String,
    #[serde(default, alias = "collections")]
    collection: Option<OneOrMany>,
    #[serde(default)]
    top_k: Option<usize>,
    #[serde(default)]
    mode: Option<String>,
    /// Also return the keyword and vector candidate lists and timings (demo view).
    #[serde(default)]
    explain: bool,
    /// Superseded documents too, their hits marked with what replaces them.
    #[serde(default)]
    include_superseded: bool,
}

pub async fn search(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Result<Json<SearchBody>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let body = json_body(body)?;
    if body.query.trim().is_empty() {
        return Err(ApiError::bad_request("empty_query", "the query is empty"));
    }
    let engine = state.answerer.engine().clone();
    let mode = match body.mode.as_deref() {
        None => engine.default_mode(),
        Some(m) => m
            .parse()
            .map_err(|e: String| ApiError::bad_request("invalid_mode", e))?,
    };
    let collections = body
        .collection
        .map(OneOrMany::into_vec)
        .unwrap_or_default()
        .iter()
        .map(|c| lotse_core::validate_collection(c))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ApiError::bad_request("invalid_collection", e.to_string()))?;
    let scope = caller.principal.read_scope().narrow(&collections);
    let top_k = body.top_k.unwrap_or(5).clamp(1, 100);
    let _slot = crate::admission::slot(&state).await?;
    let query = body.query;
    let explain = body.explain;
    let versions = if body.include_superseded {
        lotse_engine::WhichVersions::All
    } else {
        lotse_engine::WhichVersions::Current
    };
    let (outcome, vector) = tokio::task::spawn_blocking(move || {
        let outcome = engine.search_explained_with(&query, &scope, top_k, mode, versions)?;
        // the vector candidates as passages, so that a demo can show what each one is
        let vector = if explain {
            vector_candidates(&engine, &outcome.vector)?
        } else {
            Vec::new()
        };
        Ok::<_, lotse_engine::EngineError>((outcome, vector))
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))??;
    let mut out = serde_json::json!({ "hits": outcome.hits });
    if explain {
        let fusion = state.answerer.engine().config().fusion;
        out["mode"] = serde_json::json!(outcome.mode.as_str());
        out["fusion"] = serde_json::json!({
            "method": fusion.method.as_str(),
            "keyword_weight": fusion.keyword_weight,
            "vector_weight": fusion.vector_weight,
            "k": fusion.k,
        });
        out["keyword"] = serde_json::json!(outcome.keyword);
        out["vector"] = serde_json::json!(vector);
        out["timings_ms"] = serde_json::json!(outcome.timings_ms);
    }
    Ok(Json(out))
}

/// The vector candidates (chunk id, cosine) as hits with their passage, `score` and
/// `vector_score` the cosine; one whose passage is gone (an interrupted ingest) keeps only
/// its id and score.
fn vector_candidates(
    engine: &lotse_engine::Engine,
    candidates: &[(String, f32)],
) -> Result<Vec<serde_json::Value>, lotse_engine::EngineError> {
    let ids: Vec<String> = candidates.iter().map(|c| c.0.clone()).collect();
    let mut known: std::collections::HashMap<String, lotse_core::Hit> = engine
        .hits_by_chunk_ids(&ids)?
        .into_iter()
        .map(|h| (h.chunk_id.clone(), h))
        .collect();
    Ok(candidates
        .iter()
        .map(|(id, cosine)| match known.remove(id) {
            Some(mut hit) => {
                hit.score = *cosine;
                hit.vector_score = Some(*cosine);
                serde_json::json!(hit)
            }
            None => serde_json::json!({ "chunk_id": id, "score": cosine }),
        })
        .collect())
}

/// `GET /healthz`, public: whether the index can be read; the document count only for a
/// signed-in caller, and only of what it may read.
pub async fn healthz(
    State(state): State<Arc<AppState>>,
    caller: Option<Caller>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let engine = state.answerer.engine().clone();
    let scope = caller.as_ref().map_or_else(
        || lotse_core::Scope::only(Vec::<String>::new()),
        |c| c.principal.read_scope(),
    );
    let documents = tokio::task::spawn_blocking(move || engine.documents(&scope))
        .await
        .map_err(|e| ApiError::internal(e.to_string()))??;
    let mut out = serde_json::json!({
        "status": "ok",
        "vector_search": state.answerer.engine().has_vectors(),
        "generator": state.answerer.generator().map(|g| g.name().to_string()),
    });
    if caller.is_some() {
        out["documents"] = serde_json::json!(documents.len());
    }
    Ok(Json(out))
}

/// `GET /api/system-card`: what the AI Act and a municipal KI-Register ask of an AI
/// system: purpose, operator, models with their checksums, what is logged and kept, the
/// human-oversight note; and, for a signed-in caller, the collections it may see.
pub async fn system_card(
    State(state): State<Arc<AppState>>,
    caller: Option<Caller>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let mut card = state.config.system_card.clone();
    if !card.is_object() {
        card = serde_json::json!({});
    }
    card["generator"] = serde_json::json!(state.answerer.generator().map(|g| g.name().to_string()));
    card["authentication"] = serde_json::json!(state.auth.mode.as_str());
    card["logging"] = serde_json::json!({
        "requests": "Route, Status und Dauer je Anfrage im Server-Log; nie der Fragetext, nie Dokumentinhalte.",
        "audit": "Hochladen, Ersetzen, Löschen, Tokens, Anmeldungen: append-only in audit.jsonl im Datenverzeichnis, Namen pseudonymisiert (HMAC), bis der Betreiber die Datei löscht.",
        "questions": "Fragen und Antworten werden nicht gespeichert.",
    });
    card["human_oversight"] = serde_json::json!(
        "Antworten werden automatisch aus freigegebenen Quellen erzeugt und können falsch sein.          Jede Aussage nennt ihre Quelle; verbindlich ist allein das zitierte Dokument.          Entscheidungen trifft ein Mensch."
    );
    if let Some(caller) = caller {
        card["collections"] =
            serde_json::json!(crate::auth::visible_collections(&state, &caller.principal).await?);
    }
    Ok(Json(card))
}

pub async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such route")
}
