//! Text from scans: Tesseract with its German model for image files and for the pages of a
//! PDF that have no text layer (rendered to an image by poppler's `pdftoppm` first).
//!
//! Both are separate programs (Debian: `tesseract-ocr`, `tesseract-ocr-deu`,
//! `poppler-utils`), run as child processes with a time limit per page, so a hostile image
//! costs at most that limit and can't take lotse down. Where they are missing, scans are
//! refused with a message that says what to install, as before OCR existed.

use crate::LoadError;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The resolution PDF pages are rendered at for OCR: Tesseract reads best at ~300 dpi.
pub const RENDER_DPI: u32 = 300;
/// The most time one page may take to render or to recognise.
pub const PAGE_TIMEOUT: Duration = Duration::from_secs(60);
/// The most pages of one file read by OCR (a scan of a whole file cabinet is split first).
pub const MAX_PAGES: usize = 200;

/// The text of one recognised page and the recogniser's confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct RecognisedPage {
    /// Lines of the page; paragraphs separated by a blank line.
    pub text: String,
    /// Mean confidence of the recognised words, 0–100; 0 when no word was found.
    pub confidence: f32,
}

/// Whether OCR can run here: `Ok` or the reason (in German) why not.
pub fn check_available() -> Result<(), String> {
    let out = Command::new(tesseract())
        .arg("--list-langs")
        .stdin(Stdio::null())
        .output()
        .map_err(|_| {
            "Tesseract ist nicht installiert (Debian: apt-get install tesseract-ocr tesseract-ocr-deu)"
                .to_string()
        })?;
    let langs = String::from_utf8_lossy(&out.stdout);
    if !langs.lines().any(|l| l.trim() == "deu") {
        return Err(
            "Tesseract hat kein deutsches Sprachmodell (Debian: apt-get install tesseract-ocr-deu)"
                .into(),
        );
    }
    Ok(())
}

/// The `tesseract` program: `LOTSE_TESSERACT` or the one on `PATH`.
fn tesseract() -> String {
    std::env::var("LOTSE_TESSERACT").unwrap_or_else(|_| "tesseract".into())
}

/// Recognises the pages of an image file (PNG, JPEG, TIFF with one or more pages).
pub fn recognise_image(bytes: &[u8]) -> Result<Vec<RecognisedPage>, LoadError> {
    check_available().map_err(LoadError::NoOcr)?;
    let tsv = run(
        Command::new(tesseract()).args(["stdin", "stdout", "-l", "deu", "--psm", "3", "tsv"]),
        bytes,
        PAGE_TIMEOUT,
        "Texterkennung (Tesseract)",
    )?;
    let pages = parse_tsv(&String::from_utf8_lossy(&tsv));
    if pages.is_empty() {
        return Err(LoadError::corrupt(
            lotse_core::Format::Image,
            "Tesseract konnte das Bild nicht lesen",
        ));
    }
    Ok(pages)
}

/// Renders page `page` (1-based) of the PDF `pdf` and recognises it.
pub fn recognise_pdf_page(pdf: &[u8], page: u32) -> Result<RecognisedPage, LoadError> {
    let png = run(
        Command::new("pdftoppm").args([
            "-r",
            &RENDER_DPI.to_string(),
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
            "-gray",
            "-png",
            "-singlefile",
            "-",
        ]),
        pdf,
        PAGE_TIMEOUT,
        "Seitenbild (pdftoppm)",
    )?;
    let mut pages = recognise_image(&png)?;
    Ok(pages.swap_remove(0))
}

/// Fills the pages of `pages` that have no text by OCR of the rendered page. Returns the
/// pages read so, with their confidence; nothing when OCR is not available here (the
/// caller then reports a PDF without text layer as before).
pub fn fill_scanned_pages(
    pages: &mut [String],
    pdf: &[u8],
) -> Result<Vec<lotse_core::ScannedPage>, LoadError> {
    let empty: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].trim().is_empty())
        .collect();
    if empty.is_empty() || check_available().is_err() || !pdftoppm_available() {
        return Ok(Vec::new());
    }
    if empty.len() > MAX_PAGES {
        return Err(LoadError::TooComplex(format!(
            "die PDF-Datei hat {} Seiten ohne Text, mehr als die {MAX_PAGES}, die lotse per Texterkennung liest",
            empty.len()
        )));
    }
    let mut scanned = Vec::new();
    for i in empty {
        let number = i as u32 + 1;
        let page = recognise_pdf_page(pdf, number)?;
        if !page.text.trim().is_empty() {
            pages[i] = page.text;
            scanned.push(lotse_core::ScannedPage {
                page: number,
                confidence: page.confidence,
            });
        }
    }
    Ok(scanned)
}

