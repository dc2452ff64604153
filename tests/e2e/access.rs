//! The identity contract from the outside, keyword search only: `lotse tokens create`
//! prints the token last, `lotse serve --auth required` answers 401 without it and serves
//! only the token's collections with it, a revoked token stops at once, `--auth none`
//! refuses a non-loopback address, and the audit log records it all without clear names.

use crate::server::{Server, spawn};
use crate::{describe, lotse, lotse_command, stdout};
use std::io::{Read, Write};
use std::net::TcpStream;

fn serve(data: &std::path::Path, args: &[&str]) -> Server {
    let mut all = vec!["serve", "--addr", "127.0.0.1:0"];
    all.extend_from_slice(args);
    let mut command = lotse_command(data, &all);
    command.env("LOTSE_NO_EMBEDDINGS", "1");
    spawn(command)
}

fn request(addr: &str, method: &str, path: &str, token: Option<&str>, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    (
        head.split_whitespace().nth(1).unwrap().parse().unwrap(),
        body.to_string(),
    )
}

#[test]
fn tokens_gate_every_route_and_open_mode_stays_on_loopback() {
    let data = tempfile::tempdir().unwrap();
    let docs = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(docs.path().join("bau")).unwrap();
    std::fs::create_dir_all(docs.path().join("pers")).unwrap();
    std::fs::write(
        docs.path().join("bau/bauantrag.md"),
        "# Merkblatt Bauantrag\n\nEin Bauantrag wird innerhalb von drei Monaten beschieden.\n",
    )
    .unwrap();
    std::fs::write(
        docs.path().join("pers/beurteilung.md"),
        "# Beurteilungsrichtlinie\n\nDie Beurteilung erfolgt alle drei Jahre durch Vorgesetzte.\n",
    )
    .unwrap();
    for (dir, collection) in [("bau", "bauamt"), ("pers", "personal")] {
        let path = docs.path().join(dir);
        let out = lotse(
            data.path(),
            &[
                "ingest",
                "--collection",
                collection,
                &path.to_string_lossy(),
            ],
        );
        assert!(out.status.success(), "{}", describe(&out));
    }

    let out = lotse(
        data.path(),
        &[
            "tokens",
            "create",
            "--name",
            "bau-skript",
            "--read",
            "bauamt",
        ],
    );
    assert!(out.status.success(), "{}", describe(&out));
    let printed = stdout(&out);
    let token = printed.lines().last().unwrap().trim().to_string();
    assert!(
        token.starts_with("lotse_") && token.len() == 70,
        "{printed}"
    );
    let store = std::fs::read_to_string(data.path().join("auth/tokens.json")).unwrap();
    assert!(!store.contains(&token[6..]), "only the hash is stored");
    let listed = stdout(&lotse(data.path(), &["tokens", "list"]));
    assert!(
        listed.contains("bau-skript") && !listed.contains(&token[6..]),
        "{listed}"
    );
    let out = lotse(data.path(), &["tokens", "create", "--name", "leer"]);
    assert!(!out.status.success(), "a token without rights is refused");

    let server = serve(data.path(), &["--auth", "required"]);
    let ask = r#"{"question":"Wie oft erfolgt die Beurteilung?","mode":"extractive"}"#;
    for (method, path, body) in [
        ("POST", "/api/ask", ask),
        ("POST", "/api/search", r#"{"query":"Beurteilung"}"#),
        ("GET", "/api/documents", ""),
        ("GET", "/v1/models", ""),
    ] {
        let (status, text) = request(&server.addr, method, path, None, body);
        assert_eq!(status, 401, "{method} {path}: {text}");
        assert!(text.contains("\"unauthorized\""), "{text}");
    }
    let (status, _) = request(&server.addr, "GET", "/healthz", None, "");
    assert_eq!(status, 200, "health checks need no token");

    let (status, text) = request(
        &server.addr,
        "POST",
        "/api/search",
        Some(&token),
        r#"{"query":"drei"}"#,
    );
    assert_eq!(status, 200, "{text}");
    assert!(
        text.contains("bauantrag.md") && !text.contains("beurteilung.md"),
        "{text}"
    );
    let (status, text) = request(
        &server.addr,
        "POST",
        "/api/search",
        Some(&token),
        r#"{"query":"Beurteilung","collection":"personal"}"#,
    );
    assert_eq!(status, 200, "{text}");
    assert!(!text.contains("beurteilung.md"), "{text}");
    let (_, text) = request(&server.addr, "GET", "/api/documents", Some(&token), "");
    assert!(
        text.contains("bauantrag.md") && !text.contains("personal"),
        "{text}"
    );

    let out = lotse(data.path(), &["tokens", "revoke", "bau-skript"]);
    assert!(out.status.success(), "{}", describe(&out));
    let (status, text) = request(&server.addr, "GET", "/api/documents", Some(&token), "");
    assert_eq!(status, 401, "a revoked token stops at once: {text}");
    drop(server);

    let audit = std::fs::read_to_string(data.path().join("audit.jsonl")).unwrap();
    let actions: Vec<String> = audit
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["action"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        actions,
        ["upload", "upload", "token_create", "token_revoke"],
        "{audit}"
    );

    // --auth none beyond loopback: refused before anything is loaded, naming the way out
    let out = lotse_command(
        data.path(),
        &["serve", "--addr", "0.0.0.0:0", "--auth", "none"],
    )
    .env("LOTSE_NO_EMBEDDINGS", "1")
    .output()
    .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("loopback") && err.contains("--auth required"),
        "{err}"
    );
}

#[test]
fn a_configuration_file_with_an_unknown_key_is_refused_by_name() {
    let data = tempfile::tempdir().unwrap();
    let config = data.path().join("lotse.toml");
    std::fs::write(&config, "[server]\nmax_concurent = 4\n").unwrap();
    let out = lotse(
        data.path(),
        &[
            "--config",
            &config.to_string_lossy(),
            "serve",
            "--auth",
            "none",
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("max_concurent") && err.contains("lotse.toml"),
        "{err}"
    );
}
