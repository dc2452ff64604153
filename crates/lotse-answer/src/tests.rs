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
