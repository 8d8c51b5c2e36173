//! `handlingsplan import`: plain-text plan → `content/<year>/plan.<lang>.md`.

use anyhow::{Context, bail};
use handlingsplan::{content, fsx, import};
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
    #[arg(long)]
    lang: String,
    /// Where to write the plan file (default: `<root>/content/<year>/plan.<lang>.md`).
    #[arg(long)]
    output: Option<PathBuf>,
    /// The site root, for the default output path.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !content::is_lang_code(&args.lang) {
        bail!(
            "`{}` is not a language code: use a lowercase code such as `sv` or `en`",
            args.lang
        );
    }
    let output = args.output.unwrap_or_else(|| {
        args.root
            .join("content")
            .join(args.year.to_string())
            .join(format!("plan.{}.md", args.lang))
    });
    if output.exists() && !args.force {
        bail!("`{}` already exists; pass --force to replace it", output.display());
    }
    let bytes = fsx::read(&args.file).context("reading the plain-text plan")?;
    let name = args.file.display().to_string();
    let text =
        String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("`{name}` is not UTF-8 text; save it as UTF-8 first"))?;
    let imported = match import::to_markdown(&name, &text) {
        Ok(imported) => imported,
        Err(d) => {
            super::print_diagnostics(&[d]);
            return Ok(ExitCode::FAILURE);
        }
    };
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        fsx::create_dir_all(parent)?;
    }
    fsx::write(&output, imported.markdown.as_bytes())?;
    super::print_diagnostics(&imported.warnings);
    println!("wrote {}", output.display());
    Ok(ExitCode::SUCCESS)
}
