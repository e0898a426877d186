//! dossier: read folders of news reports on leaders' meetings, browse them as a timeline,
//! highlight and tag passages, keep everything in a plain RON sidecar, export notes.
//!
//! The model lives in the `dossier-core` crate (re-exported here, so `dossier::corpus`,
//! `dossier::workspace`… are its modules), which the build keeps free of egui; this crate
//! adds the window (`ui`) and the command line (`cli`).

pub use dossier_core::*;

pub mod cli;
pub mod memory;
pub mod ui;
