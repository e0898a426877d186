//! An open corpus as the app works on it: the articles (with corrections applied), their
//! meetings and the timeline, the sidecar store, undo/redo, and autosave. No UI here: the
//! app reads a `Workspace` and changes it only through [`Workspace::edit`], [`undo`] and
//! [`redo`], so every change is undoable, re-derives what depends on it, and is saved.
//!
//! [`undo`]: Workspace::undo
//! [`redo`]: Workspace::redo

mod answers;
pub mod derive;
mod edit;
mod history;
mod reload;
mod reopen;
#[cfg(test)]
pub(crate) mod test_support;

pub use answers::{Facets, ReviewItem};
pub use edit::{Applied, Edit, Refused};
pub use reload::{ReloadJob, Reloaded};

use crate::annotations::merge::{self, Report};
use crate::annotations::model::MeetingKey;
use crate::annotations::sidecar::{Fingerprint, SidecarError, Wait};
use crate::annotations::{Store, sidecar};
use crate::corpus::{self, Corpus, Metadata, Progress};
use crate::gazetteer::Gazetteer;
use crate::meetings::Meeting;
use crate::meetings::timeline::Timeline;
use history::{Reach, Snapshot};
use rayon::prelude::*;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// How long after the last change the sidecar is saved.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(800);
/// Undo steps kept.
const HISTORY: usize = 200;

/// Whether what the analyst made is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Unsaved {
        since: Instant,
    },
    /// The last save failed; the changes are still in memory and will be retried.
    Failed(String),
    /// The sidecar could not be read: annotations are shown read-only and never saved.
    ReadOnly(String),
}

/// An open corpus folder: its reports, their meetings and timeline, the analyst's
/// annotations with undo, autosave and merging with the file on disk. Its fields are the
/// core's own: others read them through the methods below and change the annotations
/// only through [`Workspace::apply`].
pub struct Workspace {
    pub(crate) folder: PathBuf,
    /// Articles with metadata corrections applied.
    pub(crate) corpus: Corpus,
    /// Meetings after corrections, per article (same order as `corpus.articles`),
    /// shared with the timeline.
    pub(crate) meetings: Vec<Arc<[Meeting]>>,
    /// For each of `meetings`, the key of the extracted meeting it comes from (`None`
    /// for one added by hand): what a new correction is keyed by. Kept only for the
    /// reports whose meetings the analyst corrected or added to (see [`Keys`]).
    pub(crate) meeting_keys: Vec<Keys>,
    pub(crate) timeline: Timeline,
    pub(crate) store: Store,
    /// The sidecar as last loaded or saved: the base of the three-way merge with disk.
    base: Store,
    /// What the file on disk held when `base` was taken.
    fingerprint: Fingerprint,
    /// What the last merge with the file on disk brought in, in words, for the status bar.
    pub(crate) incoming: Option<String>,
    /// What to put back to go back (or forward), each with what the step did.
    undo: Vec<(String, Snapshot)>,
    redo: Vec<(String, Snapshot)>,
    /// What the last edit typed into, so a run of keystrokes is one undo step.
    last_typing: Option<String>,
    /// Bumped by every change, so views can cache what they derive.
    pub(crate) version: u64,
    /// Per article, the `version` at which its text or annotations last changed.
    article_versions: std::collections::HashMap<String, u64>,
    /// Per article, the `version` at which its text or its highlights last changed (not
    /// its notes): what the reader's painted layout depends on.
    highlight_versions: std::collections::HashMap<String, u64>,
    /// Bumped when the codebook (names, colours, nesting) changes.
    pub(crate) codebook_version: u64,
    /// The `version` at which any highlight (its place or its tags) last changed.
    coding_version: u64,
    /// Bumped when meetings (extracted or corrected) change: the timeline's inputs.
    pub(crate) meetings_version: u64,
    /// Bumped when article texts change (files reloaded): the text search's inputs.
    pub(crate) corpus_version: u64,
    /// Bumped when articles are inserted or removed (their indices change).
    pub(crate) layout_version: u64,
    /// Where each article of the layout before the last went (`u32::MAX`: dropped).
    pub(crate) renumbered: Arc<[u32]>,
    pub(crate) save_state: SaveState,
    /// The gazetteer extended by the analyst's `gazetteer.ron`, when the folder has a
    /// usable one (else the built-in gazetteer is used).
    own_gazetteer: Option<Arc<Gazetteer>>,
    /// Why the analyst's `gazetteer.ron` is not used, naming the file and the line.
    pub(crate) gazetteer_problem: Option<String>,
    /// What the panels asked, kept until what it depends on changes.
    answers: answers::Cache,
}

