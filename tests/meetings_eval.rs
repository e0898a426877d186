//! The extractor measured against a labelled set of agency-style reports
//! (`tests/fixtures/meetings-eval`, see its README): precision, recall and F1 on who met
//! whom in each report (people and cities compared as the gazetteer names them, so a
//! spelling variant is not a miss), and how often the date, kind and place agree. The figures are
//! printed (`cargo test --test meetings_eval -- --nocapture`) and held above a floor.

use dossier::corpus;
use dossier::gazetteer::Gazetteer;
use dossier::meetings::{self, Meeting};
use std::collections::BTreeMap;
use std::path::Path;

/// One row: a pair of people in a report, with what was said of their meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    file: String,
    pair: (String, String),
    date: String,
    kind: String,
    location: String,
}

/// A person's name as the gazetteer spells it ("Ukhnaa Khurelsukh" and "Ukhnaagiin
/// Khurelsukh" are one man), so the score compares people, not spellings.
fn person(name: &str) -> String {
    Gazetteer::builtin()
        .person_named(name)
        .map_or_else(|| name.to_owned(), |p| p.name.clone())
}

/// A city's name as the gazetteer spells it ("Ulaanbaatar" and "Ulan Bator").
fn city(name: &str) -> String {
    Gazetteer::builtin()
        .city_named(name)
        .map_or_else(|| name.to_owned(), |(_, canonical)| canonical)
}

fn pair(a: &str, b: &str) -> (String, String) {
    let (a, b) = (&person(a), &person(b));
    if a <= b {
        (a.to_owned(), b.to_owned())
    } else {
        (b.to_owned(), a.to_owned())
    }
}

fn truth(dir: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(dir.join("truth.tsv")).expect("truth.tsv is readable");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header").split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("truth.tsv has no {name} column"))
    };
    let (file, date, leader, counterpart, kind, location) = (
        col("file"),
        col("date"),
        col("leader"),
        col("counterpart"),
        col("kind"),
        col("location"),
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let get = |i: usize| f.get(i).copied().unwrap_or("").trim().to_owned();
            Row {
                file: get(file),
                pair: pair(&get(leader), &get(counterpart)),
                date: get(date),
                kind: get(kind),
                location: city(&get(location)),
            }
        })
        .collect()
}

fn predicted(dir: &Path) -> Vec<Row> {
    let c = corpus::load(dir).expect("the evaluation folder loads");
    // Only the reports: the folder also holds the labels and a README.
    let mut all: Vec<(String, Vec<Meeting>)> = c
        .articles
        .iter()
        .filter(|a| a.path.ends_with(".txt"))
        .map(|a| (a.path.clone(), meetings::extract(a, Gazetteer::builtin())))
        .collect();
    // As `dossier meetings` does: the corpus's focal country leads.
    meetings::timeline::orient_all(&mut all);
    let mut rows = Vec::new();
    for (path, ms) in all {
        for m in ms {
            for cp in &m.counterparts {
                rows.push(Row {
                    file: path.clone(),
                    pair: pair(&m.leader.name, &cp.name),
                    date: m.date.map(|d| d.to_string()).unwrap_or_default(),
                    kind: m.kind.as_str().to_owned(),
                    location: city(m.location.as_deref().unwrap_or_default()),
                });
            }
        }
    }
    rows
}

struct Score {
    tp: usize,
    fp: Vec<Row>,
    fn_: Vec<Row>,
    date_ok: usize,
    kind_ok: usize,
    place_ok: usize,
    mismatches: Vec<String>,
}

