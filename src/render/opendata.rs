//! The plan as open data: `plan.json` and `plan.csv` per year and language,
//! and `plans.json`, the index of every plan. Field orders are stable and
//! documented in the user guide (`docs/src/open-data.md`).
//!
//! These shapes are not the templates' (`view::ActionView`,
//! `followup::FollowUpView`) on purpose: open data is a published format
//! whose fields and their order only grow, with absolute URLs that work
//! wherever the file is copied; a template view may change with the theme
//! and carries presentation (status labels and symbols in the page's
//! language, links relative to the page, the per-action `change`). A field
//! both should have is added to both, and to the guide's list.

use super::urls::Urls;
use super::view::PlanContext;
use crate::changes::Changes;
use crate::model::{FollowUp, Plan, Site, Status};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct PlanJson<'a> {
    year: u16,
    lang: &'a str,
    title: &'a str,
    description: &'a str,
    /// The language's notice from `site.yaml` (e.g. that this is a translation), or null.
    notice: Option<&'a str>,
    url: String,
    intro_html: &'a str,
    /// The same plan in other languages: language code → URL of its `plan.json`.
    translations: BTreeMap<&'a str, String>,
    areas: Vec<AreaJson<'a>>,
    /// Compared with the previous plan, when there is one.
    changes: Option<&'a Changes>,
    /// The year's dated follow-up reports, oldest first (absent without any).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reports: Vec<ReportJson>,
}

#[derive(Serialize)]
struct ReportJson {
    date: String,
    url: String,
}

#[derive(Serialize)]
struct AreaJson<'a> {
    id: &'a str,
    title: &'a str,
    description_html: &'a str,
    url: String,
    actions: Vec<ActionJson<'a>>,
}

#[derive(Serialize)]
struct ActionJson<'a> {
    n: usize,
    anchor: &'a str,
    text: &'a str,
    text_html: &'a str,
    details_html: &'a str,
    url: String,
    follow_up: Option<FollowUpJson<'a>>,
}

#[derive(Serialize)]
struct FollowUpJson<'a> {
    status: Status,
    progress: Option<u8>,
    lead: Option<&'a str>,
    partners: Vec<&'a str>,
    updated: Option<&'a str>,
    note_html: Option<&'a str>,
    due: Option<&'a str>,
    overdue: bool,
    /// The status in every report that wrote it, oldest first.
    history: Vec<HistoryJson<'a>>,
}

#[derive(Serialize)]
struct HistoryJson<'a> {
    date: &'a str,
    status: Status,
}

fn follow_up_json<'a>(f: &'a FollowUp, lang: &str) -> FollowUpJson<'a> {
    FollowUpJson {
        status: f.status,
        progress: f.progress,
        lead: f.lead.as_ref().map(|n| n.get(lang)),
        partners: names(&f.partners, lang),
        updated: f.updated.as_deref(),
        note_html: written_note(f, lang),
        due: f.due.as_deref(),
        overdue: f.overdue,
        history: (f.history.iter())
            .map(|(date, status)| HistoryJson { date, status: *status })
            .collect(),
    }
}

