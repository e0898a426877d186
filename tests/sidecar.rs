//! The sidecar on disk: round trips, exact bytes, and every way a file can be bad or
//! change under us without losing what the analyst made.

use dossier::annotations::model::{
    ArticleNotes, MeetingCorrection, MeetingKey, MetadataCorrection, Store, Tag,
};
use dossier::annotations::sidecar::{self, SidecarError, Wait};
use dossier::annotations::{Anchor, Highlight};
use dossier::meetings::Kind;
use jiff::civil::date;
use std::fs;
use std::path::Path;

const TEXT: &str = "Xi met Tokayev in Astana. The two sides agreed on trade.";

fn fixed_store() -> Store {
    let at: jiff::Timestamp = "2024-07-04T10:00:00Z".parse().unwrap();
    let mut store = Store::default();
    store.tags.push(Tag {
        id: "t1".into(),
        name: "trade".into(),
        colour: "#f4d03f".into(),
        description: "Economic ties".into(),
        parent: None,
    });
    store.tags.push(Tag {
        id: "t2".into(),
        name: "Central Asia".into(),
        colour: "#82e0aa".into(),
        description: String::new(),
        parent: Some("t1".into()),
    });
    let mut notes = ArticleNotes {
        note: "Check against Akorda.".into(),
        ..ArticleNotes::default()
    };
    // Deliberately out of order: saving sorts highlights by start.
    for (id, quote, tags) in [
        ("h2", "agreed on trade", vec!["t1"]),
        ("h1", "Tokayev", vec!["t2"]),
    ] {
        let b = TEXT.find(quote).unwrap();
        notes.highlights.push(Highlight {
            id: id.into(),
            anchor: Anchor::new(TEXT, b..b + quote.len()),
            tags: tags.into_iter().map(String::from).collect(),
            note: if id == "h1" {
                "the counterpart".into()
            } else {
                String::new()
            },
            created: at,
            modified: at,
        });
    }
    notes.metadata = MetadataCorrection {
        published: Some(Some(date(2024, 7, 3))),
        ..MetadataCorrection::default()
    };
    notes.meetings.push(MeetingCorrection {
        kind: Some(Kind::Talks),
        location: Some(Some("Astana".into())),
        ..MeetingCorrection::new(MeetingKey {
            people: vec!["Kassym-Jomart Tokayev".into(), "Xi Jinping".into()],
            nth: 0,
        })
    });
    store.articles.insert("a.txt".into(), notes);
    store
}

const EXPECTED: &str = r##"(
    version: 1,
    tags: [
        (
            id: "t1",
            name: "trade",
            colour: "#f4d03f",
            description: "Economic ties",
        ),
        (
            id: "t2",
            name: "Central Asia",
            colour: "#82e0aa",
            parent: Some("t1"),
        ),
    ],
    articles: {
        "a.txt": (
            note: "Check against Akorda.",
            highlights: [
                (
                    id: "h1",
                    anchor: (
                        start: 7,
                        end: 14,
                        quote: "Tokayev",
                        prefix: "Xi met ",
                        suffix: " in Astana. The two sides agreed",
                    ),
                    tags: [
                        "t2",
                    ],
                    note: "the counterpart",
                    created: "2024-07-04T10:00:00Z",
                    modified: "2024-07-04T10:00:00Z",
                ),
                (
                    id: "h2",
                    anchor: (
                        start: 40,
                        end: 55,
                        quote: "agreed on trade",
                        prefix: "okayev in Astana. The two sides ",
                        suffix: ".",
                    ),
                    tags: [
                        "t1",
                    ],
                    created: "2024-07-04T10:00:00Z",
                    modified: "2024-07-04T10:00:00Z",
                ),
            ],
            metadata: (
                published: Some(Some("2024-07-03")),
            ),
            meetings: [
                (
                    key: (
                        people: [
                            "Kassym-Jomart Tokayev",
                            "Xi Jinping",
                        ],
                        nth: 0,
                    ),
                    not_a_meeting: false,
                    date: None,
                    kind: Some(talks),
                    location: Some(Some("Astana")),
                    leader: None,
                    counterparts: None,
                ),
            ],
        ),
    },
)
"##;

#[test]
fn a_fixed_store_saves_as_exactly_these_bytes() {
    assert_eq!(sidecar::encode(&fixed_store()).unwrap(), EXPECTED);
}

