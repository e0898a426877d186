//! Writers that take no lock — `git checkout`, a sync client, an editor — replace
//! `annotations.ron` by rename whenever they like. A dossier save running at that moment
//! must not lose what they wrote: it is merged in, and the replaced file is kept in the
//! backup. Reproduced here with an outside writer that renames a prepared file into place
//! in the middle of dossier saves, over at least 100 overlapped trials.
#![cfg(unix)]

use dossier::annotations::sidecar::{self, Wait};
use dossier::annotations::{self, Store};
use std::fs;
use std::path::Path;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

/// A sidecar large enough that a save takes a few milliseconds (the window a lockless
/// writer can land in).
fn big_store() -> Store {
    let text = "Xi Jinping held talks with Kassym-Jomart Tokayev in Astana on trade. ".repeat(400);
    let mut s = Store::default();
    let tag = annotations::ensure_tag(&mut s, "trade");
    let now = jiff::Timestamp::UNIX_EPOCH;
    for i in 0..1500 {
        let at = (i * 17) % (text.chars().count() - 20);
        annotations::add_highlight(
            &mut s,
            "a.txt",
            &text,
            at..at + 11,
            vec![tag.clone()],
            "",
            now,
        );
    }
    s
}

fn has_tag(s: &Store, name: &str) -> bool {
    s.tag_by_name(name).is_some()
}

/// What a lockless tool does: write a whole new file beside the old one, rename it over.
fn outside_write(folder: &Path, bytes: &[u8]) {
    let tmp = folder.join("annotations.ron.git-tmp");
    fs::write(&tmp, bytes).expect("the outside tool writes its file");
    fs::rename(&tmp, sidecar::path(folder)).expect("and renames it into place");
}

struct Trial {
    overlapped: bool,
    outside_kept: bool,
    ours_kept: bool,
    backup_has_replaced: bool,
}

fn trial(base: &Store, base_text: &str, n: usize, delay: Duration) -> Trial {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let folder = dir.path().to_path_buf();
    fs::write(sidecar::path(&folder), base_text).expect("the sidecar is written");
    let mut theirs = base.clone();
    annotations::ensure_tag(&mut theirs, &format!("outside {n}"));
    let theirs_text = sidecar::encode(&theirs).expect("encodes");
    let mut ours = base.clone();
    annotations::ensure_tag(&mut ours, &format!("ours {n}"));

    let start = Arc::new(Barrier::new(2));
    let outside = {
        let (start, folder) = (start.clone(), folder.clone());
        std::thread::spawn(move || {
            start.wait();
            std::thread::sleep(delay);
            outside_write(&folder, theirs_text.as_bytes());
            Instant::now()
        })
    };
    start.wait();
    let began = Instant::now();
    sidecar::save(&folder, base, &ours, Wait::UpTo(Duration::from_secs(10))).expect("saves");
    let ended = Instant::now();
    let landed = outside.join().expect("the outside writer finishes");
    let now = sidecar::load(&folder).expect("the sidecar loads").0;
    let backup = fs::read_to_string(folder.join(sidecar::BACKUP_NAME)).unwrap_or_default();
    Trial {
        overlapped: began < landed && landed < ended,
        outside_kept: has_tag(&now, &format!("outside {n}")),
        ours_kept: has_tag(&now, &format!("ours {n}")),
        backup_has_replaced: backup.contains(&format!("outside {n}")) || backup == base_text,
    }
}

#[test]
fn a_lockless_writer_landing_mid_save_loses_nothing() {
    let base = big_store();
    let base_text = sidecar::encode(&base).expect("encodes");
    // How long one save takes here: the outside writer aims inside that window.
    let save = {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::write(sidecar::path(dir.path()), &base_text).expect("write");
        let mut ours = base.clone();
        annotations::ensure_tag(&mut ours, "timing");
        let timing = Instant::now();
        sidecar::save(dir.path(), &base, &ours, Wait::No).expect("saves");
        timing.elapsed().max(Duration::from_micros(200))
    };

    let (mut overlapped, mut lost, mut kept_ours, mut trials) = (0, 0, 0, 0);
    while overlapped < 100 && trials < 600 {
        // Spread the landing over the whole save, start to end.
        let frac = (trials * 37 % 100) as u32;
        let delay = save * frac / 100;
        let t = trial(&base, &base_text, trials, delay);
        trials += 1;
        if t.overlapped {
            overlapped += 1;
        }
        if !t.outside_kept {
            lost += 1;
        }
        // When the outside tool renamed after dossier's save, it dropped dossier's
        // change itself (the app would save again); count the others.
        kept_ours += usize::from(t.ours_kept);
        assert!(
            t.backup_has_replaced,
            "trial {trials}: the backup holds what was replaced"
        );
    }
    eprintln!(
        "outside writer: {trials} trials, {overlapped} overlapped a save (~{save:?}); \
         outside changes lost: {lost}; dossier's change on disk at the end: {kept_ours}"
    );
    assert!(
        overlapped >= 100,
        "only {overlapped} of {trials} trials overlapped a save"
    );
    assert_eq!(lost, 0, "outside changes lost in {lost} of {trials} trials");
}
