//! A REFI-QDA project (`.qdpx`), the exchange format NVivo, MAXQDA, ATLAS.ti and
//! QualCoder import: a zip holding `project.qde` (QDA-XML: users, the codebook with
//! colours and hierarchy, text sources with their coded selections and notes) and each
//! article's text as UTF-8 under `sources/`.
//!
//! Selections count characters in the packed text, which is exactly the normalised
//! article text (line ends `\n`): each selection selects its quote. Orphaned highlights
//! have no place in the text and are left out. GUIDs derive from dossier's ids, so the
//! same notes always give the same project.

use super::Notes;
use crate::annotations::{Status, Tag};
use jiff::Timestamp;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write as _;

/// Why the project could not be written.
#[derive(Debug, thiserror::Error)]
pub enum QdpxError {
    #[error("cannot write the zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("cannot write the zip: {0}")]
    Io(#[from] std::io::Error),
}

/// The `.qdpx` bytes for `notes`, stamped as created at `at`.
pub fn write(notes: &Notes, at: Timestamp) -> Result<Vec<u8>, QdpxError> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("project.qde", options)?;
    zip.write_all(project_xml(notes, at).as_bytes())?;
    for a in &notes.articles {
        zip.start_file(
            format!("sources/{}.txt", guid(&["source", &a.path])),
            options,
        )?;
        zip.write_all(a.text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The `project.qde` XML.
pub fn project_xml(notes: &Notes, at: Timestamp) -> String {
    let coder = notes.coder.as_deref().unwrap_or("dossier");
    let user = guid(&["user", coder]);
    let at = at.to_string();
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"{}\" origin=\"dossier {}\" creatingUserGUID=\"{user}\" creationDateTime=\"{at}\">",
        esc(&notes.corpus),
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        x,
        "  <Users>\n    <User guid=\"{user}\" name=\"{}\"/>\n  </Users>",
        esc(coder)
    );

    if !notes.tags.is_empty() {
        x.push_str("  <CodeBook>\n    <Codes>\n");
        codes(&mut x, notes, 3);
        x.push_str("    </Codes>\n  </CodeBook>\n");
    }
    if !notes.articles.is_empty() {
        x.push_str("  <Variables>\n");
        for (name, kind) in VARIABLES {
            let _ = writeln!(
                x,
                "    <Variable guid=\"{}\" name=\"{name}\" typeOfVariable=\"{kind}\"/>",
                guid(&["variable", name])
            );
        }
        x.push_str("  </Variables>\n");
    }

    let mut note_xml = String::new();
    if !notes.articles.is_empty() {
        x.push_str("  <Sources>\n");
        for a in &notes.articles {
            let source = guid(&["source", &a.path]);
            let _ = writeln!(
                x,
                "    <TextSource guid=\"{source}\" name=\"{}\" plainTextPath=\"internal://{source}.txt\" creatingUser=\"{user}\" creationDateTime=\"{at}\">",
                esc(&a.path)
            );
            // The report's note, where importers show a source's memo (it is also a Note).
            if !a.note.is_empty() {
                let _ = writeln!(x, "      <Description>{}</Description>", esc(&a.note));
            }
            for h in a.highlights.iter().filter(|h| h.status != Status::Orphan) {
                let _ = writeln!(
                    x,
                    "      <PlainTextSelection guid=\"{}\" name=\"{}\" startPosition=\"{}\" endPosition=\"{}\" creatingUser=\"{user}\" creationDateTime=\"{}\" modifiedDateTime=\"{}\">",
                    guid(&["selection", &h.id]),
                    esc(&crate::text::shorten(&h.quote, 60)),
                    h.range.start,
                    h.range.end,
                    h.created,
                    h.modified
                );
                if !h.note.is_empty() {
                    let _ = writeln!(x, "        <Description>{}</Description>", esc(&h.note));
                }
                for t in &h.tags {
                    let _ = writeln!(
                        x,
                        "        <Coding guid=\"{}\" creatingUser=\"{user}\" creationDateTime=\"{}\">\n          <CodeRef targetGUID=\"{}\"/>\n        </Coding>",
                        guid(&["coding", &h.id, &t.id]),
                        h.created,
                        guid(&["code", &t.id])
                    );
                }
                x.push_str("      </PlainTextSelection>\n");
            }
            if !a.note.is_empty() {
                let note = guid(&["note", &a.path]);
                let _ = writeln!(x, "      <NoteRef targetGUID=\"{note}\"/>");
                let _ = writeln!(
                    note_xml,
                    "    <Note guid=\"{note}\" name=\"{}\" creatingUser=\"{user}\" creationDateTime=\"{at}\">\n      <PlainTextContent>{}</PlainTextContent>\n    </Note>",
                    esc(&format!("Note on {}", a.path)),
                    esc(&a.note)
                );
            }
            for (name, value) in variable_values(a) {
                let _ = writeln!(
                    x,
                    "      <VariableValue>\n        <VariableRef targetGUID=\"{}\"/>\n        {value}\n      </VariableValue>",
                    guid(&["variable", name])
                );
            }
            x.push_str("    </TextSource>\n");
        }
        x.push_str("  </Sources>\n");
    }
    if !note_xml.is_empty() {
        let _ = write!(x, "  <Notes>\n{note_xml}  </Notes>\n");
    }
    x.push_str("</Project>\n");
    x
}

/// The report's metadata as REFI-QDA variables: (name, type).
const VARIABLES: [(&str, &str); 5] = [
    ("title", "Text"),
    ("published", "Date"),
    ("source", "Text"),
    ("place", "Text"),
    ("participants", "Text"),
];

/// A report's value of each variable it has, as the value element.
fn variable_values(a: &super::ExportedArticle) -> Vec<(&'static str, String)> {
    let text = |v: &str| format!("<TextValue>{}</TextValue>", esc(v));
    let mut out = vec![("title", text(&a.meta.title))];
    if let Some(d) = a.meta.published {
        out.push(("published", format!("<DateValue>{d}</DateValue>")));
    }
    if let Some(s) = &a.meta.source {
        out.push(("source", text(s)));
    }
    if let Some(p) = &a.meta.place {
        out.push(("place", text(p)));
    }
    let mut participants: Vec<&str> = a
        .meetings
        .iter()
        .flat_map(|m| std::iter::once(&m.leader).chain(&m.counterparts))
        .map(|p| p.name.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    participants.sort_unstable();
    participants.dedup();
    if !participants.is_empty() {
        out.push(("participants", text(&participants.join("; "))));
    }
    out
}

fn is_root(notes: &Notes, t: &Tag) -> bool {
    t.parent
        .as_ref()
        .is_none_or(|p| !notes.tags.iter().any(|x| x.id == *p))
}

/// Every code, roots first with their children nested, indented at `depth`.
fn codes(x: &mut String, notes: &Notes, depth: usize) {
    let mut done = BTreeSet::new();
    for t in notes.tags.iter().filter(|t| is_root(notes, t)) {
        code(x, notes, t, depth, &mut done);
    }
}

/// The codebook alone as a REFI-QDA codebook (`.qdc`), which QualCoder, MAXQDA and NVivo
/// import: the codes with their hierarchy, colours and descriptions.
pub fn codebook_xml(notes: &Notes) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"dossier {}\">\n  <Codes>",
        env!("CARGO_PKG_VERSION")
    );
    codes(&mut x, notes, 2);
    x.push_str("  </Codes>\n</CodeBook>\n");
    x
}

/// A code and, nested in it, its children (each code once, whatever the hierarchy says).
fn code(x: &mut String, notes: &Notes, t: &Tag, depth: usize, done: &mut BTreeSet<String>) {
    if !done.insert(t.id.clone()) {
        return;
    }
    let pad = "  ".repeat(depth);
    let colour = if crate::annotations::model::is_hex_colour(&t.colour) {
        format!(" color=\"{}\"", t.colour)
    } else {
        String::new()
    };
    let children: Vec<&Tag> = notes
        .tags
        .iter()
        .filter(|c| c.parent.as_deref() == Some(t.id.as_str()) && !done.contains(&c.id))
        .collect();
    let _ = write!(
        x,
        "{pad}<Code guid=\"{}\" name=\"{}\" isCodable=\"true\"{colour}",
        guid(&["code", &t.id]),
        esc(&t.name)
    );
    if t.description.is_empty() && children.is_empty() {
        x.push_str("/>\n");
        return;
    }
    x.push_str(">\n");
    if !t.description.is_empty() {
        let _ = writeln!(
            x,
            "{pad}  <Description>{}</Description>",
            esc(&t.description)
        );
    }
    for c in children {
        code(x, notes, c, depth + 1, done);
    }
    let _ = writeln!(x, "{pad}</Code>");
}

/// XML text and attribute escaping; characters XML 1.0 forbids are dropped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            // Not characters of XML 1.0: other controls, U+FFFE and U+FFFF.
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A GUID derived from `parts`: the same parts always give the same GUID.
pub fn guid(parts: &[&str]) -> String {
    let hash = |seed: u64| {
        let mut h = seed;
        for p in parts {
            for b in p.bytes().chain([0xff]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    };
    let (a, b) = (hash(0xcbf2_9ce4_8422_2325), hash(0x6c62_272e_07bb_0142));
    // Shaped as a version-5-style UUID: version nibble 5, variant bits 10.
    let a = (a & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_5000;
    let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_stable_distinct_and_well_formed() {
        let g = guid(&["code", "t1"]);
        assert_eq!(g, guid(&["code", "t1"]));
        assert_ne!(g, guid(&["code", "t2"]));
        assert_ne!(guid(&["ab", "c"]), guid(&["a", "bc"]));
        let parts: Vec<usize> = g.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12]);
        assert!(g.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
    }

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(esc("a<b & \"c\"\u{1}\n"), "a&lt;b &amp; &quot;c&quot;&#10;");
        // U+FFFE and U+FFFF are not XML characters; RTL marks and emoji are.
        assert_eq!(esc("x\u{FFFE}y\u{FFFF}z\r"), "xyz&#13;");
        assert_eq!(esc("\u{200F}مرحبا 🇰🇿 ]]>"), "\u{200F}مرحبا 🇰🇿 ]]&gt;");
    }
}
