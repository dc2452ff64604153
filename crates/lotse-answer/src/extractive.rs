//! Extractive answers: no model, the sentences of the retrieved passages that best answer
//! the question, quoted with their citations.
//!
//! Passages are read line by line, because their lines carry structure: an FAQ question or
//! a sub-heading ("5.1 VPN") leads the lines after it, a table's header row leads its rows,
//! a numbered paragraph ("(2) …") stands for itself. A sentence scores by
//!
//! * the question's words it contains, analysed like the keyword index (stemmed, compounds
//!   split), each weighted by how rare it is among the candidate sentences and more if it
//!   is a noun; a compound counts once, by its whole or the share of its parts found, and a
//!   stem that extends another ("krank"/"Krankheit") or is its compound head
//!   ("Müll"/"Hausmüll") counts half,
//! * the question's words in the line that leads it (an FAQ question says what its answer
//!   is about),
//! * the kind of answer asked for: a number for "wie viel / wie lange / wann …", a deadline
//!   ("innerhalb", "spätestens") for "bis wann / wie lange …", a "Ja"/"Nein" for a yes/no
//!   question,
//! * its passage's retrieval: fused rank and cosine similarity to the question, a little
//!   more if it lies in the sentence group that vector search matched best.
//!
//! A strong sentence is quoted with the neighbours in its paragraph or FAQ answer that
//! belong to it: a short paragraph whole, else those it continues or that continue it
//! ("Er …", "… jedoch …") and relevant ones, up to [`MAX_SENTENCES`]. These candidate
//! quotes compete on their best sentence plus the question words the others add. A quote
//! never spans passages, so it reads coherently; the best quote of a second passage
//! follows it when it scores close ("Außerdem laut …"), as when a rule and the FAQ that
//! explains it both answer. Then the rule (a "§" or article) comes first if its sentences
//! answer as well as the FAQ's: the FAQ's question echoes the employee's wording and
//! lifts its passage in retrieval, but the rule is what binds.
//!
//! A question word that none of the passages use counts by what the synonym groups call
//! it instead (the question's "Vorschuss" is the rule's "Abschlag", its "Homeoffice" the
//! agreement's "mobiles Arbeiten").

use crate::Citation;
use crate::citations::{citation, verbatim};
use lotse_core::Hit;
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub text: String,
    pub citations: Vec<Citation>,
    /// Every quoted sentence with the passage (chunk id) it is from, in answer order.
    pub sentences: Vec<(String, String)>,
}

/// Most sentences quoted; the answer stays short.
const MAX_SENTENCES: usize = 3;
/// Most words quoted when adding neighbours (the best sentence alone may be longer).
const MAX_WORDS: usize = 80;
/// Weight of a question term that a word of the sentence only extends or ends in.
const PARTIAL_MATCH: f32 = 0.5;
/// Shortest stem that counts as a shared prefix or compound head; shorter ones ("tag",
/// "ort") are too unspecific.
const MIN_PARTIAL_CHARS: usize = 4;
/// Shortest compound head: German heads are nouns, and three letters make one ("Rad" in
/// "Fahrrad", "Amt" in "Bürgeramt").
const MIN_HEAD_CHARS: usize = 3;
/// Extra weight of the question's nouns: they name what is asked about.
const NOUN_WEIGHT: f32 = 1.5;
/// Weight of the question terms in the line that leads a sentence (FAQ question, heading).
const LEAD_WEIGHT: f32 = 0.5;
/// Bonus for a number in the sentence when the question asks for a quantity or date.
const NUMBER_BONUS: f32 = 1.0;
/// Bonus for a deadline expression when the question asks for a deadline or duration.
const DEADLINE_BONUS: f32 = 1.0;
/// Bonus for a sentence opening with "Ja"/"Nein" when the question asks yes or no.
const YES_NO_BONUS: f32 = 1.0;
/// Bonus (scaled by the passage's rank prior) for lying in the sentence group that vector
/// search matched: the embedding judged that group closest in meaning.
const MATCHED_PART_BONUS: f32 = 0.25;
/// Score per unit of cosine similarity below the best passage's: e5 puts related texts
/// within a few hundredths of each other, so small differences matter.
const VECTOR_WEIGHT: f32 = 40.0;
/// Sentences scoring within this of the best propose a quote.
const SEED_MARGIN: f32 = 3.0;
/// Weight of the question words the other sentences of a quote add to its best one.
const COVERAGE_WEIGHT: f32 = 0.5;
/// A neighbour is quoted along if its own relevance reaches this share of the best's.
const NEIGHBOUR_SHARE: f32 = 0.5;
/// The best quote of another passage is added when it scores within this of the best.
const SECOND_QUOTE_MARGIN: f32 = SEED_MARGIN;

