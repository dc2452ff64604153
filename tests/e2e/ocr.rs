//! Scans: a PDF page without text layer and an image file are read by OCR (Tesseract),
//! found by keyword and vector search, cited with their page and marked as recognised text;
//! the page of the same PDF that has a text layer is read as text, not recognised.

use crate::hybrid::{lotse_model, models_dir};
use crate::*;

/// Whether Tesseract with its German model is installed; where it is not, CI fails (the
/// set-up script installs it) unless `LOTSE_REQUIRE_OCR=0` says to skip.
fn ocr_available() -> bool {
    let found = Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == "deu")
        })
        .unwrap_or(false);
    if !found {
        assert_eq!(
            std::env::var("LOTSE_REQUIRE_OCR").as_deref(),
            Ok("0"),
            "Tesseract with its German model is not installed (scripts/setup.sh installs \
             tesseract-ocr, tesseract-ocr-deu and poppler-utils; LOTSE_REQUIRE_OCR=0 skips)"
        );
        eprintln!("skipped: Tesseract with its German model is not installed");
    }
    found
}

fn top(hits: &[serde_json::Value], source_end: &str) -> serde_json::Value {
    hits.iter()
        .find(|h| h["source"].as_str().unwrap().ends_with(source_end))
        .unwrap_or_else(|| panic!("no hit from {source_end}: {hits:?}"))
        .clone()
}

#[test]
fn scanned_pages_and_images_are_read_by_ocr_found_and_cited_with_their_page() {
    if !ocr_available() {
        return;
    }
    let Some(models) = models_dir() else { return };
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let pdf = fixture("scan/aufbewahrung-gemischt.pdf");
    let png = fixture("scan/aushang-kantine.png");
    let out = lotse_model(
        &models,
        d,
        &[
            "ingest",
            &pdf.to_string_lossy(),
            &png.to_string_lossy(),
            "--json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));

    // the scanned page 2 of the PDF: keyword and vector search find it, with its page, its
    // § recognised as the section and the OCR confidence on the hit
    for mode in ["keyword", "vector"] {
        let out = lotse_model(
            &models,
            d,
            &[
                "search",
                "Wie lange werden Kassenbelege aufbewahrt?",
                "--json",
                "--mode",
                mode,
            ],
        );
        assert!(out.status.success(), "{}", describe(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let hits = v["hits"].as_array().unwrap();
        let hit = &hits[0];
        assert!(
            hit["source"]
                .as_str()
                .unwrap()
                .ends_with("aufbewahrung-gemischt.pdf"),
            "{mode}: {hits:?}"
        );
        assert_eq!(hit["page"], 2, "{mode}: {hit}");
        assert!(
            hit["text"].as_str().unwrap().contains("acht Jahre"),
            "{hit}"
        );
        assert!(hit["section"].as_str().unwrap().contains("§ 2"), "{hit}");
        let confidence = hit["scan_confidence"].as_f64().expect("OCR confidence");
        assert!((50.0..=100.0).contains(&confidence), "{hit}");
    }
    // page 1 has a text layer: read as text, not marked
    let hits = search(d, "Geltungsbereich Eigenbetriebe", &[]);
    let hit = top(&hits, "aufbewahrung-gemischt.pdf");
    assert_eq!(hit["page"], 1, "{hit}");
    assert!(hit.get("scan_confidence").is_none(), "{hit}");
    // the image file: one page, recognised
    let hits = search(d, "Kantine geschlossen Dezember", &[]);
    let hit = top(&hits, "aushang-kantine.png");
    assert_eq!(hit["page"], 1, "{hit}");
    assert!(
        hit["text"].as_str().unwrap().contains("22. Dezember"),
        "{hit}"
    );
    assert!(hit["scan_confidence"].as_f64().is_some(), "{hit}");

    // the answer cites the scanned page and says that its text was recognised
    let out = lotse_model(
        &models,
        d,
        &["ask", "Wie lange müssen Kassenbelege aufbewahrt werden?"],
    );
    assert!(out.status.success(), "{}", describe(&out));
    let text = stdout(&out);
    assert!(text.contains("acht Jahre"), "{text}");
    assert!(text.contains("S. 2, Text aus Scan erkannt"), "{text}");

    // the document list counts the recognised pages
    let out = lotse(d, &["list"]);
    let list = stdout(&out);
    assert!(list.contains("2 S., 1 S. aus Scan erkannt"), "{list}");
}

#[test]
fn without_tesseract_a_scan_is_refused_with_what_to_install() {
    let data = tempfile::tempdir().unwrap();
    let out = lotse_command(
        data.path(),
        &[
            "ingest",
            &fixture("scan/aushang-kantine.png").to_string_lossy(),
            &fixture("bad/image-only.pdf").to_string_lossy(),
            "--json",
        ],
    )
    .env("LOTSE_NO_EMBEDDINGS", "1")
    .env("LOTSE_TESSERACT", "/nonexistent/tesseract")
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", describe(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    let code_of = |name: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .map(|f| (f["code"].clone(), f["reason"].clone()))
            .unwrap()
    };
    let (code, reason) = code_of("aushang-kantine.png");
    assert_eq!(code, "no_ocr");
    assert!(
        reason.as_str().unwrap().contains("tesseract-ocr"),
        "{reason}"
    );
    let (code, reason) = code_of("image-only.pdf");
    assert_eq!(code, "no_text_layer");
    assert!(reason.as_str().unwrap().contains("Tesseract"), "{reason}");
}
