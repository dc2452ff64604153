//! EmbeddingGemma (a Gemma 3 encoder with bidirectional attention) as a sentence
//! embedder: the sentence-transformers pipeline of its folder — Gemma 3 text model, mean
//! pooling, two bias-free dense layers (768 → 3072 → 768), L2 normalisation — on candle's
//! ops, padded batches.
//!
//! The Gemma 3 specifics, as the reference implementation has them:
//! * token embeddings scaled by √hidden;
//! * RMSNorm with weight `1 + w`, before and after attention and feed-forward, and on each
//!   head's queries and keys;
//! * rotary positions with base 10,000 in sliding-window layers and 1,000,000 in full ones;
//! * one key/value head shared by all query heads; scores scaled by
//!   `query_pre_attn_scalar^-½`;
//! * feed-forward `down(gelu_tanh(gate(x)) · up(x))`.
//!
//! Inputs are cut at [`MAX_SEQUENCE_LENGTH`](crate::config::MAX_SEQUENCE_LENGTH) = 512
//! tokens, which is the sliding window: within it a bidirectional sliding-window layer sees
//! every token, so only padding is masked.

use crate::candle_engine::{masked_mean, unit_rows};
use crate::config::ModelConfig;
use crate::lean::model_err;
use candle_core::{DType, Device, Module, Tensor};
use candle_nn::{Linear, VarBuilder};
use lotse_core::EmbedError;
use std::collections::HashMap;
use std::path::Path;

/// What Gemma 3 adds to the common encoder settings.
#[derive(Debug, Clone, PartialEq)]
pub struct GemmaParams {
    pub head_dim: usize,
    pub num_kv_heads: usize,
    pub rms_norm_eps: f64,
    pub rope_theta: f64,
    pub rope_local_theta: f64,
    pub query_pre_attn_scalar: f64,
    /// Per layer: whether it attends within a sliding window (else to all tokens).
    pub sliding: Vec<bool>,
    pub sliding_window: usize,
}

struct Layer {
    input_norm: Tensor,
    q: Linear,
    k: Linear,
    v: Linear,
    o: Linear,
    q_norm: Tensor,
    k_norm: Tensor,
    post_attention_norm: Tensor,
    pre_feedforward_norm: Tensor,
    gate: Linear,
    up: Linear,
    down: Linear,
    post_feedforward_norm: Tensor,
    sliding: bool,
}

/// The model and its dense head, on one device.
pub struct GemmaEncoder {
    embed: Tensor,
    layers: Vec<Layer>,
    norm: Tensor,
    dense: Vec<Linear>,
    /// cos/sin tables `[max_len, head_dim / 2]` for the local and the global base.
    rope_local: (Tensor, Tensor),
    rope_global: (Tensor, Tensor),
    hidden: usize,
    heads: usize,
    head_dim: usize,
    eps: f32,
    scale: f64,
    pad_id: u32,
    device: Device,
}

/// Gemma's RMSNorm multiplies by `1 + w`; folded once at load time.
fn norm_weight(vb: &VarBuilder, name: &str, size: usize) -> candle_core::Result<Tensor> {
    vb.get(size, name)? + 1.0
}

fn rope_tables(
    theta: f64,
    head_dim: usize,
    max_len: usize,
    device: &Device,
) -> candle_core::Result<(Tensor, Tensor)> {
    let inv: Vec<f32> = (0..head_dim / 2)
        .map(|i| (1.0 / theta.powf(2.0 * i as f64 / head_dim as f64)) as f32)
        .collect();
    let inv = Tensor::from_vec(inv, (1, head_dim / 2), device)?;
    let positions = Tensor::arange(0u32, max_len as u32, device)?
        .to_dtype(DType::F32)?
        .reshape((max_len, 1))?;
    let freqs = positions.broadcast_mul(&inv)?;
    Ok((freqs.cos()?, freqs.sin()?))
}

/// Reads a sentence-transformers `Dense` layer (`<dir>/model.safetensors`, `linear.weight`).
fn dense_layer(dir: &Path, device: &Device) -> Result<Linear, EmbedError> {
    let path = dir.join("model.safetensors");
    let bytes =
        std::fs::read(&path).map_err(|e| EmbedError::Model(format!("{}: {e}", path.display())))?;
    let tensors = candle_core::safetensors::load_buffer(&bytes, device).map_err(model_err)?;
    let weight = tensors
        .get("linear.weight")
        .ok_or_else(|| EmbedError::Model(format!("{}: no linear.weight", path.display())))?
        .to_dtype(DType::F32)
        .map_err(model_err)?;
    Ok(Linear::new(weight, None))
}

