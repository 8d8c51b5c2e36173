//! The accessibility statement's facts (`accessibility:` in `site.yaml`):
//! only what the site's owner states, so the statement claims nothing the
//! tool cannot know.

use super::Name;
use serde::{Deserialize, Serialize};

/// How far the site complies with the law (2018:1937) on accessibility to
/// digital public services, in the owner's words: DIGG's three levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compliance {
    Full,
    Partial,
    Not,
}

/// Does the law apply to the site's owner?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Law {
    /// A public body (or one financed as one): the law applies and Digg
    /// supervises it.
    Dos,
    /// A private organisation that follows the law of its own accord.
    #[default]
    Voluntary,
}

/// Who assessed the site.
#[derive(Debug, Clone, PartialEq)]
pub enum Assessor {
    /// The owner itself (a self-assessment).
    Owner,
    /// Someone independent, by name.
    External(Name),
}

/// `accessibility:` in `site.yaml`, checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Accessibility {
    /// Unset until the owner has assessed the site: never inferred.
    pub status: Option<Compliance>,
    pub law: Law,
    /// Where readers report problems (an e-mail address becomes `mailto:…`).
    pub contact: Option<String>,
    pub assessor: Option<Assessor>,
    /// When the site was last assessed (`YYYY-MM-DD`).
    pub assessed: Option<String>,
    /// When the statement was last updated (`YYYY-MM-DD`).
    pub updated: Option<String>,
    /// What does not meet the requirements, with the WCAG criteria it fails.
    pub shortcomings: Vec<Shortcoming>,
    /// What the owner does not adapt because it would be a disproportionate
    /// burden (12 § of the law).
    pub disproportionate: Vec<Name>,
    /// Content the law does not cover (9 §).
    pub not_covered: Vec<Name>,
}

/// A known shortcoming: what it is and the WCAG success criteria it fails.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcoming {
    pub text: Name,
    /// Success criteria such as `1.4.3`.
    pub wcag: Vec<String>,
}
