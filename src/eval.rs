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
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
        .with_context(|| format!("Fragendatei {} nicht lesbar", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .with_context(|| format!("{} Zeile {}: keine gültige Frage", path.display(), i + 1))
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

/// Whether an indexed file is the question's document: the same file name, or, for a
/// document named without extension ("tzbfg"), the same stem in any format.
fn same_document(indexed: &str, expected: &str) -> bool {
    indexed == expected
        || (Path::new(expected).extension().is_none()
            && Path::new(indexed).file_stem().and_then(|s| s.to_str()) == Some(expected))
}

fn is_answer(hit: &Hit, question: &Question) -> bool {
    let (Some(doc), Some(phrase)) = (&question.document, &question.answer_phrase) else {
        return false;
    };
    same_document(file_name(&hit.source), doc) && normalize(&hit.text).contains(&normalize(phrase))
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
        if hits
            .iter()
            .take(5)
            .any(|h| same_document(file_name(&h.source), doc))
        {
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

/// A development set: a questions file and the folder of documents it is asked over. The
/// documents are ingested into a data directory of the set's own (unchanged files are not
/// read again); a set without documents is asked over `--data-dir` as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalSet {
    pub name: String,
    pub questions: PathBuf,
    pub documents: Option<PathBuf>,
}

impl std::str::FromStr for EvalSet {
    type Err = String;
    /// `NAME=QUESTIONS[:DOCUMENTS]`
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (name, rest) = s
            .split_once('=')
            .ok_or_else(|| format!("{s:?}: expected NAME=QUESTIONS[:DOCUMENTS]"))?;
        let name = name.trim();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(format!(
                "{name:?}: a set's name takes letters, digits, '-' and '_'"
            ));
        }
        let (questions, documents) = match rest.split_once(':') {
            Some((q, d)) => (q, Some(PathBuf::from(d))),
            None => (rest, None),
        };
        Ok(EvalSet {
            name: name.to_string(),
            questions: PathBuf::from(questions),
            documents,
        })
    }
}

/// What `lotse eval` measures besides retrieval.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    pub collections: Vec<String>,
    pub ablation: bool,
    /// Answer modes to measure; empty: retrieval only.
    pub answer_modes: Vec<lotse_answer::AnswerMode>,
    /// Generative answers, and any with the judge on, are measured on every n-th question
    /// only (they take seconds each).
    pub generative_sample: usize,
    pub json: bool,
    pub answer_config: lotse_answer::AnswerConfig,
}

/// Answer quality of one set in one mode.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AnswerMetrics {
    pub answerable: usize,
    /// Share of answerable questions whose first citation names the expected document.
    pub cited_document_ok: f64,
    /// Share of answerable questions whose answer contains every expected fact.
    pub facts_ok: f64,
    /// Share whose answer contains every fact in at most two sentences.
    pub facts_ok_within_2_sentences: f64,
    pub mean_sentences: f64,
    /// Step "which passage": share of answerable questions whose answering passage is
    /// among those the answer step was given.
    pub answer_in_context: f64,
    /// Step "which sentences": share of those (answering passage given) whose answer
    /// contains every fact.
    pub facts_ok_given_context: f64,
    pub wrongly_abstained: usize,
    pub unanswerable: usize,
    /// Share of unanswerable questions that abstained.
    pub abstained_ok: f64,
    /// Citations whose quote is not verbatim in the cited passage (must be 0).
    pub quotes_not_verbatim: usize,
    pub p50_ms: f64,
    /// Generative mode: answers written by the model, and those quoted instead because
    /// its text was rejected.
    pub written_by_model: usize,
    pub quoted_after_rejecting_the_model: usize,
    /// Generative mode: mean prompt tokens (instructions, passages, question) of the
    /// answers that reached the model; each costs prompt-processing time before the first
    /// token.
    pub mean_prompt_tokens: f64,
}

/// One line of the table: a set in a mode, with retrieval or answer figures.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub set: String,
    pub mode: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retrieval: Option<Metrics>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<AnswerMetrics>,
}

