//! CSV: one row per highlight and tag, RFC 4180 quoting, UTF-8, for spreadsheets.

use super::{Notes, meeting_line};

pub const HEADER: [&str; 12] = [
    "article",
    "title",
    "published",
    "source",
    "meetings",
    "start",
    "end",
    "quote",
    "tag",
    "tag_path",
    "note",
    "status",
];

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
                w.write_record([
                    a.path.as_str(),
                    a.meta.title.as_str(),
                    published.as_str(),
                    a.meta.source.as_deref().unwrap_or(""),
                    meetings.as_str(),
                    &h.range.start.to_string(),
                    &h.range.end.to_string(),
                    h.quote.as_str(),
                    t.name.as_str(),
                    &notes.tag_path(t),
                    h.note.as_str(),
                    h.status.as_str(),
                ])?;
            }
        }
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
