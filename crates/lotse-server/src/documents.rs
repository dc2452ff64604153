//! `/api/documents`: list, upload (multipart, into a collection), replace, delete, and the
//! original file of a document.
//!
//! Uploads are written to `<upload dir>/<collection>/<file name>` and ingested from there
//! with the same loaders and error reporting as `lotse ingest`; uploading a file of the
//! same name into the same collection replaces the document. A multipart field `replace`
//! naming a document id replaces that document with the uploaded file even under another
//! name (the old one is removed once the new one is indexed, never before).
//!
//! `GET /api/documents/{id}/file` serves the file a document was read from, so that the UI
//! can open a cited PDF at its page (`#page=N`). Only files of indexed documents are
//! served; HTML is sandboxed (no script, own origin), since it may come from an upload.

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use axum::Json;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use lotse_auth::AuditEvent;
use lotse_core::{DocumentMeta, Format, Scope};
use lotse_engine::{FileOutcome, Quiet};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    collection: Option<String>,
}

/// `GET /api/documents[?collection=C]`: the documents the caller may read, and the
/// collections it may see with their counts and whether it may change them.
pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Query(q): Query<ListQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let engine = state.answerer.engine().clone();
    let collection = q
        .collection
        .filter(|c| !c.trim().is_empty())
        .map(|c| lotse_core::validate_collection(&c))
        .transpose()
        .map_err(|e| ApiError::bad_request("invalid_collection", e.to_string()))?;
    let scope = caller
        .principal
        .read_scope()
        .narrow(&collection.into_iter().collect::<Vec<_>>());
    let mut docs = tokio::task::spawn_blocking(move || engine.documents(&scope))
        .await
        .map_err(|e| ApiError::internal(e.to_string()))??;
    for d in &mut docs {
        d.source = client_path(&state.config.upload_dir, &d.collection, &d.source);
    }
    let collections = crate::auth::visible_collections(&state, &caller.principal).await?;
    Ok(Json(
        serde_json::json!({ "documents": docs, "collections": collections }),
    ))
}

/// A path as clients see it: within the collection's upload folder relative to it, else
/// the file name when it is absolute; never where the server keeps its files.
fn client_path(upload_dir: &std::path::Path, collection: &str, path: &str) -> String {
    let p = std::path::Path::new(path.trim_start_matches("./"));
    let folder = upload_dir.join(collection);
    let folder = std::path::Path::new(folder.to_str().unwrap_or_default().trim_start_matches("./"));
    if let Ok(rest) = p.strip_prefix(folder) {
        return rest.to_string_lossy().into_owned();
    }
    if p.is_absolute() {
        return p
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    }
    path.to_string()
}

/// The document `id` among those of `scope`; any other is "no such document".
async fn find_document(
    state: &Arc<AppState>,
    id: String,
    scope: Scope,
) -> Result<DocumentMeta, ApiError> {
    let engine = state.answerer.engine().clone();
    let docs = tokio::task::spawn_blocking(move || engine.documents(&scope))
        .await
        .map_err(|e| ApiError::internal(e.to_string()))??;
    docs.into_iter()
        .find(|d| d.id == id)
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such document"))
}

/// 403 for a collection the caller may read but not change. (One it may not read never
/// gets here: it is "not found" first.)
fn may_write(caller: &Caller, collection: &str) -> Result<(), ApiError> {
    if caller.principal.may_write(collection) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!("no write permission for the collection {collection}"),
        ))
    }
}

fn content_type(format: Format, bytes: &[u8]) -> &'static str {
    match format {
        Format::Pdf => "application/pdf",
        Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Format::Html => "text/html; charset=utf-8",
        Format::Markdown => "text/markdown; charset=utf-8",
        Format::Text => "text/plain; charset=utf-8",
        // which image it is, from its first bytes (sniffing is off, so it must be said)
        Format::Image if bytes.starts_with(b"\x89PNG") => "image/png",
        Format::Image if bytes.starts_with(b"\xff\xd8\xff") => "image/jpeg",
        Format::Image if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") => "image/tiff",
        Format::Image => "application/octet-stream",
    }
}

