//! `follow-up import`: a filled-in sheet as a dated report. Every cell is
//! checked on its own and every problem said at once, at its cell; only the
//! actions whose row says something new since the last report are written,
//! each pinned by its id and the start of its text.

use super::columns::{Column, Labels};
use super::read::{Cell, Table};
use crate::content::followup::{identity, is_iso_date};
use crate::diagnostics::{Diagnostic, suggest};
use crate::model::{Action, Plan, Status, StatusWords};
use std::collections::{BTreeMap, HashMap};

/// What a sheet is read against.
pub struct Context<'a> {
    /// The sheet's file, as problems name it.
    pub file: &'a str,
    /// The plan in the default language.
    pub plan: &'a Plan,
    /// Every action's state as of the last report before this one.
    pub state: &'a crate::model::FollowUps,
    /// The date of that report, if any.
    pub last: Option<&'a str>,
    pub words: &'a StatusWords,
    pub labels: &'a Labels,
    /// `--date`, which stands in for the sheet's own.
    pub date: Option<&'a str>,
}

/// The report a sheet makes: its date, the YAML and the actions in it.
#[derive(Debug)]
pub struct Report {
    pub date: String,
    pub yaml: String,
    pub actions: Vec<String>,
}

/// An action's row, as read.
#[derive(Default, PartialEq, Debug)]
struct Row {
    status: Option<Status>,
    progress: Option<u8>,
    lead: Option<String>,
    partners: Option<Vec<String>>,
    due: Option<String>,
    note: Option<String>,
}

/// The cell beside the one whose text is `label` (in any case), above the
/// header row: where the sheet keeps its date and year.
pub fn labelled<'t>(table: &'t Table, label: &str) -> Option<(usize, usize, &'t Cell)> {
    let label = label.to_lowercase();
    for (r, row) in table.rows.iter().enumerate().take(10) {
        if let Some(c) = row.iter().position(|c| c.text().to_lowercase() == label) {
            let beside = (c + 1..row.len()).find(|&i| row[i] != Cell::Empty).unwrap_or(c + 1);
            return Some((r, beside, table.get(r, beside)));
        }
    }
    None
}

/// The report `table` makes, or every problem in it.
pub fn report(table: &Table, cx: &Context) -> Result<Report, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let error = |code, message: String, hint: String| Diagnostic::error(code, cx.file, message).with_hint(hint);
    let Some((header, columns)) = header_row(table, cx.labels) else {
        let message = format!(
            "no header row: no row names the columns `Id` and `{}`",
            cx.labels.header(Column::Status)
        );
        return Err(vec![error(
            "no-header",
            message,
            "make the sheet with `handlingsplan follow-up sheet YEAR`".into(),
        )]);
    };
    let date = report_date(table, cx, &mut problems);
    let anchors: Vec<&str> = (cx.plan.areas.iter().flat_map(|a| &a.actions))
        .map(|a| a.anchor.as_str())
        .collect();
    // Looked up by id: a sheet of thousands of rows stays linear.
    let actions: HashMap<&str, &Action> = (cx.plan.areas.iter().flat_map(|a| &a.actions))
        .map(|a| (a.anchor.as_str(), a))
        .collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut rows = HashMap::new();
    for r in header + 1..table.rows.len() {
        let col = |c: Column| columns.iter().find(|(x, _)| *x == c).map(|(_, i)| *i);
        let id = col(Column::Id).map(|i| table.get(r, i).text()).unwrap_or_default();
        let filled = table.rows[r].iter().any(|c| *c != Cell::Empty);
        if id.is_empty() {
            if filled && col(Column::Status).is_some_and(|i| *table.get(r, i) != Cell::Empty) {
                let at = table.place(r, col(Column::Id).unwrap_or(0));
                problems.push(error(
                    "missing-id",
                    format!("{at}: this row has no id"),
                    "write the action's id, as the sheet gave it".into(),
                ));
            }
            continue;
        }
        let at = table.place(r, col(Column::Id).unwrap_or(0));
        if !actions.contains_key(id.as_str()) {
            let hint = suggest(&id, anchors.iter().copied()).map_or_else(
                || "rows are for the plan's actions; remove the row, or make a new sheet".to_string(),
                |near| format!("did you mean `{near}`?"),
            );
            problems.push(error(
                "unknown-action",
                format!("{at}: `{id}` is not an action of the {} plan", cx.plan.year),
                hint,
            ));
            continue;
        }
        if let Some(first) = seen.insert(id.clone(), r) {
            let hint = format!("an action has one row: keep the one on row {}", first + 1);
            problems.push(error("duplicate-id", format!("{at}: `{id}` has a row already"), hint));
            continue;
        }
        let row = read_row(table, r, &col, cx, &mut problems);
        rows.insert(id, row);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let date = date.unwrap_or_default();
    let present: Vec<Column> = columns.iter().map(|(c, _)| *c).collect();
    let mut yaml = String::new();
    let mut written = Vec::new();
    for anchor in anchors {
        let (Some(row), Some(action)) = (rows.get(anchor), actions.get(anchor)) else {
            continue;
        };
        if let Some(entry) = entry(action, row, &present, cx) {
            yaml.push_str(&entry);
            written.push(anchor.to_string());
        }
    }
    Ok(Report {
        date,
        yaml,
        actions: written,
    })
}

