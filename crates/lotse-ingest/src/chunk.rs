//! Structure-aware chunking of German administrative texts.
//!
//! Rules, in order of priority:
//! 1. a passage never crosses a heading of the document, so it never spans two §§ or two
//!    top-level sections, and it carries the heading path it belongs to;
//! 2. long sections are split at paragraph boundaries, then at sentence boundaries, into
//!    pieces of similar size, each starting with the last sentence of the one before
//!    (a little overlap keeps a rule and its exception together);
//! 3. tiny sections are merged with their neighbour, but only with siblings under the same
//!    parent heading and never when either is a § or an Artikel (a legal unit stays whole).

use lotse_core::{BlockKind, LoadedDocument, SECTION_SEPARATOR};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkOptions {
    /// Sections below this many words merge with a sibling where allowed.
    pub min_words: usize,
    /// Passages are split above this many words.
    pub max_words: usize,
    /// The longest sentence carried over from one piece into the next.
    pub overlap_words: usize,
}

impl Default for ChunkOptions {
    fn default() -> Self {
        ChunkOptions {
            min_words: 100,
            max_words: 350,
            overlap_words: 50,
        }
    }
}

/// A passage before it gets its ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub section: String,
    pub text: String,
    pub page: Option<u32>,
    pub page_end: Option<u32>,
}

#[derive(Debug, Clone)]
struct Unit {
    text: String,
    page: Option<u32>,
    words: usize,
}

impl Unit {
    fn new(text: String, page: Option<u32>) -> Unit {
        let words = text.split_whitespace().count();
        Unit { text, page, words }
    }
}

#[derive(Debug)]
struct Section {
    /// Headings below the document title, outermost first.
    headings: Vec<String>,
    units: Vec<Unit>,
}

impl Section {
    fn words(&self) -> usize {
        self.units.iter().map(|u| u.words).sum()
    }

    /// A § or Artikel is a legal unit: it is never merged with another.
    fn is_legal_unit(&self) -> bool {
        self.headings.last().is_some_and(|h| {
            let lower = h.to_lowercase();
            h.starts_with('§') || lower.starts_with("artikel ") || lower.starts_with("art. ")
        })
    }
}

/// A passage on its way out, with what the merge step needs to know.
#[derive(Debug)]
struct Candidate {
    passage: Passage,
    words: usize,
    heading: Option<String>,
    parent: Vec<String>,
    mergeable: bool,
    headed: bool,
}

/// Cuts a loaded document into passages. `title` is the root of every heading path.
pub fn chunk_document(doc: &LoadedDocument, title: &str, options: &ChunkOptions) -> Vec<Passage> {
    let sections = sections(doc, title);
    let mut candidates: Vec<Candidate> = Vec::new();
    for section in &sections {
        let path = section_path(title, &section.headings);
        let pieces = pack(&section.units, options);
        let single = pieces.len() == 1;
        for piece in pieces {
            let words = piece.text.split_whitespace().count();
            candidates.push(Candidate {
                passage: Passage {
                    section: path.clone(),
                    ..piece
                },
                words,
                heading: section.headings.last().cloned(),
                parent: section.headings[..section.headings.len().saturating_sub(1)].to_vec(),
                // top-level sections (no parent heading) are never merged
                mergeable: single && !section.is_legal_unit() && section.headings.len() >= 2,
                headed: false,
            });
        }
    }

    let mut out: Vec<Candidate> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        if let Some(last) = out.last_mut()
            && last.mergeable
            && candidate.mergeable
            && last.parent == candidate.parent
            && (last.words < options.min_words || candidate.words < options.min_words)
            && last.words + candidate.words <= options.max_words
        {
            merge(last, candidate, title);
            continue;
        }
        out.push(candidate);
    }
    out.into_iter().map(|c| c.passage).collect()
}

fn merge(into: &mut Candidate, next: Candidate, title: &str) {
    if !into.headed {
        if let Some(h) = &into.heading {
            into.passage.text = format!("{h}\n{}", into.passage.text);
        }
        into.headed = true;
        into.passage.section = section_path(title, &into.parent);
    }
    into.passage.text.push_str("\n\n");
    if let Some(h) = &next.heading {
        into.passage.text.push_str(h);
        into.passage.text.push('\n');
    }
    into.passage.text.push_str(&next.passage.text);
    into.words += next.words;
    into.passage.page = min_page(into.passage.page, next.passage.page);
    let end = [
        into.passage.page_end,
        next.passage.page_end,
        next.passage.page,
    ]
    .into_iter()
    .flatten()
    .max();
    into.passage.page_end = end.filter(|e| Some(*e) != into.passage.page);
}

