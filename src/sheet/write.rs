//! `follow-up sheet`: the workbook an action owner fills in — one row per
//! action with what identifies it and what the last report said, the status
//! as a drop-down of the site's own words, progress held to 0–100, dates as
//! date cells, and the report's date in a named cell at the top.

use super::columns::{Column, Labels};
use rust_xlsxwriter::{DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// The row of the header; the actions follow it.
pub const HEADER_ROW: u32 = 2;

/// One action as the sheet shows it.
pub struct SheetRow<'a> {
    pub area: &'a str,
    pub id: &'a str,
    pub action: &'a str,
    pub lead: &'a str,
    pub partners: String,
    /// `YYYY-MM-DD`.
    pub due: Option<&'a str>,
    /// The status as the site shows it, from the last report.
    pub status: Option<&'a str>,
    pub progress: Option<u8>,
    pub note: String,
}

/// What the workbook is made from.
pub struct Sheet<'a> {
    pub year: u16,
    pub rows: &'a [SheetRow<'a>],
    pub labels: &'a Labels,
    /// The date the workbook says it was made (`YYYY-MM-DD`): the last
    /// report's, so that the same site gives the same bytes.
    pub made: &'a str,
}

fn date(iso: &str) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::parse_from_str(iso)
}

/// The workbook's bytes.
pub fn workbook(sheet: &Sheet) -> Result<Vec<u8>, XlsxError> {
    let labels = sheet.labels;
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_creation_datetime(&date(sheet.made)?));
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let ws = book.add_worksheet();
    ws.set_name(&labels.sheet)?;
    // The report's date and the plan's year, above the table.
    ws.write_string_with_format(0, 0, &labels.date, &bold)?;
    ws.write_string_with_format(0, 1, "", &day)?;
    let dates = DataValidationRule::Between(date("2000-01-01")?, date("2099-12-31")?);
    ws.add_data_validation(0, 1, 0, 1, &DataValidation::new().allow_date(dates.clone()))?;
    ws.write_string_with_format(0, 3, &labels.year, &bold)?;
    ws.write_number(0, 4, f64::from(sheet.year))?;
    for (col, column) in Column::ALL.iter().enumerate() {
        let col = col as u16;
        ws.set_column_width(col, column.width())?;
        ws.write_string_with_format(HEADER_ROW, col, labels.header(*column), &bold)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    let first = HEADER_ROW + 1;
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = first + i as u32;
        for (col, column) in Column::ALL.iter().enumerate() {
            let col = col as u16;
            match column {
                Column::Area => ws.write_string_with_format(r, col, row.area, &wrap)?,
                Column::Id => ws.write_string(r, col, row.id)?,
                Column::Action => ws.write_string_with_format(r, col, row.action, &wrap)?,
                Column::Lead => ws.write_string(r, col, row.lead)?,
                Column::Partners => ws.write_string(r, col, &row.partners)?,
                Column::Due => match row.due {
                    Some(due) => ws.write_datetime_with_format(r, col, date(due)?, &day)?,
                    None => ws.write_string_with_format(r, col, "", &day)?,
                },
                Column::Status => ws.write_string(r, col, row.status.unwrap_or_default())?,
                Column::Progress => match row.progress {
                    Some(p) => ws.write_number(r, col, f64::from(p))?,
                    None => ws.write_string(r, col, "")?,
                },
                Column::Note => ws.write_string_with_format(r, col, &row.note, &wrap)?,
            };
        }
    }
    let last = first + sheet.rows.len().max(1) as u32 - 1;
    let col = |c: Column| Column::ALL.iter().position(|x| *x == c).unwrap_or(0) as u16;
    let words: Vec<&str> = labels.statuses.iter().map(|(_, w)| w.as_str()).collect();
    let validations = [
        (Column::Status, DataValidation::new().allow_list_strings(&words)?),
        (
            Column::Progress,
            DataValidation::new().allow_whole_number(DataValidationRule::Between(0, 100)),
        ),
        (Column::Due, DataValidation::new().allow_date(dates)),
    ];
    for (column, validation) in validations {
        ws.add_data_validation(first, col(column), last, col(column), &validation)?;
    }
    let quoted = format!("'{}'", labels.sheet.replace('\'', "''"));
    book.define_name("report_date", &format!("={quoted}!$B$1"))?;
    book.define_name("plan_year", &format!("={quoted}!$E$1"))?;
    book.save_to_buffer()
}
