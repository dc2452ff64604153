use super::*;
use std::fs;

fn engine(dir: &Path) -> Engine {
    Engine::open(EngineConfig::new(dir.join("data"))).unwrap()
}

const KI: &str = "# Dienstanweisung KI\n\n## § 1 Geltungsbereich\n\nGilt für alle Beschäftigten der Stadtverwaltung.\n\n## § 7 Protokolle\n\n(1) Nutzungsdaten werden 90 Tage gespeichert.\n\nStand: 01.03.2025\n";

#[test]
fn ingest_search_reingest_replace_remove() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("ki.md"), KI).unwrap();
    fs::write(docs.join("notiz.txt"), "Die Kantine öffnet um 11 Uhr.\n").unwrap();
    fs::write(docs.join("bild.png"), [0u8, 1, 2]).unwrap();
    let e = engine(tmp.path());

    let report = e
        .ingest(std::slice::from_ref(&docs), "allgemein", &mut Quiet)
        .unwrap();
    assert_eq!(report.count(|o| matches!(o, FileOutcome::Added { .. })), 2);
    assert_eq!(
        report.count(|o| matches!(o, FileOutcome::Skipped { .. })),
        1
    );
    assert_eq!(report.failures().count(), 0);

    let hits = e
        .search("Wie lange werden Nutzungsdaten gespeichert?", &[], 3)
        .unwrap();
    assert!(hits[0].text.contains("90 Tage"), "{hits:?}");
    assert_eq!(hits[0].section, "Dienstanweisung KI › § 7 Protokolle");
    let listed = e.documents(None).unwrap();
    let ki = listed
        .iter()
        .find(|d| d.title == "Dienstanweisung KI")
        .unwrap();
    assert_eq!(ki.stand.as_deref(), Some("Stand: 01.03.2025"));
    assert_eq!(ki.format, Format::Markdown);

    // unchanged: nothing happens
    let again = e
        .ingest(std::slice::from_ref(&docs), "allgemein", &mut Quiet)
        .unwrap();
    assert_eq!(
        again.count(|o| matches!(o, FileOutcome::Unchanged { .. })),
        2
    );
    let chunks_before = e.keyword_index().chunk_count().unwrap();

    // changed: replaced, no duplicates
    fs::write(docs.join("ki.md"), KI.replace("90 Tage", "30 Tage")).unwrap();
    let changed = e
        .ingest(&[docs.join("ki.md")], "allgemein", &mut Quiet)
        .unwrap();
    assert!(
        matches!(changed.files[0].outcome, FileOutcome::Replaced { .. }),
        "{changed:?}"
    );
    assert_eq!(e.keyword_index().chunk_count().unwrap(), chunks_before);
    let hits = e.search("Nutzungsdaten gespeichert", &[], 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(hits[0].text.contains("30 Tage"));

    // remove by path
    let source = docs.join("ki.md").to_string_lossy().into_owned();
    let removed = e.remove(&source).unwrap();
    assert_eq!(removed.len(), 1);
    assert!(e.search("Nutzungsdaten", &[], 5).unwrap().is_empty());
    assert!(matches!(
        e.remove("gibt-es-nicht"),
        Err(EngineError::NotFound(_))
    ));
}

#[test]
fn same_content_twice_is_a_duplicate_but_other_collections_get_their_own_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.md");
    let b = tmp.path().join("b.md");
    fs::write(&a, KI).unwrap();
    fs::write(&b, KI).unwrap();
    let e = engine(tmp.path());
    let r = e.ingest(&[a.clone(), b], "allgemein", &mut Quiet).unwrap();
    assert!(matches!(r.files[1].outcome, FileOutcome::Duplicate { .. }));
    let r = e.ingest(&[a], "personal", &mut Quiet).unwrap();
    assert!(matches!(r.files[0].outcome, FileOutcome::Added { .. }));
    assert_eq!(e.documents(None).unwrap().len(), 2);
    let only_personal = e.search("Nutzungsdaten", &["personal".into()], 5).unwrap();
    assert_eq!(only_personal.len(), 1);
    assert_eq!(only_personal[0].collection, "personal");
}

#[test]
fn bad_files_are_reported_and_good_ones_still_ingested() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("gut.md"), KI).unwrap();
    fs::write(dir.join("leer.txt"), "").unwrap();
    fs::write(dir.join("kaputt.pdf"), b"%PDF-1.7\n\x00\x01garbage").unwrap();
    fs::write(dir.join("falsch.docx"), b"no zip at all").unwrap();
    let e = engine(tmp.path());
    let missing = tmp.path().join("fehlt.pdf");
    let r = e
        .ingest(
            &[dir, missing, tmp.path().join("x.xlsx")],
            "allgemein",
            &mut Quiet,
        )
        .unwrap();
    let code = |name: &str| {
        r.files
            .iter()
            .find(|f| f.path.ends_with(name))
            .map(|f| match &f.outcome {
                FileOutcome::Failed { code, .. } => code.clone(),
                other => format!("{other:?}"),
            })
            .unwrap()
    };
    assert_eq!(code("leer.txt"), "empty");
    assert_eq!(code("kaputt.pdf"), "corrupt");
    assert_eq!(code("falsch.docx"), "binary_data");
    assert_eq!(code("fehlt.pdf"), "unreadable");
    assert_eq!(code("x.xlsx"), "unreadable");
    assert_eq!(r.count(|o| o.is_indexed()), 1);
    assert_eq!(e.documents(None).unwrap().len(), 1);
}

#[test]
fn invalid_collection_is_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let e = engine(tmp.path());
    assert!(matches!(
        e.ingest(&[], "../etc", &mut Quiet),
        Err(EngineError::InvalidCollection(_))
    ));
}