/// Why a person was not added to the analyst's `gazetteer.ron`; the file is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerFileError {
    #[error("{}: not UTF-8 text; not changed", path.display())]
    NotText { path: PathBuf },
    #[error("{}: {reason}; not changed", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("Not added: {0}")]
    Invalid(String),
    #[error("{}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Where a shown meeting comes from, with what names it in the annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Found in the text and left as found: a correction would be keyed by this.
    Extracted(MeetingKey),
    /// Found in the text and corrected by hand (keyed by this).
    Corrected(MeetingKey),
    /// Added by hand: its id in the sidecar.
    Added(String),
}

/// Read access for the app and the command line.
impl Workspace {
    /// Where meeting `i` of article `a` (as [`Workspace::meetings`] shows them) comes from;
    /// `None` when there is no such meeting.
    pub fn meeting_origin(&self, a: usize, i: usize) -> Option<Origin> {
        let path = &self.corpus.articles.get(a)?.path;
        let notes = self.store.articles.get(path);
        let Some(keys) = self.meeting_keys.get(a)? else {
            // The meetings are as extracted, none corrected or added (see `Keys`).
            let key = crate::annotations::corrections::key_at(&self.meetings[a], i)?;
            return Some(Origin::Extracted(key));
        };
        match keys.get(i)? {
            Some(key) => {
                let corrected = notes.is_some_and(|n| n.meetings.iter().any(|c| c.key == *key));
                Some(if corrected {
                    Origin::Corrected(key.clone())
                } else {
                    Origin::Extracted(key.clone())
                })
            }
            // Added meetings come after the extracted ones, in the sidecar's order.
            None => {
                let extracted = keys.iter().filter(|k| k.is_some()).count();
                let added = &notes?.added_meetings;
                added
                    .get(i.checked_sub(extracted)?)
                    .map(|m| Origin::Added(m.id.clone()))
            }
        }
    }

    /// The corpus folder.
    pub fn folder(&self) -> &PathBuf {
        &self.folder
    }
    /// Articles with metadata corrections applied.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }
    /// Meetings after corrections, per article (same order as the corpus's articles).
    pub fn meetings(&self) -> &[Arc<[Meeting]>] {
        &self.meetings
    }
    /// For each of [`Workspace::meetings`], the key of the extracted meeting it comes from
    /// (`None` for one added by hand).
    /// The meetings of report `a` as the timeline, the exports and the command line show
    /// them: the corpus's focal country on the leader side ([`crate::meetings::orient`]).
    pub fn meetings_as_shown(&self, a: usize) -> Vec<Meeting> {
        let focal = self.timeline.focal_country();
        let mut shown = self.meetings[a].to_vec();
        for m in &mut shown {
            crate::meetings::orient(m, focal);
        }
        shown
    }

    /// For each meeting of report `a` (as [`Workspace::meetings`] gives them), the key
    /// of the extracted meeting it comes from (`None` for one added by hand); `None`
    /// when there is no report `a`.
    pub fn meeting_keys(&self, a: usize) -> Option<Cow<'_, [Option<MeetingKey>]>> {
        Some(match self.meeting_keys.get(a)? {
            Some(kept) => Cow::Borrowed(kept),
            None => Cow::Owned(
                (crate::annotations::corrections::keys(&self.meetings[a]).into_iter())
                    .map(Some)
                    .collect(),
            ),
        })
    }
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }
    /// The analyst's annotations as they are now.
    pub fn store(&self) -> &Store {
        &self.store
    }
    /// What the last merge with the file on disk brought in, in words.
    pub fn incoming(&self) -> &Option<String> {
        &self.incoming
    }
    /// Bumped by every change, so views can cache what they derive.
    pub fn version(&self) -> u64 {
        self.version
    }
    /// Bumped when the codebook (names, colours, nesting) changes.
    pub fn codebook_version(&self) -> u64 {
        self.codebook_version
    }
    /// The [`Workspace::version`] at which any highlight last changed (not a note): what
    /// a filter by tag and a sort by highlights depend on.
    pub fn coding_version(&self) -> u64 {
        self.coding_version
    }
    /// Bumped when meetings (extracted or corrected) change.
    pub fn meetings_version(&self) -> u64 {
        self.meetings_version
    }
    /// Bumped when article texts change (files reloaded).
    pub fn corpus_version(&self) -> u64 {
        self.corpus_version
    }
    /// Bumped when reports are added or removed, which renumbers the articles.
    pub fn layout_version(&self) -> u64 {
        self.layout_version
    }
    /// For indices taken in layout `layout`, when it is the one just before this one:
    /// where each article went (`u32::MAX` for one dropped). Views keeping article
    /// indices across a reload follow them with it.
    pub fn renumbered_from(&self, layout: u64) -> Option<&[u32]> {
        (layout + 1 == self.layout_version).then_some(&*self.renumbered)
    }
    pub fn save_state(&self) -> &SaveState {
        &self.save_state
    }
    /// Why the analyst's `gazetteer.ron` is not used, naming the file and the line.
    pub fn gazetteer_problem(&self) -> &Option<String> {
        &self.gazetteer_problem
    }
}

