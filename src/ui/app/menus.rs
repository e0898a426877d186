//! The app's chrome: menu bar, status bar, keyboard shortcuts, the welcome screen and
//! the shortcuts window. Each turns what the analyst did into [`Command`]s or view state.

use super::{DossierApp, Prefs, unsaved};
use crate::export::ExportFormat;
use crate::ui::commands::{AppCommand, Command, Nav};
use crate::ui::focus::LeftTab;
use crate::ui::panels::{export_dialog, reader};
use crate::workspace::SaveState;
use egui::{Key, KeyboardShortcut, Modifiers};

/// The keyboard: what the analyst pressed, outside text fields, as commands.
pub fn shortcuts(app: &mut DossierApp, ctx: &egui::Context) -> Vec<Command> {
    let mut out = Vec::new();
    let cmd = |k| KeyboardShortcut::new(Modifiers::COMMAND, k);
    let cmd_shift = |k| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, k);
    let (open, find, filter, redo, undo) = ctx.input_mut(|i| {
        (
            i.consume_shortcut(&cmd(Key::O)),
            i.consume_shortcut(&cmd(Key::F)),
            i.consume_shortcut(&cmd(Key::K)),
            i.consume_shortcut(&cmd_shift(Key::Z)) || i.consume_shortcut(&cmd(Key::Y)),
            i.consume_shortcut(&cmd(Key::Z)),
        )
    });
    if open {
        out.push(Command::App(AppCommand::ChooseFolder));
    }
    if filter || (find && app.view.focus.article.is_none()) {
        app.view.timeline.focus_filter = true;
    } else if find {
        app.view.reader.open_find();
    }
    // Text fields keep their own undo; everywhere else it is the annotations'. The
    // article is a read-only text field: keys other than arrows stay shortcuts there.
    let in_reader = ctx.memory(|m| m.focused()) == Some(reader::text_id());
    let typing = ctx.egui_wants_keyboard_input() && !in_reader;
    if !typing && undo {
        out.push(Command::Undo);
    }
    if !typing && redo {
        out.push(Command::Redo);
    }
    if typing || app.workspace.is_none() {
        return out;
    }
    if ctx.input(|i| {
        i.events
            .iter()
            .any(|e| matches!(e, egui::Event::Text(t) if t == "?"))
    }) {
        app.view.show_shortcuts = !app.view.show_shortcuts;
    }
    list_keys(app, ctx, !in_reader, &mut out);
    out
}

/// j/k (and the arrows outside the reader) move along the list on the left, through
/// every report of each event; m and r switch the list; Enter opens.
fn list_keys(app: &mut DossierApp, ctx: &egui::Context, arrows: bool, out: &mut Vec<Command>) {
    let pressed = |k| ctx.input(|i| i.key_pressed(k) && i.modifiers.is_none());
    let down = pressed(Key::J) || (arrows && pressed(Key::ArrowDown));
    let up = pressed(Key::K) || (arrows && pressed(Key::ArrowUp));
    let enter = arrows && pressed(Key::Enter);
    let view = &mut app.view;
    let step = |current: Option<usize>, len: usize| -> Option<usize> {
        if len == 0 {
            None
        } else if down {
            Some(current.map_or(0, |i| (i + 1).min(len - 1)))
        } else if up {
            Some(current.map_or(0, |i| i.saturating_sub(1)))
        } else {
            None
        }
    };
    if pressed(Key::M) {
        view.focus.left = LeftTab::Meetings;
    } else if pressed(Key::R) {
        view.focus.left = LeftTab::Reports;
        view.report_list.scroll_to_current = true;
    }
    match view.focus.left {
        LeftTab::Meetings => {
            let Some(ws) = app.workspace.as_ref() else {
                return;
            };
            let open = view
                .focus
                .article
                .and_then(|a| ws.corpus().articles.get(a))
                .map(|a| a.path.as_str());
            let here = view.focus.selected_row.map(|row| {
                let reports = view
                    .shown
                    .filtered
                    .rows
                    .get(row)
                    .map_or(&[][..], |r| &r.event.reports);
                (
                    row,
                    reports
                        .iter()
                        .position(|r| Some(r.article.as_str()) == open)
                        .unwrap_or(0),
                )
            });
            let counts: Vec<usize> = view
                .shown
                .filtered
                .rows
                .iter()
                .map(|r| r.event.reports.len())
                .collect();
            if let Some((row, report)) = step_report(&counts, here, down, up) {
                out.push(Command::Nav(Nav::OpenEvent { row, report }));
            } else if enter && let Some(i) = view.focus.selected_row {
                out.push(Command::Nav(Nav::OpenEvent { row: i, report: 0 }));
            }
        }
        LeftTab::Reports => {
            let article = view.focus.article;
            let shown = view.shown.report_order();
            let pos = article.and_then(|a| shown.iter().position(|r| *r == a));
            if let Some(i) = step(pos, shown.len()) {
                out.push(Command::Nav(Nav::OpenReport {
                    article: shown[i],
                    mark: None,
                }));
                view.report_list.scroll_to_current = true;
            }
        }
    }
}

