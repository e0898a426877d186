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
    format!("{} {}", d.strftime("%B"), d.day())
}

/// Write `n` reports and `truth.tsv` into `out` (created if needed).
pub fn generate(out: &Path, n: usize, seed: u64) -> io::Result<Summary> {
    let gaz = Gazetteer::builtin();
    let country_of = |name: &str| -> String {
        gaz.scan(name)
            .into_iter()
            .find_map(|f| match f.entity {
                Entity::Person(id) => Some(gaz.country_name(gaz.people[id].country).to_owned()),
                _ => None,
            })
            .unwrap_or_default()
    };
    let capital_of = |country: &str| -> String {
        gaz.countries
            .iter()
            .find(|c| c.name == country)
            .and_then(|c| c.cities.first().cloned())
            .unwrap_or_else(|| "Beijing".to_owned())
    };
    let foreign: Vec<(&str, &str, &str, String, String)> = FOREIGN
        .iter()
        .map(|(name, demonym, title)| {
            let country = country_of(name);
            let capital = capital_of(&country);
            (*name, *demonym, *title, country, capital)
        })
        .collect();

    let mut rng = Rng(seed);
    let start = jiff::civil::date(2010, 1, 4);
    let days = 15 * 365;
    let event_count = (n * 2 / 3).max(1);
    let events: Vec<Event> = (0..event_count)
        .map(|_| {
            let date = start
                .checked_add((rng.below(days) as i64).days())
                .unwrap_or(start);
            let guest = rng.below(foreign.len());
            let host = if foreign[guest].2 == "President" {
                ("Xi Jinping", "President")
            } else {
                ("Li Qiang", "Premier")
            };
            let kind = KINDS[rng.below(KINDS.len())];
            let place = matches!(kind, "talks" | "meeting").then(|| {
                if rng.chance(50) {
                    "Beijing".to_owned()
                } else {
                    foreign[guest].4.clone()
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
        .collect();

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
        // Most events get one report, some several: pick with replacement.
        let e = &events[rng.below(events.len())];
        // A second phone call the same day, told in the same report.
        let second = (e.kind == "phone_call" && rng.chance(25)).then(|| {
            let mut g = rng.below(foreign.len());
            if g == e.guest || foreign[g].2 != foreign[e.guest].2 {
                g = (0..foreign.len())
                    .find(|x| *x != e.guest && foreign[*x].2 == foreign[e.guest].2)
                    .unwrap_or(g);
            }
            g
        });
        let undated = rng.chance(8);
        let published = if rng.chance(60) {
            e.date.checked_add(1.day()).unwrap_or(e.date)
        } else {
            e.date
        };
        let source = ["Xinhua", "China Daily", "CGTN", "Global Times"][rng.below(4)];
        let (g_name, g_demonym, g_title, _, _) = &foreign[e.guest];
        let (h_name, h_title) = e.host;
        let title = format!(
            "{} {} {} {}",
            h_name.split(' ').next().unwrap_or(h_name),
            match e.kind {
                "phone_call" => "holds phone talks with",
                "video_call" => "holds video talks with",
                "letter" => "exchanges congratulations with",
                _ => "holds talks with",
            },
            g_demonym,
            g_title.to_lowercase()
        );
        let mut text = String::new();
        // Header.
        match (undated, rng.below(4)) {
            (true, 0) => {}
            (true, _) => {
                let _ = writeln!(text, "{title}\n");
            }
            (false, 0) => {
                let _ = writeln!(text, " date {published} {title}\n");
            }
            (false, 1) => {
                let _ = writeln!(
                    text,
                    "Nav Search\n\n{title}\n\nSource: {source} Updated: {published}\n"
                );
            }
            (false, 2) => {
                let _ = writeln!(
                    text,
                    "{title}\n\n({source}) 08:42, {}, {}\n",
                    month_day(published),
                    published.year()
                );
            }
            (false, _) => {
                let _ = writeln!(text, "{title}\nSource: {source}| {published}\n");
            }
        }
        // Dateline and lead.
        let city = e.place.clone().unwrap_or_else(|| "Beijing".to_owned());
        let dateline = if undated {
            format!("{} -- ", city.to_uppercase())
        } else if rng.chance(50) {
            format!(
                "{}, {} ({source}) -- ",
                city.to_uppercase(),
                month_day(e.date)
            )
        } else {
            format!("{}: ", city.to_uppercase())
        };
        let when = if undated || rng.chance(70) {
            format!("on {}", weekday_name(e.date))
        } else {
            format!("on {}, {}", month_day(e.date), e.date.year())
        };
        let host = format!("Chinese {h_title} {h_name}");
        let guest = format!("{g_demonym} {g_title} {g_name}");
        let lead = match e.kind {
            "phone_call" => format!("{host} held a phone conversation with {guest} {when}."),
            "video_call" => format!("{host} held talks via video link with {guest} {when}."),
            "talks" => format!("{host} held talks with {guest} in {city} {when}."),
            "meeting" => format!("{host} met with {guest} in {city} {when}."),
            _ => format!(
                "{host} and {guest} exchanged congratulatory messages {when} on the anniversary of diplomatic ties."
            ),
        };
        let _ = writeln!(text, "{dateline}{lead}\n");
        if let Some(s) = second {
            let (n2, _, t2, c2, _) = &foreign[s];
            let _ = writeln!(
                text,
                "He also spoke on the phone {when} with {n2}, the {} of {c2}.\n",
                t2.to_lowercase()
            );
        }
        for _ in 0..(2 + rng.below(4)) {
            let _ = writeln!(text, "{}\n", FILLER[rng.below(FILLER.len())]);
        }
        if rng.chance(20) {
            let _ = writeln!(
                text,
                "{} will visit China next year at the invitation of the Chinese side, the statement said.\n",
                g_name.split(' ').next_back().unwrap_or(g_name)
            );
        }
        if rng.chance(20) {
            let _ = writeln!(text, "The two leaders met twice last year.\n");
        }

        let file = format!("batch_{:03}/{:06}_{}.txt", i / 1000, i, e.kind);
        let mut meetings = vec![(e.guest, e.kind, e.place.clone())];
        if let Some(s) = second {
            meetings.push((s, "phone_call", None));
        }
        for (k, (g, kind, place)) in meetings.iter().enumerate() {
            let (gn, _, _, gc, _) = &foreign[*g];
            let date = if undated {
                String::new()
            } else {
                e.date.to_string()
            };
            let _ = writeln!(
                truth,
                "{file}\t{}\t{}\t{}\t{date}\t{h_name}\tChina\t{gn}\t{gc}\t{kind}\t{}",
                if undated {
                    String::new()
                } else {
                    published.to_string()
                },
                if undated { "" } else { source },
                k + 1,
                place.clone().unwrap_or_default()
            );
            summary.meetings += 1;
        }
        // A few files arrive with Windows line ends or in Windows-1252.
        let bytes: Vec<u8> = if rng.chance(3) {
            text.replace('\n', "\r\n").into_bytes()
        } else if rng.chance(2) {
            let signed = format!("{text}(Editing by Wang Lei \u{2013} Beijing desk)\n");
            let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&signed);
            cp1252.into_owned()
        } else {
            text.into_bytes()
        };
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
