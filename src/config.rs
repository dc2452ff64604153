//! `lotse.toml`: groups, proxy, limits and the system card in one file, so operations
//! don't pass twenty flags. Precedence: file < environment < flags (a flag or variable
//! that is set wins over the file). Unknown keys are refused with their name, so a typo
//! never silently turns a setting off.

use anyhow::{Context, Result};
use lotse_auth::{GroupRights, Policy};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub server: ServerSection,
    #[serde(default)]
    pub proxy: Option<ProxySection>,
    #[serde(default)]
    pub audit: AuditSection,
    /// Purpose, operator, contact: the fixed part of `/api/system-card`.
    #[serde(default)]
    pub system_card: SystemCardSection,
    /// Group name → rights on collections.
    #[serde(default)]
    pub groups: BTreeMap<String, GroupRights>,
    /// Folders kept in step with collections (`lotse watch`, `lotse serve`).
    #[serde(default)]
    pub watch: Vec<WatchSection>,
}

/// `[[watch]]`: a folder and the collection it fills.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WatchSection {
    pub dir: std::path::PathBuf,
    pub collection: Option<String>,
    /// Seconds a file must stay unchanged before it is read [default: 2].
    pub settle: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSection {
    pub addr: Option<String>,
    pub auth: Option<String>,
    pub max_concurrent: Option<usize>,
    /// Seconds a request waits for a free slot before it gets 429.
    pub queue_timeout: Option<f64>,
    /// Requests that may wait for a slot at once.
    pub max_queued: Option<usize>,
    /// Seconds one uploaded file may take to read (formerly `pdf_timeout`).
    #[serde(alias = "pdf_timeout")]
    pub file_timeout: Option<u64>,
    /// `Secure` on the session cookie; set it when lotse is reached over TLS.
    pub secure_cookies: Option<bool>,
    pub session_idle_minutes: Option<u64>,
    pub session_max_hours: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProxySection {
    pub user_header: String,
    pub groups_header: Option<String>,
    /// Addresses of the reverse proxy; only their requests may set the headers.
    pub trusted: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditSection {
    /// Principal names as keyed hashes (default) or in clear.
    #[serde(default = "yes")]
    pub pseudonymise: bool,
}

impl Default for AuditSection {
    fn default() -> AuditSection {
        AuditSection { pseudonymise: true }
    }
}

fn yes() -> bool {
    true
}

#[derive(Debug, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SystemCardSection {
    pub operator: Option<String>,
    pub contact: Option<String>,
    pub purpose: Option<String>,
}

impl ConfigFile {
    pub fn load(path: &Path) -> Result<ConfigFile> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("Konfiguration {} nicht lesbar", path.display()))?;
        ConfigFile::parse(&text).with_context(|| format!("in {}", path.display()))
    }

    pub fn parse(text: &str) -> Result<ConfigFile> {
        // toml's message names the unknown key and where it is
        let file: ConfigFile = toml::from_str(text).map_err(|e| anyhow::anyhow!("{e}"))?;
        file.policy()?;
        Ok(file)
    }

    pub fn policy(&self) -> Result<Policy> {
        Policy::new(self.groups.clone()).map_err(|e| anyhow::anyhow!(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file_parses_into_groups_proxy_and_limits() {
        let file = ConfigFile::parse(
            r#"
            [server]
            addr = "0.0.0.0:8080"
            auth = "required"
            max_concurrent = 4

            [proxy]
            user_header = "X-Forwarded-User"
            groups_header = "X-Forwarded-Groups"
            trusted = ["127.0.0.1"]

            [groups.personalamt]
            read = ["allgemein"]
            write = ["personal"]

            [groups.it]
            admin = true
            "#,
        )
        .unwrap();
        assert_eq!(file.server.max_concurrent, Some(4));
        assert_eq!(file.proxy.as_ref().unwrap().trusted, vec!["127.0.0.1"]);
        let policy = file.policy().unwrap();
        let access = policy.access(&["personalamt".into()]);
        assert!(access.write.contains("personal") && !access.admin);
        assert!(policy.access(&["it".into()]).admin);
        assert!(file.audit.pseudonymise);
    }

    #[test]
    fn unknown_keys_are_refused_with_their_name() {
        for (text, key) in [
            ("[server]\nmax_concurent = 4\n", "max_concurent"),
            ("[sever]\naddr = \"x\"\n", "sever"),
            ("[groups.bauamt]\nreed = [\"bauamt\"]\n", "reed"),
        ] {
            let err = format!("{:#}", ConfigFile::parse(text).unwrap_err());
            assert!(err.contains(key), "{key}: {err}");
        }
        let err = format!(
            "{:#}",
            ConfigFile::parse("[groups.x]\nread = [\"../etc\"]\n").unwrap_err()
        );
        assert!(err.contains("groups.x"), "{err}");
    }
}
