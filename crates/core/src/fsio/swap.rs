//! Compare-and-swap of a file by rename, so a save never loses what a writer that takes
//! no lock (git, a sync client, an editor) put there between the save's read and its
//! rename.
//!
//! On Linux the new file and the old one are exchanged atomically
//! (`renameat2(RENAME_EXCHANGE)`): whatever the target held at that instant ends up under
//! the temporary name, where the caller reads it, compares it with what it merged, and
//! merges again if it differs. Nothing that was at the target is ever unlinked unseen.
//! Where the exchange is not available (another system, a file system without it) the
//! target is read again right before a plain rename and the swap is refused if it
//! changed; that leaves a window of microseconds instead of the whole merge.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// What a swap did.
#[derive(Debug, PartialEq, Eq)]
pub enum Swapped {
    /// The new file is in place; the target held these bytes until then (`None`: there
    /// was no target).
    Replaced(Option<Vec<u8>>),
    /// The target no longer held what was expected, and was left alone: it holds these
    /// bytes now (`None`: it is gone). Only where no atomic exchange exists.
    Changed(Option<Vec<u8>>),
}

/// Where a swap keeps what it replaced.
pub struct Backup<'a> {
    pub path: &'a Path,
    /// Keep it even when it is what the caller expected (else only an outside writer's
    /// file is kept: the caller's own interim file need not be).
    pub expected_too: bool,
}

/// Put `tmp` in place of `target`, keeping what it replaces as the backup. `expected` is
/// what the caller last read at `target` (`None`: no file); `read` reads a file
/// boundedly. After an exchange the old content, now under `tmp`'s name, is read and
/// renamed to the backup, so an outside writer's file is never unlinked.
pub fn swap(
    tmp: &Path,
    target: &Path,
    backup: Backup,
    expected: Option<&[u8]>,
    read: impl Fn(&Path) -> io::Result<Option<Vec<u8>>>,
) -> io::Result<Swapped> {
    match exchange(tmp, target, expected.is_some()) {
        Ok(()) if expected.is_none() => Ok(Swapped::Replaced(None)),
        Ok(()) => match keep_replaced(tmp, &backup, expected, read) {
            Ok(old) => Ok(Swapped::Replaced(old)),
            Err(e) => {
                // Put the old file back where it was: a failed save changes nothing.
                if exchange(tmp, target, true).is_ok() {
                    let _ = fs::remove_file(tmp);
                }
                Err(e)
            }
        },
        Err(e) if unsupported(&e) => {
            let now = read(target)?;
            if now.as_deref() != expected {
                return Ok(Swapped::Changed(now));
            }
            let keep = now.as_ref().filter(|_| backup.expected_too);
            if let (Some(old), Some(folder)) = (keep, backup.path.parent()) {
                replace(folder, backup.path, old)?;
            }
            fs::rename(tmp, target)?;
            Ok(Swapped::Replaced(now))
        }
        // The target appeared (no-replace) or vanished (exchange) since it was read.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::AlreadyExists | io::ErrorKind::NotFound
            ) =>
        {
            Ok(Swapped::Changed(read(target)?))
        }
        Err(e) => Err(e),
    }
}

/// After an exchange: read what was replaced (now at `tmp`) and move it to the backup,
/// or remove it when it is the caller's own file and need not be kept.
fn keep_replaced(
    tmp: &Path,
    backup: &Backup,
    expected: Option<&[u8]>,
    read: impl Fn(&Path) -> io::Result<Option<Vec<u8>>>,
) -> io::Result<Option<Vec<u8>>> {
    let old = read(tmp)?;
    if backup.expected_too || old.as_deref() != expected {
        fs::rename(tmp, backup.path)?;
    } else {
        fs::remove_file(tmp)?;
    }
    Ok(old)
}

/// A new temporary file beside `target` holding `bytes`, synced, with the mode `target`
/// has (or a normal file's, under the umask), created exclusively so a link at its name
/// is never followed. Removed when dropped unless it was moved away.
pub fn temp_beside(folder: &Path, target: &Path, bytes: &[u8]) -> io::Result<tempfile::TempPath> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // Keep the mode the file had, not tempfile's private 0600: a corpus folder may be
    // shared between analysts.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::symlink_metadata(target)
            .ok()
            .filter(|m| m.is_file())
            .map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(folder)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp.into_temp_path())
}

/// Replace `target` with `bytes` by a plain rename of a [`temp_beside`] file (which
/// replaces a link at `target` rather than writing through it).
pub fn replace(folder: &Path, target: &Path, bytes: &[u8]) -> io::Result<()> {
    temp_beside(folder, target, bytes)?
        .persist(target)
        .map_err(|e| e.error)
}

fn unsupported(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        matches!(
            e.raw_os_error(),
            Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
        )
    }
    #[cfg(not(unix))]
    {
        e.kind() == io::ErrorKind::Unsupported
    }
}

/// Exchange `tmp` and `target` (when `target_exists`), else move `tmp` to `target`
/// only if nothing is there.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(tmp: &Path, target: &Path, target_exists: bool) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
    };
    let (from, to) = (c(tmp)?, c(target)?);
    let flags = if target_exists {
        libc::RENAME_EXCHANGE
    } else {
        libc::RENAME_NOREPLACE
    };
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            flags,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_tmp: &Path, _target: &Path, _target_exists: bool) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(p: &Path) -> io::Result<Option<Vec<u8>>> {
        match fs::read(p) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn keep(path: &Path) -> Backup<'_> {
        Backup {
            path,
            expected_too: true,
        }
    }

    #[test]
    fn a_swap_returns_what_was_replaced_even_when_it_is_not_what_was_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (tmp, target) = (dir.path().join("t"), dir.path().join("f"));
        let bak = dir.path().join("f.bak");
        fs::write(&target, b"outside").expect("write");
        fs::write(&tmp, b"ours").expect("write");
        let got = swap(&tmp, &target, keep(&bak), Some(b"what we read"), read).expect("swap");
        match got {
            // Exchanged: the outside content comes back to be merged, and is kept.
            Swapped::Replaced(Some(old)) => {
                assert_eq!(old, b"outside");
                assert_eq!(fs::read(&target).expect("read"), b"ours");
                assert_eq!(fs::read(&bak).expect("read"), b"outside");
                assert!(!tmp.exists());
            }
            // No exchange here: refused, and the outside file left alone.
            Swapped::Changed(now) => {
                assert_eq!(now.as_deref(), Some(&b"outside"[..]));
                assert_eq!(fs::read(&target).expect("read"), b"outside");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn creating_refuses_a_file_that_appeared() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (tmp, target) = (dir.path().join("t"), dir.path().join("f"));
        let bak = dir.path().join("f.bak");
        fs::write(&tmp, b"ours").expect("write");
        let got = swap(&tmp, &target, keep(&bak), None, read).expect("swap");
        assert_eq!(got, Swapped::Replaced(None));
        assert_eq!(fs::read(&target).expect("read"), b"ours");
        fs::write(&tmp, b"second").expect("write");
        let got = swap(&tmp, &target, keep(&bak), None, read).expect("swap");
        assert_eq!(got, Swapped::Changed(Some(b"ours".to_vec())));
        assert_eq!(fs::read(&target).expect("read"), b"ours");
    }
}
