//! The HTTP side of `serve`: static files from the build folder (tower-http's
//! `ServeDir`), the live-reload event stream, and the script and overlay
//! inserted into every HTML response.

use super::overlay::{self, EVENTS_PATH, SCRIPT, SCRIPT_PATH};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::convert::Infallible;
use std::path::Path;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;
use tower_http::services::{ServeDir, ServeFile};

/// A message to open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// Reload the page.
    Reload,
    /// Swap the stylesheets.
    Css,
    /// Show this overlay.
    Problems(String),
}

/// What the handlers share.
#[derive(Clone)]
pub struct Shared {
    /// The overlay to show on every page, while the last rebuild has failed.
    pub overlay: Arc<RwLock<Option<String>>>,
    pub signals: broadcast::Sender<Signal>,
}

pub fn router(out: &Path, shared: Shared) -> Router {
    let files = ServeDir::new(out)
        .append_index_html_on_directories(true)
        .not_found_service(ServeFile::new(out.join("404.html")));
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(script))
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(shared.clone(), decorate))
        .layer(middleware::from_fn(refuse_traversal))
        .with_state(shared)
}

/// Requests whose path tries to leave the site are refused outright, before
/// they reach the file server (which refuses them too).
async fn refuse_traversal(req: Request, next: Next) -> Response {
    if is_traversal(req.uri().path()) {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    }
    next.run(req).await
}

/// Does a request path (still percent-encoded) try to escape the site?
pub fn is_traversal(path: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    decoded.contains('\\')
        || decoded.contains('\0')
        || decoded.split('/').any(|seg| seg == ".." || seg == ".")
        || decoded.starts_with("//")
}

/// Add the live-reload script (and the overlay, after a failed rebuild) to
/// HTML responses; ask browsers not to cache anything.
async fn decorate(State(shared): State<Shared>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "could not read page").into_response();
    };
    let mut extra = overlay::script_tag();
    if let Some(overlay) = shared.overlay.read().unwrap_or_else(|e| e.into_inner()).as_deref() {
        extra.push_str(overlay);
    }
    let html = overlay::inject(&String::from_utf8_lossy(&bytes), &extra);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(html))
}

async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SCRIPT)
}

async fn events(State(shared): State<Shared>) -> impl IntoResponse {
    let stream = BroadcastStream::new(shared.signals.subscribe()).filter_map(|signal| {
        let event = match signal.ok()? {
            Signal::Reload => Event::default().event("reload").data("reload"),
            Signal::Css => Event::default().event("css").data("css"),
            Signal::Problems(html) => Event::default().event("problems").data(html),
        };
        Some(Ok::<_, Infallible>(event))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_attempts_are_recognised() {
        let cases = [
            ("/2022/", false),
            ("/en/2022/innovation/", false),
            ("/static/style.css", false),
            ("/a%20b/", false),
            ("/../Cargo.toml", true),
            ("/%2e%2e/Cargo.toml", true),
            ("/%2E%2E/Cargo.toml", true),
            ("/..%2fCargo.toml", true),
            ("/2022/..%5c..%5cCargo.toml", true),
            ("/2022\\..\\x", true),
            ("//etc/passwd", true),
            ("/./x", true),
            ("/x%00", true),
        ];
        for (path, want) in cases {
            assert_eq!(is_traversal(path), want, "{path}");
        }
    }
}
