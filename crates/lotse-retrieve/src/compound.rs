//! Splitting German compounds into known words: "reisekostenabrechnung" →
//! "reisekosten" + "abrechnung" → "reise" + "kosten" + "abrechnung".
//!
//! The dictionary is learned from the indexed corpus's own vocabulary: every word that occurs
//! on its own somewhere in the corpus can be a part of a compound elsewhere. That needs no
//! external word list, adapts to each administration's jargon and keeps false splits rare,
//! because a part must be a word the corpus really uses.

use std::collections::HashSet;

/// Shortest part of a compound; shorter words ("ei", "rat") split too eagerly.
pub const MIN_PART_CHARS: usize = 4;
/// Shortest word that is tried as a compound at all.
pub const MIN_COMPOUND_CHARS: usize = 8;
/// Short words that are common compound heads and may be parts despite their length.
const SHORT_PARTS: &[&str] = &[
    "amt", "ort", "tag", "weg", "rat", "bau", "not", "hof", "arzt",
];
/// Linking elements (Fugenelemente) that may join two parts: "Arbeit·s·zeit".
const LINKS: &[&str] = &["s", "es", "n", "en", "er", "e"];
/// Inflection endings the last part may carry beyond its dictionary form.
const ENDINGS: &[&str] = &["e", "en", "n", "s", "es", "er", "ern", "em"];

/// The set of words (already case-folded by the analyzer) that compounds may be made of.
#[derive(Debug, Default, Clone)]
pub struct Dictionary {
    words: HashSet<String>,
}

impl Dictionary {
    pub fn new() -> Dictionary {
        let mut d = Dictionary::default();
        for w in SHORT_PARTS {
            d.words.insert((*w).to_string());
        }
        d
    }

    /// Adds a folded word; returns true if it was new. Words shorter than the minimum
    /// part length or with digits are ignored.
    pub fn insert(&mut self, word: &str) -> bool {
        if word.chars().count() < MIN_PART_CHARS || !word.chars().all(char::is_alphabetic) {
            return false;
        }
        self.words.insert(word.to_string())
    }

    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// All parts of `word` worth indexing: the parts of the best split and, recursively, the
    /// parts of those parts. Empty if the word is not a compound of known words.
    pub fn decompose(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.decompose_into(word, &mut out, 0);
        out
    }

    fn decompose_into(&self, word: &str, out: &mut Vec<String>, depth: usize) {
        if depth > 3 {
            return;
        }
        let parts = match self.split(word) {
            Some(parts) => parts,
            // German compounds are head-final: a known head carries most of the meaning
            // even when the modifier is unknown ("Positivliste" → "liste").
            None => self.head(word).into_iter().collect(),
        };
        for part in parts {
            if !out.contains(&part) {
                self.decompose_into(&part, out, depth + 1);
                out.push(part);
            }
        }
    }

    /// The longest known word that ends `word` (allowing an inflection ending) after a
    /// modifier of at least [`MIN_PART_CHARS`] characters.
    pub fn head(&self, word: &str) -> Option<String> {
        let chars: Vec<char> = word.chars().collect();
        let n = chars.len();
        if n < MIN_COMPOUND_CHARS {
            return None;
        }
        for start in MIN_PART_CHARS..=n.saturating_sub(MIN_PART_CHARS) {
            let rest: String = chars[start..].iter().collect();
            if self.words.contains(&rest) {
                return Some(rest);
            }
            for ending in ENDINGS {
                if let Some(stem) = rest.strip_suffix(ending)
                    && stem.chars().count() >= MIN_PART_CHARS
                    && self.words.contains(stem)
                {
                    return Some(stem.to_string());
                }
            }
        }
        None
    }

