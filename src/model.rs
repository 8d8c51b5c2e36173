//! The plan as plain data: what `content` produces and `render` consumes.
//!
//! Nothing here reads files or knows about templates or file formats: what
//! templates see is `render::view`, what `plan.json` holds is
//! `render::opendata`, each made from these types.

mod accessibility;
mod deferred;
mod history;
mod inline_html;
mod lang_map;
mod name;
mod status_words;
pub use accessibility::{Accessibility, Assessor, Compliance, Law, Shortcoming};
pub use deferred::{Deferred, NoteLink, YearFollowUp};
pub use history::{History, SharedHistory, WholeHistory};
pub use inline_html::InlineHtml;
pub use lang_map::{LangCode, LangMap};
pub use name::Name;
pub use status_words::StatusWords;

use std::collections::BTreeMap;

/// Starts a link to a page or file of the site in rendered HTML, followed by
/// the path from the site root (`hp-site:2022/innovation/`). When a page is
/// written it becomes the way from that page to the target (`../2022/innovation/`),
/// so the site works at any path. It is a URL scheme no editor can use: a
/// Markdown link with an unknown scheme is dropped.
pub const SITE_LINK: &str = "hp-site:";

/// The folder a plan is published in, from the site root: `2022/` for the
/// default language (at the root), `en/2022/` for another (under `/<code>/`).
/// The URL layout's one rule, which `render::urls` follows too.
pub fn plan_folder(at_root: bool, lang: &str, year: u16) -> String {
    match at_root {
        true => format!("{year}/"),
        false => format!("{lang}/{year}/"),
    }
}

/// The share card of a plan's or an area's page, beside its `index.html`.
pub const CARD_FILE: &str = "share.png";

/// How many of a plan's focus areas get a share card of their own; the
/// pages of those after show the plan's card. Each card is an image drawn
/// and kept in the cache: a plan of thousands of areas would otherwise
/// take minutes and hundreds of megabytes for cards alone.
pub const MAX_AREA_CARDS: usize = 100;

/// The folder of a plan's follow-up overview, in the plan's folder.
pub const FOLLOW_UP_FOLDER: &str = "follow-up/";

/// The folder of a plan's report pages (`reports/<date>/`), in the plan's folder.
pub const REPORTS_FOLDER: &str = "reports/";

/// A language code from `site.yaml`, e.g. `sv` or `en`.
pub type Lang = String;

/// An area's or an action's id (`innovation`, `innovation-2`): short enough
/// to be held inline, not as a heap block of its own (80,000 of them in an
/// archive of 1,000 plans in two languages).
pub type Id = compact_str::CompactString;

/// A place in a source file: 1-based line and column (column counted in
/// characters, as editors show it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// Site settings from `content/site.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Absolute base URL without a trailing slash, e.g. `https://example.org/handlingsplan`.
    pub base_url: String,
    pub default_language: Lang,
    /// Languages in the order they appear in `site.yaml`; the default one first.
    pub languages: Vec<LanguageConfig>,
    pub theme: String,
    pub allow_html: bool,
    /// Who stands behind the site (`organisation:`), if set.
    pub organisation: Option<Name>,
    /// Hidden names (`.well-known`) published from `static/` (`publish_hidden:`).
    pub publish_hidden: Vec<String>,
    /// The accessibility statement's facts (`accessibility:`).
    pub accessibility: Accessibility,
    /// The organisation's logo and accent colour (`brand:`), if set.
    pub brand: Option<Brand>,
    /// The words a follow-up may write a status with: the keywords, and the
    /// theme's words for them, which the pipeline adds before reading.
    pub status_words: StatusWords,
}

/// `brand:` in `site.yaml`, checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Brand {
    /// The name of an image in `content/`, shown in every page header.
    pub logo: Option<String>,
    /// `#rrggbb`, readable on the light scheme's backgrounds.
    pub accent: Option<String>,
    /// `#rrggbb`, readable on the dark scheme's: as written, or the accent's
    /// hue made readable there.
    pub accent_dark: Option<String>,
    /// One fixed image that link previews show for every page, instead of
    /// the share cards drawn per page.
    pub share_image: Option<ShareImage>,
}

/// `brand.share_image`: an image in `content/`, published at `/brand/<name>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShareImage {
    pub name: String,
    /// Its size in pixels (`og:image:width`, `og:image:height`), read from the file.
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Default)]
pub struct LanguageConfig {
    pub code: Lang,
    /// The language's own name, shown in the language switcher ("Svenska").
    pub name: String,
    /// The site title in this language.
    pub title: String,
    /// Shown on every page in this language, e.g. that it is a translation
    /// and which version is authoritative.
    pub notice: Option<String>,
}

