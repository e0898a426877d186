//! `dossier analyse FOLDER matrix|trends|cooccurrence [--by country|leader|kind|year]
//! [--count passages|reports] [--period month|quarter|year] [--format tsv|json]`: the
//! theme tables of [`crate::analysis::tables`] over every report. Never writes.

use super::{Fatal, Format};
use crate::analysis::passages::{Passage, passages_for};
use crate::analysis::sheets::{self, Sheet};
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
    let rows = match req.table {
        Table::Matrix => matrix(&ws, &all, &req),
        Table::Trends => trends(&ws, &all, req.period),
        Table::Cooccurrence => sheets::cooccurrence(&tables::cooccurrence(ws.store(), &all)),
    };
    print!("{}", super::output::table(&rows, req.format)?);
    Ok(ExitCode::SUCCESS)
}

fn matrix(ws: &Workspace, all: &[Passage], req: &Request) -> Sheet {
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
    sheets::matrix(&tables::matrix(ws.store(), all, by, count))
}

fn trends(ws: &Workspace, all: &[Passage], period: PeriodArg) -> Sheet {
    let period = match period {
        PeriodArg::Month => Period::Month,
        PeriodArg::Quarter => Period::Quarter,
        PeriodArg::Year => Period::Year,
    };
    let articles = &ws.corpus().articles;
    let dates: Vec<_> = articles.iter().map(|a| a.meta.published).collect();
    sheets::trends(&tables::trends(ws.store(), all, &dates, period))
}
