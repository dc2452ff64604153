//! Query expansion with synonym groups: employees ask about "Logs", "Homeoffice" or
//! "ChatGPT", the rules say "Protokolle", "mobiles Arbeiten" and "KI-Dienste". BM25 only
//! matches the words written, so a keyword query also searches the other members of each
//! group one of its words belongs to, at [`SYNONYM_WEIGHT`] of a typed word's weight.
//! Vector search needs no such help; this only narrows the vocabulary gap of the keyword
//! side. Members are matched on analysed terms, so inflections and compounds count
//! ("Logdateien" contains "Log").

use crate::analyzer::GermanAnalyzer;
use std::collections::HashSet;

/// Weight of an expanded term relative to a term of the query itself.
pub const SYNONYM_WEIGHT: f32 = 0.5;

/// The built-in groups (German public administration).
pub const BUILT_IN: &str = include_str!("synonyms.txt");

/// Synonym groups as written: one group per line, members separated by commas, `#`
/// starts a comment line. Groups with fewer than two members are left out.
pub fn parse_groups(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            l.split(',')
                .map(|m| m.trim().to_string())
                .filter(|m| !m.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|g| g.len() >= 2)
        .collect()
}

/// The terms of each word of `text` as a whole (no compound parts or extra verb stems).
fn word_terms(analyzer: &GermanAnalyzer, text: &str) -> Vec<String> {
    let tokens = analyzer.analyze(text);
    let mut out: Vec<String> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        // the whole word's term is the last token at its position
        let last_at_position = tokens.get(i + 1).is_none_or(|n| n.position != t.position);
        if last_at_position && !out.contains(&t.term) {
            out.push(t.term.clone());
        }
    }
    out
}

/// Groups with each member analysed into its words' terms, once (whole-word terms do not
/// depend on the learned compound dictionary, so they stay valid as documents come in).
pub type AnalysedGroups = Vec<Vec<Vec<String>>>;

/// Analyses `groups` (see [`parse_groups`]) for [`expand`].
pub fn analyse(analyzer: &GermanAnalyzer, groups: &[Vec<String>]) -> AnalysedGroups {
    groups
        .iter()
        .map(|g| g.iter().map(|m| word_terms(analyzer, m)).collect())
        .collect()
}

/// Whether all of a (non-empty) member's words are among the terms `has` knows.
fn is_member_of(member: &[String], has: impl Fn(&String) -> bool) -> bool {
    !member.is_empty() && member.iter().all(has)
}

/// The terms to add to a query whose analysed terms are `query_terms`: for every group
/// with a member all of whose words occur in the query, the words of the other members
/// that the query does not have yet. Deterministic order, no duplicates.
pub fn expand(groups: &[Vec<Vec<String>>], query_terms: &[String]) -> Vec<String> {
    let have: HashSet<&str> = query_terms.iter().map(String::as_str).collect();
    let mut added: Vec<String> = Vec::new();
    for members in groups {
        let matched = members
            .iter()
            .any(|m| is_member_of(m, |t| have.contains(t.as_str())));
        if !matched {
            continue;
        }
        for term in members.iter().flatten() {
            if !have.contains(term.as_str()) && !added.contains(term) {
                added.push(term.clone());
            }
        }
    }
    added
}

/// The other members of every group that has a member all of whose words are among
/// `word_terms` (the analysed terms of one word or phrase), each as its analysed words.
pub fn alternatives(groups: &[Vec<Vec<String>>], word_terms: &[String]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for members in groups {
        let matched = |m: &Vec<String>| is_member_of(m, |t| word_terms.contains(t));
        if !members.iter().any(matched) {
            continue;
        }
        for m in members.iter().filter(|m| !matched(m) && !m.is_empty()) {
            if !out.contains(m) {
                out.push(m.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AnalyzerOptions;
    use crate::compound::Dictionary;

    fn analyzer() -> GermanAnalyzer {
        GermanAnalyzer::new(AnalyzerOptions::default(), Dictionary::new())
    }

    #[test]
    fn built_in_groups_parse_and_comments_are_skipped() {
        let groups = parse_groups(BUILT_IN);
        assert!(groups.len() > 40, "{}", groups.len());
        assert!(groups.iter().all(|g| g.len() >= 2));
        let custom = parse_groups("# comment\nFoo, Bar\n\nalone\n");
        assert_eq!(custom, vec![vec!["Foo".to_string(), "Bar".to_string()]]);
    }

    #[test]
    fn a_colloquial_word_adds_the_official_one_and_inflections_match() {
        let a = analyzer();
        let groups = parse_groups("Logs, Protokolle\nHomeoffice, mobiles Arbeiten");
        let q = a.terms("Wie lange werden die Logs aufgehoben?");
        let added = expand(&analyse(&a, &groups), &q);
        assert_eq!(added, word_terms(&a, "Protokolle"));
        // the added term finds the inflected form of the document
        assert_eq!(a.terms("Protokollen"), added);
        // a multi-word member needs all its words
        let q = a.terms("Darf ich mobil arbeiten?");
        let added = expand(&analyse(&a, &groups), &q);
        assert!(
            added.contains(&word_terms(&a, "Homeoffice")[0]),
            "{added:?}"
        );
        assert!(expand(&analyse(&a, &groups), &a.terms("Wann arbeiten wir?")).is_empty());
    }

    #[test]
    fn nothing_is_added_twice_or_already_in_the_query() {
        let a = analyzer();
        let groups = parse_groups("Handy, Mobiltelefon\nMobiltelefon, Smartphone");
        let q = a.terms("Handy oder Smartphone");
        let added = expand(&analyse(&a, &groups), &q);
        assert_eq!(added, word_terms(&a, "Mobiltelefon"));
    }
}
