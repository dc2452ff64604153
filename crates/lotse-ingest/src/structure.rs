//! Structure of texts that come as lines (PDF, plain text): paragraphs and the headings of
//! German administrative documents.
//!
//! Heading levels are relative: "Teil", "Kapitel", "Abschnitt", "Anlage" and top-level
//! numbers ("3 Zuständigkeiten", "II. Verfahren") are level 1; "§ 5" and "Artikel 5", and
//! second-level numbers ("3.2") are level 2; "3.2.1" is level 3.

use lotse_core::{Block, BlockKind};

/// The longest line that can still be a heading, in words.
const MAX_HEADING_WORDS: usize = 14;

/// Returns the heading level if `line` has the form of a heading, `None` for body text.
pub fn heading_level(line: &str) -> Option<u8> {
    let line = line.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_HEADING_WORDS || line.chars().count() > 140 {
        return None;
    }
    if line.ends_with(['.', ',', ';']) && !line.ends_with("..") {
        // "§ 5." alone is still a heading, a sentence is not.
        if !(words.len() <= 2 && line.starts_with('§')) {
            return None;
        }
    }
    let first = words[0];

    // § 5, §5, § 5a
    if let Some(rest) = first.strip_prefix('§') {
        let number = if rest.is_empty() {
            words.get(1).copied().unwrap_or("")
        } else {
            rest
        };
        if number.chars().next().is_some_and(|c| c.is_ascii_digit()) && !first.starts_with("§§") {
            return Some(2);
        }
        return None;
    }

    let lower = first.to_lowercase();
    let keyword_level = match lower.as_str() {
        "teil" | "kapitel" | "abschnitt" | "anlage" | "anhang" => Some(1),
        "artikel" | "art." => Some(2),
        _ => None,
    };
    if let Some(level) = keyword_level {
        let second = words.get(1)?;
        let numbered = second.chars().next().is_some_and(|c| c.is_ascii_digit())
            || is_roman(second.trim_end_matches(['.', ':']))
            || (second.len() <= 2 && second.chars().all(|c| c.is_ascii_uppercase() || c == ':'));
        // "Anlage 1: Liste" and "Abschnitt 2 – Verfahren" are headings; "Anlage zu ..." is not.
        return numbered.then_some(level);
    }

    // 3 / 3. / 3.2 / 3.2.1 followed by a capitalised title
    if let Some(level) = numbered_heading_level(first) {
        let title = words.get(1)?;
        let starts_upper = title.chars().next().is_some_and(|c| c.is_uppercase());
        if starts_upper && words.len() <= 10 && !line.ends_with(':') {
            return Some(level);
        }
        return None;
    }

    // II. Verfahren
    let roman = first.strip_suffix('.').unwrap_or("");
    if is_roman(roman) && words.len() >= 2 && words.len() <= 10 {
        return Some(1);
    }

    // KURZE ÜBERSCHRIFT IN GROSSBUCHSTABEN
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 4
        && words.len() <= 6
        && letters.iter().all(|c| c.is_uppercase())
        && !line.ends_with(':')
    {
        return Some(1);
    }
    None
}

