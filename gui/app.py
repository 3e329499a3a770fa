"""Starting the window: ``article-compare [FILE_OR_FOLDER...]`` or ``--demo``."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Sequence
from types import TracebackType

log = logging.getLogger("article-compare")


def _install_exception_hook() -> None:
    """Unhandled exceptions are logged and shown, never silently swallowed."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    def hook(kind: type[BaseException], error: BaseException,
             tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("unhandled exception:\n%s", details)
        app = QApplication.instance()
        if app is not None:
            box = QMessageBox(QMessageBox.Icon.Critical, "Unexpected error",
                              f"{kind.__name__}: {error}", QMessageBox.StandardButton.Ok)
            box.setDetailedText(details)
            box.exec()

    sys.excepthook = hook


def run_window(paths: Sequence[str], *, demo: bool = False) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from gui.main_window import RESOURCES, MainWindow, sample_files

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("article-compare")
    app.setOrganizationName("article-compare")
    app.setApplicationDisplayName("Article Compare")
    app.setDesktopFileName("article-compare")
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "app.svg")))
    _install_exception_hook()
    window = MainWindow()
    window.show()
    if demo:
        paths = [*sample_files(), *paths]
    if paths:
        window.add_paths(list(paths))
    return app.exec()
