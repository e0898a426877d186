//! The meetings extracted from each report, kept between runs so that reopening a
//! corpus extracts only the reports that changed. Kept in the app's cache folder (never
//! in the corpus folder), one file per corpus folder, written whole and atomically.
//!
//! A report's entry is used only when everything extraction reads is the same: its path,
//! a hash of its text (XXH3, so size and time on disk do not matter), its metadata
//! corrections, the analyst's gazetteer file and the extractor itself (a hash of the
//! core's sources and knowledge files, made at build time). A cache that cannot be read,
//! is damaged (the file opens with a hash of the rest), is of another format, or was made
//! by another extractor or gazetteer is ignored and written anew; it is never trusted
//! over the reports. Each name is written once and shared by every report that holds it
//! (see [`crate::meetings::Name`]).

use crate::annotations::ArticleNotes;
use crate::corpus::Metadata;
use crate::meetings::{Kind, Meeting, Name, Participant};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The extractor's fingerprint (see `build.rs`).
const EXTRACTOR: &str = env!("DOSSIER_EXTRACTOR");
/// The layout of the cache file (after the hash of the rest that opens it).
const FORMAT: u32 = 4;
/// Larger cache files are not read (about 40 times the 100k-report corpus's).
const MAX_BYTES: u64 = 2 << 30;

/// What the extraction of one report depends on, and what it found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub path: String,
    /// XXH3 of the text.
    pub text: u64,
    /// The metadata read from the text.
    pub read: Metadata,
    /// XXH3 of the metadata corrections (0 when there are none).
    pub fix: u64,
    pub meetings: Vec<Meeting>,
}

/// The file: every name a meeting holds is written once, in `names`, and referred to
/// by its number; paths, titles and names are read in place from the file's bytes.
#[derive(Serialize, Deserialize)]
struct File<'a> {
    format: u32,
    extractor: &'a str,
    gazetteer: u64,
    #[serde(borrow)]
    names: Vec<&'a str>,
    #[serde(borrow)]
    entries: Vec<Stored<'a>>,
}

/// An [`Entry`] as written.
#[derive(Serialize, Deserialize)]
struct Stored<'a> {
    path: &'a str,
    text: u64,
    #[serde(borrow)]
    read: Read<'a>,
    fix: u64,
    meetings: Vec<StoredMeeting>,
}

/// [`Metadata`] whole, as written (the type's own serialisation leaves out what only
/// the reader needs).
#[derive(Serialize, Deserialize)]
struct Read<'a> {
    title: &'a str,
    title_derived: bool,
    published: Option<Ymd>,
    /// By number in the table of names, as the meetings' names.
    source: Option<u32>,
    place: Option<u32>,
    dateline_date: Option<(Option<i16>, i8, i8)>,
    body_start: usize,
    title_range: Option<(usize, usize)>,
}

/// A date as year, month and day.
type Ymd = (i16, i8, i8);

/// A [`Meeting`] as written, its names by number.
#[derive(Serialize, Deserialize)]
struct StoredMeeting {
    leader: Who,
    counterparts: Vec<Who>,
    kind: Kind,
    date: Option<Ymd>,
    location: Option<u32>,
    evidence: (usize, usize),
}

/// A [`Participant`] as written.
#[derive(Serialize, Deserialize)]
struct Who {
    name: u32,
    country: Option<u32>,
}

fn ymd(d: jiff::civil::Date) -> Ymd {
    (d.year(), d.month(), d.day())
}

fn date((y, m, d): Ymd) -> Option<jiff::civil::Date> {
    jiff::civil::Date::new(y, m, d).ok()
}

