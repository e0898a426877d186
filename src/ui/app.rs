//! The app shell: which corpus is open, the menu and status bars, keyboard shortcuts,
//! opening folders (dialog on a worker thread, drag and drop, recent folders), autosave,
//! and the three panels: timeline (left), reader (centre), tags (right).
//!
//! [`DossierApp::draw`] draws everything into a `Ui`, so the same code runs in the window
//! and in `egui_kittest` tests.

use super::unsaved::{Guard, Pending};
use super::{conflicts, reader, screenshot, tags_panel, timeline_panel};
use crate::corpus::Progress;
use crate::export::{self as export_notes, ExportFormat};
use crate::filter::{self, Filtered, Query};
use crate::workspace::{SaveState, Workspace};
use egui::{Key, KeyboardShortcut, Modifiers};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, mpsc};
use std::time::Instant;

const PREFS_KEY: &str = "dossier_prefs";
const MAX_RECENT: usize = 8;

/// What is remembered between runs (eframe storage), apart from window geometry.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    pub dark: bool,
}

/// The view's state: what is selected, filtered, being edited. Not saved in the sidecar.
#[derive(Default)]
pub struct View {
    pub query: Query,
    pub filtered: Filtered,
    /// What the filter runs against, kept up to date with the workspace.
    pub index: filter::Index,
    cache_key: Option<(u64, Query)>,
    /// Bumped each time `filtered` is recomputed.
    pub filter_generation: usize,
    pub timeline_cache: timeline_panel::Cache,
    /// Index into `filtered.rows`.
    pub selected_row: Option<usize>,
    /// Index into the corpus's articles.
    pub article: Option<usize>,
    /// A char range to mark and scroll to in the reader (a meeting's evidence).
    pub mark: Option<Range<usize>>,
    pub scroll_to_mark: bool,
    /// The reader's current text selection (chars).
    pub selection: Option<Range<usize>>,
    /// The tag popup is open with this search text.
    pub tag_popup: Option<String>,
    /// Tag ids, most recently applied first (keys 1–9).
    pub recent_tags: Vec<String>,
    /// The highlight chosen in the right panel's list (its details are shown).
    pub active_highlight: Option<String>,
    /// A highlight whose anchor is being re-attached to the next selection.
    pub reattach: Option<String>,
    pub show_shortcuts: bool,
    pub focus_filter: bool,
    /// The meeting being corrected: (article index, meeting index).
    pub correcting: Option<(usize, usize)>,
    pub correction_form: tags_panel::CorrectionForm,
    /// The article-details form, while the analyst corrects title, date, source or place.
    pub details_form: Option<reader::DetailsForm>,
    /// Text of the "new tag" field in the codebook.
    pub new_tag: String,
    pub codebook_edit: Option<String>,
    pub confirm_delete_tag: Option<String>,
    pub merge_into: Option<(String, String)>,
    /// Where this article's highlights are, as of (article, data version).
    pub notes_cache: Option<((usize, u64), Vec<crate::annotations::Resolved>)>,
    /// Highlights per tag id, as of a data version.
    pub tag_counts: Option<(u64, std::collections::HashMap<String, usize>)>,
    /// Highlights needing review, as of a data version.
    pub review_cache: Option<tags_panel::ReviewCache>,
    /// The reader's layout, kept while (article, data version, mark, theme) stay the same.
    pub reader_cache: Option<ReaderCacheEntry>,
}

/// A cached reader layout and what it was built from.
pub type ReaderCacheEntry = (
    (usize, u64, Option<Range<usize>>, bool),
    egui::text::LayoutJob,
);

impl View {
    /// Recompute the filtered timeline if the query or the data changed.
    pub fn refresh(&mut self, ws: &Workspace) {
        let key = (ws.version, self.query.clone());
        if self.cache_key.as_ref() != Some(&key) {
            self.filtered = filter::apply_with(&mut self.index, ws, &self.query);
            self.filter_generation += 1;
            self.cache_key = Some(key);
            if let Some(i) = self.selected_row
                && i >= self.filtered.rows.len()
            {
                self.selected_row = None;
            }
        }
    }

    /// Select row `i` of the timeline and open its first report at its evidence.
    pub fn open_row(&mut self, ws: &Workspace, i: usize) {
        let Some(first) = self
            .filtered
            .rows
            .get(i)
            .and_then(|row| row.event.reports.first().cloned())
        else {
            return;
        };
        self.selected_row = Some(i);
        if let Some(a) = ws.article_index(&first.article) {
            self.open_article(a);
            self.mark = ws.meetings[a].get(first.index).map(|m| m.evidence.clone());
            self.scroll_to_mark = true;
        }
    }

