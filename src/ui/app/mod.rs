//! The app shell: which corpus is open, the menu and status bars, keyboard shortcuts,
//! opening folders (dialog on a worker thread, drag and drop, recent folders), autosave,
//! and the three panels: timeline (left), reader (centre), tags (right).
//!
//! [`DossierApp::draw`] draws everything into a `Ui`, so the same code runs in the window
//! and in `egui_kittest` tests.

mod apply;
mod menus;
pub(crate) mod saving;
pub mod screenshot;
pub mod unsaved;

pub use menus::step_report;

use crate::corpus::Progress;
use crate::export::ExportFormat;
use crate::export::options::ExportOptions;
use crate::ui::commands::{Command, Nav};
use crate::ui::focus::{Cx, LeftTab};
use crate::ui::panels::{
    agreement, conflicts_dialog, corrections, export_dialog, reader, reports, tags, themes,
    timeline,
};
use crate::ui::view::View;
use crate::ui::widgets::file_dialog;
use crate::ui::widgets::sizes;
use crate::ui::widgets::worker::{Poll, Worker};
use crate::workspace::{Reloaded, Workspace};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, mpsc};
use std::time::Instant;
use unsaved::{Guard, Pending};

const PREFS_KEY: &str = "dossier_prefs";
const FOLDER_TITLE: &str = "Open a folder of reports";
const EXPORT_TITLE: &str = "Export notes";
const MAX_RECENT: usize = 8;

/// What is remembered between runs (eframe storage), apart from window geometry.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    /// The reader's text size, in points.
    pub reader_font: f32,
    /// Recently applied tag ids (keys 1–9), per corpus folder.
    pub recent_tags: BTreeMap<PathBuf, Vec<String>>,
    /// The report last read in each corpus folder (its path in the folder), opened again
    /// on the next start.
    pub last_report: BTreeMap<PathBuf, String>,
    /// The analyst's name, offered as the coder of QDA exports.
    pub coder: String,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            recent: Vec::new(),
            dark: false,
            reader_font: reader::DEFAULT_FONT,
            recent_tags: BTreeMap::new(),
            last_report: BTreeMap::new(),
            coder: String::new(),
        }
    }
}

/// The folder watcher and the files it reported, waiting for a quiet moment, and the
/// reports being read again on a worker.
struct Watch {
    _watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    pending: std::collections::BTreeSet<PathBuf>,
    last: Option<Instant>,
    reloading: Option<Worker<Reloaded>>,
    /// Reports read again, being put in place a step per frame.
    applying: Option<Reloaded>,
}

/// How long a frame spends putting reloaded reports in place.
const RELOAD_STEP: std::time::Duration = std::time::Duration::from_millis(5);
/// How long a frame spends working out the filter's answers anew (at least one stage).
const REFRESH_STEP: std::time::Duration = std::time::Duration::from_millis(8);

/// Reload changed files once the folder has been quiet this long (editors write in bursts).
const WATCH_QUIET: std::time::Duration = std::time::Duration::from_millis(300);

/// A folder being opened: its progress, and where the result will arrive.
struct Loading {
    folder: PathBuf,
    progress: Arc<Progress>,
    worker: Worker<Result<Workspace, String>>,
}

pub struct DossierApp {
    pub workspace: Option<Workspace>,
    pub view: View,
    pub prefs: Prefs,
    pub error: Option<String>,
    /// What the last command did, for the status bar ("Undid: rename tag").
    pub status: Option<String>,
    /// A folder being chosen: the system dialog on a worker, or the in-app one.
    pub(crate) choosing: Option<(file_dialog::Chooser, ChoiceFor)>,
    /// An export running on a worker thread: its outcome arrives here.
    exporting: Option<Worker<Result<String, String>>>,
    /// The report last noted in the preferences (see `remember_report`).
    remembered: Option<usize>,
    /// What the last export did, for the status bar.
    pub export_status: Option<Result<String, String>>,
    /// The export dialog, while open.
    pub export_form: Option<export_dialog::ExportForm>,
    /// A folder being opened on worker threads.
    loading: Option<Loading>,
    /// Set once drawing starts, so worker threads can wake the window.
    pub(crate) repaint: Option<egui::Context>,
    /// Watches the open folder for reports added, changed or removed.
    watch: Option<Watch>,
    screenshot: Option<screenshot::Request>,
    /// A chart's picture asked of the renderer, to be saved.
    picture: Option<saving::Picture>,
    /// Asking the analyst what to do with annotations that could not be saved.
    pub guard: Option<Guard>,
    pub show_conflicts: bool,
    /// The analyst chose to quit without the unsaved changes.
    pub(crate) allow_close: bool,
    /// When the guard last retried a save that another process's lock held up.
    pub(crate) guard_retry: Option<Instant>,
}

