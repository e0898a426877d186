//! The corpus: a folder of news reports loaded as [`Article`]s.
//!
//! [`load`] scans the folder ([`scan`]), decodes each file ([`decode`]) and reads its
//! metadata ([`metadata`]), files in parallel. One bad file never stops the load: it is
//! listed in [`Corpus::problems`] with the reason. The result depends only on the
//! folder's bytes.

pub mod dateline;
pub mod decode;
pub mod layout;
pub mod metadata;
pub mod scan;
pub mod sources;

pub use decode::{Encoding, SkipReason};
pub use metadata::Metadata;

use rayon::prelude::*;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// One report, its text normalised (see [`decode`]) and its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Path relative to the corpus folder, `/`-separated: the article's key everywhere.
    pub path: String,
    pub text: String,
    pub encoding: Encoding,
    pub meta: Metadata,
}

impl Article {
    /// Build an article from a file's bytes, or say why it cannot be one.
    pub fn from_bytes(path: &str, bytes: &[u8]) -> Result<Article, SkipReason> {
        Article::from_bytes_knowing(path, bytes, &|_: &str, _: &str| None)
    }

    /// As [`Article::from_bytes`], with `known(path, text)` giving the metadata read
    /// from this very text before (by an earlier run), when it is known.
    pub fn from_bytes_knowing(
        path: &str,
        bytes: &[u8],
        known: &Known<'_>,
    ) -> Result<Article, SkipReason> {
        let decoded = decode::decode(bytes)?;
        let meta = known(path, &decoded.text).unwrap_or_else(|| metadata::extract(&decoded.text));
        Ok(Article {
            path: path.to_owned(),
            text: decoded.text,
            encoding: decoded.encoding,
            meta,
        })
    }
}

/// Something to tell the analyst about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file was not loaded.
    Skipped(SkipReason),
    /// Loaded, but its bytes were not UTF-8 and were read as this encoding.
    Redecoded(Encoding),
    /// A folder that could not be listed; its files are missing.
    UnlistedFolder(String),
}

impl Problem {
    /// Whether the file is missing from the corpus (as opposed to loaded with a warning).
    pub fn is_skip(&self) -> bool {
        !matches!(self, Problem::Redecoded(_))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Skipped(reason) => write!(f, "skipped: {reason}"),
            Problem::Redecoded(enc) => write!(
                f,
                "not valid UTF-8; read as {} (check accented letters and quotes)",
                enc.label()
            ),
            Problem::UnlistedFolder(error) => write!(f, "folder cannot be listed: {error}"),
        }
    }
}

/// A problem and the file (relative path) it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub path: String,
    pub problem: Problem,
}

/// A loaded folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corpus {
    pub root: PathBuf,
    /// Sorted by path.
    pub articles: Vec<Article>,
    /// Sorted by path.
    pub problems: Vec<FileProblem>,
}

impl Corpus {
    pub fn article(&self, path: &str) -> Option<&Article> {
        self.articles
            .binary_search_by(|a| a.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.articles[i])
    }

    /// Files that could not be loaded at all.
    pub fn skipped(&self) -> impl Iterator<Item = &FileProblem> {
        self.problems.iter().filter(|p| p.problem.is_skip())
    }
}

/// The corpus folder itself is unusable.
#[derive(Debug, thiserror::Error)]
#[error("{}: {reason}", path.display())]
pub struct LoadError {
    pub path: PathBuf,
    pub reason: String,
}

/// How far a load has got, readable from another thread (for a progress bar).
#[derive(Debug, Default)]
pub struct Progress {
    /// Files found.
    pub total: AtomicUsize,
    /// Files read and parsed so far.
    pub read: AtomicUsize,
    /// Articles whose meetings have been extracted (filled in by the workspace).
    pub extracted: AtomicUsize,
}

/// Load every report under `root`.
pub fn load(root: &Path) -> Result<Corpus, LoadError> {
    load_with_progress(root, &Progress::default())
}

