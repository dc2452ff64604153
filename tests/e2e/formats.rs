//! Each loader on real files (the sample corpus, made with office libraries, and fixtures),
//! through the same pipeline `lotse ingest` uses.

use crate::*;
use lotse_core::{BlockKind, Format, LoadedDocument};
use lotse_engine::{Engine, EngineConfig, FileOutcome, Quiet};
use lotse_ingest::structure::heading_level;
use lotse_ingest::{ChunkOptions, chunk::Passage, chunk_document, load_bytes, meta};

fn load(rel: &str) -> LoadedDocument {
    let path = repo().join(rel);
    let format = Format::from_extension(path.extension().unwrap().to_str().unwrap()).unwrap();
    load_bytes(format, &std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn passages(rel: &str) -> (String, Vec<Passage>) {
    let doc = load(rel);
    let stem = Path::new(rel)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let title = meta::resolve_title(&doc, &stem);
    let p = chunk_document(&doc, &title, &ChunkOptions::default());
    (title, p)
}

/// No passage holds a second § heading, and each § section path names one §.
fn assert_no_passage_crosses_a_paragraph(passages: &[Passage]) {
    for p in passages {
        assert!(p.section.matches('§').count() <= 1, "{}", p.section);
        for line in p.text.lines().skip(1) {
            assert!(
                !(line.starts_with('§') && heading_level(line) == Some(2)),
                "passage in {} continues into {line:?}",
                p.section
            );
        }
        let words = p.text.split_whitespace().count();
        assert!(words <= 420, "{words} words in {}", p.section);
    }
}

#[test]
fn docx_from_an_office_library_keeps_paragraph_sections_and_tables() {
    let (title, p) = passages("corpus/dokumente/dienstanweisung-ki.docx");
    assert!(title.starts_with("Dienstanweisung"), "{title}");
    assert_no_passage_crosses_a_paragraph(&p);
    assert!(p.iter().any(|p| p.section.contains("§ 1")), "{p:#?}");
    assert!(
        p.iter().any(|p| p.text.contains(" | ")),
        "the Anlage table is kept as rows"
    );
    assert!(p.iter().all(|p| p.section.starts_with(&title)));
}

#[test]
fn docx_with_german_word_style_ids() {
    let doc = load("tests/fixtures/good/word-german-styles.docx");
    assert_eq!(
        doc.metadata_title.as_deref(),
        Some("Testdokument Überschriften")
    );
    let headings: Vec<(&str, BlockKind)> = doc
        .blocks
        .iter()
        .filter(|b| b.is_heading())
        .map(|b| (b.text.as_str(), b.kind))
        .collect();
    assert!(
        headings.contains(&("§ 1 Zweck", BlockKind::Heading { level: 1 })),
        "{headings:?}"
    );
    assert!(headings.contains(&("1.1 Unterabschnitt", BlockKind::Heading { level: 2 })));
    assert!(
        doc.full_text().contains("Verwaltungsvorgang"),
        "runs are joined"
    );
    assert!(doc.blocks.iter().any(
        |b| b.kind == BlockKind::TableRow && b.text == "Antragsprüfung | Bürgerbüro | 14 Tage"
    ));
}

#[test]
fn pdf_keeps_pages_and_drops_running_headers_and_footers() {
    let doc = load("corpus/dokumente/it-sicherheitsrichtlinie.pdf");
    assert_eq!(doc.page_count, Some(4));
    let text = doc.full_text();
    assert!(!text.contains("Seite 2 von 4"), "footer kept");
    assert_eq!(
        text.matches("IT-Sicherheitsrichtlinie (Version 3.2)")
            .count(),
        0,
        "running header kept"
    );
    let (_, p) = passages("corpus/dokumente/it-sicherheitsrichtlinie.pdf");
    let pages: std::collections::BTreeSet<u32> = p.iter().filter_map(|p| p.page).collect();
    assert_eq!(
        pages.iter().copied().collect::<Vec<_>>(),
        vec![1, 2, 3, 4],
        "{p:#?}"
    );
    assert!(
        p.iter().any(|p| p.section.contains(" › 2")),
        "numbered sections: {p:#?}"
    );
}

#[test]
fn pdf_page_numbers_point_to_the_right_page() {
    let (title, p) = passages("tests/fixtures/good/two-page.pdf");
    assert_eq!(title, "Zweiseitiges Testdokument");
    let hit = p
        .iter()
        .find(|p| p.text.contains("Verwaltungsvorgang"))
        .expect("passage");
    assert_eq!(hit.page, Some(2));
    assert!(hit.section.ends_with("§ 2 Fristen"), "{}", hit.section);
}

#[test]
fn html_drops_navigation_and_scripts() {
    let doc = load("corpus/dokumente/faq-intranet.html");
    let text = doc.full_text();
    assert!(!text.contains("Speiseplan der Woche"), "navigation kept");
    assert!(
        !text.contains("Sitzung läuft in 5 Minuten ab"),
        "script kept"
    );
    assert!(doc.blocks.iter().filter(|b| b.is_heading()).count() >= 15);
}

#[test]
fn windows_1252_text_and_markdown() {
    let doc = load("corpus/dokumente/hinweise-telefon-und-email.txt");
    let text = doc.full_text();
    assert!(
        text.contains("Abwesenheitsnotiz") && text.contains("Beschäftigten"),
        "{text}"
    );
    assert!(!text.contains('\u{FFFD}'));
    let (title, p) = passages("corpus/dokumente/hinweise-telefon-und-email.txt");
    assert_eq!(title, "Hinweise zur Nutzung von Telefon und E-Mail");
    assert!(
        p.iter().any(|p| p
            .section
            .ends_with("2. Erreichbarkeit und Abwesenheitsnotiz")),
        "{p:#?}"
    );

    let latin1 = load("tests/fixtures/good/latin1.txt").full_text();
    assert!(
        latin1.contains("Straßenreinigung") && latin1.contains("Größere"),
        "{latin1}"
    );
    let bom = load("tests/fixtures/good/utf8-bom.txt").full_text();
    assert!(
        bom.starts_with("Die Gebühr") || !bom.contains('\u{FEFF}'),
        "{bom}"
    );

    let (title, p) = passages("corpus/dokumente/dienstvereinbarung-mobiles-arbeiten.md");
    assert!(title.starts_with("Dienstvereinbarung"));
    assert_no_passage_crosses_a_paragraph(&p);
}

#[test]
fn stand_dates_and_titles_reach_the_document_list() {
    let data = tempfile::tempdir().unwrap();
    let engine = Engine::open(EngineConfig::new(data.path())).unwrap();
    let report = engine
        .ingest(&[repo().join("corpus/dokumente")], "allgemein", &mut Quiet)
        .unwrap();
    assert!(
        report
            .files
            .iter()
            .all(|f| matches!(f.outcome, FileOutcome::Added { .. })),
        "{report:#?}"
    );
    let docs = engine.documents(&lotse_core::Scope::All).unwrap();
    assert_eq!(docs.len(), 6);
    let md = docs.iter().find(|d| d.format == Format::Markdown).unwrap();
    assert_eq!(md.stand.as_deref(), Some("Stand: 20. Juni 2024"));
    let txt = docs.iter().find(|d| d.format == Format::Text).unwrap();
    assert_eq!(txt.stand.as_deref(), Some("Stand: 3. Februar 2025"));
    for d in &docs {
        assert!(!d.title.is_empty() && d.chunks > 0, "{d:?}");
    }
}
