//! `/api/documents`: list, upload (multipart, into a collection), delete.
//!
//! Uploads are written to `<upload dir>/<collection>/<file name>` and ingested from there
//! with the same loaders and error reporting as `lotse ingest`; uploading a file of the
//! same name into the same collection replaces the document.

use crate::AppState;
use crate::error::ApiError;
use axum::Json;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use lotse_engine::{FileOutcome, Quiet};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    collection: Option<String>,
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    Query(q): Query<ListQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let engine = state.answerer.engine().clone();
    let collection = q
        .collection
        .filter(|c| !c.trim().is_empty())
        .map(|c| lotse_core::validate_collection(&c))
        .transpose()
        .map_err(|e| ApiError::bad_request("invalid_collection", e.to_string()))?;
    let docs = tokio::task::spawn_blocking(move || engine.documents(collection.as_deref()))
        .await
        .map_err(|e| ApiError::internal(e.to_string()))??;
    Ok(Json(serde_json::json!({ "documents": docs })))
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
    mut multipart: Multipart,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    let mut collection = lotse_core::DEFAULT_COLLECTION.to_string();
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
    let collection = lotse_core::validate_collection(&collection)
        .map_err(|e| ApiError::bad_request("invalid_collection", e.to_string()))?;
    if files.is_empty() {
        return Err(ApiError::bad_request(
            "no_files",
            "the request has no file field (multipart field name \"file\")",
        ));
    }
    let _writing = state.writes.lock().await;
    let dir = state.config.upload_dir.join(&collection);
    let mut rejected = Vec::new();
    let mut paths = Vec::new();
    for (name, bytes) in files {
        let Some(safe) = safe_file_name(&name) else {
            rejected.push(serde_json::json!({
                "path": name, "status": "failed", "code": "invalid_file_name",
                "reason": "the file name is empty or not allowed",
            }));
            continue;
        };
        let path = dir.join(&safe);
        let write = std::fs::create_dir_all(&dir).and_then(|()| {
            // written beside and renamed, so a replaced file is never half-written
            let partial = dir.join(format!(".{safe}.part"));
            std::fs::write(&partial, &bytes)?;
            std::fs::rename(&partial, &path)
        });
        if let Err(e) = write {
            return Err(ApiError::internal(format!("storing the upload: {e}")));
        }
        paths.push(path);
    }
    let engine = state.answerer.engine().clone();
    let coll = collection.clone();
    let report = tokio::task::spawn_blocking(move || engine.ingest(&paths, &coll, &mut Quiet))
        .await
        .map_err(|e| ApiError::internal(e.to_string()))??;
    let indexed = report.count(FileOutcome::is_indexed);
    let mut reports: Vec<serde_json::Value> = report
        .files
        .iter()
        .map(|f| serde_json::to_value(f).unwrap_or_default())
        .collect();
    reports.extend(rejected);
    let failed = reports.iter().filter(|r| r["status"] == "failed").count();
    let status = if indexed == 0 && failed > 0 {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(serde_json::json!({ "collection": collection, "files": reports })),
    ))
}

pub async fn remove(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let _writing = state.writes.lock().await;
    let engine = state.answerer.engine().clone();
    let removed = tokio::task::spawn_blocking(move || engine.remove(&id))
        .await
        .map_err(|e| ApiError::internal(e.to_string()))??;
    Ok(Json(serde_json::json!({ "removed": removed })))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
