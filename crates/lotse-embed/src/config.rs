//! The parts of a HuggingFace `config.json` that an encoder-only sentence embedder needs.

use lotse_core::EmbedError;
use serde::Deserialize;

/// Architectures lotse can run: both are post-LayerNorm BERT encoders and differ only in how
/// position ids are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Architecture {
    /// `model_type: "bert"` (multilingual-e5-small/-base/-large, MiniLM, GBERT, ...):
    /// positions count from 0.
    Bert,
    /// `model_type: "xlm-roberta"` (bge-m3, multilingual-e5 via XLM-R checkpoints, ...):
    /// positions count from `pad_token_id + 1`, so two position rows are never used.
    XlmRoberta,
    /// `model_type: "gemma3_text"` with bidirectional attention (EmbeddingGemma): a
    /// pre-norm encoder with rotary positions, see `gemma`.
    Gemma3,
}

/// Activation of the feed-forward block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    /// Exact GELU, `0.5·x·(1 + erf(x/√2))` (HF `"gelu"`).
    GeluErf,
    /// Tanh approximation (HF `"gelu_new"`, `"gelu_pytorch_tanh"`, `"gelu_fast"`).
    GeluTanh,
    Relu,
}

#[derive(Debug, Deserialize)]
struct RawConfig {
    model_type: Option<String>,
    hidden_size: usize,
    num_hidden_layers: usize,
    num_attention_heads: usize,
    intermediate_size: usize,
    #[serde(default = "default_act")]
    hidden_act: String,
    max_position_embeddings: usize,
    #[serde(default = "default_type_vocab")]
    type_vocab_size: usize,
    #[serde(default = "default_eps")]
    layer_norm_eps: f64,
    pad_token_id: Option<usize>,
    vocab_size: usize,
    position_embedding_type: Option<String>,
}

fn default_act() -> String {
    "gelu".to_string()
}
fn default_type_vocab() -> usize {
    2
}
fn default_eps() -> f64 {
    1e-12
}

/// Model hyper-parameters, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelConfig {
    pub architecture: Architecture,
    pub hidden_size: usize,
    pub num_layers: usize,
    pub num_heads: usize,
    pub intermediate_size: usize,
    pub activation: Activation,
    pub max_position_embeddings: usize,
    pub type_vocab_size: usize,
    pub layer_norm_eps: f64,
    pub pad_token_id: usize,
    pub vocab_size: usize,
    /// What a Gemma 3 encoder needs besides; `None` for BERT and XLM-R.
    pub gemma: Option<crate::gemma::GemmaParams>,
}

#[derive(Debug, Deserialize)]
struct RawGemmaConfig {
    hidden_size: usize,
    num_hidden_layers: usize,
    num_attention_heads: usize,
    num_key_value_heads: usize,
    head_dim: usize,
    intermediate_size: usize,
    hidden_activation: String,
    max_position_embeddings: usize,
    rms_norm_eps: f64,
    rope_theta: f64,
    rope_local_base_freq: f64,
    query_pre_attn_scalar: f64,
    sliding_window: usize,
    #[serde(default)]
    layer_types: Vec<String>,
    #[serde(default)]
    use_bidirectional_attention: bool,
    pad_token_id: Option<usize>,
    vocab_size: usize,
}

