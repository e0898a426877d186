//! Tagging exactly the passage the analyst chose, driven through egui_kittest: the text
//! does not move while a drag selects it (with 0, 3 and 8 recent tags), a selection of
//! nothing is refused with a word in the status bar, and a selection made before the
//! report changed on disk is forgotten rather than tagging other text.

mod common;
use common::{harness, sample_copy, select};

use dossier::ui::app::DossierApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::fs;
use std::time::{Duration, Instant};

fn text_rect(h: &Harness<'_, DossierApp>) -> egui::Rect {
    h.get_by_label("Article text").rect()
}

/// Make `n` tags and put them on the recent-tags row.
fn with_recent_tags(h: &mut Harness<'_, DossierApp>, n: usize) {
    let app = h.state_mut();
    let ws = app.workspace.as_mut().expect("a corpus is open");
    let mut ids = Vec::new();
    ws.edit_as("make tags", None, |s| {
        for i in 0..n {
            ids.push(dossier::annotations::ensure_tag(
                s,
                &format!("recent theme number {i}"),
            ));
        }
    });
    app.view.focus.recent_tags = ids;
    h.run();
}

fn release(h: &mut Harness<'_, DossierApp>, at: egui::Pos2) {
    h.drop_at(at);
    h.run();
}

/// Drag across the text from `from` to `to` (offsets from the text's top left), checking
/// at every step that the text stays where it was. Returns the selection made.
fn drag(
    h: &mut Harness<'_, DossierApp>,
    from: egui::Vec2,
    to: egui::Vec2,
) -> std::ops::Range<usize> {
    let top = text_rect(h).min;
    let (a, b) = (top + from, top + to);
    h.hover_at(a);
    h.run();
    h.drag_at(a);
    h.run();
    for step in 1..=6 {
        let p = a + (b - a) * (step as f32 / 6.0);
        h.hover_at(p);
        h.run();
        assert_eq!(
            text_rect(h).min,
            top,
            "the text moved while the button was held (step {step})"
        );
    }
    release(h, b);
    assert_eq!(
        text_rect(h).min,
        top,
        "the text moved when the button was let go"
    );
    h.state()
        .view
        .reader
        .text
        .selection
        .clone()
        .expect("the drag selected text")
}

#[test]
fn the_text_stays_put_during_a_drag_whatever_the_recent_tags() {
    let from = egui::vec2(60.0, 70.0);
    let to = egui::vec2(260.0, 95.0);
    let mut chosen = Vec::new();
    for n in [0, 3, 8] {
        let dir = sample_copy();
        let mut h = harness(dir.path());
        with_recent_tags(&mut h, n);
        let before = text_rect(&h).min;
        let sel = drag(&mut h, from, to);
        assert_eq!(text_rect(&h).min, before);
        chosen.push(sel);
    }
    // The same gesture selects the same words with 0, 3 and 8 recent tags.
    assert!(chosen.windows(2).all(|w| w[0] == w[1]), "{chosen:?}");
}

fn highlights(h: &Harness<'_, DossierApp>) -> usize {
    let ws = h.state().workspace.as_ref().expect("open");
    ws.store()
        .articles
        .values()
        .map(|a| a.highlights.len())
        .sum()
}

fn open_text(h: &Harness<'_, DossierApp>) -> String {
    let app = h.state();
    let ws = app.workspace.as_ref().expect("open");
    ws.corpus().articles[app.view.focus.article.expect("a report is open")]
        .text
        .clone()
}

/// The open report's file and its text.
fn open_file(h: &Harness<'_, DossierApp>) -> (std::path::PathBuf, String) {
    let app = h.state();
    let ws = app.workspace.as_ref().expect("open");
    let a = &ws.corpus().articles[app.view.focus.article.expect("open")];
    (ws.folder().join(&a.path), a.text.clone())
}

/// Write `edited` over the open report's file, as an editor would, and run the app until
/// it has reloaded it (its text is no longer `before`).
fn edit_and_wait(
    h: &mut Harness<'_, DossierApp>,
    path: &std::path::Path,
    edited: &str,
    before: &str,
) {
    fs::write(path, edited).expect("the report is edited on disk");
    let deadline = Instant::now() + Duration::from_secs(10);
    while open_text(h) == before && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        h.run();
    }
    assert_ne!(open_text(h), before, "the edited report was reloaded");
}

