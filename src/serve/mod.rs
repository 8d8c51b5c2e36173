//! `serve`: build the site into a temporary folder, serve it on localhost,
//! watch `content/` and `themes/`, rebuild what a change needs and tell open
//! pages to reload (or show the problems).
//!
//! This module only orchestrates: reading content, rendering and writing are
//! the other modules' work. It reports what happens through a callback; the
//! command line prints.

pub mod browser;
pub mod classify;
mod http;
mod rebuild;

pub use http::is_traversal;
pub use rebuild::{Outcome, SiteState};

use crate::diagnostics::{Diagnostic, Severity};
use crate::fs_utils;
use crate::pipeline::LoadOptions;
use classify::{Change, classify, is_relevant};
use http::{Shared, Signal};
use notify::RecursiveMode;
use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, mpsc};
use std::time::Duration;
use tokio::sync::broadcast;

/// The port `serve` uses unless told otherwise.
pub const DEFAULT_PORT: u16 = 1111;

/// Options of `handlingsplan serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// `None`: the default port, or the next free one. `Some(0)`: any free port.
    pub port: Option<u16>,
    /// Show draft plans (`serve` always does unless told otherwise).
    pub drafts: bool,
    /// The address the pages give as theirs (`-u`); else the server's own.
    pub base_url: Option<String>,
}

/// What happened, for the command line to print.
#[derive(Debug)]
pub enum ServeEvent {
    /// The server is up. `urls` are the home pages, per language name.
    Listening {
        addr: SocketAddr,
        urls: Vec<(String, String)>,
        wanted_port: Option<u16>,
    },
    Rebuilt(Outcome),
    /// The file watcher reported a problem (it keeps going).
    WatchError(String),
}

/// Why `serve` could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// Its cause is printed once, after it.
    #[error("could not listen on {addr}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("could not watch `{path}` for changes: {source}")]
    Watch { path: String, source: notify::Error },
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Fs(#[from] fs_utils::FsError),
}

type Report = Arc<dyn Fn(ServeEvent) + Send + Sync>;

/// Run the server until Ctrl-C.
pub fn run(opts: ServeOptions, report: impl Fn(ServeEvent) + Send + Sync + 'static) -> Result<(), ServeError> {
    let report: Report = Arc::new(report);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(serve(opts, report))
}

async fn serve(opts: ServeOptions, report: Report) -> Result<(), ServeError> {
    // Listen for the stop signals before anything is made: a Ctrl-C in the
    // first moment must still remove the temporary folder.
    let signals = StopSignals::listen();
    let (listener, addr) = bind(opts.bind, opts.port).await?;
    // Drafts are served from here: readable by this user only.
    let out = private_tempdir()?;
    let host = http::public_host(addr.ip(), http::network_address(addr.ip()));
    let base_url = format!("http://{host}:{}", addr.port());
    let load = LoadOptions {
        drafts: opts.drafts,
        base_url: Some(opts.base_url.clone().unwrap_or_else(|| base_url.clone())),
        translation_severity: Severity::Warning,
        ..LoadOptions::new(&opts.root)
    };
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let shared = Shared {
        overlay: Arc::new(RwLock::new(None)),
        signals: broadcast::channel(16).0,
        hosts: Arc::new(http::allowed_hosts(addr.ip(), http::machine_name().as_deref())),
        out: Arc::new(out.path().to_path_buf()),
        stop: stop_rx,
        streams: Arc::default(),
    };
    // Watch before the first build, so that no save is missed.
    let watching = Watching::start(&opts.root, &report)?;
    let mut state = SiteState::new(load, out.path().to_path_buf());
    let first = state.full();
    publish(&shared, &first);
    let urls = home_urls(&opts.root, &base_url);
    report(ServeEvent::Listening {
        addr,
        urls,
        wanted_port: opts.port.or(Some(DEFAULT_PORT)),
    });
    report(ServeEvent::Rebuilt(first));
    let watcher = watching.spawn_rebuilds(state, shared.clone(), report.clone());
    let app = http::router(out.path(), shared);
    let folder = out.path().to_path_buf();
    let stopping = async move {
        let mut signals = signals;
        signals.next().await;
        // Live-reload streams never end by themselves: end them, so that
        // the server can stop while a browser tab is open.
        let _ = stop_tx.send(true);
        // A second signal, or a connection that will not close: stop now.
        tokio::spawn(async move {
            tokio::select! {
                _ = signals.next() => {}
                _ = tokio::time::sleep(std::time::Duration::from_secs(3)) => {}
            }
            let _ = std::fs::remove_dir_all(&folder);
            std::process::exit(130);
        });
    };
    axum::serve(listener, app).with_graceful_shutdown(stopping).await?;
    drop(watcher);
    Ok(())
}