/// `inline; filename="…"; filename*=UTF-8''…` for any file name.
fn disposition(file_name: &str) -> String {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if (c.is_ascii_graphic() && c != '"' && c != '\\') || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in file_name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("inline; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// `GET /api/documents/{id}/file`: the original file, shown inline where the browser can.
pub async fn file(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let doc = find_document(&state, id, caller.principal.read_scope()).await?;
    let path = std::path::PathBuf::from(&doc.source);
    let read_path = path.clone();
    let bytes = tokio::task::spawn_blocking(move || std::fs::read(read_path))
        .await
        .map_err(|e| ApiError::internal(e.to_string()))?
        .map_err(|e| {
            tracing::warn!(document = %doc.id, error = %e, "the original file can't be read");
            ApiError::new(
                StatusCode::NOT_FOUND,
                "file_unavailable",
                "the original file of this document is no longer available",
            )
        })?;
    let name = path
        .file_name()
        .map_or_else(|| doc.id.clone(), |n| n.to_string_lossy().into_owned());
    let kind = content_type(doc.format, &bytes);
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    if let Ok(v) = HeaderValue::from_str(&disposition(&name)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if doc.format == Format::Html {
        // an uploaded page runs no script and gets no access to lotse's origin
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("sandbox"),
        );
    }
    Ok(response)
}

/// A file name safe to write: the last path component, letters, digits and `._- ` only.
pub fn safe_file_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next()?.trim();
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim().to_string();
    (!cleaned.is_empty() && !cleaned.starts_with('.') && cleaned.chars().count() <= 200)
        .then_some(cleaned)
}

pub async fn upload(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    mut multipart: Multipart,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    let mut collection = lotse_core::DEFAULT_COLLECTION.to_string();
    let mut replace: Option<String> = None;
    let mut options = lotse_engine::IngestOptions::default();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| crate::error::rejection(e.body_text(), e.status()))?
    {
        match field.name() {
            Some("collection") => {
                collection = field
                    .text()
                    .await
                    .map_err(|e| crate::error::rejection(e.body_text(), e.status()))?;
            }
            Some("replace") => {
                let id = field
                    .text()
                    .await
                    .map_err(|e| crate::error::rejection(e.body_text(), e.status()))?;
                replace = Some(id.trim().to_string()).filter(|id| !id.is_empty());
            }
            Some(name @ ("valid_from" | "supersedes" | "kind")) => {
                let name = name.to_string();
                let value = field
                    .text()
                    .await
                    .map_err(|e| crate::error::rejection(e.body_text(), e.status()))?;
                let value = value.trim();
                if value.is_empty() {
                    continue;
                }
                match name.as_str() {
                    "valid_from" => {
                        options.valid_from = Some(
                            lotse_engine::validity::parse_date(value)
                                .filter(|(_, used)| *used == value.len())
                                .ok_or_else(|| {
                                    ApiError::bad_request(
                                        "invalid_valid_from",
                                        format!("valid_from {value:?} is no date (2025-03-01 or 1.3.2025)"),
                                    )
                                })?
                                .0,
                        );
                    }
                    "kind" => {
                        options.kind = Some(lotse_core::DocumentKind::parse(value).ok_or_else(|| {
                            ApiError::bad_request(
                                "invalid_kind",
                                format!("unknown kind {value:?}: gesetz, satzung, dienstanweisung, dienstvereinbarung, leitfaden, faq or praesentation"),
                            )
                        })?);
                    }
                    _ => options.supersedes.push(value.to_string()),
                }
            }
            Some("file") | Some("files") | Some("file[]") => {
                let name = field.file_name().unwrap_or_default().to_string();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| crate::error::rejection(e.body_text(), e.status()))?;
                files.push((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    if files.is_empty() {
        return Err(ApiError::bad_request(
            "no_files",
            "the request has no file field (multipart field name \"file\")",
        ));
    }
    // a replacement goes where the document it replaces is, one file for one document
    let replaced = match replace {
        None => None,
        Some(id) => {
            if files.len() != 1 {
                return Err(ApiError::bad_request(
                    "one_file_to_replace",
                    "a document is replaced by exactly one file",
                ));
            }
            let old = find_document(&state, id, caller.principal.read_scope()).await?;
            collection = old.collection.clone();
            Some(old)
        }
    };
    let collection = lotse_core::validate_collection(&collection)
        .map_err(|e| ApiError::bad_request("invalid_collection", e.to_string()))?;
    // decided by the caller's rights alone, so the answer doesn't tell whether the
    // collection exists
    may_write(&caller, &collection)?;
    for id in &options.supersedes {
        let old = find_document(&state, id.clone(), caller.principal.read_scope()).await?;
        if old.collection != collection {
            return Err(ApiError::bad_request(
                "supersedes_other_collection",
                format!(
                    "document {id} is in collection {}, not {collection}: a document supersedes one of its own collection",
                    old.collection
                ),
            ));
        }
    }
    let _writing = state.writes.lock().await;
    let dir = state.config.upload_dir.join(&collection);
    let mut rejected = Vec::new();
    let mut paths = Vec::new();
    for (name, bytes) in files {
        let Some(safe) = safe_file_name(&name) else {
            rejected.push(serde_json::json!({
                "path": name, "status": "failed", "code": "invalid_file_name",
                "reason": "der Dateiname ist leer oder nicht erlaubt",
            }));
            continue;
        };
        let path = dir.join(&safe);
        let previous = dir.join(format!(".{safe}.previous"));
        let write = std::fs::create_dir_all(&dir).and_then(|()| {
            // written beside and renamed, so a replaced file is never half-written; the
            // version it replaces is kept until the new one is indexed
            // named per process and moment: replicas on a cluster share the upload folder
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            let partial = dir.join(format!(".{safe}.{}-{stamp}.part", std::process::id()));
            std::fs::write(&partial, &bytes)?;
            if path.is_file() {
                match std::fs::rename(&path, &previous) {
                    // another replica moved it a moment ago
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    other => other?,
                }
            }
            std::fs::rename(&partial, &path)
        });
        if let Err(e) = write {
            return Err(ApiError::internal(format!("storing the upload: {e}")));
        }
        paths.push(path);
    }
    let stored: Vec<(std::path::PathBuf, std::path::PathBuf)> = paths
        .iter()
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            (
                p.clone(),
                dir.join(format!(".{}.previous", name.unwrap_or_default())),
            )
        })
        .collect();
    let engine = state.answerer.engine().clone();
    let coll = collection.clone();
    let upload_dir = state.config.upload_dir.clone();
    let old = replaced.clone();
    let write_scope = caller.principal.write_scope();
    let (report, removed) = tokio::task::spawn_blocking(move || {
        let report = engine.ingest_with(&paths, &coll, &options, &mut Quiet);
        keep_what_is_indexed(&stored, report.as_ref().ok());
        let report = report?;
        let mut removed = Vec::new();
        if let Some(old) = old {
            let new_id = report.files.iter().find_map(|f| match &f.outcome {
                FileOutcome::Added { document_id, .. }
                | FileOutcome::Replaced { document_id, .. } => Some(document_id.clone()),
                _ => None,
            });
            // only once the new version is in; a rejected file leaves the old one as it was
            if new_id.is_some_and(|n| n != old.id) {
                match engine.remove(&old.id, &write_scope) {
                    Ok(docs) => {
                        for d in &docs {
                            if !paths.iter().any(|p| p.to_string_lossy() == d.source) {
                                remove_stored_upload(&upload_dir, &d.source);
                            }
                        }
                        removed.extend(docs.into_iter().map(|d| d.id));
                    }
                    // already gone: replaced under the same name by the ingest itself
                    Err(lotse_engine::EngineError::NotFound(_)) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok::<_, lotse_engine::EngineError>((report, removed))
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))??;
    for f in &report.files {
        let (action, id) = match &f.outcome {
            FileOutcome::Added { document_id, .. } if replaced.is_some() => {
                ("replace", document_id)
            }
            FileOutcome::Added { document_id, .. } => ("upload", document_id),
            FileOutcome::Replaced { document_id, .. } => ("replace", document_id),
            _ => continue,
        };
        let name = std::path::Path::new(&f.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        state.auth.record(
            AuditEvent::new(
                action,
                &caller.principal.name,
                caller.principal.via.as_str(),
            )
            .collection(&collection)
            .document(id)
            .target(&name),
        );
    }
    let indexed = report.count(FileOutcome::is_indexed);
    let mut reports: Vec<serde_json::Value> = report
        .files
        .iter()
        .map(|f| {
            let mut v = serde_json::to_value(f).unwrap_or_default();
            v["path"] =
                serde_json::json!(client_path(&state.config.upload_dir, &collection, &f.path));
            v
        })
        .collect();
    reports.extend(rejected);
    let failed = reports.iter().filter(|r| r["status"] == "failed").count();
    let status = if indexed == 0 && failed > 0 {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut body = serde_json::json!({ "collection": collection, "files": reports });
    if replaced.is_some() {
        body["removed"] = serde_json::json!(removed);
    }
    Ok((status, Json(body)))
}

/// After an ingest: an upload that was rejected is deleted, and the file it would have
/// replaced is put back (the index still holds that version); an accepted one drops the
/// previous version. Without a report (the ingest failed as a whole) everything goes back.
fn keep_what_is_indexed(
    stored: &[(std::path::PathBuf, std::path::PathBuf)],
    report: Option<&lotse_engine::IngestReport>,
) {
    for (path, previous) in stored {
        let shown = path.to_string_lossy();
        let shown = shown.trim_start_matches("./");
        let accepted = report.is_some_and(|r| {
            r.files
                .iter()
                .any(|f| f.path.trim_start_matches("./") == shown && f.outcome.is_indexed())
        });
        let result = if accepted {
            std::fs::remove_file(previous)
        } else if previous.is_file() {
            std::fs::rename(previous, path)
        } else {
            std::fs::remove_file(path)
        };
        if let Err(e) = result
            && e.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(error = %e, "tidying the upload folder");
        }
    }
}

/// Deletes the stored copy of an uploaded file (never a file outside the upload folder).
fn remove_stored_upload(upload_dir: &std::path::Path, source: &str) {
    let path = std::path::Path::new(source);
    let (Ok(dir), Ok(file)) = (upload_dir.canonicalize(), path.canonicalize()) else {
        return;
    };
    if file.starts_with(&dir)
        && let Err(e) = std::fs::remove_file(&file)
    {
        tracing::warn!(error = %e, "the stored upload could not be deleted");
    }
}

pub async fn remove(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let doc = find_document(&state, id.clone(), caller.principal.read_scope()).await?;
    may_write(&caller, &doc.collection)?;
    let _writing = state.writes.lock().await;
    let engine = state.answerer.engine().clone();
    let upload_dir = state.config.upload_dir.clone();
    let write_scope = caller.principal.write_scope();
    let removed = tokio::task::spawn_blocking(move || {
        let removed = engine.remove(&id, &write_scope)?;
        for d in &removed {
            remove_stored_upload(&upload_dir, &d.source);
        }
        Ok::<_, lotse_engine::EngineError>(removed)
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))??;
    for d in &removed {
        state.auth.record(
            AuditEvent::new(
                "delete",
                &caller.principal.name,
                caller.principal.via.as_str(),
            )
            .collection(&d.collection)
            .document(&d.id)
            .target(d.source.rsplit(['/', '\\']).next().unwrap_or_default()),
        );
    }
    Ok(Json(serde_json::json!({ "removed": removed })))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::{ServerConfig, router};
    use axum::Router;
    use axum::body::Body;
    use axum::http::Request;
    use lotse_answer::{AnswerConfig, Answerer};
    use lotse_engine::{Engine, EngineConfig};
    use tower::ServiceExt;

    #[test]
    fn images_are_served_as_what_their_first_bytes_say() {
        assert_eq!(
            content_type(Format::Image, b"\x89PNG\r\n\x1a\n"),
            "image/png"
        );
        assert_eq!(
            content_type(Format::Image, b"\xff\xd8\xff\xe0"),
            "image/jpeg"
        );
        assert_eq!(content_type(Format::Image, b"II*\0\x08"), "image/tiff");
        assert_eq!(
            content_type(Format::Image, b"GIF89a"),
            "application/octet-stream"
        );
        assert_eq!(content_type(Format::Pdf, b"%PDF"), "application/pdf");
    }

    struct Fixture {
        app: Router,
        docs: std::path::PathBuf,
        uploads: std::path::PathBuf,
        _tmp: tempfile::TempDir,
    }

    fn fixture() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let docs = tmp.path().join("docs");
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::write(
            docs.join("reisekosten.md"),
            "# Merkblatt Reisekosten\n\nStand: 01.03.2025\n\n## Wegstreckenentschädigung\n\n\
             Für Fahrten mit dem Fahrrad werden 5 Cent je Kilometer erstattet.\n",
        )
        .unwrap();
        std::fs::write(
            docs.join("seite.html"),
            "<html><head><title>Intranetseite</title><script>alert(1)</script></head>\
             <body><h1>Intranetseite</h1><p>Die Kantine ist umgezogen.</p></body></html>",
        )
        .unwrap();
        let mut config = EngineConfig::new(tmp.path().join("data"));
        config.embedder = Some(Arc::new(lotse_core::HashEmbedder::new(64)));
        let engine = Engine::open(config).unwrap();
        engine
            .ingest(std::slice::from_ref(&docs), "allgemein", &mut Quiet)
            .unwrap();
        let answerer = Arc::new(Answerer::new(
            Arc::new(engine),
            None,
            AnswerConfig::default(),
        ));
        let uploads = tmp.path().join("uploads");
        let auth = crate::Auth::open(
            &tmp.path().join("data"),
            crate::AuthMode::None,
            lotse_auth::Policy::default(),
        )
        .unwrap();
        let state = AppState::new(answerer, ServerConfig::new(&uploads), auth);
        Fixture {
            app: router(state),
            docs,
            uploads,
            _tmp: tmp,
        }
    }

    async fn send(
        app: &Router,
        request: Request<Body>,
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let response = app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 10 << 20)
            .await
            .unwrap();
        (status, headers, bytes.to_vec())
    }

    async fn get_json(app: &Router, uri: &str) -> serde_json::Value {
        let (status, _, body) = send(app, Request::get(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        serde_json::from_slice(&body).unwrap()
    }

    fn upload_request(fields: &[(&str, &str)], file: (&str, &[u8])) -> Request<Body> {
        let boundary = "lotse-documents-test";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\n\r\n",
                file.0
            )
            .as_bytes(),
        );
        body.extend_from_slice(file.1);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        Request::post("/api/documents")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap()
    }

    fn ids_in(list: &serde_json::Value, collection: &str) -> Vec<String> {
        list["documents"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["collection"] == collection)
            .map(|d| d["id"].as_str().unwrap().to_string())
            .collect()
    }

    #[tokio::test]
    async fn the_list_tells_what_the_ui_shows_and_names_the_collections() {
        let f = fixture();
        let list = get_json(&f.app, "/api/documents").await;
        assert_eq!(
            list["collections"],
            serde_json::json!([{ "name": "allgemein", "documents": 2, "write": true }])
        );
        let doc = list["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["format"] == "markdown")
            .unwrap();
        assert_eq!(doc["title"], "Merkblatt Reisekosten");
        assert!(
            doc["stand"].as_str().unwrap().contains("01.03.2025"),
            "{doc}"
        );
        assert!(doc["chunks"].as_u64().unwrap() >= 1);
        assert!(doc["ingested_at"].as_str().unwrap().contains('T'));
        let other = get_json(&f.app, "/api/documents?collection=personal").await;
        assert!(other["documents"].as_array().unwrap().is_empty());
        assert_eq!(other["collections"][0]["name"], "allgemein");
    }

    #[tokio::test]
    async fn the_original_file_is_served_and_html_is_sandboxed() {
        let f = fixture();
        let list = get_json(&f.app, "/api/documents").await;
        for d in list["documents"].as_array().unwrap() {
            let uri = format!("/api/documents/{}/file", d["id"].as_str().unwrap());
            let (status, headers, body) =
                send(&f.app, Request::get(&uri).body(Body::empty()).unwrap()).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            let name = if d["format"] == "html" {
                "seite.html"
            } else {
                "reisekosten.md"
            };
            assert_eq!(body, std::fs::read(f.docs.join(name)).unwrap());
            let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
            assert!(
                disposition.contains(&format!("filename=\"{name}\"")),
                "{disposition}"
            );
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            if d["format"] == "html" {
                assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
                assert_eq!(headers[header::CONTENT_SECURITY_POLICY], "sandbox");
            } else {
                assert_eq!(
                    headers[header::CONTENT_TYPE],
                    "text/markdown; charset=utf-8"
                );
                assert!(headers.get(header::CONTENT_SECURITY_POLICY).is_none());
            }
        }
        let (status, _, body) = send(
            &f.app,
            Request::get("/api/documents/0123456789abcdef/file")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(String::from_utf8_lossy(&body).contains("not_found"));

        // the file is gone from disk: a clear error, not a crash
        std::fs::remove_file(f.docs.join("reisekosten.md")).unwrap();
        let md = list["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["format"] == "markdown")
            .unwrap();
        let uri = format!("/api/documents/{}/file", md["id"].as_str().unwrap());
        let (status, _, body) = send(&f.app, Request::get(&uri).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(String::from_utf8_lossy(&body).contains("file_unavailable"));
    }

    #[tokio::test]
    async fn a_document_is_replaced_by_a_file_of_another_name_and_deleted_with_its_file() {
        let f = fixture();
        let (status, _, body) = send(
            &f.app,
            upload_request(
                &[("collection", "personal")],
                (
                    "urlaub-2025.md",
                    b"# Urlaub\n\nDer Urlaubsantrag wird im Portal gestellt.\n",
                ),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        let list = get_json(&f.app, "/api/documents").await;
        let old = ids_in(&list, "personal");
        assert_eq!(old.len(), 1);
        assert!(f.uploads.join("personal/urlaub-2025.md").is_file());

        // a broken replacement leaves the old version in place
        let (status, _, _) = send(
            &f.app,
            upload_request(
                &[("replace", &old[0])],
                ("urlaub-2026.pdf", b"%PDF-1.7 kaputt"),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            ids_in(&get_json(&f.app, "/api/documents").await, "personal"),
            old
        );
        assert!(!f.uploads.join("personal/urlaub-2026.pdf").exists());
        // and so does a broken file of the same name: the good one is put back on disk
        let good = std::fs::read(f.uploads.join("personal/urlaub-2025.md")).unwrap();
        let (status, _, _) = send(
            &f.app,
            upload_request(&[("collection", "personal")], ("urlaub-2025.md", b"   \n")),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            std::fs::read(f.uploads.join("personal/urlaub-2025.md")).unwrap(),
            good
        );
        assert!(!f.uploads.join("personal/.urlaub-2025.md.previous").exists());

        // the replacement lands in the old document's collection, whatever the form says
        let (status, _, body) = send(
            &f.app,
            upload_request(
                &[("collection", "allgemein"), ("replace", &old[0])],
                (
                    "urlaub-2026.md",
                    b"# Urlaub 2026\n\nDer Urlaubsantrag wird jetzt im neuen Portal gestellt.\n",
                ),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["collection"], "personal");
        assert_eq!(v["files"][0]["status"], "added");
        assert_eq!(v["removed"], serde_json::json!(old));
        let list = get_json(&f.app, "/api/documents").await;
        // clients see the file within its collection, not where the server keeps it
        assert_eq!(v["files"][0]["path"], "urlaub-2026.md", "{v}");
        let shown: Vec<&str> = list["documents"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["collection"] == "personal")
            .map(|d| d["source"].as_str().unwrap())
            .collect();
        assert_eq!(shown, ["urlaub-2026.md"], "{list}");
        let now = ids_in(&list, "personal");
        assert_eq!(now.len(), 1);
        assert_ne!(now, old);
        assert_eq!(ids_in(&list, "allgemein").len(), 2);
        assert!(!f.uploads.join("personal/urlaub-2025.md").exists());
        assert!(f.uploads.join("personal/urlaub-2026.md").is_file());

        // replacing a document that isn't there, or with two files, is refused
        let (status, _, _) = send(
            &f.app,
            upload_request(
                &[("replace", "0123456789abcdef")],
                ("x.md", b"# X\n\nText.\n"),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // deleting an uploaded document deletes the stored file too; corpus files stay
        let (status, _, _) = send(
            &f.app,
            Request::delete(format!("/api/documents/{}", now[0]))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(!f.uploads.join("personal/urlaub-2026.md").exists());
        let md = ids_in(&list, "allgemein");
        let (status, _, _) = send(
            &f.app,
            Request::delete(format!("/api/documents/{}", md[0]))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(f.docs.join("reisekosten.md").is_file() && f.docs.join("seite.html").is_file());
    }

    #[test]
    fn upload_names_are_made_safe() {
        assert_eq!(safe_file_name("../../etc/passwd"), Some("passwd".into()));
        assert_eq!(
            safe_file_name("C:\\Users\\x\\Richtlinie 2025.pdf"),
            Some("Richtlinie 2025.pdf".into())
        );
        assert_eq!(
            safe_file_name("Übersicht;rm -rf.docx"),
            Some("Übersicht_rm -rf.docx".into())
        );
        assert_eq!(safe_file_name(".hidden"), None);
        assert_eq!(safe_file_name(""), None);
    }

    #[test]
    fn file_names_in_headers_stay_readable_and_safe() {
        assert_eq!(
            disposition("Merkblatt Reisekosten.pdf"),
            "inline; filename=\"Merkblatt Reisekosten.pdf\"; filename*=UTF-8''Merkblatt%20Reisekosten.pdf"
        );
        let d = disposition("Über \"x\".pdf");
        assert!(d.starts_with("inline; filename=\"_ber _x_.pdf\""), "{d}");
        assert!(d.ends_with("UTF-8''%C3%9Cber%20%22x%22.pdf"), "{d}");
        assert!(HeaderValue::from_str(&d).is_ok());
    }
}
