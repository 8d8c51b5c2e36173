//! What a new organisation starts from: `init` writes a whole site that
//! passes `check` at once, `theme export` a copy of the built-in theme to
//! edit. Both only ever write into an empty (or new) folder.

mod tree;

pub use tree::{Written, is_repository_file};

use crate::fs_utils::FsError;
use std::path::{Path, PathBuf};

/// Options of `handlingsplan init`.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The folder to create the site in (created if missing; must be empty).
    pub dir: PathBuf,
    /// The organisation's name, in the site titles.
    pub name: String,
    /// Language codes, the default language first.
    pub languages: Vec<String>,
    pub year: u16,
    /// The address the site will be published at (a placeholder when `None`).
    pub base_url: Option<String>,
    /// Where readers report accessibility problems (a placeholder when `None`).
    pub contact: Option<String>,
    /// Write into a folder that holds other files, skipping those that exist.
    pub force: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(
        "`{0}` already holds {1}\nhint: write into a new or empty folder, or a freshly cloned repository \
         (.git, .gitignore, README, LICENSE, .github/); `init --force` adds only the files that do not exist yet (nothing was changed)"
    )]
    NotEmpty(String, String),
    #[error("`{0}` is not a folder; choose a new or empty folder (nothing was changed)")]
    NotAFolder(String),
    #[error(
        "`{0}` is inside content/, whose files are published; put a theme in `themes/<name>/` (nothing was changed)"
    )]
    InContent(String),
    #[error(transparent)]
    Fs(#[from] FsError),
}

/// The workflow `init` writes: the repository's example, which uses the
/// published GitHub Action.
const WORKFLOW: &str = include_str!("../../examples/github-actions.yml");

/// Write a new site into `opts.dir`; says what it wrote, relative to it.
pub fn init(opts: &InitOptions) -> Result<Written, StartError> {
    let mut files = vec![
        ("content/site.yaml".to_string(), site_yaml(opts)),
        (".gitignore".to_string(), GITIGNORE.to_string()),
        (".github/workflows/site.yml".to_string(), WORKFLOW.to_string()),
    ];
    let default = &opts.languages[0];
    for lang in &opts.languages {
        let path = format!("content/{}/plan.{lang}.md", opts.year);
        files.push((path, plan_file(Words::of(lang), Words::of(default), opts.year)));
    }
    files.extend(ui_strings_to_translate(&opts.languages));
    let files: Vec<(String, &[u8])> = files.iter().map(|(p, t)| (p.clone(), t.as_bytes())).collect();
    tree::write(&opts.dir, &files, opts.force)
}

/// For each language the built-in theme has no UI strings for, a copy of
/// the English ones to translate (`check` warns until they are).
fn ui_strings_to_translate(languages: &[String]) -> Vec<(String, String)> {
    let embedded = crate::theme::embedded_files();
    let file = |lang: &str| {
        embedded
            .iter()
            .find(|(p, _)| *p == format!("i18n/{lang}.yaml"))
            .map(|(_, b)| *b)
    };
    let english = String::from_utf8_lossy(file("en").unwrap_or_default()).into_owned();
    let body = english.split_once('\n').map_or(english.as_str(), |(_, rest)| rest);
    (languages.iter())
        .filter(|lang| file(lang).is_none())
        .map(|lang| {
            let head = format!(
                "# UI strings of the default theme in `{lang}`: a copy of the English ones.\n\
                 # Translate every value (keep the keys); `check` warns until they are translated.\n"
            );
            (format!("themes/default/i18n/{lang}.yaml"), format!("{head}{body}"))
        })
        .collect()
}

/// Copy the built-in theme into `dir`; returns the files written.
pub fn export_theme(root: &Path, dir: &Path) -> Result<Vec<String>, StartError> {
    // Everything under content/ is published: a theme there would be too.
    let content = crate::output::resolve(&root.join("content"))?;
    let target = crate::output::resolve(dir)?;
    if target.starts_with(&content) {
        return Err(StartError::InContent(dir.display().to_string()));
    }
    let files: Vec<(String, &[u8])> = crate::theme::embedded_files()
        .iter()
        .map(|(rel, bytes)| (rel.to_string(), *bytes))
        .collect();
    Ok(tree::write(dir, &files, false)?.created)
}

const GITIGNORE: &str = "\
# What `handlingsplan build` writes (and its staging folders): built, never edited.
/public/
/.public.*
# Share cards already drawn: a cache, safe to delete.
/.handlingsplan-cache/
";

/// The words of the example content in one language (English for a
/// language without its own).
struct Words {
    code: &'static str,
    lang_name: &'static str,
    site_title: &'static str,
    plan_title: &'static str,
    description: &'static str,
    intro: &'static str,
    area: &'static str,
    area_id: &'static str,
    area_text: &'static str,
    action: &'static str,
    notice: &'static str,
}

const SWEDISH: Words = Words {
    code: "sv",
    lang_name: "Svenska",
    site_title: "handlingsplan",
    plan_title: "Handlingsplan",
    description: "Insatsområden och insatser för",
    intro: "Skriv en inledning här: varför planen finns, vem som har antagit den och hur den följs upp.",
    area: "Exempelområde",
    area_id: "exempel",
    area_text: "Beskriv insatsområdet med en mening eller två. Varje punkt nedan är en insats.",
    action: "Skriv den första insatsen som en mening",
    notice: "Det här är en översättning. Texten på originalspråket är planens gällande version.",
};

