//! [`ClusterIndex`]: everything a lotse replica needs to answer, in Qdrant.
//!
//! Two Qdrant collections per installation:
//! * `<prefix>_passages`: one point per passage part, keyed like the embedded store. Part 0
//!   carries the passage itself (text, section path, pages, title, source) and its BM25
//!   keyword vector ([`crate::sparse`]) next to the dense vector; the other parts carry the
//!   dense vectors of the passage's sentence groups.
//! * `<prefix>_documents`: the document records, plus three state records: the embedding
//!   model the vectors were made with, the learned compound dictionary, and the field
//!   lengths for BM25.
//!
//! Visibility follows the document record: it is written after a document's passages and
//! deleted before them, and searches drop passages whose record does not exist. So a
//! document appears whole or not at all on every replica, and passages left by an
//! interrupted write stay invisible until a re-ingest (same ids) overwrites them.

use crate::connection::Connection;
use crate::sparse::{self, FieldLengths, PassageFields};
use crate::vectors::{
    DENSE, QdrantVectorStore, base_payload, ensure_collection, payload_str, payload_u64,
    scope_filter,
};
use lotse_core::{
    Chunk, DocumentMeta, Hit, Scope, VectorError, VectorHit, VectorPoint, VectorStore,
};
use lotse_retrieve::keyword::{headings_below_title, weighted_query_terms};
use lotse_retrieve::vector_edge::point_id;
use lotse_retrieve::{AnalyzerOptions, GermanAnalyzer, compound::Dictionary, synonyms};
use qdrant_client::qdrant::{
    Condition, CountPointsBuilder, DeletePointsBuilder, Filter, GetPointsBuilder, NamedVectors,
    PointId, PointStruct, QueryPointsBuilder, RetrievedPoint, ScrollPointsBuilder, Value, Vector,
    VectorInput,
};
use qdrant_client::{Payload, Qdrant};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The sparse keyword vector of the passage collection.
pub const KEYWORD: &str = "keyword";
/// How often a replica looks for compound words other replicas learned.
const VOCABULARY_REFRESH: Duration = Duration::from_secs(5);
/// Points per scroll page.
const SCROLL_PAGE: u32 = 512;

const STATE_MODEL: &str = "state:model";
const STATE_DICTIONARY: &str = "state:dictionary";
const STATE_LENGTHS: &str = "state:lengths";

fn record_id(key: &str) -> PointId {
    point_id(key, 0).into()
}

fn document_record_id(document_id: &str) -> PointId {
    record_id(&format!("document:{document_id}"))
}

fn corrupt(what: &str) -> VectorError {
    VectorError::Store(format!("a record in Qdrant is damaged: {what}"))
}

/// The embedding model the stored vectors were made with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredModel {
    pub model_id: String,
    pub dimension: usize,
}

#[derive(Debug, Default)]
struct Vocabulary {
    checked: Option<Instant>,
    /// Words in the cluster's dictionary when last read.
    remote_words: usize,
    lengths: FieldLengths,
    /// Words or lengths learned here and not yet written.
    dirty: bool,
}

pub struct ClusterIndex {
    vectors: QdrantVectorStore,
    documents: String,
    analyzer: GermanAnalyzer,
    synonyms: synonyms::AnalysedGroups,
    model: StoredModel,
    vocabulary: Mutex<Vocabulary>,
}

impl std::fmt::Debug for ClusterIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClusterIndex")
            .field("passages", &self.vectors.collection())
            .field("documents", &self.documents)
            .field("model", &self.model)
            .finish_non_exhaustive()
    }
}

/// Why the cluster index could not be opened.
#[derive(Debug)]
pub enum OpenError {
    Store(VectorError),
    /// Nothing stored yet and no model to make the passage collection for.
    NoModel,
    /// The stored vectors come from another model.
    ModelMismatch {
        stored: StoredModel,
        configured: StoredModel,
    },
}

impl From<VectorError> for OpenError {
    fn from(e: VectorError) -> OpenError {
        OpenError::Store(e)
    }
}

