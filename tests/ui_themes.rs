//! The themes window in the app: reached from View → Themes…, it lists the coded passages
//! by tag, counts them by counterpart country, and a click on a passage opens its report
//! with the passage marked.

mod common;
use common::{harness, sample_copy};

use egui_kittest::kittest::Queryable;
use std::path::Path;

const R002: &str = "002_d19069a31ccc614c.txt";
const QUOTE: &str = "permanent comprehensive strategic partners";

fn highlight(folder: &Path, article: &str, quote: &str, tag: &str) {
    let f = folder.to_str().expect("a UTF-8 path");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["highlight", f, "--article", article, "--quote", quote])
        .args(["--occurrence", "1", "--tag", tag])
        .output()
        .expect("the dossier binary runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn the_themes_window_lists_counts_and_opens_passages() {
    let dir = sample_copy();
    highlight(dir.path(), R002, QUOTE, "friendship");
    highlight(dir.path(), "000_ce9b4343981b04df.txt", QUOTE, "friendship");
    let mut h = harness(dir.path());
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Themes…").click();
    h.run();
    assert!(h.state().view.themes.open);
    // The tag's row in the codebook, and its group of passages in the window.
    assert_eq!(h.query_all_by_label("friendship (2)").count(), 2);

    // By country: 002 tells of the call with Tokayev only; 000's passage is in no
    // meeting's sentence, so it is about all three of its calls.
    h.get_by_label("Themes × meetings").click();
    h.run();
    for country in ["Azerbaijan", "Dominican Republic", "Kazakhstan"] {
        h.get_by_label(country);
    }
    h.get_by_label("2").click();
    h.run();
    h.get_by_label_contains("about Kazakhstan");

    // The passage of 002 opens its report with the passage marked.
    let links = h.query_all_by_label(&format!("“{QUOTE}”")).count();
    assert_eq!(links, 2);
    // Passages are listed in corpus order: 002's comes after 000's.
    h.query_all_by_label(&format!("“{QUOTE}”"))
        .last()
        .expect("002's passage")
        .click();
    h.run();
    let app = h.state();
    let ws = app.workspace.as_ref().expect("open");
    let a = app.view.focus.article.expect("a report is open");
    assert_eq!(ws.corpus().articles[a].path, R002);
    let text = &ws.corpus().articles[a].text;
    let at = text.find(QUOTE).expect("the quote");
    let start = text[..at].chars().count();
    assert_eq!(
        app.view.focus.mark,
        Some(start..start + QUOTE.chars().count())
    );
}
