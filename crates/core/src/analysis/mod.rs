//! Analysis of the analyst's coding: how two analysts' codings of one corpus agree
//! ([`agree`]). Domain code only: the app and the command line draw and print it.

pub mod agree;
