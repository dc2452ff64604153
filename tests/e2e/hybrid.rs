//! The binary with the real embedding model: hybrid, vector and keyword search side by side,
//! vectors following documents on remove and replace, the eval table.
//!
//! Needs `lotse models fetch` (scripts/test.sh runs it and sets LOTSE_REQUIRE_MODELS, so a
//! missing model fails there); a plain `cargo test` without the model skips these tests
//! with a note.

use crate::{describe, lotse_command, repo, stdout};
use std::path::{Path, PathBuf};
use std::process::Output;

pub fn models_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("LOTSE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("models"));
    if dir
        .join("multilingual-e5-small")
        .join("model.safetensors")
        .is_file()
    {
        return Some(dir);
    }
    assert!(
        std::env::var_os("LOTSE_REQUIRE_MODELS").is_none(),
        "no embedding model in {}: run `lotse models fetch`",
        dir.display()
    );
    eprintln!(
        "skipped: no embedding model in {} (run `lotse models fetch`)",
        dir.display()
    );
    None
}

pub fn lotse_model(models: &Path, data_dir: &Path, args: &[&str]) -> Output {
    lotse_command(data_dir, args)
        .env("LOTSE_MODELS_DIR", models)
        .env_remove("LOTSE_NO_EMBEDDINGS")
        .output()
        .expect("running lotse")
}

