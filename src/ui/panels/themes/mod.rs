//! The themes window: what the analysis ([`crate::analysis`]) counts for the reports the
//! timeline's filter selects. Passages grouped by tag (a click opens the report at the
//! passage); the theme × meeting matrix, shaded, by counterpart country, leader, kind or
//! year (a click lists that cell's passages); themes over time as a chart with the
//! reports per period for scale; tags that occur together. Worked out again only when
//! the data, the filter or a setting changes.

pub mod chart;

use crate::analysis::passages::{Passage, passages};
use crate::analysis::sheets::{self, Sheet};
use crate::analysis::tables::{self, By, Count, Matrix, Period, Together, Trends};
use crate::text;
use crate::ui::commands::{Command, Nav};
use crate::ui::focus::Cx;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Passages,
    Matrix,
    Trends,
    Together,
}

/// What the window worked out, and from what.
type Key = (u64, usize, By, Count, Period);

/// The window's own state.
pub struct State {
    pub open: bool,
    tab: Tab,
    by: By,
    count: Count,
    period: Period,
    /// The matrix cell whose passages are listed: (tag id, column value).
    cell: Option<(String, String)>,
    key: Option<Key>,
    passages: Vec<Passage>,
    matrix: Option<Matrix>,
    trends: Option<Trends>,
    together: Vec<Together>,
    /// Save tables with a byte order mark, for Excel / LibreOffice.
    bom: bool,
    /// The chart's drag and where it was drawn.
    chart: chart::State,
}

impl Default for State {
    fn default() -> Self {
        State {
            open: false,
            tab: Tab::default(),
            by: By::Country,
            count: Count::Passages,
            period: Period::Year,
            cell: None,
            key: None,
            passages: Vec::new(),
            matrix: None,
            trends: None,
            together: Vec::new(),
            bom: false,
            chart: chart::State::default(),
        }
    }
}

impl State {
    /// The chart of themes over time.
    pub fn chart(&self) -> &chart::State {
        &self.chart
    }

    fn refresh(&mut self, cx: &Cx) {
        let ws = cx.ws;
        let key = (
            ws.version(),
            cx.shown.generation,
            self.by,
            self.count,
            self.period,
        );
        if self.key == Some(key) {
            return;
        }
        self.passages = passages(ws, &cx.shown.reports, &cx.focus.query.tags);
        let store = ws.store();
        self.matrix = Some(tables::matrix(store, &self.passages, self.by, self.count));
        let dates: Vec<_> = (cx.shown.reports.iter())
            .map(|&a| ws.corpus().articles[a].meta.published)
            .collect();
        let trends = tables::trends(store, &self.passages, &dates, self.period);
        self.trends = Some(trends);
        self.together = tables::cooccurrence(store, &self.passages);
        self.key = Some(key);
    }
}

pub fn show(ctx: &egui::Context, cx: &Cx, state: &mut State, out: &mut Vec<Command>) {
    if !state.open {
        return;
    }
    state.refresh(cx);
    let mut open = true;
    egui::Window::new("Themes")
        .open(&mut open)
        .default_size([760.0, 540.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                for (tab, label) in [
                    (Tab::Passages, "Passages"),
                    (Tab::Matrix, "Themes × meetings"),
                    (Tab::Trends, "Over time"),
                    (Tab::Together, "Together"),
                ] {
                    ui.selectable_value(&mut state.tab, tab, label);
                }
            });
            ui.horizontal(|ui| {
                ui.weak(format!(
                    "{} in the {} reports the timeline's filter selects",
                    text::count(state.passages.len(), "coded passage", "coded passages"),
                    cx.shown.reports.len()
                ));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    save_buttons(ui, cx, state, out);
                });
            });
            ui.separator();
            match state.tab {
                Tab::Passages => passage_list(ui, cx, state, out),
                Tab::Matrix => matrix(ui, state),
                Tab::Trends => trends(ui, cx, state, out),
                Tab::Together => together(ui, state),
            }
        });
    state.open = open;
}

