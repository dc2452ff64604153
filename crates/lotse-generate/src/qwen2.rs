//! A lean Qwen2 forward pass for the CPU, on candle's quantized matrix products.
//!
//! candle-transformers' `quantized_qwen2` is correct but, on a CPU, spends most of a
//! decoding step outside the weights once the prompt is a few hundred tokens long: each
//! step re-concatenates the whole KV cache (`Tensor::cat`), copies it six times over to
//! expand the two KV heads to twelve query heads (`repeat_kv`), and runs attention as
//! small batched matrix products. Decoding slowed from ~10 to ~2.5 tokens/s between a
//! short prompt and a 1,300-token RAG prompt. Here:
//!
//! * the KV cache is one growing buffer per layer, position-major, appended in place;
//! * attention reads the shared KV head directly (grouped-query attention without copies),
//!   one task per (query position, head) on candle's own thread pool, with a numerically stable softmax;
//! * RoPE (the "half-split" variant Qwen2 uses) is applied in place on the projections;
//! * token embeddings stay quantized and are dequantized row by row (candle's
//!   `QTensor::embedding`), saving the ~0.9 GB an f32 copy of a 151,936 × 1,536 table takes;
//! * the q/k/v and gate/up projections of a decoding step share one quantized activation
//!   where candle can fuse them (`QTensor::gemv_fused_shared_lhs`, AVX-512 VNNI);
//! * a prompt's attention is matrix products per KV head (gemm), not dot products;
//! * a prompt is multiplied with a short-lived copy of each weight, so that candle's int8
//!   tiles for it are freed after the prompt instead of doubling the resident weights.
//!
//! The weights' matrix products are candle's (`QMatMul`: repacked AVX-512 VNNI / AMX tiles
//! where the CPU has them). The test `lean_qwen2_matches_candle` checks the logits against
//! candle's `quantized_qwen2` on the real model.

use candle_core::quantized::{QMatMul, QStorage, QTensor, gguf_file};
use candle_core::{Device, Module, Result, Tensor};
use std::sync::Arc;

struct Layer {
    wq: Arc<QTensor>,
    wk: Arc<QTensor>,
    wv: Arc<QTensor>,
    q: QMatMul,
    k: QMatMul,
    v: QMatMul,
    bq: Tensor,
    bk: Tensor,
    bv: Tensor,
    wo: Arc<QTensor>,
    o: QMatMul,
    attn_norm: candle_transformers::quantized_nn::RmsNorm,
    ffn_norm: candle_transformers::quantized_nn::RmsNorm,
    w_gate: Arc<QTensor>,
    w_up: Arc<QTensor>,
    gate: QMatMul,
    up: QMatMul,
    w_down: Arc<QTensor>,
    down: QMatMul,
    /// Keys of the positions seen so far: `[position][kv_head][head_dim]`.
    k_cache: Vec<f32>,
    /// Values, same layout.
    v_cache: Vec<f32>,
}

/// Qwen2 weights and the KV cache of the conversation being generated.
pub struct Qwen2 {
    /// Shared with `output` when the model ties them (one copy in memory).
    embeddings: Arc<QTensor>,
    layers: Vec<Layer>,
    norm: candle_transformers::quantized_nn::RmsNorm,
    output: QMatMul,
    n_head: usize,
    n_kv_head: usize,
    head_dim: usize,
    hidden: usize,
    /// RoPE inverse frequencies, `head_dim / 2` of them.
    inv_freq: Vec<f32>,
    /// Positions in the KV cache.
    len: usize,
}

fn md_u32(ct: &gguf_file::Content, key: &str) -> Result<usize> {
    match ct.metadata.get(key) {
        Some(v) => Ok(v.to_u32()? as usize),
        None => candle_core::bail!("GGUF metadata {key} is missing"),
    }
}

impl std::fmt::Debug for Qwen2 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Qwen2")
            .field("layers", &self.layers.len())
            .field("heads", &(self.n_head, self.n_kv_head, self.head_dim))
            .field("cached_positions", &self.len)
            .finish_non_exhaustive()
    }
}

/// Keys and values of a prompt start, kept to continue other prompts from (see
/// [`Qwen2::snapshot`]).
#[derive(Debug, Clone)]
pub struct KvSnapshot {
    len: usize,
    layers: Vec<(Vec<f32>, Vec<f32>)>,
}

