//! Reciprocal Rank Fusion: combines ranked lists by rank, not by score, so BM25 scores
//! (unbounded) and cosine similarities (−1..1) never have to be put on one scale.
//! score(d) = Σ_lists 1 / (k + rank(d)), ranks 1-based; k dampens the head of each list
//! (60 in the original paper; smaller k trusts the top ranks more).

/// Default k of RRF.
pub const DEFAULT_RRF_K: f32 = 60.0;

/// Parameters of weighted RRF: score(d) = Σ_lists weight / (k + rank(d)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rrf {
    pub k: f32,
    pub keyword_weight: f32,
    pub vector_weight: f32,
}

impl Default for Rrf {
    fn default() -> Self {
        Rrf {
            k: DEFAULT_RRF_K,
            keyword_weight: 1.0,
            vector_weight: 1.0,
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
pub fn reciprocal_rank_fusion(keyword: &[String], vector: &[String], rrf: Rrf) -> Vec<Fused> {
    let mut fused: Vec<Fused> = Vec::with_capacity(keyword.len() + vector.len());
    let mut position: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (list, is_keyword, weight) in [
        (keyword, true, rrf.keyword_weight),
        (vector, false, rrf.vector_weight),
    ] {
        for (i, id) in list.iter().enumerate() {
            let rank = i as u32 + 1;
            let index = *position.entry(id.as_str()).or_insert_with(|| {
                fused.push(Fused {
                    chunk_id: id.clone(),
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
                *slot = Some(rank);
                entry.score += weight / (rrf.k + rank as f32);
            }
        }
    }
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
    fused
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn agreement_beats_a_single_top_rank() {
        let f = reciprocal_rank_fusion(&ids(&["a", "b", "c"]), &ids(&["c", "d", "b"]), Rrf::default());
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
        let f = reciprocal_rank_fusion(&[], &ids(&["x", "y"]), Rrf::default());
        assert_eq!(
            f.iter().map(|x| x.chunk_id.as_str()).collect::<Vec<_>>(),
            ["x", "y"]
        );
        assert!(f.iter().all(|x| x.keyword_rank.is_none()));
    }

    #[test]
    fn duplicates_within_a_list_count_once() {
        let f = reciprocal_rank_fusion(&ids(&["a", "a"]), &[], Rrf::default());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].keyword_rank, Some(1));
    }
}
