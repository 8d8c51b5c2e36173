//! `handlingsplan check`: report every problem of the site without writing anything.

use handlingsplan::check::{self, CheckOptions};
use handlingsplan::diagnostics::{self, Format};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, clap::ValueEnum)]
enum OutputFormat {
    /// rustc-style messages with source snippets.
    Human,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// A JSON array of {severity, file, line, col, end_line, end_col, code, message, hint}.
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// How to report problems.
    #[arg(long, value_enum, default_value = "human")]
    format: OutputFormat,
    /// Fail on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Replaces `base_url` from `content/site.yaml`, as in `build`.
    #[arg(short = 'u', long, value_name = "URL", env = "HANDLINGSPLAN_BASE_URL", value_parser = super::base_url)]
    base_url: Option<String>,
}

pub fn run(args: Args, root: PathBuf) -> anyhow::Result<ExitCode> {
    let checked = check::check(&CheckOptions {
        root: root.clone(),
        base_url: super::given(args.base_url),
    });
    let mut diags = checked.diagnostics;
    let format = match args.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Github => Format::Github,
        OutputFormat::Json => Format::Json,
    };
    match format {
        Format::Human => {
            super::print_diagnostics(&diags);
            // What a build would publish; a build with errors publishes nothing.
            if let Some(publication) = checked.publication.filter(|_| !diagnostics::has_errors(&diags)) {
                eprintln!("check: {}", publication.summary());
            }
            if diags.is_empty() {
                eprintln!("check: no problems found");
            } else {
                eprintln!("check: {}", super::count(&diags));
            }
        }
        Format::Github => {
            // Annotations name files from the repository root, the folder
            // the workflow runs in; a site in a sub-folder prefixes it.
            if root.is_relative() && root != Path::new(".") {
                let prefix = root.to_string_lossy().replace('\\', "/");
                let prefix = prefix.trim_start_matches("./").trim_end_matches('/');
                for d in &mut diags {
                    d.file = format!("{prefix}/{}", d.file);
                }
            }
            super::say(format_args!("{}", diagnostics::github(&diags)))
        }
        Format::Json => super::say(format_args!("{}", diagnostics::json(&diags))),
    }
    let failed = diagnostics::has_errors(&diags) || (args.deny_warnings && diags.iter().any(|d| d.is_warning()));
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
