//! Shared vocabulary of lotse.
//!
//! Every pipeline stage speaks in these types: a loader turns a file into a
//! [`LoadedDocument`] made of [`Block`]s, the chunker turns blocks into [`Chunk`]s
//! that remember their page(s) and heading path, and retrieval answers with
//! [`Hit`]s. The crate has no heavy dependencies so that every other crate can
//! use it without pulling in tantivy, candle or axum.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The collection a document lands in when none is named.
pub const DEFAULT_COLLECTION: &str = "allgemein";

/// Separator of the parts of a heading path ("Dienstanweisung KI › § 5 Qualifizierung").
pub const SECTION_SEPARATOR: &str = " › ";

/// File formats lotse can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Docx,
    Html,
    Markdown,
    Text,
}

impl Format {
    /// Picks the format from a file extension (case-insensitive), `None` if lotse can't read it.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Text => "text",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a block of a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    /// A heading; level 1 is the top level of the document body.
    Heading {
        level: u8,
    },
    Paragraph,
    ListItem,
    /// One row of a table, cells joined with " | ".
    TableRow,
}

/// A unit of document structure as a loader found it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// 1-based page number where the format has pages.
    pub page: Option<u32>,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>, page: Option<u32>) -> Block {
        Block {
            kind,
            text: text.into(),
            page,
        }
    }

    pub fn heading(level: u8, text: impl Into<String>, page: Option<u32>) -> Block {
        Block::new(BlockKind::Heading { level }, text, page)
    }

    pub fn paragraph(text: impl Into<String>, page: Option<u32>) -> Block {
        Block::new(BlockKind::Paragraph, text, page)
    }

    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading { .. })
    }
}

/// A document after loading and normalisation, before chunking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadedDocument {
    pub format: Format,
    /// Title from the file's own metadata (PDF Info, DOCX core properties, HTML `<title>`).
    pub metadata_title: Option<String>,
    pub blocks: Vec<Block>,
    /// Number of pages for paged formats.
    pub page_count: Option<u32>,
}

impl LoadedDocument {
    /// All text of the document, blocks separated by blank lines.
    pub fn full_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&block.text);
        }
        out
    }

    pub fn word_count(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| b.text.split_whitespace().count())
            .sum()
    }
}

/// Metadata of an indexed document, as `lotse list` and the API show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentMeta {
    /// Stable id derived from the collection and the file's content hash.
    pub id: String,
    /// Path as given at ingest time.
    pub source: String,
    pub title: String,
    pub collection: String,
    pub format: Format,
    /// sha256 of the file bytes, hex.
    pub content_sha256: String,
    /// RFC 3339 time of ingest.
    pub ingested_at: String,
    /// The "Stand" / date line the text states, if any (e.g. "Stand: 01.03.2025").
    pub stand: Option<String>,
    pub pages: Option<u32>,
    pub chunks: u32,
    pub bytes: u64,
}

/// A retrievable passage of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chunk {
    /// `<document id>-<ordinal>`.
    pub id: String,
    pub document_id: String,
    pub ordinal: u32,
    /// Heading path, parts joined with [`SECTION_SEPARATOR`].
    pub section: String,
    pub text: String,
    /// First page of the passage (1-based), if the format has pages.
    pub page: Option<u32>,
    /// Last page of the passage, if it runs over a page break.
    pub page_end: Option<u32>,
}

/// One search result, the stable `lotse search --json` contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub chunk_id: String,
    pub document_id: String,
    pub source: String,
    pub title: String,
    pub collection: String,
    pub page: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_end: Option<u32>,
    pub section: String,
    pub text: String,
    pub score: f32,
}

/// Why a collection name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid collection name {name:?}: use 1-64 characters a-z, 0-9, '-' or '_', starting with a letter or digit"
)]
pub struct InvalidCollection {
    pub name: String,
}

/// Validates a collection name; names are lowercase so that "Personal" and "personal" are one collection.
pub fn validate_collection(name: &str) -> Result<String, InvalidCollection> {
    let lowered = name.trim().to_lowercase();
    let ok = !lowered.is_empty()
        && lowered.len() <= 64
        && lowered
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && lowered
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok {
        Ok(lowered)
    } else {
        Err(InvalidCollection {
            name: name.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_names_are_checked_and_lowercased() {
        assert_eq!(validate_collection("Personal").unwrap(), "personal");
        assert_eq!(
            validate_collection("fb-32_ordnung").unwrap(),
            "fb-32_ordnung"
        );
        assert!(validate_collection("").is_err());
        assert!(validate_collection("../etc").is_err());
        assert!(validate_collection("Bürgerbüro").is_err());
        assert!(validate_collection("-x").is_err());
    }

    #[test]
    fn formats_from_extensions() {
        assert_eq!(Format::from_extension("PDF"), Some(Format::Pdf));
        assert_eq!(Format::from_extension("htm"), Some(Format::Html));
        assert_eq!(Format::from_extension("exe"), None);
    }
}
