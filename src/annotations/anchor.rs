//! Anchors: where a highlight sits in an article, robust to edits of the article.
//!
//! An anchor keeps the char range, the quoted text and ~32 chars of context on each
//! side (as Hypothesis does). [`resolve`] finds it again in the current text:
//! `Exact` (the quote at its place), `Moved` (the quote elsewhere; context and distance
//! choose among repeats), `Fuzzy` (an approximate match above a similarity threshold,
//! to be reviewed), or `Orphan` (not found; the highlight is kept, never moved).

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Chars of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;
/// The least similarity (1 − edits / quote length) a fuzzy match needs.
pub const FUZZY_THRESHOLD: f64 = 0.75;
/// Shorter quotes are found exactly or not at all: a fuzzy match of 5 chars is noise.
pub const FUZZY_MIN_CHARS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// Char offsets into the normalised article text.
    pub start: usize,
    pub end: usize,
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Exact,
    Moved,
    Fuzzy,
    Orphan,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Exact => "exact",
            Status::Moved => "moved",
            Status::Fuzzy => "fuzzy",
            Status::Orphan => "orphan",
        }
    }
}

/// Where an anchor is in the current text.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub status: Status,
    /// Char range in the current text; `None` for an orphan.
    pub range: Option<Range<usize>>,
    /// 1.0 for exact and moved, the similarity for fuzzy, 0 for orphan.
    pub similarity: f64,
}

impl Anchor {
    /// The anchor of char range `range` of `text` (clamped to the text).
    pub fn new(text: &str, range: Range<usize>) -> Anchor {
        let chars: Vec<char> = text.chars().collect();
        let end = range.end.min(chars.len());
        let start = range.start.min(end);
        let from = start.saturating_sub(CONTEXT_CHARS);
        let to = (end + CONTEXT_CHARS).min(chars.len());
        Anchor {
            start,
            end,
            quote: chars[start..end].iter().collect(),
            prefix: chars[from..start].iter().collect(),
            suffix: chars[end..to].iter().collect(),
        }
    }
}

/// Find `anchor` in `text`.
pub fn resolve(anchor: &Anchor, text: &str) -> Resolved {
    let chars: Vec<char> = text.chars().collect();
    let quote: Vec<char> = anchor.quote.chars().collect();
    let found = |status, range: Range<usize>, similarity| Resolved {
        status,
        range: Some(range),
        similarity,
    };
    if quote.is_empty() {
        return Resolved {
            status: Status::Orphan,
            range: None,
            similarity: 0.0,
        };
    }
    if chars.get(anchor.start..anchor.end) == Some(quote.as_slice()) {
        return found(Status::Exact, anchor.start..anchor.end, 1.0);
    }
    let prefix: Vec<char> = anchor.prefix.chars().collect();
    let suffix: Vec<char> = anchor.suffix.chars().collect();
    let occurrences = find_all(&chars, &quote);
    if let Some(best) = occurrences
        .iter()
        .max_by_key(|&&at| context_score(&chars, at, quote.len(), &prefix, &suffix, anchor.start))
    {
        return found(Status::Moved, *best..*best + quote.len(), 1.0);
    }
    if quote.len() >= FUZZY_MIN_CHARS {
        let max_edits = ((1.0 - FUZZY_THRESHOLD) * quote.len() as f64).floor() as usize;
        if let Some((range, edits)) = approximate(&chars, &quote, max_edits, anchor.start) {
            let similarity = 1.0 - edits as f64 / quote.len() as f64;
            return found(Status::Fuzzy, range, similarity);
        }
    }
    Resolved {
        status: Status::Orphan,
        range: None,
        similarity: 0.0,
    }
}

fn find_all(text: &[char], quote: &[char]) -> Vec<usize> {
    if quote.len() > text.len() {
        return Vec::new();
    }
    (0..=text.len() - quote.len())
        .filter(|&i| text[i] == quote[0] && text[i..i + quote.len()] == *quote)
        .collect()
}

