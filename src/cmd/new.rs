//! `handlingsplan new`: start next year's plan from this year's.

use handlingsplan::scaffold::{self, NewError, NewOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The year of the new plan.
    #[arg(value_parser = clap::value_parser!(u16).range(1000..=9999))]
    year: u16,
    /// The year to start from (default: the latest).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1000..=9999))]
    from: Option<u16>,
}

pub fn run(args: Args, root: PathBuf) -> anyhow::Result<ExitCode> {
    let opts = NewOptions {
        root,
        year: args.year,
        from: args.from,
    };
    match scaffold::new_year(&opts) {
        Ok(files) => {
            for f in &files {
                super::sayln!("created {f}");
            }
            if !files.iter().any(|f| f.ends_with("/follow-up.yaml")) {
                super::sayln!(
                    "follow-up: reports go in content/{0}/follow-up/<date>.yaml, as the year before; `handlingsplan follow-up sheet {0}` makes a sheet for the action owners",
                    args.year
                );
            }
            super::sayln!(
                "the {} plan is a draft: `serve` shows it; set `draft: false` in every language to publish it",
                args.year
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(NewError::Content(diags)) => {
            super::print_diagnostics(&diags);
            eprintln!("error: {}", NewError::Content(Vec::new()));
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}
