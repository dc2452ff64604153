use super::*;

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
        unknown_words("Wie viele Urlaubstage habe ich?", &index, &[]),
        vec!["Urlaubstage".to_string()]
    );
    // "Homeoffice" is known by its synonym "mobiles Arbeiten"; inflections count
    assert!(unknown_words("Wie viele Tage Homeoffice sind erlaubt?", &index, &[]).is_empty());
    assert_eq!(
        unknown_words("Gibt es in der Kantine ein Jobticket?", &index, &[]),
        vec!["Kantine".to_string(), "Jobticket".to_string()]
    );
    // only the searched collections count
    assert_eq!(
        unknown_words("Wie viele Tage Homeoffice?", &index, &["personal".into()]),
        vec!["Tage".to_string(), "Homeoffice".to_string()]
    );
    assert!(unknown_words("Wie viele Tage Homeoffice?", &index, &["allgemein".into()]).is_empty());
    // typed without capitals: every word is checked
    assert_eq!(
        unknown_words("gibt es ein jobticket", &index, &[]),
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
