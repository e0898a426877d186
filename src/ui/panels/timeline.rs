//! The left panel's timeline: the filter bar, a density strip of meetings per month under
//! the filter (drag on it to set a date range), and the events grouped by year and
//! month, undated events last; under the chosen event, each of its reports. Only the
//! visible lines are built.

use crate::calendar::{month_from_index, month_index, month_start};
use crate::filter::{EventRow, Query};
use crate::meetings::{Kind, describe};
use crate::text;
use crate::ui::commands::{Command, Nav};
use crate::ui::focus::Cx;
use crate::ui::widgets::rows::two_line_row;
use egui::{Rect, Sense, Vec2, pos2};
use jiff::civil::Date;
use std::collections::BTreeSet;
use std::sync::Arc;

const ROW_HEIGHT: f32 = 40.0;
/// A report of the chosen event, listed under it.
const REPORT_HEIGHT: f32 = 24.0;

/// One line of the timeline: a month heading, an event, or (under the chosen event,
/// when several reports tell of it) one of its reports.
pub enum Line {
    Heading(String),
    Event(usize),
    Report(usize, usize),
}

/// The panel's own state: its lines, rebuilt only when the filter's answers or the
/// chosen event change (the rows are the answers'; a change of the data reaches them
/// only through new answers); and a request to focus the filter field.
#[derive(Default)]
pub struct State {
    key: Option<(usize, Option<usize>)>,
    lines: Vec<Line>,
    /// Put the keyboard in the filter field on the next frame (Ctrl+K).
    pub focus_filter: bool,
}

impl State {
    fn refresh(&mut self, cx: &Cx) {
        let key = (cx.shown.generation, cx.focus.selected_row);
        if self.key != Some(key) {
            self.lines = lines(&cx.shown.filtered.rows, cx.focus.selected_row);
            self.key = Some(key);
        }
    }
}

/// The date strip and the timeline (the filter bar is drawn above the tabs).
pub fn show(ui: &mut egui::Ui, cx: &Cx, state: &mut State, out: &mut Vec<Command>) {
    state.refresh(cx);
    let mut query = cx.focus.query.clone();
    density_strip(ui, cx, &mut query);
    if query != cx.focus.query {
        out.push(Command::Nav(Nav::SetQuery(Box::new(query))));
    }
    ui.separator();
    show_lines(ui, cx, &state.lines, out);
}

fn show_lines(ui: &mut egui::Ui, cx: &Cx, lines: &[Line], out: &mut Vec<Command>) {
    if lines.is_empty() {
        ui.weak(if cx.focus.query.is_empty() {
            "No meetings found in these reports: see the Reports tab."
        } else {
            "No meetings match the filter."
        });
        return;
    }
    let selected = cx.focus.selected_row;
    let heights: Vec<f32> = lines.iter().map(line_height).collect();
    let scroll_to = cx.focus.scroll_to_mark;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let total: f32 = heights.iter().sum();
            ui.set_height(total);
            // The heading that sticks is drawn once, on top, not also in its place.
            let sticky = sticky_heading(lines, &heights, viewport.min.y);
            let mut y = 0.0;
            for (n, (line, h)) in lines.iter().zip(&heights).enumerate() {
                let top = y;
                y += h;
                if sticky.as_ref().is_some_and(|s| s.line == n) {
                    continue;
                }
                let wanted = scroll_to && matches!(line, Line::Event(i) if selected == Some(*i));
                if (y < viewport.min.y || top > viewport.max.y) && !wanted {
                    continue;
                }
                let rect = Rect::from_min_size(
                    ui.max_rect().min + Vec2::new(0.0, top),
                    Vec2::new(ui.available_width(), *h),
                );
                let mut line_ui = ui.new_child(egui::UiBuilder::new().max_rect(rect));
                draw_line(&mut line_ui, cx, line, out);
            }
            if let Some(sticky) = sticky {
                let origin = ui.max_rect().min;
                month_bar(ui, lines, &sticky, origin, out);
            }
        });
}

