//! `dossier highlight FOLDER --article FILE --quote TEXT [--occurrence N] --tag NAME…
//! [--note TEXT]`: add a highlight to the sidecar from a script.

use super::Fatal;
use crate::annotations::{self, sidecar};
use crate::corpus::{Article, decode};
use crate::text;
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
    let bytes = crate::fsio::read_regular(&file, decode::MAX_FILE_BYTES)
        .map_err(|e| Fatal(format!("{}: {e}", file.display())))?;
    let article = Article::from_bytes(&rel, &bytes)
        .map_err(|reason| Fatal(format!("{}: {reason}", file.display())))?;

    let quote = decode::normalise_line_ends(req.quote);
    if quote.trim().is_empty() {
        return Err(Fatal("--quote is empty".into()));
    }
    let found: Vec<usize> = article.text.match_indices(&quote).map(|(i, _)| i).collect();
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
    let found = text::byte_range_to_chars(&article.text, at..at + quote.len());
    // A highlight is whole words: a quote that starts or ends inside a word grows to it.
    let range = text::passage(&article.text, found.clone()).map_err(|why| {
        Fatal(format!(
            "{}: cannot highlight the quote: {why}",
            file.display()
        ))
    })?;
    if range != found {
        let widened = &article.text[text::char_range_to_bytes(&article.text, range.clone())];
        eprintln!("dossier: the quote was widened to whole words: {widened:?}");
    }
    // Under the sidecar's lock: read what is there now, add, save. Another writer's work
    // (a second `dossier highlight`, the app) is merged, never overwritten.
    let (id, _) = sidecar::update(req.folder, sidecar::Wait::UpTo(LOCK_WAIT), |store| {
        let tag_ids: Vec<String> = req
            .tags
            .iter()
            .map(|name| annotations::ensure_tag(store, name))
            .collect();
        annotations::add_highlight(
            store,
            &rel,
            &article.text,
            range,
            tag_ids,
            req.note.unwrap_or(""),
            jiff::Timestamp::now(),
        )
    })?;
    println!("{id}");
    Ok(ExitCode::SUCCESS)
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