impl KvSnapshot {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Qwen2 {
    pub fn from_gguf<R: std::io::Seek + std::io::Read>(
        ct: gguf_file::Content,
        reader: &mut R,
    ) -> Result<Qwen2> {
        let device = Device::Cpu;
        let n_head = md_u32(&ct, "qwen2.attention.head_count")?;
        let n_kv_head = md_u32(&ct, "qwen2.attention.head_count_kv")?;
        let hidden = md_u32(&ct, "qwen2.embedding_length")?;
        let block_count = md_u32(&ct, "qwen2.block_count")?;
        let eps = match ct.metadata.get("qwen2.attention.layer_norm_rms_epsilon") {
            Some(v) => f64::from(v.to_f32()?),
            None => 1e-6,
        };
        let theta = ct
            .metadata
            .get("qwen2.rope.freq_base")
            .and_then(|v| v.to_f32().ok())
            .unwrap_or(10_000.0);
        if n_kv_head == 0 || n_head % n_kv_head != 0 || hidden % n_head != 0 {
            candle_core::bail!("inconsistent head counts: {n_head} heads, {n_kv_head} KV heads");
        }
        let head_dim = hidden / n_head;
        let inv_freq = (0..head_dim / 2)
            .map(|i| 1.0 / theta.powf(2.0 * i as f32 / head_dim as f32))
            .collect();

        let mut tensor = |name: &str| ct.tensor(reader, name, &device);
        let embeddings = Arc::new(tensor("token_embd.weight")?);
        let norm = candle_transformers::quantized_nn::RmsNorm::from_qtensor(
            tensor("output_norm.weight")?,
            eps,
        )?;
        // Qwen2.5 ties the output projection to the embeddings in small sizes.
        let output = match tensor("output.weight") {
            Ok(t) => QMatMul::from_qtensor(t)?,
            Err(_) => QMatMul::from_arc(embeddings.clone())?,
        };
        let mut layers = Vec::with_capacity(block_count);
        for i in 0..block_count {
            let mut get = |n: &str| tensor(&format!("blk.{i}.{n}"));
            let wq = Arc::new(get("attn_q.weight")?);
            let wk = Arc::new(get("attn_k.weight")?);
            let wv = Arc::new(get("attn_v.weight")?);
            let w_gate = Arc::new(get("ffn_gate.weight")?);
            let w_up = Arc::new(get("ffn_up.weight")?);
            let bq = get("attn_q.bias")?.dequantize(&Device::Cpu)?;
            let bk = get("attn_k.bias")?.dequantize(&Device::Cpu)?;
            let bv = get("attn_v.bias")?.dequantize(&Device::Cpu)?;
            let wo = Arc::new(get("attn_output.weight")?);
            let w_down = Arc::new(get("ffn_down.weight")?);
            let attn_norm = candle_transformers::quantized_nn::RmsNorm::from_qtensor(
                get("attn_norm.weight")?,
                eps,
            )?;
            let ffn_norm = candle_transformers::quantized_nn::RmsNorm::from_qtensor(
                get("ffn_norm.weight")?,
                eps,
            )?;
            layers.push(Layer {
                q: QMatMul::from_arc(wq.clone())?,
                k: QMatMul::from_arc(wk.clone())?,
                v: QMatMul::from_arc(wv.clone())?,
                wq,
                wk,
                wv,
                bq,
                bk,
                bv,
                o: QMatMul::from_arc(wo.clone())?,
                wo,
                attn_norm,
                ffn_norm,
                gate: QMatMul::from_arc(w_gate.clone())?,
                up: QMatMul::from_arc(w_up.clone())?,
                w_gate,
                w_up,
                down: QMatMul::from_arc(w_down.clone())?,
                w_down,
                k_cache: Vec::new(),
                v_cache: Vec::new(),
            });
        }
        Ok(Qwen2 {
            embeddings,
            layers,
            norm,
            output,
            n_head,
            n_kv_head,
            head_dim,
            hidden,
            inv_freq,
            len: 0,
        })
    }

    /// Forgets the conversation (the KV cache); keeps the buffers' memory for the next one.
    pub fn clear(&mut self) {
        self.len = 0;
        for l in &mut self.layers {
            l.k_cache.clear();
            l.v_cache.clear();
        }
    }

