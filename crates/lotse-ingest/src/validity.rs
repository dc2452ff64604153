//! What a rule says about its own validity: the day it takes effect ("gültig ab 1. März
//! 2025", "tritt am 1. März 2025 in Kraft"), the rule it replaces ("ersetzt die
//! Dienstanweisung … vom 1. Juni 2022") and, stamped on an old version, the one that
//! repealed it ("aufgehoben durch …"). Dates come out as ISO `YYYY-MM-DD`, so that they
//! compare as strings.

use lotse_core::{DocumentKind, DocumentValidity, LoadedDocument};

/// Phrases after which the day a rule takes effect follows.
const VALID_FROM: &[&str] = &[
    "gültig ab",
    "gültig seit",
    "gilt ab",
    "in kraft ab",
    "in kraft seit",
    "wirksam ab",
    "in kraft getreten am",
];

/// "tritt am 1. März 2025 in Kraft": the date sits between these.
const ENTERS_INTO_FORCE: &[&str] = &[
    "tritt am ",
    "treten am ",
    "tritt mit wirkung vom ",
    "tritt zum ",
];

/// Words one of which names a rule or a version of one: "ersetzt" followed by none of them
/// ("die Bescheinigung ersetzt nicht den Antrag") is no statement about versions.
const RULE_WORDS: &[&str] = &[
    "anweisung",
    "vereinbarung",
    "satzung",
    "richtlinie",
    "verordnung",
    "regelung",
    "ordnung",
    "fassung",
    "version",
    "merkblatt",
    "leitfaden",
    "rundschreiben",
    "erlass",
    "verfügung",
    "gesetz",
    "vorschrift",
];

/// Finds the validity statements of `doc` (the first of each kind, in reading order);
/// `supersedes` stays empty: only an uploader names documents by id.
pub fn detect_validity(doc: &LoadedDocument) -> DocumentValidity {
    let mut found = DocumentValidity::default();
    for block in &doc.blocks {
        let text = block.text.as_str();
        let lower = text.to_lowercase();
        // byte offsets are shared between the two only where lowercasing keeps lengths,
        // which it does for German text
        if lower.len() != text.len() {
            continue;
        }
        if found.valid_from.is_none() {
            found.valid_from = valid_from_in(&lower);
        }
        if found.repealed_by.is_none() {
            found.repealed_by = ["aufgehoben durch", "ersetzt durch"]
                .iter()
                .find_map(|p| phrase_after(text, &lower, p, false));
        }
        if found.replaces.is_none() {
            found.replaces = ["ersetzt", "tritt an die stelle"]
                .iter()
                .find_map(|p| phrase_after(text, &lower, p, true));
        }
    }
    found
}

fn valid_from_in(lower: &str) -> Option<String> {
    for keyword in VALID_FROM {
        for (start, _) in lower.match_indices(keyword) {
            if !word_start(lower, start) {
                continue;
            }
            let rest = lower[start + keyword.len()..]
                .trim_start_matches([':', ' '])
                .trim_start_matches("dem ");
            if let Some((date, _)) = parse_date(rest) {
                return Some(date);
            }
        }
    }
    for keyword in ENTERS_INTO_FORCE {
        for (start, _) in lower.match_indices(keyword) {
            let rest = &lower[start + keyword.len()..];
            if let Some((date, used)) = parse_date(rest)
                && rest[used..].trim_start().starts_with("in kraft")
            {
                return Some(date);
            }
        }
    }
    None
}

