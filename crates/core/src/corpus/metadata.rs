//! Article metadata read from the text itself: title, publication date, source and
//! dateline place. Nothing is guessed: a field the text does not give stays empty, and a
//! title that is not written is derived from the first sentence and marked as such.
//!
//! A report is read as a *header* (title, source and date lines, photo captions, site
//! navigation left over from scraping) followed by a *body* that starts at the dateline
//! or at the first paragraph of running text.

use super::dateline::{self, Dateline};
use super::sources;
use crate::dates::{PartialDate, find_dates};
use crate::meetings::Name;
use crate::text;
use jiff::civil::Date;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// What dossier knows about an article from its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    pub title: String,
    /// True when the report has no title line and `title` is its first sentence, shortened.
    pub title_derived: bool,
    pub published: Option<Date>,
    pub source: Option<Name>,
    /// The dateline's place (`Astana`), if the report has a dateline.
    pub place: Option<Name>,
    /// The dateline's own date (`July 3`), which may lack a year.
    #[serde(skip)]
    pub dateline_date: Option<PartialDate>,
    /// Byte offset where the body (after any dateline) begins.
    #[serde(skip)]
    pub body_start: usize,
    /// Byte range of the title line's title in the text (none when derived).
    #[serde(skip)]
    pub title_range: Option<std::ops::Range<usize>>,
}

/// Header lines looked at before deciding the body has begun.
const MAX_HEADER_LINES: usize = 12;
/// A derived title is cut to this many chars.
const DERIVED_TITLE_CHARS: usize = 90;

/// Read the metadata of a normalised article text.
pub fn extract(text: &str) -> Metadata {
    let (header, (body_start, dateline)) = read_header(text);
    let derived = header.title.is_none();
    let (title, title_range) = match header.title {
        Some((title, range)) => (title, Some(range)),
        None => (derive_title(&text[body_start..]), None),
    };
    let dateline_source = dateline.as_ref().and_then(|d| d.agency.clone());
    let dateline_date = dateline.as_ref().and_then(|d| d.date);
    let published = header
        .published
        .map(|p| as_the_dateline_reads(p, dateline_date))
        .or_else(|| dateline_date.and_then(|d| d.full()))
        .or_else(|| dateline_date.and_then(|d| year_elsewhere(text, d)))
        .or_else(|| quoted_post_date(text));
    Metadata {
        title,
        title_derived: derived,
        published,
        source: header
            .source
            .or(dateline_source)
            .or_else(|| trailing_credit(text))
            .map(Name::from),
        place: dateline.map(|d| d.place).or(header.place).map(Name::from),
        dateline_date,
        body_start,
        title_range,
    }
}

/// The header lines above the body: what they say, and where the body starts (after
/// its dateline, if it has one).
fn read_header(text: &str) -> (Header, (usize, Option<Dateline>)) {
    let mut header = Header::default();
    for (start, line) in text::lines(text)
        .filter(|(_, l)| !l.trim().is_empty())
        .take(MAX_HEADER_LINES)
    {
        let lead = line.len() - line.trim_start().len();
        let t = line.trim();
        if let Some(d) = dateline::parse(t) {
            return (header, (start + lead + d.len, Some(d)));
        }
        if is_navigation(t) || is_caption(t) {
            continue;
        }
        if let Some((date, rest)) = date_prefixed_title(t) {
            header.published.get_or_insert(date);
            if !rest.is_empty() && header.title.is_none() {
                let at = start + lead + t.len() - rest.len();
                header.title = Some((rest.to_owned(), at..at + rest.len()));
            }
        } else if let Some((place, date)) = place_date_line(t) {
            header.published.get_or_insert(date);
            header.place.get_or_insert(place);
        } else if let Some(meta) = meta_line(t) {
            header.take(meta);
        } else if looks_like_body(t) {
            return (header, (start + lead, None));
        } else if header.title.is_none() {
            // A short line of its own: the title, or a subtitle once the title is known.
            header.title = Some((t.to_owned(), start + lead..start + lead + t.len()));
        }
    }
    (header, (0, None))
}

#[derive(Default)]
struct Header {
    title: Option<(String, std::ops::Range<usize>)>,
    published: Option<Date>,
    source: Option<String>,
    /// From a `Berlin, 12 February 2024` line, when no dateline names a place.
    place: Option<String>,
}

