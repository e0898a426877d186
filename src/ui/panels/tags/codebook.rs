//! The codebook in the right panel: every tag with its colour, depth and use count (the
//! model counts them), a filter button, and, for the tag opened, its name, description,
//! parent, a merge and a delete that says what it will do.

use crate::annotations::{self, ops};
use crate::ui::commands::{Command, Nav};
use crate::ui::focus::Cx;
use crate::ui::widgets::colours;
use crate::workspace::{Edit, Workspace};

/// The codebook's own state.
#[derive(Debug, Default)]
pub struct State {
    /// Text of the "new tag" field.
    pub new_tag: String,
    /// The tag whose details are open.
    pub codebook_edit: Option<String>,
    pub confirm_delete_tag: Option<String>,
    pub merge_into: Option<(String, String)>,
}

pub fn show(ui: &mut egui::Ui, cx: &Cx, state: &mut State, out: &mut Vec<Command>) {
    let ws = cx.ws;
    ui.heading("Tags");
    if ws.store().tags.is_empty() {
        ui.weak("No tags yet: select text in the report and press T.");
    }
    let counts = ws.tag_counts();
    // Sub-tags under their parent, whatever order they were made in.
    for (t, depth) in ws.store().tag_tree() {
        let uses = counts.get(&t.id).copied().unwrap_or(0);
        tag_row(ui, cx, state, (t, depth), uses, out);
        if state.codebook_edit.as_deref() == Some(t.id.as_str()) {
            edit_tag(ui, ws, state, t, out);
        }
    }
    ui.horizontal(|ui| {
        let l = ui.label("New tag");
        // "Add" first from the right, the field in what is left: nothing is cut off in a
        // narrow panel or at a high zoom.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let add = ui.button("Add");
            let field = egui::TextEdit::singleline(&mut state.new_tag)
                .desired_width(ui.available_width().min(180.0));
            let r = ui.add(field).labelled_by(l.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let name = state.new_tag.trim().to_owned();
            if (add.clicked() || enter) && !name.is_empty() {
                out.push(Command::Edit(Edit::CreateTag(name)));
                state.new_tag.clear();
            }
        });
    });
}

fn tag_row(
    ui: &mut egui::Ui,
    cx: &Cx,
    state: &mut State,
    (t, depth): (&annotations::Tag, usize),
    uses: usize,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        colour_button(ui, t, out);
        let name = format!("{}{} ({uses})", "  ".repeat(depth), t.name);
        let editing = state.codebook_edit.as_deref() == Some(t.id.as_str());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("filter")
                .on_hover_text(format!("Show only meetings whose reports use “{}”", t.name))
                .clicked()
            {
                let mut query = cx.focus.query.clone();
                query.tags = [t.id.clone()].into();
                out.push(Command::Nav(Nav::SetQuery(Box::new(query))));
            }
            // The name right beside its swatch (cut short with … when the panel is narrow).
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                let label = egui::Button::selectable(editing, name).truncate();
                let r = ui.add(label);
                if r.on_hover_text(&t.description).clicked() {
                    state.codebook_edit = if editing { None } else { Some(t.id.clone()) };
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
    state: &mut State,
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
        merge_choice(ui, ws, state, t, out);
        delete_choice(ui, state, t, ops::delete_tag_effect(ws.store(), &t.id), out);
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
    state: &mut State,
    t: &annotations::Tag,
    out: &mut Vec<Command>,
) {
    let id = &t.id;
    let mut target = state
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
        state.merge_into = target.clone().map(|to| (id.clone(), to));
        if let Some(into) = target
            && ui.button("Merge").clicked()
        {
            out.push(Command::Edit(Edit::MergeTags {
                from: id.clone(),
                into,
            }));
            state.merge_into = None;
            state.codebook_edit = None;
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
    state: &mut State,
    t: &annotations::Tag,
    effect: (usize, usize),
    out: &mut Vec<Command>,
) {
    if state.confirm_delete_tag.as_deref() != Some(t.id.as_str()) {
        if ui.button("Delete tag…").clicked() {
            state.confirm_delete_tag = Some(t.id.clone());
        }
        return;
    }
    ui.label(delete_prompt(&t.name, effect));
    ui.horizontal(|ui| {
        if ui.button("Delete").clicked() {
            out.push(Command::Edit(Edit::DeleteTag(t.id.clone())));
            state.confirm_delete_tag = None;
            state.codebook_edit = None;
        }
        if ui.button("Keep").clicked() {
            state.confirm_delete_tag = None;
        }
    });
}
