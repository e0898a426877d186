//! Reports changed on disk, read again off the window's thread and put in place in one
//! step. [`Workspace::reload_job`] takes what reading needs (the folder, the gazetteer,
//! the analyst's corrections of those reports) into a [`ReloadJob`] that a worker runs,
//! reading, decoding and extracting the files in parallel; [`Workspace::apply_reload`]
//! then replaces, inserts and drops articles in one pass over the corpus (never one
//! insertion per file), so a checkout of thousands of files costs the window one short
//! step. A report whose corrections or gazetteer changed while the worker ran is derived
//! again when applied, so nothing applied is stale.

use super::derive::{self, Derived};
use super::{Keys, Workspace, keys_to_keep};
use crate::annotations::ArticleNotes;
use crate::corpus::{self, Article, FileProblem};
use crate::gazetteer::Gazetteer;
use crate::meetings::Meeting;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// What a worker needs to read reports again: owned, so the workspace stays free.
pub struct ReloadJob {
    /// Each report's path in the corpus and on disk, in the order reported.
    files: Vec<(String, PathBuf)>,
    /// The analyst's corrections of those reports (metadata, meetings) as they were.
    corrections: HashMap<String, ArticleNotes>,
    /// The analyst's gazetteer, when the folder has one.
    gazetteer: Option<Arc<Gazetteer>>,
}

/// The reports read again, for [`Workspace::apply_reload`].
#[derive(Clone)]
pub struct Reloaded {
    files: Vec<(String, Reread)>,
    corrections: HashMap<String, ArticleNotes>,
    gazetteer: Option<Arc<Gazetteer>>,
}

/// One file as read again.
#[derive(Clone)]
enum Reread {
    /// It is gone (or not a regular file).
    Missing,
    /// It could not be read as a report: why.
    Bad(FileProblem),
    /// Read, with its metadata and meetings derived.
    Read(Box<(Article, Derived)>),
}

impl ReloadJob {
    /// How many reports it reads again.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Read, decode and extract every report (in parallel).
    pub fn run(self) -> Reloaded {
        let gaz = super::gazetteer_of(&self.gazetteer);
        let corrections = &self.corrections;
        let files = (self.files.into_par_iter())
            .map(|(rel, abs)| {
                let reread = if !abs.is_file() {
                    Reread::Missing
                } else {
                    match corpus::load_file(&rel, &abs) {
                        Err(problem) => Reread::Bad(problem),
                        Ok(article) => {
                            let d = derive::derive(&article, corrections.get(&rel), gaz);
                            Reread::Read(Box::new((article, d)))
                        }
                    }
                };
                (rel, reread)
            })
            .collect();
        Reloaded {
            files,
            corrections: self.corrections,
            gazetteer: self.gazetteer,
        }
    }
}

/// What of `notes` extraction reads: the corrections of metadata and meetings.
fn corrections_of(notes: &ArticleNotes) -> ArticleNotes {
    ArticleNotes {
        metadata: notes.metadata.clone(),
        meetings: notes.meetings.clone(),
        added_meetings: notes.added_meetings.clone(),
        ..ArticleNotes::default()
    }
}

/// An article as it will be kept: corrected metadata, meetings, keys.
type Placed = (Article, Arc<[Meeting]>, Keys);

impl Workspace {
    /// What reading the files at `paths` again needs (absolute paths inside the folder;
    /// others, and files that are not reports, are left out).
    pub fn reload_job(&self, paths: &[PathBuf]) -> ReloadJob {
        let mut seen = HashSet::new();
        let mut files = Vec::new();
        for abs in paths {
            let Ok(rel) = abs.strip_prefix(&self.folder) else {
                continue;
            };
            let parts: Vec<String> = (rel.components())
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let Some(name) = parts.last() else { continue };
            if !corpus::scan::is_report_name(name)
                || parts.iter().any(|p| corpus::scan::is_skipped_name(p))
            {
                continue;
            }
            let rel = parts.join("/");
            if seen.insert(rel.clone()) {
                files.push((rel, abs.clone()));
            }
        }
        let corrections = (files.iter())
            .filter_map(|(rel, _)| {
                let notes = self.store.articles.get(rel)?;
                Some((rel.clone(), corrections_of(notes)))
            })
            .collect();
        ReloadJob {
            files,
            corrections,
            gazetteer: self.own_gazetteer.clone(),
        }
    }

