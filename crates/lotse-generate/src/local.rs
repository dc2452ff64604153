//! A local language model from a GGUF file, run by candle on its own thread.
//!
//! One worker thread owns the model and its KV cache and answers one request at a time
//! (a 1.5B model on two cores has no compute to spare for a second one); requests queue in
//! a bounded channel. The worker runs inside its own rayon pool, so the matrix products use
//! exactly the configured threads. Text streams back piece by piece as soon as the tokens
//! decode to whole UTF-8 characters; a caller that goes away stops the generation.

use crate::gguf::{self, ChatTemplate};
use crate::{Forward, GenerateSetupError, GenerationStats, LocalConfig};
use candle_core::quantized::gguf_file;
use candle_core::{Device, Tensor};
use candle_transformers::generation::{LogitsProcessor, Sampling};
use candle_transformers::models::{quantized_llama, quantized_qwen2};
use lotse_core::generate::{GenerateError, Generator, Message};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use tokenizers::Tokenizer;

/// Requests waiting for the model beyond the one it works on.
const QUEUE: usize = 8;

/// The forward pass in use: the lean Qwen2 on the CPU, candle-transformers' models
/// elsewhere (and for Llama).
enum Weights {
    LeanQwen2(Box<crate::qwen2::Qwen2>),
    Qwen2(quantized_qwen2::ModelWeights),
    Llama(quantized_llama::ModelWeights),
}

impl Weights {
    /// Logits of the last of `ids`, run at positions `pos..`.
    fn forward(&mut self, ids: &[u32], pos: usize, device: &Device) -> candle_core::Result<Tensor> {
        match self {
            Weights::LeanQwen2(m) => m.forward(ids, pos),
            Weights::Qwen2(m) => m
                .forward(&Tensor::new(ids, device)?.unsqueeze(0)?, pos)?
                .squeeze(0),
            Weights::Llama(m) => m
                .forward(&Tensor::new(ids, device)?.unsqueeze(0)?, pos)?
                .squeeze(0),
        }
    }

    /// The keys and values of the first `len` positions, where the forward pass can.
    fn snapshot(&self, len: usize) -> Option<crate::qwen2::KvSnapshot> {
        match self {
            Weights::LeanQwen2(m) => Some(m.snapshot(len)),
            Weights::Qwen2(_) | Weights::Llama(_) => None,
        }
    }

    fn restore(&mut self, snapshot: &crate::qwen2::KvSnapshot) -> usize {
        match self {
            Weights::LeanQwen2(m) => {
                m.restore(snapshot);
                m.len()
            }
            Weights::Qwen2(_) | Weights::Llama(_) => 0,
        }
    }

    /// Keeps the first `keep` positions of the KV cache where the forward pass can (the lean
    /// Qwen2); returns how many it kept.
    fn keep_prefix(&mut self, keep: usize) -> usize {
        match self {
            Weights::LeanQwen2(m) => {
                m.truncate(keep);
                m.len()
            }
            Weights::Qwen2(_) | Weights::Llama(_) => {
                self.clear();
                0
            }
        }
    }

    fn clear(&mut self) {
        match self {
            Weights::LeanQwen2(m) => m.clear(),
            Weights::Qwen2(m) => m.clear_kv_cache(),
            Weights::Llama(m) => m.clear_kv_cache(),
        }
    }
}

/// What the worker streams back for one request.
enum Piece {
    Text(String),
    /// Log-probabilities of a scoring job's choices.
    Scores(Vec<f32>),
    Done(Result<GenerationStats, String>),
}

struct Job {
    prompt: Vec<u32>,
    max_new_tokens: usize,
    /// Stop at the end-of-turn token (off only for benchmarks that need a fixed length).
    stop_at_end: bool,
    /// Score these token ids as the reply's first token instead of generating.
    choices: Option<Vec<u32>>,
    reply: SyncSender<Piece>,
}

