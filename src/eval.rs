//! `lotse eval`: retrieval quality on a file of questions.
//!
//! A question is answered at rank r when the r-th passage comes from the expected document
//! and contains the expected answer phrase (compared case- and whitespace-insensitively).
//! Questions without an expected document are unanswerable by design; they are counted
//! here and used by the answer stage to calibrate abstention.

use anyhow::{Context, Result};
use lotse_core::{DocumentMeta, Hit};
use lotse_engine::{Engine, SearchMode};
use lotse_retrieve::{AnalyzerOptions, KeywordIndex};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// How many passages are looked at per question.
const DEPTH: usize = 10;

#[derive(Debug, Clone, Deserialize)]
pub struct Question {
    pub id: String,
    pub question: String,
    /// File name of the answering document; `None` for unanswerable questions.
    pub document: Option<String>,
    pub answer_phrase: Option<String>,
    #[serde(default)]
    pub answer_facts: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Metrics {
    pub questions: usize,
    pub hit_at_1: f64,
    pub hit_at_5: f64,
    pub mrr: f64,
    pub ndcg_at_10: f64,
    /// Share of questions whose expected document is among the first 5 passages.
    pub document_hit_at_5: f64,
    /// Ids of questions not answered in the first 5 passages.
    pub misses_at_5: Vec<String>,
}

pub fn load_questions(path: &Path) -> Result<Vec<Question>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the questions file {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .with_context(|| format!("{} line {}: not a valid question", path.display(), i + 1))
        })
        .collect()
}

fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn file_name(source: &str) -> &str {
    Path::new(source)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(source)
}

fn is_answer(hit: &Hit, question: &Question) -> bool {
    let (Some(doc), Some(phrase)) = (&question.document, &question.answer_phrase) else {
        return false;
    };
    file_name(&hit.source) == doc && normalize(&hit.text).contains(&normalize(phrase))
}

/// Scores one retrieval function over the answerable questions.
pub fn evaluate(
    questions: &[Question],
    mut search: impl FnMut(&str) -> Result<Vec<Hit>>,
) -> Result<Metrics> {
    let mut m = Metrics::default();
    for q in questions.iter().filter(|q| q.document.is_some()) {
        let hits = search(&q.question)?;
        m.questions += 1;
        let rank = hits
            .iter()
            .take(DEPTH)
            .position(|h| is_answer(h, q))
            .map(|p| p + 1);
        if let Some(r) = rank {
            m.mrr += 1.0 / r as f64;
            m.ndcg_at_10 += 1.0 / ((r + 1) as f64).log2();
            if r == 1 {
                m.hit_at_1 += 1.0;
            }
            if r <= 5 {
                m.hit_at_5 += 1.0;
            }
        }
        if rank.is_none_or(|r| r > 5) {
            m.misses_at_5.push(q.id.clone());
        }
        let doc = q.document.as_deref().unwrap_or_default();
        if hits.iter().take(5).any(|h| file_name(&h.source) == doc) {
            m.document_hit_at_5 += 1.0;
        }
    }
    let n = m.questions.max(1) as f64;
    m.hit_at_1 /= n;
    m.hit_at_5 /= n;
    m.mrr /= n;
    m.ndcg_at_10 /= n;
    m.document_hit_at_5 /= n;
    Ok(m)
}

/// Re-indexes the engine's passages in memory with the given analyzer options.
fn reindex(
    passages: &[(DocumentMeta, lotse_core::Chunk)],
    options: AnalyzerOptions,
) -> Result<KeywordIndex> {
    let index = KeywordIndex::in_memory(options)?;
    let mut by_doc: BTreeMap<&str, (&DocumentMeta, Vec<lotse_core::Chunk>)> = BTreeMap::new();
    for (meta, chunk) in passages {
        by_doc
            .entry(&meta.id)
            .or_insert_with(|| (meta, Vec::new()))
            .1
            .push(chunk.clone());
    }
    let mut writer = index.writer()?;
    // Learn the whole vocabulary first, as the persistent index has after its ingests.
    for (_, chunk) in passages {
        index.analyzer().learn(&chunk.text);
    }
    for (meta, chunks) in by_doc.values() {
        writer.add_document(meta, chunks)?;
    }
    writer.commit()?;
    Ok(index)
}