const ENGLISH: Words = Words {
    code: "en",
    lang_name: "English",
    site_title: "action plan",
    plan_title: "Action plan",
    description: "Focus areas and actions for",
    intro: "Write an introduction here: why the plan exists, who adopted it and how it is followed up.",
    area: "Example area",
    area_id: "example",
    area_text: "Describe the focus area in a sentence or two. Each bullet below is an action.",
    action: "Write the first action as a sentence",
    notice: "This is a translation. The text in the original language is the authoritative version of the plan.",
};

impl Words {
    fn of(lang: &str) -> &'static Words {
        match lang {
            "sv" => &SWEDISH,
            _ => &ENGLISH,
        }
    }
}

/// `content/site.yaml`, commented for someone who has never seen one.
fn site_yaml(opts: &InitOptions) -> String {
    let quoted = crate::sources::quoted;
    let base_url = opts.base_url.as_deref().unwrap_or("https://example.org/");
    let placeholder = "  # A PLACEHOLDER: `check` warns until it is set.";
    let mut out = format!(
        "# The site's settings. Every key is described in handlingsplan's user guide (docs/src/site-yaml.md).\n\n\
         # The address the site is published at: canonical links, the sitemap and the\n\
         # open data use it (links between pages are relative, so a copy works anywhere).\n\
         # CI can give it instead: HANDLINGSPLAN_BASE_URL=https://… handlingsplan build\n\
         base_url: {}{}\n\n\
         # The language of the authoritative text; its pages are at the site root.\n\
         default_language: {}\n\n\
         # Every language the plan is published in: its name, and the site's title in it.\n\
         languages:\n",
        quoted(base_url),
        if opts.base_url.is_none() { placeholder } else { "" },
        opts.languages[0],
    );
    for (i, lang) in opts.languages.iter().enumerate() {
        let words = Words::of(lang);
        let name = if words.code == lang {
            words.lang_name
        } else {
            lang.as_str()
        };
        let title = format!("{} – {}", opts.name, words.site_title);
        out.push_str(&format!(
            "  {lang}:\n    name: {}\n    title: {}\n",
            quoted(name),
            quoted(&title)
        ));
        // A notice in the language's own words, or none (set one by hand).
        if i > 0 && words.code == lang {
            out.push_str("    # Shown on every page in this language.\n");
            out.push_str(&format!("    notice: {}\n", quoted(words.notice)));
        }
    }
    let contact = opts.contact.as_deref().unwrap_or("mailto:webb@example.org");
    out.push_str(&format!(
        "\n# The theme: `default` is built in. To change it, copy it with\n\
         # `handlingsplan theme export themes/our-theme` and set `theme: our-theme`.\n\
         theme: default\n\n\
         # Who stands behind the site: in the header, the feeds and the accessibility statement.\n\
         organisation: {}\n\n\
         # The accessibility statement, after DIGG's model (see the user guide). `check` warns\n\
         # until you have assessed the site and said so here.\n\
         accessibility:\n\
         \x20 # dos: the law (2018:1937) applies to you and Digg supervises it;\n\
         \x20 # voluntary: you follow it of your own accord (most private organisations).\n\
         \x20 law: voluntary\n\
         \x20 # Where readers report problems (an e-mail address or a web page).\n\
         \x20 contact: {}{}\n\
         \x20 # After assessing the site: full, partial or not (compliant with the law).\n\
         \x20 # status: partial\n\
         \x20 # assessed: {}-01-31\n\
         \x20 # assessed_by: self          # or the name of the independent assessor\n\
         \x20 # updated: {}-01-31\n\
         \x20 # shortcomings:              # what does not meet WCAG 2.1 AA, with its criteria\n\
         \x20 #   - text: {{ {}: … }}\n\
         \x20 #     wcag: [1.1.1]\n",
        quoted(&opts.name),
        quoted(contact),
        if opts.contact.is_none() { placeholder } else { "" },
        opts.year,
        opts.year,
        opts.languages[0],
    ));
    out
}

/// A draft plan in the language `words` is written in; `original` is the
/// default language's (whose area id every translation shares).
fn plan_file(words: &Words, original: &Words, year: u16) -> String {
    format!(
        "---\ntitle: {} {year}\ndescription: {} {year}.\n\
         # A draft is shown by `serve` but not published by `build`: set\n\
         # `draft: false` in every language when the plan is adopted.\n\
         draft: true\n---\n\n{}\n\n## {} {{#{}}}\n\n{}\n\n- {}\n",
        words.plan_title, words.description, words.intro, words.area, original.area_id, words.area_text, words.action,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_yaml_quotes_what_it_is_given() {
        let opts = InitOptions {
            dir: PathBuf::new(),
            name: "Kommun: \"Norr\"".into(),
            languages: vec!["sv".into(), "de".into()],
            year: 2027,
            base_url: None,
            contact: None,
            force: false,
        };
        let yaml = site_yaml(&opts);
        let value: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(
            value["languages"]["sv"]["title"].as_str(),
            Some("Kommun: \"Norr\" – handlingsplan")
        );
        assert_eq!(value["languages"]["de"]["name"].as_str(), Some("de"));
        assert_eq!(value["default_language"].as_str(), Some("sv"));
        assert!(yaml.contains("PLACEHOLDER"), "{yaml}");
    }

    #[test]
    fn every_translation_shares_the_default_languages_area_id() {
        assert!(plan_file(&ENGLISH, &SWEDISH, 2027).contains("## Example area {#exempel}"));
        assert!(plan_file(&SWEDISH, &ENGLISH, 2027).contains("## Exempelområde {#example}"));
    }
}
