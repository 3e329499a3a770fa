"""The window's actions for the clean article: Undo / Redo and the consensus policy."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from core.merge import PREFER
from gui.article_session import ArticleSession

PREFER_LABELS = {
    "majority": ("&Majority of Versions", "The wording most versions share (copies of one "
                 "story from several sites)"),
    "newest": ("&Newest Version", "The newest version's passages and wording (revisions): "
               "by date where every version has one, else the last in the list"),
    "base": ("&Base Version", "The base version's passages and wording"),
}
SHORT = {"majority": "majority", "newest": "newest version", "base": "base version"}


def undo_actions(parent: QObject, session: ArticleSession) -> tuple[QAction, QAction]:
    """Edit ▸ Undo and Redo over the session's one undo stack."""
    undo = QAction("&Undo", parent)
    undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
    undo.triggered.connect(session.undo)
    redo = QAction("&Redo", parent)
    redo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
    redo.triggered.connect(session.redo)
    stack = session.stack
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    session.typing.connect(lambda: undo.setEnabled(True))
    stack.undoTextChanged.connect(
        lambda text: undo.setStatusTip(f"Undo: {text}" if text else ""))
    stack.redoTextChanged.connect(
        lambda text: redo.setStatusTip(f"Redo: {text}" if text else ""))
    undo.setEnabled(False)
    redo.setEnabled(False)
    return undo, redo


class PreferMenu(QMenu):
    """Compare ▸ Prefer: which wording the clean article takes; remembered in settings."""

    def __init__(self, settings: QSettings, on_change: Callable[[str], None]) -> None:
        super().__init__("&Prefer")
        self.settings = settings
        group = QActionGroup(self)
        group.setExclusive(True)
        saved = str(settings.value("prefer", "majority"))
        self.current = saved if saved in PREFER else "majority"
        self.actions_by_policy: dict[str, QAction] = {}
        for policy in PREFER:
            text, tip = PREFER_LABELS[policy]
            action = QAction(text, self, checkable=True)
            action.setStatusTip(tip)
            action.setToolTip(tip)
            action.setChecked(policy == self.current)
            action.triggered.connect(lambda _=False, p=policy: self.choose(p))
            group.addAction(action)
            self.addAction(action)
            self.actions_by_policy[policy] = action
        self._on_change = on_change

    def choose(self, policy: str) -> None:
        if policy not in PREFER:
            return
        self.actions_by_policy[policy].setChecked(True)
        if policy != self.current:
            self.current = policy
            self.settings.setValue("prefer", policy)
            self._on_change(policy)
