"""The clean article the user owns: their decisions, the passages they apply to, Undo.

`ArticleSession` holds the user's decisions (`core.draft.Decision`) and the draft of the
latest comparison; the article shown is rendered from both. Every change the user makes
goes through one `QUndoStack` as a command from `gui.article_commands`, so Edit ▸ Undo
walks back through typing, restores, wordings and version changes alike.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from core.draft import Decision, Draft, Rendered, decision_for, render, rerender
from gui.compare_job import Rendering, word_count


class ArticleSession(QObject):
    """The user's decisions about the clean article, and the article they give.

    ``changed`` fires when the rendered article changed; ``recompute_needed`` when a
    decision changed what the consensus must be told (keep, leave out, wording);
    ``modified_changed(bool)`` when the article gets or loses changes since the last save;
    ``typing`` when the user starts typing (recorded as a command a moment later).
    """

    changed = Signal()
    recompute_needed = Signal()
    typing = Signal()
    """The user started typing: there is something to undo before it is recorded."""
    recorded = Signal()
    """Typing since `typing` was recorded on the stack, or found to change nothing."""
    modified_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.stack.cleanChanged.connect(self._on_clean_changed)
        self.decisions: dict[str, Decision] = {}
        self.draft: Draft | None = None
        self.rendered: Rendered | None = None
        self.touched: tuple[int, ...] | None = None
        """The passages the last change rendered again; None: the whole article."""
        self._words: tuple[Rendered | None, int] = (None, 0)
        self._flush: Callable[[], None] = lambda: None

    def _on_clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    # --- what is shown -------------------------------------------------------------------
    def set_draft(self, draft: Draft | None, rendering: Rendering | None = None) -> None:
        """The passages of a new comparison; the user's decisions are applied to them.

        ``rendering`` is the article already rendered off the UI thread: used when it was
        made under the decisions the user has now, else the article is rendered here.
        """
        self.flush()  # typing not yet recorded belongs to the passages shown until now
        self.draft = draft
        if draft is not None and rendering is not None and rendering.decisions == self.decisions:
            self.rendered, self.touched = rendering.rendered, None
            self._words = (rendering.rendered, rendering.words)
            self.changed.emit()
            return
        self._render()

    def touched_rows(self) -> list[int] | None:
        """The comparison rows of the passages the last change rendered again (None:
        any row may have changed)."""
        if self.touched is None or self.draft is None:
            return None
        passages = self.draft.passages
        return [passages[i].row for i in self.touched if passages[i].row >= 0]

    def word_count(self) -> int:
        """Words in the rendered article (counted once per rendering)."""
        rendered = self.rendered
        if rendered is None:
            return 0
        if self._words[0] is not rendered:
            self._words = (rendered, word_count(rendered))
        return self._words[1]

    def set_flusher(self, flush: Callable[[], None]) -> None:
        """``flush`` turns typing not yet recorded into a command; called before others."""
        self._flush = flush

    def flush(self) -> None:
        self._flush()

    def _render(self, keys: list[str] | None = None) -> None:
        """Render the article again: only the passages of the decisions ``keys`` when
        given (`core.draft.rerender`), the whole article otherwise."""
        self.touched = None
        if self.draft is None:
            self.rendered = None
        elif keys is not None and self.rendered is not None:
            self.rendered, self.touched = rerender(self.rendered, self.draft, self.decisions,
                                                   keys)
        else:
            self.rendered = render(self.draft, self.decisions)
        self.changed.emit()

    def set_saved(self) -> None:
        self.flush()
        self.stack.setClean()

    def forget(self) -> None:
        """Start over: no decisions and nothing to undo (every version was closed)."""
        self.stack.clear()
        self.decisions.clear()
        self._render()

    def undo(self) -> None:
        self.flush()
        self.stack.undo()

    def redo(self) -> None:
        self.flush()
        self.stack.redo()

    # --- applying decisions (called by the commands) -------------------------------------
    def apply(self, changes: dict[str, Decision | None], *, recompute: bool) -> None:
        for key, decision in changes.items():
            if decision is None or decision.empty:
                self.decisions.pop(key, None)
            else:
                self.decisions[key] = decision
        self._render(list(changes))
        if recompute:
            self.recompute_needed.emit()

    # --- what the user does --------------------------------------------------------------
    def decision(self, passage: int) -> tuple[str, Decision]:
        assert self.draft is not None
        return decision_for(self.draft, self.decisions, passage)

    def passage_of_row(self, row: int) -> int | None:
        return self.draft.by_row.get(row) if self.draft is not None else None

    def restore(self, passage: int, version: int | None = None) -> None:
        """Put a left-out passage (in ``version``'s wording, if given) into the article."""
        if self.draft is None:
            return
        p = self.draft.passages[passage]
        version = version if version is not None else p.owner
        wording = p.wordings[version] if version is not None and p.row >= 0 else None
        self._decide(passage, "Restore passage", keep=True, wording=wording, text=None)

    def leave_out(self, passage: int) -> None:
        self._decide(passage, "Leave passage out", keep=False, wording=None, text=None)

    def reconsider(self, passage: int) -> None:
        """Drop the user's keep / leave-out / wording decision: the consensus decides."""
        self._decide(passage, "Leave to the consensus", keep=None, wording=None)

    def choose_wording(self, passage: int, version: int) -> None:
        if self.draft is None:
            return
        wording = self.draft.passages[passage].wordings[version]
        if wording:
            self._decide(passage, "Use this version's wording", keep=None, wording=wording,
                         text=None)

    def keep(self, passage: int, version: int, keep: bool) -> None:
        """The comparison's "keep this passage" / "leave this passage out" of one cell."""
        if keep:
            self.restore(passage, version)
        else:
            self.leave_out(passage)

    def type_text(self, changes: dict[str, list[str]]) -> None:
        """Typing: passage id -> its new paragraphs ([] when the user deleted it)."""
        from gui.article_commands import TypingCommand

        if self.draft is None or self.rendered is None:
            return
        edits: dict[str, tuple[Decision | None, Decision | None]] = {}
        for key, paragraphs in changes.items():
            before = self.decisions.get(key)
            if before is None:
                index = self.rendered.passage_of.get(key)
                if index is None:
                    continue
                _, base = decision_for(self.draft, self.decisions, index)
            else:
                base = before
                index = self.rendered.passage_of.get(key)
            consensus = (self.draft.passages[index].text if index is not None else None)
            text = "\n\n".join(paragraphs)
            after = Decision(base.keys, base.nth, base.keep, base.wording,
                             None if text == consensus and base.keep is not False else text)
            if after != before:
                edits[key] = (before, after)
        if edits:
            self.stack.push(TypingCommand(self, edits))

    def _decide(self, passage: int, label: str, **fields: object) -> None:
        from gui.article_commands import DecisionCommand

        if self.draft is None or not 0 <= passage < len(self.draft.passages):
            return
        self.flush()
        key, before = self.decision(passage)
        values = {"keep": before.keep, "wording": before.wording, "text": before.text}
        values.update(fields)
        after = Decision(before.keys, before.nth, values["keep"], values["wording"],
                         values["text"])  # type: ignore[arg-type]
        if after == before:
            return
        old = self.decisions.get(key)
        self.stack.push(DecisionCommand(self, label, key, old, None if after.empty else after))
