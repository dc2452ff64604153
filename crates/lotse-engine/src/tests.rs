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
    fs::write(docs.join("bild.gif"), [0u8, 1, 2]).unwrap();
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
        .search(
            "Wie lange werden Nutzungsdaten gespeichert?",
            &Scope::All,
            3,
            SearchMode::Keyword,
        )
        .unwrap();
    assert!(hits[0].text.contains("90 Tage"), "{hits:?}");
    assert_eq!(hits[0].section, "Dienstanweisung KI › § 7 Protokolle");
    let listed = e.documents(&Scope::All).unwrap();
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
    let chunks_before = e.chunk_count().unwrap();

    // changed: replaced, no duplicates
    fs::write(docs.join("ki.md"), KI.replace("90 Tage", "30 Tage")).unwrap();
    let changed = e
        .ingest(&[docs.join("ki.md")], "allgemein", &mut Quiet)
        .unwrap();
    assert!(
        matches!(changed.files[0].outcome, FileOutcome::Replaced { .. }),
        "{changed:?}"
    );
    assert_eq!(e.chunk_count().unwrap(), chunks_before);
    let hits = e
        .search(
            "Nutzungsdaten gespeichert",
            &Scope::All,
            5,
            SearchMode::Keyword,
        )
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert!(hits[0].text.contains("30 Tage"));

    // remove by path
    let source = docs.join("ki.md").to_string_lossy().into_owned();
    let removed = e.remove(&source, &Scope::All).unwrap();
    assert_eq!(removed.len(), 1);
    assert!(
        e.search("Nutzungsdaten", &Scope::All, 5, SearchMode::Keyword)
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        e.remove("gibt-es-nicht", &Scope::All),
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
    assert_eq!(e.documents(&Scope::All).unwrap().len(), 2);
    let only_personal = e
        .search(
            "Nutzungsdaten",
            &Scope::only(["personal"]),
            5,
            SearchMode::Keyword,
        )
        .unwrap();
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
    assert_eq!(e.documents(&Scope::All).unwrap().len(), 1);
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

fn hybrid_engine(dir: &Path) -> Engine {
    let mut config = EngineConfig::new(dir.join("data"));
    config.embedder = Some(Arc::new(lotse_core::HashEmbedder::new(64)));
    Engine::open(config).unwrap()
}

#[test]
fn hybrid_search_fuses_both_lists_and_explains_ranks() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("ki.md"), KI).unwrap();
    fs::write(
        docs.join("reise.md"),
        "# Reisekosten\n\n## 1 Abrechnung\n\nDie Reisekostenabrechnung ist binnen sechs Monaten einzureichen.\n",
    )
    .unwrap();
    let e = hybrid_engine(tmp.path());
    assert!(e.has_vectors());
    assert_eq!(e.default_mode(), SearchMode::Hybrid);
    e.ingest(&[docs], "allgemein", &mut Quiet).unwrap();

    let outcome = e
        .search_explained(
            "Nutzungsdaten gespeichert",
            &Scope::All,
            3,
            SearchMode::Hybrid,
        )
        .unwrap();
    let top = &outcome.hits[0];
    assert!(top.text.contains("90 Tage"));
    let ranks = top.ranks.unwrap();
    assert_eq!(ranks.keyword, Some(1));
    assert!(ranks.vector.is_some());
    assert!(top.keyword_score.is_some() && top.vector_score.is_some());
    // fused score: each list's score put on its list's scale (mean ± 3 sd → 0..1), keyword
    // at half weight, summed
    let scaled = |scores: &[f32], s: f32| {
        let n = scores.len() as f32;
        let mean = scores.iter().sum::<f32>() / n;
        let sd = (scores.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / n).sqrt();
        if sd > 0.0 {
            (s - mean + 3.0 * sd) / (6.0 * sd)
        } else {
            1.0
        }
    };
    let keyword_scores: Vec<f32> = outcome.keyword.iter().map(|h| h.score).collect();
    let vector_scores: Vec<f32> = outcome.vector.iter().map(|v| v.1).collect();
    let expected = 0.5 * scaled(&keyword_scores, top.keyword_score.unwrap())
        + scaled(&vector_scores, top.vector_score.unwrap());
    assert!(
        (top.score - expected).abs() < 1e-4,
        "{} vs {expected}",
        top.score
    );
    assert!(!outcome.keyword.is_empty() && !outcome.vector.is_empty());

    let vector_only = e
        .search(
            "Nutzungsdaten gespeichert",
            &Scope::All,
            3,
            SearchMode::Vector,
        )
        .unwrap();
    assert!(
        vector_only
            .iter()
            .all(|h| h.ranks.unwrap().keyword.is_none())
    );
    assert!(vector_only[0].score <= 1.0 + 1e-6);

    // collection filter inside both engines
    let none = e
        .search(
            "Nutzungsdaten",
            &Scope::only(["personal"]),
            3,
            SearchMode::Hybrid,
        )
        .unwrap();
    assert!(none.is_empty());
}

