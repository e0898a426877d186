//! The word index of the text search: every lower-case word of the reports' titles and
//! texts, sorted, each with the reports it occurs in.
//!
//! Kept small, since it grows with the corpus: a word's reports are one run of bytes in
//! one buffer, each report's number written as its distance from the one before (LEB128,
//! one byte for most), so the index holds about a byte per (word, report) pair instead of
//! four, and two allocations instead of one per word. Built in parallel over chunks of
//! reports, each chunk encoding its own runs, which are then joined in report order.

use crate::corpus::Article;
use rayon::prelude::*;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub(crate) struct WordIndex {
    /// Distinct words, sorted, each with the end of its run in `runs`.
    words: Vec<(Box<str>, usize)>,
    /// Every word's reports, one run after another.
    runs: Vec<u8>,
}

/// One word's reports within a chunk: the first, the last, and the distances after the
/// first, encoded.
struct Run {
    first: u32,
    last: u32,
    rest: Vec<u8>,
}

impl WordIndex {
    /// The index of `articles` (their titles and texts).
    pub(crate) fn build(articles: &[Article]) -> WordIndex {
        let chunk = (articles.len())
            .div_ceil(rayon::current_num_threads() * 4)
            .max(1);
        let chunks: Vec<HashMap<Box<str>, Run>> = (0..articles.len())
            .step_by(chunk)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|first| chunk_runs(articles, first, chunk))
            .collect();
        // Chunks are in report order: each run continues the word's last one.
        let mut joined: HashMap<Box<str>, (u32, Vec<u8>)> = HashMap::new();
        for runs in chunks {
            for (word, run) in runs {
                match joined.get_mut(&word) {
                    Some((last, bytes)) => {
                        push_number(bytes, run.first - *last);
                        bytes.extend_from_slice(&run.rest);
                        *last = run.last;
                    }
                    None => {
                        let mut bytes = Vec::with_capacity(run.rest.len() + 5);
                        push_number(&mut bytes, run.first);
                        bytes.extend_from_slice(&run.rest);
                        joined.insert(word, (run.last, bytes));
                    }
                }
            }
        }
        let mut sorted: Vec<(Box<str>, Vec<u8>)> =
            joined.into_iter().map(|(w, (_, b))| (w, b)).collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut index = WordIndex {
            words: Vec::with_capacity(sorted.len()),
            runs: Vec::with_capacity(sorted.iter().map(|(_, b)| b.len()).sum()),
        };
        for (word, bytes) in sorted {
            index.runs.extend_from_slice(&bytes);
            index.words.push((word, index.runs.len()));
        }
        index
    }

    /// Mark in `hit` every report having a word that starts with `prefix` (lower-case).
    pub(crate) fn mark_prefix(&self, prefix: &str, hit: &mut [bool]) {
        let start = self.words.partition_point(|(w, _)| &**w < prefix);
        let mut from = start.checked_sub(1).map_or(0, |i| self.words[i].1);
        for (word, end) in &self.words[start..] {
            if !word.starts_with(prefix) {
                break;
            }
            let mut report = 0u32;
            let mut bytes = &self.runs[from..*end];
            while let Some((step, rest)) = read_number(bytes) {
                report += step;
                if let Some(h) = hit.get_mut(report as usize) {
                    *h = true;
                }
                bytes = rest;
            }
            from = *end;
        }
    }
}

/// The runs of the reports `first..first + len` (those that exist).
fn chunk_runs(articles: &[Article], first: usize, len: usize) -> HashMap<Box<str>, Run> {
    let mut runs: HashMap<Box<str>, Run> = HashMap::new();
    let mut lower = String::new();
    for (i, a) in articles.iter().enumerate().skip(first).take(len) {
        let id = i as u32;
        for text in [a.meta.title.as_str(), a.text.as_str()] {
            for w in text.split(|c: char| !c.is_alphanumeric()) {
                if w.is_empty() {
                    continue;
                }
                lower.clear();
                lower.extend(w.chars().flat_map(char::to_lowercase));
                match runs.get_mut(lower.as_str()) {
                    Some(run) if run.last != id => {
                        push_number(&mut run.rest, id - run.last);
                        run.last = id;
                    }
                    Some(_) => {}
                    None => {
                        let run = Run {
                            first: id,
                            last: id,
                            rest: Vec::new(),
                        };
                        runs.insert(lower.as_str().into(), run);
                    }
                }
            }
        }
    }
    runs
}

/// `n` in LEB128: seven bits a byte, the high bit set on all but the last.
fn push_number(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The number `bytes` start with and what follows it; `None` when empty.
fn read_number(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let mut n = 0u32;
    for (i, b) in bytes.iter().enumerate() {
        n |= u32::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((n, &bytes[i + 1..]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(path: &str, text: &str) -> Article {
        Article::from_bytes(path, text.as_bytes()).expect("a text fixture")
    }

    fn marked(index: &WordIndex, prefix: &str, n: usize) -> Vec<usize> {
        let mut hit = vec![false; n];
        index.mark_prefix(prefix, &mut hit);
        (0..n).filter(|&i| hit[i]).collect()
    }

    #[test]
    fn numbers_read_back_as_written() {
        let numbers = [0, 1, 127, 128, 300, 16_383, 16_384, 2_000_000, u32::MAX];
        let mut bytes = Vec::new();
        for n in numbers {
            push_number(&mut bytes, n);
        }
        let mut back = Vec::new();
        let mut rest = &bytes[..];
        while let Some((n, r)) = read_number(rest) {
            back.push(n);
            rest = r;
        }
        assert_eq!(back, numbers);
        assert_eq!(
            read_number(&[0x80]),
            None,
            "a number cut short is no number"
        );
    }

    /// Every report holding a word with the prefix, checked against a plain scan of the
    /// texts, with reports far enough apart that distances take several bytes and
    /// enough reports that the index is built in several chunks.
    #[test]
    fn a_prefix_finds_exactly_the_reports_holding_it() {
        let mut articles = Vec::new();
        for i in 0..3000 {
            let mut text = format!("Report {i}\n\nThe leaders met.");
            if i % 7 == 0 {
                text.push_str(" They spoke of Trade.");
            }
            if i == 5 || i == 2999 {
                text.push_str(" A rare word: tradewinds.");
            }
            articles.push(article(&format!("r{i:05}.txt"), &text));
        }
        let index = WordIndex::build(&articles);
        let n = articles.len();
        let expect = |prefix: &str| -> Vec<usize> {
            (0..n)
                .filter(|&i| {
                    let a = &articles[i];
                    [a.meta.title.as_str(), a.text.as_str()].iter().any(|t| {
                        t.to_lowercase()
                            .split(|c: char| !c.is_alphanumeric())
                            .any(|w| w.starts_with(prefix))
                    })
                })
                .collect()
        };
        for prefix in ["trade", "tradew", "leaders", "report", "2999", "met", "zzz"] {
            assert_eq!(marked(&index, prefix, n), expect(prefix), "{prefix}");
        }
        assert_eq!(marked(&index, "tradew", n), [5, 2999]);
        let sevens = (0..3000).filter(|i| i % 7 == 0).count();
        assert_eq!(marked(&index, "trade", n).len(), sevens + 2);
    }
}
