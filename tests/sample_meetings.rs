//! The sample reports give exactly the meetings of the meetings issue's table, and the
//! timeline merges 000#1 with 002 (one call, reported twice).

use dossier::corpus;
use dossier::gazetteer::Gazetteer;
use dossier::meetings::timeline::{EventKey, Timeline};
use dossier::meetings::{self, Kind, Meeting};
use std::path::Path;

fn sample() -> (corpus::Corpus, Vec<(String, Vec<Meeting>)>) {
    let c = corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus"))
        .expect("sample-corpus loads");
    let mut all: Vec<(String, Vec<Meeting>)> = c
        .articles
        .iter()
        .map(|a| (a.path.clone(), meetings::extract(a, Gazetteer::builtin())))
        .collect();
    let focal = meetings::focal_country(all.iter().flat_map(|(_, ms)| ms));
    for m in all.iter_mut().flat_map(|(_, ms)| ms) {
        meetings::orient(m, focal.as_deref());
    }
    (c, all)
}

#[test]
fn each_sample_gives_exactly_its_meetings() {
    let (_, all) = sample();
    let mut rows = Vec::new();
    for (path, ms) in &all {
        for (i, m) in ms.iter().enumerate() {
            for c in &m.counterparts {
                rows.push(format!(
                    "{} {} {} {} {} ({}) {} {}",
                    &path[..3],
                    i + 1,
                    m.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                    m.leader.name,
                    c.name,
                    c.country.as_deref().unwrap_or("?"),
                    m.kind,
                    m.location.as_deref().unwrap_or("-"),
                ));
            }
        }
    }
    assert_eq!(
        rows,
        [
            "000 1 2021-06-02 Xi Jinping Kassym-Jomart Tokayev (Kazakhstan) phone_call -",
            "000 2 2021-06-02 Xi Jinping Ilham Aliyev (Azerbaijan) phone_call -",
            "000 3 2021-06-02 Xi Jinping Luis Abinader (Dominican Republic) phone_call -",
            "001 1 - Xi Jinping Ilham Aliyev (Azerbaijan) phone_call -",
            "002 1 2021-06-02 Xi Jinping Kassym-Jomart Tokayev (Kazakhstan) phone_call -",
            "003 1 2024-07-03 Xi Jinping Sadyr Japarov (Kyrgyzstan) talks Astana",
            "004 1 - Xi Jinping Kassym-Jomart Tokayev (Kazakhstan) meeting Xi'an",
            "004 2 - Han Zheng Emomali Rahmon (Tajikistan) meeting Beijing",
        ]
    );
}

#[test]
fn evidence_points_at_the_sentence_that_reports_the_meeting() {
    let (c, all) = sample();
    let text = &c.articles[3].text;
    let m = &all[3].1[0];
    let evidence: String = text
        .chars()
        .skip(m.evidence.start)
        .take(m.evidence.end - m.evidence.start)
        .collect();
    assert!(
        evidence.contains("Sadyr Japarov") && evidence.ends_with('.'),
        "{evidence}"
    );
    // 004's evidence for Han Zheng and Rahmon sits in the Beijing paragraph.
    let text = &c.articles[4].text;
    let m = &all[4].1[1];
    let evidence: String = text
        .chars()
        .skip(m.evidence.start)
        .take(m.evidence.end - m.evidence.start)
        .collect();
    assert_eq!(
        evidence,
        "Han made the remarks when meeting with Tajik President Emomali Rahmon in Beijing."
    );
}

#[test]
fn the_timeline_merges_one_call_reported_twice() {
    let (_, all) = sample();
    let t = Timeline::build(all.into_iter().map(|(p, m)| (p.into(), m.into())));
    assert_eq!(t.focal_country(), Some("China"));
    let events: Vec<_> = t.events().collect();
    // 8 meetings, 000#1 and 002 are one event.
    assert_eq!(events.len(), 7);
    let merged: Vec<_> = events.iter().filter(|e| e.reports.len() == 2).collect();
    assert_eq!(merged.len(), 1);
    let reports: Vec<(&str, usize)> = merged[0]
        .reports
        .iter()
        .map(|r| (&r.article[..3], r.index))
        .collect();
    assert_eq!(reports, [("000", 0), ("002", 0)]);
    let summary = t.summary(merged[0]).expect("a summary");
    assert_eq!(summary.kind, Kind::PhoneCall);
    assert_eq!(summary.counterparts[0].name, "Kassym-Jomart Tokayev");
    // Dated events first, in date order, then the three undated ones.
    let dated: Vec<bool> = events
        .iter()
        .map(|e| matches!(e.key, EventKey::Dated { .. }))
        .collect();
    assert_eq!(dated, [true, true, true, true, false, false, false]);
}
