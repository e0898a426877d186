//! Themes against meetings: the theme × meeting matrix (tags by counterpart country,
//! leader, kind or year), themes over time, and tags that occur together. Counted from
//! [`super::passages::Passage`]s; a passage about several meetings counts once in each
//! column its meetings fall in.

use super::passages::Passage;
use crate::annotations::Store;
use std::collections::{BTreeMap, BTreeSet};

/// What the matrix's columns are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Country,
    Leader,
    Kind,
    Year,
}

/// What a cell counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Passages,
    Reports,
}

/// The column a passage about no meeting falls in (by country, leader or kind).
pub const NO_MEETING: &str = "(no meeting)";
/// The column of a passage with no date (by year).
pub const UNDATED: &str = "(undated)";

/// Rows of tags (codebook order, with their depth), columns of values, counted cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    /// (tag id, tag path, depth).
    pub rows: Vec<(String, String, usize)>,
    pub columns: Vec<String>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<usize>>,
}

/// The values of `by` a passage falls in.
fn values(p: &Passage, by: By) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = match by {
        By::Year => {
            let year = p.date.map_or(UNDATED.to_owned(), |d| d.year().to_string());
            return BTreeSet::from([year]);
        }
        By::Kind => p
            .meetings
            .iter()
            .map(|m| m.kind.label().to_owned())
            .collect(),
        By::Country => (p.meetings.iter())
            .flat_map(|m| m.counterparts.iter().filter_map(|c| c.country.clone()))
            .collect(),
        By::Leader => (p.meetings.iter())
            .flat_map(|m| m.counterparts.iter().map(|c| c.name.clone()))
            .filter(|n| !n.is_empty())
            .collect(),
    };
    if out.is_empty() {
        out.insert(NO_MEETING.to_owned());
    }
    out
}

/// The codebook's tags in order, each with its path and depth.
fn rows(store: &Store) -> Vec<(String, String, usize)> {
    (store.tags.iter())
        .map(|t| {
            let path = store.tag_path(&t.id).unwrap_or_else(|| t.name.clone());
            let depth = path.matches(" / ").count();
            (t.id.clone(), path, depth)
        })
        .collect()
}

/// The theme × meeting matrix of `passages`.
pub fn matrix(store: &Store, passages: &[Passage], by: By, count: Count) -> Matrix {
    let rows = rows(store);
    // (tag, value) → the passages or reports counted there.
    let mut seen: BTreeMap<(&str, String), BTreeSet<String>> = BTreeMap::new();
    for p in passages {
        let what = match count {
            Count::Passages => p.highlight.clone(),
            Count::Reports => p.article.to_string(),
        };
        for v in values(p, by) {
            for t in &p.tags {
                seen.entry((t.as_str(), v.clone()))
                    .or_default()
                    .insert(what.clone());
            }
        }
    }
    let columns: Vec<String> = seen
        .keys()
        .map(|(_, v)| v.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let cells = (rows.iter())
        .map(|(id, _, _)| {
            (columns.iter())
                .map(|v| seen.get(&(id.as_str(), v.clone())).map_or(0, BTreeSet::len))
                .collect()
        })
        .collect();
    Matrix {
        rows,
        columns,
        cells,
    }
}

/// How passages are grouped in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Month,
    Quarter,
    Year,
}

/// Themes over time: per period, the reports dated in it (for scale) and the passages of
/// each tag.
#[derive(Debug, Clone, PartialEq)]
pub struct Trends {
    /// (tag id, tag path).
    pub tags: Vec<(String, String)>,
    /// (period label, reports, passages per tag in `tags` order), in time order.
    pub periods: Vec<(String, usize, Vec<usize>)>,
}

/// The label of the period `d` falls in: `2024-07`, `2024-Q3`, `2024`.
pub fn period_of(d: jiff::civil::Date, period: Period) -> String {
    match period {
        Period::Month => format!("{:04}-{:02}", d.year(), d.month()),
        Period::Quarter => format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
        Period::Year => format!("{:04}", d.year()),
    }
}

/// Passages per tag per period; `report_dates` are the dates of the reports the query
/// selects (for the report count).
pub fn trends(
    store: &Store,
    passages: &[Passage],
    report_dates: &[Option<jiff::civil::Date>],
    period: Period,
) -> Trends {
    let tags: Vec<(String, String)> = rows(store).into_iter().map(|(id, p, _)| (id, p)).collect();
    let mut by_period: BTreeMap<String, (usize, Vec<usize>)> = BTreeMap::new();
    for d in report_dates.iter().flatten() {
        by_period
            .entry(period_of(*d, period))
            .or_insert((0, vec![0; tags.len()]))
            .0 += 1;
    }
    for p in passages {
        let Some(d) = p.date else { continue };
        let (_, counts) = by_period
            .entry(period_of(d, period))
            .or_insert((0, vec![0; tags.len()]));
        for (i, (id, _)) in tags.iter().enumerate() {
            if p.tags.contains(id) {
                counts[i] += 1;
            }
        }
    }
    Trends {
        tags,
        periods: by_period.into_iter().map(|(k, (r, c))| (k, r, c)).collect(),
    }
}

/// Two tags and how often they occur together: `overlapping`, the places they meet (a
/// highlight with both, or two overlapping highlights with one each, count one place
/// each); `same_report`, the reports holding both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Together {
    pub a: String,
    pub b: String,
    pub overlapping: usize,
    pub same_report: usize,
}

/// Every pair of tag paths that occur together, by paths in order.
pub fn cooccurrence(store: &Store, passages: &[Passage]) -> Vec<Together> {
    let path = |id: &str| store.tag_path(id).unwrap_or_else(|| id.to_owned());
    let mut overlapping: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut reports: BTreeMap<(String, String), BTreeSet<usize>> = BTreeMap::new();
    let pairs = |x: &[String], y: &[String]| -> BTreeSet<(String, String)> {
        let mut out = BTreeSet::new();
        for s in x {
            for t in y {
                let (s, t) = (path(s), path(t));
                if s != t {
                    out.insert(if s < t { (s, t) } else { (t, s) });
                }
            }
        }
        out
    };
    let mut by_report: BTreeMap<usize, Vec<&Passage>> = BTreeMap::new();
    for p in passages {
        by_report.entry(p.article).or_default().push(p);
    }
    for (article, ps) in &by_report {
        let all: Vec<String> = ps.iter().flat_map(|p| p.tags.clone()).collect();
        for pair in pairs(&all, &all) {
            reports.entry(pair).or_default().insert(*article);
        }
        for (i, p) in ps.iter().enumerate() {
            let inside_p = pairs(&p.tags, &p.tags);
            for pair in &inside_p {
                *overlapping.entry(pair.clone()).or_default() += 1;
            }
            for q in ps[i + 1..].iter().filter(|q| overlap(p, q)) {
                let inside_q = pairs(&q.tags, &q.tags);
                for pair in pairs(&p.tags, &q.tags) {
                    if !inside_p.contains(&pair) && !inside_q.contains(&pair) {
                        *overlapping.entry(pair).or_default() += 1;
                    }
                }
            }
        }
    }
    (reports.into_iter())
        .map(|((a, b), r)| Together {
            overlapping: overlapping
                .get(&(a.clone(), b.clone()))
                .copied()
                .unwrap_or(0),
            same_report: r.len(),
            a,
            b,
        })
        .collect()
}

fn overlap(p: &Passage, q: &Passage) -> bool {
    match (&p.range, &q.range) {
        (Some(x), Some(y)) => x.start < y.end && y.start < x.end,
        _ => false,
    }
}
