"""A book-size comparison leaves the window's UI thread free: what the result needs per row
is worked out in the job, the article's editor document is filled on a worker thread, the
overview strip finds its bands without walking every row, and Cancel keeps what is shown."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView
from window_helpers import settled_with

from core.compare import DiffOptions
from core.draft import Decision
from core.load import load_path
from core.model import Version
from gui import article_document, article_session, compare_job, compare_view, overview_strip
from gui.article_session import ArticleSession
from gui.compare_job import compare_for_window
from gui.loading import load_paths
from gui.main_window import sample_files
from gui.overview_strip import OverviewStrip
from gui.tasks import TaskRunner
from gui.versions_panel import VersionsModel

SAMPLES = sample_files()


def _nothing(*_: object) -> None:
    pass



def test_the_result_brings_row_kinds_and_the_rendered_article(
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing per row is worked out on the UI thread when a result arrives."""
    on_ui: list[str] = []
    real_status, real_render = compare_view.row_status, article_session.render
    monkeypatch.setattr(compare_view, "row_status",
                        lambda *a: on_ui.append("row_status") or real_status(*a))
    monkeypatch.setattr(article_session, "render",
                        lambda *a: on_ui.append("render") or real_render(*a))
    window.add_paths(SAMPLES)
    qtbot.waitUntil(lambda: settled_with(window, 4), timeout=30000)
    assert on_ui == []
    model = window.compare_view.model
    kinds = [model.row_kind(r) for r in range(model.rowCount())]
    assert kinds == list(compare_job.row_kinds(window.comparison))
    assert "changed" in kinds and "same" in kinds
    words = window.session.word_count()
    assert words == compare_job.word_count(window.session.rendered) > 100
    assert f"clean article {words:,} words" in window.summary.text()


def test_a_rendering_made_under_other_decisions_is_not_used() -> None:
    """The user decided something while the comparison ran: the article is rendered again."""
    versions = [load_path(p) for p in SAMPLES[:2]]
    result = compare_for_window(versions, 0, DiffOptions(), {}, "majority", [1, 2], None,
                                _nothing)
    session = ArticleSession()
    session.set_draft(result.draft, result.rendering)
    assert session.rendered is result.rendering.rendered
    first = result.draft.passages[0]
    session.decisions["mine"] = Decision(keys=(first.key,), text="My own headline")
    session.set_draft(result.draft, result.rendering)
    assert session.rendered is not result.rendering.rendered
    assert session.rendered.text.startswith("My own headline")
    assert session.word_count() == compare_job.word_count(session.rendered)


def test_the_article_document_is_filled_off_the_ui_thread_and_stays_editable(
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(article_document, "PREPARE_ABOVE", 0)
    built: list[tuple[int, object]] = []
    real_prepare = article_document.prepare

    def prepare(result):
        prepared = real_prepare(result)
        built.append((threading.get_ident(), prepared.document[1]))
        return prepared

    monkeypatch.setattr("gui.main_window.prepare_document", prepare)
    editor = window.clean_view.editor
    set_on_ui: list[int] = []
    real_set = editor.setPlainText
    monkeypatch.setattr(editor, "setPlainText",
                        lambda text: set_on_ui.append(len(text)) or real_set(text))
    window.add_paths(SAMPLES[:2])
    qtbot.waitUntil(lambda: settled_with(window, 2), timeout=30000)
    thread, document = built[-1]
    assert thread != threading.get_ident()
    assert editor.document() is document
    assert editor.toPlainText() == window.session.rendered.text
    assert not [n for n in set_on_ui if n]  # the article never went through setPlainText
    assert not document.isUndoRedoEnabled()
    # the user's typing in the taken-over document is recorded and undoable
    cursor = editor.textCursor()
    cursor.setPosition(0)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, "Mine: ")
    window.clean_view.flush()
    assert window.session.rendered.text.startswith("Mine: ")
    window.undo_action.trigger()
    assert not editor.toPlainText().startswith("Mine: ")


def _doubled(value: int) -> tuple[int, int]:
    return value * 2, threading.get_ident()


