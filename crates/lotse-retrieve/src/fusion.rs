//! Fusion of the keyword and the vector candidate list into one ranking.
//!
//! * **Distribution-based score fusion** (DBSF, the default; Qdrant offers the same): each
//!   list's scores are put on one scale by the list's own distribution (mean ± 3 standard
//!   deviations map to 0 and 1), then summed with weights. Unlike ranks, scores keep how
//!   far apart the candidates are: a passage that vector search finds with a clear lead is
//!   not buried under passages that share one common word with the question, and a rare
//!   exact term that BM25 scores far above the rest still lifts its passage.
//! * **Reciprocal Rank Fusion** (RRF): score(d) = Σ_lists w / (k + rank(d)), ranks
//!   1-based; k dampens the head of each list (60 in the original paper).
//! * **Relative score fusion**: min-max normalised scores, summed with weights.
//!
//! Measured on `corpus/eval` and on a held-out question set over other documents (see the
//! README): DBSF with the keyword list at half the vector list's weight was best on both.

/// Default k of RRF.
pub const DEFAULT_RRF_K: f32 = 60.0;

/// Default weight of the keyword list in distribution-based score fusion (the vector list
/// has 1): BM25 scores spread more than cosines, and paraphrased questions make keyword
/// search the weaker list on its own.
pub const DEFAULT_DBSF_KEYWORD_WEIGHT: f32 = 0.5;

/// How the keyword and the vector list become one ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FusionMethod {
    /// [`distribution_score_fusion`]
    #[default]
    Dbsf,
    /// [`reciprocal_rank_fusion`]
    Rrf,
    /// [`relative_score_fusion`]
    Relative,
}

impl FusionMethod {
    /// The name `--fusion` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            FusionMethod::Dbsf => "dbsf",
            FusionMethod::Rrf => "rrf",
            FusionMethod::Relative => "relative",
        }
    }

    /// The keyword list's default weight for this method (the vector list's is 1).
    pub fn default_keyword_weight(self) -> f32 {
        match self {
            FusionMethod::Dbsf => DEFAULT_DBSF_KEYWORD_WEIGHT,
            FusionMethod::Rrf | FusionMethod::Relative => 1.0,
        }
    }
}

impl std::str::FromStr for FusionMethod {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dbsf" | "distribution" => Ok(FusionMethod::Dbsf),
            "rrf" => Ok(FusionMethod::Rrf),
            "relative" | "score" => Ok(FusionMethod::Relative),
            other => Err(format!(
                "unknown fusion {other:?}: use dbsf, rrf or relative"
            )),
        }
    }
}

/// Parameters of the fusion: the method, the weights of the two lists, and k of RRF.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FusionParams {
    pub method: FusionMethod,
    pub k: f32,
    pub keyword_weight: f32,
    pub vector_weight: f32,
}

impl FusionParams {
    /// `method` with its default weights.
    pub fn with_method(method: FusionMethod) -> FusionParams {
        FusionParams {
            method,
            k: DEFAULT_RRF_K,
            keyword_weight: method.default_keyword_weight(),
            vector_weight: 1.0,
        }
    }
}

impl Default for FusionParams {
    fn default() -> Self {
        FusionParams::with_method(FusionMethod::default())
    }
}

/// Fuses the two lists ((chunk id, score), best first) as `params.method` says.
pub fn fuse(
    keyword: &[(String, f32)],
    vector: &[(String, f32)],
    params: FusionParams,
) -> Vec<Fused> {
    match params.method {
        FusionMethod::Dbsf => {
            distribution_score_fusion(keyword, vector, params.keyword_weight, params.vector_weight)
        }
        FusionMethod::Rrf => {
            let ids = |l: &[(String, f32)]| l.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
            reciprocal_rank_fusion(&ids(keyword), &ids(vector), params)
        }
        FusionMethod::Relative => {
            relative_score_fusion(keyword, vector, params.keyword_weight, params.vector_weight)
        }
    }
}

/// A passage after fusion, with its ranks in the input lists.
#[derive(Debug, Clone, PartialEq)]
pub struct Fused {
    pub chunk_id: String,
    pub score: f32,
    pub keyword_rank: Option<u32>,
    pub vector_rank: Option<u32>,
}

/// Fuses a keyword and a vector candidate list (chunk ids, best first).
/// Ties are broken by the better single rank, then by chunk id, so results are stable.
pub fn reciprocal_rank_fusion(
    keyword: &[String],
    vector: &[String],
    rrf: FusionParams,
) -> Vec<Fused> {
    let contributions = |list: &[String], weight: f32| -> Vec<f32> {
        (0..list.len())
            .map(|i| weight / (rrf.k + i as f32 + 1.0))
            .collect()
    };
    fn ids(list: &[String]) -> Vec<&str> {
        list.iter().map(String::as_str).collect()
    }
    combine(
        (&ids(keyword), contributions(keyword, rrf.keyword_weight)),
        (&ids(vector), contributions(vector, rrf.vector_weight)),
    )
}