/// Opens (and, for a set with documents, fills) the engine a set is asked over.
pub type OpenEngine<'a> = dyn FnMut(&EvalSet) -> Result<Engine> + 'a;

/// Runs every set and prints one table: set × mode × metric.
pub fn run(
    sets: &[EvalSet],
    open_engine: &mut OpenEngine<'_>,
    generator: Option<Arc<dyn lotse_answer::Generator>>,
    options: &EvalOptions,
) -> Result<()> {
    let mut rows = Vec::new();
    let mut details = serde_json::Map::new();
    for set in sets {
        let questions = load_questions(&set.questions)?;
        let engine = Arc::new(open_engine(set)?);
        warn_missing_documents(&engine, &set.name, &questions)?;
        for (mode, m) in retrieval(&engine, &questions, options)? {
            rows.push(Row {
                set: set.name.clone(),
                mode,
                retrieval: Some(m),
                answers: None,
            });
        }
        for &mode in &options.answer_modes {
            let generative = mode != lotse_answer::AnswerMode::Extractive;
            if generative && generator.is_none() {
                anyhow::bail!("generierte Antworten brauchen ein Sprachmodell (--llm)");
            }
            // the mode decides whether the model writes; with the judge on it judges
            let answerer = lotse_answer::Answerer::new(
                engine.clone(),
                generator.clone(),
                options.answer_config.clone(),
            );
            let step = if generative || options.answer_config.judge {
                options.generative_sample.max(1)
            } else {
                1
            };
            let asked: Vec<Question> = questions.iter().step_by(step).cloned().collect();
            let (m, per_question) = answers(&answerer, &asked, &options.collections, mode)?;
            let mode = format!("{mode:?}").to_lowercase();
            details.insert(format!("{}/{mode}", set.name), per_question.into());
            rows.push(Row {
                set: set.name.clone(),
                mode,
                retrieval: None,
                answers: Some(m),
            });
        }
    }
    if options.json {
        let out = serde_json::json!({ "rows": rows, "questions": details });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print_table(&rows);
        for (key, rows) in &details {
            print_misses(key, rows);
        }
    }
    Ok(())
}

fn warn_missing_documents(engine: &Engine, set: &str, questions: &[Question]) -> Result<()> {
    let indexed: Vec<String> = engine
        .documents(&lotse_core::Scope::All)?
        .iter()
        .map(|d| file_name(&d.source).to_string())
        .collect();
    let missing: std::collections::BTreeSet<&str> = questions
        .iter()
        .filter_map(|q| q.document.as_deref())
        .filter(|d| !indexed.iter().any(|i| same_document(i, d)))
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "Warnung ({set}): erwartete Dokumente fehlen im Index: {}",
            missing.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
    Ok(())
}

fn retrieval(
    engine: &Engine,
    questions: &[Question],
    options: &EvalOptions,
) -> Result<Vec<(String, Metrics)>> {
    let collections = &options.collections;
    let mut modes = vec![SearchMode::Keyword];
    if engine.has_vectors() {
        modes.extend([SearchMode::Vector, SearchMode::Hybrid]);
    } else {
        eprintln!("Hinweis: kein Embedding-Modell geladen, nur keyword (lotse models fetch)");
    }
    let mut results = Vec::new();
    for mode in modes {
        let m = evaluate(questions, |q| {
            Ok(engine.search(q, &lotse_core::Scope::requested(collections), DEPTH, mode)?)
        })?;
        results.push((mode.as_str().to_string(), m));
    }
    if options.ablation {
        let passages = engine.chunks()?;
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
        for (name, analyzer) in variants {
            let index = reindex(&passages, analyzer)?;
            let m = evaluate(questions, |q| {
                Ok(index.search(q, &lotse_core::Scope::requested(collections), DEPTH)?)
            })?;
            results.push((name.to_string(), m));
        }
    }
    Ok(results)
}

