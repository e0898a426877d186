//! Finding a phrase in a report, as the reader's find bar does: case-insensitive, in
//! char offsets of the normalised text, every non-overlapping occurrence in order.

use std::ops::Range;

/// A char folded for comparison: its first lower-case char (so offsets stay one char
/// per char, unlike full case folding).
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Every occurrence of `needle` in `text` (ignoring case and surrounding spaces of the
/// needle), as char ranges, left to right, not overlapping. An empty needle finds nothing.
pub fn find_all(text: &str, needle: &str) -> Vec<Range<usize>> {
    let needle: Vec<char> = needle.trim().chars().map(fold).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let hay: Vec<char> = text.chars().map(fold).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i] == needle[0] && hay[i..i + needle.len()] == needle[..] {
            out.push(i..i + needle.len());
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::find_all;

    #[test]
    fn finds_every_occurrence_ignoring_case_in_chars() {
        let text = "Tokayev met Xi. TOKAYEV said: «Tokayev–Xi» talks.";
        assert_eq!(find_all(text, "tokayev"), [0..7, 16..23, 31..38]);
        // «» and – are one char each: offsets count chars, not bytes.
        assert_eq!(find_all(text, "xi»"), vec![39..42]);
        assert_eq!(find_all(text, "  met xi "), vec![8..14]);
        assert!(find_all(text, "").is_empty());
        assert!(find_all(text, "Putin").is_empty());
    }

    #[test]
    fn occurrences_do_not_overlap() {
        assert_eq!(find_all("aaaa", "aa"), [0..2, 2..4]);
        assert_eq!(find_all("Ärzte ärzte", "ÄRZTE"), [0..5, 6..11]);
    }
}
