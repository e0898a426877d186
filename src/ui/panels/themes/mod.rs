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
use crate::annotations::Store;
use crate::text;
use crate::ui::commands::{Command, Nav};
use crate::ui::focus::Cx;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Passages,
    Matrix,
    Trends,
    Together,
}

/// A matrix cell: the passages coded with `tags` (a row's tag, and its sub-tags when
/// the row is folded) about `value`.
#[derive(Debug, Clone, PartialEq)]
struct Cell {
    /// The row's tag path.
    name: String,
    tags: Vec<String>,
    value: String,
}

impl Cell {
    /// Whether tag number `t` of `store`'s codebook is one of this cell's.
    fn has(&self, store: &Store, t: usize) -> bool {
        store.tags.get(t).is_some_and(|t| self.tags.contains(&t.id))
    }

    /// Whether passage `p` is in this cell.
    fn holds(&self, store: &Store, p: &Passage, by: By) -> bool {
        p.tags.iter().any(|&t| self.has(store, t)) && tables::values(p, by).contains(&self.value)
    }
}

/// A tag's passages in the list (indices into the window's passages).
struct Group {
    tag: String,
    path: String,
    passages: Vec<usize>,
}

/// A line of the passages list: a tag's heading, or a passage under it.
enum Line {
    Heading(usize),
    Passage(usize),
}

/// The versions of the data the passages are worked out from: the highlights, the
/// codebook, the meetings, the reports' texts and metadata (a note changes none).
type Data = (u64, u64, u64, u64);

/// What the window worked out, and from what.
type Key = (Data, usize, By, Count, Period);

/// The window's own state.
pub struct State {
    pub open: bool,
    tab: Tab,
    by: By,
    count: Count,
    period: Period,
    /// The matrix cell whose passages are listed.
    cell: Option<Cell>,
    /// The matrix rows whose sub-tags are folded into them (tag ids).
    collapsed: BTreeSet<String>,
    key: Option<Key>,
    passages: Vec<Passage>,
    /// The passages list's groups, and the data and cell they were made for.
    groups: Vec<Group>,
    groups_for: Option<(Key, Option<Cell>)>,
    /// The tags whose passages are folded away in the list (tag ids).
    folded: BTreeSet<String>,
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
            collapsed: BTreeSet::new(),
            key: None,
            passages: Vec::new(),
            groups: Vec::new(),
            groups_for: None,
            folded: BTreeSet::new(),
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

    /// Work out again what changed: everything when the data or the filter did, the
    /// matrix when its columns or count did, the chart when its period did.
    fn refresh(&mut self, cx: &Cx) {
        let ws = cx.ws;
        let key = (
            (
                ws.coding_version(),
                ws.codebook_version(),
                ws.meetings_version(),
                ws.corpus_version(),
            ),
            cx.shown.generation,
            self.by,
            self.count,
            self.period,
        );
        let Some(old) = self.key.filter(|old| (old.0, old.1) == (key.0, key.1)) else {
            self.passages = passages(ws, &cx.shown.reports, &cx.focus.query.tags);
            self.together = tables::cooccurrence(ws.store(), &self.passages);
            self.matrix = Some(self.matrix(cx));
            self.trends = Some(self.trends(cx));
            self.key = Some(key);
            return;
        };
        if (old.2, old.3) != (key.2, key.3) {
            self.matrix = Some(self.matrix(cx));
        }
        if old.4 != key.4 {
            self.trends = Some(self.trends(cx));
        }
        self.key = Some(key);
    }

    fn matrix(&self, cx: &Cx) -> Matrix {
        tables::matrix(cx.ws.store(), &self.passages, self.by, self.count)
    }

