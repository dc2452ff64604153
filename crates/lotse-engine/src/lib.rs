//! The wiring of lotse: files in, passages searchable, documents listed and removed.
//!
//! [`Engine`] owns the data directory. Ingest walks files and folders, loads each file
//! (PDFs isolated, see [`pdf_isolation`]), chunks it, and replaces the file's previous
//! version in one commit, so an interrupted ingest leaves the index as of the last commit
//! and never with a document half replaced. Identity: a document is the file at a source
//! path in a collection; its id is derived from the collection and the content hash, so an
//! unchanged file is recognised and skipped.

pub mod isolation;
pub mod versions;
pub mod watch;

/// Dates and validity statements, for the callers that take them from users.
pub use lotse_ingest::validity;

use isolation::{LoadFailure, LoaderIsolation};
pub use lotse_core::Scope;
use lotse_core::{
    Chunk, DocumentMeta, EmbedError, Embedder, Format, Hit, LoadedDocument, Ranks, VectorError,
    VectorHit, VectorPoint, VectorStore,
};
use lotse_ingest::{ChunkOptions, LoadError, chunk_document, meta};
pub use lotse_qdrant::QdrantSettings;
use lotse_qdrant::{ClusterIndex, Connection, StoredModel};
use lotse_retrieve::{
    AnalyzerOptions, EdgeVectorStore, FusionParams, GermanAnalyzer, KeywordIndex, KeywordWriter,
    RetrieveError, fuse,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use versions::Versions;

/// Largest file lotse will read.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

/// Commit at least this often during long ingests, so an interruption loses little (see
/// [`CommitPolicy`]).
const COMMIT_EVERY_FILES: usize = 25;
const COMMIT_EVERY: Duration = Duration::from_secs(5);
/// Texts handed to the embedder at once: enough to keep all its workers busy.
const EMBED_SLICE: usize = 64;
/// Candidates per list before fusion.
pub const DEFAULT_CANDIDATES: usize = 50;
/// How long the versions worked out from the document records are reused where another
/// process may write the index (a cluster's other replicas; a keyword-only data directory):
/// writes through this process refresh them at once. A data directory with vectors is
/// locked by the process that has it open, so there they are reused until it writes.
const FACTS_FOR: Duration = Duration::from_secs(5);

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
    #[error(
        "--supersedes {id}: kein Dokument mit dieser Kennung in der Sammlung {collection:?} (siehe `lotse list`)"
    )]
    UnknownSuperseded { id: String, collection: String },
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
    /// How files are read: in a child process or on a thread, under a time limit.
    pub loader: LoaderIsolation,
    /// How often a long ingest makes what it finished durable.
    pub commit: CommitPolicy,
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
    /// Where passages, vectors and document records live.
    pub backend: Backend,
}

/// Where the index lives.
#[derive(Debug, Clone, Default)]
pub enum Backend {
    /// In the data directory: tantivy for keywords and records, Qdrant embedded in the
    /// process for vectors.
    #[default]
    Embedded,
    /// All of it in a Qdrant server or cluster, so that any number of replicas with their
    /// own (even empty) data directories give the same answers.
    Qdrant(QdrantSettings),
}

impl std::fmt::Debug for EngineConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EngineConfig")
            .field("data_dir", &self.data_dir)
            .field("loader", &self.loader)
            .field("commit", &self.commit)
            .field("chunking", &self.chunking)
            .field("analyzer", &self.analyzer)
            .field(
                "embedder",
                &self.embedder.as_ref().map(|e| e.model_id().to_string()),
            )
            .field("fusion", &self.fusion)
            .field("candidates", &self.candidates)
            .field("backend", &self.backend)
            .finish()
    }
}

/// Whether a search sees superseded documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WhichVersions {
    /// The documents in force and those yet to come (answers, and searches by default).
    #[default]
    Current,
    /// Superseded ones too, marked as such.
    All,
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

/// When an ingest commits: after this many changed files or this much time, whichever comes
/// first. A commit makes the finished documents durable and visible, so an ingest that is
/// killed keeps them and the next run continues with the rest (unchanged files are skipped
/// by their content hash). A document is always committed whole, with the removal of the
/// version it replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitPolicy {
    pub files: usize,
    pub interval: Duration,
}

impl Default for CommitPolicy {
    fn default() -> Self {
        CommitPolicy {
            files: COMMIT_EVERY_FILES,
            interval: COMMIT_EVERY,
        }
    }
}

