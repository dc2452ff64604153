//! Length-sorted batching: inputs of similar length share a forward pass, so little compute
//! goes into padding (the batched candle path) or into uneven attention blocks (the packed
//! CPU path), and the caller still gets its vectors back in input order.

/// Groups input indices into batches.
///
/// Indices are sorted by token length (longest first; ties keep input order) and cut into
/// batches of at most `max_batch` inputs. The number of batches is rounded up to a multiple
/// of `workers` and the inputs are spread evenly over them, so parallel workers finish
/// together instead of one of them running a last batch alone. A batch is then split further
/// where it would exceed `max_tokens` padded tokens (`inputs × longest input`); an input
/// longer than `max_tokens` still gets a batch of its own.
pub fn plan_batches(
    lengths: &[usize],
    max_batch: usize,
    max_tokens: usize,
    workers: usize,
) -> Vec<Vec<usize>> {
    let n = lengths.len();
    if n == 0 {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| lengths[b].cmp(&lengths[a]).then(a.cmp(&b)));
    let groups = n
        .div_ceil(max_batch.max(1))
        .next_multiple_of(workers.max(1))
        .min(n);
    let (small, extra) = (n / groups, n % groups);
    let mut batches: Vec<Vec<usize>> = Vec::with_capacity(groups);
    let mut rest = order.as_slice();
    for g in 0..groups {
        let (group, tail) = rest.split_at(small + usize::from(g < extra));
        rest = tail;
        // sorted longest first: the first input of a batch sets its padded length
        let mut current: Vec<usize> = Vec::new();
        for &i in group {
            let longest = current.first().map_or(lengths[i], |&f| lengths[f]).max(1);
            if !current.is_empty() && (current.len() + 1) * longest > max_tokens {
                batches.push(std::mem::take(&mut current));
            }
            current.push(i);
        }
        if !current.is_empty() {
            batches.push(current);
        }
    }
    batches
}

/// Puts per-batch results back into input order. `total` is the number of inputs.
pub fn restore_order<T>(total: usize, parts: Vec<(Vec<usize>, Vec<T>)>) -> Option<Vec<T>> {
    let mut slots: Vec<Option<T>> = (0..total).map(|_| None).collect();
    for (indices, values) in parts {
        if indices.len() != values.len() {
            return None;
        }
        for (i, v) in indices.into_iter().zip(values) {
            *slots.get_mut(i)? = Some(v);
        }
    }
    slots.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_lands_in_exactly_one_batch_longest_first() {
        let lengths = [5, 300, 12, 12, 250, 7, 512, 3, 290, 11];
        let batches = plan_batches(&lengths, 4, 100_000, 1);
        // 10 inputs, at most 4 per batch: 3 batches of 4, 3, 3
        assert_eq!(
            batches,
            vec![vec![6, 1, 8, 4], vec![2, 3, 9], vec![5, 0, 7]]
        );
        let mut seen: Vec<usize> = batches.iter().flatten().copied().collect();
        seen.sort();
        assert_eq!(seen, (0..lengths.len()).collect::<Vec<_>>());
        assert!(plan_batches(&[], 8, 100, 2).is_empty());
        assert_eq!(plan_batches(&[40], 8, 100, 4), vec![vec![0]]);
    }

    #[test]
    fn batches_come_in_multiples_of_the_worker_count() {
        let lengths: Vec<usize> = (0..100).map(|i| 200 + (i * 37) % 100).collect();
        for workers in [1, 2, 3, 4] {
            let batches = plan_batches(&lengths, 8, 100_000, workers);
            assert_eq!(
                batches.len() % workers,
                0,
                "{workers} workers: {} batches",
                batches.len()
            );
            assert!(batches.iter().all(|b| b.len() <= 8 && b.len() >= 6));
            assert_eq!(batches.iter().map(Vec::len).sum::<usize>(), 100);
        }
        // fewer inputs than workers: one input per batch
        assert_eq!(plan_batches(&[3, 4, 5], 8, 1000, 4).len(), 3);
    }

    #[test]
    fn token_budget_counts_padding_and_never_drops_an_input() {
        let lengths = [100, 100, 100, 600, 10, 10];
        let batches = plan_batches(&lengths, 16, 250, 1);
        // 600 alone (over budget, still embedded), then 2 × 100, then 100 + 10 + 10 (300 > 250)
        assert_eq!(batches, vec![vec![3], vec![0, 1], vec![2, 4], vec![5]]);
        for b in &batches[1..] {
            let longest = b.iter().map(|&i| lengths[i]).max().unwrap();
            assert!(b.len() * longest <= 250);
        }
    }

    #[test]
    fn restoring_the_order_inverts_the_plan() {
        let lengths = [3, 9, 1, 7, 7, 2, 8];
        let batches = plan_batches(&lengths, 2, 1000, 3);
        // "embed" each input as its own index times ten, batch by batch
        let parts = batches
            .iter()
            .map(|b| (b.clone(), b.iter().map(|&i| i * 10).collect::<Vec<_>>()))
            .collect();
        let out = restore_order(lengths.len(), parts).unwrap();
        assert_eq!(out, vec![0, 10, 20, 30, 40, 50, 60]);
        // a missing or surplus part is detected
        assert!(restore_order(3, vec![(vec![0, 1], vec![1, 2])]).is_none());
        assert!(restore_order(1, vec![(vec![0, 1], vec![1, 2])]).is_none());
    }
}
