//! The wiring of lotse: files in, passages searchable, documents listed and removed.
//!
//! [`Engine`] owns the data directory. Ingest walks files and folders, loads each file
//! (PDFs isolated, see [`pdf_isolation`]), chunks it, and replaces the file's previous
//! version in one commit, so an interrupted ingest leaves the index as of the last commit
//! and never with a document half replaced. Identity: a document is the file at a source
//! path in a collection; its id is derived from the collection and the content hash, so an
//! unchanged file is recognised and skipped.

pub mod pdf_isolation;

pub use lotse_core::Scope;
use lotse_core::{
    Chunk, DocumentMeta, EmbedError, Embedder, Format, Hit, LoadedDocument, Ranks, VectorError,
    VectorHit, VectorPoint, VectorStore,
};
use lotse_ingest::{ChunkOptions, LoadError, chunk_document, meta};
use lotse_retrieve::{
    AnalyzerOptions, EdgeVectorStore, FusionParams, KeywordIndex, RetrieveError, fuse,
};
use pdf_isolation::{PdfFailure, PdfIsolation};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Largest file lotse will read.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

/// Commit at least this often during long ingests, so an interruption loses little.
const COMMIT_EVERY_FILES: usize = 200;
const COMMIT_EVERY: Duration = Duration::from_secs(30);
/// Texts handed to the embedder at once: enough to keep all its workers busy.
const EMBED_SLICE: usize = 64;
/// Candidates per list before fusion.
pub const DEFAULT_CANDIDATES: usize = 50;

/// Synonym groups of the administration in the data directory (format: `lotse_retrieve::synonyms`).
pub const SYNONYMS_FILE: &str = "synonyms.txt";

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Retrieve(#[from] RetrieveError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    InvalidCollection(#[from] lotse_core::InvalidCollection),
    #[error("no document with id or source {0:?}")]
    NotFound(String),
    #[error(transparent)]
    Vector(#[from] VectorError),
    #[error(transparent)]
    Embed(#[from] EmbedError),
    #[error(
        "{mode} search needs an embedding model, and none is loaded; run `lotse models fetch` (or use --mode keyword)"
    )]
    NoEmbedder { mode: &'static str },
    #[error(
        "the vectors in {dir} were made with {stored}, but the configured model is {configured}; use the same model, or delete {dir} and ingest again"
    )]
    ModelMismatch {
        dir: String,
        stored: String,
        configured: String,
    },
}

pub type Result<T, E = EngineError> = std::result::Result<T, E>;

#[derive(Clone)]
pub struct EngineConfig {
    pub data_dir: PathBuf,
    pub pdf: PdfIsolation,
    pub chunking: ChunkOptions,
    pub analyzer: AnalyzerOptions,
    /// The embedding model; `None` means keyword search only.
    pub embedder: Option<Arc<dyn Embedder>>,
    /// How hybrid mode fuses the two candidate lists: method, weights, k of RRF.
    pub fusion: FusionParams,
    /// Candidates taken from each retriever before fusion.
    pub candidates: usize,
    /// Also embed each passage's sentence groups (see `embedding_units`).
    pub passage_parts: bool,
}

impl std::fmt::Debug for EngineConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EngineConfig")
            .field("data_dir", &self.data_dir)
            .field("pdf", &self.pdf)
            .field("chunking", &self.chunking)
            .field("analyzer", &self.analyzer)
            .field(
                "embedder",
                &self.embedder.as_ref().map(|e| e.model_id().to_string()),
            )
            .field("fusion", &self.fusion)
            .field("candidates", &self.candidates)
            .finish()
    }
}

/// Which retriever(s) answer a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchMode {
    Keyword,
    Vector,
    Hybrid,
}

impl SearchMode {
    pub fn as_str(self) -> &'static str {
        match self {
            SearchMode::Keyword => "keyword",
            SearchMode::Vector => "vector",
            SearchMode::Hybrid => "hybrid",
        }
    }
}

