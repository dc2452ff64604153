//! candle's own BERT / XLM-RoBERTa implementations: the GPU path, and the baseline the CPU
//! encoder is measured and checked against.

use crate::config::{Activation, Architecture, ModelConfig};
use crate::lean::model_err;
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::{bert, xlm_roberta};
use lotse_core::EmbedError;
use std::collections::HashMap;

enum Model {
    Bert(bert::BertModel),
    XlmRoberta(xlm_roberta::XLMRobertaModel),
}

/// A padded-batch encoder on any candle device.
pub struct CandleEncoder {
    model: Model,
    device: Device,
    pad_id: u32,
}

impl std::fmt::Debug for CandleEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CandleEncoder")
            .field("device", &self.device)
            .finish_non_exhaustive()
    }
}

impl CandleEncoder {
    pub fn new(
        cfg: &ModelConfig,
        config_json: &str,
        tensors: HashMap<String, Tensor>,
        device: &Device,
    ) -> Result<Self, EmbedError> {
        let vb = VarBuilder::from_tensors(tensors, DType::F32, device);
        let model = match cfg.architecture {
            Architecture::Bert => {
                // candle's BERT calls the tanh approximation "geluapproximate"
                let mut value: serde_json::Value = serde_json::from_str(config_json)
                    .map_err(|e| EmbedError::Model(format!("config.json: {e}")))?;
                if cfg.activation == Activation::GeluTanh {
                    value["hidden_act"] = serde_json::json!("geluapproximate");
                }
                let c: bert::Config = serde_json::from_value(value)
                    .map_err(|e| EmbedError::Model(format!("config.json (bert): {e}")))?;
                Model::Bert(bert::BertModel::load(vb, &c).map_err(model_err)?)
            }
            Architecture::XlmRoberta => {
                let c: xlm_roberta::Config = serde_json::from_str(config_json)
                    .map_err(|e| EmbedError::Model(format!("config.json (xlm-roberta): {e}")))?;
                let vb = if vb.contains_tensor("roberta.embeddings.word_embeddings.weight") {
                    vb.pp("roberta")
                } else {
                    vb
                };
                Model::XlmRoberta(xlm_roberta::XLMRobertaModel::new(&c, vb).map_err(model_err)?)
            }
            Architecture::Gemma3 => {
                return Err(EmbedError::Model(
                    "gemma3_text runs on its own encoder, not candle's BERT models".into(),
                ));
            }
        };
        Ok(CandleEncoder {
            model,
            device: device.clone(),
            pad_id: cfg.pad_token_id as u32,
        })
    }

    /// Mean-pooled (over real tokens only), L2-normalised embeddings.
    pub fn embed(&self, seqs: &[Vec<u32>]) -> Result<Vec<Vec<f32>>, EmbedError> {
        self.embed_inner(seqs).map_err(model_err)
    }

    fn embed_inner(&self, seqs: &[Vec<u32>]) -> candle_core::Result<Vec<Vec<f32>>> {
        let b = seqs.len();
        let longest = seqs.iter().map(Vec::len).max().unwrap_or(0);
        if b == 0 || longest == 0 {
            return Ok(Vec::new());
        }
        let mut ids = vec![self.pad_id; b * longest];
        let mut mask = vec![0u32; b * longest];
        for (i, s) in seqs.iter().enumerate() {
            ids[i * longest..i * longest + s.len()].copy_from_slice(s);
            mask[i * longest..i * longest + s.len()].fill(1);
        }
        let ids = Tensor::from_vec(ids, (b, longest), &self.device)?;
        let mask = Tensor::from_vec(mask, (b, longest), &self.device)?;
        let types = ids.zeros_like()?;
        let hidden = match &self.model {
            Model::Bert(m) => m.forward(&ids, &types, Some(&mask))?,
            Model::XlmRoberta(m) => m.forward(&ids, &mask, &types, None, None, None)?,
        };
        let maskf = mask.to_dtype(DType::F32)?.unsqueeze(2)?; // [b, len, 1]
        unit_rows(&masked_mean(&hidden, &maskf)?)
    }
}

/// The mean of `hidden` `[b, len, h]` over the positions where `mask` `[b, len, 1]` is 1.
pub(crate) fn masked_mean(hidden: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
    let summed = hidden.broadcast_mul(mask)?.sum(1)?; // [b, h]
    summed.broadcast_div(&mask.sum(1)?)
}

/// The rows of `v` `[b, h]` scaled to unit length, on the CPU.
pub(crate) fn unit_rows(v: &Tensor) -> candle_core::Result<Vec<Vec<f32>>> {
    let norm = v.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12, f64::MAX)?;
    v.broadcast_div(&norm)?
        .to_device(&Device::Cpu)?
        .to_vec2::<f32>()
}
