//! Choosing a folder to open or a file to save: the system's dialog when there is one, our
//! own otherwise.
//!
//! Where no desktop portal runs (plain window managers, Xvfb, some remote sessions) rfd's
//! portal backend gives up at once and returns `None`, exactly as if the analyst had
//! cancelled. [`SystemPick`] runs rfd on a worker thread and tells that case apart
//! ([`Picked::Unavailable`]): a `None` sooner than a person could cancel, or a worker that
//! died. [`PathDialog`] is the in-app dialog: a path field with Tab completion, a listing of
//! the folder, Up and Home, and (to save) a file-name field that asks before replacing.
//! [`Chooser`] tries the first and falls back to the second.
//!
//! The in-app dialog reads a folder only when the folder shown changes, at most
//! [`MAX_ENTRIES`] entries of it, and never opens the special files it meets (symbolic
//! links are followed with `stat` only, to tell folders from files). Names that are not
//! UTF-8 are left out of the listing: they could not be typed in the path field either.

use egui::text::{CCursor, CCursorRange};
use egui::{Context, Id, Key, Modifiers, RichText, Ui};
use std::fs;
use std::io;
use std::path::{Component, MAIN_SEPARATOR, Path, PathBuf, is_separator};
use std::time::{Duration, Instant};

/// At most this many entries of a folder are read; the listing says when there are more.
pub const MAX_ENTRIES: usize = 5000;
/// rfd answering "nothing chosen" sooner than this means it showed no dialog.
pub const UNAVAILABLE_WITHIN: Duration = Duration::from_secs(1);
/// Setting this variable (to anything but `0` or nothing) keeps the system dialog away.
pub const NO_SYSTEM_DIALOG_VAR: &str = "DOSSIER_NO_SYSTEM_DIALOG";
/// Matching entries shown under the path field.
const MAX_MATCHES: usize = 12;
const WIDTH: f32 = 620.0;
const LIST_ROWS: f32 = 14.0;

/// What the path is chosen for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// An existing, readable folder.
    OpenFolder,
    /// A file to write: `extension` (without the dot) is appended to the name when missing.
    SaveFile {
        default_name: String,
        extension: String,
    },
    /// An existing file to read.
    OpenFile,
}

/// How a [`PathDialog`] or [`Chooser`] ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Chosen(PathBuf),
    Cancelled,
}

// ---------------------------------------------------------------------------------------
// Completion (pure)

/// What Tab makes of a typed path segment among the names in its folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    /// The names that start with the segment, in the order given.
    pub matches: Vec<String>,
    /// Their longest common prefix (the segment itself when nothing matches).
    pub common: String,
}

/// Complete `typed` (the last segment of a path) among `names`. Names starting with '.'
/// take part only when `typed` does. Matching is case-sensitive, as the file system is.
pub fn complete<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> Completion {
    let matches: Vec<String> = names
        .into_iter()
        .filter(|n| n.starts_with(typed) && is_shown(n, typed))
        .map(str::to_owned)
        .collect();
    let common = match matches.split_first() {
        None => typed.to_owned(),
        Some((first, rest)) => {
            let end = rest
                .iter()
                .fold(first.len(), |end, n| shared_len(&first[..end], n));
            first[..end].to_owned()
        }
    };
    Completion { matches, common }
}

/// Whether `name` is listed while `typed` is the segment typed: dot-entries are hidden
/// unless the segment starts with '.'.
pub fn is_shown(name: &str, typed: &str) -> bool {
    !name.starts_with('.') || typed.starts_with('.')
}

