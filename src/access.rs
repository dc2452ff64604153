//! `lotse tokens …`, `lotse users …`, and the identity part of `lotse serve`.

use crate::config::ConfigFile;
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use lotse_auth::{Access, AuditEvent, AuditLog, TokenStore, UserStore, collections_of};
use std::io::{BufRead, IsTerminal};
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum TokensCommand {
    /// Create an API token; it is printed once, on the last line. Only its hash is kept.
    Create {
        #[arg(long)]
        name: String,
        /// Collections it may read (comma-separated or repeated).
        #[arg(long, value_delimiter = ',')]
        read: Vec<String>,
        /// Collections it may upload to, replace and delete in (implies read).
        #[arg(long, value_delimiter = ',')]
        write: Vec<String>,
        /// Every collection, and the admin routes.
        #[arg(long)]
        admin: bool,
    },
    /// The tokens, with their rights (never the tokens themselves).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Revoke a token: it stops working at once, also in a running server.
    Revoke { name: String },
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Add a web-UI account; the password is read from standard input (asked for on a
    /// terminal), at least 10 characters.
    Add {
        name: String,
        /// Groups (their rights come from `[groups.NAME]` in lotse.toml).
        #[arg(long = "group", value_delimiter = ',')]
        groups: Vec<String>,
    },
    /// Set a new password (from standard input).
    Passwd {
        name: String,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    Remove {
        name: String,
    },
}

/// Who ran the CLI, for the audit log.
fn operator() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "cli".into())
}

fn audit(data_dir: &Path, config: Option<&ConfigFile>) -> Result<AuditLog> {
    let pseudonymise = config.is_none_or(|c| c.audit.pseudonymise);
    Ok(AuditLog::open(data_dir, pseudonymise)?)
}

/// Records what `lotse ingest` and `lotse remove` changed, as the operator who ran them.
/// A log that can't be written is reported, not fatal: the change itself is done.
pub fn audit_cli_changes(
    data_dir: &Path,
    config: Option<&ConfigFile>,
    events: impl IntoIterator<Item = (&'static str, String, String, String)>,
) {
    let log = match audit(data_dir, config) {
        Ok(log) => log,
        Err(e) => return eprintln!("Warnung: das Audit-Protokoll ist nicht beschreibbar: {e:#}"),
    };
    let who = operator();
    for (action, collection, document, file) in events {
        let event = AuditEvent::new(action, &who, "cli")
            .collection(&collection)
            .document(&document)
            .target(&file);
        if let Err(e) = log.record(event) {
            return eprintln!("Warnung: das Audit-Protokoll ist nicht beschreibbar: {e:#}");
        }
    }
}

pub fn tokens_command(
    data_dir: &Path,
    config: Option<&ConfigFile>,
    command: TokensCommand,
) -> Result<u8> {
    let store = TokenStore::open(data_dir);
    let log = audit(data_dir, config)?;
    match command {
        TokensCommand::Create {
            name,
            read,
            write,
            admin,
        } => {
            let access = Access {
                admin,
                read: collections_of(&read)?,
                write: collections_of(&write)?,
            };
            if !admin && access.read.is_empty() && access.write.is_empty() {
                bail!("das Token sähe nichts: --read, --write oder --admin angeben");
            }
            let new = store.create(&name, access)?;
            log.record(AuditEvent::new("token_create", &operator(), "cli").target(&name))?;
            eprintln!(
                "Token „{}“ angelegt (lesen: {}; schreiben: {}{}). Er wird nur dieses eine Mal angezeigt:",
                new.info.name,
                list_or_dash(&new.info.read),
                list_or_dash(&new.info.write),
                if new.info.admin { "; Admin" } else { "" }
            );
            println!("{}", new.token);
        }
        TokensCommand::List { json } => {
            let tokens = store.list()?;
            if json {
                let rows: Vec<serde_json::Value> = tokens
                    .iter()
                    .map(|t| {
                        serde_json::json!({
                            "name": t.name, "read": t.read, "write": t.write,
                            "admin": t.admin, "created": t.created,
                        })
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else if tokens.is_empty() {
                println!("Keine Tokens.");
            } else {
                for t in tokens {
                    println!(
                        "{}  lesen: {}  schreiben: {}{}  (seit {})",
                        t.name,
                        list_or_dash(&t.read),
                        list_or_dash(&t.write),
                        if t.admin { "  Admin" } else { "" },
                        t.created
                    );
                }
            }
        }
        TokensCommand::Revoke { name } => {
            store.revoke(&name)?;
            log.record(AuditEvent::new("token_revoke", &operator(), "cli").target(&name))?;
            println!("Token „{name}“ widerrufen.");
        }
    }
    Ok(crate::exit::OK)
}

fn list_or_dash(set: &std::collections::BTreeSet<String>) -> String {
    if set.is_empty() {
        "–".into()
    } else {
        set.iter().cloned().collect::<Vec<_>>().join(",")
    }
}

fn read_password(prompt: &str) -> Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(prompt)?;
        let again = rpassword::prompt_password("Noch einmal: ")?;
        if first != again {
            bail!("die beiden Passwörter stimmen nicht überein");
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("Passwort von der Standardeingabe nicht lesbar")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

pub fn users_command(
    data_dir: &Path,
    config: Option<&ConfigFile>,
    command: UsersCommand,
) -> Result<u8> {
    let users = UserStore::open(data_dir);
    let log = audit(data_dir, config)?;
    match command {
        UsersCommand::Add { name, groups } => {
            if let Some(config) = config {
                let policy = config.policy()?;
                for g in groups.iter().filter(|g| !policy.knows(g)) {
                    eprintln!(
                        "Hinweis: die Gruppe „{g}“ steht nicht in der Konfiguration; sie gibt keine Rechte."
                    );
                }
            }
            let password = read_password(&format!("Passwort für {name}: "))?;
            users.add(&name, &password, groups)?;
            log.record(AuditEvent::new("user_add", &operator(), "cli").target(&name))?;
            println!("Konto „{name}“ angelegt.");
        }
        UsersCommand::Passwd { name } => {
            let password = read_password(&format!("Neues Passwort für {name}: "))?;
            users.set_password(&name, &password)?;
            log.record(AuditEvent::new("user_passwd", &operator(), "cli").target(&name))?;
            println!("Passwort von „{name}“ geändert.");
        }
        UsersCommand::List { json } => {
            let list = users.list()?;
            if json {
                let rows: Vec<serde_json::Value> = list
                    .iter()
                    .map(|u| serde_json::json!({ "name": u.name, "groups": u.groups, "created": u.created }))
                    .collect();
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else if list.is_empty() {
                println!("Keine Konten.");
            } else {
                for u in list {
                    println!("{}  Gruppen: {}", u.name, u.groups.join(","));
                }
            }
        }
        UsersCommand::Remove { name } => {
            users.remove(&name)?;
            log.record(AuditEvent::new("user_remove", &operator(), "cli").target(&name))?;
            println!("Konto „{name}“ entfernt.");
        }
    }
    Ok(crate::exit::OK)
}
