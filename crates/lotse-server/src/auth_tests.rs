//! Identities and permissions through the router: 401 without identity, tokens, login
//! sessions with CSRF, the proxy header only from trusted addresses, and the leakage test
//! that asks every route for another collection's secret.
#![allow(clippy::unwrap_used)]

use super::*;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use lotse_answer::{AnswerConfig, Answerer};
use lotse_auth::{Access, GroupRights, Policy};
use lotse_core::generate::{GenerateError, Generator, Message};
use lotse_engine::{Engine, EngineConfig, Quiet};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use tower::ServiceExt;

/// Unique words that exist only in the `personal` collection.
const SECRET: &str = "Zauberwortquastenflosser";
const SECRET_FILE: &str = "vertraulich-personalrat.md";

/// Writes back its whole prompt, so that anything the model saw shows in the answer.
struct PromptEcho;

impl Generator for PromptEcho {
    fn name(&self) -> &str {
        "prompt-echo"
    }
    fn count_tokens(&self, text: &str) -> usize {
        text.split_whitespace().count()
    }
    fn context_budget(&self) -> usize {
        4000
    }
    fn generate(
        &self,
        messages: &[Message],
        on_token: &mut dyn FnMut(&str),
    ) -> Result<String, GenerateError> {
        let all: String = messages
            .iter()
            .map(|m| m.content.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        on_token(&all);
        Ok(all)
    }
}

struct Fixture {
    app: Router,
    state: Arc<AppState>,
    bauamt_token: String,
    admin_token: String,
    secret_id: String,
    _tmp: tempfile::TempDir,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let personal = tmp.path().join("personal");
    let bauamt = tmp.path().join("bauamt");
    std::fs::create_dir_all(&personal).unwrap();
    std::fs::create_dir_all(&bauamt).unwrap();
    std::fs::write(
        personal.join(SECRET_FILE),
        format!(
            "# Interne Regelung Personalrat\n\n## Kennwort\n\nDas Kennwort für den Tresor der \
             Personalakten lautet {SECRET}. Es wird monatlich gewechselt.\n"
        ),
    )
    .unwrap();
    std::fs::write(
        bauamt.join("bauantrag.md"),
        "# Merkblatt Bauantrag\n\n## Fristen\n\nEin Bauantrag wird innerhalb von drei Monaten \
         beschieden. Das Kennwort für das Portal erhalten Sie beim Bauamt.\n",
    )
    .unwrap();
    let data = tmp.path().join("data");
    let mut config = EngineConfig::new(&data);
    config.embedder = Some(Arc::new(lotse_core::HashEmbedder::new(64)));
    let engine = Engine::open(config).unwrap();
    engine.ingest(&[personal], "personal", &mut Quiet).unwrap();
    engine.ingest(&[bauamt], "bauamt", &mut Quiet).unwrap();
    let secret_id = engine
        .documents(&lotse_core::Scope::only(["personal"]))
        .unwrap()[0]
        .id
        .clone();
    let answer_config = AnswerConfig {
        min_vector_score: 0.0,
        min_vector_score_known_words: 0.0,
        ..AnswerConfig::default()
    };
    let answerer = Arc::new(Answerer::new(
        Arc::new(engine),
        Some(Arc::new(PromptEcho)),
        answer_config,
    ));
    let mut groups = BTreeMap::new();
    groups.insert(
        "bauamt".to_string(),
        GroupRights {
            read: ["bauamt".to_string()].into(),
            write: ["bauamt".to_string()].into(),
            admin: false,
        },
    );
    let mut auth = Auth::open(&data, AuthMode::Required, Policy::new(groups).unwrap()).unwrap();
    auth.proxy = Some(ProxyAuth {
        user_header: HeaderName::from_static("x-forwarded-user"),
        groups_header: Some(HeaderName::from_static("x-forwarded-groups")),
        trusted: vec!["10.0.0.1".parse().unwrap()],
    });
    let bauamt_token = auth
        .tokens
        .create(
            "bauamt-bot",
            Access {
                read: ["bauamt".to_string()].into(),
                ..Access::default()
            },
        )
        .unwrap()
        .token;
    let admin_token = auth
        .tokens
        .create("it", Access::everything())
        .unwrap()
        .token;
    auth.users
        .add("bernd", "Bauamt-Passwort-1", vec!["bauamt".into()])
        .unwrap();
    let state = AppState::new(
        answerer,
        ServerConfig::new(tmp.path().join("uploads")),
        auth,
    );
    Fixture {
        app: router(state.clone()),
        state,
        bauamt_token,
        admin_token,
        secret_id,
        _tmp: tmp,
    }
}

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 10 << 20)
        .await
        .unwrap();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// How a request proves who it is.
