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
    assert_eq!(ws.store().articles[P].note, "Check");
    ws.undo();
    assert!(ws.store().tags.is_empty());
    assert_eq!(ws.store().articles[P].note, "Check");
    ws.undo();
    assert!(
        !ws.store().articles.contains_key(P),
        "the whole typed note is one step"
    );
    assert!(!ws.can_undo());
    ws.redo();
    assert_eq!(ws.store().articles[P].note, "Check");
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
    assert_eq!(*ws.save_state(), SaveState::Saved);
    let text = fs::read_to_string(sidecar::path(dir.path())).unwrap();
    assert!(text.contains("note: \"read again\""));
}

#[test]
fn a_meeting_correction_is_rederived_into_the_timeline() {
    let dir = sample_copy();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let a = ws.article_index("003_605b4ee0f7fb2dfc.txt").unwrap();
    let key = ws.meeting_keys(a).expect("the report")[0].clone().unwrap();
    let events_before = ws.timeline().event_count();
    ws.edit(|s| {
        s.articles
            .entry("003_605b4ee0f7fb2dfc.txt".into())
            .or_default()
            .meetings
            .push(dossier::annotations::model::MeetingCorrection {
                not_a_meeting: true,
                ..dossier::annotations::model::MeetingCorrection::new(key)
            });
    });
    assert!(ws.meetings()[a].is_empty());
    assert_eq!(ws.timeline().event_count(), events_before - 1);
    ws.undo();
    assert_eq!(ws.meetings()[a].len(), 1);
    assert_eq!(ws.timeline().event_count(), events_before);
}

#[test]
fn an_unreadable_sidecar_makes_annotations_read_only_and_is_never_written() {
    let dir = sample_copy();
    let bad = "(version: 1, tags: [oops";
    fs::write(sidecar::path(dir.path()), bad).unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.is_read_only());
    assert_eq!(ws.corpus().articles.len(), 5, "the corpus still opens");
    assert!(!ws.edit(|s| s.articles.entry(P.into()).or_default().note = "x".into()));
    ws.save();
    assert_eq!(fs::read_to_string(sidecar::path(dir.path())).unwrap(), bad);
}

const THEIRS: &str =
    "(version: 1, tags: [(id: \"tx\", name: \"from disk\", colour: \"#123456\")])\n";

#[test]
fn a_sidecar_changed_on_disk_is_merged_with_unsaved_edits_on_save() {
    let dir = sample_copy();
    let mut ws = Workspace::open(dir.path()).unwrap();
    fs::write(sidecar::path(dir.path()), THEIRS).unwrap();
    ws.edit(|s| s.articles.entry(P.into()).or_default().note = "mine".into());
    ws.save();
    assert_eq!(*ws.save_state(), SaveState::Saved);
    let (disk, _) = sidecar::load(dir.path()).unwrap();
    assert_eq!(disk.articles[P].note, "mine");
    assert_eq!(disk.tag("tx").map(|t| t.name.as_str()), Some("from disk"));
    assert_eq!(*ws.store(), disk, "memory holds what is on disk");
    assert!(
        ws.incoming()
            .as_deref()
            .is_some_and(|m| m.contains("1 tag added"))
    );
}

#[test]
fn an_external_change_comes_in_while_edits_wait_and_undo_keeps_it() {
    let dir = sample_copy();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.edit(|s| s.articles.entry(P.into()).or_default().note = "mine".into());
    fs::write(sidecar::path(dir.path()), THEIRS).unwrap();
    assert!(ws.sync_from_disk(), "their tag came into memory");
    assert!(ws.store().tag("tx").is_some());
    assert_eq!(ws.store().articles[P].note, "mine");
    assert!(ws.has_unsaved_changes(), "our note is not on disk yet");
    // Undo takes back our note, not their tag.
    ws.undo();
    assert!(!ws.store().articles.contains_key(P));
    assert!(ws.store().tag("tx").is_some());
    ws.redo();
    ws.save();
    let (disk, _) = sidecar::load(dir.path()).unwrap();
    assert_eq!(disk.articles[P].note, "mine");
    assert!(disk.tag("tx").is_some());
}

