//! A list row of two lines (a title and its facts), shared by the timeline and the
//! reports list.

use egui::{Sense, Vec2};

/// A clickable row of two lines, painted so it can be left-aligned and truncated;
/// screen readers get both lines as its label.
pub fn two_line_row(
    ui: &mut egui::Ui,
    first: &str,
    second: &str,
    selected: bool,
    height: f32,
) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(
        Vec2::new(ui.available_width(), height - 2.0),
        Sense::click(),
    );
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::Button,
            true,
            selected,
            format!("{first}\n{second}"),
        )
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let visuals = ui.visuals();
    let fill = if selected {
        visuals.selection.bg_fill
    } else if response.hovered() {
        visuals.widgets.hovered.weak_bg_fill
    } else {
        egui::Color32::TRANSPARENT
    };
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, fill);
    let strong = if selected {
        visuals.selection.stroke.color
    } else {
        visuals.strong_text_color()
    };
    let weak = if selected {
        strong
    } else {
        visuals.weak_text_color()
    };
    let width = rect.width() - 12.0;
    let line = |text: &str, size: f32, colour: egui::Color32| {
        let mut job = egui::text::LayoutJob::single_section(
            text.to_owned(),
            egui::TextFormat::simple(egui::FontId::proportional(size), colour),
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(width);
        painter.layout_job(job)
    };
    let gap = (height - 34.0).max(0.0) / 2.0;
    painter.galley(
        rect.left_top() + Vec2::new(6.0, 1.0 + gap),
        line(first, 14.0, strong),
        strong,
    );
    painter.galley(
        rect.left_top() + Vec2::new(6.0, 19.0 + gap),
        line(second, 12.5, weak),
        weak,
    );
    response
}
