//! Tests with the real default language model (fetched by `lotse models fetch`; the test
//! script sets `LOTSE_REQUIRE_MODELS=1`, so a missing model fails instead of skipping).

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use candle_core::quantized::gguf_file;
use lotse_core::generate::{Generator, Message};
use lotse_generate::gguf::{self, ChatTemplate};
use lotse_generate::{LocalConfig, LocalGenerator};
use std::path::PathBuf;

fn model_file() -> Option<PathBuf> {
    let dir = std::env::var_os("LOTSE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models"));
    let file = dir.join("qwen2.5-coder-1.5b-instruct/model.gguf");
    if file.is_file() {
        return Some(file);
    }
    assert!(
        std::env::var("LOTSE_REQUIRE_MODELS").as_deref() != Ok("1"),
        "{} is missing: run `lotse models fetch`",
        file.display()
    );
    eprintln!("skipped: {} not fetched", file.display());
    None
}

#[test]
fn tokenizer_from_gguf_metadata_matches_the_reference_tokenizer() {
    let Some(file) = model_file() else { return };
    let content = gguf_file::Content::read(&mut std::fs::File::open(&file).unwrap()).unwrap();
    let tokenizer = gguf::tokenizer(&content).unwrap();
    let reference: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/qwen2_tokens.json")).unwrap();
    assert_eq!(
        tokenizer.get_vocab_size(true) as u64,
        reference["vocab_size"].as_u64().unwrap()
    );
    for case in reference["cases"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap();
        let want: Vec<u32> = case["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as u32)
            .collect();
        let got = tokenizer.encode(text, true).unwrap().get_ids().to_vec();
        assert_eq!(got, want, "token ids of {text:?}");
        let decoded = tokenizer.decode(&got, true).unwrap();
        assert_eq!(
            decoded,
            case["decoded"].as_str().unwrap(),
            "decoded {text:?}"
        );
    }
    assert_eq!(
        ChatTemplate::detect(&content).unwrap(),
        ChatTemplate::ChatMl
    );
    let stops = gguf::stop_tokens(&content, ChatTemplate::ChatMl, &tokenizer);
    assert!(stops.contains(&151_645), "<|im_end|> stops: {stops:?}");
}

#[test]
fn answers_in_german_from_the_given_passage_and_cites_it() {
    let Some(file) = model_file() else { return };
    let generator = LocalGenerator::load(LocalConfig {
        model: file,
        max_new_tokens: 40,
        ..LocalConfig::default()
    })
    .unwrap();
    let messages = [
        Message::new(
            "system",
            "Beantworte die Frage in einem ganzen Satz auf Deutsch, nur mit der nummerierten \
             Quelle, und setze ihre Nummer [1] hinter den Satz.",
        ),
        Message::new(
            "user",
            "Quellen:\n\n[1] Dienstanweisung Fahrtkosten – § 4\nDie Erstattung von Fahrtkosten \
             ist innerhalb von sechs Monaten nach Ende der Dienstreise schriftlich zu beantragen.\n\n\
             Frage: Bis wann muss ich Fahrtkosten beantragen?",
        ),
    ];
    let mut pieces = Vec::new();
    let text = generator
        .generate(&messages, &mut |p| pieces.push(p.to_owned()))
        .unwrap();
    assert!(pieces.len() > 3, "streamed in pieces: {pieces:?}");
    assert_eq!(pieces.concat(), text);
    let lower = text.to_lowercase();
    assert!(lower.contains("sechs monat"), "{text}");
    assert!(text.contains("[1]"), "{text}");
    assert!(generator.count_tokens("Fahrtkosten beantragen") >= 2);
    assert!(generator.context_budget() <= 1024);
}

#[test]
fn a_missing_or_broken_model_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.gguf");
    let err = LocalGenerator::load(LocalConfig {
        model: missing.clone(),
        ..LocalConfig::default()
    })
    .unwrap_err();
    assert!(err.to_string().contains("nope.gguf"), "{err}");
    let broken = dir.path().join("broken.gguf");
    std::fs::write(&broken, b"this is not a model").unwrap();
    let err = LocalGenerator::load(LocalConfig {
        model: broken,
        ..LocalConfig::default()
    })
    .unwrap_err();
    assert!(
        err.to_string().contains("not a readable GGUF file"),
        "{err}"
    );
}