/// One entry per passage of either list (chunk ids, best first), with its 1-based rank in
/// each list it is in and the sum of its contributions (the value at its position in the
/// list's contributions); a passage repeated within a list counts once, at its first place.
fn combine(keyword: (&[&str], Vec<f32>), vector: (&[&str], Vec<f32>)) -> Vec<Fused> {
    let mut fused: Vec<Fused> = Vec::with_capacity(keyword.0.len() + vector.0.len());
    let mut position: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for ((ids, contributions), is_keyword) in [(keyword, true), (vector, false)] {
        for (i, (id, contribution)) in ids.iter().zip(contributions).enumerate() {
            let index = *position.entry(id).or_insert_with(|| {
                fused.push(Fused {
                    chunk_id: id.to_string(),
                    score: 0.0,
                    keyword_rank: None,
                    vector_rank: None,
                });
                fused.len() - 1
            });
            let entry = &mut fused[index];
            let slot = if is_keyword {
                &mut entry.keyword_rank
            } else {
                &mut entry.vector_rank
            };
            if slot.is_none() {
                *slot = Some(i as u32 + 1);
                entry.score += contribution;
            }
        }
    }
    sort_fused(&mut fused);
    fused
}

/// Relative score fusion: each list's scores min-max normalised to 0..1 over its
/// candidates, then summed with the weights (a passage missing from a list gets 0 there).
/// Inputs: (chunk id, score), best first.
pub fn relative_score_fusion(
    keyword: &[(String, f32)],
    vector: &[(String, f32)],
    keyword_weight: f32,
    vector_weight: f32,
) -> Vec<Fused> {
    score_fusion(keyword, vector, keyword_weight, vector_weight, |scores| {
        let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let min = scores.iter().copied().fold(f32::INFINITY, f32::min);
        (min, max)
    })
}

/// Distribution-based score fusion: each list's scores mapped linearly so that its mean
/// minus three standard deviations is 0 and its mean plus three is 1, then summed with the
/// weights (a passage missing from a list gets 0 there). Not clamped: a candidate far
/// above the rest of its list (beyond +3σ) keeps that lead. Inputs: (chunk id, score),
/// best first.
pub fn distribution_score_fusion(
    keyword: &[(String, f32)],
    vector: &[(String, f32)],
    keyword_weight: f32,
    vector_weight: f32,
) -> Vec<Fused> {
    score_fusion(keyword, vector, keyword_weight, vector_weight, |scores| {
        let n = scores.len() as f32;
        let mean = scores.iter().sum::<f32>() / n;
        let variance = scores.iter().map(|s| (s - mean).powi(2)).sum::<f32>() / n;
        let sd = variance.sqrt();
        (mean - 3.0 * sd, mean + 3.0 * sd)
    })
}

/// Sums the weighted scores of both lists, each mapped linearly to 0 at the low and 1 at
/// the high bound `bounds` gives for its scores; a list whose bounds coincide (one
/// candidate, or all equal) counts 1 for each of its candidates.
fn score_fusion(
    keyword: &[(String, f32)],
    vector: &[(String, f32)],
    keyword_weight: f32,
    vector_weight: f32,
    bounds: impl Fn(&[f32]) -> (f32, f32),
) -> Vec<Fused> {
    let contributions = |list: &[(String, f32)], weight: f32| -> Vec<f32> {
        if list.is_empty() {
            return Vec::new();
        }
        let scores: Vec<f32> = list.iter().map(|x| x.1).collect();
        let (low, high) = bounds(&scores);
        let range = high - low;
        scores
            .iter()
            .map(|score| {
                weight
                    * if range > f32::EPSILON {
                        (score - low) / range
                    } else {
                        1.0
                    }
            })
            .collect()
    };
    fn ids(list: &[(String, f32)]) -> Vec<&str> {
        list.iter().map(|x| x.0.as_str()).collect()
    }
    combine(
        (&ids(keyword), contributions(keyword, keyword_weight)),
        (&ids(vector), contributions(vector, vector_weight)),
    )
}