fn print_table(rows: &[Row]) {
    println!(
        "{:<12} {:<31} {:>5} {:>6} {:>6} {:>6} {:>6} | {:>6} {:>6} {:>7} {:>6} {:>7} {:>8}",
        "set",
        "mode",
        "n",
        "hit@1",
        "hit@5",
        "MRR",
        "doc@5",
        "cited",
        "fact",
        "fact≤2s",
        "abst.",
        "refused",
        "p50 ms"
    );
    let dash = || format!("{:>6}", "–");
    for r in rows {
        let (n, retrieval) = match &r.retrieval {
            Some(m) => (
                m.questions,
                format!(
                    "{:>6.3} {:>6.3} {:>6.3} {:>6.3}",
                    m.hit_at_1, m.hit_at_5, m.mrr, m.document_hit_at_5
                ),
            ),
            None => (0, [dash(), dash(), dash(), dash()].join(" ")),
        };
        let (n, answers) = match &r.answers {
            Some(a) => (
                a.answerable + a.unanswerable,
                format!(
                    "{:>6.3} {:>6.3} {:>7.3} {:>6} {:>7} {:>8.1}",
                    a.cited_document_ok,
                    a.facts_ok,
                    a.facts_ok_within_2_sentences,
                    if a.unanswerable == 0 {
                        "–".to_string()
                    } else {
                        format!(
                            "{:.0}/{}",
                            a.abstained_ok * a.unanswerable as f64,
                            a.unanswerable
                        )
                    },
                    a.wrongly_abstained,
                    a.p50_ms
                ),
            ),
            None => (
                n,
                format!(
                    "{} {} {:>7} {} {:>7} {:>8}",
                    dash(),
                    dash(),
                    "–",
                    dash(),
                    "–",
                    "–"
                ),
            ),
        };
        println!(
            "{:<12} {:<31} {:>5} {retrieval} | {answers}",
            r.set, r.mode, n
        );
    }
    for r in rows {
        if let Some(a) = &r.answers {
            println!(
                "{} {}: Antwortpassage unter den verwendeten {:.3}, Fakt zitiert, wenn sie es ist, {:.3}",
                r.set, r.mode, a.answer_in_context, a.facts_ok_given_context
            );
            if a.quotes_not_verbatim > 0 {
                println!(
                    "FEHLER {} {}: {} Zitate stehen nicht wörtlich in ihrer Passage",
                    r.set, r.mode, a.quotes_not_verbatim
                );
            }
            if a.written_by_model + a.quoted_after_rejecting_the_model > 0 {
                println!(
                    "{} {}: vom Modell geschrieben {}, zitiert, weil der Modelltext nicht belegt war {}, Prompt im Mittel {:.0} Tokens",
                    r.set,
                    r.mode,
                    a.written_by_model,
                    a.quoted_after_rejecting_the_model,
                    a.mean_prompt_tokens
                );
            }
        }
    }
}

