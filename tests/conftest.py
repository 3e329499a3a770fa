"""Test set-up shared by all tests: Qt renders offscreen; paths to test data."""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the checkout; tests using it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(autouse=True)
def _modal_dialogs_fail_instead_of_blocking(monkeypatch: pytest.MonkeyPatch):
    """A message box or file dialog nobody answers would hang the run (offscreen, nobody
    clicks): it fails the test instead. Tests that expect one patch it themselves."""
    if "PySide6.QtWidgets" not in sys.modules:
        yield
        return
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    def refuse(*args: object, **kwargs: object) -> None:
        texts = [a for a in args if isinstance(a, str)]
        raise AssertionError(f"an unanswered modal dialog would block: {texts[:2]}")

    for name in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    for name in ("getOpenFileNames", "getOpenFileName", "getSaveFileName",
                 "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, refuse)
    yield


@pytest.fixture(autouse=True)
def _closed_widgets_deleted_before_the_next_test(request: pytest.FixtureRequest):
    """pytest-qt closes a test's widgets with ``deleteLater``, which only an event loop
    returning to its level carries out; until then they live on, and a cyclic garbage
    collection in a later test could free their Python side first, so that Qt, deleting
    them, called into half-cleared objects (a crash). Deleting them here, at the end of
    each test that used qtbot, keeps that order right. A signal that reaches a widget
    being deleted ("Slot ... not found") is reported as a warning, not a test failure:
    the test is over and its widgets are going."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    qtbot = request.getfixturevalue("qtbot")  # set up first, so torn down after this
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    with qtbot.capture_exceptions() as caught:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for _, error, _ in caught:
        warnings.warn(f"while deleting closed widgets: {error!r}", stacklevel=1)


@pytest.fixture
def window(qtbot, tmp_path: Path):
    """The main window at 1400x900 with settings of its own; an article a test changed
    is not asked about on closing. (Imported here, so tests without Qt never load it.)"""
    from PySide6.QtCore import QSettings

    from gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win, before_close_func=lambda w: w.clean_view.set_saved())
    win.resize(1400, 900)
    win.show()
    return win
