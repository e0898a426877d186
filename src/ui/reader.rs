//! The centre panel: the article with its details and meetings (as chips that jump to
//! their evidence), the analyst's highlights painted in their tag colours (overlaps
//! underlined), and tagging of the selected text: a popup with fuzzy tag search and
//! inline creation, `T` to open it, keys 1–9 for the nine most recent tags.

use super::app::View;
use super::colours;
use crate::annotations::{self, Status, Store, anchor};
use crate::text;
use crate::workspace::Workspace;
use egui::text::{LayoutJob, TextFormat};
use egui::{FontId, Key, Stroke};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::ops::Range;

/// The id of the reader's text, for tests that set a selection.
pub fn text_id() -> egui::Id {
    egui::Id::unique("dossier-reader-text")
}

pub fn show(ui: &mut egui::Ui, ws: &mut Workspace, view: &mut View) {
    let Some(a) = view.article.filter(|a| *a < ws.corpus.articles.len()) else {
        ui.centered_and_justified(|ui| {
            ui.weak("Choose a meeting on the left to read its report.");
        });
        return;
    };
    header(ui, ws, view, a);
    details_form(ui, ws, view, a);
    ui.separator();
    selection_bar(ui, ws, view, a);
    article_text(ui, ws, view, a);
    tag_popup(ui, ws, view, a);
}

/// The article-details form: corrections to what was read from the text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DetailsForm {
    pub title: String,
    pub date: String,
    pub source: String,
    pub place: String,
    pub error: Option<String>,
}

impl DetailsForm {
    fn from_meta(m: &crate::corpus::Metadata) -> Self {
        DetailsForm {
            title: m.title.clone(),
            date: m.published.map(|d| d.to_string()).unwrap_or_default(),
            source: m.source.clone().unwrap_or_default(),
            place: m.place.clone().unwrap_or_default(),
            error: None,
        }
    }
}

fn details_form(ui: &mut egui::Ui, ws: &mut Workspace, view: &mut View, a: usize) {
    let Some(form) = &mut view.details_form else {
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
                ui.add(
                    egui::TextEdit::singleline(value)
                        .hint_text(hint)
                        .desired_width(360.0),
                )
                .labelled_by(l.id);
                ui.end_row();
            }
        });
        if let Some(e) = &form.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.horizontal(|ui| {
            if ui.button("Save details").clicked() {
                let date = form.date.trim();
                let published = if date.is_empty() {
                    Ok(None)
                } else {
                    date.parse::<jiff::civil::Date>()
                        .map(Some)
                        .map_err(|_| format!("“{date}” is not a date (YYYY-MM-DD)"))
                };
                match published {
                    Err(e) => form.error = Some(e),
                    Ok(published) => {
                        let read = ws.read_metadata(a);
                        let (title, source, place) = (
                            form.title.trim().to_owned(),
                            form.source.trim().to_owned(),
                            form.place.trim().to_owned(),
                        );
                        let fix = crate::annotations::model::MetadataCorrection {
                            title: (title != read.title && !title.is_empty()).then_some(title),
                            published: (published != read.published).then_some(published),
                            source: (Some(source.as_str()) != read.source.as_deref()
                                && !(source.is_empty() && read.source.is_none()))
                            .then_some(source),
                            place: (Some(place.as_str()) != read.place.as_deref()
                                && !(place.is_empty() && read.place.is_none()))
                            .then_some(place),
                        };
                        let path = ws.corpus.articles[a].path.clone();
                        ws.edit(|s| s.articles.entry(path).or_default().metadata = fix);
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
        view.details_form = None;
    }
}

fn header(ui: &mut egui::Ui, ws: &Workspace, view: &mut View, a: usize) {
    let article = &ws.corpus.articles[a];
    let meta = &article.meta;
    ui.heading(&meta.title);
    let mut facts: Vec<String> = Vec::new();
    if meta.title_derived {
        facts.push("title from first sentence".into());
    }
    facts.push(
        meta.published
            .map_or("date unknown".into(), |d| d.to_string()),
    );
    if let Some(s) = &meta.source {
        facts.push(s.clone());
    }
    if let Some(p) = &meta.place {
        facts.push(p.clone());
    }
    facts.push(article.path.clone());
    ui.horizontal_wrapped(|ui| {
        ui.weak(facts.join(" · "));
        if view.details_form.is_none() && ui.small_button("Edit details…").clicked() {
            view.details_form = Some(DetailsForm::from_meta(meta));
        }
    });
    let meetings = &ws.meetings[a];
    if !meetings.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label("Meetings:");
            for (i, m) in meetings.iter().enumerate() {
                let others: Vec<&str> = m.counterparts.iter().map(|c| c.name.as_str()).collect();
                let date = m.date.map_or("undated".into(), |d| d.to_string());
                let chip = format!(
                    "{} · {} – {} · {date}",
                    m.kind.label(),
                    m.leader.name,
                    others.join(", ")
                );
                let r = ui
                    .add(
                        egui::Button::new(chip)
                            .small()
                            .selected(view.mark.as_ref() == Some(&m.evidence)),
                    )
                    .on_hover_text("Show the sentence that reports it; right-click to correct");
                if r.clicked() {
                    view.mark = Some(m.evidence.clone());
                    view.scroll_to_mark = true;
                }
                if r.secondary_clicked() {
                    view.correcting = Some((a, i));
                    view.correction_form = super::tags_panel::CorrectionForm::from_meeting(m);
                }
            }
        });
    }
}

