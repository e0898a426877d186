//! Positions counted in a report as stored rather than as dossier reads it: the byte order
//! mark as one character, each CRLF as two. For `dossier export --raw-offsets`, so a tool
//! that reads the file raw finds the same passage.

use super::ExportError;
use crate::corpus::decode::{decode_as_stored, normalise_line_ends};
use std::path::Path;

/// Maps a character position of the normalised text to the same place in the stored one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPositions {
    /// (first normalised position after which the shift applies, stored − normalised),
    /// ascending; the shift grows by one for the mark and each CRLF.
    steps: Vec<(usize, usize)>,
}

impl RawPositions {
    /// The map for `stored` (as [`decode_as_stored`] gives it).
    pub fn new(stored: &str) -> Self {
        let mut steps = Vec::new();
        let mut shift = 0;
        let mut normalised = 0;
        let mut chars = stored.chars().peekable();
        if chars.peek() == Some(&'\u{FEFF}') {
            chars.next();
            shift += 1;
            steps.push((0, shift));
        }
        while let Some(c) = chars.next() {
            normalised += 1;
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
                shift += 1;
                steps.push((normalised, shift));
            }
        }
        RawPositions { steps }
    }

    /// The stored position of normalised position `at`.
    pub fn map(&self, at: usize) -> usize {
        let applied = self.steps.partition_point(|(from, _)| *from <= at);
        at + applied.checked_sub(1).map_or(0, |i| self.steps[i].1)
    }
}

/// The map for the report at `path`, checked against the `text` dossier read from it: a
/// file changed since is an error naming it.
pub fn for_file(path: &Path, text: &str) -> Result<RawPositions, ExportError> {
    let unreadable = |reason: String| ExportError::Read {
        path: path.to_owned(),
        reason,
    };
    let bytes = crate::fsio::read_regular(path, crate::corpus::decode::MAX_FILE_BYTES)
        .map_err(|e| unreadable(e.to_string()))?;
    let (stored, _) = decode_as_stored(&bytes).map_err(|e| unreadable(e.to_string()))?;
    let trimmed = stored.strip_prefix('\u{FEFF}').unwrap_or(&stored);
    if normalise_line_ends(trimmed) != text {
        return Err(ExportError::Changed {
            path: path.to_owned(),
        });
    }
    Ok(RawPositions::new(&stored))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_move_past_the_mark_and_each_crlf() {
        let stored = "\u{FEFF}ab\r\ncd\r\n\r\nef\rg";
        let normalised = normalise_line_ends(stored);
        assert_eq!(normalised, "ab\ncd\n\nef\ng");
        let map = RawPositions::new(stored);
        let raw: Vec<char> = stored.chars().collect();
        // Every visible character is the same character at its mapped place.
        for (i, c) in normalised.chars().enumerate() {
            let at = map.map(i);
            let expected = if c == '\n' {
                raw[at] == '\r' || raw[at] == '\n'
            } else {
                raw[at] == c
            };
            assert!(expected, "{i} {c:?} → {at} {:?}", raw[at]);
        }
        assert_eq!(map.map(normalised.chars().count()), raw.len());
        assert_eq!(RawPositions::new("plain\ntext").map(7), 7);
    }
}
