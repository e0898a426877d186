//! How the three panels share the window. Side panels keep the width the analyst gave
//! them: their content is drawn in a child that cannot widen the panel (a wide label is
//! clipped instead of pushing the divider out frame after frame), their limits follow
//! the window (so zooming in never crushes the reader), and the reader's text starts
//! well clear of the divider's grab zone.

/// Side panel sizes for a window `width` points wide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Widths {
    pub left_default: f32,
    pub left_min: f32,
    pub left_max: f32,
    pub right_default: f32,
    pub right_min: f32,
    pub right_max: f32,
}

/// The reader never gets less than this share of the window.
const READER_SHARE: f32 = 0.34;

impl Widths {
    pub fn for_window(width: f32) -> Widths {
        let width = width.max(1.0);
        let left_max = (width * 0.4).max(120.0);
        let right_max = (width * (1.0 - READER_SHARE) - left_max).max(width * 0.22);
        let left_min = 280.0_f32.min(width * 0.25);
        let right_min = 220.0_f32.min(width * 0.2);
        Widths {
            left_default: 420.0_f32.clamp(left_min, left_max),
            left_min,
            left_max,
            right_default: 300.0_f32.clamp(right_min, right_max),
            right_min,
            right_max,
        }
    }
}

/// Draw `add` into the panel's current width without letting it widen the panel.
pub fn contained<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let rect = ui.max_rect();
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    child.shrink_clip_rect(rect);
    let out = add(&mut child);
    // Take up the panel's full rect (no more): the panel's size stays its own.
    ui.allocate_rect(rect, egui::Sense::hover());
    out
}

/// The reader's frame: the central panel's, with room on the left and right so that a
/// selection started just before the first letter does not grab a divider.
pub fn reader_frame(style: &egui::Style) -> egui::Frame {
    egui::Frame::central_panel(style).inner_margin(egui::Margin {
        left: 18,
        right: 14,
        top: 8,
        bottom: 8,
    })
}

/// The side panels' widths: as last drawn, and as the analyst chose them (by dragging),
/// kept through zooms.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct PanelWidths {
    /// As last drawn (left, right), in points.
    pub shown: Option<(f32, f32)>,
    /// As the analyst last left them.
    pub chosen: Option<(f32, f32)>,
}

/// Record the side panels' widths as drawn (tests read them); with
/// `DOSSIER_LOG_PANELS` set, each change is also printed on stderr, so a scripted session
/// in the real window can check that the widths only change when the analyst drags.
pub fn note_widths(remembered: &mut PanelWidths, left: f32, right: f32, dragging: bool) {
    let widths = (left.round(), right.round());
    if remembered.shown != Some(widths) && std::env::var_os("DOSSIER_LOG_PANELS").is_some() {
        eprintln!("dossier: panels {} {}", widths.0, widths.1);
    }
    // The widths the analyst chose: the first ones, then whatever a drag leaves.
    if remembered.chosen.is_none() || (dragging && remembered.shown != Some(widths)) {
        remembered.chosen = Some(widths);
    }
    remembered.shown = Some(widths);
}

/// The widths to force this frame, if any: the analyst's chosen ones, once the window
/// has room for them again (a zoom or a smaller window narrowed a panel meanwhile).
pub fn wanted(
    remembered: &PanelWidths,
    limits: &Widths,
    dragging: bool,
) -> (Option<f32>, Option<f32>) {
    let (Some(now), Some(chosen)) = (remembered.shown, remembered.chosen) else {
        return (None, None);
    };
    if dragging {
        return (None, None);
    }
    let fit = |w: f32, min: f32, max: f32| w.clamp(min, max).round();
    let left = fit(chosen.0, limits.left_min, limits.left_max);
    let right = fit(chosen.1, limits.right_min, limits.right_max);
    (
        (left != now.0).then_some(left),
        (right != now.1).then_some(right),
    )
}

/// App-wide style: a narrow grab zone on dividers.
pub fn style(ctx: &egui::Context) {
    ctx.all_styles_mut(|s| {
        s.interaction.resize_grab_radius_side = 3.0;
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_keeps_a_third_of_any_window() {
        for width in [400.0, 640.0, 853.0, 1280.0, 2560.0] {
            let w = Widths::for_window(width);
            let reader = width - w.left_max - w.right_max;
            assert!(reader >= width * 0.33, "{width}: reader {reader}");
            assert!(w.left_min <= w.left_default && w.left_default <= w.left_max);
            assert!(w.right_min <= w.right_default && w.right_default <= w.right_max);
        }
        let w = Widths::for_window(1280.0);
        assert_eq!((w.left_default, w.right_default), (420.0, 300.0));
    }
}