impl Config {
    /// Settings with `base_url`, the built-in theme and `languages` (the
    /// first the default), each named by its code: for tests.
    #[cfg(test)]
    pub fn sample(base_url: &str, languages: &[&str]) -> Config {
        let lang = |code: &&str| LanguageConfig {
            code: code.to_string(),
            name: code.to_string(),
            title: code.to_string(),
            ..LanguageConfig::default()
        };
        Config {
            base_url: base_url.into(),
            default_language: languages.first().map(|l| l.to_string()).unwrap_or_default(),
            languages: languages.iter().map(lang).collect(),
            theme: "default".into(),
            ..Config::default()
        }
    }

    /// The path part of `base_url`, without trailing slash: `""` or `/handlingsplan`.
    pub fn base_path(&self) -> &str {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, rest)| rest);
        after_scheme.find('/').map_or("", |i| &after_scheme[i..])
    }

    /// The languages' codes, the default one first.
    pub fn language_codes(&self) -> Vec<&str> {
        self.languages.iter().map(|l| l.code.as_str()).collect()
    }

    pub fn language(&self, code: &str) -> Option<&LanguageConfig> {
        self.languages.iter().find(|l| l.code == code)
    }
}

/// The whole content tree.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Years in ascending order.
    pub years: Vec<YearPlans>,
    /// The files of `static/`, published at the site root (`static/CNAME`).
    pub root_files: Vec<String>,
}

impl Site {
    /// Does it show a draft (a preview, never for publishing)?
    pub fn shows_drafts(&self) -> bool {
        self.years.iter().any(YearPlans::is_draft)
    }

    /// The plans of `year`, if there are any.
    pub fn year(&self, year: u16) -> Option<&YearPlans> {
        self.years
            .binary_search_by_key(&year, |y| y.year)
            .ok()
            .map(|i| &self.years[i])
    }
}

/// One year folder: the same plan in every language it exists in.
#[derive(Debug, Clone)]
pub struct YearPlans {
    pub year: u16,
    /// Plans keyed by language code.
    pub plans: BTreeMap<Lang, Plan>,
    /// Files in the year folder other than plans and follow-up (relative to
    /// the site root), copied beside its pages.
    pub assets: Vec<String>,
    /// How each action is going, by action anchor (`innovation-1`): from
    /// `follow-up.yaml`, or as of the latest dated report. Empty when the
    /// year has no follow-up yet.
    pub follow_up: FollowUps,
    /// The dated follow-up reports (`follow-up/<YYYY-MM-DD>.yaml`), oldest
    /// first. Empty for an undated `follow-up.yaml`.
    pub reports: Vec<Report>,
    /// Set when the follow-up is read as the year is rendered, not when the
    /// site is opened (a long archive's build, [`crate::content::LoadOptions::keep_follow_up`]):
    /// `follow_up` and every report's `state` are empty until then.
    pub deferred: Option<Deferred>,
}

/// One dated follow-up report: every action's state as of its date.
#[derive(Debug, Clone)]
pub struct Report {
    /// `YYYY-MM-DD`, from the file name.
    pub date: String,
    /// The report file, relative to the site root.
    pub file: String,
    /// Every action reported so far, by anchor, as of this report: what
    /// this report says, or else what the last report before it said.
    pub state: FollowUps,
}

/// Follow-up by action anchor. An entry is made once and shared by every
/// report that carries it forward, and by the year's current state.
pub type FollowUps = BTreeMap<Id, std::sync::Arc<FollowUp>>;

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Planned,
    Ongoing,
    Done,
    Paused,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Planned,
        Status::Ongoing,
        Status::Done,
        Status::Paused,
        Status::Cancelled,
    ];

    /// The name used in `follow-up.yaml`, `plan.json`, templates' data and
    /// UI-string keys (`status_done`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Ongoing => "ongoing",
            Status::Done => "done",
            Status::Paused => "paused",
            Status::Cancelled => "cancelled",
        }
    }

    /// The UI string of its word (`status_done`): in pages, workbooks and
    /// the words a follow-up may write a status with.
    pub fn label_key(self) -> &'static str {
        match self {
            Status::Planned => "status_planned",
            Status::Ongoing => "status_ongoing",
            Status::Done => "status_done",
            Status::Paused => "status_paused",
            Status::Cancelled => "status_cancelled",
        }
    }

    /// Its colour in the built-in theme's light scheme (`--hp-color-<name>`
    /// in `style.css`): for share cards, and to tell the brand's accent apart.
    pub fn colour(self) -> &'static str {
        match self {
            Status::Planned => "#6e7781",
            Status::Ongoing => "#0b5394",
            Status::Done => "#1a6b32",
            Status::Paused => "#8a5a00",
            Status::Cancelled => "#a4161a",
        }
    }
}

