//! Grounded answers: a question (with the conversation so far) → retrieval → an answer whose
//! every statement cites a passage that was actually retrieved, or an honest abstention.
//!
//! * [`Answerer::ask`] runs the whole thing and reports progress as [`AnswerEvent`]s (the
//!   server turns them into server-sent events).
//! * **Follow-ups** are made standalone before retrieval ([`standalone_question`]).
//! * **Extractive mode** ([`extractive`]) needs no model: it quotes the sentences of the top
//!   passages that best match the question. It is instant and always available.
//! * **Generative mode** hands a numbered-passage prompt ([`prompt`]) to a [`Generator`].
//! * **Citations** ([`citations`]): every `[n]` must name a passage that was given; markers
//!   that don't resolve are removed and counted; each citation carries a quote that occurs
//!   verbatim in its passage.
//! * **Abstention**: when the retrieval evidence is weak (below a threshold calibrated on
//!   `corpus/eval`) nothing is answered; instead the user learns what was searched.

pub mod citations;
pub mod extractive;
pub mod judge;
pub mod prompt;
mod rewrite;
pub mod validity;

pub use lotse_core::generate::Message;
pub use rewrite::standalone_question;

use lotse_core::Hit;
use lotse_engine::Engine;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Instant;

/// Who said a turn of the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    User,
    Assistant,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    pub role: Role,
    pub content: String,
}

/// How the answer is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnswerMode {
    /// Quotes sentences of the passages; no model.
    Extractive,
    /// A language model writes the answer from the passages.
    Generative,
    /// Generative when a generator is configured, else extractive.
    #[default]
    Auto,
}

impl std::str::FromStr for AnswerMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "extractive" => Ok(AnswerMode::Extractive),
            "generative" => Ok(AnswerMode::Generative),
            "auto" => Ok(AnswerMode::Auto),
            other => Err(format!(
                "unknown answer mode {other:?}: use extractive, generative or auto"
            )),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AskRequest {
    pub question: String,
    /// Collections to search; empty: all the caller may read.
    #[serde(default)]
    pub collections: Vec<String>,
    /// What the caller may read, set by the server from the caller's identity, never by
    /// the request body. Retrieval searches `scope` narrowed to `collections`.
    #[serde(skip)]
    pub scope: lotse_core::Scope,
    /// The conversation before this question, oldest first.
    #[serde(default)]
    pub history: Vec<Turn>,
    #[serde(default)]
    pub mode: AnswerMode,
}

/// A verified source of the answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    /// The marker number as it appears in the answer: `[n]`.
    pub n: u32,
    pub chunk_id: String,
    pub document_id: String,
    pub source: String,
    pub title: String,
    pub collection: String,
    pub page: Option<u32>,
    pub section: String,
    /// A sentence that occurs verbatim in the passage and supports the answer.
    pub quote: String,
    /// OCR confidence (0–100) where the passage was recognised from a scan: the quote may
    /// contain recognition errors, and the citation says so ("Text aus Scan erkannt").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scan_confidence: Option<f32>,
    /// The document's kind, as the citation shows it ("Dienstanweisung", "Leitfaden").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The document's date: the day it takes effect, else its "Stand" (ISO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dated: Option<String>,
    /// The day the document takes effect, where that is still to come (ISO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_from: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerTimings {
    pub rewrite: f64,
    pub embedding: f64,
    pub keyword: f64,
    pub vector: f64,
    pub fusion: f64,
    pub retrieval: f64,
    /// The language model judging the top passages (see [`judge`]); 0 without it.
    #[serde(default)]
    pub judge: f64,
    pub first_token: f64,
    pub generation: f64,
    pub total: f64,
}

