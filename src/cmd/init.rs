//! `handlingsplan init`: start a site for a new organisation.

use handlingsplan::starter::{self, InitOptions};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The folder to create the site in: new, empty, or a freshly cloned
    /// repository (default: the site root, `--root`).
    dir: Option<PathBuf>,
    /// The organisation's name, shown in the site's title.
    #[arg(long, default_value = "Organisationen")]
    name: String,
    /// The languages the plan is published in, the default language first.
    #[arg(long, value_delimiter = ',', default_value = "sv,en", value_parser = super::language_code)]
    languages: Vec<String>,
    /// The plan's year (default: this year).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1000..=9999))]
    year: Option<u16>,
    /// The address the site will be published at (default: a placeholder `check` warns about).
    #[arg(long, value_name = "URL", value_parser = super::base_url)]
    base_url: Option<String>,
    /// Where readers report accessibility problems (default: a placeholder `check` warns about).
    #[arg(long, value_name = "EMAIL_OR_URL", value_parser = super::contact)]
    contact: Option<String>,
    /// Write into a folder that holds other files: only the files that do
    /// not exist yet are written, never over one.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args, root: PathBuf) -> anyhow::Result<ExitCode> {
    let mut languages: Vec<String> = Vec::new();
    for lang in args.languages {
        if !languages.contains(&lang) {
            languages.push(lang);
        }
    }
    let dir = args.dir.unwrap_or(root);
    let opts = InitOptions {
        dir: dir.clone(),
        name: args.name,
        languages,
        year: args.year.unwrap_or_else(this_year),
        base_url: super::given(args.base_url),
        contact: args.contact,
        force: args.force,
    };
    let written = starter::init(&opts)?;
    for file in &written.created {
        super::sayln!("created {}", dir.join(file).display());
    }
    for file in &written.merged {
        super::sayln!("added handlingsplan's lines to {}", dir.join(file).display());
    }
    for file in &written.skipped {
        super::sayln!(
            "skipped {}: it exists, and init never writes over a file",
            dir.join(file).display()
        );
    }
    for lang in opts
        .languages
        .iter()
        .filter(|l| written.created.iter().any(|f| f.ends_with(&format!("i18n/{l}.yaml"))))
    {
        super::sayln!(
            "the theme has no words in `{lang}`: translate themes/default/i18n/{lang}.yaml (a copy of the English ones)"
        );
    }
    let cd = match dir == Path::new(".") {
        true => String::new(),
        false => format!("cd {} && ", dir.display()),
    };
    super::sayln!("\nnext: `{cd}handlingsplan serve` to see the site while you write the plan");
    Ok(ExitCode::SUCCESS)
}

/// The current year (UTC), from the system clock.
fn this_year() -> u16 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    year_of(secs)
}

/// The civil year (UTC) of a Unix time (Howard Hinnant's days-to-civil).
fn year_of(unix_secs: u64) -> u16 {
    let days = (unix_secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let month_index = (5 * doy + 2) / 153; // 0 = March
    let year = yoe + era * 400 + i64::from(month_index >= 10);
    u16::try_from(year).unwrap_or(9999)
}

#[cfg(test)]
mod tests {
    #[test]
    fn years_of_unix_times() {
        let cases = [
            (0, 1970),
            (951_782_400, 2000),   // 2000-02-29
            (978_307_199, 2000),   // 2000-12-31 23:59:59
            (978_307_200, 2001),   // 2001-01-01
            (1_704_067_199, 2023), // 2023-12-31 23:59:59
            (1_795_824_000, 2026), // 2026-11-28
            (4_107_542_400, 2100), // 2100-03-01
        ];
        for (secs, year) in cases {
            assert_eq!(super::year_of(secs), year, "{secs}");
        }
    }
}