/// "3" / "3." → 1, "3.2" / "3.2." → 2, "3.2.1" → 3; first number at most 30, parts at most 99.
fn numbered_heading_level(token: &str) -> Option<u8> {
    let token = token.strip_suffix('.').unwrap_or(token);
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() > 4 || parts.iter().any(|p| p.is_empty() || p.len() > 2) {
        return None;
    }
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    let numbers = numbers?;
    if numbers[0] == 0 || numbers[0] > 30 {
        return None;
    }
    Some(numbers.len() as u8)
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 5 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Starts a new paragraph even without a blank line: "(1)", "1.", "a)", bullets.
fn starts_new_unit(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with(['•', '–', '▪', '◦', '·', '-', '*']) && t.chars().nth(1) == Some(' ')
    {
        return true;
    }
    if let Some(rest) = t.strip_prefix('(') {
        let inner: String = rest.chars().take_while(|c| *c != ')').collect();
        return !inner.is_empty()
            && inner.len() <= 3
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
            && rest[inner.len()..].starts_with(')');
    }
    let mut chars = t.chars();
    let first = chars.next();
    let second = chars.next();
    matches!((first, second), (Some(c), Some(')')) if c.is_ascii_lowercase())
}

fn is_bullet(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with(['•', '▪', '◦', '·']) || t.starts_with("- ") || t.starts_with("* ")
}

/// Builds blocks from the text of each page: headings by their form, paragraphs at blank
/// lines or where an Absatz "(2)" or a list item starts. A paragraph broken by a page end in
/// the middle of a sentence is continued on the next page (it keeps its first page).
pub fn blocks_from_pages(pages: &[String]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut current_page = 1u32;
    let mut current_kind = BlockKind::Paragraph;

    fn flush(current: &mut Vec<String>, kind: BlockKind, page: u32, blocks: &mut Vec<Block>) {
        if !current.is_empty() {
            blocks.push(Block::new(kind, current.join("\n"), Some(page)));
            current.clear();
        }
    }

    for (index, page) in pages.iter().enumerate() {
        let page_no = index as u32 + 1;
        let mut first_line_of_page = true;
        for line in page.lines() {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                flush(&mut current, current_kind, current_page, &mut blocks);
                continue;
            }
            if first_line_of_page {
                first_line_of_page = false;
                // Continue a sentence cut by the page break.
                let continues = !current.is_empty()
                    && current
                        .last()
                        .is_some_and(|l| !l.trim_end().ends_with(['.', ':', '!', '?']));
                if !continues {
                    flush(&mut current, current_kind, current_page, &mut blocks);
                }
            }
            // Setext underline ("Titel" / "=====") turns the line above into a heading.
            if trimmed.len() >= 3
                && (trimmed.chars().all(|c| c == '=') || trimmed.chars().all(|c| c == '-'))
            {
                if current.len() == 1 {
                    let level = if trimmed.starts_with('=') { 1 } else { 2 };
                    blocks.push(Block::heading(level, current.remove(0), Some(current_page)));
                }
                continue;
            }
            // Markdown-style headings are common in text exports ("## Governance").
            if let Some((level, heading)) = hash_heading(trimmed) {
                flush(&mut current, current_kind, current_page, &mut blocks);
                blocks.push(Block::heading(level, heading, Some(page_no)));
                continue;
            }
            if let Some(level) = heading_level(trimmed) {
                flush(&mut current, current_kind, current_page, &mut blocks);
                // A heading wrapped onto two lines: "§ 5" then "Qualifizierung".
                if let Some(last) = blocks.last_mut()
                    && last.page == Some(page_no)
                    && matches!(last.kind, BlockKind::Heading { .. })
                    && is_bare_number_heading(&last.text)
                {
                    last.text = format!("{} {}", last.text, trimmed);
                    continue;
                }
                blocks.push(Block::heading(level, trimmed, Some(page_no)));
                continue;
            }
            if let Some(last) = blocks.last_mut()
                && current.is_empty()
                && last.page == Some(page_no)
                && matches!(last.kind, BlockKind::Heading { .. })
                && is_bare_number_heading(&last.text)
                && trimmed.split_whitespace().count() <= 8
                && !trimmed.ends_with('.')
            {
                last.text = format!("{} {}", last.text, trimmed);
                continue;
            }
            if starts_new_unit(trimmed) {
                flush(&mut current, current_kind, current_page, &mut blocks);
            }
            if current.is_empty() {
                current_page = page_no;
                current_kind = if is_bullet(trimmed) {
                    BlockKind::ListItem
                } else {
                    BlockKind::Paragraph
                };
            }
            current.push(trimmed.to_string());
        }
    }
    flush(&mut current, current_kind, current_page, &mut blocks);
    blocks
}

/// "## Titel" → (2, "Titel").
fn hash_heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    let rest = line[hashes..].strip_prefix(' ')?.trim();
    ((1..=6).contains(&hashes) && !rest.is_empty()).then_some((hashes as u8, rest))
}

