"""The clean article pane: the editable article and the list of what was left out.

The pane shows an `ArticleSession`: the editor holds the rendered article, and what the
user types is mapped back onto its passages as they type, a paragraph at a time
(`gui.article_index.ParagraphIndex`), and recorded as an undo step shortly after they stop
typing, and always before any other decision, Undo, a recompute or a save. A change of a
few passages (typing recorded, Undo, Restore) rewrites only those passages' lines.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QKeySequence,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.article import Article
from core.draft import LeftOut, Rendered, split_paragraphs
from gui.article_index import ParagraphIndex, plain
from gui.article_session import ArticleSession
from gui.editor_find import EditorFindBar

TYPING_PAUSE_MS = 400
PREFER_NAMES = {"majority": "the wording most versions share",
                "newest": "the newest version's wording", "base": "the base version's wording"}


class ArticleEditor(QPlainTextEdit):
    """The article's editor: Undo and Redo belong to the window's one undo stack, and
    files or text dropped from outside are handed to ``drop_handler`` (they add
    versions) instead of being pasted in."""

    def __init__(self) -> None:
        super().__init__()
        self.drop_handler: Callable[[QMimeData], bool] | None = None
        self.document().setUndoRedoEnabled(False)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()  # the window's Edit ▸ Undo / Redo take it
            return False
        return super().event(event)

    def _external(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        return self.drop_handler is not None and event.source() not in (self, self.viewport())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._external(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._external(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if self._external(event):
            assert self.drop_handler is not None
            if self.drop_handler(event.mimeData()):
                event.acceptProposedAction()
            else:
                event.ignore()
        else:
            super().dropEvent(event)


class CleanView(QWidget):
    """Shows the session's article and the passages left out of it.

    ``row_selected(row)`` tells which comparison row the user is at in the article or
    the Left-out list.
    """

    row_selected = Signal(int)
    modified_changed = Signal(bool)

    def __init__(self, session: ArticleSession | None = None) -> None:
        super().__init__()
        self.session = session or ArticleSession(self)
        self._index = ParagraphIndex()
        self._touched: set[str] = set()  # passages typed in since the last flush
        self._shown: Rendered | None = None
        self._watched: QTextDocument | None = None
        self._dirty = False
        self._setting = False
        self._resetting = False
        self._emitting = False
        self._names: list[str] = []
        self._offered: tuple[str, QTextDocument] | None = None

        self.heading = QLabel("Clean article")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.source = QLabel("")
        self.source.setWordWrap(True)

        self.editor = ArticleEditor()
        self.editor.setAccessibleName("Clean article")
        self.editor.setPlaceholderText("The clean article appears here once versions are loaded.")
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setReadOnly(True)
        self.editor.textChanged.connect(self._on_typed)
        self.editor.cursorPositionChanged.connect(self._on_cursor_moved)
        serif = QFont("Serif")
        serif.setStyleHint(QFont.StyleHint.Serif)
        serif.setPointSizeF(self.editor.font().pointSizeF() + 1)
        self.editor.setFont(serif)
        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.flush)
        self._cursor_timer = QTimer(self, singleShot=True, interval=150)
        self._cursor_timer.timeout.connect(self._sync_from_cursor)

        self.removed = QTreeWidget()
        self.removed.setAccessibleName("Left out")
        self.removed.setHeaderLabels(["Left out", "Why", "Version"])
        self.removed.setRootIsDecorated(False)
        self.removed.setAlternatingRowColors(True)
        self.removed.setUniformRowHeights(True)
        self.removed.setColumnWidth(0, 220)
        self.removed.setColumnWidth(1, 200)
        self.removed.currentItemChanged.connect(self._on_removed_current)
        self.removed.itemDoubleClicked.connect(lambda *_: self.restore_current())
        self.restore_button = QPushButton("Restore")
        self.restore_button.setAccessibleName("Restore")
        self.restore_button.setToolTip("Put the selected passage back into the clean article")
        self.restore_button.clicked.connect(self.restore_current)
        self.undo_button = QPushButton("Leave out again")
        self.undo_button.setAccessibleName("Leave out again")
        self.undo_button.setToolTip("Take back your decision to keep the selected passage")
        self.undo_button.clicked.connect(self.undo_current)
        self.removed_label = QLabel("Left out")

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.removed_label)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.undo_button)
        bottom_layout.addLayout(buttons)
        bottom_layout.addWidget(self.removed)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.heading)
        top_layout.addWidget(self.source)
        top_layout.addWidget(self.editor)
        self.find_bar = EditorFindBar(self.editor)
        top_layout.addWidget(self.find_bar)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

        self._watch()
        self.session.set_flusher(self.flush)
        self.session.changed.connect(self._show)
        self.session.modified_changed.connect(self.modified_changed)
        self._update_buttons()

    # --- what is shown -------------------------------------------------------------------
    @property
    def article(self) -> Article | None:
        rendered = self.session.rendered
        return rendered.article if rendered is not None else None

    def set_names(self, names: list[str], prefer: str = "majority") -> None:
        """The compared versions' names (for the Left-out list) and the policy in force."""
        self._names = names
        if not names:
            self.source.setText("")
        elif len(names) > 1:
            self.source.setText(f"Consensus of {len(names)} versions, taking "
                                f"{PREFER_NAMES.get(prefer, prefer)}. Edit freely; your "
                                "edits stay through every recompute.")
        else:
            self.source.setText(f"From {names[0]}. Edit freely, then save.")

    def offer_document(self, text: str, document: QTextDocument) -> None:
        """A document already holding ``text``, built off the UI thread
        (`gui.article_document`): taken over if the article shown next is that text."""
        self._offered = (text, document)

    def _watch(self) -> None:
        """Follow the edits of the editor's document (a new one comes with a book)."""
        document = self.editor.document()
        if document is not self._watched:
            if self._watched is not None:
                with suppress(RuntimeError):  # gone already (the editor owned it)
                    self._watched.contentsChange.disconnect(self._on_contents_change)
            document.contentsChange.connect(self._on_contents_change)
            self._watched = document

    def _show(self) -> None:
        rendered, touched = self.session.rendered, self.session.touched
        shown, self._shown = self._shown, rendered
        self._settle()
        self.editor.setReadOnly(rendered is None)
        if rendered is not None and shown is not None and touched is not None \
                and self._offered is None and self._patch(shown, rendered, touched):
            if rendered.left_out != shown.left_out:
                self._fill_removed(rendered.left_out)
            return
        index = self._index
        if rendered is None:
            self._set_text("")
            index.reset_rendered([], [])
        elif self._offered is not None:  # taken without reading a book's text back
            self._set_text(rendered.text)
            index.reset_rendered(rendered.paragraphs, rendered.owners)
        else:
            text = self.editor.toPlainText()
            if split_paragraphs(text) != list(rendered.paragraphs):
                self._set_text(rendered.text)
                index.reset_rendered(rendered.paragraphs, rendered.owners)
            else:  # the same paragraphs: the cursor and the user's blank lines stay
                index.reset(rendered.paragraphs, rendered.owners, text.split("\n"))
        self._touched.clear()
        if self._offered is not None:  # not needed after all
            self._offered[1].deleteLater()
            self._offered = None
        self._fill_removed(rendered.left_out if rendered is not None else ())

    def _patch(self, shown: Rendered, rendered: Rendered, touched: tuple[int, ...]) -> bool:
        """Bring the editor from ``shown`` to ``rendered``, which differ only in the
        ``touched`` passages, by rewriting those passages' lines (typing just recorded
        needs none). False when the editor turns out not to match: show it all again."""
        index = self._index
        if len(shown.keys) != len(rendered.keys):
            return False
        for passage in touched:
            start = rendered.first[passage]
            keys = {shown.keys[passage], rendered.keys[passage]}
            end = start
            while end < len(index.owners) and index.owners[end] in keys:
                end += 1
            want = list(rendered.paragraphs[start:rendered.first[passage + 1]])
            if index.paragraphs[start:end] != want:
                self._write(start, end, want)
            index.owners[start:start + len(want)] = [rendered.keys[passage]] * len(want)
            if index.paragraphs[start:start + len(want)] != want:
                return False
        return len(index.paragraphs) == len(rendered.paragraphs)

    def _write(self, start: int, end: int, paragraphs: list[str]) -> None:
        """Replace the editor's paragraphs ``start:end`` with ``paragraphs`` (the index
        follows through `_on_contents_change`)."""
        index, document = self._index, self.editor.document()
        assert not index.pending
        count = len(index.paragraphs)
        body = "\n\n".join(paragraphs)
        if start < count:
            begin = document.findBlockByNumber(index.first[start]).position()
            if end < count:
                stop = document.findBlockByNumber(index.first[end]).position()
                text = body + "\n\n" if paragraphs else ""
            else:
                stop = document.characterCount() - 1
                text = body + "\n" if paragraphs else ""
        else:
            if not paragraphs:
                return
            begin = stop = document.characterCount() - 1
            last = document.lastBlock().text()
            text = ("" if document.isEmpty() else "\n\n" if last.strip() else "\n") \
                + body + "\n"
        cursor = QTextCursor(document.findBlock(begin))
        cursor.setPosition(begin)
        cursor.setPosition(stop, QTextCursor.MoveMode.KeepAnchor)
        self._setting = True
        try:
            cursor.insertText(text)
        finally:
            self._setting = False
        index.settle()  # the passage's own text: nothing the user typed

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        """An edit of the document (typing, a paste, Replace, a passage rewritten): the
        index reads back the paragraphs around it and nothing else."""
        if self._resetting:
            return
        document = self.editor.document()
        first = document.findBlock(position)
        last = document.findBlock(position + added)
        if not last.isValid():
            last = document.lastBlock()
        draft = self.session.draft
        fallback = draft.passages[0].id if draft is not None and draft.passages else None
        self._index.note(first.blockNumber(), last.blockNumber(), document.blockCount(),
                         self._lines, fallback=fallback)

    def _settle(self) -> None:
        """The index made to match the editor; what the user typed is noted as touched."""
        self._touched.update(self._index.settle())

    def _lines(self, start: int, stop: int) -> list[str]:
        """The editor's lines ``start:stop``, as its plain text has them."""
        block = self.editor.document().findBlockByNumber(start)
        lines = []
        for _ in range(start, stop):
            if not block.isValid():
                break
            lines.append(plain(block.text()))
            block = block.next()
        return lines

    def _set_text(self, text: str) -> None:
        """Replace the editor's text, keeping the cursor and the scroll position."""
        editor = self.editor
        position = editor.textCursor().position()
        scroll = editor.verticalScrollBar().value()
        offered, self._offered = self._offered, None
        self._setting = self._resetting = True
        try:
            if offered is not None and offered[0] == text:
                document = offered[1]
                document.setDocumentLayout(QPlainTextDocumentLayout(document))
                document.setDefaultFont(editor.font())
                old = editor.document()
                document.setParent(editor)  # deleted with the editor or the next document
                editor.setDocument(document)
                self._watch()
                with suppress(RuntimeError):  # the editor's own document is gone already
                    if old.parent() is editor:  # a book's, taken over before
                        old.deleteLater()
            else:
                if offered is not None:
                    offered[1].deleteLater()
                editor.setPlainText(text)
            cursor = editor.textCursor()
            cursor.setPosition(min(position, len(text)))
            editor.setTextCursor(cursor)
            editor.verticalScrollBar().setValue(scroll)
        finally:
            self._setting = self._resetting = False
        self._dirty = False
        self._typing.stop()

    def _fill_removed(self, left_out: tuple[LeftOut, ...]) -> None:
        self.removed.blockSignals(True)
        self.removed.clear()
        items = []
        names = self._names
        for entry in left_out:
            snippet = " ".join(entry.text.split())
            version = names[entry.version] if entry.version is not None and \
                entry.version < len(names) else ""
            item = QTreeWidgetItem([snippet, entry.reason, version])
            item.setToolTip(0, entry.text[:2000])
            item.setToolTip(1, entry.reason)
            item.setData(0, Qt.ItemDataRole.UserRole, entry)
            if entry.restored:
                font = item.font(1)
                font.setItalic(True)
                item.setFont(1, font)
            items.append(item)
        self.removed.addTopLevelItems(items)
        self.removed.blockSignals(False)
        count = sum(1 for e in left_out if not e.restored)
        self.removed_label.setText(f"Left out ({count})")
        self._update_buttons()

    def _current(self) -> LeftOut | None:
        item = self.removed.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self, *_: object) -> None:
        entry = self._current()
        self.restore_button.setEnabled(entry is not None and not entry.restored
                                       and entry.passage >= 0)
        self.undo_button.setEnabled(entry is not None and entry.restored)

    def restore_current(self) -> None:
        entry = self._current()
        if entry is not None and not entry.restored and entry.passage >= 0:
            self.session.restore(entry.passage, entry.version)

    def undo_current(self) -> None:
        entry = self._current()
        if entry is not None and entry.restored:
            self.session.reconsider(entry.passage)

    # --- text ----------------------------------------------------------------------------
    def text(self) -> str:
        return self.editor.toPlainText()

    def is_modified(self) -> bool:
        """True while the article has changes since it was last saved (typing included)."""
        return self._dirty or not self.session.stack.isClean()

    def set_saved(self) -> None:
        self.flush()  # what was typed just now is part of what was saved
        self.session.set_saved()

    def _on_typed(self) -> None:
        if not self._setting:
            was = self.is_modified()
            self._dirty = True
            self._typing.start()
            if not was:
                self.modified_changed.emit(True)
            self.session.typing.emit()

    def flush(self) -> None:
        """Record what was typed since the last time as a command on the undo stack."""
        if not self._dirty:
            return
        self._dirty = False
        self._typing.stop()
        self._settle()
        touched, self._touched = self._touched, set()
        rendered, index = self.session.rendered, self._index
        changes: dict[str, list[str]] = {}
        for key in touched:
            passage = rendered.passage_of.get(key) if rendered is not None else None
            if passage is None:
                continue
            start, end = index.owned_by(key)
            now = index.paragraphs[start:end]
            if tuple(now) != rendered.paragraphs[rendered.first[passage]:
                                                 rendered.first[passage + 1]]:
                changes[key] = now
        if changes:
            self.session.type_text(changes)
        self.session.recorded.emit()
        self.modified_changed.emit(self.is_modified())

    # --- the passage at the cursor -------------------------------------------------------
    def _on_cursor_moved(self) -> None:
        if not self._setting and not self._emitting:
            self._cursor_timer.start()

    def _paragraph_at_cursor(self) -> int:
        """The index of the paragraph the cursor is in (-1 when on a blank line)."""
        self._settle()
        block = self.editor.textCursor().block()
        if not plain(block.text()).strip(" \t"):
            return -1
        return self._index.paragraph_at(block.blockNumber())

    def _sync_from_cursor(self) -> None:
        self.flush()
        index = self._paragraph_at_cursor()
        rendered, draft = self.session.rendered, self.session.draft
        owners = self._index.owners
        if rendered is None or draft is None or not 0 <= index < len(owners):
            return
        passage = rendered.passage_of.get(owners[index])
        if passage is not None and draft.passages[passage].row >= 0:
            self._emit_row(draft.passages[passage].row)

    def _on_removed_current(self, *_: object) -> None:
        self._update_buttons()
        entry = self._current()
        draft = self.session.draft
        if entry is not None and draft is not None and entry.passage >= 0:
            row = draft.passages[entry.passage].row
            if row >= 0:
                self._emit_row(row)

    def _emit_row(self, row: int) -> None:
        self._emitting = True
        try:
            self.row_selected.emit(row)
        finally:
            self._emitting = False

    def show_row(self, row: int) -> None:
        """Show the passage of comparison row ``row``: in the article, or in the list."""
        if self._emitting or row < 0:
            return
        draft, rendered = self.session.draft, self.session.rendered
        passage = draft.by_row.get(row) if draft is not None else None
        if passage is None or rendered is None:
            return
        self.flush()
        owners = self._index.owners
        at = rendered.first[passage]
        if not (at < rendered.first[passage + 1] and at < len(owners)
                and owners[at] == rendered.keys[passage]):
            start, end = self._index.owned_by(rendered.keys[passage])
            at = start if end > start else -1
        if at >= 0:
            self._select_paragraph(at)
            return
        for i in range(self.removed.topLevelItemCount()):
            item = self.removed.topLevelItem(i)
            entry = item.data(0, Qt.ItemDataRole.UserRole)
            if entry is not None and entry.passage == passage:
                self.removed.blockSignals(True)
                self.removed.setCurrentItem(item)
                self.removed.blockSignals(False)
                self.removed.scrollToItem(item)
                self._update_buttons()
                return

    def _select_paragraph(self, index: int) -> None:
        block = self.editor.document().findBlockByNumber(self._index.first[index])
        if not block.isValid():
            return
        self._setting = True
        try:
            cursor = self.editor.textCursor()
            cursor.setPosition(block.position())
            self.editor.setTextCursor(cursor)
            self.editor.centerCursor()
        finally:
            self._setting = False