/// `09/01/2025` read month first is 1 September; when the dateline says `Jan 9`, the page
/// wrote the day first.
fn as_the_dateline_reads(published: Date, dateline: Option<PartialDate>) -> Date {
    let Some(d) = dateline else {
        return published;
    };
    let swapped = (published.day(), published.month()) == (d.month, d.day);
    if swapped && published.day() <= 12 && published.month() != d.month {
        Date::new(published.year(), d.month, d.day).unwrap_or(published)
    } else {
        published
    }
}

/// How far into a report the body is searched for a date that completes the header's.
const BODY_LINES_SEARCHED: usize = 60;

/// A dateline without a year (`ASTANA, June 8 (Xinhua)`) takes it from the same day written
/// in full elsewhere: a photo caption (`… in Astana, June 8, 2017. (Xinhua/…)`) or the body.
fn year_elsewhere(text: &str, dateline: PartialDate) -> Option<Date> {
    text::lines(text)
        .take(BODY_LINES_SEARCHED)
        .flat_map(|(_, line)| find_dates(line))
        .find_map(|d| {
            let same_day = (d.date.month, d.date.day) == (dateline.month, dateline.day);
            same_day.then(|| d.date.full()).flatten()
        })
}

/// The date of a social-media post the report quotes, when nothing else dates it:
/// `— Volodymyr Zelenskyy (@ZelenskyyUa) January 10, 2025`.
fn quoted_post_date(text: &str) -> Option<Date> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*[—–-]+\s*[^\n]{1,80}\(@\w{1,30}\)\s*(.{6,30})$")
            .expect("the quoted-post pattern is a valid regex")
    });
    text::lines(text)
        .take(BODY_LINES_SEARCHED)
        .find_map(|(_, line)| {
            let c = RE.captures(line)?;
            let rest = c.get(1)?.as_str();
            find_dates(rest).first().and_then(|d| d.date.full())
        })
}

/// `Berlin, 12 February 2024`: a header line giving the place and the date of a statement.
fn place_date_line(line: &str) -> Option<(String, Date)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([A-Z][a-z'’\-]+(?:[ \-][A-Z][a-z'’\-]+){0,2}), (.{6,30})$")
            .expect("the place-date pattern is a valid regex")
    });
    let c = RE.captures(line)?;
    let (place, rest) = (c.get(1)?.as_str(), c.get(2)?.as_str());
    let date = find_dates(rest).into_iter().next()?;
    let whole = date.range.start == 0 && rest[date.range.end..].trim().is_empty();
    // A source's name before a date ("Gulf News, March 3, 2024") is not a place.
    (whole && sources::canonical(place).is_none())
        .then(|| date.date.full())
        .flatten()
        .map(|d| (place.to_owned(), d))
}

impl Header {
    fn take(&mut self, meta: MetaLine) {
        if self.published.is_none() {
            self.published = meta.date;
        }
        if self.source.is_none() {
            self.source = meta.source;
        }
    }
}

/// ` date 2021-06-03 Xi highlights…`: a scraper's date prefix before the title.
fn date_prefixed_title(line: &str) -> Option<(Date, &str)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^date:?\s+(\d{4}-\d{1,2}-\d{1,2})\b\s*(.*)$")
            .expect("the date-prefix pattern is a valid regex")
    });
    let c = RE.captures(line)?;
    let date = find_dates(c.get(1)?.as_str()).first()?.date.full()?;
    Some((date, c.get(2).map_or("", |m| m.as_str().trim())))
}

/// Left-overs of a web page: `Nav Search`, breadcrumbs, share buttons, bare links.
fn is_navigation(line: &str) -> bool {
    const WORDS: &[&str] = &[
        "nav",
        "navigation",
        "search",
        "menu",
        "home",
        "share",
        "print",
        "email",
        "login",
        "log",
        "in",
        "sign",
        "up",
        "subscribe",
        "close",
        "font",
        "size",
        "a+",
        "a-",
        "english",
        "more",
        "back",
        "top",
        "to",
        "skip",
        "content",
        "main",
        "next",
        "previous",
        "comments",
        "comment",
        "facebook",
        "twitter",
        "x",
        "weibo",
        "wechat",
        "linkedin",
        "whatsapp",
        "telegram",
        "|",
        "·",
        "/",
    ];
    let lower = line.to_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return !line.contains(' ');
    }
    let breadcrumb = line.chars().count() < 100 && (line.contains(" > ") || line.contains('»'));
    breadcrumb
        || lower
            .split_whitespace()
            .all(|w| WORDS.contains(&w.trim_matches(|c: char| c == ':' || c == ',')))
}

/// A line that is not running text: navigation junk, a source or date line, a photo
/// caption (the reader dims these).
pub fn is_furniture(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && (is_navigation(line) || is_caption(line) || meta_line(line).is_some())
}