fn min_page(a: Option<u32>, b: Option<u32>) -> Option<u32> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn section_path(title: &str, headings: &[String]) -> String {
    std::iter::once(title)
        .chain(headings.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(SECTION_SEPARATOR)
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// Groups the blocks into sections, one per heading.
fn sections(doc: &LoadedDocument, title: &str) -> Vec<Section> {
    let mut sections = vec![Section {
        headings: Vec::new(),
        units: Vec::new(),
    }];
    let mut stack: Vec<(u8, String)> = Vec::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Heading { level } => {
                // The title heading at the top is the root of every path, not a section.
                if index == 0 && same_text(&block.text, title) {
                    continue;
                }
                while stack.last().is_some_and(|(l, _)| *l >= level) {
                    stack.pop();
                }
                stack.push((level, block.text.clone()));
                sections.push(Section {
                    headings: stack.iter().map(|(_, h)| h.clone()).collect(),
                    units: Vec::new(),
                });
            }
            _ => {
                if let Some(section) = sections.last_mut() {
                    section
                        .units
                        .push(Unit::new(block.text.clone(), block.page));
                }
            }
        }
    }
    sections.retain(|s| s.words() > 0);
    sections
}

/// Splits a section's units into pieces of similar size, at most `max_words` each.
fn pack(units: &[Unit], options: &ChunkOptions) -> Vec<Passage> {
    let total: usize = units.iter().map(|u| u.words).sum();
    let mut atoms: Vec<Unit> = Vec::new();
    for unit in units {
        if unit.words > options.max_words {
            atoms.extend(split_long_unit(unit, options.max_words));
        } else {
            atoms.push(unit.clone());
        }
    }
    if total <= options.max_words {
        return vec![passage_of(&atoms)];
    }
    let piece_count = total.div_ceil(options.max_words);
    let target = total.div_ceil(piece_count);

    let mut pieces = Vec::new();
    let mut current: Vec<Unit> = Vec::new();
    let mut words = 0;
    for atom in atoms {
        if !current.is_empty() && words + atom.words > options.max_words {
            let carry = overlap(&current, options.overlap_words);
            pieces.push(passage_of(&current));
            current.clear();
            words = 0;
            if let Some(carry) = carry
                && carry.words + atom.words <= options.max_words
            {
                words += carry.words;
                current.push(carry);
            }
        }
        words += atom.words;
        current.push(atom);
        if words >= target {
            let carry = overlap(&current, options.overlap_words);
            pieces.push(passage_of(&current));
            current.clear();
            words = 0;
            if let Some(carry) = carry {
                words += carry.words;
                current.push(carry);
            }
        }
    }
    // Don't emit a piece that is nothing but the carried-over sentence.
    let only_carry = current.len() == 1 && !pieces.is_empty();
    if !current.is_empty() && !only_carry {
        pieces.push(passage_of(&current));
    }
    pieces
}

/// The last sentence of a piece, to start the next one with.
fn overlap(units: &[Unit], max_words: usize) -> Option<Unit> {
    let last = units.last()?;
    let sentence = split_sentences(&last.text).pop()?;
    let unit = Unit::new(sentence, last.page);
    (unit.words <= max_words).then_some(unit)
}

fn split_long_unit(unit: &Unit, max_words: usize) -> Vec<Unit> {
    let mut out = Vec::new();
    for sentence in split_sentences(&unit.text) {
        let words: Vec<&str> = sentence.split_whitespace().collect();
        if words.len() <= max_words {
            out.push(Unit::new(sentence, unit.page));
        } else {
            // A "sentence" this long is a list or table dump: cut it at word boundaries.
            for part in words.chunks(max_words) {
                out.push(Unit::new(part.join(" "), unit.page));
            }
        }
    }
    out
}