/// The month heading kept at the top of the timeline while it scrolls.
#[derive(Debug, PartialEq)]
pub struct Sticky {
    /// Index in the lines of the heading shown.
    pub line: usize,
    /// Where it is drawn (content y): the viewport's top, or higher when the next
    /// month's heading pushes it out.
    pub top: f32,
}

/// Which heading sticks for a viewport whose top is at `top` (content y), given each
/// line's height: the last heading at or above it, pushed up by the next one.
pub fn sticky_heading(lines: &[Line], heights: &[f32], top: f32) -> Option<Sticky> {
    let mut y = 0.0;
    let mut current: Option<usize> = None;
    for (i, (line, h)) in lines.iter().zip(heights).enumerate() {
        if let Line::Heading(_) = line {
            // A heading at the top, or just below it (a scroll to it stops a few points
            // short), is the one that sticks.
            if y <= top + 8.0 {
                current = Some(i);
            } else {
                // The next heading: it pushes the sticky one up as it arrives.
                let line = current?;
                let height = heights[line];
                return Some(Sticky {
                    line,
                    top: top.min(y - height),
                });
            }
        }
        y += h;
    }
    current.map(|line| Sticky { line, top })
}

/// The sticky month heading, with buttons to the first event of the month before and
/// after (the wheel crosses a busy month slowly).
fn month_bar(
    ui: &mut egui::Ui,
    lines: &[Line],
    sticky: &Sticky,
    origin: egui::Pos2,
    out: &mut Vec<Command>,
) {
    let Line::Heading(label) = &lines[sticky.line] else {
        return;
    };
    let rect = Rect::from_min_size(
        origin + Vec2::new(0.0, sticky.top),
        Vec2::new(ui.available_width(), ROW_HEIGHT),
    );
    ui.painter().rect_filled(rect, 0.0, ui.visuals().panel_fill);
    // Take the pointer here, so a click on the bar does not reach a row beneath.
    ui.interact(rect, egui::Id::unique("dossier-month-bar"), Sense::click());
    let mut bar = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect.shrink2(Vec2::new(6.0, 0.0)))
            .layout(egui::Layout::left_to_right(egui::Align::Max)),
    );
    // Placed as the heading in the list is (at the foot of its row).
    bar.label(egui::RichText::new(label).strong().size(15.0));
    bar.with_layout(egui::Layout::right_to_left(egui::Align::Max), |ui| {
        // Right to left: › first, then ‹.
        for (arrow, back, hover) in [
            ("›", false, "The next month"),
            ("‹", true, "The month before"),
        ] {
            let target = first_event_of_month(lines, sticky.line, back);
            let button = egui::Button::new(arrow).small();
            let clicked = ui
                .add_enabled(target.is_some(), button)
                .on_hover_text(hover)
                .clicked();
            if let (true, Some(row)) = (clicked, target) {
                out.push(Command::Nav(Nav::JumpToMonth { row }));
            }
        }
    });
}

/// The first event of the month after (or before, `back`) the heading at line `at`.
pub fn first_event_of_month(lines: &[Line], at: usize, back: bool) -> Option<usize> {
    let is_heading = |i: &usize| matches!(lines[*i], Line::Heading(_));
    // The heading of the month wanted: the next one after `at`, or the one before it.
    let from = if back {
        (0..at).rev().find(is_heading)?
    } else {
        (at + 1..lines.len()).find(is_heading)?
    };
    lines[from..].iter().find_map(|l| match l {
        Line::Event(i) => Some(*i),
        _ => None,
    })
}

fn line_height(line: &Line) -> f32 {
    match line {
        Line::Report(..) => REPORT_HEIGHT,
        _ => ROW_HEIGHT,
    }
}

