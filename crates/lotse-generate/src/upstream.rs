//! An OpenAI-compatible chat-completions server as the generator (vLLM, llama.cpp's
//! server, Ollama, a hosted gateway of the administration's IT provider).
//!
//! The request streams (`"stream": true`) and the reply's server-sent events are read
//! line by line, so tokens reach the employee as the server produces them. The client is
//! blocking (ureq): `generate` already runs on a blocking thread, and one connection per
//! answer needs no async machinery.

use crate::{GenerateSetupError, UpstreamConfig};
use lotse_core::generate::{GenerateError, Generator, Message};
use serde_json::{Value, json};
use std::io::BufRead;
use std::time::Duration;

#[derive(Debug)]
pub struct UpstreamGenerator {
    name: String,
    endpoint: String,
    config: UpstreamConfig,
    agent: ureq::Agent,
}

impl UpstreamGenerator {
    pub fn new(config: UpstreamConfig) -> Result<UpstreamGenerator, GenerateSetupError> {
        let base = config.url.trim().trim_end_matches('/');
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(GenerateSetupError::Upstream(format!(
                "the URL must start with http:// or https:// (got {:?})",
                config.url
            )));
        }
        if config.model.trim().is_empty() {
            return Err(GenerateSetupError::Upstream(
                "no model name given (--llm-model): the upstream server serves it under that name"
                    .into(),
            ));
        }
        let endpoint = if base.ends_with("/chat/completions") {
            base.to_owned()
        } else {
            format!("{base}/chat/completions")
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(config.timeout_s.max(1))))
            .timeout_connect(Some(Duration::from_secs(10)))
            .http_status_as_error(false)
            .build()
            .into();
        Ok(UpstreamGenerator {
            name: format!("{} @ {}", config.model, base),
            endpoint,
            config,
            agent,
        })
    }

    fn request_body(&self, messages: &[Message]) -> Value {
        json!({
            "model": self.config.model,
            "messages": messages,
            "stream": true,
            "temperature": self.config.temperature,
            "max_tokens": self.config.max_new_tokens,
        })
    }
}

/// The text delta of one streamed chunk (`choices[0].delta.content`), or of a non-streamed
/// reply (`choices[0].message.content`) from servers that ignore `stream`.
fn content_of(chunk: &Value) -> Option<&str> {
    let choice = chunk.get("choices")?.get(0)?;
    choice
        .get("delta")
        .and_then(|d| d.get("content"))
        .or_else(|| choice.get("message").and_then(|m| m.get("content")))
        .and_then(Value::as_str)
}

/// The error message of an error body (`{"error": {"message": …}}` or `{"error": "…"}`).
fn error_message(body: &str) -> String {
    serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| {
            let e = v.get("error")?;
            e.get("message")
                .and_then(Value::as_str)
                .or_else(|| e.as_str())
                .map(str::to_owned)
        })
        .unwrap_or_else(|| body.chars().take(300).collect())
}

/// Reads an SSE (or plain JSON) reply, calling `on_token` for each text delta.
pub(crate) fn read_stream(
    reader: impl BufRead,
    on_token: &mut dyn FnMut(&str),
) -> Result<String, GenerateError> {
    let mut text = String::new();
    let mut plain = String::new();
    for line in reader.lines() {
        let line = line.map_err(|e| GenerateError::Upstream(format!("reading the reply: {e}")))?;
        let line = line.trim_end();
        let Some(data) = line.strip_prefix("data:") else {
            if !line.starts_with(':') && !line.starts_with("event:") {
                plain.push_str(line);
            }
            continue;
        };
        let data = data.trim();
        if data == "[DONE]" {
            break;
        }
        let chunk: Value = serde_json::from_str(data)
            .map_err(|e| GenerateError::Upstream(format!("unreadable stream chunk: {e}")))?;
        if chunk.get("error").is_some() {
            return Err(GenerateError::Upstream(error_message(data)));
        }
        if let Some(piece) = content_of(&chunk)
            && !piece.is_empty()
        {
            on_token(piece);
            text.push_str(piece);
        }
    }
    if text.is_empty() && !plain.trim().is_empty() {
        let reply: Value = serde_json::from_str(plain.trim())
            .map_err(|e| GenerateError::Upstream(format!("unreadable reply: {e}")))?;
        if let Some(content) = content_of(&reply) {
            on_token(content);
            text.push_str(content);
        }
    }
    Ok(text)
}

