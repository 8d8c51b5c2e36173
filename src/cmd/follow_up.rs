//! `handlingsplan follow-up …`: tools for the follow-up files.

use handlingsplan::pin::{self, PinError, PinOptions};
use handlingsplan::sheet::{self, ImportOptions, Imported, SheetError, SheetOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Write into every follow-up entry which action it was written for
    /// (`text:`, the start of the action's text), adding only what is missing.
    Pin(PinArgs),
    /// Write a workbook for action owners to fill in: a row per action, the
    /// last report's status, progress and note, the site's status words.
    Sheet(SheetArgs),
    /// Read a filled-in sheet (.xlsx, .ods or .csv) into a dated report,
    /// `content/<year>/follow-up/<date>.yaml`; every problem at once, at its cell.
    Import(ImportArgs),
}

#[derive(clap::Args)]
pub struct SheetArgs {
    /// The plan's year.
    #[arg(value_parser = clap::value_parser!(u16).range(1000..=9999))]
    year: u16,
    /// Where to write it (default: follow-up-YEAR.xlsx here).
    #[arg(short, long, value_name = "FILE.xlsx")]
    output: Option<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The filled-in sheet: .xlsx, .ods or .csv (`;` or `,`).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The report's date, instead of the one in the sheet.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// The plan's year, instead of the one in the sheet.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1000..=9999))]
    year: Option<u16>,
    /// Replace a report of the same date.
    #[arg(long)]
    force: bool,
}

#[derive(clap::Args)]
pub struct PinArgs {
    /// Only this year's follow-up file (default: every year's).
    #[arg(value_parser = clap::value_parser!(u16).range(1000..=9999))]
    year: Option<u16>,
}

pub fn run(command: Command, root: PathBuf) -> anyhow::Result<ExitCode> {
    let args = match command {
        Command::Pin(args) => args,
        Command::Sheet(args) => return run_sheet(args, root),
        Command::Import(args) => return run_import(args, root),
    };
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

fn run_sheet(args: SheetArgs, root: PathBuf) -> anyhow::Result<ExitCode> {
    let opts = SheetOptions {
        root,
        year: args.year,
        output: args.output,
        force: args.force,
    };
    finish(sheet::sheet(&opts).map(|path| {
        super::sayln!(
            "wrote {}: a row per action of the {} plan; fill it in and run `handlingsplan follow-up import {}`",
            path.display(),
            opts.year,
            path.display()
        );
    }))
}

fn run_import(args: ImportArgs, root: PathBuf) -> anyhow::Result<ExitCode> {
    let opts = ImportOptions {
        root,
        file: args.file,
        date: args.date,
        year: args.year,
        force: args.force,
    };
    finish(sheet::import(&opts).map(|imported| match imported {
        Imported::Written { file, actions } => {
            super::sayln!(
                "wrote {file}: {} action{} ({})",
                actions.len(),
                if actions.len() == 1 { "" } else { "s" },
                actions.join(", ")
            )
        }
        Imported::Unchanged { since } => match since {
            Some(date) => super::sayln!("every row says what the report of {date} says: nothing written"),
            None => super::sayln!("no row gives a status: nothing written"),
        },
    }))
}

/// Problems in the site or the sheet are listed, then exit 1.
fn finish(result: Result<(), SheetError>) -> anyhow::Result<ExitCode> {
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e @ (SheetError::Content(_) | SheetError::Sheet(_))) => {
            if let SheetError::Content(d) | SheetError::Sheet(d) = &e {
                super::print_diagnostics(d);
            }
            eprintln!("error: {e}");
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}