/// A GGUF model behind the [`Generator`] trait.
pub struct LocalGenerator {
    name: String,
    tokenizer: Arc<Tokenizer>,
    template: ChatTemplate,
    config: LocalConfig,
    /// Context length the model was trained for (from the GGUF metadata).
    model_context: usize,
    jobs: Mutex<Option<SyncSender<Job>>>,
    worker: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl std::fmt::Debug for LocalGenerator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalGenerator")
            .field("name", &self.name)
            .field("template", &self.template)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

fn model_err(e: impl std::fmt::Display) -> GenerateError {
    GenerateError::Model(e.to_string())
}

fn candle_device(device: lotse_core::Device) -> Result<Device, GenerateSetupError> {
    match device {
        lotse_core::Device::Cpu => Ok(Device::Cpu),
        #[cfg(feature = "cuda")]
        lotse_core::Device::Cuda(ordinal) => {
            Device::new_cuda(ordinal).map_err(|e| GenerateSetupError::Device(e.to_string()))
        }
        #[cfg(not(feature = "cuda"))]
        lotse_core::Device::Cuda(_) => Err(GenerateSetupError::Device(
            "this build of lotse has no CUDA support (cargo feature `cuda`)".into(),
        )),
        #[cfg(feature = "metal")]
        lotse_core::Device::Metal => {
            Device::new_metal(0).map_err(|e| GenerateSetupError::Device(e.to_string()))
        }
        #[cfg(not(feature = "metal"))]
        lotse_core::Device::Metal => Err(GenerateSetupError::Device(
            "this build of lotse has no Metal support (cargo feature `metal`)".into(),
        )),
    }
}

impl LocalGenerator {
    /// Loads the GGUF file named in `config` and starts the worker thread.
    pub fn load(config: LocalConfig) -> Result<LocalGenerator, GenerateSetupError> {
        let path = config.model.clone();
        let io = |e: std::io::Error| GenerateSetupError::Io {
            path: path.clone(),
            source: e,
        };
        let mut file = std::fs::File::open(&path).map_err(io)?;
        let content = gguf_file::Content::read(&mut file).map_err(|e| {
            GenerateSetupError::Format(format!("{}: not a readable GGUF file: {e}", path.display()))
        })?;
        let arch = gguf::metadata_str(&content, "general.architecture")
            .unwrap_or("?")
            .to_owned();
        let tokenizer = gguf::tokenizer(&content)?;
        let template = ChatTemplate::detect(&content)?;
        let stops = gguf::stop_tokens(&content, template, &tokenizer);
        if stops.is_empty() {
            return Err(GenerateSetupError::Metadata(
                "no end-of-turn token found in the vocabulary".into(),
            ));
        }
        let model_context = gguf::metadata_u32(&content, &format!("{arch}.context_length"))
            .map_or(4096, |n| n as usize);
        let name = gguf::metadata_str(&content, "general.name")
            .map(str::to_owned)
            .unwrap_or_else(|| {
                path.file_stem()
                    .map_or_else(|| "gguf".into(), |s| s.to_string_lossy().into_owned())
            });
        let device = candle_device(config.device)?;
        let threads = if config.threads == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            config.threads
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("lotse-llm-{i}"))
            .build()
            .map_err(|e| GenerateSetupError::Device(format!("thread pool: {e}")))?;
        let started = Instant::now();
        let lean = device.is_cpu() && config.forward == Forward::Lean;
        let weights = pool.install(|| match arch.as_str() {
            "qwen2" if lean => crate::qwen2::Qwen2::from_gguf(content, &mut file)
                .map(|m| Weights::LeanQwen2(Box::new(m))),
            "qwen2" => quantized_qwen2::ModelWeights::from_gguf(content, &mut file, &device)
                .map(Weights::Qwen2),
            "llama" => quantized_llama::ModelWeights::from_gguf(content, &mut file, &device)
                .map(Weights::Llama),
            other => Err(candle_core::Error::Msg(format!(
                "architecture `{other}` is not supported; supported: qwen2, llama"
            ))),
        });
        let weights = weights.map_err(|e| GenerateSetupError::Format(e.to_string()))?;
        tracing::info!(
            model = %name,
            arch = %arch,
            threads,
            load_ms = started.elapsed().as_millis() as u64,
            "language model loaded"
        );

        let (jobs, queue) = mpsc::sync_channel::<Job>(QUEUE);
        let tokenizer = Arc::new(tokenizer);
        let worker = {
            let tokenizer = tokenizer.clone();
            let sampling = config.sampling();
            let seed = config.seed;
            let repeat = (config.repeat_penalty, config.repeat_last_n);
            let reuse_prefix = config.reuse_prompt_prefix;
            // candle-transformers' models take the prompt in one piece
            let prefill_chunk = if lean {
                config.prefill_chunk
            } else {
                usize::MAX
            };
            std::thread::Builder::new()
                .name("lotse-llm".into())
                .spawn(move || {
                    pool.install(move || {
                        let mut worker = Worker {
                            weights,
                            device,
                            tokenizer,
                            stops,
                            logits: LogitsProcessor::from_sampling(seed, sampling),
                            repeat,
                            prefill_chunk,
                            reuse_prefix,
                            cached: Vec::new(),
                            first_turns: Vec::new(),
                        };
                        worker.serve(queue);
                    });
                })
                .map_err(|e| {
                    GenerateSetupError::Device(format!("starting the model thread: {e}"))
                })?
        };
        Ok(LocalGenerator {
            name,
            tokenizer,
            template,
            config,
            model_context,
            jobs: Mutex::new(Some(jobs)),
            worker: Mutex::new(Some(worker)),
        })
    }

