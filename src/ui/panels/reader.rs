//! The centre panel: the report with its details, its meetings as chips (click: the
//! sentence that reports it; right-click: correct it; corrected, added and dismissed
//! ones marked, dismissed ones restorable), the other reports of the chosen meeting,
//! find in the report, and tagging of the selected text (`T`, keys 1–9). The text itself
//! is drawn by [`super::reader_text`].

use super::gazetteer_form;
use super::reader_text::{self, Find};
use crate::annotations::ops::{self, DetailsForm, TagChoice};
use crate::meetings::describe;
use crate::text;
use crate::ui::actions::{Action, TAG_KEYS};
use crate::ui::commands::{Command, Nav};
use crate::ui::focus::{Cx, RECENT_TAGS};
use crate::ui::widgets::colours;
use crate::workspace::Edit;
use crate::workspace::Origin;
use crate::workspace::Workspace;
use egui::Key;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::ops::Range;

pub use reader_text::{DEFAULT_FONT, MAX_FONT, MIN_FONT, text_id};

/// The reader's own state.
#[derive(Default)]
pub struct State {
    /// The article-details form, while the analyst corrects title, date, source or place.
    pub details: Option<(DetailsForm, Option<String>)>,
    /// The tag popup is open with this search text.
    pub tag_popup: Option<String>,
    /// "Add to gazetteer…" is open, with what was typed.
    pub gazetteer_form: Option<gazetteer_form::Form>,
    /// The text box's: its layout, the selection, find.
    pub text: reader_text::State,
}

impl State {
    /// Forget what belonged to the report being left.
    pub fn leave_article(&mut self) {
        self.text.selection = None;
        self.details = None;
        self.tag_popup = None;
        self.gazetteer_form = None;
        // Find belongs to the report it was opened on.
        self.text.find = None;
    }

    /// Open the find bar (or focus it again).
    pub fn open_find(&mut self) {
        self.text.find.get_or_insert_with(Find::default).focus = true;
    }
}

pub fn show(ui: &mut egui::Ui, cx: &Cx, state: &mut State, font: f32, out: &mut Vec<Command>) {
    let ws = cx.ws;
    let Some(a) = cx.focus.article.filter(|a| *a < ws.corpus().articles.len()) else {
        ui.centered_and_justified(|ui| {
            ui.weak("Choose a meeting or a report on the left to read it.");
        });
        return;
    };
    header(ui, cx, state, a, out);
    details_form(ui, cx, state, a, out);
    ui.separator();
    if state.text.find.is_some() {
        let popup_open = state.tag_popup.is_some();
        reader_text::find_bar(ui, cx, &mut state.text, a, popup_open);
    }
    selection_bar(ui, cx, state, a, out);
    reader_text::show(ui, cx, &mut state.text, (a, font), out);
    tag_popup(ui, cx, state, a, out);
    gazetteer_form::show(ui.ctx(), cx.ws, &mut state.gazetteer_form, out);
}