/// What can be done with the selected text.
fn selection_bar(ui: &mut egui::Ui, ws: &mut Workspace, view: &mut View, a: usize) {
    let Some(sel) = view.selection.clone().filter(|s| !s.is_empty()) else {
        ui.weak(if ws.is_read_only() {
            "Annotations are read-only: the sidecar could not be read (see the status bar)."
        } else {
            "Select text to highlight and tag it."
        });
        return;
    };
    let path = ws.corpus.articles[a].path.clone();
    let quote = char_slice(&ws.corpus.articles[a].text, sel.clone());
    // Keys are shortcuts unless a field is being typed in (the article itself is read-only).
    let typing =
        ui.ctx().egui_wants_keyboard_input() && ui.ctx().memory(|m| m.focused()) != Some(text_id());
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("“{}”", text::shorten(&quote, 48)));
        if let Some(id) = view.reattach.clone() {
            if ui.button("Re-attach highlight here").clicked() {
                let text = ws.corpus.articles[a].text.clone();
                ws.edit(|s| reattach(s, &path, &id, &text, sel.clone()));
                view.reattach = None;
            }
            if ui.button("Cancel").clicked() {
                view.reattach = None;
            }
            return;
        }
        if ui.button("Tag…  (T)").clicked() || (!typing && ui.input(|i| i.key_pressed(Key::T))) {
            view.tag_popup = Some(String::new());
        }
        let keys = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        let recent: Vec<String> = view.recent_tags.iter().take(9).cloned().collect();
        for (n, id) in recent.iter().enumerate() {
            let Some(tag) = ws.store.tag(id) else {
                continue;
            };
            let label = format!("{} {}", n + 1, tag.name);
            let pressed = !typing && ui.input(|i| i.key_pressed(keys[n]));
            if ui
                .add(
                    egui::Button::new(label)
                        .fill(colours::tag_fill(&tag.colour, ui.visuals().dark_mode)),
                )
                .clicked()
                || pressed
            {
                apply_tag(ws, view, a, sel.clone(), TagChoice::Existing(id.clone()));
            }
        }
    });
}

/// The tag to apply: one in the codebook, or a new one made on the way.
pub enum TagChoice {
    Existing(String),
    New(String),
}

/// Tag `sel` of article `a`: onto the highlight with that exact range if there is one,
/// else as a new highlight. One undo step, even when the tag is new.
pub fn apply_tag(
    ws: &mut Workspace,
    view: &mut View,
    a: usize,
    sel: Range<usize>,
    choice: TagChoice,
) {
    let path = ws.corpus.articles[a].path.clone();
    let text = ws.corpus.articles[a].text.clone();
    let mut applied = String::new();
    ws.edit(|s| {
        let tag = match &choice {
            TagChoice::Existing(id) => id.clone(),
            TagChoice::New(name) => annotations::ensure_tag(s, name),
        };
        applied = tag.clone();
        let existing = s.articles.get_mut(&path).and_then(|n| {
            n.highlights
                .iter_mut()
                .find(|h| h.anchor.start == sel.start && h.anchor.end == sel.end)
        });
        match existing {
            Some(h) => {
                if !h.tags.contains(&tag) {
                    h.tags.push(tag);
                    h.modified = jiff::Timestamp::now();
                }
            }
            None => {
                annotations::add_highlight(
                    s,
                    &path,
                    &text,
                    sel,
                    vec![tag],
                    "",
                    jiff::Timestamp::now(),
                );
            }
        }
    });
    if !applied.is_empty() {
        view.recent_tags.retain(|t| *t != applied);
        view.recent_tags.insert(0, applied);
        view.recent_tags.truncate(9);
    }
    view.tag_popup = None;
}