/// Write `plan.json` for one plan into `buf`.
pub fn plan_json(buf: &mut Vec<u8>, site: &Site, plan: &Plan, cx: &PlanContext) {
    let (lang, urls) = (plan.lang.as_str(), cx.urls);
    let rel = format!("{}/", plan.year);
    let translations = site
        .year(plan.year)
        .into_iter()
        .flat_map(|y| y.plans.keys())
        .filter(|l| l.as_str() != lang)
        .map(|l| (l.as_str(), urls.abs(l, &format!("{rel}plan.json"))))
        .collect();
    let follow_up = |anchor: &str| {
        cx.follow_up
            .and_then(|f| f.get(anchor))
            .map(|f| follow_up_json(f, lang))
    };
    let json = PlanJson {
        year: plan.year,
        lang,
        title: &plan.title,
        description: &plan.description,
        notice: site.config.language(lang).and_then(|l| l.notice.as_deref()),
        url: urls.abs(lang, &rel),
        intro_html: &plan.intro_html,
        translations,
        areas: plan
            .areas
            .iter()
            .map(|a| {
                let url = urls.abs(lang, &format!("{rel}{}/", a.id));
                AreaJson {
                    id: &a.id,
                    title: &a.title,
                    description_html: &a.description_html,
                    actions: a
                        .actions
                        .iter()
                        .map(|x| ActionJson {
                            n: x.n,
                            anchor: &x.anchor,
                            text: &x.text,
                            text_html: x.text_html(),
                            details_html: &x.details_html,
                            url: format!("{url}#{}", x.anchor),
                            follow_up: follow_up(&x.anchor),
                        })
                        .collect(),
                    url,
                }
            })
            .collect(),
        changes: cx.changes.as_ref(),
        reports: (cx.reports.iter())
            .map(|r| ReportJson {
                date: r.date.clone(),
                url: urls.abs(lang, &super::layout::Page::Report(plan.year, &r.date).rel(lang)),
            })
            .collect(),
    };
    write_json(&mut *buf, &json, &site.config.base_url).expect("plan data always serialises");
}

/// The columns of `plan.csv`.
pub const CSV_COLUMNS: [&str; 14] = [
    "year",
    "area_id",
    "area_title",
    "action_number",
    "anchor",
    "text",
    "status",
    "progress",
    "lead",
    "due",
    "overdue",
    "partners",
    "updated",
    "note",
];

/// Write `plan.csv` (UTF-8 with a byte-order mark, so spreadsheet programs
/// read å, ä and ö right): one row per action. The note is plain text in
/// the plan's language.
/// Each of `names` in `lang`.
fn names<'n>(names: &'n [crate::model::Name], lang: &str) -> Vec<&'n str> {
    names.iter().map(|n| n.get(lang)).collect()
}

pub fn plan_csv(buf: &mut Vec<u8>, plan: &Plan, follow_up: Option<&crate::model::FollowUps>) {
    buf.extend_from_slice("\u{feff}".as_bytes());
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(buf);
    let io = "writing CSV to memory cannot fail";
    w.write_record(CSV_COLUMNS).expect(io);
    let year = plan.year.to_string();
    for area in &plan.areas {
        for action in &area.actions {
            let f = follow_up.and_then(|f| f.get(action.anchor.as_str())).map(|f| &**f);
            let progress = f.and_then(|f| f.progress).map(|p| p.to_string()).unwrap_or_default();
            let text = |get: fn(&FollowUp) -> Option<&str>| f.and_then(get).unwrap_or_default();
            let note = f
                .and_then(|f| written_note(f, &plan.lang))
                .map(plain_text)
                .unwrap_or_default();
            let overdue = match f {
                Some(f) if f.overdue => "true",
                Some(_) => "false",
                None => "",
            };
            w.write_record([
                year.as_str(),
                &area.id,
                &cell(&area.title),
                &action.n.to_string(),
                &action.anchor,
                &cell(&action.text),
                f.map_or("", |f| f.status.as_str()),
                &progress,
                &cell(f.and_then(|f| f.lead.as_ref()).map_or("", |n| n.get(&plan.lang))),
                text(|f| f.due.as_deref()),
                overdue,
                &cell(&f.map(|f| names(&f.partners, &plan.lang).join("; ")).unwrap_or_default()),
                text(|f| f.updated.as_deref()),
                &cell(&note),
            ])
            .expect(io);
        }
    }
    w.flush().expect(io);
}

/// Text for a spreadsheet cell: a leading `=`, `+`, `-` or `@` would make
/// spreadsheet programs run it as a formula, so such text gets a `'` first.
fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

#[derive(Serialize)]
struct IndexEntry<'a> {
    year: u16,
    draft: bool,
    /// Per language: the plan's title and where it is.
    languages: BTreeMap<&'a str, IndexLanguage<'a>>,
}