fn details_form(ui: &mut egui::Ui, cx: &Cx, state: &mut State, a: usize, out: &mut Vec<Command>) {
    let ws = cx.ws;
    let Some((form, error)) = &mut state.details else {
        return;
    };
    let mut close = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::Grid::new("details").num_columns(2).show(ui, |ui| {
            for (label, value, hint) in [
                ("Title", &mut form.title, ""),
                ("Published", &mut form.date, "YYYY-MM-DD or empty"),
                ("Source", &mut form.source, ""),
                ("Place", &mut form.place, ""),
            ] {
                let l = ui.label(label);
                let edit = egui::TextEdit::singleline(value)
                    .hint_text(hint)
                    .desired_width(360.0);
                ui.add(edit).labelled_by(l.id);
                ui.end_row();
            }
        });
        if let Some(e) = error {
            ui.colored_label(ui.visuals().error_fg_color, e.as_str());
        }
        ui.horizontal(|ui| {
            if ui.button("Save details").clicked() {
                match ops::build_details(&ws.read_metadata(a), form) {
                    Err(e) => *error = Some(e),
                    Ok(fix) => {
                        let article = ws.corpus().articles[a].path.clone();
                        out.push(Command::Edit(Edit::CorrectDetails { article, fix }));
                        close = true;
                    }
                }
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if close {
        state.details = None;
    }
}

fn header(ui: &mut egui::Ui, cx: &Cx, state: &mut State, a: usize, out: &mut Vec<Command>) {
    let ws = cx.ws;
    let article = &ws.corpus().articles[a];
    let meta = &article.meta;
    ui.heading(&meta.title);
    let mut facts: Vec<String> = Vec::new();
    if meta.title_derived {
        facts.push("title from first sentence".into());
    }
    facts.push(crate::dates::shown(meta.published));
    facts.extend(meta.source.as_deref().map(str::to_owned));
    facts.extend(meta.place.as_deref().map(str::to_owned));
    facts.push(article.path.clone());
    ui.horizontal_wrapped(|ui| {
        ui.weak(facts.join(" · "));
        if state.details.is_none() && ui.small_button("Edit details…").clicked() {
            state.details = Some((DetailsForm::from_meta(meta), None));
        }
    });
    meeting_chips(ui, cx, state, a, out);
    other_reports(ui, cx, a, out);
}

/// How a meeting shown in the reader came to be what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    Extracted,
    Corrected,
    Added,
}

/// Where meeting `i` of article `a` comes from.
pub fn provenance(ws: &Workspace, a: usize, i: usize) -> Provenance {
    match ws.meeting_origin(a, i) {
        Some(Origin::Extracted(_)) => Provenance::Extracted,
        Some(Origin::Corrected(_)) => Provenance::Corrected,
        Some(Origin::Added(_)) | None => Provenance::Added,
    }
}

fn meeting_chips(ui: &mut egui::Ui, cx: &Cx, state: &mut State, a: usize, out: &mut Vec<Command>) {
    let ws = cx.ws;
    let path = &ws.corpus().articles[a].path;
    let dismissed: Vec<_> = ws
        .store()
        .articles
        .get(path)
        .map(|n| n.meetings.iter().filter(|c| c.not_a_meeting).collect())
        .unwrap_or_default();
    ui.horizontal_wrapped(|ui| {
        ui.label("Meetings:");
        if ws.meetings()[a].is_empty() && dismissed.is_empty() {
            ui.weak("none found");
        }
        for (i, m) in ws.meetings()[a].iter().enumerate() {
            let (mark, hover) = match provenance(ws, a, i) {
                Provenance::Extracted => ("", "Found in the text."),
                Provenance::Corrected => ("corrected · ", "Corrected by you."),
                Provenance::Added => ("added · ", "Added by you."),
            };
            let chip = egui::Button::new(format!("{mark}{}", describe::chip(m)))
                .small()
                .selected(cx.focus.mark.as_ref() == Some(&m.evidence) && !m.evidence.is_empty());
            let r = ui.add(chip).on_hover_text(format!(
                "{hover} Click: show the sentence that reports it. Right-click: correct it."
            ));
            if r.clicked() && !m.evidence.is_empty() {
                out.push(Command::Nav(Nav::OpenReport {
                    article: a,
                    mark: Some(m.evidence.clone()),
                }));
            }
            if r.secondary_clicked() {
                out.push(Command::Nav(Nav::CorrectMeeting { article: a, index: i }));
            }
        }
        for c in dismissed {
            let people = c.key.people.join(" – ");
            let text = egui::RichText::new(format!("not a meeting: {people}")).strikethrough();
            ui.weak(text);
            if ui
                .small_button("Restore")
                .on_hover_text("Undo the “not a meeting” correction: show it as found in the text")
                .clicked()
            {
                out.push(Command::Edit(Edit::RestoreMeeting {
                    article: path.clone(),
                    key: c.key.clone(),
                }));
            }
        }
        if ui
            .small_button("Add meeting…")
            .on_hover_text("Add a meeting the text reports but dossier did not find (select its sentence first to link it)")
            .clicked()
        {
            out.push(Command::Nav(Nav::AddMeeting {
                article: a,
                evidence: state.text.selection.clone(),
            }));
        }
    });
}

/// The other reports of the chosen event, one click away.
fn other_reports(ui: &mut egui::Ui, cx: &Cx, a: usize, out: &mut Vec<Command>) {
    let ws = cx.ws;
    let Some(i) = cx.focus.selected_row else {
        return;
    };
    let Some(row) = cx.shown.filtered.rows.get(i) else {
        return;
    };
    let path = &ws.corpus().articles[a].path;
    if row.event.reports.len() < 2 || !row.event.reports.iter().any(|r| *r.article == **path) {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.weak("Also reported in:");
        for (nth, r) in row.event.reports.iter().enumerate() {
            if *r.article == **path {
                continue;
            }
            let Some(b) = ws.article_index(&r.article) else {
                continue;
            };
            let meta = &ws.corpus().articles[b].meta;
            let label = text::shorten(&meta.title, 60);
            let source = meta.source.clone().unwrap_or_default();
            if ui.link(label).on_hover_text(source.as_str()).clicked() {
                out.push(Command::Nav(Nav::OpenEvent {
                    row: i,
                    report: nth,
                }));
            }
        }
    });
}

/// The selection bar's height: one row of buttons, whatever it shows, so the text below
/// never moves while a selection is made.
pub fn selection_bar_height(ui: &egui::Ui) -> f32 {
    let button =
        ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y;
    button.max(ui.spacing().interact_size.y) + 2.0
}

/// What can be done with the selected text, in a bar of fixed height: one row that
/// scrolls sideways when the recent tags do not fit, never a second line.
fn selection_bar(ui: &mut egui::Ui, cx: &Cx, state: &mut State, a: usize, out: &mut Vec<Command>) {
    let ws = cx.ws;
    let size = egui::vec2(ui.available_width(), selection_bar_height(ui));
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let layout = egui::Layout::left_to_right(egui::Align::Center);
    let mut bar = ui.new_child(egui::UiBuilder::new().max_rect(rect).layout(layout));
    bar.set_clip_rect(rect.intersect(ui.clip_rect()));
    if state.text.selection.as_ref().is_none_or(|s| s.is_empty()) {
        let hint = if ws.is_read_only() {
            "Annotations are read-only: the sidecar could not be read (see the status bar)."
        } else {
            "Select text to highlight and tag it."
        };
        bar.add(egui::Label::new(egui::RichText::new(hint).weak()).truncate());
        return;
    }
    egui::ScrollArea::horizontal()
        .id_salt("dossier-selection-bar")
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden)
        .auto_shrink([false, true])
        .show(&mut bar, |ui| {
            ui.horizontal_centered(|ui| selection_bar_row(ui, cx, state, a, out));
        });
}

