"""Find in a book-size clean article marks the matches in sight and counts the rest a slice
at a time: typing a common letter into the find field no longer finds every match of a
6.5 MB article at once."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QPlainTextEdit

from gui import editor_find
from gui.editor_find import EditorFindBar


def test_a_long_article_is_marked_in_sight_and_counted_in_slices(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(editor_find, "MARK_ALL_BELOW", 10_000)
    monkeypatch.setattr(editor_find, "COUNT_SLICE_SECONDS", 0.0)  # one match a slice
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText("\n\n".join(f"Paragraph {i}: the harbour ferry crossed again."
                                    for i in range(2000)))
    bar = EditorFindBar(editor)
    qtbot.addWidget(bar)
    editor.resize(500, 400)
    editor.show()
    bar.show()
    real = editor.document
    walks: list[str] = []

    class Document:  # counts the document's own find, which walks every block
        def __getattr__(self, name: str):
            if name == "find":
                walks.append(name)
            return getattr(real(), name)

    monkeypatch.setattr(editor, "document", lambda: Document())
    bar.find_edit.setText("ferry")
    marked = len(editor.extraSelections())
    assert 0 < marked < 100  # the ones in sight, not 2,000
    first = editor.firstVisibleBlock().blockNumber()
    assert all(s.cursor.block().blockNumber() >= first for s in editor.extraSelections())
    assert not bar.status.text().startswith("2000")  # still counting
    qtbot.waitUntil(lambda: bar.status.text() == "2000 matches", timeout=20000)
    assert bar.find()
    assert bar.status.text() == "1 of 2000"
    bar.find_edit.setText("paragraph 1999:")  # a rare match, far below
    assert bar.find() and editor.textCursor().selectedText() == "Paragraph 1999:"
    assert bar.find(backwards=True) and editor.textCursor().selectedText() == "Paragraph 1999:"
    assert walks == []  # searched in the plain text, never block by block
    editor.verticalScrollBar().setValue(editor.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: any(s.cursor.block().blockNumber() > 3000
                                for s in editor.extraSelections()), timeout=5000)


def test_a_bar_whose_editor_is_deleted_stops_its_timers(qtbot) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    editor = QPlainTextEdit()
    editor.setPlainText("the harbour ferry crossed again.\n" * 50)
    bar = EditorFindBar(editor)
    qtbot.addWidget(bar)
    bar.show()
    bar.find_edit.setText("ferry")
    bar._in_sight.start()
    bar._counting.start()
    editor.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not bar._in_sight.isActive() and not bar._counting.isActive()
    qtbot.wait(60)  # a timer left running would now search the deleted editor