    /// The prompt text the model sees for `messages` (chat template applied).
    pub fn render(&self, messages: &[Message]) -> String {
        self.template.render(messages)
    }

    /// Token ids of a rendered prompt (the template's special tokens included).
    pub fn encode(&self, prompt: &str) -> Result<Vec<u32>, GenerateError> {
        self.tokenizer
            .encode(prompt, false)
            .map(|e| e.get_ids().to_vec())
            .map_err(model_err)
    }

    /// Generates from token ids, streaming text; returns what it took. For benchmarks and
    /// tests; [`Generator::generate`] is this plus the chat template. `stop_at_end: false`
    /// ignores the end-of-turn token (benchmarks compare a fixed number of steps).
    pub fn generate_ids(
        &self,
        prompt: Vec<u32>,
        max_new_tokens: usize,
        stop_at_end: bool,
        on_token: &mut dyn FnMut(&str),
    ) -> Result<(String, GenerationStats), GenerateError> {
        if prompt.len() + max_new_tokens > self.model_context {
            return Err(GenerateError::Model(format!(
                "prompt of {} tokens plus {max_new_tokens} new ones exceeds the model's context of {}",
                prompt.len(),
                self.model_context
            )));
        }
        let mut text = String::new();
        let mut on_piece = |piece: Piece| match piece {
            Piece::Text(t) => {
                on_token(&t);
                text.push_str(&t);
            }
            Piece::Scores(_) | Piece::Done(_) => {}
        };
        let stats = self.submit(prompt, max_new_tokens, stop_at_end, None, &mut on_piece)?;
        Ok((text, stats))
    }

    /// Sends a job to the model thread and hands its pieces to `on_piece` until it is done.
    fn submit(
        &self,
        prompt: Vec<u32>,
        max_new_tokens: usize,
        stop_at_end: bool,
        choices: Option<Vec<u32>>,
        on_piece: &mut dyn FnMut(Piece),
    ) -> Result<GenerationStats, GenerateError> {
        let (reply, pieces) = mpsc::sync_channel(64);
        let job = Job {
            prompt,
            max_new_tokens,
            stop_at_end,
            choices,
            reply,
        };
        {
            let jobs = self
                .jobs
                .lock()
                .map_err(|_| model_err("model thread lock poisoned"))?;
            let Some(jobs) = jobs.as_ref() else {
                return Err(model_err("the model has been shut down"));
            };
            match jobs.try_send(job) {
                Ok(()) => {}
                Err(mpsc::TrySendError::Full(_)) => return Err(GenerateError::Busy),
                Err(mpsc::TrySendError::Disconnected(_)) => {
                    return Err(model_err("the model thread has stopped"));
                }
            }
        }
        for piece in pieces {
            match piece {
                Piece::Done(Ok(stats)) => return Ok(stats),
                Piece::Done(Err(e)) => return Err(GenerateError::Model(e)),
                other => on_piece(other),
            }
        }
        Err(model_err("the model thread stopped during generation"))
    }
}

impl Drop for LocalGenerator {
    fn drop(&mut self) {
        if let Ok(mut jobs) = self.jobs.lock() {
            jobs.take();
        }
        if let Ok(mut worker) = self.worker.lock()
            && let Some(w) = worker.take()
        {
            let _ = w.join();
        }
    }
}

impl Generator for LocalGenerator {
    fn name(&self) -> &str {
        &self.name
    }

    fn count_tokens(&self, text: &str) -> usize {
        self.tokenizer
            .encode(text, false)
            .map_or(text.len() / 3, |e| e.len())
    }

    fn context_budget(&self) -> usize {
        self.config.context_tokens.min(
            self.model_context
                .saturating_sub(self.config.max_new_tokens),
        )
    }

    fn generate(
        &self,
        messages: &[Message],
        on_token: &mut dyn FnMut(&str),
    ) -> Result<String, GenerateError> {
        let prompt = self.encode(&self.render(messages))?;
        let (text, stats) =
            self.generate_ids(prompt, self.config.max_new_tokens, true, on_token)?;
        tracing::debug!(
            prompt_tokens = stats.prompt_tokens,
            prefill_ms = stats.prefill_ms,
            new_tokens = stats.new_tokens,
            decode_ms = stats.decode_ms,
            "generated"
        );
        Ok(text)
    }

