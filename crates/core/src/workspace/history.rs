//! Undo and redo by difference: an undo step keeps only the part of the annotations its
//! edit could change (the reports it names, with the codebook and the open conflicts,
//! which are small), not a copy of the whole store, so a step costs the same at 50
//! highlights or 50,000. Edits that may touch any report (tidying, resolving a conflict,
//! the generic [`super::Workspace::edit`]) keep the whole store.

use super::Changed;
use crate::annotations::Store;
use crate::annotations::merge;
use std::collections::BTreeSet;

/// The reports an edit may change: some (by path), or all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reach {
    Reports(BTreeSet<String>),
    All,
}

/// The annotations as they were within a reach: a store holding the codebook, the
/// conflicts and only the reports reached (a report reached but absent had no notes).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Snapshot {
    reach: Reach,
    part: Store,
}

impl Snapshot {
    /// What `store` holds within `reach`.
    pub fn take(store: &Store, reach: Reach) -> Snapshot {
        let articles = match &reach {
            Reach::All => store.articles.clone(),
            Reach::Reports(paths) => (paths.iter())
                .filter_map(|p| Some((p.clone(), store.articles.get(p)?.clone())))
                .collect(),
        };
        let part = Store {
            version: store.version,
            tags: store.tags.clone(),
            articles,
            conflicts: store.conflicts.clone(),
        };
        Snapshot { reach, part }
    }

    /// The same reach, as `store` holds it now.
    pub fn again(&self, store: &Store) -> Snapshot {
        Snapshot::take(store, self.reach.clone())
    }

    /// Whether `store` holds, within this reach, what this snapshot does.
    pub fn matches(&self, store: &Store) -> bool {
        *self == self.again(store)
    }

    /// Put the canonical order back on what this reach covers in `store`.
    pub fn normalise(&self, store: &mut Store) {
        match &self.reach {
            Reach::All => store.normalise(),
            Reach::Reports(paths) => {
                for p in paths {
                    store.normalise_article(p);
                }
                store.normalise_conflicts();
            }
        }
    }

    /// Put this snapshot back into `store`; returns what it replaced (the way back).
    pub fn restore(self, store: &mut Store) -> Snapshot {
        let now = self.again(store);
        let Snapshot { reach, part } = self;
        store.version = part.version;
        store.tags = part.tags;
        store.conflicts = part.conflicts;
        match reach {
            Reach::All => store.articles = part.articles,
            Reach::Reports(paths) => {
                let mut articles = part.articles;
                for p in paths {
                    match articles.remove(&p) {
                        Some(notes) => store.articles.insert(p, notes),
                        None => store.articles.remove(&p),
                    };
                }
            }
        }
        now
    }

    /// The reports this reach covers whose notes differ between it and `store` (all of
    /// them when it covers all), and how; and whether the codebook differs.
    pub fn differences(&self, store: &Store) -> (bool, Vec<Changed>) {
        let tags = self.part.tags != store.tags;
        let paths: BTreeSet<&String> = match &self.reach {
            Reach::All => self
                .part
                .articles
                .keys()
                .chain(store.articles.keys())
                .collect(),
            Reach::Reports(paths) => paths.iter().collect(),
        };
        let differ = (paths.into_iter())
            .filter_map(|p| Changed::between(p, self.part.articles.get(p), store.articles.get(p)))
            .collect();
        (tags, differ)
    }

    /// Bring in another writer's changes (`before` → `after`, whole stores) to this
    /// step, as the store itself took them: undo takes back the analyst's own edits,
    /// not theirs.
    pub fn take_in(&mut self, before: &Store, after: &Store) {
        let (base, theirs) = (
            Snapshot::take(before, self.reach.clone()),
            Snapshot::take(after, self.reach.clone()),
        );
        let (mut merged, _) = merge::merge(&base.part, &self.part, &theirs.part);
        merged
            .conflicts
            .retain(|c| self.part.conflicts.contains(c) || after.conflicts.contains(c));
        self.part = merged;
    }
}

