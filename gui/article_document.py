"""The clean article's editor document, built off the UI thread for a book-size article.

Setting a 6.5 MB article into the editor (`QPlainTextEdit.setPlainText`) took 90-150 ms
of the UI thread. :func:`prepare` runs on the comparison's worker thread instead (see
`gui.tasks.TaskRunner.start`'s ``then``): it fills a `QTextDocument` there (Qt releases
the GIL while it does), hands the document to the UI thread, and the editor then only
takes it over (`gui.clean_view.CleanView.offer_document`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument

from gui.compare_job import WindowResult

__all__ = ["PREPARE_ABOVE", "prepare"]

PREPARE_ABOVE = 500_000
"""Characters of article above which its document is built off the UI thread."""


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
    document.setPlainText(text)
    document.moveToThread(app.thread())
    return result._replace(document=(text, document))
