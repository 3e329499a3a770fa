"""Undoable commands for the clean article: decisions, typing, the consensus policy, and
changes to the versions.

Typing in one passage merges into one command (`QUndoCommand.mergeWith`), so Undo takes
back a passage's edit, not a keystroke. Version changes (tick, untick, close, base,
order) are recorded after the versions panel made them; undoing one puts the panel back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from core.draft import Decision
from gui.article_session import ArticleSession
from gui.versions_panel import Entry, VersionsModel

TYPING_ID = 1001


class DecisionCommand(QUndoCommand):
    """Keep, leave out, restore or a wording for one passage."""

    def __init__(self, session: ArticleSession, label: str, key: str,
                 before: Decision | None, after: Decision | None) -> None:
        super().__init__(label)
        self.session, self.key, self.before, self.after = session, key, before, after

    def redo(self) -> None:
        self.session.apply({self.key: self.after}, recompute=True)

    def undo(self) -> None:
        self.session.apply({self.key: self.before}, recompute=True)


class TypingCommand(QUndoCommand):
    """Text the user typed, per passage; further typing in the same passages merges in."""

    def __init__(self, session: ArticleSession,
                 edits: dict[str, tuple[Decision | None, Decision | None]]) -> None:
        super().__init__("Typing")
        self.session = session
        self.edits = dict(edits)

    def id(self) -> int:
        return TYPING_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, TypingCommand) or set(other.edits) != set(self.edits):
            return False
        for key, (_, after) in other.edits.items():
            self.edits[key] = (self.edits[key][0], after)
        return True

    def redo(self) -> None:
        self.session.apply({k: _real(after) for k, (_, after) in self.edits.items()},
                           recompute=False)

    def undo(self) -> None:
        self.session.apply({k: before for k, (before, _) in self.edits.items()},
                           recompute=False)


class PreferCommand(QUndoCommand):
    """A change of the consensus policy (Compare ▸ Prefer): which wording the article takes.

    ``set_policy`` puts a policy in force (menu, setting, recompute); the user's decisions
    are not touched, so their typing and choices apply to the new consensus as before.
    """

    def __init__(self, label: str, set_policy: Callable[[str], None], before: str,
                 after: str) -> None:
        super().__init__(label)
        self.set_policy, self.before, self.after = set_policy, before, after

    def redo(self) -> None:
        self.set_policy(self.after)

    def undo(self) -> None:
        self.set_policy(self.before)


def _real(decision: Decision | None) -> Decision | None:
    return None if decision is None or decision.empty else decision


@dataclass(frozen=True)
class Shelf:
    """What the versions panel shows: the entries in order, which take part, the base."""

    entries: tuple[Entry, ...]
    included: tuple[bool, ...]
    base: int | None  # uid of the base entry

    @classmethod
    def of(cls, model: VersionsModel) -> Shelf:
        base = model.entries[model.base].uid if model.entries else None
        return cls(tuple(model.entries), tuple(e.included for e in model.entries), base)

    def uids(self) -> list[int]:
        return [e.uid for e in self.entries]


class VersionsCommand(QUndoCommand):
    """A change the versions panel made; undo puts back the entries it touched.

    Versions added since (loaded later) stay where they are.
    """

    def __init__(self, history: VersionsHistory, label: str, before: Shelf,
                 after: Shelf) -> None:
        super().__init__(label)
        self.history, self.before, self.after = history, before, after
        self._done = True  # the panel made the change already

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.history.put(self.after, self.before)

    def undo(self) -> None:
        self.history.put(self.before, self.after)


def describe(before: Shelf, after: Shelf) -> str | None:
    """A label for the change from ``before`` to ``after``; None when only versions were
    added (loading is not undone) or nothing changed."""
    old, new = before.uids(), after.uids()
    if set(new) > set(old) or (old == new and before.included == after.included
                               and before.base == after.base):
        return None
    if len(new) < len(old):
        gone = [e for e in before.entries if e.uid not in set(new)]
        return "Close " + (gone[0].version.name if len(gone) == 1 else f"{len(gone)} versions")
    if set(new) != set(old):
        return "Change versions"
    if old != new:
        return "Reorder versions"
    if before.base != after.base:
        return "Use as base"
    changed = [e for e, a, b in zip(after.entries, before.included, after.included, strict=True)
               if a != b]
    verb = "Include" if changed and changed[0].included else "Leave out"
    return f"{verb} {changed[0].version.name}" if len(changed) == 1 else "Change versions"


class VersionsHistory:
    """Records every change of the versions panel as an undoable command."""

    def __init__(self, model: VersionsModel, session: ArticleSession) -> None:
        self.model = model
        self.session = session
        self.shelf = Shelf.of(model)
        self._putting = False
        model.changed.connect(self._on_changed)

    def _on_changed(self) -> None:
        now = Shelf.of(self.model)
        before, self.shelf = self.shelf, now
        if self._putting:
            return
        if not now.entries:  # everything closed: start over
            self.session.forget()
            return
        label = describe(before, now)
        if label is not None:
            self.session.flush()
            self.session.stack.push(VersionsCommand(self, label, before, now))

    def put(self, target: Shelf, other: Shelf) -> None:
        """Make the panel show ``target``'s entries as they were in it.

        Entries of ``other`` missing from ``target`` go; entries of ``target`` missing now
        come back in their place; entries in neither (loaded meanwhile) stay.
        """
        model = self.model
        current = list(model.entries)
        wanted = set(target.uids())
        drop = set(other.uids()) - wanted
        kept = [e for e in current if e.uid not in drop]
        extra = [e for e in kept if e.uid not in wanted]
        order = list(target.entries)
        for entry in extra:  # loaded later: after the entry it followed
            i = current.index(entry)
            before = next((current[j] for j in range(i - 1, -1, -1)
                           if current[j] in order), None)
            order.insert(order.index(before) + 1 if before is not None else len(order), entry)
        for entry, included in zip(target.entries, target.included, strict=True):
            entry.included = included
        self._putting = True
        try:
            model.beginResetModel()
            model.entries[:] = order
            uids = [e.uid for e in order]
            model.base = uids.index(target.base) if target.base in uids else 0
            if order:
                order[model.base].included = True
            model.endResetModel()
            model.changed.emit()
        finally:
            self._putting = False
