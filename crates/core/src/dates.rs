//! Finding calendar dates in English news text.
//!
//! Agency reports write dates in a handful of shapes: `2021-06-03`, `June 03, 2021`,
//! `Nov. 28, 2023`, `17 May 2023`, `17.05.2023`, and in datelines a bare `July 3`. The
//! shapes are data, in `assets/dates.ron`; this module reads them.
//! [`find_dates`] returns every date it recognises with its byte range, so callers can
//! both read the date and cut it out of the line. Nothing here guesses a missing year:
//! a bare month and day stays a [`PartialDate`] without one.

use jiff::civil::Date;
use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

/// A date as every view and export shows it: `YYYY-MM-DD`, or "undated" when there is
/// none (the one wording for a missing date).
pub fn shown(date: Option<Date>) -> String {
    date.map_or_else(|| "undated".to_owned(), |d| d.to_string())
}

/// A date as written: the year may be missing (`July 3` in a dateline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub year: Option<i16>,
    pub month: i8,
    pub day: i8,
}

impl PartialDate {
    /// The full date, when the year is known and the day exists.
    pub fn full(&self) -> Option<Date> {
        Date::new(self.year?, self.month, self.day).ok()
    }

    /// The date in `year`, when the day exists in that year.
    pub fn in_year(&self, year: i16) -> Option<Date> {
        Date::new(year, self.month, self.day).ok()
    }
}

/// A date found in a text, with the byte range it occupies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    pub range: std::ops::Range<usize>,
    pub date: PartialDate,
}

/// Month number (1–12) for an English month name or abbreviation (`Sept.`, `Nov`),
/// from the crate's one table of names ([`crate::calendar`]).
pub fn month_number(word: &str) -> Option<i8> {
    crate::calendar::month_number(word)
}

/// The shapes of `assets/dates.ron`.
#[derive(Debug, Deserialize)]
struct Data {
    shapes: Vec<Shape>,
}

#[derive(Debug, Deserialize)]
struct Shape {
    pattern: String,
    /// Written as the shape finds it; `reads` is what it must give (checked by a test).
    #[cfg_attr(not(test), allow(dead_code))]
    example: String,
    #[cfg_attr(not(test), allow(dead_code))]
    reads: String,
    /// The first number is the month unless it is over 12.
    #[serde(default)]
    day_may_lead: bool,
}

static DATA: LazyLock<Data> = LazyLock::new(|| {
    ron::from_str(include_str!("../../../assets/dates.ron"))
        .expect("assets/dates.ron is valid (checked by a test)")
});

/// All the shapes as one regex; the groups of shape `i` are named `y{i}`, `m{i}`, `mn{i}`
/// and `d{i}`.
static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let month = format!(
        "(?:{}|{})",
        crate::calendar::month_pattern(),
        crate::calendar::month_pattern_upper()
    );
    let parts: Vec<String> = DATA
        .shapes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let p = s
                .pattern
                .replace("{month}", &month)
                .replace("(?P<y>", &format!("(?P<y{i}>"))
                .replace("(?P<mn>", &format!("(?P<mn{i}>"))
                .replace("(?P<m>", &format!("(?P<m{i}>"))
                .replace("(?P<d>", &format!("(?P<d{i}>"));
            format!("(?:{p})")
        })
        .collect();
    Regex::new(&parts.join("|")).expect("the shapes of assets/dates.ron are valid")
});

/// The date one match of [`DATE_RE`] reads.
fn read(c: &regex::Captures) -> Option<PartialDate> {
    let (i, shape) = DATA
        .shapes
        .iter()
        .enumerate()
        .find(|(i, _)| c.name(&format!("d{i}")).is_some())?;
    let num = |name: &str| {
        c.name(&format!("{name}{i}"))
            .and_then(|m| m.as_str().parse::<i64>().ok())
    };
    let mut month = match c.name(&format!("mn{i}")) {
        Some(name) => i64::from(month_number(name.as_str())?),
        None => num("m")?,
    };
    let mut day = num("d")?;
    if shape.day_may_lead && month > 12 {
        std::mem::swap(&mut month, &mut day);
    }
    Some(PartialDate {
        year: num("y").map(i16::try_from).transpose().ok()?,
        month: i8::try_from(month).ok()?,
        day: i8::try_from(day).ok()?,
    })
}

