//! Exporting annotated notes: Markdown (by article or by tag), CSV, W3C Web Annotation
//! JSON and a REFI-QDA project (`.qdpx`). Every format reads the same [`Notes`], built
//! from the workspace and a filter, so they always agree.

pub mod csv;
mod error;
pub mod markdown;
pub mod obsidian;
pub mod options;
pub mod qdpx;
pub mod raw_offsets;
pub mod web_annotation;

pub use error::ExportError;

use crate::annotations::{Status, Tag, anchor};
use crate::corpus::Metadata;
use crate::filter::{self, Query};
use crate::meetings::Meeting;
use crate::workspace::Workspace;
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

/// The formats notes can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Csv,
    Json,
    Qdpx,
    /// The codebook alone, as a REFI-QDA codebook.
    Qdc,
    /// The codebook alone, as CSV.
    CodebookCsv,
    /// One Markdown file per report, for an Obsidian vault (a folder: `--output DIR`).
    Obsidian,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Qdpx => "qdpx",
            ExportFormat::Qdc => "qdc",
            ExportFormat::CodebookCsv => "csv",
            ExportFormat::Obsidian => "md",
        }
    }
}

/// The bytes of `notes` in `format`.
pub fn render(notes: &Notes, format: ExportFormat, by_tag: bool) -> Result<Vec<u8>, ExportError> {
    let failed = |e: &dyn std::fmt::Display| ExportError::Render(e.to_string());
    Ok(match format {
        ExportFormat::Markdown if by_tag => markdown::by_tag(notes).into_bytes(),
        ExportFormat::Markdown => markdown::by_article(notes).into_bytes(),
        ExportFormat::Csv => self::csv::write(notes).map_err(|e| failed(&e))?,
        ExportFormat::Json => {
            let mut v =
                serde_json::to_vec_pretty(&web_annotation::write(notes)).map_err(|e| failed(&e))?;
            v.push(b'\n');
            v
        }
        ExportFormat::Qdpx => qdpx::write(notes, jiff::Timestamp::now()).map_err(|e| failed(&e))?,
        ExportFormat::Qdc => qdpx::codebook_xml(notes).into_bytes(),
        ExportFormat::CodebookCsv => self::csv::codebook(notes).map_err(|e| failed(&e))?,
        ExportFormat::Obsidian => return Err(ExportError::Unsupported(OBSIDIAN_NEEDS_A_FOLDER)),
    })
}

/// Why Obsidian notes cannot be one file.
pub const OBSIDIAN_NEEDS_A_FOLDER: &str =
    "Obsidian notes are one file per report: give a folder with --output DIR";

/// Write `bytes` to `path` atomically, with the mode a file the analyst makes would have
/// ([`crate::fsio::write_atomic`]).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::fsio::write_atomic(path, bytes).map_err(|source| ExportError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Chars of context kept around a quote in selectors.
const CONTEXT: usize = 32;

/// One highlight as exported: where it is now, with its quote and context.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedHighlight {
    pub id: String,
    /// Char range in the current text (the stored one for an orphan).
    pub range: Range<usize>,
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    pub status: Status,
    /// Tags in codebook order.
    pub tags: Vec<Tag>,
    pub note: String,
    pub created: Timestamp,
    pub modified: Timestamp,
}

/// One article with what the analyst made of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedArticle {
    pub path: String,
    pub meta: Metadata,
    pub text: String,
    /// After corrections, the focal country leading (as the command line shows them).
    pub meetings: Vec<Meeting>,
    pub note: String,
    pub highlights: Vec<ExportedHighlight>,
}

impl ExportedArticle {
    /// The earliest meeting date, for timeline order.
    pub fn first_date(&self) -> Option<Date> {
        self.meetings.iter().filter_map(|m| m.date).min()
    }
}