impl<'a> Read<'a> {
    fn of(m: &'a Metadata, table: &mut Table<'a>) -> Read<'a> {
        Read {
            title: &m.title,
            title_derived: m.title_derived,
            published: m.published.map(ymd),
            source: m.source.as_deref().map(|s| table.number(s)),
            place: m.place.as_deref().map(|p| table.number(p)),
            dateline_date: m.dateline_date.map(|d| (d.year, d.month, d.day)),
            body_start: m.body_start,
            title_range: m.title_range.as_ref().map(|r| (r.start, r.end)),
        }
    }

    /// The metadata, its source and place taken from `names` (none when one is missing).
    fn metadata(&self, names: &[Name]) -> Option<Metadata> {
        let name = |n| optional(names, n);
        Some(Metadata {
            title: self.title.to_owned(),
            title_derived: self.title_derived,
            published: self.published.and_then(date),
            source: name(self.source)?,
            place: name(self.place)?,
            dateline_date: (self.dateline_date)
                .map(|(year, month, day)| crate::dates::PartialDate { year, month, day }),
            body_start: self.body_start,
            title_range: self.title_range.map(|(s, e)| s..e),
        })
    }
}

/// The name numbered `n` in `names`, if any (`Some(None)` for none); `None` when the
/// number is not in the table, which makes the entry unusable, as a missing one.
fn optional(names: &[Name], n: Option<u32>) -> Option<Option<Name>> {
    match n {
        Some(n) => names.get(n as usize).cloned().map(Some),
        None => Some(None),
    }
}

/// Names numbered as they are first met, for writing.
#[derive(Default)]
struct Table<'a> {
    names: Vec<&'a str>,
    numbers: HashMap<&'a str, u32>,
}

impl<'a> Table<'a> {
    fn number(&mut self, name: &'a str) -> u32 {
        *self.numbers.entry(name).or_insert_with(|| {
            self.names.push(name);
            u32::try_from(self.names.len() - 1).unwrap_or(u32::MAX)
        })
    }

    fn who(&mut self, p: &'a Participant) -> Who {
        Who {
            name: self.number(&p.name),
            country: p.country.as_deref().map(|c| self.number(c)),
        }
    }

    fn meeting(&mut self, m: &'a Meeting) -> StoredMeeting {
        StoredMeeting {
            leader: self.who(&m.leader),
            counterparts: m.counterparts.iter().map(|p| self.who(p)).collect(),
            kind: m.kind,
            date: m.date.map(ymd),
            location: m.location.as_deref().map(|l| self.number(l)),
            evidence: (m.evidence.start, m.evidence.end),
        }
    }
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
pub(crate) type Key = (u64, u64);

/// The [`Key`] of the report whose text is `text` and notes `notes`.
pub(crate) fn key(text: &str, notes: Option<&ArticleNotes>) -> Key {
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

/// The entries of a cache file, by path, read in place from its bytes; each name is
/// made once and shared by every meeting that holds it.
#[derive(Default)]
pub(crate) struct Kept<'a> {
    names: Vec<Name>,
    entries: foldhash::HashMap<&'a str, Stored<'a>>,
}

impl Kept<'_> {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The metadata read from the report at `path` when its text's hash is `text`.
    pub fn metadata(&self, path: &str, text: u64) -> Option<Metadata> {
        let e = self.entries.get(path).filter(|e| e.text == text)?;
        e.read.metadata(&self.names)
    }

    /// The meetings extracted from the report at `path` when its key is `(text, fix)`
    /// (see [`key`]); none when the entry is missing, stale or names an unknown name.
    pub fn meetings(&self, path: &str, (text, fix): Key) -> Option<Vec<Meeting>> {
        let e = self
            .entries
            .get(path)
            .filter(|e| e.text == text && e.fix == fix)?;
        let name = |n: u32| self.names.get(n as usize).cloned();
        let maybe = |n| optional(&self.names, n);
        let who = |w: &Who| {
            Some(Participant {
                name: name(w.name)?,
                country: maybe(w.country)?,
            })
        };
        let meeting = |m: &StoredMeeting| {
            Some(Meeting {
                leader: who(&m.leader)?,
                counterparts: m.counterparts.iter().map(who).collect::<Option<_>>()?,
                kind: m.kind,
                date: match m.date {
                    Some(d) => Some(date(d)?),
                    None => None,
                },
                location: maybe(m.location)?,
                evidence: m.evidence.0..m.evidence.1,
            })
        };
        e.meetings.iter().map(meeting).collect()
    }