impl EngineConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> EngineConfig {
        EngineConfig {
            data_dir: data_dir.into(),
            loader: LoaderIsolation::default(),
            commit: CommitPolicy::default(),
            chunking: ChunkOptions::default(),
            analyzer: AnalyzerOptions::default(),
            embedder: None,
            fusion: FusionParams::default(),
            candidates: DEFAULT_CANDIDATES,
            passage_parts: true,
            backend: Backend::Embedded,
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
    /// The first `files` added or replaced files of this run are committed: durable, and
    /// kept if the run is interrupted.
    fn committed(&mut self, _files: usize) {}
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
    /// Shared with the background refresh of [`Engine::facts`].
    index: Arc<Index>,
    /// The embedding model; `Some` implies vectors in the index.
    embedder: Option<Arc<dyn Embedder>>,
    /// What the records say about versions and kinds, with the time it was read.
    facts: Arc<Mutex<FactsCache>>,
    /// How long facts are reused where another process may write ([`FACTS_FOR`]).
    facts_for: Duration,
    /// One ingest or removal at a time: uploads, watched folders and the CLI share the
    /// index writer.
    writes: Mutex<()>,
}

/// What searches need to know about documents beyond their passages: which are
/// superseded or not yet in force ([`Versions`]), and their kinds.
#[derive(Debug, Default)]
pub struct DocumentFacts {
    pub versions: Versions,
    kinds: HashMap<String, lotse_core::DocumentKind>,
}

/// What an uploader says about the files of one ingest, over what the files say.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// The day the documents take effect (ISO).
    pub valid_from: Option<String>,
    /// Ids of documents of the same collection that these replace.
    pub supersedes: Vec<String>,
    pub kind: Option<lotse_core::DocumentKind>,
}

/// The index behind the engine.
enum Index {
    Local {
        keyword: KeywordIndex,
        /// The vectors; open even without an embedder once they exist, so that removing or
        /// replacing a document never leaves its vectors behind.
        vectors: Option<Box<dyn VectorStore>>,
    },
    Cluster(ClusterIndex),
}

impl Index {
    fn documents(&self, scope: &Scope) -> Result<Vec<DocumentMeta>> {
        Ok(match self {
            Index::Local { keyword, .. } => keyword.documents(scope)?,
            Index::Cluster(cluster) => cluster.documents(scope)?,
        })
    }
}

/// [`Engine::facts`] as last read, and whether a background read is under way.
#[derive(Default)]
struct FactsCache {
    current: Option<(Instant, Arc<DocumentFacts>)>,
    refreshing: bool,
    /// Counts writes through the engine; a read that started before one is not kept.
    generation: u64,
}

fn read_facts(index: &Index) -> Result<DocumentFacts> {
    if let Index::Local {
        keyword,
        vectors: None,
    } = index
    {
        // keyword only: another process (`lotse ingest` beside `lotse serve`) may have
        // committed; searches see its documents from here on too
        keyword.refresh()?;
    }
    let docs = index.documents(&Scope::All)?;
    Ok(DocumentFacts {
        versions: Versions::resolve(&docs, &versions::today()),
        kinds: docs
            .iter()
            .filter_map(|d| Some((d.id.clone(), d.kind?)))
            .collect(),
    })
}

/// Writes of one ingest or removal, made visible by [`IndexWriter::commit`] (local) or
/// document by document (cluster).
enum IndexWriter<'a> {
    Local {
        // boxed: tantivy's writer is large, the cluster variant a reference
        keyword: Box<KeywordWriter<'a>>,
        vectors: Option<&'a dyn VectorStore>,
    },
    Cluster(&'a ClusterIndex),
}

