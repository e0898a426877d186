//! Tag colours: a fixed palette of distinct colours, and the choice of the next one for a
//! new tag as the colour farthest from every colour already in the codebook.
//!
//! The palette is **Tableau 20** (Tableau Software's categorical palette of Tableau 10,
//! 2016; the values as ggthemes and matplotlib carry them) without its two greys, which
//! read as "disabled". Its colours sit between CIE L* 50 and 84: light enough to read
//! black text through as a highlight, strong enough to tell apart as swatches.
//!
//! Distances are CIE76 ΔE (Euclidean in CIE L\*a\*b\*, sRGB with a D65 white). The
//! palette's own closest pair is ΔE 13.8 apart; a new colour is never closer than
//! [`MIN_DISTANCE`] to an existing one while the palette or, after it, the generated
//! colours (hue rotations in L\*C\*h at readable lightness) still offer one.

/// The palette, in the order new tags take colours when nothing else decides.
const PALETTE: &[&str] = &[
    "#f1ce63", "#4e79a7", "#a0cbe8", "#f28e2b", "#ffbe7d", "#59a14f", "#8cd17d", "#b6992d",
    "#499894", "#86bcb6", "#e15759", "#ff9d9a", "#d37295", "#fabfd2", "#b07aa1", "#d4a6c8",
    "#9d7660", "#d7b5a6",
];

/// ΔE below which two colours are near copies of each other.
pub const MIN_DISTANCE: f32 = 12.0;

/// The palette's colours as `#rrggbb`, for swatches.
pub fn palette() -> &'static [&'static str] {
    PALETTE
}

/// The CIE76 ΔE between two `#rrggbb` colours (any case), or `None` if either is not one.
pub fn distance(a: &str, b: &str) -> Option<f32> {
    Some(delta_e(lab(parse(a)?), lab(parse(b)?)))
}

/// A colour for a new tag, as `#rrggbb`: the palette colour farthest from all of
/// `existing` (malformed entries are ignored), or once every palette colour has a near
/// copy in `existing`, the farthest generated colour.
pub fn next_colour(existing: &[&str]) -> String {
    let taken: Vec<Lab> = existing.iter().filter_map(|s| parse(s)).map(lab).collect();
    let (best, gap) = farthest(PALETTE.iter().map(|s| (*s).to_owned()), &taken);
    if gap >= MIN_DISTANCE {
        return best;
    }
    farthest(generated(), &taken).0
}

/// Of `candidates`, the first farthest from every colour of `taken`, and that distance
/// (infinite when `taken` is empty).
fn farthest(candidates: impl Iterator<Item = String>, taken: &[Lab]) -> (String, f32) {
    let mut best = (PALETTE[0].to_owned(), f32::NEG_INFINITY);
    for c in candidates {
        let Some(rgb) = parse(&c) else { continue };
        let here = lab(rgb);
        let gap = taken
            .iter()
            .map(|t| delta_e(here, *t))
            .fold(f32::INFINITY, f32::min);
        if gap > best.1 {
            best = (c, gap);
        }
    }
    best
}