#[derive(Serialize)]
struct IndexLanguage<'a> {
    title: &'a str,
    url: String,
    json: String,
    csv: String,
    /// The year's dated follow-up reports (absent without any).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reports: Vec<ReportJson>,
}

/// HTML → its text, with the spaces between blocks: a note for a spreadsheet cell.
/// HTML as plain text, its whitespace folded (also the follow-up sheet's notes).
pub fn plain_text(html: &str) -> String {
    let text = scraper::Html::parse_fragment(html)
        .root_element()
        .text()
        .collect::<String>();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Serialize)]
struct Index<'a> {
    plans: Vec<IndexEntry<'a>>,
}

/// Write `plans.json`: every plan of the site, oldest first.
pub fn plans_index(out: &mut dyn std::io::Write, site: &Site, urls: Urls) -> std::io::Result<()> {
    let entries: Vec<IndexEntry> = site
        .years
        .iter()
        .map(|y| IndexEntry {
            year: y.year,
            draft: y.is_draft(),
            languages: y
                .plans
                .iter()
                .map(|(lang, p)| {
                    let rel = format!("{}/", y.year);
                    let entry = IndexLanguage {
                        title: &p.title,
                        url: urls.abs(lang, &rel),
                        json: urls.abs(lang, &format!("{rel}plan.json")),
                        csv: urls.abs(lang, &format!("{rel}plan.csv")),
                        reports: (y.reports.iter())
                            .map(|r| ReportJson {
                                date: r.date.clone(),
                                url: urls.abs(lang, &super::layout::Page::Report(y.year, &r.date).rel(lang)),
                            })
                            .collect(),
                    };
                    (lang.as_str(), entry)
                })
                .collect(),
        })
        .collect();
    // No title or URL can hold `<`, `>` or `&` unescaped here: titles are
    // escaped like every string in these files.
    write_json(out, &Index { plans: entries }, &site.config.base_url)
}

/// Write `value` as pretty JSON and a newline, with `<`, `>` and `&` as
/// `\u003c` …: the same data (they can only occur inside strings), but inert
/// even if a browser or proxy treats the file as HTML. Links within the site
/// in its HTML fragments are absolute (`base_url`): the file is read elsewhere.
fn write_json(mut out: impl std::io::Write, value: &impl serde::Serialize, base_url: &str) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(value)?;
    let json = super::links::absolute(&json, base_url);
    let mut rest = &*json;
    while let Some(i) = memchr::memchr3(b'<', b'>', b'&', rest) {
        out.write_all(&rest[..i])?;
        out.write_all(match rest[i] {
            b'<' => b"\\u003c",
            b'>' => b"\\u003e",
            _ => b"\\u0026",
        })?;
        rest = &rest[i + 1..];
    }
    out.write_all(rest)?;
    out.write_all(b"\n")
}

/// The note written in `lang` (not one shown there from another language):
/// open data says what each language's text is.
fn written_note<'a>(f: &'a FollowUp, lang: &str) -> Option<&'a str> {
    f.note_html.text(lang).filter(|_| !f.note_from.contains_key(lang))
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_is_html_safe_and_means_the_same() {
        let mut out = Vec::new();
        let value = serde_json::json!({"t": "<script>&</script>", "u": "a>b", "h": "<a href=\"hp-site:2022/\">"});
        super::write_json(&mut out, &value, "https://x.se").unwrap();
        let safe = String::from_utf8(out).unwrap();
        assert!(!safe.contains(['<', '>', '&']), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["t"], "<script>&</script>");
        assert_eq!(back["u"], "a>b");
        assert_eq!(back["h"], "<a href=\"https://x.se/2022/\">", "site links are absolute");
    }

    #[test]
    fn formulas_are_not_run_by_spreadsheets() {
        assert_eq!(super::cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(super::cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(super::cell("-2+3"), "'-2+3");
        assert_eq!(super::cell("Arbeta med Scaleup"), "Arbeta med Scaleup");
    }
}
