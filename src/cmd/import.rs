//! `handlingsplan import`: the plan as written — a Word or LibreOffice
//! document (`.docx`, `.odt`) or plain text — → `content/<year>/plan.<lang>.md`.

use anyhow::Context;
use handlingsplan::diagnostics::Diagnostic;
use handlingsplan::import::{self, Outline};
use handlingsplan::{fs_utils, sources};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  handlingsplan import handlingsplan-2023.docx --year 2023 --lang sv\n  \
    handlingsplan import plan.odt --year 2023 --lang en --strict\n  \
    handlingsplan import plan.txt --year 2023 --lang sv"
)]
pub struct Args {
    /// The plan to import: a Word document (.docx), an OpenDocument text (.odt), or plain text.
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
    /// Write nothing if anything could not be placed (a table, an image, an unexpected heading).
    #[arg(long)]
    strict: bool,
}

pub fn run(args: Args, root: PathBuf) -> anyhow::Result<ExitCode> {
    let output = args.output.clone().unwrap_or_else(|| {
        root.join("content")
            .join(args.year.to_string())
            .join(format!("plan.{}.md", args.lang))
    });
    let name = args.file.display().to_string();
    let found = match import::word::is_document(&args.file) {
        true => import::word::read(&args.file, &name),
        false => import::text::outline(&name, &read_text(&args.file, &name)?),
    };
    let (outline, mut diags): (Outline, Vec<Diagnostic>) = match found {
        Ok(found) => found,
        Err(d) => {
            super::print_diagnostics(&[d]);
            return Ok(ExitCode::FAILURE);
        }
    };
    let other = import::other_plan(&output, &args.lang);
    let (markdown, notes) = import::to_plan(&name, &outline, other.as_ref());
    diags.extend(notes);
    super::print_diagnostics(&diags);
    if args.strict && diags.iter().any(Diagnostic::is_warning) {
        eprintln!("error: nothing was written: --strict refuses a plan with warnings");
        return Ok(ExitCode::FAILURE);
    }
    import::write_plan(&output, &args.lang, &markdown, args.force)?;
    super::sayln!("wrote {}", output.display());
    Ok(ExitCode::SUCCESS)
}

/// The plain-text plan, read by the rule every content file is read by.
fn read_text(path: &Path, name: &str) -> anyhow::Result<String> {
    let limit = sources::MAX_BYTES;
    let bytes = fs_utils::read_limited(path, limit)
        .context("reading the plain-text plan")?
        .ok_or_else(|| anyhow::anyhow!("`{name}` is larger than {} MiB: not a plan", limit >> 20))?;
    if bytes.starts_with(b"PK\x03\x04") {
        anyhow::bail!("`{name}` is a zip package, not text: if it is a Word document, name it `.docx` (or `.odt`)");
    }
    String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("`{name}` is not UTF-8 text; save it as UTF-8 first"))
}