    fn choice_logprobs(
        &self,
        messages: &[Message],
        choices: &[&str],
    ) -> Result<Option<Vec<f32>>, GenerateError> {
        // The reply's first token follows the rendered prompt (which ends with the
        // assistant turn's header), so each choice counts by its first token there.
        let ids = choices
            .iter()
            .map(|c| {
                self.encode(c)?
                    .first()
                    .copied()
                    .ok_or_else(|| model_err(format!("{c:?} has no tokens")))
            })
            .collect::<Result<Vec<u32>, _>>()?;
        let prompt = self.encode(&self.render(messages))?;
        if prompt.len() >= self.model_context {
            return Err(GenerateError::Model(format!(
                "prompt of {} tokens exceeds the model's context of {}",
                prompt.len(),
                self.model_context
            )));
        }
        let mut scores = None;
        self.submit(prompt, 0, true, Some(ids), &mut |piece| {
            if let Piece::Scores(s) = piece {
                scores = Some(s);
            }
        })?;
        scores
            .map(Some)
            .ok_or_else(|| model_err("the model thread sent no scores"))
    }
}

struct Worker {
    weights: Weights,
    device: Device,
    tokenizer: Arc<Tokenizer>,
    stops: Vec<u32>,
    logits: LogitsProcessor,
    repeat: (f32, usize),
    prefill_chunk: usize,
    /// Keep the KV cache between requests and reuse the prompt start they share.
    reuse_prefix: bool,
    /// The tokens whose keys and values the cache holds, in order.
    cached: Vec<u32>,
    /// First turns (system prompts) with their keys and values, most recently used first.
    first_turns: Vec<(Vec<u32>, crate::qwen2::KvSnapshot)>,
}

/// System prompts kept with their keys and values: the answer's, the judge's, the
/// follow-up rewriter's, and one spare. ~57 KB per token for Qwen2.5-1.5B, so a few MB each.
const KEPT_FIRST_TURNS: usize = 4;

