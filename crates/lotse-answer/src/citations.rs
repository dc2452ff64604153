//! Citations you can trust: markers checked against the passages given, quotes that occur
//! verbatim in their passage.

use crate::Citation;
use lotse_core::Hit;

/// The answer text with only resolvable markers, and the citations they name.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub text: String,
    pub citations: Vec<Citation>,
    pub unresolved: u32,
    /// Markers lotse added to sentences the model left uncited (see [`attribute`]).
    pub attributed: u32,
}

/// Share of a sentence's content words that must occur in a passage for lotse to cite
/// that passage for it when the model gave no marker. Small models often answer nearly
/// verbatim from a passage but forget the marker; a sentence this close to a passage is
/// verifiably from it.
pub const ATTRIBUTION_SHARE: f32 = 0.6;

fn content_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 3 || w.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .collect()
}

fn has_marker(sentence: &str) -> bool {
    let mut rest = sentence;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        rest = after;
    }
    false
}

/// `sentence` with `markers` ("[1][2]") before its closing punctuation.
fn with_markers(sentence: &str, markers: &str) -> String {
    let body = sentence.trim_end_matches(['.', '!', '?', ';', ':']);
    format!("{body} {markers}{}", &sentence[body.len()..])
}

/// Adds `[n]` to each sentence of `text` that has no marker but whose content words occur
/// in passage n (at least [`ATTRIBUTION_SHARE`] of them, the best-supporting passage).
/// Sentences that no passage supports stay uncited. Returns the text and the markers added.
pub fn attribute(text: &str, passages: &[&Hit]) -> (String, u32) {
    if passages.is_empty() || text.trim().is_empty() {
        return (text.to_string(), 0);
    }
    let vocabularies: Vec<std::collections::HashSet<String>> = passages
        .iter()
        .map(|h| {
            content_words(&format!("{} {} {}", h.title, h.section, h.text))
                .into_iter()
                .collect()
        })
        .collect();
    let mut added = 0;
    let mut out: Vec<String> = Vec::new();
    for sentence in lotse_ingest::chunk::split_sentences(text) {
        if has_marker(&sentence) {
            out.push(sentence);
            continue;
        }
        let words = content_words(&sentence);
        if words.len() < 3 {
            out.push(sentence);
            continue;
        }
        let support = |v: &std::collections::HashSet<String>| {
            words.iter().filter(|w| v.contains(*w)).count() as f32 / words.len() as f32
        };
        let best = vocabularies
            .iter()
            .enumerate()
            .map(|(i, v)| (i, support(v)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((i, share)) if share >= ATTRIBUTION_SHARE => {
                out.push(with_markers(&sentence, &format!("[{}]", i + 1)));
                added += 1;
            }
            _ => out.push(sentence),
        }
    }
    (out.join(" "), added)
}

/// Whether `line` is only citation markers ("[1] [2]", "[1], [3] und [4]").
fn only_markers(line: &str) -> bool {
    let mut rest = line.trim();
    let mut any = false;
    while !rest.is_empty() {
        rest = rest.trim_start_matches([' ', ',', ';', '.', '-', '*', '•']);
        if let Some(r) = rest.strip_prefix("und ") {
            rest = r;
            continue;
        }
        if rest.is_empty() {
            break;
        }
        let Some(inner) = rest.strip_prefix('[').and_then(|r| r.split_once(']')) else {
            return false;
        };
        if inner.0.is_empty()
            || !inner
                .0
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == ' ')
        {
            return false;
        }
        any = true;
        rest = inner.1;
    }
    any
}

