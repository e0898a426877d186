//! The theme tables as rows of text, a header row first: what `dossier analyse` prints
//! (TSV or JSON) and what the themes window saves as CSV, so both give the same table.

use super::passages::Passage;
use super::tables::{Matrix, Together, Trends};
use crate::workspace::Workspace;

/// A table: its header row, then one row per record.
pub type Sheet = Vec<Vec<String>>;

/// The matrix: the tag path, then one column per value.
pub fn matrix(m: &Matrix) -> Sheet {
    let header = std::iter::once("tag".to_owned()).chain(m.columns.iter().cloned());
    let mut rows = vec![header.collect()];
    for ((_, path, _), cells) in m.rows.iter().zip(&m.cells) {
        let counts = cells.iter().map(usize::to_string);
        rows.push(std::iter::once(path.clone()).chain(counts).collect());
    }
    rows
}

/// Themes over time: the period, the reports in it, then one column per tag.
pub fn trends(t: &Trends) -> Sheet {
    let header = ["period".to_owned(), "reports".to_owned()].into_iter();
    let mut rows = vec![
        header
            .chain(t.tags.iter().map(|(_, p)| p.clone()))
            .collect(),
    ];
    for (label, reports, counts) in &t.periods {
        let first = [label.clone(), reports.to_string()].into_iter();
        rows.push(first.chain(counts.iter().map(usize::to_string)).collect());
    }
    rows
}

/// Tags that occur together.
pub fn cooccurrence(together: &[Together]) -> Sheet {
    let header = ["tag_a", "tag_b", "overlapping", "same_report"];
    let mut rows = vec![header.map(String::from).to_vec()];
    for t in together {
        rows.push(vec![
            t.a.clone(),
            t.b.clone(),
            t.overlapping.to_string(),
            t.same_report.to_string(),
        ]);
    }
    rows
}

/// The passages, one row per passage and tag, the tags in tree order.
pub fn passages(ws: &Workspace, passages: &[Passage]) -> Sheet {
    let header = ["tag", "quote", "report", "title", "date", "meetings"];
    let mut rows = vec![header.map(String::from).to_vec()];
    let store = ws.store();
    for (t, _) in store.tag_tree() {
        let path = store.tag_path(&t.id).unwrap_or_else(|| t.name.clone());
        for p in passages.iter().filter(|p| p.has_tag(store, &t.id)) {
            let article = &ws.corpus().articles[p.article];
            let meetings: Vec<String> = p.meetings().map(crate::meetings::describe::line).collect();
            rows.push(vec![
                path.clone(),
                p.quote(ws).to_owned(),
                article.path.clone(),
                article.meta.title.clone(),
                p.date.map(|d| d.to_string()).unwrap_or_default(),
                meetings.join("; "),
            ]);
        }
    }
    rows
}
