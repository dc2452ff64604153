use super::*;
use crate::judge::WordJudge;
use lotse_core::Scope;

#[test]
fn modes_parse_and_errors_have_codes() {
    assert_eq!(
        "Extractive".parse::<AnswerMode>(),
        Ok(AnswerMode::Extractive)
    );
    assert!("llm".parse::<AnswerMode>().is_err());
    assert_eq!(AnswerError::EmptyQuestion.code(), "empty_question");
    assert!(AnswerError::NoGenerator.is_client_error());
}

#[test]
fn abstention_names_what_was_searched() {
    let m = abstention_message("Hundesteuer Befreiung", &["personal".into()]);
    assert!(m.contains("„Hundesteuer Befreiung“"));
    assert!(m.contains("personal"));
}

#[test]
fn sections_are_shown_without_their_title() {
    assert_eq!(
        section_within("Merkblatt", "Merkblatt › Abschnitt 4"),
        "Abschnitt 4"
    );
    assert_eq!(section_within("Merkblatt", "Merkblatt"), "Merkblatt");
    assert_eq!(section_within("A", "B › C"), "B › C");
}

fn index_of(texts: &[&str]) -> lotse_retrieve::KeywordIndex {
    use lotse_core::{Chunk, DocumentMeta, Format};
    let index = lotse_retrieve::KeywordIndex::in_memory(lotse_retrieve::AnalyzerOptions::default())
        .unwrap();
    let meta = DocumentMeta {
        id: "dv".into(),
        source: "dv.md".into(),
        title: "Dienstvereinbarung".into(),
        collection: "allgemein".into(),
        format: Format::Markdown,
        content_sha256: "0".into(),
        ingested_at: "2026-01-01T00:00:00Z".into(),
        stand: None,
        pages: None,
        chunks: texts.len() as u32,
        bytes: 1,
        embedding_model: None,
        flagged_passages: 0,
        scanned_pages: 0,
        validity: Default::default(),
        kind: None,
        superseded_by: None,
    };
    let chunks: Vec<Chunk> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Chunk {
            id: format!("dv-{i}"),
            document_id: "dv".into(),
            ordinal: i as u32,
            section: "Dienstvereinbarung".into(),
            text: (*t).into(),
            page: None,
            page_end: None,
            scan_confidence: None,
        })
        .collect();
    let mut w = index.writer().unwrap();
    w.add_document(&meta, &chunks).unwrap();
    w.commit().unwrap();
    drop(w);
    index
}

#[test]
fn unknown_words_are_the_nouns_no_passage_contains() {
    let index = index_of(&[
        "Mobiles Arbeiten ist an bis zu drei Tagen pro Woche möglich.",
        "Der Urlaub ist rechtzeitig zu beantragen; Tage der Dienstreise zählen nicht.",
    ]);
    // the sources speak of "Urlaub" and "Tagen", never of Urlaubstage
    assert_eq!(
        unknown_words("Wie viele Urlaubstage habe ich?", &index, &Scope::All),
        vec!["Urlaubstage".to_string()]
    );
    // "Homeoffice" is known by its synonym "mobiles Arbeiten"; inflections count
    assert!(
        unknown_words(
            "Wie viele Tage Homeoffice sind erlaubt?",
            &index,
            &Scope::All
        )
        .is_empty()
    );
    assert_eq!(
        unknown_words("Gibt es in der Kantine ein Jobticket?", &index, &Scope::All),
        vec!["Kantine".to_string(), "Jobticket".to_string()]
    );
    // only the searched collections count
    assert_eq!(
        unknown_words(
            "Wie viele Tage Homeoffice?",
            &index,
            &Scope::only(["personal"])
        ),
        vec!["Tage".to_string(), "Homeoffice".to_string()]
    );
    assert!(
        unknown_words(
            "Wie viele Tage Homeoffice?",
            &index,
            &Scope::only(["allgemein"])
        )
        .is_empty()
    );
    // typed without capitals: every word is checked
    assert_eq!(
        unknown_words("gibt es ein jobticket", &index, &Scope::All),
        vec!["jobticket".to_string()]
    );
}

#[test]
fn evidence_needs_more_when_the_question_names_unknown_things() {
    let config = AnswerConfig {
        min_vector_score: 0.85,
        min_vector_score_known_words: 0.83,
        ..AnswerConfig::default()
    };
    let evidence = |v: f32, unknown: bool| Evidence {
        best_vector: Some(v),
        best_keyword: Some(10.0),
        has_unknown_words: unknown,
    };
    assert!(!evidence(0.84, false).is_weak(&config));
    assert!(evidence(0.84, true).is_weak(&config));
    assert!(evidence(0.82, false).is_weak(&config));
    assert!(!evidence(0.86, true).is_weak(&config));
    assert!(evidence(0.84, true).weakness(&config).contains("0.850"));
    assert!(evidence(0.82, false).weakness(&config).contains("0.830"));
}

#[test]
fn abstention_names_the_unknown_words() {
    let one = abstention_message_naming("Kantine", &[], &["Kantine".into()]);
    assert!(
        one.ends_with("Der Begriff „Kantine“ kommt in den durchsuchten Quellen nicht vor."),
        "{one}"
    );
    let two = abstention_message_naming("x", &[], &["Kantine".into(), "Jobticket".into()]);
    assert!(
        two.contains("Die Begriffe „Kantine“, „Jobticket“ kommen"),
        "{two}"
    );
    assert_eq!(
        abstention_message_naming("x", &[], &[]),
        abstention_message("x", &[])
    );
}

