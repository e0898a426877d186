//! The right panel: correcting a meeting (when one is chosen), the codebook (create,
//! rename, recolour, describe, set a parent, merge, delete with a count), this article's
//! note and highlights (tags, notes, removal), and highlights that need review because
//! they were re-anchored approximately or lost their passage.

use super::app::View;
use super::colours;
use crate::annotations::model::{MeetingCorrection, PersonFix};
use crate::annotations::{self, Status, anchor};
use crate::meetings::{Kind, Meeting};
use crate::text;
use crate::workspace::Workspace;

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
    pub range: Option<std::ops::Range<usize>>,
    pub quote: String,
}

/// The fields of the meeting-correction form, as text being edited.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorrectionForm {
    pub date: String,
    pub kind: Option<Kind>,
    pub location: String,
    pub leader: String,
    pub counterparts: String,
    pub not_a_meeting: bool,
    pub error: Option<String>,
}

impl CorrectionForm {
    pub fn from_meeting(m: &Meeting) -> Self {
        CorrectionForm {
            date: m.date.map(|d| d.to_string()).unwrap_or_default(),
            kind: Some(m.kind),
            location: m.location.clone().unwrap_or_default(),
            leader: m.leader.name.clone(),
            counterparts: m
                .counterparts
                .iter()
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
                .join("; "),
            not_a_meeting: false,
            error: None,
        }
    }
}

pub fn show(ui: &mut egui::Ui, ws: &mut Workspace, view: &mut View) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if view.correcting.is_some() {
                correction(ui, ws, view);
                ui.separator();
            }
            codebook(ui, ws, view);
            ui.separator();
            if let Some(a) = view.article {
                article_notes(ui, ws, view, a);
                ui.separator();
            }
            review(ui, ws, view);
        });
}

fn correction(ui: &mut egui::Ui, ws: &mut Workspace, view: &mut View) {
    let Some((a, i)) = view.correcting else {
        return;
    };
    let Some(original) = ws.meetings.get(a).and_then(|ms| ms.get(i)).cloned() else {
        view.correcting = None;
        return;
    };
    ui.heading("Correct meeting");
    let form = &mut view.correction_form;
    egui::Grid::new("correction").num_columns(2).show(ui, |ui| {
        let l = ui.label("Date");
        ui.add(egui::TextEdit::singleline(&mut form.date).hint_text("YYYY-MM-DD or empty"))
            .labelled_by(l.id);
        ui.end_row();
        let l = ui.label("Kind");
        egui::ComboBox::from_id_salt("correction-kind")
            .selected_text(form.kind.map_or("—", Kind::label))
            .show_ui(ui, |ui| {
                for k in Kind::ALL {
                    ui.selectable_value(&mut form.kind, Some(k), k.label());
                }
            })
            .response
            .labelled_by(l.id);
        ui.end_row();
        let l = ui.label("Place");
        ui.add(egui::TextEdit::singleline(&mut form.location))
            .labelled_by(l.id);
        ui.end_row();
        let l = ui.label("Leader");
        ui.add(egui::TextEdit::singleline(&mut form.leader))
            .labelled_by(l.id);
        ui.end_row();
        let l = ui.label("Counterparts");
        ui.add(
            egui::TextEdit::singleline(&mut form.counterparts).hint_text("names, separated by ;"),
        )
        .labelled_by(l.id);
        ui.end_row();
    });
    ui.checkbox(&mut form.not_a_meeting, "Not a meeting");
    if let Some(e) = &form.error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
    ui.horizontal(|ui| {
        if ui.button("Save correction").clicked() {
            match build_correction(ws, a, i, &original, form) {
                Ok(fix) => {
                    let path = ws.corpus.articles[a].path.clone();
                    ws.edit(|s| {
                        let notes = s.articles.entry(path).or_default();
                        notes.meetings.retain(|c| c.key != fix.key);
                        notes.meetings.push(fix);
                    });
                    view.correcting = None;
                }
                Err(e) => form.error = Some(e),
            }
        }
        if ui.button("Cancel").clicked() {
            view.correcting = None;
        }
    });
}

