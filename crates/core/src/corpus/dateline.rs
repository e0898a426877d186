//! Datelines: the `ASTANA, July 3 (Xinhua) --` that opens an agency report.
//!
//! Shapes read: `BEIJING: …`, `BEIJING -- …`, `ASTANA, July 3 (Xinhua) -- …`,
//! `BEIJING, Nov. 28 (Xinhua) --`, `ASTANA. KAZINFORM – …`, `MOSCOW, June 2. /TASS/. …`,
//! `ISLAMABAD, June 2 (APP): …`, `BAKU, Azerbaijan, June 2. Trend: …`,
//! `BISHKEK (AKIpress) - …`, and a title-case place (`Beijing, June 2 (CGTN) –`) when a
//! date or an agency confirms it; `Kyiv • Ukrinform.`, `(ANSA) - ROME -`, `Khiva --`. The
//! shapes are data, in `assets/datelines.ron`; the rules about when a match counts are here.

use super::sources;
use crate::dates::{PartialDate, find_dates};
use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

/// What a dateline says: where the report was filed, when (often without a year) and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The place as a name (`Nur-Sultan`, `Xi'an`), not shouted.
    pub place: String,
    pub date: Option<PartialDate>,
    pub agency: Option<String>,
    /// Byte length of the dateline, so the body starts at `len` in the line.
    pub len: usize,
}

/// The shapes of `assets/datelines.ron`.
#[derive(Debug, Deserialize)]
struct Data {
    usual: Usual,
    others: Vec<Other>,
    not_places: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Usual {
    pattern: String,
    #[cfg_attr(not(test), allow(dead_code))]
    examples: Vec<Example>,
}

#[derive(Debug, Deserialize)]
struct Other {
    pattern: String,
    agency: AgencyRule,
    #[cfg_attr(not(test), allow(dead_code))]
    example: Example,
}

/// A line a shape must read, and the place it must find (checked by a test).
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct Example {
    line: String,
    place: String,
}

/// What a shape's agency must be for the line to be a dateline.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum AgencyRule {
    Known,
    Plausible,
    None,
}

static DATA: LazyLock<Data> = LazyLock::new(|| {
    ron::from_str(include_str!("../../../../assets/datelines.ron"))
        .expect("assets/datelines.ron is valid (checked by a test)")
});

/// A shape of the data as a regex (extended mode, `{month}` put in).
fn shape(pattern: &str) -> Regex {
    let month = crate::calendar::month_pattern();
    Regex::new(&format!("(?x){}", pattern.replace("{month}", &month)))
        .expect("the shapes of assets/datelines.ron are valid")
}

static DATELINE_RE: LazyLock<Regex> = LazyLock::new(|| shape(&DATA.usual.pattern));

static OTHER_SHAPES: LazyLock<Vec<(Regex, AgencyRule)>> = LazyLock::new(|| {
    DATA.others
        .iter()
        .map(|o| (shape(&o.pattern), o.agency))
        .collect()
});

/// Capitalised words that are section labels or acronyms, not places.
fn not_a_place(word: &str) -> bool {
    DATA.not_places.iter().any(|w| w == word)
}

/// Less common shapes: `Kyiv • Ukrinform. …` (place, bullet, agency), `(ANSA) - ROME - …`
/// (agency first) and `Khiva -- …` (a title-case place and a double dash alone).
fn parse_other_shapes(line: &str) -> Option<Dateline> {
    let (c, rule) = OTHER_SHAPES
        .iter()
        .find_map(|(re, rule)| re.captures(line).map(|c| (c, *rule)))?;
    let place = c.name("place")?.as_str();
    let written = c.name("agency").map(|a| a.as_str());
    let agency = match rule {
        AgencyRule::Known => Some(sources::canonical(written?)?.to_owned()),
        AgencyRule::Plausible => canonical_or_as_written(written?),
        AgencyRule::None => None,
    };
    if not_a_place(place) {
        return None;
    }
    Some(Dateline {
        place: place_name(place),
        date: None,
        agency,
        len: c.name("body")?.start(),
    })
}

/// `MARCH 12, 2025` → `March 12, 2025`, so the date reader knows the month.
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_letter = false;
    for ch in s.chars() {
        if prev_letter {
            out.extend(ch.to_lowercase());
        } else {
            out.push(ch);
        }
        prev_letter = ch.is_alphabetic();
    }
    out
}

/// The dateline opening `line`, if it has one.
pub fn parse(line: &str) -> Option<Dateline> {
    parse_usual(line).or_else(|| parse_other_shapes(line))
}