#[derive(Clone)]
enum As {
    Nobody,
    Token(String),
    Session {
        cookie: String,
        csrf: String,
    },
    Proxy {
        user: &'static str,
        groups: &'static str,
        from: &'static str,
    },
}

fn request(method: &str, uri: &str, who: &As, body: Option<(&str, Vec<u8>)>) -> Request<Body> {
    let mut b = Request::builder().method(method).uri(uri);
    match who {
        As::Nobody => {}
        As::Token(t) => b = b.header(header::AUTHORIZATION, format!("Bearer {t}")),
        As::Session { cookie, csrf } => {
            b = b
                .header(header::COOKIE, format!("{}={cookie}", auth::SESSION_COOKIE))
                .header(auth::CSRF_HEADER, csrf.as_str());
        }
        As::Proxy { user, groups, .. } => {
            b = b
                .header("x-forwarded-user", *user)
                .header("x-forwarded-groups", *groups);
        }
    }
    let mut r = match body {
        Some((content_type, bytes)) => b
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(bytes))
            .unwrap(),
        None => b.body(Body::empty()).unwrap(),
    };
    if let As::Proxy { from, .. } = who {
        let addr: SocketAddr = format!("{from}:44321").parse().unwrap();
        r.extensions_mut().insert(ConnectInfo(addr));
    }
    r
}

fn json_body(text: &str) -> RequestBody {
    Some(("application/json", text.as_bytes().to_vec()))
}

fn multipart(fields: &[(&str, &str, Option<&str>)]) -> RequestBody {
    let mut body = String::new();
    for (name, value, file) in fields {
        body.push_str("--XYZ\r\n");
        match file {
            Some(f) => body.push_str(&format!(
                "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\r\n"
            )),
            None => body.push_str(&format!(
                "Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"
            )),
        }
        body.push_str(value);
        body.push_str("\r\n");
    }
    body.push_str("--XYZ--\r\n");
    Some(("multipart/form-data; boundary=XYZ", body.into_bytes()))
}

