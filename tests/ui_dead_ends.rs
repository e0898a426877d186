//! The dead ends an analyst hit in the real window, each driven through egui_kittest as a
//! person would (clicks, keys, typing) and checked against the files themselves.

mod common;
use common::{harness, sample_copy};

use dossier::ui::app::{DossierApp, Prefs};
use dossier::ui::focus::LeftTab;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::fs;

type H = Harness<'static, DossierApp>;

fn open_path(h: &H) -> String {
    let app = h.state();
    let ws = app.workspace.as_ref().expect("a corpus is open");
    ws.corpus().articles[app.view.focus.article.expect("a report is open")]
        .path
        .clone()
}

/// Titles of the sample reports, read from the files (the first line that is not a
/// scraper's date prefix or junk), independently of dossier's metadata reader.
fn sample_titles() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
    let mut out: Vec<(String, String)> = fs::read_dir(&dir)
        .expect("samples")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .map(|n| {
            let title = match &n[..4] {
                "000_" => "Xi highlights vital role of BRI solidarity",
                "001_" => "President Xi calls for greater Beijing-Baku exchanges",
                "002_" => "Xi eyes better China-Kazakhstan relations",
                "003_" => {
                    "Xi urges China, Kyrgyzstan to promote high-quality Belt and Road cooperation"
                }
                _ => "",
            };
            (n, title.to_owned())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_sample_report_opens_from_the_reports_list_by_mouse() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    h.get_by_label("Reports (5)").click();
    h.run();
    assert_eq!(h.state().view.focus.left, LeftTab::Reports);
    let titles = sample_titles();
    assert_eq!(titles.len(), 5);
    for (file, title) in titles.iter().filter(|(_, t)| !t.is_empty()) {
        h.get_by_label_contains(&format!("{title}\n")).click();
        h.run();
        assert_eq!(&open_path(&h), file);
        // The reader's heading shows the title.
        assert!(h.query_all_by_label(title).count() >= 1, "{title}");
    }
    // The fifth report has no title line: it opens under its first sentence.
    h.get_by_label_contains("Chinese President Xi Jinping and Kazakh President")
        .click();
    h.run();
    assert_eq!(open_path(&h), titles[4].0);
}

#[test]
fn every_sample_report_opens_by_keyboard() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    h.get_by_label("Reports (5)").click();
    h.run();
    let mut seen = std::collections::BTreeSet::from([open_path(&h)]);
    for _ in 0..6 {
        h.key_press(egui::Key::J);
        h.run();
        seen.insert(open_path(&h));
    }
    let all: std::collections::BTreeSet<String> =
        sample_titles().into_iter().map(|(f, _)| f).collect();
    assert_eq!(seen, all, "j walks through every report");
}

#[test]
fn the_second_report_of_an_event_opens_from_its_row() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    h.get_by_label_contains("2021-06-02   Xi Jinping – Kassym-Jomart Tokayev")
        .click();
    h.run();
    // Under the chosen event, each of its reports; 002 is the one nothing else opened.
    h.get_by_label_contains("Xi eyes better China-Kazakhstan relations · Xinhua")
        .click();
    h.run();
    assert_eq!(open_path(&h), "002_d19069a31ccc614c.txt");
    // And back to the other one from the reader's "Also reported in".
    h.get_by_label("Xi highlights vital role of BRI solidarity")
        .click();
    h.run();
    assert_eq!(open_path(&h), "000_ce9b4343981b04df.txt");
}

#[test]
fn a_report_with_no_meeting_is_listed_and_opens() {
    let dir = sample_copy();
    let text =
        "Weather report for the capital\n\nRain is expected over the weekend, forecasters said.\n";
    fs::write(dir.path().join("005_weather.txt"), text).expect("write");
    let mut h = harness(dir.path());
    h.get_by_label("Reports (6)").click();
    h.run();
    h.get_by_label_contains("Weather report for the capital\n")
        .click();
    h.run();
    assert_eq!(open_path(&h), "005_weather.txt");
    assert!(h.query_by_label("none found").is_some());
}

