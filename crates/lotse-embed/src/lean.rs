//! The CPU encoder: a lean BERT / XLM-R forward pass on candle tensors.
//!
//! Why not `candle_transformers::models::bert::BertModel` on the CPU: measured on a 2-core
//! AVX-512 machine it spends most of its time outside the matrix products (separate Q/K/V
//! products, bias and residual adds as separate passes, scalar `erf` in GELU, `contiguous()`
//! copies of every attention head, a padded `[batch, len, len]` mask, softmax over padding),
//! and bigger batches got *slower*. This encoder keeps candle's matrix product (the `gemm`
//! crate) and does everything else in fused, vectorised passes:
//!
//! * **Packed sequences.** The tokens of all texts in a batch are stacked into one
//!   `[tokens, hidden]` matrix; the dense layers never see padding. Attention runs per text
//!   on strided views of the fused QKV matrix, so there is no mask and no padded softmax.
//! * **Fused QKV** with `1/√d` folded into the query weights at load time; weights are
//!   stored pre-transposed (`[in, out]`, contiguous).
//! * **Fused element-wise steps** (in place, through candle's `InplaceOp` hooks):
//!   bias + GELU, bias + residual + LayerNorm, softmax, with a rational `erf` and a
//!   polynomial `exp` that LLVM vectorises (FMA where the target has it). The softmax
//!   division is applied to `probabilities · V` (`len × 32` per head) rather than to the
//!   `len × len` probabilities.
//!
//! It needs the CPU backend (the custom ops have no GPU kernels); on CUDA/Metal lotse runs
//! candle's own model implementations instead.

use crate::config::{Activation, ModelConfig};
use crate::kernels;
use candle_core::{CpuStorage, DType, Device, InplaceOp1, InplaceOp2, Layout, Tensor};
use lotse_core::EmbedError;
use std::cell::RefCell;
use std::collections::HashMap;

/// Runs `f` on the contiguous `f32` data of a tensor, in place.
struct RowsOp<F: Fn(&mut [f32])> {
    name: &'static str,
    f: F,
}

impl<F: Fn(&mut [f32])> InplaceOp1 for RowsOp<F> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn cpu_fwd(&self, storage: &mut CpuStorage, layout: &Layout) -> candle_core::Result<()> {
        let CpuStorage::F32(data) = storage else {
            candle_core::bail!("{}: expected f32 data", self.name)
        };
        let Some((start, end)) = layout.contiguous_offsets() else {
            candle_core::bail!("{}: expected a contiguous tensor", self.name)
        };
        (self.f)(&mut data[start..end]);
        Ok(())
    }
}

/// Runs `f(dst, src)` on the contiguous `f32` data of two tensors, writing `dst` in place.
struct RowsOp2<F: Fn(&mut [f32], &[f32])> {
    name: &'static str,
    f: F,
}

impl<F: Fn(&mut [f32], &[f32])> InplaceOp2 for RowsOp2<F> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn cpu_fwd(
        &self,
        dst: &mut CpuStorage,
        dst_l: &Layout,
        src: &CpuStorage,
        src_l: &Layout,
    ) -> candle_core::Result<()> {
        let (CpuStorage::F32(d), CpuStorage::F32(s)) = (dst, src) else {
            candle_core::bail!("{}: expected f32 data", self.name)
        };
        let (Some((d0, d1)), Some((s0, s1))) =
            (dst_l.contiguous_offsets(), src_l.contiguous_offsets())
        else {
            candle_core::bail!("{}: expected contiguous tensors", self.name)
        };
        (self.f)(&mut d[d0..d1], &s[s0..s1]);
        Ok(())
    }
}

fn apply(t: &Tensor, name: &'static str, f: impl Fn(&mut [f32])) -> candle_core::Result<()> {
    t.inplace_op1(&RowsOp { name, f })
}

fn apply2(
    t: &Tensor,
    src: &Tensor,
    name: &'static str,
    f: impl Fn(&mut [f32], &[f32]),
) -> candle_core::Result<()> {
    t.inplace_op2(src, &RowsOp2 { name, f })
}

#[derive(Debug)]
struct Norm {
    gamma: Vec<f32>,
    beta: Vec<f32>,
}

