//! The default vector store: Qdrant embedded in the process (`qdrant-edge`), persistent in
//! the data directory.
//!
//! Points are keyed by a 64-bit hash of chunk id and part (Qdrant needs integer or UUID
//! ids); the payload carries chunk id, part, document id and collection, with keyword indexes on the
//! latter two so that the collection filter runs inside the HNSW search and deletes by
//! document are cheap. Below Qdrant's indexing threshold a segment is searched exactly;
//! [`EdgeVectorStore::optimize`] builds the HNSW graph once a segment is large enough.

use lotse_core::{Scope, VectorError, VectorHit, VectorPoint, VectorStore};
use qdrant_edge::{
    Condition, CountRequest, CreateIndex, Distance, EdgeConfigBuilder, EdgeShard,
    EdgeVectorParamsBuilder, FieldCondition, FieldIndexOperations, Filter, JsonPath, Match,
    NamedQuery, PayloadFieldSchema, PayloadSchemaType, PointId, PointInsertOperations,
    PointOperations, PointStruct, QueryEnum, QueryRequest, ScoringQuery, ScrollRequest,
    UpdateOperation, VectorInternal, VectorStructInternal, WithPayloadInterface, WithVector,
};
use std::collections::HashMap;
use std::path::Path;

const VECTOR_NAME: &str = "passage";

fn store_error(e: impl std::fmt::Display) -> VectorError {
    VectorError::Store(e.to_string())
}

/// Qdrant point id of a passage's part: FNV-1a 64 of the chunk id (and `#part` for parts
/// after the whole passage).
pub fn point_id(chunk_id: &str, part: u32) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    let suffix = if part == 0 {
        String::new()
    } else {
        format!("#{part}")
    };
    for b in chunk_id.bytes().chain(suffix.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Points fetched per wanted passage, since several parts of one passage can rank high.
const PARTS_OVERFETCH: usize = 4;

pub struct EdgeVectorStore {
    shard: EdgeShard,
    dimension: usize,
}

impl std::fmt::Debug for EdgeVectorStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EdgeVectorStore")
            .field("dimension", &self.dimension)
            .finish_non_exhaustive()
    }
}

impl EdgeVectorStore {
    /// Opens the shard in `dir`, creating it for vectors of `dimension` if it doesn't exist.
    pub fn open(dir: &Path, dimension: usize) -> Result<EdgeVectorStore, VectorError> {
        std::fs::create_dir_all(dir).map_err(store_error)?;
        let exists = std::fs::read_dir(dir)
            .map_err(store_error)?
            .next()
            .is_some();
        let shard = if exists {
            EdgeShard::load(dir, None).map_err(store_error)?
        } else {
            let config = EdgeConfigBuilder::new()
                .vector(
                    VECTOR_NAME,
                    EdgeVectorParamsBuilder::new(dimension, Distance::Cosine).build(),
                )
                .build();
            let shard = EdgeShard::new(dir, config).map_err(store_error)?;
            for field in ["collection", "document_id"] {
                shard
                    .update(UpdateOperation::FieldIndexOperation(
                        FieldIndexOperations::CreateIndex(CreateIndex {
                            field_name: json_path(field)?,
                            field_schema: Some(PayloadFieldSchema::FieldType(
                                PayloadSchemaType::Keyword,
                            )),
                        }),
                    ))
                    .map_err(store_error)?;
            }
            shard
        };
        let stored = shard
            .config()
            .vectors
            .get(VECTOR_NAME)
            .map(|params| params.size);
        if let Some(stored) = stored
            && stored != dimension
        {
            return Err(VectorError::Dimension {
                expected: stored,
                got: dimension,
            });
        }
        Ok(EdgeVectorStore { shard, dimension })
    }