/// The correction the form describes, keyed to the extracted meeting it corrects.
fn build_correction(
    ws: &Workspace,
    a: usize,
    i: usize,
    shown: &Meeting,
    form: &CorrectionForm,
) -> Result<MeetingCorrection, String> {
    let key = ws
        .meeting_keys
        .get(a)
        .and_then(|k| k.get(i))
        .cloned()
        .flatten()
        .ok_or("a meeting added by hand is corrected in the sidecar file for now")?;
    let date = if form.date.trim().is_empty() {
        None
    } else {
        Some(
            form.date
                .trim()
                .parse::<jiff::civil::Date>()
                .map_err(|_| format!("“{}” is not a date (YYYY-MM-DD)", form.date.trim()))?,
        )
    };
    let person = |name: &str, like: Option<&crate::meetings::Participant>| PersonFix {
        name: name.trim().to_owned(),
        country: like
            .filter(|p| p.name == name.trim())
            .and_then(|p| p.country.clone()),
    };
    let counterparts: Vec<PersonFix> = form
        .counterparts
        .split(';')
        .filter(|n| !n.trim().is_empty())
        .map(|n| person(n, shown.counterparts.iter().find(|c| c.name == n.trim())))
        .collect();
    if !form.not_a_meeting && (form.leader.trim().is_empty() || counterparts.is_empty()) {
        return Err("a meeting needs a leader and at least one counterpart".into());
    }
    let location = form.location.trim();
    Ok(MeetingCorrection {
        key,
        not_a_meeting: form.not_a_meeting,
        date: (date != shown.date).then_some(date),
        kind: form.kind.filter(|k| *k != shown.kind),
        location: (Some(location) != shown.location.as_deref())
            .then(|| (!location.is_empty()).then(|| location.to_owned())),
        leader: (form.leader.trim() != shown.leader.name)
            .then(|| person(&form.leader, Some(&shown.leader))),
        counterparts: (counterparts
            .iter()
            .map(|c| &c.name)
            .ne(shown.counterparts.iter().map(|c| &c.name)))
        .then_some(counterparts),
    })
}

fn codebook(ui: &mut egui::Ui, ws: &mut Workspace, view: &mut View) {
    ui.heading("Tags");
    if ws.store.tags.is_empty() {
        ui.weak("No tags yet: select text in the article and press T.");
    }
    let tags = ws.store.tags.clone();
    // Uses per tag, counted when the data changes rather than every frame.
    if view.tag_counts.as_ref().map(|c| c.0) != Some(ws.version) {
        let mut counts = std::collections::HashMap::new();
        for h in ws.store.articles.values().flat_map(|a| &a.highlights) {
            for t in &h.tags {
                *counts.entry(t.clone()).or_insert(0usize) += 1;
            }
        }
        view.tag_counts = Some((ws.version, counts));
    }
    for t in &tags {
        let uses = view
            .tag_counts
            .as_ref()
            .and_then(|c| c.1.get(&t.id).copied())
            .unwrap_or(0);
        ui.horizontal(|ui| {
            let mut c = colours::tag_strong(&t.colour);
            let r = ui
                .color_edit_button_srgba(&mut c)
                .on_hover_text(format!("Colour of {}", t.name));
            r.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Colour of {}", t.name))
            });
            if r.changed() {
                let hex = colours::to_hex(c);
                let id = t.id.clone();
                ws.edit(|s| {
                    if let Some(t) = s.tags.iter_mut().find(|x| x.id == id) {
                        t.colour = hex;
                    }
                });
            }
            let depth = parent_depth(&tags, t);
            let name = format!("{}{} ({uses})", "  ".repeat(depth), t.name);
            let editing = view.codebook_edit.as_deref() == Some(t.id.as_str());
            if ui
                .selectable_label(editing, name)
                .on_hover_text(&t.description)
                .clicked()
            {
                view.codebook_edit = if editing { None } else { Some(t.id.clone()) };
            }
            if ui
                .small_button("filter")
                .on_hover_text(format!("Show only meetings whose reports use “{}”", t.name))
                .clicked()
            {
                view.query.tags.clear();
                view.query.tags.insert(t.id.clone());
            }
        });
        if view.codebook_edit.as_deref() == Some(t.id.as_str()) {
            edit_tag(ui, ws, view, t, uses);
        }
    }
    ui.horizontal(|ui| {
        let l = ui.label("New tag");
        let r = ui
            .add(egui::TextEdit::singleline(&mut view.new_tag).desired_width(140.0))
            .labelled_by(l.id);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Add").clicked() || enter) && !view.new_tag.trim().is_empty() {
            let name = view.new_tag.trim().to_owned();
            ws.edit(|s| {
                annotations::ensure_tag(s, &name);
            });
            view.new_tag.clear();
        }
    });
}

