//! Lists the sentences `lotse_ingest::instructions` flags in plain-text files and in the
//! contexts of SQuAD-style JSON (XQuAD): a check for false flags on real documents.
//!
//! `cargo run --release -p lotse-ingest --example planted_scan -- FILE_OR_DIR...`

use std::path::Path;

fn scan_text(name: &str, text: &str, counts: &mut (usize, usize)) {
    for line in text.lines() {
        counts.0 += 1;
        for f in lotse_ingest::instructions::planted_instructions(line) {
            counts.1 += 1;
            println!(
                "{name}: [{}] {}",
                f.cue.label(),
                line[f.start..f.end].trim()
            );
        }
    }
}

fn scan(path: &Path, counts: &mut (usize, usize)) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for p in entries {
            scan(&p, counts);
        }
        return;
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let name = path.display().to_string();
    if path.extension().is_some_and(|e| e == "json") {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else {
            return;
        };
        let mut contexts = Vec::new();
        collect_contexts(&v, &mut contexts);
        for c in contexts {
            scan_text(&name, &c, counts);
        }
    } else {
        scan_text(&name, &text, counts);
    }
}

fn collect_contexts(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("context", serde_json::Value::String(s)) => out.push(s.clone()),
                    _ => collect_contexts(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_contexts(i, out)),
        _ => {}
    }
}

fn main() {
    let mut counts = (0, 0);
    for arg in std::env::args().skip(1) {
        scan(Path::new(&arg), &mut counts);
    }
    eprintln!("{} paragraphs scanned, {} flagged", counts.0, counts.1);
}
