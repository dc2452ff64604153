//! Which documents are current. Versions are resolved from what the records say each time
//! they are read, not stored as links: removing the new version of a rule makes the old
//! one current again, and the order in which versions were ingested does not matter.
//!
//! A document is superseded, within its collection, by one that is in force (valid from
//! today or earlier, or undated) and
//! - names it by id (`--supersedes ID`), or
//! - says it replaces it ("ersetzt die Dienstanweisung … vom 1. Juni 2022": the older
//!   document's title words are all in that phrase, and its date matches the phrase's
//!   date where both have one), or
//! - has the same title (of two words or more) and a later date (valid-from date, else
//!   "Stand").
//!
//! A document stamped "aufgehoben durch …" is superseded by the document that phrase names,
//! or by the phrase alone where no document of the collection matches it.

use lotse_core::DocumentMeta;
use lotse_ingest::validity::date_in;
use std::collections::{BTreeSet, HashMap};

/// The current state of the documents' versions.
#[derive(Debug, Default, Clone)]
pub struct Versions {
    /// Superseded document id → what supersedes it (the newer document's title, with its
    /// date where known, or the repealing phrase).
    superseded: HashMap<String, String>,
    /// Document id → the day it takes effect, for documents not in force yet.
    pending: HashMap<String, String>,
    /// Document id → its date (the day it takes effect, else its "Stand").
    dates: HashMap<String, String>,
}

impl Versions {
    /// Resolves the versions among `docs` as of `today` (ISO date).
    pub fn resolve(docs: &[DocumentMeta], today: &str) -> Versions {
        let mut versions = Versions::default();
        let mut by_collection: HashMap<&str, Vec<Known<'_>>> = HashMap::new();
        for d in docs {
            let date = date_of(d);
            if let Some(date) = &date {
                versions.dates.insert(d.id.clone(), date.clone());
            }
            let pending = d.validity.valid_from.as_deref().is_some_and(|f| f > today);
            if pending && let Some(from) = &d.validity.valid_from {
                versions.pending.insert(d.id.clone(), from.clone());
            }
            by_collection
                .entry(d.collection.as_str())
                .or_default()
                .push(Known {
                    doc: d,
                    words: title_words(&d.title),
                    date,
                    in_force: !pending,
                });
        }
        for docs in by_collection.values() {
            for (old, newer) in supersessions(docs) {
                let text = match newer {
                    Some(new) => describe(docs[new].doc),
                    // stamped as repealed by a document this collection doesn't hold
                    None => docs[old]
                        .doc
                        .validity
                        .repealed_by
                        .as_deref()
                        .unwrap_or_default()
                        .trim_start_matches("die ")
                        .to_string(),
                };
                versions.superseded.insert(docs[old].doc.id.clone(), text);
            }
        }
        versions
    }

    /// What supersedes document `id`, if anything.
    pub fn superseded_by(&self, id: &str) -> Option<&str> {
        self.superseded.get(id).map(String::as_str)
    }

    /// The day document `id` takes effect, if that is still to come.
    pub fn pending_from(&self, id: &str) -> Option<&str> {
        self.pending.get(id).map(String::as_str)
    }

    /// Document `id`'s date: the day it takes effect, else its "Stand" (ISO).
    pub fn date_of(&self, id: &str) -> Option<&str> {
        self.dates.get(id).map(String::as_str)
    }
}

/// A document of a collection with what the rules compare.
struct Known<'a> {
    doc: &'a DocumentMeta,
    words: BTreeSet<String>,
    date: Option<String>,
    in_force: bool,
}

