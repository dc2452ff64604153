//! The German analyzer used on both sides, index and query.
//!
//! Steps per word: lowercase → ß/ss and ä/ae, ö/oe, ü/ue folded to one spelling → stop
//! words dropped → the word itself plus, for compounds, its known parts → Snowball German
//! stem → umlauts removed. "Maßnahmen", "Massnahmen" and "MASSNAHMEN" all become
//! "massnahm"; "Reisekostenabrechnung" yields "reisekostenabrechn", "reisekost", "reis",
//! "kost" and "abrechn".

use crate::compound::Dictionary;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashSet;
use std::sync::{Arc, RwLock};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name under which the analyzer is registered with tantivy.
pub const TOKENIZER_NAME: &str = "lotse_german";
/// The tokenizer of the stop-word field: only the stop words, folded ([`StopwordTokenizer`]).
pub const STOPWORD_TOKENIZER_NAME: &str = "lotse_stopwords";

/// Words longer than this are not words (hashes, URLs glued together) and are skipped.
const MAX_TOKEN_CHARS: usize = 40;

/// Which steps of the analyzer run; all on by default. Switching steps off exists to measure
/// what each contributes (`lotse eval --ablation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnalyzerOptions {
    pub fold_spellings: bool,
    pub stopwords: bool,
    pub stem: bool,
    pub decompound: bool,
}

impl Default for AnalyzerOptions {
    fn default() -> Self {
        AnalyzerOptions {
            fold_spellings: true,
            stopwords: true,
            stem: true,
            decompound: true,
        }
    }
}

/// Frequent German function words and question fillers (the Snowball German stop list plus
/// modal verbs and question words employees start questions with); they carry no meaning
/// for retrieval and only add noise to BM25 on small collections.
const STOPWORDS: &[&str] = &[
    "aber",
    "alle",
    "allem",
    "allen",
    "aller",
    "alles",
    "als",
    "also",
    "am",
    "an",
    "ander",
    "andere",
    "anderem",
    "anderen",
    "anderer",
    "anderes",
    "anderm",
    "andern",
    "anders",
    "auch",
    "auf",
    "aus",
    "bei",
    "beim",
    "bin",
    "bis",
    "bist",
    "bitte",
    "da",
    "dabei",
    "damit",
    "dann",
    "darf",
    "darfst",
    "dass",
    "daß",
    "dazu",
    "dein",
    "deine",
    "deinem",
    "deinen",
    "deiner",
    "deines",
    "dem",
    "demselben",
    "den",
    "denn",
    "denselben",
    "der",
    "derer",
    "derselbe",
    "derselben",
    "des",
    "desselben",
    "dessen",
    "dich",
    "die",
    "dies",
    "diese",
    "dieselbe",
    "dieselben",
    "diesem",
    "diesen",
    "dieser",
    "dieses",
    "dir",
    "doch",
    "dort",
    "du",
    "durch",
    "dürfen",
    "eigentlich",
    "ein",
    "eine",
    "einem",
    "einen",
    "einer",
    "eines",
    "einig",
    "einige",
    "einigem",
    "einigen",
    "einiger",
    "einiges",
    "einmal",
    "er",
    "es",
    "etwas",
    "euch",
    "euer",
    "eure",
    "eurem",
    "euren",
    "eurer",
    "eures",
    "für",
    "gegen",
    "genau",
    "gewesen",
    "gibt",
    "hab",
    "habe",
    "haben",
    "hat",
    "hatte",
    "hatten",
    "hier",
    "hin",
    "hinter",
    "ich",
    "ihm",
    "ihn",
    "ihnen",
    "ihr",
    "ihre",
    "ihrem",
    "ihren",
    "ihrer",
    "ihres",
    "im",
    "in",
    "indem",
    "ins",
    "ist",
    "jede",
    "jedem",
    "jeden",
    "jeder",
    "jedes",
    "jemand",
    "jene",
    "jenem",
    "jenen",
    "jener",
    "jenes",
    "jetzt",
    "kann",
    "kannst",
    "können",
    "könnte",
    "man",
    "manche",
    "manchem",
    "manchen",
    "mancher",
    "manches",
    "mal",
    "mein",
    "meine",
    "meinem",
    "meinen",
    "meiner",
    "meines",
    "mich",
    "mir",
    "mit",
    "muss",
    "musst",
    "müssen",
    "musste",
    "nach",
    "nicht",
    "nichts",
    "noch",
    "nun",
    "nur",
    "ob",
    "oder",
    "ohne",
    "schon",
    "sehr",
    "sein",
    "seine",
    "seinem",
    "seinen",
    "seiner",
    "seines",
    "selbst",
    "sich",
    "sie",
    "sind",
    "so",
    "solche",
    "solchem",
    "solchen",
    "solcher",
    "solches",
    "soll",
    "sollen",
    "sollte",
    "sondern",
    "sonst",
    "um",
    "und",
    "uns",
    "unser",
    "unsere",
    "unserem",
    "unseren",
    "unseres",
    "unter",
    "viel",
    "viele",
    "vom",
    "von",
    "vor",
    "wann",
    "war",
    "waren",
    "warst",
    "warum",
    "was",
    "weil",
    "welche",
    "welchem",
    "welchen",
    "welcher",
    "welches",
    "wenn",
    "wer",
    "werde",
    "werden",
    "weshalb",
    "wie",
    "wieder",
    "wieso",
    "will",
    "wir",
    "wird",
    "wirst",
    "wo",
    "wollen",
    "wollte",
    "würde",
    "würden",
    "zu",
    "zum",
    "zur",
    "zwar",
    "zwischen",
    "über",
    "überhaupt",
];

