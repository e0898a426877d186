//! `dossier merge-sidecar BASE OURS THEIRS`: the git merge driver for `annotations.ron`
//! (`%O %A %B`). The three versions are merged by [`crate::annotations::merge`], the same
//! engine the app and `dossier highlight` save with, and the result replaces OURS, as git
//! expects. Exit 0 when the merge is clean, 1 when it recorded conflicts (in the file's
//! `conflicts` list, which the app shows for the analyst to choose), 2 when a version
//! cannot be read (OURS is then left as it was).

use super::Fatal;
use crate::annotations::model::Store;
use crate::annotations::{merge, sidecar};
use std::path::Path;
use std::process::ExitCode;

pub fn run(base: &Path, ours: &Path, theirs: &Path) -> Result<ExitCode, Fatal> {
    let (b, o, t) = (read(base)?, read(ours)?, read(theirs)?);
    let (merged, report) = merge::merge(&b, &o, &t);
    sidecar::save_copy(ours, &merged)?;
    let summary = report.summary();
    if !summary.is_empty() {
        eprintln!("dossier: {}: merged: {summary}", ours.display());
    }
    if report.conflicts > 0 {
        eprintln!(
            "dossier: {}: {} conflict(s) recorded; open the corpus in dossier to choose, then `git add` the file",
            ours.display(),
            report.conflicts
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// One version: git passes an empty file for a side that has none (no common ancestor).
fn read(path: &Path) -> Result<Store, Fatal> {
    let bytes = crate::fsio::read_regular(path, sidecar::MAX_SIDECAR_BYTES)
        .map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Store::default());
    }
    Ok(sidecar::parse(path, &bytes)?)
}
