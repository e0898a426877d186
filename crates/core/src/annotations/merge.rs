//! Three-way merge of sidecars: `base` (the version last loaded or saved), `ours` (what is
//! in memory) and `theirs` (what is on disk now, or the other branch in git).
//!
//! Items are matched by id — tags by id, highlights by (article, id), meeting corrections
//! by their key, added meetings by id — and merged field by field: a field changed on one
//! side only takes that side's value; changed on both sides to different values, it is a
//! [`Conflict`]: the merged store keeps our value and records both, for the analyst to
//! choose ([`resolve`]). Nothing is dropped without both sides agreeing: an item deleted
//! on one side and changed on the other is kept (a conflict); a tag deleted on one side but
//! used by a highlight the other side made is kept (a conflict); the tag lists of a
//! highlight merge as sets.
//!
//! The same engine serves the app (saving and reloading), `dossier highlight` and the git
//! merge driver `dossier merge-sidecar`. Settling a recorded conflict is in
//! [`super::conflicts`].

use super::model::{
    AddedMeeting, ArticleNotes, Conflict, Highlight, Item, MeetingCorrection, MetadataCorrection,
    Store, Tag,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub use super::conflicts::{Choice, resolve};

/// What a merge brought in from `theirs`, and what it could not decide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub tags_added: usize,
    pub tags_changed: usize,
    pub tags_removed: usize,
    pub highlights_added: usize,
    pub highlights_changed: usize,
    pub highlights_removed: usize,
    /// Notes, details and meeting corrections of articles.
    pub articles_changed: usize,
    /// Conflicts this merge found (the store may hold older ones too).
    pub conflicts: usize,
}

impl Report {
    /// Count what `other` brought in too (a save that merged more than once).
    pub fn add(&mut self, other: &Report) {
        self.tags_added += other.tags_added;
        self.tags_changed += other.tags_changed;
        self.tags_removed += other.tags_removed;
        self.highlights_added += other.highlights_added;
        self.highlights_changed += other.highlights_changed;
        self.highlights_removed += other.highlights_removed;
        self.articles_changed += other.articles_changed;
        self.conflicts += other.conflicts;
    }

    pub fn is_empty(&self) -> bool {
        *self == Report::default()
    }

    /// "2 highlights added, 1 tag renamed…" in words; empty when nothing came in.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let mut say = |n: usize, what: &str, how: &str| {
            if n > 0 {
                let s = if n == 1 { "" } else { "s" };
                parts.push(format!("{n} {what}{s} {how}"));
            }
        };
        say(self.highlights_added, "highlight", "added");
        say(self.highlights_changed, "highlight", "changed");
        say(self.highlights_removed, "highlight", "removed");
        say(self.tags_added, "tag", "added");
        say(self.tags_changed, "tag", "changed");
        say(self.tags_removed, "tag", "removed");
        say(
            self.articles_changed,
            "report note or correction",
            "changed",
        );
        say(self.conflicts, "conflict", "found");
        parts.join(", ")
    }
}

/// Merge `ours` and `theirs`, both descended from `base`.
pub fn merge(base: &Store, ours: &Store, theirs: &Store) -> (Store, Report) {
    let mut m = Merger::default();
    let tags = m.tags(base, ours, theirs);
    let articles = m.articles(base, ours, theirs);
    let mut out = Store {
        version: ours.version.max(theirs.version),
        tags,
        articles,
        conflicts: Vec::new(),
    };
    m.keep_used_tags(&mut out, [base, ours, theirs]);
    m.break_parent_cycles(&mut out, ours);
    // Ids cannot tell these: the same tag made on both sides, one id in two reports.
    super::unify::twin_tags(&mut out, base, ours, theirs);
    super::unify::clashing_highlight_ids(&mut out, ours);
    out.conflicts = merge_conflict_lists(base, ours, theirs, m.conflicts);
    m.report.conflicts = m.found;
    out.normalise();
    (out, m.report)
}

