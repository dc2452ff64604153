//! What an answer says about the validity of its sources: a rule not in force yet, and two
//! documents of one collection that state different figures for the question.
//!
//! Superseded documents never get here (the engine leaves them out of answers); what
//! remains are documents that no version statement links, such as an old circular and a
//! new directive with different titles.

use lotse_core::Hit;
use lotse_ingest::validity::german_date;

/// How many of the top passages are compared with the one the answer quotes.
const COMPARED: usize = 3;

/// The note for cited documents that take effect later: "„Dienstanweisung …“ gilt erst ab
/// 1. März 2026."
pub fn pending_note(cited: &[&Hit]) -> Option<String> {
    let mut seen = Vec::new();
    let parts: Vec<String> = cited
        .iter()
        .filter(|h| {
            let first = !seen.contains(&h.document_id);
            seen.push(h.document_id.clone());
            first
        })
        .filter_map(|h| {
            let from = h.pending_from.as_deref()?;
            Some(format!("„{}“ gilt erst ab {}", h.title, german_date(from)))
        })
        .collect();
    (!parts.is_empty()).then(|| format!("Hinweis: {}.", parts.join("; ")))
}

/// A passage of another document that answers the question with other figures.
#[derive(Debug, Clone)]
pub struct Conflict<'a> {
    /// The passage the answer should follow: of the newer document.
    pub newer: &'a Hit,
    /// The passage of the older (or undated) one.
    pub older: &'a Hit,
    /// The sentence of the older document, as quoted.
    pub older_quote: String,
}

/// Looks among the top passages for one of another document of the same collection whose
/// quote (`quote_of`) shares as many of the question's terms as the answer's and states
/// other figures. `answered` is the passage the answer quotes, `answer_quote` its sentences.
pub fn find_conflict<'a>(
    question_terms: &[String],
    answered: &'a Hit,
    answer_quote: &str,
    context: &[&'a Hit],
    terms: impl Fn(&str) -> Vec<String>,
    quote_of: impl Fn(&Hit) -> Option<String>,
) -> Option<Conflict<'a>> {
    let figures_answered = figures(answer_quote);
    if figures_answered.is_empty() {
        return None;
    }
    let overlap = |text: &str| -> usize {
        let have = terms(text);
        question_terms.iter().filter(|t| have.contains(t)).count()
    };
    let answered_overlap = overlap(answer_quote);
    for &other in context.iter().take(COMPARED) {
        if other.document_id == answered.document_id || other.collection != answered.collection {
            continue;
        }
        let Some(other_quote) = quote_of(other) else {
            continue;
        };
        let figures_other = figures(&other_quote);
        let disagree = !figures_other.is_empty()
            && figures_other.iter().all(|f| !figures_answered.contains(f));
        if !disagree || overlap(&other_quote) < answered_overlap.max(1) {
            continue;
        }
        let other_newer = match (other.dated.as_deref(), answered.dated.as_deref()) {
            (Some(o), Some(a)) => o > a,
            (Some(_), None) => true,
            _ => false,
        };
        return Some(if other_newer {
            Conflict {
                newer: other,
                older: answered,
                older_quote: answer_quote.to_string(),
            }
        } else {
            Conflict {
                newer: answered,
                older: other,
                older_quote: other_quote,
            }
        });
    }
    None
}

/// The note naming the conflict: which document the answer follows and what the other says.
pub fn conflict_note(conflict: &Conflict<'_>) -> String {
    let dated = |h: &Hit| match h.dated.as_deref() {
        Some(d) => format!("„{}“ ({})", h.title, german_date(d)),
        None => format!("„{}“", h.title),
    };
    format!(
        "Achtung, die Quellen widersprechen sich: Die Antwort folgt {}, dem neueren Dokument; {} sagt dazu: „{}“",
        dated(conflict.newer),
        dated(conflict.older),
        conflict.older_quote.trim()
    )
}

/// The figures a text states: numbers with their decimal part ("15", "15,50", "2.500").
fn figures(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let inner_separator = matches!(c, ',' | '.')
            && !current.is_empty()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || inner_separator {
            current.push(if c == '.' { ',' } else { c });
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_numbers_with_their_decimals() {
        assert_eq!(figures("kostet 15,50 Euro im Monat"), vec!["15,50"]);
        assert_eq!(figures("2.500 Euro, ab 3 Tagen."), vec!["2,500", "3"]);
        assert!(figures("ohne Zahl").is_empty());
    }
}
