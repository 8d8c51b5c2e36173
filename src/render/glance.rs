//! The plan at a glance: an inline SVG bar chart of the focus areas and
//! their number of actions, made at build time (no JavaScript), with a title
//! and a description that say the same in words.

use super::data::xml_escape;
use super::view::AreaView;
use crate::model::Plan;
use std::collections::BTreeMap;
use std::fmt::Write as _;

const WIDTH: usize = 400;
const ROW: usize = 46;
const BAR_MAX: usize = 330;
/// Longer titles are shortened in the chart (the description has them whole).
const LABEL_CHARS: usize = 46;

/// The chart for `plan`; `strings` are the theme's UI strings in its language.
pub fn svg(plan: &Plan, areas: &[AreaView], strings: Option<&BTreeMap<String, String>>) -> String {
    let t = |key: &str, fallback: &'static str| {
        strings
            .and_then(|s| s.get(key))
            .map_or(fallback, String::as_str)
            .to_string()
    };
    let count = |n: usize| {
        format!(
            "{n} {}",
            if n == 1 {
                t("action_one", "action")
            } else {
                t("action_many", "actions")
            }
        )
    };
    let id = format!("glance-{}-{}", plan.year, plan.lang);
    let max = areas.iter().map(|a| a.actions.len()).max().unwrap_or(1).max(1);
    let height = areas.len() * ROW + 8;
    let description: Vec<String> = areas
        .iter()
        .map(|a| format!("{}: {}", a.title, count(a.actions.len())))
        .collect();
    let mut out = String::with_capacity(512 + areas.len() * 300);
    let _ = write!(
        out,
        "<svg class=\"glance\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\
<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}.</desc>",
        xml_escape(&t("glance_title", "Focus areas and their actions")),
        xml_escape(&description.join("; "))
    );
    for (i, area) in areas.iter().enumerate() {
        let top = i * ROW + 4;
        let n = area.actions.len();
        let width = (n * BAR_MAX).div_ceil(max).max(4);
        let _ = write!(
            out,
            "<g class=\"glance-row\"><text class=\"glance-label\" x=\"0\" y=\"{}\">{}. {}</text>\
<rect class=\"glance-bar\" x=\"0\" y=\"{}\" width=\"{width}\" height=\"14\" rx=\"3\"/>\
<text class=\"glance-count\" x=\"{}\" y=\"{}\">{n}</text></g>",
            top + 15,
            area.number,
            xml_escape(&shorten(area.title)),
            top + 23,
            width + 6,
            top + 35,
        );
    }
    out.push_str("</svg>");
    out
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
