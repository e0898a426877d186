//! The left panel's list of reports: every report the filter selects (those with no
//! meeting too), with title, date, source and highlight count, sortable by any of them.
//! Only the visible rows are built.

use crate::filter::SortBy;
use crate::filter::shown::highlights;
use crate::ui::commands::{Command, Nav};
use crate::ui::focus::Cx;
use crate::ui::widgets::rows::two_line_row;
use crate::workspace::Workspace;

const ROW_HEIGHT: f32 = 38.0;

/// The list's own state: how it is sorted (the model sorts: see
/// [`crate::filter::Shown::sort_reports`]).
#[derive(Default)]
pub struct State {
    pub sort: SortBy,
    pub descending: bool,
    /// Scroll the open report into view on the next frame (after keyboard moves).
    pub scroll_to_current: bool,
}

pub fn show(ui: &mut egui::Ui, cx: &Cx, state: &mut State, out: &mut Vec<Command>) {
    sort_bar(ui, state);
    ui.separator();
    let sorted = cx.shown.report_order();
    if sorted.is_empty() {
        ui.weak("No reports match the filter.");
    }
    let scroll = std::mem::take(&mut state.scroll_to_current);
    egui::ScrollArea::vertical()
        .id_salt("reports")
        .auto_shrink([false, false])
        .show_rows(ui, ROW_HEIGHT, sorted.len(), |ui, rows| {
            for &a in &sorted[rows] {
                let open = cx.focus.article == Some(a);
                let r = report_row(ui, cx.ws, a, open);
                if open && scroll {
                    r.scroll_to_me(None);
                }
                if r.clicked() {
                    out.push(Command::Nav(Nav::OpenReport {
                        article: a,
                        mark: None,
                    }));
                }
            }
        });
}

fn sort_bar(ui: &mut egui::Ui, state: &mut State) {
    ui.horizontal_wrapped(|ui| {
        ui.weak("Sort by");
        for (label, by) in [
            ("Date", SortBy::Date),
            ("Title", SortBy::Title),
            ("Source", SortBy::Source),
            ("Highlights", SortBy::Highlights),
        ] {
            let on = state.sort == by;
            let arrow = match (on, state.descending) {
                (false, _) => "",
                (true, false) => " (ascending)",
                (true, true) => " (descending)",
            };
            if ui.selectable_label(on, format!("{label}{arrow}")).clicked() {
                if on {
                    state.descending = !state.descending;
                } else {
                    state.sort = by;
                    state.descending = by == SortBy::Highlights;
                }
            }
        }
    });
}

/// One report: its title, then date · source · highlights, painted and truncated.
fn report_row(ui: &mut egui::Ui, ws: &Workspace, a: usize, open: bool) -> egui::Response {
    let article = &ws.corpus().articles[a];
    let meta = &article.meta;
    let mut facts = vec![crate::dates::shown(meta.published)];
    facts.extend(meta.source.as_deref().map(str::to_owned));
    let n = highlights(ws, a);
    if n > 0 {
        facts.push(format!("{n} highlight{}", if n == 1 { "" } else { "s" }));
    }
    let meetings = ws.meetings()[a].len();
    facts.push(match meetings {
        0 => "no meeting found".to_owned(),
        1 => "1 meeting".to_owned(),
        n => format!("{n} meetings"),
    });
    two_line_row(ui, &meta.title, &facts.join(" · "), open, ROW_HEIGHT)
}
