//! `dossier check FOLDER`: what could not be loaded, or was loaded with a warning, and why.
//! Never writes anything.

use super::Fatal;
use crate::corpus;
use std::path::Path;
use std::process::ExitCode;

pub fn run(folder: &Path) -> Result<ExitCode, Fatal> {
    let corpus = corpus::load(folder)?;
    for p in &corpus.problems {
        println!("{}: {}", folder.join(&p.path).display(), p.problem);
    }
    let skipped = corpus.skipped().count();
    let redecoded = corpus.problems.len() - skipped;
    println!(
        "{} articles loaded, {skipped} files skipped, {redecoded} re-decoded",
        corpus.articles.len()
    );
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
