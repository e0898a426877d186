//! The right panel: the meeting form (correcting a meeting, or adding one the extractor
//! missed), the codebook (create, rename, recolour from a palette, describe, nest,
//! merge, delete with a count), this report's note and highlights, and highlights that
//! need review because they were re-anchored approximately or lost their passage.

use super::colours;
use super::commands::Command;
use super::view::View;
use crate::annotations::ops::{self, MeetingForm};
use crate::annotations::{self, Status, anchor};
use crate::meetings::Kind;
use crate::text;
use crate::workspace::Edit;
use crate::workspace::Origin;
use crate::workspace::Workspace;
use std::ops::Range;

/// Which meeting the form is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// Meeting `i` of the article, as shown.
    Shown(usize),
    /// A new meeting, reported by this char range if the analyst selected one.
    New(Option<Range<usize>>),
}

/// The meeting form, open on article `article`.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingEdit {
    pub article: usize,
    pub target: Target,
    pub form: MeetingForm,
    pub error: Option<String>,
}

/// The panel's own state.
#[derive(Default)]
pub struct State {
    pub meeting: Option<MeetingEdit>,
    /// Text of the "new tag" field in the codebook.
    pub new_tag: String,
    pub codebook_edit: Option<String>,
    pub confirm_delete_tag: Option<String>,
    pub merge_into: Option<(String, String)>,
    /// Where this article's highlights are, as of (article, its version).
    notes_cache: Option<((usize, u64), Vec<annotations::Resolved>)>,
    /// Highlights per tag id, as of a data version.
    tag_counts: Option<(u64, std::collections::HashMap<String, usize>)>,
    review_cache: ReviewCache,
}

impl State {
    /// Open the form on meeting `i` of article `a`.
    pub fn correct(&mut self, ws: &Workspace, a: usize, i: usize) {
        if let Some(m) = ws.meetings().get(a).and_then(|ms| ms.get(i)) {
            self.meeting = Some(MeetingEdit {
                article: a,
                target: Target::Shown(i),
                form: MeetingForm::from_meeting(m),
                error: None,
            });
        }
    }

    /// Open the form on a new meeting of article `a`.
    pub fn add_meeting(&mut self, a: usize, evidence: Option<Range<usize>>) {
        self.meeting = Some(MeetingEdit {
            article: a,
            target: Target::New(evidence.filter(|r| !r.is_empty())),
            form: MeetingForm {
                kind: Some(Kind::Meeting),
                ..MeetingForm::default()
            },
            error: None,
        });
    }

    pub fn leave_article(&mut self) {
        self.meeting = None;
    }
}

pub fn show(ui: &mut egui::Ui, ws: &Workspace, view: &mut View, out: &mut Vec<Command>) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if view.tags.meeting.is_some() {
                meeting_form(ui, ws, view, out);
                ui.separator();
            }
            codebook(ui, ws, view, out);
            ui.separator();
            if let Some(a) = view.article {
                article_notes(ui, ws, view, a, out);
                ui.separator();
            }
            review(ui, ws, view, out);
        });
}