fn parent_depth(tags: &[annotations::Tag], t: &annotations::Tag) -> usize {
    let mut depth = 0;
    let mut parent = t.parent.clone();
    while let Some(p) = parent {
        depth += 1;
        if depth > 8 {
            break;
        }
        parent = tags
            .iter()
            .find(|x| x.id == p)
            .and_then(|x| x.parent.clone());
    }
    depth
}

fn edit_tag(
    ui: &mut egui::Ui,
    ws: &mut Workspace,
    view: &mut View,
    t: &annotations::Tag,
    uses: usize,
) {
    let id = t.id.clone();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        let mut name = t.name.clone();
        let l = ui.label("Name");
        if ui
            .text_edit_singleline(&mut name)
            .labelled_by(l.id)
            .changed()
            && !name.trim().is_empty()
        {
            let id = id.clone();
            ws.edit_typing(&format!("tag-name-{id}"), |s| {
                if let Some(t) = s.tags.iter_mut().find(|x| x.id == id) {
                    t.name = name.clone();
                }
            });
        }
        let mut description = t.description.clone();
        let l = ui.label("Description");
        if ui
            .add(egui::TextEdit::multiline(&mut description).desired_rows(2))
            .labelled_by(l.id)
            .changed()
        {
            let id = id.clone();
            ws.edit_typing(&format!("tag-description-{id}"), |s| {
                if let Some(t) = s.tags.iter_mut().find(|x| x.id == id) {
                    t.description = description.clone();
                }
            });
        }
        let others: Vec<annotations::Tag> = ws
            .store
            .tags
            .iter()
            .filter(|x| x.id != id)
            .cloned()
            .collect();
        let parent_name = t
            .parent
            .as_ref()
            .and_then(|p| ws.store.tag(p))
            .map_or("(none)".to_owned(), |p| p.name.clone());
        let mut parent = t.parent.clone();
        egui::ComboBox::from_label("Parent")
            .selected_text(parent_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut parent, None, "(none)");
                for o in &others {
                    ui.selectable_value(&mut parent, Some(o.id.clone()), &o.name);
                }
            });
        if parent != t.parent && !would_cycle(&ws.store.tags, &id, parent.as_deref()) {
            let id = id.clone();
            ws.edit(|s| {
                if let Some(t) = s.tags.iter_mut().find(|x| x.id == id) {
                    t.parent = parent.clone();
                }
            });
        }
        let mut target = view
            .merge_into
            .as_ref()
            .filter(|(from, _)| *from == id)
            .map(|(_, to)| to.clone());
        ui.horizontal(|ui| {
            egui::ComboBox::from_label("Merge into")
                .selected_text(
                    target
                        .as_ref()
                        .and_then(|x| ws.store.tag(x))
                        .map_or("…".into(), |x| x.name.clone()),
                )
                .show_ui(ui, |ui| {
                    for o in &others {
                        ui.selectable_value(&mut target, Some(o.id.clone()), &o.name);
                    }
                });
            view.merge_into = target.clone().map(|to| (id.clone(), to));
            if let Some(to) = target
                && ui.button("Merge").clicked()
            {
                let from = id.clone();
                ws.edit(|s| merge_tags(s, &from, &to));
                view.merge_into = None;
                view.codebook_edit = None;
            }
        });
        if view.confirm_delete_tag.as_deref() == Some(id.as_str()) {
            ui.label(format!(
                "Delete “{}”? {uses} highlight(s) use it; they keep their other tags.",
                t.name
            ));
            ui.horizontal(|ui| {
                if ui.button("Delete").clicked() {
                    let id = id.clone();
                    ws.edit(|s| delete_tag(s, &id));
                    view.confirm_delete_tag = None;
                    view.codebook_edit = None;
                }
                if ui.button("Keep").clicked() {
                    view.confirm_delete_tag = None;
                }
            });
        } else if ui.button("Delete tag…").clicked() {
            view.confirm_delete_tag = Some(id.clone());
        }
    });
}

fn would_cycle(tags: &[annotations::Tag], id: &str, parent: Option<&str>) -> bool {
    let mut p = parent.map(str::to_owned);
    let mut steps = 0;
    while let Some(x) = p {
        if x == id || steps > tags.len() {
            return true;
        }
        steps += 1;
        p = tags
            .iter()
            .find(|t| t.id == x)
            .and_then(|t| t.parent.clone());
    }
    false
}

