//! Themes over time as a chart: passages per tag per period as lines, the reports per
//! period dashed, for scale. Dragging across it sets the timeline's date filter to the
//! periods dragged over; the timeline's dates are shaded on it.

use crate::analysis::tables::{Period, Trends};
use crate::ui::commands::{Command, Nav};
use crate::ui::focus::Cx;
use crate::ui::widgets::colours;

/// The chart's own state.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// Where the chart was drawn last (points), for saving it as a picture.
    pub rect: Option<egui::Rect>,
    /// The x where a drag started and where it is now.
    drag: Option<(f64, f64)>,
    /// How the chart was drawn last: chart values to screen points.
    transform: Option<egui_plot::PlotTransform>,
}

impl State {
    /// Where on the screen the chart last drew period `k` (its position in the
    /// trends' periods) at `value`.
    pub fn screen_pos(&self, k: usize, value: f64) -> Option<egui::Pos2> {
        let point = egui_plot::PlotPoint::new(k as f64, value);
        self.transform
            .as_ref()
            .map(|t| t.position_from_point(&point))
    }
}

pub fn show(
    ui: &mut egui::Ui,
    cx: &Cx,
    period: &mut Period,
    trends: Option<&Trends>,
    state: &mut State,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.label("Per:");
        ui.selectable_value(period, Period::Month, "month");
        ui.selectable_value(period, Period::Quarter, "quarter");
        ui.selectable_value(period, Period::Year, "year");
        ui.separator();
        ui.weak("Drag across the chart to show those dates in the timeline.");
    });
    let Some(t) = trends.filter(|t| !t.periods.is_empty()) else {
        ui.weak("No dated passages or reports.");
        state.rect = None;
        return;
    };
    if t.undated > 0 {
        let n = crate::text::count(t.undated, "passage", "passages");
        ui.weak(format!("{n} with no date, not on the chart."));
    }
    let shaded = shaded(cx, t, state);
    let store = cx.ws.store();
    let strong: Vec<Option<egui::Color32>> = (t.tags.iter())
        .map(|(id, _)| store.tag(id).map(|tag| colours::tag_strong(&tag.colour)))
        .collect();
    // The picture takes the axes too: the scope's rectangle, not the plot's frame.
    let drawn = ui.scope(|ui| plot(ui, t, &strong, shaded));
    state.rect = Some(drawn.response.rect);
    let response = drawn.inner;
    state.transform = Some(response.transform);
    let pointer = response.response.interact_pointer_pos();
    let x = pointer.map(|p| response.transform.value_from_position(p).x);
    if let (true, Some(x)) = (response.response.drag_started(), x) {
        state.drag = Some((x, x));
    } else if let (Some(drag), Some(x)) = (&mut state.drag, x) {
        drag.1 = x;
    }
    if response.response.drag_stopped()
        && let Some((a, b)) = state.drag.take()
    {
        let at = |x: f64| x.round().max(0.0) as usize;
        if let Some((from, to)) = t.days(at(a), at(b)) {
            let mut query = cx.focus.query.clone();
            query.from = Some(from);
            query.to = Some(to);
            out.push(Command::Nav(Nav::SetQuery(Box::new(query))));
        }
    }
}

/// The x range to shade: the periods being dragged over, else the timeline's dates.
fn shaded(cx: &Cx, t: &Trends, state: &State) -> Option<(f64, f64)> {
    if let Some((a, b)) = state.drag {
        return Some((a.min(b).round() - 0.5, a.max(b).round() + 0.5));
    }
    let q = &cx.focus.query;
    if q.from.is_none() && q.to.is_none() {
        return None;
    }
    let last = t.periods.len() as f64 - 0.5;
    let from = q.from.map_or(-0.5, |d| t.position(d) as f64 - 0.5);
    let to = q.to.map_or(last, |d| t.position(d) as f64 + 0.5);
    Some((from.max(-0.5), to.min(last)))
}

/// Draw the chart, with the x range `shaded`.
fn plot(
    ui: &mut egui::Ui,
    t: &Trends,
    colours: &[Option<egui::Color32>],
    shaded: Option<(f64, f64)>,
) -> egui_plot::PlotResponse<()> {
    let labels: Vec<String> = t.periods.iter().map(|p| p.0.clone()).collect();
    let x_label = move |mark: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>| {
        let i = mark.value.round();
        let exact = (mark.value - i).abs() < 1e-6 && i >= 0.0;
        labels
            .get(i as usize)
            .filter(|_| exact)
            .cloned()
            .unwrap_or_default()
    };
    let fill = ui.visuals().selection.bg_fill.gamma_multiply(0.35);
    egui_plot::Plot::new("themes-trends")
        .legend(egui_plot::Legend::default())
        .x_axis_formatter(x_label)
        .allow_scroll(false)
        .allow_drag(false)
        .height(ui.available_height().max(200.0))
        .show(ui, |plot| {
            if let Some((a, b)) = shaded {
                plot.span(egui_plot::Span::new("", a..=b).fill(fill));
            }
            // The reports (`None`) or tag `k`'s passages, per period.
            let points = |k: Option<usize>| -> Vec<[f64; 2]> {
                (t.periods.iter().enumerate())
                    .map(|(i, (_, reports, counts))| {
                        [i as f64, k.map_or(*reports, |k| counts[k]) as f64]
                    })
                    .collect()
            };
            let grey = plot.ctx().global_style().visuals.weak_text_color();
            let reports = egui_plot::Line::new("reports", points(None))
                .color(grey)
                .style(egui_plot::LineStyle::dashed_loose());
            plot.line(reports);
            plot.points(egui_plot::Points::new("reports", points(None)).color(grey));
            for (k, (_, path)) in t.tags.iter().enumerate() {
                let mut line = egui_plot::Line::new(path.clone(), points(Some(k))).width(2.0);
                // Dots too, so a single period shows.
                let mut dots = egui_plot::Points::new(path.clone(), points(Some(k))).radius(3.0);
                if let Some(Some(c)) = colours.get(k) {
                    (line, dots) = (line.color(*c), dots.color(*c));
                }
                plot.line(line);
                plot.points(dots);
            }
        })
}
