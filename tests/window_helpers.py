"""Driving the main window in tests as a drop from a file manager or a browser would."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from gui.main_window import MainWindow


def drop(win: MainWindow, mime: QMimeData) -> None:
    """Deliver ``mime`` to the window as a drop at a point inside it."""
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    win.dropEvent(event)


def file_mime(paths: list[str], *, with_text: bool = True) -> QMimeData:
    """File URLs, with the text/plain copy of them that X11 file managers add."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
    if with_text:
        mime.setText("\n".join(QUrl.fromLocalFile(p).toString() for p in paths))
    return mime


def settled_with(win: MainWindow, versions: int) -> bool:
    """True once ``versions`` versions are loaded and compared and nothing is pending."""
    return (not win.loader.busy and not win.comparer.busy and win.comparison is not None
            and len(win.comparison.versions) == versions and not win._compare_timer.isActive())
