//! `dossier meetings FOLDER`: one row per meeting per counterpart per report.

use super::output::{self, Row};
use super::{Fatal, Format};
use crate::corpus::Article;
use crate::meetings::Meeting;
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

#[derive(Serialize)]
struct MeetingRow<'a> {
    file: &'a str,
    published: Option<String>,
    source: Option<&'a str>,
    meeting: usize,
    date: Option<String>,
    leader: &'a str,
    leader_country: Option<&'a str>,
    counterpart: &'a str,
    counterpart_country: Option<&'a str>,
    kind: &'static str,
    location: Option<&'a str>,
    /// Char range of the sentence that reports the meeting.
    evidence_start: usize,
    evidence_end: usize,
}

impl Row for MeetingRow<'_> {
    const HEADER: &'static [&'static str] = &[
        "file",
        "published",
        "source",
        "meeting",
        "date",
        "leader",
        "leader_country",
        "counterpart",
        "counterpart_country",
        "kind",
        "location",
    ];
    fn cells(&self) -> Vec<String> {
        let s = |x: Option<&str>| x.unwrap_or_default().to_owned();
        vec![
            self.file.to_owned(),
            self.published.clone().unwrap_or_default(),
            s(self.source),
            self.meeting.to_string(),
            self.date.clone().unwrap_or_default(),
            self.leader.to_owned(),
            s(self.leader_country),
            self.counterpart.to_owned(),
            s(self.counterpart_country),
            self.kind.to_owned(),
            s(self.location),
        ]
    }
}

fn rows<'a>(article: &'a Article, meetings: &'a [Meeting]) -> Vec<MeetingRow<'a>> {
    let mut out = Vec::new();
    for (i, m) in meetings.iter().enumerate() {
        for c in &m.counterparts {
            out.push(MeetingRow {
                file: &article.path,
                published: article.meta.published.map(|d| d.to_string()),
                source: article.meta.source.as_deref(),
                meeting: i + 1,
                date: m.date.map(|d| d.to_string()),
                leader: &m.leader.name,
                leader_country: m.leader.country.as_deref(),
                counterpart: &c.name,
                counterpart_country: c.country.as_deref(),
                kind: m.kind.as_str(),
                location: m.location.as_deref(),
                evidence_start: m.evidence.start,
                evidence_end: m.evidence.end,
            });
        }
    }
    out
}

pub fn run(folder: &Path, format: Format) -> Result<ExitCode, Fatal> {
    // The same derivation the app makes: one place reads, corrects and orients meetings.
    let ws = crate::workspace::Workspace::open(folder)?;
    if let crate::workspace::SaveState::ReadOnly(e) = ws.save_state() {
        return Err(Fatal(e.clone()));
    }
    for p in &ws.corpus().problems {
        eprintln!("dossier: {}: {}", folder.join(&p.path).display(), p.problem);
    }
    if let Some(problem) = ws.gazetteer_problem() {
        eprintln!("dossier: {problem} (the built-in gazetteer is used)");
    }
    let oriented: Vec<Vec<Meeting>> = (0..ws.corpus().articles.len())
        .map(|a| ws.meetings_as_shown(a))
        .collect();
    let table: Vec<MeetingRow> = ws
        .corpus()
        .articles
        .iter()
        .zip(&oriented)
        .flat_map(|(a, ms)| rows(a, ms))
        .collect();
    output::print(&table, format)?;
    Ok(ExitCode::SUCCESS)
}