impl ClusterIndex {
    /// Opens the installation's collections, creating them for `model` if they don't exist.
    pub fn open(
        connection: Arc<Connection>,
        analyzer: AnalyzerOptions,
        model: Option<StoredModel>,
    ) -> Result<ClusterIndex, OpenError> {
        let prefix = connection.settings.prefix.clone();
        let documents = format!("{prefix}_documents");
        let passages = format!("{prefix}_passages");
        ensure_collection(&connection, &documents, 1, None)?;
        let stored = read_state(&connection, &documents, STATE_MODEL)?.map(|p| StoredModel {
            model_id: p
                .get("model_id")
                .and_then(|v| v.as_str())
                .cloned()
                .unwrap_or_default(),
            dimension: p.get("dimension").and_then(|v| v.as_integer()).unwrap_or(0) as usize,
        });
        let recorded = stored.is_some();
        let model = match (stored, model) {
            (None, None) => return Err(OpenError::NoModel),
            (Some(stored), None) => stored,
            (Some(stored), Some(configured)) if stored != configured => {
                return Err(OpenError::ModelMismatch { stored, configured });
            }
            (Some(stored), Some(_)) => stored,
            (None, Some(configured)) => configured,
        };
        let size = ensure_collection(&connection, &passages, model.dimension, Some(KEYWORD))?;
        if size != model.dimension {
            return Err(OpenError::Store(VectorError::Dimension {
                expected: size,
                got: model.dimension,
            }));
        }
        if !recorded {
            write_state(
                &connection,
                &documents,
                STATE_MODEL,
                serde_json::json!({"model_id": model.model_id, "dimension": model.dimension}),
            )?;
        }
        let vectors = QdrantVectorStore::open(connection, &passages, model.dimension)?;
        let analyzer = GermanAnalyzer::new(analyzer, Dictionary::new());
        let index = ClusterIndex {
            synonyms: synonyms::analyse(&analyzer, &synonyms::parse_groups(synonyms::BUILT_IN)),
            analyzer,
            vectors,
            documents,
            model,
            vocabulary: Mutex::new(Vocabulary::default()),
        };
        index.refresh_vocabulary(true)?;
        Ok(index)
    }

    fn connection(&self) -> &Connection {
        self.vectors.connection()
    }

    pub fn model(&self) -> &StoredModel {
        &self.model
    }

    /// Names of the two Qdrant collections (passages, documents).
    pub fn collections(&self) -> (&str, &str) {
        (self.vectors.collection(), &self.documents)
    }

    /// Adds synonym groups (format of `lotse_retrieve::synonyms::parse_groups`).
    pub fn add_synonyms(&mut self, text: &str) {
        let groups = synonyms::analyse(&self.analyzer, &synonyms::parse_groups(text));
        self.synonyms.extend(groups);
    }

    pub fn analyzer(&self) -> &GermanAnalyzer {
        &self.analyzer
    }

    pub fn synonym_alternatives(&self, word_terms: &[String]) -> Vec<Vec<String>> {
        synonyms::alternatives(&self.synonyms, word_terms)
    }

    fn vocabulary(&self) -> std::sync::MutexGuard<'_, Vocabulary> {
        self.vocabulary
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Reads the words and field lengths other replicas learned, at most every few seconds
    /// unless `now`.
    pub fn refresh_vocabulary(&self, now: bool) -> Result<(), VectorError> {
        let mut vocabulary = self.vocabulary();
        if !now
            && vocabulary
                .checked
                .is_some_and(|t| t.elapsed() < VOCABULARY_REFRESH)
        {
            return Ok(());
        }
        vocabulary.checked = Some(Instant::now());
        let count = read_state_fields(
            self.connection(),
            &self.documents,
            STATE_DICTIONARY,
            &["count"],
        )?
        .and_then(|p| p.get("count").and_then(|v| v.as_integer()))
        .unwrap_or(0) as usize;
        if count != vocabulary.remote_words {
            if let Some(p) = read_state(self.connection(), &self.documents, STATE_DICTIONARY)? {
                let words = p
                    .get("words")
                    .and_then(|v| v.as_str())
                    .ok_or_else(|| corrupt("the compound dictionary"))?;
                self.analyzer.learn_words(words.split('\n'));
            }
            vocabulary.remote_words = count;
        }
        if !vocabulary.dirty
            && let Some(p) = read_state(self.connection(), &self.documents, STATE_LENGTHS)?
            && let Some(lengths) = p
                .get("lengths")
                .and_then(|v| v.as_str())
                .and_then(|s| serde_json::from_str(s).ok())
        {
            vocabulary.lengths = lengths;
        }
        Ok(())
    }

