//! Highlights stay attached when articles change: property tests over random texts and
//! edits, and the line-ending case.

use dossier::annotations::{Anchor, Status, anchor};
use dossier::corpus::Article;
use proptest::prelude::*;

/// Texts of words, some with non-ASCII letters so char and byte offsets differ.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "Xi",
            "Tokayev",
            "met",
            "in",
            "Astana",
            "Xi’an",
            "coopération",
            "trade",
            "the",
            "two",
            "sides",
            "agreed",
            "—",
            "Belt",
            "Road",
            "énergie",
            "talks",
            "said",
            ".",
        ]),
        20..120,
    )
    .prop_map(|w| w.join(" "))
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

fn slice(s: &str, r: std::ops::Range<usize>) -> String {
    s.chars().skip(r.start).take(r.end - r.start).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn edits_outside_a_highlight_never_orphan_it(
        text in text(),
        a in 0.0f64..1.0, len in 1usize..40,
        insert in "[a-zé ’.]{1,30}",
        where_ in 0.0f64..1.0,
        delete in any::<bool>(),
    ) {
        let n = chars(&text).len();
        let start = ((n - 1) as f64 * a) as usize;
        let end = (start + len).min(n);
        let anchor = Anchor::new(&text, start..end);
        // An edit entirely before or entirely after the highlight.
        let c = chars(&text);
        let edited: String = if where_ < 0.5 {
            let at = (start as f64 * where_ * 2.0) as usize;
            if delete && at < start {
                c[..at].iter().chain(&c[start..]).collect()
            } else {
                c[..at].iter().copied().chain(insert.chars()).chain(c[at..].iter().copied()).collect()
            }
        } else {
            let at = end + ((n - end) as f64 * (where_ - 0.5) * 2.0) as usize;
            if delete && at > end {
                c[..end].iter().chain(&c[at..]).collect()
            } else {
                c[..at].iter().copied().chain(insert.chars()).chain(c[at..].iter().copied()).collect()
            }
        };
        let r = anchor::resolve(&anchor, &edited);
        prop_assert!(matches!(r.status, Status::Exact | Status::Moved), "{:?}", r.status);
        let range = r.range.expect("found");
        prop_assert_eq!(slice(&edited, range), anchor.quote);
    }

    #[test]
    fn moved_text_is_found_again(text in text(), a in 0.0f64..1.0, len in 8usize..40, to in 0.0f64..1.0) {
        let c = chars(&text);
        let n = c.len();
        let start = ((n - 1) as f64 * a) as usize;
        let end = (start + len).min(n);
        let anchor = Anchor::new(&text, start..end);
        // Cut the highlighted passage and paste it somewhere else.
        let rest: Vec<char> = c[..start].iter().chain(&c[end..]).copied().collect();
        let at = (rest.len() as f64 * to) as usize;
        let moved: String = rest[..at].iter().chain(&c[start..end]).chain(&rest[at..]).collect();
        let r = anchor::resolve(&anchor, &moved);
        prop_assert!(matches!(r.status, Status::Exact | Status::Moved), "{:?}", r.status);
        prop_assert_eq!(slice(&moved, r.range.expect("found")), anchor.quote);
    }
}

#[test]
fn crlf_only_changes_leave_anchors_exact() {
    let lf = "Xi eyes better relations\n\nBEIJING -- Xi said Wednesday\nthat ties are strong.\n";
    let article = Article::from_bytes("a.txt", lf.as_bytes()).unwrap();
    let b = article.text.find("ties are strong").unwrap();
    let start = article.text[..b].chars().count();
    let anchor = Anchor::new(&article.text, start..start + "ties are strong".len());
    for variant in [lf.replace('\n', "\r\n"), lf.replace('\n', "\r")] {
        let edited = Article::from_bytes("a.txt", variant.as_bytes()).unwrap();
        let r = anchor::resolve(&anchor, &edited.text);
        assert_eq!(r.status, Status::Exact);
    }
}

#[test]
fn a_reworded_passage_is_fuzzy_and_a_deleted_one_orphaned() {
    let text = "The two sides agreed to expand cooperation in energy and trade this year.";
    let b = text.find("expand cooperation in energy and trade").unwrap();
    let anchor = Anchor::new(text, b..b + "expand cooperation in energy and trade".len());
    let reworded = text.replace(
        "cooperation in energy and trade",
        "co-operation in energy and commerce",
    );
    let r = anchor::resolve(&anchor, &reworded);
    assert_eq!(r.status, Status::Fuzzy);
    assert!(slice(&reworded, r.range.unwrap()).starts_with("expand co-operation in energy"));
    let deleted = "The two sides agreed this year.";
    assert_eq!(anchor::resolve(&anchor, deleted).status, Status::Orphan);
}