/// The rest of the sentence after `keyword` in `text`, if it names a rule (or, for
/// `need_rule_word == false`, anything of substance).
fn phrase_after(text: &str, lower: &str, keyword: &str, need_rule_word: bool) -> Option<String> {
    for (start, _) in lower.match_indices(keyword) {
        let end_of_keyword = start + keyword.len();
        if !word_start(lower, start)
            || lower[end_of_keyword..].starts_with(|c: char| c.is_alphanumeric())
            || (need_rule_word && lower[end_of_keyword..].starts_with(" durch"))
        {
            continue;
        }
        let rest = &text[end_of_keyword..];
        let phrase = sentence_prefix(rest)
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '.'));
        // what is replaced is a rule: the phrase's first word past articles and
        // adjectives names one ("die bisherige Dienstanweisung …"; not "an die Stelle
        // einer Löschung … nach der Verordnung …")
        const LEAD: &[&str] = &[
            "die",
            "den",
            "das",
            "der",
            "des",
            "dem",
            "eine",
            "einen",
            "einer",
            "eines",
            "ein",
            "bisherige",
            "bisherigen",
            "alte",
            "alten",
            "frühere",
            "früheren",
        ];
        let head = phrase
            .split_whitespace()
            .map(str::to_lowercase)
            .find(|w| !LEAD.contains(&w.as_str()))
            .unwrap_or_default();
        let names_rule = RULE_WORDS.iter().any(|w| head.contains(w));
        if phrase.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && (!need_rule_word || names_rule)
        {
            return Some(phrase.to_string());
        }
    }
    None
}

