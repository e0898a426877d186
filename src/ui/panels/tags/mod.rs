//! The right panel: the meeting form (when open), the codebook, this report's note and
//! highlights, and the highlights that need review. Each part is a module of its own.

pub mod codebook;
pub mod highlights;
pub mod meeting_form;
pub mod review;

use crate::ui::commands::Command;
use crate::ui::focus::Cx;
use crate::workspace::Workspace;
use std::ops::Range;

pub use codebook::delete_prompt;
pub use meeting_form::{MeetingEdit, Target};

/// The panel's own state: the meeting form's and the codebook's.
#[derive(Debug, Default)]
pub struct State {
    pub form: meeting_form::State,
    pub codebook: codebook::State,
}

impl State {
    /// Open the meeting form on meeting `i` of article `a`.
    pub fn correct(&mut self, ws: &Workspace, a: usize, i: usize) {
        self.form.correct(ws, a, i);
    }

    /// Open the meeting form on a new meeting of article `a`.
    pub fn add_meeting(&mut self, a: usize, evidence: Option<Range<usize>>) {
        self.form.add_meeting(a, evidence);
    }

    /// The meeting form belonged to the report being left.
    pub fn leave_article(&mut self) {
        self.form.meeting = None;
    }
}

pub fn show(ui: &mut egui::Ui, cx: &Cx, state: &mut State, out: &mut Vec<Command>) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if state.form.meeting.is_some() {
                meeting_form::show(ui, cx, &mut state.form, out);
                ui.separator();
            }
            codebook::show(ui, cx, &mut state.codebook, out);
            ui.separator();
            if let Some(a) = cx.focus.article {
                highlights::show(ui, cx, a, out);
                ui.separator();
            }
            review::show(ui, cx, out);
        });
}
