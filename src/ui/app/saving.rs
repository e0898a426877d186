//! Saving what the themes window shows: a table as CSV, a chart as PNG or SVG. A PNG is
//! saved as drawn: the pixels of its rectangle are taken from the next rendered frame, then the
//! analyst is asked where. Either is written atomically on a worker thread, as an export
//! is, and the status bar says what became of it.

use super::{ChoiceFor, DossierApp};
use crate::ui::widgets::file_dialog;
use crate::ui::widgets::worker::Worker;
use egui::{ColorImage, Context, Rect};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

const SAVE_TITLE: &str = "Save as";

/// A picture asked of the renderer, and the file name it will be offered under.
pub struct Picture {
    name: String,
    slot: Arc<Mutex<Option<ColorImage>>>,
}

impl DossierApp {
    /// Ask where to save `sheet` as CSV (each cell safe in a spreadsheet).
    pub fn save_table(&mut self, ctx: &Context, name: &str, sheet: &[Vec<String>], bom: bool) {
        match crate::export::csv::table(sheet, bom) {
            Ok(bytes) => self.ask_where(ctx, name, "csv", bytes),
            Err(e) => self.export_status = Some(Err(format!("Cannot make the table: {e}"))),
        }
    }

    /// Ask where to save `svg`, a drawing.
    pub fn save_drawing(&mut self, ctx: &Context, name: &str, svg: String) {
        self.ask_where(ctx, name, "svg", svg.into_bytes());
    }

    /// Take the pixels of `rect` (in points) from the next frame; then ask where.
    pub fn save_chart(&mut self, ctx: &Context, name: String, rect: Rect) {
        if self.picture.is_some() {
            return;
        }
        let slot = Arc::new(Mutex::new(None));
        let (to, ppp, wake) = (Arc::clone(&slot), ctx.pixels_per_point(), ctx.clone());
        ctx.request_screenshot(move |image| {
            if let Ok(mut s) = to.lock() {
                *s = Some(image.region(&rect, Some(ppp)));
            }
            wake.request_repaint();
        });
        self.picture = Some(Picture { name, slot });
    }

    /// Once the picture has come, encode it and ask where to save it.
    pub(super) fn receive_picture(&mut self, ctx: &Context) {
        let Some(p) = &self.picture else { return };
        let Some(image) = p.slot.lock().ok().and_then(|mut s| s.take()) else {
            return;
        };
        let name = p.name.clone();
        self.picture = None;
        match png(&image) {
            Ok(bytes) => self.ask_where(ctx, &name, "png", bytes),
            Err(e) => self.export_status = Some(Err(e)),
        }
    }

    fn ask_where(&mut self, ctx: &Context, name: &str, extension: &str, bytes: Vec<u8>) {
        if self.choosing.is_some() || self.exporting.is_some() {
            return;
        }
        let start = self.dialog_start();
        let chooser = file_dialog::Chooser::save_file(ctx, SAVE_TITLE, &start, name, extension);
        self.choosing = Some((chooser, ChoiceFor::Save(Arc::new(bytes))));
    }

    /// Write `bytes` to `path` on a worker thread.
    pub(super) fn save_to(&mut self, ctx: &Context, path: PathBuf, bytes: Arc<Vec<u8>>) {
        let worker = Worker::spawn(Some(ctx.clone()), move || {
            crate::export::write_file(&path, &bytes).map_err(|e| e.to_string())?;
            Ok(format!("Saved {}", path.display()))
        });
        self.exporting = Some(worker);
        self.export_status = None;
    }
}

/// `image` as PNG bytes.
pub fn png(image: &ColorImage) -> Result<Vec<u8>, String> {
    let [w, h] = image.size;
    let rgba: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let (w, h) = (u32::try_from(w), u32::try_from(h));
    let buffer = match (w, h) {
        (Ok(w), Ok(h)) => image::RgbaImage::from_raw(w, h, rgba),
        _ => None,
    };
    let buffer = buffer.ok_or("the picture has the wrong size")?;
    let mut out = std::io::Cursor::new(Vec::new());
    (buffer.write_to(&mut out, image::ImageFormat::Png))
        .map_err(|e| format!("Cannot make the picture: {e}"))?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_saves_as_the_png_of_its_pixels() {
        let pixels = [
            egui::Color32::from_rgb(200, 10, 10),
            egui::Color32::from_rgb(10, 200, 10),
            egui::Color32::from_rgb(10, 10, 200),
            egui::Color32::WHITE,
            egui::Color32::BLACK,
            egui::Color32::from_rgb(1, 2, 3),
        ];
        let image = ColorImage::new([3, 2], pixels.to_vec());
        let bytes = png(&image).expect("encodes");
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        let back = image::load_from_memory(&bytes).expect("decodes").to_rgba8();
        assert_eq!(back.dimensions(), (3, 2));
        let got: Vec<[u8; 4]> = back.pixels().map(|p| p.0).collect();
        let want: Vec<[u8; 4]> = pixels.iter().map(|c| c.to_array()).collect();
        assert_eq!(got, want);
    }
}
