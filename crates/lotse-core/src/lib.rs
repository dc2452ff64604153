//! Shared vocabulary of lotse.
//!
//! Every pipeline stage speaks in these types: a loader turns a file into a
//! [`LoadedDocument`] made of [`Block`]s, the chunker turns blocks into [`Chunk`]s
//! that remember their page(s) and heading path, and retrieval answers with
//! [`Hit`]s. The crate has no heavy dependencies so that every other crate can
//! use it without pulling in tantivy, candle or axum.

pub mod generate;

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
    /// A scanned page as an image (PNG, JPEG, TIFF): read by OCR.
    Image,
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
            "png" | "jpg" | "jpeg" | "tif" | "tiff" => Some(Format::Image),
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
            Format::Image => "image",
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
    /// Pages whose text was recognised from an image (OCR), with the recogniser's
    /// confidence; empty for text born digital.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scanned_pages: Vec<ScannedPage>,
}

/// A page read by OCR.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScannedPage {
    /// 1-based page number.
    pub page: u32,
    /// Mean word confidence of the recogniser, 0–100.
    pub confidence: f32,
}

impl LoadedDocument {
    /// The lowest OCR confidence of the pages `first..=last`, `None` when none of them was
    /// scanned: what a passage on those pages is marked with.
    pub fn scan_confidence(&self, first: Option<u32>, last: Option<u32>) -> Option<f32> {
        let first = first?;
        let last = last.unwrap_or(first);
        self.scanned_pages
            .iter()
            .filter(|s| (first..=last).contains(&s.page))
            .map(|s| s.confidence)
            .reduce(f32::min)
    }
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
    /// The embedding model the passages' vectors were made with; `None`: keyword only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_model: Option<String>,
    /// Passages with sentences that read as instructions to the assistant (kept out of
    /// answers; see [`Hit::planted`]).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub flagged_passages: u32,
    /// Pages whose text was recognised from a scan (OCR).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub scanned_pages: u32,
    /// What the document says (or its uploader said) about when it is valid and what it
    /// replaces.
    #[serde(default, skip_serializing_if = "DocumentValidity::is_empty")]
    pub validity: DocumentValidity,
    /// Binding rule or guidance, where the title or the uploader says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DocumentKind>,
    /// The newer document that replaces this one ("ersetzt durch …"): worked out from all
    /// records whenever documents are listed, never stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A document's statements about its validity; dates are ISO (`2025-03-01`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentValidity {
    /// The day it takes effect ("gültig ab", "tritt am … in Kraft", `--valid-from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// What it says it replaces, as written after "ersetzt".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    /// What it says replaced it, as written after "aufgehoben durch" / "ersetzt durch".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repealed_by: Option<String>,
    /// Ids of documents it supersedes, as the uploader named them (`--supersedes ID`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supersedes: Vec<String>,
}

impl DocumentValidity {
    pub fn is_empty(&self) -> bool {
        *self == DocumentValidity::default()
    }
}

