//! The themes window in the app: reached from View → Themes…, it lists the coded passages
//! by tag, counts them by counterpart country, and a click on a passage opens its report
//! with the passage marked.

mod common;
use common::{harness, highlight, retype, sample_copy};

use egui_kittest::kittest::Queryable;

const R002: &str = "002_d19069a31ccc614c.txt";
const QUOTE: &str = "permanent comprehensive strategic partners";

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

/// Open the themes window on a copy of the samples where 000 and 002 have a passage
/// tagged "friendship" (both about Tokayev's call of 2021-06-02; 000's about its two
/// other calls too).
fn themes_open() -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, dossier::ui::app::DossierApp>,
) {
    let dir = sample_copy();
    highlight(dir.path(), R002, QUOTE, "friendship");
    highlight(dir.path(), "000_ce9b4343981b04df.txt", QUOTE, "friendship");
    let mut h = harness(dir.path());
    h.state_mut().apply(dossier::ui::commands::Command::App(
        dossier::ui::commands::AppCommand::ShowThemes,
    ));
    h.run();
    (dir, h)
}

/// "Save as CSV…" on the matrix asks where (dossier's own dialog here) and writes the
/// table shown: the tag, then a column per counterpart country, in CSV.
#[test]
fn the_matrix_saves_as_csv() {
    let (_dir, mut h) = themes_open();
    let out = tempfile::tempdir().expect("temp");
    unsafe { std::env::set_var("DOSSIER_NO_SYSTEM_DIALOG", "1") };
    h.get_by_label("Themes × meetings").click();
    h.run();
    h.get_by_label("Save as CSV…").click();
    h.run();
    retype(&mut h, "Path", &out.path().display().to_string());
    retype(&mut h, "File name", "matrix.csv");
    h.get_by_label("Save").click();
    h.step();
    h.state_mut().finish_export();
    h.run();
    let written = std::fs::read_to_string(out.path().join("matrix.csv")).expect("written");
    // Worked out from the two passages: 002's is about Kazakhstan; 000's about the three
    // calls of its report.
    assert_eq!(
        written,
        "tag,Azerbaijan,Dominican Republic,Kazakhstan\r\nfriendship,1,1,2\r\n"
    );
    let saved = format!("Saved {}", out.path().join("matrix.csv").display());
    assert!(
        h.query_by_label(&saved).is_some(),
        "the status bar confirms"
    );
}

/// Dragging across the chart of themes over time from one period to the next sets the
/// timeline's dates to those periods, first day to last.
#[test]
fn dragging_across_the_chart_sets_the_timelines_dates() {
    let (_dir, mut h) = themes_open();
    h.get_by_label("Over time").click();
    h.run();
    h.get_by_label("quarter").click();
    h.run();
    // The samples' dated passages are of 2021-Q2 only, but the reports run to 2024-Q3:
    // period 0 is 2021-Q2, period 1 is 2021-Q3.
    let chart = h.state().view.themes.chart();
    let from = chart.screen_pos(0, 0.5).expect("the chart is drawn");
    let to = chart.screen_pos(1, 0.5).expect("the chart is drawn");
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(egui::pos2((from.x + to.x) / 2.0, from.y));
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
    let q = &h.state().view.focus.query;
    let day = |s: &str| s.parse::<jiff::civil::Date>().ok();
    assert_eq!((q.from, q.to), (day("2021-04-01"), day("2021-09-30")));
}

/// A tag's sub-tags sit under it in the matrix, in rows of their own; folding them into
/// the parent's row counts each passage once, and a click on the folded cell lists the
/// passages of the parent and its sub-tags.
#[test]
fn sub_tags_fold_into_their_parents_row() {
    let dir = sample_copy();
    // "oil" is made before "energy", its parent-to-be.
    highlight(dir.path(), R002, QUOTE, "oil");
    highlight(dir.path(), "000_ce9b4343981b04df.txt", QUOTE, "energy");
    let mut h = harness(dir.path());
    let id = |h: &egui_kittest::Harness<'static, dossier::ui::app::DossierApp>, name: &str| {
        let ws = h.state().workspace.as_ref().expect("open");
        ws.store().tag_by_name(name).expect("tag").id.clone()
    };
    let (oil, energy) = (id(&h, "oil"), id(&h, "energy"));
    use dossier::ui::commands::{AppCommand, Command};
    use dossier::workspace::Edit;
    h.state_mut().apply(Command::Edit(Edit::SetTagParent {
        tag: oil,
        parent: Some(energy),
    }));
    h.state_mut().apply(Command::App(AppCommand::ShowThemes));
    h.run();
    h.get_by_label("Themes × meetings").click();
    h.run();
    // Unfolded: energy (000's passage, about its three calls) then oil (002's, about
    // Kazakhstan): each Kazakhstan cell counts 1.
    assert_eq!(h.query_all_by_label("1").count(), 4);
    assert!(h.query_by_label("2").is_none());
    h.get_by_label("Fold").click();
    h.run();
    // Folded: one row, Kazakhstan counts both passages.
    assert!(h.query_by_label("oil").is_none(), "oil is folded in");
    h.get_by_label("2").click();
    h.run();
    h.get_by_label_contains("(with its sub-tags) about Kazakhstan");
    assert_eq!(h.query_all_by_label(&format!("“{QUOTE}”")).count(), 2);
}

/// A tag's heading in the passages list folds its passages away and back.
#[test]
fn a_tags_passages_fold_away() {
    let (_dir, mut h) = themes_open();
    let quotes = |h: &egui_kittest::Harness<'static, dossier::ui::app::DossierApp>| {
        h.query_all_by_label(&format!("“{QUOTE}”")).count()
    };
    assert_eq!(quotes(&h), 2);
    h.get_by_label("Fold").click();
    h.run();
    assert_eq!(quotes(&h), 0);
    h.get_by_label("Unfold").click();
    h.run();
    assert_eq!(quotes(&h), 2);
}

/// "Save as SVG…" on the chart writes a drawing with the reports' line and one line per
/// tag, in the tag's colour, with a dot per period.
#[test]
fn the_chart_saves_as_svg() {
    let (_dir, mut h) = themes_open();
    let out = tempfile::tempdir().expect("temp");
    unsafe { std::env::set_var("DOSSIER_NO_SYSTEM_DIALOG", "1") };
    h.get_by_label("Over time").click();
    h.run();
    h.get_by_label("Save as SVG…").click();
    h.run();
    retype(&mut h, "Path", &out.path().display().to_string());
    h.get_by_label("Save").click();
    h.step();
    h.state_mut().finish_export();
    h.run();
    let saved: Vec<_> = std::fs::read_dir(out.path())
        .expect("listed")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(
        saved[0]
            .to_string_lossy()
            .ends_with("-themes-over-time.svg")
    );
    let svg = std::fs::read_to_string(&saved[0]).expect("written");
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let strokes: Vec<&str> = (doc.descendants())
        .filter(|n| n.has_tag_name("polyline"))
        .filter_map(|n| n.attribute("stroke"))
        .collect();
    let colour = {
        let ws = h.state().workspace.as_ref().expect("open");
        ws.store()
            .tag_by_name("friendship")
            .expect("tag")
            .colour
            .clone()
    };
    assert_eq!(strokes.len(), 2, "the reports and friendship");
    assert_eq!(strokes[1], colour);
    // Years 2021 to 2024 of the samples: a dot per year on each line.
    let dots = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .count();
    assert_eq!(dots, 2 * 4);
}