/// The analyzer; cheap to clone, clones share the compound dictionary.
#[derive(Clone)]
pub struct GermanAnalyzer {
    options: AnalyzerOptions,
    dictionary: Arc<RwLock<Dictionary>>,
    stemmer: Arc<Stemmer>,
    stopwords: Arc<HashSet<String>>,
}

impl std::fmt::Debug for GermanAnalyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GermanAnalyzer")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// One analysed token: its term, the byte range of the word and its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    pub term: String,
    pub offset_from: usize,
    pub offset_to: usize,
    pub position: usize,
}

impl GermanAnalyzer {
    pub fn new(options: AnalyzerOptions, dictionary: Dictionary) -> GermanAnalyzer {
        let mut analyzer = GermanAnalyzer {
            options,
            dictionary: Arc::new(RwLock::new(dictionary)),
            stemmer: Arc::new(Stemmer::create(Algorithm::German)),
            stopwords: Arc::new(HashSet::new()),
        };
        let folded: HashSet<String> = STOPWORDS.iter().map(|w| analyzer.fold(w)).collect();
        analyzer.stopwords = Arc::new(folded);
        analyzer
    }

    pub fn options(&self) -> AnalyzerOptions {
        self.options
    }

    /// Lowercase and, if enabled, one spelling for ß/ss and ä/ae, ö/oe, ü/ue.
    /// Umlauts stay umlauts here (the stemmer needs them); [`Self::finish`] removes them.
    pub fn fold(&self, word: &str) -> String {
        let lower = word.to_lowercase();
        if !self.options.fold_spellings {
            return lower;
        }
        let mut out = String::with_capacity(lower.len());
        let mut chars = lower.chars().peekable();
        let mut prev = ' ';
        while let Some(c) = chars.next() {
            let next = chars.peek().copied();
            let umlaut = match (c, next) {
                ('a', Some('e')) => Some('ä'),
                ('o', Some('e')) => Some('ö'),
                ('u', Some('e')) if prev != 'q' && prev != 'a' && prev != 'e' => Some('ü'),
                _ => None,
            };
            if let Some(u) = umlaut {
                out.push(u);
                chars.next();
                prev = u;
                continue;
            }
            if c == 'ß' {
                out.push_str("ss");
            } else {
                out.push(c);
            }
            prev = c;
        }
        out
    }