/// The complete answer, as `/api/ask` and `lotse ask --json` return it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub answer: String,
    pub abstained: bool,
    pub citations: Vec<Citation>,
    /// The hits retrieval returned, best first (the `lotse search --json` hit contract).
    pub retrieval: Vec<Hit>,
    /// The query retrieval actually ran (differs from the question for follow-ups).
    pub query: String,
    /// `extractive` or `generative`.
    pub mode: String,
    /// Citation markers in the generated text that named no given passage (removed).
    pub unresolved_markers: u32,
    /// Markers lotse added to generated sentences the model left uncited, where the
    /// sentence evidently comes from that passage (see `citations::attribute`).
    pub attributed_markers: u32,
    /// What the answer adds about its sources' validity (also at the end of `answer`): a
    /// rule not in force yet, sources that contradict each other.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub timings_ms: AnswerTimings,
    /// What the answer was made from, for the trainers' view.
    pub context: AnswerContext,
}

/// The passages the answer step was given, those left out and why, and (generative mode)
/// the prompt the model saw.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerContext {
    /// Chunk ids of the passages given to the answer step, in prompt order (marker n is
    /// the n-th).
    pub passages: Vec<String>,
    pub dropped: Vec<prompt::Dropped>,
    /// The prompt; empty in extractive mode.
    pub messages: Vec<Message>,
    /// Tokens of the prompt as the model counts them; 0 in extractive mode.
    pub prompt_tokens: usize,
    /// What the model wrote, before citations were checked (generative mode).
    pub model_output: Option<String>,
    /// Why the model's text was not shown and the passages were quoted instead (generative
    /// mode): it said the passages don't answer although retrieval found strong evidence,
    /// cited nothing, or said what they don't (see `citations::unsupported`).
    pub fallback: Option<String>,
    /// The question's words that no passage contains, not even by a synonym.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown_words: Vec<String>,
    /// What the judge said of the top passages (see [`judge`]), in retrieval order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub judgements: Vec<judge::Judgement>,
}

/// What happens while an answer is made, in order: `Retrieval`, in generative mode a
/// `Draft`, `Token`…, then the caller gets the [`Answer`].
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerEvent<'a> {
    Retrieval {
        query: &'a str,
        hits: &'a [Hit],
    },
    /// Generative mode only: the extractive answer from the same passages, sent before the
    /// judge and the model read them (seconds on a CPU), so the reader has a cited answer at
    /// once. The generated answer's tokens replace it; the final [`Answer`] is what counts
    /// (it may also be an abstention, when the judge finds no passage that answers).
    Draft {
        answer: &'a str,
        citations: &'a [Citation],
    },
    Token(&'a str),
}

pub use lotse_core::generate::{GenerateError, Generator};

#[derive(Debug, thiserror::Error)]
pub enum AnswerError {
    #[error("the question is empty")]
    EmptyQuestion,
    #[error("the question is too long ({chars} characters, at most {max})")]
    QuestionTooLong { chars: usize, max: usize },
    #[error("generative answers need a language model, and none is configured")]
    NoGenerator,
    #[error(transparent)]
    Engine(#[from] lotse_engine::EngineError),
    #[error(transparent)]
    Generate(#[from] GenerateError),
}

impl AnswerError {
    /// A stable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            AnswerError::EmptyQuestion => "empty_question",
            AnswerError::QuestionTooLong { .. } => "question_too_long",
            AnswerError::NoGenerator => "no_generator",
            AnswerError::Engine(lotse_engine::EngineError::InvalidCollection(_)) => {
                "invalid_collection"
            }
            AnswerError::Engine(_) => "retrieval_failed",
            AnswerError::Generate(_) => "generation_failed",
        }
    }

    /// Whether the request (not the server) is at fault.
    pub fn is_client_error(&self) -> bool {
        matches!(
            self,
            AnswerError::EmptyQuestion
                | AnswerError::QuestionTooLong { .. }
                | AnswerError::NoGenerator
                | AnswerError::Engine(lotse_engine::EngineError::InvalidCollection(_))
        )
    }
}

/// Longest question accepted, in characters.
pub const MAX_QUESTION_CHARS: usize = 2000;