#[test]
fn the_chosen_event_stays_chosen_through_filtering() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    h.get_by_label_contains("2024-07-03   Xi Jinping – Sadyr Japarov")
        .click();
    h.run();
    let japarov = |h: &H| {
        let app = h.state();
        let row = app
            .view
            .focus
            .selected_row
            .map(|i| app.view.shown.filtered.rows[i].clone());
        row.map(|r| r.summary.counterparts[0].name.clone())
    };
    assert_eq!(japarov(&h).as_deref(), Some("Sadyr Japarov"));
    h.get_by_label("Filter").click();
    h.run();
    h.get_by_label("Filter").type_text("Kyrgyz");
    h.run();
    assert_eq!(h.state().view.focus.selected_row, Some(0));
    assert_eq!(japarov(&h).as_deref(), Some("Sadyr Japarov"));
    h.get_by_label("Clear all").click();
    h.run();
    assert_eq!(
        japarov(&h).as_deref(),
        Some("Sadyr Japarov"),
        "not row 0 again"
    );
}

fn save_now(h: &mut H) {
    let ws = h.state_mut().workspace.as_mut().expect("open");
    ws.autosave(std::time::Instant::now() + dossier::workspace::AUTOSAVE_DELAY);
    assert!(!ws.has_unsaved_changes());
}

#[test]
fn not_a_meeting_can_be_undone_after_a_restart() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    h.get_by_label_contains("2024-07-03   Xi Jinping – Sadyr Japarov")
        .click();
    h.run();
    h.get_by_label_contains("talks · Xi Jinping – Sadyr Japarov")
        .click_secondary();
    h.run();
    h.get_by_label("Not a meeting").click();
    h.run();
    h.get_by_label("Save correction").click();
    h.run();
    assert!(
        h.query_by_label_contains("2024-07-03   Xi Jinping – Sadyr Japarov")
            .is_none()
    );
    save_now(&mut h);
    drop(h);

    // A new run of the app: the dismissed meeting is listed, and comes back on Restore.
    let mut h = harness(dir.path());
    h.get_by_label("Reports (5)").click();
    h.run();
    h.get_by_label_contains("Xi urges China, Kyrgyzstan")
        .click();
    h.run();
    assert!(
        h.query_by_label("not a meeting: Sadyr Japarov – Xi Jinping")
            .is_some()
    );
    h.get_by_label("Restore").click();
    h.run();
    h.get_by_label("Meetings").click();
    h.run();
    assert!(
        h.query_by_label_contains("2024-07-03   Xi Jinping – Sadyr Japarov")
            .is_some()
    );
    save_now(&mut h);
    let saved = fs::read_to_string(dir.path().join("annotations.ron")).expect("sidecar");
    assert!(!saved.contains("not_a_meeting: true"), "{saved}");
}

#[test]
fn a_missed_meeting_is_added_by_hand_and_marked() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    h.get_by_label("Add meeting…").click();
    h.run();
    for (field, value) in [
        ("Date", "2021-06-04"),
        ("Leader", "Xi Jinping"),
        ("Counterparts", "Shavkat Mirziyoyev"),
    ] {
        h.get_by_label(field).click();
        h.run();
        h.get_by_label(field).type_text(value);
        h.run();
    }
    h.get_by_label("Add meeting").click();
    h.run();
    assert!(
        h.query_by_label_contains("2021-06-04   Xi Jinping – Shavkat Mirziyoyev")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("added · meeting · Xi Jinping – Shavkat Mirziyoyev")
            .is_some()
    );
    // The corrections window lists it, with the way back.
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Corrected and dismissed meetings…").click();
    h.run();
    h.get_by_label("Remove").click();
    h.run();
    assert!(h.query_by_label_contains("Shavkat Mirziyoyev").is_none());
}

