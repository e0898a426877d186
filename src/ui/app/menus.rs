//! The app's chrome: menu bar, status bar, keyboard shortcuts, the welcome screen and
//! the shortcuts window. Each turns what the analyst did into [`Command`]s or view state.

use super::{DossierApp, Prefs};
use crate::export::ExportFormat;
use crate::ui::actions::{self, Action};
use crate::ui::commands::{AppCommand, Command, Nav};
use crate::ui::focus::LeftTab;
use crate::ui::panels::{export_dialog, reader};
use crate::workspace::SaveState;

/// The keyboard: what the analyst pressed, outside text fields, as commands (the keys
/// are the action table's: [`Action`]).
pub fn shortcuts(app: &DossierApp, ctx: &egui::Context) -> Vec<Command> {
    let mut out = Vec::new();
    // Redo before undo: Ctrl+Shift+Z would also match Ctrl+Z.
    let [open, find, filter, redo, undo] = [
        Action::OpenFolder,
        Action::FindInReport,
        Action::FilterTimeline,
        Action::Redo,
        Action::Undo,
    ]
    .map(|a| a.consume(ctx));
    if open {
        out.push(Command::App(AppCommand::ChooseFolder));
    }
    if filter || (find && app.view.focus.article.is_none()) {
        out.push(Command::Nav(Nav::FocusFilter));
    } else if find {
        out.push(Command::Nav(Nav::OpenFind));
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
    let question = |e: &egui::Event| matches!(e, egui::Event::Text(t) if t == "?");
    if ctx.input(|i| i.events.iter().any(question)) {
        out.push(Command::App(AppCommand::ShowShortcuts(
            !app.view.show_shortcuts,
        )));
    }
    list_keys(app, ctx, !in_reader, &mut out);
    out
}

/// j/k (and the arrows outside the reader) move along the list on the left, through
/// every report of each event; m and r switch the list; Enter opens.
fn list_keys(app: &DossierApp, ctx: &egui::Context, arrows: bool, out: &mut Vec<Command>) {
    let down = Action::NextReport.pressed(ctx, arrows);
    let up = Action::PreviousReport.pressed(ctx, arrows);
    let enter = arrows && Action::OpenSelected.pressed(ctx, arrows);
    let view = &app.view;
    let mut left = view.focus.left;
    if Action::MeetingsList.pressed(ctx, arrows) {
        left = LeftTab::Meetings;
    } else if Action::ReportsList.pressed(ctx, arrows) {
        left = LeftTab::Reports;
    }
    if left != view.focus.left {
        out.push(Command::Nav(Nav::ShowTab(left)));
    }
    let Some(ws) = app.workspace.as_ref() else {
        return;
    };
    match left {
        LeftTab::Meetings => {
            // Worked out only when a key asks (it reads every row).
            let step = (down || up)
                .then(|| {
                    let rows = &view.shown.filtered.rows;
                    let open = view
                        .focus
                        .article
                        .and_then(|a| ws.corpus().articles.get(a))
                        .map(|a| a.path.as_str());
                    let here = view.focus.selected_row.map(|row| {
                        let reports = rows.get(row).map_or(&[][..], |r| &r.event.reports);
                        let nth = reports.iter().position(|r| Some(&*r.article) == open);
                        (row, nth.unwrap_or(0))
                    });
                    let counts: Vec<usize> = rows.iter().map(|r| r.event.reports.len()).collect();
                    step_report(&counts, here, down, up)
                })
                .flatten();
            if let Some((row, report)) = step {
                out.push(Command::Nav(Nav::OpenEvent { row, report }));
            } else if enter && let Some(i) = view.focus.selected_row {
                out.push(Command::Nav(Nav::OpenEvent { row: i, report: 0 }));
            }
        }
        LeftTab::Reports => {
            let shown = view.shown.report_order();
            let pos = view
                .focus
                .article
                .and_then(|a| shown.iter().position(|r| *r == a));
            let next = match (down, up, pos) {
                _ if shown.is_empty() => None,
                (true, _, p) => Some(p.map_or(0, |i| (i + 1).min(shown.len() - 1))),
                (_, true, p) => Some(p.map_or(0, |i| i.saturating_sub(1))),
                _ => None,
            };
            if let Some(i) = next {
                out.push(Command::Nav(Nav::OpenReport {
                    article: shown[i],
                    mark: None,
                }));
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

pub fn menu_bar(app: &DossierApp, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu(app, ui, out));
            ui.menu_button("Edit", |ui| edit_menu(app, ui, out));
            ui.menu_button("View", |ui| {
                let themes = Command::App(AppCommand::ShowThemes);
                item(ui, Action::Themes, app.workspace.is_some(), themes, out);
                let agreement = Command::App(AppCommand::ShowAgreement);
                item(
                    ui,
                    Action::Agreement,
                    app.workspace.is_some(),
                    agreement,
                    out,
                );
                ui.separator();
                view_menu(&app.prefs, ui, out);
            });
            ui.menu_button("Help", |ui| {
                let show = Command::App(AppCommand::ShowShortcuts(true));
                item(ui, Action::ShowShortcuts, true, show, out);
            });
        });
    });
}

