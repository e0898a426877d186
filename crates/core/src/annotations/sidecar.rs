//! The sidecar file `FOLDER/annotations.ron`: reading it strictly, and saving it without
//! ever losing what the analyst — or another process — made.
//!
//! - **Reading** takes only a regular file of at most [`MAX_SIDECAR_BYTES`] (never a FIFO
//!   or a device), accepts a UTF-8 BOM, and is strict and lossless: an unknown field, an
//!   article listed twice, or a tag or highlight id used twice is an error naming the file
//!   and line, and such a file is never overwritten. A newer `version` is refused.
//! - **Saving** is exclusive and merging: under an advisory lock on
//!   `.annotations.ron.lock` (released by the OS when a process dies, so a crashed writer
//!   never blocks), the file on disk is read again and merged three ways with what the
//!   caller last loaded (`base`) and has now (`ours`) — see [`super::merge`]. The result is
//!   written to a fresh temporary file in the same folder (unique name, never following a
//!   link), synced, and swapped with the old file by compare-and-swap ([`crate::fsio::swap`]):
//!   if a tool that takes no lock (git, a sync client) replaced the file since it was
//!   read, what it wrote comes back from the swap and is merged in another round. The
//!   replaced content is kept as `annotations.ron.bak`. The folder is synced afterwards.
//!   A failure at any step leaves the old file as it was; temporary files are removed on
//!   every path, and ones left by a killed process are removed by the next save.

use super::merge::{self, Report};
use super::model::{Store, VERSION};
use crate::fsio::swap::{self, Swapped};
use crate::fsio::{self, ReadError};
use ron::ser::PrettyConfig;
use serde::Deserialize;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

pub const FILE_NAME: &str = "annotations.ron";
pub const BACKUP_NAME: &str = "annotations.ron.bak";
/// The lock file every writer holds while it reads, merges and writes.
pub const LOCK_NAME: &str = ".annotations.ron.lock";
/// The largest sidecar read (about two million highlights).
pub const MAX_SIDECAR_BYTES: u64 = 512 * 1024 * 1024;
/// Temporary files older than this, left by a process killed mid-save, are removed.
const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

/// What the file on disk held when it was read: `None` when there was no file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint(Option<(u64, u64)>);

impl Fingerprint {
    /// No file.
    pub const NONE: Fingerprint = Fingerprint(None);

    pub fn of(bytes: Option<&[u8]>) -> Fingerprint {
        Fingerprint(bytes.map(|b| (b.len() as u64, fnv1a(b))))
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[derive(Debug, thiserror::Error)]
pub enum SidecarError {
    #[error("{}: cannot read: {error}", path.display())]
    Read { path: PathBuf, error: ReadError },
    #[error("{}:{line}:{column}: cannot parse: {reason} (the file is left as it is)", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("{}: written by a newer dossier (format version {found}; this one reads up to {VERSION}); update dossier to open it", path.display())]
    TooNew { path: PathBuf, found: u32 },
    #[error("{}: another dossier process is saving; try again in a moment", path.display())]
    Busy { path: PathBuf },
    #[error("{}: cannot save: {error} (the previous file is unchanged)", path.display())]
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}: cannot encode annotations: {reason}", path.display())]
    Encode { path: PathBuf, reason: String },
}

/// The sidecar's path for a corpus folder.
pub fn path(folder: &Path) -> PathBuf {
    folder.join(FILE_NAME)
}

/// The sidecar's bytes on disk (`None`: no file yet), read safely.
pub fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>, SidecarError> {
    match fsio::read_regular(path, MAX_SIDECAR_BYTES) {
        Ok(b) => Ok(Some(b)),
        Err(ReadError::NotFound) => Ok(None),
        Err(error) => Err(SidecarError::Read {
            path: path.to_path_buf(),
            error,
        }),
    }
}

/// Read the sidecar of `folder` (an empty store if there is none yet).
pub fn load(folder: &Path) -> Result<(Store, Fingerprint), SidecarError> {
    load_file(&path(folder))
}

/// Read a sidecar file wherever it is (an empty store if there is no such file).
pub fn load_file(path: &Path) -> Result<(Store, Fingerprint), SidecarError> {
    match read_bytes(path)? {
        None => Ok((Store::default(), Fingerprint::NONE)),
        Some(bytes) => Ok((parse(path, &bytes)?, Fingerprint::of(Some(&bytes)))),
    }
}

/// Parse sidecar bytes strictly; `path` names the file in errors.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Store, SidecarError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let at = |offset: usize| line_column(&bytes[..offset]);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = at(e.valid_up_to());
        parse_error(path, line, column, "not UTF-8 text".into())
    })?;
    let spanned = |e: ron::error::SpannedError| {
        parse_error(
            path,
            e.span.start.line,
            e.span.start.col,
            e.code.to_string(),
        )
    };
    // Look at the version alone first: a newer format must be refused, not misread.
    #[derive(Deserialize)]
    struct VersionOnly {
        version: u32,
    }
    let version: VersionOnly = ron::from_str(text).map_err(spanned)?;
    if version.version > VERSION {
        return Err(SidecarError::TooNew {
            path: path.to_path_buf(),
            found: version.version,
        });
    }
    let store: Store = ron::from_str(text).map_err(spanned)?;
    check_unique_ids(path, text, &store)?;
    Ok(store)
}