/// A photo caption: it ends with a credit such as `(Xinhua/Li Yibo)` or `[Photo/Xinhua]`.
fn is_caption(line: &str) -> bool {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)
              (?: \([^()]*/[^()]*\) | \[photo[^\]]*\] | \(photo[^)]*\) | \[file\s+photo[^\]]*\] )
              \s*\.?\s*$
            | ^(?:file\s+)?photo\s*(?:taken|shows|:)
            ",
        )
        .expect("the caption pattern is a valid regex")
    });
    RE.is_match(line)
}

/// Running text rather than a headline: long, or a full sentence ending in a period.
fn looks_like_body(line: &str) -> bool {
    let chars = line.chars().count();
    let words = line.split_whitespace().count();
    let ends_sentence = line
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with('.');
    chars > 180 || (ends_sentence && words >= 12)
}

/// What a source/date line of the header says.
#[derive(Debug, Default, PartialEq, Eq)]
struct MetaLine {
    date: Option<Date>,
    source: Option<String>,
}

/// A header line's labels (`Source:`, `Updated:`, `| By `…).
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(source|last\s+updated|updated|published|posted|release\s+time|date|time|web\s+editor|editor|reporter|author|writer|photographer|by)\b\s*:|(?:^|\|)\s*(updated|published|posted|by)\s",
    )
    .expect("the label pattern is a valid regex")
});

/// A line of the header that gives a source and/or date, such as
/// `Source: Xinhua Updated: 2021-06-03`, `China Daily) 08:42, June 03, 2021`,
/// `Source: Xinhua| 2018-10-13`, `2023-05-17 23:40` or `By Li Yan | chinadaily.com.cn |
/// Updated: 2021-06-03 08:42`. Returns `None` for any other line (a headline, say).
fn meta_line(line: &str) -> Option<MetaLine> {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[ap]\.?m\.?|bjt|gmt\s*[+-]?\s*\d*|utc\s*[+-]?\s*\d*|almt|\(gmt\s*[+-]\s*\d+\)))?|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:updated\s*)?\b\d+\s+(?:hours?|minutes?|mins?|days?)\s+ago\b",
        )
        .expect("the time pattern is a valid regex")
    });
    if line.chars().count() > 160 {
        return None;
    }
    let labelled = labelled_segments(line)?;
    let mut out = MetaLine::default();
    let mut signal = false;
    for (label, segment) in &labelled {
        let rest = without_dates_and_times(segment, &TIME, &mut out, &mut signal);
        match label.as_deref() {
            Some("source") => {
                signal = true;
                if !rest.is_empty() && out.source.is_none() {
                    out.source = Some(sources::canonical(&rest).map_or(rest, str::to_owned));
                }
            }
            // Dates, times, bylines and editors: a header line, nothing more to take.
            Some(_) => signal = true,
            None if rest.is_empty() => {}
            None => {
                if let Some(known) = sources::canonical(&rest) {
                    signal = true;
                    out.source.get_or_insert_with(|| known.to_owned());
                } else if rest.split_whitespace().count() > 3 || labelled.len() == 1 && !signal {
                    // Unknown words of some length: this is a headline, not a header line.
                    return None;
                }
            }
        }
    }
    signal.then_some(out)
}

/// The line cut into segments, each with its label if it has one: one segment before
/// each `Label:`, and a cut at every `|`.
fn labelled_segments(line: &str) -> Option<Vec<(Option<String>, &str)>> {
    let mut marks: Vec<(usize, usize, String)> = Vec::new(); // (label start, text start, label)
    for c in LABEL.captures_iter(line) {
        let whole = c.get(0)?;
        let label = c.get(1).or(c.get(2))?.as_str().to_lowercase();
        let skip_bar = usize::from(whole.as_str().starts_with('|'));
        marks.push((whole.start() + skip_bar, whole.end(), label));
    }
    let mut segments: Vec<(Option<String>, &str)> =
        vec![(None, &line[..marks.first().map_or(line.len(), |m| m.0)])];
    for (i, (_, text_start, label)) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(line.len(), |m| m.0);
        segments.push((Some(label.clone()), &line[*text_start..end]));
    }
    let labelled = segments
        .into_iter()
        .flat_map(|(label, seg)| {
            seg.split(['|', '｜'])
                .enumerate()
                .map(move |(i, piece)| (if i == 0 { label.clone() } else { None }, piece))
        })
        .filter(|(label, piece)| label.is_some() || !piece.trim().is_empty())
        .collect();
    Some(labelled)
}

