//! Analysis of the analyst's coding, related to the meetings: the coded passages and the
//! meetings each is about ([`passages`]), themes by counterpart, leader, kind or year,
//! over time, and together ([`tables`]), those tables as rows of text ([`sheets`]) and the
//! chart as a drawing ([`svg`]), and how two analysts' codings agree ([`agree`]). Domain code only: the app and the command line draw and print it.

pub mod agree;
pub mod passages;
pub mod sheets;
pub mod svg;
pub mod tables;