/// The next (`down`) or previous (`up`) stop in a list of events with `counts[i]`
/// reports each, every report of an event a stop of its own, from stop `here` (row,
/// report); the first stop when nothing is chosen yet, no move past either end.
pub fn step_report(
    counts: &[usize],
    here: Option<(usize, usize)>,
    down: bool,
    up: bool,
) -> Option<(usize, usize)> {
    let stops: Vec<(usize, usize)> = counts
        .iter()
        .enumerate()
        .flat_map(|(row, &n)| (0..n.max(1)).map(move |r| (row, r)))
        .collect();
    if stops.is_empty() || !(down || up) {
        return None;
    }
    let Some(at) = here.and_then(|h| stops.iter().position(|s| *s == h)) else {
        return Some(stops[0]);
    };
    let next = if down {
        (at + 1).min(stops.len() - 1)
    } else {
        at.saturating_sub(1)
    };
    Some(stops[next])
}

pub fn menu_bar(app: &mut DossierApp, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu(app, ui, out));
            ui.menu_button("Edit", |ui| edit_menu(app, ui, out));
            ui.menu_button("View", |ui| view_menu(app, ui));
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts  (?)").clicked() {
                    app.view.show_shortcuts = true;
                    ui.close();
                }
            });
        });
    });
}

fn file_menu(app: &mut DossierApp, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    if ui.button("Open folder…  (Ctrl+O)").clicked() {
        out.push(Command::App(AppCommand::ChooseFolder));
        ui.close();
    }
    if ui.button("Open folder by path…").clicked() {
        out.push(Command::App(AppCommand::ChooseFolderByPath));
        ui.close();
    }
    ui.menu_button("Open recent", |ui| {
        if app.prefs.recent.is_empty() {
            ui.weak("No recent folders");
        }
        for f in &app.prefs.recent {
            if ui.button(f.display().to_string()).clicked() {
                out.push(Command::App(AppCommand::OpenFolder(f.clone())));
                ui.close();
            }
        }
    });
    let can_export = app.workspace.is_some() && !app.is_exporting();
    ui.add_enabled_ui(can_export, |ui| {
        ui.menu_button("Export…", |ui| {
            ui.weak("Exports what the timeline filter shows");
            // The dialog's formats; Markdown is offered as each of its two layouts.
            for (format, name) in export_dialog::FORMATS {
                let entries: &[(String, bool)] = if format == ExportFormat::Markdown {
                    &[
                        (format!("{name} by report…"), false),
                        ("Markdown codebook report by tag…".to_owned(), true),
                    ]
                } else {
                    &[(format!("{name}…"), false)]
                };
                for (label, by_tag) in entries {
                    if ui.button(label).clicked() {
                        out.push(Command::App(AppCommand::OpenExport {
                            format,
                            by_tag: *by_tag,
                        }));
                        ui.close();
                    }
                }
            }
        });
    });
    ui.separator();
    if ui.button("Quit").clicked() {
        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

fn edit_menu(app: &mut DossierApp, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let (can_undo, can_redo) = app
        .workspace
        .as_ref()
        .map_or((false, false), |w| (w.can_undo(), w.can_redo()));
    if ui
        .add_enabled(can_undo, egui::Button::new("Undo  (Ctrl+Z)"))
        .clicked()
    {
        out.push(Command::Undo);
    }
    if ui
        .add_enabled(can_redo, egui::Button::new("Redo  (Ctrl+Shift+Z)"))
        .clicked()
    {
        out.push(Command::Redo);
    }
    ui.separator();
    if ui.button("Find in report…  (Ctrl+F)").clicked() {
        app.view.reader.open_find();
        ui.close();
    }
    if ui.button("Filter the timeline  (Ctrl+K)").clicked() {
        app.view.timeline.focus_filter = true;
        ui.close();
    }
    ui.separator();
    let enabled = app.workspace.is_some();
    if ui
        .add_enabled(
            enabled,
            egui::Button::new("Corrected and dismissed meetings…"),
        )
        .clicked()
    {
        app.view.show_corrections = true;
        ui.close();
    }
}

fn view_menu(app: &mut DossierApp, ui: &mut egui::Ui) {
    let ctx = ui.ctx().clone();
    if ui.radio(!app.prefs.dark, "Light theme").clicked() {
        app.prefs.dark = false;
        ctx.set_theme(egui::Theme::Light);
    }
    if ui.radio(app.prefs.dark, "Dark theme").clicked() {
        app.prefs.dark = true;
        ctx.set_theme(egui::Theme::Dark);
    }
    ui.separator();
    let size = &mut app.prefs.reader_font;
    ui.label(format!("Reader text: {size:.0} pt"));
    ui.horizontal(|ui| {
        if ui.button("Smaller").clicked() {
            *size = (*size - 1.0).max(reader::MIN_FONT);
        }
        if ui.button("Larger").clicked() {
            *size = (*size + 1.0).min(reader::MAX_FONT);
        }
        if ui.button("Reset").clicked() {
            *size = reader::DEFAULT_FONT;
        }
    });
}

/// The status bar: folder, counts, skipped files, what the last command or export did,
/// conflicts, and whether the annotations are saved.
pub fn status_bar(app: &mut DossierApp, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            if app.workspace.is_none() {
                ui.weak("No folder open");
                return;
            }
            corpus_facts(app, ui);
            messages(app, ui, out);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                save_state(app, ui, out)
            });
        });
    });
}

