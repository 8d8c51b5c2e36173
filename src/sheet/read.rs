//! A filled-in sheet read back: the follow-up sheet of an xlsx or ods
//! workbook (calamine), or a CSV file separated by `;` or `,` (as Excel
//! saves it in Swedish or English), as rows of cells that each know their
//! place ("Uppföljning!D7").

use calamine::{Data, Reader};
use std::path::Path;

/// A cell as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date cell, as `YYYY-MM-DD`.
    Date(String),
}

impl Cell {
    /// The cell as text, as a person reads it.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 => format!("{n:.0}"),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.clone(),
        }
    }
}

/// The cells of one sheet.
pub struct Table {
    /// The sheet's name, or the file's for a CSV file.
    pub sheet: String,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&Cell::Empty)
    }

    /// Where a cell is, as a spreadsheet names it: `Uppföljning!D7`.
    pub fn place(&self, row: usize, col: usize) -> String {
        format!("{}!{}{}", self.sheet, column_letters(col), row + 1)
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Read `path`: the sheet named `sheet` of a workbook (or its first), or a
/// CSV file. The error says what is wrong with the file, in words.
pub fn read(path: &Path, sheet: &str) -> Result<Table, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_lowercase();
    if !matches!(ext.as_str(), "xlsx" | "ods" | "csv") {
        return Err("it is not a follow-up sheet: give an .xlsx, .ods or .csv file".into());
    }
    // A sheet for a plan is a few kilobytes; the package rules hold for CSV too.
    let bytes = crate::package::read_file(path, "follow-up sheet")?;
    if ext == "csv" {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("csv");
        return Ok(Table {
            sheet: name.to_string(),
            rows: csv_rows(&bytes)?,
        });
    }
    workbook(bytes, sheet)
}

fn workbook(bytes: Vec<u8>, wanted: &str) -> Result<Table, String> {
    // The table of contents is checked (a zip bomb is refused) before calamine inflates anything.
    let bytes = crate::package::Package::open(bytes, "workbook")?.into_bytes();
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| format!("it cannot be read as a workbook: {e}"))?;
    let names = book.sheet_names();
    let name = (names.iter().find(|n| n.trim().eq_ignore_ascii_case(wanted)))
        .or(names.first())
        .cloned()
        .ok_or("the workbook has no sheet")?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("its sheet `{name}` cannot be read: {e}"))?;
    let (top, left) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut rows = vec![Vec::new(); top];
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; left];
        cells.extend(row.iter().map(cell));
        rows.push(cells);
    }
    // A formula is read as its text, never as what it computed: a sheet
    // says what its owner wrote (`=HYPERLINK(…)` is not a status).
    if let Ok(formulas) = book.worksheet_formula(&name) {
        let (top, left) = formulas.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
        for (r, row) in formulas.rows().enumerate() {
            for (c, formula) in row.iter().enumerate().filter(|(_, f)| !f.is_empty()) {
                let (r, c) = (top + r, left + c);
                rows.resize(rows.len().max(r + 1), Vec::new());
                let row = &mut rows[r];
                row.resize(row.len().max(c + 1), Cell::Empty);
                row[c] = Cell::Text(format!("={}", formula.trim_start_matches('=')));
            }
        }
    }
    Ok(Table { sheet: name, rows })
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(d) => Cell::Date(serial_date(d.as_f64())),
        Data::DateTimeIso(s) => Cell::Date(s.chars().take(10).collect()),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// A spreadsheet's day number (1900 date system) as `YYYY-MM-DD`.
pub fn serial_date(serial: f64) -> String {
    // Day 25569 is 1970-01-01; then the civil calendar from days.
    let z = serial.floor() as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A CSV file's rows: UTF-8 (with or without a byte-order mark) or, as
/// Excel saves it on Windows, Windows-1252; separated by `;` or `,`,
/// whichever its lines use more.
fn csv_rows(bytes: &[u8]) -> Result<Vec<Vec<Cell>>, String> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    };
    // Separators inside quotes ("Klar; jo") do not count.
    let unquoted = |line: &str| -> String { line.split('"').step_by(2).collect() };
    let count = |c: char| {
        text.lines()
            .take(10)
            .map(|l| unquoted(l).matches(c).count())
            .max()
            .unwrap_or(0)
    };
    let delimiter = if count(';') >= count(',') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Lines counted as the records go by (from each record's byte), so that
    // a long file is read in one pass.
    let (mut counted_to, mut line) = (0, 1);
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("line {} is not CSV: {e}", i + 1))?;
        // Empty lines are skipped by the reader (and by its own line count):
        // a row is its line, so that a problem's place is where the editor sees it.
        let mut byte = record
            .position()
            .map_or(text.len(), |p| p.byte() as usize)
            .min(text.len());
        while matches!(text.as_bytes().get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        let byte = byte.min(text.len());
        line += text.as_bytes()[counted_to.min(byte)..byte]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted_to = counted_to.max(byte);
        rows.resize(line.saturating_sub(1).max(rows.len()), Vec::new());
        rows.push(
            record
                .iter()
                .map(|f| {
                    if f.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f.to_string())
                    }
                })
                .collect(),
        );
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        let cases = [
            (0, "A"),
            (3, "D"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
        ];
        for (col, want) in cases {
            assert_eq!(column_letters(col), want, "{col}");
        }
    }

    #[test]
    fn day_numbers_are_dates() {
        let cases = [
            (44834.0, "2022-09-30"),
            (44926.0, "2022-12-31"),
            (36526.0, "2000-01-01"),
            (45351.5, "2024-02-29"),
        ];
        for (serial, want) in cases {
            assert_eq!(serial_date(serial), want, "{serial}");
        }
    }

    #[test]
    fn csv_in_either_separator_and_encoding() {
        let semicolons = csv_rows("Id;Status\nskola-1;Klar, nästan\n".as_bytes()).unwrap();
        assert_eq!(
            semicolons[1],
            [Cell::Text("skola-1".into()), Cell::Text("Klar, nästan".into())]
        );
        let commas = csv_rows(b"\xef\xbb\xbfId,Status\n\nskola-1,\"Klar; jo\"\n").unwrap();
        assert_eq!(
            commas[0][0],
            Cell::Text("Id".into()),
            "the byte-order mark is not part of the first cell"
        );
        assert_eq!(commas[2][1], Cell::Text("Klar; jo".into()), "a row is its line");
        let latin1 = csv_rows(b"Id;Status\nskola-1;P\xe5g\xe5r\n").unwrap();
        assert_eq!(latin1[1][1], Cell::Text("Pågår".into()));
    }
}
