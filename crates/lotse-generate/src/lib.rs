//! Answer generators for lotse, behind `lotse_core::generate::Generator`:
//!
//! * [`LocalGenerator`] ([`local`]): a quantized GGUF language model (Qwen2 and Llama
//!   architectures) run by candle on its own thread; tokenizer, chat template and
//!   end-of-turn tokens come from the GGUF file itself ([`gguf`]). CPU by default, CUDA and
//!   Metal behind the `cuda` / `metal` features.
//! * [`UpstreamGenerator`] ([`upstream`]): an OpenAI-compatible chat-completions server
//!   (vLLM, llama.cpp's server, Ollama), streamed over server-sent events; for
//!   administrations that run a GPU server.
//!
//! [`GeneratorConfig`] picks one from configuration; the extractive mode needs none.

pub mod gguf;
pub mod local;
pub mod qwen2;
pub mod upstream;

pub use local::LocalGenerator;
pub use upstream::UpstreamGenerator;

use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;

/// Which generator answers, from configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "backend", rename_all = "snake_case")]
pub enum GeneratorConfig {
    Local(LocalConfig),
    Upstream(UpstreamConfig),
}

impl GeneratorConfig {
    /// Loads the model or checks the upstream settings.
    pub fn build(self) -> Result<Arc<dyn lotse_core::generate::Generator>, GenerateSetupError> {
        Ok(match self {
            GeneratorConfig::Local(c) => Arc::new(LocalGenerator::load(c)?),
            GeneratorConfig::Upstream(c) => Arc::new(UpstreamGenerator::new(c)?),
        })
    }
}

/// Settings of the local GGUF model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LocalConfig {
    /// The GGUF file.
    pub model: PathBuf,
    pub device: lotse_core::Device,
    /// Threads for the model's matrix products; 0: all cores.
    pub threads: usize,
    /// Most prompt tokens (passages, question, instructions). On a laptop CPU, reading the
    /// prompt dominates the time to the first word: ~1,000 tokens take 10 s on 2 cores.
    pub context_tokens: usize,
    /// Longest reply, in tokens.
    pub max_new_tokens: usize,
    /// 0: always the most likely token (reproducible, best for factual answers).
    pub temperature: f64,
    pub top_p: f64,
    /// 0: no top-k cut.
    pub top_k: usize,
    /// Penalty for repeating a token of the last `repeat_last_n` generated ones; 1: none.
    pub repeat_penalty: f32,
    pub repeat_last_n: usize,
    pub seed: u64,
    /// Which forward pass runs Qwen2 models on the CPU.
    pub forward: Forward,
    /// Prompt tokens per forward pass while reading the prompt (lean forward only). Each
    /// pass repacks the weights for the prompt, so longer is faster; shorter bounds the
    /// activations of very long prompts.
    pub prefill_chunk: usize,
    /// Keep the KV cache between requests, so that the start a prompt shares with the one
    /// before (the fixed system prompt; a follow-up's earlier turns) is not read again
    /// (lean forward only). Off: every prompt is read from its first token.
    pub reuse_prompt_prefix: bool,
}

/// The forward-pass implementation of the local model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Forward {
    /// lotse's lean Qwen2 forward ([`qwen2`]) on the CPU; candle-transformers' elsewhere.
    #[default]
    Lean,
    /// candle-transformers' `quantized_qwen2` / `quantized_llama` everywhere (reference).
    Candle,
}

impl Default for LocalConfig {
    fn default() -> Self {
        LocalConfig {
            model: PathBuf::from("models/qwen2.5-coder-1.5b-instruct/model.gguf"),
            device: lotse_core::Device::Cpu,
            threads: 0,
            context_tokens: 1024,
            max_new_tokens: 200,
            temperature: 0.0,
            top_p: 0.9,
            top_k: 0,
            repeat_penalty: 1.1,
            repeat_last_n: 64,
            seed: 299_792_458,
            forward: Forward::Lean,
            prefill_chunk: 2048,
            reuse_prompt_prefix: true,
        }
    }
}

impl LocalConfig {
    pub(crate) fn sampling(&self) -> candle_transformers::generation::Sampling {
        local::sampling(self.temperature, self.top_p, self.top_k)
    }
}

/// Settings of an OpenAI-compatible upstream server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UpstreamConfig {
    /// Base URL, e.g. `http://gpu-server:8000/v1` (`/chat/completions` is appended).
    pub url: String,
    /// Model name the server knows.
    pub model: String,
    /// Sent as `Authorization: Bearer …` when set (read from `LOTSE_LLM_API_KEY`, never
    /// from a file in the repository).
    #[serde(skip_serializing)]
    pub api_key: Option<String>,
    pub context_tokens: usize,
    pub max_new_tokens: usize,
    pub temperature: f64,
    /// Longest wait for the whole reply, in seconds.
    pub timeout_s: u64,
}

impl Default for UpstreamConfig {
    fn default() -> Self {
        UpstreamConfig {
            url: String::new(),
            model: String::new(),
            api_key: None,
            context_tokens: 3000,
            max_new_tokens: 300,
            temperature: 0.0,
            timeout_s: 120,
        }
    }
}

/// What one generation took.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct GenerationStats {
    pub prompt_tokens: usize,
    /// Of those, the tokens whose keys and values came from the previous request's cache.
    pub cached_prompt_tokens: usize,
    /// Reading the prompt, up to the first new token.
    pub prefill_ms: f64,
    /// Tokens of the reply (the end-of-turn token not counted).
    pub new_tokens: usize,
    /// Forward passes after the prompt's (one per token after the first).
    pub decode_steps: usize,
    /// Time of those passes (and the streaming around them).
    pub decode_ms: f64,
}

impl GenerationStats {
    /// Prompt tokens read per second (those taken from the cache not counted).
    pub fn prefill_tokens_per_s(&self) -> f64 {
        (self.prompt_tokens - self.cached_prompt_tokens) as f64 / (self.prefill_ms / 1e3).max(1e-9)
    }

    /// Decoding speed: tokens per second after the first.
    pub fn decode_tokens_per_s(&self) -> f64 {
        self.decode_steps as f64 / (self.decode_ms / 1e3).max(1e-9)
    }
}

/// Why a generator could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum GenerateSetupError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Format(String),
    #[error("GGUF metadata: {0}")]
    Metadata(String),
    #[error("not supported: {0}")]
    Unsupported(String),
    #[error("device: {0}")]
    Device(String),
    #[error("upstream language model: {0}")]
    Upstream(String),
}