fn judged_answerer(
    word: &'static str,
    enabled: bool,
    // the temporary directory first: locals drop in reverse, so it outlives the index
) -> (tempfile::TempDir, Answerer, Arc<WordJudge>) {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(
        docs.join("reisekosten.md"),
        "# Merkblatt Reisekosten\n\n## Kraftfahrzeug\n\nFür Fahrten mit dem privaten Kraftfahrzeug \
         werden 20 Cent je Kilometer erstattet.\n\n## Rad\n\nFür Fahrten mit dem Fahrrad werden \
         5 Cent je Kilometer erstattet.\n",
    )
    .unwrap();
    let mut config = lotse_engine::EngineConfig::new(tmp.path().join("data"));
    config.embedder = Some(Arc::new(lotse_core::HashEmbedder::new(64)));
    let engine = Engine::open(config).unwrap();
    engine
        .ingest(&[docs], "allgemein", &mut lotse_engine::Quiet)
        .unwrap();
    let judge = Arc::new(WordJudge::new(word));
    let config = AnswerConfig {
        // the fake embedder's cosines mean nothing
        min_vector_score: 0.0,
        min_vector_score_known_words: 0.0,
        judge: enabled,
        ..AnswerConfig::default()
    };
    let generator: Arc<dyn Generator> = judge.clone();
    (
        tmp,
        Answerer::new(Arc::new(engine), Some(generator), config),
        judge,
    )
}

fn ask_extractive(answerer: &Answerer, question: &str) -> Answer {
    let request = AskRequest {
        question: question.into(),
        mode: AnswerMode::Extractive,
        ..AskRequest::default()
    };
    answerer.ask(&request, &mut |_| {}).unwrap()
}

#[test]
fn the_judge_picks_the_passage_that_answers() {
    let (_tmp, answerer, judge) = judged_answerer("Fahrrad", true);
    // retrieval puts the Kraftfahrzeug passage first, its wording matches; the judge says
    // the other one answers, and that one is quoted
    let a = ask_extractive(
        &answerer,
        "Wie viel Cent je Kilometer werden für Fahrten mit dem privaten Kraftfahrzeug erstattet?",
    );
    assert!(a.retrieval[0].text.contains("Kraftfahrzeug"));
    assert!(!a.abstained, "{}", a.answer);
    assert!(a.citations[0].quote.contains("Fahrrad"), "{}", a.answer);
    assert_eq!(a.context.judgements.len(), 2);
    // only the passage judged to answer is quoted from; the other is dropped, saying why
    assert_eq!(a.context.passages.len(), 1);
    let dropped = &a.context.dropped[0];
    assert_eq!(dropped.chunk_id, a.retrieval[0].chunk_id);
    assert!(
        dropped.reason.contains("Sprachmodell"),
        "{}",
        dropped.reason
    );
    assert_eq!(judge.calls.load(std::sync::atomic::Ordering::Relaxed), 2);
}

#[test]
fn the_judge_saying_no_to_every_passage_abstains() {
    let (_tmp, answerer, _judge) = judged_answerer("Kantine", true);
    let a = ask_extractive(
        &answerer,
        "Wie viel Cent je Kilometer werden für Fahrten erstattet?",
    );
    assert!(a.abstained);
    assert!(a.citations.is_empty());
    assert!(
        a.context.dropped[0].reason.contains("Sprachmodell"),
        "{:?}",
        a.context.dropped
    );
}

#[test]
fn without_the_judge_switch_the_model_is_not_asked() {
    let (_tmp, answerer, judge) = judged_answerer("Kantine", false);
    let a = ask_extractive(
        &answerer,
        "Wie viel Cent je Kilometer werden für Fahrten erstattet?",
    );
    assert!(!a.abstained);
    assert!(a.context.judgements.is_empty());
    assert_eq!(judge.calls.load(std::sync::atomic::Ordering::Relaxed), 0);
}

#[test]
fn abstention_thresholds_follow_the_embedding_model() {
    let mut config = AnswerConfig::default();
    assert!(config.calibrate_for("embeddinggemma-300m;dim=768;max_len=512;prefixes=model"));
    // EmbeddingGemma's cosines live far below e5's
    assert!(config.min_vector_score < 0.5 && config.min_vector_score_known_words < 0.5);
    assert!(config.min_vector_score >= config.min_vector_score_known_words);
    assert!(config.calibrate_for("multilingual-e5-small;dim=384;max_len=512;prefixes=e5"));
    assert_eq!(config.min_vector_score, DEFAULT_MIN_VECTOR_SCORE);
    assert_eq!(
        config.min_vector_score_known_words,
        DEFAULT_MIN_VECTOR_SCORE_KNOWN_WORDS
    );
    // a model nobody measured keeps what was configured
    let mut other = AnswerConfig {
        min_vector_score: 0.7,
        ..AnswerConfig::default()
    };
    assert!(!other.calibrate_for("my-model;dim=1024"));
    assert_eq!(other.min_vector_score, 0.7);
}