fn reattach(s: &mut Store, path: &str, id: &str, text: &str, sel: Range<usize>) {
    if let Some(h) = s
        .articles
        .get_mut(path)
        .and_then(|n| n.highlights.iter_mut().find(|h| h.id == id))
    {
        h.anchor = annotations::Anchor::new(text, sel);
        h.modified = jiff::Timestamp::now();
    }
}

fn tag_popup(ui: &mut egui::Ui, ws: &mut Workspace, view: &mut View, a: usize) {
    let Some(mut search) = view.tag_popup.take() else {
        return;
    };
    let Some(sel) = view.selection.clone() else {
        return;
    };
    let mut open = true;
    let mut chosen: Option<String> = None;
    let mut create: Option<String> = None;
    let anchor = ui.max_rect().center_top() + egui::vec2(-140.0, 120.0);
    egui::Window::new("Apply a tag")
        .open(&mut open)
        .default_pos(anchor)
        .collapsible(false)
        .resizable(false)
        .default_width(280.0)
        .show(ui.ctx(), |ui| {
            let label = ui.label("Tag");
            let r = ui.add(
                egui::TextEdit::singleline(&mut search)
                    .hint_text("search or type a new tag")
                    .id(egui::Id::unique("dossier-tag-search")),
            );
            let r = r.labelled_by(label.id);
            r.request_focus();
            let matcher = SkimMatcherV2::default().ignore_case();
            let mut matches: Vec<(i64, &annotations::Tag)> = ws
                .store
                .tags
                .iter()
                .filter_map(|t| {
                    if search.trim().is_empty() {
                        Some((0, t))
                    } else {
                        matcher.fuzzy_match(&t.name, search.trim()).map(|s| (s, t))
                    }
                })
                .collect();
            matches.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.name.cmp(&y.1.name)));
            let enter = ui.input(|i| i.key_pressed(Key::Enter));
            for (_, t) in matches.iter().take(12) {
                let fill = colours::tag_fill(&t.colour, ui.visuals().dark_mode);
                if ui.add(egui::Button::new(&t.name).fill(fill)).clicked() {
                    chosen = Some(t.id.clone());
                }
            }
            let exact = ws.store.tag_by_name(search.trim()).is_some();
            if !search.trim().is_empty()
                && !exact
                && ui
                    .button(format!("Create tag “{}”", search.trim()))
                    .clicked()
            {
                create = Some(search.trim().to_owned());
            }
            if enter && chosen.is_none() && create.is_none() {
                match matches.first() {
                    Some((_, t)) if !search.trim().is_empty() || matches.len() == 1 => {
                        chosen = Some(t.id.clone());
                    }
                    _ if !search.trim().is_empty() => create = Some(search.trim().to_owned()),
                    _ => {}
                }
            }
        });
    if ui.input(|i| i.key_pressed(Key::Escape)) {
        open = false;
    }
    if let Some(name) = create {
        apply_tag(ws, view, a, sel, TagChoice::New(name));
    } else if let Some(id) = chosen {
        apply_tag(ws, view, a, sel, TagChoice::Existing(id));
    } else if open {
        view.tag_popup = Some(search);
    }
}