/// The analyst's gazetteer when the folder has one, else the built-in one.
fn gazetteer_of(own: &Option<Arc<Gazetteer>>) -> &Gazetteer {
    own.as_deref().unwrap_or(Gazetteer::builtin())
}

/// A report's meeting keys as the workspace keeps them: `None` when its meetings are
/// the extracted ones unchanged (the keys are then worked out from them when asked,
/// [`Workspace::meeting_keys`]), else the keys themselves.
pub(crate) type Keys = Option<Box<[Option<MeetingKey>]>>;

/// A report's meetings and their keys, as [`Workspace::set_meetings`] puts and returns
/// them.
type Placed = (Arc<[Meeting]>, Keys);

/// `keys` kept only when `notes` correct or add meetings.
fn keys_to_keep(
    keys: Vec<Option<MeetingKey>>,
    notes: Option<&crate::annotations::ArticleNotes>,
) -> Keys {
    derive::corrects_meetings(notes).then(|| keys.into())
}

/// Every report's metadata corrected in place, and its meetings after corrections with
/// the keys kept for them, the meetings taken from the cache of an earlier run where the
/// report and what extraction reads are unchanged ([`reopen`]), extracted (in parallel)
/// where not; the cache is written again when anything was extracted or a report is gone.
fn derive_all(
    cache: Option<(PathBuf, reopen::Knowledge, &reopen::Kept<'_>)>,
    corpus: &mut Corpus,
    store: &Store,
    gaz: &Gazetteer,
    progress: &Progress,
) -> Vec<Placed> {
    let empty = reopen::Kept::default();
    let (kept, file) = match &cache {
        Some((file, knowledge, kept)) => (*kept, Some((file, *knowledge))),
        None => (&empty, None),
    };
    // Each report's key, and its kept meetings when the key still matches.
    let found: Vec<(reopen::Key, Option<Vec<Meeting>>)> = (corpus.articles.par_iter())
        .map(|a| {
            let key = reopen::key(&a.text, store.articles.get(&a.path));
            (key, kept.meetings(&a.path, key))
        })
        .collect();
    let fresh = found.iter().any(|f| f.1.is_none());
    let write = file.is_some() && (fresh || kept.len() != corpus.articles.len());
    let done: Vec<(Placed, Option<reopen::Entry>)> = (corpus.articles.par_iter_mut())
        .zip(found)
        .map(|(a, ((text, fix), found))| {
            let notes = store.articles.get(&a.path);
            let read = std::mem::take(&mut a.meta);
            let keep = write.then(|| read.clone());
            let meta = derive::correct(read, notes);
            let extracted =
                found.unwrap_or_else(|| crate::meetings::extract_with(&a.text, &meta, gaz));
            let entry = keep.map(|read| reopen::Entry {
                path: a.path.clone(),
                text,
                read,
                fix,
                meetings: extracted.clone(),
            });
            progress.extracted.fetch_add(1, Ordering::Relaxed);
            let d = derive::finish_unkeyed(meta, extracted, notes, gaz);
            a.meta = d.meta;
            let placed = (Arc::from(d.meetings), keys_to_keep(d.keys, notes));
            (placed, entry)
        })
        .collect();
    let (placed, entries): (Vec<Placed>, Vec<Option<reopen::Entry>>) = done.into_iter().unzip();
    if let (true, Some((file, knowledge))) = (write, file) {
        let entries: Vec<reopen::Entry> = entries.into_iter().flatten().collect();
        reopen::write(file, knowledge, &entries);
    }
    if fresh {
        share_names(corpus);
    }
    placed
}

/// Make the reports' sources and places that read the same one shared name: reading a
/// report makes its own (the reopen cache already shares them).
fn share_names(corpus: &mut Corpus) {
    let mut seen: foldhash::HashSet<crate::meetings::Name> = Default::default();
    for a in &mut corpus.articles {
        for name in [&mut a.meta.source, &mut a.meta.place]
            .into_iter()
            .flatten()
        {
            match seen.get(name.as_str()) {
                Some(shared) => *name = shared.clone(),
                None => _ = seen.insert(name.clone()),
            }
        }
    }
}

/// An article's highlights, none when it has no notes.
fn highlights_of(n: Option<&crate::annotations::ArticleNotes>) -> &[crate::annotations::Highlight] {
    n.map_or(&[], |n| &n.highlights)
}

type Corrections<'a> = (
    Option<&'a crate::annotations::model::MetadataCorrection>,
    &'a [crate::annotations::model::MeetingCorrection],
    &'a [crate::annotations::model::AddedMeeting],
);

