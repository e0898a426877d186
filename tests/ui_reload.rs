//! Reports changed on disk while the app is open, put in place over frames as the window
//! does it: the timeline and the reports list show the new reports and not the gone
//! ones, the reader stays on its report, and the lists are right at every frame between.

mod common;

use common::{harness, sample_copy};
use egui_kittest::kittest::Queryable;
use std::fs;

type H = egui_kittest::Harness<'static, dossier::ui::app::DossierApp>;

/// The report open in the reader.
fn open_path(h: &H) -> Option<String> {
    let app = h.state();
    let ws = app.workspace.as_ref()?;
    Some(
        ws.corpus()
            .articles
            .get(app.view.focus.article?)?
            .path
            .clone(),
    )
}

#[test]
fn reports_added_and_removed_on_disk_come_in_over_frames() {
    let dir = sample_copy();
    let mut h = harness(dir.path());
    let reading = open_path(&h).expect("a report is open");
    let (gone, count) = {
        let ws = h.state().workspace.as_ref().expect("open");
        // The last two in path order, so the lists shrink under their old indices.
        let gone: Vec<String> = (ws.corpus().articles.iter().rev())
            .map(|a| a.path.clone())
            .filter(|p| *p != reading)
            .take(2)
            .collect();
        (gone, ws.corpus().articles.len())
    };
    let added = dir.path().join("0000_added.txt");
    fs::write(&added, "Putin meets Tokayev\n\nMOSCOW, March 3 (TASS) -- Russian President Vladimir Putin held talks with Kazakh President Kassym-Jomart Tokayev in the Kremlin on Monday.\n").expect("added");
    let mut paths = vec![added];
    for g in &gone {
        fs::remove_file(dir.path().join(g)).expect("removed");
        paths.push(dir.path().join(g));
    }
    let reloaded = {
        let ws = h.state().workspace.as_ref().expect("open");
        ws.reload_job(&paths).run()
    };
    h.state_mut().put_in_place(reloaded);
    let mut frames = 0;
    while h.state().is_catching_up() {
        h.step();
        frames += 1;
        assert!(frames < 100, "caught up");
        // At every frame, each report the lists name is one the corpus holds.
        let app = h.state();
        let ws = app.workspace.as_ref().expect("open");
        let n = ws.corpus().articles.len();
        assert!(app.view.shown.report_order().iter().all(|&a| a < n));
    }
    h.run();
    assert_eq!(open_path(&h).as_deref(), Some(reading.as_str()));
    let app = h.state();
    let ws = app.workspace.as_ref().expect("open");
    let listed: Vec<&str> = (app.view.shown.report_order().iter())
        .map(|&a| ws.corpus().articles[a].path.as_str())
        .collect();
    assert_eq!(listed.len(), count - 1);
    assert!(listed.contains(&"0000_added.txt"));
    assert!(gone.iter().all(|g| !listed.contains(&g.as_str())));
    let _ = app;
    assert!(
        h.query_by_label_contains("Vladimir Putin – Kassym-Jomart Tokayev")
            .is_some(),
        "the new report's meeting is in the timeline"
    );
}
