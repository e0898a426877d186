//! Tag colours as painted: a tag's `#rrggbb` behind text, light enough to read through in
//! the light theme and dimmed in the dark one.

use egui::Color32;

/// The tag's own colour, or a neutral yellow if the sidecar holds something else.
pub fn tag_strong(hex: &str) -> Color32 {
    Color32::from_hex(hex).unwrap_or(Color32::from_rgb(0xf4, 0xd0, 0x3f))
}

/// The colour to paint behind highlighted text.
pub fn tag_fill(hex: &str, dark: bool) -> Color32 {
    let c = tag_strong(hex);
    if dark {
        Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), 90)
    } else {
        Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), 150)
    }
}

/// `#rrggbb` of a colour.
pub fn to_hex(c: Color32) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r(), c.g(), c.b())
}

/// Behind a find match: orange, the current one stronger, so matches stand out from
/// highlights (which are paler and in tag colours).
pub fn find_fill(current: bool, dark: bool) -> Color32 {
    match (current, dark) {
        (true, false) => Color32::from_rgb(0xff, 0x96, 0x32),
        (false, false) => Color32::from_rgb(0xff, 0xd2, 0x8c),
        (true, true) => Color32::from_rgb(0xc8, 0x5a, 0x00),
        (false, true) => Color32::from_rgb(0x78, 0x46, 0x14),
    }
}