impl Generator for UpstreamGenerator {
    fn name(&self) -> &str {
        &self.name
    }

    /// An estimate: the upstream tokenizer is not known here. German text runs at about
    /// four characters per token in current multilingual vocabularies; counting three keeps
    /// the budget on the safe side.
    fn count_tokens(&self, text: &str) -> usize {
        text.chars().count().div_ceil(3)
    }

    fn context_budget(&self) -> usize {
        self.config.context_tokens
    }

    fn generate(
        &self,
        messages: &[Message],
        on_token: &mut dyn FnMut(&str),
    ) -> Result<String, GenerateError> {
        let mut request = self
            .agent
            .post(&self.endpoint)
            .header("Accept", "text/event-stream");
        if let Some(key) = self.config.api_key.as_deref().filter(|k| !k.is_empty()) {
            request = request.header("Authorization", &format!("Bearer {key}"));
        }
        let mut response = request
            .send_json(self.request_body(messages))
            .map_err(|e| GenerateError::Upstream(format!("{}: {e}", self.endpoint)))?;
        let status = response.status();
        if !status.is_success() {
            let body = response.body_mut().read_to_string().unwrap_or_default();
            return Err(GenerateError::Upstream(format!(
                "{} answered {}: {}",
                self.endpoint,
                status.as_u16(),
                error_message(&body)
            )));
        }
        let reader = std::io::BufReader::new(response.body_mut().as_reader());
        read_stream(reader, on_token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_streamed_deltas_until_done() {
        let sse = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n\
                   data: {\"choices\":[{\"delta\":{\"content\":\"Die Frist \"}}]}\n\n\
                   : keep-alive\n\n\
                   data: {\"choices\":[{\"delta\":{\"content\":\"beträgt 14 Tage [1].\"}}]}\n\n\
                   data: [DONE]\n\n\
                   data: {\"choices\":[{\"delta\":{\"content\":\"nach DONE\"}}]}\n\n";
        let mut pieces = Vec::new();
        let text = read_stream(sse.as_bytes(), &mut |p| pieces.push(p.to_owned())).unwrap();
        assert_eq!(text, "Die Frist beträgt 14 Tage [1].");
        assert_eq!(pieces, ["Die Frist ", "beträgt 14 Tage [1]."]);
    }

    #[test]
    fn reads_a_non_streamed_reply() {
        let body = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Ja [2].\"}}]}";
        let text = read_stream(body.as_bytes(), &mut |_| {}).unwrap();
        assert_eq!(text, "Ja [2].");
    }

    #[test]
    fn an_error_chunk_is_an_error_with_its_message() {
        let sse = "data: {\"error\":{\"message\":\"model overloaded\"}}\n\n";
        let err = read_stream(sse.as_bytes(), &mut |_| {}).unwrap_err();
        assert!(err.to_string().contains("model overloaded"), "{err}");
        assert_eq!(error_message("{\"error\":\"nope\"}"), "nope");
        assert_eq!(error_message("plain text"), "plain text");
    }

    #[test]
    fn bad_settings_are_named() {
        let err = UpstreamGenerator::new(UpstreamConfig {
            url: "gpu-server:8000".into(),
            model: "m".into(),
            ..UpstreamConfig::default()
        })
        .unwrap_err();
        assert!(err.to_string().contains("http://"), "{err}");
        let err = UpstreamGenerator::new(UpstreamConfig {
            url: "http://gpu-server:8000/v1".into(),
            ..UpstreamConfig::default()
        })
        .unwrap_err();
        assert!(err.to_string().contains("--llm-model"), "{err}");
        let ok = UpstreamGenerator::new(UpstreamConfig {
            url: "http://gpu-server:8000/v1/".into(),
            model: "qwen".into(),
            ..UpstreamConfig::default()
        })
        .unwrap();
        assert_eq!(ok.endpoint, "http://gpu-server:8000/v1/chat/completions");
    }
}