fn selection_bar_row(
    ui: &mut egui::Ui,
    cx: &Cx,
    state: &mut State,
    a: usize,
    out: &mut Vec<Command>,
) {
    let ws = cx.ws;
    // (With no selection the bar shows its hint instead: see `selection_bar`.)
    let Some(sel) = state.text.selection.clone().filter(|s| !s.is_empty()) else {
        return;
    };
    let article = ws.corpus().articles[a].path.clone();
    let quote = char_slice(&ws.corpus().articles[a].text, sel.clone());
    // Keys are shortcuts unless a field is being typed in (the article itself is read-only).
    let typing =
        ui.ctx().egui_wants_keyboard_input() && ui.ctx().memory(|m| m.focused()) != Some(text_id());
    ui.label(format!("“{}”", text::shorten(&quote, 48)));
    if let Some(highlight) = cx.focus.reattach.clone() {
        if ui.button("Re-attach highlight here").clicked() {
            out.push(Command::Edit(Edit::Reattach {
                article: article.clone(),
                highlight,
                range: sel.clone(),
            }));
            out.push(Command::Nav(Nav::Reattach(None)));
        }
        if ui.button("Cancel").clicked() {
            out.push(Command::Nav(Nav::Reattach(None)));
        }
        return;
    }
    let tag_key = !typing && Action::TagSelection.pressed(ui.ctx(), true);
    if ui.button(Action::TagSelection.menu_text()).clicked() || tag_key {
        state.tag_popup = Some(String::new());
    }
    if ui
        .button("Add to gazetteer…")
        .on_hover_text("Teach dossier this name: its country, and the office held")
        .clicked()
    {
        state.gazetteer_form = Some(gazetteer_form::Form::new(&quote));
    }
    recent_tag_buttons(
        ui,
        cx,
        typing,
        |tag| {
            Command::Edit(Edit::ApplyTag {
                article: article.clone(),
                range: sel.clone(),
                tag,
            })
        },
        out,
    );
}