/// Everything an export writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Notes {
    /// The corpus folder's name.
    pub corpus: String,
    /// The folder as a `file://` IRI ending in `/`: reports are this and their path.
    pub base: String,
    /// Who coded, for the QDA project's user (`--coder`); `None`: "dossier".
    pub coder: Option<String>,
    pub tags: Vec<Tag>,
    /// In timeline order: dated articles by their first meeting, then undated, by path.
    pub articles: Vec<ExportedArticle>,
    /// What the highlights' positions count.
    pub positions: Positions,
}

/// What a position in an export counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Positions {
    /// Characters of the report as dossier reads it (the default).
    #[default]
    Normalised,
    /// Characters of the report as stored (`--raw-offsets`).
    Stored,
}

impl Positions {
    /// What the positions count, in words, for the exports to say.
    pub fn explained(self) -> &'static str {
        match self {
            Positions::Normalised => {
                "Positions count characters (Unicode scalar values) of each report as dossier \
                 reads it: a byte order mark dropped, CRLF and CR line ends turned into LF."
            }
            Positions::Stored => {
                "Positions count characters (Unicode scalar values) of each report as stored: \
                 a byte order mark counts as one character and a CRLF line end as two."
            }
        }
    }
}

impl Notes {
    /// Positions counted in each report as stored in `folder` (`--raw-offsets`); a report
    /// changed since it was read is an error naming it.
    pub fn count_as_stored(&mut self, folder: &Path) -> Result<(), ExportError> {
        if self.positions == Positions::Stored {
            return Ok(());
        }
        for a in &mut self.articles {
            if a.highlights.is_empty() {
                continue;
            }
            let map = raw_offsets::for_file(&folder.join(&a.path), &a.text)?;
            for h in &mut a.highlights {
                h.range = map.map(h.range.start)..map.map(h.range.end);
            }
        }
        self.positions = Positions::Stored;
        Ok(())
    }

    pub fn highlight_count(&self) -> usize {
        self.articles.iter().map(|a| a.highlights.len()).sum()
    }

    /// `parent / child` names of a tag, for hierarchies.
    pub fn tag_path(&self, tag: &Tag) -> String {
        self.tag_names(tag).join(" / ")
    }

    /// The names from the root tag down to `tag`.
    pub fn tag_names(&self, tag: &Tag) -> Vec<String> {
        let mut names = vec![tag.name.clone()];
        let mut parent = tag.parent.clone();
        while let Some(p) = parent {
            match self.tags.iter().find(|t| t.id == p) {
                Some(t) if names.len() <= self.tags.len() => {
                    names.push(t.name.clone());
                    parent = t.parent.clone();
                }
                _ => break,
            }
        }
        names.reverse();
        names
    }
}

/// The notes of `ws` that `q` selects: the articles reporting a matching meeting (all
/// articles when the query says nothing about meetings) that carry highlights or a note;
/// with tags in the query, only highlights bearing one of them.
pub fn collect(ws: &Workspace, q: &Query) -> Notes {
    let chosen = reports_chosen(ws, q);
    let mut articles = Vec::new();
    for (i, a) in ws.corpus.articles.iter().enumerate() {
        if chosen.as_ref().is_some_and(|c| !c.contains(&a.path)) {
            continue;
        }
        let Some(notes) = ws.store.articles.get(&a.path) else {
            continue;
        };
        let highlights = exported_highlights(ws, q, &a.text, notes);
        let note = if q.tags.is_empty() {
            notes.note.clone()
        } else {
            String::new()
        };
        if highlights.is_empty() && note.is_empty() {
            continue;
        }
        articles.push(ExportedArticle {
            path: a.path.clone(),
            meta: a.meta.clone(),
            text: a.text.clone(),
            meetings: ws.meetings_as_shown(i),
            note,
            highlights,
        });
    }
    articles.sort_by(|x, y| {
        let key = |a: &ExportedArticle| (a.first_date().is_none(), a.first_date(), a.path.clone());
        key(x).cmp(&key(y))
    });
    let folder = ws
        .folder
        .canonicalize()
        .unwrap_or_else(|_| ws.folder.clone());
    let corpus = folder
        .file_name()
        .map_or("corpus".to_owned(), |n| n.to_string_lossy().into_owned());
    Notes {
        corpus,
        base: file_iri(&folder.to_string_lossy()) + "/",
        coder: None,
        tags: ws.store.tags.clone(),
        articles,
        positions: Positions::Normalised,
    }
}