fn chars_of(text: &str, needle: &str) -> std::ops::Range<usize> {
    let at = text.find(needle).expect("in the text");
    let start = text[..at].chars().count();
    start..start + needle.chars().count()
}

#[test]
fn a_blank_selection_is_refused_with_a_word_and_saves_nothing() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    with_recent_tags(&mut h, 1);
    let text = open_text(&h);
    let gap = chars_of(&text, "\n\n");
    select(&mut h, gap);
    h.key_press(egui::Key::Num1);
    h.run();
    assert_eq!(highlights(&h), 0, "no highlight of a blank line");
    let status = h.state().status.clone().unwrap_or_default();
    assert!(
        status.contains("only white space is selected"),
        "{status:?}"
    );
}

#[test]
fn a_selection_made_before_the_report_changed_on_disk_tags_nothing() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    with_recent_tags(&mut h, 1);
    let (path, text) = open_file(&h);
    let words = text.split_whitespace().take(40).collect::<Vec<_>>();
    let phrase = words[30..33].join(" ");
    let range = chars_of(&text, &phrase);
    select(&mut h, range.clone());
    assert_eq!(h.state().view.reader.text.selection, Some(range));
    // An editor puts a paragraph in front: every offset after it shifts.
    let edited =
        format!("An editor's note added above the report, long enough to shift.\n\n{text}");
    edit_and_wait(&mut h, &path, &edited, &text);
    for _ in 0..3 {
        h.run();
    }
    assert_eq!(
        h.state().view.reader.text.selection,
        None,
        "the stale selection is gone"
    );
    h.key_press(egui::Key::Num1);
    h.run();
    assert_eq!(highlights(&h), 0, "nothing was tagged with the old offsets");
}

/// The open report's path and the chosen row.
fn place(h: &Harness<'_, DossierApp>) -> (Option<usize>, String) {
    let app = h.state();
    let ws = app.workspace.as_ref().expect("open");
    let a = app.view.focus.article.expect("a report is open");
    (
        app.view.focus.selected_row,
        ws.corpus().articles[a].path.clone(),
    )
}

#[test]
fn j_reaches_every_report_of_every_event_and_r_the_reports_list() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    // The events' reports as the timeline lists them: every one must be reached.
    let wanted: Vec<(usize, String)> = h
        .state()
        .view
        .shown
        .filtered
        .rows
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            r.event
                .reports
                .iter()
                .map(move |x| (i, x.article.to_string()))
        })
        .collect();
    assert!(
        wanted.len() > h.state().view.shown.filtered.rows.len(),
        "one event has 2 reports"
    );
    let mut seen = vec![{
        let (row, path) = place(&h);
        (row.expect("the first event is chosen"), path)
    }];
    for _ in 1..wanted.len() {
        h.key_press(egui::Key::J);
        h.run();
        let (row, path) = place(&h);
        seen.push((row.expect("an event is chosen"), path));
    }
    assert_eq!(seen, wanted);
    h.key_press(egui::Key::R);
    h.run();
    assert_eq!(
        h.state().view.focus.left,
        dossier::ui::focus::LeftTab::Reports
    );
    h.key_press(egui::Key::M);
    h.run();
    assert_eq!(
        h.state().view.focus.left,
        dossier::ui::focus::LeftTab::Meetings
    );
}

#[test]
fn correcting_the_chosen_event_keeps_it_chosen_and_j_goes_on_from_it() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    h.get_by_label_contains("2024-07-03   Xi Jinping – Sadyr Japarov")
        .click();
    h.run();
    let (row, path) = place(&h);
    assert!(row.is_some());
    h.get_by_label_contains("talks · Xi Jinping – Sadyr Japarov")
        .click_secondary();
    h.run();
    h.state_mut()
        .view
        .tags
        .form
        .meeting
        .as_mut()
        .expect("the form")
        .form
        .date = "2024-06-20".into();
    h.get_by_label("Save correction").click();
    h.run();
    let (row_after, path_after) = place(&h);
    assert_eq!(path_after, path, "the same report stays open");
    let row_after = row_after.expect("the corrected event is still chosen");
    let key = |h: &Harness<'_, DossierApp>, i: usize| {
        let r = &h.state().view.shown.filtered.rows[i];
        r.event.reports.iter().any(|x| *x.article == *path)
    };
    assert!(key(&h, row_after), "the chosen row is the corrected event");
    h.key_press(egui::Key::J);
    h.run();
    let (next, _) = place(&h);
    let next = next.expect("an event is chosen");
    assert!(
        next == row_after + 1 || next == row_after,
        "j goes on from the corrected event, not from the top: {next} after {row_after}"
    );
    assert_ne!(next, 0);
}