fn save(dir: &Path, base: &Store, ours: &Store) -> Result<sidecar::Saved, SidecarError> {
    sidecar::save(dir, base, ours, Wait::No)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn round_trip_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (empty, fp) = sidecar::load(dir.path()).unwrap();
    assert_eq!(empty, Store::default());
    assert_eq!(fp, sidecar::Fingerprint::NONE);
    let store = fixed_store();
    let saved = save(dir.path(), &empty, &store).unwrap();
    let (back, fp2) = sidecar::load(dir.path()).unwrap();
    let mut expected = store.clone();
    expected.normalise();
    assert_eq!(back, expected);
    assert_eq!(saved.store, expected);
    assert_eq!(saved.fingerprint, fp2);
    // Saving the same content again rewrites nothing.
    save(dir.path(), &back, &back).unwrap();
    assert!(!dir.path().join(sidecar::BACKUP_NAME).exists());
}

#[test]
fn the_previous_file_is_kept_as_bak_and_no_temp_files_remain() {
    let dir = tempfile::tempdir().unwrap();
    let first = save(dir.path(), &Store::default(), &fixed_store()).unwrap();
    let first_bytes = fs::read_to_string(sidecar::path(dir.path())).unwrap();
    let mut store = fixed_store();
    store.tags[0].name = "economy".into();
    save(dir.path(), &first.store, &store).unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join(sidecar::BACKUP_NAME)).unwrap(),
        first_bytes
    );
    assert_eq!(
        names_in(dir.path()),
        [sidecar::LOCK_NAME, "annotations.ron", "annotations.ron.bak"]
    );
}

fn write_sidecar(dir: &std::path::Path, text: &str) {
    fs::write(sidecar::path(dir), text).unwrap();
}

#[test]
fn a_corrupt_sidecar_is_reported_with_line_and_column_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "(\n    version: 1,\n    tags: [ oops ],\n)\n";
    write_sidecar(dir.path(), bad);
    let err = sidecar::load(dir.path()).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, SidecarError::Parse { line: 3, .. }), "{msg}");
    assert!(
        msg.starts_with(&format!("{}:3:", sidecar::path(dir.path()).display())),
        "{msg}"
    );
    // A save over it is refused: it cannot be merged, so it is never overwritten.
    assert!(matches!(
        save(dir.path(), &Store::default(), &fixed_store()),
        Err(SidecarError::Parse { line: 3, .. })
    ));
    assert_eq!(fs::read_to_string(sidecar::path(dir.path())).unwrap(), bad);
}

#[test]
fn a_truncated_sidecar_is_a_parse_error() {
    let dir = tempfile::tempdir().unwrap();
    let full = sidecar::encode(&fixed_store()).unwrap();
    write_sidecar(dir.path(), &full[..full.len() / 2]);
    assert!(matches!(
        sidecar::load(dir.path()),
        Err(SidecarError::Parse { .. })
    ));
}

#[test]
fn a_newer_version_is_refused_not_misread() {
    let dir = tempfile::tempdir().unwrap();
    write_sidecar(
        dir.path(),
        "(version: 2, tags: [], articles: {}, shiny: true)",
    );
    let err = sidecar::load(dir.path()).unwrap_err();
    assert!(matches!(err, SidecarError::TooNew { found: 2, .. }));
    assert!(err.to_string().contains("newer dossier"));
}

#[test]
fn an_external_change_is_merged_with_ours_not_clobbered() {
    let dir = tempfile::tempdir().unwrap();
    let base = save(dir.path(), &Store::default(), &fixed_store())
        .unwrap()
        .store;
    // Another program (or a git pull) adds a tag and rewrites the file.
    let mut theirs = base.clone();
    theirs.tags.push(Tag {
        id: "t9".into(),
        name: "energy".into(),
        colour: "#82e0aa".into(),
        description: String::new(),
        parent: None,
    });
    write_sidecar(dir.path(), &sidecar::encode(&theirs).unwrap());
    // Meanwhile we changed a note.
    let mut ours = base.clone();
    ours.articles.get_mut("a.txt").unwrap().note = "ours".into();
    let saved = save(dir.path(), &base, &ours).unwrap();
    let (on_disk, _) = sidecar::load(dir.path()).unwrap();
    assert_eq!(on_disk, saved.store);
    assert_eq!(on_disk.articles["a.txt"].note, "ours");
    assert!(on_disk.tag("t9").is_some(), "their tag is kept");
    assert_eq!(saved.report.tags_added, 1);
    assert!(on_disk.conflicts.is_empty());
}