    /// Writes the words and field lengths learned here, merged with what other replicas
    /// wrote meanwhile. Two replicas writing at the same moment can lose some of each
    /// other's words; the next ingest of either writes them again.
    pub fn save_vocabulary(&self) -> Result<(), VectorError> {
        if !self.vocabulary().dirty {
            return Ok(());
        }
        if let Some(p) = read_state(self.connection(), &self.documents, STATE_DICTIONARY)?
            && let Some(words) = p.get("words").and_then(|v| v.as_str())
        {
            self.analyzer.learn_words(words.split('\n'));
        }
        let words = self.analyzer.dictionary_words();
        let lengths = self.vocabulary().lengths;
        write_state(
            self.connection(),
            &self.documents,
            STATE_DICTIONARY,
            serde_json::json!({"count": words.len(), "words": words.join("\n")}),
        )?;
        write_state(
            self.connection(),
            &self.documents,
            STATE_LENGTHS,
            serde_json::json!({"lengths": serde_json::to_string(&lengths).unwrap_or_default()}),
        )?;
        let mut vocabulary = self.vocabulary();
        vocabulary.remote_words = words.len();
        vocabulary.dirty = false;
        Ok(())
    }

    /// BM25 search over the passages of `scope`, scored by Qdrant from the sparse vectors.
    pub fn search_keyword(
        &self,
        query: &str,
        scope: &Scope,
        top_k: usize,
    ) -> Result<Vec<Hit>, VectorError> {
        self.refresh_vocabulary(false)?;
        let weighted = weighted_query_terms(&self.analyzer, &self.synonyms, query);
        if weighted.is_empty() || top_k == 0 {
            return Ok(Vec::new());
        }
        let Ok(filter) = scope_filter(scope) else {
            return Ok(Vec::new());
        };
        let (indices, values) = sparse::query_vector(&weighted);
        let name = self.vectors.collection().to_string();
        let response = self.connection().call("keyword search", |c: Qdrant| {
            let mut request = QueryPointsBuilder::new(name.clone())
                .query(VectorInput::new_sparse(indices.clone(), values.clone()))
                .using(KEYWORD)
                .limit(top_k as u64)
                .with_payload(true);
            if let Some(filter) = &filter {
                request = request.filter(filter.clone());
            }
            async move { c.query(request).await }
        })?;
        let hits: Vec<Hit> = response
            .result
            .into_iter()
            .filter_map(|p| {
                let mut hit = hit_from(&p.payload)?;
                hit.score = p.score;
                Some(hit)
            })
            .collect();
        let visible = self.visible(hits.iter().map(|h| h.document_id.as_str()))?;
        Ok(hits
            .into_iter()
            .filter(|h| visible.contains(&h.document_id))
            .collect())
    }

    /// Nearest passages of `scope` by the dense vectors (best part per passage).
    pub fn search_vector(
        &self,
        vector: &[f32],
        scope: &Scope,
        top_k: usize,
    ) -> Result<Vec<VectorHit>, VectorError> {
        let hits = self.vectors.search(vector, scope, top_k)?;
        let visible = self.visible(hits.iter().filter_map(|h| document_of_chunk(&h.chunk_id)))?;
        Ok(hits
            .into_iter()
            .filter(|h| document_of_chunk(&h.chunk_id).is_some_and(|d| visible.contains(d)))
            .collect())
    }

    /// Whether some visible passage of `scope` has the analysed term in a searched field.
    pub fn contains_term(&self, term: &str, scope: &Scope) -> Result<bool, VectorError> {
        let Ok(filter) = scope_filter(scope) else {
            return Ok(false);
        };
        let (indices, values) = sparse::any_field(term);
        let name = self.vectors.collection().to_string();
        let response = self.connection().call("term lookup", |c: Qdrant| {
            let mut request = QueryPointsBuilder::new(name.clone())
                .query(VectorInput::new_sparse(indices.clone(), values.clone()))
                .using(KEYWORD)
                .limit(8)
                .with_payload(qdrant_client::qdrant::PayloadIncludeSelector {
                    fields: vec!["document_id".into()],
                });
            if let Some(filter) = &filter {
                request = request.filter(filter.clone());
            }
            async move { c.query(request).await }
        })?;
        let documents: Vec<String> = response
            .result
            .iter()
            .filter_map(|p| payload_str(&p.payload, "document_id"))
            .collect();
        Ok(!self
            .visible(documents.iter().map(String::as_str))?
            .is_empty())
    }

