//! Document metadata found in the text: title and the "Stand" (version date) line.

use lotse_core::LoadedDocument;

/// Keywords that introduce the date a rule is valid from or was last revised.
const STAND_KEYWORDS: &[&str] = &[
    "stand",
    "fassung vom",
    "gültig ab",
    "in kraft ab",
    "zuletzt geändert",
    "version vom",
];

/// Finds the "Stand: 01.03.2025" / "Stand: März 2025" line of a document, if it states one.
/// Returns the phrase as written, from the keyword to the end of the date.
pub fn detect_stand(doc: &LoadedDocument) -> Option<String> {
    doc.blocks.iter().find_map(|b| stand_in(&b.text))
}

fn stand_in(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    for keyword in STAND_KEYWORDS {
        let mut search_from = 0;
        while let Some(pos) = lower[search_from..].find(keyword) {
            let start = search_from + pos;
            search_from = start + keyword.len();
            // whole word only: "Bestand" and "Standort" are no version lines
            let before_ok = lower[..start]
                .chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric());
            let rest = &text[start + keyword.len()..];
            let rest_trimmed = rest.trim_start_matches([':', ' ', '\t']);
            if !before_ok || rest.starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            let date = date_prefix(rest_trimmed)?;
            let end = start + keyword.len() + (rest.len() - rest_trimmed.len()) + date.len();
            return Some(text[start..end].trim().to_string());
        }
    }
    None
}

const MONTHS: &[&str] = &[
    "januar",
    "jänner",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];

/// The date at the start of `s`: "01.03.2025", "1. März 2025", "März 2025", "03/2025", "2025-03-01".
fn date_prefix(s: &str) -> Option<&str> {
    let mut offset = 0;
    for (count, token) in s.split(' ').enumerate() {
        let start = offset;
        offset += token.len() + 1;
        let word = token.trim_end_matches([',', ';', ')', '.']);
        let numeric = !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '-'))
            && word.chars().any(|c| c.is_ascii_digit());
        let month = MONTHS.contains(&word.to_lowercase().as_str());
        if !(numeric || month) || count >= 4 {
            return None;
        }
        if word
            .split(['.', '/', '-'])
            .any(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_digit()))
        {
            return Some(&s[..start + word.len()]);
        }
    }
    None
}

/// Picks a document's title: the file's own metadata unless it is an office default
/// ("Microsoft Word - x.docx", "Dokument1"), else the first heading near the top, else the
/// file name without extension.
pub fn resolve_title(doc: &LoadedDocument, file_stem: &str) -> String {
    if let Some(title) = doc.metadata_title.as_deref().map(str::trim)
        && is_meaningful_title(title)
    {
        return title.to_string();
    }
    if let Some(heading) = doc
        .blocks
        .iter()
        .take(6)
        .find(|b| b.is_heading() && b.text.split_whitespace().count() <= 16)
    {
        return heading.text.clone();
    }
    file_stem.to_string()
}

fn is_meaningful_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    let office_default = ["microsoft word", "untitled", "unbenannt"]
        .iter()
        .any(|p| lower.starts_with(p))
        || lower
            .strip_prefix("dokument")
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
        || [".docx", ".doc", ".pdf"].iter().any(|s| lower.ends_with(s));
    title.chars().any(char::is_alphabetic) && !office_default
}

#[cfg(test)]
mod tests {
    use super::*;
    use lotse_core::{Block, Format};

    fn doc(texts: &[&str]) -> LoadedDocument {
        LoadedDocument {
            format: Format::Text,
            metadata_title: None,
            blocks: texts.iter().map(|t| Block::paragraph(*t, None)).collect(),
            page_count: None,
            scanned_pages: Vec::new(),
        }
    }

    #[test]
    fn finds_stand_lines() {
        assert_eq!(
            detect_stand(&doc(&["Einleitung", "Stand: 01.03.2025"])).as_deref(),
            Some("Stand: 01.03.2025")
        );
        assert_eq!(
            detect_stand(&doc(&["Merkblatt (Stand März 2025), bitte beachten"])).as_deref(),
            Some("Stand März 2025")
        );
        assert_eq!(
            detect_stand(&doc(&["Fassung vom 1. Juli 2024."])).as_deref(),
            Some("Fassung vom 1. Juli 2024")
        );
    }

    #[test]
    fn ignores_words_that_only_contain_stand() {
        assert_eq!(detect_stand(&doc(&["Der Bestand: 2025 Geräte"])), None);
        assert_eq!(detect_stand(&doc(&["Standort: Rathaus"])), None);
        assert_eq!(detect_stand(&doc(&["Stand der Technik beachten"])), None);
    }

    #[test]
    fn title_prefers_real_metadata_then_heading_then_file_name() {
        let mut d = doc(&["Text"]);
        d.metadata_title = Some("Microsoft Word - entwurf.docx".into());
        assert_eq!(resolve_title(&d, "entwurf"), "entwurf");
        d.blocks
            .insert(0, Block::heading(1, "Dienstanweisung KI", None));
        assert_eq!(resolve_title(&d, "entwurf"), "Dienstanweisung KI");
        d.metadata_title = Some("Richtlinie IT-Sicherheit".into());
        assert_eq!(resolve_title(&d, "entwurf"), "Richtlinie IT-Sicherheit");
    }
}