/// "§ 5" or "Anlage 2" without a title.
fn is_bare_number_heading(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [w] => w.starts_with('§') && w.len() > 2,
        [a, b] => {
            (a.starts_with('§')
                || matches!(
                    a.to_lowercase().as_str(),
                    "anlage" | "abschnitt" | "teil" | "kapitel" | "artikel"
                ))
                && b.trim_end_matches('.')
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_german_administrative_headings() {
        assert_eq!(heading_level("§ 5 Qualifizierung"), Some(2));
        assert_eq!(heading_level("§5 Qualifizierung"), Some(2));
        assert_eq!(heading_level("§ 12a Übergangsregelung"), Some(2));
        assert_eq!(heading_level("Abschnitt 2 – Verfahren"), Some(1));
        assert_eq!(heading_level("Anlage 1: Liste der Werkzeuge"), Some(1));
        assert_eq!(heading_level("3 Zuständigkeiten"), Some(1));
        assert_eq!(heading_level("3.2 Passwörter"), Some(2));
        assert_eq!(heading_level("3.2.1 Länge"), Some(3));
        assert_eq!(heading_level("II. Verfahren"), Some(1));
        assert_eq!(heading_level("EINLEITUNG"), Some(1));
    }

    #[test]
    fn body_text_is_not_a_heading() {
        assert_eq!(heading_level("(1) Die Nutzung ist untersagt."), None);
        assert_eq!(heading_level("Gemäß § 5 ist eine Schulung nötig."), None);
        assert_eq!(heading_level("01.03.2025"), None);
        assert_eq!(heading_level("2025 wurde die Richtlinie beschlossen"), None);
        assert_eq!(
            heading_level("3. die Beschäftigten melden Vorfälle sofort"),
            None
        );
        assert_eq!(heading_level("Anlage zu diesem Merkblatt"), None);
        assert_eq!(heading_level("§§ 3 bis 5 gelten entsprechend"), None);
        assert_eq!(
            heading_level("Die Kosten werden erstattet, wenn der Antrag vorliegt"),
            None
        );
    }

    #[test]
    fn paragraphs_absaetze_and_page_continuation() {
        let pages = vec![
            "§ 1 Zweck\n(1) Diese Regel gilt für\nalle Ämter.\n(2) Sie gilt nicht für die\n"
                .to_string(),
            "Eigenbetriebe der Stadt.\n\n§ 2\nFristen\nAnträge sind zu stellen.\n".to_string(),
        ];
        let blocks = blocks_from_pages(&pages);
        let texts: Vec<(&str, Option<u32>)> =
            blocks.iter().map(|b| (b.text.as_str(), b.page)).collect();
        assert_eq!(
            texts,
            vec![
                ("§ 1 Zweck", Some(1)),
                ("(1) Diese Regel gilt für\nalle Ämter.", Some(1)),
                (
                    "(2) Sie gilt nicht für die\nEigenbetriebe der Stadt.",
                    Some(1)
                ),
                ("§ 2 Fristen", Some(2)),
                ("Anträge sind zu stellen.", Some(2)),
            ]
        );
        assert!(blocks[0].is_heading() && blocks[3].is_heading());
    }

    #[test]
    fn hash_headings_in_text_files() {
        let blocks =
            blocks_from_pages(&["# KI Strategien\n## Governance\nText.\n#hashtag\n".to_string()]);
        assert_eq!(blocks[0], Block::heading(1, "KI Strategien", Some(1)));
        assert_eq!(blocks[1], Block::heading(2, "Governance", Some(1)));
        assert_eq!(blocks[2].text, "Text.\n#hashtag");
    }

    #[test]
    fn underlined_title_lines_are_headings() {
        let blocks = blocks_from_pages(&["Hinweise zur Nutzung
=========

Text hier.
"
        .to_string()]);
        assert_eq!(
            blocks[0],
            Block::heading(1, "Hinweise zur Nutzung", Some(1))
        );
        assert_eq!(blocks[1].text, "Text hier.");
    }
}
