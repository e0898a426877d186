//! `dossier agree`: two analysts' codings of the sample corpus compared on sentences, the
//! statistics computed here by hand from their definitions (Cohen 1960; Krippendorff
//! 2011) for a constructed pair of coders.

mod common;
use common::sample_copy;

use std::path::Path;
use std::process::{Command, Output};

const REPORT: &str = "000_ce9b4343981b04df.txt";
/// Three quotes, each inside one sentence of the report, in three different sentences.
const S1: &str = "China and Kazakhstan should foster new growth engines";
const S2: &str = "The friendship between China and Kazakhstan";
const S3: &str = "In promoting the high-quality building of the Belt and Road";

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .output()
        .expect("the dossier binary runs")
}

fn highlight(folder: &Path, quote: &str, tag: &str) {
    let f = folder.to_str().expect("a UTF-8 path");
    let o = dossier(&[
        "highlight",
        f,
        "--article",
        REPORT,
        "--quote",
        quote,
        "--tag",
        tag,
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Every sentence of the samples: the units.
fn sentences(folder: &Path) -> usize {
    let corpus = dossier::corpus::load(folder).expect("the samples load");
    corpus
        .articles
        .iter()
        .map(|a| dossier::text::sentences(&a.text).len())
        .sum()
}

fn kappa(n: f64, a: f64, b: f64, both: f64) -> f64 {
    let p_o = (n - (a + b - 2.0 * both)) / n;
    let p_e = (a / n) * (b / n) + ((n - a) / n) * ((n - b) / n);
    (p_o - p_e) / (1.0 - p_e)
}

#[test]
fn two_coders_agree_as_kappa_and_alpha_say() {
    let (ours, theirs) = (sample_copy(), sample_copy());
    // Ours: energy on S1 and S2, belt on S3. Theirs: energy on S1 and S3.
    highlight(ours.path(), S1, "energy");
    highlight(ours.path(), S2, "energy");
    highlight(ours.path(), S3, "belt");
    highlight(theirs.path(), S1, "energy");
    highlight(theirs.path(), S3, "energy");
    let other = theirs.path().join("annotations.ron");
    let f = ours.path().to_str().expect("a UTF-8 path");
    let o = dossier(&["agree", f, "--with", other.to_str().expect("UTF-8")]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows[0],
        [
            "tag",
            "agreement",
            "kappa",
            "alpha",
            "ours",
            "theirs",
            "both"
        ]
    );

    let n = sentences(ours.path()) as f64;
    assert!(n > 20.0, "{n} sentences");
    // belt: ours 1, theirs 0: agreement (N − 1)/N, and kappa 0 (no better than chance).
    let belt = [
        "belt".to_owned(),
        format!("{:.1}%", 100.0 * (n - 1.0) / n),
        "0.00".into(),
    ];
    assert_eq!(
        rows[1][..3],
        belt.iter().map(String::as_str).collect::<Vec<_>>()[..]
    );
    assert_eq!(rows[1][4..], ["1", "0", "0"]);
    // energy: ours 2, theirs 2, both 1.
    let energy = format!("{:.2}", kappa(n, 2.0, 2.0, 1.0));
    assert_eq!(rows[2][0], "energy");
    assert_eq!(rows[2][1], format!("{:.1}%", 100.0 * (n - 2.0) / n));
    assert_eq!(rows[2][2], energy);
    assert_eq!(rows[2][4..], ["2", "2", "1"]);
    // Overall, over 2N (sentence, tag) units: 3 disagree. Alpha by its coincidence
    // matrix: n = 4N values, n_1 = 5 coded, o_01 = o_10 = 3.
    let values = 4.0 * n;
    let alpha = 1.0 - (values - 1.0) * 6.0 / (2.0 * 5.0 * (values - 5.0));
    assert_eq!(rows[3][0], "(overall)");
    assert_eq!(
        rows[3][1],
        format!("{:.1}%", 100.0 * (2.0 * n - 3.0) / (2.0 * n))
    );
    assert_eq!(rows[3][3], format!("{alpha:.2}"));
    assert_eq!(rows[3][4..], ["3", "2", "1"]);
    assert_eq!(rows.len(), 4);
}

#[test]
fn identical_codings_agree_fully_and_a_missing_file_is_named() {
    let (ours, theirs) = (sample_copy(), sample_copy());
    for folder in [ours.path(), theirs.path()] {
        highlight(folder, S1, "energy");
    }
    let other = theirs.path().join("annotations.ron");
    let f = ours.path().to_str().expect("UTF-8");
    let o = dossier(&[
        "agree",
        f,
        "--with",
        other.to_str().expect("UTF-8"),
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["tags"][0]["kappa"], 1.0);
    assert_eq!(v["alpha"], 1.0);
    assert_eq!(v["disagreements"].as_array().map(Vec::len), Some(0));

    let missing = theirs.path().join("nobody.ron");
    let o = dossier(&["agree", f, "--with", missing.to_str().expect("UTF-8")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("nobody.ron"), "{err}");
}
