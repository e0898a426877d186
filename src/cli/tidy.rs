//! `dossier tidy FOLDER [--dry-run]`: clean up blank highlights, highlights that cut
//! words, and tags named alike (see [`crate::annotations::tidy`]), under the sidecar's
//! lock so another writer's work is merged, never lost.

use super::Fatal;
use crate::annotations::{sidecar, tidy};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

pub fn run(folder: &Path, dry_run: bool) -> Result<ExitCode, Fatal> {
    let corpus = crate::corpus::load(folder)?;
    let text_of = |p: &str| corpus.article(p).map(|a| a.text.as_str());
    if dry_run {
        let (store, _) = sidecar::load(folder)?;
        let found = tidy::find(&store, text_of);
        for f in &found {
            println!("would fix: {f}");
        }
        println!("{} to tidy", found.len());
        return Ok(ExitCode::SUCCESS);
    }
    let wait = sidecar::Wait::UpTo(Duration::from_secs(30));
    let (found, _) = sidecar::update(folder, wait, |store| {
        let found = tidy::find(store, text_of);
        tidy::fix(store, &found, text_of);
        found
    })?;
    for f in &found {
        println!("fixed: {f}");
    }
    println!("{} tidied", found.len());
    Ok(ExitCode::SUCCESS)
}
