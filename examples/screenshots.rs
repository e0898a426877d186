//! Pictures of the app in its main states, for looking at the UI as a person would:
//! `xvfb-run cargo run --example screenshots -- FOLDER OUT_DIR`. Each state is one run of
//! the real window with `--screenshot`. Annotations made here go to FOLDER's sidecar, so
//! point it at a copy.

use dossier::annotations::ops::TagChoice;
use dossier::ui::app::DossierApp;
use dossier::ui::commands::Command;
use dossier::workspace::Edit;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(folder), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: screenshots FOLDER OUT_DIR");
        std::process::exit(2);
    };
    let folder = PathBuf::from(folder);
    let out = PathBuf::from(out);
    type Setup = fn(&mut DossierApp);
    let states: [(&str, Setup); 5] = [
        ("timeline", |_| {}),
        ("filter", |app| {
            app.finish_loading();
            app.view.focus.query.text = "Tokayev".into();
        }),
        ("highlights", |app| {
            app.finish_loading();
            tag(
                app,
                "permanent comprehensive strategic partners",
                "partnership",
            );
            tag(app, "green energy, artificial intelligence", "technology");
            tag(app, "comprehensive strategic partners", "diplomacy");
        }),
        ("tag-popup", |app| {
            app.finish_loading();
            tag(app, "green energy", "energy");
            select(app, "digital Silk Road");
            app.view.reader.tag_popup = Some("en".into());
        }),
        ("correction", |app| {
            app.finish_loading();
            if let Some(ws) = &app.workspace {
                let a = ws
                    .corpus()
                    .articles
                    .iter()
                    .position(|a| a.path.starts_with("003"));
                if let Some(a) = a {
                    app.view.open_article(a);
                    app.view.tags.correct(ws, a, 0);
                }
            }
        }),
    ];
    for (name, setup) in states {
        let path = out.join(format!("{name}.png"));
        if let Err(e) = dossier::ui::run_with(Some(folder.clone()), Some(path.clone()), setup) {
            eprintln!("{name}: {e}");
            std::process::exit(1);
        }
        println!("{}", path.display());
    }
}

fn select(app: &mut DossierApp, quote: &str) {
    let Some(ws) = &app.workspace else { return };
    let Some(a) = app.view.focus.article else {
        return;
    };
    let text = &ws.corpus().articles[a].text;
    if let Some(b) = text.find(quote) {
        let s = text[..b].chars().count();
        app.view.reader.text.selection = Some(s..s + quote.chars().count());
    }
}

fn tag(app: &mut DossierApp, quote: &str, tag: &str) {
    select(app, quote);
    let (Some(ws), Some(a), Some(range)) = (
        app.workspace.as_ref(),
        app.view.focus.article,
        app.view.reader.text.selection.clone(),
    ) else {
        return;
    };
    let tag = match ws.store().tag_by_name(tag) {
        Some(t) => TagChoice::Existing(t.id.clone()),
        None => TagChoice::New(tag.to_owned()),
    };
    let article = ws.corpus().articles[a].path.clone();
    app.apply(Command::Edit(Edit::ApplyTag {
        article,
        range,
        tag,
    }));
}