async fn login(f: &Fixture, name: &str, password: &str) -> Option<As> {
    let (status, headers, body) = send(
        &f.app,
        request(
            "POST",
            "/api/login",
            &As::Nobody,
            json_body(&format!(r#"{{"name":"{name}","password":"{password}"}}"#)),
        ),
    )
    .await;
    if status != StatusCode::OK {
        return None;
    }
    let set_cookie = headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"),
        "{set_cookie}"
    );
    let cookie = set_cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_string();
    let me: serde_json::Value = serde_json::from_str(&body).unwrap();
    Some(As::Session {
        cookie,
        csrf: me["csrf_token"].as_str().unwrap().to_string(),
    })
}

/// Every route, with the questions and names aimed at the secret.
/// A request body with its content type.
type RequestBody = Option<(&'static str, Vec<u8>)>;

fn every_route(secret_id: &str) -> Vec<(&'static str, String, RequestBody)> {
    // the secret's own words are not in the question: answers may repeat the question
    let q = "Wie lautet das Kennwort für den Tresor?";
    let mut routes = vec![
        ("GET", "/healthz".to_string(), None),
        ("GET", "/metrics".to_string(), None),
        ("GET", "/api/me".to_string(), None),
        ("GET", "/api/system-card".to_string(), None),
        ("GET", "/api/documents".to_string(), None),
        (
            "GET",
            "/api/documents?collection=personal".to_string(),
            None,
        ),
        ("GET", format!("/api/documents/{secret_id}/file"), None),
        ("DELETE", format!("/api/documents/{secret_id}"), None),
        ("GET", "/v1/models".to_string(), None),
        (
            "POST",
            "/api/documents".to_string(),
            multipart(&[
                ("collection", "personal", None),
                ("file", "# x\n\nneu\n", Some("x.md")),
            ]),
        ),
        (
            "POST",
            "/api/documents".to_string(),
            multipart(&[
                ("replace", secret_id, None),
                ("file", "# x\n\nneu\n", Some("x.md")),
            ]),
        ),
    ];
    for collection in [
        "",
        r#","collection":"personal""#,
        r#","collection":["bauamt","personal"]"#,
    ] {
        for mode in ["extractive", "generative"] {
            for stream in ["false", "true"] {
                routes.push((
                    "POST",
                    "/api/ask".to_string(),
                    json_body(&format!(
                        r#"{{"question":"{q}","mode":"{mode}","stream":{stream}{collection}}}"#
                    )),
                ));
            }
        }
        for mode in ["keyword", "vector", "hybrid"] {
            routes.push((
                "POST",
                "/api/search".to_string(),
                json_body(&format!(
                    r#"{{"query":"Kennwort Tresor","mode":"{mode}","explain":true,"top_k":20{collection}}}"#
                )),
            ));
        }
        for stream in ["false", "true"] {
            let c =
                collection.replace(r#""collection":"personal""#, r#""collection":["personal"]"#);
            routes.push((
                "POST",
                "/v1/chat/completions".to_string(),
                json_body(&format!(
                    r#"{{"model":"lotse","stream":{stream},"messages":[{{"role":"user","content":"{q}"}}]{c}}}"#
                )),
            ));
        }
    }
    routes
}

fn assert_no_leak(who: &str, method: &str, uri: &str, status: StatusCode, body: &str) {
    for secret in [
        SECRET,
        SECRET_FILE,
        "Personalakten",
        "Interne Regelung Personalrat",
    ] {
        assert!(
            !body.contains(secret),
            "{who}: {method} {uri} ({status}) leaked {secret:?}: {body}"
        );
    }
}

#[tokio::test]
async fn no_route_gives_a_bauamt_reader_or_an_anonymous_caller_anything_of_personal() {
    let f = fixture();
    let session = login(&f, "bernd", "Bauamt-Passwort-1").await.unwrap();
    let callers = [
        ("anonymous", As::Nobody),
        ("bauamt token", As::Token(f.bauamt_token.clone())),
        ("bauamt session", session),
        (
            "bauamt via proxy",
            As::Proxy {
                user: "bernd",
                groups: "bauamt",
                from: "10.0.0.1",
            },
        ),
        (
            "forged proxy header",
            As::Proxy {
                user: "admin",
                groups: "it,personal",
                from: "10.0.0.99",
            },
        ),
    ];
    let mut answered = 0;
    for (who, caller) in &callers {
        for (method, uri, body) in every_route(&f.secret_id) {
            let (status, headers, text) = send(&f.app, request(method, &uri, caller, body)).await;
            assert_no_leak(who, method, &uri, status, &text);
            for (name, value) in &headers {
                assert_no_leak(
                    who,
                    method,
                    &format!("{uri} header {name}"),
                    status,
                    value.to_str().unwrap_or(""),
                );
            }
            if status.is_success() {
                answered += 1;
            }
            let public = matches!(uri.as_str(), "/healthz" | "/api/system-card");
            // a proxy header from an address that is not the proxy identifies nobody
            let anonymous = matches!(caller, As::Nobody) || who.starts_with("forged");
            if anonymous && !public {
                assert_eq!(
                    status,
                    StatusCode::UNAUTHORIZED,
                    "{who}: {method} {uri}: {text}"
                );
            }
            if uri.contains(&f.secret_id) && !anonymous {
                assert_eq!(
                    status,
                    StatusCode::NOT_FOUND,
                    "{who}: {method} {uri}: {text}"
                );
            }
        }
    }
    assert!(
        answered > 40,
        "the routes must really answer the readers: {answered}"
    );

    // the secret is there and every route finds it for someone who may read it: the
    // test above would see a filter that is missing
    let admin = As::Token(f.admin_token.clone());
    for mode in ["keyword", "vector"] {
        let (status, _, text) = send(
            &f.app,
            request(
                "POST",
                "/api/search",
                &admin,
                json_body(&format!(
                    r#"{{"query":"Kennwort Tresor","mode":"{mode}","top_k":20}}"#
                )),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(text.contains(SECRET), "{mode}: {text}");
    }
    let (_, _, listed) = send(&f.app, request("GET", "/api/documents", &admin, None)).await;
    assert!(listed.contains(SECRET_FILE));
    // nothing above deleted or replaced it
    assert_eq!(
        f.state
            .answerer
            .engine()
            .documents(&lotse_core::Scope::only(["personal"]))
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn tokens_sessions_and_the_proxy_header_identify_callers_as_configured() {
    let f = fixture();
    let me = |who: As| {
        let app = f.app.clone();
        async move {
            let (status, _, body) = send(&app, request("GET", "/api/me", &who, None)).await;
            (status, body)
        }
    };
    let (status, body) = me(As::Token(f.bauamt_token.clone())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains("\"bauamt-bot\"") && body.contains("\"via\":\"token\""),
        "{body}"
    );
    let (status, body) = me(As::Token("lotse_falsch".into())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("invalid_token"), "{body}");

    // the proxy's header counts only from the proxy
    let (status, body) = me(As::Proxy {
        user: "bernd",
        groups: "bauamt",
        from: "10.0.0.1",
    })
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("\"via\":\"proxy\"") && body.contains("\"write\":true"),
        "{body}"
    );
    let (status, _) = me(As::Proxy {
        user: "bernd",
        groups: "bauamt",
        from: "10.0.0.2",
    })
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // wrong password, then a session; a change needs the CSRF header
    assert!(login(&f, "bernd", "falsch-falsch-falsch").await.is_none());
    let Some(As::Session { cookie, csrf }) = login(&f, "bernd", "Bauamt-Passwort-1").await else {
        panic!("login failed");
    };
    let without_csrf = As::Session {
        cookie: cookie.clone(),
        csrf: "x".into(),
    };
    let (status, _, body) = send(
        &f.app,
        request(
            "POST",
            "/api/search",
            &without_csrf,
            json_body(r#"{"query":"Bauantrag"}"#),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let session = As::Session {
        cookie: cookie.clone(),
        csrf,
    };
    let (status, _, body) = send(
        &f.app,
        request(
            "POST",
            "/api/search",
            &session,
            json_body(r#"{"query":"Bauantrag"}"#),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("bauantrag.md"));
    let (status, headers, _) = send(&f.app, request("POST", "/api/logout", &session, None)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    let (status, _) = me(session).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // a password changed with the CLI ends the sessions opened with the old one
    let again = login(&f, "bernd", "Bauamt-Passwort-1").await.unwrap();
    assert_eq!(me(again.clone()).await.0, StatusCode::OK);
    f.state
        .auth
        .users
        .set_password("bernd", "Neues-Passwort-22")
        .unwrap();
    assert_eq!(me(again).await.0, StatusCode::UNAUTHORIZED);

    // guessing is throttled: after 5 failures even the right password waits
    for _ in 0..5 {
        assert!(login(&f, "bernd", "geraten-geraten").await.is_none());
    }
    let (status, _, body) = send(
        &f.app,
        request(
            "POST",
            "/api/login",
            &As::Nobody,
            json_body(r#"{"name":"bernd","password":"Neues-Passwort-22"}"#),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");

    // a revoked token stops at once
    f.state.auth.tokens.revoke("bauamt-bot").unwrap();
    let (status, _) = me(As::Token(f.bauamt_token.clone())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn writers_change_only_their_collections_and_the_audit_log_says_who() {
    let f = fixture();
    let reader = As::Token(f.bauamt_token.clone());
    let writer = As::Proxy {
        user: "bernd",
        groups: "bauamt",
        from: "10.0.0.1",
    };
    let upload = || {
        multipart(&[
            ("collection", "bauamt", None),
            ("file", "# Neu\n\nEin neues Merkblatt.\n", Some("neu.md")),
        ])
    };
    let (status, _, body) =
        send(&f.app, request("POST", "/api/documents", &reader, upload())).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _, body) =
        send(&f.app, request("POST", "/api/documents", &writer, upload())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let listed: serde_json::Value = serde_json::from_str(
        &send(
            &f.app,
            request("GET", "/api/documents?collection=bauamt", &writer, None),
        )
        .await
        .2,
    )
    .unwrap();
    let new_id = listed["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["source"].as_str().unwrap().ends_with("neu.md"))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, _, _) = send(
        &f.app,
        request("DELETE", &format!("/api/documents/{new_id}"), &reader, None),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, body) = send(
        &f.app,
        request("DELETE", &format!("/api/documents/{new_id}"), &writer, None),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let log = std::fs::read_to_string(f.state.auth.audit.path()).unwrap();
    let lines: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let actions: Vec<&str> = lines
        .iter()
        .map(|l| l["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["upload", "delete"], "{log}");
    assert_eq!(lines[0]["collection"], "bauamt");
    assert_eq!(lines[0]["target"], "neu.md");
    assert_eq!(lines[0]["document"], new_id.as_str());
    assert_eq!(lines[0]["principal"], lines[1]["principal"]);
    assert!(!log.contains("bernd"), "names are pseudonymised: {log}");
}
