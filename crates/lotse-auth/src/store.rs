//! A small JSON file, written atomically (temporary file + rename, owner-only on Unix)
//! and re-read when it changed on disk, so that a CLI change reaches a running server.

use crate::{AuthError, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

#[derive(Debug)]
pub(crate) struct JsonFile<T> {
    path: PathBuf,
    cached: Mutex<Option<(Stamp, T)>>,
}

/// What tells a changed file from an unchanged one without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    /// a rename (every save) gives a new inode, even within one tick of the clock
    inode: u64,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> AuthError + '_ {
    move |source| AuthError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl<T: Serialize + DeserializeOwned + Default + Clone> JsonFile<T> {
    pub(crate) fn new(path: PathBuf) -> JsonFile<T> {
        JsonFile {
            path,
            cached: Mutex::new(None),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    fn stamp(&self) -> Result<Option<Stamp>> {
        match std::fs::metadata(&self.path) {
            Ok(m) => Ok(Some(Stamp {
                modified: m.modified().ok(),
                len: m.len(),
                inode: inode(&m),
            })),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io(&self.path)(e)),
        }
    }

    /// The current content; an absent file is the default (empty) value.
    pub(crate) fn load(&self) -> Result<T> {
        let Some(stamp) = self.stamp()? else {
            return Ok(T::default());
        };
        let mut cached = self.cached.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((s, value)) = cached.as_ref()
            && *s == stamp
        {
            return Ok(value.clone());
        }
        let text = std::fs::read_to_string(&self.path).map_err(io(&self.path))?;
        let value: T = serde_json::from_str(&text).map_err(|e| AuthError::Corrupt {
            path: self.path.clone(),
            reason: e.to_string(),
        })?;
        *cached = Some((stamp, value.clone()));
        Ok(value)
    }

    /// Reads, changes and writes the file; the change is all or nothing.
    pub(crate) fn update<R>(&self, change: impl FnOnce(&mut T) -> Result<R>) -> Result<R> {
        let mut value = self.load()?;
        let result = change(&mut value)?;
        self.save(&value)?;
        Ok(result)
    }

    fn save(&self, value: &T) -> Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let tmp = self.path.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(value).map_err(|e| AuthError::Corrupt {
            path: self.path.clone(),
            reason: e.to_string(),
        })?;
        write_private(&tmp, text.as_bytes())?;
        std::fs::rename(&tmp, &self.path).map_err(io(&self.path))?;
        *self.cached.lock().unwrap_or_else(|p| p.into_inner()) = None;
        Ok(())
    }
}

/// Writes a file only its owner can read (hashes and keys are not for other users).
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(io(path))?;
    file.write_all(bytes).map_err(io(path))?;
    file.sync_all().map_err(io(path))
}

#[cfg(unix)]
fn inode(m: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(m)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}