#[test]
fn a_failure_in_the_middle_of_a_save_leaves_the_old_file_intact_and_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let base = save(dir.path(), &Store::default(), &fixed_store())
        .unwrap()
        .store;
    let before = fs::read(sidecar::path(dir.path())).unwrap();
    // The backup's name is taken by a folder that is not empty: keeping the backup fails.
    let bak = dir.path().join(sidecar::BACKUP_NAME);
    fs::create_dir(&bak).unwrap();
    fs::write(bak.join("x"), "x").unwrap();
    let err = save(dir.path(), &base, &Store::default()).unwrap_err();
    assert!(matches!(err, SidecarError::Write { .. }), "{err}");
    assert!(err.to_string().contains("previous file is unchanged"));
    assert_eq!(fs::read(sidecar::path(dir.path())).unwrap(), before);
    assert_eq!(
        names_in(dir.path()),
        [sidecar::LOCK_NAME, "annotations.ron", "annotations.ron.bak"]
    );
}

#[test]
fn any_text_in_notes_and_quotes_round_trips() {
    let mut store = fixed_store();
    let tricky = "the body's \"mention\"\nline two\\ with r#\"raw\"# — Xi’an\ttab";
    store.articles.get_mut("a.txt").unwrap().note = tricky.into();
    store.tags[0].name = tricky.into();
    let text = sidecar::encode(&store).unwrap();
    let back = sidecar::parse(std::path::Path::new("x.ron"), text.as_bytes()).unwrap();
    assert_eq!(back.articles["a.txt"].note, tricky);
    assert_eq!(back.tags[0].name, tricky);
    assert!(text.contains("the body's"), "apostrophes are not escaped");
}

#[test]
fn one_writer_at_a_time_and_a_dropped_lock_frees_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let held = sidecar::lock(dir.path(), Wait::No).unwrap();
    assert!(matches!(
        save(dir.path(), &Store::default(), &fixed_store()),
        Err(SidecarError::Busy { .. })
    ));
    assert!(
        !sidecar::path(dir.path()).exists(),
        "nothing written while locked"
    );
    // Waiting writers go ahead once the holder lets go (or dies: the OS drops its lock).
    let folder = dir.path().to_path_buf();
    let waiter = std::thread::spawn(move || {
        sidecar::save(
            &folder,
            &Store::default(),
            &fixed_store(),
            Wait::UpTo(std::time::Duration::from_secs(10)),
        )
        .map(|s| s.store.tags.len())
    });
    std::thread::sleep(std::time::Duration::from_millis(100));
    drop(held);
    assert_eq!(waiter.join().unwrap().unwrap(), 2);
}

#[test]
fn a_bom_is_accepted_and_unknown_fields_are_refused_with_their_line() {
    let text = sidecar::encode(&fixed_store()).unwrap();
    let with_bom = format!("\u{feff}{text}");
    let path = Path::new("x/annotations.ron");
    assert_eq!(sidecar::parse(path, with_bom.as_bytes()).unwrap(), {
        let mut s = fixed_store();
        s.normalise();
        s
    });
    let typo = text.replace(
        "colour: \"#f4d03f\",",
        "colour: \"#f4d03f\",\n            color: \"red\",",
    );
    let line = typo.lines().position(|l| l.contains("color:")).unwrap() + 1;
    match sidecar::parse(path, typo.as_bytes()) {
        Err(SidecarError::Parse {
            line: l, reason, ..
        }) => {
            assert_eq!(l, line);
            assert!(reason.contains("color"), "{reason}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn a_saved_sidecar_keeps_its_mode_and_a_new_one_is_a_normal_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let first = save(dir.path(), &Store::default(), &fixed_store())
        .unwrap()
        .store;
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let umask = unsafe {
        let m = libc::umask(0o022);
        libc::umask(m);
        m
    };
    assert_eq!(
        mode(&sidecar::path(dir.path())),
        0o666 & !umask as u32,
        "not tempfile's 0600"
    );
    fs::set_permissions(sidecar::path(dir.path()), fs::Permissions::from_mode(0o640)).unwrap();
    let mut changed = first.clone();
    changed.tags[0].name = "economy".into();
    save(dir.path(), &first, &changed).unwrap();
    assert_eq!(mode(&sidecar::path(dir.path())), 0o640 & !umask as u32);
}