    pub fn open_article(&mut self, a: usize) {
        if self.article != Some(a) {
            self.active_highlight = None;
            self.selection = None;
            self.details_form = None;
            self.tag_popup = None;
            self.reattach = None;
        }
        self.article = Some(a);
        self.mark = None;
    }
}

/// The folder watcher and the files it reported, waiting for a quiet moment.
struct Watch {
    _watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    pending: std::collections::BTreeSet<PathBuf>,
    last: Option<Instant>,
}

/// Reload changed files once the folder has been quiet this long (editors write in bursts).
const WATCH_QUIET: std::time::Duration = std::time::Duration::from_millis(300);

/// A folder being opened: its progress, and where the result will arrive.
struct Loading {
    folder: PathBuf,
    progress: Arc<Progress>,
    rx: mpsc::Receiver<Result<Workspace, String>>,
}

pub struct DossierApp {
    pub workspace: Option<Workspace>,
    pub view: View,
    pub prefs: Prefs,
    pub error: Option<String>,
    picking: Option<mpsc::Receiver<Option<PathBuf>>>,
    /// An export running on a worker thread: its outcome arrives here.
    exporting: Option<mpsc::Receiver<Result<String, String>>>,
    /// What the last export did, for the status bar.
    pub export_status: Option<Result<String, String>>,
    /// A folder being opened on worker threads.
    loading: Option<Loading>,
    /// Set once drawing starts, so worker threads can wake the window.
    repaint: Option<egui::Context>,
    /// Watches the open folder for reports added, changed or removed.
    watch: Option<Watch>,
    screenshot: Option<screenshot::Request>,
    /// Asking the analyst what to do with annotations that could not be saved.
    pub guard: Option<Guard>,
    pub show_conflicts: bool,
    /// The analyst chose to quit without the unsaved changes.
    pub(super) allow_close: bool,
    /// When the guard last retried a save that another process's lock held up.
    pub(super) guard_retry: Option<Instant>,
}

impl DossierApp {
    /// A new app, opening `folder` (or the last folder opened) if given.
    pub fn new(
        prefs: Prefs,
        folder: Option<PathBuf>,
        screenshot: Option<screenshot::Request>,
    ) -> Self {
        let folder = folder.or_else(|| prefs.recent.first().cloned());
        let mut app = DossierApp {
            workspace: None,
            view: View::default(),
            prefs,
            error: None,
            picking: None,
            exporting: None,
            export_status: None,
            loading: None,
            repaint: None,
            watch: None,
            screenshot,
            guard: None,
            show_conflicts: false,
            allow_close: false,
            guard_retry: None,
        };
        if let Some(folder) = folder {
            app.open(folder);
        }
        app
    }