#[test]
fn find_in_the_report_counts_and_steps_through_matches() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    let expected = {
        let app = h.state();
        let ws = app.workspace.as_ref().expect("open");
        let text = ws.corpus().articles[app.view.focus.article.expect("open")]
            .text
            .to_lowercase();
        text.matches("kazakhstan").count()
    };
    assert!(expected > 1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.get_by_label("Find").type_text("Kazakhstan");
    h.run();
    assert!(h.query_by_label(&format!("1 of {expected}")).is_some());
    h.get_by_label("Next").click();
    h.run();
    assert!(h.query_by_label(&format!("2 of {expected}")).is_some());
    h.get_by_label("Previous").click();
    h.run();
    h.get_by_label("Previous").click();
    h.run();
    assert!(
        h.query_by_label(&format!("{expected} of {expected}"))
            .is_some(),
        "wraps around"
    );
}

#[test]
fn the_status_bar_says_what_undo_took_back() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    h.get_by_label("New tag").click();
    h.run();
    h.get_by_label("New tag").type_text("energy");
    h.run();
    h.get_by_label("Add").click();
    h.run();
    h.get_by_label_contains("energy (0)").click();
    h.run();
    h.get_by_label("Description").click();
    h.run();
    h.get_by_label("Description").type_text("oil, gas");
    h.run();
    // Leave the field, so Ctrl+Z is the annotations' undo, not the field's.
    h.get_by_label("Tags").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.query_by_label("Undid: describe tag").is_some());
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert!(h.query_by_label("Redid: describe tag").is_some());
}

#[test]
fn typing_a_note_does_not_lay_out_the_report_again() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    let before = h.state().view.reader.text.cache.builds;
    h.get_by_label("Note").click();
    h.run();
    h.get_by_label("Note")
        .type_text("Compare with the Baku call.");
    h.run();
    assert_eq!(h.state().view.reader.text.cache.builds, before);
    let ws = h.state().workspace.as_ref().expect("open");
    assert_eq!(
        ws.store().articles["000_ce9b4343981b04df.txt"].note,
        "Compare with the Baku call."
    );
}

#[test]
fn panel_widths_stay_where_they_are_while_reading() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    let widths = h.state().view.widths.shown;
    assert_eq!(widths, Some((420.0, 300.0)));
    // Scroll the reader, open every event, filter: the panels keep their widths.
    for _ in 0..40 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, -3.0),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
        h.key_press(egui::Key::J);
        h.run();
    }
    h.get_by_label("Reports (5)").click();
    h.run();
    assert_eq!(h.state().view.widths.shown, widths);
    // Zooming in narrows the panels so the reader keeps its share; zooming back out
    // gives them back the widths the analyst had.
    h.ctx.set_zoom_factor(1.6);
    h.run();
    let (left, right) = h.state().view.widths.shown.expect("drawn");
    let window = 1400.0 / 1.6;
    assert!(
        window - left - right >= window * 0.33,
        "reader keeps a third: {left} {right}"
    );
    h.ctx.set_zoom_factor(1.0);
    h.run();
    assert_eq!(h.state().view.widths.shown, widths);
}

