//! `dossier agree FOLDER --with OTHER.ron [--format tsv]`: how the folder's annotations and
//! a second analyst's sidecar agree, per tag (percentage agreement, Cohen's kappa) and over
//! the whole codebook (percentage agreement, Krippendorff's alpha), on sentences; see
//! [`crate::analysis::agree`]. Never writes.

use super::{Fatal, Format};
use crate::analysis::agree::{self, Agreement};
use crate::annotations::sidecar;
use crate::workspace::{SaveState, Workspace};
use std::path::Path;
use std::process::ExitCode;

pub fn run(folder: &Path, other: &Path, format: Format) -> Result<ExitCode, Fatal> {
    let ws = Workspace::open(folder)?;
    if let SaveState::ReadOnly(e) = ws.save_state() {
        return Err(Fatal(e.clone()));
    }
    let bytes = sidecar::read_bytes(other)?
        .ok_or_else(|| Fatal(format!("{}: no such file", other.display())))?;
    let theirs = sidecar::parse(other, &bytes)?;
    let result = agree::agree(ws.corpus(), ws.store(), &theirs);
    let out = match format {
        Format::Tsv => tsv(&result),
        Format::Json => json(&result)?,
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// One line per tag, then an overall line, each statistic named.
fn tsv(r: &Agreement) -> String {
    let mut out = String::from("tag\tagreement\tkappa\talpha\tours\ttheirs\tboth\n");
    for t in &r.tags {
        out.push_str(&format!(
            "{}\t{}\t{}\t\t{}\t{}\t{}\n",
            t.tag,
            agree::shown_percent(t.agreement),
            agree::shown(t.kappa),
            t.ours,
            t.theirs,
            t.both
        ));
    }
    let sum = |f: fn(&agree::TagAgreement) -> usize| r.tags.iter().map(f).sum::<usize>();
    out.push_str(&format!(
        "(overall)\t{}\t\t{}\t{}\t{}\t{}\n",
        agree::shown_percent(r.agreement),
        agree::shown(r.alpha),
        sum(|t| t.ours),
        sum(|t| t.theirs),
        sum(|t| t.both)
    ));
    out
}

fn json(r: &Agreement) -> Result<String, Fatal> {
    let tags: Vec<_> = r
        .tags
        .iter()
        .map(|t| {
            serde_json::json!({
                "tag": t.tag, "agreement": t.agreement, "kappa": t.kappa,
                "ours": t.ours, "theirs": t.theirs, "both": t.both,
            })
        })
        .collect();
    let disagreements: Vec<_> = r
        .disagreements
        .iter()
        .map(|d| {
            serde_json::json!({
                "article": d.article, "start": d.sentence.start, "end": d.sentence.end,
                "tag": d.tag, "coded_by": if d.coded_by_ours { "ours" } else { "theirs" },
            })
        })
        .collect();
    let value = serde_json::json!({
        "sentences": r.sentences, "agreement": r.agreement, "alpha": r.alpha,
        "tags": tags, "disagreements": disagreements,
    });
    let mut text = serde_json::to_string_pretty(&value).map_err(|e| Fatal(e.to_string()))?;
    text.push('\n');
    Ok(text)
}
