//! Share cards: what a link preview of a plan or area page shows
//! (`page.share`), and the SVG its card is drawn from (the theme's
//! `share_card.svg`, given `card`). The output draws it ([`crate::cards`]).

use super::followup::Rollup;
use super::layout::{BRAND_FOLDER, CARD_TEMPLATE as TEMPLATE};
use super::view::{AreaView, PlanView};
use super::{Buffers, RenderError, Renderer};
use crate::cards::{CardError, HEIGHT, WIDTH};
use crate::diagnostics::Diagnostic;
use crate::model::Status;
use crate::theme::long_date;
use serde::Serialize;
use siphasher::sip128::{Hasher128, SipHasher13};
use skrifa::MetadataProvider;
use std::hash::{Hash, Hasher};
use tera::Context;

/// Width of the text and of the status bar on a card, in pixels.
const TEXT_WIDTH: f32 = 1040.0;
/// Title sizes tried in turn until the title fits in [`TITLE_LINES`] lines.
const TITLE_SIZES: [f32; 4] = [64.0, 56.0, 48.0, 42.0];
const TITLE_LINES: usize = 3;
/// The default theme's accent, when the site sets none.
const ACCENT: &str = "#0b5394";

/// `page.share`: the image link previews show, and its text alternative.
#[derive(Serialize, Debug, Clone)]
pub(super) struct ShareView {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// `card` in `share_card.svg`.
#[derive(Serialize)]
struct CardView<'a> {
    /// `plan` or `area`.
    kind: &'static str,
    width: u32,
    height: u32,
    /// The site title in the card's language.
    organisation: &'a str,
    /// The line above an area's title: its plan and number (empty for a plan).
    kicker: String,
    title_lines: Vec<String>,
    title_size: f32,
    /// The distance between the title's baselines.
    title_leading: f32,
    /// "10 focus areas · 30 actions", "3 actions".
    facts: String,
    /// The follow-up in words ("4 of 30 done, 12 ongoing"); empty without.
    summary: &'a str,
    /// The status split as a bar, left to right; empty without follow-up.
    bars: Vec<Bar<'a>>,
    /// When the follow-up was last reported, in words ("Läget den 30
    /// september 2022"): a card shared months later still says when; empty
    /// without dated reports.
    as_of: String,
    /// The `href` of the brand logo, when the site has one.
    logo: Option<&'a str>,
    /// The brand accent (`#rrggbb`), or the built-in theme's.
    accent: &'a str,
}

/// One status's part of the bar on a card.
#[derive(Serialize, Debug, PartialEq)]
struct Bar<'a> {
    status: &'static str,
    x: f32,
    width: f32,
    colour: &'a str,
}

/// What a card is made from besides the UI strings of its language: its
/// [`CardView`] is made from this alone, so the hash of this (with the
/// templates and strings) finds a card made before without making its SVG.
#[derive(Hash)]
struct CardSource<'a> {
    lang: &'a str,
    organisation: &'a str,
    plan_title: &'a str,
    /// An area's title and number; `None` for a plan's card.
    area: Option<(&'a str, usize)>,
    counts: Counts,
    rollup: &'a Rollup,
    /// The date of the latest report, when there are dated reports.
    as_of: Option<&'a str>,
    accent: &'a str,
    logo: Option<&'a str>,
}

/// How much a plan or an area holds, for its card's facts.
#[derive(Hash, Clone, Copy)]
struct Counts {
    /// An area's actions; `None` for a plan.
    area_actions: Option<usize>,
    areas: usize,
    actions: usize,
}

impl Counts {
    fn of(plan: &PlanView, area: Option<&AreaView>) -> Counts {
        Counts {
            area_actions: area.map(|a| a.actions.len()),
            areas: plan.areas.len(),
            actions: plan.action_count,
        }
    }
}

/// The advance widths of the font card titles are set in, to break them
/// into lines (SVG text does not wrap).
pub(super) struct TitleFont {
    charmap: skrifa::charmap::Charmap<'static>,
    metrics: skrifa::metrics::GlyphMetrics<'static>,
}

impl TitleFont {
    pub(super) fn new(bytes: &'static [u8]) -> Option<TitleFont> {
        let font = skrifa::FontRef::new(bytes).ok()?;
        let metrics = font.glyph_metrics(
            skrifa::instance::Size::new(1.0),
            skrifa::instance::LocationRef::default(),
        );
        Some(TitleFont {
            charmap: font.charmap(),
            metrics,
        })
    }

    /// The width of `c` at a size of 1 px.
    fn advance(&self, c: char) -> f32 {
        self.charmap
            .map(c)
            .and_then(|g| self.metrics.advance_width(g))
            .unwrap_or(0.6)
    }
}