const QUANTITY_QUESTIONS: &[&str] = &[
    "wie lang",
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

/// Question words; a question without one ("Darf ich …?", "Geht …?") asks yes or no.
const INTERROGATIVES: &[&str] = &[
    "wer", "wem", "wen", "wessen", "was", "wie", "wann", "wo", "warum", "weshalb", "wieso",
    "weswegen", "wohin", "woher", "womit", "wozu", "wofür", "wodurch", "wovon", "worauf",
    "worüber", "woran", "worin",
];

/// Questions for a deadline or duration.
const DEADLINE_QUESTIONS: &[&str] = &[
    "bis wann",
    "wie lang",
    "frist",
    "wie schnell",
    "wie bald",
    "spätestens",
];

/// Words that state a deadline ("innerhalb von sechs Wochen", "spätestens fünf Tage vor").
/// In a question they only say that a deadline is asked for, so they don't count as its
/// content words.
const DEADLINE_MARKERS: &[&str] = &[
    "innerhalb",
    "spätestens",
    "binnen",
    "frist",
    "bis zum",
    "bis zur",
];

/// Numbers as administrative texts write them out ("fünf Arbeitstage", "zwölf Monate").
const NUMBER_WORDS: &[&str] = &[
    "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf",
    "zwanzig", "dreißig", "vierzig", "fünfzig", "hundert", "tausend", "halb", "doppelt",
];

/// Endings that make a number word an amount ("zweistündig", "dreitägig", "halbjährlich").
const NUMBER_WORD_ENDINGS: &[&str] = &[
    "mal",
    "stündig",
    "tägig",
    "wöchig",
    "monatig",
    "jährig",
    "jährlich",
    "fach",
];

/// Words that open a sentence continuing the one before it: a pronoun or an adverb that
/// points back ("Er soll spätestens fünf Arbeitstage vorher vorliegen.").
const CONTINUATIONS: &[&str] = &[
    "er",
    "sie",
    "es",
    "dies",
    "diese",
    "dieser",
    "dieses",
    "dabei",
    "dafür",
    "dazu",
    "danach",
    "daher",
    "deshalb",
    "darüber",
    "hierfür",
    "hierzu",
    "außerdem",
    "zudem",
    "trotzdem",
    "allerdings",
    "ebenso",
    "ausgenommen",
    "davon",
];

/// Words early in a sentence that qualify the sentence before it ("Das Passwort ist jedoch
/// zu ändern, wenn …").
const CONTRASTS: &[&str] = &["jedoch", "aber", "allerdings", "trotzdem", "dennoch"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Quotable text.
    Sentence,
    /// An FAQ question, a sub-heading or a table header: says what follows is about, but
    /// is no answer itself.
    Lead,
}

struct Unit<'a> {
    passage: usize,
    /// Consecutive units of one paragraph, FAQ answer, sub-section or table share a block;
    /// quotes never span blocks.
    block: usize,
    /// The lead line governing the block.
    lead: Option<usize>,
    kind: Kind,
    sentence: String,
    terms: HashSet<String>,
    /// In the sentence group that vector search matched best.
    matched: bool,
    hit: &'a Hit,
}

