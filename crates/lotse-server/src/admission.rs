//! Admission of answers and searches: a fixed number run at once (they share the CPU and
//! the models), requests beyond that wait in a bounded queue for a free slot, and only a
//! request that waited too long, or finds the queue full, gets 429 with `Retry-After`.
//!
//! One extractive answer takes tens of milliseconds, so a burst of users is served by
//! waiting a moment rather than by refusing; the bounds keep a flood from piling up
//! unbounded work or memory.

use crate::{ApiError, AppState};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::OwnedSemaphorePermit;

/// Requests waiting now, and what the waits were.
#[derive(Debug, Default)]
pub struct Queue {
    waiting: AtomicUsize,
    stats: Mutex<WaitStats>,
}

/// Counters for `/metrics`.
#[derive(Debug, Default, Clone, Copy)]
pub struct WaitStats {
    /// Requests that had to wait for a slot (and got one).
    pub waited: u64,
    /// Total seconds they waited.
    pub wait_seconds: f64,
    /// The longest wait.
    pub max_wait_seconds: f64,
    /// Requests refused: queue full or waited longer than the limit.
    pub refused: u64,
}

impl Queue {
    /// Requests waiting for a slot now.
    pub fn len(&self) -> usize {
        self.waiting.load(Ordering::Relaxed)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn stats(&self) -> WaitStats {
        *self
            .stats
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn record(&self, waited: Option<Duration>) {
        let mut stats = self
            .stats
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match waited {
            Some(d) => {
                stats.waited += 1;
                stats.wait_seconds += d.as_secs_f64();
                stats.max_wait_seconds = stats.max_wait_seconds.max(d.as_secs_f64());
            }
            None => stats.refused += 1,
        }
    }
}

/// Leaves the queue when dropped, also when the client goes away while waiting.
struct InQueue<'a>(&'a AtomicUsize);

impl Drop for InQueue<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A slot for one answer or search: at once when one is free, else after a wait in the
/// queue; 429 when the queue is full or the wait passes `queue_timeout`.
pub async fn slot(state: &AppState) -> Result<OwnedSemaphorePermit, ApiError> {
    if let Ok(permit) = state.permits.clone().try_acquire_owned() {
        return Ok(permit);
    }
    let queue = &state.queue;
    if queue.waiting.fetch_add(1, Ordering::Relaxed) >= state.config.max_queued {
        queue.waiting.fetch_sub(1, Ordering::Relaxed);
        queue.record(None);
        return Err(ApiError::overloaded());
    }
    let _in_queue = InQueue(&queue.waiting);
    let started = Instant::now();
    match tokio::time::timeout(
        state.config.queue_timeout,
        state.permits.clone().acquire_owned(),
    )
    .await
    {
        Ok(Ok(permit)) => {
            queue.record(Some(started.elapsed()));
            Ok(permit)
        }
        // timed out (or the semaphore closed, which it never is)
        _ => {
            queue.record(None);
            Err(ApiError::overloaded())
        }
    }
}
