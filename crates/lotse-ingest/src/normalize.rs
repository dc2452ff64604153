//! Repairs of extracted text: hyphenation at line ends, ligatures, invisible characters,
//! whitespace, and page headers/footers that repeat on most pages.

use std::collections::HashMap;

/// Words after which a trailing hyphen is an elided compound part ("Bau- und Planungsamt"),
/// not a hyphenation.
const CONJUNCTIONS: &[&str] = &["und", "oder", "bzw", "sowie", "bis", "als", "wie"];

/// Normalises the text of one block: ligatures and invisible characters, words split by a
/// hyphen at a line end joined, line breaks and whitespace runs collapsed to single spaces.
pub fn clean_inline(text: &str) -> String {
    let text = replace_special_chars(text);
    let joined = join_hyphenated_lines(&text);
    collapse_whitespace(&joined)
}

fn replace_special_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            // soft hyphen, zero-width space/joiners, BOM: invisible, drop
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => {}
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' => out.push(' '),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// "Verwal-\ntung" → "Verwaltung"; "Datenschutz-\nBeauftragte" keeps its hyphen;
/// "Bau-\nund" stays "Bau- und".
pub fn join_hyphenated_lines(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut joined_to_previous = false;
    for (i, raw) in lines.iter().enumerate() {
        // A line glued to the previous one loses its indentation.
        let line = if joined_to_previous {
            raw.trim_start()
        } else {
            raw
        };
        joined_to_previous = false;
        let Some(next) = lines.get(i + 1) else {
            out.push_str(line);
            break;
        };
        let trimmed = line.trim_end();
        let next_word: String = next
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        let stem = trimmed
            .strip_suffix('-')
            .filter(|s| s.chars().last().is_some_and(char::is_alphabetic));
        match stem {
            Some(stem) if next_word.chars().next().is_some_and(char::is_lowercase) => {
                if CONJUNCTIONS.contains(&next_word.as_str()) {
                    out.push_str(trimmed);
                    out.push(' ');
                } else {
                    out.push_str(stem);
                    joined_to_previous = true;
                }
            }
            Some(_) if !next_word.is_empty() => {
                // Capitalised continuation: a real hyphenated compound ("E-Mail-Adresse").
                out.push_str(trimmed);
                joined_to_previous = true;
            }
            _ => {
                out.push_str(trimmed);
                out.push('\n');
            }
        }
    }
    out
}

pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A line's identity for header/footer detection: digits folded, so that "Seite 3 von 12"
/// and "Seite 4 von 12" count as the same line.
fn line_key(line: &str) -> String {
    collapse_whitespace(line)
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .to_lowercase()
}

fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    !t.is_empty()
        && t.len() <= 20
        && (t.chars().all(|c| c.is_ascii_digit())
            || (t.to_lowercase().starts_with("seite") && t.chars().any(|c| c.is_ascii_digit()))
            || (t.contains('/')
                && t.chars()
                    .all(|c| c.is_ascii_digit() || c == '/' || c == ' ')))
}

/// How many lines at the top and bottom of a page are candidates for running headers/footers.
const EDGE_LINES: usize = 3;

/// Removes lines that repeat at the top or bottom of most pages (running headers, footers,
/// "Seite n von m") and bare page numbers. Documents of one or two pages are left alone
/// except for page numbers, since a repetition can't be told from content there.
pub fn strip_repeated_page_lines(pages: &[String]) -> Vec<String> {
    let page_lines: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.lines().filter(|l| !l.trim().is_empty()).collect())
        .collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for lines in &page_lines {
        let mut seen = std::collections::HashSet::new();
        for line in edge_lines(lines) {
            let key = line_key(line);
            if seen.insert(key.clone()) {
                *counts.entry(key).or_default() += 1;
            }
        }
    }
    let threshold = (page_lines.len() as f32 * 0.6).ceil() as usize;
    let repeated = |line: &str| {
        pages.len() >= 3 && counts.get(&line_key(line)).copied().unwrap_or(0) >= threshold
    };

    page_lines
        .iter()
        .map(|lines| {
            let n = lines.len();
            let mut out = String::new();
            for (i, line) in lines.iter().enumerate() {
                let is_edge = i < EDGE_LINES || i + EDGE_LINES >= n;
                if is_edge && (repeated(line) || is_page_number(line)) {
                    continue;
                }
                out.push_str(line);
                out.push('\n');
            }
            out
        })
        .collect()
}

fn edge_lines<'a>(lines: &'a [&'a str]) -> impl Iterator<Item = &'a str> {
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .filter(move |(i, _)| *i < EDGE_LINES || *i + EDGE_LINES >= n)
        .map(|(_, l)| *l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_words_hyphenated_at_line_end() {
        assert_eq!(
            clean_inline("Die Verwal-\ntung prüft den An-\n trag."),
            "Die Verwaltung prüft den Antrag."
        );
    }

    #[test]
    fn keeps_real_hyphens_and_elided_compounds() {
        assert_eq!(
            clean_inline("die E-Mail-\nAdresse im Bau-\nund Planungsamt"),
            "die E-Mail-Adresse im Bau- und Planungsamt"
        );
        assert_eq!(clean_inline("Seite 3 -\nweiter"), "Seite 3 - weiter");
    }

    #[test]
    fn undoes_ligatures_and_invisible_characters() {
        assert_eq!(
            clean_inline("Dienst\u{00AD}stelle, \u{FB01}nden, Ein\u{FB02}uss,\u{00A0}Zi\u{FB00}er"),
            "Dienststelle, finden, Einfluss, Ziffer"
        );
    }

    #[test]
    fn strips_running_headers_footers_and_page_numbers() {
        let pages: Vec<String> = (1..=4)
            .map(|n| {
                let word = ["Antrag", "Frist", "Zuständigkeit", "Ausnahme"][n - 1];
                format!("Stadt Lindenau – Richtlinie\n{word} wird geregelt.\nSeite {n} von 4\n")
            })
            .collect();
        let cleaned = strip_repeated_page_lines(&pages);
        for (i, page) in cleaned.iter().enumerate() {
            assert!(!page.contains("Stadt Lindenau"), "{page}");
            assert!(!page.contains("von 4"), "{page}");
            assert!(page.contains("wird geregelt"), "page {i}: {page}");
        }
    }

    #[test]
    fn short_documents_keep_their_lines() {
        let pages = vec![
            "Titel\nText eins.\n".to_string(),
            "Titel\nText zwei.\n2\n".to_string(),
        ];
        let cleaned = strip_repeated_page_lines(&pages);
        assert!(cleaned[1].contains("Titel"));
        assert!(!cleaned[1].contains("\n2\n"));
    }
}