/// Higher is better: matching context on both sides first, then nearness to the old place.
fn context_score(
    text: &[char],
    at: usize,
    len: usize,
    prefix: &[char],
    suffix: &[char],
    old_start: usize,
) -> (usize, std::cmp::Reverse<usize>) {
    let before = text[..at]
        .iter()
        .rev()
        .zip(prefix.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = text[at + len..]
        .iter()
        .zip(suffix)
        .take_while(|(a, b)| a == b)
        .count();
    (before + after, std::cmp::Reverse(at.abs_diff(old_start)))
}

/// The substring of `text` closest to `pattern` in edit distance, if within `max_edits`
/// (Sellers' algorithm: edit distance with a free start and end in the text). Among
/// equally close matches, the one nearest `near` wins.
fn approximate(
    text: &[char],
    pattern: &[char],
    max_edits: usize,
    near: usize,
) -> Option<(Range<usize>, usize)> {
    let m = pattern.len();
    // Column of the DP for the current text position: cost and where the match started.
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut start: Vec<usize> = vec![0; m + 1];
    let mut best: Option<(Range<usize>, usize)> = None;
    for (j, &c) in text.iter().enumerate() {
        let (mut diag_cost, mut diag_start) = (0, j);
        cost[0] = 0;
        start[0] = j + 1;
        for i in 1..=m {
            let (up_cost, up_start) = (cost[i], start[i]);
            let sub = diag_cost + usize::from(pattern[i - 1] != c);
            let mut pick = (sub, diag_start);
            if up_cost + 1 < pick.0 {
                pick = (up_cost + 1, up_start);
            }
            if cost[i - 1] + 1 < pick.0 {
                pick = (cost[i - 1] + 1, start[i - 1]);
            }
            diag_cost = up_cost;
            diag_start = up_start;
            cost[i] = pick.0;
            start[i] = pick.1;
        }
        let edits = cost[m];
        if edits <= max_edits {
            let range = start[m]..j + 1;
            let better = match &best {
                None => true,
                Some((r, e)) => {
                    edits < *e
                        || (edits == *e && range.start.abs_diff(near) < r.start.abs_diff(near))
                }
            };
            if better {
                best = Some((range, edits));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "Xi met Tokayev in Astana. The two sides agreed on trade. Xi met Tokayev again.";

    fn at(text: &str, quote: &str) -> Range<usize> {
        let b = text.find(quote).unwrap();
        let s = text[..b].chars().count();
        s..s + quote.chars().count()
    }

    #[test]
    fn anchors_keep_quote_and_context() {
        let a = Anchor::new(TEXT, at(TEXT, "agreed on trade"));
        assert_eq!(a.quote, "agreed on trade");
        assert_eq!(a.prefix, "okayev in Astana. The two sides ");
        assert_eq!(a.prefix.chars().count(), CONTEXT_CHARS);
        assert_eq!(a.suffix, ". Xi met Tokayev again.");
    }

    #[test]
    fn the_four_statuses() {
        let a = Anchor::new(TEXT, at(TEXT, "agreed on trade"));
        assert_eq!(resolve(&a, TEXT).status, Status::Exact);

        let moved = format!("BEIJING -- {TEXT}");
        let r = resolve(&a, &moved);
        assert_eq!(r.status, Status::Moved);
        assert_eq!(r.range, Some(at(&moved, "agreed on trade")));

        let edited = TEXT.replace("agreed on trade", "agreed on tarde");
        let r = resolve(&a, &edited);
        assert_eq!(r.status, Status::Fuzzy);
        assert_eq!(r.range, Some(at(&edited, "agreed on tarde")));
        assert!(r.similarity >= FUZZY_THRESHOLD && r.similarity < 1.0);

        let gone = TEXT.replace("The two sides agreed on trade. ", "");
        assert_eq!(resolve(&a, &gone).status, Status::Orphan);
        assert_eq!(resolve(&a, &gone).range, None);
    }

    #[test]
    fn context_chooses_among_repeats() {
        let second = TEXT.rfind("Xi met Tokayev").unwrap();
        let a = Anchor::new(TEXT, second..second + "Xi met Tokayev".len());
        let shifted = format!("Note. {TEXT}");
        let r = resolve(&a, &shifted);
        assert_eq!(r.status, Status::Moved);
        assert_eq!(r.range.unwrap().start, second + "Note. ".len());
    }

    #[test]
    fn short_quotes_are_never_fuzzy() {
        let a = Anchor::new(TEXT, 0..2);
        assert_eq!(resolve(&a, "Yi met").status, Status::Orphan);
    }
}
