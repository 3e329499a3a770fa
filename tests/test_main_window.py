"""The main window as a user drives it: drops, navigation, restore, save, responsiveness."""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

import itertools

from PySide6.QtCore import QMimeData, QSettings, QTimer
from window_helpers import drop, file_mime

from gui import main_window as mw
from gui.main_window import SAMPLES, MainWindow

SAMPLE_FILES = sorted(str(p) for p in SAMPLES.iterdir() if p.is_file())


def wait_compared(qtbot, win: MainWindow, versions: int, timeout: int = 20000) -> None:
    qtbot.waitUntil(
        lambda: not win.loader.busy and not win.comparer.busy and win.comparison is not None
        and len(win.comparison.versions) == versions and not win._compare_timer.isActive(),
        timeout=timeout,
    )






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
    restored = [(window.clean_view.removed.topLevelItem(i).text(0),
                 window.clean_view.removed.topLevelItem(i).text(1))
                for i in range(window.clean_view.removed.topLevelItemCount())]
    # the restored passage is listed with its own text, so it can be left out again
    assert ("© Getty Images/Alex Wong", "kept at your request") in restored


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
    # what earlier tests left on the heap is not this window's: a full collection walking
    # it paused the UI thread 0.4-0.55 s in a whole-suite run, never in a run of this test
    gc.collect()
    gc.freeze()
    try:
        _comparison_leaves_the_ui_responsive(qtbot, window, tmp_path)
    finally:
        gc.unfreeze()


def _comparison_leaves_the_ui_responsive(qtbot, window, tmp_path) -> None:
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


# --- robustness: stale choices, overwriting, unhandled exceptions, layout ----------------
def _cell_of(win: MainWindow, entry_row: int, needle: str) -> tuple[int, int, tuple[int, ...]]:
    """(row, column, blocks) of the shown cell of ``entry_row``'s version containing needle."""
    uid = win.versions.entries[entry_row].uid
    column = win._compared_uids.index(uid)
    c = win.comparison
    for r, row in enumerate(c.alignment.rows):
        if row.cells[column] and needle in c.cell_text(r, column):
            return r, column, row.cells[column]
    raise AssertionError(needle)


def test_a_chosen_wording_follows_its_passage_when_the_rows_change(qtbot, window) -> None:
    paths = [str(SAMPLES / n) for n in ("site-page.html", "scraped.txt", "revised.txt")]
    window.add_paths(paths)
    wait_compared(qtbot, window, 3)
    row, column, blocks = _cell_of(window, 2, "Biden")
    menu = window.compare_view.context_menu(row, column)
    window.versions.set_base(2)  # the rows change before the click lands
    menu.actions()[0].trigger()
    wait_compared(qtbot, window, 3)
    qtbot.waitUntil(lambda: window.comparison.base == 2, timeout=10000)
    c = window.comparison
    column = window._compared_uids.index(window.versions.entries[2].uid)
    chosen = [r for r, v in enumerate(c.consensus.rows) if v.by_user]
    assert chosen, "the choice was lost"
    assert all(c.alignment.rows[r].cells[column] == blocks for r in chosen)
    # and a version that is not compared leaves its choice dormant, never misapplied
    window.versions.set_base(0)
    window.versions.set_included(2, False)
    wait_compared(qtbot, window, 2)
    assert not any(v.by_user for v in window.comparison.consensus.rows)
    window.versions.set_included(2, True)
    wait_compared(qtbot, window, 3)
    assert any(v.by_user for v in window.comparison.consensus.rows)


