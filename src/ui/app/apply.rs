//! The one place the panels' and the shell's commands are carried out, once per frame:
//! edits through the workspace's one way in ([`crate::workspace::Workspace::apply`]), so
//! each is one undo step, named and saved; navigation on the view ([`View::navigate`]);
//! folders, exports and the save state on the app.
//!
//! [`View::navigate`]: crate::ui::view::View::navigate

use super::DossierApp;
use super::unsaved::{Guard, Pending};
use crate::ui::commands::{AppCommand, Command};
use crate::ui::focus::remember_tag;
use crate::workspace::{Edit, Refused};

impl DossierApp {
    /// Carry out `commands` in order.
    pub fn apply_all(&mut self, commands: Vec<Command>) {
        for c in commands {
            self.apply(c);
        }
    }

    /// Carry out one command: the only place the panels' requests change anything.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Edit(edit) => self.apply_edit(edit),
            Command::Undo => self.step_history(false),
            Command::Redo => self.step_history(true),
            Command::Nav(nav) => {
                if let Some(ws) = &self.workspace {
                    self.view.navigate(ws, nav);
                }
            }
            Command::App(command) => self.apply_app(command),
        }
    }

    fn apply_app(&mut self, command: AppCommand) {
        use AppCommand::*;
        let ctx = &self.repaint.clone().unwrap_or_default();
        match command {
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
                    let said = ws.add_to_gazetteer(&person);
                    self.status = Some(said.unwrap_or_else(|e| e.to_string()));
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
            ShowShortcuts(show) => self.view.show_shortcuts = show,
            ShowCorrections => self.view.show_corrections = true,
            ShowThemes => self.view.themes.open = true,
            ShowAgreement => self.view.agreement.open = true,
            ChooseCoder => self.choose_coder(ctx),
            CompareWith(path) => self.view.agreement.compare_with(&path),
            ShowConflicts => self.show_conflicts = true,
            DismissExportStatus => self.export_status = None,
            SaveTable { name, sheet, bom } => self.save_table(ctx, &name, &sheet, bom),
            SaveChart { name, rect } => self.save_chart(ctx, name, rect),
            SaveDrawing { name, svg } => self.save_drawing(ctx, &name, svg),
            SaveCopy => {
                if let (None, Some(ws)) = (&self.guard, &self.workspace) {
                    self.guard = Some(Guard::new(Pending::Nothing, ws));
                }
            }
            SetDark(dark) => {
                self.prefs.dark = dark;
                ctx.set_theme(if dark {
                    egui::Theme::Dark
                } else {
                    egui::Theme::Light
                });
            }
            SetReaderFont(size) => self.prefs.reader_font = size,
            Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
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
            let focus = &mut self.view.focus;
            remember_tag(&mut focus.recent_tags, &mut focus.tag_uses, tag);
            let folder = ws.folder().clone();
            self.prefs
                .recent_tags
                .insert(folder, focus.recent_tags.clone());
        }
    }
}