def test_then_runs_on_the_worker_thread_and_its_value_is_delivered(qtbot) -> None:
    runner = TaskRunner()
    with qtbot.waitSignal(runner.finished, timeout=10000) as done:
        runner.start(lambda token, report: 21, then=_doubled)
    value, thread = done.args[0]
    assert value == 42 and thread != threading.get_ident()


def test_many_marks_are_banded_per_pixel_row_like_row_by_row(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = 6_000
    table = QTableView()
    table.setModel(QStandardItemModel(rows, 1))
    qtbot.addWidget(table)
    header = table.verticalHeader()
    for row in range(0, rows, 7):
        header.resizeSection(row, 60)  # rows of uneven heights
    marks = [(r, "moved" if r % 3 == 0 else "changed") for r in range(rows)
             if r % 1000 < 400 or r % 97 == 0]
    assert len(marks) > overview_strip.LARGE_MARKS
    strip = OverviewStrip(header, table.verticalScrollBar())
    qtbot.addWidget(strip)
    strip.resize(14, 700)
    strip.set_marks(marks)
    monkeypatch.setattr(overview_strip, "LARGE_MARKS", 10**9)
    by_row = strip._current_bands()
    monkeypatch.undo()
    walked: list[int] = []
    real_position = header.sectionPosition
    monkeypatch.setattr(header, "sectionPosition",
                        lambda row: walked.append(row) or real_position(row))
    strip.set_marks(list(marks))
    by_pixel = strip._current_bands()
    assert walked == []  # no row-by-row walk
    assert len(by_pixel) < 200

    def pixels(bands) -> set[int]:
        return {y for top, bottom, _ in bands for y in range(int(top), int(bottom))}

    assert len(pixels(by_row) ^ pixels(by_pixel)) <= 2 * len(by_row) + 4  # edges only
    kinds = {kind for *_, kind in by_pixel}
    assert kinds == {"moved", "changed"}


def test_word_counts_come_from_the_loader_not_the_view(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load_paths(SAMPLES[:2], None, _nothing)
    assert loaded.words == tuple(v.word_count for v in loaded.versions)
    model = VersionsModel()

    def counted(self: Version) -> int:
        raise AssertionError("words counted on the UI thread")

    monkeypatch.setattr(Version, "word_count", property(counted))
    model.add(list(loaded.versions), loaded.words)
    assert model.data(model.index(1, 2)) == f"{loaded.words[1]:,}"


def _book(words: int, seed: int) -> str:
    import random

    rng = random.Random(seed)
    vocabulary = [f"{a}{b}{c}" for a in "bdgklmnprst" for b in "aeiou" for c in "lmnrst"]
    out = [rng.choice(vocabulary) for _ in range(words)]
    return "\n\n".join(" ".join(out[i : i + 80]) + "." for i in range(0, words, 80))


def test_cancel_during_a_big_comparison_keeps_what_is_shown_and_the_users_edit(
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.add_paths(SAMPLES[:2])
    qtbot.waitUntil(lambda: settled_with(window, 2), timeout=30000)
    shown = window.comparison
    editor = window.clean_view.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Kept: ")
    window.clean_view.flush()
    decisions = dict(window.session.decisions)
    assert decisions and editor.toPlainText().startswith("Kept: ")

    monkeypatch.setattr(compare_job, "PROCESS_ABOVE", 1_000)
    for name, seed in (("a.txt", 1), ("b.txt", 2)):
        (tmp_path / name).write_text(_book(120_000, seed), encoding="utf-8")
    before = {p.pid for p in multiprocessing.active_children()}
    window.add_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    qtbot.waitUntil(lambda: window.comparer.busy and len(window.versions.entries) == 4,
                    timeout=60000)
    window.cancel_button.click()
    assert not window.comparer.busy and not window.cancel_button.isVisible()
    qtbot.wait(500)
    assert window.comparison is shown  # the cancelled result never replaces it
    assert window.session.decisions == decisions
    assert editor.toPlainText().startswith("Kept: ")
    assert window.summary.text().startswith("Cancelled")
    qtbot.waitUntil(lambda: len({p.pid for p in multiprocessing.active_children()} - before)
                    <= 1, timeout=5000)
