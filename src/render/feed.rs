//! An Atom feed (RFC 4287) of the follow-up reports, per language
//! (`feed.xml`, `en/feed.xml`): one entry per dated report, newest first,
//! dated by the report, so the same files give the same feed on any day;
//! the newest [`ENTRIES`] of them, as news: the site keeps the rest.

use super::crawlers::xml_escape;
use super::followup::{Strings, rollup, ui};
use super::layout::{FEED, Page};
use super::urls::Urls;
use crate::model::{Plan, Report, Site};
use std::io::Write;

/// Does the feed of `lang` have entries (and so exist)?
pub fn exists(site: &Site, lang: &str) -> bool {
    site.years
        .iter()
        .any(|y| !y.reports.is_empty() && y.plans.contains_key(lang))
}

/// The most reports a feed lists: twelve years of quarterly reports. A feed
/// reader fetches the whole feed every time it looks (hourly, often); with
/// every report of a long archive it would fetch megabytes to learn of one
/// new entry. Older reports stay on the site, linked from each year's
/// follow-up overview.
pub const ENTRIES: usize = 50;

/// The reports a language's feed lists: (plan, report), newest first, at
/// most [`ENTRIES`].
pub fn entries<'a>(site: &'a Site, lang: &str) -> Vec<(&'a Plan, &'a Report)> {
    let mut entries: Vec<(&Plan, &Report)> = site
        .years
        .iter()
        .filter_map(|y| Some((y.plans.get(lang)?, &y.reports)))
        .flat_map(|(plan, reports)| reports.iter().map(move |r| (plan, r)))
        .collect();
    entries.sort_by(|a, b| (&b.1.date, b.0.year).cmp(&(&a.1.date, a.0.year)));
    entries.truncate(ENTRIES);
    entries
}

/// Who a feed is by and what it is called.
#[derive(Clone, Copy)]
pub struct About<'a> {
    pub urls: Urls<'a>,
    pub lang: &'a str,
    pub site_title: &'a str,
    /// The organisation behind the site, or the site's title.
    pub author: &'a str,
}

/// Write the feed of `lang`, whose entries are `entries` (not empty).
pub fn atom(
    out: &mut dyn Write,
    About {
        urls,
        lang,
        site_title,
        author,
    }: About,
    strings: Option<&Strings>,
    entries: &[(&Plan, &Report)],
) -> std::io::Result<()> {
    let feed_url = urls.abs(lang, FEED);
    let updated = entries.first().map_or("1970-01-01", |(_, r)| r.date.as_str());
    let title = format!("{site_title} – {}", ui(strings, "feed_title", "Follow-up reports"));
    writeln!(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>")?;
    writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        xml_escape(lang)
    )?;
    writeln!(out, "  <title>{}</title>", xml_escape(&title))?;
    writeln!(out, "  <id>{}</id>", xml_escape(&feed_url))?;
    writeln!(
        out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&feed_url)
    )?;
    writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&urls.abs(lang, ""))
    )?;
    writeln!(out, "  <updated>{updated}T00:00:00Z</updated>")?;
    writeln!(out, "  <author><name>{}</name></author>", xml_escape(author))?;
    for (plan, report) in entries {
        let url = urls.abs(lang, &Page::Report(plan.year, &report.date).rel(lang));
        let heading = ui(strings, "report_title", "Follow-up report {date}").replace("{date}", &report.date);
        let actions = plan.areas.iter().flat_map(|a| &a.actions);
        let summary = rollup(
            plan.action_count(),
            actions.filter_map(|x| report.state.get(x.anchor.as_str()).map(|f| &**f)),
            strings,
        )
        .summary;
        writeln!(out, "  <entry>")?;
        writeln!(
            out,
            "    <title>{}</title>",
            xml_escape(&format!("{}: {heading}", plan.title))
        )?;
        writeln!(out, "    <id>{}</id>", xml_escape(&url))?;
        writeln!(
            out,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml_escape(&url)
        )?;
        writeln!(out, "    <updated>{}T00:00:00Z</updated>", report.date)?;
        writeln!(out, "    <summary>{}</summary>", xml_escape(&summary))?;
        writeln!(out, "  </entry>")?;
    }
    writeln!(out, "</feed>")
}
