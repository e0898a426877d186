//! `dossier articles FOLDER`: one row per article with its metadata.

use super::output::{self, Row};
use super::{Fatal, Format};
use crate::corpus::Article;
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

#[derive(Serialize)]
struct ArticleRow<'a> {
    file: &'a str,
    title: &'a str,
    title_derived: bool,
    published: Option<String>,
    source: Option<&'a str>,
    place: Option<&'a str>,
}

impl<'a> ArticleRow<'a> {
    fn new(a: &'a Article) -> Self {
        ArticleRow {
            file: &a.path,
            title: &a.meta.title,
            title_derived: a.meta.title_derived,
            published: a.meta.published.map(|d| d.to_string()),
            source: a.meta.source.as_deref(),
            place: a.meta.place.as_deref(),
        }
    }
}

impl Row for ArticleRow<'_> {
    const HEADER: &'static [&'static str] = &["file", "title", "published", "source", "place"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.file.to_owned(),
            self.title.to_owned(),
            self.published.clone().unwrap_or_default(),
            self.source.unwrap_or_default().to_owned(),
            self.place.unwrap_or_default().to_owned(),
        ]
    }
}

pub fn run(folder: &Path, format: Format) -> Result<ExitCode, Fatal> {
    let (corpus, _) = super::load_corrected(folder)?;
    for p in &corpus.problems {
        eprintln!("dossier: {}: {}", folder.join(&p.path).display(), p.problem);
    }
    let rows: Vec<ArticleRow> = corpus.articles.iter().map(ArticleRow::new).collect();
    output::print(&rows, format)?;
    Ok(ExitCode::SUCCESS)
}
