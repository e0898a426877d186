//! Synthetic corpora for tests and benchmarks: N agency-style reports about meetings
//! between Chinese and foreign leaders over ~15 years, in the varied shapes of real ones
//! (scraper date prefixes, junk first lines, `Source:` lines, datelines, undated reports,
//! relative weekdays, several meetings in one report, one meeting in several reports,
//! CRLF and Windows-1252 files), with a `truth.tsv` in the `dossier meetings` format.
//! Deterministic for a seed.

use crate::gazetteer::{Entity, Gazetteer};
use jiff::ToSpan;
use jiff::civil::Date;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// Foreign leaders the generator writes about: name, the demonym agencies use, title.
const FOREIGN: &[(&str, &str, &str)] = &[
    ("Kassym-Jomart Tokayev", "Kazakh", "President"),
    ("Sadyr Japarov", "Kyrgyz", "President"),
    ("Emomali Rahmon", "Tajik", "President"),
    ("Shavkat Mirziyoyev", "Uzbek", "President"),
    ("Serdar Berdimuhamedov", "Turkmen", "President"),
    ("Ilham Aliyev", "Azerbaijani", "President"),
    ("Vladimir Putin", "Russian", "President"),
    ("Alexander Lukashenko", "Belarusian", "President"),
    ("Ukhnaagiin Khurelsukh", "Mongolian", "President"),
    ("Masoud Pezeshkian", "Iranian", "President"),
    ("Recep Tayyip Erdogan", "Turkish", "President"),
    ("Luis Abinader", "Dominican", "President"),
    ("Cyril Ramaphosa", "South African", "President"),
    ("Emmanuel Macron", "French", "President"),
    ("Aleksandar Vucic", "Serbian", "President"),
    ("Joe Biden", "U.S.", "President"),
    ("Shehbaz Sharif", "Pakistani", "Prime Minister"),
    ("Narendra Modi", "Indian", "Prime Minister"),
    ("Anthony Albanese", "Australian", "Prime Minister"),
    ("Hun Manet", "Cambodian", "Prime Minister"),
    ("Anwar Ibrahim", "Malaysian", "Prime Minister"),
    ("Viktor Orban", "Hungarian", "Prime Minister"),
];

const KINDS: &[&str] = &["phone_call", "video_call", "talks", "meeting", "letter"];

/// A meeting the generator writes about.
#[derive(Debug, Clone)]
struct Event {
    date: Date,
    host: (&'static str, &'static str),
    guest: usize,
    kind: &'static str,
    /// For in-person meetings: Beijing, or the guest's capital.
    place: Option<String>,
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    pub meetings: usize,
    pub bytes: u64,
}

/// SplitMix64: small, fast and good enough to pick shapes deterministically.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn weekday_name(d: Date) -> &'static str {
    crate::calendar::weekday_name(d.weekday())
}

fn month_day(d: Date) -> String {
    format!("{} {}", crate::calendar::month_name(d.month()), d.day())
}

/// A foreign leader as the reports name them, with the country and capital the
/// gazetteer gives.
struct Leader {
    name: &'static str,
    demonym: &'static str,
    title: &'static str,
    country: String,
    capital: String,
}

/// The foreign leaders, completed from the gazetteer.
fn leaders(gaz: &Gazetteer) -> Vec<Leader> {
    let country_of = |name: &str| -> String {
        gaz.scan(name)
            .into_iter()
            .find_map(|f| match f.entity {
                Entity::Person(id) => Some(gaz.country_name(gaz.people[id].country).to_string()),
                _ => None,
            })
            .unwrap_or_default()
    };
    let capital_of = |country: &str| -> String {
        gaz.countries
            .iter()
            .find(|c| c.name == country)
            .and_then(|c| c.cities.first().map(|c| c.to_string()))
            .unwrap_or_else(|| "Beijing".to_owned())
    };
    FOREIGN
        .iter()
        .map(|&(name, demonym, title)| {
            let country = country_of(name);
            let capital = capital_of(&country);
            Leader {
                name,
                demonym,
                title,
                country,
                capital,
            }
        })
        .collect()
}

/// `count` meetings over fifteen years from 2010.
fn events(rng: &mut Rng, foreign: &[Leader], count: usize) -> Vec<Event> {
    let start = jiff::civil::date(2010, 1, 4);
    let days = 15 * 365;
    (0..count)
        .map(|_| {
            let date = start
                .checked_add((rng.below(days) as i64).days())
                .unwrap_or(start);
            let guest = rng.below(foreign.len());
            let host = if foreign[guest].title == "President" {
                ("Xi Jinping", "President")
            } else {
                ("Li Qiang", "Premier")
            };
            let kind = KINDS[rng.below(KINDS.len())];
            let place = matches!(kind, "talks" | "meeting").then(|| {
                if rng.chance(50) {
                    "Beijing".to_owned()
                } else {
                    foreign[guest].capital.clone()
                }
            });
            Event {
                date,
                host,
                guest,
                kind,
                place,
            }
        })
        .collect()
}