/// Every date written in `text`, in order, with byte ranges.
///
/// Impossible dates (`2021-13-45`, `February 30`) are not returned.
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    DATE_RE
        .captures_iter(text)
        .filter_map(|c| {
            let date = read(&c)?;
            // Validate against a leap year when the year is unknown, so February 29 passes.
            Date::new(date.year.unwrap_or(2024), date.month, date.day).ok()?;
            Some(DateMatch {
                range: c.get(0)?.range(),
                date,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<(Option<i16>, i8, i8, &str)> {
        find_dates(text)
            .into_iter()
            .map(|m| (m.date.year, m.date.month, m.date.day, &text[m.range]))
            .collect()
    }

    #[test]
    fn every_shape_of_the_data_reads_its_example() {
        for shape in &DATA.shapes {
            let found = find_dates(&shape.example);
            let got = found
                .first()
                .and_then(|d| d.date.full())
                .map(|d| d.to_string());
            assert_eq!(
                got.as_deref(),
                Some(shape.reads.as_str()),
                "{:?}",
                shape.example
            );
        }
    }

    #[test]
    fn reads_the_common_shapes() {
        assert_eq!(
            dates("Updated: 2021-06-03 08:42"),
            [(Some(2021), 6, 3, "2021-06-03")]
        );
        assert_eq!(
            dates("China Daily) 08:42, June 03, 2021"),
            [(Some(2021), 6, 3, "June 03, 2021")]
        );
        assert_eq!(
            dates("BEIJING, Nov. 28 (Xinhua) --"),
            [(None, 11, 28, "Nov. 28")]
        );
        assert_eq!(
            dates("17 May 2023, 17:46"),
            [(Some(2023), 5, 17, "17 May 2023")]
        );
        assert_eq!(dates("17.05.2023"), [(Some(2023), 5, 17, "17.05.2023")]);
        assert_eq!(
            dates("On the afternoon of May 17, 2023, and on Sept. 5"),
            [(Some(2023), 5, 17, "May 17, 2023"), (None, 9, 5, "Sept. 5")]
        );
        assert_eq!(
            dates("the 3rd of July 2024"),
            [(Some(2024), 7, 3, "3rd of July 2024")]
        );
    }

    #[test]
    fn reads_the_shapes_web_pages_stamp() {
        // US pages: month first; a first number over 12 can only be a day.
        assert_eq!(
            dates("Posted 03/04/2019"),
            [(Some(2019), 3, 4, "03/04/2019")]
        );
        assert_eq!(dates("31/12/2020"), [(Some(2020), 12, 31, "31/12/2020")]);
        // No space after the comma or the period.
        assert_eq!(dates("Mar 4,2019"), [(Some(2019), 3, 4, "Mar 4,2019")]);
        assert_eq!(dates("Oct.7, 2016"), [(Some(2016), 10, 7, "Oct.7, 2016")]);
        // Shouted: "YEREVAN, MARCH 12, 2025"; "14 MAR 2024 6:45PM".
        assert_eq!(
            dates("YEREVAN, MARCH 12, 2025"),
            [(Some(2025), 3, 12, "MARCH 12, 2025")]
        );
        assert_eq!(dates("14 MAR 2024"), [(Some(2024), 3, 14, "14 MAR 2024")]);
        // Day, month word and year with hyphens; compact stamps with a time.
        assert_eq!(
            dates("04-Mar-2019 10:00"),
            [(Some(2019), 3, 4, "04-Mar-2019")]
        );
        assert_eq!(
            dates("stamp: 20190304-101502"),
            [(Some(2019), 3, 4, "20190304-101502")]
        );
        // A bare eight-digit number is not a date.
        assert!(dates("order 20190304 was placed").is_empty());
    }

    #[test]
    fn rejects_impossible_dates_and_plain_numbers() {
        assert!(dates("2021-13-45").is_empty());
        assert!(dates("February 30, 2021").is_empty());
        assert!(dates("In 2021, 30 people may come").is_empty());
        assert_eq!(dates("February 29"), [(None, 2, 29, "February 29")]);
    }

    #[test]
    fn a_bare_month_day_has_no_full_date_until_given_a_year() {
        let d = find_dates("July 3")[0].date;
        assert_eq!(d.full(), None);
        assert_eq!(d.in_year(2024), Some(jiff::civil::date(2024, 7, 3)));
    }
}