    /// Put reports read again in place: changed ones replaced, new ones inserted, gone or
    /// unreadable ones dropped (the reason kept among the corpus's problems), the timeline
    /// updated. Highlights re-anchor against the new text when shown. Returns the
    /// relative paths that changed, in the order they were reported.
    pub fn apply_reload(&mut self, reloaded: Reloaded) -> Vec<String> {
        let same_gazetteer = match (&reloaded.gazetteer, &self.own_gazetteer) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        let rels: HashSet<&str> = reloaded.files.iter().map(|(r, _)| r.as_str()).collect();
        self.corpus
            .problems
            .retain(|p| !rels.contains(p.path.as_str()));
        let mut changed = Vec::with_capacity(reloaded.files.len());
        let mut replaced: Vec<(usize, Placed)> = Vec::with_capacity(reloaded.files.len());
        let mut inserted: Vec<Placed> = Vec::new();
        let mut removed: HashSet<usize> = HashSet::new();
        for (rel, reread) in reloaded.files {
            let at = self.article_index(&rel);
            match (reread, at) {
                (Reread::Read(read), at) => {
                    let (mut article, mut d) = *read;
                    if let Some(i) = at {
                        let old = &self.corpus.articles[i];
                        if old.text == article.text && old.encoding == article.encoding {
                            continue;
                        }
                    }
                    if article.encoding == corpus::Encoding::Windows1252 {
                        self.corpus.problems.push(FileProblem {
                            path: rel.clone(),
                            problem: corpus::Problem::Redecoded(article.encoding),
                        });
                    }
                    let notes = self.store.articles.get(&rel);
                    let used = reloaded.corrections.get(&rel);
                    if !same_gazetteer || notes.map(corrections_of).as_ref() != used {
                        // Corrected (or the gazetteer changed) while it was read: again.
                        d = derive::derive(&article, notes, self.gazetteer());
                    }
                    article.meta = d.meta;
                    let keys = keys_to_keep(d.keys, notes);
                    let placed = (article, Arc::from(d.meetings), keys);
                    match at {
                        Some(i) => replaced.push((i, placed)),
                        None => inserted.push(placed),
                    }
                }
                (Reread::Bad(problem), at) => {
                    self.corpus.problems.push(problem);
                    if let Some(i) = at {
                        removed.insert(i);
                    }
                }
                (Reread::Missing, Some(i)) => _ = removed.insert(i),
                (Reread::Missing, None) => continue,
            }
            changed.push(rel);
        }
        self.place(replaced, inserted, &removed);
        if !changed.is_empty() {
            self.corpus.problems.sort_by(|a, b| a.path.cmp(&b.path));
            self.version += 1;
            for rel in &changed {
                self.article_versions.insert(rel.clone(), self.version);
                self.highlight_versions.insert(rel.clone(), self.version);
            }
            self.meetings_version += 1;
            self.corpus_version += 1;
        }
        changed
    }

    /// Re-read the files at `paths` at once (on this thread): [`Workspace::reload_job`]
    /// run and applied.
    pub fn reload_paths(&mut self, paths: &[PathBuf]) -> Vec<String> {
        let job = self.reload_job(paths);
        self.apply_reload(job.run())
    }

