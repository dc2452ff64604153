//! What a GGUF file says about its model besides the weights: the tokenizer (vocabulary,
//! merges, special tokens), the chat template and the end-of-turn tokens.
//!
//! The tokenizer is built in memory from the metadata, so a GGUF file is the whole model:
//! no separate `tokenizer.json` to fetch, convert or keep in step with it.

use crate::GenerateSetupError;
use candle_core::quantized::gguf_file::{Content, Value};
use serde_json::json;
use tokenizers::Tokenizer;

/// GPT-2-style byte-level BPE pre-tokenizer patterns, by `tokenizer.ggml.pre`. They are
/// the patterns of the upstream `tokenizer.json` files of these model families.
fn split_pattern(pre: &str) -> Option<&'static str> {
    match pre {
        "qwen2" => Some(
            r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+",
        ),
        "llama-bpe" | "llama3" | "smaug-bpe" => Some(
            r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+",
        ),
        _ => None,
    }
}

/// GGUF token types (llama.cpp's `llama_token_type`).
const TOKEN_TYPE_CONTROL: i64 = 3;
const TOKEN_TYPE_USER_DEFINED: i64 = 4;

fn str_array<'a>(content: &'a Content, key: &str) -> Result<Vec<&'a str>, GenerateSetupError> {
    let values = content
        .metadata
        .get(key)
        .ok_or_else(|| GenerateSetupError::Metadata(format!("{key} is missing")))?
        .to_vec()
        .map_err(|e| GenerateSetupError::Metadata(format!("{key}: {e}")))?;
    values
        .iter()
        .map(|v| {
            v.to_string()
                .map(String::as_str)
                .map_err(|e| GenerateSetupError::Metadata(format!("{key}: {e}")))
        })
        .collect()
}

fn int_value(v: &Value) -> Option<i64> {
    match v {
        Value::I32(x) => Some(i64::from(*x)),
        Value::U32(x) => Some(i64::from(*x)),
        Value::I64(x) => Some(*x),
        Value::U8(x) => Some(i64::from(*x)),
        Value::I8(x) => Some(i64::from(*x)),
        Value::U16(x) => Some(i64::from(*x)),
        Value::I16(x) => Some(i64::from(*x)),
        Value::U64(x) => i64::try_from(*x).ok(),
        _ => None,
    }
}

pub(crate) fn metadata_str<'a>(content: &'a Content, key: &str) -> Option<&'a str> {
    content
        .metadata
        .get(key)
        .and_then(|v| v.to_string().ok())
        .map(String::as_str)
}

pub(crate) fn metadata_u32(content: &Content, key: &str) -> Option<u32> {
    content
        .metadata
        .get(key)
        .and_then(int_value)
        .and_then(|v| u32::try_from(v).ok())
}

/// The tokenizer described by the metadata (byte-level BPE families; SentencePiece-style
/// `llama` vocabularies are not supported yet and are named in the error).
pub fn tokenizer(content: &Content) -> Result<Tokenizer, GenerateSetupError> {
    let model = metadata_str(content, "tokenizer.ggml.model").unwrap_or("?");
    let pre = metadata_str(content, "tokenizer.ggml.pre").unwrap_or("default");
    let pattern = match (model, split_pattern(pre)) {
        ("gpt2", Some(p)) => p,
        _ => {
            return Err(GenerateSetupError::Unsupported(format!(
                "tokenizer `{model}` with pre-tokenizer `{pre}`; supported: byte-level BPE (`gpt2`) of the qwen2 and llama-bpe families"
            )));
        }
    };
    let tokens = str_array(content, "tokenizer.ggml.tokens")?;
    let merges = str_array(content, "tokenizer.ggml.merges")?;
    let types: Vec<i64> = content
        .metadata
        .get("tokenizer.ggml.token_type")
        .and_then(|v| v.to_vec().ok())
        .map(|v| v.iter().map(|t| int_value(t).unwrap_or(1)).collect())
        .unwrap_or_default();

    let mut vocab = serde_json::Map::with_capacity(tokens.len());
    let mut added = Vec::new();
    for (id, token) in tokens.iter().enumerate() {
        vocab.insert((*token).to_owned(), json!(id));
        let kind = types.get(id).copied().unwrap_or(1);
        if kind == TOKEN_TYPE_CONTROL || kind == TOKEN_TYPE_USER_DEFINED {
            added.push(json!({
                "id": id,
                "content": token,
                "single_word": false,
                "lstrip": false,
                "rstrip": false,
                "normalized": false,
                "special": kind == TOKEN_TYPE_CONTROL,
            }));
        }
    }
    let byte_level = json!({
        "type": "ByteLevel",
        "add_prefix_space": false,
        "trim_offsets": false,
        "use_regex": false
    });
    let spec = json!({
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": added,
        // upstream Qwen2/2.5 and Llama 3 tokenizers normalise with NFC
        "normalizer": { "type": "NFC" },
        "pre_tokenizer": {
            "type": "Sequence",
            "pretokenizers": [
                {
                    "type": "Split",
                    "pattern": { "Regex": pattern },
                    "behavior": "Isolated",
                    "invert": false
                },
                byte_level
            ]
        },
        "post_processor": null,
        "decoder": byte_level,
        "model": {
            "type": "BPE",
            "dropout": null,
            "unk_token": null,
            "continuing_subword_prefix": null,
            "end_of_word_suffix": null,
            "fuse_unk": false,
            "byte_fallback": false,
            "ignore_merges": false,
            "vocab": vocab,
            "merges": merges,
        }
    });
    let bytes = serde_json::to_vec(&spec)
        .map_err(|e| GenerateSetupError::Metadata(format!("tokenizer: {e}")))?;
    Tokenizer::from_bytes(bytes)
        .map_err(|e| GenerateSetupError::Metadata(format!("tokenizer from GGUF metadata: {e}")))
}

