//! `dossier highlight FOLDER --article FILE --quote TEXT [--occurrence N] --tag NAME…
//! [--note TEXT]`: tag a passage from a script, as the app does (through
//! [`Workspace::apply`]), and save under the sidecar's lock.

use super::Fatal;
use crate::annotations::ops::TagChoice;
use crate::annotations::sidecar::{self, Wait};
use crate::corpus::decode;
use crate::text;
use crate::workspace::{Edit, Refused, SaveState, Workspace};
use std::ops::Range;
use std::path::Path;
use std::process::ExitCode;

/// How long to wait for another process that is saving the sidecar.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

pub struct Request<'a> {
    pub folder: &'a Path,
    pub article: &'a str,
    pub quote: &'a str,
    pub occurrence: Option<usize>,
    pub tags: &'a [String],
    pub note: Option<&'a str>,
}

pub fn run(req: Request<'_>) -> Result<ExitCode, Fatal> {
    let rel = article_key(req.article).ok_or_else(|| {
        Fatal(format!(
            "{}: not a file inside {}",
            req.article,
            req.folder.display()
        ))
    })?;
    let file = req.folder.join(&rel);
    let mut ws = Workspace::open(req.folder)?;
    if let SaveState::ReadOnly(e) = ws.save_state() {
        return Err(Fatal(e.clone()));
    }
    let a = ws.article_index(&rel).ok_or_else(|| {
        let problem = ws.corpus().problems.iter().find(|p| p.path == rel);
        match problem {
            Some(p) => Fatal(format!("{}: {}", file.display(), p.problem)),
            None => Fatal(format!("{}: not a report in the folder", file.display())),
        }
    })?;
    let range = passage_of(&ws.corpus().articles[a].text, &req, &file)?;
    // Tagged as the app tags: a passage that already has a highlight gets the tags added.
    let now = jiff::Timestamp::now();
    let refused = |e: Refused| match e {
        Refused::ReadOnly => Fatal(format!("{}: the annotations are read-only", file.display())),
        Refused::Nothing(why) => Fatal(format!("{}: {why}", file.display())),
    };
    let mut highlight = None;
    for name in req.tags {
        let tag = TagChoice::New(name.clone());
        let article = rel.clone();
        let edit = Edit::ApplyTag {
            article,
            range: range.clone(),
            tag,
        };
        highlight = ws.apply(edit, now).map_err(refused)?.highlight;
    }
    let id = highlight.ok_or_else(|| Fatal("give at least one --tag".into()))?;
    if let Some(note) = req.note {
        let (article, highlight, note) = (rel.clone(), id.clone(), note.to_owned());
        let edit = Edit::SetHighlightNote {
            article,
            highlight,
            note,
        };
        ws.apply(edit, now).map_err(refused)?;
    }
    // Under the sidecar's lock, merged with what is there now: another writer's work (a
    // second `dossier highlight`, the app) is kept, never overwritten.
    ws.save_waiting(Wait::UpTo(LOCK_WAIT));
    match ws.save_state() {
        SaveState::Saved => {
            println!("{id}");
            Ok(ExitCode::SUCCESS)
        }
        SaveState::Failed(e) | SaveState::ReadOnly(e) => Err(Fatal(e.clone())),
        SaveState::Unsaved { .. } => Err(Fatal(format!(
            "{}: another process held the annotations for a minute; nothing was saved",
            sidecar::path(req.folder).display()
        ))),
    }
}

/// The passage the quote names in `text` (char range, grown to whole words).
fn passage_of(text: &str, req: &Request<'_>, file: &Path) -> Result<Range<usize>, Fatal> {
    let quote = decode::normalise_line_ends(req.quote);
    if quote.trim().is_empty() {
        return Err(Fatal("--quote is empty".into()));
    }
    let found: Vec<usize> = text.match_indices(&quote).map(|(i, _)| i).collect();
    let at = match (found.len(), req.occurrence) {
        (0, _) => {
            return Err(Fatal(format!(
                "{}: quote not found: {:?}",
                file.display(),
                text::shorten(&quote, 80)
            )));
        }
        (1, None) => found[0],
        (n, None) => {
            return Err(Fatal(format!(
                "{}: the quote occurs {n} times; choose one with --occurrence 1..{n}",
                file.display()
            )));
        }
        (n, Some(k)) if k == 0 || k > n => {
            return Err(Fatal(format!(
                "{}: --occurrence {k} is out of range: the quote occurs {n} time(s)",
                file.display()
            )));
        }
        (_, Some(k)) => found[k - 1],
    };
    let found = text::byte_range_to_chars(text, at..at + quote.len());
    // A highlight is whole words: a quote that starts or ends inside a word grows to it.
    let range = text::passage(text, found.clone()).map_err(|why| {
        Fatal(format!(
            "{}: cannot highlight the quote: {why}",
            file.display()
        ))
    })?;
    if range != found {
        let widened = &text[text::char_range_to_bytes(text, range.clone())];
        eprintln!("dossier: the quote was widened to whole words: {widened:?}");
    }
    Ok(range)
}

/// `FILE` as the corpus knows it: relative, `/`-separated, without `./`; `None` if it
/// would leave the folder.
fn article_key(file: &str) -> Option<String> {
    let parts: Vec<&str> = file
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.is_empty() || parts.contains(&"..") || file.starts_with('/') {
        return None;
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn article_keys_stay_inside_the_folder() {
        use super::article_key;
        assert_eq!(article_key("./a/b.txt").as_deref(), Some("a/b.txt"));
        assert_eq!(article_key("a\\b.txt").as_deref(), Some("a/b.txt"));
        assert_eq!(article_key("../x.txt"), None);
        assert_eq!(article_key("/etc/passwd"), None);
    }
}