    /// Build from eframe's creation context: restore preferences and theme.
    pub fn from_creation(
        cc: &eframe::CreationContext<'_>,
        folder: Option<PathBuf>,
        screenshot: Option<screenshot::Request>,
    ) -> Self {
        let ctx = cc.egui_ctx.clone();
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        cc.egui_ctx.set_theme(if prefs.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        let mut app = DossierApp {
            repaint: Some(ctx),
            ..DossierApp::new(prefs, None, screenshot)
        };
        if let Some(folder) = folder.or_else(|| app.prefs.recent.first().cloned()) {
            app.open(folder);
        }
        app
    }

    /// Start opening a corpus folder on worker threads; the window stays live and shows
    /// progress. On failure what is open stays open and the reason is shown. If the open
    /// corpus has annotations that cannot be saved, the analyst is asked first.
    pub fn open(&mut self, folder: PathBuf) {
        if self.can_leave(Pending::Open(folder.clone())) {
            self.open_now(folder);
        }
    }

    pub(super) fn open_now(&mut self, folder: PathBuf) {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = mpsc::channel();
        let (p, f) = (Arc::clone(&progress), folder.clone());
        let repaint = self.repaint.clone();
        std::thread::spawn(move || {
            let result = Workspace::open_with_progress(&f, &p).map_err(|e| e.to_string());
            let _ = tx.send(result);
            if let Some(ctx) = repaint {
                ctx.request_repaint();
            }
        });
        self.loading = Some(Loading {
            folder,
            progress,
            rx,
        });
    }

    /// Wait for a folder being opened (tests and tools that need the corpus at once).
    pub fn finish_loading(&mut self) {
        if let Some(loading) = self.loading.take() {
            let result = loading
                .rx
                .recv()
                .unwrap_or_else(|_| Err("the loader stopped".into()));
            self.install(loading.folder, result);
        }
    }

    fn receive_loaded(&mut self) {
        let Some(loading) = &self.loading else { return };
        let result = match loading.rx.try_recv() {
            Ok(result) => result,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => Err("the loader stopped".into()),
        };
        if let Some(loading) = self.loading.take() {
            self.install(loading.folder, result);
        }
    }

    /// Watch the open folder; errors (no inotify) only mean no live reloading.
    fn start_watching(&mut self) {
        use notify::Watcher;
        self.watch = None;
        let Some(ws) = &self.workspace else { return };
        let (tx, rx) = mpsc::channel();
        let repaint = self.repaint.clone();
        let watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
            if let Some(ctx) = &repaint {
                ctx.request_repaint_after(WATCH_QUIET);
            }
        });
        if let Ok(mut watcher) = watcher
            && watcher
                .watch(&ws.folder, notify::RecursiveMode::Recursive)
                .is_ok()
        {
            self.watch = Some(Watch {
                _watcher: watcher,
                events: rx,
                pending: Default::default(),
                last: None,
            });
        }
    }

    /// Reload the files the watcher reported, once it has been quiet for a moment,
    /// keeping the reader on its article.
    fn apply_file_changes(&mut self, ctx: &egui::Context) {
        let (Some(watch), Some(ws)) = (&mut self.watch, &mut self.workspace) else {
            return;
        };
        while let Ok(event) = watch.events.try_recv() {
            if let Ok(event) = event
                && !matches!(event.kind, notify::EventKind::Access(_))
            {
                watch.pending.extend(event.paths);
                watch.last = Some(Instant::now());
            }
        }
        let Some(last) = watch.last else { return };
        if last.elapsed() < WATCH_QUIET {
            ctx.request_repaint_after(WATCH_QUIET);
            return;
        }
        let paths: Vec<PathBuf> = std::mem::take(&mut watch.pending).into_iter().collect();
        watch.last = None;
        let sidecar = crate::annotations::sidecar::path(&ws.folder);
        if paths.contains(&sidecar) && ws.sync_from_disk() {
            self.view.reader_cache = None;
            self.view.refresh(ws);
        }
        let reading = self
            .view
            .article
            .and_then(|a| ws.corpus.articles.get(a))
            .map(|a| a.path.clone());
        let changed = ws.reload_paths(&paths);
        if changed.is_empty() {
            return;
        }
        let article = reading.as_deref().and_then(|p| ws.article_index(p));
        if reading.as_ref().is_some_and(|p| changed.contains(p)) {
            // The text under the reader changed: offsets no longer hold.
            self.view.selection = None;
            self.view.mark = None;
            self.view.tag_popup = None;
        }
        self.view.article = article;
        self.view.reader_cache = None;
        self.view.refresh(ws);
    }

    fn install(&mut self, folder: PathBuf, result: Result<Workspace, String>) {
        match result {
            Ok(ws) => {
                self.workspace = Some(ws);
                self.view = View {
                    recent_tags: std::mem::take(&mut self.view.recent_tags),
                    ..View::default()
                };
                self.error = None;
                let folder = std::fs::canonicalize(&folder).unwrap_or(folder);
                self.prefs.recent.retain(|f| *f != folder);
                self.prefs.recent.insert(0, folder);
                self.prefs.recent.truncate(MAX_RECENT);
                if let Some(ws) = &self.workspace {
                    self.view.refresh(ws);
                    if !self.view.filtered.rows.is_empty() {
                        self.view.open_row(ws, 0);
                    } else if !ws.corpus.articles.is_empty() {
                        self.view.open_article(0);
                    }
                }
                self.start_watching();
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Ask for a folder on a worker thread, so the window keeps drawing.
    pub fn pick_folder(&mut self, ctx: &egui::Context) {
        if self.picking.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let folder = rfd::FileDialog::new()
                .set_title("Open a folder of reports")
                .pick_folder();
            let _ = tx.send(folder);
            ctx.request_repaint();
        });
        self.picking = Some(rx);
    }

    /// Export the notes the timeline filter selects: a save dialog, then rendering and
    /// writing, all on a worker thread so the window stays live.
    pub fn export(&mut self, ctx: &egui::Context, format: ExportFormat, by_tag: bool) {
        let Some(ws) = &self.workspace else { return };
        if self.exporting.is_some() {
            return;
        }
        let notes = export_notes::collect(ws, &self.view.query);
        let name = format!(
            "{}-notes{}.{}",
            notes.corpus,
            if by_tag { "-by-tag" } else { "" },
            format.extension()
        );
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let outcome = (|| {
                let Some(path) = rfd::FileDialog::new()
                    .set_title("Export notes")
                    .set_file_name(name)
                    .save_file()
                else {
                    return Err("export cancelled".to_owned());
                };
                let bytes = export_notes::render(&notes, format, by_tag)?;
                export_notes::write_file(&path, &bytes)?;
                Ok(format!(
                    "Exported {} highlights from {} articles to {}",
                    notes.highlight_count(),
                    notes.articles.len(),
                    path.display()
                ))
            })();
            let _ = tx.send(outcome);
            ctx.request_repaint();
        });
        self.exporting = Some(rx);
        self.export_status = None;
    }

    fn receive_export(&mut self) {
        let Some(rx) = &self.exporting else { return };
        match rx.try_recv() {
            Ok(outcome) => {
                self.exporting = None;
                self.export_status = Some(outcome);
            }
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => self.exporting = None,
        }
    }

    /// Draw the whole app into `ui`.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.repaint.is_none() {
            self.repaint = Some(ctx.clone());
        }
        self.receive_loaded();
        self.apply_file_changes(&ctx);
        self.receive_picked_folder();
        self.receive_export();
        self.receive_dropped_folder(&ctx);
        self.guard_close(&ctx);
        self.shortcuts(&ctx);
        if let Some(ws) = &mut self.workspace {
            if let Some(wait) = ws.autosave(Instant::now()) {
                ctx.request_repaint_after(wait);
            }
            self.view.refresh(ws);
        }

        self.menu_bar(ui);
        self.status_bar(ui);
        if let Some(loading) = &self.loading {
            loading_screen(ui, loading);
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
            return;
        }
        match &mut self.workspace {
            None => match welcome(ui, &self.prefs, &self.error) {
                Some(Welcome::Pick) => self.pick_folder(&ctx),
                Some(Welcome::Open(folder)) => self.open(folder),
                None => {}
            },
            Some(ws) => {
                egui::Panel::left("timeline")
                    .default_size(420.0)
                    .min_size(280.0)
                    .show(ui, |ui| timeline_panel::show(ui, ws, &mut self.view));
                egui::Panel::right("tags")
                    .default_size(300.0)
                    .min_size(220.0)
                    .show(ui, |ui| tags_panel::show(ui, ws, &mut self.view));
                egui::CentralPanel::default().show(ui, |ui| reader::show(ui, ws, &mut self.view));
            }
        }
        if self.view.show_shortcuts {
            shortcuts_window(&ctx, &mut self.view.show_shortcuts);
        }
        if self.show_conflicts
            && let Some(ws) = &mut self.workspace
        {
            conflicts::show(&ctx, &mut self.show_conflicts, ws);
        }
        self.guard_dialog(&ctx);
        if let Some(shot) = &mut self.screenshot
            && self.loading.is_none()
        {
            shot.tick(&ctx);
        }
    }

    fn receive_picked_folder(&mut self) {
        let Some(rx) = &self.picking else { return };
        match rx.try_recv() {
            Ok(folder) => {
                self.picking = None;
                if let Some(folder) = folder {
                    self.open(folder);
                }
            }
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => self.picking = None,
        }
    }

    fn receive_dropped_folder(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            let folder = if path.is_dir() {
                Some(path)
            } else {
                path.parent().map(PathBuf::from)
            };
            if let Some(folder) = folder {
                self.open(folder);
            }
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let cmd = |k| KeyboardShortcut::new(Modifiers::COMMAND, k);
        let cmd_shift = |k| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, k);
        let (open, find, redo, undo) = ctx.input_mut(|i| {
            (
                i.consume_shortcut(&cmd(Key::O)),
                i.consume_shortcut(&cmd(Key::F)),
                i.consume_shortcut(&cmd_shift(Key::Z)) || i.consume_shortcut(&cmd(Key::Y)),
                i.consume_shortcut(&cmd(Key::Z)),
            )
        });
        if open {
            self.pick_folder(ctx);
        }
        if find {
            self.view.focus_filter = true;
        }
        // Text fields keep their own undo; everywhere else it is the annotations'. The
        // article is a read-only text field: keys other than arrows stay shortcuts there.
        let in_reader = ctx.memory(|m| m.focused()) == Some(reader::text_id());
        let typing = ctx.egui_wants_keyboard_input() && !in_reader;
        if let Some(ws) = &mut self.workspace
            && !typing
        {
            if undo {
                ws.undo();
            }
            if redo {
                ws.redo();
            }
        }
        if typing {
            return;
        }
        let pressed = |k| ctx.input(|i| i.key_pressed(k) && i.modifiers.is_none());
        if ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::Text(t) if t == "?"))
        }) {
            self.view.show_shortcuts = !self.view.show_shortcuts;
        }
        let Some(ws) = &self.workspace else { return };
        let rows = self.view.filtered.rows.len();
        if rows > 0 {
            let current = self.view.selected_row;
            let arrows = !in_reader;
            let next = if pressed(Key::J) || (arrows && pressed(Key::ArrowDown)) {
                Some(current.map_or(0, |i| (i + 1).min(rows - 1)))
            } else if pressed(Key::K) || (arrows && pressed(Key::ArrowUp)) {
                Some(current.map_or(0, |i| i.saturating_sub(1)))
            } else {
                None
            };
            if let Some(i) = next {
                self.view.selected_row = Some(i);
                self.view.open_row(ws, i);
            }
            if arrows
                && pressed(Key::Enter)
                && let Some(i) = self.view.selected_row
            {
                self.view.open_row(ws, i);
            }
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
                    if ui.button("Open folder…  (Ctrl+O)").clicked() {
                        self.pick_folder(&ctx);
                        ui.close();
                    }
                    ui.menu_button("Open recent", |ui| {
                        if self.prefs.recent.is_empty() {
                            ui.weak("No recent folders");
                        }
                        let mut chosen = None;
                        for f in &self.prefs.recent {
                            if ui.button(f.display().to_string()).clicked() {
                                chosen = Some(f.clone());
                                ui.close();
                            }
                        }
                        if let Some(f) = chosen {
                            self.open(f);
                        }
                    });
                    ui.add_enabled_ui(self.workspace.is_some() && self.exporting.is_none(), |ui| {
                        ui.menu_button("Export…", |ui| {
                            ui.weak("Exports what the timeline filter shows");
                            for (label, format, by_tag) in [
                                ("Markdown notes by article…", ExportFormat::Markdown, false),
                                (
                                    "Markdown codebook report by tag…",
                                    ExportFormat::Markdown,
                                    true,
                                ),
                                ("CSV spreadsheet…", ExportFormat::Csv, false),
                                ("W3C Web Annotation JSON…", ExportFormat::Json, false),
                                ("REFI-QDA project (.qdpx)…", ExportFormat::Qdpx, false),
                            ] {
                                if ui.button(label).clicked() {
                                    self.export(&ctx, format, by_tag);
                                    ui.close();
                                }
                            }
                        });
                    });
                    ui.separator();
                    if ui.button("Quit").clicked() {
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                });
                ui.menu_button("Edit", |ui| {
                    let (can_undo, can_redo) = self
                        .workspace
                        .as_ref()
                        .map_or((false, false), |w| (w.can_undo(), w.can_redo()));
                    if ui
                        .add_enabled(can_undo, egui::Button::new("Undo  (Ctrl+Z)"))
                        .clicked()
                        && let Some(ws) = &mut self.workspace
                    {
                        ws.undo();
                    }
                    if ui
                        .add_enabled(can_redo, egui::Button::new("Redo  (Ctrl+Shift+Z)"))
                        .clicked()
                        && let Some(ws) = &mut self.workspace
                    {
                        ws.redo();
                    }
                });
                ui.menu_button("View", |ui| {
                    if ui.radio(!self.prefs.dark, "Light theme").clicked() {
                        self.prefs.dark = false;
                        ctx.set_theme(egui::Theme::Light);
                    }
                    if ui.radio(self.prefs.dark, "Dark theme").clicked() {
                        self.prefs.dark = true;
                        ctx.set_theme(egui::Theme::Dark);
                    }
                });
                ui.menu_button("Help", |ui| {
                    if ui.button("Keyboard shortcuts  (?)").clicked() {
                        self.view.show_shortcuts = true;
                        ui.close();
                    }
                });
            });
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let Some(ws) = &mut self.workspace else {
                    ui.weak("No folder open");
                    return;
                };
                ui.label(ws.folder.display().to_string());
                ui.separator();
                ui.label(format!(
                    "{} articles · {} events",
                    ws.corpus.articles.len(),
                    ws.timeline.event_count()
                ));
                let skipped = ws.corpus.skipped().count();
                if skipped > 0 {
                    ui.separator();
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("{skipped} files skipped"),
                    )
                    .on_hover_text(
                        ws.corpus
                            .problems
                            .iter()
                            .map(|p| format!("{}: {}", p.path, p.problem))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    );
                }
                let failing =
                    matches!(ws.save_state, SaveState::Failed(_) | SaveState::ReadOnly(_));
                if let Some(msg) = ws.incoming.clone().filter(|_| !failing) {
                    ui.separator();
                    ui.label(msg);
                    if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                        ws.incoming = None;
                    }
                }
                let n = ws.store.conflicts.len();
                if n > 0 {
                    ui.separator();
                    let label = format!("{n} conflict{} to resolve", if n == 1 { "" } else { "s" });
                    if ui
                        .button(egui::RichText::new(label).color(ui.visuals().warn_fg_color))
                        .clicked()
                    {
                        self.show_conflicts = true;
                    }
                }
                ui.with_layout(
                    egui::Layout::right_to_left(egui::Align::Center),
                    |ui| match ws.save_state.clone() {
                        SaveState::Saved => {
                            ui.weak("All changes saved");
                        }
                        SaveState::Unsaved { .. } => {
                            ui.label("Unsaved changes…");
                        }
                        SaveState::Failed(e) => {
                            if ui.button("Save a copy…").clicked() && self.guard.is_none() {
                                self.guard = Some(Guard::new(Pending::Nothing, ws));
                            }
                            if ui.button("Retry save").clicked() {
                                ws.retry_save();
                            }
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                crate::text::shorten(&format!("Not saved: {e}"), 110),
                            )
                            .on_hover_text(e);
                        }
                        SaveState::ReadOnly(e) => {
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                crate::text::shorten(&format!("Annotations read-only: {e}"), 110),
                            )
                            .on_hover_text(e);
                        }
                    },
                );
            });
        });
    }
}