#[cfg(test)]
mod tests {
    use crate::annotations::Store;
    use crate::annotations::model::{MeetingCorrection, MetadataCorrection};
    use crate::annotations::ops::TagChoice;
    use crate::workspace::Workspace;
    use crate::workspace::edit::Edit;
    use crate::workspace::test_support::{QUOTE, REPORT, added_call, first_key, now, samples};

    const OTHER: &str = "002_d19069a31ccc614c.txt";

    /// Tag `quote` (its first place) in report `path` with `tag`.
    fn tag(ws: &mut Workspace, path: &str, quote: &str, tag: &str) -> String {
        let text = &ws.corpus().article(path).expect("the report").text;
        let b = text.find(quote).expect("the quote");
        let start = text[..b].chars().count();
        let edit = Edit::ApplyTag {
            article: path.into(),
            range: start..start + quote.chars().count(),
            tag: TagChoice::New(tag.into()),
        };
        let applied = ws.apply(edit, now()).expect("tagged");
        applied.highlight.expect("a highlight")
    }

    fn id_of(ws: &Workspace, name: &str) -> String {
        ws.store().tag_by_name(name).expect("the tag").id.clone()
    }

    /// Apply `edit`; undo gives back exactly the whole store before it, redo exactly the
    /// store after it, whatever part of the store the step kept.
    fn round_trip(ws: &mut Workspace, edit: Edit) {
        let label = edit.label();
        let before: Store = ws.store().clone();
        ws.apply(edit, now()).expect(label);
        let after = ws.store().clone();
        assert_ne!(before, after, "{label} changes something");
        assert_eq!(ws.undo().as_deref(), Some(label));
        assert_eq!(*ws.store(), before, "undo of {label}");
        assert_eq!(ws.redo().as_deref(), Some(label));
        assert_eq!(*ws.store(), after, "redo of {label}");
    }

    #[test]
    fn every_edit_undoes_and_redoes_to_the_whole_store_exactly() {
        let (_d, mut ws) = samples();
        let h = tag(&mut ws, REPORT, QUOTE, "ties");
        tag(&mut ws, OTHER, QUOTE, "ties");
        tag(&mut ws, OTHER, QUOTE, "trade");
        tag(&mut ws, OTHER, "Tokayev", "people");
        let (ties, trade, people) = (
            id_of(&ws, "ties"),
            id_of(&ws, "trade"),
            id_of(&ws, "people"),
        );
        let a = ws.article_index(REPORT).expect("the report");
        let key = first_key(&ws, a);
        let edits = vec![
            Edit::SetHighlightNote {
                article: REPORT.into(),
                highlight: h.clone(),
                note: "a note".into(),
            },
            Edit::SetArticleNote {
                article: "003_605b4ee0f7fb2dfc.txt".into(),
                note: "a report with no notes before".into(),
            },
            Edit::CreateTag("fresh".into()),
            Edit::RenameTag {
                tag: trade.clone(),
                name: "commerce".into(),
            },
            Edit::DescribeTag {
                tag: trade.clone(),
                description: "buying and selling".into(),
            },
            Edit::RecolourTag {
                tag: trade.clone(),
                colour: "#123456".into(),
            },
            Edit::SetTagParent {
                tag: trade.clone(),
                parent: Some(ties.clone()),
            },
            Edit::UntagHighlight {
                article: REPORT.into(),
                highlight: h.clone(),
                tag: ties.clone(),
            },
            Edit::CorrectMeeting {
                article: REPORT.into(),
                fix: MeetingCorrection {
                    not_a_meeting: true,
                    ..MeetingCorrection::new(key)
                },
            },
            Edit::AddMeeting {
                article: REPORT.into(),
                meeting: added_call("m1"),
            },
            Edit::CorrectDetails {
                article: OTHER.into(),
                fix: MetadataCorrection {
                    title: Some("Another title".into()),
                    ..MetadataCorrection::default()
                },
            },
            Edit::MergeTags {
                from: trade.clone(),
                into: people.clone(),
            },
            Edit::DeleteTag(ties.clone()),
            Edit::RemoveHighlight {
                article: OTHER.into(),
                highlight: ws.store().articles[OTHER].highlights[0].id.clone(),
            },
            Edit::Tidy,
        ];
        for edit in edits {
            // Each from the state the last one left (its redo done).
            if edit == Edit::Tidy {
                // Tidying changes something only when there is something to tidy: two
                // tags named alike.
                ws.edit(|s| {
                    let mut twin = s.tags[0].clone();
                    twin.id = "twin".into();
                    s.tags.push(twin);
                });
            }
            round_trip(&mut ws, edit);
        }
    }

