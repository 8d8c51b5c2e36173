//! `handlingsplan import`: plain-text plan → `content/<year>/plan.<lang>.md`.

use anyhow::Context;
use handlingsplan::{fs_utils, import};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The plain-text plan to import.
    file: PathBuf,
    /// The plan's year (the folder under `content/`).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1000..=9999))]
    year: u16,
    /// The language of the text, e.g. `sv`.
    #[arg(long, value_parser = super::language_code)]
    lang: String,
    /// Where to write the plan file (default: `<root>/content/<year>/plan.<lang>.md`).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args, root: PathBuf) -> anyhow::Result<ExitCode> {
    let output = args.output.unwrap_or_else(|| {
        root.join("content")
            .join(args.year.to_string())
            .join(format!("plan.{}.md", args.lang))
    });
    let name = args.file.display().to_string();
    // A plan is a few kilobytes: the rule every content file is read by.
    let limit = handlingsplan::sources::MAX_BYTES;
    let bytes = fs_utils::read_limited(&args.file, limit)
        .context("reading the plain-text plan")?
        .ok_or_else(|| anyhow::anyhow!("`{name}` is larger than {} MiB: not a plan", limit >> 20))?;
    let text =
        String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("`{name}` is not UTF-8 text; save it as UTF-8 first"))?;
    let imported = match import::to_markdown(&name, &text) {
        Ok(imported) => imported,
        Err(d) => {
            super::print_diagnostics(&[d]);
            return Ok(ExitCode::FAILURE);
        }
    };
    import::write_plan(&output, &args.lang, &imported.markdown, args.force)?;
    super::print_diagnostics(&imported.warnings);
    super::sayln!("wrote {}", output.display());
    Ok(ExitCode::SUCCESS)
}
