//! `dossier gazetteer`: who held which office when, as dossier knows it (columns: person
//! country office from to acting source), filtered by day, country and office.

use super::output::{self, Row};
use super::{Fatal, Format};
use crate::gazetteer::Gazetteer;
use crate::terms::{Office, Term};
use clap::ValueEnum;
use jiff::civil::Date;
use serde::Serialize;
use std::process::ExitCode;

/// The offices `--office` can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OfficeArg {
    HeadOfState,
    HeadOfGovernment,
    ForeignMinister,
    Leader,
    HeadOfOrganisation,
}

impl From<OfficeArg> for Office {
    fn from(o: OfficeArg) -> Office {
        match o {
            OfficeArg::HeadOfState => Office::HeadOfState,
            OfficeArg::HeadOfGovernment => Office::HeadOfGovernment,
            OfficeArg::ForeignMinister => Office::ForeignMinister,
            OfficeArg::Leader => Office::Leader,
            OfficeArg::HeadOfOrganisation => Office::HeadOfOrganisation,
        }
    }
}

/// What `dossier gazetteer` was asked for.
#[derive(Debug, clap::Args)]
pub struct Request {
    /// A corpus folder whose `gazetteer.ron` adds terms of its own (listed first).
    pub folder: Option<std::path::PathBuf>,
    /// Only the terms in force on this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// Only this country or organisation (as the gazetteer names it, or an alias).
    #[arg(long, value_name = "NAME")]
    pub country: Option<String>,
    #[arg(long, value_enum)]
    pub office: Option<OfficeArg>,
    #[arg(long, value_enum, default_value_t = Format::Tsv)]
    pub format: Format,
}

#[derive(Serialize)]
struct TermRow<'a> {
    person: &'a str,
    country: &'a str,
    office: &'a str,
    from: String,
    to: Option<String>,
    acting: bool,
    source: &'a str,
}

impl Row for TermRow<'_> {
    const HEADER: &'static [&'static str] = &[
        "person", "country", "office", "from", "to", "acting", "source",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.person.to_owned(),
            self.country.to_owned(),
            self.office.to_owned(),
            self.from.clone(),
            self.to.clone().unwrap_or_default(),
            if self.acting { "acting" } else { "" }.to_owned(),
            self.source.to_owned(),
        ]
    }
}

impl<'a> From<&'a Term> for TermRow<'a> {
    fn from(t: &'a Term) -> Self {
        TermRow {
            person: &t.person,
            country: &t.country,
            office: t.office.as_str(),
            from: t.from.to_string(),
            to: t.to.map(|d| d.to_string()),
            acting: t.acting,
            source: &t.source,
        }
    }
}

pub fn run(request: Request) -> Result<ExitCode, Fatal> {
    let on: Option<Date> = match &request.on {
        Some(s) => Some(
            s.parse()
                .map_err(|e| Fatal(format!("--on {s:?} is not a date (YYYY-MM-DD): {e}")))?,
        ),
        None => None,
    };
    let country = match &request.country {
        Some(name) => Some(country_named(name)?),
        None => None,
    };
    let office = request.office.map(Office::from);
    let own = match &request.folder {
        Some(folder) => Gazetteer::for_folder(folder).map_err(Fatal)?,
        None => None,
    };
    let gaz = own.as_ref().unwrap_or(Gazetteer::builtin());
    let rows: Vec<TermRow> = gaz
        .terms()
        .filter(|t| on.is_none_or(|d| t.covers(d)))
        .filter(|t| country.as_ref().is_none_or(|c| &t.country == c))
        .filter(|t| office.is_none_or(|o| t.office == o))
        .map(TermRow::from)
        .collect();
    output::print(&rows, request.format)?;
    Ok(ExitCode::SUCCESS)
}

/// The gazetteer's name for `name` ("Kazakhstan", "UN" → "United Nations").
fn country_named(name: &str) -> Result<String, Fatal> {
    use crate::gazetteer::Entity;
    let gaz = Gazetteer::builtin();
    let demonym = || {
        gaz.scan(name).into_iter().find_map(|f| match f.entity {
            Entity::Demonym(id) if f.range == (0..name.len()) => Some(id),
            _ => None,
        })
    };
    gaz.country_named(name)
        .or_else(demonym)
        .map(|c| gaz.country_name(c).to_string())
        .ok_or_else(|| {
            Fatal(format!(
                "--country {name:?}: no such country or organisation in the gazetteer"
            ))
        })
}