#[test]
fn an_unreadable_change_on_disk_keeps_edits_in_memory_and_the_file_untouched() {
    let dir = sample_copy();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.edit(|s| s.articles.entry(P.into()).or_default().note = "mine".into());
    fs::write(sidecar::path(dir.path()), "(version: 1, tags: [ oops").unwrap();
    ws.sync_from_disk();
    ws.save();
    assert!(matches!(ws.save_state(), SaveState::Failed(e) if e.contains("cannot parse")));
    assert!(ws.has_unsaved_changes());
    assert_eq!(
        fs::read_to_string(sidecar::path(dir.path())).unwrap(),
        "(version: 1, tags: [ oops"
    );
    // Fixed on disk: the next look merges, the next save writes both.
    fs::write(sidecar::path(dir.path()), THEIRS).unwrap();
    ws.sync_from_disk();
    ws.save();
    assert_eq!(*ws.save_state(), SaveState::Saved);
    let (disk, _) = sidecar::load(dir.path()).unwrap();
    assert_eq!(disk.articles[P].note, "mine");
    assert!(disk.tag("tx").is_some());
}

#[test]
fn files_changed_added_and_removed_on_disk_are_reloaded() {
    let dir = sample_copy();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let events = ws.timeline().event_count();
    let f003 = dir.path().join("003_605b4ee0f7fb2dfc.txt");
    let text = fs::read_to_string(&f003).unwrap();
    fs::write(
        &f003,
        text.replace("Sadyr Japarov", "Kassym-Jomart Tokayev"),
    )
    .unwrap();
    fs::create_dir(dir.path().join("new")).unwrap();
    let added = dir.path().join("new/005.txt");
    fs::write(
        &added,
        "Xi meets Aliyev\nSource: Xinhua| 2024-07-04\n\nASTANA, July 3 (Xinhua) -- Chinese President Xi Jinping met with Azerbaijani President Ilham Aliyev here on Wednesday.",
    )
    .unwrap();
    fs::remove_file(dir.path().join("001_e15d73de3d9c7b48.txt")).unwrap();
    let changed = ws.reload_paths(&[
        f003,
        added,
        dir.path().join("001_e15d73de3d9c7b48.txt"),
        dir.path().join("annotations.ron"),
    ]);
    assert_eq!(
        changed,
        [
            "003_605b4ee0f7fb2dfc.txt",
            "new/005.txt",
            "001_e15d73de3d9c7b48.txt"
        ]
    );
    let paths: Vec<&str> = ws
        .corpus()
        .articles
        .iter()
        .map(|a| a.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "000_ce9b4343981b04df.txt",
            "002_d19069a31ccc614c.txt",
            "003_605b4ee0f7fb2dfc.txt",
            "004_48b92a249b80ec9f.txt",
            "new/005.txt"
        ]
    );
    let a = ws.article_index("003_605b4ee0f7fb2dfc.txt").unwrap();
    assert_eq!(
        ws.meetings()[a][0].counterparts[0].name,
        "Kassym-Jomart Tokayev"
    );
    let n = ws.article_index("new/005.txt").unwrap();
    assert_eq!(ws.meetings()[n][0].counterparts[0].name, "Ilham Aliyev");
    assert_eq!(ws.meetings()[n][0].location.as_deref(), Some("Astana"));
    // 001's undated Aliyev call is gone; 005's Aliyev meeting is new.
    assert_eq!(ws.timeline().event_count(), events);
    assert_eq!(ws.meetings().len(), ws.corpus().articles.len());
}

#[test]
fn an_edit_marks_only_the_articles_it_touched() {
    let dir = sample_copy();
    let mut ws = Workspace::open(dir.path()).unwrap();
    assert_eq!(ws.article_version(P), 0);
    ws.edit(|s| s.articles.entry(P.into()).or_default().note = "x".into());
    let v = ws.article_version(P);
    assert!(v > 0);
    assert_eq!(ws.article_version("002_d19069a31ccc614c.txt"), 0);
    ws.edit(|s| {
        dossier::annotations::ensure_tag(s, "energy");
    });
    assert_eq!(
        ws.article_version(P),
        v,
        "a codebook edit touches no article"
    );
}

#[test]
fn a_bad_file_on_disk_put_back_as_it_was_lets_saving_go_on() {
    let dir = sample_copy();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.edit(|s| s.articles.entry(P.into()).or_default().note = "first".into());
    ws.save();
    let good = fs::read(sidecar::path(dir.path())).unwrap();
    fs::write(sidecar::path(dir.path()), "(version: 1, tags: [ oops").unwrap();
    ws.edit(|s| s.articles.entry(P.into()).or_default().note = "second".into());
    ws.sync_from_disk();
    ws.save();
    assert!(matches!(ws.save_state(), SaveState::Failed(_)));
    // Someone restores the file byte for byte (a `git checkout`, a copy back).
    fs::write(sidecar::path(dir.path()), &good).unwrap();
    ws.sync_from_disk();
    ws.save();
    assert_eq!(*ws.save_state(), SaveState::Saved);
    let (disk, _) = sidecar::load(dir.path()).unwrap();
    assert_eq!(disk.articles[P].note, "second");
}