/// What an article's metadata and meetings are derived from besides its text: its
/// corrections and added meetings (none and empty are alike).
fn corrections_of(n: Option<&crate::annotations::ArticleNotes>) -> Corrections<'_> {
    match n {
        Some(n) => (
            Some(&n.metadata).filter(|m| !m.is_empty()),
            &n.meetings,
            &n.added_meetings,
        ),
        None => (None, &[], &[]),
    }
}

/// How an article's annotations changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Changed {
    pub path: String,
    /// Its highlights (what the reader paints).
    pub highlights: bool,
    /// Its corrections to metadata and meetings, or its added meetings (what its
    /// metadata and meetings are derived from): not its notes or highlights.
    pub corrections: bool,
}

impl Changed {
    /// How `old` became `new` (the notes of the article at `path`), if at all.
    pub(crate) fn between(
        path: &str,
        old: Option<&crate::annotations::ArticleNotes>,
        new: Option<&crate::annotations::ArticleNotes>,
    ) -> Option<Changed> {
        (old != new).then(|| Changed {
            path: path.to_owned(),
            highlights: highlights_of(old) != highlights_of(new),
            corrections: corrections_of(old) != corrections_of(new),
        })
    }
}

impl Workspace {
    /// Load `folder`: its reports, their meetings, and its sidecar. An unreadable sidecar
    /// does not stop the corpus from opening; annotations are then read-only.
    pub fn open(folder: &Path) -> Result<Workspace, corpus::LoadError> {
        Workspace::open_with_progress(folder, &Progress::default())
    }

    /// As [`Workspace::open`], counting files read and articles extracted in `progress`
    /// (files are parsed and meetings extracted in parallel).
    pub fn open_with_progress(
        folder: &Path,
        progress: &Progress,
    ) -> Result<Workspace, corpus::LoadError> {
        Workspace::open_cached(folder, progress, reopen::file_for(folder))
    }

