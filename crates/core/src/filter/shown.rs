//! What a query shows, kept until the data or the query change: the matching events
//! (timeline rows), the matching reports and their order in the reports list, and the
//! meetings per month under the query without its dates (for the date strip). The app
//! holds one [`Shown`] and asks it each frame; it works only when something changed,
//! and then in stages ([`Shown::refresh_until`]): after a change of 100k events each
//! stage fits in a frame, and the answers shown stay the last whole ones until the new
//! ones are all worked out.

use super::{Filtered, Index, Query};
use crate::workspace::Workspace;
use jiff::civil::Date;
use rayon::prelude::*;
use std::cmp::Ordering;
use std::time::Instant;

/// What [`Shown::refresh_until`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refresh {
    /// The answers were up to date.
    Unchanged,
    /// New answers are in place.
    Changed,
    /// New answers are being worked out: the last ones are still shown. Ask again.
    Working,
}

/// New answers being worked out, a stage at a time, for the inputs and query `key`.
#[derive(Debug)]
struct Working {
    key: ((u64, u64, u64), Query),
    /// Stages done: the index brought up to date, then the rows and reports, then the
    /// months, then every report sorted.
    done: u8,
    filtered: Filtered,
    reports: Vec<usize>,
    months: Vec<(Date, usize)>,
}

/// What the reports list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Date,
    Title,
    Source,
    Highlights,
}

/// What a sorted list was sorted from: generation, the versions of the data the sort
/// reads (reports' metadata; highlights, for a sort by them), sort, direction.
type SortKey = (usize, (u64, u64), SortBy, bool);

/// The versions of the data a query's answers are worked out from: the meetings, the
/// reports' texts and metadata, and the highlights when the query names tags (a note or
/// a highlight's note changes none of them).
fn inputs(ws: &Workspace, query: &Query) -> (u64, u64, u64) {
    let coding = if query.tags.is_empty() {
        0
    } else {
        ws.coding_version()
    };
    (ws.meetings_version(), ws.corpus_version(), coding)
}

/// What answers to `query` over `ws` are worked out from: the data's versions and the
/// query.
fn key_of(ws: &Workspace, query: &Query) -> ((u64, u64, u64), Query) {
    (inputs(ws, query), query.clone())
}

/// A query's answers, with what they were worked out from.
#[derive(Debug, Default)]
pub struct Shown {
    pub filtered: Filtered,
    /// The reports the query selects (article indices, in corpus order).
    pub reports: Vec<usize>,
    /// Meetings per month under the query without its dates: (first of month, count).
    pub months: Vec<(Date, usize)>,
    /// Bumped each time the answers are worked out again.
    pub generation: usize,
    index: Index,
    key: Option<((u64, u64, u64), Query)>,
    sorted: Option<(SortKey, Vec<usize>)>,
    /// Every report in the order of the last sort, with what it was sorted on.
    all_sorted: Option<(OrderKey, Vec<usize>)>,
    working: Option<Working>,
    /// The workspace's article layout the answers' article indices were taken in.
    layout: Option<u64>,
    /// How long each stage of working the answers out took last time.
    costs: [std::time::Duration; STAGES],
}

/// The stages of working the answers out; then they are published.
const STAGES: usize = 4;
/// Answers of more rows and reports than this are put in place at the start of a call.
const SHOWN_ALONE: usize = 20_000;

/// What a sort of every report depends on: the corpus and coding versions, the column
/// and the direction.
type OrderKey = ((u64, u64), SortBy, bool);

