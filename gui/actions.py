"""Every action of the main window, declared once: text, shortcut, icon, tip."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

Key = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    text: str
    shortcuts: tuple[QKeySequence | Key | str, ...] = ()
    icon: str = ""
    tip: str = ""
    checkable: bool = False


ACTIONS: dict[str, ActionSpec] = {
    "open": ActionSpec("&Open Versions…", (Key.Open,), "open",
                       "Add article versions from files (.txt, .html, .md)"),
    "open_folder": ActionSpec("Open &Folder…", ("Ctrl+Shift+O",), "folder",
                              "Add every .txt, .html and .md file of a folder"),
    "paste": ActionSpec("Add Version from C&lipboard", ("Ctrl+Shift+V",), "paste",
                        "Add the text or HTML on the clipboard as a version"),
    "demo": ActionSpec("Open &Sample Versions", (), "", "Load the bundled sample versions"),
    "save": ActionSpec("&Save Clean Article", (Key.Save,), "save",
                       "Save the clean article"),
    "save_as": ActionSpec("Save Clean Article &As…", (Key.SaveAs, "Ctrl+Shift+S"), "",
                          "Save the clean article as .txt, .md, .html or .json"),
    "export": ActionSpec("&Export Report…", ("Ctrl+E",), "export",
                         "Write the comparison as one self-contained HTML file"),
    "close_version": ActionSpec("&Close Version", (Key.Close, "Ctrl+W"), "close",
                                "Remove the selected version from the comparison"),
    "close_all": ActionSpec("Close &All Versions", ("Ctrl+Shift+W",), "", ""),
    "quit": ActionSpec("&Quit", (Key.Quit, "Ctrl+Q"), "", ""),
    "find": ActionSpec("&Find…", (Key.Find,), "find", "Find text in the versions"),
    "find_next": ActionSpec("Find &Next", (Key.FindNext, "F3"), "", ""),
    "find_previous": ActionSpec("Find Pre&vious", (Key.FindPrevious, "Shift+F3"), "", ""),
    "next_diff": ActionSpec("&Next Difference", ("F7", "Alt+Down"), "down",
                            "Go to the next row that differs (F7, Alt+Down)"),
    "prev_diff": ActionSpec("&Previous Difference", ("Shift+F7", "Alt+Up"), "up",
                            "Go to the previous row that differs (Shift+F7, Alt+Up)"),
    "show_dropped": ActionSpec("Show &Removed Passages", ("Ctrl+R",), "eye",
                               "Show passages left out of the clean article, struck through",
                               checkable=True),
    "zoom_in": ActionSpec("Zoom &In", (Key.ZoomIn, "Ctrl+="), "", ""),
    "zoom_out": ActionSpec("Zoom &Out", (Key.ZoomOut,), "", ""),
    "zoom_reset": ActionSpec("&Actual Size", ("Ctrl+0",), "", ""),
    "ignore_case": ActionSpec("Ignore &Case", (), "", "Treat upper and lower case alike",
                              checkable=True),
    "ignore_punctuation": ActionSpec("Ignore &Punctuation", (), "", "", checkable=True),
    "ignore_quotes": ActionSpec("Ignore &Quote Style", (), "",
                                "Treat curly and straight quotes alike", checkable=True),
    "ignore_whitespace": ActionSpec("Ignore &Whitespace", (), "",
                                    "Treat any run of spaces alike", checkable=True),
    "set_base": ActionSpec("Use as &Base", ("Ctrl+B",), "base",
                           "Compare the other versions with the selected one"),
    "only_differences": ActionSpec("Show Only &Differences", ("Ctrl+D",), "",
                                   "Show only the clean article's passages that differ, "
                                   "trimmed to the words around their changes: fold the rest "
                                   "(the same everywhere, or left out)",
                                   checkable=True),
    "show_legend": ActionSpec("Colour &Legend", (), "", "Show what the colours mean",
                              checkable=True),
    "show_versions_panel": ActionSpec("&Versions Panel", ("Ctrl+1",), "",
                                      "Show or hide the list of versions and the heat map",
                                      checkable=True),
    "show_clean_panel": ActionSpec("Clean &Article Panel", ("Ctrl+2",), "",
                                   "Show or hide the clean article", checkable=True),
    "find_in_article": ActionSpec("Find and Replace in the Clean Article…",
                                  (Key.Replace, "Ctrl+H"), "",
                                  "Find and replace text in the clean article"),
    "shortcuts": ActionSpec("&Keyboard Shortcuts", (Key.HelpContents, "F1"), "",
                            "Every keyboard shortcut of the window"),
    "about": ActionSpec("&About article-compare", (), "", ""),
}