/// A closing sources line ("Quellen: [1] [2]", or "Quellen:" over lines of markers), as
/// models like to cite at the end: its markers go to the sentences before it that carry
/// none, and the line itself is dropped. Each sentence is then checked against the
/// passages it cites like any other.
pub fn closing_sources_inline(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let Some(last) = lines.iter().rposition(|l| !l.trim().is_empty()) else {
        return text.to_string();
    };
    // the heading line, and the marker lines from it to the end
    let mut start = last;
    while start > 0 && only_markers(lines[start]) && !is_sources_heading(lines[start]) {
        start -= 1;
    }
    let heading = lines[start].trim();
    let Some(after) = sources_heading_rest(heading) else {
        return text.to_string();
    };
    let tail: Vec<&str> = std::iter::once(after)
        .chain(lines[start + 1..=last].iter().copied())
        .filter(|l| !l.trim().is_empty())
        .collect();
    if tail.is_empty() || !tail.iter().all(|l| only_markers(l)) {
        return text.to_string();
    }
    let markers: String = tail
        .iter()
        .flat_map(|l| {
            l.split('[')
                .skip(1)
                .filter_map(|p| p.split_once(']').map(|(inner, _)| inner))
                .flat_map(|inner| inner.split([',', ' ']))
                .filter(|n| !n.is_empty())
                .map(|n| format!("[{n}]"))
                .collect::<Vec<_>>()
        })
        .collect();
    let body = lines[..start].join("\n");
    let mut out: Vec<String> = Vec::new();
    for paragraph in body.split("\n\n") {
        let sentences: Vec<String> = lotse_ingest::chunk::split_sentences(paragraph)
            .into_iter()
            .map(|sentence| {
                if has_marker(&sentence) {
                    sentence
                } else {
                    with_markers(&sentence, &markers)
                }
            })
            .collect();
        if !sentences.is_empty() {
            out.push(sentences.join(" "));
        }
    }
    out.join("\n\n")
}

const SOURCES_HEADINGS: &[&str] = &[
    "quellen",
    "quelle",
    "quellenangaben",
    "quellenangabe",
    "sources",
    "source",
];

fn is_sources_heading(line: &str) -> bool {
    sources_heading_rest(line.trim()).is_some()
}

/// What follows "Quellen:" (or "**Quellen:**", "Quelle"), if `line` opens with it.
fn sources_heading_rest(line: &str) -> Option<&str> {
    let line = line.trim_start_matches(['*', '#', ' ', '_']);
    let lower = line.to_lowercase();
    let word = SOURCES_HEADINGS.iter().find(|w| {
        lower.starts_with(*w) && !lower[w.len()..].starts_with(|c: char| c.is_alphanumeric())
    })?;
    let rest = line[word.len()..].trim_start_matches(['*', '_', ' ']);
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    Some(rest.trim_start_matches(['*', '_', ' ']))
}

/// The answer's sentences that carry marker `n`, as the reference for that citation's
/// quote; the whole answer if none does.
fn sentences_citing(text: &str, n: u32) -> String {
    let marker = format!("[{n}]");
    let picked: Vec<String> = lotse_ingest::chunk::split_sentences(text)
        .into_iter()
        .filter(|s| s.contains(&marker))
        .collect();
    if picked.is_empty() {
        text.to_string()
    } else {
        picked.join(" ")
    }
}

