//! Choosing a path without a system dialog: the in-app `PathDialog` driven through
//! egui_kittest in a temporary folder tree (completion, listing, errors, cancelling,
//! saving), the completion function on its own, and how `SystemPick` tells a dialog that
//! never showed from one the analyst cancelled.

use dossier::ui::widgets::file_dialog::{
    Chooser, Outcome, PathDialog, Picked, Purpose, SystemPick, complete, system_dialogs_available,
};
use egui::{Key, Modifiers, PointerButton, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::fs;
use std::path::{MAIN_SEPARATOR, Path, PathBuf};
use std::time::{Duration, Instant};

/// root/{alpha/inner/, alps/, beta/, .hidden/, notes.csv}
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for d in ["alpha/inner", "alps", "beta", ".hidden"] {
        fs::create_dir_all(dir.path().join(d)).expect("a folder");
    }
    fs::write(dir.path().join("notes.csv"), "a,b\n").expect("a file");
    dir
}

struct Probe {
    dialog: PathDialog,
    outcome: Option<Outcome>,
}

fn harness(dialog: PathDialog) -> Harness<'static, Probe> {
    let probe = Probe {
        dialog,
        outcome: None,
    };
    let mut h = Harness::builder()
        .with_size(vec2(1000.0, 700.0))
        .build_ui_state(
            |ui, p: &mut Probe| {
                if p.outcome.is_none() {
                    p.outcome = p.dialog.show(ui.ctx());
                }
            },
            probe,
        );
    h.run();
    h
}

fn open_in(dir: &Path) -> Harness<'static, Probe> {
    harness(PathDialog::new(
        Purpose::OpenFolder,
        "Open a folder",
        dir,
        None,
    ))
}

fn save_in(dir: &Path, name: &str) -> Harness<'static, Probe> {
    let purpose = Purpose::SaveFile {
        default_name: name.to_owned(),
        extension: "csv".to_owned(),
    };
    harness(PathDialog::new(purpose, "Export notes", dir, None))
}

/// A folder as the path field shows it.
fn shown(path: &Path) -> String {
    format!("{}{MAIN_SEPARATOR}", path.display())
}

fn path_field(h: &Harness<'static, Probe>) -> String {
    h.get_by_label("Path").value().unwrap_or_default()
}

/// Type at the end of a field, focusing it first if it lost the focus.
fn type_in(h: &mut Harness<'static, Probe>, label: &str, text: &str) {
    if !h.get_by_label(label).is_focused() {
        h.get_by_label(label).focus();
        h.run();
        h.key_press(Key::End);
        h.run();
    }
    h.get_by_label(label).type_text(text);
    h.run();
}

fn press(h: &mut Harness<'static, Probe>, key: Key) {
    h.key_press(key);
    h.run();
}

