//! Faults the sidecar once did not survive, reproduced against the real binary: fifty
//! writers at once, a writer killed at random points of a save, FIFOs, devices and huge
//! files where a sidecar or a report should be, links planted at the names a save writes,
//! files a strict load must refuse (naming the line), and `annotations.ron` merged by git
//! through `dossier merge-sidecar`.
#![cfg(unix)]

mod common;

use dossier::annotations::merge::ron_of;
use dossier::annotations::model::{Conflict, Item};
use dossier::annotations::sidecar::{self, Wait};
use dossier::annotations::{self, Store};
use std::collections::BTreeSet;
use std::ffi::{CString, OsStr};
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");
const ARTICLE: &str = "000_ce9b4343981b04df.txt";
/// Occurs exactly once in [`ARTICLE`].
const QUOTE: &str = "green Silk Road";
/// More quotes that occur exactly once in their report.
const ARTICLE_2: &str = "002_d19069a31ccc614c.txt";
const QUOTE_2: &str = "hand in hand and shoulder to shoulder";
const ARTICLE_3: &str = "003_605b4ee0f7fb2dfc.txt";
const QUOTE_3: &str = "explore new ways of thinking";
/// Long enough for any command here; a command that takes longer is hanging.
const DEADLINE: Duration = Duration::from_secs(30);

