//! Follow-up questions made standalone for retrieval, without a model.
//!
//! "Und für Fahrräder?" after "Wie hoch ist die Wegstreckenentschädigung für Autos?" must
//! search for both. A short question, or one that leans on the previous turn (starts with
//! "und", "aber", "was ist mit", uses "das", "dafür", "dort" …), is searched together with
//! the previous user question; a long self-contained one is searched as it is.

use crate::{Role, Turn};

/// Words with which a question points back at the conversation.
const LEANING_STARTS: &[&str] = &[
    "und",
    "aber",
    "auch",
    "was ist mit",
    "wie ist es mit",
    "wie sieht es mit",
    "gilt das",
    "und wenn",
    "was, wenn",
    "was wenn",
    "dann",
    "sonst",
];
const LEANING_WORDS: &[&str] = &[
    "das",
    "dies",
    "dieses",
    "diese",
    "dafür",
    "dazu",
    "davon",
    "darüber",
    "dort",
    "da",
    "es",
    "ebenfalls",
    "auch",
    "genauso",
    "dasselbe",
];

/// Questions of up to this many words lean on the conversation ("Und für Fahrräder?",
/// "Wie lange?").
const FRAGMENT_WORDS: usize = 3;
/// Questions of up to this many words lean on it unless they name a thing themselves
/// (a capitalised word after the first: "Wo finde ich das Fundbuch?").
const SHORT_WORDS: usize = 5;

/// The query to retrieve with: `question` alone, or joined with the last user question
/// when it is a follow-up.
pub fn standalone_question(question: &str, history: &[Turn]) -> String {
    let question = question.trim();
    let Some(previous) = history
        .iter()
        .rev()
        .find(|t| t.role == Role::User && !t.content.trim().is_empty())
    else {
        return question.to_string();
    };
    let lower = question.to_lowercase();
    let original: Vec<&str> = question
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let words: Vec<String> = original.iter().map(|w| w.to_lowercase()).collect();
    let capitalised = |i: usize| {
        original
            .get(i)
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    let names_a_thing = (1..original.len()).any(capitalised);
    let leans_by_start = LEANING_STARTS.iter().any(|s| {
        lower.starts_with(s) && lower[s.len()..].starts_with(|c: char| !c.is_alphanumeric())
    });
    // "das Fundbuch", "dies Formular": an article before a noun, not a pointer back
    let leans_by_word = words.iter().enumerate().any(|(i, w)| {
        LEANING_WORDS.contains(&w.as_str())
            && !(ARTICLES.contains(&w.as_str()) && capitalised(i + 1))
    });
    let short = words.len() <= FRAGMENT_WORDS || (words.len() <= SHORT_WORDS && !names_a_thing);
    if short || leans_by_start || leans_by_word {
        format!("{} {}", previous.content.trim(), question)
    } else {
        question.to_string()
    }
}

/// Leaning words that are also articles before a noun ("dies"/"diese" before a noun still
/// point back: "diese Regel").
const ARTICLES: &[&str] = &["das"];

#[cfg(test)]
mod tests {
    use super::*;

    fn user(s: &str) -> Turn {
        Turn {
            role: Role::User,
            content: s.into(),
        }
    }

    #[test]
    fn follow_ups_carry_the_previous_question() {
        let history = [
            user("Wie hoch ist die Wegstreckenentschädigung für private Autos?"),
            Turn {
                role: Role::Assistant,
                content: "20 Cent je Kilometer [1].".into(),
            },
        ];
        assert_eq!(
            standalone_question("Und für Fahrräder?", &history),
            "Wie hoch ist die Wegstreckenentschädigung für private Autos? Und für Fahrräder?"
        );
        assert!(
            standalone_question("Gilt das auch für Auszubildende im ersten Jahr?", &history)
                .starts_with("Wie hoch")
        );
        // self-contained questions stay as they are
        let q = "Wie viele Tage pro Woche darf ich mobil arbeiten?";
        assert_eq!(standalone_question(q, &history), q);
        assert_eq!(
            standalone_question("Und für Fahrräder?", &[]),
            "Und für Fahrräder?"
        );
        // short but naming its own subject: a new question
        let q = "Wo finde ich das Fundbuch?";
        assert_eq!(standalone_question(q, &history), q);
        // "das" as a pronoun, and fragments, still lean on the previous question
        assert!(standalone_question("Wo beantrage ich das?", &history).starts_with("Wie hoch"));
        assert!(standalone_question("Wie lange?", &history).starts_with("Wie hoch"));
    }
}
