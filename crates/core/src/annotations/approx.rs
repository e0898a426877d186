//! Approximate search for a highlight's quote: the substring of a text closest to a
//! pattern in edit distance (a free start and end in the text), the one nearest the old
//! place among equally close ones.
//!
//! [`sellers`] is the plain dynamic programme, a column of the pattern's length per text
//! char. [`closest`] gives the same answer faster for quotes of up to 64 chars, which
//! most highlights are: Myers' bit-parallel algorithm (one machine word per text char)
//! finds the edit distance of the best match ending at each place, and the dynamic
//! programme then runs only over the few places where the best matches end, to find
//! where each begins. 500 edited highlights in a 1 MB report: 182 ms before, see
//! BENCHMARKS.md.

use std::collections::HashMap;
use std::ops::Range;

/// Longest pattern one machine word holds.
const WORD: usize = 64;

/// As [`sellers`], faster for patterns of up to 64 chars.
pub(super) fn closest(
    text: &[char],
    pattern: &[char],
    max_edits: usize,
    near: usize,
) -> Option<(Range<usize>, usize)> {
    let m = pattern.len();
    if m == 0 || m > WORD {
        return sellers(text, pattern, max_edits, near);
    }
    let ends = match_ends(text, pattern, max_edits);
    let least = ends.iter().map(|&(_, e)| e).min()?;
    // A match with at most `least` edits is at most m + least chars long: the programme
    // over that much text before each end finds where the match begins.
    let mut best: Option<(Range<usize>, usize)> = None;
    for &(end, _) in ends.iter().filter(|&&(_, e)| e == least) {
        let from = (end + 1).saturating_sub(m + least);
        let Some((r, e)) = last_column(&text[from..=end], pattern) else {
            continue;
        };
        let range = r.start + from..end + 1;
        let better = best
            .as_ref()
            .is_none_or(|(b, _)| range.start.abs_diff(near) < b.start.abs_diff(near));
        if e == least && better {
            best = Some((range, e));
        }
    }
    best
}

/// Every place `j` in `text` where a match of `pattern` with at most `max_edits` edits
/// ends, with the fewest edits of one ending there (Myers 1999; `pattern` of 1..=64).
fn match_ends(text: &[char], pattern: &[char], max_edits: usize) -> Vec<(usize, usize)> {
    let m = pattern.len();
    let mut ascii = [0u64; 128];
    let mut other: HashMap<char, u64> = HashMap::new();
    for (i, &c) in pattern.iter().enumerate() {
        match ascii.get_mut(c as usize) {
            Some(bits) => *bits |= 1 << i,
            None => *other.entry(c).or_default() |= 1 << i,
        }
    }
    let high = 1u64 << (m - 1);
    let (mut pv, mut mv, mut score) = (!0u64, 0u64, m);
    let mut out = Vec::new();
    for (j, &c) in text.iter().enumerate() {
        let eq = match ascii.get(c as usize) {
            Some(&bits) => bits,
            None => other.get(&c).copied().unwrap_or(0),
        };
        let xv = eq | mv;
        let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        if ph & high != 0 {
            score += 1;
        } else if mh & high != 0 {
            score -= 1;
        }
        ph <<= 1;
        mh <<= 1;
        pv = mh | !(xv | ph);
        mv = ph & xv;
        if score <= max_edits {
            out.push((j, score));
        }
    }
    out
}

/// The programme over all of `text`: the best match ending at its last char, if any.
fn last_column(text: &[char], pattern: &[char]) -> Option<(Range<usize>, usize)> {
    let m = pattern.len();
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut start: Vec<usize> = vec![0; m + 1];
    for (j, &c) in text.iter().enumerate() {
        step(pattern, c, j, &mut cost, &mut start);
    }
    (!text.is_empty()).then(|| (start[m]..text.len(), cost[m]))
}

/// Advance the programme's column (`cost`, `start`) by text char `c` at `j`.
fn step(pattern: &[char], c: char, j: usize, cost: &mut [usize], start: &mut [usize]) {
    let (mut diag_cost, mut diag_start) = (0, j);
    cost[0] = 0;
    start[0] = j + 1;
    for i in 1..=pattern.len() {
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
}

/// The substring of `text` closest to `pattern` in edit distance, if within `max_edits`
/// (Sellers' algorithm: edit distance with a free start and end in the text). Among
/// equally close matches, the one nearest `near` wins.
pub(super) fn sellers(
    text: &[char],
    pattern: &[char],
    max_edits: usize,
    near: usize,
) -> Option<(Range<usize>, usize)> {
    let m = pattern.len();
    // Column of the programme for the current text position: cost and where it started.
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut start: Vec<usize> = vec![0; m + 1];
    let mut best: Option<(Range<usize>, usize)> = None;
    for (j, &c) in text.iter().enumerate() {
        step(pattern, c, j, &mut cost, &mut start);
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

    /// A small pseudo-random generator (xorshift), so the cases are the same each run.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    /// Thousands of texts and patterns over a small alphabet (so near matches abound),
    /// with accents and a letter outside ASCII: the fast search answers as the plain
    /// programme does, edits, range and all.
    #[test]
    fn the_fast_search_answers_as_the_plain_programme() {
        let alphabet: Vec<char> = "abcé ж".chars().collect();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut found = 0;
        for case in 0..4000 {
            let n = 1 + rng.next(300);
            let text: Vec<char> = (0..n).map(|_| alphabet[rng.next(alphabet.len())]).collect();
            let m = 1 + rng.next(if case % 5 == 0 { 80 } else { 64 });
            let pattern: Vec<char> = if rng.next(2) == 0 && m < n {
                // Taken from the text, then edited.
                let at = rng.next(n - m);
                let mut p = text[at..at + m].to_vec();
                for _ in 0..rng.next(4) {
                    let i = rng.next(p.len());
                    p[i] = alphabet[rng.next(alphabet.len())];
                }
                p
            } else {
                (0..m).map(|_| alphabet[rng.next(alphabet.len())]).collect()
            };
            let max_edits = rng.next(m / 2 + 1);
            let near = rng.next(n + 1);
            let plain = sellers(&text, &pattern, max_edits, near);
            found += usize::from(plain.is_some());
            assert_eq!(
                closest(&text, &pattern, max_edits, near),
                plain,
                "case {case}: {:?} in {:?}, {max_edits} edits, near {near}",
                pattern.iter().collect::<String>(),
                text.iter().collect::<String>()
            );
        }
        assert!(found > 1000, "enough cases find a match ({found})");
    }

    #[test]
    fn a_word_length_pattern_is_found_with_its_edits() {
        let text: Vec<char> = "xx the ministers reveiwed point seven of the agenda yy"
            .chars()
            .collect();
        let pattern: Vec<char> = "the ministers reviewed point seven of the agenda"
            .chars()
            .collect();
        let (range, edits) = closest(&text, &pattern, 5, 0).expect("found");
        assert_eq!(edits, 2);
        assert_eq!(
            text[range].iter().collect::<String>(),
            "the ministers reveiwed point seven of the agenda"
        );
    }
}