    /// Replace the articles at the indices of `replaced`, drop those in `removed`, and
    /// insert `inserted` in path order: one pass over the corpus when any are inserted
    /// or dropped.
    fn place(
        &mut self,
        replaced: Vec<(usize, Placed)>,
        mut inserted: Vec<Placed>,
        removed: &HashSet<usize>,
    ) {
        // What is replaced is freed on another thread: freeing thousands of texts and
        // meetings is a good part of the step.
        let mut old = Vec::with_capacity(replaced.len());
        for (i, (article, meetings, keys)) in replaced {
            let article = std::mem::replace(&mut self.corpus.articles[i], article);
            old.push((article, self.set_meetings(i, meetings, keys)));
        }
        rayon::spawn(move || drop(old));
        for &i in removed {
            let path = &self.corpus.articles[i].path;
            self.timeline.set_article(path, Arc::from([]));
        }
        for (article, meetings, _) in &inserted {
            self.timeline.set_article(&article.path, meetings.clone());
        }
        if inserted.is_empty() && removed.is_empty() {
            return;
        }
        self.layout_version += 1;
        inserted.sort_by(|a, b| a.0.path.cmp(&b.0.path));
        let n = self.corpus.articles.len() + inserted.len();
        let old = std::mem::take(&mut self.corpus.articles).into_iter();
        let kept = (old.zip(std::mem::take(&mut self.meetings)))
            .zip(std::mem::take(&mut self.meeting_keys))
            .enumerate()
            .filter(|(i, _)| !removed.contains(i))
            .map(|(_, ((a, m), k))| (a, m, k));
        let mut new = inserted.into_iter().peekable();
        let (mut articles, mut meetings, mut keys) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let mut push = |(a, m, k): Placed| {
            articles.push(a);
            meetings.push(m);
            keys.push(k);
        };
        for old in kept {
            while new.peek().is_some_and(|n| n.0.path < old.0.path) {
                push(new.next().expect("peeked"));
            }
            push(old);
        }
        new.for_each(push);
        self.corpus.articles = articles;
        self.meetings = meetings;
        self.meeting_keys = keys;
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{REPORT, samples};
    use super::*;
    use crate::annotations::model::MetadataCorrection;
    use std::fs;

    /// What a workspace shows of its reports: paths, texts, corrected metadata,
    /// meetings, meeting keys, and the timeline's events.
    fn shown(ws: &Workspace) -> impl PartialEq + std::fmt::Debug {
        let articles: Vec<_> = (ws.corpus.articles.iter())
            .map(|a| (a.path.clone(), a.text.clone(), a.meta.clone()))
            .collect();
        let keys: Vec<_> = (0..articles.len())
            .map(|a| ws.meeting_keys(a).map(|k| k.into_owned()))
            .collect();
        let events: Vec<_> = ws.timeline.events().cloned().collect();
        (articles, ws.meetings.clone(), keys, events)
    }

    /// Reports edited, added (first and last in path order, one in a new folder),
    /// removed, and one corrected while the worker read it: applied in one step, the
    /// workspace shows what opening the folder afresh shows.
    #[test]
    fn a_batch_applied_at_once_equals_opening_the_folder_again() {
        let (dir, mut ws) = samples();
        let root = dir.path().to_path_buf();
        let edited = root.join(REPORT);
        let text = fs::read_to_string(&edited).expect("the report");
        fs::write(&edited, text.replace("Xi Jinping", "Xi Jinping, smiling,")).expect("edited");
        let first = root.join("0000_first.txt");
        fs::write(&first, "Xi calls Tokayev\nSource: Xinhua| 2024-02-01\n\nBEIJING, Feb. 1 (Xinhua) -- Chinese President Xi Jinping held a phone call with Kazakh President Kassym-Jomart Tokayev on Thursday.\n").expect("added");
        fs::create_dir(root.join("zz")).expect("a folder");
        let last = root.join("zz/last.txt");
        fs::write(&last, "Putin meets Tokayev\n\nMOSCOW, March 3 (TASS) -- Russian President Vladimir Putin held talks with Kazakh President Kassym-Jomart Tokayev in the Kremlin on Monday.\n").expect("added");
        let gone = root.join(&ws.corpus.articles[1].path);
        fs::remove_file(&gone).expect("removed");
        let not_a_report = root.join("notes.png");
        fs::write(&not_a_report, [0u8; 4]).expect("written");

        let job = ws.reload_job(&[edited, first, last.clone(), gone, not_a_report, last]);
        assert_eq!(
            job.len(),
            4,
            "the picture left out, the repeated path read once"
        );
        // While the worker reads, the analyst corrects the edited report's title.
        assert!(ws.edit(|s| {
            s.articles.entry(REPORT.into()).or_default().metadata = MetadataCorrection {
                title: Some("Retitled by hand".into()),
                ..MetadataCorrection::default()
            }
        }));
        let changed = ws.apply_reload(job.run());
        assert_eq!(changed.len(), 4);
        let a = ws.article_index(REPORT).expect("kept");
        assert_eq!(ws.corpus.articles[a].meta.title, "Retitled by hand");
        assert!(ws.corpus.articles[a].text.contains("smiling"));

        ws.save();
        let fresh = Workspace::open(&root).expect("opens");
        assert_eq!(shown(&ws), shown(&fresh));
        assert_eq!(
            (ws.corpus.articles.first().map(|a| a.path.as_str()))
                .zip(ws.corpus.articles.last().map(|a| a.path.as_str())),
            Some(("0000_first.txt", "zz/last.txt"))
        );
    }

    /// Nothing changed on disk: nothing is applied, no version moves.
    #[test]
    fn files_unchanged_change_nothing() {
        let (dir, mut ws) = samples();
        let (v, m) = (ws.version, ws.meetings_version);
        let all: Vec<PathBuf> = (ws.corpus.articles.iter())
            .map(|a| dir.path().join(&a.path))
            .collect();
        assert!(ws.reload_paths(&all).is_empty());
        assert_eq!((ws.version, ws.meetings_version), (v, m));
    }
}
