//! Themes against meetings: the theme × meeting matrix (tags by counterpart country,
//! leader, kind or year), themes over time, and tags that occur together. Counted from
//! [`super::passages::Passage`]s; a passage about several meetings counts once in each
//! column its meetings fall in.

use super::passages::Passage;
use crate::annotations::Store;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    /// The same counted with the row's sub-tags (each passage or report once): what a
    /// collapsed row shows.
    pub totals: Vec<Vec<usize>>,
}

impl Matrix {
    /// Whether row `i` has sub-tags (the next row is deeper).
    pub fn has_sub_tags(&self, i: usize) -> bool {
        let depth = |i: usize| self.rows.get(i).map(|r| r.2);
        depth(i + 1).is_some_and(|d| Some(d) > depth(i))
    }

    /// The tag ids of row `i` and its sub-tags.
    pub fn with_sub_tags(&self, i: usize) -> Vec<String> {
        let Some((id, _, depth)) = self.rows.get(i) else {
            return Vec::new();
        };
        let below = (self.rows[i + 1..].iter()).take_while(|r| r.2 > *depth);
        std::iter::once(id)
            .chain(below.map(|r| &r.0))
            .cloned()
            .collect()
    }
}

/// The values of `by` a passage falls in (the matrix columns it counts in).
pub fn values(p: &Passage, by: By) -> BTreeSet<String> {
    let mut keys = Vec::new();
    value_keys(p, by, &mut keys);
    keys.iter().map(Value::label).collect()
}

/// A matrix column as met while counting: text borrowed from the meetings, or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Value<'a> {
    Text(&'a str),
    Year(Option<i16>),
}

impl Value<'_> {
    fn label(&self) -> String {
        match self {
            Value::Text(t) => (*t).to_owned(),
            Value::Year(Some(y)) => y.to_string(),
            Value::Year(None) => UNDATED.to_owned(),
        }
    }
}

/// The values of `by` passage `p` falls in, into `out` (cleared first), each once.
fn value_keys<'a>(p: &'a Passage, by: By, out: &mut Vec<Value<'a>>) {
    out.clear();
    match by {
        By::Year => out.push(Value::Year(p.date.map(|d| d.year()))),
        By::Kind => out.extend(p.meetings().map(|m| Value::Text(m.kind.label()))),
        By::Country => out.extend(
            (p.meetings().flat_map(|m| &m.counterparts))
                .filter_map(|c| c.country.as_deref().map(Value::Text)),
        ),
        By::Leader => out.extend(
            (p.meetings().flat_map(|m| &m.counterparts))
                .filter(|c| !c.name.is_empty())
                .map(|c| Value::Text(&c.name)),
        ),
    }
    if out.is_empty() {
        out.push(Value::Text(NO_MEETING));
    }
    out.sort_unstable_by_key(|v| match v {
        Value::Text(t) => (*t, 0),
        Value::Year(y) => ("", y.unwrap_or(i16::MIN)),
    });
    out.dedup();
}

/// For each tag of the codebook (by position), its row in `rows`.
fn row_of_tag(store: &Store, rows: &[(String, String, usize)]) -> Vec<Option<usize>> {
    let row: HashMap<&str, usize> = (rows.iter().enumerate())
        .map(|(i, (id, _, _))| (id.as_str(), i))
        .collect();
    (store.tags.iter())
        .map(|t| row.get(t.id.as_str()).copied())
        .collect()
}

/// The codebook's tags in tree order (sub-tags under their parent), each with its path
/// and depth.
fn rows(store: &Store) -> Vec<(String, String, usize)> {
    (store.tag_tree().into_iter())
        .map(|(t, depth)| {
            let path = store.tag_path(&t.id).unwrap_or_else(|| t.name.clone());
            (t.id.clone(), path, depth)
        })
        .collect()
}