#[test]
fn a_save_held_up_by_another_writer_waits_without_blocking_and_then_lands() {
    let dir = sample_copy();
    let mut ws = Workspace::open(dir.path()).unwrap();
    ws.edit(|s| s.articles.entry(P.into()).or_default().note = "mine".into());
    let held = sidecar::lock(dir.path(), sidecar::Wait::No).unwrap();
    let started = std::time::Instant::now();
    ws.save();
    assert!(
        started.elapsed() < std::time::Duration::from_millis(500),
        "never waits"
    );
    assert!(
        matches!(ws.save_state(), SaveState::Unsaved { .. }),
        "retried later, not failed"
    );
    assert!(!sidecar::path(dir.path()).exists());
    drop(held);
    ws.save();
    assert_eq!(*ws.save_state(), SaveState::Saved);
    assert_eq!(
        sidecar::load(dir.path()).unwrap().0.articles[P].note,
        "mine"
    );
}

#[test]
fn a_read_only_sidecar_fixed_on_disk_is_taken_up_and_editable_again() {
    let dir = sample_copy();
    fs::write(sidecar::path(dir.path()), "(version: 1, tags: [oops").unwrap();
    let mut ws = Workspace::open(dir.path()).unwrap();
    assert!(ws.is_read_only());
    fs::write(sidecar::path(dir.path()), THEIRS).unwrap();
    assert!(ws.sync_from_disk());
    assert!(!ws.is_read_only());
    assert_eq!(*ws.save_state(), SaveState::Saved);
    assert!(ws.store().tag("tx").is_some());
    assert!(ws.edit(|s| s.articles.entry(P.into()).or_default().note = "now".into()));
    ws.save();
    let (disk, _) = sidecar::load(dir.path()).unwrap();
    assert_eq!(disk.articles[P].note, "now");
    assert!(disk.tag("tx").is_some());
}

#[test]
fn a_changed_analysts_gazetteer_reads_every_report_again() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("visit.txt"),
        "Updated: 2025-03-03\n\nABUJA -- Nigerian President Bola Tinubu breakfasted with Mahama in Abuja on Monday before the ECOWAS talks.\n",
    )
    .expect("written");
    let mut ws = dossier::workspace::Workspace::open(dir.path()).expect("opens");
    assert!(ws.meetings()[0].is_empty());
    let file = dir.path().join("gazetteer.ron");
    std::fs::write(
        &file,
        "(triggers: [(kind: meeting, pattern: r\"\\bbreakfasted with\\b\")])",
    )
    .expect("written");
    let said = ws.reload_gazetteer();
    assert!(said.contains("gazetteer.ron changed"), "{said}");
    assert_eq!(ws.meetings()[0].len(), 1);
    assert_eq!(ws.timeline().events().count(), 1);
    // A bad file: said with its line, and the built-in gazetteer read again.
    std::fs::write(
        &file,
        "(\n  triggers: [(kind: meeting, pattern: \"(\")],\n)",
    )
    .expect("written");
    let said = ws.reload_gazetteer();
    assert!(said.contains("gazetteer.ron: line 2:"), "{said}");
    assert!(ws.gazetteer_problem().is_some());
    assert!(ws.meetings()[0].is_empty());
}

/// The same through the app's edits, whose undo steps keep only the report they name:
/// another writer's tag and their note on another report stay through undo and redo.
#[test]
fn undo_of_an_edit_to_one_report_keeps_another_writers_changes() {
    use dossier::workspace::Edit;
    const Q: &str = "002_d19069a31ccc614c.txt";
    let dir = sample_copy();
    let mut ws = Workspace::open(dir.path()).unwrap();
    let now = jiff::Timestamp::now();
    let note = |n: &str| Edit::SetArticleNote {
        article: P.into(),
        note: n.into(),
    };
    ws.apply(note("mine"), now).unwrap();
    let theirs = format!(
        "(version: 1, tags: [(id: \"tx\", name: \"from disk\", colour: \"#123456\")], \
         articles: {{\"{Q}\": (note: \"theirs\")}})\n"
    );
    fs::write(sidecar::path(dir.path()), theirs).unwrap();
    assert!(ws.sync_from_disk());
    assert_eq!(ws.undo().as_deref(), Some("edit report note"));
    assert!(!ws.store().articles.contains_key(P));
    assert!(ws.store().tag("tx").is_some(), "their tag stays");
    assert_eq!(ws.store().articles[Q].note, "theirs");
    ws.redo();
    assert_eq!(ws.store().articles[P].note, "mine");
    assert!(ws.store().tag("tx").is_some());
    assert_eq!(ws.store().articles[Q].note, "theirs");
}
