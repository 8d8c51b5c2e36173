//! `handlingsplan serve`: preview the site locally, rebuilding on every save.

use handlingsplan::serve::{self, Outcome, ServeEvent, ServeOptions};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

#[derive(clap::Args)]
pub struct Args {
    /// The address to listen on (`0.0.0.0`: every address, for a colleague
    /// on the same network). Only this address is listened on.
    #[arg(
        short = 'i',
        long,
        visible_alias = "interface",
        default_value = "127.0.0.1",
        value_name = "ADDRESS"
    )]
    bind: IpAddr,
    /// The address pages give as theirs (canonical links, link previews),
    /// instead of the server's own.
    #[arg(short = 'u', long, value_name = "URL", value_parser = super::base_url)]
    base_url: Option<String>,
    /// The port (default 1111, or the next free one; 0 for any free port).
    #[arg(short, long)]
    port: Option<u16>,
    /// Show draft plans (on by default in `serve`; `--drafts=false` hides them).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true")]
    drafts: bool,
    /// Open the home page in the default browser.
    #[arg(long)]
    open: bool,
}

pub fn run(args: Args, root: PathBuf) -> anyhow::Result<ExitCode> {
    if !root.join("content").is_dir() {
        anyhow::bail!(
            "there is no site in `{}`: it has no `content/` folder\nhint: start one with `handlingsplan init`, \
             or give the folder that holds `content/` with `-r DIR`",
            root.display()
        );
    }
    let opts = ServeOptions {
        root,
        bind: args.bind,
        port: args.port,
        base_url: super::given(args.base_url),
        drafts: args.drafts,
    };
    let open = args.open;
    let last_warnings = Mutex::new(Vec::<String>::new());
    serve::run(opts, move |event| match event {
        ServeEvent::Listening {
            addr,
            urls,
            wanted_port,
        } => listening(addr, &urls, wanted_port, open),
        ServeEvent::Rebuilt(outcome) => rebuilt(&outcome, &last_warnings),
        ServeEvent::WatchError(e) => eprintln!("warning: file watcher: {e}"),
    })?;
    super::sayln!("stopped");
    Ok(ExitCode::SUCCESS)
}

/// Say where the site is served (and open it if asked).
fn listening(addr: SocketAddr, urls: &[(String, String)], wanted_port: Option<u16>, open: bool) {
    if let Some(wanted) = wanted_port.filter(|&p| p != 0 && p != addr.port()) {
        super::sayln!("port {wanted} is in use; using {} instead", addr.port());
    }
    let list: Vec<String> = urls.iter().map(|(name, url)| format!("{url} ({name})")).collect();
    super::sayln!("serving the site at {}", list.join(" and "));
    if addr.ip().is_unspecified() {
        super::sayln!("listening on every address of this machine: colleagues on its network can open these addresses");
    }
    super::sayln!("watching content/, themes/ and static/ for changes; press Ctrl-C to stop");
    if open
        && let Some((_, url)) = urls.first()
        && let Err(e) = opener::open_browser(url)
    {
        eprintln!("warning: could not open a browser: {e}");
    }
}

/// Report a rebuild: its problems (warnings only when they changed since the
/// last rebuild, held in `last`) and a one-line summary.
fn rebuilt(outcome: &Outcome, last: &Mutex<Vec<String>>) {
    let diags = serve::outcome_diagnostics(outcome);
    let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
    let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
    if matches!(outcome, Outcome::Failed { .. }) || *last != shown {
        super::print_diagnostics(diags);
        *last = shown;
    }
    match outcome {
        Outcome::Built {
            what,
            pages,
            elapsed,
            warnings,
            ..
        } => super::sayln!(
            "rebuilt {what}: {pages} page{} in {} ms{}",
            if *pages == 1 { "" } else { "s" },
            elapsed.as_millis(),
            if warnings.is_empty() {
                String::new()
            } else {
                format!(" ({})", super::count(warnings))
            }
        ),
        Outcome::Failed { diagnostics, elapsed } => super::sayln!(
            "rebuild failed in {} ms with {}; the browser shows the problems",
            elapsed.as_millis(),
            super::count(diagnostics)
        ),
    }
}
