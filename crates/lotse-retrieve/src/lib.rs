//! Retrieval for lotse: German keyword search over passages with tantivy, vector search
//! with Qdrant (in process by default), and rank fusion of the two.
//!
//! * [`analyzer`]: one analyzer for index and query side: case folding, ä/ae, ö/oe, ü/ue
//!   and ß/ss folded, stop words, Snowball German stems, compound splitting;
//! * [`compound`]: the compound dictionary, learned from the corpus's own vocabulary;
//! * [`keyword`]: the persistent index of passages and document records, with BM25 over
//!   text, section path and title (the latter two boosted), and a collection filter applied
//!   inside the query, never after it;
//! * [`vector_edge`]: the embedded Qdrant vector store (feature `edge`, on by default);
//! * [`conformance`]: the contract every vector store is tested against;
//! * [`synonyms`]: keyword queries also search the official word for a colloquial one;
//! * [`fusion`]: fusion of keyword and vector candidates (distribution-based score
//!   fusion by default, Reciprocal Rank Fusion as an option).
//!
//! Documents and their passages live in one tantivy index so that replacing a document is
//! one atomic commit: either the old passages or the new ones are visible, never both.

pub mod analyzer;
pub mod compound;
pub mod conformance;
pub mod fusion;
pub mod keyword;
pub mod synonyms;
#[cfg(feature = "edge")]
pub mod vector_edge;

pub use analyzer::{AnalyzerOptions, GermanAnalyzer};
pub use fusion::{
    DEFAULT_DBSF_KEYWORD_WEIGHT, DEFAULT_RRF_K, Fused, FusionMethod, FusionParams,
    distribution_score_fusion, fuse, reciprocal_rank_fusion, relative_score_fusion,
};
pub use keyword::{KeywordIndex, KeywordWriter};
#[cfg(feature = "edge")]
pub use vector_edge::EdgeVectorStore;

/// What answering needs to know about the words of an index: its analyzer, its synonym
/// groups, and whether a term occurs in a scope. Implemented by the tantivy index and by
/// the engine (whichever index it runs on).
pub trait TermLookup {
    fn analyzer(&self) -> &GermanAnalyzer;
    /// What a word with analysed terms `word_terms` is also called, by the synonym groups.
    fn synonym_alternatives(&self, word_terms: &[String]) -> Vec<Vec<String>>;
    /// Whether some passage of `scope` has the analysed term; an index that cannot be read
    /// answers `true` (nothing is claimed missing on a read error).
    fn has_term(&self, term: &str, scope: &lotse_core::Scope) -> bool;
}

impl TermLookup for KeywordIndex {
    fn analyzer(&self) -> &GermanAnalyzer {
        KeywordIndex::analyzer(self)
    }
    fn synonym_alternatives(&self, word_terms: &[String]) -> Vec<Vec<String>> {
        KeywordIndex::synonym_alternatives(self, word_terms)
    }
    fn has_term(&self, term: &str, scope: &lotse_core::Scope) -> bool {
        self.contains_term(term, scope).unwrap_or(true)
    }
}

/// Errors of the retrieval layer.
#[derive(Debug, thiserror::Error)]
pub enum RetrieveError {
    #[error(
        "the index in {0} is locked by another lotse process (an ingest or a server); wait for it to finish or stop it"
    )]
    Locked(String),
    #[error("keyword index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("reading or writing {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("the index holds a damaged record: {0}")]
    Corrupt(String),
}

pub type Result<T, E = RetrieveError> = std::result::Result<T, E>;