/// Picks the answer sentences from `passages` (best first) for `question`; `terms` analyses
/// text into index terms. `None` when no passage has a sentence.
pub fn answer(
    question: &str,
    passages: &[&Hit],
    terms: impl Fn(&str) -> Vec<String>,
    synonyms: impl Fn(&[String]) -> Vec<Vec<String>>,
) -> Option<Extracted> {
    let asks_yes_no = is_yes_no_question(question);
    let lower = question.to_lowercase();
    let asks_quantity = QUANTITY_QUESTIONS.iter().any(|p| lower.contains(p));
    let asks_deadline = DEADLINE_QUESTIONS.iter().any(|p| lower.contains(p));
    let units = units(passages, &terms);
    let quotable = |u: &Unit| u.kind == Kind::Sentence;
    if !units.iter().any(quotable) {
        return None;
    }

    // Rarer question terms weigh more; counted over the quotable sentences.
    let n = units.iter().filter(|u| quotable(u)).count() as f32;
    let idf = |t: &str| -> f32 {
        let df = units
            .iter()
            .filter(|u| quotable(u) && matches(t, &u.terms) > 0.0)
            .count()
            .max(1);
        (1.0 + n / df as f32).ln()
    };
    let asked: Vec<QuestionWord> = question_words(question, &terms)
        .into_iter()
        .map(|asked| {
            let weight = asked.weight();
            let own = asked.terms();
            let AskedWord { whole, parts, .. } = asked;
            let mut word = QuestionWord {
                whole: (weight * idf(&whole), whole),
                parts: parts.into_iter().map(|p| (weight * idf(&p), p)).collect(),
                alternatives: Vec::new(),
            };
            // A word none of the passages use ("Vorschuss" where the rules say "Abschlag")
            // stands for what the synonym groups call it instead.
            let absent = units
                .iter()
                .all(|u| !quotable(u) || word.found(&u.terms) == 0.0);
            if absent {
                word.alternatives = synonyms(&own)
                    .into_iter()
                    .map(|alt| alt.into_iter().map(|t| (weight * idf(&t), t)).collect())
                    .collect();
            }
            word
        })
        .collect();
    let relevance = |terms: &HashSet<String>| -> f32 { asked.iter().map(|w| w.found(terms)).sum() };

    let best_vector = passages
        .iter()
        .filter_map(|h| h.vector_score)
        .fold(None, |m: Option<f32>, v| Some(m.map_or(v, |m| m.max(v))));
    let worst_vector = passages
        .iter()
        .filter_map(|h| h.vector_score)
        .fold(None, |m: Option<f32>, v| Some(m.map_or(v, |m| m.min(v))));
    // The passage's retrieval: its fused rank and how close in meaning vector search found
    // it (a passage only the keyword index found counts as the least close).
    let passage_prior: Vec<f32> = passages
        .iter()
        .enumerate()
        .map(|(i, hit)| {
            let rank = 1.0 / (i as f32 + 1.0);
            let vector = match (best_vector, hit.vector_score.or(worst_vector)) {
                (Some(best), Some(v)) => VECTOR_WEIGHT * (v - best),
                _ => 0.0,
            };
            rank + vector
        })
        .collect();

    // What the line leading a sentence adds (an FAQ question's match), kept apart to
    // compare an FAQ answer with a rule on what they themselves say.
    let lead_part: Vec<f32> = units
        .iter()
        .map(|u| LEAD_WEIGHT * u.lead.map_or(0.0, |l| relevance(&units[l].terms)))
        .collect();
    // What a sentence says (neighbours are compared on this), then with its passage's prior.
    let content: Vec<f32> = units
        .iter()
        .zip(&lead_part)
        .map(|(u, lead)| {
            let number = asks_quantity && has_number(&u.sentence);
            let deadline = asks_deadline && states_deadline(&u.sentence);
            let yes_no = asks_yes_no && answers_yes_no(&u.sentence);
            relevance(&u.terms)
                + lead
                + if number { NUMBER_BONUS } else { 0.0 }
                + if deadline { DEADLINE_BONUS } else { 0.0 }
                + if yes_no { YES_NO_BONUS } else { 0.0 }
        })
        .collect();
    let sentence_score = |i: usize| -> f32 {
        let u = &units[i];
        let rank = 1.0 / (u.passage as f32 + 1.0);
        let matched = if u.matched {
            MATCHED_PART_BONUS * rank
        } else {
            0.0
        };
        content[i] + passage_prior[u.passage] + matched
    };
    // The strong sentences each propose the quote they would be given (see `window`);
    // quotes compete on their best sentence plus what the others add in question words, so
    // a paragraph that answers with two sentences beats one that only repeats the wording.
    let mut seeds: Vec<(f32, usize)> = (0..units.len())
        .filter(|&i| quotable(&units[i]) && words(&units[i].sentence) >= 3)
        .map(|i| (sentence_score(i), i))
        .collect();
    if seeds.is_empty() {
        seeds = (0..units.len())
            .filter(|&i| quotable(&units[i]))
            .map(|i| (sentence_score(i), i))
            .collect();
    }
    let top = seeds.iter().map(|s| s.0).fold(f32::MIN, f32::max);
    let mut quotes: Vec<Quote> = Vec::new();
    for &(score, seed) in seeds.iter().filter(|s| s.0 >= top - SEED_MARGIN) {
        let quote = window(&units, &content, seed);
        let covered: HashSet<String> = quote
            .iter()
            .flat_map(|&i| units[i].terms.iter().cloned())
            .collect();
        let added = relevance(&covered) - relevance(&units[seed].terms);
        let score = score + COVERAGE_WEIGHT * added;
        let own = content[seed] - lead_part[seed] + COVERAGE_WEIGHT * added;
        match quotes.iter_mut().find(|q| q.sentences == quote) {
            Some(existing) if existing.score >= score => {}
            Some(existing) => (existing.score, existing.own) = (score, own),
            None => quotes.push(Quote {
                score,
                sentences: quote,
                own,
            }),
        }
    }
    quotes.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.sentences[0].cmp(&b.sentences[0]))
    });
    // A close runner-up from another passage is quoted as well: where two rules (or a
    // rule and its FAQ) both bear on the question, the reader sees both.
    let best_score = quotes[0].score;
    let first_passage = units[quotes[0].sentences[0]].passage;
    let second = quotes
        .iter()
        .skip(1)
        .find(|q| {
            q.score >= best_score - SECOND_QUOTE_MARGIN
                && units[q.sentences[0]].passage != first_passage
        })
        .cloned();
    let first = quotes.swap_remove(0);
    // An FAQ's question matches an employee's wording and its passage ranks high for it;
    // the rule it explains rarely does. When the rule's sentences answer as well as the
    // FAQ's answer does, the rule is the source that binds and comes first.
    let rule_first = second.as_ref().is_some_and(|second| {
        answers_faq(&units, &first.sentences)
            && !answers_faq(&units, &second.sentences)
            && is_rule(&units[second.sentences[0]].hit.section)
            && second.own >= first.own
    });
    let mut chosen = vec![first.sentences];
    chosen.extend(second.map(|s| s.sentences));
    if rule_first {
        chosen.swap(0, 1);
    }

    let mut text = String::new();
    let mut citations: Vec<Citation> = Vec::new();
    let mut sentences = Vec::new();
    for (k, quote) in chosen.into_iter().enumerate() {
        let mut part = String::new();
        for &i in &quote {
            let u = &units[i];
            let n = match citations.iter().find(|x| x.chunk_id == u.hit.chunk_id) {
                Some(existing) => existing.n,
                None => {
                    let n = citations.len() as u32 + 1;
                    let quote = verbatim(&u.hit.text, &u.sentence)
                        .unwrap_or(&u.sentence)
                        .to_string();
                    citations.push(citation(n, u.hit, quote));
                    n
                }
            };
            if !part.is_empty() {
                part.push(' ');
            }
            part.push_str(&format!("„{}“ [{n}]", u.sentence));
            sentences.push((u.hit.chunk_id.clone(), u.sentence.clone()));
        }
        // a quote lies in one passage: the place of its first sentence is the quote's
        let first = &units[quote[0]].hit;
        let place = place_of(&first.title, &first.section);
        if k == 0 {
            text = format!("Laut {place}: {part}");
        } else {
            text.push_str(&format!(" Außerdem laut {place}: {part}"));
        }
    }
    Some(Extracted {
        text,
        citations,
        sentences,
    })
}