    fn trends(&self, cx: &Cx) -> Trends {
        let articles = &cx.ws.corpus().articles;
        let dates: Vec<_> = (cx.shown.reports.iter())
            .map(|&a| articles[a].meta.published)
            .collect();
        tables::trends(cx.ws.store(), &self.passages, &dates, self.period)
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
            // The summary gives way (shortened) to the save buttons on a narrow window.
            let summary = format!(
                "{} in the {} reports the timeline's filter selects",
                text::count(state.passages.len(), "coded passage", "coded passages"),
                cx.shown.reports.len()
            );
            egui::Sides::new().shrink_left().truncate().show(
                ui,
                |ui| ui.weak(summary),
                |ui| save_buttons(ui, cx, state, out),
            );
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
    if state.tab == Tab::Trends
        && let Some(trends) = &state.trends
        && (ui.button("Save as SVG…"))
            .on_hover_text("Save the chart as a drawing, for a report or a slide")
            .clicked()
    {
        let store = cx.ws.store();
        let colours: Vec<String> = (trends.tags.iter())
            .map(|(id, _)| store.tag(id).map(|t| t.colour.clone()).unwrap_or_default())
            .collect();
        out.push(Command::App(AppCommand::SaveDrawing {
            name: format!("{name}.svg"),
            svg: crate::analysis::svg::trends(trends, &colours),
        }));
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
        Tab::Passages => sheets::passages(cx.ws, &in_cell(cx.ws.store(), state)),
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

/// The passages listed: all, or those of the matrix cell chosen (with its tags only).
fn in_cell(store: &Store, state: &State) -> Vec<Passage> {
    let Some(cell) = &state.cell else {
        return state.passages.clone();
    };
    (state.passages.iter())
        .filter(|p| cell.holds(store, p, state.by))
        .map(|p| Passage {
            tags: (p.tags.iter())
                .filter(|&&t| cell.has(store, t))
                .copied()
                .collect(),
            ..p.clone()
        })
        .collect()
}

/// The passages of each tag in tree order (or those of one matrix cell).
fn groups(cx: &Cx, state: &State) -> Vec<Group> {
    let store = cx.ws.store();
    let position: std::collections::HashMap<&str, usize> = (store.tags.iter().enumerate())
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let tree = store.tag_tree();
    // The group of each tag of the codebook (by position).
    let mut at = vec![0; store.tags.len()];
    for (g, (t, _)) in tree.iter().enumerate() {
        at[position[t.id.as_str()]] = g;
    }
    let mut groups: Vec<Group> = (tree.into_iter())
        .map(|(t, _)| Group {
            tag: t.id.clone(),
            path: store.tag_path(&t.id).unwrap_or_default(),
            passages: Vec::new(),
        })
        .collect();
    for (n, p) in state.passages.iter().enumerate() {
        if state
            .cell
            .as_ref()
            .is_some_and(|c| !c.holds(store, p, state.by))
        {
            continue;
        }
        for &t in &p.tags {
            let in_cell = state.cell.as_ref().is_none_or(|c| c.has(store, t));
            if let Some(&g) = at.get(t).filter(|_| in_cell) {
                groups[g].passages.push(n);
            }
        }
    }
    groups.retain(|g| !g.passages.is_empty());
    groups
}

/// The passages, grouped by tag (or those of one matrix cell); only the lines in view
/// are laid out, so a list of thousands scrolls smoothly.
fn passage_list(ui: &mut egui::Ui, cx: &Cx, state: &mut State, out: &mut Vec<Command>) {
    if let Some(cell) = &state.cell {
        let mut all = false;
        ui.horizontal(|ui| {
            let with = if cell.tags.len() > 1 {
                " (with its sub-tags)"
            } else {
                ""
            };
            let (name, value) = (&cell.name, &cell.value);
            ui.label(format!("Passages coded “{name}”{with} about {value}"));
            all = ui.small_button("Show all").clicked();
        });
        if all {
            state.cell = None;
        }
    }
    let made_for = state.key.map(|k| (k, state.cell.clone()));
    if state.groups_for != made_for {
        state.groups = groups(cx, state);
        state.groups_for = made_for;
    }
    let mut lines = Vec::new();
    for (g, group) in state.groups.iter().enumerate() {
        lines.push(Line::Heading(g));
        if !state.folded.contains(&group.tag) {
            lines.extend(group.passages.iter().map(|&n| Line::Passage(n)));
        }
    }
    let row = ui.spacing().interact_size.y * 2.0;
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .show_rows(ui, row, lines.len(), |ui, range| {
            for line in &lines[range] {
                ui.allocate_ui(egui::vec2(ui.available_width(), row), |ui| {
                    ui.set_min_height(row);
                    match line {
                        Line::Heading(g) => {
                            // Down against its first passage, the space above it.
                            ui.add_space(row - ui.spacing().interact_size.y);
                            heading(ui, &state.groups[*g], &mut state.folded);
                        }
                        Line::Passage(n) => passage_row(ui, cx, &state.passages[*n], out),
                    }
                });
            }
        });
}

/// A tag's heading in the passages list: its path and count, a click folds its passages.
fn heading(ui: &mut egui::Ui, group: &Group, folded: &mut BTreeSet<String>) {
    let open = !folded.contains(&group.tag);
    let label = format!("{} ({})", group.path, group.passages.len());
    let clicked = ui
        .horizontal(|ui| {
            let arrow = arrow(ui, open, if open { "Fold" } else { "Unfold" });
            let text = egui::Button::new(egui::RichText::new(label).strong()).frame(false);
            arrow.clicked() || ui.add(text).clicked()
        })
        .inner;
    if clicked {
        if open {
            folded.insert(group.tag.clone());
        } else {
            folded.remove(&group.tag);
        }
    }
}

fn passage_row(ui: &mut egui::Ui, cx: &Cx, p: &Passage, out: &mut Vec<Command>) {
    let meta = &cx.ws.corpus().articles[p.article].meta;
    let people: Vec<String> = p
        .meetings()
        .flat_map(|m| m.counterparts.iter().map(|c| c.label()))
        .collect();
    let label = format!("“{}”", text::shorten(p.quote(cx.ws), 90));
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
    ui.add(egui::Label::new(egui::RichText::new(facts).weak()).truncate());
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
    let most = m.totals.iter().flatten().copied().max().unwrap_or(0).max(1);
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
                for i in shown_rows(&m, &state.collapsed) {
                    let (id, path, depth) = &m.rows[i];
                    let folded = state.collapsed.contains(id);
                    ui.horizontal(|ui| {
                        ui.add_space(16.0 * *depth as f32);
                        fold_button(ui, &m, i, &mut state.collapsed);
                        ui.label(path.rsplit(" / ").next().unwrap_or(path));
                    });
                    let cells = if folded { &m.totals[i] } else { &m.cells[i] };
                    for (c, n) in cells.iter().enumerate() {
                        if shaded_cell(ui, *n, most).clicked() && *n > 0 {
                            clicked = Some(Cell {
                                name: path.clone(),
                                tags: if folded {
                                    m.with_sub_tags(i)
                                } else {
                                    vec![id.clone()]
                                },
                                value: m.columns[c].clone(),
                            });
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

/// The rows of `m` not folded into a parent, in order.
fn shown_rows(m: &Matrix, collapsed: &BTreeSet<String>) -> Vec<usize> {
    let mut folded_at: Option<usize> = None;
    let mut out = Vec::new();
    for (i, (id, _, depth)) in m.rows.iter().enumerate() {
        if folded_at.is_some_and(|d| *depth > d) {
            continue;
        }
        folded_at = collapsed.contains(id).then_some(*depth);
        out.push(i);
    }
    out
}

/// The arrow before a row with sub-tags, folding them into it (its cells then count
/// them) or showing them in rows of their own.
fn fold_button(ui: &mut egui::Ui, m: &Matrix, i: usize, collapsed: &mut BTreeSet<String>) {
    let id = &m.rows[i].0;
    if !m.has_sub_tags(i) {
        ui.add_space(ui.spacing().icon_width);
        return;
    }
    let folded = collapsed.contains(id);
    let (label, hint) = if folded {
        ("Unfold", "Show its sub-tags in rows of their own")
    } else {
        ("Fold", "Fold its sub-tags into this row")
    };
    if arrow(ui, !folded, label).on_hover_text(hint).clicked() {
        if folded {
            collapsed.remove(id);
        } else {
            collapsed.insert(id.clone());
        }
    }
}

/// A clickable arrow pointing down when `open`, right when not, named `label` for
/// assistive technology.
fn arrow(ui: &mut egui::Ui, open: bool, label: &str) -> egui::Response {
    let size = egui::Vec2::splat(ui.spacing().icon_width);
    let response = ui.allocate_response(size, egui::Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
    egui::collapsing_header::paint_default_icon(ui, if open { 1.0 } else { 0.0 }, &response);
    response
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
