"""Show Only Differences shows what is kept only for orientation compact: a passage with
nothing marked (context around a difference, a copy equal to the reference, a passage only
some copies carry, the same in each) is a one-line preview that opens whole as the current
row, and fold rows are as thin as their label."""

from __future__ import annotations

import doctest

import pytest

import core.trim as trim_module
from core.highlight import Span
from core.trim import PREVIEW_LENGTH, TRIM_MARK, is_preview, shown_length

pytest.importorskip("pytestqt")

from PySide6.QtGui import QFont, QFontMetricsF

from gui.cell_delegate import (
    CELL_ROLE,
    PAD_Y,
    CellContent,
    build_document,
    fold_height,
    small_font,
)
from gui.colours import Scheme
from tests.test_folding_rule import _settle, _view, syndicated


@pytest.fixture(scope="module")
def copies():
    return syndicated(copies=13)


def test_trim_doctests() -> None:
    assert doctest.testmod(trim_module).failed == 0


def test_a_passage_with_nothing_marked_counts_as_one_line() -> None:
    same = [Span("the same words in every copy " * 20, "")]
    changed = [Span("the same words " * 20, ""), Span("new", "ins")]
    assert is_preview(same) and shown_length(same) == PREVIEW_LENGTH
    assert not is_preview(changed) and shown_length(changed) > 20


def _content(view, row: int, version: int) -> CellContent:
    return view.model.index(row, version).data(CELL_ROLE)


def _one_line(view) -> float:
    """The most a row of one line of text is: half a line short of two."""
    return 1.5 * view.table.fontMetrics().lineSpacing() + 2 * PAD_Y + 1


def test_context_passages_are_one_line_and_open_whole_when_current(qtbot, copies) -> None:
    view = _view(qtbot, copies, show_removed=True)
    model = view.model
    view.set_context(1)
    view.set_only_differences(True)
    _settle(qtbot, view)
    context = [r for r in range(model.rowCount()) if not view.is_row_hidden(r)
               and r not in model.folds and not model.differs(r)]
    assert len(context) >= 2
    row = next(r for r in context if r != view.current_row())
    whole = view.model.comparison.cell_text(row, 0)
    content = _content(view, row, 0)
    assert content.preview
    one_line = view.table.rowHeight(row)
    assert one_line < _one_line(view)
    view.set_current_row(row)  # the passage being read opens whole
    _settle(qtbot, view)
    assert not _content(view, row, 0).preview
    assert "".join(s.text for s in _content(view, row, 0).spans) == whole
    assert view.table.rowHeight(row) > one_line
    view.set_current_row(next(r for r in context if r != row))
    _settle(qtbot, view)
    assert _content(view, row, 0).preview and view.table.rowHeight(row) == one_line
    view.set_only_differences(False)  # whole again
    _settle(qtbot, view)
    assert not _content(view, row, 0).preview


def test_in_a_differing_row_only_the_marked_cells_keep_their_words(qtbot, copies) -> None:
    view = _view(qtbot, copies)
    view.set_only_differences(True)
    _settle(qtbot, view)
    model = view.model
    row = next(r for r in range(model.rowCount()) if model.row_kind(r) == "changed"
               and not view.is_row_hidden(r) and r not in model.folds)
    view.set_current_row(next(r for r in range(model.rowCount()) if r != row))
    _settle(qtbot, view)
    contents = [_content(view, row, v) for v in range(model.columnCount())]
    marked = [c for c in contents if any(s.mark not in ("", TRIM_MARK) for s in c.spans)]
    equal = [c for c in contents if not c.gap and c not in marked]
    assert marked and equal  # one copy reworded the passage, the others did not
    assert all(not c.preview for c in marked) and all(c.preview for c in equal)


def test_a_passage_only_some_copies_carry_is_one_line(qtbot, copies) -> None:
    view = _view(qtbot, copies, show_removed=True)
    view.set_only_differences(True)
    _settle(qtbot, view)
    model = view.model
    rows = [r for r in range(model.rowCount()) if model.row_kind(r) == "partial"
            and not view.is_row_hidden(r) and r not in model.folds
            and r != view.current_row()]
    unmarked = [r for r in rows if all(c.gap or c.preview for c in
                                       (_content(view, r, v) for v in range(model.columnCount())))]
    assert unmarked
    for row in unmarked:
        assert view.table.rowHeight(row) < _one_line(view)


def test_a_preview_is_one_line_elided_with_its_find_matches_on_it(qapp) -> None:
    font = QFont()
    scheme = Scheme.from_palette(qapp.palette())
    text = "Alpha beta gamma delta " * 30 + "Omega"
    content = CellContent((Span(text, ""),), preview=True,
                          finds=((6, 10, False), (len(text) - 5, len(text), True)))
    doc = build_document(content, font, scheme, 300)
    shown = doc.toPlainText()
    assert shown.endswith("\u2026") and len(shown) < len(text)
    assert doc.documentLayout().blockBoundingRect(doc.begin()).height() < \
        1.5 * QFontMetricsF(font).lineSpacing()
    # the match on the line kept is drawn, the one cut away is not
    found = [f for f in doc.begin().textFormats() if f.format.background().color()
             in (scheme.find, scheme.find_current)]
    assert [(f.start, f.length) for f in found] == [(6, 4)]
    short = build_document(CellContent((Span("Short.", ""),), preview=True), font, scheme,
                           300)
    assert short.toPlainText() == "Short."


def test_fold_rows_are_as_thin_as_their_label_and_follow_the_text_size(qtbot, copies
                                                                       ) -> None:
    view = _view(qtbot, copies)
    view.set_only_differences(True)
    _settle(qtbot, view)
    row = next(iter(view.fold_rows()))
    label = QFontMetricsF(small_font(view.table.font())).lineSpacing()
    assert label <= view.table.rowHeight(row) <= label + 8
    assert view.table.rowHeight(row) < view.table.fontMetrics().lineSpacing() + 10
    before = view.table.rowHeight(row)
    view.zoom(6)
    _settle(qtbot, view)
    assert view.table.rowHeight(row) > before
    assert view.table.rowHeight(row) == fold_height(view.table.font())


def test_trimmed_estimates_beyond_their_time_budget_follow_in_ticks(qtbot, copies,
                                                                    monkeypatch) -> None:
    import gui.compare_view as compare_view

    whole = _view(qtbot, copies)
    whole.set_only_differences(True)
    _settle(qtbot, whole)
    monkeypatch.setattr(compare_view, "EAGER_SECONDS", 0.0)
    view = _view(qtbot, copies)
    calls = []
    estimate = view._estimate
    monkeypatch.setattr(view, "_estimate", lambda row: calls.append(row) or estimate(row))
    view.set_only_differences(True)
    assert len(calls) <= 3  # one row, and the current one's scroll: the rest in ticks
    assert len(view._estimating) > 3  # queued for the ticks, not dropped
    _settle(qtbot, view)
    # the ticks estimate the queue, or the exact pass measures a row first (under load)
    assert not view._estimating
    assert view.shown_height() == whole.shown_height()


def test_a_cleared_cache_deletes_its_documents_a_few_at_a_time(qapp) -> None:
    from PySide6.QtGui import QTextDocument

    from gui.cell_delegate import DocumentCache

    retired = []
    cache = DocumentCache(on_retire=lambda: retired.append(True))
    for i in range(500):
        cache.put((i, 0, 100), QTextDocument())
    cache.clear()
    assert len(cache) == 0 and cache.retired() == 500 and retired
    while cache.drain(0.0):
        assert cache.retired() < 500
    assert cache.retired() == 0