/// "Save as CSV…" for the table shown (and "Save as PNG…" for the chart).
fn save_buttons(ui: &mut egui::Ui, cx: &Cx, state: &mut State, out: &mut Vec<Command>) {
    use crate::ui::commands::AppCommand;
    let corpus =
        (cx.ws.folder().file_name()).map_or("corpus".into(), |n| n.to_string_lossy().into_owned());
    let what = match state.tab {
        Tab::Passages => "passages",
        Tab::Matrix => "matrix",
        Tab::Trends => "over-time",
        Tab::Together => "together",
    };
    let name = format!("{corpus}-themes-{what}");
    if state.tab == Tab::Trends
        && let Some(rect) = state.chart.rect
        && (ui.button("Save as PNG…"))
            .on_hover_text("Save the chart as drawn")
            .clicked()
    {
        let name = format!("{name}.png");
        out.push(Command::App(AppCommand::SaveChart { name, rect }));
    }
    if ui
        .button("Save as CSV…")
        .on_hover_text("Save this table for a spreadsheet")
        .clicked()
    {
        out.push(Command::App(AppCommand::SaveTable {
            name: format!("{name}.csv"),
            sheet: sheet(cx, state),
            bom: state.bom,
        }));
    }
    ui.checkbox(&mut state.bom, "For Excel / LibreOffice")
        .on_hover_text(
            "Start the CSV with a byte order mark, so the spreadsheet reads it as UTF-8",
        );
}

/// The table shown, as rows of text.
fn sheet(cx: &Cx, state: &State) -> Sheet {
    match state.tab {
        Tab::Passages => sheets::passages(cx.ws, &in_cell(state)),
        Tab::Matrix => state
            .matrix
            .as_ref()
            .map(sheets::matrix)
            .unwrap_or_default(),
        Tab::Trends => state
            .trends
            .as_ref()
            .map(sheets::trends)
            .unwrap_or_default(),
        Tab::Together => sheets::cooccurrence(&state.together),
    }
}

/// The passages listed: all, or those of the matrix cell chosen (with that tag only).
fn in_cell(state: &State) -> Vec<Passage> {
    let Some((tag, value)) = &state.cell else {
        return state.passages.clone();
    };
    (state.passages.iter())
        .filter(|p| p.tags.contains(tag) && tables::values(p, state.by).contains(value))
        .map(|p| Passage {
            tags: vec![tag.clone()],
            ..p.clone()
        })
        .collect()
}

/// The passages, grouped by tag in codebook order (or those of one matrix cell).
fn passage_list(ui: &mut egui::Ui, cx: &Cx, state: &mut State, out: &mut Vec<Command>) {
    let store = cx.ws.store();
    if let Some((tag, value)) = state.cell.clone() {
        let name = store.tag_path(&tag).unwrap_or_default();
        ui.horizontal(|ui| {
            ui.label(format!("Passages coded “{name}” about {value}"));
            if ui.small_button("Show all").clicked() {
                state.cell = None;
            }
        });
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        for t in &store.tags {
            let chosen: Vec<&Passage> = (state.passages.iter())
                .filter(|p| p.tags.contains(&t.id))
                .filter(|p| match &state.cell {
                    Some((tag, value)) => {
                        *tag == t.id && tables::values(p, state.by).contains(value)
                    }
                    None => true,
                })
                .collect();
            if chosen.is_empty() {
                continue;
            }
            let path = store.tag_path(&t.id).unwrap_or_default();
            egui::CollapsingHeader::new(format!("{path} ({})", chosen.len()))
                .id_salt(("themes-tag", &t.id))
                .default_open(true)
                .show(ui, |ui| {
                    for p in chosen {
                        passage_row(ui, cx, p, out);
                    }
                });
        }
    });
}