/// Length in bytes of the common prefix of `a` and `b` (a char boundary of both).
fn shared_len(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|&((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

// ---------------------------------------------------------------------------------------
// Paths as typed

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .or_else(std::env::home_dir)
}

/// `text` as a path: a leading `~` is the home folder, a relative path is taken from
/// `base`, and `.` and `..` are resolved by name.
fn resolve(text: &str, base: &Path) -> PathBuf {
    let expanded = expand_home(text);
    if expanded.is_absolute() {
        normalize(&expanded)
    } else {
        normalize(&base.join(expanded))
    }
}

fn expand_home(text: &str) -> PathBuf {
    let rest = text
        .strip_prefix('~')
        .filter(|r| r.is_empty() || r.starts_with(is_separator));
    match (rest, home()) {
        (Some(rest), Some(home)) => home.join(rest.trim_start_matches(is_separator)),
        _ => PathBuf::from(text),
    }
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `text` split after its last separator: the folder part and the segment being typed.
fn split_typed(text: &str) -> (&str, &str) {
    match text.rfind(is_separator) {
        Some(i) => text.split_at(i + 1),
        None if text == "~" => (text, ""),
        None => ("", text),
    }
}

/// A folder as the path field shows it: with a separator at the end.
fn folder_text(path: &Path) -> String {
    let mut s = path.display().to_string();
    if !s.ends_with(is_separator) {
        s.push(MAIN_SEPARATOR);
    }
    s
}

/// A sentence for an error met reading `path` as a folder.
fn describe(path: &Path, e: &io::Error) -> String {
    let p = path.display();
    match e.kind() {
        io::ErrorKind::NotFound => format!("{p}: no such folder"),
        io::ErrorKind::NotADirectory => format!("{p}: not a folder"),
        io::ErrorKind::PermissionDenied => format!("cannot read {p}: permission denied"),
        _ => format!("cannot read {p}: {e}"),
    }
}

/// `name` as a file name ending in `.extension` (appended when missing).
fn file_name(name: &str, extension: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("type a file name".to_owned());
    }
    if name.contains(is_separator) || name == "." || name == ".." {
        return Err(format!("“{name}” is not a file name"));
    }
    let ext = extension.trim_start_matches('.');
    let has = Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext));
    Ok(if ext.is_empty() || has {
        name.to_owned()
    } else {
        format!("{name}.{ext}")
    })
}

// ---------------------------------------------------------------------------------------
// Folder listing

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    folder: bool,
}

/// One folder's entries, read once when the dialog moves to it.
#[derive(Debug, Default)]
struct Listing {
    dir: PathBuf,
    /// Folders first, then files, each by name regardless of case.
    entries: Vec<Entry>,
    /// The folder has more than [`MAX_ENTRIES`] entries.
    more: bool,
    error: Option<String>,
}

impl Listing {
    fn read(dir: &Path) -> Self {
        let (entries, more, error) = match read_entries(dir) {
            Ok((entries, more)) => (entries, more, None),
            Err(e) => (Vec::new(), false, Some(describe(dir, &e))),
        };
        Self {
            dir: dir.to_owned(),
            entries,
            more,
            error,
        }
    }
}

fn read_entries(dir: &Path) -> io::Result<(Vec<Entry>, bool)> {
    let mut iter = fs::read_dir(dir)?;
    let mut entries: Vec<Entry> = iter
        .by_ref()
        .take(MAX_ENTRIES)
        .filter_map(|e| entry(e.ok()?))
        .collect();
    let more = iter.next().is_some();
    entries.sort_by_cached_key(|e| (!e.folder, e.name.to_lowercase(), e.name.clone()));
    Ok((entries, more))
}

/// A folder or regular file (a link is judged by what it points to); `None` for the rest.
fn entry(e: fs::DirEntry) -> Option<Entry> {
    let kind = e.file_type().ok()?;
    let (dir, file) = if kind.is_symlink() {
        let m = fs::metadata(e.path()).ok()?;
        (m.is_dir(), m.is_file())
    } else {
        (kind.is_dir(), kind.is_file())
    };
    let name = e.file_name().into_string().ok()?;
    (dir || file).then_some(Entry { name, folder: dir })
}

// ---------------------------------------------------------------------------------------
// The in-app dialog

/// What a click or key did to a row of the listing.
enum RowAction {
    Select(usize),
    Enter(usize),
}