/// The reports of `start` (each report once, in any order) by `by`, ascending or not;
/// undated reports last whatever the direction; ties in corpus order. Started from the
/// last sort of the same column, a sort that still holds is only checked.
fn sorted(ws: &Workspace, start: Vec<usize>, by: SortBy, descending: bool) -> Vec<usize> {
    // Each report's key read once (in parallel), then sorted: reading the articles'
    // metadata at every comparison was most of the sort.
    let mut keyed: Vec<(ReportKey, usize)> = (start.into_par_iter())
        .map(|a| (ReportKey::of(ws, by, a), a))
        .collect();
    // Ties are broken by position, so an unstable sort gives the one order.
    let order = |(x, a): &(ReportKey, usize), (y, b): &(ReportKey, usize)| {
        if let (ReportKey::Date(p), ReportKey::Date(q)) = (x, y) {
            match (p, q) {
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                _ => {}
            }
        }
        let o = x.cmp(y).then(a.cmp(b));
        if descending { o.reverse() } else { o }
    };
    if !keyed.is_sorted_by(|x, y| order(x, y) != Ordering::Greater) {
        keyed.par_sort_unstable_by(order);
    }
    keyed.into_iter().map(|(_, a)| a).collect()
}

impl Shown {
    /// How many times the filter's index has been built, in part or whole.
    pub fn index_builds(&self) -> u64 {
        self.index.builds()
    }

    /// Bring the answers up to date with `ws` and `query` at once; true when they
    /// changed.
    pub fn refresh(&mut self, ws: &Workspace, query: &Query) -> bool {
        self.refresh_until(ws, query, None, None) == Refresh::Changed
    }

    /// Bring the answers up to date with `ws` and `query`, stage after stage while each
    /// should end by `deadline` as it took last time (at least one stage per call); with
    /// a deadline, many new answers are put in place at the start of a call of their
    /// own. With `order`, the reports are sorted so as well, so that
    /// [`Shown::sort_reports`] then only picks. Between calls the workspace may change:
    /// the work starts again from what is still good (the index is brought up to date,
    /// not rebuilt).
    pub fn refresh_until(
        &mut self,
        ws: &Workspace,
        query: &Query,
        order: Option<(SortBy, bool)>,
        mut deadline: Option<Instant>,
    ) -> Refresh {
        if !self.follow_layout(ws) {
            deadline = None; // the answers shown no longer fit the corpus
        }
        let key = key_of(ws, query);
        if self.key.as_ref() == Some(&key) {
            self.working = None;
            return Refresh::Unchanged;
        }
        if self.working.as_ref().is_none_or(|w| w.key != key) {
            self.working = Some(Working {
                key,
                done: 0,
                filtered: Filtered::default(),
                reports: Vec::new(),
                months: Vec::new(),
            });
        }
        let mut run = 0;
        loop {
            let Some(w) = self.working.as_ref() else {
                return Refresh::Unchanged;
            };
            let stage = usize::from(w.done);
            if stage == STAGES {
                let big = w.filtered.rows.len() + w.reports.len() > SHOWN_ALONE;
                if run > 0 && deadline.is_some() && big {
                    // Every panel redoes its view of many new answers (the timeline's
                    // lines, the list's order) in the frame that shows them: a frame
                    // of their own.
                    return Refresh::Working;
                }
                self.publish();
                self.layout = Some(ws.layout_version());
                return Refresh::Changed;
            }
            // A stage begins when it should end by the deadline, as it took last time
            // (the first of a call always does).
            let cost = self.costs[stage];
            if run > 0 && deadline.is_some_and(|d| Instant::now() + cost > d) {
                return Refresh::Working;
            }
            let began = Instant::now();
            self.work(stage, ws, query, order);
            self.costs[stage] = began.elapsed();
            run += 1;
        }
    }

    /// Do stage `stage` of working out the answers to `query`.
    fn work(&mut self, stage: usize, ws: &Workspace, query: &Query, order: Option<(SortBy, bool)>) {
        let (Some(w), index) = (self.working.as_mut(), &mut self.index) else {
            return;
        };
        match stage {
            0 => index.update(ws),
            1 => {
                w.filtered = super::apply_with(index, ws, query);
                w.reports = super::reports(index, ws, query);
            }
            2 => {
                let undated = Query {
                    from: None,
                    to: None,
                    ..query.clone()
                };
                w.months = if undated == *query {
                    super::months(&w.filtered.rows)
                } else {
                    super::months(&super::apply_with(index, ws, &undated).rows)
                };
            }
            _ => {
                w.done += 1;
                if let Some((by, descending)) = order {
                    self.sort_every_report(ws, by, descending);
                }
                return;
            }
        }
        w.done += 1;
    }