fn sort_fused(fused: &mut [Fused]) {
    let best = |f: &Fused| {
        f.keyword_rank
            .unwrap_or(u32::MAX)
            .min(f.vector_rank.unwrap_or(u32::MAX))
    };
    fused.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| best(a).cmp(&best(b)))
            .then_with(|| a.chunk_id.cmp(&b.chunk_id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn agreement_beats_a_single_top_rank() {
        let f = reciprocal_rank_fusion(
            &ids(&["a", "b", "c"]),
            &ids(&["c", "d", "b"]),
            FusionParams::with_method(FusionMethod::Rrf),
        );
        let order: Vec<&str> = f.iter().map(|x| x.chunk_id.as_str()).collect();
        // b: 1/62 + 1/63, c: 1/63 + 1/61 → c first, then b, then a (1/61), d (1/62)
        assert_eq!(order, ["c", "b", "a", "d"]);
        assert_eq!(f[0].keyword_rank, Some(3));
        assert_eq!(f[0].vector_rank, Some(1));
        assert_eq!(f[3].keyword_rank, None);
        assert!((f[0].score - (1.0 / 63.0 + 1.0 / 61.0)).abs() < 1e-6);
    }

    #[test]
    fn one_empty_list_keeps_the_other_order() {
        let f = reciprocal_rank_fusion(
            &[],
            &ids(&["x", "y"]),
            FusionParams::with_method(FusionMethod::Rrf),
        );
        assert_eq!(
            f.iter().map(|x| x.chunk_id.as_str()).collect::<Vec<_>>(),
            ["x", "y"]
        );
        assert!(f.iter().all(|x| x.keyword_rank.is_none()));
    }

    #[test]
    fn duplicates_within_a_list_count_once() {
        let f = reciprocal_rank_fusion(
            &ids(&["a", "a"]),
            &[],
            FusionParams::with_method(FusionMethod::Rrf),
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].keyword_rank, Some(1));
    }

    #[test]
    fn relative_fusion_keeps_a_clear_lead_of_one_list() {
        let kw = |v: &[(&str, f32)]| {
            v.iter()
                .map(|(a, b)| (a.to_string(), *b))
                .collect::<Vec<_>>()
        };
        // "x" leads vector search by far and is no keyword candidate; "a" and "b" are weak
        // in both lists
        let keyword = kw(&[("a", 10.0), ("b", 9.0), ("c", 1.0)]);
        let vector = kw(&[("x", 0.9), ("a", 0.5), ("b", 0.49), ("d", 0.48)]);
        let f = relative_score_fusion(&keyword, &vector, 1.0, 1.0);
        let order: Vec<&str> = f.iter().map(|x| x.chunk_id.as_str()).collect();
        assert_eq!(order[0], "a"); // 1.0 + 0.048
        assert_eq!(order[1], "x"); // 0 + 1.0
        assert_eq!(f[1].keyword_rank, None);
        assert_eq!(f[1].vector_rank, Some(1));
        // with the vector list weighted up, the lead wins
        let f = relative_score_fusion(&keyword, &vector, 0.5, 1.0);
        assert_eq!(f[0].chunk_id, "x");
        // one candidate, or all equal: normalised to 1, not NaN
        let f = relative_score_fusion(&kw(&[("a", 3.0)]), &[], 1.0, 1.0);
        assert_eq!(f[0].score, 1.0);
    }

    #[test]
    fn distribution_fusion_keeps_a_clear_lead_and_weighs_the_lists() {
        let list = |v: &[(&str, f32)]| {
            v.iter()
                .map(|(a, b)| (a.to_string(), *b))
                .collect::<Vec<_>>()
        };
        // vector: "x" stands out; keyword: "a" a little ahead of a flat field
        let vector = list(&[
            ("x", 0.90),
            ("a", 0.80),
            ("b", 0.80),
            ("c", 0.80),
            ("d", 0.80),
        ]);
        let keyword = list(&[("a", 5.0), ("b", 4.8), ("c", 4.5), ("d", 4.5), ("e", 4.5)]);
        let f = distribution_score_fusion(&keyword, &vector, 1.0, 1.0);
        // equal weights: "a", second in one list and first in the other, wins
        assert_eq!(f[0].chunk_id, "a");
        // with the keyword list at half weight the vector lead decides
        let f = distribution_score_fusion(&keyword, &vector, 0.5, 1.0);
        assert_eq!(f[0].chunk_id, "x");
        assert_eq!(f[0].keyword_rank, None);
        // NaN-free for a single candidate
        let f = distribution_score_fusion(&list(&[("a", 3.0)]), &[], 0.5, 1.0);
        assert_eq!(f[0].score, 0.5);
        let params = FusionParams::default();
        assert_eq!(params.method, FusionMethod::Dbsf);
        assert_eq!(params.keyword_weight, DEFAULT_DBSF_KEYWORD_WEIGHT);
    }

    #[test]
    fn fusion_methods_parse() {
        assert_eq!("dbsf".parse::<FusionMethod>(), Ok(FusionMethod::Dbsf));
        assert_eq!("RRF".parse::<FusionMethod>(), Ok(FusionMethod::Rrf));
        assert_eq!(
            "relative".parse::<FusionMethod>(),
            Ok(FusionMethod::Relative)
        );
        assert!("max".parse::<FusionMethod>().is_err());
    }
}
