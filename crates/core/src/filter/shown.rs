//! What a query shows, kept until the data or the query change: the matching events
//! (timeline rows), the matching reports and their order in the reports list, and the
//! meetings per month under the query without its dates (for the date strip). The app
//! holds one [`Shown`] and asks it each frame; it works only when something changed.

use super::{Filtered, Index, Query};
use crate::workspace::Workspace;
use jiff::civil::Date;
use rayon::slice::ParallelSliceMut;
use std::cmp::Ordering;

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
}

/// What a sort of every report depends on: the corpus and coding versions, the column
/// and the direction.
type OrderKey = ((u64, u64), SortBy, bool);

/// `reports` by `by`, ascending or not; undated reports last whatever the direction;
/// ties in corpus order.
fn sorted(
    ws: &Workspace,
    reports: impl Iterator<Item = usize>,
    by: SortBy,
    descending: bool,
) -> Vec<usize> {
    // Each report's key read once, then sorted: reading the articles' metadata at every
    // comparison was most of the sort.
    let mut keyed: Vec<(ReportKey, usize)> =
        reports.map(|a| (ReportKey::of(ws, by, a), a)).collect();
    // Ties are broken by position, so an unstable sort gives the one order.
    keyed.par_sort_unstable_by(|(x, a), (y, b)| {
        if let (ReportKey::Date(p), ReportKey::Date(q)) = (x, y) {
            match (p, q) {
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                _ => {}
            }
        }
        let o = x.cmp(y).then(a.cmp(b));
        if descending { o.reverse() } else { o }
    });
    keyed.into_iter().map(|(_, a)| a).collect()
}

impl Shown {
    /// How many times the filter's index has been built, in part or whole.
    pub fn index_builds(&self) -> u64 {
        self.index.builds()
    }

    /// Bring the answers up to date with `ws` and `query`; true when they changed.
    pub fn refresh(&mut self, ws: &Workspace, query: &Query) -> bool {
        let key = (inputs(ws, query), query.clone());
        if self.key.as_ref() == Some(&key) {
            return false;
        }
        let old = std::mem::replace(
            &mut self.filtered,
            super::apply_with(&mut self.index, ws, query),
        );
        // Letting go of 100k rows is a few milliseconds: not on the window's thread.
        rayon::spawn(move || drop(old));
        self.reports = super::reports(&mut self.index, ws, query);
        let undated = Query {
            from: None,
            to: None,
            ..query.clone()
        };
        self.months = if undated == *query {
            super::months(&self.filtered.rows)
        } else {
            super::months(&super::apply_with(&mut self.index, ws, &undated).rows)
        };
        self.generation += 1;
        self.key = Some(key);
        true
    }

    /// The reports in the list's order: by `by`, ascending or not; undated reports last
    /// whatever the direction; ties in corpus order.
    pub fn sort_reports(&mut self, ws: &Workspace, by: SortBy, descending: bool) -> &[usize] {
        let coding = if by == SortBy::Highlights {
            ws.coding_version()
        } else {
            0
        };
        let order = ((ws.corpus_version(), coding), by, descending);
        let key = (self.generation, order.0, by, descending);
        if self.sorted.as_ref().is_none_or(|s| s.0 != key) {
            // Every report sorted once while the data and the sort stay the same; a new
            // query only picks its reports out of that order.
            if self.all_sorted.as_ref().is_none_or(|s| s.0 != order) {
                let every = 0..ws.corpus().articles.len();
                self.all_sorted = Some((order, sorted(ws, every, by, descending)));
            }
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
