//! `/metrics` in Prometheus' text format, and the request log (route, status, duration;
//! never the question or document text).

use crate::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Instant;

#[derive(Debug, Default)]
pub struct Metrics {
    inner: Mutex<Counters>,
}

#[derive(Debug, Default)]
struct Counters {
    /// (route, status) → count
    requests: BTreeMap<(String, u16), u64>,
    /// route → (count, seconds)
    durations: BTreeMap<String, (u64, f64)>,
    answers: u64,
    abstained: u64,
    unresolved_markers: u64,
}

impl Metrics {
    fn request(&self, route: &str, status: u16, seconds: f64) {
        let mut c = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *c.requests.entry((route.to_string(), status)).or_default() += 1;
        let d = c.durations.entry(route.to_string()).or_default();
        d.0 += 1;
        d.1 += seconds;
    }

    pub fn answered(&self, answer: &lotse_answer::Answer) {
        let mut c = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        c.answers += 1;
        c.abstained += u64::from(answer.abstained);
        c.unresolved_markers += u64::from(answer.unresolved_markers);
    }

    fn render(&self) -> String {
        let c = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut out = String::new();
        out.push_str("# HELP lotse_http_requests_total HTTP requests by route and status.\n");
        out.push_str("# TYPE lotse_http_requests_total counter\n");
        for ((route, status), n) in &c.requests {
            out.push_str(&format!(
                "lotse_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}\n"
            ));
        }
        out.push_str("# HELP lotse_http_request_duration_seconds Time spent per route.\n");
        out.push_str("# TYPE lotse_http_request_duration_seconds summary\n");
        for (route, (n, s)) in &c.durations {
            out.push_str(&format!(
                "lotse_http_request_duration_seconds_sum{{route=\"{route}\"}} {s}\n\
                 lotse_http_request_duration_seconds_count{{route=\"{route}\"}} {n}\n"
            ));
        }
        for (name, help, v) in [
            ("lotse_answers_total", "Answers given.", c.answers),
            (
                "lotse_answers_abstained_total",
                "Answers that abstained.",
                c.abstained,
            ),
            (
                "lotse_citation_markers_unresolved_total",
                "Citation markers removed because they named no given passage.",
                c.unresolved_markers,
            ),
        ] {
            out.push_str(&format!(
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {v}\n"
            ));
        }
        out
    }
}

/// Counters only, no collection or document names; with `--auth required` a scraper sends
/// a token like any client.
pub async fn render(
    State(state): State<Arc<AppState>>,
    _caller: crate::auth::Caller,
) -> impl IntoResponse {
    let mut text = state.metrics.render();
    text.push_str(&format!(
        "# HELP lotse_answer_slots_free Answers that could start now.\n# TYPE lotse_answer_slots_free gauge\nlotse_answer_slots_free {}\n",
        state.permits.available_permits()
    ));
    let waits = state.queue.stats();
    text.push_str(&format!(
        "# HELP lotse_answer_queue_length Requests waiting for a free slot.\n# TYPE lotse_answer_queue_length gauge\nlotse_answer_queue_length {}\n\
         # HELP lotse_answer_queue_waits_total Requests that waited for a slot and got one.\n# TYPE lotse_answer_queue_waits_total counter\nlotse_answer_queue_waits_total {}\n\
         # HELP lotse_answer_queue_wait_seconds_total Seconds those requests waited.\n# TYPE lotse_answer_queue_wait_seconds_total counter\nlotse_answer_queue_wait_seconds_total {}\n\
         # HELP lotse_answer_queue_wait_seconds_max The longest wait for a slot.\n# TYPE lotse_answer_queue_wait_seconds_max gauge\nlotse_answer_queue_wait_seconds_max {}\n\
         # HELP lotse_answer_queue_refused_total Requests refused with 429 (queue full or waited too long).\n# TYPE lotse_answer_queue_refused_total counter\nlotse_answer_queue_refused_total {}\n",
        state.queue.len(),
        waits.waited,
        waits.wait_seconds,
        waits.max_wait_seconds,
        waits.refused
    ));
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
}

/// Counts and logs every request by its route pattern (ids in paths don't explode the
/// label set).
pub async fn track(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_string();
    let method = request.method().clone();
    let started = Instant::now();
    let response = next.run(request).await;
    let seconds = started.elapsed().as_secs_f64();
    let status = response.status().as_u16();
    state.metrics.request(&route, status, seconds);
    tracing::info!(%method, route, status, ms = seconds * 1e3, "request");
    response
}
