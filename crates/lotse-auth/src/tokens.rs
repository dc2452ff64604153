//! API tokens: `lotse_` + 256 random bits in hex, shown once; only the SHA-256 is kept.

use crate::store::JsonFile;
use crate::{Access, AuthError, Principal, Result, Via, hex, now_rfc3339, random_hex};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::Path;

const PREFIX: &str = "lotse_";

/// A token as stored and listed: never the token itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenInfo {
    pub name: String,
    /// SHA-256 of the token, hex.
    pub sha256: String,
    #[serde(default)]
    pub read: BTreeSet<String>,
    #[serde(default)]
    pub write: BTreeSet<String>,
    #[serde(default)]
    pub admin: bool,
    pub created: String,
}

impl TokenInfo {
    pub fn access(&self) -> Access {
        Access {
            admin: self.admin,
            read: self.read.clone(),
            write: self.write.clone(),
        }
    }
}

/// The result of [`TokenStore::create`]: the secret, to be shown once.
#[derive(Debug)]
pub struct NewToken {
    pub info: TokenInfo,
    pub token: String,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Tokens {
    tokens: Vec<TokenInfo>,
}

#[derive(Debug)]
pub struct TokenStore {
    file: JsonFile<Tokens>,
}

fn digest(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

impl TokenStore {
    /// The token store of a data directory (`auth/tokens.json`).
    pub fn open(data_dir: &Path) -> TokenStore {
        TokenStore {
            file: JsonFile::new(crate::auth_dir(data_dir).join("tokens.json")),
        }
    }

    pub fn create(&self, name: &str, access: Access) -> Result<NewToken> {
        let name = crate::validate_name(name)?;
        let token = format!("{PREFIX}{}", random_hex(32)?);
        let info = TokenInfo {
            name: name.clone(),
            sha256: digest(&token),
            read: access.read,
            write: access.write,
            admin: access.admin,
            created: now_rfc3339(),
        };
        self.file.update(|t| {
            if t.tokens.iter().any(|x| x.name == name) {
                return Err(AuthError::Exists {
                    kind: "token",
                    name: name.clone(),
                });
            }
            t.tokens.push(info.clone());
            Ok(())
        })?;
        Ok(NewToken { info, token })
    }

    pub fn list(&self) -> Result<Vec<TokenInfo>> {
        Ok(self.file.load()?.tokens)
    }

    pub fn revoke(&self, name: &str) -> Result<TokenInfo> {
        self.file.update(|t| {
            let i = t
                .tokens
                .iter()
                .position(|x| x.name == name)
                .ok_or_else(|| AuthError::Missing {
                    kind: "token",
                    name: name.to_string(),
                })?;
            Ok(t.tokens.remove(i))
        })
    }

    /// The principal a presented token stands for; `None` for unknown or revoked tokens.
    /// The lookup compares digests, so its timing says nothing about the token itself.
    pub fn authenticate(&self, presented: &str) -> Result<Option<Principal>> {
        let presented = presented.trim();
        if !presented.starts_with(PREFIX) {
            return Ok(None);
        }
        let wanted = digest(presented);
        Ok(self
            .file
            .load()?
            .tokens
            .into_iter()
            .find(|t| t.sha256 == wanted)
            .map(|t| Principal {
                access: t.access(),
                name: t.name,
                via: Via::Token,
                groups: Vec::new(),
            }))
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_shown_once_stored_as_hash_and_stops_working_when_revoked() {
        let dir = tempfile::tempdir().unwrap();
        let store = TokenStore::open(dir.path());
        let access = Access {
            read: ["bauamt".to_string()].into(),
            ..Access::default()
        };
        let new = store.create("bauamt-bot", access.clone()).unwrap();
        assert!(new.token.starts_with("lotse_") && new.token.len() == 6 + 64);
        let on_disk = std::fs::read_to_string(store.path()).unwrap();
        assert!(
            !on_disk.contains(&new.token[6..]),
            "the secret is not stored"
        );
        assert!(on_disk.contains(&new.info.sha256));

        let p = store.authenticate(&new.token).unwrap().unwrap();
        assert_eq!(
            (p.name.as_str(), p.via, &p.access),
            ("bauamt-bot", Via::Token, &access)
        );
        assert!(store.authenticate("lotse_00").unwrap().is_none());
        assert!(store.authenticate(&new.token[..40]).unwrap().is_none());
        assert!(matches!(
            store.create("bauamt-bot", Access::default()),
            Err(AuthError::Exists { .. })
        ));

        // a second handle (the running server) sees the revocation of the first (the CLI)
        let server = TokenStore::open(dir.path());
        assert!(server.authenticate(&new.token).unwrap().is_some());
        store.revoke("bauamt-bot").unwrap();
        assert!(server.authenticate(&new.token).unwrap().is_none());
        assert!(matches!(
            store.revoke("bauamt-bot"),
            Err(AuthError::Missing { .. })
        ));
    }

    #[test]
    fn two_tokens_differ_and_a_damaged_store_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let store = TokenStore::open(dir.path());
        let a = store.create("a", Access::default()).unwrap();
        let b = store.create("b", Access::default()).unwrap();
        assert_ne!(a.token, b.token);
        std::fs::write(store.path(), "{ nicht json").unwrap();
        let err = store.list().unwrap_err().to_string();
        assert!(
            err.contains("tokens.json") && err.contains("damaged"),
            "{err}"
        );
    }
}
