//! Tag colours as painted: a tag's `#rrggbb` behind text, light enough to read through in
//! the light theme and dimmed in the dark one.

use egui::Color32;

/// The tag's own colour, or a neutral yellow if the sidecar holds something else.
pub fn tag_strong(hex: &str) -> Color32 {
    Color32::from_hex(hex).unwrap_or(Color32::from_rgb(0xf4, 0xd0, 0x3f))
}

/// The text colour over a tag's fill: near black in the light theme, near white in the
/// dark one (the themes' own text greys are too soft over colour).
pub fn highlight_text(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(240)
    } else {
        Color32::from_gray(20)
    }
}

/// The least contrast between [`highlight_text`] and any [`tag_fill`] (WCAG AA for body
/// text is 4.5:1; a little margin for rounding).
pub const MIN_CONTRAST: f32 = 4.6;

/// The colour to paint behind highlighted text: the tag's colour softened toward the
/// theme's background (a pastel in the light theme, a deep shade in the dark one), then
/// lightened or darkened further until [`highlight_text`] reads on it at
/// [`MIN_CONTRAST`] or better, whatever colour the analyst chose. Opaque, so what lies
/// below does not change it.
pub fn tag_fill(hex: &str, dark: bool) -> Color32 {
    let c = tag_strong(hex);
    let text = highlight_text(dark);
    let (toward, mut fill) = if dark {
        (Color32::BLACK, mix(c, Color32::from_gray(27), 0.45))
    } else {
        (Color32::WHITE, mix(c, Color32::WHITE, 0.45))
    };
    for _ in 0..40 {
        if contrast(text, fill) >= MIN_CONTRAST {
            break;
        }
        fill = mix(fill, toward, 0.1);
    }
    fill
}

/// `a` moved a fraction `t` of the way to `b`.
fn mix(a: Color32, b: Color32, t: f32) -> Color32 {
    let m = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    Color32::from_rgb(m(a.r(), b.r()), m(a.g(), b.g()), m(a.b(), b.b()))
}

/// WCAG 2 relative luminance of an opaque colour.
fn luminance(c: Color32) -> f32 {
    let channel = |v: u8| {
        let v = f32::from(v) / 255.0;
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
}

/// WCAG 2 contrast ratio of two opaque colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// A button in a tag's colour, its label in [`highlight_text`] so it reads.
pub fn tag_button<'a>(label: impl Into<String>, hex: &str, dark: bool) -> egui::Button<'a> {
    let text = egui::RichText::new(label.into()).color(highlight_text(dark));
    egui::Button::new(text).fill(tag_fill(hex, dark))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wcag_contrast_matches_known_pairs() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        // #767676 on white is the classic 4.54:1 grey.
        let grey = Color32::from_gray(0x76);
        assert!((contrast(grey, Color32::WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn text_over_every_palette_colour_passes_aa_in_both_themes() {
        let palette = crate::annotations::palette::palette()
            .iter()
            .map(|s| (*s).to_owned());
        // The generated colours after the palette, and the extremes an analyst may pick.
        let extra = [
            "#000000", "#ffffff", "#ffff00", "#0000ff", "#ff0000", "#00ff00", "#808080",
        ];
        let mut all: Vec<String> = palette.collect();
        all.extend(extra.iter().map(|s| (*s).to_owned()));
        let taken: Vec<String> = all.clone();
        for _ in 0..12 {
            let refs: Vec<&str> = taken.iter().map(String::as_str).collect();
            all.push(crate::annotations::palette::next_colour(&refs));
        }
        for hex in &all {
            for dark in [false, true] {
                let ratio = contrast(highlight_text(dark), tag_fill(hex, dark));
                assert!(ratio >= 4.5, "{hex} (dark: {dark}): {ratio:.2}:1");
            }
        }
    }

    #[test]
    fn fills_keep_their_hue_apart() {
        // Softened, the palette's colours still differ from one another.
        let p = crate::annotations::palette::palette();
        for dark in [false, true] {
            let fills: Vec<Color32> = p.iter().map(|h| tag_fill(h, dark)).collect();
            for (i, a) in fills.iter().enumerate() {
                for b in &fills[i + 1..] {
                    assert_ne!(a, b, "two palette colours paint alike (dark: {dark})");
                }
            }
        }
    }
}
