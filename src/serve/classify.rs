//! What a changed path means for the site: a pure decision, table-tested.

use crate::sources::{self, Role};
use notify::EventKind;

/// A kind of change, from the cheapest to rebuild to the dearest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// A theme's static file (`themes/<name>/static/...`): copy it.
    Static,
    /// A plan file, or a year folder appearing or disappearing.
    Plan(u16),
    /// Another file in a year folder (copied beside its pages).
    YearFile(u16),
    /// A template of the theme.
    Template,
    /// The theme's UI strings (`i18n/<lang>.yaml`).
    Strings,
    /// `content/site.yaml`.
    Config,
    /// A file of `static/`, published at the site root: its list is read
    /// with the content.
    RootFile,
    /// Something whose effect is not known: a theme folder appearing, a
    /// folder moved. Rebuild everything.
    Everything,
}

impl Change {
    /// Does this change need a full reload and re-render?
    pub fn is_global(&self) -> bool {
        matches!(
            self,
            Change::Template | Change::Strings | Change::Config | Change::RootFile | Change::Everything
        )
    }
}

/// Should an event of this kind be looked at? Reading files (access events)
/// never changes the site, and reacting to it would make a rebuild loop.
pub fn is_relevant(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Access(_) | EventKind::Other)
}

/// Classify a path relative to the site root (with `/` separators) in a site
/// using theme `theme`. `None` means the change does not affect the site.
pub fn classify(rel: &str, theme: &str) -> Option<Change> {
    let parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
    // `static/` may publish hidden names `site.yaml` lists (`.well-known`):
    // only an editor's leftover there is nothing.
    if parts.first() == Some(&crate::content::root_files::FOLDER) {
        let leftover = |name: &&str| !name.starts_with('.') && sources::is_leftover(name);
        return (!parts.iter().any(leftover)).then_some(Change::RootFile);
    }
    // A change inside a hidden folder or to an editor's leftover never
    // reaches the site: the same rule that keeps them out of a build.
    if parts.iter().any(|name| sources::is_leftover(name)) {
        return None;
    }
    match parts.as_slice() {
        ["content"] => Some(Change::Everything),
        ["content", "site.yaml"] => Some(Change::Config),
        // A file beside site.yaml: the brand's logo, which every page shows.
        ["content", name] if sources::year_folder(name).is_none() => Some(Change::Config),
        ["content", year, rest @ ..] => {
            let year = sources::year_folder(year)?;
            match rest {
                [] => Some(Change::Plan(year)),
                [name] => match sources::classify(name, true) {
                    Role::Plan(_) | Role::BadPlanName | Role::FollowUp | Role::Reports => Some(Change::Plan(year)),
                    Role::Asset => Some(Change::YearFile(year)),
                    Role::Source | Role::Leftover => None,
                },
                [folder, ..] if sources::classify(folder, true) == Role::Reports => Some(Change::Plan(year)),
                [.., name] => sources::classify(name, false)
                    .is_published()
                    .then_some(Change::YearFile(year)),
            }
        }
        ["themes"] => Some(Change::Everything),
        ["themes", name, rest @ ..] if *name == theme => match rest {
            [] => Some(Change::Everything),
            // The share cards' fonts: loaded with the templates, and drawing every card.
            ["templates", ..] | ["fonts", ..] => Some(Change::Template),
            ["static", _, ..] => Some(Change::Static),
            ["i18n", ..] => Some(Change::Strings),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, ModifyKind, RemoveKind, RenameMode};

    #[test]
    fn paths_are_classified() {
        let cases: &[(&str, Option<Change>)] = &[
            ("content/2022/plan.sv.md", Some(Change::Plan(2022))),
            ("content/2023/plan.en.md", Some(Change::Plan(2023))),
            ("content/2023", Some(Change::Plan(2023))),
            ("content/2022/rapport.pdf", Some(Change::YearFile(2022))),
            ("content/2022/bilder/karta.png", Some(Change::YearFile(2022))),
            ("content/site.yaml", Some(Change::Config)),
            ("content", Some(Change::Everything)),
            ("content/drafts/x.md", None),
            ("content/22/plan.sv.md", None),
            ("themes/default/templates/plan.html", Some(Change::Template)),
            ("themes/default/templates/partials/actions.html", Some(Change::Template)),
            ("themes/default/static/style.css", Some(Change::Static)),
            ("themes/default/static/img/logo.svg", Some(Change::Static)),
            ("themes/default/i18n/sv.yaml", Some(Change::Strings)),
            ("themes/default/fonts/Brand-Bold.otf", Some(Change::Template)),
            (".handlingsplan-cache/share-cards/0123.png", None),
            ("themes/default", Some(Change::Everything)),
            ("themes", Some(Change::Everything)),
            ("themes/other/templates/plan.html", None),
            ("themes/default/README.md", None),
            ("public/2022/index.html", None),
            ("target/debug/x", None),
            ("content/2022/.plan.sv.md.swp", None),
            ("content/2022/plan.sv.md~", None),
            ("content/2022/4913", None),
            ("content/2022/.#plan.sv.md", None),
            ("content/2022/#plan.sv.md#", None),
            ("content/2022/plan.sv.md.bak", None),
            ("content/2022/plan.sv.md.orig", None),
            ("content/2022/~$rapport.docx", None),
            ("content/2022/Thumbs.db", None),
            ("content/2022/desktop.ini", None),
            ("content/2022/anteckningar.md", None),
            ("content/2022/follow-up.yaml", Some(Change::Plan(2022))),
            ("content/logo.svg", Some(Change::Config)),
            ("static", Some(Change::RootFile)),
            ("static/CNAME", Some(Change::RootFile)),
            ("static/.well-known/security.txt", Some(Change::RootFile)),
            ("static/CNAME~", None),
            ("static/.well-known/x.swp", None),
            ("content/2022/follow-up/2022-09-30.yaml", Some(Change::Plan(2022))),
            ("content/2022/follow-up", Some(Change::Plan(2022))),
            ("content/2022/follow-up/.2022-09-30.yaml.swp", None),
            ("content/2022/plan.md", Some(Change::Plan(2022))),
            ("content/2022/bilder/.git/config", None),
            ("content/2022/.bilder/karta.png", None),
            ("content/2022/bilder/plan.sv.md", None),
            ("content/0999/plan.sv.md", None),
            ("content/.git/HEAD", None),
            ("themes/default/static/.DS_Store", None),
        ];
        for (path, want) in cases {
            assert_eq!(&classify(path, "default"), want, "{path}");
        }
    }

    #[test]
    fn only_changes_are_relevant() {
        let cases = [
            (EventKind::Access(AccessKind::Any), false),
            (EventKind::Other, false),
            (EventKind::Create(CreateKind::File), true),
            (EventKind::Modify(ModifyKind::Any), true),
            (EventKind::Modify(ModifyKind::Name(RenameMode::To)), true),
            (EventKind::Remove(RemoveKind::File), true),
            (EventKind::Any, true),
        ];
        for (kind, want) in cases {
            assert_eq!(is_relevant(&kind), want, "{kind:?}");
        }
    }

    #[test]
    fn global_changes() {
        assert!(Change::Config.is_global() && Change::Template.is_global() && Change::Everything.is_global());
        assert!(Change::RootFile.is_global());
        assert!(!Change::Plan(2022).is_global() && !Change::Static.is_global());
    }
}