/// Settings of the answerer.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerConfig {
    /// Passages retrieved.
    pub retrieve: usize,
    /// Passages quoted from (extractive) or put into the prompt (generative, within budget).
    pub context_passages: usize,
    /// Abstain when the best passage's cosine similarity to the question is below this
    /// and the question names something no passage contains (see [`Evidence`]).
    pub min_vector_score: f32,
    /// Abstain below this cosine similarity even when every noun of the question occurs
    /// in the passages.
    pub min_vector_score_known_words: f32,
    /// Keyword-only engines: abstain below this BM25 score of the best passage.
    pub min_keyword_score: f32,
    /// Let the language model judge the top passages (see [`judge`]), in extractive mode
    /// too; each judgement reads a short prompt (seconds on a CPU).
    pub judge: bool,
    /// Passages judged, from the top of the ranking.
    pub judged_passages: usize,
    /// Abstain when no judged passage reaches this log-odds of "Ja" over "Nein".
    pub min_judge_score: f32,
    /// Where another document of the cited one's collection gives other figures, answer
    /// from the newer one and name the conflict (see [`validity`]).
    pub conflict_notes: bool,
}

impl Default for AnswerConfig {
    fn default() -> Self {
        AnswerConfig {
            retrieve: 8,
            context_passages: 4,
            min_vector_score: DEFAULT_MIN_VECTOR_SCORE,
            min_vector_score_known_words: DEFAULT_MIN_VECTOR_SCORE_KNOWN_WORDS,
            min_keyword_score: DEFAULT_MIN_KEYWORD_SCORE,
            judge: false,
            judged_passages: DEFAULT_JUDGED_PASSAGES,
            min_judge_score: DEFAULT_MIN_JUDGE_SCORE,
            conflict_notes: true,
        }
    }
}

/// Best cosine of any candidate below which no answer is given. Calibrated on `corpus/eval`
/// (its 10 unanswerable questions reach up to 0.8489, its answerable ones go down to
/// 0.838) and checked on a held-out question set over other documents, where it also
/// abstained more often than 0.845 at no extra cost. multilingual-e5-small puts related
/// German texts at 0.80–0.95 cosine, so the threshold is high in absolute terms and the
/// margin is thin: an unanswerable question close to the documents' topic can pass it,
/// which is why a generated answer is also checked for "not in the sources".
pub const DEFAULT_MIN_VECTOR_SCORE: f32 = 0.849;
pub const DEFAULT_MIN_KEYWORD_SCORE: f32 = 6.0;
/// Best cosine below which no answer is given even though the sources contain every noun
/// of the question. Between this and [`DEFAULT_MIN_VECTOR_SCORE`] the words decide: the
/// unanswerable questions of `corpus/eval` and of the held-out set all ask about something
/// the documents never mention ("Kantine", "Jobticket", "Grundsteuerbescheid"), while
/// answerable ones in plain words can score low ("Wird das, was ich lokal speichere,
/// gebackupt?", 0.838).
pub const DEFAULT_MIN_VECTOR_SCORE_KNOWN_WORDS: f32 = 0.83;

/// Cosine thresholds per embedding model (`min_vector_score`, `…_known_words`), by the
/// model folder's name: every model has its own cosine scale (multilingual-e5-small puts
/// related German texts at 0.80–0.95, EmbeddingGemma at 0.3–0.7), so a threshold holds
/// only for the model it was measured with.
///
/// EmbeddingGemma-300M: chosen on the trade-off curve pooled over corpus/eval, laws-dev,
/// the seed set and XQuAD-de (`benches/abstention_curve.py --from 0.3 --to 0.5`) at about
/// 5 % of the answerable questions refused: 37 % of the unanswerable abstain (e5's
/// thresholds: 33 % at 8 %). As with e5, the cosine separates little.
pub const CALIBRATED_VECTOR_THRESHOLDS: &[(&str, f32, f32)] = &[
    (
        "multilingual-e5-small",
        DEFAULT_MIN_VECTOR_SCORE,
        DEFAULT_MIN_VECTOR_SCORE_KNOWN_WORDS,
    ),
    ("embeddinggemma-300m", 0.39, 0.35),
];

