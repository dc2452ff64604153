//! The web UI: one HTML page and its stylesheet, script and icon, embedded in the binary so
//! that `lotse serve` needs no files beside it and nothing from outside (no CDN, no web
//! fonts).
//!
//! Every asset carries a strong `ETag` (a hash of its bytes, computed at compile time) and
//! `Cache-Control: no-cache`: browsers keep a copy but ask each time, and get a tiny `304`
//! while the binary is unchanged — so an upgraded server never shows a stale script.
//! The page is served with a strict `Content-Security-Policy` (same origin only, no inline
//! script), since it shows text from uploaded documents.

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// An embedded file.
struct Asset {
    body: &'static [u8],
    content_type: &'static str,
    etag: &'static str,
}

/// FNV-1a, 64 bit: enough to tell versions of an asset apart.
const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

/// `"` + 16 hex digits + `"`, at compile time.
const fn etag_of(bytes: &[u8]) -> [u8; 18] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hash = fnv1a(bytes);
    let mut out = [b'"'; 18];
    let mut i = 0;
    while i < 16 {
        out[1 + i] = HEX[((hash >> (60 - 4 * i)) & 0xf) as usize];
        i += 1;
    }
    out
}

macro_rules! asset {
    ($file:literal, $content_type:literal) => {{
        const BODY: &[u8] = include_bytes!(concat!("../assets/", $file));
        const ETAG_BYTES: [u8; 18] = etag_of(BODY);
        const ETAG: &str = match std::str::from_utf8(&ETAG_BYTES) {
            Ok(s) => s,
            Err(_) => "\"0\"",
        };
        Asset {
            body: BODY,
            content_type: $content_type,
            etag: ETAG,
        }
    }};
}

const INDEX: Asset = asset!("index.html", "text/html; charset=utf-8");

fn named(name: &str) -> Option<Asset> {
    Some(match name {
        "app.css" => asset!("app.css", "text/css; charset=utf-8"),
        "app.js" => asset!("app.js", "text/javascript; charset=utf-8"),
        "favicon.svg" => asset!("favicon.svg", "image/svg+xml"),
        _ => return None,
    })
}

/// What the page may load: its own assets and API only.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; font-src 'self'; frame-ancestors 'none'; \
                   base-uri 'none'; form-action 'none'";

fn respond(asset: &Asset, request: &HeaderMap, page: bool) -> Response {
    let fresh = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == asset.etag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            )],
            asset.body,
        )
            .into_response()
    };
    let headers = response.headers_mut();
    headers.insert(header::ETAG, HeaderValue::from_static(asset.etag));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if page {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    response
}

async fn index(headers: HeaderMap) -> Response {
    respond(&INDEX, &headers, true)
}

async fn asset(Path(name): Path<String>, headers: HeaderMap) -> Response {
    match named(&name) {
        Some(a) => respond(&a, &headers, false),
        None => crate::routes::not_found().await.into_response(),
    }
}

async fn favicon(headers: HeaderMap) -> Response {
    match named("favicon.svg") {
        Some(a) => respond(&a, &headers, false),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `/`, `/assets/{name}` and `/favicon.ico`.
pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/", get(index))
        .route("/assets/{name}", get(asset))
        .route("/favicon.ico", get(favicon))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    async fn get(uri: &str, etag: Option<&str>) -> (StatusCode, HeaderMap, Vec<u8>) {
        let mut request = Request::get(uri);
        if let Some(tag) = etag {
            request = request.header(header::IF_NONE_MATCH, tag);
        }
        let response = router::<()>()
            .oneshot(request.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), 1 << 22)
            .await
            .unwrap();
        (status, headers, body.to_vec())
    }

    #[tokio::test]
    async fn the_page_is_german_html_with_a_strict_policy() {
        let (status, headers, body) = get("/", None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
        assert!(
            headers[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .contains("script-src 'self'")
        );
        let html = String::from_utf8(body).unwrap();
        assert!(html.starts_with("<!doctype html>"), "{html}");
        assert!(html.contains("<html lang=\"de\">"));
        assert!(html.contains("/assets/app.js") && html.contains("/assets/app.css"));
        // offline: nothing is loaded from another host
        assert!(!html.contains("http://") && !html.contains("https://"));
        // no inline script (the policy would block it)
        assert!(!html.contains("<script>"));
    }

    #[tokio::test]
    async fn assets_have_their_content_types_and_revalidate() {
        for (uri, ty) in [
            ("/assets/app.css", "text/css; charset=utf-8"),
            ("/assets/app.js", "text/javascript; charset=utf-8"),
            ("/assets/favicon.svg", "image/svg+xml"),
            ("/favicon.ico", "image/svg+xml"),
        ] {
            let (status, headers, body) = get(uri, None).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert_eq!(headers[header::CONTENT_TYPE], ty, "{uri}");
            assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert!(!body.is_empty());
            let etag = headers[header::ETAG].to_str().unwrap().to_string();
            assert_eq!(etag.len(), 18, "{etag}");
            let (status, _, body) = get(uri, Some(&etag)).await;
            assert_eq!(status, StatusCode::NOT_MODIFIED, "{uri}");
            assert!(body.is_empty());
            let (status, _, _) = get(uri, Some("\"0000000000000000\"")).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
        }
        let (status, _, body) = get("/assets/nothing.js", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(String::from_utf8(body).unwrap().contains("not_found"));
    }

    #[test]
    fn etags_differ_between_assets() {
        let css = named("app.css").unwrap().etag;
        let js = named("app.js").unwrap().etag;
        assert_ne!(css, js);
        assert_ne!(INDEX.etag, css);
    }

    #[test]
    fn the_script_has_no_external_urls() {
        for name in ["app.js", "app.css"] {
            let text = std::str::from_utf8(named(name).unwrap().body).unwrap();
            assert!(
                !text.contains("http://") && !text.contains("https://"),
                "{name}"
            );
        }
    }
}
