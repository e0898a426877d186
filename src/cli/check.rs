//! `dossier check FOLDER [--format tsv]`: what could not be loaded, or was loaded with a
//! warning, and where each highlight stands now; a sidecar that cannot be read (with file
//! and line), conflicts waiting to be resolved, temporary files a killed save left, and
//! what `dossier tidy` would clean up (blank highlights, cut words, tags named alike).
//! Never writes anything.

use super::output::{self, Row};
use super::{Fatal, Format};
use crate::annotations::{self, Status, Store, sidecar, tidy};
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

#[derive(Serialize)]
struct HighlightRow<'a> {
    id: &'a str,
    article: &'a str,
    status: &'static str,
    start: usize,
    end: usize,
    quote: &'a str,
}

impl Row for HighlightRow<'_> {
    const HEADER: &'static [&'static str] = &["id", "article", "status", "start", "end", "quote"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_owned(),
            self.article.to_owned(),
            self.status.to_owned(),
            self.start.to_string(),
            self.end.to_string(),
            self.quote.to_owned(),
        ]
    }
}

/// Problems of the sidecar itself, one line each.
fn sidecar_problems(folder: &Path, loaded: &Result<Store, String>) -> Vec<String> {
    let mut out = Vec::new();
    match loaded {
        Err(e) => out.push(e.clone()),
        Ok(store) => {
            for c in &store.conflicts {
                out.push(format!(
                    "{}: unresolved conflict on {:?}{}; open the corpus in dossier to choose",
                    sidecar::path(folder).display(),
                    c.item,
                    if c.field.is_empty() {
                        String::new()
                    } else {
                        format!(" field {}", c.field)
                    }
                ));
            }
        }
    }
    for t in sidecar::stray_temps(folder) {
        out.push(format!(
            "{}: temporary file left by an interrupted save (the next save removes it once a minute old)",
            folder.join(t).display()
        ));
    }
    out
}

/// At most this many lines of what `tidy` would fix; the rest are counted.
const UNTIDY_SHOWN: usize = 20;

/// What `dossier tidy` would fix, a line each up to [`UNTIDY_SHOWN`], then a count.
fn untidy_lines(found: &[tidy::Finding]) -> Vec<String> {
    let mut out: Vec<String> = found
        .iter()
        .take(UNTIDY_SHOWN)
        .map(|f| format!("{f} (dossier tidy fixes it)"))
        .collect();
    if found.len() > UNTIDY_SHOWN {
        out.push(format!(
            "… and {} more to tidy (dossier tidy --dry-run lists them all)",
            found.len() - UNTIDY_SHOWN
        ));
    }
    out
}

pub fn run(folder: &Path, format: Option<Format>) -> Result<ExitCode, Fatal> {
    let mut corpus = crate::corpus::load(folder)?;
    let loaded = sidecar::load(folder)
        .map(|(s, _)| s)
        .map_err(|e| e.to_string());
    let problems = sidecar_problems(folder, &loaded);
    let store = loaded.unwrap_or_default();
    crate::annotations::corrections::apply_to_corpus(&mut corpus, &store);
    let untidy = tidy::find(&store, |p| corpus.article(p).map(|a| a.text.as_str()));
    let gazetteer = crate::gazetteer::Gazetteer::for_folder(folder).err();
    let problems: Vec<String> = problems
        .into_iter()
        .chain(untidy_lines(&untidy))
        .chain(gazetteer)
        .collect();
    let placed = annotations::place_all(&store, &corpus);
    let rows: Vec<HighlightRow> = placed
        .iter()
        .map(|p| {
            let range = p
                .resolved
                .range
                .clone()
                .unwrap_or(p.highlight.anchor.start..p.highlight.anchor.end);
            HighlightRow {
                id: &p.highlight.id,
                article: p.article,
                status: p.resolved.status.as_str(),
                start: range.start,
                end: range.end,
                quote: &p.highlight.anchor.quote,
            }
        })
        .collect();
    let skipped = corpus.skipped().count();
    let orphans = placed
        .iter()
        .filter(|p| p.resolved.status == Status::Orphan)
        .count();

    match format {
        Some(format) => {
            for p in &corpus.problems {
                eprintln!("dossier: {}: {}", folder.join(&p.path).display(), p.problem);
            }
            for p in &problems {
                eprintln!("dossier: {p}");
            }
            output::print(&rows, format)?;
        }
        None => {
            for p in &corpus.problems {
                println!("{}: {}", folder.join(&p.path).display(), p.problem);
            }
            for p in &problems {
                println!("{p}");
            }
            for r in rows.iter().filter(|r| r.status != "exact") {
                println!(
                    "{}: highlight {} is {} ({}..{}): {:?}",
                    folder.join(r.article).display(),
                    r.id,
                    r.status,
                    r.start,
                    r.end,
                    crate::text::shorten(r.quote, 60)
                );
            }
            let redecoded = corpus.problems.len() - skipped;
            println!(
                "{} articles loaded, {skipped} files skipped, {redecoded} re-decoded; {} highlights, {orphans} orphaned",
                corpus.articles.len(),
                rows.len()
            );
        }
    }
    Ok(if skipped > 0 || orphans > 0 || !problems.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
