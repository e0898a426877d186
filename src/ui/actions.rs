//! The one table of what the analyst can ask for by menu or key: each action's label, its
//! keys (as pressed and as shown), and its line in the `?` list. The menus, the key
//! handling and the shortcuts window all read it, so a label or a key is written once.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Something the analyst can ask for by menu or key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    OpenFolder,
    OpenFolderByPath,
    Quit,
    Undo,
    Redo,
    FindInReport,
    FilterTimeline,
    ShowCorrections,
    TidyAnnotations,
    Themes,
    Agreement,
    ShowShortcuts,
    NextReport,
    PreviousReport,
    MeetingsList,
    ReportsList,
    OpenSelected,
    TagSelection,
    RecentTag,
    NextMatch,
    Close,
    Zoom,
    ZoomReset,
}

/// One action's row in the table.
pub struct Entry {
    pub action: Action,
    /// As a menu or a button says it ("" for keys no menu offers).
    pub label: &'static str,
    /// The keys as the `?` list and the menus show them ("" when none).
    pub keys: &'static str,
    /// The key presses that ask for it (handled by dossier: egui's own, such as zoom,
    /// are only listed).
    pub chords: &'static [KeyboardShortcut],
    /// What it does, in the `?` list (`None`: not listed).
    pub help: Option<&'static str>,
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn command(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const COMMAND_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// Keys 1–9, for the recent tags.
pub const TAG_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// Every action, in the order the `?` list shows them.
pub const TABLE: &[Entry] = &[
    Entry {
        action: Action::NextReport,
        label: "Next report",
        keys: "j / ↓",
        chords: &[plain(Key::J), plain(Key::ArrowDown)],
        help: Some("next report (each report of an event in turn)"),
    },
    Entry {
        action: Action::PreviousReport,
        label: "Previous report",
        keys: "k / ↑",
        chords: &[plain(Key::K), plain(Key::ArrowUp)],
        help: Some("previous report"),
    },
    Entry {
        action: Action::MeetingsList,
        label: "Meetings",
        keys: "m",
        chords: &[plain(Key::M)],
        help: Some("the Meetings list"),
    },
    Entry {
        action: Action::ReportsList,
        label: "Reports",
        keys: "r",
        chords: &[plain(Key::R)],
        help: Some("the Reports list"),
    },
    Entry {
        action: Action::OpenSelected,
        label: "Open",
        keys: "Enter",
        chords: &[plain(Key::Enter)],
        help: Some("open the selected event"),
    },
    Entry {
        action: Action::FindInReport,
        label: "Find in report…",
        keys: "Ctrl+F",
        chords: &[command(Key::F)],
        help: Some("find in the report"),
    },
    Entry {
        action: Action::NextMatch,
        label: "Next match",
        keys: "Enter / Shift+Enter",
        chords: &[],
        help: Some("next or previous match (in Find)"),
    },
    Entry {
        action: Action::Close,
        label: "Close",
        keys: "Escape",
        chords: &[],
        help: Some("close Find or the tag popup"),
    },
    Entry {
        action: Action::Zoom,
        label: "Zoom",
        keys: "Ctrl+plus / Ctrl+minus",
        chords: &[],
        help: Some("zoom in or out"),
    },
    Entry {
        action: Action::ZoomReset,
        label: "Reset zoom",
        keys: "Ctrl+0",
        chords: &[],
        help: Some("reset the zoom"),
    },
    Entry {
        action: Action::FilterTimeline,
        label: "Filter the timeline",
        keys: "Ctrl+K",
        chords: &[command(Key::K)],
        help: Some("filter the timeline"),
    },
    Entry {
        action: Action::OpenFolder,
        label: "Open folder…",
        keys: "Ctrl+O",
        chords: &[command(Key::O)],
        help: Some("open a folder"),
    },
    Entry {
        action: Action::OpenFolderByPath,
        label: "Open folder by path…",
        keys: "",
        chords: &[],
        help: None,
    },
    Entry {
        action: Action::TagSelection,
        label: "Tag…",
        keys: "T",
        chords: &[plain(Key::T)],
        help: Some("tag the selected text"),
    },
    Entry {
        action: Action::RecentTag,
        label: "Recent tag",
        keys: "1–9",
        chords: &[],
        help: Some("apply a recent tag to the selected text"),
    },
    Entry {
        action: Action::Undo,
        label: "Undo",
        keys: "Ctrl+Z",
        chords: &[command(Key::Z)],
        help: Some("undo"),
    },
    Entry {
        action: Action::Redo,
        label: "Redo",
        keys: "Ctrl+Shift+Z / Ctrl+Y",
        chords: &[
            KeyboardShortcut::new(COMMAND_SHIFT, Key::Z),
            command(Key::Y),
        ],
        help: Some("redo"),
    },
    Entry {
        action: Action::ShowCorrections,
        label: "Corrected and dismissed meetings…",
        keys: "",
        chords: &[],
        help: None,
    },
    Entry {
        action: Action::Themes,
        label: "Themes…",
        keys: "",
        chords: &[],
        help: None,
    },
    Entry {
        action: Action::Agreement,
        label: "Agreement with another coder…",
        keys: "",
        chords: &[],
        help: None,
    },
    Entry {
        action: Action::TidyAnnotations,
        label: "Tidy annotations",
        keys: "",
        chords: &[],
        help: None,
    },
    Entry {
        action: Action::ShowShortcuts,
        label: "Keyboard shortcuts",
        keys: "?",
        chords: &[],
        help: Some("show or hide this list"),
    },
    Entry {
        action: Action::Quit,
        label: "Quit",
        keys: "",
        chords: &[],
        help: None,
    },
];

impl Action {
    /// Its row in the table.
    pub fn entry(self) -> &'static Entry {
        TABLE.iter().find(|e| e.action == self).unwrap_or(&TABLE[0])
    }

    /// As a menu item or a button: its label, and its keys when it has any.
    pub fn menu_text(self) -> String {
        let e = self.entry();
        if e.keys.is_empty() {
            e.label.to_owned()
        } else {
            format!("{}  ({})", e.label, e.keys)
        }
    }

    /// Whether one of its chords was pressed this frame, taking it from the input so no
    /// other widget sees it (for the Ctrl shortcuts).
    pub fn consume(self, ctx: &egui::Context) -> bool {
        let chords = self.entry().chords;
        ctx.input_mut(|i| chords.iter().any(|c| i.consume_shortcut(c)))
    }

    /// Whether one of its chords was pressed this frame, with exactly its modifiers,
    /// leaving it to other widgets too; `arrows`: arrow keys count (not while the
    /// analyst reads the text, where they move the cursor).
    pub fn pressed(self, ctx: &egui::Context, arrows: bool) -> bool {
        let arrow = |k: Key| matches!(k, Key::ArrowUp | Key::ArrowDown);
        let chords = self.entry().chords;
        ctx.input(|i| {
            chords.iter().any(|c| {
                (arrows || !arrow(c.logical_key))
                    && i.modifiers.matches_exact(c.modifiers)
                    && i.key_pressed(c.logical_key)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_row_and_no_key_asks_for_two() {
        let all = [
            Action::OpenFolder,
            Action::OpenFolderByPath,
            Action::Quit,
            Action::Undo,
            Action::Redo,
            Action::FindInReport,
            Action::FilterTimeline,
            Action::ShowCorrections,
            Action::TidyAnnotations,
            Action::Themes,
            Action::Agreement,
            Action::ShowShortcuts,
            Action::NextReport,
            Action::PreviousReport,
            Action::MeetingsList,
            Action::ReportsList,
            Action::OpenSelected,
            Action::TagSelection,
            Action::RecentTag,
            Action::NextMatch,
            Action::Close,
            Action::Zoom,
            Action::ZoomReset,
        ];
        for a in all {
            assert_eq!(TABLE.iter().filter(|e| e.action == a).count(), 1, "{a:?}");
        }
        assert_eq!(TABLE.len(), all.len());
        let chords: Vec<&KeyboardShortcut> = TABLE.iter().flat_map(|e| e.chords).collect();
        for (i, c) in chords.iter().enumerate() {
            assert!(!chords[i + 1..].contains(c), "{c:?} asks for two actions");
        }
        assert_eq!(Action::Undo.menu_text(), "Undo  (Ctrl+Z)");
        assert_eq!(Action::Quit.menu_text(), "Quit");
    }
}