/// A menu item for `action`, labelled from the action table, sending `command`.
fn item(
    ui: &mut egui::Ui,
    action: Action,
    enabled: bool,
    command: Command,
    out: &mut Vec<Command>,
) {
    let button = egui::Button::new(action.menu_text());
    if ui.add_enabled(enabled, button).clicked() {
        out.push(command);
        ui.close();
    }
}

fn file_menu(app: &DossierApp, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let choose = Command::App(AppCommand::ChooseFolder);
    item(ui, Action::OpenFolder, true, choose, out);
    let by_path = Command::App(AppCommand::ChooseFolderByPath);
    item(ui, Action::OpenFolderByPath, true, by_path, out);
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
        ui.menu_button("Export…", |ui| export_menu(ui, out));
    });
    ui.separator();
    item(ui, Action::Quit, true, Command::App(AppCommand::Quit), out);
}

/// The export dialog's formats; Markdown is offered as each of its two layouts.
fn export_menu(ui: &mut egui::Ui, out: &mut Vec<Command>) {
    ui.weak("Exports what the timeline filter shows");
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
}

fn edit_menu(app: &DossierApp, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let (can_undo, can_redo) = app
        .workspace
        .as_ref()
        .map_or((false, false), |w| (w.can_undo(), w.can_redo()));
    item(ui, Action::Undo, can_undo, Command::Undo, out);
    item(ui, Action::Redo, can_redo, Command::Redo, out);
    ui.separator();
    let open = app.workspace.is_some();
    item(
        ui,
        Action::FindInReport,
        open,
        Command::Nav(Nav::OpenFind),
        out,
    );
    let filter = Command::Nav(Nav::FocusFilter);
    item(ui, Action::FilterTimeline, open, filter, out);
    ui.separator();
    let corrections = Command::App(AppCommand::ShowCorrections);
    item(ui, Action::ShowCorrections, open, corrections, out);
    let tidy = Command::Edit(crate::workspace::Edit::Tidy);
    item(ui, Action::TidyAnnotations, open, tidy, out);
}

fn view_menu(prefs: &Prefs, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    if ui.radio(!prefs.dark, "Light theme").clicked() {
        out.push(Command::App(AppCommand::SetDark(false)));
    }
    if ui.radio(prefs.dark, "Dark theme").clicked() {
        out.push(Command::App(AppCommand::SetDark(true)));
    }
    ui.separator();
    let size = prefs.reader_font;
    ui.label(format!("Reader text: {size:.0} pt"));
    ui.horizontal(|ui| {
        let mut set = |label: &str, to: f32| {
            if ui.button(label).clicked() {
                let to = to.clamp(reader::MIN_FONT, reader::MAX_FONT);
                out.push(Command::App(AppCommand::SetReaderFont(to)));
            }
        };
        set("Smaller", size - 1.0);
        set("Larger", size + 1.0);
        set("Reset", reader::DEFAULT_FONT);
    });
}

/// The status bar: folder, counts, skipped files, what the last command or export did,
/// conflicts, and whether the annotations are saved.
pub fn status_bar(app: &DossierApp, ui: &mut egui::Ui, out: &mut Vec<Command>) {
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

fn corpus_facts(app: &DossierApp, ui: &mut egui::Ui) {
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

fn messages(app: &DossierApp, ui: &mut egui::Ui, out: &mut Vec<Command>) {
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
                out.push(Command::App(AppCommand::DismissExportStatus));
            }
        }
        Some(Err(e)) => {
            ui.separator();
            ui.colored_label(ui.visuals().error_fg_color, crate::text::shorten(&e, 90))
                .on_hover_text(&e);
            if dismiss(ui) {
                out.push(Command::App(AppCommand::DismissExportStatus));
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
            out.push(Command::App(AppCommand::ShowConflicts));
        }
    }
}

fn save_state(app: &DossierApp, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let Some(ws) = &app.workspace else { return };
    match ws.save_state().clone() {
        SaveState::Saved => {
            ui.weak("All changes saved");
        }
        SaveState::Unsaved { .. } => {
            ui.label("Unsaved changes…");
        }
        SaveState::Failed(e) => {
            if ui.button("Save a copy…").clicked() {
                out.push(Command::App(AppCommand::SaveCopy));
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

/// The `?` list: every key in the action table, with what it does.
pub fn shortcuts_window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for e in actions::TABLE {
                    let Some(help) = e.help else { continue };
                    ui.monospace(e.keys);
                    ui.label(help);
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
