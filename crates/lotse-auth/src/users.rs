//! Local accounts of the web UI: name, groups, argon2id password hash (PHC string).

use crate::store::JsonFile;
use crate::{AuthError, Result, now_rfc3339};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::OnceLock;

/// Shorter passwords are refused when an account is created or changed.
pub const MIN_PASSWORD_CHARS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserInfo {
    pub name: String,
    #[serde(default)]
    pub groups: Vec<String>,
    /// argon2id PHC string; never the password.
    pub password: String,
    pub created: String,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Users {
    users: Vec<UserInfo>,
}

#[derive(Debug)]
pub struct UserStore {
    file: JsonFile<Users>,
}

fn hash(password: &str) -> Result<String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AuthError::Invalid(format!(
            "the password is too short: at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AuthError::Hash(e.to_string()))
}

fn verifies(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).ok().is_some_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash that no password matches, verified for unknown names so that a login attempt
/// takes as long for a name that does not exist as for one that does.
fn decoy() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        Argon2::default()
            .hash_password(b"decoy password, never issued")
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

impl UserInfo {
    /// Changes whenever the password does: what a session checks it still matches.
    pub fn credential(&self) -> String {
        use sha2::{Digest, Sha256};
        crate::hex(&Sha256::digest(self.password.as_bytes()))[..32].to_string()
    }
}

impl UserStore {
    /// The accounts of a data directory (`auth/users.json`).
    pub fn open(data_dir: &Path) -> UserStore {
        UserStore {
            file: JsonFile::new(crate::auth_dir(data_dir).join("users.json")),
        }
    }

    pub fn add(&self, name: &str, password: &str, groups: Vec<String>) -> Result<UserInfo> {
        let name = crate::validate_name(name)?;
        for g in &groups {
            crate::validate_name(g)?;
        }
        let user = UserInfo {
            name: name.clone(),
            groups,
            password: hash(password)?,
            created: now_rfc3339(),
        };
        self.file.update(|u| {
            if u.users.iter().any(|x| x.name == name) {
                return Err(AuthError::Exists {
                    kind: "user",
                    name: name.clone(),
                });
            }
            u.users.push(user.clone());
            Ok(())
        })?;
        Ok(user)
    }

    pub fn set_password(&self, name: &str, password: &str) -> Result<()> {
        let phc = hash(password)?;
        self.change(name, |u| u.password = phc)
    }

    pub fn set_groups(&self, name: &str, groups: Vec<String>) -> Result<()> {
        for g in &groups {
            crate::validate_name(g)?;
        }
        self.change(name, |u| u.groups = groups)
    }

    fn change(&self, name: &str, f: impl FnOnce(&mut UserInfo)) -> Result<()> {
        self.file.update(|u| {
            let user =
                u.users
                    .iter_mut()
                    .find(|x| x.name == name)
                    .ok_or_else(|| AuthError::Missing {
                        kind: "user",
                        name: name.to_string(),
                    })?;
            f(user);
            Ok(())
        })
    }

    pub fn remove(&self, name: &str) -> Result<UserInfo> {
        self.file.update(|u| {
            let i =
                u.users
                    .iter()
                    .position(|x| x.name == name)
                    .ok_or_else(|| AuthError::Missing {
                        kind: "user",
                        name: name.to_string(),
                    })?;
            Ok(u.users.remove(i))
        })
    }

    pub fn list(&self) -> Result<Vec<UserInfo>> {
        Ok(self.file.load()?.users)
    }

    pub fn get(&self, name: &str) -> Result<Option<UserInfo>> {
        Ok(self.list()?.into_iter().find(|u| u.name == name))
    }

    /// The account if `password` is its password.
    pub fn verify(&self, name: &str, password: &str) -> Result<Option<UserInfo>> {
        match self.get(name)? {
            Some(user) if verifies(password, &user.password) => Ok(Some(user)),
            Some(_) => Ok(None),
            None => {
                let _ = verifies(password, decoy());
                Ok(None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hashed_checked_changed_and_short_ones_refused() {
        let dir = tempfile::tempdir().unwrap();
        let users = UserStore::open(dir.path());
        let anna = users
            .add("anna", "Sommer-im-Rathaus", vec!["personalamt".into()])
            .unwrap();
        assert!(anna.password.starts_with("$argon2id$"));
        let on_disk = std::fs::read_to_string(dir.path().join("auth/users.json")).unwrap();
        assert!(!on_disk.contains("Sommer-im-Rathaus"));

        assert!(users.verify("anna", "Sommer-im-Rathaus").unwrap().is_some());
        assert!(users.verify("anna", "sommer-im-rathaus").unwrap().is_none());
        assert!(
            users
                .verify("bernd", "Sommer-im-Rathaus")
                .unwrap()
                .is_none()
        );
        assert!(matches!(
            users.add("bernd", "kurz", vec![]),
            Err(AuthError::Invalid(_))
        ));
        users.set_password("anna", "Winter-im-Rathaus").unwrap();
        assert!(users.verify("anna", "Sommer-im-Rathaus").unwrap().is_none());
        assert!(users.verify("anna", "Winter-im-Rathaus").unwrap().is_some());
        users.remove("anna").unwrap();
        assert!(users.verify("anna", "Winter-im-Rathaus").unwrap().is_none());
    }
}
