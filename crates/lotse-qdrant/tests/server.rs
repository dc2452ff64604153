//! The Qdrant backend against a real Qdrant server on loopback (see `lotse_qdrant::testing`
//! for where the binary comes from). Without a binary these tests say that they were
//! skipped, and fail instead when `LOTSE_REQUIRE_QDRANT=1` (as the project's test script
//! sets it), because a skip is not a pass.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use lotse_core::{Chunk, DocumentMeta, Format, Scope, VectorPoint};
use lotse_qdrant::testing::{self, Node};
use lotse_qdrant::{ClusterIndex, Connection, QdrantSettings, QdrantVectorStore, StoredModel};
use lotse_retrieve::AnalyzerOptions;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

struct Server {
    _dir: tempfile::TempDir,
    node: Node,
}

/// One server for all tests of this file; `None` (after saying why) when there is none.
fn server() -> Option<&'static Server> {
    static SERVER: OnceLock<Option<Server>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            let Some(binary) = testing::binary() else {
                let why = format!(
                    "no Qdrant server binary at {} (run ../shared/qdrant/build.sh, or set LOTSE_QDRANT_BIN)",
                    testing::binary_path().display()
                );
                if std::env::var("LOTSE_REQUIRE_QDRANT").as_deref() == Ok("1") {
                    panic!("LOTSE_REQUIRE_QDRANT=1, but {why}");
                }
                eprintln!("SKIPPED: {why}");
                return None;
            };
            let dir = tempfile::tempdir().unwrap();
            let node = Node::start(&binary, dir.path(), false, None).unwrap();
            node.wait_ready(std::time::Duration::from_secs(60)).unwrap();
            Some(Server { _dir: dir, node })
        })
        .as_ref()
}

fn settings(server: &Server, prefix: &str) -> QdrantSettings {
    let mut s = QdrantSettings::new(&server.node.grpc_url());
    s.prefix = prefix.into();
    s
}

