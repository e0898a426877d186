//! Intercoder agreement between two analysts who coded one corpus, each in a sidecar of
//! their own.
//!
//! **Units.** Every sentence of every report ([`crate::text::sentences`]). A coder codes a
//! sentence with a tag when one of their highlights bearing that tag overlaps it, where
//! the highlight is found now in the report's text. Tags are matched across the two files
//! by their path of names (`Parent / Child`), since ids differ between files.
//!
//! **Per tag**, over the N sentences, with `a` and `b` the sentences each coder coded and
//! `both` those both coded:
//! - percentage agreement `p_o = (N − d) / N`, where `d = a + b − 2·both` are the sentences
//!   one coded and the other did not;
//! - Cohen's kappa `κ = (p_o − p_e) / (1 − p_e)`, with chance agreement
//!   `p_e = (a/N)(b/N) + ((N−a)/N)((N−b)/N)` (Cohen 1960, "A coefficient of agreement for
//!   nominal scales"); undefined when `p_e = 1` (both coders coded all or nothing alike).
//!
//! **Overall**, over every (sentence, tag) pair as a unit with the value coded / not coded:
//! the percentage agreement, and Krippendorff's alpha for nominal data with two coders and
//! no missing values, `α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k`, where `n = 2U`
//! values over U units, `o_ck` the coincidences of values c and k within units (each
//! disagreeing unit gives one (0,1) and one (1,0)), and `n_c` how often value c was given
//! (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"). For binary values
//! this is `α = 1 − (n − 1) · 2D / (2·n_1·n_0)`, D the disagreeing units.

use crate::annotations::{ArticleNotes, Store, anchor};
use crate::corpus::Corpus;
use crate::workspace::Workspace;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

/// Sentences, as (article index, sentence index), each coder coded with each tag path.
pub type Coding = BTreeMap<String, BTreeSet<(usize, usize)>>;

/// How the two coders agree on one tag.
#[derive(Debug, Clone, PartialEq)]
pub struct TagAgreement {
    /// The tag's path of names.
    pub tag: String,
    /// Sentences the first coder, the second, and both coded with it.
    pub ours: usize,
    pub theirs: usize,
    pub both: usize,
    /// Share of sentences on which they agree (coded by both or by neither), 0–1.
    pub agreement: f64,
    pub kappa: Option<f64>,
}

/// A sentence one coder coded with a tag and the other did not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    pub article: String,
    /// Char range of the sentence in the report's text.
    pub sentence: Range<usize>,
    pub tag: String,
    /// Whether it was the first coder (ours) who coded it.
    pub coded_by_ours: bool,
}

/// Agreement over the whole corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    /// Sentences compared.
    pub sentences: usize,
    pub tags: Vec<TagAgreement>,
    /// Over every (sentence, tag) pair.
    pub agreement: f64,
    pub alpha: Option<f64>,
    pub disagreements: Vec<Disagreement>,
}

/// The sentences of each report of `corpus`.
pub fn sentences(corpus: &Corpus) -> Vec<Vec<Range<usize>>> {
    corpus
        .articles
        .iter()
        .map(|a| crate::text::sentences(&a.text))
        .collect()
}

/// What `store` codes: per tag path, the sentences a highlight with that tag overlaps
/// (as found now in the reports' texts; a highlight whose passage is gone codes nothing).
pub fn coding(corpus: &Corpus, sentences: &[Vec<Range<usize>>], store: &Store) -> Coding {
    coding_with(corpus, sentences, store, |a, notes| {
        let anchors: Vec<_> = notes.highlights.iter().map(|h| &h.anchor).collect();
        let text = &corpus.articles[a].text;
        (anchor::resolve_highlights(Some(text), &anchors).into_iter())
            .map(|p| p.range)
            .collect()
    })
}

/// What `store` codes, with `placed(article, notes)` telling where each of a report's
/// highlights is now (char ranges, in the order of its highlights): the analyst's own
/// places are already kept by the workspace.
pub fn coding_with(
    corpus: &Corpus,
    sentences: &[Vec<Range<usize>>],
    store: &Store,
    placed: impl Fn(usize, &ArticleNotes) -> Vec<Option<Range<usize>>>,
) -> Coding {
    let paths: HashMap<&str, String> = (store.tags.iter())
        .map(|t| (t.id.as_str(), store.tag_path(&t.id).unwrap_or_default()))
        .collect();
    let mut out: Coding = paths
        .values()
        .map(|p| (p.clone(), BTreeSet::new()))
        .collect();
    // The corpus and the annotations are both in path order: walk them side by side.
    let mut a = 0;
    for (path, notes) in &store.articles {
        let rest = &corpus.articles[a.min(corpus.articles.len())..];
        a += rest
            .iter()
            .take_while(|r| r.path.as_str() < path.as_str())
            .count();
        let (Some(article), Some(split)) = (corpus.articles.get(a), sentences.get(a)) else {
            break;
        };
        if article.path != *path {
            continue;
        }
        let text = &article.text;
        for (h, range) in notes.highlights.iter().zip(placed(a, notes)) {
            let Some(range) = range else { continue };
            let hit = sentences_overlapping(split, &range, text);
            for tag in h.tags.iter().filter_map(|t| paths.get(t.as_str())) {
                let coded = out.entry(tag.clone()).or_default();
                coded.extend(hit.iter().map(|s| (a, *s)));
            }
        }
    }
    out
}