/// `dossier ARGS…` with its output captured and no input.
fn dossier<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Command {
    let mut c = Command::new(BIN);
    c.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Wait for `child` up to `limit`; a child still running then is killed and is an error.
fn finish_within(mut child: Child, limit: Duration) -> Result<Output, String> {
    let deadline = Instant::now() + limit;
    loop {
        if child.try_wait().expect("the child can be polled").is_some() {
            return Ok(child.wait_with_output().expect("the child's output"));
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {limit:?}; killed"));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Run `dossier ARGS…` to the end (failing the test if it hangs).
fn run<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Output {
    let child = dossier(args).spawn().expect("the dossier binary runs");
    finish_within(child, DEADLINE).unwrap_or_else(|e| panic!("dossier {e}"))
}

/// `dossier highlight FOLDER --article ARTICLE --quote QUOTE --tag TAG`.
fn highlight_args(folder: &Path, article: &str, quote: &str, tag: &str) -> Vec<String> {
    [
        "highlight",
        &folder.display().to_string(),
        "--article",
        article,
        "--quote",
        quote,
        "--tag",
        tag,
    ]
    .map(String::from)
    .to_vec()
}

fn highlight(folder: &Path, article: &str, quote: &str, tag: &str) -> Output {
    run(highlight_args(folder, article, quote, tag))
}

/// `dossier check FOLDER`.
fn check(folder: &Path) -> Output {
    run([OsStr::new("check"), folder.as_os_str()])
}

/// Stdout and stderr together.
fn said(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The id a successful `dossier highlight` printed.
fn printed_id(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "{}", said(o));
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}

fn highlight_ids(store: &Store) -> BTreeSet<String> {
    store
        .articles
        .values()
        .flat_map(|a| &a.highlights)
        .map(|h| h.id.clone())
        .collect()
}

fn load(folder: &Path) -> Store {
    sidecar::load(folder)
        .unwrap_or_else(|e| panic!("the sidecar loads: {e}"))
        .0
}

/// A copy of `sample-corpus` as `parent/corpus`.
fn corpus_in(parent: &Path) -> PathBuf {
    let folder = parent.join("corpus");
    fs::create_dir(&folder).expect("a corpus folder");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
    for e in fs::read_dir(src).expect("sample-corpus is readable") {
        let e = e.expect("a directory entry");
        fs::copy(e.path(), folder.join(e.file_name())).expect("a sample copies");
    }
    folder
}

fn names_in(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .expect("the folder lists")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).expect("a path without NUL");
    // SAFETY: `c` is a valid NUL-terminated path for the duration of the call.
    let rc = unsafe { libc::mkfifo(c.as_ptr(), 0o600) };
    assert_eq!(rc, 0, "mkfifo {}", path.display());
}

/// Set the modification time of the link at `path` itself (not of what it points to).
fn age_link(path: &Path, age: Duration) {
    let c = CString::new(path.as_os_str().as_bytes()).expect("a path without NUL");
    let then = SystemTime::now() - age;
    let secs = then
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as libc::time_t;
    let times = [libc::timespec {
        tv_sec: secs,
        tv_nsec: 0,
    }; 2];
    // SAFETY: `c` is a valid path and `times` two timespecs, as utimensat requires.
    let rc = unsafe {
        libc::utimensat(
            libc::AT_FDCWD,
            c.as_ptr(),
            times.as_ptr(),
            libc::AT_SYMLINK_NOFOLLOW,
        )
    };
    assert_eq!(rc, 0, "utimensat {}", path.display());
}

/// A small deterministic-per-seed generator (xorshift64*).
struct XorShift(u64);

impl XorShift {
    fn from_clock() -> XorShift {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .expect("after 1970")
            .as_nanos() as u64;
        XorShift(nanos | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

/// (a) Fifty `dossier highlight` processes started at once on one folder: every one that
/// said it saved its highlight (exit 0, printed the id) really did, and nothing else was
/// written. The old code compared the file with what it had loaded and then wrote it,
/// without a lock: concurrent writers either failed with a conflict or, passing the check
/// together, replaced one another's highlights.
#[test]
fn fifty_concurrent_highlights_are_all_kept() {
    const N: usize = 50;
    let dir = common::sample_copy();
    let folder = dir.path();
    let mut report = String::from("Fifty numbered sentences\n\nBEIJING: ");
    for i in 0..N {
        report.push_str(&format!("Sentence {i:02} tells of meeting number {i:02}. "));
    }
    fs::write(folder.join("numbered.txt"), report).unwrap();

    let children: Vec<Child> = (0..N)
        .map(|i| {
            let args = highlight_args(
                folder,
                "numbered.txt",
                &format!("Sentence {i:02} tells"),
                &format!("tag{i:02}"),
            );
            dossier(args).spawn().expect("the dossier binary runs")
        })
        .collect();
    let mut acknowledged = BTreeSet::new();
    let mut failures = Vec::new();
    for child in children {
        let o = finish_within(child, Duration::from_secs(120)).expect("a writer finishes");
        if o.status.success() {
            acknowledged.insert(String::from_utf8_lossy(&o.stdout).trim().to_owned());
        } else {
            failures.push(said(&o));
        }
    }

    let store = load(folder);
    let present = highlight_ids(&store);
    eprintln!(
        "concurrent highlights: acknowledged {}, present {}",
        acknowledged.len(),
        present.len()
    );
    let lost: Vec<_> = acknowledged.difference(&present).collect();
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
    assert_eq!(
        present.len(),
        acknowledged.len(),
        "unacknowledged highlights"
    );
    // The lock waits up to a minute: every writer gets its turn.
    assert_eq!(acknowledged.len(), N, "failed writers: {failures:#?}");
    // Each highlight kept its own quote and its own tag.
    assert_eq!(store.tags.len(), N);
    for h in &store.articles["numbered.txt"].highlights {
        let number = &h.anchor.quote["Sentence ".len().."Sentence ".len() + 2];
        let tag = store.tag(&h.tags[0]).expect("the highlight's tag exists");
        assert_eq!(tag.name, format!("tag{number}"), "{h:?}");
    }
}

/// (b) `kill -9` at random points of a save, 300 times, on a sidecar big enough that the
/// write takes milliseconds. After every kill the sidecar parses and holds either what it
/// held before or that plus the one new highlight; nothing is written outside the corpus
/// folder; temporary files a kill left are reported by `check` and removed by a later save
/// once stale. The old code named its temporary files after the process id and never
/// removed one a killed process left.
#[test]
fn a_save_killed_at_any_point_leaves_the_old_or_the_new_sidecar() {
    const PREFILLED: usize = 2000;
    const KILLS: usize = 300;
    let parent = tempfile::tempdir().unwrap();
    let folder = corpus_in(parent.path());

    // A few thousand highlights, made with the library.
    let bytes = fs::read(folder.join(ARTICLE)).unwrap();
    let article = dossier::corpus::Article::from_bytes(ARTICLE, &bytes).unwrap();
    let at = article.text.find(QUOTE).unwrap();
    let range = dossier::text::byte_range_to_chars(&article.text, at..at + QUOTE.len());
    let mut store = Store::default();
    let tag = annotations::ensure_tag(&mut store, "bulk");
    let now = jiff::Timestamp::now();
    for _ in 0..PREFILLED {
        annotations::add_highlight(
            &mut store,
            ARTICLE,
            &article.text,
            range.clone(),
            vec![tag.clone()],
            "prefilled to make the file big",
            now,
        );
    }
    sidecar::save(&folder, &Store::default(), &store, Wait::No).unwrap();
    // Each run tags a passage of its own, so each saved run adds a highlight (tagging a
    // passage that has one adds to it, as the app does).
    let mut report = String::from("Numbered sentences\n\nBEIJING: ");
    for n in 0..KILLS + 10 {
        report.push_str(&format!("Sentence {n:03} tells of meeting number {n:03}. "));
    }
    fs::write(folder.join("numbered.txt"), report).unwrap();
    let mut runs = 0;
    let mut args = || {
        runs += 1;
        let quote = format!("Sentence {runs:03} tells");
        highlight_args(&folder, "numbered.txt", &quote, "killed")
    };

    // How long one whole run takes: kills are spread over 0..1.5 times that.
    let mut longest = Duration::ZERO;
    for _ in 0..3 {
        let started = Instant::now();
        printed_id(&run(args()));
        longest = longest.max(started.elapsed());
    }
    let window_us = (longest.as_micros() as u64 * 3 / 2).max(2000);
    eprintln!(
        "one run with {PREFILLED} highlights takes {longest:?}; kills within 0..{window_us} µs"
    );

    let mut rng = XorShift::from_clock();
    let path = sidecar::path(&folder);
    let read = || {
        sidecar::read_bytes(&path)
            .unwrap()
            .expect("the sidecar exists")
    };
    let mut before_bytes = read();
    let mut before = highlight_ids(&sidecar::parse(&path, &before_bytes).unwrap());
    let (mut old, mut new, mut finished) = (0, 0, 0);
    let mut temps_seen = BTreeSet::new();
    let started = Instant::now();
    for i in 0..KILLS {
        let mut child = dossier(args()).spawn().expect("the dossier binary runs");
        std::thread::sleep(Duration::from_micros(rng.below(window_us)));
        let _ = child.kill();
        let out = child
            .wait_with_output()
            .expect("the killed child is reaped");
        let acknowledged = out
            .status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned());
        temps_seen.extend(sidecar::stray_temps(&folder));

        let bytes = read();
        if bytes == before_bytes {
            // The state checked last time, byte for byte.
            assert_eq!(
                acknowledged, None,
                "kill {i}: an acknowledged save is missing"
            );
            old += 1;
            continue;
        }
        let store = sidecar::parse(&path, &bytes)
            .unwrap_or_else(|e| panic!("after kill {i}, the sidecar does not parse: {e}"));
        let after = highlight_ids(&store);
        let missing: Vec<_> = before.difference(&after).collect();
        assert!(missing.is_empty(), "kill {i} lost highlights {missing:?}");
        match after.len() - before.len() {
            0 => old += 1,
            1 => new += 1,
            n => panic!("kill {i}: {n} highlights appeared from one run"),
        }
        if let Some(id) = acknowledged {
            finished += 1;
            assert!(
                after.contains(&id),
                "kill {i}: acknowledged {id} is missing"
            );
        }
        (before, before_bytes) = (after, bytes);
    }
    let strays = sidecar::stray_temps(&folder);
    eprintln!(
        "{KILLS} kills in {:?}: {old} left the old state, {new} the new one ({} killed \
         after the rename, {finished} had finished), {} distinct stray temps seen, {} present before cleanup",
        started.elapsed(),
        new - finished,
        temps_seen.len(),
        strays.len()
    );
    assert!(
        old > 0 && new > 0,
        "kills should land both before and after the write"
    );
    assert_eq!(
        names_in(parent.path()),
        BTreeSet::from(["corpus".to_owned()]),
        "something was written beside the corpus folder"
    );
    if let Some(bytes) = sidecar::read_bytes(&folder.join(sidecar::BACKUP_NAME)).unwrap() {
        sidecar::parse(&folder.join(sidecar::BACKUP_NAME), &bytes).expect("the backup parses");
    }

    // A stray temp is reported by `check`, then removed by a save once stale.
    if !strays.is_empty() {
        let o = check(&folder);
        assert_eq!(o.status.code(), Some(1), "{}", said(&o));
        assert!(said(&o).contains(&strays[0]), "{}", said(&o));
    }
    for t in &strays {
        let two_minutes_ago = SystemTime::now() - Duration::from_secs(120);
        fs::File::options()
            .write(true)
            .open(folder.join(t))
            .and_then(|f| f.set_modified(two_minutes_ago))
            .expect("a stray temp can be aged");
    }
    let id = printed_id(&run(args()));
    assert!(highlight_ids(&load(&folder)).contains(&id));
    let left: Vec<_> = names_in(&folder)
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files remain: {left:?}");
}

/// The four commands that read a corpus folder's sidecar.
fn sidecar_readers(folder: &Path) -> Vec<Vec<String>> {
    let f = folder.display().to_string();
    vec![
        vec!["check".into(), f.clone()],
        highlight_args(folder, ARTICLE, QUOTE, "trade"),
        vec!["meetings".into(), f.clone()],
        vec!["export".into(), f, "--format".into(), "csv".into()],
    ]
}

/// (c) A FIFO, or a link to `/dev/zero`, as `annotations.ron`: every command that reads
/// the sidecar refuses it at once, naming it. The old code read it with `fs::read`, which
/// waits forever for a FIFO's writer and reads `/dev/zero` until memory runs out.
#[test]
fn a_fifo_or_a_device_as_the_sidecar_is_refused_without_hanging() {
    for kind in ["FIFO", "device"] {
        let dir = common::sample_copy();
        let path = sidecar::path(dir.path());
        if kind == "FIFO" {
            mkfifo(&path);
        } else {
            std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        }
        for args in sidecar_readers(dir.path()) {
            let child = dossier(&args).spawn().expect("the dossier binary runs");
            let o = finish_within(child, Duration::from_secs(5))
                .unwrap_or_else(|e| panic!("{kind}: dossier {args:?} {e}"));
            let out = said(&o);
            assert!(!o.status.success(), "{kind}: {args:?} succeeded: {out}");
            assert!(
                out.contains(&path.display().to_string()),
                "{kind}: {args:?}: {out}"
            );
            assert!(
                out.contains("not a regular file"),
                "{kind}: {args:?}: {out}"
            );
        }
    }
}

/// (c) A FIFO named like a report: `highlight --article` refuses it at once, `articles`
/// passes it by without hanging, and `check` reports it as skipped.
#[test]
fn a_fifo_named_like_a_report_is_refused_without_hanging() {
    let dir = common::sample_copy();
    let folder = dir.path();
    let pipe = folder.join("pipe.txt");
    mkfifo(&pipe);
    let f = folder.display().to_string();

    let child = dossier(highlight_args(folder, "pipe.txt", "anything", "trade"))
        .spawn()
        .unwrap();
    let o = finish_within(child, Duration::from_secs(5)).expect("highlight does not hang");
    assert_eq!(o.status.code(), Some(2), "{}", said(&o));
    assert!(
        said(&o).contains(&pipe.display().to_string()),
        "{}",
        said(&o)
    );
    assert!(!sidecar::path(folder).exists(), "nothing was saved");

    let child = dossier(["articles", &f]).spawn().unwrap();
    let o = finish_within(child, Duration::from_secs(5)).expect("articles does not hang");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        out.lines().count(),
        1 + 5,
        "a header and the five samples: {out}"
    );
    assert!(!out.contains("pipe.txt"), "{out}");

    let child = dossier(["check", &f]).spawn().unwrap();
    let o = finish_within(child, Duration::from_secs(5)).expect("check does not hang");
    let out = said(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains(&format!("{}: skipped:", pipe.display())),
        "{out}"
    );
    assert!(out.contains("5 articles loaded, 1 files skipped"), "{out}");
}

/// (c) A sidecar over [`sidecar::MAX_SIDECAR_BYTES`] (sparse, so it costs no disk) is
/// refused as too large, naming it, before any of it is read, and left as it is.
#[test]
fn an_oversize_sidecar_is_refused_as_too_large() {
    const SIZE: u64 = 600 * 1024 * 1024;
    const { assert!(SIZE > sidecar::MAX_SIDECAR_BYTES) };
    let dir = common::sample_copy();
    let path = sidecar::path(dir.path());
    fs::File::create(&path).unwrap().set_len(SIZE).unwrap();
    for args in sidecar_readers(dir.path()) {
        let child = dossier(&args).spawn().expect("the dossier binary runs");
        let o = finish_within(child, Duration::from_secs(10))
            .unwrap_or_else(|e| panic!("dossier {args:?} {e}"));
        let out = said(&o);
        assert!(!o.status.success(), "{args:?} succeeded: {out}");
        assert!(out.contains(&path.display().to_string()), "{args:?}: {out}");
        assert!(out.contains("too large"), "{args:?}: {out}");
    }
    assert_eq!(
        fs::metadata(&path).unwrap().len(),
        SIZE,
        "the file is untouched"
    );
}

/// (d) A link planted at the lock's name is never followed: saving fails with a message
/// naming the lock, and neither the file the link points to nor the sidecar changes. A
/// dangling link there does not create its target.
#[test]
fn a_link_at_the_lock_name_makes_saving_fail_and_is_never_followed() {
    let parent = tempfile::tempdir().unwrap();
    let folder = corpus_in(parent.path());
    let outside = parent.path().join("outside.txt");
    fs::write(&outside, "not dossier's to write\n").unwrap();
    printed_id(&highlight(&folder, ARTICLE, QUOTE, "trade"));
    let sidecar_before = fs::read(sidecar::path(&folder)).unwrap();
    let lock = folder.join(sidecar::LOCK_NAME);

    for target in [outside.clone(), parent.path().join("created-by-the-lock")] {
        let _ = fs::remove_file(&lock);
        std::os::unix::fs::symlink(&target, &lock).unwrap();
        let o = highlight(&folder, ARTICLE_2, QUOTE_2, "trade");
        let out = said(&o);
        assert_eq!(o.status.code(), Some(2), "{out}");
        assert!(out.contains(&lock.display().to_string()), "{out}");
        assert!(out.contains("cannot save"), "{out}");
        assert_eq!(fs::read(sidecar::path(&folder)).unwrap(), sidecar_before);
    }
    assert_eq!(fs::read(&outside).unwrap(), b"not dossier's to write\n");
    assert!(!parent.path().join("created-by-the-lock").exists());
}

/// (d) Links planted at `annotations.ron.bak` and at temporary-file names (the old
/// `.annotations.ron.<pid>.tmp` and the tempfile crate's style) pointing outside the
/// folder: two saves write through none of them; the backup becomes a regular file with
/// the previous sidecar; a stale link at a temporary name is removed, not its target. The
/// old code copied the previous file to `.annotations.ron.bak.<pid>.tmp` with `fs::copy`,
/// which writes through a link planted at that name.
#[test]
fn links_at_backup_and_temp_names_are_replaced_never_written_through() {
    let parent = tempfile::tempdir().unwrap();
    let folder = corpus_in(parent.path());
    let outside = parent.path().join("outside.txt");
    let original = b"precious bytes outside the corpus\n";
    fs::write(&outside, original).unwrap();
    printed_id(&highlight(&folder, ARTICLE, QUOTE, "trade"));

    let link = |name: &str| {
        let at = folder.join(name);
        let _ = fs::remove_file(&at);
        std::os::unix::fs::symlink(&outside, &at).unwrap();
        at
    };
    link(sidecar::BACKUP_NAME);
    let me = std::process::id();
    let mut planted = Vec::new();
    for pid in me..me + 200 {
        planted.push(link(&format!(".annotations.ron.{pid}.tmp")));
        planted.push(link(&format!(".annotations.ron.bak.{pid}.tmp")));
    }
    for name in ["AAAAAA", "aaaaaa", "000000"] {
        planted.push(link(&format!(".annotations.ron.{name}.tmp")));
    }
    let stale = link(".annotations.ron.stale0.tmp");
    age_link(&stale, Duration::from_secs(120));

    printed_id(&highlight(&folder, ARTICLE_2, QUOTE_2, "trade"));
    let previous = fs::read(sidecar::path(&folder)).unwrap();
    printed_id(&highlight(&folder, ARTICLE_3, QUOTE_3, "trade"));

    assert_eq!(
        fs::read(&outside).unwrap(),
        original,
        "written through a link"
    );
    let bak = folder.join(sidecar::BACKUP_NAME);
    let meta = fs::symlink_metadata(&bak).unwrap();
    assert!(
        meta.file_type().is_file(),
        "the backup is a regular file now"
    );
    assert_eq!(
        fs::read(&bak).unwrap(),
        previous,
        "the backup is the previous file"
    );
    let meta = fs::symlink_metadata(sidecar::path(&folder)).unwrap();
    assert!(meta.file_type().is_file());
    assert_eq!(load(&folder).articles.len(), 3);
    assert!(
        fs::symlink_metadata(&stale).is_err(),
        "the stale link is removed"
    );
    for p in &planted {
        let m = fs::symlink_metadata(p).expect("a fresh link is left alone");
        assert!(m.file_type().is_symlink(), "{}", p.display());
    }
}

/// A sidecar holding two highlights that anchor exactly in the sample corpus.
const STRICT_BASE: &str = r##"(
    version: 1,
    tags: [
        (
            id: "t1",
            name: "trade",
            colour: "#f4d03f",
        ),
    ],
    articles: {
        "000_ce9b4343981b04df.txt": (
            highlights: [
                (
                    id: "h1",
                    anchor: (
                        start: 1262,
                        end: 1277,
                        quote: "green Silk Road",
                        prefix: " nations should jointly build a ",
                        suffix: ", a health Silk Road and a digit",
                    ),
                    tags: [
                        "t1",
                    ],
                    created: "2024-07-04T10:00:00Z",
                    modified: "2024-07-04T10:00:00Z",
                ),
            ],
        ),
        "002_d19069a31ccc614c.txt": (
            highlights: [
                (
                    id: "h2",
                    anchor: (
                        start: 194,
                        end: 231,
                        quote: "hand in hand and shoulder to shoulder",
                        prefix: "s ready to work with Kazakhstan ",
                        suffix: " to make their good relations ev",
                    ),
                    tags: [
                        "t1",
                    ],
                    created: "2024-07-04T10:00:00Z",
                    modified: "2024-07-04T10:00:00Z",
                ),
            ],
        ),
    },
)
"##;

/// [`STRICT_BASE`] with `lines` inserted after its first line equal to `after`; returns
/// the text and the (1-based) line number of inserted line `reported`.
fn insert_after(after: &str, lines: &[&str], reported: usize) -> (String, usize) {
    let mut all: Vec<&str> = STRICT_BASE.lines().collect();
    let at = all
        .iter()
        .position(|l| *l == after)
        .unwrap_or_else(|| panic!("no line {after:?}"))
        + 1;
    all.splice(at..at, lines.iter().copied());
    (all.join("\n") + "\n", at + reported + 1)
}

/// (e) Strict load: an unknown field anywhere, an article listed twice, a tag or a
/// highlight id used twice — `check` reports `annotations.ron:LINE:` with the right line
/// and exits 1; `highlight` refuses (exit 2) and leaves the file byte for byte. The old
/// code ignored unknown fields and kept the last of two entries for one article, and the
/// next save dropped the rest for good.
#[test]
fn strict_load_refuses_with_the_line_and_nothing_overwrites_the_file() {
    let h2_line = STRICT_BASE
        .lines()
        .position(|l| l.contains(r#"id: "h2""#))
        .unwrap()
        + 1;
    let cases: Vec<(&str, (String, usize))> = vec![
        (
            "unknown top-level field",
            insert_after("    version: 1,", &["    extra: 1,"], 0),
        ),
        (
            "unknown tag field",
            insert_after(
                r##"            colour: "#f4d03f","##,
                &["            weight: 2,"],
                0,
            ),
        ),
        (
            "unknown highlight field",
            insert_after(
                r#"                    id: "h1","#,
                &[r##"                    colour: "#ffffff","##],
                0,
            ),
        ),
        (
            "unknown anchor field",
            insert_after(
                "                        end: 1277,",
                &["                        offset: 3,"],
                0,
            ),
        ),
        (
            "article listed twice",
            insert_after(
                "        ),",
                &[
                    r#"        "000_ce9b4343981b04df.txt": ("#,
                    r#"            note: "a second entry","#,
                    "        ),",
                ],
                0,
            ),
        ),
        (
            "tag id used twice",
            insert_after(
                "        ),",
                &[
                    "        (",
                    r#"            id: "t1","#,
                    r#"            name: "again","#,
                    r##"            colour: "#82e0aa","##,
                    "        ),",
                ],
                1,
            ),
        ),
        (
            "highlight id used twice",
            (STRICT_BASE.replace(r#"id: "h2""#, r#"id: "h1""#), h2_line),
        ),
    ];
    // The unchanged base is fine, so each failure below is the case's own.
    let dir = common::sample_copy();
    let folder = dir.path();
    let path = sidecar::path(folder);
    fs::write(&path, STRICT_BASE).unwrap();
    let o = check(folder);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));

    for (what, (text, line)) in cases {
        fs::write(&path, &text).unwrap();
        let o = check(folder);
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(1), "{what}: {}", said(&o));
        let expected = format!("{}:{line}:", path.display());
        assert!(
            out.lines().any(|l| l.starts_with(&expected)),
            "{what}: expected a line starting {expected:?} in:\n{out}"
        );
        let o = highlight(folder, ARTICLE_3, QUOTE_3, "trade");
        assert_eq!(o.status.code(), Some(2), "{what}: {}", said(&o));
        assert!(said(&o).contains(&expected), "{what}: {}", said(&o));
        assert_eq!(
            fs::read(&path).unwrap(),
            text.as_bytes(),
            "{what}: file changed"
        );
    }
}

/// (e) A sidecar saved by an editor that writes a UTF-8 byte order mark loads as usual.
#[test]
fn a_sidecar_with_a_bom_loads() {
    let dir = common::sample_copy();
    let folder = dir.path();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(STRICT_BASE.as_bytes());
    fs::write(sidecar::path(folder), &bytes).unwrap();
    assert_eq!(
        highlight_ids(&load(folder)),
        BTreeSet::from(["h1".into(), "h2".into()])
    );
    let o = check(folder);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));
    assert!(
        said(&o).contains("2 highlights, 0 orphaned"),
        "{}",
        said(&o)
    );
    let id = printed_id(&highlight(folder, ARTICLE_3, QUOTE_3, "trade"));
    assert_eq!(highlight_ids(&load(folder)).len(), 3, "{id} added");
}

/// `git ARGS…` in `repo`, isolated from the user's and the system's git configuration.
fn git(repo: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .output()
        .expect("git runs")
}

fn git_ok(repo: &Path, args: &[&str]) {
    let o = git(repo, args);
    assert!(o.status.success(), "git {args:?}: {}", said(&o));
}

/// Change the sidecar of `folder` with the library, as the app would, and save it.
fn edit_sidecar(folder: &Path, change: impl FnOnce(&mut Store)) {
    let base = load(folder);
    let mut ours = base.clone();
    change(&mut ours);
    sidecar::save(folder, &base, &ours, Wait::No).expect("the sidecar saves");
}

fn set_highlight_note(store: &mut Store, article: &str, id: &str, note: &str) {
    let h = store
        .articles
        .get_mut(article)
        .and_then(|a| a.highlights.iter_mut().find(|h| h.id == id))
        .expect("the highlight exists");
    h.note = note.to_owned();
}

/// (f) `annotations.ron` in git with `dossier merge-sidecar` as its merge driver: two
/// branches that added highlights, a tag and a report note merge cleanly with everything
/// from both; two branches that changed one highlight's note differently fail to merge,
/// leaving a sidecar that parses with the conflict recorded, which `check` reports.
/// Without the driver, git merges the file as lines and leaves conflict markers in it.
#[test]
fn annotations_merge_in_git_with_the_merge_driver() {
    if !Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        eprintln!("skipped: git is not on PATH");
        return;
    }
    let parent = tempfile::tempdir().unwrap();
    let repo = corpus_in(parent.path());
    let path = sidecar::path(&repo);
    git_ok(&repo, &["init", "-q"]);
    git_ok(&repo, &["config", "user.name", "Dossier Test"]);
    git_ok(&repo, &["config", "user.email", "test@example.invalid"]);
    let driver = format!("'{BIN}' merge-sidecar %O %A %B");
    git_ok(&repo, &["config", "merge.dossier.driver", &driver]);
    git_ok(
        &repo,
        &["config", "merge.dossier.name", "dossier sidecar merge"],
    );
    fs::write(
        repo.join(".gitattributes"),
        "annotations.ron merge=dossier\n",
    )
    .unwrap();
    fs::write(
        repo.join(".gitignore"),
        ".annotations.ron.lock\nannotations.ron.bak\n",
    )
    .unwrap();
    let h0 = printed_id(&highlight(&repo, ARTICLE, QUOTE, "trade"));
    git_ok(&repo, &["add", "-A"]);
    git_ok(&repo, &["commit", "-q", "-m", "base"]);
    git_ok(&repo, &["branch", "base"]);

    // Branch a: a highlight, and a report note changed with the library.
    git_ok(&repo, &["checkout", "-q", "-b", "a"]);
    let ha = printed_id(&highlight(&repo, ARTICLE_2, QUOTE_2, "trade"));
    edit_sidecar(&repo, |s| {
        s.articles.get_mut(ARTICLE).unwrap().note = "Checked against Akorda.".into();
    });
    git_ok(&repo, &["commit", "-q", "-am", "a"]);
    // Branch b: another highlight, with a new tag.
    git_ok(&repo, &["checkout", "-q", "-b", "b", "base"]);
    let hb = printed_id(&highlight(&repo, ARTICLE_3, QUOTE_3, "belt and road"));
    git_ok(&repo, &["commit", "-q", "-am", "b"]);

    git_ok(&repo, &["checkout", "-q", "a"]);
    let o = git(&repo, &["merge", "--no-edit", "b"]);
    assert_eq!(o.status.code(), Some(0), "git merge: {}", said(&o));
    let merged = load(&repo);
    assert_eq!(
        highlight_ids(&merged),
        BTreeSet::from([h0.clone(), ha, hb.clone()])
    );
    assert_eq!(merged.articles[ARTICLE].note, "Checked against Akorda.");
    let names: BTreeSet<&str> = merged.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, BTreeSet::from(["trade", "belt and road"]));
    let belt = merged.tag_by_name("belt and road").unwrap().id.clone();
    assert_eq!(merged.articles[ARTICLE_3].highlights[0].tags, [belt]);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let o = check(&repo);
    assert_eq!(o.status.code(), Some(0), "{}", said(&o));

    // Both sides change the same highlight's note: a conflict, recorded in the file.
    git_ok(&repo, &["branch", "base2"]);
    git_ok(&repo, &["checkout", "-q", "-b", "c"]);
    edit_sidecar(&repo, |s| {
        set_highlight_note(s, ARTICLE, &h0, "note from c")
    });
    git_ok(&repo, &["commit", "-q", "-am", "c"]);
    git_ok(&repo, &["checkout", "-q", "-b", "d", "base2"]);
    edit_sidecar(&repo, |s| {
        set_highlight_note(s, ARTICLE, &h0, "note from d")
    });
    git_ok(&repo, &["commit", "-q", "-am", "d"]);
    git_ok(&repo, &["checkout", "-q", "c"]);
    let o = git(&repo, &["merge", "--no-edit", "d"]);
    assert!(!o.status.success(), "git merge succeeded: {}", said(&o));

    let bytes = fs::read(&path).unwrap();
    let store = sidecar::parse(&path, &bytes).expect("the conflicted sidecar parses");
    assert_eq!(
        store.conflicts,
        [Conflict {
            item: Item::Highlight {
                article: ARTICLE.into(),
                id: h0.clone(),
            },
            field: "note".into(),
            ours: Some(ron_of(&"note from c")),
            theirs: Some(ron_of(&"note from d")),
        }]
    );
    let kept = store.articles[ARTICLE]
        .highlights
        .iter()
        .find(|h| h.id == h0)
        .unwrap();
    assert_eq!(kept.note, "note from c", "ours is kept until resolved");
    assert_eq!(highlight_ids(&store).len(), 3);
    let o = check(&repo);
    let out = said(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("unresolved conflict"), "{out}");
    assert!(out.contains(&h0) && out.contains("field note"), "{out}");
}
