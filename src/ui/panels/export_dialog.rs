//! The export dialog: the format, the switches it takes (notes by report or a codebook
//! report by tag, a byte order mark "for Excel / LibreOffice", the coder's name, positions
//! as stored) and a preview of the first lines of what will be written, so the analyst
//! sees the result before choosing where it goes. "Export…" sends the export command; the
//! preview is made again only when the choices or the data change.

use crate::export::ExportFormat;
use crate::export::options::ExportOptions;
use crate::filter::Query;
use crate::ui::commands::{AppCommand, Command};
use crate::workspace::Workspace;

/// Lines of the export the preview shows.
const PREVIEW_LINES: usize = 16;

/// The formats the dialog and the File → Export… menu offer, with their names (Obsidian's
/// folder of notes is the command line's).
pub const FORMATS: [(ExportFormat, &str); 6] = [
    (ExportFormat::Markdown, "Markdown notes"),
    (ExportFormat::Csv, "CSV spreadsheet"),
    (ExportFormat::Json, "W3C Web Annotation JSON"),
    (ExportFormat::Qdpx, "REFI-QDA project (.qdpx)"),
    (ExportFormat::Qdc, "Codebook for QDA tools (.qdc)"),
    (ExportFormat::CodebookCsv, "Codebook as CSV"),
];

/// The dialog while it is open.
#[derive(Debug, Clone)]
pub struct ExportForm {
    pub opts: ExportOptions,
    /// The preview and what it was made from: the choices, the data's version, the filter.
    preview: Option<((ExportOptions, u64, String), String)>,
}

impl ExportForm {
    pub fn new(opts: ExportOptions) -> ExportForm {
        ExportForm {
            opts,
            preview: None,
        }
    }

    /// The preview text, made again only when something it depends on changed.
    pub fn preview(&mut self, ws: &Workspace, q: &Query) -> &str {
        let key = (self.opts.clone(), ws.version(), format!("{q:?}"));
        if self.preview.as_ref().is_none_or(|(k, _)| *k != key) {
            let text = self.opts.preview(ws, q, PREVIEW_LINES);
            self.preview = Some((key, text));
        }
        self.preview.as_ref().map_or("", |(_, p)| p.as_str())
    }
}

/// Draw the dialog; "Export…" sends [`AppCommand::Export`] and closes it.
pub fn show(
    ctx: &egui::Context,
    ws: &Workspace,
    q: &Query,
    form: &mut Option<ExportForm>,
    out: &mut Vec<Command>,
) {
    let Some(f) = form else { return };
    let mut open = true;
    let mut done = false;
    egui::Window::new("Export notes")
        .open(&mut open)
        .default_width(640.0)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.weak("Exports what the timeline filter shows.");
            choices(ui, &mut f.opts);
            ui.separator();
            ui.label("Preview");
            let text = f.preview(ws, q).to_owned();
            egui::ScrollArea::both()
                .max_height(280.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    ui.add(egui::Label::new(egui::RichText::new(text).monospace()).extend());
                });
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button("Export…").clicked() {
                    out.push(Command::App(AppCommand::Export(Box::new(f.opts.clone()))));
                    done = true;
                }
                if ui.button("Cancel").clicked() {
                    done = true;
                }
            });
        });
    if done || !open {
        *form = None;
    }
}

/// The format and the switches it takes.
fn choices(ui: &mut egui::Ui, o: &mut ExportOptions) {
    let name = |f: ExportFormat| FORMATS.iter().find(|(x, _)| *x == f).map_or("", |(_, n)| n);
    egui::ComboBox::from_label("Format")
        .selected_text(name(o.format))
        .show_ui(ui, |ui| {
            for (f, label) in FORMATS {
                ui.selectable_value(&mut o.format, f, label);
            }
        });
    if o.takes_by_tag() {
        ui.horizontal(|ui| {
            ui.radio_value(&mut o.by_tag, false, "Notes by report");
            ui.radio_value(&mut o.by_tag, true, "Codebook report by tag");
        });
    }
    if o.takes_bom() {
        ui.checkbox(
            &mut o.bom,
            "For Excel / LibreOffice (UTF-8 with a byte order mark)",
        );
    }
    if o.takes_coder() {
        ui.horizontal(|ui| {
            ui.label("Coder");
            ui.text_edit_singleline(&mut o.coder)
                .on_hover_text("Your name: the QDA tool files the codings under it");
        });
    }
    if o.takes_raw_offsets() {
        ui.checkbox(&mut o.raw_offsets, "Positions in the files as stored")
            .on_hover_text(
                "Count a byte order mark as one character and a CRLF line end as two, \
                 for tools that read the report files raw",
            );
    }
}