/// A candidate quote: consecutive sentences of one block.
#[derive(Clone)]
struct Quote {
    score: f32,
    /// Indices into the units.
    sentences: Vec<usize>,
    /// What the sentences themselves say: the score without the lead line and without
    /// the passage's retrieval.
    own: f32,
}

/// Whether `quote` answers an FAQ question: its block is led by a line asking one.
fn answers_faq(units: &[Unit], quote: &[usize]) -> bool {
    units[quote[0]]
        .lead
        .is_some_and(|l| units[l].sentence.trim_end().ends_with('?'))
}

/// Whether a passage in `section` is part of a rule: a heading of its path is a
/// paragraph ("§ 9 Protokollierung") or an article ("Art. 3", "Artikel 3").
fn is_rule(section: &str) -> bool {
    section.split(lotse_core::SECTION_SEPARATOR).any(|heading| {
        let heading = heading.trim_start();
        heading.starts_with('§') || heading.starts_with("Art. ") || heading.starts_with("Artikel ")
    })
}

/// "„Title“, heading" for a quote from a passage in `section` of the document `title`.
fn place_of(title: &str, section: &str) -> String {
    let heading = section
        .rsplit(lotse_core::SECTION_SEPARATOR)
        .next()
        .unwrap_or_default();
    if heading.is_empty() || heading == title {
        format!("„{title}“")
    } else {
        format!("„{title}“, {heading}")
    }
}

/// A word of the question with its analysed terms: the whole word and, for a compound,
/// its parts, each with its weight.
struct QuestionWord {
    whole: (f32, String),
    parts: Vec<(f32, String)>,
    /// What the synonym groups call the word instead, each alternative as its words with
    /// their weights (a phrase counts by the share of its words found).
    alternatives: Vec<Vec<(f32, String)>>,
}

impl QuestionWord {
    /// How much of the word `terms` contain: the whole word, or its parts on average
    /// ("Bürgeranfragen" in "Anfragen von Bürgern"); a word counts once however many terms
    /// the analyzer made of it.
    fn found(&self, terms: &HashSet<String>) -> f32 {
        let (w, t) = &self.whole;
        let whole = w * matches(t, terms);
        let share = |words: &[(f32, String)]| -> f32 {
            let sum: f32 = words.iter().map(|(w, t)| w * matches(t, terms)).sum();
            sum / words.len().max(1) as f32
        };
        let mut best = whole;
        if !self.parts.is_empty() {
            best = best.max(share(&self.parts));
        }
        for alternative in &self.alternatives {
            best = best.max(share(alternative));
        }
        best
    }
}

/// A word of a question, analysed like the keyword index.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AskedWord {
    /// As written, without punctuation.
    pub word: String,
    /// The term of the whole word.
    pub whole: String,
    /// A compound's parts ("reisekost", "abrechn" of "Reisekostenabrechnung").
    pub parts: Vec<String>,
    /// German capitalises nouns: a capitalised word after the first.
    pub noun: bool,
}

impl AskedWord {
    /// How much the word counts when it occurs: more for a noun. A single capital ("C:",
    /// "Klasse A") is a label, capitalised but no noun.
    fn weight(&self) -> f32 {
        if self.noun && self.word.chars().count() > 1 {
            NOUN_WEIGHT
        } else {
            1.0
        }
    }

    /// The whole word's term and its parts' terms.
    pub fn terms(&self) -> Vec<String> {
        std::iter::once(self.whole.clone())
            .chain(self.parts.iter().cloned())
            .collect()
    }
}