#[derive(Default)]
struct Merger {
    conflicts: Vec<Conflict>,
    found: usize,
    report: Report,
}

/// How an item came out of a three-way comparison.
enum Pick<'a, T> {
    Same(Option<&'a T>),
    /// Both sides changed it (or added it) differently: merge its fields.
    Fields(Option<&'a T>, &'a T, &'a T),
    /// Deleted on one side, changed on the other: keep the changed one, as a conflict.
    DeleteChange {
        ours: Option<&'a T>,
        theirs: Option<&'a T>,
    },
}

fn pick<'a, T: PartialEq>(b: Option<&'a T>, o: Option<&'a T>, t: Option<&'a T>) -> Pick<'a, T> {
    if o == t || t == b {
        Pick::Same(o)
    } else if o == b {
        Pick::Same(t)
    } else {
        match (o, t) {
            (Some(o), Some(t)) => Pick::Fields(b, o, t),
            (ours, theirs) => Pick::DeleteChange { ours, theirs },
        }
    }
}

/// RON of a value, for a conflict record.
pub fn ron_of<T: Serialize>(v: &T) -> String {
    ron::to_string(v).unwrap_or_default()
}

impl Merger {
    fn conflict(&mut self, item: Item, field: &str, ours: Option<String>, theirs: Option<String>) {
        self.found += 1;
        self.conflicts.push(Conflict {
            item,
            field: field.to_owned(),
            ours,
            theirs,
        });
    }

    /// One field: our value unless only theirs changed; both changed → a conflict.
    fn field<T: PartialEq + Clone + Serialize>(
        &mut self,
        item: &Item,
        name: &str,
        b: Option<&T>,
        o: &T,
        t: &T,
    ) -> T {
        if o == t || Some(t) == b {
            o.clone()
        } else if Some(o) == b {
            t.clone()
        } else {
            self.conflict(item.clone(), name, Some(ron_of(o)), Some(ron_of(t)));
            o.clone()
        }
    }

    /// A whole item by three-way comparison; `fields` merges one changed on both sides.
    fn item<T: PartialEq + Clone + Serialize>(
        &mut self,
        item: Item,
        b: Option<&T>,
        o: Option<&T>,
        t: Option<&T>,
        fields: impl FnOnce(&mut Self, &Item, Option<&T>, &T, &T) -> T,
    ) -> Option<T> {
        match pick(b, o, t) {
            Pick::Same(v) => v.cloned(),
            Pick::Fields(b, o, t) => Some(fields(self, &item, b, o, t)),
            Pick::DeleteChange { ours, theirs } => {
                let kept = ours.or(theirs).cloned();
                self.conflict(item, "", ours.map(ron_of), theirs.map(ron_of));
                kept
            }
        }
    }

    fn tags(&mut self, base: &Store, ours: &Store, theirs: &Store) -> Vec<Tag> {
        let by_id = |s: &Store| -> BTreeMap<String, Tag> {
            s.tags.iter().map(|t| (t.id.clone(), t.clone())).collect()
        };
        let (b, o, t) = (by_id(base), by_id(ours), by_id(theirs));
        // Our order, then tags only they have, in their order.
        let order = ours
            .tags
            .iter()
            .chain(theirs.tags.iter().filter(|x| !o.contains_key(&x.id)))
            .map(|x| x.id.clone());
        let mut out = Vec::new();
        for id in order {
            let merged = self.item(
                Item::Tag(id.clone()),
                b.get(&id),
                o.get(&id),
                t.get(&id),
                |m, item, b, o, t| Tag {
                    id: o.id.clone(),
                    name: m.field(item, "name", b.map(|x| &x.name), &o.name, &t.name),
                    colour: m.field(item, "colour", b.map(|x| &x.colour), &o.colour, &t.colour),
                    description: m.field(
                        item,
                        "description",
                        b.map(|x| &x.description),
                        &o.description,
                        &t.description,
                    ),
                    parent: m.field(item, "parent", b.map(|x| &x.parent), &o.parent, &t.parent),
                },
            );
            count(&mut self.report, o.get(&id), merged.as_ref(), Counter::Tag);
            out.extend(merged);
        }
        out
    }