fn pdftoppm_available() -> bool {
    Command::new("pdftoppm")
        .arg("-v")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Runs `command` with `input` on stdin; its stdout, or an error after `timeout`.
fn run(
    command: &mut Command,
    input: &[u8],
    timeout: Duration,
    what: &str,
) -> Result<Vec<u8>, LoadError> {
    // one thread per Tesseract: lotse reads files in parallel itself
    let mut child = command
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| LoadError::NoOcr(format!("{what} ließ sich nicht starten: {e}")))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let mut stderr = child.stderr.take().expect("piped stderr");
    let errors = std::thread::spawn(move || {
        let mut out = String::new();
        let _ = stderr.read_to_string(&mut out);
        out
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|e| LoadError::Crashed(e.to_string()))?
        {
            break status;
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(LoadError::Timeout(timeout.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let errors = errors.join().unwrap_or_default();
    if !status.success() {
        let last = errors
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(LoadError::Crashed(format!("{what}: {last}")));
    }
    Ok(out)
}

/// Tesseract's TSV output as pages of text: words joined into lines, lines of a paragraph
/// one per line, paragraphs separated by a blank line; confidence the mean of the words'.
pub fn parse_tsv(tsv: &str) -> Vec<RecognisedPage> {
    struct Building {
        number: u32,
        text: String,
        paragraph: (u32, u32),
        line: (u32, u32, u32),
        confidences: Vec<f32>,
    }
    let mut pages: Vec<Building> = Vec::new();
    for row in tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue; // only word rows carry text
        }
        let num = |i: usize| cols[i].parse::<u32>().unwrap_or(0);
        let word = cols[11].trim();
        let confidence: f32 = cols[10].parse().unwrap_or(-1.0);
        if word.is_empty() || confidence < 0.0 {
            continue;
        }
        let (page, block, par, line) = (num(1), num(2), num(3), num(4));
        if pages.last().is_none_or(|p| p.number != page) {
            pages.push(Building {
                number: page,
                text: String::new(),
                paragraph: (block, par),
                line: (block, par, line),
                confidences: Vec::new(),
            });
        } else {
            let p = pages.last_mut().expect("a page");
            if p.paragraph != (block, par) {
                p.text.push_str("\n\n");
            } else if p.line != (block, par, line) {
                p.text.push('\n');
            } else {
                p.text.push(' ');
            }
            p.paragraph = (block, par);
            p.line = (block, par, line);
        }
        let p = pages.last_mut().expect("a page");
        p.text.push_str(word);
        p.confidences.push(confidence);
    }
    pages
        .into_iter()
        .map(|p| RecognisedPage {
            confidence: if p.confidences.is_empty() {
                0.0
            } else {
                p.confidences.iter().sum::<f32>() / p.confidences.len() as f32
            },
            text: repair_section_signs(&p.text),
        })
        .collect()
}

/// Tesseract's German model often reads the "§" of a heading as "$", "&$" or "&" (in
/// printed body fonts at 200–300 dpi): at the start of a line and before a number, those
/// are the section sign, which the structure recogniser needs to find the §.
fn repair_section_signs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let repaired = ["&$ ", "$$ ", "&§ ", "$ ", "& "]
            .iter()
            .find_map(|misread| {
                line.strip_prefix(misread)
                    .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
                    .map(|rest| format!("§ {rest}"))
            });
        out.push_str(repaired.as_deref().unwrap_or(line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_rows_become_lines_and_paragraphs() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\t§\n\
                   5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t80\t4\n\
                   5\t1\t2\t1\t1\t1\t0\t0\t1\t1\t96\t(1)\n\
                   5\t1\t2\t1\t1\t2\t0\t0\t1\t1\t94\tDie\n\
                   5\t1\t2\t1\t2\t1\t0\t0\t1\t1\t92\tFrist.\n\
                   5\t2\t1\t1\t1\t1\t0\t0\t1\t1\t50\tZwei\n";
        let pages = parse_tsv(tsv);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].text, "§ 4\n\n(1) Die\nFrist.");
        assert!((pages[0].confidence - 90.4).abs() < 0.01);
        assert_eq!(pages[1].text, "Zwei");
    }

    #[test]
    fn misread_section_signs_are_repaired_at_line_starts_only() {
        assert_eq!(
            repair_section_signs("&$ 2 Fristen\n$ 3 Kosten\nKosten: $ 5 und & 6"),
            "§ 2 Fristen\n§ 3 Kosten\nKosten: $ 5 und & 6"
        );
        assert_eq!(repair_section_signs("& Co. KG"), "& Co. KG");
    }

    #[test]
    fn empty_output_has_no_pages() {
        assert!(parse_tsv("").is_empty());
        assert!(parse_tsv("level\tpage_num\n").is_empty());
    }
}
