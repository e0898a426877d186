//! "Add to gazetteer…" in the reader: a name the gazetteer lacks, selected and added with
//! its country, makes the meeting it was missing from appear, and is written to the
//! corpus's `gazetteer.ron`.

mod common;
use common::harness;

use egui_kittest::kittest::Queryable;

#[test]
fn a_name_added_from_the_reader_makes_its_meeting_appear() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = "Updated: 2025-03-03\n\nABUJA -- Nigerian President Bola Tinubu met Kwabena Asante-Darko in Abuja on Monday to discuss the cocoa trade and the ECOWAS summit.\n";
    std::fs::write(dir.path().join("visit.txt"), text).expect("written");
    let mut h = harness(dir.path());
    h.state_mut().view.focus.article = Some(0);
    h.run();
    assert!(h.state().workspace.as_ref().expect("open").meetings()[0].is_empty());

    // Select the name as a drag would.
    let name = "Kwabena Asante-Darko";
    let at = text.find(name).expect("in the text");
    common::select(&mut h, at..at + name.len());

    h.get_by_label("Add to gazetteer…").click();
    h.run();
    let form = h
        .state()
        .view
        .reader
        .gazetteer_form
        .clone()
        .expect("the form is open");
    assert_eq!(form.name, name);
    h.state_mut()
        .view
        .reader
        .gazetteer_form
        .as_mut()
        .expect("open")
        .country = "Ghana".into();
    h.run();
    h.get_by_label("Add person").click();
    h.run();

    let app = h.state();
    let ws = app.workspace.as_ref().expect("open");
    let met: Vec<String> = ws.meetings()[0]
        .iter()
        .flat_map(|m| {
            std::iter::once(m.leader.name.to_string())
                .chain(m.counterparts.iter().map(|c| c.name.to_string()))
        })
        .collect();
    assert!(met.contains(&name.to_owned()), "{met:?}");
    let written = std::fs::read_to_string(dir.path().join("gazetteer.ron")).expect("written");
    assert!(
        written.contains(name) && written.contains("Ghana"),
        "{written}"
    );
    assert!(
        app.status
            .as_deref()
            .is_some_and(|s| s.contains("Added Kwabena Asante-Darko")),
        "{:?}",
        app.status
    );
}
