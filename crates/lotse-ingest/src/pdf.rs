//! PDF text extraction with `pdf-extract`, page by page.
//!
//! `pdf-extract` can panic on malformed files; [`extract_pages`] turns panics into
//! [`LoadError::Crashed`]. It can also loop or eat memory on hostile input, which no
//! in-process guard can stop, so the `lotse` binary runs this function in a child process
//! with a time limit (see `lotse-engine`).

use crate::LoadError;
use lotse_core::Format;
use pdf_extract::{Document, Object, PlainTextOutput};
use serde::{Deserialize, Serialize};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The raw text of each page (index 0 = page 1) and the title from the document info.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PdfPages {
    pub pages: Vec<String>,
    pub title: Option<String>,
    /// Pages without a text layer whose text was recognised by OCR
    /// ([`crate::ocr::fill_scanned_pages`]).
    #[serde(default)]
    pub scanned: Vec<lotse_core::ScannedPage>,
}

pub fn extract_pages(bytes: &[u8]) -> Result<PdfPages, LoadError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(LoadError::Binary {
            expected: "a PDF document",
        });
    }
    match catch_unwind(AssertUnwindSafe(|| extract_unguarded(bytes))) {
        Ok(result) => result,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(LoadError::Crashed(message))
        }
    }
}

fn extract_unguarded(bytes: &[u8]) -> Result<PdfPages, LoadError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| LoadError::corrupt(Format::Pdf, e))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        // Files with only an owner password open with the empty user password.
        return Err(LoadError::Encrypted);
    }
    let title = info_title(&doc);
    let page_numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if page_numbers.is_empty() {
        return Err(LoadError::corrupt(
            Format::Pdf,
            "das Dokument hat keine Seiten",
        ));
    }
    let mut pages = Vec::with_capacity(page_numbers.len());
    let mut failures = 0;
    let mut last_error = String::new();
    for number in page_numbers {
        let mut text = String::new();
        let result = {
            let mut output = PlainTextOutput::new(&mut text);
            pdf_extract::output_doc_page(&doc, &mut output, number)
        };
        if let Err(e) = result {
            failures += 1;
            last_error = e.to_string();
            text.clear();
        }
        pages.push(text);
    }
    if failures == pages.len() {
        return Err(LoadError::corrupt(Format::Pdf, last_error));
    }
    Ok(PdfPages {
        pages,
        title,
        scanned: Vec::new(),
    })
}

fn info_title(doc: &Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = match info {
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        Object::Dictionary(dict) => dict,
        _ => return None,
    };
    let title = info.get(b"Title").ok()?.as_str().ok()?;
    let title = decode_pdf_string(title);
    let title = title.trim().trim_matches('\0').trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// PDF text strings are UTF-16BE with a BOM or PDFDocEncoding (close to Latin-1).
fn decode_pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    bytes.iter().map(|&b| b as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_pdf_is_refused_before_parsing() {
        assert_eq!(
            extract_pages(b"PK\x03\x04 this is a zip"),
            Err(LoadError::Binary {
                expected: "a PDF document"
            })
        );
    }

    #[test]
    fn garbage_after_header_is_corrupt() {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend((0..2000u32).map(|i| (i * 7919 % 251) as u8));
        assert!(matches!(
            extract_pages(&bytes),
            Err(LoadError::Corrupt {
                format: Format::Pdf,
                ..
            })
        ));
    }

    #[test]
    fn pdf_strings_decode_utf16_and_latin1() {
        assert_eq!(decode_pdf_string(&[0xFE, 0xFF, 0, b'G', 0, 0xFC]), "Gü");
        assert_eq!(decode_pdf_string(&[b'G', 0xFC]), "Gü");
    }
}
