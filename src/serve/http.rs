//! The HTTP side of `serve`: static files from the build folder (tower-http's
//! `ServeDir`), the live-reload event stream, and the script and overlay
//! inserted into every HTML response.

use super::browser::{self, EVENTS_PATH, SCRIPT, SCRIPT_PATH};
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
use tokio_stream::wrappers::{BroadcastStream, WatchStream};
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
    /// The `Host` headers a request may carry (see [`host_allowed`]).
    pub hosts: Arc<Vec<String>>,
    /// The folder the site is served from.
    pub out: Arc<std::path::PathBuf>,
    /// Becomes `true` when the server is asked to stop: the event streams end.
    pub stop: tokio::sync::watch::Receiver<bool>,
    /// How many event streams are open (at most [`MAX_STREAMS`]).
    pub streams: Arc<std::sync::atomic::AtomicUsize>,
}

/// The most live-reload streams open at once: each holds a connection and
/// a file descriptor, and a rebuild needs descriptors of its own.
pub const MAX_STREAMS: usize = 64;

/// One open event stream, counted while it lives.
struct StreamSlot(Arc<std::sync::atomic::AtomicUsize>);

impl StreamSlot {
    fn take(count: &Arc<std::sync::atomic::AtomicUsize>) -> Option<StreamSlot> {
        use std::sync::atomic::Ordering;
        let taken = count.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
            (n < MAX_STREAMS).then_some(n + 1)
        });
        taken.is_ok().then(|| StreamSlot(count.clone()))
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
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
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared)
}

/// Before a request reaches the file server: a page of another site
/// (DNS rebinding) may not read this one, a path that tries to leave the
/// site is refused, and a path no file can have is simply not found.
async fn guard(State(shared): State<Shared>, req: Request, next: Next) -> Response {
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    if !host_allowed(host, &shared.hosts) {
        return (StatusCode::FORBIDDEN, "this server answers only requests for localhost").into_response();
    }
    let path = req.uri().path();
    if is_traversal(path) {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    }
    let is_file = |rel: &str| shared.out.join(rel).is_file();
    if !can_be_a_page(path, is_file) {
        let page = crate::fs_utils::read(&shared.out.join("404.html")).unwrap_or_default();
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            page,
        )
            .into_response();
    }
    next.run(req).await
}

/// May a request with this `Host` header be answered? Only one for this
/// machine (`localhost`, `127.0.0.1`, `[::1]`, or one of `allowed`, with or
/// without the port): a page of another site whose name was made to point
/// here (DNS rebinding) sends its own name. A request without one (HTTP/1.0)
/// cannot come from such a page.
pub fn host_allowed(host: Option<&str>, allowed: &[String]) -> bool {
    let Some(host) = host else { return true };
    if allowed.iter().any(|a| a == "*") {
        return true;
    }
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !name.ends_with(':') => name,
        _ => host,
    };
    let name = name.to_ascii_lowercase();
    let is_address = name.parse::<std::net::Ipv4Addr>().is_ok()
        || (name.strip_prefix('[').and_then(|n| n.strip_suffix(']')))
            .is_some_and(|n| n.parse::<std::net::Ipv6Addr>().is_ok());
    ["localhost", "127.0.0.1", "[::1]"].contains(&name.as_str())
        || allowed.contains(&name)
        || (is_address && allowed.iter().any(|a| a == ANY_ADDRESS))
}

/// In [`allowed_hosts`]: any address (never a name, which a stranger's
/// domain could be made to resolve to).
const ANY_ADDRESS: &str = "*address";

/// The `Host` names a server bound to `ip` answers besides `localhost`: its
/// own address; or, when it listens on every address (`0.0.0.0`, `::`, to
/// be reached from other machines), any address and the machine's own name
/// (`machine`, `machine.local`). Another name is refused: a web page could
/// otherwise reach the preview through a domain it made resolve here.
pub fn allowed_hosts(ip: std::net::IpAddr, machine: Option<&str>) -> Vec<String> {
    match ip {
        ip if ip.is_unspecified() => {
            let names = machine.map(str::to_ascii_lowercase).filter(|m| !m.is_empty());
            let names = names.into_iter().flat_map(|m| [format!("{m}.local"), m]);
            std::iter::once(ANY_ADDRESS.to_string()).chain(names).collect()
        }
        std::net::IpAddr::V6(v6) => vec![format!("[{v6}]")],
        std::net::IpAddr::V4(v4) => vec![v4.to_string()],
    }
}

/// The host to give in addresses for a server bound to `bind`: that
/// address; or, bound to every address, the one others on the network reach
/// this machine at (`network`), so that no page or printed address says
/// `0.0.0.0`; `localhost` when the machine has no network.
pub fn public_host(bind: std::net::IpAddr, network: Option<std::net::IpAddr>) -> String {
    let ip = match bind.is_unspecified() {
        true => match network {
            Some(ip) => ip,
            None => return "localhost".into(),
        },
        false => bind,
    };
    match ip {
        std::net::IpAddr::V6(v6) => format!("[{v6}]"),
        std::net::IpAddr::V4(v4) => v4.to_string(),
    }
}

/// The address this machine's network traffic leaves from (of `bind`'s
/// family), when `bind` is every address: a UDP socket "connected" to a
/// documentation address (RFC 5737, 3849) sends nothing, but the system
/// picks the route's source address.
pub fn network_address(bind: std::net::IpAddr) -> Option<std::net::IpAddr> {
    if !bind.is_unspecified() {
        return None;
    }
    let (local, remote) = match bind {
        std::net::IpAddr::V4(_) => ("0.0.0.0:0", "192.0.2.1:9"),
        std::net::IpAddr::V6(_) => ("[::]:0", "[2001:db8::1]:9"),
    };
    let socket = std::net::UdpSocket::bind(local).ok()?;
    socket.connect(remote).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified()).then_some(ip)
}

