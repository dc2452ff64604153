//! Who the caller is, on every request: an API token (`Authorization: Bearer`), a login
//! session (cookie + CSRF header for changes), or the name and groups the city's reverse
//! proxy sets, accepted only from the proxy's own addresses.
//!
//! [`authenticate`] runs before every route and puts a [`Caller`] into the request; with
//! `--auth required` every route except the public ones (the UI's files, `/healthz`,
//! login, the system card) answers 401 without one. Handlers take the caller's
//! [`Principal`] and pass its scope into retrieval.

use crate::AppState;
use crate::error::ApiError;
use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use lotse_auth::{
    AuditEvent, AuditLog, Policy, Principal, Session, Sessions, TokenStore, UserStore, Via,
};
use serde::Deserialize;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// `--auth`: `required` (every route needs an identity) or `none` (one user, loopback only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMode {
    Required,
    None,
}

impl std::str::FromStr for AuthMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "required" => Ok(AuthMode::Required),
            "none" => Ok(AuthMode::None),
            other => Err(format!("unknown auth mode {other:?}: use required or none")),
        }
    }
}

impl AuthMode {
    pub fn as_str(self) -> &'static str {
        match self {
            AuthMode::Required => "required",
            AuthMode::None => "none",
        }
    }

    /// `none` gives every caller every right, so it may only listen on loopback.
    pub fn check_address(self, addr: &SocketAddr) -> Result<(), String> {
        if self == AuthMode::None && !addr.ip().is_loopback() {
            return Err(format!(
                "--auth none gives every caller full access, so it may only listen on a \
                 loopback address (127.0.0.1 or ::1), not on {addr}. Use --auth required \
                 (create a token with `lotse tokens create`, accounts with `lotse users add`) \
                 or bind 127.0.0.1"
            ));
        }
        Ok(())
    }
}

/// Single sign-on through the reverse proxy in front of lotse.
#[derive(Debug, Clone)]
pub struct ProxyAuth {
    pub user_header: HeaderName,
    pub groups_header: Option<HeaderName>,
    /// Only requests from these addresses may set the headers.
    pub trusted: Vec<IpAddr>,
}

/// Everything the server needs to tell callers apart.
#[derive(Debug)]
pub struct Auth {
    pub mode: AuthMode,
    pub tokens: TokenStore,
    pub users: UserStore,
    pub sessions: Sessions,
    pub policy: Policy,
    pub proxy: Option<ProxyAuth>,
    pub audit: AuditLog,
    /// `Secure` on the session cookie (behind TLS, as every deployment beyond loopback).
    pub secure_cookies: bool,
    /// Failed logins per account name: (count, first failure), for the throttle.
    failures: std::sync::Mutex<std::collections::HashMap<String, (u32, std::time::Instant)>>,
}

/// Failed logins of one name within [`FAILURE_WINDOW`] before further attempts wait.
const MAX_FAILURES: u32 = 5;
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);

pub const SESSION_COOKIE: &str = "lotse_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

impl Auth {
    /// `--auth none`, the stores of `data_dir`, no proxy, names pseudonymised.
    pub fn open(data_dir: &Path, mode: AuthMode, policy: Policy) -> lotse_auth::Result<Auth> {
        Ok(Auth {
            mode,
            tokens: TokenStore::open(data_dir),
            users: UserStore::open(data_dir),
            sessions: Sessions::new(
                Duration::from_secs(8 * 3600),
                Duration::from_secs(12 * 3600),
            ),
            policy,
            proxy: None,
            audit: AuditLog::open(data_dir, true)?,
            secure_cookies: false,
            failures: Default::default(),
        })
    }

    /// Whether `name` may try to log in now (not after [`MAX_FAILURES`] recent failures).
    fn login_allowed(&self, name: &str) -> bool {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        failures.retain(|_, (_, first)| first.elapsed() < FAILURE_WINDOW);
        failures.get(name).is_none_or(|(n, _)| *n < MAX_FAILURES)
    }

    fn login_failed(&self, name: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        failures
            .entry(name.to_string())
            .or_insert((0, std::time::Instant::now()))
            .0 += 1;
    }

    fn login_succeeded(&self, name: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        failures.remove(name);
    }

    /// Writes an audit line; a log that can't be written is reported, not fatal.
    pub fn record(&self, event: AuditEvent) {
        if let Err(e) = self.audit.record(event) {
            tracing::error!(error = %e, "the audit log could not be written");
        }
    }

    /// The principal of a live session: `None` once the account is gone or its password
    /// changed since the login.
    fn session_principal(&self, session: &Session) -> Result<Option<Principal>, ApiError> {
        let user = self.users.get(&session.user).map_err(internal)?;
        Ok(user
            .filter(|u| u.credential() == session.credential)
            .map(|u| Principal {
                access: self.policy.access(&u.groups),
                name: u.name,
                via: Via::Session,
                groups: u.groups,
            }))
    }
}

