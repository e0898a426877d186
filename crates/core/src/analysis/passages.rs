//! The coded passages of the reports a query selects, each tied to the meetings it is
//! about: the meetings whose sentence (evidence) it overlaps, else every meeting of its
//! report. What the theme tables and charts count.

use crate::filter::{self, Query};
use crate::meetings::Meeting;
use crate::workspace::Workspace;
use jiff::civil::Date;
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

/// One highlight as the analysis sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Index of its report in the corpus.
    pub article: usize,
    /// The highlight's id.
    pub highlight: String,
    /// Its tag ids (those the query's tags choose, when it names some).
    pub tags: Vec<String>,
    /// Where it is now in the report (chars); `None` when its passage is gone.
    pub range: Option<Range<usize>>,
    pub quote: String,
    /// The meetings it is about, as the timeline shows them (shared by the passages of
    /// a report that are about all its meetings).
    pub meetings: Arc<[Meeting]>,
    /// When it counts: its first meeting's date, else the report's date.
    pub date: Option<Date>,
}

/// Every coded passage of the reports `query` selects (the Reports list's selection),
/// in corpus order.
pub fn passages_for(ws: &Workspace, query: &Query) -> Vec<Passage> {
    let mut index = filter::Index::build(ws);
    passages(ws, &filter::reports(&mut index, ws, query), &query.tags)
}

/// Every coded passage of `reports` (article indices, in corpus order) bearing one of
/// `tags` (any tag when empty).
pub fn passages(ws: &Workspace, reports: &[usize], tags: &BTreeSet<String>) -> Vec<Passage> {
    let articles = &ws.corpus().articles;
    let mut chosen = vec![false; articles.len()];
    for &a in reports {
        if let Some(c) = chosen.get_mut(a) {
            *c = true;
        }
    }
    // The corpus and the annotations are both in path order: walk them side by side.
    let mut coded = ws.store().articles.iter().peekable();
    let mut out = Vec::with_capacity(ws.store().articles.len());
    for (a, article) in articles.iter().enumerate() {
        while coded
            .next_if(|(path, _)| path.as_str() < article.path.as_str())
            .is_some()
        {}
        let Some((_, notes)) = coded.next_if(|(path, _)| **path == article.path) else {
            continue;
        };
        if !chosen[a] {
            continue;
        }
        let places = ws.places(&article.path);
        let all = ws.shown_meetings(a);
        for (h, place) in notes.highlights.iter().zip(places.iter()) {
            let tags: Vec<String> = (h.tags.iter())
                .filter(|t| tags.is_empty() || tags.contains(*t))
                .cloned()
                .collect();
            if tags.is_empty() {
                continue;
            }
            let meetings = about(&all, place.range.as_ref());
            let date = meetings
                .iter()
                .find_map(|m| m.date)
                .or(article.meta.published);
            out.push(Passage {
                article: a,
                highlight: h.id.clone(),
                tags,
                range: place.range.clone(),
                quote: h.anchor.quote.clone(),
                meetings,
                date,
            });
        }
    }
    out
}

/// The meetings a passage at `range` is about: those of `all` (its report's, as shown)
/// whose evidence it overlaps, else all of them.
fn about(all: &Arc<[Meeting]>, range: Option<&Range<usize>>) -> Arc<[Meeting]> {
    let overlaps = |m: &&Meeting| {
        range.is_some_and(|r| {
            !m.evidence.is_empty() && r.start < m.evidence.end && m.evidence.start < r.end
        })
    };
    if all.iter().any(|m| overlaps(&m)) {
        all.iter().filter(overlaps).cloned().collect()
    } else {
        all.clone()
    }
}