/// The header row and the columns it names (by index).
fn header_row(table: &Table, labels: &Labels) -> Option<(usize, Vec<(Column, usize)>)> {
    table.rows.iter().enumerate().find_map(|(r, row)| {
        let columns: Vec<(Column, usize)> = (row.iter().enumerate())
            .filter_map(|(i, c)| Some((labels.column(&c.text())?, i)))
            .collect();
        let has = |c: Column| columns.iter().any(|(x, _)| *x == c);
        (has(Column::Id) && has(Column::Status)).then_some((r, columns))
    })
}

/// The report's date: `--date`, or the sheet's; after the last report's.
fn report_date(table: &Table, cx: &Context, problems: &mut Vec<Diagnostic>) -> Option<String> {
    let (date, at) = match cx.date {
        Some(date) => (date.to_string(), "--date".to_string()),
        None => match labelled(table, &cx.labels.date) {
            Some((r, c, cell)) => (cell.text(), table.place(r, c)),
            None => (String::new(), cx.labels.date.clone()),
        },
    };
    let problem = if date.is_empty() {
        Some(format!("{at}: the report has no date"))
    } else if !is_iso_date(&date) {
        Some(format!("{at}: `{date}` is not a date"))
    } else if date > format!("{}-12-31", cx.plan.year + 1) {
        Some(format!(
            "{at}: {date} is more than a year after the {} plan's year ends",
            cx.plan.year
        ))
    } else {
        (cx.last.filter(|last| date.as_str() <= *last))
            .map(|last| format!("{at}: {date} is not after the last report, of {last}"))
    };
    match problem {
        Some(message) => {
            let hint = format!(
                "write the report's date as YYYY-MM-DD beside `{}`, or give `--date`",
                cx.labels.date
            );
            problems.push(Diagnostic::error("bad-date", cx.file, message).with_hint(hint));
            None
        }
        None => Some(date),
    }
}