fn unique(name: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{name}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

#[test]
fn meets_the_vector_store_contract() {
    let Some(server) = server() else { return };
    let connection = Arc::new(Connection::open(settings(server, "contract")).unwrap());
    lotse_retrieve::conformance::all(&mut || {
        Box::new(QdrantVectorStore::open(connection.clone(), &unique("contract"), 3).unwrap())
    });
}

#[test]
fn a_collection_of_another_size_is_refused() {
    let Some(server) = server() else { return };
    let connection = Arc::new(Connection::open(settings(server, "size")).unwrap());
    let name = unique("size");
    QdrantVectorStore::open(connection.clone(), &name, 3).unwrap();
    let err = QdrantVectorStore::open(connection, &name, 4).unwrap_err();
    assert!(
        matches!(
            err,
            lotse_core::VectorError::Dimension {
                expected: 3,
                got: 4
            }
        ),
        "{err}"
    );
}

#[test]
fn an_unreachable_server_is_named_in_the_error() {
    let port = testing::free_port();
    let mut s = QdrantSettings::new(&format!("http://127.0.0.1:{port}"));
    s.attempts = 2;
    let err = Connection::open(s).unwrap_err().to_string();
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(err.contains("cannot reach Qdrant"), "{err}");
}

fn meta(id: &str, collection: &str, title: &str, chunks: u32) -> DocumentMeta {
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
        chunks,
        bytes: 1,
        embedding_model: Some("hash".into()),
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

fn embed(e: &lotse_core::HashEmbedder, meta: &DocumentMeta, chunks: &[Chunk]) -> Vec<VectorPoint> {
    use lotse_core::Embedder;
    chunks
        .iter()
        .map(|c| VectorPoint {
            chunk_id: c.id.clone(),
            part: 0,
            document_id: meta.id.clone(),
            collection: meta.collection.clone(),
            vector: e.embed_passages(&[c.text.as_str()]).unwrap().remove(0),
        })
        .collect()
}

#[test]
fn two_replicas_share_passages_records_and_vocabulary() {
    let Some(server) = server() else { return };
    let prefix = unique("replicas");
    let embedder = lotse_core::HashEmbedder::new(64);
    let model = StoredModel {
        model_id: "hash".into(),
        dimension: 64,
    };
    let open = |model: Option<StoredModel>| {
        ClusterIndex::open(
            Arc::new(Connection::open(settings(server, &prefix)).unwrap()),
            AnalyzerOptions::default(),
            model,
        )
        .unwrap()
    };
    let a = open(Some(model.clone()));
    let urlaub = meta("d1", "personal", "Dienstanweisung Urlaub", 2);
    let urlaub_chunks = [
        chunk(
            "d1",
            0,
            "Dienstanweisung Urlaub > Antrag",
            "Der Erholungsurlaub wird schriftlich beim Personalamt beantragt.",
        ),
        chunk(
            "d1",
            1,
            "Dienstanweisung Urlaub > Fristen",
            "Resturlaub verfällt am 31. März des Folgejahres.",
        ),
    ];
    a.write_document(
        &urlaub,
        &urlaub_chunks,
        &embed(&embedder, &urlaub, &urlaub_chunks),
    )
    .unwrap();
    let parken = meta("d2", "allgemein", "Parkordnung", 1);
    let parken_chunks = [chunk(
        "d2",
        0,
        "Parkordnung",
        "Ein Parkausweis für die Tiefgarage kostet 15 Euro im Monat.",
    )];
    a.write_document(
        &parken,
        &parken_chunks,
        &embed(&embedder, &parken, &parken_chunks),
    )
    .unwrap();
    a.save_vocabulary().unwrap();

    // a second replica, without a model of its own: everything comes from the cluster
    let b = open(None);
    assert_eq!(b.model(), &model);
    let docs = b.documents(&Scope::All).unwrap();
    assert_eq!(
        docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["d2", "d1"]
    );
    let hits = b
        .search_keyword("Wann verfällt der Resturlaub?", &Scope::All, 5)
        .unwrap();
    assert_eq!(hits[0].chunk_id, "d1-1", "{hits:?}");
    assert_eq!(hits[0].page, Some(2));
    assert_eq!(hits[0].title, "Dienstanweisung Urlaub");
    // the compound learned by replica A ("Urlaub" inside "Erholungsurlaub") splits on B too
    assert!(b.analyzer().terms("Erholungsurlaub").len() > 1);
    let scoped = b
        .search_keyword("Parkausweis Urlaub", &Scope::only(["allgemein"]), 5)
        .unwrap();
    assert!(scoped.iter().all(|h| h.collection == "allgemein") && !scoped.is_empty());
    assert!(
        b.search_keyword("Parkausweis", &Scope::only(Vec::<String>::new()), 5)
            .unwrap()
            .is_empty()
    );
    use lotse_core::Embedder;
    let q = embedder
        .embed_query("Parkausweis Tiefgarage kostet")
        .unwrap();
    let vector = b.search_vector(&q, &Scope::All, 3).unwrap();
    assert_eq!(vector[0].chunk_id, "d2-0");
    assert!(b.contains_term("parkausweis", &Scope::All).unwrap());
    assert!(
        !b.contains_term("parkausweis", &Scope::only(["personal"]))
            .unwrap()
    );
    assert_eq!(
        b.hits_by_chunk_ids(&["d2-0".into(), "nix-0".into()])
            .unwrap()
            .len(),
        1
    );
    assert_eq!(b.chunks_of("d1").unwrap().len(), 2);
    assert_eq!(b.chunk_count().unwrap(), 3);

    // writing the same document again (another replica, same content) stores it once
    b.write_document(
        &parken,
        &parken_chunks,
        &embed(&embedder, &parken, &parken_chunks),
    )
    .unwrap();
    assert_eq!(a.chunk_count().unwrap(), 3);
    assert_eq!(a.documents(&Scope::All).unwrap().len(), 2);

    // a removal through B is gone for A at once, passages and record
    b.delete_document("d1").unwrap();
    assert!(
        a.search_keyword("Resturlaub", &Scope::All, 5)
            .unwrap()
            .is_empty()
    );
    assert_eq!(a.documents(&Scope::All).unwrap().len(), 1);
    assert_eq!(a.point_count().unwrap(), 1);

    // a model of another size is refused by name
    let other = ClusterIndex::open(
        Arc::new(Connection::open(settings(server, &prefix)).unwrap()),
        AnalyzerOptions::default(),
        Some(StoredModel {
            model_id: "other".into(),
            dimension: 32,
        }),
    );
    assert!(matches!(
        other,
        Err(lotse_qdrant::OpenError::ModelMismatch { .. })
    ));
}

#[test]
fn passages_without_a_record_stay_invisible() {
    let Some(server) = server() else { return };
    let prefix = unique("orphans");
    let embedder = lotse_core::HashEmbedder::new(16);
    let index = ClusterIndex::open(
        Arc::new(Connection::open(settings(server, &prefix)).unwrap()),
        AnalyzerOptions::default(),
        Some(StoredModel {
            model_id: "hash".into(),
            dimension: 16,
        }),
    )
    .unwrap();
    let doc = meta("o1", "allgemein", "Hausordnung", 1);
    let chunks = [chunk(
        "o1",
        0,
        "Hausordnung",
        "Die Hausordnung regelt die Nachtruhe.",
    )];
    index
        .write_document(&doc, &chunks, &embed(&embedder, &doc, &chunks))
        .unwrap();
    assert_eq!(
        index
            .search_keyword("Nachtruhe", &Scope::All, 3)
            .unwrap()
            .len(),
        1
    );
    // as if a write had been interrupted before the record: remove only the record
    let settings = settings(server, &prefix);
    let connection = Connection::open(settings).unwrap();
    let (_, documents) = index.collections();
    let name = documents.to_string();
    connection
        .call("test", |c: qdrant_client::Qdrant| {
            let request = qdrant_client::qdrant::DeletePointsBuilder::new(name.clone())
                .points(qdrant_client::qdrant::Filter::must([
                    qdrant_client::qdrant::Condition::matches("document_id", "o1".to_string()),
                ]))
                .wait(true);
            async move { c.delete_points(request).await }
        })
        .unwrap();
    assert!(
        index
            .search_keyword("Nachtruhe", &Scope::All, 3)
            .unwrap()
            .is_empty()
    );
    let q = {
        use lotse_core::Embedder;
        embedder.embed_query("Nachtruhe").unwrap()
    };
    assert!(index.search_vector(&q, &Scope::All, 3).unwrap().is_empty());
}
