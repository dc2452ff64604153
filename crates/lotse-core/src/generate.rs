//! The language-model seam: what the answerer needs from a generator, whichever backend
//! (local GGUF model, OpenAI-compatible upstream server) implements it.

use serde::{Deserialize, Serialize};

/// One chat message of a prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// `system`, `user` or `assistant`.
    pub role: String,
    pub content: String,
}

impl Message {
    pub fn new(role: &str, content: impl Into<String>) -> Message {
        Message {
            role: role.into(),
            content: content.into(),
        }
    }
}

/// A language model that writes an answer from a prompt, streaming its text.
///
/// `generate` blocks until the reply is complete; implementations run the model on their
/// own thread(s), so async callers use `spawn_blocking`.
pub trait Generator: Send + Sync {
    /// Identifies model and settings, for logs and `/v1/models`.
    fn name(&self) -> &str;
    /// Counts tokens as the model sees them (for the context budget).
    fn count_tokens(&self, text: &str) -> usize;
    /// The most prompt tokens the model should get.
    fn context_budget(&self) -> usize;
    /// Generates the reply to `messages`, calling `on_token` with each piece of text.
    fn generate(
        &self,
        messages: &[Message],
        on_token: &mut dyn FnMut(&str),
    ) -> Result<String, GenerateError>;
    /// Log-probabilities of each of `choices` as the first token of the reply to `messages`
    /// (each choice counts by its first token): one forward pass over the prompt, nothing
    /// generated. This makes the model a judge ("Ja" or "Nein") instead of a writer.
    /// `None` where the backend can't tell (an upstream server, by default).
    fn choice_logprobs(
        &self,
        messages: &[Message],
        choices: &[&str],
    ) -> Result<Option<Vec<f32>>, GenerateError> {
        let _ = (messages, choices);
        Ok(None)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("language model: {0}")]
    Model(String),
    #[error("upstream language model server: {0}")]
    Upstream(String),
    #[error("the language model is busy with other answers; try again in a moment")]
    Busy,
}
