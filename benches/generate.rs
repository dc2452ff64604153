//! The local language model: time to first token and decoding speed on a typical RAG
//! prompt, against llama.cpp on the same GGUF file, prompt and thread count, in the same run.
//!
//! `cargo bench --bench generate` (needs `lotse models fetch`; the reference needs
//! `python3 -m pip install llama-cpp-python`, else it is reported as skipped).
//!
//! The prompt is what lotse sends for a question: the German system prompt and four
//! passages of the sample corpus in the answerer's format, rendered with the model's chat
//! template (~650 tokens). Each side reads the prompt (prefill: the time to the first
//! token) and then decodes exactly `NEW_TOKENS` greedy steps, end-of-turn ignored, so both
//! do the same work. Rounds: one warm-up, then 3 measured (`LOTSE_BENCH_ROUNDS`); medians are printed.
//!
//! Environment: `LOTSE_BENCH_THREADS` (default: all cores), `LOTSE_MODELS_DIR`,
//! `LOTSE_BENCH_CANDLE=1` to also measure candle-transformers' `quantized_qwen2`,
//! `LOTSE_BENCH_PASSAGES` (default 4) for shorter or longer prompts.

mod common;

use common::proc_status_mib;
use lotse_answer::prompt::{Message, SYSTEM_PROMPT};
use lotse_generate::{Forward, GenerationStats, LocalConfig, LocalGenerator};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const NEW_TOKENS: usize = 64;

/// Measured rounds (after one warm-up); `LOTSE_BENCH_ROUNDS` changes it.
fn rounds() -> usize {
    std::env::var("LOTSE_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3)
        .max(1)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Four passages of about 110 words from a sample corpus document.
fn rag_messages() -> Vec<Message> {
    rag_messages_from(0, "Wie viele Tage pro Woche darf mobil gearbeitet werden?")
}

/// The passages from the `first` 110-word piece of the document on, and `question`.
fn rag_messages_from(first: usize, question: &str) -> Vec<Message> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/dokumente");
    let text = std::fs::read_to_string(root.join("dienstvereinbarung-mobiles-arbeiten.md"))
        .expect("sample corpus");
    let words: Vec<&str> = text.split_whitespace().collect();
    let count = std::env::var("LOTSE_BENCH_PASSAGES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4);
    let passages: Vec<String> = words
        .chunks(110)
        .cycle()
        .skip(first)
        .take(count)
        .map(|c| c.join(" "))
        .collect();
    let blocks: Vec<String> = passages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "[{}] Beispieldokument – Abschnitt {}, S. 1\n{p}",
                i + 1,
                i + 1
            )
        })
        .collect();
    vec![
        Message::new("system", SYSTEM_PROMPT),
        Message::new(
            "user",
            format!("Quellen:\n\n{}\n\nFrage: {question}", blocks.join("\n\n")),
        ),
    ]
}

fn report(label: &str, runs: &[GenerationStats]) -> (f64, f64, f64) {
    let ttft = median(runs.iter().map(|r| r.prefill_ms).collect());
    let prefill = median(
        runs.iter()
            .map(GenerationStats::prefill_tokens_per_s)
            .collect(),
    );
    let decode = median(
        runs.iter()
            .map(GenerationStats::decode_tokens_per_s)
            .collect(),
    );
    println!(
        "{label:<10} prompt {} tokens: first token after {ttft:>6.0} ms ({prefill:>5.1} prompt tokens/s), decode {decode:>5.1} tokens/s",
        runs[0].prompt_tokens
    );
    (ttft, prefill, decode)
}

/// The llama.cpp reference process, model loaded, running one round per request.
struct Reference {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    stdout: std::io::Lines<std::io::BufReader<std::process::ChildStdout>>,
}

