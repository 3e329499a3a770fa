"""Starting the window: ``article-compare [FILE_OR_FOLDER...]`` or ``--demo``."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

log = logging.getLogger("article-compare")


def run_window(paths: Sequence[str], *, demo: bool = False) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from core.components import statuses
    from gui.errors import install_exception_hook
    from gui.main_window import RESOURCES, MainWindow, sample_files
    from gui.worker_process import prewarm

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("article-compare")
    app.setOrganizationName("article-compare")
    app.setApplicationDisplayName("Article Compare")
    app.setDesktopFileName("article-compare")
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "app.svg")))
    install_exception_hook()
    statuses(log_broken=True)
    window = MainWindow()
    window.show()
    prewarm()  # the first files dropped need not wait for a worker process to start
    if demo:
        paths = [*sample_files(), *paths]
    if paths:
        window.add_paths(list(paths))
    return app.exec()