#[test]
fn lean_qwen2_matches_candle() {
    use candle_core::{D, Tensor};
    let Some(file) = model_file() else { return };
    let read = || {
        let mut f = std::fs::File::open(&file).unwrap();
        let ct = gguf_file::Content::read(&mut f).unwrap();
        (ct, f)
    };
    let (ct, mut f) = read();
    let mut lean = lotse_generate::qwen2::Qwen2::from_gguf(ct, &mut f).unwrap();
    let (ct, mut f) = read();
    let mut reference = candle_transformers::models::quantized_qwen2::ModelWeights::from_gguf(
        ct,
        &mut f,
        &candle_core::Device::Cpu,
    )
    .unwrap();
    let prompt: Vec<u32> = vec![
        151_644, 872, 198, 65835, 52287, 12643, 11708, 562, 54048, 30, 151_645, 198, 151_644,
        77091, 198,
    ];
    let compare = |a: &Tensor, b: &Tensor| {
        let a = a.flatten_all().unwrap();
        let b = b.flatten_all().unwrap();
        let max_abs = |t: &Tensor| -> f32 {
            t.abs()
                .unwrap()
                .max(D::Minus1)
                .unwrap()
                .to_scalar()
                .unwrap()
        };
        let diff = max_abs(&(&a - &b).unwrap());
        let scale = max_abs(&b);
        let am: u32 = a.argmax(D::Minus1).unwrap().to_scalar().unwrap();
        let bm: u32 = b.argmax(D::Minus1).unwrap().to_scalar().unwrap();
        eprintln!("max |diff| {diff} at logit scale {scale}, argmax {am} / {bm}");
        assert!(
            diff <= 0.05 * scale,
            "max |diff| {diff} at logit scale {scale}"
        );
        assert_eq!(am, bm, "argmax differs");
        bm
    };
    // prefill, then three decoding steps fed with the reference's choice
    let a = lean.forward(&prompt, 0).unwrap();
    let input = Tensor::new(prompt.as_slice(), &candle_core::Device::Cpu)
        .unwrap()
        .unsqueeze(0)
        .unwrap();
    let b = reference.forward(&input, 0).unwrap().squeeze(0).unwrap();
    let mut next = compare(&a, &b);
    let mut pos = prompt.len();
    for _ in 0..3 {
        let a = lean.forward(&[next], pos).unwrap();
        let input = Tensor::new(&[next], &candle_core::Device::Cpu)
            .unwrap()
            .unsqueeze(0)
            .unwrap();
        let b = reference.forward(&input, pos).unwrap().squeeze(0).unwrap();
        next = compare(&a, &b);
        pos += 1;
    }
    assert_eq!(lean.len(), pos);
}

#[test]
fn a_prompt_sharing_its_start_with_the_last_one_reuses_the_kv_cache_and_answers_the_same() {
    let Some(file) = model_file() else { return };
    let load = |reuse: bool| {
        LocalGenerator::load(LocalConfig {
            model: file.clone(),
            reuse_prompt_prefix: reuse,
            ..LocalConfig::default()
        })
        .unwrap()
    };
    let system = "Beantworte die Frage in einem Satz auf Deutsch, nur mit der nummerierten Quelle.";
    let ask_as = |g: &LocalGenerator, system: &str, passage: &str, question: &str| {
        let prompt = g.render(&[
            Message::new("system", system),
            Message::new(
                "user",
                format!("Quellen:\n\n[1] {passage}\n\nFrage: {question}"),
            ),
        ]);
        g.generate_ids(g.encode(&prompt).unwrap(), 16, true, &mut |_| {})
            .unwrap()
    };
    let ask =
        |g: &LocalGenerator, passage: &str, question: &str| ask_as(g, system, passage, question);
    let first = (
        "Dienstanweisung Fahrtkosten – § 4\nDie Erstattung ist binnen sechs Monaten zu beantragen.",
        "Bis wann muss ich Fahrtkosten beantragen?",
    );
    let second = (
        "Merkblatt Urlaub – § 2\nDer Erholungsurlaub beträgt 30 Arbeitstage im Kalenderjahr.",
        "Wie viele Urlaubstage habe ich?",
    );
    let reusing = load(true);
    let (_, cold) = ask(&reusing, first.0, first.1);
    assert_eq!(
        cold.cached_prompt_tokens, 0,
        "nothing cached before the first prompt"
    );
    let (text, warm) = ask(&reusing, second.0, second.1);
    // the system prompt and the start of the user turn come from the cache
    let system_tokens = reusing
        .encode(&reusing.render(&[Message::new("system", system)]))
        .unwrap()
        .len();
    assert!(
        warm.cached_prompt_tokens >= system_tokens - 4
            && warm.cached_prompt_tokens < warm.prompt_tokens,
        "{warm:?}, system prompt {system_tokens} tokens"
    );
    // the same question again: all but its last token are cached
    let (again, same) = ask(&reusing, second.0, second.1);
    assert_eq!(same.cached_prompt_tokens, same.prompt_tokens - 1);
    // a prompt of another kind in between (the judge's) does not evict the system prompt
    let (_, other) = ask_as(&reusing, "Antworte nur mit Ja oder Nein.", first.0, first.1);
    assert!(other.cached_prompt_tokens < system_tokens - 4, "{other:?}");
    let (after_other, back) = ask(&reusing, second.0, second.1);
    assert!(back.cached_prompt_tokens >= system_tokens - 4, "{back:?}");
    // and the answers are those of a model that reads every prompt from the start
    let fresh = load(false);
    let (reference, stats) = ask(&fresh, second.0, second.1);
    assert_eq!(stats.cached_prompt_tokens, 0);
    assert_eq!(text, reference);
    assert_eq!(again, reference);
    assert_eq!(after_other, reference);
    assert!(text.contains("30"), "{text}");
}
