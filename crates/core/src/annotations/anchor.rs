//! Anchors: where a highlight sits in an article, robust to edits of the article.
//!
//! An anchor keeps the char range, the quoted text and ~32 chars of context on each
//! side (as Hypothesis does). [`resolve`] finds it again in the current text:
//! `Exact` (the quote at its place), `Moved` (the quote elsewhere; context and distance
//! choose among repeats), `Fuzzy` (an approximate match above a similarity threshold,
//! to be reviewed), or `Orphan` (not found; the highlight is kept, never moved).
//!
//! The search is bounded ([`Resolver`]): exact matches by substring search; the
//! approximate one near the old place first, then over the whole text only while a budget
//! of work per text lasts, so re-anchoring hundreds of highlights in a 19 MB report stays
//! well under a second.

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

/// Find `anchor` in `text`. To find many anchors in one text, make one [`Resolver`].
pub fn resolve(anchor: &Anchor, text: &str) -> Resolved {
    Resolver::new(text).resolve(anchor)
}

const ORPHAN: Resolved = Resolved {
    status: Status::Orphan,
    range: None,
    similarity: 0.0,
};

/// Where each of `highlights`' anchors is in `text`, in their order: all of them found in
/// one pass ([`Resolver::resolve_all`]); all orphans when there is no text (the article is
/// gone).
pub fn resolve_highlights(text: Option<&str>, anchors: &[&Anchor]) -> Vec<Resolved> {
    match text {
        Some(t) => Resolver::new(t).resolve_all(anchors),
        None => vec![ORPHAN; anchors.len()],
    }
}

/// Chars between two byte marks of a [`Resolver`]'s index.
const MARK_STEP: usize = 256;
/// The approximate search looks this many chars (or four quote lengths) around the old
/// place first.
pub const NEAR_CHARS: usize = 2_000;
/// Approximate search over the whole text stops when this many cells (text chars × quote
/// chars) have been spent for one text: beyond it, an anchor not found exactly or near its
/// old place is an orphan (kept, listed, never dropped) rather than a search that takes
/// minutes on a 19 MB report.
pub const FAR_BUDGET_CELLS: u64 = 300_000_000;

/// Finds anchors in one text: the char ↔ byte index and the whole-text char array are
/// built once, not once per anchor, and the approximate search is bounded.
pub struct Resolver<'a> {
    text: &'a str,
    /// Byte offset of char `i * MARK_STEP`; empty when the text is ASCII.
    marks: Vec<usize>,
    chars: usize,
    all_chars: std::cell::OnceCell<Vec<char>>,
    budget: std::cell::Cell<u64>,
}

