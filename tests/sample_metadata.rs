//! The five sample reports give exactly the metadata in the foundation issue's table.

use dossier::corpus;
use std::path::Path;

fn sample() -> corpus::Corpus {
    corpus::load(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-corpus")
            .as_path(),
    )
    .expect("sample-corpus loads")
}

#[test]
fn each_sample_has_the_expected_metadata() {
    let c = sample();
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    let rows: Vec<_> = c
        .articles
        .iter()
        .map(|a| {
            (
                a.path.as_str(),
                a.meta.title.as_str(),
                a.meta.published.map(|d| d.to_string()),
                a.meta.source.as_deref(),
                a.meta.place.as_deref(),
            )
        })
        .collect();
    let d = |s: &str| Some(s.to_owned());
    assert_eq!(
        rows[..4],
        [
            (
                "000_ce9b4343981b04df.txt",
                "Xi highlights vital role of BRI solidarity",
                d("2021-06-03"),
                Some("China Daily"),
                None
            ),
            (
                "001_e15d73de3d9c7b48.txt",
                "President Xi calls for greater Beijing-Baku exchanges",
                None,
                Some("Agencies"),
                Some("Beijing")
            ),
            (
                "002_d19069a31ccc614c.txt",
                "Xi eyes better China-Kazakhstan relations",
                d("2021-06-03"),
                Some("Xinhua"),
                Some("Beijing")
            ),
            (
                "003_605b4ee0f7fb2dfc.txt",
                "Xi urges China, Kyrgyzstan to promote high-quality Belt and Road cooperation",
                d("2024-07-04"),
                Some("Xinhua"),
                Some("Astana")
            ),
        ]
    );
    let derived = &c.articles[4];
    assert_eq!(derived.path, "004_48b92a249b80ec9f.txt");
    assert!(derived.meta.title_derived);
    assert!(
        derived
            .meta
            .title
            .starts_with("Chinese President Xi Jinping and Kazakh President"),
        "{}",
        derived.meta.title
    );
    assert!(derived.meta.title.chars().count() <= 91);
    assert_eq!(
        (
            derived.meta.published,
            &derived.meta.source,
            &derived.meta.place
        ),
        (None, &None, &None)
    );
    for a in &c.articles[..4] {
        assert!(!a.meta.title_derived, "{}", a.path);
    }
}

#[test]
fn sample_bodies_start_after_the_header_and_dateline() {
    let c = sample();
    let body = |path: &str| {
        let a = c.article(path).expect("article exists");
        a.text[a.meta.body_start..]
            .lines()
            .next()
            .unwrap_or("")
            .to_owned()
    };
    assert!(body("003_605b4ee0f7fb2dfc.txt").starts_with("China and Kyrgyzstan should explore"));
    assert!(
        body("002_d19069a31ccc614c.txt").starts_with("Chinese President Xi Jinping said Wednesday")
    );
    assert!(body("000_ce9b4343981b04df.txt").starts_with("China and Kazakhstan should foster"));
    let dl = c
        .article("003_605b4ee0f7fb2dfc.txt")
        .and_then(|a| a.meta.dateline_date);
    assert_eq!(dl.map(|d| (d.year, d.month, d.day)), Some((None, 7, 3)));
}

#[test]
fn loading_is_a_pure_function_of_the_bytes() {
    assert_eq!(sample(), sample());
}
