//! The command line: parse arguments, call the library, print what happened
//! and set the exit code (0 success, 1 content or theme error, 2 usage).

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "handlingsplan",
    version,
    about = "Static site generator for an organisation's annual action plan"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into an output folder.
    Build(cmd::build::Args),
    /// Check the site and report every problem, without writing anything.
    Check(cmd::check::Args),
    /// Start next year's plan from this year's (a draft, with an empty follow-up file).
    New(cmd::new::Args),
    /// Preview the site on localhost, rebuilding and reloading on every save.
    Serve(cmd::serve::Args),
    /// Turn a plain-text plan into a plan file (`plan.<lang>.md`).
    Import(cmd::import::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::New(args) => cmd::new::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            cmd::print_error(&e);
            ExitCode::FAILURE
        }
    }
}