/// The question's words (hyphenated ones split: "KI-Tools" is two words); stop words yield
/// none. The nouns name what is asked about.
pub(crate) fn question_words(
    question: &str,
    terms: &impl Fn(&str) -> Vec<String>,
) -> Vec<AskedWord> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for (i, word) in question
        .split(|c: char| c.is_whitespace() || c == '-')
        .enumerate()
    {
        // Short lowercase words are function words ("das", "ab") the analyzer may keep.
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = bare.to_lowercase();
        if bare.chars().count() <= 3 && bare.chars().all(char::is_lowercase)
            || DEADLINE_MARKERS.contains(&lower.as_str())
        {
            continue;
        }
        let mut ts = terms(word);
        ts.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
        ts.dedup();
        let Some(whole) = ts.first().cloned() else {
            continue;
        };
        let noun = i > 0 && word.chars().next().is_some_and(char::is_uppercase);
        if seen.insert(whole.clone()) {
            out.push(AskedWord {
                word: bare.to_string(),
                whole,
                parts: ts[1..].to_vec(),
                noun,
            });
        }
    }
    out
}

/// The sentences and lead lines of `passages`, in reading order.
fn units<'a>(passages: &[&'a Hit], terms: &impl Fn(&str) -> Vec<String>) -> Vec<Unit<'a>> {
    let mut units: Vec<Unit> = Vec::new();
    let mut block = 0;
    for (p, hit) in passages.iter().enumerate() {
        let groups = lotse_ingest::chunk::sentence_groups(&hit.text);
        let matched_group = match hit.vector_part {
            Some(part) if part >= 1 => groups.get(part as usize - 1),
            _ => None,
        };
        let mut lead: Option<usize> = None;
        let mut in_table = false;
        for line in hit.text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let table_row = line.matches('|').count() >= 2;
            let kind = if table_row && !in_table || !table_row && is_lead(line) {
                Kind::Lead
            } else {
                Kind::Sentence
            };
            in_table = table_row;
            // A lead opens a block for the lines after it; without one each line (a
            // paragraph) is a block of its own.
            if kind == Kind::Lead || lead.is_none() {
                block += 1;
            }
            let sentences = if kind == Kind::Lead || table_row {
                vec![line.split_whitespace().collect::<Vec<_>>().join(" ")]
            } else {
                lotse_ingest::chunk::split_sentences(line)
            };
            for sentence in sentences {
                units.push(Unit {
                    passage: p,
                    block,
                    lead: if kind == Kind::Lead { None } else { lead },
                    kind,
                    terms: with_infinitives(terms(&sentence)),
                    matched: matched_group.is_some_and(|g| g.contains(&sentence)),
                    sentence,
                    hit,
                });
            }
            if kind == Kind::Lead {
                lead = Some(units.len() - 1);
            }
        }
    }
    units
}

/// An FAQ question or a heading: a line ending in "?", or a short one without closing
/// punctuation ("5.1 VPN", "Stand der Positivliste").
fn is_lead(line: &str) -> bool {
    let end = line.trim_end_matches(['"', '“', '”', '\'', ')', '»', '«']);
    match end.chars().last() {
        Some('?') => true,
        Some('.' | '!' | ':' | ';' | ',') | None => false,
        Some(_) => words(line) <= 10,
    }
}

/// Separable verb prefixes, folded as the analyzer folds them.
const SEPARABLE_PREFIXES: &[&str] = &[
    "ab", "an", "auf", "aus", "bei", "bereit", "ein", "fest", "fort", "frei", "her", "hin", "mit",
    "nach", "vor", "weg", "weiter", "zuruck", "zusammen",
];

