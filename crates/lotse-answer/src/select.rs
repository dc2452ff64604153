//! Which sentences answer the question, by meaning: each sentence of the given passages is
//! embedded, read with the heading it stands under, and compared with the question's
//! vector; the closest is quoted, with the sentence it continues.
//!
//! The signal is the embedding model's own similarity, the one retrieval already trusts,
//! instead of word weights fitted to one question set.

use crate::citations::{citation, verbatim};
use crate::extractive::{Extracted, continues, is_lead, place_of, words};
use lotse_core::{EmbedError, Embedder, Hit};

/// Most sentences quoted: the best one and the one it continues or that completes it.
const MAX_SENTENCES: usize = 2;

/// A quotable sentence of a passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<'a> {
    pub hit: &'a Hit,
    /// Sentences of one paragraph, FAQ answer or table share a block; a quote stays in it.
    pub block: usize,
    pub sentence: String,
    /// What the sentence is embedded as: the heading it stands under, the line leading it
    /// (an FAQ question, a table's header row) and the sentence.
    pub embedded: String,
}

/// The sentences of `passages` in reading order, each with what leads it.
pub fn candidates<'a>(passages: &[&'a Hit]) -> Vec<Candidate<'a>> {
    let mut out = Vec::new();
    let mut block = 0;
    for hit in passages {
        let heading = hit
            .section
            .rsplit(lotse_core::SECTION_SEPARATOR)
            .next()
            .filter(|h| !h.is_empty())
            .unwrap_or(&hit.title);
        let mut lead: Option<String> = None;
        let mut in_table = false;
        for line in hit.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let table_row = line.matches('|').count() >= 2;
            let leads = if table_row { !in_table } else { is_lead(line) };
            in_table = table_row;
            let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
            if leads {
                block += 1;
                lead = Some(line);
                continue;
            }
            if lead.is_none() {
                block += 1; // a paragraph is a block of its own
            }
            let sentences = if table_row {
                vec![line]
            } else {
                lotse_ingest::chunk::split_sentences(&line)
            };
            for sentence in sentences {
                let embedded = match &lead {
                    Some(lead) => format!("{heading}: {lead} {sentence}"),
                    None => format!("{heading}: {sentence}"),
                };
                out.push(Candidate {
                    hit,
                    block,
                    sentence,
                    embedded,
                });
            }
        }
    }
    out
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The quote around the best sentence `best`: the sentence it continues ("Er …", "… jedoch
/// …"), else the one that continues it or that a very short one ("Ja.") opens.
fn quote_around(candidates: &[Candidate], best: usize) -> Vec<usize> {
    let same_block = |i: usize| candidates[i].block == candidates[best].block;
    let prev = best.checked_sub(1).filter(|&i| same_block(i));
    let next = Some(best + 1).filter(|&i| i < candidates.len() && same_block(i));
    let this = &candidates[best].sentence;
    let mut quote = vec![best];
    if let Some(p) = prev.filter(|_| continues(this)) {
        quote.insert(0, p);
    } else if let Some(n) = next.filter(|&n| {
        continues(&candidates[n].sentence) || words(this) <= 3 || this.ends_with(':')
    }) {
        quote.push(n);
    }
    quote.truncate(MAX_SENTENCES);
    quote
}

/// The sentence of `passages` closest in meaning to the question (its vector
/// `query_vector`), quoted with its citation; `None` when no passage has a sentence.
pub fn answer(
    query_vector: &[f32],
    passages: &[&Hit],
    embedder: &dyn Embedder,
) -> Result<Option<Extracted>, EmbedError> {
    let candidates = candidates(passages);
    if candidates.is_empty() {
        return Ok(None);
    }
    let texts: Vec<&str> = candidates.iter().map(|c| c.embedded.as_str()).collect();
    let vectors = embedder.embed_passages(&texts)?;
    let similarity: Vec<f32> = vectors.iter().map(|v| dot(v, query_vector)).collect();
    let best = (0..candidates.len())
        .max_by(|&a, &b| similarity[a].total_cmp(&similarity[b]).then(b.cmp(&a)))
        .expect("candidates are not empty");
    let quote = quote_around(&candidates, best);
    let hit = candidates[best].hit;
    let quoted: Vec<&str> = quote
        .iter()
        .map(|&i| candidates[i].sentence.as_str())
        .collect();
    let joined = quoted.join(" ");
    let cited = verbatim(&hit.text, &joined).unwrap_or(&joined).to_string();
    let text = format!(
        "Laut {}: {} [1]",
        place_of(&hit.title, &hit.section),
        quoted
            .iter()
            .map(|s| format!("„{s}“"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    Ok(Some(Extracted {
        text,
        citations: vec![citation(1, hit, cited)],
    }))
}
