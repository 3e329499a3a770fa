"""Help ▸ About names the version and every component, as ``--version`` does."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from core.components import COMPONENTS
from gui.main_window import MainWindow


def test_about_lists_components(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    about = next(a for a in window.findChildren(QAction)
                 if a.text().replace("&", "") == "About article-compare")
    about.trigger()
    assert len(shown) == 1
    for name in ("Python", "PySide6", "Qt", *(c.name for c in COMPONENTS)):
        assert f"<li>{name} " in shown[0], name
    assert "broken" not in shown[0]
