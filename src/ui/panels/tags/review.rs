//! Highlights that need review (the model lists them): re-anchored approximately, or
//! whose passage is gone; a click opens the report there.

use crate::text;
use crate::ui::commands::{Command, Nav};
use crate::ui::focus::Cx;

pub fn show(ui: &mut egui::Ui, cx: &Cx, out: &mut Vec<Command>) {
    let ws = cx.ws;
    let flagged = ws.review_list();
    ui.heading(format!("Needs review ({})", flagged.len()));
    if flagged.is_empty() {
        ui.weak("Every highlight is where it was.");
    }
    for p in flagged.iter() {
        let label = format!(
            "{} · {}: “{}”",
            p.status.as_str(),
            p.article,
            text::shorten(&p.quote, 40)
        );
        if ui.link(label).clicked()
            && let Some(a) = ws.article_index(&p.article)
        {
            out.push(Command::Nav(Nav::OpenReport {
                article: a,
                mark: p.range.clone(),
            }));
        }
    }
}
