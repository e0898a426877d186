//! Themes over time as an SVG drawing, for a report or a slide: one line with dots per
//! tag (in the tag's colour), the reports per period dashed grey for scale, the periods
//! along the bottom, a count axis on the left and a legend on the right. The same
//! figures as the chart in the themes window; text escaped for XML.

use super::tables::Trends;
use quick_xml::escape::escape;
use std::fmt::Write;

const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 480.0;
/// The plot area: left, top, right, bottom edges.
const PLOT: (f64, f64, f64, f64) = (60.0, 30.0, 680.0, 420.0);
const GREY: &str = "#888888";
const FALLBACK: &str = "#4466aa";

/// `t` as an SVG document; `colours[k]` is tag `k`'s colour (`#rrggbb`; another value
/// is drawn in a neutral blue).
pub fn trends(t: &Trends, colours: &[String]) -> String {
    let mut out = String::new();
    // Taller when the legend needs it.
    let height = HEIGHT.max(PLOT.1 + 18.0 * (t.tags.len() + 1) as f64 + 20.0);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="{WIDTH}" height="{height}" fill="white"/>"#
    );
    let most = (t.periods.iter())
        .flat_map(|(_, reports, counts)| std::iter::once(reports).chain(counts))
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    axes(&mut out, t, most);
    let reports: Vec<usize> = t.periods.iter().map(|p| p.1).collect();
    series(&mut out, t, &reports, most, GREY, true);
    for k in 0..t.tags.len() {
        let counts: Vec<usize> = t.periods.iter().map(|p| p.2[k]).collect();
        series(&mut out, t, &counts, most, colour(colours.get(k)), false);
    }
    legend(&mut out, t, colours);
    out.push_str("</svg>\n");
    out
}

/// Where period `i` of `n` sits across the plot.
pub fn x(i: usize, n: usize) -> f64 {
    let (left, _, right, _) = PLOT;
    if n <= 1 {
        return (left + right) / 2.0;
    }
    left + (right - left) * i as f64 / (n - 1) as f64
}

/// Where count `v` sits up the plot, `most` at the top.
pub fn y(v: usize, most: usize) -> f64 {
    let (_, top, _, bottom) = PLOT;
    bottom - (bottom - top) * v as f64 / most.max(1) as f64
}

fn colour(c: Option<&String>) -> &str {
    let ok = |c: &&String| {
        c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit())
    };
    c.filter(ok).map_or(FALLBACK, String::as_str)
}

/// The frame, the count ticks and the period labels (as many as fit).
fn axes(out: &mut String, t: &Trends, most: usize) {
    let (left, top, right, bottom) = PLOT;
    let _ = writeln!(
        out,
        r#"<path d="M{left} {top}V{bottom}H{right}" fill="none" stroke="{GREY}"/>"#
    );
    let step = nice_step(most);
    for v in (0..=most).step_by(step) {
        let y = y(v, most);
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" text-anchor="end">{v}</text>"#,
            left - 6.0,
            y + 4.0
        );
    }
    let n = t.periods.len();
    // About 70 points per label.
    let every = (n as f64 * 70.0 / (right - left)).ceil().max(1.0) as usize;
    for (i, (label, _, _)) in t.periods.iter().enumerate().step_by(every) {
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
            x(i, n),
            bottom + 18.0,
            escape(label.as_str())
        );
    }
}

/// A step between count ticks: 1, 2 or 5 times a power of ten, about five ticks.
fn nice_step(most: usize) -> usize {
    let mut step = 1;
    loop {
        for k in [1, 2, 5] {
            if most / (step * k) <= 5 {
                return step * k;
            }
        }
        step *= 10;
    }
}

/// One series as a line with a dot per period.
fn series(out: &mut String, t: &Trends, values: &[usize], most: usize, colour: &str, dashed: bool) {
    let n = t.periods.len();
    let points: Vec<String> = (values.iter().enumerate())
        .map(|(i, v)| format!("{:.1},{:.1}", x(i, n), y(*v, most)))
        .collect();
    let (width, dash) = if dashed {
        (1, r#" stroke-dasharray="6 4""#)
    } else {
        (2, "")
    };
    let _ = writeln!(
        out,
        r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="{width}"{dash}/>"#,
        points.join(" ")
    );
    for (i, v) in values.iter().enumerate() {
        let _ = writeln!(
            out,
            r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{colour}"/>"#,
            x(i, n),
            y(*v, most)
        );
    }
}

/// The reports, then each tag, with its colour.
fn legend(out: &mut String, t: &Trends, colours: &[String]) {
    let (_, top, right, _) = PLOT;
    let entries = std::iter::once(("reports", GREY)).chain(
        (t.tags.iter().enumerate()).map(|(k, (_, path))| (path.as_str(), colour(colours.get(k)))),
    );
    for (row, (name, colour)) in entries.enumerate() {
        let y = top + 18.0 * row as f64;
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="12" height="12" fill="{colour}"/><text x="{}" y="{}">{}</text>"#,
            right + 20.0,
            y,
            right + 38.0,
            y + 10.0,
            escape(name)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tables::{self, Period};
    use crate::annotations::{Store, ensure_tag};

    use crate::analysis::passages::test_passage as passage;

    #[test]
    fn the_drawing_holds_a_line_per_tag_at_its_counts() {
        let mut store = Store::default();
        ensure_tag(&mut store, "R&D <labs>");
        ensure_tag(&mut store, "energy");
        // Reports: two in 2021, none in 2022, one in 2023. "R&D" once in 2021 and once
        // in 2023; "energy" never.
        let dates = ["2021-03-01", "2021-05-01", "2023-01-01"].map(|d| d.parse().ok());
        let ps = [passage(0, "2021-03-01"), passage(0, "2023-01-01")];
        let t = tables::trends(&store, &ps, &dates, Period::Year);
        let colours = ["#aa0000".to_owned(), "not a colour\"\"".to_owned()];
        let svg = trends(&t, &colours);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
        let lines: Vec<(&str, &str)> = (doc.descendants())
            .filter(|n| n.has_tag_name("polyline"))
            .map(|n| {
                (
                    n.attribute("stroke").unwrap_or(""),
                    n.attribute("points").unwrap_or(""),
                )
            })
            .collect();
        // The plot runs x 60–680 and y 420 (none) up to 30 (the most, 2 reports): three
        // years at 60, 370 and 680; a count of 1 half way up, at 225.
        assert_eq!(
            lines,
            [
                (GREY, "60.0,30.0 370.0,420.0 680.0,225.0"),
                ("#aa0000", "60.0,225.0 370.0,420.0 680.0,225.0"),
                (FALLBACK, "60.0,420.0 370.0,420.0 680.0,420.0"),
            ]
        );
        let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
        for label in ["2021", "2022", "2023", "reports", "R&D <labs>", "energy"] {
            assert!(texts.contains(&label), "{label} in {texts:?}");
        }
        assert_eq!(
            (doc.descendants())
                .filter(|n| n.has_tag_name("circle"))
                .count(),
            9
        );
    }
}
