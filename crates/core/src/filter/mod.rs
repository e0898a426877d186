//! Filtering the timeline: a [`Query`] (text, countries, leaders, kinds, tags, a date
//! range) turned into the events to show, with counts of matching meetings and articles.
//!
//! Built for keystroke speed over 100k meetings: an [`Index`] holds every event's row
//! (summarised once), the distinct names, countries, places and kinds they mention, and
//! a word index of titles and texts. It is rebuilt only when meetings or texts change;
//! a query then costs a fuzzy match per *distinct* value, a few prefix look-ups in the
//! word index, and one pass over the events with cheap checks.

mod events;
pub mod shown;
mod words;

pub use shown::{Shown, SortBy};

use crate::meetings::timeline::{Event, EventKey};
use crate::meetings::{Kind, Meeting};
use crate::workspace::Workspace;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Fuzzy over people, countries, places and kinds; each word also as the start of a
    /// word of a report's title or text.
    pub text: String,
    pub countries: BTreeSet<String>,
    pub leaders: BTreeSet<String>,
    pub kinds: BTreeSet<Kind>,
    /// Tag ids: an event matches if one of its reports has a highlight with the tag.
    pub tags: BTreeSet<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }
}

/// One event as the timeline shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// Shared with the timeline.
    pub event: Arc<Event>,
    /// The meeting as its reports tell it, the focal country leading.
    pub summary: Meeting,
}

