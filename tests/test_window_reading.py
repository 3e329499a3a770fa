"""The window's reading aids as a user meets them: the empty state, the find bars, the
View options (remembered), the legend, the heat map, Keyboard Shortcuts, small screens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QToolBar, QToolButton
from window_helpers import drop, file_mime

from core.colours import LIGHT, heat
from core.compare import compare
from core.model import Block, BlockKind, Format, Version
from gui.main_window import SAMPLES, MainWindow, sample_files
from gui.shortcuts_dialog import ShortcutsDialog, shortcut_rows
from gui.similarity import SimilarityMatrix

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_FILES = sorted(str(p) for p in SAMPLES.iterdir() if p.is_file())


def _version(name: str, texts: list[str]) -> Version:
    return Version(name, Format.TEXT, "utf-8",
                   tuple(Block(BlockKind.PARAGRAPH, t) for t in texts))


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, tmp_path: Path):
    win = MainWindow(settings=_settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    yield win
    win.clean_view.set_saved()


def wait_compared(qtbot, win: MainWindow, versions: int) -> None:
    qtbot.waitUntil(
        lambda: not win.loader.busy and not win.comparer.busy and win.comparison is not None
        and len(win.comparison.versions) == versions and not win._compare_timer.isActive(),
        timeout=30000)


def test_empty_state_says_what_to_do_and_its_buttons_work(qtbot, window, monkeypatch) -> None:
    assert window.center_stack.currentWidget() is window.empty_state
    assert window.empty_state.isVisible()
    assert "Drop" in window.empty_state.message.text()
    opened = []
    monkeypatch.setattr(window, "open_files", lambda: opened.append(True))
    window.empty_state.open_files.disconnect()
    window.empty_state.open_files.connect(window.open_files)
    qtbot.mouseClick(window.empty_state.open_button, Qt.MouseButton.LeftButton)
    assert opened == [True]
    qtbot.mouseClick(window.empty_state.samples_button, Qt.MouseButton.LeftButton)
    wait_compared(qtbot, window, len(sample_files()))
    assert window.center_stack.currentWidget() is window.compare_view
    window.close_all()
    qtbot.waitUntil(lambda: window.comparison is None, timeout=10000)
    assert window.center_stack.currentWidget() is window.empty_state

def test_find_bar_counts_steps_and_matches_case(qtbot, window) -> None:
    drop(window, file_mime(SAMPLE_FILES))
    wait_compared(qtbot, window, len(SAMPLE_FILES))
    window.compare_view.table.setFocus()
    window.actions_by_name["find"].trigger()
    bar = window.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "atacms")
    bar.refresh()
    total = window.compare_view.match_count()
    assert total >= 3 and bar.status.text() == f"{total} matches"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.status.text() == f"1 of {total}"
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert bar.status.text() == f"2 of {total}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.status.text() == f"1 of {total}"
    bar.case.setChecked(True)
    assert window.compare_view.match_count() == 0 and bar.status.text() == "Not found"
    bar.edit.setText("ATACMS")
    bar.refresh()
    assert 0 < window.compare_view.match_count() <= total
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and not window.compare_view.model.finds


def test_ctrl_f_in_the_editor_finds_and_replaces_there(qtbot, window) -> None:
    drop(window, file_mime(SAMPLE_FILES))
    wait_compared(qtbot, window, len(SAMPLE_FILES))
    editor = window.clean_view.editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=2000)
    window.actions_by_name["find"].trigger()
    editor_bar = window.clean_view.find_bar
    assert editor_bar.isVisible() and not window.find_bar.isVisible()
    editor_bar.find_edit.setText("Ukraine")
    count = editor_bar.mark_all()
    assert count >= 2 and len(editor.extraSelections()) == count
    assert editor_bar.find()
    assert editor.textCursor().selectedText() == "Ukraine"
    editor_bar.replace_edit.setText("Kyiv's country")
    before = editor.toPlainText()
    assert editor_bar.replace_all() == count
    after = editor.toPlainText()
    assert "Ukraine" not in after and after.count("Kyiv's country") >= count
    window.clean_view.flush()
    window.undo_action.trigger()  # one step of the window's undo takes back every replacement
    assert editor.toPlainText() == before
    assert not window.find_bar.isVisible()  # the comparison's find was never involved


def test_view_options_are_remembered_and_panels_hide(qtbot, tmp_path: Path) -> None:
    win = MainWindow(settings=_settings(tmp_path))
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    a = win.actions_by_name
    assert not a["only_differences"].isChecked()
    win.add_paths(SAMPLE_FILES)
    wait_compared(qtbot, win, len(SAMPLE_FILES))
    a["only_differences"].trigger()
    assert win.compare_view.only_differences()
    folds = win.compare_view.fold_rows()
    left_out = sum(win.compare_view.model.fold_left_out.values())
    assert left_out  # the samples' own clutter, left out of the clean article
    assert folds and win.statusBar().currentMessage() == (
        f"Folded into {len(folds)} rows: {sum(folds.values()) - left_out} identical "
        f"passages, {left_out} left out. Differing passages show the words around their "
        "changes; select one to read it whole.")
    win.view_options.context_actions[3].trigger()
    assert win.compare_view.context() == 3
    a["show_versions_panel"].trigger()
    assert not win.splitter.widget(0).isVisible()
    a["show_legend"].trigger()
    assert not win.view_options.legend.isVisible()
    win.close()
    again = MainWindow(settings=_settings(tmp_path))
    qtbot.addWidget(again)
    again.show()
    b = again.actions_by_name
    assert b["only_differences"].isChecked() and again.compare_view.only_differences()
    assert again.compare_view.context() == 3 and again.view_options.context_actions[3].isChecked()
    assert not b["show_versions_panel"].isChecked() and not again.splitter.widget(0).isVisible()
    assert not again.view_options.legend.isVisible()
    # a comparison in which every passage differs: the status bar says why nothing folds
    different = compare([_version("a", ["First words of one passage.", "And another one."]),
                         _version("b", ["First words of one paragraph.", "And another two."])])
    again.compare_view.set_comparison(different)
    assert not again.compare_view.fold_rows()
    assert again.view_options.fold_summary() == (
        "Nothing to fold: no run of passages is the same in all 2 versions shown or left "
        "out of the clean article.")
    b["show_versions_panel"].trigger()
    assert again.splitter.widget(0).isVisible()
    in_view_menu = [x.text() for x in again.menuBar().actions()[2].menu().actions()]
    assert "Show Only &Differences" in in_view_menu and "Clean &Article Panel" in in_view_menu


def test_legend_shows_the_scheme_colours(qtbot, window) -> None:
    legend = window.view_options.legend
    assert legend.isVisible()
    entries = legend.entries()
    scheme = window.compare_view.delegate.scheme
    assert entries["ins"] == ("added", scheme.ins.name())
    assert entries["chg"] == ("changed", scheme.chg.name())
    assert entries["del"][1] == scheme.delete.name()
    assert "line-through" in legend.labels["del"].text()


def test_keyboard_shortcuts_lists_every_action_key(qtbot, window) -> None:
    dialog = window.view_options.show_shortcuts()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ShortcutsDialog) and dialog.isVisible()
    listed = {(command, keys) for _, command, keys in dialog.rows()}
    for action in window.findChildren(type(window.actions_by_name["open"])):
        keys = ", ".join(k.toString() for k in action.shortcuts() if not k.isEmpty())
        if keys and action.isVisible():
            assert any(keys == k for _, k in listed), (action.text(), keys)
    commands = {c for c, _ in listed}
    assert {"Show Only Differences", "Next Difference", "Keyboard Shortcuts",
            "Find and Replace in the Clean Article", "Undo"} <= commands
    assert len(shortcut_rows(window)) == len({(r[1], r[2]) for r in shortcut_rows(window)})


def _cell_colour(matrix: SimilarityMatrix, i: int, j: int):
    label, top, cell = matrix._geometry()
    image = matrix.grab().toImage()
    return image.pixelColor(int(label + j * cell + 2), int(top + i * cell + 2)).name()


def test_heat_map_is_absolute_with_numbers_and_a_legend(qtbot) -> None:
    first, second = SimilarityMatrix(), SimilarityMatrix()
    for matrix in (first, second):
        qtbot.addWidget(matrix)
        matrix.resize(300, 300)
        matrix.setPalette(QApplication.palette())
    first.set_matrix(["a", "b"], [[100, 92], [92, 100]])
    second.set_matrix(["a", "b", "c"], [[100, 92, 40], [92, 100, 60], [40, 60, 100]])
    assert _cell_colour(first, 0, 1) == _cell_colour(second, 0, 1) == heat(92, LIGHT)
    assert _cell_colour(second, 0, 2) == heat(40, LIGHT) != heat(92, LIGHT)
    assert first.numbers_shown()
    thirteen = SimilarityMatrix()
    qtbot.addWidget(thirteen)
    thirteen.resize(260, 330)
    values = [[100 if i == j else 80 + i + j for j in range(13)] for i in range(13)]
    thirteen.set_matrix([f"version {i}" for i in range(13)], values)
    assert thirteen.numbers_shown()  # labels are numbers then: room for the values
    label, top, cell = thirteen._geometry()
    image = thirteen.grab().toImage()
    legend_y = int(top + 13 * cell + 6 + 4)
    left = image.pixelColor(int(label + 2), legend_y).name()
    right = image.pixelColor(int(thirteen.width() - 12), legend_y).name()
    assert left != right  # the 0-100 % legend bar under the map


@pytest.mark.parametrize("width", [260, 200, 150])
def test_heat_map_column_numbers_never_run_together(qtbot, width: int) -> None:
    from PySide6.QtGui import QFontMetrics

    matrix = SimilarityMatrix()
    qtbot.addWidget(matrix)
    matrix.resize(width, width + 60)
    matrix.set_matrix([f"version {i}" for i in range(13)], [[100] * 13 for _ in range(13)])
    _, _, cell = matrix._geometry()
    font, stride = matrix.column_labels(cell)
    # each drawn number has the room of `stride` cells, and the widest fits it
    assert QFontMetrics(font).horizontalAdvance("13") + 2 <= stride * cell
    assert stride == 1 or QFontMetrics(font).horizontalAdvance("13") + 2 > (stride - 1) * cell
    matrix.grab()  # paints with them


def test_small_window_overflows_the_toolbar(qtbot, window) -> None:
    window.resize(1024, 700)
    drop(window, file_mime(SAMPLE_FILES))
    wait_compared(qtbot, window, len(SAMPLE_FILES))
    qtbot.waitUntil(lambda: not window.compare_view.layout_pending(), timeout=20000)
    toolbar = window.findChild(QToolBar, "main-toolbar")
    extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is not None and extension.isVisible()
    assert window.width() <= 1024 and window.height() <= 700
    view = window.compare_view
    assert all(view.table.columnWidth(c) >= view.readable_width()
               for c in range(view.model.columnCount()))


SCALED = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from gui.main_window import MainWindow, sample_files
win = MainWindow(settings=QSettings(sys.argv[1], QSettings.Format.IniFormat))
win.resize(1024, 700)
win.show()
win.add_paths(sample_files())
import time
end = time.time() + 60
while time.time() < end and (win.comparison is None or win.compare_view.layout_pending()):
    app.processEvents()
view = win.compare_view
assert win.comparison is not None, "not compared"
assert view.model.columnCount() == 4
assert all(view.table.columnWidth(c) >= view.readable_width() for c in range(4))
assert win.find_bar.sizeHint().width() <= win.width() * 2
print(app.devicePixelRatio(), view.readable_width(), win.width())
win.clean_view.set_saved()
"""


@pytest.mark.parametrize("factor", ["1.5", "2"])
def test_window_works_at_scale_factors(tmp_path: Path, factor: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": factor}
    result = subprocess.run([sys.executable, "-c", SCALED, str(tmp_path / "s.ini")], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    ratio = float(result.stdout.split()[0])
    assert ratio == float(factor)
