//! `dossier analyse FOLDER matrix|trends|cooccurrence [--by country|leader|kind|year]
//! [--count passages|reports] [--period month|quarter|year] [--format tsv|json]`: the
//! theme tables of [`crate::analysis::tables`] over every report. Never writes.

use super::{Fatal, Format};
use crate::analysis::passages::passages_for;
use crate::analysis::tables::{self, By, Count, Period};
use crate::filter::Query;
use crate::workspace::{SaveState, Workspace};
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Table {
    /// Tags × counterpart country (or leader, kind, year): passages coded.
    Matrix,
    /// Passages per tag per period, with the reports of each period for scale.
    Trends,
    /// Tags that occur together: on overlapping passages and in the same report.
    Cooccurrence,
}

#[derive(Debug, clap::Args)]
pub struct Request {
    pub folder: PathBuf,
    #[arg(value_enum)]
    pub table: Table,
    /// The matrix's columns.
    #[arg(long, value_enum, default_value = "country")]
    pub by: ByArg,
    /// What a matrix cell counts.
    #[arg(long, value_enum, default_value = "passages")]
    pub count: CountArg,
    /// The trends' periods.
    #[arg(long, value_enum, default_value = "year")]
    pub period: PeriodArg,
    #[arg(long, value_enum, default_value_t = Format::Tsv)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    Country,
    Leader,
    Kind,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountArg {
    Passages,
    Reports,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    Month,
    Quarter,
    Year,
}

pub fn run(req: Request) -> Result<ExitCode, Fatal> {
    let ws = Workspace::open(&req.folder)?;
    if let SaveState::ReadOnly(e) = ws.save_state() {
        return Err(Fatal(e.clone()));
    }
    let all = passages_for(&ws, &Query::default());
    let rows: Vec<Vec<String>> = match req.table {
        Table::Matrix => matrix(&ws, &all, &req),
        Table::Trends => trends(&ws, &all, req.period),
        Table::Cooccurrence => cooccurrence(&ws, &all),
    };
    print!("{}", super::output::table(&rows, req.format)?);
    Ok(ExitCode::SUCCESS)
}

fn matrix(
    ws: &Workspace,
    all: &[crate::analysis::passages::Passage],
    req: &Request,
) -> Vec<Vec<String>> {
    let by = match req.by {
        ByArg::Country => By::Country,
        ByArg::Leader => By::Leader,
        ByArg::Kind => By::Kind,
        ByArg::Year => By::Year,
    };
    let count = match req.count {
        CountArg::Passages => Count::Passages,
        CountArg::Reports => Count::Reports,
    };
    let m = tables::matrix(ws.store(), all, by, count);
    let mut rows = vec![
        std::iter::once("tag".to_owned())
            .chain(m.columns.clone())
            .collect(),
    ];
    for ((_, path, _), cells) in m.rows.iter().zip(&m.cells) {
        rows.push(
            std::iter::once(path.clone())
                .chain(cells.iter().map(usize::to_string))
                .collect(),
        );
    }
    rows
}

fn trends(
    ws: &Workspace,
    all: &[crate::analysis::passages::Passage],
    period: PeriodArg,
) -> Vec<Vec<String>> {
    let period = match period {
        PeriodArg::Month => Period::Month,
        PeriodArg::Quarter => Period::Quarter,
        PeriodArg::Year => Period::Year,
    };
    let dates: Vec<_> = ws
        .corpus()
        .articles
        .iter()
        .map(|a| a.meta.published)
        .collect();
    let t = tables::trends(ws.store(), all, &dates, period);
    let header = ["period".to_owned(), "reports".to_owned()].into_iter();
    let mut rows = vec![
        header
            .chain(t.tags.iter().map(|(_, p)| p.clone()))
            .collect(),
    ];
    for (label, reports, counts) in &t.periods {
        let cells = counts.iter().map(usize::to_string);
        rows.push(
            [label.clone(), reports.to_string()]
                .into_iter()
                .chain(cells)
                .collect(),
        );
    }
    rows
}

fn cooccurrence(ws: &Workspace, all: &[crate::analysis::passages::Passage]) -> Vec<Vec<String>> {
    let mut rows = vec![
        ["tag_a", "tag_b", "overlapping", "same_report"]
            .map(String::from)
            .to_vec(),
    ];
    for t in tables::cooccurrence(ws.store(), all) {
        rows.push(vec![
            t.a,
            t.b,
            t.overlapping.to_string(),
            t.same_report.to_string(),
        ]);
    }
    rows
}