/// This machine's name, as other machines on its network may call it.
pub fn machine_name() -> Option<String> {
    #[cfg(unix)]
    {
        let uname = rustix::system::uname();
        let name = uname.nodename().to_string_lossy();
        Some(name.split('.').next().unwrap_or_default().to_string())
    }
    #[cfg(not(unix))]
    std::env::var("COMPUTERNAME").ok()
}

/// Could `path` (still percent-encoded) name a page or file of the site?
/// Not with a segment longer than a file name can be, nor with a `/` after
/// a file's name (`/2022/index.html/`).
pub fn can_be_a_page(path: &str, is_file: impl Fn(&str) -> bool) -> bool {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    if decoded.split('/').any(|segment| segment.len() > 255) {
        return false;
    }
    match decoded.strip_suffix('/') {
        Some(rel) if !rel.is_empty() => !is_file(rel.trim_start_matches('/')),
        _ => true,
    }
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
    let head = req.method() == axum::http::Method::HEAD;
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
    let mut extra = browser::script_tag();
    if let Some(overlay) = shared.overlay.read().unwrap_or_else(|e| e.into_inner()).as_deref() {
        extra.push_str(overlay);
    }
    if head {
        // No body to add to: say how long the page a GET receives is.
        let length = response
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
        if let Some(length) = length {
            response
                .headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(length + extra.len()));
        }
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "could not read page").into_response();
    };
    let html = browser::inject(&String::from_utf8_lossy(&bytes), &extra);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(html))
}

async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SCRIPT)
}

/// The live-reload stream: the rebuilds' signals until the server stops;
/// `503` when [`MAX_STREAMS`] are open already (the page then reloads by hand).
async fn events(State(shared): State<Shared>) -> Response {
    let Some(slot) = StreamSlot::take(&shared.streams) else {
        return (StatusCode::SERVICE_UNAVAILABLE, "too many live-reload connections").into_response();
    };
    let signals = BroadcastStream::new(shared.signals.subscribe()).map(Some);
    let stopped = WatchStream::new(shared.stop.clone()).filter(|&stop| stop).map(|_| None);
    let stream = signals
        .merge(stopped)
        .take_while(Option::is_some)
        .filter_map(move |signal| {
            let _held = &slot;
            let event = match signal?.ok()? {
                Signal::Reload => Event::default().event("reload").data("reload"),
                Signal::Css => Event::default().event("css").data("css"),
                Signal::Problems(html) => Event::default().event("problems").data(html),
            };
            Some(Ok::<_, Infallible>(event))
        });
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_requests_for_this_machine_are_answered() {
        let local = allowed_hosts("127.0.0.1".parse().unwrap(), Some("my-laptop"));
        let cases = [
            (Some("127.0.0.1:1111"), true),
            (Some("localhost:1111"), true),
            (Some("LOCALHOST"), true),
            (Some("[::1]:1111"), true),
            (None, true),
            (Some("evil.example:1111"), false),
            (Some("127.0.0.1.evil.example"), false),
            (Some("localhost.evil.example:80"), false),
            (Some("192.168.1.5:1111"), false),
            (Some(""), false),
        ];
        for (host, want) in cases {
            assert_eq!(host_allowed(host, &local), want, "{host:?}");
        }
        let lan = allowed_hosts("192.168.1.5".parse().unwrap(), Some("my-laptop"));
        assert!(host_allowed(Some("192.168.1.5:1111"), &lan));
        assert!(!host_allowed(Some("evil.example"), &lan));
        let everywhere = allowed_hosts("0.0.0.0".parse().unwrap(), Some("My-Laptop"));
        let ip = |s: &str| -> std::net::IpAddr { s.parse().unwrap() };
        let cases = [
            (ip("127.0.0.1"), None, "127.0.0.1"),
            (ip("::1"), None, "[::1]"),
            (ip("0.0.0.0"), Some(ip("192.168.1.20")), "192.168.1.20"),
            (ip("::"), Some(ip("fd00::5")), "[fd00::5]"),
            (ip("0.0.0.0"), None, "localhost"),
        ];
        for (bind, network, want) in cases {
            assert_eq!(public_host(bind, network), want, "{bind}");
        }
        for (host, want) in [
            ("my-laptop.local:1111", true),
            ("MY-LAPTOP:1111", true),
            ("192.168.1.5:1111", true),
            ("[fe80::1]:1111", true),
            ("10.0.0.7", true),
            ("evil.example:1111", false),
            ("my-laptop.evil.example", false),
            ("rebind.attacker.test", false),
        ] {
            assert_eq!(host_allowed(Some(host), &everywhere), want, "{host}");
        }
        let v6 = allowed_hosts("::1".parse().unwrap(), None);
        assert!(host_allowed(Some("[::1]:8080"), &v6));
    }

    #[test]
    fn paths_no_file_can_have_are_not_pages() {
        let files = ["2022/index.html", "2022/rapport.pdf"];
        let is_file = |rel: &str| files.contains(&rel);
        let long = format!("/{}/", "a".repeat(256));
        let cases = [
            ("/2022/", true),
            ("/", true),
            ("/2022/index.html", true),
            ("/2022/index.html/", false),
            ("/2022/rapport.pdf/", false),
            ("/2022/rapport%2Epdf/", false),
            (long.as_str(), false),
            ("/2022/skola/", true),
        ];
        for (path, want) in cases {
            assert_eq!(can_be_a_page(path, is_file), want, "{path}");
        }
    }

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
