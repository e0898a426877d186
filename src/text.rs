//! Small text utilities shared by the domain modules: sentence boundaries and the
//! conversion between byte offsets (what Rust slices use) and char offsets (what the
//! sidecar, REFI-QDA and W3C selectors store).

use std::ops::Range;

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sen", "rep", "gov", "st", "jr", "sr",
    "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
];

/// Byte ranges of the sentences of `text`, in order, without surrounding white space.
///
/// A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets) followed by
/// white space and a capital, a digit or an opening quote; or at a line break. A period
/// after a known abbreviation (`Nov.`, `Mr.`, `U.S.`) or a single initial does not end one.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (line_start, line) in lines(text) {
        let mut start = 0;
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if matches!(b, b'.' | b'!' | b'?') && !(b == b'.' && is_abbreviation(&line[..i])) {
                let mut end = i + 1;
                while end < line.len() {
                    let c = line[end..].chars().next().unwrap_or(' ');
                    if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']') {
                        end += c.len_utf8();
                    } else {
                        break;
                    }
                }
                let rest = &line[end..];
                let trimmed = rest.trim_start();
                let next = trimmed.chars().next();
                let opens = next.is_some_and(|c| {
                    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '(')
                });
                if trimmed.len() < rest.len() && opens {
                    push_trimmed(&mut out, line, line_start, start..end);
                    start = end;
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        push_trimmed(&mut out, line, line_start, start..line.len());
    }
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lower = word.to_ascii_lowercase();
    // A single initial such as the "J." of "John J. Smith".
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_initial || ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(out: &mut Vec<Range<usize>>, line: &str, offset: usize, range: Range<usize>) {
    let piece = &line[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(offset + range.start + lead..offset + range.end - trail);
    }
}

/// The lines of `text` with the byte offset where each starts (no `\n` included).
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n').scan(0usize, |pos, line| {
        let start = *pos;
        *pos += line.len() + 1;
        Some((start, line))
    })
}

/// The char offset of byte offset `byte` in `text` (which must be a char boundary).
pub fn byte_to_char(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].chars().count()
}

/// The byte offset of char offset `ch` in `text`, or the text's length past its end.
pub fn char_to_byte(text: &str, ch: usize) -> usize {
    text.char_indices().nth(ch).map_or(text.len(), |(b, _)| b)
}

/// A char range turned into a byte range of `text`.
pub fn char_range_to_bytes(text: &str, range: Range<usize>) -> Range<usize> {
    let start = char_to_byte(text, range.start);
    let len: usize = text[start..]
        .chars()
        .take(range.end.saturating_sub(range.start))
        .map(char::len_utf8)
        .sum();
    start..start + len
}

/// A byte range of `text` turned into a char range.
pub fn byte_range_to_chars(text: &str, range: Range<usize>) -> Range<usize> {
    let start = byte_to_char(text, range.start);
    start..start + text[range].chars().count()
}

/// `text` cut to at most `max_chars` at a word boundary, with `…` when it was cut.
pub fn shorten(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut = char_to_byte(text, max_chars);
    let head = &text[..cut];
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space > 0 => &head[..space],
        _ => head,
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_sentence_ends_and_lines() {
        assert_eq!(
            split("Xi met Tokayev. They talked!  Was it good? Yes.\nNew para"),
            [
                "Xi met Tokayev.",
                "They talked!",
                "Was it good?",
                "Yes.",
                "New para"
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_quotes_together() {
        assert_eq!(
            split(
                "BEIJING, Nov. 28 (Xinhua) -- Mr. Li met U.S. envoy John J. Smith. \"Good,\" he said."
            ),
            [
                "BEIJING, Nov. 28 (Xinhua) -- Mr. Li met U.S. envoy John J. Smith.",
                "\"Good,\" he said."
            ]
        );
        assert_eq!(
            split("He said “a new era.” Then left."),
            ["He said “a new era.”", "Then left."]
        );
        assert_eq!(
            split("Growth was 5.2 percent."),
            ["Growth was 5.2 percent."]
        );
    }

    #[test]
    fn converts_between_bytes_and_chars() {
        let text = "Xi’an — Astana";
        let bytes = text.find("Astana").unwrap();
        assert_eq!(byte_to_char(text, bytes), 8);
        assert_eq!(char_to_byte(text, 8), bytes);
        assert_eq!(char_range_to_bytes(text, 8..14), bytes..text.len());
        assert_eq!(byte_range_to_chars(text, bytes..text.len()), 8..14);
        assert_eq!(char_to_byte(text, 99), text.len());
    }

    #[test]
    fn shortens_at_a_word_boundary() {
        assert_eq!(shorten("short title", 80), "short title");
        assert_eq!(
            shorten(
                "Chinese President Xi Jinping and Kazakh President Tokayev",
                30
            ),
            "Chinese President Xi Jinping…"
        );
    }
}
/// STUB until the domain branch lands.
pub fn snap_to_words(_text: &str, chars: std::ops::Range<usize>) -> std::ops::Range<usize> {
    chars
}
