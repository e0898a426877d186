//! The command line (a stable contract: see DESIGN.md). Each subcommand reads the same
//! model the app reads and prints TSV or JSON; errors go to stderr naming the file.
//!
//! Exit codes: 0 fine, 1 problems found, 2 bad usage or an error that stopped the command.

mod articles;
mod check;
mod output;

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
    /// Report files that were skipped or re-decoded; exit 1 if any file was skipped.
    Check { folder: PathBuf },
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

/// Run a subcommand and turn its outcome into an exit code.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Articles { folder, format } => articles::run(&folder, format),
        Command::Check { folder } => check::run(&folder),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(message)) => {
            eprintln!("dossier: {message}");
            ExitCode::from(2)
        }
    }
}