/// Every use of tag `from` becomes `to`; `from` is removed.
pub fn merge_tags(s: &mut annotations::Store, from: &str, to: &str) {
    for h in s
        .articles
        .values_mut()
        .flat_map(|a| a.highlights.iter_mut())
    {
        if let Some(i) = h.tags.iter().position(|t| t == from) {
            h.tags.remove(i);
            if !h.tags.iter().any(|t| t == to) {
                h.tags.push(to.to_owned());
            }
        }
    }
    for t in &mut s.tags {
        if t.parent.as_deref() == Some(from) {
            t.parent = Some(to.to_owned());
        }
    }
    s.tags.retain(|t| t.id != from);
}

/// Remove tag `id`; highlights left with no tag are removed too.
pub fn delete_tag(s: &mut annotations::Store, id: &str) {
    let parent = s
        .tags
        .iter()
        .find(|t| t.id == id)
        .and_then(|t| t.parent.clone());
    for a in s.articles.values_mut() {
        for h in &mut a.highlights {
            h.tags.retain(|t| t != id);
        }
        a.highlights.retain(|h| !h.tags.is_empty());
    }
    for t in &mut s.tags {
        if t.parent.as_deref() == Some(id) {
            t.parent = parent.clone();
        }
    }
    s.tags.retain(|t| t.id != id);
}

fn article_notes(ui: &mut egui::Ui, ws: &mut Workspace, view: &mut View, a: usize) {
    let path = ws.corpus.articles[a].path.clone();
    ui.heading("This article");
    let mut note = ws
        .store
        .articles
        .get(&path)
        .map(|n| n.note.clone())
        .unwrap_or_default();
    let l = ui.label("Note");
    let r = ui
        .add(
            egui::TextEdit::multiline(&mut note)
                .desired_rows(2)
                .hint_text("A note on the whole report"),
        )
        .labelled_by(l.id);
    if r.changed() {
        let p = path.clone();
        ws.edit_typing(&format!("article-note-{path}"), |s| {
            s.articles.entry(p).or_default().note = note.clone()
        });
    }
    let count = ws
        .store
        .articles
        .get(&path)
        .map_or(0, |n| n.highlights.len());
    if count == 0 {
        ui.weak("No highlights.");
        return;
    }
    // Where each highlight is now: re-anchored when the data changes, not every frame.
    let key = (a, ws.version);
    if view.notes_cache.as_ref().map(|c| c.0) != Some(key) {
        let anchors: Vec<&anchor::Anchor> = ws.store.articles[&path]
            .highlights
            .iter()
            .map(|h| &h.anchor)
            .collect();
        let resolved = anchor::resolve_highlights(Some(&ws.corpus.articles[a].text), &anchors);
        view.notes_cache = Some((key, resolved));
    }
    let placed = view.notes_cache.take().map(|c| c.1).unwrap_or_default();

    // The list builds only its visible rows: an article may carry thousands.
    ui.label(format!("Highlights ({count})"));
    let mut clicked = None;
    let row = ui.spacing().interact_size.y + 4.0;
    egui::ScrollArea::vertical()
        .id_salt("article-highlights")
        .max_height(row * 10.0)
        .auto_shrink([false, true])
        .show_rows(ui, row, count, |ui, rows| {
            let highlights = &ws.store.articles[&path].highlights;
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
                    .filter_map(|t| ws.store.tag(t).map(|t| t.name.as_str()))
                    .collect();
                let label = format!(
                    "{status}“{}” · {}",
                    text::shorten(&h.anchor.quote, 44),
                    tags.join(", ")
                );
                let active = view.active_highlight.as_deref() == Some(h.id.as_str());
                let r = ui.add(
                    egui::Button::selectable(active, label).wrap_mode(egui::TextWrapMode::Truncate),
                );
                if r.clicked() {
                    clicked = Some(i);
                }
            }
        });
    if let Some(i) = clicked {
        let h = &ws.store.articles[&path].highlights[i];
        view.active_highlight = Some(h.id.clone());
        if let Some(range) = placed[i].range.clone() {
            view.mark = Some(range);
            view.scroll_to_mark = true;
        }
    }
    let active = view.active_highlight.clone().and_then(|id| {
        let highlights = &ws.store.articles[&path].highlights;
        let i = highlights.iter().position(|h| h.id == id)?;
        Some((highlights[i].clone(), placed[i].clone()))
    });
    view.notes_cache = Some((key, placed));
    if let Some((h, resolved)) = active {
        highlight_details(ui, ws, view, &path, &h, &resolved);
    } else {
        ui.weak("Choose a highlight to edit its tags and note.");
    }
}

