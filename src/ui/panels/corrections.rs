//! The corrections window: every meeting the analyst dismissed, corrected or added, by
//! report, each with the way back (restore as found, remove the added one) and a link to
//! the report. Nothing the analyst decided about meetings is out of reach.

use crate::annotations::model::ArticleNotes;
use crate::ui::commands::{Command, Nav};
use crate::workspace::Edit;
use crate::workspace::Workspace;

pub fn show(ctx: &egui::Context, ws: &Workspace, open: &mut bool, out: &mut Vec<Command>) {
    egui::Window::new("Corrected and dismissed meetings")
        .open(open)
        .default_width(560.0)
        .show(ctx, |ui| {
            let corrected: Vec<(&String, &ArticleNotes)> = ws
                .store()
                .articles
                .iter()
                .filter(|(_, n)| !n.meetings.is_empty() || !n.added_meetings.is_empty())
                .collect();
            if corrected.is_empty() {
                ui.weak("No meeting corrected yet: right-click a meeting chip in the reader to correct it, or use “Add meeting…”.");
                return;
            }
            egui::ScrollArea::vertical().max_height(480.0).show(ui, |ui| {
                for (path, notes) in corrected {
                    report(ui, ws, path, notes, out);
                }
            });
        });
}

fn report(
    ui: &mut egui::Ui,
    ws: &Workspace,
    path: &str,
    notes: &ArticleNotes,
    out: &mut Vec<Command>,
) {
    ui.separator();
    let a = ws.article_index(path);
    let title = a.map_or(format!("{path} (no longer in the folder)"), |a| {
        ws.corpus().articles[a].meta.title.clone()
    });
    match a {
        Some(a) if ui.link(&title).clicked() => out.push(Command::Nav(Nav::OpenReport {
            article: a,
            mark: None,
        })),
        Some(_) => {}
        None => {
            ui.strong(title);
        }
    }
    for c in &notes.meetings {
        ui.horizontal(|ui| {
            let people = c.key.people.join(" – ");
            if c.not_a_meeting {
                ui.label(egui::RichText::new(format!("not a meeting: {people}")).strikethrough());
            } else {
                ui.label(format!("corrected: {people} ({})", changed_fields(c)));
            }
            if ui.small_button("Restore as found").clicked() {
                out.push(Command::Edit(Edit::RestoreMeeting {
                    article: path.to_owned(),
                    key: c.key.clone(),
                }));
            }
        });
    }
    for m in &notes.added_meetings {
        ui.horizontal(|ui| {
            let others: Vec<&str> = m.counterparts.iter().map(|c| c.name.as_str()).collect();
            let date = crate::dates::shown(m.date);
            ui.label(format!(
                "added: {} – {} · {} · {date}",
                m.leader.name,
                others.join(", "),
                m.kind.label()
            ));
            if ui.small_button("Remove").clicked() {
                out.push(Command::Edit(Edit::RemoveAddedMeeting {
                    article: path.to_owned(),
                    id: m.id.clone(),
                }));
            }
        });
    }
}

/// Which fields a correction sets, in words.
fn changed_fields(c: &crate::annotations::model::MeetingCorrection) -> String {
    let mut out = Vec::new();
    if c.date.is_some() {
        out.push("date");
    }
    if c.kind.is_some() {
        out.push("kind");
    }
    if c.location.is_some() {
        out.push("place");
    }
    if c.leader.is_some() {
        out.push("leader");
    }
    if c.counterparts.is_some() {
        out.push("counterparts");
    }
    out.join(", ")
}