fn internal(e: lotse_auth::AuthError) -> ApiError {
    ApiError::internal(e.to_string())
}

/// The identity of a request, put into its extensions by [`authenticate`].
#[derive(Debug, Clone)]
pub struct Caller {
    pub principal: Principal,
    /// The session cookie's value, for logout.
    pub session_id: Option<String>,
    pub csrf: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(unauthorized)
    }
}

impl<S: Send + Sync> axum::extract::OptionalFromRequestParts<S> for Caller {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<Caller>().cloned())
    }
}

pub fn unauthorized() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "sign in or send an API token (Authorization: Bearer …)",
    )
}

/// Routes anyone may call: what the login page needs, health checks, transparency.
fn is_public(method: &Method, path: &str) -> bool {
    matches!(path, "/healthz" | "/api/system-card")
        || (path == "/api/login" && method == Method::POST)
        || (method == Method::GET
            && !path.starts_with("/api/")
            && !path.starts_with("/v1/")
            && path != "/metrics")
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

fn header_text(headers: &HeaderMap, name: &HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// Resolves the caller, or answers 401/403 itself.
pub async fn authenticate(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let auth = &state.auth;
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let caller = match identify(auth, request.method(), request.headers(), peer) {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    match caller {
        Some(c) => {
            request.extensions_mut().insert(c);
        }
        None if is_public(request.method(), request.uri().path()) => {}
        None => return unauthorized().into_response(),
    }
    next.run(request).await
}

fn identify(
    auth: &Auth,
    method: &Method,
    headers: &HeaderMap,
    peer: Option<IpAddr>,
) -> Result<Option<Caller>, ApiError> {
    if auth.mode == AuthMode::None {
        return Ok(Some(Caller {
            principal: Principal::open(),
            session_id: None,
            csrf: None,
        }));
    }
    if let Some(token) = bearer(headers) {
        // a token that is wrong is an error, not a fall-back to another identity
        return match auth.tokens.authenticate(token).map_err(internal)? {
            Some(principal) => Ok(Some(Caller {
                principal,
                session_id: None,
                csrf: None,
            })),
            None => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "invalid_token",
                "the API token is unknown or was revoked",
            )),
        };
    }
    if let Some(proxy) = &auth.proxy
        && let Some(user) = header_text(headers, &proxy.user_header)
    {
        if peer.is_some_and(|ip| proxy.trusted.contains(&ip)) {
            let groups: Vec<String> = proxy
                .groups_header
                .as_ref()
                .and_then(|h| header_text(headers, h))
                .map(|g| {
                    g.split([',', ' ', ';'])
                        .map(str::trim)
                        .filter(|g| !g.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            return Ok(Some(Caller {
                principal: Principal {
                    access: auth.policy.access(&groups),
                    name: user,
                    via: Via::Proxy,
                    groups,
                },
                session_id: None,
                csrf: None,
            }));
        }
        // someone else set the header: ignored, the request stays anonymous
        tracing::warn!(peer = ?peer, "identity header from an address that is not a trusted proxy");
    }
    if let Some(id) = cookie(headers, SESSION_COOKIE)
        && let Some(session) = auth.sessions.get(&id)
    {
        let unsafe_method = !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
        let sent = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
        if unsafe_method && sent != Some(session.csrf.as_str()) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "csrf",
                "a change through a login session needs the X-CSRF-Token header",
            ));
        }
        let Some(principal) = auth.session_principal(&session)? else {
            // the account was removed or its password changed meanwhile
            auth.sessions.end(&id);
            return Ok(None);
        };
        return Ok(Some(Caller {
            principal,
            session_id: Some(id),
            csrf: Some(session.csrf),
        }));
    }
    Ok(None)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginBody {
    name: String,
    password: String,
}

fn session_cookie(auth: &Auth, value: &str, max_age: Duration) -> HeaderValue {
    let secure = if auth.secure_cookies { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{secure}",
        max_age.as_secs()
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `POST /api/login` `{name, password}`: starts a session (cookie) and returns `/api/me`.
pub async fn login(
    State(state): State<Arc<AppState>>,
    body: Result<Json<LoginBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let body = crate::routes::json_body(body)?;
    if !state.auth.login_allowed(body.name.trim()) {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_logins",
            "Zu viele fehlgeschlagene Anmeldungen; bitte in 15 Minuten erneut versuchen",
        ));
    }
    let auth_state = state.clone();
    let name = body.name.trim().to_string();
    let user =
        tokio::task::spawn_blocking(move || auth_state.auth.users.verify(&name, &body.password))
            .await
            .map_err(|e| ApiError::internal(e.to_string()))?
            .map_err(internal)?;
    let auth = &state.auth;
    let Some(user) = user else {
        auth.login_failed(body.name.trim());
        auth.record(AuditEvent::new("login_failed", body.name.trim(), "session"));
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "login_failed",
            "Name oder Passwort stimmen nicht",
        ));
    };
    let (id, session) = auth
        .sessions
        .start(&user.name, &user.credential())
        .map_err(internal)?;
    auth.login_succeeded(&user.name);
    auth.record(AuditEvent::new("login", &user.name, "session"));
    let principal = Principal {
        access: auth.policy.access(&user.groups),
        name: user.name,
        via: Via::Session,
        groups: user.groups,
    };
    let me = me_json(&state, &principal, Some(&session.csrf)).await?;
    let mut response = Json(me).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie(auth, &id, auth.sessions.max_age()),
    );
    Ok(response)
}

