//! The meetings extracted from each report, kept between runs so that reopening a
//! corpus extracts only the reports that changed. Kept in the app's cache folder (never
//! in the corpus folder), one file per corpus folder, written whole and atomically.
//!
//! A report's entry is used only when everything extraction reads is the same: its path,
//! a hash of its text (XXH3, so size and time on disk do not matter), its metadata
//! corrections, the analyst's gazetteer file and the extractor itself (a hash of the
//! core's sources and knowledge files, made at build time). A cache that cannot be read,
//! is of another format, or was made by another extractor or gazetteer is ignored and
//! written anew; it is never trusted over the reports.

use crate::annotations::ArticleNotes;
use crate::corpus::Metadata;
use crate::meetings::Meeting;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The extractor's fingerprint (see `build.rs`).
const EXTRACTOR: &str = env!("DOSSIER_EXTRACTOR");
/// The layout of the cache file.
const FORMAT: u32 = 1;
/// Larger cache files are not read (about 40 times the 100k-report corpus's).
const MAX_BYTES: u64 = 2 << 30;

/// What the extraction of one report depends on, and what it found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub path: String,
    /// XXH3 of the text.
    pub text: u64,
    /// The metadata read from the text.
    pub read: Read,
    /// XXH3 of the metadata corrections (0 when there are none).
    pub fix: u64,
    pub meetings: Vec<Meeting>,
}

/// [`Metadata`] whole, as kept (the type's own serialisation leaves out what only
/// the reader needs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Read {
    title: String,
    title_derived: bool,
    published: Option<jiff::civil::Date>,
    source: Option<String>,
    place: Option<String>,
    dateline_date: Option<(Option<i16>, i8, i8)>,
    body_start: usize,
    title_range: Option<std::ops::Range<usize>>,
}

impl From<&Metadata> for Read {
    fn from(m: &Metadata) -> Read {
        Read {
            title: m.title.clone(),
            title_derived: m.title_derived,
            published: m.published,
            source: m.source.clone(),
            place: m.place.clone(),
            dateline_date: m.dateline_date.map(|d| (d.year, d.month, d.day)),
            body_start: m.body_start,
            title_range: m.title_range.clone(),
        }
    }
}

