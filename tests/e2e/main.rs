//! End-to-end tests of the `lotse` binary: real files in, real command lines, exit codes
//! and the JSON contract checked from the outside.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

mod access;
mod bad_input;
mod browser;
mod cli;
mod cluster;
mod formats;
mod generate;
mod hybrid;
mod injection;
mod laws;
mod ocr;
mod server;
mod versions;
mod watch;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    repo().join("tests/fixtures").join(rel)
}

/// Runs `lotse ARGS` with its own data directory, keyword search only (the embedding
/// model's tests are in `hybrid`).
pub fn lotse(data_dir: &Path, args: &[&str]) -> Output {
    lotse_command(data_dir, args)
        .env("LOTSE_NO_EMBEDDINGS", "1")
        .output()
        .expect("running lotse")
}

pub fn lotse_command(data_dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lotse"));
    command
        .args(args)
        .env("LOTSE_DATA_DIR", data_dir)
        .env_remove("LOTSE_LOG")
        .env_remove("LOTSE_EMBEDDING_MODEL")
        // no language model unless a test asks for one: generation takes seconds per answer
        .env("LOTSE_LLM", "none")
        .current_dir(repo());
    command
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn describe(o: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// `lotse search --json` parsed.
pub fn search(data_dir: &Path, query: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["search", query, "--json"];
    args.extend_from_slice(extra);
    let out = lotse(data_dir, &args);
    assert!(out.status.success(), "{}", describe(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    v["hits"].as_array().expect("hits array").clone()
}

/// The row of `lotse eval --json` for `set` in `mode` (panics naming what is missing).
pub fn eval_row<'a>(v: &'a serde_json::Value, set: &str, mode: &str) -> &'a serde_json::Value {
    v["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["set"] == set && r["mode"] == mode))
        .unwrap_or_else(|| panic!("no eval row for {set}/{mode}: {v}"))
}
