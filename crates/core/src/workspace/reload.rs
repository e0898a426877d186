//! Reports changed on disk, read again off the window's thread and put in place in
//! short steps. [`Workspace::reload_job`] takes what reading needs (the folder, the
//! gazetteer, the analyst's corrections of those reports) into a [`ReloadJob`] that a
//! worker runs, reading, decoding and extracting the files in parallel;
//! [`Workspace::apply_reload_until`] then replaces changed articles where they are, as
//! many as a deadline allows, and on the last step inserts and drops articles in one
//! pass over the corpus (never one insertion per file), so a checkout of thousands of
//! files costs the window a few short steps, one per frame. A report whose corrections
//! or gazetteer changed while the worker ran is derived again when applied, so nothing
//! applied is stale.

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

/// The reports read again, for [`Workspace::apply_reload_until`]: what is still to be
/// put in place.
#[derive(Clone)]
pub struct Reloaded {
    /// Still to apply, last first (taken from the end).
    files: Vec<(String, Reread)>,
    corrections: HashMap<String, ArticleNotes>,
    gazetteer: Option<Arc<Gazetteer>>,
    /// New reports, inserted in one pass with the last step.
    inserted: Vec<Placed>,
    /// Reports gone or unreadable (their indices), dropped with the last step: until
    /// then no article moves, so indices taken between steps hold.
    removed: HashSet<usize>,
}

impl Reloaded {
    /// Whether everything read has been put in place.
    pub fn is_done(&self) -> bool {
        self.files.is_empty() && self.inserted.is_empty() && self.removed.is_empty()
    }
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