/// An in-app modal dialog for choosing a folder to open or a file to save.
///
/// The path field is the single source of truth: the listing shows the folder its text
/// ends in (up to the last separator), selecting a row writes `folder/name` into it and
/// entering a row writes `folder/name/`.
pub struct PathDialog {
    purpose: Purpose,
    title: String,
    note: Option<String>,
    /// Relative paths typed are taken from here.
    base: PathBuf,
    id: Id,
    text: String,
    name: String,
    listing: Listing,
    /// Indices into `listing.entries` of the rows shown.
    rows: Vec<usize>,
    /// Folder names matching the typed segment.
    matches: Vec<String>,
    /// The path field was last changed by typing (so the matches are worth showing).
    typed: bool,
    error: Option<String>,
    /// A file that exists, shown with "Replace it?".
    replace: Option<PathBuf>,
    focus: Option<Id>,
}

impl PathDialog {
    /// A dialog starting in `start`, with an optional `note` shown under the title.
    pub fn new(purpose: Purpose, title: &str, start: &Path, note: Option<String>) -> Self {
        let base = std::path::absolute(start).map_or_else(|_| start.to_owned(), |p| normalize(&p));
        let id = Id::unique("dossier-path-dialog");
        let (name, focus) = match &purpose {
            Purpose::OpenFolder | Purpose::OpenFile => (String::new(), id.with("path")),
            Purpose::SaveFile { default_name, .. } => (default_name.clone(), id.with("name")),
        };
        let mut dialog = Self {
            purpose,
            title: title.to_owned(),
            note,
            text: folder_text(&base),
            base,
            id,
            name,
            listing: Listing::default(),
            rows: Vec::new(),
            matches: Vec::new(),
            typed: false,
            error: None,
            replace: None,
            focus: Some(focus),
        };
        dialog.sync();
        dialog
    }