#[test]
fn vectors_follow_replace_and_remove_and_missing_ones_are_made_later() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("ki.md");
    fs::write(&file, KI).unwrap();
    // keyword-only first
    {
        let e = engine(tmp.path());
        e.ingest(std::slice::from_ref(&file), "allgemein", &mut Quiet)
            .unwrap();
        assert!(matches!(
            e.search("x", &Scope::All, 3, SearchMode::Hybrid),
            Err(EngineError::NoEmbedder { .. })
        ));
    }
    let e = hybrid_engine(tmp.path());
    let chunks = e.chunk_count().unwrap();
    // unchanged file, but its vectors are missing: made now
    let r = e
        .ingest(std::slice::from_ref(&file), "allgemein", &mut Quiet)
        .unwrap();
    assert!(matches!(r.files[0].outcome, FileOutcome::Unchanged { .. }));
    assert!(
        e.search("Nutzungsdaten", &Scope::All, 3, SearchMode::Vector)
            .unwrap()
            .len()
            == chunks.min(3)
    );
    let docs = e.documents(&Scope::All).unwrap();
    assert_eq!(docs[0].embedding_model.as_deref(), Some("hash-trigram"));
    assert_eq!(docs.len(), 1, "record rewritten, not duplicated");
    assert_eq!(e.chunk_count().unwrap(), chunks, "passages untouched");

    fs::write(&file, KI.replace("90 Tage", "30 Tage")).unwrap();
    e.ingest(std::slice::from_ref(&file), "allgemein", &mut Quiet)
        .unwrap();
    let hits = e
        .search("Nutzungsdaten", &Scope::All, 10, SearchMode::Vector)
        .unwrap();
    assert_eq!(hits.len(), chunks, "old vectors replaced, none duplicated");
    e.remove(&docs[0].source, &Scope::All).unwrap();
    assert!(
        e.search("Nutzungsdaten", &Scope::All, 10, SearchMode::Vector)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_different_embedding_model_is_refused_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    drop(hybrid_engine(tmp.path()));
    let mut config = EngineConfig::new(tmp.path().join("data"));
    config.embedder = Some(Arc::new(lotse_core::HashEmbedder::new(32)));
    let err = Engine::open(config).unwrap_err();
    assert!(matches!(err, EngineError::ModelMismatch { .. }), "{err}");
    assert!(err.to_string().contains("64 dims"), "{err}");
}

#[test]
fn search_modes_parse_with_bm25_alias() {
    assert_eq!("bm25".parse::<SearchMode>().unwrap(), SearchMode::Keyword);
    assert_eq!("Hybrid".parse::<SearchMode>().unwrap(), SearchMode::Hybrid);
    assert!("fuzzy".parse::<SearchMode>().is_err());
}

#[test]
fn passages_are_embedded_whole_and_in_sentence_groups() {
    let chunk = |section: &str, text: &str| Chunk {
        id: "d-0".into(),
        document_id: "d".into(),
        ordinal: 0,
        section: section.into(),
        text: text.into(),
        page: None,
        page_end: None,
        scan_confidence: None,
    };
    let long = (1..=12)
        .map(|i| format!("Satz Nummer {i} enthält genau acht Wörter zur Probe."))
        .collect::<Vec<_>>()
        .join(" ");
    let chunks = [
        chunk("Titel › § 1 Kurz", "Ein kurzer Absatz."),
        chunk("Titel › § 2 Lang", &long),
    ];
    let units = embedding_units(&chunks, true);
    // the short passage is its own only part; the long one (12 × 9 words) gets two groups
    assert_eq!(
        units.iter().map(|u| (u.chunk, u.part)).collect::<Vec<_>>(),
        [(0, 0), (1, 0), (1, 1), (1, 2)]
    );
    assert!(
        units[1]
            .text
            .starts_with("Titel › § 2 Lang\nSatz Nummer 1 ")
    );
    assert!(units[2].text.starts_with("§ 2 Lang\nSatz Nummer 1 "));
    assert!(units[3].text.starts_with("§ 2 Lang\nSatz Nummer 7 "));
    let words = |u: &EmbeddingUnit| u.text.split_whitespace().count();
    assert!(
        units[2..]
            .iter()
            .all(|u| words(u) <= lotse_ingest::chunk::PART_WORDS + 3)
    );
    // every sentence is in exactly one group
    let grouped: String = units[2..]
        .iter()
        .map(|u| u.text.split_once('\n').unwrap().1)
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(grouped, long);
    assert_eq!(embedding_units(&chunks, false).len(), 2);
}