/// Tags, note, re-attach and removal for one highlight.
fn highlight_details(
    ui: &mut egui::Ui,
    ws: &mut Workspace,
    view: &mut View,
    path: &str,
    h: &annotations::Highlight,
    resolved: &annotations::Resolved,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(format!("“{}”", text::shorten(&h.anchor.quote, 120)));
        ui.horizontal_wrapped(|ui| {
            for t in &h.tags {
                let Some(tag) = ws.store.tag(t).cloned() else {
                    continue;
                };
                let fill = colours::tag_fill(&tag.colour, ui.visuals().dark_mode);
                let label = format!("{} ×", tag.name);
                if ui
                    .add(egui::Button::new(label).small().fill(fill))
                    .on_hover_text(format!("Remove the tag “{}” from this highlight", tag.name))
                    .clicked()
                {
                    let (hid, tid, p) = (h.id.clone(), t.clone(), path.to_owned());
                    ws.edit(|s| {
                        if let Some(n) = s.articles.get_mut(&p) {
                            for h in &mut n.highlights {
                                if h.id == hid {
                                    h.tags.retain(|x| *x != tid);
                                }
                            }
                            n.highlights.retain(|h| !h.tags.is_empty());
                        }
                    });
                }
            }
        });
        let mut note = h.note.clone();
        let l = ui.label("Note");
        if ui
            .add(
                egui::TextEdit::multiline(&mut note)
                    .desired_rows(2)
                    .hint_text("Add a note"),
            )
            .labelled_by(l.id)
            .changed()
        {
            let (hid, p) = (h.id.clone(), path.to_owned());
            ws.edit_typing(&format!("highlight-note-{}", h.id), |s| {
                if let Some(h) = s
                    .articles
                    .get_mut(&p)
                    .and_then(|n| n.highlights.iter_mut().find(|x| x.id == hid))
                {
                    h.note = note.clone();
                    h.modified = jiff::Timestamp::now();
                }
            });
        }
        ui.horizontal(|ui| {
            if matches!(resolved.status, Status::Fuzzy | Status::Orphan)
                && ui.button("Re-attach to a selection…").clicked()
            {
                view.reattach = Some(h.id.clone());
            }
            if ui.button("Remove highlight").clicked() {
                let (hid, p) = (h.id.clone(), path.to_owned());
                ws.edit(|s| {
                    if let Some(n) = s.articles.get_mut(&p) {
                        n.highlights.retain(|h| h.id != hid);
                    }
                });
                view.active_highlight = None;
            }
        });
    });
}

fn review(ui: &mut egui::Ui, ws: &Workspace, view: &mut View) {
    // Re-anchored per article, and only for the articles that changed.
    let cache = view.review_cache.get_or_insert_with(ReviewCache::default);
    if cache.checked != Some(ws.version) {
        cache
            .per_article
            .retain(|path, _| ws.store.articles.contains_key(path));
        let mut dirty = false;
        for (path, notes) in &ws.store.articles {
            let version = ws.article_version(path);
            if cache.per_article.get(path).map(|c| c.0) == Some(version) {
                continue;
            }
            let text = ws
                .article_index(path)
                .map(|i| ws.corpus.articles[i].text.as_str());
            let anchors: Vec<&anchor::Anchor> =
                notes.highlights.iter().map(|h| &h.anchor).collect();
            let items = notes
                .highlights
                .iter()
                .zip(anchor::resolve_highlights(text, &anchors))
                .filter_map(|(h, resolved)| {
                    matches!(resolved.status, Status::Fuzzy | Status::Orphan).then(|| ReviewItem {
                        article: path.clone(),
                        status: resolved.status,
                        range: resolved.range,
                        quote: h.anchor.quote.clone(),
                    })
                })
                .collect();
            cache.per_article.insert(path.clone(), (version, items));
            dirty = true;
        }
        if dirty || cache.checked.is_none() {
            cache.list = cache
                .per_article
                .values()
                .flat_map(|(_, items)| items.iter().cloned())
                .collect();
            cache.list.sort_by(|a, b| a.article.cmp(&b.article));
        }
        cache.checked = Some(ws.version);
    }
    let flagged = cache.list.clone();
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
            view.open_article(a);
            view.mark = p.range.clone();
            view.scroll_to_mark = p.range.is_some();
        }
    }
}
