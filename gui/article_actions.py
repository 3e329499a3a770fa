"""The window's actions for the clean article: Undo / Redo and the consensus policy."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from core.merge import PREFER
from gui.article_commands import PreferCommand
from gui.article_session import ArticleSession

PREFER_LABELS = {
    "majority": ("&Majority of Versions", "The wording most versions share (copies of one "
                 "story from several sites)"),
    "newest": ("&Newest Version", "The newest version's passages and wording (revisions): "
               "by date where every version has one, else the last in the list"),
    "base": ("&Base Version", "The base version's passages and wording"),
}
SHORT = {"majority": "majority", "newest": "newest version", "base": "base version"}
UNDO_TEXT = {"majority": "Prefer majority wording", "newest": "Prefer newest wording",
             "base": "Prefer base wording"}


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
    stack.undoTextChanged.connect(lambda text: _name(undo, "&Undo", text))
    stack.redoTextChanged.connect(lambda text: _name(redo, "&Redo", text))

    def typing() -> None:  # not on the stack yet, but Undo takes it back first
        undo.setEnabled(True)
        _name(undo, "&Undo", "Typing")

    def recorded() -> None:  # typing recorded, or found to change nothing
        undo.setEnabled(stack.canUndo())
        _name(undo, "&Undo", stack.undoText())

    session.typing.connect(typing)
    session.recorded.connect(recorded)
    undo.setEnabled(False)
    redo.setEnabled(False)
    return undo, redo


def _name(action: QAction, verb: str, what: str) -> None:
    """"&Undo Prefer newest wording": the action says what it takes back."""
    action.setText(f"{verb} {what}" if what else verb)
    action.setStatusTip(f"{verb.replace('&', '')}: {what}" if what else "")


class PreferMenu(QMenu):
    """Compare ▸ Prefer: which wording the clean article takes; remembered in settings.

    Choosing a policy is a decision about the article: it goes on the session's undo stack
    (`gui.article_commands.PreferCommand`), so Edit ▸ Undo puts the previous policy back.
    """

    def __init__(self, settings: QSettings, session: ArticleSession,
                 on_change: Callable[[str], None]) -> None:
        super().__init__("&Prefer")
        self.settings = settings
        self.session = session
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
        """What the user does: an undoable step once there is an article to change."""
        if policy not in PREFER:
            return
        if policy == self.current:
            self.actions_by_policy[policy].setChecked(True)
            return
        if self.session.draft is None:  # no article yet: nothing to take back
            self.set_policy(policy)
            return
        self.session.flush()  # typing not yet recorded comes before the policy change
        self.session.stack.push(
            PreferCommand(UNDO_TEXT[policy], self.set_policy, self.current, policy))

    def set_policy(self, policy: str) -> None:
        """Put ``policy`` in force: the menu's check, the setting, and a recompute."""
        self.actions_by_policy[policy].setChecked(True)
        if policy != self.current:
            self.current = policy
            self.settings.setValue("prefer", policy)
            self._on_change(policy)