    /// Which of `document_ids` have a record, i.e. are visible.
    fn visible<'a>(
        &self,
        document_ids: impl Iterator<Item = &'a str>,
    ) -> Result<HashSet<String>, VectorError> {
        let wanted: HashSet<&str> = document_ids.collect();
        if wanted.is_empty() {
            return Ok(HashSet::new());
        }
        let ids: Vec<PointId> = wanted.iter().map(|d| document_record_id(d)).collect();
        let points = self.get_records(ids, &["document_id"])?;
        Ok(points
            .iter()
            .filter_map(|p| payload_str(&p.payload, "document_id"))
            .collect())
    }

    fn get_records(
        &self,
        ids: Vec<PointId>,
        fields: &[&str],
    ) -> Result<Vec<RetrievedPoint>, VectorError> {
        let name = self.documents.clone();
        let fields: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
        let response = self.connection().call("read records", |c: Qdrant| {
            let request = GetPointsBuilder::new(name.clone(), ids.clone()).with_payload(
                qdrant_client::qdrant::PayloadIncludeSelector {
                    fields: fields.clone(),
                },
            );
            async move { c.get_points(request).await }
        })?;
        Ok(response.result)
    }

    /// The passages with the given ids, in the order given; unknown ones are left out.
    pub fn hits_by_chunk_ids(&self, chunk_ids: &[String]) -> Result<Vec<Hit>, VectorError> {
        if chunk_ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<PointId> = chunk_ids.iter().map(|c| point_id(c, 0).into()).collect();
        let name = self.vectors.collection().to_string();
        let response = self.connection().call("read passages", |c: Qdrant| {
            let request = GetPointsBuilder::new(name.clone(), ids.clone()).with_payload(true);
            async move { c.get_points(request).await }
        })?;
        let mut by_id: HashMap<String, Hit> = response
            .result
            .iter()
            .filter_map(|p| hit_from(&p.payload))
            .map(|h| (h.chunk_id.clone(), h))
            .collect();
        Ok(chunk_ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// All points of `collection` matching `filter`, page by page.
    fn scroll(
        &self,
        collection: &str,
        filter: Option<Filter>,
        payload: bool,
    ) -> Result<Vec<RetrievedPoint>, VectorError> {
        let mut out = Vec::new();
        let mut offset: Option<PointId> = None;
        loop {
            let name = collection.to_string();
            let response = self.connection().call("scroll", |c: Qdrant| {
                let mut request = ScrollPointsBuilder::new(name.clone())
                    .limit(SCROLL_PAGE)
                    .with_payload(payload);
                if let Some(filter) = &filter {
                    request = request.filter(filter.clone());
                }
                if let Some(offset) = &offset {
                    request = request.offset(offset.clone());
                }
                async move { c.scroll(request).await }
            })?;
            out.extend(response.result);
            match response.next_page_offset {
                Some(next) => offset = Some(next),
                None => return Ok(out),
            }
        }
    }

    /// The document records of `scope`, sorted by collection, title and source.
    pub fn documents(&self, scope: &Scope) -> Result<Vec<DocumentMeta>, VectorError> {
        let Ok(filter) = scope_filter(scope) else {
            return Ok(Vec::new());
        };
        let mut must = vec![Condition::matches("kind", "document".to_string())];
        if let Some(filter) = filter {
            must.extend(filter.must);
        }
        let points = self.scroll(&self.documents, Some(Filter::must(must)), true)?;
        let mut docs = Vec::with_capacity(points.len());
        for p in points {
            let meta = payload_str(&p.payload, "meta").ok_or_else(|| corrupt("document record"))?;
            docs.push(
                serde_json::from_str::<DocumentMeta>(&meta)
                    .map_err(|e| corrupt(&format!("document record: {e}")))?,
            );
        }
        lotse_core::sort_documents(&mut docs);
        Ok(docs)
    }

    /// The passages of one document, in order.
    pub fn chunks_of(&self, document_id: &str) -> Result<Vec<Chunk>, VectorError> {
        let filter = Filter::must([
            Condition::matches("document_id", document_id.to_string()),
            Condition::matches("part", 0i64),
        ]);
        let points = self.scroll(self.vectors.collection(), Some(filter), true)?;
        let mut chunks: Vec<Chunk> = points
            .iter()
            .filter_map(|p| chunk_from(&p.payload))
            .collect();
        chunks.sort_by_key(|c| c.ordinal);
        Ok(chunks)
    }

    /// All visible passages, in document and passage order.
    pub fn chunks(&self) -> Result<Vec<(DocumentMeta, Chunk)>, VectorError> {
        let mut out = Vec::new();
        for doc in self.documents(&Scope::All)? {
            for chunk in self.chunks_of(&doc.id)? {
                out.push((doc.clone(), chunk));
            }
        }
        out.sort_by(|a, b| (&a.0.id, a.1.ordinal).cmp(&(&b.0.id, b.1.ordinal)));
        Ok(out)
    }

    /// Passages stored (whole passages, not their parts).
    pub fn chunk_count(&self) -> Result<usize, VectorError> {
        let name = self.vectors.collection().to_string();
        let response = self.connection().call("count", |c: Qdrant| {
            let request = CountPointsBuilder::new(name.clone())
                .filter(Filter::must([Condition::matches("part", 0i64)]))
                .exact(true);
            async move { c.count(request).await }
        })?;
        Ok(response.result.map_or(0, |r| r.count as usize))
    }

    /// Writes a document: its passages (keyword vectors, dense vectors of all parts, the
    /// passage text), then its record, which makes it visible. Idempotent: the same
    /// document written twice, by one replica or two, is stored once.
    pub fn write_document(
        &self,
        meta: &DocumentMeta,
        chunks: &[Chunk],
        vectors: &[VectorPoint],
    ) -> Result<(), VectorError> {
        for chunk in chunks {
            self.analyzer.learn(&chunk.text);
        }
        self.analyzer.learn(&meta.title);
        let mut dense: HashMap<(&str, u32), &VectorPoint> = HashMap::new();
        for v in vectors {
            if v.vector.len() != self.model.dimension {
                return Err(VectorError::Dimension {
                    expected: self.model.dimension,
                    got: v.vector.len(),
                });
            }
            dense.insert((v.chunk_id.as_str(), v.part), v);
        }
        let analysed: Vec<_> = chunks
            .iter()
            .map(|c| {
                sparse::analyse_passage(
                    &self.analyzer,
                    PassageFields {
                        text: &c.text,
                        headings: headings_below_title(&c.section, &meta.title),
                        title: &meta.title,
                    },
                )
            })
            .collect();
        let lengths = {
            let mut vocabulary = self.vocabulary();
            for (_, l) in &analysed {
                vocabulary.lengths.add(*l);
            }
            vocabulary.dirty = true;
            vocabulary.lengths
        };
        let mut points = Vec::with_capacity(vectors.len().max(chunks.len()));
        for (chunk, (tfs, l)) in chunks.iter().zip(&analysed) {
            let (indices, values) = sparse::passage_vector(tfs, *l, &lengths);
            let mut named = NamedVectors::default();
            if !indices.is_empty() {
                named = named.add_vector(KEYWORD, Vector::new_sparse(indices, values));
            }
            if let Some(v) = dense.get(&(chunk.id.as_str(), 0)) {
                named = named.add_vector(DENSE, v.vector.clone());
            }
            points.push(PointStruct::new(
                point_id(&chunk.id, 0),
                named,
                Payload::from(passage_payload(meta, chunk)),
            ));
        }
        for v in vectors.iter().filter(|v| v.part > 0) {
            points.push(PointStruct::new(
                point_id(&v.chunk_id, v.part),
                NamedVectors::default().add_vector(DENSE, v.vector.clone()),
                Payload::from(base_payload(v)),
            ));
        }
        self.vectors.upsert_structs(points)?;
        self.write_record(meta)
    }

    /// Writes (or rewrites) a document record.
    pub fn write_record(&self, meta: &DocumentMeta) -> Result<(), VectorError> {
        let json = serde_json::to_string(meta).map_err(|e| corrupt(&e.to_string()))?;
        let payload = serde_json::json!({
            "kind": "document",
            "document_id": meta.id,
            "collection": meta.collection,
            "source": meta.source,
            "meta": json,
        });
        upsert_record(
            self.connection(),
            &self.documents,
            document_record_id(&meta.id),
            payload,
        )
    }

    /// Removes a document: its record first (it disappears from every replica at once),
    /// then its passages.
    pub fn delete_document(&self, document_id: &str) -> Result<(), VectorError> {
        let name = self.documents.clone();
        let id = document_record_id(document_id);
        self.connection().call("delete record", |c: Qdrant| {
            let request = DeletePointsBuilder::new(name.clone())
                .points(qdrant_client::qdrant::PointsIdsList {
                    ids: vec![id.clone()],
                })
                .wait(true);
            async move { c.delete_points(request).await }
        })?;
        self.vectors.delete_document(document_id)
    }

    /// Points in the passage collection (passages and their parts).
    pub fn point_count(&self) -> Result<usize, VectorError> {
        self.vectors.count()
    }
}

/// `<document id>-<ordinal>` → the document id.
fn document_of_chunk(chunk_id: &str) -> Option<&str> {
    chunk_id.rsplit_once('-').map(|(d, _)| d)
}

fn passage_payload(
    meta: &DocumentMeta,
    chunk: &Chunk,
) -> serde_json::Map<String, serde_json::Value> {
    let mut m = serde_json::Map::new();
    m.insert("chunk_id".into(), chunk.id.clone().into());
    m.insert("part".into(), 0.into());
    m.insert("document_id".into(), meta.id.clone().into());
    m.insert("collection".into(), meta.collection.clone().into());
    m.insert("source".into(), meta.source.clone().into());
    m.insert("title".into(), meta.title.clone().into());
    m.insert("section".into(), chunk.section.clone().into());
    m.insert("text".into(), chunk.text.clone().into());
    m.insert("ordinal".into(), chunk.ordinal.into());
    if let Some(p) = chunk.page {
        m.insert("page".into(), p.into());
    }
    if let Some(p) = chunk.page_end {
        m.insert("page_end".into(), p.into());
    }
    if let Some(c) = chunk.scan_confidence {
        m.insert("scan_confidence".into(), f64::from(c).into());
    }
    m
}

fn hit_from(payload: &HashMap<String, Value>) -> Option<Hit> {
    Some(Hit {
        chunk_id: payload_str(payload, "chunk_id")?,
        document_id: payload_str(payload, "document_id")?,
        source: payload_str(payload, "source")?,
        title: payload_str(payload, "title")?,
        collection: payload_str(payload, "collection")?,
        page: payload_u64(payload, "page").map(|p| p as u32),
        page_end: payload_u64(payload, "page_end").map(|p| p as u32),
        section: payload_str(payload, "section")?,
        text: payload_str(payload, "text")?,
        score: 0.0,
        ranks: None,
        keyword_score: None,
        vector_score: None,
        vector_part: None,
        planted: Vec::new(),
        scan_confidence: payload
            .get("scan_confidence")
            .and_then(|v| v.as_double())
            .map(|c| c as f32),
        kind: None,
        superseded_by: None,
        pending_from: None,
        dated: None,
    })
}

fn chunk_from(payload: &HashMap<String, Value>) -> Option<Chunk> {
    let hit = hit_from(payload)?;
    Some(Chunk {
        id: hit.chunk_id,
        document_id: hit.document_id,
        ordinal: payload_u64(payload, "ordinal").unwrap_or(0) as u32,
        section: hit.section,
        text: hit.text,
        page: hit.page,
        page_end: hit.page_end,
        scan_confidence: hit.scan_confidence,
    })
}

fn upsert_record(
    connection: &Connection,
    collection: &str,
    id: PointId,
    payload: serde_json::Value,
) -> Result<(), VectorError> {
    let payload = Payload::try_from(payload).map_err(|e| corrupt(&e.to_string()))?;
    let name = collection.to_string();
    connection.call("write record", |c: Qdrant| {
        let point = PointStruct::new(
            id.clone(),
            NamedVectors::default().add_vector(DENSE, vec![1.0]),
            payload.clone(),
        );
        let request =
            qdrant_client::qdrant::UpsertPointsBuilder::new(name.clone(), vec![point]).wait(true);
        async move { c.upsert_points(request).await }
    })?;
    Ok(())
}

fn write_state(
    connection: &Connection,
    collection: &str,
    key: &str,
    fields: serde_json::Value,
) -> Result<(), VectorError> {
    let mut payload = fields;
    if let Some(m) = payload.as_object_mut() {
        m.insert("kind".into(), "state".into());
    }
    upsert_record(connection, collection, record_id(key), payload)
}

fn read_state(
    connection: &Connection,
    collection: &str,
    key: &str,
) -> Result<Option<HashMap<String, Value>>, VectorError> {
    read_state_fields(connection, collection, key, &[])
}

/// A state record's payload (only `fields`, unless empty).
fn read_state_fields(
    connection: &Connection,
    collection: &str,
    key: &str,
    fields: &[&str],
) -> Result<Option<HashMap<String, Value>>, VectorError> {
    let name = collection.to_string();
    let fields: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
    let response = connection.call("read state", |c: Qdrant| {
        let mut request = GetPointsBuilder::new(name.clone(), vec![record_id(key)]);
        request = if fields.is_empty() {
            request.with_payload(true)
        } else {
            request.with_payload(qdrant_client::qdrant::PayloadIncludeSelector {
                fields: fields.clone(),
            })
        };
        async move { c.get_points(request).await }
    })?;
    Ok(response.result.into_iter().next().map(|p| p.payload))
}
