//! Titles resolved by who held the office on the report's date (`tests/fixtures/offices`,
//! see its README): "the Kazakh president" is Nazarbayev in 2017 and Tokayev in 2022,
//! "Premier Li" Li Keqiang in 2019 and Li Qiang in 2024, "his Turkmen counterpart" the
//! father or the son. Every report must come out exactly as labelled.

use dossier::corpus;
use dossier::gazetteer::Gazetteer;
use dossier::meetings;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Encounters = BTreeMap<String, BTreeSet<(String, String, String)>>;

fn key(a: &str, b: &str, date: &str) -> (String, String, String) {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    (a.to_owned(), b.to_owned(), date.to_owned())
}

fn truth(dir: &Path) -> Encounters {
    let text = std::fs::read_to_string(dir.join("truth.tsv")).expect("truth.tsv is readable");
    let mut out = Encounters::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        out.entry(f[0].to_owned())
            .or_default()
            .insert(key(f[1], f[2], f[3]));
    }
    out
}

#[test]
fn every_title_is_resolved_to_who_held_the_office_that_day() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/offices");
    let expected = truth(&dir);
    let c = corpus::load(&dir).expect("the folder loads");
    let mut got = Encounters::new();
    let reports: Vec<_> = c
        .articles
        .iter()
        .filter(|a| a.path.ends_with(".txt"))
        .collect();
    assert!(reports.len() >= 60, "too few reports: {}", reports.len());
    for a in &reports {
        let entry = got.entry(a.path.clone()).or_default();
        for m in meetings::extract(a, Gazetteer::builtin()) {
            let date = m.date.map(|d| d.to_string()).unwrap_or_default();
            for cp in &m.counterparts {
                entry.insert(key(&m.leader.name, &cp.name, &date));
            }
        }
    }
    let wrong: Vec<String> = got
        .iter()
        .filter(|(f, found)| expected.get(*f).cloned().unwrap_or_default() != **found)
        .map(|(f, found)| format!("{f}: expected {:?}, got {found:?}", expected.get(f)))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {} reports resolved wrong:\n{}",
        wrong.len(),
        reports.len(),
        wrong.join("\n")
    );
}
