//! `dossier analyse` on the samples with a handful of highlights; the expected tables were
//! worked out by hand from the reports: report 000 tells of three phone calls on 2 June
//! 2021 (with Tokayev of Kazakhstan, Aliyev of Azerbaijan and Abinader of the Dominican
//! Republic; the last two in one sentence), report 002 of the call with Tokayev.

mod common;
use common::sample_copy;

use std::path::Path;
use std::process::{Command, Output};

const R000: &str = "000_ce9b4343981b04df.txt";
const R002: &str = "002_d19069a31ccc614c.txt";

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .output()
        .expect("the dossier binary runs")
}

fn highlight(folder: &Path, article: &str, quote: &str, tags: &[&str]) {
    let f = folder.to_str().expect("a UTF-8 path");
    let mut args = vec!["highlight", f, "--article", article, "--quote", quote];
    args.extend(["--occurrence", "1", "--tag"]);
    args.extend(tags);
    let o = dossier(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn table(folder: &Path, args: &[&str]) -> Vec<Vec<String>> {
    let f = folder.to_str().expect("a UTF-8 path");
    let mut all = vec!["analyse", f];
    all.extend(args);
    let o = dossier(&all);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    (String::from_utf8_lossy(&o.stdout).lines())
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

fn coded() -> tempfile::TempDir {
    let dir = sample_copy();
    let d = dir.path();
    // In 000, outside any meeting's sentence: about all three of its meetings.
    highlight(
        d,
        R000,
        "China and Kazakhstan should foster new growth engines",
        &["energy"],
    );
    highlight(
        d,
        R000,
        "The friendship between China and Kazakhstan",
        &["friendship"],
    );
    highlight(
        d,
        R000,
        "permanent comprehensive strategic partners",
        &["friendship"],
    );
    // In the sentence that reports the calls with Aliyev and Abinader: about those two.
    highlight(
        d,
        R000,
        "He also spoke on the phone on Wednesday",
        &["calls"],
    );
    // In 002 (one meeting, with Tokayev): one highlight with two tags.
    highlight(
        d,
        R002,
        "permanent comprehensive strategic partners",
        &["friendship", "energy"],
    );
    dir
}

#[test]
fn the_matrix_counts_passages_by_counterpart_country_and_reports_by_year() {
    let dir = coded();
    let m = table(dir.path(), &["matrix"]);
    assert_eq!(
        m[0],
        ["tag", "Azerbaijan", "Dominican Republic", "Kazakhstan"]
    );
    // Tags in the order they were made.
    assert_eq!(m[1], ["energy", "1", "1", "2"]);
    assert_eq!(m[2], ["friendship", "2", "2", "3"]);
    assert_eq!(m[3], ["calls", "1", "1", "0"]);
    assert_eq!(m.len(), 4);
    let y = table(
        dir.path(),
        &["matrix", "--by", "year", "--count", "reports"],
    );
    assert_eq!(y[0], ["tag", "2021"]);
    assert_eq!(
        y[1..],
        [["energy", "2"], ["friendship", "2"], ["calls", "1"]]
    );
    let k = table(dir.path(), &["matrix", "--by", "leader"]);
    assert_eq!(
        k[0],
        [
            "tag",
            "Ilham Aliyev",
            "Kassym-Jomart Tokayev",
            "Luis Abinader"
        ]
    );
    assert_eq!(k[3], ["calls", "1", "0", "1"]);
}

#[test]
fn trends_and_cooccurrence_count_by_hand() {
    let dir = coded();
    let t = table(dir.path(), &["trends", "--period", "month"]);
    assert_eq!(t[0], ["period", "reports", "energy", "friendship", "calls"]);
    // All five passages are about meetings of 2 June 2021.
    let june = t.iter().find(|r| r[0] == "2021-06").expect("June 2021");
    assert_eq!(june[2..], ["2", "3", "1"]);
    let c = table(dir.path(), &["cooccurrence"]);
    assert_eq!(c[0], ["tag_a", "tag_b", "overlapping", "same_report"]);
    // energy & friendship: both in 000 and 002; they meet once (002's highlight).
    // calls meets neither, but shares report 000 with both.
    assert_eq!(
        c[1..],
        [
            ["calls", "energy", "0", "1"],
            ["calls", "friendship", "0", "1"],
            ["energy", "friendship", "1", "2"],
        ]
    );
}