#[test]
fn built_in_and_own_synonyms_widen_keyword_search() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("ki.md"), KI).unwrap();
    let e = engine(tmp.path());
    e.ingest(&[docs], "allgemein", &mut Quiet).unwrap();
    // built in: Logs ~ Protokolle (the section heading)
    let hits = e
        .search("Logs", &Scope::All, 3, SearchMode::Keyword)
        .unwrap();
    assert!(hits.iter().any(|h| h.text.contains("90 Tage")), "{hits:?}");
    // the administration's own group, read from the data directory when the engine opens
    let unknown = e
        .search("Klickspuren", &Scope::All, 3, SearchMode::Keyword)
        .unwrap();
    assert!(unknown.is_empty());
    drop(e);
    fs::write(
        tmp.path().join("data").join(crate::SYNONYMS_FILE),
        "# eigene\nKlickspuren, Nutzungsdaten\n",
    )
    .unwrap();
    let e = engine(tmp.path());
    let hits = e
        .search("Klickspuren", &Scope::All, 3, SearchMode::Keyword)
        .unwrap();
    assert!(hits[0].text.contains("90 Tage"), "{hits:?}");
}

const GARAGE_2022: &str = "# Dienstanweisung Nutzung der Tiefgarage\n\nStand: 1. Juni 2022\n\n## § 3 Parkausweis\n\nDer Parkausweis für die Tiefgarage kostet 10 Euro im Monat.\n";
const GARAGE_2025: &str = "# Dienstanweisung Nutzung der Tiefgarage\n\nDiese Dienstanweisung gilt ab 1. März 2025. Sie ersetzt die Dienstanweisung Nutzung der Tiefgarage vom 1. Juni 2022.\n\n## § 3 Parkausweis\n\nDer Parkausweis für die Tiefgarage kostet 15 Euro im Monat.\n";

#[test]
fn superseded_versions_leave_searches_until_asked_for_and_return_when_the_new_one_goes() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("tiefgarage-2022.md"), GARAGE_2022).unwrap();
    fs::write(docs.join("tiefgarage-2025.md"), GARAGE_2025).unwrap();
    let e = engine(tmp.path());
    e.ingest(std::slice::from_ref(&docs), "allgemein", &mut Quiet)
        .unwrap();
    let listed = e.documents(&Scope::All).unwrap();
    let old = listed
        .iter()
        .find(|d| d.source.ends_with("2022.md"))
        .unwrap();
    let new = listed
        .iter()
        .find(|d| d.source.ends_with("2025.md"))
        .unwrap();
    assert_eq!(new.validity.valid_from.as_deref(), Some("2025-03-01"));
    assert_eq!(new.kind, Some(lotse_core::DocumentKind::Dienstanweisung));
    assert_eq!(
        old.superseded_by.as_deref(),
        Some("Dienstanweisung Nutzung der Tiefgarage (1. März 2025)")
    );
    assert_eq!(new.superseded_by, None);

    let query = "Was kostet der Parkausweis für die Tiefgarage?";
    let current = e
        .search(query, &Scope::All, 5, SearchMode::Keyword)
        .unwrap();
    assert!(
        current.iter().all(|h| h.document_id == new.id),
        "{current:?}"
    );
    assert!(current[0].text.contains("15 Euro"));
    assert_eq!(current[0].dated.as_deref(), Some("2025-03-01"));
    let all = e
        .search_explained_with(
            query,
            &Scope::All,
            5,
            SearchMode::Keyword,
            WhichVersions::All,
        )
        .unwrap()
        .hits;
    let old_hit = all
        .iter()
        .find(|h| h.document_id == old.id)
        .expect("old version with the switch");
    assert!(old_hit.superseded_by.is_some());

    // the new version removed: the old one is current again
    e.remove(&new.id, &Scope::All).unwrap();
    let hits = e
        .search(query, &Scope::All, 5, SearchMode::Keyword)
        .unwrap();
    assert!(hits[0].text.contains("10 Euro"), "{hits:?}");
    assert_eq!(e.documents(&Scope::All).unwrap()[0].superseded_by, None);
}