/// What `segment` says besides dates and times; the first full date goes into `out`,
/// and `signal` notes that a date or time was there.
fn without_dates_and_times(
    segment: &str,
    time: &Regex,
    out: &mut MetaLine,
    signal: &mut bool,
) -> String {
    let dates = find_dates(segment);
    if out.date.is_none() {
        out.date = dates.iter().find_map(|d| d.date.full());
    }
    *signal |= !dates.is_empty();
    let mut rest = segment.to_owned();
    for d in dates.iter().rev() {
        rest.replace_range(d.range.clone(), " ");
    }
    *signal |= time.is_match(&rest);
    let rest = time.replace_all(&rest, " ");
    rest.trim_matches(|c: char| c.is_whitespace() || "()[],;:-–—·•|".contains(c))
        .to_owned()
}

/// A closing credit such as `–Agencies`, `— Xinhua` or `(Xinhua)` at the very end.
fn trailing_credit(text: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:[–—]|--?)\s*([A-Za-z][\w.’' ]{1,30}?)\s*\.?\s*$|\(([A-Za-z][\w.’' ]{1,30})\)\s*\.?\s*$")
            .expect("the credit pattern is a valid regex")
    });
    let last = text.trim_end().rsplit('\n').next()?;
    let c = RE.captures(last)?;
    let name = c.get(1).or(c.get(2))?.as_str();
    sources::canonical(name).map(str::to_owned)
}

