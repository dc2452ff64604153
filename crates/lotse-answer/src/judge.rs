//! The language model as a judge rather than a writer: does this passage answer the
//! question? One forward pass over a short prompt, read off the log-probabilities of the
//! reply starting with "Ja" or "Nein"; no text is generated, so it costs the prompt's
//! reading time only (no decoding) and can't invent anything.
//!
//! Two decisions use it (see [`crate::Answerer`]): whether the question is answerable at
//! all (the best judged passage must reach a threshold calibrated on every development
//! set, see `benches/abstention_curve.py`), and which of the top passages answers (only
//! those the judge says answer are quoted or put into the prompt, best first).

use crate::{GenerateError, Generator, Message};
use lotse_core::Hit;

/// Words of a passage the judge reads: long §§ are cut, their start carries the rule.
pub const JUDGED_WORDS: usize = 120;

const SYSTEM: &str = "Du prüfst für eine Stadtverwaltung, ob ein Abschnitt aus ihren \
Dokumenten die Frage einer Mitarbeiterin oder eines Mitarbeiters beantwortet. Antworte nur \
mit Ja oder Nein.";

/// The judge's prompt for one passage.
pub fn messages(question: &str, passage: &Hit) -> Vec<Message> {
    let words: Vec<&str> = passage.text.split_whitespace().collect();
    let mut text = words[..words.len().min(JUDGED_WORDS)].join(" ");
    if words.len() > JUDGED_WORDS {
        text.push_str(" …");
    }
    let section = crate::section_within(&passage.title, &passage.section);
    vec![
        Message::new("system", SYSTEM),
        Message::new(
            "user",
            format!(
                "Abschnitt aus „{}“, {section}:\n{text}\n\nFrage: {question}\n\nSteht die \
                 Antwort auf diese Frage in dem Abschnitt? Antworte mit Ja oder Nein.",
                passage.title
            ),
        ),
    ]
}

/// log P(Ja) − log P(Nein) for `passage` answering `question`: above 0 the judge leans to
/// yes. `None` where the generator can't score (an upstream server).
pub fn score(
    generator: &dyn Generator,
    question: &str,
    passage: &Hit,
) -> Result<Option<f32>, GenerateError> {
    Ok(generator
        .choice_logprobs(&messages(question, passage), &["Ja", "Nein"])?
        .and_then(|s| match s.as_slice() {
            [yes, no] => Some(yes - no),
            _ => None,
        }))
}

/// A passage's judgement, for the answer's trace.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Judgement {
    pub chunk_id: String,
    /// log P(Ja) − log P(Nein).
    pub score: f32,
}

/// The judge's score of the passage `chunk_id`; `None` if it was not judged.
pub fn score_of(judgements: &[Judgement], chunk_id: &str) -> Option<f32> {
    judgements
        .iter()
        .find(|j| j.chunk_id == chunk_id)
        .map(|j| j.score)
}

/// Keeps the passages of `context` the judge says answer (score at least `threshold`),
/// best first, retrieval's order breaking ties; returns those it dropped. Without
/// judgements (no judge) `context` stays as it is.
pub fn keep_answering<'a>(
    context: &mut Vec<&'a Hit>,
    judgements: &[Judgement],
    threshold: f32,
) -> Vec<&'a Hit> {
    if judgements.is_empty() {
        return Vec::new();
    }
    let score = |h: &Hit| score_of(judgements, &h.chunk_id);
    let (kept, dropped): (Vec<&Hit>, Vec<&Hit>) = context
        .iter()
        .partition(|h| score(h).is_some_and(|s| s >= threshold));
    *context = kept;
    // sort_by is stable: equal scores keep retrieval's order
    context.sort_by(|a, b| {
        score(b)
            .unwrap_or(f32::MIN)
            .total_cmp(&score(a).unwrap_or(f32::MIN))
    });
    dropped
}

/// A judge for tests: says "Ja" to passages containing `word`, "Nein" to the rest, with the
/// log-probabilities a model would give; counts its calls.
#[cfg(test)]
pub(crate) struct WordJudge {
    pub word: &'static str,
    /// Log-probabilities of "Ja" and "Nein" for a passage with the word, and for one without.
    pub yes: [f32; 2],
    pub no: [f32; 2],
    pub calls: std::sync::atomic::AtomicUsize,
}

#[cfg(test)]
impl WordJudge {
    pub fn new(word: &'static str) -> WordJudge {
        WordJudge {
            word,
            yes: [-0.1, -2.0],
            no: [-2.0, -0.1],
            calls: Default::default(),
        }
    }
}