impl AnswerConfig {
    /// The cosine thresholds measured for the embedding model `model_id` (its id starts
    /// with the folder name, see [`CALIBRATED_VECTOR_THRESHOLDS`]); `false` when none were,
    /// and the configured ones stay.
    pub fn calibrate_for(&mut self, model_id: &str) -> bool {
        let name = model_id.split(';').next().unwrap_or_default();
        match CALIBRATED_VECTOR_THRESHOLDS
            .iter()
            .find(|(n, ..)| *n == name)
        {
            Some(&(_, unknown, known)) => {
                self.min_vector_score = unknown;
                self.min_vector_score_known_words = known;
                true
            }
            None => false,
        }
    }
}

/// Passages the judge reads per question.
pub const DEFAULT_JUDGED_PASSAGES: usize = 2;
/// Log-odds of "Ja" one judged passage must reach for the question to be answered: the
/// point of the trade-off curve pooled over corpus/eval, laws-dev and the seed set where
/// few answerable questions are refused (with Qwen2.5-Coder-1.5B: 6 % refused, 47 % of the
/// unanswerable ones abstain, against 1 % and 43 % without the judge; at 0.0, 97 % abstain
/// but 61 % of the answerable are refused). The 1.5B model leans to "Nein" on nearly
/// everything, so its scores separate little; see the README.
pub const DEFAULT_MIN_JUDGE_SCORE: f32 = -1.5;

/// How strongly retrieval supports answering at all.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evidence {
    pub best_vector: Option<f32>,
    pub best_keyword: Option<f32>,
    /// The question names something no passage contains (see [`unknown_words`]).
    pub has_unknown_words: bool,
}

impl Evidence {
    /// The best scores among all candidates of either search (the passages that made it
    /// through fusion are among them): how much evidence exists should not depend on how
    /// the two lists were merged.
    fn of(outcome: &lotse_engine::SearchOutcome, unknown_words: &[String]) -> Evidence {
        let max = |scores: &mut dyn Iterator<Item = f32>| scores.reduce(f32::max);
        Evidence {
            best_vector: max(&mut outcome.vector.iter().map(|v| v.1)),
            best_keyword: max(&mut outcome.keyword.iter().map(|h| h.score)),
            has_unknown_words: !unknown_words.is_empty(),
        }
    }

    /// The cosine an answer needs.
    fn vector_threshold(&self, config: &AnswerConfig) -> f32 {
        if self.has_unknown_words {
            config.min_vector_score
        } else {
            config.min_vector_score_known_words
        }
    }

    /// Why the evidence is too weak to answer from, in German (for the trainers' view).
    fn weakness(&self, config: &AnswerConfig) -> String {
        match (self.best_vector, self.best_keyword) {
            (Some(v), _) => format!(
                "Belege zu schwach: beste Kosinus-Ähnlichkeit {v:.3} unter der Schwelle {:.3}{}",
                self.vector_threshold(config),
                if self.has_unknown_words {
                    " (die Frage nennt Begriffe, die in keiner Passage vorkommen)"
                } else {
                    ""
                }
            ),
            (None, Some(k)) => format!(
                "Belege zu schwach: bester BM25-Wert {k:.2} unter der Schwelle {:.2}",
                config.min_keyword_score
            ),
            (None, None) => "keine Treffer".to_owned(),
        }
    }

    fn is_weak(&self, config: &AnswerConfig) -> bool {
        match (self.best_vector, self.best_keyword) {
            (Some(v), _) => v < self.vector_threshold(config),
            (None, Some(k)) => k < config.min_keyword_score,
            (None, None) => true,
        }
    }
}

/// Answers questions over an [`Engine`].
pub struct Answerer {
    engine: Arc<Engine>,
    generator: Option<Arc<dyn Generator>>,
    config: AnswerConfig,
}

impl std::fmt::Debug for Answerer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answerer")
            .field(
                "generator",
                &self.generator.as_ref().map(|g| g.name().to_string()),
            )
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

