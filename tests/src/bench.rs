//! What the benchmarks share: the databases they measure on, and their figures printed side
//! by side, one column per engine.

use std::path::Path;

/// The URLs given as arguments (empty databases; a postgres:// one must exist), else a fresh
/// SQLite file in `dir`.
pub fn database_urls(dir: &Path) -> Vec<String> {
    let urls: Vec<String> = std::env::args().skip(1).collect();
    if urls.is_empty() {
        vec![format!("sqlite://{}", dir.join("bench.db").display())]
    } else {
        urls
    }
}

/// The engine a database URL names ("sqlite", "postgres"), for column headings.
pub fn engine_of(url: &str) -> String {
    url.split(':').next().unwrap_or_default().to_string()
}

/// One line of the table: its label and how to show an engine's figure.
pub type Row<'a, F> = (&'a str, &'a dyn Fn(&F) -> String);

/// Prints the figures of two or more engines as a table (nothing for one: its own lines say
/// it all).
pub fn print_side_by_side<F>(figures: &[F], engine: impl Fn(&F) -> &str, rows: &[Row<'_, F>]) {
    if figures.len() < 2 {
        return;
    }
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let line = |label: &str, cells: Vec<String>| {
        let pad = width.saturating_sub(label.chars().count());
        let cells: String = cells.iter().map(|c| format!("{c:>14}")).collect();
        println!("{label}{}{cells}", " ".repeat(pad));
    };
    println!();
    line("", figures.iter().map(|f| engine(f).to_string()).collect());
    for (label, value) in rows {
        line(label, figures.iter().map(value).collect());
    }
}
