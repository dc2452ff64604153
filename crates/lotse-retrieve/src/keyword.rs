//! The persistent keyword index: passages and document records in one tantivy index.

use crate::analyzer::{AnalyzerOptions, GermanAnalyzer, STOPWORD_TOKENIZER_NAME, TOKENIZER_NAME};
use crate::compound::Dictionary;
use crate::synonyms;
use crate::{Result, RetrieveError};
use lotse_core::{Chunk, DocumentMeta, Hit, Scope};
use std::path::{Path, PathBuf};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Record kinds stored in the index.
const KIND_CHUNK: &str = "chunk";
const KIND_DOCUMENT: &str = "document";

/// Boosts of the fields a query is matched against. Headings (the section path below the
/// title) and title are short fields, for which BM25's length normalisation already
/// yields high scores on any match; without damping, a word of the document title would
/// outrank the passage that actually answers. The title is the same for every passage of a
/// document, so it only nudges towards the right document.
pub const TEXT_BOOST: f32 = 1.0;
pub const HEADINGS_BOOST: f32 = 0.5;
pub const TITLE_BOOST: f32 = 0.5;

/// File with the learned compound dictionary, beside the tantivy files.
const DICTIONARY_FILE: &str = "compound-words.txt";

/// Memory the tantivy writer may buffer before it flushes a segment.
const WRITER_HEAP_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone, Copy)]
struct Fields {
    kind: Field,
    chunk_id: Field,
    document_id: Field,
    collection: Field,
    source: Field,
    title: Field,
    section: Field,
    headings: Field,
    text: Field,
    page: Field,
    page_end: Field,
    ordinal: Field,
    meta: Field,
    /// The stop words of the passage text, searched only by queries of stop words alone.
    /// `None` in indexes made before the field existed.
    stopwords: Option<Field>,
    /// OCR confidence of passages read from scans. `None` in indexes made before OCR.
    scan_confidence: Option<Field>,
}

impl Fields {
    /// The fields of an existing index, by name.
    fn of(schema: &Schema) -> Result<Fields> {
        let field = |name: &str| {
            schema.get_field(name).map_err(|_| {
                RetrieveError::Corrupt(format!("the keyword index has no field {name:?}"))
            })
        };
        Ok(Fields {
            kind: field("kind")?,
            chunk_id: field("chunk_id")?,
            document_id: field("document_id")?,
            collection: field("collection")?,
            source: field("source")?,
            title: field("title")?,
            section: field("section")?,
            headings: field("headings")?,
            text: field("text")?,
            page: field("page")?,
            page_end: field("page_end")?,
            ordinal: field("ordinal")?,
            meta: field("meta")?,
            stopwords: schema.get_field("stopwords").ok(),
            scan_confidence: schema.get_field("scan_confidence").ok(),
        })
    }
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let analyzed = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER_NAME)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        kind: b.add_text_field("kind", STRING),
        chunk_id: b.add_text_field("chunk_id", STRING | STORED),
        document_id: b.add_text_field("document_id", STRING | STORED),
        collection: b.add_text_field("collection", STRING | STORED),
        source: b.add_text_field("source", STRING | STORED),
        title: b.add_text_field("title", analyzed.clone()),
        section: b.add_text_field("section", STORED),
        headings: b.add_text_field("headings", analyzed.clone()),
        text: b.add_text_field("text", analyzed),
        page: b.add_u64_field("page", STORED),
        page_end: b.add_u64_field("page_end", STORED),
        ordinal: b.add_u64_field("ordinal", STORED | INDEXED | FAST),
        meta: b.add_text_field("meta", STORED),
        stopwords: Some(
            b.add_text_field(
                "stopwords",
                TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(STOPWORD_TOKENIZER_NAME)
                        .set_index_option(IndexRecordOption::WithFreqs),
                ),
            ),
        ),
        scan_confidence: Some(b.add_f64_field("scan_confidence", STORED)),
    };
    (b.build(), fields)
}

