"""The View menu's reading options and the panels, wired to the window and remembered.

Show Only Differences with its context (0-3 passages), the colour legend, the versions
and clean-article panels (hidden to make room on a small screen), Help ▸ Keyboard
Shortcuts. The window calls `install` once; the settings are written as they change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from gui.folding import MAX_CONTEXT, fold_label
from gui.legend import Legend
from gui.shortcuts_dialog import ShortcutsDialog

if TYPE_CHECKING:
    from gui.main_window import MainWindow

DEFAULT_CONTEXT = 1


def _as_bool(value: object, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)


class ViewOptions:
    """Owns the reading options' actions and applies them to the window's widgets."""

    def __init__(self, window: MainWindow, view_menu: QMenu, help_menu: QMenu) -> None:
        self.window = window
        a = window.actions_by_name
        settings = window.settings
        view = window.compare_view
        self.only = a["only_differences"]
        self.context_menu = QMenu("Context Around Differences", window)
        self.context_group = QActionGroup(window)
        self.context_actions: list[QAction] = []
        for rows in range(MAX_CONTEXT + 1):
            text = "No passages" if rows == 0 else f"{rows} passage{'s' if rows > 1 else ''}"
            action = self.context_menu.addAction(text)
            action.setCheckable(True)
            action.setData(rows)
            self.context_group.addAction(action)
            self.context_actions.append(action)
        self.legend = Legend()
        window.statusBar().addPermanentWidget(self.legend)

        first = view_menu.actions()[0] if view_menu.actions() else None
        for action in (self.only,):
            view_menu.insertAction(first, action)
        view_menu.insertMenu(first, self.context_menu)
        view_menu.insertSeparator(first)
        view_menu.addSeparator()
        for name in ("show_legend", "show_versions_panel", "show_clean_panel"):
            view_menu.addAction(a[name])
        help_menu.insertAction(help_menu.actions()[0] if help_menu.actions() else None,
                               a["shortcuts"])

        try:
            context = int(settings.value("fold_context", DEFAULT_CONTEXT))
        except (TypeError, ValueError):
            context = DEFAULT_CONTEXT
        context = max(0, min(MAX_CONTEXT, context))
        self.context_actions[context].setChecked(True)
        view.set_context(context)
        self.only.setChecked(_as_bool(settings.value("only_differences"), False))
        view.set_only_differences(self.only.isChecked())
        a["show_legend"].setChecked(_as_bool(settings.value("show_legend"), True))
        self.legend.setVisible(a["show_legend"].isChecked())
        for name, key, panel in (("show_versions_panel", "show_versions_panel", 0),
                                 ("show_clean_panel", "show_clean_panel", 2)):
            shown = _as_bool(settings.value(key), True)
            a[name].setChecked(shown)
            window.splitter.widget(panel).setVisible(shown)

        self.only.toggled.connect(self._only_toggled)
        self.context_group.triggered.connect(self._context_chosen)
        a["show_legend"].toggled.connect(self._legend_toggled)
        a["show_versions_panel"].toggled.connect(lambda on: self._panel(0, on,
                                                                        "show_versions_panel"))
        a["show_clean_panel"].toggled.connect(lambda on: self._panel(2, on, "show_clean_panel"))
        a["shortcuts"].triggered.connect(self.show_shortcuts)

    def _only_toggled(self, on: bool) -> None:
        view = self.window.compare_view
        view.set_only_differences(on)
        self.window.settings.setValue("only_differences", on)
        if on and view.comparison() is not None:
            self.window.statusBar().showMessage(self.fold_summary(), 6000)

    def fold_summary(self) -> str:
        """What Show Only Differences folded, said so that nothing folded is explained."""
        view = self.window.compare_view
        folds = view.fold_rows()
        comparison = view.comparison()
        versions = len(comparison.versions) if comparison is not None else 0
        if not folds:
            return (f"Nothing to fold: no run of passages is the same in all {versions} "
                    "versions shown or left out of the clean article.")
        passages = sum(folds.values())
        left_out = sum(view.model.fold_left_out.values())
        rows = f"{len(folds)} row{'s' if len(folds) != 1 else ''}"
        return (f"Folded into {rows}: {fold_label(passages, left_out)}. Differing passages "
                "show the words around their changes; select one to read it whole.")

    def _context_chosen(self, action: QAction) -> None:
        rows = int(action.data())
        self.window.compare_view.set_context(rows)
        self.window.settings.setValue("fold_context", rows)

    def _legend_toggled(self, on: bool) -> None:
        self.legend.setVisible(on)
        self.window.settings.setValue("show_legend", on)

    def _panel(self, index: int, on: bool, key: str) -> None:
        self.window.splitter.widget(index).setVisible(on)
        self.window.settings.setValue(key, on)

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.window)
        dialog.setModal(False)
        dialog.show()
        self.shortcuts_dialog = dialog
        return dialog
