//! Text → token ids: the model's own `tokenizer.json`, the e5 instruction prefixes and
//! truncation at the model's maximum length.

use lotse_core::EmbedError;
use std::path::Path;
use tokenizers::{Tokenizer, TruncationDirection, TruncationParams, TruncationStrategy};

/// What a text is, which decides its e5 prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Query,
    Passage,
}

/// Tokenizer with the embedder's input conventions.
#[derive(Debug, Clone)]
pub struct TextEncoder {
    tokenizer: Tokenizer,
    e5_prefixes: bool,
    /// The model's own query and passage prompts (sentence-transformers'
    /// `config_sentence_transformers.json`); they take the place of the e5 prefixes.
    prompts: Option<(String, String)>,
    max_length: usize,
}

impl TextEncoder {
    /// Loads `tokenizer.json`; inputs are cut to `max_length` tokens including the special tokens.
    pub fn from_file(
        path: &Path,
        max_length: usize,
        e5_prefixes: bool,
    ) -> Result<Self, EmbedError> {
        let mut tokenizer = Tokenizer::from_file(path)
            .map_err(|e| EmbedError::Model(format!("{}: {e}", path.display())))?;
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length,
                strategy: TruncationStrategy::LongestFirst,
                stride: 0,
                direction: TruncationDirection::Right,
            }))
            .map_err(|e| EmbedError::Model(format!("tokenizer truncation: {e}")))?;
        tokenizer.with_padding(None);
        Ok(TextEncoder {
            tokenizer,
            e5_prefixes,
            prompts: None,
            max_length,
        })
    }

    /// Puts `query` before queries and `passage` before passages instead of e5's prefixes.
    pub fn with_prompts(mut self, query: String, passage: String) -> Self {
        self.prompts = Some((query, passage));
        self
    }

    pub fn max_length(&self) -> usize {
        self.max_length
    }

    pub fn e5_prefixes(&self) -> bool {
        self.e5_prefixes
    }

    /// The text as the model sees it (with the e5 prefix where those are on).
    pub fn model_input(&self, text: &str, kind: TextKind) -> String {
        if let Some((query, passage)) = &self.prompts {
            return match kind {
                TextKind::Query => format!("{query}{text}"),
                TextKind::Passage => format!("{passage}{text}"),
            };
        }
        match (self.e5_prefixes, kind) {
            (true, TextKind::Query) => format!("query: {text}"),
            (true, TextKind::Passage) => format!("passage: {text}"),
            (false, _) => text.to_string(),
        }
    }

    /// Token ids, special tokens included, at most `max_length` of them.
    pub fn encode(&self, text: &str, kind: TextKind) -> Result<Vec<u32>, EmbedError> {
        let input = self.model_input(text, kind);
        let encoding = self
            .tokenizer
            .encode(input.as_str(), true)
            .map_err(|e| EmbedError::Model(format!("tokenizer: {e}")))?;
        let mut ids = encoding.get_ids().to_vec();
        // Tokenizers keep the special tokens inside the limit; guard against exotic ones.
        if ids.len() > self.max_length {
            let last = ids[ids.len() - 1];
            ids.truncate(self.max_length);
            if let Some(end) = ids.last_mut() {
                *end = last;
            }
        }
        Ok(ids)
    }
}