/// `terms` plus, for an infinitive with "zu" ("einzurichten", "aufzubewahren"), the verb
/// without it, as questions ask ("einrichten", "aufbewahren").
fn with_infinitives(terms: Vec<String>) -> HashSet<String> {
    let mut out: HashSet<String> = HashSet::new();
    for t in terms {
        for prefix in SEPARABLE_PREFIXES {
            if let Some(verb) = t.strip_prefix(prefix).and_then(|r| r.strip_prefix("zu"))
                && verb.chars().count() >= 3
            {
                out.insert(format!("{prefix}{verb}"));
            }
        }
        out.insert(t);
    }
    out
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// How far question term `wanted` occurs in `terms`: 1 as such, [`PARTIAL_MATCH`] when one
/// stem extends the other ("krank"/"krankheit", "vollautomat"/"vollautomatisiert") or ends
/// in it, as a compound ends in its head ("müll"/"hausmüll") where the analyzer's
/// dictionary did not split it.
fn matches(wanted: &str, terms: &HashSet<String>) -> f32 {
    if terms.contains(wanted) {
        return 1.0;
    }
    let long_enough = |s: &str| s.chars().count() >= MIN_PARTIAL_CHARS;
    let related = terms.iter().any(|t| {
        let (short, long) = if t.len() < wanted.len() {
            (t.as_str(), wanted)
        } else {
            (wanted, t.as_str())
        };
        (long_enough(short) && long.starts_with(short))
            || (short.chars().count() >= MIN_HEAD_CHARS && long.ends_with(short))
    });
    if related { PARTIAL_MATCH } else { 0.0 }
}

/// Whether `sentence` states an amount: digits or a number word, not counting a leading
/// paragraph number such as "(2)" or "4.".
fn has_number(sentence: &str) -> bool {
    let mut tokens = sentence.split_whitespace().peekable();
    if tokens.peek().is_some_and(|t| {
        t.trim_matches(['(', ')', '.'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
    }) {
        tokens.next();
    }
    tokens.any(|t| {
        if t.chars().any(|c| c.is_ascii_digit()) {
            return true;
        }
        let w = t
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        NUMBER_WORDS.iter().any(|n| {
            w.strip_prefix(n).is_some_and(|rest| {
                rest.is_empty()
                    || NUMBER_WORD_ENDINGS
                        .iter()
                        .any(|e| rest.strip_suffix(e).is_some_and(|r| r.len() <= 3) || rest == *e)
            })
        })
    })
}

fn states_deadline(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    DEADLINE_MARKERS.iter().any(|m| lower.contains(m))
}

fn is_yes_no_question(question: &str) -> bool {
    !question.split_whitespace().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        w.starts_with("welch") || INTERROGATIVES.contains(&w.as_str())
    })
}

/// Whether `sentence` opens with a plain "Ja" or "Nein", as FAQ answers do.
fn answers_yes_no(sentence: &str) -> bool {
    let first = sentence.split_whitespace().next().unwrap_or_default();
    ["Ja", "Nein"].contains(&first.trim_end_matches([',', '.', '!', ';']))
}

/// Whether `sentence` continues the sentence before it.
fn continues(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    let mut ws = lower
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let first = ws.next().unwrap_or_default();
    CONTINUATIONS.contains(&first) || ws.take(4).any(|w| CONTRASTS.contains(&w))
}

/// The best sentence with the neighbours in its block that belong to it: those it
/// continues or that continue it, a short "Ja."/"Nein." opening an answer, and relevant ones.
fn window(units: &[Unit], content: &[f32], best: usize) -> Vec<usize> {
    let usable = |i: usize| units[i].kind == Kind::Sentence && units[i].block == units[best].block;
    // A short paragraph or FAQ answer is quoted whole: it was written to stand together.
    let block: Vec<usize> = (0..units.len()).filter(|&i| usable(i)).collect();
    let block_words: usize = block.iter().map(|&i| words(&units[i].sentence)).sum();
    if block.len() <= MAX_SENTENCES && block_words <= MAX_WORDS {
        return block;
    }
    let (mut first, mut last) = (best, best);
    let mut total = words(&units[best].sentence);
    while last - first + 1 < MAX_SENTENCES {
        let prev = first.checked_sub(1).filter(|&i| usable(i));
        let next = Some(last + 1).filter(|&i| i < units.len() && usable(i));
        let fits = |i: usize| total + words(&units[i].sentence) <= MAX_WORDS;
        let needed = |i: usize| content[i] >= content[best] * NEIGHBOUR_SHARE;
        let take = if let Some(p) = prev.filter(|&p| {
            fits(p) && (continues(&units[first].sentence) || words(&units[p].sentence) <= 2)
        }) {
            p
        } else if let Some(n) = next.filter(|&n| fits(n) && continues(&units[n].sentence)) {
            n
        } else {
            match (
                prev.filter(|&p| fits(p) && needed(p)),
                next.filter(|&n| fits(n) && needed(n)),
            ) {
                (Some(p), Some(n)) => {
                    if content[n] > content[p] {
                        n
                    } else {
                        p
                    }
                }
                (Some(p), None) => p,
                (None, Some(n)) => n,
                (None, None) => break,
            }
        };
        total += words(&units[take].sentence);
        if take < first {
            first = take;
        } else {
            last = take;
        }
    }
    (first..=last).collect()
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
            planted: Vec::new(),
            scan_confidence: None,
            kind: None,
            superseded_by: None,
            pending_from: None,
            dated: None,
        }
    }

    fn words(s: &str) -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 3)
            .map(str::to_lowercase)
            .collect()
    }

    fn no_synonyms(_: &[String]) -> Vec<Vec<String>> {
        Vec::new()
    }

    /// The extractive answer to `question` from `passages`, with the test analyser and
    /// no synonyms.
    fn quote_for(question: &str, passages: &[&Hit]) -> Extracted {
        answer(question, passages, words, no_synonyms).unwrap()
    }

    #[test]
    fn a_word_the_passages_lack_counts_by_its_synonym() {
        let a = hit(
            "d-0",
            "Es gibt dafür ein Formular im Portal.\nEin Abschlag ist ab 200 € möglich.",
        );
        let question = "Gibt es einen Vorschuss?";
        let plain = quote_for(question, &[&a]);
        assert!(plain.text.contains("Formular"), "{}", plain.text);
        let synonyms = |w: &[String]| -> Vec<Vec<String>> {
            if w.iter().any(|t| t == "vorschuss") {
                vec![vec!["abschlag".to_string()]]
            } else {
                Vec::new()
            }
        };
        let found = answer(question, &[&a], words, synonyms).unwrap();
        assert!(found.text.contains("Abschlag"), "{}", found.text);
        assert!(!found.text.contains("Formular"), "{}", found.text);
    }

    #[test]
    fn a_rule_that_answers_as_well_as_the_faq_comes_before_it() {
        let faq = Hit {
            title: "Häufige Fragen".into(),
            section: "Häufige Fragen › Protokolle".into(),
            ..hit(
                "f-0",
                "Wie lange werden Protokolle gespeichert?\nProtokolle werden 90 Tage gespeichert.",
            )
        };
        let rule = hit("d-0", "(2) Protokolle werden 90 Tage gespeichert.");
        let question = "Wie lange werden Protokolle gespeichert?";
        // the FAQ ranks first and its question matches, but the rule says the same
        let found = quote_for(question, &[&faq, &rule]);
        assert!(
            found
                .text
                .starts_with("Laut „Dienstanweisung“, § 9 Protokolle: „(2) Protokolle"),
            "{}",
            found.text
        );
        assert_eq!(found.citations[0].chunk_id, "d-0");
        assert_eq!(found.citations[1].chunk_id, "f-0");

        // a guide's section is no rule: the FAQ that matches stays first
        let guide = Hit {
            section: "Leitfaden › 3 Protokolle".into(),
            ..rule.clone()
        };
        let found = quote_for(question, &[&faq, &guide]);
        assert_eq!(found.citations[0].chunk_id, "f-0", "{}", found.text);

        // a rule that says less than the FAQ's answer (no duration) follows it, even when
        // it ranks first
        let vaguer = hit("d-1", "(1) Protokolle werden gespeichert.");
        let found = quote_for(question, &[&vaguer, &faq]);
        assert_eq!(found.citations.len(), 2, "{}", found.text);
        assert_eq!(found.citations[0].chunk_id, "f-0", "{}", found.text);
    }

    #[test]
    fn a_close_second_passage_is_quoted_too_a_distant_one_not() {
        let a = hit("d-0", "Protokolle werden 90 Tage gespeichert.");
        let b = hit("d-1", "Protokolle werden nach 90 Tagen gelöscht.");
        let question = "Wie lange werden Protokolle gespeichert?";
        let found = quote_for(question, &[&a, &b]);
        assert!(
            found.text.starts_with("Laut „Dienstanweisung“, § 9 Protokolle: „Protokolle werden 90 Tage gespeichert.“ [1] Außerdem laut"),
            "{}",
            found.text
        );
        assert_eq!(found.citations.len(), 2);
        assert_eq!(found.citations[1].chunk_id, "d-1");
        assert!(
            found
                .text
                .ends_with("„Protokolle werden nach 90 Tagen gelöscht.“ [2]")
        );

        let c = hit("d-2", "Der Speiseplan der Kantine hängt im Foyer aus.");
        let found = quote_for(question, &[&a, &c]);
        assert_eq!(found.citations.len(), 1, "{}", found.text);
        assert!(!found.text.contains("Außerdem"), "{}", found.text);
    }

    #[test]
    fn quotes_the_sentence_that_answers_and_cites_it() {
        let a = hit(
            "d-0",
            "Die Nutzung wird protokolliert. Protokolle werden 90 Tage gespeichert.\nDanach werden sie gelöscht.",
        );
        let b = hit("d-1", "Protokolle sind vertraulich zu behandeln.");
        let found = quote_for("Wie lange werden Protokolle gespeichert?", &[&a, &b]);
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
        assert!(answer("Frage?", &[], words, no_synonyms).is_none());
    }

    fn quoted(found: &Extracted) -> usize {
        found.text.matches("“ [").count()
    }

    #[test]
    fn quotes_the_answer_to_the_matching_faq_question_not_the_question() {
        let faq = hit(
            "f-0",
            "Wie bekomme ich einen Zugang zum Chat?\nStellen Sie einen Antrag im Serviceportal. \
             Die Freischaltung dauert drei Tage.\n\nKann ich den Chat im Homeoffice nutzen?\n\
             Ja, der Chat ist über die VPN-Verbindung erreichbar. Vom privaten Rechner aus ist \
             kein Zugriff möglich.",
        );
        let found = quote_for("Geht der Chat auch im Homeoffice?", &[&faq]);
        assert!(
            found
                .text
                .contains("„Ja, der Chat ist über die VPN-Verbindung erreichbar.“ [1]"),
            "{}",
            found.text
        );
        // the short FAQ answer is quoted whole, its question not at all
        assert!(
            found.text.contains("Vom privaten Rechner"),
            "{}",
            found.text
        );
        assert!(!found.text.contains('?'), "{}", found.text);
        assert!(!found.text.contains("Serviceportal"), "{}", found.text);
    }

    #[test]
    fn a_sentence_that_continues_another_brings_it_along() {
        let a = hit(
            "d-0",
            "Jede Dienstreise muss vorher genehmigt werden. Der Antrag wird im Portal gestellt. \
             Er soll spätestens fünf Arbeitstage vor Reisebeginn vorliegen. Auslandsreisen \
             brauchen die Zustimmung der Leitung. Ohne Genehmigung gibt es keine Erstattung.",
        );
        let found = quote_for("Wie viele Tage vorher brauche ich den Antrag?", &[&a]);
        assert!(
            found.text.contains(
                "„Der Antrag wird im Portal gestellt.“ [1] „Er soll spätestens fünf Arbeitstage"
            ),
            "{}",
            found.text
        );
        assert!(quoted(&found) <= MAX_SENTENCES);
        assert!(!found.text.contains("Erstattung"), "{}", found.text);
    }

    #[test]
    fn compound_heads_and_infinitives_with_zu_match() {
        let a = hit(
            "d-0",
            "(1) Unterlagen sind verschlossen aufzubewahren.\n(2) Dienstliche Unterlagen dürfen \
             nicht im Hausmüll entsorgt werden. Sie sind über die Datenschutzbehälter zu \
             vernichten.\n(3) Eine Abwesenheitsnotiz ist ab dem ersten Tag einzurichten.",
        );
        let found = quote_for("Darf ich Papier in den Müll werfen?", &[&a]);
        assert!(found.text.contains("Hausmüll"), "{}", found.text);
        // "Sie sind …" continues the sentence before it
        assert!(found.text.contains("Datenschutzbehälter"), "{}", found.text);
        let found = quote_for("Wann muss ich die Notiz einrichten?", &[&a]);
        assert!(found.text.contains("einzurichten"), "{}", found.text);
    }

    #[test]
    fn the_passage_closer_in_meaning_wins_when_the_wording_is_alike() {
        let mut a = hit("a-0", "Die Frist für den Antrag beträgt vier Wochen.");
        let mut b = hit("b-0", "Die Frist für den Antrag beträgt zwei Wochen.");
        b.title = "Merkblatt".into();
        a.vector_score = Some(0.84);
        b.vector_score = Some(0.90);
        let found = quote_for("Welche Frist gilt für den Antrag?", &[&a, &b]);
        // the other passage, close in score, may follow as the second quote
        assert_eq!(found.citations[0].chunk_id, "b-0");
        assert_eq!(found.citations[0].n, 1);
        assert!(found.text.starts_with("Laut „Merkblatt“"), "{}", found.text);
    }

    #[test]
    fn headings_and_table_headers_are_not_quoted() {
        let a = hit(
            "d-0",
            "5.1 Werkzeuge\nWerkzeug | Zweck | Datenklasse\nAuenChat | Entwürfe | A, B, C\n\
             Übersetzer | Übersetzungen | A",
        );
        let found = quote_for("Welches Werkzeug ist für Datenklasse C erlaubt?", &[&a]);
        assert!(
            found.text.contains("AuenChat | Entwürfe | A, B, C"),
            "{}",
            found.text
        );
        assert!(!found.text.contains("5.1"), "{}", found.text);
        assert!(!found.text.contains("Zweck"), "{}", found.text);
    }

    #[test]
    fn question_kinds_and_numbers_are_recognised() {
        assert!(has_number("(2) Die Frist beträgt zwölf Monate."));
        assert!(has_number(
            "Das Register wird vierteljährlich aktualisiert."
        ));
        assert!(has_number("Nach 30 Minuten wird getrennt."));
        assert!(!has_number("(2) Die Frist ist kurz."));
        assert!(!has_number("4. Er achtet auf Sicherheit."));
        assert!(is_yes_no_question("Darf ich privat surfen?"));
        assert!(!is_yes_no_question("Bis wann muss ich das einreichen?"));
        assert!(!is_yes_no_question("Welche Geräte bekomme ich?"));
        assert!(answers_yes_no("Ja, das geht."));
        assert!(!answers_yes_no("Jahresurlaub ist zu beantragen."));
        assert!(continues("Er soll fünf Tage vorher vorliegen."));
        assert!(continues("Das Passwort ist jedoch sofort zu ändern."));
        assert!(!continues("Passwörter haben zwölf Zeichen."));
        assert!(is_lead("5.1 VPN"));
        assert!(is_lead("Wie erreiche ich die Lotsen?"));
        assert!(!is_lead("Die Lotsen sind erreichbar."));
    }

    #[test]
    fn nouns_count_more_a_single_capital_does_not() {
        let asked = question_words("Wird lokal auf C: gespeichert, etwa Daten?", &|w: &str| {
            vec![
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase(),
            ]
        });
        let weight_of = |word: &str| asked.iter().find(|a| a.word == word).map(AskedWord::weight);
        assert_eq!(weight_of("Daten"), Some(NOUN_WEIGHT));
        assert_eq!(weight_of("C"), Some(1.0));
        assert_eq!(weight_of("gespeichert"), Some(1.0));
        // still capitalised for the unknown-word check, which looks at nouns
        assert!(asked.iter().find(|a| a.word == "C").unwrap().noun);
    }
}
