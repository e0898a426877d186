//! The agreement window in the app: View → "Agreement with another coder…", a second
//! coder's annotations file chosen in dossier's own dialog, the per-tag figures worked out
//! again here from the counts, and a click on a sentence where the two differ opens the
//! report with that sentence marked. The other file is never written.

mod common;
use common::{harness, highlight, retype, sample_copy};

use egui_kittest::kittest::Queryable;

const R000: &str = "000_ce9b4343981b04df.txt";
const R002: &str = "002_d19069a31ccc614c.txt";
const QUOTE: &str = "permanent comprehensive strategic partners";

#[test]
fn the_agreement_window_compares_and_opens_differences() {
    // We coded the quote in 002; they coded it in 002 and in 000.
    let ours = sample_copy();
    highlight(ours.path(), R002, QUOTE, "friendship");
    let theirs = sample_copy();
    highlight(theirs.path(), R002, QUOTE, "friendship");
    highlight(theirs.path(), R000, QUOTE, "friendship");
    let their_file = theirs.path().join("annotations.ron");
    let before = std::fs::read(&their_file).expect("their file");

    unsafe { std::env::set_var("DOSSIER_NO_SYSTEM_DIALOG", "1") };
    let mut h = harness(ours.path());
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Agreement with another coder…").click();
    h.run();
    h.get_by_label("Choose a file…").click();
    h.run();
    retype(&mut h, "Path", &format!("{}/", theirs.path().display()));
    retype(&mut h, "File name", "annotations.ron");
    h.get_by_label("Open").click();
    h.run();

    // Per tag: we coded 1 sentence, they 2, both 1, over every sentence of the samples.
    let n: usize = (std::fs::read_dir(ours.path()).expect("listed"))
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).expect("a sample");
            dossier::text::sentences(&text).len()
        })
        .sum();
    let n = n as f64;
    let p_o = (n - 1.0) / n;
    let p_e = (1.0 / n) * (2.0 / n) + ((n - 1.0) / n) * ((n - 2.0) / n);
    let kappa = (p_o - p_e) / (1.0 - p_e);
    h.get_by_label(&format!("kappa {kappa:.2}"));
    // The same share per tag and overall, there being one tag.
    let share = format!("{:.1}%", 100.0 * p_o);
    assert_eq!(h.query_all_by_label(&share).count(), 2, "{share}");
    h.get_by_label("Where you differ (1)");
    h.get_by_label_contains("only they coded it");

    // The sentence they coded in 000 opens with the sentence marked.
    h.get_by_label_contains("“The friendship between China and Kazakhstan")
        .click();
    h.run();
    let app = h.state();
    let ws = app.workspace.as_ref().expect("open");
    let a = app.view.focus.article.expect("a report is open");
    assert_eq!(ws.corpus().articles[a].path, R000);
    let text = &ws.corpus().articles[a].text;
    let mark = app.view.focus.mark.clone().expect("a sentence is marked");
    let at = text[..text.find(QUOTE).expect("the quote")].chars().count();
    assert!(
        mark.start <= at && at + QUOTE.chars().count() <= mark.end,
        "{mark:?}"
    );
    let marked: String = text.chars().skip(mark.start).take(mark.len()).collect();
    assert!(marked.starts_with("The friendship"), "{marked}");
    assert_eq!(std::fs::read(&their_file).expect("their file"), before);

    // Once we code the same passage of 000, the two agree on every sentence.
    let range = at..at + QUOTE.chars().count();
    let tag = dossier::annotations::ops::TagChoice::New("friendship".into());
    h.state_mut().apply(dossier::ui::commands::Command::Edit(
        dossier::workspace::Edit::ApplyTag {
            article: R000.into(),
            range,
            tag,
        },
    ));
    h.run();
    h.get_by_label("kappa 1.00");
    h.get_by_label("Where you differ (0)");
}