fn parse_error(path: &Path, line: usize, column: usize, reason: String) -> SidecarError {
    SidecarError::Parse {
        path: path.to_path_buf(),
        line,
        column,
        reason,
    }
}

fn line_column(before: &[u8]) -> (usize, usize) {
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    (line, column)
}

/// Two tags or two highlights with one id would be merged into one by every later step:
/// refuse the file, naming the line of the second use.
fn check_unique_ids(path: &Path, text: &str, store: &Store) -> Result<(), SidecarError> {
    let mut seen = std::collections::HashSet::new();
    let tags = store.tags.iter().map(|t| ("tag", &t.id));
    let highlights = store
        .articles
        .values()
        .flat_map(|a| &a.highlights)
        .map(|h| ("highlight", &h.id));
    for (what, id) in tags.chain(highlights) {
        if !seen.insert((what, id.as_str())) {
            let needle = format!("id: \"{id}\"");
            let offset = text.match_indices(&needle).nth(1).map_or(0, |(i, _)| i);
            let (line, column) = line_column(&text.as_bytes()[..offset]);
            return Err(parse_error(
                path,
                line,
                column,
                format!("the {what} id {id:?} is used twice; give one of them another id"),
            ));
        }
    }
    Ok(())
}

/// The bytes `store` is saved as: pretty, deterministic, ending with a newline.
pub fn encode(store: &Store) -> Result<String, ron::Error> {
    let mut store = store.clone();
    store.version = VERSION;
    store.normalise();
    let config = PrettyConfig::new()
        .indentor("    ".to_owned())
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        // Notes and quotes stay readable: apostrophes and line breaks as written.
        .escape_strings(false);
    let mut text = ron::ser::to_string_pretty(&store, config)?;
    text.push('\n');
    Ok(text)
}

/// Whether to wait for another process's lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Fail at once with [`SidecarError::Busy`] (the app's UI thread: it retries later).
    No,
    /// Wait up to this long (command-line tools).
    UpTo(Duration),
}

/// The advisory lock on a folder's sidecar, held until dropped (or the process dies).
pub struct Lock {
    _file: fs::File,
}

/// Take the sidecar lock of `folder`.
pub fn lock(folder: &Path, wait: Wait) -> Result<Lock, SidecarError> {
    let path = folder.join(LOCK_NAME);
    let write_error = |e: std::io::Error| SidecarError::Write {
        path: self::path(folder),
        error: std::io::Error::new(e.kind(), format!("cannot lock {}: {e}", path.display())),
    };
    let file = open_lock_file(&path).map_err(write_error)?;
    let deadline = match wait {
        Wait::No => Instant::now(),
        Wait::UpTo(d) => Instant::now() + d,
    };
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(SidecarError::Busy {
                    path: self::path(folder),
                });
            }
            Err(fs::TryLockError::Error(e)) => return Err(write_error(e)),
        }
    }
}

fn open_lock_file(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Never follow a link planted at the lock's name.
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    options.open(path)
}

/// The outcome of a save: what is on disk now.
#[derive(Debug, Clone)]
pub struct Saved {
    /// The merged store, as written (the new `base` for the next save).
    pub store: Store,
    pub fingerprint: Fingerprint,
    /// What the merge brought in from the file on disk.
    pub report: Report,
}