    /// The split of `word` into the fewest known parts (at least two), or `None`.
    pub fn split(&self, word: &str) -> Option<Vec<String>> {
        let chars: Vec<char> = word.chars().collect();
        let n = chars.len();
        if n < MIN_COMPOUND_CHARS {
            return None;
        }
        // best[i]: fewest parts covering chars[i..], with the end of the first part.
        let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; n + 1];
        let text = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        for start in (0..n).rev() {
            for end in (start + 3)..=n {
                let part = text(start, end);
                if !self.is_part(&part) {
                    continue;
                }
                // last part, possibly inflected (not the whole word: that is no split)
                if start > 0
                    && (end == n || (ENDINGS.contains(&text(end, n).as_str()) && n - end <= 3))
                {
                    let candidate = (1, end, n);
                    if best[start].is_none_or(|b| better(candidate, b)) {
                        best[start] = Some(candidate);
                    }
                    continue;
                }
                // followed by more parts, directly or after a linking element
                let mut nexts = vec![end];
                for link in LINKS {
                    let after = end + link.chars().count();
                    if after < n && text(end, after) == *link {
                        nexts.push(after);
                    }
                }
                for next in nexts {
                    if let Some((count, _, _)) = best[next] {
                        let candidate = (count + 1, end, next);
                        if best[start].is_none_or(|b| better(candidate, b)) {
                            best[start] = Some(candidate);
                        }
                    }
                }
            }
        }
        let (count, _, _) = best[0]?;
        if count < 2 {
            return None;
        }
        let mut parts = Vec::with_capacity(count);
        let mut at = 0;
        while at < n {
            let (_, end, next) = best[at]?;
            parts.push(text(at, end));
            if next >= n {
                break;
            }
            at = next;
        }
        Some(parts)
    }

    fn is_part(&self, part: &str) -> bool {
        let len = part.chars().count();
        (len >= MIN_PART_CHARS || SHORT_PARTS.contains(&part)) && self.words.contains(part)
    }
}

/// Fewer parts win; among equal counts, the longer first part (less linking guesswork).
fn better(candidate: (usize, usize, usize), current: (usize, usize, usize)) -> bool {
    candidate.0 < current.0 || (candidate.0 == current.0 && candidate.1 > current.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(words: &[&str]) -> Dictionary {
        let mut d = Dictionary::new();
        for w in words {
            d.insert(w);
        }
        d
    }

    #[test]
    fn splits_with_and_without_linking_elements() {
        let d = dict(&[
            "reise",
            "kosten",
            "abrechnung",
            "arbeit",
            "zeit",
            "daten",
            "schutz",
        ]);
        assert_eq!(
            d.split("reisekostenabrechnung").unwrap(),
            vec!["reise", "kosten", "abrechnung"]
        );
        assert_eq!(d.split("arbeitszeit").unwrap(), vec!["arbeit", "zeit"]);
        assert_eq!(d.split("datenschutzes").unwrap(), vec!["daten", "schutz"]);
    }

    #[test]
    fn prefers_fewest_parts_and_decomposes_recursively() {
        let d = dict(&["reisekosten", "reise", "kosten", "abrechnung"]);
        assert_eq!(
            d.split("reisekostenabrechnung").unwrap(),
            vec!["reisekosten", "abrechnung"]
        );
        let all = d.decompose("reisekostenabrechnungen");
        for part in ["reisekosten", "reise", "kosten", "abrechnung"] {
            assert!(all.contains(&part.to_string()), "{all:?}");
        }
    }

    #[test]
    fn does_not_split_unknown_or_short_words() {
        let d = dict(&["verwal", "beam"]);
        assert_eq!(d.split("verwaltung"), None);
        assert_eq!(d.split("beamten"), None);
        assert_eq!(dict(&["daten"]).split("daten"), None);
        // a single known word is not a compound
        assert_eq!(dict(&["abrechnung"]).split("abrechnung"), None);
    }

    #[test]
    fn a_known_head_is_found_behind_an_unknown_modifier() {
        let d = dict(&["liste", "stand"]);
        assert_eq!(d.decompose("positivliste"), vec!["liste"]);
        assert_eq!(d.decompose("positivlisten"), vec!["liste"]);
        // modifiers shorter than four letters are prefixes, not words
        assert_eq!(d.decompose("verstand"), Vec::<String>::new());
        assert_eq!(d.decompose("abstand"), Vec::<String>::new());
    }

    #[test]
    fn short_heads_from_the_built_in_list() {
        let d = dict(&["dienst", "urlaub"]);
        assert_eq!(d.split("dienstort").unwrap(), vec!["dienst", "ort"]);
        assert_eq!(d.split("urlaubstag").unwrap(), vec!["urlaub", "tag"]);
    }
}