    /// [`Workspace::open_with_progress`] with the meetings of an earlier run kept in
    /// `cache` (none: extract every report).
    pub(crate) fn open_cached(
        folder: &Path,
        progress: &Progress,
        cache: Option<PathBuf>,
    ) -> Result<Workspace, corpus::LoadError> {
        let knowledge = reopen::Knowledge::of(folder);
        let bytes = (cache.as_deref()).map_or_else(Vec::new, reopen::bytes_of);
        // The cache is decoded while the folder is listed: each takes one core.
        let (kept, listed) =
            rayon::join(|| reopen::read(&bytes, knowledge), || corpus::list(folder));
        // The metadata read before from the same text.
        let known = |path: &str, text: &str| kept.metadata(path, reopen::text_hash(text));
        let mut corpus = corpus::load_listed(folder, listed?, progress, &known);
        let (store, fingerprint, save_state) = match sidecar::load(folder) {
            Ok((store, fp)) => (store, Some(fp), SaveState::Saved),
            Err(e) => (Store::default(), None, SaveState::ReadOnly(e.to_string())),
        };
        let (own_gazetteer, gazetteer_problem) = match Gazetteer::for_folder(folder) {
            Ok(g) => (g.map(Arc::new), None),
            Err(problem) => (None, Some(problem)),
        };
        let gaz = gazetteer_of(&own_gazetteer);
        let cache = cache.map(|file| (file, knowledge, &kept));
        let placed = derive_all(cache, &mut corpus, &store, gaz, progress);
        let (meetings, meeting_keys): (Vec<_>, Vec<_>) = placed.into_iter().unzip();
        let shown = (corpus.articles.iter().zip(&meetings))
            .filter(|(_, m)| !m.is_empty())
            .map(|(a, m)| (Arc::from(a.path.as_str()), m.clone()));
        let timeline = Timeline::build(shown);
        let mut ws = Workspace {
            folder: folder.to_path_buf(),
            corpus,
            meetings,
            meeting_keys,
            timeline,
            base: store.clone(),
            store,
            fingerprint: fingerprint.unwrap_or(Fingerprint::NONE),
            incoming: None,
            undo: Vec::new(),
            redo: Vec::new(),
            last_typing: None,
            version: 0,
            article_versions: Default::default(),
            highlight_versions: Default::default(),
            codebook_version: 0,
            coding_version: 0,
            meetings_version: 0,
            corpus_version: 0,
            layout_version: 0,
            renumbered: Arc::from([]),
            save_state,
            own_gazetteer,
            gazetteer_problem,
            answers: Default::default(),
        };
        ws.version += 1;
        Ok(ws)
    }

    /// Article `a`'s metadata as read from its text, before corrections (read again:
    /// cheaper than keeping a copy of every article's).
    pub fn read_metadata(&self, a: usize) -> Metadata {
        corpus::metadata::extract(&self.corpus.articles[a].text)
    }

    /// The `version` at which the text or annotations of the article at `path` last
    /// changed (0: never since opening), so views can re-derive one article, not all.
    pub fn article_version(&self, path: &str) -> u64 {
        self.article_versions.get(path).copied().unwrap_or(0)
    }

    /// The `version` at which the text or the highlights of the article at `path` last
    /// changed (its notes do not count).
    pub fn highlights_version(&self, path: &str) -> u64 {
        self.highlight_versions.get(path).copied().unwrap_or(0)
    }

    pub fn is_read_only(&self) -> bool {
        matches!(self.save_state, SaveState::ReadOnly(_))
    }

    /// Index of the article at `path`.
    pub fn article_index(&self, path: &str) -> Option<usize> {
        self.corpus
            .articles
            .binary_search_by(|a| a.path.as_str().cmp(path))
            .ok()
    }

    /// The gazetteer meetings are read with: the built-in one, extended by the analyst's.
    pub fn gazetteer(&self) -> &Gazetteer {
        gazetteer_of(&self.own_gazetteer)
    }

    /// Read the analyst's `gazetteer.ron` again (it changed on disk) and every report's
    /// meetings with it. Returns what happened, for the status bar.
    pub fn reload_gazetteer(&mut self) -> String {
        let message = match Gazetteer::for_folder(&self.folder) {
            Ok(g) => {
                let added = g.is_some();
                self.own_gazetteer = g.map(Arc::new);
                self.gazetteer_problem = None;
                if added {
                    format!(
                        "{} changed: meetings read again with it",
                        crate::gazetteer::ANALYST_FILE
                    )
                } else {
                    format!(
                        "{} removed: meetings read with the built-in gazetteer",
                        crate::gazetteer::ANALYST_FILE
                    )
                }
            }
            Err(problem) => {
                self.own_gazetteer = None;
                let message = format!("{problem} (the built-in gazetteer is used)");
                self.gazetteer_problem = Some(problem);
                message
            }
        };
        // Every report read again, in parallel as at open, then put in place.
        let gaz = gazetteer_of(&self.own_gazetteer);
        let store = &self.store;
        let derived: Vec<derive::Derived> = self
            .corpus
            .articles
            .par_iter()
            .map(|a| {
                let read = corpus::metadata::extract(&a.text);
                derive::derive_from(&a.text, &read, store.articles.get(&a.path), gaz)
            })
            .collect();
        for (i, d) in derived.into_iter().enumerate() {
            let article = &mut self.corpus.articles[i];
            article.meta = d.meta;
            let keys = keys_to_keep(d.keys, self.store.articles.get(&article.path));
            self.set_meetings(i, d.meetings.into(), keys);
        }
        self.corpus_version += 1;
        self.version += 1;
        self.meetings_version += 1;
        message
    }

