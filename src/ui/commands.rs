//! What the panels ask for. Panels read the workspace and the view and return
//! [`Command`]s; [`DossierApp::apply`] carries them out in one place, once per frame:
//! annotation edits through the workspace's one way in, [`crate::workspace::Workspace::apply`]
//! (so each is one undo step, named, and saved),
//! navigation on the view, folders and exports on the app.

use super::app::DossierApp;
use crate::export::ExportFormat;
use crate::workspace::{Edit, Refused};
use std::ops::Range;
use std::path::PathBuf;

/// One thing the analyst asked for: a change to the annotations (carried out by the
/// workspace, [`Edit`]), a step in the history, a move of the view, or something the app
/// does (folders, exports, the gazetteer file).
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Change the annotations: one undo step, saved.
    Edit(Edit),
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
    /// Ask for a folder to open in dossier's own dialog, where a path can be typed.
    ChooseFolderByPath,
    OpenFolder(PathBuf),
    /// Open the export dialog on `format` (a codebook report when `by_tag`).
    OpenExport {
        format: ExportFormat,
        by_tag: bool,
    },
    /// Export what the timeline filter shows as `options` say: ask where, then write.
    Export(Box<crate::export::options::ExportOptions>),
    /// Put away the notice of a change another program made to the annotations.
    DismissNotice,
    /// Try again to save annotations that could not be saved.
    RetrySave,
    /// Add a person (and the office they held) to the corpus's `gazetteer.ron`.
    AddToGazetteer(crate::gazetteer::NewPerson),
}

impl Command {
    /// What the command does, in words, for the undo history and the status bar.
    pub fn label(&self) -> &'static str {
        use Command::*;
        match self {
            Edit(edit) => edit.label(),
            Undo => "undo",
            Redo => "redo",
            OpenReport { .. } | OpenEvent { .. } => "open report",
            ChooseFolder | ChooseFolderByPath | OpenFolder(_) => "open folder",
            OpenExport { .. } | Export(_) => "export",
            AddToGazetteer(_) => "add to gazetteer",
            DismissNotice => "dismiss notice",
            RetrySave => "retry save",
        }
    }

    /// Whether the status bar should confirm the change: its effect may be out of sight
    /// (typed fields, tagging and new tags show themselves where they are made).
    fn confirms(edit: &Edit) -> bool {
        !matches!(edit, Edit::ApplyTag { .. } | Edit::CreateTag(_)) && edit.typing_field().is_none()
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
            ChooseFolderByPath => self.open_folder_in_app(),
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
            DismissNotice => {
                if let Some(ws) = &mut self.workspace {
                    ws.dismiss_notice();
                }
            }
            RetrySave => {
                if let Some(ws) = &mut self.workspace {
                    ws.retry_save();
                }
            }
            Edit(edit) => self.apply_edit(edit),
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
    fn apply_edit(&mut self, edit: Edit) {
        let Some(ws) = &mut self.workspace else {
            return;
        };
        let label = edit.label();
        let confirm = Command::confirms(&edit);
        let hint = if matches!(edit, Edit::ApplyTag { .. } | Edit::Reattach { .. }) {
            " (select whole words)"
        } else {
            ""
        };
        let outcome = ws.apply(edit, jiff::Timestamp::now());
        self.status = match &outcome {
            Err(Refused::ReadOnly) => {
                Some(format!("Not changed ({label}): annotations are read-only"))
            }
            Err(Refused::Nothing(why)) => Some(format!("Nothing to {label}: {why}{hint}")),
            Ok(_) if confirm => Some(format!("Done: {label} (Ctrl+Z undoes it)")),
            Ok(_) => None,
        };
        let applied_tag = outcome.ok().and_then(|a| a.tag);
        self.export_status = None;
        if let Some(tag) = applied_tag {
            super::view::remember_tag(&mut self.view.recent_tags, &mut self.view.tag_uses, tag);
            let folder = ws.folder().clone();
            self.prefs
                .recent_tags
                .insert(folder, self.view.recent_tags.clone());
        }
    }
}
