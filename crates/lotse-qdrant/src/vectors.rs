//! [`QdrantVectorStore`]: lotse's vector-store trait over a collection of a Qdrant server or
//! cluster, the same contract as the embedded store (`lotse_retrieve::EdgeVectorStore`).

use crate::connection::Connection;
use lotse_core::{Scope, VectorError, VectorHit, VectorPoint, VectorStore};
use lotse_retrieve::vector_edge::point_id;
use qdrant_client::qdrant::{
    Condition, CountPointsBuilder, CreateCollectionBuilder, CreateFieldIndexCollectionBuilder,
    DeletePointsBuilder, Distance, FieldType, Filter, NamedVectors, PayloadIncludeSelector,
    PointStruct, QueryPointsBuilder, UpsertPointsBuilder, Value, VectorParamsBuilder,
    VectorsConfigBuilder, vectors_config::Config,
};
use qdrant_client::{Payload, Qdrant};
use std::collections::HashMap;
use std::sync::Arc;

/// Name of the dense vector in the passage collection (as in the embedded store).
pub const DENSE: &str = "passage";
/// Points per upsert request: large enough to amortise the round trip, small enough to stay
/// far below gRPC's message limit at 1024 dimensions.
pub const UPSERT_BATCH: usize = 256;
/// Points fetched per wanted passage, since several parts of one passage can rank high.
const PARTS_OVERFETCH: usize = 4;

/// Dense passage vectors in a Qdrant collection.
#[derive(Debug, Clone)]
pub struct QdrantVectorStore {
    connection: Arc<Connection>,
    collection: String,
    dimension: usize,
}

/// The payload fields a point carries for filtering and deleting.
pub(crate) fn base_payload(p: &VectorPoint) -> serde_json::Map<String, serde_json::Value> {
    let mut m = serde_json::Map::new();
    m.insert("chunk_id".into(), p.chunk_id.clone().into());
    m.insert("part".into(), p.part.into());
    m.insert("document_id".into(), p.document_id.clone().into());
    m.insert("collection".into(), p.collection.clone().into());
    m
}

/// Filter on the collections of `scope`; `Err(())` for an empty scope (nothing to find).
pub(crate) fn scope_filter(scope: &Scope) -> Result<Option<Filter>, ()> {
    match scope.collections() {
        None => Ok(None),
        Some(c) if c.is_empty() => Err(()),
        Some(c) => Ok(Some(Filter::must([Condition::matches(
            "collection",
            c.iter().cloned().collect::<Vec<String>>(),
        )]))),
    }
}

pub(crate) fn payload_str(payload: &HashMap<String, Value>, key: &str) -> Option<String> {
    payload.get(key)?.as_str().map(|s| s.to_string())
}

pub(crate) fn payload_u64(payload: &HashMap<String, Value>, key: &str) -> Option<u64> {
    payload
        .get(key)?
        .as_integer()
        .and_then(|i| u64::try_from(i).ok())
}

/// Creates `collection` with the dense vector (and, for the passage collection of the
/// cluster index, the sparse keyword vector) unless it exists; returns the stored dense size.
pub(crate) fn ensure_collection(
    connection: &Connection,
    collection: &str,
    dimension: usize,
    sparse: Option<&str>,
) -> Result<usize, VectorError> {
    let name = collection.to_string();
    let exists = connection.call("collection check", |c: Qdrant| {
        let name = name.clone();
        async move { c.collection_exists(name).await }
    })?;
    if !exists {
        let settings = connection.settings.clone();
        let sparse = sparse.map(str::to_string);
        let created = connection.call("create collection", |c: Qdrant| {
            let mut vectors = VectorsConfigBuilder::default();
            vectors.add_named_vector_params(
                DENSE,
                VectorParamsBuilder::new(dimension as u64, Distance::Cosine),
            );
            let mut builder = CreateCollectionBuilder::new(name.clone())
                .vectors_config(vectors)
                .replication_factor(settings.replication.max(1));
            if let Some(shards) = settings.shards {
                builder = builder.shard_number(shards);
            }
            if let Some(sparse) = &sparse {
                let mut config = qdrant_client::qdrant::SparseVectorsConfigBuilder::default();
                config.add_named_vector_params(
                    sparse.clone(),
                    qdrant_client::qdrant::SparseVectorParamsBuilder::default()
                        .modifier(qdrant_client::qdrant::Modifier::Idf as i32),
                );
                builder = builder.sparse_vectors_config(config);
            }
            async move { c.create_collection(builder).await }
        });
        match created {
            Ok(_) => {}
            // another replica created it at the same moment
            Err(e) if e.to_string().contains("already exists") => {}
            Err(e) => return Err(e),
        }
        for field in ["collection", "document_id", "chunk_id"] {
            connection.call("create payload index", |c: Qdrant| {
                let name = name.clone();
                async move {
                    c.create_field_index(
                        CreateFieldIndexCollectionBuilder::new(name, field, FieldType::Keyword)
                            .wait(true),
                    )
                    .await
                }
            })?;
        }
    }
    let info = connection.call("collection info", |c: Qdrant| {
        let name = name.clone();
        async move { c.collection_info(name).await }
    })?;
    let size = info
        .result
        .and_then(|r| r.config)
        .and_then(|c| c.params)
        .and_then(|p| p.vectors_config)
        .and_then(|v| v.config)
        .and_then(|config| match config {
            Config::ParamsMap(map) => map.map.get(DENSE).map(|p| p.size as usize),
            Config::Params(p) => Some(p.size as usize),
        })
        .ok_or_else(|| {
            VectorError::Store(format!(
                "the Qdrant collection {collection} has no dense vector {DENSE:?}; it was not made by lotse"
            ))
        })?;
    Ok(size)
}