/// A folder for the built site that only this user can read, removed when dropped.
fn private_tempdir() -> std::io::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("handlingsplan-serve-");
    #[cfg(unix)]
    let private = <std::fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o700);
    #[cfg(unix)]
    builder.permissions(private);
    builder.tempdir()
}

/// Ctrl-C (or, on Unix, SIGTERM or SIGHUP: a closed terminal), listened
/// for from the moment this is made, so that the server stops cleanly and
/// its temporary folder is removed however early the signal comes.
struct StopSignals {
    #[cfg(unix)]
    kinds: [Option<tokio::signal::unix::Signal>; 3],
}

impl StopSignals {
    fn listen() -> StopSignals {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let listen = |kind| signal(kind).ok();
            StopSignals {
                kinds: [
                    listen(SignalKind::interrupt()),
                    listen(SignalKind::terminate()),
                    listen(SignalKind::hangup()),
                ],
            }
        }
        #[cfg(not(unix))]
        StopSignals {}
    }

    /// The next stop signal.
    async fn next(&mut self) {
        #[cfg(unix)]
        {
            async fn one(signal: &mut Option<tokio::signal::unix::Signal>) {
                match signal {
                    Some(s) => {
                        s.recv().await;
                    }
                    None => std::future::pending().await,
                }
            }
            let [int, term, hup] = &mut self.kinds;
            tokio::select! {
                _ = one(int) => {}
                _ = one(term) => {}
                _ = one(hup) => {}
            }
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Listen on `ip:port`; without an explicit port, on the first free port
/// from [`DEFAULT_PORT`] on.
async fn bind(ip: IpAddr, port: Option<u16>) -> Result<(tokio::net::TcpListener, SocketAddr), ServeError> {
    let candidates: Vec<u16> = match port {
        Some(p) => vec![p],
        None => (DEFAULT_PORT..DEFAULT_PORT + 20).collect(),
    };
    let mut last = None;
    for p in candidates {
        let addr = SocketAddr::new(ip, p);
        match tokio::net::TcpListener::bind(addr).await {
            Ok(l) => {
                let addr = l.local_addr()?;
                return Ok((l, addr));
            }
            Err(source) => last = Some(ServeError::Bind { addr, source }),
        }
    }
    Err(last.expect("at least one port was tried"))
}

/// The home page of every language, by language name (the URLs are printed
/// even when the first build failed).
fn home_urls(root: &Path, base_url: &str) -> Vec<(String, String)> {
    crate::pipeline::home_urls(root, base_url).unwrap_or_else(|| vec![(String::new(), format!("{base_url}/"))])
}

/// Tell open pages about a rebuild, and keep the overlay for pages loaded later.
fn publish(shared: &Shared, outcome: &Outcome) {
    let mut overlay = shared.overlay.write().unwrap_or_else(|e| e.into_inner());
    let signal = match outcome {
        Outcome::Built { css_only: true, .. } if overlay.is_none() => Signal::Css,
        Outcome::Built { .. } => {
            *overlay = None;
            Signal::Reload
        }
        Outcome::Failed { diagnostics, .. } => {
            let html = browser::overlay(diagnostics);
            *overlay = Some(html.clone());
            Signal::Problems(html)
        }
    };
    let _ = shared.signals.send(signal);
}

/// The file watcher and the changes it reports.
struct Watching {
    root: PathBuf,
    debouncer: Debouncer,
    changes: mpsc::Receiver<Vec<PathBuf>>,
    watched: BTreeSet<PathBuf>,
}

impl Watching {
    fn start(root: &Path, report: &Report) -> Result<Watching, ServeError> {
        let root = fs_utils::canonicalize(root)?;
        let (tx, changes) = mpsc::channel::<Vec<PathBuf>>();
        let watch_report = report.clone();
        let handler = move |result: notify_debouncer_full::DebounceEventResult| match result {
            Ok(events) => {
                let paths: Vec<PathBuf> = events
                    .into_iter()
                    .filter(|e| is_relevant(&e.kind))
                    .flat_map(|e| e.event.paths)
                    .collect();
                if !paths.is_empty() {
                    let _ = tx.send(paths);
                }
            }
            Err(errors) => errors
                .iter()
                .for_each(|e| watch_report(ServeEvent::WatchError(e.to_string()))),
        };
        let watch_error = |source| ServeError::Watch {
            path: root.display().to_string(),
            source,
        };
        let mut debouncer =
            notify_debouncer_full::new_debouncer(Duration::from_millis(15), None, handler).map_err(watch_error)?;
        // The root itself, not recursively: to see `content/` or `themes/` appear.
        debouncer
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(watch_error)?;
        let mut watching = Watching {
            root,
            debouncer,
            changes,
            watched: BTreeSet::new(),
        };
        watching.watch_folders(report);
        Ok(watching)
    }

    /// Rebuild on every batch of changes, on a thread of its own.
    fn spawn_rebuilds(mut self, mut state: SiteState, shared: Shared, report: Report) -> std::thread::JoinHandle<()> {
        std::thread::spawn(move || {
            // A rebuild's share cards, drawn after its pages are announced;
            // only a failure is announced again.
            let draw_cards = |state: &mut SiteState| {
                if let Some(failed) = state.draw_cards() {
                    publish(&shared, &failed);
                    report(ServeEvent::Rebuilt(failed));
                }
            };
            // The first build's, while the site is already served.
            draw_cards(&mut state);
            while let Ok(mut paths) = self.changes.recv() {
                // Take everything that is already waiting (the debouncer has
                // waited for the burst of saves to end): one rebuild per burst.
                while let Ok(more) = self.changes.try_recv() {
                    paths.extend(more);
                }
                self.watch_folders(&report);
                let theme = state.theme_name().unwrap_or("default").to_string();
                let changes: BTreeSet<Change> = paths
                    .iter()
                    .filter_map(|p| p.strip_prefix(&self.root).ok())
                    .filter_map(|rel| classify(&fs_utils::display_rel(Path::new(""), rel), &theme))
                    .collect();
                if changes.is_empty() {
                    continue;
                }
                let outcome = state.apply(&changes);
                publish(&shared, &outcome);
                report(ServeEvent::Rebuilt(outcome));
                draw_cards(&mut state);
            }
        })
    }

    /// Watch `content/`, `themes/` and `static/` recursively once they
    /// exist (a theme folder may appear while serving).
    fn watch_folders(&mut self, report: &Report) {
        for name in ["content", "themes", crate::content::root_files::FOLDER] {
            let dir = self.root.join(name);
            if !dir.is_dir() {
                self.watched.remove(&dir);
            } else if !self.watched.contains(&dir) {
                match self.debouncer.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(dir);
                    }
                    Err(e) => report(ServeEvent::WatchError(format!(
                        "could not watch `{}`: {e}",
                        dir.display()
                    ))),
                }
            }
        }
    }
}

type Debouncer = notify_debouncer_full::Debouncer<notify::RecommendedWatcher, notify_debouncer_full::RecommendedCache>;

/// Warnings and errors of an outcome, for printing.
pub fn outcome_diagnostics(outcome: &Outcome) -> &[Diagnostic] {
    match outcome {
        Outcome::Built { warnings, .. } => warnings,
        Outcome::Failed { diagnostics, .. } => diagnostics,
    }
}