/// Colours beyond the palette: hues every 15° at three lightnesses and chromas, those
/// sRGB can show.
fn generated() -> impl Iterator<Item = String> {
    const LIGHTNESS: [f32; 3] = [60.0, 70.0, 80.0];
    const CHROMA: [f32; 3] = [30.0, 45.0, 60.0];
    LIGHTNESS.into_iter().flat_map(|l| {
        CHROMA.into_iter().flat_map(move |c| {
            (0..24).filter_map(move |step| {
                let h = (step as f32 * 15.0).to_radians();
                to_hex(Lab {
                    l,
                    a: c * h.cos(),
                    b: c * h.sin(),
                })
            })
        })
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Lab {
    l: f32,
    a: f32,
    b: f32,
}

/// `#rrggbb` (any case) as three bytes.
fn parse(s: &str) -> Option<[u8; 3]> {
    let hex = s.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn delta_e(x: Lab, y: Lab) -> f32 {
    ((x.l - y.l).powi(2) + (x.a - y.a).powi(2) + (x.b - y.b).powi(2)).sqrt()
}

/// D65 reference white.
const WHITE: [f32; 3] = [0.950_47, 1.0, 1.088_83];
const EPSILON: f32 = 6.0 / 29.0;

fn lab(rgb: [u8; 3]) -> Lab {
    let [r, g, b] = rgb.map(|c| to_linear(f32::from(c) / 255.0));
    let xyz = [
        0.4124 * r + 0.3576 * g + 0.1805 * b,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        0.0193 * r + 0.1192 * g + 0.9505 * b,
    ];
    let f = |t: f32| {
        if t > EPSILON.powi(3) {
            t.cbrt()
        } else {
            t / (3.0 * EPSILON * EPSILON) + 4.0 / 29.0
        }
    };
    let [fx, fy, fz] = [0, 1, 2].map(|i| f(xyz[i] / WHITE[i]));
    Lab {
        l: 116.0 * fy - 16.0,
        a: 500.0 * (fx - fy),
        b: 200.0 * (fy - fz),
    }
}

/// A Lab colour as `#rrggbb`, or `None` outside the sRGB gamut.
fn to_hex(c: Lab) -> Option<String> {
    let fy = (c.l + 16.0) / 116.0;
    let inv = |t: f32| {
        if t > EPSILON {
            t.powi(3)
        } else {
            3.0 * EPSILON * EPSILON * (t - 4.0 / 29.0)
        }
    };
    let [x, y, z] = [
        inv(fy + c.a / 500.0) * WHITE[0],
        inv(fy) * WHITE[1],
        inv(fy - c.b / 200.0) * WHITE[2],
    ];
    let linear = [
        3.2406 * x - 1.5372 * y - 0.4986 * z,
        -0.9689 * x + 1.8758 * y + 0.0415 * z,
        0.0557 * x - 0.2040 * y + 1.0570 * z,
    ];
    if linear.iter().any(|v| !(-0.0005..=1.0005).contains(v)) {
        return None;
    }
    let [r, g, b] = linear.map(|v| (from_linear(v.clamp(0.0, 1.0)) * 255.0).round() as u8);
    Some(format!("#{r:02x}{g:02x}{b:02x}"))
}

fn to_linear(c: f32) -> f32 {
    if c <= 0.040_45 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn from_linear(c: f32) -> f32 {
    if c <= 0.003_130_8 {
        c * 12.92
    } else {
        1.055 * c.powf(1.0 / 2.4) - 0.055
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The closest two of `colours`, and their ΔE.
    fn closest_pair(colours: &[String]) -> (f32, String, String) {
        let mut best = (f32::INFINITY, String::new(), String::new());
        for (i, a) in colours.iter().enumerate() {
            for b in &colours[i + 1..] {
                let d = distance(a, b).expect("generated colours parse");
                if d < best.0 {
                    best = (d, a.clone(), b.clone());
                }
            }
        }
        best
    }

    #[test]
    fn distances_match_hand_worked_lab_values() {
        // White is L*100 a*0 b*0 and black L*0: ΔE 100. Pure sRGB red is L*53.24
        // a*80.09 b*67.20 (the textbook value), so from white it is
        // sqrt(46.76² + 80.09² + 67.20²) = 114.53.
        let white_black = distance("#ffffff", "#000000").expect("valid");
        assert!((white_black - 100.0).abs() < 0.05, "{white_black}");
        let white_red = distance("#FFFFFF", "#ff0000").expect("valid");
        assert!((white_red - 114.53).abs() < 0.1, "{white_red}");
        assert_eq!(distance("#4e79a7", "#4E79A7"), Some(0.0));
        assert_eq!(distance("#4e79a7", "4e79a7"), None);
        assert_eq!(distance("#12345", "#123456"), None);
        assert_eq!(distance("#12345g", "#123456"), None);
        assert_eq!(distance("#ééé", "#123456"), None);
    }

    #[test]
    fn the_palette_is_distinct_and_readable() {
        let colours: Vec<String> = palette().iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(colours.len(), 18);
        let (d, a, b) = closest_pair(&colours);
        assert!(d >= 13.5, "{a} and {b} are only ΔE {d} apart");
        for c in palette() {
            let l = lab(parse(c).expect("palette colours parse")).l;
            assert!((45.0..=90.0).contains(&l), "{c} has L* {l}");
        }
    }

    #[test]
    fn thirty_new_tags_in_a_row_are_all_at_least_min_distance_apart() {
        let mut made: Vec<String> = Vec::new();
        for _ in 0..30 {
            let refs: Vec<&str> = made.iter().map(String::as_str).collect();
            made.push(next_colour(&refs));
        }
        assert_eq!(made[0], "#f1ce63", "an empty codebook starts with yellow");
        let (d, a, b) = closest_pair(&made);
        assert!(d >= MIN_DISTANCE, "{a} and {b} are only ΔE {d} apart");
        let mut firsts: Vec<&str> = made[..18].iter().map(String::as_str).collect();
        firsts.sort_unstable();
        let mut all = palette().to_vec();
        all.sort_unstable();
        assert_eq!(firsts, all, "the palette is used up before anything else");
    }

    #[test]
    fn a_hand_picked_palette_colour_is_not_handed_out_again() {
        // The analyst took the palette's blue and a near copy of its red by hand.
        let next = next_colour(&["#4E79A7", "#e05a5a"]);
        for taken in ["#4e79a7", "#e15759"] {
            let d = distance(&next, taken).expect("valid");
            assert!(d >= MIN_DISTANCE, "{next} is ΔE {d} from {taken}");
        }
        assert!(palette().contains(&next.as_str()));
    }

    #[test]
    fn malformed_colours_are_ignored() {
        let next = next_colour(&["", "red", "#zzzzzz", "#1234567", "#f1ce6", "#f1ce63"]);
        assert_ne!(next, "#f1ce63", "the one valid colour is still avoided");
        assert_eq!(next_colour(&["nonsense"]), "#f1ce63");
    }

    #[test]
    fn lab_round_trips_through_hex() {
        for c in palette() {
            let back = to_hex(lab(parse(c).expect("valid"))).expect("in gamut");
            assert_eq!(&back, c);
        }
        assert_eq!(
            to_hex(Lab {
                l: 50.0,
                a: 120.0,
                b: 0.0
            }),
            None,
            "far outside sRGB"
        );
    }
}