#[derive(Debug)]
struct Layer {
    /// `[hidden, 3·hidden]`: query (scaled by 1/√d) | key | value.
    wqkv: Tensor,
    bqkv: Vec<f32>,
    /// `[hidden, hidden]`
    wo: Tensor,
    bo: Vec<f32>,
    attn_norm: Norm,
    /// `[hidden, intermediate]`
    w1: Tensor,
    b1: Vec<f32>,
    /// `[intermediate, hidden]`
    w2: Tensor,
    b2: Vec<f32>,
    out_norm: Norm,
}

/// A BERT-family encoder for the CPU, see the module docs.
#[derive(Debug)]
pub struct LeanEncoder {
    cfg: ModelConfig,
    eps: f32,
    /// `[vocab, hidden]`
    word: Tensor,
    /// `[max_positions, hidden]`, row-major
    positions: Vec<f32>,
    /// Token type 0 (sentence embedders use no other).
    type0: Vec<f32>,
    emb_norm: Norm,
    layers: Vec<Layer>,
    /// Int8 copies of the layers' weights for queries, where the CPU has AVX-512.
    int8: Option<Int8Queries>,
    /// Int8 × int8 copies of the layers' weights for passages, where the CPU has VNNI.
    vnni: Option<Int8Passages>,
}

/// The int8 query path ([`crate::int8`]): per layer QKV, output, FFN up, FFN down.
#[derive(Debug)]
struct Int8Queries {
    #[cfg(target_arch = "x86_64")]
    simd: pulp::x86::V4,
    #[cfg(target_arch = "x86_64")]
    layers: Vec<[crate::int8::Int8Matrix; 4]>,
    /// A query's products split their rows between the threads of this pool.
    pool: rayon::ThreadPool,
}

/// The int8 × int8 passage path ([`crate::vnni`]): per layer QKV, output, FFN up, FFN down.
/// Its products run on the calling worker's rayon pool.
#[derive(Debug)]
struct Int8Passages {
    #[cfg(target_arch = "x86_64")]
    simd: pulp::x86::V4Vnni,
    #[cfg(target_arch = "x86_64")]
    layers: Vec<[crate::vnni::VnniMatrix; 4]>,
}

