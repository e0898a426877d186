//! What the panels ask for. Panels read the workspace and the view and return
//! [`Command`]s; [`DossierApp::apply`] carries them out in one place, once per frame:
//! annotation edits through the workspace (so each is one undo step, named, and saved),
//! navigation on the view, folders and exports on the app.

use super::app::DossierApp;
use crate::annotations::model::{AddedMeeting, MeetingCorrection, MeetingKey, MetadataCorrection};
use crate::annotations::ops::{self, TagChoice};
use crate::export::ExportFormat;
use std::ops::Range;
use std::path::PathBuf;

/// One thing the analyst asked for. Articles are named by their path in the corpus.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
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
    Undo,
    Redo,
    /// Show a report, marking (and scrolling to) a char range of it.
    OpenReport {
        article: usize,
        mark: Option<Range<usize>>,
    },
    /// Choose row `row` of the timeline and open its `report`th report.
    OpenEvent {
        row: usize,
        report: usize,
    },
    /// Ask for a folder to open (system dialog, else the in-app one).
    ChooseFolder,
    OpenFolder(PathBuf),
    /// Open the export dialog on `format` (a codebook report when `by_tag`).
    OpenExport {
        format: ExportFormat,
        by_tag: bool,
    },
    /// Export what the timeline filter shows as `options` say: ask where, then write.
    Export(Box<crate::export::options::ExportOptions>),
    /// Add a person (and the office they held) to the corpus's `gazetteer.ron`.
    AddToGazetteer(crate::gazetteer::NewPerson),
}

impl Command {
    /// What the command does, in words, for the undo history and the status bar.
    pub fn label(&self) -> &'static str {
        use Command::*;
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
            Undo => "undo",
            Redo => "redo",
            OpenReport { .. } | OpenEvent { .. } => "open report",
            ChooseFolder | OpenFolder(_) => "open folder",
            OpenExport { .. } | Export(_) => "export",
            AddToGazetteer(_) => "add to gazetteer",
        }
    }

    /// Whether the status bar should confirm the change: its effect may be out of sight
    /// (typed fields, tagging and new tags show themselves where they are made).
    fn confirms(&self) -> bool {
        !matches!(self, Command::ApplyTag { .. } | Command::CreateTag(_))
            && self.typing_field().is_none()
    }

    /// For edits typed key by key, the field typed into: a run of them is one undo step.
    fn typing_field(&self) -> Option<String> {
        use Command::*;
        match self {
            SetHighlightNote { highlight, .. } => Some(format!("highlight-note-{highlight}")),
            SetArticleNote { article, .. } => Some(format!("article-note-{article}")),
            RenameTag { tag, .. } => Some(format!("tag-name-{tag}")),
            DescribeTag { tag, .. } => Some(format!("tag-description-{tag}")),
            _ => None,
        }
    }
}

impl DossierApp {
    /// Carry out `commands` in order.
    pub fn apply_all(&mut self, commands: Vec<Command>) {
        for c in commands {
            self.apply(c);
        }
    }

    /// Carry out one command: the only place the panels' requests change anything.
    pub fn apply(&mut self, command: Command) {
        use Command::*;
        let ctx = &self.repaint.clone().unwrap_or_default();
        match command {
            Undo | Redo => self.step_history(matches!(command, Redo)),
            OpenReport { article, mark } => {
                self.view.open_article(article);
                self.view.scroll_to_mark = mark.is_some();
                self.view.mark = mark;
            }
            OpenEvent { row, report } => {
                if let Some(ws) = &self.workspace {
                    self.view.open_row(ws, row, report);
                }
            }
            ChooseFolder => self.pick_folder(ctx),
            OpenFolder(folder) => self.open(folder),
            OpenExport { format, by_tag } => self.open_export_dialog(format, by_tag),
            Export(options) => {
                self.prefs.coder = options.coder.trim().to_owned();
                self.export(ctx, *options);
            }
            AddToGazetteer(person) => {
                if let Some(ws) = &mut self.workspace {
                    self.status = Some(ws.add_to_gazetteer(&person).unwrap_or_else(|e| e));
                    self.view.refresh(ws);
                }
            }
            edit => self.apply_edit(edit),
        }
    }

    fn step_history(&mut self, forward: bool) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        let done = if forward { ws.redo() } else { ws.undo() };
        self.status = Some(match (done, forward) {
            (Some(what), true) => format!("Redid: {what}"),
            (Some(what), false) => format!("Undid: {what}"),
            (None, true) => "Nothing to redo".to_owned(),
            (None, false) => "Nothing to undo".to_owned(),
        });
    }

    /// An edit of the annotations: one named undo step, saved by autosave.
    fn apply_edit(&mut self, command: Command) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        let label = command.label();
        let field = command.typing_field();
        let confirm = command.confirms();
        // Tagging and re-attaching anchor in the text (a copy: the edit borrows the store).
        let text = match &command {
            Command::ApplyTag { article, .. } | Command::Reattach { article, .. } => ws
                .article_index(article)
                .map(|i| ws.corpus.articles[i].text.clone())
                .unwrap_or_default(),
            _ => String::new(),
        };
        let now = jiff::Timestamp::now();
        let mut applied_tag = None;
        let mut refused = None;
        let edit = |s: &mut crate::annotations::Store| {
            use Command::*;
            match command {
                ApplyTag {
                    article,
                    range,
                    tag,
                } => match ops::tag_range(s, &article, &text, range, &tag, now) {
                    Ok(tag) => applied_tag = Some(tag),
                    Err(why) => refused = Some(why),
                },
                Reattach {
                    article,
                    highlight,
                    range,
                } => refused = ops::reattach(s, &article, &highlight, &text, range, now).err(),
                UntagHighlight {
                    article,
                    highlight,
                    tag,
                } => ops::untag_highlight(s, &article, &highlight, &tag),
                RemoveHighlight { article, highlight } => {
                    ops::remove_highlight(s, &article, &highlight)
                }
                SetHighlightNote {
                    article,
                    highlight,
                    note,
                } => ops::set_highlight_note(s, &article, &highlight, &note, now),
                SetArticleNote { article, note } => ops::set_article_note(s, &article, &note),
                CreateTag(name) => {
                    crate::annotations::ensure_tag(s, &name);
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
                _ => {}
            }
        };
        let done = ws.edit_as(label, field.as_deref(), edit);
        self.status = if !done {
            Some(format!("Not changed ({label}): annotations are read-only"))
        } else if let Some(why) = refused {
            Some(format!("Nothing to {label}: {why} (select whole words)"))
        } else if confirm {
            Some(format!("Done: {label} (Ctrl+Z undoes it)"))
        } else {
            None
        };
        self.export_status = None;
        if let Some(tag) = applied_tag {
            super::view::remember_tag(&mut self.view.recent_tags, &mut self.view.tag_uses, tag);
            let folder = ws.folder.clone();
            self.prefs
                .recent_tags
                .insert(folder, self.view.recent_tags.clone());
        }
    }
}