#[test]
fn a_restart_opens_the_report_being_read() {
    use dossier::ui::app::Prefs;
    let dir = sample_copy();
    let folder = fs::canonicalize(dir.path()).expect("the folder");
    let mut prefs = Prefs::default();
    let last = "003_605b4ee0f7fb2dfc.txt";
    prefs.last_report.insert(folder.clone(), last.into());
    let mut app = DossierApp::new(prefs, Some(folder), None);
    app.finish_loading();
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut DossierApp| app.draw(ui), app);
    h.run();
    let (row, path) = place(&h);
    assert_eq!(path, last);
    let row = row.expect("its event is chosen");
    assert!(
        h.state().view.shown.filtered.rows[row]
            .event
            .reports
            .iter()
            .any(|r| &*r.article == last)
    );
    // And reading another report is remembered for next time.
    h.key_press(egui::Key::J);
    h.run();
    let (_, now) = place(&h);
    let folder = fs::canonicalize(dir.path()).expect("the folder");
    assert_eq!(h.state().prefs.last_report.get(&folder), Some(&now));
}

#[test]
fn escape_closes_find_and_find_stays_with_its_report() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    assert!(h.state().view.reader.text.find.is_some());
    // Focus elsewhere (a click on the report's text), then Escape.
    h.get_by_label("Article text").click();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(
        h.state().view.reader.text.find.is_none(),
        "Escape closed Find"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.get_by_label("Article text").click();
    h.run();
    assert!(h.state().view.reader.text.find.is_some());
    let first = h.state().view.focus.article;
    while h.state().view.focus.article == first {
        h.key_press(egui::Key::J);
        h.run();
    }
    assert!(
        h.state().view.reader.text.find.is_none(),
        "another report starts without Find"
    );
}

#[test]
fn a_moved_highlight_can_be_accepted_where_it_is_now() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    with_recent_tags(&mut h, 1);
    let (path, text) = open_file(&h);
    select(
        &mut h,
        chars_of(&text, "permanent comprehensive strategic partners"),
    );
    h.key_press(egui::Key::Num1);
    h.run();
    assert_eq!(highlights(&h), 1);
    edit_and_wait(
        &mut h,
        &path,
        &format!("A line put in front.\n\n{text}"),
        &text,
    );
    let id = {
        let ws = h.state().workspace.as_ref().expect("open");
        ws.store()
            .articles
            .values()
            .flat_map(|a| &a.highlights)
            .next()
            .expect("one")
            .id
            .clone()
    };
    h.state_mut().view.focus.active_highlight = Some(id.clone());
    h.run();
    h.get_by_label("Accept as it is now").click();
    h.run();
    let ws = h.state().workspace.as_ref().expect("open");
    let hl = ws
        .store()
        .articles
        .values()
        .flat_map(|a| &a.highlights)
        .next()
        .expect("kept");
    let now = open_text(&h);
    let at = chars_of(&now, "permanent comprehensive strategic partners");
    assert_eq!(
        (hl.anchor.start, hl.anchor.end),
        (at.start, at.end),
        "anchored where it is now"
    );
    assert!(
        h.query_by_label("Accept as it is now").is_none(),
        "nothing left to accept"
    );
    let status = h.state().status.clone().unwrap_or_default();
    assert!(status.contains("re-attach highlight"), "{status:?}");
}

#[test]
fn a_drag_begun_just_left_of_the_text_selects_text_not_the_divider() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    let before = h.state().view.widths.shown;
    // The text box reaches REACH points left of the first letter: press 10 points left
    // of the first letter, nearer the divider than the letter.
    let first_letter = f32::from(dossier::ui::panels::reader_text::REACH);
    let from = egui::vec2(first_letter - 10.0, 160.0);
    let sel = drag(&mut h, from, egui::vec2(200.0, 160.0));
    assert_eq!(
        h.state().view.widths.shown,
        before,
        "the panels kept their widths"
    );
    let text = open_text(&h);
    let chars: Vec<char> = text.chars().collect();
    assert!(
        sel.start == 0 || chars[sel.start - 1] == '\n',
        "the selection starts at the line's first word: {sel:?}"
    );
}
