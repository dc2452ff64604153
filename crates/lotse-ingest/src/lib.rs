//! Turning office files into structured, normalised text and then into passages.
//!
//! The pipeline of this crate is `bytes → LoadedDocument → Vec<Chunk>`:
//!
//! * loaders ([`pdf`], [`docx`], [`html`], [`markdown`], [`text`]) produce [`Block`]s:
//!   headings with a level, paragraphs, list items and table rows, each with its page;
//! * formats without explicit structure (PDF, plain text) go through [`structure`], which
//!   rebuilds paragraphs from lines and recognises the headings of German administrative
//!   texts ("§ 5 Qualifizierung", "Abschnitt 2", "Anlage 1", "3.2 Zuständigkeiten");
//! * [`normalize`] repairs what extraction breaks: words hyphenated at line ends, ligatures,
//!   soft hyphens, page headers and footers repeated on most pages;
//! * [`chunk`] cuts the blocks into passages of roughly 100–350 words that never cross a §
//!   or a top-level section and remember their heading path and pages.
//!
//! Loaders never panic on hostile input by design, but `pdf-extract` can: callers that take
//! files from users should run [`pdf::extract_pages`] isolated (the `lotse` binary runs it in a
//! child process with a time limit).

pub mod chunk;
pub mod docx;
pub mod html;
pub mod instructions;
pub mod markdown;
pub mod meta;
pub mod normalize;
pub mod ocr;
pub mod pdf;
pub mod structure;
pub mod text;
pub mod validity;

use lotse_core::{Block, Format, LoadedDocument};

pub use chunk::{ChunkOptions, chunk_document};

/// Why a file could not be loaded. Messages are meant for the person who gave the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("die Datei ist leer")]
    Empty,
    #[error(
        "Dateityp {0:?} wird nicht unterstützt: lotse liest .pdf, .docx, .html/.htm, .md, .txt und Scans als .png, .jpg, .tif"
    )]
    Unsupported(String),
    #[error("die Datei enthält Binärdaten, erwartet war {expected}")]
    Binary { expected: &'static str },
    #[error(
        "die PDF-Datei ist verschlüsselt (Kennwortschutz); speichern Sie sie ohne Kennwort und versuchen Sie es erneut"
    )]
    Encrypted,
    #[error(
        "die PDF-Datei hat keine Textebene (nur ein Scan?) und die Texterkennung ist hier nicht verfügbar: {0}; exportieren Sie ein PDF mit Text"
    )]
    NoTextLayer(String),
    /// A scan, but no OCR here (Tesseract or its German model missing).
    #[error("die Datei ist ein Bild (Scan), und die Texterkennung ist hier nicht verfügbar: {0}")]
    NoOcr(String),
    #[error("die Datei ist beschädigt oder keine gültige {}-Datei: {detail}", format.as_str().to_uppercase())]
    Corrupt { format: Format, detail: String },
    #[error("in der Datei steht kein Text")]
    NoText,
    #[error("das Lesen der Datei dauerte länger als {0} s und wurde abgebrochen")]
    Timeout(u64),
    #[error("das Leseprogramm ist an dieser Datei abgestürzt: {0}")]
    Crashed(String),
    /// A bound on the work per file (nesting, elements, text size) was reached: such files
    /// are built to stall the reader, or far beyond what one document holds.
    #[error("{0}; solche Dateien liest lotse nicht (teilen oder vereinfachen Sie das Dokument)")]
    TooComplex(String),
}

/// The most text one file may hold (UTF-8 bytes, about 5,000 pages): beyond it a file is
/// refused before it is parsed, so one upload can't hold the index writer for minutes.
pub const MAX_TEXT_BYTES: usize = 32 * 1024 * 1024;

impl LoadError {
    /// A stable snake_case code for machines (API responses, JSON reports).
    pub fn code(&self) -> &'static str {
        match self {
            LoadError::Empty => "empty",
            LoadError::Unsupported(_) => "unsupported_type",
            LoadError::Binary { .. } => "binary_data",
            LoadError::Encrypted => "encrypted",
            LoadError::NoTextLayer(_) => "no_text_layer",
            LoadError::NoOcr(_) => "no_ocr",
            LoadError::Corrupt { .. } => "corrupt",
            LoadError::NoText => "no_text",
            LoadError::Timeout(_) => "timeout",
            LoadError::Crashed(_) => "crashed",
            LoadError::TooComplex(_) => "too_complex",
        }
    }

    pub fn corrupt(format: Format, detail: impl ToString) -> LoadError {
        LoadError::Corrupt {
            format,
            detail: detail.to_string(),
        }
    }
}