fn print_misses(key: &str, rows: &serde_json::Value) {
    let Some(rows) = rows.as_array() else { return };
    let bad: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| {
            r["cited_document_ok"] == false
                || r["facts_ok"] == false
                || (r["cited_document_ok"].is_null() && r["abstained"] == false)
        })
        .collect();
    if bad.is_empty() || bad.len() > 40 {
        return; // a long list helps nobody on the terminal; --json has them all
    }
    println!("\n{key}: verfehlt");
    for r in bad {
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

/// Answer quality: for answerable questions, whether the first citation names the expected
/// document and the answer contains every expected fact; for unanswerable ones, whether
/// lotse abstained. Each question's row also carries the retrieval evidence (best cosine)
/// that abstention is decided on.
pub fn answers(
    answerer: &lotse_answer::Answerer,
    questions: &[Question],
    collections: &[String],
    mode: lotse_answer::AnswerMode,
) -> Result<(AnswerMetrics, Vec<serde_json::Value>)> {
    let mut m = AnswerMetrics::default();
    let mut rows = Vec::new();
    let (mut cited_ok, mut fact_ok, mut fact_short, mut abstained_ok) = (0, 0, 0, 0);
    let (mut in_context, mut fact_in_context) = (0, 0);
    let mut sentences_total = 0;
    let mut latencies = Vec::new();
    let (mut prompts, mut prompt_tokens) = (0, 0);
    for q in questions {
        let request = lotse_answer::AskRequest {
            question: q.question.clone(),
            collections: collections.to_vec(),
            history: Vec::new(),
            mode,
            scope: lotse_core::Scope::All,
        };
        let a = answerer.ask(&request, &mut |_| {})?;
        latencies.push(a.timings_ms.total);
        if a.context.prompt_tokens > 0 {
            prompts += 1;
            prompt_tokens += a.context.prompt_tokens;
        }
        if a.context.model_output.is_some() {
            if a.context.fallback.is_some() {
                m.quoted_after_rejecting_the_model += 1;
            } else {
                m.written_by_model += 1;
            }
        }
        m.quotes_not_verbatim += a
            .citations
            .iter()
            .filter(|c| {
                !a.retrieval.iter().any(|h| {
                    h.chunk_id == c.chunk_id && normalize(&h.text).contains(&normalize(&c.quote))
                })
            })
            .count();
        let best_vector = a
            .retrieval
            .iter()
            .filter_map(|h| h.vector_score)
            .fold(f32::NAN, f32::max);
        let sentences = lotse_ingest::chunk::split_sentences(&a.answer).len();
        let answer_rank = a
            .retrieval
            .iter()
            .position(|h| is_answer(h, q))
            .map(|p| p + 1);
        let given = a
            .retrieval
            .iter()
            .any(|h| is_answer(h, q) && a.context.passages.contains(&h.chunk_id));
        let (cited, facts) = match &q.document {
            Some(doc) => {
                m.answerable += 1;
                let cited = a
                    .citations
                    .first()
                    .is_some_and(|c| same_document(file_name(&c.source), doc));
                let text = normalize(&a.answer);
                let facts =
                    !a.abstained && q.answer_facts.iter().all(|f| text.contains(&normalize(f)));
                cited_ok += usize::from(cited);
                fact_ok += usize::from(facts);
                fact_short += usize::from(facts && sentences <= 2);
                in_context += usize::from(given);
                fact_in_context += usize::from(given && facts);
                if !a.abstained {
                    sentences_total += sentences;
                }
                m.wrongly_abstained += usize::from(a.abstained);
                (Some(cited), Some(facts))
            }
            None => {
                m.unanswerable += 1;
                abstained_ok += usize::from(a.abstained);
                (None, None)
            }
        };
        rows.push(serde_json::json!({
            "id": q.id, "abstained": a.abstained, "cited_document_ok": cited,
            "facts_ok": facts, "best_vector_score": best_vector, "sentences": sentences,
            "answer_rank": answer_rank, "answer_in_context": given,
            "unknown_words": a.context.unknown_words, "answer": a.answer,
            "judge_best": a.context.judgements.iter().map(|j| j.score).reduce(f32::max),
            "judge_ms": a.timings_ms.judge,
            "total_ms": a.timings_ms.total, "model_output": a.context.model_output,
            "prompt_tokens": a.context.prompt_tokens,
            "fallback": a.context.fallback,
        }));
    }
    let share = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    m.cited_document_ok = share(cited_ok, m.answerable);
    m.facts_ok = share(fact_ok, m.answerable);
    m.facts_ok_within_2_sentences = share(fact_short, m.answerable);
    m.mean_sentences = share(sentences_total, m.answerable - m.wrongly_abstained);
    m.answer_in_context = share(in_context, m.answerable);
    m.facts_ok_given_context = share(fact_in_context, in_context);
    m.abstained_ok = share(abstained_ok, m.unanswerable);
    m.mean_prompt_tokens = share(prompt_tokens, prompts);
    latencies.sort_by(f64::total_cmp);
    m.p50_ms = latencies.get(latencies.len() / 2).copied().unwrap_or(0.0);
    Ok((m, rows))
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
            planted: Vec::new(),
            scan_confidence: None,
            kind: None,
            superseded_by: None,
            pending_from: None,
            dated: None,
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