    /// Read, decode and extract every report, in parallel on a pool of its own: the
    /// window's thread waits on the shared pool for its own parallel work (a sort, the
    /// filter's index), which must not queue behind thousands of files.
    pub fn run(self) -> Reloaded {
        let pool = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("reload-{i}"))
            .build();
        match pool {
            Ok(pool) => pool.install(|| self.read()),
            Err(_) => self.read(),
        }
    }

    fn read(self) -> Reloaded {
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
            .collect::<Vec<_>>();
        Reloaded {
            files: files.into_iter().rev().collect(),
            corrections: self.corrections,
            gazetteer: self.gazetteer,
            inserted: Vec::new(),
            removed: HashSet::new(),
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

/// Articles, their meetings and keys, column by column as the workspace keeps them.
type Columns = (Vec<Article>, Vec<Arc<[Meeting]>>, Vec<Keys>);

/// What one step of putting reports in place found.
#[derive(Default)]
struct Step {
    /// The reports it changed, in the order reported.
    changed: Vec<String>,
    /// What the articles replaced where they are held, to be freed off the window's
    /// thread (freeing thousands of texts and meetings is a good part of the step).
    old: Vec<Placed>,
    /// Problems found reading them.
    found: Vec<FileProblem>,
    /// The reports whose former problems no longer hold.
    cleared: HashSet<String>,
}

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

    /// Put reports read again in place at once: [`Workspace::apply_reload_until`] with
    /// no deadline.
    pub fn apply_reload(&mut self, mut reloaded: Reloaded) -> Vec<String> {
        self.apply_reload_until(&mut reloaded, None)
    }

    /// Put reports read again in place, as many as `deadline` allows (at least a few):
    /// changed ones replaced, new ones inserted and gone or unreadable ones dropped (the
    /// reason kept among the corpus's problems) once the rest is done, the timeline
    /// updated. Call again until [`Reloaded::is_done`]; between calls no article moves.
    /// Highlights re-anchor against the new text when shown. Returns the relative paths
    /// this step changed, in the order they were reported.
    pub fn apply_reload_until(
        &mut self,
        reloaded: &mut Reloaded,
        deadline: Option<std::time::Instant>,
    ) -> Vec<String> {
        let same_gazetteer = match (&reloaded.gazetteer, &self.own_gazetteer) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        let mut step = Step::default();
        let mut taken = 0usize;
        while let Some((rel, reread)) = reloaded.files.pop() {
            self.take_reread(reloaded, rel, reread, same_gazetteer, &mut step);
            taken += 1;
            let checked = taken.is_multiple_of(64);
            if checked && deadline.is_some_and(|d| std::time::Instant::now() >= d) {
                break;
            }
        }
        let Step {
            changed,
            old,
            found,
            cleared,
        } = step;
        crate::free::later(old);
        (self.corpus.problems).retain(|p| !cleared.contains(p.path.as_str()));
        self.corpus.problems.extend(found);
        let last = reloaded.files.is_empty();
        let moved = last && !(reloaded.inserted.is_empty() && reloaded.removed.is_empty());
        if moved {
            let inserted = std::mem::take(&mut reloaded.inserted);
            self.place(inserted, &std::mem::take(&mut reloaded.removed));
        }
        if !changed.is_empty() || moved {
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

    /// Put one report read again in place where it is, noting it in `step` (or, new or
    /// gone, among `reloaded`'s reports to insert or drop with the last step).
    fn take_reread(
        &mut self,
        reloaded: &mut Reloaded,
        rel: String,
        reread: Reread,
        same_gazetteer: bool,
        step: &mut Step,
    ) {
        let at = self.article_index(&rel);
        match (reread, at) {
            (Reread::Read(read), at) => {
                let (mut article, mut d) = *read;
                if let Some(i) = at {
                    let old = &self.corpus.articles[i];
                    if old.text == article.text && old.encoding == article.encoding {
                        return; // as it was, problems included
                    }
                }
                if article.encoding == corpus::Encoding::Windows1252 {
                    step.found.push(FileProblem {
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
                    Some(i) => {
                        let (article, meetings, keys) = placed;
                        let article = std::mem::replace(&mut self.corpus.articles[i], article);
                        let (meetings, keys) = self.set_meetings(i, meetings, keys);
                        step.old.push((article, meetings, keys));
                    }
                    None => reloaded.inserted.push(placed),
                }
            }
            (Reread::Bad(problem), at) => {
                step.found.push(problem);
                if let Some(i) = at {
                    reloaded.removed.insert(i);
                }
            }
            (Reread::Missing, Some(i)) => _ = reloaded.removed.insert(i),
            (Reread::Missing, None) => {
                // Not a report before either: only a problem it had goes.
                step.cleared.insert(rel);
                return;
            }
        }
        step.cleared.insert(rel.clone());
        step.changed.push(rel);
    }

    /// Re-read the files at `paths` at once (on this thread): [`Workspace::reload_job`]
    /// run and applied.
    pub fn reload_paths(&mut self, paths: &[PathBuf]) -> Vec<String> {
        let job = self.reload_job(paths);
        self.apply_reload(job.run())
    }

    /// Drop the articles in `removed` and insert `inserted` in path order: one pass over
    /// the corpus.
    fn place(&mut self, mut inserted: Vec<Placed>, removed: &HashSet<usize>) {
        for &i in removed {
            let path = &self.corpus.articles[i].path;
            self.timeline.set_article(path, Arc::from([]));
        }
        for (article, meetings, _) in &inserted {
            self.timeline.set_article(&article.path, meetings.clone());
        }
        self.layout_version += 1;
        inserted.sort_by(|a, b| a.0.path.cmp(&b.0.path));
        let before = self.corpus.articles.len();
        let n = before + inserted.len();
        let old = std::mem::take(&mut self.corpus.articles).into_iter();
        let kept = (old.zip(std::mem::take(&mut self.meetings)))
            .zip(std::mem::take(&mut self.meeting_keys))
            .enumerate()
            .filter(|(i, _)| !removed.contains(i));
        let mut renumbered = vec![u32::MAX; before];
        let mut new = inserted.into_iter().peekable();
        let mut out: Columns = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let push = |out: &mut Columns, (a, m, k): Placed| {
            out.0.push(a);
            out.1.push(m);
            out.2.push(k);
        };
        for (i, ((a, m), k)) in kept {
            while new.peek().is_some_and(|n| n.0.path < a.path) {
                push(&mut out, new.next().expect("peeked"));
            }
            renumbered[i] = out.0.len() as u32;
            push(&mut out, (a, m, k));
        }
        new.for_each(|p| push(&mut out, p));
        (self.corpus.articles, self.meetings, self.meeting_keys) = out;
        self.renumbered = Arc::from(renumbered);
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

    /// A checkout of most of a folder (reports edited, removed, added) put in place a
    /// few at a time, as the window does across frames: no article moves until the last
    /// step, each step changes only what it names, and the end is what opening the
    /// folder afresh shows.
    #[test]
    fn a_batch_applied_in_steps_equals_opening_the_folder_again() {
        let dir = tempfile::tempdir().expect("tmp");
        for i in 0..300 {
            let (day, folder) = (i % 28 + 1, i % 3);
            fs::create_dir_all(dir.path().join(format!("f{folder}"))).expect("a folder");
            let text = format!(
                "Talks {i}\nSource: Xinhua| 2024-02-{day:02}\n\nBEIJING, Feb. {day} (Xinhua) -- Chinese President Xi Jinping held talks with Kazakh President Kassym-Jomart Tokayev in Beijing on Feb. {day}, report {i}.\n"
            );
            fs::write(dir.path().join(format!("f{folder}/{i:03}.txt")), text).expect("a report");
        }
        let mut ws = Workspace::open(dir.path()).expect("opens");
        let n = ws.corpus.articles.len();
        let paths: Vec<PathBuf> = (ws.corpus.articles.iter())
            .map(|a| dir.path().join(&a.path))
            .collect();
        for (i, p) in paths.iter().enumerate() {
            match i % 10 {
                0 => fs::remove_file(p).expect("removed"),
                1..=6 => {
                    let mut bytes = fs::read(p).expect("a report");
                    bytes.extend_from_slice(b"\nThe talks were described as cordial.\n");
                    fs::write(p, bytes).expect("edited");
                }
                _ => {}
            }
        }
        let mut all = paths.clone();
        for i in 0..20 {
            let p = dir.path().join(format!("added/{i:03}.txt"));
            fs::create_dir_all(dir.path().join("added")).expect("a folder");
            fs::write(&p, format!("Call {i}\n\nBEIJING, Feb. 1 (Xinhua) -- Chinese President Xi Jinping held a phone call with Kazakh President Kassym-Jomart Tokayev on Thursday.\n")).expect("added");
            all.push(p);
        }
        let mut reloaded = ws.reload_job(&all).run();
        let (layout, mut steps, mut changed) = (ws.layout_version(), 0, HashSet::new());
        while !reloaded.is_done() {
            let past = std::time::Instant::now();
            let before = ws.version;
            let step = ws.apply_reload_until(&mut reloaded, Some(past));
            assert!(!step.is_empty() && ws.version > before);
            steps += 1;
            if !reloaded.is_done() {
                assert_eq!(
                    ws.layout_version(),
                    layout,
                    "no article moves before the end"
                );
                assert_eq!(ws.corpus.articles.len(), n);
            }
            for rel in step {
                assert!(changed.insert(rel), "each report is applied once");
            }
        }
        assert!(
            steps >= 3,
            "a past deadline applies a few at a time ({steps} steps)"
        );
        let map = ws.renumbered_from(layout).expect("one layout on").to_vec();
        assert_eq!(map.len(), n);
        for (old, p) in paths.iter().enumerate() {
            let now = ws.article_index(
                &p.strip_prefix(dir.path())
                    .expect("inside")
                    .to_string_lossy(),
            );
            assert_eq!(
                now,
                (map[old] != u32::MAX).then_some(map[old] as usize),
                "{p:?}"
            );
        }
        assert!(
            ws.renumbered_from(layout + 1).is_none(),
            "only from the layout before"
        );
        assert_eq!(changed.len(), n / 10 + n * 6 / 10 + 20);
        ws.save();
        let fresh = Workspace::open(dir.path()).expect("opens");
        assert_eq!(shown(&ws), shown(&fresh));
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
