//! The edits an analyst makes to the annotations, as data, and the one way they reach the
//! workspace: [`Workspace::apply`]. Each edit is one undo step named by its label (typing
//! into one field makes one step of many keystrokes), is refused when the sidecar is
//! read-only or the edit would do nothing sensible (a blank selection), and schedules a
//! save. The app sends these; tests drive them without a window.

use super::Workspace;
use super::history::Reach;
use crate::annotations::conflicts::Choice;
use crate::annotations::model::{AddedMeeting, MeetingCorrection, MeetingKey, MetadataCorrection};
use crate::annotations::ops::{self, TagChoice};
use crate::annotations::{Store, ensure_tag};
use crate::corpus::Corpus;
use std::collections::BTreeSet;
use std::ops::Range;

/// One change to the annotations. Articles are named by their path in the corpus.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    ApplyTag {
        article: String,
        range: Range<usize>,
        tag: TagChoice,
    },
    Reattach {
        article: String,
        highlight: String,
        range: Range<usize>,
    },
    UntagHighlight {
        article: String,
        highlight: String,
        tag: String,
    },
    RemoveHighlight {
        article: String,
        highlight: String,
    },
    SetHighlightNote {
        article: String,
        highlight: String,
        note: String,
    },
    SetArticleNote {
        article: String,
        note: String,
    },
    CreateTag(String),
    RenameTag {
        tag: String,
        name: String,
    },
    DescribeTag {
        tag: String,
        description: String,
    },
    RecolourTag {
        tag: String,
        colour: String,
    },
    SetTagParent {
        tag: String,
        parent: Option<String>,
    },
    MergeTags {
        from: String,
        into: String,
    },
    DeleteTag(String),
    CorrectMeeting {
        article: String,
        fix: MeetingCorrection,
    },
    RestoreMeeting {
        article: String,
        key: MeetingKey,
    },
    AddMeeting {
        article: String,
        meeting: AddedMeeting,
    },
    RemoveAddedMeeting {
        article: String,
        id: String,
    },
    CorrectDetails {
        article: String,
        fix: MetadataCorrection,
    },
    /// Settle conflict `index` of the sidecar's list with one side's value.
    ResolveConflict {
        index: usize,
        choice: Choice,
    },
    /// Clean up blank highlights, highlights that cut words and tags named alike
    /// ([`crate::annotations::tidy`]).
    Tidy,
}

impl Edit {
    /// What the edit does, in words, for the undo history and the status bar.
    pub fn label(&self) -> &'static str {
        use Edit::*;
        match self {
            ApplyTag { .. } => "tag passage",
            Reattach { .. } => "re-attach highlight",
            UntagHighlight { .. } => "remove tag from highlight",
            RemoveHighlight { .. } => "remove highlight",
            SetHighlightNote { .. } => "edit highlight note",
            SetArticleNote { .. } => "edit report note",
            CreateTag(_) => "create tag",
            RenameTag { .. } => "rename tag",
            DescribeTag { .. } => "describe tag",
            RecolourTag { .. } => "recolour tag",
            SetTagParent { .. } => "nest tag",
            MergeTags { .. } => "merge tags",
            DeleteTag(_) => "delete tag",
            CorrectMeeting { fix, .. } if fix.not_a_meeting => "mark not a meeting",
            CorrectMeeting { .. } => "correct meeting",
            RestoreMeeting { .. } => "restore meeting",
            AddMeeting { .. } => "add meeting",
            RemoveAddedMeeting { .. } => "remove added meeting",
            CorrectDetails { .. } => "correct report details",
            ResolveConflict { .. } => "resolve conflict",
            Tidy => "tidy annotations",
        }
    }

    /// The reports the edit may change in `s` (its undo step keeps those only): the one
    /// it names; for merging or deleting a tag, those whose highlights bear it; none for
    /// the codebook's own edits; all for tidying and resolving a conflict.
    pub(crate) fn reach(&self, s: &Store) -> Reach {
        use Edit::*;
        let one = |path: &String| Reach::Reports(BTreeSet::from([path.clone()]));
        let bearing = |tag: &str| {
            let paths = (s.articles.iter())
                .filter(|(_, n)| n.highlights.iter().any(|h| h.tags.iter().any(|t| t == tag)))
                .map(|(p, _)| p.clone());
            Reach::Reports(paths.collect())
        };
        match self {
            ApplyTag { article, .. }
            | Reattach { article, .. }
            | UntagHighlight { article, .. }
            | RemoveHighlight { article, .. }
            | SetHighlightNote { article, .. }
            | SetArticleNote { article, .. }
            | CorrectMeeting { article, .. }
            | RestoreMeeting { article, .. }
            | AddMeeting { article, .. }
            | RemoveAddedMeeting { article, .. }
            | CorrectDetails { article, .. } => one(article),
            CreateTag(_)
            | RenameTag { .. }
            | DescribeTag { .. }
            | RecolourTag { .. }
            | SetTagParent { .. } => Reach::Reports(BTreeSet::new()),
            MergeTags { from, .. } => bearing(from),
            DeleteTag(tag) => bearing(tag),
            ResolveConflict { .. } | Tidy => Reach::All,
        }
    }

    /// For edits typed key by key, the field typed into: a run of them is one undo step.
    pub fn typing_field(&self) -> Option<String> {
        use Edit::*;
        match self {
            SetHighlightNote { highlight, .. } => Some(format!("highlight-note-{highlight}")),
            SetArticleNote { article, .. } => Some(format!("article-note-{article}")),
            RenameTag { tag, .. } => Some(format!("tag-name-{tag}")),
            DescribeTag { tag, .. } => Some(format!("tag-description-{tag}")),
            _ => None,
        }
    }
}