    fn articles(
        &mut self,
        base: &Store,
        ours: &Store,
        theirs: &Store,
    ) -> BTreeMap<String, ArticleNotes> {
        let paths: BTreeSet<&String> = base
            .articles
            .keys()
            .chain(ours.articles.keys())
            .chain(theirs.articles.keys())
            .collect();
        let empty = ArticleNotes::default();
        let mut out = BTreeMap::new();
        for path in paths {
            let (b, o, t) = (
                base.articles.get(path),
                ours.articles.get(path),
                theirs.articles.get(path),
            );
            let merged = match pick(b, o, t) {
                Pick::Same(v) => {
                    self.count_highlights(o.unwrap_or(&empty), v.unwrap_or(&empty));
                    if !same_but_highlights(o.unwrap_or(&empty), v.unwrap_or(&empty)) {
                        self.report.articles_changed += 1;
                    }
                    v.cloned().unwrap_or_default()
                }
                _ => self.article(
                    path,
                    b.unwrap_or(&empty),
                    o.unwrap_or(&empty),
                    t.unwrap_or(&empty),
                ),
            };
            out.insert(path.clone(), merged);
        }
        out
    }

    fn count_highlights(&mut self, o: &ArticleNotes, merged: &ArticleNotes) {
        let by_id = |a: &ArticleNotes| -> BTreeMap<String, Highlight> {
            a.highlights
                .iter()
                .map(|h| (h.id.clone(), h.clone()))
                .collect()
        };
        let (o, m) = (by_id(o), by_id(merged));
        for id in o.keys().chain(m.keys().filter(|k| !o.contains_key(*k))) {
            count(&mut self.report, o.get(id), m.get(id), Counter::Highlight);
        }
    }

    fn article(
        &mut self,
        path: &str,
        b: &ArticleNotes,
        o: &ArticleNotes,
        t: &ArticleNotes,
    ) -> ArticleNotes {
        let item = Item::Article(path.to_owned());
        let out = ArticleNotes {
            note: self.field(&item, "note", Some(&b.note), &o.note, &t.note),
            metadata: self.metadata(&item, &b.metadata, &o.metadata, &t.metadata),
            meetings: self.meetings(path, b, o, t),
            added_meetings: self.added_meetings(path, b, o, t),
            highlights: self.highlights(path, b, o, t),
        };
        if !same_but_highlights(o, &out) {
            self.report.articles_changed += 1;
        }
        out
    }

    /// The corrections of meetings found in `path`, merged one by one.
    fn meetings(
        &mut self,
        path: &str,
        b: &ArticleNotes,
        o: &ArticleNotes,
        t: &ArticleNotes,
    ) -> Vec<MeetingCorrection> {
        keyed(&b.meetings, &o.meetings, &t.meetings, |c| c.key.clone())
            .into_iter()
            .filter_map(|(key, (bb, oo, tt))| {
                let article = path.to_owned();
                let item = Item::Meeting { article, key };
                self.item(item, bb, oo, tt, whole::<MeetingCorrection>)
            })
            .collect()
    }

    /// The meetings added by hand to `path`, merged one by one.
    fn added_meetings(
        &mut self,
        path: &str,
        b: &ArticleNotes,
        o: &ArticleNotes,
        t: &ArticleNotes,
    ) -> Vec<AddedMeeting> {
        let id = |a: &AddedMeeting| a.id.clone();
        keyed(&b.added_meetings, &o.added_meetings, &t.added_meetings, id)
            .into_iter()
            .filter_map(|(id, (bb, oo, tt))| {
                let article = path.to_owned();
                let item = Item::AddedMeeting { article, id };
                self.item(item, bb, oo, tt, whole::<AddedMeeting>)
            })
            .collect()
    }

