//! Pieces the panels and the shell draw with, knowing nothing of either: tag colours,
//! the panels' widths, a two-line list row, the file dialog and worker threads.

pub mod colours;
pub mod file_dialog;
pub mod rows;
pub mod sizes;
pub mod worker;