impl<'a> Renderer<'a> {
    /// `page.share` of a plan page (`area` is `None`) or an area page.
    pub(super) fn share(&self, plan: &PlanView, area: Option<&AreaView>) -> ShareView {
        let area = area.filter(|a| super::layout::has_card(a.number));
        let brand = self.site.config.brand.as_ref();
        if let Some(image) = brand.and_then(|b| b.share_image.as_ref()) {
            return ShareView {
                url: self.urls.abs_site(&format!("{BRAND_FOLDER}{}", image.name)),
                width: image.width,
                height: image.height,
                alt: self.site_title(plan.lang).to_string(),
            };
        }
        ShareView {
            url: (self.urls).abs(plan.lang, &super::layout::card_rel(plan.year, area.map(|a| a.id))),
            width: WIDTH,
            height: HEIGHT,
            alt: self.card_alt(plan, area),
        }
    }

    /// A context for the cards of language `lang`: `t` and `lang`.
    fn card_context(&self, lang: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert("lang", lang);
        ctx.insert("t", &self.theme.strings.get(lang));
        ctx
    }

    /// Make the card of a plan page or an area page at `path` (the
    /// inventory has one where the site draws cards). `ctx` is the plan's
    /// card context, made here when a card first needs one.
    pub(super) fn share_card(
        &self,
        plan: &PlanView,
        area: Option<&AreaView>,
        path: &str,
        ctx: &mut Option<Context>,
        buf: &mut Buffers,
    ) -> Result<(), RenderError> {
        let source = self.card_source(plan, area);
        let content = self.card_content(&source);
        if let Some(from) = self.cards.known(content)
            && self.put_cached(&from, None, content, path)?
        {
            return Ok(());
        }
        let ctx = ctx.get_or_insert_with(|| self.card_context(plan.lang));
        ctx.insert("card", &self.card_view(&source));
        buf.page.clear();
        if let Err(e) = self.theme.render_card(ctx, &mut buf.page) {
            self.failed(self.theme.error(&e), path);
            return Ok(());
        }
        match self.put_card(path, &buf.page, content) {
            Ok(()) => Ok(()),
            Err(CardError::Io(e)) => Err(e.into()),
            Err(CardError::Svg(message)) => {
                let file = self.theme.template_path(TEMPLATE).unwrap_or(TEMPLATE);
                let diag = Diagnostic::error("invalid-share-card", file, format!("`{path}`: {message}"))
                    .with_hint("the template must make one SVG document; escape text with Tera (`{{ card.title }}`, never `| safe`)");
                self.failed(diag, path);
                Ok(())
            }
        }
    }

    /// The hash of everything a card's SVG is made from: the code that makes
    /// it ([`crate::cards::CODE`]), the templates, the UI strings of its
    /// language (its context's `t` and `lang`) and what its `card` is made from. Tera reads nothing else, so the same hash
    /// means the same SVG.
    fn card_content(&self, source: &CardSource) -> u128 {
        let salts = self.card_salts.get_or_init(|| {
            let templates = self.theme.templates_hash();
            let languages = self.site.config.languages.iter().map(|l| l.code.as_str());
            languages
                .map(|lang| {
                    let mut h = SipHasher13::new();
                    h.write(crate::cards::CODE.as_bytes());
                    h.write_u128(templates);
                    (lang, self.theme.strings.get(lang)).hash(&mut h);
                    (lang.to_string(), h.finish128().as_u128())
                })
                .collect()
        });
        // Every language of a plan is in `site.yaml`; were one not, the
        // templates would still be part of the key.
        let salt = salts
            .get(source.lang)
            .copied()
            .unwrap_or_else(|| self.theme.templates_hash());
        let mut h = SipHasher13::new_with_keys(salt as u64, (salt >> 64) as u64);
        source.hash(&mut h);
        h.finish128().as_u128()
    }

