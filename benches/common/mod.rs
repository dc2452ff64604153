//! What the benches share: a deterministic generator of German-looking PDF corpora and
//! small measuring helpers. Each bench uses only part of it.
#![allow(dead_code)]

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, StringFormat, dictionary};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const WORDS: &[&str] = &[
    "Verwaltung",
    "Antrag",
    "Beschäftigte",
    "Dienststelle",
    "Genehmigung",
    "Frist",
    "Abrechnung",
    "Reisekosten",
    "Datenschutz",
    "Informationssicherheit",
    "Homeoffice",
    "Arbeitszeit",
    "Vorgesetzte",
    "Personalrat",
    "Zuständigkeit",
    "Bürgerservice",
    "Fachbereich",
    "Rechnung",
    "Haushalt",
    "Beschaffung",
    "Vergabe",
    "Schulung",
    "Qualifizierung",
    "Dokumentation",
    "Protokoll",
    "Löschung",
    "Aufbewahrung",
    "Passwort",
    "Bildschirmsperre",
    "Störung",
    "Meldung",
    "wird",
    "werden",
    "ist",
    "sind",
    "die",
    "der",
    "das",
    "und",
    "oder",
    "nach",
    "innerhalb",
    "spätestens",
    "jährlich",
    "schriftlich",
    "elektronisch",
    "zuständig",
    "erforderlich",
    "zulässig",
    "unverzüglich",
    "Tagen",
    "Wochen",
    "Monaten",
    "gemäß",
    "Absatz",
    "Satz",
    "Kommune",
    "Stadtverwaltung",
    "Gebühren",
    "Bescheid",
    "Widerspruch",
    "Akteneinsicht",
    "Telearbeit",
    "Dienstreise",
    "Wegstreckenentschädigung",
    "Übernachtung",
    "Tagegeld",
];

/// Deterministic pseudo-random numbers (xorshift), so every run indexes the same corpus.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
    pub fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.next() % WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Windows-1252 bytes for the standard PDF fonts' WinAnsiEncoding.
pub fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'ä' => 0xE4,
            'ö' => 0xF6,
            'ü' => 0xFC,
            'Ä' => 0xC4,
            'Ö' => 0xD6,
            'Ü' => 0xDC,
            'ß' => 0xDF,
            '§' => 0xA7,
            c if c.is_ascii() => c as u8,
            _ => b'?',
        })
        .collect()
}

/// A PDF of `pages` pages of German-like administrative text with § headings, 46 lines a page.
pub fn make_pdf(path: &Path, pages: usize, rng: &mut Rng, first_paragraph: &mut usize) {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let mut kids = Vec::new();
    for _ in 0..pages {
        let mut ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 10.into()]),
            Operation::new("Td", vec![50.into(), 800.into()]),
        ];
        let mut line = 0;
        while line < 46 {
            if rng.next().is_multiple_of(9) {
                *first_paragraph += 1;
                let heading = format!("§ {} {}", *first_paragraph, rng.words(2));
                ops.push(Operation::new("Td", vec![0.into(), (-24).into()]));
                ops.push(Operation::new(
                    "Tj",
                    vec![Object::String(win_ansi(&heading), StringFormat::Literal)],
                ));
                line += 2;
            }
            ops.push(Operation::new("Td", vec![0.into(), (-16).into()]));
            for _ in 0..4 {
                let text = format!("{}.", rng.words(11));
                ops.push(Operation::new("Td", vec![0.into(), (-12).into()]));
                ops.push(Operation::new(
                    "Tj",
                    vec![Object::String(win_ansi(&text), StringFormat::Literal)],
                ));
                line += 1;
            }
        }
        ops.push(Operation::new("ET", vec![]));
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(
            dictionary! {},
            content.encode().expect("encode"),
        ));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count,
            "Resources" => resources_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc.compress();
    doc.save(path).expect("write PDF");
}

pub fn make_corpus(dir: &Path, files: usize, pages: usize, seed: u64) -> PathBuf {
    std::fs::create_dir_all(dir).expect("corpus dir");
    let mut rng = Rng(seed);
    for i in 0..files {
        let mut paragraph = 0;
        make_pdf(
            &dir.join(format!("dokument-{i:04}.pdf")),
            pages,
            &mut rng,
            &mut paragraph,
        );
    }
    dir.to_path_buf()
}

pub fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// A value of `/proc/PID/status` (`VmRSS:`, `VmHWM:` …) in MiB; NaN where unreadable.
pub fn proc_status_mib(pid: u32, key: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}