/// `POST /api/logout`: ends the session and clears the cookie.
pub async fn logout(State(state): State<Arc<AppState>>, caller: Caller) -> Response {
    if let Some(id) = &caller.session_id {
        state.auth.sessions.end(id);
        state.auth.record(AuditEvent::new(
            "logout",
            &caller.principal.name,
            caller.principal.via.as_str(),
        ));
    }
    let mut response = Json(serde_json::json!({ "logged_out": true })).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        session_cookie(&state.auth, "", Duration::ZERO),
    );
    response
}

/// The collections `principal` may read, each with its document count and whether the
/// principal may change it.
pub async fn visible_collections(
    state: &Arc<AppState>,
    principal: &Principal,
) -> Result<Vec<serde_json::Value>, ApiError> {
    let engine = state.answerer.engine().clone();
    let scope = principal.read_scope();
    let docs = tokio::task::spawn_blocking(move || engine.documents(&scope))
        .await
        .map_err(|e| ApiError::internal(e.to_string()))??;
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for d in &docs {
        *counts.entry(d.collection.clone()).or_default() += 1;
    }
    // collections granted but still empty are shown too, so an editor can fill them
    for c in principal.access.read.iter().chain(&principal.access.write) {
        counts.entry(c.clone()).or_default();
    }
    Ok(counts
        .into_iter()
        .map(|(name, documents)| {
            serde_json::json!({
                "name": name,
                "documents": documents,
                "write": principal.may_write(&name),
            })
        })
        .collect())
}

async fn me_json(
    state: &Arc<AppState>,
    principal: &Principal,
    csrf: Option<&str>,
) -> Result<serde_json::Value, ApiError> {
    Ok(serde_json::json!({
        "name": principal.name,
        "via": principal.via.as_str(),
        "groups": principal.groups,
        "admin": principal.is_admin(),
        "auth": state.auth.mode.as_str(),
        "collections": visible_collections(state, principal).await?,
        "csrf_token": csrf,
    }))
}

/// `GET /api/me`: who the caller is and what it may see (the UI's header).
pub async fn me(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<Json<serde_json::Value>, ApiError> {
    Ok(Json(
        me_json(&state, &caller.principal, caller.csrf.as_deref()).await?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_mode_is_refused_beyond_loopback() {
        let lo: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        let lo6: SocketAddr = "[::1]:8080".parse().unwrap();
        let all: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        let lan: SocketAddr = "192.168.10.5:8080".parse().unwrap();
        assert!(AuthMode::None.check_address(&lo).is_ok());
        assert!(AuthMode::None.check_address(&lo6).is_ok());
        let err = AuthMode::None.check_address(&all).unwrap_err();
        assert!(err.contains("loopback") && err.contains("0.0.0.0"), "{err}");
        assert!(AuthMode::None.check_address(&lan).is_err());
        assert!(AuthMode::Required.check_address(&all).is_ok());
        assert_eq!("Required".parse::<AuthMode>(), Ok(AuthMode::Required));
        assert!("offen".parse::<AuthMode>().is_err());
    }

    #[test]
    fn only_the_login_page_health_and_system_card_are_public() {
        assert!(is_public(&Method::GET, "/"));
        assert!(is_public(&Method::GET, "/healthz"));
        assert!(is_public(&Method::POST, "/api/login"));
        assert!(is_public(&Method::GET, "/api/system-card"));
        for (m, p) in [
            (Method::POST, "/api/ask"),
            (Method::POST, "/api/search"),
            (Method::GET, "/api/documents"),
            (Method::GET, "/api/documents/x/file"),
            (Method::DELETE, "/api/documents/x"),
            (Method::GET, "/v1/models"),
            (Method::POST, "/v1/chat/completions"),
            (Method::GET, "/metrics"),
            (Method::GET, "/api/me"),
        ] {
            assert!(!is_public(&m, p), "{m} {p}");
        }
    }
}
