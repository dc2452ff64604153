//! `lotse watch`: a folder and its collection kept in step — files added, changed, deleted,
//! a file still being written left alone until it stands still, and a restart that catches
//! up with what happened while the watcher was down.

use crate::*;
use std::time::{Duration, Instant};

fn sources(d: &Path) -> Vec<String> {
    let out = lotse(d, &["list", "--json"]);
    assert!(out.status.success(), "{}", describe(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut names: Vec<String> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = d["source"].as_str().unwrap();
            s.rsplit('/').next().unwrap().to_string()
        })
        .collect();
    names.sort();
    names
}

fn finds(d: &Path, word: &str) -> bool {
    let out = lotse(d, &["search", word, "--json", "--mode", "keyword"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    v["hits"].as_array().is_some_and(|h| !h.is_empty())
}

/// Waits up to 30 s for `done`; the index follows a folder within seconds.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "not within 30 s: {what}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

struct Watching(std::process::Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn watch(d: &Path, folder: &Path, settle: &str) -> Watching {
    Watching(
        lotse_command(
            d,
            &[
                "watch",
                &folder.to_string_lossy(),
                "--collection",
                "akten",
                "--settle",
                settle,
                "--interval",
                "0.2",
            ],
        )
        .env("LOTSE_NO_EMBEDDINGS", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("starting lotse watch"),
    )
}

#[test]
fn a_watched_folder_is_followed_and_a_restart_catches_up() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let share = tempfile::tempdir().unwrap();
    let folder = share.path();
    std::fs::write(
        folder.join("urlaub.md"),
        "# Urlaub\n\nDer Urlaubsantrag geht an das Personalamt.\n",
    )
    .unwrap();
    std::fs::write(folder.join("notiz.gif"), b"GIF89a").unwrap(); // not a document
    std::fs::write(folder.join("~$entwurf.docx"), b"lock file").unwrap(); // Word's lock file

    let watcher = watch(d, folder, "1.5");
    eventually("the file already there is ingested", || {
        sources(d) == ["urlaub.md"]
    });

    // a file written in pieces is left alone while it grows
    let growing = folder.join("dienstreise.md");
    let mut text = String::from("# Dienstreisen\n\n");
    for i in 0..15 {
        text.push_str(&format!("Regel {i} für Dienstreisen. "));
        std::fs::write(&growing, &text).unwrap();
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        !sources(d).contains(&"dienstreise.md".to_string()),
        "a file still being written was read"
    );
    text.push_str("Schlusssatz Reisekostenstelle.\n");
    std::fs::write(&growing, &text).unwrap();
    eventually("the finished file is ingested whole", || {
        finds(d, "Reisekostenstelle")
    });

    // changed and deleted
    std::fs::write(
        folder.join("urlaub.md"),
        "# Urlaub\n\nDer Urlaubsantrag geht an die Urlaubsstelle.\n",
    )
    .unwrap();
    eventually("the change is followed", || {
        finds(d, "Urlaubsstelle") && !finds(d, "Personalamt")
    });
    std::fs::remove_file(folder.join("urlaub.md")).unwrap();
    eventually("the deleted file is removed", || {
        sources(d) == ["dienstreise.md"]
    });
    drop(watcher);

    // while nobody watches: one file deleted, one added, one renamed into a subfolder
    std::fs::write(
        folder.join("kantine.md"),
        "# Kantine\n\nDie Kantine öffnet um 11 Uhr.\n",
    )
    .unwrap();
    std::fs::create_dir(folder.join("archiv")).unwrap();
    std::fs::rename(&growing, folder.join("archiv/dienstreise.md")).unwrap();
    let _watcher = watch(d, folder, "0.3");
    eventually("the restart catches up", || {
        let out = lotse(d, &["list", "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut got: Vec<String> = v["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                d["source"]
                    .as_str()
                    .unwrap()
                    .replace(&folder.to_string_lossy().to_string(), "")
            })
            .collect();
        got.sort();
        got == ["/archiv/dienstreise.md", "/kantine.md"]
    });
    assert!(finds(d, "Kantine") && finds(d, "Reisekostenstelle"));
}

#[test]
fn the_server_watches_a_folder_beside_uploads() {
    let data = tempfile::tempdir().unwrap();
    let share = tempfile::tempdir().unwrap();
    let folder = share.path().to_string_lossy().to_string();
    let mut command = lotse_command(
        data.path(),
        &[
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--auth",
            "none",
            "--watch",
            &format!("{folder}=akten"),
        ],
    );
    command.env("LOTSE_NO_EMBEDDINGS", "1");
    let server = crate::server::spawn(command);
    let listed = || -> Vec<String> {
        let (status, body) = crate::server::http(
            &server.addr,
            "GET",
            "/api/documents?collection=akten",
            "",
            "application/json",
        );
        assert_eq!(status, 200, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        v["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["title"].as_str().unwrap().to_string())
            .collect()
    };
    std::fs::write(
        share.path().join("kantine.md"),
        "# Kantine\n\nDie Kantine öffnet um 11 Uhr.\n",
    )
    .unwrap();
    eventually("the server ingests the new file", || {
        listed() == ["Kantine"]
    });
    std::fs::remove_file(share.path().join("kantine.md")).unwrap();
    eventually("the server removes the deleted file", || {
        listed().is_empty()
    });
}