/// What a chosen path is for.
#[derive(Debug, Clone, PartialEq)]
pub enum ChoiceFor {
    OpenFolder,
    Export(Box<ExportOptions>),
    /// Bytes made already (a table, a picture) to write where the analyst says.
    Save(Arc<Vec<u8>>),
    /// A second coder's annotations, to compare with.
    Coder,
}

impl DossierApp {
    /// A new app, opening `folder` if given (and nothing else: see [`DossierApp::startup`]).
    pub fn new(
        prefs: Prefs,
        folder: Option<PathBuf>,
        screenshot: Option<screenshot::Request>,
    ) -> Self {
        let mut app = DossierApp {
            workspace: None,
            view: View::default(),
            prefs,
            error: None,
            status: None,
            choosing: None,
            exporting: None,
            export_status: None,
            export_form: None,
            remembered: None,
            loading: None,
            repaint: None,
            watch: None,
            screenshot,
            picture: None,
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

    /// The folder to open at start: the one given, else the last one opened.
    pub fn startup(folder: Option<PathBuf>, prefs: &Prefs) -> Option<PathBuf> {
        folder.or_else(|| prefs.recent.first().cloned())
    }

    /// Build from eframe's creation context: restore preferences and theme, and open the
    /// start folder once.
    pub fn from_creation(
        cc: &eframe::CreationContext<'_>,
        folder: Option<PathBuf>,
        screenshot: Option<screenshot::Request>,
    ) -> Self {
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        cc.egui_ctx.set_theme(if prefs.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        sizes::style(&cc.egui_ctx);
        let start = DossierApp::startup(folder, &prefs);
        let mut app = DossierApp::new(prefs, None, screenshot);
        app.repaint = Some(cc.egui_ctx.clone());
        if let Some(folder) = start {
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

    pub(crate) fn open_now(&mut self, folder: PathBuf) {
        let progress = Arc::new(Progress::default());
        let (p, f) = (Arc::clone(&progress), folder.clone());
        let worker = Worker::spawn(self.repaint.clone(), move || {
            let opened = Workspace::open_with_progress(&f, &p).map_err(|e| e.to_string());
            crate::memory::give_back();
            opened
        });
        self.loading = Some(Loading {
            folder,
            progress,
            worker,
        });
    }

    /// Wait for a folder being opened (tests and tools that need the corpus at once).
    pub fn finish_loading(&mut self) {
        if let Some(loading) = self.loading.take() {
            let result = loading
                .worker
                .wait()
                .unwrap_or_else(|| Err("the loader stopped".into()));
            self.install(loading.folder, result);
        }
    }

    /// Whether a folder is being opened.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    fn receive_loaded(&mut self) {
        let Some(loading) = &self.loading else { return };
        let result = match loading.worker.poll() {
            Poll::Done(result) => result,
            Poll::Running => return,
            Poll::Lost => Err("the loader stopped".into()),
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
                .watch(ws.folder(), notify::RecursiveMode::Recursive)
                .is_ok()
        {
            self.watch = Some(Watch {
                _watcher: watcher,
                events: rx,
                pending: Default::default(),
                last: None,
                reloading: None,
                applying: None,
            });
        }
    }

    /// Reload the files the watcher reported, once it has been quiet for a moment: the
    /// sidecar and the gazetteer at once, the reports on a worker (a checkout of
    /// thousands of files never freezes the window), put in place a short step per
    /// frame when read, keeping the reader on its article. True when this frame put
    /// reports in place (it has no time left for more work).
    fn apply_file_changes(&mut self, ctx: &egui::Context) -> bool {
        let (Some(watch), Some(ws)) = (&mut self.watch, &mut self.workspace) else {
            return false;
        };
        while let Ok(event) = watch.events.try_recv() {
            if let Ok(event) = event
                && !matches!(event.kind, notify::EventKind::Access(_))
            {
                watch.pending.extend(event.paths);
                watch.last = Some(Instant::now());
            }
        }
        if let Some(worker) = &watch.reloading {
            match worker.poll() {
                Poll::Running => return false,
                Poll::Done(reloaded) => {
                    watch.reloading = None;
                    watch.applying = Some(reloaded);
                }
                Poll::Lost => {
                    watch.reloading = None;
                    self.status = Some("Reading the changed reports failed".into());
                }
            }
        }
        if let Some(reloaded) = &mut watch.applying {
            Self::reload_step(&mut self.view, ws, reloaded);
            if reloaded.is_done() {
                watch.applying = None;
            }
            ctx.request_repaint();
            return true;
        }
        let Some(last) = watch.last else { return false };
        if last.elapsed() < WATCH_QUIET {
            ctx.request_repaint_after(WATCH_QUIET);
            return false;
        }
        let paths: Vec<PathBuf> = std::mem::take(&mut watch.pending).into_iter().collect();
        watch.last = None;
        let sidecar = crate::annotations::sidecar::path(ws.folder());
        if paths.contains(&sidecar) && ws.sync_from_disk() {
            self.view.refresh(ws);
        }
        // The analyst's gazetteer changed: every report is read again with it.
        if paths.contains(&ws.folder().join(crate::gazetteer::ANALYST_FILE)) {
            self.status = Some(ws.reload_gazetteer());
            self.view.refresh(ws);
        }
        let job = ws.reload_job(&paths);
        if !job.is_empty() {
            watch.reloading = Some(Worker::spawn(Some(ctx.clone()), move || job.run()));
        }
        false
    }

    /// Put a step of reports read again in place, keeping the reader on the report it
    /// showed (forgetting a selection in its text if that text changed) and what the
    /// filter shows right.
    fn reload_step(view: &mut View, ws: &mut Workspace, reloaded: &mut Reloaded) {
        let reading = (view.focus.article)
            .and_then(|a| ws.corpus().articles.get(a))
            .map(|a| a.path.clone());
        let deadline = Instant::now() + RELOAD_STEP;
        let changed = ws.apply_reload_until(reloaded, Some(deadline));
        if reading.as_ref().is_some_and(|p| changed.contains(p)) {
            // The text under the reader changed: offsets no longer hold.
            view.reader.text.selection = None;
            view.focus.mark = None;
            view.reader.tag_popup = None;
        }
        view.focus.article = reading.as_deref().and_then(|p| ws.article_index(p));
        view.keep_up(ws);
    }

    /// Whether reloaded reports are still being put in place, or the filter's answers
    /// worked out, over the coming frames.
    pub fn is_catching_up(&self) -> bool {
        let applying = self.watch.as_ref().is_some_and(|w| w.applying.is_some());
        let stale = (self.workspace.as_ref()).is_some_and(|ws| !self.view.is_current(ws));
        applying || stale
    }

    /// Reports read again (by a worker, `reloaded`) to put in place over the next frames,
    /// as when the folder's watcher reports them.
    pub fn put_in_place(&mut self, reloaded: Reloaded) {
        if let Some(watch) = &mut self.watch {
            watch.applying = Some(reloaded);
        } else if let Some(ws) = &mut self.workspace {
            let mut reloaded = reloaded;
            while !reloaded.is_done() {
                Self::reload_step(&mut self.view, ws, &mut reloaded);
            }
        }
    }

    fn install(&mut self, folder: PathBuf, result: Result<Workspace, String>) {
        let ws = match result {
            Ok(ws) => ws,
            Err(e) => {
                self.error = Some(e);
                return;
            }
        };
        let folder = std::fs::canonicalize(&folder).unwrap_or(folder);
        let recent = self.prefs.recent_tags.get(&folder).cloned();
        self.view = View::fresh(recent.unwrap_or_default());
        self.view.refresh(&ws);
        let last = self.prefs.last_report.get(&folder);
        if let Some(a) = last.and_then(|p| ws.article_index(p)) {
            // Where the analyst left off: that report, in its event.
            self.view.reopen(&ws, a);
        } else if !self.view.shown.filtered.rows.is_empty() {
            self.view.open_row(&ws, 0, 0);
        } else if !ws.corpus().articles.is_empty() {
            self.view.open_article(0);
            self.view.focus.left = LeftTab::Reports;
        }
        // A bad gazetteer.ron is said at once, naming its line.
        self.status = ws
            .gazetteer_problem()
            .as_ref()
            .map(|p| format!("{p} (the built-in gazetteer is used)"));
        if let Some(old) = self.workspace.replace(ws) {
            // Freeing a large corpus takes a tenth of a second: not on the window's thread.
            crate::free::later(old);
        }
        self.error = None;
        self.export_status = None;
        self.remembered = None;
        self.prefs.recent.retain(|f| *f != folder);
        self.prefs.recent.insert(0, folder);
        self.prefs.recent.truncate(MAX_RECENT);
        self.start_watching();
    }

    /// Note the report being read, to open it again on the next start.
    fn remember_report(&mut self) {
        if self.remembered == self.view.focus.article {
            return;
        }
        self.remembered = self.view.focus.article;
        let Some(ws) = &self.workspace else { return };
        let Some(article) = self
            .view
            .focus
            .article
            .and_then(|a| ws.corpus().articles.get(a))
        else {
            return;
        };
        let folder = std::fs::canonicalize(ws.folder()).unwrap_or_else(|_| ws.folder().clone());
        if self.prefs.last_report.get(&folder) != Some(&article.path) {
            self.prefs.last_report.insert(folder, article.path.clone());
        }
    }

    /// Where a dialog starts: the open folder's parent, else the home folder.
    fn dialog_start(&self) -> PathBuf {
        self.workspace
            .as_ref()
            .and_then(|ws| ws.folder().parent().map(PathBuf::from))
            .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("/"))
    }

    /// Ask for a folder: the system dialog if there seems to be one (on a worker thread,
    /// so the window keeps drawing), else dossier's own.
    pub fn pick_folder(&mut self, ctx: &egui::Context) {
        if self.choosing.is_none() {
            let start = self.dialog_start();
            let chooser = file_dialog::Chooser::open_folder(ctx, FOLDER_TITLE, &start);
            self.choosing = Some((chooser, ChoiceFor::OpenFolder));
        }
    }

    /// Ask for a second coder's annotations file, to compare with.
    pub fn choose_coder(&mut self, ctx: &egui::Context) {
        if self.choosing.is_some() {
            return;
        }
        let start = self.dialog_start();
        let title = "The other coder's annotations (.ron)";
        let chooser = file_dialog::Chooser::open_file(ctx, title, &start, "ron");
        self.choosing = Some((chooser, ChoiceFor::Coder));
    }

    /// Show dossier's own dialog for opening a folder, whatever the system offers.
    pub fn open_folder_in_app(&mut self) {
        if self.choosing.is_none() {
            let start = self.dialog_start();
            let purpose = file_dialog::Purpose::OpenFolder;
            let chooser = file_dialog::Chooser::new(None, purpose, FOLDER_TITLE, &start);
            self.choosing = Some((chooser, ChoiceFor::OpenFolder));
        }
    }

    fn export_name(&self, options: &ExportOptions) -> String {
        let corpus = self
            .workspace
            .as_ref()
            .and_then(|ws| ws.folder().file_name())
            .map_or("corpus".into(), |n| n.to_string_lossy().into_owned());
        options.file_name(&corpus)
    }

    /// Open the export dialog on `format`, the coder's name remembered.
    pub fn open_export_dialog(&mut self, format: ExportFormat, by_tag: bool) {
        if self.workspace.is_none() {
            return;
        }
        let options = ExportOptions {
            by_tag,
            coder: self.prefs.coder.clone(),
            ..ExportOptions::new(format)
        };
        self.export_form = Some(export_dialog::ExportForm::new(options));
    }

    /// Export the notes the timeline filter selects: first ask where (system dialog, else
    /// dossier's own), then render and write on a worker thread.
    pub fn export(&mut self, ctx: &egui::Context, options: ExportOptions) {
        if self.workspace.is_none() || self.exporting.is_some() || self.choosing.is_some() {
            return;
        }
        let (name, extension) = (self.export_name(&options), options.format.extension());
        let start = self.dialog_start();
        let chooser = file_dialog::Chooser::save_file(ctx, EXPORT_TITLE, &start, &name, extension);
        self.choosing = Some((chooser, ChoiceFor::Export(Box::new(options))));
    }

    /// Render and write the export to `path` on a worker thread.
    pub fn export_to(&mut self, ctx: &egui::Context, path: PathBuf, options: &ExportOptions) {
        let Some(ws) = &self.workspace else { return };
        let notes = match options.notes(ws, &self.view.focus.query) {
            Ok(n) => n,
            Err(e) => {
                self.export_status = Some(Err(e.to_string()));
                return;
            }
        };
        let options = options.clone();
        let worker = Worker::spawn(Some(ctx.clone()), move || {
            let written = options
                .bytes(&notes)
                .and_then(|b| crate::export::write_file(&path, &b));
            written.map_err(|e| e.to_string())?;
            Ok(format!(
                "Exported {} highlights from {} reports to {}",
                notes.highlight_count(),
                notes.articles.len(),
                path.display()
            ))
        });
        self.exporting = Some(worker);
        self.export_status = None;
    }

    /// Wait for a running export (tests).
    pub fn finish_export(&mut self) {
        if let Some(worker) = self.exporting.take() {
            self.export_status = Some(
                worker
                    .wait()
                    .unwrap_or_else(|| Err("the export stopped".into())),
            );
        }
    }

    pub fn is_exporting(&self) -> bool {
        self.exporting.is_some()
    }

    fn receive_export(&mut self) {
        let Some(worker) = &self.exporting else {
            return;
        };
        match worker.poll() {
            Poll::Done(outcome) => {
                self.exporting = None;
                self.export_status = Some(outcome);
                self.status = None; // one message at a time: the newest
            }
            Poll::Running => {}
            Poll::Lost => {
                self.exporting = None;
                self.export_status = Some(Err("the export stopped unexpectedly".into()));
            }
        }
    }

    /// Follow the dialog being shown (the system's, or dossier's own when the system
    /// shows none): a chosen path opens or exports.
    fn follow_choosing(&mut self, ctx: &egui::Context) {
        use file_dialog::Outcome;
        let Some((chooser, purpose)) = &mut self.choosing else {
            return;
        };
        let Some(outcome) = chooser.show(ctx) else {
            return;
        };
        let purpose = purpose.clone();
        self.choosing = None;
        match (outcome, purpose) {
            (Outcome::Chosen(folder), ChoiceFor::OpenFolder) => self.open(folder),
            (Outcome::Chosen(path), ChoiceFor::Export(options)) => {
                self.export_to(ctx, path, &options);
            }
            (Outcome::Cancelled, ChoiceFor::Export(_)) => {
                self.export_status = Some(Err("Export cancelled".into()));
            }
            (Outcome::Cancelled, ChoiceFor::OpenFolder) => {}
            (Outcome::Chosen(path), ChoiceFor::Save(bytes)) => self.save_to(ctx, path, bytes),
            (Outcome::Chosen(path), ChoiceFor::Coder) => self.view.agreement.compare_with(&path),
            (Outcome::Cancelled, ChoiceFor::Coder) => {}
            (Outcome::Cancelled, ChoiceFor::Save(_)) => {
                self.export_status = Some(Err("Not saved".into()));
            }
        }
    }

    /// Draw the whole app into `ui`.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.repaint.is_none() {
            self.repaint = Some(ctx.clone());
        }
        self.receive_loaded();
        let stepped = self.apply_file_changes(&ctx);
        self.receive_export();
        self.receive_picture(&ctx);
        self.receive_dropped_folder(&ctx);
        self.guard_close(&ctx);
        let mut commands = menus::shortcuts(self, &ctx);
        if let Some(ws) = &mut self.workspace {
            if let Some(wait) = ws.autosave(Instant::now()) {
                ctx.request_repaint_after(wait);
            }
            if stepped {
                self.view.keep_up(ws);
            } else {
                self.view
                    .refresh_until(ws, Some(Instant::now() + REFRESH_STEP));
            }
            if self.view.is_refreshing() {
                ctx.request_repaint();
            }
        }
        menus::menu_bar(self, ui, &mut commands);
        menus::status_bar(self, ui, &mut commands);
        if let Some(loading) = &self.loading {
            loading_screen(ui, loading);
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        } else {
            self.panels(ui, &mut commands);
        }
        self.apply_all(commands);
        self.remember_report();
        self.windows(&ctx);
        if let Some(shot) = &mut self.screenshot
            && self.loading.is_none()
        {
            shot.tick(&ctx);
        }
    }

    fn panels(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let Some(ws) = &self.workspace else {
            menus::welcome(ui, &self.prefs, &self.error, commands);
            return;
        };
        let View {
            focus,
            shown,
            widths: remembered,
            timeline,
            report_list,
            reader,
            tags,
            ..
        } = &mut self.view;
        let cx = Cx {
            ws,
            focus,
            shown,
            selection: reader.text.selection.clone(),
        };
        let widths = sizes::Widths::for_window(ui.available_width());
        let dragging = ui.input(|i| i.pointer.primary_down());
        let (want_left, want_right) = sizes::wanted(remembered, &widths, dragging);
        let mut left = egui::Panel::left("timeline")
            .default_size(widths.left_default)
            .min_size(widths.left_min)
            .max_size(widths.left_max);
        if let Some(w) = want_left {
            left = left.exact_size(w);
        }
        let left = left.show(ui, |ui| {
            sizes::contained(ui, |ui| {
                left_panel(ui, &cx, (timeline, report_list), commands);
            });
        });
        let mut right = egui::Panel::right("tags")
            .default_size(widths.right_default)
            .min_size(widths.right_min)
            .max_size(widths.right_max);
        if let Some(w) = want_right {
            right = right.exact_size(w);
        }
        let right = right.show(ui, |ui| {
            sizes::contained(ui, |ui| tags::show(ui, &cx, tags, commands));
        });
        let (l, r) = (left.response.rect.width(), right.response.rect.width());
        sizes::note_widths(remembered, l, r, dragging);
        let font = self.prefs.reader_font;
        egui::CentralPanel::default()
            .frame(sizes::reader_frame(ui.style()))
            .show(ui, |ui| reader::show(ui, &cx, reader, font, commands));
    }

    fn windows(&mut self, ctx: &egui::Context) {
        self.follow_choosing(ctx);
        if self.view.show_shortcuts {
            menus::shortcuts_window(ctx, &mut self.view.show_shortcuts);
        }
        if self.show_conflicts
            && let Some(ws) = &self.workspace
        {
            let mut commands = Vec::new();
            conflicts_dialog::show(ctx, &mut self.show_conflicts, ws, &mut commands);
            self.apply_all(commands);
        }
        if self.view.show_corrections
            && let Some(ws) = &self.workspace
        {
            let mut commands = Vec::new();
            corrections::show(ctx, ws, &mut self.view.show_corrections, &mut commands);
            self.apply_all(commands);
        }
        if let Some(ws) = &self.workspace {
            let mut commands = Vec::new();
            let query = &self.view.focus.query;
            export_dialog::show(ctx, ws, query, &mut self.export_form, &mut commands);
            let View {
                focus,
                shown,
                reader,
                themes: state,
                agreement: compared,
                ..
            } = &mut self.view;
            let selection = reader.text.selection.clone();
            let cx = Cx {
                ws,
                focus,
                shown,
                selection,
            };
            themes::show(ctx, &cx, state, &mut commands);
            agreement::show(ctx, &cx, compared, &mut commands);
            self.apply_all(commands);
        }
        self.guard_dialog(ctx);
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
}

/// The left panel: the meetings timeline or the list of reports.
fn left_panel(
    ui: &mut egui::Ui,
    cx: &Cx,
    (timeline, report_list): (&mut timeline::State, &mut reports::State),
    commands: &mut Vec<Command>,
) {
    timeline::filter_bar(ui, cx, timeline, commands);
    ui.horizontal(|ui| {
        let mut tab = cx.focus.left;
        ui.selectable_value(&mut tab, LeftTab::Meetings, "Meetings");
        let n = cx.shown.reports.len();
        ui.selectable_value(&mut tab, LeftTab::Reports, format!("Reports ({n})"));
        if tab != cx.focus.left {
            commands.push(Command::Nav(Nav::ShowTab(tab)));
        }
    });
    ui.separator();
    match cx.focus.left {
        LeftTab::Meetings => timeline::show(ui, cx, timeline, commands),
        LeftTab::Reports => reports::show(ui, cx, report_list, commands),
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