impl EventRow {
    pub fn date(&self) -> Option<Date> {
        match self.event.key {
            EventKey::Dated { date, .. } => Some(date),
            EventKey::Undated(_) => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filtered {
    /// Shared with the index: cheap to hand out by the hundred thousand (a query that
    /// passes every event shares the index's list itself).
    pub rows: Arc<[Arc<EventRow>]>,
    /// Meetings (one per report) behind the rows.
    pub meetings: usize,
    /// Distinct articles behind the rows.
    pub articles: usize,
}

/// What queries run against, derived from a workspace.
#[derive(Debug, Default)]
pub struct Index {
    meetings_version: Option<u64>,
    corpus_version: Option<u64>,
    rows: Arc<[Arc<EventRow>]>,
    /// The meetings and the distinct articles behind all the rows.
    totals: (usize, usize),
    /// Where each row's event lives: compared with the timeline's events, in a run of
    /// memory, to find the rows a change left alone.
    row_events: Vec<usize>,
    /// Distinct short fields (names, countries, places, kinds) and, per event, which.
    values: Vec<String>,
    /// Each of `values` by its text.
    ids: HashMap<String, u32>,
    /// The focal country the rows' summaries lead with.
    focal: Option<String>,
    /// The workspace's article layout the rows' article indices were taken in.
    layout: Option<u64>,
    event_values: Vec<Vec<u32>>,
    /// Per event, the indices of its reports' articles.
    event_articles: Vec<Vec<u32>>,
    /// Words of titles and texts with the articles holding each (built on the first
    /// text query).
    words: Option<words::WordIndex>,
    /// How many times a part of the index was built whole.
    builds: u64,
}

impl Index {
    /// An index of `ws`, complete.
    pub fn build(ws: &Workspace) -> Index {
        let mut index = Index::default();
        index.update(ws);
        index
    }

    /// Bring the index up to date with `ws`, rebuilding only what changed.
    pub fn update(&mut self, ws: &Workspace) {
        if self.meetings_version != Some(ws.meetings_version)
            || self.corpus_version != Some(ws.corpus_version)
        {
            self.rebuild_events(ws);
            self.meetings_version = Some(ws.meetings_version);
        }
        if self.corpus_version != Some(ws.corpus_version) {
            self.words = None;
            self.corpus_version = Some(ws.corpus_version);
        }
    }

    /// How many times a part of the index has been built whole (the app gives memory
    /// back to the system after each).
    pub fn builds(&self) -> u64 {
        self.builds
    }

    fn words(&mut self, ws: &Workspace) -> &words::WordIndex {
        let builds = &mut self.builds;
        self.words.get_or_insert_with(|| {
            *builds += 1;
            words::WordIndex::build(&ws.corpus.articles)
        })
    }

    /// Articles in which every word of `words` starts some word of the title or text.
    fn articles_with(&mut self, ws: &Workspace, words: &[String]) -> Vec<bool> {
        let n = ws.corpus.articles.len();
        let index = self.words(ws);
        let mut all: Option<Vec<bool>> = None;
        for w in words {
            let mut hit = vec![false; n];
            index.mark_prefix(w, &mut hit);
            all = Some(match all {
                None => hit,
                Some(prev) => prev.iter().zip(&hit).map(|(a, b)| *a && *b).collect(),
            });
        }
        all.unwrap_or_else(|| vec![true; n])
    }
}

/// The events of `ws` that match `q`, in timeline order (builds a throw-away index:
/// callers filtering repeatedly keep an [`Index`] and use [`apply_with`]).
pub fn apply(ws: &Workspace, q: &Query) -> Filtered {
    apply_with(&mut Index::build(ws), ws, q)
}

/// What a query's text matches: which distinct values (fuzzy) and which articles (by
/// words, and by every quoted phrase verbatim, ignoring case).
struct TextHits {
    values: Vec<bool>,
    articles: Vec<bool>,
}

/// The quoted phrases of `needle` (`"belt and road" Tokayev` → `belt and road`) and
/// what is left.
fn phrases(needle: &str) -> (Vec<String>, String) {
    let mut quoted = Vec::new();
    let mut rest = String::new();
    for (i, part) in needle.split('"').enumerate() {
        if i % 2 == 1 && !part.trim().is_empty() {
            quoted.push(part.trim().to_lowercase());
        } else {
            rest.push_str(part);
            rest.push(' ');
        }
    }
    (quoted, rest.trim().to_owned())
}

fn words_of(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn text_hits(index: &mut Index, ws: &Workspace, needle: &str) -> TextHits {
    let (quoted, rest) = phrases(needle);
    let matcher = SkimMatcherV2::default().ignore_case();
    let values: Vec<bool> = index
        .values
        .iter()
        .map(|v| quoted.is_empty() && !rest.is_empty() && matcher.fuzzy_match(v, &rest).is_some())
        .collect();
    let mut words = words_of(&rest);
    for q in &quoted {
        words.extend(words_of(q));
    }
    let mut articles = index.articles_with(ws, &words);
    if !quoted.is_empty() {
        let texts = &ws.corpus.articles;
        articles
            .par_iter_mut()
            .zip(texts.par_iter())
            .filter(|(hit, _)| **hit)
            .for_each(|(hit, a)| {
                let title = a.meta.title.to_lowercase();
                let text = a.text.to_lowercase();
                *hit = quoted
                    .iter()
                    .all(|q| title.contains(q.as_str()) || text.contains(q.as_str()));
            });
    }
    TextHits { values, articles }
}

/// Per article, whether it has a highlight with one of `tags` (none: no tag filter).
fn tagged(ws: &Workspace, tags: &BTreeSet<String>) -> Option<Vec<bool>> {
    (!tags.is_empty()).then(|| {
        ws.corpus
            .articles
            .iter()
            .map(|a| {
                ws.store.articles.get(&a.path).is_some_and(|n| {
                    n.highlights
                        .iter()
                        .any(|h| h.tags.iter().any(|t| tags.contains(t)))
                })
            })
            .collect()
    })
}

fn in_dates(q: &Query, date: Option<Date>) -> bool {
    (q.from.is_none() && q.to.is_none())
        || date.is_some_and(|d| q.from.is_none_or(|f| d >= f) && q.to.is_none_or(|t| d <= t))
}

/// Whether `m` passes the query's kind, country and leader menus.
fn meeting_matches(q: &Query, m: &Meeting) -> bool {
    (q.kinds.is_empty() || q.kinds.contains(&m.kind))
        && (q.countries.is_empty()
            || m.participants().any(|p| {
                p.country
                    .as_deref()
                    .is_some_and(|c| q.countries.contains(c))
            }))
        && (q.leaders.is_empty()
            || m.participants()
                .any(|p| q.leaders.contains(p.name.as_str())))
}

/// The events that match `q`, using (and updating) `index`.
pub fn apply_with(index: &mut Index, ws: &Workspace, q: &Query) -> Filtered {
    index.update(ws);
    if *q == Query::default() {
        // Every event passes: the index's own rows, shared.
        return Filtered {
            rows: index.rows.clone(),
            meetings: index.totals.0,
            articles: index.totals.1,
        };
    }
    let needle = q.text.trim();
    let hits = (!needle.is_empty()).then(|| text_hits(index, ws, needle));
    let tagged = tagged(ws, &q.tags);
    let (mut rows, mut meetings, mut articles) = (Vec::new(), 0, 0);
    let mut seen = vec![false; ws.corpus.articles.len()];
    for (i, row) in index.rows.iter().enumerate() {
        if !in_dates(q, row.date()) || !meeting_matches(q, &row.summary) {
            continue;
        }
        let event_articles = &index.event_articles[i];
        if let Some(tagged) = &tagged
            && !event_articles.iter().any(|a| tagged[*a as usize])
        {
            continue;
        }
        if let Some(hits) = &hits
            && !index.event_values[i]
                .iter()
                .any(|v| hits.values[*v as usize])
            && !event_articles.iter().any(|a| hits.articles[*a as usize])
        {
            continue;
        }
        meetings += row.event.reports.len();
        for a in event_articles {
            if !seen[*a as usize] {
                seen[*a as usize] = true;
                articles += 1;
            }
        }
        rows.push(Arc::clone(row));
    }
    Filtered {
        rows: Arc::from(rows),
        meetings,
        articles,
    }
}

/// The reports (article indices, in corpus order) that match `q`: by their title and
/// text or the people and places of their meetings; by tag; by their meetings for the
/// kind, country and leader menus (a report with no meeting passes only when those are
/// unset); by their date of publication or of one of their meetings for the dates.
pub fn reports(index: &mut Index, ws: &Workspace, q: &Query) -> Vec<usize> {
    index.update(ws);
    let needle = q.text.trim();
    let hits = (!needle.is_empty()).then(|| text_hits(index, ws, needle));
    let mut by_values = vec![false; ws.corpus.articles.len()];
    if let Some(hits) = &hits {
        for (i, articles) in index.event_articles.iter().enumerate() {
            if index.event_values[i]
                .iter()
                .any(|v| hits.values[*v as usize])
            {
                for a in articles {
                    by_values[*a as usize] = true;
                }
            }
        }
    }
    let tagged = tagged(ws, &q.tags);
    let menus = !(q.kinds.is_empty() && q.countries.is_empty() && q.leaders.is_empty());
    (0..ws.corpus.articles.len())
        .filter(|&a| {
            let meetings = &ws.meetings[a];
            let text_ok = hits.as_ref().is_none_or(|h| h.articles[a] || by_values[a]);
            let tag_ok = tagged.as_ref().is_none_or(|t| t[a]);
            let menu_ok = !menus || meetings.iter().any(|m| meeting_matches(q, m));
            let date_ok = (q.from.is_none() && q.to.is_none())
                || in_dates(q, ws.corpus.articles[a].meta.published)
                || meetings.iter().any(|m| in_dates(q, m.date));
            text_ok && tag_ok && menu_ok && date_ok
        })
        .collect()
}

/// Events per month among `rows`, for the density strip: (first day of month, count).
/// Rows come in date order, so months are counted as runs (sorted and merged should
/// they not be).
pub fn months(rows: &[Arc<EventRow>]) -> Vec<(Date, usize)> {
    let mut runs: Vec<((i16, i8), usize)> = Vec::new();
    for date in rows.iter().filter_map(|r| r.date()) {
        let month = (date.year(), date.month());
        match runs.last_mut() {
            Some((m, n)) if *m == month => *n += 1,
            _ => runs.push((month, 1)),
        }
    }
    if !runs.is_sorted_by_key(|r| r.0) {
        runs.sort_by_key(|r| r.0);
        runs.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            kept.1 += if same { later.1 } else { 0 };
            same
        });
    }
    (runs.into_iter())
        .filter_map(|((y, m), n)| Date::new(y, m, 1).ok().map(|d| (d, n)))
        .collect()
}

/// Meetings per month across the corpus, for the density strip: (first day of month, count).
pub fn density(ws: &Workspace) -> Vec<(Date, usize)> {
    let mut counts: std::collections::BTreeMap<Date, usize> = std::collections::BTreeMap::new();
    for event in ws.timeline.events() {
        if let EventKey::Dated { date, .. } = event.key
            && let Ok(month) = Date::new(date.year(), date.month(), 1)
        {
            *counts.entry(month).or_default() += 1;
        }
    }
    counts.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The query that passes everything shares the index's rows and totals: the same
    /// answers as a query that passes every event the long way (every kind chosen).
    #[test]
    fn the_empty_query_shares_what_every_event_passing_finds() {
        let (_dir, mut ws) = crate::workspace::test_support::samples();
        let every_kind = Query {
            kinds: Kind::ALL.into_iter().collect(),
            ..Query::default()
        };
        let mut index = Index::build(&ws);
        let all = apply_with(&mut index, &ws, &Query::default());
        assert!(all.rows.len() > 1 && all.articles > 1);
        assert_eq!(all, apply_with(&mut index, &ws, &every_kind));
        // After an edit that adds a meeting, brought up to date, still the same.
        let report = crate::workspace::test_support::REPORT.to_owned();
        assert!(ws.edit(|s| {
            let notes = s.articles.entry(report).or_default();
            notes
                .added_meetings
                .push(crate::workspace::test_support::added_call("x"));
        }));
        let after = apply_with(&mut index, &ws, &Query::default());
        assert_eq!(after.rows.len(), all.rows.len() + 1);
        assert_eq!(after, apply_with(&mut index, &ws, &every_kind));
    }

    /// Counted as runs along the rows, in whatever order they come, the months are
    /// those counted one by one over the timeline's events.
    #[test]
    fn months_of_the_rows_are_the_timelines_density() {
        let (_dir, ws) = crate::workspace::test_support::samples();
        let mut rows = apply(&ws, &Query::default()).rows.to_vec();
        assert!(rows.iter().filter_map(|r| r.date()).count() > 1);
        assert_eq!(months(&rows), density(&ws));
        rows.reverse();
        assert_eq!(months(&rows), density(&ws));
    }
}
