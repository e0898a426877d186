//! The workspace: every change undoable, typing coalesced into one step, corrections
//! re-derived, autosave to the sidecar, and a read-only sidecar left alone.

mod common;
use common::sample_copy;

use dossier::annotations::sidecar;
use dossier::workspace::{AUTOSAVE_DELAY, SaveState, Workspace};
use std::fs;
use std::time::Instant;

const P: &str = "000_ce9b4343981b04df.txt";

#[test]
fn typing_is_one_undo_step_and_other_edits_are_their_own() {
    let dir = sample_copy();
    let mut ws = Workspace::open(dir.path()).unwrap();
    for note in ["C", "Ch", "Che", "Chec", "Check"] {
        ws.edit_typing("note", |s| {
            s.articles.entry(P.into()).or_default().note = note.into()
        });
    }
    ws.edit(|s| {
        dossier::annotations::ensure_tag(s, "energy");
    });
    assert_eq!(ws.store.articles[P].note, "Check");
    ws.undo();
    assert!(ws.store.tags.is_empty());
    assert_eq!(ws.store.articles[P].note, "Check");
    ws.undo();
    assert!(
        !ws.store.articles.contains_key(P),
        "the whole typed note is one step"
    );
    assert!(!ws.can_undo());
    ws.redo();
    assert_eq!(ws.store.articles[P].note, "Check");
}

#[test]
fn autosave_waits_for_a_pause_then_writes_the_sidecar() {
    let dir = sample_copy();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.edit(|s| s.articles.entry(P.into()).or_default().note = "read again".into());
    let now = Instant::now();
    assert!(ws.autosave(now).is_some(), "not yet due");
    assert!(!sidecar::path(dir.path()).exists());
    ws.autosave(now + AUTOSAVE_DELAY);
    assert_eq!(ws.save_state, SaveState::Saved);
    let text = fs::read_to_string(sidecar::path(dir.path())).unwrap();
    assert!(text.contains("note: \"read again\""));
}

#[test]
fn a_meeting_correction_is_rederived_into_the_timeline() {
    let dir = sample_copy();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let a = ws.article_index("003_605b4ee0f7fb2dfc.txt").unwrap();
    let key = ws.meeting_keys[a][0].clone().unwrap();
    let events_before = ws.timeline.event_count();
    ws.edit(|s| {
        s.articles
            .entry("003_605b4ee0f7fb2dfc.txt".into())
            .or_default()
            .meetings
            .push(dossier::annotations::model::MeetingCorrection {
                key,
                not_a_meeting: true,
                date: None,
                kind: None,
                location: None,
                leader: None,
                counterparts: None,
            });
    });
    assert!(ws.meetings[a].is_empty());
    assert_eq!(ws.timeline.event_count(), events_before - 1);
    ws.undo();
    assert_eq!(ws.meetings[a].len(), 1);
    assert_eq!(ws.timeline.event_count(), events_before);
}

#[test]
fn an_unreadable_sidecar_makes_annotations_read_only_and_is_never_written() {
    let dir = sample_copy();
    let bad = "(version: 1, tags: [oops";
    fs::write(sidecar::path(dir.path()), bad).unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.is_read_only());
    assert_eq!(ws.corpus.articles.len(), 5, "the corpus still opens");
    assert!(!ws.edit(|s| s.articles.entry(P.into()).or_default().note = "x".into()));
    ws.save();
    assert_eq!(fs::read_to_string(sidecar::path(dir.path())).unwrap(), bad);
}

#[test]
fn a_sidecar_changed_on_disk_is_not_clobbered_and_the_change_stays_in_memory() {
    let dir = sample_copy();
    let mut ws = Workspace::open(dir.path()).unwrap();
    fs::write(sidecar::path(dir.path()), "(version: 1)\n").unwrap();
    ws.edit(|s| s.articles.entry(P.into()).or_default().note = "mine".into());
    ws.save();
    assert!(matches!(ws.save_state, SaveState::Failed(ref e) if e.contains("changed on disk")));
    assert_eq!(
        fs::read_to_string(sidecar::path(dir.path())).unwrap(),
        "(version: 1)\n"
    );
    assert_eq!(ws.store.articles[P].note, "mine");
}