/// How one report tells of an event.
struct Telling<'a> {
    event: &'a Event,
    /// A second phone call the same day, told in the same report (a leader's index).
    second: Option<usize>,
    undated: bool,
    published: Date,
    source: &'static str,
}

/// Pick an event (most get one report, some several) and how a report tells it.
fn telling<'a>(rng: &mut Rng, events: &'a [Event], foreign: &[Leader]) -> Telling<'a> {
    let e = &events[rng.below(events.len())];
    let second = (e.kind == "phone_call" && rng.chance(25)).then(|| {
        let same_title = |x: usize| foreign[x].title == foreign[e.guest].title;
        let g = rng.below(foreign.len());
        if g == e.guest || !same_title(g) {
            (0..foreign.len())
                .find(|x| *x != e.guest && same_title(*x))
                .unwrap_or(g)
        } else {
            g
        }
    });
    let undated = rng.chance(8);
    let published = if rng.chance(60) {
        e.date.checked_add(1.day()).unwrap_or(e.date)
    } else {
        e.date
    };
    let source = ["Xinhua", "China Daily", "CGTN", "Global Times"][rng.below(4)];
    Telling {
        event: e,
        second,
        undated,
        published,
        source,
    }
}

/// The headline: `Xi holds phone talks with Kazakh president`.
fn headline(t: &Telling, guest: &Leader) -> String {
    let host = t.event.host.0;
    let verb = match t.event.kind {
        "phone_call" => "holds phone talks with",
        "video_call" => "holds video talks with",
        "letter" => "exchanges congratulations with",
        _ => "holds talks with",
    };
    let first = host.split(' ').next().unwrap_or(host);
    format!(
        "{first} {verb} {} {}",
        guest.demonym,
        guest.title.to_lowercase()
    )
}

/// The lines above the story, in one of the shapes scrapers leave.
fn header(rng: &mut Rng, t: &Telling, title: &str) -> String {
    let (published, source) = (t.published, t.source);
    match (t.undated, rng.below(4)) {
        (true, 0) => String::new(),
        (true, _) => format!("{title}\n\n"),
        (false, 0) => format!(" date {published} {title}\n\n"),
        (false, 1) => format!("Nav Search\n\n{title}\n\nSource: {source} Updated: {published}\n\n"),
        (false, 2) => format!(
            "{title}\n\n({source}) 08:42, {}, {}\n\n",
            month_day(published),
            published.year()
        ),
        (false, _) => format!("{title}\nSource: {source}| {published}\n\n"),
    }
}

/// The dateline and the sentence that reports the meeting.
fn lead(rng: &mut Rng, t: &Telling, guest: &Leader) -> (String, String) {
    let e = t.event;
    let city = e.place.clone().unwrap_or_else(|| "Beijing".to_owned());
    let dateline = if t.undated {
        format!("{} -- ", city.to_uppercase())
    } else if rng.chance(50) {
        let source = t.source;
        format!(
            "{}, {} ({source}) -- ",
            city.to_uppercase(),
            month_day(e.date)
        )
    } else {
        format!("{}: ", city.to_uppercase())
    };
    let when = if t.undated || rng.chance(70) {
        format!("on {}", weekday_name(e.date))
    } else {
        format!("on {}, {}", month_day(e.date), e.date.year())
    };
    let (h_name, h_title) = e.host;
    let host = format!("Chinese {h_title} {h_name}");
    let guest = format!("{} {} {}", guest.demonym, guest.title, guest.name);
    let lead = match e.kind {
        "phone_call" => format!("{host} held a phone conversation with {guest} {when}."),
        "video_call" => format!("{host} held talks via video link with {guest} {when}."),
        "talks" => format!("{host} held talks with {guest} in {city} {when}."),
        "meeting" => format!("{host} met with {guest} in {city} {when}."),
        _ => format!(
            "{host} and {guest} exchanged congratulatory messages {when} on the anniversary of diplomatic ties."
        ),
    };
    (format!("{dateline}{lead}\n\n"), when)
}

/// The whole report's text.
fn report(rng: &mut Rng, t: &Telling, foreign: &[Leader]) -> String {
    let guest = &foreign[t.event.guest];
    let mut text = header(rng, t, &headline(t, guest));
    let (lead, when) = lead(rng, t, guest);
    text.push_str(&lead);
    if let Some(s) = t.second {
        let other = &foreign[s];
        let _ = writeln!(
            text,
            "He also spoke on the phone {when} with {}, the {} of {}.\n",
            other.name,
            other.title.to_lowercase(),
            other.country
        );
    }
    for _ in 0..(2 + rng.below(4)) {
        let _ = writeln!(text, "{}\n", FILLER[rng.below(FILLER.len())]);
    }
    if rng.chance(20) {
        let surname = guest.name.split(' ').next_back().unwrap_or(guest.name);
        let _ = writeln!(
            text,
            "{surname} will visit China next year at the invitation of the Chinese side, the statement said.\n"
        );
    }
    if rng.chance(20) {
        let _ = writeln!(text, "The two leaders met twice last year.\n");
    }
    text
}