impl From<&Read> for Metadata {
    fn from(r: &Read) -> Metadata {
        Metadata {
            title: r.title.clone(),
            title_derived: r.title_derived,
            published: r.published,
            source: r.source.clone(),
            place: r.place.clone(),
            dateline_date: (r.dateline_date).map(|(year, month, day)| crate::dates::PartialDate {
                year,
                month,
                day,
            }),
            body_start: r.body_start,
            title_range: r.title_range.clone(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct File {
    format: u32,
    extractor: String,
    gazetteer: u64,
    entries: Vec<Entry>,
}

/// What extraction depends on besides the report: the analyst's gazetteer file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Knowledge {
    gazetteer: u64,
}

impl Knowledge {
    /// For the corpus in `folder` (the analyst's `gazetteer.ron`, if any, by content).
    pub fn of(folder: &Path) -> Knowledge {
        let file = folder.join(crate::gazetteer::ANALYST_FILE);
        let bytes = crate::fsio::read_regular(&file, 64 << 20).unwrap_or_default();
        Knowledge {
            gazetteer: xxhash_rust::xxh3::xxh3_64(&bytes),
        }
    }
}

/// The key of a report's entry: its text's hash and its metadata corrections' hash.
pub(crate) fn key(text: &str, notes: Option<&ArticleNotes>) -> (u64, u64) {
    let fix = notes.filter(|n| !n.metadata.is_empty()).map_or(0, |n| {
        xxhash_rust::xxh3::xxh3_64(format!("{:?}", n.metadata).as_bytes())
    });
    (text_hash(text), fix)
}

/// The hash a report's text is known by.
pub(crate) fn text_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// Where the cache of the corpus in `folder` is kept: under `DOSSIER_CACHE_DIR` when
/// set (empty: no cache), else the app's cache folder, named by a hash of the folder's
/// full path.
pub(crate) fn file_for(folder: &Path) -> Option<PathBuf> {
    let dir = match std::env::var_os("DOSSIER_CACHE_DIR") {
        Some(d) if d.is_empty() => return None,
        Some(d) => PathBuf::from(d),
        None => directories::ProjectDirs::from("", "", "dossier")?
            .cache_dir()
            .to_path_buf(),
    };
    let full = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    let name = xxhash_rust::xxh3::xxh3_64(full.to_string_lossy().as_bytes());
    Some(dir.join(format!("meetings-{name:016x}.bin")))
}

/// Entries by path (hashed with XXH3: a hundred thousand look-ups on open).
pub(crate) type Kept = HashMap<String, Entry, xxhash_rust::xxh3::Xxh3DefaultBuilder>;

/// The entries kept for `knowledge` in `file`, by path; none when the file is missing,
/// unreadable, of another format, or made with other knowledge or another extractor.
pub(crate) fn read(file: &Path, knowledge: Knowledge) -> Kept {
    let Ok(bytes) = crate::fsio::read_regular(file, MAX_BYTES) else {
        return Kept::default();
    };
    match postcard::from_bytes::<File>(&bytes) {
        Ok(f)
            if f.format == FORMAT
                && f.extractor == EXTRACTOR
                && f.gazetteer == knowledge.gazetteer =>
        {
            // Used: the last to be pruned.
            let now = std::time::SystemTime::now();
            let opened = std::fs::File::options().write(true).open(file);
            let _ = opened.and_then(|f| f.set_modified(now));
            f.entries.into_iter().map(|e| (e.path.clone(), e)).collect()
        }
        _ => Kept::default(),
    }
}

/// Keep `entries` in `file` (whole, atomically); a cache that cannot be written is
/// only a slower next open, so failure is silent.
pub(crate) fn write(file: &Path, knowledge: Knowledge, entries: Vec<Entry>) {
    let f = File {
        format: FORMAT,
        extractor: EXTRACTOR.to_owned(),
        gazetteer: knowledge.gazetteer,
        entries,
    };
    let (Ok(bytes), Some(dir)) = (postcard::to_stdvec(&f), file.parent()) else {
        return;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    if let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir) {
        use std::io::Write;
        if tmp.write_all(&bytes).is_ok() {
            let _ = tmp.persist(file);
        }
    }
    prune(dir, KEEP);
}

/// How many corpora's caches are kept (the most recently written).
const KEEP: usize = 16;

/// Remove all but the `keep` most recently written caches in `dir`.
fn prune(dir: &Path, keep: usize) {
    let Ok(list) = std::fs::read_dir(dir) else {
        return;
    };
    let mut caches: Vec<(std::time::SystemTime, PathBuf)> = (list.flatten())
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("meetings-") && name.ends_with(".bin")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    caches.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (_, old) in caches.into_iter().skip(keep) {
        let _ = std::fs::remove_file(old);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Progress;
    use crate::workspace::Workspace;
    use crate::workspace::test_support::{REPORT, samples};

    fn open(folder: &Path, cache: &Path) -> Workspace {
        let cache = Some(cache.to_path_buf());
        Workspace::open_cached(folder, &Progress::default(), cache).expect("opens")
    }

    /// A meeting no report tells of, to see whether a cache was used.
    fn planted() -> Meeting {
        let who = |n: &str| crate::meetings::Participant {
            name: n.into(),
            country: None,
        };
        Meeting {
            leader: who("Planted Leader"),
            counterparts: vec![who("Planted Guest")],
            kind: crate::meetings::Kind::Meeting,
            date: None,
            location: None,
            evidence: 0..0,
        }
    }

    #[test]
    fn a_reopened_corpus_takes_its_meetings_from_the_cache_until_a_report_changes() {
        let (dir, fresh) = samples();
        let caches = tempfile::tempdir().expect("tmp");
        let cache = caches.path().join("meetings.bin");
        // The first open extracts everything and keeps it: the same as without a cache.
        let first = open(dir.path(), &cache);
        assert_eq!(first.meetings(), fresh.meetings());
        let knowledge = Knowledge::of(dir.path());
        let mut kept = read(&cache, knowledge);
        assert_eq!(kept.len(), fresh.corpus().articles.len());
        // Plant a meeting in one report's entry: a reopen shows it, so the cache was
        // used and the report not extracted again.
        let a = fresh.article_index(REPORT).expect("the report");
        let entry = kept.get_mut(REPORT).expect("its entry");
        entry.meetings.push(planted());
        entry.read.title = "Planted title".into();
        write(&cache, knowledge, kept.into_values().collect());
        let second = open(dir.path(), &cache);
        assert_eq!(
            second.meetings()[a].last().map(|m| &m.leader.name),
            Some(&"Planted Leader".to_owned())
        );
        let title = |ws: &Workspace| ws.corpus().articles[a].meta.title.clone();
        assert_eq!(
            title(&second),
            "Planted title",
            "its metadata was not read again"
        );
        // The report changes on disk: it alone is read and extracted again.
        let path = dir.path().join(REPORT);
        let text = std::fs::read_to_string(&path).expect("the report");
        std::fs::write(&path, format!("{text}\n")).expect("written");
        let third = open(dir.path(), &cache);
        assert!(
            third.meetings()[a]
                .iter()
                .all(|m| m.leader.name != "Planted Leader")
        );
        assert_eq!(third.meetings()[a], fresh.meetings()[a]);
        assert_eq!(title(&third), title(&fresh));
    }

    #[test]
    fn a_cache_from_another_gazetteer_or_a_damaged_one_is_not_trusted() {
        let (dir, fresh) = samples();
        let caches = tempfile::tempdir().expect("tmp");
        let cache = caches.path().join("meetings.bin");
        open(dir.path(), &cache);
        let knowledge = Knowledge::of(dir.path());
        let mut kept = read(&cache, knowledge);
        for e in kept.values_mut() {
            e.meetings = vec![planted()];
        }
        write(&cache, knowledge, kept.into_values().collect());
        // The analyst's gazetteer appears: every report is extracted again.
        let gazetteer = "(people: [], places: [])";
        std::fs::write(dir.path().join(crate::gazetteer::ANALYST_FILE), gazetteer)
            .expect("written");
        assert!(read(&cache, Knowledge::of(dir.path())).is_empty());
        std::fs::remove_file(dir.path().join(crate::gazetteer::ANALYST_FILE)).expect("gone");
        // A damaged file: ignored, and written anew.
        std::fs::write(&cache, b"not a cache at all").expect("written");
        let reopened = open(dir.path(), &cache);
        assert_eq!(reopened.meetings(), fresh.meetings());
        assert_eq!(read(&cache, knowledge).len(), fresh.corpus().articles.len());
    }

    #[test]
    fn only_the_most_recent_caches_are_kept() {
        let dir = tempfile::tempdir().expect("tmp");
        for i in 0..5 {
            let f = dir.path().join(format!("meetings-{i}.bin"));
            std::fs::write(&f, b"x").expect("written");
            let t = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1000 * i);
            let opened = std::fs::File::options().write(true).open(&f);
            opened.and_then(|f| f.set_modified(t)).expect("dated");
        }
        std::fs::write(dir.path().join("other.txt"), b"kept").expect("written");
        prune(dir.path(), 2);
        let mut left: Vec<String> = (std::fs::read_dir(dir.path()).expect("listed").flatten())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["meetings-3.bin", "meetings-4.bin", "other.txt"]);
    }
}