impl IndexWriter<'_> {
    /// Adds a document with its passages and their vectors (which replace any stored
    /// under its id).
    fn add_document(
        &mut self,
        meta: &DocumentMeta,
        chunks: &[Chunk],
        points: &[VectorPoint],
    ) -> Result<()> {
        match self {
            IndexWriter::Local { keyword, vectors } => {
                if let Some(store) = vectors
                    && !points.is_empty()
                {
                    store.delete_document(&meta.id)?;
                    store.upsert(points)?;
                }
                keyword.add_document(meta, chunks)?;
            }
            IndexWriter::Cluster(cluster) => cluster.write_document(meta, chunks, points)?,
        }
        Ok(())
    }

    /// Gives an indexed document new vectors and its updated record.
    fn replace_vectors(
        &mut self,
        meta: &DocumentMeta,
        chunks: &[Chunk],
        points: &[VectorPoint],
    ) -> Result<()> {
        match self {
            IndexWriter::Local { keyword, vectors } => {
                if let Some(store) = vectors {
                    store.delete_document(&meta.id)?;
                    store.upsert(points)?;
                }
                keyword.update_document_record(meta)?;
            }
            IndexWriter::Cluster(cluster) => cluster.write_document(meta, chunks, points)?,
        }
        Ok(())
    }

    fn delete_document(&mut self, document_id: &str) -> Result<()> {
        match self {
            IndexWriter::Local { keyword, vectors } => {
                if let Some(store) = vectors {
                    store.delete_document(document_id)?;
                }
                keyword.delete_document(document_id);
            }
            IndexWriter::Cluster(cluster) => cluster.delete_document(document_id)?,
        }
        Ok(())
    }

    /// Vectors first, then the keyword commit that makes the documents visible: a crash in
    /// between leaves vectors without passages, which search skips and re-ingest
    /// overwrites. In the cluster each document is visible once written; what is left is
    /// the shared vocabulary.
    fn commit(&mut self) -> Result<()> {
        match self {
            IndexWriter::Local { keyword, vectors } => {
                if let Some(store) = vectors {
                    store.flush()?;
                }
                keyword.commit()?;
            }
            IndexWriter::Cluster(cluster) => cluster.save_vocabulary()?,
        }
        Ok(())
    }
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

/// Opens the index in the Qdrant server or cluster, checking (or recording) the model.
fn open_cluster(
    settings: &QdrantSettings,
    analyzer: AnalyzerOptions,
    embedder: Option<&Arc<dyn Embedder>>,
) -> Result<ClusterIndex> {
    let connection = Arc::new(Connection::open(settings.clone())?);
    let model = embedder.map(|e| StoredModel {
        model_id: e.model_id().to_string(),
        dimension: e.dimension(),
    });
    ClusterIndex::open(connection, analyzer, model).map_err(|e| cluster_open_error(e, settings))
}

