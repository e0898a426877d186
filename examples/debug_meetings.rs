//! Print, for each sentence of a report, the people found and the trigger: a tool for
//! working on the extractor. `cargo run --example debug_meetings -- FILE`
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
    print!(
        "{}",
        dossier::meetings::explain(&article, Gazetteer::builtin())
    );
}