/// The nine most recent tags as buttons, and keys 1–9.
fn recent_tag_buttons(
    ui: &mut egui::Ui,
    cx: &Cx,
    typing: bool,
    apply: impl Fn(TagChoice) -> Command,
    out: &mut Vec<Command>,
) {
    let ws = cx.ws;
    let known = cx
        .focus
        .recent_tags
        .iter()
        .filter_map(|id| ws.store().tag(id));
    for (n, tag) in known.take(RECENT_TAGS).enumerate() {
        let label = format!("{} {}", n + 1, tag.name);
        let pressed = !typing && ui.input(|i| i.key_pressed(TAG_KEYS[n]));
        let chip = colours::tag_button(label, &tag.colour, ui.visuals().dark_mode);
        if ui.add(chip).clicked() || pressed {
            out.push(apply(TagChoice::Existing(tag.id.clone())));
        }
    }
}

fn tag_popup(ui: &mut egui::Ui, cx: &Cx, state: &mut State, a: usize, out: &mut Vec<Command>) {
    let ws = cx.ws;
    let Some(mut search) = state.tag_popup.take() else {
        return;
    };
    let Some(sel) = state.text.selection.clone() else {
        return;
    };
    let mut open = true;
    let mut choice: Option<TagChoice> = None;
    let anchor = ui.max_rect().center_top() + egui::vec2(-140.0, 120.0);
    egui::Window::new("Apply a tag")
        .open(&mut open)
        .default_pos(anchor)
        .collapsible(false)
        .resizable(false)
        .default_width(280.0)
        .show(ui.ctx(), |ui| choice = tag_search(ui, ws, &mut search));
    if ui.input(|i| i.key_pressed(Key::Escape)) {
        open = false;
    }
    if let Some(tag) = choice {
        out.push(Command::Edit(Edit::ApplyTag {
            article: ws.corpus().articles[a].path.clone(),
            range: sel,
            tag,
        }));
    } else if open {
        state.tag_popup = Some(search);
    }
}

/// The popup's content: a search field, matching tags, and "Create tag" for a new name.
fn tag_search(ui: &mut egui::Ui, ws: &Workspace, search: &mut String) -> Option<TagChoice> {
    let label = ui.label("Tag");
    let r = ui.add(
        egui::TextEdit::singleline(search)
            .hint_text("search or type a new tag")
            .id(egui::Id::unique("dossier-tag-search")),
    );
    r.labelled_by(label.id).request_focus();
    let wanted = search.trim().to_owned();
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut matches: Vec<(i64, &crate::annotations::Tag)> = ws
        .store()
        .tags
        .iter()
        .filter_map(|t| match wanted.is_empty() {
            true => Some((0, t)),
            false => matcher.fuzzy_match(&t.name, &wanted).map(|s| (s, t)),
        })
        .collect();
    matches.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.name.cmp(&y.1.name)));
    let enter = ui.input(|i| i.key_pressed(Key::Enter));
    let mut choice = None;
    for (_, t) in matches.iter().take(12) {
        let chip = colours::tag_button(&t.name, &t.colour, ui.visuals().dark_mode);
        if ui.add(chip).clicked() {
            choice = Some(TagChoice::Existing(t.id.clone()));
        }
    }
    let exact = ws.store().tag_by_name(&wanted).is_some();
    if !wanted.is_empty() && !exact && ui.button(format!("Create tag “{wanted}”")).clicked() {
        choice = Some(TagChoice::New(wanted.clone()));
    }
    if enter && choice.is_none() {
        choice = match matches.first() {
            Some((_, t)) if !wanted.is_empty() || matches.len() == 1 => {
                Some(TagChoice::Existing(t.id.clone()))
            }
            _ if !wanted.is_empty() => Some(TagChoice::New(wanted)),
            _ => None,
        };
    }
    choice
}

pub fn char_slice(text: &str, r: Range<usize>) -> String {
    text.chars().skip(r.start).take(r.end - r.start).collect()
}