def test_save_asks_before_replacing_a_file_it_did_not_write(qtbot, window, tmp_path,
                                                            monkeypatch) -> None:
    window.add_paths([str(SAMPLES / "scraped.txt")])
    wait_compared(qtbot, window, 1)
    asked: list[str] = []
    answer = [mw.QMessageBox.StandardButton.No]

    def question(*args, **kwargs):
        asked.append(args[2])
        return answer[0]

    monkeypatch.setattr(mw.QMessageBox, "question", question)
    existing = tmp_path / "notes.txt"
    existing.write_text("someone else's file\n", encoding="utf-8")
    assert not window.save_to(str(existing))
    assert existing.read_text(encoding="utf-8") == "someone else's file\n"
    assert "already exists" in asked[-1]
    # the file dialog confirmed a name it returned; but not a name the window extended
    monkeypatch.setattr(mw.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "notes"), "Plain text (*.txt)"))
    assert not window.save_as()
    assert existing.read_text(encoding="utf-8") == "someone else's file\n"
    answer[0] = mw.QMessageBox.StandardButton.Yes
    count = len(asked)
    assert window.save_as()
    assert len(asked) == count + 1 and "Joe Biden" in existing.read_text(encoding="utf-8")
    # saving again over what this window wrote needs no question ...
    assert window.save()
    assert len(asked) == count + 1
    # ... unless another program changed the file meanwhile
    existing.write_text("edited elsewhere, and longer than before\n", encoding="utf-8")
    answer[0] = mw.QMessageBox.StandardButton.No
    assert not window.save()
    assert "changed by another program" in asked[-1]
    # closing everything starts a new article: the next Save asks for a name
    window.close_all()
    assert window.save_path is None


def test_an_exception_in_a_slot_is_logged_and_shown(qtbot, tmp_path, caplog) -> None:
    from gui import errors

    def boom() -> None:
        raise RuntimeError("a bug in a slot")

    with qtbot.capture_exceptions() as exceptions:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        win = MainWindow(settings=settings)
        qtbot.addWidget(win)
        win.show()
        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: bool(exceptions), timeout=5000)
        reporter = errors.reporter()
        qtbot.waitUntil(lambda: reporter.box is not None and reporter.box.isVisible(),
                        timeout=5000)
    assert "a bug in a slot" in str(exceptions[0][1])
    assert "RuntimeError: a bug in a slot" in reporter.box.text()
    assert "Traceback" in reporter.box.detailedText()
    assert any("a bug in a slot" in r.getMessage() for r in caplog.records)
    assert not reporter.box.isModal()
    reporter.box.close()


def test_row_layout_settles_with_hidden_rows(qtbot, window) -> None:
    window.add_paths(SAMPLE_FILES)
    wait_compared(qtbot, window, len(SAMPLE_FILES))
    view = window.compare_view
    if view.show_dropped():
        window.actions_by_name["show_dropped"].trigger()
    assert any(view.is_row_hidden(r) for r in range(view.model.rowCount()))
    qtbot.waitUntil(lambda: not view.layout_pending(), timeout=5000)


def test_a_closed_version_is_still_never_saved_over(qtbot, window, tmp_path, monkeypatch):
    source = tmp_path / "scraped.txt"
    source.write_bytes((SAMPLES / "scraped.txt").read_bytes())
    window.add_paths([str(source), str(SAMPLES / "revised.txt")])
    wait_compared(qtbot, window, 2)
    window.versions_view.selectRow(0)
    window.close_version()
    wait_compared(qtbot, window, 1)
    warnings: list[str] = []
    monkeypatch.setattr(mw.QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    assert not window.save_to(str(source))
    assert "input file" in warnings[0]
    assert source.read_bytes() == (SAMPLES / "scraped.txt").read_bytes()


def test_a_file_still_loading_is_never_saved_over(qtbot, window, tmp_path, monkeypatch):
    source = tmp_path / "loading.txt"
    source.write_bytes((SAMPLES / "scraped.txt").read_bytes())
    before = source.read_bytes()
    warnings: list[str] = []
    monkeypatch.setattr(mw.QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    window.add_paths([str(source)])
    assert not window.save_to(str(source))  # asked for at once, before it has loaded
    assert warnings and "input file" in warnings[0]
    wait_compared(qtbot, window, 1)
    assert source.read_bytes() == before
