//! One module per subcommand, plus the printing they share.

pub mod build;
pub mod check;
pub mod follow_up;
pub mod import;
pub mod init;
pub mod new;
pub mod serve;
pub mod theme;

use handlingsplan::diagnostics::{self, Diagnostic};
use std::io::IsTerminal;

/// `--lang`: a language code as `site.yaml` writes them.
pub fn language_code(value: &str) -> Result<String, String> {
    match handlingsplan::content::is_lang_code(value) {
        true => Ok(value.to_string()),
        false => Err("not a language code: use a lowercase code such as `sv` or `en`".into()),
    }
}

/// `--base-url`: an absolute http(s) address, by the rule `site.yaml` follows.
pub fn base_url(value: &str) -> Result<String, String> {
    match handlingsplan::content::base_url_problem(value) {
        // Empty (as an unset CI variable often is): not given.
        _ if value.trim().is_empty() => Ok(String::new()),
        None => Ok(value.to_string()),
        Some(problem) => Err(problem.to_string()),
    }
}

/// A `--base-url` (or its variable) that is empty is not given.
pub fn given(base_url: Option<String>) -> Option<String> {
    base_url.filter(|u| !u.trim().is_empty())
}

/// An e-mail address or a web address for `--contact`.
pub fn contact(value: &str) -> Result<String, String> {
    match handlingsplan::content::contact_problem(value) {
        None => Ok(value.to_string()),
        Some(problem) => Err(problem.to_string()),
    }
}

/// On Ctrl-C, SIGTERM (a cancelled CI job) or SIGHUP, let the build stop at
/// its next file: it removes its staging folder and leaves the previous
/// output as it was (see `output::stop`). A second signal ends the process
/// at once (while it waits for another build's turn, say).
pub fn stop_cleanly(cancel: &handlingsplan::output::stop::Cancel) {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        use signal_hook::flag;
        let asked = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            // Without handlers, a stopped build's staging is removed by the next build.
            let _ = flag::register_conditional_shutdown(signal, 128 + signal, asked.clone());
            let _ = flag::register(signal, asked.clone());
            let _ = flag::register_usize(signal, cancel.flag(), signal as usize);
        }
    }
    #[cfg(not(unix))]
    let _ = cancel; // Ctrl-C ends the process; the next build removes the staging folder.
}

/// Write to stdout. A reader that went away (`handlingsplan … | head`)
/// is no error: nothing more is written, the command finishes and keeps
/// its exit code, and nothing panics (as `println!` would).
pub fn say(text: std::fmt::Arguments) {
    use std::io::Write;
    use std::sync::atomic::{AtomicBool, Ordering};
    static GONE: AtomicBool = AtomicBool::new(false);
    if GONE.load(Ordering::Relaxed) {
        return;
    }
    let mut out = std::io::stdout().lock();
    if out.write_fmt(text).and_then(|()| out.flush()).is_err() {
        GONE.store(true, Ordering::Relaxed);
    }
}

/// `println!`, through [`say`].
macro_rules! sayln {
    () => { $crate::cmd::say(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::cmd::say(format_args!("{}\n", format_args!($($arg)*))) };
}
pub(crate) use sayln;

/// The site root given with `-r` (or the current folder), if it is a folder.
pub fn site_root(root: std::path::PathBuf) -> anyhow::Result<std::path::PathBuf> {
    if root.is_dir() {
        return Ok(root);
    }
    anyhow::bail!(
        "the site folder `{}` does not exist\nhint: give the folder that holds `content/` with `-r DIR`, \
         or start a site with `handlingsplan init DIR`",
        root.display()
    )
}

/// Print an error and its causes, once, on stderr.
pub fn print_error(e: &anyhow::Error) {
    let mut text = format!("error: {e}");
    for cause in e.chain().skip(1) {
        text.push_str(&format!("\n  caused by: {cause}"));
    }
    eprintln!("{text}");
}

/// Print diagnostics as rustc-style snippets on stderr, coloured on a terminal.
pub fn print_diagnostics(diags: &[Diagnostic]) {
    if diags.is_empty() {
        return;
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", diagnostics::human(diags, color));
}

/// `2 errors, 1 warning`.
pub fn count(diags: &[Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.iter().filter(|d| d.is_warning()).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}
