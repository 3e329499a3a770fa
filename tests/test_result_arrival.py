"""What the comparison view looks its rows up by comes with the result (worked out by the
job, off the UI thread), and the view shown from it is the one it would build itself."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("PySide6")

from window_helpers import settled_with

from core.align import Alignment
from core.compare import DiffOptions
from core.load import load_path
from gui.compare_job import compare_for_window
from gui.compare_view import CompareView
from gui.main_window import sample_files

SAMPLES = sample_files()


def _nothing(*_: object) -> None:
    pass


def test_a_view_given_the_row_index_is_the_view_that_works_it_out(qtbot) -> None:
    versions = [load_path(p) for p in SAMPLES]
    result = compare_for_window(versions, 0, DiffOptions(), {}, "majority", [1, 2, 3, 4],
                                None, _nothing)
    assert result.index is not None
    fates = result.rendering.rendered.fates
    given, worked_out = CompareView(), CompareView()
    for view in (given, worked_out):
        qtbot.addWidget(view)
        view.resize(1000, 700)
        view.show()
    given.set_comparison(result.comparison, fates, kinds=result.kinds, index=result.index)
    worked_out.set_comparison(result.comparison, fates)
    a, b = given.model, worked_out.model
    assert a.differing_rows() == b.differing_rows() and a.differing_rows()
    assert a.differing_marks() == b.differing_marks()
    assert a.all_dropped_rows() == b.all_dropped_rows()
    assert a.row_kinds() == b.row_kinds()
    rows, columns = a.rowCount(), a.columnCount()
    assert (rows, columns) == (b.rowCount(), b.columnCount())
    for row in range(rows):
        for column in range(columns):
            assert a.length(row, column) == b.length(row, column)
            assert a.moved_note(row, column) == b.moved_note(row, column)
    assert given.strip._marks == worked_out.strip._marks  # the overview strip's marks
    # a recompute with no index falls back to working it out (and clears the old one)
    given.set_comparison(result.comparison, fates)
    assert given.model.differing_rows() == b.differing_rows()
    given.set_comparison(None)
    assert given.model.differing_rows() == [] and given.model.differing_marks() == []


def test_the_window_never_indexes_rows_on_the_ui_thread(
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[int] = []
    real = Alignment.row_of
    monkeypatch.setattr(Alignment, "row_of",
                        lambda self: threads.append(threading.get_ident()) or real(self))
    window.add_paths(SAMPLES)
    qtbot.waitUntil(lambda: settled_with(window, 4), timeout=30000)
    view = window.compare_view
    row = view.model.differing_rows()[-1]
    view.set_current_row(row)
    window.actions_by_name["ignore_case"].trigger()  # a recompute keeps the place
    qtbot.waitUntil(lambda: settled_with(window, 4) and
                    window.comparison.options.ignore_case, timeout=30000)
    assert view.current_row() == row
    assert threads and threading.get_ident() not in threads