/// The reports whose meetings the query's meeting filters select (the tags aside), or
/// `None` when it says nothing about meetings: every report then.
fn reports_chosen(ws: &Workspace, q: &Query) -> Option<BTreeSet<String>> {
    let about_meetings = !(q.text.is_empty()
        && q.countries.is_empty()
        && q.leaders.is_empty()
        && q.kinds.is_empty()
        && q.from.is_none()
        && q.to.is_none());
    about_meetings.then(|| {
        let meeting_query = Query {
            tags: BTreeSet::new(),
            ..q.clone()
        };
        filter::apply(ws, &meeting_query)
            .rows
            .iter()
            .flat_map(|r| r.event.reports.iter().map(|x| x.article.to_string()))
            .collect()
    })
}

/// A report's highlights that the query's tags choose, each where it is in `text` now
/// (with its context), or where it was stored when it cannot be found.
fn exported_highlights(
    ws: &Workspace,
    q: &Query,
    text: &str,
    notes: &crate::annotations::ArticleNotes,
) -> Vec<ExportedHighlight> {
    let chosen: Vec<_> = notes
        .highlights
        .iter()
        .filter(|h| q.tags.is_empty() || h.tags.iter().any(|t| q.tags.contains(t)))
        .collect();
    let anchors: Vec<&anchor::Anchor> = chosen.iter().map(|h| &h.anchor).collect();
    let placed = anchor::resolve_highlights(Some(text), &anchors);
    chosen
        .into_iter()
        .zip(placed)
        .map(|(h, resolved)| {
            let range = resolved
                .range
                .clone()
                .unwrap_or(h.anchor.start..h.anchor.end);
            let (quote, prefix, suffix) = match resolved.range {
                Some(r) => context(text, r),
                None => (
                    h.anchor.quote.clone(),
                    h.anchor.prefix.clone(),
                    h.anchor.suffix.clone(),
                ),
            };
            let tags = ws.store.tags.iter().filter(|t| h.tags.contains(&t.id));
            ExportedHighlight {
                id: h.id.clone(),
                range,
                quote,
                prefix,
                suffix,
                status: resolved.status,
                tags: tags.cloned().collect(),
                note: h.note.clone(),
                created: h.created,
                modified: h.modified,
            }
        })
        .collect()
}

/// `path` (absolute, `/` separated) as a `file://` IRI: characters an IRI path may not hold
/// (space, `%`, `#`, `?`, controls…) percent-encoded, others kept.
pub fn file_iri(path: &str) -> String {
    let mut out = String::from("file://");
    for ch in path.chars() {
        let keep = ch.is_alphanumeric() && !ch.is_control() || "/-._~!$&'()*+,;=:@".contains(ch);
        if keep {
            out.push(ch);
        } else {
            let mut buf = [0u8; 4];
            for b in ch.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The text of `range` in `text` with up to [`CONTEXT`] chars on each side.
fn context(text: &str, range: Range<usize>) -> (String, String, String) {
    let chars: Vec<char> = text.chars().collect();
    let end = range.end.min(chars.len());
    let start = range.start.min(end);
    (
        chars[start..end].iter().collect(),
        chars[start.saturating_sub(CONTEXT)..start].iter().collect(),
        chars[end..(end + CONTEXT).min(chars.len())]
            .iter()
            .collect(),
    )
}

pub use crate::meetings::describe::line as meeting_line;