fn parse_usual(line: &str) -> Option<Dateline> {
    let c = DATELINE_RE.captures(line)?;
    let date = c
        .name("date")
        .and_then(|m| find_dates(&title_case(m.as_str())).first().map(|d| d.date));
    let between_place_and_body = &line[c.name("caps").or(c.name("title"))?.end()..];
    let has_space_before_body = between_place_and_body
        .chars()
        .take_while(|ch| !ch.is_alphanumeric() && !"\"“‘".contains(*ch))
        .any(char::is_whitespace);
    if !has_space_before_body {
        return None;
    }
    let agency = agency(&c)?;
    let place = place_of(&c, date.is_some() || agency.is_some())?;
    if !closes(&c, agency.is_some()) {
        return None;
    }
    Some(Dateline {
        place: place_name(place),
        date,
        agency,
        len: c.name("body")?.start(),
    })
}

/// The agency the dateline credits (`Some(None)`: none; `None`: a bare all-caps word
/// that is not a known agency, so not a dateline: `BEIJING -- CHINA and …`).
fn agency(c: &regex::Captures) -> Option<Option<String>> {
    let raw = c
        .name("paren")
        .or_else(|| c.name("slash"))
        .or_else(|| c.name("word"))
        .map(|m| m.as_str().trim_end_matches([':', '.']).trim().to_owned());
    Some(match (&raw, c.name("word")) {
        (Some(raw), Some(_)) => Some(sources::canonical(raw)?.to_owned()),
        (Some(raw), None) => Some(canonical_or_as_written(raw)?),
        (None, _) => None,
    })
}

/// The place as written, when the dateline has what it takes (`signal`: a date or an
/// agency); `KYODO NEWS - Aug 23, 2025` names a source, not a place.
fn place_of<'l>(c: &regex::Captures<'l>, signal: bool) -> Option<&'l str> {
    let sep = c.name("sep").is_some();
    if let Some(caps) = c.name("caps") {
        let caps = caps.as_str();
        let source = not_a_place(caps) || sources::canonical(caps).is_some();
        (!source && (signal || sep)).then_some(caps)
    } else {
        let title = c.name("title")?.as_str();
        signal.then_some(title)
    }
}

/// Whether the dateline ends where the body starts: a separator, a bracketed agency or
/// `Agency:`, or a line of its own ending in a known agency (`Aktau, August 12, AZERTAC`).
fn closes(c: &regex::Captures, has_agency: bool) -> bool {
    let closed_by_agency = c.name("paren").is_some()
        || c.name("slash").is_some()
        || c.name("word")
            .is_some_and(|w| w.as_str().ends_with([':', '.']));
    let alone = c.name("body").is_some_and(|b| b.as_str().is_empty());
    if alone && !has_agency {
        return false;
    }
    c.name("sep").is_some() || closed_by_agency || alone
}

/// A bracketed credit is an agency when it reads like one: known, or a short name.
fn canonical_or_as_written(raw: &str) -> Option<String> {
    if let Some(known) = sources::canonical(raw) {
        return Some(known.to_owned());
    }
    let words = raw.split_whitespace().count();
    let plausible = (1..=4).contains(&words)
        && raw.chars().next().is_some_and(char::is_uppercase)
        && !raw.chars().any(|c| c.is_ascii_digit());
    plausible.then(|| raw.to_owned())
}