impl QdrantVectorStore {
    /// Opens (creating if needed) the collection for vectors of `dimension`.
    pub fn open(
        connection: Arc<Connection>,
        collection: &str,
        dimension: usize,
    ) -> Result<QdrantVectorStore, VectorError> {
        let stored = ensure_collection(&connection, collection, dimension, None)?;
        if stored != dimension {
            return Err(VectorError::Dimension {
                expected: stored,
                got: dimension,
            });
        }
        Ok(QdrantVectorStore {
            connection,
            collection: collection.to_string(),
            dimension,
        })
    }

    pub fn collection(&self) -> &str {
        &self.collection
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

    /// Writes points in batches; `wait` so that a search right after sees them.
    pub(crate) fn upsert_structs(&self, points: Vec<PointStruct>) -> Result<(), VectorError> {
        for batch in points.chunks(UPSERT_BATCH) {
            let batch = batch.to_vec();
            let name = self.collection.clone();
            self.connection.call("upsert", |c: Qdrant| {
                let request = UpsertPointsBuilder::new(name.clone(), batch.clone()).wait(true);
                async move { c.upsert_points(request).await }
            })?;
        }
        Ok(())
    }

    pub(crate) fn connection(&self) -> &Connection {
        &self.connection
    }
}

impl VectorStore for QdrantVectorStore {
    fn upsert(&self, points: &[VectorPoint]) -> Result<(), VectorError> {
        let mut structs = Vec::with_capacity(points.len());
        for p in points {
            self.check(&p.vector)?;
            let vectors = NamedVectors::default().add_vector(DENSE, p.vector.clone());
            structs.push(PointStruct::new(
                point_id(&p.chunk_id, p.part),
                vectors,
                Payload::from(base_payload(p)),
            ));
        }
        self.upsert_structs(structs)
    }

    fn delete_document(&self, document_id: &str) -> Result<(), VectorError> {
        let name = self.collection.clone();
        let id = document_id.to_string();
        self.connection.call("delete", |c: Qdrant| {
            let request = DeletePointsBuilder::new(name.clone())
                .points(Filter::must([Condition::matches(
                    "document_id",
                    id.clone(),
                )]))
                .wait(true);
            async move { c.delete_points(request).await }
        })?;
        Ok(())
    }

    fn search(
        &self,
        vector: &[f32],
        scope: &Scope,
        top_k: usize,
    ) -> Result<Vec<VectorHit>, VectorError> {
        self.check(vector)?;
        // permissions enter here, as Qdrant's own filter of the search
        let Ok(filter) = scope_filter(scope) else {
            return Ok(Vec::new());
        };
        if top_k == 0 {
            return Ok(Vec::new());
        }
        let name = self.collection.clone();
        let response = self.connection.call("search", |c: Qdrant| {
            let mut request = QueryPointsBuilder::new(name.clone())
                .query(vector.to_vec())
                .using(DENSE)
                .limit((top_k * PARTS_OVERFETCH) as u64)
                .with_payload(PayloadIncludeSelector {
                    fields: vec!["chunk_id".into(), "part".into()],
                });
            if let Some(filter) = &filter {
                request = request.filter(filter.clone());
            }
            async move { c.query(request).await }
        })?;
        // best first: the first part seen of a passage carries its best score
        let mut seen = std::collections::HashSet::new();
        Ok(response
            .result
            .into_iter()
            .filter_map(|p| {
                let chunk_id = payload_str(&p.payload, "chunk_id")?;
                let part = payload_u64(&p.payload, "part").unwrap_or(0);
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
        let name = self.collection.clone();
        let response = self.connection.call("count", |c: Qdrant| {
            let request = CountPointsBuilder::new(name.clone()).exact(true);
            async move { c.count(request).await }
        })?;
        Ok(response.result.map_or(0, |r| r.count as usize))
    }

    /// Writes wait for the server's acknowledgement; nothing is left to flush.
    fn flush(&self) -> Result<(), VectorError> {
        Ok(())
    }
}