    /// Stem (if enabled) and drop umlaut dots so both spellings meet.
    fn finish(&self, folded: &str) -> String {
        let stemmed = if self.options.stem {
            self.stemmer.stem(folded).into_owned()
        } else {
            folded.to_string()
        };
        if !self.options.fold_spellings {
            return stemmed;
        }
        stemmed
            .chars()
            .map(|c| match c {
                'ä' => 'a',
                'ö' => 'o',
                'ü' => 'u',
                _ => c,
            })
            .collect()
    }

    /// Analyses `text` into terms with offsets and positions.
    pub fn analyze(&self, text: &str) -> Vec<AnalyzedToken> {
        let dictionary = self
            .dictionary
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut tokens = Vec::new();
        let mut position = 0;
        for (offset, word) in word_spans(text) {
            if word.chars().count() > MAX_TOKEN_CHARS {
                continue;
            }
            let folded = self.fold(word);
            if self.options.stopwords && self.stopwords.contains(&folded) {
                continue;
            }
            let term = self.finish(&folded);
            let offset_to = offset + word.len();
            if self.options.stem && word.starts_with(|c: char| c.is_lowercase()) {
                for form in weak_verb_stems(&folded) {
                    let form_term = self.finish(&form);
                    if form_term != term {
                        tokens.push(AnalyzedToken {
                            term: form_term,
                            offset_from: offset,
                            offset_to,
                            position,
                        });
                    }
                }
            }
            if self.options.decompound {
                for part in dictionary.decompose(&folded) {
                    let part_term = self.finish(&part);
                    if part_term != term {
                        tokens.push(AnalyzedToken {
                            term: part_term,
                            offset_from: offset,
                            offset_to,
                            position,
                        });
                    }
                }
            }
            tokens.push(AnalyzedToken {
                term,
                offset_from: offset,
                offset_to,
                position,
            });
            position += 1;
        }
        tokens
    }

    /// The stop words of `text`, folded like terms (distinct, in order): what a query made
    /// only of stop words ("Können Dürfen Wollen") searches.
    pub fn stopword_terms(&self, text: &str) -> Vec<String> {
        let mut seen = HashSet::new();
        word_spans(text)
            .map(|(_, w)| self.fold(w))
            .filter(|w| self.stopwords.contains(w) && seen.insert(w.clone()))
            .collect()
    }

    /// A tokenizer that keeps only the stop words (which the analyzer itself drops).
    pub fn stopword_tokenizer(&self) -> StopwordTokenizer {
        StopwordTokenizer {
            analyzer: self.clone(),
        }
    }

    /// The distinct terms of a text, for building queries.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut seen = HashSet::new();
        self.analyze(text)
            .into_iter()
            .filter_map(|t| seen.insert(t.term.clone()).then_some(t.term))
            .collect()
    }

    /// Adds the words of `text` to the compound dictionary; returns how many were new.
    pub fn learn(&self, text: &str) -> usize {
        if !self.options.decompound {
            return 0;
        }
        let mut dictionary = self
            .dictionary
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut added = 0;
        for (_, word) in word_spans(text) {
            let folded = self.fold(word);
            if !self.stopwords.contains(&folded) && dictionary.insert(&folded) {
                added += 1;
            }
        }
        added
    }

    /// Adds words of a saved dictionary (already folded, as [`Self::dictionary_words`]
    /// gives them); returns how many were new.
    pub fn learn_words<'a>(&self, words: impl IntoIterator<Item = &'a str>) -> usize {
        if !self.options.decompound {
            return 0;
        }
        let mut dictionary = self
            .dictionary
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        words
            .into_iter()
            .filter(|w| !w.is_empty() && dictionary.insert(w))
            .count()
    }

    /// Words in the compound dictionary.
    pub fn dictionary_len(&self) -> usize {
        self.dictionary
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }

    /// A snapshot of the learned dictionary, for saving.
    pub fn dictionary_words(&self) -> Vec<String> {
        let dictionary = self
            .dictionary
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut words: Vec<String> = dictionary.words().map(str::to_string).collect();
        words.sort_unstable();
        words
    }
}

