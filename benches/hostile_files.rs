//! Files built to stall a reader, through `lotse ingest` as a user would run it: a 2.2 MB
//! HTML page nested 200,000 levels deep, a DOCX whose document.xml unpacks to 1 GiB (a zip
//! bomb), and a 100 MB text file on one line. Each must be read or refused quickly and
//! with bounded memory; the figures (wall time, peak RSS of lotse and the reader it
//! starts, the outcome) are printed.
//!
//! `cargo bench --bench hostile_files` (uses GNU time, `/usr/bin/time`, for the peak).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn nested_html(path: &Path) {
    let depth = 200_000;
    let html = format!(
        "<html><body>{}Text{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    std::fs::write(path, html).expect("write html");
}

fn zip_bomb(path: &Path) {
    let file = std::fs::File::create(path).expect("create docx");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("[Content_Types].xml", options)
        .expect("entry");
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>")
        .expect("write");
    zip.start_file("word/document.xml", options).expect("entry");
    zip.write_all(b"<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>")
        .expect("write");
    let block = vec![b'a'; 1 << 20];
    for _ in 0..1024 {
        zip.write_all(&block).expect("write");
    }
    zip.write_all(b"</w:t></w:r></w:p></w:body></w:document>")
        .expect("write");
    zip.finish().expect("finish");
}

fn long_line(path: &Path) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create txt"));
    let words = "Verwaltungsvorgang Antrag Bescheid Frist Zuständigkeit ";
    let mut written = 0;
    while written < 100 * 1024 * 1024 {
        f.write_all(words.as_bytes()).expect("write");
        written += words.len();
    }
    f.flush().expect("flush");
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_lotse");
    let dir = tempfile::tempdir().expect("temp dir");
    type Make = fn(&Path);
    let cases: [(&str, Make); 3] = [
        ("nested-200000.html", nested_html),
        ("zip-bomb.docx", zip_bomb),
        ("one-line-100mb.txt", long_line),
    ];
    for (name, make) in cases {
        let path: PathBuf = dir.path().join(name);
        make(&path);
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        let data = tempfile::tempdir().expect("data dir");
        let timing = dir.path().join("time.txt");
        let out = Command::new("/usr/bin/time")
            .arg("-o")
            .arg(&timing)
            .args(["-f", "%e %M"])
            .arg(bin)
            .args(["ingest", "--json"])
            .arg(&path)
            .env("LOTSE_DATA_DIR", data.path())
            .env("LOTSE_NO_EMBEDDINGS", "1")
            .env("LOTSE_LLM", "none")
            .output()
            .expect("run lotse under /usr/bin/time");
        let report: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
        let file = &report["files"][0];
        let outcome = match file["status"].as_str() {
            Some("failed") => format!(
                "refused: {} ({})",
                file["code"].as_str().unwrap_or("?"),
                file["reason"].as_str().unwrap_or("?")
            ),
            Some(status) => status.to_string(),
            None => format!("no report (exit {:?})", out.status.code()),
        };
        let measured = std::fs::read_to_string(&timing).unwrap_or_default();
        // GNU time puts "Command exited with non-zero status N" before the figures when
        // lotse exits non-zero (a refused file does), so the figures are the last line.
        let mut fields = measured.lines().last().unwrap_or("").split_whitespace();
        let seconds: f64 = fields
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(f64::NAN);
        let kib: f64 = fields
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(f64::NAN);
        println!(
            "{name} ({:.1} MB): {seconds:.2} s, peak RSS {:.0} MiB, {outcome}",
            size as f64 / 1e6,
            kib / 1024.0
        );
    }
}