impl<'a> Resolver<'a> {
    pub fn new(text: &'a str) -> Resolver<'a> {
        Resolver::with_budget(text, FAR_BUDGET_CELLS)
    }

    /// A resolver whose whole-text approximate searches may spend `cells` in all.
    pub fn with_budget(text: &'a str, cells: u64) -> Resolver<'a> {
        let (marks, chars) = if text.is_ascii() {
            (Vec::new(), text.len())
        } else {
            let mut marks = Vec::with_capacity(text.len() / MARK_STEP + 1);
            let mut n = 0;
            for (i, (b, _)) in text.char_indices().enumerate() {
                if i % MARK_STEP == 0 {
                    marks.push(b);
                }
                n = i + 1;
            }
            (marks, n)
        };
        Resolver {
            text,
            marks,
            chars,
            all_chars: std::cell::OnceCell::new(),
            budget: std::cell::Cell::new(cells),
        }
    }

    /// The byte offset of char `c` (`c` may be the end of the text).
    fn byte(&self, c: usize) -> Option<usize> {
        if c > self.chars {
            return None;
        }
        if self.marks.is_empty() {
            return Some(c);
        }
        let Some(&from) = self.marks.get(c / MARK_STEP) else {
            return Some(self.text.len());
        };
        let rest = &self.text[from..];
        let within = rest
            .char_indices()
            .nth(c % MARK_STEP)
            .map_or(rest.len(), |(b, _)| b);
        Some(from + within)
    }

    /// The char offset of byte `b` (a char boundary).
    fn char_of(&self, b: usize) -> usize {
        if self.marks.is_empty() {
            return b;
        }
        let i = self.marks.partition_point(|&m| m <= b).saturating_sub(1);
        i * MARK_STEP + self.text[self.marks[i]..b].chars().count()
    }

    fn chars_in(&self, from: usize, to: usize) -> Vec<char> {
        match (self.byte(from), self.byte(to)) {
            (Some(a), Some(b)) => self.text[a..b].chars().collect(),
            _ => Vec::new(),
        }
    }

    /// Find `anchor` in the text.
    pub fn resolve(&self, anchor: &Anchor) -> Resolved {
        self.resolve_all(&[anchor]).pop().unwrap_or(ORPHAN)
    }

    /// Find each of `anchors` in the text, as [`Resolver::resolve`] would one by one, with
    /// a single pass over the text for all the quotes that are not where they were.
    pub fn resolve_all(&self, anchors: &[&Anchor]) -> Vec<Resolved> {
        let here: Vec<bool> = anchors.iter().map(|a| self.is_exact_here(a)).collect();
        let moved: Vec<&Anchor> = anchors
            .iter()
            .zip(&here)
            .filter(|(a, exact)| !**exact && !a.quote.is_empty())
            .map(|(a, _)| *a)
            .collect();
        let mut occurrences = self.occurrences(&moved).into_iter();
        anchors
            .iter()
            .zip(here)
            .map(|(a, exact)| {
                if exact {
                    Resolved {
                        status: Status::Exact,
                        range: Some(a.start..a.end),
                        similarity: 1.0,
                    }
                } else if a.quote.is_empty() {
                    ORPHAN
                } else {
                    self.elsewhere(a, &occurrences.next().unwrap_or_default())
                }
            })
            .collect()
    }

    fn is_exact_here(&self, a: &Anchor) -> bool {
        !a.quote.is_empty()
            && matches!((self.byte(a.start), self.byte(a.end)),
                (Some(x), Some(y)) if self.text.get(x..y) == Some(a.quote.as_str()))
    }

    /// Byte offsets of every occurrence of each anchor's quote, in one pass.
    fn occurrences(&self, anchors: &[&Anchor]) -> Vec<Vec<usize>> {
        if anchors.is_empty() {
            return Vec::new();
        }
        let quotes: Vec<&str> = anchors.iter().map(|a| a.quote.as_str()).collect();
        let Ok(ac) = aho_corasick::AhoCorasick::new(&quotes) else {
            return anchors
                .iter()
                .map(|a| {
                    self.text
                        .match_indices(a.quote.as_str())
                        .map(|(b, _)| b)
                        .collect()
                })
                .collect();
        };
        let mut out = vec![Vec::new(); quotes.len()];
        for m in ac.find_overlapping_iter(self.text) {
            out[m.pattern().as_usize()].push(m.start());
        }
        out
    }

    /// An anchor not at its old place: the best exact occurrence (moved), else an
    /// approximate match (fuzzy), else an orphan.
    fn elsewhere(&self, anchor: &Anchor, at: &[usize]) -> Resolved {
        let qlen = anchor.quote.chars().count();
        if let Some(c) = self.best_occurrence(anchor, at) {
            return Resolved {
                status: Status::Moved,
                range: Some(c..c + qlen),
                similarity: 1.0,
            };
        }
        if qlen < FUZZY_MIN_CHARS {
            return ORPHAN;
        }
        let quote: Vec<char> = anchor.quote.chars().collect();
        let max_edits = ((1.0 - FUZZY_THRESHOLD) * qlen as f64).floor() as usize;
        match self.approximate_near(&quote, max_edits, anchor.start) {
            Some((range, edits)) => Resolved {
                status: Status::Fuzzy,
                range: Some(range),
                similarity: 1.0 - edits as f64 / qlen as f64,
            },
            None => ORPHAN,
        }
    }

    /// Among the byte offsets `at` of the quote, the one whose context, then place, fits
    /// best (as a char offset): matching context on both sides first, then nearness to
    /// the old place.
    fn best_occurrence(&self, anchor: &Anchor, at: &[usize]) -> Option<usize> {
        let (quote, prefix, suffix) = (&anchor.quote, &anchor.prefix, &anchor.suffix);
        at.iter()
            .map(|&b| {
                let before = self.text[..b]
                    .chars()
                    .rev()
                    .zip(prefix.chars().rev())
                    .take_while(|(x, y)| x == y)
                    .count();
                let after = self.text[b + quote.len()..]
                    .chars()
                    .zip(suffix.chars())
                    .take_while(|(x, y)| x == y)
                    .count();
                let c = self.char_of(b);
                let score = (before + after, std::cmp::Reverse(c.abs_diff(anchor.start)));
                (score, c)
            })
            .max_by_key(|(score, _)| *score)
            .map(|(_, c)| c)
    }

    /// An approximate match near the old place, else anywhere while the budget lasts.
    fn approximate_near(
        &self,
        quote: &[char],
        max_edits: usize,
        old: usize,
    ) -> Option<(Range<usize>, usize)> {
        let reach = NEAR_CHARS.max(4 * quote.len());
        let old = old.min(self.chars);
        let from = old.saturating_sub(reach);
        let to = (old + quote.len() + reach).min(self.chars);
        let window = self.chars_in(from, to);
        if let Some((r, edits)) = super::approx::closest(&window, quote, max_edits, old - from) {
            return Some((r.start + from..r.end + from, edits));
        }
        if from == 0 && to == self.chars {
            return None; // the window was the whole text
        }
        let cost = (self.chars as u64).saturating_mul(quote.len() as u64);
        if cost > self.budget.get() {
            return None;
        }
        self.budget.set(self.budget.get() - cost);
        let all = self.all_chars.get_or_init(|| self.text.chars().collect());
        super::approx::closest(all, quote, max_edits, old)
    }
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

    #[test]
    fn offsets_stay_char_offsets_in_long_non_ascii_text() {
        // Several index marks of multibyte text before the passage.
        let filler = "Xi’an — Ürümqi, Астана. ".repeat(200);
        let text = format!("{filler}The two sides agreed on trade. {filler}");
        let start = filler.chars().count() + "The two sides ".len();
        let a = Anchor::new(&text, start..start + "agreed on trade".len());
        assert_eq!(a.quote, "agreed on trade");
        assert_eq!(resolve(&a, &text).status, Status::Exact);
        let moved = format!("Ärger. {text}");
        let r = resolve(&a, &moved);
        assert_eq!(r.status, Status::Moved);
        assert_eq!(r.range, Some(start + 7..start + 7 + 15));
        let edited = moved.replace("agreed on trade", "agreed on tarde");
        let r = resolve(&a, &edited);
        assert_eq!(r.status, Status::Fuzzy);
        assert_eq!(r.range, Some(start + 7..start + 7 + 15));
    }

    #[test]
    fn far_approximate_search_is_bounded_by_its_budget() {
        // The edited passage moved far from its old place: found by the whole-text search
        // while the budget lasts, then orphaned (kept) instead of searching on and on.
        let filler = "lorem ipsum dolor sit amet ".repeat(400); // ~11 k chars
        let text = format!("{filler}The two sides agreed on energy and trade.");
        let at = filler.len() + "The two sides ".len();
        let a = Anchor {
            start: 10,
            end: 10 + 26,
            ..Anchor::new(&text, at..at + "agreed on energy and trade".len())
        };
        let edited = text.replace("agreed on energy and trade", "agreed on energy and tride");
        let per_search = edited.chars().count() as u64 * 26;
        let resolver = Resolver::with_budget(&edited, 3 * per_search + per_search / 2);
        let affordable = 3;
        for _ in 0..affordable {
            assert_eq!(resolver.resolve(&a).status, Status::Fuzzy);
        }
        assert_eq!(resolver.resolve(&a).status, Status::Orphan);
    }

    #[test]
    fn many_at_once_answer_as_one_by_one() {
        let anchors: Vec<Anchor> = ["Xi met Tokayev", "agreed on trade", "Astana", "again."]
            .iter()
            .map(|q| Anchor::new(TEXT, at(TEXT, q)))
            .collect();
        let refs: Vec<&Anchor> = anchors.iter().collect();
        for text in [
            TEXT.to_owned(),
            format!("Note. {TEXT}"),
            TEXT.replace("agreed on trade", "agreed on tarde"),
            TEXT.replace("Astana", "Nur-Sultan"),
        ] {
            let one_by_one: Vec<Resolved> = refs.iter().map(|a| resolve(a, &text)).collect();
            assert_eq!(
                Resolver::new(&text).resolve_all(&refs),
                one_by_one,
                "{text}"
            );
        }
        assert_eq!(resolve_highlights(None, &refs)[0].status, Status::Orphan);
    }
}
