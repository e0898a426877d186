//! The app never drops the analyst's work: a sidecar changed on disk while the app has
//! unsaved edits is merged and announced; quitting or opening another folder with edits
//! that cannot be saved asks first; conflicts are listed and resolved in the window.
//! Driven through egui_kittest, with the real folder watcher.

mod common;
use common::{harness, sample_copy};

use dossier::annotations::sidecar::{self, Wait};
use dossier::annotations::{Anchor, Highlight};
use dossier::ui::app::DossierApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::fs;
use std::time::{Duration, Instant};

const P: &str = "000_ce9b4343981b04df.txt";
const THEIRS: &str =
    "(version: 1, tags: [(id: \"tx\", name: \"from disk\", colour: \"#123456\")])\n";

fn note_mine(h: &mut Harness<'static, DossierApp>) {
    let ws = h.state_mut().workspace.as_mut().unwrap();
    assert!(ws.edit(|s| s.articles.entry(P.into()).or_default().note = "mine".into()));
}

/// Run frames until `done` holds (the watcher reports from another thread), or fail.
fn run_until(h: &mut Harness<'static, DossierApp>, what: &str, done: impl Fn(&DossierApp) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(h.state()) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    h.run();
}

/// Ask the window to close (its close button, or Quit); returns whether the app cancelled.
fn request_close(h: &mut Harness<'static, DossierApp>) -> bool {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
    let cancelled = sent(h, &egui::ViewportCommand::CancelClose);
    h.run();
    cancelled
}

fn sent(h: &Harness<'static, DossierApp>, command: &egui::ViewportCommand) -> bool {
    h.output()
        .viewport_output
        .values()
        .any(|v| v.commands.contains(command))
}

#[test]
fn a_sidecar_changed_on_disk_while_edits_wait_is_merged_and_announced() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    note_mine(&mut h);
    fs::write(sidecar::path(dir.path()), THEIRS).unwrap();
    run_until(&mut h, "the change on disk to come in", |app| {
        app.workspace.as_ref().unwrap().store().tag("tx").is_some()
    });
    assert!(
        h.query_by_label_contains("From disk: 1 tag added")
            .is_some()
    );
    let ws = h.state_mut().workspace.as_mut().unwrap();
    assert_eq!(ws.store().articles[P].note, "mine", "our edit is kept");
    ws.autosave(Instant::now() + dossier::workspace::AUTOSAVE_DELAY);
    let (disk, _) = sidecar::load(dir.path()).unwrap();
    assert_eq!(disk.articles[P].note, "mine");
    assert!(disk.tag("tx").is_some());
}

#[test]
fn quitting_with_edits_that_cannot_be_saved_asks_and_a_copy_keeps_them() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    note_mine(&mut h);
    let bad = "(version: 1, tags: [ oops";
    fs::write(sidecar::path(dir.path()), bad).unwrap();
    assert!(request_close(&mut h), "the window is kept open");
    assert!(h.query_by_label("Your annotations are not saved").is_some());
    assert!(
        h.query_all_by_label_contains("cannot parse").count() >= 2,
        "in the dialog and the status bar"
    );

    let copy = tempfile::tempdir().unwrap();
    let target = copy.path().join("rescued.ron");
    h.state_mut().guard.as_mut().unwrap().copy_path = target.display().to_string();
    h.run();
    h.get_by_label("Save a copy and quit").click();
    let mut closing = false;
    for _ in 0..3 {
        h.step();
        closing |= sent(&h, &egui::ViewportCommand::Close);
    }
    let (rescued, _) = sidecar::load_file(&target).unwrap();
    assert_eq!(rescued.articles[P].note, "mine");
    assert_eq!(fs::read_to_string(sidecar::path(dir.path())).unwrap(), bad);
    assert!(h.state().guard.is_none());
    assert!(closing, "then the window closes");
}

#[test]
fn quitting_with_saved_work_does_not_ask() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    note_mine(&mut h);
    assert!(!request_close(&mut h));
    assert!(h.state().guard.is_none());
    let (disk, _) = sidecar::load(dir.path()).unwrap();
    assert_eq!(disk.articles[P].note, "mine", "saved on the way out");
}

#[test]
fn opening_another_folder_with_unsaveable_edits_asks_cancel_keeps_discard_goes() {
    let dir = sample_copy();
    let other = sample_copy();
    let mut h = harness(dir.path());
    note_mine(&mut h);
    // The corpus folder is gone: nothing can be saved there.
    let gone = dir.path().with_extension("moved");
    fs::rename(dir.path(), &gone).unwrap();
    h.state_mut().open(other.path().to_path_buf());
    h.run();
    assert!(h.query_by_label("Your annotations are not saved").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    {
        let app = h.state();
        let ws = app.workspace.as_ref().unwrap();
        assert_eq!(ws.folder(), dir.path(), "still the first corpus");
        assert_eq!(ws.store().articles[P].note, "mine");
        assert!(app.guard.is_none());
    }
    h.state_mut().open(other.path().to_path_buf());
    h.run();
    h.get_by_label("Discard changes and open the other folder")
        .click();
    h.run();
    h.state_mut().finish_loading();
    h.run();
    assert_eq!(h.state().workspace.as_ref().unwrap().folder(), other.path());
    fs::rename(&gone, dir.path()).unwrap();
}

#[test]
fn a_conflict_is_listed_and_taking_theirs_resolves_it() {
    let dir = sample_copy();
    let at: jiff::Timestamp = "2024-07-04T10:00:00Z".parse().unwrap();
    let text = fs::read_to_string(dir.path().join(P)).unwrap();
    let mut base = dossier::annotations::Store::default();
    base.articles
        .entry(P.into())
        .or_default()
        .highlights
        .push(Highlight {
            id: "h1".into(),
            anchor: Anchor::new(&text, 0..20),
            tags: vec![],
            note: "first".into(),
            created: at,
            modified: at,
        });
    let base = sidecar::save(dir.path(), &Default::default(), &base, Wait::No)
        .unwrap()
        .store;
    let mut h = harness(dir.path());
    {
        let ws = h.state_mut().workspace.as_mut().unwrap();
        ws.edit(|s| s.articles.get_mut(P).unwrap().highlights[0].note = "mine".into());
    }
    let mut theirs = base.clone();
    theirs.articles.get_mut(P).unwrap().highlights[0].note = "theirs".into();
    sidecar::save(dir.path(), &base, &theirs, Wait::No).unwrap();
    h.state_mut().workspace.as_mut().unwrap().save();
    h.run();
    assert_eq!(
        h.state().workspace.as_ref().unwrap().store().articles[P].highlights[0].note,
        "mine",
        "ours stays in use until the analyst chooses"
    );
    h.get_by_label_contains("1 conflict to resolve").click();
    h.run();
    assert!(h.query_by_label("theirs").is_some());
    assert!(
        h.query_by_label_contains("in “Xi highlights vital role of BRI solidarity” (000_")
            .is_some(),
        "the conflict names the report by its title"
    );
    h.get_by_label("Take theirs").click();
    h.run();
    let ws = h.state_mut().workspace.as_mut().unwrap();
    assert_eq!(ws.store().articles[P].highlights[0].note, "theirs");
    assert!(ws.store().conflicts.is_empty());
    ws.autosave(Instant::now() + dossier::workspace::AUTOSAVE_DELAY);
    let (disk, _) = sidecar::load(dir.path()).unwrap();
    assert_eq!(disk.articles[P].highlights[0].note, "theirs");
    assert!(disk.conflicts.is_empty());
}
