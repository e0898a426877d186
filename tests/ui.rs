//! The app driven as a person would, through egui_kittest (no GPU): open the samples,
//! click an event, filter, tag a selection, undo, correct a meeting.

mod common;
use common::{harness, sample_copy};

use egui_kittest::kittest::Queryable;
use std::fs;

#[test]
fn the_samples_open_with_their_events_and_the_first_one_selected() {
    let dir = sample_copy();
    let h = harness(dir.path());
    // 8 meetings, one call reported twice: 7 events, in month groups.
    assert!(h.query_by_label("June 2021").is_some());
    assert!(h.query_by_label("July 2024").is_some());
    assert!(h.query_by_label("Undated").is_some());
    assert!(
        h.query_by_label_contains("2021-06-02   Xi Jinping – Kassym-Jomart Tokayev")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("undated   Xi Jinping – Kassym-Jomart Tokayev")
            .is_some()
    );
    assert!(h.query_by_label_contains("2 reports").is_some());
    assert!(
        h.query_by_label("7 events · 8 meetings in 5 reports")
            .is_some()
    );
    let app = h.state();
    assert_eq!(app.view.focus.selected_row, Some(0));
    assert!(app.view.focus.article.is_some());
}

#[test]
fn clicking_an_event_opens_its_article() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    h.get_by_label_contains("2024-07-03   Xi Jinping – Sadyr Japarov")
        .click();
    h.run();
    assert!(
        h.query_by_label(
            "Xi urges China, Kyrgyzstan to promote high-quality Belt and Road cooperation"
        )
        .is_some()
    );
    let app = h.state();
    let ws = app.workspace.as_ref().unwrap();
    let a = app.view.focus.article.unwrap();
    assert_eq!(ws.corpus().articles[a].path, "003_605b4ee0f7fb2dfc.txt");
    // The evidence sentence is marked.
    let mark = app.view.focus.mark.clone().unwrap();
    let marked: String = ws.corpus().articles[a]
        .text
        .chars()
        .skip(mark.start)
        .take(mark.end - mark.start)
        .collect();
    assert!(marked.contains("Sadyr Japarov"), "{marked}");
}

#[test]
fn typing_in_the_filter_narrows_the_timeline() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    h.get_by_label("Filter").click();
    h.run();
    h.get_by_label("Filter").type_text("Japarov");
    h.run();
    let app = h.state();
    assert_eq!(app.view.focus.query.text, "Japarov");
    let rows: Vec<String> = app
        .view
        .shown
        .filtered
        .rows
        .iter()
        .map(|r| r.summary.counterparts[0].name.to_string())
        .collect();
    assert_eq!(rows, ["Sadyr Japarov"]);
    assert!(
        h.query_by_label("1 event · 1 meeting in 1 report")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Xi Jinping – Sadyr Japarov")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("2021-06-02   Xi Jinping – Luis Abinader")
            .is_none()
    );
    h.get_by_label("Clear all").click();
    h.run();
    assert!(
        h.query_by_label("7 events · 8 meetings in 5 reports")
            .is_some()
    );
}

#[test]
fn tagging_a_selection_saves_a_highlight_and_undo_removes_it() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    // Select "permanent comprehensive strategic partners" in the open article.
    let (start, end) = {
        let app = h.state();
        let ws = app.workspace.as_ref().unwrap();
        let text = &ws.corpus().articles[app.view.focus.article.unwrap()].text;
        let b = text
            .find("permanent comprehensive strategic partners")
            .unwrap();
        let s = text[..b].chars().count();
        (s, s + "permanent comprehensive strategic partners".len())
    };
    common::select(&mut h, start..end);
    assert_eq!(h.state().view.reader.text.selection, Some(start..end));
    h.get_by_label("Tag…  (T)").click();
    h.run();
    assert_eq!(
        h.state().view.reader.text.selection,
        Some(start..end),
        "the selection survives the click"
    );
    assert_eq!(
        h.state().view.reader.tag_popup.as_deref(),
        Some(""),
        "the tag popup is open"
    );
    h.get_by_label("Tag").type_text("partnership");
    h.run();
    h.get_by_label("Create tag “partnership”").click();
    h.run();

    let sidecar = dir.path().join("annotations.ron");
    {
        let app = h.state_mut();
        let ws = app.workspace.as_mut().unwrap();
        assert!(ws.has_unsaved_changes());
        // Autosave runs once the delay has passed; make it due now.
        ws.autosave(std::time::Instant::now() + dossier::workspace::AUTOSAVE_DELAY);
        assert!(!ws.has_unsaved_changes());
    }
    let saved = fs::read_to_string(&sidecar).unwrap();
    assert!(saved.contains("name: \"partnership\""), "{saved}");
    assert!(saved.contains("quote: \"permanent comprehensive strategic partners\""));
    assert!(h.query_by_label_contains("partnership (1)").is_some());

    // One undo (Ctrl+Z) removes the highlight and the tag made for it; the sidecar follows.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    {
        let app = h.state_mut();
        let ws = app.workspace.as_mut().unwrap();
        assert_eq!(
            ws.store()
                .articles
                .values()
                .map(|a| a.highlights.len())
                .sum::<usize>(),
            0
        );
        ws.autosave(std::time::Instant::now() + dossier::workspace::AUTOSAVE_DELAY);
    }
    let saved = fs::read_to_string(&sidecar).unwrap();
    assert!(!saved.contains("quote:"), "{saved}");
    assert!(!saved.contains("partnership"), "{saved}");
    // Redo brings both back.
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert!(h.query_by_label_contains("partnership (1)").is_some());
}

#[test]
fn a_correction_to_a_meeting_shows_in_the_timeline() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    h.get_by_label_contains("2024-07-03   Xi Jinping – Sadyr Japarov")
        .click();
    h.run();
    h.get_by_label_contains("talks · Xi Jinping – Sadyr Japarov")
        .click_secondary();
    h.run();
    h.get_by_label("Date").focus();
    h.run();
    h.get_by_label("Date").type_text("x");
    h.run();
    {
        let app = h.state_mut();
        app.view.tags.form.meeting.as_mut().unwrap().form.date = "2024-07-02".into();
    }
    h.get_by_label("Save correction").click();
    h.run();
    assert!(
        h.query_by_label_contains("2024-07-02   Xi Jinping – Sadyr Japarov")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("2024-07-03   Xi Jinping – Sadyr Japarov")
            .is_none()
    );
    let app = h.state();
    let ws = app.workspace.as_ref().unwrap();
    assert_eq!(
        ws.store().articles["003_605b4ee0f7fb2dfc.txt"]
            .meetings
            .len(),
        1
    );
}

#[test]
fn correcting_an_articles_details_shows_at_once() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    h.get_by_label("Edit details…").click();
    h.run();
    h.state_mut().view.reader.details.as_mut().unwrap().0.title = "Xi's calls of 2 June".into();
    h.get_by_label("Save details").click();
    h.run();
    assert!(h.query_by_label("Xi's calls of 2 June").is_some());
    let app = h.state();
    let ws = app.workspace.as_ref().unwrap();
    let fix = &ws.store().articles["000_ce9b4343981b04df.txt"].metadata;
    assert_eq!(fix.title.as_deref(), Some("Xi's calls of 2 June"));
    assert_eq!(fix.published, None, "unchanged fields are not stored");
}