fn passage_row(ui: &mut egui::Ui, cx: &Cx, p: &Passage, out: &mut Vec<Command>) {
    let meta = &cx.ws.corpus().articles[p.article].meta;
    let people: Vec<String> = (p.meetings.iter())
        .flat_map(|m| m.counterparts.iter().map(|c| c.label()))
        .collect();
    let label = format!("“{}”", text::shorten(&p.quote, 90));
    let facts = format!(
        "{} · {} · {}",
        text::shorten(&meta.title, 50),
        crate::dates::shown(p.date),
        if people.is_empty() {
            "no meeting".to_owned()
        } else {
            people.join(", ")
        }
    );
    if ui
        .link(label)
        .on_hover_text("Open the report at this passage")
        .clicked()
    {
        out.push(Command::Nav(Nav::OpenReport {
            article: p.article,
            mark: p.range.clone(),
        }));
    }
    ui.weak(facts);
}

/// The matrix: a row per tag (indented by depth), a column per value, cells shaded by
/// their count; a click lists the cell's passages.
fn matrix(ui: &mut egui::Ui, state: &mut State) {
    ui.horizontal(|ui| {
        ui.label("Columns:");
        for (by, label) in [
            (By::Country, "country"),
            (By::Leader, "leader"),
            (By::Kind, "kind"),
            (By::Year, "year"),
        ] {
            ui.selectable_value(&mut state.by, by, label);
        }
        ui.separator();
        ui.label("Cells count:");
        ui.selectable_value(&mut state.count, Count::Passages, "passages");
        ui.selectable_value(&mut state.count, Count::Reports, "reports");
    });
    let Some(m) = state.matrix.clone() else {
        return;
    };
    let most = m.cells.iter().flatten().copied().max().unwrap_or(0).max(1);
    let mut clicked = None;
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("themes-matrix")
            .striped(true)
            .show(ui, |ui| {
                ui.strong("Tag");
                for c in &m.columns {
                    ui.strong(c);
                }
                ui.end_row();
                for ((id, path, depth), cells) in m.rows.iter().zip(&m.cells) {
                    let name = path.rsplit(" / ").next().unwrap_or(path);
                    ui.label(format!("{}{name}", "    ".repeat(*depth)));
                    for (c, n) in cells.iter().enumerate() {
                        if shaded_cell(ui, *n, most).clicked() && *n > 0 {
                            clicked = Some((id.clone(), m.columns[c].clone()));
                        }
                    }
                    ui.end_row();
                }
            });
    });
    if let Some(cell) = clicked {
        state.cell = Some(cell);
        state.tab = Tab::Passages;
    }
}

/// A count as a button shaded from clear (none) to the selection colour (the most).
fn shaded_cell(ui: &mut egui::Ui, n: usize, most: usize) -> egui::Response {
    let strength = n as f32 / most as f32;
    let full = ui.visuals().selection.bg_fill;
    let fill = egui::Color32::TRANSPARENT.lerp_to_gamma(full, strength);
    let text = if n == 0 {
        "·".to_owned()
    } else {
        n.to_string()
    };
    ui.add(
        egui::Button::new(text)
            .fill(fill)
            .min_size(egui::vec2(44.0, 0.0)),
    )
}

/// Themes over time, as a chart.
fn trends(ui: &mut egui::Ui, cx: &Cx, state: &mut State, out: &mut Vec<Command>) {
    let trends = state.trends.as_ref();
    chart::show(ui, cx, &mut state.period, trends, &mut state.chart, out);
}

/// Tags that occur together.
fn together(ui: &mut egui::Ui, state: &State) {
    if state.together.is_empty() {
        ui.weak("No two tags occur together here.");
        return;
    }
    egui::Grid::new("themes-together")
        .striped(true)
        .show(ui, |ui| {
            for h in [
                "Tag",
                "Tag",
                "On overlapping passages",
                "In the same report",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for t in &state.together {
                ui.label(&t.a);
                ui.label(&t.b);
                ui.label(t.overlapping.to_string());
                ui.label(t.same_report.to_string());
                ui.end_row();
            }
        });
}