/// What kind of text a document is: rules that bind, or guidance that explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Gesetz,
    Satzung,
    Dienstanweisung,
    Dienstvereinbarung,
    Leitfaden,
    Faq,
    Praesentation,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 7] = [
        DocumentKind::Gesetz,
        DocumentKind::Satzung,
        DocumentKind::Dienstanweisung,
        DocumentKind::Dienstvereinbarung,
        DocumentKind::Leitfaden,
        DocumentKind::Faq,
        DocumentKind::Praesentation,
    ];

    /// Laws, statutes, directives and agreements bind; guides, FAQs and slides explain.
    pub fn is_binding(self) -> bool {
        matches!(
            self,
            DocumentKind::Gesetz
                | DocumentKind::Satzung
                | DocumentKind::Dienstanweisung
                | DocumentKind::Dienstvereinbarung
        )
    }

    /// The German name, as citations show it.
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Gesetz => "Gesetz",
            DocumentKind::Satzung => "Satzung",
            DocumentKind::Dienstanweisung => "Dienstanweisung",
            DocumentKind::Dienstvereinbarung => "Dienstvereinbarung",
            DocumentKind::Leitfaden => "Leitfaden",
            DocumentKind::Faq => "FAQ",
            DocumentKind::Praesentation => "Präsentation",
        }
    }

    /// The name in the API and on the command line (`dienstanweisung`, `faq`, …).
    pub fn key(self) -> &'static str {
        match self {
            DocumentKind::Gesetz => "gesetz",
            DocumentKind::Satzung => "satzung",
            DocumentKind::Dienstanweisung => "dienstanweisung",
            DocumentKind::Dienstvereinbarung => "dienstvereinbarung",
            DocumentKind::Leitfaden => "leitfaden",
            DocumentKind::Faq => "faq",
            DocumentKind::Praesentation => "praesentation",
        }
    }

    /// Reads a kind as a user types it (`satzung`, "Dienstanweisung", "FAQ", "Präsentation").
    pub fn parse(s: &str) -> Option<DocumentKind> {
        let lower = s.trim().to_lowercase();
        DocumentKind::ALL
            .into_iter()
            .find(|k| k.key() == lower || k.label().to_lowercase() == lower)
    }
}

/// Sorts document records as lists show them: by collection, title, source.
pub fn sort_documents(docs: &mut [DocumentMeta]) {
    docs.sort_by(|a, b| {
        (a.collection.as_str(), a.title.as_str(), a.source.as_str()).cmp(&(
            b.collection.as_str(),
            b.title.as_str(),
            b.source.as_str(),
        ))
    });
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
    /// OCR confidence (0–100) where the passage's text was recognised from a scan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scan_confidence: Option<f32>,
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
    /// BM25 score in keyword mode, cosine similarity in vector mode, fused RRF score in
    /// hybrid mode.
    pub score: f32,
    /// 1-based ranks in the keyword and vector candidate lists (hybrid and vector modes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranks: Option<Ranks>,
    /// The BM25 score, when the passage was among the keyword candidates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyword_score: Option<f32>,
    /// The cosine similarity, when the passage was among the vector candidates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vector_score: Option<f32>,
    /// Which part of the passage matched the question best in vector search: 0 the whole
    /// passage, n ≥ 1 its n-th sentence group (`lotse_ingest::chunk::sentence_groups`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vector_part: Option<u32>,
    /// Sentences of the passage that read as instructions to the assistant (planted
    /// instructions, `lotse_ingest::instructions`): searchable, but never quoted or put in
    /// a prompt.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub planted: Vec<PlantedInstruction>,
    /// OCR confidence (0–100) where the passage's text was recognised from a scan: the
    /// citation says so ("Text aus Scan erkannt").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scan_confidence: Option<f32>,
    /// The document's kind (Dienstanweisung, Leitfaden, …), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DocumentKind>,
    /// The newer document that replaces this passage's document; such hits come only when
    /// superseded documents are asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
    /// The document's date: the day it takes effect, else its "Stand" (ISO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dated: Option<String>,
    /// The day the document takes effect, where that is still to come (ISO): answers from
    /// it say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_from: Option<String>,
}

/// A sentence of a passage that addresses the assistant instead of the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlantedInstruction {
    pub text: String,
    /// Why it was flagged, in German.
    pub reason: String,
    /// Byte range of the sentence (with its payload) in [`Hit::text`], so that the answer
    /// layer cuts out exactly what the search flagged instead of detecting again.
    #[serde(default)]
    pub start: usize,
    #[serde(default)]
    pub end: usize,
}

/// Where a passage stood in each retriever's candidate list; `None`: not a candidate there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranks {
    pub keyword: Option<u32>,
    pub vector: Option<u32>,
}

/// Why embedding failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmbedError {
    #[error("embedding model: {0}")]
    Model(String),
    #[error("the embedding worker has stopped")]
    WorkerGone,
}

