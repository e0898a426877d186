//! Helpers shared by the behaviour tests.

pub mod exported;

use std::fs;
use std::path::Path;

/// A copy of `sample-corpus` in a temporary folder, for tests that write a sidecar.
#[allow(dead_code)] // not every test file uses the samples
pub fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
    for e in fs::read_dir(src).expect("sample-corpus is readable") {
        let e = e.expect("a directory entry");
        fs::copy(e.path(), dir.path().join(e.file_name())).expect("a sample copies");
    }
    dir
}

/// The app on `folder`, loaded and drawn once, in a headless egui_kittest harness.
#[allow(dead_code)] // not every test file drives the app
pub fn harness(folder: &Path) -> egui_kittest::Harness<'static, dossier::ui::app::DossierApp> {
    use dossier::ui::app::{DossierApp, Prefs};
    let mut app = DossierApp::new(Prefs::default(), Some(folder.to_path_buf()), None);
    app.finish_loading();
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut DossierApp| app.draw(ui), app);
    h.run();
    h
}

/// Replace what the field labelled `label` holds with `text`, as a person would: click
/// it, select all, type.
#[allow(dead_code)] // not every test file types into a field
pub fn retype(
    h: &mut egui_kittest::Harness<'static, dossier::ui::app::DossierApp>,
    label: &str,
    text: &str,
) {
    use egui_kittest::kittest::Queryable;
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Set the reader's selection to the chars `range` of the text box (as a drag would leave
/// it) and draw a frame.
#[allow(dead_code)] // not every test file selects text
pub fn select(
    h: &mut egui_kittest::Harness<'_, dossier::ui::app::DossierApp>,
    range: std::ops::Range<usize>,
) {
    let ctx = h.ctx.clone();
    let id = dossier::ui::panels::reader::text_id();
    let mut state = egui::TextEdit::load_state(&ctx, id).expect("the reader's text is shown");
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::two(
            egui::text::CCursor::new(range.start),
            egui::text::CCursor::new(range.end),
        )));
    state.store(&ctx, id);
    ctx.memory_mut(|m| m.request_focus(id));
    h.run();
}

/// Highlight the first occurrence of `quote` in `article` of `folder` with `tag`, through
/// the command line.
#[allow(dead_code)] // not every test file highlights
pub fn highlight(folder: &Path, article: &str, quote: &str, tag: &str) {
    let f = folder.to_str().expect("a UTF-8 path");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["highlight", f, "--article", article, "--quote", quote])
        .args(["--occurrence", "1", "--tag", tag])
        .output()
        .expect("the dossier binary runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