    /// Add `person` to the analyst's `gazetteer.ron` (made if missing; what it held is
    /// kept) and read every report again with it. Returns what happened, for the status
    /// bar; nothing is written when the entry would make the file invalid.
    pub fn add_to_gazetteer(
        &mut self,
        person: &crate::gazetteer::NewPerson,
    ) -> Result<String, GazetteerFileError> {
        let path = self.folder.join(crate::gazetteer::ANALYST_FILE);
        let existing = match crate::fsio::read_regular(&path, 4 << 20) {
            Ok(bytes) => Some(
                String::from_utf8(bytes)
                    .map_err(|_| GazetteerFileError::NotText { path: path.clone() })?,
            ),
            Err(crate::fsio::ReadError::NotFound) => None,
            Err(e) => {
                let reason = e.to_string();
                return Err(GazetteerFileError::Unreadable { path, reason });
            }
        };
        let text = crate::gazetteer::with_person(existing.as_deref(), person)
            .map_err(|e| GazetteerFileError::Invalid(e.to_string()))?;
        crate::fsio::swap::replace(&self.folder, &path, text.as_bytes())
            .map_err(|source| GazetteerFileError::Write { path, source })?;
        self.reload_gazetteer();
        Ok(format!(
            "Added {} to {}: meetings read again with it",
            person.name.trim(),
            crate::gazetteer::ANALYST_FILE
        ))
    }

    /// Re-apply the corrections of article `i` to its metadata and meetings.
    fn rederive(&mut self, i: usize) {
        let article = &mut self.corpus.articles[i];
        // The pipeline starts from the metadata as read, not as last corrected.
        let read = corpus::metadata::extract(&article.text);
        let corrected = std::mem::replace(&mut article.meta, read);
        let notes = self.store.articles.get(&article.path);
        let gaz = gazetteer_of(&self.own_gazetteer);
        let d = derive::derive(article, notes, gaz);
        if corrected != d.meta {
            // Titles are searched with the text.
            self.corpus_version += 1;
        }
        article.meta = d.meta;
        if *self.meetings[i] != *d.meetings {
            self.meetings_version += 1;
        }
        let keys = keys_to_keep(d.keys, notes);
        self.set_meetings(i, d.meetings.into(), keys);
    }

    /// Put `meetings` (with their `keys`) as report `i`'s, in the timeline too; returns
    /// what they replace.
    fn set_meetings(&mut self, i: usize, meetings: Arc<[Meeting]>, keys: Keys) -> Placed {
        let path = &self.corpus.articles[i].path;
        self.timeline.set_article(path, meetings.clone());
        (
            std::mem::replace(&mut self.meetings[i], meetings),
            std::mem::replace(&mut self.meeting_keys[i], keys),
        )
    }

    /// Change the annotations: `change` edits the store; the change can be undone,
    /// corrections are re-applied where they changed, and an autosave is scheduled.
    /// Refused (returns false) when the sidecar is read-only.
    pub fn edit(&mut self, change: impl FnOnce(&mut Store)) -> bool {
        self.edit_as("edit", None, change)
    }

    /// An edit made by typing into the field `field` (a note, a tag's name): successive
    /// keystrokes in the same field make one undo step.
    pub fn edit_typing(&mut self, field: &str, change: impl FnOnce(&mut Store)) -> bool {
        self.edit_as("typing", Some(field), change)
    }

    /// An edit named `label` (what undo will say it takes back); with `typing`, the field
    /// typed into, so successive keystrokes make one step.
    pub fn edit_as(
        &mut self,
        label: &str,
        typing: Option<&str>,
        change: impl FnOnce(&mut Store),
    ) -> bool {
        self.edit_with(label, typing, Reach::All, |s, _| change(s))
    }

