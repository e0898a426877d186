//! The app and the command line read a corpus through one pipeline (extract → correct →
//! orient): a corrected report date re-dates weekday meetings in both, and both show the
//! same meetings with the same sides.

mod common;

use common::sample_copy;
use dossier::annotations::model::MetadataCorrection;
use dossier::workspace::Workspace;
use std::fs;
use std::path::Path;
use std::process::Command;

const F004: &str = "004_48b92a249b80ec9f.txt";

/// `dossier meetings FOLDER` as rows of cells, header first.
fn cli_meetings(folder: &Path) -> Vec<Vec<String>> {
    let o = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["meetings", folder.to_str().expect("a UTF-8 temp path")])
        .output()
        .expect("the binary runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

/// The same table built from what the workspace holds, oriented as the timeline orients.
fn workspace_meetings(ws: &Workspace) -> Vec<Vec<String>> {
    let header = "file published source meeting date leader leader_country counterpart counterpart_country kind location";
    let mut out = vec![header.split(' ').map(str::to_owned).collect()];
    let focal = ws.timeline().focal_country();
    let s = |x: Option<&str>| x.unwrap_or_default().to_owned();
    for (a, ms) in ws.corpus().articles.iter().zip(ws.meetings()) {
        for (i, m) in ms.iter().enumerate() {
            let mut m = m.clone();
            dossier::meetings::orient(&mut m, focal);
            for c in &m.counterparts {
                out.push(vec![
                    a.path.clone(),
                    a.meta.published.map(|d| d.to_string()).unwrap_or_default(),
                    s(a.meta.source.as_deref()),
                    (i + 1).to_string(),
                    m.date.map(|d| d.to_string()).unwrap_or_default(),
                    m.leader.name.to_string(),
                    s(m.leader.country.as_deref()),
                    c.name.to_string(),
                    s(c.country.as_deref()),
                    m.kind.as_str().to_owned(),
                    s(m.location.as_deref()),
                ]);
            }
        }
    }
    out
}

/// Dates of the meetings of `file` in the CLI's rows.
fn dates_of(rows: &[Vec<String>], file: &str) -> Vec<String> {
    rows.iter()
        .filter(|r| r[0] == file)
        .map(|r| r[4].clone())
        .collect()
}

#[test]
fn a_corrected_report_date_redates_weekday_meetings_in_app_and_cli() {
    let dir = sample_copy();
    // 004 says "on Wednesday" and carries no date. Corrected to Thursday 2023-05-18, the
    // Wednesday on or before it is 2023-05-17 (for both meetings: Xi–Tokayev in the lead,
    // Han Zheng–Rahmon with no day of its own, so the lead's).
    fs::write(
        dir.path().join("annotations.ron"),
        r#"(
    version: 1,
    articles: {
        "004_48b92a249b80ec9f.txt": (
            metadata: (published: Some(Some("2023-05-18"))),
        ),
    },
)"#,
    )
    .expect("the sidecar is written");
    let cli = cli_meetings(dir.path());
    assert_eq!(dates_of(&cli, F004), ["2023-05-17", "2023-05-17"]);
    let ws = Workspace::open(dir.path()).expect("the copy opens");
    let a = ws.article_index(F004).expect("004 is loaded");
    assert_eq!(
        ws.corpus().articles[a]
            .meta
            .published
            .map(|d| d.to_string())
            .as_deref(),
        Some("2023-05-18")
    );
    let dates: Vec<String> = ws.meetings()[a]
        .iter()
        .map(|m| m.date.map(|d| d.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(dates, ["2023-05-17", "2023-05-17"]);
    assert_eq!(
        workspace_meetings(&ws),
        cli,
        "the app and the CLI agree row for row"
    );
}

#[test]
fn correcting_the_date_in_the_app_redates_at_once_and_after_reopening() {
    let dir = sample_copy();
    let mut ws = Workspace::open(dir.path()).expect("the copy opens");
    let a = ws.article_index(F004).expect("004 is loaded");
    assert!(
        ws.meetings()[a].iter().all(|m| m.date.is_none()),
        "undated as read"
    );
    let keys = ws.meeting_keys(a).expect("the report").into_owned();
    assert!(ws.edit(|s| {
        s.articles.entry(F004.to_owned()).or_default().metadata = MetadataCorrection {
            published: Some(Some(jiff::civil::date(2023, 5, 18))),
            ..MetadataCorrection::default()
        };
    }));
    let day = Some(jiff::civil::date(2023, 5, 17));
    assert!(
        ws.meetings()[a].iter().all(|m| m.date == day),
        "{:?}",
        ws.meetings()[a]
    );
    assert_eq!(
        *ws.meeting_keys(a).expect("the report"),
        *keys,
        "re-dating keeps the keys"
    );
    ws.save();
    let again = Workspace::open(dir.path()).expect("the copy opens again");
    assert!(again.meetings()[a].iter().all(|m| m.date == day));
    assert_eq!(workspace_meetings(&again), cli_meetings(dir.path()));
}

#[test]
fn reports_of_our_own_are_redated_placed_and_oriented_alike() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // Tokayev is named first in two reports; China takes part in every meeting and leads
    // them once oriented. The call report has no date and no dateline.
    fs::write(
        dir.path().join("call.txt"),
        "Tokayev and Xi speak by phone\n\nKazakh President Kassym-Jomart Tokayev held a phone call with Chinese President Xi Jinping on Wednesday.\nThey agreed to meet soon.\n",
    )
    .expect("a report is written");
    fs::write(
        dir.path().join("talks.txt"),
        "Leaders hold talks\n\nASTANA, July 3 (Xinhua) -- Kazakh President Kassym-Jomart Tokayev held talks with Chinese President Xi Jinping here on Wednesday.\nChinese President Xi Jinping also met with Kyrgyz President Sadyr Japarov in Astana.\n",
    )
    .expect("a report is written");
    fs::write(
        dir.path().join("visit.txt"),
        "Xi meets Japarov\n\nChinese President Xi Jinping met with Kyrgyz President Sadyr Japarov here on Monday.\n",
    )
    .expect("a report is written");
    // The call report corrected to Sunday 2021-06-06: Wednesday is 2021-06-02. The talks
    // report's dateline says July 3 without a year; corrected to 2024-07-04, the talks on
    // "Wednesday" resolve to the dateline's July 3, 2024 (a Wednesday). The visit report,
    // with no dateline, gets a date (Thursday 2024-07-04: Monday is 2024-07-01) and a
    // place, which is where "here" is.
    fs::write(
        dir.path().join("annotations.ron"),
        r#"(
    version: 1,
    articles: {
        "call.txt": (metadata: (published: Some(Some("2021-06-06")))),
        "talks.txt": (metadata: (published: Some(Some("2024-07-04")))),
        "visit.txt": (metadata: (published: Some(Some("2024-07-04")), place: Some("Bishkek"))),
    },
)"#,
    )
    .expect("the sidecar is written");
    let cli = cli_meetings(dir.path());
    let ws = Workspace::open(dir.path()).expect("the folder opens");
    assert_eq!(workspace_meetings(&ws), cli);
    let brief: Vec<String> = cli[1..]
        .iter()
        .map(|r| format!("{} {} {} {} {}", r[0], r[4], r[5], r[7], r[10]))
        .collect();
    assert_eq!(
        brief,
        [
            "call.txt 2021-06-02 Xi Jinping Kassym-Jomart Tokayev ",
            "talks.txt 2024-07-03 Xi Jinping Kassym-Jomart Tokayev Astana",
            "talks.txt 2024-07-03 Xi Jinping Sadyr Japarov Astana",
            "visit.txt 2024-07-01 Xi Jinping Sadyr Japarov Bishkek",
        ]
    );
}