fn passage_of(units: &[Unit]) -> Passage {
    let text = units
        .iter()
        .map(|u| u.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let pages: Vec<u32> = units.iter().filter_map(|u| u.page).collect();
    let page = pages.iter().min().copied();
    let page_end = pages.iter().max().copied().filter(|e| Some(*e) != page);
    Passage {
        section: String::new(),
        text,
        page,
        page_end,
    }
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "abs", "nr", "ggf", "bzw", "ca", "vgl", "usw", "etc", "dr", "art", "bspw", "inkl", "max",
    "min", "ziff", "str", "tel", "gem", "evtl", "lfd", "sog", "zzgl", "mind", "hrsg", "jan", "feb",
    "aug", "sept", "okt", "nov", "dez", "st", "u.a", "z.b", "d.h", "i.d.r", "u.u", "o.ä",
];

/// Words up to which consecutive sentences form one sentence group.
pub const PART_WORDS: usize = 60;

/// Consecutive sentences of `text` joined into groups of up to [`PART_WORDS`] words (a
/// longer sentence is a group of its own). The vector index embeds each group of a passage
/// besides the whole passage; answers find the matched group again with this function.
pub fn sentence_groups(text: &str) -> Vec<String> {
    let mut groups: Vec<String> = Vec::new();
    let mut words = 0;
    for sentence in split_sentences(text) {
        let n = sentence.split_whitespace().count();
        match groups.last_mut() {
            Some(group) if words + n <= PART_WORDS => {
                group.push(' ');
                group.push_str(&sentence);
                words += n;
            }
            _ => {
                groups.push(sentence);
                words = n;
            }
        }
    }
    groups
}

/// Splits German text into sentences, keeping abbreviations ("z. B.", "Abs.", "Nr."),
/// ordinals and dates ("1. März", "01.03.2025") inside their sentence.
pub fn split_sentences(text: &str) -> Vec<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut sentences = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        current.push(token);
        let next = tokens.get(i + 1);
        if ends_sentence(token, next.copied()) {
            sentences.push(current.join(" "));
            current.clear();
        }
    }
    if !current.is_empty() {
        sentences.push(current.join(" "));
    }
    sentences
}

