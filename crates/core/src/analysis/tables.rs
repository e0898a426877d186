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

/// The values of `by` a passage falls in (the matrix columns it counts in).
pub fn values(p: &Passage, by: By) -> BTreeSet<String> {
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

/// The period `d` falls in, numbered so that consecutive periods are consecutive numbers.
fn period_index(d: jiff::civil::Date, period: Period) -> i32 {
    let (y, m) = (i32::from(d.year()), i32::from(d.month()) - 1);
    match period {
        Period::Month => y * 12 + m,
        Period::Quarter => y * 4 + m / 3,
        Period::Year => y,
    }
}

/// The label of period number `i`: `2024-07`, `2024-Q3`, `2024`.
fn period_label(i: i32, period: Period) -> String {
    match period {
        Period::Month => format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1),
        Period::Quarter => format!("{:04}-Q{}", i.div_euclid(4), i.rem_euclid(4) + 1),
        Period::Year => format!("{i:04}"),
    }
}

/// The label of the period `d` falls in: `2024-07`, `2024-Q3`, `2024`.
pub fn period_of(d: jiff::civil::Date, period: Period) -> String {
    period_label(period_index(d, period), period)
}

/// Passages per tag per period, every period from the first to the last (empty ones
/// too, so time runs evenly); `report_dates` are the dates of the reports the query
/// selects (for the report count).
pub fn trends(
    store: &Store,
    passages: &[Passage],
    report_dates: &[Option<jiff::civil::Date>],
    period: Period,
) -> Trends {
    let tags: Vec<(String, String)> = rows(store).into_iter().map(|(id, p, _)| (id, p)).collect();
    let mut by_period: BTreeMap<i32, (usize, Vec<usize>)> = BTreeMap::new();
    let empty = || (0, vec![0; tags.len()]);
    for d in report_dates.iter().flatten() {
        by_period
            .entry(period_index(*d, period))
            .or_insert_with(empty)
            .0 += 1;
    }
    for p in passages {
        let Some(d) = p.date else { continue };
        let (_, counts) = by_period
            .entry(period_index(d, period))
            .or_insert_with(empty);
        for (i, (id, _)) in tags.iter().enumerate() {
            if p.tags.contains(id) {
                counts[i] += 1;
            }
        }
    }
    let (Some(first), Some(last)) = (by_period.keys().next(), by_period.keys().next_back()) else {
        return Trends {
            tags,
            periods: Vec::new(),
        };
    };
    let periods = (*first..=*last)
        .map(|i| {
            let (reports, counts) = by_period.get(&i).cloned().unwrap_or_else(empty);
            (period_label(i, period), reports, counts)
        })
        .collect();
    Trends { tags, periods }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(id: &str, tag: &str, date: &str) -> Passage {
        Passage {
            article: 0,
            highlight: id.into(),
            tags: vec![tag.into()],
            range: Some(0..1),
            quote: String::new(),
            meetings: Vec::new(),
            date: date.parse().ok(),
        }
    }

    #[test]
    fn time_runs_evenly_through_empty_periods() {
        let mut store = Store::default();
        let tag = crate::annotations::ensure_tag(&mut store, "connectivity");
        let ps = [
            passage("a", &tag, "2021-06-02"),
            passage("b", &tag, "2023-02-01"),
        ];
        let dates = ["2021-06-03", "2021-07-01", "2023-02-02"].map(|d| d.parse().ok());
        let years = trends(&store, &ps, &dates, Period::Year);
        let got: Vec<(&str, usize, usize)> = (years.periods.iter())
            .map(|(l, r, c)| (l.as_str(), *r, c[0]))
            .collect();
        assert_eq!(got, [("2021", 2, 1), ("2022", 0, 0), ("2023", 1, 1)]);
        let quarters = trends(&store, &ps, &dates, Period::Quarter);
        let labels: Vec<&str> = quarters.periods.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(labels.first(), Some(&"2021-Q2"));
        assert_eq!(labels.last(), Some(&"2023-Q1"));
        assert_eq!(labels.len(), 8, "{labels:?}");
        assert_eq!(quarters.periods[1], ("2021-Q3".to_owned(), 1, vec![0]));
    }

    #[test]
    fn a_passage_about_no_meeting_has_a_column_of_its_own() {
        let mut store = Store::default();
        let tag = crate::annotations::ensure_tag(&mut store, "energy");
        let ps = [passage("a", &tag, "2021-06-02")];
        let m = matrix(&store, &ps, By::Country, Count::Passages);
        assert_eq!(m.columns, [NO_MEETING]);
        assert_eq!(m.cells, [[1]]);
        let y = matrix(&store, &[passage("b", &tag, "x")], By::Year, Count::Reports);
        assert_eq!(
            (y.columns.clone(), y.cells.clone()),
            (vec![UNDATED.to_owned()], vec![vec![1]])
        );
    }
}