/// How a conversation is laid out for the model, recognised from the GGUF's
/// `tokenizer.chat_template` (a Jinja template; lotse knows the few layouts in use rather
/// than evaluating Jinja).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatTemplate {
    /// `<|im_start|>role\n…<|im_end|>` (Qwen, many others).
    ChatMl,
    /// `<|start_header_id|>role<|end_header_id|>\n\n…<|eot_id|>` (Llama 3).
    Llama3,
}

impl ChatTemplate {
    pub fn detect(content: &Content) -> Result<ChatTemplate, GenerateSetupError> {
        let template = metadata_str(content, "tokenizer.chat_template").unwrap_or("");
        if template.contains("<|im_start|>") {
            Ok(ChatTemplate::ChatMl)
        } else if template.contains("<|start_header_id|>") {
            Ok(ChatTemplate::Llama3)
        } else if template.is_empty() {
            Err(GenerateSetupError::Unsupported(
                "the GGUF file has no chat template (tokenizer.chat_template): an instruction-tuned model is needed".into(),
            ))
        } else {
            Err(GenerateSetupError::Unsupported(
                "chat template not recognised: supported are ChatML (<|im_start|>) and Llama 3 (<|start_header_id|>)".into(),
            ))
        }
    }

    /// The prompt text for `messages`, ending where the assistant's reply begins.
    pub fn render(self, messages: &[lotse_core::generate::Message]) -> String {
        let mut out = String::new();
        match self {
            ChatTemplate::ChatMl => {
                for m in messages {
                    out.push_str("<|im_start|>");
                    out.push_str(&m.role);
                    out.push('\n');
                    out.push_str(m.content.trim());
                    out.push_str("<|im_end|>\n");
                }
                out.push_str("<|im_start|>assistant\n");
            }
            ChatTemplate::Llama3 => {
                out.push_str("<|begin_of_text|>");
                for m in messages {
                    out.push_str("<|start_header_id|>");
                    out.push_str(&m.role);
                    out.push_str("<|end_header_id|>\n\n");
                    out.push_str(m.content.trim());
                    out.push_str("<|eot_id|>");
                }
                out.push_str("<|start_header_id|>assistant<|end_header_id|>\n\n");
            }
        }
        out
    }

    /// Tokens that end the assistant's turn.
    fn end_markers(self) -> &'static [&'static str] {
        match self {
            ChatTemplate::ChatMl => &["<|im_end|>", "<|endoftext|>"],
            ChatTemplate::Llama3 => &["<|eot_id|>", "<|end_of_text|>"],
        }
    }
}

/// The token ids that stop generation: the template's end-of-turn tokens and the
/// file's end-of-sequence token.
pub fn stop_tokens(content: &Content, template: ChatTemplate, tokenizer: &Tokenizer) -> Vec<u32> {
    let mut stops: Vec<u32> = template
        .end_markers()
        .iter()
        .filter_map(|t| tokenizer.token_to_id(t))
        .collect();
    if let Some(eos) = metadata_u32(content, "tokenizer.ggml.eos_token_id") {
        stops.push(eos);
    }
    stops.sort_unstable();
    stops.dedup();
    stops
}