fn click(h: &mut Harness<'static, Probe>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// Two clicks within one frame: a double click, whatever the harness's frame time.
fn double_click(h: &mut Harness<'static, Probe>, label: &str) {
    let pos = h.get_by_label(label).rect().center();
    h.hover_at(pos);
    h.run();
    for pressed in [true, false, true, false] {
        h.input_mut().events.push(egui::Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.step();
    h.run();
}

#[test]
fn the_path_field_starts_in_the_given_folder_and_lists_its_visible_subfolders() {
    let dir = tree();
    let h = open_in(dir.path());
    assert_eq!(path_field(&h), shown(dir.path()));
    for row in ["alpha/", "alps/", "beta/"] {
        assert!(h.query_by_label(row).is_some(), "{row} is listed");
    }
    assert!(
        h.query_by_label(".hidden/").is_none(),
        "dot-folders are hidden"
    );
    assert!(
        h.query_by_label("notes.csv").is_none(),
        "no files when opening a folder"
    );
}

#[test]
fn tab_completes_the_longest_common_prefix_then_into_the_only_match() {
    let dir = tree();
    let mut h = open_in(dir.path());
    type_in(&mut h, "Path", "al");
    assert!(
        h.query_by_label("alpha").is_some(),
        "matches listed as you type"
    );
    assert!(h.query_by_label("alps").is_some());
    assert!(h.query_by_label("beta").is_none());
    press(&mut h, Key::Tab);
    assert_eq!(path_field(&h), format!("{}alp", shown(dir.path())));
    assert!(h.get_by_label("Path").is_focused(), "Tab keeps the focus");
    type_in(&mut h, "Path", "h");
    assert!(
        h.query_by_label("alps").is_none(),
        "the list follows the typing"
    );
    press(&mut h, Key::Tab);
    assert_eq!(path_field(&h), shown(&dir.path().join("alpha")));
    assert!(
        h.query_by_label("inner/").is_some(),
        "the listing follows the field"
    );
}

#[test]
fn dot_folders_match_only_when_the_typed_segment_starts_with_a_dot() {
    let dir = tree();
    let mut h = open_in(dir.path());
    type_in(&mut h, "Path", ".");
    assert!(h.query_by_label(".hidden").is_some());
    press(&mut h, Key::Tab);
    assert_eq!(path_field(&h), shown(&dir.path().join(".hidden")));
}

#[test]
fn typing_a_folder_and_pressing_open_chooses_it() {
    let dir = tree();
    let mut h = open_in(dir.path());
    type_in(&mut h, "Path", "beta");
    assert!(h.state().outcome.is_none());
    click(&mut h, "Open");
    assert_eq!(
        h.state().outcome,
        Some(Outcome::Chosen(dir.path().join("beta")))
    );
}

#[test]
fn a_tilde_is_the_home_folder() {
    let Some(home) = std::env::var_os("HOME").map(PathBuf::from) else {
        return;
    };
    let mut h = open_in(Path::new("/"));
    h.get_by_label("Path").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_in(&mut h, "Path", "~");
    click(&mut h, "Open");
    assert_eq!(h.state().outcome, Some(Outcome::Chosen(home.clone())));
    let mut h = open_in(Path::new("/"));
    click(&mut h, "Home");
    assert_eq!(path_field(&h), shown(&home));
}

#[test]
fn a_click_selects_a_folder_and_a_double_click_enters_it() {
    let dir = tree();
    let mut h = open_in(dir.path());
    click(&mut h, "alpha/");
    assert_eq!(path_field(&h), format!("{}alpha", shown(dir.path())));
    assert!(
        h.query_by_label("beta/").is_some(),
        "still in the same folder"
    );
    double_click(&mut h, "alps/");
    assert_eq!(path_field(&h), shown(&dir.path().join("alps")));
    assert!(h.query_by_label("(no subfolders)").is_some());
    assert!(h.state().outcome.is_none(), "entering is not choosing");
    click(&mut h, "Up");
    assert_eq!(path_field(&h), shown(dir.path()));
}

#[test]
fn enter_enters_the_folder_selected_in_the_listing() {
    let dir = tree();
    let mut h = open_in(dir.path());
    click(&mut h, "alpha/");
    press(&mut h, Key::Enter);
    assert_eq!(path_field(&h), shown(&dir.path().join("alpha")));
    assert!(h.query_by_label("inner/").is_some());
}

#[test]
fn enter_in_the_path_field_enters_the_folder_then_opens_it() {
    let dir = tree();
    let mut h = open_in(dir.path());
    type_in(&mut h, "Path", "alpha");
    press(&mut h, Key::Enter);
    assert_eq!(path_field(&h), shown(&dir.path().join("alpha")));
    assert!(h.query_by_label("inner/").is_some());
    assert!(h.state().outcome.is_none());
    press(&mut h, Key::Enter);
    assert_eq!(
        h.state().outcome,
        Some(Outcome::Chosen(dir.path().join("alpha")))
    );
}

#[test]
fn a_folder_that_does_not_exist_is_said_so_and_nothing_is_returned() {
    let dir = tree();
    let mut h = open_in(dir.path());
    type_in(&mut h, "Path", "nope/deeper/");
    let missing = dir.path().join("nope").join("deeper");
    let error = format!("{}: no such folder", missing.display());
    assert!(
        h.query_by_label(&error).is_some(),
        "the listing says why it is empty"
    );
    click(&mut h, "Open");
    assert!(h.query_by_label(&error).is_some());
    assert!(h.state().outcome.is_none());
    type_in(&mut h, "Path", "x");
    click(&mut h, "Open");
    let error = format!("{}: no such folder", missing.join("x").display());
    assert!(
        h.query_by_label(&error).is_some(),
        "Open names what it tried"
    );
    assert!(h.state().outcome.is_none());
}

#[test]
fn a_file_is_not_a_folder() {
    let dir = tree();
    let mut h = open_in(dir.path());
    type_in(&mut h, "Path", "notes.csv");
    click(&mut h, "Open");
    let error = format!("{}: not a folder", dir.path().join("notes.csv").display());
    assert!(h.query_by_label(&error).is_some());
    assert!(h.state().outcome.is_none());
}

#[test]
fn escape_and_cancel_cancel() {
    let dir = tree();
    let mut h = open_in(dir.path());
    press(&mut h, Key::Escape);
    assert_eq!(h.state().outcome, Some(Outcome::Cancelled));
    let mut h = open_in(dir.path());
    click(&mut h, "Cancel");
    assert_eq!(h.state().outcome, Some(Outcome::Cancelled));
}

#[test]
fn saving_lists_files_dimmed_and_appends_the_extension() {
    let dir = tree();
    let mut h = save_in(dir.path(), "fresh");
    assert!(
        h.query_by_label("notes.csv").is_some(),
        "files are listed to save"
    );
    assert_eq!(
        h.get_by_label("File name").value().as_deref(),
        Some("fresh")
    );
    click(&mut h, "Save");
    assert_eq!(
        h.state().outcome,
        Some(Outcome::Chosen(dir.path().join("fresh.csv")))
    );
}

#[test]
fn saving_over_an_existing_file_asks_first() {
    let dir = tree();
    let mut h = save_in(dir.path(), "notes");
    click(&mut h, "Save");
    assert!(h.query_by_label_contains("Replace it?").is_some());
    assert!(h.state().outcome.is_none(), "not before the analyst agrees");
    press(&mut h, Key::Escape);
    assert!(h.query_by_label_contains("Replace it?").is_none());
    assert!(
        h.state().outcome.is_none(),
        "Escape takes back the question only"
    );
    click(&mut h, "Save");
    click(&mut h, "Replace");
    assert_eq!(
        h.state().outcome,
        Some(Outcome::Chosen(dir.path().join("notes.csv")))
    );
}

#[test]
fn saving_into_a_subfolder_selected_in_the_listing() {
    let dir = tree();
    let mut h = save_in(dir.path(), "out.csv");
    click(&mut h, "beta/");
    click(&mut h, "Save");
    assert_eq!(
        h.state().outcome,
        Some(Outcome::Chosen(dir.path().join("beta").join("out.csv")))
    );
}

#[test]
fn a_huge_folder_is_listed_only_in_part() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for i in 0..5001 {
        fs::create_dir(dir.path().join(format!("d{i:05}"))).expect("a folder");
    }
    let h = open_in(dir.path());
    assert!(
        h.query_by_label_contains("… more: only the first 5000")
            .is_some()
    );
}

// --- completion, on its own ---------------------------------------------------------------

#[test]
fn completion_gives_the_matches_and_their_longest_common_prefix() {
    let names = ["Documents", "Downloads", "Desktop", "docs"];
    let c = complete("Do", names);
    assert_eq!(c.matches, ["Documents", "Downloads"]);
    assert_eq!(c.common, "Do");
    let c = complete("Doc", names);
    assert_eq!(c.matches, ["Documents"]);
    assert_eq!(c.common, "Documents");
    let c = complete("D", names);
    assert_eq!(c.common, "D");
    assert_eq!(complete("", ["alpha", "alps"]).common, "alp");
}

#[test]
fn completion_with_no_match_leaves_the_segment_alone() {
    let c = complete("zz", ["alpha", "beta"]);
    assert!(c.matches.is_empty());
    assert_eq!(c.common, "zz");
}

#[test]
fn completion_hides_dot_names_unless_asked() {
    let names = [".git", ".github", "src"];
    assert_eq!(complete("", names).matches, ["src"]);
    let c = complete(".", names);
    assert_eq!(c.matches, [".git", ".github"]);
    assert_eq!(c.common, ".git");
}

#[test]
fn completion_is_case_sensitive_and_safe_with_any_characters() {
    assert_eq!(complete("r", ["Reports", "rapports"]).matches, ["rapports"]);
    let c = complete("Bé", ["Béla", "Bénin", "Bë"]);
    assert_eq!(c.matches, ["Béla", "Bénin"]);
    assert_eq!(c.common, "Bé");
    assert_eq!(complete("", ["日本語", "日本"]).common, "日本");
}

// --- the system dialog ----------------------------------------------------------------------

fn wait(pick: &mut SystemPick) -> Picked {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(p) = pick.poll() {
            return p;
        }
        assert!(Instant::now() < deadline, "the worker never answered");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn nothing_chosen_at_once_means_no_dialog_was_shown() {
    let ctx = egui::Context::default();
    let mut pick = SystemPick::spawn(&ctx, || None);
    assert_eq!(wait(&mut pick), Picked::Unavailable);
    assert_eq!(pick.poll(), None, "the answer comes once");
}

#[test]
fn nothing_chosen_after_a_while_is_a_cancel() {
    let ctx = egui::Context::default();
    let mut pick = SystemPick::spawn(&ctx, || {
        std::thread::sleep(Duration::from_millis(1100));
        None
    });
    assert_eq!(wait(&mut pick), Picked::Cancelled);
}

#[test]
fn a_path_chosen_is_a_path_and_a_panicking_worker_is_unavailable() {
    let ctx = egui::Context::default();
    let mut pick = SystemPick::spawn(&ctx, || Some(PathBuf::from("/x")));
    assert_eq!(wait(&mut pick), Picked::Path(PathBuf::from("/x")));
    let mut pick = SystemPick::spawn(&ctx, || panic!("no dialog backend"));
    assert_eq!(wait(&mut pick), Picked::Unavailable);
}

#[test]
fn without_a_portal_rfd_itself_is_reported_unavailable() {
    // Where a system dialog may really open (a desktop session), do not pop one up.
    if system_dialogs_available() {
        return;
    }
    let ctx = egui::Context::default();
    let mut pick = SystemPick::open_folder(&ctx, "Open a folder", &std::env::temp_dir());
    assert_eq!(wait(&mut pick), Picked::Unavailable);
}

#[test]
fn the_chooser_falls_back_to_the_in_app_dialog_and_says_why() {
    let dir = tree();
    let ctx_pick = egui::Context::default();
    let pick = SystemPick::spawn(&ctx_pick, || None);
    let chooser = Chooser::new(Some(pick), Purpose::OpenFolder, "Open a folder", dir.path());
    let mut h = Harness::builder()
        .with_size(vec2(1000.0, 700.0))
        .build_ui_state(
            |ui, (c, out): &mut (Chooser, Option<Outcome>)| {
                if out.is_none() {
                    *out = c.show(ui.ctx());
                }
            },
            (chooser, None),
        );
    let deadline = Instant::now() + Duration::from_secs(10);
    while !h.state().0.is_in_app() {
        assert!(Instant::now() < deadline, "never fell back");
        std::thread::sleep(Duration::from_millis(5));
        h.step();
    }
    h.run();
    assert!(h.query_by_label_contains("did not open").is_some());
    type_in_chooser(&mut h, "beta");
    h.get_by_label("Open").click();
    h.run();
    assert_eq!(h.state().1, Some(Outcome::Chosen(dir.path().join("beta"))));
}

fn type_in_chooser(h: &mut Harness<'static, (Chooser, Option<Outcome>)>, text: &str) {
    h.get_by_label("Path").type_text(text);
    h.run();
}

/// The guess is read from the environment, so it is checked in a child process of this
/// test binary, with the environment it needs.
#[test]
fn the_guess_follows_the_environment() {
    if let Ok(want) = std::env::var("FILE_DIALOG_EXPECT") {
        assert_eq!(system_dialogs_available().to_string(), want);
        return;
    }
    let child = |force: &str, want: &str| {
        let exe = std::env::current_exe().expect("the test binary");
        let status = std::process::Command::new(exe)
            .args([
                "--exact",
                "the_guess_follows_the_environment",
                "--test-threads=1",
            ])
            .env("FILE_DIALOG_EXPECT", want)
            .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
            .env("DOSSIER_NO_SYSTEM_DIALOG", force)
            .status()
            .expect("the child runs");
        assert!(status.success(), "with DOSSIER_NO_SYSTEM_DIALOG={force:?}");
    };
    child("1", "false");
    child("0", "true");
    child("", "true");
}

/// Opening a file: files are listed; "Open" with no name, with a missing one or with a
/// folder's name says why and returns nothing; a file clicked in the listing opens.
#[test]
fn opening_a_file_takes_only_an_existing_file() {
    let dir = tree();
    let mut h = harness(PathDialog::new(
        Purpose::OpenFile,
        "Another coder",
        dir.path(),
        None,
    ));
    click(&mut h, "Open");
    assert!(h.query_by_label("Choose a file.").is_some());
    type_in(&mut h, "File name", "missing.ron");
    click(&mut h, "Open");
    let missing = format!("{}: no such file", dir.path().join("missing.ron").display());
    assert!(h.query_by_label(&missing).is_some(), "{missing}");
    h.get_by_label("File name").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_in(&mut h, "File name", "beta");
    click(&mut h, "Open");
    let folder = format!("{}: not a file", dir.path().join("beta").display());
    assert!(h.query_by_label(&folder).is_some(), "{folder}");
    assert!(h.state().outcome.is_none());
    click(&mut h, "notes.csv");
    click(&mut h, "Open");
    assert_eq!(
        h.state().outcome,
        Some(Outcome::Chosen(dir.path().join("notes.csv")))
    );
}