impl Answerer {
    pub fn new(
        engine: Arc<Engine>,
        generator: Option<Arc<dyn Generator>>,
        config: AnswerConfig,
    ) -> Answerer {
        Answerer {
            engine,
            generator,
            config,
        }
    }

    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    pub fn generator(&self) -> Option<&Arc<dyn Generator>> {
        self.generator.as_ref()
    }

    /// The extractive answer from `context`, analysed and with the synonyms of the index.
    /// Another document of the cited one's collection that answers with other figures.
    /// `quoted`: the answer's sentences with their passages, the first one's document the
    /// one the answer follows.
    fn conflict<'a>(
        &self,
        question: &str,
        quoted: &[(String, String)],
        context: &[&'a Hit],
    ) -> Option<validity::Conflict<'a>> {
        if !self.config.conflict_notes {
            return None;
        }
        let (first, _) = quoted.first()?;
        let answered = context.iter().find(|h| &h.chunk_id == first)?;
        let of_answered: Vec<&str> = quoted
            .iter()
            .filter(|(chunk, _)| {
                context
                    .iter()
                    .any(|h| &h.chunk_id == chunk && h.document_id == answered.document_id)
            })
            .map(|(_, sentence)| sentence.as_str())
            .collect();
        let analyzer = self.engine.analyzer();
        validity::find_conflict(
            &analyzer.terms(question),
            answered,
            &of_answered,
            context,
            |t| analyzer.terms(t),
            |h| {
                let quoted = self.quote(question, &[h])?;
                Some(quoted.sentences.into_iter().map(|(_, s)| s).collect())
            },
            |a, b| {
                let embedder = self.engine.embedder()?;
                let v = embedder.embed_passages(&[a, b]).ok()?;
                Some(cosine(&v[0], &v[1]))
            },
        )
    }

    /// The quoted answer, from the newer document where two of a collection give other
    /// figures, with a note naming the conflict.
    fn follow_newer(
        &self,
        question: &str,
        found: extractive::Extracted,
        context: &[&Hit],
        notes: &mut Vec<String>,
    ) -> extractive::Extracted {
        let Some(conflict) = self.conflict(question, &found.sentences, context) else {
            return found;
        };
        notes.push(validity::conflict_note(&conflict));
        // the older document's figure is in the note, not in the answer
        let without_older: Vec<&Hit> = context
            .iter()
            .copied()
            .filter(|h| h.document_id != conflict.older.document_id)
            .collect();
        self.quote(question, &without_older).unwrap_or(found)
    }

    fn quote(&self, question: &str, context: &[&Hit]) -> Option<extractive::Extracted> {
        let engine = &self.engine;
        let analyzer = engine.analyzer();
        extractive::answer(
            question,
            context,
            |t| analyzer.terms(t),
            |w| engine.synonym_alternatives(w),
        )
    }

    /// Answers `request`; blocking (retrieval and generation run on the calling thread or
    /// the model's own threads), so async callers use `spawn_blocking`.
    pub fn ask(
        &self,
        request: &AskRequest,
        on_event: &mut dyn FnMut(AnswerEvent<'_>),
    ) -> Result<Answer, AnswerError> {
        let started = Instant::now();
        let question = request.question.trim();
        if question.is_empty() {
            return Err(AnswerError::EmptyQuestion);
        }
        let chars = question.chars().count();
        if chars > MAX_QUESTION_CHARS {
            return Err(AnswerError::QuestionTooLong {
                chars,
                max: MAX_QUESTION_CHARS,
            });
        }
        let collections = request
            .collections
            .iter()
            .map(|c| lotse_core::validate_collection(c))
            .collect::<Result<Vec<_>, _>>()
            .map_err(lotse_engine::EngineError::from)?;
        let generator = match request.mode {
            AnswerMode::Extractive => None,
            AnswerMode::Generative => Some(self.generator.clone().ok_or(AnswerError::NoGenerator)?),
            AnswerMode::Auto => self.generator.clone(),
        };
        let mut timings = AnswerTimings::default();

        let t = Instant::now();
        let query = standalone_question(question, &request.history);
        timings.rewrite = ms(t);

        let t = Instant::now();
        let scope = request.scope.narrow(&collections);
        let outcome = self.engine.search_explained(
            &query,
            &scope,
            self.config.retrieve,
            self.engine.default_mode(),
        )?;
        timings.retrieval = ms(t);
        timings.embedding = outcome.timings_ms.embedding;
        timings.keyword = outcome.timings_ms.keyword;
        timings.vector = outcome.timings_ms.vector;
        timings.fusion = outcome.timings_ms.fusion;
        let unknown = unknown_words(&query, &*self.engine, &scope);
        let evidence = Evidence::of(&outcome, &unknown);
        let hits = outcome.hits;
        on_event(AnswerEvent::Retrieval {
            query: &query,
            hits: &hits,
        });

        let mode = if generator.is_some() {
            "generative"
        } else {
            "extractive"
        };
        // Planted instructions stay in the retrieval list (flagged, for admins and the demo
        // view) but never reach a quote, the judge or a prompt.
        let (usable, quarantined) = without_planted(&hits);
        let mut context: Vec<&Hit> = usable.iter().take(self.config.context_passages).collect();
        if generator.is_some()
            && !evidence.is_weak(&self.config)
            && let Some(draft) = self.quote(question, &context)
        {
            on_event(AnswerEvent::Draft {
                answer: &draft.text,
                citations: &draft.citations,
            });
        }
        let t = Instant::now();
        let judgements = match &self.generator {
            Some(judge) if self.config.judge && !evidence.is_weak(&self.config) => context
                .iter()
                .take(self.config.judged_passages)
                .map(|h| {
                    Ok(
                        judge::score(judge.as_ref(), &query, h)?.map(|score| judge::Judgement {
                            chunk_id: h.chunk_id.clone(),
                            score,
                        }),
                    )
                })
                .filter_map(Result::transpose)
                .collect::<Result<Vec<_>, GenerateError>>()?,
            _ => Vec::new(),
        };
        timings.judge = ms(t);
        let best_judgement = judgements.iter().map(|j| j.score).reduce(f32::max);
        let judged_unanswerable = best_judgement.is_some_and(|s| s < self.config.min_judge_score);
        let judged_out =
            judge::keep_answering(&mut context, &judgements, self.config.min_judge_score);
        let mut trace = AnswerContext {
            dropped: quarantined
                .into_iter()
                .chain(
                    usable
                        .iter()
                        .enumerate()
                        .skip(self.config.context_passages)
                        .map(|(i, h)| prompt::Dropped {
                            chunk_id: h.chunk_id.clone(),
                            reason: format!(
                                "Rang {}: nur die besten {} Passagen werden verwendet",
                                i + 1,
                                self.config.context_passages
                            ),
                        }),
                )
                .collect(),
            unknown_words: unknown.clone(),
            ..AnswerContext::default()
        };
        trace.dropped.splice(
            0..0,
            judged_out.iter().map(|h| prompt::Dropped {
                chunk_id: h.chunk_id.clone(),
                reason: match judge::score_of(&judgements, &h.chunk_id) {
                    Some(score) => format!(
                        "laut Sprachmodell beantwortet die Passage die Frage nicht (Wert {score:.2})"
                    ),
                    None => format!(
                        "nicht unter den {} vom Sprachmodell geprüften Passagen",
                        self.config.judged_passages
                    ),
                },
            }),
        );
        trace.judgements = judgements;
        let t = Instant::now();
        let mut first_token: Option<f64> = None;
        let mut emit = |piece: &str| {
            if first_token.is_none() {
                first_token = Some(ms(started));
            }
            on_event(AnswerEvent::Token(piece));
        };

        let mut attributed = 0;
        let mut notes: Vec<String> = Vec::new();
        // generative mode, but the model's text was rejected and the passages are quoted
        let mut quoted_instead = false;
        let weak = evidence.is_weak(&self.config);
        let (answer, citations, unresolved, abstained) = if weak || judged_unanswerable {
            let reason = if weak {
                evidence.weakness(&self.config)
            } else {
                format!(
                    "Das Sprachmodell fand die Antwort in keiner der besten {} Passagen (bester Wert {:.2} unter der Schwelle {:.2})",
                    self.config.judged_passages,
                    best_judgement.unwrap_or(f32::NAN),
                    self.config.min_judge_score
                )
            };
            trace.dropped = hits
                .iter()
                .map(|h| prompt::Dropped {
                    chunk_id: h.chunk_id.clone(),
                    reason: reason.clone(),
                })
                .collect();
            let text = abstention_message_naming(&query, &collections, &unknown);
            emit(&text);
            (text, Vec::new(), 0, true)
        } else if let Some(generator) = generator {
            let budget = generator.context_budget();
            let built = prompt::build(
                question,
                &request.history,
                &context,
                |s| generator.count_tokens(s),
                budget,
            );
            trace.passages = built.passages.iter().map(|h| h.chunk_id.clone()).collect();
            trace.dropped.splice(0..0, built.dropped.iter().cloned());
            trace.messages = built.messages.clone();
            trace.prompt_tokens = built.prompt_tokens;
            let raw = generator.generate(&built.messages, &mut emit)?;
            trace.model_output = Some(raw.clone());
            let checked = citations::verify(&raw, &built.passages, question);
            attributed = checked.attributed;
            let rejected = if citations::says_not_found(&raw) {
                Some("das Modell fand die Antwort nicht in den Passagen".to_owned())
            } else if checked.citations.is_empty() {
                Some("das Modell hat keine Quelle zitiert".to_owned())
            } else {
                citations::unsupported(&checked.text, &built.passages, question)
            };
            match rejected {
                None => {
                    let quoted: Vec<(String, String)> = checked
                        .citations
                        .iter()
                        .map(|c| (c.chunk_id.clone(), c.quote.clone()))
                        .collect();
                    if let Some(conflict) = self.conflict(question, &quoted, &built.passages) {
                        notes.push(validity::conflict_note(&conflict));
                    }
                    (checked.text, checked.citations, checked.unresolved, false)
                }
                Some(reason) => {
                    // Retrieval evidence is strong (checked above), so the passages are
                    // quoted instead of showing text the sources don't back.
                    trace.fallback = Some(reason);
                    match self.quote(question, &context) {
                        Some(found) => {
                            quoted_instead = true;
                            let found = self.follow_newer(question, found, &context, &mut notes);
                            (found.text, found.citations, checked.unresolved, false)
                        }
                        None => (
                            abstention_message(&query, &collections),
                            Vec::new(),
                            checked.unresolved,
                            true,
                        ),
                    }
                }
            }
        } else {
            trace.passages = context.iter().map(|h| h.chunk_id.clone()).collect();
            match self.quote(question, &context) {
                Some(found) => {
                    let found = self.follow_newer(question, found, &context, &mut notes);
                    emit(&found.text);
                    (found.text, found.citations, 0, false)
                }
                None => {
                    let text = abstention_message(&query, &collections);
                    emit(&text);
                    (text, Vec::new(), 0, true)
                }
            }
        };
        if !abstained {
            let cited: Vec<&Hit> = citations
                .iter()
                .filter_map(|c| hits.iter().find(|h| h.chunk_id == c.chunk_id))
                .collect();
            notes.extend(validity::pending_note(&cited));
        }
        let mut answer = answer;
        for note in &notes {
            let piece = format!("\n\n{note}");
            emit(&piece);
            answer.push_str(&piece);
        }
        timings.generation = ms(t);
        timings.first_token = first_token.unwrap_or_else(|| ms(started));
        timings.total = ms(started);
        Ok(Answer {
            answer,
            notes,
            abstained,
            citations,
            retrieval: hits,
            query,
            // what the user reads: quotes are extractive, whoever was asked
            mode: if quoted_instead { "extractive" } else { mode }.to_string(),
            unresolved_markers: unresolved,
            attributed_markers: attributed,
            timings_ms: timings,
            context: trace,
        })
    }
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (norm(a) * norm(b)).max(f32::MIN_POSITIVE)
}

