//! The plan at a glance: an inline SVG bar chart of the focus areas and
//! their number of actions, made at build time (no JavaScript), with a title
//! and a description that say the same in words.

use super::crawlers::xml_escape;
use super::followup::{Rollup, Strings, ui};
use crate::model::Plan;
use crate::model::Status;
use std::fmt::Write as _;

const WIDTH: usize = 400;
const ROW: usize = 46;
const BAR_MAX: usize = 330;
/// Longer titles are shortened in the chart (the description has them whole).
const LABEL_CHARS: usize = 46;

/// One focus area as the chart shows it.
pub struct Row<'a> {
    /// Its number in the plan (1-based).
    pub number: usize,
    pub title: &'a str,
    /// How many actions it has.
    pub actions: usize,
    pub rollup: &'a Rollup,
}

/// The chart for `plan`; `strings` are the theme's UI strings in its language.
pub fn svg(plan: &Plan, areas: &[Row], strings: Option<&Strings>) -> String {
    let count = |n: usize| {
        format!(
            "{n} {}",
            ui(strings, if n == 1 { "action_one" } else { "action_many" }, "actions")
        )
    };
    let id = format!("glance-{}-{}", plan.year, plan.lang);
    let max = areas.iter().map(|a| a.actions).max().unwrap_or(1).max(1);
    let followed = areas.iter().any(|a| a.rollup.followed > 0);
    let description: Vec<String> = areas
        .iter()
        .map(|a| match a.rollup.summary.as_str() {
            "" => format!("{}: {}", a.title, count(a.actions)),
            summary => format!("{}: {} ({summary})", a.title, count(a.actions)),
        })
        .collect();
    let mut out = String::with_capacity(512 + areas.len() * 400);
    let _ = write!(
        out,
        "<svg class=\"glance\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {}\" role=\"img\" \
aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}.</desc>",
        areas.len() * ROW + 8,
        xml_escape(ui(strings, "glance_title", "Focus areas and their actions")),
        xml_escape(&description.join("; "))
    );
    for (i, area) in areas.iter().enumerate() {
        row(&mut out, i * ROW + 4, area, max, followed);
    }
    out.push_str("</svg>");
    out
}

/// One area: its label, its bar (split by status when there is follow-up) and its count.
fn row(out: &mut String, top: usize, area: &Row, max: usize, followed: bool) {
    let n = area.actions;
    let width = (n * BAR_MAX).div_ceil(max).max(4);
    let bar_y = top + 23;
    // With follow-up, what is not reported yet is drawn as an outline, unlike any status.
    let base = if followed { "glance-unreported" } else { "glance-bar" };
    let _ = write!(
        out,
        "<g class=\"glance-row\"><text class=\"glance-label\" x=\"0\" y=\"{}\">{}. {}</text>\
<rect class=\"{base}\" x=\"0\" y=\"{bar_y}\" width=\"{width}\" height=\"14\" rx=\"3\"/>",
        top + 15,
        area.number,
        xml_escape(&shorten(area.title)),
    );
    let mut label = n.to_string();
    if followed {
        let mut x = 0;
        for s in &area.rollup.statuses {
            let w = s.count * width / n.max(1);
            let _ = write!(
                out,
                "<rect class=\"glance-{}\" x=\"{x}\" y=\"{bar_y}\" width=\"{w}\" height=\"14\"/>",
                s.status.as_str()
            );
            x += w;
        }
        let done = area
            .rollup
            .statuses
            .iter()
            .find(|s| s.status == Status::Done)
            .map_or(0, |s| s.count);
        label = format!("{done}/{n} ✓");
    }
    let _ = write!(
        out,
        "<text class=\"glance-count\" x=\"{}\" y=\"{}\">{label}</text></g>",
        width + 6,
        top + 35
    );
}

fn shorten(title: &str) -> String {
    if title.chars().count() <= LABEL_CHARS {
        return title.to_string();
    }
    let cut: String = title.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_titles_are_shortened() {
        assert_eq!(super::shorten("Kort"), "Kort");
        let long = "Ett mycket långt namn på ett insatsområde som aldrig tar slut";
        let short = super::shorten(long);
        assert!(
            short.ends_with('…') && short.chars().count() <= super::LABEL_CHARS,
            "{short}"
        );
    }
}