    /// The stored points of one document, with their vectors (for moving an index into a
    /// Qdrant cluster without embedding everything again).
    pub fn document_points(&self, document_id: &str) -> Result<Vec<VectorPoint>, VectorError> {
        let filter = document_filter(document_id)?;
        let mut out = Vec::new();
        let mut offset = None;
        loop {
            let (records, next) = self
                .shard
                .scroll(ScrollRequest {
                    offset,
                    limit: Some(1024),
                    filter: Some(filter.clone()),
                    with_payload: Some(WithPayloadInterface::Bool(true)),
                    with_vector: WithVector::Bool(true),
                    order_by: None,
                })
                .map_err(store_error)?;
            for r in records {
                let (Some(payload), Some(VectorStructInternal::Named(vectors))) =
                    (r.payload.as_ref(), r.vector.as_ref())
                else {
                    continue;
                };
                let Some(VectorInternal::Dense(vector)) = vectors.get(VECTOR_NAME) else {
                    continue;
                };
                let text = |k: &str| {
                    payload
                        .0
                        .get(k)
                        .and_then(|v| v.as_str())
                        .map(str::to_string)
                };
                let (Some(chunk_id), Some(collection)) = (text("chunk_id"), text("collection"))
                else {
                    continue;
                };
                out.push(VectorPoint {
                    chunk_id,
                    part: payload
                        .0
                        .get("part")
                        .and_then(|v| v.as_u64())
                        .and_then(|p| u32::try_from(p).ok())
                        .unwrap_or(0),
                    document_id: document_id.to_string(),
                    collection,
                    vector: vector.clone(),
                });
            }
            match next {
                Some(next) => offset = Some(next),
                None => return Ok(out),
            }
        }
    }

    fn check(&self, vector: &[f32]) -> Result<(), VectorError> {
        if vector.len() == self.dimension {
            Ok(())
        } else {
            Err(VectorError::Dimension {
                expected: self.dimension,
                got: vector.len(),
            })
        }
    }
}

fn json_path(field: &str) -> Result<JsonPath, VectorError> {
    field
        .parse()
        .map_err(|_| VectorError::Store(format!("invalid payload field {field:?}")))
}

fn document_filter(document_id: &str) -> Result<Filter, VectorError> {
    Ok(Filter {
        must: Some(vec![match_field(
            "document_id",
            document_id.to_string().into(),
        )?]),
        ..Filter::default()
    })
}

fn match_field(field: &str, value: Match) -> Result<Condition, VectorError> {
    Ok(Condition::Field(FieldCondition::new_match(
        json_path(field)?,
        value,
    )))
}

impl VectorStore for EdgeVectorStore {
    fn upsert(&self, points: &[VectorPoint]) -> Result<(), VectorError> {
        if points.is_empty() {
            return Ok(());
        }
        let mut batch = Vec::with_capacity(points.len());
        for p in points {
            self.check(&p.vector)?;
            let vectors = HashMap::from([(VECTOR_NAME.to_string(), p.vector.clone())]);
            let payload = serde_json::json!({
                "chunk_id": p.chunk_id,
                "part": p.part,
                "document_id": p.document_id,
                "collection": p.collection,
            });
            batch.push(
                PointStruct::new(
                    PointId::NumId(point_id(&p.chunk_id, p.part)),
                    vectors,
                    payload,
                )
                .into(),
            );
        }
        self.shard
            .update(UpdateOperation::PointOperation(
                PointOperations::UpsertPoints(PointInsertOperations::PointsList(batch)),
            ))
            .map_err(store_error)
    }

    fn delete_document(&self, document_id: &str) -> Result<(), VectorError> {
        let filter = document_filter(document_id)?;
        self.shard
            .update(UpdateOperation::PointOperation(
                PointOperations::DeletePointsByFilter(filter),
            ))
            .map_err(store_error)
    }

    fn search(
        &self,
        vector: &[f32],
        scope: &Scope,
        top_k: usize,
    ) -> Result<Vec<VectorHit>, VectorError> {
        self.check(vector)?;
        // permissions enter here, as Qdrant's own filter of the search
        let filter = match scope.collections() {
            None => None,
            Some(collections) if collections.is_empty() => return Ok(Vec::new()),
            Some(collections) => Some(Filter {
                must: Some(vec![match_field(
                    "collection",
                    collections.iter().cloned().collect::<Vec<_>>().into(),
                )?]),
                ..Filter::default()
            }),
        };
        let request = QueryRequest {
            prefetches: Vec::new(),
            query: Some(ScoringQuery::Vector(QueryEnum::Nearest(NamedQuery {
                query: VectorInternal::Dense(vector.to_vec()),
                using: Some(VECTOR_NAME.into()),
            }))),
            filter,
            score_threshold: None,
            limit: top_k.saturating_mul(PARTS_OVERFETCH),
            offset: 0,
            params: None,
            with_vector: WithVector::Bool(false),
            with_payload: WithPayloadInterface::Bool(true),
        };
        let points = self.shard.query(request).map_err(store_error)?;
        // best first: the first part seen of a passage carries its best score
        let mut seen = std::collections::HashSet::new();
        Ok(points
            .into_iter()
            .filter_map(|p| {
                let payload = &p.payload.as_ref()?.0;
                let chunk_id = payload.get("chunk_id")?.as_str()?.to_string();
                let part = payload.get("part").and_then(|v| v.as_u64()).unwrap_or(0);
                Some(VectorHit {
                    chunk_id,
                    score: p.score,
                    part: u32::try_from(part).unwrap_or(0),
                })
            })
            .filter(|h| seen.insert(h.chunk_id.clone()))
            .take(top_k)
            .collect())
    }