fn loading_screen(ui: &mut egui::Ui, loading: &Loading) {
    let p = &loading.progress;
    let total = p.total.load(Ordering::Relaxed);
    let read = p.read.load(Ordering::Relaxed);
    let extracted = p.extracted.load(Ordering::Relaxed);
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(120.0);
            ui.heading(format!("Opening {}", loading.folder.display()));
            ui.add_space(12.0);
            let (fraction, text) = if total == 0 {
                (0.0, "Looking for reports…".to_owned())
            } else if read < total {
                (
                    read as f32 / total as f32 * 0.5,
                    format!("Reading reports: {read} of {total}"),
                )
            } else {
                (
                    0.5 + extracted as f32 / total as f32 * 0.5,
                    format!("Finding meetings: {extracted} of {total}"),
                )
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(420.0)
                    .show_percentage()
                    .text(text),
            );
        });
    });
}

enum Welcome {
    Pick,
    Open(PathBuf),
}

fn welcome(ui: &mut egui::Ui, prefs: &Prefs, error: &Option<String>) -> Option<Welcome> {
    let mut action = None;
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(100.0);
            ui.heading("dossier");
            ui.label("Read folders of news reports on leaders' meetings as a timeline, highlight and tag passages, keep notes beside the corpus.");
            ui.add_space(16.0);
            if ui.button("Open a folder of reports…").clicked() {
                action = Some(Welcome::Pick);
            }
            ui.weak("or drop a folder on this window");
            if let Some(e) = error {
                ui.add_space(8.0);
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            if !prefs.recent.is_empty() {
                ui.add_space(16.0);
                ui.label("Recent folders");
                for f in &prefs.recent {
                    if ui.link(f.display().to_string()).clicked() {
                        action = Some(Welcome::Open(f.clone()));
                    }
                }
            }
        });
    });
    action
}

fn shortcuts_window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for (keys, what) in [
                    ("j / ↓", "next event"),
                    ("k / ↑", "previous event"),
                    ("Enter", "open the selected event"),
                    ("Ctrl+F", "filter the timeline"),
                    ("Ctrl+O", "open a folder"),
                    ("T", "tag the selected text"),
                    ("1–9", "apply a recent tag to the selected text"),
                    ("Ctrl+Z", "undo"),
                    ("Ctrl+Shift+Z / Ctrl+Y", "redo"),
                    ("?", "show or hide this list"),
                ] {
                    ui.monospace(keys);
                    ui.label(what);
                    ui.end_row();
                }
            });
        });
}

impl eframe::App for DossierApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Some(ws) = &mut self.workspace {
            ws.save();
        }
    }
}
