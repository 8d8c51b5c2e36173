//! `handlingsplan follow-up …`: tools for the follow-up files.

use handlingsplan::pin::{self, PinError, PinOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Write into every follow-up entry which action it was written for
    /// (`text:`, the start of the action's text), adding only what is missing.
    Pin(PinArgs),
}

#[derive(clap::Args)]
pub struct PinArgs {
    /// Only this year's follow-up file (default: every year's).
    #[arg(value_parser = clap::value_parser!(u16).range(1000..=9999))]
    year: Option<u16>,
}

pub fn run(command: Command, root: PathBuf) -> anyhow::Result<ExitCode> {
    let Command::Pin(args) = command;
    match pin::pin(&PinOptions { root, year: args.year }) {
        Ok(files) => {
            for (file, keys) in &files {
                match keys.len() {
                    0 => super::sayln!("{file}: every entry already says which action it is for"),
                    n => super::sayln!(
                        "{file}: pinned {n} entr{} ({})",
                        if n == 1 { "y" } else { "ies" },
                        keys.join(", ")
                    ),
                }
            }
            if files.is_empty() {
                super::sayln!("no follow-up files to pin");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(PinError::Content(diags)) => {
            super::print_diagnostics(&diags);
            eprintln!("error: {}", PinError::Content(Vec::new()));
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}
