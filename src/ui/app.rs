//! The app shell: which corpus is open and the panels that show it.
//!
//! For now a plain reader: the article list on the left, the selected article in the
//! centre, load problems at the bottom. The timeline, tags and annotation tools replace
//! this in the reading-app issue.

use super::screenshot;
use crate::corpus::{self, Corpus};
use std::path::PathBuf;

const LAST_FOLDER_KEY: &str = "last_folder";

pub struct DossierApp {
    corpus: Option<Corpus>,
    error: Option<String>,
    selected: usize,
    screenshot: Option<screenshot::Request>,
}

impl DossierApp {
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        folder: Option<PathBuf>,
        screenshot: Option<screenshot::Request>,
    ) -> Self {
        let folder = folder.or_else(|| {
            cc.storage
                .and_then(|s| eframe::get_value::<PathBuf>(s, LAST_FOLDER_KEY))
        });
        let mut app = DossierApp {
            corpus: None,
            error: None,
            selected: 0,
            screenshot,
        };
        if let Some(folder) = folder {
            app.open(folder);
        }
        app
    }

    fn open(&mut self, folder: PathBuf) {
        match corpus::load(&folder) {
            Ok(c) => {
                self.corpus = Some(c);
                self.error = None;
                self.selected = 0;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }
}

impl eframe::App for DossierApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(shot) = &mut self.screenshot {
            shot.tick(ui.ctx());
        }
        let Some(corpus) = &self.corpus else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.add_space(120.0);
                    ui.heading("dossier");
                    ui.label("Open a folder of news reports: run `dossier FOLDER`.");
                    if let Some(error) = &self.error {
                        ui.colored_label(ui.visuals().error_fg_color, error);
                    }
                });
            });
            return;
        };

        if !corpus.problems.is_empty() {
            egui::Panel::bottom("problems").show(ui, |ui| {
                for p in &corpus.problems {
                    ui.label(format!("{}: {}", p.path, p.problem));
                }
            });
        }
        egui::Panel::left("articles")
            .default_size(360.0)
            .show(ui, |ui| {
                ui.heading(format!("{} articles", corpus.articles.len()));
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for (i, a) in corpus.articles.iter().enumerate() {
                        let label = match a.meta.published {
                            Some(date) => format!("{date}  {}", a.meta.title),
                            None => a.meta.title.clone(),
                        };
                        if ui.selectable_label(i == self.selected, label).clicked() {
                            self.selected = i;
                        }
                    }
                });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(a) = corpus.articles.get(self.selected) else {
                ui.label("This folder has no readable .txt or .md reports.");
                return;
            };
            ui.heading(&a.meta.title);
            let facts: Vec<String> = [
                a.meta.published.map(|d| d.to_string()),
                a.meta.source.clone(),
                a.meta.place.clone(),
                Some(a.path.clone()),
            ]
            .into_iter()
            .flatten()
            .collect();
            ui.weak(facts.join(" · "));
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.label(&a.text);
            });
        });
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Some(c) = &self.corpus {
            eframe::set_value(storage, LAST_FOLDER_KEY, &c.root);
        }
    }
}
