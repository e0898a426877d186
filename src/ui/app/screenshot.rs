//! `--screenshot OUT.png`: ask egui for the rendered frame once the UI has settled,
//! write it as a PNG, then close the window.

use egui::{ColorImage, Context, ViewportCommand};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Frames to let layout settle (fonts, panel sizes) before the picture is taken.
const SETTLE_FRAMES: u64 = 4;

type Outcome = Arc<Mutex<Option<Result<(), String>>>>;

pub struct Request {
    path: PathBuf,
    outcome: Outcome,
    asked: bool,
    /// Frames drawn since the app had its corpus.
    frames: u64,
}

/// What became of the request, readable after the window has closed.
pub struct Watch(Outcome);

impl Request {
    pub fn new(path: PathBuf) -> Self {
        Request {
            path,
            outcome: Arc::default(),
            asked: false,
            frames: 0,
        }
    }

    pub fn outcome(&self) -> Watch {
        Watch(Arc::clone(&self.outcome))
    }

    /// Call once per frame, once the app shows what is to be pictured.
    pub fn tick(&mut self, ctx: &Context) {
        if self.asked {
            return;
        }
        self.frames += 1;
        if self.frames < SETTLE_FRAMES {
            ctx.request_repaint();
            return;
        }
        self.asked = true;
        let path = self.path.clone();
        let outcome = Arc::clone(&self.outcome);
        let ctx2 = ctx.clone();
        ctx.request_screenshot(move |image| {
            let result = write_png(&path, &image);
            if let Ok(mut slot) = outcome.lock() {
                *slot = Some(result);
            }
            ctx2.send_viewport_cmd(ViewportCommand::Close);
            ctx2.request_repaint();
        });
    }
}

impl Watch {
    pub fn result(&self) -> Result<(), String> {
        match self.0.lock() {
            Ok(slot) => slot
                .clone()
                .unwrap_or_else(|| Err("the window closed before a frame was rendered".into())),
            Err(_) => Err("the screenshot writer failed".into()),
        }
    }
}

fn write_png(path: &std::path::Path, image: &ColorImage) -> Result<(), String> {
    let bytes = super::saving::png(image)?;
    crate::export::write_file(path, &bytes)
        .map_err(|e| format!("{}: cannot write the screenshot: {e}", path.display()))
}
