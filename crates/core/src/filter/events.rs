//! The index's rows: one per event of the timeline, with its summary, the distinct
//! values it mentions and its reports' articles. Brought up to date incrementally: the
//! timeline shares its events (`Arc`) and replaces only those a change touches, so rows
//! whose event is the very same `Arc` are kept and only the others are summarised again
//! (a checkout of 10k reports, or one correction, no longer redoes 100k rows). A new
//! focal country changes every summary and rebuilds them all; articles inserted or
//! removed renumber the articles, so every row's article indices are looked up again.

use super::{EventRow, Index};
use crate::meetings::timeline::Event;
use crate::workspace::Workspace;
use rayon::prelude::*;
use std::sync::Arc;

impl Index {
    pub(super) fn rebuild_events(&mut self, ws: &Workspace) {
        let focal = ws.timeline.focal_country().map(str::to_owned);
        let all = focal != self.focal || self.rows.is_empty();
        self.builds += u64::from(all);
        if all {
            self.values.clear();
            self.ids.clear();
        }
        let events: Vec<&Arc<Event>> = ws.timeline.events().collect();
        let kept = if all {
            vec![None; events.len()]
        } else {
            self.kept(&events)
        };
        let renumbered = self.layout != Some(ws.layout_version());
        // Each row kept or made, with its articles looked up when they may have moved.
        let articles_of = |event: &Event| -> Vec<u32> {
            (event.reports.iter())
                .filter_map(|r| ws.article_index(&r.article).map(|i| i as u32))
                .collect()
        };
        type Made = (Option<usize>, Arc<EventRow>, Option<Vec<u32>>);
        let rows: Vec<Made> = (events.par_iter().zip(&kept))
            .filter_map(|(event, &kept)| match kept {
                Some(i) => {
                    let articles = renumbered.then(|| articles_of(event));
                    Some((Some(i), self.rows[i].clone(), articles))
                }
                None => {
                    let summary = ws.timeline.summary_for(event, focal.as_deref())?;
                    let articles = articles_of(event);
                    let event = Arc::clone(event);
                    Some((None, Arc::new(EventRow { event, summary }), Some(articles)))
                }
            })
            .collect();
        let mut event_values = Vec::with_capacity(rows.len());
        let mut event_articles = Vec::with_capacity(rows.len());
        let mut kept_rows = Vec::with_capacity(rows.len());
        for (kept, row, articles) in rows {
            event_values.push(match kept {
                Some(i) => std::mem::take(&mut self.event_values[i]),
                None => self.values_of(&row),
            });
            event_articles.push(match (articles, kept) {
                (Some(articles), _) => articles,
                (None, Some(i)) => std::mem::take(&mut self.event_articles[i]),
                (None, None) => Vec::new(),
            });
            kept_rows.push(row);
        }
        self.row_events = (kept_rows.iter())
            .map(|r| Arc::as_ptr(&r.event) as usize)
            .collect();
        self.totals = totals(&kept_rows, &event_articles, ws.corpus.articles.len());
        // Letting go of the old list (100k references) is not for the window's thread.
        let old = std::mem::replace(&mut self.rows, Arc::from(kept_rows));
        crate::free::later(old);
        self.event_values = event_values;
        self.event_articles = event_articles;
        self.focal = focal;
        self.layout = Some(ws.layout_version());
    }

    /// For each of `events` (in timeline order), the row that already shows that very
    /// event, if any: a walk along both, in step, comparing keys only around changes.
    fn kept(&self, events: &[&Arc<Event>]) -> Vec<Option<usize>> {
        let (old, at) = (&self.rows, &self.row_events);
        let mut i = 0;
        (events.iter())
            .map(|e| {
                let here = Arc::as_ptr(e) as usize;
                while i < old.len() && at[i] != here && old[i].event.key < e.key {
                    i += 1;
                }
                let same = i < old.len() && at[i] == here;
                i += usize::from(same);
                same.then(|| i - 1)
            })
            .collect()
    }

    /// The ids of the distinct values `row`'s summary mentions, new values added.
    fn values_of(&mut self, row: &EventRow) -> Vec<u32> {
        let m = &row.summary;
        let mut fields: Vec<&str> = Vec::new();
        for p in m.participants() {
            fields.push(&p.name);
            if let Some(c) = &p.country {
                fields.push(c);
            }
        }
        if let Some(l) = &m.location {
            fields.push(l);
        }
        fields.push(m.kind.label());
        let mut ids: Vec<u32> = (fields.into_iter())
            .map(|f| match self.ids.get(f) {
                Some(&id) => id,
                None => {
                    self.values.push(f.to_owned());
                    let id = (self.values.len() - 1) as u32;
                    self.ids.insert(f.to_owned(), id);
                    id
                }
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// The meetings and the distinct articles behind `rows` (with their articles,
/// `event_articles`, among `n` articles).
fn totals(rows: &[Arc<EventRow>], event_articles: &[Vec<u32>], n: usize) -> (usize, usize) {
    let meetings = rows.iter().map(|r| r.event.reports.len()).sum();
    let mut seen = vec![false; n];
    for &a in event_articles.iter().flatten() {
        if let Some(s) = seen.get_mut(a as usize) {
            *s = true;
        }
    }
    (meetings, seen.into_iter().filter(|s| *s).count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::test_support::{REPORT, added_call, samples};

    /// What the index holds, with values as text (ids depend on the order they came in).
    fn contents(index: &Index) -> Vec<(EventRow, Vec<&str>, Vec<u32>)> {
        (index
            .rows
            .iter()
            .zip(&index.event_values)
            .zip(&index.event_articles))
        .map(|((row, values), articles)| {
            let mut values: Vec<&str> = values
                .iter()
                .map(|&v| index.values[v as usize].as_str())
                .collect();
            values.sort_unstable();
            (EventRow::clone(row), values, articles.clone())
        })
        .collect()
    }

    /// Brought up to date after each kind of change, the index holds what one built
    /// afresh holds, and rows of events the change did not touch are the same rows.
    #[test]
    fn updated_in_place_the_index_is_the_one_built_afresh() {
        let (dir, mut ws) = samples();
        let mut index = Index::build(&ws);
        let before = index.rows.clone();

        // A meeting added by hand to one report: one event more.
        assert!(ws.edit(|s| {
            let notes = s.articles.entry(REPORT.into()).or_default();
            notes.added_meetings.push(added_call("call-1"));
        }));
        index.update(&ws);
        assert_eq!(contents(&index), contents(&Index::build(&ws)));
        let untouched = (index.rows.iter())
            .filter(|r| before.iter().any(|b| Arc::ptr_eq(b, r)))
            .count();
        assert!(
            untouched > 0,
            "rows of events the change left alone are kept"
        );
        assert!(untouched < index.rows.len(), "the new event has a new row");

        // A report added on disk (first in path order) and another removed: every
        // article renumbered.
        let first = dir.path().join("0000_first.txt");
        std::fs::write(&first, "Xi calls Tokayev\nSource: Xinhua| 2024-02-01\n\nBEIJING, Feb. 1 (Xinhua) -- Chinese President Xi Jinping held a phone call with Kazakh President Kassym-Jomart Tokayev on Thursday.\n").expect("added");
        let gone = dir.path().join(&ws.corpus().articles[2].path);
        std::fs::remove_file(&gone).expect("removed");
        assert_eq!(ws.reload_paths(&[first, gone]).len(), 2);
        index.update(&ws);
        assert_eq!(contents(&index), contents(&Index::build(&ws)));
    }
}