fn corpus_facts(app: &mut DossierApp, ui: &mut egui::Ui) {
    let Some(ws) = &app.workspace else { return };
    ui.label(crate::text::shorten(&ws.folder().display().to_string(), 48))
        .on_hover_text(ws.folder().display().to_string());
    ui.separator();
    ui.label(format!(
        "{} · {}",
        crate::text::count(ws.corpus().articles.len(), "report", "reports"),
        crate::text::count(ws.timeline().event_count(), "event", "events")
    ));
    let skipped = ws.corpus().skipped().count();
    if skipped > 0 {
        ui.separator();
        let problems: Vec<String> = ws
            .corpus()
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.problem))
            .collect();
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{skipped} files skipped"),
        )
        .on_hover_text(problems.join("\n"));
    }
}

fn messages(app: &mut DossierApp, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let dismiss = |ui: &mut egui::Ui| ui.small_button("×").on_hover_text("Dismiss").clicked();
    if let Some(msg) = app.status.clone() {
        ui.separator();
        ui.label(crate::text::shorten(&msg, 90)).on_hover_text(&msg);
    }
    match app.export_status.clone() {
        Some(Ok(msg)) => {
            ui.separator();
            ui.label(crate::text::shorten(&msg, 90)).on_hover_text(&msg);
            if dismiss(ui) {
                app.export_status = None;
            }
        }
        Some(Err(e)) => {
            ui.separator();
            ui.colored_label(ui.visuals().error_fg_color, crate::text::shorten(&e, 90))
                .on_hover_text(&e);
            if dismiss(ui) {
                app.export_status = None;
            }
        }
        None if app.is_exporting() => {
            ui.separator();
            ui.spinner();
            ui.label("Exporting…");
        }
        None => {}
    }
    let Some(ws) = &app.workspace else { return };
    let failing = matches!(
        ws.save_state(),
        SaveState::Failed(_) | SaveState::ReadOnly(_)
    );
    if let Some(msg) = ws.incoming().clone().filter(|_| !failing) {
        ui.separator();
        ui.label(msg);
        if dismiss(ui) {
            out.push(Command::App(AppCommand::DismissNotice));
        }
    }
    let n = ws.store().conflicts.len();
    if n > 0 {
        ui.separator();
        let label = format!("{n} conflict{} to resolve", if n == 1 { "" } else { "s" });
        let text = egui::RichText::new(label).color(ui.visuals().warn_fg_color);
        if ui.button(text).clicked() {
            app.show_conflicts = true;
        }
    }
}

