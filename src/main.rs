//! The command line: parse arguments, call the library, print what happened
//! and set the exit code (0 success, 1 content or theme error, 2 usage).

mod cmd;
#[cfg(test)]
mod documented;

use clap::{CommandFactory, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  handlingsplan init our-plan --name \"Handelskammaren\"   start a new site
  handlingsplan serve                  preview while you write (start here)
  handlingsplan check                  every problem, with file:line:col
  handlingsplan build                  write the site into public/
  handlingsplan new 2027               start next year's plan from this year's

Exit codes: 0 success, 1 a problem in the content, the theme or the files,
2 a bad command line.";

#[derive(Parser)]
#[command(
    name = "handlingsplan",
    version,
    about = "Static site generator for an organisation's annual action plan",
    after_help = EXAMPLES
)]
struct Cli {
    /// The site root: the folder that holds `content/` (before or after the command).
    #[arg(short, long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
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
    /// Turn the plan as written — a Word or LibreOffice document, or plain text — into a plan file.
    Import(cmd::import::Args),
    /// Tools for the follow-up files (`follow-up pin`).
    #[command(subcommand)]
    FollowUp(cmd::follow_up::Command),
    /// Start a site for a new organisation: settings, a draft plan, a CI workflow.
    Init(cmd::init::Args),
    /// Tools for themes (`theme export`: a copy of the built-in theme to edit).
    #[command(subcommand)]
    Theme(cmd::theme::Command),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions { shell: clap_complete::Shell },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    // Every command but `init` and `completions` works in a site's folder.
    let root = match cli.command {
        Command::Init(_) | Command::Completions { .. } => Ok(cli.root),
        _ => cmd::site_root(cli.root),
    };
    let result = root.and_then(|root| run(cli.command, root));
    match result {
        Ok(code) => code,
        Err(e) => {
            cmd::print_error(&e);
            ExitCode::FAILURE
        }
    }
}

/// Run `command` in the site root `root`.
fn run(command: Command, root: PathBuf) -> anyhow::Result<ExitCode> {
    match command {
        Command::Build(args) => cmd::build::run(args, root),
        Command::Check(args) => cmd::check::run(args, root),
        Command::Import(args) => cmd::import::run(args, root),
        Command::Serve(args) => cmd::serve::run(args, root),
        Command::New(args) => cmd::new::run(args, root),
        Command::FollowUp(command) => cmd::follow_up::run(command, root),
        Command::Init(args) => cmd::init::run(args, root),
        Command::Theme(command) => cmd::theme::run(command, root),
        Command::Completions { shell } => {
            // Made in memory: the generator panics on a write error.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "handlingsplan", &mut script);
            cmd::say(format_args!("{}", String::from_utf8_lossy(&script)));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A bad command line: the problem and the usage of the command concerned
/// (clap shows the usage for some mistakes but not for a bad value), exit 2.
/// `--help` and `--version` print and exit 0.
fn usage_error(e: clap::Error) -> ExitCode {
    if !e.use_stderr() {
        e.exit();
    }
    let mut text = e.render().to_string();
    if !text.contains("Usage:") {
        let mut command = Cli::command();
        command.build();
        let args: Vec<String> = std::env::args().skip(1).collect();
        let sub = command
            .get_subcommands()
            .find(|s| args.iter().any(|a| a == s.get_name()))
            .cloned();
        let usage = match sub {
            Some(mut sub) => sub.render_usage(),
            None => command.render_usage(),
        };
        let at = text.find("\n\nFor more information").unwrap_or(text.len());
        text.insert_str(at, &format!("\n\n{usage}"));
    }
    eprint!("{text}");
    ExitCode::from(2)
}