fn meeting_form(ui: &mut egui::Ui, ws: &Workspace, view: &mut View, out: &mut Vec<Command>) {
    let Some(edit) = &mut view.tags.meeting else {
        return;
    };
    let a = edit.article;
    if a >= ws.corpus().articles.len() {
        view.tags.meeting = None;
        return;
    }
    let adding = matches!(edit.target, Target::New(_));
    ui.heading(if adding {
        "Add a meeting"
    } else {
        "Correct meeting"
    });
    form_fields(ui, &mut edit.form, adding);
    if let Some(e) = &edit.error {
        ui.colored_label(ui.visuals().error_fg_color, e.as_str());
    }
    let mut close = false;
    ui.horizontal(|ui| {
        let save = if adding {
            "Add meeting"
        } else {
            "Save correction"
        };
        if ui.button(save).clicked() {
            match meeting_command(ws, edit) {
                Ok(c) => {
                    out.extend(c);
                    close = true;
                }
                Err(e) => edit.error = Some(e),
            }
        }
        if let Target::Shown(i) = edit.target
            && let Some(c) = restore_command(ws, a, i)
            && ui.button(c.label_for_button()).clicked()
        {
            out.push(c);
            close = true;
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    if close {
        view.tags.meeting = None;
    }
}

fn form_fields(ui: &mut egui::Ui, form: &mut MeetingForm, adding: bool) {
    egui::Grid::new("meeting-form")
        .num_columns(2)
        .show(ui, |ui| {
            let l = ui.label("Date");
            ui.add(egui::TextEdit::singleline(&mut form.date).hint_text("YYYY-MM-DD or empty"))
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label("Kind");
            egui::ComboBox::from_id_salt("meeting-kind")
                .selected_text(form.kind.map_or("—", Kind::label))
                .show_ui(ui, |ui| {
                    for k in Kind::ALL {
                        ui.selectable_value(&mut form.kind, Some(k), k.label());
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            for (label, value, hint) in [
                ("Place", &mut form.location, ""),
                ("Leader", &mut form.leader, ""),
                (
                    "Counterparts",
                    &mut form.counterparts,
                    "names, separated by ;",
                ),
            ] {
                let l = ui.label(label);
                ui.add(egui::TextEdit::singleline(value).hint_text(hint))
                    .labelled_by(l.id);
                ui.end_row();
            }
        });
    if !adding {
        ui.checkbox(&mut form.not_a_meeting, "Not a meeting");
    }
}

/// What saving the form asks for.
fn meeting_command(ws: &Workspace, edit: &MeetingEdit) -> Result<Vec<Command>, String> {
    let a = edit.article;
    let article = ws.corpus().articles[a].path.clone();
    let taken = |id: &str| ops::added_id_taken(ws.store(), id);
    match &edit.target {
        Target::New(evidence) => {
            let meeting = ops::build_added(&edit.form, evidence.clone(), taken)?;
            Ok(vec![Command::Edit(Edit::AddMeeting { article, meeting })])
        }
        Target::Shown(i) => {
            let shown = ws.meetings()[a].get(*i).ok_or("the meeting is gone")?;
            match ws.meeting_origin(a, *i).ok_or("the meeting is gone")? {
                Origin::Extracted(key) | Origin::Corrected(key) => {
                    let fix = ops::build_correction(&key, shown, &edit.form)?;
                    Ok(vec![Command::Edit(Edit::CorrectMeeting { article, fix })])
                }
                Origin::Added(id) => added_replacement(ws, a, id, edit, shown),
            }
        }
    }
}

/// A meeting added by hand (`id`), edited: the same id with the new fields (or removed).
fn added_replacement(
    ws: &Workspace,
    a: usize,
    id: String,
    edit: &MeetingEdit,
    shown: &crate::meetings::Meeting,
) -> Result<Vec<Command>, String> {
    let article = ws.corpus().articles[a].path.clone();
    if edit.form.not_a_meeting {
        return Ok(vec![Command::Edit(Edit::RemoveAddedMeeting {
            article,
            id,
        })]);
    }
    let evidence = (!shown.evidence.is_empty()).then(|| shown.evidence.clone());
    let mut meeting = ops::build_added(&edit.form, evidence, |_| false)?;
    meeting.id = id;
    Ok(vec![Command::Edit(Edit::AddMeeting { article, meeting })])
}

/// Undoing a correction from the form: back to what the text says, or removing a
/// meeting added by hand.
fn restore_command(ws: &Workspace, a: usize, i: usize) -> Option<Command> {
    let article = ws.corpus().articles[a].path.clone();
    match ws.meeting_origin(a, i)? {
        Origin::Extracted(_) => None,
        Origin::Corrected(key) => Some(Command::Edit(Edit::RestoreMeeting { article, key })),
        Origin::Added(id) => Some(Command::Edit(Edit::RemoveAddedMeeting { article, id })),
    }
}

impl Command {
    fn label_for_button(&self) -> &'static str {
        match self {
            Command::Edit(Edit::RemoveAddedMeeting { .. }) => "Remove this meeting",
            _ => "Restore as found",
        }
    }
}

fn tag_counts(ws: &Workspace, state: &mut State) {
    if state.tag_counts.as_ref().map(|c| c.0) == Some(ws.version()) {
        return;
    }
    let mut counts = std::collections::HashMap::new();
    for h in ws.store().articles.values().flat_map(|a| &a.highlights) {
        for t in &h.tags {
            *counts.entry(t.clone()).or_insert(0usize) += 1;
        }
    }
    state.tag_counts = Some((ws.version(), counts));
}

fn codebook(ui: &mut egui::Ui, ws: &Workspace, view: &mut View, out: &mut Vec<Command>) {
    ui.heading("Tags");
    if ws.store().tags.is_empty() {
        ui.weak("No tags yet: select text in the report and press T.");
    }
    tag_counts(ws, &mut view.tags);
    for t in &ws.store().tags {
        let uses = view
            .tags
            .tag_counts
            .as_ref()
            .and_then(|c| c.1.get(&t.id).copied())
            .unwrap_or(0);
        tag_row(ui, ws, view, t, uses, out);
        if view.tags.codebook_edit.as_deref() == Some(t.id.as_str()) {
            edit_tag(ui, ws, view, t, out);
        }
    }
    ui.horizontal(|ui| {
        let l = ui.label("New tag");
        // "Add" first from the right, the field in what is left: nothing is cut off in a
        // narrow panel or at a high zoom.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let add = ui.button("Add");
            let field = egui::TextEdit::singleline(&mut view.tags.new_tag)
                .desired_width(ui.available_width().min(180.0));
            let r = ui.add(field).labelled_by(l.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let name = view.tags.new_tag.trim().to_owned();
            if (add.clicked() || enter) && !name.is_empty() {
                out.push(Command::Edit(Edit::CreateTag(name)));
                view.tags.new_tag.clear();
            }
        });
    });
}

fn tag_row(
    ui: &mut egui::Ui,
    ws: &Workspace,
    view: &mut View,
    t: &annotations::Tag,
    uses: usize,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        colour_button(ui, t, out);
        let depth = ops::depth(&ws.store().tags, t);
        let name = format!("{}{} ({uses})", "  ".repeat(depth), t.name);
        let editing = view.tags.codebook_edit.as_deref() == Some(t.id.as_str());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("filter")
                .on_hover_text(format!("Show only meetings whose reports use “{}”", t.name))
                .clicked()
            {
                view.query.tags.clear();
                view.query.tags.insert(t.id.clone());
            }
            // The name right beside its swatch (cut short with … when the panel is narrow).
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                let label = egui::Button::selectable(editing, name).truncate();
                let r = ui.add(label);
                if r.on_hover_text(&t.description).clicked() {
                    view.tags.codebook_edit = if editing { None } else { Some(t.id.clone()) };
                }
            });
        });
    });
}

