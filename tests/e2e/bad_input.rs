//! Every class of bad input is reported by file name with its reason and skipped, the rest
//! is ingested, and the exit code tells which case happened.

use crate::*;

fn failures(out: &std::process::Output) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "failed")
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let name = Path::new(path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, f["code"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn each_bad_file_is_reported_with_its_reason_and_nothing_else_is_harmed() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    // A good document first, which must survive everything below.
    let out = lotse(
        d,
        &[
            "ingest",
            "corpus/dokumente/dienstvereinbarung-mobiles-arbeiten.md",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let before = search(d, "Homeoffice Tage pro Woche", &[]);
    assert!(!before.is_empty());

    let bad = fixture("bad");
    let bad = bad.to_string_lossy().into_owned();
    let unsupported = fixture("bad/unsupported.xlsx");
    // without OCR, as on a machine without Tesseract (with it, image-only.pdf is read: see
    // the `ocr` tests)
    let lotse = |d: &Path, args: &[&str]| {
        lotse_command(d, args)
            .env("LOTSE_NO_EMBEDDINGS", "1")
            .env("LOTSE_TESSERACT", "/nonexistent/tesseract")
            .output()
            .unwrap()
    };
    let out = lotse(
        d,
        &[
            "ingest",
            &bad,
            &unsupported.to_string_lossy(),
            "/nonexistent/path.pdf",
            "--json",
        ],
    );
    // none of them could be ingested
    assert_eq!(out.status.code(), Some(4), "{}", describe(&out));
    let mut failed = failures(&out);
    failed.sort();
    let expected = [
        ("binary.docx", "binary_data"),
        ("binary.txt", "binary_data"),
        ("corrupt.pdf", "corrupt"),
        ("empty.txt", "empty"),
        ("encrypted.pdf", "encrypted"),
        ("image-only.pdf", "no_text_layer"),
        ("not-a-docx.docx", "corrupt"),
        ("path.pdf", "unreadable"),
        ("truncated.pdf", "corrupt"),
        ("unsupported.xlsx", "unsupported_type"),
        ("whitespace.md", "empty"),
    ];
    for (name, code) in expected {
        assert!(
            failed.iter().any(|(n, c)| n == name && c == code),
            "{name} should fail with {code}; got {failed:?}"
        );
    }
    // Human summary names file and reason.
    let out = lotse(
        d,
        &["ingest", &fixture("bad/encrypted.pdf").to_string_lossy()],
    );
    assert_eq!(out.status.code(), Some(4));
    let text = stdout(&out);
    assert!(
        text.contains("encrypted.pdf") && text.contains("Kennwort"),
        "{text}"
    );
    let out = lotse(
        d,
        &["ingest", &fixture("bad/image-only.pdf").to_string_lossy()],
    );
    assert!(
        stdout(&out).contains("keine Textebene"),
        "{}",
        describe(&out)
    );

    // The good document is untouched.
    assert_eq!(search(d, "Homeoffice Tage pro Woche", &[]), before);
}

#[test]
fn mixed_input_exits_with_the_partial_code() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let good = repo().join("corpus/dokumente/faq-intranet.html");
    let out = lotse(
        d,
        &[
            "ingest",
            &good.to_string_lossy(),
            &fixture("bad/corrupt.pdf").to_string_lossy(),
        ],
    );
    assert_eq!(out.status.code(), Some(3), "{}", describe(&out));
    assert!(stdout(&out).contains("corrupt.pdf"), "{}", describe(&out));
    assert!(
        !search(d, "KI-Lotsen erreichen", &[]).is_empty(),
        "the good file must be searchable"
    );
}