fn draw_line(ui: &mut egui::Ui, cx: &Cx, line: &Line, out: &mut Vec<Command>) {
    let (ws, focus, rows) = (cx.ws, cx.focus, &cx.shown.filtered.rows);
    let selected = focus.selected_row;
    match line {
        Line::Heading(h) => {
            let (rect, _) =
                ui.allocate_exact_size(Vec2::new(ui.available_width(), ROW_HEIGHT), Sense::hover());
            let mut heading = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(rect.shrink2(Vec2::new(6.0, 0.0)))
                    .layout(egui::Layout::left_to_right(egui::Align::Max)),
            );
            heading.label(egui::RichText::new(h).strong().size(15.0));
        }
        Line::Event(i) => {
            let r = event_row(ui, &rows[*i], selected == Some(*i));
            if selected == Some(*i) && focus.scroll_to_mark {
                if focus.month_jump {
                    // The month's heading (the line above) at the top, the event below it.
                    let with_heading = r.rect.with_min_y(r.rect.min.y - ROW_HEIGHT);
                    ui.scroll_to_rect(with_heading, Some(egui::Align::TOP));
                } else {
                    r.scroll_to_me(None);
                }
            }
            if r.clicked() {
                out.push(Command::Nav(Nav::OpenEvent { row: *i, report: 0 }));
            }
        }
        Line::Report(i, nth) => {
            let row = &rows[*i];
            let Some(report) = row.event.reports.get(*nth) else {
                return;
            };
            let Some(a) = ws.article_index(&report.article) else {
                return;
            };
            let article = &ws.corpus().articles[a];
            let source = article.meta.source.as_deref().unwrap_or("");
            let label = format!("      {} · {source}", article.meta.title);
            let open = focus.article == Some(a);
            let button = egui::Button::selectable(open, label)
                .truncate()
                .min_size(Vec2::new(ui.available_width(), REPORT_HEIGHT - 2.0));
            let r = ui
                .with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    ui.add(button)
                })
                .inner;
            if r.clicked() {
                out.push(Command::Nav(Nav::OpenEvent {
                    row: *i,
                    report: *nth,
                }));
            }
        }
    }
}

fn lines(rows: &[Arc<EventRow>], selected: Option<usize>) -> Vec<Line> {
    let mut out = Vec::with_capacity(rows.len() + rows.len() / 4);
    let mut last: Option<Option<(i16, i8)>> = None;
    for (i, row) in rows.iter().enumerate() {
        let month = row.date().map(|d| (d.year(), d.month()));
        if last != Some(month) {
            out.push(Line::Heading(match row.date() {
                Some(d) => month_heading(d),
                None => "Undated".to_owned(),
            }));
            last = Some(month);
        }
        out.push(Line::Event(i));
        if selected == Some(i) && row.event.reports.len() > 1 {
            out.extend((0..row.event.reports.len()).map(|nth| Line::Report(i, nth)));
        }
    }
    out
}

fn month_heading(d: Date) -> String {
    format!("{} {}", crate::calendar::month_name(d.month()), d.year())
}

/// One event: a clickable row of two lines.
fn event_row(ui: &mut egui::Ui, row: &EventRow, selected: bool) -> egui::Response {
    let (first, second) = describe::row(&row.summary, row.date(), row.event.reports.len());
    two_line_row(ui, &first, &second, selected, ROW_HEIGHT)
}

/// The filter: words (quotes for a phrase), the kind, country, leader and tag menus,
/// what they select, and the date range. Its height never changes with what is chosen,
/// so the date strip below it stays put while it is being dragged.
pub fn filter_bar(ui: &mut egui::Ui, cx: &Cx, state: &mut State, out: &mut Vec<Command>) {
    let mut query = cx.focus.query.clone();
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .add_enabled(!query.is_empty(), egui::Button::new("Clear all"))
                .clicked()
            {
                query = Query::default();
            }
            let edit = egui::TextEdit::singleline(&mut query.text)
                .hint_text("people, places, words, \"a phrase\"…  (Ctrl+K)")
                .desired_width(ui.available_width());
            let r = ui.add(edit).labelled_by(label.id);
            if std::mem::take(&mut state.focus_filter) {
                r.request_focus();
            }
        });
    });
    menus(ui, cx, &mut query);
    counts(ui, cx);
    date_range(ui, &mut query);
    if query != cx.focus.query {
        out.push(Command::Nav(Nav::SetQuery(Box::new(query))));
    }
}

