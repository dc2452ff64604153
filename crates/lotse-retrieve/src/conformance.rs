//! The behaviour every vector store must show, as functions that panic on a violation:
//! run against the embedded store here and against a Qdrant server in `lotse-qdrant`, so
//! that both backends are held to one contract. Each takes an empty store of dimension 3.

// a violated contract is reported by panicking, like any test
#![allow(clippy::unwrap_used)]

use lotse_core::{Scope, VectorError, VectorPoint, VectorStore};

fn unit(v: &[f32]) -> Vec<f32> {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    v.iter().map(|x| x / n).collect()
}

fn point(chunk: &str, part: u32, doc: &str, collection: &str, v: &[f32]) -> VectorPoint {
    VectorPoint {
        chunk_id: chunk.into(),
        part,
        document_id: doc.into(),
        collection: collection.into(),
        vector: unit(v),
    }
}

fn ids(hits: &[lotse_core::VectorHit]) -> Vec<&str> {
    hits.iter().map(|h| h.chunk_id.as_str()).collect()
}

/// Nearest first, the collection filter inside the search, upserts that replace, deletes by
/// document.
pub fn upsert_search_filter_delete(store: &dyn VectorStore) {
    store
        .upsert(&[
            point("a-0", 0, "a", "allgemein", &[1.0, 0.0, 0.0]),
            point("a-1", 0, "a", "allgemein", &[0.0, 1.0, 0.0]),
            point("b-0", 0, "b", "personal", &[0.9, 0.1, 0.0]),
        ])
        .unwrap();
    let hits = store
        .search(&unit(&[1.0, 0.05, 0.0]), &Scope::All, 3)
        .unwrap();
    assert_eq!(ids(&hits), ["a-0", "b-0", "a-1"]);
    assert!(hits[0].score > 0.99, "cosine of near-identical vectors");
    let only = store
        .search(&unit(&[1.0, 0.0, 0.0]), &Scope::only(["personal"]), 3)
        .unwrap();
    assert_eq!(ids(&only), ["b-0"]);
    let two = store
        .search(
            &unit(&[1.0, 0.0, 0.0]),
            &Scope::only(["personal", "allgemein"]),
            2,
        )
        .unwrap();
    assert_eq!(ids(&two), ["a-0", "b-0"]);
    // an upsert of the same chunk id replaces, doesn't duplicate
    store
        .upsert(&[point("a-0", 0, "a", "allgemein", &[0.0, 0.0, 1.0])])
        .unwrap();
    assert_eq!(store.count().unwrap(), 3);
    let moved = store
        .search(&unit(&[0.0, 0.0, 1.0]), &Scope::All, 1)
        .unwrap();
    assert_eq!(ids(&moved), ["a-0"]);
    store.delete_document("a").unwrap();
    store.flush().unwrap();
    assert_eq!(store.count().unwrap(), 1);
    assert_eq!(
        ids(&store
            .search(&unit(&[1.0, 0.0, 0.0]), &Scope::All, 3)
            .unwrap()),
        ["b-0"]
    );
}

/// A passage's parts count once, with the best score of any part.
pub fn parts_count_once_with_their_best_score(store: &dyn VectorStore) {
    store
        .upsert(&[
            point("p-0", 0, "d", "allgemein", &[0.0, 1.0, 0.0]),
            point("p-0", 1, "d", "allgemein", &[1.0, 0.0, 0.0]),
            point("p-0", 2, "d", "allgemein", &[0.9, 0.1, 0.0]),
            point("q-0", 0, "d", "allgemein", &[0.7, 0.7, 0.0]),
        ])
        .unwrap();
    assert_eq!(store.count().unwrap(), 4);
    let hits = store
        .search(&unit(&[1.0, 0.0, 0.0]), &Scope::All, 2)
        .unwrap();
    assert_eq!(ids(&hits), ["p-0", "q-0"]);
    assert!(hits[0].score > 0.99, "best part wins: {}", hits[0].score);
    assert_eq!(hits[0].part, 1);
    store.delete_document("d").unwrap();
    assert_eq!(store.count().unwrap(), 0);
}

/// An empty scope finds nothing; a vector of the wrong size is refused by name.
pub fn empty_scope_and_wrong_dimension(store: &dyn VectorStore) {
    store
        .upsert(&[point("e-0", 0, "e", "allgemein", &[1.0, 0.0, 0.0])])
        .unwrap();
    let none = store
        .search(
            &unit(&[1.0, 0.0, 0.0]),
            &Scope::only(Vec::<String>::new()),
            3,
        )
        .unwrap();
    assert!(none.is_empty());
    assert!(matches!(
        store.search(&[1.0, 0.0], &Scope::All, 1),
        Err(VectorError::Dimension {
            expected: 3,
            got: 2
        })
    ));
    assert!(matches!(
        store.upsert(&[VectorPoint {
            vector: vec![1.0; 4],
            ..point("e-1", 0, "e", "allgemein", &[1.0, 0.0, 0.0])
        }]),
        Err(VectorError::Dimension { .. })
    ));
    assert_eq!(store.count().unwrap(), 1);
}

/// More points than one write batch holds, all stored and all deletable.
pub fn large_batches(store: &dyn VectorStore) {
    let points: Vec<VectorPoint> = (0..1000)
        .map(|i| {
            let a = i as f32 / 1000.0;
            point(&format!("l-{i}"), 0, "l", "allgemein", &[1.0, a, 1.0 - a])
        })
        .collect();
    store.upsert(&points).unwrap();
    assert_eq!(store.count().unwrap(), 1000);
    let hits = store
        .search(&unit(&[1.0, 1.0, 0.0]), &Scope::All, 5)
        .unwrap();
    assert_eq!(hits.len(), 5);
    assert_eq!(hits[0].chunk_id, "l-999");
    store.delete_document("l").unwrap();
    assert_eq!(store.count().unwrap(), 0);
}

/// Every check, each on a fresh store from `open`.
pub fn all(open: &mut dyn FnMut() -> Box<dyn VectorStore>) {
    upsert_search_filter_delete(&*open());
    parts_count_once_with_their_best_score(&*open());
    empty_scope_and_wrong_dimension(&*open());
    large_batches(&*open());
}
