//! Print, for each sentence of a report, the people found and the trigger: a tool for
//! working on the extractor. `cargo run --example debug_meetings -- FILE` (with the
//! analyst's `gazetteer.ron` of FILE's folder, if any).
use dossier::corpus::Article;
use dossier::gazetteer::Gazetteer;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: debug_meetings FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let article = match Article::from_bytes(&path, &bytes) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    // The analyst's gazetteer.ron beside the report, when there is one.
    let folder = std::path::Path::new(&path)
        .parent()
        .unwrap_or(std::path::Path::new("."));
    let own = Gazetteer::for_folder(folder).unwrap_or_else(|problem| {
        eprintln!("{problem} (the built-in gazetteer is used)");
        None
    });
    let gaz = own.as_ref().unwrap_or(Gazetteer::builtin());
    print!("{}", dossier::meetings::explain(&article, gaz));
}
