//! What the window shows, each drawn from a read-only [`super::focus::Cx`] and its own
//! state, sending [`super::commands::Command`]s for anything that changes: the timeline
//! and reports lists (left), the reader (centre), the right panel, and the dialogs.

pub mod agreement;
pub mod conflicts_dialog;
pub mod corrections;
pub mod export_dialog;
pub mod gazetteer_form;
pub mod reader;
pub mod reader_text;
pub mod reports;
pub mod tags;
pub mod themes;
pub mod timeline;
