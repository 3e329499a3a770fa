"""The clean article's editor document, built off the UI thread for a book-size article.

Setting a 6.5 MB article into the editor (`QPlainTextEdit.setPlainText`) took 90-150 ms
of the UI thread. :func:`prepare` runs on the comparison's worker thread instead (see
`gui.tasks.TaskRunner.start`'s ``then``): it fills a `QTextDocument` there, hands the
document to the UI thread, and the editor then only takes it over
(`gui.clean_view.CleanView.offer_document`).

PySide keeps the GIL for the whole of one Qt call: a single ``setPlainText`` of 6.5 MB on
the worker thread froze the window for 0.2-0.65 s just the same. So the text goes in in
slices of `SLICE_CHARS` (a few milliseconds each), and the GIL is let go between them.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextCursor, QTextDocument

from gui.compare_job import WindowResult

__all__ = ["PREPARE_ABOVE", "SLICE_CHARS", "fill", "prepare"]

PREPARE_ABOVE = 500_000
"""Characters of article above which its document is built off the UI thread."""
SLICE_CHARS = 32_768
"""Characters inserted in one Qt call (about 3 ms; measured: 64 KB slices kept the other
threads' longest wait at 18 ms, 16 KB at 9 ms, one call of 6 MB at 600 ms)."""


def fill(document: QTextDocument, text: str, slice_chars: int = SLICE_CHARS) -> None:
    """Put ``text`` into the empty ``document`` a slice at a time, letting other threads
    run between slices (the same blocks as ``setPlainText``)."""
    cursor = QTextCursor(document)
    start = 0
    while start < len(text):
        end = start + slice_chars
        if text[end - 1:end] == "\r":  # a "\r\n" is one line break: keep it in one slice
            end += 1
        cursor.insertText(text[start:end])
        start = end
        time.sleep(0)  # lets the UI thread take the GIL


def prepare(result: WindowResult) -> WindowResult:
    """``result`` with its article's document built, when the article is book-size.

    Call it on a worker thread (it blocks while Qt fills the document).
    """
    text = result.rendering.rendered.text
    app = QCoreApplication.instance()
    if len(text) <= PREPARE_ABOVE or app is None:
        return result
    document = QTextDocument()
    document.setUndoRedoEnabled(False)  # the window's undo stack holds every edit
    fill(document, text)
    document.moveToThread(app.thread())
    return result._replace(document=(text, document))
