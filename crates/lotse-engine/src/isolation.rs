//! Running the loaders where a hostile file can't hurt: `pdf-extract` may panic, loop forever
//! or allocate without bound, and any parser may meet a file built to be slow. Every file is
//! read under a time limit: in a child process a hang is ended by the limit and a crash is
//! just a failed file; in-process (tests, embedding) a panic is caught and a hang is
//! abandoned on its thread after the limit. The loaders bound their own work as well
//! (nesting, element counts, unpacked sizes), so the limit is the last line, not the first.

use lotse_core::{Format, LoadedDocument};
use lotse_ingest::LoadError;
use lotse_ingest::pdf::{PdfPages, extract_pages};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Prefix of the one result line the child prints on stdout.
pub const RESULT_PREFIX: &str = "LOTSE-LOAD-RESULT ";

/// How files are read.
#[derive(Debug, Clone)]
pub enum LoaderIsolation {
    /// On a thread of this process, with panics caught.
    InProcess { timeout: Duration },
    /// In a child process: `program args... FILE` prints [`RESULT_PREFIX`] + JSON.
    Subprocess {
        program: PathBuf,
        args: Vec<String>,
        timeout: Duration,
    },
}

impl Default for LoaderIsolation {
    fn default() -> Self {
        LoaderIsolation::InProcess {
            timeout: Duration::from_secs(60),
        }
    }
}

/// What the child reports, as one JSON line: a PDF's pages (the parent rebuilds their
/// structure, which needs no isolation) or any other format's loaded document.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChildResult {
    Pages(PdfPages),
    Document(LoadedDocument),
    Error { code: String, message: String },
}

/// A failure to read a file, with a stable code and a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadFailure {
    pub code: String,
    pub message: String,
}

impl From<LoadError> for LoadFailure {
    fn from(e: LoadError) -> Self {
        LoadFailure {
            code: e.code().to_string(),
            message: e.to_string(),
        }
    }
}