/// `NUR-SULTAN` → `Nur-Sultan`, `XI'AN` → `Xi'an`, `ST. PETERSBURG` → `St. Petersburg`.
pub fn place_name(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut start_of_word = true;
    for ch in raw.chars() {
        if start_of_word {
            out.extend(ch.to_uppercase());
        } else {
            out.extend(ch.to_lowercase());
        }
        start_of_word = ch.is_whitespace() || ch == '-';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Place, (month, day), agency, and the text after the dateline.
    type Read<'a> = Option<(String, Option<(i8, i8)>, Option<String>, &'a str)>;

    fn read(line: &str) -> Read<'_> {
        parse(line).map(|d| {
            (
                d.place,
                d.date.map(|p| (p.month, p.day)),
                d.agency,
                &line[d.len..],
            )
        })
    }

    fn some(
        place: &str,
        date: Option<(i8, i8)>,
        agency: Option<&str>,
        body: &'static str,
    ) -> Read<'static> {
        Some((place.into(), date, agency.map(Into::into), body))
    }

    #[test]
    fn reads_agency_datelines() {
        assert_eq!(
            read("ASTANA, July 3 (Xinhua) -- China and Kyrgyzstan"),
            some(
                "Astana",
                Some((7, 3)),
                Some("Xinhua"),
                "China and Kyrgyzstan"
            )
        );
        assert_eq!(
            read("BEIJING, Nov. 28 (Xinhua) -- Chinese President"),
            some(
                "Beijing",
                Some((11, 28)),
                Some("Xinhua"),
                "Chinese President"
            )
        );
        assert_eq!(
            read("BEIJING: Chinese President Xi"),
            some("Beijing", None, None, "Chinese President Xi")
        );
        assert_eq!(
            read("BEIJING -- Chinese President"),
            some("Beijing", None, None, "Chinese President")
        );
        assert_eq!(
            read("BEIJING — Chinese President"),
            some("Beijing", None, None, "Chinese President")
        );
        assert_eq!(
            read("ASTANA. KAZINFORM – President Tokayev"),
            some("Astana", None, Some("Kazinform"), "President Tokayev")
        );
        assert_eq!(
            read("MOSCOW, June 2. /TASS/. Russian President"),
            some("Moscow", Some((6, 2)), Some("TASS"), "Russian President")
        );
        assert_eq!(
            read("ISLAMABAD, June 2 (APP): Prime Minister"),
            some("Islamabad", Some((6, 2)), Some("APP"), "Prime Minister")
        );
        assert_eq!(
            read("BAKU, Azerbaijan, June 2. Trend: President Ilham"),
            some("Baku", Some((6, 2)), Some("Trend"), "President Ilham")
        );
        assert_eq!(
            read("BISHKEK (AKIpress) - President Sadyr Japarov"),
            some("Bishkek", None, Some("AKIpress"), "President Sadyr Japarov")
        );
        assert_eq!(
            read("NUR-SULTAN, June 2 (Xinhua) -- Kazakh"),
            some("Nur-Sultan", Some((6, 2)), Some("Xinhua"), "Kazakh")
        );
        assert_eq!(
            read("XI'AN, May 17 (Xinhua) -- Xi"),
            some("Xi'an", Some((5, 17)), Some("Xinhua"), "Xi")
        );
        assert_eq!(
            read("NEW DELHI, Sept. 9 (PTI) -- Leaders"),
            some("New Delhi", Some((9, 9)), Some("PTI"), "Leaders")
        );
        assert_eq!(
            read("Beijing, June 2 (CGTN) – Chinese"),
            some("Beijing", Some((6, 2)), Some("CGTN"), "Chinese")
        );
        // No space after the month's period.
        assert_eq!(
            read("MOSCOW, Oct.7 (TASS) -- Leaders"),
            some("Moscow", Some((10, 7)), Some("TASS"), "Leaders")
        );
        assert_eq!(
            read("TASHKENT, June 2 (UzA). President"),
            some("Tashkent", Some((6, 2)), Some("UzA"), "President")
        );
    }

    #[test]
    fn every_shape_of_the_data_reads_its_examples() {
        let examples = DATA
            .usual
            .examples
            .iter()
            .chain(DATA.others.iter().map(|o| &o.example));
        for e in examples {
            assert_eq!(
                parse(&e.line).map(|d| d.place),
                Some(e.place.clone()),
                "{:?}",
                e.line
            );
        }
    }

    #[test]
    fn reads_datelines_of_more_agencies() {
        // Capitals in the month, a year, the agency after a comma and a period.
        assert_eq!(
            read("YEREVAN, MARCH 12, 2025, ARMENPRESS. Prime Minister"),
            some(
                "Yerevan",
                Some((3, 12)),
                Some("Armenpress"),
                "Prime Minister"
            )
        );
        // Day first, with an ordinal.
        assert_eq!(
            read("ABU DHABI, 3rd February, 2025 (WAM) -- President"),
            some("Abu Dhabi", Some((2, 3)), Some("WAM"), "President")
        );
        // A numeric date and a slashed agency.
        assert_eq!(
            read("DUSHANBE, 22.08.2024 /NIAT \"Khovar\"/. Today"),
            some("Dushanbe", Some((8, 22)), Some("NIAT \"Khovar\""), "Today")
        );
        assert_eq!(
            read("Riyadh, Sep 24, 2024, SPA -- His Royal Highness"),
            some("Riyadh", Some((9, 24)), Some("SPA"), "His Royal Highness")
        );
        // Place, bullet, agency; agency first; a title-case place and a double dash.
        assert_eq!(
            read("Kyiv • Ukrinform. President of Ukraine"),
            some("Kyiv", None, Some("Ukrinform"), "President of Ukraine")
        );
        assert_eq!(
            read("(ANSA) - ROME - Premier Giorgia Meloni"),
            some("Rome", None, Some("ANSA"), "Premier Giorgia Meloni")
        );
        assert_eq!(
            read("Khiva -- President of the Republic"),
            some("Khiva", None, None, "President of the Republic")
        );
        // A dateline on a line of its own, the body below.
        assert_eq!(
            read("Aktau, August 12, AZERTAC"),
            some("Aktau", Some((8, 12)), Some("Azertac"), "")
        );
        assert_eq!(read("Xi, Tokayev meet in Astana"), None);
        // A bullet before an unknown word is not a dateline.
        assert_eq!(read("Politics • Economy. The president"), None);
    }

    #[test]
    fn ignores_sentences_and_labels_that_are_not_datelines() {
        assert_eq!(
            read("Chinese President Xi Jinping and Kazakh President"),
            None
        );
        assert_eq!(read("China and Kazakhstan should foster new growth"), None);
        assert_eq!(read("UPDATE: Talks continue"), None);
        assert_eq!(read("SCO: A new era"), None);
        assert_eq!(read("Xi highlights vital role of BRI solidarity"), None);
        assert_eq!(read("BEIJING"), None);
        assert_eq!(read("President Xi (center) meets guests"), None);
    }
}
