//! Who is asking, and what they may read and change.
//!
//! Three ways in lead to one [`Principal`]: an API token (scripts, OpenAI clients), a
//! local account with a session cookie (the web UI), or a name and groups set by the
//! city's reverse proxy (single sign-on). A principal carries its [`Access`]: the
//! collections it may read and write, or admin rights. The server turns `Access` into a
//! [`Scope`] that goes *into* retrieval; nothing here filters results afterwards.
//!
//! Secrets are never stored: tokens as SHA-256 of 256 random bits, passwords as argon2id
//! PHC strings. The stores are small JSON files in the data directory, written atomically
//! and re-read when they change, so `lotse tokens revoke` takes effect in a running
//! server at its next request.

mod audit;
mod policy;
mod sessions;
mod store;
mod tokens;
mod users;

pub use audit::{AuditEvent, AuditLog};
pub use policy::{GroupRights, Policy};
pub use sessions::{Session, Sessions};
pub use tokens::{NewToken, TokenInfo, TokenStore};
pub use users::{UserInfo, UserStore};

use lotse_core::Scope;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The folder of the identity stores inside a data directory.
pub fn auth_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("auth")
}

/// What a principal may do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Access {
    /// Reads and writes every collection, manages tokens.
    pub admin: bool,
    pub read: BTreeSet<String>,
    pub write: BTreeSet<String>,
}

impl Access {
    pub fn everything() -> Access {
        Access {
            admin: true,
            ..Access::default()
        }
    }

    /// Rights of several sources (groups) together.
    pub fn union(mut self, other: &Access) -> Access {
        self.admin |= other.admin;
        self.read.extend(other.read.iter().cloned());
        self.write.extend(other.write.iter().cloned());
        self
    }
}

/// How a principal proved who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Token,
    Session,
    Proxy,
    /// `--auth none`: the single user of a loopback-only server.
    Open,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Token => "token",
            Via::Session => "session",
            Via::Proxy => "proxy",
            Via::Open => "open",
        }
    }
}

/// An authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub name: String,
    pub via: Via,
    pub groups: Vec<String>,
    pub access: Access,
}

impl Principal {
    /// The caller of a server started with `--auth none`.
    pub fn open() -> Principal {
        Principal {
            name: "lokal".into(),
            via: Via::Open,
            groups: Vec::new(),
            access: Access::everything(),
        }
    }

    pub fn is_admin(&self) -> bool {
        self.access.admin
    }

    /// The collections this principal may read (writing implies reading).
    pub fn read_scope(&self) -> Scope {
        if self.access.admin {
            return Scope::All;
        }
        Scope::only(self.access.read.union(&self.access.write).cloned())
    }

    pub fn may_read(&self, collection: &str) -> bool {
        self.read_scope().allows(collection)
    }

    pub fn may_write(&self, collection: &str) -> bool {
        self.access.admin || self.access.write.contains(collection)
    }

    /// The collections this principal may change.
    pub fn write_scope(&self) -> Scope {
        if self.access.admin {
            return Scope::All;
        }
        Scope::only(self.access.write.iter().cloned())
    }
}

/// Why an identity operation failed.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is damaged: {reason}")]
    Corrupt { path: PathBuf, reason: String },
    #[error("{0}")]
    Invalid(String),
    #[error("{kind} {name:?} already exists")]
    Exists { kind: &'static str, name: String },
    #[error("{kind} {name:?} does not exist")]
    Missing { kind: &'static str, name: String },
    #[error("no random numbers from the operating system: {0}")]
    Random(String),
    #[error("password hashing failed: {0}")]
    Hash(String),
}

pub type Result<T, E = AuthError> = std::result::Result<T, E>;

/// `n` bytes from the operating system's random source, as lowercase hex.
pub(crate) fn random_hex(n: usize) -> Result<String> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).map_err(|e| AuthError::Random(e.to_string()))?;
    Ok(hex(&bytes))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Checks a token or account name: what a log line and a CLI argument can carry safely.
pub fn validate_name(name: &str) -> Result<String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'));
    if ok {
        Ok(name.to_string())
    } else {
        Err(AuthError::Invalid(format!(
            "invalid name {name:?}: use 1–64 letters, digits, '-', '_', '.', '@'"
        )))
    }
}

/// Validated collection names of a comma-separated list or repeated option.
pub fn collections_of(names: &[String]) -> Result<BTreeSet<String>> {
    names
        .iter()
        .flat_map(|n| n.split(','))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| lotse_core::validate_collection(n).map_err(|e| AuthError::Invalid(e.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_implies_reading_and_admins_see_everything() {
        let p = Principal {
            name: "bauamt-bot".into(),
            via: Via::Token,
            groups: Vec::new(),
            access: Access {
                admin: false,
                read: ["allgemein".to_string()].into(),
                write: ["bauamt".to_string()].into(),
            },
        };
        assert_eq!(p.read_scope(), Scope::only(["allgemein", "bauamt"]));
        assert!(p.may_read("bauamt") && !p.may_read("personal"));
        assert!(p.may_write("bauamt") && !p.may_write("allgemein"));
        assert_eq!(Principal::open().read_scope(), Scope::All);
        let none = Principal {
            access: Access::default(),
            ..p
        };
        assert!(none.read_scope().is_empty());
    }

    #[test]
    fn names_and_collection_lists_are_checked() {
        assert!(validate_name("anna.schmidt@stadt").is_ok());
        assert!(validate_name("a b").is_err() && validate_name("").is_err());
        assert_eq!(
            collections_of(&["Personal, bauamt".into(), "allgemein".into()]).unwrap(),
            ["allgemein", "bauamt", "personal"]
                .map(String::from)
                .into_iter()
                .collect()
        );
        assert!(collections_of(&["../x".into()]).is_err());
    }
}