    /// A step keeps the reports it names, not the store: a hundred steps on one report of
    /// a corpus with many annotated reports hold no copy of the others.
    #[test]
    fn a_step_keeps_only_what_its_edit_reaches() {
        let (_d, mut ws) = samples();
        let h = tag(&mut ws, REPORT, QUOTE, "ties");
        tag(&mut ws, OTHER, QUOTE, "ties");
        let reach = Edit::SetHighlightNote {
            article: REPORT.into(),
            highlight: h,
            note: String::new(),
        }
        .reach(ws.store());
        let step = super::Snapshot::take(ws.store(), reach);
        assert_eq!(step.part.articles.keys().collect::<Vec<_>>(), [REPORT]);
        assert_eq!(step.part.tags, ws.store().tags);
    }

    /// Re-deriving a report (extracting its meetings again) follows its corrections, not
    /// its notes or highlights: typing a note in a long report stays quick.
    #[test]
    fn a_note_or_a_highlight_leaves_the_meetings_alone_a_correction_does_not() {
        let (_d, mut ws) = samples();
        let a = ws.article_index(REPORT).expect("the report");
        let extracted = ws.meetings[a].clone();
        // A stand-in where the meetings are kept: a re-derive would put them back.
        ws.meetings[a] = std::sync::Arc::from([]);
        let note = Edit::SetArticleNote {
            article: REPORT.into(),
            note: "read again".into(),
        };
        ws.apply(note, now()).expect("noted");
        tag(&mut ws, REPORT, QUOTE, "ties");
        assert!(ws.meetings[a].is_empty(), "not derived again");
        let fix = Edit::CorrectDetails {
            article: REPORT.into(),
            fix: MetadataCorrection {
                source: Some("Another source".into()),
                ..MetadataCorrection::default()
            },
        };
        ws.apply(fix, now()).expect("corrected");
        assert_eq!(ws.meetings[a], extracted, "derived again");
    }

    /// The timeline's filter is worked out again when what it reads changes: a tag put
    /// on a passage, for a filter by that tag; not a note.
    #[test]
    fn the_filter_follows_tagging_not_notes() {
        let (_d, mut ws) = samples();
        tag(&mut ws, OTHER, QUOTE, "ties");
        let ties = id_of(&ws, "ties");
        let query = crate::filter::Query {
            tags: [ties.clone()].into(),
            ..crate::filter::Query::default()
        };
        let mut shown = crate::filter::Shown::default();
        assert!(shown.refresh(&ws, &query));
        let a = ws.article_index(REPORT).expect("the report");
        assert!(!shown.reports.contains(&a));
        let note = Edit::SetArticleNote {
            article: REPORT.into(),
            note: "a note".into(),
        };
        ws.apply(note, now()).expect("noted");
        assert!(
            !shown.refresh(&ws, &query),
            "a note changes nothing it reads"
        );
        tag(&mut ws, REPORT, QUOTE, "ties");
        assert!(shown.refresh(&ws, &query), "a tag does");
        assert!(shown.reports.contains(&a));
    }
}
