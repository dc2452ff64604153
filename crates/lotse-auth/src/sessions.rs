//! Login sessions of the web UI, in memory: a restart logs everyone out.
//!
//! A session id is 256 random bits, sent as an HTTP-only, SameSite=Strict cookie. Each
//! session also has a CSRF token that the UI sends as a header with every change; a
//! cookie alone never authorises a POST or DELETE. Sessions end after `idle` without
//! requests and at the latest `max_age` after the login. A session remembers which
//! password hash it was opened with ([`Session::credential`]), so that a password changed
//! with the CLI ends it even though the CLI can't reach the server's memory.

use crate::{Result, random_hex};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: String,
    pub csrf: String,
    /// A fingerprint of the account's password hash at login.
    pub credential: String,
}

#[derive(Debug)]
struct Entry {
    session: Session,
    created: Instant,
    last_seen: Instant,
}

#[derive(Debug)]
pub struct Sessions {
    idle: Duration,
    max_age: Duration,
    entries: Mutex<HashMap<String, Entry>>,
}

impl Sessions {
    pub fn new(idle: Duration, max_age: Duration) -> Sessions {
        Sessions {
            idle,
            max_age,
            entries: Mutex::new(HashMap::new()),
        }
    }

    pub fn max_age(&self) -> Duration {
        self.max_age
    }

    /// Starts a session for `user`; returns its id (the cookie value) and the session.
    pub fn start(&self, user: &str, credential: &str) -> Result<(String, Session)> {
        self.start_at(user, credential, Instant::now())
    }

    fn start_at(&self, user: &str, credential: &str, now: Instant) -> Result<(String, Session)> {
        let id = random_hex(32)?;
        let session = Session {
            user: user.to_string(),
            csrf: random_hex(32)?,
            credential: credential.to_string(),
        };
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.retain(|_, e| !self.expired(e, now));
        entries.insert(
            id.clone(),
            Entry {
                session: session.clone(),
                created: now,
                last_seen: now,
            },
        );
        Ok((id, session))
    }

    fn expired(&self, e: &Entry, now: Instant) -> bool {
        now.duration_since(e.last_seen) > self.idle || now.duration_since(e.created) > self.max_age
    }

    /// The live session of a cookie value; touching it extends the idle time.
    pub fn get(&self, id: &str) -> Option<Session> {
        self.get_at(id, Instant::now())
    }

    fn get_at(&self, id: &str, now: Instant) -> Option<Session> {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let entry = entries.get_mut(id)?;
        if self.expired(entry, now) {
            entries.remove(id);
            return None;
        }
        entry.last_seen = now;
        Some(entry.session.clone())
    }

    pub fn end(&self, id: &str) -> Option<Session> {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.remove(id).map(|e| e.session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_expire_when_idle_and_at_their_maximum_age_and_end_on_logout() {
        let sessions = Sessions::new(Duration::from_secs(60), Duration::from_secs(300));
        let t0 = Instant::now();
        let (id, s) = sessions.start_at("anna", "c", t0).unwrap();
        assert_eq!(s.user, "anna");
        assert_eq!(s.csrf.len(), 64);
        assert!(sessions.get_at(&id, t0 + Duration::from_secs(50)).is_some());
        // each request extends the idle time, not the maximum age
        assert!(
            sessions
                .get_at(&id, t0 + Duration::from_secs(100))
                .is_some()
        );
        assert!(
            sessions
                .get_at(&id, t0 + Duration::from_secs(150))
                .is_some()
        );
        assert!(
            sessions
                .get_at(&id, t0 + Duration::from_secs(301))
                .is_none()
        );

        let (idle, _) = sessions.start_at("anna", "c", t0).unwrap();
        assert!(
            sessions
                .get_at(&idle, t0 + Duration::from_secs(61))
                .is_none()
        );

        let (out, _) = sessions.start_at("bernd", "c", t0).unwrap();
        assert!(sessions.end(&out).is_some());
        assert!(sessions.get_at(&out, t0).is_none());
        assert!(sessions.get_at("erfunden", t0).is_none());
    }
}
