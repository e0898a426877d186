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
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::collections::BTreeSet;
use std::io::{self, Write as _};

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

/// An XML writer into memory, indented by two spaces.
type Xml = Writer<Vec<u8>>;

/// The `project.qde` XML.
pub fn project_xml(notes: &Notes, at: Timestamp) -> String {
    document(|w| project(w, notes, &at.to_string()))
}

/// A document made by `body`, after the XML declaration.
fn document(body: impl FnOnce(&mut Xml) -> io::Result<()>) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written = w
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .and_then(|()| body(&mut w));
    // Writing into memory cannot fail; were it to, the document would be cut short and
    // the schema check of the tests would say so.
    debug_assert!(written.is_ok(), "{written:?}");
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    String::from_utf8(bytes).unwrap_or_default()
}

fn project(w: &mut Xml, notes: &Notes, at: &str) -> io::Result<()> {
    let coder = notes.coder.as_deref().unwrap_or("dossier");
    let user = guid(&["user", coder]);
    let origin = format!("dossier {}", env!("CARGO_PKG_VERSION"));
    w.create_element("Project")
        .with_attributes([
            ("xmlns", "urn:QDA-XML:project:1.0"),
            ("name", &xml_safe(&notes.corpus)),
            ("origin", &origin),
            ("creatingUserGUID", &user),
            ("creationDateTime", at),
        ])
        .write_inner_content(|w| {
            w.create_element("Users").write_inner_content(|w| {
                w.create_element("User")
                    .with_attributes([("guid", user.as_str()), ("name", &xml_safe(coder))])
                    .write_empty()
                    .map(drop)
            })?;
            if !notes.tags.is_empty() {
                w.create_element("CodeBook")
                    .write_inner_content(|w| codes(w, notes))?;
            }
            if !notes.articles.is_empty() {
                w.create_element("Variables")
                    .write_inner_content(variables)?;
                w.create_element("Sources").write_inner_content(|w| {
                    for a in &notes.articles {
                        source(w, a, &user, at)?;
                    }
                    Ok(())
                })?;
            }
            report_notes(w, notes, &user, at)
        })
        .map(drop)
}

/// The variables every source carries (title, date, source, place, participants).
fn variables(w: &mut Xml) -> io::Result<()> {
    for (name, kind) in VARIABLES {
        w.create_element("Variable")
            .with_attributes([
                ("guid", guid(&["variable", name]).as_str()),
                ("name", name),
                ("typeOfVariable", kind),
            ])
            .write_empty()?;
    }
    Ok(())
}