/// The hits as answers may use them: planted instructions cut out of each passage, and
/// passages that held nothing else dropped (with the reason, for the demo view).
fn without_planted(hits: &[Hit]) -> (Vec<Hit>, Vec<prompt::Dropped>) {
    let mut usable = Vec::with_capacity(hits.len());
    let mut dropped = Vec::new();
    for hit in hits {
        if hit.planted.is_empty() {
            usable.push(hit.clone());
            continue;
        }
        // hits built by an older version carry no ranges: detect again for those
        let text = if hit.planted.iter().all(|p| p.end > p.start) {
            lotse_ingest::instructions::cut_out(
                &hit.text,
                hit.planted.iter().map(|p| p.start..p.end),
            )
        } else {
            lotse_ingest::instructions::without_planted_instructions(&hit.text)
        };
        if text.trim().is_empty() {
            dropped.push(prompt::Dropped {
                chunk_id: hit.chunk_id.clone(),
                reason:
                    "die Passage enthält nur Anweisungen an das KI-System; sie wird nicht verwendet"
                        .to_string(),
            });
            continue;
        }
        usable.push(Hit {
            text: text.into_owned(),
            ..hit.clone()
        });
    }
    (usable, dropped)
}

/// The section path without the document title it starts with, for display beside the
/// title ("Merkblatt › Abschnitt 4" → "Abschnitt 4").
pub fn section_within<'a>(title: &str, section: &'a str) -> &'a str {
    section
        .strip_prefix(title)
        .and_then(|rest| rest.strip_prefix(lotse_core::SECTION_SEPARATOR))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(section)
}

