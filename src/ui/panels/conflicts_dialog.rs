//! The conflicts window: fields that two versions of the sidecar changed differently
//! (another process, a `git merge`), each with both values, for the analyst to choose.
//! Choosing sends an ordinary, undoable edit.

use crate::annotations::conflicts::{self, Choice};
use crate::ui::commands::Command;
use crate::workspace::{Edit, Workspace};

/// Draw the window while `open`; the analyst's choice goes out as a command.
pub fn show(ctx: &egui::Context, open: &mut bool, ws: &Workspace, out: &mut Vec<Command>) {
    let mut chosen: Option<(usize, Choice)> = None;
    egui::Window::new("Conflicts to resolve")
        .open(open)
        .default_width(520.0)
        .show(ctx, |ui| {
            if ws.store().conflicts.is_empty() {
                ui.weak("No conflicts: every merge so far was clean.");
                return;
            }
            ui.label("Both versions changed these differently. Yours is in use until you choose.");
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    for (i, c) in ws.store().conflicts.iter().enumerate() {
                        ui.separator();
                        let title = |path: &str| {
                            ws.article_index(path)
                                .map(|i| ws.corpus().articles[i].meta.title.clone())
                        };
                        ui.strong(conflicts::describe(ws.store(), c, &title));
                        egui::Grid::new(("conflict", i))
                            .num_columns(2)
                            .show(ui, |ui| {
                                ui.weak("Yours");
                                ui.label(conflicts::show_value(c.ours.as_deref()));
                                ui.end_row();
                                ui.weak("Theirs");
                                ui.label(conflicts::show_value(c.theirs.as_deref()));
                                ui.end_row();
                            });
                        ui.horizontal(|ui| {
                            if ui.button("Keep mine").clicked() {
                                chosen = Some((i, Choice::Ours));
                            }
                            if ui.button("Take theirs").clicked() {
                                chosen = Some((i, Choice::Theirs));
                            }
                        });
                    }
                });
        });
    if let Some((index, choice)) = chosen {
        out.push(Command::Edit(Edit::ResolveConflict { index, choice }));
    }
}
