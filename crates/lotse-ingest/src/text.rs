//! Plain text: encoding detection and the loader for `.txt` files.

use crate::{LoadError, structure};
use lotse_core::{Format, LoadedDocument};

/// Decodes file bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, otherwise
/// Windows-1252, the superset of Latin-1 that German office PCs have written for decades.
/// Refuses data that is clearly binary.
pub fn decode(bytes: &[u8], expected: &'static str) -> Result<String, LoadError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return Ok(String::from_utf8_lossy(rest).into_owned());
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes); // BOM sniffing picks LE/BE
        return Ok(text.into_owned());
    }
    if looks_binary(bytes) {
        return Err(LoadError::Binary { expected });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok(text.into_owned())
        }
    }
}

/// Binary if it has NUL bytes or more than 10% control characters other than whitespace.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 10 > sample.len()
}

/// Plain text: paragraphs at blank lines, headings recognised by their form.
pub fn load_text(text: &str) -> LoadedDocument {
    // A form feed is how text exports mark page breaks; keep them as pages.
    let pages: Vec<String> = text.split('\u{0C}').map(str::to_string).collect();
    let paged = pages.len() > 1;
    let blocks = structure::blocks_from_pages(&pages);
    let blocks = if paged {
        blocks
    } else {
        blocks
            .into_iter()
            .map(|mut b| {
                b.page = None;
                b
            })
            .collect()
    };
    LoadedDocument {
        format: Format::Text,
        metadata_title: None,
        blocks,
        page_count: paged.then_some(pages.len() as u32),
        scanned_pages: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_windows_1252() {
        let bytes = b"Stra\xdfe, \xc4mter und B\xfcros \x96 gr\xfc\xdfe";
        assert_eq!(
            decode(bytes, "text").unwrap(),
            "Straße, Ämter und Büros – grüße"
        );
    }

    #[test]
    fn decodes_utf8_with_bom() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("Größe".as_bytes());
        assert_eq!(decode(&bytes, "text").unwrap(), "Größe");
    }

    #[test]
    fn refuses_binary() {
        let bytes = [0x50, 0x4B, 0x03, 0x04, 0, 0, 1, 2, 3];
        assert_eq!(
            decode(&bytes, "plain text"),
            Err(LoadError::Binary {
                expected: "plain text"
            })
        );
    }
}
