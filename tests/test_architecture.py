"""The layering the project relies on: core never reaches up into Qt or the GUI."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "core"
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "gui")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_sources_import_no_qt_or_gui() -> None:
    offenders = {
        str(path.relative_to(CORE.parent)): sorted(_imports(path) & set(FORBIDDEN))
        for path in CORE.rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_qt_binding_keeps_python_singletons_alive() -> None:
    """PySide6 6.12.0 on Python 3.11 lost a reference to True/None per call and aborted."""
    import os
    import sys

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QWidget

    class Emitter(QObject):
        flag = Signal(bool)

    app = QApplication.instance() or QApplication([])
    emitter = Emitter()
    emitter.flag.connect(lambda value: None)
    widget = QWidget()
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        emitter.flag.emit(True)
        widget.setEnabled(True)
    assert (sys.getrefcount(True), sys.getrefcount(None)) >= (before[0] - 20, before[1] - 20)
    assert app is not None