impl RawGemmaConfig {
    fn into_config(self) -> Result<ModelConfig, EmbedError> {
        if !self.use_bidirectional_attention {
            return Err(EmbedError::Model(
                "config.json: a gemma3_text model embeds only with use_bidirectional_attention (EmbeddingGemma); this one is a decoder".into(),
            ));
        }
        if self.hidden_activation != "gelu_pytorch_tanh" {
            return Err(EmbedError::Model(format!(
                "config.json: hidden_activation {:?} is not supported (gelu_pytorch_tanh)",
                self.hidden_activation
            )));
        }
        if self.layer_types.len() != self.num_hidden_layers {
            return Err(EmbedError::Model(format!(
                "config.json: {} layer_types for {} layers",
                self.layer_types.len(),
                self.num_hidden_layers
            )));
        }
        if self.sliding_window < MAX_SEQUENCE_LENGTH {
            // within the window every token sees every other; below it a mask is needed
            return Err(EmbedError::Model(format!(
                "config.json: sliding_window {} is shorter than the {MAX_SEQUENCE_LENGTH} tokens lotse feeds",
                self.sliding_window
            )));
        }
        Ok(ModelConfig {
            architecture: Architecture::Gemma3,
            hidden_size: self.hidden_size,
            num_layers: self.num_hidden_layers,
            num_heads: self.num_attention_heads,
            intermediate_size: self.intermediate_size,
            activation: Activation::GeluTanh,
            max_position_embeddings: self.max_position_embeddings,
            type_vocab_size: 1,
            layer_norm_eps: self.rms_norm_eps,
            pad_token_id: self.pad_token_id.unwrap_or(0),
            vocab_size: self.vocab_size,
            gemma: Some(crate::gemma::GemmaParams {
                head_dim: self.head_dim,
                num_kv_heads: self.num_key_value_heads,
                rms_norm_eps: self.rms_norm_eps,
                rope_theta: self.rope_theta,
                rope_local_theta: self.rope_local_base_freq,
                query_pre_attn_scalar: self.query_pre_attn_scalar,
                sliding: self
                    .layer_types
                    .iter()
                    .map(|t| t == "sliding_attention")
                    .collect(),
                sliding_window: self.sliding_window,
            }),
        })
    }
}

/// The longest input lotse feeds any model, special tokens included.
pub const MAX_SEQUENCE_LENGTH: usize = 512;

