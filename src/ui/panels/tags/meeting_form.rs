//! The meeting form in the right panel: correcting a meeting found in a report, or
//! adding one the extractor missed; saving sends the edit, "Restore as found" undoes a
//! correction.

use crate::annotations::ops::{self, MeetingForm};
use crate::meetings::Kind;
use crate::ui::commands::Command;
use crate::ui::focus::Cx;
use crate::workspace::{Edit, Origin, Workspace};
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

/// The form, while open.
#[derive(Debug, Default)]
pub struct State {
    pub meeting: Option<MeetingEdit>,
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
}

pub fn show(ui: &mut egui::Ui, cx: &Cx, state: &mut State, out: &mut Vec<Command>) {
    let ws = cx.ws;
    let Some(edit) = &mut state.meeting else {
        return;
    };
    let a = edit.article;
    if a >= ws.corpus().articles.len() {
        state.meeting = None;
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
        state.meeting = None;
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