fn save_state(app: &mut DossierApp, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let Some(ws) = &app.workspace else { return };
    match ws.save_state().clone() {
        SaveState::Saved => {
            ui.weak("All changes saved");
        }
        SaveState::Unsaved { .. } => {
            ui.label("Unsaved changes…");
        }
        SaveState::Failed(e) => {
            if ui.button("Save a copy…").clicked() && app.guard.is_none() {
                app.guard = Some(unsaved::Guard::new(unsaved::Pending::Nothing, ws));
            }
            if ui.button("Retry save").clicked() {
                out.push(Command::App(AppCommand::RetrySave));
            }
            let text = crate::text::shorten(&format!("Not saved: {e}"), 110);
            ui.colored_label(ui.visuals().error_fg_color, text)
                .on_hover_text(e);
        }
        SaveState::ReadOnly(e) => {
            let text = crate::text::shorten(&format!("Annotations read-only: {e}"), 110);
            ui.colored_label(ui.visuals().error_fg_color, text)
                .on_hover_text(e);
        }
    }
}

/// The screen with no folder open: open one (by dialog or by typing its path), or a
/// recent one.
pub fn welcome(ui: &mut egui::Ui, prefs: &Prefs, error: &Option<String>, out: &mut Vec<Command>) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(100.0);
            ui.heading("dossier");
            ui.label("Read folders of news reports on leaders' meetings as a timeline, highlight and tag passages, keep notes beside the corpus.");
            ui.add_space(16.0);
            if ui.button("Open a folder of reports…").clicked() {
                out.push(Command::App(AppCommand::ChooseFolder));
            }
            ui.weak("or drop a folder on this window, or start dossier with a folder: dossier FOLDER");
            if let Some(e) = error {
                ui.add_space(8.0);
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            if !prefs.recent.is_empty() {
                ui.add_space(16.0);
                ui.label("Recent folders");
                for f in &prefs.recent {
                    if ui.link(f.display().to_string()).clicked() {
                        out.push(Command::App(AppCommand::OpenFolder(f.clone())));
                    }
                }
            }
        });
    });
}

pub fn shortcuts_window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for (keys, what) in [
                    ("j / ↓", "next report (each report of an event in turn)"),
                    ("k / ↑", "previous report"),
                    ("m / r", "the Meetings or the Reports list"),
                    ("Enter", "open the selected event"),
                    ("Ctrl+F", "find in the report"),
                    ("Enter / Shift+Enter", "next or previous match (in Find)"),
                    ("Escape", "close Find or the tag popup"),
                    ("Ctrl+plus / Ctrl+minus", "zoom in or out"),
                    ("Ctrl+0", "reset the zoom"),
                    ("Ctrl+K", "filter the timeline"),
                    ("Ctrl+O", "open a folder"),
                    ("T", "tag the selected text"),
                    ("1–9", "apply a recent tag to the selected text"),
                    ("Ctrl+Z", "undo"),
                    ("Ctrl+Shift+Z / Ctrl+Y", "redo"),
                    ("?", "show or hide this list"),
                ] {
                    ui.monospace(keys);
                    ui.label(what);
                    ui.end_row();
                }
            });
        });
}

#[cfg(test)]
mod tests {
    use super::step_report;

    #[test]
    fn j_and_k_stop_at_every_report_of_every_event() {
        let counts = [1, 2, 1];
        let mut at = None;
        let mut seen = Vec::new();
        for _ in 0..5 {
            at = step_report(&counts, at, true, false);
            seen.push(at.expect("a stop"));
        }
        assert_eq!(seen, [(0, 0), (1, 0), (1, 1), (2, 0), (2, 0)]);
        assert_eq!(
            step_report(&counts, Some((2, 0)), false, true),
            Some((1, 1))
        );
        assert_eq!(
            step_report(&counts, Some((0, 0)), false, true),
            Some((0, 0))
        );
        assert_eq!(step_report(&[], None, true, false), None);
    }
}