fn search(models: &Path, data_dir: &Path, query: &str, mode: &str) -> Vec<serde_json::Value> {
    let out = lotse_model(
        models,
        data_dir,
        &["search", query, "--json", "--mode", mode, "-k", "5"],
    );
    assert!(out.status.success(), "{}", describe(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    v["hits"].as_array().expect("hits").clone()
}

fn sources(hits: &[serde_json::Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["source"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn hybrid_search_finds_what_keywords_miss_and_shows_both_ranks() {
    let Some(models) = models_dir() else { return };
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let out = lotse_model(&models, d, &["ingest", "corpus/dokumente"]);
    assert!(out.status.success(), "{}", describe(&out));

    // Worded unlike the FAQ entry that answers it (the feedback button in the chat window).
    let question = "Die KI hat Unsinn erzählt, wie gebe ich Rückmeldung?";
    let keyword = search(&models, d, question, "keyword");
    let vector = search(&models, d, question, "vector");
    let hybrid = search(&models, d, question, "hybrid");
    let feedback = |hits: &[serde_json::Value]| {
        hits.iter()
            .position(|h| h["text"].as_str().unwrap().contains("Daumen-nach-unten"))
    };
    assert!(
        feedback(&vector).is_some(),
        "vector search finds the feedback passage: {:?}",
        sources(&vector)
    );
    assert!(
        feedback(&hybrid).is_some(),
        "hybrid keeps it: keyword {:?}, hybrid {:?}",
        feedback(&keyword),
        sources(&hybrid)
    );

    for h in &hybrid {
        let ranks = &h["ranks"];
        assert!(ranks.is_object(), "hybrid hits carry ranks: {h}");
        assert!(ranks.get("keyword").is_some() && ranks.get("vector").is_some());
        assert!(h["score"].as_f64().unwrap() > 0.0);
    }
    for h in &vector {
        let cosine = h["score"].as_f64().unwrap();
        assert!((0.0..=1.0001).contains(&cosine), "cosine score: {cosine}");
        assert!(h["ranks"]["vector"].as_u64().is_some());
    }
    // `bm25` is an alias of keyword and needs no model
    let out = lotse_command(d, &["search", "Reisekosten", "--mode", "bm25", "--json"])
        .env("LOTSE_NO_EMBEDDINGS", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    // vector search without a model says what to do
    let out = lotse_command(d, &["search", "Reisekosten", "--mode", "vector"])
        .env("LOTSE_NO_EMBEDDINGS", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("lotse models fetch"),
        "{}",
        describe(&out)
    );

    // the collection filter applies inside vector search: no passage of another one
    let out = lotse_model(
        &models,
        d,
        &[
            "search", question, "--json", "--mode", "vector", "-c", "personal",
        ],
    );
    assert!(out.status.success(), "{}", describe(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["hits"].as_array().unwrap().len(), 0, "{v}");
}

#[test]
fn removing_and_replacing_a_document_takes_its_vectors_along() {
    let Some(models) = models_dir() else { return };
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let docs = tempfile::tempdir().unwrap();
    let file = docs.path().join("hinweis.md");
    std::fs::write(
        &file,
        "# Hinweis Fahrradleasing\n\nBeschäftigte können über die Stadt ein Dienstrad leasen. \
         Die Rate wird vom Bruttogehalt einbehalten.\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    assert!(lotse_model(&models, d, &["ingest", path]).status.success());
    let question = "Kann ich über die Arbeit ein E-Bike bekommen?";
    let hits = search(&models, d, question, "vector");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0]["text"].as_str().unwrap().contains("Dienstrad"));

    // replaced: the old text's vectors are gone, the new one's are found
    std::fs::write(
        &file,
        "# Hinweis Jobticket\n\nBeschäftigte erhalten einen Zuschuss zum Deutschlandticket.\n",
    )
    .unwrap();
    let out = lotse_model(&models, d, &["ingest", path]);
    assert!(stdout(&out).contains("1 ersetzt"), "{}", describe(&out));
    let hits = search(&models, d, question, "vector");
    assert_eq!(hits.len(), 1, "one document, one passage: {hits:?}");
    assert!(
        hits[0]["text"]
            .as_str()
            .unwrap()
            .contains("Deutschlandticket")
    );

    // removed without loading the model: its vectors go too
    let out = lotse_command(d, &["remove", path])
        .env("LOTSE_NO_EMBEDDINGS", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    assert!(search(&models, d, question, "vector").is_empty());
}

#[test]
fn eval_compares_keyword_vector_and_hybrid() {
    let Some(models) = models_dir() else { return };
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    assert!(
        lotse_model(&models, d, &["ingest", "corpus/dokumente"])
            .status
            .success()
    );
    let out = lotse_model(&models, d, &["eval", "--json"]);
    assert!(out.status.success(), "{}", describe(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let retrieval = |mode: &str| crate::eval_row(&v, "index", mode)["retrieval"].clone();
    for mode in ["keyword", "vector", "hybrid"] {
        let m = &retrieval(mode);
        for metric in ["hit_at_1", "hit_at_5", "mrr", "ndcg_at_10"] {
            let x = m[metric].as_f64().unwrap_or(-1.0);
            assert!((0.0..=1.0).contains(&x), "{mode} {metric}: {m}");
        }
    }
    // a floor well below today's figures: catches a broken model, pooling or fusion
    assert!(
        retrieval("hybrid")["hit_at_5"].as_f64().unwrap() >= 0.85,
        "{v}"
    );
    assert!(retrieval("vector")["mrr"].as_f64().unwrap() >= 0.7, "{v}");
}

#[test]
fn ask_answers_with_a_verbatim_citation_or_abstains() {
    let Some(models) = models_dir() else { return };
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    assert!(
        lotse_model(&models, d, &["ingest", "corpus/dokumente"])
            .status
            .success()
    );
    let ask = |q: &str| {
        let out = lotse_model(&models, d, &["ask", q, "--json"]);
        assert!(out.status.success(), "{}", describe(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let a = ask("An wie vielen Tagen pro Woche darf ich mobil arbeiten?");
    assert_eq!(a["abstained"], false, "{a}");
    let citations = a["citations"].as_array().unwrap();
    assert!(!citations.is_empty(), "{a}");
    let c = &citations[0];
    assert!(
        c["source"]
            .as_str()
            .unwrap()
            .ends_with("dienstvereinbarung-mobiles-arbeiten.md"),
        "{a}"
    );
    // the quote occurs verbatim in the cited passage
    let passage = a["retrieval"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["chunk_id"] == c["chunk_id"])
        .expect("cited passage is among the retrieved ones");
    assert!(
        passage["text"]
            .as_str()
            .unwrap()
            .contains(c["quote"].as_str().unwrap())
    );
    assert!(a["answer"].as_str().unwrap().contains("[1]"));

    let none = ask("Wann hat die Bibliothek am Samstag geöffnet?");
    assert_eq!(none["abstained"], true, "{none}");
    assert!(none["citations"].as_array().unwrap().is_empty());
    assert!(none["answer"].as_str().unwrap().contains("nichts"));
}
