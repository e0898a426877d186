//! A meeting in words: the one place its text is put together, for the reader's chips,
//! the timeline's rows and the exports. Undated meetings say so with
//! [`crate::dates::shown`]'s one wording.

use super::Meeting;
use jiff::civil::Date;

/// Who met: `Xi Jinping – Kassym-Jomart Tokayev, Ilham Aliyev`; past `most`
/// counterparts, the first two and how many more (`… +3`).
pub fn people(m: &Meeting, most: Option<usize>) -> String {
    let others: Vec<String> = m.counterparts.iter().map(|c| c.label()).collect();
    let others = match most {
        Some(most) if others.len() > most => {
            format!("{} +{}", others[..2].join(", "), others.len() - 2)
        }
        _ => others.join(", "),
    };
    format!("{} – {others}", m.leader.label())
}

/// The counterparts' countries, each once, in order.
pub fn countries(m: &Meeting) -> String {
    let mut countries: Vec<&str> = Vec::new();
    for c in m.counterparts.iter().filter_map(|c| c.country.as_deref()) {
        if !countries.contains(&c) {
            countries.push(c);
        }
    }
    countries.join(", ")
}

/// A chip: `phone call · Xi Jinping – Kassym-Jomart Tokayev · 2021-06-02`.
pub fn chip(m: &Meeting) -> String {
    let date = crate::dates::shown(m.date);
    format!("{} · {} · {date}", m.kind.label(), people(m, None))
}

/// A timeline row's two lines: `2024-07-03   Xi Jinping – Sadyr Japarov`, then
/// `Kyrgyzstan · talks · Astana · 1 report`, for an event on `date` told by `reports`.
pub fn row(m: &Meeting, date: Option<Date>, reports: usize) -> (String, String) {
    let date = crate::dates::shown(date);
    let mut details = vec![countries(m), m.kind.label().to_owned()];
    details.extend(m.location.as_deref().map(str::to_owned));
    details.push(crate::text::count(reports, "report", "reports"));
    details.retain(|d| !d.is_empty());
    (
        format!("{date}   {}", people(m, Some(3))),
        details.join(" · "),
    )
}

/// A line of its own, for exports: `2021-06-02 phone call, Xi Jinping – Kassym-Jomart
/// Tokayev (Kazakhstan), Astana`.
pub fn line(m: &Meeting) -> String {
    let others: Vec<String> = m
        .counterparts
        .iter()
        .map(|c| match (&c.country, c.name.is_empty()) {
            (Some(country), false) => format!("{} ({country})", c.name),
            _ => c.label(),
        })
        .collect();
    let mut line = format!(
        "{} {}, {} – {}",
        crate::dates::shown(m.date),
        m.kind.label(),
        m.leader.label(),
        others.join(", ")
    );
    if let Some(place) = &m.location {
        line.push_str(&format!(", {place}"));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meetings::{Kind, Participant};

    fn person(name: &str, country: &str) -> Participant {
        Participant {
            name: name.into(),
            country: Some(country.into()),
        }
    }

    #[test]
    fn a_meeting_reads_the_same_in_every_place() {
        let m = Meeting {
            kind: Kind::Talks,
            date: jiff::civil::Date::new(2024, 7, 3).ok(),
            leader: person("Xi Jinping", "China"),
            counterparts: vec![person("Sadyr Japarov", "Kyrgyzstan")],
            location: Some("Astana".into()),
            evidence: 0..0,
        };
        assert_eq!(chip(&m), "talks · Xi Jinping – Sadyr Japarov · 2024-07-03");
        let (first, second) = row(&m, m.date, 1);
        assert_eq!(first, "2024-07-03   Xi Jinping – Sadyr Japarov");
        assert_eq!(second, "Kyrgyzstan · talks · Astana · 1 report");
        assert_eq!(
            line(&m),
            "2024-07-03 talks, Xi Jinping – Sadyr Japarov (Kyrgyzstan), Astana"
        );
        let undated = Meeting { date: None, ..m };
        assert!(chip(&undated).ends_with(&crate::dates::shown(None)));
        assert!(
            row(&undated, None, 2)
                .0
                .starts_with(&crate::dates::shown(None))
        );
    }

    #[test]
    fn many_counterparts_are_cut_short_in_a_row() {
        let m = Meeting {
            leader: person("Xi Jinping", "China"),
            counterparts: ["A", "B", "C", "D"].map(|n| person(n, "X")).to_vec(),
            kind: Kind::Summit,
            date: None,
            location: None,
            evidence: 0..0,
        };
        assert_eq!(people(&m, Some(3)), "Xi Jinping – A, B +2");
        assert_eq!(people(&m, None), "Xi Jinping – A, B, C, D");
        assert_eq!(countries(&m), "X");
    }
}
