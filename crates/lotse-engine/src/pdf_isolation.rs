//! Running the PDF extractor where it can't hurt: `pdf-extract` may panic, loop forever or
//! allocate without bound on hostile files. In a child process a hang is ended by a time
//! limit and a crash is just a failed file; in-process (tests, embedding) a panic is caught
//! and a hang is abandoned on its thread after the time limit.

use lotse_ingest::LoadError;
use lotse_ingest::pdf::{PdfPages, extract_pages};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Prefix of the one result line the child prints on stdout.
pub const RESULT_PREFIX: &str = "LOTSE-PDF-RESULT ";

/// How PDF text extraction is run.
#[derive(Debug, Clone)]
pub enum PdfIsolation {
    /// On a thread of this process, with panics caught.
    InProcess { timeout: Duration },
    /// In a child process: `program args... FILE` prints [`RESULT_PREFIX`] + JSON.
    Subprocess {
        program: PathBuf,
        args: Vec<String>,
        timeout: Duration,
    },
}

impl Default for PdfIsolation {
    fn default() -> Self {
        PdfIsolation::InProcess {
            timeout: Duration::from_secs(60),
        }
    }
}

/// What the child reports, as one JSON line.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChildResult {
    Ok(PdfPages),
    Error { code: String, message: String },
}

/// A failure to read a PDF, with a stable code and a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfFailure {
    pub code: String,
    pub message: String,
}

impl From<LoadError> for PdfFailure {
    fn from(e: LoadError) -> Self {
        PdfFailure {
            code: e.code().to_string(),
            message: e.to_string(),
        }
    }
}

/// The child's side: extract, print the result line. Used by the hidden
/// `lotse extract-pdf FILE` command.
pub fn child_main(path: &Path) -> String {
    let result = match std::fs::read(path) {
        Ok(bytes) => match extract_pages(&bytes) {
            Ok(pages) => ChildResult::Ok(pages),
            Err(e) => ChildResult::Error {
                code: e.code().into(),
                message: e.to_string(),
            },
        },
        Err(e) => ChildResult::Error {
            code: "unreadable".into(),
            message: format!("cannot read the file: {e}"),
        },
    };
    let json = serde_json::to_string(&result).unwrap_or_else(|e| {
        format!(r#"{{"error":{{"code":"crashed","message":"result not serialisable: {e}"}}}}"#)
    });
    format!("{RESULT_PREFIX}{json}")
}

impl PdfIsolation {
    /// Extracts the pages of the PDF at `path` (whose bytes are `bytes`).
    pub fn extract(&self, path: &Path, bytes: &[u8]) -> Result<PdfPages, PdfFailure> {
        match self {
            PdfIsolation::InProcess { timeout } => in_thread(bytes.to_vec(), *timeout),
            PdfIsolation::Subprocess {
                program,
                args,
                timeout,
            } => in_child(program, args, path, *timeout),
        }
    }
}

fn in_thread(bytes: Vec<u8>, timeout: Duration) -> Result<PdfPages, PdfFailure> {
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("pdf-extract".into())
        .spawn(move || {
            let _ = tx.send(extract_pages(&bytes));
        })
        .map_err(|e| PdfFailure {
            code: "crashed".into(),
            message: format!("could not start the PDF reader: {e}"),
        })?;
    match rx.recv_timeout(timeout) {
        Ok(result) => result.map_err(PdfFailure::from),
        Err(_) => Err(LoadError::Timeout(timeout.as_secs()).into()),
    }
}

fn in_child(
    program: &Path,
    args: &[String],
    path: &Path,
    timeout: Duration,
) -> Result<PdfPages, PdfFailure> {
    let crashed = |message: String| PdfFailure {
        code: "crashed".into(),
        message,
    };
    let mut child = Command::new(program)
        .args(args)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            crashed(format!(
                "could not start the PDF reader {}: {e}",
                program.display()
            ))
        })?;
    // Read stdout on a thread so a large result can't block the child on a full pipe.
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| crashed("no output pipe".into()))?;
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        let _ = stdout.read_to_string(&mut out);
        out
    });
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                // Not joined: a grandchild may still hold the pipe open; the thread ends
                // when the pipe closes.
                drop(reader);
                return Err(LoadError::Timeout(timeout.as_secs()).into());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(crashed(format!("waiting for the PDF reader: {e}"))),
        }
    };
    let output = reader.join().unwrap_or_default();
    let Some(line) = output
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix(RESULT_PREFIX))
    else {
        return Err(crashed(format!(
            "the PDF reader stopped without a result ({status})"
        )));
    };
    match serde_json::from_str::<ChildResult>(line) {
        Ok(ChildResult::Ok(pages)) => Ok(pages),
        Ok(ChildResult::Error { code, message }) => Err(PdfFailure { code, message }),
        Err(e) => Err(crashed(format!(
            "unreadable result from the PDF reader: {e}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell(script: &str, timeout_ms: u64) -> PdfIsolation {
        PdfIsolation::Subprocess {
            program: "sh".into(),
            args: vec!["-c".into(), script.into(), "sh".into()],
            timeout: Duration::from_millis(timeout_ms),
        }
    }

    #[test]
    fn a_hanging_reader_is_stopped_at_the_time_limit() {
        let started = Instant::now();
        let err = shell("sleep 30", 300)
            .extract(Path::new("x.pdf"), b"")
            .unwrap_err();
        assert_eq!(err.code, "timeout");
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_crashing_reader_is_a_failed_file() {
        let err = shell("kill -SEGV $$", 5000)
            .extract(Path::new("x.pdf"), b"")
            .unwrap_err();
        assert_eq!(err.code, "crashed");
        assert!(err.message.contains("without a result"), "{}", err.message);
    }

    #[test]
    fn the_child_result_line_is_parsed_among_other_output() {
        let line = r#"LOTSE-PDF-RESULT {"ok":{"pages":["Seite eins"],"title":"T"}}"#;
        let script = format!("echo noise; echo '{line}'");
        let pages = shell(&script, 5000)
            .extract(Path::new("x.pdf"), b"")
            .unwrap();
        assert_eq!(pages.pages, vec!["Seite eins".to_string()]);
        assert_eq!(pages.title.as_deref(), Some("T"));
    }

    #[test]
    fn in_process_extraction_reports_errors_with_codes() {
        let err = PdfIsolation::default()
            .extract(Path::new("x.pdf"), b"%PDF-1.4\n garbage")
            .unwrap_err();
        assert_eq!(err.code, "corrupt");
    }
}