/// What an applied edit did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applied {
    /// The tag a passage was tagged with (made on the way if it was new).
    pub tag: Option<String>,
    /// The highlight that carries it (made on the way if the passage had none).
    pub highlight: Option<String>,
    /// What tidying fixed, in words.
    pub fixed: Vec<String>,
}

/// Why an edit changed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The annotations file could not be read as it is: nothing is written to it.
    ReadOnly,
    /// The edit makes no sense here (a blank selection, a highlight that is gone).
    Nothing(String),
}

impl Workspace {
    /// Carry out `edit` at time `now`: the only way the analyst's changes reach the
    /// annotations (one undo step, re-derived where corrections changed, saved soon).
    pub fn apply(&mut self, edit: Edit, now: jiff::Timestamp) -> Result<Applied, Refused> {
        let label = edit.label();
        let field = edit.typing_field();
        let mut outcome = Ok(Applied::default());
        let reach = edit.reach(&self.store);
        let done = self.edit_with(label, field.as_deref(), reach, |s, corpus| {
            outcome = change(s, edit, now, corpus);
        });
        if done {
            outcome
        } else {
            Err(Refused::ReadOnly)
        }
    }
}

/// `edit` made to the store `s`; the corpus gives an article's text for anchoring.
fn change(
    s: &mut Store,
    edit: Edit,
    now: jiff::Timestamp,
    corpus: &Corpus,
) -> Result<Applied, Refused> {
    use Edit::*;
    let text_of = |path: &str| corpus.article(path).map_or("", |a| a.text.as_str());
    let refused = |why: crate::text::NotAPassage| Refused::Nothing(why.to_string());
    match edit {
        ApplyTag {
            article,
            range,
            tag,
        } => {
            let text = text_of(&article);
            let tagged = ops::tag_range(s, &article, text, range, &tag, now).map_err(refused)?;
            return Ok(Applied {
                tag: Some(tagged.tag),
                highlight: Some(tagged.highlight),
                ..Applied::default()
            });
        }
        Reattach {
            article,
            highlight,
            range,
        } => {
            let text = text_of(&article);
            ops::reattach(s, &article, &highlight, text, range, now).map_err(refused)?;
        }
        UntagHighlight {
            article,
            highlight,
            tag,
        } => ops::untag_highlight(s, &article, &highlight, &tag),
        RemoveHighlight { article, highlight } => ops::remove_highlight(s, &article, &highlight),
        SetHighlightNote {
            article,
            highlight,
            note,
        } => ops::set_highlight_note(s, &article, &highlight, &note, now),
        SetArticleNote { article, note } => ops::set_article_note(s, &article, &note),
        CreateTag(name) => {
            ensure_tag(s, &name);
        }
        RenameTag { tag, name } => {
            ops::rename_tag(s, &tag, &name);
        }
        DescribeTag { tag, description } => ops::describe_tag(s, &tag, &description),
        RecolourTag { tag, colour } => {
            ops::recolour_tag(s, &tag, &colour);
        }
        SetTagParent { tag, parent } => {
            ops::set_parent(s, &tag, parent.as_deref());
        }
        MergeTags { from, into } => ops::merge_tags(s, &from, &into),
        DeleteTag(tag) => ops::delete_tag(s, &tag),
        CorrectMeeting { article, fix } => ops::correct_meeting(s, &article, fix),
        RestoreMeeting { article, key } => ops::restore_meeting(s, &article, &key),
        AddMeeting { article, meeting } => ops::add_meeting(s, &article, meeting),
        RemoveAddedMeeting { article, id } => ops::remove_added_meeting(s, &article, &id),
        CorrectDetails { article, fix } => ops::correct_details(s, &article, fix),
        ResolveConflict { index, choice } => {
            crate::annotations::conflicts::resolve(s, index, choice).map_err(Refused::Nothing)?;
        }
        Tidy => {
            let text_of = |p: &str| corpus.article(p).map(|a| a.text.as_str());
            let found = crate::annotations::tidy::find(s, text_of);
            crate::annotations::tidy::fix(s, &found, text_of);
            let fixed = found.iter().map(ToString::to_string).collect();
            return Ok(Applied {
                fixed,
                ..Applied::default()
            });
        }
    }
    Ok(Applied::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::test_support::{
        QUOTE, REPORT, added_call, first_key, now, range_of, samples,
    };

    /// Tag the sample quote with a new tag "ties": (highlight id, tag id).
    fn tagged(ws: &mut Workspace) -> (String, String) {
        let range = range_of(ws, QUOTE);
        let edit = Edit::ApplyTag {
            article: REPORT.into(),
            range,
            tag: TagChoice::New("ties".into()),
        };
        let tag = ws.apply(edit, now()).expect("tagged").tag.expect("a tag");
        let h = ws.store.articles[REPORT].highlights[0].id.clone();
        (h, tag)
    }

    fn apply(ws: &mut Workspace, edit: Edit) {
        let label = edit.label();
        assert_eq!(ws.apply(edit, now()), Ok(Applied::default()), "{label}");
    }

    #[test]
    fn tagging_a_passage_makes_a_highlight_with_its_quote_and_one_undo_step() {
        let (_d, mut ws) = samples();
        let (_, tag) = tagged(&mut ws);
        let h = &ws.store.articles[REPORT].highlights[0];
        assert_eq!(h.anchor.quote, QUOTE);
        assert_eq!(h.tags, std::slice::from_ref(&tag));
        assert_eq!(ws.store.tags[0].name, "ties");
        // Tagging the same passage again adds to that highlight, not a second one.
        let range = range_of(&ws, QUOTE);
        ws.apply(
            Edit::ApplyTag {
                article: REPORT.into(),
                range,
                tag: TagChoice::New("trust".into()),
            },
            now(),
        )
        .expect("tagged again");
        assert_eq!(ws.store.articles[REPORT].highlights.len(), 1);
        assert_eq!(ws.store.articles[REPORT].highlights[0].tags.len(), 2);
        assert_eq!(ws.undo().as_deref(), Some("tag passage"));
        assert_eq!(ws.store.articles[REPORT].highlights[0].tags, [tag]);
    }

    #[test]
    fn a_blank_selection_is_refused_and_changes_nothing() {
        let (_d, mut ws) = samples();
        let before = ws.store.clone();
        let text = &ws.corpus.article(REPORT).expect("the report").text;
        let space = text.find("  ").or_else(|| text.find(' ')).expect("a space");
        let at = text[..space].chars().count();
        let outcome = ws.apply(
            Edit::ApplyTag {
                article: REPORT.into(),
                range: at..at + 1,
                tag: TagChoice::New("empty".into()),
            },
            now(),
        );
        assert!(matches!(outcome, Err(Refused::Nothing(_))), "{outcome:?}");
        assert_eq!(ws.store, before, "not even the codebook changed");
        assert!(!ws.can_undo());
    }

    #[test]
    fn highlight_edits_change_the_highlight() {
        let (_d, mut ws) = samples();
        let (h, tag) = tagged(&mut ws);
        let highlight = |ws: &Workspace| {
            ws.store
                .articles
                .get(REPORT)
                .and_then(|n| n.highlights.first().cloned())
        };
        let note = "Same words as in 002.";
        apply(
            &mut ws,
            Edit::SetHighlightNote {
                article: REPORT.into(),
                highlight: h.clone(),
                note: note.into(),
            },
        );
        assert_eq!(highlight(&ws).expect("kept").note, note);
        // Re-attach to a longer passage: the quote follows.
        let longer = format!("as {QUOTE}");
        let range = range_of(&ws, &longer);
        apply(
            &mut ws,
            Edit::Reattach {
                article: REPORT.into(),
                highlight: h.clone(),
                range,
            },
        );
        assert_eq!(highlight(&ws).expect("kept").anchor.quote, longer);
        apply(
            &mut ws,
            Edit::UntagHighlight {
                article: REPORT.into(),
                highlight: h.clone(),
                tag,
            },
        );
        assert!(highlight(&ws).is_none_or(|x| x.tags.is_empty()));
        let (h, _) = tagged(&mut ws);
        apply(
            &mut ws,
            Edit::RemoveHighlight {
                article: REPORT.into(),
                highlight: h,
            },
        );
        assert!(highlight(&ws).is_none());
        apply(
            &mut ws,
            Edit::SetArticleNote {
                article: REPORT.into(),
                note: "Check the SCO context.".into(),
            },
        );
        assert_eq!(ws.store.articles[REPORT].note, "Check the SCO context.");
    }

    #[test]
    fn codebook_edits_change_the_codebook() {
        let (_d, mut ws) = samples();
        let (_, ties) = tagged(&mut ws);
        apply(&mut ws, Edit::CreateTag("cooperation".into()));
        let id = |ws: &Workspace, name: &str| {
            ws.store
                .tags
                .iter()
                .find(|t| t.name == name)
                .map(|t| t.id.clone())
        };
        let coop = id(&ws, "cooperation").expect("created");
        let edits = [
            Edit::RenameTag {
                tag: coop.clone(),
                name: "Cooperation".into(),
            },
            Edit::DescribeTag {
                tag: coop.clone(),
                description: "Fields named".into(),
            },
            Edit::RecolourTag {
                tag: coop.clone(),
                colour: "#82e0aa".into(),
            },
            Edit::SetTagParent {
                tag: ties.clone(),
                parent: Some(coop.clone()),
            },
        ];
        for e in edits {
            apply(&mut ws, e);
        }
        let tag = |ws: &Workspace, id: &str| ws.store.tags.iter().find(|t| t.id == id).cloned();
        let c = tag(&ws, &coop).expect("kept");
        assert_eq!(
            (c.name.as_str(), c.description.as_str(), c.colour.as_str()),
            ("Cooperation", "Fields named", "#82e0aa")
        );
        assert_eq!(tag(&ws, &ties).expect("kept").parent, Some(coop.clone()));
        apply(
            &mut ws,
            Edit::MergeTags {
                from: ties.clone(),
                into: coop.clone(),
            },
        );
        assert!(tag(&ws, &ties).is_none());
        assert_eq!(
            ws.store.articles[REPORT].highlights[0].tags,
            std::slice::from_ref(&coop)
        );
        apply(&mut ws, Edit::DeleteTag(coop.clone()));
        assert!(ws.store.tags.is_empty());
        assert_eq!(ws.undo().as_deref(), Some("delete tag"));
        assert!(tag(&ws, &coop).is_some());
    }

    #[test]
    fn meeting_and_detail_corrections_reach_the_timeline() {
        let (_d, mut ws) = samples();
        let a = ws.article_index(REPORT).expect("the report");
        let key = first_key(&ws, a);
        let shown = |ws: &Workspace| ws.meetings[a].len();
        let before = shown(&ws);
        assert_eq!(
            ws.meeting_origin(a, 0),
            Some(super::super::Origin::Extracted(key.clone()))
        );
        let fix = MeetingCorrection {
            key: key.clone(),
            not_a_meeting: true,
            date: None,
            kind: None,
            location: None,
            leader: None,
            counterparts: None,
        };
        let edit = Edit::CorrectMeeting {
            article: REPORT.into(),
            fix,
        };
        assert_eq!(edit.label(), "mark not a meeting");
        apply(&mut ws, edit);
        assert_eq!(shown(&ws), before - 1);
        apply(
            &mut ws,
            Edit::RestoreMeeting {
                article: REPORT.into(),
                key,
            },
        );
        assert_eq!(shown(&ws), before);
        apply(
            &mut ws,
            Edit::AddMeeting {
                article: REPORT.into(),
                meeting: added_call("m1"),
            },
        );
        assert_eq!(shown(&ws), before + 1);
        assert_eq!(
            ws.meeting_origin(a, before),
            Some(super::super::Origin::Added("m1".into()))
        );
        assert_eq!(ws.meeting_origin(a, before + 1), None);
        apply(
            &mut ws,
            Edit::RemoveAddedMeeting {
                article: REPORT.into(),
                id: "m1".into(),
            },
        );
        assert_eq!(shown(&ws), before);
        apply(
            &mut ws,
            Edit::CorrectDetails {
                article: REPORT.into(),
                fix: MetadataCorrection {
                    title: Some("A better title".into()),
                    ..MetadataCorrection::default()
                },
            },
        );
        let date_fix = MeetingCorrection {
            key: ws.meeting_keys(a).expect("the report")[0]
                .clone()
                .expect("extracted"),
            not_a_meeting: false,
            date: Some(None),
            kind: None,
            location: None,
            leader: None,
            counterparts: None,
        };
        let first_key = date_fix.key.clone();
        apply(
            &mut ws,
            Edit::CorrectMeeting {
                article: REPORT.into(),
                fix: date_fix,
            },
        );
        assert_eq!(
            ws.meeting_origin(a, 0),
            Some(super::super::Origin::Corrected(first_key))
        );
        // The corrected title is what the workspace shows; the text's own stays readable.
        assert_eq!(ws.corpus.articles[a].meta.title, "A better title");
        assert_eq!(
            ws.read_metadata(a).title,
            "Xi highlights vital role of BRI solidarity"
        );
    }

    #[test]
    fn a_read_only_workspace_refuses_every_edit() {
        let (dir, _) = samples();
        std::fs::write(
            crate::annotations::sidecar::path(dir.path()),
            "(not a sidecar",
        )
        .expect("a broken sidecar");
        let mut ws = Workspace::open(dir.path()).expect("opens read-only");
        assert!(ws.is_read_only());
        let outcome = ws.apply(Edit::CreateTag("x".into()), now());
        assert_eq!(outcome, Err(Refused::ReadOnly));
        assert!(ws.store.tags.is_empty());
    }

    #[test]
    fn tidying_merges_tags_named_alike_and_is_one_undo_step() {
        let (_d, mut ws) = samples();
        let (h, tag) = tagged(&mut ws);
        // A second tag of the same name, written by hand into the file, on the highlight.
        let mut twin = ws.store.tags[0].clone();
        twin.id = "t-twin".into();
        twin.name = "TIES".into();
        ws.store.tags.push(twin);
        ws.store.articles.get_mut(REPORT).expect("notes").highlights[0]
            .tags
            .push("t-twin".into());
        let applied = ws.apply(Edit::Tidy, now()).expect("tidied");
        assert_eq!(applied.fixed.len(), 1, "{:?}", applied.fixed);
        assert!(applied.fixed[0].contains("ties"), "{:?}", applied.fixed);
        assert_eq!(ws.store.tags.len(), 1);
        let highlight = &ws.store.articles[REPORT].highlights[0];
        assert_eq!(
            (highlight.id.as_str(), highlight.tags.clone()),
            (h.as_str(), vec![tag])
        );
        assert_eq!(ws.undo().as_deref(), Some("tidy annotations"));
        assert_eq!(ws.store.tags.len(), 2, "undo brings the twin back");
        ws.apply(Edit::Tidy, now()).expect("tidied again");
        let clean = ws.apply(Edit::Tidy, now()).expect("nothing left");
        assert!(clean.fixed.is_empty(), "{:?}", clean.fixed);
    }

    #[test]
    fn resolving_a_conflict_takes_their_value_or_keeps_ours() {
        use crate::annotations::model::{Conflict, Item};
        let (_d, mut ws) = samples();
        let (_, tag) = tagged(&mut ws);
        let conflict = |theirs: &str| Conflict {
            item: Item::Tag(tag.clone()),
            field: "name".into(),
            ours: Some("\"ties\"".into()),
            theirs: Some(format!("{theirs:?}")),
        };
        ws.store.conflicts = vec![conflict("bonds"), conflict("links")];
        let take_theirs = Edit::ResolveConflict {
            index: 0,
            choice: Choice::Theirs,
        };
        assert_eq!(ws.apply(take_theirs, now()), Ok(Applied::default()));
        assert_eq!(ws.store.tags[0].name, "bonds");
        let keep_ours = Edit::ResolveConflict {
            index: 0,
            choice: Choice::Ours,
        };
        assert_eq!(ws.apply(keep_ours, now()), Ok(Applied::default()));
        assert_eq!(
            ws.store.tags[0].name, "bonds",
            "ours is what the store holds"
        );
        assert!(ws.store.conflicts.is_empty());
        let gone = Edit::ResolveConflict {
            index: 0,
            choice: Choice::Ours,
        };
        assert!(matches!(ws.apply(gone, now()), Err(Refused::Nothing(_))));
    }
}
