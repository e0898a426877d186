//! Markdown notes, for pasting into Obsidian, Word or Zotero: by article in timeline
//! order (details, meetings, each highlight as a blockquote with tags, note and a
//! reference back), or by tag (a codebook report: the codes with their descriptions and
//! counts on top, then every quote under its code).

use super::{Notes, meeting_line};
use std::fmt::Write;

/// Notes by article.
pub fn by_article(notes: &Notes) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Notes on {}\n", notes.corpus);
    let _ = writeln!(
        out,
        "{} articles, {} highlights.\n",
        notes.articles.len(),
        notes.highlight_count()
    );
    for a in &notes.articles {
        let _ = writeln!(out, "## {}\n", one_line(&a.meta.title));
        let mut facts = Vec::new();
        if let Some(s) = &a.meta.source {
            facts.push(s.clone());
        }
        facts.push(
            a.meta
                .published
                .map_or("date unknown".into(), |d| d.to_string()),
        );
        if let Some(p) = &a.meta.place {
            facts.push(p.clone());
        }
        facts.push(format!("`{}`", a.path));
        let _ = writeln!(out, "{}\n", facts.join(" · "));
        if !a.meetings.is_empty() {
            let _ = writeln!(out, "Meetings:\n");
            for m in &a.meetings {
                let _ = writeln!(out, "- {}", meeting_line(m));
            }
            out.push('\n');
        }
        if !a.note.is_empty() {
            let _ = writeln!(out, "Note: {}\n", a.note.trim());
        }
        for h in &a.highlights {
            quote(&mut out, &h.quote);
            let tags: Vec<&str> = h.tags.iter().map(|t| t.name.as_str()).collect();
            let mut line = format!("Tags: {}", tags.join(", "));
            if !h.note.is_empty() {
                let _ = write!(line, " — {}", one_line(&h.note));
            }
            let _ = write!(
                line,
                " (`{}` chars {}–{}",
                a.path, h.range.start, h.range.end
            );
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
    let _ = writeln!(out, "# Codebook report: {}\n", notes.corpus);
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
        let _ = writeln!(out, "## {}\n", notes.tag_path(tag));
        if !tag.description.is_empty() {
            let _ = writeln!(out, "_{}_\n", one_line(&tag.description));
        }
        for (a, h) in uses {
            quote(&mut out, &h.quote);
            let date = a
                .meta
                .published
                .map_or("date unknown".into(), |d| d.to_string());
            let mut line = format!(
                "{}, {date} (`{}` chars {}–{})",
                one_line(&a.meta.title),
                a.path,
                h.range.start,
                h.range.end
            );
            if !h.note.is_empty() {
                let _ = write!(line, " — {}", one_line(&h.note));
            }
            let _ = writeln!(out, "{line}\n");
        }
    }
    out
}

fn quote(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "> {line}");
    }
    out.push('\n');
}

/// Text for a Markdown table cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