/// The keyword index. Reads are lock-free; one writer at a time, process-wide and across
/// processes (tantivy's lock file).
pub struct KeywordIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    analyzer: GermanAnalyzer,
    dir: Option<PathBuf>,
    /// Synonym groups the keyword query is expanded with ([`crate::synonyms`]), analysed.
    synonyms: synonyms::AnalysedGroups,
}

impl std::fmt::Debug for KeywordIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeywordIndex")
            .field("dir", &self.dir)
            .field("analyzer", &self.analyzer)
            .finish_non_exhaustive()
    }
}

impl KeywordIndex {
    /// Opens the index in `dir`, creating it if it does not exist yet.
    pub fn open(dir: &Path, options: AnalyzerOptions) -> Result<KeywordIndex> {
        std::fs::create_dir_all(dir).map_err(|source| RetrieveError::Io {
            path: dir.display().to_string(),
            source,
        })?;
        let (schema, fields) = schema();
        let directory = MmapDirectory::open(dir).map_err(|e| RetrieveError::Io {
            path: dir.display().to_string(),
            source: std::io::Error::other(e.to_string()),
        })?;
        // an index made by an earlier version keeps its schema (it may lack newer fields)
        let (index, fields) = if Index::exists(&directory).map_err(tantivy::TantivyError::from)? {
            let index = Index::open(directory)?;
            let fields = Fields::of(&index.schema())?;
            (index, fields)
        } else {
            (
                Index::create(directory, schema, tantivy::IndexSettings::default())?,
                fields,
            )
        };
        let dictionary = load_dictionary(&dir.join(DICTIONARY_FILE))?;
        Self::with_index(index, fields, options, dictionary, Some(dir.to_path_buf()))
    }