/// One action's row, every cell checked.
fn read_row(
    table: &Table,
    r: usize,
    col: &dyn Fn(Column) -> Option<usize>,
    cx: &Context,
    problems: &mut Vec<Diagnostic>,
) -> Row {
    let mut row = Row::default();
    let cell = |c: Column| col(c).map(|i| (table.get(r, i), table.place(r, i)));
    let text = |c: Column| cell(c).map(|(v, _)| v.text()).filter(|t| !t.is_empty());
    let mut error = |code, message: String, hint: String| {
        problems.push(Diagnostic::error(code, cx.file, message).with_hint(hint));
    };
    if let Some((value, at)) = cell(Column::Status).filter(|(v, _)| **v != Cell::Empty) {
        let written = value.text();
        row.status = cx.words.find(&written);
        if row.status.is_none() {
            let words: Vec<&str> = cx.labels.statuses.iter().map(|(_, w)| w.as_str()).collect();
            let hint = match suggest(&written, cx.words.all()) {
                Some(near) => format!(
                    "did you mean {}? A status is one of {}",
                    cx.labels.status(cx.words.find(near).unwrap_or_default()),
                    words.join(", ")
                ),
                None => format!("a status is one of {}", words.join(", ")),
            };
            error("unknown-status", format!("{at}: `{written}` is not a status"), hint);
        }
    }
    if let Some((value, at)) = cell(Column::Progress).filter(|(v, _)| **v != Cell::Empty) {
        row.progress = match value {
            Cell::Number(n) if n.fract() == 0.0 && (0.0..=100.0).contains(n) => Some(*n as u8),
            _ => {
                let written = value.text();
                let number = written
                    .trim_end_matches('%')
                    .trim()
                    .parse::<u8>()
                    .ok()
                    .filter(|n| *n <= 100);
                match number {
                    Some(n) if !written.contains('%') => Some(n),
                    _ => {
                        let hint = match number {
                            Some(n) => format!("write it without %: {n}"),
                            None => "write the share done as a whole number from 0 to 100".to_string(),
                        };
                        let message = format!("{at}: `{written}` is not a whole number from 0 to 100, without %");
                        error("bad-progress", message, hint);
                        None
                    }
                }
            }
        };
    }
    if let Some((value, at)) = cell(Column::Due).filter(|(v, _)| **v != Cell::Empty) {
        let written = value.text();
        if is_iso_date(&written) {
            row.due = Some(written);
        } else {
            error(
                "bad-date",
                format!("{at}: `{written}` is not a date"),
                "write the date as YYYY-MM-DD, or pick it in a date cell".into(),
            );
        }
    }
    row.lead = text(Column::Lead);
    row.partners = text(Column::Partners).map(|p| {
        p.split([',', ';'])
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    });
    row.note = text(Column::Note);
    if row.status.is_none() && row.progress.is_some() && cell(Column::Status).is_some_and(|(v, _)| *v == Cell::Empty) {
        let at = cell(Column::Status).map(|(_, at)| at).unwrap_or_default();
        error(
            "missing-status",
            format!("{at}: the row says how far it has come but not its status"),
            "pick a status from the list".into(),
        );
    }
    row
}

/// The report's entry for `anchor`, when its row says something new; a
/// column the sheet does not have says nothing new.
fn entry(action: &Action, row: &Row, present: &[Column], cx: &Context) -> Option<String> {
    let anchor = action.anchor.as_str();
    let status = row.status?;
    let lang = cx.plan.lang.as_str();
    let before = cx.state.get(anchor);
    let before_note = before
        .and_then(|f| f.note_html.get(lang))
        .map(|h| crate::render::plain_text(h));
    let before_row = Row {
        status: before.map(|f| f.status),
        progress: before.and_then(|f| f.progress),
        lead: before.and_then(|f| f.lead.as_ref()).map(|n| n.get(lang).to_string()),
        partners: before
            .map(|f| f.partners.iter().map(|n| n.get(lang).to_string()).collect())
            .filter(|p: &Vec<String>| !p.is_empty()),
        due: before.and_then(|f| f.due.clone()),
        note: before_note.filter(|n| !n.is_empty()),
    };
    let has = |c: Column| present.contains(&c);
    let row = &Row {
        status: row.status,
        progress: if has(Column::Progress) {
            row.progress
        } else {
            before_row.progress
        },
        lead: if has(Column::Lead) {
            row.lead.clone()
        } else {
            before_row.lead.clone()
        },
        partners: if has(Column::Partners) {
            row.partners.clone()
        } else {
            before_row.partners.clone()
        },
        due: if has(Column::Due) {
            row.due.clone()
        } else {
            before_row.due.clone()
        },
        note: if has(Column::Note) {
            row.note.clone()
        } else {
            before_row.note.clone()
        },
    };
    if *row == before_row {
        return None;
    }
    let mut out = format!(
        "{anchor}:\n  text: {}\n  status: {}\n",
        quoted(&identity::pin_text(&action.text)),
        status.as_str()
    );
    if let Some(p) = row.progress {
        out.push_str(&format!("  progress: {p}\n"));
    }
    // What carries forward is written only when it changed.
    if let Some(due) = row.due.as_ref().filter(|_| row.due != before_row.due) {
        out.push_str(&format!("  due: {due}\n"));
    }
    if let Some(lead) = row.lead.as_ref().filter(|_| row.lead != before_row.lead) {
        out.push_str(&format!("  lead: {}\n", quoted(lead)));
    }
    if let Some(partners) = row.partners.as_ref().filter(|_| row.partners != before_row.partners) {
        let list: Vec<String> = partners.iter().map(|p| quoted(p)).collect();
        out.push_str(&format!("  partners: [{}]\n", list.join(", ")));
    }
    if let Some(note) = &row.note {
        out.push_str(&format!("  note:\n    {lang}: {}\n", quoted(note)));
    }
    Some(out)
}

/// `text` as a double-quoted YAML string.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
