//! What an answer says about the validity of its sources: a rule not in force yet, and two
//! documents of one collection that state different figures for the question.
//!
//! Superseded documents never get here (the engine leaves them out of answers); what
//! remains are documents that no version statement links, such as an old circular and a
//! new directive with different titles.

use lotse_core::Hit;
use lotse_ingest::validity::german_date;

/// Cosine (multilingual-e5 passage embeddings) two quotes need to count as the same
/// statement. Measured: the same rule with other figures 0.93–0.97 (paraphrased or not);
/// different rules that count the same unit 0.86–0.91 (3 pairs of the laws development
/// set, opening hours against reception hours).
const MIN_SIMILARITY: f32 = 0.92;

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

/// Looks among the passages the answer was given for one of another document of the same
/// collection that states the same thing with other figures: a sentence of its quote
/// (`quote_of`) and a sentence of the answer count the same thing with other numbers, and
/// read alike. `answered` is the passage the answer follows, `answer_sentences` what it
/// quotes of that document.
pub fn find_conflict<'a>(
    question_terms: &[String],
    answered: &'a Hit,
    answer_sentences: &[&str],
    context: &[&'a Hit],
    terms: impl Fn(&str) -> Vec<String>,
    quote_of: impl Fn(&Hit) -> Option<Vec<String>>,
    similarity: impl Fn(&str, &str) -> Option<f32>,
) -> Option<Conflict<'a>> {
    let counted: Vec<(&str, Vec<Amount>)> = answer_sentences
        .iter()
        .map(|s| (*s, amounts(s)))
        .filter(|(_, a)| !a.is_empty())
        .collect();
    if counted.is_empty() {
        return None;
    }
    let overlap = |text: &str| -> usize {
        let have = terms(text);
        question_terms.iter().filter(|t| have.contains(t)).count()
    };
    for &other in context {
        if other.document_id == answered.document_id || other.collection != answered.collection {
            continue;
        }
        let Some(other_sentences) = quote_of(other) else {
            continue;
        };
        // the pair of sentences, one of each side, that disagree and read most alike
        let mut best: Option<(Option<f32>, &str, &str)> = None;
        for (mine, my_amounts) in &counted {
            for theirs in &other_sentences {
                if !disagree(my_amounts, &amounts(theirs)) {
                    continue;
                }
                // The same statement with other numbers reads alike (the embeddings'
                // cosine); rules about different things that count the same unit do not.
                // Without a model, the other sentence must share as many of the
                // question's terms.
                let similar = similarity(mine, theirs);
                let better = match (&best, similar) {
                    (None, _) => true,
                    (Some((Some(b), _, _)), Some(s)) => s > *b,
                    _ => false,
                };
                if better {
                    best = Some((similar, mine, theirs));
                }
            }
        }
        let Some((similar, mine, theirs)) = best else {
            continue;
        };
        tracing::debug!(
            answered = %answered.chunk_id,
            other = %other.chunk_id,
            similarity = ?similar,
            "figures disagree"
        );
        let same_statement = match similar {
            Some(s) => s >= MIN_SIMILARITY,
            None => overlap(theirs) >= overlap(mine).max(1),
        };
        if !same_statement {
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
                older_quote: mine.to_string(),
            }
        } else {
            Conflict {
                newer: answered,
                older: other,
                older_quote: theirs.to_string(),
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

/// An amount a text states: a number and the word it counts ("15 Euro", "drei
/// Arbeitstagen"), the number normalised ("15,50", "3"), the word in lower case.
type Amount = (String, String);

/// Do two texts give other numbers for the same thing? Some word is counted in both, and
/// never with the same number ("2 Tagen" against "3 Tagen"; "Statt 10 Euro … nun 15 Euro"
/// against "15 Euro" agree). Words are the same where one ends with the other
/// ("Arbeitstagen", "Tagen"). Numbers counting different things (308 Punkte, 38
/// Nominierungen) are no disagreement.
fn disagree(a: &[Amount], b: &[Amount]) -> bool {
    let same = |x: &str, y: &str| x.ends_with(y) || y.ends_with(x);
    a.iter().any(|(_, unit)| {
        let in_a: Vec<&str> = a
            .iter()
            .filter(|(_, u)| same(u, unit))
            .map(|(n, _)| n.as_str())
            .collect();
        let in_b: Vec<&str> = b
            .iter()
            .filter(|(_, u)| same(u, unit))
            .map(|(n, _)| n.as_str())
            .collect();
        !in_b.is_empty() && in_b.iter().all(|n| !in_a.contains(n))
    })
}

/// The amounts of a text. Ordinals ("14. Mai") and years are dates, not amounts; number
/// words up to twelve count ("drei Arbeitstage").
fn amounts(text: &str) -> Vec<Amount> {
    const NUMBER_WORDS: &[&str] = &[
        "null", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
        "elf", "zwölf",
    ];
    const NOT_UNITS: &[&str] = &[
        "bis", "und", "oder", "von", "vom", "der", "die", "das", "des", "den", "dem", "im", "in",
        "am", "an", "auf", "zu", "zum", "zur", "mit", "nach", "vor", "für", "je", "pro", "bzw",
        "sowie", "jeweils", "ab", "als", "eine", "einer", "einem",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, raw) in words.iter().enumerate() {
        let word = raw.trim_matches(|c: char| matches!(c, '(' | '„' | '“' | '"' | ','));
        let lower = word.to_lowercase();
        let number = if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            // "14." is an ordinal, a year is a date
            if word.ends_with('.') || word.ends_with(':') {
                continue;
            }
            let n: String = word
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
                .map(|c| if c == '.' { ',' } else { c })
                .collect();
            let n = n.trim_end_matches(',').to_string();
            let year = n.len() == 4 && (n.starts_with("19") || n.starts_with("20"));
            if year || n.is_empty() {
                continue;
            }
            n
        } else if let Some(v) = NUMBER_WORDS.iter().position(|w| *w == lower) {
            v.to_string()
        } else {
            continue;
        };
        let Some(next) = words.get(i + 1) else {
            continue;
        };
        let unit: String = next
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if unit.chars().count() >= 3
            && unit.chars().all(char::is_alphabetic)
            && !NOT_UNITS.contains(&unit.as_str())
        {
            out.push((number, unit));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(text: &str) -> Vec<Amount> {
        amounts(text)
    }

    #[test]
    fn amounts_are_numbers_with_what_they_count() {
        assert_eq!(
            a("kostet 15,50 Euro im Monat"),
            vec![("15,50".to_string(), "euro".to_string())]
        );
        assert_eq!(
            a("an höchstens drei Arbeitstagen, ab 1. Juni 2025 jeweils 2 Stunden."),
            vec![
                ("3".to_string(), "arbeitstagen".to_string()),
                ("2".to_string(), "stunden".to_string())
            ]
        );
        assert!(a("ohne Zahl, am 14. Mai 2025").is_empty());
    }

    #[test]
    fn disagreement_needs_the_same_thing_counted_with_other_numbers() {
        assert!(disagree(
            &a("an bis zu 3 Tagen pro Woche"),
            &a("an höchstens 2 Tagen")
        ));
        assert!(disagree(&a("an drei Arbeitstagen"), &a("an 2 Tagen")));
        assert!(disagree(
            &a("Der Erholungsurlaub beträgt 28 Tage im Jahr."),
            &a(
                "Die Kernarbeitszeit beginnt um 9 Uhr. Beschäftigte haben Anspruch auf 30 Tage Erholungsurlaub."
            )
        ));
        assert!(!disagree(
            &a("kostet 15 Euro"),
            &a("Statt 10 Euro nun 15 Euro")
        ));
        assert!(!disagree(
            &a("gab nur 308 Punkte ab"),
            &a("eine von 38 möglichen Nominierungen")
        ));
        assert!(!disagree(&a("kostet 15 Euro"), &a("dauert 3 Wochen")));
    }
}
