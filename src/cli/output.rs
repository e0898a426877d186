//! Writing rows as TSV (header row, one record a line, tabs and line breaks in fields
//! turned into spaces) or as a JSON array of objects.

use super::{Fatal, Format};
use serde::Serialize;
use std::io::Write;

/// A row the command line can print: its TSV cells in the order of `HEADER`.
pub trait Row: Serialize {
    const HEADER: &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

/// Print `rows` to stdout in `format`.
pub fn print<R: Row>(rows: &[R], format: Format) -> Result<(), Fatal> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        Format::Tsv => {
            writeln!(out, "{}", R::HEADER.join("\t"))?;
            for row in rows {
                let cells: Vec<String> = row.cells().iter().map(|c| tsv_cell(c)).collect();
                writeln!(out, "{}", cells.join("\t"))?;
            }
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, rows)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// A table whose first row is its header, as TSV or as a JSON array of objects keyed by
/// the header (whole numbers as numbers).
pub fn table(rows: &[Vec<String>], format: Format) -> Result<String, Fatal> {
    let Some((header, body)) = rows.split_first() else {
        return Ok(String::new());
    };
    match format {
        Format::Tsv => Ok(rows
            .iter()
            .map(|r| r.iter().map(|c| tsv_cell(c)).collect::<Vec<_>>().join("\t") + "\n")
            .collect()),
        Format::Json => {
            let objects: Vec<serde_json::Map<String, serde_json::Value>> = body
                .iter()
                .map(|r| {
                    let cell = |c: &String| match c.parse::<u64>() {
                        Ok(n) => serde_json::Value::from(n),
                        Err(_) => serde_json::Value::from(c.clone()),
                    };
                    header.iter().cloned().zip(r.iter().map(cell)).collect()
                })
                .collect();
            Ok(serde_json::to_string_pretty(&objects)? + "\n")
        }
    }
}

fn tsv_cell(value: &str) -> String {
    value.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn tsv_cells_never_break_the_row() {
        assert_eq!(super::tsv_cell("a\tb\nc\r"), "a b c ");
    }
}