/// The tag's swatch: a click opens the palette, with the full picker behind "More…".
fn colour_button(ui: &mut egui::Ui, t: &annotations::Tag, out: &mut Vec<Command>) {
    let swatch = egui::Button::new("   ").fill(colours::tag_strong(&t.colour));
    let r = ui
        .add(swatch)
        .on_hover_text(format!("Colour of {}", t.name));
    r.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Colour of {}", t.name))
    });
    egui::Popup::menu(&r).show(|ui| {
        ui.horizontal_wrapped(|ui| {
            ui.set_max_width(200.0);
            for hex in annotations::palette::palette() {
                let pick = egui::Button::new("   ").fill(colours::tag_strong(hex));
                if ui.add(pick).on_hover_text(hex.to_string()).clicked() {
                    out.push(Command::Edit(Edit::RecolourTag {
                        tag: t.id.clone(),
                        colour: (*hex).to_owned(),
                    }));
                    ui.close();
                }
            }
        });
        ui.menu_button("More…", |ui| {
            let mut c = colours::tag_strong(&t.colour);
            if egui::color_picker::color_picker_color32(
                ui,
                &mut c,
                egui::color_picker::Alpha::Opaque,
            ) {
                out.push(Command::Edit(Edit::RecolourTag {
                    tag: t.id.clone(),
                    colour: colours::to_hex(c),
                }));
            }
        });
    });
}

fn edit_tag(
    ui: &mut egui::Ui,
    ws: &Workspace,
    view: &mut View,
    t: &annotations::Tag,
    out: &mut Vec<Command>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        let mut name = t.name.clone();
        let l = ui.label("Name");
        if ui
            .text_edit_singleline(&mut name)
            .labelled_by(l.id)
            .changed()
            && !name.trim().is_empty()
        {
            out.push(Command::Edit(Edit::RenameTag {
                tag: t.id.clone(),
                name,
            }));
        }
        let mut description = t.description.clone();
        let l = ui.label("Description");
        let edit = egui::TextEdit::multiline(&mut description)
            .desired_rows(2)
            .desired_width(f32::INFINITY);
        if ui.add(edit).labelled_by(l.id).changed() {
            out.push(Command::Edit(Edit::DescribeTag {
                tag: t.id.clone(),
                description,
            }));
        }
        parent_choice(ui, ws, t, out);
        merge_choice(ui, ws, view, t, out);
        delete_choice(ui, view, t, ops::delete_tag_effect(ws.store(), &t.id), out);
    });
}

