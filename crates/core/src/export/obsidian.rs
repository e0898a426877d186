//! Obsidian notes: one Markdown file per report, for a vault. YAML front matter (title,
//! date, source, place, meetings, tags), a relative link back to the report file, each
//! highlight as an escaped quote with its `#tags`, its note and a `^block` id, so a note
//! elsewhere in the vault can link to one highlight (`[[report#^h-…]]`).

use super::markdown::{escape, escaped_paragraphs, inline};
use super::{ExportedArticle, Notes, meeting_line};
use std::fmt::Write;

/// The vault's files for `notes`: (file name, contents), one per report with highlights
/// or a note. `to_corpus` is the corpus folder as seen from the vault folder (`../corpus/`),
/// for the links back to the reports.
pub fn files(notes: &Notes, to_corpus: &str) -> Vec<(String, String)> {
    notes
        .articles
        .iter()
        .filter(|a| !a.highlights.is_empty() || !a.note.is_empty())
        .map(|a| (file_name(&a.path), page(notes, a, to_corpus)))
        .collect()
}

/// `reports/000_x.txt` → `reports 000_x.md` (one flat folder, names kept readable).
fn file_name(path: &str) -> String {
    let stem = path.rsplit_once('.').map_or(path, |(s, _)| s);
    let safe: String = stem
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '#' | '^' | '[' | ']' | '|') {
                ' '
            } else {
                c
            }
        })
        .collect();
    format!("{}.md", safe.trim())
}

/// A string as YAML reads it back: a double-quoted scalar (JSON's escaping is valid there),
/// with what YAML does not allow raw (DEL, C1 controls but NEL, U+FFFE, U+FFFF) escaped.
fn yaml(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        let printable =
            !matches!(c, '\u{7F}'..='\u{84}' | '\u{86}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}');
        if printable {
            out.push(c);
        } else {
            let _ = write!(out, "\\u{:04X}", c as u32);
        }
    }
    out
}

/// A tag as Obsidian writes one: its path, names joined by `/`, spaces as `-`, and only
/// letters, digits, `_`, `-` kept.
pub fn tag(names: &[String]) -> String {
    let part = |n: &String| -> String {
        n.split_whitespace()
            .collect::<Vec<_>>()
            .join("-")
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
            .collect()
    };
    let parts: Vec<String> = names.iter().map(part).filter(|p| !p.is_empty()).collect();
    parts.join("/")
}

fn page(notes: &Notes, a: &ExportedArticle, to_corpus: &str) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", yaml(&a.meta.title));
    if let Some(d) = a.meta.published {
        let _ = writeln!(out, "date: {d}");
    }
    for (key, value) in [("source", &a.meta.source), ("place", &a.meta.place)] {
        if let Some(v) = value {
            let _ = writeln!(out, "{key}: {}", yaml(v));
        }
    }
    if !a.meetings.is_empty() {
        out.push_str("meetings:\n");
        for m in &a.meetings {
            let _ = writeln!(out, "  - {}", yaml(&meeting_line(m)));
        }
    }
    let mut tags: Vec<String> = a
        .highlights
        .iter()
        .flat_map(|h| &h.tags)
        .map(|t| tag(&notes.tag_names(t)))
        .filter(|t| !t.is_empty())
        .collect();
    tags.sort();
    tags.dedup();
    if !tags.is_empty() {
        out.push_str("tags:\n");
        for t in &tags {
            let _ = writeln!(out, "  - {}", yaml(t));
        }
    }
    out.push_str("---\n\n");
    let _ = writeln!(out, "# {}\n", inline(&a.meta.title));
    let link = format!("{to_corpus}{}", a.path).replace(' ', "%20");
    let _ = writeln!(out, "Report: [{}](<{link}>)\n", inline(&a.path));
    for p in escaped_paragraphs(&a.note) {
        let _ = writeln!(out, "{p}\n");
    }
    for h in &a.highlights {
        for line in h.quote.lines() {
            let _ = writeln!(out, "> {}", escape(line));
        }
        // A quote's block id stands on its own line, blank lines around it.
        let _ = writeln!(out, "\n^h-{}\n", block_id(&h.id));
        let tags: Vec<String> = h
            .tags
            .iter()
            .map(|t| format!("#{}", tag(&notes.tag_names(t))))
            .collect();
        if !tags.is_empty() {
            let _ = writeln!(out, "{}\n", tags.join(" "));
        }
        for p in escaped_paragraphs(&h.note) {
            let _ = writeln!(out, "{p}\n");
        }
        let _ = writeln!(out, "(chars {}–{})\n", h.range.start, h.range.end);
    }
    out
}

/// A highlight id as a block id may write it: letters, digits and `-`.
fn block_id(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_names_are_what_obsidian_accepts() {
        assert_eq!(
            tag(&["cooperation".into(), "Belt and Road".into()]),
            "cooperation/Belt-and-Road"
        );
        assert_eq!(tag(&["friendship & trust".into()]), "friendship--trust");
        assert_eq!(file_name("news/000_x.txt"), "news 000_x.md");
        assert_eq!(yaml("a \"b\"\nc"), "\"a \\\"b\\\"\\nc\"");
        assert_eq!(block_id("h_1.x"), "h1x");
        assert_eq!(yaml("a\u{7F}b\u{FFFE}"), "\"a\\u007Fb\\uFFFE\"");
    }
}