pub fn run(
    engine: &Engine,
    questions_path: &Path,
    collections: &[String],
    ablation: bool,
    json: bool,
) -> Result<()> {
    let questions = load_questions(questions_path)?;
    let answerable = questions.iter().filter(|q| q.document.is_some()).count();
    let indexed: Vec<String> = engine
        .documents(None)?
        .iter()
        .map(|d| file_name(&d.source).to_string())
        .collect();
    let missing: Vec<&str> = questions
        .iter()
        .filter_map(|q| q.document.as_deref())
        .filter(|d| !indexed.iter().any(|i| i == d))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "Warnung: erwartete Dokumente fehlen im Index: {} (erst `lotse ingest` ausführen)",
            missing.join(", ")
        );
    }

    let mut modes = vec![SearchMode::Keyword];
    if engine.has_vectors() {
        modes.extend([SearchMode::Vector, SearchMode::Hybrid]);
    } else {
        eprintln!("Hinweis: kein Embedding-Modell geladen, nur keyword (lotse models fetch)");
    }
    let mut results: Vec<(String, Metrics)> = Vec::new();
    for mode in modes {
        let m = evaluate(&questions, |q| {
            Ok(engine.search(q, collections, DEPTH, mode)?)
        })?;
        results.push((mode.as_str().into(), m));
    }
    if ablation {
        let passages = engine.keyword_index().chunks()?;
        let full = AnalyzerOptions::default();
        let variants = [
            (
                "keyword, no compound splitting",
                AnalyzerOptions {
                    decompound: false,
                    ..full
                },
            ),
            (
                "keyword, no stemming",
                AnalyzerOptions {
                    stem: false,
                    ..full
                },
            ),
            (
                "keyword, no ä/ae ß/ss folding",
                AnalyzerOptions {
                    fold_spellings: false,
                    ..full
                },
            ),
            (
                "keyword, no stop words",
                AnalyzerOptions {
                    stopwords: false,
                    ..full
                },
            ),
            (
                "keyword, lowercase only",
                AnalyzerOptions {
                    decompound: false,
                    stem: false,
                    fold_spellings: false,
                    stopwords: false,
                },
            ),
        ];
        for (name, options) in variants {
            let index = reindex(&passages, options)?;
            let m = evaluate(&questions, |q| Ok(index.search(q, collections, DEPTH)?))?;
            results.push((name.into(), m));
        }
    }

    if json {
        let modes: serde_json::Map<String, serde_json::Value> = results
            .iter()
            .map(|(name, m)| Ok((name.clone(), serde_json::to_value(m)?)))
            .collect::<Result<_>>()?;
        let out = serde_json::json!({
            "questions": questions.len(),
            "answerable": answerable,
            "unanswerable": questions.len() - answerable,
            "modes": modes,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    println!(
        "{} Fragen ({} beantwortbar, {} nicht beantwortbar) aus {}",
        questions.len(),
        answerable,
        questions.len() - answerable,
        questions_path.display()
    );
    println!(
        "{:<34} {:>7} {:>7} {:>7} {:>8} {:>9}",
        "mode", "hit@1", "hit@5", "MRR", "nDCG@10", "doc@5"
    );
    for (name, m) in &results {
        println!(
            "{:<34} {:>7.3} {:>7.3} {:>7.3} {:>8.3} {:>9.3}",
            name, m.hit_at_1, m.hit_at_5, m.mrr, m.ndcg_at_10, m.document_hit_at_5
        );
    }
    if let Some((_, m)) = results.first()
        && !m.misses_at_5.is_empty()
    {
        println!(
            "nicht unter den ersten 5 (keyword): {}",
            m.misses_at_5.join(", ")
        );
    }
    Ok(())
}

/// Answer quality: for answerable questions, whether the first citation names the expected
/// document and the answer contains every expected fact; for unanswerable ones, whether
/// lotse abstained. Also prints the retrieval evidence (best cosine) that abstention is
/// calibrated on.
pub fn answers(
    answerer: &lotse_answer::Answerer,
    questions_path: &Path,
    collections: &[String],
    mode: lotse_answer::AnswerMode,
    json: bool,
) -> Result<()> {
    let questions = load_questions(questions_path)?;
    let mut rows = Vec::new();
    let (mut answerable, mut cited_ok, mut fact_ok, mut wrongly_abstained) = (0, 0, 0, 0);
    let (mut unanswerable, mut abstained_ok) = (0, 0);
    // generative mode: answers written by the model vs. quoted after its text was rejected
    let (mut by_model, mut fallbacks) = (0, 0);
    let mut latencies = Vec::new();
    for q in &questions {
        let request = lotse_answer::AskRequest {
            question: q.question.clone(),
            collections: collections.to_vec(),
            history: Vec::new(),
            mode,
        };
        let a = answerer.ask(&request, &mut |_| {})?;
        latencies.push(a.timings_ms.total);
        if a.context.model_output.is_some() {
            if a.context.fallback.is_some() {
                fallbacks += 1;
            } else {
                by_model += 1;
            }
        }
        let best_vector = a
            .retrieval
            .iter()
            .filter_map(|h| h.vector_score)
            .fold(f32::NAN, f32::max);
        let (cited, facts) = match &q.document {
            Some(doc) => {
                answerable += 1;
                let cited = a
                    .citations
                    .first()
                    .is_some_and(|c| file_name(&c.source) == doc);
                let text = normalize(&a.answer);
                let facts =
                    !a.abstained && q.answer_facts.iter().all(|f| text.contains(&normalize(f)));
                cited_ok += usize::from(cited);
                fact_ok += usize::from(facts);
                wrongly_abstained += usize::from(a.abstained);
                (Some(cited), Some(facts))
            }
            None => {
                unanswerable += 1;
                abstained_ok += usize::from(a.abstained);
                (None, None)
            }
        };
        rows.push(serde_json::json!({
            "id": q.id, "abstained": a.abstained, "cited_document_ok": cited,
            "facts_ok": facts, "best_vector_score": best_vector,
            "unknown_words": a.context.unknown_words, "answer": a.answer,
            "total_ms": a.timings_ms.total, "model_output": a.context.model_output,
            "fallback": a.context.fallback,
        }));
    }
    let share = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    latencies.sort_by(f64::total_cmp);
    let p50 = latencies.get(latencies.len() / 2).copied().unwrap_or(0.0);
    let summary = serde_json::json!({
        "mode": format!("{mode:?}").to_lowercase(),
        "answerable": answerable,
        "cited_document_ok": share(cited_ok, answerable),
        "facts_ok": share(fact_ok, answerable),
        "wrongly_abstained": wrongly_abstained,
        "unanswerable": unanswerable,
        "abstained_ok": share(abstained_ok, unanswerable),
        "p50_ms": p50,
        "written_by_model": by_model,
        "quoted_after_rejecting_the_model": fallbacks,
    });
    if json {
        let out = serde_json::json!({ "summary": summary, "questions": rows });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    for r in &rows {
        let bad = r["cited_document_ok"] == false
            || r["facts_ok"] == false
            || (r["cited_document_ok"].is_null() && r["abstained"] == false);
        if bad {
            println!(
                "  {} (cos {:.3}): {}",
                r["id"].as_str().unwrap_or_default(),
                r["best_vector_score"].as_f64().unwrap_or(f64::NAN),
                r["answer"]
                    .as_str()
                    .unwrap_or_default()
                    .chars()
                    .take(160)
                    .collect::<String>()
            );
        }
    }
    println!(
        "Antworten ({}): Quelle richtig {:.3}, Fakt enthalten {:.3} ({} zu Unrecht verweigert) von {} beantwortbaren; verweigert {:.3} von {} nicht beantwortbaren; p50 {:.1} ms",
        summary["mode"].as_str().unwrap_or_default(),
        share(cited_ok, answerable),
        share(fact_ok, answerable),
        wrongly_abstained,
        answerable,
        share(abstained_ok, unanswerable),
        unanswerable,
        p50
    );
    if by_model + fallbacks > 0 {
        println!(
            "  vom Modell geschrieben: {by_model}; zitiert, weil der Modelltext nicht belegt war: {fallbacks}"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(source: &str, text: &str) -> Hit {
        Hit {
            chunk_id: "c".into(),
            document_id: "d".into(),
            source: source.into(),
            title: "t".into(),
            collection: "allgemein".into(),
            page: None,
            page_end: None,
            section: "s".into(),
            text: text.into(),
            score: 1.0,
            ranks: None,
            keyword_score: None,
            vector_score: None,
            vector_part: None,
        }
    }

    fn question(doc: Option<&str>, phrase: Option<&str>) -> Question {
        Question {
            id: "q".into(),
            question: "?".into(),
            document: doc.map(str::to_string),
            answer_phrase: phrase.map(str::to_string),
            answer_facts: vec![],
        }
    }

    #[test]
    fn ranks_count_only_passages_of_the_right_document_with_the_phrase() {
        let questions = vec![
            question(Some("a.md"), Some("90 Tage")),
            question(Some("b.md"), Some("sechs Monate")),
            question(None, None),
        ];
        let m = evaluate(&questions, |q| {
            let _ = q;
            Ok(vec![
                hit("x/a.md", "andere Sache"),
                hit("x/c.md", "sechs   Monate"),
                hit("x/a.md", "werden 90\nTage gespeichert"),
            ])
        })
        .unwrap();
        assert_eq!(m.questions, 2);
        assert_eq!(m.hit_at_1, 0.0);
        assert_eq!(m.hit_at_5, 0.5);
        assert!((m.mrr - (1.0 / 3.0) / 2.0).abs() < 1e-9);
        assert_eq!(m.document_hit_at_5, 0.5);
    }
}
