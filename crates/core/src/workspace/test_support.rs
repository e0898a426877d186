//! Test support for the workspace's unit tests: the samples opened from a temporary copy.

use super::Workspace;
use std::ops::Range;

pub(crate) const REPORT: &str = "000_ce9b4343981b04df.txt";
pub(crate) const QUOTE: &str = "permanent comprehensive strategic partners";

/// The samples, opened from a temporary copy (the workspace saves beside them).
pub(crate) fn samples() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-corpus");
    for e in std::fs::read_dir(src).expect("the samples") {
        let e = e.expect("an entry");
        std::fs::copy(e.path(), dir.path().join(e.file_name())).expect("a copy");
    }
    let ws = Workspace::open(dir.path()).expect("the samples open");
    (dir, ws)
}

/// The key of the first extracted meeting of report `a`.
pub(crate) fn first_key(ws: &Workspace, a: usize) -> crate::annotations::model::MeetingKey {
    let keys = ws.meeting_keys(a).expect("the report");
    keys.iter()
        .flatten()
        .next()
        .cloned()
        .expect("an extracted meeting")
}

pub(crate) fn now() -> jiff::Timestamp {
    "2026-12-04T12:00:00Z".parse().expect("a time")
}

/// The char range of the first `quote` in the report.
pub(crate) fn range_of(ws: &Workspace, quote: &str) -> Range<usize> {
    let text = &ws.corpus.article(REPORT).expect("the report").text;
    let b = text.find(quote).expect("the quote is there");
    let start = text[..b].chars().count();
    start..start + quote.chars().count()
}

/// A phone call between Xi Jinping and Shavkat Mirziyoyev added by hand, as `id`.
pub(crate) fn added_call(id: &str) -> crate::annotations::model::AddedMeeting {
    let person = |name: &str| crate::annotations::model::PersonFix {
        name: name.into(),
        country: None,
    };
    crate::annotations::model::AddedMeeting {
        id: id.into(),
        leader: person("Xi Jinping"),
        counterparts: vec![person("Shavkat Mirziyoyev")],
        kind: crate::meetings::Kind::PhoneCall,
        date: None,
        location: None,
        evidence: None,
    }
}
