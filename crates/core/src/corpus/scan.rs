//! Finding the reports in a folder: `.txt` and `.md` files, recursively, hidden entries
//! and dossier's own sidecar files left out, in a stable order by relative path.

use std::fs;
use std::path::{Path, PathBuf};

/// A file to load, by its path relative to the corpus folder (`/`-separated) and on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub rel: String,
    pub abs: PathBuf,
}

/// A folder below the corpus folder that could not be listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlisted {
    pub rel: String,
    pub error: String,
}

/// Every report file under `root`, sorted by relative path. Fails only if `root` itself
/// cannot be listed; a sub-folder that cannot be is reported and passed over.
pub fn scan(root: &Path) -> std::io::Result<(Vec<Found>, Vec<Unlisted>)> {
    let mut found = Vec::new();
    let mut unlisted = Vec::new();
    let mut stack = vec![(root.to_path_buf(), String::new())];
    let mut first = true;
    while let Some((dir, rel_dir)) = stack.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if first => return Err(e),
            Err(e) => {
                unlisted.push(Unlisted {
                    rel: rel_dir,
                    error: e.to_string(),
                });
                continue;
            }
        };
        first = false;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_skipped_name(&name) {
                continue;
            }
            let rel = if rel_dir.is_empty() {
                name.clone()
            } else {
                format!("{rel_dir}/{name}")
            };
            let path = entry.path();
            // Follow links to files, never to folders (no cycles).
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push((path, rel));
            } else if is_report_name(&name)
                // Only a link needs a look at what it points to (a folder is not a
                // report); a dangling one is kept, for the load to say what is wrong.
                && (!kind.is_symlink() || fs::metadata(&path).map_or(true, |m| !m.is_dir()))
            {
                // A dangling link, a FIFO or a device named like a report is listed too,
                // so loading can say why it cannot be read (it reads regular files only)
                // rather than pass over it in silence.
                found.push(Found { rel, abs: path });
            }
        }
    }
    found.sort_by(|a, b| a.rel.cmp(&b.rel));
    unlisted.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok((found, unlisted))
}

/// Hidden entries and dossier's own sidecar files are never part of the corpus.
pub fn is_skipped_name(name: &str) -> bool {
    name.starts_with('.') || name.starts_with("annotations.ron")
}

/// Whether a file called `name` is read as a report (`.txt` or `.md`).
pub fn is_report_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".txt") || lower.ends_with(".md")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_reports_recursively_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/deeper")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        for f in [
            "z.txt",
            "a.MD",
            "b/deeper/c.txt",
            "b/note.pdf",
            ".hidden.txt",
            ".git/x.txt",
            "annotations.ron",
            "annotations.ron.bak",
        ] {
            fs::write(root.join(f), "text").unwrap();
        }
        let (found, unlisted) = scan(root).unwrap();
        let rels: Vec<_> = found.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["a.MD", "b/deeper/c.txt", "z.txt"]);
        assert!(unlisted.is_empty());
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(scan(&dir.path().join("nope")).is_err());
    }
}