/// The report's lines in `truth.tsv`, one per meeting; how many.
fn truth_rows(file: &str, t: &Telling, foreign: &[Leader], truth: &mut String) -> usize {
    let e = t.event;
    let mut meetings = vec![(e.guest, e.kind, e.place.clone())];
    if let Some(s) = t.second {
        meetings.push((s, "phone_call", None));
    }
    let (date, published, source) = if t.undated {
        (String::new(), String::new(), "")
    } else {
        (e.date.to_string(), t.published.to_string(), t.source)
    };
    let h_name = e.host.0;
    for (k, (g, kind, place)) in meetings.iter().enumerate() {
        let (gn, gc) = (foreign[*g].name, &foreign[*g].country);
        let _ = writeln!(
            truth,
            "{file}\t{published}\t{source}\t{}\t{date}\t{h_name}\tChina\t{gn}\t{gc}\t{kind}\t{}",
            k + 1,
            place.clone().unwrap_or_default()
        );
    }
    meetings.len()
}

/// The bytes as stored: a few files arrive with Windows line ends or in Windows-1252.
fn encoded(rng: &mut Rng, text: String) -> Vec<u8> {
    if rng.chance(3) {
        text.replace('\n', "\r\n").into_bytes()
    } else if rng.chance(2) {
        let signed = format!("{text}(Editing by Wang Lei \u{2013} Beijing desk)\n");
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&signed);
        cp1252.into_owned()
    } else {
        text.into_bytes()
    }
}

/// Write `n` reports and `truth.tsv` into `out` (created if needed).
pub fn generate(out: &Path, n: usize, seed: u64) -> io::Result<Summary> {
    let foreign = leaders(Gazetteer::builtin());
    let mut rng = Rng(seed);
    let events = events(&mut rng, &foreign, (n * 2 / 3).max(1));
    fs::create_dir_all(out)?;
    let mut truth = String::from(
        "file\tpublished\tsource\tmeeting\tdate\tleader\tleader_country\tcounterpart\tcounterpart_country\tkind\tlocation\n",
    );
    let mut summary = Summary {
        articles: 0,
        meetings: 0,
        bytes: 0,
    };
    for i in 0..n {
        let t = telling(&mut rng, &events, &foreign);
        let text = report(&mut rng, &t, &foreign);
        let file = format!("batch_{:03}/{:06}_{}.txt", i / 1000, i, t.event.kind);
        summary.meetings += truth_rows(&file, &t, &foreign, &mut truth);
        let bytes = encoded(&mut rng, text);
        let path = out.join(&file);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&path, &bytes)?;
        summary.bytes += bytes.len() as u64;
        summary.articles += 1;
    }
    fs::write(out.join("truth.tsv"), truth)?;
    Ok(summary)
}

/// Paragraphs with no meeting in them.
const FILLER: &[&str] = &[
    "The two sides agreed to deepen cooperation in trade, energy, agriculture and connectivity, and to expand people-to-people exchanges.",
    "China is ready to work with its partners to implement the Global Development Initiative and to promote high-quality Belt and Road cooperation.",
    "Bilateral trade reached a record high last year, and the two countries pledged to open new air routes and simplify visa procedures.",
    "Both sides reaffirmed their support for each other on issues concerning their core interests and major concerns.",
    "The leaders also exchanged views on international and regional issues of common concern, including climate change and food security.",
    "Officials said a series of cooperation documents covering finance, transport, education and culture would be signed by the relevant departments.",
    "Analysts noted that the relationship has grown steadily since the establishment of diplomatic ties more than three decades ago.",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generated_leader_is_in_the_gazetteer() {
        let gaz = Gazetteer::builtin();
        for (name, _, _) in FOREIGN {
            assert!(
                gaz.people.iter().any(|p| p.name == *name),
                "{name} is not in the gazetteer"
            );
        }
    }

    #[test]
    fn generation_is_deterministic_for_a_seed() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let sa = generate(a.path(), 30, 7).unwrap();
        let sb = generate(b.path(), 30, 7).unwrap();
        assert_eq!(sa, sb);
        assert_eq!(
            fs::read(a.path().join("truth.tsv")).unwrap(),
            fs::read(b.path().join("truth.tsv")).unwrap()
        );
        let c = tempfile::tempdir().unwrap();
        generate(c.path(), 30, 8).unwrap();
        assert_ne!(
            fs::read(a.path().join("truth.tsv")).unwrap(),
            fs::read(c.path().join("truth.tsv")).unwrap()
        );
    }
}