/// The child's side: read `path` as `format`, print the result line. Used by the hidden
/// `lotse extract FORMAT FILE` command.
pub fn child_main(format: Format, path: &Path) -> String {
    let result = match std::fs::read(path) {
        Ok(bytes) => match read_file(format, &bytes) {
            Ok(result) => result,
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

/// The isolated part of reading a file.
fn read_file(format: Format, bytes: &[u8]) -> Result<ChildResult, LoadError> {
    Ok(match format {
        Format::Pdf => ChildResult::Pages(extract_pages(bytes)?),
        other => ChildResult::Document(lotse_ingest::load_bytes(other, bytes)?),
    })
}

impl LoaderIsolation {
    /// Reads the file at `path` (whose bytes are `bytes`) as `format`.
    pub fn load(
        &self,
        format: Format,
        path: &Path,
        bytes: &[u8],
    ) -> Result<LoadedDocument, LoadFailure> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(LoadError::Empty.into());
        }
        if format == Format::Image {
            // Tesseract is a program of its own, run with its own time limit: the isolation
            // a child process would give is already there
            return lotse_ingest::load_image(bytes).map_err(Into::into);
        }
        let result = match self {
            LoaderIsolation::InProcess { timeout } => in_thread(format, bytes.to_vec(), *timeout),
            LoaderIsolation::Subprocess {
                program,
                args,
                timeout,
            } => in_child(program, args, format, path, *timeout),
        }?;
        match result {
            ChildResult::Pages(mut pages) => {
                // pages without a text layer go through OCR here, each page in its own
                // Tesseract process under its own time limit, so a long scan is not cut
                // off by the limit for reading one file
                pages.scanned = lotse_ingest::ocr::fill_scanned_pages(&mut pages.pages, bytes)?;
                lotse_ingest::load_pdf_pages(pages).map_err(Into::into)
            }
            ChildResult::Document(doc) => Ok(doc),
            ChildResult::Error { code, message } => Err(LoadFailure { code, message }),
        }
    }
}

fn in_thread(
    format: Format,
    bytes: Vec<u8>,
    timeout: Duration,
) -> Result<ChildResult, LoadFailure> {
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("load-file".into())
        .spawn(move || {
            let result = std::panic::catch_unwind(|| read_file(format, &bytes));
            let _ = tx.send(match result {
                Ok(result) => result.map_err(LoadFailure::from),
                Err(_) => Err(LoadFailure {
                    code: "crashed".into(),
                    message: format!(
                        "das Leseprogramm für {} ist an dieser Datei abgestürzt",
                        format.as_str().to_uppercase()
                    ),
                }),
            });
        })
        .map_err(|e| LoadFailure {
            code: "crashed".into(),
            message: format!("das Leseprogramm ließ sich nicht starten: {e}"),
        })?;
    match rx.recv_timeout(timeout) {
        Ok(result) => result,
        Err(_) => Err(LoadError::Timeout(timeout.as_secs()).into()),
    }
}

fn in_child(
    program: &Path,
    args: &[String],
    format: Format,
    path: &Path,
    timeout: Duration,
) -> Result<ChildResult, LoadFailure> {
    let crashed = |message: String| LoadFailure {
        code: "crashed".into(),
        message,
    };
    let mut child = Command::new(program)
        .args(args)
        .arg(format.as_str())
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            crashed(format!(
                "das Leseprogramm {} ließ sich nicht starten: {e}",
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
            Err(e) => return Err(crashed(format!("Warten auf das Leseprogramm: {e}"))),
        }
    };
    let output = reader.join().unwrap_or_default();
    let Some(line) = output
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix(RESULT_PREFIX))
    else {
        return Err(crashed(format!(
            "das Leseprogramm für {} endete ohne Ergebnis ({status})",
            format.as_str().to_uppercase()
        )));
    };
    serde_json::from_str::<ChildResult>(line)
        .map_err(|e| crashed(format!("unlesbares Ergebnis des Leseprogramms: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell(script: &str, timeout_ms: u64) -> LoaderIsolation {
        LoaderIsolation::Subprocess {
            program: "sh".into(),
            args: vec!["-c".into(), script.into(), "sh".into()],
            timeout: Duration::from_millis(timeout_ms),
        }
    }

    #[test]
    fn a_hanging_reader_is_stopped_at_the_time_limit() {
        let started = Instant::now();
        let err = shell("sleep 30", 300)
            .load(Format::Pdf, Path::new("x.pdf"), b"%PDF")
            .unwrap_err();
        assert_eq!(err.code, "timeout");
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_crashing_reader_is_a_failed_file() {
        let err = shell("kill -SEGV $$", 5000)
            .load(Format::Pdf, Path::new("x.pdf"), b"%PDF")
            .unwrap_err();
        assert_eq!(err.code, "crashed");
        assert!(err.message.contains("ohne Ergebnis"), "{}", err.message);
    }

    #[test]
    fn the_child_result_line_is_parsed_among_other_output() {
        let line = r#"LOTSE-LOAD-RESULT {"pages":{"pages":["Seite eins"],"title":"T"}}"#;
        let script = format!("echo noise; echo '{line}'");
        let doc = shell(&script, 5000)
            .load(Format::Pdf, Path::new("x.pdf"), b"%PDF")
            .unwrap();
        assert_eq!(doc.page_count, Some(1));
        assert_eq!(doc.metadata_title.as_deref(), Some("T"));
    }

    #[test]
    fn in_process_extraction_reports_errors_with_codes() {
        let err = LoaderIsolation::default()
            .load(Format::Pdf, Path::new("x.pdf"), b"%PDF-1.4\n garbage")
            .unwrap_err();
        assert_eq!(err.code, "corrupt");
        let err = LoaderIsolation::default()
            .load(Format::Docx, Path::new("x.docx"), b"PK not a zip")
            .unwrap_err();
        assert_eq!(err.code, "corrupt");
    }
}