/// Turns texts into L2-normalised vectors of a fixed dimension.
///
/// Implementations run the model off the async runtime (on their own thread) and may block
/// the caller; call them from a blocking context.
pub trait Embedder: Send + Sync {
    /// Identifies model and settings; vectors of different ids must not be mixed in one index.
    fn model_id(&self) -> &str;
    fn dimension(&self) -> usize;
    /// Passages to be indexed (e5 models prefix them with "passage: ").
    fn embed_passages(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError>;
    /// A search query (e5 models prefix it with "query: ").
    fn embed_query(&self, text: &str) -> Result<Vec<f32>, EmbedError>;
}

/// A passage's vector with what the store needs to filter and delete.
#[derive(Debug, Clone, PartialEq)]
pub struct VectorPoint {
    pub chunk_id: String,
    /// 0: the whole passage; 1, 2, …: its sentence groups, embedded on their own so that a
    /// question about one fact finds it inside a longer passage. A search returns each
    /// passage once, with the best score of its parts.
    pub part: u32,
    pub document_id: String,
    pub collection: String,
    pub vector: Vec<f32>,
}

/// One nearest neighbour: the passage and its cosine similarity.
#[derive(Debug, Clone, PartialEq)]
pub struct VectorHit {
    pub chunk_id: String,
    pub score: f32,
    /// The passage's part that scored best (see [`VectorPoint::part`]).
    pub part: u32,
}

/// Why the vector store failed.
#[derive(Debug, thiserror::Error)]
pub enum VectorError {
    #[error("vector store: {0}")]
    Store(String),
    #[error("vector has dimension {got}, the store holds {expected}")]
    Dimension { expected: usize, got: usize },
}

/// Nearest-neighbour search over passage vectors, filtered by collection inside the search.
/// Backends: Qdrant in process (default), a Qdrant server or cluster.
pub trait VectorStore: Send + Sync {
    fn upsert(&self, points: &[VectorPoint]) -> Result<(), VectorError>;
    fn delete_document(&self, document_id: &str) -> Result<(), VectorError>;
    /// The `top_k` nearest passages of the collections in `scope`; the scope is a filter
    /// of the search itself. An empty scope finds nothing.
    fn search(
        &self,
        vector: &[f32],
        scope: &Scope,
        top_k: usize,
    ) -> Result<Vec<VectorHit>, VectorError>;
    fn count(&self) -> Result<usize, VectorError>;
    /// Makes the changes so far durable.
    fn flush(&self) -> Result<(), VectorError>;
    /// Background maintenance after large changes (index building); optional.
    fn optimize(&self) -> Result<(), VectorError> {
        Ok(())
    }
    /// The stored points of one document with their vectors, for moving an index to
    /// another store without embedding it again; optional.
    fn points_of(&self, _document_id: &str) -> Result<Vec<VectorPoint>, VectorError> {
        Err(VectorError::Store(
            "this vector store cannot list its points".into(),
        ))
    }
}

/// Deterministic stand-in for a real embedding model, for tests: a bag of hashed word
/// trigrams, L2-normalised. Texts sharing words get similar vectors; nothing more.
#[derive(Debug, Clone)]
pub struct HashEmbedder {
    dimension: usize,
}

impl HashEmbedder {
    pub fn new(dimension: usize) -> HashEmbedder {
        HashEmbedder { dimension }
    }

    fn embed(&self, text: &str) -> Vec<f32> {
        let mut v = vec![0f32; self.dimension];
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let word = word.to_lowercase();
            let chars: Vec<char> = format!("#{word}#").chars().collect();
            for gram in chars.windows(3) {
                // FNV-1a
                let mut h: u64 = 0xcbf29ce484222325;
                for c in gram {
                    h ^= u64::from(*c);
                    h = h.wrapping_mul(0x100000001b3);
                }
                v[(h % self.dimension as u64) as usize] += 1.0;
            }
        }
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| *x /= norm);
        }
        v
    }
}

impl Embedder for HashEmbedder {
    fn model_id(&self) -> &str {
        "hash-trigram"
    }

    fn dimension(&self) -> usize {
        self.dimension
    }