/// Load every report under `root`, reading and parsing files in parallel and counting
/// them in `progress`.
pub fn load_with_progress(root: &Path, progress: &Progress) -> Result<Corpus, LoadError> {
    load_knowing(root, progress, &|_: &str, _: &str| None)
}

/// The metadata read before from a report's text (its path, its text), when known.
pub type Known<'a> = dyn Fn(&str, &str) -> Option<Metadata> + Sync + 'a;

/// As [`load_with_progress`], taking a report's metadata from `known` where it gives
/// it (an earlier run read the same text) instead of reading it again.
pub fn load_knowing(
    root: &Path,
    progress: &Progress,
    known: &Known<'_>,
) -> Result<Corpus, LoadError> {
    Ok(load_listed(root, list(root)?, progress, known))
}

/// The report files in the folder `root`, and the folders that could not be listed.
pub struct Listed {
    found: Vec<scan::Found>,
    unlisted: Vec<scan::Unlisted>,
}

/// List the folder `root` (the first half of [`load_knowing`], which a caller may run
/// beside other work).
pub fn list(root: &Path) -> Result<Listed, LoadError> {
    let fail = |reason: String| LoadError {
        path: root.to_path_buf(),
        reason,
    };
    match fs::metadata(root) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(fail("not a folder".into())),
        Err(e) => return Err(fail(e.to_string())),
    }
    let (found, unlisted) = scan::scan(root).map_err(|e| fail(e.to_string()))?;
    Ok(Listed { found, unlisted })
}

/// Read the reports `listed` in the folder `root`: the second half of [`load_knowing`].
pub fn load_listed(
    root: &Path,
    Listed { found, unlisted }: Listed,
    progress: &Progress,
    known: &Known<'_>,
) -> Corpus {
    progress.total.store(found.len(), Ordering::Relaxed);
    let mut corpus = Corpus {
        root: root.to_path_buf(),
        ..Corpus::default()
    };
    for folder in unlisted {
        corpus.problems.push(FileProblem {
            path: folder.rel,
            problem: Problem::UnlistedFolder(folder.error),
        });
    }
    let loaded: Vec<Result<Article, FileProblem>> = found
        .into_par_iter()
        .map(|file| {
            let result = load_file_knowing(&file.rel, &file.abs, known);
            progress.read.fetch_add(1, Ordering::Relaxed);
            result
        })
        .collect();
    for result in loaded {
        match result {
            Ok(article) => {
                if article.encoding == Encoding::Windows1252 {
                    corpus.problems.push(FileProblem {
                        path: article.path.clone(),
                        problem: Problem::Redecoded(article.encoding),
                    });
                }
                corpus.articles.push(article);
            }
            Err(problem) => corpus.problems.push(problem),
        }
    }
    corpus.problems.sort_by(|a, b| a.path.cmp(&b.path));
    corpus
}

/// Read and parse one file (`rel` is its path in the corpus, `abs` on disk).
pub fn load_file(rel: &str, abs: &Path) -> Result<Article, FileProblem> {
    load_file_knowing(rel, abs, &|_: &str, _: &str| None)
}

fn load_file_knowing(rel: &str, abs: &Path, known: &Known<'_>) -> Result<Article, FileProblem> {
    read_limited(abs)
        .and_then(|bytes| Article::from_bytes_knowing(rel, &bytes, known))
        .map_err(|reason| FileProblem {
            path: rel.to_owned(),
            problem: Problem::Skipped(reason),
        })
}

/// A file's bytes, refusing (without reading it all) one above the size limit, and
/// anything that is not a regular file (a FIFO or device would block or never end).
fn read_limited(path: &Path) -> Result<Vec<u8>, SkipReason> {
    use crate::fsio::{ReadError, read_regular};
    read_regular(path, decode::MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::TooLarge { bytes, limit } => SkipReason::TooLarge { bytes, limit },
        other => SkipReason::Unreadable {
            error: other.to_string(),
        },
    })
}
