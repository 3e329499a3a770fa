"""The main window as a user drives it: drops, navigation, restore, save, responsiveness."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

import itertools

from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent

from gui import main_window as mw
from gui.main_window import SAMPLES, MainWindow

SAMPLE_FILES = sorted(str(p) for p in SAMPLES.iterdir() if p.is_file())


@pytest.fixture
def window(qtbot, tmp_path: Path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    yield win
    win.clean_view.set_saved()


def wait_compared(qtbot, win: MainWindow, versions: int, timeout: int = 20000) -> None:
    qtbot.waitUntil(
        lambda: not win.loader.busy and not win.comparer.busy and win.comparison is not None
        and len(win.comparison.versions) == versions and not win._compare_timer.isActive(),
        timeout=timeout,
    )


def drop(win: MainWindow, mime: QMimeData) -> None:
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    win.dropEvent(event)


def file_mime(paths: list[str]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
    mime.setText("\n".join(QUrl.fromLocalFile(p).toString() for p in paths))
    return mime


def test_drop_of_files_loads_them_and_rows_match_the_engine(qtbot, window) -> None:
    drop(window, file_mime(SAMPLE_FILES))
    wait_compared(qtbot, window, len(SAMPLE_FILES))
    model = window.compare_view.table.model()
    assert model.columnCount() == len(SAMPLE_FILES)
    assert model.rowCount() == len(window.comparison.alignment.rows)
    assert [e.version.path for e in window.versions.entries] == SAMPLE_FILES
    assert "Joe Biden Allows Ukraine" in window.clean_view.text()


def test_folder_drop_and_bad_file_among_good_ones(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "versions"
    folder.mkdir()
    for name in ("scraped.txt", "revised.txt"):
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    drop(window, file_mime([str(folder)]))
    wait_compared(qtbot, window, 2)
    assert window.problems.isVisible()
    assert any("broken.txt" in m and "binary" in m for m in window.problems.messages)
    assert sorted(e.version.name for e in window.versions.entries) == ["revised.txt",
                                                                      "scraped.txt"]


def test_dropped_text_becomes_a_version(qtbot, window) -> None:
    drop(window, file_mime(SAMPLE_FILES[:1]))
    wait_compared(qtbot, window, 1)
    mime = QMimeData()
    mime.setText("A Headline\n\nA paragraph of text dragged from a browser window today.")
    drop(window, mime)
    wait_compared(qtbot, window, 2)
    assert window.versions.entries[-1].version.name == "Dropped text 1"


def test_next_and_previous_difference_move_the_current_row(qtbot, window) -> None:
    window.add_paths(SAMPLE_FILES[:2])
    wait_compared(qtbot, window, 2)
    rows = window.comparison.alignment.rows
    differing = [i for i, r in enumerate(rows) if r.status.value != "same" or r.moved]
    window.next_difference()
    first = window.compare_view.current_row()
    assert first == differing[0]
    window.next_difference()
    assert window.compare_view.current_row() == differing[1]
    window.previous_difference()
    assert window.compare_view.current_row() == first


def test_restoring_a_dropped_block_puts_it_back(qtbot, window) -> None:
    window.add_paths([str(SAMPLES / "scraped.txt")])
    wait_compared(qtbot, window, 1)
    assert "© Getty Images/Alex Wong" not in window.clean_view.text()
    items = [window.clean_view.removed.topLevelItem(i)
             for i in range(window.clean_view.removed.topLevelItemCount())]
    credit = next(item for item in items if item.text(0) == "© Getty Images/Alex Wong")
    window.clean_view.removed.setCurrentItem(credit)
    window.clean_view.restore_current()
    qtbot.waitUntil(lambda: "© Getty Images/Alex Wong" in window.clean_view.text(),
                    timeout=10000)
    restored = [window.clean_view.removed.topLevelItem(i).text(0)
                for i in range(window.clean_view.removed.topLevelItemCount())]
    assert "(restored by you)" in restored


def test_save_writes_atomically_and_refuses_an_input(qtbot, window, tmp_path, monkeypatch):
    source = tmp_path / "scraped.txt"
    source.write_bytes((SAMPLES / "scraped.txt").read_bytes())
    before = source.read_bytes(), os.stat(source).st_mtime_ns
    window.add_paths([str(source)])
    wait_compared(qtbot, window, 1)
    warnings: list[str] = []
    monkeypatch.setattr(mw.QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    assert not window.save_to(str(source))
    assert "input file" in warnings[0]
    assert (source.read_bytes(), os.stat(source).st_mtime_ns) == before
    window.clean_view.editor.appendPlainText("\nA line the user added.")
    assert window.isWindowModified()
    out = tmp_path / "clean.md"
    assert window.save_to(str(out))
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Joe Biden Allows") and "A line the user added." in text
    assert not window.isWindowModified()
    assert window.export_report_to(str(tmp_path / "report.html"))
    assert "Content-Security-Policy" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_excluding_a_version_recomputes_without_it(qtbot, window) -> None:
    window.add_paths(SAMPLE_FILES)
    wait_compared(qtbot, window, len(SAMPLE_FILES))
    window.versions.set_included(len(SAMPLE_FILES) - 1, False)
    wait_compared(qtbot, window, len(SAMPLE_FILES) - 1)
    assert window.compare_view.table.model().columnCount() == len(SAMPLE_FILES) - 1


def test_ui_stays_responsive_during_a_large_comparison(qtbot, window, tmp_path) -> None:
    words = [f"word{i % 997}" for i in range(60_000)]
    text_a = "\n\n".join(" ".join(words[i:i + 60]) + "." for i in range(0, len(words), 60))
    text_b = text_a.replace("word5 ", "changed ").replace("word77 word78", "word78")
    (tmp_path / "a.txt").write_text(text_a, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text_b, encoding="utf-8")
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    window.add_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    wait_compared(qtbot, window, 2, timeout=60000)
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 5
    assert max(gaps) < 0.5, f"the UI thread stalled for {max(gaps):.2f} s"


def test_screenshot_with_samples(qtbot, window, tmp_path) -> None:
    window.add_paths(SAMPLE_FILES)
    wait_compared(qtbot, window, len(SAMPLE_FILES))
    qtbot.wait(300)
    shot = tmp_path / "window.png"
    assert window.grab().save(str(shot))
    assert shot.stat().st_size > 20_000