fn word_start(lower: &str, at: usize) -> bool {
    lower[..at]
        .chars()
        .last()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// `s` up to the end of its sentence. A full stop ends it after a word of three letters or
/// more, or after a year; not after a day ("1. Juni") or a short abbreviation ("Nr.").
fn sentence_prefix(s: &str) -> &str {
    let mut end = s.len().min(240);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    for (i, c) in s[..end].char_indices() {
        if !matches!(c, '.' | ';' | '!' | '?') {
            continue;
        }
        let then_space = s[i + 1..].chars().next().is_none_or(char::is_whitespace);
        let word: Vec<char> = s[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        let ends_word = word.len() >= 3 && word.iter().all(|c| c.is_alphabetic());
        let ends_year = word.len() == 4 && word.iter().all(|c| c.is_ascii_digit());
        if then_space && (c != '.' || ends_word || ends_year) {
            return &s[..i];
        }
    }
    &s[..end]
}

const MONTHS: &[(&str, u32)] = &[
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("april", 4),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("august", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("dezember", 12),
];

/// The date at the start of `s` (lower case or not): "01.03.2025", "1.3.2025",
/// "1. März 2025", "März 2025" (the 1st), "2025-03-01". Returns the ISO date and the bytes
/// used.
pub fn parse_date(s: &str) -> Option<(String, usize)> {
    let lower = s.to_lowercase();
    if lower.len() != s.len() {
        return None;
    }
    let digits = |t: &str| -> Option<(u32, usize)> {
        let n = t.bytes().take_while(u8::is_ascii_digit).count();
        (n > 0 && n <= 4)
            .then(|| t[..n].parse().ok().map(|v| (v, n)))
            .flatten()
    };
    let iso = |y: u32, m: u32, d: u32| -> Option<String> {
        ((1900..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
            .then(|| format!("{y:04}-{m:02}-{d:02}"))
    };
    let month_at = |t: &str| -> Option<(u32, usize)> {
        MONTHS
            .iter()
            .find(|(name, _)| t.starts_with(name))
            .map(|(name, m)| (*m, name.len()))
    };
    let year_at =
        |t: &str| -> Option<(u32, usize)> { digits(t).filter(|(y, n)| *n == 4 && *y >= 1900) };
    // 2025-03-01
    if let Some((y, 4)) = digits(&lower)
        && lower[4..].starts_with('-')
        && let Some((m, mn)) = digits(&lower[5..])
        && lower[5 + mn..].starts_with('-')
        && let Some((d, dn)) = digits(&lower[6 + mn..])
    {
        return iso(y, m, d).map(|date| (date, 6 + mn + dn));
    }
    // März 2025
    if let Some((m, mn)) = month_at(&lower) {
        let rest = &lower[mn..];
        let gap = rest.len() - rest.trim_start().len();
        let (y, yn) = year_at(rest.trim_start())?;
        return iso(y, m, 1).map(|date| (date, mn + gap + yn));
    }
    // 1. März 2025, 01.03.2025, 1.3.25 is not taken (the century is unknown)
    let (d, dn) = digits(&lower)?;
    let after_day = lower[dn..].strip_prefix('.')?;
    let gap = after_day.len() - after_day.trim_start().len();
    let at = dn + 1 + gap;
    let rest = &lower[at..];
    let (m, mn) = month_at(rest).or_else(|| {
        let (m, n) = digits(rest)?;
        rest[n..].starts_with('.').then_some((m, n + 1))
    })?;
    let rest = &lower[at + mn..];
    let gap = rest.len() - rest.trim_start().len();
    let (y, yn) = year_at(rest.trim_start())?;
    iso(y, m, d).map(|date| (date, at + mn + gap + yn))
}

/// Finds a date anywhere in `s` ("Stand: 1. März 2025" → "2025-03-01").
pub fn date_in(s: &str) -> Option<String> {
    s.char_indices()
        .filter(|(i, c)| c.is_alphanumeric() && word_start(s, *i))
        .find_map(|(i, _)| parse_date(&s[i..]).map(|(d, _)| d))
}

/// "2026-03-01" → "1. März 2026", as the answer's note says it.
pub fn german_date(iso: &str) -> String {
    let mut parts = iso.split('-').map(|p| p.parse::<u32>().ok());
    match (
        parts.next().flatten(),
        parts.next().flatten(),
        parts.next().flatten(),
    ) {
        (Some(y), Some(m @ 1..=12), Some(d)) => {
            let month = [
                "Januar",
                "Februar",
                "März",
                "April",
                "Mai",
                "Juni",
                "Juli",
                "August",
                "September",
                "Oktober",
                "November",
                "Dezember",
            ][m as usize - 1];
            format!("{d}. {month} {y}")
        }
        _ => iso.to_string(),
    }
}

/// The kind a title names: the first word of it that is a kind of document ("Leitfaden
/// zur Satzung …" is a guide). `None` where the title names none.
pub fn kind_from_title(title: &str) -> Option<DocumentKind> {
    let lower = title.to_lowercase();
    if lower.contains("häufige fragen") || lower.contains("fragen und antworten") {
        return Some(DocumentKind::Faq);
    }
    lower
        .split(|c: char| !c.is_alphanumeric())
        .find_map(|word| {
            Some(match word {
                "faq" | "faqs" => DocumentKind::Faq,
                w if w.ends_with("dienstanweisung") => DocumentKind::Dienstanweisung,
                w if w.ends_with("dienstvereinbarung") => DocumentKind::Dienstvereinbarung,
                w if w.ends_with("satzung") => DocumentKind::Satzung,
                w if w.ends_with("gesetz")
                    || w.ends_with("gesetzbuch")
                    || w.ends_with("verordnung") =>
                {
                    DocumentKind::Gesetz
                }
                w if [
                    "leitfaden",
                    "handreichung",
                    "merkblatt",
                    "handbuch",
                    "arbeitshilfe",
                    "orientierungshilfe",
                ]
                .iter()
                .any(|k| w.ends_with(k)) =>
                {
                    DocumentKind::Leitfaden
                }
                "präsentation" | "foliensatz" | "folien" => DocumentKind::Praesentation,
                _ => return None,
            })
        })
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
    fn dates_in_the_forms_offices_write_them() {
        for (text, iso) in [
            ("01.03.2025", "2025-03-01"),
            ("1.3.2025", "2025-03-01"),
            ("1. März 2025", "2025-03-01"),
            ("1.März 2025", "2025-03-01"),
            ("März 2025", "2025-03-01"),
            ("2025-03-01", "2025-03-01"),
            ("31. Dezember 2024 und", "2024-12-31"),
        ] {
            assert_eq!(
                parse_date(text).map(|d| d.0).as_deref(),
                Some(iso),
                "{text}"
            );
        }
        for text in ["1.3.25", "§ 5", "13.13.2025", "Mai", "12 Monate"] {
            assert_eq!(parse_date(text), None, "{text}");
        }
        assert_eq!(
            date_in("Stand: 1. Juni 2022").as_deref(),
            Some("2022-06-01")
        );
        assert_eq!(german_date("2026-03-01"), "1. März 2026");
    }

    #[test]
    fn finds_the_day_a_rule_takes_effect() {
        for text in [
            "Diese Dienstanweisung gilt ab 1. März 2025.",
            "Gültig ab: 01.03.2025",
            "Die Dienstanweisung tritt am 1. März 2025 in Kraft.",
            "§ 9 Inkrafttreten: Diese Satzung tritt mit Wirkung vom 01.03.2025 in Kraft.",
            "In Kraft seit dem 1. März 2025",
        ] {
            assert_eq!(
                detect_validity(&doc(&["Titel", text]))
                    .valid_from
                    .as_deref(),
                Some("2025-03-01"),
                "{text}"
            );
        }
        for text in [
            "Dieses Gesetz tritt am Tag nach der Verkündung in Kraft.",
            "Der Antrag gilt als gestellt.",
            "Die Frist beginnt am 1. März 2025.",
        ] {
            assert_eq!(detect_validity(&doc(&[text])).valid_from, None, "{text}");
        }
    }

    #[test]
    fn finds_what_a_rule_replaces_and_what_repealed_it() {
        let v = detect_validity(&doc(&[
            "Dienstanweisung Tiefgarage",
            "Sie ersetzt die Dienstanweisung zur Nutzung der Tiefgarage vom 1. Juni 2022. Alles andere bleibt.",
        ]));
        assert_eq!(
            v.replaces.as_deref(),
            Some("die Dienstanweisung zur Nutzung der Tiefgarage vom 1. Juni 2022")
        );
        assert_eq!(v.repealed_by, None);
        let old = detect_validity(&doc(&[
            "Aufgehoben durch die Dienstanweisung Tiefgarage 2025.",
        ]));
        assert_eq!(
            old.repealed_by.as_deref(),
            Some("die Dienstanweisung Tiefgarage 2025")
        );
        assert_eq!(old.replaces, None);
        let v = detect_validity(&doc(&[
            "Diese Fassung tritt an die Stelle der bisherigen Hausordnung vom 1. Januar 2020.",
        ]));
        assert_eq!(
            v.replaces.as_deref(),
            Some("der bisherigen Hausordnung vom 1. Januar 2020")
        );
        // "ersetzt" about things that are no rules
        for text in [
            "Die Bescheinigung ersetzt nicht den Antrag.",
            "Defekte Geräte werden ersetzt.",
            "Der Ausweis ersetzt das Formular A.",
            "Dann tritt an die Stelle einer Löschung die Einschränkung der Verarbeitung nach der Verordnung (EU) 2016/679.",
        ] {
            assert_eq!(detect_validity(&doc(&[text])).replaces, None, "{text}");
        }
    }

    #[test]
    fn kinds_from_titles() {
        for (title, kind) in [
            (
                "Dienstanweisung über die Nutzung der Tiefgarage",
                Some(DocumentKind::Dienstanweisung),
            ),
            (
                "Leitfaden zur Satzung über Gebühren",
                Some(DocumentKind::Leitfaden),
            ),
            ("Abfallgebührensatzung 2025", Some(DocumentKind::Satzung)),
            ("Bundesurlaubsgesetz", Some(DocumentKind::Gesetz)),
            ("Häufige Fragen zum Homeoffice", Some(DocumentKind::Faq)),
            (
                "Dienstvereinbarung mobiles Arbeiten",
                Some(DocumentKind::Dienstvereinbarung),
            ),
            ("Protokoll der Sitzung", None),
            ("Gesetzliche Grundlagen", None),
        ] {
            assert_eq!(kind_from_title(title), kind, "{title}");
        }
    }
}