/// Length of the start `a` and `b` share.
fn shared_start(a: &[u32], b: &[u32]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

impl Worker {
    fn serve(&mut self, queue: Receiver<Job>) {
        for job in queue {
            let result = self.run(&job);
            if result.is_err() || !self.reuse_prefix {
                self.forget();
            }
            let _ = job
                .reply
                .send(Piece::Done(result.map_err(|e| e.to_string())));
        }
    }

    fn forget(&mut self) {
        self.weights.clear();
        self.cached.clear();
    }

    /// Reads the prompt; the logits of its last token. The start it shares with what the KV
    /// cache holds (the system prompt, at least; a follow-up's whole earlier turn) is not
    /// read again: all but the prompt's last token may come from the cache.
    fn prefill(&mut self, prompt: &[u32]) -> candle_core::Result<(Tensor, usize)> {
        let kept = if self.reuse_prefix {
            self.continue_from_cache(prompt)
        } else {
            self.forget();
            0
        };
        // The prompt is read in chunks to bound activation memory for long prompts; each
        // chunk repacks every weight once (see `qwen2::project`), so chunks should be long.
        let chunk = self.prefill_chunk.max(1);
        let mut logits = None;
        for (i, piece) in prompt[kept..].chunks(chunk).enumerate() {
            logits = Some(
                self.weights
                    .forward(piece, kept + i * chunk, &self.device)?,
            );
            self.cached.extend_from_slice(piece);
        }
        let logits = logits
            .ok_or_else(|| candle_core::Error::Msg("empty prompt".into()))?
            .to_dtype(candle_core::DType::F32)?;
        if self.reuse_prefix {
            self.keep_first_turn(prompt);
        }
        Ok((logits, kept))
    }

    /// Sets the KV cache to the longest start `prompt` shares with what the cache holds or
    /// with a kept first turn, leaving at least the prompt's last token to read; returns the
    /// positions kept.
    fn continue_from_cache(&mut self, prompt: &[u32]) -> usize {
        let limit = prompt.len().saturating_sub(1);
        let live = shared_start(&self.cached, prompt).min(limit);
        let best = self
            .first_turns
            .iter()
            .enumerate()
            .map(|(i, (tokens, _))| (i, shared_start(tokens, prompt).min(limit)))
            .max_by_key(|&(_, n)| n);
        if let Some((i, n)) = best
            && n > live
        {
            // a different kind of request came in between (the judge's prompts before an
            // answer's): continue from the first turn kept for this one
            let (tokens, snapshot) = self.first_turns.remove(i);
            self.weights.restore(&snapshot);
            self.cached.clone_from(&tokens);
            self.first_turns.insert(0, (tokens, snapshot)); // most recently used first
            let kept = self.weights.keep_prefix(n);
            self.cached.truncate(kept);
            return kept;
        }
        let kept = self.weights.keep_prefix(live);
        self.cached.truncate(kept);
        kept
    }

    /// Keeps the keys and values of the prompt's first turn (up to its first end-of-turn
    /// token: the system prompt), so prompts of another kind in between don't evict it.
    fn keep_first_turn(&mut self, prompt: &[u32]) {
        let Some(end) = prompt.iter().position(|t| self.stops.contains(t)) else {
            return;
        };
        let first = &prompt[..=end];
        if first.len() >= prompt.len() || self.first_turns.iter().any(|(t, _)| t == first) {
            return;
        }
        if let Some(snapshot) = self.weights.snapshot(first.len()) {
            self.first_turns.insert(0, (first.to_vec(), snapshot));
            self.first_turns.truncate(KEPT_FIRST_TURNS);
        }
    }

    fn run(&mut self, job: &Job) -> candle_core::Result<GenerationStats> {
        let started = Instant::now();
        let mut stats = GenerationStats {
            prompt_tokens: job.prompt.len(),
            ..GenerationStats::default()
        };
        if job.prompt.is_empty() {
            candle_core::bail!("empty prompt");
        }
        let (logits, reused) = self.prefill(&job.prompt)?;
        stats.prefill_ms = started.elapsed().as_secs_f64() * 1e3;
        stats.cached_prompt_tokens = reused;
        if let Some(choices) = &job.choices {
            let logprobs =
                candle_nn::ops::log_softmax(&logits.flatten_all()?, candle_core::D::Minus1)?;
            let scores = choices
                .iter()
                .map(|&id| logprobs.get(id as usize)?.to_scalar::<f32>())
                .collect::<candle_core::Result<Vec<f32>>>()?;
            let _ = job.reply.send(Piece::Scores(scores));
            return Ok(stats);
        }
        let mut next = self.logits.sample(&logits)?;
        let decode_started = Instant::now();
        let mut generated: Vec<u32> = Vec::new();
        let mut emitted = 0usize;
        let mut pos = job.prompt.len();
        loop {
            if job.stop_at_end && self.stops.contains(&next) {
                break;
            }
            generated.push(next);
            stats.new_tokens += 1;
            // Text is sent once the tokens decode to whole characters.
            let text = self
                .tokenizer
                .decode(&generated, true)
                .map_err(|e| candle_core::Error::Msg(e.to_string()))?;
            if text.len() > emitted && !text.ends_with('\u{FFFD}') {
                if job
                    .reply
                    .send(Piece::Text(text[emitted..].to_owned()))
                    .is_err()
                {
                    break; // the caller went away
                }
                emitted = text.len();
            }
            if generated.len() >= job.max_new_tokens {
                break;
            }
            next = self.next_token(next, pos, &generated)?;
            stats.decode_steps += 1;
            pos += 1;
        }
        stats.decode_ms = decode_started.elapsed().as_secs_f64() * 1e3;
        Ok(stats)
    }

    fn next_token(&mut self, last: u32, pos: usize, generated: &[u32]) -> candle_core::Result<u32> {
        let logits = self.weights.forward(&[last], pos, &self.device)?;
        self.cached.push(last);
        let mut logits = logits.to_dtype(candle_core::DType::F32)?;
        let (penalty, last_n) = self.repeat;
        if penalty != 1.0 && last_n > 0 {
            // Over the generated text only: repeating words of the passages is what a
            // grounded answer should do.
            let start = generated.len().saturating_sub(last_n);
            logits = candle_transformers::utils::apply_repeat_penalty(
                &logits,
                penalty,
                &generated[start..],
            )?;
        }
        self.logits.sample(&logits)
    }
}

/// Sampling settings → candle's sampler.
pub(crate) fn sampling(temperature: f64, top_p: f64, top_k: usize) -> Sampling {
    if temperature <= 0.0 {
        Sampling::ArgMax
    } else if top_k > 0 && top_p < 1.0 {
        Sampling::TopKThenTopP {
            k: top_k,
            p: top_p,
            temperature,
        }
    } else if top_p < 1.0 {
        Sampling::TopP {
            p: top_p,
            temperature,
        }
    } else if top_k > 0 {
        Sampling::TopK {
            k: top_k,
            temperature,
        }
    } else {
        Sampling::All { temperature }
    }
}

/// Whether `path` looks like a GGUF file (checks the magic bytes).
pub fn is_gguf(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && &magic == b"GGUF"
}
