//! Versions of rules: the superseded one is marked in the list and not answered from, the
//! new one is quoted and names the change when asked, a rule not in force yet is answered
//! with a note, and two unlinked documents with other figures are named as a conflict.
//! Fixtures: `tests/fixtures/versions/`.

use crate::*;

fn ask(d: &Path, question: &str) -> serde_json::Value {
    let out = lotse(d, &["ask", question, "--mode", "extractive", "--json"]);
    assert!(out.status.success(), "{}", describe(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The fixtures in `allgemein`, beside the sample corpus in a collection of its own: rules
/// among other documents, as in an administration's index.
fn ingest_versions(d: &Path) {
    let corpus = repo().join("corpus/dokumente");
    let out = lotse(
        d,
        &["ingest", &corpus.to_string_lossy(), "--collection", "stadt"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let out = lotse(d, &["ingest", &fixture("versions").to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
}

fn cited_sources(answer: &serde_json::Value) -> Vec<String> {
    answer["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["source"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_new_version_is_answered_the_old_one_marked_superseded() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ingest_versions(d);

    let list = stdout(&lotse(d, &["list"]));
    let old_line = list
        .lines()
        .find(|l| l.contains("tiefgarage-2022.md"))
        .unwrap();
    assert!(
        old_line.contains("ERSETZT durch Dienstanweisung Nutzung der Tiefgarage (1. März 2025)"),
        "{list}"
    );
    let new_line = list
        .lines()
        .find(|l| l.contains("tiefgarage-2025.md"))
        .unwrap();
    assert!(
        new_line.contains("Dienstanweisung, gültig ab 1. März 2025")
            && !new_line.contains("ERSETZT"),
        "{list}"
    );

    // the figure of the version in force, cited from it alone
    let a = ask(d, "Was kostet der Parkausweis für die Tiefgarage?");
    let text = a["answer"].as_str().unwrap();
    assert!(text.contains("15 Euro"), "{a}");
    assert!(!a["abstained"].as_bool().unwrap());
    let cited = cited_sources(&a);
    assert!(
        !cited.is_empty() && cited.iter().all(|s| s.ends_with("tiefgarage-2025.md")),
        "{a}"
    );
    assert_eq!(a["citations"][0]["kind"], "Dienstanweisung", "{a}");
    // the superseded version is not among what retrieval handed the answer
    assert!(
        a["retrieval"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| !h["source"]
                .as_str()
                .unwrap()
                .ends_with("tiefgarage-2022.md")),
        "{a}"
    );

    // asked for the change, the new version says what changed
    let a = ask(
        d,
        "Was hat sich bei der Gebühr für die Tiefgarage geändert?",
    );
    let text = a["answer"].as_str().unwrap();
    assert!(
        text.contains("Statt 10 Euro") && text.contains("15 Euro"),
        "{a}"
    );

    // still searchable with the switch, marked
    let out = lotse(
        d,
        &[
            "search",
            "Parkausweis Tiefgarage Euro",
            "--include-superseded",
            "--json",
            "-k",
            "10",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let old = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| {
            h["source"]
                .as_str()
                .unwrap()
                .ends_with("tiefgarage-2022.md")
        })
        .unwrap_or_else(|| panic!("old version not found with --include-superseded: {v}"));
    assert_eq!(
        old["superseded_by"],
        "Dienstanweisung Nutzung der Tiefgarage (1. März 2025)"
    );
    let out = lotse(
        d,
        &[
            "search",
            "Parkausweis Tiefgarage Euro",
            "--json",
            "-k",
            "10",
        ],
    );
    assert!(
        !stdout(&out).contains("tiefgarage-2022.md"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_rule_not_in_force_yet_and_conflicting_sources_are_named() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ingest_versions(d);

    let a = ask(d, "Was kostet ein Mittagessen in der Kantine?");
    let text = a["answer"].as_str().unwrap();
    assert!(text.contains("4,50 Euro"), "{a}");
    assert!(
        text.contains("„Dienstanweisung Kantinenbetrieb“ gilt erst ab 1. Januar 2099"),
        "{a}"
    );
    assert_eq!(a["citations"][0]["pending_from"], "2099-01-01", "{a}");

    // two documents without a version link, other figures: the newer one is followed and
    // the older one named
    let a = ask(d, "An wie vielen Tagen pro Woche ist Homeoffice möglich?");
    let text = a["answer"].as_str().unwrap();
    assert!(text.contains("3 Tagen"), "{a}");
    assert!(
        cited_sources(&a)
            .iter()
            .all(|s| !s.ends_with("rundschreiben-homeoffice.md")),
        "the older figure is named in the note, not quoted as the answer: {a}"
    );
    assert_eq!(
        cited_sources(&a)[0].rsplit('/').next().unwrap(),
        "dienstvereinbarung-mobiles-arbeiten.md",
        "{a}"
    );
    let notes = a["notes"].as_array().unwrap();
    assert!(
        notes.iter().any(|n| {
            let n = n.as_str().unwrap();
            n.contains("widersprechen sich")
                && n.contains("Dienstvereinbarung mobiles Arbeiten")
                && n.contains("Rundschreiben Arbeiten von zu Hause")
                && n.contains("2 Tagen")
        }),
        "{a}"
    );

    // a question the sources agree on has no such note
    let a = ask(d, "Wo wird der Parkausweis beantragt?");
    assert!(a.get("notes").is_none(), "{a}");
}

#[test]
fn wrong_validity_options_are_named() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let file = fixture("versions/kantine-2099.md");
    let out = lotse(
        d,
        &["ingest", &file.to_string_lossy(), "--valid-from", "morgen"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("kein Datum"),
        "{}",
        describe(&out)
    );
    let out = lotse(d, &["ingest", &file.to_string_lossy(), "--kind", "roman"]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("unbekannte Dokumentart"),
        "{}",
        describe(&out)
    );
    let out = lotse(
        d,
        &[
            "ingest",
            &file.to_string_lossy(),
            "--supersedes",
            "feedfeedfeedfeed",
        ],
    );
    assert_ne!(out.status.code(), Some(0), "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("feedfeedfeedfeed"),
        "{}",
        describe(&out)
    );
    assert!(
        stdout(&lotse(d, &["list"])).contains("Keine Dokumente"),
        "nothing ingested"
    );
    // given at ingest, over what the text says
    let out = lotse(
        d,
        &[
            "ingest",
            &file.to_string_lossy(),
            "--valid-from",
            "1.3.2025",
            "--kind",
            "leitfaden",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let list = stdout(&lotse(d, &["list"]));
    assert!(list.contains("Leitfaden, gültig ab 1. März 2025"), "{list}");
}
