//! The coded passages of the reports a query selects, each tied to the meetings it is
//! about: the meetings whose sentence (evidence) it overlaps, else every meeting of its
//! report. What the theme tables and charts count.

use crate::filter::{self, Query};
use crate::meetings::Meeting;
use crate::workspace::Workspace;
use jiff::civil::Date;
use std::ops::Range;

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
    /// The meetings it is about, as the timeline shows them.
    pub meetings: Vec<Meeting>,
    /// When it counts: its first meeting's date, else the report's date.
    pub date: Option<Date>,
}

/// Every coded passage of the reports `query` selects (the Reports list's selection),
/// in corpus order.
pub fn passages(ws: &Workspace, query: &Query) -> Vec<Passage> {
    let mut index = filter::Index::build(ws);
    let mut out = Vec::new();
    for a in filter::reports(&mut index, ws, query) {
        let article = &ws.corpus().articles[a];
        let Some(notes) = ws.store().articles.get(&article.path) else {
            continue;
        };
        let meetings = ws.meetings_as_shown(a);
        let places = ws.places(&article.path);
        for (h, place) in notes.highlights.iter().zip(places.iter()) {
            let tags: Vec<String> = (h.tags.iter())
                .filter(|t| query.tags.is_empty() || query.tags.contains(*t))
                .cloned()
                .collect();
            if tags.is_empty() {
                continue;
            }
            let about = about(&meetings, place.range.as_ref());
            let date = about.iter().find_map(|m| m.date).or(article.meta.published);
            out.push(Passage {
                article: a,
                highlight: h.id.clone(),
                tags,
                range: place.range.clone(),
                quote: h.anchor.quote.clone(),
                meetings: about,
                date,
            });
        }
    }
    out
}

/// The meetings a passage at `range` is about: those whose evidence it overlaps, else all.
fn about(meetings: &[Meeting], range: Option<&Range<usize>>) -> Vec<Meeting> {
    let overlaps = |m: &&Meeting| {
        range.is_some_and(|r| {
            !m.evidence.is_empty() && r.start < m.evidence.end && m.evidence.start < r.end
        })
    };
    let told: Vec<Meeting> = meetings.iter().filter(overlaps).cloned().collect();
    if told.is_empty() {
        meetings.to_vec()
    } else {
        told
    }
}