#[test]
fn dragging_the_date_strip_selects_from_the_month_pressed() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    let strip = h.get_by_label("Meetings per month (date range)").rect();
    // The samples span June 2021 to July 2024: 38 months. Press in the first month's
    // slot, drag into the last one.
    let slot = strip.width() / 38.0;
    let y = strip.center().y;
    let start = egui::pos2(strip.left() + slot * 0.5, y);
    let end = egui::pos2(strip.right() - slot * 0.5, y);
    h.event(egui::Event::PointerMoved(start));
    h.run();
    h.event(egui::Event::PointerButton {
        pos: start,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    for i in 1..=10 {
        let p = start + (end - start) * (i as f32 / 10.0);
        h.event(egui::Event::PointerMoved(p));
        h.run();
    }
    h.event(egui::Event::PointerButton {
        pos: end,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    let q = &h.state().view.focus.query;
    assert_eq!(
        q.from,
        Some(jiff::civil::date(2021, 6, 1)),
        "from the month pressed"
    );
    assert_eq!(q.to, Some(jiff::civil::date(2024, 7, 31)));
    assert!(h.query_by_label("Dates 2021-06-01 to 2024-07-31").is_some());
}

#[test]
fn with_no_folder_the_welcome_screen_opens_one_without_a_system_dialog() {
    let dir = sample_copy();
    // SAFETY: tests in this file do not read this variable concurrently elsewhere.
    unsafe { std::env::set_var("DOSSIER_NO_SYSTEM_DIALOG", "1") };
    let app = DossierApp::new(Prefs::default(), None, None);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut DossierApp| app.draw(ui), app);
    h.run();
    h.get_by_label("Open a folder of reports…").click();
    h.run();
    let path = h.get_by_label("Path");
    path.click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path")
        .type_text(&dir.path().display().to_string());
    // The dialog lists the folder typed, a few frames on.
    h.run_steps(20);
    h.get_by_label("Open").click();
    h.step();
    h.state_mut().finish_loading();
    h.run();
    let ws = h.state().workspace.as_ref().expect("the folder opened");
    assert_eq!(ws.corpus().articles.len(), 5);
}

/// In dossier's own save dialog, type `folder` and `name`, save, and wait for the export
/// to be written: the path written.
fn save_in_app_dialog(
    h: &mut Harness<'static, DossierApp>,
    folder: &std::path::Path,
    name: &str,
) -> std::path::PathBuf {
    h.get_by_label("Path").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path")
        .type_text(&folder.display().to_string());
    h.run();
    h.get_by_label("File name").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("File name").type_text(name);
    h.run();
    h.get_by_label("Save").click();
    h.step();
    h.state_mut().finish_export();
    h.run();
    folder.join(name)
}

#[test]
fn an_export_without_a_system_dialog_is_written_and_confirmed() {
    let dir = sample_copy();
    let out = tempfile::tempdir().expect("temp");
    unsafe { std::env::set_var("DOSSIER_NO_SYSTEM_DIALOG", "1") };
    let mut h = harness(dir.path());
    h.state_mut().apply(dossier::ui::commands::Command::App(
        dossier::ui::commands::AppCommand::Export(Box::new(
            dossier::export::options::ExportOptions::new(dossier::export::ExportFormat::Csv),
        )),
    ));
    h.run();
    let target = save_in_app_dialog(&mut h, out.path(), "notes.csv");
    let written = fs::read_to_string(&target).expect("the export is written");
    assert!(written.starts_with("article,title,"), "{written}");
    let message = format!(
        "Exported 0 highlights from 0 reports to {}",
        target.display()
    );
    assert!(
        h.query_by_label(&message).is_some(),
        "the status bar confirms"
    );
}

/// File → Export… opens a dialog with the format's switches and a preview of the first
/// lines; ticking "For Excel / LibreOffice" shows the byte order mark in the preview and
/// puts it in the file written.
#[test]
fn the_export_dialog_previews_and_writes_what_it_shows() {
    let (dir, _ws) = common::exported::annotated();
    let out = tempfile::tempdir().expect("temp");
    unsafe { std::env::set_var("DOSSIER_NO_SYSTEM_DIALOG", "1") };
    let mut h = harness(dir.path());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export…").hover();
    h.run();
    h.get_by_label("CSV spreadsheet…").click();
    h.run();
    assert!(
        h.query_by_label("Export notes").is_some(),
        "the dialog opens"
    );
    // The preview shows the header row and a quote from the samples.
    assert!(h.query_by_label_contains("article,title,").is_some());
    assert!(
        h.query_by_label_contains("000_ce9b4343981b04df.txt,Xi highlights vital role")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("(UTF-8 byte order mark)")
            .is_none()
    );
    h.get_by_label("For Excel / LibreOffice (UTF-8 with a byte order mark)")
        .click();
    h.run();
    assert!(
        h.query_by_label_contains("(UTF-8 byte order mark)")
            .is_some()
    );
    h.get_by_label("Export…").click();
    h.run();
    assert!(
        h.query_by_label("Export notes").is_some(),
        "the path dialog"
    );
    let target = save_in_app_dialog(&mut h, out.path(), "notes.csv");
    let written = fs::read(&target).expect("the export is written");
    assert!(written.starts_with(b"\xEF\xBB\xBFarticle,title,"));
    assert!(
        String::from_utf8_lossy(&written).contains("permanent comprehensive strategic partners")
    );
}