    /// The highlights of `path`, merged field by field and counted.
    fn highlights(
        &mut self,
        path: &str,
        b: &ArticleNotes,
        o: &ArticleNotes,
        t: &ArticleNotes,
    ) -> Vec<Highlight> {
        keyed(&b.highlights, &o.highlights, &t.highlights, |h| {
            h.id.clone()
        })
        .into_iter()
        .filter_map(|(id, (bb, oo, tt))| {
            let article = path.to_owned();
            let item = Item::Highlight { article, id };
            let merged = self.item(item, bb, oo, tt, highlight_fields);
            count(&mut self.report, oo, merged.as_ref(), Counter::Highlight);
            merged
        })
        .collect()
    }

    fn metadata(
        &mut self,
        item: &Item,
        b: &MetadataCorrection,
        o: &MetadataCorrection,
        t: &MetadataCorrection,
    ) -> MetadataCorrection {
        MetadataCorrection {
            title: self.field(item, "title", Some(&b.title), &o.title, &t.title),
            published: self.field(
                item,
                "published",
                Some(&b.published),
                &o.published,
                &t.published,
            ),
            source: self.field(item, "source", Some(&b.source), &o.source, &t.source),
            place: self.field(item, "place", Some(&b.place), &o.place, &t.place),
        }
    }

    /// A tag deleted on one side but still used by a highlight (one the other side made or
    /// tagged) comes back, as a conflict, so no highlight loses a tag unasked.
    fn keep_used_tags(&mut self, out: &mut Store, sides: [&Store; 3]) {
        let present: BTreeSet<String> = out.tags.iter().map(|t| t.id.clone()).collect();
        let used: BTreeSet<String> = out
            .articles
            .values()
            .flat_map(|a| &a.highlights)
            .flat_map(|h| h.tags.iter().cloned())
            .chain(out.tags.iter().filter_map(|t| t.parent.clone()))
            .collect();
        for id in used.difference(&present) {
            // Prefer the newest description of the tag: theirs, ours, then base.
            let found = [sides[2], sides[1], sides[0]]
                .into_iter()
                .find_map(|s| s.tag(id).cloned());
            if let Some(tag) = found {
                let (o, t) = (sides[1].tag(id), sides[2].tag(id));
                self.conflict(Item::Tag(id.clone()), "", o.map(ron_of), t.map(ron_of));
                out.tags.push(tag);
            }
        }
    }

    /// Parents merged from both sides can form a cycle neither side had: where a tag's
    /// parent came from theirs and closes a cycle, keep ours and record the conflict.
    fn break_parent_cycles(&mut self, out: &mut Store, ours: &Store) {
        for i in 0..out.tags.len() {
            if !in_cycle(out, &out.tags[i].id) {
                continue;
            }
            let id = out.tags[i].id.clone();
            let our_parent = ours.tag(&id).and_then(|t| t.parent.clone());
            if out.tags[i].parent != our_parent {
                let theirs = out.tags[i].parent.clone();
                out.tags[i].parent = our_parent.clone();
                self.conflict(
                    Item::Tag(id),
                    "parent",
                    Some(ron_of(&our_parent)),
                    Some(ron_of(&theirs)),
                );
            }
        }
    }
}

fn in_cycle(store: &Store, id: &str) -> bool {
    let mut at = store.tag(id).and_then(|t| t.parent.clone());
    for _ in 0..store.tags.len() {
        match at {
            Some(p) if p == id => return true,
            Some(p) => at = store.tag(&p).and_then(|t| t.parent.clone()),
            None => return false,
        }
    }
    false
}

