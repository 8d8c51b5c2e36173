//! The columns of the follow-up sheet and their names in the site's
//! default language: a sheet is read back by its headers, in any order.

use crate::model::Status;
use std::collections::BTreeMap;

/// A column of the sheet.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Column {
    Area,
    Id,
    Action,
    Lead,
    Partners,
    Due,
    Status,
    Progress,
    Note,
}

impl Column {
    /// In the order the sheet has them: what identifies the action, then
    /// what the owner fills in.
    pub const ALL: [Column; 9] = [
        Column::Area,
        Column::Id,
        Column::Action,
        Column::Lead,
        Column::Partners,
        Column::Due,
        Column::Status,
        Column::Progress,
        Column::Note,
    ];

    /// The UI string that names it (none: `Id`, the same in every language).
    fn key(self) -> Option<&'static str> {
        Some(match self {
            Column::Area => "focus_area",
            Column::Id => return None,
            Column::Action => "action",
            Column::Lead => "lead",
            Column::Partners => "partners",
            Column::Due => "due",
            Column::Status => "status",
            Column::Progress => "progress",
            Column::Note => "note",
        })
    }

    /// Its width in characters, to fit what it holds.
    pub fn width(self) -> f64 {
        match self {
            Column::Area => 24.0,
            Column::Id => 16.0,
            Column::Action => 60.0,
            Column::Lead | Column::Partners => 24.0,
            Column::Due => 14.0,
            Column::Status => 14.0,
            Column::Progress => 12.0,
            Column::Note => 60.0,
        }
    }
}

/// The words of the sheet, in the site's default language.
pub struct Labels {
    /// The sheet's name (`Uppföljning`).
    pub sheet: String,
    /// The label of the report date's cell (`Rapportdatum`) and of the plan's year.
    pub date: String,
    pub year: String,
    headers: Vec<(Column, String)>,
    /// The statuses as the site shows them, in the order planned … cancelled.
    pub statuses: Vec<(Status, String)>,
}

impl Labels {
    /// From the theme's UI strings in the default language.
    pub fn new(strings: &BTreeMap<String, String>) -> Labels {
        let ui = |key: &str, fallback: &str| strings.get(key).cloned().unwrap_or_else(|| fallback.to_string());
        let headers = Column::ALL
            .iter()
            .map(|&c| (c, c.key().map_or_else(|| "Id".to_string(), |k| ui(k, k))))
            .collect();
        let statuses = Status::ALL
            .iter()
            .map(|&s| (s, ui(s.label_key(), s.as_str())))
            .collect();
        Labels {
            sheet: ui("follow_up", "Follow-up"),
            date: ui("report_date", "Report date"),
            year: ui("plan_year", "Plan for the year"),
            headers,
            statuses,
        }
    }

    pub fn header(&self, column: Column) -> &str {
        (self.headers.iter().find(|(c, _)| *c == column)).map_or("", |(_, h)| h.as_str())
    }

    /// The column a header names, in any case.
    pub fn column(&self, header: &str) -> Option<Column> {
        let header = header.trim().to_lowercase();
        (self.headers.iter().find(|(_, h)| h.to_lowercase() == header)).map(|(c, _)| *c)
    }

    /// The status as the site shows it (`Klar`).
    pub fn status(&self, status: Status) -> &str {
        (self.statuses.iter().find(|(s, _)| *s == status)).map_or(status.as_str(), |(_, w)| w.as_str())
    }
}
