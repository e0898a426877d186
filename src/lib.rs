//! dossier: read folders of news reports on leaders' meetings, browse them as a timeline,
//! highlight and tag passages, keep everything in a plain RON sidecar, export notes.
//!
//! Domain modules (`corpus`, `dates`, `gazetteer`, `meetings`, `text`) never touch the UI; `ui` reads them and
//! `cli` offers the same model without a window.

pub mod annotations;
pub mod calendar;
pub mod cli;
pub mod corpus;
pub mod dates;
pub mod export;
pub mod filter;
pub mod find;
pub mod fsio;
pub mod gazetteer;
pub mod meetings;
pub mod synthetic;
pub mod terms;
pub mod text;
pub mod ui;
pub mod workspace;