pub(crate) fn ends_sentence(token: &str, next: Option<&str>) -> bool {
    let token = token.trim_end_matches(['"', '“', '”', '\'', ')', '»', '«']);
    let Some(last) = token.chars().last() else {
        return false;
    };
    if last == '!' || last == '?' {
        return true;
    }
    if last != '.' {
        return false;
    }
    let Some(next) = next else {
        return true;
    };
    if next.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    let word = token
        .trim_end_matches('.')
        .trim_start_matches(['(', '"', '„']);
    let lower = word.to_lowercase();
    let single_letter = word.chars().count() == 1;
    // "1." and "01.03." are ordinals and dates inside a sentence; "2025." or "105." end one.
    let numeric = !word.is_empty()
        && word.chars().all(|c| c.is_ascii_digit() || c == '.')
        && (word.len() <= 2 || word.contains('.'));
    !(single_letter || numeric || ABBREVIATIONS.contains(&lower.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lotse_core::{Block, Format};

    fn doc(blocks: Vec<Block>) -> LoadedDocument {
        LoadedDocument {
            format: Format::Markdown,
            metadata_title: None,
            blocks,
            page_count: None,
            scanned_pages: Vec::new(),
        }
    }

    fn words(n: usize, word: &str) -> String {
        (0..n)
            .map(|i| format!("{word}{i}"))
            .collect::<Vec<_>>()
            .join(" ")
            + "."
    }

    #[test]
    fn sentences_keep_abbreviations_dates_and_ordinals() {
        let s = split_sentences(
            "Gemäß § 3 Abs. 2 gilt dies z. B. ab dem 1. März 2025. Anträge gehen an Raum 105. Danach!",
        );
        assert_eq!(
            s,
            vec![
                "Gemäß § 3 Abs. 2 gilt dies z. B. ab dem 1. März 2025.",
                "Anträge gehen an Raum 105.",
                "Danach!"
            ]
        );
    }

    #[test]
    fn no_passage_spans_two_paragraphs_even_when_tiny() {
        let d = doc(vec![
            Block::heading(1, "Dienstanweisung KI", None),
            Block::heading(2, "§ 1 Geltungsbereich", None),
            Block::paragraph("Gilt für alle Beschäftigten.", None),
            Block::heading(2, "§ 2 Begriffe", None),
            Block::paragraph("KI-Systeme sind Programme.", None),
        ]);
        let passages = chunk_document(&d, "Dienstanweisung KI", &ChunkOptions::default());
        assert_eq!(passages.len(), 2);
        assert_eq!(
            passages[0].section,
            "Dienstanweisung KI › § 1 Geltungsbereich"
        );
        assert_eq!(passages[0].text, "Gilt für alle Beschäftigten.");
        assert_eq!(passages[1].section, "Dienstanweisung KI › § 2 Begriffe");
    }

    #[test]
    fn tiny_subsections_merge_only_under_the_same_parent() {
        let d = doc(vec![
            Block::heading(1, "1 Passwörter", None),
            Block::heading(2, "1.1 Länge", None),
            Block::paragraph("Mindestens zwölf Zeichen.", None),
            Block::heading(2, "1.2 Wechsel", None),
            Block::paragraph("Nur bei Verdacht.", None),
            Block::heading(1, "2 Bildschirmsperre", None),
            Block::heading(2, "2.1 Zeit", None),
            Block::paragraph("Nach fünf Minuten.", None),
        ]);
        let passages = chunk_document(&d, "IT-Richtlinie", &ChunkOptions::default());
        assert_eq!(passages.len(), 2, "{passages:#?}");
        assert_eq!(passages[0].section, "IT-Richtlinie › 1 Passwörter");
        assert_eq!(
            passages[0].text,
            "1.1 Länge\nMindestens zwölf Zeichen.\n\n1.2 Wechsel\nNur bei Verdacht."
        );
        assert_eq!(
            passages[1].section,
            "IT-Richtlinie › 2 Bildschirmsperre › 2.1 Zeit"
        );
        assert_eq!(passages[1].text, "Nach fünf Minuten.");
    }

    #[test]
    fn long_sections_split_evenly_with_overlap_and_keep_pages() {
        let mut blocks = vec![Block::heading(2, "§ 4 Pflichten", Some(1))];
        for i in 0..8 {
            let page = if i < 4 { 1 } else { 2 };
            blocks.push(Block::paragraph(
                format!("({}) {} Schlusssatz {i} hier.", i + 1, words(60, "wort")),
                Some(page),
            ));
        }
        let passages = chunk_document(&doc(blocks), "Regel", &ChunkOptions::default());
        assert_eq!(passages.len(), 2, "{passages:#?}");
        for p in &passages {
            let n = p.text.split_whitespace().count();
            assert!((150..=350).contains(&n), "{n} words");
            assert_eq!(p.section, "Regel › § 4 Pflichten");
        }
        assert_eq!((passages[0].page, passages[0].page_end), (Some(1), None));
        // starts with the carried-over last sentence of page 1, then page 2
        assert_eq!((passages[1].page, passages[1].page_end), (Some(1), Some(2)));
        // the second piece starts with the last sentence of the first
        let last_sentence = split_sentences(&passages[0].text).pop().unwrap();
        assert!(
            passages[1].text.starts_with(&last_sentence),
            "{last_sentence}"
        );
    }

    #[test]
    fn a_passage_over_a_page_break_knows_both_pages() {
        let blocks = vec![
            Block::heading(2, "§ 1 Zweck", Some(3)),
            Block::paragraph("Erster Teil.", Some(3)),
            Block::paragraph("Zweiter Teil.", Some(4)),
        ];
        let p = chunk_document(&doc(blocks), "T", &ChunkOptions::default());
        assert_eq!((p[0].page, p[0].page_end), (Some(3), Some(4)));
    }

    #[test]
    fn text_before_the_first_heading_gets_the_title_as_section() {
        let blocks = vec![
            Block::paragraph("Vorbemerkung zur Richtlinie.", None),
            Block::heading(2, "§ 1 Zweck", None),
            Block::paragraph("Text.", None),
        ];
        let p = chunk_document(&doc(blocks), "Richtlinie", &ChunkOptions::default());
        assert_eq!(p[0].section, "Richtlinie");
        assert_eq!(p[1].section, "Richtlinie › § 1 Zweck");
    }
}
