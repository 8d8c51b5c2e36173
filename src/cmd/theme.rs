//! `handlingsplan theme …`: tools for themes.

use handlingsplan::starter;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Copy the built-in theme into a new or empty folder, to edit it
    /// (e.g. `themes/our-theme`, then `theme: our-theme` in site.yaml).
    Export {
        /// The folder to copy the theme into (relative to the site root).
        dir: PathBuf,
    },
}

pub fn run(command: Command, root: PathBuf) -> anyhow::Result<ExitCode> {
    let Command::Export { dir } = command;
    let dir = root.join(dir);
    let files = starter::export_theme(&root, &dir)?;
    super::sayln!(
        "copied the built-in theme ({} files) into {}",
        files.len(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
