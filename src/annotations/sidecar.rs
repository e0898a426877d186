//! The sidecar file `FOLDER/annotations.ron`: reading it, and saving it without ever
//! losing what the analyst made.
//!
//! - Reading: a file this build cannot parse is reported with line:column and left
//!   alone; a newer `version` is refused rather than misread.
//! - Saving: the new content goes to a temporary file in the same folder, is flushed to
//!   disk, and replaces the old file by rename (atomic); the previous file is kept as
//!   `annotations.ron.bak`. A failure at any step leaves the old file as it was and no
//!   temporary file behind.
//! - Conflicts: the caller passes the [`Fingerprint`] of what it loaded; if the file on
//!   disk has changed since (another program, a `git pull`), the save is refused.

use super::model::{Store, VERSION};
use ron::ser::PrettyConfig;
use serde::Deserialize;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "annotations.ron";
pub const BACKUP_NAME: &str = "annotations.ron.bak";

/// What the file on disk held when it was read: `None` when there was no file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint(Option<(u64, u64)>);

impl Fingerprint {
    /// No file.
    pub const NONE: Fingerprint = Fingerprint(None);

    fn of(bytes: Option<&[u8]>) -> Fingerprint {
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
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}:{line}:{column}: cannot parse: {reason} (the file is left as it is)", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("{}: written by a newer dossier (format version {found}; this one reads up to {VERSION}); update dossier to open it", path.display())]
    TooNew { path: PathBuf, found: u32 },
    #[error("{}: changed on disk since it was loaded (by another program?); not overwritten — reload it first", path.display())]
    Conflict { path: PathBuf },
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

/// Read the sidecar of `folder` (an empty store if there is none yet).
pub fn load(folder: &Path) -> Result<(Store, Fingerprint), SidecarError> {
    let path = path(folder);
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Store::default(), Fingerprint::of(None)));
        }
        Err(error) => return Err(SidecarError::Read { path, error }),
    };
    let store = parse(&path, &bytes)?;
    Ok((store, Fingerprint::of(Some(&bytes))))
}

/// Parse sidecar bytes; `path` names the file in errors.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Store, SidecarError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        SidecarError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            reason: "not UTF-8 text".into(),
        }
    })?;
    let parse_error = |e: ron::error::SpannedError| SidecarError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        column: e.span.start.col,
        reason: e.code.to_string(),
    };
    // Look at the version alone first: a newer format must be refused, not misread.
    #[derive(Deserialize)]
    struct VersionOnly {
        version: u32,
    }
    let version: VersionOnly = ron::from_str(text).map_err(parse_error)?;
    if version.version > VERSION {
        return Err(SidecarError::TooNew {
            path: path.to_path_buf(),
            found: version.version,
        });
    }
    ron::from_str(text).map_err(parse_error)
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

/// Save `store` as the sidecar of `folder`, if the file on disk is still the one
/// `loaded` describes. Returns the fingerprint of what was written.
pub fn save(
    folder: &Path,
    store: &Store,
    loaded: Fingerprint,
) -> Result<Fingerprint, SidecarError> {
    let path = path(folder);
    let on_disk = match fs::read(&path) {
        Ok(b) => Fingerprint::of(Some(&b)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Fingerprint::of(None),
        Err(error) => return Err(SidecarError::Read { path, error }),
    };
    if on_disk != loaded {
        return Err(SidecarError::Conflict { path });
    }
    let text = encode(store).map_err(|e| SidecarError::Encode {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    if on_disk.0.is_some() && on_disk == Fingerprint::of(Some(text.as_bytes())) {
        return Ok(on_disk); // nothing changed: leave the file and its backup alone
    }
    write_atomically(folder, &path, text.as_bytes())
        .map_err(|error| SidecarError::Write { path, error })?;
    Ok(Fingerprint::of(Some(text.as_bytes())))
}

fn write_atomically(folder: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = folder.join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if path.exists() {
            // Keep the previous version: copy it aside, then swap it in atomically.
            let bak = folder.join(BACKUP_NAME);
            let bak_tmp = folder.join(format!(".{BACKUP_NAME}.{}.tmp", std::process::id()));
            fs::copy(path, &bak_tmp)?;
            fs::rename(&bak_tmp, &bak).inspect_err(|_| {
                let _ = fs::remove_file(&bak_tmp);
            })?;
        }
        fs::rename(&tmp, path)?;
        if let Ok(dir) = fs::File::open(folder) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
