//! The agreement window: how the analyst's coding agrees with a second coder's, whose
//! annotations file is opened read-only (never written, never merged). Per tag the
//! percentage agreement and Cohen's kappa, overall the agreement and Krippendorff's
//! alpha, on sentences ([`crate::analysis::agree`]); then the sentences where the two
//! differ, each a click from the report with the sentence marked. Worked out again only
//! when the analyst's own coding changes.

use crate::analysis::agree::{self, Agreement, Coding, Disagreement};
use crate::annotations::{Store, sidecar};
use crate::text;
use crate::ui::commands::{AppCommand, Command, Nav};
use crate::ui::focus::Cx;
use std::path::{Path, PathBuf};

/// The window's own state.
#[derive(Default)]
pub struct State {
    pub open: bool,
    /// The second coder's file and what it holds.
    theirs: Option<(PathBuf, Store)>,
    /// Why the file chosen could not be read.
    error: Option<String>,
    /// The comparison, and the versions of the analyst's data it was made from.
    result: Option<((u64, u64, u64), Agreement)>,
    /// The tag whose disagreements are listed (all when `None`).
    tag: Option<String>,
    /// The corpus's sentences, and the corpus version they were split from.
    sentences: Option<(u64, Vec<Vec<std::ops::Range<usize>>>)>,
    /// What the second coder codes, and the corpus version it was found in (their file
    /// does not change while it is open; the reports' texts may).
    their_coding: Option<(u64, Coding)>,
}

impl State {
    /// Read the second coder's annotations from `path` (bounded, read-only) and compare.
    pub fn compare_with(&mut self, path: &Path) {
        self.open = true;
        let read = sidecar::read_bytes(path)
            .map_err(|e| e.to_string())
            .and_then(|b| b.ok_or_else(|| format!("{}: no such file", path.display())))
            .and_then(|b| sidecar::parse(path, &b).map_err(|e| e.to_string()));
        match read {
            Ok(store) => {
                self.theirs = Some((path.to_owned(), store));
                self.error = None;
                self.result = None;
                self.their_coding = None;
                self.tag = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// The file compared with, if any.
    pub fn theirs(&self) -> Option<&Path> {
        self.theirs.as_ref().map(|(p, _)| p.as_path())
    }

    /// The comparison, made again when the analyst's coding has changed: the corpus's
    /// sentences and the other coder's coding are kept while the reports' texts are
    /// unchanged, the analyst's highlights are placed where the workspace keeps them.
    fn refresh(&mut self, cx: &Cx) -> Option<&Agreement> {
        let (_, theirs) = self.theirs.as_ref()?;
        let ws = cx.ws;
        // What the comparison reads: the highlights, the tags' names, the texts.
        let version = (
            ws.coding_version(),
            ws.codebook_version(),
            ws.corpus_version(),
        );
        if self.result.as_ref().is_none_or(|(v, _)| *v != version) {
            let corpus = cx.ws.corpus();
            let split = cx.ws.corpus_version();
            if self.sentences.as_ref().is_none_or(|(v, _)| *v != split) {
                self.sentences = Some((split, agree::sentences(corpus)));
                self.their_coding = None;
            }
            let sentences = self.sentences.as_ref().map_or(&[][..], |(_, s)| s);
            let theirs = &self
                .their_coding
                .get_or_insert_with(|| (split, agree::coding(corpus, sentences, theirs)))
                .1;
            let ours = agree::coding_in(cx.ws, sentences);
            let result = agree::compare(corpus, sentences, &ours, theirs);
            self.result = Some((version, result));
        }
        self.result.as_ref().map(|(_, r)| r)
    }
}

pub fn show(ctx: &egui::Context, cx: &Cx, state: &mut State, out: &mut Vec<Command>) {
    if !state.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Agreement with another coder")
        .open(&mut open)
        .default_size([720.0, 520.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                match state.theirs() {
                    Some(p) => ui.label(format!("Your coding against {}", p.display())),
                    None => ui.label("Choose the other coder's annotations file (.ron)."),
                };
                if ui.button("Choose a file…").clicked() {
                    out.push(Command::App(AppCommand::ChooseCoder));
                }
            });
            if let Some(e) = &state.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            let mut tag = state.tag.clone();
            let Some(result) = state.refresh(cx) else {
                return;
            };
            ui.weak(format!(
                "On {}; a sentence is coded with a tag when a highlight with it overlaps it. \
                 Their file is only read.",
                text::count(result.sentences, "sentence", "sentences")
            ));
            ui.separator();
            per_tag(ui, result, &mut tag);
            ui.separator();
            differences(ui, cx, result, tag.as_deref(), out);
            state.tag = tag;
        });
    state.open = open;
}

/// One row per tag (a click lists its disagreements), then the overall row.
fn per_tag(ui: &mut egui::Ui, r: &Agreement, chosen: &mut Option<String>) {
    egui::Grid::new("agreement-tags")
        .striped(true)
        .show(ui, |ui| {
            for h in ["Tag", "Agreement", "Kappa", "Yours", "Theirs", "Both"] {
                ui.strong(h);
            }
            ui.end_row();
            for t in &r.tags {
                let on = chosen.as_deref() == Some(t.tag.as_str());
                if ui.selectable_label(on, &t.tag).clicked() {
                    *chosen = if on { None } else { Some(t.tag.clone()) };
                }
                ui.label(agree::shown_percent(t.agreement));
                ui.label(format!("kappa {}", agree::shown(t.kappa)));
                for n in [t.ours, t.theirs, t.both] {
                    ui.label(n.to_string());
                }
                ui.end_row();
            }
            ui.strong("Overall");
            ui.strong(agree::shown_percent(r.agreement));
            ui.strong(format!("alpha {}", agree::shown(r.alpha)));
            ui.end_row();
        });
}

/// The sentences one coder coded and the other did not (of the chosen tag, or all).
fn differences(
    ui: &mut egui::Ui,
    cx: &Cx,
    r: &Agreement,
    tag: Option<&str>,
    out: &mut Vec<Command>,
) {
    let shown: Vec<&Disagreement> = (r.disagreements.iter())
        .filter(|d| tag.is_none_or(|t| d.tag == t))
        .collect();
    ui.strong(match tag {
        Some(t) => format!("Where you differ on “{t}” ({})", shown.len()),
        None => format!("Where you differ ({})", shown.len()),
    });
    if shown.is_empty() {
        ui.weak("Nowhere: you coded the same sentences.");
        return;
    }
    let articles = &cx.ws.corpus().articles;
    let row = ui.spacing().interact_size.y * 2.0;
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .show_rows(ui, row, shown.len(), |ui, range| {
            for d in &shown[range] {
                // The corpus is in path order.
                let found = articles.binary_search_by(|a| a.path.as_str().cmp(&d.article));
                let Ok(a) = found else { continue };
                let body = &articles[a].text;
                let sentence = body
                    .get(text::char_range_to_bytes(body, d.sentence.clone()))
                    .unwrap_or_default();
                let who = if d.coded_by_ours { "you" } else { "they" };
                let label = format!("“{}”", text::shorten(sentence.trim(), 100));
                if (ui.link(label))
                    .on_hover_text("Open the report at this sentence")
                    .clicked()
                {
                    out.push(Command::Nav(Nav::OpenReport {
                        article: a,
                        mark: Some(d.sentence.clone()),
                    }));
                }
                ui.weak(format!(
                    "{} · only {who} coded it · {}",
                    d.tag,
                    text::shorten(&articles[a].meta.title, 60)
                ));
            }
        });
}