    /// Keeps the first `len` positions of the KV cache (fewer if it holds fewer), so that a
    /// prompt starting with the same tokens continues at `len` instead of from 0.
    pub fn truncate(&mut self, len: usize) {
        let len = len.min(self.len);
        let per_position = self.n_kv_head * self.head_dim;
        for l in &mut self.layers {
            l.k_cache.truncate(len * per_position);
            l.v_cache.truncate(len * per_position);
        }
        self.len = len;
    }

    /// A copy of the keys and values of the first `len` positions.
    pub fn snapshot(&self, len: usize) -> KvSnapshot {
        let len = len.min(self.len);
        let n = len * self.n_kv_head * self.head_dim;
        KvSnapshot {
            len,
            layers: self
                .layers
                .iter()
                .map(|l| (l.k_cache[..n].to_vec(), l.v_cache[..n].to_vec()))
                .collect(),
        }
    }

    /// Replaces the KV cache with `snapshot` (taken from this model).
    pub fn restore(&mut self, snapshot: &KvSnapshot) {
        for (l, (k, v)) in self.layers.iter_mut().zip(&snapshot.layers) {
            l.k_cache.clear();
            l.k_cache.extend_from_slice(k);
            l.v_cache.clear();
            l.v_cache.extend_from_slice(v);
        }
        self.len = snapshot.len;
    }

    /// Positions in the KV cache.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Runs `ids` at positions `pos..pos + ids.len()` (`pos` must equal [`Self::len`], or be
    /// 0 to start over) and returns the logits of the last one.
    pub fn forward(&mut self, ids: &[u32], pos: usize) -> Result<Tensor> {
        if pos == 0 {
            self.clear();
        }
        if pos != self.len {
            candle_core::bail!("position {pos} does not follow the cache ({})", self.len);
        }
        let seq = ids.len();
        if seq == 0 {
            candle_core::bail!("no tokens");
        }
        let ids_t = Tensor::new(ids, &Device::Cpu)?;
        let mut x = self.embeddings.embedding(&ids_t)?; // (seq, hidden)
        let (n_head, n_kv, hd) = (self.n_head, self.n_kv_head, self.head_dim);
        for li in 0..self.layers.len() {
            let h = self.layers[li].attn_norm.forward(&x)?;
            let (q, k, v) = {
                let l = &self.layers[li];
                let [q, k, v] = projections(&h, [(&l.wq, &l.q), (&l.wk, &l.k), (&l.wv, &l.v)])?;
                (
                    q.broadcast_add(&l.bq)?,
                    k.broadcast_add(&l.bk)?,
                    v.broadcast_add(&l.bv)?,
                )
            };
            let mut q: Vec<f32> = q.flatten_all()?.to_vec1()?;
            let mut k: Vec<f32> = k.flatten_all()?.to_vec1()?;
            let v: Vec<f32> = v.flatten_all()?.to_vec1()?;
            rope(&mut q, n_head, hd, pos, &self.inv_freq);
            rope(&mut k, n_kv, hd, pos, &self.inv_freq);
            let layer = &mut self.layers[li];
            layer.k_cache.extend_from_slice(&k);
            layer.v_cache.extend_from_slice(&v);
            let dims = Dims {
                seq,
                pos,
                n_head,
                n_kv,
                hd,
            };
            let attn = if seq > 1 {
                attention_by_matmul(q, &layer.k_cache, &layer.v_cache, dims)?
            } else {
                let attn = attention(&q, &layer.k_cache, &layer.v_cache, dims);
                Tensor::from_vec(attn, (seq, n_head * hd), &Device::Cpu)?
            };
            let attn = project(&attn, &layer.wo, &layer.o)?;
            x = (x + attn)?;

            let h = layer.ffn_norm.forward(&x)?;
            let [gate, up] =
                projections(&h, [(&layer.w_gate, &layer.gate), (&layer.w_up, &layer.up)])?;
            let m = project(
                &(candle_nn::ops::silu(&gate)? * up)?,
                &layer.w_down,
                &layer.down,
            )?;
            x = (x + m)?;
        }
        self.len += seq;
        let last = x.narrow(0, seq - 1, 1)?;
        let last = self.norm.forward(&last)?;
        self.output.forward(&last)?.squeeze(0)
    }