/// Checks the `[n]` markers of `text` against `passages` (marker n = passages[n-1]).
/// Sentences without a marker are first attributed to the passage they come from where
/// that is evident ([`attribute`]). Markers without a passage are removed and counted;
/// each cited passage gets as its quote the sentence that best supports the answer's
/// sentences citing it (or the `question`).
pub fn verify(text: &str, passages: &[&Hit], question: &str) -> Checked {
    let text = closing_sources_inline(text);
    let (text, attributed) = attribute(&text, passages);
    let text = text.as_str();
    let mut out = String::with_capacity(text.len());
    let mut cited: Vec<u32> = Vec::new();
    let mut unresolved = 0;
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find(']');
        let numbers = close.map(|c| &after[..c]).filter(|inner| {
            !inner.is_empty()
                && inner
                    .split([',', ' '])
                    .filter(|p| !p.is_empty())
                    .all(|p| p.chars().all(|c| c.is_ascii_digit()))
        });
        match (close, numbers) {
            (Some(c), Some(inner)) => {
                let mut kept = Vec::new();
                for n in inner.split([',', ' ']).filter(|p| !p.is_empty()) {
                    match n.parse::<u32>() {
                        Ok(n) if n >= 1 && (n as usize) <= passages.len() => {
                            kept.push(n);
                            if !cited.contains(&n) {
                                cited.push(n);
                            }
                        }
                        _ => unresolved += 1,
                    }
                }
                for n in kept {
                    out.push_str(&format!("[{n}]"));
                }
                rest = &after[c + 1..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    let mut text = tidy(&out);
    // "… gelöscht [1]. [1]": a marker repeated right after itself says nothing new
    for n in &cited {
        let m = format!("[{n}]");
        for (twice, once) in [
            (format!("{m}. {m}"), format!("{m}.")),
            (format!("{m} {m}"), m.clone()),
            (format!("{m}{m}"), m.clone()),
        ] {
            while text.contains(&twice) {
                text = text.replace(&twice, &once);
            }
        }
    }
    let citations = cited
        .iter()
        .map(|&n| {
            let hit = passages[n as usize - 1];
            let reference = format!("{} {question}", sentences_citing(&text, n));
            let quote = best_quote(&hit.text, &reference);
            citation(n, hit, quote)
        })
        .collect();
    Checked {
        text,
        citations,
        unresolved,
        attributed,
    }
}

/// Removes the doubled spaces and space-before-punctuation that dropped markers leave.
fn tidy(text: &str) -> String {
    let mut s = text
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    for p in [" .", " ,", " ;", " :"] {
        s = s.replace(p, &p[1..]);
    }
    s.trim().to_string()
}

pub(crate) fn citation(n: u32, hit: &Hit, quote: String) -> Citation {
    Citation {
        n,
        chunk_id: hit.chunk_id.clone(),
        document_id: hit.document_id.clone(),
        source: hit.source.clone(),
        title: hit.title.clone(),
        collection: hit.collection.clone(),
        page: hit.page,
        section: hit.section.clone(),
        quote,
        scan_confidence: hit.scan_confidence,
        kind: hit.kind.map(|k| k.label().to_string()),
        dated: hit.dated.clone(),
        pending_from: hit.pending_from.clone(),
    }
}

/// The sentence of `passage` sharing the most words with `reference`, exactly as it stands
/// in the passage.
pub fn best_quote(passage: &str, reference: &str) -> String {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 2)
            .map(str::to_lowercase)
            .collect()
    };
    let wanted: std::collections::HashSet<String> = words(reference).into_iter().collect();
    let sentences = lotse_ingest::chunk::split_sentences(passage);
    let best = sentences
        .iter()
        .max_by_key(|s| words(s).iter().filter(|w| wanted.contains(*w)).count())
        .cloned()
        .unwrap_or_default();
    verbatim(passage, &best)
        .unwrap_or_else(|| passage.trim())
        .to_string()
}

/// `sentence` as it occurs in `passage`, where the two differ only in whitespace.
pub fn verbatim<'a>(passage: &'a str, sentence: &str) -> Option<&'a str> {
    let want: Vec<&str> = sentence.split_whitespace().collect();
    let first = *want.first()?;
    let mut search_from = 0;
    while let Some(pos) = passage[search_from..].find(first) {
        let start = search_from + pos;
        let mut at = start;
        let mut ok = true;
        for w in &want {
            let rest = &passage[at..];
            let trimmed = rest.trim_start();
            at += rest.len() - trimmed.len();
            if trimmed.starts_with(w) {
                at += w.len();
            } else {
                ok = false;
                break;
            }
        }
        if ok {
            return Some(&passage[start..at]);
        }
        search_from = start + first.len();
    }
    None
}

/// Share of a cited sentence's content words that must occur (as the same word or one
/// sharing its first five letters, for inflection) in the passages it cites.
pub const SUPPORT_SHARE: f32 = 0.5;