/// The kind, country, leader and tag menus.
fn menus(ui: &mut egui::Ui, cx: &Cx, query: &mut Query) {
    let facets = cx.ws.facets();
    let store = cx.ws.store();
    ui.horizontal_wrapped(|ui| {
        let kinds: BTreeSet<Kind> = Kind::ALL.into_iter().collect();
        choose(ui, "Kind", &mut query.kinds, &kinds, |k| {
            k.label().to_owned()
        });
        choose(
            ui,
            "Country",
            &mut query.countries,
            &facets.countries,
            Clone::clone,
        );
        choose(
            ui,
            "Leader",
            &mut query.leaders,
            &facets.leaders,
            Clone::clone,
        );
        let tags: BTreeSet<String> = store.tags.iter().map(|t| t.id.clone()).collect();
        choose(ui, "Tag", &mut query.tags, &tags, |id| {
            store.tag(id).map_or(id.clone(), |t| t.name.clone())
        });
    });
}

/// What the filter selects, counted.
fn counts(ui: &mut egui::Ui, cx: &Cx) {
    let m = &cx.shown.filtered;
    // Reports with a meeting among all the filter selects (the Reports tab lists all).
    let reports = cx.shown.reports.len();
    let within = if m.articles == reports {
        text::count(reports, "report", "reports")
    } else {
        format!("{} of {reports} reports", m.articles)
    };
    ui.weak(format!(
        "{} · {} in {within}",
        text::count(m.rows.len(), "event", "events"),
        text::count(m.meetings, "meeting", "meetings"),
    ));
}

/// The date range chosen, and a button to drop it.
fn date_range(ui: &mut egui::Ui, query: &mut Query) {
    ui.horizontal_wrapped(|ui| {
        let any = query.from.is_none() && query.to.is_none();
        if any {
            ui.weak("Dates: any (drag across the strip to choose)");
        } else {
            let show = |d: Option<Date>| d.map_or("…".to_owned(), |d| d.to_string());
            ui.label(format!("Dates {} to {}", show(query.from), show(query.to)));
        }
        if ui
            .add_enabled(!any, egui::Button::new("Any date").small())
            .clicked()
        {
            query.from = None;
            query.to = None;
        }
    });
}

/// A menu of checkboxes choosing some of `options`.
fn choose<T: Ord + Clone>(
    ui: &mut egui::Ui,
    what: &str,
    chosen: &mut BTreeSet<T>,
    options: &BTreeSet<T>,
    label: impl Fn(&T) -> String,
) {
    let title = if chosen.is_empty() {
        format!("{what}…")
    } else {
        format!("{what} ({})…", chosen.len())
    };
    ui.menu_button(title, |ui| {
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                if options.is_empty() {
                    ui.weak("none");
                }
                for o in options {
                    let mut on = chosen.contains(o);
                    if ui.checkbox(&mut on, label(o)).changed() {
                        if on {
                            chosen.insert(o.clone());
                        } else {
                            chosen.remove(o);
                        }
                    }
                }
            });
    });
}

/// Meetings per month under the filter (its dates aside) as bars; dragging across it
/// sets the date range, from the month under the press to the month under the pointer.
fn density_strip(ui: &mut egui::Ui, cx: &Cx, query: &mut Query) {
    let months = &cx.shown.months;
    let (Some(first), Some(last)) = (months.first().copied(), months.last().copied()) else {
        ui.add_space(36.0);
        return;
    };
    let span = month_index(last.0) - month_index(first.0) + 1;
    let (rect, _) = ui.allocate_exact_size(Vec2::new(ui.available_width(), 36.0), Sense::hover());
    // A fixed id: the strip is the same widget whatever is drawn around it.
    let response = ui.interact(
        rect,
        egui::Id::unique("dossier-date-strip"),
        Sense::click_and_drag(),
    );
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Slider, true, "Meetings per month (date range)")
    });
    paint_strip(ui, query, months, rect, span);
    let slot = rect.width() / span as f32;
    let at = |x: f32| {
        let i = ((x - rect.left()) / slot)
            .floor()
            .clamp(0.0, (span - 1) as f32) as i32;
        month_from_index(month_index(first.0) + i)
    };
    if response.dragged()
        && let (Some(p), Some(start)) = (
            response.interact_pointer_pos(),
            ui.input(|i| i.pointer.press_origin()),
        )
        && let (Some(a), Some(b)) = (at(start.x.min(p.x)), at(start.x.max(p.x)))
    {
        query.from = Some(a);
        query.to = Some(b.last_of_month());
    }
    let hover = format!(
        "Meetings per month, {} to {}. Drag to choose a date range; double-click to clear.",
        first.0.strftime("%b %Y"),
        last.0.strftime("%b %Y")
    );
    let response = response.on_hover_text(hover);
    if response.double_clicked() {
        query.from = None;
        query.to = None;
    }
}

