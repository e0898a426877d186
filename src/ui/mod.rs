//! The desktop app (egui/eframe). The UI reads the domain model and never owns it: domain
//! modules do not know egui exists.

pub mod actions;
pub mod app;
pub mod commands;
pub mod focus;
pub mod panels;
pub mod view;
pub mod widgets;

use std::path::PathBuf;

/// Open the app window on `folder` (or the last folder, or a welcome screen). With
/// `screenshot`, render the first frames, write them as a PNG and close.
pub fn run(folder: Option<PathBuf>, screenshot: Option<PathBuf>) -> Result<(), String> {
    run_with(folder, screenshot, |_| {})
}

/// As [`run`], with `setup` applied to the app once it is built (used to picture other
/// states of the app for review: see `examples/screenshots.rs`).
pub fn run_with(
    folder: Option<PathBuf>,
    screenshot: Option<PathBuf>,
    setup: impl FnOnce(&mut app::DossierApp) + 'static,
) -> Result<(), String> {
    let shot = screenshot.map(app::screenshot::Request::new);
    let outcome = shot.as_ref().map(app::screenshot::Request::outcome);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("dossier")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_app_id("dossier"),
        renderer: eframe::Renderer::Glow,
        // A screenshot run must not move the analyst's saved window around.
        persist_window: shot.is_none(),
        ..Default::default()
    };
    eframe::run_native(
        "dossier",
        options,
        Box::new(move |cc| {
            let mut app = app::DossierApp::from_creation(cc, folder, shot);
            setup(&mut app);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| format!("cannot open a window: {e}"))?;
    match outcome {
        Some(outcome) => outcome.result(),
        None => Ok(()),
    }
}