    fn card_source<'v>(&'v self, plan: &'v PlanView, area: Option<&'v AreaView>) -> CardSource<'v> {
        let brand = self.site.config.brand.as_ref();
        CardSource {
            lang: plan.lang,
            organisation: self.site_title(plan.lang),
            plan_title: plan.title,
            area: area.map(|a| (a.title, a.number)),
            counts: Counts::of(plan, area),
            rollup: area.map_or(&plan.rollup, |a| &a.rollup),
            as_of: (self.site.year(plan.year).and_then(|y| y.reports.last())).map(|r| r.date.as_str()),
            accent: brand.and_then(|b| b.accent.as_deref()).unwrap_or(ACCENT),
            logo: brand.and_then(|b| b.logo.as_deref()),
        }
    }

    /// `card`, made from `source` (and the UI strings) alone.
    fn card_view<'v>(&self, source: &CardSource<'v>) -> CardView<'v> {
        let lang = source.lang;
        let (kind, kicker, title) = match source.area {
            Some((title, number)) => {
                let kicker = format!("{} · {} {number}", source.plan_title, self.ui(lang, "focus_area"));
                ("area", kicker, title)
            }
            None => ("plan", String::new(), source.plan_title),
        };
        let advance = |c| self.title_font.as_ref().map_or(0.6, |f| f.advance(c));
        let (size, lines) = wrap(title, advance, TEXT_WIDTH);
        CardView {
            kind,
            width: WIDTH,
            height: HEIGHT,
            organisation: source.organisation,
            kicker,
            title_lines: lines,
            title_size: size,
            title_leading: (size * 1.15).round(),
            facts: self.facts(lang, source.counts, " · "),
            summary: &source.rollup.summary,
            bars: bars(source.rollup),
            as_of: (source.as_of.filter(|_| source.rollup.followed > 0))
                .map(|d| {
                    format!(
                        "{} {}",
                        self.ui(lang, "as_of"),
                        long_date(self.theme.strings.get(lang), d)
                    )
                })
                .unwrap_or_default(),
            logo: source.logo,
            accent: source.accent,
        }
    }

    /// "10 focus areas · 30 actions" for a plan (joined by `and`), "3
    /// actions" for an area.
    fn facts(&self, lang: &str, counts: Counts, and: &str) -> String {
        let count = |n: usize, one: &str, many: &str| {
            let word = if n == 1 {
                self.ui(lang, one)
            } else {
                self.ui(lang, many)
            };
            format!("{n} {}", word.to_lowercase())
        };
        match counts.area_actions {
            Some(n) => count(n, "action_one", "action_many"),
            None => format!(
                "{}{and}{}",
                count(counts.areas, "focus_area", "focus_areas"),
                count(counts.actions, "action_one", "action_many")
            ),
        }
    }

    /// What the card says, for those who cannot see it (`og:image:alt`).
    fn card_alt(&self, plan: &PlanView, area: Option<&AreaView>) -> String {
        let site = self.site_title(plan.lang);
        let facts = self.facts(plan.lang, Counts::of(plan, area), ", ");
        let (mut alt, rollup) = match area {
            Some(a) => (format!("{} – {}, {site}: {facts}", a.title, plan.title), &a.rollup),
            None => (format!("{} – {site}: {facts}", plan.title), &plan.rollup),
        };
        if !rollup.summary.is_empty() {
            alt.push_str(". ");
            alt.push_str(&rollup.summary);
        }
        alt
    }
}

/// The status split of `rollup` as parts of a bar [`TEXT_WIDTH`] wide,
/// done first and the actions not yet reported last; none when nothing is
/// reported.
fn bars(rollup: &Rollup) -> Vec<Bar<'static>> {
    let colour = |name: &str| {
        Status::ALL
            .iter()
            .find(|s| s.as_str() == name)
            .map_or("#c9d0d8", |s| s.colour())
    };
    (super::bars::parts(&rollup.split(), TEXT_WIDTH as u32).into_iter())
        .map(|(status, _, x, width)| Bar {
            status,
            x: x as f32,
            width: width as f32,
            colour: colour(status),
        })
        .collect()
}

/// Break `text` into lines at most `width` pixels wide, at the largest of
/// [`TITLE_SIZES`] that needs at most [`TITLE_LINES`] lines; at the smallest,
/// what does not fit ends in "…". `advance` is a character's width at 1 px.
fn wrap(text: &str, advance: impl Fn(char) -> f32, width: f32) -> (f32, Vec<String>) {
    let measure = |s: &str| s.chars().map(&advance).sum::<f32>();
    let words: Vec<&str> = text.split_whitespace().collect();
    let smallest = TITLE_SIZES[TITLE_SIZES.len() - 1];
    for size in TITLE_SIZES {
        let lines = break_lines(&words, |s| measure(s) * size, width);
        if lines.len() <= TITLE_LINES {
            return (size, lines);
        }
    }
    let mut lines = break_lines(&words, |s| measure(s) * smallest, width);
    lines.truncate(TITLE_LINES);
    if let Some(last) = lines.last_mut() {
        while !last.is_empty() && (measure(last) + advance('…')) * smallest > width {
            last.pop();
        }
        let kept = last.trim_end().len();
        last.truncate(kept);
        last.push('…');
    }
    (smallest, lines)
}

/// Greedy line breaking: as many words on each line as fit in `width`
/// (a word wider than a line gets a line of its own).
fn break_lines(words: &[&str], width_of: impl Fn(&str) -> f32, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in words {
        match lines.last_mut() {
            Some(line) if width_of(&format!("{line} {word}")) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

mod put;
#[cfg(test)]
mod tests;