fn parent_choice(ui: &mut egui::Ui, ws: &Workspace, t: &annotations::Tag, out: &mut Vec<Command>) {
    let parent_name = t
        .parent
        .as_ref()
        .and_then(|p| ws.store().tag(p))
        .map_or("(none)".to_owned(), |p| p.name.clone());
    let mut parent = t.parent.clone();
    egui::ComboBox::from_label("Parent")
        .selected_text(parent_name)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut parent, None, "(none)");
            for o in ws.store().tags.iter().filter(|x| x.id != t.id) {
                if !ops::would_cycle(&ws.store().tags, &t.id, Some(&o.id)) {
                    ui.selectable_value(&mut parent, Some(o.id.clone()), &o.name);
                }
            }
        });
    if parent != t.parent {
        out.push(Command::Edit(Edit::SetTagParent {
            tag: t.id.clone(),
            parent,
        }));
    }
}

fn merge_choice(
    ui: &mut egui::Ui,
    ws: &Workspace,
    view: &mut View,
    t: &annotations::Tag,
    out: &mut Vec<Command>,
) {
    let id = &t.id;
    let mut target = view
        .tags
        .merge_into
        .as_ref()
        .filter(|(from, _)| from == id)
        .map(|(_, to)| to.clone());
    ui.horizontal(|ui| {
        let shown = target
            .as_ref()
            .and_then(|x| ws.store().tag(x))
            .map_or("…".into(), |x| x.name.clone());
        egui::ComboBox::from_label("Merge into")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for o in ws.store().tags.iter().filter(|x| x.id != *id) {
                    ui.selectable_value(&mut target, Some(o.id.clone()), &o.name);
                }
            });
        view.tags.merge_into = target.clone().map(|to| (id.clone(), to));
        if let Some(into) = target
            && ui.button("Merge").clicked()
        {
            out.push(Command::Edit(Edit::MergeTags {
                from: id.clone(),
                into,
            }));
            view.tags.merge_into = None;
            view.tags.codebook_edit = None;
        }
    });
}

/// What the delete prompt says, true to what deleting does: highlights with no other tag
/// go with it, the others keep theirs.
pub fn delete_prompt(name: &str, (alone, shared): (usize, usize)) -> String {
    let n = |k: usize| {
        if k == 1 {
            "1 highlight".to_owned()
        } else {
            format!("{k} highlights")
        }
    };
    let mut parts = Vec::new();
    if alone > 0 {
        let have = if alone == 1 { "has" } else { "have" };
        parts.push(format!(
            "{} {have} no other tag and will be removed",
            n(alone)
        ));
    }
    if shared > 0 {
        parts.push(format!("{} keep their other tags", n(shared)));
    }
    if parts.is_empty() {
        parts.push("no highlight uses it".into());
    }
    format!(
        "Delete “{name}”? {}. Undo (Ctrl+Z) brings it all back.",
        parts.join("; ")
    )
}

fn delete_choice(
    ui: &mut egui::Ui,
    view: &mut View,
    t: &annotations::Tag,
    effect: (usize, usize),
    out: &mut Vec<Command>,
) {
    if view.tags.confirm_delete_tag.as_deref() != Some(t.id.as_str()) {
        if ui.button("Delete tag…").clicked() {
            view.tags.confirm_delete_tag = Some(t.id.clone());
        }
        return;
    }
    ui.label(delete_prompt(&t.name, effect));
    ui.horizontal(|ui| {
        if ui.button("Delete").clicked() {
            out.push(Command::Edit(Edit::DeleteTag(t.id.clone())));
            view.tags.confirm_delete_tag = None;
            view.tags.codebook_edit = None;
        }
        if ui.button("Keep").clicked() {
            view.tags.confirm_delete_tag = None;
        }
    });
}