/// The first sentence of the body, shortened at a word boundary.
fn derive_title(body: &str) -> String {
    let first = text::sentences(body)
        .first()
        .map_or(body.trim(), |r| &body[r.clone()]);
    let first = first.strip_suffix('.').unwrap_or(first);
    text::shorten(first, DERIVED_TITLE_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn meta(text: &str) -> (String, bool, Option<Date>, Option<String>, Option<String>) {
        let m = extract(text);
        let owned = |n: Option<Name>| n.map(String::from);
        (
            m.title,
            m.title_derived,
            m.published,
            owned(m.source),
            owned(m.place),
        )
    }

    #[test]
    fn the_publication_date_from_a_caption_a_quoted_post_or_a_statement_line() {
        // The dateline's day with the year a caption gives.
        let captioned = "Xi holds talks with Nazarbayev\n\nChinese President Xi Jinping holds talks with Kazakh President Nursultan Nazarbayev in Astana, Kazakhstan, June 8, 2017. (Xinhua/Xie Huanchi)\n\nASTANA, June 8 (Xinhua) -- Chinese President Xi Jinping held talks with Kazakh President Nursultan Nazarbayev here on Thursday.";
        assert_eq!(meta(captioned).2, Some(date(2017, 6, 8)));
        // Another day written in full does not date the report.
        let other = "ASTANA, June 8 (Xinhua) -- The two leaders last met on May 14, 2017, in Beijing and agreed to meet again.";
        assert_eq!(meta(other).2, None);
        // A quoted post dates a report that says nothing else.
        let post = "Zelensky thanks Starmer\n\nZelensky said he had spoken to the British prime minister about air defence and about the partnership.\n\n\"We talked about air defence.\"\n— Volodymyr Zelenskyy (@ZelenskyyUa) January 10, 2025\n";
        assert_eq!(meta(post).2, Some(date(2025, 1, 10)));
        // A statement's place and date line.
        let statement = "Chancellor receives Prime Minister\nBerlin, 12 February 2024\n\nFederal Chancellor Olaf Scholz received the Prime Minister of Poland at the Federal Chancellery on Monday.";
        let m = extract(statement);
        assert_eq!(
            (m.published, m.place.as_deref()),
            (Some(date(2024, 2, 12)), Some("Berlin"))
        );
    }

    #[test]
    fn reads_source_and_date_lines() {
        let line = |l| meta_line(l).map(|m| (m.date, m.source));
        let xinhua = Some("Xinhua".to_owned());
        assert_eq!(
            line("Source: Xinhua Updated: 2021-06-03"),
            Some((Some(date(2021, 6, 3)), xinhua.clone()))
        );
        assert_eq!(
            line("Source: Xinhua| 2018-10-13"),
            Some((Some(date(2018, 10, 13)), xinhua.clone()))
        );
        assert_eq!(
            line("China Daily) 08:42, June 03, 2021"),
            Some((Some(date(2021, 6, 3)), Some("China Daily".into())))
        );
        assert_eq!(
            line("Updated: 2021-06-03 08:42"),
            Some((Some(date(2021, 6, 3)), None))
        );
        assert_eq!(
            line("2023-05-17 23:40"),
            Some((Some(date(2023, 5, 17)), None))
        );
        assert_eq!(
            line("17 May 2023, 17:46"),
            Some((Some(date(2023, 5, 17)), None))
        );
        assert_eq!(
            line("By Zhang Yunbi | chinadaily.com.cn | Updated: 2021-06-03 08:42"),
            Some((Some(date(2021, 6, 3)), Some("China Daily".into())))
        );
        assert_eq!(
            line("Xinhua | Updated: 2021-06-03 08:42"),
            Some((Some(date(2021, 6, 3)), xinhua.clone()))
        );
        assert_eq!(
            line("(Xinhua) 09:15, June 03, 2021"),
            Some((Some(date(2021, 6, 3)), xinhua))
        );
        assert_eq!(
            line("Published: Wednesday, 17 May 2023 17:46 (GMT+6)"),
            Some((Some(date(2023, 5, 17)), None))
        );
        assert_eq!(
            line("Source: Some Local Paper"),
            Some((None, Some("Some Local Paper".into())))
        );
    }

    #[test]
    fn headlines_are_not_header_lines() {
        assert_eq!(meta_line("Xi eyes better China-Kazakhstan relations"), None);
        assert_eq!(meta_line("Xi to visit Kazakhstan on June 2"), None);
        assert_eq!(meta_line("Tokayev, Xi hold talks"), None);
    }

    #[test]
    fn navigation_and_captions() {
        assert!(is_navigation("Nav Search"));
        assert!(is_navigation("Home > World > Asia-Pacific"));
        assert!(is_navigation("Share: Facebook Twitter"));
        assert!(!is_navigation("Xi meets Tokayev"));
        assert!(is_caption(
            "The X9041 train prepares to leave Xi'an, April 13, 2021. (Xinhua/Li Yibo)"
        ));
        assert!(is_caption("Xi meets Tokayev in Xi'an. [Photo/Xinhua]"));
        assert!(!is_caption("BEIJING, June 2 (Xinhua) -- Xi said"));
    }

    #[test]
    fn header_shapes_beyond_the_samples() {
        assert_eq!(
            meta(
                "Xi, Tokayev hold talks\n\nBEIJING, Nov. 28 (Xinhua) -- Chinese President Xi Jinping held talks here on Tuesday."
            ),
            (
                "Xi, Tokayev hold talks".into(),
                false,
                None,
                Some("Xinhua".into()),
                Some("Beijing".into())
            )
        );
        assert_eq!(
            meta(
                "Tokayev meets Xi\n17 May 2023, 17:46\nASTANA. KAZINFORM – Head of State Kassym-Jomart Tokayev met with Xi Jinping."
            ),
            (
                "Tokayev meets Xi".into(),
                false,
                Some(date(2023, 5, 17)),
                Some("Kazinform".into()),
                Some("Astana".into())
            )
        );
        assert_eq!(
            meta(
                "Home > World\nPutin, Lukashenko hold talks\nUpdated: 2021-06-03 08:42\nMOSCOW, June 2. /TASS/. Russian President Vladimir Putin held talks."
            ),
            (
                "Putin, Lukashenko hold talks".into(),
                false,
                Some(date(2021, 6, 3)),
                Some("TASS".into()),
                Some("Moscow".into())
            )
        );
        assert_eq!(
            meta(
                "Shehbaz meets Xi\n\nISLAMABAD, June 2, 2023 (APP): Prime Minister Shehbaz Sharif met President Xi."
            ),
            (
                "Shehbaz meets Xi".into(),
                false,
                Some(date(2023, 6, 2)),
                Some("APP".into()),
                Some("Islamabad".into())
            )
        );
    }

    #[test]
    fn a_report_without_a_title_gets_one_from_its_first_sentence() {
        let (title, derived, published, source, place) = meta(
            "Chinese President Xi Jinping and Kazakh President Kassym-Jomart Tokayev on Wednesday hailed the next three golden decades of relations.\nMore text.",
        );
        assert!(derived);
        assert_eq!(
            title,
            "Chinese President Xi Jinping and Kazakh President Kassym-Jomart Tokayev on Wednesday…"
        );
        assert_eq!((published, source, place), (None, None, None));
    }

    #[test]
    fn a_closing_credit_names_the_source_when_nothing_else_does() {
        assert_eq!(
            meta("Title here\nBEIJING: Text of the report goes on.\nLast line. –Agencies").3,
            Some("Agencies".into())
        );
        assert_eq!(meta("Title\nBody text. —Li Yan").3, None);
    }
}
