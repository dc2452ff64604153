//! Watched folders: a collection kept in step with a file share.
//!
//! [`Watcher::poll`] compares the folder with what it saw last time and with the index: a
//! new or changed file is ingested once its size and modification time have stood still
//! for the settle time (a file still being copied is left alone until it is complete), a
//! file that is gone is removed from the collection. Nothing is remembered outside the
//! index: after a restart the first pass ingests what changed meanwhile (unchanged files
//! are recognised by their content hash and skipped) and removes what was deleted.

use crate::{Engine, FileReport, Quiet, Result, Scope, normalize_source};
use lotse_core::{DocumentMeta, Format};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// What a file looked like when last seen.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    len: u64,
    modified: Option<SystemTime>,
    /// When it last changed (or was first seen).
    since: Instant,
    /// Handed to ingest in this state already.
    done: bool,
}

/// Keeps one collection in step with one folder.
#[derive(Debug)]
pub struct Watcher {
    dir: PathBuf,
    collection: String,
    settle: Duration,
    seen: HashMap<PathBuf, Seen>,
}

/// What one pass changed.
#[derive(Debug, Default)]
pub struct WatchPass {
    /// Files handed to ingest, with their outcomes (unchanged ones included).
    pub files: Vec<FileReport>,
    /// Documents removed because their file is gone.
    pub removed: Vec<DocumentMeta>,
    /// Files seen changing that wait for the settle time.
    pub waiting: usize,
}

impl Watcher {
    /// Watches `dir` for `collection`; a file is ingested once unchanged for `settle`.
    pub fn new(dir: impl Into<PathBuf>, collection: &str, settle: Duration) -> Result<Watcher> {
        Ok(Watcher {
            dir: dir.into(),
            collection: lotse_core::validate_collection(collection)?,
            settle,
            seen: HashMap::new(),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn collection(&self) -> &str {
        &self.collection
    }

    /// One pass over the folder: removals first (so that a renamed file is not taken for a
    /// duplicate of itself), then the settled new and changed files.
    pub fn poll(&mut self, engine: &Engine) -> Result<WatchPass> {
        let now = Instant::now();
        // an unmounted share reads as a missing folder, not as "everything deleted"
        let files = list_files(&self.dir).map_err(|source| crate::EngineError::Io {
            path: self.dir.display().to_string(),
            source,
        })?;
        let mut present: HashMap<PathBuf, (u64, Option<SystemTime>)> = HashMap::new();
        for path in files {
            if let Ok(m) = std::fs::metadata(&path) {
                present.insert(path, (m.len(), m.modified().ok()));
            }
        }
        self.seen.retain(|p, _| present.contains_key(p));
        for (path, (len, modified)) in &present {
            let state = Seen {
                len: *len,
                modified: *modified,
                since: now,
                done: false,
            };
            match self.seen.get(path) {
                Some(s) if s.len == *len && s.modified == *modified => {}
                _ => {
                    self.seen.insert(path.clone(), state);
                }
            }
        }

        let mut pass = WatchPass::default();
        let prefix = format!(
            "{}/",
            normalize_source(&self.dir.to_string_lossy()).trim_end_matches('/')
        );
        let gone: Vec<DocumentMeta> = engine
            .stored_documents(&Scope::only([self.collection.clone()]))?
            .into_iter()
            .filter(|d| d.source.starts_with(&prefix) && !Path::new(&d.source).exists())
            .collect();
        for doc in gone {
            pass.removed
                .extend(engine.remove(&doc.id, &Scope::only([self.collection.clone()]))?);
        }

        let mut ready: Vec<PathBuf> = self
            .seen
            .iter()
            .filter(|(_, s)| !s.done && now.duration_since(s.since) >= self.settle)
            .map(|(p, _)| p.clone())
            .collect();
        ready.sort();
        pass.waiting = self.seen.values().filter(|s| !s.done).count() - ready.len();
        if !ready.is_empty() {
            let report = engine.ingest(&ready, &self.collection, &mut Quiet)?;
            for path in &ready {
                if let Some(s) = self.seen.get_mut(path) {
                    s.done = true;
                }
            }
            pass.files = report.files;
        }
        Ok(pass)
    }
}

/// The files of `dir` that lotse reads, without hidden ones and without the names office
/// programs and downloads give files still being written.
fn list_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    if !std::fs::metadata(dir)?.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            "kein Ordner",
        ));
    }
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker.flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let temporary = name.starts_with("~$")
            || name.ends_with('~')
            || [".part", ".tmp", ".crdownload", ".partial"]
                .iter()
                .any(|s| name.ends_with(s));
        let supported = entry
            .path()
            .extension()
            .and_then(|x| x.to_str())
            .and_then(Format::from_extension)
            .is_some();
        if supported && !temporary {
            out.push(entry.path().to_path_buf());
        }
    }
    Ok(out)
}
