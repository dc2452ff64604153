//! OpenAI-compatible chat completions: existing chat front-ends and the official client
//! libraries can use lotse as a "model". The last user message is the question, the
//! messages before it the history; the answer carries a short Markdown source list, and
//! the citations in an extra `lotse` field.

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::{answer_blocking, json_body};
use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use lotse_answer::{Answer, AnswerMode, AskRequest, Role, Turn};
use serde::Deserialize;
use std::sync::Arc;

/// The model name lotse answers to (any name is accepted).
pub const MODEL_ID: &str = "lotse";

#[derive(Debug, Deserialize)]
pub struct ChatMessage {
    role: String,
    #[serde(default)]
    content: serde_json::Value,
}

impl ChatMessage {
    /// Text content: a string, or the text parts of a content array.
    fn text(&self) -> String {
        match &self.content {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Array(parts) => parts
                .iter()
                .filter_map(|p| p.get("text").and_then(|t| t.as_str()))
                .collect::<Vec<_>>()
                .join("\n"),
            _ => String::new(),
        }
    }
}

/// The fields lotse uses; others (temperature, max_tokens, …) are accepted and ignored.
#[derive(Debug, Deserialize)]
pub struct ChatRequest {
    #[serde(default)]
    model: Option<String>,
    messages: Vec<ChatMessage>,
    #[serde(default)]
    stream: bool,
    /// lotse extension: collections to search.
    #[serde(default)]
    collection: Option<Vec<String>>,
}

/// One model, whoever asks (a signed-in caller only: the middleware sees to that).
pub async fn models(_caller: Caller) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "object": "list",
        "data": [{ "id": MODEL_ID, "object": "model", "created": 0, "owned_by": "lotse" }],
    }))
}

fn with_sources(answer: &Answer) -> String {
    if answer.citations.is_empty() {
        return answer.answer.clone();
    }
    let mut text = format!("{}\n\n**Quellen**\n", answer.answer);
    for c in &answer.citations {
        let page = c.page.map(|p| format!(", S. {p}")).unwrap_or_default();
        let section = lotse_answer::section_within(&c.title, &c.section);
        text.push_str(&format!("\n[{}] {} – {section}{page}", c.n, c.title));
    }
    text
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

pub async fn chat_completions(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    body: Result<Json<ChatRequest>, JsonRejection>,
) -> Result<Response, ApiError> {
    let body = json_body(body)?;
    let Some(last_user) = body.messages.iter().rposition(|m| m.role == "user") else {
        return Err(ApiError::bad_request(
            "no_user_message",
            "messages must contain a message with role \"user\"",
        ));
    };
    let history: Vec<Turn> = body.messages[..last_user]
        .iter()
        .filter_map(|m| {
            let role = match m.role.as_str() {
                "user" => Role::User,
                "assistant" => Role::Assistant,
                _ => return None, // system prompts of the client don't steer lotse
            };
            Some(Turn {
                role,
                content: m.text(),
            })
        })
        .collect();
    let request = AskRequest {
        question: body.messages[last_user].text(),
        collections: body.collection.unwrap_or_default(),
        history,
        mode: AnswerMode::Auto,
        scope: caller.principal.read_scope(),
    };
    let model = body.model.unwrap_or_else(|| MODEL_ID.to_string());
    let answer = answer_blocking(&state, request).await?;
    state.metrics.answered(&answer);
    let content = with_sources(&answer);
    let id = format!("chatcmpl-lotse-{}", now());
    let extra = serde_json::json!({
        "abstained": answer.abstained,
        "citations": answer.citations,
    });
    if !body.stream {
        return Ok(Json(serde_json::json!({
            "id": id,
            "object": "chat.completion",
            "created": now(),
            "model": model,
            "choices": [{
                "index": 0,
                "message": { "role": "assistant", "content": content },
                "finish_reason": "stop",
            }],
            "usage": { "prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0 },
            "lotse": extra,
        }))
        .into_response());
    }
    // The answer is complete here (extractive answers come whole); it is streamed in
    // word-sized pieces so that streaming clients render it as they would a model's.
    let chunk = |delta: serde_json::Value, finish: Option<&str>| {
        let mut v = serde_json::json!({
            "id": id, "object": "chat.completion.chunk", "created": now(), "model": model,
            "choices": [{ "index": 0, "delta": delta, "finish_reason": finish }],
        });
        if finish.is_some() {
            v["lotse"] = extra.clone();
        }
        Ok::<_, std::convert::Infallible>(Event::default().data(v.to_string()))
    };
    let mut events = vec![chunk(
        serde_json::json!({ "role": "assistant", "content": "" }),
        None,
    )];
    let mut piece = String::new();
    for c in content.chars() {
        piece.push(c);
        if c == ' ' || c == '\n' {
            events.push(chunk(serde_json::json!({ "content": piece }), None));
            piece = String::new();
        }
    }
    if !piece.is_empty() {
        events.push(chunk(serde_json::json!({ "content": piece }), None));
    }
    events.push(chunk(serde_json::json!({}), Some("stop")));
    events.push(Ok(Event::default().data("[DONE]")));
    Ok(Sse::new(tokio_stream::iter(events)).into_response())
}