/// Which documents of one collection are superseded, and by which (index into `docs`;
/// `None`: by a repealing phrase that names no document here). The rules in the order
/// they win: an explicit id, an "ersetzt" phrase, an "aufgehoben durch" stamp, the same
/// title with a later date. Linear in the documents but for the few that carry phrases,
/// each of which is compared with the collection once.
fn supersessions(docs: &[Known<'_>]) -> HashMap<usize, Option<usize>> {
    let mut out: HashMap<usize, Option<usize>> = HashMap::new();
    let index: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, k)| (k.doc.id.as_str(), i))
        .collect();
    let older = |new: &Known<'_>, old: &Known<'_>| match (&new.date, &old.date) {
        (Some(n), Some(o)) => o < n,
        _ => true,
    };
    for (j, new) in docs.iter().enumerate().filter(|(_, k)| k.in_force) {
        for id in &new.doc.validity.supersedes {
            if let Some(&i) = index.get(id.as_str())
                && i != j
            {
                out.entry(i).or_insert(Some(j));
            }
        }
    }
    for (j, new) in docs.iter().enumerate().filter(|(_, k)| k.in_force) {
        let Some(phrase) = &new.doc.validity.replaces else {
            continue;
        };
        let named = title_words(phrase);
        let phrase_date = date_in(phrase);
        for (i, old) in docs.iter().enumerate() {
            let dates_agree = match (&phrase_date, &old.date) {
                (Some(p), Some(o)) => {
                    p == o || old.doc.stand.as_deref().and_then(date_in).as_ref() == Some(p)
                }
                _ => true,
            };
            if i != j
                && !out.contains_key(&i)
                && older(new, old)
                && !old.words.is_empty()
                && old.words.is_subset(&named)
                && dates_agree
            {
                out.insert(i, Some(j));
            }
        }
    }
    for (i, old) in docs.iter().enumerate() {
        let Some(phrase) = &old.doc.validity.repealed_by else {
            continue;
        };
        if out.contains_key(&i) {
            continue;
        }
        let named = title_words(phrase);
        let by = docs
            .iter()
            .enumerate()
            .find(|(j, new)| {
                *j != i && new.in_force && !new.words.is_empty() && new.words.is_subset(&named)
            })
            .map(|(j, _)| j);
        out.insert(i, by);
    }
    // the same title of two words or more: the newest dated version in force supersedes
    // the older dated ones (a title of one word, "Satzung", may name different rules)
    let mut by_title: HashMap<&BTreeSet<String>, Vec<usize>> = HashMap::new();
    for (i, k) in docs.iter().enumerate() {
        if k.words.len() >= 2 && k.date.is_some() {
            by_title.entry(&k.words).or_default().push(i);
        }
    }
    for versions in by_title.values().filter(|v| v.len() > 1) {
        let Some(&newest) = versions
            .iter()
            .filter(|&&i| docs[i].in_force)
            .max_by(|&&a, &&b| docs[a].date.cmp(&docs[b].date))
        else {
            continue;
        };
        for &i in versions {
            if docs[i].date < docs[newest].date {
                out.entry(i).or_insert(Some(newest));
            }
        }
    }
    out
}

/// The date that orders versions: the day it takes effect, else its "Stand".
fn date_of(d: &DocumentMeta) -> Option<String> {
    d.validity
        .valid_from
        .clone()
        .or_else(|| d.stand.as_deref().and_then(date_in))
}

fn describe(d: &DocumentMeta) -> String {
    match date_of(d) {
        Some(date) => format!(
            "{} ({})",
            d.title,
            lotse_ingest::validity::german_date(&date)
        ),
        None => d.title.clone(),
    }
}

/// The words of a title that tell it apart: lower case, without short function words and
/// without numbers (a year in a title is a version, not a name).
fn title_words(title: &str) -> BTreeSet<String> {
    const FUNCTION_WORDS: &[&str] = &[
        "der",
        "die",
        "das",
        "des",
        "dem",
        "den",
        "zur",
        "zum",
        "über",
        "für",
        "und",
        "vom",
        "von",
        "mit",
        "bei",
        "nach",
        "einer",
        "eines",
        "neue",
        "neufassung",
        "fassung",
    ];
    title
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !FUNCTION_WORDS.contains(&w.as_str()))
        .collect()
}