/// Save `ours` as the sidecar of `folder`, merged with whatever the file on disk holds now
/// (`base` is what `ours` started from: what was last loaded or saved). A sidecar on disk
/// that cannot be read is never overwritten; a missing one is written afresh.
pub fn save(folder: &Path, base: &Store, ours: &Store, wait: Wait) -> Result<Saved, SidecarError> {
    let _lock = lock(folder, wait)?;
    save_locked(folder, base, None, ours)
}

/// As [`save`], when the caller also knows the [`Fingerprint`] of the file `base` was read
/// from (or written as): if the file on disk is still that one, nobody else wrote it and
/// the merge is skipped (the app's autosave, most of the time).
pub fn save_over(
    folder: &Path,
    base: &Store,
    base_file: Fingerprint,
    ours: &Store,
    wait: Wait,
) -> Result<Saved, SidecarError> {
    let _lock = lock(folder, wait)?;
    save_locked(folder, base, Some(base_file), ours)
}

/// Read, change and save the sidecar under its lock: `change` sees what is on disk now.
/// Returns what `change` returned and what was saved.
pub fn update<R>(
    folder: &Path,
    wait: Wait,
    change: impl FnOnce(&mut Store) -> R,
) -> Result<(R, Saved), SidecarError> {
    let _lock = lock(folder, wait)?;
    let (base, _) = load(folder)?;
    let mut ours = base.clone();
    let result = change(&mut ours);
    Ok((result, save_locked(folder, &base, None, &ours)?))
}

/// How many times a save merges again when outside writers keep replacing the file.
const MAX_ROUNDS: usize = 16;

fn save_locked(
    folder: &Path,
    base: &Store,
    base_file: Option<Fingerprint>,
    ours: &Store,
) -> Result<Saved, SidecarError> {
    let path = path(folder);
    let write_error = |error| SidecarError::Write {
        path: path.clone(),
        error,
    };
    remove_stale_temps(folder);
    let mut round = Round {
        base: base.clone(),
        ours: ours.clone(),
        theirs: None,
        on_disk: read_bytes(&path)?,
        unchanged_since: base_file,
    };
    let mut report = Report::default();
    for first in std::iter::once(true).chain(std::iter::repeat_n(false, MAX_ROUNDS)) {
        let (merged, text) = round.merge(&path, &mut report)?;
        let expected = round.on_disk.take();
        if expected.as_deref() == Some(text.as_bytes()) {
            return Ok(saved(merged, &text, report));
        }
        let Some((theirs, on_disk)) = swap_in(folder, &text, expected.as_deref(), first)? else {
            return Ok(saved(merged, &text, report));
        };
        round = Round {
            base: parse_or_empty(&path, expected.as_deref())?,
            ours: merged,
            theirs: Some(theirs),
            on_disk,
            unchanged_since: None,
        };
    }
    Err(write_error(std::io::Error::other(
        "the file kept changing while it was being saved",
    )))
}

/// Another tool's version of the sidecar, and the bytes on disk now.
type Changed = (Store, Option<Vec<u8>>);

/// Put `text` in place of the sidecar, which should still hold `expected` (`first`: the
/// outside writer's file, not an interim one of ours). `None`: done. `Some((theirs,
/// on disk))`: another tool changed the file meanwhile; merge its version in and retry.
fn swap_in(
    folder: &Path,
    text: &str,
    expected: Option<&[u8]>,
    first: bool,
) -> Result<Option<Changed>, SidecarError> {
    let path = path(folder);
    let write_error = |error| SidecarError::Write {
        path: path.clone(),
        error,
    };
    let tmp = swap::temp_beside(folder, &path, text.as_bytes()).map_err(write_error)?;
    let backup = folder.join(BACKUP_NAME);
    // After the first round the file expected is our own interim one: the backup
    // keeps the outside writer's instead.
    let backup = swap::Backup {
        path: &backup,
        expected_too: first,
    };
    let read = |p: &Path| read_bytes(p).map_err(io_error);
    let outcome = swap::swap(&tmp, &path, backup, expected, read);
    match outcome.map_err(write_error)? {
        Swapped::Replaced(old) if old.as_deref() == expected => {
            crate::fsio::sync_folder(folder);
            Ok(None)
        }
        // Another tool replaced the file between our read and our swap: what it
        // wrote is in the backup now, and goes into another round.
        Swapped::Replaced(Some(old)) => {
            crate::fsio::sync_folder(folder);
            match parse(&path, &old) {
                Ok(theirs) => Ok(Some((theirs, Some(text.as_bytes().to_vec())))),
                Err(e) => Err(restore(folder, &path, &old, e)),
            }
        }
        // It had deleted the file: what we wrote is all there is.
        Swapped::Replaced(None) => Ok(None),
        // Left alone (no atomic exchange here): merge what is there now.
        Swapped::Changed(now) => Ok(Some((parse_or_empty(&path, now.as_deref())?, now))),
    }
}

