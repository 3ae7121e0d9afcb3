//! A real .xlsx workbook, one worksheet a sheet, written with `rust_xlsxwriter` (a maintained
//! writer of the Office Open XML format): counts as numbers, shares as percentages, dates as
//! dates formatted DD.MM.YYYY, so that the numbers can be summed and charted in Excel.

use super::{Cell, Export};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// Excel limits a worksheet's name to 31 characters without []:*?/\.
fn sheet_name(title: &str, index: usize) -> String {
    let clean: String = title
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(28)
        .collect();
    if clean.trim().is_empty() {
        format!("Ark {}", index + 1)
    } else {
        clean
    }
}

pub fn write(export: &Export) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0 %");
    let date = Format::new().set_num_format("dd.mm.yyyy");
    for (i, sheet) in export.sheets.iter().enumerate() {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&sheet.title, i))?;
        for (c, header) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, header, &bold)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => {
                        ws.write_string(r, c, s)?;
                    }
                    Cell::Count(n) => {
                        ws.write_number(r, c, *n as f64)?;
                    }
                    Cell::Rate(Some(rate)) => {
                        ws.write_number_with_format(r, c, *rate, &percent)?;
                    }
                    Cell::Rate(None) => {}
                    Cell::Date(d) => {
                        ws.write_datetime_with_format(r, c, *d, &date)?;
                    }
                }
            }
        }
        ws.set_column_width(0, 24)?;
    }
    book.save_to_buffer()
}
