//! BM25 as Qdrant sparse vectors.
//!
//! A passage's keyword vector holds, for each analysed term of each searched field, the BM25
//! term-frequency part `tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl))`; Qdrant's IDF modifier
//! multiplies in `ln(1 + (N − n + 0.5)/(n + 0.5))` at query time, from the collection's own
//! statistics. The query vector carries each term's field boost and synonym weight, so the
//! dot product is the same sum tantivy's BM25 computes over text, headings and title with
//! the same German analyzer. Indices are a 32-bit hash of field and term.

use lotse_retrieve::GermanAnalyzer;
use lotse_retrieve::keyword::{HEADINGS_BOOST, TEXT_BOOST, TITLE_BOOST};
use std::collections::{BTreeMap, HashMap};

/// tantivy's BM25 parameters.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// The fields searched, in the order of [`FieldLengths`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchedField {
    Text = 0,
    Headings = 1,
    Title = 2,
}

const FIELDS: [(SearchedField, f32); 3] = [
    (SearchedField::Text, TEXT_BOOST),
    (SearchedField::Headings, HEADINGS_BOOST),
    (SearchedField::Title, TITLE_BOOST),
];

/// Sparse index of `term` in `field`: FNV-1a 32 of a field tag and the term. With ~10⁵
/// distinct terms a collision is rare, and it only merges two terms' statistics.
pub fn term_index(field: SearchedField, term: &str) -> u32 {
    let mut h: u32 = 0x811c9dc5;
    for b in [field as u8, 0].into_iter().chain(term.bytes()) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x01000193);
    }
    h
}

/// Running token counts per field, for BM25's average field length.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FieldLengths {
    pub passages: u64,
    pub tokens: [u64; 3],
}

impl FieldLengths {
    pub fn add(&mut self, lengths: [usize; 3]) {
        self.passages += 1;
        for (total, n) in self.tokens.iter_mut().zip(lengths) {
            *total += n as u64;
        }
    }

    fn average(&self, field: usize) -> f32 {
        if self.passages == 0 {
            return 1.0;
        }
        (self.tokens[field] as f32 / self.passages as f32).max(1.0)
    }
}

/// The three field texts of a passage.
#[derive(Debug, Clone, Copy)]
pub struct PassageFields<'a> {
    pub text: &'a str,
    pub headings: &'a str,
    pub title: &'a str,
}

impl PassageFields<'_> {
    fn get(&self, field: SearchedField) -> &str {
        match field {
            SearchedField::Text => self.text,
            SearchedField::Headings => self.headings,
            SearchedField::Title => self.title,
        }
    }
}

/// Term frequencies per field and the field lengths (tokens), as tantivy counts them.
pub fn analyse_passage(
    analyzer: &GermanAnalyzer,
    fields: PassageFields<'_>,
) -> ([HashMap<String, u32>; 3], [usize; 3]) {
    let mut tfs: [HashMap<String, u32>; 3] = Default::default();
    let mut lengths = [0; 3];
    for (field, _) in FIELDS {
        let tokens = analyzer.analyze(fields.get(field));
        lengths[field as usize] = tokens.len();
        for t in tokens {
            *tfs[field as usize].entry(t.term).or_default() += 1;
        }
    }
    (tfs, lengths)
}

/// The passage's keyword vector, indices ascending.
pub fn passage_vector(
    tfs: &[HashMap<String, u32>; 3],
    lengths: [usize; 3],
    averages: &FieldLengths,
) -> (Vec<u32>, Vec<f32>) {
    let mut entries: BTreeMap<u32, f32> = BTreeMap::new();
    for (field, _) in FIELDS {
        let f = field as usize;
        let norm = K1 * (1.0 - B + B * lengths[f] as f32 / averages.average(f));
        for (term, &tf) in &tfs[f] {
            let tf = tf as f32;
            *entries.entry(term_index(field, term)).or_default() += tf * (K1 + 1.0) / (tf + norm);
        }
    }
    entries.into_iter().unzip()
}

/// The query vector of weighted terms (see `lotse_retrieve::keyword::weighted_query_terms`).
pub fn query_vector(weighted: &[(String, f32)]) -> (Vec<u32>, Vec<f32>) {
    let mut entries: BTreeMap<u32, f32> = BTreeMap::new();
    for (field, boost) in FIELDS {
        for (term, weight) in weighted {
            *entries.entry(term_index(field, term)).or_default() += boost * weight;
        }
    }
    entries.into_iter().unzip()
}

/// The indices under which `term` occurs in any searched field.
pub fn any_field(term: &str) -> (Vec<u32>, Vec<f32>) {
    let mut indices: Vec<u32> = FIELDS.iter().map(|(f, _)| term_index(*f, term)).collect();
    indices.sort_unstable();
    indices.dedup();
    let values = vec![1.0; indices.len()];
    (indices, values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lotse_retrieve::AnalyzerOptions;
    use lotse_retrieve::compound::Dictionary;

    #[test]
    fn repeated_terms_saturate_and_long_passages_weigh_less() {
        let analyzer = GermanAnalyzer::new(AnalyzerOptions::default(), Dictionary::new());
        let avg = FieldLengths {
            passages: 1,
            tokens: [6, 1, 1],
        };
        let value = |text: &str| {
            let fields = PassageFields {
                text,
                headings: "",
                title: "",
            };
            let (tfs, lengths) = analyse_passage(&analyzer, fields);
            let (i, v) = passage_vector(&tfs, lengths, &avg);
            let at = i
                .iter()
                .position(|&i| i == term_index(SearchedField::Text, "urlaub"))
                .unwrap();
            v[at]
        };
        let once = value("Urlaub wird schriftlich beantragt beim Amt");
        let twice = value("Urlaub Urlaub wird schriftlich beantragt beim");
        let long = value(
            "Urlaub wird schriftlich beantragt beim Amt und dann geprüft und genehmigt oder abgelehnt",
        );
        assert!(twice > once && twice < 2.0 * once, "{once} {twice}");
        assert!(long < once, "{long} {once}");
        assert!(twice < K1 + 1.0);
    }

    #[test]
    fn query_terms_are_searched_in_every_field_with_its_boost() {
        let (indices, values) = query_vector(&[("urlaub".into(), 1.0), ("ferien".into(), 0.5)]);
        assert_eq!(indices.len(), 6);
        assert!(indices.windows(2).all(|w| w[0] < w[1]));
        let sum: f32 = values.iter().sum();
        assert!((sum - (1.0 + 0.5) * (TEXT_BOOST + HEADINGS_BOOST + TITLE_BOOST)).abs() < 1e-6);
        assert_ne!(
            term_index(SearchedField::Text, "urlaub"),
            term_index(SearchedField::Title, "urlaub")
        );
    }
}