/// Separable verb prefixes before a participle's "ge" (aus-ge-wertet).
const SEPARABLE_PREFIXES: &[&str] = &[
    "zusammen", "zurück", "weiter", "wieder", "durch", "unter", "fest", "frei", "nach", "über",
    "ab", "an", "auf", "aus", "bei", "dar", "ein", "her", "hin", "los", "mit", "um", "vor", "weg",
    "zu",
];

/// Extra stems for a lowercase word ending in -t / -et, which the Snowball stemmer leaves
/// alone: the verb stem without the ending ("beantragt" → "beantrag", like "beantragen",
/// "Beantragung") and, for a weak participle, also without its "ge"
/// ("gespeichert" → "speicher", "ausgewertet" → "auswert", like "speichern",
/// "Auswertung"). Employees ask with verbs ("Wird das gespeichert?") where rules use nouns
/// ("Speicherung"), and the other way round. Indexed as extra terms at the word's position,
/// so a wrong guess ("gesamt" → "samt") only adds a rarely matching term.
fn weak_verb_stems(folded: &str) -> Vec<String> {
    // inflected participles: "gespeicherten", "genehmigte"
    let folded = ["en", "em", "er", "es", "e"]
        .iter()
        .find_map(|e| folded.strip_suffix(e).filter(|base| base.ends_with('t')))
        .unwrap_or(folded);
    let chars = folded.chars().count();
    if chars < 6 || !folded.ends_with('t') || folded.ends_with("st") {
        return Vec::new();
    }
    let without_ending = folded
        .strip_suffix("et")
        .filter(|rest| rest.ends_with(['t', 'd']))
        .or_else(|| folded.strip_suffix('t'))
        .unwrap_or(folded);
    let mut forms = vec![without_ending.to_string()];
    let (prefix, rest) = SEPARABLE_PREFIXES
        .iter()
        .find_map(|p| {
            without_ending
                .strip_prefix(p)
                .filter(|r| r.starts_with("ge"))
                .map(|r| (*p, r))
        })
        .unwrap_or(("", without_ending));
    if let Some(stem) = rest.strip_prefix("ge")
        && stem.chars().count() >= 3
    {
        forms.push(format!("{prefix}{stem}"));
    }
    forms
}

/// Words of `text` with their byte offsets: maximal runs of alphanumeric characters.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, &text[s..]));
    }
    spans.into_iter()
}

impl Tokenizer for GermanAnalyzer {
    type TokenStream<'a> = AnalyzedTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> AnalyzedTokenStream {
        let tokens = self
            .analyze(text)
            .into_iter()
            .map(|t| Token {
                offset_from: t.offset_from,
                offset_to: t.offset_to,
                position: t.position,
                text: t.term,
                position_length: 1,
            })
            .collect();
        AnalyzedTokenStream { tokens, next: 0 }
    }
}

/// Emits the stop words of a text only, folded (see [`GermanAnalyzer::stopword_terms`]), for
/// the index field that lets a query of stop words alone find its passages.
#[derive(Clone, Debug)]
pub struct StopwordTokenizer {
    analyzer: GermanAnalyzer,
}

impl Tokenizer for StopwordTokenizer {
    type TokenStream<'a> = AnalyzedTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> AnalyzedTokenStream {
        let tokens = word_spans(text)
            .enumerate()
            .filter_map(|(position, (offset, word))| {
                let folded = self.analyzer.fold(word);
                self.analyzer.stopwords.contains(&folded).then(|| Token {
                    offset_from: offset,
                    offset_to: offset + word.len(),
                    position,
                    text: folded,
                    position_length: 1,
                })
            })
            .collect();
        AnalyzedTokenStream { tokens, next: 0 }
    }
}

