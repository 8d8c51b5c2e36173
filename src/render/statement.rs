//! The accessibility statement as templates see it (`statement`): the
//! owner's facts from `site.yaml` in one language, dates in words.

use crate::model::{Accessibility, Assessor, Compliance, Law, Name};
use crate::theme::{Strings, long_date};
use serde::Serialize;

/// `statement` in `accessibility.html`.
#[derive(Serialize)]
pub struct StatementView<'a> {
    /// `full`, `partial` or `not`; none until the owner has assessed the site.
    pub status: Option<Compliance>,
    /// `dos` (the law applies; Digg supervises) or `voluntary`.
    pub law: Law,
    /// Where to report problems (`mailto:…` or a web address), and as shown.
    pub contact: Option<&'a str>,
    pub contact_text: Option<&'a str>,
    /// Was the site assessed by its owner (`true`) or by someone else?
    pub self_assessed: bool,
    /// The independent assessor, in this language.
    pub assessor: Option<&'a str>,
    /// Dates in words ("30 september 2022").
    pub assessed: Option<String>,
    pub updated: Option<String>,
    pub shortcomings: Vec<ShortcomingView<'a>>,
    pub disproportionate: Vec<&'a str>,
    pub not_covered: Vec<&'a str>,
    /// Are the pages the built-in theme's, whose tests the statement may name?
    pub builtin_theme: bool,
}

#[derive(Serialize)]
pub struct ShortcomingView<'a> {
    pub text: &'a str,
    /// WCAG success criteria, such as `1.4.3`.
    pub wcag: &'a [String],
}

/// The statement of `a` in `lang`, with the theme's `strings` for the dates.
pub fn statement_view<'a>(
    a: &'a Accessibility,
    lang: &str,
    strings: Option<&Strings>,
    builtin_theme: bool,
) -> StatementView<'a> {
    let texts = |names: &'a [Name]| names.iter().map(|n| n.get(lang)).collect();
    StatementView {
        status: a.status,
        law: a.law,
        contact: a.contact.as_deref(),
        contact_text: a.contact.as_deref().map(|c| c.strip_prefix("mailto:").unwrap_or(c)),
        self_assessed: a.assessor == Some(Assessor::Owner),
        assessor: match &a.assessor {
            Some(Assessor::External(name)) => Some(name.get(lang)),
            _ => None,
        },
        assessed: a.assessed.as_deref().map(|d| long_date(strings, d)),
        updated: a.updated.as_deref().map(|d| long_date(strings, d)),
        shortcomings: (a.shortcomings.iter())
            .map(|s| ShortcomingView {
                text: s.text.get(lang),
                wcag: &s.wcag,
            })
            .collect(),
        disproportionate: texts(&a.disproportionate),
        not_covered: texts(&a.not_covered),
        builtin_theme,
    }
}