/// Which products a forward pass runs.
#[derive(Clone, Copy)]
enum Products<'a> {
    F32,
    Int8Queries(&'a Int8Queries),
    Int8Passages(&'a Int8Passages),
    /// f32, recording each product's largest |input| per channel: `[layer][product][channel]`.
    Calibrate(&'a RefCell<Vec<[Vec<f32>; 4]>>),
}

/// Inputs up to this many tokens (a query, a few queries) take the int8 path.
pub(crate) const INT8_MAX_TOKENS: usize = 64;

/// Looks tensors up under the usual checkpoint prefixes (`bert.`, `roberta.`, ...).
struct Weights {
    map: HashMap<String, Tensor>,
    prefix: String,
}

impl Weights {
    fn new(map: HashMap<String, Tensor>) -> Result<Weights, EmbedError> {
        let probe = "embeddings.word_embeddings.weight";
        let prefix = ["", "bert.", "roberta.", "xlm_roberta.", "model."]
            .into_iter()
            .find(|p| map.contains_key(&format!("{p}{probe}")))
            .ok_or_else(|| EmbedError::Model(format!("model.safetensors has no {probe}")))?;
        Ok(Weights {
            prefix: prefix.to_string(),
            map,
        })
    }

    fn tensor(&self, name: &str) -> Result<Tensor, EmbedError> {
        let key = format!("{}{name}", self.prefix);
        let t = self
            .map
            .get(&key)
            .or_else(|| {
                // old TF-converted checkpoints call LayerNorm parameters gamma/beta
                let alt = key.replace("LayerNorm.weight", "LayerNorm.gamma");
                let alt = alt.replace("LayerNorm.bias", "LayerNorm.beta");
                self.map.get(&alt)
            })
            .ok_or_else(|| EmbedError::Model(format!("model.safetensors has no {key}")))?;
        t.to_dtype(DType::F32).map_err(model_err)
    }

    fn matrix(&self, name: &str, rows: usize, cols: usize) -> Result<Tensor, EmbedError> {
        let t = self.tensor(name)?;
        if t.dims() != [rows, cols] {
            return Err(EmbedError::Model(format!(
                "{name}: shape {:?}, expected [{rows}, {cols}]",
                t.dims()
            )));
        }
        Ok(t)
    }

    fn vector(&self, name: &str, len: usize) -> Result<Vec<f32>, EmbedError> {
        let t = self.tensor(name)?;
        if t.dims() != [len] {
            return Err(EmbedError::Model(format!(
                "{name}: shape {:?}, expected [{len}]",
                t.dims()
            )));
        }
        t.to_vec1::<f32>().map_err(model_err)
    }

    fn norm(&self, name: &str, len: usize) -> Result<Norm, EmbedError> {
        Ok(Norm {
            gamma: self.vector(&format!("{name}.weight"), len)?,
            beta: self.vector(&format!("{name}.bias"), len)?,
        })
    }
}

pub(crate) fn model_err(e: candle_core::Error) -> EmbedError {
    EmbedError::Model(e.to_string())
}

/// `W` as stored (`[out, in]`) → contiguous `W^T` (`[in, out]`), optionally scaled.
fn transposed(w: &Tensor, scale: Option<f64>) -> Result<Tensor, EmbedError> {
    let w = match scale {
        Some(s) => (w * s).map_err(model_err)?,
        None => w.clone(),
    };
    w.t().and_then(|t| t.contiguous()).map_err(model_err)
}

impl LeanEncoder {
    /// Builds the encoder from the tensors of `model.safetensors` (any float dtype).
    pub fn new(cfg: &ModelConfig, tensors: HashMap<String, Tensor>) -> Result<Self, EmbedError> {
        let w = Weights::new(tensors)?;
        let h = cfg.hidden_size;
        let ff = cfg.intermediate_size;
        let word = w.tensor("embeddings.word_embeddings.weight")?;
        if word.dims().len() != 2 || word.dims()[1] != h {
            return Err(EmbedError::Model(format!(
                "word embeddings: shape {:?}, expected [vocab, {h}]",
                word.dims()
            )));
        }
        let positions = w
            .matrix(
                "embeddings.position_embeddings.weight",
                cfg.max_position_embeddings,
                h,
            )?
            .flatten_all()
            .and_then(|t| t.to_vec1::<f32>())
            .map_err(model_err)?;
        let types = w.tensor("embeddings.token_type_embeddings.weight")?;
        let type0 = types
            .get(0)
            .and_then(|t| t.to_vec1::<f32>())
            .map_err(model_err)?;
        let emb_norm = w.norm("embeddings.LayerNorm", h)?;
        let scale = 1.0 / (cfg.head_dim() as f64).sqrt();
        let mut layers = Vec::with_capacity(cfg.num_layers);
        for l in 0..cfg.num_layers {
            let p = format!("encoder.layer.{l}.");
            let q = w.matrix(&format!("{p}attention.self.query.weight"), h, h)?;
            let k = w.matrix(&format!("{p}attention.self.key.weight"), h, h)?;
            let v = w.matrix(&format!("{p}attention.self.value.weight"), h, h)?;
            let wqkv = Tensor::cat(
                &[
                    transposed(&q, Some(scale))?,
                    transposed(&k, None)?,
                    transposed(&v, None)?,
                ],
                1,
            )
            .map_err(model_err)?;
            let mut bqkv: Vec<f32> = w
                .vector(&format!("{p}attention.self.query.bias"), h)?
                .into_iter()
                .map(|b| b * scale as f32)
                .collect();
            bqkv.extend(w.vector(&format!("{p}attention.self.key.bias"), h)?);
            bqkv.extend(w.vector(&format!("{p}attention.self.value.bias"), h)?);
            layers.push(Layer {
                wqkv,
                bqkv,
                wo: transposed(
                    &w.matrix(&format!("{p}attention.output.dense.weight"), h, h)?,
                    None,
                )?,
                bo: w.vector(&format!("{p}attention.output.dense.bias"), h)?,
                attn_norm: w.norm(&format!("{p}attention.output.LayerNorm"), h)?,
                w1: transposed(
                    &w.matrix(&format!("{p}intermediate.dense.weight"), ff, h)?,
                    None,
                )?,
                b1: w.vector(&format!("{p}intermediate.dense.bias"), ff)?,
                w2: transposed(&w.matrix(&format!("{p}output.dense.weight"), h, ff)?, None)?,
                b2: w.vector(&format!("{p}output.dense.bias"), h)?,
                out_norm: w.norm(&format!("{p}output.LayerNorm"), h)?,
            });
        }
        Ok(LeanEncoder {
            cfg: cfg.clone(),
            eps: cfg.layer_norm_eps as f32,
            word,
            positions,
            type0,
            emb_norm,
            layers,
            int8: None,
            vnni: None,
        })
    }

    /// Adds int8 copies of the weights for queries (+24 MB for e5-small), run on `threads`
    /// threads; a no-op on CPUs without AVX-512. Passages keep the f32 path.
    pub fn with_int8_queries(mut self, threads: usize) -> Result<Self, EmbedError> {
        #[cfg(target_arch = "x86_64")]
        if let Some(simd) = crate::int8::avx512() {
            let Some(layers) =
                self.converted_layers(|_, _, w, k, n| crate::int8::Int8Matrix::new(w, k, n))?
            else {
                return Ok(self); // widths that are not multiples of 16: f32 only
            };
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads.max(1))
                .thread_name(|i| format!("lotse-embed-q{i}"))
                .build()
                .map_err(|e| EmbedError::Model(format!("thread pool: {e}")))?;
            self.int8 = Some(Int8Queries { simd, layers, pool });
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = threads;
        Ok(self)
    }

    /// Every layer's four weight matrices (in [`Self::product`]'s order: QKV, output, FFN up,
    /// FFN down) through `convert(layer, which, w, K, N)`; `None` where it refuses one.
    #[cfg(target_arch = "x86_64")]
    fn converted_layers<M>(
        &self,
        mut convert: impl FnMut(usize, usize, &[f32], usize, usize) -> Option<M>,
    ) -> Result<Option<Vec<[M; 4]>>, EmbedError> {
        let mut layers = Vec::with_capacity(self.layers.len());
        for (i, l) in self.layers.iter().enumerate() {
            let mut matrices = Vec::with_capacity(4);
            for (which, w) in [&l.wqkv, &l.wo, &l.w1, &l.w2].into_iter().enumerate() {
                let (k, n) = w.dims2().map_err(model_err)?;
                let data = w
                    .flatten_all()
                    .and_then(|t| t.to_vec1::<f32>())
                    .map_err(model_err)?;
                let Some(m) = convert(i, which, &data, k, n) else {
                    return Ok(None);
                };
                matrices.push(m);
            }
            let Ok(matrices) = <[M; 4]>::try_from(matrices) else {
                return Ok(None);
            };
            layers.push(matrices);
        }
        Ok(Some(layers))
    }

    /// Whether queries take the int8 path.
    pub fn has_int8_queries(&self) -> bool {
        self.int8.is_some()
    }

    /// Adds int8 × int8 copies of the weights for passages (+21 MB for e5-small), smoothed
    /// for the activations that `calibration` (token sequences of typical passages) produces
    /// in f32 (see [`crate::vnni`]); a no-op on CPUs without AVX512-VNNI. Queries keep their
    /// path (f32 or weight-only int8).
    pub fn with_int8_passages(mut self, calibration: &[Vec<u32>]) -> Result<Self, EmbedError> {
        #[cfg(target_arch = "x86_64")]
        if let Some(simd) = crate::vnni::avx512_vnni() {
            let stats = RefCell::new(vec![<[Vec<f32>; 4]>::default(); self.layers.len()]);
            if calibration.iter().any(|s| !s.is_empty()) {
                self.encode(calibration, Products::Calibrate(&stats))
                    .map_err(model_err)?;
            }
            let stats = stats.into_inner();
            let Some(layers) = self.converted_layers(|layer, which, w, k, n| {
                let input_max = &stats[layer][which];
                let input_max = (input_max.len() == k).then_some(input_max.as_slice());
                crate::vnni::VnniMatrix::new(w, k, n, input_max)
            })?
            else {
                return Ok(self); // widths that are not multiples of 16: f32 only
            };
            self.vnni = Some(Int8Passages { simd, layers });
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = calibration;
        Ok(self)
    }

    /// Whether passages take the int8 × int8 path.
    pub fn has_int8_passages(&self) -> bool {
        self.vnni.is_some()
    }

    /// Mean-pooled, L2-normalised embeddings of token sequences (special tokens included).
    /// `queries`: short inputs may take the int8 path where it was set up.
    pub fn embed(&self, seqs: &[Vec<u32>], queries: bool) -> Result<Vec<Vec<f32>>, EmbedError> {
        let h = self.cfg.hidden_size;
        if seqs.iter().all(Vec::is_empty) {
            return Ok(vec![vec![0.0; h]; seqs.len()]);
        }
        let tokens: usize = seqs.iter().map(Vec::len).sum();
        let products = match (&self.int8, &self.vnni) {
            (Some(q), _) if queries && tokens <= INT8_MAX_TOKENS => Products::Int8Queries(q),
            (_, Some(p)) if !queries => Products::Int8Passages(p),
            _ => Products::F32,
        };
        let x = self.encode(seqs, products).map_err(model_err)?;
        let data = x
            .flatten_all()
            .and_then(|t| t.to_vec1::<f32>())
            .map_err(model_err)?;
        let mut out = Vec::with_capacity(seqs.len());
        let mut row = 0;
        for s in seqs {
            let mut v = kernels::mean_rows(&data[row * h..(row + s.len()) * h], h);
            kernels::l2_normalize(&mut v);
            out.push(v);
            row += s.len();
        }
        Ok(out)
    }

    /// Last hidden states of all tokens, packed: `[Σ len, hidden]`.
    fn encode(&self, seqs: &[Vec<u32>], products: Products) -> candle_core::Result<Tensor> {
        let h = self.cfg.hidden_size;
        let lens: Vec<usize> = seqs.iter().map(Vec::len).collect();
        let total: usize = lens.iter().sum();
        let max_pos = self.cfg.max_position_embeddings;
        let offset = self.cfg.position_offset();
        if let Some(&longest) = lens.iter().max()
            && longest + offset > max_pos
        {
            candle_core::bail!(
                "sequence of {longest} tokens exceeds the model's {max_pos} positions"
            )
        }
        let ids: Vec<u32> = seqs.iter().flatten().copied().collect();
        let ids = Tensor::from_vec(ids, total, &Device::Cpu)?;
        let mut x = self
            .word
            .index_select(&ids, 0)?
            .flatten_all()?
            .to_vec1::<f32>()?;
        let mut rows = x.chunks_exact_mut(h);
        for &len in &lens {
            for p in 0..len {
                let Some(row) = rows.next() else { break };
                let pos = &self.positions[(p + offset) * h..(p + offset + 1) * h];
                for ((v, a), b) in row.iter_mut().zip(pos).zip(&self.type0) {
                    *v += a + b;
                }
                kernels::layer_norm_row(row, &self.emb_norm.gamma, &self.emb_norm.beta, self.eps);
            }
        }
        let mut x = Tensor::from_vec(x, (total, h), &Device::Cpu)?;
        for (i, layer) in self.layers.iter().enumerate() {
            x = self.layer(layer, &x, &lens, products, i)?;
        }
        Ok(x)
    }

    /// `x · w`, or through the int8 copy `which` (0 QKV, 1 output, 2 FFN up, 3 FFN down) of
    /// `layer`.
    fn product(
        &self,
        x: &Tensor,
        w: &Tensor,
        products: Products,
        layer: usize,
        which: usize,
    ) -> candle_core::Result<Tensor> {
        #[cfg(target_arch = "x86_64")]
        {
            let (m, _) = x.dims2()?;
            let run = |columns: usize, f: &dyn Fn(&[f32], &mut [f32])| {
                let xs = x.flatten_all()?.to_vec1::<f32>()?;
                let mut out = vec![0f32; m * columns];
                f(&xs, &mut out);
                Tensor::from_vec(out, (m, columns), &Device::Cpu)
            };
            match products {
                Products::Int8Queries(q) => {
                    let matrix = &q.layers[layer][which];
                    return run(matrix.columns(), &|xs, out| {
                        matrix.product(q.simd, xs, m, out, Some(&q.pool))
                    });
                }
                Products::Int8Passages(p) => {
                    let matrix = &p.layers[layer][which];
                    return run(matrix.columns(), &|xs, out| {
                        matrix.product(p.simd, xs, m, out)
                    });
                }
                Products::F32 | Products::Calibrate(_) => {}
            }
        }
        if let Products::Calibrate(stats) = products {
            let (_, k) = x.dims2()?;
            let xs = x.flatten_all()?.to_vec1::<f32>()?;
            let mut stats = stats.borrow_mut();
            let max = &mut stats[layer][which];
            max.resize(k, 0.0);
            for row in xs.chunks_exact(k) {
                for (m, v) in max.iter_mut().zip(row) {
                    *m = m.max(v.abs());
                }
            }
        }
        x.matmul(w)
    }

    fn layer(
        &self,
        l: &Layer,
        x: &Tensor,
        lens: &[usize],
        products: Products,
        index: usize,
    ) -> candle_core::Result<Tensor> {
        let cfg = &self.cfg;
        let (h, nh, dh) = (cfg.hidden_size, cfg.num_heads, cfg.head_dim());
        let eps = self.eps;
        let total: usize = lens.iter().sum();

        let qkv = self.product(x, &l.wqkv, products, index, 0)?;
        apply(&qkv, "bias", |v| kernels::add_bias(v, &l.bqkv))?;
        let mut parts = Vec::with_capacity(lens.len());
        let mut start = 0;
        for &len in lens.iter().filter(|&&len| len > 0) {
            let s = qkv.narrow(0, start, len)?.reshape((len, 3, nh, dh))?;
            let q = s.narrow(1, 0, 1)?.squeeze(1)?.transpose(0, 1)?; // [nh, len, dh]
            let k = s.narrow(1, 1, 1)?.squeeze(1)?.transpose(0, 1)?;
            let v = s.narrow(1, 2, 1)?.squeeze(1)?.transpose(0, 1)?;
            let scores = q.matmul(&k.t()?)?; // [nh, len, len]
            let inv_sums = RefCell::new(Vec::new());
            apply(&scores, "softmax", |d| {
                kernels::softmax_rows_unnormalised(d, len, &mut inv_sums.borrow_mut())
            })?;
            let ctx = scores.matmul(&v)?; // [nh, len, dh]
            drop(scores);
            apply(&ctx, "softmax_divide", |d| {
                kernels::scale_rows(d, &inv_sums.borrow())
            })?;
            parts.push(ctx.transpose(0, 1)?); // [len, nh, dh]
            start += len;
        }
        let ctx = Tensor::cat(&parts, 0)?.reshape((total, h))?;
        drop(parts);

        let a = self.product(&ctx, &l.wo, products, index, 1)?;
        apply2(&a, x, "bias_residual_layer_norm", |d, r| {
            kernels::bias_residual_layer_norm(
                d,
                r,
                &l.bo,
                &l.attn_norm.gamma,
                &l.attn_norm.beta,
                eps,
            )
        })?;
        let f = self.product(&a, &l.w1, products, index, 2)?;
        match cfg.activation {
            Activation::GeluErf => apply(&f, "bias_gelu", |d| kernels::bias_gelu_erf(d, &l.b1))?,
            Activation::GeluTanh => {
                apply(&f, "bias_gelu_tanh", |d| kernels::bias_gelu_tanh(d, &l.b1))?
            }
            Activation::Relu => apply(&f, "bias_relu", |d| kernels::bias_relu(d, &l.b1))?,
        }
        let o = self.product(&f, &l.w2, products, index, 3)?;
        apply2(&o, &a, "bias_residual_layer_norm", |d, r| {
            kernels::bias_residual_layer_norm(d, r, &l.b2, &l.out_norm.gamma, &l.out_norm.beta, eps)
        })?;
        Ok(o)
    }
}