/// Loads a file of a known format from memory, except PDF (see [`load_pdf_pages`]), normalised
/// and with structure recognised.
pub fn load_bytes(format: Format, bytes: &[u8]) -> Result<LoadedDocument, LoadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::Empty);
    }
    if matches!(format, Format::Html | Format::Markdown | Format::Text) {
        check_text_size(bytes.len())?;
    }
    let doc = match format {
        Format::Pdf => {
            let mut pages = pdf::extract_pages(bytes)?;
            pages.scanned = ocr::fill_scanned_pages(&mut pages.pages, bytes)?;
            load_pdf_pages(pages)?
        }
        Format::Image => load_image(bytes)?,
        Format::Docx => docx::load_docx(bytes)?,
        Format::Html => html::load_html(&text::decode(bytes, "HTML")?)?,
        Format::Markdown => markdown::load_markdown(&text::decode(bytes, "Markdown-Text")?),
        Format::Text => text::load_text(&text::decode(bytes, "Text")?),
    };
    finish(doc)
}

/// Builds a document from the per-page text of a PDF, e.g. as returned by an isolated
/// [`pdf::extract_pages`].
pub fn load_pdf_pages(pages: pdf::PdfPages) -> Result<LoadedDocument, LoadError> {
    check_text_size(pages.pages.iter().map(String::len).sum())?;
    let page_count = pages.pages.len() as u32;
    if pages.pages.iter().all(|p| p.trim().is_empty()) {
        return Err(if page_count == 0 || !pages.scanned.is_empty() {
            LoadError::NoText
        } else {
            LoadError::NoTextLayer(
                ocr::check_available()
                    .err()
                    .unwrap_or_else(|| "auf den Seitenbildern wurde kein Text erkannt".into()),
            )
        });
    }
    let cleaned = normalize::strip_repeated_page_lines(&pages.pages);
    let blocks = structure::blocks_from_pages(&cleaned);
    finish(LoadedDocument {
        format: Format::Pdf,
        metadata_title: pages.title,
        blocks,
        page_count: Some(page_count),
        scanned_pages: pages.scanned,
    })
}

/// Reads a scanned image (PNG, JPEG, TIFF; a multi-page TIFF keeps its pages) by OCR.
pub fn load_image(bytes: &[u8]) -> Result<LoadedDocument, LoadError> {
    let recognised = ocr::recognise_image(bytes)?;
    let scanned_pages = recognised
        .iter()
        .enumerate()
        .map(|(i, p)| lotse_core::ScannedPage {
            page: i as u32 + 1,
            confidence: p.confidence,
        })
        .collect();
    let pages: Vec<String> = recognised.into_iter().map(|p| p.text).collect();
    let page_count = pages.len() as u32;
    let blocks = structure::blocks_from_pages(&pages);
    finish(LoadedDocument {
        format: Format::Image,
        metadata_title: None,
        blocks,
        page_count: Some(page_count),
        scanned_pages,
    })
}

fn check_text_size(bytes: usize) -> Result<(), LoadError> {
    if bytes > MAX_TEXT_BYTES {
        return Err(LoadError::TooComplex(format!(
            "die Datei enthält {} MB Text, mehr als die {} MB, die ein Dokument haben darf",
            bytes.div_ceil(1024 * 1024),
            MAX_TEXT_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// Common last step: normalise block text, promote heading-like lines, drop empty blocks.
fn finish(mut doc: LoadedDocument) -> Result<LoadedDocument, LoadError> {
    let mut blocks: Vec<Block> = Vec::with_capacity(doc.blocks.len());
    for mut block in doc.blocks.drain(..) {
        block.text = normalize::clean_inline(&block.text);
        if block.text.is_empty() {
            continue;
        }
        if !block.is_heading()
            && let Some(level) = structure::heading_level(&block.text)
        {
            block.kind = lotse_core::BlockKind::Heading { level };
        }
        blocks.push(block);
    }
    doc.blocks = blocks;
    if doc.blocks.is_empty() {
        return Err(LoadError::NoText);
    }
    Ok(doc)
}