impl GemmaEncoder {
    /// The model from `tensors` (its `model.safetensors`) and the dense layers named in
    /// the folder's `modules.json` (`2_Dense`, `3_Dense`).
    pub fn new(
        cfg: &ModelConfig,
        params: &GemmaParams,
        tensors: HashMap<String, Tensor>,
        dir: &Path,
        dense_dirs: &[String],
        device: &Device,
    ) -> Result<Self, EmbedError> {
        if params.num_kv_heads != 1 {
            return Err(EmbedError::Model(format!(
                "config.json: num_key_value_heads {} is not supported (1)",
                params.num_kv_heads
            )));
        }
        let dense = dense_dirs
            .iter()
            .map(|d| dense_layer(&dir.join(d), device))
            .collect::<Result<Vec<_>, _>>()?;
        Self::load(cfg, params, tensors, dense, device).map_err(model_err)
    }

    fn load(
        cfg: &ModelConfig,
        params: &GemmaParams,
        tensors: HashMap<String, Tensor>,
        dense: Vec<Linear>,
        device: &Device,
    ) -> candle_core::Result<Self> {
        let vb = VarBuilder::from_tensors(tensors, DType::F32, device);
        let vb = if vb.contains_tensor("model.embed_tokens.weight") {
            vb.pp("model")
        } else {
            vb
        };
        let hidden = cfg.hidden_size;
        let heads = cfg.num_heads;
        let hd = params.head_dim;
        let kv = params.num_kv_heads;
        let linear = |vb: VarBuilder, i: usize, o: usize| candle_nn::linear_no_bias(i, o, vb);
        let mut layers = Vec::with_capacity(cfg.num_layers);
        for l in 0..cfg.num_layers {
            let vb = vb.pp(format!("layers.{l}"));
            let attn = vb.pp("self_attn");
            let mlp = vb.pp("mlp");
            layers.push(Layer {
                input_norm: norm_weight(&vb, "input_layernorm.weight", hidden)?,
                q: linear(attn.pp("q_proj"), hidden, heads * hd)?,
                k: linear(attn.pp("k_proj"), hidden, kv * hd)?,
                v: linear(attn.pp("v_proj"), hidden, kv * hd)?,
                o: linear(attn.pp("o_proj"), heads * hd, hidden)?,
                q_norm: norm_weight(&attn, "q_norm.weight", hd)?,
                k_norm: norm_weight(&attn, "k_norm.weight", hd)?,
                post_attention_norm: norm_weight(&vb, "post_attention_layernorm.weight", hidden)?,
                pre_feedforward_norm: norm_weight(&vb, "pre_feedforward_layernorm.weight", hidden)?,
                gate: linear(mlp.pp("gate_proj"), hidden, cfg.intermediate_size)?,
                up: linear(mlp.pp("up_proj"), hidden, cfg.intermediate_size)?,
                down: linear(mlp.pp("down_proj"), cfg.intermediate_size, hidden)?,
                post_feedforward_norm: norm_weight(
                    &vb,
                    "post_feedforward_layernorm.weight",
                    hidden,
                )?,
                sliding: params.sliding.get(l).copied().unwrap_or(false),
            });
        }
        let max_len = crate::config::MAX_SEQUENCE_LENGTH;
        Ok(GemmaEncoder {
            embed: vb.get((cfg.vocab_size, hidden), "embed_tokens.weight")?,
            layers,
            norm: norm_weight(&vb, "norm.weight", hidden)?,
            dense,
            rope_local: rope_tables(params.rope_local_theta, hd, max_len, device)?,
            rope_global: rope_tables(params.rope_theta, hd, max_len, device)?,
            hidden,
            heads,
            head_dim: hd,
            eps: params.rms_norm_eps as f32,
            scale: params.query_pre_attn_scalar.powf(-0.5),
            pad_id: cfg.pad_token_id as u32,
            device: device.clone(),
        })
    }

    /// Mean-pooled, projected, L2-normalised embeddings of token sequences.
    pub fn embed(&self, seqs: &[Vec<u32>]) -> Result<Vec<Vec<f32>>, EmbedError> {
        self.embed_inner(seqs).map_err(model_err)
    }

