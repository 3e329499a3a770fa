"""Find and Replace inside the clean-article editor, apart from the comparison's find.

Replacements go through the editor's own cursor, so each one is one step of its undo
history (Replace All is one step) and is an edit like any the user types.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Iterator

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QWidget,
)

from core.colours import scheme_for

MARK_ALL_BELOW = 200_000
"""Characters of article below which every match is marked and counted at once."""
MARKS_IN_SIGHT = 1000
COUNT_SLICE_SECONDS = 0.005


class EditorFindBar(QWidget):
    """Find / Replace / Replace All in one `QPlainTextEdit`, every match marked."""

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setAccessibleName("Find and replace in the clean article")
        self.find_edit = QLineEdit()
        self.find_edit.setAccessibleName("Find in the clean article")
        self.find_edit.setPlaceholderText("Find in the clean article")
        self.find_edit.textChanged.connect(lambda _: self.mark_all())
        self.find_edit.installEventFilter(self)
        self.replace_edit = QLineEdit()
        self.replace_edit.setAccessibleName("Replace with")
        self.replace_edit.setPlaceholderText("Replace with")
        self.replace_edit.installEventFilter(self)
        self.case = QCheckBox("Match case")
        self.case.toggled.connect(lambda _: self.mark_all())
        self.status = QLabel()
        self.status.setAccessibleName("Matches in the clean article")
        previous = QToolButton(text="▲", toolTip="Previous match (Shift+Enter)")
        previous.clicked.connect(lambda: self.find(backwards=True))
        following = QToolButton(text="▼", toolTip="Next match (Enter)")
        following.clicked.connect(lambda: self.find())
        replace = QPushButton("Replace")
        replace.clicked.connect(self.replace)
        replace_all = QPushButton("Replace All")
        replace_all.clicked.connect(self.replace_all)
        close = QToolButton(text="✕", toolTip="Close (Esc)")
        close.clicked.connect(self.close_bar)
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 3, 4, 3)
        layout.addWidget(self.find_edit, 0, 0)
        layout.addWidget(previous, 0, 1)
        layout.addWidget(following, 0, 2)
        layout.addWidget(self.case, 0, 3)
        layout.addWidget(close, 0, 4)
        layout.addWidget(self.replace_edit, 1, 0)
        layout.addWidget(replace, 1, 1, 1, 2)
        layout.addWidget(replace_all, 1, 3)
        layout.addWidget(self.status, 2, 0, 1, 5)
        layout.setColumnStretch(0, 1)
        editor.textChanged.connect(self._text_changed)
        self._positions: list[int] = []  # of every match, in a book-size article
        self._matches: Iterator[int] | None = None  # the count under way
        self._text: tuple[str, str] | None = None  # the article's text (and lower-cased)
        self._counted = False
        self._counting = QTimer(self, interval=0)
        self._counting.timeout.connect(self._count_step)
        self._in_sight = QTimer(self, singleShot=True, interval=30)
        self._in_sight.timeout.connect(self._remark_in_sight)
        editor.verticalScrollBar().valueChanged.connect(lambda _: self._in_sight.start())
        # a bar that outlives its editor must not go on searching a deleted one
        editor.destroyed.connect(self._counting.stop)
        editor.destroyed.connect(self._in_sight.stop)
        self.hide()

    def open(self, *, replace: bool = False) -> None:
        self.show()
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        target = self.replace_edit if replace and self.find_edit.text() else self.find_edit
        target.setFocus()
        target.selectAll()
        self.mark_all()

    def close_bar(self) -> None:
        self._counting.stop()
        self.hide()
        self.editor.setExtraSelections([])
        self.editor.setFocus()

    def _flags(self, *, backwards: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if backwards:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def matches(self) -> list[QTextCursor]:
        text = self.find_edit.text()
        document = self.editor.document()
        found: list[QTextCursor] = []
        if not text:
            return found
        cursor = document.find(text, 0, self._flags())
        while not cursor.isNull():
            found.append(cursor)
            cursor = document.find(text, cursor, self._flags())
        return found

    def mark_all(self) -> int:
        """Mark the matches in the editor; returns how many were marked.

        A book-size article (`MARK_ALL_BELOW`) has only the matches in sight marked (again
        as it scrolls) and the rest counted a slice at a time between events: finding
        every "h" of a 6.5 MB article at once froze the window for seconds.
        """
        if self.isHidden():
            return 0
        self._counting.stop()
        if self.editor.document().characterCount() < MARK_ALL_BELOW:
            found = self.matches()
            self._mark(found)
            self._show_status(found)
            return len(found)
        found = self._matches_in_sight()
        self._mark(found)
        self._positions, self._matches, self._counted = [], None, False
        if self.find_edit.text():
            self.status.setText("Counting matches…")
            self._counting.start()
        else:
            self.status.setText("")
        return len(found)

    def _mark(self, found: list[QTextCursor]) -> None:
        colours = scheme_for(self.editor.palette().color(QPalette.ColorRole.Base).lightness()
                             < 128)
        selections = []
        for cursor in found:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format.setBackground(QColor(colours.find))
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    def _plain(self) -> tuple[str, str] | None:
        """A book-size article's text (lower-cased unless Match case is on) and the text
        to find in it, or None to let the document find (characters Qt counts twice in
        its positions, or whose lower case is longer).

        `QTextDocument.find` walks the document block by block: in a 6.5 MB article, one
        rare word took half a second a call; `str.find` over the plain text (taken once
        per edit) takes a few milliseconds."""
        text = self.find_edit.text()
        if not text:
            return None
        if self._text is None:
            plain = self.editor.toPlainText()
            lower = plain.lower()
            same = len(plain.encode("utf-16-le")) == 2 * len(plain) and len(lower) == len(plain)
            self._text = (plain, lower) if same else ("", "")
        plain, lower = self._text
        if not plain:
            return None
        return (plain, text) if self.case.isChecked() else (lower, text.lower())

    @staticmethod
    def _starts(haystack: str, needle: str, start: int = 0, stop: int | None = None
                ) -> Iterator[int]:
        """Where ``needle`` starts in ``haystack[start:stop]``, in order (not overlapping)."""
        at = haystack.find(needle, start, stop)
        while at >= 0:
            yield at
            at = haystack.find(needle, at + len(needle), stop)

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.editor.textCursor())  # a copy, on the editor's document
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _matches_in_sight(self) -> list[QTextCursor]:
        """The matches from the first line in sight to the last (a few hundred at most)."""
        text = self.find_edit.text()
        if not text:
            return []
        editor, document = self.editor, self.editor.document()
        first = editor.firstVisibleBlock()
        last = editor.cursorForPosition(QPoint(0, editor.viewport().height() - 1)).block()
        begin, end = max(0, first.position() - 1), last.position() + last.length()
        plain = self._plain()
        if plain is not None:
            haystack, needle = plain
            return [self._cursor(at, at + len(needle)) for at, _ in
                    zip(self._starts(haystack, needle, begin, end + len(needle)),
                        range(MARKS_IN_SIGHT), strict=False)]
        found = []
        cursor = document.find(text, begin, self._flags())
        while not cursor.isNull() and cursor.selectionStart() < end and \
                len(found) < MARKS_IN_SIGHT:
            found.append(cursor)
            cursor = document.find(text, cursor, self._flags())
        return found

    def _remark_in_sight(self) -> None:
        if not self.isHidden() and self.editor.document().characterCount() >= MARK_ALL_BELOW:
            self._mark(self._matches_in_sight())

    def _count_step(self) -> None:
        """Count matches for a few milliseconds, from where the last slice stopped."""
        deadline = time.perf_counter() + COUNT_SLICE_SECONDS
        if self._matches is None:
            plain = self._plain()
            self._matches = iter(()) if plain is None else self._starts(*plain)
            if plain is None and self.find_edit.text():  # the document's own find
                self._matches = self._document_matches()
        for start in self._matches:
            self._positions.append(start)
            if time.perf_counter() > deadline:
                self.status.setText(f"{len(self._positions)}+ matches")
                return
        self._counting.stop()
        self._counted = True
        self._show_count()

    def _document_matches(self) -> Iterator[int]:
        document, text, flags = self.editor.document(), self.find_edit.text(), self._flags()
        cursor = document.find(text, 0, flags)
        while not cursor.isNull():
            yield cursor.selectionStart()
            cursor = document.find(text, cursor, flags)

    def _show_count(self) -> None:
        total = len(self._positions)
        if not total:
            self.status.setText("Not found")
            return
        cursor = self.editor.textCursor()
        at = bisect_left(self._positions, cursor.selectionStart())
        if at < total and self._positions[at] == cursor.selectionStart() and \
                self._selection_matches():
            self.status.setText(f"{at + 1} of {total}")
        else:
            self.status.setText(f"{total} match{'es' if total != 1 else ''}")

    def _show_status(self, found: list[QTextCursor]) -> None:
        if not self.find_edit.text():
            self.status.setText("")
            return
        if not found:
            self.status.setText("Not found")
            return
        cursor = self.editor.textCursor()
        at = next((i for i, c in enumerate(found) if c.selectionStart() ==
                   cursor.selectionStart() and c.selectionEnd() == cursor.selectionEnd()), -1)
        total = len(found)
        self.status.setText(f"{at + 1} of {total}" if at >= 0 else
                            f"{total} match{'es' if total != 1 else ''}")

    def _find_plain(self, backwards: bool) -> QTextCursor | None:
        """The next (or previous) match in a book-size article's text, wrapping around
        (a null cursor when there is none); None when the document must find it."""
        plain = self._plain() if self.editor.document().characterCount() >= \
            MARK_ALL_BELOW else None
        if plain is None:
            return None
        haystack, needle = plain
        here = self.editor.textCursor()
        if backwards:
            at = haystack.rfind(needle, 0, here.selectionStart())
            at = haystack.rfind(needle) if at < 0 else at
        else:
            at = haystack.find(needle, here.selectionEnd())
            at = haystack.find(needle) if at < 0 else at
        return self._cursor(at, at + len(needle)) if at >= 0 else QTextCursor()

    def find(self, *, backwards: bool = False) -> bool:
        """Select the next (or previous) match after the cursor, wrapping around."""
        text = self.find_edit.text()
        if not text:
            return False
        document = self.editor.document()
        cursor = self._find_plain(backwards)
        wrapped = cursor is not None  # the plain text's search wraps around itself
        if cursor is None:
            cursor = document.find(text, self.editor.textCursor(),
                                   self._flags(backwards=backwards))
        if cursor.isNull() and not wrapped:  # wrap around
            start = QTextCursor(document)
            if backwards:
                start.movePosition(QTextCursor.MoveOperation.End)
            cursor = document.find(text, start, self._flags(backwards=backwards))
        if cursor.isNull():
            self._show_status([])
            return False
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        if self.editor.document().characterCount() >= MARK_ALL_BELOW:
            self._remark_in_sight()  # the count stands: only the cursor moved
            if self._counted:
                self._show_count()
        else:
            self.mark_all()
        return True

    def _selection_matches(self) -> bool:
        selected = self.editor.textCursor().selectedText()
        text = self.find_edit.text()
        if self.case.isChecked():
            return bool(text) and selected == text
        return bool(text) and selected.casefold() == text.casefold()

    def replace(self) -> bool:
        """Replace the selected match, then go to the next one."""
        if not self._selection_matches() and not self.find():
            return False
        if self._selection_matches():
            self.editor.textCursor().insertText(self.replace_edit.text())
        self.find()
        return True

    def replace_all(self) -> int:
        """Replace every match in one undoable step; returns how many were replaced."""
        found = self.matches()
        if not found:
            self._show_status([])
            return 0
        replacement = self.replace_edit.text()
        edit = QTextCursor(self.editor.document())
        edit.beginEditBlock()
        for cursor in reversed(found):  # from the end: earlier positions stay valid
            cursor.insertText(replacement)
        edit.endEditBlock()
        self.mark_all()
        self.status.setText(f"Replaced {len(found)}")
        return len(found)

    def _text_changed(self) -> None:
        self._text = None
        if not self.isHidden():
            self.mark_all()

    def eventFilter(self, watched: object, event: object) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if watched is self.replace_edit:
                    self.replace()
                else:
                    backwards = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                    self.find(backwards=backwards)
                return True
        return super().eventFilter(watched, event)