/// For each row, the rows it counts in with its sub-tags: itself and its ancestors.
fn lineage(rows: &[(String, String, usize)]) -> Vec<Vec<usize>> {
    let mut above: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for (i, (_, _, depth)) in rows.iter().enumerate() {
        above.truncate(*depth);
        above.push(i);
        out.push(above.clone());
    }
    out
}

/// The theme × meeting matrix of `passages`.
pub fn matrix(store: &Store, passages: &[Passage], by: By, count: Count) -> Matrix {
    let rows = rows(store);
    let row_of = row_of_tag(store, &rows);
    let lineage = lineage(&rows);
    // Values numbered as met; every (row, value, what is counted) once.
    let mut value_of: HashMap<Value, usize> = HashMap::new();
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    let mut wider: Vec<(usize, usize, usize)> = Vec::new();
    let mut keys = Vec::new();
    let mut values = Vec::new();
    for (n, p) in passages.iter().enumerate() {
        let what = match count {
            Count::Passages => n,
            Count::Reports => p.article,
        };
        value_keys(p, by, &mut keys);
        values.clear();
        values.extend(keys.iter().map(|v| {
            let next = value_of.len();
            *value_of.entry(*v).or_insert(next)
        }));
        for &row in p.tags.iter().filter_map(|&t| row_of.get(t)?.as_ref()) {
            hits.extend(values.iter().map(|v| (row, *v, what)));
            for up in &lineage[row] {
                wider.extend(values.iter().map(|v| (*up, *v, what)));
            }
        }
    }
    for h in [&mut hits, &mut wider] {
        h.sort_unstable();
        h.dedup();
    }
    let mut columns: Vec<(String, usize)> = (value_of.into_iter())
        .map(|(v, n)| (v.label(), n))
        .collect();
    columns.sort();
    let mut column_of = vec![0; columns.len()];
    for (c, (_, v)) in columns.iter().enumerate() {
        column_of[*v] = c;
    }
    let count = |hits: &[(usize, usize, usize)]| {
        let mut cells = vec![vec![0; columns.len()]; rows.len()];
        for (row, value, _) in hits {
            cells[*row][column_of[*value]] += 1;
        }
        cells
    };
    let (cells, totals) = (count(&hits), count(&wider));
    Matrix {
        rows,
        columns: columns.into_iter().map(|(c, _)| c).collect(),
        cells,
        totals,
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
    pub period: Period,
    /// Passages with no date (not in any period).
    pub undated: usize,
    /// The number of the first period (see `period_index`).
    first: i32,
}

impl Trends {
    /// The days periods `from..=to` (positions in `periods`, either order) cover: the first
    /// day of the earlier and the last day of the later.
    pub fn days(&self, from: usize, to: usize) -> Option<(jiff::civil::Date, jiff::civil::Date)> {
        let last = self.periods.len().checked_sub(1)?;
        let (a, b) = (from.min(to).min(last), from.max(to).min(last));
        let index = |k: usize| self.first + i32::try_from(k).unwrap_or(i32::MAX - self.first);
        let start = period_start(index(a), self.period)?;
        let after = period_start(index(b) + 1, self.period)?;
        Some((start, after.yesterday().ok()?))
    }
}

impl Trends {
    /// The position in `periods` of the period `d` falls in (before 0 or past the end
    /// when `d` is outside them).
    pub fn position(&self, d: jiff::civil::Date) -> i64 {
        i64::from(period_index(d, self.period)) - i64::from(self.first)
    }
}

/// The first day of period number `i`.
fn period_start(i: i32, period: Period) -> Option<jiff::civil::Date> {
    let (year, month) = match period {
        Period::Month => (i.div_euclid(12), i.rem_euclid(12) + 1),
        Period::Quarter => (i.div_euclid(4), i.rem_euclid(4) * 3 + 1),
        Period::Year => (i, 1),
    };
    let year = i16::try_from(year).ok()?;
    jiff::civil::Date::new(year, i8::try_from(month).ok()?, 1).ok()
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
    let rows = rows(store);
    let row_of = row_of_tag(store, &rows);
    let tags: Vec<(String, String)> = rows.into_iter().map(|(id, p, _)| (id, p)).collect();
    let mut by_period: BTreeMap<i32, (usize, Vec<usize>)> = BTreeMap::new();
    let empty = || (0, vec![0; tags.len()]);
    for d in report_dates.iter().flatten() {
        by_period
            .entry(period_index(*d, period))
            .or_insert_with(empty)
            .0 += 1;
    }
    let mut undated = 0;
    for p in passages {
        let Some(d) = p.date else {
            undated += 1;
            continue;
        };
        let (_, counts) = by_period
            .entry(period_index(d, period))
            .or_insert_with(empty);
        let mut rows: Vec<usize> = (p.tags.iter())
            .filter_map(|&t| row_of.get(t).copied().flatten())
            .collect();
        rows.sort_unstable();
        rows.dedup();
        for r in rows {
            counts[r] += 1;
        }
    }
    let (Some(first), Some(last)) = (by_period.keys().next(), by_period.keys().next_back()) else {
        return Trends {
            tags,
            periods: Vec::new(),
            period,
            undated,
            first: 0,
        };
    };
    let periods = (*first..=*last)
        .map(|i| {
            let (reports, counts) = by_period.get(&i).cloned().unwrap_or_else(empty);
            (period_label(i, period), reports, counts)
        })
        .collect();
    Trends {
        tags,
        periods,
        period,
        undated,
        first: *first,
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

/// Every pair of tag paths that occur together, by paths in order (passages in corpus
/// order, as [`super::passages::passages`] gives them).
pub fn cooccurrence(store: &Store, passages: &[Passage]) -> Vec<Together> {
    // Tags by number, numbered in the order of their paths (so pairs come out sorted).
    let mut paths: Vec<(String, usize)> = (store.tags.iter().enumerate())
        .map(|(i, t)| (store.tag_path(&t.id).unwrap_or_else(|| t.name.clone()), i))
        .collect();
    paths.sort();
    let mut number = vec![0; store.tags.len()];
    for (n, (_, i)) in paths.iter().enumerate() {
        number[*i] = n;
    }
    let tags_of = |p: &Passage| -> Vec<usize> {
        let mut t: Vec<usize> = (p.tags.iter())
            .filter_map(|&t| number.get(t).copied())
            .collect();
        t.sort_unstable();
        t.dedup();
        t
    };
    let mut overlapping: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut reports: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut start = 0;
    while start < passages.len() {
        let article = passages[start].article;
        let end = (start..passages.len())
            .find(|&i| passages[i].article != article)
            .unwrap_or(passages.len());
        let here: Vec<Vec<usize>> = passages[start..end].iter().map(tags_of).collect();
        let all: BTreeSet<usize> = here.iter().flatten().copied().collect();
        for pair in pairs(&all, &all) {
            *reports.entry(pair).or_default() += 1;
        }
        for (i, p) in here.iter().enumerate() {
            let inside_p = pairs(p, p);
            for pair in &inside_p {
                *overlapping.entry(*pair).or_default() += 1;
            }
            for (j, q) in here.iter().enumerate().skip(i + 1) {
                if !overlap(&passages[start + i], &passages[start + j]) {
                    continue;
                }
                let inside_q = pairs(q, q);
                for pair in pairs(p, q) {
                    if !inside_p.contains(&pair) && !inside_q.contains(&pair) {
                        *overlapping.entry(pair).or_default() += 1;
                    }
                }
            }
        }
        start = end;
    }
    (reports.into_iter())
        .map(|((a, b), same_report)| Together {
            a: paths[a].0.clone(),
            b: paths[b].0.clone(),
            overlapping: overlapping.get(&(a, b)).copied().unwrap_or(0),
            same_report,
        })
        .collect()
}

/// The pairs of different tags, one from each list, smaller number first.
fn pairs<'a>(
    x: impl IntoIterator<Item = &'a usize> + Clone,
    y: impl IntoIterator<Item = &'a usize> + Clone,
) -> BTreeSet<(usize, usize)> {
    let mut out = BTreeSet::new();
    for s in x {
        for t in y.clone() {
            if s != t {
                out.insert((*s.min(t), *s.max(t)));
            }
        }
    }
    out
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

    use crate::analysis::passages::test_passage as passage;

    #[test]
    fn time_runs_evenly_through_empty_periods() {
        let mut store = Store::default();
        let _connectivity = crate::annotations::ensure_tag(&mut store, "connectivity");
        let ps = [passage(0, "2021-06-02"), passage(0, "2023-02-01")];
        let dates = ["2021-06-03", "2021-07-01", "2023-02-02"].map(|d| d.parse().ok());
        let undated = passage(0, "not a date");
        let with_undated = [ps[0].clone(), ps[1].clone(), undated];
        assert_eq!(
            trends(&store, &with_undated, &dates, Period::Year).undated,
            1
        );
        let years = trends(&store, &ps, &dates, Period::Year);
        assert_eq!(years.undated, 0);
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
        // 2021-Q3 to 2022-Q1, whichever end the drag started from.
        let day = |s: &str| s.parse::<jiff::civil::Date>().ok();
        let span = Some((day("2021-07-01").unwrap(), day("2022-03-31").unwrap()));
        assert_eq!(quarters.days(1, 3), span);
        assert_eq!(quarters.days(3, 1), span);
        let months = trends(&store, &ps, &dates, Period::Month);
        let feb = (day("2023-02-01").unwrap(), day("2023-02-28").unwrap());
        assert_eq!(months.days(20, 99), Some(feb), "clamped to the last period");
        let dec = (day("2021-01-01").unwrap(), day("2021-12-31").unwrap());
        assert_eq!(years.days(0, 0), Some(dec));
        assert_eq!(quarters.position(day("2022-02-14").unwrap()), 3);
        assert_eq!(months.position(day("2021-05-31").unwrap()), -1);
    }

    #[test]
    fn a_passage_about_no_meeting_has_a_column_of_its_own() {
        let mut store = Store::default();
        let _energy = crate::annotations::ensure_tag(&mut store, "energy");
        let ps = [passage(0, "2021-06-02")];
        let m = matrix(&store, &ps, By::Country, Count::Passages);
        assert_eq!(m.columns, [NO_MEETING]);
        assert_eq!(m.cells, [[1]]);
        let y = matrix(&store, &[passage(0, "x")], By::Year, Count::Reports);
        assert_eq!(
            (y.columns.clone(), y.cells.clone()),
            (vec![UNDATED.to_owned()], vec![vec![1]])
        );
    }

    #[test]
    fn a_parent_row_counts_with_its_sub_tags_each_passage_once() {
        let mut store = Store::default();
        // The child is made first: the rows still put it under its parent.
        let oil = crate::annotations::ensure_tag(&mut store, "oil");
        let energy = crate::annotations::ensure_tag(&mut store, "energy");
        store.tags[0].parent = Some(energy.clone());
        let mut both = passage(1, "2021-06-02");
        both.tags.push(0);
        let ps = [both, passage(0, "2021-06-02"), passage(1, "2022-01-01")];
        let m = matrix(&store, &ps, By::Year, Count::Passages);
        let rows: Vec<(&str, usize)> = m.rows.iter().map(|r| (r.1.as_str(), r.2)).collect();
        assert_eq!(rows, [("energy", 0), ("energy / oil", 1)]);
        assert_eq!(m.columns, ["2021", "2022"]);
        assert_eq!(m.cells, [[1, 1], [2, 0]]);
        // a and b in 2021 (a once though it bears both), c in 2022.
        assert_eq!(m.totals, [[2, 1], [2, 0]]);
        assert!(m.has_sub_tags(0) && !m.has_sub_tags(1));
        assert_eq!(m.with_sub_tags(0), [energy, oil.clone()]);
        assert_eq!(m.with_sub_tags(1), [oil]);
    }
}
