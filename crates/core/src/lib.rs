//! dossier's model, without a window: the corpus and how it is read (`corpus`, `text`,
//! `fsio`), what dossier knows (`gazetteer`, `terms`, `calendar`, `dates`), the meetings
//! engine (`meetings`), the analyst's annotations (`annotations`), the open folder
//! (`workspace`), queries (`filter`), exports (`export`) and analysis of the coding
//! (`analysis`). The app and the command line (the `dossier` crate) read it; the build
//! keeps egui out of it.

pub mod analysis;
pub mod annotations;
pub mod calendar;
pub mod corpus;
pub mod dates;
pub mod export;
pub mod filter;
pub mod free;
pub mod fsio;
pub mod gazetteer;
pub mod meetings;
#[cfg(feature = "synthetic")]
pub mod synthetic;
pub mod terms;
pub mod text;
pub mod workspace;
