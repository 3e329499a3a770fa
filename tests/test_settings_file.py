"""A settings file edited by hand (or damaged) never stops the window from opening;
the window's writer never fails on text it cannot encode."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings

from gui.main_window import MainWindow

DAMAGED = """[General]
font_size=abc
recent=/only/one/path.txt
last_folder=@Invalid()
geometry=not bytes
window_state=12
splitter=@ByteArray(garbage)
ignore_case=maybe
show_dropped=2
"""


@pytest.mark.parametrize("font_size", ["abc", "-3", "1e9", "", "@Invalid()", "12.5"])
def test_window_opens_on_a_damaged_settings_file(qtbot, tmp_path: Path, font_size) -> None:
    ini = tmp_path / "settings.ini"
    ini.write_text(DAMAGED.replace("font_size=abc", f"font_size={font_size}"), encoding="utf-8")
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.show()
    win.zoom(1)  # reads the stored size again
    win._fill_recent_menu()
    texts = [a.text() for a in win.recent_menu.actions()]
    assert "/only/one/path.txt" in texts  # one path, not one menu entry per character
    assert int(settings.value("font_size")) >= 6


def test_the_window_writer_survives_a_lone_surrogate(tmp_path: Path) -> None:
    """No loaded text holds one (loading replaces them), but an export must not crash."""
    from gui.main_window import write_with_qsavefile

    target = tmp_path / "report.html"
    assert write_with_qsavefile(str(target), "a\ud800b") is None
    assert target.read_bytes() == b"a?b"