/// Token stream over a pre-analysed vector.
#[derive(Debug)]
pub struct AnalyzedTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for AnalyzedTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer_with(corpus: &str) -> GermanAnalyzer {
        let a = GermanAnalyzer::new(AnalyzerOptions::default(), Dictionary::new());
        a.learn(corpus);
        a
    }

    fn shares_term(a: &GermanAnalyzer, x: &str, y: &str) -> bool {
        let tx = a.terms(x);
        a.terms(y).iter().any(|t| tx.contains(t))
    }

    #[test]
    fn umlaut_and_sharp_s_spellings_meet() {
        let a = analyzer_with("");
        assert_eq!(a.terms("Maßnahmen"), a.terms("Massnahmen"));
        assert_eq!(a.terms("Maßnahmen"), a.terms("MASSNAHMEN"));
        assert_eq!(a.terms("Müllentsorgung"), a.terms("Muellentsorgung"));
        assert_eq!(a.terms("Bürgerbüro"), a.terms("Buergerbuero"));
        assert_eq!(a.terms("Größe"), a.terms("Groesse"));
    }

    #[test]
    fn inflections_share_a_stem() {
        let a = analyzer_with("");
        assert_eq!(a.terms("Anträge"), a.terms("Antrag"));
        assert_eq!(a.terms("Beschäftigten"), a.terms("Beschäftigte"));
        assert!(shares_term(&a, "gespeichert", "gespeicherten"));
        assert_eq!(a.terms("Dienstreisen"), a.terms("Dienstreise"));
    }

    #[test]
    fn participles_and_verb_forms_meet_their_nouns_and_infinitives() {
        let a = analyzer_with("");
        for (x, y) in [
            ("gespeichert", "speichern"),
            ("ausgewertet", "Auswertung"),
            ("beantragt", "Beantragung"),
            ("erstattet", "Erstattung"),
            ("gelöscht", "löschen"),
            ("angemeldet", "Anmeldung"),
            ("gespeicherten", "speichern"),
        ] {
            assert!(
                shares_term(&a, x, y),
                "{x} / {y}: {:?} {:?}",
                a.terms(x),
                a.terms(y)
            );
        }
        // nouns (capitalised) and short words get no extra forms
        assert_eq!(a.terms("Gesamt").len(), 1);
        assert_eq!(a.terms("Recht").len(), 1);
        assert_eq!(weak_verb_stems("gilt"), Vec::<String>::new());
    }

    #[test]
    fn stopwords_are_dropped() {
        let a = analyzer_with("");
        assert_eq!(a.terms("die und der für fuer"), Vec::<String>::new());
    }

    #[test]
    fn compounds_find_their_parts_with_a_learned_dictionary() {
        let a = analyzer_with(
            "Die Abrechnung der Reisekosten erfolgt monatlich. Der Datenschutz ist wichtig. \
             Reise und Kosten, Daten und Schutz, beauftragte Personen.",
        );
        assert!(shares_term(
            &a,
            "Reisekostenabrechnung",
            "Abrechnung der Reisekosten"
        ));
        let query = a.terms("Datenschutz");
        let doc = a.terms("Datenschutzbeauftragte");
        assert!(query.iter().all(|t| doc.contains(t)), "{query:?} ⊄ {doc:?}");
    }

    #[test]
    fn without_dictionary_compounds_stay_whole() {
        let a = analyzer_with("");
        assert!(!shares_term(
            &a,
            "Reisekostenabrechnung",
            "Abrechnung der Reisekosten"
        ));
    }

    #[test]
    fn offsets_and_positions() {
        let a = analyzer_with("");
        let tokens = a.analyze("Größe, Maße");
        assert_eq!(tokens.len(), 2);
        assert_eq!(
            &"Größe, Maße"[tokens[1].offset_from..tokens[1].offset_to],
            "Maße"
        );
        assert_eq!(tokens[1].position, 1);
    }
}
