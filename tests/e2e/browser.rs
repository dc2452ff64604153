//! The web UI in a real headless Chromium (Debian's `chromium`, driven by `playwright-core`
//! from npm; both installed by scripts/setup.sh): `lotse serve` with the sample corpus and
//! the real embedding model, then the steps of `tests/browser/ui.test.cjs` — ask a question
//! from `corpus/eval`, open a citation, demo mode, a follow-up, upload a DOCX and a broken
//! PDF (and drop a file), a busy server, no language model, replace and delete — with a
//! screenshot of each step in `artifacts/browser/`.
//!
//! Without the model, Chromium, Node.js or playwright-core the test says so and is skipped,
//! unless `LOTSE_REQUIRE_MODELS` or `LOTSE_REQUIRE_BROWSER` is set (scripts/test.sh sets the
//! first), where a missing piece is a failure.

use crate::hybrid::{lotse_model, models_dir};
use crate::server::{Server, spawn};
use crate::{describe, lotse_command, repo};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn start(models: &Path, data: &Path, extra: &[&str]) -> Server {
    let mut args = vec!["serve", "--addr", "127.0.0.1:0"];
    args.extend_from_slice(extra);
    let mut command = lotse_command(data, &args);
    command
        .env("LOTSE_MODELS_DIR", models)
        .env_remove("LOTSE_NO_EMBEDDINGS");
    spawn(command)
}

fn required() -> bool {
    std::env::var_os("LOTSE_REQUIRE_BROWSER").is_some()
        || std::env::var_os("LOTSE_REQUIRE_MODELS").is_some()
}

/// Skips (or, where required, fails) with a note on what is missing.
fn missing(what: &str) {
    assert!(
        !required(),
        "{what} is missing: run scripts/setup.sh (it installs chromium and playwright-core)"
    );
    eprintln!("skipped the browser test: {what} is missing (scripts/setup.sh installs it)");
}

/// Where `playwright-core` is installed: `LOTSE_NODE_MODULES`, else the cache folder that
/// scripts/setup.sh installs into.
fn node_modules() -> PathBuf {
    if let Some(dir) = std::env::var_os("LOTSE_NODE_MODULES") {
        return PathBuf::from(dir);
    }
    let cache = std::env::var_os("LOTSE_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/lotse")))
        .unwrap_or_else(|| PathBuf::from(".cache/lotse"));
    cache.join("node/node_modules")
}

/// A stored (uncompressed) ZIP archive: all a DOCX needs.
fn zip_stored(entries: &[(&str, &str)]) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, text) in entries {
        let data = text.as_bytes();
        let crc = crc32(data);
        let offset = out.len() as u32;
        let size = data.len() as u32;
        let name_len = name.len() as u16;
        // local file header
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0x21, 0]); // version, flags, stored, time
        out.extend_from_slice(&0x5a21u16.to_le_bytes()); // date
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // central directory entry
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0x21, 0]); // made by, needed, flags, stored, time
        central.extend_from_slice(&0x5a21u16.to_le_bytes());
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&name_len.to_le_bytes());
        central.extend_from_slice(&[0; 12]); // extra, comment, disk, internal and external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len() as u32;
    let count = entries.len() as u16;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A small Word document written for this test: a Fundbüro leaflet.