/// Whether two articles' notes are the same, their highlights aside.
fn same_but_highlights(a: &ArticleNotes, b: &ArticleNotes) -> bool {
    a.note == b.note
        && a.metadata == b.metadata
        && a.meetings == b.meetings
        && a.added_meetings == b.added_meetings
}

/// A value changed on both sides with no finer merge: a conflict, keeping ours.
fn whole<T: Clone + Serialize>(m: &mut Merger, item: &Item, _b: Option<&T>, o: &T, t: &T) -> T {
    m.conflict(item.clone(), "", Some(ron_of(o)), Some(ron_of(t)));
    o.clone()
}

fn highlight_fields(
    m: &mut Merger,
    item: &Item,
    b: Option<&Highlight>,
    o: &Highlight,
    t: &Highlight,
) -> Highlight {
    Highlight {
        id: o.id.clone(),
        anchor: m.field(item, "anchor", b.map(|x| &x.anchor), &o.anchor, &t.anchor),
        tags: merge_sets(b.map(|x| x.tags.as_slice()), &o.tags, &t.tags),
        note: m.field(item, "note", b.map(|x| &x.note), &o.note, &t.note),
        created: o.created.min(t.created),
        modified: o.modified.max(t.modified),
    }
}

/// Three-way merge of a list as a set: what either side added is in, what either side
/// removed is out; our order first.
fn merge_sets(b: Option<&[String]>, o: &[String], t: &[String]) -> Vec<String> {
    let b = b.unwrap_or(&[]);
    let mut out: Vec<String> = o
        .iter()
        .filter(|x| t.contains(x) || !b.contains(x))
        .cloned()
        .collect();
    for x in t {
        if !b.contains(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

type Triple<'a, T> = (Option<&'a T>, Option<&'a T>, Option<&'a T>);

/// The items of three lists by key, in key order.
fn keyed<'a, T, K: Ord>(
    b: &'a [T],
    o: &'a [T],
    t: &'a [T],
    key: impl Fn(&T) -> K,
) -> BTreeMap<K, Triple<'a, T>> {
    let mut out: BTreeMap<K, Triple<'a, T>> = BTreeMap::new();
    for x in b {
        out.entry(key(x)).or_default().0 = Some(x);
    }
    for x in o {
        out.entry(key(x)).or_default().1 = Some(x);
    }
    for x in t {
        out.entry(key(x)).or_default().2 = Some(x);
    }
    out
}

enum Counter {
    Tag,
    Highlight,
}

/// Count what changed from our version of an item to the merged one.
fn count<T: PartialEq>(r: &mut Report, ours: Option<&T>, merged: Option<&T>, what: Counter) {
    let (added, changed, removed) = match what {
        Counter::Tag => (&mut r.tags_added, &mut r.tags_changed, &mut r.tags_removed),
        Counter::Highlight => (
            &mut r.highlights_added,
            &mut r.highlights_changed,
            &mut r.highlights_removed,
        ),
    };
    match (ours, merged) {
        (None, Some(_)) => *added += 1,
        (Some(_), None) => *removed += 1,
        (Some(o), Some(m)) if o != m => *changed += 1,
        _ => {}
    }
}

/// The store's conflict list after a merge: earlier conflicts as a set (one resolved on
/// either side is gone), then this merge's, each (item, field) recorded once.
fn merge_conflict_lists(
    base: &Store,
    ours: &Store,
    theirs: &Store,
    new: Vec<Conflict>,
) -> Vec<Conflict> {
    let mut out: Vec<Conflict> = Vec::new();
    for c in ours.conflicts.iter().chain(&theirs.conflicts) {
        let on_both = ours.conflicts.contains(c) && theirs.conflicts.contains(c);
        if (on_both || !base.conflicts.contains(c)) && !out.contains(c) {
            out.push(c.clone());
        }
    }
    for c in new {
        out.retain(|x| !(x.item == c.item && x.field == c.field));
        out.push(c);
    }
    out
}