    /// An index in RAM, for tests and measurements.
    pub fn in_memory(options: AnalyzerOptions) -> Result<KeywordIndex> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        Self::with_index(index, fields, options, Dictionary::new(), None)
    }

    fn with_index(
        index: Index,
        fields: Fields,
        options: AnalyzerOptions,
        dictionary: Dictionary,
        dir: Option<PathBuf>,
    ) -> Result<KeywordIndex> {
        let analyzer = GermanAnalyzer::new(options, dictionary);
        index
            .tokenizers()
            .register(TOKENIZER_NAME, analyzer.clone());
        index
            .tokenizers()
            .register(STOPWORD_TOKENIZER_NAME, analyzer.stopword_tokenizer());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(KeywordIndex {
            index,
            reader,
            fields,
            dir,
            synonyms: synonyms::analyse(&analyzer, &synonyms::parse_groups(synonyms::BUILT_IN)),
            analyzer,
        })
    }

    /// Adds synonym groups (the format of [`synonyms::parse_groups`]) to the built-in ones.
    pub fn add_synonyms(&mut self, text: &str) {
        let groups = synonyms::analyse(&self.analyzer, &synonyms::parse_groups(text));
        self.synonyms.extend(groups);
    }

    /// Whether some passage of the collections in `scope` has the analysed term `term` in
    /// its text, headings or title.
    pub fn contains_term(&self, term: &str, scope: &Scope) -> Result<bool> {
        let any_field: Vec<(Occur, Box<dyn Query>)> = self
            .searched_fields()
            .into_iter()
            .map(|(field, _)| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(field, term),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect();
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(BooleanQuery::new(any_field))),
            (Occur::Must, self.filter(KIND_CHUNK, scope)),
        ]);
        Ok(self.reader.searcher().search(&query, &Count)? > 0)
    }

    /// The fields a query searches, with their boosts; a term "occurs" if it is in one.
    fn searched_fields(&self) -> [(Field, f32); 3] {
        [
            (self.fields.text, TEXT_BOOST),
            (self.fields.headings, HEADINGS_BOOST),
            (self.fields.title, TITLE_BOOST),
        ]
    }

    /// What a word with analysed terms `word_terms` is also called, by the synonym groups:
    /// each alternative as its analysed words ("Homeoffice" → [["mobil", "arbeit"], …]).
    pub fn synonym_alternatives(&self, word_terms: &[String]) -> Vec<Vec<String>> {
        synonyms::alternatives(&self.synonyms, word_terms)
    }

    pub fn analyzer(&self) -> &GermanAnalyzer {
        &self.analyzer
    }

    /// Takes the single writer. Fails with [`RetrieveError::Locked`] if another process
    /// writes.
    pub fn writer(&self) -> Result<KeywordWriter<'_>> {
        let writer = self
            .index
            .writer_with_num_threads(1, WRITER_HEAP_BYTES)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => RetrieveError::Locked(
                    self.dir
                        .as_ref()
                        .map_or("memory".into(), |d| d.display().to_string()),
                ),
                other => RetrieveError::Tantivy(other),
            })?;
        Ok(KeywordWriter {
            index: self,
            writer,
            dirty: false,
        })
    }

    /// Sees the latest commit (of this or another process).
    pub fn refresh(&self) -> Result<()> {
        self.reader.reload()?;
        Ok(())
    }

    /// BM25 search over the passages of the collections in `scope`.
    /// Stop words count only when the query has nothing else ("Können Dürfen Wollen").
    pub fn search(&self, query: &str, scope: &Scope, top_k: usize) -> Result<Vec<Hit>> {
        let weighted = weighted_query_terms(&self.analyzer, &self.synonyms, query);
        if top_k == 0 {
            return Ok(Vec::new());
        }
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if weighted.is_empty()
            && let Some(field) = self.fields.stopwords
        {
            for term in self.analyzer.stopword_terms(query) {
                let q = TermQuery::new(
                    Term::from_field_text(field, &term),
                    IndexRecordOption::WithFreqs,
                );
                should.push((Occur::Should, Box::new(q)));
            }
        }
        if weighted.is_empty() && should.is_empty() {
            return Ok(Vec::new());
        }
        for (field, field_boost) in self.searched_fields() {
            for (term, weight) in &weighted {
                let boost = field_boost * weight;
                let q = TermQuery::new(
                    Term::from_field_text(field, term),
                    IndexRecordOption::WithFreqs,
                );
                should.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
            }
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, Box::new(BooleanQuery::new(should))),
            (Occur::Must, self.filter(KIND_CHUNK, scope)),
        ];
        clauses.shrink_to_fit();
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(top_k).order_by_score())?;
        top.into_iter()
            .map(|(score, address)| {
                let doc: TantivyDocument = searcher.doc(address)?;
                let mut hit = self.hit_from(&doc)?;
                hit.score = score;
                Ok(hit)
            })
            .collect()
    }

    /// Constant-score filter on record kind and the collections of `scope`; this is where
    /// permissions enter the keyword search. An empty scope matches no record.
    fn filter(&self, kind: &str, scope: &Scope) -> Box<dyn Query> {
        let kind_query: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(self.fields.kind, kind),
            IndexRecordOption::Basic,
        ));
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, kind_query)];
        if let Some(collections) = scope.collections() {
            // a boolean query without clauses matches nothing, which is right for an
            // empty scope
            let any: Vec<(Occur, Box<dyn Query>)> = collections
                .iter()
                .map(|c| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.collection, c),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(must)), 0.0))
    }

    fn hit_from(&self, doc: &TantivyDocument) -> Result<Hit> {
        let f = &self.fields;
        Ok(Hit {
            chunk_id: text_of(doc, f.chunk_id)?,
            document_id: text_of(doc, f.document_id)?,
            source: text_of(doc, f.source)?,
            title: text_of(doc, f.title)?,
            collection: text_of(doc, f.collection)?,
            page: u64_of(doc, f.page).map(|p| p as u32),
            page_end: u64_of(doc, f.page_end).map(|p| p as u32),
            section: text_of(doc, f.section)?,
            text: text_of(doc, f.text)?,
            score: 0.0,
            ranks: None,
            keyword_score: None,
            vector_score: None,
            vector_part: None,
            planted: Vec::new(),
            scan_confidence: f
                .scan_confidence
                .and_then(|field| doc.get_first(field))
                .and_then(|v| v.as_f64())
                .map(|c| c as f32),
            kind: None,
            superseded_by: None,
            pending_from: None,
            dated: None,
        })
    }

    /// The passages with the given ids, in the order given; unknown ids are left out.
    pub fn hits_by_chunk_ids(&self, chunk_ids: &[String]) -> Result<Vec<Hit>> {
        let searcher = self.reader.searcher();
        let mut out = Vec::with_capacity(chunk_ids.len());
        for id in chunk_ids {
            let query = TermQuery::new(
                Term::from_field_text(self.fields.chunk_id, id),
                IndexRecordOption::Basic,
            );
            if let Some((_, address)) = searcher
                .search(&query, &TopDocs::with_limit(1).order_by_score())?
                .into_iter()
                .next()
            {
                let doc: TantivyDocument = searcher.doc(address)?;
                out.push(self.hit_from(&doc)?);
            }
        }
        Ok(out)
    }

    /// The document records of the collections in `scope`, sorted by collection and title.
    pub fn documents(&self, scope: &Scope) -> Result<Vec<DocumentMeta>> {
        let searcher = self.reader.searcher();
        let addresses = searcher.search(&*self.filter(KIND_DOCUMENT, scope), &DocSetCollector)?;
        let mut docs = Vec::with_capacity(addresses.len());
        for address in addresses {
            let doc: TantivyDocument = searcher.doc(address)?;
            let meta = text_of(&doc, self.fields.meta)?;
            let meta: DocumentMeta = serde_json::from_str(&meta)
                .map_err(|e| RetrieveError::Corrupt(format!("document record: {e}")))?;
            docs.push(meta);
        }
        lotse_core::sort_documents(&mut docs);
        Ok(docs)
    }

    /// Number of passages in the index.
    pub fn chunk_count(&self) -> Result<usize> {
        let searcher = self.reader.searcher();
        Ok(searcher.search(&*self.filter(KIND_CHUNK, &Scope::All), &Count)?)
    }

    /// The passages of one document, in order.
    pub fn chunks_of(&self, document_id: &str) -> Result<Vec<Chunk>> {
        let searcher = self.reader.searcher();
        let query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.document_id, document_id),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>,
            ),
            (Occur::Must, self.filter(KIND_CHUNK, &Scope::All)),
        ]);
        let mut out = Vec::new();
        for address in searcher.search(&query, &DocSetCollector)? {
            let doc: TantivyDocument = searcher.doc(address)?;
            out.push(self.chunk_from(&doc)?);
        }
        out.sort_by_key(|c| c.ordinal);
        Ok(out)
    }

    fn chunk_from(&self, doc: &TantivyDocument) -> Result<Chunk> {
        let hit = self.hit_from(doc)?;
        Ok(Chunk {
            id: hit.chunk_id,
            document_id: hit.document_id,
            ordinal: u64_of(doc, self.fields.ordinal).unwrap_or(0) as u32,
            section: hit.section,
            text: hit.text,
            page: hit.page,
            page_end: hit.page_end,
            scan_confidence: hit.scan_confidence,
        })
    }

    /// All passages, in document and passage order (for re-indexing and measurements).
    pub fn chunks(&self) -> Result<Vec<(DocumentMeta, Chunk)>> {
        let documents = self.documents(&Scope::All)?;
        let by_id: std::collections::HashMap<&str, &DocumentMeta> =
            documents.iter().map(|d| (d.id.as_str(), d)).collect();
        let searcher = self.reader.searcher();
        let addresses =
            searcher.search(&*self.filter(KIND_CHUNK, &Scope::All), &DocSetCollector)?;
        let mut out = Vec::with_capacity(addresses.len());
        for address in addresses {
            let doc: TantivyDocument = searcher.doc(address)?;
            let hit = self.hit_from(&doc)?;
            let Some(meta) = by_id.get(hit.document_id.as_str()) else {
                continue;
            };
            let ordinal = u64_of(&doc, self.fields.ordinal).unwrap_or(0) as u32;
            out.push((
                (*meta).clone(),
                Chunk {
                    id: hit.chunk_id,
                    document_id: hit.document_id,
                    ordinal,
                    section: hit.section,
                    text: hit.text,
                    page: hit.page,
                    page_end: hit.page_end,
                    scan_confidence: hit.scan_confidence,
                },
            ));
        }
        out.sort_by(|a, b| (&a.0.id, a.1.ordinal).cmp(&(&b.0.id, b.1.ordinal)));
        Ok(out)
    }
}

