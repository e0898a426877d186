//! When a meeting happened, from the words of its sentence and the report's own date:
//! explicit dates ("On the afternoon of May 17, 2023"), a month and day whose year comes
//! from the report ("on July 3"), weekdays ("on Wednesday", "said Wednesday": the latest
//! such day on or before the report's date), "yesterday", "today". Without a report date,
//! anything short of a full date stays unknown: never guessed.

use crate::dates::{PartialDate, find_dates};
use jiff::ToSpan;
use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

/// The day `sentence` gives, read against the report's date.
pub fn in_sentence(sentence: &str, report: Option<Date>) -> Option<Date> {
    if let Some(d) = find_dates(sentence).first() {
        return resolve_partial(d.date, report);
    }
    relative_day(sentence, report?)
}

/// A month and day without a year take the report's year, or the year before when that
/// would put them after the report.
pub fn resolve_partial(date: PartialDate, report: Option<Date>) -> Option<Date> {
    if let Some(full) = date.full() {
        return Some(full);
    }
    let report = report?;
    let this_year = date.in_year(report.year())?;
    if this_year > report {
        date.in_year(report.year() - 1)
    } else {
        Some(this_year)
    }
}

fn relative_day(sentence: &str, report: Date) -> Option<Date> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        let days = crate::calendar::weekday_names_pattern();
        Regex::new(&format!(
            r"\b(?:(last) )?({days})\b|\b(yesterday|today|this (?:morning|afternoon|evening))\b"
        ))
        .expect("the relative-day pattern is a valid regex")
    });
    let c = RE.captures(sentence)?;
    if let Some(day) = c.get(2) {
        let weekday = crate::calendar::weekday(day.as_str())?;
        let back = (report.weekday().to_monday_zero_offset() - weekday.to_monday_zero_offset())
            .rem_euclid(7);
        // "last Wednesday" never means the report's own day.
        let back = if back == 0 && c.get(1).is_some() {
            7
        } else {
            back
        };
        return report.checked_sub(i64::from(back).days()).ok();
    }
    match c.get(3)?.as_str() {
        "yesterday" => report.checked_sub(1.day()).ok(),
        _ => Some(report),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weekdays_resolve_to_the_latest_such_day_on_or_before_the_report() {
        let thursday = date(2021, 6, 3);
        assert_eq!(
            in_sentence("Xi said on Wednesday.", Some(thursday)),
            Some(date(2021, 6, 2))
        );
        assert_eq!(
            in_sentence("Xi said Thursday.", Some(thursday)),
            Some(thursday)
        );
        assert_eq!(
            in_sentence("Xi said last Thursday.", Some(thursday)),
            Some(date(2021, 5, 27))
        );
        assert_eq!(
            in_sentence("Xi said Friday.", Some(thursday)),
            Some(date(2021, 5, 28))
        );
        assert_eq!(in_sentence("Xi said on Wednesday.", None), None);
        assert_eq!(
            in_sentence("Xi said yesterday.", Some(thursday)),
            Some(date(2021, 6, 2))
        );
    }

    #[test]
    fn explicit_and_month_day_dates() {
        assert_eq!(
            in_sentence("On the afternoon of May 17, 2023, Xi met", None),
            Some(date(2023, 5, 17))
        );
        assert_eq!(
            in_sentence("the call on July 3", Some(date(2024, 7, 4))),
            Some(date(2024, 7, 3))
        );
        assert_eq!(
            in_sentence("the call on December 28", Some(date(2024, 1, 3))),
            Some(date(2023, 12, 28))
        );
        assert_eq!(in_sentence("the call on July 3", None), None);
    }
}
