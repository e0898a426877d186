//! A very long report is read a part at a time (its layout would otherwise take a gigabyte
//! of memory for 4 MB of text): the parts can be stepped through, a selection made in any
//! part tags the passage chosen in the whole text, and a jump to a passage in another part
//! (a find match, a meeting's evidence) shows that part.

mod common;
use common::harness;

use dossier::ui::panels::reader_text::PART_CHARS;
use egui_kittest::kittest::Queryable;

/// A one-line report of about 2.5 parts with one marker word in the second part and one in
/// the third; returns the folder and the marker's char ranges.
fn long_report() -> (
    tempfile::TempDir,
    std::ops::Range<usize>,
    std::ops::Range<usize>,
) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let sentence = "The delegations discussed trade, energy and transport at length. ";
    let mut text = String::from("Long talks\nSource: Xinhua| 2023-05-18\n\n");
    while text.len() < PART_CHARS * 3 / 2 {
        text.push_str(sentence);
    }
    let first = text.len()..text.len() + "ZEPHYR".len();
    text.push_str("ZEPHYR ");
    while text.len() < PART_CHARS * 5 / 2 {
        text.push_str(sentence);
    }
    let second = text.len()..text.len() + "QUASAR".len();
    text.push_str("QUASAR.\n");
    std::fs::write(dir.path().join("long.txt"), &text).expect("the report is written");
    // ASCII: bytes are chars.
    (dir, first, second)
}

#[test]
fn a_long_report_is_read_a_part_at_a_time_and_tags_the_right_passage() {
    let (dir, zephyr, quasar) = long_report();
    let mut h = harness(dir.path());
    h.state_mut().view.focus.article = Some(0);
    h.run();
    h.get_by_label("Part 1 of 3");
    h.get_by_label("Next part ›").click();
    h.run();
    h.get_by_label("Part 2 of 3");

    // Select the marker as the text box of part 2 counts it.
    let text = h
        .state()
        .workspace
        .as_ref()
        .expect("open")
        .corpus()
        .articles[0]
        .text
        .clone();
    let part = dossier::text::parts(&text, PART_CHARS)[1].clone();
    assert!(part.contains(&zephyr.start), "the marker is in part 2");
    common::select(&mut h, zephyr.start - part.start..zephyr.end - part.start);
    // The selection is the marker's place in the whole report.
    assert_eq!(h.state().view.reader.text.selection, Some(zephyr.clone()));
    assert_eq!(&text[zephyr], "ZEPHYR");

    // A jump to the other marker shows part 3.
    h.state_mut().view.reader.text.scroll_to = Some(quasar);
    h.run();
    h.run();
    h.get_by_label("Part 3 of 3");
}

#[test]
fn a_short_report_has_no_parts() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("short.txt"),
        "Short\n\nXi met Tokayev in Astana.\n",
    )
    .expect("written");
    let mut h = harness(dir.path());
    h.state_mut().view.focus.article = Some(0);
    h.run();
    assert!(h.query_by_label("Next part ›").is_none());
}
