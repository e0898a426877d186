//! What the panels and the shell ask for: [`Command`]s, split into edits of the
//! annotations, navigation and what the app does. They are carried out in one place,
//! once per frame (`ui::app::apply`): edits through the workspace's one way in,
//! [`crate::workspace::Workspace::apply`] (so each is one undo step, named, and saved),
//! navigation on the view, folders and exports on the app.

use super::focus::LeftTab;
use crate::export::ExportFormat;
use crate::export::options::ExportOptions;
use crate::filter::Query;
use crate::gazetteer::NewPerson;
use crate::workspace::Edit;
use std::ops::Range;
use std::path::PathBuf;

/// One thing the analyst asked for: a change to the annotations (carried out by the
/// workspace, [`Edit`]) or a step in their history, a move of what is looked at
/// ([`Nav`]), or something the app does ([`AppCommand`]: folders, exports, the gazetteer
/// file, the save state).
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Change the annotations: one undo step, saved.
    Edit(Edit),
    Undo,
    Redo,
    Nav(Nav),
    App(AppCommand),
}

/// A move of what the analyst looks at; nothing saved changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Nav {
    /// Show a report, marking (and scrolling to) a char range of it.
    OpenReport {
        article: usize,
        mark: Option<Range<usize>>,
    },
    /// Choose row `row` of the timeline and open its `report`th report.
    OpenEvent { row: usize, report: usize },
    /// Choose row `row` (the first event of a month) and scroll it to the top.
    JumpToMonth { row: usize },
    /// Show what this query selects.
    SetQuery(Box<Query>),
    /// Show the meetings or the reports in the left panel.
    ShowTab(LeftTab),
    /// Show this highlight's details in the right panel (or none).
    ChooseHighlight(Option<String>),
    /// Re-attach this highlight to the next selection (or stop).
    Reattach(Option<String>),
    /// The reader has scrolled the marked passage into view.
    Scrolled,
    /// Open the meeting form on meeting `index` of report `article`, to correct it.
    CorrectMeeting { article: usize, index: usize },
    /// Open the meeting form on a new meeting of `article`, reported by `evidence`.
    AddMeeting {
        article: usize,
        evidence: Option<Range<usize>>,
    },
    /// Put the keyboard in the timeline's filter field.
    FocusFilter,
    /// Open the find bar over the report (or put the keyboard in it).
    OpenFind,
}

/// Something the app does beyond the annotations and the view.
#[derive(Debug, Clone, PartialEq)]
pub enum AppCommand {
    /// Ask for a folder to open (system dialog, else the in-app one).
    ChooseFolder,
    /// Ask for a folder to open in dossier's own dialog, where a path can be typed.
    ChooseFolderByPath,
    OpenFolder(PathBuf),
    /// Open the export dialog on `format` (a codebook report when `by_tag`).
    OpenExport {
        format: ExportFormat,
        by_tag: bool,
    },
    /// Export what the timeline filter shows as `options` say: ask where, then write.
    Export(Box<ExportOptions>),
    /// Ask where to save a table (its header row first) as CSV, `name` suggested; with
    /// `bom`, for Excel / LibreOffice.
    SaveTable {
        name: String,
        sheet: Vec<Vec<String>>,
        bom: bool,
    },
    /// Take the pixels of `rect` (points) as drawn, then ask where to save them as PNG.
    SaveChart {
        name: String,
        rect: egui::Rect,
    },
    /// Ask where to save a drawing (an SVG document), `name` suggested.
    SaveDrawing {
        name: String,
        svg: String,
    },
    /// Put away the notice of a change another program made to the annotations.
    DismissNotice,
    /// Try again to save annotations that could not be saved.
    RetrySave,
    /// Add a person (and the office they held) to the corpus's `gazetteer.ron`.
    AddToGazetteer(NewPerson),
    /// Show (or hide) the list of keyboard shortcuts.
    ShowShortcuts(bool),
    /// Show the corrected and dismissed meetings.
    ShowCorrections,
    /// Show the themes window (passages, matrix, trends, co-occurrence).
    ShowThemes,
    /// Show how the analyst's coding agrees with a second coder's.
    ShowAgreement,
    /// Ask for the second coder's annotations file.
    ChooseCoder,
    /// Compare with the second coder's annotations in this file (read, never written).
    CompareWith(PathBuf),
    /// Show the conflicts left by merging another writer's changes.
    ShowConflicts,
    /// Put away what the last export said.
    DismissExportStatus,
    /// Ask where to save a copy of annotations that cannot be saved in place.
    SaveCopy,
    SetDark(bool),
    /// The reader's text size, in points.
    SetReaderFont(f32),
    /// Close the window (the unsaved-changes guard may ask first).
    Quit,
}

impl Command {
    /// What the command does, in words, for the undo history and the status bar.
    pub fn label(&self) -> &'static str {
        use AppCommand::*;
        match self {
            Command::Edit(edit) => edit.label(),
            Command::Undo => "undo",
            Command::Redo => "redo",
            Command::Nav(_) => "show",
            Command::App(ChooseFolder | ChooseFolderByPath | OpenFolder(_)) => "open folder",
            Command::App(
                OpenExport { .. }
                | Export(_)
                | SaveTable { .. }
                | SaveChart { .. }
                | SaveDrawing { .. },
            ) => "export",
            Command::App(AddToGazetteer(_)) => "add to gazetteer",
            Command::App(DismissNotice | DismissExportStatus) => "dismiss notice",
            Command::App(RetrySave) => "retry save",
            Command::App(SaveCopy) => "save a copy",
            Command::App(
                ShowShortcuts(_) | ShowCorrections | ShowConflicts | ShowThemes | ShowAgreement,
            ) => "show",
            Command::App(ChooseCoder | CompareWith(_)) => "compare coders",
            Command::App(SetDark(_) | SetReaderFont(_)) => "change the view",
            Command::App(Quit) => "quit",
        }
    }

    /// Whether the status bar should confirm the change: its effect may be out of sight
    /// (typed fields, tagging and new tags show themselves where they are made).
    pub fn confirms(edit: &Edit) -> bool {
        !matches!(edit, Edit::ApplyTag { .. } | Edit::CreateTag(_)) && edit.typing_field().is_none()
    }
}