    fn count(&self) -> Result<usize, VectorError> {
        self.shard
            .count(CountRequest {
                filter: None,
                exact: true,
            })
            .map_err(store_error)
    }

    fn flush(&self) -> Result<(), VectorError> {
        self.shard.flush();
        Ok(())
    }

    /// Builds HNSW indexes for segments that have grown past the indexing threshold and
    /// merges small segments.
    fn optimize(&self) -> Result<(), VectorError> {
        self.shard.optimize().map(|_| ()).map_err(store_error)
    }

    fn points_of(&self, document_id: &str) -> Result<Vec<VectorPoint>, VectorError> {
        self.document_points(document_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(v: &[f32]) -> Vec<f32> {
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / n).collect()
    }

    fn point(chunk: &str, doc: &str, collection: &str, v: &[f32]) -> VectorPoint {
        VectorPoint {
            chunk_id: chunk.into(),
            part: 0,
            document_id: doc.into(),
            collection: collection.into(),
            vector: unit(v),
        }
    }

    #[test]
    fn upsert_search_filter_delete_and_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = EdgeVectorStore::open(dir.path(), 3).unwrap();
            store
                .upsert(&[
                    point("a-0", "a", "allgemein", &[1.0, 0.0, 0.0]),
                    point("a-1", "a", "allgemein", &[0.0, 1.0, 0.0]),
                    point("b-0", "b", "personal", &[0.9, 0.1, 0.0]),
                ])
                .unwrap();
            let hits = store
                .search(&unit(&[1.0, 0.05, 0.0]), &Scope::All, 3)
                .unwrap();
            assert_eq!(
                hits.iter().map(|h| h.chunk_id.as_str()).collect::<Vec<_>>(),
                ["a-0", "b-0", "a-1"]
            );
            assert!(hits[0].score > 0.99);
            let only = store
                .search(&unit(&[1.0, 0.0, 0.0]), &Scope::only(["personal"]), 3)
                .unwrap();
            assert_eq!(only.len(), 1);
            assert_eq!(only[0].chunk_id, "b-0");
            // upsert of the same chunk id replaces, doesn't duplicate
            store
                .upsert(&[point("a-0", "a", "allgemein", &[0.0, 0.0, 1.0])])
                .unwrap();
            assert_eq!(store.count().unwrap(), 3);
            store.delete_document("a").unwrap();
            assert_eq!(store.count().unwrap(), 1);
            store.flush().unwrap();
        }
        {
            let store = EdgeVectorStore::open(dir.path(), 3).unwrap();
            assert_eq!(store.count().unwrap(), 1);
            assert!(matches!(
                store.search(&[1.0, 0.0], &Scope::All, 1),
                Err(VectorError::Dimension { .. })
            ));
        }
        let wrong = EdgeVectorStore::open(dir.path(), 4);
        assert!(
            matches!(
                wrong,
                Err(VectorError::Dimension {
                    expected: 3,
                    got: 4
                })
            ),
            "{wrong:?}"
        );
    }

    #[test]
    fn meets_the_vector_store_contract() {
        let dirs = std::cell::RefCell::new(Vec::new());
        crate::conformance::all(&mut || {
            let dir = tempfile::tempdir().unwrap();
            let store = EdgeVectorStore::open(dir.path(), 3).unwrap();
            dirs.borrow_mut().push(dir);
            Box::new(store)
        });
    }
}