/// The terms a keyword query searches, with their weights: the query's own analysed terms
/// (1.0) and what the synonym groups add ([`synonyms::SYNONYM_WEIGHT`]). Shared by the
/// tantivy index and the Qdrant cluster index so both rank alike.
pub fn weighted_query_terms(
    analyzer: &GermanAnalyzer,
    groups: &synonyms::AnalysedGroups,
    query: &str,
) -> Vec<(String, f32)> {
    let terms = analyzer.terms(query);
    let expanded = synonyms::expand(groups, &terms);
    terms
        .into_iter()
        .map(|t| (t, 1.0))
        .chain(expanded.into_iter().map(|t| (t, synonyms::SYNONYM_WEIGHT)))
        .collect()
}

/// The section path without the document title at its root.
pub fn headings_below_title<'a>(section: &'a str, title: &str) -> &'a str {
    match section.strip_prefix(title) {
        Some(rest) => rest
            .strip_prefix(lotse_core::SECTION_SEPARATOR)
            .unwrap_or(rest),
        None => section,
    }
}

fn text_of(doc: &TantivyDocument, field: Field) -> Result<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
        .ok_or_else(|| RetrieveError::Corrupt(format!("missing field {field:?}")))
}

fn u64_of(doc: &TantivyDocument, field: Field) -> Option<u64> {
    doc.get_first(field).and_then(|v| v.as_u64())
}