fn article_notes(
    ui: &mut egui::Ui,
    ws: &Workspace,
    view: &mut View,
    a: usize,
    out: &mut Vec<Command>,
) {
    let path = ws.corpus().articles[a].path.clone();
    ui.heading("This report");
    let notes = ws.store().articles.get(&path);
    let mut note = notes.map(|n| n.note.clone()).unwrap_or_default();
    let l = ui.label("Note");
    let edit = egui::TextEdit::multiline(&mut note)
        .desired_rows(2)
        .desired_width(f32::INFINITY)
        .hint_text("A note on the whole report");
    if ui.add(edit).labelled_by(l.id).changed() {
        out.push(Command::Edit(Edit::SetArticleNote {
            article: path.clone(),
            note,
        }));
    }
    let count = notes.map_or(0, |n| n.highlights.len());
    if count == 0 {
        ui.weak("No highlights.");
        return;
    }
    let placed = placed_highlights(ws, &mut view.tags, a);
    highlight_list(ui, ws, view, a, &placed);
    let active = view.active_highlight.clone().and_then(|id| {
        let highlights = &ws.store().articles.get(&path)?.highlights;
        let i = highlights.iter().position(|h| h.id == id)?;
        Some((highlights[i].clone(), placed.get(i)?.clone()))
    });
    match active {
        Some((h, resolved)) => highlight_details(ui, ws, view, &path, &h, &resolved, out),
        None => {
            ui.weak("Choose a highlight to edit its tags and note.");
        }
    }
}

/// Where each highlight of article `a` is now: re-anchored when its text or
/// annotations change, not every frame.
fn placed_highlights(ws: &Workspace, state: &mut State, a: usize) -> Vec<annotations::Resolved> {
    let path = &ws.corpus().articles[a].path;
    let key = (a, ws.article_version(path));
    if state.notes_cache.as_ref().map(|c| &c.0) != Some(&key) {
        let anchors: Vec<&anchor::Anchor> = ws
            .store()
            .articles
            .get(path)
            .map(|n| n.highlights.iter().map(|h| &h.anchor).collect())
            .unwrap_or_default();
        let resolved = anchor::resolve_highlights(Some(&ws.corpus().articles[a].text), &anchors);
        state.notes_cache = Some((key, resolved));
    }
    state
        .notes_cache
        .as_ref()
        .map(|c| c.1.clone())
        .unwrap_or_default()
}

/// The list builds only its visible rows: a report may carry thousands.
fn highlight_list(
    ui: &mut egui::Ui,
    ws: &Workspace,
    view: &mut View,
    a: usize,
    placed: &[annotations::Resolved],
) {
    let path = &ws.corpus().articles[a].path;
    let Some(highlights) = ws.store().articles.get(path).map(|n| &n.highlights) else {
        return;
    };
    ui.label(format!("Highlights ({})", highlights.len()));
    let mut clicked = None;
    let row = ui.spacing().interact_size.y + 4.0;
    egui::ScrollArea::vertical()
        .id_salt("article-highlights")
        .max_height(row * 10.0)
        .auto_shrink([false, true])
        .show_rows(ui, row, highlights.len().min(placed.len()), |ui, rows| {
            for i in rows {
                let (h, resolved) = (&highlights[i], &placed[i]);
                let status = match resolved.status {
                    Status::Exact | Status::Moved => "",
                    Status::Fuzzy => "(approximate) ",
                    Status::Orphan => "(passage not found) ",
                };
                let tags: Vec<&str> = h
                    .tags
                    .iter()
                    .filter_map(|t| ws.store().tag(t).map(|t| t.name.as_str()))
                    .collect();
                let label = format!(
                    "{status}“{}” · {}",
                    text::shorten(&h.anchor.quote, 44),
                    tags.join(", ")
                );
                let active = view.active_highlight.as_deref() == Some(h.id.as_str());
                let button = egui::Button::selectable(active, label).truncate();
                if ui.add(button).clicked() {
                    clicked = Some(i);
                }
            }
        });
    if let Some(i) = clicked {
        view.active_highlight = Some(highlights[i].id.clone());
        if let Some(range) = placed[i].range.clone() {
            view.mark = Some(range);
            view.scroll_to_mark = true;
        }
    }
}

