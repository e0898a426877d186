//! A generated corpus read back: `dossier meetings` must find the meetings its
//! `truth.tsv` lists (exact rows: file, date, leader, counterpart, kind, place).

use std::collections::HashMap;
use std::process::Command;

#[test]
fn meetings_of_a_generated_corpus_match_its_truth() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dossier::synthetic::generate(dir.path(), 600, 42).unwrap();
    assert_eq!(summary.articles, 600);
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["meetings"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let predicted = String::from_utf8(out.stdout).unwrap();
    let truth = std::fs::read_to_string(dir.path().join("truth.tsv")).unwrap();
    let key = |line: &str| {
        let f: Vec<&str> = line.split('\t').collect();
        // file, date, leader, counterpart, kind, location
        [f[0], f[4], f[5], f[7], f[9], f[10]].join("\t")
    };
    let count = |text: &str| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for line in text.lines().skip(1) {
            *m.entry(key(line)).or_default() += 1;
        }
        m
    };
    let (t, p) = (count(&truth), count(&predicted));
    let tp: usize = t
        .iter()
        .map(|(k, n)| (*n).min(*p.get(k).unwrap_or(&0)))
        .sum();
    let (nt, np): (usize, usize) = (t.values().sum(), p.values().sum());
    let (precision, recall) = (tp as f64 / np as f64, tp as f64 / nt as f64);
    let f1 = 2.0 * precision * recall / (precision + recall);
    println!("generated 600 articles: truth {nt}, predicted {np}, exact {tp}, F1 {f1:.4}");
    assert!(f1 >= 0.98, "F1 {f1:.4} below 0.98");
}