fn score(truth: &[Row], predicted: &[Row]) -> Score {
    let mut by_file: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for t in truth {
        by_file.entry(&t.file).or_default().push(t);
    }
    let mut s = Score {
        tp: 0,
        fp: Vec::new(),
        fn_: Vec::new(),
        date_ok: 0,
        kind_ok: 0,
        place_ok: 0,
        mismatches: Vec::new(),
    };
    let mut unmatched: BTreeMap<&str, Vec<&Row>> = by_file.clone();
    for p in predicted {
        let pool = unmatched.entry(&p.file).or_default();
        // Prefer the truth row with the same date when a pair met more than once.
        let pick = pool
            .iter()
            .position(|t| t.pair == p.pair && t.date == p.date && t.kind == p.kind)
            .or_else(|| {
                pool.iter()
                    .position(|t| t.pair == p.pair && t.date == p.date)
            })
            .or_else(|| pool.iter().position(|t| t.pair == p.pair));
        match pick {
            Some(i) => {
                let t = pool.remove(i);
                s.tp += 1;
                s.date_ok += usize::from(t.date == p.date);
                s.kind_ok += usize::from(t.kind == p.kind);
                s.place_ok += usize::from(t.location == p.location);
                if t.date != p.date || t.kind != p.kind || t.location != p.location {
                    s.mismatches.push(format!(
                        "{} {:?}: expected {} {} {:?}, got {} {} {:?}",
                        p.file, p.pair, t.date, t.kind, t.location, p.date, p.kind, p.location
                    ));
                }
            }
            None => s.fp.push(p.clone()),
        }
    }
    for rows in unmatched.into_values() {
        s.fn_.extend(rows.into_iter().cloned());
    }
    s
}

/// F1, and the shares (%) of matched meetings with the exact date, kind and place.
struct Figures {
    f1: f64,
    dates: f64,
    kind: f64,
    place: f64,
}

/// Precision, recall, F1 and the shares of exact fields on the set in `dir`, printed.
fn measure(set: &str) -> Figures {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(set);
    let truth = truth(&dir);
    assert!(
        truth.len() >= 40,
        "the labelled set is too small to measure"
    );
    let s = score(&truth, &predicted(&dir));
    let precision = s.tp as f64 / (s.tp + s.fp.len()).max(1) as f64;
    let recall = s.tp as f64 / (s.tp + s.fn_.len()).max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    let pct = |n: usize| 100.0 * n as f64 / s.tp.max(1) as f64;
    println!(
        "{set}: rows: truth {}, predicted {}, matched {}\nprecision {:.3} recall {:.3} F1 {:.3}\ndate exact {:.1}%  kind {:.1}%  place {:.1}%",
        truth.len(),
        s.tp + s.fp.len(),
        s.tp,
        precision,
        recall,
        f1,
        pct(s.date_ok),
        pct(s.kind_ok),
        pct(s.place_ok)
    );
    for r in &s.fp {
        println!(
            "false positive: {} {:?} {} {}",
            r.file, r.pair, r.date, r.kind
        );
    }
    for r in &s.fn_ {
        println!("missed: {} {:?} {} {}", r.file, r.pair, r.date, r.kind);
    }
    for m in &s.mismatches {
        println!("differs: {m}");
    }
    Figures {
        f1,
        dates: pct(s.date_ok),
        kind: pct(s.kind_ok),
        place: pct(s.place_ok),
    }
}

/// Floors at the level reached (2026-12-04) less a small margin: a change that loses
/// ground on any field fails here.
fn assert_floors(f: &Figures, f1: f64, dates: f64, kind: f64, place: f64) {
    assert!(f.f1 >= f1, "F1 {:.3} is below {f1}", f.f1);
    assert!(f.dates >= dates, "dates exact in only {:.1}%", f.dates);
    assert!(f.kind >= kind, "kinds right in only {:.1}%", f.kind);
    assert!(f.place >= place, "places right in only {:.1}%", f.place);
}

/// The set the rules were developed against.
#[test]
fn extractor_meets_the_quality_bar_on_the_development_set() {
    // Reached: F1 0.975, dates 100%, kind 98.7%, place 98.7%.
    assert_floors(&measure("meetings-eval"), 0.96, 98.0, 96.0, 95.0);
}

/// A set written separately, never used to tune the rules: the honest figure.
#[test]
fn extractor_holds_up_on_the_held_out_set() {
    // Reached: F1 0.970, dates 100%, kind 95.9%, place 98.0%.
    assert_floors(&measure("meetings-holdout"), 0.95, 98.0, 93.0, 95.0);
}