/// Tags, note, re-attach and removal for one highlight.
fn highlight_details(
    ui: &mut egui::Ui,
    ws: &Workspace,
    view: &mut View,
    path: &str,
    h: &annotations::Highlight,
    resolved: &annotations::Resolved,
    out: &mut Vec<Command>,
) {
    let (article, highlight) = (path.to_owned(), h.id.clone());
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(format!("“{}”", text::shorten(&h.anchor.quote, 120)));
        ui.horizontal_wrapped(|ui| {
            for tag in h.tags.iter().filter_map(|t| ws.store().tag(t)) {
                let dark = ui.visuals().dark_mode;
                let button =
                    colours::tag_button(format!("{} ×", tag.name), &tag.colour, dark).small();
                let hover = format!("Remove the tag “{}” from this highlight", tag.name);
                if ui.add(button).on_hover_text(hover).clicked() {
                    out.push(Command::Edit(Edit::UntagHighlight {
                        article: article.clone(),
                        highlight: highlight.clone(),
                        tag: tag.id.clone(),
                    }));
                }
            }
        });
        let mut note = h.note.clone();
        let l = ui.label("Note");
        let edit = egui::TextEdit::multiline(&mut note)
            .desired_rows(2)
            .desired_width(f32::INFINITY)
            .hint_text("Add a note");
        if ui.add(edit).labelled_by(l.id).changed() {
            out.push(Command::Edit(Edit::SetHighlightNote {
                article: article.clone(),
                highlight: highlight.clone(),
                note,
            }));
        }
        // Wrapped, so no button is cut off in a narrow panel or at a high zoom.
        ui.horizontal_wrapped(|ui| {
            if let (Status::Moved | Status::Fuzzy, Some(range)) =
                (resolved.status, resolved.range.clone())
                && ui
                    .button("Accept as it is now")
                    .on_hover_text("Keep the highlight on the passage it was found at")
                    .clicked()
            {
                out.push(Command::Edit(Edit::Reattach {
                    article: article.clone(),
                    highlight: highlight.clone(),
                    range,
                }));
            }
            if matches!(resolved.status, Status::Fuzzy | Status::Orphan)
                && ui.button("Re-attach to a selection…").clicked()
            {
                view.reattach = Some(highlight.clone());
            }
            if ui.button("Remove highlight").clicked() {
                out.push(Command::Edit(Edit::RemoveHighlight {
                    article: article.clone(),
                    highlight: highlight.clone(),
                }));
                view.active_highlight = None;
            }
        });
    });
}

/// Highlights needing review, kept per article so an edit re-anchors one article only.
#[derive(Debug, Default)]
pub struct ReviewCache {
    checked: Option<u64>,
    per_article: std::collections::HashMap<String, (u64, Vec<ReviewItem>)>,
    list: Vec<ReviewItem>,
}

/// A highlight that needs the analyst's eye.
#[derive(Debug, Clone)]
pub struct ReviewItem {
    pub article: String,
    pub status: Status,
    pub range: Option<Range<usize>>,
    pub quote: String,
}

impl ReviewCache {
    fn refresh(&mut self, ws: &Workspace) {
        if self.checked == Some(ws.version()) {
            return;
        }
        self.per_article
            .retain(|path, _| ws.store().articles.contains_key(path));
        let mut dirty = self.checked.is_none();
        for (path, notes) in &ws.store().articles {
            let version = ws.article_version(path);
            if self.per_article.get(path).map(|c| c.0) == Some(version) {
                continue;
            }
            let text = ws
                .article_index(path)
                .map(|i| ws.corpus().articles[i].text.as_str());
            let anchors: Vec<&anchor::Anchor> =
                notes.highlights.iter().map(|h| &h.anchor).collect();
            let items = notes
                .highlights
                .iter()
                .zip(anchor::resolve_highlights(text, &anchors))
                .filter(|(_, r)| matches!(r.status, Status::Fuzzy | Status::Orphan))
                .map(|(h, r)| ReviewItem {
                    article: path.clone(),
                    status: r.status,
                    range: r.range,
                    quote: h.anchor.quote.clone(),
                })
                .collect();
            self.per_article.insert(path.clone(), (version, items));
            dirty = true;
        }
        if dirty {
            self.list = self
                .per_article
                .values()
                .flat_map(|(_, items)| items.iter().cloned())
                .collect();
            self.list.sort_by(|a, b| a.article.cmp(&b.article));
        }
        self.checked = Some(ws.version());
    }
}

fn review(ui: &mut egui::Ui, ws: &Workspace, view: &mut View, out: &mut Vec<Command>) {
    view.tags.review_cache.refresh(ws);
    let flagged = &view.tags.review_cache.list;
    ui.heading(format!("Needs review ({})", flagged.len()));
    if flagged.is_empty() {
        ui.weak("Every highlight is where it was.");
    }
    for p in flagged {
        let label = format!(
            "{} · {}: “{}”",
            p.status.as_str(),
            p.article,
            text::shorten(&p.quote, 40)
        );
        if ui.link(label).clicked()
            && let Some(a) = ws.article_index(&p.article)
        {
            out.push(Command::OpenReport {
                article: a,
                mark: p.range.clone(),
            });
        }
    }
}