    fn embed_inner(&self, seqs: &[Vec<u32>]) -> candle_core::Result<Vec<Vec<f32>>> {
        let b = seqs.len();
        let t = seqs.iter().map(Vec::len).max().unwrap_or(0);
        if b == 0 || t == 0 {
            return Ok(Vec::new());
        }
        let mut ids = vec![self.pad_id; b * t];
        let mut keep = vec![0f32; b * t];
        let mut bias = vec![f32::NEG_INFINITY; b * t];
        for (i, s) in seqs.iter().enumerate() {
            ids[i * t..i * t + s.len()].copy_from_slice(s);
            keep[i * t..i * t + s.len()].fill(1.0);
            bias[i * t..i * t + s.len()].fill(0.0);
        }
        let ids = Tensor::from_vec(ids, b * t, &self.device)?;
        // padded keys get −∞ before the softmax: [b, 1, t] against scores [b, heads·t, t]
        let key_bias = Tensor::from_vec(bias, (b, 1, t), &self.device)?;
        let mut x = (self.embed.index_select(&ids, 0)? * (self.hidden as f64).sqrt())?
            .reshape((b, t, self.hidden))?;
        let local = (
            self.rope_local.0.narrow(0, 0, t)?,
            self.rope_local.1.narrow(0, 0, t)?,
        );
        let global = (
            self.rope_global.0.narrow(0, 0, t)?,
            self.rope_global.1.narrow(0, 0, t)?,
        );
        for layer in &self.layers {
            let rope = if layer.sliding { &local } else { &global };
            x = self.layer(layer, &x, &key_bias, rope, (b, t))?;
        }
        let x = candle_nn::ops::rms_norm(&x, &self.norm, self.eps)?;
        let keep = Tensor::from_vec(keep, (b, t, 1), &self.device)?;
        let mut v = masked_mean(&x, &keep)?;
        for dense in &self.dense {
            v = dense.forward(&v)?;
        }
        unit_rows(&v)
    }

    fn layer(
        &self,
        l: &Layer,
        x: &Tensor,
        key_bias: &Tensor,
        (cos, sin): &(Tensor, Tensor),
        (b, t): (usize, usize),
    ) -> candle_core::Result<Tensor> {
        let (h, hd) = (self.heads, self.head_dim);
        let normed = candle_nn::ops::rms_norm(x, &l.input_norm, self.eps)?;
        // queries [b, h, t, hd]; the one key/value head [b, 1, t, hd]
        let q = l.q.forward(&normed)?.reshape((b, t, h, hd))?;
        let q = candle_nn::ops::rms_norm(&q, &l.q_norm, self.eps)?
            .transpose(1, 2)?
            .contiguous()?;
        let k = l.k.forward(&normed)?.reshape((b, t, 1, hd))?;
        let k = candle_nn::ops::rms_norm(&k, &l.k_norm, self.eps)?
            .transpose(1, 2)?
            .contiguous()?;
        let v = l.v.forward(&normed)?.reshape((b, t, hd))?;
        let q = (candle_nn::rotary_emb::rope(&q, cos, sin)? * self.scale)?;
        let k = candle_nn::rotary_emb::rope(&k, cos, sin)?.reshape((b, t, hd))?;
        // all heads against the shared key: [b, h·t, hd] × [b, hd, t]
        let q = q.reshape((b, h * t, hd))?;
        let scores = q.matmul(&k.t()?)?.broadcast_add(key_bias)?;
        let probs = candle_nn::ops::softmax_last_dim(&scores)?;
        let attended = probs
            .matmul(&v)? // [b, h·t, hd]
            .reshape((b, h, t, hd))?
            .transpose(1, 2)?
            .reshape((b, t, h * hd))?;
        let out = l.o.forward(&attended)?;
        let out = candle_nn::ops::rms_norm(&out, &l.post_attention_norm, self.eps)?;
        let x = (x + out)?;
        let normed = candle_nn::ops::rms_norm(&x, &l.pre_feedforward_norm, self.eps)?;
        let ff = (l.gate.forward(&normed)?.gelu()? * l.up.forward(&normed)?)?;
        let ff = l.down.forward(&ff)?;
        let ff = candle_nn::ops::rms_norm(&ff, &l.post_feedforward_norm, self.eps)?;
        x + ff
    }
}