#[cfg(test)]
impl Generator for WordJudge {
    fn name(&self) -> &str {
        "word judge"
    }
    fn count_tokens(&self, text: &str) -> usize {
        text.split_whitespace().count()
    }
    fn context_budget(&self) -> usize {
        1000
    }
    fn generate(&self, _: &[Message], _: &mut dyn FnMut(&str)) -> Result<String, GenerateError> {
        panic!("the judge is asked to judge, not to write")
    }
    fn choice_logprobs(
        &self,
        messages: &[Message],
        choices: &[&str],
    ) -> Result<Option<Vec<f32>>, GenerateError> {
        self.calls
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        assert_eq!(choices, ["Ja", "Nein"]);
        let passage = messages[1].content.split("\n\nFrage:").next().unwrap_or("");
        Ok(Some(if passage.contains(self.word) {
            self.yes.to_vec()
        } else {
            self.no.to_vec()
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(id: &str, text: &str) -> Hit {
        Hit {
            chunk_id: id.into(),
            document_id: "d".into(),
            source: "x.md".into(),
            title: "DA".into(),
            collection: "allgemein".into(),
            page: None,
            page_end: None,
            section: "DA › § 2 Fristen".into(),
            text: text.into(),
            score: 1.0,
            ranks: None,
            keyword_score: None,
            vector_score: None,
            vector_part: None,
            planted: Vec::new(),
            scan_confidence: None,
            kind: None,
            superseded_by: None,
            pending_from: None,
            dated: None,
        }
    }

    #[test]
    fn the_score_is_the_log_odds_of_yes() {
        let judge = WordJudge {
            yes: [-0.1, -2.5],
            no: [-3.0, -0.05],
            ..WordJudge::new("Widerspruch")
        };
        let yes = score(
            &judge,
            "Wie lange Widerspruch?",
            &hit("a", "Der Widerspruch ist …"),
        );
        let no = score(&judge, "Wie lange Widerspruch?", &hit("b", "Die Kantine …"));
        assert!((yes.unwrap().unwrap() - 2.4).abs() < 1e-6);
        assert!((no.unwrap().unwrap() + 2.95).abs() < 1e-6);
    }

    #[test]
    fn a_backend_that_cannot_score_gives_none() {
        struct Writer;
        impl Generator for Writer {
            fn name(&self) -> &str {
                "writer"
            }
            fn count_tokens(&self, _: &str) -> usize {
                0
            }
            fn context_budget(&self) -> usize {
                0
            }
            fn generate(
                &self,
                _: &[Message],
                _: &mut dyn FnMut(&str),
            ) -> Result<String, GenerateError> {
                Ok(String::new())
            }
        }
        assert_eq!(score(&Writer, "Frage?", &hit("a", "Text")).unwrap(), None);
    }

    #[test]
    fn long_passages_are_cut_and_the_place_is_named() {
        let long = vec!["Wort"; JUDGED_WORDS + 50].join(" ");
        let m = messages("Frage?", &hit("a", &long));
        assert_eq!(m.len(), 2);
        let user = &m[1].content;
        assert!(user.starts_with("Abschnitt aus „DA“, § 2 Fristen:"));
        assert_eq!(user.matches("Wort").count(), JUDGED_WORDS);
        assert!(user.contains("…\n\nFrage: Frage?"));
    }

    #[test]
    fn passages_judged_to_answer_are_kept_best_first_ties_in_retrieval_order() {
        let (a, b, c, d, e) = (
            hit("a", ""),
            hit("b", ""),
            hit("c", ""),
            hit("d", ""),
            hit("e", ""),
        );
        let j = |id: &str, score: f32| Judgement {
            chunk_id: id.into(),
            score,
        };
        let judgements = [j("a", 1.0), j("b", 2.0), j("c", 1.0), j("d", -0.5)];
        let mut context = vec![&a, &b, &c, &d, &e];
        let dropped = keep_answering(&mut context, &judgements, 0.0);
        let ids = |hits: &[&Hit]| hits.iter().map(|h| h.chunk_id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&context), ["b", "a", "c"]);
        // judged no, or not judged at all
        assert_eq!(ids(&dropped), ["d", "e"]);
        // no judge: nothing changes
        let mut context = vec![&a, &b];
        assert!(keep_answering(&mut context, &[], 0.0).is_empty());
        assert_eq!(ids(&context), ["a", "b"]);
    }
}