    fn embed_passages(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        Ok(texts.iter().map(|t| self.embed(t)).collect())
    }

    fn embed_query(&self, text: &str) -> Result<Vec<f32>, EmbedError> {
        Ok(self.embed(text))
    }
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

/// The collections a search, a document list or a file download may see.
///
/// Permissions enter retrieval through this type: the keyword query and the vector filter
/// are built from it, so a passage outside the scope is never scored, let alone filtered
/// out afterwards. `Only` with an empty set sees nothing (not everything).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    /// Every collection: admins, and the single user of `--auth none`.
    #[default]
    All,
    Only(std::collections::BTreeSet<String>),
}

impl Scope {
    /// A scope of the named collections (validated names are expected).
    pub fn only<I, S>(collections: I) -> Scope
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Scope::Only(collections.into_iter().map(Into::into).collect())
    }

    /// The scope a request asked for: all collections if none is named.
    pub fn requested(collections: &[String]) -> Scope {
        if collections.is_empty() {
            Scope::All
        } else {
            Scope::only(collections.iter().cloned())
        }
    }

    pub fn allows(&self, collection: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Only(set) => set.contains(collection),
        }
    }

    /// Sees no collection at all.
    pub fn is_empty(&self) -> bool {
        matches!(self, Scope::Only(set) if set.is_empty())
    }

    /// The part of `requested` this scope may see; `self` when nothing is requested.
    /// Collections outside the scope are dropped silently, exactly as collections that
    /// don't exist: a caller can't tell the two apart.
    pub fn narrow(&self, requested: &[String]) -> Scope {
        if requested.is_empty() {
            return self.clone();
        }
        Scope::only(requested.iter().filter(|c| self.allows(c)).cloned())
    }

    /// The named collections, `None` for [`Scope::All`].
    pub fn collections(&self) -> Option<&std::collections::BTreeSet<String>> {
        match self {
            Scope::All => None,
            Scope::Only(set) => Some(set),
        }
    }
}

/// Where a model runs (embeddings, generation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Device {
    #[default]
    Cpu,
    /// A CUDA GPU by ordinal; needs the `cuda` feature.
    Cuda(usize),
    /// The Metal GPU; needs the `metal` feature.
    Metal,
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
    fn a_scope_narrows_to_what_it_allows_and_an_empty_one_sees_nothing() {
        let bauamt = Scope::only(["bauamt", "allgemein"]);
        assert_eq!(bauamt.narrow(&[]), bauamt);
        assert_eq!(
            bauamt.narrow(&["personal".into(), "bauamt".into()]),
            Scope::only(["bauamt"])
        );
        let nothing = bauamt.narrow(&["personal".into()]);
        assert!(nothing.is_empty() && !nothing.allows("personal"));
        assert!(!Scope::All.is_empty() && Scope::All.allows("personal"));
        assert_eq!(Scope::requested(&[]), Scope::All);
        assert_eq!(
            Scope::All.narrow(&["personal".into()]),
            Scope::only(["personal"])
        );
    }

    #[test]
    fn hash_embedder_is_deterministic_normalised_and_similarity_preserving() {
        let e = HashEmbedder::new(256);
        let a = e.embed_query("Reisekosten abrechnen").unwrap();
        let b = e
            .embed_passages(&["Die Reisekosten werden abgerechnet"])
            .unwrap()
            .remove(0);
        let c = e.embed_query("Passwort ändern").unwrap();
        let dot = |x: &[f32], y: &[f32]| x.iter().zip(y).map(|(a, b)| a * b).sum::<f32>();
        assert!((dot(&a, &a) - 1.0).abs() < 1e-5);
        assert!(dot(&a, &b) > dot(&a, &c));
        assert_eq!(a, e.embed_query("Reisekosten abrechnen").unwrap());
    }

    #[test]
    fn formats_from_extensions() {
        assert_eq!(Format::from_extension("PDF"), Some(Format::Pdf));
        assert_eq!(Format::from_extension("htm"), Some(Format::Html));
        assert_eq!(Format::from_extension("exe"), None);
    }
}