fn fundbuero_docx() -> Vec<u8> {
    let paragraphs: &[(&str, &str)] = &[
        ("Title", "Merkblatt Fundsachen im Rathaus"),
        ("Heading1", "1 Abgabe von Fundsachen"),
        (
            "",
            "Fundsachen, die Beschäftigte im Rathaus finden, werden noch am selben Tag beim Bürgerbüro im Erdgeschoss abgegeben.",
        ),
        (
            "",
            "Das Bürgerbüro vermerkt Fundort, Funddatum und eine kurze Beschreibung im Fundbuch.",
        ),
        ("Heading1", "2 Aufbewahrung"),
        (
            "",
            "Fundsachen werden sechs Monate aufbewahrt. Danach gehen sie in das Eigentum der Stadt über oder werden versteigert.",
        ),
        ("Heading1", "3 Stand"),
        ("", "Stand: 15.09.2026"),
    ];
    let mut body = String::new();
    for (style, text) in paragraphs {
        body.push_str("<w:p>");
        if !style.is_empty() {
            body.push_str(&format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"));
        }
        body.push_str(&format!(
            "<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
        ));
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    );
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
        <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
        <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
        <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
        <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
        <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
        </Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
        <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
        <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
        </Relationships>";
    let core = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
        <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
        xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Merkblatt Fundsachen im Rathaus</dc:title></cp:coreProperties>";
    zip_stored(&[
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        ("word/document.xml", &document),
        ("docProps/core.xml", core),
    ])
}

/// POST a JSON body with an API token; returns status and body.
fn post(addr: &str, token: &str, path: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status: u16 = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(
        !head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked"),
        "{head}"
    );
    (status, body.to_string())
}

/// The first question of `corpus/eval` that the server answers citing the document the
/// question is about, and the quote of that citation (the browser must show the same).
fn answered_eval_question(addr: &str, token: &str) -> (String, String) {
    let eval = std::fs::read_to_string(repo().join("corpus/eval/questions.jsonl")).unwrap();
    for line in eval.lines().filter(|l| !l.trim().is_empty()) {
        let q: serde_json::Value = serde_json::from_str(line).unwrap();
        let Some(document) = q["document"].as_str() else {
            continue; // an unanswerable question
        };
        let question = q["question"].as_str().unwrap();
        let body = serde_json::json!({ "question": question }).to_string();
        let (status, text) = post(addr, token, "/api/ask", &body);
        assert_eq!(status, 200, "{text}");
        let a: serde_json::Value = serde_json::from_str(&text).unwrap();
        if a["abstained"] == false
            && let Some(c) = a["citations"].as_array().and_then(|c| c.first())
            && c["source"].as_str().unwrap().ends_with(document)
        {
            return (
                question.to_string(),
                c["quote"].as_str().unwrap().to_string(),
            );
        }
    }
    panic!("no question of corpus/eval is answered citing its document");
}

const USER: &str = "erika.muster";
const PASSWORD: &str = "Rathaus-Fruehling-2026";
/// Only the `personal` collection's document contains it.
const HIDDEN: &str = "Quastenflosserprotokoll";

#[test]
fn web_ui_in_headless_chromium() {
    let Some(models) = models_dir() else { return };
    let chromium = PathBuf::from(
        std::env::var("LOTSE_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
    );
    if !chromium.is_file() {
        return missing(&format!("Chromium ({})", chromium.display()));
    }
    let node = std::env::var("LOTSE_NODE").unwrap_or_else(|_| "node".into());
    if !Command::new(&node)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return missing("Node.js");
    }
    let modules = node_modules();
    if !modules.join("playwright-core/package.json").is_file() {
        return missing(&format!("playwright-core (in {})", modules.display()));
    }

    let data = tempfile::tempdir().unwrap();
    let out = lotse_model(&models, data.path(), &["ingest", "corpus/dokumente"]);
    assert!(out.status.success(), "{}", describe(&out));
    // a document of another Fachbereich that the browser's user must never see
    let personal = tempfile::tempdir().unwrap();
    std::fs::write(
        personal.path().join("personalrat-intern.md"),
        format!("# Interne Notiz Personalrat\n\nDas Stichwort lautet {HIDDEN}.\n"),
    )
    .unwrap();
    let out = lotse_model(
        &models,
        data.path(),
        &[
            "ingest",
            "--collection",
            "personal",
            &personal.path().to_string_lossy(),
        ],
    );
    assert!(out.status.success(), "{}", describe(&out));
    let config = data.path().join("lotse.toml");
    std::fs::write(
        &config,
        "[groups.verwaltung]\nread = [\"allgemein\"]\nwrite = [\"allgemein\"]\n",
    )
    .unwrap();
    let config = config.to_string_lossy().into_owned();
    let mut add = lotse_command(
        data.path(),
        &[
            "--config",
            &config,
            "users",
            "add",
            USER,
            "--group",
            "verwaltung",
        ],
    )
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    writeln!(add.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    let out = add.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    let out = lotse_command(
        data.path(),
        &[
            "tokens",
            "create",
            "--name",
            "browser-test",
            "--read",
            "allgemein",
        ],
    )
    .output()
    .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    let token = String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_string();
    let server = start(
        &models,
        data.path(),
        &["--auth", "required", "--config", &config],
    );
    let (question, quote) = answered_eval_question(&server.addr, &token);

    let files = tempfile::tempdir().unwrap();
    let docx = files.path().join("merkblatt-fundsachen.docx");
    std::fs::write(&docx, fundbuero_docx()).unwrap();
    // a PDF header, then nothing a PDF reader can use: no objects, no xref, no trailer
    let pdf = files.path().join("beschaedigt.pdf");
    let mut broken =
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R".to_vec();
    broken.extend((0..3000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    std::fs::write(&pdf, broken).unwrap();

    let artifacts = repo().join("artifacts/browser");
    let _ = std::fs::remove_dir_all(&artifacts);
    std::fs::create_dir_all(&artifacts).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(&node)
        .arg(repo().join("tests/browser/ui.test.cjs"))
        .env("NODE_PATH", &modules)
        .env("LOTSE_URL", format!("http://{}", server.addr))
        .env("LOTSE_CHROMIUM", &chromium)
        .env("LOTSE_PROFILE", profile.path())
        .env("LOTSE_ARTIFACTS", &artifacts)
        .env("LOTSE_QUESTION", &question)
        .env("LOTSE_QUOTE", &quote)
        .env("LOTSE_DOCX", &docx)
        .env("LOTSE_BROKEN_PDF", &pdf)
        .env("LOTSE_USER", USER)
        .env("LOTSE_PASSWORD", PASSWORD)
        .env("LOTSE_HIDDEN", HIDDEN)
        .output()
        .expect("running node");
    assert!(out.status.success(), "{}", describe(&out));
    let log = String::from_utf8_lossy(&out.stdout);
    eprintln!("{log}");
    for step in [
        "00-login",
        "01-start",
        "02-answer",
        "03-source",
        "04-demo",
        "04b-demo-context-timings",
        "05-followup",
        "05-followup-1920x1080",
        "06-documents",
        "07-upload",
        "08-busy",
        "09-no-language-model",
        "10-replaced",
    ] {
        let shot = artifacts.join(format!("{step}.png"));
        let bytes = std::fs::read(&shot).unwrap_or_default();
        assert!(
            bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
            "no screenshot {}",
            shot.display()
        );
    }
    drop(server);
}
