//! `dossier export FOLDER --format markdown|csv|json|qdpx|qdc|codebook-csv|obsidian [--output PATH] [--by-tag] [--bom]
//! [--raw-offsets] [--tag NAME…] [--country NAME…] [--leader NAME…] [--from DATE] [--to DATE]`.

use super::Fatal;
pub use crate::export::ExportFormat;
use crate::export::options::ExportOptions;
use crate::export::{self, write_file};
use crate::filter::Query;
use crate::workspace::{SaveState, Workspace};
use jiff::civil::Date;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What to export, where, and the filters choosing what goes in.
#[derive(Debug, clap::Args)]
pub struct Request {
    pub folder: PathBuf,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    #[arg(long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Markdown only: a codebook report grouped by tag instead of notes by article.
    #[arg(long)]
    pub by_tag: bool,
    /// qdpx: the coder's name, so the QDA tool files the codings under them (default
    /// "dossier").
    #[arg(long, value_name = "NAME")]
    pub coder: Option<String>,
    /// CSV (notes or codebook): start with a UTF-8 byte order mark, so Excel and
    /// LibreOffice read UTF-8.
    #[arg(long)]
    pub bom: bool,
    /// CSV, JSON, Markdown, Obsidian: count positions in each report as stored (a byte
    /// order mark as one character, CRLF as two) instead of as dossier reads it. Not for
    /// qdpx, whose packed sources are the text as dossier reads it.
    #[arg(long)]
    pub raw_offsets: bool,
    /// Only highlights with one of these tags.
    #[arg(long = "tag", value_name = "NAME", num_args = 1..)]
    pub tags: Vec<String>,
    /// Only articles reporting a meeting with one of these countries.
    #[arg(long = "country", value_name = "NAME", num_args = 1..)]
    pub countries: Vec<String>,
    /// Only articles reporting a meeting with one of these leaders.
    #[arg(long = "leader", value_name = "NAME", num_args = 1..)]
    pub leaders: Vec<String>,
    /// Only articles reporting a meeting on or after this date (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<Date>,
    /// Only articles reporting a meeting on or before this date (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<Date>,
}

pub fn run(req: Request) -> Result<ExitCode, Fatal> {
    let ws = Workspace::open(&req.folder)?;
    if let SaveState::ReadOnly(e) = &ws.save_state() {
        return Err(Fatal(e.clone()));
    }
    let mut q = Query {
        countries: req.countries.into_iter().collect(),
        leaders: req.leaders.into_iter().collect(),
        from: req.from,
        to: req.to,
        ..Query::default()
    };
    for name in &req.tags {
        let tag = ws.store().tag_by_name(name).ok_or_else(|| {
            Fatal(format!(
                "{}: no tag named {name:?}",
                sidecar_path(&req.folder)
            ))
        })?;
        q.tags.insert(tag.id.clone());
    }
    let opts = ExportOptions {
        format: req.format,
        by_tag: req.by_tag,
        bom: req.bom,
        coder: req.coder.clone().unwrap_or_default(),
        raw_offsets: req.raw_offsets,
    };
    if req.raw_offsets && req.format == ExportFormat::Qdpx {
        return Err(Fatal(
            "--raw-offsets: a .qdpx packs each report as dossier reads it, and its positions count in that".into(),
        ));
    }
    let notes = opts.notes(&ws, &q)?;
    if req.format == ExportFormat::Obsidian {
        let dir =
            (req.output.as_deref()).ok_or_else(|| Fatal(export::OBSIDIAN_NEEDS_A_FOLDER.into()))?;
        return write_vault(&notes, &req.folder, dir);
    }
    let bytes = opts.bytes(&notes)?;
    match req.output {
        Some(path) => {
            write_file(&path, &bytes)?;
            eprintln!(
                "dossier: wrote {} highlights from {} articles to {}",
                notes.highlight_count(),
                notes.articles.len(),
                path.display()
            );
        }
        None if req.format == ExportFormat::Qdpx => {
            return Err(Fatal(
                "a .qdpx project is a zip file: give it a name with --output PATH".into(),
            ));
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One Markdown file per report into `dir` (made if missing), linking back to `folder`.
fn write_vault(notes: &export::Notes, folder: &Path, dir: &Path) -> Result<ExitCode, Fatal> {
    std::fs::create_dir_all(dir).map_err(|e| Fatal(format!("{}: {e}", dir.display())))?;
    let to_corpus = relative(dir, folder);
    let files = export::obsidian::files(notes, &to_corpus);
    for (name, text) in &files {
        write_file(&dir.join(name), text.as_bytes())?;
    }
    eprintln!(
        "dossier: wrote {} notes for {} highlights to {}",
        files.len(),
        notes.highlight_count(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `to` as seen from `from` (both folders), ending in `/`: `../corpus/`.
fn relative(from: &Path, to: &Path) -> String {
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (from, to) = (canon(from), canon(to));
    let (a, b): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    let shared = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); a.len() - shared];
    parts.extend(
        b[shared..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    let mut out = parts.join("/");
    if !out.is_empty() {
        out.push('/');
    }
    out
}

fn sidecar_path(folder: &Path) -> String {
    crate::annotations::sidecar::path(folder)
        .display()
        .to_string()
}
