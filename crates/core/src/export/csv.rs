//! CSV: one row per highlight and tag, RFC 4180 quoting, UTF-8, for spreadsheets; safe to
//! open there. A cell that a spreadsheet would run as a formula (one beginning with `=`,
//! `+`, `-`, `@`, a tab or a carriage return, the OWASP rule) is prefixed with `'`, so it
//! shows as text. A nested tag's path joins its names with ` / `, each name's own `/` and
//! `\` escaped with `\`, so "BRI / Connectivity" nested and a tag named so differ; `tag_id`
//! names the tag for good. `--bom` (for Excel and LibreOffice, which otherwise guess
//! Windows-1252) starts the file with a UTF-8 byte order mark.

use super::{Notes, meeting_line};

pub const HEADER: [&str; 13] = [
    "article",
    "title",
    "published",
    "source",
    "meetings",
    "start",
    "end",
    "quote",
    "tag",
    "tag_id",
    "tag_path",
    "note",
    "status",
];

/// The UTF-8 byte order mark `--bom` puts first.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `cell` as a spreadsheet shows it as text, never as a formula.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A tag's path from its names (root first), unambiguous: ` / ` between names, `/` and
/// `\` inside a name escaped.
pub fn path_of(names: &[String]) -> String {
    let escaped: Vec<String> = names
        .iter()
        .map(|n| n.replace('\\', "\\\\").replace('/', "\\/"))
        .collect();
    escaped.join(" / ")
}

/// The notes as CSV bytes.
pub fn write(notes: &Notes) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(HEADER)?;
    for a in &notes.articles {
        let meetings: Vec<String> = a.meetings.iter().map(meeting_line).collect();
        let meetings = meetings.join("; ");
        let published = a.meta.published.map(|d| d.to_string()).unwrap_or_default();
        for h in &a.highlights {
            for t in &h.tags {
                let cells = [
                    a.path.as_str(),
                    a.meta.title.as_str(),
                    published.as_str(),
                    a.meta.source.as_deref().unwrap_or(""),
                    meetings.as_str(),
                    &h.range.start.to_string(),
                    &h.range.end.to_string(),
                    h.quote.as_str(),
                    t.name.as_str(),
                    t.id.as_str(),
                    &path_of(&notes.tag_names(t)),
                    h.note.as_str(),
                    h.status.as_str(),
                ];
                w.write_record(cells.iter().map(|c| neutralise(c).into_owned()))?;
            }
        }
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// Any table (a header row first) as CSV bytes, each cell safe in a spreadsheet; with
/// `bom`, the UTF-8 byte order mark first.
pub fn table(rows: &[Vec<String>], bom: bool) -> Result<Vec<u8>, csv::Error> {
    let start = if bom { BOM.to_vec() } else { Vec::new() };
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(start);
    for row in rows {
        w.write_record(row.iter().map(|c| neutralise(c).into_owned()))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// The codebook alone, for Taguette's and QualCoder's codebook import: `tag description
/// tag_path tag_id parent_id colour`, in codebook order. (Taguette takes the tag from the
/// one column named `tag`, `name` or `path`, and refuses a file with two of them.)
pub fn codebook(notes: &Notes) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record([
        "tag",
        "description",
        "tag_path",
        "tag_id",
        "parent_id",
        "colour",
    ])?;
    for t in &notes.tags {
        let cells = [
            t.name.as_str(),
            t.description.as_str(),
            &path_of(&notes.tag_names(t)),
            t.id.as_str(),
            t.parent.as_deref().unwrap_or(""),
            t.colour.as_str(),
        ];
        w.write_record(cells.iter().map(|c| neutralise(c).into_owned()))?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_shown_as_text_and_paths_are_unambiguous() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for live in ["+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(live).starts_with('\''), "{live:?}");
        }
        assert_eq!(neutralise("Belt and Road"), "Belt and Road");
        assert_eq!(neutralise(""), "");
        let nested = path_of(&["BRI".into(), "Connectivity".into()]);
        let named = path_of(&["BRI / Connectivity".into()]);
        assert_eq!(nested, "BRI / Connectivity");
        assert_eq!(named, "BRI \\/ Connectivity");
        assert_ne!(nested, named);
    }
}
