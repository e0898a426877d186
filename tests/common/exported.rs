//! A fixed annotated copy of the samples (one report with CRLF line ends on disk) and the
//! notes an export writes of it, for the export tests.
#![allow(dead_code)] // not every test file exports

use dossier::annotations::model::{ArticleNotes, Store, Tag};
use dossier::annotations::{Anchor, Highlight, sidecar};
use dossier::export::{self, Notes};
use dossier::filter::Query;
use dossier::workspace::Workspace;
use std::fs;

pub const AT: &str = "2024-07-05T09:30:00Z";

/// The samples, one of them with CRLF line ends on disk, annotated with fixed ids.
pub fn annotated() -> (tempfile::TempDir, Workspace) {
    let dir = super::sample_copy();
    let f002 = dir.path().join("002_d19069a31ccc614c.txt");
    let crlf = fs::read_to_string(&f002).unwrap().replace('\n', "\r\n");
    fs::write(&f002, crlf).unwrap();

    let ws = Workspace::open(dir.path()).unwrap();
    let at: jiff::Timestamp = AT.parse().unwrap();
    let mut store = Store::default();
    let tag = |id: &str, name: &str, colour: &str, description: &str, parent: Option<&str>| Tag {
        id: id.into(),
        name: name.into(),
        colour: colour.into(),
        description: description.into(),
        parent: parent.map(Into::into),
    };
    store.tags = vec![
        tag(
            "t1",
            "cooperation",
            "#82e0aa",
            "Fields of cooperation named",
            None,
        ),
        tag("t2", "Belt and Road", "#f4d03f", "", Some("t1")),
        tag(
            "t3",
            "friendship & trust",
            "#85c1e9",
            "How the ties are described",
            None,
        ),
    ];
    let mut add = |path: &str, id: &str, quote: &str, nth: usize, tags: &[&str], note: &str| {
        let text = &ws.corpus().article(path).unwrap().text;
        let b = text.match_indices(quote).nth(nth).unwrap().0;
        let start = text[..b].chars().count();
        let notes = store.articles.entry(path.into()).or_default();
        notes.highlights.push(Highlight {
            id: id.into(),
            anchor: Anchor::new(text, start..start + quote.chars().count()),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            note: note.into(),
            created: at,
            modified: at,
        });
    };
    add(
        "000_ce9b4343981b04df.txt",
        "h1",
        "green energy, artificial intelligence, e-commerce and digital finance",
        0,
        &["t1"],
        "",
    );
    add(
        "000_ce9b4343981b04df.txt",
        "h2",
        "permanent comprehensive strategic partners",
        0,
        &["t3", "t1"],
        "Same words as in 002.",
    );
    add(
        "002_d19069a31ccc614c.txt",
        "h3",
        "permanent comprehensive strategic partners",
        0,
        &["t3"],
        "",
    );
    add(
        "002_d19069a31ccc614c.txt",
        "h4",
        "high-quality Belt and Road cooperation",
        0,
        &["t2"],
        "Line two\nof a \"quoted\" note",
    );
    add(
        "004_48b92a249b80ec9f.txt",
        "h5",
        "Kazakhstan’s national sovereignty",
        0,
        &["t3"],
        "",
    );
    store
        .articles
        .get_mut("004_48b92a249b80ec9f.txt")
        .unwrap()
        .note = "No date in the report itself.".into();
    store.articles.insert(
        "003_605b4ee0f7fb2dfc.txt".into(),
        ArticleNotes {
            note: "Check the SCO context.".into(),
            ..ArticleNotes::default()
        },
    );
    fs::write(sidecar::path(dir.path()), sidecar::encode(&store).unwrap()).unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    (dir, ws)
}

pub fn notes() -> (tempfile::TempDir, Notes) {
    let (dir, ws) = annotated();
    let mut notes = export::collect(&ws, &Query::default());
    // The temporary folder's name changes every run; the snapshots should not.
    notes.corpus = "samples".into();
    notes.base = "file:///corpus/samples/".into();
    (dir, notes)
}
