//! A small least-recently-used cache of query vectors.
//!
//! Demo sessions and colleagues ask the same questions again; a repeated question then costs
//! a hash look-up instead of a forward pass. Keyed by the exact query text (the model, its
//! prefixes and truncation are fixed for one embedder, so equal text means equal vector).

use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Default)]
struct Entries {
    map: HashMap<String, (Vec<f32>, u64)>,
    tick: u64,
}

/// At most `capacity` query vectors; capacity 0 caches nothing.
#[derive(Debug)]
pub(crate) struct QueryCache {
    capacity: usize,
    entries: Mutex<Entries>,
}

impl QueryCache {
    pub(crate) fn new(capacity: usize) -> Self {
        QueryCache {
            capacity,
            entries: Mutex::default(),
        }
    }

    pub(crate) fn get(&self, text: &str) -> Option<Vec<f32>> {
        if self.capacity == 0 {
            return None;
        }
        let mut e = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        e.tick += 1;
        let tick = e.tick;
        let (vector, used) = e.map.get_mut(text)?;
        *used = tick;
        Some(vector.clone())
    }

    pub(crate) fn insert(&self, text: &str, vector: &[f32]) {
        if self.capacity == 0 {
            return;
        }
        let mut e = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        e.tick += 1;
        let tick = e.tick;
        if e.map.len() >= self.capacity && !e.map.contains_key(text) {
            // O(capacity) eviction: a few hundred entries, far below one forward pass.
            if let Some(oldest) = e
                .map
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| k.clone())
            {
                e.map.remove(&oldest);
            }
        }
        e.map.insert(text.to_owned(), (vector.to_vec(), tick));
    }

    pub(crate) fn len(&self) -> usize {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .map
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_recently_used_and_evicts_the_oldest() {
        let c = QueryCache::new(2);
        c.insert("a", &[1.0]);
        c.insert("b", &[2.0]);
        assert_eq!(c.get("a"), Some(vec![1.0])); // a is now newer than b
        c.insert("c", &[3.0]);
        assert_eq!(c.len(), 2);
        assert_eq!(c.get("b"), None);
        assert_eq!(c.get("a"), Some(vec![1.0]));
        assert_eq!(c.get("c"), Some(vec![3.0]));
        c.insert("c", &[4.0]); // replacing does not evict
        assert_eq!(c.len(), 2);
        assert_eq!(c.get("c"), Some(vec![4.0]));
    }

    #[test]
    fn capacity_zero_caches_nothing() {
        let c = QueryCache::new(0);
        c.insert("a", &[1.0]);
        assert_eq!(c.get("a"), None);
        assert_eq!(c.len(), 0);
    }
}