    /// Whether the answers shown are those of `ws` as it is and `query`.
    pub fn is_current(&self, ws: &Workspace, query: &Query) -> bool {
        self.key.as_ref() == Some(&key_of(ws, query)) && self.layout == Some(ws.layout_version())
    }

    /// Whether new answers are being worked out (ask [`Shown::refresh_until`] again).
    pub fn is_working(&self) -> bool {
        self.working.is_some()
    }

    /// The answers shown hold article indices: after reports were inserted or dropped,
    /// move them to where those reports now are (one dropped leaves the lists), so the
    /// old answers stay right to show until new ones are worked out. False when they
    /// cannot be followed (the layout moved more than once since): refresh at once.
    pub fn follow_layout(&mut self, ws: &Workspace) -> bool {
        let now = ws.layout_version();
        let Some(then) = self.layout.filter(|&l| l != now) else {
            self.layout = Some(now);
            return true;
        };
        let Some(map) = ws.renumbered_from(then) else {
            return false;
        };
        let follow = |list: &mut Vec<usize>| {
            *list = (list.iter())
                .filter_map(|&a| map.get(a).filter(|&&to| to != u32::MAX))
                .map(|&to| to as usize)
                .collect();
        };
        follow(&mut self.reports);
        if let Some((_, sorted)) = &mut self.sorted {
            follow(sorted);
        }
        self.all_sorted = None;
        self.layout = Some(now);
        true
    }

    /// The answers worked out become the ones shown.
    fn publish(&mut self) {
        let Some(w) = self.working.take() else { return };
        let old = std::mem::replace(&mut self.filtered, w.filtered);
        // Letting go of 100k rows is a few milliseconds: not on the window's thread.
        crate::free::later(old);
        self.reports = w.reports;
        self.months = w.months;
        self.generation += 1;
        self.key = Some(w.key);
    }

    /// Every report sorted by `by` for the data as it is, unless it already is.
    fn sort_every_report(&mut self, ws: &Workspace, by: SortBy, descending: bool) {
        let coding = if by == SortBy::Highlights {
            ws.coding_version()
        } else {
            0
        };
        let order = ((ws.corpus_version(), coding), by, descending);
        if self.all_sorted.as_ref().is_none_or(|s| s.0 != order) {
            // The last sort by the same column, when the reports are the same ones
            // (`follow_layout` lets it go when they are not), is where to start.
            let n = ws.corpus().articles.len();
            let start = (self.all_sorted.take())
                .filter(|(o, list)| (o.1, o.2) == (by, descending) && list.len() == n)
                .map_or_else(|| (0..n).collect(), |(_, list)| list);
            self.all_sorted = Some((order, sorted(ws, start, by, descending)));
        }
    }

    /// The reports in the list's order: by `by`, ascending or not; undated reports last
    /// whatever the direction; ties in corpus order.
    pub fn sort_reports(&mut self, ws: &Workspace, by: SortBy, descending: bool) -> &[usize] {
        let coding = if by == SortBy::Highlights {
            ws.coding_version()
        } else {
            0
        };
        let key = (
            self.generation,
            (ws.corpus_version(), coding),
            by,
            descending,
        );
        if self.sorted.as_ref().is_none_or(|s| s.0 != key) {
            // Every report sorted once while the data and the sort stay the same; a new
            // query only picks its reports out of that order.
            self.sort_every_report(ws, by, descending);
            let mut selected = vec![false; ws.corpus().articles.len()];
            for &a in &self.reports {
                selected[a] = true;
            }
            let all = self.all_sorted.as_ref().map_or(&[][..], |s| &s.1);
            let picked = all.iter().copied().filter(|&a| selected[a]).collect();
            self.sorted = Some((key, picked));
        }
        self.report_order()
    }

