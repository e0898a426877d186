//! The left panel's list of reports: every report the filter selects (those with no
//! meeting too), with title, date, source and highlight count, sortable by any of them.
//! Only the visible rows are built.

use super::commands::Command;
use super::view::View;
use crate::workspace::Workspace;
use std::cmp::Ordering;

const ROW_HEIGHT: f32 = 38.0;

/// What the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Date,
    Title,
    Source,
    Highlights,
}

/// Data version, filter generation, sort and direction.
type SortKey = (u64, usize, SortBy, bool);

#[derive(Default)]
pub struct State {
    pub sort: SortBy,
    pub descending: bool,
    /// Scroll the open report into view on the next frame (after keyboard moves).
    pub scroll_to_current: bool,
    /// The sorted list, as of what it was sorted from.
    cache: Option<(SortKey, Vec<usize>)>,
}

impl State {
    /// `reports` in the list's order (cached: call with the view's current reports).
    pub fn order(&self, reports: &[usize]) -> Vec<usize> {
        match &self.cache {
            Some((_, sorted)) if sorted.len() == reports.len() => sorted.clone(),
            _ => reports.to_vec(),
        }
    }

    fn refresh(&mut self, ws: &Workspace, view_reports: &[usize], generation: usize) {
        let key = (ws.version(), generation, self.sort, self.descending);
        if self.cache.as_ref().is_some_and(|c| c.0 == key) {
            return;
        }
        let mut sorted = view_reports.to_vec();
        let (sort, descending) = (self.sort, self.descending);
        sorted.sort_by(|&a, &b| {
            let o = compare(ws, sort, a, b).then(a.cmp(&b));
            if descending { o.reverse() } else { o }
        });
        self.cache = Some((key, sorted));
    }
}

fn highlights(ws: &Workspace, a: usize) -> usize {
    let path = &ws.corpus().articles[a].path;
    ws.store()
        .articles
        .get(path)
        .map_or(0, |n| n.highlights.len())
}

fn compare(ws: &Workspace, sort: SortBy, a: usize, b: usize) -> Ordering {
    let (x, y) = (&ws.corpus().articles[a].meta, &ws.corpus().articles[b].meta);
    match sort {
        // Undated last, whatever the direction of the dated ones.
        SortBy::Date => match (x.published, y.published) {
            (Some(p), Some(q)) => p.cmp(&q),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        SortBy::Title => x.title.to_lowercase().cmp(&y.title.to_lowercase()),
        SortBy::Source => x.source.cmp(&y.source),
        SortBy::Highlights => highlights(ws, a).cmp(&highlights(ws, b)),
    }
}

pub fn show(ui: &mut egui::Ui, ws: &Workspace, view: &mut View, out: &mut Vec<Command>) {
    let mut state = std::mem::take(&mut view.report_list);
    state.refresh(ws, &view.reports, view.filter_generation);
    sort_bar(ui, &mut state);
    ui.separator();
    let sorted = state.cache.as_ref().map(|c| c.1.as_slice()).unwrap_or(&[]);
    if sorted.is_empty() {
        ui.weak("No reports match the filter.");
    }
    let scroll = std::mem::take(&mut state.scroll_to_current);
    egui::ScrollArea::vertical()
        .id_salt("reports")
        .auto_shrink([false, false])
        .show_rows(ui, ROW_HEIGHT, sorted.len(), |ui, rows| {
            for &a in &sorted[rows] {
                let open = view.article == Some(a);
                let r = report_row(ui, ws, a, open);
                if open && scroll {
                    r.scroll_to_me(None);
                }
                if r.clicked() {
                    out.push(Command::OpenReport {
                        article: a,
                        mark: None,
                    });
                }
            }
        });
    view.report_list = state;
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
    facts.extend(meta.source.clone());
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
    super::timeline_panel::two_line_row(ui, &meta.title, &facts.join(" · "), open, ROW_HEIGHT)
}