fn numbers(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let inside = c.is_ascii_digit()
            || ((c == ',' || c == '.')
                && !current.is_empty()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        if inside {
            current.push(c);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn supported_word(word: &str, vocabulary: &std::collections::HashSet<String>) -> bool {
    if vocabulary.contains(word) {
        return true;
    }
    let prefix: String = word.chars().take(5).collect();
    prefix.chars().count() == 5 && vocabulary.iter().any(|v| v.starts_with(&prefix))
}

/// Why a checked answer (markers resolved, see [`verify`]) can't be shown as a sourced
/// answer, or `None` if it can: a number that occurs in no cited passage (nor in the
/// question), a sentence citing passages that don't hold its words, or a sentence that
/// cites nothing. Small models write fluent sentences the passages don't say; this catches
/// the plain cases without a second model.
pub fn unsupported(text: &str, passages: &[&Hit], question: &str) -> Option<String> {
    for sentence in lotse_ingest::chunk::split_sentences(text) {
        let cited: Vec<&Hit> = (1..=passages.len())
            .filter(|n| sentence.contains(&format!("[{n}]")))
            .map(|n| passages[n - 1])
            .collect();
        let body: String = {
            // the sentence without its markers
            let mut b = sentence.clone();
            for n in 1..=passages.len() {
                b = b.replace(&format!("[{n}]"), " ");
            }
            b
        };
        let words = content_words(&body);
        if cited.is_empty() {
            if words.len() >= 3 {
                return Some(format!("Satz ohne Quelle: „{}“", body.trim()));
            }
            continue;
        }
        // a sentence may name the document it comes from ("laut der Dienstvereinbarung …")
        let sources: String = cited
            .iter()
            .map(|h| format!("{} {} {}", h.title, h.section, h.text))
            .collect::<Vec<_>>()
            .join(" ");
        let source_numbers: Vec<String> = numbers(&format!("{sources} {question}"));
        for n in numbers(&body) {
            if !source_numbers.iter().any(|s| s == &n) {
                return Some(format!("die Zahl „{n}“ steht in keiner zitierten Quelle"));
            }
        }
        let vocabulary: std::collections::HashSet<String> =
            content_words(&format!("{sources} {question}"))
                .into_iter()
                .collect();
        if !words.is_empty() {
            let found = words
                .iter()
                .filter(|w| supported_word(w, &vocabulary))
                .count();
            if (found as f32) < SUPPORT_SHARE * words.len() as f32 {
                return Some(format!(
                    "der Satz „{}“ ist durch die zitierte Quelle nicht gedeckt",
                    body.trim()
                ));
            }
        }
    }
    None
}

/// Whether a generated answer says the passages don't hold the answer.
pub fn says_not_found(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "nicht in den quellen",
        "keine informationen",
        "nicht enthalten",
        "enthalten keine",
        "nicht beantwort",
        "dazu steht nichts",
        "keine angaben",
        "liegen keine",
    ]
    .iter()
    .any(|p| lower.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(text: &str) -> Hit {
        Hit {
            chunk_id: "d-0".into(),
            document_id: "d".into(),
            source: "a.pdf".into(),
            title: "A".into(),
            collection: "allgemein".into(),
            page: Some(2),
            page_end: None,
            section: "A › § 1".into(),
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

    #[test]
    fn a_closing_sources_line_cites_the_sentences_before_it() {
        assert_eq!(
            closing_sources_inline(
                "Protokolle werden 90 Tage gespeichert. Danach nicht.\n\nQuellen: [1]"
            ),
            "Protokolle werden 90 Tage gespeichert [1]. Danach nicht [1]."
        );
        // markers on their own lines below the heading; a cited sentence keeps its own
        assert_eq!(
            closing_sources_inline("Erst dies [2]. Dann das.\n\n**Quellen:**\n[1] [2]"),
            "Erst dies [2]. Dann das [1][2]."
        );
        // no sources line, or one that says more than markers: unchanged
        for text in [
            "Protokolle werden 90 Tage gespeichert [1].",
            "Das steht so.\n\nQuellen: Dienstanweisung KI",
            "Quellenangaben fehlen hier.",
        ] {
            assert_eq!(closing_sources_inline(text), text);
        }
        // the markers then count as citations and are checked like inline ones
        let a = hit("Protokolle werden 90 Tage gespeichert.");
        let checked = verify(
            "Protokolle werden 90 Tage gespeichert.\n\nQuellen: [1]",
            &[&a],
            "Wie lange?",
        );
        assert_eq!(checked.text, "Protokolle werden 90 Tage gespeichert [1].");
        assert_eq!(checked.citations.len(), 1);
    }

    #[test]
    fn markers_are_checked_and_quotes_are_verbatim() {
        let a =
            hit("Erster Satz über Urlaub.\nProtokolle werden  90 Tage gespeichert. Danach nicht.");
        let b = hit("Etwas anderes.");
        let c = verify(
            "Protokolle werden 90 Tage gespeichert [1][3]. Siehe auch [2, 7] und [Anlage].",
            &[&a, &b],
            "Wie lange werden Protokolle gespeichert?",
        );
        assert_eq!(c.unresolved, 2);
        assert_eq!(
            c.text,
            "Protokolle werden 90 Tage gespeichert [1]. Siehe auch [2] und [Anlage]."
        );
        assert_eq!(c.citations.len(), 2);
        assert_eq!(c.citations[0].n, 1);
        assert_eq!(
            c.citations[0].quote,
            "Protokolle werden  90 Tage gespeichert."
        );
        assert!(a.text.contains(&c.citations[0].quote));
        assert_eq!(c.citations[0].page, Some(2));
    }

    #[test]
    fn uncited_sentences_close_to_a_passage_are_attributed_to_it() {
        let a = hit("Mobiles Arbeiten ist an höchstens drei Arbeitstagen pro Woche möglich.");
        let b = hit("Die Kosten für Strom und Heizung tragen die Beschäftigten.");
        let c = verify(
            "Mobiles Arbeiten ist an höchstens drei Arbeitstagen pro Woche möglich. \
             Die Kosten für Strom tragen die Beschäftigten [2]. Der Mond ist aus grünem Käse.",
            &[&a, &b],
            "Wie oft darf ich mobil arbeiten?",
        );
        assert_eq!(c.attributed, 1);
        assert_eq!(
            c.text,
            "Mobiles Arbeiten ist an höchstens drei Arbeitstagen pro Woche möglich [1]. \
             Die Kosten für Strom tragen die Beschäftigten [2]. Der Mond ist aus grünem Käse."
        );
        let ns: Vec<u32> = c.citations.iter().map(|c| c.n).collect();
        assert_eq!(ns, [1, 2]);
        // each quote is taken for the sentences that cite its passage
        assert_eq!(c.citations[1].quote, b.text);
        // nothing supported: nothing attributed
        let none = verify("Der Mond ist aus grünem Käse.", &[&a, &b], "?");
        assert_eq!(none.attributed, 0);
        assert!(none.citations.is_empty());
    }

    #[test]
    fn unsupported_numbers_and_sentences_are_named() {
        let a = hit("Protokolle werden 90 Tage gespeichert und danach gelöscht.");
        let ok = verify(
            "Die Protokolle werden 90 Tage gespeichert [1].",
            &[&a],
            "Wie lange?",
        );
        assert_eq!(unsupported(&ok.text, &[&a], "Wie lange?"), None);
        let wrong_number = verify(
            "Die Protokolle werden 24 Stunden gespeichert [1].",
            &[&a],
            "?",
        );
        let why = unsupported(&wrong_number.text, &[&a], "?").unwrap();
        assert!(why.contains("24"), "{why}");
        let made_up = verify(
            "Die Personalabteilung entscheidet über jeden Einzelfall persönlich [1].",
            &[&a],
            "?",
        );
        assert!(unsupported(&made_up.text, &[&a], "?").is_some());
        // the cited passage's title and section count as its words
        let titled = Hit {
            title: "Dienstvereinbarung Gleitzeit".into(),
            section: "Dienstvereinbarung Gleitzeit › § 1 Kernarbeitszeit".into(),
            ..a.clone()
        };
        let named = verify(
            "Das regelt die Dienstvereinbarung Gleitzeit zur Kernarbeitszeit [1].",
            &[&titled],
            "?",
        );
        assert_eq!(unsupported(&named.text, &[&titled], "?"), None);
        assert!(unsupported(&named.text, &[&a], "?").is_some());
        let uncited = "Das regelt der Oberbürgermeister höchstpersönlich selbst.";
        assert!(
            unsupported(uncited, &[&a], "?")
                .unwrap()
                .contains("ohne Quelle")
        );
        assert_eq!(
            numbers("0,20 € je km, 1.500 Lux, § 5."),
            ["0,20", "1.500", "5"]
        );
    }

    #[test]
    fn a_marker_repeated_right_after_itself_is_dropped() {
        let a = hit("Protokolle werden 90 Tage gespeichert.");
        let c = verify("Sie werden 90 Tage gespeichert [1]. [1]", &[&a], "?");
        assert_eq!(c.text, "Sie werden 90 Tage gespeichert [1].");
        let c = verify("Erstens [1][1] und zweitens [1].", &[&a], "?");
        assert_eq!(c.text, "Erstens [1] und zweitens [1].");
    }

    #[test]
    fn verbatim_tolerates_whitespace_only() {
        assert_eq!(verbatim("a  b\nc d", "b c"), Some("b\nc"));
        assert_eq!(verbatim("a b c", "b d"), None);
        assert!(says_not_found("Die Passagen enthalten keine Angabe dazu."));
        assert!(!says_not_found("Es sind 90 Tage [1]."));
    }
}