    /// Every entry, whole, by path (for tests).
    #[cfg(test)]
    pub fn entries(&self) -> Vec<Entry> {
        let mut stored: Vec<&Stored> = self.entries.values().collect();
        stored.sort_by_key(|e| e.path);
        (stored.into_iter())
            .map(|e| Entry {
                path: e.path.to_owned(),
                text: e.text,
                read: e.read.metadata(&self.names).unwrap_or_default(),
                fix: e.fix,
                meetings: self.meetings(e.path, (e.text, e.fix)).unwrap_or_default(),
            })
            .collect()
    }
}

/// The bytes of the cache `file` (empty when it is missing or too large); marks it used.
pub(crate) fn bytes_of(file: &Path) -> Vec<u8> {
    let bytes = crate::fsio::read_regular(file, MAX_BYTES).unwrap_or_default();
    if !bytes.is_empty() {
        // Used: the last to be pruned.
        let now = std::time::SystemTime::now();
        let opened = std::fs::File::options().write(true).open(file);
        let _ = opened.and_then(|f| f.set_modified(now));
    }
    bytes
}

/// The entries kept for `knowledge` in a cache file's `bytes`, by path; none when they
/// are not a cache, of another format, or made with other knowledge or another extractor.
pub(crate) fn read(bytes: &[u8], knowledge: Knowledge) -> Kept<'_> {
    // The file opens with the hash of the rest: a damaged file is not read at all.
    let Some((sum, payload)) = bytes.split_first_chunk::<8>() else {
        return Kept::default();
    };
    if u64::from_le_bytes(*sum) != xxhash_rust::xxh3::xxh3_64(payload) {
        return Kept::default();
    }
    match postcard::from_bytes::<File>(payload) {
        Ok(f)
            if f.format == FORMAT
                && f.extractor == EXTRACTOR
                && f.gazetteer == knowledge.gazetteer =>
        {
            Kept {
                names: f.names.into_iter().map(Name::from).collect(),
                entries: f.entries.into_iter().map(|e| (e.path, e)).collect(),
            }
        }
        _ => Kept::default(),
    }
}

