//! Why an export could not be made, naming the file concerned.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The export could not be written where asked.
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A report could not be read again as stored (for positions counted in the file).
    #[error("{}: {reason}", path.display())]
    Read { path: PathBuf, reason: String },
    /// A report changed on disk since dossier read it.
    #[error("{}: changed since it was read; export again", path.display())]
    Changed { path: PathBuf },
    /// The format cannot be written this way (Obsidian notes need a folder).
    #[error("{0}")]
    Unsupported(&'static str),
    /// Rendering the format failed (a writer's own error).
    #[error("{0}")]
    Render(String),
}
