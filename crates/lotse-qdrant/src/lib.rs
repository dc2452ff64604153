//! lotse on a Qdrant server or cluster, through `qdrant-client` (gRPC).
//!
//! * [`connection`]: clients for one or several node URLs, retries with backoff that move
//!   on to the next node, errors that name the URL;
//! * [`vectors`]: [`QdrantVectorStore`], the vector-store trait over a Qdrant collection,
//!   interchangeable with the embedded store;
//! * [`sparse`]: BM25 as Qdrant sparse vectors with the IDF modifier;
//! * [`index`]: [`ClusterIndex`], the whole index of a stateless replica in Qdrant:
//!   passages with text and metadata, keyword and dense vectors, document records, the
//!   learned compound dictionary;
//! * [`testing`]: Qdrant nodes and clusters on loopback for tests and benchmarks.

pub mod connection;
pub mod index;
pub mod sparse;
pub mod testing;
pub mod vectors;

pub use connection::{Connection, QdrantSettings};
pub use index::{ClusterIndex, OpenError, StoredModel};
pub use vectors::QdrantVectorStore;