/// One attempt at a save: merge `ours` (changed from `base`) with `theirs` (by default
/// the file on disk) and replace the file if it still holds `on_disk`.
struct Round {
    base: Store,
    ours: Store,
    /// What to merge with, when it is not the file on disk (after a swap brought back
    /// what an outside writer had put there).
    theirs: Option<Store>,
    on_disk: Option<Vec<u8>>,
    /// The file `base` was read from or written as, when the caller knows it.
    unchanged_since: Option<Fingerprint>,
}

impl Round {
    /// The merged store and its text; what the merge brought in is added to `report`.
    fn merge(&self, path: &Path, report: &mut Report) -> Result<(Store, String), SidecarError> {
        let unchanged = |b: &[u8]| self.unchanged_since == Some(Fingerprint::of(Some(b)));
        let (mut merged, brought) = match (&self.theirs, &self.on_disk) {
            (Some(theirs), _) => merge::merge(&self.base, &self.ours, theirs),
            (None, Some(bytes)) if unchanged(bytes) => (self.ours.clone(), Report::default()),
            (None, Some(bytes)) => merge::merge(&self.base, &self.ours, &parse(path, bytes)?),
            // No file (never saved, or deleted by hand): what we hold is all there is.
            (None, None) => (self.ours.clone(), Report::default()),
        };
        report.add(&brought);
        merged.version = VERSION;
        merged.normalise();
        let text = encode(&merged).map_err(|e| SidecarError::Encode {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        Ok((merged, text))
    }
}

fn saved(store: Store, text: &str, report: Report) -> Saved {
    Saved {
        store,
        fingerprint: Fingerprint::of(Some(text.as_bytes())),
        report,
    }
}

fn parse_or_empty(path: &Path, bytes: Option<&[u8]>) -> Result<Store, SidecarError> {
    bytes.map_or_else(|| Ok(Store::default()), |b| parse(path, b))
}

fn io_error(e: SidecarError) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// An outside tool had put a file dossier cannot read where we just saved: put it back
/// (an unreadable sidecar is never overwritten) and report why it cannot be merged.
fn restore(folder: &Path, path: &Path, old: &[u8], why: SidecarError) -> SidecarError {
    match swap::replace(folder, path, old) {
        Ok(()) => why,
        Err(error) => SidecarError::Write {
            path: path.to_path_buf(),
            error,
        },
    }
}

/// Whether `name` is one of the temporary files a save makes (or an older build made).
pub fn is_temp_name(name: &str) -> bool {
    (name.starts_with(&format!(".{FILE_NAME}.")) || name.starts_with(&format!(".{BACKUP_NAME}.")))
        && name.ends_with(".tmp")
}

/// Remove temporary files left by a save that was killed, once they are old enough that
/// no live writer (which would hold the lock anyway) can be using them.
fn remove_stale_temps(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| now.duration_since(t).unwrap_or_default() >= STALE_TEMP_AGE);
        if is_temp_name(&name) && old {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Temporary files a killed save left in `folder` (for `dossier check`).
pub fn stray_temps(folder: &Path) -> Vec<String> {
    let mut out: Vec<String> = fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_temp_name(n))
        .collect();
    out.sort();
    out
}

/// Write `store` to `target` (anywhere the analyst chose: "save a copy as…"), atomically.
pub fn save_copy(target: &Path, store: &Store) -> Result<(), SidecarError> {
    let text = encode(store).map_err(|e| SidecarError::Encode {
        path: target.to_path_buf(),
        reason: e.to_string(),
    })?;
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    swap::replace(folder, target, text.as_bytes()).map_err(|error| SidecarError::Write {
        path: target.to_path_buf(),
        error,
    })?;
    crate::fsio::sync_folder(folder);
    Ok(())
}
