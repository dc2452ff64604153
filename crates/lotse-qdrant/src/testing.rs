//! Qdrant server processes on loopback, for tests and benchmarks: a single node or a
//! cluster, each node with its own ports and storage, stopped (SIGKILL) when dropped.
//!
//! The binary: `LOTSE_QDRANT_BIN`, else `$LOTSE_CACHE/qdrant/qdrant` (where the set-up
//! script puts the build from `../shared/qdrant`), else `~/.cache/lotse/qdrant/qdrant`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Where the Qdrant server binary is expected, whether or not it is there.
pub fn binary_path() -> PathBuf {
    if let Some(p) = std::env::var_os("LOTSE_QDRANT_BIN") {
        return PathBuf::from(p);
    }
    let cache = std::env::var_os("LOTSE_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/lotse")))
        .unwrap_or_else(|| PathBuf::from(".cache/lotse"));
    cache.join("qdrant/qdrant")
}

/// The binary, if it exists.
pub fn binary() -> Option<PathBuf> {
    let p = binary_path();
    p.is_file().then_some(p)
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(0)
}

/// One running Qdrant node.
#[derive(Debug)]
pub struct Node {
    child: Option<Child>,
    pub http_port: u16,
    pub grpc_port: u16,
    pub p2p_port: u16,
    pub storage: PathBuf,
    binary: PathBuf,
    bootstrap: Option<u16>,
}

impl Node {
    /// The gRPC URL lotse connects to.
    pub fn grpc_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.grpc_port)
    }

    pub fn http_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.http_port)
    }

    /// Starts a node storing under `dir`; in a cluster when `cluster` is set, joining the
    /// node whose P2P port is `bootstrap` (none: the first node).
    pub fn start(
        binary: &Path,
        dir: &Path,
        cluster: bool,
        bootstrap: Option<u16>,
    ) -> std::io::Result<Node> {
        let mut node = Node {
            child: None,
            http_port: free_port(),
            grpc_port: free_port(),
            p2p_port: free_port(),
            storage: dir.to_path_buf(),
            binary: binary.to_path_buf(),
            bootstrap: if cluster { bootstrap.or(Some(0)) } else { None },
        };
        node.spawn()?;
        Ok(node)
    }

    fn spawn(&mut self) -> std::io::Result<()> {
        std::fs::create_dir_all(self.storage.join("storage"))?;
        let mut command = Command::new(&self.binary);
        command
            .current_dir(&self.storage)
            .env("QDRANT__SERVICE__HOST", "127.0.0.1")
            .env("QDRANT__SERVICE__HTTP_PORT", self.http_port.to_string())
            .env("QDRANT__SERVICE__GRPC_PORT", self.grpc_port.to_string())
            .env(
                "QDRANT__STORAGE__STORAGE_PATH",
                self.storage.join("storage"),
            )
            .env(
                "QDRANT__STORAGE__SNAPSHOTS_PATH",
                self.storage.join("snapshots"),
            )
            .env("QDRANT__TELEMETRY_DISABLED", "true")
            .env("QDRANT__LOG_LEVEL", "WARN")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(self.storage.join("qdrant.log"))?);
        if let Some(bootstrap) = self.bootstrap {
            command
                .env("QDRANT__CLUSTER__ENABLED", "true")
                .env("QDRANT__CLUSTER__P2P__PORT", self.p2p_port.to_string())
                .arg("--uri")
                .arg(format!("http://127.0.0.1:{}", self.p2p_port));
            if bootstrap != 0 {
                command
                    .arg("--bootstrap")
                    .arg(format!("http://127.0.0.1:{bootstrap}"));
            }
        }
        self.child = Some(command.spawn()?);
        Ok(())
    }

    /// Waits until the node answers `/readyz`.
    pub fn wait_ready(&self, limit: Duration) -> Result<(), String> {
        let started = Instant::now();
        while started.elapsed() < limit {
            if http_get(self.http_port, "/readyz").is_some_and(|(status, _)| status == 200) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let log = std::fs::read_to_string(self.storage.join("qdrant.log")).unwrap_or_default();
        Err(format!(
            "Qdrant on port {} not ready after {limit:?}; its log:\n{log}",
            self.http_port
        ))
    }

    /// Kills the node at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the node again on its ports and storage, rejoining its cluster.
    pub fn restart(&mut self) -> std::io::Result<()> {
        self.kill();
        // a restarted peer rejoins from its stored cluster state, not by bootstrap
        self.spawn()
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// The node's resident memory in KiB (Linux), for benchmarks.
    pub fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()?)).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// `GET path` on the node's HTTP port: status and body.
    pub fn get(&self, path: &str) -> Option<(u16, String)> {
        http_get(self.http_port, path)
    }

    /// `POST path` with a JSON body on the node's HTTP port.
    pub fn post(&self, path: &str, body: &str) -> Option<(u16, String)> {
        http_request(self.http_port, "POST", path, body)
    }

    /// Whether the process runs (it was not killed).
    pub fn is_running(&self) -> bool {
        self.child.is_some()
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Nodes of one cluster on loopback.
#[derive(Debug)]
pub struct Cluster {
    pub nodes: Vec<Node>,
}

impl Cluster {
    /// Starts `n` nodes under `dir` (`node1`, `node2`, …), the first one bootstrapping the
    /// others, and waits until all are ready.
    pub fn start(binary: &Path, dir: &Path, n: usize) -> Result<Cluster, String> {
        let mut nodes: Vec<Node> = Vec::new();
        for i in 0..n {
            let bootstrap = nodes.first().map(|first| first.p2p_port);
            let node = Node::start(binary, &dir.join(format!("node{}", i + 1)), true, bootstrap)
                .map_err(|e| format!("starting Qdrant node {}: {e}", i + 1))?;
            node.wait_ready(Duration::from_secs(60))?;
            nodes.push(node);
        }
        let cluster = Cluster { nodes };
        cluster.wait_peers(n, Duration::from_secs(60))?;
        Ok(cluster)
    }

    /// Waits until the first live node sees `n` peers.
    pub fn wait_peers(&self, n: usize, limit: Duration) -> Result<(), String> {
        let started = Instant::now();
        while started.elapsed() < limit {
            for node in self.nodes.iter().filter(|n| n.child.is_some()) {
                if let Some((200, body)) = node.get("/cluster")
                    && let Ok(json) = serde_json::from_str::<serde_json::Value>(&body)
                    && json["result"]["peers"]
                        .as_object()
                        .is_some_and(|p| p.len() >= n)
                {
                    return Ok(());
                }
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Err(format!(
            "the Qdrant cluster did not reach {n} peers in {limit:?}"
        ))
    }

    /// gRPC URLs of all nodes, comma-separated (lotse's `--qdrant-url`).
    pub fn grpc_urls(&self) -> String {
        self.nodes
            .iter()
            .map(Node::grpc_url)
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// A minimal HTTP/1.0 GET on loopback (no client library needed for `/readyz` and friends).
pub fn http_get(port: u16, path: &str) -> Option<(u16, String)> {
    http_request(port, "GET", path, "")
}

/// A minimal HTTP/1.0 request with a JSON body on loopback.
pub fn http_request(port: u16, method: &str, path: &str, body: &str) -> Option<(u16, String)> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect_timeout(
        &std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        Duration::from_secs(2),
    )
    .ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Some((status, body))
}
