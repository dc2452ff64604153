//! The audit log the Personalrat asks for: who uploaded, replaced or deleted what and
//! when, token creation and revocation, logins and failed logins. Append-only JSON lines
//! in `audit.jsonl` of the data directory. Principal names are pseudonymised by a keyed
//! hash (HMAC-SHA256 with a random key kept in `auth/audit.key`) unless configured
//! otherwise: the same person gets the same pseudonym, which whoever holds the key can
//! resolve. Question text is never logged.

use crate::{AuthError, Result, hex, now_rfc3339, random_hex};
use hmac::{Hmac, KeyInit, Mac};
use serde::Serialize;
use sha2::Sha256;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One line of the log, before the principal is pseudonymised.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEvent {
    /// `upload`, `replace`, `delete`, `token_create`, `token_revoke`, `login`,
    /// `login_failed`, `logout`, `user_add`, `user_remove`.
    pub action: &'static str,
    pub principal: String,
    /// How the principal authenticated (`token`, `session`, `proxy`, `open`, `cli`).
    pub via: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// A file name, token name or account name the action was about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

impl AuditEvent {
    pub fn new(action: &'static str, principal: &str, via: &'static str) -> AuditEvent {
        AuditEvent {
            action,
            principal: principal.to_string(),
            via,
            collection: None,
            document: None,
            target: None,
        }
    }

    pub fn collection(mut self, c: &str) -> AuditEvent {
        self.collection = Some(c.to_string());
        self
    }

    pub fn document(mut self, id: &str) -> AuditEvent {
        self.document = Some(id.to_string());
        self
    }

    pub fn target(mut self, t: &str) -> AuditEvent {
        self.target = Some(t.to_string());
        self
    }
}

#[derive(Debug)]
pub struct AuditLog {
    path: PathBuf,
    /// `None`: names are written as they are (configured so).
    key: Option<Vec<u8>>,
    lock: Mutex<()>,
}

#[derive(Serialize)]
struct Line<'a> {
    time: String,
    #[serde(flatten)]
    event: &'a AuditEvent,
}

impl AuditLog {
    /// The log of a data directory; creates the pseudonymisation key on first use.
    pub fn open(data_dir: &Path, pseudonymise: bool) -> Result<AuditLog> {
        let key = if pseudonymise {
            Some(load_or_create_key(
                &crate::auth_dir(data_dir).join("audit.key"),
            )?)
        } else {
            None
        };
        Ok(AuditLog {
            path: data_dir.join("audit.jsonl"),
            key,
            lock: Mutex::new(()),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The name as it appears in the log.
    pub fn pseudonym(&self, name: &str) -> String {
        match &self.key {
            None => name.to_string(),
            Some(key) => match <Hmac<Sha256> as KeyInit>::new_from_slice(key) {
                Ok(mut mac) => {
                    mac.update(name.as_bytes());
                    format!("p:{}", &hex(&mac.finalize().into_bytes())[..16])
                }
                Err(_) => "p:?".to_string(),
            },
        }
    }

    /// Appends one line; the line is written in one call, so concurrent writers (the
    /// server and a CLI) don't interleave within a line.
    pub fn record(&self, mut event: AuditEvent) -> Result<()> {
        event.principal = self.pseudonym(&event.principal);
        let mut text = serde_json::to_string(&Line {
            time: now_rfc3339(),
            event: &event,
        })
        .map_err(|e| AuthError::Invalid(e.to_string()))?;
        text.push('\n');
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        let io = |source| AuthError::Io {
            path: self.path.clone(),
            source,
        };
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(io)?;
        file.write_all(text.as_bytes()).map_err(io)
    }
}

fn load_or_create_key(path: &Path) -> Result<Vec<u8>> {
    match std::fs::read_to_string(path) {
        Ok(text) if text.trim().len() >= 32 => Ok(text.trim().as_bytes().to_vec()),
        Ok(_) => Err(AuthError::Corrupt {
            path: path.to_path_buf(),
            reason: "the key is too short".into(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = random_hex(32)?;
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|source| AuthError::Io {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
            crate::store::write_private(path, key.as_bytes())?;
            Ok(key.into_bytes())
        }
        Err(source) => Err(AuthError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_appended_with_a_stable_pseudonym_and_no_clear_name() {
        let dir = tempfile::tempdir().unwrap();
        let log = AuditLog::open(dir.path(), true).unwrap();
        log.record(
            AuditEvent::new("upload", "anna.schmidt", "session")
                .collection("personal")
                .document("0123abcd")
                .target("dienstanweisung.pdf"),
        )
        .unwrap();
        log.record(AuditEvent::new("login", "anna.schmidt", "session"))
            .unwrap();
        let text = std::fs::read_to_string(log.path()).unwrap();
        assert!(!text.contains("anna"), "{text}");
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["action"], "upload");
        assert_eq!(lines[0]["collection"], "personal");
        assert_eq!(lines[0]["target"], "dienstanweisung.pdf");
        assert!(lines[0]["time"].as_str().unwrap().starts_with("20"));
        assert_eq!(lines[0]["principal"], lines[1]["principal"]);
        assert!(lines[0]["principal"].as_str().unwrap().starts_with("p:"));

        // the key survives a restart: the same name keeps its pseudonym
        let again = AuditLog::open(dir.path(), true).unwrap();
        assert_eq!(again.pseudonym("anna.schmidt"), lines[0]["principal"]);
        assert_ne!(again.pseudonym("bernd"), lines[0]["principal"]);
        let clear = AuditLog::open(dir.path(), false).unwrap();
        assert_eq!(clear.pseudonym("anna.schmidt"), "anna.schmidt");
    }
}