    /// Draw; returns `Some` when the analyst chose or cancelled (Escape cancels).
    pub fn show(&mut self, ctx: &Context) -> Option<Outcome> {
        let idle = ctx.memory(|m| m.focused()).is_none();
        // Anchored at the top, so that the dialog grows downwards instead of jumping about.
        let area = egui::Modal::default_area(self.id).anchor(egui::Align2::CENTER_TOP, [0.0, 48.0]);
        let outcome = egui::Modal::new(self.id)
            .area(area)
            .show(ctx, |ui| {
                ui.set_width(WIDTH);
                self.body(ui, idle)
            })
            .inner;
        if outcome.is_none() && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            return self.escape();
        }
        outcome
    }

    fn saving(&self) -> bool {
        matches!(self.purpose, Purpose::SaveFile { .. })
    }

    /// Whether a file is chosen (to save or to open), not a folder.
    fn choosing_file(&self) -> bool {
        !matches!(self.purpose, Purpose::OpenFolder)
    }

    fn path_id(&self) -> Id {
        self.id.with("path")
    }

    /// Escape first takes back a "Replace it?" question, then cancels.
    fn escape(&mut self) -> Option<Outcome> {
        match self.replace.take() {
            Some(_) => None,
            None => Some(Outcome::Cancelled),
        }
    }

    fn body(&mut self, ui: &mut Ui, idle: bool) -> Option<Outcome> {
        ui.heading(&self.title);
        if let Some(note) = &self.note {
            ui.label(note);
        }
        ui.add_space(4.0);
        let entered = self.path_row(ui);
        self.matches_row(ui);
        self.error_line(ui);
        let row = self.listing_view(ui, idle);
        let named = if self.choosing_file() {
            self.name_row(ui)
        } else {
            None
        };
        let confirmed = self.replace_row(ui);
        let button = self.buttons(ui);
        entered.or(row).or(named).or(confirmed).or(button)
    }

    /// Up, Home and the path field (Tab completes, Enter enters the folder typed).
    fn path_row(&mut self, ui: &mut Ui) -> Option<Outcome> {
        let id = self.path_id();
        if ui.memory(|m| m.has_focus(id))
            && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Tab))
        {
            self.tab(ui.ctx());
        }
        let mut enter = false;
        ui.horizontal(|ui| {
            if ui.button("Up").clicked() {
                self.up(ui.ctx());
            }
            if ui.button("Home").clicked() {
                self.go_home(ui.ctx());
            }
            let label = ui.label("Path");
            let edit = egui::TextEdit::singleline(&mut self.text)
                .id(id)
                .lock_focus(true)
                .desired_width(ui.available_width());
            let r = ui.add(edit).labelled_by(label.id);
            self.take_focus(&r);
            if r.changed() {
                self.edited(true);
            }
            enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        });
        if enter {
            self.enter_path(ui.ctx())
        } else {
            None
        }
    }

    /// Give the field `r` the focus if it is due to have it (asked again until it has).
    fn take_focus(&mut self, r: &egui::Response) {
        if self.focus == Some(r.id) {
            if r.has_focus() {
                self.focus = None;
            } else {
                r.request_focus();
            }
        }
    }

    /// Tab: complete the typed segment to the longest common prefix of the matching folders
    /// (and into the folder, when only one matches).
    fn tab(&mut self, ctx: &Context) {
        let (dir, segment) = split_typed(&self.text);
        let c = complete(segment, self.folder_names());
        let text = match c.matches.len() {
            0 => return,
            1 => format!("{dir}{}{MAIN_SEPARATOR}", c.common),
            _ => format!("{dir}{}", c.common),
        };
        self.set_text(ctx, text, true);
    }

    fn folder_names(&self) -> impl Iterator<Item = &str> {
        let folders = self.listing.entries.iter().filter(|e| e.folder);
        folders.map(|e| e.name.as_str())
    }

    /// Enter in the path field: into the folder typed; in it already, Open (or on to the
    /// file name, to save).
    fn enter_path(&mut self, ctx: &Context) -> Option<Outcome> {
        let path = resolve(&self.text, &self.base);
        let inside = self.text.ends_with(is_separator) && path == self.listing.dir;
        if inside && self.listing.error.is_none() {
            if self.choosing_file() {
                self.focus = Some(self.id.with("name"));
                return None;
            }
            return self.choose();
        }
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => self.set_text(ctx, folder_text(&path), false),
            Ok(_) => self.error = Some(format!("{}: not a folder", path.display())),
            Err(e) => self.error = Some(describe(&path, &e)),
        }
        self.focus = Some(self.path_id());
        None
    }

    fn up(&mut self, ctx: &Context) {
        if let Some(parent) = self.listing.dir.parent() {
            let text = folder_text(parent);
            self.set_text(ctx, text, false);
        }
    }

    fn go_home(&mut self, ctx: &Context) {
        match home() {
            Some(h) => self.set_text(ctx, folder_text(&normalize(&h)), false),
            None => self.error = Some("no home folder is set ($HOME)".to_owned()),
        }
    }

    /// Replace the path field's text (cursor at the end) and follow it.
    fn set_text(&mut self, ctx: &Context, text: String, typed: bool) {
        let id = self.path_id();
        let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
        let end = CCursor::new(text.chars().count());
        state.cursor.set_char_range(Some(CCursorRange::one(end)));
        state.store(ctx, id);
        self.text = text;
        self.edited(typed);
    }

    fn edited(&mut self, typed: bool) {
        self.typed = typed;
        self.error = None;
        self.replace = None;
        self.sync();
    }

    /// Follow the path field: read its folder if that changed, pick the rows and matches.
    fn sync(&mut self) {
        let (dir, segment) = split_typed(&self.text);
        let dir = resolve(dir, &self.base);
        if dir != self.listing.dir {
            self.listing = Listing::read(&dir);
        }
        let files = self.choosing_file();
        let entries = &self.listing.entries;
        self.rows = (0..entries.len())
            .filter(|&i| (files || entries[i].folder) && is_shown(&entries[i].name, segment))
            .collect();
        self.matches = complete(segment, self.folder_names()).matches;
    }

    /// The folders matching the typed segment, each a click away.
    fn matches_row(&mut self, ui: &mut Ui) {
        let (dir, segment) = split_typed(&self.text);
        if !self.typed || segment.is_empty() {
            return;
        }
        let mut picked = None;
        ui.horizontal_wrapped(|ui| {
            if self.matches.is_empty() {
                ui.weak(format!("No folder here starts with “{segment}”"));
                return;
            }
            ui.weak("Matches:");
            for m in self.matches.iter().take(MAX_MATCHES) {
                if ui.small_button(m).clicked() {
                    picked = Some(format!("{dir}{m}{MAIN_SEPARATOR}"));
                }
            }
            if self.matches.len() > MAX_MATCHES {
                ui.weak(format!("… {} more", self.matches.len() - MAX_MATCHES));
            }
        });
        if let Some(text) = picked {
            self.set_text(ui.ctx(), text, true);
            self.focus = Some(self.path_id());
        }
    }

    fn error_line(&self, ui: &mut Ui) {
        if let Some(e) = self.error.as_ref().or(self.listing.error.as_ref()) {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    }

    /// The folder's subfolders (and, to save, its files, dimmed; to open, its files): a click selects, a
    /// double click or Enter enters a folder (or, for a file, saves over it after asking).
    fn listing_view(&mut self, ui: &mut Ui, idle: bool) -> Option<Outcome> {
        let (_, segment) = split_typed(&self.text);
        let row_height = ui.spacing().interact_size.y;
        let mut action = None;
        egui::ScrollArea::vertical()
            .id_salt("dossier-path-dialog-listing")
            .max_height(row_height * LIST_ROWS)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, self.rows.len(), |ui, range| {
                for &i in &self.rows[range] {
                    let e = &self.listing.entries[i];
                    let selected = if e.folder {
                        segment == e.name
                    } else {
                        self.name == e.name
                    };
                    let dim = matches!(self.purpose, Purpose::SaveFile { .. });
                    action = listing_row(ui, e, selected, i, dim).or(action.take());
                }
            });
        self.listing_footer(ui);
        if action.is_none() && idle && ui.input(|i| i.key_pressed(Key::Enter)) {
            action = self.selected_row().map(RowAction::Enter);
        }
        action.and_then(|a| self.act(ui.ctx(), a))
    }

    fn listing_footer(&self, ui: &mut Ui) {
        if self.listing.more {
            ui.weak(format!(
                "… more: only the first {MAX_ENTRIES} entries are listed"
            ));
        } else if self.rows.is_empty() && self.listing.error.is_none() {
            ui.weak(if self.choosing_file() {
                "(empty folder)"
            } else {
                "(no subfolders)"
            });
        }
    }

    /// The folder row the path field names, if any.
    fn selected_row(&self) -> Option<usize> {
        let (_, segment) = split_typed(&self.text);
        let entries = &self.listing.entries;
        self.rows
            .iter()
            .copied()
            .find(|&i| entries[i].folder && entries[i].name == segment)
    }

    fn act(&mut self, ctx: &Context, action: RowAction) -> Option<Outcome> {
        let (i, enter) = match action {
            RowAction::Select(i) => (i, false),
            RowAction::Enter(i) => (i, true),
        };
        let e = self.listing.entries.get(i)?.clone();
        let dir = folder_text(&self.listing.dir);
        if !e.folder {
            self.name = e.name;
            self.replace = None;
            return if enter { self.choose() } else { None };
        }
        let text = if enter {
            format!("{dir}{}{MAIN_SEPARATOR}", e.name)
        } else {
            format!("{dir}{}", e.name)
        };
        self.set_text(ctx, text, false);
        None
    }

    /// The file name (to save); Enter saves.
    fn name_row(&mut self, ui: &mut Ui) -> Option<Outcome> {
        let mut enter = false;
        ui.horizontal(|ui| {
            let label = ui.label("File name");
            let edit = egui::TextEdit::singleline(&mut self.name)
                .id(self.id.with("name"))
                .desired_width(ui.available_width());
            let r = ui.add(edit).labelled_by(label.id);
            self.take_focus(&r);
            if r.changed() {
                self.replace = None;
                self.error = None;
            }
            enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        });
        if enter { self.choose() } else { None }
    }

    /// "Replace it?" when the file to save exists.
    fn replace_row(&mut self, ui: &mut Ui) -> Option<Outcome> {
        let path = self.replace.clone()?;
        let mut outcome = None;
        ui.horizontal_wrapped(|ui| {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("“{name}” already exists here. Replace it?"),
            );
            if ui.button("Replace").clicked() {
                outcome = Some(Outcome::Chosen(path.clone()));
            }
            if ui.button("Back").clicked() {
                self.replace = None;
            }
        });
        outcome
    }

    fn buttons(&mut self, ui: &mut Ui) -> Option<Outcome> {
        let mut outcome = None;
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let verb = if self.saving() { "Save" } else { "Open" };
            if ui.button(verb).clicked() {
                outcome = self.choose();
            }
            if ui.button("Cancel").clicked() {
                outcome = Some(Outcome::Cancelled);
            }
        });
        outcome
    }

    /// Open or Save: the chosen path, or an error line (or a question) and `None`.
    fn choose(&mut self) -> Option<Outcome> {
        let folder = self.target_folder()?;
        match &self.purpose {
            Purpose::OpenFolder => Some(Outcome::Chosen(folder)),
            Purpose::SaveFile { extension, .. } => {
                let extension = extension.clone();
                self.save_in(&folder, &extension)
            }
            Purpose::OpenFile => self.open_in(&folder),
        }
    }

    /// The file named in `folder`, if it is one.
    fn open_in(&mut self, folder: &Path) -> Option<Outcome> {
        if self.name.trim().is_empty() {
            self.error = Some("Choose a file.".into());
            return None;
        }
        let path = folder.join(self.name.trim());
        match fs::metadata(&path) {
            Ok(m) if m.is_file() => return Some(Outcome::Chosen(path)),
            Ok(_) => self.error = Some(format!("{}: not a file", path.display())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                self.error = Some(format!("{}: no such file", path.display()));
            }
            Err(e) => self.error = Some(describe(&path, &e)),
        }
        None
    }

    /// The folder the path field names, if it exists and can be read.
    fn target_folder(&mut self) -> Option<PathBuf> {
        let path = resolve(&self.text, &self.base);
        match fs::read_dir(&path) {
            Ok(_) => Some(path),
            Err(e) => {
                self.error = Some(describe(&path, &e));
                None
            }
        }
    }

    fn save_in(&mut self, folder: &Path, extension: &str) -> Option<Outcome> {
        let name = file_name(&self.name, extension)
            .map_err(|e| self.error = Some(e))
            .ok()?;
        self.name.clone_from(&name);
        let path = folder.join(name);
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Some(Outcome::Chosen(path)),
            Err(e) => self.error = Some(format!("cannot check {}: {e}", path.display())),
            Ok(m) if m.is_dir() => self.error = Some(format!("{}: is a folder", path.display())),
            Ok(m) if !m.is_file() && !m.is_symlink() => {
                self.error = Some(format!("{}: not a regular file", path.display()));
            }
            Ok(_) => self.replace = Some(path),
        }
        None
    }
}

