//! The guard in front of anything that would drop annotations not yet on disk: Quit,
//! closing the window, opening another folder (menu, recent, drop, welcome screen). When
//! the sidecar cannot be saved (read-only or deleted folder, a file on disk that cannot be
//! read, another process holding the lock), the analyst is asked: try again, save a copy
//! elsewhere, discard, or cancel. Nothing is discarded without the analyst saying so.

use super::DossierApp;
use crate::workspace::{SaveState, Workspace};
use std::path::PathBuf;
use std::time::Instant;

/// What the analyst asked for that would leave the open corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Quit,
    Open(PathBuf),
    /// Nothing: the dialog was opened only to save a copy.
    Nothing,
}

/// The open dialog.
#[derive(Debug, Clone)]
pub struct Guard {
    pub pending: Pending,
    /// Where "Save a copy" writes (editable).
    pub copy_path: String,
    /// The outcome of the last "Save a copy", shown in the dialog.
    pub copy_error: Option<String>,
}

/// What the analyst chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Write a copy of the annotations there, then go on with `pending`.
    SaveCopy(PathBuf),
    /// The annotations are safe (saved, or copied elsewhere): go on with `pending`.
    Proceed,
    /// Go on and drop the unsaved changes.
    Discard,
    Cancel,
}

impl Guard {
    pub fn new(pending: Pending, ws: &Workspace) -> Guard {
        Guard {
            pending,
            copy_path: default_copy_path(ws).display().to_string(),
            copy_error: None,
        }
    }
}

/// A place for a copy outside the corpus folder: the home folder, named after the corpus
/// and the time, so it never overwrites an earlier copy.
fn default_copy_path(ws: &Workspace) -> PathBuf {
    let home = std::env::var_os("HOME").map_or_else(std::env::temp_dir, PathBuf::from);
    let corpus = ws
        .folder()
        .file_name()
        .map_or("corpus".into(), |n| n.to_string_lossy().into_owned());
    let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S");
    home.join(format!("{corpus}-annotations-{stamp}.ron"))
}

/// Why the annotations are not on disk, in words.
pub fn reason(ws: &Workspace) -> String {
    match &ws.save_state() {
        SaveState::Failed(e) => e.clone(),
        SaveState::Unsaved { .. } => {
            "another dossier process is saving this folder's annotations; trying again…".into()
        }
        _ => String::new(),
    }
}

/// Draw the dialog; returns the analyst's decision once made.
pub fn show(ctx: &egui::Context, guard: &mut Guard, ws: &Workspace) -> Option<Decision> {
    let mut decision = None;
    let action = match &guard.pending {
        Pending::Quit => "quit",
        Pending::Open(_) => "open the other folder",
        Pending::Nothing => "",
    };
    egui::Modal::new(egui::Id::unique("unsaved-guard")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Your annotations are not saved");
        ui.add_space(4.0);
        ui.label(format!(
            "The latest changes to {} could not be written:",
            crate::annotations::sidecar::path(ws.folder()).display()
        ));
        ui.colored_label(ui.visuals().error_fg_color, reason(ws));
        ui.add_space(8.0);
        let label = ui.label("Save a copy of all annotations to:");
        ui.add(egui::TextEdit::singleline(&mut guard.copy_path).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        if let Some(e) = &guard.copy_error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let copy_label = if action.is_empty() {
                "Save a copy".to_owned()
            } else {
                format!("Save a copy and {action}")
            };
            if ui.button(copy_label).clicked() {
                decision = Some(Decision::SaveCopy(PathBuf::from(guard.copy_path.trim())));
            }
            if !action.is_empty() && ui.button(format!("Discard changes and {action}")).clicked() {
                decision = Some(Decision::Discard);
            }
            if ui.button("Cancel").clicked() {
                decision = Some(Decision::Cancel);
            }
        });
    });
    decision
}

impl DossierApp {
    /// Whether the open corpus can be left: its annotations are saved (merged with the file
    /// on disk first), or there are none. If not, the guard dialog asks about `pending`.
    pub fn can_leave(&mut self, pending: Pending) -> bool {
        let Some(ws) = &mut self.workspace else {
            return true;
        };
        ws.sync_from_disk();
        ws.save();
        if !ws.has_unsaved_changes() {
            return true;
        }
        if self.guard.is_none() {
            self.guard = Some(Guard::new(pending, ws));
        }
        false
    }

    /// A request to close the window (Quit, the window's close button) waits until the
    /// annotations are saved, or the analyst decides in the guard dialog.
    pub(super) fn guard_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && !self.can_leave(Pending::Quit)
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
    }

    pub(super) fn guard_dialog(&mut self, ctx: &egui::Context) {
        let (Some(guard), Some(ws)) = (&mut self.guard, &mut self.workspace) else {
            return;
        };
        // Held up by another process's lock: keep trying, and go on once it is saved.
        let mut decision = None;
        if matches!(ws.save_state(), SaveState::Unsaved { .. }) {
            let due = self
                .guard_retry
                .is_none_or(|t| t.elapsed() >= std::time::Duration::from_millis(200));
            if due {
                self.guard_retry = Some(Instant::now());
                ws.save();
            }
            if !ws.has_unsaved_changes() {
                decision = Some(Decision::Proceed);
            }
            ctx.request_repaint_after(std::time::Duration::from_millis(200));
        }
        let mut decision = decision.or_else(|| show(ctx, guard, ws));
        // The copy is written here, after drawing; a failure keeps the dialog open with it.
        if let Some(Decision::SaveCopy(target)) = &decision {
            match ws.save_copy(target) {
                Ok(()) => decision = Some(Decision::Proceed),
                Err(e) => {
                    guard.copy_error = Some(e.to_string());
                    return;
                }
            }
        }
        let Some(decision) = decision else { return };
        let Some(guard) = self.guard.take() else {
            return;
        };
        if decision == Decision::Cancel || guard.pending == Pending::Nothing {
            return;
        }
        // The changes are saved, copied elsewhere or given up: leaving does not ask again
        // (and quitting does not try to write what the analyst chose to discard).
        if let Some(ws) = &mut self.workspace {
            ws.forget_unsaved();
        }
        match guard.pending {
            Pending::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Pending::Open(folder) => self.open_now(folder),
            Pending::Nothing => {}
        }
    }
}