fn paint_strip(ui: &egui::Ui, query: &Query, months: &[(Date, usize)], rect: Rect, span: i32) {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return;
    };
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(rect, 3.0, visuals.extreme_bg_color);
    let max = months.iter().map(|m| m.1).max().unwrap_or(1).max(1) as f32;
    let slot = rect.width() / span as f32;
    let in_range =
        |d: Date| query.from.is_none_or(|f| d >= month_start(f)) && query.to.is_none_or(|t| d <= t);
    for (month, count) in months {
        let x = rect.left() + (month_index(*month) - month_index(first.0)) as f32 * slot;
        let h = (rect.height() - 6.0) * (*count as f32 / max);
        let colour = if in_range(*month) {
            visuals.selection.bg_fill
        } else {
            visuals.weak_text_color()
        };
        painter.rect_filled(
            Rect::from_min_max(
                pos2(x + slot * 0.1, rect.bottom() - 3.0 - h),
                pos2(x + slot * 0.9 + 0.5, rect.bottom() - 3.0),
            ),
            1.0,
            colour,
        );
    }
    let label_colour = visuals.weak_text_color();
    let font = egui::FontId::proportional(10.5);
    painter.text(
        rect.left_top() + Vec2::new(4.0, 2.0),
        egui::Align2::LEFT_TOP,
        first.0.strftime("%b %Y").to_string(),
        font.clone(),
        label_colour,
    );
    painter.text(
        rect.right_top() + Vec2::new(-4.0, 2.0),
        egui::Align2::RIGHT_TOP,
        last.0.strftime("%b %Y").to_string(),
        font,
        label_colour,
    );
}

#[cfg(test)]
mod sticky_tests {
    use super::*;

    fn sample() -> (Vec<Line>, Vec<f32>) {
        let lines = vec![
            Line::Heading("June 2021".into()),
            Line::Event(0),
            Line::Event(1),
            Line::Heading("July 2024".into()),
            Line::Event(2),
            Line::Heading("Undated".into()),
            Line::Event(3),
        ];
        let heights = lines.iter().map(line_height).collect();
        (lines, heights)
    }

    #[test]
    fn the_month_scrolled_into_sticks_and_the_next_pushes_it_up() {
        let (lines, h) = sample();
        // Rows are 40 high: June's heading at 0, July's at 120, Undated's at 200.
        assert_eq!(
            sticky_heading(&lines, &h, 0.0),
            Some(Sticky { line: 0, top: 0.0 })
        );
        assert_eq!(
            sticky_heading(&lines, &h, 60.0),
            Some(Sticky { line: 0, top: 60.0 })
        );
        // July's heading is 20 below the top: June's is pushed up to end where it starts.
        assert_eq!(
            sticky_heading(&lines, &h, 100.0),
            Some(Sticky { line: 0, top: 80.0 })
        );
        assert_eq!(
            sticky_heading(&lines, &h, 130.0),
            Some(Sticky {
                line: 3,
                top: 130.0
            })
        );
        assert_eq!(
            sticky_heading(&lines, &h, 500.0),
            Some(Sticky {
                line: 5,
                top: 500.0
            })
        );
    }

    #[test]
    fn month_buttons_go_to_the_first_event_of_the_next_and_previous_month() {
        let (lines, _) = sample();
        assert_eq!(first_event_of_month(&lines, 0, false), Some(2));
        assert_eq!(first_event_of_month(&lines, 3, false), Some(3));
        assert_eq!(first_event_of_month(&lines, 3, true), Some(0));
        assert_eq!(first_event_of_month(&lines, 0, true), None);
        assert_eq!(first_event_of_month(&lines, 5, false), None);
    }
}
