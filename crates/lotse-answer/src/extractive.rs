//! Extractive answers: no model, the sentences of the retrieved passages that best answer
//! the question, quoted with their citations.
//!
//! A sentence scores by the question terms it contains (analysed like the keyword index:
//! stemmed, compounds split), each weighted by how rare it is among the candidate
//! sentences, plus a prior for its passage's retrieval rank and a bonus for a number or
//! date when the question asks "wie lange / wie viel / wann / bis wann …", and a bonus for
//! the sentence group that vector search found closest to the question.

use crate::Citation;
use crate::citations::{citation, verbatim};
use lotse_core::Hit;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub text: String,
    pub citations: Vec<Citation>,
}

/// Score for lying in the sentence group that vector search matched (scaled by the
/// passage's rank prior): the embedding judged that group closest in meaning.
const MATCHED_PART_BONUS: f32 = 2.0;
/// Most sentences quoted.
const MAX_SENTENCES: usize = 2;
/// A second sentence is quoted if it scores at least this share of the best.
const SECOND_SENTENCE_SHARE: f32 = 0.75;

const QUANTITY_QUESTIONS: &[&str] = &[
    "wie lange",
    "wie viel",
    "wie viele",
    "wie hoch",
    "wie oft",
    "wie schnell",
    "wann",
    "bis wann",
    "ab wann",
    "welche frist",
    "wie weit",
    "wie groß",
    "wie alt",
    "ab welch",
    "bis zu welch",
    "wie teuer",
];

struct Candidate<'a> {
    passage: usize,
    /// In the sentence group that vector search matched best.
    matched: bool,
    sentence: String,
    terms: HashSet<String>,
    hit: &'a Hit,
}

/// Picks the answer sentences from `passages` (best first) for `question`; `terms` analyses
/// text into index terms. `None` when no passage has a sentence.
pub fn answer(
    question: &str,
    passages: &[&Hit],
    terms: impl Fn(&str) -> Vec<String>,
) -> Option<Extracted> {
    let wanted: HashSet<String> = terms(question).into_iter().collect();
    let asks_quantity = {
        let q = question.to_lowercase();
        QUANTITY_QUESTIONS.iter().any(|p| q.contains(p))
    };
    let mut candidates = Vec::new();
    for (i, hit) in passages.iter().enumerate() {
        let matched_group: HashSet<String> = match hit.vector_part {
            Some(part) if part >= 1 => lotse_ingest::chunk::sentence_groups(&hit.text)
                .get(part as usize - 1)
                .map(|g| lotse_ingest::chunk::split_sentences(g))
                .unwrap_or_default()
                .into_iter()
                .collect(),
            _ => HashSet::new(),
        };
        for sentence in lotse_ingest::chunk::split_sentences(&hit.text) {
            // an FAQ's own question restates the question; its answer follows it
            if sentence.ends_with('?') {
                continue;
            }
            let terms: HashSet<String> = terms(&sentence).into_iter().collect();
            candidates.push(Candidate {
                passage: i,
                matched: matched_group.contains(&sentence),
                sentence,
                terms,
                hit,
            });
        }
    }
    if candidates.is_empty() {
        return None;
    }
    let mut df: HashMap<&str, usize> = HashMap::new();
    for c in &candidates {
        for t in c.terms.iter().filter(|t| wanted.contains(*t)) {
            *df.entry(t.as_str()).or_default() += 1;
        }
    }
    let n = candidates.len() as f32;
    let score = |c: &Candidate| -> f32 {
        let overlap: f32 = c
            .terms
            .iter()
            .filter_map(|t| df.get(t.as_str()))
            .map(|&d| (1.0 + n / d as f32).ln())
            .sum();
        let rank_prior = 1.0 / (c.passage as f32 + 1.0);
        let number = asks_quantity && c.sentence.chars().any(|ch| ch.is_ascii_digit());
        let matched = if c.matched {
            MATCHED_PART_BONUS * rank_prior
        } else {
            0.0
        };
        overlap + rank_prior + matched + if number { 1.0 } else { 0.0 }
    };
    let mut scored: Vec<(f32, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (score(c), i))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let best = scored[0].0;
    let mut chosen: Vec<usize> = scored
        .iter()
        .take(MAX_SENTENCES)
        .filter(|(s, _)| *s >= best * SECOND_SENTENCE_SHARE)
        .map(|(_, i)| *i)
        .collect();
    chosen.sort_unstable(); // passage order, then reading order

    let mut text = String::new();
    let mut citations: Vec<Citation> = Vec::new();
    for i in chosen {
        let c = &candidates[i];
        let quote = verbatim(&c.hit.text, &c.sentence)
            .unwrap_or(&c.sentence)
            .to_string();
        let n = match citations.iter().find(|x| x.chunk_id == c.hit.chunk_id) {
            Some(existing) => existing.n,
            None => {
                let n = citations.len() as u32 + 1;
                citations.push(citation(n, c.hit, quote.clone()));
                n
            }
        };
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&format!("„{}“ [{n}]", c.sentence));
    }
    let first = &citations[0];
    let heading = first
        .section
        .rsplit(lotse_core::SECTION_SEPARATOR)
        .next()
        .unwrap_or_default();
    let place = if heading.is_empty() || heading == first.title {
        format!("„{}“", first.title)
    } else {
        format!("„{}“, {heading}", first.title)
    };
    Some(Extracted {
        text: format!("Laut {place}: {text}"),
        citations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(id: &str, text: &str) -> Hit {
        Hit {
            chunk_id: id.into(),
            document_id: "d".into(),
            source: "d.pdf".into(),
            title: "Dienstanweisung".into(),
            collection: "allgemein".into(),
            page: Some(1),
            page_end: None,
            section: "Dienstanweisung › § 9 Protokolle".into(),
            text: text.into(),
            score: 1.0,
            ranks: None,
            keyword_score: None,
            vector_score: None,
            vector_part: None,
        }
    }

    fn words(s: &str) -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 3)
            .map(str::to_lowercase)
            .collect()
    }

    #[test]
    fn quotes_the_sentence_that_answers_and_cites_it() {
        let a = hit(
            "d-0",
            "Die Nutzung wird protokolliert. Protokolle werden 90 Tage gespeichert.\nDanach werden sie gelöscht.",
        );
        let b = hit("d-1", "Protokolle sind vertraulich zu behandeln.");
        let found = answer("Wie lange werden Protokolle gespeichert?", &[&a, &b], words).unwrap();
        assert!(found.text.contains("90 Tage"), "{}", found.text);
        assert!(
            found
                .text
                .starts_with("Laut „Dienstanweisung“, § 9 Protokolle: „")
        );
        assert_eq!(found.citations[0].n, 1);
        assert_eq!(found.citations[0].chunk_id, "d-0");
        assert!(a.text.contains(&found.citations[0].quote));
        assert!(found.text.contains("[1]"));
        assert!(answer("Frage?", &[], words).is_none());
    }
}
