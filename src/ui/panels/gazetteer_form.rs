//! "Add to gazetteer…": a name selected in the reader, with its country and, when known,
//! the office held and its dates, added to the corpus's `gazetteer.ron` (the analyst's
//! gazetteer); every report is then read again with it.

use crate::gazetteer::NewPerson;
use crate::terms::Office;
use crate::ui::commands::{AppCommand, Command};
use crate::workspace::Workspace;

/// The form's fields, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Form {
    pub name: String,
    pub country: String,
    pub office: Option<Office>,
    pub from: String,
    pub to: String,
}

impl Form {
    pub fn new(name: &str) -> Form {
        Form {
            name: name.trim().to_owned(),
            ..Form::default()
        }
    }

    /// The person to add, or why the fields do not say one yet.
    fn person(&self, ws: &Workspace) -> Result<NewPerson, String> {
        let gaz = ws.gazetteer();
        if self.name.split_whitespace().count() < 2 {
            return Err("Give the full name (given and family name).".into());
        }
        if self.country.trim().is_empty() {
            return Err("Give the country (or the organisation, such as UN or NATO).".into());
        }
        let country = gaz
            .country_named(self.country.trim())
            .map(|c| gaz.country_name(c).to_string())
            .ok_or_else(|| {
                format!(
                    "No country or organisation called “{}”.",
                    self.country.trim()
                )
            })?;
        let date = |s: &str, what: &str| -> Result<Option<jiff::civil::Date>, String> {
            let s = s.trim();
            (!s.is_empty())
                .then(|| {
                    s.parse()
                        .map_err(|_| format!("{what}: write the date as YYYY-MM-DD."))
                })
                .transpose()
        };
        let (from, to) = (date(&self.from, "From")?, date(&self.to, "To")?);
        if self.office.is_some() && from.is_none() {
            return Err("An office needs the day it began (From).".into());
        }
        Ok(NewPerson {
            name: self.name.trim().to_owned(),
            country,
            office: self.office,
            from,
            to,
        })
    }
}

const OFFICES: [(Option<Office>, &str); 5] = [
    (None, "no office"),
    (Some(Office::HeadOfState), "head of state"),
    (Some(Office::HeadOfGovernment), "head of government"),
    (Some(Office::ForeignMinister), "foreign minister"),
    (Some(Office::HeadOfOrganisation), "head of an organisation"),
];

/// The form's window while it is open; `Add person` sends the command.
pub fn show(ctx: &egui::Context, ws: &Workspace, form: &mut Option<Form>, out: &mut Vec<Command>) {
    let Some(f) = form.as_mut() else { return };
    let mut open = true;
    let mut done = false;
    egui::Window::new("Add to gazetteer")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("dossier-gazetteer-form")
                .num_columns(2)
                .show(ui, |ui| {
                    let label = ui.label("Name");
                    ui.text_edit_singleline(&mut f.name).labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Country");
                    ui.add(egui::TextEdit::singleline(&mut f.country).hint_text("Ghana, UN…"))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Office");
                    let shown = OFFICES
                        .iter()
                        .find(|(o, _)| *o == f.office)
                        .map_or("", |(_, n)| n);
                    egui::ComboBox::from_id_salt("dossier-gazetteer-office")
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            for (office, name) in OFFICES {
                                ui.selectable_value(&mut f.office, office, name);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("From");
                    ui.add(egui::TextEdit::singleline(&mut f.from).hint_text("YYYY-MM-DD"))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("To");
                    ui.add(egui::TextEdit::singleline(&mut f.to).hint_text("YYYY-MM-DD, or empty"))
                        .labelled_by(label.id);
                    ui.end_row();
                });
            let person = f.person(ws);
            if let Err(why) = &person {
                ui.weak(why);
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(person.is_ok(), egui::Button::new("Add person"))
                    .clicked()
                    && let Ok(p) = person
                {
                    out.push(Command::App(AppCommand::AddToGazetteer(p)));
                    done = true;
                }
                if ui.button("Cancel").clicked() {
                    done = true;
                }
            });
            ui.weak(format!(
                "Written to {} beside the reports; every report is read again.",
                crate::gazetteer::ANALYST_FILE
            ));
        });
    if done || !open {
        *form = None;
    }
}