impl ModelConfig {
    /// Parses and validates `config.json` text.
    pub fn from_json(text: &str) -> Result<ModelConfig, EmbedError> {
        let kind: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| EmbedError::Model(format!("config.json: {e}")))?;
        if kind["model_type"] == "gemma3_text" {
            let raw: RawGemmaConfig = serde_json::from_value(kind)
                .map_err(|e| EmbedError::Model(format!("config.json (gemma3_text): {e}")))?;
            return raw.into_config();
        }
        let raw: RawConfig = serde_json::from_value(kind)
            .map_err(|e| EmbedError::Model(format!("config.json: {e}")))?;
        let architecture = match raw.model_type.as_deref() {
            Some("bert") | None => Architecture::Bert,
            Some("xlm-roberta") | Some("roberta") | Some("camembert") => Architecture::XlmRoberta,
            Some(other) => {
                return Err(EmbedError::Model(format!(
                    "config.json: model_type {other:?} is not supported (bert, xlm-roberta, gemma3_text)"
                )));
            }
        };
        if let Some(kind) = raw.position_embedding_type.as_deref()
            && kind != "absolute"
        {
            return Err(EmbedError::Model(format!(
                "config.json: position_embedding_type {kind:?} is not supported (absolute)"
            )));
        }
        let activation = match raw.hidden_act.as_str() {
            "gelu" => Activation::GeluErf,
            "gelu_new" | "gelu_pytorch_tanh" | "gelu_fast" => Activation::GeluTanh,
            "relu" => Activation::Relu,
            other => {
                return Err(EmbedError::Model(format!(
                    "config.json: hidden_act {other:?} is not supported"
                )));
            }
        };
        if raw.num_attention_heads == 0 || !raw.hidden_size.is_multiple_of(raw.num_attention_heads)
        {
            return Err(EmbedError::Model(format!(
                "config.json: hidden_size {} is not a multiple of num_attention_heads {}",
                raw.hidden_size, raw.num_attention_heads
            )));
        }
        let pad_token_id = raw.pad_token_id.unwrap_or(match architecture {
            Architecture::Bert | Architecture::Gemma3 => 0,
            Architecture::XlmRoberta => 1,
        });
        Ok(ModelConfig {
            architecture,
            hidden_size: raw.hidden_size,
            num_layers: raw.num_hidden_layers,
            num_heads: raw.num_attention_heads,
            intermediate_size: raw.intermediate_size,
            activation,
            max_position_embeddings: raw.max_position_embeddings,
            type_vocab_size: raw.type_vocab_size.max(1),
            layer_norm_eps: raw.layer_norm_eps,
            pad_token_id,
            vocab_size: raw.vocab_size,
            gemma: None,
        })
    }

    /// Position id of the first token.
    pub fn position_offset(&self) -> usize {
        match self.architecture {
            Architecture::Bert | Architecture::Gemma3 => 0,
            Architecture::XlmRoberta => self.pad_token_id + 1,
        }
    }

    /// The longest input (special tokens included) the model can take: the position table
    /// minus the XLM-R offset, and never more than [`MAX_SEQUENCE_LENGTH`].
    pub fn max_sequence_length(&self) -> usize {
        self.max_position_embeddings
            .saturating_sub(self.position_offset())
            .min(MAX_SEQUENCE_LENGTH)
    }

    pub fn head_dim(&self) -> usize {
        match &self.gemma {
            Some(g) => g.head_dim,
            None => self.hidden_size / self.num_heads,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const E5: &str = r#"{"architectures":["BertModel"],"model_type":"bert","hidden_act":"gelu",
        "hidden_size":384,"intermediate_size":1536,"layer_norm_eps":1e-12,
        "max_position_embeddings":512,"num_attention_heads":12,"num_hidden_layers":12,
        "pad_token_id":1,"position_embedding_type":"absolute","type_vocab_size":2,
        "vocab_size":250037}"#;

    #[test]
    fn bert_positions_start_at_zero_and_allow_512_tokens() {
        let c = ModelConfig::from_json(E5).unwrap();
        assert_eq!(c.architecture, Architecture::Bert);
        assert_eq!(c.position_offset(), 0);
        assert_eq!(c.max_sequence_length(), 512);
        assert_eq!(c.head_dim(), 32);
        assert_eq!(c.activation, Activation::GeluErf);
    }

    #[test]
    fn xlm_roberta_loses_the_offset_rows() {
        let text = E5
            .replace(r#""model_type":"bert""#, r#""model_type":"xlm-roberta""#)
            .replace(
                "\"max_position_embeddings\":512",
                "\"max_position_embeddings\":514",
            );
        let c = ModelConfig::from_json(&text).unwrap();
        assert_eq!(c.architecture, Architecture::XlmRoberta);
        assert_eq!(c.position_offset(), 2);
        assert_eq!(c.max_sequence_length(), 512);
        // a long position table is still capped at 512
        let long = text.replace("514", "8194");
        assert_eq!(
            ModelConfig::from_json(&long).unwrap().max_sequence_length(),
            512
        );
    }

    #[test]
    fn rejects_what_it_cannot_run() {
        let t5 = E5.replace(r#""model_type":"bert""#, r#""model_type":"t5""#);
        assert!(ModelConfig::from_json(&t5).is_err());
        let rel = E5.replace(r#""absolute""#, r#""relative_key""#);
        assert!(ModelConfig::from_json(&rel).is_err());
        assert!(ModelConfig::from_json("{").is_err());
    }

    const GEMMA: &str = r#"{"model_type":"gemma3_text","hidden_size":768,"num_hidden_layers":2,
        "num_attention_heads":3,"num_key_value_heads":1,"head_dim":256,"intermediate_size":1152,
        "hidden_activation":"gelu_pytorch_tanh","max_position_embeddings":2048,
        "rms_norm_eps":1e-6,"rope_theta":1000000.0,"rope_local_base_freq":10000.0,
        "query_pre_attn_scalar":256,"sliding_window":512,
        "layer_types":["sliding_attention","full_attention"],
        "use_bidirectional_attention":true,"vocab_size":262144}"#;

    #[test]
    fn embeddinggemma_is_an_encoder_with_its_own_head_size() {
        let c = ModelConfig::from_json(GEMMA).unwrap();
        assert_eq!(c.architecture, Architecture::Gemma3);
        assert_eq!(c.head_dim(), 256);
        assert_eq!(c.max_sequence_length(), 512);
        let g = c.gemma.unwrap();
        assert_eq!(g.sliding, [true, false]);
        assert_eq!((g.rope_local_theta, g.rope_theta), (10_000.0, 1_000_000.0));
        // a Gemma decoder (causal attention) would embed wrongly: refused, and said why
        let decoder = GEMMA.replace(
            r#""use_bidirectional_attention":true"#,
            r#""use_bidirectional_attention":false"#,
        );
        let err = ModelConfig::from_json(&decoder).unwrap_err().to_string();
        assert!(err.contains("use_bidirectional_attention"), "{err}");
        // a window shorter than the inputs would need a mask lotse does not build
        let short = GEMMA.replace(r#""sliding_window":512"#, r#""sliding_window":128"#);
        assert!(ModelConfig::from_json(&short).is_err());
    }
}