fn load_dictionary(path: &Path) -> Result<Dictionary> {
    let mut dictionary = Dictionary::new();
    match std::fs::read_to_string(path) {
        Ok(text) => {
            for word in text.lines() {
                dictionary.insert(word.trim());
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(RetrieveError::Io {
                path: path.display().to_string(),
                source,
            });
        }
    }
    Ok(dictionary)
}

/// The writer. Changes become visible, all together, at [`KeywordWriter::commit`]; a crash
/// before that leaves the index as of the last commit.
pub struct KeywordWriter<'a> {
    index: &'a KeywordIndex,
    writer: IndexWriter,
    dirty: bool,
}

impl std::fmt::Debug for KeywordWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeywordWriter")
            .field("dirty", &self.dirty)
            .finish_non_exhaustive()
    }
}

impl KeywordWriter<'_> {
    /// Adds a document record and its passages. The passages' words are learned into the
    /// compound dictionary first, so compounds in this very document can be split.
    pub fn add_document(&mut self, meta: &DocumentMeta, chunks: &[Chunk]) -> Result<()> {
        let f = self.index.fields;
        for chunk in chunks {
            self.index.analyzer.learn(&chunk.text);
        }
        self.index.analyzer.learn(&meta.title);
        self.writer.add_document(self.record(meta)?)?;
        for chunk in chunks {
            let mut doc = TantivyDocument::new();
            doc.add_text(f.kind, KIND_CHUNK);
            doc.add_text(f.chunk_id, &chunk.id);
            doc.add_text(f.document_id, &meta.id);
            doc.add_text(f.collection, &meta.collection);
            doc.add_text(f.source, &meta.source);
            doc.add_text(f.title, &meta.title);
            doc.add_text(f.section, &chunk.section);
            doc.add_text(
                f.headings,
                headings_below_title(&chunk.section, &meta.title),
            );
            doc.add_text(f.text, &chunk.text);
            if let Some(stopwords) = f.stopwords {
                doc.add_text(stopwords, &chunk.text);
            }
            if let Some(p) = chunk.page {
                doc.add_u64(f.page, u64::from(p));
            }
            if let Some(p) = chunk.page_end {
                doc.add_u64(f.page_end, u64::from(p));
            }
            if let (Some(field), Some(c)) = (f.scan_confidence, chunk.scan_confidence) {
                doc.add_f64(field, f64::from(c));
            }
            doc.add_u64(f.ordinal, u64::from(chunk.ordinal));
            self.writer.add_document(doc)?;
        }
        self.dirty = true;
        Ok(())
    }

    /// Rewrites a document's record (not its passages), e.g. after its vectors were made.
    pub fn update_document_record(&mut self, meta: &DocumentMeta) -> Result<()> {
        let f = self.index.fields;
        let record_of = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.kind, KIND_DOCUMENT),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>,
            ),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.document_id, &meta.id),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        self.writer.delete_query(Box::new(record_of))?;
        self.writer.add_document(self.record(meta)?)?;
        self.dirty = true;
        Ok(())
    }

    fn record(&self, meta: &DocumentMeta) -> Result<TantivyDocument> {
        let f = self.index.fields;
        let meta_json = serde_json::to_string(meta)
            .map_err(|e| RetrieveError::Corrupt(format!("document record: {e}")))?;
        let mut record = TantivyDocument::new();
        record.add_text(f.kind, KIND_DOCUMENT);
        record.add_text(f.document_id, &meta.id);
        record.add_text(f.collection, &meta.collection);
        record.add_text(f.source, &meta.source);
        record.add_text(f.meta, &meta_json);
        Ok(record)
    }

    /// Deletes a document record and all its passages.
    pub fn delete_document(&mut self, document_id: &str) {
        self.writer.delete_term(Term::from_field_text(
            self.index.fields.document_id,
            document_id,
        ));
        self.dirty = true;
    }

    /// Makes all changes since the last commit durable and visible, atomically.
    pub fn commit(&mut self) -> Result<()> {
        if !self.dirty {
            return Ok(());
        }
        if let Some(dir) = &self.index.dir {
            save_dictionary(
                &dir.join(DICTIONARY_FILE),
                &self.index.analyzer.dictionary_words(),
            )?;
        }
        self.writer.commit()?;
        self.index.reader.reload()?;
        self.dirty = false;
        Ok(())
    }
}