/// What the analyst of `ws` codes now, their highlights placed where the workspace keeps
/// them (not placed again here).
pub fn coding_in(ws: &Workspace, sentences: &[Vec<Range<usize>>]) -> Coding {
    let corpus = ws.corpus();
    coding_with(corpus, sentences, ws.store(), |a, _| {
        let places = ws.places(&corpus.articles[a].path);
        places.iter().map(|p| p.range.clone()).collect()
    })
}

/// The indices of the sentences (byte ranges) that a char range of `text` overlaps.
fn sentences_overlapping(
    sentences: &[Range<usize>],
    chars: &Range<usize>,
    text: &str,
) -> Vec<usize> {
    let bytes = crate::text::char_range_to_bytes(text, chars.clone());
    sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.start < bytes.end && bytes.start < s.end)
        .map(|(i, _)| i)
        .collect()
}

/// A statistic as printed and shown: two decimals, or `undefined`.
pub fn shown(x: Option<f64>) -> String {
    x.map_or("undefined".to_owned(), |x| format!("{x:.2}"))
}

/// A share (0–1) as a percentage with one decimal.
pub fn shown_percent(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// How `ours` and `theirs` agree on `corpus`.
pub fn agree(corpus: &Corpus, ours: &Store, theirs: &Store) -> Agreement {
    agree_on(corpus, &sentences(corpus), ours, theirs)
}

/// How `ours` and `theirs` agree on `corpus`, whose [`sentences`] are given (so that a
/// caller comparing again after an edit need not split the corpus again).
pub fn agree_on(
    corpus: &Corpus,
    sentences: &[Vec<Range<usize>>],
    ours: &Store,
    theirs: &Store,
) -> Agreement {
    let (a, b) = (
        coding(corpus, sentences, ours),
        coding(corpus, sentences, theirs),
    );
    compare(corpus, sentences, &a, &b)
}

/// How two codings of `corpus` (split into `sentences`) agree: what [`agree_on`] does
/// once each coder's [`coding`] is known (a caller may keep one that has not changed).
pub fn compare(
    corpus: &Corpus,
    sentences: &[Vec<Range<usize>>],
    a: &Coding,
    b: &Coding,
) -> Agreement {
    let units: usize = sentences.iter().map(Vec::len).sum();
    let empty = BTreeSet::new();
    let paths: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let mut tags = Vec::new();
    let mut disagreements = Vec::new();
    for path in paths {
        let (x, y) = (a.get(path).unwrap_or(&empty), b.get(path).unwrap_or(&empty));
        let both = x.intersection(y).count();
        tags.push(tag_agreement(path, units, (x.len(), y.len(), both)));
        for (coded_by_ours, (art, s)) in
            (x.difference(y).map(|u| (true, u))).chain(y.difference(x).map(|u| (false, u)))
        {
            disagreements.push(Disagreement {
                article: corpus.articles[*art].path.clone(),
                sentence: byte_to_chars(&corpus.articles[*art].text, &sentences[*art][*s]),
                tag: path.clone(),
                coded_by_ours,
            });
        }
    }
    let pairs = units * tags.len();
    let (ours_n, theirs_n, both_n) = tags.iter().fold((0, 0, 0), |(p, q, r), t| {
        (p + t.ours, q + t.theirs, r + t.both)
    });
    Agreement {
        sentences: units,
        agreement: percent_agreement(pairs, (ours_n, theirs_n, both_n)).unwrap_or(1.0),
        alpha: alpha(pairs, (ours_n, theirs_n, both_n)),
        tags,
        disagreements,
    }
}

fn byte_to_chars(text: &str, bytes: &Range<usize>) -> Range<usize> {
    crate::text::byte_range_to_chars(text, bytes.clone())
}

/// Agreement on one tag from the counts `(ours, theirs, both)` over `units` sentences.
fn tag_agreement(tag: &str, units: usize, counts: (usize, usize, usize)) -> TagAgreement {
    TagAgreement {
        tag: tag.to_owned(),
        ours: counts.0,
        theirs: counts.1,
        both: counts.2,
        agreement: percent_agreement(units, counts).unwrap_or(1.0),
        kappa: kappa(units, counts),
    }
}

/// Share of `units` both coders treated alike, given `(a, b, both)` coded.
pub fn percent_agreement(units: usize, (a, b, both): (usize, usize, usize)) -> Option<f64> {
    let disagree = a + b - 2 * both;
    (units > 0).then(|| (units - disagree) as f64 / units as f64)
}

/// Cohen's kappa over `units` binary units, `(a, b, both)` coded (see the module doc).
pub fn kappa(units: usize, counts: (usize, usize, usize)) -> Option<f64> {
    let (a, b, _) = counts;
    let n = units as f64;
    let p_o = percent_agreement(units, counts)?;
    let (pa, pb) = (a as f64 / n, b as f64 / n);
    let p_e = pa * pb + (1.0 - pa) * (1.0 - pb);
    (p_e < 1.0).then(|| (p_o - p_e) / (1.0 - p_e))
}

/// Krippendorff's alpha for binary values, two coders, no missing values, over `units`
/// units of which `(a, b, both)` were coded (see the module doc).
pub fn alpha(units: usize, (a, b, both): (usize, usize, usize)) -> Option<f64> {
    let n = 2.0 * units as f64;
    let disagree = (a + b - 2 * both) as f64;
    let n1 = (a + b) as f64;
    let n0 = n - n1;
    let expected = 2.0 * n1 * n0;
    (expected > 0.0).then(|| 1.0 - (n - 1.0) * 2.0 * disagree / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(x: Option<f64>, y: f64) -> bool {
        x.is_some_and(|x| (x - y).abs() < 1e-9)
    }

    /// Krippendorff's alpha from its definition: the coincidence matrix of the values
    /// each unit holds (two coders, nominal values), independent of [`alpha`].
    fn alpha_by_definition(units: &[(u8, u8)]) -> f64 {
        let mut o = [[0.0f64; 2]; 2];
        for &(x, y) in units {
            // Each unit of two values gives the pairs (x, y) and (y, x), weighted 1/(2−1).
            o[x as usize][y as usize] += 1.0;
            o[y as usize][x as usize] += 1.0;
        }
        let n_c = [o[0][0] + o[0][1], o[1][0] + o[1][1]];
        let n = n_c[0] + n_c[1];
        let observed = o[0][1] + o[1][0];
        let expected = n_c[0] * n_c[1] + n_c[1] * n_c[0];
        1.0 - (n - 1.0) * observed / expected
    }

    #[test]
    fn alpha_agrees_with_its_definition() {
        // A codes units 0–9 of 20, B codes 0–3.
        let units: Vec<(u8, u8)> = (0..20)
            .map(|i| (u8::from(i < 10), u8::from(i < 4)))
            .collect();
        assert!(close(alpha(20, (10, 4, 4)), alpha_by_definition(&units)));
        let units: Vec<(u8, u8)> = (0..10)
            .map(|i| (u8::from(i < 5), u8::from(i < 4 || i == 5)))
            .collect();
        assert!(close(alpha(10, (5, 5, 4)), alpha_by_definition(&units)));
    }

    #[test]
    fn kappa_and_alpha_match_hand_computed_examples() {
        // Ten units; A codes 1–5, B codes 1–4 and 6: they agree on 8.
        // p_o = 0.8; p_e = 0.5·0.5 + 0.5·0.5 = 0.5; κ = 0.3 / 0.5 = 0.6.
        // n = 20, n_1 = n_0 = 10, two disagreeing units: α = 1 − 19·4 / 200 = 0.62.
        assert!(close(percent_agreement(10, (5, 5, 4)), 0.8));
        assert!(close(kappa(10, (5, 5, 4)), 0.6));
        assert!(close(alpha(10, (5, 5, 4)), 0.62));
        // Twenty units; A codes 10, B codes 4, all within A's: p_o = 14/20 = 0.7;
        // p_e = 0.5·0.2 + 0.5·0.8 = 0.5; κ = 0.4. α = 1 − 39·12 / (2·14·26) = 1 − 468/728.
        assert!(close(kappa(20, (10, 4, 4)), 0.4));
        assert!(close(alpha(20, (10, 4, 4)), 1.0 - 468.0 / 728.0));
        // Perfect agreement: κ = α = 1; nothing coded by anyone: κ and α undefined.
        assert!(close(kappa(10, (3, 3, 3)), 1.0));
        assert!(close(alpha(10, (3, 3, 3)), 1.0));
        assert_eq!(kappa(10, (0, 0, 0)), None);
        assert_eq!(alpha(10, (0, 0, 0)), None);
    }
}