    /// [`Workspace::edit_as`] with the corpus at hand, for edits that anchor in an
    /// article's text, without copying it; `reach` is what the edit may change (what
    /// its undo step keeps).
    fn edit_with(
        &mut self,
        label: &str,
        typing: Option<&str>,
        reach: Reach,
        change: impl FnOnce(&mut Store, &Corpus),
    ) -> bool {
        if self.is_read_only() {
            return false;
        }
        let before = Snapshot::take(&self.store, reach);
        change(&mut self.store, &self.corpus);
        before.normalise(&mut self.store);
        if before.matches(&self.store) {
            return true;
        }
        let same_run = typing.is_some() && typing == self.last_typing.as_deref();
        self.last_typing = typing.map(str::to_owned);
        self.redo.clear();
        self.changed_from(&before);
        if !same_run {
            self.undo.push((label.to_owned(), before));
            if self.undo.len() > HISTORY {
                self.undo.remove(0);
            }
        }
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Take back the last edit; returns what it was ("rename tag"), if any.
    pub fn undo(&mut self) -> Option<String> {
        self.step(false)
    }

    /// Make the last undone edit again; returns what it was, if any.
    pub fn redo(&mut self) -> Option<String> {
        self.step(true)
    }

    /// Move one step along the history: back (undo) or forward (redo).
    fn step(&mut self, forward: bool) -> Option<String> {
        self.last_typing = None;
        let (from, to) = if forward {
            (&mut self.redo, &mut self.undo)
        } else {
            (&mut self.undo, &mut self.redo)
        };
        let (label, back) = from.pop()?;
        let replaced = back.restore(&mut self.store);
        let (tags, changed) = replaced.differences(&self.store);
        to.push((label.clone(), replaced));
        self.rederive_paths(tags, changed);
        self.mark_unsaved();
        Some(label)
    }

    fn changed_from(&mut self, before: &Snapshot) {
        let (tags, changed) = before.differences(&self.store);
        self.rederive_paths(tags, changed);
        self.mark_unsaved();
    }

    /// Bump versions and re-apply corrections for the articles whose annotations differ
    /// between `before` and the store now.
    fn rederive_changed(&mut self, before: &Store) {
        let tags = before.tags != self.store.tags;
        // Only annotated articles can have changed: look at those, not the whole corpus.
        let paths: std::collections::BTreeSet<&String> = before
            .articles
            .keys()
            .chain(self.store.articles.keys())
            .collect();
        let changed = (paths.into_iter())
            .filter_map(|p| Changed::between(p, before.articles.get(p), self.store.articles.get(p)))
            .collect();
        self.rederive_paths(tags, changed);
    }

    /// Bump versions, and re-apply corrections to the articles whose corrections
    /// changed (a note or a highlight leaves metadata and meetings as they are);
    /// `tags`: the codebook changed too.
    fn rederive_paths(&mut self, tags: bool, changed: Vec<Changed>) {
        self.version += 1;
        if tags {
            self.codebook_version = self.version;
        }
        for c in changed {
            if c.highlights {
                self.highlight_versions.insert(c.path.clone(), self.version);
                self.coding_version = self.version;
            }
            if let Some(i) = self.article_index(&c.path).filter(|_| c.corrections) {
                self.rederive(i);
            }
            self.article_versions.insert(c.path, self.version);
        }
    }

    /// Changes wait to be saved; autosave tries [`AUTOSAVE_DELAY`] from now.
    fn mark_unsaved(&mut self) {
        self.save_state = SaveState::Unsaved {
            since: Instant::now(),
        };
    }

    /// Save if changes have waited [`AUTOSAVE_DELAY`]; returns when to look again.
    pub fn autosave(&mut self, now: Instant) -> Option<Duration> {
        match self.save_state {
            SaveState::Unsaved { since } => {
                let due = since + AUTOSAVE_DELAY;
                if now >= due {
                    self.save();
                    None
                } else {
                    Some(due - now)
                }
            }
            _ => None,
        }
    }

    /// Save now (a no-op when nothing changed or the sidecar is read-only), merged with
    /// whatever another process wrote meanwhile. Never waits for another writer's lock:
    /// when one holds it, the save is retried after [`AUTOSAVE_DELAY`].
    pub fn save(&mut self) {
        self.save_waiting(Wait::No);
    }

    /// As [`Workspace::save`], waiting as `wait` says for another writer's lock (the
    /// command line waits; the app never does). [`Workspace::save_state`] tells how it went.
    pub fn save_waiting(&mut self, wait: Wait) {
        if matches!(self.save_state, SaveState::Saved | SaveState::ReadOnly(_)) {
            return;
        }
        match sidecar::save_over(
            &self.folder,
            &self.base,
            self.fingerprint,
            &self.store,
            wait,
        ) {
            Ok(saved) => {
                self.fingerprint = saved.fingerprint;
                self.base = saved.store.clone();
                self.take_merged(saved.store, &saved.report);
                self.save_state = SaveState::Saved;
            }
            Err(SidecarError::Busy { .. }) => self.mark_unsaved(),
            Err(e) => self.save_state = SaveState::Failed(e.to_string()),
        }
    }

    /// Look at the sidecar on disk after it changed (the folder watcher saw it, or before
    /// quitting): merge what another process wrote into memory, keeping unsaved edits.
    /// A file that cannot be read is never overwritten; the edits stay in memory.
    /// Returns whether the annotations in memory changed.
    pub fn sync_from_disk(&mut self) -> bool {
        let path = sidecar::path(&self.folder);
        let bytes = match sidecar::read_bytes(&path) {
            Ok(b) => b,
            Err(e) => return self.disk_unreadable(e),
        };
        let fingerprint = Fingerprint::of(bytes.as_deref());
        if fingerprint == self.fingerprint {
            // Back to what we last saved (say, a bad edit undone on disk): saving can go on.
            if matches!(self.save_state, SaveState::Failed(_)) {
                self.mark_unsaved();
            }
            return false;
        }
        let Some(bytes) = bytes else {
            // Deleted on disk: what we hold is all there is; write it back.
            self.fingerprint = Fingerprint::NONE;
            if !self.is_read_only() {
                self.incoming = Some(format!(
                    "{} was removed on disk; your annotations are kept and saved again",
                    path.display()
                ));
                self.mark_unsaved();
            }
            return false;
        };
        let theirs = match sidecar::parse(&path, &bytes) {
            Ok(s) => s,
            Err(e) => return self.disk_unreadable(e),
        };
        let (merged, report) = if self.is_read_only() {
            // The file is readable again: it is the whole truth, nothing was editable.
            (theirs.clone(), Report::default())
        } else {
            merge::merge(&self.base, &self.store, &theirs)
        };
        self.fingerprint = fingerprint;
        self.base = theirs;
        let unsaved = merged != self.base;
        let changed = merged != self.store;
        self.take_merged(merged, &report);
        if unsaved {
            self.mark_unsaved();
        } else if !matches!(self.save_state, SaveState::Unsaved { .. }) {
            self.save_state = SaveState::Saved;
        }
        changed
    }

    fn disk_unreadable(&mut self, e: SidecarError) -> bool {
        if !self.is_read_only() {
            self.save_state = SaveState::Failed(format!(
                "{e}; your annotations are kept in memory and not written over it"
            ));
        }
        false
    }

    /// Put a merge result in place of the store: undo and redo steps get the same incoming
    /// changes (undo takes back the analyst's own edits, not another writer's).
    fn take_merged(&mut self, merged: Store, report: &Report) {
        if !report.is_empty() {
            self.incoming = Some(format!("From disk: {}", report.summary()));
        }
        if merged == self.store {
            return;
        }
        let before = std::mem::replace(&mut self.store, merged);
        for (_, s) in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            s.take_in(&before, &self.store);
        }
        self.last_typing = None;
        self.rederive_changed(&before);
    }

    /// Write the annotations in memory to `target` (the analyst's "save a copy as…"), for
    /// when the sidecar itself cannot be written.
    pub fn save_copy(&self, target: &Path) -> Result<(), SidecarError> {
        sidecar::save_copy(target, &self.store)
    }

    /// Put away the notice of what another writer changed (`incoming`).
    pub fn dismiss_notice(&mut self) {
        self.incoming = None;
    }

    /// Try a failed save again now (the status bar's "Retry save").
    pub fn retry_save(&mut self) {
        if matches!(self.save_state, SaveState::Failed(_)) {
            self.mark_unsaved();
        }
        self.sync_from_disk();
        self.save();
    }

    /// The analyst chose to leave without saving (or saved a copy elsewhere): the changes
    /// in memory are no longer counted as unsaved. Nothing on disk changes.
    pub fn forget_unsaved(&mut self) {
        if self.has_unsaved_changes() {
            self.save_state = SaveState::Saved;
        }
    }

    /// Whether there are changes not yet on disk.
    pub fn has_unsaved_changes(&self) -> bool {
        matches!(
            self.save_state,
            SaveState::Unsaved { .. } | SaveState::Failed(_)
        )
    }
}