/// Writes the dictionary to a temporary file and renames it over the old one, so a crash
/// leaves either the old or the new dictionary.
fn save_dictionary(path: &Path, words: &[String]) -> Result<()> {
    let tmp = path.with_extension("txt.tmp");
    let io = |source| RetrieveError::Io {
        path: path.display().to_string(),
        source,
    };
    std::fs::write(&tmp, words.join("\n")).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lotse_core::Format;

    fn meta(id: &str, collection: &str, title: &str) -> DocumentMeta {
        DocumentMeta {
            id: id.into(),
            source: format!("{id}.md"),
            title: title.into(),
            collection: collection.into(),
            format: Format::Markdown,
            content_sha256: "0".into(),
            ingested_at: "2026-01-01T00:00:00Z".into(),
            stand: None,
            pages: None,
            chunks: 1,
            bytes: 1,
            embedding_model: None,
            flagged_passages: 0,
            scanned_pages: 0,
            validity: Default::default(),
            kind: None,
            superseded_by: None,
        }
    }

    fn chunk(doc: &str, ordinal: u32, section: &str, text: &str) -> Chunk {
        Chunk {
            id: format!("{doc}-{ordinal}"),
            document_id: doc.into(),
            ordinal,
            section: section.into(),
            text: text.into(),
            page: Some(ordinal + 1),
            page_end: None,
            scan_confidence: None,
        }
    }

    fn sample() -> KeywordIndex {
        let index = KeywordIndex::in_memory(AnalyzerOptions::default()).unwrap();
        let mut w = index.writer().unwrap();
        w.add_document(
            &meta("ki", "allgemein", "Dienstanweisung KI"),
            &[
                chunk(
                    "ki",
                    0,
                    "Dienstanweisung KI › § 7 Protokollierung",
                    "Nutzungsdaten werden 90 Tage gespeichert und danach gelöscht.",
                ),
                chunk(
                    "ki",
                    1,
                    "Dienstanweisung KI › § 5 Qualifizierung",
                    "Vor der ersten Nutzung ist eine Schulung zu absolvieren.",
                ),
            ],
        )
        .unwrap();
        w.add_document(
            &meta("rk", "personal", "Merkblatt Reisekosten"),
            &[chunk(
                "rk",
                0,
                "Merkblatt Reisekosten › 3 Abrechnung",
                "Die Abrechnung der Reisekosten ist binnen sechs Monaten einzureichen.",
            )],
        )
        .unwrap();
        w.commit().unwrap();
        index
    }

    #[test]
    fn finds_passages_by_inflected_words_and_compounds() {
        let index = sample();
        let hits = index
            .search("Wie lange speichert man Nutzungsdaten?", &Scope::All, 5)
            .unwrap();
        assert_eq!(hits[0].chunk_id, "ki-0");
        assert_eq!(hits[0].page, Some(1));
        assert_eq!(hits[0].section, "Dienstanweisung KI › § 7 Protokollierung");
        let hits = index
            .search("Frist Reisekostenabrechnung", &Scope::All, 5)
            .unwrap();
        assert_eq!(hits[0].chunk_id, "rk-0");
    }

    #[test]
    fn stop_words_count_only_when_nothing_else_is_asked() {
        let index = sample();
        let mut w = index.writer().unwrap();
        w.add_document(
            &meta("leit", "allgemein", "Leitbild"),
            &[chunk(
                "leit",
                0,
                "Leitbild",
                "Können, Dürfen, Wollen: so beschreibt das Leitbild den Weg zur KI.",
            )],
        )
        .unwrap();
        w.commit().unwrap();
        index.refresh().unwrap();
        // all three are stop words: the query is made of them
        let hits = index
            .search("Können Dürfen Wollen", &Scope::All, 5)
            .unwrap();
        assert_eq!(
            hits.first().map(|h| h.chunk_id.as_str()),
            Some("leit-0"),
            "{hits:?}"
        );
        // with another word they are dropped as before: "Schulung" decides
        let hits = index
            .search("können wir die Schulung", &Scope::All, 5)
            .unwrap();
        assert_eq!(hits[0].chunk_id, "ki-1", "{hits:?}");
        assert!(hits.iter().all(|h| h.chunk_id != "leit-0"), "{hits:?}");
        // the scope still applies
        assert!(
            index
                .search("Können Dürfen Wollen", &Scope::only(["personal"]), 5)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn an_index_of_an_earlier_version_opens_without_the_stop_word_field() {
        let dir = tempfile::tempdir().unwrap();
        {
            // an index with the schema of before, without "stopwords"
            let mut b = Schema::builder();
            let analyzed = TextOptions::default().set_stored().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(TOKENIZER_NAME)
                    .set_index_option(IndexRecordOption::WithFreqs),
            );
            for name in ["kind", "chunk_id", "document_id", "collection", "source"] {
                b.add_text_field(name, STRING | STORED);
            }
            b.add_text_field("title", analyzed.clone());
            b.add_text_field("section", STORED);
            b.add_text_field("headings", analyzed.clone());
            b.add_text_field("text", analyzed);
            b.add_u64_field("page", STORED);
            b.add_u64_field("page_end", STORED);
            b.add_u64_field("ordinal", STORED | INDEXED | FAST);
            b.add_text_field("meta", STORED);
            Index::create_in_dir(dir.path(), b.build()).unwrap();
        }
        let index = KeywordIndex::open(dir.path(), AnalyzerOptions::default()).unwrap();
        let mut w = index.writer().unwrap();
        w.add_document(
            &meta("alt", "allgemein", "Alt"),
            &[chunk("alt", 0, "Alt", "Die Frist beträgt zwei Wochen.")],
        )
        .unwrap();
        w.commit().unwrap();
        index.refresh().unwrap();
        assert_eq!(index.search("Frist", &Scope::All, 5).unwrap().len(), 1);
        assert!(index.search("Die", &Scope::All, 5).unwrap().is_empty());
    }

    #[test]
    fn collection_filter_is_applied_inside_the_query() {
        let index = sample();
        let hits = index
            .search("Reisekosten Schulung", &Scope::only(["allgemein"]), 5)
            .unwrap();
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|h| h.collection == "allgemein"));
        assert!(
            index
                .search("Reisekosten", &Scope::only(["allgemein"]), 5)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn an_empty_scope_finds_no_passage_no_term_and_no_document() {
        let index = sample();
        let nothing = Scope::only(Vec::<String>::new());
        assert!(index.search("Reisekosten", &nothing, 5).unwrap().is_empty());
        let term = index.analyzer.terms("Reisekosten")[0].clone();
        assert!(index.contains_term(&term, &Scope::All).unwrap());
        assert!(!index.contains_term(&term, &nothing).unwrap());
        assert!(index.documents(&nothing).unwrap().is_empty());
        let personal_docs = index.documents(&Scope::only(["personal"])).unwrap();
        assert!(!personal_docs.is_empty());
        assert!(personal_docs.iter().all(|d| d.collection == "personal"));
    }

    #[test]
    fn section_and_title_count_for_matching() {
        let index = sample();
        let hits = index.search("Qualifizierung", &Scope::All, 5).unwrap();
        assert_eq!(hits[0].chunk_id, "ki-1");
    }

    #[test]
    fn delete_removes_record_and_passages_at_commit() {
        let index = sample();
        assert_eq!(index.documents(&Scope::All).unwrap().len(), 2);
        let mut w = index.writer().unwrap();
        w.delete_document("ki");
        // not visible before the commit
        assert_eq!(index.chunk_count().unwrap(), 3);
        w.commit().unwrap();
        assert_eq!(index.chunk_count().unwrap(), 1);
        let docs = index.documents(&Scope::All).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].id, "rk");
        assert!(
            index
                .search("Nutzungsdaten", &Scope::All, 5)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn persists_index_and_dictionary_and_refuses_a_second_writer() {
        let dir = tempfile::tempdir().unwrap();
        {
            let index = KeywordIndex::open(dir.path(), AnalyzerOptions::default()).unwrap();
            let mut w = index.writer().unwrap();
            w.add_document(
                &meta("rk", "allgemein", "Reisekosten"),
                &[chunk(
                    "rk",
                    0,
                    "R",
                    "Die Abrechnung der Reisekosten erfolgt digital.",
                )],
            )
            .unwrap();
            w.commit().unwrap();
            let second = KeywordIndex::open(dir.path(), AnalyzerOptions::default()).unwrap();
            assert!(matches!(second.writer(), Err(RetrieveError::Locked(_))));
        }
        let index = KeywordIndex::open(dir.path(), AnalyzerOptions::default()).unwrap();
        let hits = index
            .search("Reisekostenabrechnung", &Scope::All, 5)
            .unwrap();
        assert_eq!(hits.len(), 1, "dictionary must survive a restart");
        assert_eq!(index.chunks().unwrap().len(), 1);
    }
}