/// Today, ISO.
pub fn today() -> String {
    let now = time::OffsetDateTime::now_utc().date();
    format!(
        "{:04}-{:02}-{:02}",
        now.year(),
        u8::from(now.month()),
        now.day()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use lotse_core::{DocumentValidity, Format};

    fn doc(id: &str, title: &str, validity: DocumentValidity, stand: Option<&str>) -> DocumentMeta {
        DocumentMeta {
            id: id.into(),
            source: format!("{id}.md"),
            title: title.into(),
            collection: "personal".into(),
            format: Format::Markdown,
            content_sha256: String::new(),
            ingested_at: String::new(),
            stand: stand.map(Into::into),
            pages: None,
            chunks: 1,
            bytes: 1,
            embedding_model: None,
            flagged_passages: 0,
            scanned_pages: 0,
            validity,
            kind: None,
            superseded_by: None,
        }
    }

    fn valid_from(date: &str) -> DocumentValidity {
        DocumentValidity {
            valid_from: Some(date.into()),
            ..Default::default()
        }
    }

    #[test]
    fn the_later_version_of_a_title_supersedes_the_earlier() {
        let docs = [
            doc(
                "a",
                "Dienstanweisung Tiefgarage",
                valid_from("2022-06-01"),
                None,
            ),
            doc(
                "b",
                "Dienstanweisung Tiefgarage",
                valid_from("2025-03-01"),
                None,
            ),
        ];
        let v = Versions::resolve(&docs, "2026-01-01");
        assert_eq!(
            v.superseded_by("a"),
            Some("Dienstanweisung Tiefgarage (1. März 2025)")
        );
        assert_eq!(v.superseded_by("b"), None);
        // before the new one takes effect the old one is current, the new one pending
        let v = Versions::resolve(&docs, "2025-01-01");
        assert_eq!(v.superseded_by("a"), None);
        assert_eq!(v.pending_from("b"), Some("2025-03-01"));
        // other collections are other rules
        let mut other = docs.clone();
        other[1].collection = "bauamt".into();
        assert_eq!(
            Versions::resolve(&other, "2026-01-01").superseded_by("a"),
            None
        );
    }

    #[test]
    fn a_replaces_phrase_or_an_explicit_id_supersedes() {
        let new = DocumentValidity {
            replaces: Some(
                "die Dienstanweisung zur Nutzung der Tiefgarage vom 1. Juni 2022".into(),
            ),
            ..valid_from("2025-03-01")
        };
        let docs = [
            doc(
                "a",
                "Nutzung der Tiefgarage",
                DocumentValidity::default(),
                Some("Stand: 1. Juni 2022"),
            ),
            doc(
                "c",
                "Nutzung der Tiefgarage",
                DocumentValidity::default(),
                Some("Stand: 1. Juni 2019"),
            ),
            doc("b", "Parkraum im Rathaus", new, None),
            doc("d", "Hausordnung", DocumentValidity::default(), None),
        ];
        let v = Versions::resolve(&docs, "2026-01-01");
        assert!(v.superseded_by("a").is_some());
        // the phrase's date names the 2022 version; the 2019 one is superseded by the 2022
        // one because their titles are equal
        assert_eq!(
            v.superseded_by("c"),
            Some("Nutzung der Tiefgarage (1. Juni 2022)")
        );
        assert_eq!(v.superseded_by("d"), None);
        let explicit = DocumentValidity {
            supersedes: vec!["d".into()],
            ..Default::default()
        };
        let docs = [
            doc("d", "Hausordnung", DocumentValidity::default(), None),
            doc("e", "Hausordnung neu", explicit, None),
        ];
        assert_eq!(
            Versions::resolve(&docs, "2026-01-01").superseded_by("d"),
            Some("Hausordnung neu")
        );
    }

    #[test]
    fn a_repealed_stamp_supersedes_even_without_the_new_document() {
        let stamped = DocumentValidity {
            repealed_by: Some("die Dienstanweisung Tiefgarage 2025".into()),
            ..Default::default()
        };
        let docs = [doc("a", "Tiefgarage", stamped, None)];
        assert_eq!(
            Versions::resolve(&docs, "2026-01-01").superseded_by("a"),
            Some("Dienstanweisung Tiefgarage 2025")
        );
    }

    #[test]
    fn undated_documents_of_one_title_are_left_alone() {
        let docs = [
            doc("a", "Merkblatt Urlaub", DocumentValidity::default(), None),
            doc("b", "Merkblatt Urlaub", DocumentValidity::default(), None),
        ];
        let v = Versions::resolve(&docs, "2026-01-01");
        assert_eq!((v.superseded_by("a"), v.superseded_by("b")), (None, None));
    }
}
