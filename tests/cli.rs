//! The command line as scripts use it: exact output, exit codes, errors naming the file.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the dossier binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn articles_tsv_prints_the_sample_table() {
    let o = dossier(&["articles", "sample-corpus", "--format", "tsv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let expected = "\
file\ttitle\tpublished\tsource\tplace
000_ce9b4343981b04df.txt\tXi highlights vital role of BRI solidarity\t2021-06-03\tChina Daily\t
001_e15d73de3d9c7b48.txt\tPresident Xi calls for greater Beijing-Baku exchanges\t\tAgencies\tBeijing
002_d19069a31ccc614c.txt\tXi eyes better China-Kazakhstan relations\t2021-06-03\tXinhua\tBeijing
003_605b4ee0f7fb2dfc.txt\tXi urges China, Kyrgyzstan to promote high-quality Belt and Road cooperation\t2024-07-04\tXinhua\tAstana
004_48b92a249b80ec9f.txt\tChinese President Xi Jinping and Kazakh President Kassym-Jomart Tokayev on Wednesday…\t\t\t
";
    assert_eq!(stdout(&o), expected);
}

#[test]
fn articles_json_is_an_array_of_records() {
    let o = dossier(&["articles", "sample-corpus", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[3]["place"], "Astana");
    assert_eq!(rows[3]["published"], "2024-07-04");
    assert_eq!(rows[4]["title_derived"], true);
    assert_eq!(rows[4]["published"], serde_json::Value::Null);
}

#[test]
fn check_reports_bad_files_by_name_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.txt"), "Title\n\nBEIJING: Body.").unwrap();
    fs::write(dir.path().join("zip.txt"), b"PK\x03\x04\x00").unwrap();
    fs::write(dir.path().join("old.txt"), b"Caf\xe9").unwrap();
    let folder = dir.path().to_str().unwrap();
    let o = dossier(&["check", folder]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let zip = Path::new(folder).join("zip.txt");
    let old = Path::new(folder).join("old.txt");
    assert!(
        out.contains(&format!(
            "{}: skipped: binary file (contains NUL bytes), not text",
            zip.display()
        )),
        "{out}"
    );
    assert!(out.contains(&format!(
        "{}: not valid UTF-8; read as Windows-1252",
        old.display()
    )));
    assert!(
        out.contains("2 articles loaded, 1 files skipped, 1 re-decoded"),
        "{out}"
    );
}

#[test]
fn check_on_a_clean_folder_exits_0() {
    let o = dossier(&["check", "sample-corpus"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("5 articles loaded, 0 files skipped"));
}

#[test]
fn a_missing_folder_exits_2_naming_it() {
    let o = dossier(&["articles", "no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.starts_with("dossier: no/such/folder: "), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(dossier(&["articles"]).status.code(), Some(2));
    assert_eq!(
        dossier(&["articles", "sample-corpus", "--format", "xml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(dossier(&["--no-such-flag"]).status.code(), Some(2));
}
