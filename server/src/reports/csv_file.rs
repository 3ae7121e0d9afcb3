//! CSV that Norwegian Excel opens as it should: UTF-8 with a byte-order mark (else Excel reads
//! it as Windows-1252), semicolons (the comma is the decimal sign), decimal commas and dates
//! as DD.MM.YYYY. Several sheets follow one another, each under its title, a blank line
//! between. Written with the `csv` crate, which quotes what needs quoting.

use super::{Cell, Export};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A share as a percentage with one decimal and a decimal comma: 0.8333 → "83,3".
pub(crate) fn percent(rate: f64) -> String {
    format!("{:.1}", rate * 100.0).replace('.', ",")
}

/// A name or title as Excel should show it: text that starts like a formula (`=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading apostrophe, so that a course called
/// "=HYPERLINK(…)" stays text.
fn safe_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => safe_text(s),
        Cell::Count(n) => n.to_string(),
        Cell::Rate(Some(r)) => percent(*r),
        Cell::Rate(None) => String::new(),
        Cell::Date(d) => d.format("%d.%m.%Y").to_string(),
    }
}

pub fn write(export: &Export) -> Vec<u8> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(BOM.to_vec());
    let titled = export.sheets.len() > 1;
    for (i, sheet) in export.sheets.iter().enumerate() {
        // Writing to memory cannot fail but for a bug.
        if titled {
            if i > 0 {
                out.write_record([""]).expect("writing to memory");
            }
            out.write_record([&sheet.title]).expect("writing to memory");
        }
        out.write_record(sheet.headers.iter().map(|h| safe_text(h)))
            .expect("writing to memory");
        for row in &sheet.rows {
            out.write_record(row.iter().map(text))
                .expect("writing to memory");
        }
    }
    out.into_inner().expect("flushing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_take_a_decimal_comma() {
        assert_eq!(percent(5.0 / 6.0), "83,3");
        assert_eq!(percent(1.0), "100,0");
        assert_eq!(
            text(&Cell::Date("2026-03-01".parse().unwrap())),
            "01.03.2026"
        );
    }

    #[test]
    fn text_that_looks_like_a_formula_stays_text() {
        assert_eq!(text(&Cell::Text("=1+2".into())), "'=1+2");
        assert_eq!(text(&Cell::Text("@SUM(A1)".into())), "'@SUM(A1)");
        assert_eq!(
            text(&Cell::Text("Ny retning – mars".into())),
            "Ny retning – mars"
        );
        assert_eq!(text(&Cell::Text("<5".into())), "<5");
        let export = super::super::Export {
            file_stem: "x".into(),
            sheets: vec![super::super::Sheet {
                title: "t".into(),
                headers: vec!["=cmd".into()],
                rows: vec![],
            }],
            for_sharing: false,
        };
        assert!(String::from_utf8(write(&export)).unwrap().contains("'=cmd"));
    }
}