impl std::str::FromStr for SearchMode {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "keyword" | "bm25" => Ok(SearchMode::Keyword),
            "vector" | "semantic" => Ok(SearchMode::Vector),
            "hybrid" => Ok(SearchMode::Hybrid),
            other => Err(format!(
                "unknown search mode {other:?}: use hybrid, keyword (bm25) or vector"
            )),
        }
    }
}

/// A search with everything that happened on the way, for explanations and demos.
#[derive(Debug, Clone, Serialize)]
pub struct SearchOutcome {
    pub mode: SearchMode,
    pub hits: Vec<Hit>,
    /// The keyword candidates (BM25), best first.
    pub keyword: Vec<Hit>,
    /// The vector candidates (chunk id, cosine), best first.
    pub vector: Vec<(String, f32)>,
    pub timings_ms: SearchTimings,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct SearchTimings {
    pub embedding: f64,
    pub keyword: f64,
    pub vector: f64,
    pub fusion: f64,
    pub total: f64,
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

impl EngineConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> EngineConfig {
        EngineConfig {
            data_dir: data_dir.into(),
            pdf: PdfIsolation::default(),
            chunking: ChunkOptions::default(),
            analyzer: AnalyzerOptions::default(),
            embedder: None,
            fusion: FusionParams::default(),
            candidates: DEFAULT_CANDIDATES,
            passage_parts: true,
        }
    }
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FileOutcome {
    Added {
        document_id: String,
        chunks: usize,
        pages: Option<u32>,
    },
    Replaced {
        document_id: String,
        replaced_id: String,
        chunks: usize,
        pages: Option<u32>,
    },
    Unchanged {
        document_id: String,
    },
    /// The same content is already indexed in this collection under another path.
    Duplicate {
        document_id: String,
        of: String,
    },
    /// Not tried: found while walking a folder, but not a format lotse reads.
    Skipped {
        reason: String,
    },
    Failed {
        code: String,
        reason: String,
    },
}

impl FileOutcome {
    fn failed(code: &str, reason: impl Into<String>) -> FileOutcome {
        FileOutcome::Failed {
            code: code.into(),
            reason: reason.into(),
        }
    }

    fn from_load_error(e: &LoadError) -> FileOutcome {
        FileOutcome::failed(e.code(), e.to_string())
    }

    pub fn is_failure(&self) -> bool {
        matches!(self, FileOutcome::Failed { .. })
    }

    /// Counts as a document that is in the index now.
    pub fn is_indexed(&self) -> bool {
        matches!(
            self,
            FileOutcome::Added { .. }
                | FileOutcome::Replaced { .. }
                | FileOutcome::Unchanged { .. }
                | FileOutcome::Duplicate { .. }
        )
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    #[serde(flatten)]
    pub outcome: FileOutcome,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestReport {
    pub files: Vec<FileReport>,
    /// Pages of all PDFs read (for throughput figures).
    pub pages: u64,
}

impl IngestReport {
    pub fn failures(&self) -> impl Iterator<Item = &FileReport> {
        self.files.iter().filter(|f| f.outcome.is_failure())
    }

    pub fn chunks_written(&self) -> usize {
        self.files
            .iter()
            .map(|f| match f.outcome {
                FileOutcome::Added { chunks, .. } | FileOutcome::Replaced { chunks, .. } => chunks,
                _ => 0,
            })
            .sum()
    }

    pub fn count(&self, pred: impl Fn(&FileOutcome) -> bool) -> usize {
        self.files.iter().filter(|f| pred(&f.outcome)).count()
    }
}

/// Progress callbacks of an ingest.
pub trait IngestObserver {
    fn started(&mut self, _files: usize) {}
    fn file_done(&mut self, _report: &FileReport) {}
    /// `done` of `total` texts (passages and their parts) of the file at hand are embedded.
    fn embedding(&mut self, _file: &str, _done: usize, _total: usize) {}
}

/// An observer that does nothing.
#[derive(Debug, Default)]
pub struct Quiet;
impl IngestObserver for Quiet {}

/// A file to ingest and its source path as shown and stored.
#[derive(Debug, Clone)]
struct Candidate {
    path: PathBuf,
    display: String,
}

pub struct Engine {
    config: EngineConfig,
    keyword: KeywordIndex,
    /// The vectors; open even without an embedder once they exist, so that removing or
    /// replacing a document never leaves its vectors behind.
    vectors: Option<Box<dyn VectorStore>>,
    /// The embedding model; `Some` implies `vectors`.
    embedder: Option<Arc<dyn Embedder>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// What the vector folder was made with, to refuse mixing models.
#[derive(Debug, Serialize, serde::Deserialize, PartialEq)]
struct VectorsInfo {
    model_id: String,
    dimension: usize,
}

/// Opens the vector store. With an embedder, checks (or records) that the stored vectors
/// were made by the same model; without one, opens existing vectors only (for deletes).
fn open_vectors(
    data_dir: &Path,
    embedder: Option<&Arc<dyn Embedder>>,
) -> Result<Option<Box<dyn VectorStore>>> {
    let dir = data_dir.join("vectors");
    let info_path = dir.join("model.json");
    let io = |source| EngineError::Io {
        path: info_path.display().to_string(),
        source,
    };
    let stored: Option<VectorsInfo> = match std::fs::read_to_string(&info_path) {
        Ok(text) => Some(
            serde_json::from_str(&text).map_err(|e| io(std::io::Error::other(e.to_string())))?,
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io(e)),
    };
    let info = match (embedder, stored) {
        (None, None) => return Ok(None),
        (None, Some(stored)) => stored,
        (Some(embedder), stored) => {
            let wanted = VectorsInfo {
                model_id: embedder.model_id().to_string(),
                dimension: embedder.dimension(),
            };
            match stored {
                Some(stored) if stored != wanted => {
                    return Err(EngineError::ModelMismatch {
                        dir: dir.display().to_string(),
                        stored: format!("{} ({} dims)", stored.model_id, stored.dimension),
                        configured: format!("{} ({} dims)", wanted.model_id, wanted.dimension),
                    });
                }
                Some(_) => {}
                None => {
                    std::fs::create_dir_all(&dir).map_err(io)?;
                    let json = serde_json::to_string_pretty(&wanted)
                        .map_err(|e| io(std::io::Error::other(e)))?;
                    std::fs::write(&info_path, json).map_err(io)?;
                }
            }
            wanted
        }
    };
    let store = EdgeVectorStore::open(&dir.join("qdrant"), info.dimension)?;
    Ok(Some(Box::new(store)))
}

/// One text to embed: a whole passage (part 0) or one of its sentence groups.
#[derive(Debug, Clone, PartialEq)]
struct EmbeddingUnit {
    chunk: usize,
    part: u32,
    text: String,
}

/// What gets embedded for `chunks`: every passage with its heading path (which gives short
/// passages their context) and, with `parts`, its sentence groups
/// (`lotse_ingest::chunk::sentence_groups`), each led by the passage's own heading. A small embedding model condenses a
/// 300-word passage into one vector in which a single fact ("Protokolle werden 90 Tage
/// gespeichert") is easily drowned out; the part that states it matches a question about it
/// more closely. Costs about twice the embedding work of passages alone.
fn embedding_units(chunks: &[Chunk], parts: bool) -> Vec<EmbeddingUnit> {
    let mut units = Vec::new();
    for (i, chunk) in chunks.iter().enumerate() {
        units.push(EmbeddingUnit {
            chunk: i,
            part: 0,
            text: format!("{}\n{}", chunk.section, chunk.text),
        });
        if !parts {
            continue;
        }
        let heading = chunk
            .section
            .rsplit(lotse_core::SECTION_SEPARATOR)
            .next()
            .unwrap_or_default();
        let groups = lotse_ingest::chunk::sentence_groups(&chunk.text);
        if groups.len() < 2 {
            continue; // the passage itself is the one part
        }
        for (p, group) in groups.into_iter().enumerate() {
            units.push(EmbeddingUnit {
                chunk: i,
                part: p as u32 + 1,
                text: format!("{heading}\n{group}"),
            });
        }
    }
    units
}

/// A document ready to be written.
struct Prepared {
    meta: DocumentMeta,
    chunks: Vec<Chunk>,
}

impl Engine {
    pub fn open(config: EngineConfig) -> Result<Engine> {
        let mut keyword = KeywordIndex::open(&config.data_dir.join("keyword"), config.analyzer)?;
        // the administration's own synonym groups, next to the built-in ones
        let synonyms = config.data_dir.join(SYNONYMS_FILE);
        match std::fs::read_to_string(&synonyms) {
            Ok(text) => keyword.add_synonyms(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(EngineError::Io {
                    path: synonyms.display().to_string(),
                    source,
                });
            }
        }
        let vectors = open_vectors(&config.data_dir, config.embedder.as_ref())?;
        let embedder = config.embedder.clone();
        Ok(Engine {
            config,
            keyword,
            vectors,
            embedder,
        })
    }

    /// Whether vector and hybrid search are available.
    pub fn has_vectors(&self) -> bool {
        self.embedder.is_some() && self.vectors.is_some()
    }

    /// The default mode: hybrid with a model, keyword without.
    pub fn default_mode(&self) -> SearchMode {
        if self.has_vectors() {
            SearchMode::Hybrid
        } else {
            SearchMode::Keyword
        }
    }

    /// Searches the collections in `scope` in `mode` and explains how the result came
    /// about. The scope is a filter inside both engines' searches.
    pub fn search_explained(
        &self,
        query: &str,
        scope: &Scope,
        top_k: usize,
        mode: SearchMode,
    ) -> Result<SearchOutcome> {
        let started = Instant::now();
        let mut timings = SearchTimings::default();
        let depth = if mode == SearchMode::Hybrid {
            self.config.candidates.max(top_k)
        } else {
            top_k
        };
        let mut keyword = Vec::new();
        if mode != SearchMode::Vector {
            let t = Instant::now();
            keyword = self.keyword.search(query, scope, depth)?;
            timings.keyword = ms(t);
        }
        let mut vector: Vec<VectorHit> = Vec::new();
        if mode != SearchMode::Keyword {
            let (Some(embedder), Some(store)) = (&self.embedder, &self.vectors) else {
                return Err(EngineError::NoEmbedder {
                    mode: mode.as_str(),
                });
            };
            let t = Instant::now();
            let query_vector = embedder.embed_query(query)?;
            timings.embedding = ms(t);
            let t = Instant::now();
            vector = store.search(&query_vector, scope, depth)?;
            timings.vector = ms(t);
        }

        let t = Instant::now();
        let keyword_list: Vec<(String, f32)> = keyword
            .iter()
            .map(|h| (h.chunk_id.clone(), h.score))
            .collect();
        let vector_list: Vec<(String, f32)> = vector
            .iter()
            .map(|h| (h.chunk_id.clone(), h.score))
            .collect();
        // single modes go through the fusion too, so that ranks are filled in the same way
        let fused = match mode {
            SearchMode::Keyword => fuse(&keyword_list, &[], self.config.fusion),
            SearchMode::Vector => fuse(&[], &vector_list, self.config.fusion),
            SearchMode::Hybrid => fuse(&keyword_list, &vector_list, self.config.fusion),
        };
        let mut known: HashMap<String, Hit> = keyword
            .iter()
            .map(|h| (h.chunk_id.clone(), h.clone()))
            .collect();
        let missing: Vec<String> = fused
            .iter()
            .take(top_k)
            .filter(|f| !known.contains_key(&f.chunk_id))
            .map(|f| f.chunk_id.clone())
            .collect();
        for hit in self.keyword.hits_by_chunk_ids(&missing)? {
            known.insert(hit.chunk_id.clone(), hit);
        }
        let vector_scores: HashMap<&str, (f32, u32)> = vector
            .iter()
            .map(|h| (h.chunk_id.as_str(), (h.score, h.part)))
            .collect();
        let hits: Vec<Hit> = fused
            .iter()
            // vectors of passages no longer in the keyword index (an interrupted ingest) are skipped
            .filter_map(|f| {
                let mut hit = known.get(&f.chunk_id)?.clone();
                hit.keyword_score = f.keyword_rank.map(|_| hit.score);
                let matched = vector_scores.get(f.chunk_id.as_str()).copied();
                hit.vector_score = matched.map(|m| m.0);
                hit.vector_part = matched.map(|m| m.1);
                hit.score = match mode {
                    SearchMode::Keyword => hit.keyword_score.unwrap_or(0.0),
                    SearchMode::Vector => hit.vector_score.unwrap_or(0.0),
                    SearchMode::Hybrid => f.score,
                };
                hit.ranks = Some(Ranks {
                    keyword: f.keyword_rank,
                    vector: f.vector_rank,
                });
                Some(hit)
            })
            .take(top_k)
            .collect();
        timings.fusion = ms(t);
        timings.total = ms(started);
        Ok(SearchOutcome {
            mode,
            hits,
            keyword,
            vector: vector.into_iter().map(|h| (h.chunk_id, h.score)).collect(),
            timings_ms: timings,
        })
    }

    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    pub fn keyword_index(&self) -> &KeywordIndex {
        &self.keyword
    }

    /// Searches in `mode`; see [`Engine::search_explained`] for the candidates and timings.
    pub fn search(
        &self,
        query: &str,
        scope: &Scope,
        top_k: usize,
        mode: SearchMode,
    ) -> Result<Vec<Hit>> {
        Ok(self.search_explained(query, scope, top_k, mode)?.hits)
    }

    /// The documents of the collections in `scope`.
    pub fn documents(&self, scope: &Scope) -> Result<Vec<DocumentMeta>> {
        Ok(self.keyword.documents(scope)?)
    }

    /// Removes the documents of `scope` whose id or source path is `id_or_source`; returns
    /// them. Documents outside the scope are "not found", like ones that don't exist.
    pub fn remove(&self, id_or_source: &str, scope: &Scope) -> Result<Vec<DocumentMeta>> {
        let wanted = normalize_source(id_or_source);
        let matches: Vec<DocumentMeta> = self
            .documents(scope)?
            .into_iter()
            .filter(|d| d.id == id_or_source || d.source == wanted)
            .collect();
        if matches.is_empty() {
            return Err(EngineError::NotFound(id_or_source.to_string()));
        }
        let mut writer = self.keyword.writer()?;
        for doc in &matches {
            if let Some(store) = &self.vectors {
                store.delete_document(&doc.id)?;
            }
            writer.delete_document(&doc.id);
        }
        if let Some(store) = &self.vectors {
            store.flush()?;
        }
        writer.commit()?;
        Ok(matches)
    }

    /// Ingests files and folders (recursively) into `collection`.
    pub fn ingest(
        &self,
        inputs: &[PathBuf],
        collection: &str,
        observer: &mut dyn IngestObserver,
    ) -> Result<IngestReport> {
        let collection = lotse_core::validate_collection(collection)?;
        let mut report = IngestReport::default();
        let candidates = collect_files(inputs, &mut report);
        observer.started(candidates.len() + report.files.len());
        for skipped in &report.files {
            observer.file_done(skipped);
        }

        let mut known = KnownDocuments::new(self.documents(&Scope::only([collection.clone()]))?);
        let mut writer = self.keyword.writer()?;
        let mut uncommitted = 0;
        let mut last_commit = Instant::now();
        for candidate in candidates {
            let outcome = self.ingest_one(
                &candidate,
                &collection,
                &mut known,
                &mut writer,
                &mut report.pages,
                observer,
            );
            let outcome = match outcome {
                Ok(outcome) => outcome,
                Err(e) => FileOutcome::failed("index_error", e.to_string()),
            };
            if matches!(
                outcome,
                FileOutcome::Added { .. } | FileOutcome::Replaced { .. }
            ) {
                uncommitted += 1;
            }
            let file_report = FileReport {
                path: candidate.display,
                outcome,
            };
            observer.file_done(&file_report);
            report.files.push(file_report);
            if uncommitted >= COMMIT_EVERY_FILES
                || (uncommitted > 0 && last_commit.elapsed() > COMMIT_EVERY)
            {
                self.commit(&mut writer)?;
                uncommitted = 0;
                last_commit = Instant::now();
            }
        }
        self.commit(&mut writer)?;
        if let Some(store) = &self.vectors
            && report.chunks_written() > 0
        {
            // HNSW once segments are large enough; exact search below that.
            store.optimize()?;
        }
        Ok(report)
    }

    /// Vectors first, then the keyword commit that makes the documents visible: a crash in
    /// between leaves vectors without passages, which search skips and re-ingest overwrites.
    fn commit(&self, writer: &mut lotse_retrieve::KeywordWriter<'_>) -> Result<()> {
        if let Some(store) = &self.vectors {
            store.flush()?;
        }
        writer.commit()?;
        Ok(())
    }

    /// Embeds a document's passages and stores the vectors, replacing older ones.
    fn embed_document(
        &self,
        meta: &mut DocumentMeta,
        chunks: &[Chunk],
        observer: &mut dyn IngestObserver,
    ) -> Result<()> {
        let (Some(embedder), Some(store)) = (&self.embedder, &self.vectors) else {
            return Ok(());
        };
        let units = embedding_units(chunks, self.config.passage_parts);
        let refs: Vec<&str> = units.iter().map(|u| u.text.as_str()).collect();
        // Slices keep the progress bar moving on long documents; the embedder batches
        // within each slice by length.
        let mut vectors = Vec::with_capacity(refs.len());
        observer.embedding(&meta.source, 0, refs.len());
        for slice in refs.chunks(EMBED_SLICE) {
            vectors.extend(embedder.embed_passages(slice)?);
            observer.embedding(&meta.source, vectors.len(), refs.len());
        }
        let points: Vec<VectorPoint> = units
            .iter()
            .zip(vectors)
            .map(|(u, vector)| VectorPoint {
                chunk_id: chunks[u.chunk].id.clone(),
                part: u.part,
                document_id: meta.id.clone(),
                collection: meta.collection.clone(),
                vector,
            })
            .collect();
        store.delete_document(&meta.id)?;
        store.upsert(&points)?;
        meta.embedding_model = Some(embedder.model_id().to_string());
        Ok(())
    }

    /// An unchanged document indexed without vectors (or with another model's) gets them now.
    fn embed_if_missing(
        &self,
        doc: &DocumentMeta,
        writer: &mut lotse_retrieve::KeywordWriter<'_>,
        observer: &mut dyn IngestObserver,
    ) -> Result<()> {
        let Some(embedder) = &self.embedder else {
            return Ok(());
        };
        if doc.embedding_model.as_deref() == Some(embedder.model_id()) {
            return Ok(());
        }
        let chunks = self.keyword.chunks_of(&doc.id)?;
        let mut meta = doc.clone();
        self.embed_document(&mut meta, &chunks, observer)?;
        writer.update_document_record(&meta)?;
        Ok(())
    }

    fn ingest_one(
        &self,
        candidate: &Candidate,
        collection: &str,
        known: &mut KnownDocuments,
        writer: &mut lotse_retrieve::KeywordWriter<'_>,
        pages: &mut u64,
        observer: &mut dyn IngestObserver,
    ) -> Result<FileOutcome> {
        let Some(format) = candidate
            .path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
        else {
            let ext = candidate.path.extension().map_or_else(
                || "(none)".to_string(),
                |e| e.to_string_lossy().into_owned(),
            );
            return Ok(FileOutcome::from_load_error(&LoadError::Unsupported(ext)));
        };
        let bytes = match read_limited(&candidate.path) {
            Ok(bytes) => bytes,
            Err(outcome) => return Ok(outcome),
        };
        let sha = hex(&Sha256::digest(&bytes));
        let id = document_id(collection, &sha);
        let previous = known.by_source.get(&candidate.display).cloned();
        if let Some(prev) = &previous
            && prev.content_sha256 == sha
        {
            self.embed_if_missing(prev, writer, observer)?;
            return Ok(FileOutcome::Unchanged {
                document_id: prev.id.clone(),
            });
        }
        if let Some(other) = known.by_id.get(&id) {
            return Ok(FileOutcome::Duplicate {
                document_id: id,
                of: other.source.clone(),
            });
        }
        let loaded = match self.load(format, &candidate.path, &bytes) {
            Ok(doc) => doc,
            Err(failure) => {
                return Ok(FileOutcome::Failed {
                    code: failure.code,
                    reason: failure.message,
                });
            }
        };
        if let Some(p) = loaded.page_count {
            *pages += u64::from(p);
        }
        let mut prepared = prepare(
            &loaded,
            &candidate.path,
            &candidate.display,
            collection,
            id.clone(),
            sha,
            bytes.len() as u64,
            &self.config.chunking,
        );
        if prepared.chunks.is_empty() {
            return Ok(FileOutcome::from_load_error(&LoadError::NoText));
        }
        self.embed_document(&mut prepared.meta, &prepared.chunks, observer)?;
        if let Some(prev) = &previous {
            if let Some(store) = &self.vectors {
                store.delete_document(&prev.id)?;
            }
            writer.delete_document(&prev.id);
        }
        writer.add_document(&prepared.meta, &prepared.chunks)?;
        let chunks = prepared.chunks.len();
        let pages = prepared.meta.pages;
        known.insert(prepared.meta);
        Ok(match previous {
            Some(prev) => {
                known.by_id.remove(&prev.id);
                FileOutcome::Replaced {
                    document_id: id,
                    replaced_id: prev.id,
                    chunks,
                    pages,
                }
            }
            None => FileOutcome::Added {
                document_id: id,
                chunks,
                pages,
            },
        })
    }

    fn load(
        &self,
        format: Format,
        path: &Path,
        bytes: &[u8],
    ) -> Result<LoadedDocument, PdfFailure> {
        if format == Format::Pdf {
            if bytes.iter().all(u8::is_ascii_whitespace) {
                return Err(LoadError::Empty.into());
            }
            let pages = self.config.pdf.extract(path, bytes)?;
            return lotse_ingest::load_pdf_pages(pages).map_err(PdfFailure::from);
        }
        lotse_ingest::load_bytes(format, bytes).map_err(PdfFailure::from)
    }
}

/// Documents of the collection being ingested into, by source path and by id.
struct KnownDocuments {
    by_source: HashMap<String, DocumentMeta>,
    by_id: HashMap<String, DocumentMeta>,
}

impl KnownDocuments {
    fn new(docs: Vec<DocumentMeta>) -> KnownDocuments {
        let mut known = KnownDocuments {
            by_source: HashMap::new(),
            by_id: HashMap::new(),
        };
        for d in docs {
            known.insert(d);
        }
        known
    }

    fn insert(&mut self, d: DocumentMeta) {
        self.by_id.insert(d.id.clone(), d.clone());
        self.by_source.insert(d.source.clone(), d);
    }
}

fn read_limited(path: &Path) -> std::result::Result<Vec<u8>, FileOutcome> {
    let unreadable =
        |e: std::io::Error| FileOutcome::failed("unreadable", format!("cannot read the file: {e}"));
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(FileOutcome::failed(
            "too_large",
            format!(
                "the file has {} MB, more than the limit of {} MB",
                size >> 20,
                MAX_FILE_BYTES >> 20
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    if bytes.is_empty() {
        return Err(FileOutcome::from_load_error(&LoadError::Empty));
    }
    Ok(bytes)
}

/// Turns a loaded document into its record and passages.
#[allow(clippy::too_many_arguments)]
fn prepare(
    loaded: &LoadedDocument,
    path: &Path,
    source: &str,
    collection: &str,
    id: String,
    sha: String,
    bytes: u64,
    chunking: &ChunkOptions,
) -> Prepared {
    let stem = path
        .file_stem()
        .map_or_else(|| source.to_string(), |s| s.to_string_lossy().into_owned());
    let title = meta::resolve_title(loaded, &stem);
    let chunks: Vec<Chunk> = chunk_document(loaded, &title, chunking)
        .into_iter()
        .enumerate()
        .map(|(i, p)| Chunk {
            id: format!("{id}-{i}"),
            document_id: id.clone(),
            ordinal: i as u32,
            section: p.section,
            text: p.text,
            page: p.page,
            page_end: p.page_end,
        })
        .collect();
    let meta = DocumentMeta {
        id,
        source: source.to_string(),
        title,
        collection: collection.to_string(),
        format: loaded.format,
        content_sha256: sha,
        ingested_at: now_rfc3339(),
        stand: meta::detect_stand(loaded),
        pages: loaded.page_count,
        chunks: chunks.len() as u32,
        bytes,
        embedding_model: None,
    };
    Prepared { meta, chunks }
}

/// Stable document id: the first 16 hex digits of sha256(collection, content hash).
pub fn document_id(collection: &str, content_sha256: &str) -> String {
    let digest = Sha256::digest(format!("{collection}\0{content_sha256}").as_bytes());
    hex(&digest)[..16].to_string()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Source paths are kept as given, minus a leading "./".
fn normalize_source(path: &str) -> String {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.to_string()
}

/// Expands folders (sorted, hidden entries skipped); unreadable paths are reported.
fn collect_files(inputs: &[PathBuf], report: &mut IngestReport) -> Vec<Candidate> {
    let mut out = Vec::new();
    for input in inputs {
        let display = normalize_source(&input.to_string_lossy());
        match std::fs::metadata(input) {
            Err(e) => report.files.push(FileReport {
                path: display,
                outcome: FileOutcome::failed("unreadable", format!("cannot read the path: {e}")),
            }),
            Ok(m) if m.is_dir() => {
                let walker = walkdir::WalkDir::new(input)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| {
                        e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                    });
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_file() => {
                            let path = e.path().to_path_buf();
                            let display = normalize_source(&path.to_string_lossy());
                            let supported = path
                                .extension()
                                .and_then(|x| x.to_str())
                                .and_then(Format::from_extension)
                                .is_some();
                            if supported {
                                out.push(Candidate { path, display });
                            } else {
                                report.files.push(FileReport {
                                    path: display,
                                    outcome: FileOutcome::Skipped {
                                        reason: "not a document type lotse reads".into(),
                                    },
                                });
                            }
                        }
                        Ok(_) => {}
                        Err(e) => report.files.push(FileReport {
                            path: e
                                .path()
                                .map_or(display.clone(), |p| p.display().to_string()),
                            outcome: FileOutcome::failed("unreadable", format!("cannot read: {e}")),
                        }),
                    }
                }
            }
            Ok(_) => out.push(Candidate {
                path: input.clone(),
                display,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests;
