//! The HTTP API of lotse (axum + tokio).
//!
//! * `POST /api/ask` — a grounded answer with citations, as JSON or (with `"stream": true`
//!   or `Accept: text/event-stream`) as server-sent events `retrieval`, `token`…,
//!   `citations`, `done`.
//! * `POST /api/search` — the `lotse search --json` contract.
//! * `GET /api/documents`, `POST /api/documents` (multipart upload into a collection),
//!   `DELETE /api/documents/{id}`, `GET /api/documents/{id}/file` (the original file).
//! * `POST /v1/chat/completions`, `GET /v1/models` — OpenAI-compatible, so existing chat
//!   front-ends and client libraries can use lotse as a model.
//! * `GET /healthz`, `GET /metrics` (Prometheus text format, admins).
//! * `POST /api/login`, `POST /api/logout`, `GET /api/me` — sessions of the web UI.
//! * `GET /api/system-card` — purpose, operator, models, what is logged (AI Act).
//! * `GET /` — the web UI (chat, documents, demo mode), assets embedded ([`ui`]).
//!
//! Every request first passes [`auth::authenticate`]: the caller's principal decides
//! which collections retrieval searches (a filter inside both engines), which documents
//! are listed and served, and where uploads and deletes are allowed. A collection the
//! caller may not read behaves exactly like one that does not exist.
//!
//! Answering and ingesting block (retrieval, embeddings, generation), so they run on
//! tokio's blocking pool; a semaphore bounds concurrent answers, and requests beyond it wait
//! in a bounded queue for a few seconds ([`admission`]) before they get 429 with `Retry-After`.
//! Logs carry route, status and duration, never question text or document content.

pub mod admission;
mod auth;
mod documents;
pub mod error;
mod metrics;
mod openai;
mod routes;
mod ui;

pub use auth::{Auth, AuthMode, ProxyAuth};
pub use axum::http::HeaderName;
pub use error::ApiError;
pub use metrics::Metrics;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, post};
use lotse_answer::Answerer;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Limits and settings of the server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Largest JSON request body.
    pub max_body_bytes: usize,
    /// Largest upload (all files of one request).
    pub max_upload_bytes: usize,
    /// Answers (and searches) computed at once; more wait in the queue.
    pub max_concurrent: usize,
    /// Requests that may wait for a free slot; more get 429 at once.
    pub max_queued: usize,
    /// How long a request waits for a free slot before it gets 429 with `Retry-After`.
    pub queue_timeout: Duration,
    /// Longest time one answer may take.
    pub request_timeout: Duration,
    /// Where uploaded files are kept (one folder per collection); ingested from there.
    pub upload_dir: PathBuf,
    /// The fixed part of `/api/system-card`: purpose, operator, models and checksums.
    pub system_card: serde_json::Value,
}

impl ServerConfig {
    pub fn new(upload_dir: impl Into<PathBuf>) -> ServerConfig {
        ServerConfig {
            max_body_bytes: 1024 * 1024,
            max_upload_bytes: 200 * 1024 * 1024,
            max_concurrent: 8,
            max_queued: 256,
            queue_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(300),
            upload_dir: upload_dir.into(),
            system_card: serde_json::Value::Null,
        }
    }
}

/// What every handler shares.
#[derive(Debug)]
pub struct AppState {
    pub answerer: Arc<Answerer>,
    pub config: ServerConfig,
    /// Slots for answers and searches; see [`admission`].
    pub permits: Arc<Semaphore>,
    pub queue: admission::Queue,
    /// Uploads and deletes one at a time (the index has one writer).
    pub writes: tokio::sync::Mutex<()>,
    pub metrics: Metrics,
    /// Identities, permissions, sessions, audit log.
    pub auth: Auth,
}

impl AppState {
    pub fn new(answerer: Arc<Answerer>, config: ServerConfig, auth: Auth) -> Arc<AppState> {
        Arc::new(AppState {
            answerer,
            auth,
            permits: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
            queue: admission::Queue::default(),
            config,
            writes: tokio::sync::Mutex::new(()),
            metrics: Metrics::default(),
        })
    }
}

/// The application's routes.
pub fn router(state: Arc<AppState>) -> Router {
    let upload_limit = state.config.max_upload_bytes;
    let body_limit = state.config.max_body_bytes;
    let api = Router::new()
        .route("/api/ask", post(routes::ask))
        .route("/api/search", post(routes::search))
        .route("/api/documents", get(documents::list))
        .route("/api/documents/{id}", delete(documents::remove))
        .route("/api/documents/{id}/file", get(documents::file))
        .route("/v1/chat/completions", post(openai::chat_completions))
        .route("/v1/models", get(openai::models))
        .route("/healthz", get(routes::healthz))
        .route("/api/login", post(auth::login))
        .route("/api/logout", post(auth::logout))
        .route("/api/me", get(auth::me))
        .route("/api/system-card", get(routes::system_card))
        .route("/metrics", get(metrics::render))
        .layer(DefaultBodyLimit::max(body_limit));
    let uploads = Router::new()
        .route("/api/documents", post(documents::upload))
        .layer(DefaultBodyLimit::max(upload_limit));
    api.merge(uploads)
        .merge(ui::router())
        .fallback(routes::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .with_state(state)
}

/// Serves until Ctrl-C or SIGTERM, then lets running requests finish.
pub async fn serve(listener: tokio::net::TcpListener, state: Arc<AppState>) -> std::io::Result<()> {
    // the peer address tells a trusted proxy from everyone else
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing running requests");
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod auth_tests;
