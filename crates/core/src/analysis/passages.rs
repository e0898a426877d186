//! The coded passages of the reports a query selects, each tied to the meetings it is
//! about: the meetings whose sentence (evidence) it overlaps, else every meeting of its
//! report. What the theme tables and charts count.

use crate::annotations::Store;
use crate::filter::{self, Query};
use crate::meetings::Meeting;
use crate::workspace::Workspace;
use jiff::civil::Date;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Arc;

/// One highlight as the analysis sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Index of its report in the corpus.
    pub article: usize,
    /// Its highlight's position among its report's highlights.
    pub highlight: usize,
    /// Its tags, as positions in the codebook (`store.tags`): those the query's tags
    /// choose, when it names some.
    pub tags: Vec<usize>,
    /// Where it is now in the report (chars); `None` when its passage is gone.
    pub range: Option<Range<usize>>,
    /// Its report's meetings as the timeline shows them (shared by its passages).
    pub report_meetings: Arc<[Meeting]>,
    /// The positions in `report_meetings` of the meetings whose sentence (evidence) it
    /// overlaps; empty when it overlaps none, and is then about all of them.
    pub about: Vec<usize>,
    /// When it counts: its first meeting's date, else the report's date.
    pub date: Option<Date>,
}

impl Passage {
    /// The meetings it is about.
    pub fn meetings(&self) -> impl Iterator<Item = &Meeting> {
        let all = self.about.is_empty();
        (self.report_meetings.iter().enumerate())
            .filter(move |(i, _)| all || self.about.contains(i))
            .map(|(_, m)| m)
    }

    /// Whether it bears the tag with id `id`.
    pub fn has_tag(&self, store: &Store, id: &str) -> bool {
        (self.tags.iter()).any(|&t| store.tags.get(t).is_some_and(|t| t.id == id))
    }

    /// Its highlight's text, as quoted when it was made.
    pub fn quote<'a>(&self, ws: &'a Workspace) -> &'a str {
        let article = &ws.corpus().articles[self.article];
        (ws.store().articles.get(&article.path))
            .and_then(|notes| notes.highlights.get(self.highlight))
            .map_or("", |h| h.anchor.quote.as_str())
    }
}

/// Every coded passage of the reports `query` selects (the Reports list's selection),
/// in corpus order.
pub fn passages_for(ws: &Workspace, query: &Query) -> Vec<Passage> {
    let mut index = filter::Index::build(ws);
    passages(ws, &filter::reports(&mut index, ws, query), &query.tags)
}

/// Every coded passage of `reports` (article indices, in corpus order) bearing one of
/// `tags` (ids; any tag when empty).
pub fn passages(ws: &Workspace, reports: &[usize], tags: &BTreeSet<String>) -> Vec<Passage> {
    let store = ws.store();
    let articles = &ws.corpus().articles;
    let mut chosen = vec![false; articles.len()];
    for &a in reports {
        if let Some(c) = chosen.get_mut(a) {
            *c = true;
        }
    }
    let position: HashMap<&str, usize> = (store.tags.iter().enumerate())
        .filter(|(_, t)| tags.is_empty() || tags.contains(&t.id))
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    // The corpus and the annotations are both in path order: walk them side by side.
    let mut coded = store.articles.iter().peekable();
    let mut out = Vec::with_capacity(store.articles.len());
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
        for (n, (h, place)) in notes.highlights.iter().zip(places.iter()).enumerate() {
            let tags: Vec<usize> = (h.tags.iter())
                .filter_map(|t| position.get(t.as_str()).copied())
                .collect();
            if tags.is_empty() {
                continue;
            }
            let about = about(&all, place.range.as_ref());
            let date = if about.is_empty() {
                all.iter().find_map(|m| m.date)
            } else {
                about.iter().find_map(|&i| all[i].date)
            };
            out.push(Passage {
                article: a,
                highlight: n,
                tags,
                range: place.range.clone(),
                report_meetings: all.clone(),
                about,
                date: date.or(article.meta.published),
            });
        }
    }
    out
}

/// The positions in `all` (a report's meetings) of those whose evidence a passage at
/// `range` overlaps.
fn about(all: &[Meeting], range: Option<&Range<usize>>) -> Vec<usize> {
    let Some(r) = range else {
        return Vec::new();
    };
    (all.iter().enumerate())
        .filter(|(_, m)| {
            !m.evidence.is_empty() && r.start < m.evidence.end && m.evidence.start < r.end
        })
        .map(|(i, _)| i)
        .collect()
}

/// For tests of what counts passages: one bearing the codebook's tag number `tag`, dated
/// `date` (undated when it does not parse), about no meeting.
#[cfg(test)]
pub(crate) fn test_passage(tag: usize, date: &str) -> Passage {
    Passage {
        article: 0,
        highlight: 0,
        tags: vec![tag],
        range: Some(0..1),
        report_meetings: Vec::new().into(),
        about: Vec::new(),
        date: date.parse().ok(),
    }
}
