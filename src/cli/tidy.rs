//! `dossier tidy FOLDER [--dry-run]`: clean up blank highlights, highlights that cut
//! words, and tags named alike (see [`crate::annotations::tidy`]) with the workspace's
//! one way in ([`Edit::Tidy`]), saved under the sidecar's lock so another writer's work
//! is merged, never lost.

use super::Fatal;
use crate::annotations::{sidecar, tidy};
use crate::workspace::{Edit, Refused, SaveState, Workspace};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

pub fn run(folder: &Path, dry_run: bool) -> Result<ExitCode, Fatal> {
    let mut ws = Workspace::open(folder)?;
    if let SaveState::ReadOnly(e) = ws.save_state() {
        return Err(Fatal(e.clone()));
    }
    if dry_run {
        let corpus = ws.corpus();
        let found = tidy::find(ws.store(), |p| corpus.article(p).map(|a| a.text.as_str()));
        for f in &found {
            println!("would fix: {f}");
        }
        println!("{} to tidy", found.len());
        return Ok(ExitCode::SUCCESS);
    }
    let fixed = match ws.apply(Edit::Tidy, jiff::Timestamp::now()) {
        Ok(applied) => applied.fixed,
        Err(Refused::ReadOnly) => return Err(Fatal("the annotations are read-only".into())),
        Err(Refused::Nothing(why)) => return Err(Fatal(why)),
    };
    // Under the sidecar's lock, merged with what is there now.
    ws.save_waiting(sidecar::Wait::UpTo(Duration::from_secs(30)));
    match ws.save_state() {
        SaveState::Saved => {}
        SaveState::Failed(e) | SaveState::ReadOnly(e) => return Err(Fatal(e.clone())),
        SaveState::Unsaved { .. } => {
            let path = sidecar::path(folder);
            let busy = "another process held the annotations; nothing was saved";
            return Err(Fatal(format!("{}: {busy}", path.display())));
        }
    }
    for f in &fixed {
        println!("fixed: {f}");
    }
    println!("{} tidied", fixed.len());
    Ok(ExitCode::SUCCESS)
}