/// One row of the listing, and what was done to it; files `dim` (when saving).
fn listing_row(ui: &mut Ui, e: &Entry, selected: bool, i: usize, dim: bool) -> Option<RowAction> {
    let text = if e.folder {
        RichText::new(format!("{}{MAIN_SEPARATOR}", e.name))
    } else if selected || !dim {
        RichText::new(&e.name)
    } else {
        RichText::new(&e.name).weak()
    };
    let button = egui::Button::selectable(selected, text)
        .wrap_mode(egui::TextWrapMode::Truncate)
        .min_size(egui::vec2(ui.available_width(), 0.0));
    let r = ui.add(button);
    let keyboard = r.clicked() && ui.input(|inp| inp.key_pressed(Key::Enter));
    if r.double_clicked() || keyboard {
        Some(RowAction::Enter(i))
    } else if r.clicked() {
        Some(RowAction::Select(i))
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------
// The system dialog

/// How a [`SystemPick`] ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    Path(PathBuf),
    Cancelled,
    /// No system dialog was shown (or its worker died): use [`PathDialog`] instead.
    Unavailable,
}

/// The system file dialog (rfd), run on a worker thread so the window keeps drawing.
pub struct SystemPick {
    worker: super::worker::Worker<(Option<PathBuf>, Duration)>,
    done: bool,
}

impl SystemPick {
    /// Ask for a folder, starting in `start`.
    pub fn open_folder(ctx: &Context, title: &str, start: &Path) -> Self {
        let dialog = rfd::FileDialog::new().set_title(title).set_directory(start);
        Self::spawn(ctx, move || dialog.pick_folder())
    }

    /// Ask for a file to open, starting in `start`, showing files ending in `extension`.
    pub fn open_file(ctx: &Context, title: &str, start: &Path, extension: &str) -> Self {
        let dialog = rfd::FileDialog::new()
            .set_title(title)
            .set_directory(start)
            .add_filter(extension, &[extension]);
        Self::spawn(ctx, move || dialog.pick_file())
    }

    /// Ask for a file to save, starting in `start` with the name `name`.
    pub fn save_file(ctx: &Context, title: &str, start: &Path, name: &str) -> Self {
        let dialog = rfd::FileDialog::new()
            .set_title(title)
            .set_directory(start)
            .set_file_name(name);
        Self::spawn(ctx, move || dialog.save_file())
    }

    /// Run any blocking `picker` as the system dialog is run (tests use this to stand in
    /// for rfd). A repaint is requested when it returns or panics.
    pub fn spawn(ctx: &Context, picker: impl FnOnce() -> Option<PathBuf> + Send + 'static) -> Self {
        let worker = super::worker::Worker::spawn(Some(ctx.clone()), move || {
            let started = Instant::now();
            let picked = picker();
            (picked, started.elapsed())
        });
        Self {
            worker,
            done: false,
        }
    }

    /// Non-blocking: `Some` once, when the dialog has ended; `None` before and after.
    pub fn poll(&mut self) -> Option<Picked> {
        if self.done {
            return None;
        }
        use super::worker::Poll;
        let picked = match self.worker.poll() {
            Poll::Running => return None,
            Poll::Lost => Picked::Unavailable,
            Poll::Done((Some(path), _)) => Picked::Path(path),
            Poll::Done((None, took)) if took < UNAVAILABLE_WITHIN => Picked::Unavailable,
            Poll::Done((None, _)) => Picked::Cancelled,
        };
        self.done = true;
        Some(picked)
    }
}

/// A cheap guess, before trying, at whether a system file dialog can be shown.
///
/// False when `DOSSIER_NO_SYSTEM_DIALOG` is set (to anything but `0`). On Linux and the
/// BSDs rfd asks the desktop portal over the D-Bus session bus and, failing that, runs
/// `zenity`; so false when there is neither a session bus (`DBUS_SESSION_BUS_ADDRESS`,
/// `$XDG_RUNTIME_DIR/bus`, `/run/user/$UID/bus`) nor `zenity` on the `PATH`. A bus without
/// a portal passes this guess: [`SystemPick`] then reports [`Picked::Unavailable`].
pub fn system_dialogs_available() -> bool {
    let forced_off =
        std::env::var_os(NO_SYSTEM_DIALOG_VAR).is_some_and(|v| !v.is_empty() && v != "0");
    !forced_off && (!cfg!(unix) || cfg!(target_os = "macos") || session_bus() || on_path("zenity"))
}

fn session_bus() -> bool {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty()) {
        return true;
    }
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from);
    runtime
        .into_iter()
        .chain(user_run_dir())
        .any(|dir| dir.join("bus").exists())
}

