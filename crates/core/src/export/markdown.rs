//! Markdown notes, for pasting into Obsidian, Word or Zotero: by article in timeline
//! order (details, meetings, each highlight as a blockquote with tags, note and a
//! reference back), or by tag (a codebook report: the codes with their descriptions and
//! counts on top, then every quote under its code). Everything the analyst or a report
//! wrote is escaped ([`escape`]): a quote beginning `# ` or `1. `, a `[link](javascript:…)`
//! or a `<script>` shows as written, never as a heading, a list, a link or HTML. Notes keep
//! their paragraphs.

use super::{Notes, meeting_line};
use std::fmt::Write;

/// Notes by article.
pub fn by_article(notes: &Notes) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Notes on {}\n", inline(&notes.corpus));
    let _ = writeln!(out, "<!-- {} -->\n", notes.positions.explained());
    let _ = writeln!(
        out,
        "{} articles, {} highlights.\n",
        notes.articles.len(),
        notes.highlight_count()
    );
    for a in &notes.articles {
        let _ = writeln!(out, "## {}\n", inline(&a.meta.title));
        let mut facts = Vec::new();
        if let Some(s) = &a.meta.source {
            facts.push(inline(s));
        }
        facts.push(crate::dates::shown(a.meta.published));
        if let Some(p) = &a.meta.place {
            facts.push(inline(p));
        }
        facts.push(format!("`{}`", a.path));
        let _ = writeln!(out, "{}\n", facts.join(" · "));
        if !a.meetings.is_empty() {
            let _ = writeln!(out, "Meetings:\n");
            for m in &a.meetings {
                let _ = writeln!(out, "- {}", inline(&meeting_line(m)));
            }
            out.push('\n');
        }
        note(&mut out, "Note", &a.note);
        for h in &a.highlights {
            quote(&mut out, &h.quote);
            let tags: Vec<String> = h.tags.iter().map(|t| inline(&t.name)).collect();
            let _ = writeln!(out, "Tags: {}\n", tags.join(" · "));
            note(&mut out, "Note", &h.note);
            let mut line = format!("(`{}` chars {}–{}", a.path, h.range.start, h.range.end);
            if h.status != crate::annotations::Status::Exact {
                let _ = write!(line, ", {}", h.status.as_str());
            }
            line.push(')');
            let _ = writeln!(out, "{line}\n");
        }
    }
    out
}

/// A codebook report: tags (with descriptions) in codebook order, each with its quotes.
pub fn by_tag(notes: &Notes) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Codebook report: {}\n", inline(&notes.corpus));
    let _ = writeln!(out, "<!-- {} -->\n", notes.positions.explained());
    let uses = |tag: &crate::annotations::Tag| {
        notes
            .articles
            .iter()
            .flat_map(|a| &a.highlights)
            .filter(|h| h.tags.iter().any(|t| t.id == tag.id))
            .count()
    };
    let _ = writeln!(out, "| code | quotes | description |\n|---|---|---|");
    for tag in &notes.tags {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&notes.tag_path(tag)),
            uses(tag),
            cell(&tag.description)
        );
    }
    out.push('\n');
    for tag in &notes.tags {
        let uses: Vec<_> = notes
            .articles
            .iter()
            .flat_map(|a| a.highlights.iter().map(move |h| (a, h)))
            .filter(|(_, h)| h.tags.iter().any(|t| t.id == tag.id))
            .collect();
        if uses.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {}\n", inline(&notes.tag_path(tag)));
        if !tag.description.is_empty() {
            let _ = writeln!(out, "_{}_\n", inline(&tag.description));
        }
        for (a, h) in uses {
            quote(&mut out, &h.quote);
            let date = crate::dates::shown(a.meta.published);
            let line = format!(
                "{}, {date} (`{}` chars {}–{})",
                inline(&a.meta.title),
                a.path,
                h.range.start,
                h.range.end
            );
            let _ = writeln!(out, "{line}\n");
            note(&mut out, "Note", &h.note);
        }
    }
    out
}

fn quote(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "> {}", escape(line));
    }
    out.push('\n');
}

/// `text`'s paragraphs, each line escaped and kept as a line (a hard break).
pub(super) fn escaped_paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| {
            p.lines()
                .map(|l| escape(l.trim()))
                .collect::<Vec<_>>()
                .join("  \n")
        })
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// A note on lines of its own after `label`, its paragraphs kept, each line escaped.
fn note(out: &mut String, label: &str, text: &str) {
    let paragraphs = escaped_paragraphs(text);
    if let Some((first, rest)) = paragraphs.split_first() {
        let _ = writeln!(out, "{label}: {first}\n");
        for p in rest {
            let _ = writeln!(out, "{p}\n");
        }
    }
}

/// `text` as CommonMark shows it literally: every character that could start emphasis,
/// a link, a code span, HTML, an entity or a table cell is backslash-escaped, and so is
/// whatever would make a line a heading, a list item, a quote or a rule.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!' | '#'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    // What only matters at the start of a line: "- ", "+ ", "= ", "1. ", "1) ".
    let lead = out.len() - out.trim_start().len();
    let rest = &out[lead..];
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if rest.starts_with(['-', '+', '=']) {
        out.insert(lead, '\\');
    } else if digits > 0 && rest[digits..].starts_with(['.', ')']) {
        out.insert(lead + digits, '\\');
    }
    out
}

/// Text for a Markdown table cell: one line, escaped (pipes too).
fn cell(s: &str) -> String {
    inline(s)
}

/// A field shown on one line (a title, a source, a tag name): its line breaks and runs of
/// white space as one space, so no second line can start a heading, a list or code, then
/// escaped.
pub fn inline(text: &str) -> String {
    escape(&one_line(text))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_analyst_wrote_shows_as_written() {
        assert_eq!(escape("# Not a heading"), "\\# Not a heading");
        assert_eq!(escape("1. not a list"), "1\\. not a list");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(
            escape("[click](javascript:alert(1))"),
            "\\[click\\](javascript:alert(1))"
        );
        assert_eq!(escape("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(
            escape("a *b* _c_ `d` | e &amp;"),
            "a \\*b\\* \\_c\\_ \\`d\\` \\| e \\&amp;"
        );
        // Ordinary prose is left as it is.
        assert_eq!(
            escape("Xi met Tokayev on May 17, 2023."),
            "Xi met Tokayev on May 17, 2023."
        );
        let mut out = String::new();
        note(&mut out, "Note", "First paragraph.\n\n# Second one");
        assert_eq!(out, "Note: First paragraph.\n\n\\# Second one\n\n");
    }
}