    /// The reports in the order last asked of [`Shown::sort_reports`] (corpus order
    /// before that, or when the reports changed since).
    pub fn report_order(&self) -> &[usize] {
        match &self.sorted {
            Some(((generation, ..), sorted)) if *generation == self.generation => sorted,
            _ => &self.reports,
        }
    }
}

/// How many highlights report `a` carries.
pub fn highlights(ws: &Workspace, a: usize) -> usize {
    let path = &ws.corpus().articles[a].path;
    ws.store()
        .articles
        .get(path)
        .map_or(0, |n| n.highlights.len())
}

/// What reports are sorted by: the same variant for every report of one sort.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum ReportKey {
    Date(Option<Date>),
    Title(String),
    Source(Option<crate::meetings::Name>),
    Highlights(usize),
}

impl ReportKey {
    fn of(ws: &Workspace, by: SortBy, a: usize) -> ReportKey {
        let meta = &ws.corpus().articles[a].meta;
        match by {
            SortBy::Date => ReportKey::Date(meta.published),
            SortBy::Title => ReportKey::Title(meta.title.to_lowercase()),
            SortBy::Source => ReportKey::Source(meta.source.clone()),
            SortBy::Highlights => ReportKey::Highlights(highlights(ws, a)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_sort_with_undated_last_in_either_direction() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-corpus");
        let ws = Workspace::open(&folder).expect("the samples open");
        let mut shown = Shown::default();
        assert!(shown.refresh(&ws, &Query::default()));
        assert!(!shown.refresh(&ws, &Query::default()), "nothing changed");
        assert_eq!(
            shown.reports,
            (0..ws.corpus().articles.len()).collect::<Vec<_>>()
        );
        let published = |a: usize| ws.corpus().articles[a].meta.published;
        for descending in [false, true] {
            let order = shown.sort_reports(&ws, SortBy::Date, descending).to_vec();
            let dates: Vec<_> = order.iter().map(|&a| published(a)).collect();
            let dated = dates.iter().take_while(|d| d.is_some()).count();
            assert!(dates[dated..].iter().all(Option::is_none), "{dates:?}");
            let mut expected = dates[..dated].to_vec();
            expected.sort();
            if descending {
                expected.reverse();
            }
            assert_eq!(dates[..dated], expected[..]);
        }
        let titles: Vec<String> = shown
            .sort_reports(&ws, SortBy::Title, false)
            .iter()
            .map(|&a| ws.corpus().articles[a].meta.title.to_lowercase())
            .collect();
        assert!(titles.windows(2).all(|w| w[0] <= w[1]), "{titles:?}");
    }

    /// Worked out a stage per call (a deadline already past), the answers are those
    /// worked out at once; until then the last whole answers stay shown; a change of
    /// the data half-way starts the work again, on the new data.
    #[test]
    fn answers_worked_out_in_stages_are_those_worked_out_at_once() {
        let (_dir, mut ws) = crate::workspace::test_support::samples();
        let mut shown = Shown::default();
        assert!(shown.refresh(&ws, &Query::default()));
        // Sorted once: the sort after the change starts from this order.
        let before_change = shown.sort_reports(&ws, SortBy::Title, false).to_vec();
        let query = Query {
            from: jiff::civil::Date::new(2000, 1, 1).ok(),
            ..Query::default()
        };
        let (before, generation) = (shown.filtered.clone(), shown.generation);
        let order = Some((SortBy::Title, false));
        let past = || Some(Instant::now());
        assert_eq!(
            shown.refresh_until(&ws, &query, order, past()),
            Refresh::Working
        );
        assert_eq!((&shown.filtered, shown.generation), (&before, generation));
        // The data changes half-way: a report's title corrected.
        let report = crate::workspace::test_support::REPORT.to_owned();
        assert!(ws.edit(|s| {
            s.articles.entry(report).or_default().metadata.title = Some("Aaa first".into());
        }));
        let mut calls = 1;
        while shown.refresh_until(&ws, &query, order, past()) == Refresh::Working {
            calls += 1;
            assert_eq!(shown.generation, generation, "the old answers stay");
        }
        assert!(calls >= 4, "one stage per call ({calls})");
        assert_eq!(shown.generation, generation + 1);
        let mut at_once = Shown::default();
        assert!(at_once.refresh(&ws, &query));
        assert_eq!(
            (&shown.filtered, &shown.reports, &shown.months),
            (&at_once.filtered, &at_once.reports, &at_once.months)
        );
        let sorted = shown.sort_reports(&ws, SortBy::Title, false).to_vec();
        assert_eq!(sorted, at_once.sort_reports(&ws, SortBy::Title, false));
        let first = sorted
            .first()
            .map(|&a| ws.corpus().articles[a].meta.title.clone());
        assert_eq!(
            first.as_deref(),
            Some("Aaa first"),
            "sorted on the new data"
        );
        assert_ne!(before_change.first(), sorted.first());
        assert_eq!(
            shown.refresh_until(&ws, &query, order, past()),
            Refresh::Unchanged
        );
    }

    /// Reports inserted and dropped on disk: the answers still shown name the same
    /// reports at their new places, less the dropped one, until new ones are made.
    #[test]
    fn the_answers_shown_follow_reports_to_their_new_places() {
        let (dir, mut ws) = crate::workspace::test_support::samples();
        let mut shown = Shown::default();
        assert!(shown.refresh(&ws, &Query::default()));
        let paths = |ws: &Workspace, list: &[usize]| -> Vec<String> {
            (list.iter())
                .map(|&a| ws.corpus().articles[a].path.clone())
                .collect()
        };
        let (listed, ordered) = (
            paths(&ws, &shown.reports),
            paths(&ws, shown.sort_reports(&ws, SortBy::Title, true)),
        );
        let gone = ws.corpus().articles[1].path.clone();
        let first = dir.path().join("0000_first.txt");
        std::fs::write(&first, "A first report\n\nNothing met.\n").expect("added");
        std::fs::remove_file(dir.path().join(&gone)).expect("removed");
        let changed = ws.reload_paths(&[first, dir.path().join(&gone)]);
        assert_eq!(changed.len(), 2);
        assert!(shown.follow_layout(&ws));
        let without = |list: Vec<String>| -> Vec<String> {
            list.into_iter().filter(|p| *p != gone).collect()
        };
        assert_eq!(paths(&ws, &shown.reports), without(listed));
        assert_eq!(paths(&ws, shown.report_order()), without(ordered));
    }

    #[test]
    fn a_new_query_picks_its_reports_out_of_the_sorted_corpus_in_that_order() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-corpus");
        let ws = Workspace::open(&folder).expect("the samples open");
        let mut shown = Shown::default();
        shown.refresh(&ws, &Query::default());
        let title = |a: usize| ws.corpus().articles[a].meta.title.to_lowercase();
        let mut subsets = 0;
        for leader in ws.facets().leaders.clone() {
            let query = Query {
                leaders: [leader].into(),
                ..Query::default()
            };
            shown.refresh(&ws, &query);
            let order = shown.sort_reports(&ws, SortBy::Title, true).to_vec();
            // The same reports as the query selects, each once, by title descending.
            let mut reports = order.clone();
            reports.sort_unstable();
            assert_eq!(reports, shown.reports);
            let mut expected = shown.reports.clone();
            expected.sort_by(|&a, &b| title(b).cmp(&title(a)).then(b.cmp(&a)));
            assert_eq!(order, expected);
            subsets += usize::from(order.len() < ws.corpus().articles.len());
        }
        assert!(
            subsets > 0,
            "some query selects fewer reports than the corpus holds"
        );
    }
}
