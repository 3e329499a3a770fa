"""Unhandled exceptions are logged and shown, never silently swallowed.

An exception escaping a Qt slot or event handler reaches ``sys.excepthook``. The hook
installed here logs it, shows it in a non-modal message box (one box at a time, counting
repeats; shown from the event loop, so it never opens inside a paint or a worker thread)
and then hands it on to the hook that was there before (a test harness, say).
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("article-compare")
_MARK = "_article_compare_hook"


class ErrorReporter(QObject):
    """Shows reported errors in one non-modal box on the UI thread."""

    reported = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.box: QMessageBox | None = None
        self.count = 0
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self, message: str, details: str) -> None:
        self.count += 1
        box = self.box
        if box is not None and box.isVisible():
            box.setInformativeText(f"{self.count} errors so far; the latest is shown.")
        else:
            self.count = 1
            box = QMessageBox(QMessageBox.Icon.Critical, "Unexpected error",
                              "Something went wrong inside the program. Your work is still "
                              "there, but what is shown may be out of date.",
                              QMessageBox.StandardButton.Ok, QApplication.activeWindow())
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
            box.setModal(False)
            box.setWindowModality(Qt.WindowModality.NonModal)
            self.box = box
        box.setText(message)
        box.setDetailedText(details)
        box.show()


_reporter: ErrorReporter | None = None


def reporter() -> ErrorReporter | None:
    return _reporter


def install_exception_hook() -> None:
    """Install the hook (once; again only if someone replaced it since)."""
    global _reporter
    previous = sys.excepthook
    if getattr(previous, _MARK, False):
        return
    app = QApplication.instance()
    if _reporter is None and app is not None:
        _reporter = ErrorReporter()
        _reporter.moveToThread(app.thread())

    def hook(kind: type[BaseException], error: BaseException,
             tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("unhandled exception:\n%s", details)
        try:
            if _reporter is not None:
                _reporter.reported.emit(f"{kind.__name__}: {error}", details)
        except Exception:  # reporting must never raise from the hook
            log.exception("could not show the error")
        if previous is not sys.__excepthook__:
            previous(kind, error, tb)

    setattr(hook, _MARK, True)
    sys.excepthook = hook
