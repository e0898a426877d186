//! This report in the right panel: its note, its highlights (where the model places them
//! now; only the visible rows are built) and the chosen highlight's tags, note,
//! re-attachment and removal.

use crate::annotations::{self, Status};
use crate::text;
use crate::ui::commands::{Command, Nav};
use crate::ui::focus::Cx;
use crate::ui::widgets::colours;
use crate::workspace::Edit;

pub fn show(ui: &mut egui::Ui, cx: &Cx, a: usize, out: &mut Vec<Command>) {
    let ws = cx.ws;
    let path = ws.corpus().articles[a].path.clone();
    ui.heading("This report");
    let notes = ws.store().articles.get(&path);
    let mut note = notes.map(|n| n.note.clone()).unwrap_or_default();
    let l = ui.label("Note");
    let edit = egui::TextEdit::multiline(&mut note)
        .desired_rows(2)
        .desired_width(f32::INFINITY)
        .hint_text("A note on the whole report");
    if ui.add(edit).labelled_by(l.id).changed() {
        out.push(Command::Edit(Edit::SetArticleNote {
            article: path.clone(),
            note,
        }));
    }
    let count = notes.map_or(0, |n| n.highlights.len());
    if count == 0 {
        ui.weak("No highlights.");
        return;
    }
    let placed = ws.places(&path);
    highlight_list(ui, cx, a, &placed, out);
    let active = cx.focus.active_highlight.clone().and_then(|id| {
        let highlights = &ws.store().articles.get(&path)?.highlights;
        let i = highlights.iter().position(|h| h.id == id)?;
        Some((highlights[i].clone(), placed.get(i)?.clone()))
    });
    match active {
        Some((h, resolved)) => highlight_details(ui, cx, &path, &h, &resolved, out),
        None => {
            ui.weak("Choose a highlight to edit its tags and note.");
        }
    }
}

/// The list builds only its visible rows: a report may carry thousands.
fn highlight_list(
    ui: &mut egui::Ui,
    cx: &Cx,
    a: usize,
    placed: &[annotations::Resolved],
    out: &mut Vec<Command>,
) {
    let ws = cx.ws;
    let path = &ws.corpus().articles[a].path;
    let Some(highlights) = ws.store().articles.get(path).map(|n| &n.highlights) else {
        return;
    };
    ui.label(format!("Highlights ({})", highlights.len()));
    let mut clicked = None;
    let row = ui.spacing().interact_size.y + 4.0;
    egui::ScrollArea::vertical()
        .id_salt("article-highlights")
        .max_height(row * 10.0)
        .auto_shrink([false, true])
        .show_rows(ui, row, highlights.len().min(placed.len()), |ui, rows| {
            for i in rows {
                let (h, resolved) = (&highlights[i], &placed[i]);
                let status = match resolved.status {
                    Status::Exact | Status::Moved => "",
                    Status::Fuzzy => "(approximate) ",
                    Status::Orphan => "(passage not found) ",
                };
                let tags: Vec<&str> = h
                    .tags
                    .iter()
                    .filter_map(|t| ws.store().tag(t).map(|t| t.name.as_str()))
                    .collect();
                let label = format!(
                    "{status}“{}” · {}",
                    text::shorten(&h.anchor.quote, 44),
                    tags.join(", ")
                );
                let active = cx.focus.active_highlight.as_deref() == Some(h.id.as_str());
                let button = egui::Button::selectable(active, label).truncate();
                if ui.add(button).clicked() {
                    clicked = Some(i);
                }
            }
        });
    if let Some(i) = clicked {
        let id = highlights[i].id.clone();
        out.push(Command::Nav(Nav::ChooseHighlight(Some(id))));
        if let Some(range) = placed[i].range.clone() {
            out.push(Command::Nav(Nav::OpenReport {
                article: a,
                mark: Some(range),
            }));
        }
    }
}

/// Tags, note, re-attach and removal for one highlight.
fn highlight_details(
    ui: &mut egui::Ui,
    cx: &Cx,
    path: &str,
    h: &annotations::Highlight,
    resolved: &annotations::Resolved,
    out: &mut Vec<Command>,
) {
    let ws = cx.ws;
    let (article, highlight) = (path.to_owned(), h.id.clone());
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(format!("“{}”", text::shorten(&h.anchor.quote, 120)));
        ui.horizontal_wrapped(|ui| {
            for tag in h.tags.iter().filter_map(|t| ws.store().tag(t)) {
                let dark = ui.visuals().dark_mode;
                let button =
                    colours::tag_button(format!("{} ×", tag.name), &tag.colour, dark).small();
                let hover = format!("Remove the tag “{}” from this highlight", tag.name);
                if ui.add(button).on_hover_text(hover).clicked() {
                    out.push(Command::Edit(Edit::UntagHighlight {
                        article: article.clone(),
                        highlight: highlight.clone(),
                        tag: tag.id.clone(),
                    }));
                }
            }
        });
        let mut note = h.note.clone();
        let l = ui.label("Note");
        let edit = egui::TextEdit::multiline(&mut note)
            .desired_rows(2)
            .desired_width(f32::INFINITY)
            .hint_text("Add a note");
        if ui.add(edit).labelled_by(l.id).changed() {
            out.push(Command::Edit(Edit::SetHighlightNote {
                article: article.clone(),
                highlight: highlight.clone(),
                note,
            }));
        }
        // Wrapped, so no button is cut off in a narrow panel or at a high zoom.
        ui.horizontal_wrapped(|ui| {
            if let (Status::Moved | Status::Fuzzy, Some(range)) =
                (resolved.status, resolved.range.clone())
                && ui
                    .button("Accept as it is now")
                    .on_hover_text("Keep the highlight on the passage it was found at")
                    .clicked()
            {
                out.push(Command::Edit(Edit::Reattach {
                    article: article.clone(),
                    highlight: highlight.clone(),
                    range,
                }));
            }
            if matches!(resolved.status, Status::Fuzzy | Status::Orphan)
                && ui.button("Re-attach to a selection…").clicked()
            {
                out.push(Command::Nav(Nav::Reattach(Some(highlight.clone()))));
            }
            if ui.button("Remove highlight").clicked() {
                out.push(Command::Edit(Edit::RemoveHighlight {
                    article: article.clone(),
                    highlight: highlight.clone(),
                }));
                out.push(Command::Nav(Nav::ChooseHighlight(None)));
            }
        });
    });
}
