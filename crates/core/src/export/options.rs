//! What one export is: the format and the switches it takes (a codebook report by tag, a
//! byte order mark for spreadsheets, the coder's name, positions as stored), and the bytes
//! it makes from a workspace and the timeline's filter. The command line and the app's
//! export dialog both go through [`ExportOptions::bytes`], so they write the same file.

use super::{ExportError, ExportFormat, Notes, collect, render};
use crate::filter::Query;
use crate::workspace::Workspace;

/// One export's choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    pub format: ExportFormat,
    /// Markdown: a codebook report grouped by tag instead of notes by report.
    pub by_tag: bool,
    /// CSV: start with a UTF-8 byte order mark, for Excel and LibreOffice.
    pub bom: bool,
    /// Who coded (the REFI-QDA project's user); empty: "dossier".
    pub coder: String,
    /// Positions counted in each report as stored (BOM one character, CRLF two).
    pub raw_offsets: bool,
}

impl ExportOptions {
    pub fn new(format: ExportFormat) -> Self {
        ExportOptions {
            format,
            by_tag: false,
            bom: false,
            coder: String::new(),
            raw_offsets: false,
        }
    }

    /// The switches this format takes.
    pub fn takes_by_tag(&self) -> bool {
        self.format == ExportFormat::Markdown
    }
    pub fn takes_bom(&self) -> bool {
        matches!(self.format, ExportFormat::Csv | ExportFormat::CodebookCsv)
    }
    pub fn takes_coder(&self) -> bool {
        self.format == ExportFormat::Qdpx
    }
    pub fn takes_raw_offsets(&self) -> bool {
        matches!(
            self.format,
            ExportFormat::Csv
                | ExportFormat::Json
                | ExportFormat::Markdown
                | ExportFormat::Obsidian
        )
    }

    /// A file name for the export of `corpus`.
    pub fn file_name(&self, corpus: &str) -> String {
        let tail = match self.format {
            ExportFormat::Markdown if self.by_tag => "-by-tag",
            ExportFormat::Qdc | ExportFormat::CodebookCsv => "-codebook",
            _ => "",
        };
        format!("{corpus}-notes{tail}.{}", self.format.extension())
    }

    /// The notes of `ws` that `q` selects, as these options have them (coder, positions).
    pub fn notes(&self, ws: &Workspace, q: &Query) -> Result<Notes, ExportError> {
        let mut notes = collect(ws, q);
        let coder = self.coder.trim();
        notes.coder = (!coder.is_empty()).then(|| coder.to_owned());
        if self.raw_offsets && self.takes_raw_offsets() {
            notes.count_as_stored(&ws.folder)?;
        }
        Ok(notes)
    }

    /// The bytes to write for `notes`: rendered, with the byte order mark if asked.
    pub fn bytes(&self, notes: &Notes) -> Result<Vec<u8>, ExportError> {
        let mut bytes = render(notes, self.format, self.by_tag)?;
        if self.bom && self.takes_bom() {
            bytes.splice(0..0, super::csv::BOM.iter().copied());
        }
        Ok(bytes)
    }

    /// What the export will hold, for a preview: its first `lines` lines (a zip is
    /// described instead), or why there is nothing to export.
    pub fn preview(&self, ws: &Workspace, q: &Query, lines: usize) -> String {
        let notes = match self.notes(ws, q) {
            Ok(n) => n,
            Err(e) => return format!("Cannot export: {e}"),
        };
        if notes.articles.is_empty()
            && !matches!(self.format, ExportFormat::Qdc | ExportFormat::CodebookCsv)
        {
            return "Nothing to export: no report the filter shows has highlights or a note."
                .into();
        }
        if self.format == ExportFormat::Qdpx {
            return format!(
                "A REFI-QDA project: a zip holding project.qde and the text of {} reports.\n\
                 {} highlights, {} codes.\nCoder: {}\n",
                notes.articles.len(),
                notes.highlight_count(),
                notes.tags.len(),
                notes.coder.as_deref().unwrap_or("dossier")
            );
        }
        match self.bytes(&notes) {
            Err(e) => format!("Cannot export: {e}"),
            Ok(bytes) => {
                let mut out = String::new();
                if bytes.starts_with(super::csv::BOM) {
                    out.push_str("(UTF-8 byte order mark)\n");
                }
                let text =
                    String::from_utf8_lossy(bytes.strip_prefix(super::csv::BOM).unwrap_or(&bytes));
                let total = text.lines().count();
                for line in text.lines().take(lines) {
                    out.push_str(line);
                    out.push('\n');
                }
                if total > lines {
                    out.push_str(&format!("… {} more lines\n", total - lines));
                }
                out
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_takes_its_own_switches() {
        let csv = ExportOptions::new(ExportFormat::Csv);
        assert!(csv.takes_bom() && csv.takes_raw_offsets() && !csv.takes_coder());
        let qdpx = ExportOptions::new(ExportFormat::Qdpx);
        assert!(qdpx.takes_coder() && !qdpx.takes_raw_offsets() && !qdpx.takes_bom());
        let md = ExportOptions {
            by_tag: true,
            ..ExportOptions::new(ExportFormat::Markdown)
        };
        assert_eq!(md.file_name("samples"), "samples-notes-by-tag.md");
        assert_eq!(
            ExportOptions::new(ExportFormat::CodebookCsv).file_name("s"),
            "s-notes-codebook.csv"
        );
    }
}
