//! One gRPC connection per configured Qdrant URL, a runtime to drive them, and retries.
//!
//! lotse's storage traits are blocking (they are called from ingest loops and from
//! `spawn_blocking` in the server), so the connection owns a small tokio runtime and
//! blocks on each call. A transient failure (node down, timeout, overload) is retried with
//! exponential backoff, moving on to the next URL each time: with several nodes listed,
//! losing the one in use costs a retry, not the request.

use lotse_core::VectorError;
use qdrant_client::{Qdrant, QdrantError};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Where and how to reach Qdrant.
#[derive(Clone)]
pub struct QdrantSettings {
    /// gRPC URLs of the server or of several cluster nodes (`http://host:6334`).
    pub urls: Vec<String>,
    pub api_key: Option<String>,
    /// Prefix of the Qdrant collection names, so that several lotse installations (or
    /// tests) can share one cluster: `<prefix>_passages`, `<prefix>_documents`.
    pub prefix: String,
    /// Shards of the passage collection; `None`: Qdrant's default (one per node).
    pub shards: Option<u32>,
    /// Copies of each shard; 2 survives the loss of any one node.
    pub replication: u32,
    /// Time limit of one request.
    pub timeout: Duration,
    /// Attempts per request before the error is reported (at least 1).
    pub attempts: u32,
}

impl std::fmt::Debug for QdrantSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QdrantSettings")
            .field("urls", &self.urls)
            .field("api_key", &self.api_key.as_ref().map(|_| "…"))
            .field("prefix", &self.prefix)
            .field("shards", &self.shards)
            .field("replication", &self.replication)
            .field("timeout", &self.timeout)
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl QdrantSettings {
    /// Settings for `urls`, a comma-separated list.
    pub fn new(urls: &str) -> QdrantSettings {
        QdrantSettings {
            urls: urls
                .split(',')
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .map(str::to_string)
                .collect(),
            api_key: None,
            prefix: "lotse".into(),
            shards: None,
            replication: 1,
            timeout: Duration::from_secs(30),
            attempts: 6,
        }
    }
}

/// Clients for the configured URLs and the runtime they run on.
pub struct Connection {
    runtime: tokio::runtime::Runtime,
    clients: Vec<(String, Qdrant)>,
    /// Index of the client in use; moves on after a transient failure.
    current: AtomicUsize,
    pub(crate) settings: QdrantSettings,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// First wait after a transient failure; doubled per attempt up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(2);

impl Connection {
    /// Connects and checks that a server answers; the error names the URLs tried.
    pub fn open(settings: QdrantSettings) -> Result<Connection, VectorError> {
        if settings.urls.is_empty() {
            return Err(VectorError::Store(
                "no Qdrant URL given: set --qdrant-url or LOTSE_QDRANT_URL (gRPC, e.g. http://127.0.0.1:6334)".into(),
            ));
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("lotse-qdrant")
            .enable_all()
            .build()
            .map_err(|e| VectorError::Store(format!("cannot start the Qdrant client: {e}")))?;
        let mut clients = Vec::new();
        for url in &settings.urls {
            let _guard = runtime.enter();
            let client = Qdrant::from_url(url)
                .api_key(settings.api_key.clone())
                .timeout(settings.timeout)
                .connect_timeout(Duration::from_secs(5))
                .skip_compatibility_check()
                .build()
                .map_err(|e| VectorError::Store(format!("invalid Qdrant URL {url:?}: {e}")))?;
            clients.push((url.clone(), client));
        }
        let connection = Connection {
            runtime,
            clients,
            current: AtomicUsize::new(0),
            settings,
        };
        connection.call("health check", |c| async move { c.health_check().await })?;
        Ok(connection)
    }

    /// Runs `request` against the client in use, retrying transient failures on the next
    /// URL with backoff. `what` names the operation in the error.
    pub fn call<T, F, Fut>(&self, what: &str, request: F) -> Result<T, VectorError>
    where
        F: Fn(Qdrant) -> Fut,
        Fut: Future<Output = Result<T, QdrantError>>,
    {
        let attempts = self.settings.attempts.max(1);
        let mut backoff = FIRST_BACKOFF;
        let mut attempt = 1;
        loop {
            let index = self.current.load(Ordering::Relaxed) % self.clients.len();
            let (url, client) = &self.clients[index];
            match self.runtime.block_on(request(client.clone())) {
                Ok(value) => return Ok(value),
                Err(e) if is_transient(&e) && attempt < attempts => {
                    tracing::warn!(%url, attempt, error = %e, "Qdrant {what}: retrying");
                    // the next URL, unless another thread moved on already
                    let _ = self.current.compare_exchange(
                        index,
                        index + 1,
                        Ordering::Relaxed,
                        Ordering::Relaxed,
                    );
                    std::thread::sleep(backoff);
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                    attempt += 1;
                }
                Err(e) => return Err(self.error(what, url, &e, attempt)),
            }
        }
    }

    fn error(&self, what: &str, url: &str, e: &QdrantError, attempts: u32) -> VectorError {
        let reason = match e {
            QdrantError::ResponseError { status } => status.message().to_string(),
            other => other.to_string(),
        };
        let tried = if self.clients.len() > 1 {
            format!(" (tried {})", self.settings.urls.join(", "))
        } else {
            String::new()
        };
        if is_transient(e) {
            VectorError::Store(format!(
                "cannot reach Qdrant at {url}{tried} after {attempts} attempts ({what}): {reason}; is the server running and the URL the gRPC port (usually 6334)?"
            ))
        } else {
            VectorError::Store(format!("Qdrant at {url}, {what}: {reason}"))
        }
    }
}

/// Failures that another attempt (perhaps on another node) can cure.
fn is_transient(e: &QdrantError) -> bool {
    use tonic::Code;
    match e {
        QdrantError::ResourceExhaustedError { .. } => true,
        QdrantError::ResponseError { status } => {
            matches!(
                status.code(),
                Code::Unavailable
                    | Code::DeadlineExceeded
                    | Code::Aborted
                    | Code::ResourceExhausted
                    | Code::Unknown
                    | Code::Cancelled
            ) || (status.code() == Code::Internal && is_connection_failure(status.message()))
        }
        QdrantError::Io(_) => true,
        _ => false,
    }
}

/// The client reports a node it cannot connect to as an internal error ("Failed to connect
/// to …"), and a node reports a peer it lost as a transport error: both are worth another
/// attempt, on another node.
fn is_connection_failure(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    [
        "failed to connect",
        "transport error",
        "connection refused",
        "connection reset",
        "broken pipe",
        "timed out",
        "no active replica",
    ]
    .iter()
    .any(|needle| m.contains(needle))
}