fn cluster_open_error(e: lotse_qdrant::OpenError, settings: &QdrantSettings) -> EngineError {
    match e {
        lotse_qdrant::OpenError::Store(e) => EngineError::Vector(e),
        lotse_qdrant::OpenError::NoModel => EngineError::NoEmbedder {
            mode: "the first use of a Qdrant cluster",
        },
        lotse_qdrant::OpenError::ModelMismatch { stored, configured } => {
            EngineError::ModelMismatch {
                dir: format!(
                    "the Qdrant collections {}_* at {}",
                    settings.prefix,
                    settings.urls.join(", ")
                ),
                stored: format!("{} ({} dims)", stored.model_id, stored.dimension),
                configured: format!("{} ({} dims)", configured.model_id, configured.dimension),
            }
        }
    }
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
        // the administration's own synonym groups, next to the built-in ones
        let synonyms_path = config.data_dir.join(SYNONYMS_FILE);
        let synonyms = match std::fs::read_to_string(&synonyms_path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => {
                return Err(EngineError::Io {
                    path: synonyms_path.display().to_string(),
                    source,
                });
            }
        };
        let index = match &config.backend {
            Backend::Embedded => {
                let mut keyword =
                    KeywordIndex::open(&config.data_dir.join("keyword"), config.analyzer)?;
                if let Some(text) = &synonyms {
                    keyword.add_synonyms(text);
                }
                let vectors = open_vectors(&config.data_dir, config.embedder.as_ref())?;
                Index::Local { keyword, vectors }
            }
            Backend::Qdrant(settings) => {
                let mut cluster =
                    open_cluster(settings, config.analyzer, config.embedder.as_ref())?;
                if let Some(text) = &synonyms {
                    cluster.add_synonyms(text);
                }
                Index::Cluster(cluster)
            }
        };
        let embedder = config.embedder.clone();
        Ok(Engine {
            config,
            index: Arc::new(index),
            embedder,
            facts: Arc::default(),
            facts_for: FACTS_FOR,
            writes: Mutex::new(()),
        })
    }

    /// The embedding model, if one is loaded.
    pub fn embedder(&self) -> Option<&Arc<dyn Embedder>> {
        self.embedder.as_ref()
    }

    /// Whether vector and hybrid search are available.
    pub fn has_vectors(&self) -> bool {
        self.embedder.is_some()
            && match &*self.index {
                Index::Local { vectors, .. } => vectors.is_some(),
                Index::Cluster(_) => true,
            }
    }

    /// Whether the index lives in a Qdrant server or cluster.
    pub fn is_cluster(&self) -> bool {
        matches!(*self.index, Index::Cluster(_))
    }

    fn writer(&self) -> Result<IndexWriter<'_>> {
        Ok(match &*self.index {
            Index::Local { keyword, vectors } => IndexWriter::Local {
                keyword: Box::new(keyword.writer()?),
                vectors: vectors.as_deref(),
            },
            Index::Cluster(cluster) => IndexWriter::Cluster(cluster),
        })
    }

    fn keyword_search(&self, query: &str, scope: &Scope, top_k: usize) -> Result<Vec<Hit>> {
        Ok(match &*self.index {
            Index::Local { keyword, .. } => keyword.search(query, scope, top_k)?,
            Index::Cluster(cluster) => cluster.search_keyword(query, scope, top_k)?,
        })
    }

    fn vector_search(
        &self,
        vector: &[f32],
        scope: &Scope,
        top_k: usize,
        mode: SearchMode,
    ) -> Result<Vec<VectorHit>> {
        Ok(match &*self.index {
            Index::Local {
                vectors: Some(store),
                ..
            } => store.search(vector, scope, top_k)?,
            Index::Local { vectors: None, .. } => {
                return Err(EngineError::NoEmbedder {
                    mode: mode.as_str(),
                });
            }
            Index::Cluster(cluster) => cluster.search_vector(vector, scope, top_k)?,
        })
    }

    /// The passages with the given ids, in the order given; unknown ids are left out.
    pub fn hits_by_chunk_ids(&self, chunk_ids: &[String]) -> Result<Vec<Hit>> {
        Ok(match &*self.index {
            Index::Local { keyword, .. } => keyword.hits_by_chunk_ids(chunk_ids)?,
            Index::Cluster(cluster) => cluster.hits_by_chunk_ids(chunk_ids)?,
        })
    }

    /// The analyzer of the keyword side (with the learned compound dictionary).
    pub fn analyzer(&self) -> &GermanAnalyzer {
        match &*self.index {
            Index::Local { keyword, .. } => keyword.analyzer(),
            Index::Cluster(cluster) => cluster.analyzer(),
        }
    }

    /// What a word with analysed terms `word_terms` is also called, by the synonym groups.
    pub fn synonym_alternatives(&self, word_terms: &[String]) -> Vec<Vec<String>> {
        match &*self.index {
            Index::Local { keyword, .. } => keyword.synonym_alternatives(word_terms),
            Index::Cluster(cluster) => cluster.synonym_alternatives(word_terms),
        }
    }

    /// Whether some passage of `scope` has the analysed term in text, headings or title.
    pub fn contains_term(&self, term: &str, scope: &Scope) -> Result<bool> {
        Ok(match &*self.index {
            Index::Local { keyword, .. } => keyword.contains_term(term, scope)?,
            Index::Cluster(cluster) => cluster.contains_term(term, scope)?,
        })
    }

    /// Number of passages in the index.
    pub fn chunk_count(&self) -> Result<usize> {
        Ok(match &*self.index {
            Index::Local { keyword, .. } => keyword.chunk_count()?,
            Index::Cluster(cluster) => cluster.chunk_count()?,
        })
    }

    /// All passages with their documents, in document and passage order.
    pub fn chunks(&self) -> Result<Vec<(DocumentMeta, Chunk)>> {
        Ok(match &*self.index {
            Index::Local { keyword, .. } => keyword.chunks()?,
            Index::Cluster(cluster) => cluster.chunks()?,
        })
    }

    fn chunks_of(&self, document_id: &str) -> Result<Vec<Chunk>> {
        Ok(match &*self.index {
            Index::Local { keyword, .. } => keyword.chunks_of(document_id)?,
            Index::Cluster(cluster) => cluster.chunks_of(document_id)?,
        })
    }

    /// The default mode: hybrid with a model, keyword without.
    pub fn default_mode(&self) -> SearchMode {
        if self.has_vectors() {
            SearchMode::Hybrid
        } else {
            SearchMode::Keyword
        }
    }

    /// Searches the current documents of the collections in `scope` in `mode` and explains
    /// how the result came about. The scope is a filter inside both engines' searches.
    pub fn search_explained(
        &self,
        query: &str,
        scope: &Scope,
        top_k: usize,
        mode: SearchMode,
    ) -> Result<SearchOutcome> {
        self.search_explained_with(query, scope, top_k, mode, WhichVersions::Current)
    }

    /// [`Engine::search_explained`], with superseded documents too where `versions` says
    /// so (their hits name what supersedes them).
    pub fn search_explained_with(
        &self,
        query: &str,
        scope: &Scope,
        top_k: usize,
        mode: SearchMode,
        versions: WhichVersions,
    ) -> Result<SearchOutcome> {
        let started = Instant::now();
        let mut timings = SearchTimings::default();
        let depth = if mode == SearchMode::Hybrid {
            self.config.candidates.max(top_k)
        } else {
            top_k
        };
        if mode != SearchMode::Keyword && self.embedder.is_none() {
            return Err(EngineError::NoEmbedder {
                mode: mode.as_str(),
            });
        }
        let keyword_side = || -> Result<(Vec<Hit>, f64)> {
            if mode == SearchMode::Vector {
                return Ok((Vec::new(), 0.0));
            }
            let t = Instant::now();
            let hits = self.keyword_search(query, scope, depth)?;
            Ok((hits, ms(t)))
        };
        let vector_side = || -> Result<(Vec<VectorHit>, f64, f64)> {
            let Some(embedder) = self
                .embedder
                .as_ref()
                .filter(|_| mode != SearchMode::Keyword)
            else {
                return Ok((Vec::new(), 0.0, 0.0));
            };
            let t = Instant::now();
            let query_vector = embedder.embed_query(query)?;
            let embedding = ms(t);
            let t = Instant::now();
            let hits = self.vector_search(&query_vector, scope, depth, mode)?;
            Ok((hits, embedding, ms(t)))
        };
        // Both sides at once: the keyword search runs on this thread while the query is
        // embedded on the embedder's (one worker of its pool, so a core is left for BM25)
        // and, in a cluster, while both wait for Qdrant.
        let (keyword_result, vector_result) = if mode == SearchMode::Hybrid {
            std::thread::scope(|s| {
                let keyword = s.spawn(keyword_side);
                let vector = vector_side();
                (
                    keyword
                        .join()
                        .unwrap_or_else(|p| std::panic::resume_unwind(p)),
                    vector,
                )
            })
        } else {
            (keyword_side(), vector_side())
        };
        let (keyword, keyword_ms) = keyword_result?;
        let (vector, embedding_ms, vector_ms) = vector_result?;
        timings.keyword = keyword_ms;
        timings.embedding = embedding_ms;
        timings.vector = vector_ms;

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
        let mut fused = match mode {
            SearchMode::Keyword => fuse(&keyword_list, &[], self.config.fusion),
            SearchMode::Vector => fuse(&[], &vector_list, self.config.fusion),
            SearchMode::Hybrid => fuse(&keyword_list, &vector_list, self.config.fusion),
        };
        let facts = self.facts()?;
        if versions == WhichVersions::Current {
            // superseded documents leave before the cut at top_k, so the rest fill it
            fused.retain(|f| {
                facts
                    .versions
                    .superseded_by(document_of(&f.chunk_id))
                    .is_none()
            });
        }
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
        for hit in self.hits_by_chunk_ids(&missing)? {
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
                hit.planted = planted_instructions(&hit.text);
                hit.kind = facts.kinds.get(&hit.document_id).copied();
                hit.superseded_by = facts
                    .versions
                    .superseded_by(&hit.document_id)
                    .map(str::to_string);
                hit.pending_from = facts
                    .versions
                    .pending_from(&hit.document_id)
                    .map(str::to_string);
                hit.dated = facts.versions.date_of(&hit.document_id).map(str::to_string);
                Some(hit)
            })
            .take(top_k)
            .collect();
        let mut hits = hits;
        // ties (equal fused scores) go to binding rules before guidance; the sort is stable
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| binding(b).cmp(&binding(a)))
        });
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

    /// The tantivy index, when the index is in the data directory.
    pub fn keyword_index(&self) -> Option<&KeywordIndex> {
        match &*self.index {
            Index::Local { keyword, .. } => Some(keyword),
            Index::Cluster(_) => None,
        }
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

    /// The documents of the collections in `scope`, each with what supersedes it.
    pub fn documents(&self, scope: &Scope) -> Result<Vec<DocumentMeta>> {
        let mut docs = self.stored_documents(scope)?;
        let facts = self.facts()?;
        for d in &mut docs {
            d.superseded_by = facts.versions.superseded_by(&d.id).map(str::to_string);
        }
        Ok(docs)
    }

    /// The document records as stored (without what supersedes them).
    pub(crate) fn stored_documents(&self, scope: &Scope) -> Result<Vec<DocumentMeta>> {
        self.index.documents(scope)
    }

    /// Versions and kinds of all documents, read again after a write through this engine
    /// and, where other processes may write, after [`FACTS_FOR`]. Reading them costs ~0.6 s
    /// at 20,000 documents (`cargo bench --bench cluster`), so once they have expired a
    /// background thread reads them while searches go on with the ones before; only the
    /// first read and the one after a write through this engine make the caller wait.
    pub fn facts(&self) -> Result<Arc<DocumentFacts>> {
        let sole_writer = matches!(
            *self.index,
            Index::Local {
                vectors: Some(_),
                ..
            }
        );
        let generation = {
            let mut cache = self.facts.lock().unwrap_or_else(|p| p.into_inner());
            if let Some((at, facts)) = cache.current.as_ref() {
                let facts = facts.clone();
                if !sole_writer && at.elapsed() >= self.facts_for && !cache.refreshing {
                    cache.refreshing = true;
                    let (index, shared, generation) =
                        (self.index.clone(), self.facts.clone(), cache.generation);
                    let spawned = std::thread::Builder::new()
                        .name("lotse-facts".into())
                        .spawn(move || {
                            let fresh = read_facts(&index);
                            let mut cache = shared.lock().unwrap_or_else(|p| p.into_inner());
                            cache.refreshing = false;
                            // a write through the engine since the read started wins
                            if let Ok(fresh) = fresh
                                && cache.generation == generation
                            {
                                cache.current = Some((Instant::now(), Arc::new(fresh)));
                            }
                        });
                    if spawned.is_err() {
                        cache.refreshing = false;
                        cache.current = None; // read in the caller below
                    } else {
                        return Ok(facts);
                    }
                } else {
                    return Ok(facts);
                }
            }
            cache.generation
        };
        let facts = Arc::new(read_facts(&self.index)?);
        let mut cache = self.facts.lock().unwrap_or_else(|p| p.into_inner());
        if cache.generation == generation {
            cache.current = Some((Instant::now(), facts.clone()));
        }
        Ok(facts)
    }

    fn forget_facts(&self) {
        let mut cache = self.facts.lock().unwrap_or_else(|p| p.into_inner());
        cache.current = None;
        cache.generation += 1;
    }

    /// Removes the documents of `scope` whose id or source path is `id_or_source`; returns
    /// them. Documents outside the scope are "not found", like ones that don't exist.
    pub fn remove(&self, id_or_source: &str, scope: &Scope) -> Result<Vec<DocumentMeta>> {
        let _writing = self.writes.lock().unwrap_or_else(|p| p.into_inner());
        let wanted = normalize_source(id_or_source);
        let matches: Vec<DocumentMeta> = self
            .documents(scope)?
            .into_iter()
            .filter(|d| d.id == id_or_source || d.source == wanted)
            .collect();
        if matches.is_empty() {
            return Err(EngineError::NotFound(id_or_source.to_string()));
        }
        let mut writer = self.writer()?;
        for doc in &matches {
            writer.delete_document(&doc.id)?;
        }
        writer.commit()?;
        self.forget_facts();
        Ok(matches)
    }

    /// Ingests files and folders (recursively) into `collection`.
    pub fn ingest(
        &self,
        inputs: &[PathBuf],
        collection: &str,
        observer: &mut dyn IngestObserver,
    ) -> Result<IngestReport> {
        self.ingest_with(inputs, collection, &IngestOptions::default(), observer)
    }

    /// Ingests files and folders into `collection` with what the uploader says about them.
    pub fn ingest_with(
        &self,
        inputs: &[PathBuf],
        collection: &str,
        options: &IngestOptions,
        observer: &mut dyn IngestObserver,
    ) -> Result<IngestReport> {
        let collection = lotse_core::validate_collection(collection)?;
        let _writing = self.writes.lock().unwrap_or_else(|p| p.into_inner());
        let mut known =
            KnownDocuments::new(self.stored_documents(&Scope::only([collection.clone()]))?);
        if let Some(id) = options
            .supersedes
            .iter()
            .find(|id| !known.by_id.contains_key(*id))
        {
            return Err(EngineError::UnknownSuperseded {
                id: id.clone(),
                collection,
            });
        }
        let result = self.ingest_known(inputs, &collection, options, &mut known, observer);
        self.forget_facts();
        result
    }

    fn ingest_known(
        &self,
        inputs: &[PathBuf],
        collection: &str,
        options: &IngestOptions,
        known: &mut KnownDocuments,
        observer: &mut dyn IngestObserver,
    ) -> Result<IngestReport> {
        let collection = collection.to_string();
        let mut report = IngestReport::default();
        let candidates = collect_files(inputs, &mut report);
        observer.started(candidates.len() + report.files.len());
        for skipped in &report.files {
            observer.file_done(skipped);
        }
        if let Index::Cluster(cluster) = &*self.index {
            // words other replicas learned, so that this ingest splits compounds alike
            cluster.refresh_vocabulary(true)?;
        }
        let mut writer = self.writer()?;
        let mut uncommitted = 0;
        let mut committed = 0;
        let mut last_commit = Instant::now();
        for candidate in candidates {
            let outcome = self.ingest_one(
                &candidate,
                &collection,
                options,
                known,
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
            if uncommitted >= self.config.commit.files.max(1)
                || (uncommitted > 0 && last_commit.elapsed() > self.config.commit.interval)
            {
                writer.commit()?;
                committed += uncommitted;
                observer.committed(committed);
                uncommitted = 0;
                last_commit = Instant::now();
            }
        }
        writer.commit()?;
        if uncommitted > 0 {
            observer.committed(committed + uncommitted);
        }
        if let Index::Local {
            vectors: Some(store),
            ..
        } = &*self.index
            && report.chunks_written() > 0
        {
            // HNSW once segments are large enough; exact search below that.
            store.optimize()?;
        }
        Ok(report)
    }

    /// Embeds a document's passages (and their parts); notes the model in `meta`. No
    /// model: no vectors.
    fn embed_document(
        &self,
        meta: &mut DocumentMeta,
        chunks: &[Chunk],
        observer: &mut dyn IngestObserver,
    ) -> Result<Vec<VectorPoint>> {
        if !self.has_vectors() {
            return Ok(Vec::new());
        }
        let Some(embedder) = &self.embedder else {
            return Ok(Vec::new());
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
        meta.embedding_model = Some(embedder.model_id().to_string());
        Ok(points)
    }

    /// An unchanged document indexed without vectors (or with another model's) gets them now.
    fn embed_if_missing(
        &self,
        doc: &DocumentMeta,
        writer: &mut IndexWriter<'_>,
        observer: &mut dyn IngestObserver,
    ) -> Result<()> {
        let Some(embedder) = &self.embedder else {
            return Ok(());
        };
        if doc.embedding_model.as_deref() == Some(embedder.model_id()) {
            return Ok(());
        }
        let chunks = self.chunks_of(&doc.id)?;
        let mut meta = doc.clone();
        let points = self.embed_document(&mut meta, &chunks, observer)?;
        writer.replace_vectors(&meta, &chunks, &points)?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn ingest_one(
        &self,
        candidate: &Candidate,
        collection: &str,
        options: &IngestOptions,
        known: &mut KnownDocuments,
        writer: &mut IndexWriter<'_>,
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
        apply_options(&mut prepared.meta, options);
        if prepared.chunks.is_empty() {
            return Ok(FileOutcome::from_load_error(&LoadError::NoText));
        }
        let points = self.embed_document(&mut prepared.meta, &prepared.chunks, observer)?;
        // the new version first, then the old one goes: in the cluster, where each write is
        // visible at once, a search in between sees both versions rather than neither
        writer.add_document(&prepared.meta, &prepared.chunks, &points)?;
        if let Some(prev) = &previous {
            writer.delete_document(&prev.id)?;
        }
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
    ) -> Result<LoadedDocument, LoadFailure> {
        self.config.loader.load(format, path, bytes)
    }
}

impl lotse_retrieve::TermLookup for Engine {
    fn analyzer(&self) -> &GermanAnalyzer {
        Engine::analyzer(self)
    }
    fn synonym_alternatives(&self, word_terms: &[String]) -> Vec<Vec<String>> {
        Engine::synonym_alternatives(self, word_terms)
    }
    fn has_term(&self, term: &str, scope: &Scope) -> bool {
        self.contains_term(term, scope).unwrap_or(true)
    }
}

/// What [`Engine::migrate_to_cluster`] did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MigrateReport {
    /// Documents written to the cluster.
    pub documents: usize,
    /// Documents the cluster held already (a migration can be resumed).
    pub already_there: usize,
    pub passages: usize,
    /// Vectors carried over (passages and their parts), not embedded again.
    pub vectors: usize,
}

impl Engine {
    /// Copies this data directory's index (documents, passages, vectors as they are) into
    /// the Qdrant server or cluster of `settings`. Documents already there are skipped, so
    /// an interrupted migration is resumed by running it again; the data directory is only
    /// read.
    pub fn migrate_to_cluster(
        &self,
        settings: &QdrantSettings,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<MigrateReport> {
        let Index::Local { keyword, vectors } = &*self.index else {
            return Err(EngineError::Vector(VectorError::Store(
                "the index is in Qdrant already; migrate from an embedded data directory".into(),
            )));
        };
        let info_path = self.config.data_dir.join("vectors").join("model.json");
        let info: VectorsInfo = std::fs::read_to_string(&info_path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .ok_or_else(|| EngineError::Io {
                path: info_path.display().to_string(),
                source: std::io::Error::other(
                    "no vectors to migrate; ingest with the embedding model first",
                ),
            })?;
        let connection = Arc::new(Connection::open(settings.clone())?);
        let model = StoredModel {
            model_id: info.model_id,
            dimension: info.dimension,
        };
        let cluster = ClusterIndex::open(connection, self.config.analyzer, Some(model))
            .map_err(|e| cluster_open_error(e, settings))?;
        let present: std::collections::HashSet<String> = cluster
            .documents(&Scope::All)?
            .into_iter()
            .map(|d| d.id)
            .collect();
        let documents = keyword.documents(&Scope::All)?;
        let mut report = MigrateReport::default();
        for (i, doc) in documents.iter().enumerate() {
            progress(i, documents.len());
            if present.contains(&doc.id) {
                report.already_there += 1;
                continue;
            }
            let chunks = keyword.chunks_of(&doc.id)?;
            let points = match vectors {
                Some(store) => store.points_of(&doc.id)?,
                None => Vec::new(),
            };
            cluster.write_document(doc, &chunks, &points)?;
            report.documents += 1;
            report.passages += chunks.len();
            report.vectors += points.len();
            if report.documents % COMMIT_EVERY_FILES == 0 {
                cluster.save_vocabulary()?;
            }
        }
        cluster.save_vocabulary()?;
        progress(documents.len(), documents.len());
        Ok(report)
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
    let unreadable = |e: std::io::Error| {
        FileOutcome::failed("unreadable", format!("die Datei ist nicht lesbar: {e}"))
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(FileOutcome::failed(
            "too_large",
            format!(
                "die Datei hat {} MB, mehr als die Grenze von {} MB",
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
            scan_confidence: loaded.scan_confidence(p.page, p.page_end),
            page: p.page,
            page_end: p.page_end,
        })
        .collect();
    let meta = DocumentMeta {
        id,
        source: source.to_string(),
        collection: collection.to_string(),
        format: loaded.format,
        content_sha256: sha,
        ingested_at: now_rfc3339(),
        stand: meta::detect_stand(loaded),
        pages: loaded.page_count,
        chunks: chunks.len() as u32,
        bytes,
        embedding_model: None,
        flagged_passages: chunks
            .iter()
            .filter(|c| !lotse_ingest::instructions::planted_instructions(&c.text).is_empty())
            .count() as u32,
        scanned_pages: loaded.scanned_pages.len() as u32,
        validity: lotse_ingest::validity::detect_validity(loaded),
        kind: lotse_ingest::validity::kind_from_title(&title),
        superseded_by: None,
        title,
    };
    Prepared { meta, chunks }
}

/// What the uploader said wins over what the text says.
fn apply_options(meta: &mut DocumentMeta, options: &IngestOptions) {
    if let Some(from) = &options.valid_from {
        meta.validity.valid_from = Some(from.clone());
    }
    meta.validity
        .supersedes
        .extend(options.supersedes.iter().cloned());
    if options.kind.is_some() {
        meta.kind = options.kind;
    }
}

/// The sentences of a passage that read as instructions to the assistant. Found again at
/// every search rather than stored, so an improved detector applies to what is indexed.
pub fn planted_instructions(text: &str) -> Vec<lotse_core::PlantedInstruction> {
    lotse_ingest::instructions::planted_instructions(text)
        .into_iter()
        .map(|f| lotse_core::PlantedInstruction {
            text: text[f.start..f.end].trim().to_string(),
            reason: f.cue.label().to_string(),
            start: f.start,
            end: f.end,
        })
        .collect()
}

/// The document of a passage id (`{document id}-{ordinal}`).
fn document_of(chunk_id: &str) -> &str {
    chunk_id.rsplit_once('-').map_or(chunk_id, |(doc, _)| doc)
}

fn binding(hit: &Hit) -> bool {
    hit.kind.is_some_and(lotse_core::DocumentKind::is_binding)
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
                outcome: FileOutcome::failed(
                    "unreadable",
                    format!("der Pfad ist nicht lesbar: {e}"),
                ),
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
                                        reason: "kein Dokumenttyp, den lotse liest".into(),
                                    },
                                });
                            }
                        }
                        Ok(_) => {}
                        Err(e) => report.files.push(FileReport {
                            path: e
                                .path()
                                .map_or(display.clone(), |p| p.display().to_string()),
                            outcome: FileOutcome::failed(
                                "unreadable",
                                format!("nicht lesbar: {e}"),
                            ),
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
