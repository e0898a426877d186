//! The command line (a stable contract: the README's "Command line" section). Each
//! subcommand reads the same model the app reads and prints TSV or JSON; errors go to
//! stderr naming the file.
//!
//! Exit codes: 0 fine, 1 problems found, 2 bad usage or an error that stopped the command.

mod agree;
mod analyse;
mod articles;
mod check;
pub mod export;
mod gazetteer;
mod highlight;
mod meetings;
mod merge_sidecar;
mod output;
mod tidy;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "Read folders of news reports on leaders' meetings: a timeline of meetings, highlights, tags and notes.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Corpus folder to open in the app (default: the last one opened).
    pub folder: Option<PathBuf>,
    /// Open FOLDER, render one frame, write it as a PNG and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles with their metadata (columns: file title published source place).
    Articles {
        folder: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Tsv)]
        format: Format,
    },
    /// List the meetings each report tells of, one row per counterpart (columns: file
    /// published source meeting date leader leader_country counterpart counterpart_country
    /// kind location).
    Meetings {
        folder: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Tsv)]
        format: Format,
    },
    /// Highlight a passage (found by its text) and tag it; creates missing tags.
    Highlight {
        folder: PathBuf,
        /// The article, as a path relative to FOLDER.
        #[arg(long)]
        article: String,
        /// The exact text to highlight.
        #[arg(long)]
        quote: String,
        /// Which occurrence of the quote (from 1), when it occurs more than once.
        #[arg(long)]
        occurrence: Option<usize>,
        /// Tag names (created if missing).
        #[arg(long = "tag", value_name = "NAME", required = true, num_args = 1..)]
        tags: Vec<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Merge three versions of a sidecar, as a git merge driver (`%O %A %B`): the result
    /// replaces OURS; exit 1 when conflicts were recorded for the app to resolve.
    MergeSidecar {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
    },
    /// Export annotated notes (to stdout, or to --output PATH; a .qdpx needs --output).
    Export(export::Request),
    /// Report skipped or re-decoded files and where each highlight stands (exact, moved,
    /// fuzzy, orphan); exit 1 if a file was skipped or a highlight is orphaned. Never writes.
    Check {
        folder: PathBuf,
        /// `tsv` prints the highlights as `id article status start end quote`.
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// List who held which office when, as dossier resolves titles with them (columns:
    /// person country office from to acting source).
    Gazetteer(gazetteer::Request),
    /// Theme tables: tags × counterpart country, leader, kind or year (`matrix`), passages
    /// per tag per period (`trends`), tags that occur together (`cooccurrence`).
    Analyse(analyse::Request),
    /// How the folder's annotations and a second analyst's sidecar agree, on sentences:
    /// per tag the percentage agreement and Cohen's kappa, overall the percentage
    /// agreement and Krippendorff's alpha (tags matched by their path of names).
    Agree {
        folder: PathBuf,
        /// The other analyst's sidecar (an `annotations.ron` of the same corpus).
        #[arg(long = "with", value_name = "OTHER.ron")]
        other: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Tsv)]
        format: Format,
    },
    /// Clean up what `check` lists as blank highlights, highlights that cut words, and
    /// tags named alike under one parent: removes, widens and merges them, under the
    /// sidecar's lock. `--dry-run` only says what it would do.
    Tidy {
        folder: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Tsv,
    Json,
}

/// An error that stops a command: printed as `dossier: MESSAGE`, exit 2.
#[derive(Debug)]
pub struct Fatal(pub String);

impl<E: std::error::Error> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

/// The corpus of `folder` with the sidecar's metadata corrections applied, and the
/// sidecar (for commands without meetings; meetings go through [`derive`]).
///
/// [`derive`]: crate::workspace::derive
fn load_corrected(
    folder: &std::path::Path,
) -> Result<(crate::corpus::Corpus, crate::annotations::Store), Fatal> {
    let mut corpus = crate::corpus::load(folder)?;
    let (store, _) = crate::annotations::sidecar::load(folder)?;
    crate::annotations::corrections::apply_to_corpus(&mut corpus, &store);
    Ok((corpus, store))
}

/// Run a subcommand and turn its outcome into an exit code.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Articles { folder, format } => articles::run(&folder, format),
        Command::Meetings { folder, format } => meetings::run(&folder, format),
        Command::Highlight {
            folder,
            article,
            quote,
            occurrence,
            tags,
            note,
        } => highlight::run(highlight::Request {
            folder: &folder,
            article: &article,
            quote: &quote,
            occurrence,
            tags: &tags,
            note: note.as_deref(),
        }),
        Command::Check { folder, format } => check::run(&folder, format),
        Command::Tidy { folder, dry_run } => tidy::run(&folder, dry_run),
        Command::Analyse(request) => analyse::run(request),
        Command::Agree {
            folder,
            other,
            format,
        } => agree::run(&folder, &other, format),
        Command::Export(request) => export::run(request),
        Command::Gazetteer(request) => gazetteer::run(request),
        Command::MergeSidecar { base, ours, theirs } => merge_sidecar::run(&base, &ours, &theirs),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(message)) => {
            eprintln!("dossier: {message}");
            ExitCode::from(2)
        }
    }
}