#[test]
fn uploader_statements_win_and_unknown_superseded_ids_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(
        docs.join("alt.md"),
        "# Merkblatt Dienstreisen\n\nReisekosten werden binnen 6 Monaten abgerechnet.\n",
    )
    .unwrap();
    let e = engine(tmp.path());
    e.ingest(std::slice::from_ref(&docs), "allgemein", &mut Quiet)
        .unwrap();
    let old_id = e.documents(&Scope::All).unwrap()[0].id.clone();
    let new_dir = tmp.path().join("neu");
    fs::create_dir_all(&new_dir).unwrap();
    fs::write(
        new_dir.join("neu.md"),
        "# Reisekostenrichtlinie\n\nReisekosten werden binnen 3 Monaten abgerechnet.\n",
    )
    .unwrap();

    let unknown = IngestOptions {
        supersedes: vec!["0000000000000000".into()],
        ..Default::default()
    };
    let err = e
        .ingest_with(
            std::slice::from_ref(&new_dir),
            "allgemein",
            &unknown,
            &mut Quiet,
        )
        .unwrap_err();
    assert!(err.to_string().contains("0000000000000000"), "{err}");
    assert_eq!(
        e.documents(&Scope::All).unwrap().len(),
        1,
        "nothing ingested"
    );

    let options = IngestOptions {
        supersedes: vec![old_id.clone()],
        valid_from: Some("2099-01-01".into()),
        kind: Some(lotse_core::DocumentKind::Dienstanweisung),
    };
    e.ingest_with(
        std::slice::from_ref(&new_dir),
        "allgemein",
        &options,
        &mut Quiet,
    )
    .unwrap();
    let listed = e.documents(&Scope::All).unwrap();
    let new = listed.iter().find(|d| d.id != old_id).unwrap();
    assert_eq!(new.kind, Some(lotse_core::DocumentKind::Dienstanweisung));
    // not in force before 2099: the old one stays current, the new one is pending
    assert!(
        listed.iter().all(|d| d.superseded_by.is_none()),
        "{listed:?}"
    );
    let hits = e
        .search(
            "Reisekosten abgerechnet",
            &Scope::All,
            5,
            SearchMode::Keyword,
        )
        .unwrap();
    let pending = hits.iter().find(|h| h.document_id == new.id).unwrap();
    assert_eq!(pending.pending_from.as_deref(), Some("2099-01-01"));
}

#[test]
fn expired_facts_are_read_again_in_the_background_while_searches_use_the_ones_before() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("tiefgarage-2022.md"), GARAGE_2022).unwrap();
    // keyword only: another process may write this index, so facts expire
    let mut reader = engine(tmp.path());
    reader.facts_for = Duration::from_millis(50);
    reader
        .ingest(std::slice::from_ref(&docs), "allgemein", &mut Quiet)
        .unwrap();
    let superseded = |e: &Engine| {
        e.facts()
            .unwrap()
            .versions
            .superseded_by(&e.stored_documents(&Scope::All).unwrap()[0].id)
            .is_some()
    };
    assert!(!superseded(&reader));

    // "another process" writes the newer version
    let newer = tmp.path().join("newer");
    fs::create_dir_all(&newer).unwrap();
    fs::write(newer.join("tiefgarage-2025.md"), GARAGE_2025).unwrap();
    let writer = engine(tmp.path());
    writer
        .ingest(std::slice::from_ref(&newer), "allgemein", &mut Quiet)
        .unwrap();
    drop(writer);

    std::thread::sleep(Duration::from_millis(60));
    let stale = reader.facts().unwrap(); // expired: answered at once from what was read before
    assert_eq!(stale.versions.superseded_by("nonexistent"), None);
    let old_id = reader
        .stored_documents(&Scope::All)
        .unwrap()
        .into_iter()
        .find(|d| d.source.ends_with("2022.md"))
        .unwrap()
        .id;
    assert!(
        stale.versions.superseded_by(&old_id).is_none(),
        "stale facts first"
    );
    // the background read lands soon after
    let started = Instant::now();
    while reader
        .facts()
        .unwrap()
        .versions
        .superseded_by(&old_id)
        .is_none()
    {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the background refresh never arrived"
        );
        std::thread::sleep(Duration::from_millis(20));
    }

    // the reader's searches see the other process's document too, the old one superseded
    let hits = reader
        .search(
            "Parkausweis Tiefgarage",
            &Scope::All,
            5,
            SearchMode::Keyword,
        )
        .unwrap();
    assert!(
        !hits.is_empty() && hits.iter().all(|h| h.source.ends_with("2025.md")),
        "{hits:?}"
    );

    // a write through the engine itself is seen at once
    reader.remove(&old_id, &Scope::All).unwrap();
    let listed = reader.documents(&Scope::All).unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].superseded_by.is_none());
}