/// Keep `entries` in `file` (whole, atomically); a cache that cannot be written is
/// only a slower next open, so failure is silent.
pub(crate) fn write(file: &Path, knowledge: Knowledge, entries: &[Entry]) {
    let mut table = Table::default();
    let stored = (entries.iter())
        .map(|e| Stored {
            path: &e.path,
            text: e.text,
            read: Read::of(&e.read, &mut table),
            fix: e.fix,
            meetings: e.meetings.iter().map(|m| table.meeting(m)).collect(),
        })
        .collect();
    let f = File {
        format: FORMAT,
        extractor: EXTRACTOR,
        gazetteer: knowledge.gazetteer,
        names: table.names,
        entries: stored,
    };
    let (Ok(payload), Some(dir)) = (postcard::to_stdvec(&f), file.parent()) else {
        return;
    };
    let sum = xxhash_rust::xxh3::xxh3_64(&payload).to_le_bytes();
    let bytes = [&sum[..], &payload].concat();
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

    /// The entries of the cache `file`, whole.
    fn entries(file: &Path, knowledge: Knowledge) -> Vec<Entry> {
        read(&bytes_of(file), knowledge).entries()
    }

    /// What a cache of `ws`'s reports, without notes, holds: each report's metadata
    /// and meetings as read from its text, by path.
    fn entries_of(ws: &Workspace) -> Vec<Entry> {
        let mut out: Vec<Entry> = (ws.corpus().articles.iter().enumerate())
            .map(|(i, a)| {
                let read = ws.read_metadata(i);
                let gaz = crate::gazetteer::Gazetteer::builtin();
                Entry {
                    path: a.path.clone(),
                    text: text_hash(&a.text),
                    meetings: crate::meetings::extract_with(&a.text, &read, gaz),
                    read,
                    fix: 0,
                }
            })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }

    #[test]
    fn what_is_written_is_read_back_whole_with_each_name_made_once() {
        let (dir, fresh) = samples();
        let caches = tempfile::tempdir().expect("tmp");
        let cache = caches.path().join("meetings.bin");
        let knowledge = Knowledge::of(dir.path());
        let written = entries_of(&fresh);
        assert!(
            written
                .iter()
                .any(|e| e.read.source.is_some() && e.read.title_range.is_some())
        );
        write(&cache, knowledge, &written);
        let bytes = bytes_of(&cache);
        let kept = read(&bytes, knowledge);
        assert_eq!(kept.entries(), written);
        // Every meeting naming the same person holds the same name, not a copy.
        let mut seen: HashMap<String, *const u8> = HashMap::new();
        let mut mentions = 0;
        for e in &written {
            for m in kept.meetings(&e.path, (e.text, e.fix)).expect("kept") {
                for p in m.participants() {
                    let at = *seen.entry(p.name.to_string()).or_insert(p.name.as_ptr());
                    assert_eq!(at, p.name.as_ptr(), "{} made twice", p.name);
                    mentions += 1;
                }
            }
        }
        assert!(mentions > seen.len(), "some name is met more than once");
        // One byte changed anywhere: nothing is taken from the file.
        let mut damaged = bytes.clone();
        let middle = damaged.len() / 2;
        damaged[middle] ^= 0x20;
        assert_eq!(read(&damaged, knowledge).len(), 0);
        assert_eq!(read(&bytes[..7], knowledge).len(), 0);
        // A stale key finds nothing.
        let e = &written[0];
        assert_eq!(kept.meetings(&e.path, (e.text ^ 1, e.fix)), None);
        assert_eq!(kept.metadata(&e.path, e.text ^ 1), None);
        assert_eq!(kept.metadata(&e.path, e.text), Some(e.read.clone()));
    }

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
        let mut kept = entries(&cache, knowledge);
        assert_eq!(kept.len(), fresh.corpus().articles.len());
        // Plant a meeting in one report's entry: a reopen shows it, so the cache was
        // used and the report not extracted again.
        let a = fresh.article_index(REPORT).expect("the report");
        let entry = kept.iter_mut().find(|e| e.path == REPORT);
        let entry = entry.expect("its entry");
        entry.meetings.push(planted());
        entry.read.title = "Planted title".into();
        write(&cache, knowledge, &kept);
        let second = open(dir.path(), &cache);
        assert_eq!(
            second.meetings()[a].last().map(|m| &m.leader.name),
            Some(&crate::meetings::Name::from("Planted Leader"))
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
    fn reports_from_the_same_source_share_its_name_read_afresh_or_from_the_cache() {
        let (dir, _) = samples();
        let caches = tempfile::tempdir().expect("tmp");
        let cache = caches.path().join("meetings.bin");
        for ws in [open(dir.path(), &cache), open(dir.path(), &cache)] {
            let mut first: HashMap<String, *const u8> = HashMap::new();
            let mut sharing = 0;
            for a in &ws.corpus().articles {
                let Some(source) = &a.meta.source else {
                    continue;
                };
                let at = *first.entry(source.to_string()).or_insert(source.as_ptr());
                assert_eq!(at, source.as_ptr(), "{source} made twice");
                sharing += 1;
            }
            assert!(sharing > first.len(), "two reports have the same source");
        }
    }

    #[test]
    fn a_cache_from_another_gazetteer_or_a_damaged_one_is_not_trusted() {
        let (dir, fresh) = samples();
        let caches = tempfile::tempdir().expect("tmp");
        let cache = caches.path().join("meetings.bin");
        open(dir.path(), &cache);
        let knowledge = Knowledge::of(dir.path());
        let mut kept = entries(&cache, knowledge);
        for e in &mut kept {
            e.meetings = vec![planted()];
        }
        write(&cache, knowledge, &kept);
        // The analyst's gazetteer appears: every report is extracted again.
        let gazetteer = "(people: [], places: [])";
        std::fs::write(dir.path().join(crate::gazetteer::ANALYST_FILE), gazetteer)
            .expect("written");
        assert!(entries(&cache, Knowledge::of(dir.path())).is_empty());
        std::fs::remove_file(dir.path().join(crate::gazetteer::ANALYST_FILE)).expect("gone");
        // A damaged file: ignored, and written anew.
        std::fs::write(&cache, b"not a cache at all").expect("written");
        let reopened = open(dir.path(), &cache);
        assert_eq!(reopened.meetings(), fresh.meetings());
        assert_eq!(entries(&cache, knowledge), entries_of(&fresh));
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
