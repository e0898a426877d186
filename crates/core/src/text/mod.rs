//! Small text utilities shared by the domain modules: sentence boundaries, selections
//! snapped to whole words, and the conversion between byte offsets (what Rust slices
//! use) and char offsets (what the sidecar, REFI-QDA and W3C selectors store).

pub mod find;

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sen", "rep", "gov", "st", "jr", "sr",
    "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
    // Honorifics before a name: "H.E. Mr. Prabowo", "H.H. Sheikh …", "H.R.H. Prince …".
    "h.e", "h.h", "h.m", "h.r.h",
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

/// Byte offsets of one text turned into char offsets, counting on from the last offset
/// asked for: offsets that come in order (the sentences of a report) cost one pass over
/// the text in all, where [`byte_to_char`] for each would cost one pass each.
pub struct CharCursor<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCursor<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCursor {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The char offset of byte offset `byte` (clamped to the text, and to a char start).
    pub fn char_at(&mut self, byte: usize) -> usize {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        if byte < self.byte {
            (self.byte, self.chars) = (0, 0);
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }

    /// A byte range turned into a char range.
    pub fn range(&mut self, range: Range<usize>) -> Range<usize> {
        let start = self.char_at(range.start);
        start..self.char_at(range.end)
    }
}

/// A byte range of `text` turned into a char range.
pub fn byte_range_to_chars(text: &str, range: Range<usize>) -> Range<usize> {
    let start = byte_to_char(text, range.start);
    start..start + text[range].chars().count()
}

/// A selection (char offsets) of `text` snapped to whole words: an edge inside a word
/// moves out to the word's edge, white space at the edges is dropped, punctuation at the
/// edges stays as selected. A selection of nothing but white space (or of nothing) comes
/// back as it was; offsets past the end are clamped and reversed ones put in order.
///
/// A word is a run of letters, digits and combining marks of any script, with an
/// apostrophe or hyphen inside it ("Xi's", "Kazakh-Chinese") and a point or comma
/// between digits ("5.2"). In scripts written without spaces (Han, kana, Thai…) each
/// character stands alone, so a selection there is only trimmed.
pub fn snap_to_words(text: &str, chars: Range<usize>) -> Range<usize> {
    let (lo, hi) = (chars.start.min(chars.end), chars.start.max(chars.end));
    let (mut start, mut end) = (char_to_byte(text, lo), char_to_byte(text, hi));
    let picked = &text[start..end];
    if picked.trim().is_empty() {
        return byte_to_char(text, start)..byte_to_char(text, end);
    }
    start += picked.len() - picked.trim_start().len();
    end -= picked.len() - picked.trim_end().len();
    if in_word_before(text, start) && in_word_at(text, start) {
        while in_word_before(text, start) {
            start -= text[..start].chars().next_back().map_or(0, char::len_utf8);
        }
    }
    if in_word_before(text, end) && in_word_at(text, end) {
        while in_word_at(text, end) {
            end += text[end..].chars().next().map_or(0, char::len_utf8);
        }
    }
    byte_to_char(text, start)..byte_to_char(text, end)
}

/// Why a selection cannot become a highlight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAPassage {
    Empty,
    WhiteSpace,
    NoWords,
}

impl std::fmt::Display for NotAPassage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NotAPassage::Empty => "nothing is selected",
            NotAPassage::WhiteSpace => "only white space is selected",
            NotAPassage::NoWords => "the selection holds no word",
        })
    }
}

/// The passage a highlight of `chars` covers: the selection snapped to whole words
/// ([`snap_to_words`]). Refused when it is empty, only white space, or has no letter or
/// digit at all (a lone comma), since such a highlight would show nothing.
pub fn passage(text: &str, chars: Range<usize>) -> Result<Range<usize>, NotAPassage> {
    let snapped = snap_to_words(text, chars);
    if snapped.is_empty() {
        return Err(NotAPassage::Empty);
    }
    let bytes = char_range_to_bytes(text, snapped.clone());
    let picked = &text[bytes];
    if picked.trim().is_empty() {
        Err(NotAPassage::WhiteSpace)
    } else if !picked.chars().any(char::is_alphanumeric) {
        Err(NotAPassage::NoWords)
    } else {
        Ok(snapped)
    }
}

/// Whether the char starting at byte `at` belongs to a word.
fn in_word_at(text: &str, at: usize) -> bool {
    let mut after = text[at..].chars();
    let Some(c) = after.next() else { return false };
    if is_letter(c) {
        return true;
    }
    let before = text[..at].chars().next_back();
    let next = after.next();
    let joins = |f: fn(char) -> bool| before.is_some_and(f) && next.is_some_and(f);
    match c {
        '\'' | '’' | '-' | '‐' | '‑' => joins(is_letter),
        '.' | ',' => joins(|c| c.is_numeric()),
        _ => false,
    }
}