    pub fn hidden_size(&self) -> usize {
        self.hidden
    }
}

/// `x · wᵀ`. A decoding step (one row) runs on `quantized`, whose repacked copy candle
/// keeps for the next step. A prompt (many rows) runs on a short-lived copy of the weight:
/// candle packs a weight it multiplies with many rows into int8 tiles (AMX, 2.2× the Q4_K
/// bytes) and keeps them next to the original for the life of the tensor — 1.5 GB for the
/// 1.5B model after the first prompt. Packed on the copy, they are freed with it; the
/// packing is redone per prompt, a small cost next to the product itself.
fn project(x: &Tensor, w: &QTensor, quantized: &QMatMul) -> Result<Tensor> {
    let [out] = projections(x, [(w, quantized)])?;
    Ok(out)
}

/// [`project`] for several weights applied to the same input (q/k/v, gate/up). A decoding
/// step quantizes the input once for all of them where candle can fuse the products; a
/// prompt multiplies with one short-lived copy of the weights stacked (rows of each run
/// of weights of one format concatenated), so the input is quantized and the product
/// dispatched once per run instead of once per weight.
fn projections<const N: usize>(
    x: &Tensor,
    weights: [(&QTensor, &QMatMul); N],
) -> Result<[Tensor; N]> {
    let into_array = |v: Vec<Tensor>| -> Result<[Tensor; N]> {
        v.try_into().map_err(|v: Vec<Tensor>| {
            candle_core::Error::Msg(format!("{} of {N} projections", v.len()))
        })
    };
    if x.dim(0)? == 1 {
        if N > 1 {
            let ws: Vec<&QTensor> = weights.iter().map(|w| w.0).collect();
            if let Some(out) = QTensor::gemv_fused_shared_lhs(&ws, x)?
                && out.len() == N
            {
                return into_array(out);
            }
        }
        return into_array(
            weights
                .iter()
                .map(|(_, q)| q.forward(x))
                .collect::<Result<Vec<_>>>()?,
        );
    }
    let mut out: Vec<Tensor> = Vec::with_capacity(N);
    let mut start = 0;
    while start < N {
        let dtype = weights[start].0.dtype();
        let end = (start..N)
            .find(|&i| weights[i].0.dtype() != dtype)
            .unwrap_or(N);
        let run = &weights[start..end];
        let k = run[0].0.shape().dims2()?.1;
        let rows: Vec<usize> = run
            .iter()
            .map(|(w, _)| w.shape().dims2().map(|d| d.0))
            .collect::<Result<_>>()?;
        // `from_data` copies, so a single weight is passed as it is
        let bytes = match run {
            [(w, _)] => w.data()?,
            _ => {
                let mut bytes: Vec<u8> = Vec::new();
                for (w, _) in run {
                    bytes.extend_from_slice(&w.data()?);
                }
                std::borrow::Cow::Owned(bytes)
            }
        };
        let stacked = QStorage::from_data(bytes, &Device::Cpu, dtype)?;
        let stacked = QTensor::new(stacked, (rows.iter().sum::<usize>(), k))?;
        let product = QMatMul::from_qtensor(stacked)?.forward(x)?;
        let mut offset = 0;
        for n in rows {
            out.push(if run.len() == 1 {
                product.clone()
            } else {
                product.narrow(1, offset, n)?.contiguous()?
            });
            offset += n;
        }
        start = end;
    }
    into_array(out)
}

/// Rotates each head's halves by the position's angles (RoPE, half-split layout), in
/// place; `x` is `[seq][heads][hd]` for positions `pos..`.
fn rope(x: &mut [f32], heads: usize, hd: usize, pos: usize, inv_freq: &[f32]) {
    let half = hd / 2;
    for (s, row) in x.chunks_exact_mut(heads * hd).enumerate() {
        let p = (pos + s) as f32;
        let (sin, cos): (Vec<f32>, Vec<f32>) = inv_freq.iter().map(|f| (p * f).sin_cos()).unzip();
        for head in row.chunks_exact_mut(hd) {
            let (a, b) = head.split_at_mut(half);
            for i in 0..half {
                let (x1, x2) = (a[i], b[i]);
                a[i] = x1 * cos[i] - x2 * sin[i];
                b[i] = x1 * sin[i] + x2 * cos[i];
            }
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Dims {
    seq: usize,
    pos: usize,
    n_head: usize,
    n_kv: usize,
    hd: usize,
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    // 16 independent sums: the compiler keeps them in vector registers.
    let mut acc = [0f32; 16];
    let mut ca = a.chunks_exact(16);
    let mut cb = b.chunks_exact(16);
    for (x, y) in (&mut ca).zip(&mut cb) {
        for i in 0..16 {
            acc[i] += x[i] * y[i];
        }
    }
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    acc.iter().sum::<f32>() + tail
}

/// Causal grouped-query attention of `q` (`[seq][n_head][hd]`, positions `pos..`) over the
/// cache (`[pos + seq][n_kv][hd]`); returns `[seq][n_head][hd]`.
fn attention(q: &[f32], keys: &[f32], values: &[f32], d: Dims) -> Vec<f32> {
    let Dims {
        seq,
        pos,
        n_head,
        n_kv,
        hd,
    } = d;
    let group = n_head / n_kv;
    let row = n_kv * hd;
    let scale = 1.0 / (hd as f32).sqrt();
    // One task per (position, head), on candle's barrier pool: the pool its matrix
    // products run on, whose workers are still spinning from the q/k/v product when this
    // starts. A second pool (rayon) here had both pools' threads compete for the cores.
    let tasks: Vec<std::sync::Mutex<Vec<f32>>> = (0..seq * n_head)
        .map(|_| std::sync::Mutex::new(Vec::new()))
        .collect();
    candle_core::utils::barrier_pool().execute_chunked(tasks.len(), |range| {
        for task in range {
            let (s, h) = (task / n_head, task % n_head);
            let kv = h / group;
            let qv = &q[(s * n_head + h) * hd..][..hd];
            let visible = pos + s + 1;
            let mut scores: Vec<f32> = (0..visible)
                .map(|j| dot(qv, &keys[j * row + kv * hd..][..hd]) * scale)
                .collect();
            let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let mut sum = 0.0;
            for x in &mut scores {
                *x = (*x - max).exp();
                sum += *x;
            }
            let inv = 1.0 / sum;
            let mut o = vec![0f32; hd];
            for (j, p) in scores.iter().enumerate() {
                let w = p * inv;
                let vrow = &values[j * row + kv * hd..][..hd];
                for (acc, v) in o.iter_mut().zip(vrow) {
                    *acc += w * v;
                }
            }
            *tasks[task]
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = o;
        }
    });
    tasks
        .into_iter()
        .flat_map(|t| {
            t.into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        })
        .collect()
}

/// Query rows per block of [`attention_by_matmul`]: each block only multiplies with the
/// keys it can see, so the masked-out share of the work stays small.
const ATTENTION_BLOCK: usize = 256;

/// [`attention`] for many query positions (a prompt): per KV head and block of query
/// positions, the scores of all its query heads' rows as one matrix product, masked,
/// softmaxed, times the values — gemm instead of one dot product per (position, head,
/// key). Returns `(seq, n_head · hd)`.
fn attention_by_matmul(q: Vec<f32>, keys: &[f32], values: &[f32], d: Dims) -> Result<Tensor> {
    let Dims {
        seq,
        pos,
        n_head,
        n_kv,
        hd,
    } = d;
    let group = n_head / n_kv;
    let total = pos + seq;
    let dev = &Device::Cpu;
    // (n_kv, group, seq, hd): the rows of the query heads that share KV head `kv`
    let q = Tensor::from_vec(q, (seq, n_kv, group, hd), dev)?
        .permute((1, 2, 0, 3))?
        .contiguous()?;
    let k = Tensor::from_slice(&keys[..total * n_kv * hd], (total, n_kv, hd), dev)?
        .transpose(0, 1)?
        .contiguous()?;
    let v = Tensor::from_slice(&values[..total * n_kv * hd], (total, n_kv, hd), dev)?
        .transpose(0, 1)?
        .contiguous()?;
    let scale = 1.0 / (hd as f64).sqrt();
    let mut blocks = Vec::with_capacity(seq.div_ceil(ATTENTION_BLOCK));
    for start in (0..seq).step_by(ATTENTION_BLOCK) {
        let rows = ATTENTION_BLOCK.min(seq - start);
        // keys visible to the block's last row
        let seen = pos + start + rows;
        let qb = q
            .narrow(2, start, rows)?
            .contiguous()?
            .reshape((n_kv, group * rows, hd))?;
        let kb = k.narrow(1, 0, seen)?.contiguous()?;
        let vb = v.narrow(1, 0, seen)?.contiguous()?;
        let scores = (qb.matmul(&kb.t()?)? * scale)?;
        // causal mask: row r of a group is query position pos + start + r % rows
        let mask: Vec<f32> = (0..group * rows)
            .flat_map(|r| {
                let visible = pos + start + r % rows + 1;
                (0..seen).map(move |j| if j < visible { 0.0 } else { f32::NEG_INFINITY })
            })
            .collect();
        let mask = Tensor::from_vec(mask, (1, group * rows, seen), dev)?;
        let probs = candle_nn::ops::softmax_last_dim(&scores.broadcast_add(&mask)?)?;
        blocks.push(
            probs
                .matmul(&vb)? // (n_kv, group · rows, hd)
                .reshape((n_kv, group, rows, hd))?
                .permute((2, 0, 1, 3))?
                .contiguous()?
                .reshape((rows, n_head * hd))?,
        );
    }
    Tensor::cat(&blocks, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attention_over_one_position_returns_its_value() {
        // 2 heads sharing 1 KV head, hd 2: with one visible position the output is V.
        let q = [1.0, 0.0, 0.0, 1.0];
        let k = [0.3, 0.7];
        let v = [5.0, -2.0];
        let out = attention(
            &q,
            &k,
            &v,
            Dims {
                seq: 1,
                pos: 0,
                n_head: 2,
                n_kv: 1,
                hd: 2,
            },
        );
        assert_eq!(out, [5.0, -2.0, 5.0, -2.0]);
    }

    #[test]
    fn attention_is_causal_and_weights_by_softmax() {
        // seq 2 from position 0, 1 head, hd 1: position 0 sees only itself.
        let q = [1.0, 2.0];
        let k = [0.0, 1.0];
        let v = [10.0, 20.0];
        let out = attention(
            &q,
            &k,
            &v,
            Dims {
                seq: 2,
                pos: 0,
                n_head: 1,
                n_kv: 1,
                hd: 1,
            },
        );
        assert_eq!(out[0], 10.0);
        let (a, b) = (0f32.exp(), 2f32.exp());
        let want = (a * 10.0 + b * 20.0) / (a + b);
        assert!((out[1] - want).abs() < 1e-4, "{} vs {want}", out[1]);
    }

    #[test]
    fn attention_by_matmul_matches_the_scalar_attention() {
        // 4 heads on 2 KV heads, hd 8, 3 cached positions + more new ones than a block
        let d = Dims {
            seq: ATTENTION_BLOCK + 5,
            pos: 3,
            n_head: 4,
            n_kv: 2,
            hd: 8,
        };
        let total = d.pos + d.seq;
        let wave = |n: usize, f: f32| (0..n).map(|i| (i as f32 * f).sin()).collect::<Vec<f32>>();
        let q = wave(d.seq * d.n_head * d.hd, 0.37);
        let k = wave(total * d.n_kv * d.hd, 0.11);
        let v = wave(total * d.n_kv * d.hd, 0.23);
        let want = attention(&q, &k, &v, d);
        let got: Vec<f32> = attention_by_matmul(q, &k, &v, d)
            .unwrap()
            .flatten_all()
            .unwrap()
            .to_vec1()
            .unwrap();
        assert_eq!(got.len(), want.len());
        for (a, b) in got.iter().zip(&want) {
            assert!((a - b).abs() < 1e-5, "{a} vs {b}");
        }
    }

    #[test]
    fn rope_at_position_zero_is_identity_and_rotates_halves_later() {
        let inv = [1.0, 0.01];
        let mut x = vec![1.0, 2.0, 3.0, 4.0];
        rope(&mut x, 1, 4, 0, &inv);
        assert_eq!(x, [1.0, 2.0, 3.0, 4.0]);
        let mut y = vec![1.0, 0.0, 0.0, 0.0];
        rope(&mut y, 1, 4, 1, &inv);
        // pair (x[0], x[2]) rotated by angle 1
        assert!((y[0] - 1f32.cos()).abs() < 1e-6 && (y[2] - 1f32.sin()).abs() < 1e-6);
        assert!(dot(&[1.0; 37], &[2.0; 37]) == 74.0);
    }
}
