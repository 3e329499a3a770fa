"""Reading many versions: folds, the frozen base column, sideways F7 and find, the place
kept across recomputes, column widths and header tooltips."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetricsF

from core.compare import Comparison, DiffOptions, compare
from core.model import Block, BlockKind, Format, Version
from gui.cell_delegate import (
    CELL_ROLE,
    PAD_X,
    PAD_Y,
    build_document,
    small_font,
)
from gui.compare_view import CompareView
from gui.folding import fold_runs

SENTENCE = ("the council said new rules would apply from next year while critics warned that "
            "costs could rise for families in the north and the south of the region")
WORDS = SENTENCE.split(" ")


def _paragraphs(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 50))) + f" ({i})."
            for i in range(count)]


def _version(name: str, texts: list[str]) -> Version:
    return Version(name, Format.TEXT, "utf-8",
                   tuple(Block(BlockKind.PARAGRAPH, t) for t in texts))


def many_versions(count: int = 13, paragraphs: int = 60) -> Comparison:
    """``count`` copies of one story: every tenth passage edited in one copy."""
    base = _paragraphs(paragraphs)
    versions = []
    for v in range(count):
        texts = list(base)
        for i in range(5 + v % 3, paragraphs, 10):
            if (i // 10) % count == v % count or v == count - 1:
                texts[i] = texts[i].replace(" the ", " a ", 1) + " Updated."
        versions.append(_version(f"copy-{v:02d}-of-a-rather-long-outlet-name.txt", texts))
    return compare(versions)


@pytest.fixture(scope="module")
def thirteen() -> Comparison:
    return many_versions()


def _view(qtbot, comparison: Comparison, width: int = 1400, height: int = 900) -> CompareView:
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    view.set_comparison(comparison)
    qtbot.waitUntil(lambda: not view.layout_pending(), timeout=30000)
    return view


def _settle(qtbot, view: CompareView) -> None:
    qtbot.waitUntil(lambda: not view.layout_pending(), timeout=30000)


def test_fold_runs_rule() -> None:
    differs = [False] * 4 + [True] + [False] * 6 + [True] + [False]
    assert fold_runs(differs, set(), context=0) == [[0, 1, 2, 3], [5, 6, 7, 8, 9, 10]]
    assert fold_runs(differs, set(), context=2) == [[0, 1], [7, 8]]
    assert fold_runs(differs, set(), context=3) == []  # a run of one is not folded
    assert fold_runs(differs, {0, 1}, context=0) == [[2, 3], [5, 6, 7, 8, 9, 10]]
    assert fold_runs([], set(), context=1) == []


def test_only_differences_folds_to_half_and_restores_every_passage(qtbot, thirteen) -> None:
    view = _view(qtbot, thirteen)
    rows = view.model.rowCount()
    full = view.shown_height()
    view.set_only_differences(True)
    _settle(qtbot, view)
    folds = view.fold_rows()
    assert folds and view.shown_height() <= full / 2
    shown = [r for r in range(rows) if not view.is_row_hidden(r)]
    # every row is shown, folded into a fold row, or a fold row itself
    assert sum(folds.values()) + len([r for r in shown if r not in folds]) == rows
    for row in folds:
        assert view.table.rowHeight(row) == view.delegate.fold_height
        content = view.model.index(row, 0).data(CELL_ROLE)
        assert content.fold == f"{folds[row]} identical passages"
        assert not view.model.differs(row)
    assert all(view.model.differs(r) or r in folds or _near_difference(view, r, 2)
               for r in shown)
    view.set_only_differences(False)
    _settle(qtbot, view)
    assert not view.fold_rows()
    assert not any(view.is_row_hidden(r) for r in range(rows))
    assert view.shown_height() == full


def _near_difference(view: CompareView, row: int, context: int) -> bool:
    return any(0 <= r < view.model.rowCount() and view.model.differs(r)
               for r in range(row - context, row + context + 1))


def test_context_setting_keeps_passages_around_each_difference(qtbot, thirteen) -> None:
    view = _view(qtbot, thirteen)
    view.set_only_differences(True)
    heights = {}
    for context in (0, 1, 2, 3):
        view.set_context(context)
        _settle(qtbot, view)
        heights[context] = view.shown_height()
        for row in range(view.model.rowCount()):
            if not view.is_row_hidden(row) and row not in view.fold_rows():
                # within the context, or a lone identical row (never folded) just beyond
                assert _near_difference(view, row, context + 1)
    assert heights[0] < heights[1] < heights[2] < heights[3]
    assert view.context() == 3


def test_clicking_or_enter_unfolds(qtbot, thirteen) -> None:
    view = _view(qtbot, thirteen)
    view.set_only_differences(True)
    view.set_context(0)
    _settle(qtbot, view)
    first, second = sorted(view.fold_rows())[:2]
    count = view.fold_rows()[first]
    rect = view.table.visualRect(view.model.index(first, 0))
    target = view.frozen if view.frozen.active else view.table
    qtbot.mouseClick(target.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert first not in view.fold_rows()
    assert not any(view.is_row_hidden(r) for r in range(first, first + count))
    view.table.setFocus()
    view.set_current_row(second)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert second not in view.fold_rows()
    assert view.model.index(second, 0).data(CELL_ROLE).fold is None


def test_going_to_a_folded_row_unfolds_it_and_f7_skips_folds(qtbot, thirteen) -> None:
    view = _view(qtbot, thirteen)
    view.set_only_differences(True)
    view.set_context(0)
    _settle(qtbot, view)
    start = min(view.fold_rows())
    inside = start + 1
    assert view.is_row_hidden(inside)
    view.set_current_row(inside)
    assert not view.is_row_hidden(inside) and view.current_row() == inside
    view.set_current_row(0)
    while view.next_difference():
        assert view.model.differs(view.current_row())
        assert view.current_row() not in view.fold_rows()


def test_base_column_frozen_while_the_others_scroll(qtbot, thirteen) -> None:
    view = _view(qtbot, thirteen, width=1000)
    header = view.table.horizontalHeader()
    base = thirteen.base
    assert header.visualIndex(base) == 0
    assert view.frozen.active and view.frozen.column == base
    widths = [view.table.columnWidth(c) for c in range(13)]
    assert min(widths) >= view.readable_width()
    # as many columns as fit share the width exactly
    fitting = view.table.viewport().width() // view.readable_width()
    assert widths[0] == view.table.viewport().width() // fitting
    bar = view.table.horizontalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    assert view.frozen.isVisible() and view.frozen.x() <= view.table.verticalHeader().width() + 2
    assert view.frozen.width() == view.table.columnWidth(base)
    assert view.frozen.rowHeight(5) == view.table.rowHeight(5)
    view.table.setRowHeight(5, view.table.rowHeight(5) + 7)  # followed while shown
    assert view.frozen.rowHeight(5) == view.table.rowHeight(5)
    wide = _view(qtbot, many_versions(3), width=1400)
    assert not wide.frozen.active


def test_a_hidden_base_column_takes_no_call_per_row_resized(qtbot, monkeypatch) -> None:
    """A huge comparison resizes every row at once: a hidden frozen column must not be
    called for each (14,754 Python calls took 31 ms of the UI thread)."""
    from gui.frozen_column import FrozenColumn

    calls: list[int] = []
    original = FrozenColumn._row_resized
    monkeypatch.setattr(FrozenColumn, "_row_resized",
                        lambda self, row, old, new: (calls.append(row),
                                                     original(self, row, old, new)))
    wide = _view(qtbot, many_versions(3), width=1400)
    assert not wide.frozen.active
    header = wide.table.verticalHeader()
    header.setDefaultSectionSize(header.defaultSectionSize() + 5)
    wide.table.setRowHeight(1, 90)
    assert calls == []


def test_f7_scrolls_sideways_to_the_differing_cell(qtbot, thirteen) -> None:
    view = _view(qtbot, thirteen, width=1000)
    covered = view.frozen.width_covered()
    seen_columns = set()
    view.set_current_row(-1)
    while view.next_difference():
        row = view.current_row()
        column = view.table.currentIndex().column()
        assert view.model.cell_differs(row, column)
        left = view.table.horizontalHeader().sectionViewportPosition(column)
        right = left + view.table.columnWidth(column)
        assert left >= covered - 1 and right <= view.table.viewport().width() + 1
        seen_columns.add(column)
    assert max(seen_columns) >= 10  # the last copy's column was reached


def test_find_marks_every_match_and_scrolls_to_it(qtbot, thirteen) -> None:
    view = _view(qtbot, thirteen, width=1000)
    total = view.set_find("updated")
    expected = sum(thirteen.cell_text(r, v).lower().count("updated")
                   for r in range(len(thirteen.alignment.rows)) for v in range(13))
    assert total == expected > 3
    assert view.set_find("Updated", match_case=True) == expected
    assert view.set_find("UPDATED", match_case=True) == 0
    view.set_find("Updated")
    view.set_current_row(0)
    for step in range(3):
        assert view.step_match(1) == step
        row, version = view.current_row(), view.table.currentIndex().column()
        content = view.model.index(row, version).data(CELL_ROLE)
        assert any(current for _, _, current in content.finds)
        assert "Updated" in thirteen.cell_text(row, version)
        left = view.table.horizontalHeader().sectionViewportPosition(version)
        assert left >= view.frozen.width_covered() - 1 or version == thirteen.base
    assert view.step_match(-1) == 1
    view.set_find("")
    assert not view.model.finds


def test_find_leaves_out_hidden_removed_passages(qtbot) -> None:
    texts = ["Cookie notice: we use cookies on this site.", *_paragraphs(6, seed=2)]
    comparison = compare([_version("a.txt", texts), _version("b.txt", texts)])
    view = _view(qtbot, comparison)
    view.set_show_dropped(True)
    shown = view.set_find("cookies")
    assert shown == 2
    view.set_show_dropped(False)  # the cookie banner is left out of both: its row hides
    assert view.is_row_hidden(0)
    assert view.match_count() == shown - 2


def test_header_tooltips_name_the_version_in_full(qtbot, thirteen) -> None:
    view = _view(qtbot, thirteen, width=1000)
    header = view.table.horizontalHeader()
    assert header.textElideMode() == Qt.TextElideMode.ElideMiddle
    for column in range(13):
        tip = view.model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert tip.splitlines()[0] == thirteen.versions[column].name


def test_place_survives_a_recompute(qtbot) -> None:
    # more rows than are laid out at once: heights are estimated in timer ticks
    texts = _paragraphs(2100, seed=11)
    edited = [t.replace(" the ", " The ", 1) if i % 7 == 0 else t for i, t in enumerate(texts)]
    versions = [_version("a.txt", texts), _version("b.txt", edited)]
    results = [compare(versions), compare(versions, options=DiffOptions(ignore_case=True))]
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    view.set_comparison(results[0])
    view.set_current_row(1500)
    qtbot.wait(300)
    top, current = view.table.rowAt(0), view.current_row()
    offset = view.table.rowViewportPosition(top)
    for result in (results[1], results[0]):
        view.set_comparison(result)
        assert view.current_row() == current
        assert view.table.rowAt(0) == top
        qtbot.wait(300)  # heights keep being refined: the top row stays put
        assert view.table.rowAt(0) == top
        assert abs(view.table.rowViewportPosition(top) - offset) <= 2
    # another base: the rows are renumbered, the passages are found again
    text_top = view.comparison().cell_text(top, 0)
    view.set_comparison(compare(list(reversed(versions)), base=1))
    assert view.comparison().cell_text(view.table.rowAt(0), 1) == text_top


def test_fold_row_and_frozen_column_context_menu(qtbot, thirteen) -> None:
    view = _view(qtbot, thirteen, width=1000)
    row = 5
    rect = view.frozen.visualRect(view.model.index(row, thirteen.base))
    menus = []
    view.context_menu = lambda r, v: menus.append((r, v))  # type: ignore[method-assign]
    view._show_frozen_context_menu(QPoint(rect.center()))
    assert menus == [(row, thirteen.base)]


def test_frozen_rows_line_up_in_a_large_comparison(qtbot) -> None:
    texts = _paragraphs(2050, seed=5)
    edited = [t + " Updated." if i % 50 == 0 else t for i, t in enumerate(texts)]
    comparison = compare([_version("a.txt", texts), _version("b.txt", edited)])
    view = CompareView()
    qtbot.addWidget(view)
    view.resize(420, 800)
    view.show()
    view.set_comparison(comparison)
    assert view.frozen.active
    rows = view.model.rowCount()
    assert rows > 2000
    sample = list(range(0, rows, 97))
    assert all(view.frozen.rowHeight(r) == view.table.rowHeight(r) for r in sample)
    qtbot.wait(400)  # estimates and exact heights arrive in timer ticks
    assert all(view.frozen.rowHeight(r) == view.table.rowHeight(r) for r in sample)
    view.table.verticalScrollBar().setValue(view.table.verticalScrollBar().maximum() // 2)
    assert view.frozen.verticalScrollBar().value() == view.table.verticalScrollBar().value()


def test_a_gap_in_the_base_names_the_versions_that_have_the_passage(qtbot) -> None:
    texts = _paragraphs(4, seed=8)
    extra = "A passage that only two of the later copies carry, far to the right."
    versions = [_version(f"v{i}.txt", texts if i < 4 else [*texts[:2], extra, *texts[2:]])
                for i in range(6)]
    comparison = compare(versions)
    view = _view(qtbot, comparison, width=900)
    row = next(r for r, x in enumerate(comparison.alignment.rows) if not x.cells[0])
    note = view.model.index(row, 0).data(CELL_ROLE).note
    assert note == "not in the base · in 2 of 6: v4.txt, v5.txt"
    assert view.model.index(row, 1).data(CELL_ROLE).note is None  # only the base says it


def test_a_moved_badge_that_wraps_is_counted_before_the_exact_layout(qtbot) -> None:
    """Row heights start as estimates: one that forgot the badge's second line would cut
    off the cell's last line until the exact layout arrives."""
    texts = _paragraphs(8, seed=4)
    moved = [*texts[:1], *texts[2:6], texts[1], *texts[6:]]
    versions = [_version(f"v{i}.txt", texts if i % 2 == 0 else moved) for i in range(13)]
    view = _view(qtbot, compare(versions), width=1000)
    row = next(r for r, aligned in enumerate(view.comparison().alignment.rows) if aligned.moved)
    column = min(view.comparison().alignment.rows[row].moved)
    width = view.table.columnWidth(column)
    exact = view.delegate.cell_height(view.model.index(row, column), width)
    content = view.model.index(row, column).data(CELL_ROLE)
    small = QFontMetricsF(small_font(view.table.font()))
    assert small.horizontalAdvance(f"\u2009\u21c5 {content.badge}\u2009") > width - 2 * PAD_X
    plain = replace(content, badge=None)
    doc = build_document(plain, view.delegate.font, view.delegate.scheme, width - 2 * PAD_X)
    real = exact - (int(doc.size().height() + 0.999) + 2 * PAD_Y + 1)  # what the badge takes
    one_line = view._estimator._extra  # what an estimate counted for a badge before
    guess = one_line + view._estimator.badge_height(view._badge_chars, width)
    assert real - one_line > 8 and abs(real - guess) <= 4
    assert view.table.rowHeight(row) >= exact  # and once laid out, nothing is cut off
