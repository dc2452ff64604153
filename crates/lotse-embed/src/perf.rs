//! Figures for benchmarks (`benches/embed.rs`, `lotse bench`): the machine's SGEMM rate with
//! candle's own matrix product, and the arithmetic cost of a forward pass, so throughput can
//! be reported as a fraction of what the hardware can do.

use crate::config::ModelConfig;
use candle_core::{Device, Tensor};
use lotse_core::EmbedError;
use std::time::Instant;

/// GFLOP/s of an `n × n × n` f32 matrix product through candle on `threads` threads
/// (best of several runs of at least `min_seconds` in total).
pub fn sgemm_gflops(n: usize, threads: usize, min_seconds: f64) -> Result<f64, EmbedError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .map_err(|e| EmbedError::Model(format!("thread pool: {e}")))?;
    pool.install(|| {
        let err = crate::lean::model_err;
        let a = Tensor::ones((n, n), candle_core::DType::F32, &Device::Cpu).map_err(err)?;
        let b = (a.clone() * 0.5).map_err(err)?;
        let flops = 2.0 * (n as f64).powi(3);
        let mut best = f64::MAX;
        let started = Instant::now();
        let mut runs = 0;
        while runs < 3 || started.elapsed().as_secs_f64() < min_seconds {
            let t = Instant::now();
            let c = a.matmul(&b).map_err(err)?;
            best = best.min(t.elapsed().as_secs_f64());
            drop(c);
            runs += 1;
        }
        Ok(flops / best / 1e9)
    })
}

/// Floating-point operations of one forward pass over sequences of the given lengths:
/// `2 × (linear-layer weights) × tokens` plus `4 × len² × hidden` per layer for attention
/// (scores and context). Embedding lookups, LayerNorm, GELU and softmax are not counted.
pub fn forward_flops(cfg: &ModelConfig, lengths: &[usize]) -> f64 {
    let h = cfg.hidden_size as f64;
    let ff = cfg.intermediate_size as f64;
    // widths of all query heads and of the key/value heads; Gemma's feed-forward is gated
    // (three matrices), BERT's is not (two)
    let (q, kv, ff_matrices) = match &cfg.gemma {
        Some(g) => (
            (cfg.num_heads * g.head_dim) as f64,
            (g.num_kv_heads * g.head_dim) as f64,
            3.0,
        ),
        None => (h, h, 2.0),
    };
    let per_token_per_layer = 2.0 * (2.0 * h * q + 2.0 * h * kv + ff_matrices * h * ff);
    let layers = cfg.num_layers as f64;
    lengths
        .iter()
        .map(|&l| {
            let l = l as f64;
            layers * (per_token_per_layer * l + 4.0 * l * l * q)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e5_small_costs_about_42_mflop_per_token_plus_attention() {
        let cfg = ModelConfig::from_json(
            r#"{"model_type":"bert","hidden_size":384,"num_hidden_layers":12,
            "num_attention_heads":12,"intermediate_size":1536,"max_position_embeddings":512,
            "vocab_size":250037}"#,
        )
        .unwrap();
        let one = forward_flops(&cfg, &[1]);
        assert!((one / 1e6 - 42.47).abs() < 0.1, "{one}");
        let f = forward_flops(&cfg, &[270]) / 270.0 / 1e6;
        assert!(f > 47.0 && f < 48.0, "{f}");
    }

    #[test]
    fn embeddinggemma_costs_about_203_mflop_per_token() {
        // one key/value head of 256, three query heads, a gated feed-forward of 1152
        let cfg = ModelConfig::from_json(
            r#"{"model_type":"gemma3_text","hidden_size":768,"num_hidden_layers":2,
            "num_attention_heads":3,"num_key_value_heads":1,"head_dim":256,
            "intermediate_size":1152,"hidden_activation":"gelu_pytorch_tanh",
            "max_position_embeddings":2048,"rms_norm_eps":1e-6,"rope_theta":1000000.0,
            "rope_local_base_freq":10000.0,"query_pre_attn_scalar":256,"sliding_window":512,
            "layer_types":["sliding_attention","full_attention"],
            "use_bidirectional_attention":true,"vocab_size":262144}"#,
        )
        .unwrap();
        let per_layer = forward_flops(&cfg, &[1]) / 2.0;
        assert!((per_layer * 24.0 / 1e6 - 202.9).abs() < 0.5, "{per_layer}");
    }
}