/// A status is written as its name (`"done"`): in `plan.json` and in what
/// templates see, from the one enum.
impl serde::Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The follow-up of one action: how it is going, reported through the year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FollowUp {
    pub status: Status,
    /// 0–100.
    pub progress: Option<u8>,
    pub lead: Option<Name>,
    pub partners: Vec<Name>,
    /// ISO date, `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// When the action is due, `YYYY-MM-DD`.
    pub due: Option<String>,
    /// Due before the date of the report that says this, and neither done
    /// nor cancelled. Judged against the report's date, never the day of
    /// the build; never for an undated `follow-up.yaml`.
    pub overdue: bool,
    /// The action's status in every dated report up to this one that wrote
    /// it: (report date, status), oldest first.
    pub history: History,
    /// The file this was written in, relative to the site root.
    pub file: String,
    /// A note per language, rendered from Markdown to HTML for that
    /// language's pages (a language without its own shows another's).
    pub note_html: LangMap<Box<str>>,
    /// For a language showing another language's note: that language.
    pub note_from: LangMap<LangCode>,
    /// The links written in the notes, by the note's language, for `check`
    /// (empty unless `LoadOptions::links` asked for them).
    pub note_links: Vec<(Lang, SourceLink)>,
}

impl YearPlans {
    pub fn is_draft(&self) -> bool {
        self.plans.values().any(|p| p.draft)
    }
}

/// One plan in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub year: u16,
    pub lang: Lang,
    /// The source file, relative to the site root (`content/2022/plan.sv.md`).
    pub file: String,
    pub title: String,
    pub description: String,
    pub draft: bool,
    /// The introduction rendered to (sanitised) HTML.
    pub intro_html: String,
    pub areas: Vec<FocusArea>,
    /// Where the title is (the `title:` line of the front matter).
    pub pos: Pos,
    /// Every link and image written in the plan's Markdown, for `check`
    /// (empty unless `LoadOptions::links` asked for them).
    pub links: Vec<SourceLink>,
}

/// A link or image URL as written in a plan, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLink {
    /// The URL as it appears in the rendered HTML (site links with the base path added).
    pub href: String,
    /// The URL as the editor wrote it.
    pub written: String,
    /// Where the link starts and ends (`[text](url)`).
    pub pos: Pos,
    pub end: Pos,
}

impl Action {
    /// The action's first paragraph as HTML.
    pub fn text_html(&self) -> &str {
        self.text_html.or(&self.text)
    }

    /// An action with only an anchor and a text, for tests.
    #[cfg(test)]
    pub fn sample(anchor: &str, text: &str) -> Action {
        Action {
            n: 1,
            anchor: anchor.into(),
            text: text.into(),
            text_html: InlineHtml::default(),
            details_html: String::new(),
            pos: Pos::default(),
        }
    }

    /// Was the action given an id (`{#scaleup}`), rather than its position's (`innovation-2`)?
    pub fn has_explicit_id(&self, area_id: &str) -> bool {
        self.anchor
            .strip_prefix(area_id)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_none_or(|n| n != self.n.to_string())
    }
}

impl FocusArea {
    /// The heading's inline Markdown as HTML.
    pub fn title_html(&self) -> &str {
        self.title_html.or(&self.title)
    }
}

impl Plan {
    pub fn action_count(&self) -> usize {
        self.areas.iter().map(|a| a.actions.len()).sum()
    }
}

/// A focus area (insatsområde): a `##` heading, its description and actions.
#[derive(Debug, Clone, PartialEq)]
pub struct FocusArea {
    pub id: Id,
    /// The heading as plain text.
    pub title: String,
    /// The heading's inline Markdown rendered to HTML: [`FocusArea::title_html`].
    pub title_html: InlineHtml,
    pub description_html: String,
    pub actions: Vec<Action>,
    pub pos: Pos,
}

/// An action (insats): one top-level item of a focus area's bullet list.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// 1-based position within the focus area.
    pub n: usize,
    /// The action's id (`{#scaleup}` after its text), or else `<area-id>-<n>`:
    /// its HTML anchor and the key of its follow-up. Translations have the same.
    pub anchor: Id,
    /// The item's first paragraph as plain text.
    pub text: String,
    /// And as HTML: [`Action::text_html`].
    pub text_html: InlineHtml,
    /// Everything nested under the item, rendered to HTML (may be empty).
    pub details_html: String,
    pub pos: Pos,
}
