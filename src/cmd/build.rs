//! `handlingsplan build`: write the site into an output folder.

use handlingsplan::output::OutputError;
use handlingsplan::output::stop::Cancel;
use handlingsplan::pipeline::{self, BuildError, BuildOptions};
use handlingsplan::render::LinkStyle;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Where to write the site (default: `public/` in the site root). Only a
    /// new or empty folder, or an earlier build's output, is replaced.
    #[arg(short, long, visible_alias = "output-dir", value_name = "DIR")]
    output: Option<PathBuf>,
    /// Replaces `base_url` from `content/site.yaml` (for CI: the address the
    /// site is published at).
    #[arg(short = 'u', long, value_name = "URL", env = "HANDLINGSPLAN_BASE_URL", value_parser = super::base_url)]
    base_url: Option<String>,
    /// Include plans marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Also name `index.html` in links, so the site works when opened from
    /// disk without a web server (links are relative to each page either way).
    #[arg(long)]
    offline: bool,
    /// After the build, delete the share cards in `.handlingsplan-cache/`
    /// that it did not use (in CI, before the cache is saved).
    #[arg(long)]
    prune_cache: bool,
}

pub fn run(args: Args, root: PathBuf) -> anyhow::Result<ExitCode> {
    let cancel = Cancel::new();
    super::stop_cleanly(&cancel);
    let output = args.output.unwrap_or_else(|| root.join("public"));
    let opts = BuildOptions {
        root,
        output: output.clone(),
        base_url: super::given(args.base_url),
        drafts: args.drafts,
        links: if args.offline {
            LinkStyle::Offline
        } else {
            LinkStyle::Relative
        },
        prune_cache: args.prune_cache,
        cancel,
        // A long archive's reports are read year by year as they are
        // rendered, not all held at once.
        keep_follow_up: handlingsplan::content::KEEP_ENTRIES,
    };
    match pipeline::build(&opts) {
        Ok(report) => {
            super::print_diagnostics(&report.warnings);
            super::sayln!(
                "built {} pages in {} language{} ({} plan{}, {} files) into {} in {} ms",
                report.stats.pages,
                report.languages,
                if report.languages == 1 { "" } else { "s" },
                report.plans,
                if report.plans == 1 { "" } else { "s" },
                report.stats.files,
                output.display(),
                report.elapsed.as_millis()
            );
            if args.prune_cache || report.pruned > 0 {
                super::sayln!("pruned {} unused file(s) from the card cache", report.pruned);
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(BuildError::Stopped(signal)) => {
            eprintln!("stopped: nothing was changed");
            Ok(ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)))
        }
        Err(BuildError::Diagnostics(diags)) => {
            super::print_diagnostics(&diags);
            eprintln!("error: build failed with {}; nothing was written", super::count(&diags));
            Ok(ExitCode::FAILURE)
        }
        // A refused output folder is the whole message: what, why and what to do.
        Err(BuildError::Output(e @ OutputError::Refused { .. })) => Err(e.into()),
        Err(e) => Err(anyhow::Error::new(e).context("building the site")),
    }
}