/// Whether the char ending at byte `at` belongs to a word.
fn in_word_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| in_word_at(text, at - c.len_utf8()))
}

/// A letter, digit or mark of a script that separates its words by spaces.
fn is_letter(c: char) -> bool {
    static MARK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\p{M}$").expect("the mark pattern is a valid regex"));
    static UNSPACED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]$")
            .expect("the unspaced-script pattern is a valid regex")
    });
    let mut buf = [0; 4];
    let s = c.encode_utf8(&mut buf);
    (c.is_alphanumeric() || MARK.is_match(s)) && !UNSPACED.is_match(s)
}

/// `n` and a noun agreeing with it: "1 event", "7 events".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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

/// `text` cut into parts of at most `max_chars` chars (char ranges, in order, covering it
/// all), each ending at a line break where one falls in its second half, else after a
/// sentence, else after a space: the reader lays out a very long report a part at a time.
pub fn parts(text: &str, max_chars: usize) -> Vec<Range<usize>> {
    let max_chars = max_chars.max(2);
    let mut out = Vec::new();
    let mut start = 0usize;
    // The best places to cut the part being read, by preference (char after the cut).
    let (mut line, mut sentence, mut space) = (None, None, None);
    let mut prev = ' ';
    let mut n = 0usize;
    for c in text.chars() {
        n += 1;
        if n - start > max_chars / 2 {
            match c {
                '\n' => line = Some(n),
                ' ' if matches!(prev, '.' | '!' | '?') => sentence = Some(n),
                ' ' => space = Some(n),
                _ => {}
            }
        }
        prev = c;
        if n - start == max_chars {
            let cut = line.or(sentence).or(space).unwrap_or(n);
            out.push(start..cut);
            start = cut;
            (line, sentence, space) = (None, None, None);
        }
    }
    if n > start || out.is_empty() {
        out.push(start..n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_into_parts_at_lines_sentences_or_spaces() {
        let text = "One two. Three four five six.\nSeven eight nine ten eleven twelve";
        let parts = parts(text, 20);
        // Covering the text, in order, none longer than asked.
        assert_eq!(parts.first().map(|p| p.start), Some(0));
        assert_eq!(parts.last().map(|p| p.end), Some(text.chars().count()));
        for w in parts.windows(2) {
            assert_eq!(w[0].end, w[1].start);
        }
        assert!(parts.iter().all(|p| p.len() <= 20 && !p.is_empty()));
        let of = |r: &Range<usize>| &text[char_range_to_bytes(text, r.clone())];
        // After a sentence rather than at the last space.
        assert_eq!(of(&parts[0]), "One two. Three four ");
        // At a line break in the part's second half rather than after a sentence.
        let lines = "Aa bb. Cc dd ee\nff gg hh ii jj";
        let cut = super::parts(lines, 20);
        assert_eq!(
            &lines[char_range_to_bytes(lines, cut[0].clone())],
            "Aa bb. Cc dd ee\n"
        );
        // A text shorter than a part is one part; an empty text one empty part.
        assert_eq!(super::parts("short", 20), vec![0..5]);
        assert_eq!(super::parts("", 20), vec![0..0]);
        // No space at all: cut at the limit, on char boundaries.
        let word = "é".repeat(45);
        assert_eq!(super::parts(&word, 20), [0..20, 20..40, 40..45]);
    }

    #[test]
    fn passages_are_whole_words_and_never_blank() {
        let text = "Xi met Tokayev.\n\nChina is ready, he said.";
        let chars = |s: &str| {
            let at = byte_to_char(text, text.find(s).expect("in the text"));
            at..at + s.chars().count()
        };
        let of = |r: Range<usize>| &text[char_range_to_bytes(text, r)];
        // Mid-word edges grow to the word: "China i" becomes "China is".
        let got = passage(text, chars("China i")).expect("a passage");
        assert_eq!(of(got), "China is");
        assert_eq!(
            of(passage(text, chars("et Tokay")).expect("ok")),
            "met Tokayev"
        );
        // The blank line between paragraphs, a lone newline, nothing, a lone comma.
        assert_eq!(passage(text, chars("\n\n")), Err(NotAPassage::WhiteSpace));
        assert_eq!(passage(text, 15..16), Err(NotAPassage::WhiteSpace));
        assert_eq!(passage(text, 4..4), Err(NotAPassage::Empty));
        assert_eq!(passage(text, chars(", ")), Err(NotAPassage::NoWords));
        // Past the end is clamped, reversed is put in order.
        let (past_end, said) = (999, 36);
        assert_eq!(of(passage(text, past_end..said).expect("ok")), "said.");
    }

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
    fn a_char_cursor_agrees_with_counting_from_the_start() {
        let text = "Xi–Tokayev: «talks» in Astana. 习近平 met Токаев.";
        let mut cursor = CharCursor::new(text);
        let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        // In order, backwards, and out of order: the same as counting afresh.
        let order = bounds
            .iter()
            .chain(bounds.iter().rev())
            .chain([&7, &0, &40, &3]);
        for &b in order {
            let b = b.min(text.len());
            let b = (0..=b)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            assert_eq!(cursor.char_at(b), byte_to_char(text, b), "byte {b}");
        }
        assert_eq!(
            cursor.range(5..text.len()),
            byte_range_to_chars(text, 5..text.len())
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

    /// `snap_to_words` on the selection `chars`, as the text it selects.
    fn snapped(text: &str, chars: Range<usize>) -> &str {
        let r = snap_to_words(text, chars);
        &text[char_range_to_bytes(text, r)]
    }

    #[test]
    fn a_selection_grows_to_whole_words_and_loses_edge_spaces() {
        let t = "Xi met Tokayev in Astana.";
        // "et Tok" (chars 4..10) starts inside "met" and ends inside "Tokayev".
        assert_eq!(snap_to_words(t, 4..10), 3..14);
        assert_eq!(
            snapped(t, 6..15),
            "Tokayev",
            "the spaces around are dropped"
        );
        assert_eq!(
            snapped(t, 2..7),
            "met",
            "nothing but spaces beyond the word"
        );
        assert_eq!(snapped(t, 3..6), "met", "a whole word stays");
    }

    #[test]
    fn punctuation_at_the_edges_is_kept_as_selected() {
        let t = "Xi met Tokayev in Astana. Then (briefly) left.";
        assert_eq!(snap_to_words(t, 18..25), 18..25, "\"Astana.\" stays");
        assert_eq!(snapped(t, 20..25), "Astana.");
        assert_eq!(
            snapped(t, 31..36),
            "(briefly",
            "the bracket is kept, the word completed"
        );
        assert_eq!(snapped(t, 24..26), ".", "a full stop and a space: the stop");
    }

    #[test]
    fn white_space_or_nothing_comes_back_unchanged() {
        let t = "Xi   met";
        assert_eq!(snap_to_words(t, 3..4), 3..4);
        assert_eq!(
            snap_to_words(t, 6..6),
            6..6,
            "an empty selection inside a word"
        );
        assert_eq!(snap_to_words("", 0..0), 0..0);
    }

    #[test]
    fn out_of_range_and_reversed_selections_are_clamped() {
        let t = "abc def";
        assert_eq!(snap_to_words(t, 5..99), 4..7);
        assert_eq!(snap_to_words(t, 99..120), 7..7);
        assert_eq!(
            snap_to_words(t, Range { start: 6, end: 2 }),
            0..7,
            "reversed: 2..6, then whole words"
        );
    }

    #[test]
    fn apostrophes_hyphens_and_decimals_stay_inside_words() {
        let t = "Xi's talks on the Kazakh-Chinese border grew 5.2 percent.";
        assert_eq!(snapped(t, 0..2), "Xi's");
        assert_eq!(snapped(t, 3..4), "Xi's", "the s after the apostrophe");
        assert_eq!(snapped(t, 27..30), "Kazakh-Chinese");
        assert_eq!(snapped(t, 46..47), "5.2");
        let t = "Japarov’s visit - then talks";
        assert_eq!(snapped(t, 2..4), "Japarov’s");
        assert_eq!(snapped(t, 16..17), "-", "a dash between spaces is no word");
    }

    #[test]
    fn words_of_any_script() {
        // Cyrillic: "тин встр" (chars 2..10) ends inside "встретился".
        let t = "Путин встретился с Токаевым";
        assert_eq!(snapped(t, 2..10), "Путин встретился");
        // Decomposed é (e + U+0301) and Azerbaijani Ə.
        let t = "Cafe\u{301} talks with Əliyev";
        assert_eq!(snap_to_words(t, 1..3), 0..5);
        assert_eq!(snapped(t, 18..20), "Əliyev");
        // Devanagari vowel signs and viramas are marks inside the word.
        let t = "नरेन्द्र मोदी";
        assert_eq!(snapped(t, 2..3), "नरेन्द्र");
        // Chinese has no spaces: each character stands alone, the selection is trimmed.
        let t = "习近平 同托卡耶夫通电话";
        assert_eq!(snap_to_words(t, 5..7), 5..7);
        assert_eq!(snap_to_words(t, 3..6), 4..6);
    }
}
