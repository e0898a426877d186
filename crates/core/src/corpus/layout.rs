//! How a report's text is set in the reader, decided from the text alone: which lines
//! are furniture rather than body (a scraper's `date …` prefix, navigation such as `Nav
//! Search`, source and date lines such as `China Daily) 08:42, June 03, 2021`, photo
//! captions with their credits), shown dimmed; and where paragraphs start, so that space
//! can be put between them even where the file separates paragraphs by a single line
//! break. A hard-wrapped file (lines ending mid-sentence) is not split at every line.
//! All offsets are chars of the normalised text.

use super::metadata::{self, Metadata};
use std::ops::Range;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextLayout {
    pub dimmed: Vec<Range<usize>>,
    pub paragraph_starts: Vec<usize>,
}

/// The lines of `text` with their char ranges (without the line break).
fn lines(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let n = line.chars().count();
        out.push((start..start + n, line));
        start += n + 1;
    }
    out
}

/// Whether a line ends where a sentence ends (so the next line may start a paragraph).
fn ends_sentence(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']']);
    t.ends_with(['.', '!', '?', ':'])
}

fn starts_sentence(line: &str) -> bool {
    line.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"“‘(".contains(c))
}

/// The layout of `text`, whose metadata is `meta`.
pub fn text_layout(text: &str, meta: &Metadata) -> TextLayout {
    let mut out = TextLayout::default();
    let title = meta
        .title_range
        .as_ref()
        .map(|r| text[..r.start].chars().count());
    // The line before (none after a blank line: the file already spaces that), and
    // whether it was the title or furniture (which end a paragraph).
    let mut previous: Option<&str> = None;
    let mut after_block = false;
    for (range, line) in lines(text) {
        if line.trim().is_empty() {
            previous = None;
            after_block = false;
            continue;
        }
        let title_line = title.is_some_and(|t| range.start <= t && t < range.end);
        let furniture = !title_line && metadata::is_furniture(line);
        if title_line {
            // A scraper's prefix before the title (` date 2021-06-03 `) is furniture.
            let t = title.unwrap_or(range.start);
            if t > range.start {
                out.dimmed.push(range.start..t);
            }
        } else if furniture {
            out.dimmed.push(range.clone());
        }
        let new_paragraph =
            after_block || previous.is_some_and(|p| ends_sentence(p) && starts_sentence(line));
        if new_paragraph && range.start > 0 {
            out.paragraph_starts.push(range.start);
        }
        after_block = title_line || furniture;
        previous = (!after_block).then_some(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> TextLayout {
        text_layout(text, &metadata::extract(text))
    }

    fn dimmed_text(text: &str, l: &TextLayout) -> Vec<String> {
        l.dimmed
            .iter()
            .map(|r| text.chars().skip(r.start).take(r.len()).collect())
            .collect()
    }

    #[test]
    fn header_furniture_is_dimmed_and_the_title_is_not() {
        let text = "Nav Search\n\nLeaders talk trade\n\nSource: Xinhua Updated: 2021-06-03\n\nASTANA -- The two presidents met on Monday. They spoke of trade.\n\nA train leaves the port, April 13, 2021. (Xinhua/Li Ming)\n";
        let l = layout(text);
        assert_eq!(
            dimmed_text(text, &l),
            [
                "Nav Search",
                "Source: Xinhua Updated: 2021-06-03",
                "A train leaves the port, April 13, 2021. (Xinhua/Li Ming)"
            ]
        );
        assert!(
            l.paragraph_starts.is_empty(),
            "blank lines already space it"
        );
    }

    #[test]
    fn single_line_breaks_between_sentences_start_paragraphs_hard_wraps_do_not() {
        let text = "Leaders talk trade\nThe two presidents met on Monday.\nThey agreed to expand\ntransit across the border.\n\"We are neighbours,\" one said.";
        let l = layout(text);
        // Lines 2, 3 and 5 start paragraphs; line 4 continues a wrapped sentence.
        let starts: Vec<usize> = ["The two", "They agreed", "\"We are"]
            .iter()
            .map(|s| text[..text.find(s).unwrap_or(0)].chars().count())
            .collect();
        assert_eq!(l.paragraph_starts, starts);
    }

    #[test]
    fn the_samples_dim_their_headers() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-corpus");
        let path = dir.join("002_d19069a31ccc614c.txt");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let l = layout(&text);
        let dimmed = dimmed_text(&text, &l);
        assert_eq!(
            dimmed[..2],
            ["Nav Search", "Source: Xinhua Updated: 2021-06-03"]
        );
        let path = dir.join("000_ce9b4343981b04df.txt");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let l = layout(&text);
        let dimmed = dimmed_text(&text, &l);
        assert_eq!(dimmed[0], " date 2021-06-03 ");
        assert_eq!(dimmed[1], "China Daily) 08:42, June 03, 2021");
        assert!(dimmed[2].ends_with("(Xinhua/Li Yibo)"), "{}", dimmed[2]);
    }
}