/// The question's nouns (all its words when none is capitalised, as typed in a hurry)
/// that no passage of the collections in `scope` contains, neither as such
/// nor by a synonym: what the question asks about that the sources never mention. A
/// compound counts whole: "Urlaubstage" is unknown to sources that speak of "Urlaub" and
/// of "Tagen" but never of Urlaubstage.
pub fn unknown_words(
    question: &str,
    index: &dyn lotse_retrieve::TermLookup,
    scope: &lotse_core::Scope,
) -> Vec<String> {
    let analyzer = index.analyzer();
    let words = extractive::question_words(question, &|t| analyzer.terms(t));
    let any_noun = words.iter().any(|w| w.noun);
    // an index that cannot be read counts every word as known: no abstention for that
    let known = |t: &String| index.has_term(t, scope);
    words
        .into_iter()
        .filter(|w| w.noun || !any_noun)
        .filter(|w| {
            let found = known(&w.whole)
                || index
                    .synonym_alternatives(&w.terms())
                    .iter()
                    .any(|alternative| alternative.iter().all(known));
            !found
        })
        .map(|w| w.word)
        .collect()
}

/// [`abstention_message`], naming the words of the question the sources don't contain.
pub fn abstention_message_naming(
    query: &str,
    collections: &[String],
    unknown: &[String],
) -> String {
    let message = abstention_message(query, collections);
    match unknown {
        [] => message,
        [word] => {
            format!("{message} Der Begriff „{word}“ kommt in den durchsuchten Quellen nicht vor.")
        }
        words => format!(
            "{message} Die Begriffe {} kommen in den durchsuchten Quellen nicht vor.",
            words
                .iter()
                .map(|w| format!("„{w}“"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// What the user reads when the sources don't answer the question: no invented content,
/// but what was searched and what to try.
pub fn abstention_message(query: &str, collections: &[String]) -> String {
    let scope = if collections.is_empty() {
        "allen freigegebenen Sammlungen".to_string()
    } else {
        format!("den Sammlungen {}", collections.join(", "))
    };
    format!(
        "Dazu habe ich in den freigegebenen Quellen nichts Belastbares gefunden. \
         Gesucht wurde nach „{query}“ in {scope}. Bitte formulieren Sie die Frage anders, \
         wählen Sie eine andere Sammlung oder wenden Sie sich an die zuständige Stelle."
    )
}

#[cfg(test)]
mod tests;