fn article_text(ui: &mut egui::Ui, ws: &Workspace, view: &mut View, a: usize) {
    let article = &ws.corpus.articles[a];
    let dark = ui.visuals().dark_mode;
    // Re-anchoring and building the job are done when their inputs change, not per frame.
    let key = (a, ws.version, view.mark.clone(), dark);
    let job = match &view.reader_cache {
        Some((k, job)) if *k == key => job.clone(),
        _ => {
            let spans = highlight_spans(&ws.store, &article.path, &article.text);
            let job = layout(&article.text, &spans, view.mark.as_ref(), ui, dark);
            view.reader_cache = Some((key, job.clone()));
            job
        }
    };
    let mut layouter = |ui: &egui::Ui, _buf: &dyn egui::TextBuffer, wrap_width: f32| {
        let mut job = job.clone();
        job.wrap.max_width = wrap_width;
        ui.painter().layout_job(job)
    };
    let scroll = egui::ScrollArea::vertical()
        .id_salt(("reader", a))
        .auto_shrink([false, false]);
    scroll.show(ui, |ui| {
        let mut text: &str = &article.text;
        let out = egui::TextEdit::multiline(&mut text)
            .id(text_id())
            .desired_width(f32::INFINITY)
            .frame(egui::Frame::NONE)
            .layouter(&mut layouter)
            .show(ui);
        out.response
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Article text"));
        // Keep the selection when focus moves to a button (to tag it); a click in the
        // text that selects nothing clears it.
        let before = view.selection.clone();
        if let Some(range) = out.cursor_range {
            let r = range.as_sorted_char_range();
            let sel = r.start.0..r.end.0;
            if !sel.is_empty() {
                view.selection = Some(sel);
            } else if out.response.response.clicked() || out.response.response.drag_started() {
                view.selection = None;
            }
        }
        if view.selection != before {
            // The bar above the text shows what can be done with the selection.
            ui.ctx().request_repaint();
        }
        if view.scroll_to_mark
            && let Some(mark) = &view.mark
        {
            let cursor = egui::text::CCursor::new(mark.start);
            let rect = out
                .galley
                .pos_from_cursor(cursor)
                .translate(out.galley_pos.to_vec2());
            ui.scroll_to_rect(rect, Some(egui::Align::Center));
            view.scroll_to_mark = false;
        }
    });
}

/// A highlight as painted: its char range in the current text and its colours.
pub struct Span {
    pub range: Range<usize>,
    pub colours: Vec<String>,
    pub status: Status,
}

/// The highlights of `path`, re-anchored in `text`; orphans are not painted.
pub fn highlight_spans(store: &Store, path: &str, text: &str) -> Vec<Span> {
    let Some(notes) = store.articles.get(path) else {
        return Vec::new();
    };
    let anchors: Vec<&anchor::Anchor> = notes.highlights.iter().map(|h| &h.anchor).collect();
    let resolved = anchor::resolve_highlights(Some(text), &anchors);
    notes
        .highlights
        .iter()
        .zip(resolved)
        .filter_map(|(h, r)| {
            let colours = h
                .tags
                .iter()
                .filter_map(|t| store.tag(t).map(|t| t.colour.clone()))
                .collect();
            r.range.map(|range| Span {
                range,
                colours,
                status: r.status,
            })
        })
        .collect()
}

/// The article as a layout job: highlight backgrounds, overlaps underlined, the marked
/// evidence sentence outlined by an underline in the selection colour.
fn layout(
    text: &str,
    spans: &[Span],
    mark: Option<&Range<usize>>,
    ui: &egui::Ui,
    dark: bool,
) -> LayoutJob {
    let font = FontId::proportional(15.0);
    let colour = ui.visuals().text_color();
    let mut cuts: Vec<usize> = vec![0, text.chars().count()];
    for s in spans {
        cuts.push(s.range.start);
        cuts.push(s.range.end);
    }
    if let Some(m) = mark {
        cuts.push(m.start);
        cuts.push(m.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    let bytes: Vec<usize> = {
        let mut b: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        b.push(text.len());
        b
    };
    for w in cuts.windows(2) {
        let (start, end) = (w[0], w[1]);
        if start >= end || end >= bytes.len() {
            continue;
        }
        let covering: Vec<&Span> = spans
            .iter()
            .filter(|s| s.range.start <= start && end <= s.range.end)
            .collect();
        let mut format = TextFormat {
            font_id: font.clone(),
            color: colour,
            ..TextFormat::default()
        };
        if let Some(top) = covering.last() {
            let hex = top.colours.first().map_or("#f4d03f", String::as_str);
            format.background = colours::tag_fill(hex, dark);
            if covering.len() > 1 || top.colours.len() > 1 {
                let second = covering
                    .iter()
                    .rev()
                    .nth(1)
                    .and_then(|s| s.colours.first())
                    .or(top.colours.get(1))
                    .map_or("#888888", String::as_str);
                format.underline = Stroke::new(2.5, colours::tag_strong(second));
            }
            if top.status == Status::Fuzzy {
                format.italics = true;
            }
        }
        if let Some(m) = mark
            && m.start <= start
            && end <= m.end
        {
            format.underline = Stroke::new(2.0, ui.visuals().selection.stroke.color);
            if covering.is_empty() {
                format.background = ui.visuals().selection.bg_fill.gamma_multiply(0.35);
            }
        }
        job.append(&text[bytes[start]..bytes[end]], 0.0, format);
    }
    job
}

fn char_slice(text: &str, r: Range<usize>) -> String {
    text.chars().skip(r.start).take(r.end - r.start).collect()
}