#[cfg(unix)]
fn user_run_dir() -> Option<PathBuf> {
    // SAFETY: getuid has no preconditions and cannot fail.
    let uid = unsafe { libc::getuid() };
    Some(PathBuf::from(format!("/run/user/{uid}")))
}

#[cfg(not(unix))]
fn user_run_dir() -> Option<PathBuf> {
    None
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

// ---------------------------------------------------------------------------------------
// Both together

enum Stage {
    System(SystemPick),
    InApp(Box<PathDialog>),
    Done,
}

/// The system dialog when there seems to be one, the in-app [`PathDialog`] when there is
/// not (or it turns out not to show). Call [`Chooser::show`] every frame until `Some`.
pub struct Chooser {
    stage: Stage,
    purpose: Purpose,
    title: String,
    start: PathBuf,
}

impl Chooser {
    /// Choose a folder to open, starting in `start`.
    pub fn open_folder(ctx: &Context, title: &str, start: &Path) -> Self {
        let system = system_dialogs_available().then(|| SystemPick::open_folder(ctx, title, start));
        Self::new(system, Purpose::OpenFolder, title, start)
    }

    /// Choose an existing file to open, starting in `start` (the system dialog shows files
    /// ending in `extension`).
    pub fn open_file(ctx: &Context, title: &str, start: &Path, extension: &str) -> Self {
        let system =
            system_dialogs_available().then(|| SystemPick::open_file(ctx, title, start, extension));
        Self::new(system, Purpose::OpenFile, title, start)
    }

    /// Choose a file to save, starting in `start` with `default_name`; `extension` (no dot)
    /// is appended by the in-app dialog when the name lacks it.
    pub fn save_file(
        ctx: &Context,
        title: &str,
        start: &Path,
        default_name: &str,
        extension: &str,
    ) -> Self {
        let system = system_dialogs_available()
            .then(|| SystemPick::save_file(ctx, title, start, default_name));
        let purpose = Purpose::SaveFile {
            default_name: default_name.to_owned(),
            extension: extension.to_owned(),
        };
        Self::new(system, purpose, title, start)
    }

    /// Wait for `system` (already started) and fall back to the in-app dialog if it turns
    /// out unavailable; with `None`, the in-app dialog at once.
    pub fn new(system: Option<SystemPick>, purpose: Purpose, title: &str, start: &Path) -> Self {
        let mut chooser = Self {
            stage: Stage::Done,
            purpose,
            title: title.to_owned(),
            start: start.to_owned(),
        };
        chooser.stage = match system {
            Some(pick) => Stage::System(pick),
            None => Stage::InApp(Box::new(chooser.in_app(None))),
        };
        chooser
    }

    fn in_app(&self, note: Option<String>) -> PathDialog {
        PathDialog::new(self.purpose.clone(), &self.title, &self.start, note)
    }

    /// Whether the in-app dialog is the one showing.
    pub fn is_in_app(&self) -> bool {
        matches!(self.stage, Stage::InApp(_))
    }

    /// Poll the system dialog or draw the in-app one; `Some` once, when it has ended.
    pub fn show(&mut self, ctx: &Context) -> Option<Outcome> {
        let outcome = match &mut self.stage {
            Stage::Done => return None,
            Stage::InApp(dialog) => dialog.show(ctx),
            Stage::System(pick) => match pick.poll()? {
                Picked::Path(p) => Some(Outcome::Chosen(p)),
                Picked::Cancelled => Some(Outcome::Cancelled),
                Picked::Unavailable => {
                    let note = "The system file dialog did not open, so choose here.";
                    self.stage = Stage::InApp(Box::new(self.in_app(Some(note.to_owned()))));
                    ctx.request_repaint();
                    return None;
                }
            },
        };
        if outcome.is_some() {
            self.stage = Stage::Done;
        }
        outcome
    }
}
