//! What `build` will publish, as `check` (which reads drafts too) sees the
//! site: the summary line. (The warnings when a year's plan is a draft in
//! some languages only come with the content, for `build` and `check`
//! alike: `content::year::partly_draft`.)

use crate::model::Site;

/// The years `build` publishes and those it holds back, each with its languages.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Publication {
    pub published: Vec<(u16, Vec<String>)>,
    /// Years with a draft in at least one language: none of their plans is published.
    pub held_back: Vec<(u16, Vec<String>)>,
}

/// What `build` (without `--drafts`) makes of `site` read with its drafts.
pub fn publication(site: &Site) -> Publication {
    let codes = site.config.language_codes();
    let mut out = Publication::default();
    for year in &site.years {
        let langs: Vec<String> = (codes.iter())
            .filter(|l| year.plans.contains_key(**l))
            .map(|l| l.to_string())
            .collect();
        match year.is_draft() {
            true => out.held_back.push((year.year, langs)),
            false => out.published.push((year.year, langs)),
        }
    }
    out
}

impl Publication {
    /// One line: "build publishes 2021, 2022 (sv, en); holds back 2027 (sv, en), a draft".
    pub fn summary(&self) -> String {
        let list = |years: &[(u16, Vec<String>)]| {
            let mut groups: Vec<(Vec<u16>, &[String])> = Vec::new();
            for (year, langs) in years {
                match groups.last_mut() {
                    Some((ys, ls)) if *ls == langs.as_slice() => ys.push(*year),
                    _ => groups.push((vec![*year], langs)),
                }
            }
            let group = |(ys, ls): &(Vec<u16>, &[String])| format!("{} ({})", year_runs(ys), ls.join(", "));
            groups.iter().map(group).collect::<Vec<_>>().join("; ")
        };
        let published = match self.published.is_empty() {
            true => "build publishes no plan, only the home pages".to_string(),
            false => format!("build publishes {}", list(&self.published)),
        };
        match self.held_back.is_empty() {
            true => published,
            false => format!("{published}; holds back the drafts {}", list(&self.held_back)),
        }
    }
}

/// `years` (ascending) as a reader lists them: three or more years in a
/// row as one span ("2015–2026"), others one by one — a decade's archive
/// is one line, not a thousand numbers.
fn year_runs(years: &[u16]) -> String {
    let mut runs: Vec<(u16, u16)> = Vec::new();
    for &year in years {
        match runs.last_mut() {
            Some((_, last)) if last.checked_add(1) == Some(year) => *last = year,
            _ => runs.push((year, year)),
        }
    }
    let run = |&(first, last): &(u16, u16)| match last - first {
        0 => first.to_string(),
        1 => format!("{first}, {last}"),
        _ => format!("{first}–{last}"),
    };
    runs.iter().map(run).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_in_a_row_are_one_span() {
        let cases: [(&[u16], &str); 6] = [
            (&[], ""),
            (&[2022], "2022"),
            (&[2022, 2023], "2022, 2023"),
            (&[2020, 2021, 2022], "2020–2022"),
            (
                &[2015, 2017, 2018, 2019, 2020, 2022, 2023],
                "2015, 2017–2020, 2022, 2023",
            ),
            (&[1027, 1028, 1029, 2026], "1027–1029, 2026"),
        ];
        for (years, said) in cases {
            assert_eq!(year_runs(years), said, "{years:?}");
        }
    }

    #[test]
    fn the_summary_groups_years_with_the_same_languages() {
        let langs = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let p = Publication {
            published: vec![
                (2021, langs(&["sv"])),
                (2022, langs(&["sv", "en"])),
                (2023, langs(&["sv", "en"])),
            ],
            held_back: vec![(2027, langs(&["sv", "en"]))],
        };
        assert_eq!(
            p.summary(),
            "build publishes 2021 (sv); 2022, 2023 (sv, en); holds back the drafts 2027 (sv, en)"
        );
        let nothing = Publication {
            published: vec![],
            held_back: vec![(2027, langs(&["sv"]))],
        };
        assert_eq!(
            nothing.summary(),
            "build publishes no plan, only the home pages; holds back the drafts 2027 (sv)"
        );
    }
}
