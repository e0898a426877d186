//! Month and weekday names, read once from `assets/calendar.ron`: the one table the
//! whole crate uses to read dates, datelines and relative days and to write headings.
//! Patterns built from it are regex alternations, longest spelling first.

use jiff::civil::{Date, Weekday};
use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
struct Name {
    name: String,
    short: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Table {
    months: Vec<Name>,
    weekdays: Vec<Name>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let table: Table = ron::from_str(include_str!("../../../assets/calendar.ron"))
        .expect("assets/calendar.ron is valid (checked by a test)");
    assert!(table.months.len() == 12 && table.weekdays.len() == 7);
    table
});

/// Every spelling of a name: the full one, then the short ones.
fn spellings(n: &Name) -> impl Iterator<Item = &str> {
    std::iter::once(n.name.as_str()).chain(n.short.iter().map(String::as_str))
}

/// The place (from 0) of `word` in `names`, read without case and without a final period.
fn position(names: &[Name], word: &str) -> Option<usize> {
    let w = word.trim_end_matches('.');
    names
        .iter()
        .position(|n| spellings(n).any(|s| s.eq_ignore_ascii_case(w)))
}

/// Month number (1–12) of an English month name or abbreviation (`Sept.`, `nov`).
pub fn month_number(word: &str) -> Option<i8> {
    position(&TABLE.months, word).and_then(|i| i8::try_from(i + 1).ok())
}

/// The full name of month `n` (1–12).
pub fn month_name(n: i8) -> &'static str {
    let i = usize::try_from(n.clamp(1, 12) - 1).unwrap_or(0);
    &TABLE.months[i].name
}

/// The weekday named by `word` (`Wednesday`, `wed.`).
pub fn weekday(word: &str) -> Option<Weekday> {
    let i = position(&TABLE.weekdays, word)?;
    Weekday::from_monday_one_offset(i8::try_from(i + 1).ok()?).ok()
}

/// The full name of a weekday.
pub fn weekday_name(day: Weekday) -> &'static str {
    let i = usize::try_from(day.to_monday_zero_offset()).unwrap_or(0);
    &TABLE.weekdays[i].name
}

/// A regex alternation (no group) of every month spelling; short ones may end in `.`.
pub fn month_pattern() -> String {
    pattern(&TABLE.months)
}

/// A regex alternation (no group) of the full weekday names.
pub fn weekday_names_pattern() -> String {
    alternation(
        TABLE
            .weekdays
            .iter()
            .map(|n| (n.name.len(), regex::escape(&n.name))),
    )
}

/// A regex alternation (no group) of the full month names.
pub fn month_names_pattern() -> String {
    alternation(
        TABLE
            .months
            .iter()
            .map(|n| (n.name.len(), regex::escape(&n.name))),
    )
}

fn pattern(names: &[Name]) -> String {
    pattern_spelled(names, str::to_owned)
}

/// The month names (full and short) in capitals, as some datelines shout them
/// (`YEREVAN, MARCH 12`).
pub fn month_pattern_upper() -> String {
    pattern_spelled(&TABLE.months, str::to_uppercase)
}

fn pattern_spelled(names: &[Name], spell: fn(&str) -> String) -> String {
    let full = names
        .iter()
        .map(|n| (n.name.len(), regex::escape(&spell(&n.name))));
    // A short spelling ends its word ("Jul" is not the start of "July"), then may take
    // a period.
    let short = names
        .iter()
        .flat_map(|n| &n.short)
        .map(|s| (s.len(), format!(r"{}\b\.?", regex::escape(&spell(s)))));
    alternation(full.chain(short))
}

/// `a|b|c` of (spelling length, pattern), longest spelling first, so that `July` is
/// tried before `Jul` and `Sept` before `Sep`.
fn alternation(parts: impl Iterator<Item = (usize, String)>) -> String {
    let mut parts: Vec<(usize, String)> = parts.collect();
    parts.sort_by_key(|p| std::cmp::Reverse(p.0));
    let parts: Vec<String> = parts.into_iter().map(|p| p.1).collect();
    parts.join("|")
}

/// Months counted from January of year 0, so months can be added and compared.
pub fn month_index(d: Date) -> i32 {
    i32::from(d.year()) * 12 + i32::from(d.month()) - 1
}

/// The first day of the month numbered `i` by [`month_index`].
pub fn month_from_index(i: i32) -> Option<Date> {
    let month = i8::try_from(i.rem_euclid(12) + 1).ok()?;
    Date::new(i16::try_from(i.div_euclid(12)).ok()?, month, 1).ok()
}

/// The first day of `d`'s month.
pub fn month_start(d: Date) -> Date {
    d.first_of_month()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_count_across_years() {
        let d = |y, m, day| Date::new(y, m, day).expect("a date");
        assert_eq!(month_index(d(2022, 1, 31)) - month_index(d(2021, 12, 1)), 1);
        assert_eq!(
            month_from_index(month_index(d(2024, 2, 29)) + 11),
            Some(d(2025, 1, 1))
        );
        assert_eq!(month_start(d(2024, 2, 29)), d(2024, 2, 1));
    }

    #[test]
    fn names_read_both_ways() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("sep"), Some(9));
        assert_eq!(month_number("MAY"), Some(5));
        assert_eq!(month_number("Mayor"), None);
        assert_eq!(month_name(11), "November");
        assert_eq!(weekday("Wed."), Some(Weekday::Wednesday));
        assert_eq!(weekday("sunday"), Some(Weekday::Sunday));
        assert_eq!(weekday("Sund"), None);
        for d in 1..=7 {
            let day = Weekday::from_monday_one_offset(d).expect("a weekday");
            assert_eq!(weekday(weekday_name(day)), Some(day));
        }
        for m in 1..=12 {
            assert_eq!(month_number(month_name(m)), Some(m));
        }
    }

    #[test]
    fn patterns_match_every_spelling_whole() {
        let re = regex::Regex::new(&format!(r"^(?:{})$", month_pattern())).expect("valid");
        for w in ["January", "Jan", "Jan.", "Sept.", "Sep", "May", "Dec."] {
            assert!(re.is_match(w), "{w}");
        }
        assert!(!re.is_match("Ma"));
        let days = regex::Regex::new(&format!(r"^(?:{})$", weekday_names_pattern())).expect("ok");
        assert!(days.is_match("Thursday") && !days.is_match("Thu"));
    }
}