/// The notes on whole reports, as project notes.
fn report_notes(w: &mut Xml, notes: &Notes, user: &str, at: &str) -> io::Result<()> {
    let with_notes: Vec<_> = notes
        .articles
        .iter()
        .filter(|a| !a.note.is_empty())
        .collect();
    if with_notes.is_empty() {
        return Ok(());
    }
    w.create_element("Notes").write_inner_content(|w| {
        for a in with_notes {
            w.create_element("Note")
                .with_attributes([
                    ("guid", guid(&["note", &a.path]).as_str()),
                    ("name", &xml_safe(&format!("Note on {}", a.path))),
                    ("creatingUser", user),
                    ("creationDateTime", at),
                ])
                .write_inner_content(|w| text_element(w, "PlainTextContent", &a.note))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// One report: its selections with their codings, its note, its variables.
fn source(w: &mut Xml, a: &super::ExportedArticle, user: &str, at: &str) -> io::Result<()> {
    let id = guid(&["source", &a.path]);
    w.create_element("TextSource")
        .with_attributes([
            ("guid", id.as_str()),
            ("name", &xml_safe(&a.path)),
            ("plainTextPath", &format!("internal://{id}.txt")),
            ("creatingUser", user),
            ("creationDateTime", at),
        ])
        .write_inner_content(|w| {
            // The report's note, where importers show a source's memo (it is also a Note).
            if !a.note.is_empty() {
                text_element(w, "Description", &a.note)?;
            }
            for h in a.highlights.iter().filter(|h| h.status != Status::Orphan) {
                selection(w, h, user)?;
            }
            if !a.note.is_empty() {
                w.create_element("NoteRef")
                    .with_attribute(("targetGUID", guid(&["note", &a.path]).as_str()))
                    .write_empty()?;
            }
            for (name, value) in variable_values(a) {
                w.create_element("VariableValue").write_inner_content(|w| {
                    w.create_element("VariableRef")
                        .with_attribute(("targetGUID", guid(&["variable", name]).as_str()))
                        .write_empty()?;
                    let (element, text) = value;
                    text_element(w, element, &text)
                })?;
            }
            Ok(())
        })
        .map(drop)
}

/// A highlight as a selection, its note as the description, a coding per tag.
fn selection(w: &mut Xml, h: &super::ExportedHighlight, user: &str) -> io::Result<()> {
    let (created, modified) = (h.created.to_string(), h.modified.to_string());
    w.create_element("PlainTextSelection")
        .with_attributes([
            ("guid", guid(&["selection", &h.id]).as_str()),
            ("name", &xml_safe(&crate::text::shorten(&h.quote, 60))),
            ("startPosition", &h.range.start.to_string()),
            ("endPosition", &h.range.end.to_string()),
            ("creatingUser", user),
            ("creationDateTime", &created),
            ("modifiedDateTime", &modified),
        ])
        .write_inner_content(|w| {
            if !h.note.is_empty() {
                text_element(w, "Description", &h.note)?;
            }
            for t in &h.tags {
                w.create_element("Coding")
                    .with_attributes([
                        ("guid", guid(&["coding", &h.id, &t.id]).as_str()),
                        ("creatingUser", user),
                        ("creationDateTime", &created),
                    ])
                    .write_inner_content(|w| {
                        w.create_element("CodeRef")
                            .with_attribute(("targetGUID", guid(&["code", &t.id]).as_str()))
                            .write_empty()
                            .map(drop)
                    })?;
            }
            Ok(())
        })
        .map(drop)
}

/// `<name>text</name>`, the text escaped and made XML-safe.
fn text_element(w: &mut Xml, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_safe(text)))
        .map(drop)
}

/// The report's metadata as REFI-QDA variables: (name, type).
const VARIABLES: [(&str, &str); 5] = [
    ("title", "Text"),
    ("published", "Date"),
    ("source", "Text"),
    ("place", "Text"),
    ("participants", "Text"),
];

/// A report's value of each variable it has: (variable, (value element, value)).
fn variable_values(a: &super::ExportedArticle) -> Vec<(&'static str, (&'static str, String))> {
    let text = |v: &str| ("TextValue", v.to_owned());
    let mut out = vec![("title", text(&a.meta.title))];
    if let Some(d) = a.meta.published {
        out.push(("published", ("DateValue", d.to_string())));
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

/// Every code in a `<Codes>` element, roots first with their children nested.
fn codes(w: &mut Xml, notes: &Notes) -> io::Result<()> {
    let mut done = BTreeSet::new();
    w.create_element("Codes")
        .write_inner_content(|w| {
            for t in notes.tags.iter().filter(|t| is_root(notes, t)) {
                code(w, notes, t, &mut done)?;
            }
            Ok(())
        })
        .map(drop)
}

/// The codebook alone as a REFI-QDA codebook (`.qdc`), which QualCoder, MAXQDA and NVivo
/// import: the codes with their hierarchy, colours and descriptions.
pub fn codebook_xml(notes: &Notes) -> String {
    let origin = format!("dossier {}", env!("CARGO_PKG_VERSION"));
    document(|w| {
        w.create_element("CodeBook")
            .with_attributes([("xmlns", "urn:QDA-XML:codebook:1.0"), ("origin", &origin)])
            .write_inner_content(|w| codes(w, notes))
            .map(drop)
    })
}

/// A code and, nested in it, its children (each code once, whatever the hierarchy says).
fn code(w: &mut Xml, notes: &Notes, t: &Tag, done: &mut BTreeSet<String>) -> io::Result<()> {
    if !done.insert(t.id.clone()) {
        return Ok(());
    }
    let children: Vec<&Tag> = notes
        .tags
        .iter()
        .filter(|c| c.parent.as_deref() == Some(t.id.as_str()) && !done.contains(&c.id))
        .collect();
    let id = guid(&["code", &t.id]);
    let name = xml_safe(&t.name);
    let mut element = w.create_element("Code").with_attributes([
        ("guid", id.as_str()),
        ("name", &name),
        ("isCodable", "true"),
    ]);
    if crate::annotations::model::is_hex_colour(&t.colour) {
        element = element.with_attribute(("color", t.colour.as_str()));
    }
    if t.description.is_empty() && children.is_empty() {
        return element.write_empty().map(drop);
    }
    element
        .write_inner_content(|w| {
            if !t.description.is_empty() {
                text_element(w, "Description", &t.description)?;
            }
            for c in children {
                code(w, notes, c, done)?;
            }
            Ok(())
        })
        .map(drop)
}

/// `s` without the characters XML 1.0 forbids (controls but tab, newline and carriage
/// return; U+FFFE, U+FFFF), which no escaping can carry; the writer escapes the rest.
fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

/// dossier's namespace for name-based (version 5) UUIDs.
const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6d0f_1a3e_9b1c_4f5e_8a27_d05e_55e2_a7c1);

/// A GUID derived from `parts` (a version-5 UUID of them): the same parts always give the
/// same GUID.
pub fn guid(parts: &[&str]) -> String {
    uuid::Uuid::new_v5(&NAMESPACE, parts.join("\u{0}").as_bytes()).to_string()
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
    fn drops_what_xml_cannot_carry_and_keeps_the_rest() {
        assert_eq!(xml_safe("a<b & \"c\"\u{1}\n"), "a<b & \"c\"\n");
        // U+FFFE and U+FFFF are not XML characters; RTL marks and emoji are.
        assert_eq!(xml_safe("x\u{FFFE}y\u{FFFF}z\r"), "xyz\r");
        assert_eq!(xml_safe("\u{200F}مرحبا 🇰🇿 ]]>"), "\u{200F}مرحبا 🇰🇿 ]]>");
    }
}