impl Reference {
    /// Starts the reference; `None` (with the reason printed) if it can't run.
    fn start(model: &std::path::Path, prompt: &str, threads: usize) -> Option<Reference> {
        use std::io::BufRead;
        let script =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/llama_cpp_reference.py");
        let python = std::env::var("LOTSE_PYTHON").unwrap_or_else(|_| "python3".into());
        let job = serde_json::json!({
            "model": model, "prompt": prompt, "threads": threads, "new_tokens": NEW_TOKENS,
        });
        let mut child = match Command::new(&python)
            .arg(&script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
        {
            Ok(c) => c,
            Err(e) => {
                println!("llama.cpp  skipped: cannot run {python}: {e}");
                return None;
            }
        };
        let mut stdin = child.stdin.take()?;
        let mut stdout = std::io::BufReader::new(child.stdout.take()?).lines();
        let ready = writeln!(stdin, "{job}").is_ok()
            && stdout
                .next()
                .and_then(|l| l.ok())
                .is_some_and(|l| l.contains("ready"));
        if !ready {
            let _ = child.kill();
            let out = child.wait_with_output().ok()?;
            let err = String::from_utf8_lossy(&out.stderr);
            let last = err.lines().last().unwrap_or("");
            println!(
                "llama.cpp  skipped: the reference failed ({last}); install it with `python3 -m pip install llama-cpp-python`"
            );
            return None;
        }
        Some(Reference {
            child,
            stdin,
            stdout,
        })
    }

    fn round(&mut self) -> Option<GenerationStats> {
        writeln!(self.stdin, "round").ok()?;
        let line = self.stdout.next()?.ok()?;
        let v: serde_json::Value = serde_json::from_str(&line).ok()?;
        Some(GenerationStats {
            prompt_tokens: v["prompt_tokens"].as_u64().unwrap_or(0) as usize,
            cached_prompt_tokens: 0,
            prefill_ms: v["prefill_ms"].as_f64().unwrap_or(f64::NAN),
            new_tokens: v["decode_steps"].as_u64().unwrap_or(0) as usize,
            decode_steps: v["decode_steps"].as_u64().unwrap_or(0) as usize,
            decode_ms: v["decode_ms"].as_f64().unwrap_or(f64::NAN),
        })
    }
}

impl Drop for Reference {
    fn drop(&mut self) {
        let _ = writeln!(self.stdin, "stop");
        let _ = self.child.wait();
    }
}

fn main() {
    // `cargo bench` passes `--bench`; this bench has no filters.
    let models = std::env::var_os("LOTSE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models"));
    let model = lotse_models::default_generation_model_file(&models);
    if !model.is_file() {
        println!(
            "skipped: {} not found; run `lotse models fetch`",
            model.display()
        );
        return;
    }
    let threads = std::env::var("LOTSE_BENCH_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let load = |forward: Forward, reuse_prompt_prefix: bool| {
        LocalGenerator::load(LocalConfig {
            model: model.clone(),
            threads,
            forward,
            reuse_prompt_prefix,
            prefill_chunk: std::env::var("LOTSE_BENCH_PREFILL_CHUNK")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(LocalConfig::default().prefill_chunk),
            ..LocalConfig::default()
        })
        .expect("loading the model")
    };
    let one_round = |generator: &LocalGenerator, ids: &[u32]| {
        generator
            .generate_ids(ids.to_vec(), NEW_TOKENS + 1, false, &mut |_| {})
            .expect("generating")
            .1
    };
    println!(
        "model {}, {threads} threads, {NEW_TOKENS} decode steps, median of {} rounds after a warm-up",
        model.display(),
        rounds()
    );
    if std::env::var("LOTSE_BENCH_CANDLE").as_deref() == Ok("1") {
        let generator = load(Forward::Candle, false);
        let ids = generator
            .encode(&generator.render(&rag_messages()))
            .expect("tokenizing");
        let runs: Vec<GenerationStats> = (0..=rounds())
            .map(|_| one_round(&generator, &ids))
            .skip(1)
            .collect();
        report("candle", &runs);
    }
    // every round reads its whole prompt, as llama.cpp's do
    let generator = load(Forward::Lean, false);
    let prompt = generator.render(&rag_messages());
    let ids = generator.encode(&prompt).expect("tokenizing");
    // lotse's and llama.cpp's rounds alternate, so that a change in the machine's speed
    // during the run (a shared VM) hits both alike
    let mut reference = Reference::start(&model, &prompt, threads);
    let mut runs = Vec::new();
    let mut reference_runs = Vec::new();
    for round in 0..=rounds() {
        let ours = one_round(&generator, &ids);
        let theirs = reference.as_mut().and_then(Reference::round);
        // llama.cpp's OpenMP threads spin-wait after its round; measured without this pause,
        // lotse decoded ~20 % slower in the rounds right after (16.6–17.1 against 20.6–21.2
        // tokens/s alone in the same runs)
        std::thread::sleep(std::time::Duration::from_secs(1));
        if round > 0 {
            runs.push(ours);
            reference_runs.extend(theirs);
        }
    }
    let (lotse_ttft, lotse_prefill, lotse_decode) = report("lotse", &runs);
    println!(
        "lotse      memory: RSS {:.0} MiB, peak {:.0} MiB",
        proc_status_mib(std::process::id(), "VmRSS:"),
        proc_status_mib(std::process::id(), "VmHWM:")
    );
    drop(generator);
    cached_system_prompt(&load(Forward::Lean, true), &one_round);
    if reference_runs.len() != runs.len() {
        if reference.is_some() {
            println!(
                "llama.cpp  stopped answering after {} rounds",
                reference_runs.len()
            );
        }
        return;
    }
    let reference = reference_runs;
    let (ref_ttft, ref_prefill, ref_decode) = report("llama.cpp", &reference);
    if reference[0].prompt_tokens != runs[0].prompt_tokens {
        println!(
            "note: llama.cpp tokenized the prompt into {} tokens, lotse into {}",
            reference[0].prompt_tokens, runs[0].prompt_tokens
        );
    }
    println!(
        "ratio lotse/llama.cpp: prompt processing {:.2}x, decoding {:.2}x (time to first token {:.2}x as long)",
        lotse_prefill / ref_prefill,
        lotse_decode / ref_decode,
        lotse_ttft / ref_ttft
    );
}

/// What a user sees in the server: every question brings other passages, but the system
/// prompt before them is the same, and its keys and values stay in the cache.
fn cached_system_prompt(
    generator: &LocalGenerator,
    one_round: &dyn Fn(&LocalGenerator, &[u32]) -> GenerationStats,
) {
    let questions = [
        "Wie viele Tage pro Woche darf mobil gearbeitet werden?",
        "Wer trägt die Kosten für die Arbeitsmittel?",
        "Wie wird die Arbeitszeit im Homeoffice erfasst?",
        "Welche Regeln gelten für den Datenschutz zu Hause?",
    ];
    let runs: Vec<GenerationStats> = (0..=rounds())
        .map(|round| {
            let messages = rag_messages_from(round * 4, questions[round % questions.len()]);
            let ids = generator
                .encode(&generator.render(&messages))
                .expect("tokenizing");
            one_round(generator, &ids)
        })
        .skip(1) // the first question fills the cache
        .collect();
    let cached = median(runs.iter().map(|r| r.cached_prompt_tokens as f64).collect());
    let (ttft, _, _) = report("lotse, system prompt cached", &runs);
    println!(
        "           (other passages and question each round; {cached:.0} prompt tokens from the cache, first token after {ttft:.0} ms)"
    );
}
